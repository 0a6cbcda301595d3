"""The Markdown reference of every builtin, generated from the registry
(``sq docs --output docs/reference``): an index page (``README.md``: the namespaces, the
operators, every global name) and one page per namespace, ``Global.md`` holding the
builtins declared without one.

A page has one entry per builtin or constant: its signatures, summary, longer doc,
other names and examples with their expected results. The output depends only on the
declarations, in a fixed order, so the committed docs/reference/ can be checked for
being up to date. (``dsl.render.doc_text`` writes the same entries for a terminal.)
"""
from __future__ import annotations

import os
from typing import Optional

from .doc_text import GLOBAL, topic_entries
from ..base.errors import DslError
from ..engine.registry import DEFAULT, Builtin, Constant, Registry

__all__ = ["reference_pages", "write_reference", "REGENERATE", "INDEX"]

REGENERATE = "sq docs --output docs/reference"
INDEX = "README.md"
# every generated page says so; writing the folder again removes such pages that are
# no longer generated (a namespace gone), and nothing else
_MARKER = f"generated from the builtin declarations by `{REGENERATE}`"


def reference_pages(registry: Optional[Registry] = None) -> dict[str, str]:
    """{file name: Markdown text}: the index, then one page per namespace."""
    if registry is None:
        import stdlib  # noqa: F401  (declares the builtins)
        registry = DEFAULT
    entries = sorted(registry.all_entries(), key=lambda e: (e.namespace or "", e.name))
    sections: dict[str, list] = {GLOBAL: []}
    for entry in entries:
        sections.setdefault(entry.namespace or GLOBAL, []).append(entry)
    pages = {INDEX: _index(registry, sections)}
    for name in [GLOBAL] + sorted(n for n in sections if n != GLOBAL):
        pages[f"{name}.md"] = _page(name, sections[name], registry)
    return pages


def write_reference(folder: str) -> list[str]:
    """Write every page into ``folder`` (created if missing), remove generated pages
    that are no longer generated; returns the paths written."""
    if folder.endswith(".md"):
        raise DslError(f"--output takes a folder (one page per namespace), not {folder}; "
                       f"e.g. {REGENERATE}")
    pages = reference_pages()
    written = []
    try:
        os.makedirs(folder, exist_ok=True)
        for old in sorted(os.listdir(folder)):
            path = os.path.join(folder, old)
            if old.endswith(".md") and old not in pages and _generated(path):
                os.remove(path)
        for name, text in pages.items():
            path = os.path.join(folder, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            written.append(path)
    except OSError as e:
        raise DslError(f"cannot write {folder}: {e.strerror or e}") from None
    return written


def _generated(path: str) -> bool:
    with open(path, encoding="utf-8", errors="replace") as f:
        return _MARKER in f.read()


def _anchor(title: str) -> str:
    """GitHub's anchor of a heading: lower case, spaces to '-', other punctuation gone."""
    return "".join(c for c in title.lower().replace(" ", "-")
                   if c.isalnum() or c in "-_")


def _link(entry: Builtin | Constant, text: Optional[str] = None) -> str:
    """A link to the entry's heading on its namespace's page."""
    page = f"{entry.namespace or GLOBAL}.md"
    return f"[`{text or entry.qualified}`]({page}#{_anchor(entry.qualified)})"


def _cell(text: str) -> str:
    """Text for a Markdown table cell (a bar would end the cell)."""
    return text.replace("|", "\\|")


def _header(description: str) -> list[str]:
    return ([description, ""] if description else []) + [
            f"Part of the [sqdsl reference]({INDEX}), {_MARKER}; do not edit by hand. "
            "A parameter of type `Number|Dist` takes a number or a distribution; given "
            "distributions, the function works on them sample by sample.", ""]


def _index(registry: Registry, sections: dict[str, list]) -> str:
    lines = ["# sqdsl reference", "",
             f"Every builtin function and constant, one page per namespace, {_MARKER}; "
             "do not edit by hand. In a terminal, `sq docs` lists the namespaces and "
             "`sq docs NAME` shows one namespace or builtin (`sq docs List`, "
             "`sq docs normal`, `sq docs List.map`).", "",
             "## Namespaces", "", "| namespace | members | description |", "|---|---:|---|"]
    for name in [GLOBAL] + registry.namespace_names():
        count = len(registry.global_names() if name == GLOBAL else registry.members(name))
        lines.append(f"| [{name}]({name}.md) | {count} | {_cell(registry.description(name))} |")
    lines += ["", "## Operators", "",
              "Each operator calls the global function beside it (which a model may also "
              "call by name or pass as a value); it works on numbers and, sample by "
              "sample, on distributions.", "", "| operator | function |", "|---|---|"]
    for entry in sections[GLOBAL]:
        if isinstance(entry, Builtin) and (entry.operator or entry.name == "to"):
            unary = entry.signatures[0].max_args == 1
            op = entry.operator or "to"
            form = f"{op}a" if unary else f"a {op} b"
            lines.append(f"| `{_cell(form)}` | {_link(entry)} |")
    lines += ["", "## Global names", "",
              "Every name a model can use without a namespace, linked to its entry:", ""]
    items = []
    for name in registry.global_names():
        entries = topic_entries(registry, name)
        if len(entries) == 1:
            items.append(_link(entries[0], name))
        else:
            items.append(f"`{name}` (" + ", ".join(_link(e) for e in entries) + ")")
    lines += [", ".join(items), ""]
    return "\n".join(lines)


def _page(name: str, entries: list, registry: Registry) -> str:
    lines = [f"# {name}", ""]
    lines += _header(registry.description(name))
    own = {e.name for e in entries}
    if name == GLOBAL:
        lines += ["The builtins below are declared without a namespace; every other global "
                  f"name is a namespace member under a second name ([all global names]"
                  f"({INDEX}#global-names)).", ""]
    else:
        borrowed = sorted((member, registry.lookup_member(name, member))
                          for member in registry.members(name) if member not in own)
        if borrowed:
            lines += ["Also in this namespace: " + ", ".join(
                f"`{name}.{member}` (see {_link(entry)})" for member, entry in borrowed
                if entry is not None), ""]
    for entry in entries:
        lines += _entry(entry)
    return "\n".join(lines).rstrip() + "\n"


def _entry(entry: Builtin | Constant) -> list[str]:
    lines = [f"## `{entry.qualified}`", ""]
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
    from ..engine.display import js_number, short
    from ..engine.values import Number
    return js_number(value.value) if isinstance(value, Number) else short(value)
