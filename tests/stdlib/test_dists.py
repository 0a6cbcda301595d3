"""Every constructor against its scipy twin: exact queries to 1e-12, samples within
5 Monte Carlo standard errors; parameter forms; invalid parameters."""
import math

import numpy as np
import pytest
import scipy.stats as st

import dsl

N = 200_000
SEED = 11


def _lognormal_ci(a, b, z=1.6448536269514722):
    mu, sigma = (math.log(a) + math.log(b)) / 2, (math.log(b) - math.log(a)) / (2 * z)
    return st.lognorm(s=sigma, scale=math.exp(mu))


def _beta_moments(m, sd):
    nu = m * (1 - m) / sd ** 2 - 1
    return st.beta(m * nu, (1 - m) * nu)


def _lognormal_moments(m, sd):
    s2 = math.log1p((sd / m) ** 2)
    return st.lognorm(s=math.sqrt(s2), scale=math.exp(math.log(m) - s2 / 2))


# (source, scipy twin, discrete)
CONSTRUCTORS = [
    ("1.4 to 3", _lognormal_ci(1.4, 3), False),
    ("to(2, 50)", _lognormal_ci(2, 50), False),
    ("normal(10, 2)", st.norm(10, 2), False),
    ("normal({p5: 20, p95: 40})", st.norm(30, 10 / 1.6448536269514722), False),
    ("normal({p10: 20, p90: 40})", st.norm(30, 10 / 1.2815515655446004), False),
    ("normal({p25: 20, p75: 40})", st.norm(30, 10 / 0.6744897501960817), False),
    ("normal({mean: -5, stdev: 0.5})", st.norm(-5, 0.5), False),
    ("lognormal(1, 0.5)", st.lognorm(s=0.5, scale=math.exp(1)), False),
    ("lognormal({p5: 2, p95: 20})", _lognormal_ci(2, 20), False),
    ("lognormal({p10: 2, p90: 20})", _lognormal_ci(2, 20, 1.2815515655446004), False),
    ("lognormal({p25: 2, p75: 20})", _lognormal_ci(2, 20, 0.6744897501960817), False),
    ("lognormal({mean: 100, stdev: 30})", _lognormal_moments(100, 30), False),
    ("uniform(10, 30)", st.uniform(10, 20), False),
    ("beta(2, 8)", st.beta(2, 8), False),
    ("beta({mean: 0.4, stdev: 0.15})", _beta_moments(0.4, 0.15), False),
    ("gamma(0.8, 5)", st.gamma(0.8, scale=5), False),
    ("exponential(0.5)", st.expon(scale=2), False),
    ("triangular(2, 5, 11)", st.triang(3 / 9, loc=2, scale=9), False),
    ("logistic(10, 2)", st.logistic(10, 2), False),
    ("cauchy(3, 1.5)", st.cauchy(3, 1.5), False),
    ("studentT(4, 1, 2)", st.t(4, 1, 2), False),
    ("loguniform(1, 1000)", st.loguniform(1, 1000), False),
    ("pert(0, 3, 12)", st.beta(2, 4, loc=0, scale=12), False),
    ("bernoulli(0.3)", st.bernoulli(0.3), True),
    ("poisson(4)", st.poisson(4), True),
    ("binomial(10, 0.3)", st.binom(10, 0.3), True),
]
IDS = [c[0] for c in CONSTRUCTORS]


@pytest.fixture(scope="module")
def session():
    return dsl.Session(samples=N, seed=SEED)


def _close(a, b, rel=1e-12, abs_=1e-12):
    return abs(a - b) <= max(abs_, rel * abs(b))


