"""``Plot.*`` and ``RelativeValues.gridPlot``: Squiggle 0.10's plots as values
(fr/plot.ts, fr/relativeValues.ts), with its signatures, defaults and checks. Drawing
them is the render layer's (issue 18); ``sq run`` names them in one line.

Each builtin has Squiggle's current form, ``Plot.dist(dist, {xScale, ...})``, and,
where Squiggle keeps one, the older record form ``Plot.dist({dist, xScale, ...})``.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from dsl.engine.dist import Dist
from dsl.base.errors import ArgumentError
from dsl.engine.functions import Lambda
from dsl.base.number_format import js_string
from dsl.engine.pictures import LINEAR, Scale
from dsl.engine.plot_values import (DistFnPlot, DistributionsPlot, NumericFnPlot, RelativeValuesPlot,
                             ScatterPlot)
from dsl.engine.registry import Context, builtin
from dsl.engine.time_values import DateDomain
from dsl.engine.types import Boolean, DistT, ListOf, ParamType, Real, Str
from dsl.engine.values import Function, List, Number, Record, Value

from .picture_args import (DistOrNumber, FnTaking, Of, Options, SampleSetT, ScaleT, bare,
                           name_tag)

__all__: list[str] = []

_MAX_X_POINTS = 10_000

_DIST_OPTIONS = {"xScale?": ScaleT, "yScale?": ScaleT, "title?": Str,
                 "showSummary?": Boolean}
DistOptions = Options(_DIST_OPTIONS)
_NAMED = Options({"name?": Str, "value": DistOrNumber})
_NAMED_REQUIRED = Options({"name": Str, "value": DistOrNumber})
_FN_OPTIONS = {"xScale?": ScaleT, "yScale?": ScaleT, "title?": Str,
               "xPoints?": ListOf(Real)}
_DIST_FN_OPTIONS = {"xScale?": ScaleT, "yScale?": ScaleT, "distXScale?": ScaleT,
                    "title?": Str, "xPoints?": ListOf(Real)}
OneNumberFn = FnTaking(1, "(Number) => Number")
OneNumberToDist = FnTaking(1, "(Number) => Dist")
PlotT = Of("Plot", DistributionsPlot)  # for the return annotations' name only


class _Dists(ParamType):
    """A list of distributions or numbers, or of ``{name?, value}`` records (Squiggle's
    ``frOr(frArray(frDistOrNumber), frArray(frDict(...)))``); the implementation gets
    ``[(name or None, value)]``."""

    name = "List(Dist|Number)|List({name?: String, value: Dist|Number})"

    def accepts(self, value: Value) -> bool:
        return isinstance(value, List) and (
            all(DistOrNumber.accepts(v) for v in value.items)
            or all(_NAMED.accepts(v) for v in value.items))

    def convert(self, value: List) -> list:
        if all(DistOrNumber.accepts(v) for v in value.items):
            return [(None, v) for v in value.items]
        return [(_NAMED.convert(v)["name"], v.fields["value"]) for v in value.items]


Dists = _Dists()


def _no_date_y(y_scale: Optional[Scale]) -> None:
    if y_scale is not None and y_scale.method == "date":
        raise ArgumentError("Using a date scale as the plot yScale is not yet supported.")


def _as_dist(ctx: Context, value: Value) -> Dist:
    """A number given for a distribution is its point mass (Squiggle's
    ``parseDistFromDistOrNumber``)."""
    if isinstance(value, Dist):
        return bare(value)
    from .symbolic import point_mass  # loaded only for a plot of numbers
    return point_mass(ctx, value.value)


def _distributions(ctx: Context, named: list, o: dict,
                   fallback: bool = True) -> DistributionsPlot:
    """``fallback``: a missing or empty name becomes ``dist i`` (not in the older
    record form, whose names are required, "" included)."""
    dists = tuple((name or f"dist {i + 1}" if fallback else name, _as_dist(ctx, v))
                  for i, (name, v) in enumerate(named))
    return DistributionsPlot(dists, o["xScale"] or LINEAR, o["yScale"] or LINEAR,
                             o["title"], _or_true(o["showSummary"]))


def _or_true(flag: Optional[bool]) -> bool:
    return True if flag is None else flag


# ---- Plot.dist, Plot.dists ----

@builtin("Plot.dist", examples=[
    ('String(Plot.dist(normal(5, 2), {xScale: Scale.linear({min: -2, max: 6})}))',
     '"Plot containing "'),
    ('typeOf(Plot.dist(normal(5, 2)))', '"Plot"')])
def dist(dist: DistT, params: DistOptions = None) -> PlotT:
    """A plot of one distribution, with optional ``xScale`` and ``yScale``
    (``Scale.*``; the y scale cannot be a date scale), ``showSummary`` (default
    true: show its statistics under it) and the older ``title``.

    The older form ``Plot.dist({dist, xScale, ...})`` works too."""
    o = params or dict.fromkeys(("xScale", "yScale", "title", "showSummary"))
    return DistributionsPlot(((None, bare(dist)),), o["xScale"] or LINEAR, o["yScale"] or LINEAR,
                             o["title"], _or_true(o["showSummary"]))


@builtin("Plot.dist")
def _dist_record(params: Options({"dist": DistT, **_DIST_OPTIONS})) -> PlotT:
    _no_date_y(params["yScale"])
    return dist(params["dist"], params)


@builtin("Plot.dists", examples=[
    ('String(Plot.dists({dists: [{name: "First", value: normal(0, 1)}, '
     '{name: "Second", value: uniform(2, 4)}]}))', '"Plot containing First, Second"'),
    ('String(Plot.dists([normal(0, 1), 3]))', '"Plot containing dist 1, dist 2"')])
def dists(ctx: Context, dists: Dists, params: DistOptions = None) -> PlotT:
    """A plot of several distributions: a list of distributions or numbers (named
    ``dist 1``, ``dist 2`` ...), or of ``{name, value}`` records; options as
    ``Plot.dist``'s. A number is drawn as its point mass.

    The older form ``Plot.dists({dists: [{name, value}], xScale, ...})`` works too."""
    o = params or dict.fromkeys(("xScale", "yScale", "title", "showSummary"))
    _no_date_y(o["yScale"])
    return _distributions(ctx, dists, o)


@builtin("Plot.dists")
def _dists_record(ctx: Context, params: Options({"dists": ListOf(_NAMED_REQUIRED),
                                                 **_DIST_OPTIONS})) -> PlotT:
    _no_date_y(params["yScale"])
    named = [(r["name"], r["value"]) for r in params["dists"]]
    return _distributions(ctx, named, params, fallback=False)


# ---- functions ----

def _domain_scale(fn: Function) -> Optional[Scale]:
    """The x scale a function's parameter domain implies (Squiggle's
    ``toDefaultScale``), or None."""
    if not isinstance(fn, Lambda) or len(fn.domains) != 1 or fn.domains[0] is None:
        return None
    domain = fn.domains[0]
    return Scale("date" if isinstance(domain, DateDomain) else "linear",
                 min=domain.low, max=domain.high)


def _x_scale(given: Optional[Scale], fn: Function) -> Scale:
    """Squiggle's ``createScale``: the given scale (min and max both or neither, min
    below max) with what it leaves unset taken from the domain's scale or the
    linear one."""
    if given is not None:
        has_min, has_max = given.min is not None, given.max is not None
        if has_min != has_max:
            one, other = ("min", "max") if has_min else ("max", "min")
            raise ArgumentError(f"Scale {one} set without {other}. Must set either both "
                                "or neither.")
        if has_min and given.min >= given.max:
            raise ArgumentError(f"Scale min ({js_string(given.min)}) is greater or equal "
                                f"than than max ({js_string(given.max)})")
    default = _domain_scale(fn) or LINEAR
    return given.filled(default) if given is not None else default


def _x_points(points: Optional[list], scale: Optional[Scale]) -> Optional[tuple]:
    """Squiggle's ``formatXPoints``: the points inside the scale's range (a range end
    of 0 counts as none, as in Squiggle), sorted and distinct, at most 10,000."""
    if points is None:
        return None
    xs = np.asarray(points, dtype=np.float64)
    low = scale.min if scale is not None and scale.min else None
    high = scale.max if scale is not None and scale.max else None
    if low is not None:
        xs = xs[xs >= low]
    if high is not None:
        xs = xs[xs <= high]
    xs = np.unique(xs)
    if xs.size > _MAX_X_POINTS:
        raise ArgumentError("xPoints must have under 10001 unique elements, within the "
                            "provided xScale")
    return tuple(float(x) for x in xs)


def _numeric_fn(fn: Function, o: dict, title: Optional[str]) -> NumericFnPlot:
    _no_date_y(o["yScale"])
    return NumericFnPlot(bare(fn), _x_scale(o["xScale"], fn), o["yScale"] or LINEAR, title,
                         _x_points(o["xPoints"], o["xScale"]))


@builtin("Plot.numericFn", examples=[
    ('String(Plot.numericFn({|t| t ^ 2}, {xScale: Scale.log({min: 1, max: 100})}))',
     '"Plot for numeric function (t) => internal code"'),
    ('Plot.numericFn({|t| t ^ 2}).fn(3)', "9")])
def numeric_fn(fn: OneNumberFn, params: Options(_FN_OPTIONS) = None) -> PlotT:
    """A plot of a function of one number that returns a number, over ``xScale``
    (default: the range of the function's parameter domain, else linear), at
    ``xPoints`` when given (those inside the scale's range, sorted, at most 10,000).

    The plot's title is the function's ``@name`` unless ``title`` is given;
    ``plot.fn`` is the function. The older form ``Plot.numericFn({fn, ...})`` works
    too. sqdsl checks the function's parameter count, not the type it returns."""
    o = params or dict.fromkeys(("xScale", "yScale", "title", "xPoints"))
    return _numeric_fn(fn, o, o["title"] or name_tag(fn) or None)


@builtin("Plot.numericFn")
def _numeric_fn_record(params: Options({"fn": OneNumberFn, **_FN_OPTIONS})) -> PlotT:
    return _numeric_fn(params["fn"], params, params["title"])


def _dist_fn(fn: Function, o: dict, title: Optional[str]) -> DistFnPlot:
    _no_date_y(o["yScale"])
    x_scale = _x_scale(o["xScale"], fn)
    return DistFnPlot(bare(fn), x_scale, o["yScale"] or LINEAR,
                      o["distXScale"] or o["yScale"] or LINEAR, title,
                      _x_points(o["xPoints"], x_scale))


@builtin("Plot.distFn", examples=[
    ('String(Plot.distFn({|t| normal(t, 2)}, {xScale: Scale.log({min: 3, max: 100})}))',
     '"Plot for dist function (t) => internal code"')])
def dist_fn(fn: OneNumberToDist, params: Options(_DIST_FN_OPTIONS) = None) -> PlotT:
    """A plot of a function of one number that returns a distribution (drawn as
    bands of its quantiles) over ``xScale`` (default as in ``Plot.numericFn``), with
    ``distXScale`` the scale of its values (default ``yScale``).

    The older form ``Plot.distFn({fn, ...})`` works too."""
    o = params or dict.fromkeys(("xScale", "yScale", "distXScale", "title", "xPoints"))
    title = o["title"] if o["title"] is not None else name_tag(fn)
    return _dist_fn(fn, o, title)


@builtin("Plot.distFn")
def _dist_fn_record(params: Options({"fn": OneNumberToDist, **_DIST_FN_OPTIONS})) -> PlotT:
    return _dist_fn(params["fn"], params, params["title"])


# ---- scatter ----

@builtin("Plot.scatter", examples=[
    ('typeOf(Plot.scatter({xDist: SampleSet.fromDist(2 to 5), '
     'yDist: SampleSet.fromDist(normal(0, 3))}))', '"Plot"')])
def scatter(params: Options({"xDist": SampleSetT, "yDist": SampleSetT, "xScale?": ScaleT,
                             "yScale?": ScaleT, "title?": Str})) -> PlotT:
    """A scatter plot of two sample sets against each other (sample i of ``xDist``
    with sample i of ``yDist``), with optional scales; an axis without a scale is
    linear, titled with its distribution's ``@name``.

    ``Sym.*`` distributions and point sets are not sample sets: give
    ``SampleSet.fromDist(d)``."""
    _no_date_y(params["yScale"])
    x, y = params["xDist"], params["yDist"]
    return ScatterPlot(bare(x), bare(y), params["xScale"] or _titled(name_tag(x)),
                       params["yScale"] or _titled(name_tag(y)), params["title"])


def _titled(name: Optional[str]) -> Scale:
    return Scale("linear", title=name) if name else LINEAR


# ---- relative values ----

@builtin("RelativeValues.gridPlot", examples=[
    ('String(RelativeValues.gridPlot({ids: ["foo", "bar"], '
     'fn: {|a, b| [SampleSet.fromDist(2 to 5), SampleSet.fromDist(3 to 6)]}}))',
     '"Plot for relative values foo, bar"')])
def grid_plot(params: Options({"ids": ListOf(Str), "fn": FnTaking(2, "(String, String) "
                                                               "=> [Dist, Dist]"),
                               "title?": Str})) -> PlotT:
    """The grid of a relative-values function over the items ``ids``: cell (a, b) is
    ``fn(a, b)``, a pair of distributions (``RelativeValues.wrap`` summarises one);
    ``plot.fn`` is the function."""
    return RelativeValuesPlot(bare(params["fn"]), tuple(params["ids"]), params["title"])
