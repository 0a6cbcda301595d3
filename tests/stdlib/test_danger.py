"""Danger.* and RelativeValues.wrap: Squiggle 0.10's values (recorded from its npm
package, quoted below) and exact values from scipy and closed forms."""
from __future__ import annotations

import json
import math
import time

import numpy as np
import pytest
from scipy import integrate, special, stats

import dsl
import stdlib.danger as danger
from dsl import DslError
from dsl.engine.values import List, Number, Record, String

ALLOCATION = "Danger.optimalAllocationGivenDiminishingMarginalReturnsForManyFunctions"


def ev(source: str, samples: int = 1_000):
    return dsl.Session(samples=samples, seed=1).evaluate(source)


def num(source: str, samples: int = 1_000) -> float:
    value = ev(source, samples)
    assert isinstance(value, Number), value
    return value.value


def fails(source: str) -> DslError:
    with pytest.raises(DslError) as caught:
        dsl.Session(samples=1_000).run("a = 1\nb = " + source)
    error = caught.value
    assert (error.line, error.column) == (2, 5)  # where the call is
    return error


# ---- combinatorics ----

@pytest.mark.parametrize("n", range(0, 21))
def test_factorial_of_a_whole_number_is_exact(n):
    assert num(f"Danger.factorial({n})") == special.factorial(n, exact=True)


@pytest.mark.parametrize("n", [21, 50, 100, 170])
def test_factorial_past_2_to_the_53_is_the_product_in_doubles(n):
    # Squiggle (jstat) multiplies 1 * 2 * ... * n in doubles: within rounding of n!
    assert num(f"Danger.factorial({n})") == pytest.approx(
        float(special.factorial(n, exact=True)), rel=n * 2.3e-16)
    assert num(f"Danger.factorial({n})") == math.prod(float(k) for k in range(1, n + 1))


@pytest.mark.parametrize("n", [0.5, 2.5, 10.25, 169.5])
def test_factorial_of_a_fraction_is_gamma(n):
    assert num(f"Danger.factorial({n})") == pytest.approx(special.gamma(n + 1), rel=1e-13)


def test_factorial_squiggle_values_and_limits():
    # Squiggle's Gamma (jstat's rational approximation) is good to about 1e-9; sqdsl's
    # is the correctly rounded one tested above
    assert num("Danger.factorial(0.5)") == pytest.approx(0.8862269279400695, rel=1e-8)
    assert num("Danger.factorial(171)") == math.inf  # Squiggle: Infinity
    assert "n must be >= 0 (got -1)" in fails("Danger.factorial(-1)").message


@pytest.mark.parametrize("n, k", [(5, 2), (20, 1), (20, 10), (60, 30), (170, 85), (7, 0),
                                  (7, 7)])
def test_choose_is_the_binomial_coefficient(n, k):
    assert num(f"Danger.choose({n}, {k})") == pytest.approx(
        float(special.comb(n, k, exact=True)), rel=1e-13)


@pytest.mark.parametrize("n, k", [(200, 2), (1000, 500), (400.5, 3)])
def test_choose_past_170_is_finite_where_squiggle_gives_nan(n, k):
    assert num(f"Danger.choose({n}, {k})") == pytest.approx(special.comb(n, k), rel=1e-9)


@pytest.mark.parametrize("source", ["Danger.choose(1, 20)", "Danger.choose(5, -1)"])
def test_choose_outside_0_to_n_is_an_error(source):
    assert "k must be between 0 and n" in fails(source).message


@pytest.mark.parametrize("n, k, p", [(10, 3, 0.5), (1, 1, 0.3), (50, 7, 0.1), (20, 0, 0.2),
                                     (1000, 300, 0.3), (5000, 10, 0.001)])
def test_binomial_is_the_binomial_pmf(n, k, p):
    assert num(f"Danger.binomial({n}, {k}, {p})") == pytest.approx(
        stats.binom.pmf(k, n, p), rel=1e-9)


def test_binomial_squiggle_value_and_errors():
    assert num("Danger.binomial(10, 3, 0.5)") == 0.1171875  # Squiggle 0.10
    assert "k must be between 0 and n" in fails("Danger.binomial(1, 20, 0.5)").message
    assert "between 0 and 1" in fails("Danger.binomial(3, 1, 1.5)").message


