"""The SVG drawer: a ``Chart`` or ``ProbabilityBar`` (``dsl.render.chart``) as one
standalone SVG string, for the notebook and the playground.

Every SVG is self-contained: sized by its ``viewBox`` (and ``width``/``height`` for a
file opened on its own), styled by presentation attributes (no stylesheet, no fonts,
no script), with a ``<title>`` saying what it shows and every word as ``<text>``, so a
screen reader and a text search both find them. Places come from ``Axis.fraction``,
the same transform every output uses; a coordinate that is not finite is never
written (a line breaks there, a point is left out).

Structure a reader (or a test) can rely on: the x axis is ``<g class="sq-axis
sq-x" data-scale="log">`` (its scale) holding a ``<line class="sq-tick">`` and a
``<text class="sq-tick-label">`` per tick; the y axis is the same with ``sq-y``;
layers are ``sq-bars``, ``sq-line``, ``sq-band`` (one ``<path>`` per band, with
``data-level``) and ``sq-points`` paths; markers are ``<g class="sq-marker
sq-mean">`` (or ``sq-median``) with a line and a label.
"""
from __future__ import annotations

import math
from html import escape
from typing import Iterable, Optional, Sequence

import numpy as np

from .chart import (Axis, Band, Bars, Chart, Line, Marker, Points, ProbabilityBar)

__all__ = ["WIDTH", "PALETTE", "chart_svg", "probability_svg", "describe_chart"]

WIDTH = 600          # viewBox width: 12px text stays legible when drawn 600px wide
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
FONT_SIZE = 12
CHAR_WIDTH = 6.8     # a generous average width of one character at FONT_SIZE
PALETTE = ("#3b6fb6", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#0b7285",
           "#c2255c", "#5c940d")
INK, MUTED, GRID = "#1f2933", "#52606d", "#e4e7eb"
MARKER_STYLE = {"mean": ("#c2410c", "5 3"), "median": ("#1f2933", "2 3")}
_POINTS_MAX = 4_000  # points of a Points layer drawn
_LIMIT = 50.0  # fractions are clamped to +-this: far-off points stay finite and short


def _n(x: float) -> str:
    """A coordinate: one decimal, never NaN (callers drop non-finite points first)."""
    if not math.isfinite(x):
        raise ValueError(f"non-finite SVG coordinate {x}")
    text = f"{x:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def _text(x: float, y: float, content: str, *, cls: str, anchor: str = "middle",
          size: float = FONT_SIZE, fill: str = MUTED, extra: str = "") -> str:
    return (f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" '
            f'font-size="{size:g}" fill="{fill}"{extra}>{escape(content)}</text>')


def _width_of(label: str, size: float = FONT_SIZE) -> float:
    return len(label) * CHAR_WIDTH * size / FONT_SIZE


def _clamped(axis: Axis, values: Sequence[float]) -> np.ndarray:
    """``axis.fraction`` of finite values, clamped to +-_LIMIT (a point far off the
    chart stays a short finite number); NaN for the others, which are not drawn."""
    x = np.asarray(values, dtype=np.float64)
    f = np.asarray(axis.fraction(x), dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(x) & ~np.isnan(f), np.clip(f, -_LIMIT, _LIMIT), np.nan)


class _Frame:
    """The plot area inside the SVG and the mapping of data to pixels."""

    def __init__(self, chart: Chart, left: float, top: float, width: float,
                 height: float):
        self.chart, self.left, self.top = chart, left, top
        self.width, self.height = width, height

    def xs(self, values: Sequence[float]) -> np.ndarray:
        return self.left + _clamped(self.chart.x, values) * self.width

    def ys(self, values: Sequence[float]) -> np.ndarray:
        f = _clamped(self.chart.y, values)
        return self.top + self.pad + (1 - f) * (self.height - 2 * self.pad)

    @property
    def pad(self) -> float:
        """Room above and below the y range inside the frame, so that a line along
        its top or bottom is not cut in half (a histogram stands on the x axis)."""
        return 0.0 if self.chart.kind == "histogram" else 6.0

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


def _polyline(px: np.ndarray, py: np.ndarray) -> str:
    """Path data through the points, a new subpath after every non-finite point."""
    parts, pen_down = [], False
    for x, y in zip(px, py):
        if math.isfinite(x) and math.isfinite(y):
            parts.append(f"{'L' if pen_down else 'M'}{_n(x)} {_n(y)}")
            pen_down = True
        else:
            pen_down = False
    return "".join(parts)


