"""Element-wise mathematics: ``exp``, ``log``, ``sqrt``, rounding, trigonometry and the
``Math`` constants. Every function takes a number or a distribution."""
from __future__ import annotations

import math

import numpy as np

from dsl.engine.registry import builtin, constant
from dsl.engine.types import Num

from .elementwise import no_new_nan

_LOG_ARG = {"x": "the logarithm's argument"}
NonNegativeNum = Num.where(lambda x: x >= 0, ">= 0")


@builtin("Math.exp", aliases=["exp", "Number.exp"], examples=[("exp(0)", "1"),
                                                              ("log(exp(2))", "2")])
def exp(x: Num) -> Num:
    """e raised to the power x."""
    return np.exp(x)


@builtin("Math.log", aliases=["log", "Number.log"], labels=_LOG_ARG,
         examples=[("log(Math.e)", "1"), ("log(0)", "-1/0")])
def log(x: NonNegativeNum) -> Num:
    """The natural logarithm (Squiggle has no ``ln``; this is it). log(0) is -Infinity;
    a negative argument, or a distribution with negative samples, is an error."""
    return np.log(x)


@builtin("Math.log10", aliases=["log10", "Number.log10"], labels=_LOG_ARG,
         examples=[("log10(1000)", "3")])
def log10(x: NonNegativeNum) -> Num:
    """The base-10 logarithm."""
    return np.log10(x)


@builtin("Math.log2", aliases=["log2", "Number.log2"], labels=_LOG_ARG,
         examples=[("log2(8)", "3")])
def log2(x: NonNegativeNum) -> Num:
    """The base-2 logarithm."""
    return np.log2(x)


@builtin("Math.sqrt", aliases=["sqrt"], labels={"x": "the square root's argument"},
         examples=[("Math.sqrt(16)", "4")])
def sqrt(x: NonNegativeNum) -> Num:
    """The square root."""
    return np.sqrt(x)


@builtin("Number.abs", aliases=["abs", "Math.abs"], examples=[("abs(-4.25)", "4.25")])
def abs_(x: Num) -> Num:
    """The absolute value."""
    return np.abs(x)


@builtin("Number.floor", aliases=["floor", "Math.floor"], examples=[("floor(-0.5)", "-1")])
def floor(x: Num) -> Num:
    """The largest whole number <= x."""
    return np.floor(x)


@builtin("Number.ceil", aliases=["ceil", "Math.ceil"], examples=[("ceil(7.2)", "8")])
def ceil(x: Num) -> Num:
    """The smallest whole number >= x."""
    return np.ceil(x)


@builtin("Number.round", aliases=["round", "Math.round"],
         examples=[("round(2.5)", "3"), ("round(-1.5)", "-1")])
def round_(x: Num) -> Num:
    """The nearest whole number, halves rounded up as JavaScript (and Squiggle) do:
    round(2.5) is 3 and round(-1.5) is -1."""
    return np.floor(np.add(x, 0.5))


def _trig(name, fn, summary, example):
    """Declare ``Math.<name>``, element-wise ``fn``, documented by ``summary``."""
    def trig(x: Num) -> Num:
        return no_new_nan(fn(x), f"Math.{name} of a value outside its domain", x)
    trig.__doc__ = summary
    return builtin(f"Math.{name}", examples=[example])(trig)


_trig("sin", np.sin, "The sine (x in radians).", ("Math.sin(0)", "0"))
_trig("cos", np.cos, "The cosine (x in radians).", ("Math.cos(0)", "1"))
_trig("tan", np.tan, "The tangent (x in radians).", ("Math.tan(0)", "0"))
_trig("asin", np.arcsin, "The arcsine, in radians (x in [-1, 1]).", ("Math.asin(1)", "Math.pi / 2"))
_trig("acos", np.arccos, "The arccosine, in radians (x in [-1, 1]).", ("Math.acos(1)", "0"))
_trig("atan", np.arctan, "The arctangent, in radians.", ("Math.atan(1)", "Math.pi / 4"))

constant("Math.pi", math.pi, "π, the ratio of a circle's circumference to its diameter.",
         examples=[("Math.pi", "3.141592653589793")])
constant("Math.e", math.e, "e, the base of the natural logarithm.",
         examples=[("Math.e", "exp(1)")])
constant("Math.tau", math.tau, "τ = 2π.", examples=[("Math.tau", "2 * Math.pi")])
constant("Math.phi", (1 + math.sqrt(5)) / 2, "φ, the golden ratio.",
         examples=[("Math.phi", "(1 + Math.sqrt(5)) / 2")])
constant("Math.ln2", math.log(2), "The natural logarithm of 2.",
         examples=[("Math.ln2", "log(2)")])
constant("Math.ln10", math.log(10), "The natural logarithm of 10.",
         examples=[("Math.ln10", "log(10)")])
constant("Math.log2e", 1 / math.log(2), "The base-2 logarithm of e.",
         examples=[("Math.log2e", "log2(Math.e)")])
constant("Math.log10e", 1 / math.log(10), "The base-10 logarithm of e.",
         examples=[("Math.log10e", "log10(Math.e)")])
constant("Math.sqrt2", math.sqrt(2), "The square root of 2.",
         examples=[("Math.sqrt2", "Math.sqrt(2)")])
constant("Math.sqrt1_2", math.sqrt(0.5), "The square root of 1/2.",
         examples=[("Math.sqrt1_2", "1 / Math.sqrt(2)")])
