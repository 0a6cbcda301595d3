"""Cards: one top-level binding drawn for the page (PROTOCOL.md's CARD), by the render
layer's HTML drawer and its JSON VALUE."""
from __future__ import annotations

import json
from html import escape
from typing import Optional

from ...base.errors import DslError
from ...render.html import named_html, value_html
from ...render.json import value_json
from ...render.views import ViewOptions, compact_text
from ...engine.values import Value

__all__ = ["card", "error_html"]


def error_html(message: str) -> str:
    """What a card shows when its value cannot be drawn."""
    return f'<div class="sq-error">{escape(message)}</div>'


def card(name: str, value: Value, options: ViewOptions, *, label: Optional[str] = None,
         doc: Optional[str] = None, unit: Optional[str] = None,
         hidden: bool = False) -> dict:
    """The CARD of binding ``name`` (``""``: the final expression). Drawing runs the
    value's functions (a function's chart, a calculator's result) under the clock of
    the caller's meter; a DslError there becomes the card's error, not the run's."""
    out = {"name": name, "label": label, "doc": doc, "hidden": hidden, "unit": unit,
           "type": value.type_name, "text": None, "html": None, "value": None}
    if hidden:
        return out
    title = label or name or "result"
    try:
        out["text"] = compact_text(value)
        body = value_html(value, options)
        summary = value_json(value, options)
        if unit:
            summary["unit"] = unit
        json.dumps(summary, allow_nan=False)  # what the socket sends must be plain JSON
    except DslError as e:
        out["html"] = named_html(title, error_html(e.message), doc)
        out["error"] = {"kind": e.kind, "message": e.message, "span": None, "note": ""}
        return out
    except ValueError as e:  # a NaN that a VALUE let through: a bug, said on the card
        out["html"] = named_html(title, error_html(f"cannot send this value: {e}"), doc)
        return out
    out["html"] = named_html(title, body, doc)
    out["value"] = summary
    return out