def test_laplace():
    assert num("Danger.laplace(1, 10)") == 2 / 12
    assert num("Danger.laplace(0, 0)") == 0.5
    assert "trials + 2" in fails("Danger.laplace(-1, -2)").message


@pytest.mark.parametrize("source, expected", [
    ("Danger.combinations([1, 2, 3], 2)", "[[1, 2], [1, 3], [2, 3]]"),
    ("Danger.combinations([1, 2, 3], 3)", "[[1, 2, 3]]"),
    ("Danger.combinations([1, 2, 3], 0)", "[[]]"),
    ("Danger.combinations(['a', 'b', 'c', 'd'], 3)",
     "[['a', 'b', 'c'], ['a', 'b', 'd'], ['a', 'c', 'd'], ['b', 'c', 'd']]"),
    ("Danger.allCombinations([1, 2, 3])",
     "[[1], [2], [3], [1, 2], [1, 3], [2, 3], [1, 2, 3]]"),
    ("Danger.allCombinations([])", "[]"),
])
def test_combinations_in_squiggles_order(source, expected):
    assert ev(source) == ev(expected)


def test_combination_counts():
    assert len(ev("Danger.combinations(List.upTo(1, 12), 5)").items) == math.comb(12, 5)
    assert len(ev("Danger.allCombinations(List.upTo(1, 10))").items) == 2 ** 10 - 1


def test_combination_errors():
    assert fails("Danger.combinations([1, 2, 3], 4)").message == (
        "Combinations of length 4 were requested, but full list is only 3 long.")
    # Squiggle overflows its stack on these
    assert "whole number >= 0" in fails("Danger.combinations([1, 2, 3], -1)").message
    assert "whole number >= 0" in fails("Danger.combinations([1, 2, 3], 1.5)").message
    assert fails("Danger.allCombinations(List.upTo(1, 40))").kind == "LimitError"


@pytest.mark.parametrize("text, expected", [
    # JavaScript's parseFloat, as Squiggle 0.10 returned them
    ("10.3", 10.3), (" 1e3xyz", 1000), ("Infinity", math.inf), ("-.5e-2", -0.005),
    ("0x10", 0), ("1e", 1), ("1.", 1), ("+7", 7), ("\t\n 42", 42), ("-Infinityx", -math.inf),
    ("3.14.15", 3.14), ("1_000", 1)])
def test_parse_float_reads_a_number_prefix(text, expected):
    assert num(f"Danger.parseFloat({json.dumps(text)})") == expected


@pytest.mark.parametrize("text", ["abc", "", ".", "infinity", "e5", "-"])
def test_parse_float_without_a_number(text):
    assert ev(f"Danger.parseFloat({json.dumps(text)})") == String("Parse Failed")


def test_now_is_the_current_time():
    before = math.floor(time.time() * 1000)
    value = ev("Danger.now()")
    after = math.floor(time.time() * 1000) + 1
    assert value.type_name == "Date" and before <= value.ms <= after


# ---- integration ----

def test_integration_squiggle_values():
    # recorded from Squiggle 0.10, bit for bit
    assert num("Danger.integrateFunctionBetweenWithNumIntegrationPoints({|x| x+1}, 1, 10, 10)"
               ) == 58.5
    assert num("integrateFunctionBetweenWithNumIntegrationPoints({|x| x*x}, 0, 1, 101)"
               ) == 0.33335000000000004
    assert num("Danger.integrateFunctionBetweenWithNumIntegrationPoints({|x| x+1}, 1, 10, 2.7)"
               ) == 58.5
    assert num("Danger.integrateFunctionBetweenWithEpsilon({|x| x+1}, 1, 10, 0.1)") == 58.5


@pytest.mark.parametrize("f, py, low, high, points", [
    ("{|x| Math.sin(x)}", math.sin, 0, math.pi, 1001),
    ("{|x| exp(-x * x / 2)}", lambda x: math.exp(-x * x / 2), -5, 5, 2001),
    ("{|x| 1 / x}", lambda x: 1 / x, 1, 10, 5001),
])
def test_integration_is_the_trapezoid_rule(f, py, low, high, points):
    got = num(f"integrateFunctionBetweenWithNumIntegrationPoints({f}, {low}, {high}, "
              f"{points})")
    xs = np.linspace(low, high, points)
    assert got == pytest.approx(integrate.trapezoid([py(x) for x in xs], xs), rel=1e-12)
    exact, _ = integrate.quad(py, low, high)
    # the trapezoid rule's error is at most (b - a) h^2 / 12 max|f''|: these f'' <= 2
    h = (high - low) / (points - 1)
    assert abs(got - exact) <= (high - low) * h * h / 12 * 2


