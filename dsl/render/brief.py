"""``sq run --brief``: one line per binding, for a quick read of a whole model.

A distribution: its mean, its 90% interval and a sparkline of its 5th to 95th
percentile (on a log scale by the same rule as every chart); a condition: its
probability; anything else: its one-line form. Names are aligned; a line longer than
the width is cut with "…". Numbers are written as everywhere (``@format``, else the
short form).
"""
from __future__ import annotations

from ..base.controls import escape_controls
from ..engine.dist import Dist
from ..engine.values import Value
from .text import Plain, cut_visible, sparkline, visible_len
from ..engine.mc_error import dist_errors
from .views import compact_text, figure_writer, probability_label

__all__ = ["brief_parts", "brief_text"]

_NAME_MAX = 28
_SPARK = 12


def brief_parts(value: Value, paint=None) -> tuple[str, str]:
    """The text after the name and a sparkline (or "")."""
    paint = paint or Plain()
    if isinstance(value, Dist):
        if value.is_indicator:
            return f"{paint.label('probability')} {probability_label(value)}", ""
        # no figure with more digits than its Monte Carlo error supports
        mean, _, qs = value.stats()
        errors = dist_errors(value, (0.05, 0.95))
        write = figure_writer(value)
        low, high = errors["quantiles"]
        return (f"{paint.label('mean')} {write(mean, errors['mean'])}  {paint.label('90%')} "
                f"{write(float(qs[0]), low)} to {write(float(qs[-1]), high)}",
                paint.bar(sparkline(value.samples, _SPARK)))
    return compact_text(value), ""


def brief_text(result, width: int = 80, paint=None) -> str:
    """One line per visible binding of a run (``dsl.engine.session.Result``), then its final
    expression's value (named ``result``): names aligned, sparklines in a column, a
    line longer than ``width`` cut with "…"."""
    paint = paint or Plain()
    rows = [(escape_controls(b.label or name, keep=""), b.value)
            for name, b in result.info.items() if not b.hidden]
    if result.result is not None:
        rows.append(("result", result.result))
    if not rows:
        return ""
    name_width = min(_NAME_MAX, max(len(n) for n, _ in rows))
    parts = [brief_parts(v, paint) for _, v in rows]
    text_width = max((visible_len(t) for t, spark in parts if spark), default=0)
    lines = []
    for (name, _), (text, spark) in zip(rows, parts):
        shown = name if len(name) <= name_width else name[:name_width - 1] + "…"
        line = paint.name(shown) + " " * (name_width - len(shown) + 2) + text
        if spark:
            line += " " * (text_width - visible_len(text) + 2) + spark
        if visible_len(line) > width:
            line = cut_visible(line, width)
        lines.append(line)
    return "\n".join(lines)
