"""Parsed model files kept on disk, as Python keeps ``.pyc`` files.

``sq run model.sq`` parses the file once; later runs of the same text load its syntax
tree from the cache instead, without importing lark or building the parser (~30 ms of
every start, more for long files: 200 lines parse in ~35 ms and load in ~3 ms).

- Only ``sq run`` and ``sq check`` (and the files they import) use the cache;
  ``dsl.run`` and other embedding calls never write files unless given
  ``parse_cache=True``.
- An entry is found by a checksum of the text, the parser's own files (their sizes and
  modification times, so an edited parser never reuses old trees) and the Python
  version, and holds the text itself: it is used only when that text is exactly the
  one being run. Trees are stored with ``marshal`` (plain tuples, lists and strings):
  loading a cache file cannot run code, unlike a pickle.
- Where: ``$SQDSL_CACHE_DIR``, else ``$XDG_CACHE_HOME/sqdsl``, else ``~/.cache/sqdsl``;
  ``SQDSL_CACHE_DIR=off`` turns it off. At most ``MAX_ENTRIES`` files are kept (the least
  recently used go). Any failure to read or write the cache is ignored: parsing is
  always the fallback, so the cache can change only speed, never a result.
"""
from __future__ import annotations

import marshal
import os
import sys
import threading
import zlib
from typing import Any, Optional

from . import ast as A
from .source import Span

__all__ = ["parse_cached", "cache_dir", "parser_files_version", "write_entry", "encode",
           "decode", "MAX_ENTRIES"]

MAX_ENTRIES = 500
_FORMAT = b"sqdsl-ast-1"
_PARSER_FILES = ("grammar.lark", "parser.py", "ast.py", "parse_errors.py", "parse_cache.py",
                 "built_parser.py")
_NODES = {cls.__name__: cls for cls in vars(A).values()
          if isinstance(cls, type) and issubclass(cls, A.Node)}


def cache_dir() -> Optional[str]:
    """Where parsed trees are kept, or None when the cache is turned off."""
    configured = os.environ.get("SQDSL_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sqdsl")


def parser_files_version() -> bytes:
    """The sizes and modification times of the parser's own files: changes whenever
    one of them is edited or replaced."""
    here = os.path.dirname(__file__)
    parts = []
    for name in _PARSER_FILES:
        st = os.stat(os.path.join(here, name))
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return b";".join(parts)


def _version() -> bytes:
    """What else a tree depends on: this format, Python, and the parser's files."""
    return b";".join([_FORMAT, sys.version.encode(), parser_files_version()])


def _file_name(text: bytes, version: bytes) -> str:
    # a checksum only finds the entry; the entry's own copy of the text decides
    return "%08x%08x%x.ast" % (zlib.crc32(version), zlib.crc32(text), len(text))


def parse_cached(text: str, name: str = "<input>") -> A.Program:
    """``dsl.parser.parse(text, name)``, from the cache when this text was parsed before."""
    folder = cache_dir()
    path = raw = version = None
    if folder is not None:
        try:
            raw, version = text.encode("utf-8", "surrogatepass"), _version()
            path = os.path.join(folder, _file_name(raw, version))
            with open(path, "rb") as f:
                stored_version, stored_text, tree = marshal.load(f)
            if stored_version == version and stored_text == raw:
                program = decode(tree)
                if isinstance(program, A.Program):
                    os.utime(path)  # recently used: kept when the cache is pruned
                    return program
        except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError,
                RecursionError):
            pass  # not cached yet, or unreadable: parse
    from .parser import parse  # imports lark: only on a miss
    program = parse(text, name)
    if path is not None:
        _store(path, version, raw, program)
    return program


def _store(path: str, version: bytes, raw: bytes, program: A.Program) -> None:
    try:
        write_entry(path, marshal.dumps((version, raw, encode(program))), MAX_ENTRIES)
    except (OSError, ValueError, RecursionError):
        pass  # a read-only or full disk (or a tree too deep for marshal) only costs speed


def write_entry(path: str, data: bytes, keep: int) -> None:
    """Write a cache file whole (readers never see half of one), then drop the least
    recently used files of its kind (its suffix) beyond ``keep``. Raises OSError."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    partial = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
    with open(partial, "wb") as f:
        f.write(data)
    os.replace(partial, path)
    suffix = os.path.splitext(path)[1]
    entries = [e for e in os.scandir(folder) if e.name.endswith(suffix)]
    if len(entries) <= keep:
        return
    entries.sort(key=lambda e: e.stat().st_mtime)
    for old in entries[:len(entries) - keep]:
        try:
            os.unlink(old.path)
        except OSError:
            pass


# ---- syntax tree <-> marshal-able data ----
# A node is a list [class name, field, field, ...]; a span a list [None, six ints];
# tuples stay tuples; strings, numbers, booleans and None are themselves.

def encode(value: Any) -> Any:
    """A syntax tree as plain data that ``marshal`` can write."""
    if isinstance(value, Span):
        return [None, *value]
    if isinstance(value, A.Node):
        return [type(value).__name__, *(encode(value.__dict__[f]) for f in value._fields)]
    if isinstance(value, tuple):
        return tuple(encode(v) for v in value)
    if value is None or isinstance(value, (str, float, bool, int)):
        return value
    raise ValueError(f"cannot encode {type(value).__name__} in a syntax tree")


def decode(data: Any) -> Any:
    """The syntax tree that ``encode`` turned into ``data``."""
    if isinstance(data, list):
        head = data[0]
        if head is None:
            return Span(*data[1:])
        return _NODES[head](*(decode(v) for v in data[1:]))
    if isinstance(data, tuple):
        return tuple(decode(v) for v in data)
    return data
