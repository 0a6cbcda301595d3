"""Number.*: list statistics, element-wise over distributions, mod, rangeDomain, and
the operators under their Number.* names."""
from __future__ import annotations

import math

import numpy as np
import pytest

import dsl
from dsl import DslError


def ev(source: str, samples: int = 2_000, seed: int = 0):
    return dsl.Session(samples=samples, seed=seed).evaluate(source)


@pytest.mark.parametrize("source, expected", [
    ("Number.sum([])", 0), ("sum([1.5])", 1.5), ("sum([1, -1, 1e-3])", 1e-3),
    ("Number.product([])", 1), ("product([2, 0.5, -3])", -3),
    ("Number.mean([4])", 4), ("mean([1, 2, 3, 4])", 2.5),
    ("Number.median([3])", 3), ("median([5, 1, 3])", 3), ("median([4, 1, 3, 2])", 2.5),
    ("Number.quantile([10, 20], 0)", 10), ("quantile([10, 20], 0.25)", 12.5),
    ("quantile([7], 0.9)", 7),
    ("Number.variance([5])", 0), ("variance([1, 3])", 1), ("stdev([2, 4, 4, 4, 5, 5, 7, 9])", 2),
    ("Number.geomean([2, 8])", 4), ("geomean([5])", 5), ("geomean([1e200, 1e200])", 1e200),
    ("Number.min([4, -1, 2])", -1), ("min([1 / 0, 3])", 3), ("min(2, -7)", -7),
    ("Number.max([-1])", -1), ("max(-1 / 0, -5)", -5), ("Number.max(2, 2)", 2),
    ("Number.mod(7, 7)", 0), ("mod(-1, 5)", 4), ("mod(7.5, -2)", -0.5),
    ("Number.add(1, 2)", 3), ("Number.subtract(1, 2)", -1), ("Number.multiply(3, 4)", 12),
    ("Number.divide(1, 4)", 0.25), ("Number.pow(9, 0.5)", 3), ("Number.unaryMinus(-2)", 2),
    ("Number.exp(0)", 1), ("Number.log10(100)", 2), ("Number.abs(-3)", 3),
    ("Number.maxValue", np.finfo(float).max), ("Number.minValue", 5e-324),
])
def test_number_function(source, expected):
    assert float(ev(source)) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("source, expected", [
    ("Number.sort([])", "[]"), ("sort([3, -1, 2, -1])", "[-1, -1, 2, 3]"),
    ("Number.cumsum([])", "[]"), ("cumsum([1, 2, 3])", "[1, 3, 6]"),
    ("Number.cumprod([])", "[]"), ("cumprod([2, 3, 0, 5])", "[2, 6, 0, 0]"),
    ("Number.diff([1])", "[]"), ("diff([1, 4, 9])", "[3, 5]"),
    ("Number.smaller(1, 2)", "true"), ("Number.larger(1, 2)", "false"),
    ("Number.smallerEq(2, 2)", "true"), ("Number.largerEq(1, 2)", "false"),
    ("List.reduce([1, 2, 3], 0, Number.add)", "6"),
])
def test_number_function_structural(source, expected):
    assert ev(source) == ev(expected)


def test_range_domain_checks_calls():
    assert ev("Number.rangeDomain(-1, 2.5)").to_python() == (-1, 2.5)
    assert float(ev("f(x: Number.rangeDomain(0, 1)) = x; f(0.5)")) == 0.5
    with pytest.raises(DslError) as info:
        ev("f(x: Number.rangeDomain(0, 1)) = x\nf(2)")
    assert (info.value.kind, info.value.line) == ("DomainError", 2)


@pytest.fixture(scope="module")
def s():
    session = dsl.Session(samples=20_000, seed=11)
    session.run("a = normal(0, 1)\nb = uniform(0, 2)\nc = 3 to 9")
    return session


def _arrays(s, *names):
    return [s.evaluate(n).samples for n in names]


