"""``Date.*``: Squiggle 0.10's dates (fr/date.ts), and the operators on them.

A date is a JavaScript time value (``dsl.engine.time_values``): ``Date.make(2030)`` is
2030-01-01T00:00Z, ``Date.make(2020.5)`` half a Squiggle year (182.625 days) later.
``date + duration``, ``date - duration``, ``date - date`` (a Duration) and the
comparisons work as operators, as in Squiggle; nothing else mixes dates with numbers.
Dates are single values: Squiggle 0.10 has no distributions of dates.
"""
from __future__ import annotations

import inspect
import math

from dsl.base.date_format import format_date
from dsl.engine.display import js_number
from dsl.base.errors import DomainError
from dsl.base.js_date import from_fields, time_clip
from dsl.base.js_date_parse import parse
from dsl.base.meter import reserve, str_bytes
from dsl.engine.registry import builtin
from dsl.engine.time_values import YEAR_MS, Date, DateDomain, Duration, date_from_ms
from dsl.engine.types import DateT, DurationT, Real, Str

from . import arithmetic  # noqa: F401  (declares the operators extended below)

__all__ = ["also_operator"]


def also_operator(name: str, fn) -> None:
    """Make ``fn`` an overload of the operator builtin ``name`` (``add`` is ``+``) as
    well: Squiggle's operators are its global functions. The documentation stays with
    ``fn``'s own entry."""
    def overload(*args):
        return fn(*args)
    overload.__signature__ = inspect.signature(fn, eval_str=True)
    builtin(name)(overload)


# Squiggle's bounds for Date.make(year)
_FIRST_YEAR, _LAST_YEAR = 100, 200_000
# the longest date string read: the parser walks it a token at a time in Python (10,000
# characters take about 30 ms at worst; ten million took 30 s, past any time limit)
_MAX_TEXT = 10_000


@builtin("Date.make", labels={"text": "the date string"},
         examples=[('"" + Date.make("2020-05-12")', '"Tue May 12 2020"'),
                   ('Date.make("2020-05-12T10:30:00Z")', "Date.fromUnixTime(1589279400)"),
                   ('Date.make("May 12, 2020")', 'Date.make(2020, 5, 12)')])
def make(text: Str) -> DateT:
    """A date from a string, a year, or a year, month (1-12) and day.

    A string is read as JavaScript's ``new Date(string)`` reads it: ISO dates
    (``"2024-01-15"``, ``"2024-01-15T10:30:00Z"``, ``"2024-01"``) and the usual
    English forms (``"Jan 15 2024"``, ``"15 January 2024"``, ``"1/15/2024"``). A year
    may have a fraction: ``Date.make(2020.5)`` is 0.5 years of 365.25 days after the
    start of 2020; it must lie from 100 to 200000. With month and day, fractions are
    cut off, a day past the month's end rolls over (``Date.make(2020, 2, 31)`` is
    March 2) and a year from 0 to 99 means 1900-1999, as in JavaScript. Times are UTC
    (where Squiggle uses the machine's time zone)."""
    if len(text) > _MAX_TEXT:
        raise DomainError(f"Date.make: a date string of {len(text):,} characters is too "
                          f"long (at most {_MAX_TEXT:,})")
    ms = parse(text)
    if math.isnan(ms):
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise DomainError(f'Date.make: invalid date string "{shown}" (write a date such '
                          'as "2024-01-15" or "Jan 15 2024")')
    return Date(ms)


@builtin("Date.make", labels={"year": "the year", "month": "the month", "day": "the day"},
         examples=[("Date.make(2020, 5, 10) == Date.make(\"2020-05-10\")", "true"),
                   ("Date.make(2020, 2, 31)", 'Date.make("2020-03-02")')])
def _make_ymd(year: Real, month: Real, day: Real) -> DateT:
    if month < 1 or month > 12:
        raise DomainError(f"Date.make: Month must be between 1 and 12, got {js_number(month)}")
    if day < 1 or day > 31:
        raise DomainError(f"Date.make: Day must be between 1 and 31, got {js_number(day)}")
    return date_from_ms(from_fields(year, month - 1, day), "Date.make")


@builtin("Date.make", examples=[('"" + Date.make(2030)', '"Tue Jan 01 2030"'),
                                ("Date.make(2020.5)", 'Date.make("2020-07-01T15:00:00Z")')])
def _make_year(year: Real) -> DateT:
    whole = math.floor(year) if math.isfinite(year) else year
    if whole < _FIRST_YEAR:
        raise DomainError(f"Date.make: Year must be over {_FIRST_YEAR} (got {js_number(year)})")
    if whole > _LAST_YEAR:
        raise DomainError(f"Date.make: Year must be less than {_LAST_YEAR} "
                          f"(got {js_number(year)})")
    start = from_fields(whole, 0)
    return Date(time_clip(start + (year - whole) * YEAR_MS))


@builtin("Date.fromUnixTime", labels={"seconds": "the Unix time"},
         examples=[('"" + Date.fromUnixTime(1589222400)', '"Mon May 11 2020"'),
                   ("Date.toUnixTime(Date.fromUnixTime(-1.5))", "-1.5")])
