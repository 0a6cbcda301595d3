"""A Dist from Python: numpy's protocols and Python's operators mean what the
language's operators and functions mean (the same samples, the same errors)."""
import math

import numpy as np
import pytest
from scipy import stats

import dsl
from dsl.base.errors import ArgumentError, DomainError, DslError

N = 20_000


@pytest.fixture(scope="module")
def run():
    return dsl.run("x = normal(0, 1)\ny = 2 to 10\nz = x * 2 + 1\nc = x > 0", samples=N,
                   seed=3)


def lang(source, **values):
    """The language's own answer: ``source`` with ``values`` passed in as bindings."""
    prelude = "".join(f"{k} = 0\n" for k in values)
    return dsl.run(prelude + source, samples=N, seed=3, inputs=values).result


@pytest.mark.parametrize("py, text", [
    (lambda x, y: x + y, "x + y"), (lambda x, y: x - y, "x - y"),
    (lambda x, y: x * y, "x * y"), (lambda x, y: x / y, "x / y"),
    (lambda x, y: y ** x, "y ^ x"), (lambda x, y: 2 + x, "2 + x"),
    (lambda x, y: 1 - x, "1 - x"), (lambda x, y: 3 * y, "3 * y"),
    (lambda x, y: 1 / y, "1 / y"), (lambda x, y: 2 ** x, "2 ^ x"),
    (lambda x, y: y ** 0.5, "y ^ 0.5"), (lambda x, y: -x, "-x"),
    (lambda x, y: x % 2, "Number.mod(x, 2)"), (lambda x, y: abs(x), "abs(x)"),
    (lambda x, y: np.log(y), "log(y)"), (lambda x, y: np.exp(x), "exp(x)"),
    (lambda x, y: np.sqrt(y), "sqrt(y)"), (lambda x, y: np.log10(y), "Math.log10(y)"),
    (lambda x, y: np.sin(x), "Math.sin(x)"), (lambda x, y: np.minimum(x, y), "min(x, y)"),
    (lambda x, y: np.add(x, y), "x + y"), (lambda x, y: np.power(y, 2), "y ^ 2"),
    (lambda x, y: x + np.asarray(y), "x + y"), (lambda x, y: np.asarray(y) * x, "y * x"),
])
def test_arithmetic_equals_the_language(run, py, text):
    x, y = run.bindings["x"], run.bindings["y"]
    got = py(x, y)
    assert isinstance(got, dsl.Dist)
    want = lang(text, x=x, y=y)
    np.testing.assert_array_equal(got.samples, want.samples)
    assert not got.is_indicator


@pytest.mark.parametrize("py, text", [
    (lambda x, y: x < 0.5, "x < 0.5"), (lambda x, y: x <= y, "x <= y"),
    (lambda x, y: x > 0, "x > 0"), (lambda x, y: 1 >= x, "1 >= x"),
    (lambda x, y: x == x, "x == x"), (lambda x, y: x != 0, "x != 0"),
    (lambda x, y: (x > 0) & (y > 5), "x > 0 && y > 5"),
    (lambda x, y: (x > 0) | (y > 5), "x > 0 || y > 5"), (lambda x, y: ~(x > 0), "!(x > 0)"),
    (lambda x, y: np.greater(x, 0), "x > 0"),
])
def test_comparisons_are_conditions(run, py, text):
    x, y = run.bindings["x"], run.bindings["y"]
    got = py(x, y)
    want = lang(text, x=x, y=y)
    assert got.is_indicator and want.is_indicator
    np.testing.assert_array_equal(got.samples, want.samples)
    assert got.prob() == want.prob()


def test_probability_of_a_comparison_within_monte_carlo_error(run):
    x = run.bindings["x"]
    p = (x > 1).prob()
    exact = stats.norm.sf(1)
    assert abs(p - exact) < 4 * math.sqrt(exact * (1 - exact) / N)


def test_errors_are_the_languages(run):
    x = run.bindings["x"]
    with pytest.raises(DomainError, match="logarithm's argument must be >= 0") as e:
        np.log(x)
    assert e.value.span is not None and e.value.span.line == 1 and e.value.span.column == 1
    assert "<python>:1:1" in e.value.format()
    with pytest.raises(DomainError, match="square root"):
        np.sqrt(x)
    with pytest.raises(DslError, match="fractional power"):
        x ** 0.5


def test_a_ufunc_the_language_lacks_runs_on_the_samples(run):
    x = run.bindings["x"]
    got = np.arcsinh(x)
    assert isinstance(got, dsl.Dist)
    np.testing.assert_array_equal(got.samples, np.arcsinh(x.samples))
    assert np.isfinite(x).is_indicator and np.isfinite(x).prob() == 1  # bool: a condition
    with pytest.raises(DomainError, match="np.arccosh is undefined"):
        np.arccosh(x)  # NaN from numbers is an error, as in the language


def test_mismatched_sample_counts(run):
    other = dsl.run("a = normal(0, 1)", samples=100).bindings["a"]
    with pytest.raises(ArgumentError, match="different sample counts"):
        run.bindings["x"] + other
    assert run.bindings["x"].__add__("text") is NotImplemented
    with pytest.raises(TypeError):
        run.bindings["x"] + "text"


