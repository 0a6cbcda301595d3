"""Bad input to the takeoff library is a DslError that names the parameter or option and
points at the call; never a traceback, never a silent NaN."""
from __future__ import annotations

import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl import DslError, Session

ERRORS = [
    # (source, error kind, words the message must contain)
    ("growthRate(-4)", "DomainError", "multiplier must be > 0 (got -4)"),
    ("growthRate(normal(1, 1))", "DomainError", "multiplier must be > 0 (got a distribution"),
    ("growthRate(4, 0)", "DomainError", "period must be > 0"),
    ("doublingTime(-0.1)", "DomainError", "rate must be >= 0"),
    ("lambdaOverBeta(1, 0)", "DomainError", "gE (the research input growth rate) must be > 0"),
    ("researchInputGrowth(1, 1, 1.5)", "DomainError", "alpha must be <= 1 when gamma"),
    ("takeoffRatio(0, 1.5)", "DomainError", "alpha must be > 0"),
    ("takeoffRatioFromGrowth(4, 1, 1, 0.5)", "DomainError", "research input must grow"),
    ("takeoffRatioFromGrowth(4, 2, 2, 1.5)", "DomainError", "alpha must be in (0, 1]"),
    ("feedbackExponent(0.3, 0)", "DomainError", "ratio must be > 0"),
    ("speedupNoSIE(0.4, 1, 1.2, 0.7, 1.1)", "DomainError", "rCog (the returns to cognitive"),
    ("ces(1, 1, 1.5, 0)", "DomainError", "a (labour's weight) must be in (0, 1)"),
    ("ces(1, 1, 0.5, 2)", "DomainError", "rho must be <= 1"),
    ("ces(-1, 1, 0.5, 0)", "DomainError", "L must be >= 0"),
    ("ces(1/0, 0, 0.5, 0)", "DomainError", "Takeoff.ces of these arguments is undefined"),
    ("cobbDouglas(1/0, 0, 0.5)", "DomainError", "is undefined"),
    ("rhoFromLaborCeiling(0.5, 0.5)", "DomainError", "maxBoost (research input with"),
    ("rhoFromAsymptotes(1, 3)", "DomainError", "laborAsymptote (the boost from infinite"),
    ("rhoFromAsymptotes(10, 1/0)", "DomainError", "must be > 1 and finite"),
    ("rhoFromSigma(-0.103)", "DomainError", "sigma (the elasticity of substitution) must be > 0"),
    ("parallelLabor(1000, 30, 1.2)", "DomainError", "p (the return to parallel copies)"),
    ("laborElasticity(0.5, -0.1)", "DomainError", "phi (the part of software gains"),
    ("trajectory(-1, 1, 0.5)", "DomainError", "t (the time) must be >= 0"),
    ("trajectory([1, -1], 1, 0.5)", "DomainError", "t (the time) must have every item >= 0"),
    ("trajectory(1, 0, 0.5)", "DomainError", "g0 (the initial growth rate) must be > 0"),
    ("trajectory(1, 1, 0.5, {kk: 1})", "ArgumentError", "unknown option 'kk' (known options: k"),
    ("trajectory(1, 1, 0.5, {k: \"fast\"})", "TypeError", "option 'k' must be a Number"),
    ("trajectory(1, 1, 0.5, {a0: -1})", "DomainError", "option 'A0' must be > 0"),
    ("trajectory(1, 1, 0.5, {a0: 2, \"A0\": 3})", "ArgumentError", "'A0' is given twice"),
    ("trajectory(1, 1, 0.5, 2)", "ArgumentError", "does not support arguments"),
    ("blowupTime(1)", "ArgumentError", "expects 2"),
    ("timeToMultiple(0.5, 1, 1)", "DomainError", "K (the multiple) must be >= 1"),
    ("doublingTimes(-1, 1, 0.5)", "DomainError", "n must be >= 0"),
    ("doublingTimes(1.5, 1, 0.5)", "ArgumentError", "n: Integer"),
    ("fitHyperbolic(5, 0.5)", "DomainError", "blowupTime (when A becomes infinite) must be > 1"),
    ("fitHyperbolic(1, 2)", "DomainError", "multiplierAt1 (the growth multiple in year 1)"),
    ("cesTimeToMultiple(0.5, 1, 0.5, 0.5, 1, 0.5)", "DomainError", "K (the multiple)"),
    ("cesBlowupTime(1, 0.5, 0.5, 0, 0.5)", "DomainError", "lambda must be > 0"),
    ("cesPeakGrowth(0, -0.5, 1, 0.3)", "DomainError", "a (labour's initial share)"),
    ("ceilingDoublings(11, 1.5)", "DomainError", "softwareShare must be in (0, 1]"),
    ("ceilingReturns(1.2, -1, 88)", "DomainError", "x (the software doublings so far)"),
    ("ceilingPeakSpeedup(0.3, 1.2, 0)", "DomainError", "N (the doublings to the ceiling)"),
    ("forethoughtSimulate({f: 8})", "ArgumentError", "the options record needs 'r0'"),
    ("forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, yearsToLimit: 11, speed: 2})",
     "ArgumentError", "unknown option 'speed'"),
    ("forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, yearsToLimit: 11, constantR: 1})",
     "TypeError", "option 'constantR' must be a Boolean"),
    ("forethoughtSimulate({f: 8, r0: -1.2, p: 0.3, yearsToLimit: 11})", "DomainError",
     "option 'r0' must be > 0"),
    ("forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, yearsToLimit: 11, horizonMonths: 100})",
     "DomainError", "horizonMonths must be <= maxMonths"),
    ("forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, yearsToLimit: 1e6})", "DomainError",
     "at most 100000 doublings"),
    ("forethoughtSimulate(8)", "ArgumentError", "does not support arguments"),
]


@pytest.mark.parametrize("source,kind,words", ERRORS, ids=[s for s, _, _ in ERRORS])
def test_bad_input_is_a_located_dsl_error(source, kind, words):
    program = f"x = 1\ny = {source}"
    with pytest.raises(DslError) as info:
        Session(samples=1000, seed=1).run(program, "model.sq")
    error = info.value
    assert error.kind == kind, error.message
    assert words in error.message
    assert (error.line, error.column) == (2, 5)
    assert "model.sq:2:5" in error.format()


def test_an_upper_case_option_key_can_be_written_quoted_or_in_lower_case():
    session = Session(samples=10, seed=1)
    assert session.evaluate('trajectory(1, log(2), 0, {"A0": 3})').value == pytest.approx(6)
    assert session.evaluate("trajectory(1, log(2), 0, {a0: 3})").value == pytest.approx(6)
