"""Views -> JSON: the document ``sq run --json`` and ``sq eval --json`` print.

Every value's JSON VALUE is its ``summary()`` (DESIGN.md section 2 and README, *sq run
output*), unchanged; this module adds what a viewer needs to draw the values of the
run's bindings and result (not of values nested inside lists or records):

- ``"name"`` and ``"doc"``: a binding's ``@name`` and ``@doc``, when it has them;
- ``"chart"``: a CHART (``chart_json``) for a plot, and for a function of one number
  with a domain: the same chart the terminal draws, computed by ``dsl.render.views``;
- ``"result"``: for a calculator, the VALUE of its function on its fields' defaults
  (null while a field has no default; ``{"type": "error", "message": m}`` when it
  fails);
- ``"showAs"``: for a value with ``Tag.showAs``, its picture's VALUE (with the above).

A CHART is ``{"kind": "histogram"|"cdf"|"line"|"fan"|"scatter", "x": AXIS, "y": AXIS,
"layers": [LAYER...], "markers": [{"x": x, "label": s, "kind": "mean"|"median"}],
"title": s|null, "note": s|null}``; an AXIS ``{"scale": "linear"|"log"|"symlog"|
"power"|"date", "lo": x, "hi": x, "ticks": [{"value": x, "label": s}], "title": s|null}``
(symlog adds ``"constant"``, power ``"exponent"``; ticks labelled by their distance from
an offset, ``"+0.001"``, add ``"offset": x`` and ``"offsetLabel": "1M +"``); a LAYER one
of ``{"type": "bars", "edges": [x...], "heights": [x...]}`` (share of the samples per
bin), ``{"type": "line",
"xs": [...], "ys": [...], "label": s|null, "style": "solid"|"dotted"}``, ``{"type":
"band", "xs": [...], "lo": [...], "hi": [...], "level": 0.9|0.5}``, ``{"type":
"points", "xs": [...], "ys": [...], "label": s|null}``, ``{"type": "spikes", "xs":
[...], "heights": [...], "labels": [s...]}`` (point masses: each value's share of the
samples, on a scale of their own; ``"3: 50%"``). Numbers a function could not
give are null; other non-finite numbers are the strings of DESIGN.md.
"""
from __future__ import annotations

import math
from typing import Optional

from ..base.errors import DslError
from ..engine.plot_values import Plot
from ..engine.table_values import Calculator
from ..engine.values import Function, Value, json_number
from . import views
from .chart import (Axis, Band, Bars, Chart, DistView, Line, Points, ProbabilityBar, Spikes,
                    StackView, TableView, TextView)

__all__ = ["chart_json", "view_json", "value_json", "run_json"]


def _number(x: float):
    return None if isinstance(x, float) and math.isnan(x) else json_number(x)


def _numbers(xs) -> list:
    return [_number(x) for x in xs]


def axis_json(axis: Axis) -> dict:
    out = {"scale": axis.scale, "lo": json_number(axis.lo), "hi": json_number(axis.hi),
           "ticks": [{"value": json_number(t.value), "label": t.label} for t in axis.ticks],
           "title": axis.title}
    if axis.scale == "symlog":
        out["constant"] = axis.constant
    if axis.scale == "power":
        out["exponent"] = axis.exponent
    if axis.offset_label:  # tick labels are distances from this value
        out["offset"] = json_number(axis.offset)
        out["offsetLabel"] = axis.offset_label
    return out


def layer_json(layer) -> dict:
    if isinstance(layer, Bars):
        return {"type": "bars", "edges": _numbers(layer.edges),
                "heights": _numbers(layer.heights)}
    if isinstance(layer, Line):
        return {"type": "line", "xs": _numbers(layer.xs), "ys": _numbers(layer.ys),
                "label": layer.label, "style": layer.style}
    if isinstance(layer, Band):
        return {"type": "band", "xs": _numbers(layer.xs), "lo": _numbers(layer.lo),
                "hi": _numbers(layer.hi), "level": layer.level}
    if isinstance(layer, Points):
        return {"type": "points", "xs": _numbers(layer.xs), "ys": _numbers(layer.ys),
                "label": layer.label}
    if isinstance(layer, Spikes):
        return {"type": "spikes", "xs": _numbers(layer.xs),
                "heights": _numbers(layer.heights), "labels": list(layer.labels)}
    raise TypeError(f"not a layer: {layer!r}")


