"""Lark's parse failures -> ParseError messages in words.

Lark says "Unexpected token Token('STAR', '*'), expected one of NAME, NUMBER, ...";
users need "expected an expression after '*'". This module knows the few situations
that cover most mistakes and phrases each one, and marks input that is merely
unfinished (an open bracket, a trailing operator) as ``incomplete`` for the REPL.
Habits from other languages (``**``, ``let x = 1``, ``if a = b``) get a line saying
how to write them here (``_habit``).
"""
from __future__ import annotations

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from ..base.errors import ParseError
from ..base.source import Source, Span

__all__ = ["describe_parse_error"]

_WORDS = {"NAME": "a name", "NSNAME": "a namespace such as Dist", "NUMBER": "a number",
          "STRING": "a string", "_NL": "a new line", "SEMI": "';'", "$END": "the end of input",
          "ADD_OP": "'+' or '-'", "MUL_OP": "'*' or '/'", "POW_OP": "'^'",
          "DOT_MUL_OP": "'.*' or './'", "DOT_POW_OP": "'.^'"}
# Terminals that can begin an expression: when the parser wanted one of these, say so.
_EXPRESSION_START = {"NAME", "NUMBER", "STRING", "NSNAME", "LPAR", "LSQB", "LBRACE"}
_CLOSERS = {"(": ")", "[": "]", "{": "}"}
_OPERATORS = set("+ - * / ^ .+ .- .* ./ .^ :: == != < <= > >= && || -> to ? . ( [".split())
_BINARY_OPERATORS = set("+ - * / ^ .+ .- .* ./ .^ == != < <= > >= && || to".split())
# Squiggle's number suffixes (`3 k` is a mistake for `3k`)
_SUFFIXES = set("n m k M B G T P minutes hours days years year".split())
# the grammar's terminals of operators (+ - .+ .-, * /, .* ./, ^, .^)
_OPERATOR_TERMINALS = {"ADD_OP", "MUL_OP", "POW_OP", "DOT_MUL_OP", "DOT_POW_OP"}
# words that start a definition elsewhere: what to write instead (NAME: the next word)
_DEFINING_WORDS = {
    "let": "a binding is written NAME = ...", "var": "a binding is written NAME = ...",
    "const": "a binding is written NAME = ...", "val": "a binding is written NAME = ...",
    "def": "a function is written NAME(x) = ...",
    "function": "a function is written NAME(x) = ...",
}


def _token_words(tok: Token) -> str:
    if tok.type == "$END":
        return "the end of input"
    if tok.type in ("_NL", "SEMI"):
        return "';'" if str(tok) == ";" else "the end of the line"
    if tok.type in ("NAME", "NSNAME"):
        return f"the name '{tok}'"
    if tok.type == "NUMBER":
        return f"the number {tok}"
    if tok.type == "STRING":
        return f"the string {tok}"
    return f"'{tok}'"


