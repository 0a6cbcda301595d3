"""Mutation fuzzing of real programs, run in a child process by tests/dsl/test_fuzz.py.

Each case takes a program of the corpus (the golden programs, the example models and
tests/squiggle) and applies one or two mutations: delete, duplicate or swap tokens,
splice deep nesting around an expression (brackets, unary minus, calls, ``if`` chains,
operator chains) or put in a huge literal (long numbers, huge exponents, long strings,
big list literals). Whatever the program does, only a well-formed DslError may escape,
and no case may run far past its time limit.

``python tests/fuzz_mutations.py SEED COUNT`` prints one JSON line per problem found and a
last line ``{"done": N, "slowest": seconds, "slowest_case": ...}``.
"""
from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dsl.render.report import render_text  # noqa: E402
from dsl.base.errors import DslError  # noqa: E402
from dsl.base.limits import Limits  # noqa: E402
from dsl.engine.session import Session  # noqa: E402

TIME_LIMIT = 1.0
LIMITS = Limits(time_limit=TIME_LIMIT, max_list_length=100_000, max_depth=200)
# a case may overrun its limit by parse time and one builtin step; more is a hang
HANG = 10 * TIME_LIMIT + 5

_TOKENS = re.compile(r"\s+|\w+(?:\.\w+)?|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|//[^\n]*"
                     r"|==|!=|<=|>=|&&|\|\||->|.", re.S)


def corpus() -> list[tuple[str, str]]:
    tests = ROOT / "tests"
    paths = sorted([*(tests / "golden").glob("*.sq"), *(tests / "golden" / "errors").glob("*.sq"),
                    *(ROOT / "examples").glob("*.sq"), *(tests / "squiggle").glob("*/*.squiggle")])
    return [(p.read_text(encoding="utf-8"), p.name) for p in paths]


def _expression_starts(tokens: list[str]) -> list[int]:
    """Indexes of tokens that start an expression (a number, a name, a bracket)."""
    return [i for i, t in enumerate(tokens) if t[:1].isalnum() or t in ("(", "[", "{")]


def _deep(rng: random.Random, tokens: list[str]) -> list[str]:
    """Wrap the expression starting at a random token in N levels of something."""
    starts = _expression_starts(tokens) or [0]
    i = rng.choice(starts)
    n = rng.choice([5, 50, 300, 999, 1001, 3000, 6000])
    kind = rng.choice(["paren", "list", "neg", "call", "not", "record", "block", "if", "sum",
                       "power", "pipe", "index"])
    tok = tokens[i] if i < len(tokens) else "1"
    if kind == "paren":
        new = "(" * n + tok + ")" * n
    elif kind == "list":
        new = "[" * n + tok + "]" * n
    elif kind == "neg":
        new = "-" * n + tok if rng.random() < 0.5 else "-(" * n + tok + ")" * n
    elif kind == "call":
        fn = rng.choice(["abs(", "List.length(", "f(", "mean(", "{|x| x}("])
        new = fn * n + tok + ")" * n
    elif kind == "not":
        new = "!" * n + tok
    elif kind == "record":
        new = "{a: " * n + tok + "}" * n
    elif kind == "block":
        new = "{" * n + tok + "}" * n
    elif kind == "if":
        new = "if true then " * n + tok + " else 0" * n
    elif kind == "sum":
        new = " + ".join([tok] * n)
    elif kind == "power":
        new = "^".join([tok] * n)
    elif kind == "pipe":
        new = tok + " -> abs" * n
    else:
        new = tok + "[0]" * n
    return tokens[:i] + [new] + tokens[i + 1:]


