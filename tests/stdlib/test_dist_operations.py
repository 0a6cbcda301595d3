"""Dist.add ... Dist.unaryMinus, Dist.sum ... Dist.diff and Number.not: Squiggle 0.10's
algebra on distributions under its Dist.* names (stdlib/dist_operations.py)."""
import math

import numpy as np
import pytest

import dsl

N = 20_000


def run(source, **kw):
    return dsl.run(source, samples=kw.pop("samples", N), seed=kw.pop("seed", 3), **kw).bindings


@pytest.mark.parametrize("call,operator", [
    ("Dist.add(x, y)", "x + y"), ("Dist.add(x, 2)", "x + 2"), ("Dist.add(2, x)", "2 + x"),
    ("Dist.subtract(x, y)", "x - y"), ("Dist.multiply(x, y)", "x * y"),
    ("Dist.multiply(3, x)", "3 * x"), ("Dist.divide(x, y)", "x / y"),
    ("Dist.divide(1, x)", "1 / x"), ("Dist.pow(x, 2)", "x ^ 2"), ("Dist.pow(2, y)", "2 ^ y"),
    ("Dist.log(x)", "log(x)"), ("Dist.log(x, 2)", "log(x) / log(2)"),
    ("log(x, 2)", "log(x) / log(2)"), ("Dist.log(8, x)", "log(8) / log(x)"),
    ("Dist.log(x, y)", "log(x) / log(y)"), ("Dist.log10(x)", "log10(x)"),
    ("Dist.exp(y)", "exp(y)"), ("Dist.unaryMinus(x)", "-x"),
])
def test_each_is_its_operator_sample_by_sample(call, operator):
    b = run(f"x = 2 to 9\ny = normal(3, 0.5)\na = {call}\nb = {operator}")
    assert b["a"].samples == pytest.approx(b["b"].samples, rel=1e-12)


def test_log_base_matches_numpy():
    b = run("x = uniform(1, 100)\nl = Dist.log(x, 2)")
    assert b["l"].samples == pytest.approx(np.log2(b["x"].samples), rel=1e-12)


@pytest.mark.parametrize("source,fragment", [
    ("Dist.add(1, 2)", "Dist.add does not support arguments (Number, Number)"),
    ("Dist.exp(3)", "does not support"),
    ("Dist.log(normal(0, 1))", ">= 0"),
    ("Dist.pow(normal(0, 1), 0.5)", "fractional power"),
    ("Dist.sum([1, \"a\"])", "item 1 is String"),
    ("Dist.sum(3)", "does not support"),
])
def test_errors_have_positions(source, fragment):
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate("\n  " + source, samples=100)
    assert fragment in info.value.message
    assert (info.value.line, info.value.column) == (2, 3)


def test_sum_and_product_are_distributions():
    b = run("s = Dist.sum([normal(1, 1), 2, normal(3, 2)])\ne = Dist.sum([])\n"
            "n = Dist.sum([1, 2])\np = Dist.product([2, uniform(1, 3)])\nq = Dist.product([])")
    s = b["s"]
    assert abs(s.samples.mean() - 6) < 5 * math.sqrt(5 / N)
    assert abs(s.samples.std() - math.sqrt(5)) < 5 * math.sqrt(5) / math.sqrt(2 * N)
    for name, value in (("e", 0.0), ("n", 3.0), ("q", 1.0)):
        d = b[name]
        assert d.type_name == "Distribution" and np.all(d.samples == value)
    assert abs(b["p"].samples.mean() - 4) < 5 * 2 * (2 / math.sqrt(12)) / math.sqrt(N)


def test_cumulative_and_diff_follow_squiggle_order():
    b = run("x = normal(10, 1)\nc = Dist.cumsum([1, x, 2])\nk = Dist.cumprod([2, x])\n"
            "d = Dist.diff([1, 3, x])\nz = Dist.cumsum([])\nw = Dist.diff([x])")
    x = b["x"].samples
    c = [v.samples for v in b["c"].items]
    assert np.all(c[0] == 1) and np.allclose(c[1], 1 + x) and np.allclose(c[2], 3 + x)
    k = [v.samples for v in b["k"].items]
    assert np.all(k[0] == 2) and np.allclose(k[1], 2 * x)
    d = [v.samples for v in b["d"].items]
    assert np.all(d[0] == 2) and np.allclose(d[1], x - 3)
    assert len(b["z"].items) == 0 and len(b["w"].items) == 0


@pytest.mark.parametrize("source,expected", [
    ("not(0)", True), ("not(3.5)", False), ("Number.not(-1)", False), ("not(true)", False),
    ("!0", True), ("!3", False), ("!false", True),
])
def test_number_not(source, expected):
    assert dsl.evaluate(source).value is expected
