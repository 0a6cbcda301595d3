"""Takeoff: the dynamics of ``dA/dt = g0 A^(1+s) e^(k t)`` in closed form (DOMAIN.md 3.3).

s > 0 blows up in finite time, s = 0 is exponential, s < 0 polynomial; k adds
exogenous growth of other inputs (compute still growing during the takeoff). With
``tau(t) = (e^(k t) - 1)/k`` (tau = t when k = 0) the solution is
``A(t) = A0 (1 - s g0 tau)^(-1/s)``, computed as ``A0 exp(-log1p(-s g0 tau)/s)`` so that it
is exact through s = 0. Every branch (sign of s, k = 0, after the blow-up) is chosen
per element with masks, because Monte Carlo samples of s straddle 0. No ODE solver is
involved: near a blow-up, time-stepping solvers disagree with each other and with the
truth (DOMAIN.md 3.7), and the closed forms are exact.
"""
from __future__ import annotations

import math

import numpy as np

from dsl.engine.registry import Context, builtin
from dsl.engine.types import ListOf, Num, NonNegativeInt, RecordT

from .takeoff_params import (AboveOne, AtLeastOne, NonNegative, Option, Positive, RealNum,
                             checked, floats, read_options, rel_expm1, rel_log1p)

__all__ = ["tau", "trajectory_at", "blowup_time", "time_to_multiple", "time_to_log_multiple",
           "trajectory", "growth_rate_at", "doubling_times", "fit_hyperbolic"]

LN2 = math.log(2)
_K = {"k": Option(RealNum, 0.0)}
_K_A0 = {"k": Option(RealNum, 0.0), "A0": Option(Positive, 1.0, alias="a0")}
_LABELS = {"g0": "g0 (the initial growth rate)", "s": "s (the feedback exponent)",
           "K": "K (the multiple)", "t": "t (the time)"}


def tau(t, k):
    """Effective time ``(e^(k t) - 1)/k`` (t where k = 0; -1/k as t -> Infinity when k < 0)."""
    t, k = floats(t, k)
    kt = k * t
    return np.where(np.isneginf(kt), -1 / np.where(k < 0, k, -1.0), t * rel_expm1(kt))


def trajectory_at(t, g0, s, k=0.0, a0=1.0):
    """A(t) element-wise: ``A0 exp(g0 tau log1p(-z)/(-z))`` with z = s g0 tau, which is
    ``A0 (1 - z)^(-1/s)`` written to be exact through s = 0; +Infinity once z >= 1."""
    t, g0, s, a0 = floats(t, g0, s, a0)
    g_tau = g0 * tau(t, k)
    z = s * g_tau
    grown = np.exp(g_tau * rel_log1p(-z))
    return a0 * np.where(np.isinf(g_tau) | (z >= 1), np.inf, grown)


def blowup_time(g0, s, k=0.0):
    """The blow-up time element-wise: ``1/(s g0)``, or ``ln(1 + k/(s g0))/k`` with
    exogenous growth; +Infinity when s <= 0 or when k < 0 slows growth enough."""
    g0, s, k = floats(g0, s, k)
    sg = np.where(s > 0, s * g0, 1.0)  # may underflow to 0 for tiny s
    z = np.where(k == 0, 0.0, k / sg)
    # ln(1 + z)/k = rel_log1p(z)/(s g0); for huge z (also z = Infinity, when s g0
    # underflows) ln(1 + z) = ln k - ln s - ln g0 + log1p(1/z) instead
    moderate = rel_log1p(z) / sg
    huge = (np.log(np.abs(k)) - np.log(np.where(s > 0, s, 1.0)) - np.log(g0)
            + np.log1p(1 / z)) / np.where(k == 0, 1.0, k)
    with_k = np.where(z > 1e8, huge, np.where(z > -1, moderate, np.inf))
    return np.where(s > 0, with_k, np.inf)


def time_to_multiple(K, g0, s, k=0.0):
    """The time at which A reaches K A0, element-wise (+Infinity if never)."""
    (K,) = floats(K)
    return time_to_log_multiple(np.log(K), g0, s, k)


