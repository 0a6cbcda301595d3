"""The built Lark parser kept on disk (dsl/built_parser.py): a loaded parser parses and
lexes exactly as a freshly built one; a stale or broken entry is rebuilt."""
import pathlib
import threading

import pytest

from dsl import built_parser
from dsl import parser as P

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEXTS = [p.read_text() for p in sorted((ROOT / "examples").glob("*.sq"))] + [
    "x = 1 to 2; y = {|a| a * 2}(x) -> mean", "if a then b else c", "@name(\"n\")\nz = [1, {k: 2}]"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SQDSL_CACHE_DIR", str(tmp_path))
    return tmp_path


def _in_new_thread(fn):
    """Run ``fn`` in a fresh thread (parsers are per thread) and return its result."""
    out = {}
    thread = threading.Thread(target=lambda: out.setdefault("value", fn()))
    thread.start()
    thread.join()
    return out["value"]


def _fresh(postlex=None):
    from lark import Lark
    return Lark(P.GRAMMAR.read_text(), parser="lalr", lexer="basic",
                propagate_positions=True, maybe_placeholders=True,
                postlex=postlex or P.StatementSeparators())


def test_a_saved_parser_loads_and_parses_like_a_fresh_one(folder):
    grammar = P.GRAMMAR.read_text()
    postlex = P.StatementSeparators()
    built_parser.save(_fresh(postlex), grammar, postlex)
    loaded = built_parser.load(grammar, P.StatementSeparators())
    assert loaded is not None
    fresh = _fresh()
    for text in TEXTS:
        assert loaded.parse(text) == fresh.parse(text)
        assert [(t.type, str(t)) for t in loaded.lex(text, dont_ignore=True)] == \
            [(t.type, str(t)) for t in fresh.lex(text, dont_ignore=True)]


def test_the_loaded_parser_has_its_own_post_lexer(folder):
    grammar, postlex = P.GRAMMAR.read_text(), P.StatementSeparators()
    built_parser.save(_fresh(postlex), grammar, postlex)
    mine = P.StatementSeparators()
    loaded = built_parser.load(grammar, mine)
    assert loaded.options.postlex is mine


def test_a_new_thread_gets_the_parser_from_disk_and_the_same_trees(folder, monkeypatch):
    _in_new_thread(P.lark_parser)  # builds and saves
    assert list(folder.glob("lark-*.pickle"))

    def no_building(*args, **kwargs):
        raise AssertionError("built the parser although a saved one exists")
    monkeypatch.setattr(P, "Lark", no_building)
    trees = _in_new_thread(lambda: [P.parse(t) for t in TEXTS])
    assert trees == [P.parse(t) for t in TEXTS]


def test_another_grammar_text_is_not_served(folder):
    grammar, postlex = P.GRAMMAR.read_text(), P.StatementSeparators()
    built_parser.save(_fresh(postlex), grammar, postlex)
    assert built_parser.load(grammar + "\n// edited\n", P.StatementSeparators()) is None


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_broken_entry_means_building_anew(folder, garbage):
    grammar, postlex = P.GRAMMAR.read_text(), P.StatementSeparators()
    built_parser.save(_fresh(postlex), grammar, postlex)
    [entry] = folder.glob("lark-*.pickle")
    entry.write_bytes(garbage)
    assert built_parser.load(grammar, P.StatementSeparators()) is None
    assert _in_new_thread(lambda: P.parse("x = 1 to 2")) == P.parse("x = 1 to 2")


def test_nothing_is_written_with_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("SQDSL_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _in_new_thread(P.lark_parser)
    assert list(tmp_path.iterdir()) == []


def test_only_the_newest_built_parsers_are_kept(folder):
    postlex = P.StatementSeparators()
    parser = _fresh(postlex)
    grammar = P.GRAMMAR.read_text()
    for i in range(built_parser.KEEP + 3):  # grammars edited again and again
        built_parser.save(parser, grammar + f"\n// edit {i}\n", postlex)
    assert len(list(folder.glob("lark-*.pickle"))) == built_parser.KEEP
    assert built_parser.load(grammar + f"\n// edit {built_parser.KEEP + 2}\n",
                             P.StatementSeparators()) is not None