def test_integration_calls_an_elementwise_function_once(monkeypatch):
    calls = []
    original = danger._number_at
    monkeypatch.setattr(danger, "_number_at",
                        lambda *a: calls.append(a[2]) or original(*a))
    assert num("integrateFunctionBetweenWithNumIntegrationPoints({|x| x * x}, 0, 1, 1001)"
               ) == pytest.approx(1 / 3 + 1e-6 / 6, rel=1e-12)
    assert calls == [0.0, 1.0]  # only the check at both ends, one point at a time


@pytest.mark.parametrize("f, expected", [
    # not element-wise: each point must see its own value alone
    ("{|x| x - mean(x)}", 0), ("{|x| List.length(List.upTo(1, 3)) + 0 * x}", 27),
    ("{|x| 3}", 27), ("{|x| if x > 5 then 1 else 0}", 4.5),
    ("{|x| mean(normal(x, 1))}", 49.5),
])
def test_integration_of_functions_that_are_not_elementwise(f, expected):
    got = num(f"integrateFunctionBetweenWithNumIntegrationPoints({f}, 1, 10, 10)",
              samples=2_000)
    assert got == pytest.approx(expected, abs=1e-12)


def test_integration_errors():
    assert fails("Danger.integrateFunctionBetweenWithNumIntegrationPoints({|x| x}, 1, 10, 0)"
                 ).message == "Integration error 4 in Danger.integrate: Increment can't be 0."
    assert fails("Danger.integrateFunctionBetweenWithEpsilon({|x| x}, 1, 10, 0)"
                 ).message == "Integration error in Danger.integrate: Increment can't be 0."
    # Squiggle: NaN for one point, -58.5 for 0.45 points
    assert "at least 2" in fails(
        "Danger.integrateFunctionBetweenWithNumIntegrationPoints({|x| x}, 1, 10, 1)").message
    assert "at least 2" in fails(
        "Danger.integrateFunctionBetweenWithEpsilon({|x| x}, 1, 10, 20)").message
    error = fails("Danger.integrateFunctionBetweenWithNumIntegrationPoints({|x| normal(x, 1)}"
                  ", 1, 10, 10)")
    assert error.message.startswith("Error 1 in Danger.integrate. It's possible that your "
                                    "function doesn't return a number")


# ---- allocation ----

def test_allocation_squiggle_values():
    result = ev(f"{ALLOCATION}([{{|x| x+1}}, {{|y| 10}}], 100, 0.01)")
    assert [v.value for v in result.items] == [0, 100.00000000001425]  # Squiggle's sum


def test_allocation_equalises_marginal_returns():
    # 100/(x+1) = 50/(y+1) with x + y = 100: x = 67, y = 33
    result = ev(f"optimalAllocationGivenDiminishingMarginalReturnsForManyFunctions("
                f"[{{|x| 100/(x+1)}}, {{|y| 50/(y+1)}}], 100, 1)")
    assert [v.value for v in result.items] == [67, 33]
    # three projects 1/(x+a): at the optimum x + a is the same for all, within a step
    result = ev(f"{ALLOCATION}([{{|x| 1/(x+1)}}, {{|x| 1/(x+2)}}, {{|x| 1/(x+3)}}], 30, 0.1)")
    xs = [v.value for v in result.items]
    assert sum(xs) == pytest.approx(30, rel=1e-12)
    assert [x + a for x, a in zip(xs, (1, 2, 3))] == pytest.approx([12] * 3, abs=0.1 + 1e-9)


@pytest.mark.parametrize("args, fragment", [
    ("[{|x| 1}], 10, 1", "number of functions should be greater than 1."),
    ("[{|x| 1}, {|x| 2}], 0, 1", "funds should be greater than 0."),
    ("[{|x| 1}, {|x| 2}], 10, 0", "approximateIncrement should be greater than 0."),
    ("[{|x| 1}, {|x| 2}], 10, 10", "approximateIncrement should be smaller than funds "
                                   "amount."),
    ("[{|x| 1}, {|x| normal(1, 1)}], 10, 1",  # Squiggle's message, word for word
     f"Error 1 in {ALLOCATION}. It's possible that your function doesn't return a number, "
     "try definining auxiliaryFunction(x) = mean(yourFunction(x)) and integrate "
     "auxiliaryFunction instead"),
])
def test_allocation_errors(args, fragment):
    assert fragment in fails(f"{ALLOCATION}({args})").message


