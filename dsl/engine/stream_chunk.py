"""One chunk of a streamed run: the whole program evaluated on ``chunk`` samples.

``run_chunk(task)`` is pure (same task, same result) and returns plain data, so a
worker process or a Dask worker can run it. The chunk's evaluator draws exactly the
samples the in-memory run draws at these positions (``Evaluator.chunk_offset``,
``dsl.engine.parallel.fill_chunk``). Reductions are barriers
(``dsl.engine.stream_barriers``, met by the hook in ``dsl.engine.stream_hook``): one
the task knows returns its value; one it does not makes its statement report the
chunk's partial and wait for the next pass, and every later statement that uses a
waiting one is skipped. Each statement that completes reports
the summaries of the distributions its value holds (``DistSummary``); the samples are
dropped when the task returns.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Any, Optional

from ..base.errors import DslError
from ..base.limits import Limits
from .dependencies import free_names
from .dist import Dist
from .stream_hook import Barriers, Edges, Stop
from .stream_imports import TextLoader
from .stream_summary import DistSummary
from .values import List, Record, Value

__all__ = ["ChunkTask", "ChunkResult", "run_chunk", "evaluate_chunk", "statement_parents",
           "RESULT"]

RESULT = "<result>"  # the final expression, as a statement of its own


@dataclass(frozen=True)
class ChunkTask:
    """What a worker needs for one chunk (plain data, picklable)."""
    source: str
    filename: str
    seed: int
    samples: int          # the whole run's N
    chunk: int            # the chunk size
    index: int            # which chunk
    barriers: dict        # barrier key -> its merged value, as known so far
    limits: Limits
    statements: Optional[tuple] = None  # the statement indexes to evaluate (None: all)
    # (statement, path) or barrier key -> bin edges of a distribution (the first chunk's;
    # a chunk makes its own for a key not in it, and reports them in ChunkResult.edges)
    edges: Optional[dict] = None
    # the statements whose distributions to summarise (None: all); the others of
    # ``statements`` are computed only because those use them
    summarise: Optional[tuple] = None
    # the model's imports, resolved and read where the run started, as plain data
    # (``dsl.engine.stream_imports.collect``): a chunk never reads them from disk
    imports: Optional[tuple] = None

    @property
    def size(self) -> int:
        """This chunk's sample count (the last may be short)."""
        return min(self.chunk, self.samples - self.index * self.chunk)


@dataclass(frozen=True)
class ChunkResult:
    """One chunk's plain-data answer: ``barriers`` the partials of the barriers it
    stopped at (key -> (kind, figure, params, partial)); ``summaries`` (statement,
    path) -> ``DistSummary.to_data()`` of every distribution without an exact law in a
    completed statement's value (path: list indexes and record keys); ``done`` and
    ``stopped`` the statements that completed and that did not; ``edges`` the bin edges
    it made for keys the task had none for (the first chunk's, for the others)."""
    index: int
    samples: int
    barriers: dict = field(default_factory=dict)
    summaries: dict = field(default_factory=dict)
    done: tuple = ()
    stopped: tuple = ()
    edges: dict = field(default_factory=dict)


def statement_parents(program) -> list[set]:
    """For each statement (then the final expression, if any) the earlier statements
    it uses: the last definition before it of each free name (decorator arguments
    included)."""
    last: dict[str, int] = {}
    parents = []
    lets = list(program.statements)
    for i, let in enumerate(lets):
        names = set(free_names(let.value))
        for dec in let.decorators:
            for arg in dec.args:
                names |= free_names(arg)
        parents.append({last[n] for n in names if n in last})
        last[let.name] = i
    if program.result is not None:
        parents.append({last[n] for n in free_names(program.result) if n in last})
    return parents


def dist_summaries(value: Value, statement: int, edges: Edges, path: tuple = (),
                   depth: int = 0):
    """((statement, path), DistSummary) of every distribution without an exact law in
    ``value`` (a condition's without bins: its counts say everything)."""
    if isinstance(value, Dist):
        if value.law is None:
            key = (statement, path)
            cut = None if value.boolean else edges.get(key, value.samples)
            yield key, DistSummary.of(value.samples, cut)
    elif depth < 64 and isinstance(value, List):
        for i, item in enumerate(value.items):
            yield from dist_summaries(item, statement, edges, path + (i,), depth + 1)
    elif depth < 64 and isinstance(value, Record):
        for key, item in value.fields.items():
            yield from dist_summaries(item, statement, edges, path + (key,), depth + 1)


