"""The built Lark parser kept on disk, so a new process need not rebuild it.

``Lark(..., cache=True)`` keeps the grammar's tables in lark's own cache, but loading
them still rebuilds every rule and the LALR table object by object: ~9 ms at every start
of ``sq`` that parses. Pickling the finished parser object and loading that takes
~4 ms. Where: the parse cache's folder (``dsl.parse_cache.cache_dir``; nothing is
written when it is off), at most ``KEEP`` of them.

An entry is used only if it was made from the same grammar text, lark version, Python
version and this package's parser files; anything else, or any failure to load it,
means building the parser as before (and writing a new entry). Two objects are not
pickled but reattached on load: lark's ``Shift``/``Reduce`` markers (compared by
identity) and the post-lexer, which belongs to the thread that loads the parser.
Like the parse cache, the folder is the user's own: a pickle there is trusted as
lark's own cache file is.
"""
from __future__ import annotations

import importlib
import io
import os
import pickle
import sys
import types
import zlib
from typing import Any, Optional

__all__ = ["load", "save"]

_FORMAT = b"sqdsl-lark-1"
KEEP = 4  # built parsers kept (one per grammar and install; ~170 KB each)


def _path(grammar: str) -> Optional[str]:
    from .parse_cache import cache_dir, parser_files_version
    import lark
    folder = cache_dir()
    if folder is None:
        return None
    key = b";".join([_FORMAT, lark.__version__.encode(), sys.version.encode(),
                     parser_files_version(), grammar.encode()])
    return os.path.join(folder, "lark-%08x%x.pickle" % (zlib.crc32(key), len(key)))


def _markers() -> dict:
    from lark.parsers import lalr_analysis
    return {"Shift": lalr_analysis.Shift, "Reduce": lalr_analysis.Reduce}


class _Pickler(pickle.Pickler):
    def __init__(self, file, postlex: Any) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.postlex = postlex
        self.markers = {id(v): k for k, v in _markers().items()}

    def persistent_id(self, obj: Any) -> Any:
        if obj is self.postlex:
            return ("postlex",)
        if isinstance(obj, types.ModuleType):  # lark keeps the `re` module it uses
            return ("module", obj.__name__)
        marker = self.markers.get(id(obj))
        return ("marker", marker) if marker is not None else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, postlex: Any) -> None:
        super().__init__(file)
        self.postlex = postlex
        self.markers = _markers()

    def persistent_load(self, pid: Any) -> Any:
        kind = pid[0]
        if kind == "postlex":
            return self.postlex
        if kind == "module" and pid[1] in ("re", "regex"):
            return importlib.import_module(pid[1])
        if kind == "marker":
            return self.markers[pid[1]]
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def load(grammar: str, postlex: Any):
    """The parser built from ``grammar`` earlier, with ``postlex`` attached, or None."""
    try:
        path = _path(grammar)
        if path is None:
            return None
        with open(path, "rb") as f:
            stored_grammar = pickle.load(f)
            if stored_grammar != grammar:
                return None
            return _Unpickler(f, postlex).load()
    except Exception:  # noqa: BLE001 - an unusable entry only means building anew
        return None


def save(parser: Any, grammar: str, postlex: Any) -> None:
    """Keep ``parser`` (built from ``grammar``) for the next process; failures ignored."""
    try:
        path = _path(grammar)
        if path is None:
            return
        from .parse_cache import write_entry
        buffer = io.BytesIO()
        pickle.dump(grammar, buffer)
        _Pickler(buffer, postlex).dump(parser)
        write_entry(path, buffer.getvalue(), KEEP)
    except Exception:  # noqa: BLE001 - a parser that cannot be kept is still usable
        pass
