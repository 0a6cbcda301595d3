"""Running a Calculator as Squiggle's playground runs it: each field's code is a program
of its own (a text field's code as typed, a checkbox ``true`` or ``false``, a select
its option as a string), run with the calculator's sample count, and the calculator's
function is called with their values.

A Calculator value only holds its function and form (``dsl.engine.table_values``); a viewer
(issue 18's render layer, the playground) calls ``calculator_result`` for the result
of the defaults, or of what a user typed.
"""
from __future__ import annotations

import json
from typing import Optional, Sequence

from ..base.errors import ArgumentError
from ..base.limits import Limits
from .pictures import Input
from .session import Session
from .table_values import Calculator
from .values import Value

__all__ = ["field_code", "calculator_result"]


def field_code(field: Input, value=None) -> str:
    """The code a field gives (``value``, or the field's default, as a viewer's form
    holds it: a string, or a bool for a checkbox); "" when it has none."""
    value = field.default if value is None else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False) if field.kind == "select" else str(value)


def calculator_result(calc: Calculator, *, samples: int = 100_000, seed: int = 0,
                      limits: Optional[Limits] = None,
                      values: Optional[Sequence] = None) -> Optional[Value]:
    """The calculator's function of its fields' values (``values``: one per field, as
    ``field_code`` takes them; default: the defaults), or None while a field has no
    code (the playground waits for every one). ``samples`` is the model's sample count,
    used unless the calculator sets ``sampleCount``. A field's error, or the
    function's, is raised as a DslError."""
    values = [None] * len(calc.inputs) if values is None else list(values)
    if len(values) != len(calc.inputs):
        raise ArgumentError(f"the calculator has {len(calc.inputs)} fields, got "
                            f"{len(values)} values")
    codes = [field_code(f, v) for f, v in zip(calc.inputs, values)]
    if not all(codes):
        return None
    count = calc.sample_count
    if count is not None and float(count).is_integer() and count >= 1:
        samples = int(count)
    names = [f"field{i}" for i in range(len(codes))]
    # every name a binding the inputs replace: the function as it is, each field's code
    # evaluated as a program of its own (Session.to_value of a string)
    program = "\n".join(f"{n} = 0" for n in ["calculatorFn", *names])
    program += f"\ncalculatorFn({', '.join(names)})"
    inputs = {"calculatorFn": calc.fn, **dict(zip(names, codes))}
    session = Session(samples, seed, limits=limits)
    return session.run(program, "<calculator>", inputs).result
