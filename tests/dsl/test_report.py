"""The text report of a run (dsl.render.report): blocks, distributions, colour."""
import io

import numpy as np
import pytest

import dsl
from dsl.engine.dist import sample_quantiles
from dsl.render.report import compact, render_text, use_color


def report(source, **kwargs):
    result = dsl.run(source, samples=5000, seed=1)
    return render_text(result, color=kwargs.get("color", False), width=80)


def test_blocks_in_source_order_without_hidden_ones():
    text = report("b = 2\n@hide\nsecret = 1\na = [1, 2]\nc = 1 to 3")
    lines = text.split("\n")
    assert lines[:2] == ["b: 2", "a: [1, 2]"]
    assert lines[2] == "" and lines[3] == "c"
    assert "secret" not in text


def test_label_and_doc():
    text = report('@name("Growth rate")\n@doc("Per year.")\ng = 2')
    assert text == "Growth rate (g): 2\n  Per year."


def test_distribution_block():
    text = report("d = 1 to 10")
    lines = text.split("\n")
    assert lines[0] == "d"
    assert lines[1] == "  mean 4.04  stdev 3.21  5% 1  25% 1.97  50% 3.16  75% 5.07  95% 10"
    # five rows of bars, the axis, its labels, the mean and median marks and their key
    assert len(lines) == 2 + 5 + 4
    assert lines[-4].count("┬") == 7
    assert lines[-3].split() == ["2", "4", "6", "8", "10", "12", "14"]
    assert lines[-2].strip() == "△    ▲"
    assert lines[-1] == "  ▲ mean 4.04  △ median 3.16"


def test_indicator_shows_a_probability():
    text = report("p = (1 to 10) > 5")
    assert text.startswith("p: probability 0.25")


def test_final_expression_unindented():
    assert report("x = 2\nx * 3").split("\n")[-1] == "6"
    assert report("1 to 3").startswith("mean 1.83")


def test_infinite_samples():
    text = report("g = 0.5 to 2\nt = if g > 1 then 1 / (g - 1) else 1 / 0")
    assert "mean Infinity" in text and "95% Infinity" in text
    assert "not plotted: the samples that are Infinity (" in text
    assert "NaN" not in text


def test_long_records_go_one_field_per_line():
    text = report("r = {first_long_name: 1 to 2, second_long_name: 3 to 4, "
                  "third_long_name: [1, 2, 3]}")
    assert text.split("\n") == [
        "r:",
        "  first_long_name: (mean 1.45, 90% CI 1 to 2)",
        "  second_long_name: (mean 3.48, 90% CI 3 to 4)",
        "  third_long_name: [1, 2, 3]",
    ]


@pytest.mark.parametrize("source, expected", [
    ("1234567", "1.235M"), ("0.0456", "0.0456"), ("2.8e-7", "2.8e-7"), ('"a\\"b"', '"a\\"b"'),
    ("[1, true, \"x\"]", '[1, true, "x"]'), ("{a: 1, \"b c\": 2}", '{a: 1, "b c": 2}'),
    ("List.upTo(1, 10)", "[1, 2, 3, 4, 5, 6, 7, 8, ... 2 more]"),
    ("{|x, y| x}", "fn(x, y)"),
])
def test_compact(source, expected):
    assert compact(dsl.evaluate(source, samples=100)) == expected


def test_colour_only_when_asked():
    assert "\x1b[" in report("d = 1 to 10", color=True)
    assert "\x1b[" not in report("d = 1 to 10", color=False)


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_use_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(FakeTerminal()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(FakeTerminal())


def test_stats_are_exact_for_an_untouched_constructor():
    mean, stdev, qs = dsl.evaluate("normal(5, 2)", samples=100).stats()
    assert (mean, stdev) == (5, 2)
    assert qs[0] == pytest.approx(5 - 2 * 1.6448536269514722)


def test_sample_quantiles():
    finite = np.random.default_rng(3).normal(size=1001)
    ps = np.array([0.05, 0.25, 0.5, 0.75, 0.95])
    assert np.allclose(sample_quantiles(finite, ps), np.quantile(finite, ps), rtol=1e-15,
                       atol=0)
    with_inf = np.array([1.0, 2.0, np.inf, np.inf, np.inf])
    assert list(sample_quantiles(with_inf, ps)) == [1.2, 2.0, np.inf, np.inf, np.inf]
    both = np.array([-np.inf, 1.0, np.inf])
    assert sample_quantiles(both, np.array([0.0, 1.0])).tolist() == [-np.inf, np.inf]
