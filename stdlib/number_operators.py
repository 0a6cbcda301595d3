"""The operators under Squiggle's ``Number.*`` names: ``Number.add(2, 3)`` is
``2 + 3``, ``Number.smaller(1, 2)`` is ``1 < 2`` ... Useful as function values
(``List.reduce(xs, 0, Number.add)``). Each calls the operator's own implementation,
so it works element-wise on distributions as the operator does."""
from __future__ import annotations

from dsl.engine.registry import builtin
from dsl.engine.types import Condition, Num

from . import arithmetic

__all__: list[str] = []


def _binary(name: str, operator: str, fn, returns, example) -> None:
    def mirror(a: Num, b: Num):
        return fn(a, b)
    mirror.__doc__ = f"``a {operator} b`` as a function."
    mirror.__annotations__["return"] = returns
    builtin(f"Number.{name}", examples=[example])(mirror)


_binary("add", "+", arithmetic.add, Num, ("Number.add(2, 3)", "5"))
_binary("subtract", "-", arithmetic.subtract, Num, ("Number.subtract(10, 4)", "6"))
_binary("multiply", "*", arithmetic.multiply, Num,
        ("List.reduce([2, 3, 4], 1, Number.multiply)", "24"))
_binary("divide", "/", arithmetic.divide, Num, ("Number.divide(7, 8)", "0.875"))
_binary("pow", "^", arithmetic.pow_, Num, ("Number.pow(2, 10)", "1024"))
_binary("smaller", "<", arithmetic.smaller, Condition, ("Number.smaller(1, 2)", "true"))
_binary("smallerEq", "<=", arithmetic.smaller_eq, Condition, ("Number.smallerEq(2, 2)", "true"))
_binary("larger", ">", arithmetic.larger, Condition, ("Number.larger(1, 2)", "false"))
_binary("largerEq", ">=", arithmetic.larger_eq, Condition, ("Number.largerEq(3, 2)", "true"))


@builtin("Number.unaryMinus", examples=[("Number.unaryMinus(3)", "-3")])
def unary_minus(x: Num) -> Num:
    """``-x`` as a function."""
    return arithmetic.unary_minus(x)
