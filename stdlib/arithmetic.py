"""The operators, as builtins with Squiggle's names (``add``, ``multiply``, ...).

Each works on numbers and element-wise on distributions (a number broadcasts), so
``x - x`` is exactly 0 and correlations flow through a model. Comparisons and ``&&``,
``||``, ``!`` on distributions give 0/1 distributions whose mean is a probability.
Arithmetic that would produce NaN (0/0, Infinity - Infinity, (-8)^0.5) is a DomainError.
"""
from __future__ import annotations

import numpy as np

from dsl.engine.display import js_number
from dsl.engine.registry import builtin
from dsl.engine.types import AnyValue, Condition, Num, Str
from dsl.base.meter import reserve, str_bytes
from dsl.engine.values import Bool, Number, String, Value

from .elementwise import indicator, no_new_nan, truthy

__all__ = ["concat_text", "joined"]


def concat_text(value: Value) -> str:
    """How a value reads inside a string built with ``+`` (numbers as JavaScript
    prints them, so Squiggle models give the same strings)."""
    if isinstance(value, String):
        return value.value
    if isinstance(value, Number) and not value.tags:
        return js_number(value.value)
    from dsl.engine.value_text import squiggle_text  # as Squiggle's toString: "[1, 2.5]",
    return squiggle_text(value)               # "3, with tags {name: \"N\"}"


@builtin("add", operator="+", examples=[("2 + 3", "5"), ('"n=" + 25', '"n=25"'),
                                         ("mean(normal(1, 1) + 2)", "3", 0.02)])
def add(a: Num, b: Num) -> Num:
    """``a + b``: addition, element-wise for distributions; with a string, concatenation."""
    return no_new_nan(a + b, "Infinity - Infinity", a, b)


@builtin("add")
def _add_text(a: Str, b: AnyValue) -> Str:
    return joined(a, concat_text(b))


@builtin("add")
def _add_text_right(a: AnyValue, b: Str) -> Str:
    return joined(concat_text(a), b)


def joined(a: str, b: str) -> str:
    """``a + b``, refused before it is made when it would pass the run's memory budget
    (strings are counted at their size: doubling one in a loop must stop in time)."""
    reserve(str_bytes(a) + str_bytes(b), "joining two strings")
    return a + b


@builtin("subtract", operator="-", examples=[("10 - 4", "6"), ("x = 1 to 2; mean(x - x)", "0")])
def subtract(a: Num, b: Num) -> Num:
    """``a - b``."""
    return no_new_nan(a - b, "Infinity - Infinity", a, b)


@builtin("multiply", operator="*", examples=[("6 * 7", "42")])
def multiply(a: Num, b: Num) -> Num:
    """``a * b``."""
    return no_new_nan(a * b, "0 * Infinity", a, b)


@builtin("divide", operator="/", examples=[("7 / 8", "0.875"), ("-1 / 0", "-1/0")])
def divide(a: Num, b: Num) -> Num:
    """``a / b``; dividing a non-zero number by 0 gives +-Infinity, as in Squiggle."""
    return no_new_nan(np.divide(a, b), "0 / 0 (or Infinity / Infinity)", a, b)


@builtin("pow", operator="^", examples=[("2 ^ 10", "1024"), ("2 ^ 3 ^ 2", "512"),
                                        ("-2 ^ 2", "-4")])
def pow_(base: Num, exponent: Num) -> Num:
    """``base ^ exponent`` (right-associative; binds tighter than unary minus)."""
    return no_new_nan(np.power(np.asarray(base, dtype=float), exponent),
                      "a negative number to a fractional power", base, exponent)


@builtin("unaryMinus", operator="-", examples=[("-(3)", "0 - 3")])
def unary_minus(x: Num) -> Num:
    """``-x``."""
    return -x


@builtin("smaller", operator="<", examples=[("1 < 2", "true"),
                                            ("mean(normal(0, 1) < 0)", "0.5", 0.02)])
def smaller(a: Num, b: Num):
    """``a < b``; with a distribution, a 0/1 distribution (its mean is P(a < b))."""
    return indicator(np.less(a, b) if _array(a, b) else a < b)


@builtin("smallerEq", operator="<=", examples=[("2 <= 2", "true")])
def smaller_eq(a: Num, b: Num):
    """``a <= b``."""
    return indicator(np.less_equal(a, b) if _array(a, b) else a <= b)


@builtin("larger", operator=">", examples=[("3 > 2", "true")])
def larger(a: Num, b: Num):
    """``a > b``."""
    return indicator(np.greater(a, b) if _array(a, b) else a > b)


@builtin("largerEq", operator=">=", examples=[("2 >= 3", "false")])
def larger_eq(a: Num, b: Num):
    """``a >= b``."""
    return indicator(np.greater_equal(a, b) if _array(a, b) else a >= b)


@builtin("equal", operator="==", examples=[("1 + 1 == 2", "true"), ('"a" == "a"', "true"),
                                           ("[1, [2]] == [1, [2]]", "true")])
def equal(a: Num, b: Num):
    """``a == b``: numbers compare by value (element-wise for distributions); strings,
    booleans, lists and records compare structurally."""
    return indicator(np.equal(a, b) if _array(a, b) else a == b)


@builtin("equal")
def _equal_values(a: AnyValue, b: AnyValue) -> bool:
    return a == b if a is not b else True


@builtin("unequal", operator="!=", examples=[("1 != 2", "true")])
def unequal(a: Num, b: Num):
    """``a != b``."""
    return indicator(np.not_equal(a, b) if _array(a, b) else a != b)


@builtin("unequal")
def _unequal_values(a: AnyValue, b: AnyValue) -> bool:
    return not (a == b if a is not b else True)


@builtin("and", operator="&&", examples=[("true && false", "false")])
def and_(a: Condition, b: Condition):
    """``a && b`` (only evaluates b when a is true); element-wise on 0/1 distributions."""
    return indicator(np.logical_and(truthy(a), truthy(b)) if _array(a, b)
                     else bool(a) and bool(b))


@builtin("or", operator="||", examples=[("false || true", "true")])
def or_(a: Condition, b: Condition):
    """``a || b`` (only evaluates b when a is false); element-wise on 0/1 distributions."""
    return indicator(np.logical_or(truthy(a), truthy(b)) if _array(a, b)
                     else bool(a) or bool(b))


@builtin("not", operator="!", examples=[("!true", "false")])
def not_(x: Condition):
    """``!x``; element-wise on 0/1 distributions."""
    return indicator(np.logical_not(truthy(x)) if isinstance(x, np.ndarray) else not x)


def _array(*xs) -> bool:
    return any(isinstance(x, np.ndarray) for x in xs)
