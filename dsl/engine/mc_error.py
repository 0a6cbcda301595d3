"""Monte Carlo standard errors of the figures a run reports, and the digits they allow.

A figure computed from n samples is an estimate; its standard error (se) says how far
it may be from what infinitely many samples would give:

- a mean: sd / sqrt(n), sd the samples' standard deviation;
- a stdev: by the delta method, sqrt(m4 - var^2) / (2 sd sqrt(n)), m4 the fourth
  central moment (the estimate is as unstable as m4 on a heavy tail);
- a p-quantile: from order statistics, without assuming a shape. The number of samples
  below the true quantile is Binomial(n, p), whose standard deviation is
  sqrt(n p (1 - p)) ranks; the sample quantiles at p - s and p + s, with
  s = sqrt(p (1 - p) / n), bound the ~68% order-statistic interval, and the se is half
  its width: (Q(p + s) - Q(p - s)) / 2 (linear interpolation between order statistics,
  as the quantiles themselves);
- a probability p of a condition, from k events in n samples: sqrt(p (1 - p) / n).
  With fewer than ``FEW`` events (or non-events) the text also says "k of n samples",
  and with none the 95% one-sided Clopper-Pearson bound is given instead of a value:
  P < 1 - 0.05^(1/n) (about 3/n, the "rule of three"); with all, P > 0.05^(1/n).

An exact figure (an untouched constructor's law: ``mean(normal(0, 1))``) has se 0.
``Estimate`` is a number that remembers its se: what ``mean``, ``prob``, ``quantile``,
``median`` and ``cdf`` return when they read samples. Everything here works on whole
arrays (one sort, or a partition, per distribution); none of it imports ``Dist``
(``dsl.engine.dist`` calls it).
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .laws import sample_quantiles
from .values import Number, json_number

__all__ = ["FEW", "CONFIDENCE", "Estimate", "mean_se", "stdev_se", "quantile_se",
           "probability_se", "events_of", "no_event_bound", "all_events_bound",
           "few_events", "dist_errors", "estimate_mean", "estimate_quantile",
           "estimate_probability", "supported_digits", "rounded", "shown",
           "probability_text", "estimate_text", "errors_json", "robust_spread", "Z90",
           "tail_dominated", "TAIL", "TAIL_NOTE", "condition_counts"]

FEW = 10            # fewer events (or non-events) than this: say how many
CONFIDENCE = 0.95   # of the one-sided bound given when there is no event
Z90 = 1.6448536269514722  # a normal's 95th percentile: its 90% interval is +-Z90 sd


# ---- standard errors ----

def mean_se(samples: np.ndarray) -> float:
    """sd / sqrt(n) of the samples' mean (NaN when a sample is not finite)."""
    n = samples.shape[0]
    if n == 0:
        return math.nan
    with np.errstate(all="ignore"):
        sd = float(np.std(samples))
    return sd / math.sqrt(n) if math.isfinite(sd) else math.nan


def stdev_se(samples: np.ndarray) -> float:
    """The delta-method se of the samples' standard deviation (NaN when a sample is
    not finite or all are equal: then 0)."""
    n = samples.shape[0]
    if n < 2:
        return math.nan
    var, m4, _ = _moments(samples, fourth=True)
    return _stdev_se(var, m4, n)


def _stdev_se(var: float, m4: float, n: int) -> float:
    """sqrt(m4 - var^2) / (2 sd sqrt(n)), 0 for equal samples, NaN when undefined."""
    if not (math.isfinite(var) and math.isfinite(m4)) or n < 2:
        return math.nan
    if var <= 0:
        return 0.0
    return math.sqrt(max(0.0, m4 - var * var)) / (2 * math.sqrt(var) * math.sqrt(n))


def _offsets(ps: np.ndarray, n: int) -> np.ndarray:
    """s = sqrt(p (1 - p) / n): one binomial standard deviation of ranks, over n."""
    return np.sqrt(ps * (1 - ps) / n)


def quantile_se(samples: np.ndarray, ps, presorted: bool = False) -> np.ndarray:
    """The se of each sample p-quantile: half the width between the sample quantiles at
    p -+ sqrt(p (1 - p) / n) (clipped to [0, 1]). NaN where that interval reaches an
    infinite sample. ``presorted``: ``samples`` are in increasing order."""
    ps = np.atleast_1d(np.asarray(ps, dtype=float))
    n = samples.shape[0]
    s = _offsets(ps, n)
    bounds = np.concatenate([np.clip(ps - s, 0, 1), np.clip(ps + s, 0, 1)])
    values = sample_quantiles(samples, bounds, presorted=presorted)
    lo, hi = values[:ps.size], values[ps.size:]
    with np.errstate(invalid="ignore"):
        half = (hi - lo) / 2
    return np.where(np.isfinite(half), half, math.nan)


