"""The SVG/HTML drawer (dsl.render.svg, dsl.render.html), checked structurally: every SVG
parses as XML, its axes have labelled ticks on the scale the one rule picks, markers,
bands and lines are where they should be, and no coordinate is NaN or infinite; every
value type has its HTML."""
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import numpy as np
import pytest

import dsl
from dsl.render.axes import make_axis
from dsl.render.chart import (Band, Bars, Chart, Line, Marker, Points, ProbabilityBar,
                              TableView, TextView, as_tuple)
from dsl.render.html import CSS, page, value_html, view_html
from dsl.render.svg import WIDTH, chart_svg, probability_svg
from dsl.render.views import value_view

NS = {"s": "http://www.w3.org/2000/svg"}
SAMPLES = 20_000
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


# ---- helpers ----

def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def svgs_in(html: str) -> list[ET.Element]:
    return [parse(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def check_svg(root: ET.Element) -> None:
    """What every SVG must be: sized by a viewBox, titled, every coordinate finite,
    every text element non-empty."""
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    title = root.find("s:title", NS)
    assert title is not None and title.text.strip()
    for el in root.iter():
        for attr in ("x", "y", "x1", "x2", "y1", "y2", "width", "height", "d"):
            text = el.get(attr)
            if text is None:
                continue
            assert not re.search(r"nan|inf", text, re.I), (el.tag, attr, text)
            for number in _NUMBER.findall(text):
                assert math.isfinite(float(number)) and abs(float(number)) < 1e6
        if el.tag.endswith("text"):
            assert el.text and el.text.strip()


def axis(root: ET.Element, which: str) -> ET.Element:
    found = root.findall(f".//s:g[@class='sq-axis sq-{which}']", NS)
    assert len(found) == 1
    return found[0]


def tick_labels(axis_el: ET.Element) -> list[str]:
    return [t.text for t in axis_el.findall("s:text[@class='sq-tick-label']", NS)]


def paths(root: ET.Element, cls: str) -> list[ET.Element]:
    return root.findall(f".//s:path[@class='{cls}']", NS)


def markers(root: ET.Element) -> dict[str, str]:
    out = {}
    for g in root.findall(".//s:g", NS):
        cls = g.get("class", "")
        if cls.startswith("sq-marker "):
            label = g.find("s:text", NS).text
            out[cls.split()[1].removeprefix("sq-")] = label
    return out


class Tags(HTMLParser):
    """Every start tag of an HTML fragment, with its attributes and the text after."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def with_class(self, cls: str) -> list[dict]:
        return [a for _, a in self.tags if cls in (a.get("class") or "").split()]


def view_of(source: str, samples: int = SAMPLES):
    return value_view(dsl.evaluate(source, samples=samples, seed=1))


def html_of(source: str, samples: int = SAMPLES) -> str:
    return value_html(dsl.evaluate(source, samples=samples, seed=1))


def dist_svg(source: str) -> ET.Element:
    (root,) = svgs_in(html_of(source))
    check_svg(root)
    return root


# ---- distributions ----

def test_a_wide_positive_distribution_is_drawn_on_a_log_axis():
    root = dist_svg("1 to 1000000")
    x = axis(root, "x")
    assert x.get("data-scale") == "log"
    labels = tick_labels(x)
    assert len(labels) >= 3 and all(labels)
    # log ticks are powers of ten: labels such as 10, 1k, 100k (the short form)
    assert set(labels) <= {"0.1", "1", "10", "100", "1k", "10k", "100k", "1M", "10M"}
    assert len(x.findall("s:line[@class='sq-tick']", NS)) >= len(labels)
    m = markers(root)
    assert m["mean"].startswith("mean ") and m["median"] == "median 1k"


def test_a_normal_is_drawn_on_a_linear_axis_with_its_markers_in_place():
    root = dist_svg("normal(10, 2)")
    assert axis(root, "x").get("data-scale") == "linear"
    labels = tick_labels(axis(root, "x"))
    assert "10" in labels and len(labels) >= 3
    assert root.find("s:title", NS).text.startswith("Histogram on a linear x axis")
    # the mean's line stands where the tick "10" stands (both at x = 10)
    tick_x = {t.text: float(t.get("x"))
              for t in axis(root, "x").findall("s:text", NS)}
    for g in root.findall(".//s:g", NS):
        if g.get("class") == "sq-marker sq-mean":
            assert float(g.find("s:line", NS).get("x1")) == pytest.approx(tick_x["10"],
                                                                          abs=3)
    (bars,) = paths(root, "sq-bars")
    assert bars.get("d").startswith("M") and bars.get("d").endswith("Z")
    # no y axis labels on a histogram: its heights are shares, not a scale to read
    assert root.findall(".//s:g[@class='sq-axis sq-y']", NS) == []


def test_a_very_narrow_distribution_gets_distinct_tick_labels():
    root = dist_svg("1e9 + normal(0, 0.001)")
    labels = tick_labels(axis(root, "x"))
    assert len(labels) >= 2 and len(set(labels)) == len(labels)


def test_a_very_wide_distribution_stays_finite():
    root = dist_svg("lognormal(0, 200)")
    x = axis(root, "x")
    assert x.get("data-scale") == "log"
    assert 2 <= len(tick_labels(x)) <= 8  # every k-th decade, labels not overlapping


def test_infinite_samples_are_left_out_and_said():
    a = np.random.default_rng(0).normal(size=2000)
    a[:100], a[100:120] = np.inf, -np.inf
    value = dsl.run("x = 0\ny = x", samples=2000, inputs={"x": a}).bindings["y"]
    out = value_html(value)
    (root,) = svgs_in(out)
    check_svg(root)
    assert "not plotted" in out and "Infinity (5%)" in out


def test_all_infinite_samples_have_no_chart_but_their_figures():
    value = dsl.run("x = 0\ny = x", samples=100,
                    inputs={"x": np.full(100, np.inf)}).bindings["y"]
    out = value_html(value)
    assert svgs_in(out) == [] and "no finite samples" in out


def test_format_writes_every_number_of_a_distribution():
    out = value_html(dsl.run('@format(".1%")\nrate = beta(2, 8)', samples=SAMPLES,
                             seed=1).bindings["rate"])
    tags = Tags(out)
    stats = [t for t in tags.text if re.fullmatch(r"[\d.]+%", t)]
    assert len(stats) >= 7  # mean, stdev and five quantiles
    (root,) = svgs_in(out)
    check_svg(root)
    assert all(label.endswith("%") for label in tick_labels(axis(root, "x")))
    assert all(re.fullmatch(r"(mean|median) \d+\.\d%", label)
               for label in markers(root).values())


def test_a_condition_is_a_probability_bar_filled_to_its_probability():
    (root,) = svgs_in(html_of("normal(0, 1) > 1"))
    check_svg(root)
    track = root.find("s:rect[@class='sq-track']", NS)
    fill = root.find("s:rect[@class='sq-fill']", NS)
    p = float(fill.get("width")) / float(track.get("width"))
    se = math.sqrt(0.1587 * 0.8413 / SAMPLES)
    assert abs(p - 0.158655) < 5 * se + 0.002  # + the drawing's 0.1 unit rounding
    label = root.find("s:text", NS).text  # a percentage: "15.8%"
    assert abs(float(label.removesuffix("%")) / 100 - 0.158655) < 5 * se


# ---- functions and lists ----

def test_a_function_with_a_domain_is_a_line_over_it():
    root = dist_svg("{f(x: [0, 10]) = x * x; f}")
    assert tick_labels(axis(root, "x"))[0] == "0" and tick_labels(axis(root, "x"))[-1] == "10"
    y_labels = tick_labels(axis(root, "y"))
    assert len(y_labels) >= 3 and "100" in y_labels
    (line,) = paths(root, "sq-line")
    assert line.get("d").count("M") == 1 and line.get("d").count("L") >= 30


def test_a_function_returning_distributions_is_a_fan_of_two_bands_and_a_median():
    root = dist_svg("{f(t: [1, 10]) = normal(t, t / 3); f}")
    bands = paths(root, "sq-band")
    assert sorted(b.get("data-level") for b in bands) == ["0.5", "0.9"]
    opacity = {b.get("data-level"): float(b.get("fill-opacity")) for b in bands}
    assert opacity["0.9"] < opacity["0.5"]  # the wider band is lighter
    (median,) = paths(root, "sq-line")
    assert median.get("data-label") == "median"
    legend = [t.text for t in root.findall(".//s:text[@class='sq-legend']", NS)]
    assert legend == ["90% interval", "50% interval", "median"]


def test_a_list_of_numbers_is_a_line_with_its_points_and_its_values():
    out = html_of("[1, 4, 2, 8, 5, 7, 3]")
    (root,) = svgs_in(out)
    check_svg(root)
    (line,) = paths(root, "sq-line")
    (points,) = paths(root, "sq-points")
    assert points.get("d").count("h0") == 7
    assert line.get("stroke") == points.get("stroke")  # the points are the line's own
    assert "[1, 4, 2, 8, 5, 7, 3]" in out
    assert tick_labels(axis(root, "x")) == ["0", "1", "2", "3", "4", "5", "6"] or \
        tick_labels(axis(root, "x"))[-1] == "6"


def test_a_list_of_distributions_is_a_fan_chart():
    root = svgs_in(html_of("List.map(List.upTo(1, 6), {|i| normal(i, 1)})"))[0]
    check_svg(root)
    assert len(paths(root, "sq-band")) == 2 and len(paths(root, "sq-line")) == 1


def test_an_empty_list_and_an_empty_record_are_their_text():
    assert value_html(dsl.evaluate("[]")) == '<code class="sq-text">[]</code>'
    assert value_html(dsl.evaluate("{}")) == '<code class="sq-text">{}</code>'


# ---- records, tables, calculators, plots ----

def test_nested_records_are_drawn_field_by_field():
    out = html_of('{a: 1, b: "x", inner: {c: normal(3, 1), d: [1, 2]}}')
    tags = Tags(out)
    assert len(tags.with_class("sq-record")) == 2       # the record and `inner`
    names = [t for t in tags.text if t in ("a", "b", "inner", "c", "d")]
    assert names == ["a", "b", "inner", "c", "d"]
    (root,) = svgs_in(out)  # c's histogram
    check_svg(root)
    assert "[1, 2]" in out and "&quot;x&quot;" in out


def test_a_record_of_plain_values_is_one_table():
    tags = Tags(html_of("{a: 1, b: 2.5k}"))
    assert [t for t, _ in tags.tags].count("table") == 1
    assert "2500" in tags.text or "2.5k" in tags.text


def test_table_make_is_an_html_table_with_numbers_on_the_right():
    out = html_of('Table.make({data: [1, 2, 3], columns: [{name: "x", fn: {|x| x}}, '
                  '{name: "x squared", fn: {|x| x * x}}]})')
    tags = Tags(out)
    assert [t for t in tags.text if t in ("x", "x squared")] == ["x", "x squared"]
    right = tags.with_class("sq-num")
    assert len(right) == 2 + 6  # both headers and every cell
    assert "9" in tags.text


def test_a_calculator_is_a_form_with_its_defaults_and_the_result_of_them():
    out = html_of('Calculator.make({|a, b, c, d| a * b}, {title: "Product", inputs: ['
                  'Input.text({name: "a", default: "3"}), '
                  'Input.textArea({name: "b", default: "4"}), '
                  'Input.checkbox({name: "c", default: true}), '
                  'Input.select({name: "d", options: ["x", "y"], default: "y"})]})')
    tags = Tags(out)
    inputs = [a for t, a in tags.tags if t in ("input", "textarea", "select")]
    assert [a["name"] for a in inputs] == ["field0", "field1", "field2", "field3"]
    assert inputs[0]["value"] == "3" and "checked" in inputs[2]
    assert "4" in tags.text  # the text area holds its default
    selected = [a for t, a in tags.tags if t == "option" and "selected" in a]
    assert len(selected) == 1
    assert "Product" in tags.text and "12" in tags.text  # 3 * 4, the defaults' result
    assert "<script" not in out


def test_plot_dists_has_a_line_each_and_a_legend():
    root = dist_svg('Plot.dists({dists: [{name: "a", value: normal(0, 1)}, '
                    '{name: "b", value: normal(2, 1.5)}]})')
    lines = paths(root, "sq-line")
    assert [p.get("data-label") for p in lines] == ["a", "b"]
    assert lines[0].get("stroke") != lines[1].get("stroke")
    legend = [t.text for t in root.findall(".//s:text[@class='sq-legend']", NS)]
    assert legend == ["a", "b"]


def test_plot_scatter_is_one_path_of_points():
    root = dist_svg("Plot.scatter({xDist: normal(0, 1), yDist: normal(0, 2)})")
    (points,) = paths(root, "sq-points")
    assert points.get("d").count("h0") > 1000
    assert tick_labels(axis(root, "y")) and tick_labels(axis(root, "x"))


def test_plot_numeric_fn_with_a_log_scale_has_a_log_x_axis():
    root = dist_svg("Plot.numericFn({|x| x * 2}, {xScale: Scale.log({min: 1, max: 1000})})")
    x = axis(root, "x")
    assert x.get("data-scale") == "log"
    assert tick_labels(x)[0] == "1" and tick_labels(x)[-1] in ("1k", "1000")


def test_a_run_shows_each_binding_under_its_name_with_its_doc():
    result = dsl.run('@name("Takeoff ratio")\n@doc("How much faster.")\nratio = 1 to 100\n'
                     "@hide\nsecret = 1\nlabel = \"r\"\nratio * 2", samples=SAMPLES)
    out = result._repr_html_()
    tags = Tags(out)
    names = [a for a in tags.with_class("sq-name")]
    assert len(names) == 3  # ratio, label and the result; secret is hidden
    text = "".join(tags.text)
    assert "Takeoff ratio" in text and "How much faster." in text
    assert text.index("Takeoff ratio") < text.index("How much faster.") < text.index("mean")
    assert "secret" not in text
    assert out.startswith('<div class="sq-view"><style>') and CSS in out
    for root in svgs_in(out):
        check_svg(root)


def test_text_values_are_escaped():
    assert value_html(dsl.evaluate('"<b>&"')) == \
        '<code class="sq-text">&quot;&lt;b&gt;&amp;&quot;</code>'


# ---- the drawer on hand-made charts ----

def _chart(**kw) -> Chart:
    x = kw.pop("x", make_axis("linear", 0.0, 10.0))
    y = kw.pop("y", make_axis("linear", 0.0, 1.0))
    return Chart(kw.pop("kind", "line"), x, y, **kw)


def test_a_nan_in_a_line_breaks_it_and_writes_no_nan():
    xs = as_tuple(np.arange(11.0))
    ys = tuple(float("nan") if i == 5 else i / 10 for i in range(11))
    root = parse(chart_svg(_chart(layers=(Line(xs, ys),))))
    check_svg(root)
    (line,) = paths(root, "sq-line")
    assert line.get("d").count("M") == 2


def test_a_band_leaves_out_points_it_cannot_place():
    xs = as_tuple(np.arange(5.0))
    band = Band(xs, (0, 0.1, float("inf"), 0.2, 0.3), (0.5, 0.6, 0.7, float("nan"), 0.9), 0.9)
    root = parse(chart_svg(_chart(kind="fan", layers=(band,))))
    check_svg(root)
    (path,) = paths(root, "sq-band")
    assert path.get("d").count("L") == 5  # 3 points along the top, 3 back: 6 points


def test_points_outside_a_log_axis_are_left_out():
    x = make_axis("log", 1.0, 1000.0)
    root = parse(chart_svg(_chart(kind="scatter", x=x,
                                  layers=(Points((-1.0, 10.0, 100.0), (0.5, 0.5, 0.5)),))))
    check_svg(root)
    assert paths(root, "sq-points")[0].get("d").count("h0") == 2


def test_a_marker_outside_the_range_is_not_drawn_and_close_labels_never_overlap():
    chart = _chart(kind="histogram",
                   layers=(Bars((0.0, 5.0, 10.0), (0.5, 0.5)),),
                   markers=(Marker(5.0, "mean 5", "mean"), Marker(5.1, "median 5.1", "median"),
                            Marker(50.0, "far 50", "mean")))
    root = parse(chart_svg(chart))
    check_svg(root)
    groups = [g for g in root.findall(".//s:g", NS)
              if g.get("class", "").startswith("sq-marker")]
    assert len(groups) == 2
    assert_markers_apart(groups)


def assert_markers_apart(groups) -> None:
    """No two marker labels overlap, and no marker's line crosses a label."""
    from dsl.render.svg_base import width_of
    spans = []
    for g in groups:
        label = g.find("s:text", NS)
        x, width = float(label.get("x")), width_of(label.text, 12 * 1.12)
        start = {"start": x, "middle": x - width / 2, "end": x - width}[
            label.get("text-anchor")]
        spans.append((start, start + width, float(label.get("y"))))
    for i, a in enumerate(spans):
        for b in spans[i + 1:]:
            assert a[1] <= b[0] or b[1] <= a[0] or abs(a[2] - b[2]) >= 12, (a, b)
    for g in groups:
        line = g.find("s:line", NS)
        x, top = float(line.get("x1")), min(float(line.get("y1")), float(line.get("y2")))
        for start, end, baseline in spans:
            # a label's letters stand from baseline - 12 to baseline
            assert not (start < x < end and top < baseline), (x, top, start, end)


@pytest.mark.parametrize("source", ["normal(10, 2)", "normal(0, 1)",
                                    "mx(normal(0, 1), normal(0.3, 1))", "1 to 3",
                                    "normal(1e6, 0.001)"])
def test_mean_and_median_labels_never_overlap(source):
    root = dist_svg(source)
    groups = [g for g in root.findall(".//s:g", NS)
              if g.get("class", "").startswith("sq-marker")]
    assert {g.get("class") for g in groups} == {"sq-marker sq-mean", "sq-marker sq-median"}
    assert_markers_apart(groups)


def test_tick_labels_never_overlap():
    x = make_axis("linear", 0.0, 1e6, count=20)
    root = parse(chart_svg(_chart(x=x, layers=(Line((0.0, 1e6), (0.0, 1.0)),)), width=300))
    texts = axis(root, "x").findall("s:text", NS)
    assert 2 <= len(texts) < len(x.ticks)
    spans = [(float(t.get("x")) - len(t.text) * 3.4, float(t.get("x")) + len(t.text) * 3.4)
             for t in texts]
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))


