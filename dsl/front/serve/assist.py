"""The editor's helpers: completion items for every builtin (with its signatures and
one-line doc, from the registry) and highlighting by the REPL's own token classes."""
from __future__ import annotations

import functools
from typing import Optional

import numpy as np

from ...syntax.parser import DECORATORS, KEYWORDS
from ...engine.registry import Builtin, Registry
from ..repl.lexer import style_classes
from ..repl.tokens import tokenize

__all__ = ["completions", "tokens", "TOKEN_CLASSES"]

# the REPL's style classes (dsl.front.repl.lexer), without their "class:" prefix
TOKEN_CLASSES = ("keyword", "number", "string", "comment", "builtin", "name", "namespace",
                 "member", "decorator", "operator", "error")
MAX_TOKENS_TEXT = 1_000_000  # characters highlighted in one request


@functools.lru_cache(maxsize=4)
def _items(registry: Registry) -> tuple[dict, ...]:
    """Every global builtin, namespace, qualified member, keyword and decorator."""
    registry.load_all()
    out: list[dict] = []
    seen: set[str] = set()

    def add(label: str, kind: str, signature: str = "", doc: str = "") -> None:
        if label not in seen:
            seen.add(label)
            out.append({"label": label, "kind": kind, "signature": signature,
                        "doc": doc})

    def entry_item(label: str, entry) -> None:
        if isinstance(entry, Builtin):
            signature = " | ".join(s.text(label) for s in entry.signatures[:3])
            add(label, "function", signature, entry.summary)
        elif entry is not None:
            add(label, "constant", label, entry.summary)

    for namespace in registry.namespace_names():
        add(namespace, "namespace", "", registry.description(namespace))
        for member in registry.members(namespace):
            entry_item(f"{namespace}.{member}", registry.lookup_member(namespace, member))
    for name in registry.global_names():
        entry_item(name, registry.lookup_global(name))
    for word in sorted(KEYWORDS):
        add(word, "keyword")
    for word in sorted(DECORATORS):
        add("@" + word, "decorator")
    return tuple(out)


def completions(registry: Registry, prefix: Optional[str] = None) -> list[dict]:
    """The completion items whose label starts with ``prefix`` (all when None)."""
    items = _items(registry)
    if not prefix:
        return list(items)
    return [item for item in items if item["label"].startswith(prefix)]


def tokens(text: str, registry: Registry) -> list[list]:
    """``[from, to, class]`` for each token of ``text`` but spaces and newlines, in
    UTF-16 offsets, classes of ``TOKEN_CLASSES``."""
    text = text[:MAX_TOKENS_TEXT]
    toks = tokenize(text)
    styles = style_classes(toks, lambda name: registry.lookup_global(name) is not None)
    # character offset -> UTF-16 offset, for all offsets at once (an astral
    # character, an emoji, is two UTF-16 units)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    units = np.concatenate(([0], np.cumsum(1 + (codes > 0xFFFF)))).tolist()
    return [[units[tok.start], units[tok.end], style.removeprefix("class:")]
            for tok, (style, _) in zip(toks, styles) if style]
