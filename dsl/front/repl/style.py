"""The REPL's colours, in the terminal's own ANSI palette so they suit light and dark
themes alike."""
from __future__ import annotations

from prompt_toolkit.styles import Style

__all__ = ["STYLE"]

STYLE = Style.from_dict({
    # the entry (classes from lexer.py)
    "keyword": "ansimagenta bold",
    "number": "ansiyellow",
    "string": "ansigreen",
    "comment": "ansibrightblack italic",
    "builtin": "ansicyan",
    "namespace": "ansicyan bold",
    "member": "ansicyan",
    "decorator": "ansiblue",
    "operator": "",
    "name": "",
    "error": "bg:ansired ansiwhite",
    "command": "ansiblue bold",
    # the prompt
    "prompt": "ansigreen bold",
    "continuation": "ansibrightblack",
    # the bottom toolbar (signatures.py)
    "bottom-toolbar": "noreverse bg:ansibrightblack ansiwhite",
    "bottom-toolbar.signature": "",
    "bottom-toolbar.current": "bold underline",
    "bottom-toolbar.hint": "italic",
    # the bracket matching the one at the cursor, and suggestions from the history
    "matching-bracket.cursor": "bold ansiblack bg:ansicyan",
    "matching-bracket.other": "bold ansiblack bg:ansicyan",
    "auto-suggestion": "ansibrightblack",
    # completion menu meta column
    "completion-menu.meta.completion": "bg:ansibrightblack ansiwhite",
    "completion-menu.meta.completion.current": "bg:ansiwhite ansiblack",
})
