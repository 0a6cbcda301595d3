"""Duration.*: constructors and conversions (a year is 365.25 days), arithmetic,
comparisons, Squiggle's text for a duration, JSON and Python forms, and errors.
Expected texts and milliseconds are Squiggle 0.10's (node); the corpus program
tests/squiggle/programs/feature_duration.squiggle checks more."""
from __future__ import annotations

import math

import numpy as np
import pytest

import dsl
from dsl.render.report import render_text
from dsl.engine.time_values import Duration, duration_text

MINUTE, HOUR, DAY = 60_000, 3_600_000, 86_400_000
YEAR = DAY * 365.25


def value(source: str):
    return dsl.evaluate(source, samples=100)


@pytest.mark.parametrize("source, ms, printed", [
    ("Duration.fromMinutes(90)", 90 * MINUTE, "1.50 hours"),
    ("fromHours(36)", 36 * HOUR, "1.50 days"),
    ("fromDays(400)", 400 * DAY, "1.10 years"),
    ("Duration.fromYears(3)", 3 * YEAR, "3.00 years"),
    ("fromUnit_minutes(0.001)", 60, "60.0 ms"),
    ("Duration.fromUnit_days(3)", 3 * DAY, "3.00 days"),
    ("fromUnit_hours(1)", HOUR, "1.00 "),          # sic: Squiggle drops the unit at 1
    ("fromUnit_years(0.5)", YEAR / 2, "183 days"),
    ("fromMinutes(0.5)", 30_000, "30.0 seconds"),
    ("fromMinutes(1) / 7", MINUTE / 7, "8.57 seconds"),
    ("fromMinutes(5) * 3", 15 * MINUTE, "15.0 minutes"),
    ("3 * fromMinutes(5)", 15 * MINUTE, "15.0 minutes"),
    ("fromMinutes(5) / 3", 100_000, "1.67 minutes"),
    ("-fromMinutes(5)", -5 * MINUTE, "-5.00 minutes"),
    ("fromMinutes(5) - fromMinutes(10)", -5 * MINUTE, "-5.00 minutes"),
    ("fromMinutes(59) + fromMinutes(59.99)", 7_139_400, "1.98 hours"),
    ("Duration.add(fromYears(1), fromYears(2))", 3 * YEAR, "3.00 years"),
    ("Duration.subtract(fromYears(1), fromYears(2))", -YEAR, "-1.00 years"),
    ("Duration.multiply(2, fromYears(3))", 6 * YEAR, "6.00 years"),
    ("Duration.divide(fromYears(6), 2)", 3 * YEAR, "3.00 years"),
    ("Duration.unaryMinus(fromYears(2))", -2 * YEAR, "-2.00 years"),
    ("fromYears(0)", 0, "0.00 ms"),
    ("fromMinutes(-3e-7)", -0.018, "-0.0180 ms"),
    ("fromYears(0.99999)", 0.99999 * YEAR, "365 days"),
    ("fromYears(123456)", 123456 * YEAR, "1.23e+5 years"),
    ("fromYears(1e21)", 1e21 * YEAR, "1.00e+21 years"),
    ("fromYears(1e300)", math.inf, "Infinity years"),
    ("fromYears(1) / 0", math.inf, "Infinity years"),
    ("-fromYears(1) / 0", -math.inf, "-Infinity years"),
])
def test_durations(source, ms, printed):
    got = value(source)
    assert isinstance(got, Duration)
    assert got.ms == pytest.approx(ms, rel=1e-15) and str(got) == printed


@pytest.mark.parametrize("source, expected", [
    ("Duration.toMinutes(fromYears(1))", 525960),
    ("toHours(fromDays(2))", 48),
    ("toDays(fromYears(1))", 365.25),
    ("Duration.toYears(fromDays(365.25 * 4))", 4),
    ("toMinutes(fromHours(1.5))", 90),
    ("fromMinutes(5) / fromMinutes(2)", 2.5),
    ("Duration.divide(fromYears(6), fromYears(2))", 3),
    ("fromYears(1) / fromYears(0)", math.inf),
    ("fromYears(1) == fromDays(365.25)", True),
    ("fromYears(3) < fromYears(4)", True),
    ("fromHours(1) > fromMinutes(61)", False),
    ("fromHours(1) >= fromMinutes(60)", True),
    ("fromHours(1) <= fromMinutes(59)", False),
    ("fromHours(1) != fromMinutes(60)", False),
    ("Duration.smallerEq(fromYears(1), fromYears(1))", True),
    ("Duration.larger(fromDays(1), fromHours(24))", False),
    ("largerEq(fromDays(2), fromHours(24))", True),
    ("typeOf(fromYears(3))", "Time Duration"),
    ('"x" + fromYears(3)', "x3.00 years"),
    ("List.length(List.uniq([fromYears(1), fromDays(365.25), fromDays(1)]))", 2),
])
def test_duration_queries(source, expected):
    assert value(source).to_python() == expected


