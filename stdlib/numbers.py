"""``Number.*``: statistics of lists of numbers (sum, mean, quantile ...), cumulative
sums, ``mod`` and ``rangeDomain``, with Squiggle's names and global aliases
(``sum``, ``mean``, ``max`` ...).

The list functions also take lists holding distributions and then work element-wise
across the items, sample by sample: ``Number.sum([a, b, c])`` is the distribution of
``a + b + c`` and ``max([a, b])`` the distribution of the larger one. Squiggle's
rules for empty lists hold: ``sum([])`` is 0 and ``product([])`` 1, while ``mean``,
``min``, ``max``, ``median``, ``quantile``, ``stdev``, ``variance``, ``geomean``
and ``diff`` need at least one item. Variances divide by N, as Squiggle's do.
"""
from __future__ import annotations

import sys
from functools import reduce

import numpy as np

from dsl.base.errors import DomainError
from dsl.base.meter import each
from dsl.engine.registry import Context, builtin, constant
from dsl.base.steps import array_of, bounded, linear_seconds, list_of, sort_seconds
from dsl.engine.types import ListOf, Num, Probability, Real
from dsl.engine.values import Domain

from .elementwise import no_new_nan
from .lists import non_empty

__all__: list[str] = []

Nums = ListOf(Num)


def _stack(ctx: Context, xs: list) -> np.ndarray:
    """Items (floats and sample arrays) as one array: shape (k,) when all are numbers,
    (k, samples) when some are distributions, so reductions along axis 0 work
    element-wise. Only order statistics need this; the other functions combine the
    items pairwise and never hold more than two sample arrays."""
    shapes = [x.shape for x in each(xs) if isinstance(x, np.ndarray) and x.ndim]
    if not shapes:  # numbers alone: a long list converts in pieces, under the clock
        return array_of(xs)
    ctx.check_size(len(xs) * shapes[0][0], f"stacking {len(xs)} distributions")
    return bounded(lambda: np.stack(np.broadcast_arrays(*xs)),
                   linear_seconds(len(xs) * shapes[0][0]), f"stacking {len(xs)} distributions")


def _scalar(x):
    """A 0-d numpy result as a float; sample arrays unchanged."""
    return float(x) if np.ndim(x) == 0 else x


def _order_statistic(ctx: Context, xs: list, what: str, fn):
    """``fn`` (along axis 0) of the stacked items of a non-empty list."""
    non_empty(xs, what)
    stack = _stack(ctx, xs)
    # a selection in each column: seconds for a long list or many big distributions
    found = bounded(lambda: fn(stack), sort_seconds(len(xs)) if stack.ndim == 1 else
                    2 * linear_seconds(stack.size), what)
    return _scalar(no_new_nan(found, what, *xs))


def _total(xs: list, term=None, undefined: str = "a sum of Infinity and -Infinity"):
    """The element-wise sum of the items, or of ``term(item)`` (0.0 for none), adding
    one item at a time; a NaN the items did not hold is an error: ``undefined`` is."""
    total = 0.0
    for x in each(xs):
        total = np.add(total, x if term is None else term(x))
    return no_new_nan(total, undefined, *xs)


def _mean(xs: list, what: str, term=None, undefined: str = "a sum of Infinity and -Infinity"):
    non_empty(xs, what)
    return _total(xs, term, undefined) / len(xs)


# ---- algebra over a list ----

@builtin("Number.sum", aliases=["sum"],
         examples=[("sum([3, 5, 2])", "10"), ("Number.sum([])", "0"),
                   ("mean(Number.sum([normal(1, 1), normal(2, 1), 3]))", "6", 0.05)])
def sum_(xs: Nums) -> Num:
    """The sum of the items (0 for an empty list); element-wise for distributions."""
    return _scalar(_total(xs))


@builtin("Number.product", aliases=["product"],
         examples=[("product([3, 5, 2])", "30"), ("Number.product([])", "1")])
def product(xs: Nums) -> Num:
    """The product of the items (1 for an empty list); element-wise for distributions."""
    return _scalar(no_new_nan(reduce(np.multiply, xs, 1.0), "a product of 0 and Infinity", *xs))


