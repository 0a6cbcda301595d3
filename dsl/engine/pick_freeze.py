"""Sobol indices by pick-freeze: the model re-run with some inputs' streams replaced.

Each random call site draws from its own stream (``dsl.engine.call_sites``), so a re-run that
replaces the streams of one input's sites, and keeps every other stream, is the model
evaluated at "A with input i taken from B" without touching the model. With
f(A) the run made, f(B) a re-run with every stream replaced and f(A_B^i) a re-run with
input i's streams replaced by the same draws B made there (the same salt):

- total effect (Jansen 1999): S_Ti = E[(f(A) - f(A_B^i))^2] / 2V;
- first order (Saltelli 2010): S_i = E[f(B) (f(A_B^i) - f(A))] / V;

with V the variance of f(A) and f(B) together. One re-run per input plus one; only the
bindings a replaced stream reaches are computed again.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .call_sites import Resample
from .dependencies import upstream
from ..base.errors import DomainError

__all__ = ["rerun", "recapture", "sobol_indices"]


def rerun(evaluator, target: str, resample: Resample) -> np.ndarray:
    """The samples of top-level binding ``target`` when the streams ``resample`` names
    are replaced: each binding upstream of it that such a stream, or a recomputed
    binding, reaches is computed again from its expression (in the environment it was
    computed in, with the recomputed values over it); the rest keep their values. The
    re-run shares the run's clock and memory budget."""
    from .evaluator import Evaluator  # the engine's own class, same layer
    graph = evaluator.graph
    depends = {n: b.depends_on for n, b in graph.items()}
    needed = set(upstream([target], depends))
    fresh = Evaluator(evaluator.registry, evaluator.samples, evaluator.seed,
                      evaluator.limits, evaluator.loader)
    fresh.meter = evaluator.meter
    fresh.resample = resample
    values: dict = {}
    changed: set[str] = set()
    for name, binding in graph.items():
        if name not in needed:
            continue
        if binding.origin is None or not (
                resample.touches(name) or binding.depends_on & changed):
            continue
        let, env, source = binding.origin
        fresh.source = source
        fresh.enter_scope(name)
        local = env.child({n: values[n] for n in binding.depends_on if n in changed})
        values[name] = fresh.eval(let.value, local)
        changed.add(name)
    value = values.get(target, graph[target].value)
    samples = getattr(value, "samples", None)
    if samples is None or samples.shape != graph[target].value.samples.shape:
        raise DomainError(f"sobol: re-running {target} did not give a distribution")
    return samples


def recapture(evaluator, name: str) -> list:
    """The sites of top-level binding ``name`` with their arrays held: its expression
    evaluated again, in the environment it was computed in, with the same streams (so
    the same numbers), by an evaluator whose log holds what it draws. None when the
    binding cannot be re-run."""
    from .call_sites import SiteLog
    from .evaluator import Evaluator
    binding = evaluator.graph.get(name)
    if binding is None or binding.origin is None:
        return None
    fresh = Evaluator(evaluator.registry, evaluator.samples, evaluator.seed,
                      evaluator.limits, evaluator.loader)
    fresh.meter = evaluator.meter
    fresh.sites = SiteLog(strong=True)
    let, env, source = binding.origin
    fresh.source = source
    fresh.enter_scope(name)
    fresh.eval(let.value, env)
    return fresh.sites.sites([name])


def sobol_indices(evaluator, target: str, y: np.ndarray,
                  key_sets: Sequence[Sequence[tuple]]) -> list[tuple[float, float]]:
    """(first-order, total) index of each input, given by the site keys of its streams
    (an empty set: an input without a stream of its own, (nan, nan))."""
    if not np.all(np.isfinite(y)):
        raise DomainError("sobol: the output has infinite or NaN samples, so its variance "
                          "is not defined; use the rank shares (the default method)")
    y_b = rerun(evaluator, target, Resample(None))
    variance = float(np.var(np.concatenate([y, y_b])))
    out = []
    for keys in key_sets:
        if not keys:
            out.append((float("nan"), float("nan")))
            continue
        y_ab = rerun(evaluator, target, Resample(keys))
        if variance == 0:
            out.append((0.0, 0.0))
            continue
        first = float(np.mean(y_b * (y_ab - y)) / variance)
        total = float(np.mean((y - y_ab) ** 2) / (2 * variance))
        out.append((first, total))
    return out
