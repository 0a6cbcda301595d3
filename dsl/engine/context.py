"""CallContext: what a builtin sees of the evaluator during one call (the
``dsl.engine.registry.Context`` protocol): sample count, seed, its call site's random stream,
calls back into the model, resource checks, and the dependency questions sensitivity
analysis asks."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional, Sequence

import numpy as np

from ..syntax import ast as A
from . import parallel
from .dependencies import free_names
from ..base.source import Span
from .values import Function, Value

if TYPE_CHECKING:
    from .evaluator import Evaluator

__all__ = ["CallContext", "MAX_NESTED_CALLBACKS"]

# A builtin calling a model's function back (List.map ...) nests through C frames, which
# take the thread's stack, not just Python's recursion limit: at most this many such
# calls may be open at once, whatever Limits.max_depth allows (each takes up to ~1 KB of
# C stack: 600 overflowed a 512 KB thread stack through List.every). The default
# max_depth is no higher, so this only bounds models run with a raised max_depth.
MAX_NESTED_CALLBACKS = 400


class CallContext:
    """What a builtin sees of the evaluator during one call (``dsl.engine.registry.Context``)."""

    __slots__ = ("evaluator", "span", "arg_nodes", "arg_values")

    def __init__(self, evaluator: "Evaluator", span: Span,
                 arg_nodes: Optional[Sequence[A.Node]] = None,
                 arg_values: Optional[Sequence[Value]] = None) -> None:
        self.evaluator = evaluator
        self.span = span
        self.arg_nodes = arg_nodes  # the argument expressions, when the call has them
        self.arg_values = arg_values

    @property
    def samples(self) -> int:
        return self.evaluator.samples

    @property
    def seed(self) -> int:
        return self.evaluator.seed

    @property
    def position(self) -> int:
        """The index in the whole run of this call's first sample: 0, but in a chunk of
        a streamed run (``SampleSet.fromFn``'s index i counts from it)."""
        offset = self.evaluator.chunk_offset
        return 0 if offset is None or self.evaluator._masks else offset * parallel.CHUNK

    def rng(self) -> np.random.Generator:
        return self.evaluator.stream(self.span)

    def fill(self, sample: Callable[[np.random.Generator, int], np.ndarray],
             n: Optional[int] = None) -> np.ndarray:
        """``n`` (default: the sample count) i.i.d. draws of ``sample(rng, k)``, drawn in
        parallel chunks when there are many (``dsl.engine.parallel``)."""
        return self.fill_range(lambda rng, start, stop: sample(rng, stop - start), n)

    def fill_range(self, sample: Callable[[np.random.Generator, int, int], np.ndarray],
                   n: Optional[int] = None) -> np.ndarray:
        """``fill`` for draws that depend on their position: ``sample(rng, start, stop)``
        gives the draws for positions start..stop (slicing per-sample parameters)."""
        evaluator = self.evaluator
        if (evaluator.chunk_offset is not None and (n is None or n == self.samples)
                and not evaluator._masks):  # one chunk of a streamed run
            return parallel.fill_chunk(sample, self.samples, evaluator.chunk_offset,
                                       evaluator.seed_sequence(self.span))
        return parallel.fill(sample, self.samples if n is None else n,
                             lambda: self.evaluator.stream(self.span),
                             lambda k: self.evaluator.seed_sequence(self.span).spawn(k))

    def draws(self) -> int:
        """How many random streams the binding being computed has opened so far. A
        callback that opened one is random: a single number it returned stands for its
        own call only (``SampleSet.fromFn({|i| sample(normal(0, 1))})``)."""
        return sum(self.evaluator._occurrences.values())

    def call(self, fn: Function, args: Sequence[Value]) -> Value:
        evaluator = self.evaluator
        if evaluator.callbacks >= MAX_NESTED_CALLBACKS:
            from ..base.errors import LimitError
            raise LimitError(f"too much recursion: more than {MAX_NESTED_CALLBACKS} calls "
                             "nested inside builtins that call functions (List.map, "
                             "List.reduce ...)")
        evaluator.callbacks += 1
        try:
            return evaluator.call(fn, list(args), self.span)
        finally:
            evaluator.callbacks -= 1

    def check_size(self, n: int, what: str) -> None:
        self.evaluator.allocate(n, what)

    def check_items(self, n: int, what: str) -> None:
        self.evaluator.allocate_items(n, what)

    def _arg(self, index: int) -> Optional[A.Node]:
        nodes = self.arg_nodes
        return nodes[index] if nodes is not None and index < len(nodes) else None

    def upstream_inputs(self, index: int) -> list[tuple[str, Value]]:
        """The uncertain inputs (name, value) upstream of argument ``index``: found from
        the top-level names its expression uses, or else from the top-level binding
        whose value it is (``f(y) = sensitivity(y)`` called as ``f(ratio)``)."""
        graph = self.evaluator.graph
        node = self._arg(index)
        target = self.arg_values[index] if self.arg_values is not None else None
        # a binding's own inputs are upstream of it: never the binding itself
        named = [n for n, b in graph.items() if b.value is target and target is not None]
        if isinstance(node, A.Identifier) and node.name in graph:
            named = [node.name]
        if named:
            names = list(graph[named[-1]].depends_on)
        else:
            names = [n for n in free_names(node) if n in graph] if node is not None else []
        return [(n, graph[n].value) for n in self.evaluator.inputs_of(names)]

    def item_labels(self, index: int, count: int) -> list[str]:
        """Labels for the items of a list argument: their names where they are names,
        else their source text."""
        node = self._arg(index)
        if isinstance(node, A.List) and len(node.items) == count:
            return [item.name if isinstance(item, A.Identifier)
                    else self.evaluator.source.text[item.span.start:item.span.end][:40]
                    for item in node.items]
        return [f"#{i + 1}" for i in range(count)]