@pytest.mark.parametrize("source,twin,discrete", CONSTRUCTORS, ids=IDS)
def test_exact_queries_match_scipy(session, source, twin, discrete):
    d = session.evaluate(source)
    assert d.law is not None, "an untouched constructor must know its exact law"
    if np.isfinite(twin.mean()):
        assert _close(float(session.evaluate(f"mean({source})")), twin.mean())
        assert _close(float(session.evaluate(f"stdev({source})")), twin.std())
        assert _close(float(session.evaluate(f"variance({source})")), twin.var())
    for p in (0.05, 0.25, 0.5, 0.9):
        assert _close(float(session.evaluate(f"quantile({source}, {p})")), twin.ppf(p))
    x = float(twin.ppf(0.3))
    assert _close(float(session.evaluate(f"cdf({source}, {x!r})")), twin.cdf(x))
    density = twin.pmf(x) if discrete else twin.pdf(x)
    assert _close(float(session.evaluate(f"pdf({source}, {x!r})")), density)


@pytest.mark.parametrize("source,twin,discrete", CONSTRUCTORS, ids=IDS)
def test_samples_match_scipy(session, source, twin, discrete):
    samples = session.evaluate(source).samples
    assert samples.shape == (N,) and samples.dtype == np.float64
    assert not samples.flags.writeable
    if np.isfinite(twin.var()):
        se = twin.std() / math.sqrt(N)
        assert abs(samples.mean() - twin.mean()) < 5 * se
    for p in (0.1, 0.5, 0.9):
        q = twin.ppf(p)
        if discrete:  # a discrete quantile: compare the cdf at q instead
            se = math.sqrt(p * (1 - p) / N)
            assert np.mean(samples <= q) >= p - 5 * se
            assert np.mean(samples < q) <= p + 5 * se
        else:
            se = math.sqrt(p * (1 - p) / N) / twin.pdf(q)
            assert abs(np.quantile(samples, p) - q) < 5 * se


def test_to_matches_the_closed_form_of_reference_case():
    """takeoff_cases.json: '1.4 to 3' has mu, sigma, median, mean, 5/95% and P(> 2)."""
    case = next(c for c in _cases() if c["function"] == "lognormalFromCI")
    exp = case["expected"]
    s = dsl.Session(samples=case["monte_carlo_tolerance"]["n_samples"], seed=3)
    assert _close(float(s.evaluate("median(1.4 to 3)")), exp["median"], 1e-12)
    assert _close(float(s.evaluate("mean(1.4 to 3)")), exp["mean"], 1e-12)
    assert _close(float(s.evaluate("quantile(1.4 to 3, 0.05)")), exp["p05"], 1e-12)
    assert _close(float(s.evaluate("quantile(1.4 to 3, 0.95)")), exp["p95"], 1e-12)
    assert _close(float(s.evaluate("1 - cdf(1.4 to 3, 2)")), exp["P_gt_2"], 1e-12)
    p = float(s.evaluate("prob((1.4 to 3) > 2)"))
    assert abs(p - exp["P_gt_2"]) < case["monte_carlo_tolerance"]["P_abs"]


def test_prob_foom_reference_case():
    case = next(c for c in _cases() if c["function"] == "probFoom")
    s = dsl.Session(samples=case["monte_carlo_tolerance"]["n_samples"], seed=5)
    p = float(s.evaluate("ratio = 0.5 * (1.4 to 3)\nprob(ratio > 1)"))
    assert abs(p - case["expected"]) < case["monte_carlo_tolerance"]["abs"]


def _cases():
    from reference_cases import CASES
    return CASES


def test_x_minus_x_is_exactly_zero(session):
    for src in ("x = 1 to 10\nx - x", "x = normal(0, 5)\nx - x", "x = mx(1, 2 to 3)\nx - x"):
        assert np.all(session.evaluate(src).samples == 0)
    assert np.all(session.evaluate("y = 2 to 6\ny / y").samples == 1)


def test_distributions_as_parameters_are_sampled_elementwise():
    s = dsl.Session(samples=N, seed=2)
    mu = s.evaluate("mu = 5 to 10\nmu").samples
    n = s.evaluate("normal(mu, 1)").samples
    resid = n - mu  # sample i of normal(mu, 1) uses sample i of mu
    assert abs(resid.mean()) < 5 / math.sqrt(N)
    assert abs(resid.std() - 1) < 5 * math.sqrt(0.5 / N)
    assert s.evaluate("normal(mu, 1)").law is None


