"""What the REPL does with an entry, whatever the terminal: run it in one persistent
``Session``, print its last value as ``sq run`` would, print errors with their caret.

The engine keeps the source of every entry that succeeded and defined something.
Changing the sample count or the seed builds a new session and replays those entries
(random streams depend only on the seed, the binding and the call's text, so replayed
bindings get the same samples they would get in a file); ``:save`` writes them out as
a model file.

Typed entries are numbered, so an error names the entry it is in (``<repl:3>:1:5``);
``_`` is the last value printed. The session is reactive: when an entry redefines a
binding, the bindings that use it are recomputed and one line names them
(``updated: costPerLife, pSuccess``).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Optional, TextIO

from ...base.controls import terminal_text
from ...base.errors import DslError
from ...syntax.parser import parse
from ..progress import Progress
from ...engine.registry import Constant
from ...render.report import Palette, join_blocks, render_binding, render_value, terminal_width, use_color
from ...engine.session import Result, Session
from ...render.views import ViewOptions
from .words import LAST

__all__ = ["Engine", "Entry", "definitions"]


@dataclass(frozen=True)
class Entry:
    """An entry that succeeded and defined bindings: its text without a final
    expression, and the file it came from (``<repl:N>`` for the N-th typed entry)."""
    text: str
    filename: str


def definitions(text: str) -> str:
    """``text`` without its final bare expression (the part worth replaying and
    saving); '' when it defines nothing."""
    program = parse(text)
    if program.result is not None:
        text = text[:program.result.span.start]
    return text.strip() if (program.statements or program.imports) else ""


def _options(result: Result) -> ViewOptions:
    """How the report draws a result of the session: a function's chart and a
    calculator's result computed with the session's sample count, seed and limits, as
    ``sq run`` computes them (the report's defaults are 100000 samples and seed 0)."""
    return ViewOptions(samples=result.samples, seed=result.seed, limits=result.limits)


class Engine:
    """A REPL session: a ``Session`` plus the entries that built it, printing to
    ``out`` (results) and ``err`` (errors and notices)."""

    def __init__(self, samples: int = 100_000, seed: int = 0, *,
                 out: Optional[TextIO] = None, err: Optional[TextIO] = None,
                 color: Optional[bool] = None, width: Optional[int] = None,
                 filename: str = "<repl>", spaced: bool = False) -> None:
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self.palette = Palette(use_color(self.out) if color is None else color)
        self._width = width
        self.filename = filename   # what error messages call typed entries
        self.typed = 0             # how many entries were run (<repl:N> numbers them)
        self.loaded: Optional[str] = None   # the last :load'ed file, for :reload
        self.vi_mode = False       # :set vi
        self.spaced = spaced       # a blank line next to multi-line results, as sq run
        self._last_lines = 0
        self.session = Session(samples=samples, seed=seed)
        self.entries: list[Entry] = []
        self.errors = 0            # how many errors were printed (piped mode's status)

    # ---- state ----

    @property
    def samples(self) -> int:
        return self.session.samples

    @property
    def seed(self) -> int:
        return self.session.seed

    @property
    def width(self) -> int:
        return self._width or terminal_width()

    def names(self) -> list[str]:
        """The session's top-level names, oldest first."""
        return list(self.session.env.vars)

    # ---- output ----

    def write(self, text: str) -> None:
        """Print a result."""
        if text:
            lines = text.count("\n") + 1
            if self.spaced and self._last_lines and max(lines, self._last_lines) > 1:
                text = "\n" + text
            self._last_lines = lines
            self.out.write(terminal_text(text, self.palette.enabled) + "\n")
            self.out.flush()

    def notice(self, text: str) -> None:
        """Print a notice (on the error stream, apart from the results)."""
        self.err.write(terminal_text(text, self.palette.enabled) + "\n")
        self.err.flush()

    def error(self, message: str, formatted: bool = False) -> None:
        """Print an error (``formatted``: already DslError.format()ted) and count it."""
        self.errors += 1
        self.notice(message if formatted else f"error: {message}")

    # ---- running ----

    def run_source(self, text: str, filename: Optional[str] = None, *, first_line: int = 1,
                   show: str = "last") -> Optional[Result]:
        """Run ``text`` in the session and print what it made: with ``show="last"``
        its final expression or else its last visible binding, with ``show="names"``
        the names it defined. Errors are printed, not raised (None is returned);
        ``first_line`` numbers the text's lines as in the stream it came from."""
        if filename is None:
            self.typed += 1
            filename = self.filename if self.filename != "<repl>" else f"<repl:{self.typed}>"
        try:
            with Progress(self.err) as progress:
                result = self.session.run("\n" * (first_line - 1) + text, filename,
                                          progress=progress)
            kept = definitions(text)
        except DslError as e:
            self.error(e.format(), formatted=True)
            return None
        if kept:
            self.entries.append(Entry(kept, filename))
        if show == "names":
            self._show_names(result, filename)
        else:
            self._show_last(result)
        self._show_updated(result)
        return result

    def _show_updated(self, result: Result) -> None:
        """One line naming the earlier bindings the entry recomputed (a redefined
        input moves everything downstream: the user should see what moved)."""
        updated = [name for name in result.updated if not self._hidden(name)]
        if updated:
            self.notice(self.palette.dim("updated: " + ", ".join(updated)))

    def _hidden(self, name: str) -> bool:
        binding = self.session.bindings.get(name)
        return binding is not None and binding.hidden

    def _show_last(self, result: Result) -> None:
        if result.result is not None:
            self.write(join_blocks([render_value(result.result, self.palette, self.width,
                                                 indent="", options=_options(result))]))
            self._remember(result.result)
            return
        visible = [b for b in result.info.values() if not b.hidden]
        if visible:
            self.write(join_blocks([render_binding(visible[-1], self.palette, self.width,
                                                   _options(result))]))
            self._remember(visible[-1].value)

    def _remember(self, value) -> None:
        """Make ``_`` the value just printed: a constant of the session's registry, not
        a binding, so it is no part of the program (``:save``, the dataflow) and an
        entry using it keeps the value it saw."""
        registry = self.session.registry
        registry.globals.pop(LAST, None)
        registry.entries.pop(LAST, None)
        registry.add(Constant(LAST, None, value, summary="the last value printed"))

    def _show_names(self, result: Result, filename: str) -> None:
        names = [b.name for b in result.info.values() if not b.hidden]
        self.notice(f"{filename}: {len(names)} binding{'s' if len(names) != 1 else ''}"
                    + (f" ({', '.join(names)})" if names else ""))
        if result.result is not None:
            self.write(join_blocks([render_value(result.result, self.palette, self.width,
                                                 indent="", options=_options(result))]))

    def rebuild(self, samples: Optional[int] = None, seed: Optional[int] = None) -> bool:
        """A new session with another sample count or seed, the entries replayed in it.
        All or nothing: on an error (or Ctrl-C) the old session stays."""
        session = Session(samples=self.samples if samples is None else samples,
                          seed=self.seed if seed is None else seed)
        try:
            with Progress(self.err) as progress:
                for entry in self.entries:
                    session.run(entry.text, entry.filename, progress=progress)
        except DslError as e:
            self.error(e.format(), formatted=True)
            self.notice("the session is unchanged")
            return False
        self.session = session
        return True

    def reset(self) -> None:
        """Forget every binding and entry (the sample count and seed stay)."""
        self.session = Session(samples=self.samples, seed=self.seed)
        self.entries = []

    def saved_text(self) -> str:
        """The entries as one model file."""
        return "".join(entry.text + "\n" for entry in self.entries)
