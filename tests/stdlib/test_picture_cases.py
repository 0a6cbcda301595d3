"""What each picture holds, checked against what Squiggle 0.10 holds for the same
expression (tests/data/picture_cases.json, recorded by ``python tools/picture_cases.py``):
the record inside its Plot, Scale, Table, Calculator, Input or Specification after
Squiggle's defaults and checks, a distribution written "<dist>" and a function "<fn>"."""
from __future__ import annotations

import json
import pathlib

import pytest

import dsl
from dsl.engine.dist import Dist
from dsl.engine.pictures import Input, Scale, Specification
from dsl.engine.plot_values import (DistFnPlot, DistributionsPlot, NumericFnPlot,
                             RelativeValuesPlot, ScatterPlot)
from dsl.engine.table_values import Calculator, Table
from dsl.engine.value_text import squiggle_text
from dsl.engine.values import Function, type_name

DATA = json.loads((pathlib.Path(__file__).resolve().parents[1] / "data"
                   / "picture_cases.json").read_text())
CASES = DATA["cases"]

# Squiggle's value types, as typeOf names them here (a table's internal type is TableChart)
TYPES = {"Plot": "Plot", "Scale": "Scale", "TableChart": "Table Chart",
         "Calculator": "Calculator", "Input": "Input", "Specification": "Specification"}


def _set(out: dict, **items) -> dict:
    """``out`` with the items that are not None (Squiggle's keys left undefined)."""
    out.update({k: v for k, v in items.items() if v is not None})
    return out


def _number(x):
    return int(x) if x is not None and float(x).is_integer() else x


def _part(v):
    if isinstance(v, Dist):
        return "<dist>"
    if isinstance(v, Function):
        return "<fn>"
    if isinstance(v, Scale):
        return held(v)
    return squiggle_text(v)


def held(value) -> dict:
    """A picture as Squiggle's record of it."""
    if isinstance(value, Scale):
        out = {}
        if value.method is not None:
            out["method"] = _set({"type": value.method}, constant=_number(value.constant),
                                 exponent=_number(value.exponent))
        if value.is_date:
            out["format"] = {"type": "date"}
        return _set(out, min=_number(value.min), max=_number(value.max),
                    tickFormat=value.tick_format, title=value.title)
    if isinstance(value, DistributionsPlot):
        return _set({"type": "distributions",
                     "distributions": [_set({"distribution": "<dist>"}, name=name)
                                       for name, _ in value.distributions],
                     "xScale": held(value.x_scale), "yScale": held(value.y_scale),
                     "showSummary": value.show_summary}, title=value.title)
    if isinstance(value, (NumericFnPlot, DistFnPlot)):
        out = _set({"type": value.kind, "fn": "<fn>", "xScale": held(value.x_scale),
                    "yScale": held(value.y_scale)}, title=value.title,
                   xPoints=None if value.x_points is None else
                   [_number(x) for x in value.x_points])
        if isinstance(value, DistFnPlot):
            out["distXScale"] = held(value.dist_x_scale)
        return out
    if isinstance(value, ScatterPlot):
        return _set({"type": "scatter", "xDist": "<dist>", "yDist": "<dist>",
                     "xScale": held(value.x_scale), "yScale": held(value.y_scale)},
                    title=value.title)
    if isinstance(value, RelativeValuesPlot):
        return _set({"type": "relativeValues", "fn": "<fn>", "ids": list(value.ids)},
                    title=value.title)
    if isinstance(value, Table):
        return {"data": [_part(v) for v in value.data],
                "columns": [_set({"fn": "<fn>"}, name=name) for name, _ in value.columns]}
    if isinstance(value, Calculator):
        return _set({"fn": "<fn>", "inputs": [held(i) for i in value.inputs]},
                    title=value.title, description=value.description,
                    autorun=value.autorun, sampleCount=_number(value.sample_count))
    if isinstance(value, Input):
        return _set({"type": value.kind, "name": value.name},
                    description=value.description, default=value.default,
                    options=None if value.options is None else list(value.options),
                    typeName=value.type_text)
    if isinstance(value, Specification):
        return {"name": value.name, "documentation": value.documentation,
                "validate": "<fn>"}
    raise AssertionError(f"not a picture: {value!r}")


def _expected(case: dict) -> dict:
    out = dict(case["held"])
    if "points" in out:  # Squiggle 0.10 keeps distFn's x points under "points" in its
        out["xPoints"] = out.pop("points")  # current form, "xPoints" in the older one
    return out


def test_the_recording_is_squiggle_0_10s():
    assert DATA["squiggle"] == "@quri/squiggle-lang 0.10.0" and len(CASES) >= 40
    assert all("held" in c for c in CASES.values())


@pytest.mark.parametrize("source", list(CASES))
def test_a_picture_holds_what_squiggle_holds(source):
    value = dsl.Session(samples=200, seed=0).evaluate(source)
    assert type_name(value) == TYPES[CASES[source]["type"]]
    assert held(value) == _expected(CASES[source])
