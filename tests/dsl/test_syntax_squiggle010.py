"""The parts of Squiggle 0.10's syntax added for issue 17: record shorthand and computed
keys, repeated keys, multi-line strings and their escapes, every number suffix, unit
annotations (syntax; the checking is tests/dsl/test_units.py), domains on lambda
parameters, pointwise operators, a namespace's name as a value, ``$`` in names.

Expected values are what Squiggle 0.10 gives (checked with @quri/squiggle-lang 0.10.0;
the corpus programs tests/squiggle/programs/feature_syntax_*.squiggle pin them down).
"""
from __future__ import annotations

import json

import pytest

import dsl
from dsl.syntax import ast as A
from dsl.syntax.parser import parse


def value(source: str):
    return dsl.evaluate(source, samples=2000, seed=1).to_python()


def error(source: str) -> dsl.DslError:
    with pytest.raises(dsl.DslError) as raised:
        dsl.run(source, samples=100)
    return raised.value


# ---- records ----

@pytest.mark.parametrize("source, expected", [
    ("a = 1\nb = 2\n{a, b}", {"a": 1, "b": 2}),
    ("a = 1\n{a, b: 3, 'c d': 4}", {"a": 1, "b": 3, "c d": 4}),
    ("a = 1\n{b: 3, a}", {"b": 3, "a": 1}),
    ("a = 1\n{a,}", {"a": 1}),
    ("a = 1\nb = 2\n{\n  a,\n  b\n}", {"a": 1, "b": 2}),
    # a key is any expression: a name (or a parenthesised name) stands for itself
    ('k = "x"\n{k + "y": 1, k}', {"xy": 1, "k": "x"}),
    ('k = "x"\n{(k): 1}', {"k": 1}),
    ('{"a" + "b": 2, c: 1}', {"ab": 2, "c": 1}),
    ("{Foo: 1, 'b c': 2}", {"Foo": 1, "b c": 2}),
    # a repeated key keeps its first place and takes its last value
    ("{a: 1, b: 2, a: 3}", {"a": 3, "b": 2}),
    ('a = 5\n{a: 1, a, "a": 7}', {"a": 7}),
    ('k = "b"\n{b: 1, a: 2, (k + ""): 3}', {"b": 3, "a": 2}),
])
def test_records(source, expected):
    got = value(source)
    assert got == expected
    assert list(got) == list(expected)  # the order of the keys too


def test_a_name_alone_in_braces_is_still_a_block():
    assert value("a = 3\n{a}") == 3


def test_repeated_keys_evaluate_every_value():
    # Squiggle evaluates both values: an error in the first one is not skipped
    assert "not defined" in error("{a: nope, a: 1}").message


@pytest.mark.parametrize("source, fragment, line, column", [
    ("{1: 2}", "Dict keys must be strings", 1, 2),
    ("r = {a: 1, 2: 3}", "Dict keys must be strings", 1, 12),
    ("{a, 1}", "a record's entry is key: value, or a name alone", 1, 5),
    ("{a, b}", "a is not defined", 1, 2),
])
def test_record_errors(source, fragment, line, column):
    err = error(source)
    assert fragment in err.message
    assert (err.line, err.column) == (line, column)


# ---- strings ----

@pytest.mark.parametrize("source, expected", [
    ('"a\nb"', "a\nb"),
    ("'first\n  second\n'", "first\n  second\n"),
    (r"""'a\nb\t\u0041\'\"\/\\'""", "a\nb\tA'\"/\\"),
    (r'"\r\b\f"', "\r\b\f"),
    (r'"\uD83D\uDE00"', "\U0001F600"),
])
def test_strings(source, expected):
    assert value(source) == expected


@pytest.mark.parametrize("source, fragment, line, column", [
    ('x = 1\ny = "ab\\qc"', "Incorrect escape sequence: q", 2, 9),
    ('y = "ab\n\\u12zzc"', "Incorrect escape sequence: u12zz", 2, 2),
    (r'"\x41"', "Incorrect escape sequence: x", 1, 3),
    (r'"\0"', "Incorrect escape sequence: 0", 1, 3),
])
def test_bad_escapes_are_errors_where_squiggle_puts_them(source, fragment, line, column):
    err = error(source)
    assert fragment in err.message
    assert (err.line, err.column) == (line, column)


def test_positions_after_a_multiline_string_stay_right():
    err = error('s = "one\ntwo\nthree"\nt = s + 1\nu = nope')
    assert (err.line, err.column) == (5, 5)
    err = error("s = 'a\n\n'; u = nope")
    assert (err.line, err.column) == (3, 8)


def test_a_long_multiline_string_lexes():
    text = "line\n" * 200_000
    assert value(f'"{text}"') == text


# ---- numbers ----

