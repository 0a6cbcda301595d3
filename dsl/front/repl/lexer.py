"""Syntax colouring of the entry being typed, from the grammar's own tokens."""
from __future__ import annotations

from typing import Callable, Optional

from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import Lexer

from .tokens import Tok, tokenize

__all__ = ["SqLexer", "style_classes"]


class SqLexer(Lexer):
    """Colours keywords, numbers, strings, comments, builtins, namespaces and their
    members, decorators and characters the language does not know. ``is_builtin``
    tells builtin names from the user's own."""

    def __init__(self, is_builtin: Optional[Callable[[str], bool]] = None) -> None:
        self.is_builtin = is_builtin or (lambda name: False)

    def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
        lines: list[StyleAndTextTuples] = [[]]
        for style, text in self._fragments(document.text):
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append((style, part))

        def get_line(number: int) -> StyleAndTextTuples:
            return lines[number] if 0 <= number < len(lines) else []

        return get_line

    def _fragments(self, text: str) -> list[tuple[str, str]]:
        if text.lstrip().startswith(":"):   # a colon command: its name, then plain text
            command, space, rest = text.partition(" ")
            return [("class:command", command), ("", space + rest)]
        return style_classes(tokenize(text), self.is_builtin)


def style_classes(toks: list[Tok], is_builtin: Callable[[str], bool]
                  ) -> list[tuple[str, str]]:
    """(prompt_toolkit style class, text) for each token."""
    out = []
    previous: Optional[Tok] = None
    for tok in toks:
        out.append((_style(tok, previous, is_builtin), tok.text))
        if tok.kind not in ("space", "newline"):
            previous = tok
    return out


def _style(tok: Tok, previous: Optional[Tok], is_builtin: Callable[[str], bool]) -> str:
    after = previous.text if previous is not None else ""
    if tok.kind in ("name", "keyword") and after == ".":
        return "class:member"          # Dist.normal, and Dist.to (a keyword elsewhere)
    if tok.kind == "name":
        if after == "@":
            return "class:decorator"
        return "class:builtin" if is_builtin(tok.text) else "class:name"
    if tok.kind == "punct":
        return "class:decorator" if tok.text == "@" else "class:operator"
    if tok.kind in ("space", "newline"):
        return ""
    return f"class:{tok.kind}"
