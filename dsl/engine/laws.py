"""Exact laws of distributions: what ``mean``, ``quantile``, ``cdf`` and ``pdf`` answer
for an untouched constructor instead of estimating from samples.

``ScipyLaw`` wraps a ``scipy.stats`` distribution built on first use (so a model that
never asks an exact question never imports scipy); ``EmpiricalLaw`` is the exact law of
a list of observations (``SampleSet.fromList``); ``TruncatedLaw`` renormalises another
law to an interval.
"""
from __future__ import annotations

import math
import warnings
from abc import ABC, abstractmethod
from typing import Any, Callable, Optional

import numpy as np

from ..base.meter import check_time
from ..base.steps import bounded, sort_seconds

__all__ = ["Law", "ScipyLaw", "EmpiricalLaw", "TruncatedLaw", "MixtureLaw", "kde_pdf",
           "sample_quantiles"]


def sample_quantiles(samples: np.ndarray, ps, presorted: bool = False) -> np.ndarray:
    """Quantiles by linear interpolation between order statistics (numpy's and
    Squiggle's default), safe with infinite samples (two equal neighbours give that
    value, never Infinity - Infinity). ``presorted``: ``samples`` are in order.

    One or two order statistics are found by selection (np.partition); more by a full
    sort, which numpy's SIMD sort makes 3x faster than a partition around ten points
    (5.7 ms against 17 ms at 1M samples here; np.quantile takes 18.5 ms)."""
    ps = np.atleast_1d(np.asarray(ps, dtype=float))
    n = samples.shape[0]
    pos = ps * (n - 1)
    lo = np.floor(pos).astype(np.intp)
    hi = np.minimum(lo + 1, n - 1)
    if presorted:
        ordered = samples
    else:
        # the order statistics needed, each once (sorted(set()) because np.unique would
        # import numpy.ma, 7 ms at start-up)
        kth = sorted(set(lo.tolist()) | set(hi.tolist()))
        # one uncut step of up to seconds (1e7 samples): under the run's clock
        ordered = bounded((lambda: np.partition(samples, kth)) if len(kth) <= 2 else
                          (lambda: np.sort(samples)), sort_seconds(n), "the quantiles")
    a, b = ordered[lo], ordered[hi]
    frac = pos - lo
    with np.errstate(invalid="ignore"):
        lerp = a + (b - a) * frac
    # between an infinity and anything, linear interpolation is that infinity
    return np.where((frac == 0) | (a == b) | np.isinf(a), a, np.where(np.isinf(b), b, lerp))


def _out(x):
    """A float for a scalar result, the array otherwise."""
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=float)


class Law(ABC):
    """An exact distribution law."""

    name = "law"
    discrete = False

    @abstractmethod
    def mean(self) -> float:
        """The expectation."""

    @abstractmethod
    def var(self) -> float:
        """The variance."""

    @abstractmethod
    def ppf(self, p):
        """The quantile function (inverse cdf) at p (number or array)."""

    @abstractmethod
    def cdf(self, x):
        """P(X <= x)."""

    @abstractmethod
    def pdf(self, x):
        """The density (the probability mass for a discrete law)."""

    def mode(self) -> Optional[float]:
        """The most likely value, where the law defines one."""
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name})"


class ScipyLaw(Law):
    """A ``scipy.stats`` frozen distribution, made by ``make()`` when first needed.

    ``moments`` (mean, variance) and ``quick`` (closed-form ppf, cdf and pdf from
    ``dsl.engine.closed_forms``) answer without scipy where they are given; ``cheap`` says
    whether quantiles are (summaries then use them, rather than importing scipy)."""

    def __init__(self, name: str, make: Callable[[], Any], *, discrete: bool = False,
                 mode: Optional[float] = None, moments: Optional[tuple] = None,
                 quick=None) -> None:
        self.name = name
        self._make = make
        self._frozen = None
        self.discrete = discrete
        self._mode = mode
        self._moments = moments
        self._quick = quick

    @property
    def cheap(self) -> bool:
        return self._quick is not None and self._moments is not None

    @property
    def frozen(self):
        if self._frozen is None:
            self._frozen = self._make()
        return self._frozen

    def mean(self) -> float:
        if self._moments is not None:
            return float(self._moments[0])
        return float(self.frozen.mean())

    def var(self) -> float:
        if self._moments is not None:
            return float(self._moments[1])
        return float(self.frozen.var())

    def ppf(self, p):
        if self._quick is not None:
            return self._quick.ppf(p)
        return _out(self.frozen.ppf(p))

    def cdf(self, x):
        if self._quick is not None:
            return self._quick.cdf(x)
        return _out(self.frozen.cdf(x))

    def pdf(self, x):
        if self._quick is not None:
            return self._quick.pdf(x)
        return _out(self.frozen.pmf(x) if self.discrete else self.frozen.pdf(x))

    def sf(self, x):
        """P(X > x), accurate far in the upper tail where 1 - cdf(x) is 0 (scipy)."""
        return _out(self.frozen.sf(x))

    def isf(self, q):
        """The x with sf(x) = q (scipy)."""
        return _out(self.frozen.isf(q))

    def mode(self) -> Optional[float]:
        return self._mode


