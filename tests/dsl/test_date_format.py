"""dsl.base.date_format against d3-time-format itself: tests/data/d3_time_format_cases.json
holds what d3-time-format 4.1.1 (Squiggle 0.10's) wrote under node with TZ=UTC for 21
specifiers (every directive and padding modifier) and 45 dates (across the ISO week-year
turns of 2014-2016, before year 0, past year 9999)."""
from __future__ import annotations

import json
import pathlib

import pytest

import dsl
from dsl.base.date_format import format_date

CASES = json.loads((pathlib.Path(__file__).resolve().parents[1] / "data"
                    / "d3_time_format_cases.json").read_text())


@pytest.mark.parametrize("ms, expected", zip(CASES["dates"], CASES["expected"]),
                         ids=[str(ms) for ms in CASES["dates"]])
def test_every_directive_agrees_with_d3(ms, expected):
    assert [format_date(float(ms), spec) for spec in CASES["specs"]] == expected


def test_the_table_covers_every_directive():
    used = {spec[i + 1] for spec in CASES["specs"] for i, c in enumerate(spec[:-1]) if c == "%"}
    assert set("aAbBcdefgGHIjLmMpqQsSuUVwWxXyYZ%") <= used | {
        spec[i + 2] for spec in CASES["specs"] for i, c in enumerate(spec[:-2])
        if c == "%" and spec[i + 1] in "-_0"}


@pytest.mark.parametrize("source, expected", [
    ('String.make(Date.make(2024, 3, 5), "%Y-%m-%d")', "2024-03-05"),
    ('String.make(Date.make(2024, 3, 5), "%B %-d, %Y")', "March 5, 2024"),
    ('String.make(Date.make("2024-03-05T14:07:09Z"), "%c")', "3/5/2024, 2:07:09 PM"),
    ('String.make(Date.make(2024, 3, 5))', "Tue Mar 05 2024"),
])
def test_string_of_a_date_with_a_format(source, expected):
    assert dsl.evaluate(source, samples=10).value == expected
