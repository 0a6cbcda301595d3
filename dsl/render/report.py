"""The text report of a run, as ``sq run``, ``sq eval`` and the REPL print it.

One block per visible top-level binding, in source order: its name (or ``@name``
label) and ``@doc`` text, then its value. A distribution shows mean, stdev and the
5/25/50/75/95% quantiles on one line and a histogram under it; a 0/1 distribution its
probability; anything else a compact one-line form (a long list or record one item per
line). Colour is only used when asked for (``use_color`` decides for a stream).
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Optional, TextIO

from ..base.controls import escape_controls
from ..engine.display import short
from ..engine.dist import Dist
from ..engine.plot_values import Plot
from ..engine.table_values import Calculator, Table
from . import text as draw_text
from . import views
from ..engine.values import Function, List, Record, String, Value

if TYPE_CHECKING:
    from ..engine.session import Binding, Result

__all__ = ["render_text", "render_binding", "render_value", "compact",
           "use_color", "Palette", "terminal_width", "precision_text"]

_INDENT = "  "
_MAX_ITEM_LINES = 30   # a list or record longer than this shows its first items
_PROBABILITY_BAR = 20


def use_color(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    if os.environ.get("NO_COLOR", ""):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    """The terminal's width (``COLUMNS``, or 80 when it is not a terminal)."""
    return shutil.get_terminal_size((80, 24)).columns


class Palette:
    """ANSI styles for the parts of a report; each method returns its text unchanged
    when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _paint(self, code: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"

    def name(self, text: str) -> str:
        return self._paint("1", text)

    def doc(self, text: str) -> str:
        return self._paint("3", text)

    def label(self, text: str) -> str:
        return self._paint("2", text)

    def dim(self, text: str) -> str:
        return self._paint("2", text)

    def bar(self, text: str) -> str:
        return self._paint("36", text)

    def axis(self, text: str) -> str:
        return self._paint("2", text)

    def note(self, text: str) -> str:
        return self._paint("33", text)


def render_text(result: "Result", *, color: Optional[bool] = None,
                width: Optional[int] = None, cdf: bool = False) -> str:
    """The report of a run: every visible binding, then the final expression's value.
    ``color`` None means: when stdout is a terminal and NO_COLOR is unset; ``cdf``:
    distributions as their CDF instead of a histogram."""
    palette = Palette(use_color(sys.stdout) if color is None else color)
    width = width or terminal_width()
    # a function's chart is computed with the run's seed and sample count
    options = views.ViewOptions(samples=result.samples, seed=result.seed,
                                limits=result.limits, cdf=cdf)
    blocks = [render_binding(b, palette, width, options) for b in result.info.values()
              if not b.hidden]
    if result.result is not None:
        blocks.append(render_value(result.result, palette, width, indent="",
                                   options=options))
    stream = getattr(result, "stream", None)
    if stream:  # a streamed run: what its figures are (dsl.engine.streaming)
        blocks.append([palette.note(line) for line in textwrap.wrap(stream["note"], width)])
    return join_blocks(blocks)


def join_blocks(blocks: list[list[str]]) -> str:
    """Blocks one after another, with a blank line next to every multi-line block."""
    out: list[str] = []
    previous: Optional[list[str]] = None
    for block in blocks:
        if previous is not None and (len(previous) > 1 or len(block) > 1):
            out.append("")
        out.extend(block)
        previous = block
    return "\n".join(out)


def render_binding(binding: "Binding", palette: Palette, width: int,
                   options: Optional[views.ViewOptions] = None) -> list[str]:
    """The lines of one binding's block."""
    label = escape_controls(binding.label, keep="") if binding.label else ""
    title = palette.name(label or binding.name)
    plain_title = label or binding.name
    if binding.label and binding.label != binding.name:
        title += " " + palette.dim(f"({binding.name})")
        plain_title += f" ({binding.name})"
    if binding.unit:  # `x :: m = 100` prints `x :: m: 100`
        title += " " + palette.dim(f":: {binding.unit}")
        plain_title += f" :: {binding.unit}"
    doc = []
    if binding.doc:
        wrapped = textwrap.wrap(escape_controls(binding.doc),
                                max(20, width - len(_INDENT))) or [""]
        doc = [_INDENT + palette.doc(line) for line in wrapped]
    body = render_value(binding.value, palette, width, room=width - len(plain_title) - 2,
                        options=options)
    if not body[0].startswith(_INDENT):
        # a one-line value sits beside the name (a chart of it may follow)
        return [f"{title}: {body[0]}"] + doc + body[1:]
    return [f"{title}{':' if _is_container(binding.value) else ''}"] + doc + body


def render_value(value: Value, palette: Palette, width: int,
                 indent: str = _INDENT, room: Optional[int] = None,
                 options: Optional[views.ViewOptions] = None) -> list[str]:
    """A value's lines. A one-line value comes back unindented (to sit beside a name);
    multi-line forms are indented by ``indent``. A list or record goes one item per
    line when its one-line form is longer than ``room`` (default: ``width``). A
    function with a domain, a long list of numbers or distributions, a plot, table or
    calculator is its one line and then its chart (``dsl.render``)."""
    options = options or views.ViewOptions()
    picture = views.shown_as(value)  # Tag.showAs: the value's line, then its picture
    if picture is not None:
        return [compact(value)] + [indent + line if line else "" for line in draw_text.draw(
            views.value_view(picture, options), width - len(indent), palette)]
    if isinstance(value, Dist):
        if value.is_indicator:
            return [_probability(value, palette, width if room is None else room)]
        return [indent + line for line in _dist_lines(value, palette, width - len(indent),
                                                      options.cdf)]
    if isinstance(value, List) and value.tags.notebook:  # @notebook: a document
        return [indent + line if line else ""
                for line in _notebook_lines(value, palette, width - len(indent))]
    if _is_sensitivity(value):  # what sensitivity() returns reads best as its table
        from .tornado import render_table
        return [indent + line for line in render_table(value.to_python())]
    one_line = compact(value)
    if len(one_line) <= (width if room is None else room) or not _is_container(value):
        lines = [one_line]
    else:
        lines = [indent + line for line in _item_lines(value, width - len(indent))]
    drawn = _drawn(value, options)
    if drawn is not None:
        lines += [indent + line if line else ""
                  for line in draw_text.draw(drawn, width - len(indent), palette)]
    return lines


