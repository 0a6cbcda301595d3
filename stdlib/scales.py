"""``Scale.*``: the axis scales of plots, as Squiggle 0.10 makes them (fr/scale.ts):
linear, logarithmic, symmetric-log, power and date, each with an optional range
(``min``, ``max``), tick format and title, checked when made.
"""
from __future__ import annotations

import re
from typing import Optional

from dsl.base.errors import ArgumentError
from dsl.base.number_format import js_string
from dsl.engine.pictures import Scale
from dsl.engine.registry import builtin
from dsl.engine.time_values import Date
from dsl.engine.types import DateT, Real, Str

from .picture_args import Options, ScaleT

__all__: list[str] = []

_NUMERIC = Options({"min?": Real, "max?": Real, "tickFormat?": Str, "title?": Str})
_SYMLOG = Options({"min?": Real, "max?": Real, "tickFormat?": Str, "title?": Str,
                   "constant?": Real})
_POWER = Options({"min?": Real, "max?": Real, "tickFormat?": Str, "title?": Str,
                  "exponent?": Real})
_DATES = Options({"min?": DateT, "max?": DateT, "tickFormat?": Str, "title?": Str})

# Squiggle's d3TickFormatRegex: a d3-format specifier, any letter as its type
_TICK_FORMAT = re.compile(r"(?:(.)?([<>=^]))?([+\-( ])?([$#])?(0)?(\d+)?(,)?(\.\d+)?(~)?"
                          r"([a-z%])?", re.IGNORECASE | re.ASCII)


def check_tick_format(tick_format: Optional[str]) -> None:
    """Squiggle's ``checkNumericTickFormat``."""
    if tick_format and not _TICK_FORMAT.fullmatch(tick_format):
        raise ArgumentError(f"Tick format [{tick_format}] is invalid.")


def _check_min_max(low: Optional[float], high: Optional[float]) -> None:
    if low is not None and high is not None and high <= low:
        raise ArgumentError(f"Max must be greater than min, got: min={js_string(low)}, "
                            f"max={js_string(high)}")


def _numeric(method: str, o: dict, **extra) -> Scale:
    _check_min_max(o["min"], o["max"])
    check_tick_format(o["tickFormat"])
    return Scale(method, min=o["min"], max=o["max"], tick_format=o["tickFormat"],
                 title=o["title"], **extra)


@builtin("Scale.linear", examples=[
    ('String(Scale.linear({min: 3, max: 10}))', '"Linear scale"'),
    ("Scale.linear({min: 3, max: 10}) == Scale.linear({min: 3, max: 10, title: \"x\"})",
     "true")])
def linear(options: _NUMERIC) -> ScaleT:
    """A linear axis scale, with an optional range (``min`` and ``max``), d3-format
    ``tickFormat`` for its labels and ``title``.

    ``max`` must be greater than ``min``. Scales compare equal when their kind, range
    and tick format agree (the title does not count), as in Squiggle."""
    return _numeric("linear", options)


@builtin("Scale.linear")
def _linear_default() -> ScaleT:
    return Scale("linear")


@builtin("Scale.log", examples=[('String(Scale.log({min: 1, max: 100}))',
                                 '"Logarithmic scale"')])
def log(options: _NUMERIC) -> ScaleT:
    """A logarithmic axis scale; its ``min``, if given, must be over 0."""
    low = options["min"]
    if low is not None and low <= 0:
        raise ArgumentError(f"Min must be over 0 for log scale, got: {js_string(low)}")
    return _numeric("log", options)


@builtin("Scale.log")
def _log_default() -> ScaleT:
    return Scale("log")


@builtin("Scale.symlog", examples=[
    ('String(Scale.symlog({min: -10, max: 10}))', '"Symlog scale ({constant: 0.0001})"'),
    ('String(Scale.symlog({constant: 0.1}))', '"Symlog scale ({constant: 0.1})"')])
def symlog(options: _SYMLOG) -> ScaleT:
    """A symmetric log scale, for values that include 0 or negative numbers.

    ``constant`` (default 0.0001, not 0) sets where it turns from linear near 0 to
    logarithmic, as in d3's symlog scale."""
    scale = _numeric("symlog", options, constant=options["constant"])
    if options["constant"] == 0:
        raise ArgumentError("Symlog scale constant cannot be 0.")
    return scale


@builtin("Scale.symlog")
def _symlog_default() -> ScaleT:
    return Scale("symlog")


@builtin("Scale.power", examples=[
    ('String(Scale.power({min: 1, max: 100, exponent: 0.1}))',
     '"Power scale ({exponent: 0.1})"')])
def power(options: _POWER) -> ScaleT:
    """A power scale, x to the ``exponent`` (default 0.1; it must be over 0)."""
    scale = _numeric("power", options, exponent=options["exponent"])
    if options["exponent"] is not None and options["exponent"] <= 0:
        raise ArgumentError("Power Scale exponent must be over 0.")
    return scale


@builtin("Scale.power")
def _power_default() -> ScaleT:
    return Scale("power")


@builtin("Scale.date", examples=[
    ('String(Scale.date())', '"Date scale"'),
    ('String(Scale.date({min: Date(2022), max: Date(2025)}))', '"Unspecified scale"')])
def date(options: _DATES) -> ScaleT:
    """A scale of dates (linear in time), with an optional range of dates.

    As in Squiggle 0.10, a date scale made with options has no method of its own (it
    writes itself ``Unspecified scale``); a plot gives it the linear one."""
    low, high = options["min"], options["max"]
    if low is not None and high is not None and high.ms <= low.ms:
        raise ArgumentError(f"Max must be greater than min, got: min={low}, max={high}")
    return Scale(None, min=_ms(low), max=_ms(high), tick_format=options["tickFormat"],
                 title=options["title"], is_date=True)


@builtin("Scale.date")
def _date_default() -> ScaleT:
    return Scale("date")


def _ms(d: Optional[Date]) -> Optional[float]:
    return None if d is None else d.ms
