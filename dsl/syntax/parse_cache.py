"""Parsed model files kept on disk, as Python keeps ``.pyc`` files.

``sq run model.sq`` parses the file once; later runs of the same text load its syntax
tree from the cache instead, without importing lark or loading the parser (~30 ms of
every start, more for long files: 200 lines parse in ~35 ms and load in ~3 ms).

- Only ``sq run`` and ``sq check`` (and the files they import) use the cache;
  ``dsl.run`` and other embedding calls never read or write it unless given
  ``Session(parse_cache=True)``.
- Where: ``$SQDSL_CACHE_DIR``, else ``$XDG_CACHE_HOME/sqdsl``, else ``~/.cache/sqdsl``;
  ``SQDSL_CACHE_DIR=off`` turns it off. The folder is created with mode 0700 and used
  only if it is a real folder (not a symbolic link) owned by this user that nobody
  else can write to.
- A cache file can never run code or change a result. Each entry starts with this
  format's header and an HMAC-SHA256 of the rest, keyed with a random per-user secret
  (``sqdsl-key`` in the folder, created once with mode 0600 and used only if it is
  still a regular file of this user's that nobody else can read). Nothing of an entry
  is decoded before its MAC checks; then it must be for this parser (a SHA-256 of the
  parser's own files, the format and Python's version) and for exactly this text (its
  SHA-256). Trees are JSON (lists, strings and numbers): never a pickle or marshal.
- Only regular files of this user's are opened (never following a link, never
  waiting on a FIFO), at most ``MAX_BYTES`` long.
- At most ``MAX_ENTRIES`` entries are kept (the least recently used go); pruning
  deletes only files the cache wrote (its own name pattern and its format header),
  never other files in the folder. Files of earlier versions are neither read nor
  deleted.
- Anything unusual (a missing, foreign, damaged or oversized file, a folder others can
  write, a full disk) only means parsing anew: the cache can change speed, never a
  result.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
import time
from typing import Any, Optional

from . import ast as A
from ..base.source import Span

__all__ = ["parse_cached", "cache_dir", "parser_digest", "dump", "encode", "decode",
           "MAX_ENTRIES", "MAX_BYTES"]

MAX_ENTRIES = 500
MAX_BYTES = 16 * 1024 * 1024  # larger files are not read (an entry is a few KB)
_MAGIC = b"sqdsl-parse-cache 3\n"
_MAC_BYTES = 32
_DIGEST_BYTES = 32
_KEY_NAME = "sqdsl-key"
_KEY_BYTES = 32
_ENTRY = re.compile(r"sqdsl-[0-9a-f]{40}\.ast")
_PARTIAL = re.compile(r"sqdsl-partial-[0-9a-f]{32}\.tmp")
_PARTIAL_AGE = 3600.0  # seconds after which a half-written file (a crashed writer) goes
# paths below dsl/: the syntax layer's files and base/source.py (the positions in a tree)
_PARSER_FILES = ("syntax/grammar.lark", "syntax/parser.py", "syntax/parser_tables.py",
                 "syntax/built_parser.py", "syntax/ast.py", "base/source.py",
                 "syntax/parse_errors.py", "syntax/parse_cache.py")
_NODES = {cls.__name__: cls for cls in vars(A).values()
          if isinstance(cls, type) and issubclass(cls, A.Node)}

_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_NEW_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
              | getattr(os, "O_CLOEXEC", 0))
# every file is reached through the folder's descriptor (where the platform allows it;
# elsewhere the cache is off): a folder swapped after its checks cannot redirect a read
_SUPPORTED = (os.name == "posix" and hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY")
              and {os.open, os.link, os.unlink, os.rename} <= os.supports_dir_fd
              and os.scandir in os.supports_fd)


def cache_dir() -> Optional[str]:
    """Where parsed trees are kept, or None when the cache is turned off."""
    configured = os.environ.get("SQDSL_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sqdsl")


@functools.lru_cache(maxsize=None)
def parser_digest() -> bytes:
    """A SHA-256 of everything a stored tree depends on: this format, Python's version
    and the contents of the parser's own files (an edited parser never reuses trees)."""
    h = hashlib.sha256(_MAGIC + sys.version.encode())
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for name in _PARSER_FILES:
        with open(os.path.join(package, name), "rb") as f:
            data = f.read()
        h.update(b"\0%s\0%d\0" % (name.encode(), len(data)))
        h.update(data)
    return h.digest()


