"""The values a model computes: Number, Bool, String, List, Record, Function, Dist, Domain.

Each value knows its Squiggle type name (what ``typeOf`` returns), its JSON summary
(DESIGN.md section 2) and its plain-Python form. Distributions are arrays of samples;
everything about sampling lives in ``dsl.engine.dist``.
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod
from operator import attrgetter
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

import numpy as np

from ..base import html_hooks
from ..base.errors import closest
from ..base.meter import CHUNK as _CHUNK
from ..base.meter import check_time as _check_time
from ..base.meter import each as _each
from ..base.meter import reserve_summary as _reserve_summary
from .tags import NO_TAGS, Tags

__all__ = [
    "Value", "Number", "Bool", "String", "List", "Record", "Function", "Domain",
    "TRUE", "FALSE", "from_python", "json_number", "type_name", "fold",
]


def with_format(summary: dict, tags: Tags) -> dict:
    """A JSON VALUE with the value's ``@format`` specifier, if it has one."""
    if tags.number_format is not None:
        summary["format"] = tags.number_format
    return summary


def json_number(x: float):
    """A float for JSON: non-finite numbers become the strings DESIGN.md names."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


class Value(ABC):
    """Base of every value. Subclasses set ``type_name`` to Squiggle's name for them."""

    __slots__ = ()
    type_name = "Value"
    # How deep lists and records nest inside this value (0: not a list or record) and
    # how many values they hold in all, a part that appears twice counted twice (what
    # showing the value in full would write out). Lists and records set both when made,
    # so that limits can stop a model building a value too deep or too big to walk.
    nesting = 0
    size = 0
    # Squiggle's tags (@name, @doc, @format ...): a tagged copy (``dsl.engine.tags.with_tags``)
    # has its own; every other value shares this empty set, at no cost
    tags: Tags = NO_TAGS
    # True for a value whose ``==`` is not a yes or no (a distribution's gives a
    # condition): lists and records holding one compare it by identity
    identity_equal = False

    @abstractmethod
    def summary(self) -> dict:
        """The JSON VALUE object of DESIGN.md section 2."""

    @abstractmethod
    def to_python(self) -> Any:
        """Plain Python (numbers, bools, str, list, dict) or numpy samples."""

    def _repr_html_(self) -> Optional[str]:
        """How a notebook shows the value (drawn by the front end: ``dsl.base.html_hooks``)."""
        return html_hooks.draw("value", self)


class Number(Value):
    """A float64 number."""

    __slots__ = ("value",)
    type_name = "Number"

    def __init__(self, value: float) -> None:
        self.value = float(value)

    def summary(self) -> dict:
        out = {"type": "number", "value": json_number(self.value)}
        return out if self.tags is NO_TAGS else with_format(out, self.tags)

    def to_python(self) -> float:
        return self.value

    def __float__(self) -> float:
        return self.value

    def __eq__(self, other) -> bool:
        return isinstance(other, Number) and (self.value == other.value or (
            math.isnan(self.value) and math.isnan(other.value)))

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"Number({self.value!r})"


class Bool(Value):
    """``true`` or ``false`` (use the TRUE and FALSE singletons)."""

    __slots__ = ("value",)
    type_name = "Boolean"

    def __init__(self, value: bool) -> None:
        self.value = bool(value)

    def summary(self) -> dict:
        return {"type": "bool", "value": self.value}

    def to_python(self) -> bool:
        return self.value

    def __bool__(self) -> bool:
        return self.value

    def __eq__(self, other) -> bool:
        return isinstance(other, Bool) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return "TRUE" if self.value else "FALSE"


TRUE, FALSE = Bool(True), Bool(False)


class String(Value):
    """A text string."""

    __slots__ = ("value",)
    type_name = "String"

    def __init__(self, value: str) -> None:
        self.value = value

    def summary(self) -> dict:
        return {"type": "string", "value": self.value}

    def to_python(self) -> str:
        return self.value

    def __str__(self) -> str:
        return self.value

    def __eq__(self, other) -> bool:
        return isinstance(other, String) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"String({self.value!r})"


