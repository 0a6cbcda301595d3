"""Monte Carlo standard errors (dsl.engine.mc_error): the formulas, the se a run reports
checked against the spread of estimates over 200 seeds, the digits the text shows, the
wording of probabilities from few events, and the JSON "se" keys."""
import json
import math
from pathlib import Path

import numpy as np
import pytest

import dsl
from dsl.base.figures import format_number
from dsl.engine import mc_error as mc
from dsl.engine.session import Session
from dsl.front.cli import main
from dsl.render.report import render_text


# ---- formulas, against closed forms ----

def test_mean_se_is_sd_over_root_n():
    x = np.random.default_rng(3).normal(10, 2, 400)
    assert mc.mean_se(x) == pytest.approx(np.std(x) / 20, rel=1e-12)
    assert math.isnan(mc.mean_se(np.array([1.0, math.inf])))


def test_stdev_se_by_the_delta_method():
    x = np.random.default_rng(4).normal(0, 1, 10_000)
    c = x - x.mean()
    var, m4 = np.mean(c ** 2), np.mean(c ** 4)
    assert mc.stdev_se(x) == pytest.approx(math.sqrt(m4 - var ** 2) /
                                           (2 * math.sqrt(var) * 100), rel=1e-9)
    # a normal's: sd / sqrt(2n)
    assert mc.stdev_se(x) == pytest.approx(1 / math.sqrt(2 * 10_000), rel=0.05)
    assert mc.stdev_se(np.full(10, 3.0)) == 0.0


def test_quantile_se_is_half_the_68_percent_order_statistic_interval():
    # on 0, 1, ..., n-1 the p-quantile is p (n - 1): the se is s (n - 1) exactly,
    # s = sqrt(p (1 - p) / n)
    n = 1001
    x = np.arange(n, dtype=float)
    for p in (0.05, 0.25, 0.5, 0.95):
        s = math.sqrt(p * (1 - p) / n)
        assert mc.quantile_se(x, [p], presorted=True)[0] == pytest.approx(s * (n - 1))
    # clipped at the ends, and NaN where the interval meets an infinite sample
    assert mc.quantile_se(x, [0.0], presorted=True)[0] == 0.0
    y = np.concatenate([np.arange(10.0), [math.inf] * 10])
    assert math.isnan(mc.quantile_se(y, [0.5])[0])


def test_probability_se_and_the_bounds_of_no_event_and_all():
    assert mc.probability_se(0.2, 400) == pytest.approx(0.02)
    assert mc.probability_se(0.0, 100) == 0.0
    # one-sided 95% Clopper-Pearson: 1 - 0.05^(1/n), near the rule of three 3/n
    assert mc.no_event_bound(100) == pytest.approx(1 - 0.05 ** 0.01, rel=1e-12)
    assert mc.no_event_bound(100_000) == pytest.approx(3 / 100_000, rel=0.002)
    assert mc.all_events_bound(100) == pytest.approx(0.05 ** 0.01, rel=1e-12)
    assert mc.events_of(0.0838, 100_000) == 8380


def test_an_exact_figure_has_se_0():
    res = dsl.run("a = normal(3, 2)\nb = a * 1\nc = mean(a)\nd = prob(bernoulli(0.3) > 0)",
                  samples=1000)
    se = res.bindings["a"].summary()["se"]
    assert se == {"mean": 0.0, "stdev": 0.0, "quantiles": {
        "0.05": 0.0, "0.25": 0.0, "0.5": 0.0, "0.75": 0.0, "0.95": 0.0}}
    assert res.bindings["b"].summary()["se"]["mean"] > 0
    assert "se" not in res.bindings["c"].summary()  # an exact mean: a plain number


# ---- the reported se against the spread over seeds ----

SEEDS = 200
MODEL = ("y = (1 to 3) * normal(5, 1)\nm = mean(y)\nmed = median(y)\n"
         "q5 = quantile(y, 0.05)\np = prob(y > 12)")


