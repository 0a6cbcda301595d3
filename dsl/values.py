"""The values a model computes: Number, Bool, String, List, Record, Function, Dist, Domain.

Each value knows its Squiggle type name (what ``typeOf`` returns), its JSON summary
(DESIGN.md section 2) and its plain-Python form. Distributions are arrays of samples;
everything about sampling lives in ``dsl.dist``.
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod
from typing import Any, Iterable, Mapping

import numpy as np

__all__ = [
    "Value", "Number", "Bool", "String", "List", "Record", "Function", "Domain",
    "TRUE", "FALSE", "to_value", "json_number", "type_name",
]


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

    @abstractmethod
    def summary(self) -> dict:
        """The JSON VALUE object of DESIGN.md section 2."""

    @abstractmethod
    def to_python(self) -> Any:
        """Plain Python (numbers, bools, str, list, dict) or numpy samples."""

    def _repr_html_(self) -> str:
        """How a notebook shows the value."""
        from .svg import value_html
        return value_html(self)


class Number(Value):
    """A float64 number."""

    __slots__ = ("value",)
    type_name = "Number"

    def __init__(self, value: float) -> None:
        self.value = float(value)

    def summary(self) -> dict:
        return {"type": "number", "value": json_number(self.value)}

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

    __slots__ = ("items",)
    type_name = "List"

    def __init__(self, items: Iterable[Value]) -> None:
        self.items = tuple(items)

    def summary(self) -> dict:
        return {"type": "list", "items": [v.summary() for v in self.items]}

    def to_python(self) -> list:
        return [v.to_python() for v in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __eq__(self, other) -> bool:
        return isinstance(other, List) and self.items == other.items

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"List({list(self.items)!r})"


class Record(Value):
    """An immutable, insertion-ordered mapping from string keys to values (Squiggle's
    Dict)."""

    __slots__ = ("fields",)
    type_name = "Dictionary"

    def __init__(self, fields: Mapping[str, Value]) -> None:
        self.fields = dict(fields)

    def summary(self) -> dict:
        return {"type": "record", "fields": {k: v.summary() for k, v in self.fields.items()}}

    def to_python(self) -> dict:
        return {k: v.to_python() for k, v in self.fields.items()}

    def __eq__(self, other) -> bool:
        return isinstance(other, Record) and list(self.fields.items()) == list(
            other.fields.items())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Record({self.fields!r})"


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

    def __str__(self) -> str:
        from .display import format_number
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


def type_name(value: Value) -> str:
    """Squiggle's name for a value's type, as ``typeOf`` returns it."""
    return value.type_name


def to_value(x: Any) -> Value:
    """Wrap what a builtin returned: floats, ints, bools, str, lists, dicts, numpy scalars
    and sample arrays, or Values (returned as they are)."""
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
            return to_value(x.item())
        from .dist import Dist
        return Dist.from_samples(x)
    if isinstance(x, (list, tuple)):
        return List(to_value(v) for v in x)
    if isinstance(x, dict):
        return Record({str(k): to_value(v) for k, v in x.items()})
    raise TypeError(f"cannot convert {type(x).__name__} to a value")