def _thin(positions: Sequence[float], labels: Sequence[str], gap: float = 8) -> list[bool]:
    """Which tick labels to write so that none overlap: every k-th, the smallest k
    that leaves ``gap`` pixels between neighbours."""
    n = len(labels)
    for step in range(1, max(n, 1) + 1):
        keep = [i % step == 0 for i in range(n)]
        shown = [i for i in range(n) if keep[i]]
        if all(positions[b] - positions[a] >=
               (_width_of(labels[a]) + _width_of(labels[b])) / 2 + gap
               for a, b in zip(shown, shown[1:])):
            return keep
    return [i == 0 for i in range(n)]


def _x_axis(frame: _Frame, grid: bool) -> str:
    axis = frame.chart.x
    ticks = [t for t in axis.ticks if math.isfinite(frame.xs([t.value])[0])]
    px = [float(frame.xs([t.value])[0]) for t in ticks]
    inside = [(t, x) for t, x in zip(ticks, px) if frame.left - 0.5 <= x <= frame.right + 0.5]
    keep = _thin([x for _, x in inside], [t.label for t, _ in inside])
    out = [f'<g class="sq-axis sq-x" data-scale="{escape(axis.scale)}">',
           f'<line class="sq-axis-line" x1="{_n(frame.left)}" x2="{_n(frame.right)}" '
           f'y1="{_n(frame.bottom)}" y2="{_n(frame.bottom)}" stroke="{MUTED}"/>']
    for (tick, x), shown in zip(inside, keep):
        if grid:
            out.append(f'<line class="sq-grid" x1="{_n(x)}" x2="{_n(x)}" '
                       f'y1="{_n(frame.top)}" y2="{_n(frame.bottom)}" stroke="{GRID}"/>')
        out.append(f'<line class="sq-tick" x1="{_n(x)}" x2="{_n(x)}" '
                   f'y1="{_n(frame.bottom)}" y2="{_n(frame.bottom + 5)}" stroke="{MUTED}"/>')
        if shown:
            out.append(_text(x, frame.bottom + 19, tick.label, cls="sq-tick-label"))
    if axis.title:
        out.append(_text(frame.left + frame.width / 2, frame.bottom + 38, axis.title,
                         cls="sq-axis-title", fill=INK))
    out.append("</g>")
    return "".join(out)


def _y_axis(frame: _Frame) -> str:
    axis = frame.chart.y
    out = [f'<g class="sq-axis sq-y" data-scale="{escape(axis.scale)}">',
           f'<line class="sq-axis-line" x1="{_n(frame.left)}" x2="{_n(frame.left)}" '
           f'y1="{_n(frame.top)}" y2="{_n(frame.bottom)}" stroke="{MUTED}"/>']
    for tick in axis.ticks:
        y = float(frame.ys([tick.value])[0])
        if not (math.isfinite(y) and frame.top - 0.5 <= y <= frame.bottom + 0.5):
            continue
        out.append(f'<line class="sq-grid" x1="{_n(frame.left)}" x2="{_n(frame.right)}" '
                   f'y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}"/>')
        out.append(f'<line class="sq-tick" x1="{_n(frame.left - 5)}" x2="{_n(frame.left)}" '
                   f'y1="{_n(y)}" y2="{_n(y)}" stroke="{MUTED}"/>')
        out.append(_text(frame.left - 8, y + 4, tick.label, cls="sq-tick-label",
                         anchor="end"))
    if axis.title:
        x, y = 12, frame.top + frame.height / 2
        out.append(_text(x, y, axis.title, cls="sq-axis-title", fill=INK,
                         extra=f' transform="rotate(-90 {_n(x)} {_n(y)})"'))
    out.append("</g>")
    return "".join(out)


def _bars(frame: _Frame, layer: Bars, colour: str, overlaid: bool) -> str:
    """A histogram as one filled step outline (bars without gaps read as a density)."""
    edges = frame.xs(layer.edges)
    tops = frame.ys(layer.heights)
    base = frame.bottom
    points = []
    for i, top in enumerate(tops):
        x0, x1 = edges[i], edges[i + 1]
        if not (math.isfinite(x0) and math.isfinite(x1) and math.isfinite(top)):
            continue
        points += [(x0, top), (x1, top)]
    if not points:
        return ""
    d = (f"M{_n(points[0][0])} {_n(base)}"
         + "".join(f"L{_n(x)} {_n(y)}" for x, y in points)
         + f"L{_n(points[-1][0])} {_n(base)}Z")
    opacity = 0.35 if overlaid else 0.55
    label = f' data-label="{escape(layer.label)}"' if layer.label else ""
    return (f'<path class="sq-bars"{label} d="{d}" fill="{colour}" '
            f'fill-opacity="{opacity}" stroke="{colour}" stroke-width="1.2" '
            f'stroke-linejoin="round"/>')


