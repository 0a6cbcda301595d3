"""The t-digest behind a streamed run's quantiles (dsl/engine/stream_digest.py, used by
dsl/engine/stream_summary.py): deterministic merges, plain-data travel, and a stated
rank error that holds against the exact order statistics over several distributions
(heavy tails, a discrete one, point masses, a gap) and seeds; the tails resolved far
better than the bins alone; a clear error naming the extra when fastdigest is missing."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from dsl.base.errors import DslError
from dsl.engine.stream_digest import Digest
from dsl.engine.stream_summary import DistSummary, bin_edges

CHUNK = 131_072


def _merged(x: np.ndarray, chunk: int = CHUNK) -> DistSummary:
    """Chunk by chunk, through plain data as from workers, edges from the first chunk."""
    edges = bin_edges(x[:chunk])
    out = None
    for start in range(0, x.size, chunk):
        part = DistSummary.from_data(DistSummary.of(x[start:start + chunk], edges).to_data())
        out = part if out is None else out.merge(part)
    return out


def _draw(name: str, seed: int, n: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if name == "normal":
        return rng.normal(3, 2, n)
    if name == "lognormal":
        return rng.lognormal(0, 3, n)
    if name == "cauchy":
        return rng.standard_cauchy(n)
    if name == "pareto":
        return rng.pareto(1.1, n)
    if name == "poisson":
        return rng.poisson(4, n).astype(float)
    if name == "zero_mass":  # 30% at exactly 0, the rest exponential
        return np.where(rng.random(n) < 0.3, 0.0, rng.exponential(1, n))
    if name == "gap":  # two far modes, one very narrow
        return np.where(rng.random(n) < 0.5, rng.normal(-100, 1, n), rng.normal(100, 0.01, n))
    if name == "with_infinities":  # a blow-up time that never comes: +Infinity
        return np.where(rng.random(n) < 0.2, np.inf, rng.lognormal(0, 1, n))
    raise ValueError(name)


PS = (0.0, 1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.3, 0.5, 0.64, 0.75, 0.9, 0.95,
      0.99, 0.999, 0.9999, 1 - 1e-5, 1.0)
NAMES = ("normal", "lognormal", "cauchy", "pareto", "poisson", "zero_mass", "gap",
         "with_infinities")


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("name", NAMES)
def test_quantiles_are_within_their_stated_rank_error(name, seed):
    x = _draw(name, seed, 5 * CHUNK + 12_345)  # a short last chunk too
    summary = _merged(x)
    ordered = np.sort(x)
    n = x.size
    for p in list(PS) + list(np.linspace(0.002, 0.998, 60)):
        q = summary.quantile(p)
        error = summary.rank_error_at(p) * n
        pos = p * (n - 1)  # numpy's rank of the p quantile, interpolated
        first = np.searchsorted(ordered, q, "left")   # the ranks q occupies
        last = np.searchsorted(ordered, q, "right") - 1
        # the answer interpolates between two neighbouring order statistics: 1 of slack
        assert first - 1 - error <= pos <= last + 1 + error, (name, seed, p, q, error)


def test_discrete_and_point_mass_quantiles_are_exact():
    x = _draw("poisson", 3, 3 * CHUNK)
    summary = _merged(x)
    for p in (0.1, 0.3, 0.5, 0.7, 0.95):
        assert summary.quantile(p) == float(np.quantile(x, p))
        assert summary.rank_error_at(p) == 0  # each of these bins holds one value
    mass = _merged(_draw("zero_mass", 3, 3 * CHUNK))
    assert mass.quantile(0.1) == 0 and mass.rank_error_at(0.1) == 0


def test_the_digest_resolves_the_tails_the_bins_cannot():
    x = _draw("normal", 4, 16 * CHUNK)  # 2.1M samples
    summary = _merged(x)
    n = x.size
    ordered = np.sort(x)
    for p in (1e-4, 1e-3, 0.999):
        tail = min(p, 1 - p)
        stated = summary.rank_error_at(p)
        # a bin holds ~1/4096 = 2.4e-4 of the samples: more than q = 1e-4 itself
        assert stated < 0.3 * tail, (p, stated)
        rank = np.searchsorted(ordered, summary.quantile(p)) / n
        assert abs(rank - p) <= stated + 1 / n, (p, rank)


def test_same_chunks_in_the_same_order_give_bit_identical_quantiles():
    x = _draw("lognormal", 5, 4 * CHUNK)
    a, b = _merged(x), _merged(x)
    for p in PS:
        assert a.quantile(p) == b.quantile(p)  # exactly, not approximately
        assert a.rank_error_at(p) == b.rank_error_at(p)
    assert a.digest.to_data() == b.digest.to_data()  # the same centroids, bit for bit
    means, weights = a.digest.centroids()
    assert np.array_equal((means, weights), b.digest.centroids())


def test_a_digest_travels_as_plain_data():
    x = np.sort(_draw("cauchy", 6, CHUNK))
    digest = Digest.of_sorted(x[np.isfinite(x)])
    data = digest.to_data()
    # bytes in the library's own format, read back by its own parser (no pickle)
    assert isinstance(data, bytes) and data.startswith(b"FASTDIG")
    again = Digest.from_data(data)
    for p in (1e-4, 0.3, 0.5, 0.99):
        assert again.quantile(p) == digest.quantile(p)
    assert again.count == x.size
    with pytest.raises(ValueError):
        Digest.from_data([1.0, 2.0])  # nothing but its bytes


def test_a_digest_keeps_the_weight_and_mean_of_its_samples():
    x = np.sort(_draw("normal", 7, CHUNK))
    digest = Digest.of_sorted(x)  # built from runs of consecutive sorted samples
    means, weights = digest.centroids()
    assert weights.sum() == x.size
    assert float(np.dot(means, weights)) / x.size == pytest.approx(float(x.mean()), abs=1e-12)
    assert means[0] == x[0] and means[-1] == x[-1]  # the extremes stay single samples


def test_a_missing_fastdigest_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "fastdigest", None)  # import fastdigest fails
    x = _draw("normal", 8, 1000)
    with pytest.raises(DslError, match=r'pip install "sqdsl\[stream\]"'):
        DistSummary.of(x, bin_edges(x))
    # a condition needs no digest: its counts are its quantiles
    DistSummary.of((x > 3).astype(float), None)
