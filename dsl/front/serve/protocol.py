"""The JSON shapes of PROTOCOL.md: positions in UTF-16 units, errors, and the checking
of what a page sends. Pure functions of engine objects; no web stack here."""
from __future__ import annotations

from typing import Any, Optional

from ...base.errors import DslError
from ...base.source import Span

__all__ = ["VERSION", "BadMessage", "span_json", "error_json", "message_error",
           "check_request", "REQUESTS"]

VERSION = 1

# request type -> {field: (types, required)}; ids are free-form and never checked
REQUESTS: dict[str, dict[str, tuple[tuple, bool]]] = {
    "edit": {"text": ((str,), True)},
    "cancel": {},
    "calculator": {"name": ((str,), True), "values": ((list,), True)},
    "sensitivity": {"name": ((str,), True)},
    "view": {"name": ((str,), True), "cdf": ((bool,), False), "log": ((bool,), False)},
    "save": {"text": ((str,), True), "path": ((str,), False)},
    "reload": {},
    "settings": {"samples": ((int,), False), "seed": ((int,), False)},
    "completions": {"prefix": ((str,), False)},
    "tokens": {"text": ((str,), True)},
}


class BadMessage(ValueError):
    """A message the protocol does not know, or with a field of the wrong type."""


def check_request(message: Any) -> dict:
    """``message`` if it is a request of PROTOCOL.md with fields of the right types,
    else BadMessage saying what is wrong."""
    if not isinstance(message, dict):
        raise BadMessage("a message must be a JSON object")
    kind = message.get("type")
    fields = REQUESTS.get(kind) if isinstance(kind, str) else None
    if fields is None:
        raise BadMessage(f"unknown message type {kind!r}")
    for field, (types, required) in fields.items():
        if field not in message:
            if required:
                raise BadMessage(f"a {kind} message needs a {field!r} field")
            continue
        value = message[field]
        # JSON true is a Python bool, which is also an int: not a sample count
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            raise BadMessage(f"{kind}.{field} must be a {types[0].__name__}")
    return message


def _utf16(text: str, offset: int) -> int:
    """The UTF-16 position (what a browser's strings count) of character ``offset``."""
    head = text[:offset]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def span_json(span: Optional[Span], text: str) -> Optional[dict]:
    """A span as PROTOCOL.md's SPAN: lines and columns as the engine counts them, and
    ``from``/``to`` offsets into ``text`` in UTF-16 code units."""
    if span is None:
        return None
    start = max(0, min(span.start, len(text)))
    end = max(start, min(span.end, len(text)))
    return {"line": span.line, "column": span.column, "end_line": span.end_line,
            "end_column": span.end_column, "from": _utf16(text, start),
            "to": _utf16(text, end)}


def error_json(error: DslError, text: str) -> dict:
    """A model's error as PROTOCOL.md's ERROR. A position in another file (an import)
    is not a position in the editor's text: the error is then placed at no span and
    its file named in the message."""
    message = error.message
    span = error.span
    if error.source is not None and error.source.text != text:
        if span is not None:
            message = f"{message} (in {error.source.name}:{span.line}:{span.column})"
        span = None
    return {"kind": error.kind, "message": message, "span": span_json(span, text),
            "note": error.note or ""}


def message_error(request_id: Any, message: str) -> dict:
    """The ``error`` reply to a request that could not be done."""
    return {"type": "error", "id": request_id, "message": message}
