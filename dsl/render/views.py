"""Values -> views (``dsl.render.chart``): what every kind of value looks like, decided
once for the text, JSON and SVG outputs.

- a distribution: its figures (mean, stdev, 5/25/50/75/95%) and a histogram of its 1st
  to 99th percentile on the axis ``axes.distribution_scale`` picks, mean and median
  marked (``cdf=True``: its CDF as a line instead); a condition: a probability bar;
- a function of one number with a numeric or date domain: a line chart over the
  domain, or a fan chart of its 5/25/50/75/95% quantiles when it returns
  distributions (``Plot.numericFn`` and ``Plot.distFn`` likewise, over their scales);
- a list of at least ``LIST_CHART_MIN`` numbers: a line chart by index with the
  values; of as many distributions: a fan chart by index with the values;
- ``Table.make``: an aligned table of its computed cells; ``Calculator``: its fields
  and the result for their defaults (``dsl.engine.calculator_run``); a record: a table of
  its fields; a list (or record) of records with the same keys: a table, a row each;
- ``Plot.dist``/``Plot.dists``: the distributions' histogram (several: one density
  line each on a shared axis); ``Plot.scatter``: points;
- anything else (numbers, strings, dates, durations, scales ...): its text, numbers by
  the value's ``@format`` or the short form.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

import numpy as np

from ..engine.display import short
from ..engine.dist import SUMMARY_QUANTILES, Dist
from ..base.controls import escape_controls
from ..base.errors import DslError
from ..engine.exact_note import sample_gap
from ..engine.mc_error import (TAIL_NOTE, condition_counts, dist_errors, probability_text,
                                shown)
from ..engine.functions import Lambda
from .histogram import bin_counts
from ..base.limits import Limits
from ..base import meter
from ..base.steps import bounded, sort_seconds
from ..engine.pictures import LINEAR, Scale
from ..engine.plot_values import DistFnPlot, DistributionsPlot, NumericFnPlot, Plot, ScatterPlot
from ..base.structs import Struct
from ..engine.table_values import Calculator, CellError, Table
from ..engine.time_values import DateDomain
from ..engine.values import Domain, Function, List, Number, Record, String, Value
from .axes import (PLOT_RANGE, distribution_scale, label_function, make_axis, number_label,
                   plot_range, value_labels)
from .chart import (Axis, Band, Bars, Chart, DistView, Line, Marker, Points,
                    ProbabilityBar, Spikes, StackView, TableView, TextView, as_tuple)

__all__ = ["ViewOptions", "value_view", "shown_as", "dist_view", "dist_short",
           "figure_writer", "probability_label", "function_chart", "plot_view",
           "compact_text", "cell_text", "records_table", "LIST_CHART_MIN", "FAN_QUANTILES", "FN_SAMPLES"]

LIST_CHART_MIN = 5       # shorter lists of numbers read best as their values alone
FAN_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
FN_SAMPLES = 10_000      # samples per point of a function returning distributions
_SCATTER_MAX = 2_000     # points of a scatter plot shown (every k-th sample)
_LIST_POINTS_MAX = 200   # a longer list of numbers is its line alone


class ViewOptions(Struct, frozen=True):
    """How views are made: ``samples`` and ``seed`` of the run (a function's values
    are computed with them, at most ``FN_SAMPLES`` samples a point), ``bins`` of a
    histogram, ``points`` at which a function is evaluated, ``cdf`` for a
    distribution's CDF instead of its histogram, ``limits`` for those calls."""
    samples: int = 100_000
    seed: int = 0
    bins: int = 60
    points: int = 60
    cdf: bool = False
    limits: Optional[Limits] = None


DEFAULT = ViewOptions()


# ---- one-line texts ----

def compact_text(value: Value) -> str:
    """A value on one line, as the report writes items: numbers to 4 significant
    figures (or by their ``@format``), a distribution as its mean and 90% interval."""
    return short(value, 4, 8, _dist_short)


def _dist_short(dist: Dist) -> str:
    return f"({dist_short(dist)})"


def dist_short(dist: Dist) -> str:
    """A distribution on one line: ``mean 3.19, 90% CI 2.5 to 4`` (a condition:
    ``probability 0.2``), no figure with more digits than its standard error
    supports."""
    if dist.is_indicator:
        return f"probability {probability_label(dist)}"
    mean, _, qs = dist.stats()
    errors = dist_errors(dist, (0.05, 0.95))
    write = figure_writer(dist)
    low, high = errors["quantiles"]
    write = offset_writer(write, narrow_offset(dist, float(qs[0]), float(qs[-1])))
    return (f"mean {write(mean, errors['mean'])}, 90% CI {write(float(qs[0]), low)} to "
            f"{write(float(qs[-1]), high)}")


