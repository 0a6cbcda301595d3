"""Every reference case of tests/data/takeoff_cases.json (DOMAIN.md section 6),
run through the DSL as source text.

Deterministic cases whose function is one stdlib builtin are turned into calls
generically: inputs are matched to the builtin's parameters by name (list inputs are
zipped into one call per element, except where the only list is one the builtin takes
whole, like ``trajectory``'s times), and option keys go into an options record. Cases whose
function is a composite or whose expected values are named differently get their DSL
expressions from the EXPRESSIONS table. Probabilistic cases run at the case's sample
count with a fixed seed and must fall within its Monte Carlo band (5 standard errors).
"""
from __future__ import annotations

import math

import numpy as np
import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl import Session
from dsl.engine.dist import Dist
from dsl.engine.registry import DEFAULT
from dsl.engine.values import List, Number, Record

from reference_cases import CASES
OPTION_KEYS = {"k", "A0"}
LIST_PARAMS = {"trajectory": "t"}  # builtins that take this parameter as a whole list
SEED = 20240601

FORETHOUGHT = "f: 8, r0: 1.2, p: 0.3, yearsToLimit: 11, softwareShare: 0.5"
# case-name prefix -> {expected key (or "" for a scalar/list) -> DSL expression}
EXPRESSIONS: dict[str, dict[str, str]] = {
    "seed: factor by which lambda/beta": {"": "growthRate(4) / growthRate(3.5)"},
    "time-unit critique": {
        "rate_ratio_per_year": "lambdaOverBeta(1.3862943611198906, 0.6931471805599453)",
        "rate_ratio_per_month":
            "lambdaOverBeta(1.3862943611198906 / 12, 0.6931471805599453 / 12)",
        "multiplier_ratio_per_year":
            "multiplierOver(1.3862943611198906, 1) / multiplierOver(0.6931471805599453, 1)",
        "multiplier_ratio_per_month": "multiplierOver(1.3862943611198906, 1 / 12) / "
                                      "multiplierOver(0.6931471805599453, 1 / 12)",
    },
    "'slightly above 1' case": {
        "s": "feedbackExponent(0.3, 1.05)",
        "A_at_1": "trajectory(1, 1.6094379124341003, feedbackExponent(0.3, 1.05))",
        "blowupTime": "blowupTime(1.6094379124341003, feedbackExponent(0.3, 1.05))",
    },
    "seed footnote fit: A(1)=5": {
        "s": "fitHyperbolic(5, 2).s",
        "g0": "fitHyperbolic(5, 2).g0",
        "growthRateAt1": "fit = fitHyperbolic(5, 2)\ngrowthRateAt(1, fit.g0, fit.s)",
    },
    "exogenous input growth": {
        "blowupTime": "blowupTime(0.8, 0.2, {k: 0.5})",
        "A_at_2": "trajectory(2, 0.8, 0.2, {k: 0.5})",
    },
    "CES compute bottleneck": {
        "A_peak": "cesPeakGrowth(0.5, -0.5, 1, 0.3).softwareLevel",
        "growth_multiple": "cesPeakGrowth(0.5, -0.5, 1, 0.3).growthMultiple",
    },
    "ceiling in software doublings": {
        "doublings": "ceilingDoublings(11, 0.5, 4)",
        "ceilingMultiple": "2 ^ ceilingDoublings(11, 0.5, 4)",
        "returnsAtHalfway": "ceilingReturns(1.2, 44, ceilingDoublings(11, 0.5, 4))",
    },
    "continuous ceiling model": {
        "x_peak": "ceilingPeakSpeedup(0.3, 1.2, 88).x",
        "speedup": "ceilingPeakSpeedup(0.3, 1.2, 88).speedup",
    },
    "Forethought discrete loop, constant r": {
        "months_to_88_doublings":
            f"forethoughtSimulate({{{FORETHOUGHT}, constantR: true}}).monthsToCeiling",
        # 800 doublings: the rest of the geometric series is 2^-40 of the total
        "months_to_infinity_discrete": "forethoughtSimulate({f: 8, r0: 1.2, p: 0.3, "
                                       "yearsToLimit: 100, constantR: true, maxMonths: 100})"
                                       ".monthsToCeiling",
        # continuous analogue: initial rate ln2/D0 per month, exponent p(1 - 1/r)
        "months_to_infinity_continuous":
            "blowupTime(log(2) / (3 / (1 + 8)), feedbackExponent(0.3, 1.2))",
    },
    "Forethought discrete loop with declining r": {
        "doublings_first_12_months": f"forethoughtSimulate({{{FORETHOUGHT}}}).doublings",
        "doublings_by_72_months":
            f"forethoughtSimulate({{{FORETHOUGHT}, horizonMonths: 72}}).doublings",
        "years_of_progress_first_12_months":
            f"forethoughtSimulate({{{FORETHOUGHT}}}).yearsOfProgress",
    },
    "local elasticities of the takeoff ratio": {
        f"d_lnT_d_ln_{key}": f"takeoffRatioElasticities(1.3862943611198906, "
                             f"0.832909122935104, 1.3083328196501787, 0.5).{field}"
        for key, field in (("r", "gA"), ("qL", "gL"), ("qC", "gC"), ("alpha", "alpha"))
    },
}


