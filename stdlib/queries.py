"""Questions to ask a distribution: ``mean``, ``stdev``, ``quantile``, ``cdf``, ``pdf``,
``prob``, ``sample`` ... Exact when the distribution is an untouched constructor (its
law is known), from the samples otherwise. A plain number counts as a point mass."""
from __future__ import annotations

import math

import numpy as np

from dsl.base.errors import DomainError
from dsl.base.binning import bin_counts
from dsl.engine.laws import kde_pdf
from dsl.engine.mc_error import estimate_mean, estimate_probability, estimate_quantile
from dsl.base.meter import CHUNK, check_time
from dsl.engine.registry import Context, builtin
from dsl.base.steps import bounded, linear_seconds, sort_seconds
from dsl.engine.types import Boolean, DistT, Int, Real

_P = Real.where(lambda p: 0 <= p <= 1, "between 0 and 1")


@builtin("Dist.mean", aliases=["mean"], examples=[("mean(normal(3, 1))", "3"),
                                                   ("mean(uniform(0, 1) * 2)", "1", 0.01)])
def mean(d: DistT) -> Real:
    """The expected value."""
    if d.law is None:  # from the samples: a number that knows its standard error
        n = len(d)
        return estimate_probability(d.mean(), n) if d.is_indicator else \
            estimate_mean(d.samples)
    return d.mean()


@builtin("Dist.mean")
def _mean_number(x: Real) -> Real:
    return x


@builtin("Dist.stdev", aliases=["stdev"], examples=[("stdev(normal(3, 2))", "2")])
def stdev(d: DistT) -> Real:
    """The standard deviation (population: divides by N, as Squiggle)."""
    return d.stdev()


@builtin("Dist.stdev")
def _stdev_number(x: Real) -> Real:
    return 0.0


@builtin("Dist.variance", aliases=["variance"], examples=[("variance(uniform(0, 6))", "3")])
def variance(d: DistT) -> Real:
    """The variance (population: divides by N, as Squiggle)."""
    return d.variance()


@builtin("Dist.variance")
def _variance_number(x: Real) -> Real:
    return 0.0


@builtin("Dist.median", aliases=["median"], examples=[("median(lognormal(0, 1))", "1")])
def median(d: DistT) -> Real:
    """The 50% quantile."""
    return _quantile(d, 0.5)


@builtin("Dist.quantile", aliases=["quantile"], labels={"p": "the probability p"},
         examples=[("quantile(normal(0, 1), 0.5)", "0"), ("quantile(1 to 10, 0.95)", "10")])
def quantile(d: DistT, p: _P) -> Real:
    """The value below which a share p of the distribution lies (sample quantiles use
    linear interpolation, as Squiggle)."""
    return _quantile(d, p)


@builtin("Dist.inv", aliases=["inv"], labels={"p": "the probability p"},
         examples=[("inv(normal(0, 1), 0.5)", "0")])
def inv(d: DistT, p: _P) -> Real:
    """The same as quantile(d, p)."""
    return _quantile(d, p)


def _quantile(d, p: float):
    """The p-quantile; from the samples, a number that knows its standard error."""
    value = d.quantile(p)
    if d.law is not None:
        return value
    ordered = d._sorted  # sorted already for a cdf: free
    return estimate_quantile(d.samples if ordered is None else ordered, p, value,
                             presorted=ordered is not None)


@builtin("Dist.cdf", aliases=["cdf"], examples=[("cdf(normal(0, 1), 0)", "0.5"),
                                                 ("cdf(uniform(0, 4), 1)", "0.25")])
def cdf(d: DistT, x: Real) -> Real:
    """P(d <= x): the share of the distribution at or below x."""
    if d.law is None:  # a share of the samples: a probability that knows its error
        return estimate_probability(d.cdf(x), len(d))
    return d.cdf(x)


@builtin("Dist.pdf", aliases=["pdf"], examples=[("pdf(uniform(0, 4), 1)", "0.25")])
def pdf(d: DistT, x: Real) -> Real:
    """The probability density at x (exact for a constructor; for samples, a Gaussian
    kernel density estimate)."""
    if d.law is not None:
        return d.law.pdf(x)
    # a kernel per sample: 1e7 samples are ~0.1 s of exp (seconds under load)
    return bounded(lambda: kde_pdf(d.samples, x), _kde_seconds(len(d), 1), "pdf")


def _kde_seconds(samples: int, points: int) -> float:
    """A lower bound on ``kde_pdf``'s time: an exp per sample and point, and the
    quantiles of its bandwidth."""
    return 4 * linear_seconds(samples * points) + sort_seconds(samples)


