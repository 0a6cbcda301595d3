"""``List.*``: building, querying and rearranging lists, with Squiggle's names, argument
order and semantics. The functions that take a callback (``map``, ``filter``,
``reduce``, ``sortBy`` ...) live in ``stdlib.list_functions``.

Lists are immutable: every function returns a new list. Indexes are 0-based.
"""
from __future__ import annotations

from dsl.base.errors import ArgumentError, IndexError_, TypeError_
from dsl.base.meter import due, each, late, pieces, reserve
from dsl.engine.registry import Context, builtin
from dsl.base.steps import bounded, linear_seconds, list_of
from dsl.engine.types import AnyValue, DistT, Fn, ListOf, Real, Str, describe_value
from dsl.engine.time_values import Date, Duration
from dsl.engine.values import Bool, List, Number, Record, String, Value

from .callbacks import call_with_optional

__all__ = ["Whole", "Count", "value_key", "non_empty"]

Whole = Real.where(lambda x: float(x).is_integer(), "a whole number", name="Integer")
Count = Real.where(lambda x: float(x).is_integer() and x >= 0, "a whole number >= 0",
                   name="Integer")


def value_key(value: Value):
    """A hashable key under which structurally equal values coincide (for ``uniq``):
    numbers, strings, booleans, and lists and records of them. Other values
    (distributions, functions) are only equal to themselves."""
    if not value.nesting:
        return _leaf_key(value)
    # a flat tuple (each value's tag then its contents, in order), built without
    # recursion: a nested tuple would be hashed and compared recursively, in C. A stack
    # of iterators over the open lists and records, read with the run's clock (one
    # item may hold millions of values)
    key, stack = [], [iter((value,))]
    while stack:
        v = next(stack[-1], None)
        if v is None:
            stack.pop()
            continue
        if due():
            raise late()
        if isinstance(v, List):
            key += ("List", len(v.items))
            stack.append(iter(v.items))
        elif isinstance(v, Record):
            key += ("Dict", len(v.fields), *v.fields)
            stack.append(iter(v.fields.values()))
        else:
            key += _leaf_key(v)
    return tuple(key)


def _leaf_key(value: Value) -> tuple:
    if isinstance(value, Number):
        return ("Number", "NaN" if value.value != value.value else value.value)
    if isinstance(value, (String, Bool)):
        return (value.type_name, value.value)
    if isinstance(value, (Date, Duration)):
        return (value.type_name, value.ms)
    return ("identity", id(value))


def non_empty(xs: list, what: str) -> None:
    """Raise an IndexError naming ``what`` when ``xs`` is empty."""
    if not xs:
        raise IndexError_(f"{what}: the list is empty")


# ---- constructors ----

@builtin("List.make", examples=[("List.make(2, 3)", "[3, 3]"),
                                ("List.make(2, {|| 3})", "[3, 3]"),
                                ("List.make(3, {|index| index + 1})", "[1, 2, 3]"),
                                ("List.length(List.make(normal(0, 1)))",
                                 "System.sampleCount()")])
def make(ctx: Context, count: Count, fn: Fn) -> ListOf():
    """A list of ``count`` copies of ``value``, or of ``fn(index)`` for each index.

    ``List.make(dist)`` lists a distribution's samples. A function with no parameter
    is called ``count`` times (each call may draw new random numbers); one with a
    parameter receives the index 0, 1, ..."""
    n = int(count)
    ctx.check_items(n, f"List.make({n}, ...)")
    return [call_with_optional(ctx, fn, [], [Number(i)], "List.make") for i in range(n)]


@builtin("List.make")
def _make_filled(ctx: Context, count: Count, value: AnyValue) -> ListOf():
    n = int(count)
    ctx.check_items(n, f"List.make({n}, ...)")
    return [value] * n


@builtin("List.make")
def _make_from_samples(ctx: Context, dist: DistT) -> ListOf():
    ctx.check_items(len(dist.samples), "List.make(dist)")
    return list_of(dist.samples)  # in pieces, under the run's clock