class EmpiricalLaw(Law):
    """The law of a finite list of equally likely values."""

    name = "empirical"

    def __init__(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=float)
        # a sort of up to 1e7 values: under the run's clock (dsl.base.steps)
        self.values = bounded(lambda: np.sort(values), sort_seconds(values.size),
                              "sorting the values")

    def mean(self) -> float:
        return float(np.mean(self.values))

    def var(self) -> float:
        return float(np.var(self.values))

    def ppf(self, p):
        out = sample_quantiles(self.values, p)
        return float(out[0]) if np.ndim(p) == 0 else out

    def cdf(self, x):
        return _out(np.searchsorted(self.values, x, side="right") / len(self.values))

    def pdf(self, x):
        return kde_pdf(self.values, x)


class TruncatedLaw(Law):
    """``base`` conditioned on lying in [low, high]."""

    def __init__(self, base: ScipyLaw, low: float, high: float) -> None:
        self.base, self.low, self.high = base, low, high
        self.name = f"{base.name} truncated to [{low:g}, {high:g}]"
        # [a, b] is the interval's image under the cdf, or in the upper tail under the
        # survival function: there cdf(30) and cdf(31) of a normal are both 1.0, their
        # sf 5e-198 and 4e-211
        self.upper = low > -math.inf and float(base.cdf(low)) > 0.5
        if self.upper:
            self.a = float(base.sf(high)) if high < math.inf else 0.0
            self.b = float(base.sf(low))
        else:
            self.a = float(base.cdf(low)) if low > -math.inf else 0.0
            self.b = float(base.cdf(high)) if high < math.inf else 1.0
        self.mass = self.b - self.a
        # the integrals' bounds: a bound that cuts off no probability a double can hold
        # is replaced by the support's end (truncateRight(1 to 50, 1e200): quad over
        # [0, 1e200] misses the mass below 100, over [0, inf) it does not)
        start, end = (float(v) for v in base.frozen.support())
        self.lb = low if low > start and float(base.cdf(low)) > 0 else start
        self.ub = high if high < end and float(base.sf(high)) > 0 else end
        # then no integral at all: the untruncated law's moments are exact (quadrature
        # over the whole line fails far from 0: truncateLeft(normal(1e20, 1), 0) had
        # mean -8e19)
        self.cuts_nothing = self.lb == start and self.ub == end

    def _expect(self, fn) -> float:
        """E[fn(X)] under the truncated law."""
        # scipy's quadrature warns on stderr when it doubts an integral; a model's output
        # is no place for that (an implausible result is checked where it is used)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.upper:  # scipy would divide by its own mass, cdf(high) - cdf(low)
                mass = self.mass
                return float(self.base.frozen.expect(lambda x: fn(x) / mass, lb=self.lb,
                                                     ub=self.ub))
            return float(self.base.frozen.expect(fn, lb=self.lb, ub=self.ub,
                                                 conditional=True))

    def mean(self) -> float:
        if self.cuts_nothing:
            return self.base.mean()
        return self._expect(lambda x: x)

    def var(self) -> float:
        if self.cuts_nothing:
            return self.base.var()
        m = self.mean()
        return self._expect(lambda x: (x - m) * (x - m))  # ** raises on overflow

    def ppf(self, p):
        if self.upper:  # p = 0 at sf(low) = b, p = 1 at sf(high) = a
            x = self.base.isf(self.b - np.asarray(p) * self.mass)
        else:
            x = self.base.ppf(self.a + np.asarray(p) * self.mass)
        return _out(np.clip(x, self.low, self.high))

    def cdf(self, x):
        x = np.asarray(x, dtype=float)
        inner = np.clip(x, self.low, self.high)
        if self.upper:
            inside = (self.b - self.base.sf(inner)) / self.mass
        else:
            inside = (self.base.cdf(inner) - self.a) / self.mass
        return _out(np.clip(np.where(x < self.low, 0.0, inside), 0.0, 1.0))

    def pdf(self, x):
        x = np.asarray(x, dtype=float)
        inside = (x >= self.low) & (x <= self.high)
        return _out(np.where(inside, self.base.pdf(x) / self.mass, 0.0))


