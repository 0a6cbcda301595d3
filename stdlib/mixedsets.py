"""``MixedSet.*``: sets of numbers made of isolated points and closed segments, as
Squiggle 0.10 represents where a distribution lives (``PointSet.support``).

A MixedSet is a plain record ``{points: [x, ...], segments: [[start, end], ...]}``.
Segments must have start < end and be in increasing order without overlapping (else
Squiggle's "Invalid ranges" error); points keep their first-seen order, and duplicates
are dropped. The operations are Squiggle's (``utility/MixedSet.ts``), quirks included:
``MixedSet.min`` takes the first point, not the smallest, against the first segment's
start.
"""
from __future__ import annotations

import math

from dsl.engine.display import js_number
from dsl.base.errors import DomainError
from dsl.base.meter import CHUNK, check_time
from dsl.engine.registry import builtin
from dsl.engine.types import ParamType
from dsl.engine.values import List, Number, Record

__all__ = ["MixedSetT", "mixed_set_record"]

Segments = list[tuple[float, float]]


class _MixedSetT(ParamType):
    """A record {points: List(Number), segments: List([Number, Number])}; the
    implementation gets (points, segments) with the segments checked."""

    name = "{points: List(Number), segments: List([Number, Number])}"

    def accepts(self, value):
        if not isinstance(value, Record):
            return False
        points, segments = value.fields.get("points"), value.fields.get("segments")
        return (isinstance(points, List) and all(isinstance(p, Number)
                                                 for p in _clocked(points.items))
                and isinstance(segments, List) and all(
                    isinstance(s, List) and len(s.items) == 2
                    and all(isinstance(e, Number) for e in s.items)
                    for s in _clocked(segments.items)))

    def convert(self, value):
        points = [p.value for p in _clocked(value.fields["points"].items)]
        segments = [(s.items[0].value, s.items[1].value)
                    for s in _clocked(value.fields["segments"].items)]
        return _unique(points), _valid(segments)


MixedSetT = _MixedSetT()


def _clocked(items):
    """``items``, reading the run's clock every CHUNK of them (lists may be long)."""
    for i, item in enumerate(items):
        if i % CHUNK == CHUNK - 1:
            check_time()
        yield item


def _unique(points: list[float]) -> list[float]:
    """Distinct points in first-seen order (a JavaScript Set)."""
    return list(dict.fromkeys(points))


def _valid(segments: Segments) -> Segments:
    ordered = all(s < e for s, e in segments) and all(
        b[0] > a[1] for a, b in zip(segments, segments[1:]))
    if not ordered:
        shown = ",".join(f"[{js_number(s)},{js_number(e)}]" for s, e in segments)
        raise DomainError("Invalid ranges: Ranges must be ordered and non-overlapping. "
                          f"Ranges: [{shown}]")
    return list(segments)


def mixed_set_record(points: list[float], segments: Segments) -> Record:
    """The record form of a MixedSet."""
    return Record({"points": List(Number(p) for p in points),
                   "segments": List(List((Number(s), Number(e))) for s, e in segments)})


def _difference(a: Segments, b: Segments) -> Segments:
    out, first = [], [list(s) for s in a]
    i = j = 0
    while i < len(first) and j < len(b):
        (s1, e1), (s2, e2) = first[i], b[j]
        if s2 > e1:
            out.append((s1, e1))
            i += 1
        elif e2 < s1:
            j += 1
        else:
            if s1 < s2:
                out.append((s1, s2))
            if e1 > e2:
                first[i][0] = e2
                j += 1
            else:
                i += 1
    out.extend(tuple(s) for s in first[i:])
    return _valid(out)


def _intersection(a: Segments, b: Segments) -> Segments:
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        (s1, e1), (s2, e2) = a[i], b[j]
        start, end = max(s1, s2), min(e1, e2)
        if start < end:
            out.append((start, end))
        if e1 < e2:
            i += 1
        else:
            j += 1
    return _valid(out)


