"""Errors of looking things up, and the hint for methods written as in other languages
(``d.mean()``: a runtime error, since ``r.f(1)`` calls a record's function)."""
import pytest

from dsl import Session
from dsl.base.errors import DslError

CASES = [
    # program, fragment of the message
    ("d = 1 to 3\nx = d.mean()",
     "only records have fields (mean is a function: write mean(d) or d -> mean)"),
    ("x = (1 to 3).mean()", "write mean(x) or x -> mean"),
    ("xs = [1, 2]\nn = xs.length()", "write List.length(xs) or xs -> List.length"),
    ("d = normal(1, 2)\ns = d.stdev", "write stdev(d) or d -> stdev"),
]


@pytest.mark.parametrize("program, fragment", CASES, ids=[c[0] for c in CASES])
def test_method_habit_hints(program, fragment):
    with pytest.raises(DslError) as caught:
        Session(samples=100).run(program)
    assert fragment in caught.value.message
    assert caught.value.kind == "TypeError"


@pytest.mark.parametrize("program", ["y = 3\nz = y.foo", 's = "ab"\nn = s.length()'])
def test_no_hint_without_a_function_to_name(program):
    with pytest.raises(DslError) as caught:
        Session(samples=100).run(program)
    assert caught.value.message.endswith("only records have fields")


def test_a_records_function_is_still_called():
    assert float(Session(samples=100).evaluate("r = {mean: {|x| x + 1}}\nr.mean(1)")) == 2


# A name or namespace of Squiggle's library that sqdsl lacks says so, with the reason
# from dsl/engine/squiggle_support.py (never "there is no namespace"). Every namespace of
# Squiggle 0.10 resolves now, so these tests make up one it would have (Widget) and a
# member missing from a namespace sqdsl has (RelativeValues.heatmap).

@pytest.fixture
def missing_names(monkeypatch):
    from dsl.engine import squiggle_support as support
    monkeypatch.setattr(support, "_NAMESPACES", support._NAMESPACES | {"Widget"})
    monkeypatch.setattr(support, "_NAME_SET", support._NAME_SET | {
        "Widget.draw", "RelativeValues.heatmap"})
    monkeypatch.setitem(support.NAMESPACE_REASONS, "Widget",
                        "a picture (Squiggle's playground draws it)")
    monkeypatch.setitem(support.NAME_REASONS, "RelativeValues.heatmap", "a picture too")
    return support


MISSING = [
    # program, message
    ("x = Widget.draw(normal(0, 1))",
     "Widget is a Squiggle namespace sqdsl does not support yet: a picture "
     "(Squiggle's playground draws it)"),
    ("x = Widget.notAWidget", "Widget is a Squiggle namespace sqdsl does not support yet"),
    ("x = RelativeValues.heatmap",
     "RelativeValues.heatmap is a Squiggle function sqdsl does not support yet: a picture"),
]


@pytest.mark.parametrize("program, message", MISSING, ids=[c[0] for c in MISSING])
def test_a_squiggle_name_sqdsl_lacks_says_so(missing_names, program, message):
    with pytest.raises(DslError) as caught:
        Session(samples=100).run("a = 1\n" + program)
    error = caught.value
    assert error.message.startswith(message)
    assert "there is no namespace" not in error.message
    assert (error.kind, error.line, error.column) == ("NameError", 2, 5)


def test_the_reason_comes_from_the_table(missing_names, monkeypatch):
    """A member of a namespace sqdsl has (RelativeValues), one of a namespace it lacks
    (Widget) and a global (Table) all read the same table."""
    from dsl.engine.lookup_errors import undefined_name
    support = missing_names
    monkeypatch.setitem(support.NAME_REASONS, "RelativeValues.heatmap", "reason one")
    monkeypatch.setitem(support.NAME_REASONS, "Widget.draw", "reason two")
    monkeypatch.setitem(support.NAMESPACE_REASONS, "Table", "reason three")
    for program, text in [
            ("x = RelativeValues.heatmap",
             "RelativeValues.heatmap is a Squiggle function sqdsl does not support yet: "
             "reason one"),
            ("x = Widget.draw",
             "Widget.draw is a Squiggle function sqdsl does not support yet: reason two")]:
        with pytest.raises(DslError) as caught:
            Session(samples=100).run(program)
        assert caught.value.message == text
    assert undefined_name("Table", set()).message == (
        "Table is a Squiggle function sqdsl does not support yet: reason three")


@pytest.mark.parametrize("program, message", [
    ("x = Foo.bar", "there is no namespace Foo"),
    ("x = Math.pie", "Math.pie is not defined; did you mean Math.pi?"),
    ("x = nromal(0, 1)", "nromal is not defined; did you mean normal?"),
])
def test_names_squiggle_lacks_too_are_not_defined(program, message):
    with pytest.raises(DslError) as caught:
        Session(samples=100).run(program)
    assert caught.value.message.startswith(message)


def test_the_check_before_running_reports_it(missing_names):
    """Names are resolved before anything runs: the throw on line 2 never happens."""
    with pytest.raises(DslError) as caught:
        Session(samples=100).run('x = 1 to 2\ny = throw("ran")\nz = Widget.draw(x)')
    assert caught.value.message.startswith("Widget is a Squiggle namespace")
    assert caught.value.line == 3


@pytest.mark.parametrize("topic, message", [
    ("Widget", "Widget is a Squiggle namespace sqdsl does not support yet: a picture"),
    ("Widget.draw", "Widget is a Squiggle namespace sqdsl does not support yet: a picture"),
    ("RelativeValues.heatmap",
     "RelativeValues.heatmap is a Squiggle function sqdsl does not support yet: a picture"),
    ("Foo", "no builtin or namespace named Foo"),
])
def test_sq_docs_says_why_a_squiggle_name_is_missing(missing_names, topic, message):
    import stdlib  # noqa: F401  (declares the builtins)
    from dsl.render.doc_text import topic_text
    from dsl.engine.registry import DEFAULT
    with pytest.raises(DslError) as caught:
        topic_text(DEFAULT, topic)
    assert caught.value.message.startswith(message)


def test_a_year_suffix_points_to_years():
    # Squiggle 0.10 lexes `1year` as a unit it does not define either
    with pytest.raises(DslError) as caught:
        Session(samples=100).run("y = 1year")
    assert "write 1years or Duration.fromYears(1)" in caught.value.message
    assert (caught.value.line, caught.value.column) == (1, 5)
    assert float(Session(samples=100).evaluate("Duration.toYears(2years)")) == 2
