"""Takeoff: research input from labour and compute (DOMAIN.md sections 3.2, 3.4, 3.5).

Cobb-Douglas ``L^alpha C^gamma`` and CES ``(a L^rho + (1-a) C^rho)^(1/rho)``, the CES
compute-bottleneck ceiling and three ways to elicit rho, and parallelism-adjusted AI
labour. The CES forms are computed in logs so that they are exact through rho = 0
(where CES becomes Cobb-Douglas) and do not overflow for large |rho ln L|; Monte Carlo
samples of rho routinely straddle 0.
"""
from __future__ import annotations

import numpy as np

from dsl.engine.registry import builtin
from dsl.engine.types import Num

from .takeoff_params import (AboveOne, NonNegative, OpenShare, Positive,
                             UnitInterval, checked, expit, floats)

__all__ = ["log_ces", "labor_share", "cobb_douglas", "ces", "ces_labor_share",
           "ces_labor_ceiling", "rho_from_labor_ceiling", "rho_from_asymptotes",
           "rho_from_sigma", "parallel_labor", "labor_elasticity"]

Rho = Num.where(lambda x: x <= 1, "<= 1 (rho = 1 is perfect substitutes)")
Finite = Num.where(lambda x: (x > 1) & np.isfinite(x), "> 1 and finite")


def log_ces(u, v, a, rho):
    """``ln((a e^(rho u) + (1-a) e^(rho v))^(1/rho))``: the log of CES research input
    with ln L = u and ln C = v, element-wise over arrays.

    Written ``v + log1p(a expm1(w))/rho`` with w = rho (u - v), which keeps full
    precision as rho -> 0 (the naive form loses digits as 1/rho grows); where w is too
    large for expm1, ``u + (ln a + log1p((1-a)/a e^-w))/rho``. Below |rho| = 1e-200 the
    correction to the Cobb-Douglas limit ``a u + (1-a) v`` is under rounding, and it is
    used (as at rho = 0 exactly). E(L, L) = L exactly, also for L = 0 or Infinity."""
    u, v, a, rho = floats(u, v, a, rho)
    w = rho * (u - v)
    cobb_douglas = np.abs(rho) < 1e-200
    safe = np.where(cobb_douglas, 1.0, rho) if cobb_douglas.any() else rho
    out = v + np.log1p(a * np.expm1(w)) / safe
    big = w > 700
    if big.any():
        out = np.where(big, u + (np.log(a) + np.log1p((1 - a) / a * np.exp(-w))) / safe, out)
    if cobb_douglas.any():
        out = np.where(cobb_douglas, a * u + (1 - a) * v, out)
    same = u == v
    if same.any():
        out = np.where(same, u, out)
    return out


def labor_share(u, v, a, rho):
    """Labour's local elasticity ``a L^rho / (a L^rho + (1-a) C^rho)`` with ln L = u
    and ln C = v, as a logistic function of ``ln(a/(1-a)) + rho (u - v)`` (no
    overflow); exactly a at rho = 0."""
    u, v, a, rho = floats(u, v, a, rho)
    z = np.log(a) - np.log1p(-a) + rho * (u - v)
    return np.where(rho == 0, a, expit(z))


@builtin("Takeoff.cobbDouglas", aliases=["cobbDouglas"],
         examples=[("cobbDouglas(8, 27, 1/3)", "18"), ("cobbDouglas(4, 9, 0.5, 1)", "18")])
def cobb_douglas(L: NonNegative, C: NonNegative, alpha: UnitInterval,
                 gamma: NonNegative = None) -> Num:
    """Cobb-Douglas research input ``L^alpha C^gamma`` (gamma = 1 - alpha unless
    given). Its growth rate is ``alpha gL + gamma gC`` (``researchInputGrowth``)."""
    L, C, alpha = floats(L, C, alpha)
    gamma = 1 - alpha if gamma is None else gamma
    return checked(L ** alpha * C ** gamma, "Takeoff.cobbDouglas", L, C, alpha)


@builtin("Takeoff.ces", aliases=["ces"], labels={"a": "a (labour's weight)"},
         examples=[("ces(2, 1, 0.5, 0)", "sqrt(2)"),
                   ("ces(2, 1, 0.5, -0.5)", "1 / (0.5 / sqrt(2) + 0.5)^2"),
                   ("ces(2, 1, 0.5, 1)", "1.5")])
def ces(L: NonNegative, C: NonNegative, a: OpenShare, rho: Rho) -> Num:
    """CES research input ``(a L^rho + (1-a) C^rho)^(1/rho)``; rho = 0 is Cobb-Douglas
    ``L^a C^(1-a)``, rho -> -Infinity is min(L, C) (complements), rho = 1 is
    ``a L + (1-a) C`` (substitutes). The elasticity of substitution is 1/(1-rho).

    Computed as ``C exp(log1p(a expm1(rho ln(L/C))) / rho)`` so that it is exact
    through rho = 0."""
    L, C = floats(L, C)
    return checked(np.exp(log_ces(np.log(L), np.log(C), a, rho)), "Takeoff.ces", L, C, a, rho)


@builtin("Takeoff.cesLaborShare", aliases=["cesLaborShare"],
         examples=[("cesLaborShare(2, 1, 0.5, 0)", "0.5"),
                   ("cesLaborShare(4, 1, 0.5, 0.5)", "2 / 3")])
