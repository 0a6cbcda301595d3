"""List.*: table-driven (source -> expected source), edge cases, errors with positions."""
from __future__ import annotations

import numpy as np
import pytest

import dsl
from dsl import DslError


def ev(source: str, samples: int = 2_000, seed: int = 0):
    return dsl.Session(samples=samples, seed=seed).evaluate(source)


@pytest.mark.parametrize("source, expected", [
    # constructors
    ("List.make(3, 0)", "[0, 0, 0]"),
    ("List.make(0, 5)", "[]"),
    ("List.make(2, [1])", "[[1], [1]]"),
    ("List.make(3, {|i| i * i})", "[0, 1, 4]"),
    ("List.make(2, {|| 7})", "[7, 7]"),
    ("List.upTo(-2, 1)", "[-2, -1, 0, 1]"),
    ("List.upTo(0, 0)", "[0]"),
    ("List.upTo(1.0, 3)", "[1, 2, 3]"),
    # queries
    ("List.length([])", "0"),
    ("List.length([[1, 2], 3])", "2"),
    ("List.first([[1], 2])", "[1]"),
    ("List.last([1])", "1"),
    # modifications
    ("List.reverse([])", "[]"),
    ("reverse([1, 2, 3])", "[3, 2, 1]"),
    ("List.concat([], [])", "[]"),
    ("concat([1], [2, 3])", "[1, 2, 3]"),
    ("List.append([], 1)", "[1]"),
    ("List.append([1], [2])", "[1, [2]]"),
    ("List.flatten([])", "[]"),
    ("List.flatten([[], [1], [[2]]])", "[1, [2]]"),
    ('List.join([], "-")', '""'),
    ('List.join(["a"], ", ")', '"a"'),
    ("List.slice([1, 2, 3], 0)", "[1, 2, 3]"),
    ("List.slice([1, 2, 3], 5)", "[]"),
    ("List.slice([1, 2, 3], 2, 1)", "[]"),
    ("List.slice([1, 2, 3], -2, -1)", "[2]"),
    ("List.slice([], 0, 3)", "[]"),
    ("List.uniq([])", "[]"),
    ("List.uniq([[1, 2], [1, 2], {a: 1}, {a: 1}, {a: 2}])", "[[1, 2], {a: 1}, {a: 2}]"),
    ("List.uniq([1, true, 1, true])", "[1, true]"),
    ("List.zip([], [])", "[]"),
    ("List.unzip([])", "[[], []]"),
    ("List.unzip(List.zip([1, 2], ['a', 'b']))", "[[1, 2], ['a', 'b']]"),
    # functional
    ("List.map([], {|x| x})", "[]"),
    ("map([1, 2], {|x| x * 10})", "[10, 20]"),
    ("List.map(['a', 'b'], {|x, i| x + i})", "['a0', 'b1']"),
    ("List.map([-1, 2], abs)", "[1, 2]"),
    ("List.map([[1, 2], [3]], Number.sum)", "[3, 3]"),
    ("[1, 2] -> List.map({|x| x + 1})", "[2, 3]"),
    ("List.filter([], {|x| true})", "[]"),
    ("filter([1, 2, 3, 4], {|x| x > 2})", "[3, 4]"),
    ("List.reduce([], 7, {|acc, x| acc + x})", "7"),
    ("reduce(['a', 'b'], '', {|acc, x, i| acc + x + i})", "'a0b1'"),
    ("List.reduce([[1], [2, 3]], [], List.concat)", "[1, 2, 3]"),
    ("List.reduceReverse([], 0, {|acc, x| acc - x})", "0"),
    ("reduceReverse([1, 2, 3], [], {|acc, x| List.append(acc, x)})", "[3, 2, 1]"),
    ("List.reduceWhile([], 3, {|acc, x| acc + x}, {|acc| false})", "3"),
    ("List.reduceWhile([1, 2], 100, {|acc, x| acc + x}, {|acc| acc < 10})", "100"),
    ("List.reduceWhile([1, 2, 3], 0, {|acc, x| acc + x}, {|acc| true})", "6"),
    ("List.find([3, 5, 7], {|x| x > 4})", "5"),
    ("List.findIndex([], {|x| true})", "-1"),
    ("List.every([2, 4], {|x| x / 2 == floor(x / 2)})", "true"),
    ("List.some([1, 3], {|x| x > 3})", "false"),
    ("List.sortBy([], {|x| x})", "[]"),
    ("List.sortBy([3, 1, 2], {|x| -x})", "[3, 2, 1]"),
    ("List.sortBy([{k: 1, n: 'a'}, {k: 0, n: 'b'}, {k: 1, n: 'c'}], {|r| r.k})",
     "[{k: 0, n: 'b'}, {k: 1, n: 'a'}, {k: 1, n: 'c'}]"),
    ("List.minBy([{a: 1, n: 1}, {a: 1, n: 2}], {|r| r.a})", "{a: 1, n: 1}"),
    ("List.maxBy([{a: 2, n: 1}, {a: 2, n: 2}], {|r| r.a})", "{a: 2, n: 1}"),
    ("List.uniqBy([], {|x| x})", "[]"),
    ("List.uniqBy([1, 2, 3, 4], {|x| x / 2 == floor(x / 2)})", "[1, 2]"),
    # randomness, checked through properties that hold for every draw
    ("List.shuffle([])", "[]"),
    ("sort(List.shuffle([5, 1, 4]))",
     "[1, 4, 5]"),
    ("List.sampleN([1, 2], 0)", "[]"),
    ("sort(List.sampleN([1, 2], 5))", "[1, 2]"),
    ("List.length(List.uniq(List.sampleN(List.upTo(1, 50), 20)))", "20"),
    ("List.sample([[4]])", "[4]"),
])
def test_list_function(source, expected):
    assert ev(source) == ev(expected)


