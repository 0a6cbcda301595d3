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