def ces_labor_share(L: NonNegative, C: NonNegative, a: OpenShare, rho: Rho) -> Num:
    """Labour's local elasticity (income share) in CES research input,
    ``a L^rho / (a L^rho + (1-a) C^rho)``. With AI labour growing with software and
    compute fixed, the local feedback exponent is ``lambda * share - beta``."""
    L, C = floats(L, C)
    return checked(labor_share(np.log(L), np.log(C), a, rho), "Takeoff.cesLaborShare",
                   L, C, a, rho)


@builtin("Takeoff.cesLaborCeiling", aliases=["cesLaborCeiling"],
         examples=[("cesLaborCeiling(1, 0.5, -0.5)", "4"),
                   ("cesLaborCeiling(1, 0.5, 0.3)", "1/0")])
def ces_labor_ceiling(C: NonNegative, a: OpenShare, rho: Rho) -> Num:
    """The most CES research input infinite labour can give with compute C:
    ``(1-a)^(1/rho) C`` for rho < 0 (complements: compute bottlenecks), Infinity for
    rho >= 0."""
    C, a, rho = floats(C, a, rho)
    safe = np.where(rho < 0, rho, -1.0)
    capped = np.exp(np.log1p(-a) / safe) * C
    return checked(np.where(rho < 0, capped, np.inf), "Takeoff.cesLaborCeiling", C, a, rho)


@builtin("Takeoff.rhoFromLaborCeiling", aliases=["rhoFromLaborCeiling"],
         labels={"maxBoost": "maxBoost (research input with infinite labour)"},
         examples=[("rhoFromLaborCeiling(4, 0.5)", "-0.5"),
                   ("cesLaborCeiling(1, 0.3, rhoFromLaborCeiling(10, 0.3))", "10")])
def rho_from_labor_ceiling(maxBoost: AboveOne, a: OpenShare) -> Num:
    """The rho at which infinite labour multiplies research input at most ``maxBoost``-
    fold (compute fixed): ``ln(1-a) / ln(maxBoost)``, the inverse of
    ``cesLaborCeiling``."""
    maxBoost, a = floats(maxBoost, a)
    return checked(np.log1p(-a) / np.log(maxBoost), "Takeoff.rhoFromLaborCeiling",
                   maxBoost, a)


@builtin("Takeoff.rhoFromAsymptotes", aliases=["rhoFromAsymptotes"],
         labels={"laborAsymptote": "laborAsymptote (the boost from infinite labour)",
                 "computeAsymptote": "computeAsymptote (the boost from infinite compute)"},
         examples=[("rhoFromAsymptotes(2, 2)", "-1"),
                   ("10 ^ rhoFromAsymptotes(10, 3) + 3 ^ rhoFromAsymptotes(10, 3)", "1")])
def rho_from_asymptotes(laborAsymptote: Finite, computeAsymptote: Finite) -> Num:
    """The rho for which the largest boosts from infinite labour (X_L) and from infinite
    compute (X_C) are as given: the root of ``X_L^rho + X_C^rho = 1`` (always < 0).

    Solved by Newton's method on ``ln(X_L^rho + X_C^rho)``, which is convex and
    increasing in rho, started at rho = 0 to the right of the root, so the iterates
    fall monotonically onto it."""
    lL, lC = floats(np.log(laborAsymptote), np.log(computeAsymptote))
    rho = np.zeros(np.broadcast(lL, lC).shape)
    for _ in range(100):
        g = np.logaddexp(rho * lL, rho * lC)
        w = expit(rho * (lL - lC))  # X_L^rho / (X_L^rho + X_C^rho)
        step = g / (w * lL + (1 - w) * lC)
        rho = rho - step
        if np.all(np.abs(step) <= 1e-15 * np.maximum(1.0, np.abs(rho))):
            break
    return rho


@builtin("Takeoff.rhoFromSigma", aliases=["rhoFromSigma"],
         labels={"sigma": "sigma (the elasticity of substitution)"},
         examples=[("rhoFromSigma(2)", "0.5"), ("rhoFromSigma(1)", "0")])
def rho_from_sigma(sigma: Positive) -> Num:
    """rho from the elasticity of substitution sigma: ``(sigma - 1) / sigma``."""
    (sigma,) = floats(sigma)
    return 1 - 1 / sigma


@builtin("Takeoff.parallelLabor", aliases=["parallelLabor"],
         labels={"p": "p (the return to parallel copies)"},
         examples=[("parallelLabor(1000, 30, 0.7)", "1000 ^ 0.7 * 30"),
                   ("parallelLabor(16, 1, 0.5)", "4")])
def parallel_labor(copies: Positive, speed: Positive, p: UnitInterval) -> Num:
    """Effective labour of ``copies`` parallel AI researchers each running ``speed``
    times as fast as a human: ``copies^p * speed``. Serial speed counts fully,
    parallel copies are penalised (Greenblatt's parallelism penalty, p about 0.7)."""
    return np.power(copies, p) * speed


@builtin("Takeoff.laborElasticity", aliases=["laborElasticity"],
         labels={"p": "p (the return to parallel copies)",
                 "phi": "phi (the part of software gains taken as speed)"},
         examples=[("laborElasticity(0.7, 0)", "0.7"), ("laborElasticity(0.7, 1)", "1"),
                   ("laborElasticity(0.5, 0.5)", "0.75")])
def labor_elasticity(p: UnitInterval, phi: UnitInterval) -> Num:
    """kappa = d ln(effective labour) / d ln(software) when a fraction phi (in logs) of
    software gains runs the AIs faster and the rest runs more copies:
    ``p (1 - phi) + phi``. Use it as ``takeoffRatio``'s kappa."""
    return np.multiply(p, np.subtract(1, phi)) + phi
