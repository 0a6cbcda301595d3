"""Common.*, Boolean.* and System.*: the operators and any-value functions under
Squiggle's namespace names, and facts about the run."""
from __future__ import annotations

import pytest

import dsl
from dsl import DslError
from dsl.engine.values import FALSE, TRUE


def ev(source: str, samples: int = 1_000, seed: int = 0):
    return dsl.Session(samples=samples, seed=seed).evaluate(source)


@pytest.mark.parametrize("source, expected", [
    ("Common.equal({a: [1]}, {a: [1]})", TRUE),
    ("Common.equal({a: 1, b: 2}, {b: 2, a: 1})", FALSE),
    ("Common.equal(1, 1)", TRUE),
    ("Common.unequal('a', 'a')", FALSE),
    ("Common.typeOf([])", dsl.String("List")),
    ("Common.inspect(5, 'five')", dsl.Number(5)),
    ("Common.try({|| Common.throw('x')}, {|e| e})", dsl.String("x")),
    ("try({|| List.first([])}, {|| 'empty'})", dsl.String("empty")),
    ("Boolean.and(true, true)", TRUE),
    ("Boolean.or(false, false)", FALSE),
    ("Boolean.not(true)", FALSE),
    ("List.reduce([true, false], false, Boolean.or)", TRUE),
    ("System.sampleCount()", dsl.Number(1_000)),
    ("System.seed()", dsl.Number(0)),
])
def test_namespaced_function(source, expected):
    assert ev(source) == expected


def test_system_reports_the_run_settings():
    assert float(ev("System.sampleCount()", samples=123)) == 123
    assert float(ev("System.seed()", seed=42)) == 42
    assert ev("System.version").value == dsl.__version__


def test_boolean_functions_work_element_wise_on_indicators():
    s = dsl.Session(samples=4_000, seed=1)
    s.run("x = normal(0, 1)\nboth = Boolean.and(x > 0, x < 1)")
    x = s.evaluate("x").samples
    assert (s.evaluate("both").samples == ((x > 0) & (x < 1))).all()


@pytest.mark.parametrize("source, kind, column, fragment", [
    ("Boolean.and(1, true)", "ArgumentError", 1,
     "Boolean.and(a: Boolean|Dist, b: Boolean|Dist)"),
    ("System.sampleCount(1)", "ArgumentError", 1, "was given 1 argument but expects 0"),
    ("Common.throw('stop')", "UserError", 1, "stop"),
    # the fallback is only checked when it is needed: here in the second call
    ("try({|| 1}, {|a, b| 2}) + try({|| [][0]}, {|a, b| 2})", "ArgumentError", 27,
     "must take 0 or 1 parameters"),
])
def test_errors(source, kind, column, fragment):
    with pytest.raises(DslError) as info:
        ev("x = 1\n" + source)
    e = info.value
    assert (e.kind, e.line, e.column) == (kind, 2, column), e.message
    assert fragment in e.message
