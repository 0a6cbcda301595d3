"""The REPL's tolerant tokenizer: every character in one token, never an exception."""
import pytest

from dsl.front.repl.tokens import tokenize

CASES = [
    # text, [(kind, text), ...] without the spaces
    ("x = 1 to 3", [("name", "x"), ("punct", "="), ("number", "1"), ("keyword", "to"),
                    ("number", "3")]),
    ('s = "a /* b"', [("name", "s"), ("punct", "="), ("string", '"a /* b"')]),
    ("Dist.normal(5k, 2%)", [("namespace", "Dist"), ("punct", "."), ("name", "normal"),
                             ("punct", "("), ("number", "5k"), ("punct", ","),
                             ("number", "2%"), ("punct", ")")]),
    ("a // note", [("name", "a"), ("comment", "// note")]),
    ("4/*2*/3", [("number", "4"), ("comment", "/*2*/"), ("number", "3")]),
    # unterminated string: to the end of its line
    ('x = "abc\ny', [("name", "x"), ("punct", "="), ("string", '"abc'), ("name", "y")]),
    # unterminated block comment: to the end of the text
    ("a /* open\nstill", [("name", "a"), ("comment", "/* open\nstill")]),
    # characters the language does not know
    ("1 ~ 2", [("number", "1"), ("error", "~"), ("number", "2")]),
    ("[1,\n 2]", [("punct", "["), ("number", "1"), ("punct", ","), ("number", "2"),
                  ("punct", "]")]),
    ("", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_kinds(text, expected):
    toks = tokenize(text)
    assert [(t.kind, t.text) for t in toks if t.kind not in ("space", "newline")] == expected


@pytest.mark.parametrize("text", [c[0] for c in CASES] + [
    "f(x) = {|a, b| a + b}\n@doc(\"d\") y = 2", "'unterminated", "x = 1;\n+ 2", "\t\n  ",
    "é ü 💥", "/*", '"', "1e", "a->b", "if x then", "x = (1 +\n",
])
def test_tokens_cover_the_text(text):
    toks = tokenize(text)
    assert "".join(t.text for t in toks) == text
    assert all(t.start == (toks[i - 1].end if i else 0) for i, t in enumerate(toks))
