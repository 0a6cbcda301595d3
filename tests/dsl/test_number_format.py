"""dsl.base.number_format against real d3-format and JavaScript.

tests/data/d3_format_cases.json holds what d3-format 3.1.3 (the version Squiggle 0.10
installs) gave for a table of specifiers and numbers, written by
tools/d3_format_cases.mjs; no node is needed here.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from dsl.base.number_format import (FormatError, format_number, is_valid_spec, js_string,
                               parse_spec, squiggle_number, to_exponential, to_fixed,
                               to_precision)

_CASES = json.loads((Path(__file__).parent.parent / "data" / "d3_format_cases.json")
                    .read_text(encoding="utf-8"))["cases"]


def _number(x) -> float:
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf,
            "-0": -0.0}.get(x, x) if isinstance(x, str) else float(x)


_GOOD = [c for c in _CASES if isinstance(c[2], str)]
_BAD = [c for c in _CASES if not isinstance(c[2], str)]


def test_the_table_is_large_and_covers_every_type():
    assert len(_GOOD) > 4000 and len(_BAD) >= 8
    types = {parse_spec(spec).type for spec, _, _ in _GOOD}
    assert set("bcdefgoprsxX%n") <= types


@pytest.mark.parametrize("spec", sorted({c[0] for c in _GOOD}))
def test_every_value_formats_as_d3_does(spec):
    wrong = [(x, format_number(spec, _number(x)), want)
             for s, x, want in _GOOD if s == spec
             if format_number(spec, _number(x)) != want]
    assert not wrong, f"{spec!r}: (value, got, d3) {wrong[:5]}"


@pytest.mark.parametrize("spec, message", [(c[0], c[2]["error"]) for c in _BAD])
def test_invalid_specifiers_are_refused_as_d3_refuses_them(spec, message):
    assert not is_valid_spec(spec)
    with pytest.raises(FormatError) as info:
        format_number(spec, 1.0)
    assert str(info.value) == message


@pytest.mark.parametrize("spec, x, expected", [
    (",.2f", 1234567.891, "1,234,567.89"),
    (".1%", 0.123, "12.3%"),
    ("$,.0f", 1234.5, "$1,235"),
    (",.2f", -1234.5, "\u22121,234.50"),   # d3's minus sign is U+2212
    (".2f", 2.675, "2.67"),                # the double just below 2.675
    (".0f", 2.5, "3"),                     # JavaScript rounds exact halves up
    ("~s", 1500, "1.5k"),
    (".3s", 1.5e-7, "150n"),
])
def test_documented_examples(spec, x, expected):
    assert format_number(spec, x) == expected


@pytest.mark.parametrize("x, expected", [
    (3.0, "3"), (2500000.0, "2500000"), (1.5e-7, "1.5e-7"), (1e21, "1e+21"),
    (0.1 + 0.2, "0.30000000000000004"), (-0.5, "-0.5"), (1e-6, "0.000001"),
    (1e-7, "1e-7"), (123456789012345678901234.0, "1.2345678901234569e+23"),
    (-0.0, "0"), (math.inf, "Infinity"), (-math.inf, "-Infinity"), (math.nan, "NaN"),
    (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
])
def test_js_string(x, expected):
    assert js_string(x) == expected


@pytest.mark.parametrize("call, expected", [
    (lambda: to_fixed(1.005, 2), "1.00"), (lambda: to_fixed(0.5, 0), "1"),
    (lambda: to_fixed(-0.0001, 2), "-0.00"), (lambda: to_fixed(1e21, 2), "1e+21"),
    (lambda: to_precision(123.456, 2), "1.2e+2"), (lambda: to_precision(0.000001234, 2),
                                                    "0.0000012"),
    (lambda: to_precision(1.234e-7, 2), "1.2e-7"), (lambda: to_precision(0.0, 3), "0.00"),
    (lambda: to_precision(9.99, 2), "10"), (lambda: to_exponential(0.0, 2), "0.00e+0"),
    (lambda: to_exponential(123456.0), "1.23456e+5"),
    (lambda: to_exponential(9.995, 2), "9.99e+0"),  # 9.995 is 9.99499999... exactly
])
def test_javascript_number_methods(call, expected):
    assert call() == expected


# makeFormattedNumber of @quri/squiggle-lang 0.10.0, at its default precision 2 and at 3
@pytest.mark.parametrize("x, two, three", [
    (0, "0", "0"), (1, "1", "1"), (1234, "1200", "1230"), (-1234, "-1200", "-1230"),
    (2500000, "2.5M", "2.5M"), (3456000000, "3.5B", "3.46B"), (7e12, "7T", "7T"),
    (1.5e15, "1.5e15", "1.5e15"), (0.0123, "0.012", "0.0123"),
    (0.000123, "1.2e-4", "1.23e-4"), (999, "1000", "999"), (math.nan, "NaN", "NaN"),
    (-math.inf, "-Infinity", "-Infinity"), (12345, "12K", "12.3K"), (0.001, "1e-3", "1e-3"),
    (0.00999, "10e-3", "9.99e-3"), (9999.5, "10000", "10000"), (123456.7, "120K", "123K"),
    (-0.0, "0", "0"), (5e-324, "Infinitye-324", "Infinitye-324"), (1e300, "1e300", "1e300"),
])
def test_squiggle_number_is_the_viewer_short_form(x, two, three):
    assert (squiggle_number(x), squiggle_number(x, 3)) == (two, three)
