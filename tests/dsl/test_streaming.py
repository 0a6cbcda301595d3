"""Streamed runs (issue 22): chunk by chunk, the same samples as the in-memory run.

One model of many kinds of draw is run at 2M samples both ways (chunks of CHUNK, so 16
chunks, the last one short): the streamed figures must equal the in-memory ones to
1e-12 relative for moments, exactly for probabilities, and within the stated rank
error for quantiles (compared as ranks in the in-memory samples: the bound is the
smaller of the share of the exact-count bin a quantile falls in and the t-digest's
bound, tests/dsl/test_stream_digest.py).
"""
from __future__ import annotations

import math

import numpy as np
import pytest

import dsl
from dsl.base.errors import DslError
from dsl.base.limits import Limits
from dsl.engine.dist import Dist
from dsl.engine.parallel import CHUNK
from dsl.engine.stream_chunk import ChunkTask, evaluate_chunk
from dsl.engine.streaming import LocalExecutor, stream_run

N = 2_000_000

# every way the stdlib draws: plain fill, fill_range with a distribution parameter,
# a mixture, an exact truncation, resampled lists, a bernoulli, `if` on a condition
MODEL = """
x = normal(0, 1) * 2
r = 1 to 10
z = r * x
g = gamma(2, 3) + beta(2, 5)
h = normal(x, 1)
m = mx(normal(0, 1), uniform(5, 6), [0.3, 0.7]) + 0
t = truncate(normal(0, 1), -1, 2) * 1
f = SampleSet.fromList([1, 2, 3, 10]) * 1
b = bernoulli(0.3) * 1
c = z > 3
s = if x > 0 then x else r
"""
DISTS = ["x", "z", "g", "h", "m", "t", "f", "b", "c", "s"]


@pytest.fixture(scope="module")
def both():
    return (stream_run(MODEL, samples=N, chunk=CHUNK), dsl.run(MODEL, samples=N))


def _close(a: float, b: float, rel: float = 1e-12) -> bool:
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def test_streamed_run_reports_the_total_and_how_it_was_chunked(both):
    streamed, _ = both
    assert streamed.samples == N
    assert streamed.stream["chunks"] == 16 and streamed.stream["chunk"] == CHUNK
    assert streamed.stream["passes"] == 1  # no reduction: one pass
    assert "streamed" in streamed.stream["note"]
    err = streamed.stream["rankError"]
    assert 0 < err < 1e-3 and f"quantiles within {err * 100:.2g}% in rank" in \
        streamed.stream["note"]


def test_the_note_never_writes_a_rank_error_of_0_percent():
    # counts alone (a condition, numbers): the quantiles are exact, not "within 0.000%"
    note = stream_run("p = 3 > 2\nc = bernoulli(0.3)\nq = 2", samples=2 * CHUNK,
                      chunk=CHUNK).stream["note"]
    assert "quantiles exact" in note and "0.000%" not in note


@pytest.mark.parametrize("name", DISTS)
def test_moments_equal_the_in_memory_run(both, name):
    streamed, memory = both
    got, samples = streamed.bindings[name], memory.bindings[name].samples
    assert _close(float(got.mean()), float(np.mean(samples))), name
    assert _close(float(got.stdev()), float(np.std(samples))), name


@pytest.mark.parametrize("name", DISTS)
def test_first_chunk_is_the_in_memory_runs_first_samples(both, name):
    streamed, memory = both
    held = streamed.bindings[name].samples
    assert len(held) == CHUNK
    assert np.array_equal(held, memory.bindings[name].samples[:CHUNK])


def test_every_chunk_draws_the_in_memory_samples_at_its_positions(both):
    _, memory = both
    for index in (7, 15):  # a middle chunk and the short last one
        task = ChunkTask(MODEL, "<input>", 0, N, CHUNK, index, {}, Limits())
        _, (bindings, _) = evaluate_chunk(task, keep=True)
        start = index * CHUNK
        for name in DISTS:
            chunk = bindings[name].value.samples
            assert np.array_equal(chunk, memory.bindings[name].samples[start:start + len(chunk)])


def test_probabilities_are_exact(both):
    streamed, memory = both
    for name in ("c", "b"):
        assert float(streamed.bindings[name].mean()) == float(np.mean(
            memory.bindings[name].samples))


