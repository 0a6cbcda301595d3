"""The tokens of a half-typed entry, for colouring, completion and call tips.

Built on the grammar's own lexer (``dsl.syntax.parser.lark_parser().lex``), so the REPL can
never disagree with the language about what a number or a keyword is. Unlike the
parser it never fails: an unterminated string runs to the end of its line, an
unterminated ``/*`` comment to the end of the text, and any other character the
language does not know becomes an ``ERROR`` token.
"""
from __future__ import annotations

from dataclasses import dataclass

from lark.exceptions import UnexpectedCharacters

from ...syntax.parser import KEYWORDS, lark_parser

__all__ = ["Tok", "tokenize", "KIND_OF"]

# Token kinds used by the REPL; lark's names for the rest are kept as they are.
KIND_OF = {"NAME": "name", "NSNAME": "namespace", "NUMBER": "number", "STRING": "string",
           "COMMENT": "comment", "BLOCK_COMMENT": "comment"}


@dataclass(frozen=True)
class Tok:
    """A token: its ``kind`` (name, namespace, number, string, comment, keyword,
    punct, space, newline, error), its text and where it starts in the entry."""

    kind: str
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def tokenize(text: str) -> list[Tok]:
    """Every character of ``text`` in exactly one token, in order."""
    out: list[Tok] = []
    pos = 0
    while pos < len(text):
        pos = _lex_from(text, pos, out)
    return _open_comment(text, _fill_gaps(text, out))


def _lex_from(text: str, pos: int, out: list[Tok]) -> int:
    """Lex ``text[pos:]`` into ``out`` until the end or a character lark refuses;
    returns where to go on from."""
    try:
        for tok in lark_parser().lex(text[pos:], dont_ignore=True):
            out.append(_tok(tok, pos))
        return len(text)
    except UnexpectedCharacters as e:
        bad = pos + e.pos_in_stream
    rest = text[bad:]
    if rest[:1] in "\"'":
        end = text.find("\n", bad)
        end = len(text) if end < 0 else end
        out.append(Tok("string", text[bad:end], bad))   # unterminated: to the line's end
        return end
    if rest.startswith("/*"):
        out.append(Tok("comment", rest, bad))            # unterminated: to the end
        return len(text)
    out.append(Tok("error", text[bad], bad))
    return bad + 1


def _open_comment(text: str, toks: list[Tok]) -> list[Tok]:
    """A closed ``/* */`` is one token; an unclosed one comes out of the lexer as '/'
    then '*'. From there on, everything is the comment being typed."""
    for i in range(len(toks) - 1):
        first, second = toks[i], toks[i + 1]
        if first.text == "/" and second.text == "*" and second.start == first.end \
                and first.kind == second.kind == "punct":
            return toks[:i] + [Tok("comment", text[first.start:], first.start)]
    return toks


def _tok(tok, offset: int) -> Tok:
    kind = KIND_OF.get(tok.type)
    text = str(tok)
    if kind is None:
        if text in KEYWORDS:
            kind = "keyword"
        elif tok.type in ("_NL", "SEMI") and text.strip() == "":
            kind = "newline"
        elif text.strip() == "":
            kind = "space"
        else:
            kind = "punct"
    return Tok(kind, text, offset + tok.start_pos)


def _fill_gaps(text: str, toks: list[Tok]) -> list[Tok]:
    """The post-lexer drops the newlines and ``;`` that do not end a statement; put
    them back so the tokens cover the whole text."""
    out: list[Tok] = []
    pos = 0
    for tok in sorted(toks, key=lambda t: t.start):
        if tok.start > pos:
            out.append(_gap(text[pos:tok.start], pos))
        out.append(tok)
        pos = tok.end
    if pos < len(text):
        out.append(_gap(text[pos:], pos))
    return out


def _gap(text: str, start: int) -> Tok:
    return Tok("space" if text.strip() == "" else "punct", text, start)
