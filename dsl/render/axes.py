"""Axes for every output: the one rule for a log or linear distribution axis, "nice"
ticks for each scale, and the one number formatter for labels.

The rule (``distribution_scale``): a scale a model gave (``Plot.dist(d, {xScale:
Scale.log()})``) is used as given; otherwise positive samples whose plotted range (1st
to 99th percentile) spans more than ``LOG_SPAN`` (two decades) get a log axis, and
everything else a linear one. The text histogram, the JSON and the SVG all ask here.

Numbers are written by ``number_label``: a value's ``@format`` (or a scale's
``tickFormat``) when there is one, else sqdsl's short form with 3 significant digits
(``18.9k``, ``0.0456``, ``2.8e-7``: ``dsl.engine.display.format_number``), the same in every
output. Tick labels get more digits only when 3 would make two ticks look alike, and
ticks that 6 significant digits cannot tell apart (a very narrow distribution far from
0) are labelled by their distance from an offset written once (``tick_layout``).
"""
from __future__ import annotations

import math
from typing import Callable, Optional, Sequence

import numpy as np

from ..base.date_format import format_date
from ..base.js_date import civil, from_fields
from ..engine.display import format_number
from ..engine.laws import sample_quantiles
from ..base.number_format import FormatError, format_number as d3_format
from ..engine.pictures import LINEAR
from .chart import Axis, Tick

__all__ = ["LOG_SPAN", "PLOT_RANGE", "distribution_scale", "number_label", "tick_label",
           "label_function", "nice_ticks", "tick_layout", "make_axis", "plot_range",
           "value_labels",
           "OFFSET_DIGITS"]

LOG_SPAN = 100.0           # hi / lo above this gives a log axis
PLOT_RANGE = (0.01, 0.99)  # the part of a distribution a chart shows


def number_label(x: float, spec: Optional[str] = None, digits: int = 3) -> str:
    """``x`` as every output writes it: by the d3-format ``spec`` when given (a
    ``@format``, a scale's ``tickFormat``), else in the short form (``18.9k``)."""
    if spec:
        try:
            return d3_format(spec, float(x))
        except (FormatError, ValueError):
            pass  # a tickFormat Squiggle accepts but d3 cannot use: the short form
    return format_number(float(x), digits)


def tick_label(x: float, digits: int = 3, suffix_from: float = 1e4) -> str:
    """A tick's label in the short form, whole numbers from ``suffix_from`` on with
    their suffix too (``20k``; the report writes a whole 20000 in full, a tick need
    not)."""
    x = float(x)
    if x.is_integer() and suffix_from <= abs(x) < 1e15:
        for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
            if abs(x) >= scale:
                return format_number(x / scale, digits + 2).rstrip() + suffix \
                    if (x / scale) < 1000 else format_number(x, digits)
    return format_number(x, digits)


def label_function(spec: Optional[str] = None) -> Callable[..., str]:
    """How to label ticks: by ``spec`` (a @format, a tickFormat), else ``tick_label``."""
    if not spec:
        return tick_label
    return lambda x, digits=3: number_label(x, spec, digits)


def plot_range(finite: np.ndarray, presorted: bool = False
               ) -> Optional[tuple[float, float]]:
    """The range a chart of these finite samples shows: their 1st to 99th percentile,
    or all of them when a spike holds more than 98%; None when all are equal (or there
    are none). ``presorted``: the samples are in order (``Dist.sorted``), and nothing
    is sorted again; else the selection runs under the run's clock
    (``sample_quantiles``)."""
    if finite.size == 0:
        return None
    lo, hi = (float(q) for q in sample_quantiles(finite, PLOT_RANGE, presorted=presorted))
    if not hi > lo:
        lo, hi = ((float(finite[0]), float(finite[-1])) if presorted else
                  (float(finite.min()), float(finite.max())))
    return (lo, hi) if hi > lo else None


def distribution_scale(lo: float, hi: float, requested=None) -> str:
    """The x scale of a distribution plotted from ``lo`` to ``hi``: ``requested``'s
    method when a model gave a scale (a ``dsl.engine.pictures.Scale`` other than the default
    ``LINEAR``; a date scale is linear here: there are no distributions of dates),
    else "log" when ``0 < lo`` and ``hi / lo > LOG_SPAN``, else "linear"."""
    if requested is not None:
        if requested is not LINEAR and requested.method in ("linear", "log", "symlog",
                                                             "power"):
            if requested.method == "log" and not lo > 0:
                return "linear"  # a log axis cannot hold these samples
            return requested.method
    return "log" if lo > 0 and hi / lo > LOG_SPAN else "linear"


# ---- ticks ----

