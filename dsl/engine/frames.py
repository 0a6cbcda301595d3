"""A run's values as tables: the samples of each distribution, and one summary row per
binding. Plain columns and rows here (``sample_columns``, ``summary_rows``, for the CLI's
``--samples-out`` and ``--json --flat``), pandas DataFrames on top of them
(``Result.to_pandas``, ``Result.summary_frame``) when pandas is installed.
"""
from __future__ import annotations

import importlib
from typing import Any

import numpy as np

from .dist import SUMMARY_QUANTILES, Dist
from ..base.errors import DslError
from .values import Number, Value, type_name

__all__ = ["sample_columns", "summary_rows", "samples_frame", "summary_frame",
           "optional", "FLAT_QUANTILES"]

# the quantiles of a summary row: p5, p25, p50, p75, p95
FLAT_QUANTILES = SUMMARY_QUANTILES


def optional(module: str, extra: str, what: str):
    """Import an optional dependency, or a DslError naming the extra that brings it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise DslError(f"{what} needs {module.split('.')[0]}, which is not installed: "
                       f'pip install "sqdsl[{extra}]"') from None


def sample_columns(info: dict) -> dict[str, np.ndarray]:
    """Name -> samples of every visible distribution-valued binding (``info``: a run's
    name -> Binding), in source order."""
    return {name: b.value.samples for name, b in info.items()
            if isinstance(b.value, Dist) and not b.hidden}


def _number(x: float):
    return float(x)


def summary_rows(info: dict) -> list[dict[str, Any]]:
    """One row per visible binding: name, label (@name), doc (@doc), type, mean, stdev,
    p5 ... p95 (numbers and distributions; None for other values) and value (the
    binding's JSON VALUE, DESIGN.md section 2)."""
    rows = []
    for name, b in info.items():
        if b.hidden:
            continue
        v: Value = b.value
        row: dict[str, Any] = {"name": name, "label": b.label, "doc": b.doc,
                               "type": type_name(v), "mean": None, "stdev": None}
        row.update({f"p{round(p * 100)}": None for p in FLAT_QUANTILES})
        if isinstance(v, Dist):
            mean, stdev, qs = v.stats()
            row.update(mean=_number(mean), stdev=_number(stdev))
            row.update({f"p{round(p * 100)}": _number(q) for p, q in zip(FLAT_QUANTILES, qs)})
        elif isinstance(v, Number):
            x = float(v.value)
            row.update(mean=x, stdev=0.0)
            row.update({f"p{round(p * 100)}": x for p in FLAT_QUANTILES})
        row["value"] = v.summary()
        rows.append(row)
    return rows


def samples_frame(result):
    """``Result.to_pandas()``: a DataFrame with one column per distribution-valued
    binding, one row per sample."""
    pd = optional("pandas", "pandas", "to_pandas()")
    return pd.DataFrame(sample_columns(result.info))


def summary_frame(result):
    """``Result.summary_frame()``: one row per binding, indexed by name, with label,
    doc, type, mean, stdev and the p5 ... p95 quantiles (NaN where a value has none)."""
    pd = optional("pandas", "pandas", "summary_frame()")
    rows = summary_rows(result.info)
    for row in rows:
        del row["value"]
    columns = ["name", "label", "doc", "type", "mean", "stdev",
               *(f"p{round(p * 100)}" for p in FLAT_QUANTILES)]
    frame = pd.DataFrame(rows, columns=columns)
    numeric = columns[4:]
    frame[numeric] = frame[numeric].astype(float)
    return frame.set_index("name")
