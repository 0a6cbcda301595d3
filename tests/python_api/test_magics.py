"""%load_ext dsl: the %%sq cell magic and the %sq line magic, driven through IPython's
own InteractiveShell (the jupyter extra; skipped, saying so, without IPython)."""
import numpy as np
import pytest

import dsl

pytest.importorskip("IPython", reason='the jupyter extra is not installed '
                                      '(pip install "sqdsl[jupyter]")')
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402


@pytest.fixture(scope="module")
def shell():
    sh = InteractiveShell.instance()
    sh.run_line_magic("load_ext", "dsl")
    yield sh
    InteractiveShell.clear_instance()


def cell(shell, text):
    result = shell.run_cell(text, store_history=False)
    return result


def test_cell_bindings_become_python_variables(shell):
    r = cell(shell, "%%sq --samples 1000 --seed 5\nx = normal(0, 1)\nn = 3\nlabel = 'hi'\n"
                    "flag = true\ny = x * n")
    assert r.success
    ns = shell.user_ns
    assert ns["n"] == 3.0 and type(ns["n"]) is float and ns["label"] == "hi"
    assert ns["flag"] is True
    assert isinstance(ns["y"], dsl.Dist) and len(ns["y"]) == 1000
    np.testing.assert_array_equal(ns["y"].samples, ns["x"].samples * 3)
    # the last binding's value is shown, with its rich HTML
    assert r.result is ns["y"] and "<svg" in r.result._repr_html_()
    same = dsl.run("x = normal(0, 1)\nn = 3\ny = x * n", samples=1000, seed=5)
    np.testing.assert_array_equal(ns["x"].samples, same.bindings["x"].samples)


def test_a_final_expression_is_what_the_cell_shows(shell):
    r = cell(shell, "%%sq --samples 100\na = 2\na * 21")
    assert r.success and r.result == dsl.Number(42)


def test_all_shows_every_binding(shell):
    r = cell(shell, "%%sq --all --samples 100\na = 1\nb = 2 to 3")
    assert r.success and isinstance(r.result, dsl.Result)
    assert list(r.result.info) == ["a", "b"]
    html = r.result._repr_html_()
    assert "a" in html and "b" in html and "<svg" in html


def test_in_passes_python_variables(shell):
    shell.user_ns["k"] = 10
    shell.user_ns["draws"] = np.linspace(0, 1, 500)
    r = cell(shell, "%%sq --in k,draws\nz = draws + k\nmean(z)")
    assert r.success
    # the array set the sample count: 500 samples, the mean exactly 10.5
    assert len(shell.user_ns["z"]) == 500
    assert r.result.value == pytest.approx(10.5)
    # a distribution passed in keeps its samples (and so its correlations)
    cell(shell, "%%sq --samples 2000\nu = uniform(0, 1)")
    r = cell(shell, "%%sq --in u\nd = u - u\n[mean(d), stdev(d)]")
    assert r.success and r.result.to_python() == [0.0, 0.0]


def test_line_magic(shell):
    cell(shell, "%%sq --samples 1000\nw = normal(3, 1)")
    r = cell(shell, "%sq --in w mean(w) + 1")
    assert r.success and r.result == pytest.approx(float(np.mean(shell.user_ns["w"])) + 1)
    r = cell(shell, "m = %sq mean(normal(2, 1))")
    assert r.success and shell.user_ns["m"] == 2.0


@pytest.mark.parametrize("text, message", [
    ("%sq log(-1)", "logarithm's argument must be >= 0"),
    ("%sq log(-1)", "--> <line>:1:1"),
    ("%%sq\nx = 1\ny = x +", "<cell>:2"),
    ("%%sq --in nothing_here\nx = 1", "no Python variable named nothing_here"),
    ("%%sq --bogus\nx = 1", "unknown option --bogus"),
    ("%%sq --samples many\nx = 1", "--samples needs a whole number"),
    ("%sq --all 1", "--all is for the %%sq cell magic"),
    ("%sq x = 1", "no expression to show"),
    ("%sq", "give an expression"),
])
def test_errors_are_shown_without_a_traceback(shell, capsys, text, message):
    r = cell(shell, text)
    assert not r.success
    assert type(r.error_in_exec).__name__ == "UsageError"
    assert message in str(r.error_in_exec)
