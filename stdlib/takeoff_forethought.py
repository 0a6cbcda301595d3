"""Takeoff: the Forethought discrete doubling loop (Davidson & Houlden 2025; DOMAIN.md 3.6).

A replica of the single-simulation loop of github:thoulden/Accelerated_AI_Progress
(``single_sim.py``, ported in ``docs/js/simulation.js``). Software doubles every 3
months before AI automates research; once it does, research runs f times faster, so the
first doubling takes D0 = 3/(1+f) months. After each doubling the returns fall by
r0/N (unless constantR) and the next doubling takes ``2^(p (1/r - 1))`` times as long.
The loop stops at maxMonths, at the ceiling (N doublings) or when r reaches 0.

With distributions as parameters every sample runs at once: the Python loop is over
doublings (at most N + 1 of them), each step vectorised across the samples still
running, and finished samples drop out.
"""
from __future__ import annotations

import numpy as np

from dsl.errors import DomainError
from dsl.registry import builtin
from dsl.types import Boolean, PositiveReal, RecordT

from .takeoff_params import NonNegative, Option, Positive, Share, floats, read_options

__all__ = ["simulate", "MAX_DOUBLINGS"]

MAX_DOUBLINGS = 100_000      # the loop runs at most this many steps
MONTHS_PER_DOUBLING = 3.0    # before automation: 4 software doublings a year
_SPEC = {
    "f": Option(NonNegative, required=True),
    "r0": Option(Positive, required=True),
    "p": Option(NonNegative, required=True),
    "yearsToLimit": Option(Positive, required=True),
    "softwareShare": Option(Share, 0.5),
    "constantR": Option(Boolean, False),
    "horizonMonths": Option(PositiveReal, 12.0),
    "maxMonths": Option(PositiveReal, 72.0),
}


def simulate(f, r0, p, years, share, constant_r: bool, horizon: float, max_months: float):
    """Run the loop for every element; returns (doublings within ``horizon`` months,
    months until the ceiling or +Infinity if not reached within ``max_months``), as
    arrays of the inputs' broadcast shape."""
    shape = np.broadcast(f, r0, p, years, share).shape
    f, r0, p, years, share = (np.broadcast_to(v, shape).ravel() for v in
                              floats(f, r0, p, years, share))
    ceiling = 4 * years / share
    n = ceiling.size
    doublings = np.full(n, np.nan)
    to_ceiling = np.full(n, np.inf)
    step_r = np.zeros(n) if constant_r else r0 / ceiling

    idx = np.arange(n)
    t, x, r = np.zeros(n), np.zeros(n), r0.copy()
    d = MONTHS_PER_DOUBLING / (1 + f)
    big_n, p_, step_r_ = ceiling, p, step_r
    while idx.size:
        dt = np.minimum(d, max_months - t)
        # a step may be cut short by maxMonths; software then grows by the fraction
        # dt/d of a doubling (log-linearly, as the published code does)
        frac = np.where(d > 0, dt / np.where(d > 0, d, 1.0), big_n - x)
        reach = np.minimum(x + np.where(d > 0, (horizon - t) / np.where(d > 0, d, 1.0),
                                        big_n - x), big_n)
        crossing = (t < horizon) & (t + dt >= horizon)
        doublings[idx[crossing]] = reach[crossing]
        hit = x + frac >= big_n
        to_ceiling[idx[hit]] = (t + (big_n - x) * d)[hit]
        t = t + dt
        x = np.minimum(x + frac, big_n)
        r = r - step_r_ * frac
        grows = r > 0
        d = np.where(grows, d * 2.0 ** (p_ * (1 / np.where(grows, r, 1.0) - 1)), d)
        keep = (t < max_months) & (x < big_n) & grows
        early = ~keep & np.isnan(doublings[idx])  # stopped before the horizon
        doublings[idx[early]] = x[early]
        idx, t, x, r, d = idx[keep], t[keep], x[keep], r[keep], d[keep]
        big_n, p_, step_r_ = big_n[keep], p_[keep], step_r_[keep]
    return doublings.reshape(shape), to_ceiling.reshape(shape)


@builtin("Takeoff.forethoughtSimulate", aliases=["forethoughtSimulate"],
         examples=[("forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, yearsToLimit: 11})"
                    ".doublings", "36.81680756184842"),
                   ("forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, yearsToLimit: 11, "
                    "constantR: true}).monthsToCeiling", "9.322090340710885"),
                   ("forethoughtSimulate({f: 3, r0: 1, p: 0.3, yearsToLimit: 11, "
                    "constantR: true}).doublings", "16")])
def forethought_simulate(options: RecordT()) -> dict:
    """Forethought's software-intelligence-explosion loop, one step per software
    doubling: the first takes ``3/(1+f)`` months; after each, ``r -= r0/N`` (not with
    constantR) and the doubling time is multiplied by ``2^(p (1/r - 1))``. N =
    ``4 yearsToLimit / softwareShare`` doublings to the ceiling.

    Options: ``{f, r0, p, yearsToLimit, softwareShare: 0.5, constantR: false,
    horizonMonths: 12, maxMonths: 72}``. Returns ``{doublings, yearsOfProgress,
    monthsToCeiling}``: software doublings within the first horizonMonths (fractional
    within a step, at most N), the years of pre-automation progress they equal
    (``doublings * softwareShare / 4``), and the months until the ceiling (+Infinity if
    not reached within maxMonths)."""
    o = read_options("Takeoff.forethoughtSimulate", options, _SPEC)
    if o["horizonMonths"] > o["maxMonths"]:
        raise DomainError("Takeoff.forethoughtSimulate: horizonMonths must be <= maxMonths "
                          f"(got {o['horizonMonths']:g} > {o['maxMonths']:g})")
    most = float(np.max(4 * np.asarray(o["yearsToLimit"]) / np.asarray(o["softwareShare"])))
    if most > MAX_DOUBLINGS:
        raise DomainError(f"Takeoff.forethoughtSimulate: the ceiling is at most "
                          f"{MAX_DOUBLINGS} doublings away (4 * yearsToLimit / "
                          f"softwareShare; got {most:g})")
    doublings, months = simulate(o["f"], o["r0"], o["p"], o["yearsToLimit"],
                                 o["softwareShare"], o["constantR"], o["horizonMonths"],
                                 o["maxMonths"])
    return {"doublings": doublings, "yearsOfProgress": doublings * o["softwareShare"] / 4,
            "monthsToCeiling": months}
