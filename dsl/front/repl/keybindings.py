"""Keys: Enter runs a finished entry and starts a new line in an unfinished one; on
an entry with a syntax error it shows the error under the entry, and a second Enter
on the unchanged entry runs it anyway (so the error prints with its caret);
Meta+Enter (Esc Enter) always starts a new line; a new line keeps the indentation
(one step more after an opening bracket) and a closing bracket typed first on a line
steps back. Prompt_toolkit's defaults give the rest: Tab completion, Ctrl-R history
search, Ctrl-C to drop the entry, Ctrl-D to quit."""
from __future__ import annotations

from prompt_toolkit.buffer import Buffer, ValidationState
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.filters import has_focus
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from .validator import needs_more_input

__all__ = ["repl_key_bindings", "new_line"]

_OPENERS = ("(", "[", "{", "|")
_CLOSERS = (")", "]", "}")
_INDENT = "  "


def repl_key_bindings() -> KeyBindings:
    """The REPL's own key bindings (they take priority over prompt_toolkit's)."""
    kb = KeyBindings()
    editing = has_focus(DEFAULT_BUFFER)

    @kb.add("enter", filter=editing)
    def _enter(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        state = buffer.complete_state
        if state is not None and state.current_completion is not None:
            buffer.complete_state = None   # Enter picks the highlighted completion
            return
        if needs_more_input(buffer.text):
            new_line(buffer)
            return
        if buffer.validation_state == ValidationState.INVALID:
            # the validator refused this very text on the last Enter (any edit resets
            # the state): submit it, and the engine prints the error with its caret
            buffer.validation_state = ValidationState.VALID
            buffer.validation_error = None
        buffer.validate_and_handle()

    @kb.add("escape", "enter", filter=editing)
    def _meta_enter(event: KeyPressEvent) -> None:
        new_line(event.current_buffer)

    for closer in _CLOSERS:
        @kb.add(closer, filter=editing)
        def _close(event: KeyPressEvent) -> None:
            dedent(event.current_buffer)
            event.current_buffer.insert_text(event.data)

    return kb


def dedent(buffer: Buffer) -> None:
    """A closing bracket typed first on an indented line moves back one step."""
    line = buffer.document.current_line_before_cursor
    if line and not line.strip() and line.endswith(_INDENT):
        buffer.delete_before_cursor(len(_INDENT))


def new_line(buffer: Buffer) -> None:
    """A newline keeping the current line's indentation, one step deeper after an
    opening bracket."""
    line = buffer.document.current_line_before_cursor
    indent = line[:len(line) - len(line.lstrip())]
    if line.rstrip().endswith(_OPENERS):
        indent += _INDENT
    buffer.insert_text("\n" + indent)
