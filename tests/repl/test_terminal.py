"""The REPL in a real pseudo-terminal, one test per group of traps a new user met."""
import sys

import pytest

from terminal import BACKSPACE, ENTER, ESC, TAB, Terminal


@pytest.fixture
def term(tmp_path):
    terminal = Terminal(home=tmp_path)
    yield terminal
    terminal.close()


def test_a_syntax_error_keeps_the_cursor_and_a_second_enter_runs_it(term):
    # Enter on `y = (1 ]` shows the error under the entry; the cursor stays at the
    # end, so Backspace and `)` fix the entry where the user is looking
    term.send("y = (1 ]" + ENTER)
    term.expect("line 1, column 8: found ']' where ')' should close")
    term.expect("press Enter again to run it and see the error")
    term.send(BACKSPACE + ")" + ENTER)
    term.expect("y: 1")
    # a second Enter on an unchanged broken entry runs it: the error and its caret
    term.send("z = 1 +* 2" + ENTER)
    term.expect("line 1, column 8: expected an expression after")
    term.send(ENTER)
    term.expect("error: expected an expression after '+', found '*'")
    term.expect("z = 1 +* 2")
    term.send("z = 3" + ENTER)
    term.expect("z: 3")


def test_habits_from_other_repls(term):
    term.send("exit" + ENTER)
    term.expect("to leave, type :quit or press Ctrl-D")
    term.send("help" + ENTER)
    term.expect("type :help for the commands")
    term.send("x = 6" + ENTER)
    term.expect("x: 6")
    term.send("_ * 7" + ENTER)
    term.expect("42")
    term.send("normal?" + ENTER)
    term.expect("Dist.normal  (also: normal)")
    term.send("y = nope" + ENTER)
    term.expect("--> <repl:3>:1:5")
    assert term.process.poll() is None        # `exit` did not end it; :quit does
    term.send(":quit" + ENTER)
    assert term.process.wait(timeout=20) == 0


def test_habits_from_other_languages_are_hinted(term):
    term.send("y = 2 ** 3" + ENTER)
    term.expect("'**' is not an operator here: a power is written a ^ b")
    term.send(ENTER)                       # run anyway: the same words, with the caret
    term.expect("error: '**' is not an operator here")
    term.send("d = 1 to 3" + ENTER)
    term.expect("mean ")
    term.send("d.mean()" + ENTER)
    term.expect("write mean(d) or d -> mean")


RIGHT = "\x1b[C"


def test_prompt_helpers_and_new_commands(tmp_path):
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\ntext = open(path).read()\n"
                      "open(path, 'w').write(text.replace('cost = 3', 'cost = 4'))\n")
    term = Terminal(home=tmp_path, env={"EDITOR": f"{sys.executable} {script}",
                                        "VISUAL": ""})
    try:
        term.send("costPerLife = 3 * 2" + ENTER)
        term.expect("costPerLife: 6")
        term.send("cost = 3" + ENTER)
        term.expect("cost: 3")
        # a suggestion from the history: Right arrow takes it
        term.send("costP", pause=0.5)
        term.send(RIGHT + ENTER)
        term.expect("costPerLife: 6")
        # Tab after :sensitivity completes a binding
        term.send(":sensitivity costPe", pause=0.3)
        term.send(TAB, pause=0.5)
        term.send(ENTER + ENTER)          # the first closes the completion menu
        term.expect("'costPerLife' is a Number, not a distribution")
        term.send("cost = 5" + ENTER)          # costPerLife does not use cost: not updated
        term.expect("cost: 5")
        term.send("costPerLife = cost * 2" + ENTER)
        term.expect("costPerLife: 10")
        term.send("cost = 3" + ENTER)
        term.expect("updated: costPerLife")
        term.send(":time 6 * 7" + ENTER)
        term.expect("42")
        term.expect(" s")
        # vi keys: Esc, x deletes the 5 under the cursor, a appends
        term.send(":set vi" + ENTER)
        term.expect("keys: vi")
        term.send("yy = 5", pause=0.3)
        term.send(ESC, pause=0.3)
        term.send("x", pause=0.3)
        term.send("a7" + ENTER)
        term.expect("yy: 7")
        term.send(":set emacs" + ENTER)
        term.expect("keys: emacs")
        # :edit opens $EDITOR on the program and applies the change
        term.send(":edit" + ENTER)
        term.expect("edited: 3 bindings, recomputed cost, costPerLife")
        term.send("cost" + ENTER)
        term.expect("4")
    finally:
        term.close()
