"""Functions on any value: ``typeOf``, ``inspect``, ``throw``, ``try``."""
from __future__ import annotations

from dsl.errors import DslError, UserError
from dsl.registry import Context, builtin
from dsl.types import AnyValue, Fn, Str
from dsl.values import Value, type_name


@builtin("typeOf", examples=[('typeOf(1)', '"Number"'), ('typeOf({a: 1})', '"Dictionary"'),
                             ('typeOf(normal(0, 1))', '"Distribution"')])
def type_of(value: AnyValue) -> Str:
    """The name of a value's type: Number, String, Boolean, List, Dictionary,
    Distribution, Function or Domain (Squiggle's names)."""
    return type_name(value)


@builtin("inspect", examples=[("inspect(3)", "3")])
def inspect_(value: AnyValue) -> AnyValue:
    """Returns its argument unchanged (Squiggle also logs it to the console)."""
    return value


@builtin("throw", examples=[('try({|| throw("oops")}, {|e| e})', '"oops"')])
def throw(message: Str = "an error was thrown") -> AnyValue:
    """Stops the run with an error carrying ``message``."""
    raise UserError(message)


@builtin("try", examples=[("try({|| 1 / 0}, {|e| 0})", "1/0"),
                          ('try({|| [1][5]}, {|e| -1})', "-1")])
def try_(ctx: Context, attempt: Fn, fallback: Fn) -> AnyValue:
    """Calls ``attempt()``; if it fails, returns ``fallback(message)`` instead."""
    try:
        return ctx.call(attempt, [])
    except DslError as e:
        if e.kind == "LimitError":
            raise  # resource limits are not the model's to catch
        from dsl.values import String
        return ctx.call(fallback, [String(e.message)])
