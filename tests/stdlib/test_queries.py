"""Queries on distributions: exact for constructors, from samples otherwise."""
import math

import numpy as np
import pytest
import scipy.stats as st

import dsl

N = 200_000


@pytest.fixture(scope="module")
def s():
    session = dsl.Session(samples=N, seed=9)
    session.run("x = normal(3, 2) + 0\nlg = lognormal(1, 0.5) * 1")  # sample-based copies
    return session


def test_sample_statistics_match_the_samples(s):
    x = s.evaluate("x").samples
    assert float(s.evaluate("mean(x)")) == pytest.approx(x.mean(), rel=1e-12)
    assert float(s.evaluate("stdev(x)")) == pytest.approx(x.std(), rel=1e-12)
    assert float(s.evaluate("variance(x)")) == pytest.approx(x.var(), rel=1e-12)
    for p in (0.01, 0.05, 0.5, 0.95):
        assert float(s.evaluate(f"quantile(x, {p})")) == pytest.approx(
            np.quantile(x, p), rel=1e-12)
    assert float(s.evaluate("cdf(x, 4)")) == np.mean(x <= 4)
    assert float(s.evaluate("min(x)")) == x.min() and float(s.evaluate("max(x)")) == x.max()


def test_kde_pdf_estimates_the_density(s):
    for at in (1.0, 3.0, 6.0):
        got = float(s.evaluate(f"pdf(x, {at})"))
        assert got == pytest.approx(st.norm(3, 2).pdf(at), rel=0.03)


def test_mode(s):
    assert float(s.evaluate("mode(normal(3, 2))")) == 3
    assert float(s.evaluate("mode(lognormal(1, 0.5))")) == pytest.approx(math.exp(0.75))
    assert float(s.evaluate("mode(x)")) == pytest.approx(3, abs=0.15)
    assert float(s.evaluate("mode(bernoulli(0.8) + 0)")) == 1


def test_sample_and_sample_n(s):
    one = float(s.evaluate("sample(uniform(5, 6))"))
    assert 5 <= one <= 6
    many = s.evaluate("sampleN(x, 1000)")
    values = np.array([v.value for v in many.items])
    assert len(values) == 1000 and set(values) <= set(s.evaluate("x").samples)


def test_prob_and_mean_of_a_condition(s):
    p = float(s.evaluate("prob(x > 5)"))
    assert p == float(s.evaluate("mean(x > 5)"))
    assert abs(p - st.norm(3, 2).sf(5)) < 5 * math.sqrt(0.16 / N)
    with pytest.raises(dsl.DslError) as info:
        s.evaluate("prob(x)")
    assert "condition" in info.value.message


@pytest.mark.parametrize("source,fragment", [
    ("quantile(x, 1.5)", "between 0 and 1"),
    ("quantile(x, -0.1)", "between 0 and 1"),
    ("sampleN(x, -1)", ">= 0"),
    ("cdf(x, \"a\")", "Signatures"),
])
def test_bad_queries(s, source, fragment):
    with pytest.raises(dsl.DslError) as info:
        s.evaluate(source)
    assert fragment in info.value.message


def test_sparkline_shape():
    line = str(dsl.evaluate("Dist.sparkline(normal(0, 1), 15)", samples=50_000))
    assert len(line) == 15 and set(line) <= set("▁▂▃▄▅▆▇█")
    assert line[7] == "█"


def test_conditions_are_comparisons_and_bernoullis_not_any_zero_one_values():
    s = dsl.Session(samples=1000, seed=1)
    s.run("x = normal(0, 1)\nzero = x - x\ncoin = bernoulli(0.5)")
    assert float(s.evaluate("prob(coin)")) == pytest.approx(0.5, abs=0.1)
    assert float(s.evaluate("prob(x > 0 || coin)")) > 0.5
    for source in ("prob(zero)", "if zero then 1 else 2", "zero && true"):
        with pytest.raises(dsl.DslError):
            s.evaluate(source)
    assert not s.evaluate("zero").is_indicator
