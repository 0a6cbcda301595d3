"""Takeoff: software-only takeoff with CES research input and fixed compute (DOMAIN.md 3.5).

AI labour grows with software (L = A) while compute stays at C = 1, so the growth rate
of software is ``g(A) = g0 A^(-beta) E(A)^lambda`` with ``E = (a A^rho + 1-a)^(1/rho)``.
The time to reach K A0 is the integral in y = ln A

    t(K) = (1/g0) integral_0^(ln K) exp(beta y - lambda ln E(e^y)) dy.

For rho > 0 and lambda > beta it has a closed form: substituting labour's share
``w = a A^rho / (a A^rho + 1-a)`` turns it into an incomplete Beta function,
``t = a^-m (1-a)^(m-n) B(m, n-m) [I_w1(m, n-m) - I_a(m, n-m)] / (g0 rho)`` with
m = beta/rho, n = lambda/rho, which is the Gauss 2F1 form of DOMAIN.md rewritten; the
blow-up (w1 = 1) is ``a^-m (1-a)^(m-n) B(m, n-m) (1 - I_a(m, n-m)) / (g0 rho)``. Elsewhere
(rho <= 0, lambda <= beta, small rho where m and n are huge, or where the Beta
difference would cancel) it is computed by vectorised Gauss-Legendre quadrature in
ln A (``takeoff_quadrature``); at rho = 0 exactly it is the Cobb-Douglas closed form.
"""
from __future__ import annotations

import numpy as np

from dsl.engine.registry import builtin
from dsl.engine.types import Num, RecordT

from .takeoff_inputs import Rho, labor_share, log_ces
from .takeoff_params import (AtLeastOne, OpenShare, Positive, checked, expit, floats,
                             rel_expm1)
from .takeoff_quadrature import integrate

__all__ = ["ces_time", "ces_blowup", "ces_peak"]

RHO_CLOSED = 0.01   # below this, m = beta/rho and n = lambda/rho are too large for Beta forms
_LABELS = {"a": "a (labour's initial share)", "g0": "g0 (the initial growth rate)",
           "K": "K (the multiple)"}


def _log_integrand(y, a, rho, lam, beta):
    return beta * y - lam * log_ces(y, 0.0, a, rho)


def _integrand(y, a, rho, lam, beta):
    return np.exp(_log_integrand(y, a, rho, lam, beta))


def _slope(y, a, rho, lam, beta):
    """d/dy of the log-integrand: beta - lambda * (labour's share at A = e^y)."""
    return beta - lam * labor_share(y, 0.0, a, rho)


def _by_quadrature(upper, a, rho, lam, beta):
    rate = np.maximum.reduce([np.abs(_slope(0.0, a, rho, lam, beta)),
                              np.abs(_slope(upper, a, rho, lam, beta)), 2 * np.abs(rho)])
    return integrate(_integrand, upper, rate, (a, rho, lam, beta))


def _beta_parts(a, rho, lam, beta):
    m, n = beta / rho, lam / rho
    from scipy import special
    log_front = -m * np.log(a) + (m - n) * np.log1p(-a) + special.betaln(m, n - m)
    return m, n, log_front, special


def _closed_finite(y, a, rho, lam, beta):
    """The Beta form for finite ln K = y (rho > 0, lambda > beta), and where it is
    well conditioned (the difference of incomplete Betas loses at most 2 digits).

    The difference is taken on the side where it is accurate: lower tails
    ``I_w1 - I_a`` while labour's share w1 at K is below 1/2, upper tails (computed
    from 1 - w, which ``expit`` gives to full precision) once it is above."""
    m, n, log_front, special = _beta_parts(a, rho, lam, beta)
    z1 = np.log(a) - np.log1p(-a) + rho * y
    upper = expit(z1) >= 0.5  # labour's share at K is above one half
    # lower side: I_w1(m, n-m) - I_a(m, n-m); upper side: I_(1-a)(n-m, m) - I_(1-w1)(n-m, m)
    p, q = np.where(upper, n - m, m), np.where(upper, m, n - m)
    far = special.betainc(p, q, np.where(upper, 1 - a, expit(z1)))
    near = special.betainc(p, q, np.where(upper, expit(-z1), a))
    diff = far - near
    good = np.isfinite(log_front) & (diff > 1e-2 * far) & (diff > 0)
    return np.exp(log_front + np.log(np.where(good, diff, 1.0))) / rho, good


