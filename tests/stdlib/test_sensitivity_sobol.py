"""Sobol indices by pick-freeze re-runs (``dsl.engine.pick_freeze``): the Ishigami function and
a linear model against their closed forms, to Monte Carlo error; the CLI's --sobol."""
import json
import math

import numpy as np
import pytest

import dsl
from dsl.front.cli import main

N = 100_000
A, B = 7.0, 0.1
PI = math.pi

ISHIGAMI = """x1 = uniform(-Math.pi, Math.pi)
x2 = uniform(-Math.pi, Math.pi)
x3 = uniform(-Math.pi, Math.pi)
y = Math.sin(x1) + 7 * Math.sin(x2)^2 + 0.1 * x3^4 * Math.sin(x1)
"""


def _ishigami_exact():
    """(first-order, total) of x1, x2, x3 (Ishigami and Homma 1990; Sobol' and Levitan
    1999): V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V13 = 8 b^2 pi^8 / 225."""
    v = A * A / 8 + B * PI ** 4 / 5 + B * B * PI ** 8 / 18 + 0.5
    v1, v2, v13 = 0.5 * (1 + B * PI ** 4 / 5) ** 2, A * A / 8, 8 * B * B * PI ** 8 / 225
    return {"x1": (v1 / v, (v1 + v13) / v), "x2": (v2 / v, v2 / v), "x3": (0.0, v13 / v)}


def _ishigami(x):
    return np.sin(x[0]) + A * np.sin(x[1]) ** 2 + B * x[2] ** 4 * np.sin(x[0])


def _estimator_errors(reps=30, n=N):
    """The standard deviation of the same estimators (Saltelli 2010 first order, Jansen
    total) over ``reps`` independent plain-numpy replications at n samples: the Monte
    Carlo error the model's figures must agree within."""
    rng = np.random.default_rng(123)
    firsts, totals = [], []
    for _ in range(reps):
        a, b = rng.uniform(-PI, PI, (3, n)), rng.uniform(-PI, PI, (3, n))
        fa, fb = _ishigami(a), _ishigami(b)
        v = np.var(np.concatenate([fa, fb]))
        row_f, row_t = [], []
        for i in range(3):
            ab = a.copy()
            ab[i] = b[i]
            fab = _ishigami(ab)
            row_f.append(np.mean(fb * (fab - fa)) / v)
            row_t.append(np.mean((fa - fab) ** 2) / (2 * v))
        firsts.append(row_f)
        totals.append(row_t)
    return np.std(firsts, axis=0, ddof=1), np.std(totals, axis=0, ddof=1)


def test_ishigami_indices_within_monte_carlo_error():
    exact = _ishigami_exact()
    se_first, se_total = _estimator_errors()
    value = dsl.run(ISHIGAMI + 's = sensitivity(y, {method: "sobol"})', samples=N,
                    seed=5).bindings["s"]
    rows = {r["input"]: r for r in value.to_python()}
    for i, name in enumerate(("x1", "x2", "x3")):
        first, total = exact[name]
        assert abs(rows[name]["sobolFirst"] - first) < 4 * se_first[i], name
        assert abs(rows[name]["sobolTotal"] - total) < 4 * se_total[i], name
    # most important first by the total effect: x1 (0.558), x2 (0.442), x3 (0.244)
    assert list(rows) == ["x1", "x2", "x3"]
    assert rows["x1"]["note"].startswith("the tornado uses total-effect Sobol indices")


def test_linear_model_indices_are_the_squared_coefficients():
    # y = 2 a + 3 b + c, standard normals: S_i = S_Ti = c_i^2 / 14; the Jansen total's
    # error at 100k samples is ~0.003 for these shares, the first order's ~0.006
    source = ("a = normal(0, 1)\nb = normal(0, 1)\nc = normal(0, 1)\ny = 2 * a + 3 * b + c\n"
              's = sensitivity(y, {method: "sobol"})')
    rows = {r["input"]: r for r in dsl.run(source, samples=N, seed=2).bindings["s"].to_python()}
    for name, coef in (("a", 2), ("b", 3), ("c", 1)):
        assert rows[name]["sobolTotal"] == pytest.approx(coef ** 2 / 14, abs=0.015)
        assert rows[name]["sobolFirst"] == pytest.approx(coef ** 2 / 14, abs=0.025)