@pytest.mark.parametrize("name", ["x", "z", "g", "m", "s"])
def test_quantiles_within_the_sketchs_rank_error(both, name):
    streamed, memory = both
    ordered = np.sort(memory.bindings[name].samples)
    law = streamed.bindings[name].law
    assert 0 < law.rank_error <= streamed.stream["rankError"] < 0.001  # ~1/4096 here
    for p in (1e-4, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99):
        error = law.rank_error_at(p)
        assert error <= (law.rank_error if 0.05 <= p <= 0.95 else 0.3 * min(p, 1 - p))
        q = float(streamed.bindings[name].quantile(p))
        below = np.searchsorted(ordered, q, side="left") / N
        at_or_below = np.searchsorted(ordered, q, side="right") / N
        # p lies within the error of the ranks q occupies in the in-memory samples
        assert below - error <= p <= at_or_below + error, (name, p, below, at_or_below)


def test_exact_laws_are_reported_exactly(both):
    streamed, memory = both
    got = stream_run("n = normal(3, 2)", samples=N, chunk=CHUNK).bindings["n"]
    assert got.mean() == 3 and got.stdev() == 2
    assert float(got.quantile(0.5)) == 3


# ---- barriers ----

BARRIERS = """
x = normal(0, 1) * 2 + 1
y = x - mean(x)
sd = stdev(y)
v = prob(y > sd)
q9 = quantile(x, 0.9)
w = x > q9
lo = min(x)
hi = max(x)
cd = cdf(x, 1)
ps = List.map([0, 1, 2], {|t| prob(x < t)})
k(d) = mean(d) + variance(d)
kk = [k(x), k(y)]
"""


@pytest.fixture(scope="module")
def barriers():
    return (stream_run(BARRIERS, samples=N, chunk=CHUNK), dsl.run(BARRIERS, samples=N))


def test_a_centred_distribution_equals_the_in_memory_one(barriers):
    streamed, memory = barriers
    y_mem = memory.bindings["y"].samples
    y = streamed.bindings["y"]
    # the first chunk's samples: x minus the merged mean, within rounding of x - mean(x)
    assert np.allclose(y.samples, y_mem[:CHUNK], rtol=0, atol=1e-12)
    assert abs(float(y.mean()) - float(np.mean(y_mem))) <= 1e-12 * float(np.std(y_mem))
    assert _close(float(y.stdev()), float(np.std(y_mem)))


def test_barrier_values_equal_the_in_memory_reductions(barriers):
    streamed, memory = barriers
    b, m = streamed.bindings, memory.bindings
    x = m["x"].samples
    assert _close(float(b["sd"]), float(m["sd"]))  # a barrier of a barrier
    assert float(b["lo"]) == float(np.min(x)) and float(b["hi"]) == float(np.max(x))
    assert float(b["cd"]) == float(m["cd"])
    assert [float(p) for p in b["ps"].items] == [float(p) for p in m["ps"].items]
    assert all(_close(float(p), float(q)) for p, q in zip(b["kk"].items, m["kk"].items))
    # y > sd compares numbers equal to within 1e-15: at most a sample or two can differ
    assert abs(float(b["v"]) - float(m["v"])) <= 2 / N


def test_a_quantile_barrier_is_within_the_rank_error(barriers):
    streamed, memory = barriers
    x = np.sort(memory.bindings["x"].samples)
    q9 = float(streamed.bindings["q9"])
    below, at_or_below = np.searchsorted(x, q9, "left") / N, np.searchsorted(x, q9, "right") / N
    error = streamed.stream["rankError"]  # the barrier's bins' error is in it too
    assert 0 < error < 0.001 and below - error <= 0.9 <= at_or_below + error
    # w = x > q9 is then exact for that threshold: its probability is a count
    assert float(streamed.bindings["w"].mean()) == float(np.mean(x > q9))


def test_barriers_that_depend_on_barriers_take_more_passes(barriers):
    streamed, _ = barriers
    # pass 1 learns mean(x), quantile(x) ...; pass 2 stdev(y) and k's second call;
    # pass 3 prob(y > sd); pass 4 summarises what is left
    assert streamed.stream["passes"] >= 3
    chain = stream_run("x = normal(0, 1) * 1\na = mean(x)\nb = mean(x - a)\nc = mean(x - b)",
                       samples=3 * CHUNK, chunk=CHUNK)
    assert chain.stream["passes"] == 4


# ---- what cannot stream ----

