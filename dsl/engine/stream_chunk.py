"""One chunk of a streamed run: the whole program evaluated on ``chunk`` samples.

``run_chunk(task)`` is pure (same task, same result) and returns plain data, so a
worker process or a Dask worker can run it. The chunk's evaluator draws exactly the
samples the in-memory run draws at these positions (``Evaluator.chunk_offset``,
``dsl.engine.parallel.fill_chunk``). Reductions are barriers
(``dsl.engine.stream_barriers``): one the task knows returns its value; the first one
it does not stops its statement, which reports the chunk's partial, and every later
statement that uses a stopped one is skipped. Each statement that completes reports
the summaries of the distributions its value holds (``DistSummary``); the samples are
dropped when the task returns.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np

from ..base.errors import DslError
from ..base.limits import Limits
from .dependencies import free_names
from .dist import Dist
from .stream_barriers import (BARRIERS, FIRST_CHUNK, UNSTREAMABLE, WITHOUT_LAW,
                              barrier_kind, from_plain, partial, to_plain)
from .stream_summary import DistSummary, bin_edges
from .values import Function, List, Number, Record, String, Value

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


class _Stop(BaseException):
    """A statement reached a barrier whose value is not known yet. A BaseException, so
    that no builtin's ``except Exception`` takes it for a bug of its own."""


class _Pending(Value):
    """What an unknown barrier answers while its statement goes on to find the others
    (``_Barriers``): never a real value, so nothing computed from it is kept."""

    type_name = "a value not known yet"

    def summary(self) -> dict:
        raise _Stop()

    def to_python(self):
        raise _Stop()


PENDING = _Pending()
_SCAN = 1000  # values looked into for a pending one before assuming there is one


def _pending_in(values) -> bool:
    """True when ``values`` hold PENDING (in lists and records too; a very large
    container counts as holding it, to stay safe and quick)."""
    todo, seen = list(values), 0
    while todo:
        v = todo.pop()
        seen += 1
        if v is PENDING or seen > _SCAN:
            return True
        if isinstance(v, List):
            todo.extend(v.items)
        elif isinstance(v, Record):
            todo.extend(v.fields.values())
    return False


