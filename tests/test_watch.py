"""``sq run --watch FILE`` (issue 16): edit the model and a file it imports in place and
read what is printed again: only the changed bindings and their dependents, an error
with its caret (the watcher keeps going), and a clean end on Ctrl-C."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30  # seconds to wait for any one expected line (a slow CI machine)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child")


class Lines:
    """The lines a stream prints, read by a thread, so that waiting for one can time
    out instead of hanging the test."""

    def __init__(self, stream) -> None:
        self.queue: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in iter(stream.readline, ""):
            self.queue.put(line.rstrip("\n"))
        self.queue.put(None)

    def until(self, wanted) -> list[str]:
        """The lines read up to and including the first for which ``wanted`` is true."""
        got: list[str] = []
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                line = self.queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"timed out; read so far: {self.seen + got}") from None
            if line is None:
                raise AssertionError(f"the stream ended; read so far: {self.seen + got}")
            got.append(line)
            if wanted(line):
                self.seen += got
                return got

    def rest(self) -> list[str]:
        """Every line up to the end of the stream."""
        got = []
        while (line := self.queue.get(timeout=TIMEOUT)) is not None:
            got.append(line)
        return got


def titles(lines: list[str]) -> list[str]:
    """The names of the blocks among printed lines (a block's first line is its name,
    the lines under it are indented)."""
    return [line for line in lines if line and not line.startswith((" ", "-- "))
            and line.isidentifier()]


class Saver:
    """Writes a file in place with a modification time that always moves on (a
    filesystem with coarse timestamps would otherwise hide a quick second save)."""

    def __init__(self) -> None:
        self.clock = time.time_ns()

    def __call__(self, path: Path, text: str) -> None:
        path.write_text(text)
        self.clock += 1_000_000_000
        os.utime(path, ns=(self.clock, self.clock))


MODEL = """import "./lib.sq" as lib
a = 1 to 2
b = a * lib.k
c = normal(0, 1)
"""


def test_watch_prints_what_changed_and_survives_an_error(tmp_path: Path) -> None:
    save = Saver()
    model, lib = tmp_path / "model.sq", tmp_path / "lib.sq"
    save(lib, "export k = 2\n")
    save(model, MODEL)
    env = dict(os.environ, NO_COLOR="1", COLUMNS="80")
    sq = subprocess.Popen([sys.executable, "-m", "dsl", "run", str(model), "--watch",
                           "--samples", "1000"], cwd=ROOT, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = Lines(sq.stdout), Lines(sq.stderr)
    try:
        first = out.until(lambda line: line == "c")
        assert titles(first) == ["a", "b", "c"]

        save(model, MODEL.replace("1 to 2", "1 to 3"))
        header = out.until(lambda line: line.startswith("-- "))
        assert titles(header) == []  # c was the last block of the first report
        assert header[-1].startswith("-- model.sq saved: recomputed a, b (")

        save(lib, "export k = 3\n")  # an imported file counts as changed
        blocks = out.until(lambda line: line.startswith("-- "))
        assert titles(blocks) == ["a", "b"]
        assert blocks[-1].startswith("-- lib.sq saved: recomputed lib, b (")

        save(model, MODEL.replace("1 to 2", "1 to 3") + "d = c * \n")
        error = err.until(lambda line: line.lstrip().startswith("|") and "^" in line)
        assert any("error:" in line for line in error)
        assert any("model.sq:5:" in line for line in error)
        assert sq.poll() is None  # still watching

        save(model, MODEL.replace("1 to 2", "1 to 3") + "d = c * 2\n")
        blocks = out.until(lambda line: line.startswith("-- "))
        assert titles(blocks) == ["b"]  # printed after the lib.sq save
        assert blocks[-1].startswith("-- model.sq saved: recomputed d (")
        out.until(lambda line: line == "d")
    finally:
        sq.send_signal(signal.SIGINT)
        try:
            status = sq.wait(timeout=TIMEOUT)
        finally:
            if sq.poll() is None:
                sq.kill()
    assert status in (0, 130)
    assert titles(out.rest()) == []
    assert "Traceback" not in "\n".join(err.seen + err.rest())
