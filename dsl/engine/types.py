"""Parameter types for builtin declarations.

A builtin's Python annotations are instances of ``ParamType``: they say which values a
parameter accepts (for choosing among overloads), how a value is handed to the Python
implementation (a float or a sample array for ``Num``, a str for ``Str`` ...), and which
domain it must lie in (``Positive``, ``Probability``). Errors name the parameter.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

import numpy as np

from ..base.meter import CHUNK, check_time
from .time_values import Date, Duration
from .values import (Bool, Domain, Function, List, Number, Record, String, Value)

__all__ = [
    "ParamType", "Num", "Real", "Int", "Str", "Boolean", "AnyValue", "Fn", "DistT", "ListOf",
    "RecordT", "Shape", "DomainT", "Positive", "NonNegative", "Probability", "PositiveReal",
    "NonNegativeInt", "Condition", "Plain", "describe_value", "DateT", "DurationT",
]


def describe_value(value: Value) -> str:
    """A short description of a value for error messages: ``Number 3``, ``String "a"``."""
    from .display import short
    return f"{value.type_name} {short(value)}" if not isinstance(value, Function) else \
        f"Function {value.name}"


class ParamType:
    """What a builtin parameter accepts. Subclasses override ``accepts`` and ``convert``;
    ``where`` makes a copy with a domain condition."""

    name = "Any"

    def __init__(self, name: Optional[str] = None,
                 condition: Optional[Callable[[Any], Any]] = None,
                 condition_text: str = "") -> None:
        if name:
            self.name = name
        self.condition = condition
        self.condition_text = condition_text

    def accepts(self, value: Value) -> bool:
        """Whether ``value`` has the right type (domains are checked later, so a call
        with the right types but a bad value gets a domain error, not 'no overload')."""
        return True

    def convert(self, value: Value) -> Any:
        """The Python form handed to the implementation."""
        return value

    def check(self, converted: Any) -> Optional[str]:
        """None when the converted value lies in the domain, else what it must satisfy
        ("must be > 0")."""
        if self.condition is None:
            return None
        with np.errstate(invalid="ignore"):
            ok = self.condition(converted)
        return None if bool(np.all(ok)) else "must be " + self.condition_text

    def where(self, condition: Callable[[Any], Any], text: str, name: str = "") -> "ParamType":
        """This type restricted to values satisfying ``condition`` (described by ``text``,
        e.g. "> 0"); works element-wise on sample arrays."""
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.condition = condition
        copy.condition_text = text
        if name:
            copy.name = name
        return copy

    def __repr__(self) -> str:
        return self.name


class _Num(ParamType):
    """A number or a distribution: the implementation gets a float or a sample array
    and must work element-wise on both."""

    name = "Number|Dist"

    def accepts(self, value):
        from .dist import Dist
        return isinstance(value, (Number, Dist))

    def convert(self, value):
        return value.value if isinstance(value, Number) else value.samples


class _Real(ParamType):
    """A plain number: the implementation gets a float."""

    name = "Number"

    def accepts(self, value):
        return isinstance(value, Number)

    def convert(self, value):
        return value.value


class _Int(_Real):
    """A whole number: the implementation gets an int."""

    name = "Integer"

    def accepts(self, value):
        return isinstance(value, Number) and np.isfinite(value.value) and \
            float(value.value).is_integer()

    def convert(self, value):
        return int(value.value)


class _Str(ParamType):
    name = "String"

    def accepts(self, value):
        return isinstance(value, String)

    def convert(self, value):
        return value.value


class _Boolean(ParamType):
    name = "Boolean"

    def accepts(self, value):
        return isinstance(value, Bool)

    def convert(self, value):
        return value.value


class _Fn(ParamType):
    name = "Function"

    def accepts(self, value):
        return isinstance(value, Function)


class _Dist(ParamType):
    """A distribution, handed over as the Dist value itself (with its exact law)."""

    name = "Dist"

    def accepts(self, value):
        from .dist import Dist
        return isinstance(value, Dist)


class _Condition(ParamType):
    """A Boolean, or a 0/1 distribution (the result of comparing distributions)."""

    name = "Boolean|Dist"

    def accepts(self, value):
        from .dist import Dist
        return isinstance(value, Bool) or (isinstance(value, Dist) and value.is_indicator)

    def convert(self, value):
        return value.value if isinstance(value, Bool) else value.samples


class _Plain(ParamType):
    """Any value, handed over as plain Python: a float for a number, a numpy sample
    array for a distribution, bool, str, list or dict otherwise. What a Python function
    registered with ``Session.register`` gets for an unannotated parameter."""

    name = "Any"

    def convert(self, value):
        from .dist import Dist
        if isinstance(value, Dist):
            return value.samples
        if isinstance(value, Function):
            return value
        return value.to_python()


class _DomainT(ParamType):
    name = "Domain"

    def accepts(self, value):
        return isinstance(value, Domain)


class _DateT(ParamType):
    """A Date, handed over as the Date value (its ``ms``)."""

    name = "Date"

    def accepts(self, value):
        return isinstance(value, Date)


class _DurationT(ParamType):
    """A Duration, handed over as the Duration value (its ``ms``)."""

    name = "Duration"

    def accepts(self, value):
        return isinstance(value, Duration)


class ListOf(ParamType):
    """A list whose items all have ``item`` type; the implementation gets a Python list
    of the items' converted forms."""

    def __init__(self, item: ParamType = None, **kw) -> None:
        super().__init__(**kw)
        self.item = item or AnyValue
        if "name" not in kw or not kw["name"]:
            self.name = f"List({self.item.name})" if self.item is not AnyValue else "List"

    # Lists can be long (up to Limits.max_list_length): items are looked at in chunks,
    # between which the run's clock is read (``dsl.base.meter``), and not at all when any item
    # will do.

    def accepts(self, value):
        if not isinstance(value, List):
            return False
        if self.item is AnyValue:
            return True
        return all(all(map(self.item.accepts, part)) for part in _chunks(value.items))

    def convert(self, value):
        if self.item is AnyValue:
            return list(value.items)
        out: list = []
        for part in _chunks(value.items):
            out.extend(map(self.item.convert, part))
        return out

    def check(self, converted):
        if self.item.condition is not None or type(self.item).check is not ParamType.check:
            for part in _chunks(converted):
                for v in part:
                    problem = self.item.check(v)
                    if problem:
                        # "must be >= 0" -> "must have every item >= 0"
                        return "must have every item " + problem.split(" ", 2)[-1]
        return super().check(converted)


