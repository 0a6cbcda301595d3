"""Counting samples into equal bins over any range, for histograms and sparklines.

``np.histogram`` refuses some ranges a model can make; ``bin_counts`` takes them all.
Numbers only: shared by the engine (``Dist.sparkline``) and the render layer's charts.
"""
from __future__ import annotations

import numpy as np

__all__ = ["bin_counts"]


def bin_counts(values: np.ndarray, bins: int, lo: float, hi: float) -> np.ndarray:
    """``np.histogram(values, bins, range=(lo, hi))``'s counts, for any ``lo < hi``.

    numpy refuses a range too narrow for ``bins`` distinct float edges (1e16 + normal(0,
    1) spans a few units where floats are 2 apart: "Too many bins for data range") and
    one wider than the largest float. Those are binned here by each value's offset from
    ``lo`` (exact for nearby floats), halved when the width would overflow."""
    try:
        with np.errstate(all="ignore"):
            return np.histogram(values, bins=bins, range=(lo, hi))[0]
    except ValueError:
        pass
    inside = values[(values >= lo) & (values <= hi)]
    if np.isfinite(hi - lo):
        offsets, width = inside - lo, hi - lo
    else:
        offsets, width = inside * 0.5 - lo * 0.5, hi * 0.5 - lo * 0.5
    with np.errstate(over="ignore", invalid="ignore"):
        index = np.nan_to_num(offsets / width * bins, nan=0.0, posinf=bins - 1)
    index = np.clip(index.astype(np.int64), 0, bins - 1)
    return np.bincount(index, minlength=bins)
