"""``RelativeValues.wrap``: Squiggle's summary of a relative-values function.

A relative-values model gives, for two items ``x`` and ``y``, their values as a pair of
distributions ``[value of x, value of y]`` (Squiggle's relative-values playground draws a
grid of such pairs: ``RelativeValues.gridPlot``, a plot value, ``stdlib.plots``). ``wrap`` turns such
a function into one that summarises the ratio of the pair, as Squiggle 0.10 defines it in
Squiggle itself (packages/squiggle-lang/src/fr/relativeValues.ts).
"""
from __future__ import annotations

import math

import numpy as np

from dsl.engine.dist import Dist, sample_quantiles
from dsl.base.errors import TypeError_
from dsl.engine.registry import Builtin, BuiltinFunction, Context, Signature, builtin
from dsl.engine.types import AnyValue, Fn, describe_value
from dsl.engine.values import Function, List, Number, Record, Value

__all__: list[str] = []


def _samples(value: Value, n: int, what: str) -> np.ndarray:
    if isinstance(value, Dist):
        return value.samples
    if isinstance(value, Number):
        return np.full(n, value.value)
    raise TypeError_(f"{what}: the function must return a list of two distributions, "
                     f"got an item that is {describe_value(value)}")


def summarise_ratio(ctx: Context, fn: Function, x: Value, y: Value) -> Record:
    """``fn(x, y)`` is ``[a, b]``: the median, mean, 5% and 95% quantiles of a / b
    (sample by sample), and its uncertainty, log10 of the ratio of the 95% to the 5%
    quantile of |a / b| (orders of magnitude between them)."""
    what = "RelativeValues.wrap"
    pair = ctx.call(fn, [x, y])
    if not isinstance(pair, List) or len(pair.items) < 2:
        raise TypeError_(f"{what}: the function must return a list of two distributions, "
                         f"got {describe_value(pair)}")
    first, second = pair.items[0], pair.items[1]
    n = next((len(v) for v in (first, second) if isinstance(v, Dist)), ctx.samples)
    with np.errstate(all="ignore"):
        ratio = _samples(first, n, what) / _samples(second, n, what)
    if np.isnan(ratio).any():
        raise TypeError_(f"{what}: the ratio of the two values is undefined (0 / 0) for "
                         "some samples")
    p5, p50, p95 = sample_quantiles(ratio, [0.05, 0.5, 0.95])
    abs5, abs95 = sample_quantiles(np.abs(ratio), [0.05, 0.95])
    # orders of magnitude between the quantiles: 0 when they are the same (also two
    # Infinities), Infinity when the lower one is 0
    if abs95 == abs5:
        uncertainty = 0.0
    elif abs5 == 0 or math.isinf(abs95):
        uncertainty = math.inf
    else:
        uncertainty = math.log10(abs95 / abs5)
    return Record({"median": Number(float(p50)), "mean": Number(float(np.mean(ratio))),
                   "min": Number(float(p5)), "max": Number(float(p95)),
                   "uncertainty": Number(uncertainty)})


@builtin("RelativeValues.wrap", examples=[
    ("RelativeValues.wrap({|x, y| [pointMass(6), pointMass(3)]})(1, 2).median", "2"),
    ("RelativeValues.wrap({|x, y| [10 * x, y]})(2, 4).mean", "5")])
def wrap(fn: Fn) -> Fn:
    """A function of (x, y) that summarises the ratio of the pair of values ``fn(x, y)``
    returns: ``{median, mean, min, max, uncertainty}``, where min and max are the 5% and
    95% quantiles of the ratio and uncertainty is log10(p95 / p5) of its absolute value.
    """
    def summarise(ctx: Context, x: AnyValue, y: AnyValue) -> AnyValue:
        return summarise_ratio(ctx, fn, x, y)

    entry = Builtin("wrap", "RelativeValues", (), [Signature.of(summarise)],
                    "A relative-values function wrapped by RelativeValues.wrap.",
                    module=__name__)
    return BuiltinFunction(entry)
