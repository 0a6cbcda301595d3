"""Numbers -> text, exactly as Squiggle 0.10 writes them: d3-format specifiers
(``String(x, ",.2f")``, ``@format(".1%")``), JavaScript's ``String(x)`` and Squiggle's
own short display of a number (``makeFormattedNumber``: 1.2M, 3.4e-5).

``format_number(".1%", 0.123)`` gives ``"12.3%"``, character for character what
d3-format 3.1 (the version Squiggle 0.10 uses, default en-US locale) gives: its minus
sign is U+2212 ("−"), ``$`` is the dollar sign, ``,`` groups by threes. The JavaScript
number methods it builds on (``toFixed``, ``toPrecision``, ``toExponential``) round the
exact binary value half up, which ``decimal`` does exactly (Python's ``%`` formatting
rounds exact ties to even: ``(2.5).toFixed(0)`` is "3", ``f"{2.5:.0f}"`` is "2").

Pure functions of their arguments, no imports from the rest of sqdsl: every output of
the project can use them.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Callable, NamedTuple, Optional

__all__ = ["FormatSpec", "FormatError", "parse_spec", "format_number", "formatter",
           "is_valid_spec", "js_string", "squiggle_number", "MINUS"]

MINUS = "\u2212"  # d3-format's default minus sign
_PREFIXES = ("y", "z", "a", "f", "p", "n", "\u00b5", "m", "", "k", "M", "G", "T", "P",
             "E", "Z", "Y")
# [[fill]align][sign][symbol][0][width][,][.precision][~][type], as d3-format's regular
# expression reads it. JavaScript's `.` is one UTF-16 unit other than a line end, its
# `\d` and case folding ASCII only; the fill is checked separately (``_FILL_OK``).
_SPEC = re.compile("(?:([^\n\r\u2028\u2029\U00010000-\U0010ffff])?([<>=^]))?"
                   r"([+\-( ])?([$#])?(0)?([0-9]+)?(,)?(\.[0-9]+)?(~)?([a-z%])?",
                   re.IGNORECASE | re.ASCII)
# exact decimal arithmetic wide enough for any double (1e308 has 309 digits, 5e-324 has
# 751 significant ones)
_EXACT = Context(prec=1100)


class FormatError(ValueError):
    """A string that is not a d3-format specifier."""


class FormatSpec(NamedTuple):
    """A parsed specifier, with d3-format's defaults filled in (``FormatSpecifier``)."""
    fill: str = " "
    align: str = ">"
    sign: str = "-"
    symbol: str = ""
    zero: bool = False
    width: Optional[int] = None
    comma: bool = False
    precision: Optional[int] = None
    trim: bool = False
    type: str = ""


def parse_spec(spec: str) -> FormatSpec:
    """The parts of a d3-format specifier; FormatError if it is not one."""
    m = _SPEC.fullmatch(spec)
    if m is None:
        raise FormatError(f"invalid format: {spec}")
    fill, align, sign, symbol, zero, width, comma, precision, trim, type_ = m.groups()
    return FormatSpec(" " if fill is None else fill, ">" if align is None else align,
                      "-" if sign is None else sign, symbol or "", bool(zero),
                      None if width is None else int(width), bool(comma),
                      None if precision is None else int(precision[1:]), bool(trim),
                      type_ or "")


def is_valid_spec(spec: str) -> bool:
    """Whether ``spec`` is a d3-format specifier (what ``Tag.format`` checks)."""
    try:
        parse_spec(spec)
    except FormatError:
        return False
    return True


def format_number(spec: str, x: float) -> str:
    """``d3.format(spec)(x)``."""
    return formatter(spec)(x)


# ---- JavaScript's number methods, on a non-negative finite or infinite double ----

def _exact(x: float) -> Decimal:
    return Decimal(x)


def to_fixed(x: float, digits: int) -> str:
    """``x.toFixed(digits)``."""
    if not math.isfinite(x) or abs(x) >= 1e21:
        return js_string(x)
    d = _exact(x).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP,
                           context=_EXACT)
    return ("-" if x < 0 else "") + f"{d.copy_abs():f}"


