"""Squiggle 0.10's picture values, part one: ``Scale``, ``Input`` and ``Specification``,
and what every picture shares.

A picture is a value a viewer draws: a plot (``dsl.engine.plot_values``), a table or a
calculator (``dsl.engine.table_values``), and the scales, form inputs and specifications they
are made of. Each holds exactly what Squiggle's constructor holds after its defaults
and checks (``stdlib.scales`` ... build them), is immutable, and has:

- ``type_name`` (``public_name`` where ``typeOf`` differs: a table is "Table Chart");
- ``str(value)``: Squiggle's ``toString`` (``Logarithmic scale``, ``Plot containing a,
  b``), what ``String(x)`` gives;
- ``describe()``: the one line ``sq run`` prints for it (drawing it is issue 18);
- ``summary()``: its JSON VALUE (README, *sq run output*), with its parts live values'
  summaries and ``"text"`` its ``toString``;
- ``to_python()``: the same as plain Python, distributions as sample arrays and
  functions as themselves.

Equality is Squiggle's: scales compare by method, min, max and tick format, a
specification only with itself; plots, tables, calculators and inputs are unequal
when their texts differ and otherwise cannot be compared (an error, as in Squiggle).
"""
from __future__ import annotations

import json
from typing import Any, Optional

from ..base.errors import TypeError_
from ..base.js_date import to_date_string
from ..base.number_format import js_string
from .value_text import squiggle_text
from .values import Function, Value, json_number

__all__ = ["Picture", "Scale", "Input", "Specification", "LINEAR", "SYMLOG_CONSTANT",
           "POWER_EXPONENT", "optional_json"]

# Squiggle's defaults for the symlog constant and the power exponent (VScale)
SYMLOG_CONSTANT = 0.0001
POWER_EXPONENT = 0.1


def optional_json(x: Optional[float]):
    """A number or None for JSON (non-finite numbers as DESIGN.md writes them)."""
    return None if x is None else json_number(x)


class Picture(Value):
    """Base of the picture values: Squiggle's equality for the ones it cannot compare
    (``Equal not implemented for these inputs`` when the texts agree)."""

    __slots__ = ()

    def describe(self) -> str:
        """The one line a text report shows (the picture itself is issue 18's)."""
        return str(self)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Value) or other.type_name != self.type_name:
            return False
        if squiggle_text(self) != squiggle_text(other):
            return False
        raise TypeError_("Equal not implemented for these inputs")

    __hash__ = None  # type: ignore[assignment]


class Scale(Picture):
    """An axis scale (``Scale.linear`` ...): Squiggle's ``{method, min, max, tickFormat,
    title}``. ``method`` is "linear", "log", "symlog", "power", "date", or None for
    ``Scale.date({...})``, which Squiggle 0.10 makes with ``format: {type: "date"}``
    and no method (``is_date``); ``constant`` (symlog) and ``exponent`` (power) are
    None when not given (the viewer then uses 0.0001 and 0.1). A date scale's min and
    max are milliseconds."""

    __slots__ = ("method", "constant", "exponent", "min", "max", "tick_format", "title",
                 "is_date")
    type_name = "Scale"

    def __init__(self, method: Optional[str], *, constant: Optional[float] = None,
                 exponent: Optional[float] = None, min: Optional[float] = None,
                 max: Optional[float] = None, tick_format: Optional[str] = None,
                 title: Optional[str] = None, is_date: bool = False) -> None:
        self.method, self.constant, self.exponent = method, constant, exponent
        self.min, self.max = min, max
        self.tick_format, self.title, self.is_date = tick_format, title, is_date

    def filled(self, default: "Scale") -> "Scale":
        """This scale with its unset parts taken from ``default`` (Squiggle's
        ``createScale``: a plot's x scale gets the range of its function's domain)."""
        own_method = self.method is not None
        return Scale(self.method if own_method else default.method,
                     constant=self.constant if own_method else default.constant,
                     exponent=self.exponent if own_method else default.exponent,
                     min=_first(self.min, default.min), max=_first(self.max, default.max),
                     tick_format=_first(self.tick_format, default.tick_format),
                     title=_first(self.title, default.title),
                     is_date=self.is_date or default.is_date)

    def summary(self) -> dict:
        out = {"type": "scale", "method": self.method, "min": optional_json(self.min),
               "max": optional_json(self.max), "tickFormat": self.tick_format,
               "title": self.title}
        if self.method == "symlog":
            out["constant"] = optional_json(self.constant)
        if self.method == "power":
            out["exponent"] = optional_json(self.exponent)
        if self.is_date:
            out["date"] = True
        out["text"] = str(self)
        return out

    def to_python(self) -> dict:
        out = self.summary()
        del out["type"], out["text"]
        return out

    def describe(self) -> str:
        parts = [str(self)]
        if self.min is not None or self.max is not None:
            parts.append(f"from {_bound(self, self.min)} to {_bound(self, self.max)}")
        if self.title:
            parts.append(f'titled "{self.title}"')
        return " ".join(parts)

    def __str__(self) -> str:
        if self.method == "linear":
            return "Linear scale"
        if self.method == "log":
            return "Logarithmic scale"
        if self.method == "symlog":  # `constant || default`, as Squiggle writes it
            return f"Symlog scale ({{constant: {js_string(self.constant or SYMLOG_CONSTANT)}}})"
        if self.method == "power":
            return f"Power scale ({{exponent: {js_string(self.exponent or POWER_EXPONENT)}}})"
        if self.method == "date":
            return "Date scale"
        return "Unspecified scale"

    def __eq__(self, other) -> bool:
        """Squiggle's ``scaleIsEqual``: method, min, max and tick format (not the
        title), and the symlog constant or power exponent as given."""
        if not isinstance(other, Scale):
            return False
        if (self.method, self.min, self.max, self.tick_format) != \
                (other.method, other.min, other.max, other.tick_format):
            return False
        return (self.constant, self.exponent) == (other.constant, other.exponent) \
            if self.method in ("symlog", "power") else True

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Scale({self.method!r}, min={self.min!r}, max={self.max!r})"


