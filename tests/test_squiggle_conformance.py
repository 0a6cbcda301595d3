"""The Squiggle 0.10 conformance corpus (tests/squiggle): every program gives what real
Squiggle 0.10 gave, and every error program fails where Squiggle's does.

Each program runs as ``sq run FILE --json --samples 200000 --seed 7`` (in this process,
through ``dsl.front.cli.main``); its output is compared with tests/squiggle/expected/NAME.json
by tools/squiggle_corpus.py, the same comparison ``tools/record_squiggle.py --check``
applies to real Squiggle. No node is needed: the expected files are recorded.
"""
from __future__ import annotations

import json
import pathlib
import sys

import pytest

from dsl.front.cli import main

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
import squiggle_corpus as corpus  # noqa: E402

PROGRAMS = corpus.program_names()
ERRORS = corpus.load_error_expectations()


def sq_run_json(path: pathlib.Path, capsys, samples: int = corpus.SAMPLES) -> tuple[int, dict]:
    status = main(["run", str(path), "--json", "--samples", str(samples), "--seed", "7"])
    return status, json.loads(capsys.readouterr().out)


def test_every_program_has_an_expected_file_and_vice_versa() -> None:
    assert PROGRAMS == corpus.expected_names()
    assert len(PROGRAMS) >= 80


def test_every_error_program_has_an_expectation_and_vice_versa() -> None:
    assert sorted(e["file"] for e in ERRORS) == corpus.error_files()
    assert len(ERRORS) >= 20


def test_the_corpus_readme_counts_the_programs() -> None:
    readme = (corpus.PROGRAMS.parent / "README.md").read_text()
    features = sum(n.startswith("feature_") for n in PROGRAMS)
    models = sum(n.startswith("model_") for n in PROGRAMS)
    assert features + models == len(PROGRAMS)
    assert (f"{features} feature programs, {models} model programs and {len(ERRORS)} error "
            "programs") in readme, "tests/squiggle/README.md: update the counts"


@pytest.mark.parametrize("name", PROGRAMS)
def test_program_agrees_with_squiggle(name: str, capsys) -> None:
    status, run = sq_run_json(corpus.PROGRAMS / f"{name}.squiggle", capsys)
    mismatches = corpus.compare_run(run, corpus.load_expected(name))
    assert status == 0 and not mismatches, (
        f"{name}.squiggle disagrees with Squiggle 0.10:\n"
        + "\n".join(f"  {m}" for m in mismatches))


@pytest.mark.parametrize("case", ERRORS, ids=[e["file"] for e in ERRORS])
def test_error_program_fails_where_squiggle_does(case: dict, capsys) -> None:
    status, run = sq_run_json(corpus.ERRORS / case["file"], capsys, samples=1000)
    assert status == 1, run
    assert run["error"]["kind"] != "InternalError", run
    mismatches = corpus.compare_error(run, case)
    assert not mismatches, (
        f"{case['file']}: Squiggle says {case['squiggle_message']!r} at line "
        f"{case['line']}, column {case['column']}; sqdsl says {run['error']}:\n"
        + "\n".join(f"  {m}" for m in mismatches))


def _run_from(expected: dict) -> dict:
    """The run an expected file describes exactly (every statistic at its value)."""
    def value(node):
        if node is None:
            return None
        kind = node["kind"]
        if kind == "dist":
            stats = {k: s["value"] for k, s in node["stats"].items()}
            return {"type": "dist", "mean": stats.pop("mean"), "stdev": stats.pop("stdev"),
                    "quantiles": stats}
        if kind == "list":
            return {"type": "list", "items": [value(i) for i in node["items"]]}
        if kind == "record":
            return {"type": "record", "fields": {k: value(v) for k, v in node["fields"].items()}}
        if kind == "function":
            return {"type": "function", "params": []}
        return {"type": kind, "value": node["value"]}
    return {"bindings": {k: value(v) for k, v in expected["bindings"].items()},
            "result": value(expected["result"])}


def test_the_comparison_reports_each_statistic_outside_its_tolerance() -> None:
    expected = corpus.load_expected("feature_dist_arithmetic")
    run = _run_from(expected)
    assert corpus.compare_run(run, expected) == []
    stat = expected["bindings"]["sum"]["stats"]["0.95"]
    run["bindings"]["sum"]["quantiles"]["0.95"] = stat["value"] + 0.9 * stat["tol"]
    assert corpus.compare_run(run, expected) == []
    run["bindings"]["sum"]["quantiles"]["0.95"] = stat["value"] + 1.1 * stat["tol"]
    run["bindings"]["a"] = {"type": "number", "value": 10}
    problems = [str(m) for m in corpus.compare_run(run, expected)]
    assert problems[0].startswith("a kind: got 'number', expected 'dist'")
    assert problems[1].startswith("sum 0.95: got ") and "(tol " in problems[1]


def test_deterministic_values_must_agree_to_1e_9() -> None:
    expected = corpus.load_expected("feature_arithmetic_precedence")
    node = expected["bindings"]["longChain"]
    assert node["deterministic"] and node["tol"] == pytest.approx(1e-9 * abs(node["value"]))
    run = _run_from(expected)
    run["bindings"]["longChain"]["value"] = node["value"] * (1 + 2e-9)
    assert [m.where for m in corpus.compare_run(run, expected)] == ["longChain"]
