"""``Dist.add``, ``Dist.multiply`` ... ``Dist.unaryMinus``, ``Dist.sum``, ``Dist.cumsum``
...: Squiggle 0.10's algebra on distributions under its ``Dist.*`` names.

Each is the operator of the same name (``+``, ``*``, ``^`` ...) restricted to
distributions, as in Squiggle (``Dist.add(1, 2)`` is an error there too): it calls the
operator's builtin, so it gives exactly what ``a + b`` gives, sample by sample. The list
functions always return distributions (a number becomes a point mass), as Squiggle's
do: ``Dist.sum([1, 2])`` is ``pointMass(3)`` and ``Dist.sum([])`` is ``pointMass(0)``.
``Number.not`` is Squiggle's ``x == 0``.
"""
from __future__ import annotations

import math

import numpy as np

from dsl.engine.dist import Dist
from dsl.base.errors import TypeError_
from dsl.engine.registry import DEFAULT, Context, builtin
from dsl.engine.types import DistT, ListOf, Num, Real, describe_value
from dsl.engine.values import Number, Value

from . import arithmetic  # noqa: F401  (declares `not`, which gets a Number overload here)

__all__ = ["operator", "as_dist"]

DistOrNumbers = ListOf(name="List(Dist|Number)")


def operator(ctx: Context, name: str, *args: Value) -> Value:
    """The builtin ``name`` (an operator's, ``add``, ``pow`` ..., as the evaluator finds
    it, or ``Math.log``) applied to ``args`` with every overload it has, so an exact
    rule another module adds for ``+`` applies to ``Dist.add`` too."""
    return DEFAULT.get(name).invoke(ctx, list(args))


def as_dist(ctx: Context, value: Value) -> Dist:
    """A distribution: itself, or a number as a point mass (every sample equal)."""
    if isinstance(value, Dist):
        return value
    ctx.check_size(ctx.samples, "a point mass")
    return Dist.from_samples(np.full(ctx.samples, value.value))


def _binary(name: str, symbol: str, example: tuple) -> None:
    """Declare ``Dist.<name>`` for (Dist, Number), (Number, Dist) and (Dist, Dist)."""
    def dist_number(ctx: Context, a: DistT, b: Real) -> DistT:
        return operator(ctx, name, a, Number(b))

    def number_dist(ctx: Context, a: Real, b: DistT) -> DistT:
        return operator(ctx, name, Number(a), b)

    def dist_dist(ctx: Context, a: DistT, b: DistT) -> DistT:
        return operator(ctx, name, a, b)

    dist_number.__doc__ = (f"``a {symbol} b`` for distributions, sample by sample (at least "
                           "one argument must be a distribution).")
    builtin(f"Dist.{name}", examples=[example])(dist_number)
    builtin(f"Dist.{name}")(number_dist)
    builtin(f"Dist.{name}")(dist_dist)


_binary("add", "+", ("mean(Dist.add(normal(5, 1), 3))", "8", 0.02))
_binary("subtract", "-", ("x = normal(5, 1); mean(Dist.subtract(x, x))", "0"))
_binary("multiply", "*", ("mean(Dist.multiply(2, uniform(0, 1)))", "1", 0.01))
_binary("divide", "/", ("mean(Dist.divide(pointMass(6), 4))", "1.5"))
_binary("pow", "^", ("mean(Dist.pow(pointMass(2), 3))", "8"))


@builtin("Dist.log", aliases=["log"], examples=[
    ("mean(Dist.log(pointMass(8), 2))", "3"),
    ("median(Dist.log(lognormal(2, 0.5)))", "2", 0.02)])
def log_base(ctx: Context, d: DistT, base: Real) -> DistT:
    """The logarithm of d to ``base`` (``log(d) / log(base)``), sample by sample; with one
    argument the natural logarithm."""
    return _log(ctx, d, Number(base))


@builtin("Dist.log")
def _log_number_dist(ctx: Context, x: Real, base: DistT) -> DistT:
    return _log(ctx, Number(x), base)


@builtin("Dist.log")
def _log_dist_dist(ctx: Context, d: DistT, base: DistT) -> DistT:
    return _log(ctx, d, base)


@builtin("Dist.log")
def _log_natural(ctx: Context, d: DistT) -> DistT:
    return operator(ctx, "Math.log", d)


