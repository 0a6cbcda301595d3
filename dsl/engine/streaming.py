"""Streamed runs: a model evaluated chunk by chunk, with bounded memory (issue 22).

The random streams are chunked already (``dsl.engine.parallel``): piece i of CHUNK
samples of every call site comes from child i of the site's seed sequence. So chunk j
of a streamed run (``chunk`` samples, a multiple of CHUNK) is the whole program
evaluated on ``chunk`` samples whose draws are pieces ``j*m .. j*m+m-1``
(m = chunk / CHUNK): exactly the samples the in-memory run has at those positions.
Nothing keeps a chunk's arrays once its summaries are merged.

A reduction a later statement needs as a number (``mean(x)``, ``quantile(x, 0.9)``,
``prob(c)``) is a barrier (``dsl.engine.stream_barriers``). Evaluation goes in passes:
each pass runs every chunk of the statements still pending (and, recomputed, the
statements they use); a statement that meets barriers whose values are not known
reports the chunk's partials of all it can reach (``dsl.engine.stream_hook``: it goes
on with PENDING where that cannot change a value) and waits; the caller merges the
partials in chunk order, and the next pass runs with those values known, until no
statement is left. Statements independent of each other's barriers share a pass; a
last pass that only turns known values into numbers runs on the first chunk alone.

Quantiles come from a t-digest (``fastdigest``, the extra ``sqdsl[stream]``) kept
inside bins whose edges are the first chunk's quantiles, where exact counts hold them
(``dsl.engine.stream_summary``, ``dsl.engine.stream_digest``), so each pass runs the
first chunk before the others.
The shown values are the first chunk's, computed again at the end with every barrier
known, each distribution given the merged figures (``StreamedLaw``).

Interface
---------
(For executors and front ends; kept current.)

    ChunkTask(source, filename, seed, samples, chunk, index, barriers, limits,
              # barriers: key -> answer as plain data (stream_barriers.to_plain)
              statements=None, edges=None, summarise=None,   # frozen dataclass,
              imports=None)
        plain data, picklable. statements: the statement indexes a pass evaluates
        (None: all); edges: the first chunk's bin edges; summarise: the statements
        whose summaries the pass wants; imports: (links, texts) of the model's
        imports, read where the run started; all set by stream_run, a worker just passes
        the task to run_chunk.
    run_chunk(task) -> ChunkResult      # module-level, pure
    ChunkResult(index, samples, barriers, summaries, done, stopped, edges)  # plain
        data: numbers, tuples, str keys and numpy arrays of counts
    Each pass calls executor.map twice: once with the first chunk's task alone (its
    bin edges go into the other tasks), then with the others.
    LocalExecutor().map(fn, tasks) -> iterator of fn(task), in task order
    stream_run(source, *, filename="<input>", samples, seed=0, chunk=None,
               limits=None, executor=None, progress=None) -> Result
        progress(done_chunks, total_chunks, samples_done) after each chunk is merged.
        A run of several passes runs every chunk once per pass: the counts are over
        all passes so far (total_chunks grows by the number of chunks when another
        pass starts, by 1 for a last pass that needs only the first chunk;
        samples_done counts the current pass's samples).
    The Result is ``dsl.engine.session.Result`` with ``samples`` the total N and
    ``stream`` a dict (chunk, chunks, passes, rankError, note) that the JSON prints.

Imports of other .sq files are resolved and read here, where the run starts, with
the in-memory run's checks, and travel in the tasks as text
(``dsl.engine.stream_imports``): a chunk never reads a file, so a Dask worker needs no
copy of the model's folder.
"""
from __future__ import annotations

import itertools
from typing import Callable, Iterable, Iterator, Optional

from ..base.errors import ArgumentError, DslError, InternalError
from ..base.limits import Limits
from .parallel import CHUNK
from .stream_barriers import merge as merge_partial
from .stream_barriers import to_plain
from .stream_barriers import value as barrier_value
from .stream_chunk import (ChunkResult, ChunkTask, RESULT, evaluate_chunk, run_chunk,
                           statement_parents)
from .stream_summary import DistSummary

__all__ = ["ChunkTask", "ChunkResult", "run_chunk", "LocalExecutor", "stream_run",
           "DEFAULT_CHUNK", "check_chunk"]

# the default chunk: 4 pieces of CHUNK (524,288 samples, 4 MB per distribution held)
DEFAULT_CHUNK = 4 * CHUNK


class LocalExecutor:
    """The default executor: runs the tasks in this process, one after another."""

    def map(self, fn: Callable, tasks: Iterable) -> Iterator:
        for task in tasks:
            yield fn(task)


