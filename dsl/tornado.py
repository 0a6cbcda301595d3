"""The text of a sensitivity analysis: a Guesstimate-style table of the measures, then a
tornado chart (one horizontal bar per input, longest on top)."""
from __future__ import annotations

from .display import format_number

__all__ = ["render_sensitivity", "render_table"]

_COLUMNS = (("spearman", "spearman"), ("varianceShare", "var share"),
            ("logVarianceShare", "log-var share"), ("elasticity", "elasticity"))
_WIDTH = 40


def render_sensitivity(name: str, rows: list[dict]) -> str:
    """Table and tornado chart for the records ``sensitivity`` returns."""
    if not rows:
        return f"sensitivity of {name}: no uncertain inputs upstream"
    label_width = max(len("input"), *(len(r["input"]) for r in rows))
    lines = [f"sensitivity of {name} (most important first)", *render_table(rows)]
    key = "logVarianceShare" if "logVarianceShare" in rows[0] else "varianceShare"
    what = "share of the variance of ln " + name if key == "logVarianceShare" else \
        "share of the variance of " + name
    lines += ["", f"tornado: {what}"]
    for r in rows:
        share = max(0.0, min(1.0, r.get(key, 0.0)))
        bar = "█" * int(round(share * _WIDTH))
        if not bar and share > 0:
            bar = "▏"
        lines.append(f"{r['input'].ljust(label_width)}  {bar} {format_number(share, 2)}")
    return "\n".join(lines)


def render_table(rows: list[dict]) -> list[str]:
    """The measures of each input, one row each, in the records' order."""
    columns = [(key, title) for key, title in _COLUMNS if any(key in r for r in rows)]
    label_width = max(len("input"), *(len(r["input"]) for r in rows))
    lines = ["input".ljust(label_width) + "".join(f"  {title:>13}" for _, title in columns)]
    for r in rows:
        cells = "".join(f"  {_cell(r.get(key)):>13}" for key, _ in columns)
        lines.append(r["input"].ljust(label_width) + cells)
    return lines


def _cell(value) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}"