@pytest.mark.parametrize("source, builtin", [
    ("x = normal(0, 1) * 1\ns = sample(x)", "Dist.sample"),
    ("x = normal(0, 1) * 1\ns = SampleSet.toList(x)", "SampleSet.toList"),
    ("x = normal(0, 1)\ny = normal(0, 1)\ns = Dist.correlate([x, y], 0.5)", "Dist.correlate"),
    ("x = normal(0, 1)\ny = normal(0, 1)\ns = sensitivity(x + y, {method: \"sobol\"})",
     "Dist.sensitivity"),
    ("x = normal(0, 1) * 1\ns = mode(x)", "Dist.mode"),
    ("x = normal(0, 1) * 1\ns = x .+ x", "Dist.dotAdd"),
    ("x = normal(0, 1) * 1\ns = PointSet.fromDist(x)", "PointSet.fromDist"),
    ("x = normal(0, 1) * 1\ns = Danger.json({a: x})", "Danger.json"),
    ("x = 1\ns = RelativeValues.wrap({|a, b| [normal(1, 1) * 1, normal(2, 1) * 1]})",
     "RelativeValues.wrap"),
])
def test_what_cannot_stream_fails_naming_the_binding(source, builtin):
    with pytest.raises(DslError) as info:
        stream_run(source, samples=2 * CHUNK, chunk=CHUNK)
    e = info.value
    assert "cannot run in a streamed run" in e.message and "'s'" in e.message
    assert builtin.split(".")[-1] in e.message
    assert e.line is not None and e.line >= 2 and e.column is not None


def test_an_exact_law_answers_mode_pdf_and_pointwise_operations_in_a_streamed_run():
    r = stream_run("m = mode(triangular(1, 2, 5))\nd = pdf(uniform(0, 4), 1)\n"
                   "t = integralSum(normal(0, 1) .+ normal(5, 1))",
                   samples=2 * CHUNK, chunk=CHUNK)
    assert float(r.bindings["m"]) == 2 and float(r.bindings["d"]) == 0.25
    assert float(r.bindings["t"]) == pytest.approx(2, abs=1e-3)


# ---- executors, progress, entry points ----

class _Reversed(LocalExecutor):
    """Computes the tasks last first, hands them back in order: merging must not
    depend on when results arrive."""

    def map(self, fn, tasks):
        tasks = list(tasks)
        done = {id(t): fn(t) for t in reversed(tasks)}
        return iter([done[id(t)] for t in tasks])


def test_results_do_not_depend_on_the_order_chunks_are_computed_in():
    source = "x = normal(0, 1) * 3\ny = x - mean(x)\nq = quantile(y, 0.7)"
    a = stream_run(source, samples=5 * CHUNK, chunk=CHUNK)
    b = stream_run(source, samples=5 * CHUNK, chunk=CHUNK, executor=_Reversed())
    assert a.summary() == b.summary()


def test_chunks_run_in_other_processes_give_the_same_figures():
    from concurrent.futures import ProcessPoolExecutor
    source = "x = normal(0, 1) * 3\ny = x - mean(x)\nq = quantile(y, 0.7)"
    local = stream_run(source, samples=4 * CHUNK, chunk=CHUNK)
    with ProcessPoolExecutor(2) as pool:  # tasks and results cross a process boundary
        remote = stream_run(source, samples=4 * CHUNK, chunk=CHUNK, executor=pool)
    assert local.summary() == remote.summary()


def test_progress_is_told_after_each_chunk():
    calls = []
    r = stream_run("x = normal(0, 1) * 1\ny = x - mean(x)", samples=3 * CHUNK + 5,
                   chunk=CHUNK, progress=lambda *a: calls.append(a))
    assert r.stream["passes"] == 2
    assert [c[0] for c in calls] == list(range(1, 9))
    assert calls[3] == (4, 4, 3 * CHUNK + 5) and calls[-1] == (8, 8, 3 * CHUNK + 5)


def test_the_api_entry_points(tmp_path):
    source = "x = normal(0, 1) * 1\np = prob(x > 1)"
    r = dsl.run(source, samples=2 * CHUNK, stream=True, chunk=CHUNK)
    assert r.stream["chunks"] == 2
    path = tmp_path / "m.sq"
    path.write_text(source)
    f = dsl.run_file(str(path), samples=2 * CHUNK, stream=True, chunk=CHUNK)
    assert f.summary() == r.summary()
    assert float(f.bindings["p"]) == float(np.mean(
        dsl.run(source, samples=2 * CHUNK).bindings["x"].samples > 1))
    with pytest.raises(DslError, match="stream=True"):
        dsl.run(source, samples=10, chunk=CHUNK)
    with pytest.raises(DslError, match="inputs"):
        dsl.run(source, samples=10, stream=True, inputs={"x": 1})