# ---- distributions ----

def test_binomial_and_poisson_distributions():
    n = 200_000
    d = dsl.Session(samples=n, seed=3).evaluate("Danger.binomialDist(8, 0.5)")
    assert d.mean() == 4 and set(np.unique(d.samples)) <= set(range(9))
    assert np.mean(d.samples) == pytest.approx(4, abs=4 * math.sqrt(2 / n))
    d = dsl.Session(samples=n, seed=3).evaluate("Danger.poissonDist(10)")
    assert np.mean(d.samples) == pytest.approx(10, abs=4 * math.sqrt(10 / n))
    assert "rate must be > 0" in fails("Danger.poissonDist(0)").message
    assert "whole number" in fails("Danger.binomialDist(2.5, 0.5)").message
    assert "between 0 and 1" in fails("Danger.binomialDist(3, 1.5)").message


# ---- JSON ----

@pytest.mark.parametrize("source, expected", [
    # Squiggle 0.10's strings
    ("Danger.jsonString({a: 1, b: 2})", '{"vtype":"Dict","value":{"a":1,"b":2}}'),
    ("Danger.jsonString([1, 'a', true, {x: [1,2]}])",
     '[1,"a",true,{"vtype":"Dict","value":{"x":[1,2]}}]'),
    ("Danger.jsonString({|x| x+1})",
     '{"vType":"Lambda","toString":"(x) => internal code","paramenterString":"x"}'),
    ("Danger.jsonString(Danger.laplace)",
     '{"vType":"Lambda","toString":"Danger.laplace","paramenterString":"(Number, Number) => '
     'Number"}'),
    ("Danger.jsonString(1/0)", "null"), ("Danger.jsonString(0.1)", "0.1"),
    ("Danger.jsonString(1e21)", "1e+21"),
    ("Danger.jsonString([0, -0, 1e-7, 123456789012])", "[0,0,1e-7,123456789012]"),
    ("Danger.jsonString(\"a\\\"b\\n\")", '"a\\"b\\n"'),
    ("Danger.jsonString({})", '{"vtype":"Dict","value":{}}'), ("Danger.jsonString([])", "[]"),
    ("Danger.jsonString({'a b': 1, '1': 2, z: 3})",
     '{"vtype":"Dict","value":{"1":2,"a b":1,"z":3}}'),
    ("Danger.jsonString(Date.make(2020))", '"2020-01-01T00:00:00.000Z"'),
])
def test_json_string(source, expected):
    assert ev(source) == String(expected)


def test_json_keeps_values_and_wraps_records():
    assert ev("Danger.json({a: 1, b: [2]})") == ev('{vtype: "Dict", value: {a: 1, b: [2]}}')
    assert ev("Danger.json(1/0)") == Number(math.inf)
    assert ev("typeOf(Danger.json({|x| x}))") == String("Function")


def test_json_of_a_distribution_is_its_samples_and_summary():
    session = dsl.Session(samples=500, seed=2)
    session.run("d = normal(5, 2)\nj = Danger.json(d)\ns = Danger.jsonString(d)")
    samples = session.bindings["d"].value.samples
    j = session.bindings["j"].value
    assert isinstance(j, Record) and j.fields["vType"] == String("SampleSetDist")
    assert [v.value for v in j.fields["samples"].items] == samples.tolist()
    summary = {k: v.value for k, v in j.fields["summary"].fields.items()}
    assert list(summary) == ["mean", "p5", "p50", "p95"]
    assert summary["mean"] == pytest.approx(samples.mean(), rel=1e-15)
    assert summary["p5"] == pytest.approx(np.quantile(samples, 0.05), rel=1e-15)
    parsed = json.loads(session.bindings["s"].value.value)
    assert parsed["samples"] == samples.tolist()
    assert list(parsed["summary"]) == ["mean", "p5", "p50", "p95"]


def test_json_of_a_duration_is_an_error():
    assert fails("Danger.json(Duration.fromDays(2))").message == (
        "Can't convert Duration to simple value")


