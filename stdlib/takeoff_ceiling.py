"""Takeoff: effective limits on software (DOMAIN.md 3.6; Davidson & Houlden 2025).

Software cannot improve forever: Forethought puts the limit ``yearsToLimit`` years of
recent progress away, i.e. ``N = yearsToLimit * doublingsPerYear / softwareShare``
software doublings, and lets the returns to research fall linearly in doublings,
``r(x) = r0 (1 - x/N)``. In continuous form the growth rate after x doublings is
``g(x) = g0 2^(p x) (1 - x/N)^(p N ln 2 / r0)``, which peaks where r(x) = 1.
"""
from __future__ import annotations

import math

import numpy as np

from dsl.engine.registry import builtin
from dsl.engine.types import Num, RecordT

from .takeoff_params import NonNegative, Positive, Share, checked, floats

__all__ = ["ceiling_doublings", "ceiling_returns", "ceiling_growth", "ceiling_peak_speedup"]

LN2 = math.log(2)
_LABELS = {"r0": "r0 (the initial returns to research)", "N": "N (the doublings to the "
           "ceiling)", "x": "x (the software doublings so far)", "p": "p (the return to "
           "parallel labour)", "g0": "g0 (the initial growth rate)"}


@builtin("Takeoff.ceilingDoublings", aliases=["ceilingDoublings"],
         examples=[("ceilingDoublings(11)", "88"), ("ceilingDoublings(11, 0.5, 4)", "88"),
                   ("ceilingDoublings(2, 1, 3)", "6")])
def ceiling_doublings(yearsToLimit: Positive, softwareShare: Share = 0.5,
                      doublingsPerYear: Positive = 4.0) -> Num:
    """How many software doublings separate today from effective limits that are
    ``yearsToLimit`` years of recent AI progress away: ``yearsToLimit * doublingsPerYear
    / softwareShare`` (software doubles 4 times a year and gives half of progress, so
    11 years is 88 doublings, a 2^88 = 3.1e26-fold improvement)."""
    return np.multiply(yearsToLimit, doublingsPerYear) / np.asarray(softwareShare)


@builtin("Takeoff.ceilingReturns", aliases=["ceilingReturns"], labels=_LABELS,
         examples=[("ceilingReturns(1.2, 44, 88)", "0.6"),
                   ("ceilingReturns(1.2, 100, 88)", "0")])
def ceiling_returns(r0: Positive, x: NonNegative, N: Positive) -> Num:
    """Returns to research after x of the N software doublings to the ceiling:
    ``r0 (1 - x/N)``, falling linearly to 0 at the ceiling (and 0 beyond it)."""
    r0, x, N = floats(r0, x, N)
    return checked(r0 * np.maximum(0.0, 1 - x / N), "Takeoff.ceilingReturns", r0, x, N)


@builtin("Takeoff.ceilingGrowth", aliases=["ceilingGrowth"], labels=_LABELS,
         examples=[("ceilingGrowth(0, 2, 0.3, 1.2, 88)", "2"),
                   ("ceilingGrowth(88, 2, 0.3, 1.2, 88)", "0"),
                   ("ceilingGrowth(10, 1, 0.5, 1, 1/0)", "1")])
def ceiling_growth(x: NonNegative, g0: Positive, p: NonNegative, r0: Positive,
                   N: Positive) -> Num:
    """The software growth rate after x doublings when returns fall towards the ceiling
    (continuous form of Forethought's model): ``g0 2^(p x) (1 - x/N)^(p N ln 2 / r0)``,
    from ``d ln g / dx = p ln 2 (1 - 1/r(x))``; 0 at and beyond the ceiling. With N
    infinite it is ``g0 2^(p x (1 - 1/r0))``."""
    x, g0, p, r0, N = floats(x, g0, p, r0, N)
    frac = np.minimum(x / N, 1.0)
    # (p N ln2/r0) log1p(-x/N), written as (p x ln2/r0) log1p(-f)/f with f = x/N so that
    # N = Infinity gives its limit -p x ln2/r0 instead of Infinity * 0
    safe_frac = np.where(frac > 0, frac, 1.0)
    decline = p * x * LN2 / r0 * np.where(frac > 0, np.log1p(-frac) / safe_frac, -1.0)
    ln_g = np.log(g0) + p * x * LN2 + decline
    return checked(np.exp(ln_g), "Takeoff.ceilingGrowth", x, g0, p, r0, N)


@builtin("Takeoff.ceilingPeakSpeedup", aliases=["ceilingPeakSpeedup"], labels=_LABELS,
         examples=[("ceilingPeakSpeedup(0.3, 1.2, 88).x", "88 / 6"),
                   ("ceilingPeakSpeedup(0.3, 0.9, 88).speedup", "1"),
                   ("ceilingPeakSpeedup(0.3, 1.2, 88).speedup",
                    "ceilingGrowth(88 / 6, 1, 0.3, 1.2, 88)")])
def ceiling_peak_speedup(p: NonNegative, r0: Positive, N: Positive) -> RecordT():
    """Where software growth peaks on the way to the ceiling, and how much faster it is
    then than at the start: at ``x* = N (1 - 1/r0)`` doublings (where the returns fall
    to 1), ``speedup = 2^(p x*) r0^(-p N ln 2 / r0)``. Growth only slows from the start
    when r0 <= 1: ``{x: 0, speedup: 1}``. Returns ``{x, speedup}``."""
    p, r0, N = floats(p, r0, N)
    x = np.where(r0 > 1, N * (1 - 1 / r0), 0.0)
    ln_speedup = p * LN2 * (x - np.where(r0 > 1, N * np.log(r0) / r0, 0.0))
    return {"x": checked(x, "Takeoff.ceilingPeakSpeedup", p, r0, N),
            "speedup": checked(np.exp(ln_speedup), "Takeoff.ceilingPeakSpeedup", p, r0, N)}
