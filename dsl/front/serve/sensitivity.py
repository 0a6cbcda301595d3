"""The sensitivity pane: ``Session.sensitivity``'s records as the render layer's views,
a table of the measures and a tornado (one bar per input, most important first)."""
from __future__ import annotations

from ...render.chart import ProbabilityBar, StackView, TableView
from ...render.html import view_html

__all__ = ["sensitivity_view", "sensitivity_html"]

_COLUMNS = (("spearman", "Spearman"), ("varianceShare", "variance share"),
            ("logVarianceShare", "log-variance share"), ("elasticity", "elasticity"))


def _cell(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def sensitivity_view(name: str, rows: list[dict]) -> StackView:
    """The table of every measure ``rows`` have, and the tornado of the variance share
    (of ln ``name`` when the rows have it: a positive output)."""
    if not rows:
        return StackView((TableView(("input",), (), title="no uncertain inputs upstream"),),
                         title=f"Sensitivity of {name}")
    columns = [(key, title) for key, title in _COLUMNS if any(key in r for r in rows)]
    table = TableView(("input", *(title for _, title in columns)),
                      tuple((r["input"], *(_cell(r.get(key)) for key, _ in columns))
                            for r in rows),
                      ("left",) + ("right",) * len(columns))
    key = "logVarianceShare" if "logVarianceShare" in rows[0] else "varianceShare"
    what = f"share of the variance of {'ln ' if key == 'logVarianceShare' else ''}{name}"
    bars = tuple(ProbabilityBar(max(0.0, min(1.0, r.get(key) or 0.0)),
                                f"{r['input']}  {100 * (r.get(key) or 0.0):.0f}%")
                 for r in rows)
    return StackView((table, StackView(bars, title=f"Tornado: {what}")),
                     title=f"Sensitivity of {name}")


def sensitivity_html(name: str, rows: list[dict]) -> str:
    return view_html(sensitivity_view(name, rows))
