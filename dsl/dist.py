"""Dist: a distribution as a read-only float64 array of samples, plus the exact law of
an untouched constructor.

Arithmetic on distributions is element-wise on the sample arrays, so a distribution
used twice is perfectly correlated with itself (``x - x`` is exactly 0). Statistics
come from the exact law when one is known (``mean(normal(0, 1))`` is exactly 0) and
from the samples otherwise (quantiles by linear interpolation, as Squiggle).
"""
from __future__ import annotations

import math
from typing import Any, Callable, Optional

import numpy as np

from .values import Value, json_number

__all__ = ["Dist", "Law", "SUMMARY_QUANTILES"]

SUMMARY_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


class Law:
    """The exact law of a constructor: a scipy.stats distribution, built on first use
    so that programs which never ask for exact answers never import scipy."""

    __slots__ = ("name", "_make", "_frozen")

    def __init__(self, name: str, make: Callable[[], Any]) -> None:
        self.name = name
        self._make = make
        self._frozen = None

    @property
    def frozen(self):
        """The frozen ``scipy.stats`` distribution."""
        if self._frozen is None:
            self._frozen = self._make()
        return self._frozen

    def __repr__(self) -> str:
        return f"Law({self.name})"


class Dist(Value):
    """A distribution: ``samples`` (read-only float64 array) and, for an untouched
    constructor, its exact ``law``."""

    __slots__ = ("samples", "law", "_sorted")
    type_name = "Distribution"

    def __init__(self, samples: np.ndarray, law: Optional[Law] = None) -> None:
        self.samples = samples
        self.law = law
        self._sorted: Optional[np.ndarray] = None

    @classmethod
    def from_samples(cls, samples, law: Optional[Law] = None) -> "Dist":
        """Wrap an array (made float64 and read-only; not copied when it already is)."""
        arr = np.asarray(samples, dtype=np.float64)
        if arr.flags.writeable:
            arr.flags.writeable = False
        return cls(arr, law)

    # ---- statistics ----

    def __len__(self) -> int:
        return self.samples.shape[0]

    @property
    def is_indicator(self) -> bool:
        """True for a 0/1 distribution (a comparison's result): its mean is a probability."""
        s = self.samples
        return bool(np.all((s == 0) | (s == 1)))

    def mean(self) -> float:
        if self.law is not None:
            return float(self.law.frozen.mean())
        with np.errstate(all="ignore"):
            return float(np.mean(self.samples))

    def variance(self) -> float:
        """Population variance (divides by N, as Squiggle)."""
        if self.law is not None:
            return float(self.law.frozen.var())
        s = self.samples
        if not np.all(np.isfinite(s)):
            return math.inf if not np.any(np.isnan(s)) else math.nan
        return float(np.var(s))

    def stdev(self) -> float:
        return math.sqrt(self.variance()) if not math.isnan(self.variance()) else math.nan

    def sorted(self) -> np.ndarray:
        """The samples in increasing order (computed once)."""
        if self._sorted is None:
            self._sorted = np.sort(self.samples)
            self._sorted.flags.writeable = False
        return self._sorted

    def quantile(self, p):
        """The p-quantile (p a number or array in [0, 1])."""
        if self.law is not None:
            return self.law.frozen.ppf(p)
        return np.quantile(self.samples, p)

    def cdf(self, x):
        """P(X <= x)."""
        if self.law is not None:
            return self.law.frozen.cdf(x)
        return np.searchsorted(self.sorted(), x, side="right") / len(self)

    def sample_quantiles(self, ps=SUMMARY_QUANTILES) -> np.ndarray:
        """Quantiles from the samples (linear interpolation), whatever the law."""
        return np.quantile(self.samples, ps)

    # ---- Value protocol ----

    def summary(self) -> dict:
        mean = self.mean()
        stdev = self.stdev()
        if math.isinf(mean):
            stdev = math.inf
        qs = self.quantile(np.array(SUMMARY_QUANTILES))
        return {"type": "dist", "mean": json_number(mean), "stdev": json_number(stdev),
                "quantiles": {str(p): json_number(q) for p, q in zip(SUMMARY_QUANTILES, qs)}}

    def describe(self) -> str:
        """One line: mean and 90% interval."""
        from .display import format_number
        if self.is_indicator:
            return f"P = {format_number(self.mean(), 4)}"
        lo, hi = self.quantile(np.array([0.05, 0.95]))
        return (f"mean {format_number(self.mean())}, 90% CI {format_number(float(lo))} "
                f"to {format_number(float(hi))}")

    def to_python(self) -> np.ndarray:
        return self.samples

    def __repr__(self) -> str:
        return f"Dist(n={len(self)}, law={self.law})"
