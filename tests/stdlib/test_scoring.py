"""Dist.logScore and Dist.klDivergence (stdlib/scoring.py): Squiggle 0.10's definitions
on point sets. Sym.* inputs are deterministic there: their expected values are what
Squiggle 0.10 gave, and they are checked against the closed forms too (the point set
reads the density at 1,000 quantiles, so they agree to its discretisation)."""
import math

import numpy as np
import pytest
from scipy import stats

import dsl


def value(source, **kw):
    return float(dsl.evaluate(source, samples=kw.get("samples", 2000), seed=kw.get("seed", 0)))


def kl_normal(mu_p, sd_p, mu_q, sd_q):
    """KL(P || Q) for normals: the answer P, the estimate Q."""
    return math.log(sd_q / sd_p) + (sd_p ** 2 + (mu_p - mu_q) ** 2) / (2 * sd_q ** 2) - 0.5


@pytest.mark.parametrize("source,squiggle,exact", [
    ("Dist.klDivergence(Sym.normal(5, 2), Sym.normal(5, 1.5))", 0.06874342818671068,
     kl_normal(5, 1.5, 5, 2)),
    ("Dist.logScore({estimate: Sym.normal(5, 2), answer: Sym.normal(5.2, 1)})",
     0.32244107041564646, kl_normal(5.2, 1, 5, 2)),
    ("Dist.logScore({estimate: Sym.normal(5, 2), answer: 4.5})", 1.6433360626394853,
     -stats.norm(5, 2).logpdf(4.5)),
    ("Dist.logScore({estimate: Sym.normal(5, 2), answer: 4.5, prior: Sym.normal(5.5, 3)})",
     -0.429770451476033, stats.norm(5.5, 3).logpdf(4.5) - stats.norm(5, 2).logpdf(4.5)),
    ("Dist.logScore({estimate: Sym.normal(5, 2), answer: Sym.normal(5.2, 1), "
     "prior: Sym.normal(5.5, 3)})", -0.33591375663884876,
     kl_normal(5.2, 1, 5, 2) - kl_normal(5.2, 1, 5.5, 3)),
    ("Dist.logScore({estimate: Sym.lognormal(0, 1), answer: 2})", 1.8523094711310262,
     -stats.lognorm(1).logpdf(2)),
    ("Dist.klDivergence(Sym.uniform(0, 2), Sym.uniform(0, 1))", 0.6931471806292601,
     math.log(2)),
    ("Dist.klDivergence(Sym.normal(0, 1), Sym.normal(0, 1))", 0.0, 0.0),
    # point sets of masses (mixtures of numbers): sums, exactly
    ("Dist.logScore({estimate: mx(1, 2, [0.3, 0.7]), answer: 2})", 0.35667494393873245,
     -math.log(0.7)),
    ("Dist.klDivergence(mx(1, 2, [0.5, 0.5]), mx(1, 2, [0.3, 0.7]))", 0.08228287850505178,
     0.3 * math.log(0.3 / 0.5) + 0.7 * math.log(0.7 / 0.5)),
])
def test_squiggle_numbers_and_closed_forms(source, squiggle, exact):
    got = value(source)
    assert got == pytest.approx(squiggle, rel=1e-9, abs=1e-12)
    assert got == pytest.approx(exact, rel=5e-3, abs=1e-9)


@pytest.mark.parametrize("source", [
    "Dist.klDivergence(Sym.uniform(0, 1), Sym.uniform(0, 2))",   # answer where estimate is 0
    "Dist.klDivergence(Sym.normal(0, 1), Sym.normal(1, 1))",     # the grids' ends differ
    "Dist.logScore({estimate: mx(1, 2, [0.3, 0.7]), answer: 3})",
])
def test_infinite_where_squiggle_is(source):
    assert value(source) == math.inf


def test_outside_the_point_set_the_end_density_is_used():
    # Squiggle reads the density beyond the last point as the last point's: 8.5276
    assert value("Dist.logScore({estimate: Sym.normal(5, 2), answer: 100})") == \
        pytest.approx(8.527627523311114, rel=1e-9)


def test_sample_sets_agree_with_squiggle_and_the_closed_form():
    # Squiggle 0.10 at 200,000 samples, three seeds: 1.6515, 1.6418, 1.6391 for the
    # score and 0.06941, 0.06996, 0.06968 for the divergence; both smooth the samples
    # with the same kernel, so the seed-to-seed spread (about 0.005 and 0.0003) bounds
    # the difference, and the smoothing's bias is small against the closed forms
    n = 200_000
    score = value("Dist.logScore({estimate: normal(5, 2), answer: 4.5})", samples=n, seed=4)
    kl = value("Dist.klDivergence(normal(5, 2), normal(5, 1.5))", samples=n, seed=4)
    assert abs(score - 1.6441) < 5 * 0.005
    assert abs(kl - 0.06968) < 5 * 0.0003 + 0.0015
    assert abs(score + stats.norm(5, 2).logpdf(4.5)) < 0.03
    assert abs(kl - kl_normal(5, 1.5, 5, 2)) < 0.004


@pytest.mark.parametrize("source,fragment", [
    ("Dist.logScore({estimate: 3, answer: 4})", "estimate must be a distribution"),
    ("Dist.logScore({estimate: normal(0, 1), answr: 4})", "unknown key answr"),
    ("Dist.logScore({estimate: normal(0, 1)})", "answer is missing"),
    ("Dist.logScore({estimate: normal(0, 1), answer: \"x\"})", "answer must be a number"),
    ("Dist.logScore({estimate: mx(normal(0, 1) * 1, 3), answer: 1})", "both a density and point"),
    ("Dist.klDivergence(normal(0, 1), 3)", "does not support"),
])
def test_errors_have_positions(source, fragment):
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate("x = 1\n " + source, samples=2000)
    assert fragment in info.value.message
    assert (info.value.line, info.value.column) == (2, 2)