def narrow_offset(dist: Dist, low: float, high: float) -> Optional[float]:
    """A round number to write a narrow distribution's figures from, or None. When
    telling its 5% and 95% quantiles (``low``, ``high``) apart takes more than 6
    significant digits (``normal(1e9, 0.001)``), figures read as that number and a
    distance, as the axis labels do: ``1B - 0.00164`` and ``1B + 0.00164``, not
    999.99999999836M. Never for a distribution with a @format (its own digits)."""
    if dist.tags.number_format:
        return None
    size, width = max(abs(low), abs(high)), high - low
    if not (math.isfinite(size) and math.isfinite(width)) or width <= 0 or size == 0:
        return None
    if math.floor(math.log10(size)) - math.floor(math.log10(width)) + 1 <= 6:
        return None
    place = 10.0 ** (math.floor(math.log10(width)) + 1)
    return round((low + high) / 2 / place) * place


def _formatter(value: Value) -> Callable[..., str]:
    spec = value.tags.number_format
    return lambda x, digits=3: number_label(x, spec, digits)


def figure_writer(value: Value) -> Callable[..., str]:
    """``write(x, se, most=3)``: a figure of ``value`` as every output writes it, with
    no more significant digits than its Monte Carlo standard error ``se`` supports
    (``dsl.engine.mc_error.shown``); by the value's ``@format`` unchanged, when it has
    one (the model chose its digits)."""
    spec = value.tags.number_format
    if spec:
        return lambda x, se, most=3: number_label(x, spec, most)
    def write(x, se, most=3) -> str:
        value, digits = shown(float(x), se, most)
        return number_label(value, None, digits)
    return write


def offset_writer(write: Callable[..., str], offset: Optional[float]) -> Callable[..., str]:
    """``write`` for figures measured from ``offset`` (``narrow_offset``): ``1B``,
    ``1B + 0.00164``, ``1B - 0.00164``; ``write`` itself when there is no offset."""
    if offset is None:
        return write

    def from_offset(x, se, most=3) -> str:
        base = write(offset, 0, 15)
        delta = float(x) - offset
        if not math.isfinite(delta) or delta == 0:
            return base if delta == 0 else write(x, se, most)
        sign = "+" if delta > 0 else "-"
        return f"{base} {sign} {write(abs(delta), se, most)}"
    return from_offset


def probability_label(dist: Dist, most: int = 4, percent: bool = False) -> str:
    """A condition's probability as the report writes it: digits limited by its
    standard error, and from few events their count (``0.02 (2 of 100 samples)``,
    ``< 0.03 (0 of 100 samples)``); exact (a bernoulli's) or @format'd in full.
    ``percent``: as a percentage (``2% (2 of 100 samples)``, the SVG bar's label)."""
    p = float(dist.mean())
    counts = condition_counts(dist)  # a streamed run's: over all its samples
    if counts is None or dist.tags.number_format:
        return _percent(p) if percent else _formatter(dist)(p, most)
    events, n = counts
    scale, unit = (100, "%") if percent else (1, "")
    return probability_text(p, events, n,
                            lambda x, digits: number_label(x * scale, None, digits) + unit,
                            most)


# ---- the dispatcher ----

def shown_as(value: Value):
    """The picture a value is to be shown as (``Tag.showAs``): a plot, table or
    calculator, or None."""
    picture = value.tags.get("showAs")
    return picture if isinstance(picture, (Plot, Table, Calculator)) else None


def value_view(value: Value, options: ViewOptions = DEFAULT):
    """The view of any value (see the module docstring); a value with ``Tag.showAs``
    is the view of its picture."""
    picture = shown_as(value)
    if picture is not None:
        return value_view(picture, options)
    table = records_table(value)
    if table is not None:
        return table
    if isinstance(value, Dist):
        return probability_view(value) if value.is_indicator else dist_view(value, options)
    if isinstance(value, Plot):
        return plot_view(value, options)
    if isinstance(value, Table):
        return table_view(value)
    if isinstance(value, Calculator):
        return calculator_view(value, options)
    if isinstance(value, Function):
        chart = function_view(value, options)
        return chart if chart is not None else TextView(compact_text(value))
    if isinstance(value, List):
        view = list_view(value, options)
        return view if view is not None else TextView(compact_text(value))
    if isinstance(value, Record):
        return record_view(value)
    return TextView(compact_text(value))


# ---- distributions ----

def probability_view(dist: Dist) -> ProbabilityBar:
    """A condition: its probability (digits limited by its error, few events counted:
    ``probability_label``)."""
    p = float(dist.mean())
    # the bar's own label: a percentage, unless the model chose a @format
    # (no more digits than its error supports, as the label)
    percent = None if dist.tags.number_format else probability_label(dist, 3, percent=True)
    return ProbabilityBar(p, probability_label(dist), percent)


