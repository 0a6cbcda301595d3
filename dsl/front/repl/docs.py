"""``:help`` texts: the commands, the session's own bindings, and the builtins and
namespaces as ``dsl.render.doc_text`` writes them (``sq docs NAME`` prints the same)."""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Iterable, Optional

from ...render.doc_text import entry_text, lookup_entry, namespace_names, namespace_text
from ...base.errors import closest
from ...engine.registry import Registry

if TYPE_CHECKING:
    from ...engine.session import Session
    from .commands import Command

__all__ = ["help_overview", "help_topic"]

_WIDTH = 78


def help_overview(registry: Registry, commands: Iterable["Command"]) -> str:
    """``:help`` alone: the commands, the keys, the namespaces."""
    commands = list(commands)
    pad = max(len(c.synopsis) for c in commands) + 2
    lines = ["Commands:"]
    lines += [f"  {c.synopsis.ljust(pad)}{c.summary}" for c in commands]
    lines += ["", "Keys: Tab completes, Meta+Enter (Esc Enter) adds a line, Ctrl-R searches "
                  "history,", "      Right arrow takes the suggestion from history, "
                  "Ctrl-C interrupts, Ctrl-D quits.", "",
              "_ is the last value; NAME? is :help NAME.", "",
              "Namespaces (:help NAME lists one):"]
    spaces = [f"{ns} ({len(registry.members(ns))})" for ns in registry.namespace_names()]
    lines += _pack(spaces, _WIDTH)
    lines += ["", "Global functions: " + str(len(registry.global_names()))
              + " (Tab lists them; :help NAME, e.g. :help normal)"]
    return "\n".join(lines)


def _pack(items: list[str], width: int) -> list[str]:
    """Comma-separated items on indented lines, never splitting an item."""
    lines = ["  "]
    for i, item in enumerate(items):
        text = item + ("," if i < len(items) - 1 else "")
        if len(lines[-1]) + len(text) + 1 > width and lines[-1].strip():
            lines.append("  ")
        lines[-1] += ("" if not lines[-1].strip() else " ") + text
    return [line for line in lines if line.strip()]


def help_topic(name: str, session: "Session", command: Optional["Command"] = None) -> str:
    """``:help NAME``: a binding of the session, a builtin, a namespace or the
    ``command`` of that name (first when NAME is written with its colon)."""
    registry = session.registry
    if command is not None and name.startswith(":"):
        return _command_help(command)
    value = session.env.lookup(name)
    if value is not None:
        return _binding_help(name, session)
    entry = lookup_entry(registry, name)
    if entry is not None:
        return entry_text(entry, width=_WIDTH)
    if name in namespace_names(registry):
        return namespace_text(registry, name, width=_WIDTH)
    if command is not None:
        return _command_help(command)
    known = (registry.global_names() + registry.namespace_names()
             + list(session.env.vars))
    guess = closest(name, known)
    return f"no help for {name}" + (f"; did you mean {guess}?" if guess else "")


def _command_help(command: "Command") -> str:
    return f"{command.synopsis}\n  {command.summary}"


def _binding_help(name: str, session: "Session") -> str:
    from ...render.report import compact
    value = session.env.lookup(name)
    binding = session.bindings.get(name)
    lines = [f"{name}: {compact(value)}"]
    if binding is not None and binding.label:
        lines.append(f"  name: {binding.label}")
    if binding is not None and binding.doc:
        lines += ["  " + line for line in textwrap.wrap(binding.doc, _WIDTH - 2)]
    return "\n".join(lines)
