"""Sensitivity over every source of uncertainty (issue 21): call sites inside
expressions and functions, a mixture's choice, groups; the rank share on models whose
answer is known in closed form; the heavy-tailed cost-per-life model; the swing bars;
the text's top ten."""
import math

import numpy as np
import pytest

import dsl
from dsl.engine.call_sites import replay_uniforms
from dsl.render.tornado import render_sensitivity


def _rows(source, name="s", samples=200_000, seed=1):
    value = dsl.run(source, samples=samples, seed=seed).bindings[name]
    return {r["input"]: r for r in value.to_python()}


def _rank_share(share):
    """The rank share of an input of a sum of independent normals whose linear share is
    ``share``: E[F(Y)|X] = Phi(X / sqrt(V + V_rest)), so 12 Var(E[F(Y)|X]) =
    (6 / pi) asin(share / 2)."""
    return 6 / math.pi * math.asin(share / 2)


def test_additive_model_rank_and_linear_shares_are_exact():
    rows = _rows("x1 = normal(0, 1)\nx2 = normal(0, 2)\ny = x1 + x2\ns = sensitivity(y)")
    # Monte Carlo error of these shares at 200k samples is ~0.002
    assert rows["x1"]["rankShare"] == pytest.approx(_rank_share(0.2), abs=0.01)
    assert rows["x2"]["rankShare"] == pytest.approx(_rank_share(0.8), abs=0.01)
    assert rows["x1"]["varianceShare"] == pytest.approx(0.2, abs=0.01)
    assert rows["x2"]["varianceShare"] == pytest.approx(0.8, abs=0.01)
    assert list(rows) == ["x2", "x1"]
    # the swing: y's median with x2 at its own 5th / 95th percentile is E[x2 | x2 ~ p]
    assert rows["x2"]["swingLow"] == pytest.approx(-2 * 1.6449, abs=0.1)
    assert rows["x2"]["swingHigh"] == pytest.approx(2 * 1.6449, abs=0.1)


def test_multiplicative_model_log_and_rank_shares_are_exact():
    # ln y = ln a + ln b: shares of the log-variances, and ranks of y are those of ln y
    rows = _rows("a = lognormal(0, 1)\nb = lognormal(0, 0.5)\ny = a * b\ns = sensitivity(y)")
    assert rows["a"]["logVarianceShare"] == pytest.approx(0.8, abs=0.01)
    assert rows["b"]["logVarianceShare"] == pytest.approx(0.2, abs=0.01)
    assert rows["a"]["rankShare"] == pytest.approx(_rank_share(0.8), abs=0.01)
    assert rows["a"]["elasticity"] == pytest.approx(1, abs=0.01)


COST_PER_LIFE = """cost = 1M to 5M
efficacy = normal({mean: 0.17, stdev: 0.04})
people = 500 to 2000
lives = people * efficacy / 100
cost_per_life = cost / lives
"""


def _efficacy(samples, seed):
    session = dsl.Session(samples=samples, seed=seed)
    session.run(COST_PER_LIFE)
    return {r["input"]: r for r in session.sensitivity("cost_per_life")}["efficacy"]


def test_heavy_tailed_model_rank_share_is_stable_across_sample_sizes():
    """The issue's cost-per-life model: 1/efficacy has an infinite variance, so its linear
    share falls as samples grow, and one negative sample in 100,000 stops log shares.
    The rank share of efficacy stays within Monte Carlo error at 100k and 1M samples
    (and at 5M, checked by hand: 0.1255 on seed 0, 20 s, too slow for the suite)."""
    at_100k = [_efficacy(100_000, seed)["rankShare"] for seed in range(5)]
    spread = float(np.std(at_100k, ddof=1))  # the Monte Carlo error at 100k
    assert 0 < spread < 0.01
    at_1m = _efficacy(1_000_000, 0)
    assert abs(at_1m["rankShare"] - np.mean(at_100k)) < 4 * spread
    first = _efficacy(100_000, 0)
    assert "1 of 100,000 samples <= 0: log shares off" in first["note"]
    assert "linear shares unstable" in first["note"]
    assert first["varianceShare"] is None and first["logVarianceShare"] is None
    assert first["spearman"] == pytest.approx(-0.34, abs=0.02)
    assert "linear shares unstable" in at_1m["note"]


