"""A progress bar on stderr for a streamed run (``sq run --stream``, ``--dask``): chunks
done, samples per second and time left.

The streamed run calls it after each chunk is merged, as ``progress(done_chunks,
total_chunks, samples_done)``. It draws only on a terminal unless told to (``sq run
--progress``), never on stdout, and clears its line when the run ends, so piped output
and ``--json`` stay clean. A run whose chunk count starts again from 0 (a barrier makes
the run pass over its chunks again) starts a new pass: the time left is that pass's.
"""
from __future__ import annotations

import sys
import time
from typing import Callable, Optional, TextIO

__all__ = ["StreamProgress", "bar_line", "rate_text", "duration_text"]

_CLEAR_LINE = "\r\x1b[2K"


class StreamProgress:
    """Use as a context manager around a streamed run and pass it as the run's
    ``progress``::

        with StreamProgress() as progress:
            stream_run(text, samples=10**9, progress=progress)

    ``clock`` (seconds, monotonic) is for tests; ``interval`` is the least time between
    two drawings (the last chunk is always drawn); nothing is drawn before ``delay``
    seconds, so a quick run shows no bar at all.
    """

    def __init__(self, stream: Optional[TextIO] = None, *, enabled: Optional[bool] = None,
                 clock: Callable[[], float] = time.monotonic, interval: float = 0.2,
                 delay: float = 0.5, width: int = 24) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.clock = clock
        self.interval = interval
        self.delay = delay
        self.width = width
        self._started = clock()
        self._pass_started = self._started
        self._pass = 1
        self._last_at = self._started
        self._last_done = 0
        self._last_samples = 0
        self._samples = 0  # samples computed over every pass, for the rate
        self._drawn_at: Optional[float] = None

    def __enter__(self) -> "StreamProgress":
        self._started = self._pass_started = self._last_at = self.clock()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._drawn_at is not None:
            self.stream.write(_CLEAR_LINE)
            self.stream.flush()
            self._drawn_at = None

    def __call__(self, done: int, total: int, samples_done: int) -> None:
        """Chunk ``done`` of ``total`` is merged; ``samples_done`` samples so far."""
        now = self.clock()
        if done < self._last_done:  # counting from 0 again: the run's next pass
            self._pass += 1
            self._pass_started = self._last_at  # it began when the last pass ended
            self._last_done = 0
        # samples_done may count within a pass or over the whole run: add what is new
        new = samples_done - self._last_samples
        self._samples += new if new >= 0 else samples_done
        self._last_samples = samples_done
        self._last_done = done
        self._last_at = now
        if not self.enabled or now - self._started < self.delay:
            return
        if (self._drawn_at is not None and now - self._drawn_at < self.interval
                and done < total):
            return
        pass_elapsed = now - self._pass_started
        left = pass_elapsed / done * (total - done) if done > 0 else None
        rate = self._samples / (now - self._started) if now > self._started else None
        line = bar_line(done, total, rate, left, width=self.width,
                        run_pass=self._pass if self._pass > 1 else None)
        self.stream.write(_CLEAR_LINE + line)
        self.stream.flush()
        self._drawn_at = now


def bar_line(done: int, total: int, rate: Optional[float], left: Optional[float], *,
             width: int = 24, run_pass: Optional[int] = None) -> str:
    """``[#########-----] 37/100 chunks  4.2M samples/s  1m12s left`` (ASCII, so any
    terminal's encoding draws it); ``run_pass`` names a pass after the first."""
    filled = min(width, width * done // max(total, 1))
    bar = "#" * filled + "-" * (width - filled)
    parts = [f"[{bar}] {done}/{total} chunks"]
    if run_pass is not None:
        parts.append(f"pass {run_pass}")
    parts.append(f"{rate_text(rate)} samples/s")
    parts.append("done" if done >= total else f"{duration_text(left)} left")
    return "  ".join(parts)


def rate_text(rate: Optional[float]) -> str:
    """A rate with a k/M/G suffix and 2 significant figures at least: ``4.2M``."""
    if rate is None or rate != rate or rate < 0:
        return "--"
    for scale, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if rate >= scale:
            value = rate / scale
            return f"{value:.1f}{suffix}" if value < 100 else f"{value:.0f}{suffix}"
    return f"{rate:.0f}"


def duration_text(seconds: Optional[float]) -> str:
    """``12s``, ``3m05s``, ``1h02m``; ``--`` when not known yet."""
    if seconds is None or seconds != seconds or seconds < 0:
        return "--"
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"
