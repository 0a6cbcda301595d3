"""AST -> values. One ``eval_<node>`` method per syntax class, run once per program
(never once per sample: builtins work on whole sample arrays).

Errors raised by builtins carry no position; the evaluator attaches the span of the
call, and each user-function frame an error passes through adds a line to its stack.
"""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Callable, Optional, Sequence

import numpy as np

from ..syntax import ast as A
from .call_sites import Resample, Site, SiteLog
from .call_sites import entropy as site_entropy
from .context import CallContext
from .dependencies import free_names, inputs
from .dist import Dist
from .env import Env
from ..base.errors import (ArgumentError, DomainError, DslError, IndexError_, internal_error,
                     LimitError, NameError_, TypeError_)
from .functions import Lambda
from ..base.limits import Limits
from ..base.meter import FIELD_BYTES, LIST_ITEM_BYTES, OBJECT_BYTES, Meter, str_bytes
from .lookup_errors import (missing_key, namespace_alone, no_fields, undefined_name,
                            unknown_member)
from .registry import Builtin, BuiltinFunction, Registry
from ..base.source import Source, Span
from ..base.structs import Struct
from .tags import Tags, with_tags
from .time_values import Date, DateDomain
from .types import describe_value
from .values import FALSE, TRUE, Bool, Domain, List, Number, Record, String, Value

__all__ = ["Evaluator", "Binding", "OPERATORS", "UNARY_OPERATORS"]

# Each operator is the builtin of the same name (Squiggle's names), so `add(1, 2)` works.
OPERATORS = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "^": "pow",
             "==": "equal", "!=": "unequal", "<": "smaller", "<=": "smallerEq",
             ">": "larger", ">=": "largerEq", "to": "to", "&&": "and", "||": "or",
             **A.POINTWISE}  # `.+` is Dist.dotAdd, as in Squiggle
UNARY_OPERATORS = {"-": "unaryMinus", "!": "not"}

# Python frames one level of user-function call can take (eval -> eval_call -> call ->
# call_lambda -> eval of the body, plus the conditionals, blocks and operators around a
# recursive call): Python's recursion limit is raised so that max_depth levels fit.
_FRAMES_PER_CALL = 16


class Binding(Struct):
    """A top-level binding as a run reports it."""
    name: str
    value: Value
    span: Span
    exported: bool = False
    depends_on: frozenset = frozenset()  # the top-level names its expression uses
    unit: Optional[str] = None  # `x :: m = ...`: "m", shown with the value
    # what re-running it needs (pick-freeze sensitivity, ``dsl.engine.pick_freeze``): its Let node,
    # the environment it was computed in and its source
    origin: Optional[tuple] = None
    _hidden = frozenset({"origin"})

    # what its decorators said, read from the value's tags (``dsl.engine.tags``), so that
    # `x = 1 -> Tag.name("X")` labels a binding as `@name("X") x = 1` does
    @property
    def label(self) -> Optional[str]:
        """``@name("...")``."""
        return self.value.tags.name

    @property
    def doc(self) -> Optional[str]:
        """``@doc("...")``."""
        return self.value.tags.doc

    @property
    def hidden(self) -> bool:
        """``@hide``."""
        return self.value.tags.hidden


