"""Date.*: constructors, arithmetic with durations, comparisons, domains, and how dates
print, convert and fail. Expected texts and milliseconds are Squiggle 0.10's (node,
TZ=UTC); the corpus (tests/squiggle/programs/feature_date_*.squiggle) checks more."""
from __future__ import annotations

import json

import numpy as np
import pytest

import dsl
from dsl.render.report import render_text
from dsl.engine.time_values import Date, DateDomain, Duration


def value(source: str):
    return dsl.evaluate(source, samples=100)


def text(source: str) -> str:
    return str(value(source))


@pytest.mark.parametrize("source, ms, printed", [
    ("Date.make(2030)", 1893456000000, "Tue Jan 01 2030"),
    ("Date.make(2020.5)", 1593615600000, "Wed Jul 01 2020"),
    ("Date.make(2020, 5, 10)", 1589068800000, "Sun May 10 2020"),
    ('Date.make("2020-05-12")', 1589241600000, "Tue May 12 2020"),
    ('Date.make("2020-05-12T10:30")', 1589279400000, "Tue May 12 2020"),
    ('Date.make("2020-05-12T10:30:00+02:00")', 1589272200000, "Tue May 12 2020"),
    ('Date.make("May 12 2020")', 1589241600000, "Tue May 12 2020"),
    ('Date.make("2020/05/12")', 1589241600000, "Tue May 12 2020"),
    ("Date.make(50, 1, 1)", -631152000000, "Sun Jan 01 1950"),
    ("Date.make(2020, 2, 31)", 1583107200000, "Mon Mar 02 2020"),
    ("Date.make(2020, 1.5, 1.7)", 1577836800000, "Wed Jan 01 2020"),
    ("Date.make(2020.7, 1, 1)", 1577836800000, "Wed Jan 01 2020"),
    ("Date.make(-5, 1, 1)", -62324985600000, "Sun Jan 01 -0005"),
    ("Date.make(100)", -59011459200000, "Fri Jan 01 0100"),
    ("Date.make(100.5)", -58995680400000, "Fri Jul 02 0100"),
    ("Date.make(199999.99)", 6249222886824000, "Tue Dec 28 199999"),
    ("Date.make(1970)", 0, "Thu Jan 01 1970"),
    ("Date.fromUnixTime(1589222400)", 1589222400000, "Mon May 11 2020"),
    ("Date.fromUnixTime(1589222400.5)", 1589222400500, "Mon May 11 2020"),
    ("Date.fromUnixTime(-1e5)", -100000000, "Tue Dec 30 1969"),
    ("Date.make(2030) + Duration.fromYears(3)", 1988128800000, "Fri Dec 31 2032"),
    ("Duration.fromYears(3) + Date.make(2030)", 1988128800000, "Fri Dec 31 2032"),
    ("Date.make(2030) - Duration.fromYears(3)", 1798783200000, "Fri Jan 01 2027"),
    ("Date.subtract(Date.make(2030), Duration.fromYears(1))", 1861898400000, "Sun Dec 31 2028"),
    ("Date.add(Duration.fromYears(3), Date.make(2030))", 1988128800000, "Fri Dec 31 2032"),
    ("Date.make(2020) + Duration.fromMinutes(0.5)", 1577836830000, "Wed Jan 01 2020"),
    # a date is whole milliseconds: a smaller step is cut off, as JavaScript's TimeClip does
    ("Date.make(2020) + Duration.fromMinutes(1e-5)", 1577836800000, "Wed Jan 01 2020"),
])
def test_dates(source, ms, printed):
    got = value(source)
    assert isinstance(got, Date) and got.ms == ms and str(got) == printed


@pytest.mark.parametrize("source, ms, printed", [
    ("Date.make(2030) - Date.make(2024)", 189388800000, "6.00 years"),
    ("Date.make(2025) - Date.make(2024)", 31622400000, "1.00 years"),
    ("Date.make(2024) - Date.make(2025)", -31622400000, "-1.00 years"),
    ("Date.make(2024) - Date.make(2024)", 0, "0.00 ms"),
    ("Date.subtract(Date.make(2030), Date.make(2020))", 315619200000, "10.0 years"),
])
def test_date_minus_date_is_a_duration(source, ms, printed):
    got = value(source)
    assert isinstance(got, Duration) and got.ms == ms and str(got) == printed