class _Barriers:
    """The evaluator's ``barrier`` hook for one chunk.

    A statement that reaches a barrier whose value is not known records its partial and
    goes on with PENDING as the barrier's answer, to find the other barriers it can in
    the same pass (``[prob(b < 1), prob(b < 2), prob(b < 5)]`` takes one pass, not
    three). Any builtin given PENDING answers PENDING without running, unless running it
    could change what later calls see, and then the statement stops: a barrier (its
    occurrence would count), a builtin given a function (it would call the model back),
    and a later call of the same text as a skipped one (the skipped call might have
    drawn from, and so advanced, that text's random stream). A statement that used
    PENDING is never kept; errors while it runs on PENDING only stop it."""

    def __init__(self, known: dict, edges: "_Edges", first: bool = False) -> None:
        self.known = known
        self.first = first  # the first chunk: FIRST_CHUNK builtins run on it
        self.edges = edges
        self.reached: dict = {}
        self.statement = -1
        self.counts: dict = defaultdict(int)
        self.speculating = False
        self.skipped: set = set()  # texts of calls given PENDING

    def enter(self, statement: int) -> None:
        self.statement = statement
        self.counts.clear()
        self.speculating = False
        self.skipped.clear()

    def __call__(self, evaluator, entry, args, span) -> Optional[Value]:
        name = entry.qualified
        if self.speculating:
            text = evaluator.source.text[span.start:span.end]
            if _pending_in(args):
                if (name in BARRIERS or name in UNSTREAMABLE or
                        any(isinstance(a, Function) for a in args)):
                    raise _Stop()
                self.skipped.add(text)
                return PENDING
            if text in self.skipped:
                raise _Stop()
        if name in UNSTREAMABLE or name in WITHOUT_LAW:
            self._refuse(evaluator, name, args, span)
        if name in FIRST_CHUNK and any(isinstance(a, Dist) for a in _leaves(args)):
            return self._first_chunk(evaluator, entry, args, span)
        found = barrier_kind(name, args)
        if found is None:
            return None
        kind, figure, params = found
        key = self._key(evaluator, span)
        if key in self.known:  # an Estimate (mean, prob ...) as in memory, or a Number
            return from_plain(self.known[key])
        samples = args[0].samples
        edges = self.edges.get(key, samples) if kind == "quantile" else None
        self.reached[key] = (kind, figure, params, partial(kind, params, samples, edges))
        self.speculating = True
        return PENDING

    def _key(self, evaluator, span) -> tuple:
        site = (self.statement, evaluator.stream_scope, evaluator.source.name, span.start,
                span.end)
        occurrence = self.counts[site]
        self.counts[site] = occurrence + 1
        return site + (occurrence,)

    def _first_chunk(self, evaluator, entry, args, span) -> Value:
        """A FIRST_CHUNK builtin: its answer on the first chunk, for every chunk. The
        statement waits a pass for it everywhere, so that all chunks take one path."""
        if any(isinstance(a, Record) and isinstance(a.fields.get("method"), String) and
               a.fields["method"].value == "sobol" for a in args):
            raise DslError(f"{entry.qualified} with the sobol method cannot run in a "
                           "streamed run: it re-runs the model on all the samples (in "
                           f"binding '{evaluator.stream_scope}'); run without --stream"
                           ).located(span, evaluator.source)
        key = self._key(evaluator, span)
        if key in self.known:
            return from_plain(self.known[key])
        answer, data = PENDING, None
        if self.first:
            evaluator.barrier = None  # the builtin itself, with nothing intercepted
            try:
                answer = evaluator.call_builtin(entry, args, span)
            finally:
                evaluator.barrier = self
            try:
                data = to_plain(answer)
            except ValueError:
                raise DslError(f"{entry.qualified} cannot run in a streamed run here: "
                               "its answer is not plain numbers, strings, lists and "
                               f"records (in binding '{evaluator.stream_scope}')"
                               ).located(span, evaluator.source) from None
        self.reached[key] = ("first", entry.qualified, (), data)
        self.speculating = True
        return answer

    def _refuse(self, evaluator, name: str, args, span) -> None:
        dists = [a for a in _leaves(args) if isinstance(a, Dist)]
        if not dists or (name in WITHOUT_LAW and all(d.law is not None for d in dists)):
            return
        why = UNSTREAMABLE.get(name) or WITHOUT_LAW[name]
        raise DslError(f"{name} cannot run in a streamed run: it needs {why}, and a "
                       f"streamed run holds one chunk at a time (in binding "
                       f"'{evaluator.stream_scope}'); run without --stream"
                       ).located(span, evaluator.source)


def _leaves(values):
    for v in values:
        if isinstance(v, List):
            yield from _leaves(v.items)
        elif isinstance(v, Record):
            yield from _leaves(v.fields.values())
        else:
            yield v


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


class _Edges:
    """The task's bin edges, and those this chunk makes for keys it has none for."""

    def __init__(self, given: Optional[dict]) -> None:
        self.given = given or {}
        self.made: dict = {}

    def get(self, key, samples: np.ndarray) -> np.ndarray:
        edges = self.given.get(key)
        if edges is None:
            edges = self.made[key] = bin_edges(samples)
        return edges


def dist_summaries(value: Value, statement: int, edges: _Edges, path: tuple = (),
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
    return evaluate_chunk(task)[0]


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
    if task.samples > CHUNK:  # else the one chunk is the whole run, drawn as in memory
        ev.chunk_offset = task.index * task.chunk // CHUNK
    hook = _Barriers(task.barriers, _Edges(task.edges), first=task.index == 0)
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
                raise _Stop()
        except (_Stop, DslError) as e:  # every statement may use it: the whole chunk waits
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
        except _Stop:
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