def time_to_log_multiple(ln_k, g0, s, k=0.0):
    """``time_to_multiple`` of K = e^ln_k (so that 2^5000 needs no float for K):
    effective time ``tau = (ln K / g0) expm1(-s ln K)/(-s ln K)``, exact through s = 0,
    then real time ``t = ln(1 + k tau)/k``."""
    ln_k, g0, s, k = floats(ln_k, g0, s, k)
    effective = np.where(np.isposinf(ln_k), blowup_time(g0, s),
                         ln_k / g0 * rel_expm1(-s * np.where(np.isinf(ln_k), 0.0, ln_k)))
    kt = k * effective
    real = np.where(kt > -1, effective * rel_log1p(kt), np.inf)
    return np.where(np.isinf(effective), np.inf, real)


@builtin("Takeoff.trajectory", aliases=["trajectory"], labels=_LABELS,
         examples=[("trajectory(1, 1.160964047443681, 0.43067655807339306)", "5"),
                   ("trajectory(2.5, 1.160964047443681, 0.43067655807339306)", "1/0"),
                   ("trajectory(1.5, log(4), 0)", "8"), ("trajectory(3, 1, -0.5)", "6.25"),
                   ("trajectory(2, 0.8, 0.2, {k: 0.5})", "54.10216200601831"),
                   ("trajectory(1, log(2), 0, {a0: 3})", "6")])
def trajectory(t: NonNegative, g0: Positive, s: RealNum, options: RecordT() = None) -> Num:
    """Software level A(t) on ``dA/dt = g0 A^(1+s) e^(k t)`` with A(0) = A0:
    ``A0 (1 - s g0 tau)^(-1/s)`` where ``tau = (e^(k t) - 1)/k`` (tau = t for k = 0);
    ``A0 e^(g0 tau)`` at s = 0; +Infinity from the blow-up on.

    Options ``{k: 0, A0: 1}`` (also spelled ``a0``, since bare record keys start with a
    lower-case letter). t may be a number, a distribution or a list of times (then the
    result is the list of A at each)."""
    opts = read_options("Takeoff.trajectory", options, _K_A0)
    return checked(trajectory_at(t, g0, s, opts["k"], opts["A0"]), "Takeoff.trajectory",
                   t, g0, s, opts["k"])


@builtin("Takeoff.trajectory")
def _trajectory_list(ctx: Context, t: ListOf(NonNegative), g0: Positive, s: RealNum,
                     options: RecordT() = None) -> ListOf():
    opts = read_options("Takeoff.trajectory", options, _K_A0)
    ctx.check_size(len(t) * max(np.size(g0), np.size(s), 1), "trajectory points")
    return [checked(trajectory_at(ti, g0, s, opts["k"], opts["A0"]), "Takeoff.trajectory",
                    ti, g0, s, opts["k"]) for ti in t]


@builtin("Takeoff.blowupTime", aliases=["blowupTime"], labels=_LABELS,
         examples=[("blowupTime(1.160964047443681, 0.43067655807339306)", "2"),
                   ("blowupTime(1, 0)", "1/0"), ("blowupTime(1, -0.5)", "1/0"),
                   ("blowupTime(0.8, 0.2, {k: 0.5})", "log(1 + 0.5 / 0.16) / 0.5")])
def blowup_time_builtin(g0: Positive, s: RealNum, options: RecordT() = None) -> Num:
    """When A becomes infinite on ``dA/dt = g0 A^(1+s) e^(k t)``: ``1/(s g0)`` for s > 0,
    ``ln(1 + k/(s g0))/k`` with option k; +Infinity when s <= 0 (or when a negative k
    stops the explosion). Summarise it with P(blowupTime < T), not its mean."""
    opts = read_options("Takeoff.blowupTime", options, _K)
    return checked(blowup_time(g0, s, opts["k"]), "Takeoff.blowupTime", g0, s, opts["k"])


@builtin("Takeoff.timeToMultiple", aliases=["timeToMultiple"], labels=_LABELS,
         examples=[("timeToMultiple(1000, log(5), 0)", "log(1000) / log(5)"),
                   ("timeToMultiple(4, 1, 0.5)", "(1 - 4 ^ -0.5) / 0.5"),
                   ("timeToMultiple(1/0, 1, 0.5)", "2")])
def time_to_multiple_builtin(K: AtLeastOne, g0: Positive, s: RealNum,
                             options: RecordT() = None) -> Num:
    """The time until A = K A0: ``(1 - K^(-s))/(s g0)`` (``ln K / g0`` at s = 0; always
    before the blow-up), computed as ``-expm1(-s ln K)/(s g0)``. With option k the
    effective time tau is converted back: ``ln(1 + k tau)/k``. +Infinity if never."""
    opts = read_options("Takeoff.timeToMultiple", options, _K)
    return checked(time_to_multiple(K, g0, s, opts["k"]), "Takeoff.timeToMultiple",
                   K, g0, s, opts["k"])


