"""Squiggle 0.10's plots as values (``Plot.dist``, ``Plot.dists``, ``Plot.numericFn``,
``Plot.distFn``, ``Plot.scatter``, ``RelativeValues.gridPlot``); see ``dsl.engine.pictures``
for what every picture has.

A plot holds its parts live: the distributions themselves (their samples), the
function itself (a renderer calls it at the x points it chooses), and its scales after
Squiggle's defaults (a function's x scale spans its parameter's domain). ``kind`` is
Squiggle's ``plot.type``: "distributions", "numericFn", "distFn", "scatter" or
"relativeValues".
"""
from __future__ import annotations

from abc import abstractmethod
from typing import Optional

from .dist import Dist
from .pictures import LINEAR, Picture, Scale
from .value_text import squiggle_text
from .values import Function, Value, json_number

__all__ = ["Plot", "DistributionsPlot", "NumericFnPlot", "DistFnPlot", "ScatterPlot",
           "RelativeValuesPlot"]


class Plot(Picture):
    """Base of the plots: ``typeOf`` is "Plot" for every kind."""

    __slots__ = ()
    type_name = "Plot"
    kind = ""

    def member(self, key: str) -> Optional[Value]:
        """``plot.fn`` for a plot of a function (Squiggle's ``VPlot.get``), else None."""
        return None

    def _base(self) -> dict:
        return {"type": "plot", "kind": self.kind}

    def to_python(self) -> dict:
        out = _python(self.summary_parts())
        out["kind"] = self.kind
        return out

    def summary(self) -> dict:
        out = self._base()
        out.update(_summaries(self.summary_parts()))
        out["text"] = str(self)
        return out

    @abstractmethod
    def summary_parts(self) -> dict:
        """The plot's parts by their JSON keys, as values or plain data."""


def _summaries(parts: dict) -> dict:
    return {k: _summary(v) for k, v in parts.items()}


def _summary(v):
    if isinstance(v, Value):
        return v.summary()
    if isinstance(v, float):  # an x point: non-finite ones as DESIGN.md writes them
        return json_number(v)
    if isinstance(v, list):
        return [_summary(x) for x in v]
    if isinstance(v, dict):
        return {k: _summary(x) for k, x in v.items()}
    return v


def _python(v):
    if isinstance(v, Dist):
        return v.samples
    if isinstance(v, Value):
        return v.to_python()
    if isinstance(v, list):
        return [_python(x) for x in v]
    if isinstance(v, dict):
        return {k: _python(x) for k, x in v.items()}
    return v


def _scale_note(x_scale: Scale, y_scale: Scale) -> str:
    """`` (log x scale)``: the scales a line names, when not plain linear."""
    notes = [f"{s.method} {axis} scale" for axis, s in (("x", x_scale), ("y", y_scale))
             if s.method not in ("linear", None)]
    return f" ({', '.join(notes)})" if notes else ""


class DistributionsPlot(Plot):
    """``Plot.dist`` and ``Plot.dists``: ``distributions`` is a tuple of (name or None,
    distribution); a number given to ``Plot.dists`` is its point mass."""

    __slots__ = ("distributions", "x_scale", "y_scale", "title", "show_summary")
    kind = "distributions"

    def __init__(self, distributions: tuple[tuple[Optional[str], Dist], ...],
                 x_scale: Scale = LINEAR, y_scale: Scale = LINEAR,
                 title: Optional[str] = None, show_summary: bool = True) -> None:
        self.distributions = tuple(distributions)
        self.x_scale, self.y_scale = x_scale, y_scale
        self.title, self.show_summary = title, show_summary

    def summary_parts(self) -> dict:
        return {"distributions": [{"name": name, "value": dist}
                                  for name, dist in self.distributions],
                "xScale": self.x_scale, "yScale": self.y_scale, "title": self.title,
                "showSummary": self.show_summary}

    def describe(self) -> str:
        n = len(self.distributions)
        names = [name for name, _ in self.distributions if name]
        text = f"Plot of {n} distribution{'s' if n != 1 else ''}"
        if names:
            text += ": " + ", ".join(names)
        return text + _scale_note(self.x_scale, self.y_scale)

    def __str__(self) -> str:
        # JavaScript's join writes a missing name (Plot.dist's) as ""
        return "Plot containing " + ", ".join(name or "" for name, _ in self.distributions)


