"""Inline SVG and HTML for notebooks (``_repr_html_``): a histogram and a summary, with
no plotting library."""
from __future__ import annotations

import html

import numpy as np

from .dist import sample_quantiles
from .display import format_number

__all__ = ["histogram_svg", "dist_html", "value_html"]


def histogram_svg(samples: np.ndarray, width: int = 320, height: int = 80,
                  bins: int = 40) -> str:
    """An SVG histogram of the finite samples between the 1st and 99th percentiles."""
    s = samples[np.isfinite(samples)]
    if s.size == 0:
        return ""
    # by sample_quantiles: np.quantile's selection over 1e7 samples is one step of
    # ~0.5 s that no clock stops (Result's notebook view runs under the time limit)
    lo, hi = sample_quantiles(s, [0.01, 0.99])
    if not hi > lo:  # a spike: a bar in the middle of a unit-wide plot
        lo, hi = lo - 0.5, hi + 0.5
        if not hi > lo:  # too large to widen by one (1e16 is next to 1e16 + 2)
            lo, hi = np.nextafter(lo, -np.inf), np.nextafter(hi, np.inf)
    from .histogram import bin_counts
    counts = bin_counts(s, bins, float(lo), float(hi))
    top = counts.max() or 1
    bar = width / bins
    rects = "".join(
        f'<rect x="{i * bar:.1f}" y="{height - 14 - c / top * (height - 16):.1f}" '
        f'width="{bar * 0.9:.1f}" height="{c / top * (height - 16):.1f}" fill="#4a7fb5"/>'
        for i, c in enumerate(counts))
    labels = (f'<text x="0" y="{height - 2}" font-size="10">{format_number(float(lo))}</text>'
              f'<text x="{width}" y="{height - 2}" font-size="10" text-anchor="end">'
              f'{format_number(float(hi))}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img">{rects}{labels}</svg>')


def dist_html(dist) -> str:
    """A distribution's summary line and histogram."""
    summary = dist.summary()
    qs = summary["quantiles"]
    cells = "".join(f"<td>{_fmt(v)}</td>" for v in (summary["mean"], summary["stdev"],
                                                    *qs.values()))
    head = "".join(f"<th>{h}</th>" for h in ("mean", "stdev", "5%", "25%", "50%", "75%", "95%"))
    return (f'<div class="sqdsl-dist"><table><tr>{head}</tr><tr>{cells}</tr></table>'
            f"{histogram_svg(dist.samples)}</div>")


def value_html(value) -> str:
    """Any value: distributions get a histogram, others their compact text."""
    from .dist import Dist
    from .display import short
    if isinstance(value, Dist):
        return dist_html(value)
    return f"<code>{html.escape(short(value))}</code>"


def _fmt(x) -> str:
    return html.escape(x if isinstance(x, str) else format_number(float(x), 4))