@pytest.mark.parametrize("source, expected", [
    ("1n", 1e-9), ("1m", 0.001), ("1k", 1e3), ("1M", 1e6), ("1B", 1e9), ("1G", 1e9),
    ("1T", 1e12), ("1P", 1e15), ("1%", 0.01), ("2e3", 2000), ("1.5k", 1500),
    ("1e3m", 1), ("4.2k", 4200), (".5k", 500), ("2.5m", 0.0025), ("3 m", None),
])
def test_scale_suffixes_fold_at_parse_time(source, expected):
    if expected is None:  # a space: the suffix is a name, not a suffix
        assert error(source).kind == "SyntaxError"
        return
    node = parse(source).result
    assert isinstance(node, A.Number) and node.value == expected


@pytest.mark.parametrize("source", ["1min", "5 k", "2e", "1mx", "5ms"])
def test_bad_suffixes_are_syntax_errors(source):
    assert error(source).kind == "SyntaxError"


@pytest.mark.parametrize("source, unit", [
    ("5minutes", "minutes"), ("3hours", "hours"), ("2days", "days"), ("10years", "years"),
    ("1year", "year"), ("1.5e1hours", "hours"),
])
def test_duration_suffixes_call_from_unit(source, unit):
    node = parse(source).result
    assert isinstance(node, A.UnitValue) and node.unit == unit
    assert node.function == f"fromUnit_{unit}"


def test_duration_suffixes_evaluate_to_durations():
    assert value("[Duration.toMinutes(5minutes), Duration.toHours(3hours), "
                 "Duration.toDays(2days), Duration.toYears(10years)]") == [5, 3, 2, 10]


def test_a_binding_cannot_shadow_a_suffix_function():
    assert value("fromUnit_minutes(x) = 0\nDuration.toMinutes(5minutes)") == 5


def test_year_has_no_function_as_in_squiggle():
    err = error("1year")
    assert "fromUnit_year" in err.message and (err.line, err.column) == (1, 1)


@pytest.mark.parametrize("name, scale", [
    ("n", 1e-9), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("B", 1e9), ("G", 1e9),
    ("T", 1e12), ("P", 1e15),
])
def test_from_unit_functions(name, scale):
    assert value(f"fromUnit_{name}(3)") == 3 * scale
    samples = value(f"fromUnit_{name}(uniform(1, 2))")
    assert samples.min() >= 1 * scale and samples.max() <= 2 * scale


# ---- unit annotations (syntax) ----

def test_unit_annotations_parse():
    program = parse("x :: kg*m^2/s = 1\nf(t :: s, u: [0, 1] :: m) :: m/s = u / t\n"
                    "g = {|v :: m| v} :: m")
    x, f, g = program.statements
    assert x.unit.text == "kg*m^2/s"
    assert [(u.name, u.exponent) for u in x.unit.factors] == [("kg", 1), ("m", 2), ("s", -1)]
    t, u = f.value.params
    assert t.unit.text == "s" and u.unit.text == "m" and u.domain is not None
    assert f.value.unit.text == "m/s"
    assert g.value.params[0].unit.text == "m" and g.value.unit.text == "m"


def test_units_do_not_change_values():
    assert value("speed :: m/s = 3\nf(t :: s) :: m = speed * t\nf(2)") == 6


def test_the_unit_is_shown_with_the_binding(capsys):
    from dsl.front.cli import main
    result = dsl.run("speed :: m/s = 3\nd :: m = 10 to 20\nt = d / speed", samples=100)
    summary = result.summary()
    assert summary["bindings"]["speed"] == {"type": "number", "value": 3, "unit": "m/s"}
    assert summary["bindings"]["d"]["unit"] == "m"
    assert "unit" not in summary["bindings"]["t"]
    json.dumps(summary)
    from dsl.render.report import render_text
    text = render_text(result, color=False)
    assert "speed :: m/s: 3" in text and "d :: m\n" in text


# ---- lambda parameter domains ----

def test_a_domain_on_a_lambda_parameter():
    assert value("g = {|t: [0, 10]| t * 2}\ng(3)") == 6
    err = error("g = {|t: [0, 10]| t * 2}\ng(30)")
    assert err.kind == "DomainError" and "must be in domain" in err.message
    assert (err.line, err.column) == (2, 3)


# ---- pointwise operators ----

@pytest.mark.parametrize("source, op", [
    ("a .+ b", ".+"), ("a .- b", ".-"), ("a .* b", ".*"), ("a ./ b", "./"), ("a .^ b", ".^"),
])
def test_pointwise_operators_parse(source, op):
    node = parse(source).result
    assert isinstance(node, A.Binary) and node.op == op


def test_pointwise_precedence_is_that_of_the_plain_operators():
    node = parse("a .+ b .* c .^ d").result  # a .+ (b .* (c .^ d))
    assert node.op == ".+" and node.right.op == ".*" and node.right.right.op == ".^"
    node = parse("a * b .+ c").result  # (a * b) .+ c
    assert node.op == ".+" and node.left.op == "*"
    assert parse("1.+2").result.op == "+"  # `1.` is a number, as in Squiggle


