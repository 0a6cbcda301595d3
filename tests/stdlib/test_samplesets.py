"""SampleSet: empirical distributions and sample-wise maps."""
import math

import numpy as np
import pytest

import dsl

OBS = [12, 15, 9, 22, 18, 11, 14]


@pytest.mark.parametrize("query,expected", [
    ("mean(obs)", np.mean(OBS)),
    ("stdev(obs)", np.std(OBS)),
    ("variance(obs)", np.var(OBS)),
    ("median(obs)", np.median(OBS)),
    ("quantile(obs, 0.9)", np.quantile(OBS, 0.9)),
    ("cdf(obs, 15)", 5 / 7),
])
def test_statistics_of_fromlist_are_exact(query, expected):
    value = dsl.evaluate(f"obs = SampleSet.fromList({OBS})\n{query}", samples=5000)
    assert float(value) == pytest.approx(expected, rel=1e-12)


def test_arithmetic_resamples_the_observations():
    d = dsl.evaluate(f"obs = SampleSet.fromList({OBS})\nobs * 2", samples=20_000, seed=1)
    assert len(d) == 20_000
    assert set(np.unique(d.samples)) == {2.0 * v for v in OBS}


def test_map_is_vectorised_and_matches_elementwise_arithmetic():
    res = dsl.run("x = normal(0, 1)\ny = SampleSet.map(x, {|v| v * 2 + 1})\nz = x * 2 + 1",
                  samples=10_000)
    assert np.array_equal(res.bindings["y"].samples, res.bindings["z"].samples)


def test_map_falls_back_to_one_call_per_sample():
    # List.upTo cannot take a distribution, so the function only works per sample
    res = dsl.run("x = SampleSet.fromList([1, 2, 3])\n"
                  "y = SampleSet.map(x, {|v| List.length(List.upTo(1, v))})", samples=300)
    assert np.array_equal(res.bindings["y"].samples, res.bindings["x"].samples)


def test_map2_and_from_fn():
    res = dsl.run("a = uniform(0, 1)\nb = uniform(0, 1)\nc = SampleSet.map2(a, b, {|x, y| x * y})\n"
                  "i = SampleSet.fromFn({|k| k})", samples=1000)
    b = res.bindings
    assert np.array_equal(b["c"].samples, b["a"].samples * b["b"].samples)
    assert np.array_equal(b["i"].samples, np.arange(1000.0))


def test_fromlist_empty_is_an_error():
    with pytest.raises(dsl.DslError):
        dsl.evaluate("SampleSet.fromList([])")


# ---- SampleSet.make, mapN, min, max ----

def test_make_picks_the_constructor_by_argument():
    res = dsl.run("a = SampleSet.make(normal(0, 1))\nb = SampleSet.make(5)\n"
                  f"c = SampleSet.make({OBS})\nd = SampleSet.make({{|i| i * 2}})\n"
                  "e = SampleSet.make({|| 3})", samples=1000, seed=2)
    b = res.bindings
    assert b["a"].law is None and len(b["a"]) == 1000
    assert np.all(b["b"].samples == 5)
    assert b["c"].mean() == pytest.approx(np.mean(OBS), rel=1e-12)
    assert np.array_equal(b["d"].samples, 2 * np.arange(1000.0))
    assert np.all(b["e"].samples == 3)


def test_map_n_takes_the_list_of_samples_vectorised():
    res = dsl.run("a = normal(0, 1)\nb = normal(0, 1)\nc = uniform(0, 1)\n"
                  "m = SampleSet.mapN([a, b, c], max)\n"
                  "s = SampleSet.mapN([a, b], {|xs| xs[0] * 2 - xs[1]})", samples=5000, seed=4)
    b = {k: v.samples for k, v in res.bindings.items()}
    assert np.array_equal(b["m"], np.maximum(np.maximum(b["a"], b["b"]), b["c"]))
    assert np.allclose(b["s"], 2 * b["a"] - b["b"])


def test_map_n_falls_back_per_sample():
    res = dsl.run("a = SampleSet.fromList([1, 2, 3])\n"
                  "n = SampleSet.mapN([a, a], {|xs| List.length(List.upTo(1, xs[0])) + 0 * xs[1]})",
                  samples=200)
    assert np.array_equal(res.bindings["n"].samples, res.bindings["a"].samples)


@pytest.mark.parametrize("source,fn", [
    ("SampleSet.min(x, 0.5)", lambda x, y: np.minimum(x, 0.5)),
    ("SampleSet.min(0.5, x)", lambda x, y: np.minimum(x, 0.5)),
    ("SampleSet.max(x, y)", np.maximum), ("SampleSet.min(x, y)", np.minimum),
])
def test_min_max_sample_by_sample(source, fn):
    res = dsl.run(f"x = uniform(0, 1)\ny = uniform(0, 1)\nr = {source}", samples=2000)
    b = {k: v.samples for k, v in res.bindings.items()}
    assert np.array_equal(b["r"], fn(b["x"], b["y"]))


def test_min_of_uniform_and_constant_has_the_exact_mean():
    # E[min(U, 1)] for U ~ uniform(0, 2): 1/2 * 1/2 + 1/2 * 1 = 0.75
    n = 100_000
    d = dsl.evaluate("SampleSet.min(uniform(0, 2), 1)", samples=n, seed=7)
    sd = math.sqrt(np.var(d.samples))
    assert abs(d.mean() - 0.75) < 5 * sd / math.sqrt(n)


@pytest.mark.parametrize("source,fragment", [
    ("SampleSet.min(3, 4)", "does not support arguments (Number, Number)"),
    ("SampleSet.mapN([], max)", "empty"),
    ("SampleSet.mapN([normal(0, 1), 3], max)", "does not support"),
    ("SampleSet.fromFn({|i| sample(normal(5, 2))})", "return the distribution itself"),
    ("SampleSet.map(normal(0, 1), {|x| sample(normal(x, 1))})", "random number"),
])
def test_errors(source, fragment):
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate(source, samples=300)
    assert fragment in info.value.message and info.value.line == 1
