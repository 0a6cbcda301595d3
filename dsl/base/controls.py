"""Control characters made visible, so a model cannot drive the user's terminal.

A model's strings, record keys, ``@name``/``@doc`` texts and error messages reach the
terminal through ``sq run``, ``sq eval`` and the REPL. Printed raw, an escape sequence in
one of them clears the screen, sets the window title or writes the clipboard (OSC 52);
a lone UTF-16 surrogate (``"\\ud800"``) cannot be encoded at all. Here every C0 and C1
control character, DEL and surrogate is written as the escape that would type it in a
model (``\\u001b``, ``\\r``, ``\\ud800``). JSON output needs none of this (``json.dumps``
escapes them already).
"""
from __future__ import annotations

import functools
import re

__all__ = ["escape_controls", "terminal_text"]

_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\0": "\\0"}
_CONTROL = "[\x00-\x1f\x7f-\x9f\ud800-\udfff]"
# what the palette itself writes (dsl.render.report.Palette): colour on and off, nothing else
_SGR = r"\x1b\[[0-9;]*m"


def _clean(text: str, keep: str = "\n\t") -> bool:
    """True when ``text`` surely has nothing to escape but ``keep``: a quick test that
    spares most output (and `sq eval "1"`) compiling the patterns. ``isprintable`` is
    false for every control character and surrogate (and for some harmless characters
    too, which then take the slow path)."""
    for ch in keep:
        text = text.replace(ch, "")
    return text.isprintable()


@functools.lru_cache(maxsize=None)
def _pattern(source: str) -> "re.Pattern[str]":
    return re.compile(source)


def _escape(ch: str) -> str:
    return _NAMED.get(ch) or f"\\u{ord(ch):04x}"


def escape_controls(text: str, keep: str = "\n\t") -> str:
    """``text`` with each control character not in ``keep`` written as its escape."""
    if _clean(text, keep):
        return text
    return _pattern(_CONTROL).sub(
        lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def terminal_text(text: str, color: bool = False) -> str:
    """``text`` safe to print: newlines and tabs kept, with ``color`` the palette's own
    colour sequences kept too, every other control character escaped."""
    if _clean(text):
        return text
    if not color:
        return escape_controls(text)
    pieces, at = [], 0
    for m in _pattern(_SGR).finditer(text):
        pieces.append(escape_controls(text[at:m.start()]))
        pieces.append(m.group())
        at = m.end()
    pieces.append(escape_controls(text[at:]))
    return "".join(pieces)
