"""Plot.* and RelativeValues.gridPlot: Squiggle 0.10's plots as values (texts and
messages as Squiggle 0.10 gave them; tests/squiggle records them)."""
from __future__ import annotations

import numpy as np
import pytest

import dsl
from dsl import DslError
from dsl.render.report import render_text
from dsl.engine.dist import Dist
from dsl.engine.plot_values import DistFnPlot, DistributionsPlot, NumericFnPlot, ScatterPlot
from dsl.engine.values import Function


def ev(source: str):
    return dsl.Session(samples=1_000, seed=0).evaluate(source)


def error(source: str) -> DslError:
    with pytest.raises(DslError) as caught:
        dsl.run("a = 1\nx = " + source, samples=1_000)
    return caught.value


@pytest.mark.parametrize("source, text", [
    ("Plot.dist(normal(0, 1))", "Plot containing "),
    ("Plot.dist({dist: normal(0, 1)})", "Plot containing "),
    ("Plot.dists([normal(0, 1), 3])", "Plot containing dist 1, dist 2"),
    ('Plot.dists({dists: [{name: "a", value: normal(0, 1)}, {name: "b", value: 3}]})',
     "Plot containing a, b"),
    ('Plot.dists([{name: "a", value: normal(0, 1)}, {value: 3}])', "Plot containing a, dist 2"),
    ("Plot.dists([])", "Plot containing "),
    ("Plot.numericFn({|x| x * 2})", "Plot for numeric function (x) => internal code"),
    ("Plot.numericFn(Math.sqrt)", "Plot for numeric function Math.sqrt"),
    ("Plot.distFn({|x| normal(x, 2)})", "Plot for dist function (x) => internal code"),
    ("Plot.scatter({xDist: SampleSet.fromDist(normal(0, 1)), yDist: normal(0, 1)})",
     "Scatter plot for distributions Sample Set Distribution and Sample Set Distribution"),
    ('RelativeValues.gridPlot({ids: ["a", "b"], fn: {|a, b| [normal(1, 1), normal(2, 1)]}})',
     "Plot for relative values a, b"),
])
def test_string_and_type_are_squiggles(source, text):
    assert ev(f"String({source})").value == text
    assert ev(f"typeOf({source})").value == "Plot"


def test_plot_dist_holds_the_distribution_and_defaults():
    session = dsl.Session(samples=1_000, seed=0)
    session.run("d = normal(5, 2)")
    plot = session.evaluate("Plot.dist(d, {xScale: Scale.log({min: 1, max: 10})})")
    assert isinstance(plot, DistributionsPlot)
    (name, dist), = plot.distributions
    assert name is None and dist.samples is session.bindings["d"].value.samples  # live
    assert (plot.x_scale.method, plot.y_scale.method) == ("log", "linear")
    assert plot.show_summary is True and plot.title is None
    quiet = ev("Plot.dist(normal(0, 1), {showSummary: false, title: \"T\"})")
    assert (quiet.show_summary, quiet.title) == (False, "T")


def test_plot_dists_makes_numbers_point_masses():
    plot = ev("Plot.dists([normal(0, 1), 3])")
    names = [n for n, _ in plot.distributions]
    assert names == ["dist 1", "dist 2"]
    point = plot.distributions[1][1]
    assert isinstance(point, Dist) and np.all(point.samples == 3)


def test_json_shape_of_a_distributions_plot():
    s = ev('Plot.dists({dists: [{name: "a", value: normal(0, 1)}], '
           'xScale: Scale.symlog()})').summary()
    assert s["type"] == "plot" and s["kind"] == "distributions"
    assert s["distributions"][0]["name"] == "a"
    assert s["distributions"][0]["value"]["type"] == "dist"
    assert abs(s["distributions"][0]["value"]["mean"]) < 1e-12  # the exact law's mean
    assert s["xScale"]["method"] == "symlog" and s["yScale"]["method"] == "linear"
    assert (s["showSummary"], s["title"], s["text"]) == (True, None, "Plot containing a")


