"""Distribution constructors: ``a to b``, ``normal``, ``lognormal``, ``uniform``, ...

Each draws ``ctx.samples`` samples from its call site's own random stream, in one
vectorised numpy call. Parameters may themselves be distributions (sampled
element-wise: sample i uses parameter sample i). When every parameter is a plain
number the result also remembers its exact law, so ``mean``, ``quantile`` and ``cdf``
answer exactly.
"""
from __future__ import annotations

import math

import numpy as np

from dsl.dist import Dist, Law
from dsl.errors import DomainError
from dsl.registry import Context, builtin
from dsl.types import Num, Shape

__all__ = ["Z95", "make"]

Z95 = 1.6448536269514722  # the standard normal's 95th percentile


def _scalar(*params) -> bool:
    return all(isinstance(p, float) for p in params)


def make(samples: np.ndarray, law_name: str = "", law=None) -> Dist:
    """A Dist from freshly drawn samples, with its exact law when ``law`` (a function
    building the scipy distribution) is given."""
    return Dist.from_samples(samples, Law(law_name, law) if law is not None else None)


def _scipy():
    import scipy.stats
    return scipy.stats


def lognormal_dist(ctx: Context, mu, sigma) -> Dist:
    """Samples exp(mu + sigma Z), with the exact law when mu and sigma are numbers."""
    z = ctx.rng().standard_normal(ctx.samples)
    z *= sigma
    z += mu
    samples = np.exp(z, out=z)
    if _scalar(mu, sigma):
        return make(samples, "lognormal", lambda: _scipy().lognorm(s=sigma, scale=math.exp(mu)))
    return Dist.from_samples(samples)


@builtin("to", aliases=["Dist.to"], labels={"low": "the low end", "high": "the high end"},
         examples=[("quantile(1 to 10, 0.05)", "1"), ("quantile(1 to 10, 0.95)", "10"),
                   ("median(4 to 9)", "6")])
def to(ctx: Context, low: Num, high: Num) -> Num:
    """``low to high``: the lognormal whose 5th and 95th percentiles are low and high
    (Squiggle's shorthand for ``lognormal({p5: low, p95: high})``); needs
    0 < low < high."""
    if np.any(np.asarray(low) <= 0):
        raise DomainError(
            "The \"to\" function only accepts parameters above 0: `a to b` is a lognormal "
            "with 5th and 95th percentiles a and b. For a range that reaches 0 or below "
            f"use a normal instead, for example normal({{p5: {_show(low)}, p95: {_show(high)}}})")
    if np.any(np.asarray(low) >= np.asarray(high)):
        raise DomainError(
            f"in `a to b`, a must be less than b (got {_show(low)} to {_show(high)}); "
            f"to write a range that is not increasing, use normal({{p5: {_show(low)}, "
            f"p95: {_show(high)}}})")
    mu = (np.log(low) + np.log(high)) / 2
    sigma = (np.log(high) - np.log(low)) / (2 * Z95)
    if _scalar(low, high):
        mu, sigma = float(mu), float(sigma)
    return lognormal_dist(ctx, mu, sigma)


def _show(x) -> str:
    from dsl.display import format_number
    if isinstance(x, float):
        return format_number(x)
    return "a"
