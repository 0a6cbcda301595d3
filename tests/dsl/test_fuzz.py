"""Random programs raise only DslError, never another exception, and never hang.

Two sources of nonsense: token soup (tokens of the grammar's terminals, keywords,
operators, brackets, numbers, names, strings, comments and newlines, in any order) and
random edits (delete, duplicate, swap, insert) of characters or tokens of real
programs: the golden programs, the example models and the Squiggle conformance corpus
(tests/squiggle). Every run is small (200 samples) and under a time limit. The example counts keep the file well under a minute; set
SQDSL_FUZZ_EXAMPLES to run more (e.g. 5000) when hunting bugs.

A third source, run in child processes with a memory cap (tests/fuzz_mutations.py):
mutations of the same programs that splice in deep nesting (brackets, unary minus,
calls, ``if`` and operator chains thousands deep) and huge literals (long numbers, huge
exponents, long strings, big list literals), besides deleting, duplicating and swapping
tokens. 1,200 hypothesis cases here and 800 mutations make 2,000 cases; set
SQDSL_FUZZ_MUTATIONS to run more.
"""
from __future__ import annotations

import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsl.render.report import render_text
from dsl.base.errors import DslError, ParseError
from dsl.base.limits import Limits
from dsl.syntax.parser import lark_parser
from dsl.engine.session import Session

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"
SQUIGGLE = HERE.parent / "squiggle"
EXAMPLES_FOLDER = HERE.parents[1] / "examples"

PROGRAMS = sorted([*GOLDEN.glob("*.sq"), *(GOLDEN / "errors").glob("*.sq"),
                   *EXAMPLES_FOLDER.glob("*.sq"), *SQUIGGLE.glob("*/*.squiggle")])
TEXTS = [(p.read_text(), str(p)) for p in PROGRAMS]

LIMITS = Limits(time_limit=5.0, max_list_length=100_000, max_elements=50_000_000)
EXAMPLES = int(os.environ.get("SQDSL_FUZZ_EXAMPLES", "0")) or None
FUZZ = settings(max_examples=EXAMPLES or 300, deadline=timedelta(seconds=30),
                derandomize=EXAMPLES is None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# a lark terminal name (RPAR, __ANON_0, $END...) leaking into a message
TOKEN_NAME = re.compile(r"\b_?[A-Z]{2,}[A-Z0-9_]*\b|__ANON|\$END")


def _grammar_literals() -> list[str]:
    """Every fixed-text terminal of the grammar: keywords, operators, brackets."""
    return sorted({t.pattern.value for t in lark_parser().terminals
                   if type(t.pattern).__name__ == "PatternStr"})


TOKENS = _grammar_literals() + [
    # values of the regex terminals, including edge cases of each
    "0", "1", "2.5", ".5", "1e3", "2e-2", "4.2k", "3M", "1.5B", "2T", "12.5%", "1e400",
    "x", "y", "f", "g", "n", "_a", "mean", "normal", "uniform", "List", "Dist", "Math",
    "Math.pi", "Dist.mean", "List.map", "typeOf", "throw", "sqrt", "log", "pointMass",
    '"s"', "'t'", '"a\\"b"', "'\\n'", '"\\u00e9"', '""', '"', "'",
    # separators and comments
    "\n", "\n\n", ";", " ", "// c\n", "/* c */", "/*", "*/", "/* a\nb */",
    # pieces of larger forms
    "{|x|", "{||", "@name(\"n\")", "@hide", "@doc", "import \"./lib.sq\" as lib",
    "export", "f(x) =", "x =", "-> f", "if", "then", "else", "?", ":", "#", "$", "\\", "\t",
]

CHARS = st.sampled_from(list("()[]{}|,;:.=+-*/^<>!&?@'\"\\ \n\tkMBT%0123456789xyzA_#"))


def check(text: str, filename: str = "<fuzz>") -> None:
    """Run ``text``; anything but a well-formed DslError fails the test."""
    try:
        result = Session(samples=200, seed=0, limits=LIMITS).run(text, filename)
    except DslError as e:
        assert e.kind != "InternalError", e.format()
        assert e.message and isinstance(e.message, str)
        assert e.line is not None and e.column is not None, e.format()
        if isinstance(e, ParseError):  # no lark token names, except the user's own words
            unquoted = re.sub(r"'[^']*'", "''", e.message)
            own = set(re.findall(r"\w+", text))
            assert not [w for w in TOKEN_NAME.findall(unquoted) if w not in own], e.message
        e.format()
        json.dumps(e.to_json())
        return
    # what the CLI would print must work too
    json.dumps(result.summary(), allow_nan=False)
    render_text(result)


# ---- token soup ----

@FUZZ
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " ", " ", "\n"])),
                max_size=30))
