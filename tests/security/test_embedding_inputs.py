"""Cause 11 of issue 15: what a host passes in (inputs=, Limits, run_file's path) was not
checked: OverflowError, RecursionError, TypeError and ValueError escaped, NaN flowed
through, a 2-D array became a distribution and Limits(time_limit=nan) switched the time
limit off. Each is now an ArgumentError (a DslError) naming what is wrong."""
import math

import numpy as np
import pytest

import dsl
from dsl.base.errors import ArgumentError, LimitError
from isolated import run_isolated

MODEL = "x = 1\ny = x * 2"


def _nested(depth):
    value = []
    inner = value
    for _ in range(depth):
        inner.append([])
        inner = inner[0]
    return value


@pytest.mark.parametrize("inputs, says", [
    ({"x": 10**400}, "inputs['x']: the number is too large"),
    ({"x": -(10**400)}, "inputs['x']: the number is too large"),
    ({"x": _nested(100_000)}, "inputs['x']: nested more than"),
    ({1: 2}, "inputs: binding names must be strings"),
    ({"x": {3: 1}}, "inputs['x']: record keys must be strings"),
    ({"x": math.nan}, "inputs['x'] is NaN"),
    ({"x": np.float64("nan")}, "inputs['x'] is NaN"),
    ({"x": [1.0, [2.0, {"a": math.nan}]]}, "inputs['x'][1][1]['a'] is NaN"),
    ({"x": np.array([1.0] * 9 + [math.nan])}, "inputs['x']: the array holds NaN (sample 9)"),
    ({"x": np.zeros((2, 10))}, "shape (10,), got shape (2, 10)"),
    ({"x": np.zeros((10, 1))}, "shape (10,), got shape (10, 1)"),
    ({"x": [np.zeros((2, 5))]}, "inputs['x'][0]: an array must have one entry per sample"),
    ({"x": np.zeros(11)}, "got shape (11,)"),
    ({"x": np.array(["a"] * 10)}, "must hold real numbers"),
    ({"x": 1j}, "cannot use a value of type complex"),
    ({"x": object()}, "cannot use a value of type object"),
])
def test_bad_inputs_are_argument_errors(inputs, says):
    with pytest.raises(dsl.DslError) as raised:
        dsl.run(MODEL, samples=10, inputs=inputs)
    assert raised.value.kind == "ArgumentError"
    assert says in raised.value.message, raised.value.message


def test_good_inputs_still_work():
    assert dsl.run(MODEL, samples=10, inputs={"x": 3}).bindings["y"].value == 6
    assert dsl.run(MODEL, samples=10, inputs={"x": np.int64(3)}).bindings["y"].value == 6
    assert dsl.run(MODEL, samples=10, inputs={"x": np.array(2.5)}).bindings["y"].value == 5
    assert dsl.run(MODEL, samples=10, inputs={"x": math.inf}).bindings["y"].value == math.inf
    y = dsl.run(MODEL, samples=10, inputs={"x": np.arange(10)}).bindings["y"]
    assert y.samples.tolist() == [2.0 * i for i in range(10)]
    nested = dsl.run("x = 1\nx", samples=10, inputs={"x": [1, (2, {"a": "s"})]}).result
    assert nested.to_python() == [1.0, [2.0, {"a": "s"}]]
    assert dsl.run(MODEL, samples=10, inputs={"x": "2 + 3"}).bindings["y"].value == 10


def test_deep_inputs_in_a_small_process():
    out = run_isolated("""
        import dsl
        deep = []
        inner = deep
        for _ in range(1_000_000):
            inner.append([])
            inner = inner[0]
        try:
            dsl.run("x = 1", samples=10, inputs={"x": deep})
        except dsl.DslError as e:
            print(e.kind)
    """, timeout=120, memory_mb=2048)
    assert out.returncode == 0 and out.stdout.strip() == "ArgumentError", out.explain()


@pytest.mark.parametrize("limits, says", [
    (dict(time_limit=math.nan), "time_limit cannot be NaN"),
    (dict(time_limit=-1), "time_limit must be a positive number"),
    (dict(time_limit=0), "time_limit must be a positive number"),
    (dict(max_samples=math.inf), "max_samples must be a whole number >= 1"),
    (dict(max_samples=math.nan), "max_samples cannot be NaN"),
    (dict(max_depth=-1), "max_depth must be a whole number >= 0"),
    (dict(max_list_length=2.5), "max_list_length must be a whole number"),
    (dict(max_elements=math.nan), "max_elements cannot be NaN"),
    (dict(max_samples="1000"), "max_samples must be a number"),
    (dict(max_samples=True), "max_samples must be a number"),
])
def test_bad_limits_are_refused_when_made(limits, says):
    with pytest.raises(dsl.DslError) as raised:
        dsl.Limits(**limits)
    assert raised.value.kind == "ArgumentError"
    assert says in raised.value.message, raised.value.message


def test_sensible_limits_are_accepted():
    dsl.Limits(time_limit=None)
    dsl.Limits(time_limit=math.inf, max_samples=np.int64(100), max_depth=0)
    dsl.Limits(max_elements=1e6, time_limit=0.5)


