"""Sensitivity analysis: which sources of uncertainty drive an output.

``sensitivity(output)`` rates every random call site upstream of ``output``
(``dsl.engine.sensitivity_inputs``: whole bindings by name, sites inside expressions by their
text and line, a mixture's choice of component on its own) from the samples the model
already drew (``stdlib.sensitivity_measures``):

- ``rankShare``: the first-order share of the variance of the output's *ranks*: it
  exists whatever the output's tails, and the tornado chart uses it;
- ``spearman`` and ``elasticity`` (d ln Y / d ln X);
- ``varianceShare`` (first-order Sobol index of Y) and ``logVarianceShare`` (of ln Y,
  the natural scale of multiplicative models), each shown only when it is stable: not
  when the output has samples <= 0 (log) or infinite, when 0.1% of the samples make
  half its variance, or when the two halves of the samples disagree; ``note`` says
  which were left out and why;
- ``swingLow`` / ``swingHigh``: the output's median with the input at its own 5th /
  95th percentile (the classic spreadsheet tornado);
- with ``{method: "sobol"}``: ``sobolFirst`` and ``sobolTotal`` by pick-freeze re-runs
  (``dsl.engine.pick_freeze``).
Records come most important first, by rankShare (by sobolTotal with "sobol").
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from dsl.syntax import ast as A
from dsl.base import meter
from dsl.engine import parallel
from dsl.engine.dist import Dist
from dsl.base.errors import ArgumentError, DomainError
from dsl.engine.registry import Context, builtin
from dsl.engine.sensitivity_inputs import Input, collect, group
from dsl.base.steps import argsort_seconds, bounded, linear_seconds
from dsl.engine.types import DistT, ListOf, RecordT
from dsl.engine.values import List, String

from . import sensitivity_measures as m
from .ordering import stable_argsort
from .sensitivity_measures import elasticity, first_order_index, spearman

__all__ = ["spearman", "first_order_index", "elasticity", "rate_inputs", "analyse",
           "binding_sensitivity", "bin_count"]

bin_count = m.bin_count
_ranks = m.ranks
_TAIL = 0.5  # 0.1% of the samples making more than this of the variance: unstable
_SPREAD = 2.5  # tenths of the samples with variances further apart than this: unstable


def rate_inputs(output: np.ndarray, named_inputs: Sequence, sobol=None) -> list[dict]:
    """One record per input, most important first, under the clock of the run in
    progress, if any (at 1e7 samples each input takes seconds of sorts, gathers and
    scatters that no clock inside numpy can stop). ``named_inputs``: ``Input``s, or
    (name, samples) pairs; ``sobol``: (first, total) per input, when computed."""
    inputs = [i if isinstance(i, Input) else Input(i[0], i[0], [], [i[1]])
              for i in named_inputs]
    n = output.shape[0]
    calls = sum(len(i.arrays) for i in inputs)  # arrays to sort
    seconds = (3 * calls + 1) * (argsort_seconds(n) + 8 * linear_seconds(n))
    return bounded(lambda: _rate_inputs(output, inputs, sobol), seconds, "sensitivity")


def _table_checks(y: np.ndarray) -> tuple[Optional[np.ndarray], bool, bool, list[str]]:
    """ln y (None when log shares are off), whether linear and log shares may be
    shown at all, and the reasons for what is off."""
    n = y.shape[0]
    reasons = []
    finite = np.isfinite(y)
    linear = log = True
    if not finite.all():
        bad = n - int(np.count_nonzero(finite))
        reasons.append(f"{bad:,} of {n:,} samples infinite or NaN: linear shares off")
        linear = False
    else:
        linear = _settled(y, "", reasons)
    nonpositive = int(np.count_nonzero(~(y > 0)))
    log_y = None
    if nonpositive:
        reasons.append(f"{nonpositive:,} of {n:,} samples <= 0: log shares off")
        log = False
    else:
        with np.errstate(divide="ignore"):
            log_y = np.log(y)
        log = _settled(log_y, "log ", reasons)
    return log_y, linear, log, reasons


def _settled(y: np.ndarray, kind: str, reasons: list[str]) -> bool:
    """Whether the variance of ``y`` is settled enough for variance shares; if not,
    the reason joins ``reasons``."""
    shares = f"{kind or 'linear '}shares unstable"
    if not np.isfinite(y).all() or m.tail_dominance(y) > _TAIL:
        reasons.append(f"{kind}variance dominated by 0.1% of samples: {shares}")
        return False
    spread = m.variance_spread(y)
    if spread > _SPREAD:
        reasons.append(f"{kind}variance of tenths of the samples differs up to "
                       f"{spread:.0f}x: {shares}")
        return False
    return True


def _rate_inputs(y: np.ndarray, inputs: list[Input], sobol) -> list[dict]:
    """The records, each input rated on its own thread for large samples (numpy's sorts
    release the GIL); the run's clock is read between the steps of each rating."""
    clock = meter.current()
    tick = clock.check_time if clock is not None else (lambda: None)
    log_y, linear, log, reasons = _table_checks(y)
    y_ranks = m.ranks(y)
    unstable = {"linear": 0, "log": 0}

    def share(xs: list, target: np.ndarray, orders: list, check: bool) -> Optional[float]:
        """The (summed, for a group) share of ``xs`` in ``target``; None when ``check``
        and the halves of a single input disagree."""
        if check and len(xs) == 1 and not m.split_halves_agree(xs[0], target):
            return None
        total = sum(first_order_index(x, target, order=o, clip=False)
                    for x, o in zip(xs, orders))
        return float(np.clip(total, 0.0, 1.0))

    def rate(item: Input) -> dict:
        xs = item.samples()
        if not xs:  # called more often than the log keeps: Sobol indices only
            return {"input": item.label, "rankShare": None, "spearman": None,
                    "varianceShare": None, "logVarianceShare": None, "elasticity": None,
                    "swingLow": None, "swingHigh": None, "calls": item.calls}
        tick()
        orders = [stable_argsort(x) for x in xs]
        tick()
        single = len(xs) == 1
        row: dict = {"input": item.label,
                     "rankShare": share(xs, y_ranks, orders, False),
                     "spearman": (m.rank_correlation(m.ranks(xs[0], orders[0]), y_ranks)
                                  if single else None)}
        tick()
        row["varianceShare"] = share(xs, y, orders, True) if linear else None
        tick()
        row["logVarianceShare"] = share(xs, log_y, orders, True) if log else None
        row["elasticity"] = elasticity(xs[0], y) if single else None
        swing = m.swing(orders[0], y) if single else (None, None)
        row["swingLow"], row["swingHigh"] = swing
        if not single:
            row["calls"] = len(xs)
        return row

    rows = parallel.map_items(rate, inputs, y.shape[0] * len(inputs))
    for row, item in zip(rows, inputs):
        for key, kind in (("varianceShare", "linear"), ("logVarianceShare", "log")):
            if row[key] is None and (linear if kind == "linear" else log):
                unstable[kind] += 1
    for kind, count in unstable.items():
        if count:
            reasons.append(f"{kind} shares of {count} input{'s' if count > 1 else ''} "
                           "differ between halves of the samples: not shown")
    key = "rankShare"
    if sobol is not None:
        for row, (first, total) in zip(rows, sobol):
            row["sobolFirst"], row["sobolTotal"] = _finite(first), _finite(total)
        key = "sobolTotal"
        note = "the tornado uses total-effect Sobol indices (pick-freeze re-runs)"
        if not linear:  # Sobol indices are shares of the variance too
            reasons.append("Sobol indices share that instability")
    else:
        note = "the tornado uses rank shares (the share of the output's ranks, which " \
               "exists whatever the tails)"
    if reasons:
        note += "; " + "; ".join(reasons)
    elif sobol is None:
        note += "; linear and log shares stable"
    for row in rows:
        row["note"] = note
    rows.sort(key=lambda r: -(r.get(key) if r.get(key) is not None else -1.0))
    return rows