def _log(ctx: Context, x: Value, base: Value) -> Value:
    # log(x) / log(base) through the global builtins: a negative sample is the same
    # DomainError as in log(x), and base 1 divides by 0 (Infinity), as in Squiggle
    return operator(ctx, "divide", operator(ctx, "Math.log", x),
                    operator(ctx, "Math.log", base))


@builtin("Dist.log10", examples=[("mean(Dist.log10(pointMass(1000)))", "3")])
def log10(ctx: Context, d: DistT) -> DistT:
    """The base-10 logarithm, sample by sample."""
    return _log(ctx, d, Number(10.0))


@builtin("Dist.exp", examples=[("mean(Dist.exp(pointMass(0)))", "1"),
                               ("median(Dist.exp(normal(1, 1)))", "exp(1)", 0.02)])
def exp(ctx: Context, d: DistT) -> DistT:
    """e raised to each sample (``Math.e ^ d``)."""
    return operator(ctx, "pow", Number(math.e), d)


@builtin("Dist.unaryMinus", examples=[("mean(Dist.unaryMinus(normal(3, 1)))", "-3", 0.02)])
def unary_minus(ctx: Context, d: DistT) -> DistT:
    """``-d``, sample by sample."""
    return operator(ctx, "multiply", d, Number(-1.0))


# ---- algebra over a list: every result a distribution ----

def _fold(ctx: Context, items: list, name: str, start: float) -> Dist:
    total: Value = Number(start)
    for item in items:
        total = operator(ctx, name, total, item)
    return as_dist(ctx, total)


@builtin("Dist.sum", examples=[("mean(Dist.sum([normal(1, 1), 2, normal(3, 1)]))", "6", 0.02),
                               ("typeOf(Dist.sum([1, 2]))", '"Distribution"')])
def sum_(ctx: Context, xs: DistOrNumbers) -> DistT:
    """The distribution of the items' sum, sample by sample (a number counts as a point
    mass; an empty list gives pointMass(0))."""
    return _fold(ctx, _items(xs), "add", 0.0)


@builtin("Dist.product", examples=[("mean(Dist.product([2, pointMass(3)]))", "6"),
                                   ("mean(Dist.product([]))", "1")])
def product(ctx: Context, xs: DistOrNumbers) -> DistT:
    """The distribution of the items' product (an empty list gives pointMass(1))."""
    return _fold(ctx, _items(xs), "multiply", 1.0)


@builtin("Dist.cumsum", examples=[
    ("List.map(Dist.cumsum([1, 2, pointMass(3)]), mean)", "[1, 3, 6]")])
def cumsum(ctx: Context, xs: DistOrNumbers) -> ListOf(DistT):
    """The running sums, each a distribution."""
    return _running(ctx, _items(xs), "add")


@builtin("Dist.cumprod", examples=[
    ("List.map(Dist.cumprod([2, 3, pointMass(4)]), mean)", "[2, 6, 24]")])
def cumprod(ctx: Context, xs: DistOrNumbers) -> ListOf(DistT):
    """The running products, each a distribution."""
    return _running(ctx, _items(xs), "multiply")


@builtin("Dist.diff", examples=[("List.map(Dist.diff([1, 4, pointMass(10)]), mean)", "[3, 6]"),
                                ("Dist.diff([normal(0, 1)])", "[]")])
def diff(ctx: Context, xs: DistOrNumbers) -> ListOf(DistT):
    """The differences between consecutive items (one fewer), each a distribution."""
    items = _items(xs)
    return [as_dist(ctx, operator(ctx, "subtract", b, a)) for a, b in zip(items, items[1:])]


def _running(ctx: Context, items: list, name: str) -> list:
    out: list = []
    for item in items:
        out.append(as_dist(ctx, item if not out else operator(ctx, name, item, out[-1])))
    return out


def _items(xs: list) -> list:
    """The list's items, each a number or a distribution (else a TypeError naming it)."""
    for i, item in enumerate(xs):
        if not Num.accepts(item):
            raise TypeError_(f"expected a list of distributions and numbers; item {i} is "
                             f"{describe_value(item)}")
    return xs


@builtin("Number.not", examples=[("Number.not(0)", "true"), ("Number.not(3.5)", "false")])
def not_(x: Real) -> bool:
    """True for 0, false for any other number (Squiggle's ``not`` of a number)."""
    return x == 0


# the global `not` (and so the operator `!`) of a number too, as in Squiggle: `!0` is true
@builtin("not", examples=[("not(0)", "true"), ("!3", "false")])
def _not_number(x: Real) -> bool:
    return x == 0