@pytest.mark.parametrize("source, expected", [
    ("Date.toUnixTime(Date.make(2030))", 1893456000),
    ("Date.toUnixTime(Date.make(2020.123456))", 1581732775.065),
    ("Duration.toYears(Date.make(2030) - Date.make(2024))", 6.0013689253935665),
    ("Date.make(2030) < Date.make(2031)", True),
    ("Date.make(2030) >= Date.make(2031)", False),
    ("Date.make(2030) <= Date.make(2030)", True),
    ("Date.make(2030) > Date.make(2030)", False),
    ("Date.make(2030) == Date.make(2030)", True),
    ("Date.make(2030) != Date.make(2031)", True),
    ("Date.make(2030) == 5", False),
    ("Date.make(1970) == Duration.fromYears(0)", False),
    ("Date.smaller(Date.make(2020), Date.make(2030))", True),
    ("Date.largerEq(Date.make(2020), Date.make(2020))", True),
    ("Date.smallerEq(Date.make(2021), Date.make(2020))", False),
    ("Date.larger(Date.make(2021), Date.make(2020))", True),
    ("smaller(Date.make(2020), Date.make(2030))", True),
    ("typeOf(Date.make(2030))", "Date"),
    ('"due " + Date.make(2030)', "due Tue Jan 01 2030"),
    ('Date.make(2030) + " is due"', "Tue Jan 01 2030 is due"),
    ("typeOf(Date.rangeDomain(Date.make(2020), Date.make(2030)))", "Domain"),
    ('"" + Date.rangeDomain(Date.make(2020), Date.make(2030))',
     "Date.rangeDomain(Wed Jan 01 2020, Tue Jan 01 2030)"),
    ("List.length(List.uniq([Date.make(2030), Date.make(2030), Date.make(2031)]))", 2),
    ("List.map([2024, 2025], {|y| Date.toUnixTime(Date.make(y))})", [1704067200, 1735689600]),
])
def test_date_queries(source, expected):
    assert value(source).to_python() == expected


def test_dates_in_lists_records_and_the_report():
    result = dsl.run("a = Date.make(2024, 3, 1)\nd = Duration.fromDays(45)\n"
                     "r = {start: a, end: a + d, xs: [a, d]}\n", samples=100)
    assert render_text(result, color=False, width=80) == (
        "a: Fri Mar 01 2024\nd: 45.0 days\n\nr:\n  start: Fri Mar 01 2024\n"
        "  end: Mon Apr 15 2024\n  xs: [Fri Mar 01 2024, 45.0 days]")


def test_json_of_a_date():
    got = value("Date.make(2030)").summary()
    assert got == {"type": "date", "value": "2030-01-01T00:00:00.000Z", "ms": 1893456000000,
                   "text": "Tue Jan 01 2030"}
    assert value("Date.make(199999.99)").summary()["value"] == "+199999-12-28T14:20:24.000Z"
    assert json.loads(json.dumps(got)) == got


def test_a_date_in_python_is_a_numpy_datetime64():
    got = value("Date.make(2030) + Duration.fromMinutes(1.5)").to_python()
    assert got == np.datetime64("2030-01-01T00:01:30.000")
    far = value("Date.make(199999)")  # beyond Python's datetime (years 1-9999)
    assert far.to_python().astype("int64") == far.ms == 6249191644800000


def test_a_date_domain_on_a_parameter():
    program = ("f(t: Date.rangeDomain(Date.make(2020), Date.make(2030))) = t - Date.make(2020)\n")
    assert str(value(program + "f(Date.make(2025))")) == "5.00 years"
    assert str(value(program + "f(Date.make(2030))")) == "10.0 years"   # both ends included
    assert value(program + "f").signature() == \
        "f(t: Date.rangeDomain(Wed Jan 01 2020, Tue Jan 01 2030))"
    domain = value("Date.rangeDomain(Date.make(2020), Date.make(2030))")
    assert isinstance(domain, DateDomain)
    assert domain.summary()["kind"] == "date"
    assert domain.summary()["low"]["value"] == "2020-01-01T00:00:00.000Z"