def test_comparisons_give_probabilities_and_if_selects_elementwise():
    s = dsl.Session(samples=N, seed=4)
    assert abs(float(s.evaluate("mean(normal(0, 1) > 1)")) - st.norm.sf(1)) < 5 * math.sqrt(
        0.16 / N)
    picked = s.evaluate("x = normal(0, 1)\nif x > 0 then x else 0 - x")
    assert np.all(picked.samples >= 0)
    assert np.array_equal(picked.samples, np.abs(s.evaluate("x").samples))
    assert float(s.evaluate("prob(x > 0 && x < 1)")) == pytest.approx(
        st.norm.cdf(1) - 0.5, abs=5 * math.sqrt(0.25 / N))


def test_infinite_samples_are_summarised():
    s = dsl.Session(samples=1000, seed=0)
    d = s.evaluate("x = uniform(0, 1)\nif x > 0.9 then 1 / 0 else x")
    summary = d.summary()
    assert summary["mean"] == "Infinity" and summary["stdev"] == "Infinity"
    assert summary["quantiles"]["0.95"] == "Infinity"
    assert 0 < summary["quantiles"]["0.5"] < 1


INVALID = [
    ("normal(0, -1)", "standard deviation", "-1"),
    ("normal(0, 0)", "standard deviation", "0"),
    ("lognormal(0, -2)", "sigma", "-2"),
    ("uniform(5, 1)", "low must be less than high", ""),
    ("beta(-1, 2)", "alpha", "-1"),
    ("beta({mean: 1.5, stdev: 0.1})", "mean must be between 0 and 1", ""),
    ("beta({mean: 0.5, stdev: 0.9})", "stdev", ""),
    ("gamma(0, 1)", "shape", "0"),
    ("exponential(-3)", "rate", "-3"),
    ("triangular(5, 1, 10)", "min <= mode <= max", ""),
    ("bernoulli(1.2)", "probability p", "1.2"),
    ("binomial(-1, 0.5)", "n", ""),
    ("poisson(-1)", "rate", "-1"),
    ("0 to 10", "above 0", ""),
    ("5 to 1", "write the smaller end first: 1 to 5", ""),
    ("3 to 3", "pointMass(3)", ""),
    ("(1/0) to 2", "finite", ""),
    ("uniform(-1/0, 1/0)", "finite", ""),
    ("normal({p5: 10, p95: 1})", "p5 must be less than p95", ""),
    ("lognormal({mean: -1, stdev: 1})", "mean must be > 0", ""),
    ("normal(normal(0, 1), uniform(-1, 1))", "standard deviation", ""),
    ("studentT(0, 1, 1)", "df", "0"),
    ("loguniform(0, 10)", "low", "0"),
    ("cauchy(0, -1)", "scale", "-1"),
]


@pytest.mark.parametrize("source,fragment,value", INVALID, ids=[i[0] for i in INVALID])
def test_invalid_parameters_are_domain_errors(source, fragment, value):
    with pytest.raises(dsl.DslError) as info:
        dsl.run(f"x = 1\nd = {source}", samples=100)
    err = info.value
    assert err.kind == "DomainError"
    assert fragment in err.message
    assert value in err.message
    assert (err.line, err.column) == (2, 5)


def test_to_error_says_what_to_write_instead():
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate("0 to 10", samples=10)
    assert "normal({p5: 0, p95: 10})" in info.value.message


def test_if_on_a_condition_evaluates_each_branch_where_it_is_taken():
    res = dsl.run("x = normal(0, 1)\ny = if x > 0 then Math.sqrt(x) else 0\n"
                  "z = x > 0 ? log(x) : -1\nf(v) = Math.sqrt(v)\nw = if x < 0 then 0 else f(x)\n"
                  "never = if x > 100 then log(0 - 1) else x", samples=20_000, seed=3)
    b = {k: v.samples for k, v in res.bindings.items() if isinstance(v, dsl.Dist)}
    x = b["x"]
    assert np.array_equal(b["y"], np.where(x > 0, np.sqrt(np.abs(x)), 0))
    assert np.allclose(b["z"], np.where(x > 0, np.log(np.abs(x)), -1))
    assert np.array_equal(b["w"], np.where(x < 0, 0, np.sqrt(np.abs(x))))
    assert np.array_equal(b["never"], x)