def test_a_model_of_one_chunk_is_the_in_memory_run():
    source = "x = normal(0, 1) * 1\ny = x - mean(x)"
    streamed = dsl.run(source, samples=50_000, stream=True)
    memory = dsl.run(source, samples=50_000)
    assert streamed.stream["chunks"] == 1
    assert np.array_equal(streamed.bindings["y"].samples, memory.bindings["y"].samples)


def test_imports_are_streamed_too(tmp_path):
    (tmp_path / "lib.sq").write_text("export a = normal(0, 1) * 1\nexport ma = mean(a)")
    path = tmp_path / "m.sq"
    path.write_text('import "./lib.sq" as lib\ny = lib.a - lib.ma')
    streamed = dsl.run_file(str(path), samples=3 * CHUNK, stream=True, chunk=CHUNK)
    memory = dsl.run_file(str(path), samples=3 * CHUNK)
    assert _close(float(streamed.bindings["y"].stdev()),
                  float(np.std(memory.bindings["y"].samples)))


@pytest.mark.parametrize("chunk, message", [
    (1000, "multiple of 131,072"), (0, "positive whole number"), (-CHUNK, "positive"),
    (True, "positive whole number"), (2.5, "positive whole number"),
])
def test_bad_chunk_sizes_are_clear_errors(chunk, message):
    with pytest.raises(DslError, match=message):
        stream_run("x = 1", samples=10 * CHUNK, chunk=chunk)


def test_the_streamed_sample_limit():
    with pytest.raises(DslError, match="limit of 1,000 for a streamed run"):
        stream_run("x = 1", samples=1001, limits=Limits(max_stream_samples=1000))
    with pytest.raises(DslError, match="positive whole number"):
        stream_run("x = 1", samples=0)
    assert Limits().max_stream_samples == 10 ** 12


def test_a_syntax_error_is_located_before_any_chunk_runs():
    with pytest.raises(DslError) as info:
        stream_run("x = normal(0, 1)\ny = x +", samples=3 * CHUNK)
    assert info.value.line == 2


def test_a_last_pass_that_only_reads_known_barriers_runs_the_first_chunk_alone():
    calls = []
    r = stream_run("x = normal(0, 1) * 1\np = prob(x > 1)", samples=3 * CHUNK,
                   chunk=CHUNK, progress=lambda *a: calls.append(a))
    assert r.stream["passes"] == 2
    assert calls == [(1, 3, CHUNK), (2, 3, 2 * CHUNK), (3, 3, 3 * CHUNK), (4, 4, CHUNK)]
    x = dsl.run("x = normal(0, 1) * 1", samples=3 * CHUNK).bindings["x"].samples
    assert float(r.bindings["p"]) == float(np.mean(x > 1))


def test_monte_carlo_errors_are_over_all_the_samples(both, barriers):
    streamed, memory = both
    got, want = streamed.bindings["c"].summary(), memory.bindings["c"].summary()
    assert got["se"] == want["se"] and got["events"] == want["events"]  # all N samples'
    assert got["samples"] == N
    got, want = streamed.bindings["z"].summary()["se"], memory.bindings["z"].summary()["se"]
    assert _close(got["mean"], want["mean"])
    assert got["stdev"] == pytest.approx(want["stdev"], rel=0.1)  # from the first chunk
    for p in got["quantiles"]:  # the bins' rank error widens a quantile's se
        assert want["quantiles"][p] * 0.8 <= got["quantiles"][p] <= want["quantiles"][p] * 3
    # a barrier's answer is the same kind of number as in memory: with its error
    b, m = barriers[0].bindings, barriers[1].bindings
    assert b["cd"].summary() == m["cd"].summary()
    assert [p.summary() for p in b["ps"].items] == [p.summary() for p in m["ps"].items]


def test_barriers_of_one_statement_share_a_pass():
    calls = []
    source = "x = normal(0, 1) * 1\nps = [prob(x < 0), prob(x < 1), mean(x)]"
    r = stream_run(source, samples=3 * CHUNK, chunk=CHUNK,
                   progress=lambda *a: calls.append(a))
    assert r.stream["passes"] == 2 and calls[-1][:2] == (4, 4)  # then the first chunk alone
    m = dsl.run(source, samples=3 * CHUNK)
    assert [p.summary() for p in r.bindings["ps"].items][:2] == \
        [p.summary() for p in m.bindings["ps"].items][:2]


