"""``Dict.*``: functions on records (Squiggle calls them dictionaries). Records are
immutable and keep their keys in insertion order; every function returns a new one.
Setting an existing key keeps its position; merging lets later values win.
"""
from __future__ import annotations

from dsl.base.errors import TypeError_
from dsl.engine.lookup_errors import missing_key
from dsl.engine.registry import Context, builtin
from dsl.engine.types import AnyValue, Boolean, Fn, ListOf, Real, RecordT, Str, describe_value
from dsl.engine.values import List, Record, String

from .callbacks import call_with_optional

__all__: list[str] = []

Rec = RecordT()


# ---- queries ----

@builtin("Dict.keys", examples=[("Dict.keys({a: 1, b: 2})", '["a", "b"]')])
def keys(d: Rec) -> ListOf(Str):
    """The keys, in order."""
    return list(d)


@builtin("Dict.values", examples=[("Dict.values({foo: 3, bar: 20})", "[3, 20]")])
def values(d: Rec) -> ListOf():
    """The values, in key order."""
    return list(d.values())


@builtin("Dict.size", examples=[("Dict.size({a: 1, b: 2})", "2"), ("Dict.size({})", "0")])
def size(d: Rec) -> Real:
    """The number of keys."""
    return len(d)


@builtin("Dict.has", examples=[('Dict.has({a: 1, b: 2}, "c")', "false"),
                               ('Dict.has({a: 1, b: 2}, "a")', "true")])
def has(d: Rec, key: Str) -> Boolean:
    """Whether ``key`` is one of the keys."""
    return key in d


@builtin("Dict.get", examples=[('Dict.get({a: 1, b: 2}, "b")', "2"),
                               ('Dict.get({a: 1}, "z", 0)', "0")])
def get(d: Rec, key: Str) -> AnyValue:
    """The value at ``key``, as ``d[key]``, or ``default`` if given and the key is absent.

    A missing key without a default is an error. Not in Squiggle: ``d[key]`` as a
    function, handy in pipes."""
    if key not in d:
        raise missing_key(key, Record(d))
    return d[key]


@builtin("Dict.get")
def _get_or_default(d: Rec, key: Str, default: AnyValue) -> AnyValue:
    return d.get(key, default)


# ---- conversions ----

@builtin("Dict.toList", examples=[("Dict.toList({a: 1, b: 2})", '[["a", 1], ["b", 2]]')])
def to_list(d: Rec) -> ListOf():
    """The ``[key, value]`` pairs, in order."""
    return [List([String(k), v]) for k, v in d.items()]


@builtin("Dict.fromList", examples=[('Dict.fromList([["foo", 3], ["bar", 20]])',
                                     "{foo: 3, bar: 20}"),
                                    ('Dict.fromList([["a", 1], ["a", 2]])', "{a: 2}")])
def from_list(pairs: ListOf()) -> Rec:
    """A record from ``[key, value]`` pairs with string keys.

    A repeated key takes the last value."""
    out = {}
    for pair in pairs:
        if not (isinstance(pair, List) and len(pair.items) == 2
                and isinstance(pair.items[0], String)):
            raise TypeError_(f"Dict.fromList: every item must be a pair [key, value] with a "
                             f"string key, got {describe_value(pair)}")
        out[pair.items[0].value] = pair.items[1]
    return Record(out)


# ---- transformations ----

@builtin("Dict.set", examples=[('Dict.set({a: 1, b: 2}, "c", 3)', "{a: 1, b: 2, c: 3}"),
                               ('Dict.set({a: 1, b: 2}, "a", 10)', "{a: 10, b: 2}")])
def set_(d: Rec, key: Str, value: AnyValue) -> Rec:
    """The record with ``key`` set to ``value`` (an existing key keeps its place)."""
    return Record({**d, key: value})


@builtin("Dict.delete", examples=[('Dict.delete({a: 1, b: 2}, "a")', "{b: 2}"),
                                  ('Dict.delete({a: 1}, "z")', "{a: 1}")])
def delete(d: Rec, key: Str) -> Rec:
    """The record without ``key`` (unchanged when the key is absent)."""
    return Record({k: v for k, v in d.items() if k != key})


@builtin("Dict.merge", examples=[("Dict.merge({a: 1, b: 2}, {b: 3, c: 5})",
                                  "{a: 1, b: 3, c: 5}")])
def merge(a: Rec, b: Rec) -> Rec:
    """The keys of both records; where both have a key, ``b``'s value wins."""
    return Record({**a, **b})


@builtin("Dict.mergeMany", examples=[("Dict.mergeMany([{a: 1, b: 2}, {b: 3, c: 5}])",
                                      "{a: 1, b: 3, c: 5}"),
                                     ("Dict.mergeMany([])", "{}")])
def merge_many(records: ListOf(Rec)) -> Rec:
    """All the records merged in order (later values win)."""
    out: dict = {}
    for r in records:
        out.update(r)
    return Record(out)


@builtin("Dict.map", examples=[("Dict.map({a: 1, b: 2}, {|x| x + 1})", "{a: 2, b: 3}"),
                               ('Dict.map({a: 1, b: 2}, {|x, k| k + x})',
                                '{a: "a1", b: "b2"}')])
def map_(ctx: Context, d: Rec, fn: Fn) -> Rec:
    """The record with each value replaced by ``fn(value)``.

    A function with two parameters gets ``(value, key)`` (an extension of
    Squiggle's)."""
    return Record({k: call_with_optional(ctx, fn, [v], [String(k)], "Dict.map")
                   for k, v in d.items()})


@builtin("Dict.mapKeys", examples=[('Dict.mapKeys({a: 1, b: 2}, {|k| k + "-1"})',
                                    '{"a-1": 1, "b-1": 2}')])
def map_keys(ctx: Context, d: Rec, fn: Fn) -> Rec:
    """The record with each key replaced by the string ``fn(key)``.

    Keys that map to the same string keep the last value."""
    out = {}
    for k, v in d.items():
        new = ctx.call(fn, [String(k)])
        if not isinstance(new, String):
            raise TypeError_(f"Dict.mapKeys: the function must return a string, got "
                             f"{describe_value(new)}")
        out[new.value] = v
    return Record(out)


@builtin("Dict.pick", examples=[('Dict.pick({a: 1, b: 2, c: 3}, ["c", "a", "z"])',
                                 "{c: 3, a: 1}")])
def pick(d: Rec, keys: ListOf(Str)) -> Rec:
    """Only the given keys, in the order given (keys the record lacks are skipped)."""
    return Record({k: d[k] for k in keys if k in d})


@builtin("Dict.omit", examples=[('Dict.omit({a: 1, b: 2, c: 3, d: 4}, ["b", "d"])',
                                 "{a: 1, c: 3}")])
def omit(d: Rec, keys: ListOf(Str)) -> Rec:
    """The record without the given keys (keys it lacks are ignored)."""
    drop = set(keys)
    return Record({k: v for k, v in d.items() if k not in drop})