def _round_significant(x: float, digits: int) -> tuple[str, int]:
    """The ``digits`` significant digits of x > 0 rounded half up, and the decimal
    exponent of the first: 1234.5, 3 -> ("123", 3)."""
    d = _exact(x)
    e = d.adjusted()
    q = d.scaleb(-e).quantize(Decimal(1).scaleb(1 - digits), rounding=ROUND_HALF_UP,
                              context=_EXACT)
    if q >= 10:  # 9.99 rounded up to 10.0
        e += 1
        q = d.scaleb(-e).quantize(Decimal(1).scaleb(1 - digits), rounding=ROUND_HALF_UP,
                                  context=_EXACT)
    return f"{q:f}".replace(".", "")[:digits], e


def _exponent_text(e: int) -> str:
    return ("e+" if e >= 0 else "e-") + str(abs(e))


def to_exponential(x: float, digits: Optional[int] = None) -> str:
    """``x.toExponential(digits)`` (without ``digits``: the shortest digits that read
    back as x)."""
    if not math.isfinite(x):
        return js_string(x)
    sign = "-" if x < 0 else ""
    x = abs(x)
    if x == 0:
        body, e = "0" * (1 if digits is None else digits + 1), 0
    elif digits is None:
        body, e = _shortest(x)
    else:
        body, e = _round_significant(x, digits + 1)
    return sign + body[0] + ("." + body[1:] if len(body) > 1 else "") + _exponent_text(e)


def to_precision(x: float, digits: int) -> str:
    """``x.toPrecision(digits)``."""
    if not math.isfinite(x):
        return js_string(x)
    sign = "-" if x < 0 else ""
    x = abs(x)
    if x == 0:
        body, e = "0" * digits, 0
    else:
        body, e = _round_significant(x, digits)
    if e < -6 or e >= digits:
        return sign + body[0] + ("." + body[1:] if digits > 1 else "") + _exponent_text(e)
    if e >= 0:
        whole, frac = body[:e + 1], body[e + 1:]
        return sign + whole + ("." + frac if frac else "")
    return sign + "0." + "0" * (-e - 1) + body


