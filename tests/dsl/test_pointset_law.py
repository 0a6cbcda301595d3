"""dsl.engine.pointset_law against the numbers Squiggle 0.10 gives for the same point sets
(recorded with node and @quri/squiggle-lang 0.10.0) and against closed forms."""
import math

import numpy as np
import pytest

from dsl.engine import closed_forms as cf
from dsl.engine.pointset_law import PointSetLaw, from_quantiles, positive_segments

SHAPE = ([0, 1, 2, 3], [0.2, 0.7, 0.8, 0.2])


def close(a, b, rel=1e-12):
    return a == pytest.approx(b, rel=rel, abs=1e-15)


def test_continuous_matches_squiggle():
    # PointSet.makeContinuous(SHAPE): Squiggle 0.10 gives these (its mean is not
    # normalised: the y's integrate to 1.7)
    law = PointSetLaw(SHAPE)
    assert close(law.mean(), 2.599999999999999)
    assert close(law.ppf(0.1), 0.22222222222222227)
    assert close(law.ppf(0.5), 1.0666666666666667)
    assert close(law.cdf(1.5), 0.825)
    assert close(law.pdf(1.5), 0.4411764705882353)
    assert close(law.pdf(5), 0.11764705882352942)  # flat past the last point
    assert law.support() == ([], [(0.0, 3.0)])
    assert close(law.integral_sum(), 1.7)


def test_discrete_matches_squiggle():
    law = PointSetLaw(discrete=SHAPE)
    assert close(law.mean(), 2.9)
    assert close(law.ppf(0.3), 0.9999999999999996)
    assert close(law.cdf(1), 0.8999999999999999)
    assert close(law.cdf(1.5), 0.8999999999999999)
    assert law.ppf(0.95) == 2.0
    assert law.support() == ([0.0, 1.0, 2.0, 3.0], [])


def test_from_symbolic_normal_matches_squiggle():
    # PointSet.fromDist(Sym.normal(5, 2))
    normal = cf.normal(5, 2)
    law = from_quantiles(normal.ppf, normal.pdf)
    assert close(law.mean(), 5.002887370380851, 1e-12)
    assert close(math.sqrt(law.var()), 2.001728482852562, 1e-12)
    assert close(law.ppf(0.1), 2.433591129790675, 1e-12)
    assert close(law.cdf(1.5), 0.040348254908297465, 1e-12)
    assert close(law.pdf(1.5), 0.04313906702718582, 1e-12)
    (lo, hi), = law.support()[1]
    assert close(lo, -2.438032970911422, 1e-12) and close(hi, 12.438032970911864, 1e-12)


def test_normalised_uniform_is_exact():
    # a flat density on [2, 6]: mean 4, variance 16/12, cdf linear, quantile its inverse
    law = PointSetLaw(([2, 6], [0.25, 0.25]))
    assert close(law.mean(), 4) and close(law.var(), 16 / 12)
    assert close(law.cdf(3), 0.25) and close(law.ppf(0.75), 5)
    xs = np.array([1.0, 2.0, 4.0, 6.0])
    assert np.allclose(law.cdf(xs), [0, 0, 0.5, 1])


def test_samples_follow_the_law():
    law = PointSetLaw(([2, 6], [0.25, 0.25]))
    rng = np.random.default_rng(3)
    draws = law.sample(rng, 200_000)
    # uniform on [2, 6]: sd 4/sqrt(12); the sample mean's standard error is sd/sqrt(n)
    se = (4 / math.sqrt(12)) / math.sqrt(200_000)
    assert abs(draws.mean() - 4) < 5 * se
    assert draws.min() >= 2 and draws.max() <= 6


def test_mixture_of_masses_and_density():
    # mx(PointSet.makeContinuous([{x: 0, y: 1}, {x: 1, y: 1}]),
    #    PointSet.makeDiscrete([{x: 2, y: 1}]), [0.5, 0.5]) in Squiggle 0.10: its mean
    # weights each part's unnormalised mean by the part's mass once more (0.625, not 1.25)
    law = PointSetLaw(([0, 1], [0.5, 0.5]), ([2.0], [0.5]))
    assert close(law.integral_sum(), 1.0)
    assert close(law.mean(), 0.625)
    assert close(math.sqrt(law.var()), 0.8322910148099241)
    assert close(law.cdf(1.0), 0.5)
    assert law.ppf(0.9) == pytest.approx(2.0)
    assert close(law.pdf(2.0), 0.5 + 0.5)  # density flat past its end, plus the mass


def test_positive_segments_cut_at_zero():
    xs = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    ys = np.array([0.0, 1.0, 0.0, 0.0, 2.0])
    assert positive_segments(xs, ys) == [(0.0, 2.0), (3.0, 4.0)]
