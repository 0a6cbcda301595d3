"""``new Date(string)`` as Squiggle 0.10 runs it (node, so V8's date parser).

Two formats are read. The ECMAScript date-time format (``2024-01-15``,
``2024-01-15T10:30:00.000Z``, ``+002024-01``, an offset ``+02:00``) first; whatever it
cannot place is read by the lenient "legacy" rules browsers share: numbers separated by
``/``, ``-`` or spaces (``1/15/2024``, ``2024/01/15``), English month names and their
three-letter prefixes (``Jan 15 2024``, ``15 January 2024``), words before the first
number ignored (``Mon Jan 15 2024``), ``10:30``, ``am``/``pm``, ``UTC``/``GMT``/``Z`` and
US zone names, offsets such as ``GMT+0200``. A date-only ISO string is UTC; other strings
without a zone are local time, which sqdsl takes to be UTC (``dsl.base.js_date``).

``parse`` returns milliseconds since the epoch, or nan where JavaScript makes an
"Invalid Date".
"""
from __future__ import annotations

import math
import re
from typing import NamedTuple, Optional

from .js_date import make_date, make_day, make_time, time_clip

__all__ = ["parse"]

_NONE = None
_MAX_DIGITS = 9  # digits past the ninth do not change a numeral's value (V8)
_WHITESPACE = " \t\n\v\f\r"
# runs of digits, and words: every character from 'A' up counts as a letter (V8's rule);
# matched by regex so that a long string scans at C speed
_DIGITS = re.compile(r"[0-9]+")
_WORD = re.compile("[A-\U0010ffff]+")
# word prefix -> (kind, value); a month also matches any longer word with its prefix
_KEYWORDS = {
    "jan": ("month", 1), "feb": ("month", 2), "mar": ("month", 3), "apr": ("month", 4),
    "may": ("month", 5), "jun": ("month", 6), "jul": ("month", 7), "aug": ("month", 8),
    "sep": ("month", 9), "oct": ("month", 10), "nov": ("month", 11), "dec": ("month", 12),
    "am": ("ampm", 0), "pm": ("ampm", 12),
    "ut": ("zone", 0), "utc": ("zone", 0), "z": ("zone", 0), "gmt": ("zone", 0),
    "cdt": ("zone", -5), "cst": ("zone", -6), "edt": ("zone", -4), "est": ("zone", -5),
    "mdt": ("zone", -6), "mst": ("zone", -7), "pdt": ("zone", -7), "pst": ("zone", -8),
    "t": ("separator", 0),
}


class _Token(NamedTuple):
    kind: str            # number, symbol, word, space, unknown, end, invalid
    value: object = None
    length: int = 0

    def is_symbol(self, ch: str) -> bool:
        return self.kind == "symbol" and self.value == ch

    def is_sign(self) -> bool:
        return self.kind == "symbol" and self.value in "+-"

    def is_number(self, length: Optional[int] = None) -> bool:
        return self.kind == "number" and (length is None or self.length == length)

    def is_word(self, kind: str) -> bool:
        return self.kind == "word" and self.value[0] == kind

    def is_z(self) -> bool:
        return self.is_word("zone") and self.length == 1 and self.value[1] == 0


_END = _Token("end")
_INVALID = _Token("invalid")


class _Scanner:
    """The string as tokens, with one token of look-ahead."""

    def __init__(self, text: str) -> None:
        self.text = text.split("\0", 1)[0]  # a NUL ends the string for V8's reader
        self.pos = 0
        self.next_token = self._scan()

    def next(self) -> _Token:
        token, self.next_token = self.next_token, self._scan()
        return token

    def peek(self) -> _Token:
        return self.next_token

    def skip(self, ch: str) -> bool:
        if self.next_token.is_symbol(ch):
            self.next_token = self._scan()
            return True
        return False

    def _scan(self) -> _Token:
        text, start = self.text, self.pos
        if start >= len(text):
            return _END
        ch = text[start]
        if "0" <= ch <= "9":
            end = _DIGITS.match(text, start).end()
            self.pos = end
            return _Token("number", int(text[start:min(end, start + _MAX_DIGITS)]), end - start)
        if ch in ":-+.)":
            self.pos += 1
            return _Token("symbol", ch, 1)
        if ch >= "A":  # a word: letters, and every character above 'A' (V8's rule)
            end = _WORD.match(text, start).end()
            self.pos = end
            word = text[start:end]
            prefix = "".join(chr(ord(c) | 0x20) for c in word[:3])
            found = _KEYWORDS.get(prefix)
            if found is not None and (len(word) <= 3 or found[0] == "month"):
                return _Token("word", found, len(word))
            return _Token("word", ("garbage", 0), len(word))
        if ch in _WHITESPACE:
            self.pos += 1
            return _Token("space", None, 1)
        if ch == "(":  # a parenthesised comment, nested parentheses included
            depth, i = 0, start
            while True:
                if text[i] == ")":
                    depth -= 1
                elif text[i] == "(":
                    depth += 1
                i += 1
                if depth <= 0 or i >= len(text):
                    break
            self.pos = i
            return _Token("unknown")
        self.pos += 1
        return _Token("unknown")


