"""Sensitivity analysis: which uncertain inputs drive an output.

``sensitivity(output)`` finds the inputs upstream of ``output`` (random top-level
bindings that depend on no other random binding, see ``dsl.dependencies``) and rates
each one from the samples the model already drew (no extra model runs):

- ``spearman``: the rank correlation of input and output;
- ``varianceShare``: the first-order (Sobol) index Var(E[Y|X]) / Var(Y), estimated by
  cutting X into quantile bins and comparing the spread of the bins' mean outputs with
  the total spread. The raw ratio (the correlation ratio) is biased upwards by the noise
  of the bin means, so we report epsilon-squared, which subtracts that noise:
  (SS_between - (B - 1) MS_within) / SS_total, clipped to [0, 1]. When the output has
  infinite samples the index is computed on the output's ranks;
- ``logVarianceShare``: the same for ln Y, when Y is positive: the natural scale of
  multiplicative models (for a product of independent lognormals the shares of ln Y are
  exactly the shares of the log-variances);
- ``elasticity``: d ln Y / d ln X, the slope of a log-log regression over samples where
  both are positive.
Records come most important first: by logVarianceShare when present, else varianceShare.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from dsl import meter, parallel
from dsl.dist import Dist
from dsl.errors import ArgumentError, DomainError
from dsl.registry import Context, builtin
from dsl.steps import argsort_seconds, bounded, linear_seconds
from dsl.types import DistT, ListOf

from .ordering import stable_argsort

__all__ = ["spearman", "first_order_index", "elasticity", "rate_inputs", "bin_count"]


def bin_count(n: int) -> int:
    """Quantile bins for n samples: many, so that little of E[Y|X] varies within a bin
    (that part would be lost), with ~250 samples or more in each (the noise of the bin
    means is subtracted, but it still adds variance to the estimate)."""
    return int(np.clip(n // 250, 2, 500))


def _ranks(x: np.ndarray, order: Optional[np.ndarray] = None) -> np.ndarray:
    """Ranks 1..n, ties sharing their average rank (scipy's rankdata, without
    importing scipy.stats); ``order``: x's argsort, when already known."""
    # any sorting order gives the same ranks (ties share theirs), so no need for stable
    order = np.argsort(x) if order is None else order
    ordered = x[order]
    n = ordered.shape[0]
    # each run of equal values gets the mean of the positions it spans
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    ends = np.append(starts[1:], n)
    average = (starts + ends + 1) / 2.0
    ranks = np.empty(n)
    ranks[order] = np.repeat(average, ends - starts)
    return ranks


