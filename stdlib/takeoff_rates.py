"""Takeoff: rates, fitting and the takeoff ratio (DOMAIN.md sections 3.1, 3.2, 3.6, 5).

Rates are continuous and per year: a quantity that grows ``m``-fold per year has rate
``ln m``. Ratios of rates do not depend on the time unit; ratios of multipliers do (the
seed discussion's critique), so every fitting function here takes rates, and
``growthRate`` converts multipliers. ``takeoffRatio`` is alpha * kappa * lambda/beta
(Forethought's r_cog): software-only takeoff accelerates iff it exceeds 1.
"""
from __future__ import annotations

import math

import numpy as np

from dsl.engine.registry import builtin
from dsl.engine.types import Num, Real, RecordT

from .takeoff_params import (NonNegative, Positive, RealNum, Share, checked, floats,
                             require)

__all__ = ["growth_rate", "doubling_time", "multiplier_over", "lambda_over_beta",
           "research_input_growth", "takeoff_ratio", "takeoff_ratio_from_growth",
           "feedback_exponent", "capability_adjusted_returns",
           "takeoff_ratio_elasticities", "prob_foom", "speedup_no_sie"]

LN2 = math.log(2)
BelowOne = Num.where(lambda x: (x > 0) & (x < 1), "in (0, 1): speedupNoSIE is the case "
                     "without an explosion")


@builtin("Takeoff.growthRate", aliases=["growthRate"],
         examples=[("growthRate(4)", "log(4)"), ("growthRate(2, 0.25)", "4 * log(2)")])
def growth_rate(multiplier: Positive, period: Positive = 1.0) -> Num:
    """The continuous growth rate of something that grows ``multiplier``-fold every
    ``period`` years: ``ln(multiplier) / period``.

    Rates, unlike multipliers, can be divided and compared across time units:
    ``growthRate(4) / growthRate(2)`` is 2 whatever the unit."""
    return checked(np.log(multiplier) / period, "Takeoff.growthRate", multiplier, period)


@builtin("Takeoff.doublingTime", aliases=["doublingTime"],
         examples=[("doublingTime(log(2))", "1"), ("doublingTime(0)", "1/0")])
def doubling_time(rate: NonNegative) -> Num:
    """The time to double at a constant growth rate: ``ln 2 / rate`` (Infinity at rate
    0: it never doubles)."""
    (rate,) = floats(rate)
    return LN2 / rate


@builtin("Takeoff.multiplierOver", aliases=["multiplierOver"],
         examples=[("multiplierOver(log(4), 1)", "4"),
                   ("multiplierOver(log(4), 1 / 12)", "4 ^ (1 / 12)")])
def multiplier_over(rate: RealNum, dt: RealNum) -> Num:
    """How many-fold a quantity growing at ``rate`` grows in time ``dt``:
    ``exp(rate * dt)`` (the inverse of ``growthRate``)."""
    return checked(np.exp(np.multiply(rate, dt)), "Takeoff.multiplierOver", rate, dt)


@builtin("Takeoff.lambdaOverBeta", aliases=["lambdaOverBeta"],
         labels={"gA": "gA (the software growth rate)",
                 "gE": "gE (the research input growth rate)"},
         examples=[("lambdaOverBeta(log(4), log(2))", "2")])
def lambda_over_beta(gA: NonNegative, gE: Positive) -> Num:
    """Returns to research lambda/beta fitted from a balanced growth path on which
    software grows at rate gA and research input at rate gE: ``gA / gE``.

    From ``g_A = theta A^-beta E^lambda`` being constant: ``-beta gA + lambda gE = 0``."""
    return checked(np.divide(gA, gE), "Takeoff.lambdaOverBeta", gA, gE)


@builtin("Takeoff.researchInputGrowth", aliases=["researchInputGrowth"],
         examples=[("researchInputGrowth(1, 2, 0.25)", "1.75"),
                   ("researchInputGrowth(1, 2, 0.5, 1)", "2.5")])
