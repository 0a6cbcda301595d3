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

from .chart import Band, Bars, Chart, Marker, Points, ProbabilityBar, Spikes
from .svg_base import (FONT, FONT_SIZE, GRID, INK, MARKER_STYLE, MUTED, PALETTE, WIDTH,
                       Frame, num, text, width_of)
from .svg_layers import band_opacity, layer_colours, layer_svg

__all__ = ["WIDTH", "PALETTE", "chart_svg", "probability_svg", "bar_label_width",
           "bar_text", "describe_chart"]


_BOLD = 1.12  # bold letters are wider: measured in Chromium, 8.5 px a letter at 14 px


def _thin(positions: Sequence[float], labels: Sequence[str], gap: float = 8) -> list[bool]:
    """Which tick labels to write so that none overlap: every k-th, the smallest k
    that leaves ``gap`` pixels between neighbours."""
    n = len(labels)
    for step in range(1, max(n, 1) + 1):
        keep = [i % step == 0 for i in range(n)]
        shown = [i for i in range(n) if keep[i]]
        if all(positions[b] - positions[a] >=
               (width_of(labels[a]) + width_of(labels[b])) / 2 + gap
               for a, b in zip(shown, shown[1:])):
            return keep
    return [i == 0 for i in range(n)]


def _x_axis(frame: Frame, grid: bool) -> str:
    axis = frame.chart.x
    ticks = [t for t in axis.ticks if math.isfinite(frame.xs([t.value])[0])]
    px = [float(frame.xs([t.value])[0]) for t in ticks]
    inside = [(t, x) for t, x in zip(ticks, px) if frame.left - 0.5 <= x <= frame.right + 0.5]
    keep = _thin([x for _, x in inside], [t.label for t, _ in inside])
    out = [f'<g class="sq-axis sq-x" data-scale="{escape(axis.scale)}">',
           f'<line class="sq-axis-line" x1="{num(frame.left)}" x2="{num(frame.right)}" '
           f'y1="{num(frame.bottom)}" y2="{num(frame.bottom)}" stroke="{MUTED}"/>']
    for (tick, x), shown in zip(inside, keep):
        if grid:
            out.append(f'<line class="sq-grid" x1="{num(x)}" x2="{num(x)}" '
                       f'y1="{num(frame.top)}" y2="{num(frame.bottom)}" stroke="{GRID}"/>')
        out.append(f'<line class="sq-tick" x1="{num(x)}" x2="{num(x)}" '
                   f'y1="{num(frame.bottom)}" y2="{num(frame.bottom + 5)}" stroke="{MUTED}"/>')
        if shown:
            out.append(text(x, frame.bottom + 19, tick.label, cls="sq-tick-label"))
    if axis.title:
        out.append(text(frame.left + frame.width / 2, frame.bottom + 38, axis.title,
                         cls="sq-axis-title", fill=INK))
    if axis.offset_label:  # the tick labels are distances from it: written once
        out.append(text(frame.right + 4, frame.bottom + 38, f"{axis.offset_label} tick",
                         cls="sq-tick-offset", anchor="end", fill=INK))
    out.append("</g>")
    return "".join(out)


def _y_axis(frame: Frame) -> str:
    axis = frame.chart.y
    out = [f'<g class="sq-axis sq-y" data-scale="{escape(axis.scale)}">',
           f'<line class="sq-axis-line" x1="{num(frame.left)}" x2="{num(frame.left)}" '
           f'y1="{num(frame.top)}" y2="{num(frame.bottom)}" stroke="{MUTED}"/>']
    for tick in axis.ticks:
        y = float(frame.ys([tick.value])[0])
        if not (math.isfinite(y) and frame.top - 0.5 <= y <= frame.bottom + 0.5):
            continue
        out.append(f'<line class="sq-grid" x1="{num(frame.left)}" x2="{num(frame.right)}" '
                   f'y1="{num(y)}" y2="{num(y)}" stroke="{GRID}"/>')
        out.append(f'<line class="sq-tick" x1="{num(frame.left - 5)}" x2="{num(frame.left)}" '
                   f'y1="{num(y)}" y2="{num(y)}" stroke="{MUTED}"/>')
        out.append(text(frame.left - 8, y + 4, tick.label, cls="sq-tick-label",
                         anchor="end"))
    if axis.offset_label:
        out.append(text(frame.left - 8, frame.top - 8, f"{axis.offset_label} tick",
                         cls="sq-tick-offset", anchor="end", fill=INK))
    if axis.title:
        x, y = 12, frame.top + frame.height / 2
        out.append(text(x, y, axis.title, cls="sq-axis-title", fill=INK,
                         extra=f' transform="rotate(-90 {num(x)} {num(y)})"'))
    out.append("</g>")
    return "".join(out)


