"""Dist.plot with matplotlib (the plot extra; skipped, saying so, without it): the
render layer's axis rule decides log or linear."""
import numpy as np
import pytest

import dsl
from dsl.base.errors import ArgumentError
from dsl.render.axes import distribution_scale, plot_range

matplotlib = pytest.importorskip("matplotlib", reason='the plot extra is not installed '
                                                      '(pip install "sqdsl[plot]")')
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(scope="module")
def run():
    return dsl.run('wide = 1 to 1000\n@name("Narrow")\nnarrow = normal(5, 1)\n'
                   'c = narrow > 5', samples=20_000, seed=4)


def test_a_wide_positive_distribution_gets_a_log_axis(run):
    fig, ax = plt.subplots()
    wide = run.bindings["wide"]
    assert wide.plot(ax=ax) is ax
    lo, hi = plot_range(wide.samples)
    assert distribution_scale(lo, hi) == "log" and ax.get_xscale() == "log"
    assert ax.get_xlim() == pytest.approx((lo, hi))
    (shape,) = ax.patches  # one filled step outline
    xs = shape.get_xy()[:, 0]
    # the bins are even on the log axis: their edges' logs are equally spaced
    edges = np.unique(xs[(xs > lo * 0.999) & (xs < hi * 1.001)])
    assert np.allclose(np.diff(np.log(edges)), np.log(hi / lo) / 60)
    plt.close(fig)


def test_hist_is_a_density_and_cdf_a_step_line(run):
    fig, (a, b) = plt.subplots(1, 2)
    narrow = run.bindings["narrow"]
    narrow.plot(ax=a)
    assert a.get_xscale() == "linear" and a.get_title() == "Narrow"
    narrow.plot(ax=b, kind="cdf")
    (line,) = b.get_lines()
    xs, ys = line.get_data()
    assert np.all(np.diff(xs) >= 0) and np.all(np.diff(ys) > 0)
    # the line is the samples' CDF: at the median it is one half
    i = np.searchsorted(xs, np.median(narrow.samples))
    assert ys[i] == pytest.approx(0.5, abs=2 / len(narrow))
    assert b.get_ylim() == (0, 1)
    plt.close(fig)


def test_matplotlib_takes_a_dist_as_an_array(run):
    fig, ax = plt.subplots()
    counts, _, _ = ax.hist(run.bindings["narrow"], bins=10)
    assert counts.sum() == len(run.bindings["narrow"])
    plt.close(fig)


def test_default_axes_and_bad_kind(run):
    plt.figure()
    ax = run.bindings["c"].plot()
    assert ax is plt.gca()
    plt.close("all")
    with pytest.raises(ArgumentError, match='kind must be "hist" or "cdf"'):
        run.bindings["narrow"].plot(kind="violin")
