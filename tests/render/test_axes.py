"""The axis rule and tick choice shared by every output (dsl.render.axes)."""
import math

import numpy as np
import pytest

from dsl.engine.pictures import LINEAR, Scale
from dsl.render.axes import (distribution_scale, label_function, make_axis, nice_ticks,
                             plot_range, tick_label)
from dsl.render.chart import Axis


def values(ticks):
    return [t.value for t in ticks]


def labels(ticks):
    return [t.label for t in ticks]


def test_log_rule_two_decades():
    assert distribution_scale(1, 100) == "linear"      # exactly two decades: linear
    assert distribution_scale(1, 100.01) == "log"
    assert distribution_scale(0, 1e6) == "linear"      # zero cannot sit on a log axis
    assert distribution_scale(-1, 1e6) == "linear"


def test_log_rule_honours_a_models_scale():
    assert distribution_scale(1, 1e6, LINEAR) == "log"  # the default scale: the rule
    assert distribution_scale(1, 1e6, Scale("linear")) == "linear"
    assert distribution_scale(1, 10, Scale("log")) == "log"
    assert distribution_scale(-1, 10, Scale("log")) == "linear"  # cannot hold them
    assert distribution_scale(-1, 10, Scale("symlog")) == "symlog"


def test_linear_ticks_are_1_2_5_steps_inside_the_range():
    ticks = nice_ticks("linear", 0.346, 1.08)
    assert values(ticks) == [0.4, 0.6, 0.8, 1.0]
    assert labels(ticks) == ["0.4", "0.6", "0.8", "1"]
    # d3's rule: the step nearest the count asked for, from either side
    assert values(nice_ticks("linear", -3.2, 3.2)) == [-3, -2, -1, 0, 1, 2, 3]
    assert values(nice_ticks("linear", -3.2, 3.2, count=3)) == [-2, 0, 2]
    assert values(nice_ticks("linear", 0.2, 6)) == [1, 2, 3, 4, 5, 6]
    # one suffix style across an axis: 5k beside 10k
    assert labels(nice_ticks("linear", -2000, 25000)) == ["0", "5k", "10k", "15k", "20k",
                                                           "25k"]
    assert labels(nice_ticks("linear", 93, 300)) == ["100", "150", "200", "250", "300"]


def test_ticks_of_a_range_wider_than_the_largest_float():
    ticks = nice_ticks("linear", -1e308, 1e308)
    assert labels(ticks) == ["-8e307", "-4e307", "0", "4e307", "8e307"]


def test_log_ticks_decades_then_1_2_5():
    assert values(nice_ticks("log", 1, 1e6)) == [1, 100, 1e4, 1e6]
    assert labels(nice_ticks("log", 1, 1e6)) == ["1", "100", "10k", "1M"]
    assert values(nice_ticks("log", 3, 250)) == [5, 10, 20, 50, 100, 200]
    assert values(nice_ticks("log", 1e-9, 1e9)) == [10.0 ** k for k in range(-8, 9, 4)]


def test_symlog_ticks_are_zero_and_signed_powers():
    ticks = values(nice_ticks("symlog", -1000, 1e5))
    assert 0.0 in ticks and 1e5 in ticks and -100 in ticks
    assert all(t == 0 or math.log10(abs(t)).is_integer() for t in ticks)


def test_labels_get_digits_until_distinct():
    ticks = nice_ticks("linear", 1.0001, 1.0009)
    assert len(set(labels(ticks))) == len(ticks) >= 3


def test_date_ticks():
    from dsl.base.js_date import from_fields
    lo, hi = from_fields(2024, 0, 1), from_fields(2031, 5, 1)
    assert labels(nice_ticks("date", lo, hi)) == ["2024", "2026", "2028", "2030"]
    assert labels(nice_ticks("date", lo, from_fields(2024, 8, 1)))[:2] == \
        ["Jan 2024", "Mar 2024"]


def test_format_labels():
    assert labels(nice_ticks("linear", 0, 1, label=label_function(".0%")))[:2] == \
        ["0%", "20%"]
    assert tick_label(18900) == "18.9k" and tick_label(2024) == "2024"