def test_inline_sites_and_the_mixture_choice_are_inputs():
    # (a mixture of numbers only would be Squiggle's point set, and arithmetic with a
    # point set draws afresh: then the whole product is one input)
    rows = _rows("n = 100 to 1000\n"
                 "cost = n ^ (0.6 to 0.8) * mx(1, 8 to 12, [0.7, 0.3])\n"
                 "s = sensitivity(cost)", samples=100_000)
    assert set(rows) == {"n", "0.6 to 0.8 (line 2)", "8 to 12 (line 2)",
                         "choice of mx(1, 8 to 12, [0.7, 0.3]) (line 2)"}
    # the scenario is the main driver here, and every input explains something
    assert max(rows, key=lambda k: rows[k]["rankShare"]).startswith("choice of mx")
    assert rows["n"]["rankShare"] > 0.15 and rows["0.6 to 0.8 (line 2)"]["rankShare"] > 0.05
    assert rows["8 to 12 (line 2)"]["rankShare"] < 0.01  # narrow, and in 30% of samples
    # the named input explains a fifth of the ranks; the rest have rows of their own
    assert sum(r["rankShare"] for r in rows.values()) == pytest.approx(0.95, abs=0.05)


def test_the_mixture_choice_share_is_exact():
    # y = B + e, B a fair coin between 0 and 1: Var(B) / Var(y) = 0.25 / 0.26 (the
    # components' own spread, 1e-8, is nothing)
    rows = _rows("b = mx(normal(0, 1e-4), normal(1, 1e-4))\ny = b + normal(0, 0.1)\n"
                 "s = sensitivity(y)")
    choice = rows["b: choice"]
    assert choice["varianceShare"] == pytest.approx(0.25 / 0.26, abs=0.005)
    assert rows["normal(0, 0.1) (line 2)"]["varianceShare"] == pytest.approx(0.01 / 0.26,
                                                                               abs=0.005)


@pytest.mark.parametrize("samples", [1000, 300_000])  # one stream; chunks of children
def test_replayed_uniforms_are_the_mixture_s_choice(samples):
    session = dsl.Session(samples=samples, seed=4)
    session.run("m = mx(normal(0, 1e-9), normal(1, 1e-9), [0.3, 0.7])")
    site, = [s for s in session.evaluator.sites.by_scope["m"] if s.builtin == "Dist.mixture"]
    u = replay_uniforms(site, samples)
    assert np.array_equal(u >= 0.3, session.evaluator.graph["m"].value.samples > 0.5)


def test_a_function_s_site_counts_once_per_calling_binding():
    rows = _rows("f(x) = x * normal(1, 0.1)\ny = f(2) + f(3)\nz = f(5)\nt = y + z\n"
                 "s = sensitivity(t)", samples=50_000)
    assert set(rows) == {"normal(1, 0.1) (line 1, in y) ×2", "normal(1, 0.1) (line 1, in z)"}
    both, alone = rows["normal(1, 0.1) (line 1, in y) ×2"], rows["normal(1, 0.1) (line 1, in z)"]
    # Var of 2e1 + 3e2 is 13 sigma^2, of 5e3 25 sigma^2: additive, so the group's share
    # (the sum of its calls') is exact
    assert both["varianceShare"] == pytest.approx(13 / 38, abs=0.02)
    assert alone["varianceShare"] == pytest.approx(25 / 38, abs=0.02)
    assert both["calls"] == 2 and both["spearman"] is None if "spearman" in both else True


def test_groups_by_name_and_by_binding():
    source = ("a = normal(0, 1)\nb = normal(0, 1)\nc = normal(0, 2)\n"
              "y = a + b + c + normal(0, 1)\n")
    rows = _rows(source + 's = sensitivity(y, {groups: {ab: ["a", "b"]}})')
    assert set(rows) == {"ab", "c", "normal(0, 1) (line 4)"}
    assert rows["ab"]["varianceShare"] == pytest.approx(2 / 7, abs=0.01)
    assert rows["ab"]["calls"] == 2
    by = _rows(source + 's = sensitivity(y, {by: "binding"})')
    assert set(by) == {"a", "b", "c", "y"}  # y: the site written in y
    with pytest.raises(dsl.DslError) as info:
        dsl.run(source + 's = sensitivity(y, {groups: {g: ["nope"]}})', samples=1000)
    assert "no input 'nope'" in info.value.message
    with pytest.raises(dsl.DslError) as info:
        dsl.run(source + 's = sensitivity(y, {method: "fast"})', samples=1000)
    assert 'method must be "rank"' in info.value.message