@builtin("Number.cumsum", aliases=["cumsum"],
         examples=[("cumsum([3, 5, 2, 3, 5])", "[3, 8, 10, 13, 18]"), ("cumsum([])", "[]")])
def cumsum(xs: Nums) -> Nums:
    """The running sums: item i is the sum of the first i + 1 items."""
    out, total = [], 0.0
    for x in xs:
        total = no_new_nan(np.add(total, x), "a sum of Infinity and -Infinity", total, x)
        out.append(_scalar(total))
    return out


@builtin("Number.cumprod", aliases=["cumprod"],
         examples=[("cumprod([3, 5, 2, 3, 5])", "[3, 15, 30, 90, 450]")])
def cumprod(xs: Nums) -> Nums:
    """The running products: item i is the product of the first i + 1 items."""
    out, total = [], 1.0
    for x in xs:
        total = no_new_nan(np.multiply(total, x), "a product of 0 and Infinity", total, x)
        out.append(_scalar(total))
    return out


@builtin("Number.diff", aliases=["diff"],
         examples=[("diff([3, 5, 2, 3, 5])", "[2, -3, 1, 2]"), ("diff([4])", "[]")])
def diff(xs: Nums) -> Nums:
    """The differences between consecutive items.

    The result has one item fewer; an empty list is an error, as in Squiggle."""
    non_empty(xs, "Number.diff")
    return [_scalar(no_new_nan(np.subtract(b, a), "Infinity - Infinity", a, b))
            for a, b in zip(xs, xs[1:])]


# ---- statistics of a list ----

@builtin("Number.min", aliases=["min"],
         examples=[("min([3, 5, 2])", "2"), ("min(-2, 4)", "-2"),
                   ("mean(min(normal(0, 1), 0))", "-0.3989422804", 0.05)])
def min_(xs: Nums) -> Num:
    """The smallest item, or the smaller of two numbers.

    Element-wise for distributions: ``min(a, b)`` takes the smaller sample each time."""
    non_empty(xs, "Number.min")
    return _scalar(reduce(np.minimum, xs))


@builtin("Number.min")
def _min_pair(a: Num, b: Num) -> Num:
    return np.minimum(a, b)


@builtin("Number.max", aliases=["max"],
         examples=[("max([3, 5, 2])", "5"), ("max(3, 11)", "11"),
                   ("mean(max(uniform(0, 1), uniform(0, 1)))", "2 / 3", 0.05)])
def max_(xs: Nums) -> Num:
    """The largest item, or the larger of two numbers.

    Element-wise for distributions: ``max(a, b)`` takes the larger sample each time."""
    non_empty(xs, "Number.max")
    return _scalar(reduce(np.maximum, xs))


@builtin("Number.max")
def _max_pair(a: Num, b: Num) -> Num:
    return np.maximum(a, b)


@builtin("Number.mean", aliases=["mean"], examples=[("mean([3, 5, 2])", "10 / 3")])
def mean(xs: Nums) -> Num:
    """The arithmetic mean of the items."""
    return _scalar(_mean(xs, "Number.mean"))


@builtin("Number.geomean", aliases=["geomean"],
         examples=[("geomean([3, 5, 2])", "30 ^ (1 / 3)"), ("geomean([4, 0])", "0")])
def geomean(xs: Nums) -> Num:
    """The geometric mean of non-negative items.

    The n-th root of their product, computed through logarithms so that long lists
    do not overflow."""
    for x in xs:
        if np.any(np.asarray(x) < 0):
            raise DomainError(f"Number.geomean: every item must be >= 0 (got {_negative(x)})")
    return _scalar(np.exp(_mean(xs, "Number.geomean", np.log,
                                "Number.geomean of both 0 and Infinity")))


def _negative(x) -> str:
    from dsl.engine.display import format_number
    if isinstance(x, float):
        return format_number(x)
    return f"a distribution with samples such as {format_number(float(x[x < 0][0]))}"


@builtin("Number.median", aliases=["median"],
         examples=[("median([1, 5, 10, 40, 2, 4])", "4.5")])