@pytest.mark.parametrize("ms, text", [
    (1.0, "1.00 "), (999, "999 ms"), (1000, "1.00 "), (1500, "1.50 seconds"),
    (59_999, "60.0 seconds"), (MINUTE, "1.00 "), (HOUR - 1, "60.0 minutes"),
    (DAY * 365, "365 days"), (YEAR, "1.00 "), (-YEAR, "-1.00 years"),
    (0.0005, "0.000500 ms"), (math.nan, "NaN ms"),
])
def test_the_text_of_a_duration(ms, text):
    # the largest unit whose size fits, toPrecision(3), and no unit name at exactly 1
    assert duration_text(ms) == text


def test_json_and_python_forms():
    d = value("fromMinutes(1.5)")
    assert d.summary() == {"type": "duration", "ms": 90000.0, "text": "1.50 minutes"}
    assert d.to_python() == np.timedelta64(90, "s")
    assert value("fromYears(1) / 0").summary() == {"type": "duration", "ms": "Infinity",
                                                  "text": "Infinity years"}
    assert value("fromYears(1) / 0").to_python() == math.inf
    assert value("[fromDays(1)]").to_python() == [np.timedelta64(1, "D")]


@pytest.mark.parametrize("source, kind, message", [
    ("x = fromYears(3) + 5", "TypeError",
     "Operator '+' does not support types 'Duration' and 'Number'"),
    ("x = fromYears(3) - Date.make(2030)", "TypeError",
     "Operator '-' does not support types 'Duration' and 'Date'"),
    ("x = fromYears(3) * fromYears(3)", "TypeError",
     "Operator '*' does not support types 'Duration' and 'Duration'"),
    ("x = fromYears(3) < Date.make(2030)", "TypeError",
     "Operator '<' does not support types 'Duration' and 'Date'"),
    ("x = fromYears(0) / fromYears(0)", "DomainError",
     "Duration.divide: 0 / 0 (or Infinity / Infinity) has no value"),
    ("x = fromYears(0) / 0", "DomainError",
     "Duration.divide: 0 / 0 (or Infinity / Infinity) has no value"),
    ("x = fromYears(1e300) * 0", "DomainError",
     "Duration.multiply has no value (0 * Infinity or Infinity - Infinity)"),
    ("x = fromYears(1e300) - fromYears(1e300)", "DomainError",
     "Duration.subtract has no value (0 * Infinity or Infinity - Infinity)"),
    # durations are single values in Squiggle 0.10: no distributions of them
    ("x = fromYears(normal(3, 1))", "ArgumentError",
     "Duration.fromYears does not support arguments (Distribution)"),
    ("x = fromYears(3) * normal(3, 1)", "TypeError",
     "Operator '*' does not support types 'Duration' and 'Distribution'"),
])
def test_errors(source, kind, message):
    with pytest.raises(dsl.DslError) as caught:
        dsl.run(source, samples=100)
    assert caught.value.kind == kind
    assert caught.value.message.startswith(message)
    assert (caught.value.line, caught.value.column) == (1, 5)


def test_a_duration_with_format_shows_its_number_in_its_unit():
    # as Squiggle's playground: the d3-format of the number, then the unit's name + "s"
    source = '@format(".1f")\nd = fromYears(2.345)\nt = fromHours(1) -> Tag.format(".2f")\n'
    result = dsl.run(source, samples=10)
    assert render_text(result, color=False) == "d: 2.3 Years\nt: 1.00 Hours"
    assert result.bindings["d"].summary() == {
        "type": "duration", "ms": 2.345 * YEAR, "text": "2.35 years", "format": ".1f"}
