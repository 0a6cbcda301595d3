"""Barriers of a streamed run: the builtins that turn a distribution into a number.

``mean(x)`` needs every chunk's samples, so one chunk alone cannot answer it. Each such
call site is a barrier, keyed by where it is (the statement, the binding's stream
scope, the file, the call's span) and how many times the call ran there before in this
statement (a function called twice reaches the same span twice). A chunk that reaches a
barrier whose value is not known yet records its *partial* (plain data) and stops the
statement; the caller merges the partials in chunk order (``merge``) into the value
(``value``), and the next pass runs with it known.

Kinds: ``moments`` (mean, stdev, variance, min, max, prob of a condition,
Takeoff.probFoom: counts and Chan-merged moments, exact), ``cdf`` (a count of samples
at or below x, exact) and ``quantile`` (exact counts in bins whose edges are the first
chunk's: within a bin's share in rank, ``dsl.engine.stream_summary``).

Builtins in ``UNSTREAMABLE`` need all of a distribution's samples at once in a way no
merged summary gives (a random pick among them, their sorted list, a rank
correlation); in a streamed run, given a distribution, they fail with an error naming
the binding (README, *Streamed runs*).
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .stream_summary import DistSummary, Moments

__all__ = ["ALWAYS", "BARRIERS", "FIRST_CHUNK", "UNSTREAMABLE", "WITHOUT_LAW", "partial", "merge", "value",
           "to_plain", "from_plain"]

# builtin -> (kind, figure): what the partial holds, which figure of it is the answer
BARRIERS = {
    "Dist.mean": ("moments", "mean"), "Dist.stdev": ("moments", "stdev"),
    "Dist.variance": ("moments", "variance"), "Dist.min": ("moments", "min"),
    "Dist.max": ("moments", "max"), "Dist.prob": ("moments", "prob"),
    "Takeoff.probFoom": ("moments", "above_one"),
    "Dist.cdf": ("cdf", "cdf"),
    "Dist.quantile": ("quantile", "quantile"), "Dist.inv": ("quantile", "quantile"),
    "Dist.median": ("quantile", "median"),
}
# the global names (`mean`, `min` ...) are builtins of their own that also take lists
for _name in ("mean", "stdev", "variance", "min", "max", "median", "quantile"):
    BARRIERS[_name] = BARRIERS["Dist." + _name]
# how many arguments the reduction takes (`min(x, 3)` is element-wise, no barrier)
_ARITY = {"moments": 1, "cdf": 2, "quantile": 2}

# figures a distribution's exact law answers (then the call is no barrier)
_LAW_ANSWERS = {"mean", "stdev", "variance", "prob", "cdf", "quantile", "median"}

# builtins that run on the first chunk alone (a subsample of its size), their answer
# (plain numbers, strings, lists and records) shipped to the other chunks: a
# sensitivity analysis needs no more than a chunk's samples to rank the inputs
FIRST_CHUNK = {"Dist.sensitivity"}

UNSTREAMABLE = {
    "Dist.sample": "a random pick among all the samples",
    "Dist.sampleN": "random picks among all the samples",
    "SampleSet.toList": "the list of all the samples",
    "Dist.correlate": "a reordering of all the samples",
    "Dist.sparkline": "the histogram of all the samples",
    "RelativeValues.gridPlot": "all the samples",
    # summaries of a pair's ratio, from all its samples, in every call of the function
    "RelativeValues.wrap": "quantiles of all the samples of the values it compares",
    "Danger.json": "the list of all the samples",
}
# refused whatever their arguments (the distributions arise inside)
ALWAYS = {"RelativeValues.wrap"}
# unstreamable only for a distribution without an exact law (else the law answers): a
# density estimate, or the point set Squiggle's pointwise operations smooth it into
_DENSITY = "a density estimate (a point set) from all the samples"
WITHOUT_LAW = {name: _DENSITY for name in (
    "Dist.mode", "Dist.pdf", "Dist.dotAdd", "Dist.dotSubtract", "Dist.dotMultiply",
    "Dist.dotDivide", "Dist.dotPow", "Dist.dotExp", "Dist.normalize", "Dist.integralSum",
    "Dist.isNormalized", "PointSet.make", "PointSet.fromDist", "PointSet.downsample",
    "PointSet.support", "PointSet.mapY", "Danger.yTransform")}


def barrier_kind(name: str, args) -> Optional[tuple[str, str, tuple]]:
    """(kind, figure, params) when calling builtin ``name`` on ``args`` is a barrier,
    else None (the builtin answers on its own: a number, an exact law, an argument the
    builtin will refuse)."""
    from .dist import Dist
    from .values import Number
    entry = BARRIERS.get(name)
    if entry is None or not args or not isinstance(args[0], Dist):
        return None
    kind, figure = entry
    if len(args) != (1 if figure == "median" else _ARITY[kind]):
        return None
    d = args[0]
    if d.law is not None and figure in _LAW_ANSWERS:
        return None
    if figure == "prob" and not d.is_indicator:
        return None  # prob's own error
    if figure == "mean" and d.is_indicator:
        figure = "prob"  # mean of a condition is its probability (an exact count)
    params = []
    for a in args[1:]:
        if not isinstance(a, Number):
            return None  # the builtin's argument error
        params.append(float(a.value))
    if kind == "quantile":
        p = 0.5 if figure == "median" else (params[0] if params else math.nan)
        if not 0 <= p <= 1:
            return None  # quantile's domain error
        params = [p]
    return kind, figure, tuple(params)


def partial(kind: str, params: tuple, samples: np.ndarray,
            edges: Optional[np.ndarray] = None):
    """One chunk's plain-data partial of a barrier (a quantile's: the bins ``edges``
    make, the first chunk's)."""
    if kind == "moments":
        return Moments.of(samples, above_one=True).to_data()
    if kind == "cdf":
        return (int(samples.shape[0]), int(np.count_nonzero(samples <= params[0])))
    return DistSummary.of(samples, edges).to_data()


