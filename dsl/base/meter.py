"""The clock and the memory budget of the run in progress (``Limits.time_limit`` and
``Limits.max_bytes``), reachable from code that has no evaluator at hand: the parser,
value conversion, argument checks and builtins' long loops.

A run installs its ``Meter`` for its thread (``with meter:``); outside a run nothing is
metered. Long loops check the clock every ``CHUNK`` items (``each``, ``tick``), never per
sample, so a run overruns its time limit by at most one chunk of work; allocations are
charged per operation, in bytes (``charge``, ``reserve``).
"""
from __future__ import annotations

import contextlib
import gc
import threading
import time
from typing import Iterable, Iterator, Optional, Sequence

from .errors import LimitError

__all__ = ["Meter", "current", "installed", "check_time", "each", "pieces", "due", "late",
           "reserve", "charge", "CHUNK", "LIST_ITEM_BYTES", "FIELD_BYTES", "OBJECT_BYTES",
           "str_bytes", "reserve_summary", "SUMMARY_ITEM_BYTES"]

# Items between two looks at the clock in a Python loop over list items (~1 us each:
# a few ms of work between looks).
CHUNK = 2048

# What one item of a model list costs, measured with tracemalloc at the peak of the
# builtins that make lists (List.upTo 81 B, List.zip 130 B, String.split 59 B per item
# at 1M items): the tuple slot, the value object and the builder's temporary Python
# list. One field of a record: the dict slot, its key and the value (232 B for a
# one-field record).
LIST_ITEM_BYTES = 96
FIELD_BYTES = 128
OBJECT_BYTES = 64  # the fixed cost of any value object

_local = threading.local()


