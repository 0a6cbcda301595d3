"""A streamed binding's chart counts all its samples (issue 22: "histograms from fixed
bins chosen in a first pass").

Each model runs at N = 4 chunks of 131,072 samples streamed and in memory (the same
samples: README, *Streamed runs*). The streamed chart's range is the merged 1st and
99th percentiles; each bar is N * (F(right) - F(left)) with F the merged count at or
below an edge, exact at the 4,096 bins' ends and the digest's inside a bin. So against
the exact counts of the in-memory samples on the streamed chart's own edges, a bar
may be off by no more than the stated error of its two ends (``mass_bound``), and
against the in-memory chart's bars by that plus the samples between the two charts'
edges (their ranges are quantiles within the stated rank error). A model whose later
chunks differ from the first (``SampleSet.fromFn`` of the index) makes the
first-chunk chart fail every one of these checks.
"""
from __future__ import annotations

import numpy as np
import pytest

import dsl
from dsl.engine.parallel import CHUNK
from dsl.engine.streaming import stream_run
from dsl.render.chart import Bars, Line, Spikes
from dsl.render.json import view_json
from dsl.render.views import ViewOptions, merged_law, value_view

N = 4 * CHUNK

MODEL = f"""
drift = SampleSet.fromFn({{|i| i / {N}}}) + normal(0, 0.01)
logn = lognormal(0, 1) * 1
zeros = if uniform(0, 1) < SampleSet.fromFn({{|i| i / {N}}}) then 0 else normal(5, 1)
counts = poisson(4) + 0
inf = 1 / (SampleSet.fromFn({{|i| i}}) - 200000) + normal(0, 1)
"""
OPTIONS = ViewOptions(samples=N)


@pytest.fixture(scope="module")
def runs():
    return stream_run(MODEL, samples=N, chunk=CHUNK), dsl.run(MODEL, samples=N)


def _chart(result, name, cdf=False):
    return value_view(result.bindings[name], ViewOptions(samples=N, cdf=cdf)).chart


def _layer(chart, kind):
    return next(layer for layer in chart.layers if isinstance(layer, kind))


def _exact_bars(samples, edges, spikes=()):
    """The in-memory samples' counts in bars [left, right) (the last closed), less
    the point masses' samples, as np.histogram bins them."""
    finite = samples[np.isfinite(samples)]
    finite = finite[~np.isin(finite, np.asarray(spikes, dtype=np.float64))]
    return np.histogram(finite, bins=np.asarray(edges))[0].astype(np.float64)


@pytest.mark.parametrize("name", ["drift", "logn", "zeros", "inf"])
def test_bars_are_the_counts_of_all_the_samples_within_the_stated_error(runs, name):
    streamed, memory = runs
    law = merged_law(streamed.bindings[name])
    assert law is not None and law.count == N
    chart = _chart(streamed, name)
    bars = _layer(chart, Bars)
    edges = np.asarray(bars.edges)
    spikes = [s.xs for s in chart.layers if isinstance(s, Spikes)]
    exact = _exact_bars(memory.bindings[name].samples, edges,
                        spikes[0] if spikes else ())
    got = np.asarray(bars.heights) * N
    bound = law.mass_bound(edges)
    # the bound has teeth: well under a bar's count where bars are tall
    assert bound.max() < 0.02 * exact.max()
    assert np.all(np.abs(got - exact) <= bound + 1e-6), (got - exact, bound)


@pytest.mark.parametrize("name", ["drift", "logn", "zeros", "inf"])
def test_the_chart_is_the_in_memory_chart_within_the_stated_error(runs, name):
    """Same axis rule, as many bars, the range's ends at the 1st and 99th percentile
    of all the samples within the stated rank error, and each bar the in-memory bar
    within its stated error plus the samples between the two charts' edges."""
    streamed, memory = runs
    law = merged_law(streamed.bindings[name])
    a, b = _chart(streamed, name), _chart(memory, name)
    assert (a.x.scale, a.kind) == (b.x.scale, b.kind)
    ordered = np.sort(memory.bindings[name].samples)
    finite = ordered[np.isfinite(ordered)]
    if not any(isinstance(s, Spikes) for s in a.layers):  # spikes widen the range
        for end, p in ((a.x.lo, 0.01), (a.x.hi, 0.99)):
            rank = np.searchsorted(finite, end) / finite.size
            assert abs(rank - p) <= law.rank_error_at(p) + 2 / N
    ea, eb = np.asarray(_layer(a, Bars).edges), np.asarray(_layer(b, Bars).edges)
    assert ea.size == eb.size
    ha, hb = np.asarray(_layer(a, Bars).heights) * N, np.asarray(_layer(b, Bars).heights) * N
    lo, hi = np.minimum(ea, eb), np.maximum(ea, eb)
    between = (np.searchsorted(finite, hi, "left") - np.searchsorted(finite, lo, "left"))
    allowed = law.mass_bound(ea) + between[:-1] + between[1:] + 1
    assert np.all(np.abs(ha - hb) <= allowed)


