"""``Duration.*``: Squiggle 0.10's lengths of time (fr/duration.ts), and the operators on
them.

A duration is a number of milliseconds (``dsl.engine.time_values``); a year is 365.25 days.
``5minutes``, ``2years`` ... call ``fromUnit_minutes`` ... as in Squiggle. Durations add
and subtract, compare, scale by a number (``3 * 5minutes``, ``6years / 2``) and divide
into a number (``6years / 2years``); the constructors and conversions are global too
(``fromYears(2)``, ``toDays(d)``), as Squiggle makes them. Durations are single values:
``fromYears`` takes a number, not a distribution, as in Squiggle 0.10.
"""
from __future__ import annotations

import math

from dsl.base.errors import DomainError
from dsl.engine.registry import builtin
from dsl.engine.time_values import UNITS, Duration
from dsl.engine.types import DurationT, Real

from .dates import also_operator

__all__: list[str] = []

_MS = {plural: size for size, _, plural in UNITS}


def _duration(ms: float, what: str) -> Duration:
    """A Duration, refusing NaN (``0 * fromYears(1/0)``): sqdsl's rule for arithmetic
    that has no value (Squiggle goes on with a NaN duration)."""
    if math.isnan(ms):
        raise DomainError(f"{what} has no value (0 * Infinity or Infinity - Infinity)")
    return Duration(ms)


def _constructor(unit: str, example: tuple) -> None:
    size = _MS[unit]
    name = f"from{unit.capitalize()}"

    def make(n: Real) -> DurationT:
        return _duration(n * size, f"Duration.{name}")
    make.__doc__ = (f"A duration of ``n`` {unit}.\n\n"
                    f"``n{unit}`` in a model calls ``fromUnit_{unit}``, the same function.")
    builtin(f"Duration.{name}", aliases=[name], examples=[example])(make)

    def unit_fn(n: Real) -> DurationT:
        return _duration(n * size, f"fromUnit_{unit}")
    unit_fn.__doc__ = f"A duration of ``n`` {unit}: what ``n{unit}`` in a model calls."
    builtin(f"Duration.fromUnit_{unit}", aliases=[f"fromUnit_{unit}"],
            examples=[(f"fromUnit_{unit}(2) == Duration.{name}(2)", "true")])(unit_fn)


def _conversion(unit: str, example: tuple) -> None:
    size = _MS[unit]
    name = f"to{unit.capitalize()}"

    def convert(duration: DurationT) -> Real:
        return duration.ms / size
    convert.__doc__ = f"The number of {unit} in ``duration``."
    builtin(f"Duration.{name}", aliases=[name], examples=[example])(convert)


_constructor("minutes", ('"" + Duration.fromMinutes(90)', '"1.50 hours"'))
_constructor("hours", ("Duration.toMinutes(Duration.fromHours(1.5))", "90"))
_constructor("days", ('"" + Duration.fromDays(400)', '"1.10 years"'))
_constructor("years", ("Duration.toDays(Duration.fromYears(1))", "365.25"))
_conversion("minutes", ("Duration.toMinutes(Duration.fromYears(1))", "525960"))
_conversion("hours", ("Duration.toHours(Duration.fromDays(2))", "48"))
_conversion("days", ("Duration.toDays(Duration.fromYears(1))", "365.25"))
_conversion("years", ("Duration.toYears(Date.make(2030) - Date.make(2024))",
                      "2192 / 365.25"))


@builtin("Duration.add", examples=[('"" + (Duration.fromMinutes(5) + Duration.fromMinutes(10))',
                                    '"15.0 minutes"')])
def add(a: DurationT, b: DurationT) -> DurationT:
    """``a + b``."""
    return _duration(a.ms + b.ms, "Duration.add")


@builtin("Duration.subtract", examples=[
    ('"" + (Duration.fromMinutes(5) - Duration.fromMinutes(10))', '"-5.00 minutes"')])
def subtract(a: DurationT, b: DurationT) -> DurationT:
    """``a - b``."""
    return _duration(a.ms - b.ms, "Duration.subtract")


@builtin("Duration.multiply", examples=[
    ("Duration.fromMinutes(5) * 3", "Duration.fromMinutes(15)"),
    ("3 * Duration.fromMinutes(5)", "Duration.fromMinutes(15)")])
def multiply(duration: DurationT, factor: Real) -> DurationT:
    """``duration * factor`` or ``factor * duration``: a number of times as long."""
    return _duration(duration.ms * factor, "Duration.multiply")


@builtin("Duration.multiply")
def _multiply_left(factor: Real, duration: DurationT) -> DurationT:
    return _duration(duration.ms * factor, "Duration.multiply")


@builtin("Duration.divide", examples=[
    ("Duration.fromMinutes(5) / Duration.fromMinutes(2)", "2.5"),
    ("Duration.fromMinutes(5) / 2", "Duration.fromMinutes(2.5)")])
def divide(a: DurationT, b: DurationT) -> Real:
    """``a / b``: how many times ``b`` fits in ``a`` (a number); ``duration / n``: a
    duration ``n`` times shorter. Dividing by a zero number or duration gives an
    infinite one, as in Squiggle; 0 / 0 is an error."""
    if a.ms == 0 and b.ms == 0 or math.isinf(a.ms) and math.isinf(b.ms):
        raise DomainError("Duration.divide: 0 / 0 (or Infinity / Infinity) has no value")
    return a.ms / b.ms if b.ms else math.copysign(math.inf, a.ms) * math.copysign(1, b.ms)


@builtin("Duration.divide")
def _divide_by_number(duration: DurationT, divisor: Real) -> DurationT:
    if duration.ms == 0 and divisor == 0 or math.isinf(duration.ms) and math.isinf(divisor):
        raise DomainError("Duration.divide: 0 / 0 (or Infinity / Infinity) has no value")
    if divisor == 0:
        return Duration(math.copysign(math.inf, duration.ms) * math.copysign(1, divisor))
    return Duration(duration.ms / divisor)


@builtin("Duration.unaryMinus", examples=[("-Duration.fromMinutes(5)",
                                           "Duration.fromMinutes(-5)")])
def unary_minus(duration: DurationT) -> DurationT:
    """``-duration``."""
    return Duration(-duration.ms)


def _comparison(name: str, symbol: str, test, example: tuple) -> None:
    def compare(a: DurationT, b: DurationT) -> bool:
        return test(a.ms, b.ms)
    compare.__doc__ = f"``a {symbol} b`` for durations."
    builtin(f"Duration.{name}", examples=[example])(compare)
    also_operator(name, compare)


_comparison("smaller", "<", lambda a, b: a < b,
            ("Duration.fromHours(1) < Duration.fromMinutes(61)", "true"))
_comparison("larger", ">", lambda a, b: a > b,
            ("Duration.larger(Duration.fromDays(1), Duration.fromHours(24))", "false"))
_comparison("smallerEq", "<=", lambda a, b: a <= b,
            ("Duration.fromDays(1) <= Duration.fromHours(24)", "true"))
_comparison("largerEq", ">=", lambda a, b: a >= b,
            ("Duration.fromYears(1) >= Duration.fromDays(365)", "true"))

for _name, _fns in (("add", (add,)), ("subtract", (subtract,)),
                    ("multiply", (multiply, _multiply_left)),
                    ("divide", (divide, _divide_by_number)), ("unaryMinus", (unary_minus,))):
    for _fn in _fns:
        also_operator(_name, _fn)
