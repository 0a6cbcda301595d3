"""Cause 9 of issue 15: `sq run` printed control sequences from a model's strings,
`@name`/`@doc` texts and error messages raw (clear screen, window title, clipboard
write). Terminal output now shows every control character escaped; JSON escapes them
by itself."""
import io
import json

import pytest

from isolated import run_cli_isolated
from dsl.base.controls import escape_controls, terminal_text
from dsl.front.repl.engine import Engine

CLEAR, TITLE, CLIPBOARD = "\x1b[2J", "\x1b]0;pwned\x07", "\x1b]52;c;aGk=\x07"
MODEL = '''@name("T\\u001b]0;pwned\\u0007")
@doc("clears\\u001b[2J the screen\\u009b")
x = 1
y = "\\u001b]52;c;aGk=\\u0007"
r = {"k\\u001b[2J": "\\r\\u0008"}
'''


def _controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f]


def test_sq_run_shows_escapes_not_control_sequences(tmp_path):
    model = tmp_path / "esc.sq"
    model.write_text(MODEL)
    out = run_cli_isolated(["run", model], timeout=60, memory_mb=2048)
    assert out.returncode == 0, out.explain()
    assert not _controls(out.stdout), out.stdout
    assert "T\\u001b]0;pwned\\u0007 (x): 1" in out.stdout
    assert "clears\\u001b[2J the screen\\u009b" in out.stdout
    assert 'y: "\\u001b]52;c;aGk=\\u0007"' in out.stdout
    assert 'r: {"k\\u001b[2J": "\\r\\b"}' in out.stdout


def test_sq_run_json_keeps_the_exact_strings(tmp_path):
    model = tmp_path / "esc.sq"
    model.write_text(MODEL)
    out = run_cli_isolated(["run", model, "--json"], timeout=60, memory_mb=2048)
    assert out.returncode == 0, out.explain()
    assert not _controls(out.stdout)
    assert json.loads(out.stdout)["bindings"]["y"]["value"] == CLIPBOARD


@pytest.mark.parametrize("args", [["eval", '"a\\u001b[2Jb"'],
                                  ["eval", 'throw("bad\\u001b]0;t\\u0007")']])
def test_sq_eval_output_and_errors_are_escaped(args):
    out = run_cli_isolated(args, timeout=60, memory_mb=2048)
    assert not _controls(out.stdout + out.stderr), out.explain()
    assert "\\u001b" in out.stdout + out.stderr


def test_an_error_excerpt_escapes_a_raw_control_character_and_keeps_its_carets(tmp_path):
    model = tmp_path / "raw.sq"
    model.write_text('s = "\x1b[2J" + nope\n')
    out = run_cli_isolated(["run", model], timeout=60, memory_mb=2048)
    assert out.returncode == 1 and not _controls(out.stderr), out.explain()
    lines = out.stderr.splitlines()
    code = next(line for line in lines if line.startswith("1 | "))
    carets = lines[lines.index(code) + 1]
    assert code == '1 | s = "\\u001b[2J" + nope'
    assert carets.index("^") == code.index("nope") and carets.count("^") == 4


def test_the_repl_escapes_what_it_prints():
    out, err = io.StringIO(), io.StringIO()
    engine = Engine(samples=100, out=out, err=err, color=False, width=80)
    engine.run_source('y = "\\u001b[2J"\ny')
    engine.run_source('throw("\\u001b]0;t\\u0007")')
    assert out.getvalue() == '"\\u001b[2J"\n'
    assert not _controls(out.getvalue() + err.getvalue())
    assert "\\u001b]0;t\\u0007" in err.getvalue()


def test_colour_survives_only_as_the_palettes_own_sequences():
    text = "\x1b[1mname\x1b[0m: \x1b]0;t\x07 \x1b[2J"
    assert terminal_text(text, color=True) == \
        "\x1b[1mname\x1b[0m: \\u001b]0;t\\u0007 \\u001b[2J"
    assert terminal_text(text, color=False) == \
        "\\u001b[1mname\\u001b[0m: \\u001b]0;t\\u0007 \\u001b[2J"
    assert escape_controls("a\nb\tc\rd\ud800") == "a\nb\tc\\rd\\ud800"
    assert escape_controls("plain") == "plain"
