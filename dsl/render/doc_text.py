"""Builtin documentation as terminal text, read from the registry's declarations: one
builtin (signatures, summary, doc, examples, other names), one namespace (its members
with their summaries), the list of namespaces. The REPL's ``:help`` and ``sq docs NAME``
both print these; the Markdown pages of docs/reference/ are ``dsl.render.docs``.

``Global`` stands for the global names (operators, ``to``, ``normal``, ``mean`` ...) as
if they were one more namespace.
"""
from __future__ import annotations

import textwrap
from typing import Optional

from ..base.errors import DslError, closest
from ..engine.registry import Builtin, Constant, Registry
from .report import Palette
from ..engine.squiggle_support import NAME_REASONS, unsupported_name, unsupported_namespace

__all__ = ["GLOBAL", "lookup_entry", "topic_entries", "topic_text", "entry_text",
           "namespace_text", "namespaces_text", "namespace_names", "wrap"]

GLOBAL = "Global"
_PLAIN = Palette(False)


def namespace_names(registry: Registry) -> list[str]:
    """``Global`` first, then the registry's namespaces."""
    return [GLOBAL] + registry.namespace_names()


def lookup_entry(registry: Registry, name: str) -> Optional[Builtin | Constant]:
    """The builtin or constant ``name`` refers to: global (``normal``), qualified
    (``Dist.normal``) or an alias (``Math.exp``)."""
    if "." in name:
        namespace, member = name.split(".", 1)
        return registry.lookup_member(namespace, member) or registry.get(name)
    return registry.lookup_global(name)


def topic_entries(registry: Registry, name: str) -> list[Builtin | Constant]:
    """The declarations ``name`` documents: one, or each of those a global name stands
    for (``min`` is ``Dist.min`` and ``Number.min``); [] when there is none."""
    entry = lookup_entry(registry, name)
    if entry is None:
        return []
    several = registry.global_entries(name) if "." not in name else []
    return list(several) if len(several) > 1 else [entry]


def topic_text(registry: Registry, name: str, *, width: int = 78,
               palette: Palette = _PLAIN) -> str:
    """``sq docs NAME``: a namespace, or a builtin or constant; an unknown name is a
    DslError suggesting the closest one."""
    if name in namespace_names(registry):
        return namespace_text(registry, name, width=width, palette=palette)
    entries = topic_entries(registry, name)
    if not entries:
        raise _unknown(registry, name)
    return "\n\n".join(entry_text(e, width=width, palette=palette) for e in entries)


def _unknown(registry: Registry, name: str) -> DslError:
    # a name or namespace Squiggle has: why sqdsl lacks it (dsl/engine/squiggle_support.py)
    namespace = name.split(".", 1)[0]
    if name not in NAME_REASONS and namespace not in namespace_names(registry):
        missing = unsupported_namespace(namespace)
    else:
        missing = unsupported_name(name)
    if missing:
        return DslError(missing)
    if "." in name:
        namespace, member = name.split(".", 1)
        if namespace in namespace_names(registry):
            members = _members(registry, namespace)
            guess = closest(member, members)
            hint = f"; did you mean {namespace}.{guess}?" if guess else \
                f" (sq docs {namespace} lists its members)"
            return DslError(f"no builtin named {name}{hint}")
        name = namespace
    guess = closest(name, namespace_names(registry) + registry.global_names())
    hint = f"; did you mean {guess}?" if guess else " (sq docs lists the namespaces)"
    return DslError(f"no builtin or namespace named {name}{hint}")


def entry_text(entry: Builtin | Constant, *, width: int = 78,
               palette: Palette = _PLAIN) -> str:
    """One builtin: its name and other names, signatures (or value), summary and doc
    wrapped to ``width``, and examples with their results."""
    others = [f"operator {entry.operator}"] if isinstance(entry, Builtin) and \
        entry.operator else []
    others += [a for a in entry.aliases if a != entry.qualified]
    head = palette.name(entry.qualified) + (
        palette.dim(f"  (also: {', '.join(others)})") if others else "")
    lines = [head]
    if isinstance(entry, Builtin):
        lines += ["  " + palette.bar(text) for text in entry.signature_texts()]
    else:
        from ..engine.display import short
        lines.append("  = " + palette.bar(short(entry.value)))
    # the registry splits a docstring at its first newline, which may fall inside
    # the first sentence: rejoin them unless the summary ends a sentence
    text = entry.summary
    if entry.doc:
        joiner = "\n\n" if entry.summary.rstrip().endswith((".", ":", "!", "?")) else " "
        text = (text + joiner + entry.doc).strip()
    if text:
        lines += [""] + wrap(text, width)
    if entry.examples:
        lines += ["", palette.note("Examples:")]
        lines += [f"  {ex.source}  " + palette.dim(f"// {ex.expected}")
                  for ex in entry.examples]
    return "\n".join(lines)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap each paragraph of a docstring, keeping its blank lines; code quoted
    reST- or Markdown-style loses its backticks."""
    out: list[str] = []
    text = text.replace("``", "").replace("`", "")
    for i, paragraph in enumerate(text.split("\n\n")):
        if i:
            out.append("")
        out += textwrap.wrap(" ".join(paragraph.split()), max(width, 20),
                             initial_indent=indent, subsequent_indent=indent)
    return out


def _members(registry: Registry, namespace: str) -> list[str]:
    return registry.global_names() if namespace == GLOBAL else registry.members(namespace)


def _member(registry: Registry, namespace: str, member: str):
    if namespace == GLOBAL:
        return registry.lookup_global(member)
    return registry.lookup_member(namespace, member)


def namespace_text(registry: Registry, namespace: str, *, width: int = 78,
                   palette: Palette = _PLAIN) -> str:
    """One namespace: its description, then each member with its summary (one line
    each, cut at ``width``)."""
    members = _members(registry, namespace)
    pad = max(len(m) for m in members) + 2 if members else 0
    lines = [palette.name(namespace) + f": {len(members)} members"]
    description = registry.description(namespace)
    if description:
        lines += wrap(description, width - 2, "  ") + [""]
    for member in members:
        entry = _member(registry, namespace, member)
        summary = entry.summary.replace("``", "") if entry is not None else ""
        line = f"  {member.ljust(pad)}{summary}"
        if len(line) > width:
            line = line[:width - 1] + "…"
        lines.append("  " + palette.name(member) + line[2 + len(member):])
    return "\n".join(lines)


def namespaces_text(registry: Registry, *, width: int = 78,
                    palette: Palette = _PLAIN) -> str:
    """``sq docs``: every namespace with its member count and description."""
    names = namespace_names(registry)
    pad = max(len(n) for n in names) + 2
    lines = ["Namespaces (members, description):"]
    for name in names:
        count = str(len(_members(registry, name))).rjust(4)
        prefix = f"  {name.ljust(pad)}{count}  "
        body = wrap(registry.description(name), width - len(prefix)) or [""]
        lines.append("  " + palette.name(name) + prefix[2 + len(name):] + body[0])
        lines += [" " * len(prefix) + rest for rest in body[1:]]
    lines += [""] + wrap("sq docs NAME shows a namespace or a builtin: sq docs List, "
                         "sq docs normal, sq docs List.map.", width)
    return "\n".join(lines)
