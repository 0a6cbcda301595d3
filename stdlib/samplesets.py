"""``SampleSet``: distributions as explicit samples. ``fromList`` builds the empirical
distribution of observations; ``map`` applies a function to every sample (vectorised:
the function is called once with the whole distribution, and only falls back to one
call per sample when the function cannot work element-wise)."""
from __future__ import annotations

import numpy as np

from dsl.dist import Dist
from dsl.errors import ArgumentError, DslError, TypeError_
from dsl.laws import EmpiricalLaw
from dsl.registry import Context, builtin
from dsl.types import DistT, Fn, ListOf, Real
from dsl.values import Number

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
    arr = np.asarray(values, dtype=float)
    ctx.check_size(ctx.samples, "SampleSet.fromList")
    resampled = arr[ctx.rng().integers(arr.size, size=ctx.samples)]
    return Dist.from_samples(resampled, EmpiricalLaw(arr))


@builtin("SampleSet.toList", examples=[("List.length(SampleSet.toList(normal(0, 1))) > 0", "true")])
def to_list(ctx: Context, d: DistT) -> list:
    """The samples as a list of numbers."""
    ctx.check_items(len(d), "SampleSet.toList")
    return d.samples.tolist()


@builtin("SampleSet.fromDist", examples=[("mean(SampleSet.fromDist(pointMass(2)))", "2")])
def from_dist(d: DistT) -> DistT:
    """The distribution's samples, forgetting its exact law."""
    return Dist.from_samples(d.samples)


@builtin("SampleSet.fromNumber", examples=[("mean(SampleSet.fromNumber(4))", "4")])
def from_number(ctx: Context, x: Real) -> DistT:
    """A point mass: every sample equal to x."""
    ctx.check_size(ctx.samples, "SampleSet.fromNumber")
    return Dist.from_samples(np.full(ctx.samples, x))


@builtin("SampleSet.fromFn", examples=[("mean(SampleSet.fromFn({|i| 2}))", "2")])
def from_fn(ctx: Context, fn: Fn) -> DistT:
    """The distribution whose sample i is fn(i)."""
    ctx.check_size(ctx.samples, "SampleSet.fromFn")
    index = Dist.from_samples(np.arange(ctx.samples, dtype=float))
    return map_samples(ctx, [index], fn, "SampleSet.fromFn")


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


def map_samples(ctx: Context, dists: list[Dist], fn, what: str) -> Dist:
    """fn applied sample-wise: first once to the whole distributions (element-wise
    functions then cost one call), else — when that fails or does not give one number
    per sample — one call per sample (the only per-sample loop, and it says so)."""
    n = len(dists[0])
    if any(len(d) != n for d in dists):
        raise ArgumentError(f"{what}: the distributions have different sample counts")
    try:
        result = ctx.call(fn, [Dist.from_samples(d.samples) for d in dists])
        if isinstance(result, Number):
            return Dist.from_samples(np.full(n, result.value))
        if isinstance(result, Dist) and len(result) == n:
            return Dist.from_samples(result.samples)
    except DslError as e:
        if e.kind == "LimitError":
            raise
    out = np.empty(n)
    columns = [d.samples for d in dists]
    for i in range(n):  # per-sample fallback for functions that are not element-wise
        value = ctx.call(fn, [Number(c[i]) for c in columns])
        if not isinstance(value, Number):
            raise TypeError_(f"{what}: the function must return a number for each "
                             f"sample, got {value.type_name}")
        out[i] = value.value
    return Dist.from_samples(out)