def _linear_values(lo: float, hi: float, count: int) -> list[float]:
    """d3's ``ticks``: multiples of 1, 2 or 5 times a power of ten, about ``count`` of
    them, inside [lo, hi]."""
    span = hi - lo
    if span == math.inf and math.isfinite(lo) and math.isfinite(hi):
        return [2 * v for v in _linear_values(lo / 2, hi / 2, count)]
    if not (span > 0 and math.isfinite(span)):
        return [lo] if lo == hi else []
    # d3's tickIncrement: a power of ten, times 2, 5 or 10 past sqrt(2), sqrt(10) or
    # sqrt(50) of it, so that the count comes near the one asked for from either side
    raw = span / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    error = raw / power
    step = power * (10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10)
                    else 2 if error >= math.sqrt(2) else 1)
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    if last - first > 1000:
        return []
    # multiply rather than add: 0.1 * 3 is 0.30000000000000004, 3 * 0.1 too, but
    # round to the step's digits gives the tidy value
    decimals = max(0, -math.floor(math.log10(step)) + 1)
    return [round(i * step, decimals) for i in range(first, last + 1)]


def _log_values(lo: float, hi: float, count: int) -> list[float]:
    """Powers of ten (every k-th when there are many), or 1-2-5 steps inside each
    decade when the range holds few decades; linear ticks within one decade."""
    a, b = math.log10(lo), math.log10(hi)
    decades = list(range(math.ceil(a - 1e-9), math.floor(b + 1e-9) + 1))
    if len(decades) >= 3:
        every = max(1, math.ceil(len(decades) / count))
        return [10.0 ** k for k in decades if k % every == 0]
    values = [m * 10.0 ** k for k in range(math.floor(a), math.ceil(b) + 1)
              for m in (1, 2, 5)]
    values = [v for v in values if lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9)]
    if len(values) >= 2:
        return values
    return _linear_values(lo, hi, count)


def _symlog_values(lo: float, hi: float, count: int, constant: float) -> list[float]:
    """0 and signed powers of ten past the constant, thinned to about ``count``."""
    out = [0.0] if lo <= 0 <= hi else []
    top = max(abs(lo), abs(hi))
    if top <= 0:
        return out
    # six decades below the largest value at most: the part near 0 is nearly linear
    start = math.ceil(math.log10(max(constant, top * 1e-6)))
    powers = [10.0 ** k for k in range(start, math.floor(math.log10(top)) + 1)]
    signed = sorted([-p for p in powers if lo <= -p] + [p for p in powers if p <= hi])
    every = max(1, math.ceil(len(signed) / max(count - 1, 1)))
    # keep the largest power shown and every k-th below it
    high = max(round(math.log10(abs(v))) for v in signed) if signed else 0
    kept = [v for v in signed if (high - round(math.log10(abs(v)))) % every == 0]
    return sorted(set(out + kept))


_DAY = 86_400_000.0
_DATE_STEPS = ((3_600_000.0, "%H:%M"), (_DAY, "%b %d"), (7 * _DAY, "%b %d"))


