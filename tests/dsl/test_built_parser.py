"""The parser tables shipped in the package (dsl/syntax/parser_tables.py, dsl/syntax/built_parser.py):
up to date with grammar.lark, plain data, loaded into a parser that parses and lexes
exactly as a freshly built one, and never read from or written to any cache."""
import ast
import copy
import pathlib
import tempfile
import threading

import lark
import pytest

from dsl.syntax import built_parser, parser_tables, write_parser_tables
from dsl.syntax import parser as P

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEXTS = [p.read_text() for p in sorted((ROOT / "examples").glob("*.sq"))] + [
    "x = 1 to 2; y = {|a| a * 2}(x) -> mean", "if a then b else c", "@name(\"n\")\nz = [1, {k: 2}]"]


def _in_new_thread(fn):
    """Run ``fn`` in a fresh thread (parsers are per thread) and return its result."""
    out = {}
    thread = threading.Thread(target=lambda: out.setdefault("value", fn()))
    thread.start()
    thread.join()
    return out["value"]


@pytest.fixture(scope="module")
def fresh():
    return built_parser.build(P.GRAMMAR.read_text(), P.StatementSeparators())


def test_the_tables_are_up_to_date_with_the_grammar():
    assert write_parser_tables.up_to_date(P.GRAMMAR.read_text()), \
        "grammar.lark changed: run python -m dsl.syntax.write_parser_tables"
    assert write_parser_tables.main(["--check"]) == 0


def test_the_tables_were_made_by_the_installed_lark():
    if parser_tables.LARK_VERSION != lark.__version__:
        pytest.skip(f"tables made by lark {parser_tables.LARK_VERSION}, lark "
                    f"{lark.__version__} installed: the parser is built at every start; "
                    "run python -m dsl.syntax.write_parser_tables")
    assert built_parser.load(P.GRAMMAR.read_text(), P.StatementSeparators()) is not None


def test_the_tables_are_literals_only():
    tree = ast.parse(built_parser.TABLES.read_text())
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        assert isinstance(node, ast.Assign), ast.dump(node)[:200]
        ast.literal_eval(node.value)  # raises for anything but a literal


def test_the_loaded_parser_parses_and_lexes_like_a_fresh_one(fresh):
    loaded = built_parser.load(P.GRAMMAR.read_text(), P.StatementSeparators())
    assert loaded is not None
    for text in TEXTS:
        assert loaded.parse(text) == fresh.parse(text)
        assert [(t.type, str(t)) for t in loaded.lex(text, dont_ignore=True)] == \
            [(t.type, str(t)) for t in fresh.lex(text, dont_ignore=True)]


def test_the_loaded_parser_has_its_own_post_lexer():
    mine = P.StatementSeparators()
    assert built_parser.load(P.GRAMMAR.read_text(), mine).options.postlex is mine


def test_loading_leaves_the_shared_tables_untouched():
    before = copy.deepcopy((parser_tables.DATA, parser_tables.MEMO))
    loaded = built_parser.load(P.GRAMMAR.read_text(), P.StatementSeparators())
    for text in TEXTS:
        loaded.parse(text)
    assert (parser_tables.DATA, parser_tables.MEMO) == before


def test_a_new_thread_loads_the_tables_and_builds_nothing(monkeypatch):
    def no_building(*args, **kwargs):
        raise AssertionError("built the parser although the shipped tables fit")
    monkeypatch.setattr(built_parser, "build", no_building)
    trees = _in_new_thread(lambda: [P.parse(t) for t in TEXTS])
    assert trees == [P.parse(t) for t in TEXTS]


def test_an_edited_grammar_is_built_not_served_stale_tables():
    edited = P.GRAMMAR.read_text() + "\n// edited\n"
    assert built_parser.load(edited, P.StatementSeparators()) is None
    parser = built_parser.parser(edited, P.StatementSeparators())
    assert parser.parse("x = 1 to 2\n") == \
        built_parser.load(P.GRAMMAR.read_text(), P.StatementSeparators()).parse("x = 1 to 2\n")


def test_another_lark_version_builds(monkeypatch):
    monkeypatch.setattr(parser_tables, "LARK_VERSION", "0.0.0")
    assert built_parser.load(P.GRAMMAR.read_text(), P.StatementSeparators()) is None


def test_nothing_is_written_to_the_cache_or_temporary_folder(tmp_path, monkeypatch):
    cache, temp = tmp_path / "cache", tmp_path / "temp"
    cache.mkdir()
    temp.mkdir()
    monkeypatch.setenv("SQDSL_CACHE_DIR", str(cache))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    _in_new_thread(P.lark_parser)  # from the tables
    built_parser.parser(P.GRAMMAR.read_text() + "\n// edited\n", P.StatementSeparators())
    assert list(cache.iterdir()) == [] and list(temp.iterdir()) == []


def test_the_generator_writes_tables_that_load(fresh):
    namespace = {}
    exec(compile(built_parser.tables_source(P.GRAMMAR.read_text(), P.StatementSeparators()), "tables", "exec"),
         namespace)
    assert namespace["TABLES_KEY"] == parser_tables.TABLES_KEY
    made = lark.Lark._load_from_dict(namespace["DATA"], namespace["MEMO"],
                                     postlex=P.StatementSeparators())
    for text in TEXTS:
        assert made.parse(text) == fresh.parse(text)
