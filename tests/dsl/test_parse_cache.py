"""The on-disk cache of parsed files (dsl/syntax/parse_cache.py): the same tree as a fresh
parse, used only for exactly the same text and parser and only when its MAC checks,
never a cause of failure. (Attacks on it: tests/security/test_cache_safety.py.)"""
import os
import pathlib
import subprocess
import sys

import pytest

import dsl
from dsl.syntax import parse_cache
from dsl.syntax.parse_cache import decode, encode, parse_cached
from dsl.syntax.parser import parse

ROOT = pathlib.Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "examples").glob("*.sq")) + sorted((ROOT / "tests" / "golden").glob("*.sq"))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SQDSL_CACHE_DIR", str(tmp_path))
    return tmp_path


def _entries(folder):
    return sorted(p for p in folder.iterdir() if p.suffix == ".ast")


def _path(folder, text):
    """Where the entry for ``text`` is kept."""
    digest = parse_cache._text_digest(text.encode())
    return folder / parse_cache._entry_name(digest, parse_cache.parser_digest())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_round_trip_keeps_every_node_and_span(path):
    program = parse(path.read_text(), str(path))
    again = decode(encode(program))
    assert again == program                  # nodes (equality ignores spans)
    assert encode(again) == encode(program)  # and every span, name_span included


def test_second_parse_comes_from_the_cache(cache):
    text = (ROOT / "examples" / "takeoff_ratio.sq").read_text()
    first = parse_cached(text, "a.sq")
    [entry] = _entries(cache)
    second = parse_cached(text, "a.sq")
    assert second == first and encode(second) == encode(first)
    assert _entries(cache) == [entry]


def test_another_text_is_parsed_afresh(cache):
    parse_cached("x = 1 to 2", "m.sq")
    program = parse_cached("x = 3 to 4", "m.sq")
    assert program == parse("x = 3 to 4")
    assert len(_entries(cache)) == 2


def test_an_entry_for_other_text_is_never_used(cache):
    parse_cached("x = 1", "m.sq")
    [entry] = _entries(cache)
    # plant the tree of `x = 1` (its MAC is right) under the name `x = 2` is looked up by
    _path(cache, "x = 2").write_bytes(entry.read_bytes())
    assert parse_cached("x = 2") == parse("x = 2")


def _flip(data, at):
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]


@pytest.mark.parametrize("damage", [
    lambda d: b"", lambda d: b"\x00\x01not json", lambda d: b"\xe9" * 100,
    lambda d: d[:len(d) // 2], lambda d: d + b"x", lambda d: _flip(d, len(d) - 5),
    lambda d: _flip(d, 3), lambda d: _flip(d, len(parse_cache._MAGIC) + 1)],
    ids=["empty", "text", "bytes", "truncated", "appended", "tree", "header", "mac"])
def test_a_damaged_entry_falls_back_to_parsing(cache, damage, monkeypatch):
    text = "y = normal(0, 1)\ny * 2"
    parse_cached(text)
    [entry] = _entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))
    calls = []
    monkeypatch.setattr("dsl.syntax.parser.parse", lambda t, n="<input>": calls.append(t) or parse(t))
    assert parse_cached(text) == parse(text)
    assert calls == [text]


def test_an_entry_for_another_parser_is_not_used(cache, monkeypatch):
    """Even with a right MAC, an entry is used only for this parser's digest."""
    text = "z = 3"
    parse_cached(text)
    key = (cache / parse_cache._KEY_NAME).read_bytes()
    digest = parse_cache._text_digest(text.encode())
    body = b"\0" * 32 + digest + parse_cache.dump(parse("z = 4"))
    _path(cache, text).write_bytes(parse_cache._MAGIC + parse_cache._mac(key, body) + body)
    assert parse_cached(text) == parse(text)


def test_a_new_key_makes_old_entries_unused(cache):
    text = "w = 5"
    parse_cached(text)
    (cache / parse_cache._KEY_NAME).unlink()
    assert parse_cached(text) == parse(text)  # parsed anew, stored under the new key
    assert len((cache / parse_cache._KEY_NAME).read_bytes()) == 32


def test_turned_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SQDSL_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert parse_cache.cache_dir() is None
    assert parse_cached("x = 1") == parse("x = 1")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SQDSL_CACHE_DIR", str(blocker / "cache"))
    assert parse_cached("x = 1") == parse("x = 1")


def test_the_cache_keeps_the_most_recently_used_entries(cache, monkeypatch):
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 3)

    def path(text):
        return _path(cache, text)

    for i in range(5):  # entry i is i seconds newer than entry 0
        parse_cached(f"x = {i}")
        os.utime(path(f"x = {i}"), (1000 + i, 1000 + i))
    assert [p.exists() for p in map(path, [f"x = {i}" for i in range(5)])] == \
        [False, False, True, True, True]
    parse_cached("x = 2")  # a hit makes it the most recently used
    parse_cached("x = 5")
    assert sorted(_entries(cache)) == sorted([path("x = 2"), path("x = 4"), path("x = 5")])


def test_errors_point_at_the_same_place_from_the_cache(cache):
    text = "a = 1 to 2\nb = a + undefinedName\n"
    with pytest.raises(dsl.DslError) as fresh:
        dsl.run(text, filename="m.sq")
    session = dsl.Session(parse_cache=True)
    with pytest.raises(dsl.DslError) as first:
        session.run(text, "m.sq")
    with pytest.raises(dsl.DslError) as cached:
        dsl.Session(parse_cache=True).run(text, "m.sq")
    assert cached.value.format() == first.value.format() == fresh.value.format()
    assert cached.value.format().splitlines()[-1].endswith(" " + "^" * len("undefinedName"))


def test_embedding_writes_no_cache_by_default(cache):
    dsl.run("x = 1 to 2", samples=10)
    dsl.evaluate("3 to 4", samples=10)
    dsl.Session(samples=10).run("y = 5")
    assert list(cache.iterdir()) == []


def test_sq_run_from_the_cache_does_not_import_lark(cache, tmp_path):
    model = tmp_path / "m.sq"
    model.write_text("a = 1 to 3\nb = a * 2\n")
    probe = ("import sys; from dsl.front.cli import main; main(['run', sys.argv[1], '--json', "
             "'--samples', '100']); print('lark' in sys.modules, file=sys.stderr)")
    env = dict(os.environ, SQDSL_CACHE_DIR=str(cache))
    runs = [subprocess.run([sys.executable, "-c", probe, str(model)], env=env,
                           capture_output=True, text=True, check=True) for _ in range(2)]
    assert [r.stderr.strip() for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout
