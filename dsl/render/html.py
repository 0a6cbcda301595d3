"""The HTML drawer: views (``dsl.render.chart``) as HTML fragments, charts as inline
SVG (``dsl.render.svg``), for the notebook and the playground.

A fragment uses the classes of ``CSS`` (all prefixed ``sq-``); ``page`` wraps
fragments in a whole document with that style, and ``styled`` puts the style in front
of one fragment (a notebook cell shows each output on its own). Nothing needs a
script, a web font or a network request to be seen.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, Optional

from ..engine.dist import Dist
from ..engine.pictures import Picture
from ..engine.table_values import Calculator
from ..engine.values import Function, List, Record, String, Value
from .chart import (Chart, DistView, ProbabilityBar, StackView, TableView, TextView)
from .svg import bar_label_width, chart_svg, probability_svg
from .views import (DEFAULT, LIST_CHART_MIN, ViewOptions, calculator_view, compact_text,
                    shown_as, value_view)

__all__ = ["CSS", "MAX_ITEMS", "MAX_DEPTH", "view_html", "table_html", "value_html",
           "calculator_html", "named_html", "bindings_html", "styled", "page"]

MAX_ITEMS = 50   # items of a list or fields of a record drawn one by one; the rest counted
MAX_DEPTH = 6    # nested records and lists drawn as such; deeper ones as their text
# values whose one-line text hides what they are: inside a record or list they are
# drawn one by one (a record of plain numbers and strings stays one aligned table)
_COMPOSITE = (Record, List, Dist, Picture)

CSS = """\
.sq-view { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans',
  sans-serif; font-size: 14px; color: #1f2933; line-height: 1.4; max-width: 640px; }
.sq-view svg { display: block; max-width: 100%; height: auto; margin: 4px 0; }
.sq-binding { margin: 0 0 18px 0; }
.sq-name { font-weight: 600; font-size: 15px; margin: 0; }
.sq-doc { color: #52606d; margin: 2px 0 6px 0; white-space: pre-wrap; }
.sq-text { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 13px;
  background: #f5f7fa; border-radius: 4px; padding: 1px 5px; white-space: pre-wrap; }
.sq-stats { border-collapse: collapse; margin: 2px 0 4px 0; font-size: 13px; }
.sq-stats th { font-weight: 500; color: #52606d; padding: 0 16px 0 0; text-align: left; }
.sq-stats td { font-variant-numeric: tabular-nums; padding: 0 16px 0 0; }
.sq-table { border-collapse: collapse; margin: 4px 0; font-size: 13px; }
.sq-table caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
.sq-table th { text-align: left; border-bottom: 1px solid #9aa5b1; padding: 3px 12px 3px 0;
  font-weight: 600; }
.sq-table td { border-bottom: 1px solid #e4e7eb; padding: 3px 12px 3px 0;
  vertical-align: top; }
.sq-table .sq-num { text-align: right; font-variant-numeric: tabular-nums; }
.sq-note { color: #52606d; font-size: 12px; margin: 2px 0; }
.sq-stack > .sq-part { margin: 0 0 8px 0; }
.sq-stack-title, .sq-chart-title { font-weight: 600; margin: 4px 0; }
.sq-record { border-left: 2px solid #d9e2ec; padding-left: 10px; margin: 4px 0; }
.sq-field { margin: 2px 0 6px 0; }
.sq-field > .sq-name { font-size: 14px; }
.sq-inline > .sq-name { display: inline; margin-right: 6px; }
.sq-list { margin: 4px 0; padding-left: 22px; }
.sq-calculator { border: 1px solid #d9e2ec; border-radius: 6px; padding: 10px 12px;
  margin: 4px 0; }
.sq-calculator label { display: block; margin: 0 0 8px 0; font-weight: 500; }
.sq-calculator .sq-field-doc { display: block; font-weight: 400; color: #52606d;
  font-size: 12px; }
.sq-calculator input[type=text], .sq-calculator textarea, .sq-calculator select {
  display: block; margin-top: 2px; font: 13px ui-monospace, 'DejaVu Sans Mono',
  monospace; padding: 3px 6px; border: 1px solid #9aa5b1; border-radius: 4px;
  min-width: 240px; }
.sq-calculator .sq-result { border-top: 1px solid #e4e7eb; margin-top: 8px;
  padding-top: 6px; }
.sq-error { color: #b42318; }
.sq-paragraph { white-space: pre-wrap; margin: 6px 0; }
"""


def view_html(view) -> str:
    """A view as an HTML fragment."""
    if isinstance(view, TextView):
        return f'<code class="sq-text">{escape(view.text)}</code>'
    if isinstance(view, DistView):
        return _dist(view)
    if isinstance(view, ProbabilityBar):
        return probability_svg(view)
    if isinstance(view, Chart):
        return chart_svg(view)
    if isinstance(view, TableView):
        return table_html(view)
    if isinstance(view, StackView):
        title = (f'<div class="sq-stack-title">{escape(view.title)}</div>'
                 if view.title else "")
        if view.parts and all(isinstance(p, ProbabilityBar) for p in view.parts):
            # bars drawn together (a tornado): one label column as wide as the widest
            # label, so that every track has one length and the bars compare
            column = max(bar_label_width(p) for p in view.parts)
            parts = "".join(f'<div class="sq-part">{probability_svg(p, label_width=column)}'
                            f"</div>" for p in view.parts)
            return f'<div class="sq-stack">{title}{parts}</div>'
        parts = "".join(f'<div class="sq-part">{view_html(p)}</div>' for p in view.parts)
        return f'<div class="sq-stack">{title}{parts}</div>'
    raise TypeError(f"no HTML drawing for {type(view).__name__}")


def _dist(view: DistView) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for label, _ in view.stats)
    cells = "".join(f"<td>{escape(text)}</td>" for _, text in view.stats)
    stats = (f'<table class="sq-stats"><tr>{head}</tr><tr>{cells}</tr></table>'
             if view.stats else "")
    chart = chart_svg(view.chart) if view.chart is not None else ""
    notes = "".join(f'<p class="sq-note">{escape(n)}</p>' for n in view.notes)
    return f'<div class="sq-dist">{stats}{chart}{notes}</div>'


def table_html(view: TableView) -> str:
    """A ``TableView`` as an HTML table (numbers right-aligned)."""
    align = tuple(view.align) + ("left",) * (len(view.header) - len(view.align))
    cls = ["sq-num" if a == "right" else "" for a in align]

    def cell(tag: str, text: str, i: int) -> str:
        c = f' class="{cls[i]}"' if i < len(cls) and cls[i] else ""
        return f"<{tag}{c}>{escape(str(text))}</{tag}>"

    caption = f"<caption>{escape(view.title)}</caption>" if view.title else ""
    head = "".join(cell("th", h, i) for i, h in enumerate(view.header))
    rows = "".join("<tr>" + "".join(cell("td", c, i) for i, c in enumerate(row)) + "</tr>"
                   for row in view.rows)
    thead = f"<thead><tr>{head}</tr></thead>" if view.header else ""
    return f'<table class="sq-table">{caption}{thead}<tbody>{rows}</tbody></table>'


def value_html(value: Value, options: ViewOptions = DEFAULT, depth: int = 0) -> str:
    """Any value as HTML: records and lists of composite values nested (each field or
    item under its name or index, drawn as a value of its own), a calculator as a
    form, a ``@notebook`` list as a document, a value with ``Tag.showAs`` as its
    picture, everything else as its view. A value's ``@name`` and ``@doc`` are shown
    by whoever names it (``named_html``, ``bindings_html``); a field's here."""
    picture = shown_as(value)
    if picture is not None:
        return value_html(picture, options, depth)
    if isinstance(value, List) and value.tags.notebook and depth < MAX_DEPTH:
        return _notebook(value, options, depth)
    if isinstance(value, Record) and depth < MAX_DEPTH and not all(
            _plain(v) for v in value.fields.values()):
        return _record(value, options, depth)
    if isinstance(value, Record) and not value.fields:
        return view_html(TextView(compact_text(value)))
    if isinstance(value, Calculator):
        return calculator_html(value, options)
    view = value_view(value, options)
    # a list whose view is its one-line text, holding records, lists, distributions
    # or pictures that text would not show: item by item (a list of numbers or of
    # distributions long enough for a chart keeps its chart)
    if (isinstance(value, List) and isinstance(view, TextView) and depth < MAX_DEPTH
            and any(isinstance(v, _COMPOSITE) for v in value.items)):
        return _list(value, options, depth)
    return view_html(view)


def _plain(value: Value) -> bool:
    """A value whose HTML is one line of text: not a distribution, picture or
    function, and not a record or a list holding one or long enough for a chart."""
    if isinstance(value, List):
        return len(value.items) < LIST_CHART_MIN and all(map(_plain, value.items))
    if isinstance(value, Record):
        return all(map(_plain, value.fields.values()))
    return not isinstance(value, (Dist, Picture, Function))


def _record(value: Record, options: ViewOptions, depth: int) -> str:
    """Fields in order: a plain one (number, string ...) on one line after its name,
    a composite one under its name."""
    items = list(value.fields.items())
    fields = []
    for key, v in items[:MAX_ITEMS]:
        name = v.tags.name or key
        if not _plain(v) or v.tags.doc:
            fields.append(named_html(name, value_html(v, options, depth + 1), v.tags.doc,
                                     cls="sq-field"))
        else:
            fields.append(f'<div class="sq-field sq-inline"><span class="sq-name">'
                          f"{escape(name)}</span> {value_html(v, options, depth + 1)}</div>")
    return f'<div class="sq-record">{"".join(fields)}{_more(len(items))}</div>'


def _list(value: List, options: ViewOptions, depth: int) -> str:
    items = value.items
    drawn = "".join(
        "<li>" + named_html(v.tags.name, value_html(v, options, depth + 1), v.tags.doc,
                            cls="sq-item") + "</li>"
        for v in items[:MAX_ITEMS])
    return f'<ol class="sq-list" start="0">{drawn}</ol>{_more(len(items))}'


def _notebook(value: List, options: ViewOptions, depth: int) -> str:
    """A ``@notebook`` list as Squiggle shows one: its strings as paragraphs of text
    (their line breaks kept), every other item drawn as a value, no indices."""
    parts = [f'<p class="sq-paragraph">{escape(item.value)}</p>' if isinstance(item, String)
             else f'<div class="sq-part">{value_html(item, options, depth + 1)}</div>'
             for item in value.items[:MAX_ITEMS]]
    return f'<div class="sq-notebook">{"".join(parts)}{_more(len(value.items))}</div>'


def _more(count: int) -> str:
    if count <= MAX_ITEMS:
        return ""
    return f'<p class="sq-note">... and {count - MAX_ITEMS} more</p>'


def calculator_html(calc: Calculator, options: ViewOptions = DEFAULT) -> str:
    """A calculator as a form: a field per input with its default, and the result of
    the defaults under it (the playground makes it live; here it is a picture)."""
    view = calculator_view(calc, options)
    fields = "".join(_field(i, f) for i, f in enumerate(calc.inputs))
    result = "".join(view_html(part) for part in view.parts[1:])
    title = f'<div class="sq-stack-title">{escape(view.title)}</div>' if view.title else ""
    doc = f'<div class="sq-doc">{escape(calc.description)}</div>' if calc.description else ""
    return (f'<form class="sq-calculator">{title}{doc}{fields}'
            f'<div class="sq-result">{result}</div></form>')


def _field(index: int, field) -> str:
    name = f"field{index}"
    label = escape(field.name)
    doc = (f'<span class="sq-field-doc">{escape(field.description)}</span>'
           if field.description else "")
    default = field.default
    if field.kind == "checkbox":
        checked = " checked" if default else ""
        return (f'<label><input type="checkbox" name="{name}"{checked}> {label}{doc}'
                f"</label>")
    if field.kind == "select":
        options = "".join(
            f'<option{" selected" if o == default else ""}>{escape(o)}</option>'
            for o in field.options or ())
        return f'<label>{label}{doc}<select name="{name}">{options}</select></label>'
    text = "" if default is None else str(default)
    if field.kind == "textArea":
        return (f'<label>{label}{doc}<textarea name="{name}" rows="3">{escape(text)}'
                f"</textarea></label>")
    return (f'<label>{label}{doc}<input type="text" name="{name}" '
            f'value="{escape(text)}"></label>')


def bindings_html(items, result: Optional[Value] = None,
                  options: ViewOptions = DEFAULT) -> str:
    """A run: each ``(name, value)`` under its ``@name`` (else its name) with its
    ``@doc``, then the final expression's value under "result"."""
    parts = [named_html(v.tags.name or name, value_html(v, options), v.tags.doc)
             for name, v in items]
    if result is not None:
        parts.append(named_html("result", value_html(result, options), result.tags.doc))
    return "".join(parts)


def named_html(name: Optional[str], body: str, doc: Optional[str] = None,
               cls: str = "sq-binding") -> str:
    """A value's HTML under its name, with its ``@doc`` between them."""
    title = f'<div class="sq-name">{escape(name)}</div>' if name else ""
    note = f'<div class="sq-doc">{escape(doc)}</div>' if doc else ""
    return f'<div class="{cls}">{title}{note}{body}</div>'


def styled(fragment: str) -> str:
    """One fragment with the style in front, as a notebook shows one output."""
    return f'<div class="sq-view"><style>{CSS}</style>{fragment}</div>'


def page(fragments: Iterable[str], title: str = "sqdsl") -> str:
    """A whole HTML document of fragments, with the style."""
    body = "".join(fragments)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head>"
            f'<body style="margin: 16px; background: #fff"><div class="sq-view">{body}'
            f"</div></body></html>")