def _union(a: Segments, b: Segments) -> Segments:
    ranges = sorted(a + b, key=lambda s: s[0])
    if len(ranges) <= 1:
        return _valid(ranges)
    merged, current = [], ranges[0]
    for start, end in ranges[1:]:
        if start <= current[1]:
            current = (current[0], max(current[1], end))
        else:
            merged.append(current)
            current = (start, end)
    merged.append(current)
    return _valid(merged)


_A = "{points: [1, 5], segments: [[0, 2], [4, 6]]}"
_B = "{points: [5], segments: [[1, 5]]}"


@builtin("MixedSet.difference", examples=[
    (f"MixedSet.difference({_A}, {_B})", "{points: [1], segments: [[0, 1], [5, 6]]}")])
def difference(a: MixedSetT, b: MixedSetT) -> Record:
    """The points and stretches of ``a`` that are not in ``b``."""
    return mixed_set_record([p for p in a[0] if p not in set(b[0])],
                            _difference(a[1], b[1]))


@builtin("MixedSet.intersection", examples=[
    (f"MixedSet.intersection({_A}, {_B})", "{points: [5], segments: [[1, 2], [4, 5]]}")])
def intersection(a: MixedSetT, b: MixedSetT) -> Record:
    """What ``a`` and ``b`` have in common (segments that meet in one point drop it)."""
    return mixed_set_record([p for p in a[0] if p in set(b[0])], _intersection(a[1], b[1]))


@builtin("MixedSet.union", examples=[
    (f"MixedSet.union({_A}, {_B})", "{points: [1, 5], segments: [[0, 6]]}")])
def union(a: MixedSetT, b: MixedSetT) -> Record:
    """Everything in ``a`` or ``b``; overlapping or touching segments merge."""
    return mixed_set_record(_unique(a[0] + b[0]), _union(a[1], b[1]))


@builtin("MixedSet.isSubsetOf", examples=[
    (f"MixedSet.isSubsetOf({_B}, {_A})", "false"),
    ("MixedSet.isSubsetOf({points: [1], segments: [[2, 3]]}, "
     "{points: [1], segments: [[0, 4]]})", "true")])
def is_subset_of(a: MixedSetT, b: MixedSetT) -> bool:
    """Whether every point of ``a`` is a point of ``b`` and its segments lie within
    ``b``'s segments (points are compared with points only, as in Squiggle)."""
    return set(a[0]) <= set(b[0]) and not _difference(a[1], b[1])


@builtin("MixedSet.isSupersetOf", examples=[
    ("MixedSet.isSupersetOf({points: [1], segments: [[0, 4]]}, "
     "{points: [1], segments: [[2, 3]]})", "true")])
def is_superset_of(a: MixedSetT, b: MixedSetT) -> bool:
    """Whether ``b`` is a subset of ``a``."""
    return is_subset_of(b, a)


@builtin("MixedSet.isEqual", examples=[
    ("MixedSet.isEqual({points: [1, 2], segments: []}, {points: [2, 1], segments: []})",
     "true")])
def is_equal(a: MixedSetT, b: MixedSetT) -> bool:
    """The same points (in any order) and the same segments."""
    return set(a[0]) == set(b[0]) and a[1] == b[1]


@builtin("MixedSet.isEmpty", examples=[("MixedSet.isEmpty({points: [], segments: []})",
                                        "true")])
def is_empty(m: MixedSetT) -> bool:
    """Whether the set has no points and no segments."""
    return not m[0] and not m[1]


@builtin("MixedSet.min", examples=[(f"MixedSet.min({_A})", "0")])
def min_(m: MixedSetT) -> float:
    """The smaller of the first point and the first segment's start (an error for an
    empty set)."""
    if is_empty(m):
        raise DomainError("Set is Empty")
    return min(m[0][0] if m[0] else math.inf, m[1][0][0] if m[1] else math.inf)


@builtin("MixedSet.max", examples=[(f"MixedSet.max({_A})", "6")])
def max_(m: MixedSetT) -> float:
    """The larger of the last point and the last segment's end (an error for an empty
    set)."""
    if is_empty(m):
        raise DomainError("Set is Empty")
    return max(m[0][-1] if m[0] else -math.inf, m[1][-1][1] if m[1] else -math.inf)