class _FnPlot(Plot):
    """A plot of a function of one number."""

    __slots__ = ()

    def member(self, key: str) -> Optional[Value]:
        return self.fn if key == "fn" else None  # type: ignore[attr-defined]


class NumericFnPlot(_FnPlot):
    """``Plot.numericFn``: a function of a number to a number, drawn as a line over
    ``x_scale`` (at ``x_points`` when given: sorted, distinct, inside the scale)."""

    __slots__ = ("fn", "x_scale", "y_scale", "title", "x_points")
    kind = "numericFn"

    def __init__(self, fn: Function, x_scale: Scale, y_scale: Scale = LINEAR,
                 title: Optional[str] = None,
                 x_points: Optional[tuple[float, ...]] = None) -> None:
        self.fn, self.x_scale, self.y_scale = fn, x_scale, y_scale
        self.title, self.x_points = title, x_points

    def summary_parts(self) -> dict:
        return {"fn": self.fn, "xScale": self.x_scale, "yScale": self.y_scale,
                "title": self.title,
                "xPoints": None if self.x_points is None else list(self.x_points)}

    def describe(self) -> str:
        return f"Plot of the function {self.fn.signature()}" + \
            _scale_note(self.x_scale, self.y_scale)

    def __str__(self) -> str:
        return f"Plot for numeric function {squiggle_text(self.fn)}"


class DistFnPlot(_FnPlot):
    """``Plot.distFn``: a function of a number to a distribution, drawn as bands of
    its quantiles over ``x_scale``; ``dist_x_scale`` is the scale of the values."""

    __slots__ = ("fn", "x_scale", "y_scale", "dist_x_scale", "title", "x_points")
    kind = "distFn"

    def __init__(self, fn: Function, x_scale: Scale, y_scale: Scale = LINEAR,
                 dist_x_scale: Scale = LINEAR, title: Optional[str] = None,
                 x_points: Optional[tuple[float, ...]] = None) -> None:
        self.fn, self.x_scale, self.y_scale = fn, x_scale, y_scale
        self.dist_x_scale, self.title, self.x_points = dist_x_scale, title, x_points

    def summary_parts(self) -> dict:
        return {"fn": self.fn, "xScale": self.x_scale, "yScale": self.y_scale,
                "distXScale": self.dist_x_scale, "title": self.title,
                "xPoints": None if self.x_points is None else list(self.x_points)}

    def describe(self) -> str:
        return f"Plot of the distribution function {self.fn.signature()}" + \
            _scale_note(self.x_scale, self.y_scale)

    def __str__(self) -> str:
        return f"Plot for dist function {squiggle_text(self.fn)}"


class ScatterPlot(Plot):
    """``Plot.scatter``: the samples of two sample sets against each other."""

    __slots__ = ("x_dist", "y_dist", "x_scale", "y_scale", "title")
    kind = "scatter"

    def __init__(self, x_dist: Dist, y_dist: Dist, x_scale: Scale = LINEAR,
                 y_scale: Scale = LINEAR, title: Optional[str] = None) -> None:
        self.x_dist, self.y_dist = x_dist, y_dist
        self.x_scale, self.y_scale, self.title = x_scale, y_scale, title

    def summary_parts(self) -> dict:
        return {"xDist": self.x_dist, "yDist": self.y_dist, "xScale": self.x_scale,
                "yScale": self.y_scale, "title": self.title}

    def describe(self) -> str:
        return "Scatter plot of two distributions" + _scale_note(self.x_scale, self.y_scale)

    def __str__(self) -> str:
        return (f"Scatter plot for distributions {squiggle_text(self.x_dist)} and "
                f"{squiggle_text(self.y_dist)}")


class RelativeValuesPlot(Plot):
    """``RelativeValues.gridPlot``: the grid of ``fn(id1, id2)`` (a pair of
    distributions) over the items ``ids``."""

    __slots__ = ("fn", "ids", "title")
    kind = "relativeValues"

    def __init__(self, fn: Function, ids: tuple[str, ...],
                 title: Optional[str] = None) -> None:
        self.fn, self.ids, self.title = fn, tuple(ids), title

    def member(self, key: str) -> Optional[Value]:
        return self.fn if key == "fn" else None

    def summary_parts(self) -> dict:
        return {"fn": self.fn, "ids": list(self.ids), "title": self.title}

    def describe(self) -> str:
        return f"Relative-values grid of {len(self.ids)} items: {', '.join(self.ids)}"

    def __str__(self) -> str:
        return f"Plot for relative values {', '.join(self.ids)}"
