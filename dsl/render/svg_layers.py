"""The SVG drawer's layers: histogram bars, quantile bands, lines and points, each one
``<path>``, with their colours. Coordinates come from the ``Frame``; a point that is
not finite is never written."""
from __future__ import annotations

import math
from html import escape
from typing import Optional

import numpy as np

from .chart import Band, Bars, Line, Points, Spikes
from .svg_base import INK, PALETTE, Frame, num, text

__all__ = ["layer_svg", "layer_colours", "band_opacity", "polyline", "decimated", "spikes"]

_POINTS_MAX = 4_000  # points of a Points layer drawn
_SPIKES_LABELLED = 12  # more spikes than this go unlabelled (their labels would overlap)


def layer_svg(frame: Frame, layer, colour: str, overlaid: bool = False) -> str:
    """One layer as SVG ("" when nothing of it can be placed)."""
    if isinstance(layer, Bars):
        return bars(frame, layer, colour, overlaid)
    if isinstance(layer, Band):
        return band(frame, layer, colour)
    if isinstance(layer, Line):
        return line(frame, layer, colour)
    if isinstance(layer, Points):
        return points(frame, layer, colour)
    if isinstance(layer, Spikes):
        return spikes(frame, layer, colour)
    raise TypeError(f"no SVG drawing for {type(layer).__name__}")


def polyline(px: np.ndarray, py: np.ndarray) -> str:
    """Path data through the points, a new subpath after every non-finite point."""
    parts, pen_down = [], False
    for x, y in zip(px, py):
        if math.isfinite(x) and math.isfinite(y):
            parts.append(f"{'L' if pen_down else 'M'}{num(x)} {num(y)}")
            pen_down = True
        else:
            pen_down = False
    return "".join(parts)


def bars(frame: Frame, layer: Bars, colour: str, overlaid: bool) -> str:
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
    d = (f"M{num(points[0][0])} {num(base)}"
         + "".join(f"L{num(x)} {num(y)}" for x, y in points)
         + f"L{num(points[-1][0])} {num(base)}Z")
    opacity = 0.35 if overlaid else 0.55
    label = f' data-label="{escape(layer.label)}"' if layer.label else ""
    return (f'<path class="sq-bars"{label} d="{d}" fill="{colour}" '
            f'fill-opacity="{opacity}" stroke="{colour}" stroke-width="1.2" '
            f'stroke-linejoin="round"/>')


def band(frame: Frame, layer: Band, colour: str) -> str:
    """The area between two lines: along ``hi`` and back along ``lo``; a point where
    either is not finite is left out."""
    xs, lo, hi = frame.xs(layer.xs), frame.ys(layer.lo), frame.ys(layer.hi)
    ok = np.isfinite(xs) & np.isfinite(lo) & np.isfinite(hi)
    if ok.sum() < 2:
        return ""
    xs, lo, hi = xs[ok], lo[ok], hi[ok]
    d = ("M" + "L".join(f"{num(x)} {num(y)}" for x, y in zip(xs, hi))
         + "L" + "L".join(f"{num(x)} {num(y)}" for x, y in zip(xs[::-1], lo[::-1])) + "Z")
    opacity = band_opacity(layer.level)
    return (f'<path class="sq-band" data-level="{layer.level:g}" d="{d}" '
            f'fill="{colour}" fill-opacity="{opacity:.2f}" stroke="none"/>')


def decimated(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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


def line(frame: Frame, layer: Line, colour: str) -> str:
    d = polyline(*decimated(frame.xs(layer.xs), frame.ys(layer.ys)))
    if not d:
        return ""
    dash = ' stroke-dasharray="2 3"' if layer.style == "dotted" else ""
    label = f' data-label="{escape(layer.label)}"' if layer.label else ""
    return (f'<path class="sq-line"{label} d="{d}" fill="none" stroke="{colour}" '
            f'stroke-width="2" stroke-linejoin="round" stroke-linecap="round"{dash}/>')


def points(frame: Frame, layer: Points, colour: str) -> str:
    """Points as zero-length round-capped strokes: one element for any number (past
    ``_POINTS_MAX``, every k-th: more would only cover each other)."""
    xs, ys = frame.xs(layer.xs), frame.ys(layer.ys)
    step = -(-xs.shape[0] // _POINTS_MAX)
    xs, ys = xs[::step], ys[::step]
    ok = np.isfinite(xs) & np.isfinite(ys)
    if not ok.any():
        return ""
    d = "".join(f"M{num(x)} {num(y)}h0" for x, y in zip(xs[ok], ys[ok]))
    label = f' data-label="{escape(layer.label)}"' if layer.label else ""
    return (f'<path class="sq-points"{label} d="{d}" stroke="{colour}" '
            f'stroke-opacity="0.65" stroke-width="5" stroke-linecap="round"/>')


def spikes(frame: Frame, layer: Spikes, colour: str) -> str:
    """Point masses as lollipops: a stem from the x axis and a dot on top, the tallest
    reaching near the top of the plot (spikes have a scale of their own), each
    labelled with its value and share beside its dot."""
    xs = frame.xs(layer.xs)
    heights = np.asarray(layer.heights, dtype=np.float64)
    top = float(heights.max()) if heights.size else 0.0
    if not top > 0:
        return ""
    reach = frame.height - 16  # room above the tallest dot
    stems, dots, labels = [], [], []
    for i, (x, share) in enumerate(zip(xs, heights)):
        if not (math.isfinite(x) and share > 0):
            continue
        y = frame.bottom - reach * share / top
        stems.append(f"M{num(x)} {num(frame.bottom)}V{num(y)}")
        dots.append(f"M{num(x)} {num(y)}h0")
        if i < len(layer.labels) and len(layer.labels) <= _SPIKES_LABELLED:
            anchor, dx = ("end", -8) if x > frame.right - 90 else ("start", 8)
            labels.append(text(x + dx, y + 4, layer.labels[i], cls="sq-spike-label",
                               anchor=anchor, fill=INK))
    if not stems:
        return ""
    return (f'<g class="sq-spikes"><path class="sq-spike" d="{"".join(stems)}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
            f'<path class="sq-spike-dot" d="{"".join(dots)}" stroke="{colour}" '
            f'stroke-width="{9 if len(stems) <= _SPIKES_LABELLED else 5}" '
            f'stroke-linecap="round"/>{"".join(labels)}</g>')


def band_opacity(level: float) -> float:
    """A wider band is lighter: 90% at about 0.17, 50% at about 0.35."""
    return 0.12 + 0.45 * (1 - float(level)) if 0 < level < 1 else 0.25


def layer_colours(layers) -> list[str]:
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
        elif isinstance(layer, Spikes) and i and isinstance(layers[i - 1], Bars):
            colours.append(colours[-1])  # a histogram's point masses
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


