"""``SampleSet``: distributions as explicit samples. ``fromList`` builds the empirical
distribution of observations and ``make`` picks the constructor its argument suits;
``map``, ``map2``, ``map3`` and ``mapN`` apply a function to every sample (vectorised:
the function is called once with the whole distributions, and only falls back to one
call per sample when it cannot work element-wise); ``min`` and ``max`` compare two
distributions, or one and a number, sample by sample."""
from __future__ import annotations

import numpy as np

from dsl.engine.dist import Dist
from dsl.base.errors import ArgumentError, DslError, TypeError_
from dsl.engine.laws import EmpiricalLaw
from dsl.engine.registry import Context, builtin
from dsl.base.steps import array_of, list_of
from dsl.engine.types import DistT, Fn, ListOf, Real
from dsl.engine.values import List, Number

__all__ = ["map_samples"]


@builtin("SampleSet.fromList", examples=[
    ("mean(SampleSet.fromList([1, 2, 3, 4, 5, 6]))", "3.5"),
    ("quantile(SampleSet.fromList([1, 2, 3, 4, 5]), 0.5)", "3")])
def from_list(ctx: Context, values: ListOf(Real)) -> DistT:
    """The empirical distribution of a list of numbers. Its statistics are exact (sorted
    values, linear interpolation); arithmetic on it first resamples the values with
    replacement up to the sample count, as Squiggle does."""
    if not values:
        raise ArgumentError("SampleSet.fromList: the list is empty")
    arr = array_of(values)  # in pieces, under the run's clock
    ctx.check_size(ctx.samples, "SampleSet.fromList")
    # ctx.fill: drawn in chunks, so that a streamed run draws the same picks
    resampled = arr[ctx.fill(lambda rng, k: rng.integers(arr.size, size=k)).astype(np.intp)]
    return Dist.from_samples(resampled, EmpiricalLaw(arr))


@builtin("SampleSet.toList", examples=[("List.length(SampleSet.toList(normal(0, 1))) > 0", "true")])
def to_list(ctx: Context, d: DistT) -> list:
    """The samples as a list of numbers."""
    ctx.check_items(len(d), "SampleSet.toList")
    return list_of(d.samples)  # in pieces, under the run's clock


@builtin("SampleSet.fromDist", examples=[("mean(SampleSet.fromDist(pointMass(2)))", "2")])
def from_dist(d: DistT) -> DistT:
    """The distribution's samples, forgetting its exact law."""
    return Dist.from_samples(d.samples)


@builtin("SampleSet.fromNumber", examples=[("mean(SampleSet.fromNumber(4))", "4")])
def from_number(ctx: Context, x: Real) -> DistT:
    """A point mass: every sample equal to x."""
    ctx.check_size(ctx.samples, "SampleSet.fromNumber")
    return Dist.from_samples(np.full(ctx.samples, x))


@builtin("SampleSet.fromFn", examples=[("mean(SampleSet.fromFn({|i| 2}))", "2"),
                                         ("mean(SampleSet.fromFn({|| 3}))", "3")])
def from_fn(ctx: Context, fn: Fn) -> DistT:
    """The distribution whose sample i is fn(i), or fn() for a function of no
    parameters."""
    ctx.check_size(ctx.samples, "SampleSet.fromFn")
    if not fn.param_names():  # Squiggle calls {|| ...} once per sample, without the index
        return map_samples(ctx, [], fn, "SampleSet.fromFn", n=ctx.samples)
    start = getattr(ctx, "position", 0)  # a streamed run's chunk starts further on
    index = Dist.from_samples(np.arange(start, start + ctx.samples, dtype=float))
    return map_samples(ctx, [index], fn, "SampleSet.fromFn")


# ---- SampleSet.make: the constructor that suits its argument ----

@builtin("SampleSet.make", examples=[("mean(SampleSet.make(5))", "5"),
                                     ("mean(SampleSet.make([1, 2, 3, 4, 5, 9]))", "4"),
                                     ("mean(SampleSet.make({|i| 2}))", "2")])
def make(d: DistT) -> DistT:
    """A sample set from a distribution (``fromDist``), a number (``fromNumber``), a list
    of numbers (``fromList``) or a function (``fromFn``); also written ``SampleSet(x)``."""
    return from_dist(d)


@builtin("SampleSet.make")
def _make_number(ctx: Context, x: Real) -> DistT:
    return from_number(ctx, x)


@builtin("SampleSet.make")
def _make_list(ctx: Context, values: ListOf(Real)) -> DistT:
    return from_list(ctx, values)


@builtin("SampleSet.make")
def _make_fn(ctx: Context, fn: Fn) -> DistT:
    return from_fn(ctx, fn)


@builtin("SampleSet.map", examples=[("mean(SampleSet.map(pointMass(3), {|x| x * 2}))", "6")])
def map_(ctx: Context, d: DistT, fn: Fn) -> DistT:
    """Apply fn to every sample."""
    return map_samples(ctx, [d], fn, "SampleSet.map")


@builtin("SampleSet.map2", examples=[
    ("mean(SampleSet.map2(pointMass(3), pointMass(4), {|a, b| a * b}))", "12")])
