"""Golden tests of the JSON document (dsl.render.json): each tests/render/cases/NAME.sq
run at 2,000 samples must give tests/render/golden/NAME.json (floats compared to 9
significant digits); the charts' shapes are checked too. Regenerate with
``SQDSL_REGEN=1 python -m pytest tests/render/test_json.py`` and look at the diff."""
import json
import math
import os
from pathlib import Path

import pytest

import dsl
from dsl.front.cli import main
from dsl.render.json import run_json

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.sq"))


def rounded(x):
    if isinstance(x, float):
        return float(f"{x:.9g}") if math.isfinite(x) else x
    if isinstance(x, list):
        return [rounded(v) for v in x]
    if isinstance(x, dict):
        return {k: rounded(v) for k, v in x.items()}
    return x


def document(path):
    return run_json(dsl.run(path.read_text(), samples=2000, seed=1))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_json(path):
    actual = rounded(json.loads(json.dumps(document(path), allow_nan=False)))
    expected = HERE / "golden" / f"{path.stem}.json"
    if os.environ.get("SQDSL_REGEN") == "1":
        expected.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n")
    assert actual == json.loads(expected.read_text())


def test_existing_values_are_unchanged_and_names_docs_added():
    doc = document(HERE / "cases" / "dists.sq")["bindings"]
    # DESIGN's keys keep their meaning; "se" (each figure's Monte Carlo error) is added
    assert set(doc["normalish"]) == {"type", "mean", "stdev", "quantiles", "se"}
    assert doc["wide"]["doc"] == "Six orders of magnitude: a log axis."
    doc = run_json(dsl.run('@name("Cost")\nc = 3', samples=10))["bindings"]["c"]
    assert doc == {"type": "number", "value": 3.0, "name": "Cost"}


def test_charts_of_functions_plots_and_the_calculators_result():
    doc = document(HERE / "cases" / "pictures.sq")["bindings"]
    fan = doc["fan"]["chart"]
    assert fan["kind"] == "fan" and [l["type"] for l in fan["layers"]] == \
        ["band", "band", "line"]
    assert [l.get("level") for l in fan["layers"][:2]] == [0.9, 0.5]
    logged = doc["logged"]["chart"]
    assert logged["x"]["scale"] == "log" and logged["layers"][0]["type"] == "bars"
    assert {m["kind"] for m in logged["markers"]} == {"mean", "median"}
    assert doc["calc"]["result"]["type"] == "dist"
    assert abs(doc["calc"]["result"]["mean"] - 3 * 2.9) < 0.3
    line = doc["line"]["chart"]["layers"][0]
    assert line["ys"][0] == pytest.approx(9) and min(line["ys"]) >= 0
    functions = document(HERE / "cases" / "functions.sq")["bindings"]
    assert "chart" not in functions["plain"]
    assert functions["launch"]["chart"]["x"]["scale"] == "date"
    assert functions["steps"]["chart"]["layers"][0]["ys"][:2] == [1, 1]


def test_cli_json_carries_the_same(tmp_path, capsys):
    model = tmp_path / "m.sq"
    model.write_text('@doc("d")\nf(x: [0, 1]) = x\n')
    assert main(["run", str(model), "--json", "--samples", "100"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["bindings"]["f"]["doc"] == "d"
    assert out["bindings"]["f"]["chart"]["layers"][0]["ys"][-1] == 1
