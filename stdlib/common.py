"""Functions on any value: ``typeOf``, ``inspect``, ``throw``, ``try``, and
``Common.equal``/``Common.unequal``. Squiggle keeps them in its ``Common`` namespace
and also makes them global; so do we."""
from __future__ import annotations

from dsl.base.errors import DslError, UserError
from dsl.engine.registry import DEFAULT, Context, builtin
from dsl.engine.types import AnyValue, Fn, Str
from dsl.engine.values import String, type_name

from . import arithmetic  # noqa: F401  (declares the equal and unequal used below)
from .callbacks import call_with_optional


@builtin("typeOf", aliases=["Common.typeOf"],
         examples=[('typeOf(1)', '"Number"'), ('typeOf({a: 1})', '"Dictionary"'),
                   ('typeOf(normal(0, 1))', '"Distribution"')])
def type_of(value: AnyValue) -> Str:
    """The name of a value's type, as a string.

    One of Squiggle's names: Number, String, Boolean, List, Dictionary, Distribution,
    Function or Domain."""
    return type_name(value)


@builtin("inspect", aliases=["Common.inspect"],
         examples=[("inspect(3)", "3"), ('inspect([1], "label")', "[1]")])
def inspect_(value: AnyValue) -> AnyValue:
    """Returns its argument unchanged.

    Squiggle also logs the value, after the optional ``message``, to the console."""
    return value


@builtin("inspect")
def _inspect_labelled(value: AnyValue, message: Str) -> AnyValue:
    return value


@builtin("throw", aliases=["Common.throw"],
         examples=[('try({|| throw("oops")}, {|e| e})', '"oops"')])
def throw(message: Str = "an error was thrown") -> AnyValue:
    """Stops the run with an error carrying ``message``."""
    raise UserError(message)


@builtin("try", aliases=["Common.try"],
         examples=[("try({|| 1 / 0}, {|e| 0})", "1/0"),
                   ('try({|| [1][5]}, {|e| -1})', "-1"),
                   ('try({|| throw("no")}, {|| "fallback"})', '"fallback"')])
def try_(ctx: Context, attempt: Fn, fallback: Fn) -> AnyValue:
    """Calls ``attempt()``, or ``fallback()`` instead if that fails.

    A fallback with one parameter receives the error message (an extension of
    Squiggle's ``try``, whose fallback takes none)."""
    try:
        return ctx.call(attempt, [])
    except DslError as e:
        if e.kind == "LimitError":
            raise  # resource limits are not the model's to catch
        return call_with_optional(ctx, fallback, [], [String(e.message)], "try")


@builtin("Common.equal", examples=[("Common.equal([1, {a: 2}], [1, {a: 2}])", "true"),
                                   ('Common.equal(1, "1")', "false")])
def common_equal(a: AnyValue, b: AnyValue):
    """``a == b`` as a function.

    Numbers compare by value (element-wise for distributions); strings, booleans,
    lists and records structurally."""
    return DEFAULT.get("equal").invoke(None, [a, b])


@builtin("Common.unequal", examples=[("Common.unequal([1, 2], [1, 3])", "true")])
def common_unequal(a: AnyValue, b: AnyValue):
    """``a != b`` as a function."""
    return DEFAULT.get("unequal").invoke(None, [a, b])
