"""The notebook's HTML (``_repr_html_`` of a value and of a run): the render layer's
HTML drawer (``dsl.render.html``) with its style in front of each output, since a
notebook shows every output on its own. No plotting library, no script."""
from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from ..engine.dist import Dist
from ..render import html as render_html
from ..render.chart import Bars, Chart, as_tuple
from ..render.axes import make_axis
from ..render.svg import chart_svg
from ..render.views import ViewOptions, histogram_chart

__all__ = ["histogram_svg", "dist_html", "value_html", "run_html"]


def _options(samples: Optional[int], seed: int, limits=None) -> ViewOptions:
    return ViewOptions(samples=samples or 100_000, seed=seed, limits=limits)


def histogram_svg(samples: np.ndarray) -> str:
    """An SVG histogram of the finite samples' 1st to 99th percentile (one bar when
    they are all one number; "" when none is finite)."""
    chart = histogram_chart(samples)
    if chart is None:
        finite = samples[np.isfinite(samples)]
        if finite.size == 0:
            return ""
        v = float(finite[0])
        x = make_axis("linear", v, v)  # widened around the one value
        half = (x.hi - x.lo) / 120
        chart = Chart("histogram", x, make_axis("linear", 0.0, 1.0),
                      (Bars(as_tuple([v - half, v + half]), (1.0,)),))
    return chart_svg(chart)


def value_html(value, samples: Optional[int] = None, seed: int = 0) -> str:
    """Any value, with its ``@name`` and ``@doc`` when it has them."""
    if samples is None and isinstance(value, Dist):
        samples = len(value)
    body = render_html.value_html(value, _options(samples, seed))
    if value.tags.name or value.tags.doc:
        body = render_html.named_html(value.tags.name, body, value.tags.doc)
    return render_html.styled(body)


def dist_html(dist) -> str:
    """A distribution's figures and histogram."""
    return value_html(dist)


def run_html(result, clocked: Optional[Callable] = None) -> str:
    """A run (``dsl.engine.session.Result``): each visible binding under its ``@name`` (else
    its name) and ``@doc``, then the final expression's value. ``clocked`` wraps the
    drawing of each ``(name, value)`` (the run's meter and the binding's position for
    an error)."""
    options = _options(result.samples, result.seed, result.limits)

    def draw(item) -> str:
        name, value = item
        return render_html.named_html(value.tags.name or name,
                                      render_html.value_html(value, options),
                                      value.tags.doc)
    draw_one = clocked(draw) if clocked is not None else draw
    parts = [draw_one((name, b.value)) for name, b in result.info.items() if not b.hidden]
    if result.result is not None:
        parts.append(draw(("result", result.result)))
    return render_html.styled("".join(parts))
