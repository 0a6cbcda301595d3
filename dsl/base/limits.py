"""Resource limits: a model that asks for too much gets a clear LimitError, not a hang or
an out-of-memory kill."""
from __future__ import annotations

import functools
import os
from typing import Optional

from .structs import Struct

__all__ = ["Limits", "default_max_bytes", "PARSE_BYTES_PER_SOURCE_BYTE"]

# Peak memory of parsing, per byte of source, in the worst cases measured (lark's tokens,
# tree and positions, then the syntax tree): `x=1;x=1;...` ~520, calls `[f(1),...]`
# ~500, a list literal `[1,1,...]` ~440, records ~110; newlines, strings and comments
# ~0 (their token patterns repeat no group per character: grammar.lark). With a margin:
# a program is refused before parsing when this much of it would pass the memory
# budget (``Limits.source_limit``).
PARSE_BYTES_PER_SOURCE_BYTE = 800

_GB = 1024 ** 3


@functools.lru_cache(maxsize=None)
def default_max_bytes() -> int:
    """The default memory budget: a quarter of the machine's physical memory (or of the
    cgroup's limit, when lower), between 256 MB and 16 GB; 4 GB when unknown."""
    total = None
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        pass
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path) as f:
                text = f.read().strip()
            if text.isdigit() and (total is None or int(text) < total):
                total = int(text)
        except (OSError, ValueError):
            pass
    if not total or total <= 0:
        return 4 * _GB
    return int(min(max(total // 4, _GB // 4), 16 * _GB))


class Limits(Struct, frozen=True):
    """Ceilings on what one run may use. The defaults suit a laptop; an embedding
    service evaluating untrusted models may lower them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .limit_checks import check_limits
        check_limits(self)  # NaN, negative or non-numeric limits: an ArgumentError

    max_samples: int = 10_000_000
    """Largest sample count a session accepts (and largest chunk of a streamed run)."""
    max_stream_samples: int = 1_000_000_000_000
    """Largest sample count of a streamed run (``--stream``: memory stays bounded, one
    chunk at a time)."""
    max_depth: int = 400
    """Deepest nesting of user-function calls (recursion)."""
    max_list_length: int = 10_000_000
    """Longest list a builtin may build, and the most values a nested list or record
    may hold in all (a part it holds twice counted twice: what showing it writes out)."""
    max_nesting: int = 300
    """Deepest nesting of lists and records in a value (``[[[1]]]`` is 3 deep). Values
    are walked (compared, shown, converted to JSON) within this depth; past a few
    hundred, ``json.dumps`` of a summary meets Python's default recursion limit."""
    max_elements: Optional[int] = None
    """The memory budget counted in float64 samples, as before ``max_bytes``:
    ``max_elements=n`` means ``max_bytes=8 * n`` (``max_bytes`` wins when both are
    given)."""
    time_limit: Optional[float] = 600.0
    """Wall-clock seconds a run may take, parsing included (None: no limit). Checked
    between evaluation steps and every few thousand items inside long loops, and a
    numpy step that cannot be cut is waited on only until the deadline
    (``dsl.base.steps``), so a run stops within about 10% + 0.2 s of it. ``Result.summary``
    and ``Result.to_python`` each have this long again, from their call."""
    max_bytes: Optional[int] = None
    """Bytes a run may allocate in all (None: ``default_max_bytes()``, a quarter of the
    machine's memory): samples at 8 bytes each, list items and record fields at their
    measured cost (~96 and ~128 bytes), strings at their size, the masks of ``if`` on
    distributions, the parse of the source and the summaries of its values. Counted as
    made and never given back during a run, so it also bounds the run's peak."""
    max_source_bytes: int = 4_000_000
    """Longest program text accepted, in bytes, checked before parsing (a budget too
    small to parse that much lowers it: ``source_limit``)."""

    @property
    def budget(self) -> int:
        """The memory budget in bytes (``max_bytes``, else ``8 * max_elements``, else the
        machine's default)."""
        if self.max_bytes is not None:
            return int(self.max_bytes)
        if self.max_elements is not None:
            return 8 * int(self.max_elements)
        return default_max_bytes()

    @property
    def source_limit(self) -> int:
        """The longest program text, in bytes: ``max_source_bytes``, and no more than
        the memory budget can parse at ``PARSE_BYTES_PER_SOURCE_BYTE`` (but 256 kB,
        a few thousand lines, always: at most ~200 MB of parsing)."""
        return min(self.max_source_bytes,
                   max(self.budget // PARSE_BYTES_PER_SOURCE_BYTE, 262_144))