def test_numpy_reads_the_samples(run):
    x, z = run.bindings["x"], run.bindings["z"]
    assert np.asarray(x) is x.samples and len(x) == N
    assert np.array(x, dtype=np.float32).dtype == np.float32
    assert np.asarray(x, dtype=np.float64) is x.samples
    copied = np.array(x)
    assert copied is not x.samples and copied.flags.writeable
    if np.lib.NumpyVersion(np.__version__) >= "2.0.0":
        with pytest.raises(ValueError, match="without a copy"):
            np.asarray(x, dtype=np.float32, copy=False)
    assert np.mean(x) == 0.0 and np.std(x) == 1.0 and np.var(x) == 1.0  # the exact law
    assert np.mean(z) == pytest.approx(float(np.mean(z.samples)), abs=0)
    assert np.std(z) == pytest.approx(float(np.std(z.samples)))
    assert np.std(x, ddof=1) == pytest.approx(float(np.std(x.samples, ddof=1)))
    assert np.sum(x) == pytest.approx(float(x.samples.sum()))
    se_median = 0.5 / math.sqrt(N) / stats.norm.pdf(0)
    assert abs(np.median(x)) < 4 * se_median
    assert abs(np.quantile(x, 0.95) - stats.norm.ppf(0.95)) < 4 * math.sqrt(
        0.95 * 0.05 / N) / stats.norm.pdf(stats.norm.ppf(0.95))
    assert x[0] == x.samples[0] and list(x[:3]) == list(x.samples[:3])
    assert next(iter(x)) == x.samples[0]
    assert np.add.reduce(x) == pytest.approx(float(x.samples.sum()))


def test_truth_and_hash(run):
    x = run.bindings["x"]
    with pytest.raises(TypeError, match="ambiguous"):
        bool(x > 0)
    with pytest.raises(TypeError):
        hash(x)
    with pytest.raises(TypeError):
        {x}


def test_lists_and_records_compare_distributions_by_identity(run):
    x, y = run.bindings["x"], run.bindings["y"]
    assert dsl.List([x, dsl.Number(1)]) == dsl.List([x, dsl.Number(1)])
    assert dsl.List([x]) != dsl.List([y])
    assert dsl.Record({"a": x}) == dsl.Record({"a": x})
    assert dsl.Record({"a": x}) != dsl.Record({"a": y})
    # the language too: a distribution equals only itself inside a list
    assert dsl.evaluate("{a = normal(0, 1); [[a] == [a], [a] == [normal(0, 1)]]}",
                        samples=100).to_python() == [True, False]


def test_repr_names_the_law_and_gives_mean_and_interval(run):
    assert repr(run.bindings["x"]) == \
        f"Dist(normal(mean=0, stdev=1); mean 0, 90% CI -1.64 to 1.64; n={N})"
    assert repr(run.bindings["y"]).startswith("Dist(lognormal(mu=1.49787, sigma=0.489234); "
                                              "mean 5.04, 90% CI 2 to 10;")
    z = repr(run.bindings["z"])
    assert z.startswith("Dist(mean ") and "90% CI" in z and "law" not in z
    assert repr(run.bindings["c"]).startswith("Dist(P = 0.")
    sym = dsl.evaluate("Sym.normal(1, 2)", samples=100)
    assert repr(sym).startswith("Dist(normal(mean=1, stdev=2); mean 1,")


def test_record_and_list_protocols():
    r = dsl.evaluate("{a: 1, b: [1, 2, 'x'], c: {d: true}}", samples=100)
    assert len(r) == 3 and list(r) == ["a", "b", "c"] and "a" in r and "z" not in r
    assert r["a"] == dsl.Number(1) and r["c"]["d"].value is True
    assert list(r.keys()) == ["a", "b", "c"] and dict(r.items())["a"] == dsl.Number(1)
    with pytest.raises(KeyError, match="did you mean 'b'"):
        r["ab"]
    xs = r["b"]
    assert len(xs) == 3 and xs[0] == dsl.Number(1) and xs[-1] == dsl.String("x")
    assert xs[1:] == dsl.List([dsl.Number(2), dsl.String("x")])
    assert [v.to_python() for v in xs] == [1, 2, "x"]
    assert 2 in xs and "x" in xs and 3 not in xs and dsl.Number(1) in xs
    assert object() not in xs
    with pytest.raises(IndexError):
        xs[3]
    d = dsl.evaluate("normal(0, 1)", samples=100)
    holder = dsl.List([d])
    assert d in holder and dsl.evaluate("normal(0, 1)", samples=100) not in holder


def test_equality_with_other_values_is_unchanged(run):
    """== against a string, list, record or date is "not equal", in Python and in the
    language (whose `equal` of such values asks Python's ==: no loop back)."""
    x = run.bindings["x"]
    assert (x == "a") is False and (x != "a") is True
    assert (x == dsl.String("a")) is False and (x == dsl.List([])) is False
    assert dsl.evaluate("{d = normal(0, 1); [d == 'a', d != [1], 'a' == d, d == {a: 1}, "
                        "d == Date(2020)]}", samples=100).to_python() == \
        [False, True, False, False, False]
