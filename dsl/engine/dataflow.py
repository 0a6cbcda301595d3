"""The dataflow graph of a session's top-level bindings: nodes in program order and the
nodes each one uses. Pure graph, no evaluation (marimo's ``dataflow/topology.py``).

A node is any hashable key (the session uses one number per binding). ``order`` is the
program's order, in which every node comes after the nodes it uses; ``descendants``
and ``affected`` answer in that order, which is the order to recompute them in.
"""
from __future__ import annotations

import heapq
from typing import Hashable, Iterable, Mapping, Sequence

__all__ = ["Graph", "CycleError", "topological"]

Key = Hashable


class CycleError(Exception):
    """The nodes use each other in a circle; ``cycle`` lists it, first node repeated
    last."""

    def __init__(self, cycle: list) -> None:
        super().__init__(" -> ".join(map(str, cycle)))
        self.cycle = cycle


class Graph:
    """Nodes in program order, each with the nodes it uses (its parents)."""

    def __init__(self, order: Sequence[Key], parents: Mapping[Key, Iterable[Key]]) -> None:
        self.order = list(order)
        self.position = {k: i for i, k in enumerate(self.order)}
        self._parents = {k: frozenset(p for p in parents.get(k, ()) if p in self.position)
                         for k in self.order}
        self._children: dict[Key, set] = {k: set() for k in self.order}
        for k, ps in self._parents.items():
            for p in ps:
                self._children[p].add(k)

    def __contains__(self, key: Key) -> bool:
        return key in self.position

    def parents(self, key: Key) -> frozenset:
        """The nodes ``key`` uses directly."""
        return self._parents[key]

    def children(self, key: Key) -> list:
        """The nodes that use ``key`` directly, in program order."""
        return sorted(self._children[key], key=self.position.__getitem__)

    def descendants(self, roots: Iterable[Key]) -> list:
        """Every node that uses one of ``roots``, directly or not (the roots themselves
        only when another root leads to them), in program order."""
        roots = [r for r in roots if r in self.position]
        seen: set = set()
        todo = list(roots)
        while todo:
            for child in self._children[todo.pop()]:
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return sorted(seen, key=self.position.__getitem__)

    def affected(self, roots: Iterable[Key]) -> list:
        """``roots`` and their descendants, in program order: what to recompute when
        the roots change."""
        roots = [r for r in roots if r in self.position]
        found = set(roots) | set(self.descendants(roots))
        return sorted(found, key=self.position.__getitem__)


def topological(order: Sequence[Key], parents: Mapping[Key, Iterable[Key]]) -> list:
    """``order`` changed as little as possible so that each node comes after the nodes
    it uses: a node keeps its place unless it uses one placed after it, and then it
    (with what uses it) moves down to just after that one. Raises CycleError when the
    nodes use each other in a circle."""
    rank = {k: i for i, k in enumerate(order)}
    ps = {k: {p for p in parents.get(k, ()) if p in rank and p != k} for k in order}
    for k in order:
        if k in set(parents.get(k, ())):
            raise CycleError([k, k])
    waiting = {k: len(ps[k]) for k in order}
    users: dict[Key, list] = {k: [] for k in order}
    for k in order:
        for p in ps[k]:
            users[p].append(k)
    ready = [(rank[k], k) for k in order if not waiting[k]]
    heapq.heapify(ready)
    result = []
    while ready:
        _, k = heapq.heappop(ready)
        result.append(k)
        for u in users[k]:
            waiting[u] -= 1
            if not waiting[u]:
                heapq.heappush(ready, (rank[u], u))
    if len(result) < len(order):
        raise CycleError(_a_cycle([k for k in order if waiting[k]], ps))
    return result


def _a_cycle(stuck: list, parents: Mapping[Key, set]) -> list:
    """One circle among ``stuck`` (nodes each waiting on another stuck node)."""
    stuck_set = set(stuck)
    path, seen = [stuck[0]], {stuck[0]: 0}
    while True:
        nxt = min((p for p in parents[path[-1]] if p in stuck_set), key=stuck.index)
        if nxt in seen:
            return path[seen[nxt]:] + [nxt]  # a uses b uses ... uses a
        seen[nxt] = len(path)
        path.append(nxt)
