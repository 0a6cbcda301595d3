"""Views -> terminal text: every chart fits the width it is given (``$COLUMNS``).

- Histograms are columns of block characters (eighths of a row: ``▁▂▃▄▅▆▇█``), one
  column per bin; lines, fan charts and scatter plots are Braille dots (2x4 a cell,
  ``dsl.render.braille``): a median or function line solid, the 25-75% band shaded
  densely and the 5-95% band lightly.
- Under a chart: its x axis with ``┬`` at each tick and the tick labels centred
  under them (a label that would touch its neighbour is left out), then the markers
  (``▲`` mean, ``△`` median) and a legend. Line and fan charts have a y axis of
  labelled ticks on the left.
- Tables are aligned columns, numbers on the right.

``paint`` is an object with the report's palette methods (``bar``, ``axis``, ``dim``,
``label``, ``note``, ``name``); the default paints nothing.
"""
from __future__ import annotations

import math
import re
import textwrap

import numpy as np

from .braille import Canvas
from .chart import (Axis, Band, Bars, Chart, DistView, Line, Points, ProbabilityBar, Spikes,
                    StackView, TableView, TextView)

__all__ = ["draw", "draw_chart", "draw_table", "Plain", "sparkline", "visible_len",
           "cut_visible", "fitted",
           "LINE_HEIGHT", "BAR_HEIGHT", "MAX_PLOT_WIDTH"]

LINE_HEIGHT = 8       # rows of a line, fan or scatter chart (32 dots)
BAR_HEIGHT = 5        # rows of a histogram
MAX_PLOT_WIDTH = 100  # wider terminals get a chart this wide, not wider
_BLOCKS = " ▁▂▃▄▅▆▇█"
_PROBABILITY_BAR = 20
_SPARK = "▁▂▃▄▅▆▇█"
_SPIKES_LISTED = 6   # point masses named under a chart; the rest counted


class Plain:
    """A palette that paints nothing."""

    def __getattr__(self, name):
        return lambda text: text


def draw(view, width: int = 80, paint=None) -> list[str]:
    """The lines of any view, each at most ``width`` characters (colour codes not
    counted)."""
    paint = paint or Plain()
    if isinstance(view, TextView):
        return [view.text]
    if isinstance(view, ProbabilityBar):
        return [probability_line(view, paint)]
    if isinstance(view, DistView):
        return draw_dist(view, width, paint)
    if isinstance(view, Chart):
        return draw_chart(view, width, paint)
    if isinstance(view, TableView):
        return draw_table(view, width, paint)
    if isinstance(view, StackView):
        lines = [paint.name(view.title)] if view.title else []
        inner = "  " if view.title else ""
        for i, part in enumerate(view.parts):
            if i and (lines and lines[-1] != ""):
                lines.append("")
            lines += [inner + line if line else line
                      for line in draw(part, width - len(inner), paint)]
        return lines
    raise TypeError(f"not a view: {view!r}")


def probability_line(view: ProbabilityBar, paint=None) -> str:
    """``probability 0.2572  █████░░░░░░░░░░░░░░░``."""
    paint = paint or Plain()
    filled = int(round(min(max(view.p, 0.0), 1.0) * _PROBABILITY_BAR))
    bar = paint.bar("█" * filled) + paint.dim("░" * (_PROBABILITY_BAR - filled))
    return f"{paint.label('probability')} {view.label}  {bar}"


def draw_dist(view: DistView, width: int, paint=None) -> list[str]:
    """Figures (wrapped at the width), the chart, the notes."""
    paint = paint or Plain()
    parts = [f"{paint.label(label)} {text}" for label, text in view.stats]
    lines = fitted(parts, width)
    if view.chart is not None:
        lines += draw_chart(view.chart, width, paint)
    for note in view.notes:
        lines += [paint.note(line) for line in textwrap.wrap(note, max(20, width))]
    return lines


_ANSI = re.compile("\x1b\\[[0-9;]*m")


def visible_len(text: str) -> int:
    return len(_ANSI.sub("", text))


def cut_visible(line: str, width: int) -> str:
    """``line`` cut to ``width`` visible characters and "…" (colour codes kept whole,
    the colour reset at the end)."""
    out, shown, i = [], 0, 0
    while i < len(line) and shown < width - 1:
        m = _ANSI.match(line, i)
        if m:
            out.append(m.group())
            i = m.end()
            continue
        out.append(line[i])
        shown += 1
        i += 1
    painted = "\x1b[" in line
    return "".join(out) + ("\x1b[0m" if painted else "") + "…"