def test_fraction_follows_the_scale():
    axis = Axis("log", 1, 1000)
    assert np.allclose(axis.fraction([1, 10, 1000]), [0, 1 / 3, 1])
    assert Axis("linear", -1e308, 1e308).fraction(0.0) == 0.5
    assert math.isnan(axis.fraction(-1.0))
    sym = Axis("symlog", -10, 10, constant=1)
    assert sym.fraction(0.0) == 0.5


def test_an_empty_range_is_widened():
    axis = make_axis("log", 5, 5)
    assert axis.lo < 5 < axis.hi and axis.ticks


def test_plot_range():
    x = np.arange(1001, dtype=float)
    assert plot_range(x) == (10, 990)
    assert plot_range(np.array([2.0, 2.0])) is None
    spike = np.r_[np.zeros(996), np.arange(1, 5.0)]
    assert plot_range(spike) == (0, 4)


def test_ticks_too_close_for_six_digits_are_labelled_by_an_offset():
    axis = make_axis("linear", 999999.9977, 1000000.0023)
    assert labels(axis.ticks) == ["-0.002", "-0.001", "0", "+0.001", "+0.002"]
    assert axis.offset == 1e6 and axis.offset_label == "1M +"
    # offset + label is the tick's value, to the step
    for tick in axis.ticks:
        assert axis.offset + float(tick.label) == pytest.approx(tick.value, abs=1e-9)
    odd = make_axis("linear", 1234567.8887, 1234567.8923)
    assert odd.offset == 1234567.89 and odd.offset_label == "1.23456789M +"
    assert labels(odd.ticks) == ["-0.001", "0", "+0.001", "+0.002"]
    negative = make_axis("linear", -1e6 - 0.0023, -1e6 + 0.0023)
    assert negative.offset_label == "-1M +" and "+0.002" in labels(negative.ticks)


def test_enough_digits_and_no_more_without_an_offset():
    axis = make_axis("linear", 1.0001, 1.0009)  # 5 significant digits tell them apart
    assert axis.offset is None and axis.offset_label is None
    assert labels(axis.ticks) == ["1.0002", "1.0004", "1.0006", "1.0008"]
    assert make_axis("linear", 0.3, 1.2).offset is None


@pytest.mark.parametrize("source", ["normal(1e6, 0.001)", "1000000 + normal(0, 1e-4)"])
def test_a_narrow_distribution_has_short_tick_labels_in_every_output(source):
    import re
    import dsl
    from dsl.render.json import run_json
    from dsl.render.report import render_text
    from dsl.render.svg import chart_svg
    from dsl.render.views import value_view
    result = dsl.run(f"x = {source}\np = Plot.dist(x)", samples=20_000, seed=1)
    chart = value_view(result.bindings["x"]).chart
    assert chart.x.offset_label == "1M +"
    assert all(len(t.label) <= 7 for t in chart.x.ticks), labels(chart.x.ticks)
    # the text: the same labels under the axis and the offset once
    text = render_text(result, color=False, width=80)
    block = text.split("\n\n")[0]
    assert block.count("(1M + tick)") == 1
    assert all(t.label in block for t in chart.x.ticks)
    lines = block.split("\n")
    tick_line = lines[lines.index("  (1M + tick)") - 1]
    assert not re.search(r"\d{7}", tick_line), tick_line  # no 17-digit tick labels
    # the figures, as the ticks, from a round number (views.narrow_offset): told apart
    figures = dict(re.findall(r"(\d+%) (1M(?: [-+] \S+)?)", block))
    assert figures["5%"].startswith("1M - ") and figures["95%"].startswith("1M + "), figures
    assert len({figures[p] for p in ("5%", "25%", "75%", "95%")}) == 4, figures
    assert float(figures["95%"][5:]) == pytest.approx(1.645 * (1e-3 if "1e6" in source
                                                               else 1e-4), rel=0.05)
    # the SVG: the same labels and the offset text
    svg = chart_svg(chart)
    written = re.findall(r'class="sq-tick-label"[^>]*>([^<]*)<', svg)
    assert written and set(written) <= set(labels(chart.x.ticks))
    assert ">1M + tick</text>" in svg
    # the JSON of a plot of it
    axis = run_json(result)["bindings"]["p"]["chart"]["x"]
    assert axis["offsetLabel"] == "1M +" and axis["offset"] == 1e6
    assert [t["label"] for t in axis["ticks"]] == labels(chart.x.ticks)
