"""The measures of a sensitivity analysis, from paired samples of an input and the output
(no model re-runs; for those see ``dsl.engine.pick_freeze``).

- ``spearman``: the rank correlation;
- ``first_order_index``: Var(E[Y|X]) / Var(Y) by quantile bins of X, bias-corrected
  (epsilon-squared: (SS_between - (B - 1) MS_within) / SS_total). On the output's ranks
  it is the *rank share*, which exists whatever the tails of Y (ranks are uniform); on
  Y itself the linear share, on ln Y the log share;
- ``elasticity``: the slope of ln Y on ln X;
- ``swing``: the median of Y with X near its own 5th and 95th percentiles (the samples
  whose X lies between its 2.5th and 7.5th, or 92.5th and 97.5th, percentiles): the
  bars of a classic spreadsheet tornado chart, estimated by binning;
- ``split_halves_agree`` and ``tail_dominance``: whether a variance-based share can be
  trusted (a share whose two halves disagree, or a variance made by a handful of
  samples, moves from run to run).
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from .ordering import stable_argsort

__all__ = ["bin_count", "ranks", "rank_correlation", "spearman", "first_order_index",
           "elasticity", "swing", "split_halves_agree", "tail_dominance", "variance_spread"]


def bin_count(n: int) -> int:
    """Quantile bins for n samples: many, so that little of E[Y|X] varies within a bin
    (that part would be lost), with ~250 samples or more in each (the noise of the bin
    means is subtracted, but it still adds variance to the estimate)."""
    return int(np.clip(n // 250, 2, 500))


def ranks(x: np.ndarray, order: Optional[np.ndarray] = None) -> np.ndarray:
    """Ranks 1..n, ties sharing their average rank (scipy's rankdata, without
    importing scipy.stats); ``order``: x's argsort, when already known."""
    # any sorting order gives the same ranks (ties share theirs), so no need for stable
    order = np.argsort(x) if order is None else order
    ordered = x[order]
    n = ordered.shape[0]
    # each run of equal values gets the mean of the positions it spans
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    ends = np.append(starts[1:], n)
    average = (starts + ends + 1) / 2.0
    out = np.empty(n)
    out[order] = np.repeat(average, ends - starts)
    return out


def rank_correlation(rx: np.ndarray, ry: np.ndarray) -> float:
    """The correlation of two rank vectors; 0 when either is constant."""
    sx, sy = rx.std(), ry.std()
    if sx == 0 or sy == 0:
        return 0.0
    return float(np.mean((rx - rx.mean()) * (ry - ry.mean())) / (sx * sy))


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Rank correlation (ties get average ranks); 0 when either is constant."""
    return rank_correlation(ranks(x), ranks(y))


def first_order_index(x: np.ndarray, y: np.ndarray, bins: Optional[int] = None,
                      order: Optional[np.ndarray] = None,
                      y_ranks: Optional[np.ndarray] = None, clip: bool = True) -> float:
    """Bias-corrected estimate of Var(E[Y|X]) / Var(Y) from paired samples; ``order``
    (x's stable argsort) and ``y_ranks`` when already known. ``clip=False`` keeps an
    estimate below 0 or above 1 (for summing the shares of a group's members, where
    clipping each would bias the sum upwards)."""
    n = y.shape[0]
    if not np.all(np.isfinite(y)):
        # infinite outputs: rate the inputs' effect on the output's ranks
        y = ranks(y) if y_ranks is None else y_ranks
    total = float(np.sum((y - y.mean()) ** 2))
    if total == 0 or n < 4:
        return 0.0
    b = bins or bin_count(n)
    order = stable_argsort(x) if order is None else order
    edges = (np.arange(b + 1) * n) // b
    counts = np.diff(edges)
    means = np.add.reduceat(y[order], edges[:-1]) / counts
    between = float(np.sum(counts * (means - y.mean()) ** 2))
    within = total - between
    corrected = (between - (b - 1) * within / (n - b)) / total
    return float(np.clip(corrected, 0.0, 1.0)) if clip else float(corrected)


def elasticity(x: np.ndarray, y: np.ndarray) -> Optional[float]:
    """The slope of ln y on ln x over samples where both are positive and finite
    (None when there are too few, or x does not vary)."""
    keep = (x > 0) & (y > 0) & np.isfinite(x) & np.isfinite(y)
    if np.count_nonzero(keep) < 3:
        return None
    lx, ly = np.log(x[keep]), np.log(y[keep])
    var = lx.var()
    if var == 0:
        return None
    return float(np.mean((lx - lx.mean()) * (ly - ly.mean())) / var)


def swing(order: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The median of ``y`` over the samples whose input lies between its own 2.5th and
    7.5th percentiles, and between its 92.5th and 97.5th (``order``: the input's
    argsort): the output's median with the input at its 5th and its 95th percentile."""
    n = y.shape[0]
    low = order[int(0.025 * n):max(int(0.075 * n), int(0.025 * n) + 1)]
    high = order[int(0.925 * n):max(int(0.975 * n), int(0.925 * n) + 1)]
    with np.errstate(invalid="ignore"):
        return float(np.median(y[low])), float(np.median(y[high]))


def split_halves_agree(x: np.ndarray, y: np.ndarray) -> bool:
    """Whether the share of ``x`` in ``y`` estimated on the first and on the second half
    of the samples agree: within 0.05 + 20% of the larger. A share that a few samples
    in the tail make (they fall in one half only) fails this."""
    n = y.shape[0] // 2
    if n < 8:
        return False
    first = first_order_index(x[:n], y[:n])
    second = first_order_index(x[n:2 * n], y[n:2 * n])
    return abs(first - second) <= 0.05 + 0.2 * max(first, second)


def tail_dominance(y: np.ndarray) -> float:
    """The fraction of the sum of squared deviations of ``y`` made by its 0.1% of
    samples farthest from the mean (at least one sample): near 1 when a handful of
    samples make the variance, ~0.01 for a normal."""
    n = y.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        squares = (y - y.mean()) ** 2
        total = float(squares.sum())
    if not np.isfinite(total):
        return 1.0
    if total == 0:
        return 0.0
    k = max(1, n // 1000)
    top = np.partition(squares, n - k)[n - k:]
    return float(top.sum() / total)


def variance_spread(y: np.ndarray, pieces: int = 10) -> float:
    """The largest over the smallest variance of ``pieces`` consecutive slices of the
    samples: ~1.1 for a normal at 100,000 samples, far above 2 when the variance is not
    yet settled (an infinite variance, or a tail a few samples make)."""
    with np.errstate(over="ignore", invalid="ignore"):
        variances = [float(np.var(part)) for part in np.array_split(y, pieces)]
    low, high = min(variances), max(variances)
    if not np.isfinite(high):
        return float("inf")
    return high / low if low > 0 else (1.0 if high == 0 else float("inf"))
