"""A number as a figure in a report or a message: 1.23M, 0.0456, 2.8e-7, 2024.

sqdsl's own short form of a number (Squiggle's ``String(x)`` is
``dsl.base.number_format.js_string``). Numbers only, so every layer may use it: the engine's
messages and ``describe()``, the render layer's reports and axes.
"""
from __future__ import annotations

import math

__all__ = ["format_number"]

_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def _trim(text: str) -> str:
    """Drop trailing zeros of a fixed-point mantissa: 1.50 -> 1.5, 2.00 -> 2."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_number(x: float, digits: int = 3) -> str:
    """A number as people write estimates: 1.23M, 0.0456, 2.8e-7, 2024."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) < 1e6:
        return str(int(x))
    ax = abs(float(f"{x:.{max(digits, 1)}g}"))  # decide by the rounded value: 999.6 -> 1k
    if x.is_integer() and ax < 1e6:
        return str(int(x))
    if 1e-3 <= ax < 1e3:
        text = f"{x:.{digits}g}"
        if "e" not in text:
            return _trim(text)
    if 1e3 <= ax < 1e15:
        for scale, suffix in _SUFFIXES:
            if ax >= scale:
                mantissa = f"{x / scale:.{digits}g}"
                if "e" not in mantissa and abs(float(mantissa)) < 1000:
                    return _trim(mantissa) + suffix
    mantissa, exponent = f"{x:.{max(digits - 1, 0)}e}".split("e")
    return f"{_trim(mantissa)}e{int(exponent)}"
