"""The summaries a streamed run merges across chunks (dsl/engine/stream_summary.py):
moments merged in pieces equal numpy's on the whole array, quantiles (the t-digest's,
kept inside the exact-count bins) lie within their stated rank error of the exact order
statistics, and a condition's and a discrete distribution's quantiles are exact
(tests/dsl/test_stream_digest.py tries many more distributions)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from dsl.engine.laws import sample_quantiles
from dsl.engine.stream_barriers import from_plain, to_plain
from dsl.engine.stream_summary import DistSummary, Moments, StreamedLaw, bin_edges


def _pieces(x: np.ndarray, sizes):
    start = 0
    for size in sizes:
        yield x[start:start + size]
        start += size
    assert start == x.size


def _merged(x: np.ndarray, sizes, edges=None) -> DistSummary:
    parts = [DistSummary.of(p, edges) for p in _pieces(x, sizes)]
    out = DistSummary.from_data(parts[0].to_data())  # through plain data, as from a worker
    for part in parts[1:]:
        out.merge(DistSummary.from_data(part.to_data()))
    return out


@pytest.mark.parametrize("shift", [0.0, 1e6, -3e9])
def test_merged_moments_equal_numpys(shift):
    x = np.random.default_rng(1).lognormal(0, 1, 100_003) + shift
    m = _merged(x, [1, 50_000, 2, 50_000]).moments
    assert m.n == x.size
    assert m.mean() == pytest.approx(float(np.mean(x)), rel=1e-13, abs=1e-12)
    assert m.variance() == pytest.approx(float(np.var(x)), rel=1e-9)
    assert m.minimum() == float(np.min(x)) and m.maximum() == float(np.max(x))


def test_non_finite_samples_follow_numpy():
    x = np.array([1.0, math.inf, 2.0, 3.0])
    m = _merged(x, [2, 2]).moments
    assert m.mean() == math.inf and m.variance() == math.inf and m.maximum() == math.inf
    both = _merged(np.array([math.inf, 1.0, -math.inf]), [1, 2]).moments
    assert math.isnan(both.mean()) and both.minimum() == -math.inf
    nan = _merged(np.array([1.0, math.nan, 2.0]), [1, 2]).moments
    assert math.isnan(nan.mean()) and math.isnan(nan.variance()) and math.isnan(nan.minimum())


def test_quantiles_from_the_bins_are_within_their_rank_error():
    x = np.random.default_rng(2).standard_t(3, 400_000)
    edges = bin_edges(x[:100_000])  # the first chunk's
    summary = _merged(x, [100_000] * 4, edges)
    assert 0 < summary.rank_error < 0.0006  # ~1/4096 at most (the bins' share)
    ordered = np.sort(x)
    for p in (0.001, 0.05, 0.5, 0.9, 0.999):
        error = summary.rank_error_at(p)
        q = summary.quantile(p)
        lo = np.searchsorted(ordered, q, "left") / x.size
        hi = np.searchsorted(ordered, q, "right") / x.size
        assert lo - error <= p <= hi + error
    # the extremes are the exact minimum and maximum
    assert summary.quantile(0.0) == ordered[0] and summary.quantile(1.0) == ordered[-1]


def test_a_discrete_distributions_quantiles_are_exact():
    x = np.random.default_rng(3).integers(0, 5, 300_000).astype(float)
    summary = _merged(x, [100_000] * 3, bin_edges(x[:100_000]))
    assert summary.rank_error == 0  # every bin holds one value
    for p in (0.1, 0.3, 0.5, 0.7, 0.95):
        assert summary.quantile(p) == float(sample_quantiles(x, p)[0])


def test_a_conditions_figures_are_exact():
    x = (np.random.default_rng(4).random(200_001) < 0.3).astype(float)
    summary = _merged(x, [100_000, 100_001])  # no bins: its counts say everything
    law = StreamedLaw(summary, x[:100_000], boolean=True)
    assert law.mean() == float(np.mean(x))
    for p in (0.1, 0.69, 0.7, 0.71, 0.9):
        assert law.ppf(p) == float(sample_quantiles(x, p)[0])
    assert law.cdf(0.5) == float(np.mean(x <= 0.5))


def test_barrier_answers_travel_as_plain_data():
    from dsl.engine.mc_error import Estimate
    from dsl.engine.values import List, Number, Record, String, TRUE
    value = List([Estimate(0.25, 0.01, "probability", scale=0.25, events=5, count=20),
                  Record({"input": String("a"), "share": Number(0.5), "ok": TRUE})])
    plain = to_plain(value)
    back = from_plain(plain)
    assert back.summary() == value.summary()
    assert to_plain(back) == plain
    with pytest.raises(ValueError):
        to_plain(StreamedLaw)  # not a value at all