class Meter:
    """One run's deadline and byte budget."""

    __slots__ = ("time_limit", "budget", "deadline", "allocated", "_outer", "_ticks")

    def __init__(self, time_limit: Optional[float], budget: int) -> None:
        self.time_limit = time_limit
        self.budget = budget
        self.deadline: Optional[float] = None
        self.allocated = 0
        self._outer: list = []
        self._ticks = 0

    def start(self) -> None:
        """Start the clock and empty the budget's account."""
        self.deadline = (time.monotonic() + self.time_limit
                         if self.time_limit is not None else None)
        self.allocated = 0

    # ---- time ----

    def late(self) -> LimitError:
        return LimitError(f"the run took longer than its time limit of {self.time_limit:g} s")

    def check_time(self) -> None:
        """Raise a LimitError once the deadline has passed."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.late()

    # ---- memory ----

    def reserve(self, nbytes: float, what: str) -> None:
        """Fail before allocating ``nbytes`` more would pass the budget (the bytes are
        charged once made, by ``charge``)."""
        if self.allocated + nbytes > self.budget:
            raise LimitError(f"{what} would take the run past its memory limit of "
                             f"{_size(self.budget)} allocated (it has allocated "
                             f"{_size(self.allocated)}, this needs {_size(nbytes)})")

    def charge(self, nbytes: float, what: str) -> None:
        """Count ``nbytes`` just allocated; raise a LimitError past the budget."""
        self.allocated += nbytes
        if self.allocated > self.budget:
            raise LimitError(f"{what}: the run has allocated more than its memory limit "
                             f"of {_size(self.budget)}; use fewer samples, shorter lists "
                             "and strings, or fewer bindings")

    # ---- installing ----

    def __enter__(self) -> "Meter":
        self._outer.append(getattr(_local, "meter", None))
        _local.meter = self
        _defer_full_collections(True)
        return self

    def __exit__(self, *exc) -> None:
        _defer_full_collections(False)
        _local.meter = self._outer.pop()
        _local.last = self


# Python's full (generation 2) garbage collections walk every object alive: ~1 s with
# ten million list items, in one piece, so no clock could stop a run during one. While
# any run is in progress they wait (young generations are still collected: cycles that
# die young go as before) and the thresholds come back when the last run ends.
_gc_lock = threading.Lock()
_gc_runs = 0
_gc_saved: Optional[tuple] = None


def _defer_full_collections(entering: bool) -> None:
    global _gc_runs, _gc_saved
    with _gc_lock:
        if entering:
            if _gc_runs == 0:
                _gc_saved = gc.get_threshold()
                if _gc_saved[0] > 0:  # collection on
                    # a container made just before the run (a list of 5e6 inputs) is
                    # young: each young collection during the run would walk all its
                    # items again, 0.09 s apiece in one piece; collected now, at the
                    # run's start (microseconds when nothing big is young), it is old
                    gc.collect(1)
                    gc.set_threshold(_gc_saved[0], _gc_saved[1], 1_000_000)
            _gc_runs += 1
        else:
            _gc_runs -= 1
            if _gc_runs == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved)
                _gc_saved = None


def _size(nbytes: float) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if nbytes >= scale:
            return f"{nbytes / scale:.3g} {unit}"
    return f"{int(nbytes)} bytes"


def current() -> Optional[Meter]:
    """The meter of the run in progress on this thread, or None."""
    return getattr(_local, "meter", None)


@contextlib.contextmanager
def installed(m: Optional[Meter]) -> Iterator[Optional[Meter]]:
    """``m`` as this thread's meter for the block (for a helper thread doing part of a
    run's work: ``dsl.base.steps``), without the start of a run's bookkeeping."""
    outer = getattr(_local, "meter", None)
    _local.meter = m
    try:
        yield m
    finally:
        _local.meter = outer


def check_time() -> None:
    """Raise a LimitError if the run in progress has passed its deadline."""
    m = getattr(_local, "meter", None)
    if m is not None and m.deadline is not None and time.monotonic() > m.deadline:
        raise m.late()


def due(every: int = CHUNK) -> bool:
    """Count one step of a long loop; every ``every`` steps, look at the clock: whether
    the run in progress is past its deadline (then raise ``late()``)."""
    m = getattr(_local, "meter", None)
    if m is None or m.deadline is None:
        return False
    m._ticks += 1
    if m._ticks < every:
        return False
    m._ticks = 0
    return time.monotonic() > m.deadline


def late(span=None, source=None) -> LimitError:
    """The error of a run past its time limit, pointing at ``span`` when given."""
    m = getattr(_local, "meter", None)
    limit = m.time_limit if m is not None and m.time_limit is not None else 0.0
    return LimitError(f"the run took longer than its time limit of {limit:g} s",
                      span, source)


def each(items: Iterable, every: int = CHUNK) -> Iterator:
    """The items, looking at the clock every ``every`` of them (for loops over lists
    that a model can make long)."""
    m = getattr(_local, "meter", None)
    if m is None or m.deadline is None:
        yield from items
        return
    deadline, n = m.deadline, 0
    for item in items:
        n += 1
        if n >= every:
            n = 0
            if time.monotonic() > deadline:
                raise m.late()
        yield item


def pieces(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """``items`` in slices of ``size``, looking at the clock between them (for C-level
    work over a long list: ``str.join``, ``sum(map(len, ...))``)."""
    for start in range(0, len(items), size):
        if start:
            check_time()
        yield items[start:start + size]


def reserve(nbytes: float, what: str) -> None:
    """``Meter.reserve`` on the run in progress (nothing outside a run)."""
    m = getattr(_local, "meter", None)
    if m is not None:
        m.reserve(nbytes, what)


def charge(nbytes: float, what: str) -> None:
    """``Meter.charge`` on the run in progress (nothing outside a run)."""
    m = getattr(_local, "meter", None)
    if m is not None:
        m.charge(nbytes, what)


# What one value costs in a JSON summary (``{"type": "number", "value": x}``: a dict,
# its float and the list slot; 216 bytes measured) and in ``to_python`` (32 bytes).
SUMMARY_ITEM_BYTES = 224


def reserve_summary(values: int, what: str) -> None:
    """Before summarising ``values`` values: inside a run, reserve it from its budget;
    after one, from what the last run on this thread left; else from the default
    budget (``Limits.max_bytes``)."""
    nbytes = values * SUMMARY_ITEM_BYTES
    if nbytes < 16_000_000:
        return
    m = getattr(_local, "meter", None) or getattr(_local, "last", None)
    if m is not None:
        m.reserve(nbytes, what)
        return
    from .limits import default_max_bytes
    if nbytes > default_max_bytes():
        raise LimitError(f"{what} would take about {_size(nbytes)}, more than the memory "
                         f"limit of {_size(default_max_bytes())}")


def str_bytes(text: str) -> int:
    """What a string costs: CPython stores 1, 2 or 4 bytes a character (whichever its
    widest needs); O(1), as ``isascii`` reads a flag."""
    return OBJECT_BYTES + len(text) * (1 if text.isascii() else 4)