def _expected_words(expected: set[str], terminals: dict[str, str], brackets=()) -> str:
    # LALR merges look-aheads, so drop closers that cannot be right here
    want = _CLOSERS[str(brackets[-1])] if brackets else None
    expected = {t for t in expected
                if terminals.get(t) not in (")", "]", "}") or terminals.get(t) == want}
    if want is None:
        expected -= {"COMMA"}
    if want != "}":  # '|' ends a lambda's parameters, inside '{' only
        expected -= {"VBAR"}
    if want in (")", "]"):
        expected -= {"_NL", "SEMI", "$END"}
    words = []
    if _EXPRESSION_START & expected and {"NAME", "NUMBER"} <= expected:
        words.append("an expression")
        expected = expected - _EXPRESSION_START - {"ADD_OP", "BANG", "IF", "TRUE", "FALSE",
                                                   "TO"}
        expected = {t for t in expected if terminals.get(t) not in ("!", "if")}
    if {"NAME", "NSNAME"} <= expected:  # a field after '.': lower- or upper-case, or `to`
        expected = expected - {"NSNAME", "TO"}
    if {"ADD_OP", "MUL_OP"} <= expected:
        words.append("an operator")
        expected = {t for t in expected if terminals.get(t) not in _OPERATORS
                    and t not in _OPERATOR_TERMINALS}
        if "_NL" in expected or "$END" in expected:
            words.append("the end of the statement")
        expected -= {"_NL", "$END", "SEMI", "THEN", "ELSE", "COLON", "EQUAL"}
    for name in sorted(expected):
        if name in _WORDS:
            words.append(_WORDS[name])
        elif name in terminals:
            words.append(f"'{terminals[name]}'")
    words = [w for w in words if w not in ("a new line", "';'")] or words
    if len(words) > 4:
        return ", ".join(words[:4]) + " or something else"
    if not words:
        return "something else"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def describe_parse_error(err: UnexpectedInput, source: Source, postlex,
                         terminals=()) -> ParseError:
    """The ParseError for lark's ``err``; ``postlex`` is the post-lexer that saw the
    tokens (it knows the open brackets and the last good token), ``terminals`` the
    parser's terminal definitions (to name what it expected)."""
    if isinstance(err, UnexpectedCharacters):
        return _bad_character(err, source)
    assert isinstance(err, UnexpectedToken), err
    tok, expected = err.token, set(err.expected)
    terminals = {t.name: t.pattern.value for t in terminals}
    # the post-lexer has already passed on the offending token itself
    last = postlex.before if postlex.last is tok else postlex.last
    after = f" after '{last}'" if last is not None and last.type not in (
        "NAME", "NSNAME", "NUMBER", "STRING") else ""

    if tok.type == "$END":
        if last is not None and last.type == "NSNAME":
            return _namespace_alone(last, source)
        if postlex.brackets:
            opener = postlex.brackets[-1]
            return ParseError(f"'{opener}' is never closed: expected '{_CLOSERS[str(opener)]}'",
                              _token_span(opener), source, incomplete=True)
        span = _token_span(last) if last is not None else Span.point(1, 1, 0)
        return ParseError(f"unexpected end of input: expected "
                          f"{_expected_words(expected, terminals, postlex.brackets)}{after}",
                          span, source, incomplete=True)

    span = _token_span(tok)
    found = _token_words(tok)
    if str(tok) == "/" and source.text.startswith("/*", tok.start_pos or 0):
        return ParseError("this comment is never closed: add '*/'", span, source,
                          incomplete=True)
    if str(tok) == "*" and last is not None and str(last) == "/" \
            and last.end_pos == tok.start_pos:
        # a closed /* */ is lexed as a comment, so '/' then '*' is an unclosed one
        return ParseError("this comment is never closed: add '*/'", _token_span(last), source,
                          incomplete=True)
    if last is not None and str(last) == "::" and last.type != "STRING":
        return ParseError(f"expected a unit after '::' (a name such as kg, or a number), "
                          f"found {found}", span, source)
    habit = _habit(tok, last, postlex, source)
    if habit is not None:
        return habit
    brackets = list(postlex.brackets)
    if str(tok) in _CLOSERS.values() and postlex.last is tok:
        # the post-lexer has already matched this closer with (popped) its opener
        if postlex.closed is None:
            opener = next(o for o, c in _CLOSERS.items() if c == str(tok))
            return ParseError(f"'{tok}' closes nothing: there is no '{opener}' open before "
                              "it", span, source)
        brackets.append(postlex.closed)
    if str(tok) in _BINARY_OPERATORS and {"DOT", "LPAR"} <= expected \
            and any(terminals.get(t) == "::" for t in expected):
        # a parameter's domain (`{|t: [0, 1]| ...}`) is a list or a call, then `::`
        return ParseError(f"a parameter's domain is written [low, high] (or a call such "
                          f"as Number.rangeDomain(low, high)); found '{tok}'", span, source)
    if last is not None and last.type == "NUMBER" and tok.type in ("NAME", "NSNAME") \
            and str(tok) in _SUFFIXES:
        return ParseError(f"a number's suffix follows its digits with no space: "
                          f"write {last}{tok}", span, source)
    if str(tok) in _BINARY_OPERATORS and {"DOT", "LPAR"} <= expected \
            and "ADD_OP" not in expected:
        # only the function after '->' is followed by '.' or '(' but not by operators
        return ParseError(f"'{tok}' cannot follow the function of a pipe: '->' binds "
                          f"looser than every operator, so write (x -> f) {tok} ...",
                          span, source)
    if str(tok) == "to" and "ADD_OP" in expected and "TO" not in expected:
        return ParseError("'to' does not chain: a range is written low to high once",
                          span, source)
    if last is not None and last.type == "NSNAME":
        return _namespace_alone(last, source)
    if tok.type == "NSNAME" and "NAME" in expected:  # {|T| ...}: a name, but capitalised
        return ParseError(f"'{tok}' is capitalised, which makes it a namespace; names of "
                          "parameters and bindings start with a lower-case letter",
                          span, source)
    if str(tok) in ("<", "<=", ">", ">=") and tok.type not in ("STRING",):
        return ParseError("comparisons do not chain: write (a < b) && (b < c)", span, source)
    open_if = postlex.ifs[-1] if postlex.ifs else None
    if open_if == "then" and "ELSE" in expected:
        return ParseError(f"expected 'else', found {found}: every 'if ... then ...' needs "
                          "an 'else' branch", span, source)
    if open_if == "if" and "THEN" in expected:
        return ParseError(f"expected 'then' after the condition of 'if', found {found}",
                          span, source)
    if str(tok) == "=" and tok.type != "STRING":
        return ParseError("unexpected '=': to compare values use '=='; to define something, "
                          "start a new line with name = ...", span, source)
    if str(tok) in (")", "]", "}") and tok.type not in ("STRING",):
        want = _CLOSERS.get(str(brackets[-1])) if brackets else None
        if want is not None and want != str(tok):
            return ParseError(f"found '{tok}' where '{want}' should close the "
                              f"'{brackets[-1]}' opened at line {brackets[-1].line}, "
                              f"column {brackets[-1].column}", span, source)
    hint = ""
    if brackets and str(brackets[-1]) in "([" and tok.line > brackets[-1].line \
            and not source.line(tok.line)[:tok.column - 1].strip():
        # inside ( ) and [ ] newlines do not end statements, so a missing closer shows
        # up only as a surprise at the start of some later line
        opener = brackets[-1]
        hint = (f" (is the '{opener}' opened at line {opener.line}, column {opener.column} "
                f"missing its '{_CLOSERS[str(opener)]}'?)")
    return ParseError(f"expected {_expected_words(expected, terminals, brackets)}{after}, "
                      f"found {found}{hint}", span, source)


