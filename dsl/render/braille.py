"""A Braille dot canvas for terminal charts: each character cell holds 2x4 dots
(Unicode's Braille patterns, U+2800 + a bit per dot), so a 60-column chart has 120
dots across and a line reads smoothly.

Dots are set in a boolean numpy grid, ``height * 4`` rows by ``width * 2`` columns, row
0 at the top; ``rows()`` turns it into text in one vectorised pass.
"""
from __future__ import annotations

import numpy as np

__all__ = ["Canvas", "BRAILLE_BASE", "DOT_BITS"]

BRAILLE_BASE = 0x2800
# the bit of each dot of a cell, by (row, column) inside the cell
DOT_BITS = np.array([[0x01, 0x08],
                     [0x02, 0x10],
                     [0x04, 0x20],
                     [0x40, 0x80]], dtype=np.int64)


class Canvas:
    """``width`` by ``height`` character cells of dots."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.dots = np.zeros((height * 4, width * 2), dtype=bool)

    @property
    def dot_width(self) -> int:
        return self.width * 2

    @property
    def dot_height(self) -> int:
        return self.height * 4

    def set(self, xs, ys) -> None:
        """Set the dots at columns ``xs`` and rows ``ys`` (arrays; outside ones are
        dropped)."""
        xs = np.asarray(xs, dtype=np.int64).ravel()
        ys = np.asarray(ys, dtype=np.int64).ravel()
        keep = (xs >= 0) & (xs < self.dot_width) & (ys >= 0) & (ys < self.dot_height)
        self.dots[ys[keep], xs[keep]] = True

    def polyline(self, xs, ys, dotted: bool = False) -> None:
        """A line through the points (dot coordinates, floats; a NaN breaks it): each
        segment sampled at every dot it crosses. ``dotted``: every other dot."""
        xs = np.asarray(xs, dtype=np.float64)
        ys = np.asarray(ys, dtype=np.float64)
        finite = np.isfinite(xs) & np.isfinite(ys)
        # a point with no finite neighbour is a dot of its own
        before = np.r_[False, finite[:-1]]
        after = np.r_[finite[1:], False]
        alone = finite & ~before & ~after
        if alone.any():
            self.set(np.rint(xs[alone]), np.rint(ys[alone]))
        if xs.size < 2:
            return
        x0, x1, y0, y1 = xs[:-1], xs[1:], ys[:-1], ys[1:]
        ok = np.isfinite(x0) & np.isfinite(x1) & np.isfinite(y0) & np.isfinite(y1)
        x0, x1, y0, y1 = x0[ok], x1[ok], y0[ok], y1[ok]
        if not x0.size:
            return
        # clip far-away points so the step count stays small
        limit = 4.0 * max(self.dot_width, self.dot_height)
        x0, x1, y0, y1 = (np.clip(a, -limit, limit) for a in (x0, x1, y0, y1))
        steps = np.maximum(np.ceil(np.maximum(np.abs(x1 - x0), np.abs(y1 - y0))), 1)
        steps = steps.astype(np.int64)
        seg = np.repeat(np.arange(steps.size), steps + 1)
        starts = np.concatenate([[0], np.cumsum(steps + 1)[:-1]])
        t = (np.arange(seg.size) - starts[seg]) / steps[seg]
        px = np.rint(x0[seg] + (x1[seg] - x0[seg]) * t)
        py = np.rint(y0[seg] + (y1[seg] - y0[seg]) * t)
        if dotted:
            keep = (px.astype(np.int64) % 2) == 0
            px, py = px[keep], py[keep]
        self.set(px, py)

    def fill_between(self, xs, lo, hi, density: int) -> None:
        """Shade the area between two lines (dot coordinates over ``xs``, sorted) with
        a pattern: every ``density``-th dot on a diagonal lattice (2: half the dots,
        4: a quarter), lighter for a larger ``density``."""
        xs = np.asarray(xs, dtype=np.float64)
        lo = np.asarray(lo, dtype=np.float64)
        hi = np.asarray(hi, dtype=np.float64)
        columns = np.arange(self.dot_width, dtype=np.float64)
        ok = np.isfinite(xs) & np.isfinite(lo) & np.isfinite(hi)
        if ok.sum() < 2:
            return
        inside = (columns >= xs[ok].min()) & (columns <= xs[ok].max())
        a = np.interp(columns, xs[ok], lo[ok])
        b = np.interp(columns, xs[ok], hi[ok])
        top, bottom = np.minimum(a, b), np.maximum(a, b)
        rows = np.arange(self.dot_height, dtype=np.float64)[:, None]
        area = (rows >= np.rint(top)) & (rows <= np.rint(bottom)) & inside[None, :]
        r, c = np.indices(area.shape)
        pattern = ((r + c) % density == 0) & (r % 2 == 0 if density > 2 else True)
        self.dots |= area & pattern

    def rows(self) -> list[str]:
        """The canvas as text, top row first (trailing blanks kept: a chart's rows line
        up with its axis)."""
        h, w = self.height, self.width
        cells = self.dots.reshape(h, 4, w, 2)
        codes = (cells * DOT_BITS[None, :, None, :]).sum(axis=(1, 3))
        out = []
        for row in codes:
            out.append("".join(chr(BRAILLE_BASE + int(c)) if c else " " for c in row))
        return out
