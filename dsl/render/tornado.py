"""The text of a sensitivity analysis: a Guesstimate-style table of the measures (the ten
most important inputs and a line for the rest), the note saying which measure the
chart uses and why, a tornado chart of that measure (one bar per input, longest on
top) and the classic swing tornado (the output's median with each input at its own 5th
and 95th percentile)."""
from __future__ import annotations

import textwrap
from typing import Optional

from ..engine.display import format_number

__all__ = ["render_sensitivity", "render_table", "chart_measure", "MEASURES", "SHOWN"]

SHOWN = 10  # inputs in the table and the charts; the rest get one line
# every measure a record may carry, in table order (None: not shown for this output)
MEASURES = _COLUMNS = (("rankShare", "rank share"), ("spearman", "spearman"),
            ("varianceShare", "var share"), ("logVarianceShare", "log-var share"),
            ("elasticity", "elasticity"), ("sobolFirst", "sobol first"),
            ("sobolTotal", "sobol total"))
_WIDTH = 40      # the longest bar
_SWING = 30      # the swing chart's width
_LABEL = 40      # the longest label shown
_NOTE = 88       # the note's lines


def render_sensitivity(name: str, rows: list[dict], shown: int = SHOWN) -> str:
    """Table, note, tornado and swing chart for the records ``sensitivity`` returns."""
    if not rows:
        return f"sensitivity of {name}: no uncertain inputs upstream"
    key, what = chart_measure(rows)
    top, rest = rows[:shown], rows[shown:]
    count = f"{len(rows)} input{'s' if len(rows) != 1 else ''}"
    lines = [f"sensitivity of {name} ({count}, most important first)", *render_table(top)]
    if rest:
        lines.append(_rest_line(rest, key))
    if rows[0].get("note"):
        lines += ["", *_note_lines("note: " + rows[0]["note"])]
    lines += ["", f"tornado: {what} of {name}"]
    width = _label_width(top)
    for r in top:
        share = max(0.0, min(1.0, r.get(key) or 0.0))
        bar = "█" * int(round(share * _WIDTH))
        if not bar and share > 0:
            bar = "▏"
        lines.append(f"{_label(r, width)}  {bar} {format_number(share, 2)}")
    lines += _swing_lines(name, top, width)
    return "\n".join(lines)


def chart_measure(rows: list[dict]) -> tuple[str, str]:
    """The measure a tornado of these records draws, and its name: the total-effect Sobol
    index when computed, else the rank share (it exists whatever the output's tails)."""
    if rows and rows[0].get("sobolTotal") is not None:
        return "sobolTotal", "total-effect Sobol index"
    return "rankShare", "rank share"


def render_table(rows: list[dict]) -> list[str]:
    """The measures of each input, one row each, in the records' order (a column only
    when some input has that measure)."""
    columns = [(key, title) for key, title in _COLUMNS
               if any(r.get(key) is not None for r in rows)]
    width = _label_width(rows)
    lines = ["input".ljust(width) + "".join(f"  {title:>13}" for _, title in columns)]
    for r in rows:
        cells = "".join(f"  {_cell(r.get(key)):>13}" for key, _ in columns)
        lines.append(_label(r, width) + cells)
    return lines


def _rest_line(rest: list[dict], key: str) -> str:
    total = sum(r.get(key) or 0.0 for r in rest)
    what = "sobol total" if key == "sobolTotal" else "rank share"
    return (f"... and {len(rest)} more input{'s' if len(rest) != 1 else ''} "
            f"({what} {total:.3f} in all)")


def _swing_lines(name: str, rows: list[dict], width: int) -> list[str]:
    """Each input's bar spans the output's median with the input at its 5th and at its
    95th percentile, on one axis for all."""
    swings = [(r, r.get("swingLow"), r.get("swingHigh")) for r in rows]
    swings = [(r, lo, hi) for r, lo, hi in swings if _finite(lo) and _finite(hi)]
    if not swings:
        return []
    swings.sort(key=lambda s: -abs(s[2] - s[1]))
    left = min(min(lo, hi) for _, lo, hi in swings)
    right = max(max(lo, hi) for _, lo, hi in swings)
    span = right - left or 1.0
    lines = ["", f"swing: median of {name} with each input at its 5th -> 95th percentile"]
    for r, lo, hi in swings:
        a = int(round((min(lo, hi) - left) / span * (_SWING - 1)))
        b = int(round((max(lo, hi) - left) / span * (_SWING - 1)))
        bar = " " * a + ("│" if a == b else "├" + "─" * (b - a - 1) + "┤")
        lines.append(f"{_label(r, width)}  {bar.ljust(_SWING)}  "
                     f"{format_number(lo, 3)} -> {format_number(hi, 3)}")
    return lines


def _note_lines(note: str) -> list[str]:
    """The note wrapped at its "; " joints where it can (a reason stays on one line)."""
    lines: list[str] = []
    for part in note.split("; "):
        if lines and len(lines[-1]) + 2 + len(part) <= _NOTE:
            lines[-1] += "; " + part
        else:
            if lines:
                lines[-1] += ";"
            lines += textwrap.wrap(part, _NOTE, initial_indent="  " if lines else "",
                                   subsequent_indent="  ")
    return lines


def _finite(x: Optional[float]) -> bool:
    return x is not None and x == x and abs(x) != float("inf")


def _label_width(rows: list[dict]) -> int:
    return min(_LABEL, max(len("input"), *(len(r["input"]) for r in rows)))


def _label(row: dict, width: int) -> str:
    text = row["input"]
    if len(text) > width:
        text = text[:width - 1] + "…"
    return text.ljust(width)


def _cell(value) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}"
