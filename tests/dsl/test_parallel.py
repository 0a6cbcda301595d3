"""Large arrays filled in parallel chunks (dsl/engine/parallel.py): the same numbers whatever
the number of threads, independent chunks, the right distribution."""
import math

import numpy as np
import pytest
import scipy.stats

import dsl
from dsl.engine import parallel

BIG = 3 * parallel.CHUNK + 12_345  # four chunks, the last one short

MODEL = """a = normal(3, 2)
b = 1 to 10
c = beta(2, 5)
m = mx(a, b, c, [0.2, 0.3, 0.5])
"""


def _run(samples, seed=0):
    res = dsl.run(MODEL, samples=samples, seed=seed)
    return {name: value.samples for name, value in res.bindings.items()}


def test_chunk_bounds_cover_the_range_in_order():
    bounds = parallel.chunk_bounds(BIG)
    assert bounds[0] == (0, parallel.CHUNK)
    assert bounds[-1] == (3 * parallel.CHUNK, BIG)
    assert all(stop == start for (_, stop), (start, _) in zip(bounds, bounds[1:]))
    assert parallel.chunk_bounds(parallel.CHUNK) == [(0, parallel.CHUNK)]


def test_same_numbers_with_one_thread_or_many(monkeypatch):
    threaded = _run(BIG)
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    serial = _run(BIG)
    for name in threaded:
        assert np.array_equal(threaded[name], serial[name]), name


def test_same_seed_same_numbers_and_other_seed_other_numbers():
    first, second, other = _run(BIG), _run(BIG), _run(BIG, seed=1)
    for name in first:
        assert np.array_equal(first[name], second[name]), name
        assert not np.array_equal(first[name][:1000], other[name][:1000]), name


def test_up_to_one_chunk_is_one_draw_from_the_call_site_stream():
    # one sequential stream: a smaller run's samples are a prefix of a larger one's
    small = dsl.evaluate("normal(3, 2)", samples=1000, seed=0).samples
    whole = dsl.evaluate("normal(3, 2)", samples=parallel.CHUNK, seed=0).samples
    assert np.array_equal(small, whole[:1000])


def test_chunks_are_not_copies_of_each_other():
    a = _run(BIG)["a"]
    chunks = [a[start:stop] for start, stop in parallel.chunk_bounds(BIG)]
    for first in range(len(chunks)):
        for second in range(first + 1, len(chunks)):
            k = min(chunks[first].size, chunks[second].size)
            corr = np.corrcoef(chunks[first][:k], chunks[second][:k])[0, 1]
            assert abs(corr) < 5 / math.sqrt(k), (first, second)


@pytest.mark.parametrize("source,law", [
    ("normal(3, 2)", scipy.stats.norm(3, 2)),
    ("gamma(3, 2)", scipy.stats.gamma(3, scale=2)),
    ("beta(2, 5)", scipy.stats.beta(2, 5)),
    ("uniform(1, 4)", scipy.stats.uniform(1, 3)),
])
def test_every_chunk_has_the_right_distribution(source, law):
    samples = dsl.evaluate(source, samples=BIG, seed=4).samples
    for start, stop in parallel.chunk_bounds(BIG):
        chunk = samples[start:stop]
        # the chunk mean within 5 standard errors of the exact mean
        assert abs(chunk.mean() - law.mean()) < 5 * law.std() / math.sqrt(chunk.size)
    # and the whole array passes a Kolmogorov-Smirnov test against the exact law
    assert scipy.stats.kstest(samples, law.cdf).pvalue > 1e-4


def test_large_mixture_takes_each_component_by_its_weight():
    samples = _run(BIG)
    a, b, c, m = samples["a"], samples["b"], samples["c"], samples["m"]
    for component, weight in ((a, 0.2), (b, 0.3), (c, 0.5)):
        share = np.mean(m == component)
        assert abs(share - weight) < 5 * math.sqrt(weight * (1 - weight) / BIG)
    assert np.all((m == a) | (m == b) | (m == c))


def test_a_failing_chunk_raises_in_the_caller():
    def sample(rng, start, stop):
        raise ValueError("boom")
    with pytest.raises(ValueError, match="boom"):
        parallel.fill(sample, BIG, lambda: np.random.default_rng(0),
                      lambda k: np.random.SeedSequence(0).spawn(k))


