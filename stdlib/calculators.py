"""``Calculator.make`` and ``Input.*``: Squiggle 0.10's calculators (fr/calculator.ts,
fr/input.ts), a function with a form of inputs for its parameters, checked when made
(one input per parameter, named, no name twice).
"""
from __future__ import annotations

from typing import Optional

from dsl.base.errors import ArgumentError
from dsl.engine.functions import Lambda
from dsl.base.number_format import js_string
from dsl.engine.pictures import Input
from dsl.engine.registry import BuiltinFunction, builtin
from dsl.engine.table_values import Calculator
from dsl.engine.time_values import DateDomain
from dsl.engine.types import Boolean, Fn, ListOf, ParamType, Real, Str
from dsl.engine.values import Function, Number, String, Value

from .picture_args import (InputT, Of, Options, bare, count_text, doc_tag, name_tag,
                           parameter_counts)

__all__: list[str] = []

CalculatorT = Of("Calculator", Calculator)
_SETTINGS = {"title?": Str, "description?": Str, "inputs?": ListOf(InputT),
             "autorun?": Boolean, "sampleCount?": Real}


def _checked(calc: Calculator) -> Calculator:
    """Squiggle's ``VCalculator`` checks; where several fail, its last message wins."""
    names = [i.name for i in calc.inputs]
    if len(set(names)) != len(names):
        raise ArgumentError("Duplicate calculator field names found.")
    if "" in names:
        raise ArgumentError("Calculator field names can't be empty.")
    if len(calc.inputs) not in parameter_counts(calc.fn):
        raise ArgumentError(f"Calculator function needs {count_text(calc.fn)} parameters, "
                            f"but {len(calc.inputs)} fields were provided.")
    return calc


# what a calculator made from a bare builtin shows for a parameter of each type: (its
# kind of field, its type's name, its default code), as Squiggle's typeToFormInput
_FIELDS = {"Number": ("text", "Number", "0"), "Integer": ("text", "Number", "0"),
           "Number|Dist": ("text", "Number", "0"), "Dist": ("text", "Dist", "normal(1,1)"),
           "Boolean": ("checkbox", "Bool", False), "String": ("text", "String", ""),
           "Dict": ("textArea", "Dict", "{}"), "Function": ("text", "Function", "{|e| e}")}


def _field(type_text: str) -> tuple:
    if type_text.startswith("List"):
        return ("textArea", type_text, "[]")
    return _FIELDS.get(type_text, ("text", type_text, ""))


def _default_inputs(fn: Function) -> tuple[Input, ...]:
    """One field per parameter of ``fn`` (of its longest signature), as Squiggle's
    ``getDefaultInputs``: a model's function gets text fields named after its
    parameters without default code; a builtin's fields are "Input 1", "Input 2" ...,
    of its parameters' types, with Squiggle's default code for each."""
    if isinstance(fn, Lambda):
        return tuple(Input("text", p.name, default="", type_text=_domain_text(d))
                     for p, d in zip(fn.params, fn.domains))
    if isinstance(fn, BuiltinFunction):
        longest = max(fn.builtin.signatures, key=lambda s: len(s.params))
        fields = []
        for i, p in enumerate(longest.params):
            kind, type_text, default = _field(p.type.name)
            fields.append(Input(kind, f"Input {i + 1}", default=default,
                                type_text=type_text))
        return tuple(fields)
    return tuple(Input("text", name, default="", type_text="any")
                 for name in fn.param_names())


def _domain_text(domain) -> str:
    if domain is None:
        return "any"
    if isinstance(domain, DateDomain):
        return str(domain)
    return f"Number.rangeDomain({js_string(domain.low)}, {js_string(domain.high)})"


@builtin("Calculator.make", examples=[
    ('String(Calculator.make({|a, b| a + b}, {inputs: [Input.text({name: "a", default: "1"}), '
     'Input.text({name: "b", default: "2"})]}))', '"Calculator"'),
    ('typeOf(({|x| x * 5}) -> Calculator)', '"Calculator"')])
