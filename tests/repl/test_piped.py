"""``sq`` with piped stdin: entries evaluated one by one, so sessions can be scripted."""
import os
import subprocess
import sys

import pytest


def sq(stdin, *args):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="80")
    return subprocess.run([sys.executable, "-m", "dsl", *args], input=stdin, text=True,
                          capture_output=True, env=env, timeout=120)


def test_entries_run_in_one_session():
    done = sq("x = 3\nlist = [x,\n  x * 2]\n\n// a comment\nx * 10\n", "repl", "--samples", "1000")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "x: 3\nlist: [3, 6]\n30\n"
    assert done.stderr == ""


def test_repl_subcommand_and_commands():
    done = sq("d = 1 to 10\n:samples 500\nList.length(SampleSet.toList(d))\n:quit\nd\n",
              "repl", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n500\n")
    assert "samples: 500 (1 entries re-run)" in done.stderr


def test_an_error_is_reported_at_its_line_and_the_rest_runs():
    done = sq("a = 1\nb = nope\nc = a + 1\n")
    assert done.returncode == 1
    assert done.stdout == "a: 1\nc: 2\n"
    assert "error: nope is not defined" in done.stderr
    assert "--> <stdin>:2:5" in done.stderr
    assert "Traceback" not in done.stderr


def test_input_ending_inside_an_entry():
    done = sq("a = [1,\n2\n")
    assert done.returncode == 1
    assert "'[' is never closed" in done.stderr


@pytest.mark.parametrize("stdin", ["", "\n\n", "// nothing\n"])
def test_nothing_to_do(stdin):
    done = sq(stdin)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_multi_line_results_are_spaced_as_in_sq_run():
    done = sq("a = 1\nd = 1 to 3\nb = 2\n", "repl", "--samples", "1000")
    blocks = done.stdout.split("\n\n")
    assert [block.split("\n")[0] for block in blocks] == ["a: 1", "d", "b: 2"]


def test_a_failed_command_fails_the_script(tmp_path):
    done = sq(f":load {tmp_path / 'missing.sq'}\n")
    assert done.returncode == 1
    assert done.stderr.startswith("error: cannot read ")
