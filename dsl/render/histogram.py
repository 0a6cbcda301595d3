"""A distribution's samples as a unicode histogram, a few rows high, for the terminal.

The plot covers the 1st to 99th percentile of the finite samples (the far tails would
squash everything else into one column) and marks the 5th and 95th percentiles on its
x-axis. When the samples are positive and that range spans more than two orders of
magnitude, the bins are equal steps of log(x), so a long-tailed lognormal reads as a
bump instead of a spike against the left edge.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from ..base.binning import bin_counts
from ..engine.display import format_number

__all__ = ["Histogram", "histogram", "bin_counts", "BLOCKS", "LOG_SPAN"]

BLOCKS = " ▁▂▃▄▅▆▇█"   # one eighth of a row per step
from .axes import LOG_SPAN  # hi/lo above this gives a log-scaled axis (one rule)
_RANGE = (0.01, 0.99)  # the part of the distribution that is plotted
_MARKS = (0.05, 0.95)  # percentiles labelled on the x-axis


@dataclass(frozen=True)
class Histogram:
    """A drawn histogram: ``rows`` of bars (top first), the ``axis`` line with ticks at
    the marked percentiles, and the ``labels`` line under it."""

    rows: list[str]
    axis: str
    labels: str
    log_scale: bool


def histogram(samples: np.ndarray, width: int = 60, height: int = 5,
              marks: Optional[tuple[float, float]] = None,
              label: Callable[[float], str] = format_number) -> Optional[Histogram]:
    """Draw the finite ``samples``; None when there is nothing to draw (no finite
    samples, or all of them equal). ``marks`` are the values to label on the axis
    (default: the samples' 5th and 95th percentiles), written by ``label`` (a value's
    ``@format``, say)."""
    finite = samples[np.isfinite(samples)]
    if finite.size == 0:
        return None
    lo, hi = (float(q) for q in np.quantile(finite, _RANGE))
    if not hi > lo:  # a spike holds more than 98% of the samples: plot everything
        lo, hi = float(finite.min()), float(finite.max())
    if not hi > lo:
        return None
    log_scale = lo > 0 and hi / lo > LOG_SPAN
    if log_scale:
        scale = np.log10
    elif np.isfinite(hi - lo):
        scale = np.asarray
    else:  # a range wider than the largest float (-1e308 to 1e308): draw it halved
        def scale(x):
            return np.multiply(x, 0.5)
    t_lo, t_hi = float(scale(lo)), float(scale(hi))
    shown = finite[(finite >= lo) & (finite <= hi)]
    # fewer samples, fewer bins (about 1.5 n^(1/3), after Rice's rule), so that a
    # small sample does not look like noise; the columns between two bins' centres
    # are interpolated
    bins = int(min(width, max(10, round(1.5 * shown.size ** (1 / 3)))))
    counts = bin_counts(scale(shown), bins, t_lo, t_hi)
    centres = (np.arange(bins) + 0.5) * width / bins
    heights = np.interp(np.arange(width) + 0.5, centres, counts)
    heights[counts[np.minimum(np.arange(width) * bins // width, bins - 1)] == 0] = 0
    rows = _bars(heights, height)

    if marks is None:
        marks = tuple(float(q) for q in np.quantile(finite, _MARKS))

    def column(x: float) -> int:
        frac = (float(scale(min(max(x, lo), hi))) - t_lo) / (t_hi - t_lo)
        return min(width - 1, max(0, int(frac * width)))

    left, right = column(marks[0]), column(marks[1])
    axis = ["─"] * width
    axis[left] = axis[right] = "┬"
    labels = _labels([label(m) for m in marks], (left, right), width)
    return Histogram(rows, "".join(axis), labels, log_scale)


def _bars(counts: np.ndarray, height: int) -> list[str]:
    """Column heights in eighths of a row, scaled so the fullest bin fills every row;
    a bin with any samples at all shows at least one eighth."""
    peak = max(float(counts.max()), 1.0)
    eighths = np.round(counts / peak * height * 8).astype(int)
    eighths[(counts > 0) & (eighths == 0)] = 1
    rows = []
    for level in range(height - 1, -1, -1):
        fill = np.clip(eighths - level * 8, 0, 8)
        rows.append("".join(BLOCKS[f] for f in fill).rstrip())
    return rows


def _labels(texts: list[str], columns: tuple[int, int], width: int) -> str:
    """The two labels centred under their ticks, kept inside the plot and apart."""
    left_text, right_text = texts
    start = min(max(0, columns[0] - len(left_text) // 2), max(0, width - len(left_text)))
    end_of_left = start + len(left_text)
    right_start = min(max(columns[1] - len(right_text) // 2, end_of_left + 2),
                      max(width - len(right_text), end_of_left + 2))
    line = " " * start + left_text
    return line + " " * (right_start - len(line)) + right_text