def test_a_drifting_model_is_drawn_over_its_whole_range_not_its_first_chunk(runs):
    """The first chunk of ``drift`` holds 0 to 0.25 only: its chart could not reach
    0.9, nor give the bars near 1 their share."""
    streamed, memory = runs
    first = streamed.bindings["drift"].samples
    assert first.size == CHUNK and first.max() < 0.3
    chart = _chart(streamed, "drift")
    assert chart.x.hi > 0.98 and chart.x.lo < 0.01
    bars = _layer(chart, Bars)
    # drift is ~uniform on 0..1: the bars above 0.5 hold about half of all samples
    edges, heights = np.asarray(bars.edges), np.asarray(bars.heights)
    upper = heights[edges[:-1] >= 0.5].sum()
    exact = np.count_nonzero(memory.bindings["drift"].samples >= edges[
        np.searchsorted(edges, 0.5)]) / N
    bound = merged_law(streamed.bindings["drift"]).mass_bound(edges).sum() / N
    assert upper > 0.4 and abs(upper - exact) <= bound + 1e-12


def test_a_point_mass_has_its_share_of_all_the_samples(runs):
    """``zeros`` is 0 with probability i / N: 12.5% of the first chunk, half of the
    run; its spike is the exact count of all the samples (it has a bin of its own)."""
    streamed, memory = runs
    spike = _layer(_chart(streamed, "zeros"), Spikes)
    assert spike.xs == (0.0,)
    exact = np.count_nonzero(memory.bindings["zeros"].samples == 0) / N
    assert spike.heights[0] == exact
    assert abs(exact - 0.5) < 0.01
    first = streamed.bindings["zeros"].samples
    assert abs(np.count_nonzero(first == 0) / first.size - exact) > 0.3


def test_a_discrete_distribution_s_spikes_are_its_merged_counts(runs):
    """poisson(4): each value the first chunk's bins gave a bin of its own has its
    exact count over all samples; values sharing a bin (the far tail) share its exact
    count as the first chunk shares it, so their sum is exact."""
    streamed, memory = runs
    spike = _layer(_chart(streamed, "counts"), Spikes)
    samples = memory.bindings["counts"].samples
    xs, got = np.asarray(spike.xs), np.asarray(spike.heights) * N
    exact = np.array([np.count_nonzero(samples == v) for v in xs], dtype=np.float64)
    law = merged_law(streamed.bindings["counts"])
    alone = ~np.isnan(law.summary.value_counts(xs))
    assert alone.sum() >= 10
    np.testing.assert_array_equal(got[alone], exact[alone])
    assert got.sum() == pytest.approx(np.count_nonzero(samples <= xs[-1]), abs=1e-6)


@pytest.mark.parametrize("name", ["drift", "logn", "zeros"])
def test_the_cdf_chart_is_the_share_of_all_samples_at_or_below(runs, name):
    streamed, memory = runs
    law = merged_law(streamed.bindings[name])
    line = _layer(_chart(streamed, name, cdf=True), Line)
    xs, ys = np.asarray(line.xs), np.asarray(line.ys)
    ordered = np.sort(memory.bindings[name].samples)
    exact = np.searchsorted(ordered, xs, side="right")
    bound = law.summary.count_bound_many(xs)
    assert np.all(np.abs(ys * N - exact) <= bound + 1e-6)
    if name == "drift":  # the first chunk's CDF reaches 1 by 0.3
        assert ys[np.searchsorted(xs, 0.5)] < 0.6


def test_non_finite_note_counts_all_the_samples(runs):
    """``inf`` is Infinity at one index, in the second chunk: the note says so as
    the in-memory run's does."""
    streamed, memory = runs
    assert np.isfinite(streamed.bindings["inf"].samples).all()  # the first chunk
    a = value_view(streamed.bindings["inf"], OPTIONS).notes
    b = value_view(memory.bindings["inf"], OPTIONS).notes
    assert a == b and "Infinity" in a[0]


def test_the_json_view_carries_the_merged_chart(runs):
    streamed, _ = runs
    view = value_view(streamed.bindings["drift"], OPTIONS)
    data = view_json(view)["chart"]
    bars = next(layer for layer in data["layers"] if layer["type"] == "bars")
    assert bars["heights"] == list(_layer(view.chart, Bars).heights)
    assert data["x"]["hi"] > 0.98
