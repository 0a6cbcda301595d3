"""Squiggle's time values: ``Date``, ``Duration`` and the date domain of
``Date.rangeDomain``.

A Date is a JavaScript time value, whole milliseconds since 1970-01-01T00:00:00Z (UTC
stands in for JavaScript's local time: ``dsl.base.js_date``); a Duration is a float number
of milliseconds, with Squiggle's units (a year is 365.25 days). Both print as Squiggle
0.10 prints them (``Tue Jan 01 2030``, ``6.00 years``): ``str(value)`` is that text,
which also goes into strings (``"due " + d``), lists and the report. There are no
distributions of dates or durations, as in Squiggle.
"""
from __future__ import annotations

import math

import numpy as np

from ..base.errors import DomainError
from ..base.date_format import format_date
from ..base.js_date import to_date_string, to_iso_string
from ..base.number_format import format_number, to_precision
from .values import Domain, Value, json_number

__all__ = ["Date", "Duration", "DateDomain", "UNITS", "YEAR_MS", "date_from_ms",
           "duration_text", "shown_text"]

# Squiggle's units, largest first, as (milliseconds, singular, plural)
YEAR_MS = 24 * 60 * 60 * 1000 * 365.25
UNITS = (
    (YEAR_MS, "year", "years"),
    (24 * 60 * 60 * 1000, "day", "days"),
    (60 * 60 * 1000, "hour", "hours"),
    (60 * 1000, "minute", "minutes"),
    (1000, "second", "seconds"),
)
_INT64_MS = 2.0 ** 63


def duration_text(ms: float) -> str:
    """Squiggle's text for a duration: its largest unit that fits, to 3 significant
    digits (``6.00 years``, ``30.0 seconds``, ``0.00 ms``). Exactly one of a unit reads
    ``1.00 `` with no unit name: Squiggle 0.10 writes it so."""
    value, plural = ms, "ms"
    for size, _, many in UNITS:
        if abs(ms) >= size:
            value, plural = ms / size, many
            break
    return f"{to_precision(value, 3)} {plural if value != 1.0 else ''}"


def shown_text(value: "Date | Duration") -> str:
    """How the report shows a date or duration: Squiggle's text, or as Squiggle's
    playground shows one tagged with ``@format``: a date by its d3-time-format, a
    duration as its number in its largest unit by the d3-format and the unit's name
    (``2.3 Years``)."""
    if isinstance(value, Date) and value.tags.date_format is not None:
        return format_date(value.ms, value.tags.date_format)
    if isinstance(value, Duration) and value.tags.number_format is not None:
        number, unit = value.ms, "Millisecond"
        for size, singular, _ in UNITS:
            if abs(value.ms) >= size:
                number, unit = value.ms / size, singular.capitalize()
                break
        return f"{format_number(value.tags.number_format, number)} {unit}s"
    return str(value)


class Date(Value):
    """A point in time: whole milliseconds since the epoch (``ms``), within JavaScript's
    range of 8.64e15 ms (about 275,000 years) either side of 1970."""

    __slots__ = ("ms",)
    type_name = "Date"

    def __init__(self, ms: float) -> None:
        self.ms = float(ms)

    def summary(self) -> dict:
        out = {"type": "date", "value": to_iso_string(self.ms), "ms": int(self.ms),
               "text": str(self)}
        if self.tags.date_format is not None:  # @format("%Y"): as in a number's JSON
            out["format"] = self.tags.date_format
        return out

    def to_python(self) -> np.datetime64:
        """The date as ``numpy.datetime64`` in milliseconds (exact over its whole
        range, which Python's datetime, years 1-9999, is not)."""
        return np.datetime64(int(self.ms), "ms")

    def __str__(self) -> str:
        return to_date_string(self.ms)

    def __eq__(self, other) -> bool:
        return isinstance(other, Date) and self.ms == other.ms

    def __hash__(self) -> int:
        return hash(("Date", self.ms))

    def __repr__(self) -> str:
        return f"Date({to_iso_string(self.ms)})"


class Duration(Value):
    """A length of time in milliseconds (``ms``: a float, possibly infinite, never
    NaN)."""

    __slots__ = ("ms",)
    type_name = "Duration"
    public_name = "Time Duration"  # what Squiggle's typeOf says

    def __init__(self, ms: float) -> None:
        self.ms = float(ms)

    def summary(self) -> dict:
        out = {"type": "duration", "ms": json_number(self.ms), "text": str(self)}
        if self.tags.number_format is not None:
            out["format"] = self.tags.number_format
        return out

    def to_python(self):
        """``numpy.timedelta64`` in whole milliseconds; an infinite duration, or one
        past 292 million years, as its float number of milliseconds."""
        if math.isfinite(self.ms) and abs(self.ms) < _INT64_MS:
            return np.timedelta64(round(self.ms), "ms")
        return self.ms

    def __str__(self) -> str:
        return duration_text(self.ms)

    def __eq__(self, other) -> bool:
        return isinstance(other, Duration) and self.ms == other.ms

    def __hash__(self) -> int:
        return hash(("Duration", self.ms))

    def __repr__(self) -> str:
        return f"Duration({self.ms!r} ms)"


def date_from_ms(ms: float, what: str) -> Date:
    """The Date at ``ms`` (a TimeClipped value), or a DomainError naming ``what`` where
    JavaScript would make an Invalid Date (Squiggle 0.10 goes on with one, printing
    "Invalid Date"; sqdsl stops, as it does for NaN)."""
    if math.isnan(ms):
        raise DomainError(f"{what}: the date is out of range (a date lies within "
                          "275,760 years of 1970)")
    return Date(ms)


class DateDomain(Domain):
    """``Date.rangeDomain(min, max)``: the dates from ``min`` to ``max``, both included,
    for parameter annotations (``f(t: Date.rangeDomain(Date(2020), Date(2030)))``).
    ``low`` and ``high`` are milliseconds."""

    __slots__ = ()

    def contains(self, x) -> bool:
        """Whether ``x`` is a Date in the range."""
        return isinstance(x, Date) and self.low <= x.ms <= self.high

    def summary(self) -> dict:
        return {"type": "domain", "kind": "date", "low": Date(self.low).summary(),
                "high": Date(self.high).summary()}

    def to_python(self) -> tuple:
        return (Date(self.low).to_python(), Date(self.high).to_python())

    def annotation(self) -> str:
        return str(self)

    def __str__(self) -> str:
        return f"Date.rangeDomain({to_date_string(self.low)}, {to_date_string(self.high)})"
