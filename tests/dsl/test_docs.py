"""The generated reference (``sq docs --output docs/reference``): complete, well-formed,
linked, and committed up to date page by page."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl.front.cli import main
from dsl.render.docs import INDEX, REGENERATE, reference_pages
from dsl.render.doc_text import GLOBAL
from dsl.engine.registry import DEFAULT, Builtin

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "reference"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return reference_pages()


def test_committed_reference_is_up_to_date(pages):
    committed = {p.name: p.read_text(encoding="utf-8") for p in COMMITTED.glob("*.md")}
    stale = sorted(name for name, text in pages.items() if committed.get(name) != text)
    extra = sorted(set(committed) - set(pages))
    assert not stale and not extra, (
        f"docs/reference/ is out of date with the builtin declarations (stale: {stale}, "
        f"not generated: {extra}); regenerate it with `{REGENERATE}` (from the "
        f"repository root) and commit it")


def test_an_index_and_one_page_per_namespace(pages):
    assert list(pages) == [INDEX, f"{GLOBAL}.md"] + [
        f"{n}.md" for n in DEFAULT.namespace_names()]


def test_the_index_links_every_page_with_its_description(pages):
    index = pages[INDEX]
    for name in [GLOBAL] + DEFAULT.namespace_names():
        description = DEFAULT.description(name)
        assert description, f"namespace {name} has no description (stdlib/namespaces.py)"
        assert f"| [{name}]({name}.md) |" in index
        assert description.replace("|", "\\|") in index


@pytest.mark.parametrize("operator, function", [
    ("a + b", "add"), ("-a", "unaryMinus"), ("a to b", "to"), ("a \\|\\| b", "or"),
    ("!a", "not")])
def test_the_index_lists_the_operators(pages, operator, function):
    assert f"| `{operator}` | [`{function}`](Global.md#{function.lower()}) |" in pages[INDEX]


def test_every_link_points_to_a_heading(pages):
    anchors = {name: {_anchor(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
               for name, text in pages.items()}
    for name, text in pages.items():
        for page, anchor in re.findall(r"\]\(([\w.]+\.md)(?:#([\w-]+))?\)", text):
            assert page in pages, (name, page)
            assert not anchor or anchor in anchors[page], (name, page, anchor)


def _anchor(heading: str) -> str:
    return "".join(c for c in heading.lower().replace(" ", "-") if c.isalnum() or c in "-_")


def test_every_global_name_is_in_the_index(pages):
    for name in DEFAULT.global_names():
        assert f"`{name}`" in pages[INDEX], name


def test_every_entry_with_its_signatures_summary_and_examples(pages):
    for entry in DEFAULT.all_entries():
        page = pages[f"{entry.namespace or GLOBAL}.md"]
        heading = f"\n## `{entry.qualified}`\n"
        assert heading in page, entry.qualified
        body = page.split(heading, 1)[1].split("\n## ", 1)[0]
        if isinstance(entry, Builtin):
            for text in entry.signature_texts():
                assert text in body, (entry.qualified, text)
        assert entry.summary in body
        for example in entry.examples:
            assert f"{example.source}  // {example.expected}" in body


def test_borrowed_names_point_to_their_declaration(pages):
    assert "`Number.exp` (see [`Math.exp`](Math.md#mathexp))" in pages["Number.md"]


def test_sq_docs_output_writes_the_folder(tmp_path, pages):
    out = tmp_path / "reference"
    out.mkdir()
    (out / "Gone.md").write_text(pages["List.md"].replace("# List", "# Gone"))
    (out / "notes.md").write_text("my own notes")
    assert main(["docs", "--output", str(out)]) == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.md")}
    # Gone.md, a generated page no longer generated, is removed; notes.md stays
    assert written == {**pages, "notes.md": "my own notes"}


@pytest.mark.parametrize("argv, status, message", [
    (["docs", "--output", "ref.md"], 1, "--output takes a folder"),
    (["docs", "--output", "{missing}/x/y"], 1, "cannot write"),
])
def test_sq_docs_output_errors(tmp_path, capsys, argv, status, message):
    argv = [a.replace("{missing}", str(tmp_path / "file")) for a in argv]
    (tmp_path / "file").write_text("not a folder")
    assert main(argv) == status
    assert message in capsys.readouterr().err