@pytest.mark.parametrize("source, reference", [
    ("Number.sum([a, b, c])", lambda a, b, c: a + b + c),
    ("sum([a, 1, b])", lambda a, b, c: a + 1 + b),
    ("Number.product([b, c, 2])", lambda a, b, c: b * c * 2),
    ("mean([a, b, c])", lambda a, b, c: (a + b + c) / 3),
    ("median([a, b, c])", lambda a, b, c: np.median([a, b, c], axis=0)),
    ("quantile([a, b, c, 1], 0.25)", lambda a, b, c: np.quantile([a, b, c, np.ones_like(a)],
                                                                   0.25, axis=0)),
    ("stdev([a, b])", lambda a, b, c: np.abs(a - b) / 2),
    ("variance([b, c])", lambda a, b, c: ((b - c) / 2) ** 2),
    ("geomean([b, c])", lambda a, b, c: np.sqrt(b * c)),
    ("min([a, b, c])", lambda a, b, c: np.minimum(np.minimum(a, b), c)),
    ("max(a, 0)", lambda a, b, c: np.maximum(a, 0)),
    ("Number.min(b, a)", lambda a, b, c: np.minimum(b, a)),
    ("mod(c, 2)", lambda a, b, c: np.mod(c, 2)),
])
def test_element_wise_over_distributions(s, source, reference):
    a, b, c = _arrays(s, "a", "b", "c")
    np.testing.assert_allclose(s.evaluate(source).samples, reference(a, b, c), rtol=1e-12)


def test_cumulative_functions_over_distributions(s):
    a, b, c = _arrays(s, "a", "b", "c")
    for source, want in [("cumsum([a, b, c])", [a, a + b, a + b + c]),
                         ("cumprod([b, c])", [b, b * c]),
                         ("diff([a, b, 1])", [b - a, 1 - b])]:
        got = s.evaluate(source).items
        for value, w in zip(got, want):
            np.testing.assert_allclose(value.samples, w, rtol=1e-12)


def test_sum_of_independent_normals_has_the_right_spread(s):
    total = s.evaluate("sum([normal(1, 3), normal(2, 4)])")
    se = 5 / math.sqrt(20_000)
    assert abs(total.samples.mean() - 3) < 5 * se
    assert total.samples.std() == pytest.approx(5, rel=0.03)


@pytest.mark.parametrize("source, kind, line, column, fragment", [
    ("x = Number.mean([])", "IndexError", 1, 5, "Number.mean: the list is empty"),
    ("\nmedian([])", "IndexError", 2, 1, "Number.median: the list is empty"),
    ("max([])", "IndexError", 1, 1, "Number.max: the list is empty"),
    ("min([])", "IndexError", 1, 1, "Number.min: the list is empty"),
    ("stdev([])", "IndexError", 1, 1, "the list is empty"),
    ("variance([])", "IndexError", 1, 1, "the list is empty"),
    ("geomean([])", "IndexError", 1, 1, "the list is empty"),
    ("quantile([], 0.5)", "IndexError", 1, 1, "the list is empty"),
    ("diff([])", "IndexError", 1, 1, "Number.diff: the list is empty"),
    ("quantile([1, 2], 1.5)", "DomainError", 1, 1, "the probability must be between 0 and 1"),
    ("geomean([4, -1])", "DomainError", 1, 1, ">= 0"),
    ("y = 2\nz = mod(y, 0)", "DomainError", 2, 5, "the divisor must not be 0"),
    ("Number.rangeDomain(2, 1)", "DomainError", 1, 1, "must not be above max"),
    ("sum([1 / 0, -1 / 0])", "DomainError", 1, 1, "undefined"),
    ("mean([1 / 0, -1 / 0])", "DomainError", 1, 1, "undefined"),
    ("variance([1 / 0, 1])", "DomainError", 1, 1, "Number.variance of a list with an infinite"),
    ("geomean([0, 1 / 0])", "DomainError", 1, 1, "Number.geomean of both 0 and Infinity"),
    ('Number.sum([1, "a"])', "ArgumentError", 1, 1,
     "Signatures: Number.sum(xs: List(Number|Dist)) -> Number|Dist"),
    ("sort([normal(0, 1)])", "ArgumentError", 1, 1, "Number.sort(xs: List(Number))"),
    ('mod("a", 2)', "ArgumentError", 1, 1, "Number.mod(a: Number|Dist, b: Number|Dist)"),
    ("Number.max(1, 2, 3)", "ArgumentError", 1, 1, "was given 3 arguments but expects 1 or 2"),
])
def test_number_errors(source, kind, line, column, fragment):
    with pytest.raises(DslError) as info:
        ev(source)
    e = info.value
    assert (e.kind, e.line, e.column) == (kind, line, column), e.message
    assert fragment in e.message
