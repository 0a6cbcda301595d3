"""Parse errors: bad source -> a message in words, its position, and whether more input
could complete it (``incomplete``, which the REPL uses to keep reading lines)."""
from __future__ import annotations

import re

import pytest

from dsl.base.errors import ParseError
from dsl.syntax.parser import parse

# (source, fragment of the message, line, column, incomplete)
INCOMPLETE = [
    ("1 +", "expected an expression after '+'", 1, 3, True),
    ("x = 1 *", "expected an expression after '*'", 1, 7, True),
    ("x = 1 to", "expected an expression after 'to'", 1, 7, True),
    ("x = -", "expected an expression after '-'", 1, 5, True),
    ("x = !", "expected an expression after '!'", 1, 5, True),
    ("x = a &&", "expected an expression after '&&'", 1, 7, True),
    ("x =", "expected an expression after '='", 1, 3, True),
    ("f(x) = ", "expected an expression after '='", 1, 6, True),
    ("x = 1 ->", "expected an expression after '->'", 1, 7, True),
    ("x = a ?", "expected an expression after '?'", 1, 7, True),
    ("x = a ? b", "expected ':'", 1, 9, True),
    ("x = a ? b :", "expected an expression after ':'", 1, 11, True),
    ("x = a.", "expected a name after '.'", 1, 6, True),
    ("x = (1 + 2", "'(' is never closed", 1, 5, True),
    ("x = [1, 2", "'[' is never closed", 1, 5, True),
    ("x = {a: 1", "'{' is never closed", 1, 5, True),
    ("x = {|a| a", "'{' is never closed", 1, 5, True),
    ("f(1,", "'(' is never closed", 1, 2, True),
    ("x = a[1", "'[' is never closed", 1, 6, True),
    ("x = {", "expected '}'", 1, 5, True),
    ("x = [", "expected ']'", 1, 5, True),
    ("x = f(", "expected ')'", 1, 6, True),
    ("y = [\n  1,\n  2", "'[' is never closed", 1, 5, True),
    ("if a then b", "expected 'else'", 1, 11, True),
    ("x = if a then b", "expected 'else'", 1, 15, True),
    ("x = if a\n  then b", "expected 'else'", 2, 8, True),
    ("if a", "expected 'then'", 1, 4, True),
    ("if a then", "expected an expression after 'then'", 1, 6, True),
    ("if a then b else", "expected an expression after 'else'", 1, 13, True),
    ("/*", "comment is never closed", 1, 1, True),
    ("x = 1 /* open", "comment is never closed", 1, 7, True),
    ("x = 1 /* open\nmore text", "comment is never closed", 1, 7, True),
    ("a = 1\n/* note\n\n", "comment is never closed", 2, 1, True),
    ("import \"./a.sq\"", "expected 'as'", 1, 8, True),
    ("import \"./a.sq\" as", "expected a name after 'as'", 1, 17, True),
    ("@hide", "expected an expression", 1, 2, True),
]

