"""The one declaration of every builtin.

A builtin is a plain Python function whose annotations are parameter types
(``dsl.engine.types``) and whose docstring is its documentation::

    @builtin("Dist.normal", aliases=["normal"], examples=[("mean(normal(5, 2))", "5")])
    def normal(mean: Num, stdev: Positive) -> Dist:
        '''A normal distribution.'''

Declaring the same name again adds an overload. Argument checking, error messages,
REPL completion and ``:help``, the generated reference and the test that runs every
example all read these records.
"""
from __future__ import annotations

import importlib
import inspect
import sys
import threading
from typing import Any, Callable, Iterable, Optional, Protocol, Sequence

import numpy as np

from .conversion import to_value
from ..base.errors import ArgumentError, DomainError, TypeError_
from .types import AnyValue, Boolean, Int, Num, ParamType, Real, Str
from ..base.structs import Struct
from .values import Function, Value

__all__ = ["Context", "Param", "Signature", "Builtin", "Constant", "Registry", "DEFAULT",
           "builtin", "constant", "BuiltinFunction", "Example"]


class Context(Protocol):
    """What a builtin may ask of the running evaluator (``dsl.engine.evaluator.CallContext``
    provides it). Declare a first parameter annotated ``Context`` to receive it."""

    samples: int          # samples per distribution
    seed: int             # the run's seed

    def rng(self) -> np.random.Generator:
        """The random stream of this call site (see DESIGN.md section 4)."""

    def fill(self, sample: Callable[[np.random.Generator, int], np.ndarray],
             n: Optional[int] = None) -> np.ndarray:
        """``n`` (default ``samples``) i.i.d. draws of ``sample(rng, k)`` from this call
        site's randomness, in parallel chunks when there are many (``dsl.engine.parallel``)."""

    def fill_range(self, sample: Callable[[np.random.Generator, int, int], np.ndarray],
                   n: Optional[int] = None) -> np.ndarray:
        """``fill`` for draws that depend on their position: ``sample(rng, start, stop)``
        gives those of positions start..stop."""

    def call(self, fn: Function, args: Sequence[Value]) -> Value:
        """Call a model function (for higher-order builtins such as List.map)."""

    def check_size(self, n: int, what: str) -> None:
        """Raise a LimitError if allocating ``n`` more elements would exceed the limits."""

    def check_items(self, n: int, what: str) -> None:
        """``check_size`` for a list of ``n`` items (also checks the list length limit)."""

    def upstream_inputs(self, index: int) -> list[tuple[str, Value]]:
        """The uncertain top-level inputs (name, value) upstream of argument ``index``."""

    def item_labels(self, index: int, count: int) -> list[str]:
        """Labels for the items of list argument ``index`` (their names where given)."""


class Example(Struct, frozen=True):
    """``source`` evaluates to the same value as ``expected`` (within ``tolerance``,
    relative, for numbers)."""
    source: str
    expected: str
    tolerance: float = 1e-9


class Param(Struct, frozen=True):
    """One declared parameter."""
    name: str
    type: ParamType
    default: Any = inspect.Parameter.empty

    @property
    def optional(self) -> bool:
        return self.default is not inspect.Parameter.empty


