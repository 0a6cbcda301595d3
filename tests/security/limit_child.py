"""The child's side of the limit tests: run one model under given limits and print one
JSON line saying how it ended (the error's kind, message and position, or "ok") and how
long the run took, timed from just before ``dsl.run`` (after the interpreter, numpy, the
standard library and the parser have loaded: start-up is not the model's time), and the
child's peak memory before the run (``before_mb``)."""
from __future__ import annotations

import json
import time

CHILD = """
import json, resource, time
import numpy as np
import dsl
from dsl.engine.dist import Dist
from dsl.engine.values import List, Number, String
import dsl.syntax.parser
dsl.syntax.parser.lark_parser()                      # start-up: load the parser
dsl.run("x = normal(0, 1)", samples=10)       # and the standard library
for warm in {warm!r}:                         # and the modules of the builtins used
    dsl.run(warm, samples=10)
source = {source}
inputs = {inputs}
samples, limits, summary, to_python = json.loads({args!r})
limits = dsl.Limits(**limits)
before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = ran = time.monotonic()
stage = "run"
try:
    result = dsl.run(source, samples=samples, limits=limits, inputs=inputs)
    ran = time.monotonic()
    stage = "after"
    if summary:
        result.summary()
    if to_python:
        result.to_python()
    outcome = {{"kind": "ok"}}
except dsl.DslError as e:
    outcome = {{"kind": e.kind, "message": e.message, "line": e.line, "column": e.column,
               "stage": stage}}
outcome["seconds"] = time.monotonic() - started
outcome["after_seconds"] = time.monotonic() - ran  # of summary() and to_python()
outcome["before_mb"] = before_mb
print(json.dumps(outcome), flush=True)
# end at once, as `sq` does: a step abandoned at the deadline may still be inside
# LAPACK, whose shutdown at interpreter exit waits for it (180 s for a 2,500-input
# correlate on a loaded machine)
import os
os._exit(0)
"""


def child_code(source: str, samples: int = 1000, limits: dict | None = None,
               summary: bool = False, *, built: str | None = None,
               inputs: str | None = None, warm: tuple = (),
               to_python: bool = False) -> str:
    """Python code that runs ``source`` (or the source the Python expression ``built``
    makes in the child: long ones do not fit a command line) and prints the outcome as
    one JSON line; ``summary``, ``to_python``: call them on the result too (timed on
    their own as ``after_seconds``). ``inputs``: a Python expression the child evaluates before the clock
    starts, giving the run's ``inputs=`` (model values made ahead, such as a
    ``Dist.from_samples`` of a big array: the timed run then starts at the step under
    test). ``warm``: models run at 10 samples before the clock starts, so that the
    modules of the builtins under test are loaded (a namespace's module is imported
    on first use: start-up, not the model's time)."""
    return CHILD.format(source=built if built is not None else repr(source),
                        inputs=inputs or "None", warm=tuple(warm),
                        args=json.dumps([samples, limits or {}, summary, to_python]))


def outcome_of(out) -> dict:
    """The JSON line the child printed (an Outcome from ``run_isolated``)."""
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    assert lines, out.explain()
    return json.loads(lines[-1])
