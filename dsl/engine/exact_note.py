"""When a distribution's exact mean or stdev is far from its samples'.

An untouched constructor (``0.1 to 2M``) reports its exact law's mean and stdev, while
everything computed from it uses its samples. For a heavy tail the two differ by more
than Monte Carlo error: the exact stdev of ``0.1 to 2M`` is 9.8e13, its 100,000 samples'
about 2e10, and ``mean(x * 1)`` (a sample mean) is not ``mean(x)``. The report then says
which figure is exact and what the samples give (README, *Differences from Squiggle*).

"Far" is more than ``LIMIT`` standard errors of the sample statistic, estimated from the
samples themselves (the mean's: sd / sqrt(n); the stdev's, by the delta method:
sqrt(m4 - var^2) / (2 sd sqrt(n))). A light-tailed law lands within that almost always
(about 6 runs in 100,000 for a normal statistic); a heavy tail, whose samples miss the
mass far out, lands outside it.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .dist import Dist

__all__ = ["LIMIT", "SampleGap", "sample_gap"]

LIMIT = 4.0  # standard errors
# below this relative difference two figures are the same number, whatever the error
_SAME = 1e-9


class SampleGap:
    """The figures (``"mean"``, ``"stdev"``) whose exact value is far from the samples',
    with the samples' values."""

    __slots__ = ("figures", "count")

    def __init__(self, figures: dict[str, float], count: int) -> None:
        self.figures = figures
        self.count = count

    def note(self, format_number) -> str:
        """One sentence for the report, numbers written by ``format_number``."""
        names = " and ".join(self.figures)
        values = " and ".join(f"{name} {format_number(value)}"
                              for name, value in self.figures.items())
        verb = "are" if len(self.figures) > 1 else "is"
        return (f"{names} {verb} exact (the distribution's law); its {self.count:,} "
                f"samples, which arithmetic on it uses, have {values}: more than "
                f"{LIMIT:g} standard errors away, a tail the samples miss")


def _far(exact: float, sampled: float, error: float) -> bool:
    if math.isnan(exact) or math.isnan(sampled):
        return False  # an undefined figure (a Cauchy's mean) says nothing either way
    if math.isinf(exact) or math.isinf(sampled):
        return exact != sampled
    gap = abs(exact - sampled)
    return gap > LIMIT * error and gap > _SAME * max(abs(exact), abs(sampled))


def sample_gap(dist: Dist, mean: float, stdev: float) -> Optional[SampleGap]:
    """The exact ``mean`` and ``stdev`` of ``dist`` (as its summary reports them) that
    are far from its samples', or None (also for a distribution without an exact law,
    whose figures are the samples')."""
    if dist.law is None or getattr(dist.law, "streamed", False):
        return None  # a streamed run's figures are its samples' own (StreamedLaw)
    x = dist.samples
    n = x.shape[0]
    if n < 2 or not np.isfinite(x).all():
        return None
    with np.errstate(all="ignore"):
        m = float(np.mean(x))
        centred = x - m
        var = float(np.mean(centred * centred))
        sd = math.sqrt(var)
        m4 = float(np.mean(centred ** 4))
    if not (math.isfinite(var) and math.isfinite(m4)):
        return None
    se_mean = sd / math.sqrt(n)
    se_sd = math.sqrt(max(0.0, m4 - var * var)) / (2 * sd * math.sqrt(n)) if sd > 0 else 0.0
    figures = {}
    if _far(mean, m, se_mean):
        figures["mean"] = m
    if _far(stdev, sd, se_sd):
        figures["stdev"] = sd
    return SampleGap(figures, n) if figures else None