@builtin("Takeoff.growthRateAt", aliases=["growthRateAt"], labels=_LABELS,
         examples=[("growthRateAt(1, 1.160964047443681, 0.43067655807339306)",
                    "2 * 1.160964047443681"), ("growthRateAt(5, 0.7, 0)", "0.7"),
                   ("growthRateAt(3, 1, 1)", "1/0")])
def growth_rate_at(t: NonNegative, g0: Positive, s: RealNum, options: RecordT() = None) -> Num:
    """The instantaneous growth rate ``(dA/dt)/A`` at time t: ``g0 e^(k t) / (1 - s g0
    tau)`` (``g0 / (1 - s g0 t)`` when k = 0); +Infinity from the blow-up on."""
    opts = read_options("Takeoff.growthRateAt", options, _K)
    t, g0, s, k = floats(t, g0, s, opts["k"])
    base = 1 - s * (g0 * tau(t, k))  # the same rounding as trajectory_at
    rate = np.where(base > 0, g0 * np.exp(k * t) / np.where(base > 0, base, 1.0), np.inf)
    return checked(rate, "Takeoff.growthRateAt", t, g0, s, k)


@builtin("Takeoff.doublingTimes", aliases=["doublingTimes"], labels=_LABELS,
         examples=[("doublingTimes(2, 1, 0.5)", "[2 - sqrt(2), sqrt(2) - 1]"),
                   ("doublingTimes(2, log(2), 0)", "[1, 1]")])
def doubling_times(ctx: Context, n: NonNegativeInt, g0: Positive, s: RealNum,
                   options: RecordT() = None) -> ListOf():
    """The durations of the first n doublings of A (from 2^j A0 to 2^(j+1) A0, j = 0 ..
    n-1): ``2^(-j s) (1 - 2^(-s)) / (s g0)`` (``ln 2 / g0`` at s = 0). For s > 0 they
    shrink geometrically and sum to ``blowupTime``. With option k they are
    differences of ``timeToMultiple``."""
    opts = read_options("Takeoff.doublingTimes", options, _K)
    g0, s, k = floats(g0, s, opts["k"])
    ctx.check_size(n * max(np.size(g0), np.size(s), np.size(k), 1), "doubling times")
    first = LN2 / g0 * rel_expm1(-s * LN2)
    exogenous = bool(np.any(k != 0))
    out = []
    start = time_to_log_multiple(0.0, g0, s, k)
    for j in range(n):
        duration = first * np.exp(-j * s * LN2)
        if exogenous:
            end = time_to_log_multiple((j + 1) * LN2, g0, s, k)
            duration = np.where(k == 0, duration, np.where(np.isinf(end), np.inf, end - start))
            start = end
        out.append(checked(duration, "Takeoff.doublingTimes", g0, s, k))
    return out


@builtin("Takeoff.fitHyperbolic", aliases=["fitHyperbolic"],
         labels={"multiplierAt1": "multiplierAt1 (the growth multiple in year 1)",
                 "blowupTime": "blowupTime (when A becomes infinite)"},
         examples=[("fitHyperbolic(5, 2).s", "log(2) / log(5)"),
                   ("fitHyperbolic(5, 2).g0", "log(5) / (2 * log(2))"),
                   ("fitHyperbolic(5, 1/0).s", "0")])
def fit_hyperbolic(multiplierAt1: AboveOne, blowupTime: AboveOne) -> RecordT():
    """The (s, g0) of ``dA/dt = g0 A^(1+s)`` with A(1) = multiplierAt1 and the blow-up
    at blowupTime: ``s = -ln(1 - 1/T) / ln M``, ``g0 = 1/(s T)`` (``ln M`` when T is
    Infinity: plain exponential growth). Returns ``{s, g0}``."""
    m, T = floats(multiplierAt1, blowupTime)
    s = -np.log1p(-1 / T) / np.log(m)
    g0 = np.where(np.isinf(T), np.log(m), np.log(m) / (-T * np.log1p(-1 / T)))
    return {"s": s, "g0": checked(g0, "Takeoff.fitHyperbolic", m, T)}