def _band(frame: _Frame, layer: Band, colour: str) -> str:
    """The area between two lines: along ``hi`` and back along ``lo``; a point where
    either is not finite is left out."""
    xs, lo, hi = frame.xs(layer.xs), frame.ys(layer.lo), frame.ys(layer.hi)
    ok = np.isfinite(xs) & np.isfinite(lo) & np.isfinite(hi)
    if ok.sum() < 2:
        return ""
    xs, lo, hi = xs[ok], lo[ok], hi[ok]
    d = ("M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in zip(xs, hi))
         + "L" + "L".join(f"{_n(x)} {_n(y)}" for x, y in zip(xs[::-1], lo[::-1])) + "Z")
    opacity = _band_opacity(layer.level)
    return (f'<path class="sq-band" data-level="{layer.level:g}" d="{d}" '
            f'fill="{colour}" fill-opacity="{opacity:.2f}" stroke="none"/>')


def _decimated(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A line of many more points than pixel columns, its x never decreasing and every
    point finite, cut to the first, lowest, highest and last point of each column:
    the same picture, a path a hundred times shorter (a list of 1e5 numbers)."""
    if px.shape[0] < 4 * 600 or not (np.isfinite(px).all() and np.isfinite(py).all()
                                      and (np.diff(px) >= 0).all()):
        return px, py
    col = np.floor(px).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
    ends = np.r_[starts[1:], px.shape[0]] - 1
    lowest = np.lexsort((py, col))    # by column, then by y: the first of each column
    highest = np.lexsort((-py, col))  # is the lowest (highest) point
    firsts = np.searchsorted(col[lowest], col[starts])
    keep = np.unique(np.concatenate([starts, ends, lowest[firsts], highest[firsts]]))
    return px[keep], py[keep]


def _line(frame: _Frame, layer: Line, colour: str) -> str:
    d = _polyline(*_decimated(frame.xs(layer.xs), frame.ys(layer.ys)))
    if not d:
        return ""
    dash = ' stroke-dasharray="2 3"' if layer.style == "dotted" else ""
    label = f' data-label="{escape(layer.label)}"' if layer.label else ""
    return (f'<path class="sq-line"{label} d="{d}" fill="none" stroke="{colour}" '
            f'stroke-width="2" stroke-linejoin="round" stroke-linecap="round"{dash}/>')


def _points(frame: _Frame, layer: Points, colour: str) -> str:
    """Points as zero-length round-capped strokes: one element for any number (past
    ``_POINTS_MAX``, every k-th: more would only cover each other)."""
    xs, ys = frame.xs(layer.xs), frame.ys(layer.ys)
    step = -(-xs.shape[0] // _POINTS_MAX)
    xs, ys = xs[::step], ys[::step]
    ok = np.isfinite(xs) & np.isfinite(ys)
    if not ok.any():
        return ""
    d = "".join(f"M{_n(x)} {_n(y)}h0" for x, y in zip(xs[ok], ys[ok]))
    label = f' data-label="{escape(layer.label)}"' if layer.label else ""
    return (f'<path class="sq-points"{label} d="{d}" stroke="{colour}" '
            f'stroke-opacity="0.65" stroke-width="5" stroke-linecap="round"/>')


def _marker_layout(frame: _Frame, markers: Iterable[Marker]) -> list[tuple]:
    """Where each marker inside the x range goes: ``(marker, x, anchor, text_x,
    row)``; labels sit above the plot, and one that would run into the label before
    it goes a row higher. Rows depend only on x positions, so a frame of any height
    gives the same rows."""
    out, rows = [], []  # rows: the right edge of the last label in each row
    for marker in sorted(markers, key=lambda m: m.x):
        x = float(frame.xs([marker.x])[0])
        if not (math.isfinite(x) and frame.left - 0.5 <= x <= frame.right + 0.5):
            continue
        width = _width_of(marker.label)
        anchor, start = "middle", x - width / 2
        if start < 2:
            anchor, start = "start", max(x - 4, 2)
        elif x + width / 2 > frame.right + 14:
            anchor, start = "end", x - width + 4
        text_x = {"middle": x, "start": start, "end": x + 4}[anchor]
        row = next((i for i, edge in enumerate(rows) if start > edge + 6), len(rows))
        if row == len(rows):
            rows.append(0.0)
        rows[row] = start + width
        out.append((marker, x, anchor, text_x, row))
    return out


def _markers(frame: _Frame, row_height: float) -> str:
    """Vertical marks across the plot with their labels above it."""
    out = []
    for marker, x, anchor, text_x, row in _marker_layout(frame, frame.chart.markers):
        colour, dash = MARKER_STYLE.get(marker.kind, (INK, "4 3"))
        y_text = frame.top - 6 - row * row_height
        out.append(f'<g class="sq-marker sq-{escape(marker.kind)}">'
                   f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(y_text + 3)}" '
                   f'y2="{_n(frame.bottom)}" stroke="{colour}" stroke-width="1.5" '
                   f'stroke-dasharray="{dash}"/>'
                   + _text(text_x, y_text, marker.label, cls="sq-marker-label",
                           anchor=anchor, fill=colour, extra=' font-weight="600"')
                   + "</g>")
    return "".join(out)


def _marker_rows(frame: _Frame) -> int:
    """How many rows of labels the markers need."""
    layout = _marker_layout(frame, frame.chart.markers)
    return 1 + max(row for *_, row in layout) if layout else 0


def _legend(chart: Chart) -> list[tuple[str, float, str]]:
    """(colour, opacity, label) of each labelled layer and each band ("90%
    interval"), when the chart has bands or more than one labelled layer."""
    entries, bands = [], False
    for layer, colour in zip(chart.layers, _layer_colours(chart.layers)):
        if isinstance(layer, Band):
            bands = True
            entries.append((colour, _band_opacity(layer.level),
                            f"{layer.level * 100:g}% interval"))
        elif layer.label and not (isinstance(layer, Points) and entries
                                  and entries[-1][0] == colour):
            entries.append((colour, 1.0, layer.label))
    return entries if bands or len(entries) > 1 else []


def _band_opacity(level: float) -> float:
    """A wider band is lighter: 90% at about 0.17, 50% at about 0.35."""
    return 0.12 + 0.45 * (1 - float(level)) if 0 < level < 1 else 0.25


def describe_chart(chart: Chart) -> str:
    """One sentence for the chart's ``<title>``: what it is and its ranges."""
    kind = {"histogram": "Histogram", "cdf": "Cumulative distribution",
            "line": "Line chart", "fan": "Fan chart of quantiles",
            "scatter": "Scatter plot"}.get(chart.kind, "Chart")
    text = chart.title + ": " if chart.title else ""
    ticks = chart.x.ticks
    span = f" from {ticks[0].label} to {ticks[-1].label}" if len(ticks) >= 2 else ""
    text += f"{kind} on a {chart.x.scale} x axis{span}"
    if chart.markers:
        text += "; " + ", ".join(m.label for m in chart.markers)
    return text


def chart_svg(chart: Chart, width: int = WIDTH, height: Optional[int] = None) -> str:
    """The chart as a standalone SVG string ``width`` units wide."""
    histogram = chart.kind == "histogram"
    height = height or (200 if histogram else 260)
    legend = _legend(chart)
    y_labels = [t.label for t in chart.y.ticks] if not histogram else []
    left = 14 + (max(map(_width_of, y_labels)) + 10 if y_labels else 0) \
        + (18 if chart.y.title and not histogram else 0)
    last_x = chart.x.ticks[-1].label if chart.x.ticks else ""
    right = max(16.0, _width_of(last_x) / 2 + 6)
    if chart.x.ticks and not y_labels:
        left = max(left, _width_of(chart.x.ticks[0].label) / 2 + 6)
    row_height = FONT_SIZE + 4
    probe = _Frame(chart, left, 0, width - left - right, 100)
    top = 10 + (20 if chart.title else 0) + (row_height if legend else 0) \
        + _marker_rows(probe) * row_height
    bottom = 28 + (18 if chart.x.title else 0) + (18 if chart.note else 0)
    plot_h = max(height - top - bottom, 60)
    height = int(top + plot_h + bottom)
    frame = _Frame(chart, left, top, width - left - right, plot_h)

    title = describe_chart(chart)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sq-chart sq-{escape(chart.kind)}" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" font-family="{escape(FONT)}" font-size="{FONT_SIZE}">',
           f"<title>{escape(title)}</title>"]
    if chart.title:
        out.append(_text(left, 22, chart.title, cls="sq-title", anchor="start",
                         size=14, fill=INK, extra=' font-weight="600"'))
    if legend:
        x, y = left, 10 + (20 if chart.title else 0) + FONT_SIZE
        for colour, opacity, label in legend:
            out.append(f'<rect class="sq-swatch" x="{_n(x)}" y="{_n(y - 9)}" width="10" '
                       f'height="10" fill="{colour}" fill-opacity="{opacity:.2f}"/>')
            out.append(_text(x + 14, y, label, cls="sq-legend", anchor="start", fill=INK))
            x += 14 + _width_of(label) + 16
    out.append(_y_axis(frame) if not histogram else "")
    out.append(_x_axis(frame, grid=not histogram))
    # the id is global in a page holding many SVGs: made of the rectangle itself, two
    # charts with the same id clip alike
    clip = "sq-clip-" + "-".join(_n(v).replace(".", "_") for v in
                                 (left, top, frame.width, plot_h))
    out.append(f'<clipPath id="{clip}"><rect x="{_n(left)}" y="{_n(top - 1)}" '
               f'width="{_n(frame.width)}" height="{_n(plot_h + 2)}"/></clipPath>')
    out.append(f'<g class="sq-layers" clip-path="url(#{clip})">')
    overlaid = sum(isinstance(layer, Bars) for layer in chart.layers) > 1
    colours = _layer_colours(chart.layers)
    for layer, colour in zip(chart.layers, colours):
        if isinstance(layer, Bars):
            out.append(_bars(frame, layer, colour, overlaid))
        elif isinstance(layer, Band):
            out.append(_band(frame, layer, colour))
        elif isinstance(layer, Line):
            out.append(_line(frame, layer, colour))
        elif isinstance(layer, Points):
            out.append(_points(frame, layer, colour))
    out.append("</g>")
    out.append(_markers(frame, row_height))
    if chart.note:
        out.append(_text(left, height - 6, chart.note, cls="sq-note", anchor="start",
                         size=11))
    out.append("</svg>")
    return "".join(out)


def _layer_colours(layers) -> list[str]:
    """A colour per layer: each line, bar set or point set the next in the palette
    (points on a line's own xs: the line's); a band the colour of the line that
    follows it (its median)."""
    colours: list[Optional[str]] = []
    index = 0
    for i, layer in enumerate(layers):
        if isinstance(layer, Band):
            colours.append(None)
        elif (isinstance(layer, Points) and i and isinstance(layers[i - 1], Line)
              and layers[i - 1].xs == layer.xs):
            colours.append(colours[-1])  # a line's own points (a list of numbers)
        else:
            colours.append(PALETTE[index % len(PALETTE)])
            index += 1
    # a band takes the colour of the next coloured layer (the median line drawn over
    # it), or of the last one when nothing follows
    following = PALETTE[max(index - 1, 0) % len(PALETTE)]
    for i in range(len(colours) - 1, -1, -1):
        if colours[i] is None:
            colours[i] = following
        else:
            following = colours[i]
    return colours  # type: ignore[return-value]


def probability_svg(bar: ProbabilityBar, width: int = WIDTH) -> str:
    """A condition's probability: a track filled to ``p`` with its label beside it."""
    height, track = 30, width - 120
    p = min(max(float(bar.p), 0.0), 1.0) if math.isfinite(bar.p) else 0.0
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sq-probability" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'font-family="{escape(FONT)}" font-size="{FONT_SIZE}">'
            f"<title>Probability {escape(bar.label)}</title>"
            f'<rect class="sq-track" x="1" y="6" width="{track}" height="18" rx="4" '
            f'fill="#e9eef5" stroke="#c7d0db"/>'
            f'<rect class="sq-fill" x="1" y="6" width="{_n(track * p)}" height="18" rx="4" '
            f'fill="{PALETTE[0]}"/>'
            + _text(track + 12, 20, bar.label, cls="sq-probability-label", anchor="start",
                    size=14, fill=INK, extra=' font-weight="600"')
            + "</svg>")