def map2(ctx: Context, a: DistT, b: DistT, fn: Fn) -> DistT:
    """Apply fn to the samples of two distributions, pairwise."""
    return map_samples(ctx, [a, b], fn, "SampleSet.map2")


@builtin("SampleSet.map3", examples=[
    ("mean(SampleSet.map3(pointMass(1), pointMass(2), pointMass(3), {|a, b, c| a + b + c}))",
     "6")])
def map3(ctx: Context, a: DistT, b: DistT, c: DistT, fn: Fn) -> DistT:
    """Apply fn to the samples of three distributions, element by element."""
    return map_samples(ctx, [a, b, c], fn, "SampleSet.map3")


@builtin("SampleSet.mapN", examples=[
    ("mean(SampleSet.mapN([pointMass(1), pointMass(5), pointMass(3)], max))", "5"),
    ("mean(SampleSet.mapN([pointMass(2), pointMass(3)], {|xs| xs[0] * xs[1]}))", "6")])
def map_n(ctx: Context, dists: ListOf(DistT), fn: Fn) -> DistT:
    """Apply fn to the list of the distributions' samples [a_i, b_i, ...], for each i.

    Vectorised like ``map``: fn is first called once with the list of whole
    distributions (``max``, ``sum`` and arithmetic then work element-wise)."""
    if not dists:
        raise ArgumentError("SampleSet.mapN: the list of distributions is empty")
    return map_samples(ctx, dists, fn, "SampleSet.mapN", as_list=True)


def _min_max(name: str, numpy_fn, example: tuple) -> None:
    """Declare ``SampleSet.<name>`` of (Dist, Number), (Number, Dist), (Dist, Dist)."""
    def dist_number(d: DistT, x: Real) -> DistT:
        return Dist.from_samples(numpy_fn(d.samples, x))

    def number_dist(x: Real, d: DistT) -> DistT:
        return Dist.from_samples(numpy_fn(d.samples, x))

    def dist_dist(ctx: Context, a: DistT, b: DistT) -> DistT:
        _same_length([a, b], f"SampleSet.{name}")
        return Dist.from_samples(numpy_fn(a.samples, b.samples))

    dist_number.__doc__ = (f"The {'smaller' if name == 'min' else 'larger'} of the two, "
                           "sample by sample (at least one a distribution).")
    builtin(f"SampleSet.{name}", examples=[example])(dist_number)
    builtin(f"SampleSet.{name}")(number_dist)
    builtin(f"SampleSet.{name}")(dist_dist)


# np.fmin/np.fmax would hide a NaN; minimum/maximum keep it, as Math.min does
_min_max("min", np.minimum, ("mean(SampleSet.min(uniform(0, 2), 1))", "0.75", 0.02))
_min_max("max", np.maximum, ("mean(SampleSet.max(3, pointMass(5)))", "5"))


def _same_length(dists: list[Dist], what: str) -> int:
    n = len(dists[0])
    if any(len(d) != n for d in dists):
        raise ArgumentError(f"{what}: the distributions have different sample counts")
    return n


def map_samples(ctx: Context, dists: list[Dist], fn, what: str, as_list: bool = False,
                n: int = 0) -> Dist:
    """fn applied sample-wise: first once to the whole distributions (element-wise
    functions then cost one call), else — when that fails or does not give one number
    per sample — one call per sample (the only per-sample loop, and it says so).

    A function that draws one random number (``sample(d)``) is an error: calling it per
    sample would build its distributions once per sample (minutes at 100,000 samples),
    and one draw for all samples would be a silent constant. ``as_list``: fn takes one
    argument, the list of the samples (``mapN``). With no distributions, fn takes no
    argument and is called for ``n`` samples."""
    n = _same_length(dists, what) if dists else n

    def arguments(values: list) -> list:
        return [List(values)] if as_list else values

    try:
        draws = ctx.draws()
        result = ctx.call(fn, arguments([Dist.from_samples(d.samples) for d in dists]))
        if isinstance(result, Number) and ctx.draws() != draws:
            raise _random_number(what)
        if isinstance(result, Number):  # a constant function
            return Dist.from_samples(np.full(n, result.value))
        if isinstance(result, Dist) and len(result) == n:
            return Dist.from_samples(result.samples)
    except DslError as e:
        if e.kind == "LimitError":
            raise
    out = np.empty(n)
    columns = [d.samples for d in dists]
    draws = ctx.draws()
    for i in range(n):  # per-sample fallback for functions that are not element-wise
        value = ctx.call(fn, arguments([Number(c[i]) for c in columns]))
        if not isinstance(value, Number):
            raise TypeError_(f"{what}: the function must return a number for each "
                             f"sample, got {value.type_name}")
        out[i] = value.value
        if i == 0 and ctx.draws() != draws:
            raise _random_number(what)
    return Dist.from_samples(out)


def _random_number(what: str) -> DslError:
    return ArgumentError(
        f"{what}: the function draws a random number (sample() or the like) on each call; "
        "sqdsl calls it with all samples at once, so return the distribution itself: "
        "{|i| normal(5, 2)} rather than {|i| sample(normal(5, 2))}")