def test_inline_sites_and_sites_in_functions_are_replaced_too():
    # y = a + e1 + e2, e's drawn inside f, called twice in y: the group's total is exact
    source = ("f(x) = x + normal(0, 1)\na = normal(0, 1)\ny = f(a) + f(0)\n"
              's = sensitivity(y, {method: "sobol"})')
    rows = {r["input"]: r for r in dsl.run(source, samples=N, seed=3).bindings["s"].to_python()}
    assert rows["normal(0, 1) (line 1, in y) ×2"]["sobolTotal"] == pytest.approx(2 / 3, abs=0.02)
    assert rows["a"]["sobolTotal"] == pytest.approx(1 / 3, abs=0.02)


def test_the_rest_of_the_model_keeps_its_samples():
    # pick-freeze re-runs must leave the session's own values alone
    session = dsl.Session(samples=5000, seed=1)
    session.run("a = normal(0, 1)\nb = 1 to 2\ny = a * b")
    before = session.evaluator.graph["y"].value.samples.copy()
    session.sensitivity("y", sobol=True)
    assert np.array_equal(session.evaluator.graph["y"].value.samples, before)
    again = dsl.Session(samples=5000, seed=1)
    again.run("a = normal(0, 1)\nb = 1 to 2\ny = a * b")
    assert np.array_equal(again.evaluator.graph["y"].value.samples, before)


@pytest.mark.parametrize("source,fragment", [
    ("a = uniform(0, 1)\ny = 1 / (a - a)\n" 's = sensitivity(y, {method: "sobol"})',
     "infinite or NaN"),
    ("a = normal(0, 1)\n" 's = sensitivity(a * 2, {method: "sobol"})',
     "must be a top-level binding"),
])
def test_sobol_errors(source, fragment):
    with pytest.raises(dsl.DslError) as info:
        dsl.run(source, samples=1000)
    assert fragment in info.value.message


def test_cli_sobol(tmp_path, capsys):
    path = tmp_path / "model.sq"
    path.write_text("a = normal(0, 1)\nb = normal(0, 2)\ny = a + b\n")
    assert main(["run", str(path), "--samples", "20000", "--json", "--sensitivity", "y",
                 "--sobol"]) == 0
    rows = json.loads(capsys.readouterr().out)["sensitivity"]["y"]
    assert [r["input"] for r in rows] == ["b", "a"]
    assert rows[0]["sobolTotal"] == pytest.approx(0.8, abs=0.03)
    assert main(["run", str(path), "--samples", "2000", "--sensitivity", "y", "--sobol"]) == 0
    assert "tornado: total-effect Sobol index of y" in capsys.readouterr().out
    assert main(["run", str(path), "--sobol"]) == 1
    assert "--sobol needs --sensitivity" in capsys.readouterr().err


def test_a_value_given_by_inputs_is_kept_by_the_re_runs():
    # b is given (inputs=), so a re-run must not compute it from a again
    given = np.random.default_rng(0).normal(0, 2, 50_000)
    session = dsl.Session(samples=50_000, seed=0)
    session.run("a = normal(0, 1)\nb = a * 100\ny = a + b", inputs={"b": given})
    rows = {r["input"]: r for r in session.sensitivity("y", sobol=True)}
    assert rows["a"]["sobolTotal"] == pytest.approx(0.2, abs=0.02)
    assert rows["b"]["rankShare"] == pytest.approx(6 / math.pi * math.asin(0.4), abs=0.02)
