"""Squiggle's pointwise operations (``.+ .- .* ./ .^``, ``Dist.dotAdd`` ...,
``dotExp``) and ``normalize``, ``isNormalized``, ``integralSum``.

A pointwise operation acts on densities, not on random variables: ``a .+ b`` is the
point set whose density is a's plus b's (its integral is 2, not 1), as Squiggle 0.10
computes it. Both operands become point sets first, as Squiggle converts them
(``stdlib.pointsets.to_point_set``: a Sym.* distribution read at 1,000 quantiles, any
other, untouched constructors included, smoothed by Squiggle's kernel density estimate,
a number a point mass of weight 1); their density points are combined on the union of
their xs (zero outside each one's range), their masses where they lie. The result is a
``Dist`` with a ``PointSetLaw``: its mean, stdev, cdf and quantiles are Squiggle's
unnormalised ones, ``integralSum`` its total mass and ``normalize`` scales it to 1.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from dsl.engine.dist import Dist
from dsl.base.errors import DomainError
from dsl.engine.pointset_law import EPSILON, PointSetLaw
from dsl.engine.registry import Context, builtin
from dsl.engine.types import DistT, Real
from dsl.engine.values import Number, Value

from .pointsets import make_point_set, to_point_set

__all__ = ["point_set_of", "combine_densities", "combine_masses", "OPERATIONS"]


def point_set_of(value: Value) -> PointSetLaw:
    """A number or distribution as Squiggle's point set (a number: one mass of 1)."""
    if isinstance(value, Number):
        return PointSetLaw(discrete=([value.value], [1.0]), disc_sum=1.0, total=1.0)
    return to_point_set(value)


# ---- the operations on density values, with Squiggle's errors ----

