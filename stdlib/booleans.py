"""``Boolean.*``: the logical operators as functions (``Boolean.and(a, b)`` is
``a && b``). Like the operators they also work element-wise on 0/1 distributions;
as functions they evaluate both arguments (no short-circuit)."""
from __future__ import annotations

from dsl.engine.registry import builtin
from dsl.engine.types import Condition

from . import arithmetic

__all__: list[str] = []


@builtin("Boolean.and", examples=[("Boolean.and(true, false)", "false")])
def and_(a: Condition, b: Condition) -> Condition:
    """``a && b`` as a function."""
    return arithmetic.and_(a, b)


@builtin("Boolean.or", examples=[("Boolean.or(true, false)", "true")])
def or_(a: Condition, b: Condition) -> Condition:
    """``a || b`` as a function."""
    return arithmetic.or_(a, b)


@builtin("Boolean.not", examples=[("Boolean.not(false)", "true"),
                                  ("List.map([true, false], Boolean.not)", "[false, true]")])
def not_(x: Condition) -> Condition:
    """``!x`` as a function."""
    return arithmetic.not_(x)
