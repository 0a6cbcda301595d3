"""Where the REPL keeps its history: ``$XDG_STATE_HOME/sqdsl/history`` (by default
``~/.local/state/sqdsl/history``), as the XDG base directory spec asks."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Optional

from prompt_toolkit.history import FileHistory, History, InMemoryHistory

__all__ = ["history_path", "make_history"]


def history_path(environ: Optional[Mapping[str, str]] = None) -> Path:
    """The history file's path (a relative ``XDG_STATE_HOME`` is ignored, as the spec
    says)."""
    environ = os.environ if environ is None else environ
    state = environ.get("XDG_STATE_HOME", "")
    base = Path(state) if state and os.path.isabs(state) else \
        Path(environ.get("HOME") or os.path.expanduser("~")) / ".local" / "state"
    return base / "sqdsl" / "history"


def make_history(path: Optional[Path] = None) -> History:
    """A history kept in ``path`` (default: ``history_path()``); only in memory when
    that cannot be written, so a read-only home does not stop the REPL."""
    path = path or history_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
    except OSError:
        return InMemoryHistory()
    return FileHistory(str(path))
