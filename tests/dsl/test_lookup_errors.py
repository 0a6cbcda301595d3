"""Errors of looking things up, and the hint for methods written as in other languages
(``d.mean()``: a runtime error, since ``r.f(1)`` calls a record's function)."""
import pytest

from dsl import Session
from dsl.errors import DslError

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
