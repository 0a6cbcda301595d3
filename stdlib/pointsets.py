"""``PointSet.*``: point-set distributions, Squiggle 0.10's third kind beside sample sets
and symbolic distributions.

A point set is a density given at points (linear between them) and/or point masses;
its statistics come from the points as Squiggle computes them (``dsl.engine.pointset_law``),
and its samples are drawn by the inverse cdf. Here it is a ``Dist`` whose law is a
``PointSetLaw``. Where Squiggle wants a point set (``downsample``, ``support``,
``mapY``) any distribution is accepted and converted first, as ``PointSet.fromDist``
converts it: ``mx(Sym.normal(5, 2))`` is a point set in Squiggle, a sample set here.
"""
from __future__ import annotations

import numpy as np

from dsl.engine.dist import Dist
from dsl.base.errors import DomainError
from dsl.engine.pointset_law import PointSetLaw
from dsl.engine.registry import Context, builtin
from dsl.engine.types import DistT, Fn, ListOf, ParamType, Real
from dsl.engine.values import List, Number, Record

from .pointset_kde import samples_to_point_set
from .symbolic import symbolic_law

__all__ = ["to_point_set", "make_point_set", "XYPoint"]


class _XYPoint(ParamType):
    """A record {x: Number, y: Number}; the implementation gets (x, y)."""

    name = "{x: Number, y: Number}"

    def accepts(self, value):
        return isinstance(value, Record) and all(
            isinstance(value.fields.get(k), Number) for k in ("x", "y"))

    def convert(self, value):
        return value.fields["x"].value, value.fields["y"].value


XYPoint = _XYPoint()


def to_point_set(value: Dist) -> PointSetLaw:
    """The point set of a distribution (Squiggle's ``toPointSetDist``): a point set is
    itself, a symbolic distribution is read at its quantiles, a sample set is smoothed
    (``stdlib.pointset_kde``)."""
    if isinstance(value.law, PointSetLaw):
        return value.law
    sym = symbolic_law(value)
    if sym is not None:
        return sym.point_set()
    return samples_to_point_set(value.samples)


def make_point_set(ctx: Context, law: PointSetLaw) -> Dist:
    """A point-set distribution: its law and ``ctx.samples`` samples drawn from it."""
    ctx.check_size(ctx.samples, "a point set's samples")
    return Dist.from_samples(ctx.fill(law.sample), law)


def _with_mass(law: PointSetLaw) -> PointSetLaw:
    """``law``, unless it holds no probability at all (every y 0): an error, where
    Squiggle goes on with NaN statistics."""
    total = law.integral_sum()
    if total == 0 or not np.isfinite(total):
        raise DomainError(f"the point set has no probability mass (its y's add up to "
                          f"{total:g}): give some x a y above 0")
    return law


def _checked_shape(points: list, what: str) -> tuple[np.ndarray, np.ndarray]:
    """xs and ys of the {x, y} records, with Squiggle's XYShape errors."""
    xs = np.array([p[0] for p in points], dtype=float)
    ys = np.array([p[1] for p in points], dtype=float)
    problems = []
    if xs.size > 1 and not np.all(xs[1:] > xs[:-1]):
        problems.append("Xs is not sorted")
    if xs.size == 0:
        problems.append("Xs is empty")
    for name, arr in (("Xs", xs), ("Ys", ys)):
        bad = arr[~np.isfinite(arr)]
        if bad.size:
            from dsl.engine.display import js_number
            problems.append(f"{name} is not finite. Example value: {js_number(float(bad[0]))}")
    if problems:
        text = problems[0] if len(problems) == 1 else "Multiple Errors: " + ", ".join(
            f"[{p}]" for p in problems)
        raise DomainError(f"Distribution Math Error: XY Shape Error: {text} ({what})")
    return xs, ys


@builtin("PointSet.make", examples=[("mean(PointSet.make(Sym.normal(5, 10)))", "5", 0.01),
                                    ("mean(PointSet(3))", "3")])
def make(ctx: Context, dist: DistT) -> Dist:
    """A point-set distribution from a distribution (``PointSet.fromDist``) or a number
    (``PointSet.fromNumber``). ``PointSet(x)`` is the same."""
    return make_point_set(ctx, to_point_set(dist))


@builtin("PointSet.make")
def _make_number(ctx: Context, value: Real) -> Dist:
    return from_number(ctx, value)


@builtin("PointSet.fromDist",
         examples=[("mean(PointSet.fromDist(Sym.normal(5, 2)))", "5.00288737038085", 1e-9)])
