"""Which entries are finished, and where an unfinished one is wrong."""
import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.validation import ValidationError

from dsl.front.repl.validator import SqValidator, needs_more_input


@pytest.mark.parametrize("text", [
    "x = [1,", "x = (1 +", "f(x) = {", "y = 1 to", "z = if a", "z = if a then b",
    "x = 1 /* note", "x = {a: 1,\n b: 2",
])
def test_incomplete_entries_need_more(text):
    assert needs_more_input(text)


@pytest.mark.parametrize("text", [
    "x = 1", "x = [1,\n2]", "", "   ", ":help", ":load some file(", "x = 1 +* 2", "x = (1 ]",
    "// just a comment", "normal?",
])
def test_finished_or_hopeless_entries_do_not(text):
    assert not needs_more_input(text)


@pytest.mark.parametrize("text", ["x = 1 to 3", "f(a) = a * 2\nf(3)", "", ":samples 9",
                                  ":anything (", "normal?", "Dist.normal?"])
def test_valid_entries_pass(text):
    SqValidator().validate(Document(text))


@pytest.mark.parametrize("text, cursor, words", [
    ("x = (1 + ]", 10, "line 1, column 10: found ']' where ')' should close"),
    ("x = 1\ny = 2 3", 3, "line 2, column 7"),
    ("a < b < c", 9, "comparisons do not chain"),
    ("x = [1,", 0, "never closed"),
])
def test_error_names_its_place_and_leaves_the_cursor(text, cursor, words):
    # moving the cursor to the error spliced the next keystrokes into the broken text
    with pytest.raises(ValidationError) as caught:
        SqValidator().validate(Document(text, cursor))
    assert caught.value.cursor_position == cursor
    assert words in caught.value.message