def from_unix_time(seconds: Real) -> DateT:
    """The date ``seconds`` after 1970-01-01T00:00:00Z (cut to whole milliseconds)."""
    return date_from_ms(time_clip(seconds * 1000), "Date.fromUnixTime")


@builtin("Date.toUnixTime", examples=[("Date.toUnixTime(Date.make(2020, 5, 12))",
                                       "1589241600")])
def to_unix_time(date: DateT) -> Real:
    """Seconds from 1970-01-01T00:00:00Z to ``date``."""
    return date.ms / 1000


@builtin("Date.subtract",
         examples=[("Date.make(2030) - Date.make(2024)", "Duration.fromDays(2192)"),
                   ("Date.subtract(Date.make(2030), Date.make(2024))",
                    "Duration.fromDays(2192)")])
def subtract(a: DateT, b: DateT) -> DurationT:
    """``a - b``: the duration from date ``b`` to ``a``, or the date ``b`` before ``a``.

    Subtracting a duration from a date gives the date that long before it."""
    return Duration(a.ms - b.ms)


@builtin("Date.subtract", examples=[("Date.make(2030) - Duration.fromYears(2)",
                                     'Date.make("2028-01-01T12:00:00Z")')])
def _subtract_duration(date: DateT, duration: DurationT) -> DateT:
    return date_from_ms(time_clip(date.ms - duration.ms), "Date.subtract")


@builtin("Date.add",
         examples=[("Date.make(2020, 5, 12) + Duration.fromDays(20)",
                    "Date.make(2020, 6, 1)"),
                   ("Duration.fromDays(20) + Date.make(2020, 5, 12)",
                    "Date.make(2020, 6, 1)")])
def add(date: DateT, duration: DurationT) -> DateT:
    """``date + duration`` (or ``duration + date``): the date that much later."""
    return date_from_ms(time_clip(date.ms + duration.ms), "Date.add")


@builtin("Date.add")
def _add_before(duration: DurationT, date: DateT) -> DateT:
    return date_from_ms(time_clip(date.ms + duration.ms), "Date.add")


def _comparison(name: str, symbol: str, test, example: tuple) -> None:
    def compare(a: DateT, b: DateT) -> bool:
        return test(a.ms, b.ms)
    compare.__doc__ = f"``a {symbol} b``: whether date ``a`` is {_WORDS[name]} ``b``."
    builtin(f"Date.{name}", examples=[example])(compare)
    also_operator(name, compare)


_WORDS = {"smaller": "before", "larger": "after", "smallerEq": "before or at",
          "largerEq": "after or at"}
_comparison("smaller", "<", lambda a, b: a < b,
            ("Date.make(2020) < Date.make(2030)", "true"))
_comparison("larger", ">", lambda a, b: a > b,
            ("Date.larger(Date.make(2020), Date.make(2030))", "false"))
_comparison("smallerEq", "<=", lambda a, b: a <= b,
            ("Date.make(2020) <= Date.make(2020)", "true"))
_comparison("largerEq", ">=", lambda a, b: a >= b,
            ("Date.make(2020, 1, 2) >= Date.make(2020)", "true"))


for _fn in (subtract, _subtract_duration):
    also_operator("subtract", _fn)
for _fn in (add, _add_before):
    also_operator("add", _fn)


@builtin("Date.rangeDomain", labels={"min": "the first date", "max": "the last date"},
         examples=[("Date.rangeDomain(Date.make(2020), Date.make(2030))",
                    "Date.rangeDomain(Date.make(2020), Date.make(2030))"),
                   ("f(t: Date.rangeDomain(Date.make(2020), Date.make(2030))) = "
                    "t - Date.make(2020); f(Date.make(2021))", "Duration.fromDays(366)")])
def range_domain(min: DateT, max: DateT) -> DateDomain:
    """The domain of dates from ``min`` to ``max``, both included, for parameter
    annotations: ``f(t: Date.rangeDomain(Date(2020), Date(2030)))`` accepts only dates
    in the 2020s."""
    if min.ms > max.ms:
        raise DomainError(f"Date.rangeDomain: min ({min}) must not be after max ({max})")
    return DateDomain(min.ms, max.ms)


@builtin("String.make", labels={"format": "the d3-time-format specifier"},
         examples=[('String.make(Date.make(2024, 3, 5), "%Y-%m-%d")', '"2024-03-05"'),
                   ('String.make(Date.make(2024, 3, 5), "%B %-d, %Y")', '"March 5, 2024"')])
def _date_text(date: DateT, format: Str) -> Str:
    """Any value as a string, as Squiggle 0.10 writes it (dates by d3-time-format).

    ``String.make(date, format)`` writes a date by a d3-time-format specifier
    (``"%Y-%m-%d"``, ``"%B %-d, %Y"``, ``"%c"``), in the en-US locale and UTC."""
    text = format_date(date.ms, format)
    reserve(str_bytes(text), "String.make")  # "%c" x 10,000 is 220,000 characters
    return text

