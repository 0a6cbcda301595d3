"""The generated reference (``sq docs``): complete, well-formed and committed up to date."""
from __future__ import annotations

from pathlib import Path

import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl.cli import main
from dsl.docs import REGENERATE, reference_markdown
from dsl.registry import DEFAULT, Builtin

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "reference.md"


@pytest.fixture(scope="module")
def reference() -> str:
    return reference_markdown()


def test_committed_reference_is_up_to_date(reference):
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    assert committed == reference, (
        f"docs/reference.md is out of date with the builtin declarations; regenerate it "
        f"with `{REGENERATE}` (from the repository root) and commit it")


def test_one_section_per_namespace(reference):
    for namespace in DEFAULT.namespace_names():
        assert f"\n## {namespace}\n" in reference


def test_every_entry_with_its_signatures_summary_and_examples(reference):
    for entry in DEFAULT.all_entries():
        heading = f"\n### `{entry.qualified}`\n"
        assert heading in reference, entry.qualified
        body = reference.split(heading, 1)[1].split("\n### ", 1)[0]
        if isinstance(entry, Builtin):
            for text in entry.signature_texts():
                assert text in body, (entry.qualified, text)
        assert entry.summary in body
        for example in entry.examples:
            assert f"{example.source}  // {example.expected}" in body


def test_borrowed_names_point_to_their_declaration(reference):
    number = reference.split("\n## Number\n", 1)[1].split("\n## ", 1)[0]
    assert "`Number.exp` (see `Math.exp`)" in number


def test_sq_docs_writes_the_file(tmp_path, reference):
    out = tmp_path / "ref.md"
    assert main(["docs", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == reference


def test_sq_docs_prints_to_stdout(capsys, reference):
    assert main(["docs"]) == 0
    assert capsys.readouterr().out == reference


def test_sq_docs_unwritable_path_is_a_clean_error(tmp_path, capsys):
    assert main(["docs", "--output", str(tmp_path / "missing" / "ref.md")]) == 1
    assert "cannot write" in capsys.readouterr().err