def merge(kind: str, a, b):
    """Two partials as one (``a`` the earlier chunks)."""
    if kind == "first":  # the first chunk's answer; the others report None
        return a if a is not None else b
    if kind == "moments":
        return Moments.from_data(a).merge(Moments.from_data(b)).to_data()
    if kind == "cdf":
        return (a[0] + b[0], a[1] + b[1])
    return DistSummary.from_data(a).merge(DistSummary.from_data(b)).to_data()


def value(kind: str, figure: str, params: tuple, data):
    """The barrier's answer from its merged partial: what the builtin gives on the
    whole array (exactly, but a quantile: within the bins' rank error), as the same
    type: an ``Estimate`` with its Monte Carlo error where the builtin gives one."""
    from .mc_error import Estimate, estimate_probability, robust_spread
    if kind == "first":
        return from_plain(data)
    if kind == "cdf":
        return estimate_probability(data[1] / data[0], data[0])
    if kind == "quantile":
        from .stream_summary import StreamedLaw
        summary = DistSummary.from_data(data)
        law = StreamedLaw(summary, np.empty(0))
        q = summary.quantile(params[0])
        spread = robust_spread(summary.quantile(0.05), summary.quantile(0.95))
        return Estimate(q, law.quantile_se(params[0]), "quantile",
                        scale=spread if math.isfinite(spread) else math.nan)
    m = Moments.from_data(data)
    if figure == "mean":
        var = m.variance()
        sd = math.sqrt(var) if math.isfinite(var) else math.nan
        return Estimate(m.mean(), sd / math.sqrt(m.n) if m.n else math.nan, "mean",
                        scale=sd)
    if figure == "prob":
        return estimate_probability(m.nonzero / m.n, m.n)
    if figure == "variance":
        return m.variance()
    if figure == "stdev":
        var = m.variance()
        return math.sqrt(var) if var == var else math.nan
    if figure == "min":
        return m.minimum()
    if figure == "max":
        return m.maximum()
    return m.above_one / m.n  # probFoom


def to_plain(answer) -> tuple:
    """A barrier's answer as plain data for a task: an Estimate's fields, a number, a
    string, a boolean, or lists and records of them (a ValueError for anything else)."""
    from .mc_error import Estimate
    from .values import Bool, List, Number, Record, String
    if isinstance(answer, Estimate):
        return ("estimate", float(answer.value), answer.se, answer.kind, answer.scale,
                answer.events, answer.count)
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        return ("number", float(answer))
    if isinstance(answer, Number):
        return ("number", float(answer.value))
    if isinstance(answer, String):
        return ("string", answer.value)
    if isinstance(answer, Bool):
        return ("bool", bool(answer.value))
    if isinstance(answer, List):
        return ("list", tuple(to_plain(v) for v in answer.items))
    if isinstance(answer, Record):
        return ("record", tuple((k, to_plain(v)) for k, v in answer.fields.items()))
    raise ValueError(f"not plain data: {type(answer).__name__}")


def from_plain(data: tuple):
    """The Value ``to_plain`` describes: what the builtin returns in memory."""
    from .mc_error import Estimate
    from .values import FALSE, TRUE, List, Number, Record, String
    kind = data[0]
    if kind == "estimate":
        return Estimate(data[1], data[2], data[3], scale=data[4], events=data[5],
                        count=data[6])
    if kind == "string":
        return String(data[1])
    if kind == "bool":
        return TRUE if data[1] else FALSE
    if kind == "list":
        return List([from_plain(v) for v in data[1]])
    if kind == "record":
        return Record({k: from_plain(v) for k, v in data[1]})
    return Number(data[1])