def test_a_functions_domain_sets_the_x_scale():
    plot = ev("Plot.numericFn({|x: [1, 10]| x ^ 2})")
    assert isinstance(plot, NumericFnPlot)
    assert (plot.x_scale.method, plot.x_scale.min, plot.x_scale.max) == ("linear", 1, 10)
    # a given scale keeps its own method and range; the domain fills what it leaves
    log = ev("Plot.numericFn({|x: [1, 10]| x}, {xScale: Scale.log({title: \"t\"})})")
    assert (log.x_scale.method, log.x_scale.min, log.x_scale.max, log.x_scale.title) == \
        ("log", 1, 10, "t")
    dates = ev("Plot.distFn({|t: Date.rangeDomain(Date(2020), Date(2030))| normal(1, 1)})")
    assert isinstance(dates, DistFnPlot) and dates.x_scale.method == "date"
    assert dates.x_scale.min == 1577836800000.0
    assert ev("Plot.numericFn({|x| x})").x_scale.min is None


def test_x_points_are_sorted_distinct_and_inside_the_scale():
    # numericFn clamps by the scale given (none here), distFn by its filled scale
    assert ev("Plot.numericFn({|x: [1, 10]| x}, {xPoints: [11, 3, 1, 2, 2, 0]})"
              ).x_points == (0, 1, 2, 3, 11)
    assert ev("Plot.distFn({|x: [1, 10]| normal(x, 1)}, {xPoints: [11, 3, 1, 2, 2, 0]})"
              ).x_points == (1, 2, 3)
    assert ev("Plot.numericFn({|x| x})").x_points is None
    e = error("Plot.numericFn({|x| x}, {xPoints: List.upTo(1, 10001)})")
    assert e.message == ("xPoints must have under 10001 unique elements, within the "
                         "provided xScale")


def test_titles_come_from_the_functions_name_tag():
    session = dsl.Session(samples=100, seed=0)
    session.run('@name("Growth") f(x) = x * 2')
    assert session.evaluate("Plot.numericFn(f)").title == "Growth"
    assert session.evaluate('Plot.numericFn(f, {title: "Own"})').title == "Own"
    assert session.evaluate("Plot.distFn({|x| normal(x, 1)})").title is None
    scatter = session.evaluate('Plot.scatter({xDist: SampleSet.fromDist(normal(0, 1)) -> '
                               'Tag.name("X"), yDist: SampleSet.fromDist(normal(0, 1))})')
    assert isinstance(scatter, ScatterPlot)
    assert (scatter.x_scale.title, scatter.y_scale.title) == ("X", None)


def test_dist_fn_scales():
    plot = ev("Plot.distFn({|t| normal(t, 2)}, {yScale: Scale.log()})")
    assert plot.dist_x_scale.method == "log"  # defaults to the y scale
    plot = ev("Plot.distFn({|t| normal(t, 2)}, {distXScale: Scale.symlog()})")
    assert (plot.dist_x_scale.method, plot.y_scale.method) == ("symlog", "linear")


def test_plot_fn_reads_the_function():
    assert ev("Plot.numericFn({|x| x * 2}).fn(3)").value == 6
    assert isinstance(ev("Plot.distFn({|x| normal(x, 1)}).fn"), Function)
    e = error("Plot.dist(normal(0, 1)).fn")
    assert e.message == "Trying to access non-existent field"
    assert (e.line, e.column) == (2, 5)


@pytest.mark.parametrize("source, message", [
    ("Plot.dist({dist: normal(0, 1), yScale: Scale.date()})",
     "Using a date scale as the plot yScale is not yet supported."),
    ("Plot.dists([normal(0, 1)], {yScale: Scale.date()})",
     "Using a date scale as the plot yScale is not yet supported."),
    ("Plot.numericFn({|x| x}, {yScale: Scale.date()})",
     "Using a date scale as the plot yScale is not yet supported."),
    ("Plot.numericFn({|x| x}, {xScale: Scale.linear({min: 1})})",
     "Scale min set without max. Must set either both or neither."),
    ("Plot.distFn({|x| normal(x, 1)}, {xScale: Scale.linear({max: 1})})",
     "Scale max set without min. Must set either both or neither."),
])
def test_bad_plots_are_errors_at_the_call(source, message):
    e = error(source)
    assert e.message == message
    assert (e.line, e.column) == (2, 5)


