"""``Dist.plot``: a distribution drawn with matplotlib, on the axis rule every other
output uses (``dsl.render.axes``: the 1st to 99th percentile, a log x axis when positive
samples span more than two decades). matplotlib is optional: ``pip install
"sqdsl[plot]"``; without it ``plot`` is a DslError that says so.
"""
from __future__ import annotations

import numpy as np

from ..base.errors import ArgumentError
from ..engine.frames import optional
from .axes import distribution_scale, plot_range

__all__ = ["plot_dist", "KINDS", "BINS"]

KINDS = ("hist", "cdf")
BINS = 60  # the histogram's bars, evenly spaced on the axis's scale


def plot_dist(dist, ax=None, kind: str = "hist", **options):
    """Draw ``dist`` on ``ax`` (default: the current Axes) as a histogram of its
    samples' density ("hist") or their cumulative distribution ("cdf"); ``options`` go
    to matplotlib's ``hist`` or ``plot``. Returns the Axes."""
    if kind not in KINDS:
        raise ArgumentError(f"plot: kind must be \"hist\" or \"cdf\", not {kind!r}")
    if ax is None:
        ax = optional("matplotlib.pyplot", "plot", "Dist.plot()").gca()
    else:
        optional("matplotlib", "plot", "Dist.plot()")
    samples = np.asarray(dist.samples)
    finite = samples[np.isfinite(samples)]
    span = plot_range(finite)
    if span is None:  # one value (or none finite): a single bar or step at it
        at = float(finite[0]) if finite.size else 0.0
        span, scale = (at - 0.5, at + 0.5), "linear"
    else:
        scale = distribution_scale(*span)
    lo, hi = span
    shown = finite[(finite >= lo) & (finite <= hi)]
    if kind == "hist":
        edges = np.geomspace(lo, hi, BINS + 1) if scale == "log" else \
            np.linspace(lo, hi, BINS + 1)
        options.setdefault("density", True)
        options.setdefault("histtype", "stepfilled")
        options.setdefault("alpha", 0.8)
        ax.hist(shown, bins=edges, **options)
        ax.set_ylabel("density")
    else:
        ordered = np.sort(finite)
        share = np.arange(1, ordered.size + 1) / samples.size
        keep = (ordered >= lo) & (ordered <= hi)
        options.setdefault("drawstyle", "steps-post")
        ax.plot(ordered[keep], share[keep], **options)
        ax.set_ylabel("P(X <= x)")
        ax.set_ylim(0, 1)
    if scale == "log":
        ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    label = dist.tags.name
    if label:
        ax.set_title(label)
    return ax
