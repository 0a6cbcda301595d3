"""sqdsl: a Squiggle-style estimation language for Python.

    >>> import dsl
    >>> res = dsl.run("alpha = 0.4 to 0.8\\nratio = alpha * 2", samples=10_000)
    >>> round(res.bindings["ratio"].quantile(0.5), 2)
    1.13

``run`` evaluates a program, ``run_file`` a model file (imports resolved beside it),
``evaluate`` a single expression, and ``Session`` keeps bindings between calls, as the
REPL does. Every failure a model can cause is a ``DslError``.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Mapping, Optional

from .base import html_hooks, python_hooks
from .base.errors import DslError, ParseError
from .base.limits import Limits
from .base.version import __version__

if TYPE_CHECKING:
    from .engine.dist import Dist
    from .engine.session import Binding, Result, Session
    from .engine.values import Bool, Function, List, Number, Record, String, Value

# Imported on first use, so that `sq eval "1"` and `import dsl` stay quick: the session
# pulls in the parser, numpy and the standard library.
_LAZY = {"Session": "engine.session", "Result": "engine.session", "Binding": "engine.session",
         "Dist": "engine.dist", "Value": "engine.values", "Number": "engine.values",
         "Bool": "engine.values", "String": "engine.values", "List": "engine.values",
         "Record": "engine.values", "Function": "engine.values"}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dsl' has no attribute {name!r}")

__all__ = ["run", "run_file", "evaluate", "Session", "Result", "Binding", "DslError",
           "ParseError", "Limits", "Value", "Number", "Bool", "String", "List", "Record",
           "Function", "Dist", "__version__"]


def _value_html(value) -> str:
    from .front.notebook import value_html  # the notebook front end, on its first display
    return value_html(value)


def _run_html(result, clocked) -> str:
    from .front.notebook import run_html
    return run_html(result, clocked)


html_hooks.install(_value_html, _run_html)


def run(source: str, *, samples: int = 100_000, seed: int = 0,
        inputs: Optional[Mapping[str, Any]] = None, filename: str = "<input>",
        limits: Optional[Limits] = None, stream: bool = False,
        chunk: Optional[int] = None, executor=None, progress=None,
        precision: Optional[float] = None, dask=None) -> Result:
    """Evaluate a whole program and return its bindings and final value.

    ``samples="auto"`` or a ``precision`` REL (``samples="auto"`` alone: 0.01) runs it
    again with more samples until every shown mean, quantile and probability has a
    Monte Carlo standard error below REL of its value, or ``limits.max_samples`` is
    reached (``dsl.engine.precision``; the first run has ``samples``, 100,000 for
    "auto"); ``Result.precision`` then says how it went, ``Result.samples`` how many
    samples the values have.

    ``stream=True``: a streamed run (README, *Streamed runs*): chunk by chunk, memory
    bounded, up to ``Limits.max_stream_samples``; ``chunk`` its chunk size (a multiple
    of 131,072), ``executor`` what runs the chunks (``map(fn, tasks)``, in order),
    ``progress(done_chunks, total_chunks, samples_done)`` called after each chunk.

    ``dask``: a ``distributed.Client``, a scheduler address (``"tcp://HOST:8786"``) or
    ``"local"`` / ``"local:N"`` (a LocalCluster of this machine's cores, or of N worker
    processes): the streamed run's chunks are computed on that Dask cluster and merged
    here, giving the local streamed run's figures (extra ``sqdsl[dask]``; implies
    ``stream=True``). A client given is left open; one opened here is closed."""
    if dask is not None:
        if executor is not None:
            raise DslError("give dask= or executor=, not both: dask= is the executor")
        stream = True  # a Dask run is a streamed run
    if (isinstance(samples, str) and samples == "auto") or precision is not None:
        if stream:
            raise DslError("precision= (samples=\"auto\") cannot be combined with "
                           "stream=True")
        from .engine.precision import precise_run
        return precise_run(source, samples=samples, seed=seed, inputs=inputs,
                           filename=filename, limits=limits, precision=precision)
    if stream:
        from .engine.streaming import stream_run
        if inputs:
            raise DslError("inputs= cannot be combined with stream=True: a streamed run "
                           "computes every binding chunk by chunk from the model's text")
        if dask is not None:
            from .engine.dask_executor import DaskExecutor
            with DaskExecutor(dask) as on_dask:
                return stream_run(source, filename=filename, samples=samples, seed=seed,
                                  chunk=chunk, limits=limits, executor=on_dask,
                                  progress=progress)
        return stream_run(source, filename=filename, samples=samples, seed=seed,
                          chunk=chunk, limits=limits, executor=executor, progress=progress)
    if chunk is not None or executor is not None:
        raise DslError("chunk= and executor= go with stream=True")
    from .engine.session import Session
    return Session(samples=samples, seed=seed, limits=limits).run(source, filename, inputs)


def run_file(path: str, *, samples: int = 100_000, seed: int = 0,
             inputs: Optional[Mapping[str, Any]] = None,
             limits: Optional[Limits] = None, stream: bool = False,
             chunk: Optional[int] = None, executor=None, progress=None,
             precision: Optional[float] = None, dask=None) -> Result:
    """Evaluate a model file; its imports are resolved relative to its folder
    (``stream`` ... ``dask`` as in ``run``)."""
    import os
    from .base.source import MAX_SOURCE_BYTES, read_source
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise DslError(f"run_file: the path must be a string, got {type(path).__name__}")
    path = os.fspath(path)
    if not isinstance(path, str):
        path = os.fsdecode(path)
    text = read_source(path, getattr(limits or Limits(), "max_source_bytes", MAX_SOURCE_BYTES))
    return run(text, samples=samples, seed=seed, inputs=inputs, filename=path, limits=limits,
               stream=stream, chunk=chunk, executor=executor, progress=progress,
               precision=precision, dask=dask)


def evaluate(source: str, *, samples: int = 100_000, seed: int = 0,
             limits: Optional[Limits] = None) -> Value:
    """The value of one expression (it may be preceded by bindings)."""
    from .engine.session import Session
    return Session(samples=samples, seed=seed, limits=limits).evaluate(source)


def _operate(name, args):
    from .engine.python_ops import operate  # Python's operators on values, on their first use
    return operate(name, args)


def _ufunc(uf, method, inputs, kwargs):
    from .engine.python_ops import ufunc
    return ufunc(uf, method, inputs, kwargs)


def _plot(dist, ax, kind, options):
    from .render.matplotlib_plot import plot_dist
    return plot_dist(dist, ax, kind, **options)


python_hooks.install(operate=_operate, ufunc=_ufunc, plot=_plot)


def load_ipython_extension(ipython) -> None:
    """``%load_ext dsl``: the ``%%sq`` cell magic and the ``%sq`` line magic
    (``dsl.front.jupyter_magics``; needs IPython: ``pip install "sqdsl[jupyter]"``)."""
    from .front.jupyter_magics import load
    load(ipython)
