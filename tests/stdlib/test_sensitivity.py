"""Sensitivity analysis: exact shares where theory gives them, dependency tracking, the
CLI table; and correlate (Iman-Conover)."""
import json
import math
import os
import pathlib

import numpy as np
import pytest
import scipy.stats as st

import dsl
from dsl.front.cli import main
from reference_cases import CASES
from stdlib.dists import Z95

N = 200_000
GOLDEN = pathlib.Path(__file__).parents[1] / "golden" / "sensitivity"


def _rows(source, name="s", samples=N, seed=1):
    value = dsl.run(source, samples=samples, seed=seed).bindings[name]
    return {r["input"]: r for r in value.to_python()}


def test_product_of_lognormals_matches_the_exact_shares():
    case = next(c for c in CASES
                if isinstance(c["expected"], dict) and "variance_share_alpha" in c["expected"])
    rows = _rows("alpha = 0.4 to 0.8\nlb = 1.4 to 3\ny = alpha * lb\ns = sensitivity(y)")
    tol = case["monte_carlo_tolerance"]["variance_share_abs"]
    assert abs(rows["alpha"]["logVarianceShare"] - case["expected"]["variance_share_alpha"]) < tol
    assert abs(rows["lb"]["logVarianceShare"]
               - case["expected"]["variance_share_lambdaOverBeta"]) < tol
    # varianceShare's own closed form for Y = X1 X2, independent lognormals
    s1 = math.log(0.8 / 0.4) / (2 * Z95)
    s2 = math.log(3 / 1.4) / (2 * Z95)
    exact = (math.exp(s1 ** 2) - 1) / (math.exp(s1 ** 2 + s2 ** 2) - 1)
    assert abs(rows["alpha"]["varianceShare"] - exact) < 0.01
    assert rows["alpha"]["elasticity"] == pytest.approx(1, abs=0.01)
    assert list(rows) == ["lb", "alpha"]  # most important first


def test_additive_model_shares():
    rows = _rows("x1 = normal(0, 1)\nx2 = normal(0, 1)\ny = x1 + 2 * x2\ns = sensitivity(y)")
    assert abs(rows["x1"]["varianceShare"] - 0.2) < 0.01
    assert abs(rows["x2"]["varianceShare"] - 0.8) < 0.01
    assert "logVarianceShare" not in rows["x1"]  # y is not positive
    rho = rows["x2"]["spearman"]
    assert abs(rho - 6 / math.pi * math.asin(2 / math.sqrt(5) / 2)) < 0.01


def test_an_input_without_effect_gets_no_share():
    rows = _rows("a = 1 to 10\nb = 1 to 10\ny = a + 0 * b\ns = sensitivity(y)")
    assert rows["b"]["varianceShare"] < 0.01
    assert rows["b"]["logVarianceShare"] < 0.01
    assert abs(rows["b"]["spearman"]) < 5 / math.sqrt(N)


def test_explicit_inputs():
    rows = _rows("a = normal(0, 1)\nb = normal(0, 1)\ny = a + b\ns = sensitivity(y, [a, b * 1])")
    assert set(rows) == {"a", "b * 1"}


@pytest.mark.parametrize("source,expected", [
    ("k = 1 to 2\nf(v) = v * k\na = 2 to 3\ny = f(a)", {"a", "k"}),  # through functions
    ("a = 1 to 2\nr = {p: a, q: 5}\ny = r.p * 2", {"a"}),  # through records
    ("a = 1 to 2\nb = 2 to 3\ny = { t = a * 2; t + b }", {"a", "b"}),  # through blocks
    # n's own noise is an input too (its share includes mu's: see test_sensitivity_sites)
    ("mu = 5 to 10\nn = normal(mu, 1)\ny = n * 2", {"mu", "n"}),
    ("a = 1 to 2\nb = a * 3\nc = 1 to 2\ny = b + c + 1", {"a", "c"}),
])
def test_dependency_tracking_finds_the_inputs(source, expected):
    rows = _rows(source + "\ns = sensitivity(y)", samples=2000)
    assert set(rows) == expected


def test_sensitivity_inside_a_function_finds_the_binding():
    rows = _rows("a = 1 to 2\nb = 1 to 2\ny = a * b\nf(v) = sensitivity(v)\ns = f(y)",
                 samples=2000)
    assert set(rows) == {"a", "b"}


def test_infinite_outputs_are_rated_on_ranks():
    rows = _rows("a = uniform(0, 1)\nb = uniform(0, 1)\ny = if a > 0.9 then 1/0 else a + b / 10\n"
                 "s = sensitivity(y)", samples=50_000)
    assert rows["a"]["rankShare"] > 0.8
    assert rows["b"]["rankShare"] < 0.1
    assert "varianceShare" not in rows["a"]  # the variance is infinite
    assert "10,000 of 50,000 samples infinite" in rows["a"]["note"] or \
        "samples infinite or NaN: linear shares off" in rows["a"]["note"]


def test_errors():
    with pytest.raises(dsl.DslError) as info:
        dsl.run("y = pointMass(3) * 2\ns = sensitivity(y)", samples=100)
    assert "no uncertain input" in info.value.message
    with pytest.raises(dsl.DslError):
        dsl.run("x = 2\ns = sensitivity(x)", samples=100)