@pytest.fixture(scope="module")
def over_seeds():
    values = {k: [] for k in ("m", "med", "q5", "p")}
    ses = {k: [] for k in values}
    summary_ses = []
    for seed in range(SEEDS):
        res = Session(samples=2000, seed=seed).run(MODEL)
        for k in values:
            v = res.info[k].value
            values[k].append(v.value)
            ses[k].append(v.se)
        summary_ses.append(res.info["y"].value.summary()["se"])
    return values, ses, summary_ses


@pytest.mark.parametrize("name", ["m", "med", "q5", "p"])
def test_the_reported_se_matches_the_spread_over_200_seeds(over_seeds, name):
    values, ses, _ = over_seeds
    spread = np.std(values[name], ddof=1)  # itself known to ~5% (1/sqrt(2 * 199))
    assert np.mean(ses[name]) == pytest.approx(spread, rel=0.2)


def test_the_summary_se_is_the_same_as_the_numbers(over_seeds):
    values, ses, summary_ses = over_seeds
    assert summary_ses[0]["mean"] == pytest.approx(ses["m"][0], rel=1e-12)
    assert summary_ses[0]["quantiles"]["0.5"] == pytest.approx(ses["med"][0], rel=1e-9)
    assert summary_ses[0]["quantiles"]["0.05"] == pytest.approx(ses["q5"][0], rel=1e-9)
    spread = np.std(values["q5"], ddof=1)
    assert np.mean([s["quantiles"]["0.05"] for s in summary_ses]) == \
        pytest.approx(spread, rel=0.2)


# ---- digits ----

@pytest.mark.parametrize("x, se, most, text", [
    (1.8312, 0.002, 4, "1.831"),   # to the se's leading digit
    (1.8312, 0.002, 3, "1.83"),    # and no more than the report's usual digits
    (1.8312, 0.02, 4, "1.83"),
    (1.8312, 0.3, 4, "1.8"),
    (1.8312, 3.0, 4, "2"),
    (0.0123, 0.1, 3, "0"),         # smaller than its error: 0
    (0.06, 0.1, 3, "0.1"),
    (1_745_123.0, 6770, 3, "1.75M"),
    (0.996, 0.05, 3, "1"),
    (2.5, 0.0, 3, "2.5"),          # exact: as usual
    (2.5123, math.nan, 3, "2.51"),  # unknown: as usual
])
def test_no_more_digits_than_the_error_supports(x, se, most, text):
    value, digits = mc.shown(x, se, most)
    assert format_number(value, digits) == text


def test_the_report_limits_digits_by_the_error():
    res = dsl.run("x = normal(1.8312, 0.2) * 1\nm = mean(x)\nexact = mean(normal(1.8312, 1))",
                  samples=100)
    assert res.bindings["m"].se == pytest.approx(0.02, rel=0.2)
    text = render_text(res, color=False, width=80)
    assert "\nm: 1.83\n" in text  # se 0.02: not 1.832
    assert "exact: 1.831" in text  # an exact figure keeps its 4 digits
    # the summary's figures too (se of the mean 0.02, of the 5% quantile ~0.05)
    assert "mean 1.83  stdev 0.17  5% 1.6  25% 1.73" in text


# ---- few events ----

@pytest.mark.parametrize("k, n, text", [
    (0, 100, "< 0.03 (0 of 100 samples)"),
    (2, 100, "0.02 (2 of 100 samples)"),
    (100, 100, "> 0.97 (100 of 100 samples)"),
    (9, 1000, "0.009 (9 of 1,000 samples)"),
    (8376, 100_000, "0.0838"),
])
def test_a_probability_from_few_events_says_so(k, n, text):
    assert mc.probability_text(k / n, k, n, format_number) == text