class _Day:
    """Up to three date numbers and a named month."""

    def __init__(self) -> None:
        self.parts: list[int] = []
        self.month_name: Optional[int] = None
        self.iso = False

    def add(self, n: int) -> bool:
        if len(self.parts) >= 3:
            return False
        self.parts.append(n)
        return True

    def write(self) -> Optional[tuple[int, int, int]]:
        if not self.parts:
            return None
        # missing numbers are 1s, and the rules below then always see three: "May 12"
        # is May 12 of the year 1, that is 2001, as node gives
        comp = self.parts + [1] * (3 - len(self.parts))
        if self.month_name is None:
            if self.iso or not _is_day(comp[0]):
                year, month, day = comp
            else:
                month, day, year = comp
        else:
            month = self.month_name
            if not _is_day(comp[0]):
                year, day = comp[0], comp[1]
            else:
                day, year = comp[0], comp[1]
        if not self.iso:
            if 0 <= year <= 49:
                year += 2000
            elif 50 <= year <= 99:
                year += 1900
        if not (1 <= month <= 12 and _is_day(day)):
            return None
        return year, month - 1, day


class _Time:
    """Hour, minute, second, millisecond, and an am/pm offset."""

    def __init__(self) -> None:
        self.parts: list[int] = []
        self.hour_offset: Optional[int] = None

    def empty(self) -> bool:
        return not self.parts

    def expecting(self, n: int) -> bool:
        i = len(self.parts)
        return (i == 1 and 0 <= n <= 59) or (i == 2 and 0 <= n <= 59) or (i == 3 and 0 <= n <= 999)

    def add(self, n: int) -> bool:
        if len(self.parts) >= 4:
            return False
        self.parts.append(n)
        return True

    def add_final(self, n: int) -> bool:
        if not self.add(n):
            return False
        self.parts += [0] * (4 - len(self.parts))
        return True

    def write(self) -> Optional[tuple[int, int, int, int]]:
        hour, minute, second, milli = self.parts + [0] * (4 - len(self.parts))
        if self.hour_offset is not None:
            if not 0 <= hour <= 12:
                return None
            hour = hour % 12 + self.hour_offset
        if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59
                and 0 <= milli <= 999):
            if (hour, minute, second, milli) != (24, 0, 0, 0):
                return None
        return hour, minute, second, milli


class _Zone:
    """A UTC offset: sign, hours, minutes (None: not given)."""

    def __init__(self) -> None:
        self.sign: Optional[int] = None
        self.hour: Optional[int] = None
        self.minute: Optional[int] = None

    def set_hours(self, offset: int) -> None:
        self.sign = -1 if offset < 0 else 1
        self.hour, self.minute = abs(offset), 0

    def expecting(self, n: int) -> bool:
        return self.hour is not None and self.minute is None and 0 <= n <= 59

    def is_utc(self) -> bool:
        return self.hour == 0 and self.minute == 0

    def offset_seconds(self) -> Optional[int]:
        if self.sign is None:
            return None
        return self.sign * ((self.hour or 0) * 3600 + (self.minute or 0) * 60)


def _is_day(n: int) -> bool:
    return 1 <= n <= 31


def _two_digits(token: _Token, most: int, hour_24: bool) -> bool:
    """A two-digit number from 0 to ``most`` (only 0 after the hour 24)."""
    return token.is_number(2) and 0 <= token.value <= most and not (hour_24 and token.value > 0)


def _milliseconds(token: _Token) -> int:
    """The first three digits of a fraction of a second: .5 is 500 ms, .12345 is 123."""
    n, length = token.value, min(token.length, _MAX_DIGITS)
    if length < 3:
        return n * (100 if length == 1 else 10)
    return n // 10 ** (length - 3)