def check_chunk(chunk, samples: int, limits: Limits) -> int:
    """The chunk size to use: ``chunk`` (None: ``DEFAULT_CHUNK``), checked, and never
    above ``samples`` (one chunk then: the in-memory run's draws)."""
    if chunk is None:
        chunk = DEFAULT_CHUNK
    elif not isinstance(chunk, int) or isinstance(chunk, bool) or chunk < 1:
        raise ArgumentError(f"the chunk size must be a positive whole number of samples, "
                            f"got {chunk!r}")
    elif chunk % CHUNK:
        raise ArgumentError(f"the chunk size must be a multiple of {CHUNK:,} (the pieces "
                            f"the random streams are drawn in), such as {CHUNK} or "
                            f"{4 * CHUNK}; got {chunk:,}")
    if chunk > limits.max_samples and samples > limits.max_samples:
        raise ArgumentError(f"a chunk of {chunk:,} samples is more than the limit of "
                            f"{limits.max_samples:,} samples held at once")
    return min(chunk, samples)


def _check_samples(samples, limits: Limits) -> None:
    if not isinstance(samples, int) or isinstance(samples, bool) or samples < 1:
        raise ArgumentError(f"the sample count must be a positive whole number, got "
                            f"{samples!r}")
    if samples > limits.max_stream_samples:
        raise ArgumentError(f"{samples:,} samples is more than the limit of "
                            f"{limits.max_stream_samples:,} for a streamed run")


