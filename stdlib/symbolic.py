"""``Sym.*``: Squiggle's symbolic distributions.

In Squiggle 0.10 ``normal(5, 2)`` is a sample set, while ``Sym.normal(5, 2)`` is the
formula itself: its statistics are exact, and sums of normals, products of lognormals
and the like stay formulas (``stdlib.symbolic_algebra``). Here a Sym value is a ``Dist``
whose law is a ``SymbolicLaw``: the exact law of the plain constructor, plus the family
and parameters the algebra needs. Parameters are plain numbers, as in Squiggle; bad ones
are DomainErrors with Squiggle's own messages.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from dsl.engine import closed_forms as cf
from dsl.engine.dist import Dist
from dsl.base.errors import DomainError
from dsl.engine.laws import ScipyLaw
from dsl.engine.registry import Context, builtin
from dsl.engine.symbolic_law import SymbolicLaw, symbolic_law
from dsl.engine.types import Real, Shape
from dsl.engine.values import Number

from . import dists
from . import jstat_special as jstat

__all__ = ["SymbolicLaw", "symbolic_law", "is_symbolic", "make_symbolic", "NumberShape",
           "point_mass", "normal", "lognormal", "uniform_law_dist"]

_NORMAL_Z = {"p5": 1.6448536269514722, "p10": 1.2815515655446004, "p25": 0.6744897501960817}
_PAIRS = (("p5", "p95"), ("p10", "p90"), ("p25", "p75"))


def is_symbolic(value) -> bool:
    return symbolic_law(value) is not None


def make_symbolic(made: Dist, family: str, params: dict,
                  sampler: Callable[[np.random.Generator, int], np.ndarray],
                  formulas=None) -> Dist:
    """``made`` (a constructor's result, with its exact ScipyLaw) as a Sym.* value;
    ``formulas`` (ppf, cdf, pdf) replace the exact ones where Squiggle's differ."""
    out = Dist.from_samples(made.samples,
                            SymbolicLaw(made.law, family, params, sampler, formulas))
    out.boolean = made.boolean
    return out


class NumberShape(Shape):
    """A record with exactly these keys, each a plain number (Squiggle's
    ``frDict({p5: frNumber, ...})``); the implementation gets a dict of floats."""

    def accepts(self, value):
        return super().accepts(value) and all(isinstance(v, Number)
                                              for v in value.fields.values())


class _Formulas:
    """Quantile, cdf and density functions of two fixed parameters (jStat's)."""

    def __init__(self, ppf, cdf, pdf, a: float, b: float) -> None:
        self._fns, self._args = (ppf, cdf, pdf), (a, b)

    def ppf(self, p):
        return self._fns[0](p, *self._args)

    def cdf(self, x):
        return self._fns[1](x, *self._args)

    def pdf(self, x):
        return self._fns[2](x, *self._args)


def _fail(message: str):
    raise DomainError(message)


# ---- the constructors: one per family, shared with the algebra ----

def normal(ctx: Context, mean: float, stdev: float) -> Dist:
    if not stdev > 0:
        _fail("Standard deviation of normal distribution must be larger than 0")
    return make_symbolic(dists.normal(ctx, mean, stdev), "normal",
                         {"mean": mean, "stdev": stdev},
                         lambda rng, n: rng.normal(mean, stdev, n))


def lognormal(ctx: Context, mu: float, sigma: float) -> Dist:
    if not sigma > 0:
        _fail("Lognormal standard deviation must be larger than 0")
    return make_symbolic(dists.lognormal_mu_sigma(ctx, mu, sigma), "lognormal",
                         {"mu": mu, "sigma": sigma},
                         lambda rng, n: np.exp(rng.normal(mu, sigma, n)))


def point_mass(ctx: Context, value: float) -> Dist:
    if not math.isfinite(value):
        _fail("PointMass must be finite")
    ctx.check_size(ctx.samples, "a point mass")
    law = ScipyLaw("pointMass", lambda: None, discrete=True, mode=value,
                   moments=(value, 0.0), quick=_point_quick(value))
    samples = np.full(ctx.samples, value)
    return Dist.from_samples(samples, SymbolicLaw(law, "pointMass", {"value": value},
                                                  lambda rng, n: np.full(n, value)))


def _point_quick(t: float) -> cf.Elementary:
    return cf.Elementary(lambda p: np.where(np.isnan(p), np.nan, t),
                         lambda x: np.where(x >= t, 1.0, 0.0),
                         lambda x: np.where(x == t, 1.0, 0.0))


def _interval(params: dict) -> tuple[float, float, float]:
    for low_key, high_key in _PAIRS:
        if low_key in params:
            low, high = params[low_key], params[high_key]
            if not low < high:
                _fail("Low value must be less than high value")
            return low, high, _NORMAL_Z[low_key]
    raise AssertionError(params)


@builtin("Sym.normal", examples=[("mean(Sym.normal(5, 1))", "5"),
                                 ("stdev(Sym.normal(5, 1) + Sym.normal(2, 2))", "sqrt(5)"),
                                 ("quantile(Sym.normal({p5: 4, p95: 10}), 0.95)", "10")])
def sym_normal(ctx: Context, mean: Real, stdev: Real) -> Dist:
    """A symbolic normal distribution: exact statistics, and a normal again when added to
    or subtracted from a normal or a number, or multiplied by a number.

    Also ``Sym.normal({p5, p95})`` (and p10/p90, p25/p75) and ``Sym.normal({mean, stdev})``."""
    return normal(ctx, mean, stdev)


for _keys in _PAIRS:
    @builtin("Sym.normal")
    def _sym_normal_interval(ctx: Context, interval: NumberShape(*_keys)) -> Dist:
        low, high, z = _interval(interval)
        return normal(ctx, (low + high) / 2, (high - low) / (2 * z))


@builtin("Sym.normal")
def _sym_normal_moments(ctx: Context, moments: NumberShape("mean", "stdev")) -> Dist:
    return normal(ctx, moments["mean"], moments["stdev"])


@builtin("Sym.lognormal", examples=[("median(Sym.lognormal(0.5, 0.8))", "exp(0.5)"),
                                    ("mean(Sym.lognormal({mean: 5, stdev: 2}))", "5"),
                                    ("quantile(Sym.lognormal({p5: 4, p95: 10}), 0.05)", "4")])
def sym_lognormal(ctx: Context, mu: Real, sigma: Real) -> Dist:
    """A symbolic lognormal: exp of a normal with mean mu and stdev sigma. Products and
    quotients of lognormals, and a lognormal times a positive number, stay lognormal.

    Also ``Sym.lognormal({p5, p95})`` (and p10/p90, p25/p75) and
    ``Sym.lognormal({mean, stdev})``."""
    return lognormal(ctx, mu, sigma)


for _keys in _PAIRS:
    @builtin("Sym.lognormal")
    def _sym_lognormal_interval(ctx: Context, interval: NumberShape(*_keys)) -> Dist:
        low, high, z = _interval(interval)
        if low <= 0:
            _fail("Low value must be above 0")
        log_low, log_high = math.log(low), math.log(high)
        return lognormal(ctx, (log_low + log_high) / 2, (log_high - log_low) / (2 * z))


@builtin("Sym.lognormal")
def _sym_lognormal_moments(ctx: Context, moments: NumberShape("mean", "stdev")) -> Dist:
    mean, stdev = moments["mean"], moments["stdev"]
    if not mean > 0:
        _fail("Lognormal mean must be larger than 0")
    if not stdev > 0:
        _fail("Lognormal standard deviation must be larger than 0")
    variance, mean_squared = stdev ** 2, mean ** 2  # Squiggle's formulas, to the last bit
    mu = 2 * math.log(mean) - 0.5 * math.log(variance + mean_squared)
    return lognormal(ctx, mu, math.sqrt(math.log(variance / mean_squared + 1)))


@builtin("Sym.uniform", examples=[("mean(Sym.uniform(10, 12))", "11")])
def sym_uniform(ctx: Context, low: Real, high: Real) -> Dist:
    """A symbolic uniform distribution between low and high."""
    if not high > low:
        _fail("High must be larger than low")
    return uniform_law_dist(ctx, low, high)


def uniform_law_dist(ctx: Context, low: float, high: float) -> Dist:
    """A symbolic uniform (low < high, not checked)."""
    return make_symbolic(dists.uniform(ctx, low, high), "uniform", {"low": low, "high": high},
                         lambda rng, n: rng.uniform(low, high, n))


def _beta(ctx: Context, alpha: float, beta: float) -> Dist:
    if not (alpha > 0 and beta > 0):
        _fail("Beta distribution parameters must be positive")
    return make_symbolic(dists.beta(ctx, alpha, beta), "beta", {"alpha": alpha, "beta": beta},
                         lambda rng, n: rng.beta(alpha, beta, n),
                         _Formulas(jstat.beta_inv, jstat.beta_cdf, jstat.beta_pdf,
                                   alpha, beta))


@builtin("Sym.beta", examples=[("mean(Sym.beta(20, 25))", "20 / 45"),
                               ("mean(Sym.beta({mean: 0.39, stdev: 0.1}))", "0.39")])
def sym_beta(ctx: Context, alpha: Real, beta: Real) -> Dist:
    """A symbolic beta distribution on [0, 1].

    Also ``Sym.beta({mean, stdev})`` (0 <= mean <= 1, 0 < stdev <= 0.5)."""
    return _beta(ctx, alpha, beta)


@builtin("Sym.beta")
def _sym_beta_moments(ctx: Context, moments: NumberShape("mean", "stdev")) -> Dist:
    mean, stdev = moments["mean"], moments["stdev"]
    if not 0 < stdev <= 0.5:
        _fail("Stdev must be in in between 0 and 0.5.")
    if not 0 <= mean <= 1:
        _fail("Mean must be in between 0 and 1.0.")
    size = mean * (1 - mean) / (stdev * stdev) - 1
    return _beta(ctx, mean * size, (1 - mean) * size)


@builtin("Sym.cauchy", examples=[("median(Sym.cauchy(5, 1))", "5")])
def sym_cauchy(ctx: Context, location: Real, scale: Real) -> Dist:
    """A symbolic Cauchy distribution (it has no mean: ``mean`` is NaN, as in Squiggle)."""
    if not scale > 0:
        _fail("Cauchy distribution scale parameter must larger than 0.")
    return make_symbolic(dists.cauchy(ctx, location, scale), "cauchy",
                         {"location": location, "scale": scale},
                         lambda rng, n: location + scale * rng.standard_cauchy(n))


@builtin("Sym.gamma", examples=[("mean(Sym.gamma(5, 1))", "5")])
def sym_gamma(ctx: Context, shape: Real, scale: Real) -> Dist:
    """A symbolic gamma distribution with the given shape and scale."""
    if not shape > 0:
        _fail("shape must be larger than 0")
    if not scale > 0:
        _fail("scale must be larger than 0")
    return make_symbolic(dists.gamma(ctx, shape, scale), "gamma",
                         {"shape": shape, "scale": scale},
                         lambda rng, n: rng.gamma(shape, scale, n),
                         _Formulas(jstat.gamma_inv, jstat.gamma_cdf, jstat.gamma_pdf,
                                   shape, scale))


@builtin("Sym.logistic", examples=[("mean(Sym.logistic(5, 1))", "5")])
def sym_logistic(ctx: Context, location: Real, scale: Real) -> Dist:
    """A symbolic logistic distribution."""
    if not scale > 0:
        _fail("Scale must be positive")
    return make_symbolic(dists.logistic(ctx, location, scale), "logistic",
                         {"location": location, "scale": scale},
                         lambda rng, n: rng.logistic(location, scale, n))


@builtin("Sym.exponential", examples=[("mean(Sym.exponential(2))", "0.5")])
def sym_exponential(ctx: Context, rate: Real) -> Dist:
    """A symbolic exponential distribution with the given rate."""
    if not rate > 0:
        _fail("Exponential distributions rate must be larger than 0.")
    return make_symbolic(dists.exponential(ctx, rate), "exponential", {"rate": rate},
                         lambda rng, n: rng.exponential(1 / rate, n))


@builtin("Sym.bernoulli", examples=[("mean(Sym.bernoulli(0.5))", "0.5")])
def sym_bernoulli(ctx: Context, p: Real) -> Dist:
    """A symbolic Bernoulli distribution: 1 with probability p, else 0."""
    if not 0 <= p <= 1:
        _fail("Bernoulli parameter must be between 0 and 1")
    return make_symbolic(dists.bernoulli(ctx, p), "bernoulli", {"p": p},
                         lambda rng, n: (rng.random(n) < p).astype(float))


@builtin("Sym.pointMass", examples=[("mean(Sym.pointMass(0.5))", "0.5"),
                                    ("stdev(Sym.pointMass(3) + Sym.normal(0, 2))", "2")])
def sym_point_mass(ctx: Context, value: Real) -> Dist:
    """A symbolic point mass: the value itself as a distribution, which the algebra of
    symbolic distributions treats as a number (``Sym.pointMass(3) * Sym.normal(0, 1)``
    is a normal)."""
    return point_mass(ctx, value)


@builtin("Sym.triangular", examples=[("mean(Sym.triangular(3, 5, 10))", "6")])
def sym_triangular(ctx: Context, low: Real, medium: Real, high: Real) -> Dist:
    """A symbolic triangular distribution rising from low to medium and falling to high
    (Squiggle wants low < medium < high)."""
    if not low < medium < high:
        _fail("Triangular values must be increasing order.")
    return make_symbolic(dists.triangular(ctx, low, medium, high), "triangular",
                         {"low": low, "medium": medium, "high": high},
                         lambda rng, n: rng.triangular(low, medium, high, n))
