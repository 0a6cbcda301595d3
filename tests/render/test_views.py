"""Values -> views (dsl.render.views): what each value looks like, checked on its data."""
import math
import re

import numpy as np
import pytest
from scipy import stats

import dsl
from dsl.render import calls, views
from dsl.render.chart import (Band, Bars, Chart, DistView, Line, Points, ProbabilityBar,
                              StackView, TableView, TextView)

N = 20_000


def value(source, name="v", samples=N):
    return dsl.run(source, samples=samples, seed=3).bindings[name]


def view(source, name="v", **options):
    return views.value_view(value(source, name), views.ViewOptions(samples=N, seed=3,
                                                                   **options))


def test_histogram_shares_and_markers():
    v = view("v = normal(10, 2)")
    assert isinstance(v, DistView)
    assert [k for k, _ in v.stats] == ["mean", "stdev", "5%", "25%", "50%", "75%", "95%"]
    chart = v.chart
    assert chart.kind == "histogram" and chart.x.scale == "linear"
    bars = chart.layers[0]
    assert isinstance(bars, Bars) and len(bars.edges) == len(bars.heights) + 1
    # the 1st to 99th percentile holds 98% of the samples
    assert sum(bars.heights) == pytest.approx(0.98, abs=2 / N)
    assert chart.x.lo == pytest.approx(10 - 2 * 2.326, abs=0.1)
    assert [m.kind for m in chart.markers] == ["mean", "median"]
    assert chart.markers[0].x == 10 and chart.markers[0].label == "mean 10"


def test_the_log_rule_and_a_models_scale():
    assert view("v = 1 to 1M").chart.x.scale == "log"
    assert view("v = 5 to 50").chart.x.scale == "linear"      # 1%-99%: under two decades
    assert view("v = normal(0, 1)").chart.x.scale == "linear"
    plot = view("v = Plot.dist(1 to 1M, {xScale: Scale.linear()})")
    assert plot.x.scale == "linear"
    plot = view("v = Plot.dist(1 to 1M)")                          # the default scale
    assert plot.x.scale == "log"
    bars = view("v = 1 to 1M").chart.layers[0]
    widths = np.diff(np.log10(bars.edges))
    assert np.allclose(widths, widths[0])                          # log-spaced bins


def test_cdf_on_request():
    chart = view("v = normal(0, 1)", cdf=True).chart
    line = chart.layers[0]
    assert chart.kind == "cdf" and isinstance(line, Line)
    ys = np.array(line.ys)
    se = math.sqrt(0.25 / N)
    assert np.all(np.abs(ys - stats.norm.cdf(line.xs)) < 5 * se + 1e-9)


def test_infinite_samples_and_constants():
    v = view("g = 0.5 to 2\nv = if g > 1 then 1 / (g - 1) else 1 / 0")
    assert v.chart is not None and v.notes[0].startswith("not plotted: the samples that are "
                                                         "Infinity (")
    v = view("v = 1 / (normal(1, 1) * 0 + 0)")
    assert v.chart is None and v.notes == ("no finite samples: Infinity (100%)",)
    v = view("v = pointMass(3)")  # a chart of one spike (test_point_masses_are_spikes)
    assert v.chart.layers[0].xs == (3.0,) and v.notes == ("every sample is 3",)


def test_a_condition_is_a_probability_bar():
    v = view("v = normal(0, 1) > 1")
    assert isinstance(v, ProbabilityBar)
    assert abs(v.p - (1 - stats.norm.cdf(1))) < 5 * math.sqrt(0.16 * 0.84 / N)
    assert view('v = Tag.format(normal(0, 1) > 1, ".0%")').label == "16%"


def test_format_applies_to_every_number():
    v = view('v = Tag.format(1k to 20k, "$,.0f")')
    assert dict(v.stats)["5%"] == "$1,000"
    assert all(t.label.startswith("$") for t in v.chart.x.ticks)
    assert v.chart.markers[0].label.startswith("mean $")