def _custom(case) -> dict[str, str] | None:
    for prefix, table in EXPRESSIONS.items():
        if case["name"].startswith(prefix):
            return table
    return None


def _literal(x) -> str:
    if isinstance(x, list):
        return "[" + ", ".join(_literal(v) for v in x) + "]"
    if x == "Infinity":
        return "1/0"
    return repr(float(x)) if isinstance(x, float) else str(x)


def generic_sources(case) -> list[str]:
    """DSL calls for a case whose function is one builtin: one call, or one per element
    when inputs are lists."""
    fn = case["function"]
    entry = DEFAULT.lookup_global(fn)
    assert entry is not None, f"{fn} is not a builtin; add the case to EXPRESSIONS"
    names = [p.name.rstrip("_") for p in entry.signatures[0].params]
    inputs = dict(case["inputs"])
    options = {k: inputs.pop(k) for k in list(inputs) if k in OPTION_KEYS}
    unknown = set(inputs) - set(names)
    assert not unknown, f"{case['name']}: inputs {unknown} are not parameters of {fn}"
    zipped = [k for k, v in inputs.items() if isinstance(v, list)]
    if zipped == [LIST_PARAMS.get(fn)]:
        zipped = []  # the builtin takes this list whole
    count = max((len(inputs[k]) for k in zipped), default=0)

    def call(i):
        args = []
        for name in names:
            if name == "options":
                continue
            if name not in inputs:
                break
            value = inputs[name]
            args.append(_literal(value[i] if name in zipped else value))
        if options:
            args.append("{" + ", ".join(f'"{k}": {_literal(v)}' for k, v in options.items())
                        + "}")
        return f"{fn}({', '.join(args)})"

    return [call(i) for i in range(count)] if zipped else [call(0)]


def _value(v):
    if isinstance(v, Number):
        return v.value
    if isinstance(v, List):
        return [_value(x) for x in v.items]
    if isinstance(v, Record):
        return {k: _value(x) for k, x in v.fields.items()}
    raise AssertionError(f"unexpected value {v!r}")


def _close(got, want, tol) -> bool:
    if want == "Infinity":
        return got == math.inf
    return abs(got - want) <= max(tol["rel"] * abs(want), tol["abs"])


def _run(source: str, samples: int = 1000):
    return Session(samples=samples, seed=SEED).evaluate(source, "<case>")


DETERMINISTIC = [c for c in CASES if c["kind"] == "deterministic"]


@pytest.mark.parametrize("case", DETERMINISTIC, ids=[c["name"][:60] for c in DETERMINISTIC])
def test_deterministic_case(case):
    want, tol = case["expected"], case["tolerance"]
    table = _custom(case)
    if table is not None:
        wants = want if isinstance(want, dict) else {"": want}
        assert set(table) == set(wants), "EXPRESSIONS must cover every expected value"
        for key, source in table.items():
            got = _value(_run(source))
            assert _close(got, wants[key], tol), f"{key}: {source} gave {got}, want {wants[key]}"
        return
    sources = generic_sources(case)
    if len(sources) > 1:
        got = [_value(_run(s)) for s in sources]
    else:
        got = _value(_run(sources[0]))
    if isinstance(want, dict):
        assert set(want) <= set(got), f"{sources[0]} lacks fields {set(want) - set(got)}"
        pairs = [(got[k], want[k], k) for k in want]
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), (sources, got)
        pairs = [(g, w, i) for i, (g, w) in enumerate(zip(got, want))]
    else:
        pairs = [(got, want, "")]
    for g, w, where in pairs:
        assert _close(g, w, tol), f"{sources} [{where}] gave {g}, want {w}"


