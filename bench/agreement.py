"""Do two tools give the same answer, within Monte Carlo error?

Both documents are ``sq run --json`` shaped. Every distribution's mean and 5/25/50/75/95%
quantiles are compared, and every number. The tolerance is K standard errors of the
difference of two independent n-sample estimates (K = 5, so a false alarm is rare even
over thousands of comparisons while a wrong model, off by many standard errors at
10k samples already, is caught):

- mean: se = stdev / sqrt(n), stdev the larger of the two tools';
- p-quantile: se = sqrt(p (1 - p) / n) / density(q_p), with 1/density the slope dq/dp
  read off the neighbouring summary quantiles (the steeper side); at 5% and 95% that
  slope is doubled, since the tails steepen beyond the last summary point;
- a number in [0, 1] is taken for an estimated probability, se = sqrt(p (1 - p) / n);
  other numbers must match to 1e-9 relative.

An exact answer (sqdsl summarises an input from its law) has no error of its own, so
the tolerance is generous to it; that is fine: it only has to be caught when wrong.
"""
from __future__ import annotations

import math
from typing import Iterator

__all__ = ["mismatches", "K"]

K = 5.0
PROBS = [0.05, 0.25, 0.5, 0.75, 0.95]


def _num(x) -> float:
    return float(x) if not isinstance(x, str) else float(x.replace("Infinity", "inf"))


def mismatches(reference: dict, other: dict, n: int) -> Iterator[str]:
    """Lines describing each disagreement between two documents' bindings."""
    ref, oth = reference.get("bindings", {}), other.get("bindings", {})
    for name in ref.keys() | oth.keys():
        if name not in ref or name not in oth:
            yield f"{name}: present in only one tool"
            continue
        yield from _compare(name, ref[name], oth[name], n)


def _compare(path: str, a, b, n: int) -> Iterator[str]:
    kind_a, kind_b = (a or {}).get("type"), (b or {}).get("type")
    if kind_a != kind_b:
        yield f"{path}: type {kind_a} vs {kind_b}"
    elif kind_a == "dist":
        yield from _compare_dists(path, a, b, n)
    elif kind_a == "number":
        x, y = _num(a["value"]), _num(b["value"])
        se = math.sqrt(max(x * (1 - x), 1e-12) / n) if 0 <= x <= 1 else 0.0
        yield from _check(path, "value", x, y, K * math.sqrt(2) * se)
    elif kind_a == "list":
        if len(a["items"]) != len(b["items"]):
            yield f"{path}: {len(a['items'])} vs {len(b['items'])} items"
            return
        for i, (x, y) in enumerate(zip(a["items"], b["items"])):
            yield from _compare(f"{path}[{i}]", x, y, n)
    elif kind_a == "record":
        for key in a["fields"].keys() | b["fields"].keys():
            yield from _compare(f"{path}.{key}", a["fields"].get(key), b["fields"].get(key), n)


def _compare_dists(path: str, a: dict, b: dict, n: int) -> Iterator[str]:
    sd = max(_num(a["stdev"]), _num(b["stdev"]))
    yield from _check(path, "mean", _num(a["mean"]), _num(b["mean"]),
                      K * math.sqrt(2) * sd / math.sqrt(n))
    slopes = [max(_known(s), _known(t)) for s, t in zip(_all_slopes(a), _all_slopes(b))]
    for p, slope in zip(PROBS, slopes):
        key = str(p)
        se = math.sqrt(p * (1 - p) / n) * slope
        yield from _check(path, f"q{p:g}", _num(a["quantiles"][key]),
                          _num(b["quantiles"][key]), K * math.sqrt(2) * se)


def _all_slopes(summary: dict) -> list:
    """dq/dp at each summary quantile: the steeper of its two sides, doubled at the ends."""
    qs = [_num(summary["quantiles"][str(p)]) for p in PROBS]
    sides = [(qs[i + 1] - qs[i]) / (PROBS[i + 1] - PROBS[i]) for i in range(len(qs) - 1)]
    out = [2 * sides[0]]
    out += [max(sides[i - 1], sides[i]) for i in range(1, len(qs) - 1)]
    out.append(2 * sides[-1])
    return out


def _known(slope: float) -> float:
    """An unknown slope (from infinite quantiles) accepts any difference."""
    return math.inf if math.isnan(slope) else slope


def _check(path: str, stat: str, x: float, y: float, tol: float) -> Iterator[str]:
    if math.isnan(x) and math.isnan(y):
        return
    tol = max(tol, 1e-9 * max(abs(x), abs(y)), 1e-12)
    if x == y or abs(x - y) <= tol:
        return
    yield f"{path} {stat}: {x:.6g} vs {y:.6g} (|diff| {abs(x - y):.3g} > tol {tol:.3g})"
