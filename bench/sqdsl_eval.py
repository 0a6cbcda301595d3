"""sqdsl's own evaluation time, measured in-process (compare.py runs it in a fresh
process, like every other measurement).

    python bench/sqdsl_eval.py FILE.sq SAMPLES [SEED]

Prints the ``sq run --json`` document plus "importSeconds" (``import dsl`` and its
engine: see below), "evalSeconds" (the first ``dsl.run_file`` call: parse, check and
evaluate, as Squiggle's own run time counts compile and run), "summarySeconds"
(``Result.summary()``) and "evalWarmSeconds" (a second ``dsl.run_file`` call in the same
process, with memory the first one freed).
"""
from __future__ import annotations

import json
import pathlib
import sys
import time

started = time.perf_counter()
try:
    import dsl  # the installed sqdsl, or the snapshot compare.py puts on PYTHONPATH
except ImportError:
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    import dsl
# `import dsl` is lazy; loading the engine itself is done here, before the clock starts,
# as loading squiggle-lang (its parser and its whole function registry) is not part of
# Squiggle's executionTime, and `import squigglepy` loads numpy.random before
# squigglepy's model is timed. The engine: numpy and numpy.random, the evaluator, the
# parser (built), every standard library module (sq itself loads them on first use).
import numpy.random  # noqa: E402,F401
import dsl.engine.session  # noqa: E402,F401
import dsl.syntax.parser  # noqa: E402  (lark: dsl.engine.session imports it only when parsing)
import stdlib  # noqa: E402,F401
from dsl.engine.registry import DEFAULT  # noqa: E402

DEFAULT.load_all()
dsl.syntax.parser.lark_parser()


def main() -> None:
    imported = time.perf_counter()
    path, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    result = dsl.run_file(path, samples=n, seed=seed)
    evaluated = time.perf_counter()
    document = result.summary()
    done = time.perf_counter()
    del result  # so the second run does not hold two models' samples at once
    dsl.run_file(path, samples=n, seed=seed)
    again = time.perf_counter()
    document.update(importSeconds=imported - started, evalSeconds=evaluated - imported,
                    summarySeconds=done - evaluated, evalWarmSeconds=again - done)
    print(json.dumps(document, allow_nan=False))


if __name__ == "__main__":
    main()
