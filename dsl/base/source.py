"""Source text and positions in it: what error messages point at."""
from __future__ import annotations

from collections import namedtuple

from .errors import DslError
from .structs import Struct

__all__ = ["Source", "Span", "read_source", "MAX_SOURCE_BYTES"]

# The largest model file read (`sq run`, `sq check`, dsl.run_file, imports, :load), unless
# the caller's limits say otherwise (Limits.max_source_bytes, when it exists).
MAX_SOURCE_BYTES = 10_000_000


class Source(Struct, frozen=True):
    """A named program text (a file path, or a label such as ``<eval>``)."""

    name: str
    text: str

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` without its newline ('' past the end)."""
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""


class Span(namedtuple("Span", "line column end_line end_column start end")):
    """A region of source: 1-based line and column of its first character, the line and
    column just past its last one (exclusive, as lark reports them), and
    0-based character offsets ``start`` (inclusive) and ``end`` (exclusive).

    A named tuple: immutable and cheap to make (the parser makes one per node)."""

    __slots__ = ()

    @staticmethod
    def point(line: int, column: int, offset: int) -> "Span":
        """A one-character span."""
        return Span(line, column, line, column + 1, offset, offset + 1)

    def to(self, other: "Span") -> "Span":
        """The span from the start of this one to the end of ``other``."""
        return Span(self.line, self.column, other.end_line, other.end_column, self.start, other.end)


def read_source(path: str, max_bytes: int | None = None, shown: str | None = None) -> str:
    """The text of the model file ``path`` (UTF-8, newlines as Python's text mode reads
    them), or a DslError naming it as ``shown`` (default ``path``). Only a regular file
    is read, and at most ``max_bytes`` (default MAX_SOURCE_BYTES) of it: not a device
    that never ends (/dev/zero), nor a FIFO that waits for a writer."""
    import os
    import stat
    shown = path if shown is None else shown
    limit = MAX_SOURCE_BYTES if max_bytes is None else max_bytes
    if "\0" in path:
        raise DslError(f"cannot read {shown!r}: a file name cannot contain a NUL character")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError) as e:
        raise DslError(f"cannot read {shown}: {getattr(e, 'strerror', None) or e}") from None
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        regular = False
    if not regular:
        os.close(fd)
        raise DslError(f"cannot read {shown}: not a regular file")
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise DslError(f"cannot read {shown}: {e.strerror or e}") from None
    if len(data) > limit:
        raise DslError(f"cannot read {shown}: the model file is too large (more than "
                       f"{limit:,} bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DslError(f"cannot read {shown}: not UTF-8 text (byte {e.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