def _shortest(x: float) -> tuple[str, int]:
    """The shortest digits that read back as x > 0 (JavaScript's and Python's), and the
    decimal exponent of the first."""
    mantissa, _, exp10 = repr(x).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = whole + frac
    point = len(whole) + int(exp10 or 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0") or "0", point - 1


def js_string(x: float) -> str:
    """JavaScript's ``String(x)``: 3 -> "3", 2500000 -> "2500000", 1.5e-7 -> "1.5e-7",
    1e21 -> "1e+21" (Squiggle's ``String(x)`` and ``"n=" + x``)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits, e = _shortest(abs(x))
    k, n = len(digits), e + 1  # the decimal point sits after n digits
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    return sign + digits[0] + ("." + digits[1:] if k > 1 else "") + _exponent_text(n - 1)


def _js_round(x: float) -> float:
    """``Math.round``: halves up."""
    if not math.isfinite(x):
        return x
    r = math.floor(x)
    return r + 1.0 if x - r >= 0.5 else float(r)


def _js_to_number(text: str) -> float:
    """``+text`` for the strings a format makes (NaN for what JavaScript cannot read)."""
    try:
        return float(text.strip() or "0")
    except ValueError:
        return math.nan


# ---- d3-format's helpers ----

def _decimal_parts(x: float, p: Optional[int]) -> Optional[tuple[str, int]]:
    """``formatDecimalParts``: the significant digits of x (``p`` of them, else the
    shortest) and its exponent; None for 0 and non-finite x."""
    if not math.isfinite(x) or x == 0:
        return None
    text = to_exponential(x, p - 1) if p else to_exponential(x)
    i = text.index("e")
    coefficient = text[:i]
    if len(coefficient) > 1:
        coefficient = coefficient[0] + coefficient[2:]
    return coefficient, int(text[i + 1:])


def _format_decimal(x: float, p: int) -> str:
    x = _js_round(x)
    if abs(x) >= 1e21:  # toLocaleString("en") without its commas
        if math.isinf(x):
            return "\u221e"
        digits, e = _shortest(abs(x))
        return ("-" if x < 0 else "") + digits + "0" * (e + 1 - len(digits))
    return js_string(x)


def _format_rounded(x: float, p: int) -> str:
    d = _decimal_parts(x, p)
    if d is None:
        return js_string(x)
    coefficient, exponent = d
    if exponent < 0:
        return "0." + "0" * (-exponent - 1) + coefficient
    if len(coefficient) > exponent + 1:
        return coefficient[:exponent + 1] + "." + coefficient[exponent + 1:]
    return coefficient + "0" * (exponent - len(coefficient) + 1)


def _format_prefix_auto(x: float, p: int) -> tuple[str, Optional[int]]:
    """The digits of x for an SI prefix, and that prefix's exponent (None: no prefix)."""
    d = _decimal_parts(x, p)
    if d is None:
        return to_precision(x, p), None
    coefficient, exponent = d
    prefix_exponent = max(-8, min(8, math.floor(exponent / 3))) * 3
    i = exponent - prefix_exponent + 1
    n = len(coefficient)
    if i == n:
        text = coefficient
    elif i > n:
        text = coefficient + "0" * (i - n)
    elif i > 0:
        text = coefficient[:i] + "." + coefficient[i:]
    else:  # below 1y
        text = "0." + "0" * (-i) + _decimal_parts(x, max(0, p + i - 1))[0]
    return text, prefix_exponent


def _radix(base: str) -> Callable[[float, int], str]:
    def fmt(x: float, p: int) -> str:
        r = _js_round(x)
        if not math.isfinite(r):
            return js_string(r)
        return format(int(r), base)
    return fmt


_TYPES: dict[str, Callable[[float, int], str]] = {
    "%": lambda x, p: to_fixed(x * 100, p),
    "b": _radix("b"),
    "d": _format_decimal,
    "e": lambda x, p: to_exponential(x, p),
    "f": to_fixed,
    "g": to_precision,
    "o": _radix("o"),
    "p": lambda x, p: _format_rounded(x * 100, p),
    "r": _format_rounded,
    "X": lambda x, p: _radix("x")(x, p).upper(),
    "x": _radix("x"),
}


def _trim(s: str) -> str:
    """``formatTrim``: insignificant trailing zeros off (1.2000k -> 1.2k)."""
    i0 = i1 = -1
    for i in range(1, len(s)):
        c = s[i]
        if c == ".":
            i0 = i1 = i
        elif c == "0":
            if i0 == 0:
                i0 = i
            i1 = i
        elif c in "123456789":
            if i0 > 0:
                i0 = 0
        else:
            break
    return s[:i0] + s[i1 + 1:] if i0 > 0 else s


def _group(value: str, width: float) -> str:
    """Thousands separators, at most ``width`` characters (``formatGroup``)."""
    i, parts, length, g = len(value), [], 0, 3
    while i > 0 and g > 0:
        if length + g + 1 > width:
            g = max(1, int(width - length))
        start = i - g
        parts.append(value[max(start, 0):i])
        i = start
        length += g + 1
        if length > width:
            break
        g = 3
    return ",".join(reversed(parts))


def formatter(spec: str) -> Callable[[float], str]:
    """``d3.format(spec)``: a function from a number to its text. FormatError for a
    specifier d3-format refuses."""
    s = parse_spec(spec)
    fill, align, sign, symbol, zero, width, comma, precision, trim, type_ = s
    if type_ == "n":
        comma, type_ = True, "g"
    elif type_ not in _TYPES and type_ != "c" and type_ != "s":
        if precision is None:
            precision = 12
        trim, type_ = True, "g"
    if zero or (fill == "0" and align == "="):
        zero, fill, align = True, "0", "="
    prefix = "$" if symbol == "$" else (
        "0" + type_.lower() if symbol == "#" and type_ in "boxX" else "")
    suffix = "" if symbol == "$" else ("%" if type_ in ("%", "p") else "")
    maybe_suffix = type_ in "defgprs%"
    if precision is None:
        precision = 6
    elif type_ in "gprs":
        precision = max(1, min(21, precision))
    else:
        precision = max(0, min(20, precision))

    def fmt(value: float) -> str:
        value_prefix, value_suffix = prefix, suffix
        if type_ == "c":
            value_suffix = js_string(value) + value_suffix
            text = ""
        else:
            value = float(value)
            negative = value < 0 or (value == 0 and math.copysign(1.0, value) < 0)
            prefix_exponent = None
            if math.isnan(value):
                text = "NaN"
            elif type_ == "s":
                text, prefix_exponent = _format_prefix_auto(abs(value), precision)
            else:
                text = _TYPES[type_](abs(value), precision)
            if trim:
                text = _trim(text)
            if negative and _js_to_number(text) == 0 and sign != "+":
                negative = False
            value_prefix = (("(" if sign == "(" else MINUS) if negative else
                            ("" if sign in "-(" else sign)) + value_prefix
            si = (_PREFIXES[8 + prefix_exponent // 3]
                  if type_ == "s" and not math.isnan(_js_to_number(text))
                  and prefix_exponent is not None else "")
            value_suffix = si + value_suffix + (")" if negative and sign == "(" else "")
            if maybe_suffix:
                for i, c in enumerate(text):
                    if not "0" <= c <= "9":
                        value_suffix = (text[i:]) + value_suffix
                        text = text[:i]
                        break
        if comma and not zero:
            text = _group(text, math.inf)
        length = len(value_prefix) + len(text) + len(value_suffix)
        padding = fill * (width - length) if width is not None and length < width else ""
        if comma and zero:
            text = _group(padding + text,
                          width - len(value_suffix) if padding else math.inf)
            padding = ""
        if align == "<":
            return value_prefix + text + value_suffix + padding
        if align == "=":
            return value_prefix + padding + text + value_suffix
        if align == "^":
            half = len(padding) >> 1
            return padding[:half] + value_prefix + text + value_suffix + padding[half:]
        return padding + value_prefix + text + value_suffix

    return fmt


# ---- Squiggle's own short form of a number ----

def squiggle_number(x: float, precision: int = 2) -> str:
    """How Squiggle's viewer shows a number (``numberToFormattedNumberString``):
    ``precision`` significant figures, K/M/B/T from a thousand to a quadrillion,
    scientific notation beyond (``1.2e-5``, ``3.4e17``)."""
    if math.isnan(x):
        return "NaN"
    sign = "-" if x < 0 else ""
    ax = abs(x)
    if ax == 0:
        return sign + _significant(0.0, precision)
    if math.isinf(ax):
        return sign + "Infinity"
    magnitude = math.floor(math.log(ax) / math.log(10) + 0.000000001)
    if -3 < magnitude < 4:
        return sign + _significant(ax, precision)
    if magnitude < -2 or magnitude >= 15:
        return f"{sign}{_significant(_scaled(ax, magnitude), precision)}e{magnitude}"
    scale, symbol = ((3, "K") if magnitude < 6 else (6, "M") if magnitude < 9 else
                     (9, "B") if magnitude < 12 else (12, "T"))
    return sign + _significant(_scaled(ax, scale), precision) + symbol


def _scaled(x: float, power: int) -> float:
    """``x / Math.pow(10, power)``: Infinity where the power underflows to 0 (5e-324
    shows as "Infinitye-324" in Squiggle too)."""
    scale = 10.0 ** power
    return x / scale if scale else math.inf


def _significant(x: float, digits: int) -> str:
    """``String(Number(x.toPrecision(digits)))``."""
    return js_string(float(to_precision(x, digits)))
