"""The check every ``Limits`` gets when it is made: a limit that is NaN, negative, not a
number, or infinite where only a count makes sense, is an ArgumentError at once (before
this, ``Limits(time_limit=nan)`` quietly switched the time limit off: every comparison
with NaN is false)."""
from __future__ import annotations

import math
import numbers

from .errors import ArgumentError

__all__ = ["check_limits"]

# limits that may be 0 (no recursion, no lists); the others must be at least 1
_MAY_BE_ZERO = frozenset({"max_depth", "max_list_length", "max_nesting"})


def check_limits(limits) -> None:
    """Raise ArgumentError naming the first limit of ``limits`` that is not a sensible
    value: a whole number (at least 1, or 0 where that means "none allowed"), None where
    the default is None, and for ``time_limit`` a positive number of seconds (inf or
    None: no limit)."""
    for name in limits._fields:
        value = limits.__dict__[name]
        default = limits._defaults.get(name)
        if isinstance(default, bool) or not isinstance(default, (int, float, type(None))):
            continue  # not a numeric limit
        if value is None:
            if default is None or name == "time_limit":
                continue
            raise ArgumentError(f"Limits: {name} must be a number, not None")
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ArgumentError(f"Limits: {name} must be a number, got "
                                f"{type(value).__name__}")
        value = float(value)
        if math.isnan(value):
            raise ArgumentError(f"Limits: {name} cannot be NaN")
        if name == "time_limit":
            if not value > 0:
                raise ArgumentError("Limits: time_limit must be a positive number of "
                                    f"seconds (None for no limit), got {value:g}")
            continue
        least = 0 if name in _MAY_BE_ZERO else 1
        if math.isinf(value) or value < least or not value.is_integer():
            raise ArgumentError(f"Limits: {name} must be a whole number >= {least}, "
                                f"got {value:g}")
