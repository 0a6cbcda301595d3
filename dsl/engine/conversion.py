"""Python objects -> values: what a builtin returns and what a host passes in.

``to_value`` is ``dsl.engine.values.from_python`` with sample arrays made distributions: the
one conversion that needs both the plain values and ``Dist``, kept above both so that
neither imports the other (a ``Dist`` is a ``Value``).
"""
from __future__ import annotations

from typing import Any

from .dist import Dist
from .values import Value, from_python

__all__ = ["to_value"]


def to_value(x: Any) -> Value:
    """Wrap what a builtin returned: floats, ints, bools, str, lists, dicts, numpy scalars
    and sample arrays (a distribution), or Values (returned as they are). Anything else
    is a TypeError."""
    return from_python(x, Dist.from_samples)
