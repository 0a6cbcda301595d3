"""SampleSet: empirical distributions and sample-wise maps."""
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
