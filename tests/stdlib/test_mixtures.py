"""Mixtures: weights normalised, numbers as point masses, one vectorised pass."""
import math

import numpy as np
import pytest

import dsl

N = 100_000


def _share(samples, value):
    return np.mean(samples == value)


@pytest.mark.parametrize("source,expected", [
    ("mx(0, 1)", {0: 0.5, 1: 0.5}),
    ("mx(0, 1, [0.2, 0.8])", {0: 0.2, 1: 0.8}),
    ("mx(0, 1, [2, 8])", {0: 0.2, 1: 0.8}),
    ("mixture([0, 1, 2], [1, 1, 2])", {0: 0.25, 1: 0.25, 2: 0.5}),
    ("mixture([pointMass(3), 4])", {3: 0.5, 4: 0.5}),
    ("mx(pointMass(7))", {7: 1.0}),
])
def test_weights(source, expected):
    samples = dsl.evaluate(source, samples=N, seed=1).samples
    for value, share in expected.items():
        assert abs(_share(samples, value) - share) < 5 * math.sqrt(share * (1 - share) / N) + 1e-12


def test_sample_i_comes_from_component_k_sample_i():
    res = dsl.run("a = normal(0, 1)\nb = normal(100, 1)\nm = mx(a, b, [0.5, 0.5])",
                  samples=N, seed=2)
    a, b, m = (res.bindings[k].samples for k in "abm")
    from_a = m < 50
    assert np.array_equal(m[from_a], a[from_a])
    assert np.array_equal(m[~from_a], b[~from_a])


def test_mixture_mean_matches_theory():
    m = dsl.evaluate("mean(mx(normal(10, 2), normal(30, 4), [0.8, 0.2]))", samples=N, seed=3)
    sd = math.sqrt(0.8 * 4 + 0.2 * 16 + 0.8 * 0.2 * 400)
    assert abs(float(m) - 14) < 5 * sd / math.sqrt(N)


@pytest.mark.parametrize("source,fragment", [
    ("mx(1, 2, [0.5])", "2 components but 1 weights"),
    ("mx(1, 2, [-1, 2])", ">= 0"),
    ("mx(1, 2, [0, 0])", "positive"),
    ("mixture([], [])", "at least one"),
    ("mx(1, \"a\", [1, 1])", "number or a distribution"),
])
def test_bad_mixtures(source, fragment):
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate(source, samples=100)
    assert fragment in info.value.message