def _rank_correlation(rx: np.ndarray, ry: np.ndarray) -> float:
    sx, sy = rx.std(), ry.std()
    if sx == 0 or sy == 0:
        return 0.0
    return float(np.mean((rx - rx.mean()) * (ry - ry.mean())) / (sx * sy))


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Rank correlation (ties get average ranks); 0 when either is constant."""
    return _rank_correlation(_ranks(x), _ranks(y))


def first_order_index(x: np.ndarray, y: np.ndarray, bins: Optional[int] = None,
                      order: Optional[np.ndarray] = None,
                      y_ranks: Optional[np.ndarray] = None) -> float:
    """Bias-corrected estimate of Var(E[Y|X]) / Var(Y) from paired samples; ``order``
    (x's stable argsort) and ``y_ranks`` when already known."""
    n = y.shape[0]
    if not np.all(np.isfinite(y)):
        # infinite outputs: rate the inputs' effect on the output's ranks
        y = _ranks(y) if y_ranks is None else y_ranks
    total = float(np.sum((y - y.mean()) ** 2))
    if total == 0 or n < 4:
        return 0.0
    b = bins or bin_count(n)
    order = stable_argsort(x) if order is None else order
    edges = (np.arange(b + 1) * n) // b
    counts = np.diff(edges)
    means = np.add.reduceat(y[order], edges[:-1]) / counts
    between = float(np.sum(counts * (means - y.mean()) ** 2))
    within = total - between
    corrected = (between - (b - 1) * within / (n - b)) / total
    return float(np.clip(corrected, 0.0, 1.0))


def elasticity(x: np.ndarray, y: np.ndarray) -> Optional[float]:
    """The slope of ln y on ln x over samples where both are positive and finite
    (None when there are too few, or x does not vary)."""
    keep = (x > 0) & (y > 0) & np.isfinite(x) & np.isfinite(y)
    if np.count_nonzero(keep) < 3:
        return None
    lx, ly = np.log(x[keep]), np.log(y[keep])
    var = lx.var()
    if var == 0:
        return None
    return float(np.mean((lx - lx.mean()) * (ly - ly.mean())) / var)


def rate_inputs(output: np.ndarray, named_inputs: list[tuple[str, np.ndarray]]) -> list[dict]:
    """One record per input, most important first (``_rate_inputs``), under the clock of
    the run in progress, if any: at 1e7 samples each input takes seconds of sorts,
    gathers and scatters that no clock inside numpy can stop."""
    n = output.shape[0]
    seconds = (len(named_inputs) + 1) * (argsort_seconds(n) + 8 * linear_seconds(n))
    return bounded(lambda: _rate_inputs(output, named_inputs), seconds, "sensitivity")


def _rate_inputs(output: np.ndarray, named_inputs: list[tuple[str, np.ndarray]]) -> list[dict]:
    """One record per input, most important first. Each input is sorted once (its ranks
    and its bins share the order), the output's ranks are computed once, and the inputs
    are rated on all cores for large samples (numpy's sorts release the GIL).

    Inside a run, the run's clock is read between the steps of each input's rating
    (on the pool's threads too, which have no run of their own)."""
    clock = meter.current()
    tick = clock.check_time if clock is not None else (lambda: None)
    positive = bool(np.all(output > 0))
    log_output = np.log(output) if positive else None
    output_ranks = _ranks(output)

    def rate(item: tuple[str, np.ndarray]) -> dict:
        name, x = item
        tick()
        order = stable_argsort(x)
        tick()
        row: dict = {"input": name,
                     "spearman": _rank_correlation(_ranks(x, order), output_ranks)}
        tick()
        row["varianceShare"] = first_order_index(x, output, order=order,
                                                 y_ranks=output_ranks)
        if log_output is not None:
            tick()
            row["logVarianceShare"] = first_order_index(x, log_output, order=order)
        tick()
        slope = elasticity(x, output)
        if slope is not None:
            row["elasticity"] = slope
        return row

    rows = parallel.map_items(rate, named_inputs, output.shape[0] * len(named_inputs))
    key = "logVarianceShare" if positive else "varianceShare"
    rows.sort(key=lambda r: -r[key])
    return rows


@builtin("Dist.sensitivity", aliases=["sensitivity"], examples=[
    ("a = normal(0, 1)\nb = normal(0, 2)\ny = a + b\nsensitivity(y)[0].input", '"b"'),
    ("a = normal(0, 1)\nb = normal(0, 2)\ny = a + b\nsensitivity(y)[0].varianceShare", "0.8",
     0.03)])
def sensitivity(ctx: Context, output: DistT) -> list:
    """Which uncertain inputs drive ``output``: a list of records {input, spearman,
    varianceShare, logVarianceShare, elasticity}, most important first.

    The inputs are the random top-level bindings upstream of ``output`` that depend on
    no other random binding (or give them: ``sensitivity(y, [a, b])``).
    logVarianceShare is present when the output is positive, elasticity when input and
    output are positive."""
    named = ctx.upstream_inputs(0)
    if not named:
        raise DomainError("sensitivity: no uncertain input found upstream of this value; "
                          "name the inputs as top-level bindings (x = 1 to 2) or list them "
                          "as a second argument")
    return rate_inputs(_samples(output), [(n, _samples(v)) for n, v in named])


@builtin("Dist.sensitivity")
def _sensitivity_explicit(ctx: Context, output: DistT, inputs: ListOf(DistT)) -> list:
    if not inputs:
        raise ArgumentError("sensitivity: the list of inputs is empty")
    labels = ctx.item_labels(1, len(inputs))
    return rate_inputs(_samples(output), [(label, _samples(d))
                                          for label, d in zip(labels, inputs)])


def _samples(value) -> np.ndarray:
    if not isinstance(value, Dist):
        raise ArgumentError(f"sensitivity: inputs must be distributions, got "
                            f"{value.type_name}")
    return value.samples