def _finite(x: float) -> Optional[float]:
    return x if x == x else None


def analyse(evaluator, y: np.ndarray, outputs: list[str], scope: Optional[str] = None,
            groups: Optional[dict] = None, by_binding: bool = False,
            sobol_target: Optional[str] = None) -> list[dict]:
    """The records for output samples ``y``: inputs upstream of the top-level bindings
    ``outputs`` (and of ``scope``'s sites), grouped as asked, Sobol indices by re-running
    ``sobol_target`` when given."""
    inputs = group(collect(evaluator, outputs, scope), groups, by_binding)
    if not inputs:
        raise DomainError("sensitivity: no uncertain input found upstream of this value")
    sobol = None
    if sobol_target is not None:
        from dsl.engine.pick_freeze import sobol_indices
        sobol = sobol_indices(evaluator, sobol_target, y, [i.keys for i in inputs])
    return rate_inputs(y, inputs, sobol)


def binding_sensitivity(evaluator, name: str, sobol: bool = False,
                        groups: Optional[dict] = None, by_binding: bool = False) -> list[dict]:
    """The records for top-level binding ``name`` (``Session.sensitivity``)."""
    binding = evaluator.graph[name]
    return analyse(evaluator, binding.value.samples, [name], None, groups, by_binding,
                   name if sobol else None)


# ---- the builtin ----

def _plain(rows: list[dict]) -> list[dict]:
    """Records a model can hold: fields that are not shown are left out."""
    return [{k: v for k, v in row.items() if v is not None} for row in rows]