def test_a_date_axis_writes_its_labels():
    x = make_axis("date", 1577836800000.0, 1893456000000.0)  # 2020 to 2030
    root = parse(chart_svg(_chart(x=x, layers=(Line((x.lo, x.hi), (0.0, 1.0)),))))
    check_svg(root)
    labels = tick_labels(axis(root, "x"))
    assert axis(root, "x").get("data-scale") == "date"
    assert labels and all(re.fullmatch(r"20[23]\d", label) for label in labels)


def test_probability_bar_clamps_and_is_sized_by_its_viewbox():
    root = parse(probability_svg(ProbabilityBar(1.5, "1.5")))
    check_svg(root)
    track = root.find("s:rect[@class='sq-track']", NS)
    assert root.find("s:rect[@class='sq-fill']", NS).get("width") == track.get("width")
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")


def test_tables_and_text_views():
    out = view_html(TableView(("name", "n"), (("a", "1"), ("<b>", "22")), ("left", "right"),
                              "T"))
    tags = Tags(out)
    assert [t for t, _ in tags.tags].count("tr") == 3
    assert "<b>" in tags.text and len(tags.with_class("sq-num")) == 3
    assert view_html(TextView("x < 1")) == '<code class="sq-text">x &lt; 1</code>'


def test_a_page_is_one_self_contained_document():
    out = page([view_html(TextView("hi"))], title="T")
    assert out.startswith("<!DOCTYPE html>") and "<style>" in out
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", out)  # nothing fetched


