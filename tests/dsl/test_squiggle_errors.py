"""Squiggle's error corpus: each program of reference/squiggle/visible/errors must fail
on the line (and column) real Squiggle 0.10 reports, with a message containing the
keyword of Squiggle's own message, through ``sq run --json`` as compare.py drives it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dsl.cli import main

# the corpus lives beside the checkout, in ../shared
CORPUS = Path(__file__).resolve().parents[3] / "shared/reference/squiggle/visible"
EXPECTED = json.loads((CORPUS / "errors_expected.json").read_text())["errors"]


def test_the_whole_corpus_is_listed() -> None:
    assert len(EXPECTED) == 12
    assert sorted(e["file"] for e in EXPECTED) == sorted(
        p.name for p in (CORPUS / "errors").glob("*.squiggle"))


@pytest.mark.parametrize("case", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_error_position_matches_squiggle(case: dict, capsys) -> None:
    path = CORPUS / "errors" / case["file"]
    status = main(["run", str(path), "--json", "--samples", "1000", "--seed", "7"])
    out = capsys.readouterr().out
    assert status == 1
    error = json.loads(out)["error"]
    assert error["kind"] != "InternalError", error
    assert error["line"] == case["line"], error
    assert error["column"] == case["column"], error
    assert case["keyword"].lower() in error["message"].lower(), error