def research_input_growth(gL: RealNum, gC: RealNum, alpha: NonNegative,
                          gamma: NonNegative = None) -> Num:
    """The growth rate of Cobb-Douglas research input ``E = L^alpha C^gamma``:
    ``alpha gL + gamma gC``, with gamma = 1 - alpha unless given (the exponents need
    not sum to 1)."""
    gamma = _gamma("Takeoff.researchInputGrowth", alpha, gamma)
    return checked(np.multiply(alpha, gL) + np.multiply(gamma, gC),
                   "Takeoff.researchInputGrowth", gL, gC, alpha, gamma)


def _gamma(fname: str, alpha, gamma):
    """gamma, defaulting to 1 - alpha (which needs alpha <= 1)."""
    if gamma is not None:
        return gamma
    require(np.asarray(alpha) <= 1, fname, "alpha must be <= 1 when gamma is left to "
            "default to 1 - alpha (give gamma explicitly otherwise)")
    return 1 - np.asarray(alpha, dtype=np.float64)


@builtin("Takeoff.takeoffRatio", aliases=["takeoffRatio"],
         labels={"lambdaOverBeta": "lambdaOverBeta (the returns to research)"},
         examples=[("takeoffRatio(0.6, 1.5)", "0.9"), ("takeoffRatio(0.5, 2.8, 0.7)", "0.98")])
def takeoff_ratio(alpha: Positive, lambdaOverBeta: NonNegative, kappa: Positive = 1.0) -> Num:
    """The software-only takeoff ratio ``alpha * kappa * lambdaOverBeta`` (Forethought's
    r_cog): with compute fixed and AI labour growing with software, software growth
    accelerates iff it exceeds 1.

    alpha is labour's exponent in research input; kappa is how fast effective labour
    grows with software (``laborElasticity``; 1 when every software doubling doubles
    effective labour)."""
    return checked(np.multiply(np.multiply(alpha, kappa), lambdaOverBeta),
                   "Takeoff.takeoffRatio", alpha, lambdaOverBeta, kappa)


@builtin("Takeoff.takeoffRatioFromGrowth", aliases=["takeoffRatioFromGrowth"],
         examples=[("takeoffRatioFromGrowth(4, 2, 2, 0.5).lambdaOverBeta", "2"),
                   ("takeoffRatioFromGrowth(4, 2, 2, 0.5).takeoffRatio", "1"),
                   ("takeoffRatioFromGrowth(4, 2, 2, 0.5, 0.5).researchInputGrowth",
                    "log(2)")])
def takeoff_ratio_from_growth(mA: Positive, mL: Positive, mC: Positive, alpha: Share,
                              kappa: Positive = 1.0) -> RecordT():
    """The takeoff ratio from yearly multipliers of software (mA), research labour (mL)
    and compute (mC): ``q = alpha ln mL + (1 - alpha) ln mC``,
    ``lambdaOverBeta = ln mA / q``, ``takeoffRatio = alpha kappa lambdaOverBeta``.
    Returns ``{researchInputGrowth, lambdaOverBeta, takeoffRatio}``."""
    mA, mL, mC, alpha = floats(mA, mL, mC, alpha)
    q = alpha * np.log(mL) + (1 - alpha) * np.log(mC)
    require(q > 0, "Takeoff.takeoffRatioFromGrowth", "research input must grow "
            "(alpha ln mL + (1 - alpha) ln mC > 0) to fit returns from history")
    lb = checked(np.log(mA) / q, "Takeoff.takeoffRatioFromGrowth", mA, mL, mC, alpha)
    return {"researchInputGrowth": q, "lambdaOverBeta": lb,
            "takeoffRatio": checked(alpha * kappa * lb, "Takeoff.takeoffRatioFromGrowth",
                                    lb, alpha, kappa)}


@builtin("Takeoff.feedbackExponent", aliases=["feedbackExponent"],
         examples=[("feedbackExponent(0.3, 1.05)", "1 / 70"),
                   ("feedbackExponent(0.5, 1)", "0")])