def median(ctx: Context, xs: Nums) -> Num:
    """The median (halfway between the two middle items for an even count)."""
    return _order_statistic(ctx, xs, "Number.median", lambda v: np.median(v, axis=0))


@builtin("Number.quantile", aliases=["quantile"], labels={"p": "the probability"},
         examples=[("quantile([1, 5, 10, 40, 2, 4], 0.3)", "3"),
                   ("Number.quantile([3, 1, 2], 1)", "3")])
def quantile(ctx: Context, xs: Nums, p: Probability) -> Num:
    """The ``p``-quantile of the items.

    Interpolates linearly between the sorted items (as Squiggle, and numpy's
    default)."""
    return _order_statistic(ctx, xs, "Number.quantile", lambda v: np.quantile(v, p, axis=0))


@builtin("Number.variance", aliases=["variance"],
         examples=[("variance([3, 5, 2, 3, 5])", "1.44")])
def variance(xs: Nums) -> Num:
    """The population variance (dividing by the number of items, as Squiggle)."""
    return _scalar(_variance(xs, "Number.variance"))


@builtin("Number.stdev", aliases=["stdev"],
         examples=[("stdev([3, 5, 2, 3, 5])", "1.2")])
def stdev(xs: Nums) -> Num:
    """The population standard deviation (dividing by the number of items)."""
    return _scalar(np.sqrt(_variance(xs, "Number.stdev")))


def _variance(xs: list, what: str):
    """The mean squared deviation from the mean, in two passes (as numpy's ``var``)."""
    m = _mean(xs, what)
    return _total(xs, lambda x: np.square(np.subtract(x, m)),
                  f"{what} of a list with an infinite item") / len(xs)


@builtin("Number.sort", aliases=["sort"],
         examples=[("sort([3, 5, 2, 3, 5])", "[2, 3, 3, 5, 5]"), ("sort([])", "[]")])
def sort(xs: ListOf(Real)) -> ListOf(Real):
    """The numbers in increasing order (to order other items, use ``List.sortBy``)."""
    # numpy's sort: one C call of ~0.1 s a million items (sorted() takes 5x that), run
    # under the clock, and the conversions in pieces; NaNs go last
    values = array_of(xs)
    return list_of(bounded(lambda: np.sort(values, kind="stable"), sort_seconds(len(xs)),
                           "Number.sort"))


# ---- number functions ----

@builtin("Number.mod", aliases=["mod"], labels={"b": "the divisor"},
         examples=[("mod(10, 3)", "1"), ("mod(-10, 3)", "2"), ("mod(10, -3)", "-2"),
                   ("mod(5.5, 2)", "1.5")])
def mod(a: Num, b: Num) -> Num:
    """The remainder of ``a / b``, with the sign of ``b``.

    As Python's ``%`` (Squiggle has no ``%`` operator). A divisor of 0 is an
    error."""
    if np.any(np.asarray(b) == 0):
        raise DomainError("Number.mod: the divisor must not be 0")
    return no_new_nan(np.mod(a, b), "mod of Infinity", a, b)


@builtin("Number.rangeDomain", labels={"min": "the low end", "max": "the high end"},
         examples=[("Number.rangeDomain(5, 10)", "Number.rangeDomain(5, 10)"),
                   ("f(x: Number.rangeDomain(1, 3)) = x * 2; f(3)", "6")])
def range_domain(min: Real, max: Real) -> Domain:
    """The domain of numbers from ``min`` to ``max``, both included.

    For parameter annotations: ``f(x: Number.rangeDomain(1, 10))`` is the same as
    ``f(x: [1, 10])``."""
    if min > max:
        raise DomainError(f"Number.rangeDomain: min ({min:g}) must not be above max ({max:g})")
    return Domain(min, max)


constant("Number.minValue", 5e-324, "The smallest positive number (5e-324).",
         examples=[("Number.minValue > 0", "true"), ("Number.minValue / 2", "0")])
constant("Number.maxValue", sys.float_info.max,
         "The largest finite number (about 1.8e308).",
         examples=[("Number.maxValue * 2", "1 / 0")])
