"""Scale.*: Squiggle 0.10's axis scales (the texts and messages below are what Squiggle
0.10 gave for the same calls; tests/squiggle/programs/feature_scales.squiggle and the
error programs scale_* record them)."""
from __future__ import annotations

import pytest

import dsl
from dsl import DslError
from dsl.render.report import render_text
from dsl.engine.pictures import Scale


def ev(source: str):
    return dsl.Session(samples=100, seed=0).evaluate(source)


@pytest.mark.parametrize("source, text", [
    ("Scale.linear()", "Linear scale"),
    ("Scale.linear({min: 3, max: 10})", "Linear scale"),
    ("Scale.log()", "Logarithmic scale"),
    ("Scale.symlog()", "Symlog scale ({constant: 0.0001})"),
    ("Scale.symlog({constant: -1})", "Symlog scale ({constant: -1})"),
    ("Scale.power({exponent: 2})", "Power scale ({exponent: 2})"),
    ("Scale.power()", "Power scale ({exponent: 0.1})"),
    ("Scale.date()", "Date scale"),
    ("Scale.date({min: Date(2020)})", "Unspecified scale"),  # Squiggle 0.10's quirk
])
def test_string_is_squiggles_to_string(source, text):
    assert ev(f"String({source})").value == text
    assert ev(f"typeOf({source})").value == "Scale"


def test_the_scale_holds_what_squiggle_holds():
    s = ev('Scale.log({min: 1, max: 100, tickFormat: ".1f", title: "Cost"})')
    assert isinstance(s, Scale)
    assert (s.method, s.min, s.max, s.tick_format, s.title) == ("log", 1, 100, ".1f", "Cost")
    assert s.summary() == {"type": "scale", "method": "log", "min": 1.0, "max": 100.0,
                           "tickFormat": ".1f", "title": "Cost", "text": "Logarithmic scale"}
    assert ev("Scale.symlog()").summary()["constant"] is None  # unset: the viewer's 0.0001
    assert ev("Scale.power({exponent: 2})").summary()["exponent"] == 2.0
    dates = ev("Scale.date({min: Date(2020), max: Date(2030)})")
    assert (dates.method, dates.is_date, dates.min) == (None, True, 1577836800000.0)
    assert dates.summary()["date"] is True
    assert ev("Scale.date()").method == "date"


@pytest.mark.parametrize("source, expected", [
    ("Scale.log() == Scale.log()", True),
    ("Scale.linear({}) == Scale.linear()", True),
    ('Scale.linear({title: "a"}) == Scale.linear()', True),   # the title does not count
    ("Scale.log({min: 1}) == Scale.log()", False),
    ("Scale.log() != Scale.linear()", True),
    ("Scale.log() == 3", False),
    ("Scale.symlog() == Scale.symlog({constant: 0.0001})", False),  # as given, not filled
    ("Scale.symlog({constant: 2}) == Scale.symlog({constant: 2})", True),
])
def test_equality_is_squiggles(source, expected):
    assert ev(source).value is expected


@pytest.mark.parametrize("source, message", [
    ("Scale.log({min: 0})", "Min must be over 0 for log scale, got: 0"),
    ("Scale.log({min: -1, max: -5})", "Min must be over 0 for log scale, got: -1"),
    ("Scale.log({min: 10, max: 1})", "Max must be greater than min, got: min=10, max=1"),
    ("Scale.linear({min: 1, max: 1})", "Max must be greater than min, got: min=1, max=1"),
    ('Scale.linear({min: 1, tickFormat: "xyz"})', "Tick format [xyz] is invalid."),
    ("Scale.symlog({constant: 0})", "Symlog scale constant cannot be 0."),
    ("Scale.power({exponent: 0})", "Power Scale exponent must be over 0."),
    ("Scale.power({exponent: -1, min: 3, max: 1})",
     "Max must be greater than min, got: min=3, max=1"),
    ("Scale.date({min: Date(2025), max: Date(2020)})",
     "Max must be greater than min, got: min=Wed Jan 01 2025, max=Wed Jan 01 2020"),
])
def test_bad_scales_are_errors_at_the_call(source, message):
    with pytest.raises(DslError) as caught:
        dsl.run(f"a = 1\nx = {source}", samples=100)
    assert caught.value.message == message
    assert (caught.value.line, caught.value.column) == (2, 5)


@pytest.mark.parametrize("source", ['Scale.linear({min: "a"})', "Scale.linear(3)",
                                    "Scale.date({min: 3})"])
def test_wrong_types_match_no_signature(source):
    with pytest.raises(DslError) as caught:
        ev(source)
    assert "does not support arguments" in caught.value.message


def test_tick_formats_are_checked_as_squiggle_does():
    for good in [".1f", "$,.2f", ".0%", "~s", "+.3e", "q"]:  # any letter as the type
        assert isinstance(ev(f'Scale.linear({{tickFormat: "{good}"}})'), Scale)
    for bad in ["abc", ".1ff", "1.2.3"]:
        with pytest.raises(DslError):
            ev(f'Scale.linear({{tickFormat: "{bad}"}})')


def test_the_report_line_and_python_form():
    out = dsl.run('s = Scale.log({min: 1, max: 100, title: "Cost"})', samples=100)
    assert render_text(out, color=False) == \
        's: Logarithmic scale from 1 to 100 titled "Cost"'
    assert out.to_python()["s"]["method"] == "log"
    dates = dsl.run("s = Scale.date({min: Date(2020), max: Date(2030)})", samples=100)
    assert "from Wed Jan 01 2020 to Tue Jan 01 2030" in render_text(dates, color=False)
