"""An exact mean or stdev far from the samples' is marked in the report (dsl/engine/exact_note.py):
``0.1 to 2M`` reports its law's stdev, 9.8e13, while its samples have about 2e10."""
from __future__ import annotations

import math

import numpy as np
import pytest

import dsl
from dsl.engine.display import format_number
from dsl.engine.exact_note import LIMIT, sample_gap
from dsl.render.report import render_text

Z95 = 1.6448536269514722  # the 95% point of the standard normal


def wide(seed: int = 0, samples: int = 100_000):
    return dsl.Session(samples=samples, seed=seed).evaluate("0.1 to 2M")


def test_the_wide_range_reports_its_exact_law():
    d = wide()
    mu = (math.log(0.1) + math.log(2e6)) / 2
    sigma = (math.log(2e6) - math.log(0.1)) / (2 * Z95)
    exact_mean = math.exp(mu + sigma ** 2 / 2)
    exact_stdev = exact_mean * math.sqrt(math.expm1(sigma ** 2))
    assert d.mean() == pytest.approx(exact_mean, rel=1e-9)
    assert d.stdev() == pytest.approx(exact_stdev, rel=1e-9)
    assert exact_stdev == pytest.approx(9.817e13, rel=1e-3)
    # the samples' stdev is about 2e10: the exact figure is 4,000 times larger
    assert np.std(d.samples) < exact_stdev / 1000


def test_the_report_marks_the_exact_figures_and_gives_the_samples():
    result = dsl.Session(samples=100_000, seed=0).run("x = 0.1 to 2M")
    text = render_text(result, color=False, width=80)
    d = result.bindings["x"]
    samples = d.samples
    mean, stdev, _ = d.stats()
    gap = sample_gap(d, mean, stdev)
    assert gap is not None and "stdev" in gap.figures
    assert gap.figures["stdev"] == pytest.approx(float(np.std(samples)), rel=1e-12)
    assert "stdev 98.2T (exact)" in text
    assert ("mean 210M (exact)" in text) == ("mean" in gap.figures)
    flat = " ".join(text.split())
    values = " and ".join(f"{k} {format_number(v)}" for k, v in gap.figures.items())
    assert (f"exact (the distribution's law); its 100,000 samples, which arithmetic on it "
            f"uses, have {values}: more than 4 standard errors away") in flat


def test_mean_of_the_range_and_of_arithmetic_on_it_differ():
    """The difference the note explains: mean(x * 1) is the samples' mean."""
    got = dsl.Session(samples=100_000, seed=0).evaluate("{x = 0.1 to 2M; [mean(x), mean(x * 1)]}")
    exact, sampled = (v.value for v in got.items)
    d = wide()
    assert exact == pytest.approx(d.mean(), rel=1e-12)
    assert sampled == pytest.approx(float(np.mean(d.samples)), rel=1e-12)
    assert exact != pytest.approx(sampled, rel=0.05)


@pytest.mark.parametrize("source", ["normal(0, 1)", "uniform(0, 1)", "beta(2, 5)",
                                    "exponential(1)", "gamma(2, 1)", "1 to 10",
                                    "truncate(normal(0, 1), -1, 3)",
                                    "SampleSet.fromList([1, 2, 3, 10])"])
def test_light_tails_are_not_marked(source):
    """A sample statistic of a light-tailed law is within 4 standard errors of the
    exact one except about 6 times in 100,000: 20 seeds each never mark it."""
    for seed in range(20):
        d = dsl.Session(samples=2_000, seed=seed).evaluate(source)
        mean, stdev, _ = d.stats()
        assert sample_gap(d, mean, stdev) is None, (source, seed)


def test_figures_known_by_their_samples_are_never_marked():
    d = dsl.Session(samples=100_000, seed=0).evaluate("(0.1 to 2M) * 1")
    assert d.law is None
    mean, stdev, _ = d.stats()
    assert sample_gap(d, mean, stdev) is None
    text = render_text(dsl.Session(samples=100_000, seed=0).run("y = (0.1 to 2M) * 1"),
                       color=False, width=80)
    assert "(exact)" not in text


def test_the_rule_is_4_standard_errors_of_the_samples():
    """A planted exact mean just inside and just outside 4 standard errors."""
    d = dsl.Session(samples=10_000, seed=3).evaluate("normal(0, 1)")
    x = d.samples
    se = float(np.std(x)) / math.sqrt(x.size)
    m, sd = float(np.mean(x)), float(np.std(x))
    assert sample_gap(d, m + 0.99 * LIMIT * se, sd) is None
    gap = sample_gap(d, m + 1.01 * LIMIT * se, sd)
    assert gap is not None and list(gap.figures) == ["mean"]
    assert gap.figures["mean"] == pytest.approx(m, rel=1e-12)
    # an infinite exact figure against finite samples is far
    assert list(sample_gap(d, math.inf, sd).figures) == ["mean"]
    # an undefined one (NaN) says nothing
    assert sample_gap(d, math.nan, sd) is None