def test_token_soup(pieces) -> None:
    check("".join(tok + sep for tok, sep in pieces))


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=12), st.sampled_from(TOKENS[:40]))
def test_token_soup_after_a_binding(pieces, first) -> None:
    # most soups die in the parser; a valid prefix gets some of them into the evaluator
    check("x = 2\nf(y) = y * x\nxs = [1, 2]\nr = {a: 1}\nz = " + first + " ".join(pieces))


# ---- edits of real programs ----

_PIECES = re.compile(r"\s+|\w+|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|//[^\n]*|.", re.S)


def _edit(draw, pieces: list[str], insertions) -> list[str]:
    """One random delete / duplicate / swap / insert on a list of pieces."""
    if not pieces:
        return [draw(insertions)]
    i = draw(st.integers(0, len(pieces) - 1))
    op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
    pieces = list(pieces)
    if op == "delete":
        del pieces[i]
    elif op == "duplicate":
        pieces.insert(i, pieces[i])
    elif op == "swap":
        j = draw(st.integers(0, len(pieces) - 1))
        pieces[i], pieces[j] = pieces[j], pieces[i]
    else:
        pieces.insert(i, draw(insertions))
    return pieces


@st.composite
def edited_program(draw, by: str):
    text, filename = draw(st.sampled_from(TEXTS))
    if by == "char":
        pieces, insertions = list(text), CHARS
    else:
        pieces, insertions = _PIECES.findall(text), st.sampled_from(TOKENS)
    for _ in range(draw(st.integers(1, 3))):
        pieces = _edit(draw, pieces, insertions)
    return "".join(pieces), filename


def test_the_corpus_is_there() -> None:
    assert len([p for p in PROGRAMS if p.suffix == ".squiggle"]) >= 30
    assert len([p for p in PROGRAMS if p.suffix == ".sq"]) >= 20


@FUZZ
@given(edited_program("char"))
def test_character_edits(program) -> None:
    check(*program)


@FUZZ
@given(edited_program("token"))
def test_token_edits(program) -> None:
    check(*program)


# ---- mutations with deep nesting and huge literals, in capped children ----

MUTATIONS = int(os.environ.get("SQDSL_FUZZ_MUTATIONS", "800"))


def test_mutations_of_real_programs_end_in_dsl_errors() -> None:
    sys.path.insert(0, str(HERE.parent / "security"))
    from isolated import run_isolated
    batches = 2  # one child per core
    code = "import runpy, sys; sys.argv = ['fuzz', '{seed}', '{count}']; " \
           "runpy.run_path('tests/fuzz_mutations.py', run_name='__main__')"
    with ThreadPoolExecutor(batches) as pool:
        outcomes = list(pool.map(
            lambda seed: run_isolated(code.format(seed=seed, count=MUTATIONS // batches),
                                      timeout=600, memory_mb=4096),
            range(batches)))
    for outcome in outcomes:
        assert outcome.returncode == 0 and not outcome.timed_out, outcome.explain()
        assert outcome.peak_mb < 1024, outcome.explain()
        lines = [json.loads(line) for line in outcome.stdout.splitlines()]
        problems = [line for line in lines if "problem" in line]
        assert not problems, json.dumps(problems[:3], indent=1)[:5000]
        assert lines[-1]["done"] == MUTATIONS // batches, outcome.explain()
