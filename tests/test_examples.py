"""Every example of every builtin and constant in the registry evaluates to what its
declaration says. Examples are read from the registry when the tests are collected,
so builtins added later are covered without touching this file."""
from __future__ import annotations

import math

import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl import DslError, Session
from dsl.engine.dist import Dist
from dsl.engine.registry import DEFAULT
from dsl.engine.values import Bool, Domain, Function, List, Number, Record, String, Value

SAMPLES = 20_000


def _examples():
    for entry in sorted(DEFAULT.all_entries(), key=lambda e: e.qualified):
        for i, example in enumerate(entry.examples):
            yield pytest.param(example, id=f"{entry.qualified}[{i}]")


def mismatch(got: Value, want: Value, tolerance: float, path: str = "") -> str | None:
    """Where ``got`` differs from ``want`` (None when they agree): numbers within the
    relative ``tolerance``, distributions by their means, everything else
    structurally."""
    if isinstance(want, Dist) or isinstance(got, Dist):
        if not (isinstance(want, Dist) and isinstance(got, Dist)):
            return f"{path or 'value'}: {got.type_name} instead of {want.type_name}"
        return _numbers(got.mean(), want.mean(), tolerance, f"mean of {path or 'value'}")
    if type(got) is not type(want) and not (isinstance(got, Number) and
                                            isinstance(want, Number)):
        # (a number estimated from samples is a Number that knows its error)
        return f"{path or 'value'}: {got.type_name} instead of {want.type_name}"
    if isinstance(want, Number):
        return _numbers(got.value, want.value, tolerance, path or "value")
    if isinstance(want, (String, Bool)):
        return None if got.value == want.value else f"{path or 'value'}: {got!r} != {want!r}"
    if isinstance(want, List):
        if len(got.items) != len(want.items):
            return f"{path or 'list'}: {len(got.items)} items instead of {len(want.items)}"
        for i, (g, w) in enumerate(zip(got.items, want.items)):
            problem = mismatch(g, w, tolerance, f"{path}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(want, Record):
        if list(got.fields) != list(want.fields):
            return f"{path or 'record'}: keys {list(got.fields)} instead of {list(want.fields)}"
        for key in want.fields:
            problem = mismatch(got.fields[key], want.fields[key], tolerance, f"{path}.{key}")
            if problem:
                return problem
        return None
    if isinstance(want, Domain):
        return None if (got.low, got.high) == (want.low, want.high) else \
            f"{path or 'domain'}: {got} != {want}"
    if isinstance(want, Function):
        return None
    return None if got == want else f"{path or 'value'}: {got!r} != {want!r}"


def _numbers(got: float, want: float, tolerance: float, path: str) -> str | None:
    if math.isnan(want) and math.isnan(got):
        return None
    if math.isclose(got, want, rel_tol=tolerance, abs_tol=1e-12):
        return None
    return f"{path}: {got!r} instead of {want!r} (relative tolerance {tolerance:g})"


@pytest.mark.parametrize("example", list(_examples()))
def test_example(example):
    got = Session(samples=SAMPLES, seed=1).evaluate(example.source, "<example>")
    want = Session(samples=SAMPLES, seed=2).evaluate(example.expected, "<expected>")
    problem = mismatch(got, want, example.tolerance)
    assert problem is None, f"{example.source}  gave  {problem}"


def test_every_builtin_has_an_example_and_a_summary():
    lacking = [e.qualified for e in DEFAULT.all_entries() if not e.examples or not e.summary]
    assert not lacking, f"builtins without an example or a summary: {lacking}"


@pytest.mark.parametrize("source, expected, problem", [
    ("1", "1.0000000001", None),
    ("1", "1.1", "value: 1.0 instead of 1.1 (relative tolerance 1e-09)"),
    ("[1, 2]", "[1]", "list: 2 items instead of 1"),
    ("{a: 1}", "{b: 1}", "record: keys ['a'] instead of ['b']"),
    ('"a"', "1", "value: String instead of Number"),
])
def test_mismatch_can_fail(source, expected, problem):
    got, want = (Session(samples=10).evaluate(s) for s in (source, expected))
    assert mismatch(got, want, 1e-9) == problem


def test_a_failing_example_raises_a_dsl_error_not_a_traceback():
    with pytest.raises(DslError):
        Session(samples=10).evaluate("List.first([])")
