"""Randomness: one seed per run, one stream per call site (DESIGN.md section 4)."""
import numpy as np

import dsl

MODEL = """a = normal(0, 1)
b = 1 to 10
c = mx(a, b, [0.3, 0.7])
f(m) = normal(m, 1)
d = List.map([1, 2, 3], f)
e = a * b + uniform(0, 1)
"""


def _samples(source, seed=0, samples=2000):
    res = dsl.run(source, samples=samples, seed=seed)
    out = {}
    for name, value in res.bindings.items():
        if isinstance(value, dsl.Dist):
            out[name] = value.samples
        elif isinstance(value, dsl.List):
            for i, item in enumerate(value.items):
                out[f"{name}[{i}]"] = item.samples
    return out


def test_same_seed_same_numbers():
    first, second = _samples(MODEL), _samples(MODEL)
    assert first.keys() == second.keys()
    for name in first:
        assert np.array_equal(first[name], second[name]), name


def test_other_seed_other_numbers():
    first, other = _samples(MODEL, seed=0), _samples(MODEL, seed=1)
    for name in first:
        assert not np.array_equal(first[name], other[name]), name


def test_inserting_an_unrelated_line_changes_no_other_binding():
    edited = MODEL.replace("b = 1 to 10\n", "b = 1 to 10\nnoise = normal(5, 5)\n// a comment\n")
    before, after = _samples(MODEL), _samples(edited)
    for name in before:
        assert np.array_equal(before[name], after[name]), name


def test_editing_one_binding_leaves_the_others():
    edited = MODEL.replace("a = normal(0, 1)", "a = normal(0, 2)")
    before, after = _samples(MODEL), _samples(edited)
    assert np.array_equal(before["b"], after["b"])
    assert np.array_equal(before["d[0]"], after["d[0]"])
    assert not np.array_equal(before["a"], after["a"])


def test_repeated_calls_get_independent_streams():
    s = _samples(MODEL)
    # the three calls of f inside List.map draw from distinct streams
    corr = np.corrcoef(s["d[0]"] - 1, s["d[1]"] - 2)[0, 1]
    assert abs(corr) < 5 / np.sqrt(2000)
    twice = dsl.run("x = normal(0, 1) - normal(0, 1)", samples=2000).bindings["x"].samples
    assert np.std(twice) > 1.2  # two independent draws, not x - x