def _text_digest(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()


def _entry_name(text_digest: bytes, version: bytes) -> str:
    # the name only finds the entry; its MAC'd contents decide whether it is used
    return "sqdsl-%s.ast" % hashlib.sha256(version + text_digest).hexdigest()[:40]


def parse_cached(text: str, name: str = "<input>") -> A.Program:
    """``dsl.syntax.parser.parse(text, name)``, from the cache when this text was parsed before
    (and kept there for next time)."""
    folder = _open_folder(cache_dir()) if _SUPPORTED else None
    try:
        key = entry = version = digest = None
        if folder is not None:
            try:
                raw = text.encode("utf-8", "surrogatepass")
                version, digest = parser_digest(), _text_digest(raw)
                entry = _entry_name(digest, version)
                key = _read_key(folder)
                if key is not None:
                    program = _load(folder, entry, key, version, digest)
                    if program is not None:
                        return program
            except Exception:  # noqa: BLE001 - any trouble with the cache: parse
                entry = None
        from .parser import parse  # imports lark: only on a miss
        program = parse(text, name)
        if entry is not None:
            _store(folder, entry, key, version, digest, program)
        return program
    finally:
        if folder is not None:
            os.close(folder)


# ---- the folder, its key and its files ----

def _open_folder(path: Optional[str]) -> Optional[int]:
    """A file descriptor of the cache folder (created 0700 if missing), or None if it is
    off, cannot be made, is a link, or is not this user's alone to write."""
    if path is None:
        return None
    try:
        try:
            os.mkdir(path, 0o700)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
                     | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if (stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid()
                and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _open_regular(folder: int, name: str, private: bool = False):
    """(fd, stat) of a regular file of this user's in the folder, opened without
    following a link or waiting on a FIFO; None if it is anything else. ``private``:
    also refuse it if others may read or write it."""
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=folder)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        others = 0o077 if private else (stat.S_IWGRP | stat.S_IWOTH)
        if (stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid()
                and not st.st_mode & others and st.st_size <= MAX_BYTES):
            return fd, st
    except OSError:
        pass
    os.close(fd)
    return None


def _read_all(fd: int, limit: int) -> Optional[bytes]:
    """The file's contents, or None if it is longer than ``limit``."""
    chunks, total = [], 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None


def _read_key(folder: int) -> Optional[bytes]:
    """The folder's secret, or None if it is missing or not private to this user."""
    opened = _open_regular(folder, _KEY_NAME, private=True)
    if opened is None:
        return None
    fd, st = opened
    try:
        key = _read_all(fd, _KEY_BYTES) if st.st_size == _KEY_BYTES else None
        return key if key is not None and len(key) == _KEY_BYTES else None
    finally:
        os.close(fd)


def _make_key(folder: int) -> Optional[bytes]:
    """Create the folder's secret, whole or not at all (another process may be making
    it at the same moment: then theirs is used)."""
    partial = "sqdsl-partial-%s.tmp" % secrets.token_hex(16)
    try:
        fd = os.open(partial, _NEW_FLAGS, 0o600, dir_fd=folder)
        try:
            os.fchmod(fd, 0o600)
            _write_all(fd, secrets.token_bytes(_KEY_BYTES))
        finally:
            os.close(fd)
        try:  # link(2) fails if the key exists: it is never replaced or seen half-made
            os.link(partial, _KEY_NAME, src_dir_fd=folder, dst_dir_fd=folder,
                    follow_symlinks=False)
        except FileExistsError:
            pass
    except OSError:
        return None
    finally:
        try:
            os.unlink(partial, dir_fd=folder)
        except OSError:
            pass
    return _read_key(folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, _MAGIC + body, hashlib.sha256).digest()


def _load(folder: int, entry: str, key: bytes, version: bytes,
          digest: bytes) -> Optional[A.Program]:
    """The tree stored for this text and parser, or None: checked before decoding."""
    opened = _open_regular(folder, entry)
    if opened is None:
        return None
    fd, _ = opened
    try:
        data = _read_all(fd, MAX_BYTES)
        if data is None or not data.startswith(_MAGIC):
            return None
        mac, body = data[len(_MAGIC):len(_MAGIC) + _MAC_BYTES], data[len(_MAGIC) + _MAC_BYTES:]
        if len(mac) != _MAC_BYTES or not hmac.compare_digest(mac, _mac(key, body)):
            return None  # not written by this user's cache: nothing of it is decoded
        if body[:_DIGEST_BYTES] != version or body[_DIGEST_BYTES:2 * _DIGEST_BYTES] != digest:
            return None  # another parser's or another text's tree
        program = decode(json.loads(body[2 * _DIGEST_BYTES:]))
        if not isinstance(program, A.Program):
            return None
        try:
            os.utime(fd)  # recently used: kept when the cache is pruned
        except OSError:
            pass
        return program
    finally:
        os.close(fd)


def _store(folder: int, entry: str, key: Optional[bytes], version: bytes, digest: bytes,
           program: A.Program) -> None:
    try:
        key = key or _make_key(folder)
        if key is None:
            return
        body = version + digest + dump(program)
        _write_entry(folder, entry, _MAGIC + _mac(key, body) + body)
        _prune(folder, MAX_ENTRIES)
    except (OSError, ValueError, RecursionError):
        pass  # a read-only or full disk (or a tree too deep for json) only costs speed


def _write_entry(folder: int, entry: str, data: bytes) -> None:
    """Write a cache file whole (readers never see half of one). Raises OSError."""
    partial = "sqdsl-partial-%s.tmp" % secrets.token_hex(16)
    fd = os.open(partial, _NEW_FLAGS, 0o600, dir_fd=folder)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(partial, entry, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        try:
            os.unlink(partial, dir_fd=folder)
        except OSError:
            pass
        raise


def _written_by_cache(folder: int, name: str) -> bool:
    """Whether ``name`` is a regular file of this user's that starts with this cache's
    format header."""
    opened = _open_regular(folder, name)
    if opened is None:
        return False
    fd, _ = opened
    try:
        return os.read(fd, len(_MAGIC)) == _MAGIC
    finally:
        os.close(fd)


def _prune(folder: int, keep: int) -> None:
    """Drop the least recently used entries beyond ``keep``, and half-written files
    older than an hour; only files this cache wrote are touched."""
    entries, partial = [], []
    now = time.time()
    with os.scandir(folder) as it:
        for e in it:
            if _ENTRY.fullmatch(e.name):
                entries.append(e)
            elif _PARTIAL.fullmatch(e.name):
                partial.append(e)
    doomed = [e for e in partial if _mtime(e) < now - _PARTIAL_AGE]
    if len(entries) > keep:
        entries.sort(key=_mtime)
        doomed += entries[:len(entries) - keep]
    for e in doomed:
        if _written_by_cache(folder, e.name):
            try:
                os.unlink(e.name, dir_fd=folder)
            except OSError:
                pass


def _mtime(e: os.DirEntry) -> float:
    try:
        return e.stat(follow_symlinks=False).st_mtime
    except OSError:
        return 0.0


# ---- syntax tree <-> JSON-able data ----
# A node is a list [class name, field, field, ...]; a span a list [None, six ints]; a
# tuple a list ["(", item, ...] ("(" is no class name); strings, numbers (inf and nan as
# Python's json writes them), booleans and None are themselves.
_TUPLE = "("

def dump(program: A.Program) -> bytes:
    """The bytes an entry stores for ``program`` (after its MAC and digests)."""
    return json.dumps(encode(program), separators=(",", ":")).encode("ascii")


def encode(value: Any) -> Any:
    """A syntax tree as plain data that ``json`` can write."""
    if isinstance(value, Span):
        return [None, *value]
    if isinstance(value, A.Node):
        return [type(value).__name__, *(encode(value.__dict__[f]) for f in value._fields)]
    if isinstance(value, tuple):
        return [_TUPLE, *(encode(v) for v in value)]
    if value is None or isinstance(value, (str, float, bool, int)):
        return value
    raise ValueError(f"cannot encode {type(value).__name__} in a syntax tree")


def decode(data: Any) -> Any:
    """The syntax tree that ``encode`` turned into ``data``."""
    if isinstance(data, list):
        head = data[0]
        if head is None:
            return Span(*data[1:])
        if head == _TUPLE:
            return tuple(decode(v) for v in data[1:])
        return _NODES[head](*(decode(v) for v in data[1:]))
    return data
