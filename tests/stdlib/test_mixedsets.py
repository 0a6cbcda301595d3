"""MixedSet.*: Squiggle 0.10's sets of points and segments (values recorded from it)."""
import pytest

import dsl

A = "{points: [1, 5], segments: [[0, 2], [4, 6]]}"
B = "{points: [5], segments: [[1, 5]]}"


def ev(source: str):
    return dsl.evaluate(source).to_python()


@pytest.mark.parametrize("source,expected", [
    (f"MixedSet.difference({A}, {B})", {"points": [1], "segments": [[0, 1], [5, 6]]}),
    (f"MixedSet.intersection({A}, {B})", {"points": [5], "segments": [[1, 2], [4, 5]]}),
    (f"MixedSet.union({A}, {B})", {"points": [1, 5], "segments": [[0, 6]]}),
    ("MixedSet.union({points: [1, 2], segments: [[0, 1]]}, {points: [5], segments: "
     "[[0.5, 3]]})", {"points": [1, 2, 5], "segments": [[0, 3]]}),
    # touching segments meet in one point: intersection drops it, union joins them
    ("MixedSet.intersection({points: [], segments: [[0, 1]]}, {points: [], segments: "
     "[[1, 2]]})", {"points": [], "segments": []}),
    ("MixedSet.union({points: [], segments: [[0, 1]]}, {points: [], segments: [[1, 2]]})",
     {"points": [], "segments": [[0, 2]]}),
    (f"MixedSet.isSubsetOf({B}, {A})", False),
    ("MixedSet.isSubsetOf({points: [1], segments: [[2, 3]]}, {points: [1], segments: "
     "[[0, 4]]})", True),
    (f"MixedSet.isSupersetOf({A}, {{points: [5], segments: [[0.5, 1]]}})", True),
    ("MixedSet.isEqual({points: [1, 2], segments: []}, {points: [2, 1], segments: []})", True),
    (f"MixedSet.isEqual({A}, {B})", False),
    ("MixedSet.isEmpty({points: [], segments: []})", True),
    (f"MixedSet.isEmpty({B})", False),
    (f"MixedSet.min({A})", 0),
    (f"MixedSet.max({A})", 6),
    # Squiggle's min is the first point, not the smallest
    ("MixedSet.min({points: [3, 1], segments: []})", 3),
    ("MixedSet.max({points: [], segments: [[0, 1], [2, 9]]})", 9),
])
def test_operations(source, expected):
    assert ev(source) == expected


@pytest.mark.parametrize("source,message", [
    ("MixedSet.min({points: [], segments: []})", "Set is Empty"),
    ("MixedSet.max({points: [], segments: []})", "Set is Empty"),
    ("MixedSet.union({points: [], segments: [[0, 2], [1, 3]]}, {points: [], segments: []})",
     "Invalid ranges: Ranges must be ordered and non-overlapping. Ranges: [[0,2],[1,3]]"),
    ("MixedSet.isEmpty({points: [], segments: [[2, 1]]})", "Invalid ranges"),
])
def test_errors(source, message):
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate(source)
    assert message in info.value.message


def test_wrong_shape_is_an_argument_error():
    with pytest.raises(dsl.DslError) as info:
        dsl.evaluate("MixedSet.isEmpty({points: [1]})")
    assert "MixedSet.isEmpty" in info.value.message