def ces_time(y, a, rho, lam, beta):
    """g0 * (time to reach A = e^y), 1-D arrays; y may be +Infinity (the blow-up)."""
    out = np.full(y.shape, np.nan)
    infinite = np.isinf(y)
    if infinite.any():
        out[infinite] = ces_blowup(a[infinite], rho[infinite], lam[infinite], beta[infinite])
    finite = ~infinite
    cd = finite & (rho == 0)  # Cobb-Douglas: dA/dt = g0 A^(1+s), s = a lambda - beta
    out[cd] = (y * rel_expm1(-(a * lam - beta) * y))[cd]
    rest = finite & (rho != 0)
    closed = rest & (rho >= RHO_CLOSED) & (lam > beta)
    if closed.any():
        t, good = _closed_finite(y[closed], a[closed], rho[closed], lam[closed], beta[closed])
        where = np.flatnonzero(closed)
        out[where[good]] = t[good]
        rest[where[good]] = False
    if rest.any():
        out[rest] = _by_quadrature(y[rest], a[rest], rho[rest], lam[rest], beta[rest])
    return out


def ces_blowup(a, rho, lam, beta):
    """g0 * (blow-up time), 1-D arrays: finite only for rho > 0 with lambda > beta, or
    rho = 0 with a lambda > beta."""
    out = np.full(a.shape, np.inf)
    s = a * lam - beta
    cd = (rho == 0) & (s > 0)
    out[cd] = 1 / s[cd]
    pending = (rho > 0) & (lam > beta)
    closed = pending & (rho >= RHO_CLOSED)
    if closed.any():
        t, good = _closed_blowup(a[closed], rho[closed], lam[closed], beta[closed])
        where = np.flatnonzero(closed)
        out[where[good]] = t[good]
        pending[where[good]] = False
    if pending.any():
        out[pending] = _blowup_by_quadrature(a[pending], rho[pending], lam[pending],
                                             beta[pending])
    return out


def _closed_blowup(a, rho, lam, beta):
    """The Beta form of the blow-up time, and where it is usable (the incomplete Beta
    tail underflows to 0 when m and n are large and a lies far in it)."""
    m, n, log_front, special = _beta_parts(a, rho, lam, beta)
    tail = special.betainc(n - m, m, 1 - a)  # 1 - I_a(m, n - m), without cancellation
    good = (tail > 0) & np.isfinite(log_front)
    return np.exp(log_front + np.log(np.where(good, tail, 1.0))) / rho, good


def _blowup_by_quadrature(a, rho, lam, beta):
    """The blow-up integral for small rho > 0 with lambda > beta, cut where the rest is
    below 1e-16 of the total. The log-integrand is concave with slope between
    beta - a lambda and beta - lambda < 0: past the point y2 where the slope reaches
    half of beta - lambda, the tail beyond y2 + L is below 2 exp(-(lambda - beta) L / 2)
    of the total; when a lambda > beta it also decays from the start, at rate >= s."""
    gap = lam - beta
    s = a * lam - beta
    logit_a = np.log(a) - np.log1p(-a)
    share = (lam + beta) / (2 * lam)
    y2 = np.maximum(0.0, (np.log(share) - np.log1p(-share) - logit_a) / rho)
    cut = y2 + 2 * 38 / gap
    from_start = np.where(s > 0, (38 + np.log(gap / np.where(s > 0, s, 1.0))) /
                          np.where(s > 0, s, 1.0), np.inf)
    cut = np.minimum(cut, from_start)
    # where growth first slows (a lambda < beta), the peak of the integrand alone may
    # exceed the largest float: the blow-up is then astronomically late
    peak = np.maximum(0.0, (np.log(beta / lam) - np.log1p(-beta / lam) - logit_a) / rho)
    huge = _log_integrand(peak, a, rho, lam, beta) > 700
    out = np.full(a.shape, np.inf)
    ok = ~huge
    out[ok] = _by_quadrature(cut[ok], a[ok], rho[ok], lam[ok], beta[ok])
    return out


def ces_peak(a, rho, lam, beta):
    """(A*, g*/g0) element-wise, see ``cesPeakGrowth``."""
    a, rho, lam, beta = floats(a, rho, lam, beta)
    s = a * lam - beta
    interior = (rho < 0) & (s > 0)
    unbounded = ((rho > 0) & (lam > beta)) | ((rho == 0) & (s > 0))
    safe_rho = np.where(interior, rho, -1.0)
    safe_gap = np.where(interior, lam - beta, 1.0)
    ln_peak = (np.log1p(-a) + np.log(beta) - np.log(a) - np.log(safe_gap)) / safe_rho
    ln_growth = -beta * ln_peak + lam * log_ces(ln_peak, 0.0, a, safe_rho)
    level = np.where(interior, np.exp(ln_peak), np.where(unbounded, np.inf, 1.0))
    growth = np.where(interior, np.exp(ln_growth), np.where(unbounded, np.inf, 1.0))
    return level, growth


