"""What the SVG drawer's parts share: sizes, colours, the frame that maps a chart's
data to pixels (by ``Axis.fraction``, the transform every output uses), and how
numbers and words are written into SVG."""
from __future__ import annotations

import math
from html import escape
from typing import Sequence

import numpy as np

from .chart import Axis, Chart

__all__ = ["WIDTH", "FONT", "FONT_SIZE", "CHAR_WIDTH", "PALETTE", "INK", "MUTED", "GRID",
           "MARKER_STYLE", "num", "text", "width_of", "clamped", "Frame"]

WIDTH = 600          # viewBox width: 12px text stays legible when drawn 600px wide
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
FONT_SIZE = 12
CHAR_WIDTH = 6.8     # a generous average width of one character at FONT_SIZE
PALETTE = ("#3b6fb6", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#0b7285",
           "#c2255c", "#5c940d")
INK, MUTED, GRID = "#1f2933", "#52606d", "#e4e7eb"
MARKER_STYLE = {"mean": ("#c2410c", "5 3"), "median": ("#1f2933", "2 3")}
_LIMIT = 50.0  # fractions are clamped to +-this: far-off points stay finite and short


def num(x: float) -> str:
    """A coordinate: one decimal, never NaN (callers drop non-finite points first)."""
    if not math.isfinite(x):
        raise ValueError(f"non-finite SVG coordinate {x}")
    out = f"{x:.1f}"
    return "0" if out in ("0.0", "-0.0") else out.removesuffix(".0")


def text(x: float, y: float, content: str, *, cls: str, anchor: str = "middle",
          size: float = FONT_SIZE, fill: str = MUTED, extra: str = "",
          inner: str = "") -> str:
    """A ``<text>`` element of class ``cls`` (``content`` escaped); ``extra`` is
    more attributes, ``inner`` more markup after the content (a ``<title>``), both
    written as given."""
    return (f'<text class="{cls}" x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" '
            f'font-size="{size:g}" fill="{fill}"{extra}>{escape(content)}{inner}</text>')


def width_of(label: str, size: float = FONT_SIZE) -> float:
    """About how wide ``label`` is drawn (no font metrics without a browser: a
    generous average, so that labels placed apart do not touch)."""
    return len(label) * CHAR_WIDTH * size / FONT_SIZE


def clamped(axis: Axis, values: Sequence[float]) -> np.ndarray:
    """``axis.fraction`` of finite values, clamped to +-_LIMIT (a point far off the
    chart stays a short finite number); NaN for the others, which are not drawn."""
    x = np.asarray(values, dtype=np.float64)
    f = np.asarray(axis.fraction(x), dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(x) & ~np.isnan(f), np.clip(f, -_LIMIT, _LIMIT), np.nan)


class Frame:
    """The plot area inside the SVG and the mapping of data to pixels."""

    def __init__(self, chart: Chart, left: float, top: float, width: float,
                 height: float):
        self.chart, self.left, self.top = chart, left, top
        self.width, self.height = width, height

    def xs(self, values: Sequence[float]) -> np.ndarray:
        return self.left + clamped(self.chart.x, values) * self.width

    def ys(self, values: Sequence[float]) -> np.ndarray:
        f = clamped(self.chart.y, values)
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


