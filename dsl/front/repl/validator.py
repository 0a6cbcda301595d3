"""When an entry is finished, and what is wrong with one that cannot be.

An entry whose parse fails only because it stops early (an open bracket, a trailing
operator: ``ParseError.incomplete``) needs more lines; Enter then starts a new line.
Any other syntax error keeps the entry in the editor with the message (and where the
error is) shown under it. The cursor stays where it was: moving it to the error, as
ptpython does, splices the next keystrokes into the middle of the broken text.
A second Enter on the unchanged entry submits it anyway (keybindings.py), so the
error prints with its caret.
"""
from __future__ import annotations

from prompt_toolkit.document import Document
from prompt_toolkit.validation import ValidationError, Validator

from ...base.errors import DslError, ParseError
from ...syntax.parser import parse
from .words import help_query

__all__ = ["SqValidator", "needs_more_input", "is_command"]


def is_command(text: str) -> bool:
    """A colon command (``:help``) or a ``NAME?`` help query rather than source."""
    return text.lstrip().startswith(":") or help_query(text) is not None


def needs_more_input(text: str) -> bool:
    """True when ``text`` is the start of an entry that goes on (more lines could
    make it parse)."""
    if not text.strip() or is_command(text):
        return False
    try:
        parse(text)
    except ParseError as e:
        return e.incomplete
    except DslError:
        return False
    return False


class SqValidator(Validator):
    """Refuses an entry with a syntax error, leaving the cursor where it is."""

    def validate(self, document: Document) -> None:
        text = document.text
        if not text.strip() or is_command(text):
            return
        try:
            parse(text, "<repl>")
        except DslError as e:
            where = f"line {e.line}, column {e.column}: " if e.line is not None else ""
            raise ValidationError(cursor_position=document.cursor_position,
                                  message=f"{where}{e.message}") from None