def _flat(*xs):
    shape = np.broadcast(*xs).shape
    return shape, [np.broadcast_to(x, shape).astype(np.float64).ravel() for x in xs]


@builtin("Takeoff.cesTimeToMultiple", aliases=["cesTimeToMultiple"], labels=_LABELS,
         examples=[("cesTimeToMultiple(1000, 1, 0.5, 0.5, 1, 0.5)", "3.754772559746276"),
                   ("cesTimeToMultiple(8, 2, 0.5, 0, 1, 0.5)", "log(8) / 2"),
                   ("cesTimeToMultiple(1/0, 1, 0.5, 0.5, 1, 0.5)", "4")])
def ces_time_to_multiple(K: AtLeastOne, g0: Positive, a: OpenShare, rho: Rho,
                         lambda_: Positive, beta: Positive) -> Num:
    """The time until software reaches K times its start when AI labour grows with
    software on fixed compute and research input is CES:
    ``(1/g0) integral_0^(ln K) e^(beta y) (a e^(rho y) + 1-a)^(-lambda/rho) dy``.

    Incomplete-Beta closed form for rho > 0 with lambda > beta, Cobb-Douglas closed
    form at rho = 0 (s = a lambda - beta), vectorised Gauss-Legendre quadrature in ln A
    otherwise. K = Infinity gives ``cesBlowupTime``."""
    K, g0 = floats(K, g0)
    shape, (y, a, rho, lam, beta) = _flat(np.log(K), a, rho, lambda_, beta)
    t = ces_time(y, a, rho, lam, beta).reshape(shape) / g0
    return checked(t, "Takeoff.cesTimeToMultiple", K, g0, a, rho, lambda_, beta)


@builtin("Takeoff.cesBlowupTime", aliases=["cesBlowupTime"], labels=_LABELS,
         examples=[("cesBlowupTime(1, 0.5, 0.5, 1, 0.5)", "4"),
                   ("cesBlowupTime(1, 0.5, -0.5, 1, 0.3)", "1/0"),
                   ("cesBlowupTime(2, 0.5, 0, 1, 0.25)", "1 / (2 * 0.25)")])
def ces_blowup_time(g0: Positive, a: OpenShare, rho: Rho, lambda_: Positive,
                    beta: Positive) -> Num:
    """When software becomes infinite in the CES software-only takeoff (fixed compute):
    ``(1/g0) integral_0^Infinity e^(beta y) (a e^(rho y) + 1-a)^(-lambda/rho) dy``.

    Finite only for rho > 0 with lambda > beta (labour's share rises towards 1, so the
    takeoff ends up exploding even when a lambda < beta at first) and for rho = 0 with
    a lambda > beta; with rho < 0 compute caps research input and every path fizzles."""
    (g0,) = floats(g0)
    shape, (a, rho, lam, beta) = _flat(a, rho, lambda_, beta)
    t = ces_blowup(a, rho, lam, beta).reshape(shape) / g0
    return checked(t, "Takeoff.cesBlowupTime", g0, a, rho, lambda_, beta)


@builtin("Takeoff.cesPeakGrowth", aliases=["cesPeakGrowth"], labels=_LABELS,
         examples=[("cesPeakGrowth(0.5, -0.5, 1, 0.3).softwareLevel",
                    "(0.5 * 0.3 / (0.5 * 0.7)) ^ -2"),
                   ("cesPeakGrowth(0.5, -0.5, 1, 0.6).growthMultiple", "1"),
                   ("cesPeakGrowth(0.5, 0.5, 1, 0.6).growthMultiple", "1/0")])
def ces_peak_growth(a: OpenShare, rho: Rho, lambda_: Positive, beta: Positive) -> RecordT():
    """Where growth peaks in the CES software-only takeoff with compute fixed: labour's
    share falls as software grows (rho < 0), and growth peaks where it reaches beta /
    lambda, at ``A* = ((1-a) beta / (a (lambda - beta)))^(1/rho)`` with ``g*/g0 =
    A*^-beta (a A*^rho + 1-a)^(lambda/rho)``.

    Returns ``{softwareLevel, growthMultiple}`` (A* relative to the start, g*/g0):
    ``{1, 1}`` when growth never rises (a lambda <= beta, or lambda <= beta), and
    ``{Infinity, Infinity}`` when it rises without bound (rho > 0 with lambda > beta,
    or rho = 0 with a lambda > beta)."""
    level, growth = ces_peak(a, rho, lambda_, beta)
    return {"softwareLevel": checked(level, "Takeoff.cesPeakGrowth", a, rho, lambda_, beta),
            "growthMultiple": checked(growth, "Takeoff.cesPeakGrowth", a, rho, lambda_, beta)}