class Signature(Struct):
    """One overload: its parameters and the Python function that implements it."""
    params: tuple[Param, ...]
    variadic: Optional[Param]
    returns: str
    impl: Callable
    wants_context: bool

    @staticmethod
    def of(impl: Callable, untyped: ParamType = AnyValue) -> "Signature":
        """Read a signature from a Python function's annotations: dsl.engine.types instances,
        or the Python types float, int, str, bool and numpy.ndarray; a parameter without
        one gets ``untyped``."""
        try:
            sig = inspect.signature(impl, eval_str=True)
        except (TypeError, ValueError):  # a builtin of C, a callable without a signature
            raise ArgumentError(f"{getattr(impl, '__name__', impl)!r} is not a Python "
                                "function (def or lambda), so its parameters are unknown"
                                ) from None
        params, variadic, wants_context = [], None, False
        for i, p in enumerate(sig.parameters.values()):
            ann = p.annotation
            if i == 0 and ann is Context:
                wants_context = True
                continue
            ptype = ann if isinstance(ann, ParamType) else _PYTHON_TYPES.get(ann, untyped)
            # `lambda_`: a trailing underscore only dodges a Python keyword or builtin
            name = p.name[:-1] if p.name.endswith("_") and len(p.name) > 1 else p.name
            if p.kind is inspect.Parameter.VAR_POSITIONAL:
                variadic = Param(name, ptype)
            else:
                params.append(Param(name, ptype, p.default))
        ret = sig.return_annotation
        if ret is inspect.Signature.empty:
            returns = "Any"
        elif isinstance(ret, ParamType):
            returns = ret.name
        else:  # a Python type: say it in the language's words
            returns = _PYTHON_RETURNS.get(ret, getattr(ret, "__name__", str(ret)))
        return Signature(tuple(params), variadic, returns, impl, wants_context)

    @property
    def min_args(self) -> int:
        return sum(1 for p in self.params if not p.optional)

    @property
    def max_args(self) -> float:
        return float("inf") if self.variadic else len(self.params)

    def arity_ok(self, n: int) -> bool:
        return self.min_args <= n <= self.max_args

    def accepts(self, args: Sequence[Value]) -> bool:
        if not self.arity_ok(len(args)):
            return False
        return all(self.param_for(i).type.accepts(a) for i, a in enumerate(args))

    def param_for(self, i: int) -> Param:
        return self.params[i] if i < len(self.params) else self.variadic  # type: ignore

    def text(self, name: str) -> str:
        """``name(a: Number, b?: Number) -> Number``."""
        parts = [f"{p.name}{'?' if p.optional else ''}: {p.type.name}" for p in self.params]
        if self.variadic:
            parts.append(f"...{self.variadic.name}: {self.variadic.type.name}")
        return f"{name}({', '.join(parts)}) -> {self.returns}"


