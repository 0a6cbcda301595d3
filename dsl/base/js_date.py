"""JavaScript's Date arithmetic on milliseconds since 1970-01-01T00:00:00Z.

Squiggle 0.10 keeps a date as a JavaScript ``Date``, so its constructors, printing and
range follow ECMAScript: ``new Date(y, m, d)`` (with its quirks: years 0-99 mean
1900-1999, months and days past their end roll over, fractions are cut off), TimeClip
(whole milliseconds, at most 8.64e15 from the epoch) and ``toDateString``. Where
JavaScript uses the machine's local time zone, sqdsl uses UTC, so a model gives the same
dates on every machine (Squiggle does too when its machine runs on UTC).

Everything here is plain arithmetic on floats; ``nan`` stands for JavaScript's
"Invalid Date". ``dsl.base.js_date_parse`` parses date strings as ``new Date(string)`` does.
"""
from __future__ import annotations

import math

__all__ = [
    "MS_PER_DAY", "MAX_TIME", "make_day", "make_time", "make_date", "time_clip",
    "from_fields", "civil", "to_date_string", "to_iso_string",
]

MS_PER_DAY = 86_400_000
MAX_TIME = 8.64e15  # TimeClip: a date is at most 100,000,000 days from the epoch
WEEKDAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# MakeDay refuses years and months this far out (V8's bounds), before any arithmetic
_MAX_YEAR = 1_000_000
_MAX_MONTH = 10_000_000


def _days_from_civil(year: int, month0: int, day: int) -> int:
    """Days from 1970-01-01 to ``year``-``month0 + 1``-``day`` (proleptic Gregorian)."""
    y = year - (month0 < 2)                      # count years from March
    era = y // 400
    yoe = y - era * 400
    mp = (month0 + 10) % 12                      # March = 0
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146_097 + doe - 719_468


def make_day(year: float, month: float, date: float) -> float:
    """ECMAScript MakeDay: the day number of (year, month counted from 0, date), with
    months past 11 or below 0 moving the year and the date counting on from the 1st."""
    if not (math.isfinite(year) and math.isfinite(month) and math.isfinite(date)):
        return math.nan
    y, m, dt = math.trunc(year), math.trunc(month), math.trunc(date)
    if abs(y) > _MAX_YEAR or abs(m) > _MAX_MONTH:
        return math.nan
    ym, mn = y + m // 12, m % 12
    return float(_days_from_civil(ym, mn, 1) + dt - 1)


def make_time(hour: float, minute: float, second: float, ms: float) -> float:
    """ECMAScript MakeTime: milliseconds of a time of day (fractions cut off)."""
    parts = (hour, minute, second, ms)
    if not all(math.isfinite(p) for p in parts):
        return math.nan
    h, m, s, milli = (math.trunc(p) for p in parts)
    return float(h * 3_600_000 + m * 60_000 + s * 1000 + milli)


def make_date(day: float, time: float) -> float:
    """ECMAScript MakeDate."""
    if not (math.isfinite(day) and math.isfinite(time)):
        return math.nan
    return day * MS_PER_DAY + time


def time_clip(t: float) -> float:
    """ECMAScript TimeClip: whole milliseconds (cut toward 0), nan beyond 8.64e15."""
    if not math.isfinite(t) or abs(t) > MAX_TIME:
        return math.nan
    return float(math.trunc(t)) + 0.0


def from_fields(year: float, month0: float, day: float = 1.0, hour: float = 0.0,
                minute: float = 0.0, second: float = 0.0, ms: float = 0.0) -> float:
    """``new Date(year, month0, day, ...)`` read in UTC: a year from 0 to 99 means
    1900-1999, as in JavaScript."""
    if math.isfinite(year) and 0 <= math.trunc(year) <= 99:
        year = 1900 + math.trunc(year)
    return time_clip(make_date(make_day(year, month0, day),
                               make_time(hour, minute, second, ms)))


def civil(ms: float) -> tuple[int, int, int, int, int, int, int, int]:
    """(year, month0, day, weekday, hour, minute, second, millisecond) of a valid
    time value, in UTC."""
    t = int(ms)
    days, rest = divmod(t, MS_PER_DAY)
    weekday = (days + 4) % 7                     # 1970-01-01 was a Thursday
    z = days + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month0 = (mp + 2) % 12
    year = yoe + era * 400 + (month0 < 2)
    hour, rest = divmod(rest, 3_600_000)
    minute, rest = divmod(rest, 60_000)
    second, milli = divmod(rest, 1000)
    return year, month0, day, weekday, hour, minute, second, milli


def to_date_string(ms: float) -> str:
    """``Date.prototype.toDateString``: ``Tue Jan 01 2030`` (years below 0 as -0005)."""
    if not math.isfinite(ms):
        return "Invalid Date"
    year, month0, day, weekday, *_ = civil(ms)
    sign = "-" if year < 0 else ""
    return f"{WEEKDAYS[weekday]} {MONTHS[month0]} {day:02d} {sign}{abs(year):04d}"


def to_iso_string(ms: float) -> str:
    """``Date.prototype.toISOString``: ``2030-01-01T00:00:00.000Z``; years outside
    0-9999 are written with a sign and six digits (``+200000-01-01T...``)."""
    if not math.isfinite(ms):
        return "Invalid Date"
    year, month0, day, _, hour, minute, second, milli = civil(ms)
    if 0 <= year <= 9999:
        y = f"{year:04d}"
    else:
        y = ("+" if year > 0 else "-") + f"{abs(year):06d}"
    return (f"{y}-{month0 + 1:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}."
            f"{milli:03d}Z")
