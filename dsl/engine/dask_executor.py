"""Run a streamed run's chunk tasks on a Dask cluster (``dask.distributed``).

``DaskExecutor`` has the contract of the streamed run's ``LocalExecutor``
(dsl/engine/streaming.py): ``map(fn, tasks)`` yields ``fn(task)`` for each task, in task
order, so the caller merges chunks in the same order whatever the cluster does, and a
Dask run gives the same figures as a local streamed run for the same seed.

Memory stays bounded at any number of chunks: at most ``in_flight`` tasks are submitted
and not yet handed back (their results wait on the workers until their turn), and a
result is released on the cluster as soon as it is handed back.

A model's error raised on a worker (a ``DslError``, with its line and column) is raised
again on the client as that same error; anything else a worker raises (sqdsl missing on
a worker, a killed worker) becomes a ``DslError`` naming the chunk and the cause.

``dask.distributed`` is the optional extra ``sqdsl[dask]``, imported only here. Dask
sends tasks and results between client, scheduler and workers with pickle: connect only
to a cluster you trust (Dask's own rule), as you would run code on it.
"""
from __future__ import annotations

import os
import uuid
from collections import deque
from typing import Any, Callable, Iterable, Iterator, Optional

from ..base.errors import DslError
from .frames import optional

__all__ = ["DaskExecutor", "LOCAL"]

# the address that starts a LocalCluster on this machine instead of connecting
LOCAL = "local"

# how long connecting to a scheduler may take before the run fails with a clear error
CONNECT_TIMEOUT = "15s"


def _distributed():
    return optional("distributed", "dask", "Running on a Dask cluster (--dask)")


class DaskExecutor:
    """Chunk tasks on a Dask cluster, results in task order.

    ``target`` is a ``distributed.Client`` (used, never closed here), a scheduler
    address such as ``"tcp://10.0.0.5:8786"`` (a client is opened and closed by
    ``close``), or ``"local"``: a ``LocalCluster`` with one single-threaded worker
    process per core of this machine (``"local:N"`` or ``workers`` for N of them),
    closed by ``close``. ``in_flight`` bounds the tasks submitted and not yet handed back
    (default: twice the cluster's threads, at least 2).

    Use as a context manager, or call ``close``::

        with DaskExecutor("local") as executor:
            results = list(executor.map(run_chunk, tasks))
    """

    def __init__(self, target: Any, *, in_flight: Optional[int] = None,
                 workers: Optional[int] = None) -> None:
        distributed = _distributed()
        self._cluster = None
        self._owns_client = False
        if isinstance(target, distributed.Client):
            self.client = target
        elif isinstance(target, str) and _is_local(target):
            self._cluster = _local_cluster(distributed, _local_workers(target, workers))
            self.client = distributed.Client(self._cluster, set_as_default=False)
            self._owns_client = True
        elif isinstance(target, str) and target.strip():
            self.client = _connect(distributed, target.strip())
            self._owns_client = True
        else:
            raise DslError("--dask takes a scheduler address (tcp://HOST:PORT), 'local' or "
                           f"'local:N', got {target!r}")
        if in_flight is not None and (not isinstance(in_flight, int) or in_flight < 1):
            self.close()
            raise DslError(f"in_flight must be a whole number of tasks >= 1, got {in_flight!r}")
        self.in_flight = in_flight or max(2, 2 * self.threads())

    def threads(self) -> int:
        """The number of worker threads the cluster has now (0 while it has none)."""
        return sum(self.client.nthreads().values())

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        """``fn(task)`` for each task, computed on the cluster, yielded in task order.

        ``fn`` must be importable on the workers by its module and name (sqdsl installed
        there); ``tasks`` may be a generator, read only as the window moves on."""
        run = uuid.uuid4().hex[:12]  # keys of one map call, unique across runs and clients
        source = enumerate(tasks)
        window: deque = deque()  # (index, future), in task order

        def submit_next() -> None:
            for index, task in source:
                window.append((index, self.client.submit(
                    fn, task, key=f"sq-chunk-{run}-{index}", pure=False)))
                return

        try:
            while len(window) < self.in_flight:
                before = len(window)
                submit_next()
                if len(window) == before:
                    break
            while window:
                index, future = window.popleft()
                try:
                    result = _result(future, index)
                finally:
                    future.release()  # the cluster forgets it: a result is held once
                submit_next()      # keep the workers busy while the caller merges
                yield result
        finally:
            # an error, or a caller that stopped early: nothing left running on our account
            for _, future in window:
                future.cancel()
                future.release()
            window.clear()

    def close(self) -> None:
        """Close the client and cluster this executor opened (a client it was given is
        left open for its owner)."""
        if self._owns_client and self.client is not None:
            self.client.close()
            self._owns_client = False
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> "DaskExecutor":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _is_local(target: str) -> bool:
    name = target.strip().lower()
    return name == LOCAL or name.startswith(LOCAL + ":")


def _local_workers(target: str, workers: Optional[int]) -> int:
    """The worker count of ``local`` (the cores, or ``workers``) or ``local:N``."""
    _, colon, count = target.strip().partition(":")
    if colon:
        if not count.strip().isdigit() or int(count) < 1:
            raise DslError(f"--dask local:N takes a whole number of workers >= 1, "
                           f"got {target!r}")
        return int(count)
    n = workers if workers is not None else (os.cpu_count() or 1)
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise DslError(f"a local Dask cluster needs at least 1 worker, got {workers!r}")
    return n


def _local_cluster(distributed, n: int):
    # one single-threaded process per core: a chunk is numpy work that holds the GIL
    # between calls, so threads in one process would share one core. No dashboard: it
    # needs bokeh, and its fixed port would clash between two runs on one machine.
    return distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                    dashboard_address=None, silence_logs=40)


def _connect(distributed, address: str):
    try:
        return distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise DslError(f"could not reach the Dask scheduler at {address}: {err}") from err


def _result(future, index: int):
    """The task's result, its model error as itself, any other failure as a DslError."""
    try:
        return future.result()
    except DslError:
        raise
    except Exception as err:  # the worker's own failure, not the model's
        hint = (" (is sqdsl installed on the Dask workers?)"
                if isinstance(err, ImportError) else "")
        raise DslError(f"the Dask cluster failed to run chunk {index}: "
                       f"{type(err).__name__}: {err}{hint}") from err
