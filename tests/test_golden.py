"""Golden tests: whole programs through the command line.

tests/golden/NAME.sq are deterministic programs (no distributions) and NAME.json the
exact ``sq run --json`` output; tests/golden/errors/NAME.sq must fail, and NAME.json is
the ``{"error": {kind, message, line, column}}`` object. After a deliberate change,
rewrite the expected files with

    SQDSL_REGEN=1 python -m pytest -q tests/test_golden.py

and review the diff. Also checked here: exit codes (0, 1 model error, 2 usage error) and
that text-mode errors print FILE:LINE:COL with a caret excerpt, never a traceback.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dsl.front.cli import main

GOLDEN = Path(__file__).with_name("golden")
PROGRAMS = sorted(GOLDEN.glob("*.sq"))
ERRORS = sorted((GOLDEN / "errors").glob("*.sq"))
REGEN = os.environ.get("SQDSL_REGEN") == "1"
SAMPLES = "1000"


def _run_json(path: Path, capsys) -> tuple[int, dict]:
    # run from the program's folder, so file names in messages do not depend on the cwd
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        status = main(["run", path.name, "--json", "--samples", SAMPLES])
    finally:
        os.chdir(cwd)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, json.loads(captured.out)


def _check_golden(path: Path, actual: dict) -> None:
    expected_file = path.with_suffix(".json")
    if REGEN:
        expected_file.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert expected_file.exists(), f"no {expected_file.name}: run with SQDSL_REGEN=1"
    assert actual == json.loads(expected_file.read_text())


def test_the_golden_set_is_not_empty() -> None:
    assert len(PROGRAMS) >= 5 and len(ERRORS) >= 10
    # every expected file belongs to a program, so a renamed program leaves nothing stale
    for folder in (GOLDEN, GOLDEN / "errors"):
        for expected in folder.glob("*.json"):
            assert expected.with_suffix(".sq").exists(), expected


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program_output(path: Path, capsys) -> None:
    status, actual = _run_json(path, capsys)
    assert status == 0, actual
    _check_golden(path, actual)


@pytest.mark.parametrize("path", ERRORS, ids=[p.stem for p in ERRORS])
def test_error_output(path: Path, capsys) -> None:
    status, actual = _run_json(path, capsys)
    assert status == 1
    assert set(actual) == {"error"}
    error = actual["error"]
    assert error["kind"] not in ("Error", "InternalError"), error
    assert isinstance(error["line"], int) and isinstance(error["column"], int), error
    _check_golden(path, actual)


@pytest.mark.parametrize("path", ERRORS, ids=[p.stem for p in ERRORS])
def test_error_text(path: Path, capsys) -> None:
    expected = json.loads(path.with_suffix(".json").read_text())["error"]
    status = main(["run", str(path), "--samples", SAMPLES])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    err = captured.err
    assert "Traceback" not in err
    assert err.startswith("error: " + expected["message"])
    # FILE:LINE:COL; FILE is the imported file when the error is inside one
    where = next(line for line in err.splitlines() if line.startswith(" --> "))
    assert where.endswith(f".sq:{expected['line']}:{expected['column']}"), where
    if not path.stem.startswith("import_cycle"):
        assert where == f" --> {path}:{expected['line']}:{expected['column']}"
    lines = err.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{expected['line']} | "))
    caret = lines[at + 1]
    assert caret.index("^") - caret.index("|") - 2 == expected["column"] - 1


# ---- the real command in a subprocess: exit codes and stderr ----

def _sq(*args: str, cwd: Path = GOLDEN) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dsl", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_exit_0_on_success() -> None:
    done = _sq("run", "arithmetic.sq", "--samples", SAMPLES)
    assert done.returncode == 0, done.stderr
    assert "right_assoc" in done.stdout and "512" in done.stdout
    assert done.stderr == "" or "Traceback" not in done.stderr


def test_exit_1_on_a_model_error_with_caret_excerpt() -> None:
    done = _sq("run", "errors/limit_runaway_recursion.sq")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "errors/limit_runaway_recursion.sq:1:11" in done.stderr
    assert "1 | down(n) = down(n + 1)" in done.stderr
    assert "  |           ^^^^^^^^^^^" in done.stderr
    # 400 recursive frames are summarised, not printed one by one
    assert len(done.stderr.splitlines()) < 20


def test_exit_1_with_json_error_on_stdout() -> None:
    done = _sq("eval", "1 +", "--json")
    assert done.returncode == 1
    error = json.loads(done.stdout)["error"]
    assert (error["kind"], error["line"], error["column"]) == ("SyntaxError", 1, 3)
    assert "Traceback" not in done.stderr


def test_exit_1_for_a_missing_file() -> None:
    done = _sq("run", "no_such_model.sq")
    assert done.returncode == 1
    assert "no_such_model.sq" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [
    ["run"],                                      # missing FILE
    ["run", "arithmetic.sq", "--samples", "0"],   # not a positive count
    ["run", "arithmetic.sq", "--samples", "many"],
    ["eval", "1", "--seed", "x"],
    ["frobnicate"],                               # no such command
    ["run", "arithmetic.sq", "--no-such-option"],
])
def test_exit_2_on_usage_errors(args: list[str]) -> None:
    done = _sq(*args)
    assert done.returncode == 2, done
    assert "usage:" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_check_parses_and_resolves_without_running() -> None:
    assert _sq("check", "arithmetic.sq").returncode == 0
    # a run-time error is not found by check, a name or syntax error is
    assert json.loads(_sq("check", "errors/index_out_of_range.sq", "--json").stdout) == {"ok": True}
    done = _sq("check", "errors/name_typo_in_function.sq")
    assert done.returncode == 1
    assert "errors/name_typo_in_function.sq:4:7" in done.stderr and "^^^^^" in done.stderr
    done = _sq("check", "errors/syntax_trailing_operator.sq", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["error"]["kind"] == "SyntaxError"
