"""Calling model functions from higher-order builtins (``List.map``, ``Dict.map`` ...).

Squiggle passes an optional extra argument (an index) only to functions that declare
a parameter for it: ``List.map(xs, {|x| ...})`` gets the items, ``List.map(xs, {|x, i|
...})`` the items and their indexes. These helpers make that choice in one place and
check what callbacks return.
"""
from __future__ import annotations

from typing import Sequence

from dsl.engine.dist import Dist
from dsl.base.errors import ArgumentError, TypeError_
from dsl.engine.functions import Lambda
from dsl.engine.registry import BuiltinFunction, Context
from dsl.engine.types import describe_value
from dsl.engine.values import Bool, Function, Number, Value

__all__ = ["takes_extra", "call_with_optional", "expect_bool", "expect_number"]


def takes_extra(fn: Function, base: int, extra: int, what: str) -> bool:
    """Whether ``fn`` should get the ``extra`` optional arguments after its ``base``
    ones. A user function decides by its parameter count (any other count is an
    error naming ``what``); a builtin gets the extra arguments only when it cannot
    be called without them."""
    if isinstance(fn, Lambda):
        n = len(fn.params)
        if n not in (base, base + extra):
            raise ArgumentError(f"{what}: the function must take {base} or {base + extra} "
                                f"parameters, but {fn.signature()} takes {n}")
        return n == base + extra
    if isinstance(fn, BuiltinFunction):
        signatures = fn.builtin.signatures
        return (not any(s.arity_ok(base) for s in signatures)
                and any(s.arity_ok(base + extra) for s in signatures))
    return False


def call_with_optional(ctx: Context, fn: Function, args: Sequence[Value],
                       optional: Sequence[Value], what: str) -> Value:
    """``fn(*args)``, or ``fn(*args, *optional)`` when ``fn`` takes those too."""
    if takes_extra(fn, len(args), len(optional), what):
        return ctx.call(fn, [*args, *optional])
    return ctx.call(fn, list(args))


def expect_bool(value: Value, what: str) -> bool:
    """A callback's result that must be true or false (as in ``List.filter``)."""
    if isinstance(value, Bool):
        return value.value
    hint = ""
    if isinstance(value, Dist):
        hint = (" (a comparison of distributions gives a distribution of true/false; "
                "compare a number such as mean(...) or prob(...) instead)")
    raise TypeError_(f"{what}: the function must return true or false, got "
                     f"{describe_value(value)}{hint}")


def expect_number(value: Value, what: str) -> float:
    """A callback's result that must be a plain number (as in ``List.sortBy``)."""
    if isinstance(value, Number):
        return value.value
    raise TypeError_(f"{what}: the function must return a number, got "
                     f"{describe_value(value)}")
