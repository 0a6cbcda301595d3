"""What a streamed run keeps of a distribution: summaries that merge across chunks.

A chunk's samples are thrown away once summarised; what survives is plain data
(numbers and small arrays), so a worker process can send it back and the caller can
merge chunks in order:

- ``Moments``: count, mean and M2 of the finite samples, merged by Chan et al.'s
  pairwise update (exact up to rounding: ~1e-15 relative against numpy's two-pass
  figures), plus counts of NaN, +Infinity and -Infinity, minimum and maximum, and how
  many samples are non-zero (a condition's probability, exactly);
- ``Bins``: exact counts of the samples in ``BINS`` bins whose edges are the first
  chunk's quantiles (equal shares of it), with the smallest and largest sample that
  fell in each bin. They find the bin a quantile's order statistic is in exactly (0
  error where the bin holds one value: a discrete distribution's quantiles are exact),
  but inside a bin they know nothing: off by up to the bin's share in rank, ~1/4,096,
  which is more than q itself for q = 1e-4;
- ``Digest`` (``dsl.engine.stream_digest``): a t-digest of the finite samples from the
  ``fastdigest`` library (deterministic: same chunks, same figures), whose centroids
  shrink towards the tails. A quantile is the digest's, kept inside the bin the exact
  counts put it in; its stated rank error (``rank_error_at``) is the smaller of the
  bin's share and the digest's bound.

Why not DataSketches' KLL: its compactions are randomised from a seed its Python
binding does not expose, so the same chunks merged twice give different quantiles
(1.5706 and 1.5693 for one model), and a Dask run could not give the local run's.

``StreamedLaw`` answers a distribution's questions (mean, stdev, quantiles, cdf) from
these merged summaries: the render layer reads a law's figures already (an untouched
constructor's exact ones), so a streamed binding prints as any other.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .dist import SUMMARY_QUANTILES
from .laws import Law, kde_pdf
from .stream_digest import Digest

__all__ = ["Moments", "Bins", "BINS", "DistSummary", "StreamedLaw", "bin_edges"]

BINS = 4096  # 3 ms a chunk of 131,072 samples (a sort); ~100 kB of counts and ends


def bin_edges(x: np.ndarray, bins: int = BINS) -> np.ndarray:
    """Edges of bins holding equal shares of ``x``'s finite samples (sample values,
    each once: a discrete distribution has fewer bins). A value picked more than once
    (a point mass, such as the 0 of ``if c then 0 else x``) gets a bin of its own, up
    to the next float, so its quantiles are exact."""
    f = np.sort(x[np.isfinite(x)])
    if f.size == 0:
        return np.empty(0)
    picks = np.round(np.linspace(0, f.size - 1, bins + 1)).astype(np.intp)
    values, times = np.unique(f[picks], return_counts=True)
    heavy = values[times > 1]
    return np.union1d(values, np.nextafter(heavy, np.inf))


class Moments:
    """Count, mean, M2 of the finite samples; NaN/+inf/-inf counts; min, max; how many
    samples are non-zero. ``of(array)`` makes one, ``merge`` adds another (Chan)."""

    __slots__ = ("n", "finite", "mean_", "m2", "nan", "pinf", "ninf", "lo", "hi", "nonzero",
                 "above_one")

    def __init__(self) -> None:
        self.n = self.finite = self.nan = self.pinf = self.ninf = 0
        self.nonzero = self.above_one = 0
        self.mean_ = self.m2 = 0.0
        self.lo, self.hi = math.inf, -math.inf

    @classmethod
    def of(cls, x: np.ndarray, above_one: bool = False) -> "Moments":
        """``above_one``: count the samples above 1 too (Takeoff.probFoom's figure)."""
        m = cls()
        m.n = int(x.shape[0])
        finite_mask = np.isfinite(x)
        if finite_mask.all():  # the common case: three counts fewer
            f = x
        else:
            f = x[finite_mask]
            m.nan = int(np.count_nonzero(np.isnan(x)))
            m.pinf = int(np.count_nonzero(x == math.inf))
            m.ninf = int(np.count_nonzero(x == -math.inf))
        m.finite = int(f.shape[0])
        m.nonzero = int(np.count_nonzero(x))  # NaN counts as non-zero, as numpy does
        if above_one:
            m.above_one = int(np.count_nonzero(x > 1))
        if m.finite:
            with np.errstate(all="ignore"):
                m.mean_ = float(np.mean(f))
                m.m2 = float(np.var(f)) * m.finite
            m.lo, m.hi = float(np.min(f)), float(np.max(f))
        return m

    def merge(self, other: "Moments") -> "Moments":
        """``self`` and ``other`` as one (in place; returns self)."""
        a, b = self.finite, other.finite
        if b:
            if a:
                total = a + b
                delta = other.mean_ - self.mean_
                self.mean_ += delta * b / total
                self.m2 += other.m2 + delta * delta * a * b / total
            else:
                self.mean_, self.m2 = other.mean_, other.m2
        self.n += other.n
        self.finite += b
        self.nan += other.nan
        self.pinf += other.pinf
        self.ninf += other.ninf
        self.nonzero += other.nonzero
        self.above_one += other.above_one
        self.lo, self.hi = min(self.lo, other.lo), max(self.hi, other.hi)
        return self

    # numpy's answers for the whole array, infinities and NaN included
    def mean(self) -> float:
        if self.nan or (self.pinf and self.ninf) or self.n == 0:
            return math.nan
        if self.pinf or self.ninf:
            return math.inf if self.pinf else -math.inf
        return self.mean_

    def variance(self) -> float:
        """As ``Dist.variance`` of samples: NaN with a NaN, infinite with an infinity."""
        if self.nan or self.n == 0:
            return math.nan
        if self.pinf or self.ninf:
            return math.inf
        return self.m2 / self.finite

    def minimum(self) -> float:
        if self.nan:
            return math.nan
        return -math.inf if self.ninf else (math.inf if self.finite == 0 else self.lo)

    def maximum(self) -> float:
        if self.nan:
            return math.nan
        return math.inf if self.pinf else (-math.inf if self.finite == 0 else self.hi)

    def to_data(self) -> tuple:
        return (self.n, self.finite, self.mean_, self.m2, self.nan, self.pinf, self.ninf,
                self.lo, self.hi, self.nonzero, self.above_one)

    @classmethod
    def from_data(cls, data: tuple) -> "Moments":
        m = cls()
        (m.n, m.finite, m.mean_, m.m2, m.nan, m.pinf, m.ninf, m.lo, m.hi, m.nonzero,
         m.above_one) = data
        return m


class Bins:
    """Exact counts of finite samples in the bins ``edges`` make: bin 0 below the first
    edge, bin j from edge j-1 (included) to edge j, the last from the last edge up;
    with each bin's smallest and largest sample (+inf and -inf when empty)."""

    __slots__ = ("edges", "counts", "lows", "highs")

    def __init__(self, edges, counts, lows, highs) -> None:
        self.edges, self.counts, self.lows, self.highs = edges, counts, lows, highs

    @classmethod
    def of(cls, x: np.ndarray, edges: np.ndarray) -> "Bins":
        return cls.of_sorted(np.sort(x[np.isfinite(x)]), edges)

    @classmethod
    def of_sorted(cls, s: np.ndarray, edges: np.ndarray) -> "Bins":
        """The bins of sorted finite samples ``s``."""
        bounds = np.concatenate(([0], np.searchsorted(s, edges, side="left"), [s.size]))
        counts = np.diff(bounds).astype(np.int64)
        full = counts > 0
        if s.size:
            lows = np.where(full, s[np.minimum(bounds[:-1], s.size - 1)], math.inf)
            highs = np.where(full, s[np.maximum(bounds[1:] - 1, 0)], -math.inf)
        else:
            lows, highs = np.full(counts.size, math.inf), np.full(counts.size, -math.inf)
        return cls(edges, counts, lows, highs)

    def merge(self, other: "Bins") -> "Bins":
        if not np.array_equal(self.edges, other.edges):
            raise ValueError("bins with different edges cannot merge")
        self.counts = self.counts + other.counts
        self.lows = np.minimum(self.lows, other.lows)
        self.highs = np.maximum(self.highs, other.highs)
        return self

    def to_data(self) -> tuple:
        return (self.edges, self.counts, self.lows, self.highs)

    @classmethod
    def from_data(cls, data: tuple) -> "Bins":
        return cls(*(np.asarray(a) for a in data))

    def locate(self, r: int) -> tuple[int, float, float]:
        """The bin of the r-th smallest finite sample (0-based), exactly: (its count,
        smallest and largest sample)."""
        j = int(np.searchsorted(np.cumsum(self.counts), r, side="right"))
        return int(self.counts[j]), float(self.lows[j]), float(self.highs[j])


class DistSummary:
    """A distribution's ``Moments``, ``Bins`` and ``Digest`` (``of`` a chunk's samples,
    ``merge`` with the next chunk's, ``to_data``/``from_data`` as plain data). A
    condition (0s and 1s) has no bins and no digest: its counts give its quantiles
    exactly."""

    __slots__ = ("moments", "bins", "digest")

    def __init__(self, moments: Moments, bins: Optional[Bins],
                 digest: Optional[Digest] = None) -> None:
        self.moments, self.bins, self.digest = moments, bins, digest

    @classmethod
    def of(cls, x: np.ndarray, edges: Optional[np.ndarray]) -> "DistSummary":
        if edges is None:
            return cls(Moments.of(x), None)
        s = np.sort(x[np.isfinite(x)])  # one sort for the bins and the digest
        return cls(Moments.of(x), Bins.of_sorted(s, edges), Digest.of_sorted(s))

    def merge(self, other: "DistSummary") -> "DistSummary":
        self.moments.merge(other.moments)
        if self.bins is not None:
            self.bins.merge(other.bins)
            self.digest.merge(other.digest)
        return self

    def to_data(self) -> tuple:
        if self.bins is None:
            return (self.moments.to_data(), None, None)
        return (self.moments.to_data(), self.bins.to_data(), self.digest.to_data())

    @classmethod
    def from_data(cls, data: tuple) -> "DistSummary":
        if data[1] is None:
            return cls(Moments.from_data(data[0]), None)
        return cls(Moments.from_data(data[0]), Bins.from_data(data[1]),
                   Digest.from_data(data[2]))

    @property
    def rank_error(self) -> float:
        """The largest stated error in rank (a share of the samples) of the summary's
        quantiles (5%, 25% ... 95%): ``rank_error_at`` of each."""
        return max(self.rank_error_at(p) for p in SUMMARY_QUANTILES)

    def rank_error_at(self, p: float) -> float:
        """The stated error in rank (a share of the samples) of ``quantile(p)``: for
        each of the two order statistics it interpolates between, 0 when its bin holds
        one value, else the smaller of the bin's share (exact counts) and the digest's
        bound (``Digest.rank_bound``; the bin's share alone when the digest's value
        fell outside the bin, as then the digest was off by more than its bound)."""
        n = self.moments.n
        if self.bins is None or n == 0:
            return 0.0
        lo = math.floor(p * (n - 1))
        return max(self._finite_bound(r) for r in {lo, min(lo + 1, n - 1)}) / n

    def _finite_bound(self, r: int) -> float:
        m = self.moments
        r -= m.ninf
        if not 0 <= r < m.finite:  # an infinity or NaN: counted exactly
            return 0.0
        count, lo, hi = self.bins.locate(r)
        if count <= 1 or lo == hi:
            return 0.0
        v = self._digest_at(r)
        if not lo <= v <= hi:
            return float(count)
        return min(float(count), self.digest.rank_bound(v))

    def _digest_at(self, r: int) -> float:
        f = self.moments.finite
        return self.digest.quantile(r / (f - 1)) if f > 1 else self.moments.lo

    def order_statistic(self, r: int) -> float:
        """The r-th smallest sample (0-based) as numpy sorts them: -inf, finite, +inf,
        NaN last. A finite one is the digest's, kept inside the bin whose exact counts
        hold it (that bin's one value, when it holds one)."""
        m = self.moments
        if self.bins is None:  # a condition: its 0s, then its 1s
            return 0.0 if r < m.n - m.nonzero else 1.0
        if r < m.ninf:
            return -math.inf
        r -= m.ninf
        if r < m.finite:
            count, lo, hi = self.bins.locate(r)
            if count <= 1 or lo == hi:
                return lo
            return min(max(self._digest_at(r), lo), hi)
        return math.inf if r - m.finite < m.pinf else math.nan

    def finite_at_or_below(self, x: float) -> float:
        """About how many finite samples are <= x: the bins wholly at or below x
        exactly, the bin x falls inside by the digest, kept within that bin's count."""
        return float(self.finite_at_or_below_many(np.array([x], dtype=np.float64))[0])

    def finite_at_or_below_many(self, xs: np.ndarray) -> np.ndarray:
        """``finite_at_or_below`` of each of ``xs`` (not NaN) at once: the bins are
        looked up for all of them together, the digest asked only at the points that
        fall inside a bin (one call a point, never a sample)."""
        xs = np.asarray(xs, dtype=np.float64)
        b = self.bins
        full = b.counts > 0  # the samples' bins: disjoint and in order, so a non-empty
        counts, lows, highs = b.counts[full], b.lows[full], b.highs[full]  # bin's ends rise
        total = np.concatenate(([0], np.cumsum(counts))).astype(np.float64)
        k = np.searchsorted(highs, xs, side="right")  # the bins wholly at or below x
        below = total[k]
        if not counts.size:
            return below
        j = np.minimum(k, counts.size - 1)
        inside = (k < counts.size) & (lows[j] <= xs)  # x within bin k (it ends above x)
        for i in np.flatnonzero(inside):
            below[i] = min(max(self.digest.below(float(xs[i])), below[i]),
                           below[i] + counts[j[i]])
        return below

    def count_bound_many(self, xs: np.ndarray) -> np.ndarray:
        """The stated error (in samples) of ``finite_at_or_below_many(xs)``: 0 where x
        falls inside no bin (exact counts), else the smaller of its bin's count and
        the digest's bound at x (``Digest.rank_bound``)."""
        xs = np.asarray(xs, dtype=np.float64)
        b = self.bins
        full = b.counts > 0
        counts, lows, highs = b.counts[full], b.lows[full], b.highs[full]
        out = np.zeros(xs.shape)
        if not counts.size:
            return out
        k = np.searchsorted(highs, xs, side="right")
        j = np.minimum(k, counts.size - 1)
        for i in np.flatnonzero((k < counts.size) & (lows[j] <= xs)):
            out[i] = min(float(counts[j[i]]), self.digest.rank_bound(float(xs[i])))
        return out

    def value_counts(self, values: np.ndarray) -> np.ndarray:
        """How many samples equal each of ``values`` (finite): exact where the value's
        bin holds that value alone (a point mass has a bin of its own, ``bin_edges``;
        every value of a discrete distribution the first chunk met does), NaN where
        its bin holds others too (the counts cannot tell)."""
        values = np.asarray(values, dtype=np.float64)
        b = self.bins
        j = np.searchsorted(b.edges, values, side="right")  # bin j: edge j-1 to edge j
        one = (b.lows[j] == b.highs[j]) | (b.counts[j] == 0)  # one value, or none
        return np.where(one, np.where(b.lows[j] == values, b.counts[j], 0), math.nan)

    def quantile(self, p: float) -> float:
        """As ``dsl.engine.laws.sample_quantiles``: linear interpolation between order
        statistics, an infinity where one is infinite."""
        return self._interpolate(p, 0, self.moments.n)

    def finite_quantile(self, p: float) -> float:
        """``quantile`` of the finite samples alone (a chart's range is theirs)."""
        return self._interpolate(p, self.moments.ninf, self.moments.finite)

    def _interpolate(self, p: float, first: int, n: int) -> float:
        """The p quantile of the ``n`` samples whose order statistics start at rank
        ``first``."""
        if n == 0:
            return math.nan
        pos = p * (n - 1)
        lo = math.floor(pos)
        a, b = (self.order_statistic(first + lo),
                self.order_statistic(first + min(lo + 1, n - 1)))
        frac = pos - lo
        if frac == 0 or a == b or math.isinf(a):
            return a
        if math.isinf(b):
            return b
        return a + (b - a) * frac


class StreamedLaw(Law):
    """A streamed binding's figures: mean and variance from the merged moments (exact up
    to rounding), a condition's probability from its exact count, quantiles and cdf
    from the merged bins and digest (within ``rank_error_at(p)``), a chart's bars and
    spikes from them too (``mass_between``, ``value_counts``), the density from
    the subsample the binding holds (its first chunk). ``streamed`` tells the exact-figure note
    (``dsl.engine.exact_note``) that these are the run's own samples' figures."""

    name = "streamed"
    streamed = True
    cheap = True  # summaries may ask for quantiles: the digest's and bins', no scipy

    def __init__(self, summary: DistSummary, subsample: np.ndarray,
                 boolean: bool = False) -> None:
        self.summary = summary
        self.subsample = subsample
        self.boolean = boolean

    @property
    def count(self) -> int:
        return self.summary.moments.n

    @property
    def rank_error(self) -> float:
        return self.summary.rank_error

    def rank_error_at(self, p: float) -> float:
        return self.summary.rank_error_at(p)

    def mean(self) -> float:
        m = self.summary.moments
        if self.boolean:  # exact: a count of the 1s
            return m.nonzero / m.n if m.n else math.nan
        return m.mean()

    def var(self) -> float:
        return self.summary.moments.variance()

    def ppf(self, p):
        if np.ndim(p) == 0:
            return self.summary.quantile(float(p))
        return np.array([self.summary.quantile(float(q)) for q in np.ravel(p)])

    @property
    def binned(self) -> bool:
        """Whether the summary has bins (a condition has counts alone): a chart of the
        distribution can then be drawn from all the samples (``mass_between``)."""
        return self.summary.bins is not None

    def cdf(self, x):
        if np.ndim(x) == 0:
            return float(self._cdf(np.array([float(x)]))[0])
        return self._cdf(np.ravel(np.asarray(x, dtype=np.float64)))

    def _cdf(self, x: np.ndarray) -> np.ndarray:
        """The share of the samples <= each x (a 1-d array), all at once."""
        m = self.summary.moments
        if self.summary.bins is None:  # a condition: exact from its counts
            zero = (m.n - m.nonzero) / m.n if m.n else math.nan
            return np.where(x < 0, 0.0, np.where(x >= 1, 1.0, zero))
        if m.n == 0:
            return np.full(x.shape, math.nan)
        ok = np.isfinite(x)
        finite = np.where(x == math.inf, float(m.finite), 0.0)
        finite[ok] = self.summary.finite_at_or_below_many(x[ok])
        out = (m.ninf + finite + np.where(x == math.inf, m.pinf, 0)) / m.n
        return np.where(np.isnan(x), math.nan, out)

    def mass_between(self, edges: np.ndarray) -> np.ndarray:
        """How many finite samples of the whole run fall in each bin the increasing
        ``edges`` make, as ``np.histogram`` bins them (each from its left edge, up to
        but not including its right one; the last includes both): differences of the
        merged count at or below each edge (exact at the 4,096 bins' ends, the
        digest's inside a bin, kept within the bin's exact count)."""
        edges = np.asarray(edges, dtype=np.float64)
        at = np.nextafter(edges, -math.inf)  # below a left edge: <= the float before it
        at[-1] = edges[-1]
        return np.diff(self.summary.finite_at_or_below_many(at))

    def finite_quantile(self, p: float) -> float:
        """The p quantile of the finite samples alone (a chart's range is theirs)."""
        return self.summary.finite_quantile(float(p))

    def mass_bound(self, edges: np.ndarray) -> np.ndarray:
        """The stated error (in samples) of each of ``mass_between(edges)``: the sum of
        its two ends' (``DistSummary.count_bound_many``; 0 at a bin's end)."""
        edges = np.asarray(edges, dtype=np.float64)
        at = np.nextafter(edges, -math.inf)
        at[-1] = edges[-1]
        ends = self.summary.count_bound_many(at)
        return ends[:-1] + ends[1:]

    def value_counts(self, values: np.ndarray,
                     ordered: Optional[np.ndarray] = None) -> np.ndarray:
        """How many of the run's samples equal each of ``values`` (finite, in order):
        exact where a value's bin holds it alone (``DistSummary.value_counts``: a
        point mass, each value of a discrete distribution the first chunk met once
        bins were made); else the bin's merged count shared as the first chunk shares
        it (``ordered``: the first chunk's finite samples in order, sorted here when
        not given), as several light values of a discrete tail share a bin."""
        values = np.asarray(values, dtype=np.float64)
        got = self.summary.value_counts(values)
        unknown = np.isnan(got)
        if unknown.any():
            if ordered is None:
                ordered = np.sort(self.subsample[np.isfinite(self.subsample)])
            b, v = self.summary.bins, values[unknown]
            j = np.searchsorted(b.edges, v, side="right")
            first_bin = Bins.of_sorted(ordered, b.edges).counts[j]
            first_v = (np.searchsorted(ordered, v, side="right") -
                       np.searchsorted(ordered, v, side="left"))
            got[unknown] = b.counts[j] * first_v / np.maximum(first_bin, 1)
        return got

    def pdf(self, x):
        return kde_pdf(self.subsample, x)

    def errors(self, ps) -> dict:
        """The Monte Carlo standard errors of the figures (``dsl.engine.mc_error``'s
        ``dist_errors``), over all the run's samples: a probability's and a mean's from
        the merged counts and moments; a stdev's by the delta method on the first
        chunk, scaled to the whole count; a quantile's from the merged bins, widened
        by their stated rank error (the sketch's own inexactness)."""
        from .mc_error import probability_se, stdev_se
        m = self.summary.moments
        n = m.n
        if self.boolean:
            p = self.mean()
            return {"mean": probability_se(p, n), "events": m.nonzero, "samples": n}
        finite = m.finite == n
        sd = math.sqrt(self.var()) if finite else math.nan
        out = {"mean": sd / math.sqrt(n) if finite and n else math.nan}
        first = self.subsample.shape[0]
        out["stdev"] = (stdev_se(self.subsample) * math.sqrt(first / n)
                        if finite and first >= 2 else math.nan)
        out["quantiles"] = [self.quantile_se(float(p)) for p in ps]
        return out

    def quantile_se(self, p: float) -> float:
        """Half the width between the quantiles one binomial sd of rank either side of
        p, and of the stated rank error either side, combined."""
        n, e = self.summary.moments.n, self.summary.rank_error_at(p)
        s = math.sqrt(p * (1 - p) / n) if n else math.nan
        q = self.summary.quantile
        with np.errstate(invalid="ignore"):
            stat = (q(min(p + s, 1.0)) - q(max(p - s, 0.0))) / 2
            bins = (q(min(p + e, 1.0)) - q(max(p - e, 0.0))) / 2
        se = math.hypot(stat, bins)
        return se if math.isfinite(se) else math.nan
