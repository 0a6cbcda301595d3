"""The worked models in examples/: each runs with a fixed seed, and its headline numbers
agree with a computation made here without the DSL.

Deterministic numbers must match DOMAIN.md's closed forms (computed with ``math``, or
read from tests/data/takeoff_cases.json) to rounding. Monte Carlo numbers must
lie within K standard errors of a closed form, or of the same model re-derived in numpy
with the same distributions and an independent random stream of REF_N samples:
sqrt(p (1 - p) (1/N + 1/REF_N)) for a probability, sd sqrt(1/N + 1/REF_N) for a mean,
and for a quantile at level u, the reference's probability below the DSL's value must be
within the binomial error of u. Runs are seeded, so a pass or a failure is reproducible.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import pytest
from scipy import integrate, stats

import dsl
from reference_cases import case_named

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.sq"))

N = 100_000          # the DSL's samples (its default)
SEED = 0
REF_N = 1_000_000    # samples of the numpy re-derivations
K = 4.5              # standard errors allowed
Z95 = 1.6448536269514722


@functools.lru_cache(maxsize=None)
def run(name: str) -> dict:
    """The bindings of examples/NAME.sq as plain Python (numbers, lists, dicts, arrays)."""
    return dsl.run_file(str(ROOT / "examples" / f"{name}.sq"), samples=N, seed=SEED).to_python()


def case(prefix: str):
    """The expected value of the reference case whose name starts with ``prefix``."""
    return case_named(prefix)["expected"]


def rng(stream: int) -> np.random.Generator:
    """An independent stream for one re-derivation (not the DSL's generator)."""
    return np.random.default_rng([20251, stream])


def lognormal(low: float, high: float) -> tuple[float, float]:
    """(mu, sigma) of the DSL's ``low to high``: a lognormal with that 90% interval."""
    return (math.log(low) + math.log(high)) / 2, (math.log(high) - math.log(low)) / (2 * Z95)


def draw_to(g: np.random.Generator, low: float, high: float, n: int = REF_N) -> np.ndarray:
    mu, sigma = lognormal(low, high)
    return np.exp(g.normal(mu, sigma, n))


def draw_loguniform(g: np.random.Generator, low: float, high: float,
                    n: int = REF_N) -> np.ndarray:
    return np.exp(g.uniform(math.log(low), math.log(high), n))


def exact(got, want) -> None:
    """Equal to rounding (element-wise for lists; infinities must match exactly)."""
    if isinstance(want, (list, tuple)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            exact(g, w)
        return
    want = math.inf if want == "Infinity" else want
    if math.isinf(want):
        assert got == want
    else:
        assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-15), (got, want)


def close_prob(got: float, want: float, ref_n: float = math.inf) -> None:
    """A probability estimated from N samples, against an exact value (ref_n infinite)
    or another estimate from ref_n samples."""
    p = min(max(want, 1 / REF_N), 1 - 1 / REF_N)
    se = math.sqrt(p * (1 - p) * (1 / N + 1 / ref_n))
    assert abs(got - want) <= K * se, f"{got} vs {want} (se {se:.2g})"


def close_mean(got: float, want: float, sd: float, ref_n: float = math.inf) -> None:
    se = sd * math.sqrt(1 / N + 1 / ref_n)
    assert abs(got - want) <= K * se, f"{got} vs {want} (se {se:.2g})"


def close_quantile(got: float, level: float, cdf, ref_n: float = math.inf) -> None:
    """The DSL's quantile at ``level``: the reference probability below it is ``level``
    within the binomial error of both sample sizes."""
    close_prob(float(cdf(got)), level, ref_n)


def empirical_cdf(samples: np.ndarray):
    ordered = np.sort(samples)
    return lambda x: np.searchsorted(ordered, x, side="right") / ordered.size


def lognormal_cdf(mu: float, sigma: float):
    return lambda x: stats.norm.cdf((math.log(x) - mu) / sigma)


def log_uniform_variance(low: float, high: float) -> float:
    """Var(ln X) for X uniform on [low, high] (antiderivatives of ln x and ln^2 x)."""
    def moment(f):
        return (f(high) - f(low)) / (high - low)
    m1 = moment(lambda x: x * math.log(x) - x)
    m2 = moment(lambda x: x * math.log(x) ** 2 - 2 * x * math.log(x) + 2 * x)
    return m2 - m1 ** 2


def close_share(got: float, want: float) -> None:
    """A first-order variance share (the squared correlation of Y with E[Y|X]) from N
    samples: standard error about 2 eta (1 - eta^2) / sqrt(N), eta^2 the share."""
    eta = math.sqrt(max(want, 1e-4))
    se = 2 * eta * (1 - eta ** 2) / math.sqrt(N) + 1e-3  # + the binned estimator's bias
    assert abs(got - want) <= K * se, f"{got} vs {want} (se {se:.2g})"


# ---- every example ------------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_runs_with_a_fixed_seed(path):
    first = dsl.run_file(str(path), samples=2_000, seed=7).summary()
    again = dsl.run_file(str(path), samples=2_000, seed=7).summary()
    assert first == again
    assert first["bindings"]


def test_the_worked_models_are_all_here():
    names = {p.stem for p in EXAMPLES}
    assert {"fermi_piano_tuners", "takeoff_ratio", "returns_to_software", "trajectory",
            "compute_bottleneck", "forethought", "project_cost", "market_size"} <= names


# ---- takeoff_ratio.sq ---------------------------------------------------------------

def test_takeoff_ratio_point_estimates():
    b = run("takeoff_ratio")
    exact(b["lambdaOverBeta35"], 1.5)
    exact([b["ratioSeed"], b["ratioSeed4"]], case("seed reconstruction A"))
    exact(b["refit"], case("seed: factor by which"))
    critique = case("time-unit critique")
    exact(b["multiplierRatioYear"], critique["multiplier_ratio_per_year"])
    exact(b["multiplierRatioMonth"], critique["multiplier_ratio_per_month"])
    exact(b["rateRatio"], [critique["rate_ratio_per_year"], critique["rate_ratio_per_month"]])


def takeoff_ratio_reference(g, n=REF_N):
    """takeoff_ratio.sq section 2 in numpy."""
    mA, mL, mC = draw_to(g, 2.5, 4, n), draw_to(g, 1.6, 2.6, n), draw_to(g, 2.5, 5, n)
    alpha = g.uniform(0.4, 0.8, n)
    parallel, speed_share = g.uniform(0.4, 1, n), g.uniform(0.25, 0.75, n)
    kappa = parallel * (1 - speed_share) + speed_share
    lambda_over_beta = np.log(mA) / (alpha * np.log(mL) + (1 - alpha) * np.log(mC))
    return alpha, alpha * kappa * lambda_over_beta, alpha * lambda_over_beta


def test_takeoff_ratio_distribution_and_p_foom():
    b = run("takeoff_ratio")
    _, ratio, no_penalty = takeoff_ratio_reference(rng(1))
    close_prob(b["pFoom"], float(np.mean(ratio > 1)), REF_N)
    close_prob(b["pFoomNoPenalty"], float(np.mean(no_penalty > 1)), REF_N)
    close_mean(float(np.mean(b["ratio"])), float(ratio.mean()), float(ratio.std()), REF_N)
    for level in (0.05, 0.5, 0.95):
        close_quantile(float(np.quantile(b["ratio"], level)), level, empirical_cdf(ratio), REF_N)


def test_takeoff_ratio_sensitivity_puts_alpha_first():
    drivers = run("takeoff_ratio")["drivers"]
    assert {d["input"] for d in drivers} == {"mA", "mL", "mC", "alpha", "parallel",
                                             "speedShare"}
    assert drivers[0]["input"] == "alpha"
    # Var(E[ln R | alpha]) / Var(ln R) by nested Monte Carlo: alpha on a grid of its
    # quantiles, the other five inputs drawn afresh for each
    g = rng(2)
    grid = 0.4 + 0.4 * (np.arange(200) + 0.5) / 200
    inner = 20_000
    means, noise = [], []
    for alpha in grid:
        mA, mL, mC = draw_to(g, 2.5, 4, inner), draw_to(g, 1.6, 2.6, inner), draw_to(g, 2.5, 5, inner)
        phi = g.uniform(0.25, 0.75, inner)
        kappa = g.uniform(0.4, 1, inner) * (1 - phi) + phi
        log_ratio = np.log(alpha * kappa * np.log(mA) /
                           (alpha * np.log(mL) + (1 - alpha) * np.log(mC)))
        means.append(log_ratio.mean())
        noise.append(log_ratio.var() / inner)
    _, ratio, _ = takeoff_ratio_reference(rng(3))
    share = (np.var(means) - np.mean(noise)) / np.log(ratio).var()
    close_share(drivers[0]["logVarianceShare"], float(share))


# ---- returns_to_software.sq ---------------------------------------------------------

def returns_law():
    """ln r ~ N(mu, sigma): a product of the lognormals rEfficiency and gain."""
    (m1, s1), (m2, s2) = lognormal(1, 2), lognormal(1.7, 2.5)
    return m1 + m2, math.hypot(s1, s2)


def test_returns_point_estimates():
    b = run("returns_to_software")
    davidson = case("Davidson: r = 1.4")
    exact(b["rPoint"], davidson[0])
    exact(b["rPointRange"], davidson[1:])
    exact(b["ratioPoint"], case("takeoff ratio with parallelism penalty"))


def test_returns_distribution_against_the_lognormal_closed_form():
    b = run("returns_to_software")
    mu, sigma = returns_law()
    close_prob(b["pAbovePoint"], 1 - stats.norm.cdf((math.log(2.8) - mu) / sigma))
    close_prob(b["pAboveOne"], 1 - stats.norm.cdf(-mu / sigma))
    low, high = b["rInterval"]
    close_quantile(low, 0.05, lognormal_cdf(mu, sigma))
    close_quantile(high, 0.95, lognormal_cdf(mu, sigma))
    close_mean(float(np.mean(b["r"])), math.exp(mu + sigma ** 2 / 2),
               math.exp(mu + sigma ** 2 / 2) * math.sqrt(math.expm1(sigma ** 2)))


def test_returns_with_epoch_exact_is_reference_case_36():
    b = run("returns_to_software")
    want = case("capabilityAdjustedReturns = 1.4 * gain")
    sigma = want["sigma"]
    close_mean(float(np.mean(b["rGainOnly"])), want["mean"],
               want["mean"] * math.sqrt(math.expm1(sigma ** 2)))
    cdf = lognormal_cdf(want["mu"], sigma)
    for level, key in ((0.05, "p05"), (0.5, "median"), (0.95, "p95")):
        close_quantile(float(np.quantile(b["rGainOnly"], level)), level, cdf)
        assert math.isclose(cdf(want[key]), level, rel_tol=1e-9)


def test_returns_p_foom_by_quadrature_over_alpha():
    # P(alpha * 0.85 * r > 1) with alpha uniform on [0.4, 0.8]: a 1-D integral
    mu, sigma = returns_law()
    kappa = 0.7 * (1 - 0.5) + 0.5
    p, _ = integrate.quad(lambda a: stats.norm.sf((math.log(1 / (kappa * a)) - mu) / sigma),
                          0.4, 0.8, epsabs=1e-13)
    close_prob(run("returns_to_software")["pFoom"], p / 0.4)


def test_returns_sensitivity_is_the_share_of_log_variance():
    # ln ratio is a sum of independent terms, so each input's share of Var(ln ratio) is
    # its own log-variance over the total (DOMAIN.md section 5)
    variances = {"rEfficiency": lognormal(1, 2)[1] ** 2, "gain": lognormal(1.7, 2.5)[1] ** 2,
                 "alpha": log_uniform_variance(0.4, 0.8)}
    total = sum(variances.values())
    drivers = run("returns_to_software")["drivers"]
    assert [d["input"] for d in drivers] == ["rEfficiency", "alpha", "gain"]
    for d in drivers:
        close_share(d["logVarianceShare"], variances[d["input"]] / total)


# ---- trajectory.sq ------------------------------------------------------------------

def test_trajectory_point_cases():
    b = run("trajectory")
    slight = case("'slightly above 1' case")
    exact(b["sSlight"], slight["s"])
    exact(b["afterOneYearSlight"], slight["A_at_1"])
    exact(b["blowupSlight"], slight["blowupTime"])
    exact(b["to1000Slight"], case("time to 1000x"))
    fit = case("seed footnote fit: A(1)=5")
    exact([b["footnote"]["s"], b["footnote"]["g0"]], [fit["s"], fit["g0"]])
    exact(b["footnotePath"], case("seed footnote fit: A at t"))
    s = math.log(2) / math.log(5)  # DOMAIN.md 3.3: s = -ln(1 - 1/T) / ln M at M = 5, T = 2
    exact(b["footnoteRatios"], [math.inf, math.inf, 1 / (1 - s / 0.6)])


def test_trajectory_blowup_probabilities():
    b = run("trajectory")
    g = rng(4)
    ratio, p, pace = draw_to(g, 0.4, 3.6), draw_to(g, 0.15, 0.6), draw_to(g, 2.5, 4)
    speedup = draw_to(g, 2, 32)
    g0, s = np.log(pace), p * (1 - 1 / ratio)
    with np.errstate(divide="ignore", invalid="ignore"):  # the masked-out branches
        blowup = np.where(s > 0, 1 / (s * g0), np.inf)
        after_one_year = np.where(s * g0 < 1, np.exp(-np.log1p(-s * g0) / s), np.inf)
    for got, t in zip(b["pBlowup"], (1, 2, 5)):
        close_prob(got, float(np.mean(blowup < t)), REF_N)
    for got, t in zip(b["pBlowupFast"], (1, 2, 5)):
        close_prob(got, float(np.mean(blowup / (1 + speedup) < t)), REF_N)
    # blow-up happens iff the ratio exceeds 1: P(ratio > 1) for the lognormal 0.4 to 3.6
    mu, sigma = lognormal(0.4, 3.6)
    close_prob(b["pEver"], stats.norm.sf(-mu / sigma))
    close_prob(b["pTenfold"], float(np.mean(after_one_year > 10)), REF_N)
    close_quantile(float(np.median(b["afterOneYear"])), 0.5, empirical_cdf(after_one_year), REF_N)


# ---- compute_bottleneck.sq ----------------------------------------------------------

def test_compute_bottleneck_probabilities_in_closed_form():
    b = run("compute_bottleneck")
    mu_sigma, s_sigma = lognormal(0.3, 2.6)
    p_capped = stats.norm.cdf(-mu_sigma / s_sigma)          # P(sigma < 1) = P(rho < 0)
    mu_l, s_l = lognormal(1.4, 3)
    p_returns = stats.norm.sf(-mu_l / s_l)                   # P(lambda/beta > 1)
    p_cobb_douglas = case("P(foom) with alpha ~ uniform(0.4, 0.8)")
    close_prob(b["pCapped"], p_capped)
    close_prob(b["pFoomCobbDouglas"], p_cobb_douglas)
    # CES fooms iff rho > 0 and lambda > beta (DOMAIN.md 3.5); rho is independent of the rest
    close_prob(b["pFoomCES"], (1 - p_capped) * p_returns)
    close_prob(b["pFoomToFizzle"], p_cobb_douglas * p_capped)
    # a <= 0.8 < 1, so a lambda/beta > 1 implies lambda/beta > 1
    close_prob(b["pFizzleToFoom"], (p_returns - p_cobb_douglas) * (1 - p_capped))


def test_compute_bottleneck_ceiling_and_peak():
    b = run("compute_bottleneck")
    g = rng(5)
    a, lob, beta = g.uniform(0.4, 0.8, REF_N), draw_to(g, 1.4, 3), g.uniform(0.15, 0.75, REF_N)
    lam = lob * beta
    sigma = draw_to(g, 0.3, 2.6)
    rho = (sigma - 1) / sigma
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ceiling = np.where(rho < 0, (1 - a) ** (1 / rho), np.inf)
        capped_peak = ((1 - a) * beta / (a * (lam - beta))) ** (1 / rho)
        peak = np.where(rho < 0, np.where(a * lam > beta, capped_peak, 1.0),
                        np.where(lam > beta, np.inf, 1.0))
    close_prob(b["pCeiling"][0], float(np.mean(ceiling < 10)), REF_N)
    close_prob(b["pCeiling"][1], float(np.mean(ceiling < 1000)), REF_N)
    close_prob(b["pEarlyPeak"], float(np.mean((peak > 1) & (peak < 2 ** 10))), REF_N)
    close_prob(b["pLatePeak"], float(np.mean(peak > 2 ** 30)), REF_N)


# ---- forethought.sq -----------------------------------------------------------------

def forethought_first_year(f, r0, p, years, share=0.5, horizon=12.0):
    """Software doublings in the first ``horizon`` months of Forethought's loop
    (DOMAIN.md 3.6, single-simulation semantics), written here step by step: the first
    doubling takes 3/(1+f) months; after each, r falls by r0/N and the next doubling
    takes 2^(p (1/r - 1)) times as long; the count stops at N or when r reaches 0."""
    f, r0, p, years = np.broadcast_arrays(*(np.atleast_1d(np.asarray(v, float))
                                            for v in (f, r0, p, years)))
    ceiling = 4 * years / share
    out = np.full(f.shape, np.nan)
    t, x, r = np.zeros(f.shape), np.zeros(f.shape), r0.copy()
    d = 3 / (1 + f)
    active = np.ones(f.shape, bool)
    while active.any():
        crosses = active & (t + d >= horizon)
        out[crosses] = np.minimum(x + (horizon - t) / d, ceiling)[crosses]
        active &= ~crosses
        t, x = np.where(active, t + d, t), np.where(active, x + 1, x)
        at_ceiling = active & (x >= ceiling)
        out[at_ceiling] = ceiling[at_ceiling]
        active &= ~at_ceiling
        r = np.where(active, r - r0 / ceiling, r)
        exhausted = active & (r <= 0)
        out[exhausted] = x[exhausted]
        active &= ~exhausted
        with np.errstate(over="ignore"):  # returns near 0: the next doubling never comes
            d = np.where(active, d * 2.0 ** (p * (1 / np.where(active, r, 1) - 1)), d)
    return out


def test_forethought_defaults_are_reference_case_29():
    want = case("Forethought discrete loop with declining r")
    exact(run("forethought")["defaultYears"], want["years_of_progress_first_12_months"])
    # and the loop above, which the next test relies on, reproduces it too
    exact(float(forethought_first_year(8, 1.2, 0.3, 11)[0]), want["doublings_first_12_months"])


def test_forethought_probabilities():
    b = run("forethought")
    g = rng(6)
    n = 200_000
    years = forethought_first_year(draw_loguniform(g, 2, 32, n), draw_loguniform(g, 0.4, 3.6, n),
                                   draw_loguniform(g, 0.15, 0.6, n), g.uniform(6, 16, n)) * 0.5 / 4
    close_prob(b["pOver3"], float(np.mean(years > 3)), n)
    close_prob(b["pOver10"], float(np.mean(years > 10)), n)
    close_mean(float(np.mean(b["years"])), float(years.mean()), float(years.std()), n)
    close_prob(b["pExplosion"], math.log(3.6) / math.log(9))  # P(log-uniform r0 > 1)
    assert b["drivers"][0]["input"] == "r0"


# ---- project_cost.sq ----------------------------------------------------------------

SCENARIOS = [((1, 1.3), 0.6), ((1.3, 2), 0.3), ((2, 4), 0.1)]


def test_project_cost_closed_forms():
    b = run("project_cost")
    p_penalty = sum(w * stats.norm.sf((math.log(1.5) - lognormal(*ci)[0]) / lognormal(*ci)[1])
                    for ci, w in SCENARIOS)
    close_prob(b["pPenalty"], p_penalty)

    def mean_of(ci):
        mu, sigma = lognormal(*ci)
        return math.exp(mu + sigma ** 2 / 2)
    expected = (mean_of((1200, 2500)) * mean_of((600, 900))
                * sum(w * mean_of(ci) for ci, w in SCENARIOS) + 200e3 * p_penalty + 150e3)
    cost = project_cost_reference(rng(7))
    close_mean(b["expectedCost"], expected, float(cost.std()))


def project_cost_reference(g):
    which = g.choice(3, size=REF_N, p=[w for _, w in SCENARIOS])
    overrun = np.choose(which, [draw_to(g, *ci) for ci, _ in SCENARIOS])
    penalty = np.where(overrun > 1.5, 200e3, 0)
    return draw_to(g, 1200, 2500) * draw_to(g, 600, 900) * overrun + penalty + 150e3


def test_project_cost_budget_risk():
    b = run("project_cost")
    cost = project_cost_reference(rng(8))
    close_prob(b["pOverBudget"], float(np.mean(cost > 2.5e6)), REF_N)
    close_quantile(b["budget80"], 0.8, empirical_cdf(cost), REF_N)
    # the story the mixture picks drives the cost (its components are inputs too)
    assert b["drivers"][0]["input"] == "overrun: choice"


# ---- market_size.sq -----------------------------------------------------------------

def test_market_size_against_lognormal_closed_forms():
    # ln(market) is a sum of normals; correlate gives drinkers and cups rank correlation
    # 0.6, i.e. normal scores with Pearson correlation 2 sin(pi 0.6 / 6)
    b = run("market_size")
    inputs = [lognormal(400e3, 800e3), lognormal(1, 3), lognormal(0.1, 0.3), lognormal(3, 5.5)]
    mu = sum(m for m, _ in inputs) + math.log(365)
    var_independent = sum(s ** 2 for _, s in inputs)
    rho = 2 * math.sin(math.pi * 0.6 / 6)
    var_correlated = var_independent + 2 * rho * inputs[0][1] * inputs[1][1]
    for (low, high), p500, var in zip(b["intervals"], b["pOver500M"],
                                      (var_correlated, var_independent)):
        cdf = lognormal_cdf(mu, math.sqrt(var))
        close_quantile(low, 0.05, cdf)
        close_quantile(high, 0.95, cdf)
        close_prob(p500, 1 - cdf(500e6))
    ln_market = np.log(b["market"])
    assert abs(ln_market.std() - math.sqrt(var_correlated)) <= \
        K * math.sqrt(var_correlated / (2 * N))  # sd of a normal sample's sd


# ---- fermi_piano_tuners.sq ----------------------------------------------------------

def test_piano_tuners_is_a_lognormal_product():
    b = run("fermi_piano_tuners")
    exact(b["tunings_per_tuner"], 480)
    terms = [(lognormal(8e6, 10e6), 1), (lognormal(2.2, 2.8), -1),
             (lognormal(0.03, 0.08), 1), (lognormal(0.7, 1.2), 1)]
    mu = sum(sign * m for (m, _), sign in terms) - math.log(480)
    sigma = math.sqrt(sum(s ** 2 for (_, s), _ in terms))
    cdf = lognormal_cdf(mu, sigma)
    close_quantile(b["tuners_90ci"][0], 0.05, cdf)
    close_quantile(b["tuners_90ci"][1], 0.95, cdf)
    close_prob(b["p_over_500"], 1 - cdf(500))
    mean = math.exp(mu + sigma ** 2 / 2)
    close_mean(float(np.mean(b["tuners"])), mean, mean * math.sqrt(math.expm1(sigma ** 2)))
