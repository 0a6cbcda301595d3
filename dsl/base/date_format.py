"""Dates as d3-time-format 4.1 writes them: ``String(date, "%Y-%m-%d")`` in Squiggle 0.10.

Squiggle formats a date with ``d3.timeFormat(specifier)``, in the default en-US locale
and the machine's local time; sqdsl's local time is UTC (``dsl.base.js_date``). Every
directive of d3 is here: ``%a %A %b %B %c %d %e %f %g %G %H %I %j %L %m %M %p %q %Q %s
%S %u %U %V %w %W %x %X %y %Y %Z %%``, each with the padding modifiers ``%-d`` (none),
``%_d`` (spaces) and ``%0d`` (zeros). An unknown directive writes its letter, as d3 does.
"""
from __future__ import annotations

import math
from typing import Callable

from .js_date import MONTHS, MS_PER_DAY, WEEKDAYS, civil, make_day

__all__ = ["format_date"]

_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
# en-US, d3's default locale
_DATE_TIME, _DATE, _TIME = "%x, %X", "%-m/%-d/%Y", "%-I:%M:%S %p"
_PADS = {"-": "", "_": " ", "0": "0"}
_WEEK = 7 * MS_PER_DAY


def _pad(value: int, fill: str, width: int) -> str:
    sign = "-" if value < 0 else ""
    text = str(abs(value))
    return sign + (fill * (width - len(text)) + text if len(text) < width else text)


def _rem(a: int, b: int) -> int:
    """JavaScript's ``a % b`` (the sign of ``a``), for years before year 0."""
    return int(math.fmod(a, b))


class _Parts:
    """The calendar fields of one time value, as d3 reads them off a Date."""

    def __init__(self, ms: float) -> None:
        self.ms = int(ms)
        (self.year, self.month0, self.day, self.weekday, self.hour, self.minute,
         self.second, self.milli) = civil(ms)
        self.days = self.ms // MS_PER_DAY                       # whole days since 1970
        self.year_start = int(make_day(self.year, 0, 1)) * MS_PER_DAY


def _floor_week(ms: int, first_weekday: int) -> int:
    """The start of the week (beginning on ``first_weekday``, 0 = Sunday) holding ``ms``."""
    days = ms // MS_PER_DAY
    return (days - (days + 4 - first_weekday) % 7) * MS_PER_DAY


def _weeks(first_weekday: int) -> Callable[["_Parts", str], str]:
    """%U (Sundays) or %W (Mondays): weeks of the year so far, week 0 before the first."""
    def directive(d: _Parts, p: str) -> str:
        start = _floor_week(d.year_start - 1, first_weekday)
        return _pad((_floor_week(d.ms, first_weekday) - start) // _WEEK, p, 2)
    return directive


def _iso_thursday(d: _Parts) -> _Parts:
    """The Thursday of ``d``'s ISO week (d3's dISO), whose year is the ISO year."""
    thursday = _floor_week(d.ms, 4)
    if not (d.weekday >= 4 or d.weekday == 0):  # Monday to Wednesday: the next Thursday
        thursday = _floor_week(d.ms - 1, 4) + _WEEK
    return _Parts(thursday)


def _iso_week(d: _Parts, p: str) -> str:
    t = _iso_thursday(d)
    count = (_floor_week(t.ms, 4) - _floor_week(t.year_start, 4)) // _WEEK
    starts_thursday = civil(t.year_start)[3] == 4
    return _pad(count + starts_thursday, p, 2)


def _nested(specifier: str) -> Callable[["_Parts", str], str]:
    return lambda d, p: _format(specifier, d)


_DIRECTIVES: dict[str, Callable[[_Parts, str], str]] = {
    "a": lambda d, p: WEEKDAYS[d.weekday],
    "A": lambda d, p: _DAYS[d.weekday],
    "b": lambda d, p: MONTHS[d.month0],
    "B": lambda d, p: _MONTH_NAMES[d.month0],
    "c": _nested(_DATE_TIME),
    "d": lambda d, p: _pad(d.day, p, 2),
    "e": lambda d, p: _pad(d.day, p, 2),
    "f": lambda d, p: _pad(d.milli, p, 3) + "000",
    "g": lambda d, p: _pad(_rem(_iso_thursday(d).year, 100), p, 2),
    "G": lambda d, p: _pad(_rem(_iso_thursday(d).year, 10000), p, 4),
    "H": lambda d, p: _pad(d.hour, p, 2),
    "I": lambda d, p: _pad(d.hour % 12 or 12, p, 2),
    "j": lambda d, p: _pad(1 + (d.days * MS_PER_DAY - d.year_start) // MS_PER_DAY, p, 3),
    "L": lambda d, p: _pad(d.milli, p, 3),
    "m": lambda d, p: _pad(d.month0 + 1, p, 2),
    "M": lambda d, p: _pad(d.minute, p, 2),
    "p": lambda d, p: "PM" if d.hour >= 12 else "AM",
    "q": lambda d, p: str(1 + d.month0 // 3),
    "Q": lambda d, p: str(d.ms),
    "s": lambda d, p: str(d.ms // 1000),
    "S": lambda d, p: _pad(d.second, p, 2),
    "u": lambda d, p: str(d.weekday or 7),
    "U": _weeks(0),
    "V": _iso_week,
    "w": lambda d, p: str(d.weekday),
    "W": _weeks(1),
    "x": _nested(_DATE),
    "X": _nested(_TIME),
    "y": lambda d, p: _pad(_rem(d.year, 100), p, 2),
    "Y": lambda d, p: _pad(_rem(d.year, 10000), p, 4),
    "Z": lambda d, p: "+0000",  # the offset of local time, which is UTC here
    "%": lambda d, p: "%",
}


def _format(specifier: str, d: _Parts) -> str:
    out: list[str] = []
    i, start, n = 0, 0, len(specifier)
    while i < n:
        if specifier[i] == "%":
            out.append(specifier[start:i])
            i += 1
            c = specifier[i] if i < n else ""
            if c in _PADS and c:
                pad = _PADS[c]
                i += 1
                c = specifier[i] if i < n else ""
            else:
                pad = " " if c == "e" else "0"
            directive = _DIRECTIVES.get(c)
            out.append(directive(d, pad) if directive else c)
            start = i + 1
        i += 1
    out.append(specifier[start:])
    return "".join(out)


def format_date(ms: float, specifier: str) -> str:
    """The date at ``ms`` (a valid time value) written by the d3-time-format
    ``specifier``."""
    return _format(specifier, _Parts(ms))