def _path_points(d: str) -> np.ndarray:
    return np.array([[float(a), float(b)] for a, b in
                     re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", d)])


def test_a_long_line_is_cut_to_its_pixel_columns_and_keeps_its_extremes():
    n = 100_000
    ys = np.sin(np.arange(n) / 5000.0)
    ys[31_415] = 3.0  # one spike: still drawn
    x = make_axis("linear", 0.0, n - 1.0)
    y = make_axis("linear", -1.0, 3.0)
    root = parse(chart_svg(_chart(x=x, y=y, layers=(Line(as_tuple(np.arange(n)),
                                                          as_tuple(ys)),))))
    check_svg(root)
    (line,) = paths(root, "sq-line")
    points = _path_points(line.get("d"))
    assert len(points) <= 4 * 600
    top = min(float(t.get("y1")) for t in axis(root, "y").findall("s:line[@class='sq-tick']", NS))
    assert points[:, 1].min() == pytest.approx(top, abs=0.2)  # the spike reaches 3
    assert np.all(np.diff(points[:, 0]) >= 0)


def test_many_points_are_thinned():
    n = 50_000
    pts = Points(as_tuple(np.linspace(0, 10, n)), as_tuple(np.linspace(0, 1, n)))
    (path,) = paths(parse(chart_svg(_chart(kind="scatter", layers=(pts,)))), "sq-points")
    assert 3000 <= path.get("d").count("h0") <= 4000


def test_a_cdf_runs_from_0_to_100_percent():
    from dsl.render.views import ViewOptions
    view = value_view(dsl.evaluate("normal(0, 1)", samples=SAMPLES, seed=1),
                      ViewOptions(samples=SAMPLES, cdf=True))
    root = parse(chart_svg(view.chart))
    check_svg(root)
    assert root.get("class") == "sq-chart sq-cdf"
    y = tick_labels(axis(root, "y"))
    assert y[0] == "0%" and y[-1] == "100%"
    (line,) = paths(root, "sq-line")
    pts = _path_points(line.get("d"))
    assert pts[0, 1] > pts[-1, 1]  # rising: SVG's y grows downwards


def test_a_symlog_axis_places_negative_zero_and_positive_ticks_in_order():
    x = make_axis("symlog", -1000.0, 1000.0, constant=1.0)
    root = parse(chart_svg(_chart(x=x, layers=(Line((-1000.0, 0.0, 1000.0), (0.0, 0.5, 1.0)),))))
    check_svg(root)
    labels = axis(root, "x").findall("s:text", NS)
    assert axis(root, "x").get("data-scale") == "symlog" and "0" in [t.text for t in labels]
    xs = [float(t.get("x")) for t in labels]
    assert xs == sorted(xs)
    zero = xs[[t.text for t in labels].index("0")]
    assert zero == pytest.approx((float(root.get("viewBox").split()[2])) / 2, abs=40)


def test_a_notebook_list_is_a_document_of_paragraphs_and_values():
    out = value_html(dsl.run('@notebook\nn = ["# Costs\\nfirst line", normal(3, 1), "the end"]',
                             samples=SAMPLES).bindings["n"])
    tags = Tags(out)
    paragraphs = tags.with_class("sq-paragraph")
    assert len(paragraphs) == 2
    assert "# Costs\nfirst line" in tags.text and "the end" in tags.text
    assert "&quot;" not in out  # text, not string literals
    assert len(svgs_in(out)) == 1  # the distribution's histogram


def test_a_value_shown_as_a_table_is_the_table():
    out = html_of('[1, 2] -> Tag.showAs(Table.make({data: [1, 2], columns: '
                  '[{name: "double", fn: {|x| 2 * x}}]}))')
    tags = Tags(out)
    assert "double" in tags.text and "4" in tags.text
    assert [t for t, _ in tags.tags].count("table") == 1


def _bar_label(root: ET.Element) -> ET.Element:
    return root.find("s:text[@class='sq-probability-label']", NS)


def test_a_conditions_bar_is_labelled_with_its_percentage():
    from dsl.render.axes import number_label
    view = view_of("normal(0, 1) > 1")
    (root,) = svgs_in(html_of("normal(0, 1) > 1"))
    check_svg(root)
    # the percentage by the one number formatter (3 significant digits), the text's
    # own label unchanged
    assert _bar_label(root).text == number_label(view.p * 100, None, 3) + "%"
    assert re.fullmatch(r"1[56]\.\d%", _bar_label(root).text)
    assert view.label.startswith("0.1") and view.label in root.find("s:title", NS).text
    # a @format is the model's choice, shown as it is everywhere
    (root,) = svgs_in(html_of('normal(0, 1) > 1 -> Tag.format(".3f")'))
    assert re.fullmatch(r"0\.1[56]\d", _bar_label(root).text)


def test_tornado_labels_fit_and_the_bars_share_one_track():
    from dsl.render.chart import StackView
    from dsl.render.svg_base import width_of
    long_name = "growth rate of the compute budget per year (group: hardware)"
    bars = (ProbabilityBar(0.55, "0.6 to 0.8 (line 4)  55%"),
            ProbabilityBar(0.3, f"{long_name}  30%"), ProbabilityBar(0.15, "x  15%"))
    roots = svgs_in(view_html(StackView(bars, title="Tornado")))
    assert len(roots) == 3
    tracks = set()
    for root, bar in zip(roots, bars):
        check_svg(root)
        tracks.add(root.find("s:rect[@class='sq-track']", NS).get("width"))
        label = _bar_label(root)
        text = "".join(label.itertext())
        # the label ends inside the picture (bold 14 px: 1.12 times the 14 px width)
        shown = label.text
        assert float(label.get("x")) + width_of(shown, 14 * 1.12) <= WIDTH
        assert shown.endswith(bar.label.rsplit("  ", 1)[1])  # its figure is kept
        if bar.label.startswith("growth"):
            assert "\u2026" in shown and label.find("s:title", NS).text == bar.label
        else:
            assert shown == bar.label and text == bar.label
    assert len(tracks) == 1 and float(tracks.pop()) >= 240