WRONG = [
    ("1 + * 2", "expected an expression after '+', found '*'", 1, 5, False),
    ("x = 2 * * 3", "expected an expression after '*', found '*'", 1, 9, False),
    ("x = 1 2", "expected an operator or the end of the statement, found the number 2",
     1, 7, False),
    ("x = a b", "found the name 'b'", 1, 7, False),
    ("x = 'a' 'b'", "found the string 'b'", 1, 9, False),
    ("x = true false", "found 'false'", 1, 10, False),
    ("x = f(1 2)", "expected an operator, ',' or ')', found the number 2", 1, 9, False),
    ("r = {a: 1 b: 2}", "found the name 'b'", 1, 11, False),
    ("[1,,2]", "expected an expression or ']' after ',', found ','", 1, 4, False),
    ("f(,)", "expected an expression or ')' after '(', found ','", 1, 3, False),
    ("{a: }", "expected an expression after ':', found '}'", 1, 5, False),
    ("x = -> f", "expected an expression after '=', found '->'", 1, 5, False),
    # brackets
    ("x = 1 )", "')' closes nothing", 1, 7, False),
    (")", "')' closes nothing", 1, 1, False),
    ("]", "']' closes nothing", 1, 1, False),
    ("}", "'}' closes nothing", 1, 1, False),
    ("x = [1, 2)", "found ')' where ']' should close the '[' opened at line 1, column 5",
     1, 10, False),
    ("x = {a: 1]", "found ']' where '}' should close the '{'", 1, 10, False),
    ("x = (1 + 2]", "found ']' where ')' should close the '('", 1, 11, False),
    ("x = ([1, 2)]", "found ')' where ']' should close the '[' opened at line 1, column 6",
     1, 11, False),
    ("{|x| x)", "found ')' where '}' should close the '{'", 1, 7, False),
    ("x = (1, 2)", "expected ')', found ','", 1, 7, False),
    ("a = 1\nb = [a,\n  2\nc = 3",
     "found the name 'c' (is the '[' opened at line 2, column 5 missing its ']'?)", 4, 1, False),
    ("x = f(1,\n  2 3)", "found the number 3", 2, 5, False),
    # operators that do not chain, and the pipe's loose binding
    ("a < b < c", "comparisons do not chain", 1, 7, False),
    ("a <= b > c", "comparisons do not chain", 1, 8, False),
    ("1 to 2 to 3", "'to' does not chain", 1, 8, False),
    ("x -> mean * 2", "'*' cannot follow the function of a pipe", 1, 11, False),
    ("x -> f(1) < 2", "'<' cannot follow the function of a pipe", 1, 11, False),
    ("y = 1 to 3 -> mean + 1", "write (x -> f) + ...", 1, 20, False),
    # if / ternary
    ("x = if a then b else c else d", "expected the end of input, found 'else'", 1, 24, False),
    ("if a then b; else c", "expected 'else', found ';'", 1, 12, False),
    ("x = if a then b\ny = 2", "every 'if ... then ...' needs an 'else'", 1, 16, False),
    ("flag = { if v > t then 1 }", "expected 'else', found '}'", 1, 26, False),
    ("x = if a b else c", "expected 'then' after the condition of 'if'", 1, 10, False),
    ("x = a ? b : c : d", "found ':'", 1, 15, False),
    # '=' and binding targets
    ("x == 1\ny = = 1", "unexpected '=': to compare values use '=='", 2, 5, False),
    ("x = f(1) = 2", "unexpected '='", 1, 10, False),
    ("1 = 2", "the left of '=' must be a name or a function header", 1, 1, False),
    ("f(1) = 2", "a function parameter must be a name", 1, 3, False),
    ("Dist = 1", "'Dist' is a namespace (capitalised)", 1, 1, False),
    ("Dist.mean = 1", "cannot redefine the builtin Dist.mean", 1, 1, False),
    ("to = 1", "'to' is a keyword and cannot be used as a name", 1, 1, False),
    ("to(a) = a", "'to' is a keyword", 1, 1, False),
    ("f(to) = 1", "'to' is a keyword", 1, 3, False),
    ("if = 1", "unexpected '='", 1, 4, False),
    ("then", "found 'then'", 1, 1, False),
    ("&&", "found '&&'", 1, 1, False),
    ("f(x, x) = x", "parameter 'x' is declared twice", 1, 6, False),
    ("{|x, x| x}", "parameter 'x' is declared twice", 1, 6, False),
    ("{|x y| x}", "',', '|' or '::', found the name 'y'", 1, 5, False),
    ("{|1| 1}", "expected a name or '|' after '|', found the number 1", 1, 3, False),
    ("x = f(x: 1)", "only allowed in a function definition", 1, 7, False),
    ("f(x: [0, 1])", "only allowed in a function definition", 1, 3, False),
    # statements and blocks
    ("a = 1\n1 + 2\nb = 3", "an expression on its own can only be the last statement", 2, 1,
     False),
    ("1; 2", "can only be the last statement", 1, 1, False),
    ("{ x = 1; }", "a block must end with an expression", 1, 3, False),
    ("x = { t = 1 }", "for example the name 't'", 1, 7, False),
    ("{a = 1; 2; 3}", "only the last statement of a block can be a bare expression", 1, 9,
     False),
    ("{|x| }", "found '}'", 1, 6, False),
    ("f = {|T| T}", "'T' is capitalised, which makes it a namespace", 1, 7, False),
    ("{a, 1}", "a record's entry is key: value, or a name alone", 1, 5, False),
    # separators: ';' always ends a statement, even after an operator
    ("x = 1 +; 2", "expected an expression after '+', found ';'", 1, 8, False),
    ("x = 1; + 2", "found '+'", 1, 8, False),
    ("y = x.\nz = 1", "expected a name after '.', found the end of the line", 1, 7, False),
    # decorators, export, import
    ("@foo x = 1", "unknown decorator @foo", 1, 2, False),
    ("@hide 1", "a decorator must be followed by a binding", 1, 7, False),
    ("{export a = 1; a}", "'export' is only allowed at the top level", 1, 2, False),
    ("import lib as x", "expected a string after 'import', found the name 'lib'", 1, 8,
     False),
    ("x = 1\nimport \"./a.sq\" as a", "imports must come before every other statement", 2,
     1, False),
    # characters and literals
    # a string may span lines: the REPL waits for its end
    ("x = \"abc", "this string is never closed", 1, 5, True),
    ("x = 'abc\ndef", "this string is never closed", 1, 5, True),
    ("x = 'a\\q'", "Incorrect escape sequence: q", 1, 8, False),
    ("x = 'a\nb\\u12'", "Incorrect escape sequence: u12", 2, 3, False),
    ("x = 1 ~ 2", "unexpected character '~'", 1, 7, False),
    ("x = #1", "unexpected character '#'", 1, 5, False),
    ("x = 3x", "'3x' is not a number", 1, 5, False),
    ("x = 1k2", "'1k2' is not a number", 1, 5, False),
    ("x = 0x1F", "'0x1F' is not a number", 1, 5, False),
    ("x = 3%%", "unexpected character '%'", 1, 7, False),
    ("x :: = 2", "expected a unit after '::' (a name such as kg, or a number), found '='",
     1, 6, False),
    ("x = 1 */ 2", "expected an expression after '*', found '/'", 1, 8, False),
]

