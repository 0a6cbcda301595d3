"""The sensitivity pane: ``Session.sensitivity``'s records as the render layer's views,
a table of the measures and a tornado (one bar per input, most important first)."""
from __future__ import annotations

from ...render.chart import ProbabilityBar, StackView, TableView, TextView
from ...render.html import view_html
from ...render.tornado import MEASURES, chart_measure

__all__ = ["sensitivity_view", "sensitivity_html"]


def _cell(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def sensitivity_view(name: str, rows: list[dict]) -> StackView:
    """The table of every measure ``rows`` have, the note on which measure the tornado
    draws, and the tornado of that measure (as ``sq run --sensitivity`` draws it)."""
    if not rows:
        return StackView((TableView(("input",), (), title="no uncertain inputs upstream"),),
                         title=f"Sensitivity of {name}")
    columns = [(key, title) for key, title in MEASURES
               if any(r.get(key) is not None for r in rows)]
    table = TableView(("input", *(title for _, title in columns)),
                      tuple((r["input"], *(_cell(r.get(key)) for key, _ in columns))
                            for r in rows),
                      ("left",) + ("right",) * len(columns))
    key, what = chart_measure(rows)
    bars = tuple(ProbabilityBar(max(0.0, min(1.0, r.get(key) or 0.0)),
                                f"{r['input']}  {100 * (r.get(key) or 0.0):.0f}%")
                 for r in rows)
    note = (TextView(rows[0]["note"]),) if rows[0].get("note") else ()
    return StackView((table, *note, StackView(bars, title=f"Tornado: {what} of {name}")),
                     title=f"Sensitivity of {name}")


def sensitivity_html(name: str, rows: list[dict]) -> str:
    """The pane's HTML."""
    return view_html(sensitivity_view(name, rows))
