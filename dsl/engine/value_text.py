"""Values as Squiggle 0.10's ``toString`` writes them: what ``String(x)`` and
``"text" + x`` give.

Numbers as JavaScript prints them (``2500000``, ``1.5e-7``), strings inside lists and
records in JSON quotes, a list of more than 20 items or 150 characters cut to its first
items and its last, a distribution by its kind (``Sample Set Distribution``), a user
function as ``(x,y) => internal code``, a builtin by its name, and a tagged value
followed by its tags (``3, with tags {numberFormat: ".1%"}``). Written without
recursion: a value may nest hundreds deep.
"""
from __future__ import annotations

import json
from typing import Any

from ..base.meter import CHUNK, check_time
from ..base.number_format import js_string
from .tags import ExportData, Location, Tags
from .time_values import DateDomain
from .values import Bool, Domain, Function, List, Number, Record, String, Value

__all__ = ["squiggle_text", "tags_text"]

# VArray.valueToString: past this many characters or items, "... N more ..." and the last
_MAX_LIST_CHARS = 150
_MAX_LIST_ITEMS = 20


def squiggle_text(value: Value) -> str:
    """``value.toString()`` in Squiggle 0.10."""
    out: list[str] = []
    # values to write and ready strings, last first; a list or record is finished by a
    # (kind, value, mark) entry that joins what its parts wrote from out[mark] on
    todo: list[Any] = [value]
    steps = 0
    while todo:
        item = todo.pop()
        steps += 1
        if steps % CHUNK == 0:  # a big value is written under the run's clock
            check_time()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, tuple):
            kind, v, mark = item
            parts = out[mark:]
            del out[mark:]
            text = _list_text(parts, len(v.items)) if kind == "list" else "".join(parts)
            out.append(text + _with_tags(v.tags) if v.tags else text)
        elif isinstance(item, List):
            todo.append(("list", item, len(out)))
            items = item.items
            # only these can show: the list is cut by its 20th item at the latest
            shown = items if len(items) <= _MAX_LIST_ITEMS + 1 else \
                items[:_MAX_LIST_ITEMS] + items[-1:]
            todo.extend(reversed(shown))
        elif isinstance(item, Record):
            todo.append(("record", item, len(out)))
            todo.append("}")
            fields = list(item.fields.items())
            for i in range(len(fields) - 1, -1, -1):
                key, v = fields[i]
                todo.append(v)
                todo.append((", " if i else "") + f"{key}: ")
            todo.append("{")
        else:
            text = _leaf_text(item)
            out.append(text + _with_tags(item.tags) if item.tags else text)
    return "".join(out)


def _list_text(parts: list[str], n: int) -> str:
    """``VArray.valueToString`` of a list of ``n`` items, from the texts of the items
    that can show (all, or the first 20 and the last)."""
    shown: list[str] = []
    total = 0
    for i, text in enumerate(parts[:n]):
        shown.append(text)
        total += len(text) + (2 if total else 0)
        if (total >= _MAX_LIST_CHARS or len(shown) >= _MAX_LIST_ITEMS) and i < n - 2:
            shown.append(f"... {n - (i + 2)} more ...")
            shown.append(parts[-1])
            break
    return "[" + ", ".join(shown) + "]"


def _leaf_text(value: Value) -> str:
    from .dist import Dist
    if isinstance(value, Number):
        return js_string(value.value)
    if isinstance(value, String):
        return _json_string(value.value)
    if isinstance(value, Bool):
        return "true" if value.value else "false"
    if isinstance(value, Dist):
        described = getattr(value.law, "squiggle_text", None)
        text = described() if callable(described) else None
        return text or "Sample Set Distribution"
    if isinstance(value, Function):
        from .functions import Lambda
        if isinstance(value, Lambda):
            return "(" + ",".join(value.param_names()) + ") => internal code"
        return value.name
    if isinstance(value, Domain) and not isinstance(value, DateDomain):
        return f"Number.rangeDomain({js_string(value.low)}, {js_string(value.high)})"
    return str(value)  # Date, Duration ... write themselves as Squiggle does


def _json_string(text: str) -> str:
    """``JSON.stringify`` of a string (non-ASCII kept, lone surrogates escaped)."""
    return json.dumps(text, ensure_ascii=False)


def _with_tags(tags: Tags) -> str:
    return ", with tags {" + tags_text(tags) + "}"


def tags_text(tags: Tags) -> str:
    """``ValueTags.toString``: ``name: "N", hidden: true``."""
    parts = []
    for key, value in tags.items():
        if isinstance(value, Location):
            text = _location_json(value)
        elif isinstance(value, ExportData):
            text = ('{sourceId:' + _json_string(value.source_id) + ',path:['
                    + ",".join(_json_string(p) for p in value.path) + ']}')
        else:
            text = squiggle_text(value)
        parts.append(f"{key}: {text}")
    return ", ".join(parts)


def _location_json(loc: Location) -> str:
    """A location as JavaScript's JSON.stringify writes the raw object, quotes off
    its keys (``ValueTags.toString``)."""
    return ('{source:' + _json_string(loc.source)
            + f',start:{{offset:{loc.offset},line:{loc.line},column:{loc.column}}}'
            + f',end:{{offset:{loc.end_offset},line:{loc.end_line},'
              f'column:{loc.end_column}}}}}')
