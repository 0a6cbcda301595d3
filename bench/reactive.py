"""What redefining one input costs in a reactive session, against a full run.

    python bench/reactive.py [--samples 1e6] [--repeat 3] [--input x24]

Runs models/wide_200.sq (200 bindings) once in full, then redefines one input in the
same session (``Session.run``, what the REPL does) and edits its line in the file's text
(``Session.replace``, what ``sq run --watch`` does after a save), and prints each time
and its ratio to the full run (best of ``--repeat``). x24 is an input that three
bindings use (two directly, one through them): a redefinition recomputes 4 of 200.
"""
from __future__ import annotations

import argparse
import gc
import pathlib
import re
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dsl  # noqa: E402
from dsl.engine.dataflow import Graph  # noqa: E402

MODEL = ROOT / "bench" / "models" / "wide_200.sq"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=lambda s: int(float(s)), default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--input", default="x24")
    args = parser.parse_args()
    text = MODEL.read_text()
    name = args.input
    line = re.search(rf"^{name} = (.*)$", text, re.M)
    assert line, f"{name} is not a binding of {MODEL.name}"
    edits = [f"{name} = {line.group(1)} * 1.1", f"{name} = {line.group(1)}"]

    session = dsl.Session(samples=args.samples, seed=0)

    def full() -> None:
        nonlocal session
        session = None  # free the last run's samples first
        gc.collect()
        session = dsl.Session(samples=args.samples, seed=0)
        session.run(text, str(MODEL))

    full_time = best(full, args.repeat)
    graph = Graph(list(session.bindings),
                  {n: b.depends_on for n, b in session.bindings.items()})
    users = graph.descendants([name])
    turn = iter(range(10 ** 9))
    recomputed: list = []

    def redefine() -> None:
        result = session.run(edits[next(turn) % 2])
        recomputed[:] = result.computed

    run_time = best(redefine, args.repeat)
    session.replace(text, str(MODEL))  # the file as written, then its line edited

    def save() -> None:
        edit = edits[next(turn) % 2]
        session.replace(text.replace(line.group(0), edit), str(MODEL))

    replace_time = best(save, args.repeat)
    print(f"wide_200.sq, {args.samples:,} samples, best of {args.repeat}")
    print(f"full run:                    {full_time:7.3f} s")
    print(f"redefine {name} (Session.run):  {run_time:7.3f} s  "
          f"{run_time / full_time:6.1%} of the full run; recomputed "
          f"{len(recomputed)} of {len(session.bindings)}: {', '.join(recomputed)}")
    print(f"save with {name} edited (replace): {replace_time:7.3f} s  "
          f"{replace_time / full_time:6.1%} of the full run")
    print(f"bindings that use {name}: {len(users)} ({', '.join(users)})")


if __name__ == "__main__":
    main()