class Evaluator:
    """Evaluates programs against an environment. One per session; not thread-safe
    (each Session has its own)."""

    def __init__(self, registry: Registry, samples: int, seed: int,
                 limits: Limits, loader=None) -> None:
        self.registry = registry
        self.samples = samples
        self.seed = seed
        self.limits = limits
        self.loader = loader
        self.source: Source = Source("<input>", "")
        self.depth = 0
        self.callbacks = 0  # builtins' calls of the model's functions open now (context)
        # the run's clock and memory budget, installed for its thread while it runs
        # (``dsl.base.meter``: the parser, conversions and long builtin loops read it too)
        self.meter = Meter(limits.time_limit, limits.budget)
        self.stream_scope = "<result>"
        self._occurrences: dict[tuple[str, str], int] = defaultdict(int)
        # which random call drew which samples (sensitivity analysis), and the streams a
        # re-run replaces (``dsl.engine.call_sites``)
        self.sites = SiteLog()
        self.resample: Optional[Resample] = None
        # the session's top-level bindings by name, for dependency questions
        self.graph: dict[str, Binding] = {}
        self._operators: dict[str, Builtin] = {}  # looked up on first use
        # `if` branches being computed on only the samples that take them (``_masked``),
        # outermost first, with the cut distributions made so far
        self._masks: list[tuple[np.ndarray, dict[int, Dist]]] = []
        # a streamed run's chunk (``dsl.engine.streaming``): the index of this chunk's
        # first CHUNK-sized piece of the whole run's random streams (None: a whole run),
        # and the hook that answers (or stops at) a reduction of a distribution
        self.chunk_offset: Optional[int] = None
        self.barrier: Optional[Callable] = None

    def _operator(self, symbol: str, unary: bool = False) -> Builtin:
        """The builtin behind an operator symbol."""
        key = "unary " + symbol if unary else symbol
        entry = self._operators.get(key)
        if entry is None:
            name = (UNARY_OPERATORS if unary else OPERATORS)[symbol]
            entry = self.registry.get(name)
            if not isinstance(entry, Builtin):  # a pointwise operator before Dist has it
                raise NameError_(f"the operator '{symbol}' calls {name}, which is not "
                                 "defined")
            assert isinstance(entry, Builtin), f"operator builtin {name} is not registered"
            self._operators[key] = entry
        return entry

    # ---- running programs ----

    def start(self) -> None:
        """Begin a run: start the clock for the time limit and the allocation count."""
        self.meter.start()

    @property
    def deadline(self) -> Optional[float]:
        return self.meter.deadline

    @property
    def allocated(self) -> int:
        """Bytes the run has allocated so far."""
        return self.meter.allocated

    @property
    def python_depth(self) -> int:
        """Python's recursion limit a run needs so that ``max_depth`` nested calls (and
        deep expressions) hit the model's limit, not Python's (``dsl.base.recursion``)."""
        return self.limits.max_depth * _FRAMES_PER_CALL + 1_000

    def run_statements(self, program: A.Program, env: Env, source: Source,
                       scope_prefix: str = "", overrides: Optional[dict] = None,
                       progress: Optional[Callable[[Optional[str]], None]] = None,
                       ) -> tuple[Env, list[Binding], Optional[Value]]:
        """Evaluate a program's imports, bindings and final expression in ``env``;
        ``overrides`` replace the named bindings' values (``inputs=``); ``progress``
        is told each binding's name before it is computed (None for the final
        expression)."""
        overrides = overrides or {}
        self.source = source
        bindings = []
        for imp in program.imports:
            value = self.loader.load(imp, source, self)
            env = env.define(imp.alias, value)
        meter = self.meter
        for let in program.statements:
            if meter.deadline is not None and time.monotonic() > meter.deadline:
                raise meter.late().located(let.span, source)
            if progress is not None:
                progress(let.name)
            self.enter_scope(scope_prefix + let.name)
            value = (overrides[let.name] if let.name in overrides
                     else self.eval(let.value, env))
            binding = self._binding(let, value, env)
            env = env.define(let.name, binding.value)
            bindings.append(binding)
            if not scope_prefix:  # a binding of the session, not of an imported module
                binding.depends_on = frozenset(
                    n for n in free_names(let.value) if n in self.graph)
                self.graph[let.name] = binding
        result = None
        if program.result is not None:
            if progress is not None:
                progress(None)
            self.enter_scope(scope_prefix + "<result>")
            result = self.eval(program.result, env)
        return env, bindings, result

    def enter_scope(self, scope: str) -> None:
        """Random streams are keyed by the top-level binding being computed."""
        self.stream_scope = scope
        self._occurrences.clear()
        self.sites.clear(scope)

    def _binding(self, let: A.Let, value: Value, env: Env) -> Binding:
        """``let`` bound to ``value`` with its decorators applied. As in Squiggle a
        decorator is a call of the Tag function of its name, the last one first:
        `@name("N") @hide x = v` binds x to Tag.name(Tag.hide(v), "N"). Their
        arguments see the names defined before the binding (``env``)."""
        for dec in reversed(let.decorators):
            entry = self.registry.get("Tag." + dec.name)
            if not isinstance(entry, Builtin):
                raise NameError_(f"@{dec.name} is not defined").located(dec.span,
                                                                        self.source)
            args = [self.eval(a, env) for a in dec.args]
            # at the statement, as Squiggle reports a decorator's errors and locations
            value = self.call(self.registry.value_of(entry), [value, *args], let.span)
        return Binding(let.name, value, let.span, exported=let.exported,
                       unit=let.unit.text if let.unit is not None else None,
                       origin=(let, env, self.source))

    def inputs_of(self, names) -> list[str]:
        """The uncertain inputs upstream of these top-level bindings."""
        graph = self.graph
        return inputs(names, {n: b.depends_on for n, b in graph.items()},
                      lambda n: isinstance(graph[n].value, Dist),
                      lambda n: getattr(graph[n].value, "fresh", False))

    # ---- dispatch ----

    def eval(self, node: A.Node, env: Env) -> Value:
        return _DISPATCH[node.__class__](self, node, env)

    def eval_number(self, node: A.Number, env: Env) -> Value:
        if node.format is not None:  # `5%`, tagged as Squiggle tags it
            return with_tags(Number(node.value), Tags({"numberFormat": String(node.format)}))
        return Number(node.value)

    def eval_unit_value(self, node: A.UnitValue, env: Env) -> Value:
        # the builtin itself, never a binding of the same name (as in Squiggle)
        entry = self.registry.lookup_global(node.function)
        if entry is None:
            raise undefined_name(node.function, ()).located(node.span, self.source)
        return self.call(self.registry.value_of(entry), [Number(node.value)], node.span)

    def eval_string(self, node: A.String, env: Env) -> Value:
        return String(node.value)

    def eval_boolean(self, node: A.Boolean, env: Env) -> Value:
        return TRUE if node.value else FALSE

    def eval_identifier(self, node: A.Identifier, env: Env) -> Value:
        value = env.lookup(node.name)
        if value is not None:
            return self._cut(value)
        entry = self.registry.lookup_global(node.name)
        if entry is not None:
            return self.registry.value_of(entry)
        raise self.undefined(node.name, env).located(node.span, self.source)

    def undefined(self, name: str, env: Env) -> DslError:
        """The error for an unknown name, with a suggestion when one is close."""
        return undefined_name(name, set(env.names()) | set(self.registry.global_names()))

    def eval_namespace(self, node: A.Namespace, env: Env) -> Value:
        entry = self.registry.lookup_member(node.name, "make")
        if entry is None:
            raise namespace_alone(self.registry, node.name).located(node.span, self.source)
        return self.registry.value_of(entry)

    def eval_member(self, node: A.Member, env: Env) -> Value:
        entry = self.registry.lookup_member(node.namespace, node.name)
        if entry is None:
            raise unknown_member(self.registry, node.namespace, node.name).located(
                node.span, self.source)
        return self.registry.value_of(entry)

    def eval_list(self, node: A.List, env: Env) -> Value:
        value = List([self.eval(item, env) for item in node.items])
        if value.nesting > 1:
            self._check_shape(value, node.span)
        self._charge(OBJECT_BYTES + LIST_ITEM_BYTES * len(value.items), "a list", node.span)
        return value

    def eval_record(self, node: A.Record, env: Env) -> Value:
        value = Record({(key if isinstance(key, str) else self._key(key, env)):
                        self.eval(value, env) for key, value in node.fields})
        if value.nesting > 1:
            self._check_shape(value, node.span)
        self._charge(OBJECT_BYTES + FIELD_BYTES * len(value.fields), "a record", node.span)
        return value

    def _key(self, node: A.Node, env: Env) -> str:
        """A computed record key's value: a string, as in Squiggle."""
        key = self.eval(node, env)
        if not isinstance(key, String):
            raise TypeError_(f"Dict keys must be strings (this key is "
                             f"{describe_value(key)})").located(node.span, self.source)
        return key.value

    def _check_shape(self, value: Value, span: Optional[Span] = None) -> None:
        """Stop a list or record nested deeper, or holding more in all, than the
        limits allow (every walk over values stays within these bounds)."""
        error = None
        if value.nesting > self.limits.max_nesting:
            error = LimitError(f"lists and records nested {value.nesting} deep: more than "
                               f"the limit of {self.limits.max_nesting}")
        elif value.size > self.limits.max_list_length:
            error = LimitError(f"a {value.type_name.lower()} holding {value.size:,} values "
                               "in all (counting a part each time it appears): more than "
                               f"the limit of {self.limits.max_list_length:,}")
        if error is not None:
            raise error.located(span, self.source) if span is not None else error

    def eval_block(self, node: A.Block, env: Env) -> Value:
        local = env.child()
        for let in node.statements:
            value = self.eval(let.value, local)
            if let.decorators:  # as at the top level: calls of Tag functions
                value = self._binding(let, value, local).value
            local = local.define(let.name, value)
        return self.eval(node.result, local)

    def eval_lambda(self, node: A.Lambda, env: Env) -> Value:
        domains = tuple(self._domain(p, env) if p.domain is not None else None
                        for p in node.params)
        fn = Lambda(node.params, domains, node.body, env, self.source, node.name)
        if node.name:  # visible in its own body, for recursion
            fn.closure = env.child({node.name: fn})
        return fn

    def _domain(self, param: A.Param, env: Env) -> Domain:
        value = self.eval(param.domain, env)
        if isinstance(value, Domain):
            return value
        if (isinstance(value, List) and len(value.items) == 2
                and all(isinstance(v, Number) for v in value.items)):
            low, high = (v.value for v in value.items)
            if low <= high:
                return Domain(low, high)
        raise TypeError_(f"the domain of '{param.name}' must be a range [low, high] with "
                         f"low <= high, got {describe_value(value)}").located(
            param.domain.span, self.source)

    # ---- calls ----

    def eval_call(self, node: A.Call, env: Env) -> Value:
        fn = self.eval(node.callee, env)
        args = [self.eval(arg, env) for arg in node.args]
        return self.call(fn, args, node.span, node.args, node.callee)

    def eval_pipe(self, node: A.Pipe, env: Env) -> Value:
        value = self.eval(node.value, env)
        target = node.function
        if isinstance(target, A.Call):
            fn = self.eval(target.callee, env)
            args = [value] + [self.eval(arg, env) for arg in target.args]
            return self.call(fn, args, node.span, (node.value, *target.args), target.callee)
        fn = self.eval(target, env)
        return self.call(fn, [value], node.span, (node.value,), target)

    def call(self, fn: Value, args: list[Value], span: Span,
             arg_nodes: Optional[Sequence[A.Node]] = None,
             callee: Optional[A.Node] = None) -> Value:
        """Call ``fn`` with ``args`` (the values of the expressions ``arg_nodes``, when
        known); ``span`` is where errors point."""
        meter = self.meter
        if meter.deadline is not None and time.monotonic() > meter.deadline:
            raise meter.late().located(span, self.source)
        if isinstance(fn, BuiltinFunction):
            return self.call_builtin(fn.builtin, args, span, arg_nodes)
        if isinstance(fn, Lambda):
            spans = [n.span for n in arg_nodes] if arg_nodes is not None else None
            return self.call_lambda(fn, args, span, spans)
        where = callee.span if callee is not None else span
        raise TypeError_(f"{describe_value(fn)} is not a function and cannot be called"
                         ).located(where, self.source)

    def call_builtin(self, entry: Builtin, args: Sequence[Value], span: Span,
                     arg_nodes: Optional[Sequence[A.Node]] = None) -> Value:
        meter = self.meter
        if meter.deadline is not None and time.monotonic() > meter.deadline:
            raise meter.late().located(span, self.source)
        if self.barrier is not None:  # a streamed run: outside the try, so that its
            known = self.barrier(self, entry, args, span)  # stop is not a builtin's bug
            if known is not None:
                return known
        ctx = CallContext(self, span, arg_nodes, args)
        opened = self.sites.opened
        mark = len(opened)
        try:
            result = entry.invoke(ctx, args)
            self.count(result, entry.qualified)
            if len(opened) > mark:  # it drew: the sites it opened produced this
                self._close_sites(mark, result, entry.qualified)
            return result
        except DslError as e:
            raise e.located(span, self.source)
        except RecursionError:
            raise
        except MemoryError:
            raise LimitError(f"{entry.qualified} ran out of memory").located(span, self.source)
        except Exception as e:  # a bug in a builtin: a DslError in the model's words
            call = self.source.text[span.start:span.end]
            raise internal_error(call, entry.qualified).located(span, self.source) from e
        finally:
            if len(opened) > mark:  # it failed after drawing: nothing to tie
                del opened[mark:]

    def _close_sites(self, mark: int, result: Value, builtin: str) -> None:
        # a whole array of the run's sample count (not one cut by an `if` branch)
        samples = result.samples if (isinstance(result, Dist) and not self._masks and
                                     len(result.samples) == self.samples) else None
        self.sites.close(mark, samples, builtin)

    def call_lambda(self, fn: Lambda, args: list[Value], span: Span,
                    arg_spans: Optional[list[Span]] = None) -> Value:
        if len(args) != len(fn.params):
            n = len(fn.params)
            raise ArgumentError(
                f"{fn.name} expects {n} argument{'s' if n != 1 else ''} but was given "
                f"{len(args)}: {fn.signature()}").located(span, self.source)
        for i, (param, domain, arg) in enumerate(zip(fn.params, fn.domains, args)):
            if domain is not None:
                self._check_domain(fn, param, domain, arg,
                                   arg_spans[i] if arg_spans else span)
        if self.depth >= self.limits.max_depth:
            raise LimitError(f"too much recursion: more than {self.limits.max_depth} "
                             f"nested calls (in {fn.name})").located(span, self.source)
        caller_source = self.source
        self.source = fn.source
        self.depth += 1
        try:
            return self.eval(fn.body, fn.closure.child(
                {p.name: a for p, a in zip(fn.params, args)}))
        except DslError as e:
            e.stack.append((fn.name, span, caller_source))
            raise
        except RecursionError:
            # Python's limit came first (huge expressions inside each call): still a
            # LimitError, at the innermost call that can report it
            raise LimitError(f"too much recursion: calls nested {self.depth} deep "
                             f"exhaust the interpreter (in {fn.name})"
                             ).located(span, caller_source) from None
        finally:
            self.depth -= 1
            self.source = caller_source

    def _check_domain(self, fn: Lambda, param: A.Param, domain: Domain, arg: Value,
                      span: Span) -> None:
        if isinstance(domain, DateDomain) or isinstance(arg, Date):
            # a date domain admits dates only, a number domain no date; Squiggle calls
            # either mismatch a value outside the domain
            values = arg if isinstance(domain, DateDomain) else None
        elif isinstance(arg, Number):
            values = arg.value
        elif isinstance(arg, Dist):
            values = arg.samples
        else:
            raise TypeError_(f"parameter {param.name} of {fn.name} has a domain {domain}, "
                             f"so it must be a number, got {describe_value(arg)}"
                             ).located(span, self.source)
        if values is None or not domain.contains(values):
            from .display import short
            raise DomainError(f"Parameter {short(arg)} must be in domain {domain} "
                              f"({param.name} of {fn.name})").located(span, self.source)

    # ---- operators ----

    def eval_binary(self, node: A.Binary, env: Env) -> Value:
        if node.op in ("&&", "||"):
            return self._logical(node, env)
        left = self.eval(node.left, env)
        right = self.eval(node.right, env)
        return self.call_builtin(self._operator(node.op), (left, right), node.span)

    def _logical(self, node: A.Binary, env: Env) -> Value:
        left = self.eval(node.left, env)
        if isinstance(left, Bool):  # short-circuit, as in Squiggle
            if (node.op == "&&") != left.value:
                return left
        right = self.eval(node.right, env)
        return self.call_builtin(self._operator(node.op), (left, right), node.span)

    def eval_unary(self, node: A.Unary, env: Env) -> Value:
        operand = self.eval(node.operand, env)
        return self.call_builtin(self._operator(node.op, unary=True), (operand,), node.span)

    def eval_conditional(self, node: A.Conditional, env: Env) -> Value:
        cond = self.eval(node.condition, env)
        if isinstance(cond, Bool):
            return self.eval(node.then if cond.value else node.otherwise, env)
        if isinstance(cond, Dist) and cond.is_indicator:
            return self._select(cond, node, env)
        raise TypeError_(f"the condition must be true or false, or a condition on "
                         f"distributions such as x > 1; got {describe_value(cond)}").located(
            node.condition.span, self.source)

    def _select(self, cond: Dist, node: A.Conditional, env: Env) -> Value:
        """``if`` with a distribution condition picks each sample from one branch."""
        n = len(cond.samples)
        # the mask and its inverse (a byte a sample) and the selected samples
        self._reserve(10 * n, "if with a distribution as condition", node.span)
        mask = cond.samples != 0
        arrays = []
        for branch, where in ((node.then, mask), (node.otherwise, ~mask)):
            try:
                value = self.eval(branch, env)
            except DomainError as error:  # e.g. sqrt(x) where the branch is not taken
                value = self._masked(branch, env, where, error)
            if isinstance(value, Number):
                arrays.append(value.value)
            elif isinstance(value, Dist):
                arrays.append(value.samples)
            else:
                raise TypeError_("with a distribution as condition, both branches must be "
                                 f"numbers or distributions, got {describe_value(value)}"
                                 ).located(branch.span, self.source)
        self._charge(10 * n + OBJECT_BYTES, "if with a distribution as condition", node.span)
        return Dist.from_samples(np.where(mask, arrays[0], arrays[1]))

    def _masked(self, branch: A.Node, env: Env, where: np.ndarray,
                error: DslError) -> Value:
        """A branch evaluated on only the samples that take it, so that
        ``if x > 0 then sqrt(x) else 0`` works: every distribution the branch reads by
        name, field or index (inside the functions it calls too) is cut to those samples,
        and new ones are drawn at that count. If the branch still fails (for instance
        with a distribution a builtin reaches inside a list), the original ``error``
        stands."""
        taken = int(np.count_nonzero(where))
        if taken == 0:
            return Number(0.0)  # never taken: any value will do
        samples, self.samples = self.samples, taken
        self._masks.append((where, {}))
        try:
            value = self.eval(branch, env)
        except DslError:
            raise error from None
        finally:
            self._masks.pop()
            self.samples = samples
        if isinstance(value, Number):
            return value
        if isinstance(value, Dist) and len(value) == taken:
            full = np.zeros(len(where))
            full[where] = value.samples
            return Dist.from_samples(full)
        raise error

    def _cut(self, value: Value) -> Value:
        """Inside ``_masked``: a distribution from outside the branch cut to the samples
        that take it (through every enclosing branch); anything else, or outside any
        such branch, as it is."""
        if not self._masks or not isinstance(value, Dist):
            return value
        for where, made in self._masks:
            if len(value) != len(where):
                continue  # drawn inside this branch already
            part = made.get(id(value))
            if part is None:
                part = Dist.from_samples(value.samples[where])
                part.boolean = value.boolean
                made[id(value)] = part
            value = part
        return value

    # ---- access ----

    def eval_field(self, node: A.Field, env: Env) -> Value:
        target = self.eval(node.target, env)
        if isinstance(target, Record):
            value = target.fields.get(node.name)
            if value is None:
                raise missing_key(node.name, target).located(node.span, self.source)
            return self._cut(value)
        member = getattr(target, "member", None)
        if member is not None:  # plot.fn (dsl.engine.plot_values), as Squiggle's VPlot.get
            value = member(node.name)
            if value is None:
                raise TypeError_("Trying to access non-existent field"
                                 ).located(node.span, self.source)
            return value
        span = node.target.span
        raise no_fields(node.name, target, self.source.text[span.start:span.end],
                        self.registry).located(node.span, self.source)

    def eval_index(self, node: A.Index, env: Env) -> Value:
        target = self.eval(node.target, env)
        index = self.eval(node.index, env)
        if isinstance(target, List) and isinstance(index, Number):
            i = index.value
            n = len(target.items)
            if not float(i).is_integer():
                raise IndexError_(f"a list index must be a whole number, got {i:g}"
                                  ).located(node.index.span, self.source)
            if not 0 <= i < n:
                what = f"indexes 0 to {n - 1}" if n else "it is empty"
                raise IndexError_(f"list index {int(i)} is out of range (the list has {n} "
                                  f"item{'s' if n != 1 else ''}, {what})"
                                  ).located(node.span, self.source)
            return self._cut(target.items[int(i)])
        if isinstance(target, Record) and isinstance(index, String):
            value = target.fields.get(index.value)
            if value is None:
                raise missing_key(index.value, target).located(node.span, self.source)
            return self._cut(value)
        raise TypeError_(f"cannot index {describe_value(target)} with "
                         f"{describe_value(index)}: lists take a number, records a string"
                         ).located(node.span, self.source)

    # ---- randomness and resources ----

    def seed_sequence(self, span: Span) -> np.random.SeedSequence:
        """The seed of the random stream of the call at ``span``: keyed by the run seed,
        the top-level binding being computed, the call's text and how many times that
        text has drawn before in this binding. Editing another binding changes none of
        these, so its samples stay the same."""
        text = self.source.text[span.start:span.end]
        scope = self.stream_scope
        key = (scope, text)
        occurrence = self._occurrences[key]
        self._occurrences[key] = occurrence + 1
        entropy = site_entropy(self.seed, scope, text, occurrence, self.resample)
        self.sites.open(Site(scope, text, occurrence, span.line, span.column, span.start,
                             self.source.name, tuple(entropy)))
        return np.random.SeedSequence(entropy)

    def stream(self, span: Span) -> np.random.Generator:
        """The random stream of the call at ``span`` (see ``seed_sequence``)."""
        return np.random.Generator(np.random.PCG64(self.seed_sequence(span)))

    def allocate(self, n: int, what: str) -> None:
        """Fail before allocating ``n`` more samples (8 bytes each) would pass the run's
        memory budget (they are counted once made, by ``count``)."""
        self.meter.reserve(8 * n, what)

    def allocate_items(self, n: int, what: str) -> None:
        """``allocate`` for a list of ``n`` items, which must also respect the list
        length limit."""
        if n > self.limits.max_list_length:
            raise LimitError(f"{what} would make a list of {n:,} items, more than the "
                             f"limit of {self.limits.max_list_length:,}")
        self.meter.reserve(OBJECT_BYTES + LIST_ITEM_BYTES * n, what)

    def _reserve(self, nbytes: int, what: str, span: Span) -> None:
        try:
            self.meter.reserve(nbytes, what)
        except LimitError as e:
            raise e.located(span, self.source) from None

    def _charge(self, nbytes: int, what: str, span: Span) -> None:
        try:
            self.meter.charge(nbytes, what)
        except LimitError as e:
            raise e.located(span, self.source) from None

    def count(self, value: Value, what: str) -> None:
        """Count what a builtin made against the run's memory budget, one level deep
        (the items inside were counted where they were made): 8 bytes a sample, list
        items and record fields at their measured cost, strings at their size. O(1)."""
        if isinstance(value, Dist):
            nbytes = OBJECT_BYTES + 8 * len(value.samples)
        elif isinstance(value, List):
            n = len(value.items)
            if value.nesting > 1:
                self._check_shape(value)
            elif n > self.limits.max_list_length:
                raise LimitError(f"{what} made a list of {n:,} items, more than the limit "
                                 f"of {self.limits.max_list_length:,}")
            nbytes = OBJECT_BYTES + LIST_ITEM_BYTES * n
        elif isinstance(value, String):
            nbytes = str_bytes(value.value)
        elif isinstance(value, Record):
            if value.nesting > 1:
                self._check_shape(value)
            nbytes = OBJECT_BYTES + FIELD_BYTES * len(value.fields)
        else:
            return
        self.meter.charge(nbytes, what)


_DISPATCH: dict[type, Callable] = {
    cls: getattr(Evaluator, "eval_" + "".join(
        "_" + c.lower() if c.isupper() and i else c.lower()
        for i, c in enumerate(cls.__name__)))
    for cls in (A.Number, A.UnitValue, A.String, A.Boolean, A.Identifier, A.Member,
                A.Namespace, A.List, A.Record,
                A.Block, A.Lambda, A.Call, A.Index, A.Field, A.Binary, A.Unary,
                A.Conditional, A.Pipe)
}