def _huge(rng: random.Random, tokens: list[str]) -> list[str]:
    """Put a huge literal in place of (or beside) a random token."""
    i = rng.randrange(len(tokens) + 1)
    k = rng.choice([30, 400, 4_301, 20_000])
    kind = rng.choice(["digits", "fraction", "exponent", "suffix", "string", "list",
                       "record", "name", "comment"])
    if kind == "digits":
        new = "9" * k
    elif kind == "fraction":
        new = "0." + "0" * k + "1"
    elif kind == "exponent":
        new = "1e" + rng.choice(["", "-", "+"]) + "9" * k
    elif kind == "suffix":
        new = "1e" + "9" * k + rng.choice("kMBT%")
    elif kind == "string":
        piece = rng.choice(["a", "\\u00e9", "\\n", "\\ud800"])
        # up to 1 MB of source: bigger programs meet the source-size limit first
        new = '"' + piece * (min(k * 50, 1_000_000) // len(piece)) + '"'
    elif kind == "list":
        new = "[" + ", ".join(["1"] * min(k, 2_000)) + "]"
    elif kind == "record":
        new = "{" + ", ".join(f"k{j}: {j}" for j in range(min(k, 1_000))) + "}"
    elif kind == "name":
        new = "x" * k
    else:
        new = "// " + "c" * k + "\n"
    if i < len(tokens) and rng.random() < 0.5:
        return tokens[:i] + [new] + tokens[i + 1:]
    return tokens[:i] + [new] + tokens[i:]


def _edit(rng: random.Random, tokens: list[str]) -> list[str]:
    """Delete, duplicate or swap tokens (a run of them, sometimes)."""
    if not tokens:
        return ["1"]
    i = rng.randrange(len(tokens))
    j = min(len(tokens), i + rng.choice([1, 1, 1, 3, 10]))
    op = rng.choice(["delete", "duplicate", "swap"])
    if op == "delete":
        return tokens[:i] + tokens[j:]
    if op == "duplicate":
        return tokens[:j] + tokens[i:j] * rng.choice([1, 2, 50]) + tokens[j:]
    k = rng.randrange(len(tokens))
    tokens = list(tokens)
    tokens[i], tokens[k] = tokens[k], tokens[i]
    return tokens


# programs stay below the source-size limit (Limits.max_source_bytes, 4 MB), whose own
# error is tested elsewhere
MAX_PROGRAM = 3_000_000


def mutate(rng: random.Random, text: str) -> str:
    original = tokens = _TOKENS.findall(text)
    for _ in range(rng.choice([1, 1, 2])):
        how = rng.choices([_edit, _deep, _huge], weights=[2, 2, 1])[0]
        tokens = how(rng, tokens)
    mutated = "".join(tokens)
    while len(mutated.encode("utf-8", "surrogatepass")) > MAX_PROGRAM:
        mutated = "".join(_edit(rng, original))
    return mutated


def problem(text: str, filename: str) -> str | None:
    """What is wrong with how ``text`` ran, or None: only a well-formed DslError may
    escape, and a result must summarize, convert to JSON and print."""
    try:
        result = Session(samples=100, seed=0, limits=LIMITS).run(text, filename)
        json.dumps(result.summary(), allow_nan=False)
        render_text(result, color=False)
    except DslError as e:
        if e.kind == "InternalError":
            return "InternalError: " + e.message
        if not e.message or e.line is None or e.column is None:
            return f"{e.kind} without a message or position: {e.message!r}"
        json.dumps(e.to_json())
        e.format()
    except BaseException as e:  # noqa: BLE001 (anything else is the bug)
        return f"{type(e).__name__}: {str(e)[:300]}"
    return None


def main(seed: int, count: int) -> None:
    texts = corpus()
    rng = random.Random(seed)
    slowest, slowest_case = 0.0, None
    for n in range(count):
        text, name = rng.choice(texts)
        mutated = mutate(rng, text)
        started = time.monotonic()
        found = problem(mutated, name)
        seconds = time.monotonic() - started
        if seconds > slowest:
            slowest, slowest_case = seconds, f"{seed}/{n} from {name}"
        if found is None and seconds > HANG:
            found = f"took {seconds:.1f} s, past the time limit of {TIME_LIMIT} s"
        if found is not None:
            print(json.dumps({"case": f"{seed}/{n}", "from": name, "problem": found,
                              "program": mutated[:2000]}), flush=True)
    print(json.dumps({"done": count, "slowest": round(slowest, 2),
                      "slowest_case": slowest_case}), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