def _chunks(items):
    """``items`` in slices of ``meter.CHUNK``, reading the run's clock between them."""
    if len(items) <= CHUNK:
        yield items
        return
    for start in range(0, len(items), CHUNK):
        check_time()
        yield items[start:start + CHUNK]


class RecordT(ParamType):
    """Any record; the implementation gets a dict of Values."""

    name = "Dict"

    def accepts(self, value):
        return isinstance(value, Record)

    def convert(self, value):
        return dict(value.fields)


class Shape(ParamType):
    """A record with exactly these keys, each a number or distribution, as in
    ``normal({p5: 1, p95: 3})``; the implementation gets a dict of floats/arrays."""

    def __init__(self, *keys: str, **kw) -> None:
        super().__init__(**kw)
        self.keys = keys
        self.name = "{" + ", ".join(keys) + "}"

    def accepts(self, value):
        return isinstance(value, Record) and set(value.fields) == set(self.keys) and all(
            Num.accepts(v) for v in value.fields.values())

    def convert(self, value):
        return {k: Num.convert(value.fields[k]) for k in self.keys}


Num = _Num()
Real = _Real()
Int = _Int()
Str = _Str()
Boolean = _Boolean()
AnyValue = ParamType("Any")
Fn = _Fn()
DistT = _Dist()
DomainT = _DomainT()
DateT = _DateT()
DurationT = _DurationT()
Plain = _Plain()
Condition = _Condition()

Positive = Num.where(lambda x: x > 0, "> 0")
NonNegative = Num.where(lambda x: x >= 0, ">= 0")
Probability = Num.where(lambda x: (x >= 0) & (x <= 1), "between 0 and 1")
PositiveReal = Real.where(lambda x: x > 0, "> 0")
NonNegativeInt = Int.where(lambda x: x >= 0, ">= 0")