def test_generic_calls_read_like_the_issue():
    case = next(c for c in CASES if c["name"].startswith("seed footnote fit: A at t"))
    assert generic_sources(case) == [
        "trajectory([1, 1.5, 1.9, 2.5], 1.160964047443681, 0.43067655807339306)"]


# ---- probabilistic cases ----

def _median(d: Dist) -> float:
    return float(np.median(d.samples))


def _prob(pred):
    return lambda d: float(np.mean(pred(d.samples)))


def _log_variance_share(name):
    """Share of Var(ln ratio) explained by input ``name`` (OLS of ln ratio on the log
    inputs; exact for products of independent lognormals)."""
    def share(bindings):
        y = np.log(bindings["ratio"].samples)
        xs = {k: np.log(bindings[k].samples) for k in ("alpha", "returns")}
        design = np.column_stack([np.ones_like(y)] + list(xs.values()))
        coef, *_ = np.linalg.lstsq(design, y, rcond=None)
        slope = dict(zip(xs, coef[1:]))[name]
        return float(slope ** 2 * np.var(xs[name]) / np.var(y))
    return share


ALPHA_RETURNS = "alpha = 0.4 to 0.8\nreturns = 1.4 to 3\nratio = takeoffRatio(alpha, returns)"
# case-name prefix -> (program, [(expected key, statistic of the result, band key)])
PROBABILISTIC = {
    "lognormal from 90% CI": ("1.4 to 3", [
        ("mean", lambda d: float(np.mean(d.samples)), "mean_abs"),
        ("median", _median, "median_abs"),
        ("P_gt_2", _prob(lambda s: s > 2), "P_abs")]),
    "P(foom) for takeoffRatio = 0.5": ("probFoom(takeoffRatio(0.5, 1.4 to 3))", [
        ("", lambda v: v.value, "abs")]),
    "takeoffRatio = alpha (0.4 to 0.8)": (ALPHA_RETURNS, [
        ("P_foom", lambda b: b["foom"].value, "P_abs"),
        ("median", lambda b: _median(b["ratio"]), "median_abs"),
        ("variance_share_alpha", _log_variance_share("alpha"), "variance_share_abs"),
        ("variance_share_lambdaOverBeta", _log_variance_share("returns"),
         "variance_share_abs")]),
    "takeoffRatio = 0.5 * gA/gE": (
        "takeoffRatio(0.5, lambdaOverBeta(1 to 1.6, 0.5 to 1.1))", [
            ("P_foom", _prob(lambda s: s > 1), "P_abs"),
            ("median", _median, "median_abs")]),
    "capabilityAdjustedReturns = 1.4 * gain": (
        "capabilityAdjustedReturns(1.4, 1.7 to 2.5)", [("median", _median, "median_abs")]),
    "blowupTime = 1/(s*g0)": ("blowupTime(0.7 to 2.1, 0.01 to 0.1)", [
        ("median", _median, "median_abs"),
        ("P_blowup_within_2yr", _prob(lambda s: s < 2), "P_abs"),
        ("P_blowup_within_10yr", _prob(lambda s: s < 10), "P_abs")]),
    "P(foom) with alpha ~ uniform": (
        "probFoom(takeoffRatio(uniform(0.4, 0.8), 1.4 to 3))", [
            ("", lambda v: v.value, "abs")]),
    "doublingTime = ln2/g0": ("doublingTime(0.7 to 2.1)", [
        ("median", _median, "median_abs")]),
}
PROB_CASES = [c for c in CASES if c["kind"] == "probabilistic"]


def _prob_entry(case):
    for prefix, entry in PROBABILISTIC.items():
        if case["name"].startswith(prefix):
            return entry
    raise AssertionError(f"no DSL program for probabilistic case {case['name']!r}")


@pytest.mark.parametrize("case", PROB_CASES, ids=[c["name"][:60] for c in PROB_CASES])
def test_probabilistic_case(case):
    program, checks = _prob_entry(case)
    band = case["monte_carlo_tolerance"]
    session = Session(samples=band["n_samples"], seed=SEED)
    if program is ALPHA_RETURNS:
        result = session.run(program + "\nfoom = probFoom(ratio)", "<case>")
        value = result.bindings
    else:
        value = session.evaluate(program, "<case>")
    for key, statistic, band_key in checks:
        want = case["expected"][key] if key else case["expected"]
        got = statistic(value)
        assert abs(got - want) <= band[band_key], f"{key}: {got} vs exact {want}"


def test_every_case_is_covered():
    for case in DETERMINISTIC:
        if _custom(case) is None:
            generic_sources(case)
    for case in PROB_CASES:
        _prob_entry(case)
