"""Speed of the takeoff library on Monte Carlo inputs (default 1M samples).

    python bench/takeoff_bench.py [--samples N] [--repeat R]

Each model gets its input distributions as ready-made sample arrays (``inputs=``), so the
time is that of the takeoff builtin itself plus the evaluator's overhead; it prints the
median of R runs (after a warm-up) and the time per sample. Not a test: the machine is
noisy, so read the orders of magnitude.
"""
from __future__ import annotations

import argparse
import math
import pathlib
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import dsl  # noqa: E402


def forethought_inputs(n: int, rng) -> dict:
    """Forethought's ranges: f, r0 and p log-uniform, years to the ceiling uniform."""
    log_uniform = lambda lo, hi: np.exp(rng.uniform(math.log(lo), math.log(hi), n))
    return {"f": log_uniform(2, 32), "r0": log_uniform(0.4, 3.6), "p": log_uniform(0.15, 0.6),
            "years": rng.uniform(6, 16, n)}


def dynamics_inputs(n: int, rng) -> dict:
    """g0 around 5x a year; s straddling 0, so every branch of the closed form is hit."""
    return {"g0": np.exp(rng.normal(math.log(math.log(5)), 0.3, n)),
            "s": rng.normal(0.05, 0.2, n), "t": rng.uniform(0, 5, n)}


def ces_inputs(n: int, rng) -> dict:
    """rho straddling 0: closed form, Cobb-Douglas and quadrature all at once."""
    return {"rho": np.clip(rng.normal(0, 0.4, n), -3, 1), "lam": rng.uniform(0.5, 1.5, n),
            "beta": rng.uniform(0.2, 0.8, n)}


MODELS = [
    ("forethoughtSimulate (12-month doublings)", forethought_inputs,
     "f = 1\nr0 = 1\np = 1\nyears = 1\nout = forethoughtSimulate({f: f, r0: r0, p: p, "
     "yearsToLimit: years})"),
    ("forethoughtSimulate (constant r, 72 months)", forethought_inputs,
     "f = 1\nr0 = 1\np = 1\nyears = 1\nout = forethoughtSimulate({f: f, r0: r0, p: p, "
     "yearsToLimit: years, constantR: true, horizonMonths: 72})"),
    ("trajectory(t, g0, s)", dynamics_inputs,
     "g0 = 1\ns = 0\nt = 1\nout = trajectory(t, g0, s)"),
    ("trajectory(t, g0, s, {k: 0.3})", dynamics_inputs,
     "g0 = 1\ns = 0\nt = 1\nout = trajectory(t, g0, s, {k: 0.3})"),
    ("trajectory([10 times], g0, s)", dynamics_inputs,
     "g0 = 1\ns = 0\nt = 1\nout = trajectory([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5], g0, s)"),
    ("cesTimeToMultiple(1e6, ...), rho ~ N(0, 0.4)", ces_inputs,
     "rho = 0\nlam = 1\nbeta = 0.5\nout = cesTimeToMultiple(1e6, 1, 0.5, rho, lam, beta)"),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    n = args.samples
    rng = np.random.default_rng(0)
    print(f"{n:,} samples, median of {args.repeat} runs")
    print(f"{'model':48} {'seconds':>9} {'ns/sample':>10}")
    for name, make_inputs, program in MODELS:
        inputs = make_inputs(n, rng)
        dsl.run(program, samples=n, inputs=inputs)  # warm-up (imports, caches)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            dsl.run(program, samples=n, inputs=inputs)
            times.append(time.perf_counter() - start)
        best = statistics.median(times)
        print(f"{name:48} {best:9.3f} {best / n * 1e9:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
