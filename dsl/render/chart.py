"""Output-agnostic models of what sqdsl draws: charts, tables and the other views of a
value. ``dsl.render.views`` builds them from values; the text drawer
(``dsl.render.text``), the JSON writer (``dsl.render.json``) and the SVG/HTML drawer
draw them. A drawer needs nothing but this module: every number it shows is already a
label here, written by the one number formatter (``dsl.render.axes.number_label``).

All classes are immutable ``Struct``s (``dsl.base.structs``); sequences are tuples of
floats (never numpy arrays), so a model compares and hashes by value and goes into
JSON as it is. Non-finite numbers do not occur in coordinates: views drop them and say
so in a ``note``.

Views (the top level: what one value looks like)
-------------------------------------------------
- ``TextView(text)``: a value that is one line of text (a number, string, date,
  duration, a function without a numeric domain ...).
- ``DistView(stats, chart, notes)``: a distribution: ``stats`` its labelled figures
  (mean, stdev, 5/25/50/75/95%: ``(("mean", "3.2k"), ...)``), ``chart`` its histogram
  (or None when every finite sample is the same number), ``notes`` sentences to show
  under it (infinite samples not plotted, exact figures).
- ``ProbabilityBar(p, label, percent)``: a condition (a 0/1 distribution): ``p`` in
  [0, 1] drawn as a bar filled to ``p``, ``label`` its formatted value (the text
  writes ``probability 0.1592``), ``percent`` the same as a percentage (``15.9%``, the
  SVG bar's label) or None when the label is to be shown as it is (a ``@format``, a
  tornado's "input  37%").
- ``Chart``: below.
- ``TableView(header, rows, align, title)``: an aligned table; ``header`` the column
  titles, ``rows`` tuples of cell texts (as many as the header), ``align`` "left" or
  "right" per column (numbers right).
- ``StackView(parts, title)``: views one under the other (a list of numbers: its chart
  and then its values; a calculator: its inputs table and its result).

Charts
------
``Chart(kind, x, y, layers, markers, title, note)``. ``kind`` is "histogram", "cdf",
"line", "fan" or "scatter": a hint (a drawer may, say, fill histogram bars), every
layer is drawable from its own data. ``x`` and ``y`` are ``Axis``es; ``layers`` are
drawn in order (bands first, then lines over them); ``markers`` are vertical marks on
the x axis.

``Axis(scale, lo, hi, ticks, title, constant, exponent, offset, offset_label)``: ``scale`` is "linear",
"log", "symlog", "power" or "date" (a date axis's values are milliseconds since 1970,
UTC); ``lo < hi`` the drawn range in data units; ``ticks`` ``Tick(value, label)``s
inside the range, in order; ``constant`` the symlog constant and ``exponent`` the
power exponent. ``axis.fraction(values)`` gives where values fall, 0 at ``lo`` and 1
at ``hi``, by the axis's own transform (log10, symlog's sign(x) log1p(|x| / c),
power's sign(x) |x|^e): use it rather than a transform of your own, so that every
output places things alike. ``offset`` and ``offset_label``: when ticks too close for
their labels to tell apart (``normal(1e6, 0.001)``) are labelled by their distance from
an offset (``-0.002`` ... ``+0.002``), that offset and its text (``1M +``), which a
drawer writes once at the axis end; None otherwise.

Layers:

- ``Bars(edges, heights, label)``: a histogram; bin i spans ``edges[i]`` to
  ``edges[i + 1]`` (equal steps on the axis's scale: a log axis has log-spaced bins)
  and ``heights[i]`` is the share of all samples in it (the y axis runs 0 to the
  largest share).
- ``Line(xs, ys, label, style)``: a polyline through the points, ``style`` "solid"
  (a function, a median, a CDF) or "dotted"; a NaN y (a point the function could not
  give) breaks the line there.
- ``Band(xs, lo, hi, level)``: the area between two lines, ``level`` the central
  probability it holds (0.9 for the 5th to 95th percentile, 0.5 for 25th to 75th);
  draw wider levels lighter.
- ``Points(xs, ys, label)``: unconnected points (a scatter plot).
- ``Spikes(xs, heights, labels)``: point masses (``pointMass(3)``, the constant of a
  mixture, a discrete distribution's values), drawn as lollipops: a stem at each x
  and a dot on top. ``heights[i]`` is the share of all samples that equal ``xs[i]``;
  spikes have a scale of their own (the tallest reaches the top of the plot: a share
  of samples at one point is not a density), so each carries its ``labels[i]``
  (``3: 50%``).

``Marker(x, label, kind)``: a vertical mark at ``x`` labelled ``label``; ``kind`` is
"mean" or "median" (a drawer may style them differently).
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from ..base.structs import Struct

__all__ = ["Tick", "Axis", "Bars", "Line", "Band", "Points", "Spikes", "Marker", "Chart",
           "TextView", "DistView", "ProbabilityBar", "TableView", "StackView",
           "SCALES", "CHART_KINDS", "as_tuple"]

SCALES = ("linear", "log", "symlog", "power", "date")
CHART_KINDS = ("histogram", "cdf", "line", "fan", "scatter")


class Tick(Struct, frozen=True):
    """A labelled tick at ``value`` (data units)."""
    value: float
    label: str


class Axis(Struct, frozen=True):
    """A chart axis (see the module docstring)."""
    scale: str
    lo: float
    hi: float
    ticks: tuple = ()
    title: Optional[str] = None
    constant: float = 1e-4   # symlog
    exponent: float = 0.1    # power
    offset: Optional[float] = None       # tick labels are distances from this value
    offset_label: Optional[str] = None   # ... written once at the axis end: "1M +"

    def transform(self, values):
        """The axis's transform of ``values`` (a number or an array), before scaling
        to [0, 1]: log10 for log, sign(x) log1p(|x| / constant) for symlog, sign(x)
        |x|^exponent for power, the values themselves otherwise."""
        x = np.asarray(values, dtype=np.float64)
        with np.errstate(all="ignore"):
            if self.scale == "log":
                return np.log10(x)
            if self.scale == "symlog":
                return np.sign(x) * np.log1p(np.abs(x) / self.constant)
            if self.scale == "power":
                return np.sign(x) * np.abs(x) ** self.exponent
            return x * 0.5  # halved: a range of +-1e308 stays finite

    def inverse(self, t):
        """The values whose ``transform`` is ``t`` (a number or an array)."""
        t = np.asarray(t, dtype=np.float64)
        with np.errstate(all="ignore"):
            if self.scale == "log":
                out = 10.0 ** t
            elif self.scale == "symlog":
                out = np.sign(t) * self.constant * np.expm1(np.abs(t))
            elif self.scale == "power":
                out = np.sign(t) * np.abs(t) ** (1 / self.exponent)
            else:
                out = t * 2.0
        return float(out) if np.ndim(out) == 0 else out

    def spaced(self, count: int) -> np.ndarray:
        """``count`` values from ``lo`` to ``hi``, evenly spaced on the axis (log-spaced
        on a log axis): where to evaluate a function drawn on it."""
        t = np.linspace(self.transform(self.lo), self.transform(self.hi), count)
        out = np.asarray(self.inverse(t), dtype=np.float64)
        out[0], out[-1] = self.lo, self.hi  # exactly the ends, not a rounding of them
        return out

    def fraction(self, values):
        """Where ``values`` fall on the axis: 0 at ``lo``, 1 at ``hi`` (outside the
        range below 0 or above 1; NaN for a value the scale cannot place, such as a
        negative number on a log axis)."""
        t_lo, t_hi = self.transform(self.lo), self.transform(self.hi)
        with np.errstate(all="ignore"):
            out = (self.transform(values) - t_lo) / (t_hi - t_lo)
        return float(out) if np.ndim(out) == 0 else out


class Bars(Struct, frozen=True):
    """Histogram bars: ``len(edges) == len(heights) + 1``."""
    edges: tuple
    heights: tuple
    label: Optional[str] = None


class Line(Struct, frozen=True):
    """A polyline; ``style`` "solid" or "dotted"."""
    xs: tuple
    ys: tuple
    label: Optional[str] = None
    style: str = "solid"


class Band(Struct, frozen=True):
    """The area between ``lo`` and ``hi`` over ``xs``, holding probability ``level``."""
    xs: tuple
    lo: tuple
    hi: tuple
    level: float


class Points(Struct, frozen=True):
    """Unconnected points."""
    xs: tuple
    ys: tuple
    label: Optional[str] = None


class Spikes(Struct, frozen=True):
    """Point masses: a lollipop at each of ``xs``, ``heights`` their shares of the
    samples, ``labels`` their texts."""
    xs: tuple
    heights: tuple
    labels: tuple = ()


class Marker(Struct, frozen=True):
    """A vertical mark at ``x``; ``kind`` "mean" or "median"."""
    x: float
    label: str
    kind: str


class Chart(Struct, frozen=True):
    """A chart (see the module docstring)."""
    kind: str
    x: Axis
    y: Axis
    layers: tuple = ()
    markers: tuple = ()
    title: Optional[str] = None
    note: Optional[str] = None


class TextView(Struct, frozen=True):
    """A value shown as one line of text."""
    text: str


class DistView(Struct, frozen=True):
    """A distribution: labelled figures, a histogram (or None) and notes."""
    stats: tuple
    chart: Optional[Chart] = None
    notes: tuple = ()


class ProbabilityBar(Struct, frozen=True):
    """A condition's probability ``p`` in [0, 1], its text and its percentage."""
    p: float
    label: str
    percent: Optional[str] = None


class TableView(Struct, frozen=True):
    """An aligned table of cell texts."""
    header: tuple
    rows: tuple
    align: tuple = ()
    title: Optional[str] = None


class StackView(Struct, frozen=True):
    """Views one under the other."""
    parts: tuple
    title: Optional[str] = None


def as_tuple(values) -> tuple:
    """``values`` (an array or sequence) as a tuple of Python floats."""
    return tuple(float(v) for v in np.asarray(values, dtype=np.float64).ravel())
