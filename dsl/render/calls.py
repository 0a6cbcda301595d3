"""Calling a model's function to draw it: its values at the x points of a chart.

A view of a function is drawn after the run, so each call runs in a small session of
its own (as ``dsl.engine.calculator_run`` runs a calculator), with the run's seed. A function
that works element-wise is called once with all the points as one distribution (as
``Danger.integrate`` and ``SampleSet.map`` do) and checked against single calls at
both ends; any other is called once per point, the only per-point loop (a function
that branches on its argument cannot be called otherwise). A point where the function
fails, or gives something else than asked, is NaN: the chart leaves a gap there. So
is every point left when a chart has spent ``CHART_SECONDS`` calling the function one
point at a time (a slow function draws partly rather than holding up the report).
"""
from __future__ import annotations

import math
import time
from typing import Optional

import numpy as np

from ..engine.dist import Dist
from ..base.errors import DslError
from ..base.limits import Limits
from ..engine.session import Session
from ..engine.values import Function, Number, Value

__all__ = ["numbers_at", "dists_at", "returns_dist", "CHART_SECONDS"]

CHART_SECONDS = 5.0  # the time one chart may spend calling a function point by point

_CALL = "f = 0\nx = 0\nf(x)"
_DATE_CALL = "f = 0\nx = 0\nf(Date.fromUnixTime(x / 1000))"  # x in milliseconds


def _call(fn: Function, x, samples: int, seed: int, limits: Optional[Limits],
          dates: bool = False) -> Optional[Value]:
    try:
        return Session(samples, seed, limits=limits).run(
            _DATE_CALL if dates else _CALL, "<chart>", {"f": fn, "x": x}).result
    except DslError as e:
        if e.kind == "LimitError" and "time" in e.message:
            raise  # the run's time is spent: stop drawing, do not try every point
        return None


def numbers_at(fn: Function, xs: np.ndarray, *, seed: int = 0, dates: bool = False,
               limits: Optional[Limits] = None) -> np.ndarray:
    """``fn(x)`` for each x, a number each (NaN where it is not)."""
    n = xs.shape[0]
    if n >= 3 and not dates:
        value = _call(fn, np.asarray(xs, dtype=np.float64), n, seed, limits)
        if isinstance(value, Dist) and len(value) == n:
            ys = np.array(value.samples, dtype=np.float64)
            ends = [_number(_call(fn, float(xs[i]), 1, seed, limits)) for i in (0, n - 1)]
            if np.allclose(ys[[0, n - 1]], ends, rtol=1e-12, atol=0, equal_nan=True):
                return ys
    out = np.full(n, math.nan)
    deadline = time.monotonic() + CHART_SECONDS
    for i, x in enumerate(xs):  # not element-wise: one call a point
        if time.monotonic() > deadline:
            break
        out[i] = _number(_call(fn, float(x), 1, seed, limits, dates))
    return out


def _number(value: Optional[Value]) -> float:
    return value.value if isinstance(value, Number) else math.nan


def dists_at(fn: Function, xs: np.ndarray, ps, *, samples: int, seed: int = 0,
             dates: bool = False, limits: Optional[Limits] = None) -> np.ndarray:
    """The ``ps`` quantiles of ``fn(x)`` (a distribution, or a number: all its
    quantiles are it) for each x: an array of shape ``(len(xs), len(ps))``, NaN rows
    where the function fails."""
    ps = np.asarray(ps, dtype=np.float64)
    out = np.full((xs.shape[0], ps.shape[0]), math.nan)
    deadline = time.monotonic() + CHART_SECONDS
    for i, x in enumerate(xs):  # a distribution per point: one call each
        if time.monotonic() > deadline:
            break
        value = _call(fn, float(x), samples, seed, limits, dates)
        if isinstance(value, Dist):
            out[i] = np.atleast_1d(value.quantile(ps))
        elif isinstance(value, Number):
            out[i] = value.value
    return out


def returns_dist(fn: Function, x: float, *, samples: int, seed: int = 0,
                 dates: bool = False, limits: Optional[Limits] = None) -> Optional[bool]:
    """Whether ``fn`` gives a distribution at ``x`` (None when it fails there)."""
    value = _call(fn, float(x), min(samples, 1000), seed, limits, dates)
    if value is None:
        return None
    return isinstance(value, Dist)
