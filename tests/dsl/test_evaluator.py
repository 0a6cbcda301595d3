"""Evaluator semantics: scoping and closures, recursion and its limit, user-function
arity and domains, conditions, record/list access errors, unknown names, imports."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import dsl
from dsl.base.errors import DslError
from dsl.base.limits import Limits


def value(source: str):
    """The plain-Python value of a program's final expression."""
    return dsl.evaluate(source, samples=100).to_python()


def failure(source: str, **kwargs) -> DslError:
    with pytest.raises(DslError) as info:
        dsl.run(source, samples=100, **kwargs)
    return info.value


# ---- scoping: closures capture by value, shadowing is allowed ----

SCOPING = [
    ("x = 1\nf(y) = x + y\nx = 100\nf(1)", 2),
    ("x = 1\ng = {|| x}\nx = 2\n[g(), x]", [1, 2]),
    ("y = 1\nr = { g = {|| y}; y = 5; g() }\nr", 1),
    ("y = 1\nf(x) = { g = {|| y}; y = x; [g(), y] }\nf(7)", [1, 7]),
    ("y = 1\nh = {|x| y}\n{ y = 9; h(0) }", 1),
    ("{ y = 5; g = {|| y}; y = 6; [g(), y] }", [5, 6]),
    ("makeAdder(k) = {|x| x + k}\nadd2 = makeAdder(2)\nadd5 = makeAdder(5)\n[add2(1), add5(1)]",
     [3, 6]),
    ("x = 1\nf(x) = x * 10\n[f(2), x]", [20, 1]),           # a parameter shadows a binding
    ("x = 1\n{ x = 2; x } + x", 3),                           # a block's binding stays inside
    ("f(x) = { x = x + 1; x * 2 }\nf(1)", 4),               # rebinding a parameter in a block
    ("a = 1\na = a + 1\na = a * 10\na", 20),
    ("f(x) = x\nf(x) = x * 2\nf(3)", 6),                     # redefining a function
]


@pytest.mark.parametrize("source, expected", SCOPING, ids=[s for s, _ in SCOPING])
def test_scoping(source: str, expected) -> None:
    assert value(source) == expected


def test_session_redefinitions_reach_closures() -> None:
    # a session is reactive (DESIGN.md 5): redefining x in a later run recomputes the
    # functions that use it; inside one program, shadowing works as in a file
    s = dsl.Session(samples=10)
    s.run("x = 1")
    s.run("f(y) = x + y")
    assert s.run("x = 100").updated == ["f"]
    assert s.evaluate("f(1)").to_python() == 101
    s.run("g = {|| x}\nx = 5")
    assert s.evaluate("[x, g(), f(1)]").to_python() == [5, 5, 6]
    s.run("h = {|| x}\nx = x + 1")  # made from the old x: a new x after it, as in a file
    assert s.evaluate("[x, h(), f(1)]").to_python() == [6, 5, 6]


def test_a_failed_run_leaves_the_session_unchanged() -> None:
    s = dsl.Session(samples=10)
    s.run("a = 1")
    with pytest.raises(DslError):
        s.run("a = 2\nb = [1][5]")
    assert s.evaluate("a").to_python() == 1
    with pytest.raises(DslError) as info:
        s.evaluate("b")
    assert info.value.kind == "NameError"


# ---- recursion ----

def test_recursion() -> None:
    assert value("factorial(n) = if n <= 1 then 1 else n * factorial(n - 1)\n"
                 "factorial(10)") == 3628800
    assert value("fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(12)") == 144
    # mutual recursion through a parameter
    assert value("even(n, odd) = n == 0 ? true : odd(n - 1, even)\n"
                 "odd(n, even) = n == 0 ? false : even(n - 1, odd)\n"
                 "[even(10, odd), even(7, odd)]") == [True, False]


def test_recursion_up_to_the_depth_limit() -> None:
    # each level costs many Python frames: the limit, not Python's, must decide
    depth = Limits().max_depth - 5
    program = ("count(n) = if n <= 0 then 0 else { m = n - 1; 1 + count(m) }\n"
               f"count({depth})")
    assert value(program) == depth


@pytest.mark.parametrize("source", [
    "down(n) = down(n + 1)\nx = down(0)",
    "f(n) = 1 + f(n)\nx = f(1)",
    "f(n) = { t = n; if t > -1 then f(t + 1) else 0 }\nx = f(0)",
    "loop(g) = g(g)\nx = loop(loop)",
])
def test_runaway_recursion_is_a_limit_error(source: str) -> None:
    err = failure(source)
    assert err.kind == "LimitError"
    assert "recursion" in err.message
    assert err.line == 1 and err.column is not None
    assert len(err.format().splitlines()) < 20


