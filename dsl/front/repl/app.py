"""The interactive REPL: a prompt_toolkit prompt with colouring, completion, call
tips, history (and suggestions from it as you type: Right arrow takes one), matching
brackets highlighted, vi or emacs keys, and multi-line entries, around an ``Engine``."""
from __future__ import annotations

from typing import Optional

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.enums import EditingMode
from prompt_toolkit.filters import is_done
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.history import History
from prompt_toolkit.input import Input
from prompt_toolkit.layout.processors import ConditionalProcessor, \
    HighlightMatchingBracketProcessor
from prompt_toolkit.output import Output

from ...base.version import __version__
from .commands import Quit, execute
from .completer import SqCompleter
from .engine import Engine
from .history import make_history
from .keybindings import repl_key_bindings
from .lexer import SqLexer
from .signatures import call_at, signature_fragments
from .style import STYLE
from .validator import SqValidator

__all__ = ["make_prompt", "run_interactive"]

PROMPT = "sq> "
CONTINUATION = "... "


def make_prompt(engine: Engine, *, input: Optional[Input] = None,
                output: Optional[Output] = None,
                history: Optional[History] = None) -> PromptSession:
    """The prompt session, wired to ``engine`` (``input``/``output`` for tests)."""
    def is_builtin(name: str) -> bool:
        return engine.session.registry.lookup_global(name) is not None

    def toolbar() -> StyleAndTextTuples:
        buffer = get_app().current_buffer
        if buffer.validation_error is not None:   # shown above, under the entry
            return [("class:bottom-toolbar.hint",
                     " fix the entry, or press Enter again to run it and see the error")]
        document = buffer.document
        site = call_at(document.text_before_cursor)
        if site is not None:
            fragments = signature_fragments(engine.session, site)
            if fragments:
                return fragments
        return [("class:bottom-toolbar.hint",
                 f" samples {engine.samples}  seed {engine.seed}   Tab completes   "
                 "Meta+Enter new line   :help   Ctrl-D quits")]

    return PromptSession(
        message=[("class:prompt", PROMPT)],
        prompt_continuation=lambda width, line, wrap: [("class:continuation",
                                                         CONTINUATION.rjust(width))],
        multiline=True,
        lexer=SqLexer(is_builtin),
        completer=SqCompleter(engine),
        complete_while_typing=True,
        auto_suggest=AutoSuggestFromHistory(),
        input_processors=[ConditionalProcessor(
            HighlightMatchingBracketProcessor(chars="[](){}"), ~is_done)],
        validator=SqValidator(),
        validate_while_typing=False,
        key_bindings=repl_key_bindings(),
        history=history if history is not None else make_history(),
        enable_history_search=False,
        search_ignore_case=True,
        bottom_toolbar=toolbar,
        style=STYLE,
        include_default_pygments_style=False,
        input=input,
        output=output,
    )


def run_interactive(engine: Engine, *, input: Optional[Input] = None,
                    output: Optional[Output] = None,
                    history: Optional[History] = None) -> int:
    """Read, evaluate, print until Ctrl-D or ``:quit``; returns the exit status."""
    prompt = make_prompt(engine, input=input, output=output, history=history)
    engine.notice(f"sqdsl {__version__}: {engine.samples} samples, seed {engine.seed}. "
                  ":help for help, Ctrl-D to quit.")
    while True:
        try:
            text = prompt.prompt(
                editing_mode=EditingMode.VI if engine.vi_mode else EditingMode.EMACS)
        except KeyboardInterrupt:   # Ctrl-C at the prompt drops the entry
            continue
        except EOFError:            # Ctrl-D
            break
        try:
            execute(engine, text)
        except Quit:
            break
        except KeyboardInterrupt:   # Ctrl-C during a run: the session is unchanged
            engine.notice("interrupted")
    return 0