def test_list_of_distributions_map_and_reduce():
    s = dsl.Session(samples=5_000, seed=3)
    s.run("ds = List.map([1, 2, 3], {|m| normal(m, 1)})\n"
          "total = List.reduce(ds, 0, {|acc, d| acc + d})")
    samples = [d.samples for d in s.evaluate("ds").items]
    assert np.array_equal(s.evaluate("total").samples, samples[0] + samples[1] + samples[2])
    assert float(s.evaluate("mean(List.first(ds))")) == 1


def test_list_make_of_a_distribution_lists_its_samples():
    s = dsl.Session(samples=50, seed=1)
    s.run("d = uniform(0, 1) * 1")
    assert [v.value for v in s.evaluate("List.make(d)").items] == list(s.evaluate("d").samples)


def test_random_list_functions_are_reproducible_and_vary_with_the_seed():
    source = "List.shuffle(List.upTo(1, 20))"
    assert ev(source, seed=4) == ev(source, seed=4)
    assert ev(source, seed=4) != ev(source, seed=5)


def test_list_sample_is_uniform_over_items():
    s = dsl.Session(samples=10, seed=0)
    draws = s.evaluate("List.make(3000, {|| List.sample([0, 1, 2])})")
    counts = np.bincount([int(v.value) for v in draws.items], minlength=3)
    assert np.all(np.abs(counts - 1000) < 5 * np.sqrt(3000 * (1 / 3) * (2 / 3)))


@pytest.mark.parametrize("source, kind, line, column, fragment", [
    ("xs = []\ny = List.first(xs)", "IndexError", 2, 5, "List.first: the list is empty"),
    ("List.last([])", "IndexError", 1, 1, "List.last: the list is empty"),
    ("a = 1\n  List.sample([])", "IndexError", 2, 3, "List.sample: the list is empty"),
    ("List.minBy([], {|x| x})", "IndexError", 1, 1, "List.minBy: the list is empty"),
    ("List.maxBy([], {|x| x})", "IndexError", 1, 1, "List.maxBy: the list is empty"),
    ("x = 1\nList.find([1, 2], {|v| v > 5})", "IndexError", 2, 1, "no item satisfies"),
    ("List.upTo(1, 2.5)", "DomainError", 1, 1, "List.upTo: the high end must be a whole number"),
    ("List.upTo(0.5, 2)", "DomainError", 1, 1, "the low end must be a whole number (got 0.5)"),
    ("List.upTo(3, 1)", "ArgumentError", 1, 1, "must not be below low"),
    ("List.make(-1, 0)", "DomainError", 1, 1, "must be a whole number >= 0"),
    ("List.make(1.5, 0)", "DomainError", 1, 1, "must be a whole number >= 0"),
    ("List.slice([1], 0.5)", "DomainError", 1, 1, "the start index must be a whole number"),
    ("List.sampleN([1], -1)", "DomainError", 1, 1, "the number of items must be"),
    ("List.sampleN([], 3)", "IndexError", 1, 1, "List.sampleN: the list is empty"),
    ("List.zip([1], [1, 2])", "ArgumentError", 1, 1, "same length (got 1 and 2)"),
    ("List.unzip([[1, 2], [3]])", "TypeError", 1, 1, "every item must be a pair"),
    ('List.join([1, 2])', "ArgumentError", 1, 1, "Signatures: List.join(xs: List(String)"),
    ("List.map(3, {|x| x})", "ArgumentError", 1, 1,
     "List.map does not support arguments (Number, Function). Signatures: "
     "List.map(xs: List, fn: Function) -> List"),
    ("List.map([1])", "ArgumentError", 1, 1, "List.map was given 1 argument but expects 2"),
    ("List.map([1], {|a, b, c| a})", "ArgumentError", 1, 1, "must take 1 or 2 parameters"),
    ("List.filter([1], {|x| x})", "TypeError", 1, 1, "must return true or false, got Number 1"),
    ("List.filter([1], {|x| normal(0, 1) > 0})", "TypeError", 1, 1, "mean(...)"),
    ("List.sortBy([1], {|x| 'a'})", "TypeError", 1, 1, "must return a number"),
    ("List.reduceWhile([1], 0, {|a, x| a + x}, {|a| 1})", "TypeError", 1, 1, "true or false"),
    ("List.map([1, 0], {|x|\n  1 / x + [1][x]})", "IndexError", 2, 11, "out of range"),
])
def test_list_errors(source, kind, line, column, fragment):
    with pytest.raises(DslError) as info:
        ev(source)
    e = info.value
    assert (e.kind, e.line, e.column) == (kind, line, column), e.message
    assert fragment in e.message


@pytest.mark.parametrize("source", ["List.upTo(0, 1e13)", "List.make(2e7, 0)",
                                    "List.make(2e7, {|| 1})"])
def test_huge_lists_hit_the_list_length_limit(source):
    with pytest.raises(DslError) as info:
        ev(source)
    assert info.value.kind == "LimitError"
    assert "more than the limit" in info.value.message