class MixtureLaw(Law):
    """A weighted mixture of continuous laws and point masses (plain floats): the exact
    law of ``mx(...)`` of untouched constructors and numbers (of numbers alone it is a
    point set: ``dsl.engine.pointset_law``).

    Its cdf is the weighted sum of the parts'; its quantiles are found by bisection
    between the parts' own quantiles at the same p, which bracket the mixture's; its
    pdf is the continuous parts' weighted density (a point mass has none)."""

    name = "mixture"

    def __init__(self, weights, parts: list) -> None:
        w = np.asarray(weights, dtype=float)
        self.weights = w / w.sum()
        self.parts = parts

    @property
    def cheap(self) -> bool:
        return all(getattr(part, "cheap", True) for part in self.parts if isinstance(part, Law))

    def _each(self, fn, atom):
        """The weighted sum over the parts of ``fn(law)`` or ``atom(value)``."""
        total = 0.0
        for w, part in zip(self.weights, self.parts):
            total = total + w * (fn(part) if isinstance(part, Law) else atom(part))
        return total

    def mean(self) -> float:
        return float(self._each(lambda law: law.mean(), lambda v: v))

    def var(self) -> float:
        m = self.mean()
        # E[(X - m)^2] part by part: var_i + (mean_i - m)^2, no cancellation of E[X^2] - m^2
        return float(self._each(lambda law: law.var() + (law.mean() - m) ** 2,
                                lambda v: (v - m) ** 2))

    def cdf(self, x):
        x = np.asarray(x, dtype=float)
        return _out(self._each(lambda law: np.asarray(law.cdf(x)), lambda v: (x >= v) * 1.0))

    def pdf(self, x):
        x = np.asarray(x, dtype=float)
        return _out(self._each(lambda law: np.asarray(law.pdf(x)), lambda v: 0.0 * x))

    def ppf(self, p):
        p = np.asarray(p, dtype=float)
        bounds = [np.broadcast_to(np.asarray(part.ppf(p) if isinstance(part, Law) else part,
                                             dtype=float), p.shape) for part in self.parts]
        lo, hi = np.min(bounds, axis=0), np.max(bounds, axis=0)
        inner = (p > 0) & (p < 1) & (lo < hi)
        lo, hi = np.where(inner, lo, hi), hi.copy()
        for _ in range(200):  # bisection: the cdf of the midpoint against p
            mid = lo + (hi - lo) / 2
            if not np.any(inner & (mid != lo) & (mid != hi)):
                break
            below = np.asarray(self.cdf(mid)) < p
            lo = np.where(inner & below, mid, lo)
            hi = np.where(inner & ~below, mid, hi)
        return _out(np.where(p <= 0, np.min(bounds, axis=0), hi))


def kde_pdf(samples: np.ndarray, x, smoothing: float = 1.0):
    """A Gaussian kernel density estimate at x, with Silverman's bandwidth times
    ``smoothing``. Evaluated in chunks so memory stays bounded for many points."""
    s = samples[np.isfinite(samples)]
    n = s.shape[0]
    if n == 0:
        return _out(np.zeros(np.shape(x)))
    sd = float(np.std(s))
    q75, q25 = np.quantile(s, [0.75, 0.25])
    spread = min(sd, (q75 - q25) / 1.34) or sd or 1.0
    h = 0.9 * spread * n ** (-0.2) * smoothing
    xs = np.atleast_1d(np.asarray(x, dtype=float))
    out = np.empty(xs.shape[0])
    chunk = max(1, 2_000_000 // max(n, 1))
    norm = 1.0 / (n * h * math.sqrt(2 * math.pi))
    for start in range(0, xs.shape[0], chunk):  # loop over chunks of query points
        if start:
            check_time()  # 2e6 exps between looks (a run's mode of 1e7 samples: minutes)
        block = xs[start:start + chunk, None]
        out[start:start + chunk] = np.exp(-0.5 * ((block - s[None, :]) / h) ** 2).sum(1) * norm
    return float(out[0]) if np.ndim(x) == 0 else out