def probability_se(p: float, n: int) -> float:
    """sqrt(p (1 - p) / n): 0 with no event or with all (see ``no_event_bound``)."""
    if n <= 0 or not 0 <= p <= 1:
        return math.nan
    return math.sqrt(p * (1 - p) / n)


def condition_counts(dist) -> Optional[tuple[int, int]]:
    """(events, samples) a condition's probability is counted from: its samples', a
    streamed run's over all the chunks (its law's merged counts); None for an exact
    law's (a bernoulli's: nothing to count)."""
    law = dist.law
    if law is None:
        return int(np.count_nonzero(dist.samples)), len(dist.samples)
    if getattr(law, "streamed", False):
        errors = law.errors(())
        return int(errors["events"]), int(errors["samples"])
    return None


def events_of(p: float, n: int) -> int:
    """The number of samples where a condition of probability ``p`` (a sample mean of
    0s and 1s) held."""
    return int(round(p * n))


def no_event_bound(n: int) -> float:
    """The one-sided 95% Clopper-Pearson upper bound of a probability seen in none of
    ``n`` samples: 1 - 0.05^(1/n), about 3/n (the rule of three)."""
    return -math.expm1(math.log(1 - CONFIDENCE) / n)


def all_events_bound(n: int) -> float:
    """The one-sided 95% lower bound of a probability seen in all ``n`` samples."""
    return 1.0 - no_event_bound(n)


def few_events(k: int, n: int) -> bool:
    """True when the events (or the non-events) are too few for the se alone to say
    how well the probability is known."""
    return k < FEW or n - k < FEW


TAIL = 0.5  # 0.1% of the samples making more than this of the variance: a heavy tail
TAIL_NOTE = ("the standard errors of the mean and stdev are unreliable: 0.1% of the "
             "samples make most of the variance (a heavy tail); the quantiles' hold")


def tail_dominated(samples: np.ndarray) -> bool:
    """True when the 0.1% of the samples farthest from the mean (at least one) make more
    than half the sum of squared deviations: then the variance, and with it the se of
    the mean and of the stdev, is whatever those few samples say (the test
    ``sensitivity`` makes before showing variance shares, stdlib/sensitivity.py)."""
    return _moments(samples)[2]