def fitted(parts: list[str], width: int) -> list[str]:
    """``parts`` two spaces apart, on as few lines of at most ``width`` as they fit."""
    lines: list[str] = []
    for part in parts:
        if lines and visible_len(lines[-1] + "  " + part) <= width:
            lines[-1] += "  " + part
        else:
            lines.append(part)
    return lines


# ---- charts ----

def draw_chart(chart: Chart, width: int = 80, paint=None) -> list[str]:
    """A chart in at most ``width`` columns (at least 20 are used)."""
    paint = paint or Plain()
    width = max(20, width)
    lines = [paint.name(chart.title)] if chart.title else []
    if chart.kind == "histogram" and all(isinstance(layer, (Bars, Spikes))
                                         for layer in chart.layers):
        gutter = ""
        plot_width = min(width, MAX_PLOT_WIDTH)
        rows = _bars(chart, plot_width) if any(isinstance(l, Bars) for l in chart.layers) \
            else []
        for layer in chart.layers:
            if isinstance(layer, Spikes):
                rows = _spike_rows(chart.x, layer, plot_width, rows)
        lines += [paint.bar(row.rstrip()) for row in rows]
    else:
        y_labels = _y_labels(chart.y, LINE_HEIGHT)
        label_width = max((len(t) for t in y_labels if t), default=0)
        gutter = " " * (label_width + 1)
        plot_width = min(width - len(gutter), MAX_PLOT_WIDTH)
        canvas = _braille(chart, plot_width, LINE_HEIGHT)
        for label, row in zip(y_labels, canvas.rows()):
            edge = "┤" if label else "│"
            lines.append(paint.axis(label.rjust(label_width) + edge) + paint.bar(row).rstrip()
                         if row.strip() else paint.axis(label.rjust(label_width) + edge))
    axis, labels = _x_axis_lines(chart.x, plot_width)
    corner = "└" if gutter else ""
    lines.append(paint.axis((gutter[:-1] + corner if gutter else "") + axis))
    lines.append(gutter + labels.rstrip())
    extra = []
    if chart.x.title:
        extra.append(chart.x.title)
    if chart.x.scale != "linear" and chart.x.scale != "date":
        extra.append(f"({chart.x.scale} scale)")
    if extra:
        lines[-1] = _beside(lines[-1], "  " + " ".join(extra), width)
    for axis, name in ((chart.x, ""), (chart.y, "y: ")):
        if axis.offset_label:  # the ticks are distances from it: never left out
            offset = f"  ({name}{axis.offset_label} tick)"
            beside = _beside(lines[-1], offset, width)
            lines[-1:] = [beside] if beside != lines[-1] else [lines[-1],
                                                               gutter + offset.strip()]
    if chart.markers:
        lines += _marker_lines(chart, plot_width, gutter, width, paint)
    lines += [paint.dim(line) for line in fitted(_spike_legend(chart), max(20, width))]
    legend = _legend(chart)
    if legend:
        lines += [paint.dim(line) for line in textwrap.wrap(legend, max(20, width))]
    if chart.note:
        lines += [paint.note(line) for line in textwrap.wrap(chart.note, max(20, width))]
    return lines


def _beside(line: str, extra: str, width: int) -> str:
    return line + extra if visible_len(line + extra) <= width else line


def _columns(axis: Axis, values, cells: int) -> np.ndarray:
    """The character column of each value on an axis ``cells`` wide (clipped)."""
    frac = np.asarray(axis.fraction(np.asarray(values, dtype=np.float64)), dtype=np.float64)
    col = np.floor(np.nan_to_num(frac, nan=-1.0) * cells)
    return np.clip(col, 0, cells - 1).astype(np.int64)


