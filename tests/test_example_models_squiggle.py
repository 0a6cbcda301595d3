"""The examples written in Squiggle 0.10's newer style (issue 17): a Fermi estimate with
``@notebook`` and formatted strings, a release forecast with ``Date`` and ``Duration``, a
cost-effectiveness model with record shorthand and unit annotations, and a forecaster
scored with ``Dist.logScore``.

Each is also a program of the Squiggle corpus (tests/squiggle/programs/model_*.squiggle,
the same text, checked there against what real Squiggle 0.10 gave). Here their headline
numbers are checked against closed forms (scipy) or an independent numpy re-derivation,
with the tolerances and helpers of test_example_models.py.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import dsl
from dsl import DslError
from test_example_models import (REF_N, close_mean, close_prob, draw_to, exact, lognormal,
                                 rng, run)

ROOT = Path(__file__).resolve().parents[1]

# example file -> the corpus program with the same text
CORPUS_TWINS = {
    "lost_golf_balls": "model_fermi_lost_golf_balls",
    "launch_date": "model_forecast_launch_date",
    "chlorine_dispensers": "model_ce_chlorine_dispensers",
    "forecast_scoring": "model_forecast_scoring",
}


@pytest.mark.parametrize("example", sorted(CORPUS_TWINS))
def test_example_is_its_corpus_program(example):
    # The corpus records real Squiggle on exactly this text, so an edit to one must be
    # made to the other (and the program re-recorded).
    text = (ROOT / "examples" / f"{example}.sq").read_text()
    twin = ROOT / "tests" / "squiggle" / "programs" / f"{CORPUS_TWINS[example]}.squiggle"
    assert text == twin.read_text()


def mixture_sf(x: float, parts: list[tuple[float, float, float]]) -> float:
    """P(X > x) for a mixture of lognormals given as (weight, mu, sigma)."""
    return sum(w * stats.norm.sf((math.log(x) - mu) / s) for w, mu, s in parts)


# ---- lost_golf_balls.sq -------------------------------------------------------------

def golf_parts() -> list[tuple[float, float, float]]:
    """ballsLost as a mixture of two lognormals: golfers * lost per round times either
    rounds component (a product of lognormals is lognormal)."""
    golfers, lost = lognormal(22e6, 30e6), lognormal(0.5, 4)
    parts = []
    for weight, (low, high) in ((0.7, (2, 10)), (0.3, (20, 80))):
        mu, s = lognormal(low, high)
        parts.append((weight, golfers[0] + lost[0] + mu,
                      math.sqrt(golfers[1] ** 2 + lost[1] ** 2 + s ** 2)))
    return parts


def test_golf_point_estimate_and_notebook_text():
    b = run("lost_golf_balls")
    exact(b["pointEstimate"], 26e6 * (0.7 * 5 + 0.3 * 40) * 1.5)
    assert b["summary"][2] == ("A point estimate with central values gives "
                               "**604,500,000** balls a year (0.60 billion).")
    assert b["summary"][3].endswith("Balls are worth $1.50 to $4.00 each, new.")
    assert set(b["summary"][1]) == {"ballsLost", "valueLost"}


def test_golf_balls_lost_against_the_lognormal_mixture():
    b = run("lost_golf_balls")
    parts = golf_parts()
    close_prob(b["pOverBillion"], mixture_sf(1e9, parts))
    mean = sum(w * math.exp(mu + s ** 2 / 2) for w, mu, s in parts)
    close_mean(float(np.mean(b["ballsLost"])), mean, float(np.std(b["ballsLost"])))


# ---- launch_date.sq -----------------------------------------------------------------

def launch_total_days(g) -> np.ndarray:
    """Kickoff to release in calendar days, re-derived in numpy."""
    build = np.where(g.random(REF_N) < 0.8, draw_to(g, 40, 80), draw_to(g, 90, 170))
    return 1.4 * (draw_to(g, 10, 30) + build + draw_to(g, 10, 25)) + draw_to(g, 7, 21)


def test_launch_dates_and_durations_are_exact():
    b = run("launch_date")
    assert b["kickoff"] == np.datetime64("2025-03-03")
    assert b["plannedRelease"] == np.datetime64("2025-07-01")  # 120 days after kickoff
    exact(b["daysAvailable"], 196)
    assert b["slack"] == np.timedelta64(76, "D")
    assert b["plannedBeforeEvent"] is True
    exact(b["lateAtPlan"], 0)
    exact(b["lateAtQuarterLater"], 2)  # 90 days after July 1 is 14 days past Sep 15
    assert [r["date"] for r in b["byDate"]] == [
        np.datetime64(d) for d in ("2025-07-01", "2025-08-01", "2025-09-15", "2025-11-01")]
    assert b["summary"][2] == ("The plan's 120 days would release on Tue Jul 01 2025, "
                               "leaving 76 days of slack.")


def test_launch_probabilities_against_numpy():
    b = run("launch_date")
    total = launch_total_days(rng(31))
    close_prob(b["pOnTime"], float(np.mean(total <= 196)), REF_N)
    for row, days in zip(b["byDate"], (120, 151, 196, 243)):
        close_prob(row["p"], float(np.mean(total <= days)), REF_N)


def test_a_release_date_outside_the_domain_is_refused():
    source = (ROOT / "examples" / "launch_date.sq").read_text()
    with pytest.raises(DslError) as err:
        dsl.run(source + "\nlater = weeksLate(Date(2028, 1, 1))\n", samples=1000, seed=0)
    assert err.value.line == source.count("\n") + 2


# ---- chlorine_dispensers.sq ---------------------------------------------------------

def chlorine_reference(g) -> dict:
    """The model's outcomes re-derived in numpy (2,000 dispensers for 5 years)."""
    total_cost = 2000 * (draw_to(g, 300, 700) + 5 * draw_to(g, 60, 160))
    adherence = g.beta(5, 5, REF_N)
    reduction, per_death = draw_to(g, 0.08, 0.3), draw_to(g, 50, 65)
    rural = (2000 * draw_to(g, 80, 300) * 5 * adherence * draw_to(g, 0.0008, 0.003)
             * reduction * per_death)
    peri = (2000 * draw_to(g, 300, 900) * 5 * adherence * draw_to(g, 0.0004, 0.0015)
            * reduction * per_death)
    return {"rural": total_cost / rural, "periUrban": total_cost / peri}


