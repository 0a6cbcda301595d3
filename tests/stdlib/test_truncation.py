"""Truncation: exact for constructors, filter-and-resample for samples."""
import math

import numpy as np
import pytest
import scipy.stats as st

import dsl

N = 100_000


def test_exact_truncation_of_a_constructor():
    s = dsl.Session(samples=N, seed=1)
    twin = st.truncnorm((40 - 50) / 15, (60 - 50) / 15, loc=50, scale=15)
    d = s.evaluate("truncate(normal(50, 15), 40, 60)")
    assert d.law is not None
    assert float(s.evaluate("mean(truncate(normal(50, 15), 40, 60))")) == pytest.approx(
        twin.mean(), rel=1e-9)
    assert float(s.evaluate("stdev(truncate(normal(50, 15), 40, 60))")) == pytest.approx(
        twin.std(), rel=1e-7)
    assert float(s.evaluate("quantile(truncate(normal(50, 15), 40, 60), 0.3)")) == \
        pytest.approx(twin.ppf(0.3), rel=1e-12)
    assert d.samples.min() >= 40 and d.samples.max() <= 60
    assert abs(d.samples.mean() - twin.mean()) < 5 * twin.std() / math.sqrt(N)


def test_left_and_right():
    s = dsl.Session(samples=N, seed=2)
    left = st.truncnorm(-1, np.inf)
    assert float(s.evaluate("mean(truncateLeft(normal(0, 1), -1))")) == pytest.approx(
        left.mean(), rel=1e-9)
    assert float(s.evaluate("mean(normal(0, 1) -> truncateRight(1))")) == pytest.approx(
        st.truncnorm(-np.inf, 1).mean(), rel=1e-9)


def test_samples_are_filtered_then_resampled():
    s = dsl.Session(samples=N, seed=3)
    d = s.evaluate("x = normal(0, 1) + 0\ntruncateLeft(x, 0)")
    assert d.law is None and len(d) == N
    assert d.samples.min() >= 0
    half = st.truncnorm(0, np.inf)
    assert abs(d.samples.mean() - half.mean()) < 5 * half.std() / math.sqrt(N / 2)


@pytest.mark.parametrize("source,fragment", [
    ("truncate(normal(0, 1), 3, 1)", "must not exceed"),
    ("truncateLeft(uniform(0, 1) + 0, 5)", "nothing is left"),
    ("truncateLeft(uniform(0, 1), 5)", "no probability"),
])
def test_empty_truncation_is_an_error(source, fragment):
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate(source, samples=1000)
    assert fragment in info.value.message


@pytest.mark.parametrize("low,high", [(30, 31), (8, 9), (5, math.inf), (3, 4)])
def test_far_upper_tail_truncation_is_exact(low, high):
    # cdf(30) and cdf(31) are both 1.0 in double precision: the law works with sf there
    twin = st.truncnorm(low, high)
    hi = "Infinity" if math.isinf(high) else str(high)
    source = (f"truncateLeft(normal(0, 1), {low})" if math.isinf(high)
              else f"truncate(normal(0, 1), {low}, {hi})")
    d = dsl.evaluate(source, samples=N, seed=3)
    assert d.law.mean() == pytest.approx(twin.mean(), rel=1e-9)
    assert math.sqrt(d.law.var()) == pytest.approx(twin.std(), rel=1e-6)
    for p in (0.05, 0.5, 0.95):
        assert d.quantile(p) == pytest.approx(twin.ppf(p), rel=1e-9)
    assert d.cdf(twin.ppf(0.3)) == pytest.approx(0.3, abs=1e-9)
    assert d.samples.min() >= low and d.samples.max() <= high
    assert abs(d.samples.mean() - twin.mean()) < 5 * twin.std() / math.sqrt(N)


def test_truncation_in_the_lower_tail_still_matches_scipy():
    twin = st.truncnorm(-31, -30)
    d = dsl.evaluate("truncate(normal(0, 1), -31, -30)", samples=1000, seed=4)
    assert d.law.mean() == pytest.approx(twin.mean(), rel=1e-9)
    assert d.quantile(0.5) == pytest.approx(twin.ppf(0.5), rel=1e-9)