def dist_view(dist: Dist, options: ViewOptions = DEFAULT,
              scale: Optional[Scale] = None, title: Optional[str] = None) -> DistView:
    """A distribution's figures, histogram (or CDF) and notes."""
    fmt = _formatter(dist)
    # the samples in order, once, under the run's clock (Dist.sorted keeps them): the
    # quantiles, their errors, the plotted range, the point masses and a CDF all read
    # them, and nothing sorts or selects over the samples again
    finite = finite_sorted(dist.sorted())
    mean, stdev, qs = dist.stats()
    gap = sample_gap(dist, mean, stdev)
    exact = set(gap.figures) if gap else set()
    # no figure with more digits than its Monte Carlo error supports (an exact one: 3)
    meter.check_time()
    errors = dist_errors(dist, SUMMARY_QUANTILES)
    meter.check_time()
    plain = figure_writer(dist)  # a spread: never from an offset
    write = offset_writer(plain, narrow_offset(dist, float(qs[0]), float(qs[-1])))
    stats = [("mean", write(mean, errors["mean"]) +
              (" (exact)" if "mean" in exact else "")),
             ("stdev", plain(stdev, errors["stdev"]) +
              (" (exact)" if "stdev" in exact else ""))]
    stats += [(f"{p * 100:g}%", write(float(q), se))
              for p, q, se in zip(SUMMARY_QUANTILES, qs, errors["quantiles"])]
    marks = {"mean": "mean " + write(mean, errors["mean"]),
             "median": "median " + write(float(qs[2]), errors["quantiles"][2])}
    notes = []
    # a streamed binding holds its first chunk; its chart counts all the run's samples
    law = merged_law(dist)
    note = non_finite_note(dist.samples) if law is None else _non_finite_text(
        law.count, _non_finite_counts(law))
    if note:
        notes.append(note)
    chart = (cdf_chart if options.cdf else histogram_chart)(
        dist.samples, options, scale=scale, spec=dist.tags.number_format, title=title,
        mean=mean, median=float(qs[2]), marks=marks, ordered=finite, law=law)
    if law is not None:
        low, high, count, total = _finite_span(law)
    elif finite.size:
        low, high, count, total = finite[0], finite[-1], finite.size, dist.samples.size
    else:
        count = 0
    if count and low == high:
        which = "sample" if count == total else "finite sample"
        notes.append(f"every {which} is {fmt(float(low))}")
    if gap:
        notes.append(gap.note(fmt))
    if errors.get("unreliable"):  # a heavy tail: the mean's se says little
        notes.append(TAIL_NOTE)
    return DistView(tuple(stats), chart, tuple(notes))


def merged_law(dist: Dist):
    """A streamed binding's ``StreamedLaw`` (``dsl.engine.stream_summary``), whose
    merged counts its chart is drawn from; None for any other distribution."""
    law = dist.law
    return law if getattr(law, "streamed", False) and getattr(law, "binned", False) \
        else None


def _non_finite_counts(law) -> tuple[int, int, int]:
    m = law.summary.moments
    return m.pinf, m.ninf, m.nan


def _finite_span(law) -> tuple[float, float, int, int]:
    """(smallest, largest, how many finite samples, how many samples) of the run."""
    m = law.summary.moments
    return m.lo, m.hi, m.finite, m.n


def non_finite_note(samples: np.ndarray) -> str:
    """Which share of the samples is infinite or NaN (and so not plotted), or ''."""
    return _non_finite_text(samples.shape[0], (
        int(np.count_nonzero(samples == math.inf)),
        int(np.count_nonzero(samples == -math.inf)),
        int(np.count_nonzero(np.isnan(samples)))))


def _non_finite_text(n: int, counts: tuple[int, int, int]) -> str:
    """``non_finite_note`` of ``n`` samples with these counts of Infinity, -Infinity
    and NaN."""
    shares = list(zip(counts, ("Infinity", "-Infinity", "NaN")))
    parts = [f"{what} ({_percent(count / n)})" for count, what in shares if count]
    if not parts:
        return ""
    finite = n - sum(count for count, _ in shares)
    if not finite:
        return "no finite samples: " + ", ".join(parts)
    return (f"not plotted: the samples that are {', '.join(parts)}; the chart shows "
            f"the other {_percent(finite / n)}")


def _percent(share: float) -> str:
    """A share as a percentage by the one number formatter: 15.9%, 0.012%, 100%."""
    return number_label(share * 100, None, 3) + "%"


def _x_axis(lo: float, hi: float, scale: Optional[Scale], spec: Optional[str],
            title: Optional[str] = None) -> Axis:
    method = distribution_scale(lo, hi, scale)
    spec = (scale.tick_format if scale is not None and scale is not LINEAR else None) or spec
    return make_axis(method, lo, hi, label=label_function(spec), title=title or (
        scale.title if scale is not None else None),
        constant=scale.constant if scale is not None else None,
        exponent=scale.exponent if scale is not None else None)


