"""The REPL (``sq`` or ``sq repl``). One concern per module:

- ``engine``: runs entries in one persistent Session, prints results and errors,
  keeps the entries for ``:samples``/``:seed`` replays and ``:save``
- ``commands``: the colon commands (``:help``, ``:load``, ...), ``docs``: their help texts
- ``app``: the prompt_toolkit prompt; ``piped``: the same without a terminal
- ``tokens``, ``lexer``, ``completer``, ``signatures``, ``validator``, ``keybindings``,
  ``history``, ``style``: the parts of the prompt
"""
from __future__ import annotations

import sys
from typing import Optional, TextIO

__all__ = ["start_repl"]


def start_repl(samples: int = 100_000, seed: int = 0, *,
               stdin: Optional[TextIO] = None) -> int:
    """Run the REPL on the terminal, or over piped input when stdin (or stdout) is
    not a terminal; returns the exit status."""
    from .engine import Engine
    stdin = stdin if stdin is not None else sys.stdin
    if stdin.isatty() and sys.stdout.isatty():
        from .app import run_interactive
        return run_interactive(Engine(samples=samples, seed=seed))
    from .piped import run_piped
    return run_piped(Engine(samples=samples, seed=seed, filename="<stdin>", spaced=True),
                     stdin)