# ---- RelativeValues.wrap ----

def test_wrap_squiggle_values():
    assert ev("RelativeValues.wrap({|x, y| [pointMass(6), pointMass(3)]})(1, 2)") == ev(
        "{median: 2, mean: 2, min: 2, max: 2, uncertainty: 0}")
    assert ev("RelativeValues.wrap({|x, y| [10 * x, y]})(2, 4)") == ev(
        "{median: 5, mean: 5, min: 5, max: 5, uncertainty: 0}")


def test_wrap_summarises_the_ratio():
    """(2 to 10) / 4 is lognormal: its quantiles are known exactly; the tolerance is 5
    standard errors of a sample quantile (sqrt(p (1 - p) / n) / density)."""
    n = 200_000
    got = dsl.Session(samples=n, seed=5).evaluate(
        "RelativeValues.wrap({|x, y| [x to 10, y]})(2, 4)")
    fields = {k: v.value for k, v in got.fields.items()}
    mu, sigma = math.log(math.sqrt(20)) - math.log(4), math.log(5) / (2 * 1.6448536269514722)
    law = stats.lognorm(sigma, scale=math.exp(mu))
    for key, p in [("min", 0.05), ("median", 0.5), ("max", 0.95)]:
        se = math.sqrt(p * (1 - p) / n) / law.pdf(law.ppf(p))
        assert fields[key] == pytest.approx(law.ppf(p), abs=5 * se), key
    assert fields["mean"] == pytest.approx(law.mean(), abs=5 * law.std() / math.sqrt(n))
    assert fields["uncertainty"] == pytest.approx(math.log10(5), abs=0.01)


def test_wrap_errors():
    error = fails("RelativeValues.wrap({|x, y| 3})(1, 2)")
    assert "must return a list of two distributions" in error.message


# ---- Danger.yTransform ----

def test_y_transform_squiggle_values():
    """Recorded from Squiggle 0.10 (also tests/squiggle/programs/
    feature_danger_ytransform.squiggle)."""
    d = ev("Danger.yTransform(PointSet.makeContinuous([{x: 0, y: 0}, {x: 1, y: 1}, "
           "{x: 2, y: 1}, {x: 3, y: 0}]))")
    assert d.mean() == 0.75 and d.law.integral_sum() == 2
    assert d.stdev() == pytest.approx(0.32274861218395134, rel=1e-14)
    d = ev("Danger.yTransform(PointSet.makeDiscrete([{x: 0, y: 0.2}, {x: 1, y: 0.3}, "
           "{x: 2, y: 0.2}, {x: 5, y: 0.3}]))")
    assert (d.mean(), d.stdev()) == pytest.approx((0.26, 0.04898979485566356), rel=1e-14)
    assert list(d.law.dxs) == [0.2, 0.3] and list(d.law.dys) == [0.4, 0.6]


def test_y_transform_of_a_normal_is_the_distribution_of_its_density():
    """Y = f(X) for the point set of normal(5, 2). Squiggle spreads each linear piece's
    mass, dx (y1 + y2) / 2, evenly over [y1, y2], so E[Y] = sum dx (y1 + y2)^2 / 4 and
    E[Y^2] = sum dx (y1 + y2) (y1^2 + y1 y2 + y2^2) / 6. Squiggle's own mean here is
    -3.37 and its stdev NaN (cancellation over its 2.2e-16-wide steps)."""
    from stdlib.pointsets import to_point_set
    source = to_point_set(ev("PointSet.make(Sym.normal(5, 2))"))
    d = ev("Danger.yTransform(PointSet.make(Sym.normal(5, 2)))")
    x, y = source.cxs, source.cys
    dx, y1, y2 = np.diff(x), y[:-1], y[1:]
    sloped, flat = y1 != y2, (y1 == y2) & (y1 != 0)
    law = d.law
    # the continuous part's moments: the rectangles', to rounding
    assert law._continuous_moment(1) == pytest.approx(
        float(np.sum((dx * (y1 + y2) ** 2 / 4)[sloped])), rel=1e-9)
    assert law._continuous_moment(2) == pytest.approx(
        float(np.sum((dx * (y1 + y2) * (y1 ** 2 + y1 * y2 + y2 ** 2) / 6)[sloped])), rel=1e-9)
    # a flat piece (the normal's peak) is a point mass dx y at its height y
    assert list(law.dxs) == list(np.unique(y1[flat]))
    assert law.disc_sum == pytest.approx(float(np.sum((dx * y1)[flat])), rel=1e-12)
    # the mass is the source's trapezoids' (Squiggle's too: 1.0006, not the 1 its
    # normal's point set caches)
    assert law.integral_sum() == pytest.approx(float(np.sum(dx * (y1 + y2) / 2)), rel=1e-12)
    # close to the exact normal's: E[phi(Z)/2] = 1 / (4 sqrt(pi))
    assert d.mean() == pytest.approx(1 / (4 * math.sqrt(math.pi)), rel=0.01)
    # the median of f(X): the mass of f below it is half the total
    median = float(d.quantile(0.5))
    fine = np.linspace(x[0], x[-1], 200_001)
    f = np.interp(fine, x, y)
    mass_below = float(np.sum(np.where(f <= median, f, 0.0)) * (fine[1] - fine[0]))
    assert mass_below / source.integral_sum() == pytest.approx(0.5, abs=1e-3)