def _shares(samples: np.ndarray, axis: Axis, bins: int, n: Optional[int] = None,
            presorted: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Bin edges (equal steps on the axis) and the share of all ``n`` samples (default:
    all of ``samples``) in each bin. ``presorted``: ``samples`` are finite and in
    order, and those in the range are a slice of them."""
    if presorted:
        shown = samples[np.searchsorted(samples, axis.lo, side="left"):
                        np.searchsorted(samples, axis.hi, side="right")]
    else:
        finite = samples[np.isfinite(samples)]
        shown = finite[(finite >= axis.lo) & (finite <= axis.hi)]
    t_lo, t_hi = float(axis.transform(axis.lo)), float(axis.transform(axis.hi))
    counts = bin_counts(axis.transform(shown), bins, t_lo, t_hi)
    return _bar_edges(axis, bins), counts / max(samples.shape[0] if n is None else n, 1)


def _bar_edges(axis: Axis, bins: int) -> np.ndarray:
    """The edges of ``bins`` bars in equal steps on the axis (its own scale)."""
    t_lo, t_hi = float(axis.transform(axis.lo)), float(axis.transform(axis.hi))
    edges = np.asarray(axis.inverse(np.linspace(t_lo, t_hi, bins + 1)), dtype=np.float64)
    edges[0], edges[-1] = axis.lo, axis.hi
    return edges


def _merged_shares(law, axis: Axis, bins: int, values: np.ndarray,
                   masses: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_shares`` of a streamed binding's whole run: each bar's merged count
    (``StreamedLaw.mass_between``) less the point masses' (``values``, ``masses``
    samples each) that it holds, as a share of all the samples."""
    edges = _bar_edges(axis, bins)
    counts = law.mass_between(edges)
    shown = (values >= axis.lo) & (values <= axis.hi)
    bar = np.clip(np.searchsorted(edges, values[shown], side="right") - 1, 0, bins - 1)
    np.subtract.at(counts, bar, masses[shown])
    # the digest inside a bin can put a hair less than a spike's exact count there
    return edges, np.maximum(counts, 0.0) / max(law.count, 1)


def _merged_range(law) -> Optional[tuple[float, float]]:
    """``plot_range``'s rule on a streamed binding's merged quantiles of its finite
    samples: their 1st to 99th percentile, else their smallest to largest."""
    lo, hi = (law.finite_quantile(p) for p in PLOT_RANGE)
    if not hi > lo:
        lo, hi, _, _ = _finite_span(law)
    return (lo, hi) if hi > lo else None


def _merged_masses(law, values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """How many of the run's samples each point mass (``values``, met in the first
    chunk, whose finite samples in order are ``ordered``) holds: its merged count
    (``StreamedLaw.value_counts``)."""
    return law.value_counts(values, ordered) if values.size else np.empty(0)


def _markers(axis: Axis, mean: Optional[float], median: Optional[float],
             fmt: Callable[..., str], marks: Optional[dict] = None) -> tuple:
    """The mean and median markers inside the axis, labelled ``marks[kind]`` when
    given (the figures as the summary writes them), else by ``fmt``."""
    out = []
    for kind, x in (("mean", mean), ("median", median)):
        if x is not None and math.isfinite(x) and axis.lo <= x <= axis.hi:
            label = marks[kind] if marks and kind in marks else f"{kind} {fmt(x)}"
            out.append(Marker(float(x), label, kind))
    return tuple(out)


def _share_axis(top: float) -> Axis:
    return make_axis("linear", 0.0, max(top, 1e-12), count=3, label=label_function(".2~%"))


def finite_sorted(ordered: np.ndarray) -> np.ndarray:
    """The finite part of sorted samples (a view: -Infinity first, Infinity and NaN
    last, as numpy sorts them)."""
    return ordered[np.searchsorted(ordered, -math.inf, side="right"):
                   np.searchsorted(ordered, math.inf, side="left")]


def _finite_ordered(samples: np.ndarray, ordered: Optional[np.ndarray]) -> np.ndarray:
    """The finite samples in order: ``ordered`` when the caller has them, else sorted
    here under the run's clock."""
    if ordered is not None:
        return ordered
    finite = samples[np.isfinite(samples)]
    return bounded(lambda: np.sort(finite), sort_seconds(finite.size), "sorting the samples")


MAX_SPIKES = 200  # a distribution of at most this many values is drawn as spikes


def point_masses(ordered: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The point masses of sorted finite samples (``n``: all samples), as ``(values,
    counts, starts)`` (where each value's run starts in ``ordered``): every value of a
    discrete distribution (at most ``MAX_SPIKES`` values, each repeated twice on
    average: ``pointMass(3)``, ``poisson(4)``, ``1e16 + normal(0, 1)`` where floats
    are coarse), else the values repeated at least ``max(20, n / 50)`` times
    (Squiggle's rule for the discrete part of a sample set: the constant of a
    mixture)."""
    empty = np.empty(0, dtype=np.int64)
    if not ordered.size:
        return ordered[:0], empty, empty
    size = ordered.size
    repeats = ordered[1:] == ordered[:-1]
    if size - int(np.count_nonzero(repeats)) <= min(MAX_SPIKES, size / 2):  # discrete
        starts = np.flatnonzero(np.r_[True, ~repeats])
        return ordered[starts], np.diff(np.r_[starts, size]), starts
    del repeats
    meter.check_time()
    # a continuous distribution: only values repeated `least` times count, and such a
    # run of equal values has ordered[i] == ordered[i + least - 1]; looking for those
    # alone spares the run boundaries of 1e7 distinct values (0.3 s, no clock inside)
    least = int(math.ceil(max(20, n / 50)))
    if least > size:
        return ordered[:0], empty, empty
    values = np.unique(ordered[np.flatnonzero(ordered[least - 1:] == ordered[:size - least + 1])])
    starts = np.searchsorted(ordered, values, side="left")
    return values, np.searchsorted(ordered, values, side="right") - starts, starts


def _spikes(values: np.ndarray, counts: np.ndarray, n: int, axis: Axis,
            spec: Optional[str]) -> Spikes:
    """Point masses with their labels (``3: 50%``), values written as the axis's ticks
    are (``+2`` beside an axis of ``1e16 + tick``)."""
    shares = counts / max(n, 1)
    texts = value_labels(values, axis, label_function(spec))
    return Spikes(as_tuple(values), as_tuple(shares),
                  tuple(f"{t}: {_percent(float(s))}" for t, s in zip(texts, shares)))


def histogram_chart(samples: np.ndarray, options: ViewOptions = DEFAULT, *,
                    scale: Optional[Scale] = None, spec: Optional[str] = None,
                    title: Optional[str] = None, mean: Optional[float] = None,
                    median: Optional[float] = None, marks: Optional[dict] = None,
                    ordered: Optional[np.ndarray] = None, law=None) -> Optional[Chart]:
    """The histogram of the finite samples' 1st to 99th percentile, point masses
    (``point_masses``) drawn as spikes over it: a point mass alone (``pointMass(3)``)
    or a discrete distribution is its spikes alone. None when no sample is finite.
    ``marks``: the markers' labels by kind (``_markers``); ``ordered``: the finite
    samples in order, when the caller has them (nothing is sorted again).

    ``law``: a streamed binding's ``StreamedLaw`` (``merged_law``; ``samples`` are its
    first chunk): the range, the bars and the spikes' shares are then the whole run's,
    from its merged counts, on the axis and bar edges the same rules choose; the first
    chunk says only which values are point masses."""
    finite = _finite_ordered(samples, ordered)
    if not finite.size:
        return None
    meter.check_time()  # each step below is ~0.1 s at 1e7 samples: the clock between
    values, counts, starts = point_masses(finite, samples.shape[0])
    meter.check_time()
    n = samples.shape[0] if law is None else law.count
    masses = counts if law is None else _merged_masses(law, values, finite)
    layers: tuple = ()
    if counts.sum() == finite.size:  # every finite sample is a point mass
        lo, hi = float(values[0]), float(values[-1])
        pad = (hi - lo) * 0.05  # spikes at the ends stand inside the frame
        x = _x_axis(lo - pad, hi + pad, scale, spec) if hi > lo else \
            make_axis("linear", lo, hi, label=label_function(spec))
        top = 1.0
    else:
        rng = plot_range(finite, presorted=True) if law is None else _merged_range(law)
        if rng is None:
            return None
        x = _x_axis(*rng, scale, spec)
        if values.size and (values[0] <= x.lo or values[-1] >= x.hi):
            # a spike at an end of the range: widened by 3% on the axis's own scale,
            # so that it stands inside the frame
            t_lo, t_hi = float(x.transform(x.lo)), float(x.transform(x.hi))
            pad = (t_hi - t_lo) * 0.03
            x = _x_axis(float(x.inverse(t_lo - pad)) if values[0] <= x.lo else x.lo,
                        float(x.inverse(t_hi + pad)) if values[-1] >= x.hi else x.hi,
                        scale, spec)
        bins = histogram_bins(n, options.bins)
        if law is not None:
            edges, heights = _merged_shares(law, x, bins, values, masses)
        else:
            rest = finite
            if values.size:  # the bars are of the samples of no point mass
                keep = np.ones(finite.size, dtype=bool)
                for start, count in zip(starts, counts):
                    keep[start:start + count] = False
                rest = finite[keep]
            edges, heights = _shares(rest, x, bins, n, presorted=True)
        layers = (Bars(as_tuple(edges), as_tuple(heights)),)
        top = float(heights.max())
    if values.size:
        layers += (_spikes(values, masses, n, x, spec),)
    return Chart("histogram", x, _share_axis(top), layers,
                 _markers(x, mean, median, label_function(spec), marks), title)


def histogram_bins(n: int, most: int) -> int:
    """How many bins ``n`` samples get: about 1.5 n^(1/3) (after Rice's rule), at
    least 10 and at most ``most``; fewer samples, fewer bins, so that a small sample
    does not look like noise."""
    return int(min(most, max(10, round(1.5 * max(n, 1) ** (1 / 3)))))


def cdf_chart(samples: np.ndarray, options: ViewOptions = DEFAULT, *,
              scale: Optional[Scale] = None, spec: Optional[str] = None,
              title: Optional[str] = None, mean: Optional[float] = None,
              median: Optional[float] = None, marks: Optional[dict] = None,
              ordered: Optional[np.ndarray] = None, law=None) -> Optional[Chart]:
    """The CDF of the samples over their 1st to 99th percentile (``ordered``: the
    finite samples in order, when the caller has them; ``law``: a streamed binding's
    ``StreamedLaw``, whose merged range and cdf over the whole run are drawn, as in
    ``histogram_chart``)."""
    if law is None:
        finite = _finite_ordered(samples, ordered)
        rng = plot_range(finite, presorted=True)
    else:
        rng = _merged_range(law)
    if rng is None:
        return None
    x = _x_axis(*rng, scale, spec)
    xs = x.spaced(options.points)
    if law is not None:
        ys = law.cdf(xs)
    else:  # the samples at or below each x: the finite ones, and those at -Infinity
        below = int(np.count_nonzero(samples == -math.inf))
        ys = (np.searchsorted(finite, xs, side="right") + below) / max(samples.shape[0], 1)
    y = make_axis("linear", 0.0, 1.0, count=4, label=label_function(".0%"))
    return Chart("cdf", x, y, (Line(as_tuple(xs), as_tuple(ys), "cdf"),),
                 _markers(x, mean, median, label_function(spec), marks), title)


def dists_chart(named: list[tuple[Optional[str], Dist]], options: ViewOptions = DEFAULT,
                scale: Optional[Scale] = None, title: Optional[str] = None) -> Optional[Chart]:
    """Several distributions on one axis: one histogram for one, a density line each
    (share of samples per bin, at the bins' centres) for more."""
    if len(named) == 1:
        name, dist = named[0]
        mean, _, qs = dist.stats()
        return histogram_chart(dist.samples, options, scale=scale,
                               spec=dist.tags.number_format, title=title, mean=mean,
                               median=float(qs[2]))
    ranges = [plot_range(d.samples[np.isfinite(d.samples)]) for _, d in named]
    ranges = [r for r in ranges if r is not None]
    if not ranges:
        return None
    x = _x_axis(min(r[0] for r in ranges), max(r[1] for r in ranges), scale, None)
    layers, top = [], 0.0
    for i, (name, dist) in enumerate(named):
        edges, heights = _shares(dist.samples, x, options.bins)
        centres = x.inverse((x.transform(edges[:-1]) + x.transform(edges[1:])) / 2)
        layers.append(Line(as_tuple(centres), as_tuple(heights), name or f"dist {i + 1}"))
        top = max(top, float(heights.max()))
    return Chart("line", x, _share_axis(top), tuple(layers), (), title)


# ---- functions ----

def _domain(fn: Function) -> Optional[Domain]:
    """The domain of a function of one parameter, when it has one."""
    if isinstance(fn, Lambda) and len(fn.params) == 1:
        return fn.domains[0]
    return None


def function_view(fn: Function, options: ViewOptions = DEFAULT) -> Optional[Chart]:
    """A function of one number with a domain: its chart; else None."""
    domain = _domain(fn)
    if domain is None or not (math.isfinite(domain.low) and math.isfinite(domain.high)):
        return None
    is_date = isinstance(domain, DateDomain)
    scale = Scale("date" if is_date else "linear", min=domain.low, max=domain.high,
                  is_date=is_date)
    return function_chart(fn, scale, options, title=None)


def function_chart(fn: Function, x_scale: Scale, options: ViewOptions = DEFAULT, *,
                   returns: Optional[str] = None, y_scale: Optional[Scale] = None,
                   title: Optional[str] = None,
                   x_points: Optional[tuple] = None) -> Optional[Chart]:
    """``fn`` drawn over ``x_scale`` (Squiggle's 0 to 10 where it sets no range):
    ``returns`` "number" (a line), "dist" (a fan chart of FAN_QUANTILES) or None (as
    the function's value in the middle of the range says). None when it gives
    neither anywhere."""
    from . import calls  # see calculator_view
    lo = x_scale.min if x_scale.min is not None else 0.0
    hi = x_scale.max if x_scale.max is not None else 10.0
    is_date = x_scale.is_date or x_scale.method == "date"
    method = "date" if is_date else (x_scale.method if x_scale.method in
                                     ("linear", "log", "symlog", "power") else "linear")
    if method == "log" and not lo > 0:
        method = "linear"
    x = make_axis(method, lo, hi, label=label_function(x_scale.tick_format),
                  title=x_scale.title, constant=x_scale.constant,
                  exponent=x_scale.exponent)
    xs = np.asarray(x_points, dtype=np.float64) if x_points else x.spaced(options.points)
    if returns is None:
        middle = float(xs[len(xs) // 2])
        gives = calls.returns_dist(fn, middle, samples=options.samples, seed=options.seed,
                                   dates=is_date, limits=options.limits)
        returns = "dist" if gives else "number"
    y_method = y_scale.method if y_scale is not None and y_scale.method in (
        "linear", "log", "symlog", "power") else "linear"
    y_spec = y_scale.tick_format if y_scale is not None else None
    y_title = y_scale.title if y_scale is not None else None
    if returns == "number":
        ys = calls.numbers_at(fn, xs, seed=options.seed, dates=is_date,
                              limits=options.limits)
        ok = ys[np.isfinite(ys)]
        if not ok.size:
            return None
        y = _value_axis(y_method, float(ok.min()), float(ok.max()), y_spec, y_title)
        return Chart("line", x, y, (Line(as_tuple(xs), as_tuple(ys)),), (), title,
                     _gaps_note(np.isnan(ys)))
    qs = calls.dists_at(fn, xs, FAN_QUANTILES, samples=min(options.samples, FN_SAMPLES),
                        seed=options.seed, dates=is_date, limits=options.limits)
    chart = fan_chart(x, xs, qs, y_method, y_spec, y_title, title)
    return chart if chart is None else chart.replace(
        note=_gaps_note(np.isnan(qs).all(axis=1)))


def _gaps_note(missing: np.ndarray) -> Optional[str]:
    """Says at how many of the points the function gave nothing drawable."""
    count = int(np.count_nonzero(missing))
    if not count:
        return None
    return (f"no value at {count} of the {missing.size} points (the function failed, "
            f"gave another kind of value, or was too slow to draw in full)")


def _value_axis(method: str, lo: float, hi: float, spec: Optional[str],
                title: Optional[str]) -> Axis:
    if method == "log" and not lo > 0:
        method = "linear"
    return make_axis(method, lo, hi, count=4, label=label_function(spec), title=title)


def fan_chart(x: Axis, xs: np.ndarray, qs: np.ndarray, y_method: str = "linear",
              y_spec: Optional[str] = None, y_title: Optional[str] = None,
              title: Optional[str] = None) -> Optional[Chart]:
    """Bands of the 5th-95th and 25th-75th percentiles and the median line; ``qs`` has
    a row of FAN_QUANTILES per x."""
    ok = qs[np.isfinite(qs)]
    if not ok.size:
        return None
    y = _value_axis(y_method, float(ok.min()), float(ok.max()), y_spec, y_title)
    t = as_tuple(xs)
    layers = (Band(t, as_tuple(qs[:, 0]), as_tuple(qs[:, 4]), 0.9),
              Band(t, as_tuple(qs[:, 1]), as_tuple(qs[:, 3]), 0.5),
              Line(t, as_tuple(qs[:, 2]), "median"))
    return Chart("fan", x, y, layers, (), title)


# ---- lists, records, tables, calculators ----

def list_view(value: List, options: ViewOptions = DEFAULT) -> Optional[StackView]:
    """A list of numbers or of distributions, long enough to chart: its chart by
    index and its values; else None."""
    items = value.items
    if len(items) < LIST_CHART_MIN:
        return None
    index = np.arange(len(items), dtype=np.float64)
    x = make_axis("linear", 0.0, float(len(items) - 1), title="index")
    if all(isinstance(v, Number) for v in items):
        ys = np.array([v.value for v in items], dtype=np.float64)
        ok = ys[np.isfinite(ys)]
        if not ok.size:
            return None
        y = _value_axis("linear", float(ok.min()), float(ok.max()),
                        value.tags.number_format, None)
        layers = (Line(as_tuple(index), as_tuple(ys)),)
        if len(items) <= _LIST_POINTS_MAX:  # each value a dot too, while they are few
            layers += (Points(as_tuple(index), as_tuple(ys)),)
        chart = Chart("line", x, y, layers)
    elif all(isinstance(v, Dist) and not v.is_indicator for v in items):
        qs = np.array([np.atleast_1d(v.stats()[2]) for v in items], dtype=np.float64)
        chart = fan_chart(x, index, qs)
        if chart is None:
            return None
    else:
        return None
    return StackView((chart, TextView(compact_text(value))))


def records_table(value: Value) -> Optional[TableView]:
    """A list of at least two records with the same keys (or a record of such records)
    as a table: a row per item (its index or key first), a column per key, numbers on
    the right; None for any other value."""
    if isinstance(value, List):
        rows = [(str(i), item) for i, item in enumerate(value.items)]
        first = "#"
    elif isinstance(value, Record):
        rows = list(value.fields.items())
        first = ""
    else:
        return None
    if len(rows) < 2 or not all(isinstance(item, Record) for _, item in rows):
        return None
    keys = tuple(rows[0][1].fields)
    if not keys or any(tuple(item.fields) != keys for _, item in rows):
        return None
    cells = tuple((label, *(cell_text(item.fields[k]) for k in keys))
                  for label, item in rows)
    numeric = tuple("right" if all(isinstance(item.fields[k], Number) for _, item in rows)
                    else "left" for k in keys)
    return TableView((first, *keys), cells, ("left" if first == "" else "right", *numeric))


def record_view(value: Record) -> TableView:
    """A record as a table of its fields."""
    rows = tuple((key, compact_text(v)) for key, v in value.fields.items())
    return TableView(("field", "value"), rows, ("left", "left"))


def table_view(table: Table) -> TableView:
    """``Table.make``: a column per function, a row per item, numbers on the right."""
    header = tuple(name if name is not None else f"column {j + 1}"
                   for j, (name, _) in enumerate(table.columns))
    rows = tuple(tuple(_cell_text(cell) for cell in row) for row in table.cells)
    align = tuple("right" if table.cells and all(isinstance(row[j], Number)
                                                  for row in table.cells) else "left"
                  for j in range(len(header)))
    return TableView(header, rows, align)


def _cell_text(cell) -> str:
    if isinstance(cell, CellError):
        return f"error: {cell.message}"
    return cell_text(cell)


def cell_text(value: Value) -> str:
    """A table cell's text: a string bare (``a``, not ``"a"``: a table's columns say
    what they hold, as Squiggle's table shows them), anything else as
    ``compact_text``."""
    if isinstance(value, String):
        # one line in an aligned table: a newline or tab is written as its escape, as
        # is every other control character (a terminal must not act on one)
        return escape_controls(value.value, keep="")
    return compact_text(value)


def calculator_view(calc: Calculator, options: ViewOptions = DEFAULT) -> StackView:
    """A calculator: its fields (name, kind, default) and the result of the
    defaults, drawn as any value."""
    rows = tuple((field.name, str(field), _default_text(field.default))
                 for field in calc.inputs)
    fields = TableView(("input", "kind", "default"), rows, ("left", "left", "left"))
    # a calculator is run (and a function called, in function_chart) by a session of
    # its own: imported when first needed, so that a report of plain values
    # (`sq eval "1"`) does not load them
    from ..engine.calculator_run import calculator_result
    try:
        result = calculator_result(calc, samples=options.samples, seed=options.seed,
                                   limits=options.limits)
    except DslError as e:
        result_view = TextView(f"error: {e.message}")
    else:
        result_view = TextView("no result: a field has no default") if result is None \
            else value_view(result, options)
    parts = [fields, StackView((result_view,), title="result of the defaults")]
    return StackView(tuple(parts), title=calc.title)


def _default_text(default) -> str:
    if default is None:
        return ""
    if isinstance(default, bool):
        return "true" if default else "false"
    return str(default)


# ---- plots ----

def plot_view(plot: Plot, options: ViewOptions = DEFAULT):
    """A ``Plot.*`` value's chart (its text when it has none)."""
    chart = None
    if isinstance(plot, DistributionsPlot):
        chart = dists_chart(list(plot.distributions), options, plot.x_scale, plot.title)
    elif isinstance(plot, NumericFnPlot):
        chart = function_chart(plot.fn, plot.x_scale, options, returns="number",
                               y_scale=plot.y_scale, title=plot.title,
                               x_points=plot.x_points)
    elif isinstance(plot, DistFnPlot):
        chart = function_chart(plot.fn, plot.x_scale, options, returns="dist",
                               y_scale=plot.dist_x_scale, title=plot.title,
                               x_points=plot.x_points)
    elif isinstance(plot, ScatterPlot):
        chart = scatter_chart(plot)
    return chart if chart is not None else TextView(plot.describe())


def scatter_chart(plot: ScatterPlot) -> Optional[Chart]:
    """Every k-th pair of samples (at most ``_SCATTER_MAX``), on each sample set's
    plotted range."""
    xs, ys = plot.x_dist.samples, plot.y_dist.samples
    n = min(xs.shape[0], ys.shape[0])
    step = max(1, math.ceil(n / _SCATTER_MAX))
    px, py = xs[:n:step], ys[:n:step]
    keep = np.isfinite(px) & np.isfinite(py)
    px, py = px[keep], py[keep]
    rx, ry = plot_range(px), plot_range(py)
    if rx is None or ry is None:
        return None
    x = _x_axis(*rx, plot.x_scale, None)
    y = _x_axis(*ry, plot.y_scale, None)
    inside = (px >= x.lo) & (px <= x.hi) & (py >= y.lo) & (py <= y.hi)
    return Chart("scatter", x, y, (Points(as_tuple(px[inside]), as_tuple(py[inside])),),
                 (), plot.title)
