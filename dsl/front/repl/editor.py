"""What ``:edit`` does: the session's program opened in ``$VISUAL`` or ``$EDITOR``, and
the edited program applied (the command itself is declared in ``dsl.front.repl.commands``).

The editor shows ``Session.program_text()``: each binding as last defined, in program
order. The edited program replaces the session's (``Session.replace``): bindings it no
longer has are dropped, and only the bindings whose text changed and what uses them
are recomputed. An error leaves the session as it was.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import tempfile

from ...base.errors import DslError
from ..progress import Progress
from .engine import Engine, Entry

__all__ = ["edit_program", "apply_program", "editor_command"]

EDITED = "<edit>"


def edit_program(engine: Engine) -> None:
    """Open the session's program in the editor and apply the changes, if any."""
    with tempfile.TemporaryDirectory(prefix="sq-edit-") as folder:
        path = os.path.join(folder, "session.sq")
        before = engine.session.program_text()
        with open(path, "w", encoding="utf-8") as f:
            f.write(before)
        try:
            status = subprocess.call(editor_command() + [path])
        except OSError as e:
            engine.error(f"cannot start the editor {editor_command()[0]!r}: "
                         f"{e.strerror or e} (set $EDITOR)")
            return
        with open(path, encoding="utf-8") as f:
            after = f.read()
    if status != 0:
        engine.error(f"the editor exited with status {status}: nothing changed")
    elif after.strip() == before.strip():
        engine.notice("no changes")
    else:
        apply_program(engine, after)


def apply_program(engine: Engine, text: str) -> None:
    """Make ``text`` the session's whole program and say what changed."""
    try:
        with Progress(engine.err) as progress:
            result = engine.session.replace(text, EDITED, progress=progress)
    except DslError as e:
        engine.error(e.format(), formatted=True)
        engine.notice("the session is unchanged")
        return
    changed = result.computed
    engine.entries = [Entry(text.strip(), EDITED)] if text.strip() else []
    engine.notice(f"edited: {len(result.info)} binding{'s' if len(result.info) != 1 else ''}"
                  + (f", recomputed {', '.join(changed)}" if changed else ", none recomputed"))


def editor_command() -> list[str]:
    """``$VISUAL`` or ``$EDITOR`` as a command line (``code --wait`` works), else vi."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value)
    return ["vi"]
