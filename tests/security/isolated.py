"""Run a reproducer in a fresh Python process that cannot take the test run down.

A regression of a resource bug (a runaway allocation, a hang, a segmentation fault) must
fail its test, not the whole suite: the child's address space is capped with
``RLIMIT_AS``, it is killed at a timeout, and its peak resident memory is read from the
kernel's accounting of that one child (``wait4``) so a test can assert it stayed small.

The child is started by a small launcher (``_LAUNCHER``) that forks it, waits for it and
writes its peak down: Linux carries a process's peak across ``exec`` from the memory it
was forked with, so a child forked straight from a test run that had grown to 450 MB
reported at least 450 MB however little it used itself.
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Outcome", "run_isolated", "run_cli_isolated", "ROOT"]

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    """What the child did: its exit status (negative: killed by that signal), its output,
    its peak resident memory in MB, its wall-clock seconds, and whether it timed out."""

    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float
    timed_out: bool

    def explain(self) -> str:
        """A one-paragraph account for an assertion message."""
        return (f"exit {self.returncode}, {self.seconds:.1f} s, peak {self.peak_mb:.0f} MB"
                f"{', TIMED OUT' if self.timed_out else ''}\n--- stdout\n{self.stdout[-2000:]}"
                f"\n--- stderr\n{self.stderr[-3000:]}")


# Forks the command with the address-space cap, waits for it, writes its peak resident
# memory (ru_maxrss, KB) to the report file, and ends as it ended (same status or signal).
_LAUNCHER = """
import os, resource, signal, sys
limit, report, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
pid = os.fork()
if pid == 0:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as f:
    f.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
os._exit(code)
"""


def _run(argv: list, timeout: float, memory_mb: int, env: dict | None,
         stdin: bytes | None) -> Outcome:
    limit = memory_mb * 1024 * 1024
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as folder:
        report = os.path.join(folder, "peak")
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-S", "-c", _LAUNCHER, str(limit), report,
                                  *map(str, argv)],
                                 stdout=out, stderr=err, cwd=str(ROOT), env=full_env,
                                 stdin=subprocess.PIPE if stdin is not None else
                                 subprocess.DEVNULL, start_new_session=True)
        if stdin is not None:
            child.stdin.write(stdin)
            child.stdin.close()
        timed_out, status, usage = False, None, None
        while status is None:
            pid, raw, ru = os.wait4(child.pid, os.WNOHANG)
            if pid:
                status, usage = raw, ru
                break
            if time.monotonic() - started > timeout:
                timed_out = True
                os.killpg(child.pid, signal.SIGKILL)  # the launcher and the command
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)  # already reaped
        seconds = time.monotonic() - started
        try:
            with open(report) as f:
                peak_kb = int(f.read())
        except (OSError, ValueError):  # killed at the timeout: the launcher's own count
            peak_kb = usage.ru_maxrss
        out.seek(0)
        err.seek(0)
        return Outcome(child.returncode, out.read().decode("utf-8", "replace"),
                       err.read().decode("utf-8", "replace"), peak_kb / 1024,
                       seconds, timed_out)


def run_isolated(code: str, *, timeout: float = 60, memory_mb: int = 3072,
                 env: dict | None = None) -> Outcome:
    """Run Python ``code`` (dedented) in a fresh interpreter from the repository root."""
    return _run([sys.executable, "-c", textwrap.dedent(code)], timeout, memory_mb, env, None)


def run_cli_isolated(args: list, *, timeout: float = 60, memory_mb: int = 3072,
                     env: dict | None = None, stdin: bytes | None = None) -> Outcome:
    """Run ``sq ARGS...`` (as ``python -m dsl``) in a fresh, capped process."""
    return _run([sys.executable, "-m", "dsl", *map(str, args)], timeout, memory_mb, env, stdin)
