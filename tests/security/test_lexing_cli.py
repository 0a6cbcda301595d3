"""Cause 12 of issue 15: any Unicode digit was a digit (`x = 1٠` was 10), `--samples
1e400` printed a traceback, and `sq run /dev/zero` read without bound."""
import pytest

import dsl
from dsl.front.cli import _whole
from isolated import run_cli_isolated


@pytest.mark.parametrize("source, column", [
    ("x = 1\u0660", 6),           # ARABIC-INDIC DIGIT ZERO after an ASCII 1
    ("x = \u0663", 5),            # ARABIC-INDIC DIGIT THREE
    ("x = \uff11\uff10", 5),      # FULLWIDTH 1 0
    ("x = 1.\u0665", 7),          # a non-ASCII digit after the point
    ("x = 1e\u0662", 5),          # ... in the exponent: `1e` is not a number
    ("x\u0661 = 1", 2),           # ... in a name
])
def test_numbers_and_names_take_ascii_digits_only(source, column):
    with pytest.raises(dsl.DslError) as raised:
        dsl.run(source, samples=10)
    assert raised.value.kind == "SyntaxError"
    assert (raised.value.line, raised.value.column) == (1, column), raised.value.format()


def test_the_issue_reproducer_says_why():
    with pytest.raises(dsl.DslError) as raised:
        dsl.run("x = 1\u0660", samples=10)
    assert "'\u0660' is not one of the digits 0-9" in raised.value.message


def test_ascii_numbers_are_unchanged():
    assert dsl.evaluate("10 + 2.5k + 1e3 + 50%", samples=10).value == 10 + 2500 + 1000 + 0.5


@pytest.mark.parametrize("text, value", [("1000", 1000), ("1e5", 100_000), ("2.5e3", 2500),
                                         (" 7", 7), ("10e-1", 1), ("-3", -3)])
def test_whole_numbers_on_the_command_line(text, value):
    assert _whole(text) == value


@pytest.mark.parametrize("value, says", [
    ("1e400", "far too large"), ("1e99999", "not a whole number"), ("1.5", "not a whole number"),
    ("\u0661\u0660\u0660", "not a whole number"), ("1_000", "not a whole number"),
    ("nan", "not a whole number"), ("inf", "not a whole number"), ("0", "at least 1"),
])
def test_bad_sample_counts_are_usage_errors(value, says):
    out = run_cli_isolated(["eval", "1", "--samples", value], timeout=60, memory_mb=2048)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.explain()
    assert says in out.stderr


def test_a_huge_seed_is_a_usage_error():
    out = run_cli_isolated(["eval", "1", "--seed", "1e400"], timeout=60, memory_mb=2048)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.explain()


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom", "."])
def test_sq_run_refuses_what_is_not_a_regular_file(path):
    out = run_cli_isolated(["run", path], timeout=30, memory_mb=1024)
    assert not out.timed_out and out.returncode == 1, out.explain()
    assert "not a regular file" in out.stderr and out.peak_mb < 500


def test_sq_run_and_check_refuse_a_fifo_without_waiting(tmp_path):
    import os
    fifo = tmp_path / "m.sq"
    os.mkfifo(fifo)
    for command in ("run", "check"):
        out = run_cli_isolated([command, fifo], timeout=30, memory_mb=1024)
        assert not out.timed_out and out.returncode == 1, out.explain()
        assert "not a regular file" in out.stderr


def test_sq_run_caps_the_bytes_it_reads(tmp_path):
    big = tmp_path / "big.sq"
    big.write_text("// " + "x" * 20_000_000 + "\n")
    out = run_cli_isolated(["run", big], timeout=60, memory_mb=1024)
    assert out.returncode == 1 and not out.timed_out, out.explain()
    assert "too large" in out.stderr or "more than the limit" in out.stderr
    assert out.peak_mb < 400, out.explain()


def test_the_repl_load_command_refuses_a_device():
    out = run_cli_isolated(["repl"], timeout=30, memory_mb=1024, stdin=b":load /dev/zero\n")
    assert not out.timed_out and "not a regular file" in out.stderr, out.explain()