def make(fn: Fn, params: Options(_SETTINGS) = None) -> CalculatorT:
    """A calculator: ``fn`` with a form of ``inputs`` (``Input.*``, one per parameter,
    each named, no name twice), a ``title`` and ``description`` (default the
    function's ``@name`` and ``@doc``), ``autorun`` (default true; false makes the
    viewer wait for a button) and ``sampleCount`` for its runs.

    Without ``inputs``, each parameter gets a text field named after it. The older
    form ``Calculator.make({fn, title, inputs, ...})`` works too (there ``autorun`` is
    unset unless given, as in Squiggle), and ``Calculator(fn)`` is
    ``Calculator.make(fn)``."""
    o = params or dict.fromkeys(("title", "description", "inputs", "autorun", "sampleCount"))
    return _checked(Calculator(
        bare(fn), tuple(o["inputs"]) if o["inputs"] is not None else _default_inputs(fn),
        title=o["title"] or name_tag(fn) or None,
        description=o["description"] or doc_tag(fn) or None,
        autorun=True if o["autorun"] is None else o["autorun"],
        sample_count=o["sampleCount"] or None))


@builtin("Calculator.make")
def _make_record(params: Options({"fn": Fn, **_SETTINGS})) -> CalculatorT:
    return _checked(Calculator(
        bare(params["fn"]), tuple(params["inputs"] or ()), title=params["title"] or None,
        description=params["description"] or None, autorun=params["autorun"],
        sample_count=params["sampleCount"] or None))


# ---- inputs ----

class _NumberOrString(ParamType):
    name = "Number|String"

    def accepts(self, value: Value) -> bool:
        return isinstance(value, (Number, String))


_TEXT = Options({"name": Str, "description?": Str, "default?": _NumberOrString()})


def _code(default: Optional[Value]) -> Optional[str]:
    """A text field's default code: a number as JavaScript writes it; as in Squiggle,
    0 and "" count as none."""
    if default is None or not default.value:
        return None
    return js_string(default.value) if isinstance(default, Number) else default.value


@builtin("Input.text", examples=[
    ('String(Input.text({name: "First", default: "John"}))', '"Text input"'),
    ('typeOf(Input.text({name: "Number of X in Y", default: "20 to 300"}))', '"Input"')])
def text(params: _TEXT) -> InputT:
    """A one-line field of a calculator's form, for any value: ``name``, optional
    ``description`` and ``default`` (code, a string or a number)."""
    return Input("text", params["name"], description=params["description"] or None,
                 default=_code(params["default"]))


@builtin("Input.textArea", examples=[
    ('String(Input.textArea({name: "people", default: "[1, 2]"}))', '"Text area input"')])
def text_area(params: _TEXT) -> InputT:
    """A multi-line field of a calculator's form, for any value (options as
    ``Input.text``'s)."""
    return Input("textArea", params["name"], description=params["description"] or None,
                 default=_code(params["default"]))


@builtin("Input.checkbox", examples=[
    ('String(Input.checkbox({name: "IsTrue?", default: true}))', '"Check box input"')])
def checkbox(params: Options({"name": Str, "description?": Str,
                              "default?": Boolean})) -> InputT:
    """A checkbox of a calculator's form, for a boolean parameter."""
    return Input("checkbox", params["name"], description=params["description"] or None,
                 default=params["default"])


@builtin("Input.select", examples=[
    ('String(Input.select({name: "Name", default: "Sue", options: ["John", "Mary", "Sue"]}))',
     '"Select input (John, Mary, Sue)"')])
def select(params: Options({"name": Str, "options": ListOf(Str), "description?": Str,
                            "default?": Str})) -> InputT:
    """A drop-down of a calculator's form, for a string parameter: ``options`` (not
    empty, no option twice) and a ``default`` among them."""
    options, default = params["options"], params["default"]
    if not options:
        raise ArgumentError("Options cannot be empty")
    if default and default not in options:
        raise ArgumentError("Default value must be one of the options provided")
    if len(set(options)) != len(options):
        raise ArgumentError("Options cannot have duplicate values")
    return Input("select", params["name"], description=params["description"] or None,
                 default=default, options=tuple(options))