@builtin("Dist.mode", aliases=["mode"], examples=[("mode(triangular(1, 2, 5))", "2")])
def mode(d: DistT) -> Real:
    """The most likely value: exact for constructors that have one, else the most
    frequent value of a discrete distribution or the peak of a smoothed kernel density
    estimate of the samples (an approximation)."""
    if d.law is not None and d.law.mode() is not None:
        return d.law.mode()
    s = d.samples[np.isfinite(d.samples)]
    if s.size == 0:
        raise DomainError("mode: the distribution has no finite samples")
    # seconds of sorting and of exp at 1e7 samples (a minute: 512 points of the kernel
    # density): under the run's clock, which kde_pdf reads between its points; the
    # estimate is the sort's alone, as a discrete distribution needs no more
    return bounded(lambda: _sample_mode(s), sort_seconds(s.size), "mode")


def _sample_mode(s: np.ndarray) -> float:
    values, counts = np.unique(s, return_counts=True)
    if values.size <= 64:  # a discrete distribution: the most frequent value
        return float(values[np.argmax(counts)])
    check_time()
    # a smoother density than pdf uses: the peak of a rough one mostly tracks noise
    grid = np.quantile(s, np.linspace(0.001, 0.999, 512))
    return float(grid[np.argmax(kde_pdf(s, grid, smoothing=2.0))])


@builtin("Dist.min", aliases=["min"], examples=[("min(uniform(2, 3)) >= 2", "true")])
def dist_min(d: DistT) -> Real:
    """The smallest sample."""
    return float(np.min(d.samples))


@builtin("Dist.max", aliases=["max"], examples=[("max(uniform(2, 3)) <= 3", "true")])
def dist_max(d: DistT) -> Real:
    """The largest sample."""
    return float(np.max(d.samples))


@builtin("Dist.prob", aliases=["prob"],
         examples=[("prob(normal(0, 1) > 0)", "0.5", 0.02), ("prob(2 > 1)", "1")])
def prob(condition: DistT) -> Real:
    """The probability that a condition holds: the mean of a 0/1 distribution, as made by
    comparisons (``prob(x > 1)``; the same as ``mean(x > 1)``)."""
    if not condition.is_indicator:
        raise DomainError("prob: expects a condition such as x > 1 (a distribution of 0s "
                          "and 1s); for an expected value use mean")
    if condition.law is None:  # k of n samples: a probability that knows its error
        return estimate_probability(condition.mean(), len(condition))
    return condition.mean()


@builtin("Dist.prob")
def _prob_bool(condition: Boolean) -> Real:
    return 1.0 if condition else 0.0


@builtin("Dist.sample", aliases=["sample"], examples=[("sample(pointMass(3))", "3")])
def sample(ctx: Context, d: DistT) -> Real:
    """One random sample of the distribution."""
    return float(d.samples[ctx.rng().integers(len(d))])


@builtin("Dist.sampleN", aliases=["sampleN"], labels={"n": "the count n"},
         examples=[("List.length(sampleN(normal(0, 1), 5))", "5")])
def sample_n(ctx: Context, d: DistT, n: Int.where(lambda n: n >= 0, ">= 0")) -> list:
    """A list of n random samples of the distribution."""
    ctx.check_items(n, "sampleN")
    picks = ctx.rng().integers(len(d), size=n)
    out: list = []
    for start in range(0, n, CHUNK):  # the clock between pieces: 9e6 took 1.3 s
        if start:
            check_time()
        out.extend(d.samples[picks[start:start + CHUNK]].tolist())
    return out


_BARS = "▁▂▃▄▅▆▇█"


def _sparkline_counts(s: np.ndarray, bins: int) -> np.ndarray:
    lo, hi = np.quantile(s, [0.01, 0.99])
    if not hi > lo:
        lo, hi = lo - 0.5, hi + 0.5
    # bin_counts: numpy refuses ranges too narrow for the bins (1e16 + small spreads) or
    # too wide for a finite bin width (uniform(-1e308, 1e308))
    return bin_counts(s, bins, lo, hi)


@builtin("Dist.sparkline", aliases=["sparkline"],
         examples=[("Dist.sparkline(pointMass(1), 3)", '"▁█▁"')])
def sparkline(d: DistT, bins: Int.where(lambda n: 1 <= n <= 200, "between 1 and 200") = 20) -> str:
    """A one-line unicode histogram of the distribution's 1st to 99th percentiles."""
    s = d.samples[np.isfinite(d.samples)]
    if s.size == 0:
        return " " * bins
    counts = bounded(lambda: _sparkline_counts(s, bins), sort_seconds(s.size), "sparkline")
    top = counts.max() or 1
    return "".join(_BARS[min(len(_BARS) - 1, int(math.floor(c / top * (len(_BARS) - 1) + 0.5)))]
                   for c in counts)