def test_a_nan_time_limit_no_longer_switches_the_limit_off():
    with pytest.raises(dsl.DslError):
        dsl.run("1", limits=dsl.Limits(time_limit=float("nan")))


@pytest.mark.parametrize("path, says", [
    ("model\0.sq", "a file name cannot contain a NUL character"),
    (b"model\0.sq", "a file name cannot contain a NUL character"),
    ("/dev/zero", "not a regular file"),
    (".", "not a regular file"),
    ("no/such/model.sq", "No such file or directory"),
    (7, "the path must be a string"),
])
def test_run_file_with_a_bad_path_is_a_dsl_error(path, says):
    with pytest.raises(dsl.DslError) as raised:
        dsl.run_file(path, samples=10)
    assert says in raised.value.message, raised.value.message


def test_run_file_reads_no_more_than_the_source_limit(tmp_path):
    from dsl.base.source import read_source
    big = tmp_path / "big.sq"
    big.write_text("x = 1\n" * 2000)
    with pytest.raises(dsl.DslError) as raised:
        read_source(str(big), 1000)
    assert "the model file is too large (more than 1,000 bytes)" in raised.value.message
    assert read_source(str(big), 12_000) == "x = 1\n" * 2000
    with pytest.raises(dsl.DslError) as raised:
        dsl.run_file(str(big), samples=10, limits=dsl.Limits(max_source_bytes=1000))
    assert "too large" in raised.value.message or "more than" in raised.value.message


# Second attack run: host-side misuse that still raised Python exceptions


def test_limits_that_are_not_a_limits_object_are_refused():
    # dsl.run(..., limits={"time_limit": 1}) was an AttributeError
    with pytest.raises(ArgumentError, match="dsl.Limits"):
        dsl.run(MODEL, samples=10, limits={"time_limit": 1})


@pytest.mark.parametrize("depth", [10**9, 10**30])
def test_a_huge_max_depth_runs(depth):
    # Limits(max_depth=10**9) raised OverflowError setting Python's recursion limit
    source = "f(n) = if n == 0 then 0 else 1 + f(n - 1)\nf(100)"
    assert dsl.run(source, samples=10, limits=dsl.Limits(max_depth=depth)).result.value == 100


def _annotated_with_unknown_names(x: "Foo") -> "Bar":  # noqa: F821
    return x


@pytest.mark.parametrize("fn, options, says", [
    (_annotated_with_unknown_names, {}, "cannot declare"),
    (lambda: 1, {"name": 5}, "not a valid function name"),
    (lambda: 1, {"name": "f", "namespace": 5}, "not a valid namespace"),
    (lambda: 1, {"name": "f", "aliases": ["1 2", None]}, "not a valid alias"),
    (lambda: 1, {"name": "f", "aliases": [None]}, "not a valid alias"),
    (lambda: 1, {"name": "f", "examples": [1, 2]}, "cannot declare"),
    (lambda: 1, {"name": "f", "examples": "abc"}, "cannot declare"),
    (5, {"name": "f"}, "not a function"),
    (None, {"name": "f"}, "not a function"),
])
def test_register_misuse_is_an_argument_error(fn, options, says):
    # these were TypeError or NameError from inside the registry
    with pytest.raises(ArgumentError, match=says):
        dsl.Session(samples=10).register(fn, **options)


@pytest.mark.parametrize("returned, says", [
    (10**400, "cannot use"),
    (np.array(["a"] * 10), "not numbers"),
])
def test_a_host_result_past_the_float_range_or_of_strings_is_a_host_error(returned, says):
    # InternalErrors before
    session = dsl.Session(samples=10)
    session.register(lambda: returned, name="give")
    with pytest.raises(dsl.DslError) as raised:
        session.run("x = give()")
    assert raised.value.kind == "HostError" and says in raised.value.message
    assert raised.value.line == 1


def test_a_slow_host_function_ends_the_run_at_its_time_limit():
    # its result was accepted 5 s into a 0.5 s run (a host function is not interrupted,
    # but the run stops as soon as it returns)
    import time
    session = dsl.Session(samples=10, limits=dsl.Limits(time_limit=0.2))
    session.register(lambda: time.sleep(0.5) or 1.0, name="slow")
    with pytest.raises(LimitError) as raised:
        session.run("slow()")
    assert raised.value.line == 1


def test_a_host_list_past_the_length_limit_is_refused_before_converting():
    # 20M items were converted for 33 s before the length limit answered
    session = dsl.Session(samples=10, limits=dsl.Limits(max_list_length=1000))
    items = [1.0] * 5000
    session.register(lambda: items, name="many")
    with pytest.raises(LimitError, match="5,000 items"):
        session.run("x = many()")


def test_a_huge_host_record_is_converted_under_the_clock():
    fields = {str(i): i for i in range(1_000_000)}
    session = dsl.Session(samples=10, limits=dsl.Limits(time_limit=0.05))
    session.register(lambda: fields, name="record")
    import time
    started = time.monotonic()
    with pytest.raises(LimitError):
        session.run("x = record()")
    assert time.monotonic() - started < 0.05 * 1.1 + 0.2 + 0.2