def _divide(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if np.any(b == 0):
        raise DomainError("cannot divide by zero: the divisor's density is 0 at some "
                          "points (outside its range, or at its ends)")
    return a / b


def _power(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        out = np.power(a, b)
    if np.any(np.isnan(out) & ~np.isnan(a) & ~np.isnan(b)):
        raise DomainError("a density to this power is a complex number")
    return out


OPERATIONS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "Add": np.add, "Subtract": np.subtract, "Multiply": np.multiply,
    "Divide": _divide, "Power": _power,
}


def _at(xs: np.ndarray, ys: np.ndarray, where: np.ndarray) -> np.ndarray:
    """A density read at ``where``: linear between its points, 0 outside its range
    (Squiggle's "UseZero" extrapolation for densities)."""
    if xs.size == 0:
        return np.zeros(where.shape)
    return np.interp(where, xs, ys, left=0.0, right=0.0)


def combine_densities(a: tuple, b: tuple, fn) -> tuple[np.ndarray, np.ndarray]:
    """Squiggle's ``PointwiseCombination.combine`` of two densities (xs, ys): fn of both
    at every x of either. When one lies wholly left of the other, Squiggle adds a point
    just past the first's end and one just before the second's start, where both are 0,
    so the result drops to fn(0, 0) between them; so does this."""
    (x1, y1), (x2, y2) = a, b
    if x1.size and x2.size and (x1[-1] < x2[0] or x2[-1] < x1[0]):
        (lx, ly), (rx, ry) = (a, b) if x1[-1] < x2[0] else (b, a)
        gap = np.array([lx[-1] + EPSILON * lx[-1], rx[0] - EPSILON * rx[0]])
        xs = np.concatenate((lx, gap, rx))
        left = np.concatenate((ly, np.zeros(2 + rx.size)))
        right = np.concatenate((np.zeros(lx.size + 2), ry))
        v1, v2 = (left, right) if x1[-1] < x2[0] else (right, left)
    else:
        xs = np.union1d(x1, x2)
        v1, v2 = _at(x1, y1, xs), _at(x2, y2, xs)
    with np.errstate(all="ignore"):
        return xs, np.asarray(fn(v1, v2), dtype=float)


def combine_masses(a: tuple, b: tuple, fn) -> tuple[np.ndarray, np.ndarray]:
    """Squiggle's ``combineDiscrete``: fn of both masses at every x of either (0 where
    one has none)."""
    (x1, y1), (x2, y2) = a, b
    xs = np.union1d(x1, x2)
    v1 = np.zeros(xs.shape)
    v2 = np.zeros(xs.shape)
    v1[np.searchsorted(xs, x1)] = y1
    v2[np.searchsorted(xs, x2)] = y2
    with np.errstate(all="ignore"):
        return xs, np.asarray(fn(v1, v2), dtype=float)


def pointwise(a: PointSetLaw, b: PointSetLaw, operation: str, what: str) -> PointSetLaw:
    """The point set of ``a`` and ``b`` combined density by density and mass by mass
    (``what`` names the operation in errors)."""
    fn = OPERATIONS[operation]
    try:
        continuous = combine_densities((a.cxs, a.cys), (b.cxs, b.cys), fn)
        discrete = combine_masses((a.dxs, a.dys), (b.dxs, b.dys), fn)
    except DomainError as e:
        raise DomainError(f"{what}: {e.message}") from None
    return PointSetLaw(continuous, discrete)


def _result(ctx: Context, law: PointSetLaw, what: str) -> Dist:
    """The combined point set as a distribution. One whose total mass is 0 (or not
    finite) has no mean or quantiles (Squiggle reports NaN), so it is an error; a
    negative total, from ``.-``, is kept, as Squiggle keeps it."""
    total = law.integral_sum()
    if not (math.isfinite(total) and abs(total) > 1e-12):
        raise DomainError(f"{what}: the result has total mass {total:.3g} (densities that "
                          "cancel or do not overlap): it is not a distribution")
    return make_point_set(ctx, law)


def _declare(name: str, operation: str, symbol: str, example: tuple) -> None:
    """``Dist.<name>`` for (Dist, Number), (Number, Dist), (Dist, Dist)."""
    what = f"Dist.{name}"

    def run(ctx: Context, a: Value, b: Value) -> Dist:
        return _result(ctx, pointwise(point_set_of(a), point_set_of(b), operation, what),
                       what)

    def dist_number(ctx: Context, a: DistT, b: Real) -> DistT:
        return run(ctx, a, Number(b))

    def number_dist(ctx: Context, a: Real, b: DistT) -> DistT:
        return run(ctx, Number(a), b)

    def dist_dist(ctx: Context, a: DistT, b: DistT) -> DistT:
        return run(ctx, a, b)

    dist_number.__doc__ = (
        f"``a {symbol} b``: the point set whose density is a's density {symbol[1]} b's, "
        "point by point (not the distribution of a random sum); a number is a point "
        "mass of weight 1. The result is usually not normalised: see `integralSum` and "
        "`normalize`.")
    builtin(what, examples=[example])(dist_number)
    builtin(what)(number_dist)
    builtin(what)(dist_dist)


_declare("dotAdd", "Add", ".+",
         ("integralSum(Dist.dotAdd(Sym.normal(0, 1), Sym.normal(5, 1)))", "2", 1e-3))
_declare("dotSubtract", "Subtract", ".-",
         ("integralSum(Dist.dotSubtract(PointSet.makeContinuous([{x: 0, y: 2}, {x: 1, y: 2}]),"
          " PointSet.makeContinuous([{x: 0, y: 1}, {x: 1, y: 1}])))", "1"))
_declare("dotMultiply", "Multiply", ".*",
         ("integralSum(Dist.dotMultiply(Sym.uniform(0, 2), Sym.uniform(0, 2)))", "0.5",
          1e-6))
_declare("dotDivide", "Divide", "./",
         ("integralSum(Dist.dotDivide(PointSet.makeContinuous([{x: 0, y: 1}, {x: 1, y: 1}]),"
          " PointSet.makeContinuous([{x: 0, y: 2}, {x: 1, y: 2}])))", "0.5"))
_declare("dotPow", "Power", ".^",
         ("integralSum(Dist.dotPow(PointSet.makeContinuous([{x: 0, y: 2}, {x: 1, y: 2}]), "
          "2))", "1"))


@builtin("Dist.dotExp", aliases=["dotExp"], examples=[
    ("integralSum(dotExp(PointSet.makeContinuous([{x: 0, y: 0}, {x: 1, y: 2}])))",
     "1.5")])
def dot_exp(ctx: Context, d: DistT) -> DistT:
    """``Math.e .^ d``: e raised to d's density point by point, as Squiggle computes
    it (the point mass e, weight 1, pointwise to the power of d's density)."""
    return _result(ctx, pointwise(point_set_of(Number(math.e)), point_set_of(d), "Power",
                                  "Dist.dotExp"), "Dist.dotExp")


# ---- normalisation ----

@builtin("Dist.integralSum", aliases=["integralSum"], examples=[
    ("integralSum(normal(0, 1))", "1"), ("integralSum(Sym.normal(0, 1) .+ 3)", "2", 1e-3)])
def integral_sum(d: DistT) -> Real:
    """The total mass: 1 for a normalised distribution; a point set from a pointwise
    operation may have any."""
    return d.law.integral_sum() if isinstance(d.law, PointSetLaw) else 1.0


@builtin("Dist.isNormalized", aliases=["isNormalized"], examples=[
    ("isNormalized(normal(0, 1))", "true"), ("isNormalized(Sym.normal(0, 1) .+ 3)", "false")])
def is_normalized(d: DistT) -> bool:
    """Whether the total mass is 1 (within 1e-7, as Squiggle checks)."""
    return abs(integral_sum(d) - 1) < 1e-7


@builtin("Dist.normalize", aliases=["normalize"], examples=[
    ("integralSum(normalize(Sym.normal(0, 1) .+ 3))", "1"),
    ("mean(normalize(Sym.normal(0, 1) .+ Sym.normal(4, 1)))", "2", 1e-3)])
def normalize(ctx: Context, d: DistT) -> DistT:
    """The distribution scaled to total mass 1 (only a point set can be otherwise; any
    other distribution is returned as it is)."""
    if not isinstance(d.law, PointSetLaw) or is_normalized(d):
        return d
    total = d.law.integral_sum()
    if not (math.isfinite(total) and total > 0):
        raise DomainError(f"normalize: the total mass is {total:.3g}, which cannot be "
                          "scaled to 1")
    return make_point_set(ctx, d.law.normalize())