def test_stable_shares_are_shown_and_the_note_says_so():
    rows = _rows("a = 1 to 2\nb = 2 to 5\ny = a * b\ns = sensitivity(y)", samples=50_000)
    assert all("varianceShare" in r and "logVarianceShare" in r for r in rows.values())
    assert rows["a"]["note"].endswith("linear and log shares stable")


def test_the_text_shows_ten_inputs_and_a_line_for_the_rest():
    terms = " + ".join(f"x{i}" for i in range(12))
    source = "".join(f"x{i} = normal(0, {i + 1})\n" for i in range(12)) + f"y = {terms}\n"
    session = dsl.Session(samples=20_000, seed=0)
    session.run(source)
    text = render_sensitivity("y", session.sensitivity("y"))
    assert "(12 inputs, most important first)" in text
    assert "... and 2 more inputs (rank share" in text
    table = text.split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in table[2:12]] == [f"x{i}" for i in range(11, 1, -1)]
    assert "swing: median of y" in text


def test_a_site_in_an_imported_function_names_its_file(tmp_path):
    (tmp_path / "lib.sq").write_text("export noisy(x) = x * normal(1, 0.1)\n")
    (tmp_path / "main.sq").write_text('import "./lib.sq" as lib\na = 1 to 2\n'
                                      "y = lib.noisy(a)\n")
    session = dsl.Session(samples=20_000, seed=0)
    session.run((tmp_path / "main.sq").read_text(), str(tmp_path / "main.sq"))
    labels = [r["input"] for r in session.sensitivity("y")]
    assert labels == ["a", "normal(1, 0.1) (lib.sq:1, in y)"]
    # Sobol re-runs replace the imported function's stream too: y = a * e, independent
    rows = {r["input"]: r for r in session.sensitivity("y", sobol=True)}
    assert rows["normal(1, 0.1) (lib.sq:1, in y)"]["sobolTotal"] > 0.1


def test_the_note_wraps_at_its_reasons():
    rows = [{"input": "x", "rankShare": 0.5, "spearman": 0.7,
             "note": "the tornado uses rank shares (the share of the output's ranks, which "
                     "exists whatever the tails); variance dominated by 0.1% of samples: "
                     "linear shares unstable; 1 of 100,000 samples <= 0: log shares off"}]
    text = render_sensitivity("y", rows)
    assert "\n  1 of 100,000 samples <= 0: log shares off" in text
    assert all(len(line) <= 88 for line in text.splitlines())


def test_a_place_called_more_often_than_kept_is_rated_by_sobol_only():
    from dsl.engine.call_sites import SiteLog
    calls = SiteLog.KEEP + 8
    source = (f"a = normal(0, 1)\ny = a + Dist.sum(List.upTo(1, {calls}) -> "
              "List.map({|i| normal(0, 0.2)}))\n")
    session = dsl.Session(samples=50_000, seed=0)
    session.run(source)
    assert len(session.evaluator.sites.by_scope["y"]) == SiteLog.KEEP  # the rest counted
    rows = {r["input"]: r for r in session.sensitivity("y", sobol=True)}
    many = rows[f"normal(0, 0.2) (line 2) ×{calls}"]
    assert many["rankShare"] is None and many["calls"] == calls
    # Var(sum of 40 normal(0, 0.2)) = 1.6 against a's 1: the wildcard replaced them all
    assert many["sobolTotal"] == pytest.approx(1.6 / 2.6, abs=0.03)
    assert rows["a"]["sobolTotal"] == pytest.approx(1 / 2.6, abs=0.03)


def test_an_inline_array_is_freed_and_drawn_again_when_asked():
    # the log holds arrays weakly: the run's memory is what it was without it
    session = dsl.Session(samples=20_000, seed=3)
    session.run("n = 100 to 1000\ny = n ^ (0.6 to 0.8)")
    site, = session.evaluator.sites.by_scope["y"]
    assert site.drew and site.samples is None  # `0.6 to 0.8` was dropped after the power
    from dsl.engine.pick_freeze import recapture
    again, = recapture(session.evaluator, "y")
    n = session.evaluator.graph["n"].value.samples
    y = session.evaluator.graph["y"].value.samples
    assert np.array_equal(n ** again.samples, y)  # the same numbers as the run drew
    rows = {r["input"]: r for r in session.sensitivity("y")}
    assert set(rows) == {"n", "0.6 to 0.8 (line 2)"}
