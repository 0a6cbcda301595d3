"""The driver shared by the hand-written numpy and squigglepy models.

A model script defines ``model(n, seed) -> {name: value}`` and ends with
``main(model)``. Run as ``python NAME_numpy.py SAMPLES [SEED]``, it evaluates the model,
summarises every binding and prints one JSON object shaped like ``sq run --json``
(DESIGN.md section 2) plus "evalSeconds" (the model call) and "summarySeconds".

Values: a 1-D array is a distribution (sample summaries: mean, population stdev and
numpy's default linear quantiles), a float a number, a list a list.
"""
from __future__ import annotations

import json
import math
import sys
import time

import numpy as np

__all__ = ["main", "summarize"]

QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95]


Z95 = 1.6448536269514722  # the standard normal's 95% quantile


def to(rng, lo: float, hi: float, n: int):
    """`lo to hi` in plain numpy: n draws of the lognormal whose 5% and 95% quantiles are
    lo and hi."""
    mu, sigma = (np.log(lo) + np.log(hi)) / 2, (np.log(hi) - np.log(lo)) / (2 * Z95)
    return np.exp(rng.normal(mu, sigma, n))


def _number(x: float):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def summarize(value):
    """The JSON summary of one binding's value."""
    if isinstance(value, np.ndarray):
        qs = np.quantile(value, QUANTILES)
        return {"type": "dist", "mean": _number(value.mean()), "stdev": _number(value.std()),
                "quantiles": {str(p): _number(q) for p, q in zip(QUANTILES, qs)}}
    if isinstance(value, (list, tuple)):
        return {"type": "list", "items": [summarize(v) for v in value]}
    return {"type": "number", "value": _number(value)}


def main(model) -> None:
    """Parse SAMPLES [SEED] from argv, run ``model``, print the summaries as JSON."""
    n = int(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    started = time.perf_counter()
    bindings = model(n, seed)
    evaluated = time.perf_counter()
    summaries = {name: summarize(value) for name, value in bindings.items()}
    done = time.perf_counter()
    print(json.dumps({"samples": n, "seed": seed, "bindings": summaries, "result": None,
                      "evalSeconds": evaluated - started,
                      "summarySeconds": done - evaluated}))