def _drawn(value: Value, options: views.ViewOptions):
    """The view drawn under a value's line, or None: the chart of a function with a
    domain, of a long list of numbers or distributions; a picture's table or chart."""
    if isinstance(value, Function):
        return views.function_view(value, options)
    if isinstance(value, List) and not value.tags.notebook:
        view = views.list_view(value, options)
        return view.parts[0] if view is not None else None  # its values: the head
    if isinstance(value, (Plot, Table, Calculator)):
        return views.value_view(value, options)
    return None


def _notebook_lines(value: List, palette: Palette, width: int) -> list[str]:
    """A ``@notebook`` list as a document, as Squiggle shows one: no indices, its
    strings as paragraphs of text (wrapped, their own line breaks kept), every other
    item as the value itself (a distribution with its statistics and histogram), a
    blank line between items."""
    lines: list[str] = []
    for i, item in enumerate(value.items[:_MAX_ITEM_LINES]):
        if i:
            lines.append("")
        if isinstance(item, String):
            for paragraph in escape_controls(item.value, keep="\n").split("\n"):
                # a markdown list item's continuation lines hang under its text
                bullet = re.match(r"\s*(?:[-*+]|\d+[.)])\s+", paragraph)
                lines += textwrap.wrap(paragraph, max(20, width), subsequent_indent=" " * (
                    bullet.end() if bullet else 0)) or [""]
        else:
            lines += render_value(item, palette, width, indent="")
    if len(value.items) > _MAX_ITEM_LINES:
        lines += ["", f"... {len(value.items) - _MAX_ITEM_LINES} more"]
    return lines


def _is_sensitivity(value: Value) -> bool:
    return (isinstance(value, List) and len(value.items) > 0
            and all(isinstance(r, Record) and {"input", "rankShare"}
                    <= set(r.fields) for r in value.items))


def _is_container(value: Value) -> bool:
    return isinstance(value, (List, Record))


def _item_lines(value: Value, width: int = 80) -> list[str]:
    """A list or record one item per line; records with the same keys as a table."""
    table = views.records_table(value)
    if table is not None and len(table.rows) <= _MAX_ITEM_LINES:
        return draw_text.draw_table(table, width)
    if isinstance(value, Record):
        items = [(_key(k), v) for k, v in value.fields.items()]
    else:
        items = [(f"[{i}]", v) for i, v in enumerate(value.items)]
    lines = [f"{key}: {compact(v)}" for key, v in items[:_MAX_ITEM_LINES]]
    if len(items) > _MAX_ITEM_LINES:
        lines.append(f"... {len(items) - _MAX_ITEM_LINES} more")
    return lines


# ---- distributions ----

def _dist_lines(dist: Dist, palette: Palette, width: int, cdf: bool = False) -> list[str]:
    """Figures, histogram (or CDF) with ticks and mean/median marks, notes
    (``dsl.render``)."""
    view = views.dist_view(dist, views.ViewOptions(
        bins=max(20, min(width, draw_text.MAX_PLOT_WIDTH)), cdf=cdf))
    return draw_text.draw_dist(view, width, palette)


def _probability(dist: Dist, palette: Palette, room: int = 80) -> str:
    """``probability 0.2572  █████░░░…``: the bar 20 wide, narrower (down to 5) when
    the line would not fit in ``room``."""
    p = dist.mean()
    # in its @format, if it has one; else no more digits than its error supports
    label = views.probability_label(dist)
    text = f"probability {label}  "
    size = max(5, min(_PROBABILITY_BAR, room - len(text)))
    filled = int(round(p * size))
    bar = palette.bar("█" * filled) + palette.dim("░" * (size - filled))
    return f"{palette.label('probability')} {label}  {bar}"


# ---- compact one-line forms ----

def compact(value: Value, limit: int = 8) -> str:
    """A value on one line: numbers to 4 significant figures, distributions as
    (mean, 90% interval), functions as their signature."""
    return short(value, 4, limit, lambda d: "(" + _dist_short(d) + ")")


def _dist_short(dist: Dist) -> str:
    # every figure in its @format, if it has one, else to the digits its error allows
    return views.dist_short(dist)


def _key(key: str) -> str:
    return key if key.isidentifier() else '"' + escape_controls(key, keep="") + '"'


def precision_text(report) -> str:
    """The closing line of ``sq run --precision``: whether every shown figure met the
    target, at how many samples, and if not, which figure fell shortest
    (``dsl.engine.precision.PrecisionReport``), wrapped at the terminal's width."""
    from ..base.figures import format_number
    return "\n".join(textwrap.wrap(report.text(format_number), max(20, terminal_width()),
                                   subsequent_indent=_INDENT))
