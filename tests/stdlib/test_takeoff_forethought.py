"""forethoughtSimulate against a line-by-line port of the published single-simulation loop
(github:thoulden/Accelerated_AI_Progress, docs/js/simulation.js ``runSingle`` without
compute growth or retraining cost), run once per sample."""
from __future__ import annotations

import math

import numpy as np
import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl import Session


def published_loop(f, r0, p, years, share, constant_r, max_months):
    """The published loop for one parameter set: the steps as (start time, log2 size at
    the start, months per doubling during the step), and the time the ceiling was reached,
    interpolated within the step that reached it (the published code records the end of
    that step instead; the two agree when the ceiling is a whole number of doublings)."""
    ceiling = (2 ** (4 / share)) ** years
    d = 3 / (1 + f)
    r, size, t = r0, 1.0, 0.0
    k = 0 if constant_r else r0 / (math.log(ceiling) / math.log(2))
    steps, hit = [], math.inf
    while t < max_months and size < ceiling and r > 0:
        dt = min(d, max_months - t)
        steps.append((t, math.log2(size), d))
        t += dt
        size *= 2 ** (dt / d)
        if size >= ceiling:
            hit = steps[-1][0] + (math.log2(ceiling) - steps[-1][1]) * d
        size = min(size, ceiling)
        r -= k * (dt / d)
        if r > 0:
            d *= 2 ** (p * (1 / r - 1))
    return steps, math.log2(size), hit


def doublings_by(steps, final, horizon, ceiling):
    """log2 of software at ``horizon`` months on the published path: log-linear within a
    step (as the loop grows it), never past the ceiling."""
    for start, level, d in reversed(steps):
        if start < horizon:
            return min(level + (horizon - start) / d, ceiling, final)
    return 0.0


def _params(n, seed):
    """Forethought's sampling: log-uniform f, r0 and p, uniform years to the ceiling."""
    rng = np.random.default_rng(seed)
    log_uniform = lambda lo, hi: np.exp(rng.uniform(math.log(lo), math.log(hi), n))
    return {"f": log_uniform(2, 32), "r0": log_uniform(0.4, 3.6),
            "p": log_uniform(0.15, 0.6), "years": rng.uniform(6, 16, n)}


@pytest.mark.parametrize("constant_r", [False, True])
@pytest.mark.parametrize("share,horizon,max_months", [(0.5, 12, 72), (0.3, 4, 48),
                                                      (1.0, 36, 36)])
def test_vectorised_loop_matches_the_published_loop_per_sample(constant_r, share, horizon,
                                                               max_months):
    n = 300
    params = _params(n, seed=int(share * 10) + horizon)
    program = (f"f = 1\nr0 = 1\np = 1\nyears = 1\nsim = forethoughtSimulate({{f: f, r0: r0, "
               f"p: p, yearsToLimit: years, softwareShare: {share}, constantR: "
               f"{'true' if constant_r else 'false'}, horizonMonths: {horizon}, "
               f"maxMonths: {max_months}}})")
    sim = Session(samples=n, seed=1).run(program, "<test>", inputs=params).bindings["sim"]
    doublings = sim.fields["doublings"].samples
    months = sim.fields["monthsToCeiling"].samples
    years_of_progress = sim.fields["yearsOfProgress"].samples
    for i in range(n):
        steps, final, hit = published_loop(params["f"][i], params["r0"][i], params["p"][i],
                                           params["years"][i], share, constant_r, max_months)
        want = doublings_by(steps, final, horizon, 4 * params["years"][i] / share)
        assert doublings[i] == pytest.approx(want, rel=1e-9)
        assert years_of_progress[i] == pytest.approx(doublings[i] * share / 4, rel=1e-15)
        if math.isinf(hit):
            assert months[i] == math.inf
        else:
            assert months[i] == pytest.approx(hit, rel=1e-9)


def test_constant_returns_give_geometric_doubling_times():
    # D_k = D0 2^(-k s') with s' = p (1 - 1/r): the time to N doublings is a geometric sum
    d0, s = 3 / 9, 0.3 * (1 - 1 / 1.2)
    for years in (1, 5, 11):
        n = 8 * years
        got = Session(samples=10, seed=1).evaluate(
            f"forethoughtSimulate({{f: 8, r0: 1.2, p: 0.3, yearsToLimit: {years}, "
            f"constantR: true}}).monthsToCeiling", "<test>").value
        assert got == pytest.approx(d0 * (1 - 2 ** (-n * s)) / (1 - 2 ** -s), rel=1e-12)


def test_returns_below_one_slow_each_doubling():
    sim = Session(samples=10, seed=1).evaluate(
        "forethoughtSimulate({f: 8, r0: 0.5, p: 0.3, yearsToLimit: 11, constantR: true})",
        "<test>").fields
    # doubling time grows by 2^(p (1/r - 1)) = 2^0.3 each step; D0 = 1/3 month
    factor, d0 = 2 ** 0.3, 1 / 3
    steps = math.floor(math.log(1 + 12 * (factor - 1) / d0) / math.log(factor))
    used = d0 * (factor ** steps - 1) / (factor - 1)
    want = steps + (12 - used) / (d0 * factor ** steps)
    assert sim["doublings"].value == pytest.approx(want, rel=1e-12)
    assert sim["monthsToCeiling"].value == math.inf


def test_many_samples_run_in_one_vectorised_loop():
    sim = Session(samples=200_000, seed=1).evaluate(
        "forethoughtSimulate({f: 2 to 32, r0: 0.4 to 3.6, p: 0.15 to 0.6, "
        "yearsToLimit: uniform(6, 16)})", "<test>").fields
    doublings = sim["doublings"].samples
    assert doublings.shape == (200_000,) and np.all(np.isfinite(doublings))
    assert np.all(doublings > 0)
