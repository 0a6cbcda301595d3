"""Entries that look like source but are meant for the REPL, typed from habit: bare
``exit``, ``quit`` and ``help`` (Python's and the shells' words) get a line saying
what to type instead, and ``NAME?`` (IPython's) is ``:help NAME``.

A binding of the session with one of those names is the binding: ``help = 3`` then
``help`` prints 3.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

__all__ = ["help_query", "bare_word_hint", "LAST"]

LAST = "_"   # the name of the last value printed
_QUERY = re.compile(r"\s*(:?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\?\s*")
_HINTS = {
    "exit": "to leave, type :quit or press Ctrl-D",
    "quit": "to leave, type :quit or press Ctrl-D",
    "help": "type :help for the commands and namespaces, :help NAME for one of them",
}


def help_query(text: str) -> Optional[str]:
    """The NAME of a ``NAME?`` entry (``normal?``, ``Dist.normal?``), else None."""
    found = _QUERY.fullmatch(text)
    return found.group(1) if found else None


def bare_word_hint(text: str, defined: Callable[[str], bool]) -> Optional[str]:
    """What to type instead of a bare ``exit``/``quit``/``help`` entry (None for
    anything else, or when the session defines that name)."""
    word = text.strip()
    hint = _HINTS.get(word)
    return hint if hint is not None and not defined(word) else None