def _marker_layout(frame: Frame, markers: Iterable[Marker]) -> list[tuple]:
    """Where each marker inside the x range goes: ``(marker, x, anchor, text_x,
    row)``, labels above the plot in one row. Markers whose labels would run into
    each other (a symmetric distribution's mean and median) have their labels side
    by side, centred on the markers and kept inside the picture, so that no label
    covers another and no marker's line (drawn from under the row) crosses a label.
    The layout depends only on x positions, so a frame of any height gives the
    same."""
    right = frame.right + 14  # the picture's right margin is at least 16
    placed = []
    for marker in sorted(markers, key=lambda m: m.x):
        x = float(frame.xs([marker.x])[0])
        if math.isfinite(x) and frame.left - 0.5 <= x <= frame.right + 0.5:
            placed.append((marker, x, width_of(marker.label, FONT_SIZE * _BOLD)))
    groups: list[list[tuple]] = []
    for item in placed:
        if groups and item[1] - item[2] / 2 <= _group_span(groups[-1], right)[1] + _LABEL_GAP:
            groups[-1].append(item)
        else:
            groups.append([item])
    out = []
    for group in groups:
        if len(group) == 1:
            marker, x, width = group[0]
            anchor, start = "middle", x - width / 2
            if start < 2:
                anchor, start = "start", max(x - 4, 2)
            elif x + width / 2 > frame.right + 14:
                anchor, start = "end", x - width + 4
            text_x = {"middle": x, "start": start, "end": x + 4}[anchor]
            out.append((marker, x, anchor, text_x, 0))
            continue
        start = _group_span(group, right)[0]
        for marker, x, width in group:
            out.append((marker, x, "start", start, 0))
            start += width + _LABEL_GAP
    return out


_LABEL_GAP = 12  # pixels between two marker labels side by side


def _group_span(group: list[tuple], right: float) -> tuple[float, float]:
    """Where the labels of markers drawn side by side start and end: centred on the
    markers (the middle of the first and last), kept between 2 and ``right``."""
    width = sum(w for *_, w in group) + _LABEL_GAP * (len(group) - 1)
    centre = (group[0][1] + group[-1][1]) / 2
    start = max(min(centre - width / 2, right - width), 2.0)
    return start, start + width


def _markers(frame: Frame, row_height: float) -> str:
    """Vertical marks across the plot with their labels above it."""
    out = []
    for marker, x, anchor, text_x, row in _marker_layout(frame, frame.chart.markers):
        colour, dash = MARKER_STYLE.get(marker.kind, (INK, "4 3"))
        y_text = frame.top - 6 - row * row_height
        out.append(f'<g class="sq-marker sq-{escape(marker.kind)}">'
                   f'<line x1="{num(x)}" x2="{num(x)}" y1="{num(y_text + 3)}" '
                   f'y2="{num(frame.bottom)}" stroke="{colour}" stroke-width="1.5" '
                   f'stroke-dasharray="{dash}"/>'
                   + text(text_x, y_text, marker.label, cls="sq-marker-label",
                           anchor=anchor, fill=colour, extra=' font-weight="600"')
                   + "</g>")
    return "".join(out)


def _marker_rows(frame: Frame) -> int:
    """How many rows of labels the markers need."""
    layout = _marker_layout(frame, frame.chart.markers)
    return 1 + max(row for *_, row in layout) if layout else 0


def _legend(chart: Chart) -> list[tuple[str, float, str]]:
    """(colour, opacity, label) of each labelled layer and each band ("90%
    interval"), when the chart has bands or more than one labelled layer."""
    entries, bands = [], False
    for layer, colour in zip(chart.layers, layer_colours(chart.layers)):
        if isinstance(layer, Band):
            bands = True
            entries.append((colour, band_opacity(layer.level),
                            f"{layer.level * 100:g}% interval"))
        elif isinstance(layer, Spikes):
            continue  # each spike is labelled where it stands
        elif layer.label and not (isinstance(layer, Points) and entries
                                  and entries[-1][0] == colour):
            entries.append((colour, 1.0, layer.label))
    return entries if bands or len(entries) > 1 else []


