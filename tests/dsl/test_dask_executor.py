"""The Dask executor (dsl/engine/dask_executor.py): the LocalExecutor's contract (results
in task order) on a dask.distributed cluster, a bounded window of tasks, a model's error
arriving as itself, and a clear error when the extra is missing."""
import builtins
import threading
import time

import pytest

from dsl.base.errors import DslError, NameError_
from dsl.engine import dask_executor
from dsl.engine.dask_executor import DaskExecutor

distributed = pytest.importorskip("distributed", reason='the extra sqdsl[dask]')


@pytest.fixture(scope="module")
def client():
    # threads in this process: quick to start, and enough to prove ordering and errors;
    # tests/dsl/test_dask_stream.py runs one cluster of worker processes
    with distributed.LocalCluster(n_workers=2, threads_per_worker=2, processes=False,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster, set_as_default=False) as c:
        yield c


def square_late(n):
    """n squared, the early tasks finishing last (so results come back out of order)."""
    time.sleep(0.02 * (8 - n % 8))
    return n * n


def model_mean(source):
    """The mean of a model's final value, computed the way a worker would: a whole run."""
    from dsl.engine.session import Session
    return float(Session(samples=1000, seed=3).run(source).result.mean())


def broken(_):
    raise ZeroDivisionError("a bug in a worker")


def test_results_come_in_task_order_whatever_finishes_first(client):
    executor = DaskExecutor(client, in_flight=6)
    assert list(executor.map(square_late, range(20))) == [n * n for n in range(20)]


def test_the_window_of_tasks_is_bounded(client):
    executor = DaskExecutor(client, in_flight=3)
    pulled = []

    def tasks():
        for n in range(12):
            pulled.append(n)
            yield n

    seen = []
    for result in executor.map(square_late, tasks()):
        seen.append(result)
        # tasks read from the generator but not yet handed back: at most the window
        assert len(pulled) - len(seen) <= 3
    assert seen == [n * n for n in range(12)]


def test_default_window_is_twice_the_clusters_threads(client):
    assert DaskExecutor(client).in_flight == 2 * 4


def test_a_model_error_on_a_worker_arrives_as_the_same_dsl_error(client):
    executor = DaskExecutor(client)
    sources = ["x = 1 to 2\nx", "x = 1 to 2\ny = foo(x)\ny"]
    results = executor.map(model_mean, sources)
    assert 1 < next(results) < 2
    with pytest.raises(NameError_) as caught:
        next(results)
    err = caught.value
    assert (err.line, err.column) == (2, 5)
    assert "foo is not defined" in err.message
    # the caret excerpt of the model's own text, as a local run prints it
    assert "2 | y = foo(x)" in err.format()


def test_the_first_failing_chunk_in_task_order_is_the_error(client):
    # chunk 1 fails after chunk 3 has failed on the cluster: the run reports chunk 1's
    # error, as a local run in task order would
    sources = ["1 to 2", "1 +* 2", "1 to 2", "\n\nbar"]
    with pytest.raises(DslError) as caught:
        list(DaskExecutor(client).map(model_mean, sources))
    assert caught.value.line == 1 and caught.value.kind == "SyntaxError"


def test_a_workers_own_failure_is_a_dsl_error_naming_the_chunk(client):
    with pytest.raises(DslError) as caught:
        list(DaskExecutor(client).map(broken, [0, 1]))
    assert caught.value.message == ("the Dask cluster failed to run chunk 0: "
                                    "ZeroDivisionError: a bug in a worker")
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_stopping_early_cancels_what_is_left(client):
    executor = DaskExecutor(client, in_flight=4)
    results = executor.map(square_late, range(100))
    assert next(results) == 0
    results.close()
    deadline = time.monotonic() + 10  # cancellation reaches the scheduler asynchronously
    while ours(client) and time.monotonic() < deadline:
        threading.Event().wait(0.05)
    assert not ours(client)


def ours(client):
    """The keys of the executor's tasks the client still holds."""
    return [key for key in client.futures if str(key).startswith("sq-chunk-")]


def test_a_failed_run_leaves_no_task_behind(client):
    with pytest.raises(DslError):
        list(DaskExecutor(client).map(broken, range(6)))
    deadline = time.monotonic() + 10
    while ours(client) and time.monotonic() < deadline:
        threading.Event().wait(0.05)
    assert not ours(client)


def test_a_given_client_is_left_open(client):
    with DaskExecutor(client) as executor:
        assert executor.client is client
    assert client.status == "running"


def test_an_address_opens_a_client_that_close_closes(client):
    executor = DaskExecutor(client.scheduler.address)
    assert executor.client is not client
    assert list(executor.map(square_late, [3])) == [9]
    executor.close()
    assert executor.client.status == "closed"
    assert client.status == "running"


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", "0.5s")
    with pytest.raises(DslError, match=r"could not reach the Dask scheduler at "
                                       r"tcp://127\.0\.0\.1:9"):
        DaskExecutor("tcp://127.0.0.1:9")


@pytest.mark.parametrize("target", ["local:0", "local:x", "local:-1", "local: "])
def test_a_bad_local_worker_count_is_a_clear_error(target):
    with pytest.raises(DslError, match="local:N takes a whole number of workers"):
        DaskExecutor(target)


@pytest.mark.parametrize("target", [None, "", 8786])
def test_a_target_that_is_no_address_is_a_clear_error(target):
    with pytest.raises(DslError, match="scheduler address"):
        DaskExecutor(target)


def test_a_bad_window_is_a_clear_error(client):
    with pytest.raises(DslError, match="in_flight"):
        DaskExecutor(client, in_flight=0)


def test_missing_extra_names_it(monkeypatch):
    real_import = builtins.__import__

    def without_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "distributed")
    monkeypatch.setattr(builtins, "__import__", without_distributed)
    with pytest.raises(DslError) as caught:
        DaskExecutor("local")
    assert caught.value.message == ('Running on a Dask cluster (--dask) needs distributed, '
                                    'which is not installed: pip install "sqdsl[dask]"')
