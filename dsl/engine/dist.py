"""Dist: a distribution as a read-only float64 array of samples, plus the exact law of
an untouched constructor.

Arithmetic on distributions is element-wise on the sample arrays, so a distribution
used twice is perfectly correlated with itself (``x - x`` is exactly 0). Statistics
come from the exact law when one is known (``mean(normal(0, 1))`` is exactly 0) and
from the samples otherwise (quantiles by linear interpolation, as Squiggle).
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from ..base import python_hooks
from .laws import Law, sample_quantiles
from ..base.steps import bounded, linear_seconds, sort_seconds
from .tags import NO_TAGS
from .values import Number, Value, json_number, with_format

__all__ = ["Dist", "SUMMARY_QUANTILES", "sample_quantiles", "law_text"]

SUMMARY_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def law_text(law: Law) -> str:
    """An exact law as ``normal(mean=0, stdev=1)``: its name, and its parameters where
    they are known (a Sym.* law's ``params``; else the numbers its scipy constructor
    closes over, read from the closure, never called: no scipy import for a repr)."""
    params = getattr(law, "params", None)
    if not isinstance(params, dict):
        make = getattr(law, "_make", None)
        cells = getattr(make, "__closure__", None) or ()
        names = getattr(getattr(make, "__code__", None), "co_freevars", ())
        params = {n: c.cell_contents for n, c in zip(names, cells)
                  if isinstance(c.cell_contents, (int, float)) and
                  not isinstance(c.cell_contents, bool)}
    name = getattr(law, "family", None) or getattr(law, "name", type(law).__name__)
    if not params:
        return str(name)
    return f"{name}({', '.join(f'{k}={float(v):.6g}' for k, v in params.items())})"


class Dist(Value):
    """A distribution: ``samples`` (read-only float64 array) and, for an untouched
    constructor, its exact ``law``."""

    __slots__ = ("samples", "law", "fresh", "boolean", "_sorted")
    type_name = "Distribution"

    def __init__(self, samples: np.ndarray, law: Optional[Law] = None) -> None:
        self.samples = samples
        self.law = law
        # True for a reordering of other inputs (correlate): sensitivity analysis then
        # treats it as an input of its own rather than a function of its sources
        self.fresh = False
        # True for a condition (a comparison's 0/1 result, or a bernoulli): its mean is a
        # probability, and `if` may select with it
        self.boolean = False
        self._sorted: Optional[np.ndarray] = None

    @classmethod
    def from_samples(cls, samples, law: Optional[Law] = None) -> "Dist":
        """Wrap an array (made float64 and read-only; not copied when it already is)."""
        arr = np.asarray(samples, dtype=np.float64)
        if arr.ndim != 1:
            arr = arr.reshape(-1)
        if arr.flags.writeable:
            arr.flags.writeable = False
        return cls(arr, law)

    def __len__(self) -> int:
        return self.samples.shape[0]

    # ---- statistics: exact when the law is known ----

    @property
    def is_indicator(self) -> bool:
        """True for a condition: a comparison's 0/1 result or a bernoulli. Its mean is a
        probability. (A distribution that merely happens to be 0, like x - x, is not.)"""
        return self.boolean

    @classmethod
    def condition(cls, mask: np.ndarray) -> "Dist":
        """A condition from a boolean (or 0/1) array."""
        made = cls.from_samples(np.asarray(mask, dtype=np.float64))
        made.boolean = True
        return made

    def mean(self, axis=None, dtype=None, out=None, **kwargs) -> float:
        """The mean: the law's when known, else the samples'. (``np.mean(d)`` calls
        this; numpy's other arguments are applied to the samples.)"""
        if axis is not None or dtype is not None or out is not None or kwargs:
            return np.mean(self.samples, axis=axis, dtype=dtype, out=out, **kwargs)
        if self.law is not None:
            try:
                return self.law.mean()
            except (OverflowError, ZeroDivisionError, FloatingPointError, ValueError):
                pass  # an integral scipy cannot do (truncate(cauchy(0, 1), 1e300, 1e308):
                # OverflowError from boost's quantile): the samples' mean
        with np.errstate(all="ignore"):
            return float(np.mean(self.samples))

    def variance(self) -> float:
        """Population variance (divides by N, as Squiggle)."""
        if self.law is not None:
            try:
                var = self.law.var()
                if not var < 0:  # scipy's quadrature can cancel below 0 (truncateLeft(
                    return var   # normal(1e20, 1), 0): -1.6e24): then the samples'
            except (OverflowError, ZeroDivisionError, FloatingPointError, ValueError):
                pass  # as in mean: the samples' variance
        s = self.samples
        if not np.isfinite(s).all():
            return math.nan if np.isnan(s).any() else math.inf
        return float(np.var(s))

    def stdev(self) -> float:
        var = self.variance()
        return math.sqrt(var) if var == var else math.nan

    def quantile(self, p):
        """The p-quantile; p a number or an array of numbers in [0, 1]."""
        if self.law is not None:
            return self.law.ppf(p)
        out = self._sample_quantiles(p)
        return float(out[0]) if np.ndim(p) == 0 else out

    def cdf(self, x):
        """P(X <= x); x a number or an array."""
        if self.law is not None:
            return self.law.cdf(x)
        if np.ndim(x) == 0:  # one count is cheaper than a sort
            return float(np.count_nonzero(self.samples <= x)) / len(self)
        return np.searchsorted(self.sorted(), x, side="right") / len(self)

    def prob(self) -> float:
        """For a 0/1 distribution (a condition such as ``x > 1``): the probability it
        holds."""
        if not self.is_indicator:
            from ..base.errors import DomainError
            raise DomainError("prob() is for conditions (distributions of 0s and 1s); use "
                              "mean() for an expected value")
        return self.mean()

    def _sample_quantiles(self, ps) -> np.ndarray:
        if self._sorted is not None:  # already sorted for a cdf: free
            return sample_quantiles(self._sorted, ps, presorted=True)
        return sample_quantiles(self.samples, ps)

    def sorted(self) -> np.ndarray:
        """The samples in increasing order (computed once)."""
        if self._sorted is None:
            self._sorted = bounded(lambda: np.sort(self.samples), sort_seconds(len(self)),
                                   "sorting the samples")
            self._sorted.flags.writeable = False
        return self._sorted

    # ---- Value protocol ----

    def stats(self) -> tuple[float, float, np.ndarray]:
        """Mean, stdev and the SUMMARY_QUANTILES: exact when the law is known, and
        defined with infinite samples (an infinite mean makes the stdev infinite)."""
        ps = np.array(SUMMARY_QUANTILES)
        with np.errstate(all="ignore"):
            mean = self.mean()
            stdev = math.inf if math.isinf(mean) else self.stdev()
            if self.law is None or getattr(self.law, "cheap", True):
                qs = self.quantile(ps)
            else:  # exact quantiles would import scipy: a second, for no visible gain
                qs = self._sample_quantiles(ps)
        return mean, stdev, np.atleast_1d(np.asarray(qs, dtype=np.float64))

    def summary(self) -> dict:
        # passes over every sample and a sort (0.3 s at 1e7, seconds under load): under
        # the clock of the run or of Result.summary(), which reads it only between steps
        mean, stdev, qs = bounded(self.stats, 3 * linear_seconds(len(self)) +
                                  sort_seconds(len(self)), "the summary of a distribution")
        out = {"type": "dist", "mean": json_number(mean), "stdev": json_number(stdev),
               "quantiles": {str(p): json_number(q) for p, q in zip(SUMMARY_QUANTILES, qs)}}
        # each figure's Monte Carlo standard error (0: exact), and a condition's events
        from .mc_error import dist_errors, errors_json
        errors = bounded(lambda: dist_errors(self, SUMMARY_QUANTILES),
                         3 * linear_seconds(len(self)) + sort_seconds(len(self)),
                         "the standard errors of a distribution")
        out["se"] = errors_json(errors, SUMMARY_QUANTILES)
        if "events" in errors:
            out["events"], out["samples"] = errors["events"], errors["samples"]
        return out if self.tags is NO_TAGS else with_format(out, self.tags)

    def describe(self) -> str:
        """One line: the probability of a 0/1 distribution, else mean and 90% interval."""
        from ..base.figures import format_number
        if self.is_indicator:
            return self._probability_text()
        lo, hi = np.atleast_1d(self.quantile(np.array([0.05, 0.95])))
        return (f"mean {format_number(self.mean())}, 90% CI {format_number(float(lo))} "
                f"to {format_number(float(hi))}")

    def _probability_text(self) -> str:
        """``P = 0.0838``, ``P < 0.03 (0 of 100 samples)``: a condition's probability to
        the digits its Monte Carlo error supports (exact for a bernoulli's law)."""
        from ..base.figures import format_number
        p = self.mean()
        if self.law is not None:
            return f"P = {format_number(p, 4)}"
        from .mc_error import probability_text
        text = probability_text(p, int(np.count_nonzero(self.samples)), len(self),
                                format_number)
        return "P " + text if text[0] in "<>" else "P = " + text

    def to_python(self) -> np.ndarray:
        return self.samples

    def __repr__(self) -> str:
        """``Dist(normal(0, 1); mean 0.0012, 90% CI -1.64 to 1.65; n=100000)``: the exact
        law's name and parameters when there is one, mean and 90% interval (a
        condition: its probability), and the sample count."""
        from ..base.figures import format_number
        law = f"{law_text(self.law)}; " if self.law is not None else ""
        if self.is_indicator:
            what = self._probability_text()
        else:
            lo, hi = np.atleast_1d(self.quantile(np.array([0.05, 0.95])))
            what = (f"mean {format_number(self.mean())}, 90% CI {format_number(float(lo))} "
                    f"to {format_number(float(hi))}")
        return f"Dist({law}{what}; n={len(self)})"

    # ---- Python and numpy protocols (docs: README "From Python") ----
    # Operators and ufuncs mean what the language's do: they call its builtins through
    # the ``operate`` hook (``dsl.engine.python_ops``, installed by ``import dsl``). ``==``
    # gives a condition, as in the language and numpy, so a Dist is unhashable, like an
    # ndarray (the engine keys nothing by a Dist; containers compare them by identity:
    # ``identity_equal``), and its truth is an error, not "has samples".

    identity_equal = True
    __hash__ = None  # type: ignore[assignment]

    def __bool__(self) -> bool:
        raise TypeError("the truth of a distribution is ambiguous: use (d > 0).prob() for "
                        "a probability, or d.mean()")

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        """The samples (read-only; a copy when ``copy`` or another ``dtype`` asks;
        numpy 2's ``copy=False`` with another dtype is a ValueError, as for an array)."""
        if (dtype is None or np.dtype(dtype) == self.samples.dtype) and not copy:
            return self.samples
        if copy is False:
            raise ValueError(f"a distribution's float64 samples cannot be {dtype} without "
                             "a copy")
        return np.array(self.samples, dtype=dtype, copy=True)

    def __array_ufunc__(self, uf, method, *inputs, **kwargs):
        return python_hooks.call("ufunc", uf, method, inputs, kwargs)

    def __iter__(self):
        return iter(self.samples)

    def __getitem__(self, index):
        """A sample, or an array of them (``d[:10]``)."""
        return self.samples[index]

    def _op(self, name: str, *args):
        return python_hooks.call("operate", name, args)

    def __add__(self, other): return self._op("add", self, other)
    def __radd__(self, other): return self._op("add", other, self)
    def __sub__(self, other): return self._op("subtract", self, other)
    def __rsub__(self, other): return self._op("subtract", other, self)
    def __mul__(self, other): return self._op("multiply", self, other)
    def __rmul__(self, other): return self._op("multiply", other, self)
    def __truediv__(self, other): return self._op("divide", self, other)
    def __rtruediv__(self, other): return self._op("divide", other, self)
    def __pow__(self, other): return self._op("pow", self, other)
    def __rpow__(self, other): return self._op("pow", other, self)
    def __mod__(self, other): return self._op("Number.mod", self, other)
    def __rmod__(self, other): return self._op("Number.mod", other, self)
    def __neg__(self): return self._op("unaryMinus", self)
    def __pos__(self): return self
    def __abs__(self): return self._op("Number.abs", self)
    def __lt__(self, other): return self._op("smaller", self, other)
    def __le__(self, other): return self._op("smallerEq", self, other)
    def __gt__(self, other): return self._op("larger", self, other)
    def __ge__(self, other): return self._op("largerEq", self, other)
    def __and__(self, other): return self._op("and", self, other)
    def __rand__(self, other): return self._op("and", other, self)
    def __or__(self, other): return self._op("or", self, other)
    def __ror__(self, other): return self._op("or", other, self)
    def __invert__(self): return self._op("not", self)

    def __eq__(self, other):  # type: ignore[override]
        """A condition, sample by sample (``x == y`` in the language), against a number
        or a distribution; against any other value, not equal (the language's
        ``equal`` of two such values asks ``==`` itself: it must not come back here)."""
        if isinstance(other, Value) and not isinstance(other, (Dist, Number)):
            return NotImplemented
        return self._op("equal", self, other)

    def __ne__(self, other):  # type: ignore[override]
        if isinstance(other, Value) and not isinstance(other, (Dist, Number)):
            return NotImplemented
        return self._op("unequal", self, other)

    def std(self, axis=None, dtype=None, out=None, ddof=0, **kwargs) -> float:
        """``np.std(d)``: the stdev (exact when the law is known); with other numpy
        arguments, numpy's on the samples."""
        if axis is None and dtype is None and out is None and ddof == 0 and not kwargs:
            return self.stdev()
        return np.std(self.samples, axis=axis, dtype=dtype, out=out, ddof=ddof, **kwargs)

    def var(self, axis=None, dtype=None, out=None, ddof=0, **kwargs) -> float:
        """``np.var(d)``: the variance (exact when the law is known)."""
        if axis is None and dtype is None and out is None and ddof == 0 and not kwargs:
            return self.variance()
        return np.var(self.samples, axis=axis, dtype=dtype, out=out, ddof=ddof, **kwargs)

    def plot(self, ax=None, kind: str = "hist", **options):
        """Draw with matplotlib (``pip install "sqdsl[plot]"``): ``kind`` "hist" or
        "cdf", on the render layer's axis rule (a log x axis where the text and SVG
        charts have one). Returns the Axes."""
        return python_hooks.call("plot", self, ax, kind, options)
