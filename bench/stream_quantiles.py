"""How well a streamed run's quantiles place their ranks: the t-digest (kept inside
the exact bins, what runs) against the bins alone (what ran before), both against the
in-memory run's sorted samples of the same seed (README, *Streamed runs*).

    python bench/stream_quantiles.py                 # 4,194,304 samples, a markdown table
    python bench/stream_quantiles.py --samples 2097152 --seed 3

For each quantile q and binding: |rank of the streamed answer - q| as a share of q's
tail (min(q, 1 - q)), the largest over the bindings; and the stated bound the same way.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QS = (1e-4, 1e-3, 0.05, 0.5, 0.95, 0.999)
MODEL = ROOT / "examples" / "trajectory.sq"


def bins_alone(summary, p: float) -> float:
    """The quantile as the bins alone gave it: the exact bin, then linear in rank
    between its smallest and largest sample (the method before the digest)."""
    m, bins = summary.moments, summary.bins
    n = m.n
    pos = p * (n - 1)
    lo = math.floor(pos)

    def stat(r):
        if r < m.ninf:
            return -math.inf
        r -= m.ninf
        if r >= m.finite:
            return math.inf
        cum = np.cumsum(bins.counts)
        j = int(np.searchsorted(cum, r, side="right"))
        within = r - (int(cum[j - 1]) if j else 0)
        c, a, b = int(bins.counts[j]), float(bins.lows[j]), float(bins.highs[j])
        return a if c <= 1 or a == b else a + (b - a) * within / (c - 1)

    a, b = stat(lo), stat(min(lo + 1, n - 1))
    if a == b or math.isinf(a) or math.isinf(b):
        return a
    return a + (b - a) * (pos - lo)


def bins_stated(summary, p: float) -> float:
    """The bins' own stated error of the p quantile: its bin's share of the samples
    (0 for a bin of one value or an infinity)."""
    m, n = summary.moments, summary.moments.n
    r = math.floor(p * (n - 1)) - m.ninf
    if not 0 <= r < m.finite:
        return 0.0
    count, lo, hi = summary.bins.locate(r)
    return 0.0 if count <= 1 or lo == hi else count / n


def rank_error(ordered: np.ndarray, q: float, p: float) -> float:
    """How far p is from the ranks value q occupies, as a share of p's tail."""
    n = ordered.size
    first = np.searchsorted(ordered, q, "left") / n
    last = np.searchsorted(ordered, q, "right") / n
    off = 0.0 if first <= p <= last else min(abs(first - p), abs(last - p))
    return off / min(p, 1 - p)


def main(argv=None) -> int:
    import dsl
    from dsl.engine.streaming import stream_run
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=4_194_304)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    source = MODEL.read_text()
    streamed = stream_run(source, filename=str(MODEL), samples=args.samples,
                          seed=args.seed)
    memory = dsl.run(source, samples=args.samples, seed=args.seed, filename=str(MODEL))
    rows = {q: [0.0] * 4 for q in QS}  # bins: error, stated; digest: error, stated
    # the distributions whose figures are merged (the others have exact laws)
    names = [name for name, d in streamed.bindings.items()
             if hasattr(getattr(d, "law", None), "summary") and not d.boolean]
    for name in names:
        ordered = np.sort(memory.bindings[name].samples)
        summary = streamed.bindings[name].law.summary
        for q in QS:
            row = rows[q]
            tail = min(q, 1 - q)
            row[0] = max(row[0], rank_error(ordered, bins_alone(summary, q), q))
            row[1] = max(row[1], bins_stated(summary, q) / tail)
            row[2] = max(row[2], rank_error(ordered, summary.quantile(q), q))
            row[3] = max(row[3], summary.rank_error_at(q) / tail)
        del ordered
    print(f"examples/trajectory.sq, {args.samples:,} samples, seed {args.seed}, "
          f"bindings {', '.join(names)}: the largest rank error as a share of min(q, 1-q)")
    print()
    print("| q | bins alone: error | stated | t-digest in the bins: error | stated |")
    print("|---|---|---|---|---|")
    for q in QS:
        print(f"| {q:g} | " + " | ".join(f"{x:.2%}" for x in rows[q]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