def _iso(scanner: _Scanner, day: _Day, time: _Time, zone: _Zone) -> _Token:
    """Read as much of an ECMAScript date-time string as there is. Returns the first
    token it could not place (for the legacy rules), ``_END`` when the whole string was
    one, or ``_INVALID`` when it started a time it could not finish."""
    if scanner.peek().is_sign():
        sign_token = scanner.next()
        if not scanner.peek().is_number(6):
            return sign_token
        sign = 1 if sign_token.value == "+" else -1
        year = scanner.next().value
        if sign < 0 and year == 0:
            return sign_token
        day.add(sign * year)
    elif scanner.peek().is_number(4):
        day.add(scanner.next().value)
    else:
        return scanner.next()
    if scanner.skip("-"):
        if not (scanner.peek().is_number(2) and 1 <= scanner.peek().value <= 12):
            return scanner.next()
        day.add(scanner.next().value)
        if scanner.skip("-"):
            if not (scanner.peek().is_number(2) and _is_day(scanner.peek().value)):
                return scanner.next()
            day.add(scanner.next().value)
    if not scanner.peek().is_word("separator"):
        if scanner.peek().kind != "end":
            return scanner.next()
    else:
        scanner.next()
        if not (scanner.peek().is_number(2) and 0 <= scanner.peek().value <= 24):
            return _INVALID
        hour_24 = scanner.peek().value == 24
        time.add(scanner.next().value)
        if not scanner.skip(":"):
            return _INVALID
        if not _two_digits(scanner.peek(), 59, hour_24):
            return _INVALID
        time.add(scanner.next().value)                        # minutes
        if scanner.skip(":"):
            if not _two_digits(scanner.peek(), 59, hour_24):
                return _INVALID
            time.add(scanner.next().value)                    # seconds
            if scanner.skip("."):
                p = scanner.peek()
                if not p.is_number() or (hour_24 and p.value > 0):
                    return _INVALID
                time.add(_milliseconds(scanner.next()))
        if scanner.peek().is_z():
            scanner.next()
            zone.set_hours(0)
        elif scanner.peek().is_sign():
            zone.sign = 1 if scanner.next().value == "+" else -1
            p = scanner.peek()
            if p.is_number(4):
                hour, minute = divmod(scanner.next().value, 100)
                if not (0 <= hour <= 23 and 0 <= minute <= 59):
                    return _INVALID
                zone.hour, zone.minute = hour, minute
            else:
                if not (p.is_number(2) and 0 <= p.value <= 23):
                    return _INVALID
                zone.hour = scanner.next().value
                if not scanner.skip(":"):
                    return _INVALID
                p = scanner.peek()
                if not (p.is_number(2) and 0 <= p.value <= 59):
                    return _INVALID
                zone.minute = scanner.next().value
        if scanner.peek().kind != "end":
            return _INVALID
    if zone.hour is None and time.empty():  # a date alone is UTC
        zone.set_hours(0)
    day.iso = True
    return _END


def _legacy(scanner: _Scanner, token: _Token, day: _Day, time: _Time, zone: _Zone) -> bool:
    """The legacy rules, from ``token`` on; False when the string is not a date."""
    has_number = bool(day.parts)
    while token.kind != "end":
        if token.kind == "number":
            has_number = True
            n = token.value
            if scanner.skip(":"):
                if scanner.skip(":"):            # "n::" is n hours and 0 minutes
                    if not time.empty():
                        return False
                    time.add(n)
                    time.add(0)
                else:
                    if not time.add(n):
                        return False
                    if scanner.peek().is_symbol("."):
                        scanner.next()
            elif scanner.skip(".") and time.expecting(n):  # the '.' goes either way
                time.add(n)
                if not scanner.peek().is_number():
                    return False
                time.add_final(_milliseconds(scanner.next()))
            elif zone.expecting(n):
                zone.minute = n
            elif time.expecting(n):
                time.add_final(n)
                p = scanner.peek()
                if not (p.kind in ("end", "space") or p.is_z() or p.is_sign()):
                    return False
            else:
                if not day.add(n):
                    return False
                scanner.skip("-")
        elif token.kind == "word":
            kind, value = token.value
            if kind == "ampm" and not time.empty():
                time.hour_offset = value
            elif kind == "month":
                day.month_name = value
                scanner.skip("-")
            elif kind == "zone" and has_number:
                zone.set_hours(value)
            else:
                if has_number:                   # a stray word after a number
                    return False
                if scanner.peek().is_number():   # a word glued to the first number
                    return False
        elif token.is_sign() and (zone.is_utc() or not time.empty()):
            zone.sign = 1 if token.value == "+" else -1
            n, length = 0, 0
            if scanner.peek().is_number():
                number = scanner.next()
                n, length = number.value, number.length
            has_number = True
            if scanner.peek().is_symbol(":"):
                zone.hour, zone.minute = n, None
            elif length in (1, 2):
                zone.hour, zone.minute = n, 0
            elif length in (3, 4):
                zone.hour, zone.minute = divmod(n, 100)
            else:
                return False
        elif (token.is_sign() or token.is_symbol(")")) and has_number:
            return False
        token = scanner.next()
    return True


def parse(text: str) -> float:
    """Milliseconds since the epoch that ``new Date(text)`` gives in a UTC time zone,
    or nan for an invalid date."""
    scanner = _Scanner(text)
    day, time, zone = _Day(), _Time(), _Zone()
    token = _iso(scanner, day, time, zone)
    if token.kind == "invalid":
        return math.nan
    if token.kind != "end" and not _legacy(scanner, token, day, time, zone):
        return math.nan
    ymd, hms = day.write(), time.write()
    if ymd is None or hms is None:
        return math.nan
    t = make_date(make_day(*ymd), make_time(*hms))
    offset = zone.offset_seconds()
    if offset is not None:
        t -= offset * 1000.0
    return time_clip(t)
