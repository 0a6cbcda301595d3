"""Which top-level bindings a value was computed from.

Each top-level binding records the names its expression refers to (its free names:
those not bound by a parameter or a block inside it). Following those links upstream
through functions, blocks and records gives every binding a value depends on;
``inputs`` picks the uncertain ones that drive it, for sensitivity analysis.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping, Optional

from ..syntax import ast as A

__all__ = ["free_names", "upstream", "inputs"]


def free_names(node: A.Node, bound: frozenset[str] = frozenset()) -> set[str]:
    """The names ``node`` uses that it does not bind itself."""
    found: set[str] = set()
    _collect(node, bound, found)
    return found


def _collect(node: A.Node, bound: frozenset[str], found: set[str]) -> None:
    if isinstance(node, A.Identifier):
        if node.name not in bound:
            found.add(node.name)
    elif isinstance(node, A.Block):
        local = set(bound)
        for let in node.statements:
            for dec in let.decorators:  # `@name(label) x = ...`: label is used too
                for arg in dec.args:
                    _collect(arg, frozenset(local), found)
            _collect(let.value, frozenset(local), found)
            local.add(let.name)
        _collect(node.result, frozenset(local), found)
    elif isinstance(node, A.Lambda):
        inner = set(bound) | {p.name for p in node.params}
        if node.name:
            inner.add(node.name)
        for p in node.params:
            if p.domain is not None:
                _collect(p.domain, bound, found)
        _collect(node.body, frozenset(inner), found)
    else:
        for child in A.children(node):
            _collect(child, bound, found)


def upstream(names: Iterable[str], depends_on: Mapping[str, frozenset[str]]) -> list[str]:
    """Every binding reachable upstream from ``names`` (breadth first, each once)."""
    seen: list[str] = []
    queue = [n for n in names if n in depends_on]
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.append(name)
        queue.extend(n for n in sorted(depends_on[name]) if n in depends_on and n not in seen)
    return seen


def inputs(names: Iterable[str], depends_on: Mapping[str, frozenset[str]],
           is_random: Callable[[str], bool],
           is_fresh: Optional[Callable[[str], bool]] = None) -> list[str]:
    """The inputs upstream of ``names``: random bindings that depend on no other random
    binding. A "fresh" random binding (such as the output of ``correlate``, a reordering
    that counts as its own input) is an input too, and the search stops there."""
    is_fresh = is_fresh or (lambda name: False)
    found: list[str] = []
    seen: set[str] = set()
    queue = [n for n in sorted(names) if n in depends_on]  # sorted: the same order every run
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.add(name)
        if is_random(name):
            random_upstream = [n for n in upstream(depends_on[name], depends_on)
                               if is_random(n)]
            if is_fresh(name) or not random_upstream:
                found.append(name)
                continue
        queue.extend(n for n in sorted(depends_on[name]) if n in depends_on)
    return found