@pytest.mark.parametrize("source", [
    # g(stdev(x)) skips normal(0, s), which draws: the later g(1) must not take its stream
    "x = normal(0, 1) * 1\ng(s) = normal(0, s)\nr = [g(stdev(x)), prob(g(1) > 0)]",
    # a skipped builtin that would call the model back (and its barriers) stops the statement
    "x = normal(0, 1) * 1\nf(v) = mean(x * v)\nr = [List.map([mean(x), 2], f), mean(x * 3)]",
    # a barrier given a value not known yet stops it (its occurrence would count)
    "x = normal(0, 1) * 1\nh(d) = mean(d)\nr = [h(x - h(x)), h(x * 2)]",
])
def test_going_on_past_an_unknown_barrier_never_changes_a_value(source):
    streamed = stream_run(source, samples=2 * CHUNK, chunk=CHUNK)
    memory = dsl.run(source, samples=2 * CHUNK)
    numbers = [i for i, v in enumerate(memory.bindings["r"].items)
               if isinstance(v, dsl.Number)]
    got = [float(streamed.bindings["r"].items[i]) for i in numbers]
    want = [float(memory.bindings["r"].items[i]) for i in numbers]
    assert numbers
    assert len(got) == len(want)
    assert all(abs(a - b) <= 1e-12 * max(1.0, abs(b)) for a, b in zip(got, want))


def test_sampleset_from_fn_counts_its_index_over_the_whole_run():
    source = "s = SampleSet.fromFn({|i| i * 2})\nm = max(s)"
    r = stream_run(source, samples=2 * CHUNK + 3, chunk=CHUNK)
    assert float(r.bindings["m"]) == 2 * (2 * CHUNK + 2)
    assert float(r.bindings["s"].mean()) == pytest.approx(2 * CHUNK + 2, rel=1e-12)


def test_sensitivity_runs_on_the_first_chunk():
    source = ("a = normal(0, 1)\nb = normal(0, 3)\ny = a + b + mean(a)\n"
              "drivers = sensitivity(y)\ntop = drivers[0].input")
    streamed = stream_run(source, samples=4 * CHUNK, chunk=CHUNK)
    memory = dsl.run(source, samples=4 * CHUNK)
    got, want = streamed.bindings["drivers"], memory.bindings["drivers"]
    assert [r.fields["input"].value for r in got.items] == ["b", "a"] == \
        [r.fields["input"].value for r in want.items]
    for g, w in zip(got.items, want.items):  # a quarter of the samples: close, not equal
        assert abs(float(g.fields["rankShare"]) - float(w.fields["rankShare"])) < 0.02
    assert streamed.bindings["top"].value == "b"
    assert "sensitivity from the first chunk (131,072 samples)" in streamed.stream["note"]


# ---- digits: a streamed figure is written as its se over all N samples allows ----

DIGITS = """
x = normal(0, 1)
c = x > 1.5
rare = x > 4.6
pc = prob(c)
both = {a: x > 2, b: [prob(x > 1), 3]}
"""


def test_a_streamed_conditions_digits_follow_its_se_over_all_samples():
    from dsl.render.views import probability_label
    n = 3 * CHUNK + 5_000
    streamed = stream_run(DIGITS, samples=n, chunk=CHUNK, seed=4)
    memory = dsl.run(DIGITS, samples=n, seed=4)
    for name in ("c", "rare"):
        s, m = streamed.bindings[name], memory.bindings[name]
        assert float(s.mean()) == float(m.mean())  # the same count
        assert probability_label(s) == probability_label(m)
        assert probability_label(s, 3, percent=True) == probability_label(m, 3, percent=True)
    # 0.0668 with se 0.0004 (over all N) is written to the se's place (it was written
    # as exact, 0.06682); none of the samples above 4.6 is a bound from all of them
    c = float(memory.bindings["c"].mean())
    place = -math.floor(math.log10(math.sqrt(c * (1 - c) / n)))
    assert place == 4 and probability_label(streamed.bindings["c"]) == f"{c:.{place}f}"
    assert probability_label(streamed.bindings["rare"]).endswith(f"(0 of {n:,} samples)")
    # the JSON's se, events and samples are the whole run's, as in memory
    s_json, m_json = streamed.summary(), memory.summary()
    for name in ("c", "pc", "both"):
        s, m = dict(s_json["bindings"][name]), dict(m_json["bindings"][name])
        assert _close(s.pop("stdev", 0.0), m.pop("stdev", 0.0))  # merged: to rounding
        assert s == m, name
