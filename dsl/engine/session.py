"""Session: one evaluation context that the CLI, the REPL and the embedding API all
drive. Bindings persist across ``run`` calls; a failed run changes nothing.

A session is reactive (DESIGN.md section 5): its top-level bindings form a dataflow
graph (``dsl.engine.dataflow``), and redefining one recomputes exactly the bindings that use
it, directly or not, in program order. Random streams are keyed by binding name and call
text, never by position, so the values always equal a fresh run of the session's
current program (``program_text``) with the same seed, sample for sample."""
from __future__ import annotations

import copy
import functools
import threading
import time
from typing import Any, Callable, Mapping, Optional, Sequence

import numpy as np

from ..syntax import ast as A
from ..base import html_hooks
from . import parallel
from .conversion import to_value
from .dataflow import CycleError, Graph, topological
from .dependencies import free_names
from .env import Env
from ..base.errors import (ArgumentError, DslError, HostError, LimitError, NameError_,
                     SessionBusyError)
from .evaluator import Binding, Evaluator
from ..base.limits import Limits
from .modules import ModuleLoader
from ..base.recursion import recursion_room
from .registry import DEFAULT, Registry
from .resolver import resolve
from ..base.source import Source, Span
from ..base.structs import Struct
from .values import Value

__all__ = ["Session", "Result", "Binding"]


class Result(Struct):
    """What one run produced: its top-level bindings in source order and the value of
    its final expression (None when it ends with a binding).

    ``updated``: the session's other bindings the run recomputed because something they
    use changed (a redefined input, a function), in program order; the run's own
    bindings are not in it. ``computed``: every binding the run computed, its own and
    the updated ones, in program order."""

    info: dict[str, Binding]
    result: Optional[Value]
    samples: int
    seed: int
    updated: list = []
    computed: list = []
    # the session's limits and what the run allocated: summary(), to_python() and the
    # notebook view convert every value (seconds for a 1e7-item list), under them too
    limits: Optional[Limits] = None
    allocated: int = 0
    # a streamed run's chunking and note (``dsl.engine.streaming``), else None
    stream: Optional[dict] = None
    # a run to a precision: how it went (``dsl.engine.precision.PrecisionReport``)
    precision: Optional[Any] = None
    _hidden = frozenset({"limits", "allocated"})

    @property
    def bindings(self) -> dict[str, Value]:
        """Name -> value for every top-level binding of the run."""
        return {name: b.value for name, b in self.info.items()}

    def summary(self) -> dict:
        """The JSON object of DESIGN.md section 2 (hidden bindings left out), made under
        the session's limits (``_metered``)."""
        with self._metered():
            return self._summary()

    def _summary(self) -> dict:
        shown = [(name, b.value) for name, b in self.info.items() if not b.hidden]
        if self.result is not None:
            shown.append(("", self.result))
        from ..base.meter import reserve_summary  # here: the pool's threads know no run
        try:
            reserve_summary(sum(v.size for _, v in shown), "the summary of the run's values")
        except DslError as e:  # at the largest binding (every DslError has a position)
            largest = max((b for b in self.info.values() if not b.hidden),
                          key=lambda b: b.value.size, default=None)
            if e.span is None and largest is not None:
                e.span = largest.span
            raise
        summaries = parallel.map_items(self._clocked(lambda item: item[1].summary()), shown,
                                       self.samples * len(shown))
        result = summaries.pop() if self.result is not None else None
        for (name, _), s in zip(shown, summaries):  # `x :: m = ...`: "unit": "m"
            if name and self.info[name].unit:
                s["unit"] = self.info[name].unit
        out = {"samples": self.samples, "seed": self.seed,
               "bindings": {name: s for (name, _), s in zip(shown, summaries)},
               "result": result}
        if self.stream is not None:  # a streamed run: how, and what its figures are
            out["stream"] = dict(self.stream)
        return out

    def to_python(self) -> dict:
        """Bindings as plain Python (numbers, lists, dicts, sample arrays), made under
        the session's limits (``_metered``)."""
        with self._metered():
            convert = self._clocked(lambda item: item[1].to_python())
            return {name: convert((name, b.value)) for name, b in self.info.items()}

    def to_pandas(self):
        """A pandas DataFrame of the samples: one column per distribution-valued binding
        (hidden ones left out), one row per sample (``pip install "sqdsl[pandas]"``)."""
        from .frames import samples_frame
        return samples_frame(self)

    def summary_frame(self):
        """A pandas DataFrame with one row per binding, indexed by name: label, doc,
        type, mean, stdev, p5, p25, p50, p75, p95 (``pip install "sqdsl[pandas]"``)."""
        from .frames import summary_frame
        with self._metered():
            return summary_frame(self)

    def _metered(self):
        """A clock and budget for converting the run's values: the session's time limit
        from now, and its memory budget less what the run allocated (the values are
        still alive). A LimitError, not an unbounded wait, when that is not enough."""
        from ..base.meter import Meter
        limits = self.limits or Limits()
        m = Meter(limits.time_limit, limits.budget)
        m.start()
        m.allocated = self.allocated
        return m

    def _clocked(self, fn: Callable[[tuple], Any]) -> Callable[[tuple], Any]:
        """``fn((name, value))`` under the meter of the calling thread, also from the
        pool's threads (which have none of their own), with a DslError that has no
        position placed at the binding ``name``."""
        from ..base.meter import current, installed
        owner = current()

        def clocked(item: tuple) -> Any:
            try:
                with installed(owner):
                    return fn(item)
            except DslError as e:
                binding = self.info.get(item[0])
                if e.span is None and binding is not None:
                    e.span = binding.span
                raise
        return clocked

    def _repr_html_(self) -> str:
        """A notebook's view of a run: each visible binding drawn (by the front end:
        ``dsl.base.html_hooks``) under the run's limits."""
        with self._metered():
            return html_hooks.draw("run", self, self._clocked)



