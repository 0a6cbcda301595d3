"""The REPL's colon commands (``:help``, ``:samples N``, ``:load FILE``, ...).

A command is a function declared with ``@command``; its docstring's first line is
its help. To add one, declare it here (a long command's work may live in a module of its
own, as :edit's does in ``dsl.front.repl.editor``, which knows nothing of the commands)::

    @command("sensitivity", "NAME")
    def sensitivity(engine: Engine, arg: str) -> None:
        '''Which inputs drive NAME.'''
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Callable, Optional

from ...base.errors import DslError, closest
from .docs import help_overview, help_topic
from .editor import edit_program
from .engine import Engine
from .words import bare_word_hint, help_query

__all__ = ["Command", "COMMANDS", "command", "find_command", "run_command", "execute", "Quit"]


class Quit(Exception):
    """Raised by ``:quit`` to end the REPL."""


@dataclass(frozen=True)
class Command:
    """A colon command: its name, argument synopsis, one-line help and handler."""
    name: str
    usage: str
    summary: str
    handler: Callable[[Engine, str], None]
    aliases: tuple[str, ...] = ()

    @property
    def synopsis(self) -> str:
        return f":{self.name}" + (f" {self.usage}" if self.usage else "")


COMMANDS: dict[str, Command] = {}


def command(name: str, usage: str = "", aliases: tuple[str, ...] = ()):
    """Declare ``fn(engine, argument_text)`` as the command ``:name``."""
    def register(fn: Callable[[Engine, str], None]) -> Callable[[Engine, str], None]:
        summary = (fn.__doc__ or "").strip().split("\n")[0]
        COMMANDS[name] = Command(name, usage, summary, fn, tuple(aliases))
        return fn
    return register


def find_command(name: str) -> Optional[Command]:
    """The command called ``name`` (without the colon), or one of its aliases."""
    name = name.lstrip(":")
    if name in COMMANDS:
        return COMMANDS[name]
    return next((c for c in COMMANDS.values() if name in c.aliases), None)


def run_command(engine: Engine, line: str) -> None:
    """Run a ``:command args`` line; raises Quit for ``:quit``."""
    name, _, arg = line.strip()[1:].partition(" ")
    found = find_command(name)
    if found is None:
        known = [n for c in COMMANDS.values() for n in (c.name, *c.aliases)]
        guess = closest(name, known)
        engine.error(f"unknown command :{name}"
                     + (f"; did you mean :{guess}?" if guess else "; :help lists them"))
        return
    found.handler(engine, arg.strip())


def execute(engine: Engine, text: str, first_line: int = 1) -> None:
    """One entry: a colon command, ``NAME?`` (``:help NAME``), or source (blank
    entries do nothing; bare ``exit``, ``quit``, ``help`` say what to type). Raises
    Quit for ``:quit``; Ctrl-C (KeyboardInterrupt) passes through to the caller."""
    query = help_query(text)
    if query is not None:
        help_(engine, query)
    elif text.lstrip().startswith(":"):
        run_command(engine, text)
    elif (hint := bare_word_hint(text, lambda n: engine.session.env.lookup(n) is not None)):
        engine.notice(hint)
    elif text.strip():
        engine.run_source(text, first_line=first_line)


def _number(engine: Engine, arg: str, what: str, minimum: Optional[int]) -> Optional[int]:
    try:
        value = int(float(arg)) if "e" in arg.lower() else int(arg)
    except ValueError:
        engine.error(f"{what} must be a whole number, got {arg!r}")
        return None
    if minimum is not None and value < minimum:
        engine.error(f"{what} must be at least {minimum}")
        return None
    return value


@command("help", "[NAME]", aliases=("h", "?"))
def help_(engine: Engine, arg: str) -> None:
    """Show these commands, or the documentation of a builtin, namespace or binding."""
    if not arg:
        engine.write(help_overview(engine.session.registry, COMMANDS.values()))
    else:
        engine.write(help_topic(arg, engine.session, find_command(arg)))


@command("samples", "N")
def samples(engine: Engine, arg: str) -> None:
    """Use N samples per distribution (the session's entries are re-run)."""
    if not arg:
        engine.write(f"samples: {engine.samples}")
        return
    n = _number(engine, arg, "samples", 1)
    if n is not None:
        try:
            changed = engine.rebuild(samples=n)
        except DslError as e:  # more samples than the limits allow
            engine.error(e.format(), formatted=True)
            return
        if changed:
            engine.notice(f"samples: {n} ({len(engine.entries)} entries re-run)")


@command("seed", "S")
def seed(engine: Engine, arg: str) -> None:
    """Use random seed S (the session's entries are re-run)."""
    if not arg:
        engine.write(f"seed: {engine.seed}")
        return
    s = _number(engine, arg, "seed", None)
    if s is not None and engine.rebuild(seed=s):
        engine.notice(f"seed: {s} ({len(engine.entries)} entries re-run)")


@command("load", "FILE")
def load(engine: Engine, arg: str) -> None:
    """Run a model file into the session."""
    if not arg:
        engine.error("give a file, e.g. :load model.sq")
        return
    from ...base.source import MAX_SOURCE_BYTES, read_source
    path = os.path.expanduser(arg)
    limit = getattr(engine.session.limits, "max_source_bytes", MAX_SOURCE_BYTES)
    try:
        text = read_source(path, limit, shown=arg)
    except DslError as e:
        engine.error(e.message)
        return
    engine.loaded = arg
    engine.run_source(text, path, show="names")


@command("time", "EXPR")
def time_(engine: Engine, arg: str) -> None:
    """Run EXPR, print its value and the seconds it took."""
    if not arg:
        engine.error("give an entry to time, e.g. :time mean(1 to 10)")
        return
    start = time.perf_counter()
    if engine.run_source(arg) is not None:
        engine.notice(f"{time.perf_counter() - start:.3g} s")


@command("set", "vi|emacs")
def set_(engine: Engine, arg: str) -> None:
    """Edit with vi keys, or emacs keys (the default)."""
    if arg not in ("vi", "emacs"):
        if arg:
            engine.error(f"unknown setting {arg!r}: :set vi or :set emacs")
        else:
            engine.write(f"keys: {'vi' if engine.vi_mode else 'emacs'}")
        return
    engine.vi_mode = arg == "vi"
    engine.notice(f"keys: {arg}")


@command("save", "FILE")
def save(engine: Engine, arg: str) -> None:
    """Write the session's bindings (the entries that defined them) to a .sq file."""
    if not arg:
        engine.error("give a file, e.g. :save model.sq")
        return
    path = os.path.expanduser(arg)
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(engine.saved_text())
    except OSError as e:
        engine.error(f"cannot write {arg}: {e.strerror or e}")
        return
    n = len(engine.entries)
    engine.notice(f"saved {n} entr{'ies' if n != 1 else 'y'} to {arg}")


@command("sensitivity", "NAME")
def sensitivity(engine: Engine, arg: str) -> None:
    """Which uncertain inputs drive binding NAME: a table and a tornado chart."""
    if not arg:
        engine.error("give a binding, e.g. :sensitivity ratio")
        return
    from ...render.tornado import render_sensitivity
    try:
        rows = engine.session.sensitivity(arg.strip())
    except DslError as e:
        engine.error(e.message)
        return
    engine.write(render_sensitivity(arg.strip(), rows))


@command("vars", aliases=("bindings",))
def vars_(engine: Engine, arg: str) -> None:
    """List the session's bindings and their values."""
    from ...render.report import compact
    names = engine.names()
    if not names:
        engine.write("no bindings yet")
        return
    width = engine.width
    lines = []
    for name in names:
        line = f"{engine.palette.name(name)}: {compact(engine.session.env.lookup(name))}"
        limit = width + len(engine.palette.name(name)) - len(name)
        lines.append(line if len(line) <= limit else line[:limit - 1] + "…")
    engine.write("\n".join(lines))


@command("reset")
def reset(engine: Engine, arg: str) -> None:
    """Forget every binding (the sample count and seed stay)."""
    engine.reset()
    engine.notice("the session is empty")


@command("reload")
def reload(engine: Engine, arg: str) -> None:
    """Run the last :load'ed file again (after you changed it)."""
    if engine.loaded is None:
        engine.error("nothing to reload: :load a file first")
        return
    load(engine, engine.loaded)


@command("edit")
def edit(engine: Engine, arg: str) -> None:
    """Open the session's program in $EDITOR and apply your changes."""
    edit_program(engine)


@command("quit", aliases=("q", "exit"))
def quit_(engine: Engine, arg: str) -> None:
    """Leave the REPL (Ctrl-D does too)."""
    raise Quit()