@builtin("List.upTo", labels={"low": "the low end", "high": "the high end"},
         examples=[("List.upTo(1, 4)", "[1, 2, 3, 4]"), ("List.upTo(3, 3)", "[3]")])
def up_to(ctx: Context, low: Whole, high: Whole) -> ListOf():
    """The whole numbers from ``low`` to ``high``, both included.

    Both ends must be whole numbers with low <= high."""
    if high < low:
        raise ArgumentError(f"List.upTo: high ({high:g}) must not be below low ({low:g})")
    n = int(high - low) + 1
    ctx.check_items(n, f"List.upTo({low:g}, {high:g})")
    return [float(v) for v in each(range(int(low), int(high) + 1))]


# ---- queries ----

@builtin("List.length", examples=[("List.length([1, 4, 5])", "3"), ("List.length([])", "0")])
def length(xs: ListOf()) -> Real:
    """The number of items."""
    return len(xs)


@builtin("List.first", examples=[("List.first([1, 4, 5])", "1")])
def first(xs: ListOf()) -> AnyValue:
    """The first item; an empty list is an error."""
    non_empty(xs, "List.first")
    return xs[0]


@builtin("List.last", examples=[("List.last([1, 4, 5])", "5")])
def last(xs: ListOf()) -> AnyValue:
    """The last item; an empty list is an error."""
    non_empty(xs, "List.last")
    return xs[-1]


# ---- modifications ----

@builtin("List.reverse", aliases=["reverse"], examples=[("List.reverse([1, 4, 5])", "[5, 4, 1]")])
def reverse(xs: ListOf()) -> ListOf():
    """The items in reverse order."""
    return xs[::-1]


@builtin("List.concat", aliases=["concat"],
         examples=[("List.concat([1, 2, 3], [4, 5, 6])", "[1, 2, 3, 4, 5, 6]")])
def concat(ctx: Context, a: ListOf(), b: ListOf()) -> ListOf():
    """The items of ``a`` followed by those of ``b``."""
    ctx.check_items(len(a) + len(b), "List.concat")
    return a + b


@builtin("List.append", examples=[("List.append([1, 4], 5)", "[1, 4, 5]")])
def append(ctx: Context, xs: ListOf(), item: AnyValue) -> ListOf():
    """The list with ``item`` added at the end."""
    ctx.check_items(len(xs) + 1, "List.append")
    return xs + [item]


@builtin("List.flatten", examples=[("List.flatten([[1, 2], [3, 4]])", "[1, 2, 3, 4]"),
                                   ("List.flatten([[1, [2]], 3])", "[1, [2], 3]")])
def flatten(ctx: Context, xs: ListOf()) -> ListOf():
    """The list with one level of nesting removed.

    The items of each item that is a list take its place; other items stay."""
    ctx.check_items(sum(len(item.items) if isinstance(item, List) else 1
                        for item in each(xs)), "List.flatten")
    out: list = []
    for item in each(xs):
        out.extend(item.items if isinstance(item, List) else [item])
    return out


@builtin("List.join", examples=[('List.join(["a", "b", "c"], "-")', '"a-b-c"'),
                                ('List.join(["a", "b"])', '"a,b"')])
def join(xs: ListOf(Str), separator: Str = ",") -> Str:
    """The strings joined with ``separator`` between them (default ",")."""
    # in pieces, the clock read between them: 1e7 strings hold the GIL for ~0.3 s
    reserve(sum(sum(map(len, part)) for part in pieces(xs)) + len(separator) * len(xs),
            "List.join")
    return separator.join([separator.join(part) for part in pieces(xs)])


@builtin("List.slice", labels={"start": "the start index", "end": "the end index"},
         examples=[("List.slice([1, 2, 5, 10], 1, 3)", "[2, 5]"),
                   ("List.slice([1, 2, 5, 10], 2)", "[5, 10]"),
                   ("List.slice([1, 2, 5, 10], -1)", "[10]"),
                   ("List.slice([1, 2], 1, 9)", "[2]")])