def _exclusive(method):
    """Run ``method`` holding the session's lock, or fail at once if another thread holds
    it: a Session's evaluator, random streams and bindings are not shared between
    threads, and two runs interleaved would silently mix their samples. Re-entrant, so
    ``evaluate`` may call ``run`` and a host function may use its own session."""
    @functools.wraps(method)
    def exclusive(self, *args, **kwargs):
        if not self._busy.acquire(blocking=False):
            raise SessionBusyError("this Session is already running in another thread; "
                                   "use one Session per thread")
        try:
            return method(self, *args, **kwargs)
        finally:
            self._busy.release()
    return exclusive


def _parser(cached: bool) -> Callable[[str, str], Any]:
    """The parse function: from the on-disk cache, or lark's parser, imported when first
    used (a program loaded from the cache never imports lark)."""
    if cached:
        from ..syntax.parse_cache import parse_cached
        return parse_cached

    def parse(text: str, name: str = "<input>"):
        from ..syntax.parser import parse as lark_parse
        return lark_parse(text, name)
    return parse


class Session:
    """An evaluation context with a sample count, a seed and limits.

    >>> s = Session(samples=1000, seed=1)
    >>> _ = s.run("x = 2")
    >>> float(s.evaluate("x * 3"))
    6.0
    """

    def __init__(self, samples: int = 100_000, seed: int = 0, *,
                 limits: Optional[Limits] = None,
                 registry: Optional[Registry] = None,
                 parse_cache: bool = False) -> None:
        """``parse_cache``: keep parsed files on disk and reuse them (``dsl.syntax.parse_cache``;
        what ``sq run`` does), for programs run more than once."""
        import stdlib  # noqa: F401  (registers the builtins)
        if limits is not None and not isinstance(limits, Limits):
            raise ArgumentError(f"limits must be a dsl.Limits, got {type(limits).__name__} "
                                "(write limits=dsl.Limits(time_limit=...))")
        self.limits = limits or Limits()
        if not isinstance(samples, int) or isinstance(samples, bool) or samples < 1:
            raise ArgumentError(f"the sample count must be a positive whole number, "
                                f"got {samples!r}")
        if samples > self.limits.max_samples:
            raise ArgumentError(f"{samples:,} samples is more than the limit of "
                                f"{self.limits.max_samples:,}")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ArgumentError(f"the seed must be a whole number, got {seed!r}")
        self.samples = samples
        self.seed = seed
        self.registry = registry or Registry(parent=DEFAULT)
        self.parse = _parser(parse_cache)
        self.loader = ModuleLoader(self.registry, self.parse)
        self.loader.max_bytes = getattr(self.limits, "max_source_bytes", None)
        self.evaluator = Evaluator(self.registry, samples, seed, self.limits, self.loader)
        self.env = Env()
        self.bindings: dict[str, Binding] = {}
        self._nodes: list[_Node] = []  # the current program, in order
        self._final: Optional[_Node] = None  # its final expression (``replace``)
        self._keys = 0  # the last node key handed out
        self._busy = threading.RLock()  # see _exclusive

    @_exclusive
    def parse_and_check(self, text: str, filename: str = "<input>"):
        """Parse ``text`` and resolve its names against this session (``sq check``)."""
        from ..base.meter import current
        if current() is None:  # on its own (not in ``run``): under the time limit too
            with self.evaluator.meter:
                self.evaluator.start()
                return self.parse_and_check(text, filename)
        source = Source(filename, text)
        self._check_source(source)
        program = self.parse(text, filename)
        resolve(program, self.registry, self.env.names(), source)
        return program, source

    @_exclusive
    def run(self, text: str, filename: str = "<input>",
            inputs: Optional[Mapping[str, Any]] = None,
            progress: Optional[Callable[[Optional[str]], None]] = None) -> Result:
        """Evaluate a program; its bindings join the session's. A binding of a name the
        session already has replaces it in place (unless it is made from the old value,
        as in ``x = x + 1``: that is a new binding after the old one, as in a file), and
        everything that uses it is recomputed (``Result.updated``). ``progress``, if
        given, is called with each binding's name before it is computed (None for the
        final expression), for a progress indicator. On any error the session is left
        exactly as it was."""
        with recursion_room(self.evaluator.python_depth), self.evaluator.meter:
            self.evaluator.start()  # the time limit and memory budget cover the parse
            program, source = self.parse_and_check(text, filename)
            overrides = self._inputs(program, inputs or {})
            nodes, mine = self._entry_nodes(program, source, overrides)
            dirty = Graph([n.key for n in nodes],
                          {n.key: n.parents.values() for n in nodes}).affected(mine)
            try:
                nodes, computed, result = self._compute(nodes, set(dirty), program.result,
                                                        source, progress)
            except RecursionError:
                raise LimitError("the model is nested too deeply to evaluate") from None
        by_key = {n.key: n for n in nodes}
        info = {}
        for key in mine:
            node = by_key[key]
            if node.let is not None:
                info[node.name] = node.binding
        self._commit(nodes, None)
        own = set(mine)
        updated = [by_key[k].name for k in computed if k not in own]
        return Result(info, result, self.samples, self.seed, updated=updated,
                      computed=[by_key[k].name for k in computed], limits=self.limits,
                      allocated=self.evaluator.meter.allocated)

    @_exclusive
    def replace(self, text: str, filename: str = "<input>",
                progress: Optional[Callable[[Optional[str]], None]] = None) -> Result:
        """Make ``text`` the session's whole program (a file saved again, an edited
        program): bindings it no longer has are dropped, and only the bindings whose own
        text changed (an import: when a file it reads changed), and what uses them, are
        recomputed; the rest keep their values. ``Result.info`` has every binding of the
        program, ``Result.computed`` those recomputed, ``Result.updated`` those
        recomputed only because something they use changed. On any error the session is
        left exactly as it was."""
        with recursion_room(self.evaluator.python_depth), self.evaluator.meter:
            self.evaluator.start()
            source = Source(filename, text)
            self._check_source(source)
            program = self.parse(text, filename)
            resolve(program, self.registry, (), source)
            nodes, changed, final = self._file_nodes(program, source)
            graph = Graph([n.key for n in nodes], {n.key: n.parents.values() for n in nodes})
            dirty = set(graph.affected(changed))
            if final is not None and (final.key in changed or dirty & set(final.parents.values())):
                result_expr = program.result
            else:
                result_expr = None
            try:
                nodes, computed, result = self._compute(nodes, dirty, result_expr, source,
                                                        progress)
            except RecursionError:
                raise LimitError("the model is nested too deeply to evaluate") from None
        if final is not None:
            final = copy.copy(final)
            if result_expr is not None:
                final.value = result
            result = final.value
        self._commit(nodes, final)
        by_key = {n.key: n for n in nodes}
        info = {n.name: n.binding for n in nodes if n.let is not None}
        edited = set(changed)
        return Result(info, result, self.samples, self.seed,
                      updated=[by_key[k].name for k in computed if k not in edited],
                      computed=[by_key[k].name for k in computed], limits=self.limits,
                      allocated=self.evaluator.meter.allocated)

    def program_text(self) -> str:
        """The session's current program: its imports and bindings, each as it was
        written, in program order (a fresh run of it gives the session's values)."""
        parts = []
        for node in self._nodes:
            if node.imp is not None:
                parts.append(f"import {_quote(node.imp.path)} as {node.name}")
            else:
                parts.append(node.source.text[node.let.span.start:node.let.span.end])
        if self._final is not None:
            parts.append(self._final.text)
        return "\n".join(parts) + ("\n" if parts else "")

    def files(self) -> list[str]:
        """The real paths of the files the session's imports have read (for a watcher)."""
        return list(self.loader.files)

    # ---- the dataflow of the session's program ----

    def _key(self) -> int:
        self._keys += 1
        return self._keys

    def _entry_nodes(self, program: A.Program, source: Source,
                     overrides: dict) -> tuple[list["_Node"], list[int]]:
        """The session's program with a ``run`` entry applied, and the entry's nodes."""
        nodes = list(self._nodes)
        where = {n.key: i for i, n in enumerate(nodes)}
        visible = {n.name: n.key for n in nodes}
        mine: list[int] = []
        own: set[int] = set(mine)  # the same keys, for membership in constant time
        for imp in program.imports:
            node = _Node(self._key(), imp.alias, None, imp, source, {}, "")
            old = visible.get(imp.alias)
            if old is not None and old not in own:
                node.key = old
                nodes[where[old]] = node
            else:
                nodes.append(node)
            visible[imp.alias] = node.key
            mine.append(node.key)
            own.add(node.key)
        for let in program.statements:
            free = _free(let)
            parents = {n: visible[n] for n in free if n in visible}
            node = _Node(self._key(), let.name, let, None, source, parents,
                         source.text[let.span.start:let.span.end],
                         override=overrides.get(let.name))
            old = visible.get(let.name)
            if old is not None and old not in own and let.name not in free:
                node.key = old  # a redefinition: in place, what uses it follows
                nodes[where[old]] = node
            else:
                where[node.key] = len(nodes)
                nodes.append(node)
            visible[let.name] = node.key
            mine.append(node.key)
            own.add(node.key)
        by_key = {n.key: n for n in nodes}
        try:
            order = topological([n.key for n in nodes],
                                {n.key: n.parents.values() for n in nodes})
        except CycleError as e:
            names = [by_key[k].name for k in e.cycle]
            blame = next((by_key[k] for k in e.cycle if k in own), by_key[e.cycle[0]])
            chain = ", which uses ".join(names[1:])
            raise NameError_(f"{names[0]} would use {chain}. Bindings "
                             "that use each other in a circle have no value; give the new "
                             "one another name").located(
                (blame.let or blame.imp).span, source) from None
        return [by_key[k] for k in order], mine

    def _file_nodes(self, program: A.Program, source: Source):
        """The nodes of ``program`` as a whole new program, matched with the session's
        (the k-th binding of a name with the old k-th one): the nodes, the keys of those
        that are new or whose own text changed, and the final expression's node."""
        old: dict[tuple, _Node] = {}
        seen: dict[tuple, int] = {}

        def match(kind: str, name: str) -> tuple:
            k = seen.get((kind, name), 0)
            seen[(kind, name)] = k + 1
            return (kind, name, k)
        for n in self._nodes:
            old[match("import" if n.imp is not None else "let", n.name)] = n
        seen.clear()
        nodes, changed, visible = [], [], {}
        fingerprints = False
        for imp in program.imports:
            prior = old.get(match("import", imp.alias))
            node = _Node(prior.key if prior else self._key(), imp.alias, None, imp, source,
                         {}, self._fingerprint(imp, source))
            if prior is None or prior.text != node.text:
                changed.append(node.key)
                fingerprints = fingerprints or prior is not None
            else:
                node.value = prior.value
            nodes.append(node)
            visible[imp.alias] = node.key
        if fingerprints:  # a file an import reads changed: read every file again
            self.loader.cache.clear()
        for let in program.statements:
            prior = old.get(match("let", let.name))
            parents = {n: visible[n] for n in _free(let) if n in visible}
            node = _Node(prior.key if prior else self._key(), let.name, let, None, source,
                         parents, source.text[let.span.start:let.span.end])
            if prior is None or prior.text != node.text or prior.parents != parents:
                changed.append(node.key)
            else:  # kept, where it now is (its span, for messages and the report)
                node.value, node.binding = prior.value, copy.copy(prior.binding)
                node.binding.span = let.span
            nodes.append(node)
            visible[let.name] = node.key
        final = None
        if program.result is not None:
            span = program.result.span
            final = _Node(0, "", None, None, source,
                          {n: visible[n] for n in free_names(program.result) if n in visible},
                          source.text[span.start:span.end])
            prior = self._final
            if prior is None or prior.text != final.text or prior.parents != final.parents:
                changed.append(0)
            else:
                final.value = prior.value
        return nodes, changed, final

    def _fingerprint(self, imp: A.Import, source: Source) -> str:
        """An import's own text: its statement and the texts of the files it reads now,
        so that it counts as changed when one of them does."""
        text = f"import {imp.path!r} as {imp.alias}"
        try:
            full = self.loader.resolve_path(imp, source)
        except DslError:
            return text
        for path in self.loader.closure(full):
            try:
                with open(path, "rb") as f:
                    text += "\0" + path + "\0" + f.read().decode("utf-8", "replace")
            except OSError:
                text += "\0" + path + "\0<unreadable>"
        return text

    def _compute(self, nodes: list["_Node"], dirty: set, result_expr: Optional[A.Node],
                 source: Source, progress) -> tuple[list["_Node"], list[int], Optional[Value]]:
        """Recompute the ``dirty`` nodes in program order (copies: the session's own
        nodes are untouched until ``_commit``), then ``result_expr`` if given. Returns the
        nodes, the keys computed and the expression's value."""
        ev = self.evaluator
        meter = ev.meter
        saved_graph = ev.graph
        ev.graph = graph = {}  # as a fresh run sees it: the bindings before this one
        values: dict[int, Value] = {}
        computed: list[int] = []
        out: list[_Node] = []
        imports = {n.key for n in nodes if n.imp is not None}
        try:
            for node in nodes:
                if node.key in dirty:
                    span = (node.let or node.imp).span
                    if meter.deadline is not None and time.monotonic() > meter.deadline:
                        raise meter.late().located(span, node.source)
                    node = copy.copy(node)
                    if node.imp is not None:
                        node.value = self.loader.load(node.imp, node.source, ev)
                        node.text = self._fingerprint(node.imp, node.source)
                    else:
                        if progress is not None:
                            progress(node.name)
                        self._compute_let(node, values, imports)
                    computed.append(node.key)
                values[node.key] = node.value
                if node.let is not None:
                    graph[node.name] = node.binding
                out.append(node)
            result = None
            if result_expr is not None:
                if progress is not None:
                    progress(None)
                visible = {n.name: n.value for n in out}
                ev.source = source
                ev.enter_scope("<result>")
                result = ev.eval(result_expr, Env(visible))
        except BaseException:
            ev.graph = saved_graph
            raise
        return out, computed, result

    def _compute_let(self, node: "_Node", values: dict, imports: set) -> None:
        ev = self.evaluator
        let = node.let
        env = Env({name: values[key] for name, key in node.parents.items()})
        ev.source = node.source
        ev.enter_scope(let.name)
        value = node.override if node.override is not None else ev.eval(let.value, env)
        binding = ev._binding(let, value, env)  # the value with its decorators' tags
        binding.depends_on = frozenset(n for n, k in node.parents.items() if k not in imports)
        if node.override is not None:  # given, not computed: an input of its own, which
            binding.origin = None      # a sensitivity re-run keeps as it is
            binding.depends_on = frozenset()
        node.value, node.binding = binding.value, binding

    def _commit(self, nodes: list["_Node"], final: Optional["_Node"]) -> None:
        """Make ``nodes`` the session's program and its bindings, names and graph."""
        self._nodes = nodes
        self._final = final
        self.env = Env({n.name: n.value for n in nodes})
        self.bindings = {n.name: n.binding for n in nodes if n.let is not None}
        self.evaluator.graph = dict(self.bindings)

    def _check_source(self, source: Source) -> None:
        """Refuse, before parsing, a program longer than ``Limits.source_limit``: the
        parse of that much cannot take more than the memory budget. The error points at
        the character where the program crosses the limit."""
        limit, text = self.limits.source_limit, source.text
        if len(text) * 4 > limit:  # else it fits whatever its characters
            raw = text.encode("utf-8", "surrogatepass")
            if len(raw) > limit:
                head = raw[:limit].decode("utf-8", "ignore")
                line_start = head.rfind("\n") + 1
                at = Span.point(head.count("\n") + 1, len(head) - line_start + 1, len(head))
                raise LimitError(f"the program is {len(raw):,} bytes long, more than the "
                                 f"limit of {limit:,} bytes (Limits.max_source_bytes, and "
                                 "what parsing may take of the memory budget)", at, source)

    def _inputs(self, program, inputs: Mapping[str, Any]) -> dict[str, Value]:
        """Check and convert ``inputs=`` overrides of top-level bindings."""
        names = [let.name for let in program.statements]
        converted = {}
        if not isinstance(inputs, Mapping):
            raise ArgumentError(f"inputs: give a dict of binding names to values, not a "
                                f"{type(inputs).__name__}")
        for name, given in inputs.items():
            if not isinstance(name, str):
                raise ArgumentError(f"inputs: binding names must be strings, got one of "
                                    f"type {type(name).__name__}")
            if name not in names:
                from ..base.errors import closest
                guess = closest(name, names)
                hint = f"; did you mean {guess}?" if guess else ""
                raise ArgumentError(f"inputs: the model has no top-level binding "
                                    f"'{name}'{hint}")
            converted[name] = self.to_value(given, f"inputs[{name!r}]")
        return converted

    def to_value(self, given: Any, what: str = "value") -> Value:
        """A Python number, bool, string of source, numpy array of ``samples`` samples,
        list, dict or Value as a model value. Anything else, NaN, a number past the
        float range, an array of another shape, a dict key that is not a string or a
        nesting deeper than ``Limits.max_nesting`` is an ArgumentError naming ``what``."""
        if isinstance(given, Value):
            return given
        if isinstance(given, str):
            return Session(self.samples, self.seed, limits=self.limits,
                           registry=self.registry).evaluate(given, f"<{what}>")
        given = self._checked_input(given, what)
        try:
            return to_value(given)
        except TypeError:
            raise ArgumentError(f"{what}: cannot use a {type(given).__name__} "
                                "as a model value") from None

    def _checked_input(self, given: Any, what: str) -> Any:
        """``given`` with every part checked (without recursion, so any depth is safe)
        and numbers and arrays made float64; lists, tuples and dicts rebuilt."""
        max_depth = getattr(self.limits, "max_nesting", 300)
        root: list = [None]
        todo = [(given, root, 0, what, 1)]  # (value, parent, slot, its name, depth)
        while todo:
            value, parent, slot, name, depth = todo.pop()
            if isinstance(value, (list, tuple, dict)):
                if depth > max_depth:
                    raise ArgumentError(f"{what}: nested more than {max_depth} deep")
                if isinstance(value, dict):
                    keys = list(value)
                    bad = next((k for k in keys if not isinstance(k, str)), None)
                    if bad is not None:
                        raise ArgumentError(f"{name}: record keys must be strings, got one "
                                            f"of type {type(bad).__name__}")
                    made: Any = dict.fromkeys(keys)
                    todo.extend((value[k], made, k, f"{name}[{k!r}]", depth + 1)
                                for k in keys)
                else:
                    made = [None] * len(value)
                    todo.extend((v, made, i, f"{name}[{i}]", depth + 1)
                                for i, v in enumerate(value))
                parent[slot] = made
            else:
                parent[slot] = self._checked_leaf(value, name)
        return root[0]

    def _checked_leaf(self, value: Any, what: str) -> Any:
        """A number, bool, string, Value or sample array from a host, checked."""
        import math
        import numbers
        from .dist import Dist
        if isinstance(value, (Value, str, bool, np.bool_)):
            return value
        if type(value).__module__.startswith("pandas"):  # a Series (a DataFrame's
            value = _from_pandas(value, what)           # column): its values
        if isinstance(value, np.ndarray):
            if value.ndim == 0:
                return self._checked_leaf(value.item(), what)
            if value.ndim != 1 or value.shape[0] != self.samples:
                raise ArgumentError(f"{what}: an array must have one entry per sample, shape "
                                    f"({self.samples},), got shape {value.shape}")
            if value.dtype.kind not in "biuf":
                raise ArgumentError(f"{what}: an array of samples must hold real numbers, "
                                    f"not {value.dtype}")
            samples = np.array(value, dtype=np.float64)
            if np.isnan(samples).any():
                raise ArgumentError(f"{what}: the array holds NaN (sample "
                                    f"{int(np.argmax(np.isnan(samples)))})")
            return Dist.from_samples(samples)
        if isinstance(value, numbers.Real):
            try:
                number = float(value)
            except (OverflowError, ValueError):
                raise ArgumentError(f"{what}: the number is too large (beyond 1.8e308)"
                                    ) from None
            if math.isnan(number):
                raise ArgumentError(f"{what} is NaN, not a number a model can use")
            return number
        raise ArgumentError(f"{what}: cannot use a value of type {type(value).__name__} as "
                            "a model value")

    @_exclusive
    def register(self, fn: Callable, *, name: Optional[str] = None,
                 namespace: Optional[str] = None, aliases: Sequence[str] = (),
                 examples: Sequence = ()) -> None:
        """Make the Python function ``fn`` callable from this session's models as
        ``name`` (default: its own name), or ``namespace.name``. Parameters annotated
        with ``dsl.engine.types`` (or float, int, str, bool, numpy.ndarray) are checked and
        converted; unannotated ones receive floats for numbers, numpy sample arrays for
        distributions and plain Python for the rest. It may return a number, bool, str,
        list, dict, a Value, or an array of ``samples`` samples (a distribution). Its
        docstring is its documentation (``:help``)."""
        import re
        from ..base.meter import check_time
        from .registry import builtin
        from .types import Plain
        if not callable(fn):
            raise ArgumentError(f"register: {type(fn).__name__} is not a function")
        name = name or getattr(fn, "__name__", None)
        if not isinstance(name, str) or not re.fullmatch(r"[a-z_][A-Za-z0-9_]*", name):
            raise ArgumentError(f"register: {name!r} is not a valid function name (a letter "
                                "a-z or _ first, then letters, digits and _)")
        if namespace is not None and not (isinstance(namespace, str) and
                                          re.fullmatch(r"[A-Z][A-Za-z0-9_]*", namespace)):
            raise ArgumentError(f"register: {namespace!r} is not a valid namespace (a "
                                "capital letter first)")
        samples = self.samples

        @functools.wraps(fn)
        def checked(*args):
            try:
                result = fn(*args)
            except DslError:
                raise
            except Exception as e:  # the host's function failed: the model sees that it
                # did, the host finds why in __cause__ (its text may hold the host's secrets)
                raise HostError(f"{name} failed") from e
            check_time()  # a slow host function: the run ends at its time limit after it
            if isinstance(result, np.ndarray) and result.ndim == 1 and \
                    result.dtype.kind not in "biuf":
                raise HostError(f"{name} returned an array of {result.dtype}, not numbers")
            if isinstance(result, np.ndarray) and result.ndim == 1 and \
                    result.shape[0] != samples:
                raise ArgumentError(f"{name} returned an array of {result.shape[0]} values; "
                                    f"a distribution needs exactly {samples} samples")
            longest = self.limits.max_list_length
            if isinstance(result, (list, tuple, dict)) and len(result) > longest:
                raise LimitError(f"{name} returned {len(result):,} items, more than the "
                                 f"limit of {longest:,}")  # before converting them (33 s)
            try:  # converted here: a result the language cannot hold is the host's fault
                return to_value(result)
            except (TypeError, OverflowError, ValueError) as e:  # 10**400, objects
                raise HostError(f"{name} returned a value a model cannot use ({e})") from e

        if isinstance(aliases, str):
            aliases = (aliases,)
        bad = [a for a in aliases if not isinstance(a, str) or not re.fullmatch(
            r"([A-Z][A-Za-z0-9_]*\.)?[a-z_][A-Za-z0-9_]*", a)] \
            if isinstance(aliases, (list, tuple)) else [aliases]
        if bad:
            bad = bad[0]
            raise ArgumentError(f"register: {bad!r} is not a valid alias (a list of names "
                                "like 'name' or 'Namespace.name')")
        qualified = f"{namespace}.{name}" if namespace else name
        try:  # what the declaration reads: annotations, examples
            builtin(qualified, aliases=aliases, examples=examples, registry=self.registry,
                    untyped=Plain)(checked)
        except (TypeError, ValueError, NameError, AttributeError) as e:
            raise ArgumentError(f"register: cannot declare {qualified} ({e})") from e

    @_exclusive
    def sensitivity(self, name: str, sobol: bool = False, groups: Optional[dict] = None,
                    by_binding: bool = False) -> list[dict]:
        """What ``sensitivity(name)`` returns, as plain records (a measure not shown is
        None): which sources of uncertainty drive the top-level binding ``name``, most
        important first; ``sobol``: with Sobol indices by pick-freeze re-runs;
        ``groups`` (group -> input names) and ``by_binding`` as the builtin's options."""
        from stdlib.sensitivity import binding_sensitivity

        from .dist import Dist
        binding = self.evaluator.graph.get(name)
        if binding is None:
            from ..base.errors import closest
            guess = closest(name, list(self.evaluator.graph))
            hint = f"; did you mean {guess}?" if guess else ""
            raise ArgumentError(f"sensitivity: no top-level binding named '{name}'{hint}")
        if not isinstance(binding.value, Dist):
            raise ArgumentError(f"sensitivity: '{name}' is a {binding.value.type_name}, "
                                "not a distribution")
        # seconds of sorting at 1e7 samples: under the session's time limit, from now
        from ..base.meter import Meter
        clock = Meter(self.limits.time_limit, self.limits.budget)
        clock.start()
        try:
            with clock:
                return binding_sensitivity(self.evaluator, name, sobol, groups, by_binding)
        except DslError as e:
            if e.span is None:
                e.span = binding.span
            raise

    @_exclusive
    def evaluate(self, text: str, filename: str = "<eval>") -> Value:
        """The value of an expression (bindings before it are allowed)."""
        result = self.run(text, filename)
        if result.result is None:
            raise ArgumentError("expected an expression to evaluate, but the text only "
                                "defines bindings")
        return result.result


