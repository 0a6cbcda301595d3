"""A streamed run on a Dask cluster (issue 22): the same chunk tasks as the local
streamed run, merged on the client in chunk order, so the same seed gives the same
figures bit for bit whatever the number of workers; a model's error raised on a worker
arrives as the local run's DslError."""
import pytest

from dsl.base.errors import DomainError
from dsl.engine.dask_executor import DaskExecutor
from dsl.engine.parallel import CHUNK
from dsl.engine.streaming import stream_run

distributed = pytest.importorskip("distributed", reason="the extra sqdsl[dask]")

# element-wise work, a mean barrier, a barrier of a barrier, a probability and a record
# of distributions: 16 chunks of 131,072
MODEL = """
x = normal(0, 1)
y = x - mean(x)
w = (1 to 10) * y
spread = stdev(w - mean(w))
p = prob(w > 3)
r = {a: x * 2, b: uniform(0, 1) + spread}
w
"""
# a quantile barrier: its value comes from the merged quantile sketch
QUANTILE_MODEL = """
w = (1 to 10) * normal(0, 1)
cut = quantile(w, 0.9)
tail = w > cut
prob(tail)
"""
SAMPLES = 16 * CHUNK


def figures(result):
    """Everything a run reports: the JSON summary (means, stdevs, quantiles,
    probabilities of every binding) and the run's own account of its chunks."""
    return result.summary(), result.stream


@pytest.fixture(scope="module")
def local():
    return figures(stream_run(MODEL, samples=SAMPLES, seed=11, chunk=CHUNK))


def cluster(workers, processes=False):
    return distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                    processes=processes, dashboard_address=None,
                                    silence_logs=40)


@pytest.mark.parametrize("workers", [1, 3])
def test_a_dask_run_gives_the_local_streamed_runs_figures(local, workers):
    with cluster(workers) as c, distributed.Client(c, set_as_default=False) as client:
        result = stream_run(MODEL, samples=SAMPLES, seed=11, chunk=CHUNK,
                            executor=DaskExecutor(client))
    # means, stdevs, quantiles, probabilities, event counts, standard errors and
    # barrier values, bit for bit
    assert figures(result) == local
    assert result.samples == SAMPLES


def test_worker_processes_give_the_same_figures(local):
    # the tasks and results cross process boundaries (pickled by Dask) both ways
    with DaskExecutor("local:2") as executor:
        result = stream_run(MODEL, samples=SAMPLES, seed=11, chunk=CHUNK,
                            executor=executor)
        assert len(executor.client.nthreads()) == 2
    assert figures(result) == local


def test_the_figures_are_the_whole_runs(local):
    # not the first chunk's: p counts events over all 2M samples, and w - mean(w) has
    # the stdev of w (its mean barrier taken over every chunk)
    summary, stream = local
    assert stream["chunks"] == 16 and stream["passes"] >= 3
    b = summary["bindings"]
    assert b["spread"]["value"] == pytest.approx(b["w"]["stdev"], rel=1e-12)
    events = b["p"]["value"] * SAMPLES  # a count of all the samples, not of one chunk's
    assert abs(events - round(events)) < 1e-6 and round(events) > CHUNK


def test_quantiles_and_a_quantile_barrier_are_the_local_runs(client):
    # the quantile barrier's value comes from the bins merged in chunk order, and
    # everything downstream of it (tail's events) follows
    local = figures(stream_run(QUANTILE_MODEL, samples=SAMPLES, seed=4, chunk=CHUNK))
    dask = figures(stream_run(QUANTILE_MODEL, samples=SAMPLES, seed=4, chunk=CHUNK,
                              executor=DaskExecutor(client)))
    assert dask == local


@pytest.fixture(scope="module")
def client():
    with cluster(2) as c, distributed.Client(c, set_as_default=False) as client:
        yield client


def test_a_model_error_on_a_worker_is_the_local_runs_error(client):
    # a negative stdev computed from the samples: found only when a chunk is evaluated
    source = "x = uniform(1, 2)\ny = 3\nz = normal(0, mean(x) - y)\nz"
    with pytest.raises(DomainError) as at_home:
        stream_run(source, samples=4 * CHUNK, seed=1, chunk=CHUNK)
    with pytest.raises(DomainError) as on_dask:
        stream_run(source, samples=4 * CHUNK, seed=1, chunk=CHUNK,
                   executor=DaskExecutor(client))
    err = on_dask.value
    assert (err.line, err.column) == (3, 5)
    assert (err.message, err.format()) == (at_home.value.message, at_home.value.format())


def test_progress_counts_the_same_chunks(client):
    calls = {"local": [], "dask": []}
    stream_run(MODEL, samples=4 * CHUNK, seed=2, chunk=CHUNK,
               progress=lambda *a: calls["local"].append(a))
    stream_run(MODEL, samples=4 * CHUNK, seed=2, chunk=CHUNK,
               executor=DaskExecutor(client), progress=lambda *a: calls["dask"].append(a))
    assert calls["dask"] == calls["local"]
    assert calls["local"][0] == (1, 4, CHUNK)