def test_sq_eval_prints_few_events_with_their_count(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["eval", "{x = normal(0, 1) * 1; [prob(x > 3), prob(x > 1)]}",
                 "--samples", "100"]) == 0
    assert capsys.readouterr().out == "[< 0.03 (0 of 100 samples), 0.11]\n"
    assert main(["eval", "normal(0, 1) > 2.5", "--samples", "100"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("probability < 0.03 (0 of 100 samples)  ░░░")
    assert main(["eval", "normal(0, 1) > 1.7", "--samples", "100"]) == 0
    assert capsys.readouterr().out.startswith("probability 0.05 (5 of 100 samples)  ")


# ---- JSON ----

def test_json_carries_se_beside_each_figure(tmp_path, capsys):
    model = tmp_path / "m.sq"
    model.write_text("x = normal(5, 1) * 1\nc = x > 6\np = prob(x > 6)\nq = quantile(x, 0.9)\n"
                     "e = mean(normal(5, 1))\n")
    assert main(["run", str(model), "--json", "--samples", "400"]) == 0
    doc = json.loads(capsys.readouterr().out)["bindings"]
    x = doc["x"]
    assert set(x["se"]) == {"mean", "stdev", "quantiles"}
    assert set(x["se"]["quantiles"]) == set(x["quantiles"])
    assert x["se"]["mean"] == pytest.approx(x["stdev"] / 20)
    p = doc["p"]["value"]
    assert doc["p"]["se"] == pytest.approx(math.sqrt(p * (1 - p) / 400))
    assert doc["p"]["events"] == round(p * 400) and doc["p"]["samples"] == 400
    assert doc["c"]["se"] == {"mean": pytest.approx(doc["p"]["se"])}
    assert doc["c"]["events"] == doc["p"]["events"] and doc["c"]["samples"] == 400
    assert doc["q"]["se"] > 0
    assert doc["e"] == {"type": "number", "value": 5.0}  # exact: no se


def test_a_conditions_one_line_form_says_how_it_was_estimated():
    # the issue's `P = 0` at 100 samples: now the bound and the count
    res = dsl.run("x = normal(0, 1) * 1\nrare = x > 3\nc = x > 1\nb = bernoulli(0.3)",
                  samples=100)
    assert res.bindings["rare"].describe() == "P < 0.03 (0 of 100 samples)"
    assert repr(res.bindings["c"]) == "Dist(P = 0.18; n=100)"  # se 0.038: 2 digits
    assert res.bindings["b"].describe() == "P = 0.3"  # an exact law: as it is


# ---- heavy tails ----

def test_a_variance_made_by_a_few_samples_is_flagged():
    rng = np.random.default_rng(5)
    assert not mc.tail_dominated(rng.normal(0, 1, 100_000))
    assert not mc.tail_dominated(rng.lognormal(0, 1, 100_000))
    # an infinite variance: a handful of samples make it
    assert mc.tail_dominated(rng.standard_cauchy(100_000))
    assert mc.tail_dominated(rng.pareto(1.5, 100_000))
    assert not mc.tail_dominated(np.full(10, 2.0))


def test_an_unreliable_mean_says_so_in_json_text_and_precision():
    # the README's cost per life: efficacy normal({mean: 0.17, stdev: 0.04}) near 0
    path = Path(__file__).parents[2] / "examples" / "cost_per_life.sq"
    res = dsl.run(path.read_text() + "\nm = mean(cost_per_life)\n", samples=100_000)
    se = res.bindings["cost_per_life"].summary()["se"]
    assert se["unreliable"] == ["mean", "stdev"] and se["mean"] > 0
    assert res.bindings["m"].summary()["unreliable"] is True
    assert mc.TAIL_NOTE.split(":")[0] in render_text(res, color=False, width=200)
    light = dsl.run("x = normal(5, 1) * 1\nm = mean(x)", samples=1000)
    assert "unreliable" not in light.bindings["x"].summary()["se"]
    assert "unreliable" not in light.bindings["m"].summary()