def chart_json(chart: Chart) -> dict:
    """A chart model as JSON (the module docstring's CHART)."""
    return {"kind": chart.kind, "x": axis_json(chart.x), "y": axis_json(chart.y),
            "layers": [layer_json(layer) for layer in chart.layers],
            "markers": [{"x": json_number(m.x), "label": m.label, "kind": m.kind}
                        for m in chart.markers],
            "title": chart.title, "note": chart.note}


def view_json(view) -> dict:
    """Any view as JSON: a chart as CHART with ``"view": "chart"``, the others as their
    fields (``"view": "text"|"dist"|"probability"|"table"|"stack"``)."""
    if isinstance(view, Chart):
        return {"view": "chart", **chart_json(view)}
    if isinstance(view, TextView):
        return {"view": "text", "text": view.text}
    if isinstance(view, ProbabilityBar):
        return {"view": "probability", "p": json_number(view.p), "label": view.label,
                "percent": view.percent}
    if isinstance(view, DistView):
        return {"view": "dist", "stats": [{"label": k, "text": t} for k, t in view.stats],
                "chart": None if view.chart is None else chart_json(view.chart),
                "notes": list(view.notes)}
    if isinstance(view, TableView):
        return {"view": "table", "header": list(view.header),
                "rows": [list(r) for r in view.rows], "align": list(view.align),
                "title": view.title}
    if isinstance(view, StackView):
        return {"view": "stack", "parts": [view_json(p) for p in view.parts],
                "title": view.title}
    raise TypeError(f"not a view: {view!r}")


def value_json(value: Value, options: views.ViewOptions = views.DEFAULT,
               summary: Optional[dict] = None) -> dict:
    """A value's JSON VALUE (``summary``, if already made) with what drawing it needs
    (the module docstring)."""
    out = dict(value.summary() if summary is None else summary)
    picture = views.shown_as(value)
    if picture is not None:  # Tag.showAs: the picture's VALUE with its drawing data
        out["showAs"] = value_json(picture, options)
    if isinstance(value, Plot):
        view = views.plot_view(value, options)
        if isinstance(view, Chart):
            out["chart"] = chart_json(view)
    elif isinstance(value, Function):
        chart = views.function_view(value, options)
        if chart is not None:
            out["chart"] = chart_json(chart)
    elif isinstance(value, Calculator):
        from ..engine.calculator_run import calculator_result
        try:
            result = calculator_result(value, samples=options.samples, seed=options.seed,
                                       limits=options.limits)
        except DslError as e:
            out["result"] = {"type": "error", "message": e.message}
        else:
            out["result"] = None if result is None else result.summary()
    return out


def run_json(result, summary: Optional[dict] = None) -> dict:
    """The ``--json`` document of a run (``result`` a ``dsl.engine.session.Result``):
    ``result.summary()`` with each binding's ``name``/``doc`` and the drawing data of
    the module docstring."""
    document = result.summary() if summary is None else summary
    options = views.ViewOptions(samples=result.samples, seed=result.seed,
                                limits=result.limits)
    bindings = document["bindings"]
    for name, entry in list(bindings.items()):
        binding = result.info.get(name)
        if binding is None:
            continue
        entry = value_json(binding.value, options, entry)
        if binding.label:
            entry["name"] = binding.label
        if binding.doc:
            entry["doc"] = binding.doc
        bindings[name] = entry
    if result.result is not None and document.get("result") is not None:
        document["result"] = value_json(result.result, options, document["result"])
    return document