@pytest.mark.parametrize("rho", [-0.8, 0.0, 0.5, 0.9])
def test_correlate_reaches_the_rank_correlation(rho):
    res = dsl.run(f"a = 1 to 10\nb = normal(0, 1)\npair = correlate([a, b], {rho})\n"
                  "a2 = pair[0]\nb2 = pair[1]", samples=100_000, seed=2)
    b = res.bindings
    got = st.spearmanr(b["a2"].samples, b["b2"].samples)[0]
    assert abs(got - rho) < 0.02
    for orig, new in (("a", "a2"), ("b", "b2")):  # each marginal unchanged, sample for sample
        assert np.array_equal(np.sort(b[orig].samples), np.sort(b[new].samples))
    assert float(dsl.evaluate("mean(correlate([1 to 10, 2 to 3], 0.5)[0])", samples=1000)) == \
        pytest.approx(float(dsl.evaluate("mean(1 to 10)")), rel=1e-12)  # exact law kept


def test_correlate_with_a_matrix():
    m = [[1, 0.5, -0.3], [0.5, 1, 0.2], [-0.3, 0.2, 1]]
    res = dsl.run(f"xs = correlate([normal(0, 1), uniform(0, 1), 1 to 5], {m})",
                  samples=100_000, seed=3)
    cols = np.column_stack([d.samples for d in res.bindings["xs"].items])
    got = st.spearmanr(cols).statistic
    assert np.all(np.abs(got - np.array(m)) < 0.02)


@pytest.mark.parametrize("source,fragment", [
    ("correlate([normal(0, 1), normal(0, 1)], 1.5)", "between -1 and 1"),
    ("correlate([normal(0, 1), normal(0, 1), normal(0, 1)], "
     "[[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])", "positive semi-definite"),
    ("correlate([normal(0, 1), normal(0, 1), normal(0, 1)], -0.9)", "cannot all have"),
    ("correlate([normal(0, 1)], 0.5)", "at least two"),
    ("correlate([normal(0, 1), normal(0, 1)], [[1, 0.5], [0.4, 1]])", "symmetric"),
])
def test_correlate_errors(source, fragment):
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate(source, samples=1000)
    assert fragment in info.value.message


def test_correlated_copies_are_inputs_of_their_own():
    rows = _rows("a = normal(0, 1)\nb = normal(0, 1)\npair = correlate([a, b], 0.6)\n"
                 "a2 = pair[0]\nb2 = pair[1]\ny = a2 + b2\ns = sensitivity(y)", samples=20_000)
    assert set(rows) == {"a2", "b2"}


def test_cli_sensitivity_text_is_golden(capsys):
    path = GOLDEN / "takeoff_ratio.sq"
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        assert main(["run", path.name, "--samples", "20000", "--seed", "3", "--sensitivity",
                     "ratio", "--show", "ratio"]) == 0
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    expected = path.with_suffix(".txt")
    if os.environ.get("SQDSL_REGEN") == "1":
        expected.write_text(out)
    assert out == expected.read_text(), "regenerate with SQDSL_REGEN=1 and review the diff"


def test_cli_sensitivity_json(capsys):
    path = GOLDEN / "takeoff_ratio.sq"
    assert main(["run", str(path), "--samples", "20000", "--json", "--sensitivity", "ratio"]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = document["sensitivity"]["ratio"]
    assert [r["input"] for r in rows] == ["lambda_over_beta", "alpha"]
    # DESIGN.md's fields (null when not shown) and the new ones
    assert set(rows[0]) == {"input", "spearman", "varianceShare", "logVarianceShare",
                            "elasticity", "rankShare", "swingLow", "swingHigh", "note"}


def test_a_sensitivity_binding_prints_as_its_table():
    from dsl.render.report import render_text
    res = dsl.run("a = 1 to 2\nb = 2 to 5\ny = a * b\ns = sensitivity(y)", samples=5000)
    res.info = {"s": res.info["s"]}
    lines = render_text(res, color=False, width=100).splitlines()
    assert lines[0] == "s:"
    assert lines[1].split() == ["input", "rank", "share", "spearman", "var", "share",
                                "log-var", "share", "elasticity"]
    assert [line.split()[0] for line in lines[2:4]] == ["b", "a"]


# ---- the fast paths of rate_inputs agree with the plain definitions ----

@pytest.mark.parametrize("values", [
    np.random.default_rng(0).normal(size=5000),                  # no ties
    np.random.default_rng(1).integers(0, 7, size=5000) * 1.0,    # many ties
    np.array([3.0, np.inf, 1.0, np.inf, -np.inf, 1.0, 2.0]),     # infinities tie too
])
def test_order_is_the_stable_argsort(values):
    from stdlib.ordering import inverse_permutation, stable_argsort
    order = stable_argsort(values)
    assert np.array_equal(order, np.argsort(values, kind="stable"))
    assert np.array_equal(inverse_permutation(order), np.argsort(order, kind="stable"))


def test_ranks_match_scipy_rankdata():
    from stdlib.sensitivity import _ranks
    x = np.random.default_rng(2).integers(0, 50, size=3000) * 0.5
    assert np.array_equal(_ranks(x), st.rankdata(x))


def test_rate_inputs_equals_rating_each_input_on_its_own():
    # large enough for the inputs to be rated in parallel threads
    from stdlib.sensitivity import elasticity, first_order_index, rate_inputs, spearman
    rng = np.random.default_rng(3)
    n = 150_000
    a, b = rng.lognormal(0, 1, n), rng.integers(1, 4, n) * 1.0  # b: a discrete input
    c = rng.uniform(1, 2, n)
    y = a * b ** 2 + c
    rows = {r["input"]: r for r in rate_inputs(y, [("a", a), ("b", b), ("c", c)])}
    for name, x in (("a", a), ("b", b), ("c", c)):
        expected = {"input": name, "spearman": spearman(x, y),
                    "varianceShare": first_order_index(x, y),
                    "logVarianceShare": first_order_index(x, np.log(y)),
                    "elasticity": elasticity(x, y)}
        assert {k: rows[name][k] for k in expected} == expected
    assert st.spearmanr(a, y).statistic == pytest.approx(rows["a"]["spearman"], abs=1e-12)