def stream_run(source: str, *, filename: str = "<input>", samples: int, seed: int = 0,
               chunk: Optional[int] = None, limits: Optional[Limits] = None,
               executor=None, progress: Optional[Callable[[int, int, int], None]] = None):
    """Run ``source`` on ``samples`` samples in chunks (module docstring); the Result
    shows every binding with figures merged over all the chunks."""
    limits = limits or Limits()
    if not isinstance(limits, Limits):
        raise ArgumentError("limits must be a dsl.Limits")
    _check_samples(samples, limits)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ArgumentError(f"the seed must be a whole number, got {seed!r}")
    size = check_chunk(chunk, samples, limits)
    executor = executor or LocalExecutor()
    # syntax and name errors before any chunk; the imports resolved and read here
    program, imports = _parse(source, filename, limits)
    parents = statement_parents(program)
    names = [let.name for let in program.statements] + (
        [RESULT] if program.result is not None else [])
    chunks = -(-samples // size)
    known: dict = {}       # barrier key -> value
    summaries: dict = {}   # (statement, path) -> DistSummary, merged in chunk order
    pending: Optional[set] = None
    passes = done_chunks = total_chunks = 0
    barrier_error = 0.0
    first_chunk_only = False  # a builtin ran on the first chunk alone (sensitivity)
    while True:
        passes += 1
        wanted = None if pending is None else tuple(sorted(_closure(pending, parents)))
        # the first chunk alone, then the others with its bin edges (quantiles are
        # counted in the same bins in every chunk: ``dsl.engine.stream_summary``)
        summarise = None if pending is None else tuple(sorted(pending))
        task0 = ChunkTask(source, filename, seed, samples, size, 0, dict(known), limits,
                          wanted, None, summarise, imports)
        first = next(iter(executor.map(run_chunk, [task0])))
        edges = dict(first.edges)
        # a last pass that only turns known barriers into numbers (`p = prob(y > 1)`)
        # needs no other chunk: nothing is left to merge or to learn
        last = not first.stopped and not first.summaries and not first.barriers
        rest = (ChunkTask(source, filename, seed, samples, size, j, dict(known), limits,
                          wanted, edges, summarise, imports)
                for j in range(1, 1 if last else chunks))
        partials: dict = {}
        samples_done = 0
        for j, result in enumerate(itertools.chain([first], executor.map(run_chunk, rest))):
            if result.index != j:
                raise InternalError(f"the executor returned chunk {result.index} where "
                                    f"chunk {j} was due")
            if j and ((result.done, result.stopped, set(result.barriers)) != (
                    first.done, first.stopped, set(first.barriers)) or result.edges):
                raise DslError("the chunks of a streamed run disagree on which reductions "
                               "the model computes (a choice that depends on one chunk's "
                               "samples): run it without --stream")
            for key, (kind, figure, params, data) in result.barriers.items():
                if key in partials:
                    data = merge_partial(kind, partials[key][3], data)
                partials[key] = (kind, figure, params, data)
            for key, data in result.summaries.items():
                part = DistSummary.from_data(data)
                if key in summaries:
                    summaries[key].merge(part)
                else:
                    summaries[key] = part
            del result  # its counts are merged: nothing of it is kept
            done_chunks += 1
            samples_done += min(size, samples - j * size)
            if progress is not None:
                progress(done_chunks, total_chunks + (1 if last else chunks), samples_done)
        total_chunks += 1 if last else chunks
        for key, (kind, figure, params, data) in partials.items():
            known[key] = data if kind == "first" else \
                to_plain(barrier_value(kind, figure, params, data))
            first_chunk_only |= kind == "first"
            if kind == "quantile":  # its error in rank joins the run's
                barrier_error = max(barrier_error,
                                    DistSummary.from_data(data).rank_error_at(params[0]))
        if not first.stopped:
            break
        if not partials:  # stopped with nothing new to learn: it would never finish
            raise InternalError("a streamed run stopped without reaching a reduction")
        pending = set(first.stopped)
    return _result(source, filename, seed, samples, size, chunks, passes, limits, known,
                   summaries, names, barrier_error, first_chunk_only, imports)


def _closure(pending: set, parents: list) -> set:
    """The pending statements and every statement they use, directly or not."""
    out, todo = set(), list(pending)
    while todo:
        i = todo.pop()
        if i not in out:
            out.add(i)
            todo.extend(parents[i])
    return out


def _parse(source: str, filename: str, limits: Limits):
    """The program, and its imports as plain data (``stream_imports.collect``)."""
    from .session import Session
    from .stream_imports import collect
    session = Session(samples=1, limits=limits)
    program, text = session.parse_and_check(source, filename)
    return program, collect(program, text, session.loader)


def _result(source, filename, seed, samples, size, chunks, passes, limits, known,
            summaries, names, barrier_error=0.0, first_chunk_only=False, imports=None):
    """The Result: chunk 0's values (run again here, with every barrier known), each
    distribution without an exact law given the merged figures (``StreamedLaw``)."""
    from .session import Result
    task = ChunkTask(source, filename, seed, samples, size, 0, known, limits, None,
                     imports=imports)
    again, (bindings, final) = evaluate_chunk(task, keep=True)
    if again.stopped:  # every barrier is known by now: a chunk cannot wait any more
        raise InternalError("a streamed run's first chunk waited on a reduction after "
                            "the last pass")
    last = {name: i for i, name in enumerate(names)}  # `x = x + 1`: the later x shows
    for name, i in last.items():
        if name == RESULT:
            final = _with_figures(final, summaries, i, ())
        elif name in bindings:
            bindings[name].value = _with_figures(bindings[name].value, summaries, i, ())
    err = max([barrier_error] + [summary.rank_error for summary in summaries.values()])
    # the rank error as a percentage to 2 significant digits (0.031%, 2.4e-5%): never a
    # "0.000%" that reads as exact; quantiles that are exact (counts alone) say so
    quantiles = (f"quantiles within {err * 100:.2g}% in rank" if err > 0 else
                 "quantiles exact")
    note = (f"streamed: {samples:,} samples in {chunks:,} chunk{'s' if chunks != 1 else ''}"
            f" of {size:,}, {passes} pass{'es' if passes != 1 else ''}; means, stdevs and "
            f"probabilities are of all the samples, {quantiles}, "
            f"plots{' and sensitivity' if first_chunk_only else ''} from the first chunk"
            f"{'' if chunks == 1 else f' ({size:,} samples)'}")
    stream = {"chunk": size, "chunks": chunks, "passes": passes, "rankError": err,
              "note": note}
    return Result(bindings, final, samples, seed, limits=limits, stream=stream)


def _with_figures(value, summaries: dict, statement: int, path: tuple):
    """``value`` with each distribution that has merged summaries made a Dist of its
    first-chunk samples whose law is the ``StreamedLaw`` of the whole run."""
    from .dist import Dist
    from .stream_summary import StreamedLaw
    from .tags import with_tags
    from .values import List, Record
    if isinstance(value, Dist):
        summary = summaries.get((statement, path))
        if summary is None:
            return value
        made = Dist(value.samples, StreamedLaw(summary, value.samples, value.boolean))
        made.boolean = value.boolean
        return with_tags(made, value.tags) if value.tags is not _no_tags() else made
    if isinstance(value, List):
        items = [_with_figures(v, summaries, statement, path + (i,))
                 for i, v in enumerate(value.items)]
        if all(a is b for a, b in zip(items, value.items)):
            return value
        return _retag(List(items), value)
    if isinstance(value, Record):
        fields = {k: _with_figures(v, summaries, statement, path + (k,))
                  for k, v in value.fields.items()}
        if all(fields[k] is v for k, v in value.fields.items()):
            return value
        return _retag(Record(fields), value)
    return value


def _no_tags():
    from .tags import NO_TAGS
    return NO_TAGS


def _retag(made, like):
    from .tags import with_tags
    return with_tags(made, like.tags) if like.tags is not _no_tags() else made
