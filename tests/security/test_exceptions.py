"""Cause 7 of issue 15 (the ones without recursion): inputs that raised Python
exceptions (ValueError, lark's VisitError, OverflowError, UnicodeEncodeError) instead of
a DslError with a position or the right value."""
import json
import warnings

import pytest

import dsl
from dsl.render.histogram import bin_counts, histogram
from dsl.front.notebook import histogram_svg
from isolated import run_cli_isolated

import numpy as np

HUGE_EXPONENT = "1e" + "9" * 4301


def test_an_import_path_with_a_nul_is_an_import_error_at_the_import(tmp_path):
    (tmp_path / "lib.sq").write_text("export a = 1\n")
    model = tmp_path / "m.sq"
    model.write_text('import "./lib\\u0000.sq" as m\nm.a\n')
    with pytest.raises(dsl.DslError) as raised:
        dsl.run_file(str(model), samples=10)
    assert raised.value.kind == "ImportError"
    assert (raised.value.line, raised.value.column) == (1, 1)
    assert "control characters" in raised.value.message
    out = run_cli_isolated(["run", model], timeout=60, memory_mb=2048)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.explain()
    assert "m.sq:1:1" in out.stderr


@pytest.mark.parametrize("literal, value", [
    (HUGE_EXPONENT + "k", float("inf")),
    (HUGE_EXPONENT + "%", float("inf")),
    ("1e-" + "9" * 4301 + "M", 0.0),
    (HUGE_EXPONENT, float("inf")),
    ("2.5e3k", 2.5e6),
])
def test_a_4301_digit_exponent_with_a_suffix_is_a_number(literal, value):
    assert dsl.evaluate(literal, samples=10).value == value


def test_the_huge_exponent_in_sq_run(tmp_path):
    model = tmp_path / "big.sq"
    model.write_text(f"x = {HUGE_EXPONENT}k\n")
    out = run_cli_isolated(["run", model], timeout=60, memory_mb=2048)
    assert out.returncode == 0 and out.stdout.strip() == "x: Infinity", out.explain()


def test_a_histogram_of_1e16_plus_normal_renders():
    result = dsl.run("x = 1e16 + normal(0, 1)", samples=10_000)
    x = result.bindings["x"]
    assert x.mean() == pytest.approx(1e16)
    plot = histogram(x.samples)
    assert plot is not None and any(row.strip() for row in plot.rows)
    assert "1e16" in plot.labels
    assert "<svg" in result._repr_html_()  # the notebook's display too
    assert histogram_svg(np.full(10, 1e16)).startswith("<svg")


def test_1e16_plus_normal_in_sq_eval_and_json():
    out = run_cli_isolated(["eval", "x = 1e16 + normal(0, 1)"], timeout=60, memory_mb=2048)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.explain()
    # floats near 1e16 are 2 apart: the samples take a few values, drawn as spikes
    assert "mean 1e16" in out.stdout and "●" in out.stdout


def test_bins_too_narrow_or_too_wide_for_numpy_are_still_counted():
    assert bin_counts(np.array([5e-324, 1e-323, 1e-323]), 60, 5e-324, 1e-323).tolist() == \
        [1] + [0] * 58 + [2]
    wide = bin_counts(np.array([-1e308, 0.0, 1e308]), 4, -1e308, 1e308)
    assert wide.sum() == 3 and wide[0] == 1 and wide[-1] == 1
    values = np.random.default_rng(0).normal(size=1000)
    assert bin_counts(values, 20, -2.0, 2.0).tolist() == \
        np.histogram(values, 20, range=(-2, 2))[0].tolist()


def test_truncating_far_beyond_the_mass_gives_the_untruncated_values():
    mean = dsl.evaluate("mean(truncateRight(1 to 50, 1e200))").value
    stdev = dsl.evaluate("stdev(truncateRight(1 to 50, 1e200))").value
    assert mean == pytest.approx(dsl.evaluate("mean(1 to 50)").value, rel=1e-9)
    assert stdev == pytest.approx(dsl.evaluate("stdev(1 to 50)").value, rel=1e-9)
    out = run_cli_isolated(["eval", "truncateRight(1 to 50, 1e200)"], timeout=60,
                           memory_mb=2048)
    assert out.returncode == 0 and "mean 14.3  stdev 25.3" in out.stdout, out.explain()