@pytest.mark.parametrize("source, kind, message, column", [
    # Squiggle's wording (its corpus error programs pin the positions)
    ("x = Date.make(2030) + Date.make(2030)", "TypeError",
     "Operator '+' does not support types 'Date' and 'Date'", 5),
    ("x = Date.make(2030) + 5", "TypeError",
     "Operator '+' does not support types 'Date' and 'Number'", 5),
    ("x = -Date.make(2030)", "TypeError", "Operator '-' does not support type 'Date'", 5),
    ("x = Date.make(2030) * 2", "TypeError",
     "Operator '*' does not support types 'Date' and 'Number'", 5),
    ("x = Date.make(2030) < 5", "TypeError",
     "Operator '<' does not support types 'Date' and 'Number'", 5),
    ("x = Date.make(99)", "DomainError", "Date.make: Year must be over 100 (got 99)", 5),
    ("x = Date.make(1/0)", "DomainError",
     "Date.make: Year must be less than 200000 (got Infinity)", 5),
    ("x = Date.make(2020, 13, 1)", "DomainError",
     "Date.make: Month must be between 1 and 12, got 13", 5),
    ("x = Date.make(2020, 1, 0)", "DomainError",
     "Date.make: Day must be between 1 and 31, got 0", 5),
    ('x = Date.make("nonsense")', "DomainError",
     'Date.make: invalid date string "nonsense" (write a date such as "2024-01-15" or '
     '"Jan 15 2024")', 5),
    # where Squiggle goes on with an Invalid Date, sqdsl stops
    ("x = Date.make(300000, 1, 1)", "DomainError",
     "Date.make: the date is out of range (a date lies within 275,760 years of 1970)", 5),
    ("x = Date.fromUnixTime(1e20)", "DomainError",
     "Date.fromUnixTime: the date is out of range (a date lies within 275,760 years of "
     "1970)", 5),
    ("x = Date.make(2030) + Duration.fromYears(1e300)", "DomainError",
     "Date.add: the date is out of range (a date lies within 275,760 years of 1970)", 5),
    ("x = Date.rangeDomain(Date.make(2030), Date.make(2020))", "DomainError",
     "Date.rangeDomain: min (Tue Jan 01 2030) must not be after max (Wed Jan 01 2020)", 5),
    ("f(t: Date.rangeDomain(Date.make(2020), Date.make(2030))) = t\nx = f(Date.make(2035))",
     "DomainError", "Parameter Mon Jan 01 2035 must be in domain Date.rangeDomain(Wed Jan 01 "
     "2020, Tue Jan 01 2030) (t of f)", 7),
    ("f(t: Date.rangeDomain(Date.make(2020), Date.make(2030))) = t\nx = f(2025)",
     "DomainError", "Parameter 2025 must be in domain Date.rangeDomain(Wed Jan 01 2020, Tue "
     "Jan 01 2030) (t of f)", 7),
    ("f(t: [1, 2]) = t\nx = f(Date.make(2025))", "DomainError",
     "Parameter Wed Jan 01 2025 must be in domain Number.rangeDomain(1, 2) (t of f)", 7),
    ("x = Date.make(normal(2030, 1))", "ArgumentError",
     "Date.make does not support arguments (Distribution)", 5),
])
def test_errors(source, kind, message, column):
    with pytest.raises(dsl.DslError) as caught:
        dsl.run(source, samples=100)
    error = caught.value
    assert error.kind == kind
    assert error.message.startswith(message)
    assert (error.line, error.column) == (source.count("\n") + 1, column)


def test_a_date_with_format_shows_by_its_d3_time_format():
    # Squiggle's playground shows a date tagged with @format by its time format
    result = dsl.run('@format("%Y-%m-%d %H:%M")\ns = Date.make(2024.5)\nu = [s]\n', samples=10)
    assert render_text(result, color=False) == "s: 2024-07-01 15:00\nu: [2024-07-01 15:00]"
    summary = result.bindings["s"].summary()
    assert summary["format"] == "%Y-%m-%d %H:%M" and summary["text"] == "Mon Jul 01 2024"


def test_long_date_strings():
    # V8 reads any length; sqdsl reads up to 10,000 characters, in milliseconds
    assert value(f'Date.make("{" " * 9_990}2020")').ms == 1577836800000
    with pytest.raises(dsl.DslError) as caught:
        value(f'Date.make("{"-" * 10_001}")')
    assert caught.value.message == ("Date.make: a date string of 10,001 characters is too "
                                    "long (at most 10,000)")
    with pytest.raises(dsl.DslError) as caught:
        value(f'Date.make("{"x" * 100}")')
    assert caught.value.message.startswith(f'Date.make: invalid date string "{"x" * 57}..."')


def test_the_corpus_comparison_catches_a_wrong_date_or_duration():
    import pathlib
    import sys
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tools"))
    import squiggle_corpus as corpus
    expected = corpus.load_expected("feature_date_arithmetic")
    run = {"bindings": {}, "result": None}
    got = dsl.run((corpus.PROGRAMS / "feature_date_arithmetic.squiggle").read_text(), samples=10)
    run["bindings"] = {k: v.summary() for k, v in got.bindings.items()}
    assert corpus.compare_run(run, expected) == []
    run["bindings"]["later"] = value("Date.make(2027) + Duration.fromMinutes(1)").summary()
    run["bindings"]["span"] = value("Duration.fromDays(2192.001)").summary()
    problems = [str(m) for m in corpus.compare_run(run, expected)]
    assert problems == [  # a duration 1e-9 of itself off is off; a date by its ISO text
        "span ms: got 189388886400.00003, expected 189388800000.0 (tol 189)",
        "later: got '2027-01-01T00:01:00.000Z', expected '2026-12-31T18:00:00.000Z'",
        "later text: got 'Fri Jan 01 2027', expected 'Thu Dec 31 2026'"]