LINEAR = Scale("linear")  # Squiggle's default scale


def _first(a, b):
    return a if a is not None else b


def _bound(scale: Scale, x: Optional[float]) -> str:
    if x is None:
        return "?"
    if scale.method == "date" or scale.is_date:
        return to_date_string(x)
    return js_string(x)


class Input(Picture):
    """A field of a Calculator form (``Input.text`` ...): its ``kind`` ("text",
    "textArea", "checkbox", "select"), ``name``, ``description``, ``default`` (the
    code text of a text field, a bool for a checkbox, an option for a select; None when
    not given) and a select's ``options``. ``type_text`` is the parameter type a
    calculator made from a bare function shows (``any``), None for ``Input.*``."""

    __slots__ = ("kind", "name", "description", "default", "options", "type_text")
    type_name = "Input"

    def __init__(self, kind: str, name: str, *, description: Optional[str] = None,
                 default: Any = None, options: Optional[tuple[str, ...]] = None,
                 type_text: Optional[str] = None) -> None:
        self.kind, self.name, self.description = kind, name, description
        self.default, self.options, self.type_text = default, options, type_text

    def summary(self) -> dict:
        out = {"type": "input", "kind": self.kind, "name": self.name,
               "description": self.description, "default": self.default}
        if self.options is not None:
            out["options"] = list(self.options)
        if self.type_text is not None:
            out["typeName"] = self.type_text
        out["text"] = str(self)
        return out

    def to_python(self) -> dict:
        out = self.summary()
        del out["type"], out["text"]
        return out

    def describe(self) -> str:
        text = f'{str(self)} "{self.name}"'
        if self.default is not None:
            shown = ("true" if self.default else "false") if isinstance(self.default, bool) \
                else f'"{self.default}"'
            text += f" (default {shown})"
        return text

    def __str__(self) -> str:
        if self.kind == "text":
            return "Text input"
        if self.kind == "textArea":
            return "Text area input"
        if self.kind == "checkbox":
            return "Check box input"
        return f"Select input ({', '.join(self.options or ())})"

    def __repr__(self) -> str:
        return f"Input({self.kind!r}, {self.name!r})"


class Specification(Picture):
    """``Spec.make({name, documentation, validate})``: what a value should be, with a
    function that checks one. ``Tag.spec`` puts it on a value (its name and
    documentation become the value's). Equal only to itself, as in Squiggle."""

    __slots__ = ("name", "documentation", "validate", "_identity")
    type_name = "Specification"

    def __init__(self, name: str, documentation: str, validate: Function) -> None:
        self.name, self.documentation, self.validate = name, documentation, validate
        # what Squiggle compares: the record Spec.make made (a tagged copy shares it)
        self._identity = object()

    def summary(self) -> dict:
        return {"type": "specification", "name": self.name,
                "documentation": self.documentation, "validate": self.validate.summary(),
                "text": str(self)}

    def to_python(self) -> dict:
        return {"name": self.name, "documentation": self.documentation,
                "validate": self.validate}

    def describe(self) -> str:
        return f'Specification "{self.name}"'

    def __str__(self) -> str:
        """Squiggle writes ``JSON.stringify`` of its record, the function as its
        compiled form; sqdsl writes the function as ``toString`` does."""
        return (f'{{"name":{json.dumps(self.name, ensure_ascii=False)},"documentation":'
                f'{json.dumps(self.documentation, ensure_ascii=False)},"validate":'
                f'{json.dumps(squiggle_text(self.validate), ensure_ascii=False)}}}')

    def __eq__(self, other) -> bool:
        return isinstance(other, Specification) and other._identity is self._identity

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Specification({self.name!r})"

