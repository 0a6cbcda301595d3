"""Takeoff: the Forethought discrete doubling loop (Davidson & Houlden 2025; DOMAIN.md 3.6).

A replica of the single-simulation loop of github:thoulden/Accelerated_AI_Progress
(``single_sim.py``, ported in ``docs/js/simulation.js``). Software doubles every 3
months before AI automates research; once it does, research runs f times faster, so the
first doubling takes D0 = 3/(1+f) months. After each doubling the returns fall by
r0/N (unless constantR) and the next doubling takes ``2^(p (1/r - 1))`` times as long.
The loop stops at maxMonths, at the ceiling (N doublings) or when r reaches 0.

With distributions as parameters the samples run together, in blocks of 16384: the
Python loop is over doublings (at most N + 1 of them), each step vectorised across the
samples of the block still running, and finished samples drop out.
"""
from __future__ import annotations

import numpy as np

from dsl.base.errors import DomainError
from dsl.engine.registry import builtin
from dsl.engine.types import Boolean, PositiveReal, RecordT

from .takeoff_params import NonNegative, Option, Positive, Share, floats, read_options

__all__ = ["simulate", "MAX_DOUBLINGS"]

MAX_DOUBLINGS = 100_000      # the loop runs at most this many steps
MONTHS_PER_DOUBLING = 3.0    # before automation: 4 software doublings a year
TINY = np.finfo(np.float64).tiny
BLOCK = 1 << 14              # samples simulated together
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
    doublings, to_ceiling = np.full(f.size, np.nan), np.full(f.size, np.inf)
    # blocks of samples small enough for the CPU cache run about twice as fast as one
    # pass over a million
    for lo in range(0, f.size, BLOCK):
        part = slice(lo, lo + BLOCK)
        doublings[part], to_ceiling[part] = _simulate_block(
            f[part], r0[part], p[part], 4 * years[part] / share[part], constant_r,
            horizon, max_months)
    return doublings.reshape(shape), to_ceiling.reshape(shape)


def _simulate_block(f, r0, p, ceiling, constant_r, horizon, max_months):
    """``simulate`` on 1-D arrays, ceiling in doublings."""
    n = ceiling.size
    doublings = np.full(n, np.nan)
    to_ceiling = np.full(n, np.inf)
    # the samples still running, compacted whenever some finish
    run = {"idx": np.arange(n), "t": np.zeros(n), "x": np.zeros(n),
           "d": np.maximum(MONTHS_PER_DOUBLING / (1 + f), TINY), "ceiling": ceiling}
    if constant_r:  # each doubling then takes a fixed multiple of the last one's time
        run["slowdown"] = _slowdown(p, r0)
    else:
        run.update(r=r0.copy(), dr=r0 / ceiling, p=p)
    while run["idx"].size:
        idx, t, x, d, top = run["idx"], run["t"], run["x"], run["d"], run["ceiling"]
        # a whole doubling, or the part of one that fits before maxMonths (software grows
        # log-linearly within a step, as in the published code)
        dt = np.minimum(d, max_months - t)
        frac = dt / d
        before = t < horizon
        if before.any():
            crossing = before & (t + dt >= horizon)
            doublings[idx[crossing]] = np.minimum(x + (horizon - t) / d, top)[crossing]
        grown = x + frac
        hit = grown >= top
        if hit.any():  # when within the step the ceiling was reached
            to_ceiling[idx[hit]] = (t + (top - x) * d)[hit]
        run["t"] = t = t + dt
        run["x"] = x = np.minimum(grown, top)
        if constant_r:
            d = d * run["slowdown"]
            keep = ~hit
        else:
            run["r"] = r = run["r"] - run["dr"] * frac
            keep = ~hit & (r > 0)
            d = np.where(keep, d * _slowdown(run["p"], np.where(keep, r, 1.0)), d)
        # a doubling time that underflows would make dt/d undefined: keep it positive
        run["d"] = np.maximum(d, TINY)
        keep &= t < max_months
        early = ~keep & (t < horizon)  # stopped (at the ceiling) before the horizon
        doublings[idx[early]] = x[early]
        if not keep.all():
            run = {key: v[keep] for key, v in run.items()}
    return doublings, to_ceiling


def _slowdown(p, r):
    """How many times longer the next doubling takes: ``2^(p (1/r - 1))`` (1 when p = 0,
    even for returns so small that 1/r is Infinity)."""
    return np.exp2(np.where(p > 0, p * (1 / r - 1), 0.0))


@builtin("Takeoff.forethoughtSimulate", aliases=["forethoughtSimulate"],
         examples=[("forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, yearsToLimit: 11})"
                    ".doublings", "36.81680756184842"),
                   ("forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, yearsToLimit: 11, "
                    "constantR: true}).monthsToCeiling", "9.322090340710885"),
                   ("forethoughtSimulate({f: 3, r0: 1, p: 0.3, yearsToLimit: 11, "
                    "constantR: true}).doublings", "16")])
def forethought_simulate(options: RecordT()) -> RecordT():
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
