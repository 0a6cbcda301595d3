"""One numpy step that cannot be cut in pieces (a sort, a factorisation, a product of big
matrices) run under the time limit of the run in progress.

The clock is read between steps, so a single step of seconds would overrun the limit by
seconds (a sort of 1e7 samples takes 0.3 s here, 2 s and more on a loaded machine). numpy
and LAPACK release the GIL inside such steps, so ``bounded`` runs the step in a helper
thread while the run's own thread waits for it until the deadline: a run past its limit
stops there, whatever the step and however loaded the machine. The abandoned step ends
in the background and its result is dropped (its memory was already charged to the
run's budget by the caller).

So that little work is left running after a run has stopped, a step that could not end
by the deadline even on a fast machine is refused before it starts, with a LimitError
saying so. The estimates (``sort_seconds`` ...) are lower bounds, five times and more
below what this 2-core machine measured idle, so a refusal never stops a step that a
fast machine could have finished, and the work left running in the background is
bounded by a small multiple of the time the run had left.

Python loops that hold the GIL (list sorts, joins, ``tolist``) cannot be waited on this
way; they read the clock between pieces instead (``meter.each``, and here ``array_of``
and ``list_of``: a list of floats to an array and back, which hold the GIL for ~30 ns
an item, 0.3 s at 1e7 items and seconds under load).
"""
from __future__ import annotations

import importlib
import math
import sys
import threading
import time
from typing import Callable, Sequence, TypeVar

import numpy as np

from . import meter
from .errors import LimitError

__all__ = ["bounded", "sort_seconds", "argsort_seconds", "linear_seconds",
           "cubic_seconds", "matmul_seconds", "INLINE_SECONDS", "array_of", "list_of",
           "imported"]

T = TypeVar("T")

# Below this estimate a step runs in the caller's thread: a thread hand-off costs
# ~0.1 ms, and such a step (a sort of up to ~2e5 samples, ~3 ms here) ends well inside
# the 0.2 s the time limit allows past it even 30 times slower under load.
INLINE_SECONDS = 0.0005

# Seconds per unit of work on a fast machine: about a fifth of this machine's best
# times (numpy 2.4, 2 cores, idle), and less for LAPACK and BLAS, which a many-core
# machine runs in parallel. Lower bounds, so that a refusal is never wrong.
_SORT = 0.1e-9        # per n log2 n: np.sort, np.partition, np.unique, np.quantile
#                       (np.sort of 1e6: 5.7 to 12 ms here, 2 ms estimated)
_ARGSORT = 0.4e-9     # per n log2 n: np.argsort (1e6: 67 to 81 ms here, 8 ms estimated)
_LINEAR = 0.1e-9      # per element: a multiply, gather, scatter or sum (0.7 to 15 ns)
_CUBIC = 0.002e-9     # per k^3: eigh, eigvalsh, cholesky, inv (0.05 to 2.4 ns here)
_MATMUL = 0.0005e-9   # per multiply-add of a matrix product (0.02 to 0.1 ns here)


def sort_seconds(n: int) -> float:
    """A lower bound on the time of sorting (or selecting in, or finding the distinct
    values of) ``n`` float64s."""
    return _SORT * n * math.log2(n + 2)


def argsort_seconds(n: int) -> float:
    """A lower bound on the time of an argsort of ``n`` float64s."""
    return _ARGSORT * n * math.log2(n + 2)


def linear_seconds(n: int) -> float:
    """A lower bound on one pass over ``n`` elements (a gather, scatter or sum)."""
    return _LINEAR * n


def cubic_seconds(k: int) -> float:
    """A lower bound on a factorisation or eigen-solve of a k x k matrix."""
    return _CUBIC * float(k) ** 3


def matmul_seconds(n: int, k: int, m: int) -> float:
    """A lower bound on the product of an n x k and a k x m matrix."""
    return _MATMUL * float(n) * k * m


def bounded(step: Callable[[], T], seconds: float, what: str) -> T:
    """``step()``, under the run's time limit: refused with a LimitError at once when its
    lower-bound estimate ``seconds`` cannot fit in the time left, else run in a helper
    thread that the run waits on until its deadline (then a LimitError, the step left
    to end on its own). Outside a run, without a time limit, or for a step estimated
    under ``INLINE_SECONDS``, it is simply called.

    ``step`` may read the clock itself (``meter.check_time``: the helper thread sees
    the run's deadline), so a step made of several parts stops at the next part once
    abandoned. It must not touch the evaluator, only arrays."""
    m = meter.current()
    if m is None or m.deadline is None or seconds < INLINE_SECONDS:
        return step()
    left = m.deadline - time.monotonic()
    if seconds > left:
        raise LimitError(f"{what} would take at least {_duration(seconds)}, past the "
                         f"time limit of {m.time_limit:g} s ({_duration(max(left, 0.0))} "
                         "left)")
    done = threading.Event()
    box: list = []
    shadow = meter.Meter(m.time_limit, m.budget)  # the deadline, not the run's account
    shadow.deadline = m.deadline
    errors = np.geterr()  # np.errstate is per thread: the caller's, not the default

    def work() -> None:
        try:
            with meter.installed(shadow), np.errstate(**errors):
                box.append((True, step()))
        except BaseException as e:  # handed to the run's thread, raised there
            box.append((False, e))
        finally:
            done.set()

    threading.Thread(target=work, name="sqdsl-step", daemon=True).start()
    if not done.wait(max(m.deadline - time.monotonic(), 0.0)):
        raise m.late()
    ok, value = box[0]
    if not ok:
        raise value
    return value


def imported(name: str):
    """The module ``name``, imported under the run's clock the first time (importing
    scipy.stats runs 0.3 to 1 s of module code, more under load, that no clock inside
    it reads: in a helper thread, the run waits on it until its deadline)."""
    module = sys.modules.get(name)
    spec = getattr(module, "__spec__", None)
    if module is not None and not getattr(spec, "_initializing", False):
        return module
    # also while a run stopped at its deadline still imports it in the background: the
    # module is in sys.modules half made, and import_module waits for the rest
    return bounded(lambda: importlib.import_module(name), 0.01, f"loading {name}")


# Items converted between two looks at the clock: ~2 ms of work.
_PIECE = 1 << 16


def array_of(values: Sequence[float]) -> np.ndarray:
    """``np.array(values, dtype=float64)`` of a list of numbers, a piece at a time with
    the run's clock read between pieces."""
    n = len(values)
    if n <= _PIECE:
        return np.array(values, dtype=np.float64)
    out = np.empty(n)
    for start in range(0, n, _PIECE):
        meter.check_time()
        out[start:start + _PIECE] = values[start:start + _PIECE]
    return out


def list_of(array: np.ndarray) -> list:
    """``array.tolist()`` of a 1-D array, a piece at a time with the run's clock read
    between pieces."""
    n = array.shape[0]
    if n <= _PIECE:
        return array.tolist()
    out: list = []
    for start in range(0, n, _PIECE):
        meter.check_time()
        out.extend(array[start:start + _PIECE].tolist())
    return out


def _duration(seconds: float) -> str:
    return f"{seconds:.2g} s" if seconds < 10 else f"{seconds:.0f} s"