def test_long_loops_stop_at_the_time_limit():
    """The allocation's steps and per-point integration are model calls: each checks
    the run's clock, so 10 million of them end in a LimitError near the limit."""
    limits = dsl.Limits(time_limit=0.5)
    for source in [
            f"{ALLOCATION}([{{|x| 1 / (x + 1)}}, {{|x| 1 / (x + 2)}}], 1e7, 1)",
            "integrateFunctionBetweenWithNumIntegrationPoints("
            "{|x| List.length(List.upTo(1, 2)) * mean(x)}, 0, 1, 1e7)"]:
        start = time.monotonic()
        with pytest.raises(DslError) as caught:
            dsl.Session(samples=1_000, limits=limits).run("y = " + source)
        assert caught.value.kind == "LimitError"
        # 10 million steps would take minutes; generous room for a loaded machine
        assert time.monotonic() - start < 5


@pytest.mark.parametrize("source, expected", [
    ("Danger.choose(1e308, 1e307)", math.inf), ("Danger.choose(1e308, 1)", 1e308),
    ("Danger.choose(1e200, 0)", 1), ("Danger.binomial(1e308, 1, 0.5)", 0),
    ("Danger.factorial(1/0)", math.inf),  # as Squiggle
])
def test_extreme_arguments_give_numbers(source, expected):
    assert num(source) == pytest.approx(expected, rel=1e-12)


def test_binomial_of_huge_n_is_scipys_pmf():
    assert num("Danger.binomial(1e12, 3e11, 0.3)") == pytest.approx(
        stats.binom.pmf(3e11, 1e12, 0.3), rel=1e-9)


@pytest.mark.parametrize("source, fragment", [
    # Squiggle gives NaN, Infinity or a number for nothing for these
    ("Danger.choose(1/0, 2)", "n and k must be finite"),
    ("Danger.binomial(1/0, 1, 0.5)", "n and k must be finite"),
    ("Danger.laplace(1/0, 1/0)", "undefined"),
    ("integrateFunctionBetweenWithNumIntegrationPoints({|x| x}, 0, 1/0, 10)",
     "min and max must be finite"),
    ("integrateFunctionBetweenWithNumIntegrationPoints({|x| x}, 0, 1, 1/0)", "at least 2"),
    ("integrateFunctionBetweenWithNumIntegrationPoints({|x| x == 0 ? -1/0 : 1/0}, 0, 1, 3)",
     "the integral is undefined"),
    (f"{ALLOCATION}([{{|x| 1}}, {{|x| 2}}], 1/0, 1)", "Infinity steps"),
    (f"{ALLOCATION}([{{|x| 1}}, {{|x| 2}}], 1e300, 1e-300)", "Infinity steps"),
])
def test_arguments_without_an_answer_are_errors(source, fragment):
    assert fragment in fails(source).message


def test_wrap_of_a_ratio_with_infinities():
    assert ev("RelativeValues.wrap({|x, y| [1, 0]})(1, 2)") == ev(
        "{median: 1/0, mean: 1/0, min: 1/0, max: 1/0, uncertainty: 0}")
    got = ev("RelativeValues.wrap({|x, y| [mx(0, 1, [0.5, 0.5]), 1]})(1, 2)", samples=2_000)
    assert got.fields["uncertainty"].value == math.inf  # its 5% quantile is 0
