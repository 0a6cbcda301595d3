"""Pointwise operations (.+ .- .* ./ .^, Dist.dot*, dotExp) and normalize,
isNormalized, integralSum (stdlib/dist_pointwise.py): densities combined point by
point as Squiggle 0.10 combines them. The expected numbers are what Squiggle 0.10 gave
for the same program (point sets and Sym.* inputs are deterministic there)."""
import math

import numpy as np
import pytest

import dsl

PROGRAM = """
a = Sym.normal(0, 1)
b = Sym.normal(5, 1)
s = a .+ b
p = PointSet.makeContinuous([{x: 0, y: 0.5}, {x: 1, y: 1.5}, {x: 2, y: 0}])
q = PointSet.makeContinuous([{x: 0.5, y: 1}, {x: 1.5, y: 1}])
"""

SQUIGGLE = [  # (expression, Squiggle 0.10's value)
    ("integralSum(s)", 2.001155129206151), ("mean(s)", 5.002887823015381),
    ("stdev(s)", 1.412881005911673), ("mean(normalize(s))", 2.499999999999986),
    ("stdev(normalize(s))", 2.6934661278820085), ("integralSum(normalize(s))", 1.0),
    ("cdf(s, 2.5)", 1.000577564603075), ("quantile(s, 0.5)", -0.0007237569929477369),
    ("integralSum(p .+ q)", 3.25), ("mean(p .+ q)", 3.0833333333333326),
    ("integralSum(p .* q)", 1.625), ("mean(p .* q)", 1.5625),
    ("integralSum(p .- q)", 0.25), ("integralSum(p .+ 3)", 2.75),
    ("mean(p .+ 3)", 2.098484848484848),
    ("integralSum(Sym.uniform(0, 1) .* Sym.uniform(0.5, 1.5))", 0.5000000001),
    ("integralSum(dotExp(p))", 1.5), ("integralSum(Dist.dotExp(p))", 1.5),
    ("integralSum(p .^ q)", 2.125), ("integralSum(Dist.dotPow(p, q))", 2.125),
    ("integralSum(Dist.dotAdd(p, q))", 3.25), ("integralSum(Dist.dotSubtract(p, q))", 0.25),
    ("integralSum(Dist.dotMultiply(p, q))", 1.625),
    ("integralSum(Dist.dotAdd(3, p))", 2.75),
    ("integralSum(Sym.normal(0, 1) .+ Sym.normal(100, 1))", 2.0011549481523465),
]


@pytest.mark.parametrize("expression,expected", SQUIGGLE)
def test_agrees_with_squiggle(expression, expected):
    value = dsl.evaluate(PROGRAM + expression, samples=2000, seed=1)
    assert float(value) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_densities_add_not_random_variables():
    # the density of p .+ q is p's plus q's at every x, by hand: p is 0.5 + x on [0, 1]
    # and 1.5 - 1.5 (x - 1) on [1, 2], q is 1 on [0.5, 1.5]
    d = dsl.evaluate(PROGRAM + "p .+ q", samples=1000)
    law = d.law
    xs = np.array([0.0, 0.5, 1.0, 1.5, 2.0])
    assert np.interp(xs, law.cxs, law.cys) == pytest.approx([0.5, 2.0, 2.5, 1.75, 0.0])


def test_normalize_and_is_normalized():
    res = dsl.run(PROGRAM + "n = normalize(s)\nflags = [isNormalized(s), isNormalized(n), "
                  "isNormalized(normal(0, 1)), integralSum(normal(0, 1))]\nsame = normalize(a)",
                  samples=5000)
    b = res.bindings
    assert [v.value for v in b["flags"].items] == [False, True, True, 1.0]
    assert b["same"] is b["a"]  # only a point set can be unnormalised
    n = b["n"]  # its samples come from the normalised density: mean about 2.5
    assert abs(n.samples.mean() - 2.5) < 5 * n.samples.std() / math.sqrt(5000)


def test_sample_sets_are_smoothed_as_squiggle_smooths_them():
    # Squiggle 0.10 on normal(0, 1) .+ normal(5, 1) at 200,000 samples, three seeds:
    # integralSum 2.0000000000000 (to 1e-13), mean 5.0002, 4.9944, 5.0049
    d = dsl.evaluate("normal(0, 1) .+ normal(5, 1)", samples=200_000, seed=3)
    assert d.law.integral_sum() == pytest.approx(2.0, rel=1e-12)
    assert abs(d.mean() - 5.0) < 0.02


@pytest.mark.parametrize("source,fragment", [
    ("normal(0, 1) ./ 2", "Dist.dotDivide: cannot divide by zero"),
    ("normal(0, 1) .* 2", "total mass 0"),
    ("Dist.dotAdd(1, 2)", "does not support arguments (Number, Number)"),
    ("normalize(3)", "does not support"),
])
def test_errors_have_positions(source, fragment):
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate("x = 1\n  " + source, samples=1000)
    assert fragment in info.value.message
    assert (info.value.line, info.value.column) == (2, 3)