def test_a_function_with_a_domain_is_a_line_evaluated_once(monkeypatch):
    seen = []
    real = calls._call

    def counting(fn, x, samples, *args):
        seen.append(np.size(x))
        return real(fn, x, samples, *args)

    monkeypatch.setattr(calls, "_call", counting)
    chart = view("v(x: [0, 10]) = x * x", points=40)
    assert isinstance(chart, Chart) and chart.kind == "line"
    assert chart.x.lo == 0 and chart.x.hi == 10
    line = chart.layers[0]
    assert np.allclose(line.ys, np.square(line.xs))
    # one call at the middle (what it returns), one with all 40 points, two checks
    assert sorted(seen) == [1, 1, 1, 40]
    seen.clear()
    # `if` on a distribution selects element-wise: still one call
    chart = view("v(x: [0, 10]) = if x < 5 then 1 else 2", points=40)
    assert list(chart.layers[0].ys[:2]) == [1, 1] and chart.layers[0].ys[-1] == 2
    assert sorted(seen) == [1, 1, 1, 40]
    seen.clear()
    chart = view("v(x: [0, 10]) = List.length(List.upTo(0, x))", points=40)
    assert chart.layers[0].ys[0] == 1 and chart.layers[0].ys[-1] == 11
    assert seen.count(1) >= 40       # not element-wise: once a point


def test_a_function_without_a_domain_is_its_signature():
    assert view("v(x, y) = x + y") == TextView("v(x, y)")
    assert view("v(x) = x") == TextView("v(x)")


def test_a_distribution_function_is_a_fan_of_its_quantiles():
    chart = view("v(t: [0, 4]) = normal(t, 1)", points=5)
    assert chart.kind == "fan"
    wide, inner, median = chart.layers
    assert (wide.level, inner.level) == (0.9, 0.5) and isinstance(median, Line)
    n = views.FN_SAMPLES
    for p, ys in ((0.05, wide.lo), (0.5, median.ys), (0.75, inner.hi)):
        z = stats.norm.ppf(p)
        se = math.sqrt(p * (1 - p) / n) / stats.norm.pdf(z)
        assert np.all(np.abs(np.array(ys) - (np.array(median.xs) + z)) < 5 * se)


def test_a_date_domain_gets_a_date_axis():
    chart = view("v(d: Date.rangeDomain(Date(2024), Date(2030))) = toYears(d - Date(2024))")
    assert chart.x.scale == "date" and chart.x.ticks[0].label == "2024"
    assert chart.layers[0].ys[-1] == pytest.approx(6.0014, abs=1e-3)


def test_lists():
    assert view("v = []") == TextView("[]")
    assert view("v = [1, 2, 3, 4]") == TextView("[1, 2, 3, 4]")
    v = view("v = [1, 4, 2, 5, 7]")
    assert isinstance(v, StackView) and v.parts[1] == TextView("[1, 4, 2, 5, 7]")
    line, points = v.parts[0].layers
    assert line.ys == (1, 4, 2, 5, 7) and points.xs == (0, 1, 2, 3, 4)
    fan = view("v = List.map([1, 2, 3, 4, 5], {|i| normal(i, 1)})").parts[0]
    assert fan.kind == "fan" and fan.layers[2].ys == pytest.approx((1, 2, 3, 4, 5), abs=0.05)


def test_records_tables_and_calculators():
    v = view("v = {a: 1, b: {c: [1, 2]}}")
    assert v == TableView(("field", "value"), (("a", "1"), ("b", "{c: [1, 2]}")),
                          ("left", "left"))
    t = view('v = Table.make([1, 2], {columns: [{name: "n", fn: {|n| n}}, '
             '{fn: {|n| n == 2 ? [1][5] : "ok"}}]})')
    assert t.header == ("n", "column 2") and t.align == ("right", "left")
    # a string cell is bare, as Squiggle's table shows it
    assert t.rows[0] == ("1", "ok") and t.rows[1][1].startswith("error: ")
    c = view('v = Calculator.make({|a| a * 2}, {inputs: [Input.text({name: "a", '
             'default: "21"})]})')
    fields, result = c.parts
    assert fields.rows == (("a", "Text input", "21"),)
    assert result.parts == (TextView("42"),)


def test_scatter_and_several_distributions():
    chart = view("x = normal(0, 1)\nv = Plot.scatter({xDist: x, yDist: x * 2})")
    points = chart.layers[0]
    assert isinstance(points, Points) and len(points.xs) <= 2000
    assert np.allclose(np.array(points.ys), 2 * np.array(points.xs))
    chart = view("v = Plot.dists([normal(0, 1), normal(3, 1)])")
    assert [l.label for l in chart.layers] == ["dist 1", "dist 2"]