def test_a_surrogate_pair_escape_is_one_character():
    assert dsl.evaluate('"\\uD83D\\uDE00"').value == "\U0001F600"
    assert dsl.evaluate('"\\ud83d\\ude00" == "\U0001F600"').value is True


@pytest.mark.parametrize("args", [["eval", '"\\ud800"'], ["eval", '"\\uD83D\\uDE00"'],
                                  ["eval", '"\\ud800" + 1', "--json"]])
def test_surrogates_print_in_sq_eval(args):
    out = run_cli_isolated(args, timeout=60, memory_mb=2048)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.explain()
    if "--json" in args:
        assert json.loads(out.stdout)["result"]["value"] == "\ud8001"
    elif "D83D" in args[1]:
        assert out.stdout.strip() == '"\U0001F600"'
    else:
        assert out.stdout.strip() == '"\\ud800"'


def test_a_lone_surrogate_in_sq_run_and_the_repl(tmp_path):
    model = tmp_path / "s.sq"
    model.write_text('s = "a\\ud800b"\n')
    out = run_cli_isolated(["run", model], timeout=60, memory_mb=2048)
    assert out.returncode == 0 and out.stdout.strip() == 's: "a\\ud800b"', out.explain()
    out = run_cli_isolated(["repl"], timeout=60, memory_mb=2048,
                           stdin=b's = "\\ud800"\ns\n')
    assert "Traceback" not in out.stderr and '"\\ud800"' in out.stdout, out.explain()


@pytest.mark.parametrize("dist", ["normal(0, 1) * 1e308 * 10", "uniform(-1e308, 1e308)",
                                  "mx(1e16, 1e16 + 2)"])
def test_a_sparkline_of_ranges_numpy_cannot_bin(dist):
    # second attack run: Dist.sparkline called np.histogram directly (InternalError
    # "Too many bins for data range")
    line = dsl.evaluate(f"Dist.sparkline({dist})", samples=1000).value
    assert len(line) == 20 and set(line) <= set("▁▂▃▄▅▆▇█")


@pytest.mark.parametrize("source", ["truncate(cauchy(0, 1), 1e300, 1e308)",
                                    "truncateLeft(cauchy(0, 1), 1e300)"])
def test_truncated_tails_scipy_cannot_integrate_have_the_samples_moments(source):
    # second attack run: summary() raised OverflowError from boost's cauchy quantile
    # inside scipy's expect()
    result = dsl.run(f"x = {source}\nm = mean(x)", samples=1000)
    json.dumps(result.summary())
    assert result.bindings["m"].value > 1e299


def test_a_negative_quadrature_variance_falls_back_to_the_samples():
    # second attack run: truncateLeft(normal(1e20, 1), 0) had a law variance of -1.6e24
    # (scipy's quadrature cancelling), and summary() raised ValueError: math domain error
    result = dsl.run("x = truncateLeft(normal(1e20, 1), 0)\ns = stdev(x)", samples=1000)
    json.dumps(result.summary())
    assert result.bindings["s"].value >= 0


def test_a_truncation_that_cuts_no_probability_keeps_the_exact_moments():
    # a bound past every representable tail leaves the law as it was: its moments are
    # the untruncated ones, not a quadrature over the whole line (which gave mean -8e19
    # and stdev 16384 for this one, whose samples are all 1e20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and scipy prints no IntegrationWarning
        result = dsl.run("x = truncateLeft(normal(1e20, 1), 0)\n"
                         "y = truncateRight(1 to 50, 1e200)", samples=1000)
        x, y = result.bindings["x"], result.bindings["y"]
        assert (x.mean(), x.stdev()) == (1e20, 1.0)
        exact = dsl.evaluate("1 to 50", samples=1000)
        assert (y.mean(), y.stdev()) == (exact.mean(), exact.stdev())
