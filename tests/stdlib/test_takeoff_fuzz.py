"""Any arguments at all, including 0, Infinity, subnormal and huge numbers: every takeoff
builtin returns a value without NaN or raises a DslError, never an internal error."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stdlib  # noqa: F401  (declares the builtins)
from dsl import DslError, Session
from dsl.base.errors import InternalError
from dsl.engine.registry import DEFAULT
from dsl.engine.values import List, Number, Record

EDGES = ["0", "1", "-1", "0.5", "2", "3", "100", "0.01", "0.999999", "1.000001", "1e-9",
         "-1e-9", "-0.5", "1e-300", "1e-320", "1e300", "1/0", "-1/0", "(1 to 3)",
         "normal(0, 0.3)", "uniform(0.1, 0.9)"]
SESSION = Session(samples=64, seed=1)
BUILTINS = sorted(e.qualified for e in DEFAULT.all_entries()
                  if getattr(e, "namespace", None) == "Takeoff")
OPTIONS = {  # builtin -> template for its options record
    "Takeoff.trajectory": "{{k: {0}, a0: {1}}}", "Takeoff.blowupTime": "{{k: {0}}}",
    "Takeoff.timeToMultiple": "{{k: {0}}}", "Takeoff.growthRateAt": "{{k: {0}}}",
    "Takeoff.doublingTimes": "{{k: {0}}}",
    "Takeoff.forethoughtSimulate": "{{f: {0}, r0: {1}, p: {2}, yearsToLimit: {3}, "
                                   "softwareShare: {4}, constantR: {5}}}",
}


def _has_nan(v) -> bool:
    if isinstance(v, Number):
        return math.isnan(v.value)
    if isinstance(v, List):
        return any(_has_nan(x) for x in v.items)
    if isinstance(v, Record):
        return any(_has_nan(x) for x in v.fields.values())
    return bool(np.isnan(getattr(v, "samples", np.zeros(1))).any())


@pytest.mark.parametrize("name", BUILTINS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_arguments_give_a_value_or_a_dsl_error(name, data):
    entry = DEFAULT.get(name)
    params = [p for p in entry.signatures[0].params if p.name != "options"]
    args = [data.draw(st.sampled_from(EDGES)) for _ in params]
    if name == "Takeoff.doublingTimes":
        args[0] = data.draw(st.sampled_from(["0", "1", "4"]))
    if name in OPTIONS:
        fill = [data.draw(st.sampled_from(EDGES + ["true", "false"])) for _ in range(6)]
        args.append(OPTIONS[name].format(*fill))
    source = f"{name}({', '.join(args)})"
    try:
        value = SESSION.evaluate(source, "<fuzz>")
    except InternalError as e:  # a bug, not the model's fault
        raise AssertionError(f"{source}: {e.message}") from e
    except DslError:
        return
    assert not _has_nan(value), source