class Builtin(Struct):
    """A builtin function: its names, overloads and documentation."""
    name: str
    namespace: Optional[str]
    aliases: tuple[str, ...]
    signatures: list[Signature]
    summary: str = ""
    doc: str = ""
    examples: list[Example] = []   # copied for each instance (dsl.base.structs)
    labels: dict[str, str] = {}
    operator: Optional[str] = None
    module: str = ""  # the Python module that declared it
    # each declaration that added overloads: (order key, signature, summary, doc,
    # examples); the fields above are rebuilt from them in key order, so overloads and
    # docs do not depend on which module happened to be imported first
    parts: list = []
    _hidden = frozenset({"parts"})

    @property
    def qualified(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name

    def signature_texts(self) -> list[str]:
        return [s.text(self.qualified) for s in self.signatures]

    def invoke(self, ctx: Optional[Context], args: Sequence[Value]) -> Value:
        """Choose the overload, convert and check the arguments, run it."""
        for sig in self.signatures:
            if sig.accepts(args):
                return self._run(sig, ctx, args)
        raise self._no_match(args)

    def _run(self, sig: Signature, ctx, args: Sequence[Value]) -> Value:
        converted = []
        for i, arg in enumerate(args):
            param = sig.param_for(i)
            value = param.type.convert(arg)
            problem = param.type.check(value)
            if problem:
                label = self.labels.get(param.name, param.name)
                raise DomainError(f"{self.qualified}: {label} {problem} "
                                  f"(got {_describe_bad(value, param.type)})")
            converted.append(value)
        with np.errstate(all="ignore"):
            result = sig.impl(ctx, *converted) if sig.wants_context else sig.impl(*converted)
        return to_value(result)

    def _no_match(self, args: Sequence[Value]) -> Exception:
        got = ", ".join(a.type_name for a in args)
        # an operator's own wording, unless it was called by name with a wrong count
        if self.operator is not None and any(s.arity_ok(len(args)) for s in self.signatures):
            functions = [a.name for a in args if isinstance(a, Function)]
            hint = (f"; {functions[0]} is a function: call it with its arguments, as in "
                    f"{functions[0]}(...)") if functions else ""
            if len(args) == 2:
                return TypeError_(f"Operator '{self.operator}' does not support types "
                                  f"'{args[0].type_name}' and '{args[1].type_name}'{hint}")
            return TypeError_(f"Operator '{self.operator}' does not support type "
                              f"'{args[0].type_name}'{hint}")
        accepted = "; ".join(self.signature_texts())
        if not any(s.arity_ok(len(args)) for s in self.signatures):
            counts = sorted({s.min_args for s in self.signatures})
            n = " or ".join(str(c) for c in counts)
            return ArgumentError(f"{self.qualified} was given {len(args)} argument"
                                 f"{'s' if len(args) != 1 else ''} but expects {n}"
                                 f"{' or more' if any(s.variadic for s in self.signatures) else ''}"
                                 f". Signatures: {accepted}")
        return ArgumentError(f"{self.qualified} does not support arguments ({got}). "
                             f"Signatures: {accepted}")


def _describe_bad(value, ptype: ParamType) -> str:
    arr = np.asarray(value) if not isinstance(value, (list, dict, Value)) else None
    if arr is not None and arr.ndim == 1:
        with np.errstate(invalid="ignore"):
            bad = arr[~np.asarray(ptype.condition(arr), dtype=bool)]
        shown = bad[0] if bad.size else arr[0]
        from ..base.figures import format_number
        return f"a distribution with samples such as {format_number(float(shown))}"
    if isinstance(value, float):
        from ..base.figures import format_number
        return format_number(value)
    return str(value)


class Constant(Struct):
    """A named constant such as ``Math.pi``."""
    name: str
    namespace: Optional[str]
    value: Value
    summary: str = ""
    doc: str = ""
    examples: list[Example] = []
    aliases: tuple[str, ...] = ()
    module: str = ""

    @property
    def qualified(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name


class BuiltinFunction(Function):
    """A builtin as a value (``List.map(xs, mean)`` passes ``mean`` around)."""

    __slots__ = ("builtin",)

    def __init__(self, entry: Builtin) -> None:
        self.builtin = entry

    @property
    def name(self) -> str:
        return self.builtin.qualified

    def param_names(self) -> list[str]:
        return [p.name for p in self.builtin.signatures[0].params]

    def signature(self) -> str:
        return self.builtin.signature_texts()[0]

    def __repr__(self) -> str:
        return f"<builtin {self.name}>"


class Registry:
    """All builtins and constants by qualified name, global name and namespace. A
    session's registry may extend the default one (``parent``) with its own functions."""

    def __init__(self, parent: Optional["Registry"] = None) -> None:
        self.parent = parent
        self.entries: dict[str, Builtin | Constant] = {}
        # a global name may alias several entries (`min` is Number.min and Dist.min):
        # it then stands for one builtin trying all their overloads in turn
        self.globals: dict[str, list[Builtin | Constant]] = {}
        self._merged: dict[str, Builtin] = {}
        self.namespaces: dict[str, dict[str, Builtin | Constant]] = {}
        self._values: dict[int, BuiltinFunction] = {}
        # modules declared but not imported yet (see ``defer``): name -> modules
        self._pending: dict[str, list[str]] = {}
        self._module_rank: dict[str, int] = {}
        # held while a pending module is imported: a thread looking up one of its
        # names meanwhile waits for the import instead of finding the name missing
        # (re-entrant: a module being imported may look names up itself)
        self._loading = threading.RLock()
        # one sentence per namespace, for `sq docs`, `:help` and docs/reference/: the
        # NAMESPACES dict of a module imported on first use (see ``describe``)
        self._descriptions: Optional[dict[str, str]] = None
        self._descriptions_module = ""

    def describe(self, module: str) -> None:
        """Take the namespaces' one-sentence descriptions from ``module``'s
        ``NAMESPACES`` dict, imported the first time one is asked for."""
        self._descriptions_module, self._descriptions = module, None

    def description(self, namespace: str) -> str:
        """The namespace's one-sentence description ("" when it has none)."""
        if self._descriptions is None:
            self._descriptions = getattr(importlib.import_module(
                self._descriptions_module), "NAMESPACES") if self._descriptions_module else {}
        found = self._descriptions.get(namespace, "")
        if not found and self.parent is not None:
            return self.parent.description(namespace)
        return found

    def defer(self, manifest: dict[str, list[str]]) -> None:
        """Know the names each module declares (``{module: [names]}``, global names and
        qualified ones) without importing it yet: a module is imported the first time
        one of its names is looked up, so a start-up pays only for what it uses."""
        for rank, (module, names) in enumerate(manifest.items()):
            self._module_rank.setdefault(module, rank)
            if module in sys.modules:
                continue
            for name in names:
                self._pending.setdefault(name, []).append(module)

    def _load(self, name: str) -> None:
        """Import the pending modules that declare ``name`` (they register themselves).

        Thread-safe, double-checked: the name leaves ``_pending`` only once its modules
        are imported, so a thread that no longer sees it pending finds it registered,
        and one that still does waits on the lock. Names already loaded cost one dict
        lookup and no lock."""
        if name not in self._pending:
            return
        with self._loading:
            modules = self._pending.get(name)
            if modules is None:  # another thread loaded it while we waited
                return
            for module in modules:
                importlib.import_module(module)
            self._pending.pop(name, None)

    def load_all(self) -> None:
        """Import every pending module."""
        with self._loading:
            for name in list(self._pending):
                self._load(name)
        if self.parent is not None:
            self.parent.load_all()

    def add(self, entry: Builtin | Constant) -> None:
        self.entries[entry.qualified] = entry
        if entry.namespace:
            self.namespaces.setdefault(entry.namespace, {})[entry.name] = entry
        else:
            self._add_global(entry.name, entry)
        for alias in entry.aliases:
            self._alias(alias, entry)

    def _alias(self, alias: str, entry: Builtin | Constant) -> None:
        """Another name for ``entry``: global (``mean``) or in a namespace (``Math.exp``)."""
        namespace, name = _split(alias)
        if namespace:
            self.namespaces.setdefault(namespace, {})[name] = entry
        else:
            self._add_global(name, entry)

    def _add_global(self, name: str, entry: Builtin | Constant) -> None:
        entries = self.globals.setdefault(name, [])
        if entry not in entries:
            entries.append(entry)
        self._merged.pop(name, None)

    def get(self, qualified: str) -> Optional[Builtin | Constant]:
        self._load(qualified)
        found = self.entries.get(qualified)
        if found is None and self.parent is not None:
            return self.parent.get(qualified)
        return found

    def lookup_global(self, name: str) -> Optional[Builtin | Constant]:
        self._load(name)
        entries = self.globals.get(name)
        if not entries:
            return self.parent.lookup_global(name) if self.parent is not None else None
        if len(entries) == 1:
            return entries[0]
        merged = self._merged.get(name)
        if merged is None:
            merged = self._merged[name] = _merge(name, self.global_entries(name))
        return merged

    def global_entries(self, name: str) -> list[Builtin | Constant]:
        """The declarations a global name stands for, in the fixed order their overloads
        are tried (stdlib.catalogue.MODULES), whatever was imported first."""
        self._load(name)
        return sorted(self.globals.get(name, []),
                      key=lambda e: self._module_rank.get(e.module, -1))

    def lookup_member(self, namespace: str, name: str) -> Optional[Builtin | Constant]:
        self._load(f"{namespace}.{name}")
        found = self.namespaces.get(namespace, {}).get(name)
        if found is None and self.parent is not None:
            return self.parent.lookup_member(namespace, name)
        return found

    def value_of(self, entry: Builtin | Constant) -> Value:
        """The Value a name refers to (one BuiltinFunction per builtin, reused)."""
        if isinstance(entry, Constant):
            return entry.value
        cached = self._values.get(id(entry))
        if cached is None or cached.builtin is not entry:
            cached = self._values[id(entry)] = BuiltinFunction(entry)
        return cached

    def global_names(self) -> list[str]:
        names = set(self.globals) | {n for n in list(self._pending) if "." not in n}
        if self.parent is not None:
            names |= set(self.parent.global_names())
        return sorted(names)

    def namespace_names(self) -> list[str]:
        names = set(self.namespaces) | {n.split(".")[0] for n in list(self._pending) if "." in n}
        if self.parent is not None:
            names |= set(self.parent.namespace_names())
        return sorted(names)

    def members(self, namespace: str) -> list[str]:
        names = set(self.namespaces.get(namespace, {})) | {
            n.split(".", 1)[1] for n in list(self._pending) if n.startswith(namespace + ".")}
        if self.parent is not None:
            names |= set(self.parent.members(namespace))
        return sorted(names)

    def all_entries(self) -> list[Builtin | Constant]:
        self.load_all()
        seen = dict(self.parent.entries) if self.parent is not None else {}
        seen.update(self.entries)
        return list(seen.values())


def _merge(name: str, entries: list) -> Builtin:
    """One global builtin trying the overloads of several entries in turn."""
    functions = [e for e in entries if isinstance(e, Builtin)]
    first = functions[0]
    return Builtin(name, None, (), [s for e in functions for s in e.signatures],
                   first.summary, "Also: " + ", ".join(e.qualified for e in functions) + ".",
                   [], {k: v for e in functions for k, v in e.labels.items()},
                   first.operator)


DEFAULT = Registry()

_PYTHON_TYPES = {float: Real, int: Int, str: Str, bool: Boolean, np.ndarray: Num}
_PYTHON_RETURNS = {float: "Number", int: "Number", str: "String", bool: "Boolean",
                   list: "List", dict: "Dict", np.ndarray: "Dist"}


def _split(qualified: str) -> tuple[Optional[str], str]:
    if "." in qualified:
        namespace, name = qualified.split(".", 1)
        return namespace, name
    return None, qualified


def _examples(items: Iterable) -> list[Example]:
    return [e if isinstance(e, Example) else Example(*e) for e in items]


def builtin(qualified: str, *, aliases: Iterable[str] = (), examples: Iterable = (),
            labels: Optional[dict[str, str]] = None, operator: Optional[str] = None,
            registry: Optional[Registry] = None, untyped: ParamType = AnyValue,
            first: bool = False):
    """Declare ``fn`` as the builtin ``qualified`` (``"Dist.normal"`` or ``"normal"``),
    also reachable by each alias (global like ``"normal"`` or qualified like
    ``"Math.exp"``). Declaring an existing name adds an overload;
    its docstring, examples and labels are added to the existing ones. ``first``: the
    new overload is tried before the existing ones (a narrower type that must win over
    a general one declared earlier, such as symbolic distributions under ``+``)."""
    reg = registry or DEFAULT
    namespace, name = _split(qualified)

    def register(fn: Callable) -> Callable:
        doc = inspect.getdoc(fn) or ""
        summary, _, rest = doc.partition("\n")
        signature = Signature.of(fn, untyped)
        entry = reg.entries.get(qualified)
        # overloads are tried `first` ones first, then in the catalogue's module order,
        # then in declaration order
        key = (not first, reg._module_rank.get(fn.__module__, len(reg._module_rank)),
               len(entry.parts) if isinstance(entry, Builtin) else 0)
        part = (key, signature, summary.strip(), rest.strip(), _examples(examples))
        if isinstance(entry, Builtin):
            entry.parts.append(part)
            entry.parts.sort(key=lambda p: p[0])
            entry.signatures = [p[1] for p in entry.parts]
            entry.summary = next((p[2] for p in entry.parts if p[2]), "")
            entry.doc = "\n\n".join(p[3] for p in entry.parts if p[3])
            entry.examples = [e for p in entry.parts for e in p[4]]
            entry.labels.update(labels or {})
            for alias in aliases:
                if alias not in entry.aliases:
                    entry.aliases += (alias,)
                    reg._alias(alias, entry)
            for alias in entry.aliases:  # a merged global must see the new overload
                reg._merged.pop(alias, None)
        else:
            reg.add(Builtin(name, namespace, tuple(aliases), [signature], summary.strip(),
                            rest.strip(), _examples(examples), dict(labels or {}), operator,
                            fn.__module__, [part]))
        return fn

    return register


def constant(qualified: str, value: Any, summary: str, *, doc: str = "",
             examples: Iterable = (), aliases: Iterable[str] = (),
             registry: Optional[Registry] = None) -> None:
    """Declare a named constant such as ``Math.pi``."""
    namespace, name = _split(qualified)
    module = sys._getframe(1).f_globals.get("__name__", "")  # the declaring module
    (registry or DEFAULT).add(Constant(name, namespace, to_value(value), summary, doc,
                                       _examples(examples), tuple(aliases), module))