class _Node:
    """One import or binding of the session's program: what it uses (name -> node key),
    its own text (what ``replace`` compares) and its value."""

    __slots__ = ("key", "name", "let", "imp", "source", "parents", "text", "value",
                 "binding", "override")

    def __init__(self, key: int, name: str, let: Optional[A.Let], imp: Optional[A.Import],
                 source: Source, parents: dict, text: str, value: Optional[Value] = None,
                 binding: Optional[Binding] = None, override: Optional[Value] = None):
        self.key, self.name, self.let, self.imp, self.source = key, name, let, imp, source
        self.parents, self.text, self.value = parents, text, value
        self.binding, self.override = binding, override


def _free(let: A.Let) -> set[str]:
    """The names a binding's expression and decorators use."""
    names = free_names(let.value)
    for dec in let.decorators:
        for arg in dec.args:
            names |= free_names(arg)
    return names


def _from_pandas(value: Any, what: str) -> Any:
    """A pandas Series as a numpy array (a Series of one value: that value); anything
    else from pandas (a DataFrame) is an ArgumentError. pandas is not imported: a
    Series is known by its ``to_numpy`` and ``ndim``."""
    if getattr(value, "ndim", None) != 1 or not hasattr(value, "to_numpy"):
        raise ArgumentError(f"{what}: give one column of the {type(value).__name__} "
                            "(df['x']), a Series of one entry per sample")
    array = value.to_numpy()
    return array[0] if array.shape == (1,) else array


def _quote(path: str) -> str:
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'
