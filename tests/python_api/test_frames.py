"""Result.to_pandas, Result.summary_frame and pandas values in inputs= (the pandas
extra; skipped, saying so, without it)."""
import math

import numpy as np
import pytest

import dsl
from dsl.base.errors import ArgumentError

pd = pytest.importorskip("pandas", reason='the pandas extra is not installed '
                                          '(pip install "sqdsl[pandas]")')

MODEL = """@name("Cost")
@doc("per unit")
cost = 5 to 10
units = 120
total = cost * units
@hide
secret = normal(0, 1)
tags = ["a", "b"]
"""
N = 20_000


@pytest.fixture(scope="module")
def result():
    return dsl.run(MODEL, samples=N, seed=1)


def test_to_pandas_has_a_column_per_distribution(result):
    frame = result.to_pandas()
    assert list(frame.columns) == ["cost", "total"]  # not the number, the list, @hide
    assert frame.shape == (N, 2)
    np.testing.assert_array_equal(frame["total"].to_numpy(), result.bindings["total"].samples)
    np.testing.assert_allclose(frame["total"], frame["cost"] * 120)


def test_summary_frame_has_a_row_per_binding(result):
    frame = result.summary_frame()
    assert list(frame.index) == ["cost", "units", "total", "tags"]
    assert list(frame.columns) == ["label", "doc", "type", "mean", "stdev", "p5", "p25",
                                   "p50", "p75", "p95"]
    cost = frame.loc["cost"]
    assert cost["label"] == "Cost" and cost["doc"] == "per unit"
    assert cost["type"] == "Distribution"
    assert cost["p5"] == pytest.approx(5) and cost["p95"] == pytest.approx(10)  # exact law
    assert cost["p50"] == pytest.approx(math.sqrt(50))
    total = result.bindings["total"]
    assert frame.loc["total", "mean"] == pytest.approx(float(total.samples.mean()))
    assert frame.loc["total", "stdev"] == pytest.approx(float(total.samples.std()))
    assert frame.loc["total", "p75"] == pytest.approx(float(np.quantile(total.samples, 0.75)))
    assert frame.loc["units", "mean"] == 120 and frame.loc["units", "stdev"] == 0
    assert math.isnan(frame.loc["tags", "mean"]) and frame.loc["tags", "type"] == "List"


def test_inputs_take_a_series_or_a_dataframe_column():
    draws = pd.DataFrame({"c": np.linspace(1, 2, 1000)})
    res = dsl.run("cost = 5 to 10\ntotal = cost * 2", samples=1000, inputs={"cost": draws["c"]})
    np.testing.assert_array_equal(res.bindings["total"].samples, draws["c"].to_numpy() * 2)
    one = dsl.run("k = 1\nj = k * 3", samples=10, inputs={"k": pd.Series([4.0])})
    assert one.bindings["j"].value == 12
    with pytest.raises(ArgumentError, match=r"give one column of the DataFrame"):
        dsl.run("cost = 1", samples=1000, inputs={"cost": draws})
    with pytest.raises(ArgumentError, match=r"one entry per sample, shape \(1000,\)"):
        dsl.run("cost = 1", samples=1000, inputs={"cost": pd.Series([1.0, 2.0])})
    with pytest.raises(ArgumentError, match="NaN"):
        dsl.run("cost = 1", samples=2, inputs={"cost": pd.Series([1.0, np.nan])})


def test_a_sweep_over_inputs():
    """The notebook's sweep: one run per value of an input, summarised in a frame."""
    rows = []
    for units in (100, 200, 400):
        res = dsl.run("cost = 5 to 10\nunits = 1\ntotal = cost * units", samples=N,
                      seed=2, inputs={"units": units})
        rows.append(res.summary_frame().loc["total", ["mean", "p95"]].rename(units))
    sweep = pd.DataFrame(rows)
    # the same samples each time, scaled: the mean is exactly proportional
    assert sweep.loc[400, "mean"] == pytest.approx(4 * sweep.loc[100, "mean"])
    # and close to the lognormal's exact mean, within 4 standard errors
    sigma = (math.log(10) - math.log(5)) / (2 * 1.6448536269514722)
    mu = (math.log(10) + math.log(5)) / 2
    exact = math.exp(mu + sigma ** 2 / 2)
    sd = exact * math.sqrt(math.exp(sigma ** 2) - 1)
    assert abs(sweep.loc[100, "mean"] / 100 - exact) < 4 * sd / math.sqrt(N)


def test_pandas_takes_a_dist_as_an_array(result):
    total = result.bindings["total"]
    series = pd.Series(total)
    assert series.dtype == np.float64 and len(series) == N
    np.testing.assert_array_equal(series.to_numpy(), total.samples)
    assert pd.DataFrame({"t": total})["t"].mean() == pytest.approx(float(total.samples.mean()))