class List(Value):
    """An immutable list of values."""

    __slots__ = ("items", "nesting", "size")
    type_name = "List"

    def __init__(self, items: Iterable[Value]) -> None:
        self.items = items = tuple(items)
        if _holds_containers(items):
            self.nesting = 1 + max(map(_NESTING, items))
            self.size = len(items) + sum(map(_SIZE, items))
        else:  # the common case, checked quicker
            self.nesting, self.size = 1, len(items)

    def summary(self) -> dict:
        _reserve_summary(self.size, f"the summary of a {self.type_name.lower()} of "
                                    f"{self.size:,} values")
        return fold(self, _leaf_summary, _summaries)

    def to_python(self) -> list:
        return fold(self, _leaf_python, _pythons)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, index):
        """``xs[i]`` (negative from the end) or a slice of the items (as a List)."""
        if isinstance(index, slice):
            return List(self.items[index])
        return self.items[index]

    def __contains__(self, item) -> bool:
        """Whether an item is this value (a distribution: this very one); a Python
        number or string is compared with the Numbers and Strings."""
        if not isinstance(item, Value):
            try:  # a sample array would be a new distribution: in no list
                item = from_python(item, array=None)
            except TypeError:
                return False
        return any(_same(item, x) for x in self.items)

    def __eq__(self, other) -> bool:
        if not isinstance(other, List):
            return False
        if self.nesting == 1 and other.nesting == 1:  # items compare without recursing
            return _equal_flat(self.items, other.items)
        return equal_values(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return fold(self, repr, _reprs)


class Record(Value):
    """An immutable, insertion-ordered mapping from string keys to values (Squiggle's
    Dict)."""

    __slots__ = ("fields", "nesting", "size")
    type_name = "Dictionary"

    def __init__(self, fields: Mapping[str, Value]) -> None:
        self.fields = fields = dict(fields)
        values = fields.values()
        if _holds_containers(values):
            self.nesting = 1 + max(map(_NESTING, values))
            self.size = len(fields) + sum(map(_SIZE, values))
        else:
            self.nesting, self.size = 1, len(fields)

    def summary(self) -> dict:
        _reserve_summary(self.size, f"the summary of a {self.type_name.lower()} of "
                                    f"{self.size:,} values")
        return fold(self, _leaf_summary, _summaries)

    def to_python(self) -> dict:
        return fold(self, _leaf_python, _pythons)

    # a mapping's protocol, as a dict of the fields: r["cost"], len, iteration over the
    # keys, `in` of a key, keys() / values() / items()
    def __getitem__(self, key: str) -> Value:
        try:
            return self.fields[key]
        except KeyError:
            guess = closest(key, list(self.fields)) if isinstance(key, str) else None
            hint = f"; did you mean {guess!r}?" if guess else ""
            raise KeyError(f"the record has no field {key!r}{hint}") from None

    def __len__(self) -> int:
        return len(self.fields)

    def __iter__(self):
        return iter(self.fields)

    def __contains__(self, key) -> bool:
        return key in self.fields

    def keys(self):
        return self.fields.keys()

    def values(self):
        return self.fields.values()

    def items(self):
        return self.fields.items()

    def __eq__(self, other) -> bool:
        return isinstance(other, Record) and equal_values(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return fold(self, repr, _reprs)


class Domain(Value):
    """A parameter domain: the closed interval [low, high] (``Number.rangeDomain``)."""

    __slots__ = ("low", "high")
    type_name = "Domain"

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = float(low), float(high)

    def contains(self, x) -> bool:
        """Whether a number, or every sample of an array, lies in the interval."""
        arr = np.asarray(x)
        return bool(np.all((arr >= self.low) & (arr <= self.high)))

    def summary(self) -> dict:
        return {"type": "domain", "low": json_number(self.low), "high": json_number(self.high)}

    def to_python(self) -> tuple:
        return (self.low, self.high)

    def annotation(self) -> str:
        """How the domain reads in a function's signature: ``[1, 10]``."""
        return f"[{self.low:g}, {self.high:g}]"

    def __str__(self) -> str:
        from ..base.figures import format_number
        return f"Number.rangeDomain({format_number(self.low)}, {format_number(self.high)})"


class Function(Value):
    """Something callable: a user lambda or a builtin. ``call`` goes through the
    evaluator, which checks arguments and attaches positions to errors."""

    __slots__ = ()
    type_name = "Function"

    @property
    @abstractmethod
    def name(self) -> str:
        """The function's name (``<lambda>`` for an anonymous one)."""

    @abstractmethod
    def param_names(self) -> list[str]:
        """Its parameters' names."""

    @abstractmethod
    def signature(self) -> str:
        """A one-line signature for display, e.g. ``f(x, y)``."""

    def summary(self) -> dict:
        return {"type": "function", "params": self.param_names()}

    def to_python(self) -> "Function":
        return self


_NESTING = attrgetter("nesting")
_SIZE = attrgetter("size")


def _holds_containers(values) -> bool:
    """Whether any of ``values`` is a list or record (judged by their few types)."""
    return any(issubclass(kind, (List, Record)) for kind in set(map(type, values)))


# Nested lists and records are walked without recursion (``fold``, ``equal_values``):
# Python's recursion, and the C stack under it when a comparison or hash recurses,
# must not depend on how deep a model nests its values. Values this shallow take the
# quicker recursive path.
_SHALLOW = 32


def fold(value: Value, leaf: Callable[[Value], Any],
         node: Callable[[Value, list], Any], limit: Optional[int] = None) -> Any:
    """Combine a value bottom-up: ``leaf(v)`` for each value that is not a list or
    record, ``node(container, results)`` for each list or record given the results of
    its items (of its first ``limit`` items, when given). No recursion, however deep
    the value nests."""
    if value.nesting <= _SHALLOW:
        return _fold_shallow(value, leaf, node, limit)
    # a stack of the open lists and records, each with an iterator of its items left
    # and the results of those done (pushing every item at once was a step of 0.2 s
    # a million items, uncut by the clock)
    stack = [(value, iter(_items(value)[:limit]), [])]
    steps = 0
    while True:
        v, rest, parts = stack[-1]
        child = next(rest, None)
        if child is None:
            stack.pop()
            made = node(v, parts)
            if not stack:
                return made
            stack[-1][2].append(made)
            continue
        steps += 1
        if steps % _CHUNK == 0:  # the run's clock (summary() and to_python() of big
            _check_time()         # values are under it too: dsl.engine.session.Result)
        if child.nesting:
            stack.append((child, iter(_items(child)[:limit]), []))
        else:
            parts.append(leaf(child))


def _fold_shallow(value, leaf, node, limit):
    if not value.nesting:
        return leaf(value)
    items = _items(value)
    if limit is not None:
        items = items[:limit]
    if value.nesting == 1:
        return node(value, _mapped(leaf, items))
    return node(value, [_fold_shallow(v, leaf, node, limit) for v in _each(items)])


def _mapped(fn: Callable[[Value], Any], items: Sequence[Value]) -> list:
    """``list(map(fn, items))``, reading the run's clock every ``meter.CHUNK`` items (the
    summary of a 3e6-item list took 6 s, outside any clock)."""
    if len(items) <= _CHUNK:
        return list(map(fn, items))
    out: list = []
    for start in range(0, len(items), _CHUNK):
        _check_time()
        out.extend(map(fn, items[start:start + _CHUNK]))
    return out


def _items(value: Value) -> tuple:
    return value.items if isinstance(value, List) else tuple(value.fields.values())


def equal_values(a: Value, b: Value) -> bool:
    """Structural equality of two values, lists and records compared item by item
    without recursion: a stack of the pairs still to compare in each open list or
    record (as iterators: pushing a million pairs at once took 0.2 s, uncut by the
    clock), read with the run's clock every ``meter.CHUNK`` pairs."""
    stack = [iter(((a, b),))]
    steps = 0
    while stack:
        pair = next(stack[-1], None)
        if pair is None:
            stack.pop()
            continue
        steps += 1
        if steps % _CHUNK == 0:
            _check_time()  # the run's clock: `a == b` of 3e6-item lists took 0.6 s
        x, y = pair
        if x is y:
            continue
        if isinstance(x, List):
            if not isinstance(y, List) or len(x.items) != len(y.items):
                return False
            stack.append(zip(x.items, y.items))
        elif isinstance(x, Record):
            if not isinstance(y, Record) or list(x.fields) != list(y.fields):
                return False
            stack.append(zip(x.fields.values(), y.fields.values()))
        elif not _same(x, y):
            return False
    return True


def _same(x: Value, y: Value) -> bool:
    """Equality of two values that are not lists or records: by identity for a value
    whose ``==`` is not a bool (``identity_equal``: a distribution)."""
    if x is y:
        return True
    if x.identity_equal or y.identity_equal:
        return False
    return x == y


def _equal_flat(a: tuple, b: tuple) -> bool:
    """``a == b`` for tuples of values that are not lists or records, a piece at a time
    with the run's clock read between pieces (one comparison of 3e6 items: 0.6 s)."""
    if len(a) != len(b):
        return False
    if any(kind.identity_equal for kind in set(map(type, a)) | set(map(type, b))):
        return all(map(_same, a, b))  # a tuple's == would ask a distribution's truth
    for start in range(0, len(a), _CHUNK):
        if start:
            _check_time()
        if a[start:start + _CHUNK] != b[start:start + _CHUNK]:
            return False
    return True


def _leaf_summary(v: Value) -> dict:
    return v.summary()


def _summaries(v: Value, parts: list) -> dict:
    if isinstance(v, List):
        return {"type": "list", "items": parts}
    return {"type": "record", "fields": dict(zip(v.fields, parts))}


def _reprs(v: Value, parts: list) -> str:
    if isinstance(v, List):
        return f"List([{', '.join(parts)}])"
    return "Record({" + ", ".join(f"{k!r}: {p}" for k, p in zip(v.fields, parts)) + "})"


def _leaf_python(v: Value) -> Any:
    return v.to_python()


def _pythons(v: Value, parts: list) -> Any:
    return parts if isinstance(v, List) else dict(zip(v.fields, parts))


def type_name(value: Value) -> str:
    """Squiggle's name for a value's type, as ``typeOf`` returns it (a type whose
    ``typeOf`` name differs from the one in messages sets ``public_name``: Duration's is
    "Time Duration")."""
    return getattr(value, "public_name", value.type_name)


def _nests(x) -> bool:
    """Whether a list, tuple or dict holds another."""
    items = list(x.values()) if isinstance(x, dict) else x
    for start in range(0, len(items), _CHUNK):  # the clock between chunks: 9e6 items
        if start:                                # took 0.5 s
            _check_time()
        if any(issubclass(kind, (list, tuple, dict))
               for kind in set(map(type, items[start:start + _CHUNK]))):
            return True
    return False


def _to_value_nested(x, array) -> Value:
    """``from_python`` of nested lists, tuples and dicts, without recursion however deep
    they nest (a host function may return anything; the evaluator then checks the
    value's nesting against the limits)."""
    results: list = []
    todo: list = [(x, False)]
    open_ = set()  # the containers being converted: one met again inside is a cycle
    while todo:
        v, done = todo.pop()
        if done:
            open_.discard(id(v))
            n = len(v)
            cut = len(results) - n
            parts = results[cut:]
            del results[cut:]
            results.append(Record(dict(zip((str(k) for k in v), parts)))
                           if isinstance(v, dict) else List(parts))
        elif isinstance(v, (list, tuple, dict)):
            if id(v) in open_:
                raise TypeError(f"cannot convert a {type(v).__name__} that contains itself")
            open_.add(id(v))
            todo.append((v, True))
            items = list(v.values()) if isinstance(v, dict) else v
            todo.extend((c, False) for c in reversed(items))
        else:
            results.append(from_python(v, array))
    return results[0]


def from_python(x: Any, array: Optional[Callable[[np.ndarray], Value]]) -> Value:
    """Floats, ints, bools, str, lists, dicts and numpy scalars as values, Values as
    they are, and a sample array as ``array(x)``: the distribution class is above this
    module, so the caller hands in its constructor (``dsl.engine.conversion.to_value``); with
    None a sample array is a TypeError, as anything else that is no value."""
    if isinstance(x, Value):
        return x
    if isinstance(x, (bool, np.bool_)):
        return TRUE if x else FALSE
    if isinstance(x, (float, int, np.floating, np.integer)):
        return Number(float(x))
    if isinstance(x, str):
        return String(x)
    if isinstance(x, np.ndarray):
        if x.ndim == 0:
            return from_python(x.item(), array)
        if array is None:
            raise TypeError("cannot convert a sample array here")
        return array(x)
    if isinstance(x, (list, tuple, dict)) and _nests(x):
        return _to_value_nested(x, array)
    if isinstance(x, (list, tuple)):
        return List(_to_values(x, array))
    if isinstance(x, dict):
        if len(x) <= _CHUNK:
            return Record({str(k): from_python(v, array) for k, v in x.items()})
        fields: dict = {}
        for n, (k, v) in enumerate(x.items(), 1):  # the clock between chunks
            fields[str(k)] = from_python(v, array)
            if n % _CHUNK == 0:
                _check_time()
        return Record(fields)
    raise TypeError(f"cannot convert {type(x).__name__} to a value")


def _to_values(xs, array) -> list:
    """``from_python`` of each item, in chunks between which the run's clock is read (a
    builtin may return millions of items: ``dsl.base.meter``)."""
    if len(xs) <= _CHUNK:
        return [_to_item(x, array) for x in xs]
    out: list = []
    for start in range(0, len(xs), _CHUNK):
        _check_time()
        out.extend([_to_item(x, array) for x in xs[start:start + _CHUNK]])
    return out


def _to_item(x: Any, array) -> Value:
    kind = type(x)  # the common cases first, without the ABC's isinstance
    if kind is float:
        return Number(x)
    if kind is str:
        return String(x)
    return from_python(x, array)
