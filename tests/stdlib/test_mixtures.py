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


# ---- the exact law of a mixture of numbers and untouched constructors ----

MIX4 = "mixture(0.5, 0.31, 0.4, 0.64, [0.25, 0.3, 0.3, 0.15])"


@pytest.mark.parametrize("query,expected", [
    # what Squiggle 0.10 gives for this mixture of numbers (a point set there), any seed
    ("mean(m)", 0.434),
    ("variance(m)", 0.012414),
    ("cdf(m, 0.3)", 0.0), ("cdf(m, 0.31)", 0.3), ("cdf(m, 0.45)", 0.6), ("cdf(m, 0.64)", 1.0),
    # the first value whose cumulative weight passes p (at p = 0.3, exactly 0.31's, 0.4)
    ("quantile(m, 0.05)", 0.31), ("quantile(m, 0.3)", 0.4), ("quantile(m, 0.5)", 0.4),
    ("quantile(m, 0.75)", 0.5), ("quantile(m, 0.95)", 0.64), ("quantile(m, 1)", 0.64),
])
def test_mixture_of_numbers_is_exact(query, expected):
    value = dsl.evaluate(f"m = {MIX4}\n{query}", samples=1000, seed=5)
    assert float(value) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_mixture_of_numbers_has_no_density():
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate(f"pdf({MIX4}, 0.4)", samples=100)
    assert "no density" in info.value.message  # Squiggle fails here too


def test_mixture_of_numbers_is_exact_on_every_seed():
    means = [float(dsl.evaluate(f"mean({MIX4})", samples=500, seed=s)) for s in range(4)]
    assert means == [pytest.approx(0.434, rel=1e-12)] * 4


@pytest.mark.parametrize("source", ["mx(1)", "mixture([2.5])", "mx(pointMass(2.5))"])
def test_one_component_is_a_distribution(source):
    d = dsl.evaluate(source, samples=100)
    assert isinstance(d, dsl.engine.values.Value) and d.type_name == "Distribution"
    assert np.all(d.samples == d.samples[0])


def test_mixture_of_constructors_is_exact_against_scipy():
    from scipy import stats
    sigma = math.log(10) / 2 / 1.6448536269514722
    parts = [(0.3, stats.norm(0, 1)), (0.7, stats.lognorm(s=sigma, scale=math.sqrt(10)))]
    d = dsl.evaluate("mx(normal(0, 1), 1 to 10, [0.3, 0.7])", samples=1000, seed=1)
    mean = sum(w * p.mean() for w, p in parts)
    second = sum(w * (p.var() + p.mean() ** 2) for w, p in parts)
    assert d.mean() == pytest.approx(mean, rel=1e-12)
    assert d.stdev() == pytest.approx(math.sqrt(second - mean ** 2), rel=1e-9)
    xs = np.array([-1.0, 0.5, 2.0, 7.5])
    assert d.cdf(xs) == pytest.approx(sum(w * p.cdf(xs) for w, p in parts), rel=1e-12)
    assert d.law.pdf(xs) == pytest.approx(sum(w * p.pdf(xs) for w, p in parts), rel=1e-12)
    ps = np.array([0.01, 0.05, 0.3, 0.5, 0.95, 0.999])
    qs = d.quantile(ps)
    assert d.cdf(qs) == pytest.approx(ps, rel=1e-9)  # the quantiles invert the cdf


def test_mixture_with_a_number_jumps_at_it():
    d = dsl.evaluate("mx(normal(0, 1), 3)", samples=1000)
    assert d.quantile(np.array([0.25, 0.5, 0.75])) == pytest.approx([0, 3, 3], abs=1e-9)
    assert d.cdf(3.0) == pytest.approx(0.5 + 0.5 * 0.9986501019683699, rel=1e-12)
    assert d.mean() == pytest.approx(1.5, rel=1e-12)


def test_nested_mixtures_flatten():
    d = dsl.evaluate("mx(mx(1, 2), 3)", samples=1000)
    assert d.mean() == pytest.approx(2.25, rel=1e-12)
    assert d.variance() == pytest.approx(0.25 * 1.25 ** 2 + 0.25 * 0.25 ** 2 + 0.5 * 0.75 ** 2)


@pytest.mark.parametrize("source", [
    "mx(normal(0, 1) * 2, 3)",           # arithmetic: known by its samples only
    "mx(poisson(3), normal(0, 1))",      # a discrete law among continuous ones
    "mx(SampleSet.fromList([1, 2, 3, 4, 5, 6]), 3)",
])
def test_mixtures_without_an_exact_law(source):
    assert dsl.evaluate(source, samples=1000).law is None


def test_exact_law_keeps_the_samples_drawn_by_weight():
    d = dsl.evaluate("mx(0, 1, [0.2, 0.8])", samples=N, seed=1)
    assert d.mean() == pytest.approx(0.8, rel=1e-12)   # exact
    assert abs(d.samples.mean() - 0.8) < 5 * math.sqrt(0.16 / N)


# ---- numbers, Sym.* and point sets mix as Squiggle's point sets ----

@pytest.mark.parametrize("query,squiggle", [  # what Squiggle 0.10 gives (deterministic)
    ("mean(m)", 3.502021341436799), ("stdev(m)", 2.500258652027397),
    ("quantile(m, 0.2)", 0.4299338760953963), ("cdf(m, 2)", 0.29437653206251546),
    ("pdf(m, 2)", 0.01940188768674345), ("integralSum(m)", 1.0005775646030737),
    # a density mixed with a mass: Squiggle's point-set mean weights the mass twice
    ("mean(m2)", 0.7497835097301949), ("stdev(m2)", 1.3923300249162995),
    ("quantile(m2, 0.2)", -0.25409484612830396), ("quantile(m2, 0.7)", 3.0),
    ("cdf(m2, 2)", 0.4887676965621193),
])
def test_symbolic_mixtures_are_squiggle_point_sets(query, squiggle):
    source = ("m = mx(Sym.normal(0, 1), Sym.normal(5, 1), [0.3, 0.7])\n"
              f"m2 = mx(Sym.normal(0, 1), 3)\n{query}")
    assert float(dsl.evaluate(source, samples=1000)) == pytest.approx(squiggle, rel=1e-9)


def test_point_set_mixture_samples_follow_its_cdf():
    d = dsl.evaluate("mx(Sym.normal(0, 1), Sym.normal(5, 1), [0.3, 0.7])", samples=N, seed=2)
    share = np.mean(d.samples < 2.5)  # about 0.3: the first component's mass
    expected = float(d.law.cdf(2.5))
    assert abs(share - expected) < 5 * math.sqrt(expected * (1 - expected) / N)
