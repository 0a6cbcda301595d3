"""A spinner on stderr while a run is slow, naming the binding being computed.

Nothing is drawn for the first second (most runs finish sooner) and nothing at all
when the stream is not a terminal, so piped and redirected output stays clean.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Optional, TextIO

__all__ = ["Progress"]

_FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_CLEAR_LINE = "\r\x1b[2K"


class Progress:
    """Use as a context manager around a run and pass it as the run's ``progress``
    callback::

        with Progress() as progress:
            session.run(text, progress=progress)
    """

    def __init__(self, stream: Optional[TextIO] = None, *, delay: float = 1.0,
                 interval: float = 0.1, enabled: Optional[bool] = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.delay = delay
        self.interval = interval
        self.current: Optional[str] = None
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._drawn = False
        self._started = 0.0

    def __call__(self, name: Optional[str]) -> None:
        """The run is now computing binding ``name`` (None: its final expression)."""
        self.current = name

    def __enter__(self) -> "Progress":
        if self.enabled:
            self._started = time.monotonic()
            self._thread = threading.Thread(target=self._spin, name="sq-progress",
                                            daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._drawn:
            self.stream.write(_CLEAR_LINE)
            self.stream.flush()

    def _spin(self) -> None:
        if self._stop.wait(self.delay):
            return
        frame = 0
        while not self._stop.is_set():
            what = self.current if self.current is not None else "the result"
            elapsed = time.monotonic() - self._started
            self.stream.write(f"{_CLEAR_LINE}{_FRAMES[frame % len(_FRAMES)]} computing "
                              f"{what}  {elapsed:.0f}s")
            self.stream.flush()
            self._drawn = True
            frame += 1
            self._stop.wait(self.interval)
