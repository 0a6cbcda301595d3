"""Streamed runs on this machine (issue 22): time per sample and peak memory of
``sq run --stream`` against the in-memory run, the tail probability a large run buys,
and a Dask LocalCluster's throughput.

    python bench/stream.py                         # the table in bench/README.md
    python bench/stream.py --budget 300 --dask-samples 2e7   # a quicker look

Each run is its own ``sq run FILE --json`` child, timed on the wall clock; its peak
memory is the peak resident memory of its whole process tree (the CLI and, for a Dask
run, the cluster's scheduler and worker processes), sampled every 0.2 s with psutil
(installed with the ``sqdsl[dask]`` extra). The largest streamed run is the largest
1/2/5 x 10^k samples that the 1e7 streamed run's pace says fits in ``--budget``
seconds, capped at ``--stream-samples``; the 1e9 time is extrapolated from its pace and
said to be an extrapolation. The Dask run has as many samples (or ``--dask-samples``).
The machine's load average is printed with each run: other work on the same cores
slows a run down.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "examples" / "trajectory.sq"


def _samples(text: str) -> int:
    return int(float(text))


def run_sq(args: list[str], timeout: float) -> dict:
    """One ``sq run`` child: its JSON document, wall seconds and peak tree memory (MB)."""
    import psutil  # with the sqdsl[dask] extra, which this bench needs anyway
    argv = [sys.executable, "-m", "dsl", "run", *args, "--json"]
    started = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "NO_COLOR": "1"})
    peak = [0, 0.0]  # bytes, and seconds into the run when they were reached
    done = threading.Event()

    def watch():
        root = psutil.Process(child.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                total = 0
                for p in tree:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                if total > peak[0]:
                    peak[0], peak[1] = total, time.perf_counter() - started
            except psutil.Error:
                pass
            done.wait(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        raise SystemExit(f"timed out after {timeout:.0f} s: {' '.join(argv)}")
    finally:
        done.set()
        watcher.join()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(argv)}\n"
                         f"{out.decode()[-3000:]}{err.decode()[-3000:]}")
    return {"document": json.loads(out), "seconds": seconds, "peak_mb": peak[0] / 2**20,
            "peak_at_seconds": peak[1], "argv": argv[3:]}


def blowup_within_one_year(document: dict) -> dict:
    """P(blow-up within 1 year): the first item of ``pBlowup``, its events and samples."""
    item = document["bindings"]["pBlowup"]["items"][0]
    p, n = item["value"], document["samples"]
    se = item.get("se", math.sqrt(p * (1 - p) / n))
    return {"p": p, "se": se, "events": item.get("events", round(p * n)), "samples": n}


def nice_size_below(n: float) -> int:
    """The largest 1, 2 or 5 x 10^k at most n (at least 1e6)."""
    best = 10**6
    for k in range(6, 13):
        for m in (1, 2, 5):
            if m * 10**k <= n:
                best = m * 10**k
    return best


def row(name: str, r: dict, samples: int) -> str:
    p = blowup_within_one_year(r["document"])
    return (f"| {name} | {samples:.0e} | {r['seconds']:.1f} | "
            f"{r['seconds'] / samples * 1e9:.0f} | {r['peak_mb']:.0f} | "
            f"{p['p']:.4g} ± {p['se']:.2g} ({p['events']} events) |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=str(MODEL))
    ap.add_argument("--memory-samples", type=_samples, default=10**7,
                    help="the in-memory run's samples, and the streamed run compared with it")
    ap.add_argument("--stream-samples", type=_samples, default=10**9,
                    help="the largest streamed run wanted (cut to fit --budget)")
    ap.add_argument("--budget", type=float, default=1200,
                    help="seconds the largest streamed run may take")
    ap.add_argument("--dask-samples", type=_samples, default=None,
                    help="the Dask run's samples (default: the largest streamed run's)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="the LocalCluster's worker processes (default: the cores)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json-out", metavar="FILE")
    args = ap.parse_args(argv)
    model, seed = args.model, str(args.seed)
    runs = {}
    lines = ["| run | samples | seconds | ns per sample | peak MB | P(blow-up within 1 year) ± se "
             "| load before/after |",
             "|---|---|---|---|---|---|---|"]

    def record(name, samples, extra, timeout):
        # the machine's 1-minute load average around the run: other work on the same
        # cores slows a run down, and the table says so
        before = os.getloadavg()[0]
        r = run_sq([model, "--samples", str(samples), "--seed", seed, *extra], timeout)
        load = (before, os.getloadavg()[0])
        runs[name] = {**r, "samples": samples, "p1": blowup_within_one_year(r["document"]),
                      "load": load, "stream": r["document"].get("stream")}
        lines.append(row(name, r, samples) + f" {load[0]:.1f} / {load[1]:.1f} |")
        print(lines[-1], flush=True)
        return r

    print("\n".join(lines), flush=True)
    n_mem = args.memory_samples
    startup = run_sq([model, "--samples", "1000", "--seed", seed], 300)["seconds"]
    memory = record("in memory", n_mem, [], 3600)
    streamed = record("streamed", n_mem, ["--stream"], 3600)
    pace = (streamed["seconds"] - startup) / n_mem
    big = min(args.stream_samples, nice_size_below(args.budget / pace))
    if big > n_mem:
        record("streamed, largest", big, ["--stream"], max(600, args.budget * 3))
    n_dask = args.dask_samples or max(big, n_mem)
    dask = record(f"streamed, Dask LocalCluster ({args.workers} workers)", n_dask,
                  ["--stream", "--dask", f"local:{args.workers}"],
                  max(600, args.budget * 3))
    ratio = pace / ((memory["seconds"] - startup) / n_mem)
    largest = runs.get("streamed, largest", runs["streamed"])
    summary = {
        "startup_seconds": startup,
        "stream_over_memory_per_sample": ratio,
        "stream_ns_per_sample": pace * 1e9,
        "largest_streamed_samples": largest["samples"],
        "extrapolated_1e9_seconds": None if big >= 10**9 else pace * 1e9 + startup,
        "dask_samples_per_second": n_dask / dask["seconds"],
    }
    print()
    print(f"start-up (sq run at 1000 samples): {startup:.1f} s")
    print(f"streamed / in-memory time per sample at {n_mem:.0e} (start-up taken off): "
          f"{ratio:.2f}x")
    if summary["extrapolated_1e9_seconds"] is not None:
        print(f"1e9 streamed, extrapolated from the {n_mem:.0e} streamed pace: "
              f"{summary['extrapolated_1e9_seconds'] / 60:.0f} min (not run)")
    print(f"Dask LocalCluster: {summary['dask_samples_per_second'] / 1e6:.2f}M samples/s "
          f"end to end (cluster start-up included)")
    print(f"cores: {os.cpu_count()}")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"runs": {k: {kk: vv for kk, vv in v.items() if kk != "document"}
                                for k, v in runs.items()}, "summary": summary}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