def test_pointwise_operators_call_dist_functions():
    # number .+ number is an error in Squiggle ("does not support types Number, Number")
    assert error("1 .+ 2").kind in ("ArgumentError", "TypeError")
    def outcome(source):
        try:
            return value(source)
        except dsl.DslError as e:  # `.-` of two densities may leave no distribution
            return e.message
    for op, name in A.POINTWISE.items():
        by_operator = outcome(f"u = normal(2, 1)\nmean(u {op} u)")
        assert by_operator == outcome(f"u = normal(2, 1)\nmean({name}(u, u))")
        assert by_operator is not None


# ---- namespaces as values, names ----

def test_a_namespace_alone_is_its_make():
    assert value("String(3)") == "3"
    assert value("List(3, 0)") == [0, 0, 0]
    assert value("[5] -> List.map(String)") == ["5"]


@pytest.mark.parametrize("source, fragment", [
    ("x = Dict", "'Dict' is a namespace (capitalised) with no Dict.make"),
    ("x = Foo", "'Foo' is capitalised, which makes it a namespace"),
    ("Foo(1)", "there is no namespace Foo"),
    ("Dist = 1", "'Dist' is a namespace (capitalised)"),
])
def test_namespace_errors(source, fragment):
    err = error(source)
    assert fragment in err.message
    assert err.line == 1


def test_dollar_in_names():
    assert value("$a = 3\na$b = 4\n$a + a$b") == 7


def test_field_named_to():
    assert value("r = {to: 1}\nr.to") == 1
    assert value("quantile(Dist.to(1, 10), 0.95)") == pytest.approx(10)


@pytest.mark.parametrize("source, fragment, column", [
    (".- 3", "there is no unary '.-'", 1),        # Squiggle: "Unary function not found"
    ("x = +3", "there is no unary '+'", 5),
    ("x :: m.*s = 1", "expected '=', found '.*'", 7),   # `.*` ends a unit, as in Squiggle
    ("x :: m.^2 = 1", "expected '=', found '.^'", 7),
])
def test_operators_that_do_not_exist_there(source, fragment, column):
    err = error(source)
    assert err.kind == "SyntaxError" and fragment in err.message
    assert (err.line, err.column) == (1, column)


def test_pipe_arrow_is_not_a_minus():
    assert value("3 -> {|x| x - 1}") == 2
    assert value("a = 5\na->{|x| x}") == 5


@pytest.mark.parametrize("source, fragment, column", [
    ("x = 3 k", "a number's suffix follows its digits with no space: write 3k", 7),
    ("x = 3 M", "write 3M", 7),
    ("x = 2 minutes", "write 2minutes", 7),
    ("y = {|t: 0 to 1| t}", "a parameter's domain is written [low, high]", 12),
    ("f(t: 0 + 1) = t", "a parameter's domain is written [low, high]", 8),
    ("x :: m", "expected '='", 6),
])
def test_syntax_error_messages(source, fragment, column):
    err = error(source)
    assert err.kind == "SyntaxError" and fragment in err.message, err.message
    assert (err.line, err.column) == (1, column)


def test_new_nodes_survive_the_parse_cache():
    from dsl.syntax import parse_cache
    source = ('k = "a"\nr = {k, (k + "b"): 1, "c": 2}\nx :: kg*m^2/s = 5minutes\n'
              'f(t: [0, 1] :: s) :: m = t .+ 1\ng = {|u :: m| u} :: m\nh = String(3)')
    program = parse(source)
    assert parse_cache.decode(json.loads(parse_cache.dump(program))) == program


def test_random_programs_squiggle_parses_parse_here():
    """262 random programs that Squiggle 0.10's own parser accepts (tests/data)."""
    from pathlib import Path
    data = Path(__file__).resolve().parents[1] / "data" / "squiggle_syntax_accepted.json"
    refused = []
    for program in json.loads(data.read_text())["programs"]:
        try:
            parse(program)
        except dsl.DslError as e:
            refused.append(f"{program!r}: {e.message}")
    assert not refused, "\n".join(refused[:5])


def test_a_percent_literal_carries_squiggle_s_number_format():
    # Squiggle's fromUnit_% tags its number with numberFormat ".2~p"; arithmetic drops it
    assert value('x = 5%\n[Tag.getFormat(x), String(x), "a" + x, String(x * 2), '
                 'Tag.getFormat(5)]') == [".2~p", '0.05, with tags {numberFormat: ".2~p"}',
                                          'a0.05, with tags {numberFormat: ".2~p"}', "0.1",
                                          "None"]
    result = dsl.run("rate = 12.5%", samples=10)
    assert result.summary()["bindings"]["rate"] == {"type": "number", "value": 0.125,
                                                    "format": ".2~p"}
    from dsl.render.report import render_text
    assert render_text(result, color=False).strip() == "rate: 13%"
