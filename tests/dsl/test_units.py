"""Static unit checking (dsl/syntax/units.py) against what Squiggle 0.10 says.

Every row was run through @quri/squiggle-lang 0.10.0: the programs it accepts run here,
the ones it refuses fail with its message at its line and column (the error corpus
tests/squiggle/errors/units_*.squiggle records some of them from Squiggle itself).
"""
from __future__ import annotations

import pytest

import dsl
from dsl.syntax.parser import parse
from dsl.syntax.units import UnitError, check_units

ACCEPTED = [
    "x :: m/s = 1\nx",
    "x :: kg*m^2 = 1\nx",
    "x :: 2*m = 1\nx",
    "f(x :: kg) :: m = x * 2\nf(3)",
    "g = {|t :: m| t * 2} :: m\ng(30)",
    "a :: m = 1\nb :: m^2 = a * a\nb",
    "x :: m = 1\nr = {a: x}\ny :: s = r.a\ny",         # field access: not looked into
    "x :: m = 1\ny = x -> {|v| v}\nz :: s = y\nz",      # pipes: not looked into
    "x :: m = 2\ny :: s = 3\nz = x ^ 2 + y\nz",         # nor powers
    "d :: m = 100\nt :: s = 9.6\nv :: m/s = d / t\nv",
    "x :: m = 1\ny :: m = 2\n[x + y, x - y, x < y ? 1 : 0]",
    "w :: kg = 3\nf(a :: kg, b) = a * b\nf(w, 2)",
    "x :: m = 1\n{y :: m = x * 2; y + x}",
]

# (program, message after "Conflicting unit types:\n\t" or the whole message, line, col)
REFUSED = [
    ("x :: m = 100\ny :: s = 3\nz = x + y\nz",
     "Conflicting unit types:\n\tx / y :: <unitless>\n\tx :: m\n\ty :: s", 3, 5),
    ("x :: m = 1\ny :: kg = 2\nx + y",
     "Conflicting unit types:\n\tx / y :: <unitless>\n\tx :: m\n\ty :: kg", 3, 1),
    ("x :: m = 3\ny :: s = 2\nv = x / y\nw :: m = v\nw",
     "Conflicting unit types:\n\tw / v :: <unitless>\n\tv :: m / s\n\tw :: m", 4, 1),
    ("f(x :: m) = x\ny :: s = 1\nf(y)",
     "Conflicting unit types:\n\ty :: m\n\ty :: s", 3, 1),
    ("f(x :: m) :: s = x\nf(1)",
     "Conflicting unit types:\n\tx :: s\n\tx :: m", 1, 1),
    ("x :: m = 1\nz = -x\ny :: s = z\ny",
     "Conflicting unit types:\n\ty / z :: <unitless>\n\tz :: m\n\ty :: s", 3, 1),
    ("x :: m = 1\ny :: s = 2\nc = if true then x else y\nc",
     "Conflicting unit types:\n\tx / y :: <unitless>\n\tx :: m\n\ty :: s", 3, 5),
    ("x :: m = 1\ny = x * x\nz :: m = y\nz",
     "Conflicting unit types:\n\tz / y :: <unitless>\n\ty :: m^2\n\tz :: m", 3, 1),
    ("x :: m^1.5 = 1\nx", "Exponents in unit types must be integers, not 1.5", 1, 6),
    # Squiggle's own failure when a call's argument has no name, kept alike
    ("g = {|x :: m| x}\nh :: s = g(1)", "Node must have type identifier, not Float", 2, 12),
]


@pytest.mark.parametrize("source", ACCEPTED)
def test_accepted(source):
    check_units(parse(source))
    dsl.run(source, samples=100)


def test_pointwise_operators_follow_their_plain_twins():
    check_units(parse("d :: m = 1\nt :: s = 2\nv :: m/s = d ./ t\nw :: m = d .+ d"))
    with pytest.raises(UnitError) as raised:
        check_units(parse("d :: m = 1\nt :: s = 2\nv :: m/s = d .* t"))
    assert (raised.value.line, raised.value.column) == (3, 1)


@pytest.mark.parametrize("source, message, line, column", REFUSED)
def test_refused(source, message, line, column):
    with pytest.raises(UnitError) as raised:
        dsl.run(source, samples=100)
    err = raised.value
    assert err.kind == "UnitError"
    assert err.message == message
    assert (err.line, err.column) == (line, column)


def test_a_decorated_definition_is_reported_at_its_decorator():
    with pytest.raises(UnitError) as raised:
        dsl.run('x = 1\n@name("F")\nf(t :: m) :: s = t\nf(x)', samples=10)
    assert (raised.value.line, raised.value.column) == (2, 1)


def test_units_are_checked_before_names():
    # Squiggle checks units first: the conflict wins over the undefined name
    with pytest.raises(UnitError):
        dsl.run("x :: m = nope\ny :: s = x", samples=10)


def test_sq_check_reports_unit_conflicts(tmp_path, capsys):
    from dsl.front.cli import main
    model = tmp_path / "m.sq"
    model.write_text("a :: kg = 1\nb :: m = 2\nc = a + b\n")
    assert main(["check", str(model)]) == 1
    err = capsys.readouterr().err
    assert "Conflicting unit types" in err and "m.sq:3:5" in err


def _recorded_cases():
    import json
    from pathlib import Path
    data = Path(__file__).resolve().parents[1] / "data" / "squiggle_unit_checks.json"
    return json.loads(data.read_text())["cases"]


_CASES = _recorded_cases()


@pytest.mark.parametrize("case", _CASES, ids=[f"case{i}" for i in range(len(_CASES))])
def test_random_programs_as_squiggle_checks_them(case):
    """200 random programs of annotated bindings, functions, calls, blocks, conditionals
    and operators, with Squiggle 0.10's own verdict (130 of them conflict)."""
    program = parse(case["program"])
    if case["error"] is None:
        check_units(program)
        return
    with pytest.raises(UnitError) as raised:
        check_units(program)
    expected = case["error"]
    assert raised.value.message == expected["message"]
    assert (raised.value.line, raised.value.column) == (expected["line"], expected["column"])