def test_depth_limit_is_configurable() -> None:
    program = "down(n) = n <= 0 ? 0 : down(n - 1)\nx = down(20)"
    assert dsl.run(program, samples=10).bindings["x"].to_python() == 0
    err = failure(program, limits=Limits(max_depth=10))
    assert err.kind == "LimitError" and "10" in err.message


def test_time_limit_stops_a_long_run() -> None:
    err = failure("fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nx = fib(60)",
                  limits=Limits(time_limit=0.2))
    assert err.kind == "LimitError" and "time limit" in err.message
    assert err.line == 1


# ---- user-function calls: arity and domains ----

ARITY = [
    ("f(x) = x\ny = f(1, 2)", "f expects 1 argument but was given 2", 2, 5),
    ("area(w, h) = w * h\ny = area(2)", "area expects 2 arguments but was given 1", 2, 5),
    ("g = {|x, y| x}\ny = g(1)", "expects 2 arguments but was given 1", 2, 5),
    ("y = {|| 1}(2)", "expects 0 arguments but was given 1", 1, 5),
    ("f(x) = x\ny = 3 -> f(4)", "f expects 1 argument but was given 2", 2, 5),
    # the builtins behind operators, called by name
    ("y = add(1)", "add was given 1 argument but expects 2", 1, 5),
    ("y = larger()", "larger was given 0 arguments but expects 2", 1, 5),
    ("y = unaryMinus(1, 2)", "unaryMinus was given 2 arguments but expects 1", 1, 5),
]


@pytest.mark.parametrize("source, fragment, line, column", ARITY, ids=[r[0] for r in ARITY])
def test_arity_errors(source: str, fragment: str, line: int, column: int) -> None:
    err = failure(source)
    assert err.kind == "ArgumentError"
    assert fragment in err.message
    assert (err.line, err.column) == (line, column)


DOMAINS = [
    # (program, position of the offending argument)
    ("pct(p: [0, 100]) = p / 100\nb = pct(120)", (2, 9)),
    ("f(x: [0, 1], y: [5, 10]) = x\nb = f(0.5, 11)", (2, 12)),
    ("f(x: [0, 1]) = x\nb = f(-0.001)", (2, 7)),
    ("f(x: [0, 1]) = x\nb = 2 -> f", (2, 5)),
    ("f(x: [1, 10]) = x\nb = f(normal(5, 10))", (2, 7)),
]


@pytest.mark.parametrize("source, position", DOMAINS, ids=[r[0] for r in DOMAINS])
def test_domain_errors_point_at_the_argument(source: str, position) -> None:
    err = failure(source)
    assert err.kind == "DomainError"
    assert "domain" in err.message
    assert (err.line, err.column) == position


def test_domains_accept_their_bounds_and_inner_distributions() -> None:
    assert value("f(x: [0, 1]) = x * 2\n[f(0), f(1), f(0.5)]") == [0, 2, 1]
    assert value("f(x: [0, 10]) = x\nmean(f(uniform(2, 3)))") == pytest.approx(2.5, rel=0.05)


@pytest.mark.parametrize("source, fragment", [
    ("f(x: [2, 1]) = x", "low <= high"),
    ("f(x: \"a\") = x", "must be a range"),
    ("f(x: [0, 1]) = x\ny = f(\"s\")", "must be a number"),
])
def test_bad_domains_and_non_numbers(source: str, fragment: str) -> None:
    err = failure(source)
    assert err.kind == "TypeError" and fragment in err.message


# ---- conditions must be booleans ----

@pytest.mark.parametrize("source, column", [
    ("x = if 1 then 2 else 3", 8),
    ("x = \"a\" ? 1 : 2", 5),
    ("x = if [] then 1 else 2", 8),
    ("x = {a: true} ? 1 : 2", 5),
    ("n = 3\nx = (n ? 1 : 2)", 6),
])
def test_conditions_must_be_booleans(source: str, column: int) -> None:
    err = failure(source)
    assert err.kind == "TypeError"
    assert "condition must be true or false" in err.message
    assert err.column == column


