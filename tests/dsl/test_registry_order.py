"""A builtin declared in several modules (``String.make``: stdlib.strings and
stdlib.dates; ``add``: arithmetic, dates, symbolic) tries its overloads and shows its
docs in the catalogue's module order, whichever module a process imported first."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

_PROBE = """
import importlib, json, sys
for module in sys.argv[1:]:
    importlib.import_module(module)
import stdlib
from dsl.engine.registry import DEFAULT
DEFAULT.load_all()
out = {}
for name in ("String.make", "add", "subtract", "divide"):
    entry = DEFAULT.get(name) if "." in name else DEFAULT.lookup_global(name)
    out[name] = [entry.signature_texts(), entry.summary, entry.doc,
                 [e.source for e in entry.examples]]
print(json.dumps(out))
"""


def _declarations(*first: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE, *first], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("first", [("stdlib.strings",), ("stdlib.dates",),
                                   ("stdlib.symbolic", "stdlib.strings", "stdlib.dates")])
def test_import_order_does_not_change_overloads(first):
    baseline = _declarations()
    assert len(baseline["String.make"][0]) >= 3
    assert _declarations(*first) == baseline