def _bars(chart: Chart, cells: int) -> list[str]:
    """Histogram bars, one column per character: the bins' densities interpolated
    between their centres (a column whose bin is empty stays empty), in eighths of a
    row, the fullest column filling every row; a column with any samples shows at
    least an eighth."""
    bars = next(layer for layer in chart.layers if isinstance(layer, Bars))
    heights = np.asarray(bars.heights, dtype=np.float64)
    # a histogram's bins are equal steps on its axis (chart.py), so their edges are
    # evenly spaced columns; placing each edge by its value would lose them where
    # floats are coarse (1e16 + normal(0, 1))
    frac = np.linspace(0.0, cells, heights.size + 1)
    widths = np.diff(frac)
    ok = widths > 0
    if not ok.any():
        return []
    density = np.where(ok, heights / np.where(ok, widths, 1.0), 0.0)
    centres = (frac[:-1] + frac[1:]) / 2
    columns = np.arange(cells) + 0.5
    column = np.interp(columns, centres[ok], density[ok])
    owner = np.clip(np.searchsorted(frac, columns, side="right") - 1, 0, heights.size - 1)
    column[heights[owner] == 0] = 0.0
    peak = column.max() if column.size else 0.0
    if not peak > 0:
        return []
    eighths = np.round(column / peak * BAR_HEIGHT * 8).astype(int)
    eighths[(column > 0) & (eighths == 0)] = 1
    rows = []
    for level in range(BAR_HEIGHT - 1, -1, -1):
        fill = np.clip(eighths - level * 8, 0, 8)
        rows.append("".join(_BLOCKS[f] for f in fill))
    return rows


def _spike_rows(axis: Axis, spikes: Spikes, cells: int, rows: list[str]) -> list[str]:
    """Point masses as lollipops over the bars (``rows``, or none): a stem ``│`` as
    high as the spike's share (the largest fills every row: spikes have a scale of
    their own) and a dot ``●`` on top."""
    grid = [list(row.ljust(cells)) for row in rows] or \
        [[" "] * cells for _ in range(BAR_HEIGHT)]
    heights = np.asarray(spikes.heights, dtype=np.float64)
    top = float(heights.max()) if heights.size else 0.0
    columns = _columns(axis, spikes.xs, cells)
    for i in np.argsort(heights, kind="stable"):  # in one column the tallest is drawn last
        col, share = columns[i], heights[i]
        if not (top > 0 and share > 0):
            continue
        rows_up = max(1, int(round(share / top * BAR_HEIGHT)))
        for k in range(rows_up):
            grid[BAR_HEIGHT - 1 - k][col] = "●" if k == rows_up - 1 else "│"
    return ["".join(row) for row in grid]


def _y_labels(axis: Axis, height: int) -> list[str]:
    """A label for each row, at the rows its ticks fall in (top row first)."""
    labels = [""] * height
    for tick in axis.ticks:
        frac = axis.fraction(tick.value)
        if not (isinstance(frac, float) and 0 <= frac <= 1):
            continue
        row = height - 1 - min(height - 1, int(frac * height))
        if not labels[row]:
            labels[row] = tick.label
    return labels


def _braille(chart: Chart, cells: int, height: int) -> Canvas:
    canvas = Canvas(cells, height)
    dw, dh = canvas.dot_width, canvas.dot_height

    def dx(values):
        return np.asarray(chart.x.fraction(np.asarray(values, dtype=np.float64)),
                          dtype=np.float64) * (dw - 1)

    def dy(values):
        frac = np.asarray(chart.y.fraction(np.asarray(values, dtype=np.float64)),
                          dtype=np.float64)
        return (1 - frac) * (dh - 1)

    lines = [layer for layer in chart.layers if isinstance(layer, Line)]
    for layer in chart.layers:
        if isinstance(layer, Band):
            canvas.fill_between(dx(layer.xs), dy(layer.lo), dy(layer.hi),
                                2 if layer.level <= 0.5 else 4)
        elif isinstance(layer, Line):
            canvas.polyline(dx(layer.xs), dy(layer.ys),
                            dotted=lines.index(layer) % 2 == 1)
        elif isinstance(layer, Points):
            x, y = dx(layer.xs), dy(layer.ys)
            ok = np.isfinite(x) & np.isfinite(y)
            canvas.set(np.rint(x[ok]), np.rint(y[ok]))
    return canvas