# habits from other languages: what to write here instead
HABITS = [
    ("x = 2 ** 3", "'**' is not an operator here: a power is written a ^ b (expected a "
                   "value after '*')", 1, 8, False),
    ("y = x**2", "a power is written a ^ b", 1, 7, False),
    ("y = if a = 1 then 2 else 3", "'=' defines a name; to compare in a condition use '=='",
     1, 10, False),
    ("y = if (a = 1) then 2 else 3", "use '=='", 1, 11, False),
    ("let x = 1", "there is no 'let' here: a binding is written x = ...", 1, 1, False),
    ("var total = 1", "there is no 'var' here: a binding is written total = ...", 1, 1,
     False),
    ("a = 1\nconst b = 2", "there is no 'const' here", 2, 1, False),
    ("def f(x) = x", "there is no 'def' here: a function is written f(x) = ...", 1, 1,
     False),
    ("def f(x):", "a function is written f(x) = ...", 1, 1, False),
    ("function f(x) { x }", "there is no 'function' here", 1, 1, False),
    ("g = {|x| let y = x; y}", "there is no 'let' here: a binding is written y = ...", 1,
     10, False),
    ("x = a let b", "found the name 'let'", 1, 7, False),   # not where a statement starts
]

TABLE = INCOMPLETE + WRONG + HABITS

# a lark terminal name (RPAR, __ANON_0, $END...) leaking into a message
TOKEN_NAME = re.compile(r"\b_?[A-Z]{2,}[A-Z0-9_]*\b|__ANON|\$END")


def _unquoted(message: str) -> str:
    """The message without its quoted parts (which may show the user's own text)."""
    return re.sub(r"'[^']*'", "''", message)


@pytest.mark.parametrize("source, fragment, line, column, incomplete", TABLE,
                         ids=[repr(row[0]) for row in TABLE])
def test_parse_error(source: str, fragment: str, line: int, column: int,
                     incomplete: bool) -> None:
    with pytest.raises(ParseError) as info:
        parse(source, "bad.sq")
    err = info.value
    assert fragment in err.message
    assert (err.line, err.column) == (line, column), err.message
    assert err.incomplete is incomplete, err.message
    assert err.kind == "SyntaxError"
    assert not TOKEN_NAME.search(_unquoted(err.message)), err.message
    assert err.filename == "bad.sq"


@pytest.mark.parametrize("source", [row[0] for row in TABLE], ids=[repr(row[0]) for row in TABLE])
def test_format_points_at_the_error(source: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(source, "bad.sq")
    err = info.value
    text = err.format()
    assert text.startswith("error: " + err.message)
    assert f" --> bad.sq:{err.line}:{err.column}" in text
    gutter, caret_line = text.splitlines()[2:4]
    assert gutter.startswith(f"{err.line} | ")
    # the caret sits under the reported column
    assert caret_line.index("^") - caret_line.index("|") - 2 == err.column - 1


def test_token_name_pattern_catches_lark_names() -> None:
    for leak in ("expected RPAR", "found __ANON_0", "expected $END", "or LSQB", "_NL here"):
        assert TOKEN_NAME.search(leak), leak
    for fine in ("expected ')' after 'Dist'", "found the name 'NaN'"):
        assert not TOKEN_NAME.search(_unquoted(fine)), fine


def test_complete_input_is_not_incomplete() -> None:
    # the REPL keeps reading while a parse is incomplete; a finished line must not be
    for source in ("x = 1", "f(x) = x", "{|x| x}", "if a then b else c", "x = [1,\n2]"):
        parse(source)
