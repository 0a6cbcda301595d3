"""Each HTML view rendered to PNG by headless Chromium (Debian's ``chromium``, driven by
Playwright: tests/render/browser.py) and checked to be a picture: not blank, with
text on it, and for charts the chart's own colour where the chart is.

Set ``SQDSL_SCREENSHOTS=DIR`` to keep the pictures (docs/images/ holds a few)."""
import io
import os
from pathlib import Path

import numpy as np
import pytest

import dsl
from browser import Browser, is_blank, pixel_stats, unavailable
from dsl.render.html import page, value_html
from dsl.render.svg import PALETTE

REASON = unavailable()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"no screenshots: {REASON}")

SAMPLES = 20_000

# name -> (source, the smallest share of the picture in the chart's colour)
VIEWS = {
    "dist_log": ("1 to 1000000", 0.02),
    "dist_linear": ("normal(10, 2)", 0.02),
    "dist_format": ('1 to 3 -> Tag.format(".1f")', 0.02),
    "dist_narrow": ("1e9 + normal(0, 0.001)", 0.02),
    "dist_offset": ("normal(1e6, 0.001)", 0.02),
    "point_mass": ("pointMass(3)", 0.0005),
    "mixture_constant": ("mx(3, normal(10, 1))", 0.02),
    "discrete": ("poisson(4)", 0.002),
    "condition": ("normal(0, 1) > 1", 0.002),
    "function": ("{f(x: [0, 10]) = x * x - 3 * x; f}", 0.001),
    "fan": ("{f(t: [1, 10]) = normal(t, t / 3); f}", 0.01),
    "list_numbers": ("[1, 4, 2, 8, 5, 7, 3]", 0.001),
    "list_dists": ("List.map(List.upTo(1, 6), {|i| normal(i, 1)})", 0.01),
    "record": ('{a: 1, b: "x", inner: {c: normal(3, 1), d: [1, 2]}}', 0.01),
    "table": ('Table.make({data: [1, 2, 3], columns: [{name: "x", fn: {|x| x}}, '
              '{name: "x squared", fn: {|x| x * x}}]})', 0.0),
    "calculator": ('Calculator.make({|a, b| a * b}, {title: "Product", inputs: ['
                   'Input.text({name: "a", default: "3"}), '
                   'Input.text({name: "b", default: "2 to 5"})]})', 0.01),
    "plot_dists": ('Plot.dists({dists: [{name: "a", value: normal(0, 1)}, '
                   '{name: "b", value: normal(2, 1.5)}]})', 0.001),
    "scatter": ("Plot.scatter({xDist: normal(0, 1), yDist: normal(0, 2)})", 0.01),
    "empty_list": ("[]", 0.0),
    "text": ('"hello"', 0.0),
}


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


def _keep(name: str, png: bytes) -> None:
    folder = os.environ.get("SQDSL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.png").write_bytes(png)


def _share_near(png: bytes, colour: str, opacity_range=(0.1, 1.0)) -> float:
    """The share of pixels of ``colour`` drawn over white at some opacity in the
    range (histogram fills and bands are translucent)."""
    from PIL import Image
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.float64)
    target = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)
    # a pixel p = a * target + (1 - a) * white for one a shared by all three channels
    white = np.full(3, 255.0)
    a = ((255.0 - rgb) @ (white - target)) / float((white - target) @ (white - target))
    fitted = a[..., None] * target + (1 - a[..., None]) * white
    near = (np.abs(rgb - fitted).max(axis=-1) < 12) & (a >= opacity_range[0]) & \
        (a <= opacity_range[1])
    return float(near.mean())


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_each_view_is_a_picture(browser, name):
    source, colour_share = VIEWS[name]
    value = dsl.evaluate(source, samples=SAMPLES, seed=1)
    png = browser.png(page([value_html(value)]), width=680)
    _keep(name, png)
    stats = pixel_stats(png)
    assert not is_blank(png), stats
    assert stats["width"] == 680 and stats["height"] >= 40
    # text was drawn: "[]" alone is 30 dark pixels
    assert stats["dark_share"] * stats["width"] * stats["height"] >= 20, stats
    if colour_share:
        assert _share_near(png, PALETTE[0]) >= colour_share


def test_a_whole_run_with_names_and_docs(browser):
    result = dsl.run('@name("Takeoff ratio")\n@doc("How much faster progress gets.")\n'
                     "ratio = 1 to 1000000\np = normal(0, 1) > 0.5\n", samples=SAMPLES)
    png = browser.png(page([result._repr_html_()]), width=680)
    _keep("run", png)
    assert not is_blank(png)
    assert pixel_stats(png)["height"] > 300  # a histogram and a bar under two names


def test_the_blank_check_can_fail(browser):
    assert is_blank(browser.png(page([]), width=320))
    assert is_blank(browser.png("<body style='background:#3b6fb6'></body>", width=320))
    assert not is_blank(browser.png(page(["<p>text</p>"]), width=320))


def test_a_page_that_fetches_anything_fails(browser):
    with pytest.raises(AssertionError, match="self-contained"):
        browser.png('<img src="http://127.0.0.1:9/x.png">', width=320)


# The pictures in README.md (docs/images/NAME.png): made by
#   SQDSL_SCREENSHOTS=docs/images python -m pytest tests/render/test_screenshots.py -k readme
README_PICTURES = {
    "model": '''
@name("Speed-up of AI research")
@doc("How much faster software progress gets once AI does the research.")
speedup = 2 to 5000

@name("Faster than 100x?")
fast = speedup > 100

@name("Cost by team size")
@doc("Salaries plus a fixed overhead, for 1 to 50 people.")
cost(people: [1, 50]) = people * (80k to 200k) + (200k to 1M)
''',
    "calculator_table": '''
@name("Budget")
budget = Calculator.make({|people, overhead| people * (80k to 200k) + overhead}, {
  title: "Team cost",
  inputs: [Input.text({name: "people", default: "12"}),
           Input.text({name: "overhead", default: "200k to 1M"})]})

@name("Scenarios")
scenarios = Table.make({data: [{name: "slow", rate: 0.02}, {name: "fast", rate: 0.3}],
  columns: [{name: "scenario", fn: {|r| r.name}},
            {name: "rate", fn: {|r| r.rate}},
            {name: "doubling (years)", fn: {|r| log(2) / log(1 + r.rate)}}]})
''',
}


@pytest.mark.parametrize("name", sorted(README_PICTURES))
def test_readme_pictures(browser, name):
    result = dsl.run(README_PICTURES[name], samples=SAMPLES, seed=1)
    png = browser.png(page([result._repr_html_()]), width=680)
    _keep(name, png)
    assert not is_blank(png) and _share_near(png, PALETTE[0]) > 0.01
