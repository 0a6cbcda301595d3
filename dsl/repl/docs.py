"""``:help`` texts, read from the registry's declarations (summary, doc, signatures,
examples) and the session's own bindings."""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Iterable, Optional

from ..errors import closest
from ..registry import Builtin, Constant, Registry

if TYPE_CHECKING:
    from ..session import Session
    from .commands import Command

__all__ = ["help_overview", "help_topic", "lookup_entry"]

_WIDTH = 78


def help_overview(registry: Registry, commands: Iterable["Command"]) -> str:
    """``:help`` alone: the commands, the keys, the namespaces."""
    commands = list(commands)
    pad = max(len(c.synopsis) for c in commands) + 2
    lines = ["Commands:"]
    lines += [f"  {c.synopsis.ljust(pad)}{c.summary}" for c in commands]
    lines += ["", "Keys: Tab completes, Meta+Enter (Esc Enter) adds a line, Ctrl-R searches "
                  "history,", "      Ctrl-C interrupts, Ctrl-D quits.", "",
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


def lookup_entry(registry: Registry, name: str) -> Optional[Builtin | Constant]:
    """The builtin or constant ``name`` refers to: global (``normal``), qualified
    (``Dist.normal``) or an alias (``Math.exp``)."""
    if "." in name:
        namespace, member = name.split(".", 1)
        return registry.lookup_member(namespace, member) or registry.get(name)
    return registry.lookup_global(name)


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
        return _entry_help(entry)
    if name in registry.namespace_names():
        return _namespace_help(registry, name)
    if command is not None:
        return _command_help(command)
    known = (registry.global_names() + registry.namespace_names()
             + list(session.env.vars))
    guess = closest(name, known)
    return f"no help for {name}" + (f"; did you mean {guess}?" if guess else "")


def _command_help(command: "Command") -> str:
    return f"{command.synopsis}\n  {command.summary}"


def _entry_help(entry: Builtin | Constant) -> str:
    aliases = [a for a in entry.aliases if a != entry.qualified]
    head = entry.qualified + (f"  (also: {', '.join(aliases)})" if aliases else "")
    lines = [head]
    if isinstance(entry, Builtin):
        lines += ["  " + text for text in entry.signature_texts()]
    else:
        from ..display import short
        lines.append(f"  = {short(entry.value)}")
    # the registry splits a docstring at its first newline, which may fall inside
    # the first sentence: rejoin them unless the summary ends a sentence
    text = entry.summary
    if entry.doc:
        joiner = "\n\n" if entry.summary.rstrip().endswith((".", ":", "!", "?")) else " "
        text = (text + joiner + entry.doc).strip()
    if text:
        lines += [""] + _wrap(text)
    if entry.examples:
        lines += ["", "Examples:"]
        lines += [f"  {ex.source}  // {ex.expected}" for ex in entry.examples]
    return "\n".join(lines)


def _wrap(text: str) -> list[str]:
    """Wrap each paragraph of a docstring, keeping its blank lines."""
    out: list[str] = []
    text = text.replace("``", "")   # docstrings quote code reST-style
    for i, paragraph in enumerate(text.split("\n\n")):
        if i:
            out.append("")
        out += textwrap.wrap(" ".join(paragraph.split()), _WIDTH)
    return out


def _namespace_help(registry: Registry, namespace: str) -> str:
    members = registry.members(namespace)
    pad = max(len(m) for m in members) + 2 if members else 0
    lines = [f"{namespace}: {len(members)} members"]
    for member in members:
        entry = registry.lookup_member(namespace, member)
        summary = entry.summary.replace("``", "") if entry is not None else ""
        line = f"  {member.ljust(pad)}{summary}"
        lines.append(line if len(line) <= _WIDTH else line[:_WIDTH - 1] + "…")
    return "\n".join(lines)


def _binding_help(name: str, session: "Session") -> str:
    from ..report import compact
    value = session.env.lookup(name)
    binding = session.bindings.get(name)
    lines = [f"{name}: {compact(value)}"]
    if binding is not None and binding.label:
        lines.append(f"  name: {binding.label}")
    if binding is not None and binding.doc:
        lines += ["  " + line for line in textwrap.wrap(binding.doc, _WIDTH - 2)]
    return "\n".join(lines)
