"""Scoring forecasts: ``Dist.logScore`` and ``Dist.klDivergence``, with Squiggle 0.10's
definitions and numbers.

Both work on point sets, as Squiggle's do (``stdlib.dist_pointwise.point_set_of``: a
Sym.* distribution read at 1,000 quantiles, any other smoothed by Squiggle's kernel
density estimate), so they agree with Squiggle to Monte Carlo error; for exact densities
use ``Sym.*``.

- ``klDivergence(estimate, answer)`` is the integral of ``answer * log(answer /
  estimate)`` over the point sets' union of xs (trapezoids, plus the masses), Infinity
  where the answer has mass the estimate lacks;
- ``logScore({estimate, answer})`` with a number answer is ``-log(density of estimate
  at answer)`` (the density read off the point set, its end values beyond its range);
  with a distribution answer it is ``klDivergence(estimate, answer)``; with a
  ``prior``, the same score of the estimate minus the prior's.
"""
from __future__ import annotations

import math

import numpy as np

from dsl.engine.dist import Dist
from dsl.base.errors import DomainError
from dsl.engine.pointset_law import PointSetLaw, interp_x_to_y
from dsl.engine.registry import builtin
from dsl.engine.types import DistT, Num, RecordT, Real
from dsl.engine.values import Number

from .dist_pointwise import combine_densities, combine_masses, point_set_of

__all__ = ["kl_divergence", "scalar_score"]


def _integrand(estimate: np.ndarray, answer: np.ndarray) -> np.ndarray:
    """answer * -log(estimate / answer): 0 where the answer is 0, Infinity where only
    the estimate is."""
    with np.errstate(all="ignore"):
        quotient = estimate / answer
        if np.any((quotient < 0) & (answer != 0) & (estimate != 0)):
            raise DomainError("a negative density: its logarithm is a complex number")
        out = -answer * np.log(quotient)
    return np.where(answer == 0, 0.0, np.where(estimate == 0, math.inf, out))


def kl_divergence(estimate: PointSetLaw, answer: PointSetLaw) -> float:
    """Squiggle's ``WithDistAnswer.sum``: the integrand combined point by point over
    the densities and over the masses, then its integral (trapezoids plus masses)."""
    xs, ys = combine_densities((estimate.cxs, estimate.cys), (answer.cxs, answer.cys),
                               _integrand)
    _, masses = combine_masses((estimate.dxs, estimate.dys), (answer.dxs, answer.dys),
                               _integrand)
    with np.errstate(all="ignore"):
        continuous = float(np.sum(np.diff(xs) * (ys[:-1] + ys[1:]) / 2)) if xs.size > 1 \
            else 0.0
        total = continuous + float(np.sum(masses))
    if math.isnan(total):  # Infinity times a zero width: Squiggle's NaN, an error here
        raise DomainError("Dist.klDivergence: undefined (the answer has mass where the "
                          "estimate has none, at a point of zero width)")
    return total


def scalar_score(estimate: PointSetLaw, answer: float) -> float:
    """Squiggle's ``WithScalarAnswer.score``: -log of the estimate's density at the
    answer (a mass for a discrete estimate), Infinity where it is 0. A point set with
    both densities and masses has no such density."""
    if estimate.cxs.size and estimate.dxs.size:
        raise DomainError("Dist.logScore: the estimate has both a density and point "
                          "masses, so it has no density at the answer (Squiggle: PDF "
                          "invalid)")
    if estimate.cxs.size:
        density = float(interp_x_to_y((estimate.cxs, estimate.cys), answer))
    else:
        hit = estimate.dxs == answer
        density = float(estimate.dys[hit][0]) if hit.any() else 0.0
    if not density >= 0:
        raise DomainError(f"Dist.logScore: the estimate's density at {answer:g} is "
                          f"{density:g}: not a density")
    return math.inf if density == 0 else -math.log(density)


@builtin("Dist.klDivergence", examples=[
    ("Dist.klDivergence(Sym.normal(5, 2), Sym.normal(5, 1.5))",
     "log(2 / 1.5) + 1.5^2 / (2 * 2^2) - 0.5", 5e-3),
    ("Dist.klDivergence(Sym.uniform(0, 2), Sym.uniform(0, 1))", "log(2)", 1e-6)])
def kl_divergence_(estimate: DistT, answer: DistT) -> Real:
    """The Kullback-Leibler divergence of ``answer`` from ``estimate``: the integral of
    answer * log(answer / estimate), computed on point sets as Squiggle computes it.

    It is Infinity where the answer has mass the estimate lacks, and it is brittle:
    point sets round small densities to 0."""
    return kl_divergence(point_set_of(estimate), point_set_of(answer))


_KEYS = {"estimate", "answer", "prior"}


@builtin("Dist.logScore", examples=[
    ("Dist.logScore({estimate: Sym.normal(5, 2), answer: 4.5})",
     "-log(pdf(normal(5, 2), 4.5))", 1e-3),
    ("Dist.logScore({estimate: Sym.normal(5, 2), answer: Sym.normal(5.2, 1)})",
     "Dist.klDivergence(Sym.normal(5, 2), Sym.normal(5.2, 1))"),
    ("Dist.logScore({estimate: Sym.normal(5, 2), answer: 4.5, prior: Sym.normal(5.5, 3)})",
     "log(pdf(normal(5.5, 3), 4.5)) - log(pdf(normal(5, 2), 4.5))", 1e-3)])
def log_score(args: RecordT()) -> Real:
    """The log score of a forecast ``{estimate, answer, prior?}``: with a number answer,
    -log of the estimate's density there; with a distribution answer, the KL divergence
    of the answer from the estimate; with a prior, the estimate's score minus the
    prior's (negative when the estimate beats the prior)."""
    unknown = sorted(set(args) - _KEYS)
    missing = sorted({"estimate", "answer"} - set(args))
    if unknown or missing:
        raise DomainError("Dist.logScore takes a record {estimate: Dist, answer: Dist or "
                          "Number, prior?: Dist}" + (f"; unknown key {unknown[0]}" if unknown
                                                     else f"; {missing[0]} is missing"))
    estimate, answer, prior = args["estimate"], args["answer"], args.get("prior")
    for key, value in (("estimate", estimate), ("prior", prior)):
        if value is not None and not isinstance(value, Dist):
            raise DomainError(f"Dist.logScore: {key} must be a distribution, got "
                              f"{value.type_name}")
    if not Num.accepts(answer):
        raise DomainError(f"Dist.logScore: answer must be a number or a distribution, got "
                          f"{answer.type_name}")

    def score(forecast: Dist) -> float:
        law = point_set_of(forecast)
        if isinstance(answer, Number):
            return scalar_score(law, answer.value)
        return kl_divergence(law, point_set_of(answer))

    return score(estimate) - score(prior) if prior is not None else score(estimate)
