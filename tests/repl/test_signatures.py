"""The call at the cursor, and its signature for the bottom toolbar."""
import pytest

from dsl.front.repl.signatures import CallSite, call_at, signature_fragments


@pytest.mark.parametrize("text, site", [
    ("normal(", CallSite("normal", 0)),
    ("x = normal(1, ", CallSite("normal", 1)),
    ("Dist.normal(1, [2, 3", CallSite("Dist.normal", 1)),    # inside a list argument
    ("mean(normal(1, 2), ", CallSite("mean", 1)),           # the inner call is closed
    ("mean(normal(1", CallSite("normal", 0)),
    ("x -> quantile(", CallSite("quantile", 1)),            # the piped value is first
    ("f(g(1), {a: (2", CallSite("f", 1)),                   # ( for grouping is no call
    ('f("a, b", ', CallSite("f", 1)),                       # commas in strings
    ("Dist.to(1, ", CallSite("Dist.to", 1)),                # `to` is a keyword elsewhere
    ("x = (1 + 2", None),
    ("normal(1, 2)", None),
    ("", None),
    ("r.f(1, ", None),                                      # a record's field
])
def test_call_at(text, site):
    assert call_at(text) == site


def text_of(fragments):
    return "".join(text for _, text in fragments)


def current(fragments):
    return [text for style, text in fragments if style.endswith(".current")]


def test_builtin_signature_marks_the_argument(engine):
    fragments = signature_fragments(engine.session, CallSite("normal", 1))
    assert text_of(fragments).startswith(" normal(mean: ")
    assert current(fragments)[0].startswith("stdev")


def test_only_overloads_that_fit_are_shown(engine):
    # normal(mean, stdev) fits a second argument, normal({p5, p95}) does not
    fragments = signature_fragments(engine.session, CallSite("normal", 1))
    assert "interval" not in text_of(fragments)


def test_user_function(engine):
    engine.run_source("f(a, b: [0, 10]) = a + b")
    fragments = signature_fragments(engine.session, CallSite("f", 1))
    assert text_of(fragments) == " f(a, b: [0, 10])"
    assert current(fragments) == ["b: [0, 10]"]


def test_unknown_callee_gives_nothing(engine):
    assert signature_fragments(engine.session, CallSite("nope", 0)) == []
    engine.run_source("n = 3")
    assert signature_fragments(engine.session, CallSite("n", 0)) == []
