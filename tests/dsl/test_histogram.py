"""The unicode histogram of dsl.render.histogram."""
import numpy as np
import pytest

from dsl.render.histogram import BLOCKS, histogram

RNG = np.random.default_rng(7)
N = 50_000


def bottom(plot):
    return plot.rows[-1]


def test_shape_and_characters():
    plot = histogram(RNG.normal(size=N), width=40, height=4)
    assert len(plot.rows) == 4
    assert all(len(row) <= 40 and set(row) <= set(BLOCKS) for row in plot.rows)
    assert len(plot.axis) == 40 and plot.axis.count("┬") == 2
    assert "█" in plot.rows[0]          # the fullest bin reaches the top row


def test_uniform_is_flat():
    plot = histogram(RNG.uniform(0, 1, N), width=30, height=3)
    assert bottom(plot) == "█" * 30
    assert plot.rows[0].strip() != ""   # and as high everywhere, roughly


def test_gaps_stay_empty():
    both = np.concatenate([RNG.normal(0, 1, N), RNG.normal(20, 1, N)])
    row = bottom(histogram(both, width=60))
    assert row[30] == " " and row[5] != " " and row[-5] != " "


@pytest.mark.parametrize("samples, log_scale", [
    (np.exp(RNG.normal(0, 2, N)), True),        # spans many orders of magnitude
    (np.exp(RNG.normal(0, 0.5, N)), False),
    (RNG.normal(0, 1000, N), False),            # wide, but not positive
    (RNG.uniform(1, 1000, N), False),           # 1st to 99th percentile: 11 to 990
])
def test_log_scale_when_positive_and_over_two_orders_of_magnitude(samples, log_scale):
    assert histogram(samples).log_scale is log_scale


def test_ticks_and_labels_at_the_marks():
    samples = np.linspace(0, 100, 10_001)      # plotted from 1 to 99 (linear)
    plot = histogram(samples, width=49, marks=(10.0, 90.0))
    left, right = plot.axis.index("┬"), plot.axis.rindex("┬")
    assert (left, right) == (int((10 - 1) / 2), int((90 - 1) / 2))
    assert plot.labels.split() == ["10", "90"]
    assert plot.labels.index("10") <= left <= plot.labels.index("10") + 1


def test_labels_never_overlap():
    samples = RNG.uniform(0, 1, N)
    plot = histogram(samples, width=20, marks=(0.123456, 0.123457))
    assert len(plot.labels.split()) == 2


@pytest.mark.parametrize("samples", [
    np.array([]), np.full(100, np.inf), np.full(100, 3.0), np.array([np.nan, np.nan]),
])
def test_nothing_to_draw(samples):
    assert histogram(samples) is None


def test_infinite_and_nan_samples_are_left_out():
    finite = RNG.normal(size=N)
    mixed = np.concatenate([finite, np.full(N, np.inf), np.full(100, -np.inf),
                            np.full(10, np.nan)])
    assert histogram(mixed).rows == histogram(finite).rows


def test_a_spike_with_a_few_other_values():
    samples = np.zeros(N)
    samples[:100] = np.arange(1, 101)
    plot = histogram(samples, width=20)
    assert bottom(plot)[0] == "█" and plot.rows[0][0] == "█"
