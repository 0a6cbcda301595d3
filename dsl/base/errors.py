"""DslError: the one exception a user of the language can cause.

Builtins raise errors without a position; the evaluator attaches the span of the call
(and the stack of user-function calls) on the way out, so every error a user sees says
where it happened.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .controls import escape_controls

if TYPE_CHECKING:  # positions are only handed through here
    from .source import Source, Span

__all__ = [
    "DslError", "ParseError", "NameError_", "TypeError_", "ArgumentError", "DomainError",
    "IndexError_", "KeyError_", "LimitError", "ImportError_", "UserError", "InternalError",
    "SessionBusyError", "HostError", "internal_error", "closest", "excerpt",
]


class DslError(Exception):
    """A failure a model can cause: bad syntax, an unknown name, a wrong argument...

    ``kind`` is a stable category (``"SyntaxError"``, ``"NameError"``, ...), ``message``
    a sentence for humans. ``line`` and ``column`` are 1-based, or None until the
    evaluator attaches a position.
    """

    kind = "Error"

    def __init__(self, message: str, span: Optional[Span] = None,
                 source: Optional[Source] = None, *, note: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.source = source
        self.note = note
        self.stack: list[tuple[str, Span, Source]] = []  # (function, call span, source)

    @property
    def line(self) -> Optional[int]:
        return self.span.line if self.span else None

    @property
    def column(self) -> Optional[int]:
        return self.span.column if self.span else None

    @property
    def filename(self) -> Optional[str]:
        return self.source.name if self.source else None

    def located(self, span: Span, source: Source) -> "DslError":
        """Attach a position unless one is already known; returns self."""
        if self.span is None:
            self.span, self.source = span, source
        return self

    def to_json(self) -> dict:
        """The ``{"kind", "message", "line", "column"}`` object of DESIGN.md section 2."""
        return {"kind": self.kind, "message": self.message,
                "line": self.line, "column": self.column}

    def format(self) -> str:
        """The message, its position and a caret excerpt, like a compiler prints it
        (control characters from the model escaped: this text goes to terminals)."""
        out = [f"error: {escape_controls(self.message)}"]
        if self.span is not None and self.source is not None:
            name = escape_controls(self.source.name, keep="")
            out.append(f" --> {name}:{self.span.line}:{self.span.column}")
            out.append(excerpt(self.source, self.span))
        if self.note:
            out.append(f"note: {escape_controls(self.note)}")
        out.extend(_stack_lines(self.stack))
        return "\n".join(out)

    def __str__(self) -> str:
        if self.span is not None and self.source is not None:
            return f"{self.source.name}:{self.span.line}:{self.span.column}: {self.message}"
        return self.message


def excerpt(source: Source, span: Span) -> str:
    """The line ``span`` starts on, numbered, with carets under the spanned characters
    (to the end of that line when the span runs over several lines). Control
    characters in the line are shown escaped, the carets still under their text."""
    raw = source.line(span.line).replace("\t", " ")
    gutter = str(span.line)
    if span.end_line == span.line:
        width = max(1, span.end_column - span.column)
    else:
        width = max(1, len(raw) - span.column + 1)
    text = escape_controls(raw, keep="")
    if text is not raw:  # widths as escaped: the carets stay under the same characters
        before = escape_controls(raw[:span.column - 1], keep="")
        width = len(escape_controls(raw[:span.column - 1 + width], keep="")) - len(before)
        column = len(before) + 1
    else:
        column = span.column
    pad = " " * len(gutter)
    return (f"{gutter} | {text}\n"
            f"{pad} | {' ' * (column - 1)}{'^' * max(1, width)}")


def _stack_lines(stack, keep: int = 10) -> list[str]:
    """One line per call frame, innermost first; a run of identical frames (a
    recursion) is one line with a count, and a long stack keeps its two ends."""
    lines: list[str] = []
    runs: list[int] = []
    for name, span, source in stack:
        line = f"  in {name} called at {source.name}:{span.line}:{span.column}"
        if lines and lines[-1] == line:
            runs[-1] += 1
        else:
            lines.append(line)
            runs.append(1)
    lines = [line + (f" ({n} times)" if n > 1 else "") for line, n in zip(lines, runs)]
    if len(lines) > 2 * keep:
        hidden = len(lines) - 2 * keep
        lines = lines[:keep] + [f"  ... {hidden} more calls ..."] + lines[-keep:]
    return lines


class ParseError(DslError):
    """The text is not a program. ``incomplete`` is true when more input could make it
    one (an open bracket, a trailing operator), which the REPL uses to keep reading."""

    kind = "SyntaxError"

    def __init__(self, message: str, span: Optional[Span] = None,
                 source: Optional[Source] = None, *, incomplete: bool = False,
                 note: str = "") -> None:
        super().__init__(message, span, source, note=note)
        self.incomplete = incomplete


class NameError_(DslError):
    """A name that is not defined."""
    kind = "NameError"


class TypeError_(DslError):
    """A value of the wrong type for an operator or field access."""
    kind = "TypeError"


class ArgumentError(DslError):
    """A call with the wrong number or types of arguments."""
    kind = "ArgumentError"


class DomainError(DslError):
    """An argument outside the values a function accepts (a negative stdev, log of 0)."""
    kind = "DomainError"


class IndexError_(DslError):
    """A list index out of range."""
    kind = "IndexError"


class KeyError_(DslError):
    """A record key that does not exist."""
    kind = "KeyError"


class LimitError(DslError):
    """A resource limit (recursion depth, time, memory) was reached."""
    kind = "LimitError"


class ImportError_(DslError):
    """An import that cannot be resolved or is not allowed."""
    kind = "ImportError"


class UserError(DslError):
    """Raised by the model itself with ``throw``."""
    kind = "UserError"


class InternalError(DslError):
    """A bug in sqdsl, reported as a DslError so users never see a traceback."""
    kind = "InternalError"


class HostError(DslError):
    """A Python function the host registered (``Session.register``) raised an exception;
    the model sees only that it failed, the host finds the exception as ``__cause__``."""
    kind = "HostError"


def internal_error(call: str, builtin: str) -> InternalError:
    """A builtin's own failure (a bug in sqdsl), said in the model's words: which call
    could not be computed. The Python exception is kept as the error's ``__cause__``,
    for ``sq ... --debug`` and for the host, never in the message."""
    shown = " ".join(call.split())
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return InternalError(f"{shown or builtin} could not be computed: {builtin} failed inside "
                         "sqdsl (a bug; please report it with the output of --debug)")


class SessionBusyError(DslError):
    """A Session was used from a second thread while it was running in another."""
    kind = "SessionBusyError"


def closest(name: str, candidates) -> Optional[str]:
    """The candidate most similar to ``name``, if any is similar enough to suggest."""
    import difflib
    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None
