"""Room for deep models: Python's recursion limit raised while sqdsl runs, then put back.

A model may nest up to ``Limits.max_depth`` user-function calls, each some Python
frames deep, past Python's default limit of 1,000 frames. The limit is process-wide, so
an application embedding sqdsl would otherwise keep whatever a run set. Runs hold the
raised limit between them (several threads may run at once); when the last one ends the
limit goes back to what it was, unless someone else changed it meanwhile.
"""
from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

__all__ = ["recursion_room", "SOURCE_NESTING", "SOURCE_ROOM"]

# Deepest nesting a program's text may have (brackets, and levels of the syntax tree:
# ``a + a + a`` nests one level per ``+``); the parser refuses deeper programs, so the
# passes that walk a syntax tree recursively (the parser's transform, name resolution)
# need room for at most this many levels, a few Python frames each.
SOURCE_NESTING = 1000
SOURCE_ROOM = 4 * SOURCE_NESTING + 1_000

_HIGHEST = 2 ** 31 - 1            # the largest recursion limit sys accepts (a C int)
_lock = threading.Lock()
_active = 0                       # runs inside recursion_room now
_saved: Optional[int] = None      # the limit before the first of them raised it
_raised_to: Optional[int] = None  # what they raised it to (None: not raised)


@contextmanager
def recursion_room(needed: int) -> Iterator[None]:
    """Run the body with Python's recursion limit at least ``needed``."""
    global _active, _saved, _raised_to
    needed = min(needed, _HIGHEST)  # Limits(max_depth=10**9): OverflowError from sys
    with _lock:
        if _active == 0:
            _saved, _raised_to = sys.getrecursionlimit(), None
        if sys.getrecursionlimit() < needed:
            sys.setrecursionlimit(needed)
            _raised_to = needed
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _raised_to is not None \
                    and sys.getrecursionlimit() == _raised_to:
                sys.setrecursionlimit(_saved)
