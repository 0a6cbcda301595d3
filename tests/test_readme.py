"""README.md shows commands with what they print; these tests run them and compare.

Three kinds of block are checked:

- ```` ```console ```` blocks: each line ``$ sq ...`` is a command, and the lines up to
  the next ``$`` line (less trailing blank lines) are what it prints (stdout and stderr as a terminal interleaves
  them, colour off, 80 columns). Commands run as ``python -m dsl ...``.
- ```` ```pycon ```` blocks: ``>>>`` statements (with ``...`` continuation lines) run in
  one namespace per block, from the repository root; the lines after a statement are
  what it prints, as in the interactive interpreter.
- the ```` ```text ```` block after ``<!-- repl transcript -->``: its entries
  (``sq>`` and ``...`` lines) are piped into ``sq``, and every output line the
  transcript shows must appear in the piped output, in order. The transcript abbreviates
  histograms (lines in brackets, skipped) and piped mode counts error lines from the
  start of the input rather than from the entry, so locations are compared without
  line numbers. The transcript is kept by hand.

``SQDSL_REGEN=1 python -m pytest -q tests/test_readme.py`` rewrites the outputs of the
console and pycon blocks.
"""
from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
REGEN = os.environ.get("SQDSL_REGEN", "") == "1"
HOW_TO_REGENERATE = "README.md is stale: regenerate with SQDSL_REGEN=1 python -m pytest -q tests/test_readme.py"
TRANSCRIPT_MARK = "<!-- repl transcript -->"
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "LINES": "24",
       "PYTHONUNBUFFERED": "1"}  # unbuffered: stdout and stderr interleave as printed


@dataclass
class Block:
    """A fenced block: its info string and the indices of its content lines."""
    kind: str
    start: int
    end: int
    marked: bool  # preceded by the REPL transcript mark


def fenced_blocks(lines: list[str]) -> list[Block]:
    blocks, i = [], 0
    while i < len(lines):
        opening = re.fullmatch(r"```(\w*)", lines[i])
        if opening:
            end = next(j for j in range(i + 1, len(lines)) if lines[j] == "```")
            previous = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
            blocks.append(Block(opening.group(1), i + 1, end, previous == TRANSCRIPT_MARK))
            i = end
        i += 1
    return blocks


def clean(text: str) -> list[str]:
    """Output lines without trailing spaces or trailing blank lines."""
    out = [line.rstrip() for line in text.splitlines()]
    while out and not out[-1]:
        out.pop()
    return out


def split_entries(content: list[str], starts, continues) -> list[tuple[list[str], list[str]]]:
    """(input lines, output lines) pairs: an input starts with one of ``starts``,
    continues with lines starting with ``continues``; other lines are its output."""
    entries: list[tuple[list[str], list[str]]] = []
    for line in content:
        if line.startswith(starts):
            entries.append(([line], []))
        elif entries and line.startswith(continues) and not entries[-1][1]:
            entries[-1][0].append(line)
        elif entries:
            entries[-1][1].append(line)
    return entries


# ---- console blocks -----------------------------------------------------------------

def run_command(line: str) -> list[str]:
    argv = shlex.split(line[2:])
    assert argv[0] == "sq", f"README console commands must start with sq: {line}"
    proc = subprocess.run([sys.executable, "-m", "dsl", *argv[1:]], cwd=ROOT, env=ENV,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600)
    return clean(proc.stdout)


def check_console(lines: list[str]) -> list[str]:
    """Problems found (regenerating ``lines`` in place instead when REGEN)."""
    blocks = [b for b in fenced_blocks(lines) if b.kind == "console"]
    assert blocks, "README.md has no console blocks"
    entries = [(b, split_entries(lines[b.start:b.end], "$ ", "\0")) for b in blocks]
    commands = [inputs[0] for _, block_entries in entries for inputs, _ in block_entries]
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        printed = dict(zip(commands, pool.map(run_command, commands)))
    problems = []
    for block, block_entries in reversed(entries):  # from the end: indices stay valid
        fresh = []
        for inputs, shown in block_entries:
            got = printed[inputs[0]]
            fresh += ([""] if fresh else []) + inputs + got  # a blank line between commands
            if clean("\n".join(shown)) != got:
                problems.append(diff(inputs[0], shown, got))
        lines[block.start:block.end] = fresh
    return problems


# ---- pycon blocks -------------------------------------------------------------------

def run_statements(statements: list[list[str]]) -> list[list[str]]:
    namespace: dict = {"__name__": "__readme__"}
    outputs = []
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for statement in statements:
            source = "\n".join(line[4:] for line in statement) + "\n"
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(compile(source, "<README.md>", "single"), namespace)
            outputs.append(clean(buffer.getvalue()))
    finally:
        os.chdir(cwd)
    return outputs


def check_pycon(lines: list[str]) -> list[str]:
    blocks = [b for b in fenced_blocks(lines) if b.kind == "pycon"]
    assert blocks, "README.md has no pycon blocks"
    problems = []
    for block in reversed(blocks):
        entries = split_entries(lines[block.start:block.end], ">>> ", "... ")
        got = run_statements([inputs for inputs, _ in entries])
        fresh = []
        for (inputs, shown), printed in zip(entries, got):
            fresh += inputs + printed
            if clean("\n".join(shown)) != printed:
                problems.append(diff(inputs[0], shown, printed))
        lines[block.start:block.end] = fresh
    return problems


# ---- comparing and regenerating -----------------------------------------------------

def diff(command: str, shown: list[str], got: list[str]) -> str:
    body = "\n".join(difflib.unified_diff(clean("\n".join(shown)), got, "README.md", "printed",
                                         lineterm=""))
    return f"{command}\n{body}"


def check(checker) -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    problems = checker(lines)
    if REGEN:
        README.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    assert not problems, HOW_TO_REGENERATE + "\n\n" + "\n\n".join(problems)


def test_console_blocks_show_what_the_commands_print():
    check(check_console)


def test_python_blocks_show_what_the_statements_print():
    check(check_pycon)


# ---- the REPL transcript ------------------------------------------------------------

def without_positions(line: str) -> str:
    """An error excerpt line with its line number blanked: `` --> <repl>:1:24`` and
    ``1 | text`` read the same as piped mode's `` --> <stdin>:5:24`` and ``5 | text``."""
    line = re.sub(r"^ --> <[\w:]+>:\d+:", " --> <>:", line)
    return re.sub(r"^\d+ \|", "N |", line)


def test_repl_transcript_matches_piped_mode():
    lines = README.read_text(encoding="utf-8").splitlines()
    (block,) = [b for b in fenced_blocks(lines) if b.marked]
    entries = split_entries(lines[block.start:block.end], "sq> ", "... ")
    piped_input = "".join(line[4:] + "\n" for inputs, _ in entries for line in inputs)
    proc = subprocess.run([sys.executable, "-m", "dsl"], cwd=ROOT, env=ENV, input=piped_input,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600)
    printed = [without_positions(line) for line in clean(proc.stdout) if line.strip()]
    position = 0
    for _, shown in entries:
        for line in shown:
            if not line.strip() or re.fullmatch(r"\s*\(.*\)", line):
                continue  # blank, or an abbreviation such as "(histogram)"
            want = without_positions(line.rstrip())
            try:
                position = printed.index(want, position) + 1
            except ValueError:
                raise AssertionError(
                    f"the REPL transcript in README.md shows {line!r}, which piped mode "
                    f"does not print there (keep the transcript in step by hand); piped "
                    f"output:\n" + "\n".join(printed)) from None
