"""String.*: conversion as Squiggle prints values, concatenation, JavaScript's split."""
from __future__ import annotations

import pytest

import dsl
from dsl import DslError


def ev(source: str):
    return dsl.Session(samples=1_000, seed=0).evaluate(source)


@pytest.mark.parametrize("source, expected", [
    ("String.make(2500000)", "2500000"),
    ("String.make(1.5e-7)", "1.5e-7"),
    ("String.make(0.1 + 0.2)", "0.30000000000000004"),
    ("String.make(-0.5)", "-0.5"),
    ("String.make(1e21)", "1e+21"),
    ("String.make(false)", "false"),
    ("String.make('')", '""'),
    ("String.make({a: 1})", "{a: 1}"),
    ("String.concat('', '')", ""),
    ("String.concat('a', [1])", "a[1]"),
    ("concat('x', true)", "xtrue"),
    ("String.add('v', 2)", "v2"),
    ("String.split('', ',')", None),
    ("String.split('a,,b', ',')", None),
    ("String.split('a--b--', '--')", None),
    ("String.split('abc', 'z')", None),
])
def test_string_function(source, expected):
    got = ev(source)
    if expected is None:  # a split: compare with Python's (same as JavaScript's here)
        text, sep = eval(source.removeprefix("String.split"))  # noqa: S307  (our own table)
        assert [v.value for v in got.items] == text.split(sep)
    else:
        assert got.value == expected


def test_split_with_empty_separator_gives_characters():
    assert [v.value for v in ev("String.split('héllo', '')").items] == list("héllo")
    assert ev("String.split('', '')").items == ()


def test_concat_of_lists_and_of_strings_share_the_global_name():
    assert [v.value for v in ev("concat([1], [2])").items] == [1, 2]
    assert ev("concat('a', 'b')").value == "ab"


@pytest.mark.parametrize("source, kind, fragment", [
    ("String.split('a', 1)", "ArgumentError",
     "Signatures: String.split(text: String, separator: String) -> List(String)"),
    ("String.split('a')", "ArgumentError", "was given 1 argument but expects 2"),
    ("String.concat(1, 'a')", "ArgumentError", "String.concat(a: String, b: Any)"),
    ("concat(1, 2)", "ArgumentError", "Signatures:"),
    ("String.make()", "ArgumentError", "was given 0 arguments"),
])
def test_string_errors(source, kind, fragment):
    with pytest.raises(DslError) as info:
        ev("x = 1\n" + source)
    e = info.value
    assert (e.kind, e.line, e.column) == (kind, 2, 1), e.message
    assert fragment in e.message
