"""``sq run --samples-out FILE``: every distribution-valued binding's samples, one column
each, one row per sample, in the format the file's ending names:

- ``.csv``: a header of binding names, then the samples, each written in full
  (``repr``: 17 significant digits, ``inf``/``-inf`` for infinities), so it reads back
  exactly;
- ``.npz``: numpy's archive, one float64 array per binding (``np.load(path)``, no
  pickles);
- ``.parquet``: one float64 column per binding, through pyarrow, which is optional
  (``pip install "sqdsl[pandas]"``); without it, a DslError that says so.

``--json --flat``'s rows (``flat_rows``) are here too: one record per binding.
"""
from __future__ import annotations

import os

import numpy as np

from ..base.errors import DslError
from ..engine.frames import optional, sample_columns, summary_rows
from ..engine.values import json_number

__all__ = ["FORMATS", "write_samples", "flat_rows"]

FORMATS = (".csv", ".npz", ".parquet")


def write_samples(path: str, info: dict) -> int:
    """Write the samples of the distribution-valued bindings in ``info`` (name ->
    Binding, hidden ones left out) to ``path``; returns the number of columns."""
    ending = os.path.splitext(path)[1].lower()
    if ending not in FORMATS:
        raise DslError(f"--samples-out: {path!r} should end in .csv, .npz or .parquet "
                       "(the format is chosen by the ending)")
    columns = sample_columns(info)
    if not columns:
        raise DslError("--samples-out: the model has no distribution-valued bindings to "
                       "write")
    try:
        if ending == ".csv":
            _csv(path, columns)
        elif ending == ".npz":
            with open(path, "wb") as f:
                np.savez(f, **columns)
        else:
            _parquet(path, columns)
    except OSError as e:
        raise DslError(f"--samples-out: cannot write {path!r}: {e.strerror or e}") from None
    return len(columns)


def _csv(path: str, columns: dict) -> None:
    """Rows of full-precision numbers under a header (written in blocks of rows: 1e7
    samples of a dozen bindings is gigabytes)."""
    names = list(columns)
    table = np.column_stack([columns[n] for n in names])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(names) + "\n")
        for start in range(0, table.shape[0], 65_536):
            block = table[start:start + 65_536]
            f.write("\n".join(",".join(map(repr, row)) for row in block.tolist()) + "\n")


def _parquet(path: str, columns: dict) -> None:
    pa = optional("pyarrow", "pandas", "--samples-out to .parquet")
    pq = optional("pyarrow.parquet", "pandas", "--samples-out to .parquet")
    pq.write_table(pa.table({n: pa.array(v) for n, v in columns.items()}), path)


def flat_rows(info: dict) -> list[dict]:
    """``--json --flat``: one record per visible binding, {name, label, doc, type, mean,
    stdev, p5, p25, p50, p75, p95, value}; the figures are null for a value that is not
    a number or a distribution, non-finite ones the strings of DESIGN.md."""
    rows = summary_rows(info)
    for row in rows:
        for key, x in row.items():
            if isinstance(x, float):
                row[key] = json_number(x)
    return rows
