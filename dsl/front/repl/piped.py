"""The REPL without a terminal: entries read from a stream (``echo 'x = 1 to 3' | sq``),
so sessions can be scripted.

Lines accumulate while the entry is unfinished (``ParseError.incomplete``), then the
entry runs and prints what it made, exactly as in the interactive REPL. Error
positions count the stream's lines. The exit status is 1 when any entry or command
failed.
"""
from __future__ import annotations

from typing import TextIO

from .commands import Quit, execute
from .engine import Engine
from .validator import needs_more_input

__all__ = ["run_piped"]


def run_piped(engine: Engine, stream: TextIO) -> int:
    """Evaluate every entry of ``stream``; returns the exit status."""
    lines: list[str] = []
    first_line = 1
    try:
        for number, line in enumerate(stream, start=1):
            if not lines:
                first_line = number
            lines.append(line)
            text = "".join(lines)
            if needs_more_input(text):
                continue
            lines = []
            execute(engine, text, first_line=first_line)
        if lines:  # the stream ended inside an entry: run it for its error
            execute(engine, "".join(lines), first_line=first_line)
    except Quit:
        pass
    except KeyboardInterrupt:
        engine.notice("interrupted")
        return 130
    return 1 if engine.errors else 0
