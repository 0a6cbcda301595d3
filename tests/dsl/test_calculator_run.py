"""dsl.engine.calculator_run: a Calculator run as Squiggle's playground runs it (each field's
code a program of its own, then the function of their values)."""
from __future__ import annotations

import math

import pytest

import dsl
from dsl.engine.calculator_run import calculator_result, field_code
from dsl.engine.dist import Dist


def calc(source: str, session=None):
    return (session or dsl.Session(samples=1_000, seed=0)).evaluate(source)


FORM = ('Calculator.make({|a, b, flag, pick| flag ? a + b : pick}, {inputs: ['
        'Input.text({name: "a", default: "2 to 3"}), Input.textArea({name: "b", default: 10}), '
        'Input.checkbox({name: "flag", default: true}), '
        'Input.select({name: "pick", options: ["x", "y"], default: "y"})]%s})')


def test_the_defaults_result():
    result = calculator_result(calc(FORM % ""), samples=2_000, seed=1)
    assert isinstance(result, Dist) and len(result.samples) == 2_000
    # a + b: the lognormal with 5% and 95% quantiles 2 and 3, plus 10 (sample mean
    # within 6 standard errors of the exact one)
    mu, sigma = (math.log(2) + math.log(3)) / 2, (math.log(3) - math.log(2)) / (2 * 1.6448536269514722)
    exact_mean = math.exp(mu + sigma ** 2 / 2) + 10
    exact_sd = math.sqrt((math.exp(sigma ** 2) - 1) * math.exp(2 * mu + sigma ** 2))
    assert abs(result.mean() - exact_mean) < 6 * exact_sd / math.sqrt(2_000)


def test_the_calculators_sample_count_wins():
    result = calculator_result(calc(FORM % ", sampleCount: 300"), samples=2_000)
    assert len(result.samples) == 300


def test_typed_values_replace_the_defaults():
    c = calc(FORM % "")
    assert calculator_result(c, values=[None, None, False, None]).value == "y"
    assert calculator_result(c, values=[None, None, False, "x"]).value == "x"
    assert calculator_result(c, values=["1", "2", None, None]).value == 3


def test_a_field_without_code_means_no_result():
    assert calculator_result(calc("Calculator({|x| x})")) is None
    assert calculator_result(calc(FORM % ""), values=["", None, None, None]) is None


def test_the_function_keeps_its_closure():
    session = dsl.Session(samples=100, seed=0)
    session.run("k = 5")
    c = calc('Calculator.make({|x| x * k}, {inputs: [Input.text({name: "x", '
             'default: "2"})]})', session)
    assert calculator_result(c).value == 10


def test_errors_are_dsl_errors():
    c = calc(FORM % "")
    with pytest.raises(dsl.DslError) as caught:
        calculator_result(c, values=["2 +", None, None, None])
    assert caught.value.line == 1
    with pytest.raises(dsl.DslError):
        calculator_result(c, values=[None])
    with pytest.raises(dsl.DslError) as caught:
        calculator_result(calc('Calculator.make({|x| throw("bad")}, {inputs: [Input.text({'
                               'name: "x", default: "1"})]})'))
    assert "bad" in caught.value.message


def test_field_codes():
    c = calc(FORM % "")
    assert [field_code(f) for f in c.inputs] == ["2 to 3", "10", "true", '"y"']
    assert field_code(c.inputs[2], False) == "false"
