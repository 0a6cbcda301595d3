"""Distribution engine speed at 1M samples against the same model in plain numpy.

    python bench/dist_speed.py [--samples N] [--repeat R]

Prints the median time of R runs (after a warm-up) for sampling + arithmetic, and for
the summaries (mean, stdev, 5 quantiles), with the ratio sqdsl / numpy. Not a test:
the machine is noisy, so read the ratios, not single numbers.
"""
from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import dsl  # noqa: E402

Z95 = 1.6448536269514722
HERE = pathlib.Path(__file__).parent


def numpy_to(n, rng=None):
    rng = rng or np.random.default_rng(0)
    mu, sigma = (np.log(1.4) + np.log(3)) / 2, (np.log(3) - np.log(1.4)) / (2 * Z95)
    return {"x": np.exp(rng.normal(mu, sigma, n))}


def numpy_eight(n):
    rng = np.random.default_rng(0)

    def to(lo, hi):
        mu, sigma = (np.log(lo) + np.log(hi)) / 2, (np.log(hi) - np.log(lo)) / (2 * Z95)
        return np.exp(rng.normal(mu, sigma, n))
    a = to(1.4, 3)
    b = rng.normal(10, 2, n)
    c = rng.beta(2, 5, n)
    d = rng.uniform(1, 4, n)
    e = rng.gamma(3, 2, n)
    k = rng.choice(2, size=n, p=[0.7, 0.3])
    f = np.where(k == 0, to(0.5, 1), to(2, 4))
    g = np.exp(rng.normal(0, 0.5, n))
    h = rng.triangular(1, 2, 5, n)
    out = (a * b + c * e) / d ** 0.5 + f * g ** h
    return dict(a=a, b=b, c=c, d=d, e=e, f=f, g=g, h=h, out=out)


def numpy_summaries(arrays):
    for x in arrays.values():
        x.mean(), x.std(), np.quantile(x, [0.05, 0.25, 0.5, 0.75, 0.95])


def timed(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    n = args.samples
    models = [("1.4 to 3", "x = 1.4 to 3", numpy_to),
              ("8-input model", (HERE / "models" / "eight_inputs.sq").read_text(), numpy_eight)]
    print(f"{'model':16} {'part':10} {'sqdsl s':>9} {'numpy s':>9} {'ratio':>6}")
    for name, source, reference in models:
        run = timed(lambda: dsl.run(source, samples=n), args.repeat)
        ref = timed(lambda: reference(n), args.repeat)
        print(f"{name:16} {'sample':10} {run:9.3f} {ref:9.3f} {run / ref:6.2f}")
        result = dsl.run(source, samples=n)
        arrays = reference(n)
        summ = timed(lambda: result.summary(), args.repeat)
        ref_summ = timed(lambda: numpy_summaries(arrays), args.repeat)
        print(f"{name:16} {'summaries':10} {summ:9.3f} {ref_summ:9.3f} {summ / ref_summ:6.2f}")


if __name__ == "__main__":
    main()