def test_only_the_chosen_branch_runs() -> None:
    assert value("if true then 1 else throw(\"no\")") == 1
    assert value("false ? throw(\"no\") : 2") == 2
    assert value("false && throw(\"no\")") is False
    assert value("true || throw(\"no\")") is True


# ---- records and lists ----

ACCESS = [
    ("r = {alpha: 1}\nx = r.alpah", "KeyError", "did you mean 'alpha'?", (2, 5)),
    ("r = {alpha: 1}\nx = r[\"alpah\"]", "KeyError", "did you mean 'alpha'?", (2, 5)),
    ("r = {alpha: 1, beta: 2}\nx = r.zzz", "KeyError", "its keys: alpha, beta", (2, 5)),
    ("xs = [1, 2]\nx = xs[2]", "IndexError", "out of range", (2, 5)),
    ("xs = [1, 2]\nx = xs[-1]", "IndexError", "out of range", (2, 5)),
    ("xs = []\nx = xs[0]", "IndexError", "it is empty", (2, 5)),
    ("xs = [1, 2]\nx = xs[0.5]", "IndexError", "whole number", (2, 8)),
    ("xs = [1, 2]\nx = xs.a", "TypeError", "only records have fields", (2, 5)),
    ("xs = [1, 2]\nx = xs[\"a\"]", "TypeError", "lists take a number", (2, 5)),
    ("n = 3\nx = n[0]", "TypeError", "cannot index Number", (2, 5)),
    ("n = 3\nx = n(1)", "TypeError", "not a function", (2, 5)),
]


@pytest.mark.parametrize("source, kind, fragment, position", ACCESS, ids=[r[0] for r in ACCESS])
def test_access_errors(source: str, kind: str, fragment: str, position) -> None:
    err = failure(source)
    assert err.kind == kind
    assert fragment in err.message
    assert (err.line, err.column) == position


# ---- unknown names ----

NAMES = [
    ("valu = 1\nx = value", "value is not defined; did you mean valu?", (2, 5)),
    ("x = Math.exq(1)", "did you mean Math.exp?", (1, 5)),
    ("x = Mth.exp(1)", "did you mean Math?", (1, 5)),
    ("x = meen(1)", "did you mean mean?", (1, 5)),
    ("f(x) = x + yy\ny = 1", "yy is not defined", (1, 12)),
    ("x = later\nlater = 1", "later is not defined", (1, 5)),
    ("f(a) = a\nx = a", "a is not defined", (2, 5)),               # parameters stay inside
    ("x = { t = 1; t }\ny = t", "t is not defined", (2, 5)),       # so do block bindings
    ("x = ln(2)", "log is the natural logarithm", (1, 5)),
]


@pytest.mark.parametrize("source, fragment, position", NAMES, ids=[r[0] for r in NAMES])
def test_unknown_names(source: str, fragment: str, position) -> None:
    err = failure(source)
    assert err.kind == "NameError"
    assert fragment in err.message
    assert (err.line, err.column) == position


def test_names_are_checked_before_anything_runs() -> None:
    # the typo on the last line is reported without running the throw before it
    err = failure("a = throw(\"ran\")\nb = typo")
    assert err.kind == "NameError" and err.line == 2


# ---- imports ----

def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _run_file(path: Path):
    return dsl.run_file(str(path), samples=100)


def _import_failure(path: Path) -> DslError:
    with pytest.raises(DslError) as info:
        _run_file(path)
    return info.value


LIB = "export a = 1\nb = 2\nexport f(x) = x + b\n"


def test_import_sees_exported_names_only(tmp_path: Path) -> None:
    _write(tmp_path, {"lib.sq": LIB,
                      "main.sq": 'import "./lib.sq" as lib\nx = lib.a\ny = lib.f(1)\nz = lib'})
    res = _run_file(tmp_path / "main.sq")
    assert res.bindings["x"].to_python() == 1
    assert res.bindings["y"].to_python() == 3          # b is usable inside the library
    assert list(res.bindings["z"].to_python()) == ["a", "f"]
    _write(tmp_path, {"hidden.sq": 'import "./lib.sq" as lib\nx = lib.b'})
    err = _import_failure(tmp_path / "hidden.sq")
    assert err.kind == "KeyError" and (err.line, err.column) == (2, 5)


def test_import_forms(tmp_path: Path) -> None:
    _write(tmp_path, {"sub/lib.sq": LIB, "lib.squiggle": "export q = 7",
                      "main.sq": "import './sub/lib.sq' as s\nimport \"lib.squiggle\" as t\n"
                                 "x = s.a + t.q"})
    assert _run_file(tmp_path / "main.sq").bindings["x"].to_python() == 8


