"""Properties of the takeoff library: continuity through the branch points (s = 0, k = 0,
rho = 0), the dynamics' functions agreeing with each other, and element-wise branches
on distributions whose samples straddle a boundary matching scalar evaluation."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import stdlib  # noqa: F401  (declares the builtins)
from dsl import Session
from dsl.engine.values import List, Number, Record


def value(source: str, samples: int = 100):
    """The plain Python value of a DSL program."""
    v = Session(samples=samples, seed=1).evaluate(source, "<test>")
    return _plain(v)


def _plain(v):
    if isinstance(v, Number):
        return v.value
    if isinstance(v, List):
        return [_plain(x) for x in v.items]
    if isinstance(v, Record):
        return {k: _plain(x) for k, x in v.fields.items()}
    return v.samples


def _close(a, b, rel, abs_=1e-300):
    if isinstance(a, list):
        return all(_close(x, y, rel, abs_) for x, y in zip(a, b)) and len(a) == len(b)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k], rel, abs_) for k in a)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


# ---- continuity: values a hair either side of a branch point match the branch's limit ----

CONTINUOUS = [
    # (expression with X, the branch point)
    ("trajectory(1.3, 0.9, X)", 0.0),
    ("trajectory(2, 0.8, X, {k: 0.5})", 0.0),
    ("timeToMultiple(1000, 1.2, X)", 0.0),
    ("timeToMultiple(50, 0.9, X, {k: 0.3})", 0.0),
    ("growthRateAt(2, 0.7, X)", 0.0),
    ("growthRateAt(1, 1, X, {k: -0.2})", 0.0),
    ("doublingTimes(3, 1.1, X)", 0.0),
    ("doublingTimes(3, 1.1, X, {k: 0.2})", 0.0),
    ("trajectory(2, 0.8, 0.2, {k: X})", 0.0),
    ("blowupTime(0.8, 0.2, {k: X})", 0.0),
    ("timeToMultiple(20, 0.8, 0.2, {k: X})", 0.0),
    ("ces(2, 3, 0.3, X)", 0.0),
    ("ces(1e-5, 1e5, 0.7, X)", 0.0),
    ("cesLaborShare(5, 1, 0.4, X)", 0.0),
    ("cesTimeToMultiple(1000, 1, 0.5, X, 1, 0.3)", 0.0),
    ("cesTimeToMultiple(1e6, 1.5, 0.5, X, 1, 0.7)", 0.0),
    ("cesTimeToMultiple(1e9, 1, 0.2, X, 0.9, 0.3)", 0.0),
    ("cesLaborCeiling(1, 0.5, X)", 0.0),
    ("ceilingPeakSpeedup(0.3, X, 88)", 1.0),
    ("ceilingGrowth(30, 1, 0.3, X, 88)", 1.0),
]


@pytest.mark.parametrize("expr,point", CONTINUOUS)
@pytest.mark.parametrize("offset", [-1e-9, 1e-9])
def test_continuous_through_branch_point(expr, point, offset):
    at = value(expr.replace("X", repr(point)))
    near = value(expr.replace("X", repr(point + offset)))
    assert _close(near, at, 1e-6, 1e-6), f"{expr}: {near} at {point + offset} vs {at} at {point}"


def test_ces_blowup_is_continuous_from_above_and_infinite_below_rho_0():
    # with rho < 0 compute caps research input, so no path blows up however close rho
    # is to 0; from above the blow-up time tends to Cobb-Douglas's 1/(s g0)
    at = value("cesBlowupTime(1, 0.6, 0, 1, 0.3)")
    assert at == pytest.approx(1 / (0.6 - 0.3), rel=1e-12)
    assert value("cesBlowupTime(1, 0.6, 1e-9, 1, 0.3)") == pytest.approx(at, rel=1e-7)
    assert value("cesBlowupTime(1, 0.6, -1e-9, 1, 0.3)") == math.inf


def test_ces_peak_recedes_to_infinity_as_rho_rises_to_0():
    levels = [value(f"cesPeakGrowth(0.5, {r}, 1, 0.3).softwareLevel")
              for r in (-1, -0.1, -0.01, -1e-9)]
    assert levels == sorted(levels) and levels[-1] == math.inf
    assert value("cesPeakGrowth(0.5, 0, 1, 0.3)") == {"softwareLevel": math.inf,
                                                      "growthMultiple": math.inf}


def test_ceiling_growth_tends_to_the_no_ceiling_limit():
    far = value("ceilingGrowth(30, 1, 0.3, 1.2, 1e12)")
    assert far == pytest.approx(value("ceilingGrowth(30, 1, 0.3, 1.2, 1/0)"), rel=1e-9)
    assert value("ceilingGrowth(30, 1, 0.3, 1.2, 1/0)") == pytest.approx(
        2 ** (0.3 * 30 * (1 - 1 / 1.2)), rel=1e-12)


# ---- the dynamics' functions agree with each other ----

@settings(max_examples=150, deadline=None)
@given(g0=st.floats(0.05, 5), s=st.floats(-2, 2), k=st.sampled_from([0.0, 0.3, -0.3, 1.0]),
       log_k=st.floats(0.01, 30))
def test_trajectory_reaches_K_at_time_to_multiple(g0, s, k, log_k):
    K = math.exp(log_k)
    opts = f"{{k: {k!r}}}"
    t = value(f"timeToMultiple({K!r}, {g0!r}, {s!r}, {opts})")
    if math.isinf(t):  # only when compute shrinks (k < 0) and stalls growth below K
        assert k < 0
        return
    a = value(f"trajectory({t!r}, {g0!r}, {s!r}, {opts})")
    g = value(f"growthRateAt({t!r}, {g0!r}, {s!r}, {opts})")
    # A is as sensitive to t as its growth rate says (dA/A = g dt), so the check is
    # relative to that condition number; once K^-s is below rounding, t(K) rounds to
    # the blow-up time itself and A(t) is Infinity: then g is Infinity too
    assert abs(a / K - 1) <= 1e-13 * (1 + g * t) * (1 + log_k)
    assert t <= value(f"blowupTime({g0!r}, {s!r}, {opts})") * (1 + 1e-15)


@settings(max_examples=100, deadline=None)
@given(g0=st.floats(0.05, 5), s=st.floats(-2, 2), k=st.sampled_from([0.0, 0.5, -0.2]),
       frac=st.floats(0, 0.999))
def test_time_to_multiple_inverts_trajectory(g0, s, k, frac):
    opts = f"{{k: {k!r}}}"
    blowup = value(f"blowupTime({g0!r}, {s!r}, {opts})")
    t = frac * blowup if math.isfinite(blowup) else frac * 10
    a = value(f"trajectory({t!r}, {g0!r}, {s!r}, {opts})")
    assume(math.isfinite(a))  # A itself may exceed the largest float before the blow-up
    back = value(f"timeToMultiple({a!r}, {g0!r}, {s!r}, {opts})")
    assert back == pytest.approx(t, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("g0,s", [(1, 0.5), (0.3, 0.05), (2, 1), (1.16, 0.43)])
def test_doubling_times_sum_to_the_blowup(g0, s):
    blowup = value(f"blowupTime({g0}, {s})")
    for n in (10, 100, 400):
        total = math.fsum(value(f"doublingTimes({n}, {g0}, {s})"))
        assert total == pytest.approx(blowup * (1 - 2 ** (-n * s)), rel=1e-12)
        gap = blowup - total  # what is left: the doublings after the n-th
        assert -1e-12 * blowup <= gap <= blowup * (2 ** (-n * s) + 1e-12)
    assert math.fsum(value(f"doublingTimes(2000, {g0}, {s})")) == pytest.approx(blowup,
                                                                              rel=1e-12)


@pytest.mark.parametrize("k", [0.5, -0.05])
def test_doubling_times_with_exogenous_growth_sum_to_its_blowup(k):
    g0, s = 0.8, 0.2
    blowup = value(f"blowupTime({g0}, {s}, {{k: {k}}})")
    totals = [math.fsum(value(f"doublingTimes({n}, {g0}, {s}, {{k: {k}}})"))
              for n in (5, 50, 500)]
    assert totals == sorted(totals)
    assert totals[-1] == pytest.approx(blowup, rel=1e-9)
    assert totals[1] == pytest.approx(value(f"timeToMultiple(2^50, {g0}, {s}, {{k: {k}}})"),
                                      rel=1e-12)


def test_subexponential_doublings_lengthen_and_never_blow_up():
    durations = value("doublingTimes(5, 1, -0.5)")
    assert durations == sorted(durations)
    assert value("blowupTime(1, -0.5)") == math.inf


def test_fit_hyperbolic_reproduces_its_two_observations():
    fit = value("fitHyperbolic(5, 2)")
    assert value(f"trajectory(1, {fit['g0']!r}, {fit['s']!r})") == pytest.approx(5, rel=1e-12)
    assert value(f"blowupTime({fit['g0']!r}, {fit['s']!r})") == pytest.approx(2, rel=1e-12)


# ---- element-wise branches on distributions straddling a boundary ----

STRADDLING = np.array([-0.8, -0.3, -1e-9, -1e-14, 0.0, 0.0, 1e-14, 1e-9, 0.3, 0.8, 1.5, -1.5])
AROUND_ONE = 1 + np.array([-0.5, -1e-9, 0.0, 1e-9, 0.5, 2.0, -0.1, 0.1, 1.0, 0.0, -0.9, 3.0])
ELEMENTWISE = [
    # (expression with x, samples of x)
    ("trajectory(1.5, 1.1, x)", STRADDLING),
    ("trajectory([0.5, 1, 3], 1.1, x)", STRADDLING),
    ("trajectory(2, 0.8, 0.2, {k: x})", STRADDLING),
    ("trajectory(2, 0.8, x, {k: x})", STRADDLING),
    ("blowupTime(1.2, x)", STRADDLING),
    ("blowupTime(0.8, 0.2, {k: x})", STRADDLING),
    ("timeToMultiple(100, 0.9, x)", STRADDLING),
    ("timeToMultiple(100, 0.9, 0.1, {k: x})", STRADDLING),
    ("growthRateAt(1.2, 0.9, x)", STRADDLING),
    ("doublingTimes(3, 0.9, x)", STRADDLING),
    ("doublingTimes(3, 0.9, 0.3, {k: x})", STRADDLING),
    ("ces(3, 0.5, 0.4, x / 2)", STRADDLING),
    ("cesLaborShare(3, 0.5, 0.4, x / 2)", STRADDLING),
    ("cesLaborCeiling(2, 0.4, x / 2)", STRADDLING),
    ("cesTimeToMultiple(1e4, 1.3, 0.5, x / 2, 1, 0.4)", STRADDLING),
    ("cesTimeToMultiple(1e4, 1.3, 0.3, x / 2, 1, 0.6)", STRADDLING),
    ("cesBlowupTime(1.3, 0.5, x / 2, 1, 0.4)", STRADDLING),
    ("cesBlowupTime(1.3, 0.3, x / 2, 1, 0.6)", STRADDLING),
    ("cesPeakGrowth(0.5, x / 2, 1, 0.3)", STRADDLING),
    ("feedbackExponent(0.3, x)", AROUND_ONE),
    ("ceilingPeakSpeedup(0.3, x, 88)", AROUND_ONE),
    ("ceilingGrowth(20, 1, 0.3, x, 88)", AROUND_ONE),
    ("forethoughtSimulate({f: 8, r0: x, p: 0.3, yearsToLimit: 11})", AROUND_ONE),
    ("forethoughtSimulate({f: 8, r0: x, p: 0.3, yearsToLimit: 11, constantR: true, "
     "horizonMonths: 72})", AROUND_ONE),
    ("fitHyperbolic(5, 1 / (x * x + 0.01) + 1)", STRADDLING),
]


def _literal(x: float) -> str:
    return "(1/0)" if x == math.inf else f"({float(x)!r})"


def _column(result, i):
    if isinstance(result, np.ndarray):
        return float(result[i])
    if isinstance(result, list):
        return [_column(r, i) for r in result]
    if isinstance(result, dict):
        return {k: _column(r, i) for k, r in result.items()}
    return result


@pytest.mark.parametrize("expr,xs", ELEMENTWISE, ids=[e for e, _ in ELEMENTWISE])
def test_elementwise_branches_match_scalar_evaluation(expr, xs):
    session = Session(samples=xs.size, seed=1)
    vectorised = _plain(session.run(f"x = 0\nresult = {expr}", "<test>",
                                    inputs={"x": xs}).bindings["result"])
    for i, x in enumerate(xs):
        scalar = value(f"x = {_literal(x)}\n{expr}")
        assert _close(_column(vectorised, i), scalar, 1e-13), (x, _column(vectorised, i),
                                                              scalar)
