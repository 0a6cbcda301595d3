"""The evaluator's hook in one chunk of a streamed run (``Evaluator.barrier``): it
answers the reductions the task knows, records the partials of those it does not
(``dsl.engine.stream_barriers``), runs the first-chunk builtins, refuses what cannot
stream, and carries a statement past an unknown reduction with PENDING.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

import numpy as np

from ..base.errors import DslError
from .dist import Dist
from .stream_barriers import (ALWAYS, BARRIERS, FIRST_CHUNK, UNSTREAMABLE, WITHOUT_LAW,
                              barrier_kind, from_plain, partial, to_plain)
from .stream_summary import bin_edges
from .values import Function, List, Record, String, Value

__all__ = ["Barriers", "Edges", "Stop", "PENDING"]


class Stop(BaseException):
    """A statement reached a barrier whose value is not known yet. A BaseException, so
    that no builtin's ``except Exception`` takes it for a bug of its own."""


class _Pending(Value):
    """What an unknown barrier answers while its statement goes on to find the others
    (``_Barriers``): never a real value, so nothing computed from it is kept."""

    type_name = "a value not known yet"

    def summary(self) -> dict:
        raise Stop()

    def to_python(self):
        raise Stop()


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


class Barriers:
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

    def __init__(self, known: dict, edges: "Edges", first: bool = False) -> None:
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
                    raise Stop()
                self.skipped.add(text)
                return PENDING
            if text in self.skipped:
                raise Stop()
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
        if name not in ALWAYS and (not dists or (
                name in WITHOUT_LAW and all(d.law is not None for d in dists))):
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


class Edges:
    """The task's bin edges, and those this chunk makes for keys it has none for."""

    def __init__(self, given: Optional[dict]) -> None:
        self.given = given or {}
        self.made: dict = {}

    def get(self, key, samples: np.ndarray) -> np.ndarray:
        edges = self.given.get(key)
        if edges is None:
            edges = self.made[key] = bin_edges(samples)
        return edges