def test_import_errors_inside_the_library_point_into_it(tmp_path: Path) -> None:
    _write(tmp_path, {"lib.sq": "export a = 1\nexport b = [1][3]\n",
                      "main.sq": 'import "./lib.sq" as lib\nx = lib.a'})
    err = _import_failure(tmp_path / "main.sq")
    assert err.kind == "IndexError"
    assert err.filename.endswith("lib.sq") and (err.line, err.column) == (2, 12)


@pytest.mark.parametrize("path", ["../outside.sq", "./sub/../../outside.sq",
                                  "sub/../lib.sq", "~/lib.sq"])
def test_import_cannot_leave_the_folder(tmp_path: Path, path: str) -> None:
    model = tmp_path / "model"
    _write(tmp_path, {"outside.sq": "export secret = 1", "model/lib.sq": LIB,
                      "model/main.sq": f'import "{path}" as x\ny = 1'})
    err = _import_failure(model / "main.sq")
    assert err.kind == "ImportError" and (err.line, err.column) == (1, 1)


def test_import_refuses_absolute_paths(tmp_path: Path) -> None:
    _write(tmp_path, {"lib.sq": LIB, "main.sq": f'import "{tmp_path / "lib.sq"}" as x\ny = 1'})
    err = _import_failure(tmp_path / "main.sq")
    assert err.kind == "ImportError" and "relative" in err.message


def test_import_refuses_symlinks_that_escape(tmp_path: Path) -> None:
    model = tmp_path / "model"
    _write(tmp_path, {"outside/lib.sq": "export secret = 1",
                      "model/file.sq": 'import "./link.sq" as x\ny = x.secret',
                      "model/folder.sq": 'import "./linked/lib.sq" as x\ny = x.secret'})
    os.symlink(tmp_path / "outside" / "lib.sq", model / "link.sq")
    os.symlink(tmp_path / "outside", model / "linked")
    for name in ("file.sq", "folder.sq"):
        err = _import_failure(model / name)
        assert err.kind == "ImportError" and "outside" in err.message


def test_import_refuses_other_files_and_missing_ones(tmp_path: Path) -> None:
    _write(tmp_path, {"data.txt": "export a = 1",
                      "txt.sq": 'import "./data.txt" as d\ny = 1',
                      "missing.sq": 'import "./nope.sq" as d\ny = 1'})
    assert "only .sq files" in _import_failure(tmp_path / "txt.sq").message
    assert "no such file" in _import_failure(tmp_path / "missing.sq").message


def test_import_cycles_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, {"a.sq": 'import "./b.sq" as b\nexport x = 1',
                      "b.sq": 'import "./a.sq" as a\nexport y = 2',
                      "self.sq": 'import "./self.sq" as me\nexport z = 3'})
    for name in ("a.sq", "self.sq"):
        err = _import_failure(tmp_path / name)
        assert err.kind == "ImportError" and "cycle" in err.message


def test_import_needs_a_model_file() -> None:
    err = failure('import "./lib.sq" as lib\nx = 1')
    assert err.kind == "ImportError" and (err.line, err.column) == (1, 1)


def test_an_uncalled_function_in_arithmetic_says_to_call_it():
    with pytest.raises(DslError) as info:
        dsl.run("alpha = 2\nratio = alpha * lambdaOverBeta", samples=10)
    assert "lambdaOverBeta is a function: call it" in info.value.message
    assert (info.value.line, info.value.column) == (2, 9)


def test_python_recursion_limit_is_raised_only_during_a_run() -> None:
    import sys
    before = sys.getrecursionlimit()
    seen = []
    session = dsl.Session(samples=10)
    session.register(lambda x: seen.append(sys.getrecursionlimit()) or x, name="probe")
    depth = Limits().max_depth - 5
    session.run(f"f(n) = if n == 0 then probe(0) else f(n - 1)\nf({depth})")
    assert seen and seen[0] > before      # room for max_depth nested calls while running
    assert sys.getrecursionlimit() == before  # and the host's limit afterwards


def test_recursion_limit_restored_after_a_failing_run() -> None:
    import sys
    before = sys.getrecursionlimit()
    with pytest.raises(dsl.DslError):
        dsl.run("f(n) = f(n + 1)\nf(0)")
    assert sys.getrecursionlimit() == before
