"""``sq docs [NAME]``: the builtin reference for a terminal (``dsl.render.doc_text``)."""
from __future__ import annotations

import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl.front.cli import main
from dsl.render.doc_text import GLOBAL, entry_text
from dsl.engine.registry import DEFAULT
from dsl.render.report import Palette


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)


def sq_docs(capsys, *args) -> tuple[int, str, str]:
    status = main(["docs", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_no_argument_lists_every_namespace_with_its_count(capsys):
    status, out, _ = sq_docs(capsys)
    assert status == 0
    lines = out.splitlines()
    for name in [GLOBAL] + DEFAULT.namespace_names():
        count = len(DEFAULT.global_names() if name == GLOBAL else DEFAULT.members(name))
        first_words = " ".join(DEFAULT.description(name).replace("`", "").split()[:3])
        assert any(line.split()[:2] == [name, str(count)] and first_words in line
                   for line in lines), name


# (argument, lines the output must contain, in order)
PAGES = [
    ("List", ["List: 30 members", "  Lists: building", "  map ", "  zip "]),
    ("Global", ["Global: ", "  normal ", "  to "]),
    ("normal", ["Dist.normal  (also: normal)",
                "  Dist.normal(mean: Number|Dist, stdev: Number|Dist) -> Number|Dist",
                "A normal (Gaussian) distribution", "Examples:",
                "  mean(normal(5, 2))  // 5"]),
    ("List.map", ["List.map  (also: map)", "  List.map(xs: List, fn: Function) -> List",
                  "The list of fn(item) for each item.",
                  "  List.map([1, 4, 5], {|x| x + 1})  // [2, 5, 6]"]),
    ("add", ["add  (also: operator +)", "a + b: addition"]),
    ("Math.pi", ["Math.pi", "  = 3.14159", "  Math.pi  // 3.141592653589793"]),
    ("min", ["Dist.min  (also: min)", "Number.min  (also: min)"]),   # both of a global
]


@pytest.mark.parametrize("name, expected", PAGES, ids=[p[0] for p in PAGES])
def test_one_namespace_or_builtin(capsys, name, expected):
    status, out, err = sq_docs(capsys, name)
    assert (status, err) == (0, "")
    lines, at = out.splitlines(), 0
    for want in expected:
        found = next((i for i in range(at, len(lines)) if lines[i].startswith(want)), None)
        assert found is not None, f"{want!r} not in order in:\n{out}"
        at = found + 1


@pytest.mark.parametrize("args", [(), ("List",), ("Dist",), ("normal",), ("List.map",),
                                  ("Takeoff.trajectory",), ("Global",)])
def test_terminal_text_is_not_markdown_and_fits_the_width(capsys, args):
    _, out, _ = sq_docs(capsys, *args)
    for line in out.splitlines():
        assert not line.startswith(("```", "#", "|")), line
        assert "``" not in line and "](" not in line, line
        assert "\x1b[" not in line, "colour although stdout is not a terminal"
    prose = [line for line in out.splitlines() if not line.startswith("  ")]
    assert all(len(line) <= 80 for line in prose)


# (argument, the error's message)
UNKNOWN = [
    ("normla", "no builtin or namespace named normla; did you mean normal?"),
    ("Lsit", "no builtin or namespace named Lsit; did you mean List?"),
    ("List.mapp", "no builtin named List.mapp; did you mean List.map?"),
    ("Lst.map", "no builtin or namespace named Lst; did you mean List?"),
    ("List.zzzzzz", "no builtin named List.zzzzzz (sq docs List lists its members)"),
    ("qqqqqq", "no builtin or namespace named qqqqqq (sq docs lists the namespaces)"),
]


@pytest.mark.parametrize("name, message", UNKNOWN, ids=[u[0] for u in UNKNOWN])
def test_an_unknown_name_is_an_error_with_a_suggestion(capsys, name, message):
    status, out, err = sq_docs(capsys, name)
    assert (status, out, err) == (1, "", f"error: {message}\n")


def test_name_and_output_together_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["docs", "List", "--output", "somewhere"])
    assert exit_.value.code == 2


def test_colour_marks_names_signatures_and_results():
    entry = DEFAULT.lookup_global("normal")
    plain = entry_text(entry)
    coloured = entry_text(entry, palette=Palette(True))
    assert "\x1b[1mDist.normal\x1b[0m" in coloured
    assert "\x1b[" not in plain
    assert coloured.replace("\x1b[0m", "").count("\x1b[") >= 3