def test_a_branch_failing_where_it_is_taken_is_still_an_error():
    with pytest.raises(dsl.DslError) as info:
        dsl.run("x = normal(0, 1)\ny = if x > -1 then Math.sqrt(x) else 0", samples=1000)
    assert info.value.kind == "DomainError" and (info.value.line, info.value.column) == (2, 20)


def test_a_branch_is_cut_to_its_samples_inside_closures_records_and_lists():
    res = dsl.run("x = normal(0, 1)\n"
                  "g(v) = Math.sqrt(x) * v\n"            # x reached through a closure
                  "y = if x > 0 then g(2) else 0\n"
                  "p = {a: x, b: [x, 1]}\n"
                  "r = if x > 0 then log(p.a) + log(p[\"a\"]) + log(p.b[0]) else 0\n"
                  "h(v) = if x > 1 then log(x - 1) else v\n"  # nested inside a branch
                  "n = if x > 0 then h(5) else -1\n"
                  "d = if x > 0 then Math.sqrt(x) + normal(0, 1) * 0 else 0",  # a new draw
                  samples=20_000, seed=4)
    b = {k: v.samples for k, v in res.bindings.items() if isinstance(v, dsl.Dist)}
    x = b["x"]
    pos = x > 0
    assert np.array_equal(b["y"], np.where(pos, np.sqrt(np.abs(x)) * 2, 0))
    assert np.allclose(b["r"], np.where(pos, 3 * np.log(np.abs(x)), 0), rtol=1e-12)
    assert np.array_equal(b["n"], np.where(x > 1, np.log(np.abs(x - 1)), np.where(pos, 5, -1)))
    assert np.array_equal(b["d"], np.where(pos, np.sqrt(np.abs(x)), 0))


@pytest.mark.parametrize("source", [
    "normal(0, 1e200)", "gamma(2, 1e200)", "logistic(0, 1e200)",
    "triangular(-1e200, 0, 1e200)", "uniform(0, 1e200)", "uniform(-1e308, 1e308)",
    "exponential(1e-300)", "studentT(3, 0, 1e200)", "loguniform(1, 1e300)",
    "pert(0, 1, 1e200)", "normal({p5: -1e300, p95: 1e300})",
])
def test_huge_scales_give_infinite_spread_not_an_internal_error(source):
    # the variance overflows (Infinity); the quantiles are finite and in order
    d = dsl.evaluate(source, samples=2000, seed=1)
    summary = d.summary()
    assert summary["stdev"] == "Infinity"
    qs = [summary["quantiles"][k] for k in ("0.05", "0.25", "0.5", "0.75", "0.95")]
    assert all(isinstance(q, float) and math.isfinite(q) for q in qs), qs
    assert qs == sorted(qs)
    assert np.all(np.isfinite(d.samples))


def test_triangular_and_uniform_at_huge_ends_match_their_halved_twins():
    # a triangular or uniform law scales exactly: quantiles and cdf at 1e200 are 1e200
    # times those at 1
    big = dsl.evaluate("triangular(-1e200, 0, 1e200)", samples=10)
    small = st.triang(0.5, loc=-1, scale=2)
    for p in (0.05, 0.3, 0.5, 0.9):
        assert big.quantile(p) == pytest.approx(1e200 * small.ppf(p), rel=1e-12)
    assert big.cdf(5e199) == pytest.approx(small.cdf(0.5), rel=1e-12)
    wide = dsl.evaluate("uniform(-1e308, 1e308)", samples=10)
    assert wide.quantile(0.75) == pytest.approx(5e307, rel=1e-12)
    assert wide.cdf(0.0) == 0.5
