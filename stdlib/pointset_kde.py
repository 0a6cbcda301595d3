"""A sample set as a point set, the way Squiggle 0.10 converts one
(``samplesToPointSetDist``): values repeated often become point masses, the rest a
kernel density estimate on 1,000 points (on a log scale when the samples span more
than a factor e^3 between their 10th and 90th percentiles of absolute value).

The estimate is Squiggle's: a triangular kernel of half-width ``nrd0`` (0.9 min(sd,
IQR/1.34) n^-0.2) applied by linear binning and two running sums, all vectorised.
"""
from __future__ import annotations

import math

import numpy as np

from dsl.engine.dist import sample_quantiles
from dsl.base.errors import DomainError
from dsl.engine.pointset_law import PointSetLaw

__all__ = ["samples_to_point_set", "kde", "nrd0"]

MIN_SAMPLES_FOR_KDE = 5


def _variance(xs: np.ndarray) -> float:
    """Squiggle's ``E_A_Floats.variance``: about the midpoint of the ends, then shifted."""
    offset = (xs[0] + xs[-1]) / 2
    shifted = xs - offset
    mean = shifted.sum() / xs.size
    return float((shifted * shifted).sum() / xs.size - mean * mean)


def nrd0(xs: np.ndarray) -> float:
    """R's default bandwidth for sorted samples, as Squiggle computes it."""
    hi = math.sqrt(_variance(xs)) if xs.size else math.nan
    q75, q25 = (float(q) for q in sample_quantiles(xs, [0.75, 0.25], presorted=True))
    lo = min(hi, (q75 - q25) / 1.34)
    if math.isnan(lo):
        lo = hi if not math.isnan(hi) else (abs(xs[1]) if xs.size > 1 else 1.0)
    return 0.9 * lo * xs.size ** -0.2


def kde(samples: np.ndarray, output_length: int, weight: float) -> tuple[np.ndarray, np.ndarray]:
    """Squiggle's triangular-kernel density on ``output_length`` evenly spaced xs,
    for sorted samples; each sample carries ``weight``."""
    x_width = nrd0(samples) if samples.size else 0.0
    samples = samples[np.isfinite(samples)]
    n = samples.size
    if n == 0 or x_width == 0:
        return np.empty(0), np.empty(0)
    smin = samples[0]
    srange = samples[-1] - smin
    wanted = ((output_length - 1) * x_width) / (srange + 2 * x_width)
    width = max(1, math.floor(wanted))
    steps_inside = output_length - 1 - 2 * width
    dx = srange / steps_inside
    x_width = width * dx
    low = smin - x_width
    off = samples - low
    index = np.floor(off * (1 / dx)).astype(np.int64)
    left = off - index * dx
    right = dx - left
    size = output_length + 2 * width
    ysum = (np.bincount(width + index + 1, weights=right, minlength=size)[:size]
            + np.bincount(width + index + 2, weights=left, minlength=size)[:size])
    xs = low + np.arange(output_length) * dx
    i = np.arange(output_length)
    ddy = ysum[i] - 2 * ysum[i + width] + ysum[i + 2 * width]
    ys = np.maximum(weight / (x_width * x_width) * np.cumsum(np.cumsum(ddy)), 0.0)
    return xs, ys


def _log_kde(samples: np.ndarray, output_length: int, weight: float):
    """The density of the logarithms, mapped back: each sign on its own."""
    parts = []
    for sign in (-1, 1):
        side = samples[samples * sign > 0]
        if side.size < 2:
            side = side[:0]
        share = side.size / samples.size
        logs = np.log(np.sort(np.abs(side)))
        xs, ys = kde(logs, _js_round(output_length * share), weight * share)
        xs = np.exp(xs)
        with np.errstate(all="ignore"):
            ys = np.maximum(ys / xs, 0.0)
        if sign < 0:
            xs, ys = -xs[::-1], ys[::-1]
        parts.append((xs, ys))
    return (np.concatenate([parts[0][0], parts[1][0]]),
            np.concatenate([parts[0][1], parts[1][1]]))


def _split(samples: np.ndarray, min_weight: int):
    """Values repeated at least ``min_weight`` times (point masses, with their counts)
    and the rest."""
    values, counts = np.unique(samples, return_counts=True)
    heavy = counts >= min_weight
    keep = np.repeat(~heavy, counts)
    return samples[keep], values[heavy], counts[heavy].astype(float)


def _js_round(x: float) -> int:
    """JavaScript's Math.round: halves up (Python's round takes halves to even)."""
    return math.floor(x + 0.5)


def samples_to_point_set(samples: np.ndarray, output_length: int = 1000) -> PointSetLaw:
    """The point set of a sample set (``SampleSetDist.toPointSetDist``)."""
    s = np.sort(np.asarray(samples, dtype=float))
    continuous, dxs, dcounts = _split(s, max(20, _js_round(s.size / 50)))
    if continuous.size and continuous[0] == continuous[-1]:  # all the same: one mass
        dxs, dcounts = np.append(dxs, continuous[0]), np.append(dcounts, continuous.size)
        continuous = continuous[:0]
    if continuous.size < MIN_SAMPLES_FOR_KDE:
        continuous = continuous[:0]
    weight = 1 / (continuous.size + dcounts.sum())
    cxs = cys = np.empty(0)
    if continuous.size:
        low, high = sample_quantiles(np.sort(np.abs(continuous)), [0.1, 0.9], presorted=True)
        with np.errstate(all="ignore"):
            log_scale = math.log(high / low) > 3
        cxs, cys = (_log_kde if log_scale else kde)(continuous, output_length, weight)
    if cxs.size < 2 and dxs.size == 0:
        raise DomainError("Too few samples when constructing point set")
    return PointSetLaw((cxs, cys), (dxs, dcounts * weight))
