"""PointSet.*: constructors, conversions and transformations, against Squiggle 0.10's
recorded numbers and closed forms."""
import math

import numpy as np
import pytest
import scipy.stats as st

import dsl
from dsl.engine.pointset_law import PointSetLaw

N = 100_000
SHAPE = "[{x: 0, y: 0.2}, {x: 1, y: 0.7}, {x: 2, y: 0.8}, {x: 3, y: 0.2}]"


def ev(source: str, seed: int = 1, samples: int = N):
    return dsl.Session(samples=samples, seed=seed).evaluate(source)


def num(source: str, **kw) -> float:
    return float(ev(source, **kw))


def test_make_continuous_keeps_squiggles_numbers():
    d = ev(f"PointSet.makeContinuous({SHAPE})")
    assert isinstance(d.law, PointSetLaw)
    assert d.mean() == pytest.approx(2.599999999999999, rel=1e-12)  # not normalised
    assert d.quantile(0.5) == pytest.approx(1.0666666666666667, rel=1e-12)
    assert d.cdf(1.5) == pytest.approx(0.825, rel=1e-12)
    assert math.isnan(d.stdev())  # Squiggle: NaN (its variance formula goes below 0)
    assert num(f"pdf(PointSet.makeContinuous({SHAPE}), 1.5)") == pytest.approx(
        0.4411764705882353, rel=1e-12)


def test_a_flat_density_is_a_uniform():
    d = ev("PointSet.makeContinuous([{x: 2, y: 0.25}, {x: 6, y: 0.25}])")
    twin = st.uniform(2, 4)
    assert d.mean() == pytest.approx(twin.mean(), rel=1e-12)
    assert d.stdev() == pytest.approx(twin.std(), rel=1e-12)
    assert d.quantile(0.3) == pytest.approx(twin.ppf(0.3), rel=1e-12)
    # samples by the inverse cdf: within 5 standard errors of the mean
    assert abs(d.samples.mean() - 4) < 5 * twin.std() / math.sqrt(N)
    assert d.samples.min() >= 2 and d.samples.max() <= 6


def test_make_discrete_and_from_number():
    d = ev(f"PointSet.makeDiscrete({SHAPE})")
    assert d.mean() == pytest.approx(2.9) and d.cdf(1) == pytest.approx(0.9)
    # drawn by the inverse of Squiggle's integral, whose steps are ramps EPSILON wide:
    # each sample is one of the points to within 1e-15, as in Squiggle
    nearest = np.round(d.samples)
    assert np.all(np.abs(d.samples - nearest) < 1e-15)
    assert set(np.unique(nearest)) <= {0.0, 1.0, 2.0, 3.0}
    # the masses are 0.2, 0.7, 0.8, 0.2 of 1.9, but u < 1 reaches only the first 1:
    # P(1) = 0.7 of it (the sample share's standard error is about 0.0015)
    assert abs(np.mean(nearest == 1) - 0.7) < 5 * 0.0015
    assert num("mean(PointSet.fromNumber(3))") == 3
    assert num("mean(PointSet.make(7))") == 7
    assert num("mean(PointSet(7))") == 7  # a namespace called is its make, as in Squiggle
    assert num("mean(PointSet(Sym.normal(5, 2)))") == pytest.approx(5.002887370380851,
                                                                   rel=1e-12)
    assert num("stdev(PointSet.fromNumber(3))") == 0


def test_from_symbolic_reads_its_quantiles():
    # Squiggle: 1,000 points at quantiles 0.0001 ... 0.9999 of normal(5, 2)
    d = ev("PointSet.fromDist(Sym.normal(5, 2))")
    assert d.mean() == pytest.approx(5.002887370380851, rel=1e-12)
    assert d.stdev() == pytest.approx(2.001728482852562, rel=1e-12)
    assert d.quantile(0.1) == pytest.approx(2.433591129790675, rel=1e-12)
    # and close to the exact law
    assert d.quantile(0.5) == pytest.approx(5, rel=1e-3)
    b = ev("PointSet.fromDist(Sym.bernoulli(0.3))")
    assert b.law.dxs.tolist() == [0, 1] and b.mean() == pytest.approx(0.3)


def test_from_samples_is_a_kernel_density_estimate():
    d = ev("PointSet.fromDist(normal(5, 2))")
    assert d.law.cxs.size == 1000 and d.law.dxs.size == 0
    # the estimate's mean is the samples' mean; its variance adds the kernel's
    # (triangular of half-width h: h^2/6, h = 0.9 * 2 * n^-0.2 ~ 0.18): well below 0.01
    assert d.mean() == pytest.approx(5, abs=5 * 2 / math.sqrt(N))
    assert d.stdev() == pytest.approx(2, abs=0.02)
    assert d.law.integral_sum() == pytest.approx(1, rel=1e-3)


def test_repeated_samples_become_point_masses():
    d = ev("PointSet.fromDist(mx(1, 2, normal(5, 1), [0.3, 0.3, 0.4]))")
    assert d.law.dxs.tolist() == [1.0, 2.0]
    assert d.law.dys == pytest.approx([0.3, 0.3], abs=0.01)
    assert d.law.cxs.size == 1000


