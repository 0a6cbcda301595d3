"""``List.*`` functions that call a model function for each item: map, filter, reduce
and its variants, searching, and ordering by a key. Each item is passed whole (a
distribution stays a distribution), so callbacks run once per item, never per sample.
"""
from __future__ import annotations

import numpy as np

from dsl.base.errors import IndexError_
from dsl.base.meter import each
from dsl.engine.registry import Context, builtin
from dsl.base.steps import argsort_seconds, array_of, bounded, list_of
from dsl.engine.types import AnyValue, Boolean, Fn, ListOf, Real
from dsl.engine.values import Number

from .callbacks import call_with_optional, expect_bool, expect_number
from .lists import non_empty, value_key

__all__: list[str] = []


@builtin("List.map", aliases=["map"],
         examples=[("List.map([1, 4, 5], {|x| x + 1})", "[2, 5, 6]"),
                   ("List.map([1, 4, 5], {|x, i| x + i + 1})", "[2, 6, 8]"),
                   ("List.map([[1], [2, 3]], List.length)", "[1, 2]")])
def map_(ctx: Context, xs: ListOf(), fn: Fn) -> ListOf():
    """The list of ``fn(item)`` for each item.

    A function with two parameters gets ``(item, index)``."""
    return [call_with_optional(ctx, fn, [x], [Number(i)], "List.map")
            for i, x in enumerate(xs)]


@builtin("List.filter", aliases=["filter"],
         examples=[("List.filter([1, 4, 5], {|x| x > 3})", "[4, 5]")])
def filter_(ctx: Context, xs: ListOf(), fn: Fn) -> ListOf():
    """The items for which ``fn(item)`` is true, in order."""
    return [x for x in xs if expect_bool(ctx.call(fn, [x]), "List.filter")]


@builtin("List.reduce", aliases=["reduce"],
         examples=[("List.reduce([1, 4, 5], 2, {|acc, el| acc + el})", "12"),
                   ("List.reduce([5, 6], 0, {|acc, el, i| acc + el * i})", "6")])
def reduce_(ctx: Context, xs: ListOf(), initialValue: AnyValue, fn: Fn) -> AnyValue:
    """Folds the list from the first item: ``acc = fn(acc, item)``.

    The accumulator starts as ``initialValue``; a function with a third parameter
    also gets the index."""
    acc = initialValue
    for i, x in enumerate(xs):
        acc = call_with_optional(ctx, fn, [acc, x], [Number(i)], "List.reduce")
    return acc


@builtin("List.reduceReverse", aliases=["reduceReverse"],
         examples=[("List.reduceReverse([1, 4, 5], 2, {|acc, el| acc - el})", "-8"),
                   ('List.reduceReverse(["a", "b"], "", {|acc, el| acc + el})', '"ba"')])
def reduce_reverse(ctx: Context, xs: ListOf(), initialValue: AnyValue, fn: Fn) -> AnyValue:
    """Like ``reduce``, from the last item back to the first."""
    acc = initialValue
    for x in reversed(xs):
        acc = ctx.call(fn, [acc, x])
    return acc


@builtin("List.reduceWhile",
         examples=[("List.reduceWhile([5, 6, 7], 0, {|acc, curr| acc + curr}, "
                    "{|acc| acc < 15})", "11"),
                   ("List.reduceWhile([5, 6, 7], {x: 0}, {|acc, curr| {x: acc.x + curr}}, "
                    "{|acc| acc.x < 15})", "{x: 11}")])
def reduce_while(ctx: Context, xs: ListOf(), initialValue: AnyValue, fn: Fn,
                 condition: Fn) -> AnyValue:
    """Like ``reduce``, but stops before the first step whose result fails ``condition``.

    Returns the last accumulator that passed (or ``initialValue``, which is not
    itself checked). Useful for simulating a process until its state crosses a threshold."""
    acc = initialValue
    for x in xs:
        step = ctx.call(fn, [acc, x])
        if not expect_bool(ctx.call(condition, [step]), "List.reduceWhile"):
            break
        acc = step
    return acc


