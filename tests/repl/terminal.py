"""``sq repl`` in a real pseudo-terminal, typed at as a user would (the tests of
test_terminal.py). What the terminal shows is read with its escape sequences removed,
so a test waits for plain words: ``term.expect("y: 1")``. The terminal is 110 x 30 and
answers prompt_toolkit's cursor-position requests, as a terminal emulator does (the
bottom toolbar is drawn only then)."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

__all__ = ["Terminal", "ENTER", "META_ENTER", "CTRL_C", "CTRL_D", "BACKSPACE", "TAB", "ESC"]

ENTER, META_ENTER, CTRL_C, CTRL_D = "\r", "\x1b\r", "\x03", "\x04"
BACKSPACE, TAB, ESC = "\x7f", "\t", "\x1b"
ROOT = Path(__file__).resolve().parents[2]
# CSI and OSC sequences, and the two-character escapes (ESC =, ESC >, ...)
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_=>]")


class Terminal:
    """A running ``sq repl`` on the slave side of a pty."""

    def __init__(self, *args: str, home: Path, env: dict | None = None) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
        os.set_blocking(master, False)
        environ = {**os.environ, "TERM": "xterm", "HOME": str(home),
                   "XDG_STATE_HOME": str(home / "state"), "NO_COLOR": "1",
                   "COLUMNS": "110", "LINES": "30",
                   **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dsl", "repl", "--samples", "1000", *args],
            stdin=slave, stdout=slave, stderr=slave, cwd=str(ROOT), env=environ,
            start_new_session=True, close_fds=True)
        os.close(slave)
        self.master = master
        self.raw = ""
        self.seen = 0   # where the next expect() starts looking in the screen text
        self.expect("sq> ")

    @property
    def text(self) -> str:
        """Everything shown so far, escape sequences removed."""
        return _ESCAPES.sub("", self.raw).replace("\r", "")

    def send(self, keys: str, pause: float = 0.15) -> None:
        """Type ``keys`` (then let the REPL draw: keys sent together can be read as
        one paste)."""
        os.write(self.master, keys.encode())
        time.sleep(pause)
        self._read(0)

    def expect(self, words: str, timeout: float = 60) -> str:
        """Wait until ``words`` shows after the last match; returns the text between."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.text.find(words, self.seen)
            if found >= 0:
                between = self.text[self.seen:found]
                self.seen = found + len(words)
                return between
            if time.monotonic() > deadline or not self._read(0.2):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"{words!r} never showed; the terminal shows:\n"
                                         f"{self.text[-3000:]}")

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the other side closed
            return False
        text = chunk.decode("utf-8", "replace")
        if "\x1b[6n" in text:   # where is the cursor? (the toolbar shows once it knows)
            os.write(self.master, b"\x1b[1;1R" * text.count("\x1b[6n"))
        self.raw += text
        return bool(chunk)

    def close(self) -> int:
        """Ctrl-D, then the exit status (killed if it does not end)."""
        if self.process.poll() is None:
            try:
                os.write(self.master, CTRL_D.encode())
            except OSError:
                pass
        try:
            status = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = self.process.wait()
        os.close(self.master)
        return status