def _output(ctx: Context) -> tuple[list[str], Optional[str]]:
    """The top-level binding(s) the output comes from, and the binding being computed
    when the output is an expression written there."""
    ev = ctx.evaluator
    graph = ev.graph
    node = ctx.arg_nodes[0] if ctx.arg_nodes else None
    target = ctx.arg_values[0] if ctx.arg_values else None
    if isinstance(node, A.Identifier) and node.name in graph:
        return [node.name], None
    named = [n for n, b in graph.items() if target is not None and b.value is target]
    if named:  # `f(v) = sensitivity(v)` called as f(y)
        return [named[-1]], None
    from dsl.engine.dependencies import free_names
    names = [n for n in free_names(node) if n in graph] if node is not None else []
    return names, ev.stream_scope


_OPTIONS = {"groups", "by", "method"}


def _options(record: dict) -> tuple[Optional[dict], bool, bool]:
    unknown = set(record) - _OPTIONS
    if unknown:
        raise ArgumentError(f"sensitivity: unknown option {sorted(unknown)[0]!r} (the options "
                            "are groups, by and method)")
    method = record.get("method")
    if method is not None and not (isinstance(method, String)
                                   and method.value in ("rank", "sobol")):
        raise ArgumentError('sensitivity: method must be "rank" (the default) or "sobol"')
    by = record.get("by")
    if by is not None and not (isinstance(by, String) and by.value == "binding"):
        raise ArgumentError('sensitivity: by must be "binding"')
    groups = None
    if "groups" in record:
        given = record["groups"]
        fields = getattr(given, "fields", None)
        if fields is None or not all(isinstance(v, List) and all(
                isinstance(s, String) for s in v.items) for v in fields.values()):
            raise ArgumentError('sensitivity: groups must be a record of lists of input '
                                'names, e.g. {groups: {costs: ["a", "b"]}}')
        groups = {k: [s.value for s in v.items] for k, v in fields.items()}
    return groups, by is not None, method is not None and method.value == "sobol"


@builtin("Dist.sensitivity", aliases=["sensitivity"], examples=[
    ("a = normal(0, 1)\nb = normal(0, 2)\ny = a + b\nsensitivity(y)[0].input", '"b"'),
    ("a = normal(0, 1)\nb = normal(0, 2)\ny = a + b\nsensitivity(y)[0].rankShare", "0.786",
     0.02),
    ("a = normal(0, 1)\ny = a + normal(0, 2)\nsensitivity(y)[0].input",
     '"normal(0, 2) (line 2)"')])
def sensitivity(ctx: Context, output: DistT) -> list:
    """Which sources of uncertainty drive ``output``: a list of records {input,
    rankShare, spearman, varianceShare, logVarianceShare, elasticity, swingLow,
    swingHigh, note}, most important first.

    The inputs are every random call upstream of ``output``: a whole binding by its
    name, a call inside an expression by its text and line, a mixture's choice of
    component as its own input. Options: ``sensitivity(y, {groups: {g: ["a", "b"]}})``
    rates inputs together, ``{by: "binding"}`` groups them by the binding they are
    written in, ``{method: "sobol"}`` adds sobolFirst and sobolTotal by re-running
    the model. Or list the inputs: ``sensitivity(y, [a, b])``."""
    outputs, scope = _output(ctx)
    return _plain(analyse(ctx.evaluator, _samples(output), outputs, scope))


@builtin("Dist.sensitivity")
def _sensitivity_options(ctx: Context, output: DistT, options: RecordT()) -> list:
    groups, by_binding, sobol = _options(options)
    outputs, scope = _output(ctx)
    target = None
    if sobol:
        if scope is not None or len(outputs) != 1:
            raise ArgumentError("sensitivity: the sobol method re-runs the model, so the "
                                "output must be a top-level binding (y = ...; "
                                "sensitivity(y, {method: \"sobol\"}))")
        target = outputs[0]
    return _plain(analyse(ctx.evaluator, _samples(output), outputs, scope, groups,
                          by_binding, target))


@builtin("Dist.sensitivity")
def _sensitivity_explicit(ctx: Context, output: DistT, inputs: ListOf(DistT)) -> list:
    if not inputs:
        raise ArgumentError("sensitivity: the list of inputs is empty")
    labels = ctx.item_labels(1, len(inputs))
    return _plain(rate_inputs(_samples(output), [(label, _samples(d))
                                                 for label, d in zip(labels, inputs)]))


def _samples(value) -> np.ndarray:
    if not isinstance(value, Dist):
        raise ArgumentError(f"sensitivity: inputs must be distributions, got "
                            f"{value.type_name}")
    return value.samples
