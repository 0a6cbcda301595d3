"""Issue 15, cause 1: no code and no wrong result from a cache file.

Earlier versions unpickled a built parser from the cache folder (and lark's ``cache=True``
unpickled one from the shared temporary folder), so a planted file ran code in ``sq run``,
``sq eval``, ``sq check`` and ``dsl.run``; a crafted parse-cache entry changed results;
a FIFO named like an entry hung ``sq run``; pruning deleted other files. Each test plants
what an attacker would and checks that nothing runs, nothing hangs and the printed
result is right. Commands run in a capped, timed child (tests/security/isolated.py).
"""
from __future__ import annotations

import ast
import json
import marshal
import os
import pickle
import stat
import sys
import tempfile
import zlib

import lark
import pytest

from dsl.syntax import parse_cache
from dsl.syntax import parser as P
from dsl.syntax.parse_cache import parse_cached

from isolated import ROOT, run_isolated

MODEL = "a = 1 to 3\nbudget = 1000\n"
ALTERED = "a = 1 to 3\nbudget = 1000000000\n"  # the tree a crafted entry would slip in
OLD_PARSER_FILES = ("grammar.lark", "parser.py", "ast.py", "parse_errors.py",
                    "parse_cache.py", "built_parser.py")


class _Payload:
    """Unpickling this creates the marker file: proof that a pickle was loaded."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _bomb(marker) -> bytes:
    return pickle.dumps(_Payload(str(marker)))


# ---- the names earlier versions computed ----

def _old_files_version() -> bytes:
    here = ROOT / "dsl" / "syntax"  # where the parser's files are now
    return b";".join(f"{n}:{(here / n).stat().st_size}:{(here / n).stat().st_mtime_ns}"
                     .encode() for n in OLD_PARSER_FILES)


def _old_lark_pickle_name() -> str:
    key = b";".join([b"sqdsl-lark-1", lark.__version__.encode(), sys.version.encode(),
                     _old_files_version(), P.GRAMMAR.read_text().encode()])
    return "lark-%08x%x.pickle" % (zlib.crc32(key), len(key))


def _old_ast_version() -> bytes:
    return b";".join([b"sqdsl-ast-1", sys.version.encode(), _old_files_version()])


def _old_ast_name(text: str) -> str:
    raw = text.encode()
    return "%08x%08x%x.ast" % (zlib.crc32(_old_ast_version()), zlib.crc32(raw), len(raw))


def _new_entry_name(text: str) -> str:
    parse_cache.parser_digest.cache_clear()  # the parser's files as they are now
    return parse_cache._entry_name(parse_cache._text_digest(text.encode()),
                                   parse_cache.parser_digest())


@pytest.fixture(scope="module")
def lark_temp_cache_name():
    """The file lark's own ``cache=True`` (as the old parser used it) reads in the
    temporary folder: found by letting lark write it into a scratch folder."""
    scratch = tempfile.mkdtemp(prefix="sqdsl-lark-name-")
    saved = tempfile.tempdir
    tempfile.tempdir = scratch
    try:
        lark.Lark(P.GRAMMAR.read_text(), parser="lalr", lexer="basic",
                  propagate_positions=True, maybe_placeholders=True,
                  postlex=P.StatementSeparators(), cache=True)
        [name] = os.listdir(scratch)
    finally:
        tempfile.tempdir = saved
        for n in os.listdir(scratch):
            os.unlink(os.path.join(scratch, n))
        os.rmdir(scratch)
    return name


# ---- running sq and dsl in a child ----

def _child(tmp_path, env: dict, *, cli=None, code=None, umask=None, timeout=90):
    """Run ``sq CLI...`` (or Python ``code``) in a fresh process whose cache settings
    are exactly ``env`` (the test run's own SQDSL_CACHE_DIR is dropped)."""
    body = code if code is not None else (
        "from dsl.front.cli import main\nsys.exit(main(%r))" % (list(map(str, cli)),))
    program = (
        "import os, sys\n"
        "for k in ('SQDSL_CACHE_DIR', 'XDG_CACHE_HOME'):\n"
        "    os.environ.pop(k, None)\n"
        f"os.environ.update({env!r})\n"
        "import tempfile\ntempfile.tempdir = None\n"
        + (f"os.umask({umask})\n" if umask is not None else "")
        + body + "\n")
    out = run_isolated(program, timeout=timeout)
    assert not out.timed_out, out.explain()
    return out


def _budget(out) -> float:
    assert out.returncode == 0, out.explain()
    return json.loads(out.stdout)["bindings"]["budget"]["value"]


def _locations(tmp_path):
    """(cache folder, environment) for each place the cache can live."""
    home = tmp_path / "home"
    return {
        "SQDSL_CACHE_DIR": (tmp_path / "custom", {"SQDSL_CACHE_DIR": str(tmp_path / "custom")}),
        "XDG_CACHE_HOME": (tmp_path / "xdg" / "sqdsl", {"XDG_CACHE_HOME": str(tmp_path / "xdg"),
                                                         "HOME": str(home)}),
        "HOME": (home / ".cache" / "sqdsl", {"HOME": str(home)}),
    }


@pytest.mark.parametrize("where", ["SQDSL_CACHE_DIR", "XDG_CACHE_HOME", "HOME"])
def test_a_planted_pickle_is_never_loaded(tmp_path, where, lark_temp_cache_name):
    folder, env = _locations(tmp_path)[where]
    temp = tmp_path / "temp"
    folder.mkdir(parents=True, mode=0o700)
    temp.mkdir()
    env = dict(env, TMPDIR=str(temp))
    marker = tmp_path / "marker"
    bomb = _bomb(marker)
    names = {_old_lark_pickle_name(), _old_ast_name(MODEL), _new_entry_name(MODEL)}
    for name in names:
        (folder / name).write_bytes(bomb)
        (folder / name).chmod(0o600)
    # lark's cache file: a line (a SHA-256) and then pickles, the first loaded unchecked
    (temp / lark_temp_cache_name).write_bytes(b"0" * 64 + b"\n" + bomb)
    model = tmp_path / "m.sq"
    model.write_text(MODEL)

    runs = [["run", model, "--json", "--samples", "1000"]] * 2 + [["check", model]]
    if where == "SQDSL_CACHE_DIR":
        runs += [["run", model, "--samples", "1000"], ["eval", "budget = 1000\nbudget"]]
    outs = [_child(tmp_path, env, cli=argv) for argv in runs]
    assert [_budget(o) for o in outs[:2]] == [1000.0, 1000.0]
    assert outs[2].returncode == 0 and outs[2].stdout.strip().endswith("ok"), outs[2].explain()
    for out in outs[3:]:
        assert out.returncode == 0 and "budget: 1000\n" in out.stdout, out.explain()
    embedded = _child(tmp_path, env, code=(
        "import dsl\n"
        f"print(dsl.run({MODEL!r}, samples=100).bindings['budget'].to_python())\n"
        f"print(dsl.Session(samples=100, parse_cache=True).run({MODEL!r})"
        ".bindings['budget'].to_python())\n"))
    assert embedded.returncode == 0 and embedded.stdout.split() == ["1000.0"] * 2, \
        embedded.explain()
    assert not marker.exists(), "a planted pickle was loaded"


def test_a_crafted_entry_does_not_change_the_result(tmp_path):
    """An old-format entry for the model's text whose tree says 1B, and a new-format one
    with the right header and digests but a MAC made without the user's key."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    tree = P.parse(ALTERED)
    (folder / _old_ast_name(MODEL)).write_bytes(
        marshal.dumps((_old_ast_version(), MODEL.encode(), parse_cache.encode(tree))))
    body = (parse_cache.parser_digest() + parse_cache._text_digest(MODEL.encode())
            + parse_cache.dump(tree))
    forged = parse_cache._MAGIC + parse_cache._mac(b"\0" * 32, body) + body
    (folder / _new_entry_name(MODEL)).write_bytes(forged)
    model = tmp_path / "m.sq"
    model.write_text(MODEL)
    env = {"SQDSL_CACHE_DIR": str(folder)}
    first = _child(tmp_path, env, cli=["run", model, "--json", "--samples", "100"])
    (folder / _new_entry_name(MODEL)).write_bytes(forged)  # the run replaced it: again
    (folder / parse_cache._KEY_NAME).chmod(0o600)
    second = _child(tmp_path, env, cli=["run", model, "--json", "--samples", "100"])
    third = _child(tmp_path, env, cli=["run", model, "--json", "--samples", "100"])
    assert [_budget(o) for o in (first, second, third)] == [1000.0] * 3


def test_a_fifo_named_like_an_entry_does_not_hang(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    for name in (_new_entry_name(MODEL), _old_ast_name(MODEL), _old_lark_pickle_name()):
        os.mkfifo(folder / name)
    model = tmp_path / "m.sq"
    model.write_text(MODEL)
    out = _child(tmp_path, {"SQDSL_CACHE_DIR": str(folder)},
                 cli=["run", model, "--json", "--samples", "100"], timeout=60)
    assert _budget(out) == 1000.0
    # a FIFO in place of the key: no hang, the cache is simply not used
    other = tmp_path / "cache2"
    other.mkdir(mode=0o700)
    os.mkfifo(other / parse_cache._KEY_NAME)
    out = _child(tmp_path, {"SQDSL_CACHE_DIR": str(other)},
                 cli=["run", model, "--json", "--samples", "100"], timeout=60)
    assert _budget(out) == 1000.0
    assert sorted(os.listdir(other)) == [parse_cache._KEY_NAME]


def test_folder_and_files_are_private_even_under_umask_002(tmp_path):
    folder = tmp_path / "made" / "sqdsl"
    model = tmp_path / "m.sq"
    model.write_text(MODEL)
    out = _child(tmp_path, {"SQDSL_CACHE_DIR": str(folder)}, umask=0o002,
                 cli=["run", model, "--json", "--samples", "100"])
    assert _budget(out) == 1000.0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(os.listdir(folder))
    assert len(files) == 2 and files[1] == parse_cache._KEY_NAME, files
    assert parse_cache._ENTRY.fullmatch(files[0]), files
    for name in files:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_embedding_writes_nothing_anywhere(tmp_path):
    home, temp, custom = tmp_path / "home", tmp_path / "temp", tmp_path / "custom"
    for d in (home, temp, custom):
        d.mkdir()
    code = ("import dsl\n"
            f"dsl.run({MODEL!r}, samples=100)\n"
            "dsl.evaluate('1 to 2', samples=100)\n"
            "s = dsl.Session(samples=100)\n"
            f"s.run({MODEL!r}); s.run('budget * 2')\n"
            "print('done')\n")
    for env in ({"HOME": str(home), "TMPDIR": str(temp)},
                {"SQDSL_CACHE_DIR": str(custom), "HOME": str(home), "TMPDIR": str(temp)}):
        out = _child(tmp_path, env, code=code)
        assert out.returncode == 0 and out.stdout.strip() == "done", out.explain()
        assert [p for d in (home, temp, custom) for p in d.rglob("*")] == []


# ---- in-process: the folder and file checks ----

@pytest.fixture
def counted(monkeypatch):
    """The texts parsed afresh (not served from the cache)."""
    calls = []
    real = P.parse

    def parse(text, name="<input>"):
        calls.append(text)
        return real(text, name)
    monkeypatch.setattr(P, "parse", parse)
    return calls


def _fill(folder, monkeypatch, text=MODEL):
    """A folder holding a good entry for ``text`` (and the key)."""
    monkeypatch.setenv("SQDSL_CACHE_DIR", str(folder))
    parse_cached(text)
    assert (folder / _new_entry_name(text)).exists()


def test_a_group_or_world_writable_folder_is_not_used(tmp_path, monkeypatch, counted):
    for mode in (0o770, 0o707, 0o777):
        folder = tmp_path / f"f{mode:o}"
        folder.mkdir(mode=0o700)
        _fill(folder, monkeypatch)
        os.chmod(folder, mode)
        before = sorted(os.listdir(folder))
        counted.clear()
        assert parse_cached(MODEL) == P.parse(MODEL)
        assert counted[0] == MODEL  # parsed afresh: the good entry was not used
        parse_cached("fresh = 1")
        assert sorted(os.listdir(folder)) == before  # and nothing was written


def test_a_foreign_folder_is_not_used(tmp_path, monkeypatch, counted):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    _fill(folder, monkeypatch)
    before = sorted(os.listdir(folder))
    real = os.getuid()
    monkeypatch.setattr(parse_cache.os, "getuid", lambda: real + 1)
    counted.clear()
    assert parse_cached(MODEL) == P.parse(MODEL)
    assert counted[0] == MODEL
    parse_cached("fresh = 1")
    assert sorted(os.listdir(folder)) == before


def test_a_symlinked_folder_is_not_used(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("SQDSL_CACHE_DIR", str(link))
    assert parse_cached(MODEL) == P.parse(MODEL)
    assert list(real.iterdir()) == []


def test_a_symlinked_entry_is_not_followed(tmp_path, monkeypatch, counted):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    _fill(folder, monkeypatch)
    entry = folder / _new_entry_name(MODEL)
    elsewhere = tmp_path / "elsewhere.ast"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)  # a good entry, but reached through a link
    counted.clear()
    assert parse_cached(MODEL) == P.parse(MODEL)
    assert counted[0] == MODEL


@pytest.mark.parametrize("spoil", ["mode 0644", "symlink", "short", "directory"])
def test_a_key_that_is_not_private_is_not_used(tmp_path, monkeypatch, counted, spoil):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    _fill(folder, monkeypatch)
    key = folder / parse_cache._KEY_NAME
    if spoil == "mode 0644":
        key.chmod(0o644)
    elif spoil == "symlink":
        key.rename(tmp_path / "key")
        key.symlink_to(tmp_path / "key")
    elif spoil == "short":
        key.write_bytes(key.read_bytes()[:16])
    else:
        key.unlink()
        key.mkdir()
    counted.clear()
    assert parse_cached(MODEL) == P.parse(MODEL)
    assert counted[0] == MODEL
    assert not (folder / _new_entry_name("other = 2")).exists() or spoil == "short"


def test_the_key_is_created_private_and_whole(tmp_path, monkeypatch):
    monkeypatch.setenv("SQDSL_CACHE_DIR", str(tmp_path / "c"))
    old = os.umask(0)
    try:
        parse_cached("k = 1")
    finally:
        os.umask(old)
    key = tmp_path / "c" / parse_cache._KEY_NAME
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700
    assert [n for n in os.listdir(tmp_path / "c") if "partial" in n] == []


def test_an_oversized_entry_is_not_read(tmp_path, monkeypatch, counted):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    _fill(folder, monkeypatch)
    monkeypatch.setattr(parse_cache, "MAX_BYTES", 64)
    counted.clear()
    assert parse_cached(MODEL) == P.parse(MODEL)
    assert counted[0] == MODEL


def test_pruning_deletes_only_the_caches_own_files(tmp_path, monkeypatch):
    folder = tmp_path / "project"
    folder.mkdir(mode=0o755)
    user_files = {
        "notes.pickle": b"user data", "x.ast": b"user data", "0123abcd4567.ast": b"old",
        "sqdsl-" + "0" * 40 + ".ast": b"a user's file with the cache's name pattern",
        "sqdsl-partial-" + "0" * 32 + ".tmp": b"same, and old",
        "lark-0123.pickle": b"x"}
    for name, data in user_files.items():
        (folder / name).write_bytes(data)
        os.utime(folder / name, (1000, 1000))  # oldest of all: first in line for pruning
    monkeypatch.setenv("SQDSL_CACHE_DIR", str(folder))
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 2)
    for i in range(6):
        parse_cached(f"v = {i}")
    for name, data in user_files.items():
        assert (folder / name).read_bytes() == data, name
    ours = [n for n in os.listdir(folder) if n not in user_files]
    assert sorted(ours) == sorted([parse_cache._KEY_NAME, _new_entry_name("v = 4"),
                                   _new_entry_name("v = 5")])


def test_no_pickle_and_no_lark_cache_in_the_package():
    """Nothing in dsl/ or stdlib/ imports pickle (or its kin) or turns on lark's cache."""
    banned = {"pickle", "cPickle", "_pickle", "shelve", "dill", "cloudpickle", "joblib"}
    for path in sorted((ROOT / "dsl").rglob("*.py")) + sorted((ROOT / "stdlib").rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                names = {(node.module or "").split(".")[0]}
            else:
                names = set()
            assert not names & banned, f"{path}:{node.lineno} imports {names & banned}"
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    assert not (kw.arg == "cache" and not (isinstance(kw.value, ast.Constant)
                                                           and not kw.value.value)), \
                        f"{path}:{node.lineno} passes cache=... (lark's pickle cache)"