def _moments(samples: np.ndarray, fourth: bool = False) -> tuple:
    """(variance, fourth central moment or NaN, tail_dominated), from one array of
    squared deviations; the tail's selection is skipped when even k times the largest
    square cannot make half the sum (a light tail: the usual case)."""
    n = samples.shape[0]
    if n == 0:
        return math.nan, math.nan, False
    with np.errstate(all="ignore"):
        squares = samples - np.mean(samples)
        squares *= squares
        total = float(np.sum(squares))
        m4 = float(np.dot(squares, squares)) / n if fourth else math.nan
    if not math.isfinite(total):
        return math.nan, math.nan, True
    k = max(1, n // 1000)
    if total == 0 or n < 2 or k * float(np.max(squares)) <= TAIL * total:
        return total / n, m4, False
    top = np.partition(squares, n - k)[n - k:]
    return total / n, m4, float(np.sum(top)) > TAIL * total


def robust_spread(q05: float, q95: float) -> float:
    """A scale for figures near 0: the 90% interval's width over 2 Z90 (a normal's
    standard deviation), which every distribution has, whatever its tails."""
    return (q95 - q05) / (2 * Z90)


# ---- the figures of a distribution's summary ----

_SUMMARY = (0.05, 0.25, 0.5, 0.75, 0.95)


def dist_errors(dist, ps=_SUMMARY) -> dict:
    """The se of each figure ``dist.summary()`` reports: ``{"mean": x, "stdev": x,
    "quantiles": [x per p in ps]}``, 0 for a figure its exact law gives (as
    ``Dist.stats`` decides), NaN where it is undefined (a non-finite figure), and
    ``"unreliable": ["mean", "stdev"]`` when a heavy tail makes those two
    (``tail_dominated``). A condition adds ``"events"`` (k) and ``"samples"`` (n)."""
    x = dist.samples
    n = x.shape[0]
    law = dist.law
    if getattr(law, "errors", None) is not None:  # a streamed run's merged figures
        return law.errors(ps)                      # (dsl.engine.stream_summary)
    out: dict = {}
    if dist.is_indicator:
        p = float(dist.mean())
        out["mean"] = 0.0 if law is not None else probability_se(p, n)
        out["events"] = events_of(p, n)
        out["samples"] = n
        return out
    finite = bool(np.isfinite(x).all())
    exact_mean = law is not None and _exact(law.mean)
    exact_var = law is not None and _exact(law.var)
    exact_quantiles = law is not None and getattr(law, "cheap", True)
    out["mean"] = out["stdev"] = math.nan  # a non-finite sample: undefined
    tail = False
    if finite and not (exact_mean and exact_var):  # one pass of squares for all three
        var, m4, tail = _moments(x, fourth=not exact_var)
        out["mean"] = math.sqrt(var / n)
        out["stdev"] = _stdev_se(var, m4, n)
    if exact_mean:
        out["mean"] = 0.0
    if exact_var:
        out["stdev"] = 0.0
    unreliable = [k for k, exact in (("mean", exact_mean), ("stdev", exact_var))
                  if not exact]
    if unreliable and tail:
        out["unreliable"] = unreliable
    if exact_quantiles:
        out["quantiles"] = [0.0] * len(ps)
    else:
        sorted_ = getattr(dist, "_sorted", None)
        se = (quantile_se(sorted_, ps, presorted=True) if sorted_ is not None
              else quantile_se(x, ps))
        out["quantiles"] = [float(v) for v in se]
    return out


def _exact(figure) -> bool:
    """True when an exact law gives this figure (as ``Dist.mean``/``variance`` decide:
    they fall back to the samples when scipy cannot integrate)."""
    try:
        value = figure()
    except (OverflowError, ZeroDivisionError, FloatingPointError, ValueError):
        return False
    return not (isinstance(value, float) and value < 0)


def errors_json(errors: dict, ps=_SUMMARY) -> dict:
    """``dist_errors`` as the ``"se"`` of a JSON VALUE: ``{"mean", "stdev",
    "quantiles": {"0.05": x, ...}}`` (a condition: ``{"mean"}``)."""
    out = {"mean": json_number(errors["mean"])}
    if "stdev" in errors:
        out["stdev"] = json_number(errors["stdev"])
    if "quantiles" in errors:
        out["quantiles"] = {str(p): json_number(v) for p, v in zip(ps, errors["quantiles"])}
    if "unreliable" in errors:
        out["unreliable"] = list(errors["unreliable"])
    return out


# ---- numbers that remember their error ----

class Estimate(Number):
    """A number estimated from samples: ``se`` its standard error; ``kind`` "mean",
    "quantile" or "probability"; ``scale`` what a figure near 0 is measured against
    (the distribution's spread); for a probability ``events`` of ``count`` samples.
    Arithmetic on it gives a plain Number (the error is not carried)."""

    __slots__ = ("se", "kind", "scale", "events", "count", "unreliable")

    def __init__(self, value: float, se: float, kind: str, scale: float = math.nan,
                 events: Optional[int] = None, count: Optional[int] = None,
                 unreliable: bool = False) -> None:
        super().__init__(value)
        self.se = float(se)
        self.kind = kind
        self.scale = float(scale)
        self.events = events
        self.count = count
        # a mean whose se a heavy tail makes unreliable (``tail_dominated``)
        self.unreliable = unreliable

    def summary(self) -> dict:
        """The number's VALUE with ``"se"`` (and a probability's ``"events"`` and
        ``"samples"``; ``"unreliable": true`` for a mean of a heavy tail)."""
        out = super().summary()
        out["se"] = json_number(self.se)
        if self.unreliable:
            out["unreliable"] = True
        if self.events is not None:
            out["events"] = self.events
            out["samples"] = self.count
        return out

    def __repr__(self) -> str:
        return f"Estimate({self.value!r}, se={self.se:.3g})"


def estimate_mean(samples: np.ndarray) -> Estimate:
    """The samples' mean with its se; its scale for a mean near 0 is their standard
    deviation."""
    n = samples.shape[0]
    with np.errstate(all="ignore"):
        mean = float(np.mean(samples))
    var, _, tail = _moments(samples)
    sd = math.sqrt(var) if var >= 0 else math.nan
    se = sd / math.sqrt(n) if math.isfinite(sd) else math.nan
    return Estimate(mean, se, "mean", scale=sd, unreliable=math.isfinite(sd) and tail)


def estimate_probability(p: float, n: int) -> Estimate:
    """A condition's probability, seen in ``events_of(p, n)`` of ``n`` samples."""
    return Estimate(p, probability_se(p, n), "probability", scale=p,
                    events=events_of(p, n), count=n)


def estimate_quantile(samples: np.ndarray, p: float, value: float,
                      presorted: bool = False) -> Estimate:
    """The sample ``p``-quantile ``value`` with its order-statistic se; its scale for
    a quantile near 0 is ``robust_spread`` of the samples."""
    ps = np.array([p, 0.05, 0.95])
    n = samples.shape[0]
    s = _offsets(ps[:1], n)
    at = np.concatenate([np.clip(ps[:1] - s, 0, 1), np.clip(ps[:1] + s, 0, 1), ps[1:]])
    lo, hi, q05, q95 = sample_quantiles(samples, at, presorted=presorted)
    with np.errstate(invalid="ignore"):
        se = (hi - lo) / 2
        scale = robust_spread(q05, q95)
    return Estimate(value, se if math.isfinite(se) else math.nan, "quantile",
                    scale=scale if math.isfinite(scale) else math.nan)


# ---- the digits a figure deserves ----

def _lead(x: float) -> int:
    """The power of ten of ``x``'s leading digit."""
    return math.floor(math.log10(abs(x)))


def supported_digits(x: float, se: Optional[float], most: int) -> int:
    """How many significant digits of ``x`` its se supports: down to the place of the
    se's leading digit (1.8312 with se 0.002: 4, so ``most`` decides), at least 1 and
    at most ``most``; ``most`` when the se is unknown, 0 or not finite."""
    if se is None or not (math.isfinite(se) and se > 0) or not math.isfinite(x) or x == 0:
        return most
    return max(1, min(most, _lead(x) - _lead(se) + 1))


def rounded(x: float, se: Optional[float]) -> float:
    """``x`` rounded to the place of its se's leading digit (unchanged when the se is
    unknown, 0 or not finite): 0.0123 with se 0.1 is 0."""
    if se is None or not (math.isfinite(se) and se > 0) or not math.isfinite(x):
        return x
    place = _lead(se)
    return float(round(x, -place))


def shown(x: float, se: Optional[float], most: int) -> tuple[float, int]:
    """The number to write for ``x`` and its significant digits: ``x`` itself with
    ``supported_digits``, which round it at its se's leading digit; a figure smaller
    than that place rounded there (0.0123 with se 0.1: 0, with 1 digit)."""
    if se is None or not (math.isfinite(se) and se > 0) or not math.isfinite(x) or x == 0:
        return x, most
    if _lead(x) < _lead(se):
        return rounded(x, se), 1
    return x, supported_digits(x, se, most)


def probability_text(p: float, k: int, n: int, write, most: int = 4) -> str:
    """A probability as the report writes it, ``write(x, digits)`` writing a number:
    digits limited by its se; "< b (0 of n samples)" with no event, "> b (n of n
    samples)" with all, and "p (k of n samples)" with few."""
    if k == 0:
        return f"< {write(_bound_digits(no_event_bound(n)), 1)} (0 of {n:,} samples)"
    if k == n:
        gap = _bound_digits(no_event_bound(n))  # the lower bound 1 - gap, rounded down
        return (f"> {write(1 - gap, supported_digits(1 - gap, gap, 15))} "
                f"({n:,} of {n:,} samples)")
    value, digits = shown(p, probability_se(p, n), most)
    text = write(value, digits)
    return f"{text} ({k:,} of {n:,} samples)" if few_events(k, n) else text


def _bound_digits(b: float) -> float:
    """An upper bound rounded up at one significant digit (0.0295 -> 0.03), so it
    stays a bound."""
    place = 10.0 ** _lead(b)
    return math.ceil(b / place - 1e-9) * place


def estimate_text(value: Estimate, most: int, write) -> str:
    """An estimate as the report writes it (``write(x, digits)`` writing a number):
    no more digits than its se supports; a probability from few events with its
    count (``probability_text``)."""
    if value.kind == "probability" and value.events is not None and value.count:
        return probability_text(value.value, value.events, value.count, write, most)
    x, digits = shown(value.value, value.se, most)
    return write(x, digits)