@builtin("List.find", examples=[("List.find([1, 4, 5], {|el| el > 3})", "4")])
def find(ctx: Context, xs: ListOf(), fn: Fn) -> AnyValue:
    """The first item for which ``fn(item)`` is true; none is an error."""
    for x in xs:
        if expect_bool(ctx.call(fn, [x]), "List.find"):
            return x
    raise IndexError_("List.find: no item satisfies the condition")


@builtin("List.findIndex", examples=[("List.findIndex([1, 4, 5], {|el| el > 3})", "1"),
                                     ("List.findIndex([1, 4, 5], {|el| el > 9})", "-1")])
def find_index(ctx: Context, xs: ListOf(), fn: Fn) -> Real:
    """The index of the first item for which ``fn(item)`` is true, or -1."""
    for i, x in enumerate(xs):
        if expect_bool(ctx.call(fn, [x]), "List.findIndex"):
            return i
    return -1


@builtin("List.every", examples=[("List.every([1, 4, 5], {|el| el > 3})", "false"),
                                 ("List.every([], {|el| el > 3})", "true")])
def every(ctx: Context, xs: ListOf(), fn: Fn) -> Boolean:
    """Whether ``fn(item)`` is true for every item (stops at the first false)."""
    return all(expect_bool(ctx.call(fn, [x]), "List.every") for x in xs)


@builtin("List.some", examples=[("List.some([1, 4, 5], {|el| el > 3})", "true"),
                                ("List.some([], {|el| el > 3})", "false")])
def some(ctx: Context, xs: ListOf(), fn: Fn) -> Boolean:
    """Whether ``fn(item)`` is true for at least one item (stops at the first true)."""
    return any(expect_bool(ctx.call(fn, [x]), "List.some") for x in xs)


def _keys(ctx: Context, xs: list, fn, what: str) -> list[float]:
    return [expect_number(ctx.call(fn, [x]), what) for x in xs]


@builtin("List.sortBy", examples=[("List.sortBy([{a: 3}, {a: 1}], {|f| f.a})",
                                   "[{a: 1}, {a: 3}]")])
def sort_by(ctx: Context, xs: ListOf(), fn: Fn) -> ListOf():
    """The items in increasing order of the number ``fn(item)``.

    The sort is stable: items with equal keys keep their order."""
    keys = array_of(_keys(ctx, xs, fn, "List.sortBy"))
    # numpy's stable argsort, under the run's clock: Python's sorted() held the GIL for
    # seconds at a few million items, where nothing could stop it
    order = bounded(lambda: np.argsort(keys, kind="stable"), argsort_seconds(len(xs)),
                    "List.sortBy")
    return [xs[i] for i in each(list_of(order))]


@builtin("List.minBy", examples=[("List.minBy([{a: 3}, {a: 1}], {|f| f.a})", "{a: 1}")])
def min_by(ctx: Context, xs: ListOf(), fn: Fn) -> AnyValue:
    """The item with the smallest ``fn(item)`` (the first such).

    An empty list is an error."""
    non_empty(xs, "List.minBy")
    keys = _keys(ctx, xs, fn, "List.minBy")
    return xs[min(range(len(xs)), key=keys.__getitem__)]


@builtin("List.maxBy", examples=[("List.maxBy([{a: 3}, {a: 1}], {|f| f.a})", "{a: 3}")])
def max_by(ctx: Context, xs: ListOf(), fn: Fn) -> AnyValue:
    """The item with the largest ``fn(item)`` (the first such).

    An empty list is an error."""
    non_empty(xs, "List.maxBy")
    keys = _keys(ctx, xs, fn, "List.maxBy")
    return xs[max(range(len(xs)), key=keys.__getitem__)]


@builtin("List.uniqBy", examples=[("List.uniqBy([[1, 5], [3, 5], [5, 7]], {|x| x[1]})",
                                   "[[1, 5], [5, 7]]")])
def uniq_by(ctx: Context, xs: ListOf(), fn: Fn) -> ListOf():
    """The items whose ``fn(item)`` was not seen before (the first of each is kept)."""
    seen, out = set(), []
    for x in xs:
        key = value_key(ctx.call(fn, [x]))
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out