def test_work_inside_a_pool_thread_runs_there_without_deadlock():
    # a task that itself fills a large array (as a summary computed in the pool might)
    def nested(_):
        return parallel.fill(lambda rng, start, stop: rng.random(stop - start), BIG,
                             lambda: np.random.default_rng(0),
                             lambda k: np.random.SeedSequence(1).spawn(k)).sum()
    sums = parallel.map_items(nested, list(range(4)), BIG * 4)
    assert len(set(sums)) == 1 and abs(sums[0] / BIG - 0.5) < 5 * math.sqrt(1 / 12 / BIG)


# ---- distribution-valued parameters: each chunk gets its own slice of them ----

ALIGNED = [
    # (source, check(x, m)) with m = uniform(0, 100): x must follow its own m sample
    ("uniform(m, m + 1)", lambda x, m: np.all((x >= m) & (x <= m + 1))),
    ("triangular(m, m + 1, m + 2)", lambda x, m: np.all((x >= m) & (x <= m + 2))),
    ("pert(m, m + 1, m + 3)", lambda x, m: np.all((x >= m) & (x <= m + 3))),
    ("loguniform(m + 1, m + 2)", lambda x, m: np.all((x >= m + 1) & (x <= m + 2))),
    ("normal(m, 0.001)", lambda x, m: np.all(np.abs(x - m) < 0.01)),
    ("lognormal(log(m + 1), 0.0001)", lambda x, m: np.all(np.abs(x / (m + 1) - 1) < 0.001)),
    ("(m + 1) to (m + 1.001)", lambda x, m: np.all((x > m + 0.99) & (x < m + 1.011))),
    ("poisson(floor(m) * 0)", lambda x, m: np.all(x == 0)),
    ("binomial(floor(m), 1)", lambda x, m: np.array_equal(x, np.floor(m))),
    ("bernoulli(if m < 50 then 0 else 1)", lambda x, m: np.array_equal(x, (m >= 50) * 1.0)),
]


@pytest.mark.parametrize("source,check", ALIGNED, ids=[a for a, _ in ALIGNED])
def test_distribution_parameters_stay_aligned_across_chunks(source, check):
    res = dsl.run(f"m = uniform(0, 100)\nx = {source}", samples=BIG, seed=5)
    x, m = res.bindings["x"].samples, res.bindings["m"].samples
    assert check(x, m)


def test_distribution_parameters_give_the_right_law_in_every_chunk():
    # x - m ~ normal(0, s) with s = 1 + floor(m / 50), i.e. 1 or 2 by the sample's m
    res = dsl.run("m = uniform(0, 100)\ns = 1 + floor(m / 50)\nx = normal(m, s)",
                  samples=BIG, seed=6)
    x, m, s = (res.bindings[k].samples for k in "xms")
    z = (x - m) / s
    for start, stop in parallel.chunk_bounds(BIG):
        chunk = z[start:stop]
        assert abs(chunk.mean()) < 5 / math.sqrt(chunk.size)
        assert abs(chunk.std() - 1) < 5 / math.sqrt(2 * chunk.size)
    assert scipy.stats.kstest(z, "norm").pvalue > 1e-4


def test_distribution_parameters_same_numbers_on_any_thread_count(monkeypatch):
    model = "m = gamma(2, 3)\nx = beta(m + 1, 2)\ny = poisson(m)\nz = m to (m + 5)"
    threaded = {k: v.samples for k, v in dsl.run(model, samples=BIG).bindings.items()}
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    serial = {k: v.samples for k, v in dsl.run(model, samples=BIG).bindings.items()}
    for name in threaded:
        assert np.array_equal(threaded[name], serial[name]), name


def test_pool_threads_keep_the_callers_numpy_error_handling():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning from any thread fails
        samples = dsl.evaluate("lognormal(0, 300)", samples=BIG, seed=1).samples
    assert np.isinf(samples).any() and (samples >= 0).all()
    with np.errstate(over="raise"):
        with pytest.raises(FloatingPointError):
            parallel.map_items(lambda v: np.exp(v), [np.full(BIG, 1000.0)] * 2, 2 * BIG)