def test_records_with_the_same_keys_are_a_table():
    t = view('v = [{year: 2025, p: 0.5}, {year: 2026, p: 0.75}]')
    assert t == TableView(("#", "year", "p"), (("0", "2025", "0.5"), ("1", "2026", "0.75")),
                          ("right", "right", "right"))
    t = view('v = {a: {x: 1, s: "q"}, b: {x: 2, s: "r"}}')
    assert t.header == ("", "x", "s") and t.rows[1] == ("b", "2", "r")
    assert view('v = [{a: 1}, {b: 2}]') == TextView("[{a: 1}, {b: 2}]")  # keys differ


def test_string_cells_are_bare_in_text_html_and_json():
    source = ('v = Table.make(["a", "b"], {columns: [{name: "s", fn: {|x| x}}, '
              '{name: "nested", fn: {|x| [x]}}]})')
    t = view(source)
    # a string alone is bare; inside a list it is quoted, as the list's own text
    assert t.rows == (("a", '["a"]'), ("b", '["b"]'))
    from dsl.engine.values import String
    from dsl.render.html import view_html
    from dsl.render.json import view_json
    from dsl.render.text import draw_table
    assert draw_table(t)[1].split() == ["a", '["a"]']
    assert "<td>a</td><td>[&quot;a&quot;]</td>" in view_html(t)
    assert view_json(t)["rows"][0] == ["a", '["a"]']
    # a control character in a bare cell is written as its escape, never sent
    assert views.cell_text(String("b\x1b[31m\n")) == "b\\u001b[31m\\n"


def test_point_masses_are_spikes():
    from dsl.render.chart import Spikes
    # a point mass alone: one spike holding every sample, in the middle of its axis
    chart = view("v = pointMass(3)").chart
    (spike,) = chart.layers
    assert isinstance(spike, Spikes) and spike.xs == (3.0,) and spike.heights == (1.0,)
    assert spike.labels == ("3: 100%",) and chart.x.lo < 3 < chart.x.hi
    assert {m.kind for m in chart.markers} == {"mean", "median"}
    # a constant in a mixture: its spike holds its weight (binomial error), the bars
    # the rest, every bar's share of all samples, none of them at 3
    chart = view("v = mx(3, normal(10, 1), [0.3, 0.7])").chart
    bars, spike = chart.layers
    assert isinstance(bars, Bars) and isinstance(spike, Spikes) and spike.xs == (3.0,)
    se = math.sqrt(0.3 * 0.7 / N)
    assert abs(spike.heights[0] - 0.3) < 5 * se
    assert sum(bars.heights) + spike.heights[0] == pytest.approx(
        1 - np.count_nonzero(value("v = mx(3, normal(10, 1), [0.3, 0.7])").samples > chart.x.hi)
        / N - np.count_nonzero(value("v = mx(3, normal(10, 1), [0.3, 0.7])").samples
                               < chart.x.lo) / N)
    assert bars.edges[0] <= 3 and chart.x.lo < 3  # the spike stands inside the frame
    # a discrete distribution: a spike per value, shares as poisson's pmf
    chart = view("v = poisson(4)").chart
    (spikes,) = chart.layers
    xs, shares = np.array(spikes.xs), np.array(spikes.heights)
    assert np.all(xs == np.round(xs)) and shares.sum() == pytest.approx(1.0)
    pmf = stats.poisson(4).pmf(xs)
    assert np.all(np.abs(shares - pmf) < 5 * np.sqrt(pmf * (1 - pmf) / N) + 1 / N)
    # a continuous distribution has none
    assert not any(isinstance(l, Spikes) for l in view("v = normal(0, 1)").chart.layers)


def test_point_masses_in_text_svg_and_json():
    from dsl.render.json import run_json
    from dsl.render.report import render_text
    from dsl.render.svg import chart_svg
    result = dsl.run("v = pointMass(3)\np = Plot.dist(mx(3, normal(10, 1)))", samples=N,
                     seed=3)
    text = render_text(result, color=False, width=60).split("\n\n")[0].splitlines()
    # a lollipop: the dot over a stem in one column, standing on the axis's tick at 3
    dot = [i for i, line in enumerate(text) if "●" in line and "100%" not in line]
    column = text[dot[0]].index("●")
    assert all(line[column] == "│" for line in text[dot[0] + 1:dot[0] + 5])
    assert text[dot[0] + 5][column] == "┬" and "  ● 3: 100%" in text
    svg = chart_svg(views.value_view(result.bindings["v"]).chart)
    assert svg.count('class="sq-spike"') == 1 and ">3: 100%</text>" in svg
    layers = run_json(result)["bindings"]["p"]["chart"]["layers"]
    assert [l["type"] for l in layers] == ["bars", "spikes"]
    assert layers[1]["xs"] == [3.0] and layers[1]["labels"][0].startswith("3: ")


