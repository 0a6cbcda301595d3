"""The embedding API of DESIGN.md section 3: run, run_file, evaluate, Session, values,
inputs=, register, notebook reprs."""
import math

import numpy as np
import pytest

import dsl

MODEL = """alpha = 0.4 to 0.8
lb = 1.4 to 3
ratio = alpha * lb
label = "ratio"
flags = [true, false]
info = {n: 2, name: label}
double(x) = x * 2
"""


@pytest.fixture(scope="module")
def result():
    return dsl.run(MODEL, samples=20_000, seed=4)


def test_run_returns_ordered_bindings(result):
    assert list(result.bindings) == ["alpha", "lb", "ratio", "label", "flags", "info", "double"]
    assert result.result is None
    assert isinstance(result.bindings["ratio"], dsl.Dist)


def test_dist_methods(result):
    ratio = result.bindings["ratio"]
    s = ratio.samples
    assert s.shape == (20_000,) and not s.flags.writeable
    with pytest.raises(ValueError):
        s[0] = 1.0
    assert ratio.mean() == pytest.approx(s.mean(), rel=1e-12)
    assert ratio.stdev() == pytest.approx(s.std(), rel=1e-12)
    assert np.allclose(ratio.quantile(np.array([0.1, 0.9])), np.quantile(s, [0.1, 0.9]))
    assert ratio.quantile(0.5) == pytest.approx(np.median(s))
    assert ratio.cdf(1.0) == np.mean(s <= 1.0)
    # DESIGN's keys, and "se": each figure's Monte Carlo standard error
    assert set(ratio.summary()) == {"type", "mean", "stdev", "quantiles", "se"}
    exact = result.bindings["alpha"]  # an untouched constructor answers exactly
    assert exact.quantile(0.05) == pytest.approx(0.4, rel=1e-12)


def test_prob_for_conditions():
    p = dsl.evaluate("x = normal(0, 1)\nx > 0", samples=10_000)
    assert p.prob() == pytest.approx(0.5, abs=5 * math.sqrt(0.25 / 10_000))
    with pytest.raises(dsl.DslError):
        dsl.evaluate("normal(0, 1)", samples=100).prob()


def test_conversions(result):
    assert float(dsl.evaluate("2 * 3")) == 6.0
    py = result.to_python()
    assert py["label"] == "ratio" and py["flags"] == [True, False]
    assert py["info"] == {"n": 2.0, "name": "ratio"}
    assert isinstance(py["ratio"], np.ndarray)
    assert result.summary()["bindings"]["info"] == {
        "type": "record", "fields": {"n": {"type": "number", "value": 2.0},
                                     "name": {"type": "string", "value": "ratio"}}}
    assert result.summary()["bindings"]["double"] == {"type": "function", "params": ["x"]}


def test_run_file_resolves_imports(tmp_path):
    (tmp_path / "lib.sq").write_text("export k = 3\nhidden = 4\n")
    (tmp_path / "main.sq").write_text('import "./lib.sq" as lib\ny = lib.k * 2\n')
    res = dsl.run_file(str(tmp_path / "main.sq"), samples=10)
    assert float(res.bindings["y"]) == 6
    with pytest.raises(dsl.DslError) as info:
        dsl.run_file(str(tmp_path / "missing.sq"))
    assert "cannot read" in info.value.message


def test_session_is_incremental():
    s = dsl.Session(samples=1000, seed=2)
    s.run("x = 1 to 2")
    s.run("y = x * 2")
    assert np.array_equal(s.evaluate("y").samples, 2 * s.evaluate("x").samples)
    with pytest.raises(dsl.DslError):
        s.run("z = 1\nw = nope")  # a failed run changes nothing
    with pytest.raises(dsl.DslError):
        s.evaluate("z")


@pytest.mark.parametrize("given,check", [
    (0.5, lambda v: float(v) == 0.5),
    ("0.5 to 0.7", lambda v: v.quantile(0.05) == pytest.approx(0.5)),
    (np.linspace(0.4, 0.6, 1000), lambda v: v.mean() == pytest.approx(0.5)),
])
def test_inputs_override_bindings(given, check):
    res = dsl.run(MODEL, samples=1000, inputs={"alpha": given})
    assert check(res.bindings["alpha"])
    lb = res.bindings["lb"].samples
    assert np.allclose(res.bindings["ratio"].samples, res.to_python()["alpha"] * lb)


def test_inputs_errors():
    with pytest.raises(dsl.DslError) as info:
        dsl.run(MODEL, samples=1000, inputs={"alpah": 1})
    assert "did you mean alpha" in info.value.message
    with pytest.raises(dsl.DslError) as info:
        dsl.run(MODEL, samples=1000, inputs={"alpha": np.zeros(7)})
    assert "one entry per sample" in info.value.message
    with pytest.raises(dsl.DslError):
        dsl.run(MODEL, samples=1000, inputs={"alpha": object()})


def test_register_python_functions():
    s = dsl.Session(samples=500)

    def clamp(x, low: float, high: float):
        """Clamp x into [low, high]."""
        return np.clip(x, low, high)
    s.register(clamp)
    s.register(lambda n: n + 1, name="inc", namespace="My")
    d = s.evaluate("clamp(normal(0, 5), -1, 1)")
    assert d.samples.min() >= -1 and d.samples.max() <= 1
    assert float(s.evaluate("My.inc(1)")) == 2
    assert s.registry.get("clamp").summary == "Clamp x into [low, high]."
    with pytest.raises(dsl.DslError) as info:
        s.evaluate('clamp(1, "a", 2)')
    assert "Signatures" in info.value.message
    with pytest.raises(dsl.DslError):
        s.register(len, name="Bad")
    assert "clamp" not in dsl.Session().registry.global_names()  # per session


def test_notebook_reprs(result):
    html = result.bindings["ratio"]._repr_html_()
    assert "<svg" in html and "mean" in html
    assert "<svg" in result._repr_html_()
    label = result.bindings["label"]._repr_html_()  # the style, then the text
    assert label.startswith('<div class="sq-view"><style>')
    assert label.endswith('<code class="sq-text">&quot;ratio&quot;</code></div>')


def test_error_attributes():
    with pytest.raises(dsl.DslError) as info:
        dsl.run("x = 1\ny = x +* 2", filename="m.sq")
    e = info.value
    assert (e.kind, e.line, e.column) == ("SyntaxError", 2, 8)
    assert e.format().splitlines()[1] == " --> m.sq:2:8"


def test_bad_session_parameters():
    for kwargs in ({"samples": 0}, {"samples": 2.5}, {"seed": "x"},
                   {"samples": 100, "limits": dsl.Limits(max_samples=10)}):
        with pytest.raises(dsl.DslError):
            dsl.Session(**kwargs)
