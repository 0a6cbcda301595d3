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


# ---- String(x) as Squiggle 0.10 writes values (each expected text is what Squiggle
# 0.10.0 gave for the same expression) ----

@pytest.mark.parametrize("source, expected", [
    ('String.make("a")', '"a"'),
    ('String.make([1, 2.5, "a", true, {a: 1}])', '[1, 2.5, "a", true, {a: 1}]'),
    ("String.make(List.upTo(1, 30))",
     "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, "
     "... 9 more ..., 30]"),
    ("String.make(List.upTo(1, 21))", "[" + ", ".join(map(str, range(1, 22))) + "]"),
    ('String.make(List.map(List.upTo(1, 10), {|i| "abcdefghijklmnopqrstuvwxyz"}))',
     "[" + ", ".join(['"abcdefghijklmnopqrstuvwxyz"'] * 6) + ", ... 3 more ..., "
     '"abcdefghijklmnopqrstuvwxyz"]'),
    ('String.make({"a b": 1, c: "q\\"\\n", d: [normal(0, 1)]})',
     '{a b: 1, c: "q\\"\\n", d: [Sample Set Distribution]}'),
    ("String.make({|x, y| x + 1})", "(x,y) => internal code"),
    ("String.make({|| 1})", "() => internal code"),
    ("String.make(Number.rangeDomain(0.5, 1e21))", "Number.rangeDomain(0.5, 1e+21)"),
    ("String.make(normal(0, 1))", "Sample Set Distribution"),
    ("String.make(1 / 0)", "Infinity"),
    ("String.make(-1 / 0)", "-Infinity"),
    ("String.make(0.000001)", "0.000001"),
    ("String.make(1e-7)", "1e-7"),
    ("String.make(123456789012345678901234)", "1.2345678901234569e+23"),
    ('String.make(Tag.name(3, "N"))', '3, with tags {name: "N"}'),
    ('String.make(Tag.name([1, Tag.doc(2, "d")], "L"))',
     '[1, 2, with tags {doc: "d"}], with tags {name: "L"}'),
    ('String.make(Tag.hide({a: 1}, true))', '{a: 1}, with tags {hidden: true}'),
    ('String.make(Tag.format(3, ".1%"))', '3, with tags {numberFormat: ".1%"}'),
    ('String.make(Tag.name(normal(0, 1), "n"))', 'Sample Set Distribution, with tags {name: "n"}'),
    ('"a" + Tag.name(3, "N")', 'a3, with tags {name: "N"}'),
    ('"x" + 1.5e-7', "x1.5e-7"),
    ('concat("a", [1, "b"])', 'a[1, "b"]'),
])
def test_make_writes_values_as_squiggle(source, expected):
    assert ev(source).value == expected


def test_make_of_a_location_tag_is_squiggles_json():
    got = ev("x = Tag.location(3); String.make(x)").value
    assert got == ('3, with tags {location: {source:"<eval>",start:{offset:4,line:1,'
                   'column:5},end:{offset:19,line:1,column:20}}}')


def test_make_of_a_huge_nested_list_is_cut_not_walked():
    # Squiggle's rule: items until 150 characters or 20 items, then the last; only
    # those items are written (a million numbers are not turned into text)
    got = ev("x = List.upTo(1, 1000); y = List.map(List.upTo(1, 1000), {|i| x}); "
             "String.make(y)").value
    inner = "[" + ", ".join(map(str, range(1, 21))) + ", ... 979 more ..., 1000]"
    assert got == f"[{inner}, {inner}, ... 997 more ..., {inner}]"


# ---- String(x, format): d3-format, as Squiggle 0.10 (tests/dsl/test_number_format.py
# checks the formatter against thousands of d3-format's own outputs) ----

@pytest.mark.parametrize("source, expected", [
    ('String.make(1234567.891, ",.2f")', "1,234,567.89"),
    ('String.make(0.1234, ".1%")', "12.3%"),
    ('String.make(1234.5, "$,.0f")', "$1,235"),
    ('String.make(-1234.5, ",.2f")', "\u22121,234.50"),
    ('String.make(-0.0001, ".2f")', "0.00"),
    ('String.make(3, "")', "3"),
    ('String.make(1500000, ".3s")', "1.50M"),
    ('String.make(255, "#x")', "0xff"),
    ('String.make(0.000123, ".2e")', "1.23e-4"),
])
def test_make_with_a_format(source, expected):
    assert ev(source).value == expected


@pytest.mark.parametrize("source, kind, fragment", [
    ('String.make(3, "abc")', "ArgumentError", "invalid format: abc"),
    ('String.make(3, "1000000000000d")', "LimitError", "format width"),
    ('String.make("a", ".2f")', "ArgumentError", "String.make(x: Number, format: String)"),
    ("String.make(normal(0, 1), \".2f\")", "ArgumentError", "Signatures"),
])
def test_make_format_errors(source, kind, fragment):
    with pytest.raises(DslError) as info:
        ev("x = 1\n" + source)
    e = info.value
    assert (e.kind, e.line, e.column) == (kind, 2, 1), e.message
    assert fragment in e.message
