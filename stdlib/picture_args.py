"""Parameter types of the picture builtins (``stdlib.plots``, ``stdlib.tables``,
``stdlib.calculators``, ``stdlib.scales``, ``stdlib.specs``), read as Squiggle 0.10
reads its ``frDict``, ``frScale``, ``frTypedLambda`` ... arguments.
"""
from __future__ import annotations

from typing import Any

from dsl.engine.dist import Dist
from dsl.engine.functions import Lambda
from dsl.engine.pictures import Input, Scale, Specification
from dsl.engine.registry import BuiltinFunction
from dsl.engine.tags import NO_TAGS, with_tags
from dsl.engine.types import ParamType
from dsl.engine.values import Function, Number, Record, Value

__all__ = ["Options", "Of", "ScaleT", "InputT", "SpecT", "SampleSetT", "DistOrNumber",
           "FnTaking", "parameter_counts", "count_text", "is_sample_set", "name_tag",
           "doc_tag", "bare"]


class Options(ParamType):
    """A record of named parts, as Squiggle's ``frDict``: ``fields`` maps each key
    (``"xScale?"``: a trailing ``?`` makes it optional) to its type. Keys it does not
    name are ignored; a part of the wrong type, or a required one missing, means the
    overload does not apply. The implementation gets ``{key: converted or None}``."""

    def __init__(self, fields: dict[str, ParamType]) -> None:
        self.fields = {k.rstrip("?"): (t, k.endswith("?")) for k, t in fields.items()}
        super().__init__("{" + ", ".join(f"{k}: {t.name}" for k, t in fields.items()) + "}")

    def accepts(self, value: Value) -> bool:
        if not isinstance(value, Record):
            return False
        for key, (ptype, optional) in self.fields.items():
            part = value.fields.get(key)
            if part is None:
                if not optional:
                    return False
            elif not ptype.accepts(part):
                return False
        return True

    def convert(self, value: Record) -> dict[str, Any]:
        out = {}
        for key, (ptype, _) in self.fields.items():
            part = value.fields.get(key)
            out[key] = None if part is None else ptype.convert(part)
        return out


class Of(ParamType):
    """Values of one Python class, handed over as they are."""

    def __init__(self, name: str, cls: type, test=None) -> None:
        super().__init__(name)
        self.cls, self.test = cls, test

    def accepts(self, value: Value) -> bool:
        return isinstance(value, self.cls) and (self.test is None or self.test(value))


def is_sample_set(dist: Dist) -> bool:
    """Whether Squiggle 0.10 would hold ``dist`` as a sample set: not a ``Sym.*``
    distribution nor a point set (those write their own ``toString``)."""
    describe = getattr(dist.law, "squiggle_text", None)
    return not (callable(describe) and describe())


ScaleT = Of("Scale", Scale)
InputT = Of("Input", Input)
SpecT = Of("Specification", Specification)
SampleSetT = Of("SampleSetDist", Dist, is_sample_set)


class _DistOrNumber(ParamType):
    name = "Dist|Number"

    def accepts(self, value: Value) -> bool:
        return isinstance(value, (Dist, Number))


DistOrNumber = _DistOrNumber()


def parameter_counts(fn: Function) -> list[int]:
    """How many arguments ``fn`` takes, by signature (Squiggle's ``parameterCounts``:
    sorted, distinct)."""
    if isinstance(fn, Lambda):
        return [len(fn.params)]
    if isinstance(fn, BuiltinFunction):
        return sorted({len(s.params) for s in fn.builtin.signatures})
    return [len(fn.param_names())]


def count_text(fn: Function) -> str:
    """Squiggle's ``parameterCountString``: ``1``, ``1 or 2``, ``1, 2 or 3``."""
    counts = [str(c) for c in parameter_counts(fn)]
    return ", ".join(counts[:-1]) + (" or " if len(counts) > 1 else "") + counts[-1]


class FnTaking(ParamType):
    """A function that can take ``n`` arguments (Squiggle's ``frTypedLambda``, whose
    argument and result types sqdsl does not check before the call)."""

    def __init__(self, n: int, name: str) -> None:
        super().__init__(name)
        self.n = n

    def accepts(self, value: Value) -> bool:
        if not isinstance(value, Function):
            return False
        if isinstance(value, BuiltinFunction):  # optional and variadic parameters too
            return any(s.arity_ok(self.n) for s in value.builtin.signatures)
        return self.n in parameter_counts(value)


def name_tag(value: Value):
    """The value's ``@name``, or None."""
    return value.tags.name


def doc_tag(value: Value):
    """The value's ``@doc``, or None."""
    return value.tags.doc


def bare(value: Value) -> Value:
    """The value without its tags: what Squiggle keeps of a distribution or function
    given to a plot, table column, calculator or specification (its argument types
    unwrap the value; only a table's items keep theirs)."""
    return with_tags(value, NO_TAGS) if value.tags else value
