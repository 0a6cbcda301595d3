"""Distribution constructors: ``a to b``, ``normal``, ``lognormal``, ``uniform``, ...

Each draws ``ctx.samples`` samples from its call site's own random stream in one
vectorised numpy call. Parameters may themselves be distributions, sampled
element-wise (sample i uses parameter sample i). When every parameter is a plain
number the result also carries its exact law, so ``mean``, ``quantile``, ``cdf`` and
``pdf`` answer exactly. Bad parameters are DomainErrors naming the parameter.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

import numpy as np

from dsl.engine import closed_forms as cf
from dsl.engine import parallel
from dsl.engine.dist import Dist
from dsl.base.errors import DomainError
from dsl.engine.laws import ScipyLaw
from dsl.engine.registry import Context, builtin
from dsl.base.steps import imported
from dsl.engine.types import DistT, Num, Positive, Probability, Real, Shape

__all__ = ["Z95", "Z90", "Z75", "draw", "lognormal_mu_sigma"]

Z95 = 1.6448536269514722  # standard normal quantiles: 95th, 90th, 75th percentiles
Z90 = 1.2815515655446004
Z75 = 0.6744897501960817
_PERCENTILE_FORMS = {("p5", "p95"): Z95, ("p10", "p90"): Z90, ("p25", "p75"): Z75}


def _stats():
    # its first import runs up to a second of module code: under the run's clock
    return imported("scipy.stats")


def _beta_mean_var(a: float, b: float) -> tuple[float, float]:
    # the variance as mean * (1 - mean) / (a + b + 1): (a + b)^2 underflows to 0 for
    # tiny shapes (beta(1e-300, 1e-300) has mean 0.5 and variance 0.25)
    mean = a / (a + b)
    return mean, mean * (b / (a + b)) / (a + b + 1)


def _scaled(moments: tuple[float, float], low: float, high: float) -> tuple[float, float]:
    """The moments of low + (high - low) X from those of X."""
    return low + (high - low) * moments[0], (high - low) * (high - low) * moments[1]


def _student_moments(df: float, loc: float, scale: float) -> tuple[float, float]:
    mean = loc if df > 1 else math.nan
    var = scale * scale * df / (df - 2) if df > 2 else (math.inf if df > 1 else math.nan)
    return mean, var


def _loguniform_moments(low: float, high: float) -> tuple[float, float]:
    span = math.log(high / low)
    mean = (high - low) / span
    # E[X^2] - mean^2 with high^2 factored out, so huge ends give Infinity, not an error
    r = low / high
    spread = (1 - r * r) / (2 * span) - ((1 - r) / span) * ((1 - r) / span)
    return mean, high * high * max(spread, 0.0)


def _scalar(*params) -> bool:
    return all(isinstance(p, float) for p in params)


def draw(ctx: Context, sample: Callable[..., np.ndarray], params: tuple,
         law: Optional[Callable[[], ScipyLaw]] = None, args: Optional[tuple] = None) -> Dist:
    """Draw ``ctx.samples`` samples with ``sample(rng, n, *args)`` (``args`` defaults to
    ``params``); attach ``law()`` when all ``params`` are plain numbers (an untouched
    constructor). A distribution-valued argument ties draw i to its sample i, so when
    the draws come in chunks (``dsl.engine.parallel``) each chunk gets its slice of it."""
    for p in params:
        if not np.all(np.isfinite(p)):
            raise DomainError("a distribution's parameters must be finite numbers (got "
                              + ("Infinity or NaN" if isinstance(p, np.ndarray)
                                 else _show(p)) + ")")
    ctx.check_size(ctx.samples, "sampling a distribution")
    args = params if args is None else args
    def chunk(rng, start, stop):
        return sample(rng, stop - start, *parallel.slices(args, start, stop))

    with np.errstate(over="ignore"):
        samples = ctx.fill_range(chunk)
    exact = law() if law is not None and _scalar(*params) else None
    return Dist.from_samples(samples, exact)


def _require(ok, message: str) -> None:
    if not np.all(ok):
        raise DomainError(message)


# ---- normal and lognormal ----

_SD = {"stdev": "the standard deviation (stdev)"}


@builtin("Dist.normal", aliases=["normal"], labels=_SD,
         examples=[("mean(normal(5, 2))", "5"), ("stdev(normal(5, 2))", "2"),
                   ("quantile(normal({p5: 10, p95: 20}), 0.95)", "20")])
def normal(ctx: Context, mean: Num, stdev: Positive) -> Num:
    """A normal (Gaussian) distribution with the given mean and standard deviation.

    Also ``normal({p5, p95})``, ``normal({p10, p90})``, ``normal({p25, p75})`` (the
    symmetric interval) and ``normal({mean, stdev})``."""
    return draw(ctx, lambda rng, n, mean, stdev: rng.normal(mean, stdev, n), (mean, stdev),
                lambda: ScipyLaw("normal", lambda: _stats().norm(mean, stdev), mode=mean,
                                 moments=(mean, stdev * stdev), quick=cf.normal(mean, stdev)))


def _interval(params: dict, name: str):
    """(low, high, z) of a percentile record such as {p5, p95}."""
    for keys, z in _PERCENTILE_FORMS.items():
        if set(keys) == set(params):
            low, high = params[keys[0]], params[keys[1]]
            _require(np.asarray(low) < np.asarray(high),
                     f"{name}: {keys[0]} must be less than {keys[1]}")
            return low, high, z
    raise AssertionError(params)  # only called with one of the declared shapes


for _keys in _PERCENTILE_FORMS:
    @builtin("Dist.normal")
    def _normal_interval(ctx: Context, interval: Shape(*_keys)) -> Num:
        low, high, z = _interval(interval, "normal")
        return normal(ctx, (low + high) / 2, (high - low) / (2 * z))


@builtin("Dist.normal")
def _normal_moments(ctx: Context, moments: Shape("mean", "stdev")) -> Num:
    sd = moments["stdev"]
    _require(np.asarray(sd) > 0, "normal: the standard deviation (stdev) must be > 0")
    return normal(ctx, moments["mean"], sd)


def lognormal_mu_sigma(ctx: Context, mu, sigma) -> Dist:
    """Samples exp(mu + sigma Z); exact law when mu and sigma are numbers."""
    def sample(rng, n, mu, sigma):
        z = rng.standard_normal(n)
        z *= sigma
        z += mu
        return np.exp(z, out=z)
    return draw(ctx, sample, (mu, sigma), lambda: ScipyLaw(
        "lognormal", lambda: _stats().lognorm(s=sigma, scale=math.exp(mu)),
        mode=float(np.exp(mu - np.square(sigma))), quick=cf.lognormal(mu, sigma),
        moments=(float(np.exp(mu + np.square(sigma) / 2)),
                 float(np.expm1(np.square(sigma)) * np.exp(2 * mu + np.square(sigma))))))


@builtin("Dist.lognormal", aliases=["lognormal"], labels={"sigma": "sigma (the log stdev)"},
         examples=[("median(lognormal(0, 1))", "1"),
                   ("mean(lognormal({mean: 100, stdev: 30}))", "100")])
def lognormal(ctx: Context, mu: Num, sigma: Positive) -> Num:
    """exp(normal(mu, sigma)): mu and sigma are the mean and stdev of the logarithm.

    Also ``lognormal({p5, p95})`` (and p10/p90, p25/p75) and ``lognormal({mean, stdev})``
    (the mean and stdev of the distribution itself)."""
    return lognormal_mu_sigma(ctx, mu, sigma)


for _keys in _PERCENTILE_FORMS:
    @builtin("Dist.lognormal")
    def _lognormal_interval(ctx: Context, interval: Shape(*_keys)) -> Num:
        low, high, z = _interval(interval, "lognormal")
        _require(np.asarray(low) > 0, "lognormal: percentiles must be above 0")
        return lognormal_mu_sigma(ctx, (np.log(low) + np.log(high)) / 2,
                                  (np.log(high) - np.log(low)) / (2 * z))


@builtin("Dist.lognormal")
def _lognormal_moments(ctx: Context, moments: Shape("mean", "stdev")) -> Num:
    m, sd = moments["mean"], moments["stdev"]
    _require(np.asarray(m) > 0, "lognormal: the mean must be > 0")
    _require(np.asarray(sd) > 0, "lognormal: the standard deviation (stdev) must be > 0")
    sigma2 = np.log1p((np.asarray(sd) / m) ** 2)
    mu, sigma = np.log(m) - sigma2 / 2, np.sqrt(sigma2)
    if _scalar(m, sd):
        mu, sigma = float(mu), float(sigma)
    return lognormal_mu_sigma(ctx, mu, sigma)


@builtin("to", aliases=["Dist.to"], examples=[
    ("quantile(1 to 10, 0.05)", "1"), ("quantile(1 to 10, 0.95)", "10"),
    ("median(4 to 9)", "6")])
def to(ctx: Context, low: Num, high: Num) -> Num:
    """``low to high``: the lognormal whose 5th and 95th percentiles are low and high
    (Squiggle's shorthand for ``lognormal({p5: low, p95: high})``); needs 0 < low < high."""
    if not (np.all(np.isfinite(low)) and np.all(np.isfinite(high))):
        raise DomainError(f"`a to b` needs finite ends (got {_show(low)} to {_show(high)})")
    if np.any(np.asarray(low) <= 0):
        raise DomainError(
            "The \"to\" function only accepts parameters above 0: `a to b` is a lognormal "
            "with 5th and 95th percentiles a and b. For a range that reaches 0 or below, "
            f"use a normal: normal({{p5: {_show(low)}, p95: {_show(high)}}})")
    if np.any(np.asarray(low) >= np.asarray(high)):
        if _scalar(low, high) and low == high:
            hint = f"for a certain value write {_show(low)} or pointMass({_show(low)})"
        elif _scalar(low, high):
            hint = f"write the smaller end first: {_show(high)} to {_show(low)}"
        else:
            hint = "some samples of a are not below those of b"
        raise DomainError(f"in `a to b`, a must be less than b (got {_show(low)} to "
                          f"{_show(high)}); {hint}")
    mu = (np.log(low) + np.log(high)) / 2
    sigma = (np.log(high) - np.log(low)) / (2 * Z95)
    if _scalar(low, high):
        mu, sigma = float(mu), float(sigma)
    return lognormal_mu_sigma(ctx, mu, sigma)


def _show(x) -> str:
    from dsl.engine.display import format_number
    return format_number(x) if isinstance(x, float) else "a"


# ---- the other continuous families ----

@builtin("Dist.uniform", aliases=["uniform"], examples=[("mean(uniform(10, 30))", "20")])
def uniform(ctx: Context, low: Num, high: Num) -> Num:
    """Every value between low and high equally likely (needs low < high)."""
    _require(np.asarray(low) < np.asarray(high), f"uniform: low must be less than high "
             f"(got {_show(low)}, {_show(high)})")
    return draw(ctx, _uniform_sample, (low, high),
                lambda: ScipyLaw("uniform", lambda: _stats().uniform(low, high - low),
                                 moments=(low / 2 + high / 2, (high - low) * (high - low) / 12),
                                 quick=cf.uniform(low, high)))


def _uniform_sample(rng, n, low, high):
    with np.errstate(over="ignore"):
        finite_width = np.all(np.isfinite(np.subtract(high, low)))
    if finite_width:
        return rng.uniform(low, high, n)
    # numpy refuses a width past the largest float (uniform(-1e308, 1e308)); weighting
    # the two ends never overflows
    u = rng.random(n)
    return low * (1 - u) + high * u


def _triangular_sample(rng, n, low, mode, high):
    with np.errstate(over="ignore"):
        width = np.subtract(high, low)
        fine = np.all(np.isfinite(width * width))
    if fine:
        return rng.triangular(low, mode, high, n)
    # numpy's sampler squares the width: draw at a power-of-two scale (exact) instead
    largest = max(float(np.max(np.abs(v))) for v in (low, mode, high))
    scale = 2.0 ** math.ceil(math.log2(largest))
    return rng.triangular(np.divide(low, scale), np.divide(mode, scale),
                          np.divide(high, scale), n) * scale


@builtin("Dist.beta", aliases=["beta"], examples=[("mean(beta(2, 8))", "0.2"),
                                                   ("mean(beta({mean: 0.4, stdev: 0.15}))", "0.4")])
def beta(ctx: Context, alpha: Positive, beta: Positive) -> Num:
    """The beta distribution on [0, 1] with shape parameters alpha and beta.

    Also ``beta({mean, stdev})`` (by the method of moments)."""
    mode = (alpha - 1) / (alpha + beta - 2) if _scalar(alpha, beta) and alpha > 1 and \
        beta > 1 else None
    return draw(ctx, lambda rng, n, a, b: rng.beta(a, b, n), (alpha, beta),
                lambda: ScipyLaw("beta", lambda: _stats().beta(alpha, beta), mode=mode,
                                 moments=_beta_mean_var(alpha, beta)))


@builtin("Dist.beta")
def _beta_moments(ctx: Context, moments: Shape("mean", "stdev")) -> Num:
    m, sd = moments["mean"], moments["stdev"]
    _require((np.asarray(m) > 0) & (np.asarray(m) < 1), "beta: the mean must be between 0 and 1")
    var = np.asarray(sd) ** 2
    _require((np.asarray(sd) > 0) & (var < m * (1 - m)),
             "beta: the stdev must be > 0 and stdev^2 < mean * (1 - mean)")
    nu = m * (1 - m) / var - 1
    a, b = m * nu, (1 - m) * nu
    if _scalar(m, sd):
        a, b = float(a), float(b)
    return beta(ctx, a, b)


@builtin("Dist.gamma", aliases=["gamma"], examples=[("mean(gamma(4, 2.5))", "10")])
def gamma(ctx: Context, shape: Positive, scale: Positive) -> Num:
    """The gamma distribution with the given shape and scale (mean = shape * scale)."""
    mode = (shape - 1) * scale if _scalar(shape, scale) and shape >= 1 else None
    return draw(ctx, lambda rng, n, shape, scale: rng.gamma(shape, scale, n), (shape, scale),
                lambda: ScipyLaw("gamma", lambda: _stats().gamma(shape, scale=scale), mode=mode,
                                 moments=(shape * scale, shape * scale * scale)))


@builtin("Dist.exponential", aliases=["exponential"], examples=[("mean(exponential(4))", "0.25")])
def exponential(ctx: Context, rate: Positive) -> Num:
    """The exponential distribution with the given rate (mean = 1 / rate)."""
    return draw(ctx, lambda rng, n, rate: rng.exponential(1 / np.asarray(rate), n), (rate,),
                lambda: ScipyLaw("exponential", lambda: _stats().expon(scale=1 / rate), mode=0.0,
                                 moments=(1 / rate, (1 / rate) * (1 / rate)),
                                 quick=cf.exponential(rate)))


@builtin("Dist.triangular", aliases=["triangular"],
         examples=[("mean(triangular(2, 5, 11))", "6")])
def triangular(ctx: Context, min: Num, mode: Num, max: Num) -> Num:
    """The triangular distribution rising from min to mode and falling to max."""
    lo, md, hi = (np.asarray(v) for v in (min, mode, max))
    _require((lo <= md) & (md <= hi) & (lo < hi),
             "triangular: needs min <= mode <= max and min < max")
    return draw(ctx, _triangular_sample, (min, mode, max),
                lambda: ScipyLaw("triangular", lambda: _stats().triang(
                    (mode - min) / (max - min), loc=min, scale=max - min), mode=mode,
                    moments=(min / 3 + mode / 3 + max / 3,
                             ((min - mode) * (min - mode) + (min - max) * (min - max)
                              + (mode - max) * (mode - max)) / 36),
                    quick=cf.triangular(min, mode, max)))


@builtin("Dist.logistic", aliases=["logistic"], examples=[("mean(logistic(10, 2))", "10")])
def logistic(ctx: Context, location: Num, scale: Positive) -> Num:
    """The logistic distribution (like a normal with heavier tails)."""
    return draw(ctx, lambda rng, n, loc, scale: rng.logistic(loc, scale, n), (location, scale),
                lambda: ScipyLaw("logistic", lambda: _stats().logistic(location, scale),
                                 mode=location,
                                 moments=(location, (scale * math.pi) * (scale * math.pi) / 3),
                                 quick=cf.logistic(location, scale)))


@builtin("Dist.cauchy", aliases=["cauchy"], examples=[("median(cauchy(3, 1))", "3")])
def cauchy(ctx: Context, location: Num, scale: Positive) -> Num:
    """The Cauchy distribution (so heavy-tailed that it has no mean)."""
    return draw(ctx, lambda rng, n, loc, scale: loc + scale * rng.standard_cauchy(n),
                (location, scale),
                lambda: ScipyLaw("cauchy", lambda: _stats().cauchy(location, scale),
                                 mode=location, moments=(math.nan, math.nan),  # none exist
                                 quick=cf.cauchy(location, scale)))


@builtin("Dist.studentT", aliases=["studentT"],
         examples=[("median(studentT(3, 10, 2))", "10")])
def student_t(ctx: Context, df: Positive, location: Num = 0.0, scale: Positive = 1.0) -> Num:
    """Student's t distribution with df degrees of freedom, shifted and scaled."""
    return draw(ctx, lambda rng, n, df, loc, scale: loc + scale * rng.standard_t(df, n),
                (df, location, scale),
                lambda: ScipyLaw("studentT", lambda: _stats().t(df, location, scale),
                                 mode=location, moments=_student_moments(df, location, scale)))


@builtin("Dist.loguniform", aliases=["loguniform"],
         examples=[("median(loguniform(1, 100))", "10")])
def loguniform(ctx: Context, low: Positive, high: Positive) -> Num:
    """Log-uniform between low and high: every order of magnitude equally likely."""
    _require(np.asarray(low) < np.asarray(high), "loguniform: low must be less than high")
    return draw(ctx, lambda rng, n, low, high: np.exp(rng.uniform(np.log(low), np.log(high), n)),
                (low, high),
                lambda: ScipyLaw("loguniform", lambda: _stats().loguniform(low, high),
                                 moments=_loguniform_moments(low, high),
                                 quick=cf.loguniform(low, high)))


@builtin("Dist.pert", aliases=["pert"], examples=[("mean(pert(0, 3, 12))", "4")])
def pert(ctx: Context, min: Num, mode: Num, max: Num) -> Num:
    """The PERT distribution: a beta scaled to [min, max] peaking at mode, with mean
    (min + 4 mode + max) / 6. Guesstimate users know it; Squiggle lacks it."""
    lo, md, hi = (np.asarray(v) for v in (min, mode, max))
    _require((lo <= md) & (md <= hi) & (lo < hi), "pert: needs min <= mode <= max and min < max")
    a = 1 + 4 * (md - lo) / (hi - lo)
    b = 1 + 4 * (hi - md) / (hi - lo)
    return draw(ctx, lambda rng, n, lo, hi, a, b: lo + (hi - lo) * rng.beta(a, b, n),
                (min, mode, max),
                lambda: ScipyLaw("pert", lambda: _stats().beta(float(a), float(b), loc=min,
                                                               scale=max - min), mode=mode,
                                 moments=_scaled(_beta_mean_var(float(a), float(b)), min, max)),
                args=(lo, hi, a, b))


# ---- discrete ----

@builtin("Dist.bernoulli", aliases=["bernoulli"], labels={"p": "the probability p"},
         examples=[("mean(bernoulli(0.3))", "0.3")])
def bernoulli(ctx: Context, p: Probability) -> Num:
    """1 with probability p, else 0."""
    made = draw(ctx, lambda rng, n, p: (rng.random(n) < p).astype(np.float64), (p,),
                lambda: ScipyLaw("bernoulli", lambda: _stats().bernoulli(p), discrete=True,
                                 mode=float(p >= 0.5), moments=(p, p * (1 - p)),
                                 quick=cf.bernoulli(p)))
    made.boolean = True  # a random condition: prob() and `if` accept it
    return made


@builtin("Dist.poisson", aliases=["poisson"], examples=[("mean(poisson(4))", "4")])
def poisson(ctx: Context, rate: Num.where(lambda x: x >= 0, ">= 0")) -> Num:
    """The number of events in a period when they happen at ``rate`` per period."""
    return draw(ctx, _poisson_samples, (rate,),
                lambda: ScipyLaw("poisson", lambda: _poisson_law(rate), discrete=True,
                                 mode=float(math.floor(rate)), moments=(rate, rate)))


# numpy's Poisson sampler refuses rates above about 9.2e18 ("lam value too large");
# past 1e18 the normal approximation is used (its skewness, 1/sqrt(rate) < 1e-9, is far
# below what samples or quantiles can show)
_POISSON_EXACT = 1e18


class _ManyCounts:
    """poisson(rate) past _POISSON_EXACT: its normal approximation, with the probability
    mass of a whole number (scipy's own quantiles of poisson(1e300) are NaN)."""

    def __init__(self, rate: float) -> None:
        self.normal = _stats().norm(rate, math.sqrt(rate))

    def __getattr__(self, name: str):
        return getattr(self.normal, name)

    def pmf(self, x):
        x = np.asarray(x, dtype=np.float64)
        return np.where(np.floor(x) == x, self.normal.pdf(x), 0.0)


def _poisson_law(rate: float):
    return _ManyCounts(rate) if rate > _POISSON_EXACT else _stats().poisson(rate)


def _poisson_samples(rng: np.random.Generator, n: int, rate) -> np.ndarray:
    if np.all(np.asarray(rate) <= _POISSON_EXACT):
        return rng.poisson(rate, n).astype(np.float64)
    rate = np.broadcast_to(np.asarray(rate, dtype=np.float64), (n,))
    big = rate > _POISSON_EXACT
    out = np.empty(n)
    out[~big] = rng.poisson(rate[~big])
    large = rate[big]
    out[big] = np.round(large + np.sqrt(large) * rng.standard_normal(large.shape[0]))
    return out


# numpy draws binomials of int64 trials: past 2**62 (4.6e18) the count overflowed
# (binomial(1e20, 0.5) was an InternalError)
_TRIALS = Num.where(lambda x: (x >= 0) & (np.floor(x) == x) & (x <= 2.0 ** 62),
                    "a whole number >= 0 and at most 4.6e18")


@builtin("Dist.binomial", aliases=["binomial"], labels={"p": "the probability p"},
         examples=[("mean(binomial(10, 0.3))", "3"),
                   ("mean(binomial(pointMass(4) + 6, 0.3))", "3", 0.05)])
def binomial(ctx: Context, n: _TRIALS, p: Probability) -> Num:
    """The number of successes in n independent trials each succeeding with probability p
    (n may be a distribution of whole numbers)."""
    trials = np.asarray(n).astype(np.int64) if isinstance(n, np.ndarray) else int(n)
    return draw(ctx, lambda rng, size, k, q: rng.binomial(k, q, size).astype(np.float64),
                (n, p),
                lambda: ScipyLaw("binomial", lambda: _stats().binom(trials, p), discrete=True,
                                 mode=float(math.floor((trials + 1) * p)),
                                 moments=(trials * p, trials * p * (1 - p))),
                args=(trials, p))


@builtin("Dist.pointMass", aliases=["pointMass"], examples=[("mean(pointMass(7))", "7")])
def point_mass(ctx: Context, value: Num) -> Num:
    """The value itself, as a distribution (every sample equal to it)."""
    ctx.check_size(ctx.samples, "a point mass")
    return Dist.from_samples(np.broadcast_to(np.asarray(value, dtype=np.float64),
                                             (ctx.samples,)).copy())


@builtin("Dist.make", examples=[("mean(Dist.make(4))", "4")])
def dist_make(ctx: Context, value: Real) -> DistT:
    """A distribution from a number (a point mass) or a distribution (itself)."""
    return point_mass(ctx, value)


@builtin("Dist.make")
def _dist_make_dist(value: DistT) -> DistT:
    return value
