"""The Markdown reference of every builtin, generated from the registry (``sq docs``).

One section per namespace (global functions and operators first), one entry per
builtin or constant: its signatures, summary, longer doc, other names and examples
with their expected results. The output depends only on the declarations, in a fixed
order, so the committed docs/reference.md can be checked for being up to date.
"""
from __future__ import annotations

from typing import Optional

from .errors import DslError
from .registry import DEFAULT, Builtin, Constant, Registry

__all__ = ["reference_markdown", "write_reference", "REGENERATE"]

REGENERATE = "sq docs --output docs/reference.md"

_GLOBAL = "Global functions and operators"


def reference_markdown(registry: Optional[Registry] = None) -> str:
    """The whole reference as Markdown text."""
    if registry is None:
        import stdlib  # noqa: F401  (declares the builtins)
        registry = DEFAULT
    entries = sorted(registry.all_entries(), key=lambda e: (e.namespace or "", e.name))
    sections: dict[str, list] = {}
    for entry in entries:
        sections.setdefault(entry.namespace or _GLOBAL, []).append(entry)
    order = ([_GLOBAL] if _GLOBAL in sections else []) + sorted(
        n for n in sections if n != _GLOBAL)
    lines = ["# sqdsl reference", "",
             f"Every builtin function and constant, generated from their declarations by "
             f"`{REGENERATE}`; do not edit by hand. A parameter of type `Number|Dist` "
             "takes a number or a distribution; given distributions, the function works "
             "on them sample by sample.", "",
             "Sections: " + ", ".join(f"[{n}](#{_anchor(n)})" for n in order), ""]
    for name in order:
        lines += _section(name, sections[name], registry)
    return "\n".join(lines).rstrip() + "\n"


def write_reference(path: Optional[str]) -> str:
    """Write the reference to ``path`` (stdout when None); returns the text."""
    text = reference_markdown()
    if path is None:
        print(text, end="")
        return text
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise DslError(f"cannot write {path}: {e.strerror or e}") from None
    return text


def _anchor(title: str) -> str:
    return "".join(c for c in title.lower().replace(" ", "-") if c.isalnum() or c == "-")


def _section(name: str, entries: list, registry: Registry) -> list[str]:
    lines = [f"## {name}", ""]
    own = {e.name for e in entries}
    if name != _GLOBAL:
        borrowed = sorted((member, registry.lookup_member(name, member))
                          for member in registry.members(name) if member not in own)
        if borrowed:
            lines += ["Also in this namespace: " + ", ".join(
                f"`{name}.{member}` (see `{entry.qualified}`)" for member, entry in borrowed
                if entry is not None), ""]
    for entry in entries:
        lines += _entry(entry)
    return lines


def _entry(entry: Builtin | Constant) -> list[str]:
    lines = [f"### `{entry.qualified}`", ""]
    if isinstance(entry, Builtin):
        lines += ["```", *entry.signature_texts(), "```", ""]
    else:
        lines += [f"Constant: `{_constant_text(entry.value)}`", ""]
    if entry.summary:
        # a summary cut mid-sentence continues in the same paragraph
        ends_sentence = entry.summary.endswith((".", ":", "!", "?", ")"))
        lines += [entry.summary] + ([""] if ends_sentence or not entry.doc else [])
    if entry.doc:
        lines += [entry.doc, ""]
    names = []
    if isinstance(entry, Builtin) and entry.operator:
        names.append(f"operator `{entry.operator}`")
    names += [f"`{alias}`" for alias in entry.aliases]
    if names:
        lines += ["Also: " + ", ".join(names), ""]
    if entry.examples:
        lines.append("```")
        for example in entry.examples:
            lines.append(f"{example.source}  // {example.expected}")
        lines += ["```", ""]
    return lines


def _constant_text(value) -> str:
    """A constant as source would write it (numbers with all their digits)."""
    from .display import js_number, short
    from .values import Number
    return js_number(value.value) if isinstance(value, Number) else short(value)