def test_downsample_support_and_map_y():
    base = "PointSet.fromDist(Sym.normal(5, 2))"
    small = ev(f"PointSet.downsample({base}, 30)")
    assert small.law.cxs.size == 30
    assert small.mean() == pytest.approx(5.284852300283056, rel=1e-12)  # Squiggle's
    support = ev(f"PointSet.support({base})").to_python()
    assert support["points"] == []
    (lo, hi), = support["segments"]
    assert lo == pytest.approx(-2.438032970911422, rel=1e-12)
    assert hi == pytest.approx(12.438032970911864, rel=1e-12)
    doubled = ev(f"PointSet.mapY({base}, {{|y| y * 2}})")
    assert doubled.mean() == pytest.approx(10.005774740761701, rel=1e-12)
    gap = ev("PointSet.support(PointSet.makeContinuous([{x: 0, y: 0}, {x: 1, y: 1}, "
             "{x: 2, y: 0}, {x: 3, y: 0}, {x: 4, y: 2}]))").to_python()
    assert gap["segments"] == [[0, 2], [3, 4]]


def test_arithmetic_with_a_number_shifts_the_points():
    base = ev("PointSet.fromDist(Sym.normal(5, 2))")
    shifted = ev("PointSet.fromDist(Sym.normal(5, 2)) + 3")
    assert isinstance(shifted.law, PointSetLaw)
    assert shifted.law.cxs == pytest.approx(base.law.cxs + 3)
    # Squiggle's number: the shifted density's own integral (0.9998) weights its mean,
    # where the original's was taken to be 1
    assert shifted.mean() == pytest.approx(8.009242253029234, rel=1e-12)
    assert shifted.quantile(0.3) == pytest.approx(base.quantile(0.3) + 3, rel=1e-12)
    scaled = ev("PointSet.fromDist(Sym.normal(5, 2)) * -2")
    # mirrored and stretched; its integral (0.9998, not 1) moves the tail quantile a bit
    assert scaled.quantile(0.9) == pytest.approx(-2 * base.quantile(0.1), rel=5e-3)
    assert scaled.law.cxs[0] == pytest.approx(-2 * base.law.cxs[-1])


def test_convolutions_with_point_masses():
    # Squiggle convolves a point set with a number (costs 1,000 x 1 < samples): masses
    # shift, a density shifts or scales; recorded: mean(10 - d) for d below is 8.5
    d = "PointSet.makeDiscrete([{x: 1, y: 0.5}, {x: 2, y: 0.5}])"
    flipped = ev(f"10 - {d}")
    assert flipped.law.dxs.tolist() == [8.0, 9.0] and flipped.mean() == pytest.approx(8.5)
    mixed = ev("mx(Sym.normal(0, 1), 3) + 1")
    assert isinstance(mixed.law, PointSetLaw) and mixed.law.dxs.tolist() == [4.0]
    # two point sets (1,000 x 1,000) are sampled, as in Squiggle: a sample set
    both = ev(f"Sym.normal(0, 1) + {d}")
    assert both.law is None
    assert abs(both.samples.mean() - 1.5) < 5 * math.sqrt(1.25) / math.sqrt(N)


def test_a_sample_set_is_accepted_where_a_point_set_is_wanted():
    # Squiggle's own example: mx of a symbolic distribution is a point set there
    d = ev("PointSet.mapY(mx(Sym.normal(5, 2)), {|y| y + 1})")
    assert isinstance(d.law, PointSetLaw)


@pytest.mark.parametrize("source,message", [
    ("PointSet.makeContinuous([{x: 1, y: 0.2}, {x: 0, y: 0.7}])", "Xs is not sorted"),
    ("PointSet.makeContinuous([])", "Xs is empty"),
    ("PointSet.makeDiscrete([{x: 1, y: 0.2}, {x: 1, y: 0.7}])", "Xs is not sorted"),
    ("PointSet.makeDiscrete([{x: 0, y: 1 / 0}, {x: 1, y: 1}])",
     "Ys is not finite. Example value: Infinity"),
    (f"pdf(PointSet.makeDiscrete({SHAPE}), 1)", "no continuous part"),
    ("PointSet.mapY(PointSet.fromNumber(1), {|y| 'a'})", "must return a number"),
    # no probability at all: Squiggle goes on with NaN, sqdsl stops
    ("PointSet.makeContinuous([{x: 0, y: 0}, {x: 1, y: 0}])", "no probability mass"),
    ("PointSet.mapY(PointSet.fromNumber(1), {|y| 0})", "no probability mass"),
    ("PointSet.downsample(PointSet.fromNumber(1), -5)", "at least 2"),
    ("truncate(PointSet.makeDiscrete([{x: 1, y: 1}]), 2, 3)", "no probability"),
    ("truncate(Sym.normal(0, 1), 100, 101)", "no probability"),
])
def test_errors(source, message):
    with pytest.raises(dsl.DslError) as info:
        ev(source)
    assert message in info.value.message
    assert info.value.line == 1