def slice_(xs: ListOf(), start: Whole, end: Whole = None) -> ListOf():
    """The items from index ``start`` up to, not including, ``end`` (default: the end).

    As in JavaScript's ``Array.slice``: a negative index counts from the end, and
    indexes past either end are clamped (so a slice is never an error)."""
    return xs[int(start):] if end is None else xs[int(start):int(end)]


@builtin("List.uniq", examples=[('List.uniq([1, 2, 3, "hi", false, "hi", 1])',
                                 '[1, 2, 3, "hi", false]')])
def uniq(xs: ListOf()) -> ListOf():
    """The list without repeated items (the first of each is kept).

    Numbers, strings, booleans, lists and records compare by value; distributions
    and functions only equal themselves."""
    seen, out = set(), []
    for item in each(xs):
        key = value_key(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


@builtin("List.zip", examples=[("List.zip([1, 3], [2, 4])", "[[1, 2], [3, 4]]")])
def zip_(a: ListOf(), b: ListOf()) -> ListOf():
    """Pairs ``[a[i], b[i]]``; the lists must have the same length."""
    if len(a) != len(b):
        raise ArgumentError(f"List.zip: the lists must have the same length "
                            f"(got {len(a)} and {len(b)})")
    return [List([x, y]) for x, y in each(zip(a, b))]


@builtin("List.unzip", examples=[("List.unzip([[1, 2], [3, 4], [5, 6]])",
                                  "[[1, 3, 5], [2, 4, 6]]")])
def unzip(pairs: ListOf()) -> ListOf():
    """The inverse of ``zip``: a list of pairs becomes a pair of lists."""
    for pair in each(pairs):
        if not (isinstance(pair, List) and len(pair.items) == 2):
            raise TypeError_(f"List.unzip: every item must be a pair [a, b], got "
                             f"{describe_value(pair)}")
    return [List(p.items[0] for p in each(pairs)), List(p.items[1] for p in each(pairs))]


# ---- randomness: each call site has its own stream (DESIGN.md section 4) ----

@builtin("List.shuffle", examples=[("List.length(List.shuffle([1, 3, 4, 20]))", "4"),
                                   ("Number.sort(List.shuffle([3, 1, 2]))", "[1, 2, 3]")])
def shuffle(ctx: Context, xs: ListOf()) -> ListOf():
    """The items in a random order."""
    return [xs[i] for i in each(list_of(_permutation(ctx, len(xs))))]


@builtin("List.sample", examples=[("List.sample([7, 7, 7])", "7"),
                                  ("s = List.sample([1, 4, 5]); s == 1 || s == 4 || s == 5",
                                   "true")])
def sample(ctx: Context, xs: ListOf()) -> AnyValue:
    """One item chosen at random, each equally likely."""
    non_empty(xs, "List.sample")
    return xs[int(ctx.rng().integers(len(xs)))]


@builtin("List.sampleN", labels={"n": "the number of items"},
         examples=[("List.length(List.sampleN([1, 4, 5], 2))", "2"),
                   ("Number.sort(List.sampleN([1, 4, 5], 3))", "[1, 4, 5]")])
def sample_n(ctx: Context, xs: ListOf(), n: Count) -> ListOf():
    """``n`` items chosen at random, without replacement.

    The items come from distinct positions, in random order. Asking for more items
    than the list has gives them all, shuffled; the list must not be empty (both as in
    Squiggle 0.10)."""
    non_empty(xs, "List.sampleN")
    k = min(int(n), len(xs))
    return [xs[i] for i in each(list_of(_permutation(ctx, len(xs))[:k]))]


def _permutation(ctx: Context, n: int):
    """A random order of range(n) from the call's own stream, under the run's clock
    (0.2 s of numpy at 1e7 items)."""
    rng = ctx.rng()  # a generator of this call alone: safe to leave to a helper thread
    return bounded(lambda: rng.permutation(n), 2 * linear_seconds(n), "shuffling")
