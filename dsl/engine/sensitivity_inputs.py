"""The inputs of a sensitivity analysis: every source of uncertainty upstream of an output.

An input is a random call site (``dsl.engine.call_sites``) in a binding the output depends on,
or in the output's own binding:

- a site that is a whole binding (``a = normal(0, 1)``) is named by the binding: ``a``;
- a site inside an expression by its text and line: ``0.6 to 0.8 (line 4)``; inside a
  function, also by the binding that called it: ``1 to 2 (line 2, in y)``. Its calls
  within one binding are one input (``×3`` calls), rated together as a group;
- a mixture's choice of component is an input of its own (``s: choice``), rated by
  the uniform draws that chose (the components are sites of their own);
- a binding without a site of its own that depends on no random binding (a value given
  by ``inputs=``), and the reordered copies ``correlate`` returns (the search stops at
  them: they are not functions of their sources), are inputs by name.

Inputs may be grouped (``group``): by binding, or by names the user gives.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

import numpy as np

from .call_sites import Site, replay_uniforms
from .dependencies import upstream
from .dist import Dist
from ..base.errors import ArgumentError
from ..base.structs import Struct

__all__ = ["Input", "collect", "group"]

_MIXTURE = "Dist.mixture"
_TEXT = 40  # longest source text shown in a label


class Input(Struct):
    """One input: its label, the binding it is written in, its site keys (the streams
    a pick-freeze re-run replaces; empty for a binding without one) and its sample
    arrays (one per call; several for a site called more than once, or a group),
    given lazily for a mixture's choice."""
    label: str
    scope: str
    keys: list
    arrays: list  # of np.ndarray or zero-argument functions giving one
    calls: int = 1

    def samples(self) -> list[np.ndarray]:
        return [a() if callable(a) else a for a in self.arrays]


def collect(evaluator, outputs: Iterable[str], scope: Optional[str] = None) -> list[Input]:
    """The inputs upstream of the top-level bindings ``outputs`` (and of the sites of
    ``scope``, the binding being computed, when the output is an expression there), in
    program order."""
    graph = evaluator.graph
    outputs = list(outputs)
    depends = {n: b.depends_on for n, b in graph.items()}
    seen: set[str] = set()
    todo = [n for n in outputs if n in graph]
    while todo:  # upstream, stopping at correlate's reordered copies
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if not getattr(graph[name].value, "fresh", False):
            todo.extend(n for n in depends[name] if n in graph)
    found: list[Input] = []
    for name in graph:
        if name not in seen:
            continue
        binding = graph[name]
        if getattr(binding.value, "fresh", False):
            found.append(Input(name, name, [], [binding.value.samples]))
            continue
        sites = _readable(evaluator, name, evaluator.sites.sites([name]))
        if sites:
            found += _site_inputs(name, sites, binding, evaluator.sites.calls,
                                  evaluator.samples)
        elif name not in outputs and isinstance(binding.value, Dist) and not any(
                isinstance(graph[u].value, Dist)
                for u in upstream(depends[name], depends) if u in graph):
            found.append(Input(name, name, [], [binding.value.samples]))
    if scope is not None and scope not in seen:
        alive = [s for s in evaluator.sites.sites([scope])
                 if s.samples is not None or s.builtin == _MIXTURE]
        found += _site_inputs(scope, alive, None, evaluator.sites.calls, evaluator.samples)
    return found


def _readable(evaluator, name: str, sites: list[Site]) -> list[Site]:
    """``sites``, computed again when an array they need was freed (``dsl.engine.call_sites``;
    a mixture's choice needs only its stream)."""
    if all(s.samples is not None or s.builtin == _MIXTURE for s in sites):
        return sites
    from .pick_freeze import recapture
    again = recapture(evaluator, name)
    if again is None or [s.key for s in again] != [s.key for s in sites]:
        return [s for s in sites if s.samples is not None or s.builtin == _MIXTURE]
    return again


def _site_inputs(scope: str, sites: list[Site], binding,
                 calls_at: Callable[[Site], int], n: int) -> list[Input]:
    """The inputs of one binding's sites, the calls of one place merged. A place
    called more often than the log keeps (``SiteLog.KEEP``) has no arrays: only a
    Sobol re-run, which replaces all its calls, can rate it."""
    places: dict[tuple, list[Site]] = {}
    for site in sites:
        places.setdefault(site.place, []).append(site)
    out = []
    value = binding.value.samples if binding is not None and isinstance(
        binding.value, Dist) else None
    for calls in places.values():
        first = calls[0]
        # the binding's own value (the same array, or drawn again: the same numbers)
        whole = value is not None and len(calls) == 1 and first.samples is not None and (
            first.samples is value or np.array_equal(first.samples, value))
        label = scope if whole else _label(first, scope, binding)
        if first.builtin == _MIXTURE:
            label = f"{scope}: choice" if whole else f"choice of {label}"
            arrays: list = [_uniforms(s, n) for s in calls]
        else:
            arrays = [s.samples for s in calls]
        count = max(calls_at(first), len(calls))
        keys = [s.key for s in calls]
        if count > len(calls):  # not all kept: every call of the text, by wildcard
            arrays, keys = [], [(scope, first.text, None)]
        if count > 1:
            label += f" ×{count}"
        out.append(Input(label, scope, keys, arrays, count))
    return out


def _uniforms(site: Site, n: int) -> Callable[[], np.ndarray]:
    return lambda: replay_uniforms(site, n)


def _label(site: Site, scope: str, binding) -> str:
    text = " ".join(site.text.split())
    if len(text) > _TEXT:
        text = text[:_TEXT - 3] + "..."
    span = binding.span if binding is not None else None
    inside = (span is not None and binding.origin is not None
              and binding.origin[2].name == site.source_name
              and span.start <= site.start < span.end)
    if inside:
        return f"{text} (line {site.line})"
    here = binding is None or binding.origin is None or \
        binding.origin[2].name == site.source_name
    where = f"line {site.line}" if here else f"{site.source_name}:{site.line}"
    return f"{text} ({where}, in {scope})"


def group(inputs: list[Input], groups: Optional[dict[str, list[str]]] = None,
          by_binding: bool = False) -> list[Input]:
    """Inputs merged into groups: each binding's inputs into one named by the binding
    (``by_binding``), or ``groups`` (group name -> the labels or binding names of its
    members). Inputs in no group stay as they are, in their place."""
    if by_binding:
        groups = {}
        for i in inputs:
            groups.setdefault(i.scope, []).append(i.label)
    if not groups:
        return inputs
    member_of: dict[int, str] = {}
    for name, members in groups.items():
        for member in members:
            matched = [k for k, i in enumerate(inputs)
                       if i.label == member or i.scope == member]
            if not matched:
                known = ", ".join(i.label for i in inputs)
                raise ArgumentError(f"sensitivity: group {name!r}: no input {member!r} "
                                    f"(the inputs are {known})")
            for k in matched:
                if member_of.setdefault(k, name) != name:
                    raise ArgumentError(f"sensitivity: {inputs[k].label!r} is in two "
                                        f"groups, {member_of[k]!r} and {name!r}")
    out: list[Input] = []
    made: dict[str, Input] = {}
    for k, i in enumerate(inputs):
        name = member_of.get(k)
        if name is None:
            out.append(i)
        elif name in made:
            g = made[name]
            g.keys += i.keys
            g.arrays += i.arrays
            g.calls += i.calls
        else:
            made[name] = Input(name, i.scope, list(i.keys), list(i.arrays), i.calls)
            out.append(made[name])
    return out
