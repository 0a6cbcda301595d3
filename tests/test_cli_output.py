"""Golden tests of the text that ``sq run`` and ``sq eval`` print (no colour, 80 columns).

Each tests/cli_output/NAME.sq runs as ``sq run NAME.sq --samples 20000 --seed 1`` unless
its first line says otherwise (``// sq: eval "1 to 3"``); its output must equal
NAME.txt. After a deliberate change of the output, regenerate with
``SQDSL_REGEN=1 python -m pytest tests/test_cli_output.py`` and review the diff.
"""
import os
import shlex
from pathlib import Path

import pytest

from dsl.front.cli import main

HERE = Path(__file__).with_name("cli_output")
PROGRAMS = sorted(HERE.glob("*.sq"))
DEFAULT = ["--samples", "20000", "--seed", "1"]


def command(path: Path) -> list[str]:
    first = path.read_text().split("\n", 1)[0]
    if first.startswith("// sq:"):
        args = shlex.split(first[len("// sq:"):].replace("\\n", "\n"))
        if args[0] == "run":
            args.insert(1, str(path))
        return args + DEFAULT
    return ["run", str(path)] + DEFAULT


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_text_output(path, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    assert main(command(path)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    expected = path.with_suffix(".txt")
    if os.environ.get("SQDSL_REGEN") == "1":
        expected.write_text(out)
    assert out == expected.read_text()


def test_there_are_golden_files():
    assert len(PROGRAMS) >= 4