def _habit(tok: Token, last, postlex, source: Source):
    """The ParseError for a habit from another language at ``tok``, else None."""
    if tok.type == "STRING" or last is None:
        return None
    if str(tok) == "*" and str(last) == "*" and last.end_pos == tok.start_pos:
        # at the second '*', with "expected", as Squiggle's own message for this mistake
        return ParseError("'**' is not an operator here: a power is written a ^ b "
                          "(expected a value after '*')", _token_span(tok), source)
    if str(tok) == "=" and postlex.ifs and postlex.ifs[-1] == "if" and str(last) != "if":
        return ParseError("'=' defines a name; to compare in a condition use '=='",
                          _token_span(tok), source)
    word = str(last)
    before = source.line(last.line)[:last.column - 1].rstrip()
    if last.type == "NAME" and word in _DEFINING_WORDS and tok.type == "NAME" \
            and (not before or before[-1] in "{;|"):   # where a statement starts
        return ParseError(f"there is no '{word}' here: "
                          + _DEFINING_WORDS[word].replace("NAME", str(tok)),
                          _token_span(last), source)
    return None


def _namespace_alone(name: Token, source: Source) -> ParseError:
    return ParseError(f"'{name}' is a namespace (capitalised): write {name}.member, or "
                      "start a binding's name with a lower-case letter",
                      _token_span(name), source)


def _bad_character(err: UnexpectedCharacters, source: Source) -> ParseError:
    span = Span.point(err.line, err.column, err.pos_in_stream)
    rest = source.text[err.pos_in_stream:]
    ch = rest[:1]
    if ch in "\"'":
        return ParseError("this string is never closed: add the closing " + ch, span,
                          source, incomplete=True)
    if rest.startswith("/*"):
        return ParseError("this comment is never closed: add '*/'", span, source,
                          incomplete=True)
    if ch.isdigit() and not ch.isascii():
        return ParseError(f"'{ch}' is not one of the digits 0-9: numbers are written "
                          "with ASCII digits only", span, source)
    if ch.isdigit() or ch == ".":
        word = rest.split()[0] if rest.split() else ch
        return ParseError(f"'{word}' is not a number: a number may end with one of the "
                          "suffixes k M B T % written right after its digits", span, source)
    if ch.isalpha() and ch.isupper():
        word = "".join(c for c in rest.split()[0] if c.isalnum() or c == "_")
        return ParseError(f"capitalised names like '{word}' are namespaces; write "
                          f"{word}.member, or start a binding's name with a lower-case "
                          "letter", span, source)
    shown = repr(ch)[1:-1]
    return ParseError(f"unexpected character '{shown}'", span, source)


def _token_span(tok: Token) -> Span:
    return Span(tok.line, tok.column, tok.end_line or tok.line,
                tok.end_column or tok.column + 1, tok.start_pos or 0,
                tok.end_pos or (tok.start_pos or 0) + 1)