def test_plot_dist_with_a_date_y_scale_in_the_new_form_is_allowed():
    assert ev("Plot.dist(normal(0, 1), {yScale: Scale.date()})").y_scale.method == "date"


@pytest.mark.parametrize("source", [
    "Plot.dist(3)", "Plot.dist(normal(0, 1), {xScale: 3})", "Plot.numericFn({|x, y| x})",
    "Plot.scatter({xDist: Sym.normal(0, 1), yDist: normal(0, 1)})",
    "Plot.scatter({xDist: 3, yDist: normal(0, 1)})",
    'RelativeValues.gridPlot({ids: ["a"], fn: {|a| 3}})'])
def test_wrong_arguments_match_no_signature(source):
    assert "does not support arguments" in error(source).message


def test_plots_are_not_comparable_unless_their_texts_differ():
    assert ev("Plot.dist(normal(0, 1)) == Plot.dists([normal(0, 1), 2])").value is False
    e = error("Plot.dist(normal(0, 1)) == Plot.dist(normal(0, 1))")
    assert e.message == "Equal not implemented for these inputs"


def test_report_line_json_and_python():
    out = dsl.run("d = Plot.dists([normal(0, 1), 3], {xScale: Scale.log({min: 1, max: 2})})\n"
                  "f = Plot.numericFn({|x| x}, {yScale: Scale.symlog()})", samples=100)
    text = render_text(out, color=False)
    lines = text.splitlines()
    # each picture's line, then its drawing (Braille dots for both charts)
    assert lines[0] == "d: Plot of 2 distributions: dist 1, dist 2 (log x scale)"
    assert "f: Plot of the function fn(x) (symlog y scale)" in lines
    f_at = lines.index("f: Plot of the function fn(x) (symlog y scale)")
    for drawing in (lines[1:f_at], lines[f_at + 1:]):
        assert any("\u2800" < ch <= "\u28ff" for line in drawing for ch in line)
    py = out.to_python()
    assert py["d"]["kind"] == "distributions"
    assert py["d"]["distributions"][1]["value"].shape == (100,)
    assert isinstance(py["f"]["fn"], Function)


def test_show_as_keeps_the_plot():
    out = ev("x = normal(0, 1) -> Tag.showAs({|d| Plot.dist(d, {showSummary: false})}); x")
    shown = out.tags.get("showAs")
    assert isinstance(shown, DistributionsPlot) and shown.show_summary is False
    assert ev('String(Tag.showAs(normal(0, 1), Plot.dist(normal(0, 1))))').value == \
        "Sample Set Distribution, with tags {showAs: Plot containing }"


def test_json_of_infinite_x_points_is_valid():
    import json
    s = ev("Plot.numericFn({|x| x}, {xPoints: [1/0, 1, -1/0]})").summary()
    assert s["xPoints"] == ["-Infinity", 1.0, "Infinity"]
    json.dumps(s, allow_nan=False)


def test_plots_keep_their_parts_without_tags_as_squiggle_does():
    text = ev('String(Plot.scatter({xDist: normal(0, 1) * 2, '
              'yDist: normal(0, 1) -> Tag.name("Y")}))').value
    assert text == ("Scatter plot for distributions Sample Set Distribution and Sample Set "
                    "Distribution")
    plot = ev('Plot.dists([normal(0, 1) -> Tag.name("a")])')
    assert not plot.distributions[0][1].tags


def test_the_older_record_form_keeps_an_empty_name():
    assert ev('String(Plot.dists({dists: [{name: "", value: 3}]}))').value == \
        "Plot containing "
    assert ev('String(Plot.dists([{name: "", value: 3}]))').value == \
        "Plot containing dist 1"