def describe_chart(chart: Chart) -> str:
    """One sentence for the chart's ``<title>``: what it is and its ranges."""
    kind = {"histogram": "Histogram", "cdf": "Cumulative distribution",
            "line": "Line chart", "fan": "Fan chart of quantiles",
            "scatter": "Scatter plot"}.get(chart.kind, "Chart")
    text = chart.title + ": " if chart.title else ""
    ticks = chart.x.ticks
    base = f"{chart.x.offset_label} " if chart.x.offset_label else ""
    span = f" from {base}{ticks[0].label} to {base}{ticks[-1].label}" if len(ticks) >= 2 \
        else ""
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
    left = 14 + (max(map(width_of, y_labels)) + 10 if y_labels else 0) \
        + (18 if chart.y.title and not histogram else 0)
    last_x = chart.x.ticks[-1].label if chart.x.ticks else ""
    right = max(16.0, width_of(last_x) / 2 + 6)
    if chart.x.ticks and not y_labels:
        left = max(left, width_of(chart.x.ticks[0].label) / 2 + 6)
    row_height = FONT_SIZE + 4
    probe = Frame(chart, left, 0, width - left - right, 100)
    top = 10 + (20 if chart.title else 0) + (row_height if legend else 0) \
        + max(_marker_rows(probe), 1 if chart.y.offset_label and y_labels else 0) \
        * row_height
    bottom = 28 + (18 if chart.x.title or chart.x.offset_label else 0) + \
        (18 if chart.note else 0)
    plot_h = max(height - top - bottom, 60)
    height = int(top + plot_h + bottom)
    frame = Frame(chart, left, top, width - left - right, plot_h)

    title = describe_chart(chart)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sq-chart sq-{escape(chart.kind)}" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" font-family="{escape(FONT)}" font-size="{FONT_SIZE}">',
           f"<title>{escape(title)}</title>"]
    if chart.title:
        out.append(text(left, 22, chart.title, cls="sq-title", anchor="start",
                         size=14, fill=INK, extra=' font-weight="600"'))
    if legend:
        x, y = left, 10 + (20 if chart.title else 0) + FONT_SIZE
        for colour, opacity, label in legend:
            out.append(f'<rect class="sq-swatch" x="{num(x)}" y="{num(y - 9)}" width="10" '
                       f'height="10" fill="{colour}" fill-opacity="{opacity:.2f}"/>')
            out.append(text(x + 14, y, label, cls="sq-legend", anchor="start", fill=INK))
            x += 14 + width_of(label) + 16
    out.append(_y_axis(frame) if not histogram else "")
    out.append(_x_axis(frame, grid=not histogram))
    # the id is global in a page holding many SVGs: made of the rectangle itself, two
    # charts with the same id clip alike
    clip = "sq-clip-" + "-".join(num(v).replace(".", "_") for v in
                                 (left, top, frame.width, plot_h))
    out.append(f'<clipPath id="{clip}"><rect x="{num(left)}" y="{num(top - 1)}" '
               f'width="{num(frame.width)}" height="{num(plot_h + 2)}"/></clipPath>')
    out.append(f'<g class="sq-layers" clip-path="url(#{clip})">')
    overlaid = sum(isinstance(layer, Bars) for layer in chart.layers) > 1
    colours = layer_colours(chart.layers)
    for layer, colour in zip(chart.layers, colours):
        out.append(layer_svg(frame, layer, colour, overlaid))
    out.append("</g>")
    out.append(_markers(frame, row_height))
    if chart.note:
        out.append(text(left, height - 6, chart.note, cls="sq-note", anchor="start",
                         size=11))
    out.append("</svg>")
    return "".join(out)


_BAR_LABEL_SIZE = 14
_MIN_TRACK = 240  # a bar's track is never shorter: long labels are cut instead


def bar_label_width(bar: ProbabilityBar) -> float:
    """How wide a bar's label is drawn (``probability_svg``)."""
    return width_of(bar_text(bar), _BAR_LABEL_SIZE * _BOLD)


def bar_text(bar: ProbabilityBar) -> str:
    """What a bar says: its percentage, or its label when it has none."""
    return bar.percent or bar.label


def probability_svg(bar: ProbabilityBar, width: int = WIDTH,
                    label_width: Optional[float] = None) -> str:
    """A condition's probability: a track filled to ``p`` with its label beside it.
    The label column is as wide as the label (``label_width``: as wide as the widest
    label of the bars drawn together, so that their tracks have one length and a
    tornado compares alike), the track takes the rest but at least ``_MIN_TRACK``; a
    label that still does not fit is cut with "…", the whole of it in a ``<title>``
    (shown on hover, read by a screen reader)."""
    height = 30
    label = bar_text(bar)
    wanted = bar_label_width(bar) if label_width is None else label_width
    room = max(min(wanted, width - _MIN_TRACK - 24), 0.0)
    track = width - room - 24
    shown, tooltip = label, ""
    if width_of(label, _BAR_LABEL_SIZE * _BOLD) > room:
        # a name and its figure two spaces apart (a tornado's "input  37%"): the name
        # is cut, the figure kept
        name, gap, figure = label.rpartition("  ") if "  " in label else (label, "", "")
        keep = max(int(room / width_of("x", _BAR_LABEL_SIZE * _BOLD)) - 1 - len(gap + figure),
                   1)
        shown = name[:keep].rstrip() + "\u2026" + gap + figure
        tooltip = f"<title>{escape(label)}</title>"
    p = min(max(float(bar.p), 0.0), 1.0) if math.isfinite(bar.p) else 0.0
    what = f"Probability {bar.label}" + (f" ({bar.percent})" if bar.percent else "")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sq-probability" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'font-family="{escape(FONT)}" font-size="{FONT_SIZE}">'
            f"<title>{escape(what)}</title>"
            f'<rect class="sq-track" x="1" y="6" width="{num(track)}" height="18" rx="4" '
            f'fill="#e9eef5" stroke="#c7d0db"/>'
            f'<rect class="sq-fill" x="1" y="6" width="{num(track * p)}" height="18" rx="4" '
            f'fill="{PALETTE[0]}"/>'
            + text(track + 12, 20, shown, cls="sq-probability-label", anchor="start",
                    size=_BAR_LABEL_SIZE, fill=INK, extra=' font-weight="600"',
                    inner=tooltip)
            + "</svg>")
