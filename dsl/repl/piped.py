"""The REPL without a terminal: entries read from a stream (``echo 'x = 1 to 3' | sq``),
so sessions can be scripted.

Lines accumulate while the entry is unfinished (``ParseError.incomplete``), then the
entry runs and prints what it made, exactly as in the interactive REPL. Error
positions count the stream's lines. The exit status is 1 when any entry failed.
"""
from __future__ import annotations

from typing import TextIO

from .commands import Quit, execute
from .engine import Engine
from .validator import is_command, needs_more_input

__all__ = ["run_piped"]


class _Counting:
    """Wraps the engine's error stream to notice that an entry failed."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.written = False

    def write(self, text: str) -> int:
        self.written = True
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False


def run_piped(engine: Engine, stream: TextIO) -> int:
    """Evaluate every entry of ``stream``; returns the exit status."""
    failed = False
    lines: list[str] = []
    first_line = 1

    def run(text: str, line: int) -> bool:
        nonlocal failed
        err = engine.err
        counting = engine.err = _Counting(err)
        try:
            execute(engine, text, first_line=line)
        except Quit:
            return False
        finally:
            engine.err = err
        failed = failed or (counting.written and not is_command(text))
        return True

    try:
        for number, line in enumerate(stream, start=1):
            if not lines:
                first_line = number
            lines.append(line)
            text = "".join(lines)
            if needs_more_input(text):
                continue
            lines = []
            if not run(text, first_line):
                return 1 if failed else 0
        if lines:  # the stream ended inside an entry: run it for its error
            run("".join(lines), first_line)
    except KeyboardInterrupt:
        engine.notice("interrupted")
        return 130
    return 1 if failed else 0
