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
import dsl
import dsl.parser
dsl.parser.lark_parser()                      # start-up: load the parser
dsl.run("x = normal(0, 1)", samples=10)       # and the standard library
source = {source}
samples, limits, summary = json.loads({args!r})
limits = dsl.Limits(**limits)
before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.monotonic()
try:
    result = dsl.run(source, samples=samples, limits=limits)
    if summary:
        result.summary()
    outcome = {{"kind": "ok"}}
except dsl.DslError as e:
    outcome = {{"kind": e.kind, "message": e.message, "line": e.line, "column": e.column}}
outcome["seconds"] = time.monotonic() - started
outcome["before_mb"] = before_mb
print(json.dumps(outcome))
"""


def child_code(source: str, samples: int = 1000, limits: dict | None = None,
               summary: bool = False, *, built: str | None = None) -> str:
    """Python code that runs ``source`` (or the source the Python expression ``built``
    makes in the child: long ones do not fit a command line) and prints the outcome as
    one JSON line."""
    return CHILD.format(source=built if built is not None else repr(source),
                        args=json.dumps([samples, limits or {}, summary]))


def outcome_of(out) -> dict:
    """The JSON line the child printed (an Outcome from ``run_isolated``)."""
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    assert lines, out.explain()
    return json.loads(lines[-1])
