"""Dict.*: table-driven (source -> expected), key order, missing keys with positions."""
from __future__ import annotations

import pytest

import dsl
from dsl import DslError


def ev(source: str):
    return dsl.Session(samples=1_000, seed=0).evaluate(source)


@pytest.mark.parametrize("source, expected", [
    ("Dict.keys({})", "[]"),
    ("Dict.keys({b: 1, a: 2})", "['b', 'a']"),
    ("Dict.values({})", "[]"),
    ("Dict.values({b: [1], a: 'x'})", "[[1], 'x']"),
    ("Dict.size({a: {b: 1, c: 2}})", "1"),
    ("Dict.has({}, 'a')", "false"),
    ("Dict.has({'a b': 1}, 'a b')", "true"),
    ("Dict.get({a: {b: 2}}, 'a')", "{b: 2}"),
    ("Dict.get({}, 'a', [])", "[]"),
    ("Dict.get({a: 1}, 'a', 5)", "1"),
    ("{a: 3} -> Dict.get('a')", "3"),
    ("Dict.toList({})", "[]"),
    ("Dict.fromList([])", "{}"),
    ("Dict.fromList(Dict.toList({x: 1, y: [2]}))", "{x: 1, y: [2]}"),
    ("Dict.set({}, 'k', 1)", "{k: 1}"),
    ("Dict.keys(Dict.set({a: 1, b: 2, c: 3}, 'b', 9))", "['a', 'b', 'c']"),
    ("Dict.delete({}, 'a')", "{}"),
    ("Dict.keys(Dict.delete({a: 1, b: 2, c: 3}, 'b'))", "['a', 'c']"),
    ("Dict.merge({}, {})", "{}"),
    ("Dict.keys(Dict.merge({a: 1, b: 2}, {c: 3, a: 4}))", "['a', 'b', 'c']"),
    ("Dict.merge({a: 1, b: 2}, {c: 3, a: 4}).a", "4"),
    ("Dict.mergeMany([{a: 1}, {b: 2}, {a: 3}])", "{a: 3, b: 2}"),
    ("Dict.map({}, {|v| v})", "{}"),
    ("Dict.map({a: [1, 2]}, List.length)", "{a: 2}"),
    ("Dict.mapKeys({}, {|k| k})", "{}"),
    ("Dict.mapKeys({a: 1, b: 2}, {|k| 'same'})", "{same: 2}"),
    ("Dict.pick({a: 1}, [])", "{}"),
    ("Dict.pick({}, ['a'])", "{}"),
    ("Dict.omit({a: 1, b: 2}, [])", "{a: 1, b: 2}"),
    ("Dict.omit({a: 1, b: 2}, ['a', 'b', 'zz'])", "{}"),
])
def test_dict_function(source, expected):
    got, want = ev(source), ev(expected)
    assert got == want
    if hasattr(want, "fields"):  # records must also agree on key order
        assert list(got.fields) == list(want.fields)


def test_dict_functions_keep_distributions_whole():
    s = dsl.Session(samples=500, seed=2)
    s.run("d = {x: normal(0, 1)}\ne = Dict.map(d, {|v| v * 2})")
    assert (s.evaluate("e.x").samples == 2 * s.evaluate("d.x").samples).all()


@pytest.mark.parametrize("source, kind, line, column, fragment", [
    ("d = {a: 1}\nv = Dict.get(d, 'b')", "KeyError", 2, 5,
     "the key 'b' doesn't exist in this record (its keys: a)"),
    ("Dict.get({apple: 1}, 'aple')", "KeyError", 1, 1, "did you mean 'apple'?"),
    ("Dict.fromList([['a', 1], [2, 3]])", "TypeError", 1, 1, "with a string key"),
    ("Dict.fromList([['a']])", "TypeError", 1, 1, "every item must be a pair"),
    ("Dict.mapKeys({a: 1}, {|k| 1})", "TypeError", 1, 1, "must return a string, got Number"),
    ("Dict.keys([1])", "ArgumentError", 1, 1, "Signatures: Dict.keys(d: Dict) -> List(String)"),
    ("Dict.set({a: 1}, 1, 2)", "ArgumentError", 1, 1,
     "Dict.set(d: Dict, key: String, value: Any) -> Dict"),
    ("Dict.pick({a: 1}, 'a')", "ArgumentError", 1, 1, "keys: List(String)"),
    ("Dict.mergeMany([{a: 1}, 2])", "ArgumentError", 1, 1, "List(Dict)"),
    ("Dict.nope({})", "NameError", 1, 1, "Dict.nope is not defined"),
])
def test_dict_errors(source, kind, line, column, fragment):
    with pytest.raises(DslError) as info:
        ev(source)
    e = info.value
    assert (e.kind, e.line, e.column) == (kind, line, column), e.message
    assert fragment in e.message