def from_dist(ctx: Context, dist: DistT) -> Dist:
    """The distribution as a point set: a symbolic one read at 1,000 of its quantiles
    (0.0001 to 0.9999, each with its density), a sample set smoothed by Squiggle's kernel
    density estimate on 1,000 points, values repeated often (1 sample in 50, at least
    20) kept as point masses."""
    return make_point_set(ctx, to_point_set(dist))


@builtin("PointSet.fromNumber", examples=[("mean(PointSet.fromNumber(3))", "3")])
def from_number(ctx: Context, value: Real) -> Dist:
    """A point mass at the number, as a point set."""
    return make_point_set(ctx, PointSetLaw(discrete=([value], [1.0]), disc_sum=1.0,
                                           total=1.0))


@builtin("PointSet.downsample", examples=[
    ("mean(PointSet.downsample(PointSet.fromDist(Sym.normal(5, 2)), 30))",
     "5.284852300283056", 1e-9)])
def downsample(ctx: Context, dist: DistT, newLength: Real) -> Dist:
    """The point set on about ``newLength`` points (at least 2): the density re-read at
    points evenly spaced in probability, the heaviest point masses kept. As in Squiggle,
    the cdf and quantiles stay those of the original, and the mean is that of the new
    points."""
    if not newLength >= 2:  # Squiggle: a RangeError below 0, a shape of no points below 2
        raise DomainError(f"PointSet.downsample: newLength must be at least 2 (got "
                          f"{newLength:g})")
    return make_point_set(ctx, to_point_set(dist).downsample(newLength))


@builtin("PointSet.support", examples=[
    ("PointSet.support(PointSet.makeDiscrete([{x: 1, y: 0.5}, {x: 3, y: 0.5}]))",
     "{points: [1, 3], segments: []}"),
    ("PointSet.support(PointSet.makeContinuous([{x: 0, y: 0}, {x: 1, y: 1}, {x: 2, y: 0}]))",
     "{points: [], segments: [[0, 2]]}")])
def support(dist: DistT) -> Record:
    """Where the point set lives, as a MixedSet: ``points`` (its point masses) and
    ``segments`` ([start, end] where its density is above 0)."""
    points, segments = to_point_set(dist).support()
    return Record({"points": List(Number(p) for p in points),
                   "segments": List(List((Number(a), Number(b))) for a, b in segments)})


_EXAMPLE = "[{x: 0, y: 0.2}, {x: 1, y: 0.7}, {x: 2, y: 0.8}, {x: 3, y: 0.2}]"


@builtin("PointSet.makeContinuous", examples=[
    (f"cdf(PointSet.makeContinuous({_EXAMPLE}), 1.5)", "0.825"),
    (f"quantile(PointSet.makeContinuous({_EXAMPLE}), 0.5)", "1.0666666666666667")])
def make_continuous(ctx: Context, points: ListOf(XYPoint)) -> Dist:
    """A continuous point set: the density y at each x (x strictly increasing), linear in
    between. The y's are kept as given, not normalised (``Dist.normalize`` does that), as
    in Squiggle: ``cdf`` and ``quantile`` then read the unnormalised integral."""
    return make_point_set(ctx, _with_mass(PointSetLaw(_checked_shape(points,
                                                                      "makeContinuous"))))


@builtin("PointSet.makeDiscrete", examples=[
    (f"mean(PointSet.makeDiscrete({_EXAMPLE}))", "2.9"),
    (f"cdf(PointSet.makeDiscrete({_EXAMPLE}), 1)", "0.9")])
def make_discrete(ctx: Context, points: ListOf(XYPoint)) -> Dist:
    """A discrete point set: probability mass y at each x (x strictly increasing), kept
    as given (not normalised), as in Squiggle."""
    return make_point_set(ctx, _with_mass(PointSetLaw(discrete=_checked_shape(
        points, "makeDiscrete"))))


@builtin("PointSet.mapY", examples=[
    ("mean(PointSet.mapY(PointSet.fromDist(Sym.normal(5, 2)), {|y| y * 2}))",
     "10.0057747407617", 1e-9)])
def map_y(ctx: Context, dist: DistT, fn: Fn) -> Dist:
    """Each density value and point mass through ``fn`` (the x's stay). The result is
    not normalised; Squiggle then recomputes its integral.

    ``fn`` is called once per point (a point set has about 1,000), a number each time."""
    law = to_point_set(dist)

    def through(ys: np.ndarray) -> np.ndarray:
        out = np.empty(ys.size)
        for i, y in enumerate(ys.tolist()):  # one model call per point: unavoidable
            result = ctx.call(fn, [Number(y)])
            if not isinstance(result, Number):
                raise DomainError(f"PointSet.mapY: the function must return a number "
                                  f"(got {result.type_name})")
            out[i] = result.value
        return out

    return make_point_set(ctx, _with_mass(law.map_y(through)))
