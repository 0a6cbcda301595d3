"""Run one command as a fresh process and measure it: wall time, the child's own peak
resident memory (``os.wait4``'s ru_maxrss, so one run's peak is not mixed with another's)
and its JSON output."""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from typing import Optional

__all__ = ["Run", "run_process"]


@dataclasses.dataclass
class Run:
    """One measured process: ``error`` is None when it exited 0 and printed JSON."""
    seconds: float
    peak_bytes: int
    output: Optional[dict] = None
    error: Optional[str] = None


def run_process(argv: list, timeout: float, env: Optional[dict] = None) -> Run:
    """Run ``argv`` to completion (killed after ``timeout`` seconds)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, env=env,
                                 start_new_session=True)
        timer = threading.Timer(timeout, lambda: _kill(child.pid))
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        peak = usage.ru_maxrss * 1024  # kilobytes on Linux
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if child.returncode != 0:
        reason = "timeout" if seconds >= timeout else _last_line(stderr or stdout)
        return Run(seconds, peak, error=f"exit {child.returncode}: {reason}")
    if not stdout.strip():
        return Run(seconds, peak)
    try:
        return Run(seconds, peak, output=json.loads(stdout))
    except json.JSONDecodeError:
        return Run(seconds, peak, error=f"not JSON: {stdout[:80]!r}")


def _kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else "no output"
