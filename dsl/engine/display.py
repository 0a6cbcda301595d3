"""Values -> one line of text: numbers with sensible significant figures, compact
one-line forms and JavaScript's number-to-string (what Squiggle puts in strings).

The engine's own text of a value, for error messages and ``describe()``; drawing values
is the render layer's (the report of a whole run is ``dsl.render.report.render_text``)."""
from __future__ import annotations

from typing import Callable, Optional

from ..base.controls import escape_controls
from ..base.figures import format_number  # here too, for the many that read it here
from ..base.number_format import format_number as d3_format
from ..base.number_format import js_string
from .mc_error import Estimate, estimate_text
from .time_values import Date, Duration, shown_text
from .values import Bool, Domain, Function, List, Number, Record, String, Value

__all__ = ["format_number", "number_formatter", "js_number", "short"]


def number_formatter(value: Value) -> Callable[..., str]:
    """``format_number``, or for a value with ``@format("...")`` its d3-format (any
    ``digits`` argument ignored): how a report writes the value's figures."""
    spec = value.tags.number_format
    if spec is None:
        return format_number
    return lambda x, digits=3: d3_format(spec, x)


def js_number(x: float) -> str:
    """JavaScript's ``String(x)`` for a double: 3 -> "3", 2500000 -> "2500000",
    1.5e-7 -> "1.5e-7", 1e21 -> "1e+21". Squiggle builds strings this way."""
    return js_string(x)


def short(value: Value, digits: int = 6, limit: int = 8,
          dist_text: Optional[Callable] = None) -> str:
    """A compact one-line form of any value: numbers to ``digits`` significant figures,
    at most ``limit`` items of a list or record, distributions as ``dist_text(d)``
    (default: their mean and 90% interval)."""
    from .dist import Dist
    if isinstance(value, Number):
        spec = value.tags.number_format  # @format("...")
        if spec is None and isinstance(value, Estimate):  # no digits its error denies
            return estimate_text(value, digits, format_number)
        return format_number(value.value, digits) if spec is None else \
            d3_format(spec, value.value)
    if isinstance(value, Bool):
        return "true" if value.value else "false"
    if isinstance(value, String):
        text = value.value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + escape_controls(text) + '"'  # no terminal control from a model
    if isinstance(value, (List, Record)):
        return _short_nested(value, digits, limit, dist_text)
    if isinstance(value, Dist):
        return dist_text(value) if dist_text is not None else value.describe()
    if isinstance(value, Function):
        return value.signature()
    if isinstance(value, (Date, Duration)):  # as Squiggle prints them, or by @format
        return shown_text(value)
    if isinstance(value, Domain):
        return str(value)
    describe = getattr(value, "describe", None)
    if describe is not None:  # a picture (dsl.engine.pictures: a plot, table ...) in a line
        return escape_controls(describe())
    return repr(value)


# a nested value shows at most this many values in all, then "..."
_MAX_SHOWN = 200


def _short_nested(value: Value, digits: int, limit: int,
                  dist_text: Optional[Callable]) -> str:
    """``short`` of a list or record: at most ``limit`` items of each and ``_MAX_SHOWN``
    values in all, written out without recursion (a value may nest hundreds deep)."""
    out: list[str] = []
    todo: list = [value]  # values to write, and strings to write as they are
    shown = 0
    while todo:
        v = todo.pop()
        if isinstance(v, str):
            out.append(v)
            continue
        shown += 1
        if shown > _MAX_SHOWN:
            out.append("...")
        elif isinstance(v, (List, Record)):
            if isinstance(v, List):
                n, opener, closer = len(v.items), "[", "]"
                parts = [("", item) for item in v.items[:limit]]
            else:
                n, opener, closer = len(v.fields), "{", "}"
                parts = [(_key(k) + ": ", item)
                         for k, item in list(v.fields.items())[:limit]]
            out.append(opener)
            todo.append(closer)
            if n > limit:
                todo.append(f"{', ' if parts else ''}... {n - limit} more")
            for i in range(len(parts) - 1, -1, -1):
                prefix, item = parts[i]
                todo.append(item)
                todo.append((", " if i else "") + prefix)
        else:
            out.append(short(v, digits, limit, dist_text))
    return "".join(out)


def _key(key: str) -> str:
    return key if key.isidentifier() else '"' + escape_controls(key, keep="") + '"'