def _x_axis_lines(axis: Axis, cells: int) -> tuple[str, str]:
    """The axis line with ``┬`` at ticks, and the labels centred under them (one that
    would come within a space of the previous is left out)."""
    line = ["─"] * cells
    labels = [" "] * cells
    end = -2  # the column after the last label written
    for tick in axis.ticks:
        frac = axis.fraction(tick.value)
        if not (isinstance(frac, float) and 0 <= frac <= 1):
            continue
        col = min(cells - 1, int(frac * cells))
        line[col] = "┬"
        text = tick.label
        start = min(max(0, col - len(text) // 2), max(0, cells - len(text)))
        if start < end + 1 or start + len(text) > cells:
            continue
        labels[start:start + len(text)] = list(text)
        end = start + len(text)
    return "".join(line), "".join(labels)


def _marker_lines(chart: Chart, cells: int, gutter: str, width: int, paint) -> list[str]:
    row = [" "] * cells
    legend = []
    for marker in chart.markers:
        symbol = "▲" if marker.kind == "mean" else "△"
        col = int(_columns(chart.x, [marker.x], cells)[0])
        if row[col] == " ":
            row[col] = symbol
        legend.append(f"{symbol} {marker.label}")
    marks = gutter + "".join(row).rstrip()
    # the key on a line of its own (beside the marks, "▲   ▲ mean" reads as two
    # means), on two when one is too narrow
    return [paint.axis(marks)] + [gutter + paint.dim(line) for line in
                                  fitted(legend, width - len(gutter))]


def _spike_legend(chart: Chart) -> list[str]:
    """The largest point masses' values and shares, each whole ("+4: 0.11%"), the
    first after the dot (spikes have a scale of their own: the shares say it)."""
    spikes = [text for layer in chart.layers if isinstance(layer, Spikes)
              for _, text in sorted(zip(layer.heights, layer.labels), key=lambda p: -p[0])]
    if not spikes:
        return []
    shown = spikes[:_SPIKES_LISTED]
    more = len(spikes) - len(shown)
    return ["● " + shown[0], *shown[1:]] + ([f"and {more} more"] if more else [])


def _legend(chart: Chart) -> str:
    if chart.kind == "fan":
        return "median line; shaded: 25-75% (dense), 5-95% (light)"
    lines = [layer for layer in chart.layers if isinstance(layer, Line) and layer.label]
    if len(lines) > 1:
        return "  ".join(f"{'solid' if i % 2 == 0 else 'dotted'}: {layer.label}"
                         for i, layer in enumerate(lines))
    return ""


# ---- tables ----

def draw_table(view: TableView, width: int = 80, paint=None) -> list[str]:
    """Columns two spaces apart, each as wide as its widest cell; when that is wider
    than ``width`` the widest columns give way (their cells cut with "…", none below
    8 characters); numbers right-aligned."""
    paint = paint or Plain()
    n = len(view.header)
    widths = [max([len(view.header[j])] + [len(r[j]) for r in view.rows if j < len(r)])
              for j in range(n)]
    while sum(widths) + 2 * (n - 1) > width and max(widths, default=0) > 8:
        widths[widths.index(max(widths))] -= 1
    align = view.align or ("left",) * n

    def line(cells) -> str:
        out = [_cut(c, w).rjust(w) if a == "right" else _cut(c, w).ljust(w)
               for c, w, a in zip(cells, widths, align)]
        return "  ".join(out).rstrip()

    lines = [paint.name(view.title)] if view.title else []
    lines.append(paint.label(line(view.header)))
    lines += [line(r) for r in view.rows]
    return lines


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def sparkline(samples: np.ndarray, width: int = 12) -> str:
    """A one-line histogram of the finite samples' 5th to 95th percentile, ``width``
    characters (blank when there is nothing to draw)."""
    finite = samples[np.isfinite(samples)]
    if finite.size == 0:
        return ""
    from ..engine.laws import sample_quantiles  # a selection under the run's clock
    lo, hi = (float(q) for q in sample_quantiles(finite, (0.05, 0.95)))
    if not hi > lo:
        return ""
    from .axes import distribution_scale
    log = distribution_scale(lo, hi) == "log"
    values = np.log10(finite[finite > 0]) if log else finite
    a, b = (math.log10(lo), math.log10(hi)) if log else (lo, hi)
    from .histogram import bin_counts  # any range: 1e16 + normal(0, 1) too
    counts = bin_counts(values, width, a, b)
    if not counts.max():
        return ""
    levels = np.ceil(counts / counts.max() * (len(_SPARK))).astype(int)
    return "".join(_SPARK[l - 1] if l > 0 else " " for l in levels)