def feedback_exponent(p: NonNegative, ratio: Positive) -> Num:
    """The exponent s in ``dA/dt = g0 A^(1+s)``: ``s = p (1 - 1/ratio)`` (= alpha lambda
    kappa - beta), where p = alpha lambda kappa is the return to parallel labour and
    ratio the takeoff ratio. s > 0 means finite-time blow-up."""
    (ratio,) = floats(ratio)
    return checked(np.multiply(p, 1 - 1 / ratio), "Takeoff.feedbackExponent", p, ratio)


@builtin("Takeoff.capabilityAdjustedReturns", aliases=["capabilityAdjustedReturns"],
         examples=[("capabilityAdjustedReturns(1.4, 2)", "2.8")])
def capability_adjusted_returns(rEfficiency: Positive, gainPerDoubling: Positive) -> Num:
    """Davidson's adjustment: returns measured in training efficiency times the
    software doublings one efficiency doubling is worth, ``rEfficiency *
    gainPerDoubling`` (1.4 x 2 = 2.8)."""
    return np.multiply(rEfficiency, gainPerDoubling)


@builtin("Takeoff.takeoffRatioElasticities", aliases=["takeoffRatioElasticities"],
         examples=[("takeoffRatioElasticities(1, 1, 1, 0.5).gL", "-0.5"),
                   ("takeoffRatioElasticities(1, 2, 1, 0.5).alpha", "1 - 0.5 / 1.5")])
def takeoff_ratio_elasticities(gA: Positive, gL: RealNum, gC: RealNum, alpha: Share) -> RecordT():
    """Local elasticities (d ln R / d ln x) of ``R = alpha gA / (alpha gL + (1 - alpha)
    gC)``: ``{gA: 1, gL: -alpha gL/q, gC: -(1 - alpha) gC/q, alpha: 1 - alpha (gL -
    gC)/q}`` with q = alpha gL + (1 - alpha) gC. A 1% rise in x changes R by about
    elasticity %."""
    gL, gC, alpha = floats(gL, gC, alpha)
    q = alpha * gL + (1 - alpha) * gC
    require(q > 0, "Takeoff.takeoffRatioElasticities",
            "research input must grow (alpha gL + (1 - alpha) gC > 0)")
    fname = "Takeoff.takeoffRatioElasticities"
    return {"gA": 1.0, "gL": checked(-alpha * gL / q, fname, gL, gC, alpha),
            "gC": checked(-(1 - alpha) * gC / q, fname, gL, gC, alpha),
            "alpha": checked(1 - alpha * (gL - gC) / q, fname, gL, gC, alpha)}


@builtin("Takeoff.probFoom", aliases=["probFoom"],
         examples=[("probFoom(1.2)", "1"), ("probFoom(0.9)", "0")])
def prob_foom(ratio: Num) -> Real:
    """P(ratio > 1): the fraction of samples of a takeoff ratio above 1 (1 or 0 for a
    number)."""
    return float(np.mean(np.asarray(ratio) > 1))


@builtin("Takeoff.speedupNoSIE", aliases=["speedupNoSIE"],
         labels={"rCog": "rCog (the returns to cognitive labour)"},
         examples=[("speedupNoSIE(0.4, 1, 0.5, 1.1, 1.1)", "(1 + 0.4) / (1 - 0.5)")])
def speedup_no_sie(alpha: Share, gamma: NonNegative, rCog: BelowOne, gLBefore: NonNegative,
                   gC: Positive) -> Num:
    """Forethought's speed-up calculator for r_cog < 1 (no software intelligence
    explosion): once AI automates research, software growth on the balanced path
    rises from ``g_before = rCog gLBefore + rCog (1 - alpha)/alpha gC`` to ``g_after =
    rCog (1/alpha + gamma) gC / (1 - rCog)``; returns ``g_after / g_before``. With
    gLBefore = gC it is ``(1 + alpha gamma) / (1 - rCog)``."""
    alpha, gamma, r, gL, gC = floats(alpha, gamma, rCog, gLBefore, gC)
    before = r * gL + r * (1 - alpha) / alpha * gC
    after = r * (1 / alpha + gamma) * gC / (1 - r)
    return checked(after / before, "Takeoff.speedupNoSIE", alpha, gamma, r, gL, gC)