def _counting(monkeypatch, n):
    """Counts the sorts, selections and quantiles numpy runs over n/2 or more items."""
    calls = []
    for name in ("sort", "partition", "quantile", "percentile", "argsort"):
        original = getattr(np, name)

        def counted(a, *args, _name=name, _original=original, **kwargs):
            if np.size(a) >= n // 2:
                calls.append(_name)
            return _original(a, *args, **kwargs)
        monkeypatch.setattr(np, name, counted)
    return calls


def test_a_distribution_is_sorted_once_and_its_figures_are_unchanged(monkeypatch):
    from dsl.base.binning import bin_counts
    from dsl.engine.dist import Dist
    n = 200_000
    rng = np.random.default_rng(5)
    for samples in (rng.normal(3, 2, n), rng.lognormal(0, 3, n)):
        samples = np.where(rng.random(n) < 0.01, np.inf, samples)  # some not plotted
        calls = _counting(monkeypatch, n)
        v = views.dist_view(Dist.from_samples(samples.copy()))
        monkeypatch.undo()
        assert calls == ["sort"]  # the figures, their errors, the chart: one sort
        # the same figures and the same chart as numpy's quantiles give
        finite = samples[np.isfinite(samples)]
        lo, hi = np.quantile(finite, (0.01, 0.99))
        chart = v.chart
        assert chart.x.lo == pytest.approx(lo, rel=1e-12)
        assert chart.x.hi == pytest.approx(hi, rel=1e-12)
        (bars,) = chart.layers
        shown = finite[(finite >= chart.x.lo) & (finite <= chart.x.hi)]
        t = chart.x.transform
        expected = bin_counts(t(shown), len(bars.heights), float(t(chart.x.lo)),
                              float(t(chart.x.hi))) / n
        assert np.array_equal(np.array(bars.heights), expected)
        median = np.quantile(samples, 0.5)
        (marker,) = [m for m in chart.markers if m.kind == "median"]
        assert marker.x == pytest.approx(median, rel=1e-12)
    cdf = views.dist_view(Dist.from_samples(samples.copy()), views.ViewOptions(cdf=True))
    xs, ys = np.array(cdf.chart.layers[0].xs), np.array(cdf.chart.layers[0].ys)
    assert np.array_equal(ys, np.array([np.count_nonzero(samples <= x) for x in xs]) / n)


def test_drawing_a_distribution_runs_under_the_runs_clock():
    # an exact law gives the figures without a sort; the chart's sort is still under
    # the clock: a run with no time left is stopped, not left drawing
    import time
    from dsl.base import meter
    from dsl.base.errors import LimitError
    dist = dsl.evaluate("normal(0, 1)", samples=1_000_000, seed=1)
    m = meter.Meter(1e-3, 1 << 40)
    m.start()
    time.sleep(0.002)
    with meter.installed(m), pytest.raises(LimitError):
        views.dist_view(dist)


def test_figures_of_a_narrow_distribution_read_from_a_round_number():
    import dsl
    from dsl.render.views import dist_short, narrow_offset
    result = dsl.run("a = normal(5, 1)\nb = 1e9 + normal(0, 0.001)\n"
                     "c = b -> Tag.format(\",.4f\")", samples=20_000, seed=3)
    a, b, c = (result.bindings[k] for k in "abc")
    assert narrow_offset(a, 3.36, 6.64) is None  # 3 digits tell them apart
    assert narrow_offset(b, 1e9 - 0.00164, 1e9 + 0.00164) == 1e9
    assert narrow_offset(c, 1e9 - 0.00164, 1e9 + 0.00164) is None  # its @format rules
    low, high = re.fullmatch(r"mean .*, 90% CI 1B - (\S+) to 1B \+ (\S+)",
                             dist_short(b)).groups()
    assert float(low) == pytest.approx(1.645e-3, rel=0.05)
    assert float(high) == pytest.approx(1.645e-3, rel=0.05)