def _date_ticks(lo: float, hi: float, count: int) -> list[Tick]:
    """Dates: whole years (every k-th), months or days, whichever gives about
    ``count`` ticks, labelled by d3-time-format."""
    span = hi - lo
    y0, y1 = civil(lo)[0], civil(hi)[0]
    years = y1 - y0
    if years >= 2:
        step = max(1, _nice_int(years / count))
        out = []
        for y in range((y0 // step) * step, y1 + 1, step):
            ms = _utc(y, 1, 1)
            if lo <= ms <= hi:
                out.append(Tick(ms, format_date(ms, "%Y")))
        return out
    if span >= 60 * _DAY:
        months = years * 12 + civil(hi)[1] - civil(lo)[1]
        step = max(1, _nice_int(months / count, (1, 2, 3, 6, 12)))
        out = []
        y, m = civil(lo)[0], civil(lo)[1]
        while True:
            ms = _utc(y, m + 1, 1)
            if ms > hi:
                break
            if ms >= lo and m % step == 0:
                out.append(Tick(ms, format_date(ms, "%b %Y")))
            m += 1
            if m == 12:
                y, m = y + 1, 0
        return out
    for unit, spec in ((_DAY, "%b %d"), (3_600_000.0, "%H:%M"), (60_000.0, "%H:%M")):
        if span >= 2 * unit:
            step = unit * max(1, _nice_int(span / unit / count))
            first = math.ceil(lo / step) * step
            values = np.arange(first, hi + 1, step)
            return [Tick(float(v), format_date(float(v), spec)) for v in values]
    return [Tick(float(v), format_date(float(v), "%H:%M:%S.%L"))
            for v in _linear_values(lo, hi, count)]


def _utc(year: int, month: int, day: int = 1) -> float:
    """Milliseconds at midnight UTC of a day (``month`` 1-12; 13 is next January)."""
    return from_fields(year, month - 1, day)


def _nice_int(x: float, steps: Sequence[int] = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250,
                                                 500, 1000)) -> int:
    return next((s for s in steps if s >= x), steps[-1])


def nice_ticks(scale: str, lo: float, hi: float, count: int = 5,
               label: Callable[..., str] = tick_label,
               constant: float = 1e-4) -> tuple[Tick, ...]:
    """About ``count`` ticks for an axis from ``lo`` to ``hi``, labelled by ``label``
    (given more digits while two labels would read alike; past ``OFFSET_DIGITS``, by
    their distance from an offset: ``tick_layout``)."""
    return tick_layout(scale, lo, hi, count, label, constant)[0]


OFFSET_DIGITS = 6  # ticks that need more significant digits are labelled by an offset


def tick_layout(scale: str, lo: float, hi: float, count: int = 5,
                label: Callable[..., str] = tick_label, constant: float = 1e-4
                ) -> tuple[tuple[Tick, ...], Optional[float], Optional[str]]:
    """The ticks of ``nice_ticks`` with the offset their labels are measured from and
    its text, ``(ticks, offset, offset_label)``. Labels get as many significant
    digits as it takes to tell them apart, up to ``OFFSET_DIGITS``; ticks that need
    more (``normal(1e6, 0.001)``: 999999.998 to 1000000.002) are labelled as
    matplotlib does, by their distance from a round offset shown once at the axis end
    (``-0.002`` ... ``+0.002`` and ``1M +``); otherwise offset and text are None."""
    if scale == "date":
        return tuple(_date_ticks(lo, hi, count)), None, None
    if scale == "log" and lo > 0:
        values = _log_values(lo, hi, count)
    elif scale == "symlog":
        values = _symlog_values(lo, hi, count, constant)
    else:
        values = _linear_values(lo, hi, count)
    if label is tick_label and values and max(abs(v) for v in values) >= 1e4:
        def label(v, digits):  # 5k beside 10k, not 5000
            return tick_label(v, digits, suffix_from=1e3)
    # where floats are coarse (1e16 + normal(0, 1)) two ticks may round to one value
    values = sorted(set(values))
    labels = _distinct(values, label, (3, 4, OFFSET_DIGITS))
    if labels is None and len(values) >= 2 and scale in ("linear", "log"):
        return _offset_ticks(values, label)
    if labels is None:
        labels = _distinct(values, label, (10, 17)) or [label(v, 17) for v in values]
    return tuple(Tick(float(v), t) for v, t in zip(values, labels)), None, None


def _distinct(values: Sequence[float], label: Callable[..., str],
              digits: Sequence[int]) -> Optional[list[str]]:
    """The labels at the fewest of ``digits`` that tells every value apart, or None."""
    for d in digits:
        labels = [label(v, d) for v in values]
        if len(set(labels)) == len(labels):
            return labels
    return None


def value_labels(values: Sequence[float], axis: Axis,
                 label: Callable[..., str] = tick_label) -> list[str]:
    """Labels of values placed on ``axis`` (point masses), written as its ticks are:
    by their distance from the axis's offset when it has one (``+2``), else with as
    many significant digits as tell them apart."""
    if axis.offset is not None:
        deltas = [float(v) - axis.offset for v in values]
        texts = _distinct(deltas, label, (3, 4, OFFSET_DIGITS, 10, 17)) or \
            [label(d, 17) for d in deltas]
        return ["0" if d == 0 else ("+" + t if d > 0 else t) for d, t in zip(deltas, texts)]
    return _distinct(list(values), label, (3, 4, OFFSET_DIGITS, 10, 17)) or \
        [label(v, 17) for v in values]


def _offset_ticks(values: Sequence[float], label: Callable[..., str]
                  ) -> tuple[tuple[Tick, ...], float, str]:
    """Ticks labelled by their distance from an offset: the middle of the ticks
    rounded to the power of ten above their span, so that the distances are small
    round numbers (``+0.001``) and the offset is written once in full (``1M +``)."""
    step = min(b - a for a, b in zip(values, values[1:]))
    span = values[-1] - values[0]
    power = math.ceil(math.log10(span))
    unit = 10.0 ** power
    offset = round((values[0] + values[-1]) / 2, -power)  # 1234567.89, not ...8900000001
    # the distances to the step's own digits: 1000000.001 - 1e6 is 0.00099999997
    decimals = max(0, -math.floor(math.log10(step)) + 1)
    deltas = [round(v - offset, decimals) for v in values]
    texts = _distinct(deltas, label, (3, 4, OFFSET_DIGITS)) or \
        [label(d, 17) for d in deltas]
    texts = ["0" if d == 0 else ("+" + t if d > 0 else t) for d, t in zip(deltas, texts)]
    # the offset in full: as many significant digits as reach down to the unit
    digits = min(17, max(3, math.floor(math.log10(abs(offset))) -
                         math.floor(math.log10(unit)) + 1)) if offset else 1
    return (tuple(Tick(float(v), t) for v, t in zip(values, texts)), float(offset),
            f"{label(offset, digits)} +")


def make_axis(scale: str, lo: float, hi: float, *, count: int = 5,
              label: Callable[..., str] = tick_label, title: Optional[str] = None,
              constant: Optional[float] = None,
              exponent: Optional[float] = None) -> Axis:
    """An ``Axis`` with its nice ticks; an empty range is widened to show its one
    value in the middle."""
    if not hi > lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
        if scale == "log" and not lo > 0:
            scale = "linear"
    constant = constant or 1e-4
    exponent = exponent or 0.1
    ticks, offset, offset_label = tick_layout(scale, lo, hi, count, label, constant)
    return Axis(scale, float(lo), float(hi), ticks, title, constant, exponent, offset,
                offset_label)
