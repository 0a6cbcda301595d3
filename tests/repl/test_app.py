"""The real prompt_toolkit application, driven through a pipe as if typed.

(Tab completion is not driven here: prompt_toolkit computes completions in a task
that runs after every key already in the pipe, so a Tab sent at once with the keys
after it would find nothing yet. test_completer.py covers the completions.)"""
import pytest
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from dsl.front.repl.app import run_interactive

ENTER, META_ENTER, CTRL_C, CTRL_D = "\r", "\x1b\r", "\x03", "\x04"


def typed(engine, keys, history=None):
    """Run the REPL on ``keys``; returns (status, stdout text, stderr text)."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        status = run_interactive(engine, input=pipe, output=DummyOutput(),
                                 history=history or InMemoryHistory())
    return status, engine.out.getvalue(), engine.err.getvalue()


def test_a_session(engine):
    status, out, err = typed(engine, "".join([
        "x = 1 to 10" + ENTER,
        "z = nope" + ENTER,                   # an error does not end the session
        "mean(x) > 1" + ENTER,                # x is still there
        "y = [1," + ENTER + "2]" + ENTER,     # Enter continues an unfinished entry
        "w = 3" + META_ENTER + "v = w + 1" + ENTER,   # Meta+Enter: a newline anyway
        ":help normal" + ENTER,
        CTRL_D,
    ]))
    assert status == 0
    assert out.startswith("x\n  mean 4.04")
    assert "error: nope is not defined" in err and "1 | z = nope" in err
    assert "\ntrue\n" in out
    assert "\ny: [1, 2]\n" in out
    assert "\nv: 4\n" in out
    entry = engine.session.registry.lookup_global("normal")
    assert "Dist.normal  (also: normal)" in out
    assert entry.signature_texts()[0] in out
    assert engine.names() == ["x", "y", "w", "v"]


def test_syntax_error_stays_in_the_editor_until_dropped(engine):
    # the validator refuses `(1 + ]`; Ctrl-C drops it; the session goes on
    status, out, err = typed(engine, "a = (1 + ]" + ENTER + CTRL_C + "a = 2" + ENTER
                             + CTRL_D)
    assert status == 0
    assert out == "a: 2\n"
    assert "error" not in err


def test_second_enter_runs_a_broken_entry_for_its_error(engine):
    status, out, err = typed(engine, "a = (1 + ]" + ENTER + ENTER + "a = 2" + ENTER + CTRL_D)
    assert out == "a: 2\n"
    assert "error: found ']' where ')' should close" in err
    assert "1 | a = (1 + ]" in err


def test_an_edit_after_a_refused_enter_is_validated_again(engine):
    # the cursor stays at the end: Backspace removes the ']' just typed
    status, out, err = typed(engine, "a = (1 + ]" + ENTER + "\x7f" + "2)" + ENTER
                             + "a = (1 ]" + ENTER + "\x7f" + "+ ]" + ENTER + CTRL_C + CTRL_D)
    assert out == "a: 3\n"
    assert "error" not in err


def test_quit_command_and_history(engine):
    history = InMemoryHistory()
    status, out, _ = typed(engine, "b = 5" + ENTER + ":quit" + ENTER + "c = 1" + ENTER,
                           history)
    assert status == 0
    assert out == "b: 5\n"          # nothing after :quit ran
    assert list(history.load_history_strings()) == [":quit", "b = 5"]


def test_indentation_follows_brackets(engine):
    status, out, _ = typed(engine, "g(x) = {" + ENTER + "y = x * 2" + ENTER + "y + 1"
                           + ENTER + "}" + ENTER + "g(1)" + ENTER + CTRL_D)
    assert out.endswith("3\n")
    assert engine.entries[-1].text == "g(x) = {\n  y = x * 2\n  y + 1\n}"


def test_prompt_suggests_from_history_and_matches_brackets(engine):
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor
    from dsl.front.repl.app import make_prompt
    with create_pipe_input() as pipe:
        prompt = make_prompt(engine, input=pipe, output=DummyOutput(),
                             history=InMemoryHistory())
    assert isinstance(prompt.auto_suggest, AutoSuggestFromHistory)
    processors = [getattr(p, "processor", p) for p in prompt.input_processors]
    assert any(isinstance(p, HighlightMatchingBracketProcessor) for p in processors)


def test_vi_keys_after_set_vi(engine):
    # Esc, then x deletes the 5 under the cursor, a appends 7
    status, out, _ = typed(engine, ":set vi" + ENTER + "v = 5\x1bxa7" + ENTER + CTRL_D)
    assert out == "v: 7\n"
