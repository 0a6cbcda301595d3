"""``sq run --watch FILE``: run a model, then keep it live while it is edited.

Every ``interval`` seconds the file and every file it imports are checked with
``os.stat`` (no dependency, no OS notification API). After a save the file is parsed
again and given to ``Session.replace``, which recomputes only the bindings whose own
text changed (an import: when a file it reads changed) and what uses them; their blocks
are printed as ``sq run`` prints them. An error is printed with its caret and the
session keeps its last good values; watching goes on until Ctrl-C.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Callable, Optional, Sequence

from ..base.errors import DslError

__all__ = ["watch", "stamps"]


def stamps(paths: Sequence[str]) -> dict[str, Optional[tuple[int, int]]]:
    """Each path's (modification time in ns, size), None when it cannot be read (an
    editor saving by renaming a new file into place, for a moment)."""
    found: dict[str, Optional[tuple[int, int]]] = {}
    for path in paths:
        try:
            st = os.stat(path)
            found[path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            found[path] = None
    return found


def watch(path: str, samples: int, seed: int, *, show: Optional[Sequence[str]] = None,
          as_json: bool = False, interval: float = 0.2,
          print_text: Callable[[str], None], report: Callable[[DslError], None],
          read: Callable[[str], str]) -> int:
    """Run ``path`` and re-run what changed after each save until Ctrl-C (returns 0).
    ``print_text`` prints a report to stdout, ``report`` an error to stderr, ``read``
    reads the model file (the CLI's own functions: the same output as ``sq run``)."""
    from .progress import Progress
    from ..engine.session import Session
    session = Session(samples=samples, seed=seed, parse_cache=True)
    watched: dict = {}
    last_result = None
    first = True
    changed = [path]
    try:
        while True:
            watched = stamps([path, *session.files()])
            try:
                text = read(path)
                with Progress() as progress:
                    started = time.perf_counter()
                    result = session.replace(text, path, progress=progress)
                    took = time.perf_counter() - started
            except DslError as e:
                report(e)
                _flush()
            else:
                if not first:
                    names = ", ".join(result.computed) or "nothing"
                    saved = ", ".join(os.path.basename(p) for p in changed)
                    print_text(f"-- {saved} saved: recomputed {names} ({took:.2f} s)")
                _show(result, first, last_result, show, as_json, print_text)
                last_result = result.result
                first = False
                _flush()
            changed = _next_save(watched, interval)
    except KeyboardInterrupt:
        _flush()
        return 0


def _next_save(watched: dict, interval: float) -> list[str]:
    """Wait until a watched file changes, then until it stays the same for a moment (an
    editor truncates, then writes: reading between the two would see an empty file);
    the paths that changed."""
    while True:
        now = stamps(list(watched))
        if now != watched:
            break
        time.sleep(interval)
    while True:
        time.sleep(min(interval, 0.05))
        again = stamps(list(watched))
        if again == now:
            return [p for p in watched if now[p] != watched[p]]
        now = again


def _show(result, first: bool, last_result, show, as_json: bool,
          print_text: Callable[[str], None]) -> None:
    """Print the blocks of the bindings the run computed (all of them the first time),
    and the final expression's value when it was computed again."""
    if first:
        names = list(result.info)
    else:
        names = [n for n in result.info if n in set(result.computed)]
    if show:
        names = [n for n in names if n in show]
    result.info = {n: result.info[n] for n in names}
    if result.result is last_result and not first or show:
        result.result = None
    if not result.info and result.result is None:
        return
    if as_json:
        import json
        from ..render.json import run_json  # as sq run --json: with name, doc, charts
        print_text(json.dumps(run_json(result), allow_nan=False))
        return
    from ..render.report import render_text
    text = render_text(result)
    if text:
        print_text(text)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass
