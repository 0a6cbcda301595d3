"""sq run --samples-out (csv, npz, parquet round trips), --json --flat and --show's
did-you-mean."""
import csv
import json
import math

import numpy as np
import pytest

import dsl
from dsl.front.cli import main

MODEL = """@name("Cost")
@doc("per unit")
cost = 5 to 10
units = 120
total = cost * units
tail = 1 / uniform(0, 1) - 1 / uniform(0, 1) + (cost > 9 ? 1/0 : 0)
@hide
secret = normal(0, 1)
names = ["a", "b"]
"""
N = 3000


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "m.sq"
    path.write_text(MODEL)
    return path


@pytest.fixture(scope="module")
def expected(model):
    return dsl.run_file(str(model), samples=N, seed=7)


def sq(*args):
    return main(["run", *map(str, args), "--samples", str(N), "--seed", "7"])


def check_columns(columns: dict, expected):
    assert list(columns) == ["cost", "total", "tail"]  # no number, list or @hide
    for name, values in columns.items():
        np.testing.assert_array_equal(np.asarray(values, dtype=float),
                                      expected.bindings[name].samples)


def test_csv_round_trip(model, expected, tmp_path, capsys):
    out = tmp_path / "s.csv"
    assert sq(model, "--samples-out", out) == 0
    assert "Cost (cost)" in capsys.readouterr().out  # the report is printed as usual
    with open(out, newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == N + 1
    columns = {name: [float(r[i]) for r in rows[1:]] for i, name in enumerate(rows[0])}
    check_columns(columns, expected)
    assert math.inf in columns["tail"]  # infinities survive


def test_npz_round_trip(model, expected, tmp_path, capsys):
    out = tmp_path / "s.npz"
    assert sq(model, "--samples-out", out, "--show", "total", "cost", "tail") == 0
    with np.load(out, allow_pickle=False) as archive:
        check_columns({n: archive[n] for n in archive.files}, expected)


def test_parquet_round_trip(model, expected, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet", reason='pyarrow is not installed '
                                                       '(pip install "sqdsl[pandas]")')
    out = tmp_path / "s.parquet"
    assert sq(model, "--samples-out", out) == 0
    table = pq.read_table(out)
    check_columns({n: table[n].to_numpy() for n in table.column_names}, expected)


def test_parquet_without_pyarrow_says_which_extra(model, tmp_path, capsys, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    assert sq(model, "--samples-out", tmp_path / "s.parquet") == 1
    err = capsys.readouterr().err
    assert "needs pyarrow, which is not installed" in err and 'sqdsl[pandas]' in err
    assert not (tmp_path / "s.parquet").exists()


@pytest.mark.parametrize("args, message", [
    (["--samples-out", "s.txt"], "should end in .csv, .npz or .parquet"),
    (["--samples-out", "s.csv", "--show", "units"], "no distribution-valued bindings"),
    (["--samples-out", "/nonexistent-dir/s.csv"], "cannot write"),
    (["--flat"], "--flat goes with --json"),
    (["--json", "--flat", "--sensitivity", "total"], "no place for --sensitivity"),
    (["--show", "totl"], "no top-level binding named totl; did you mean total?"),
])
def test_usage_errors(model, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert sq(model, *args) == 1
    captured = capsys.readouterr()  # with --json, the error is a JSON object on stdout
    assert message in (captured.out if "--json" in args else captured.err)


def test_json_flat(model, expected, capsys):
    assert sq(model, "--json", "--flat") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["cost", "units", "total", "tail", "names"]
    keys = ["name", "label", "doc", "type", "mean", "stdev", "p5", "p25", "p50", "p75",
            "p95", "value"]
    assert all(list(r) == keys for r in rows)
    cost, units, total, tail, names = rows
    assert (cost["label"], cost["doc"], cost["type"]) == ("Cost", "per unit", "Distribution")
    assert cost["p5"] == pytest.approx(5) and cost["p95"] == pytest.approx(10)
    t = expected.bindings["total"].samples
    assert total["mean"] == pytest.approx(t.mean()) and total["stdev"] == pytest.approx(t.std())
    assert total["p25"] == pytest.approx(np.quantile(t, 0.25))
    assert total["value"] == expected.bindings["total"].summary()
    assert units["mean"] == 120 and units["stdev"] == 0 and units["label"] is None
    assert tail["mean"] == "Infinity" or tail["mean"] == "NaN"  # DESIGN.md's strings
    assert names["type"] == "List" and names["mean"] is None
    assert names["value"] == {"type": "list", "items": [{"type": "string", "value": "a"},
                                                         {"type": "string", "value": "b"}]}


def test_json_flat_loads_into_pandas(model, capsys):
    pd = pytest.importorskip("pandas", reason='pip install "sqdsl[pandas]"')
    import io
    assert sq(model, "--json", "--flat") == 0
    frame = pd.read_json(io.StringIO(capsys.readouterr().out))
    assert list(frame["name"]) == ["cost", "units", "total", "tail", "names"]
    assert frame.loc[1, "mean"] == 120