def run_chunk(task: ChunkTask) -> ChunkResult:
    """One chunk of a streamed run (module-level and pure, for any executor)."""
    result = evaluate_chunk(task)[0]
    # the chunk's session, evaluator and environments refer to each other: freed only
    # by the cycle collector, which counts objects, not bytes, so their arrays (tens
    # of MB a chunk) would pile up for many chunks (a 1e8-sample run peaked at 730 MB)
    gc.collect()
    return result


def evaluate_chunk(task: ChunkTask, keep: bool = False) -> tuple[ChunkResult, Any]:
    """``run_chunk``, and with ``keep`` the chunk's values too: (bindings by name,
    final value), for showing the run."""
    from ..base.recursion import recursion_room
    from .session import Session
    from ..base.errors import LimitError
    from .parallel import CHUNK
    size = task.size
    session = Session(samples=size, seed=task.seed, limits=task.limits)
    session.parse = _parse_once(session.parse)
    ev = session.evaluator
    session.loader = ev.loader = TextLoader(session.registry, session.parse, task.imports)
    if task.samples > CHUNK:  # else the one chunk is the whole run, drawn as in memory
        ev.chunk_offset = task.index * task.chunk // CHUNK
    hook = Barriers(task.barriers, Edges(task.edges), first=task.index == 0)
    ev.barrier = hook
    with recursion_room(ev.python_depth), ev.meter:
        ev.start()
        program, source = session.parse_and_check(task.source, task.filename)
        try:
            return _evaluate(task, program, source, session, hook, keep)
        except RecursionError:
            raise LimitError("the model is nested too deeply to evaluate") from None


_PARSED: dict = {}  # (text, name) -> syntax tree: a worker parses a model once


def _parse_once(parse):
    """``parse``, remembering the last few trees (the same model runs chunk after chunk;
    syntax trees are immutable, so sharing them is safe)."""
    def cached(text: str, name: str = "<input>"):
        key = (text, name)
        tree = _PARSED.get(key)
        if tree is None:
            tree = parse(text, name)
            if len(_PARSED) >= 4:
                _PARSED.pop(next(iter(_PARSED)))
            _PARSED[key] = tree
        return tree
    return cached


def _evaluate(task, program, source, session, hook, keep):
    import time
    from .env import Env
    ev = session.evaluator
    ev.source = source
    parents = statement_parents(program)
    wanted = set(range(len(parents))) if task.statements is None else set(task.statements)
    env = Env()
    for i, imp in enumerate(program.imports):
        hook.enter(-1 - i)
        try:
            env = env.define(imp.alias, ev.loader.load(imp, source, ev))
            if hook.speculating:
                raise Stop()
        except (Stop, DslError) as e:  # every statement may use it: the whole chunk waits
            if isinstance(e, DslError) and not hook.speculating:
                raise
            return ChunkResult(task.index, task.size, hook.reached, {}, (),
                               tuple(sorted(wanted)), hook.edges.made), None
    summaries, done, stopped = {}, [], []
    bindings: dict = {}
    final = None
    lets = list(program.statements)
    for i in sorted(wanted):
        if parents[i] & set(stopped):
            stopped.append(i)
            continue
        if ev.meter.deadline is not None and time.monotonic() > ev.meter.deadline:
            node = lets[i] if i < len(lets) else program.result
            raise ev.meter.late().located(node.span, source)
        hook.enter(i)
        try:
            if i < len(lets):
                let = lets[i]
                ev.enter_scope(let.name)
                binding = ev._binding(let, ev.eval(let.value, env), env)
                env = env.define(let.name, binding.value)
                binding.depends_on = frozenset(n for n in free_names(let.value)
                                               if n in ev.graph)
                ev.graph[let.name] = binding
                value = binding.value
                if keep:
                    bindings[let.name] = binding
            else:
                ev.enter_scope(RESULT)
                value = final = ev.eval(program.result, env)
        except Stop:
            stopped.append(i)
            continue
        except DslError:
            if not hook.speculating:
                raise
            stopped.append(i)  # an error of running on PENDING: not the model's
            continue
        if hook.speculating:  # it met a barrier not known yet: its value is not real
            stopped.append(i)
            continue
        done.append(i)
        if task.summarise is not None and i not in task.summarise:
            continue
        for key, summary in dist_summaries(value, i, hook.edges):
            summaries[key] = summary.to_data()
    result = ChunkResult(task.index, task.size, hook.reached, summaries, tuple(done),
                         tuple(stopped), hook.edges.made)
    return result, ((bindings, final) if keep else None)