def test_chlorine_cost_per_daly_against_numpy():
    b = run("chlorine_dispensers")
    ref = chlorine_reference(rng(32))
    close_prob(b["pBeatsBar"], float(np.mean(ref["rural"] <= 100)), REF_N)
    for got, key in zip(b["medianCostPerDaly"], ("rural", "periUrban")):
        # the reference's probability below the DSL's median is 1/2
        close_prob(float(np.mean(ref[key] <= got)), 0.5, REF_N)
    np.testing.assert_array_equal(b["headline"]["costPerDaly"], b["costPerDaly"])
    np.testing.assert_array_equal(b["rural"]["costPerDaly"], b["costPerDaly"])


def test_chlorine_units_are_checked():
    # Mis-annotating the headline (dollars, not dollars per DALY) must be refused where
    # Squiggle 0.10 refuses it: at the start of the statement that mixes the units, its
    # first decorator (line 30, column 1, as real Squiggle reports).
    source = (ROOT / "examples" / "chlorine_dispensers.sq").read_text()
    line = next(i for i, text in enumerate(source.splitlines(), 1)
                if text.startswith('@name("Cost per DALY'))
    wrong = source.replace("costPerDaly :: usd/daly =", "costPerDaly :: usd =")
    with pytest.raises(DslError) as err:
        dsl.run(wrong, samples=1000, seed=0)
    assert "Conflicting unit types" in str(err.value)
    assert (err.value.line, err.value.column) == (line, 1)


# ---- forecast_scoring.sq ------------------------------------------------------------

# Squiggle 0.10 scores a distribution on its point set (xyPointLength 1,000 points,
# linear between them: dists/distOperations/logScore.ts), and sqdsl does the same, so a
# score is minus the log density up to that grid's interpolation error: about 1e-6 for
# these forecasts, 1e-5 allowed.
GRID = 1e-5


def neg_log_pdf(law, x: float) -> float:
    return -float(law.logpdf(x))


def forecasts():
    """(answer, Alice's law, Bob's law) for each question, in scipy."""
    mu, s = lognormal(2, 5)
    mu_days, s_days = lognormal(10, 120)
    return [
        (2.9, stats.norm(3.2, 0.6), stats.lognorm(s, scale=math.exp(mu))),
        (74, stats.norm(85, 10), stats.norm(78, 12)),
        (0.41, stats.beta(9, 11), stats.beta(40, 60)),
        (45, stats.lognorm(s_days, scale=math.exp(mu_days)), stats.expon(scale=30)),
    ]


def test_log_scores_are_minus_the_log_density():
    b = run("forecast_scoring")
    expected = [(neg_log_pdf(a, x), neg_log_pdf(c, x)) for x, a, c in forecasts()]
    for row, (alice, bob) in zip(b["scores"], expected):
        assert abs(row["alice"] - alice) <= GRID, (row, alice)
        assert abs(row["bob"] - bob) <= GRID, (row, bob)
    assert abs(b["meanScores"]["alice"] - np.mean([a for a, _ in expected])) <= GRID
    assert abs(b["meanScores"]["bob"] - np.mean([c for _, c in expected])) <= GRID
    assert b["winners"] == ["Alice" if a < c else "Bob" for a, c in expected]
    exact(b["aliceWins"], 2)


def test_log_score_against_a_prior_is_the_log_density_ratio():
    b = run("forecast_scoring")
    prior = stats.norm(80, 30)
    _, alice, bob = forecasts()[1]
    for name, law in (("alice", alice), ("bob", bob)):
        want = neg_log_pdf(law, 74) - neg_log_pdf(prior, 74)
        assert abs(b["vsPrior"][name] - want) <= 2 * GRID


def test_pooled_forecast_scores_the_average_density():
    # Dist.normalize(a .+ b) is the density (pdf_a + pdf_b) / 2, held on a grid in
    # Squiggle (and in sqdsl): its score agrees with the exact one to grid accuracy.
    b = run("forecast_scoring")
    for got, (x, alice, bob) in zip(b["poolScores"], forecasts()):
        want = -math.log((alice.pdf(x) + bob.pdf(x)) / 2)
        assert abs(got - want) <= 0.01 * max(1.0, abs(want)), (got, want)
