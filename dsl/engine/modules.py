"""``import "./lib.sq" as lib``: finding, sandboxing and evaluating imported files.

An import may only name a ``.sq`` (or ``.squiggle``) file inside the importing file's
own folder: no absolute paths, no ``..``, and no symlink that leads outside. The module
evaluates in a fresh environment and its ``export``ed bindings become a record.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Optional

from ..syntax import ast as A
from .env import Env
from ..base.errors import DslError, ImportError_
from ..base.source import Source, read_source
from .tags import NO_TAGS, ExportData, with_tags
from .values import Record

if TYPE_CHECKING:
    from .evaluator import Evaluator

__all__ = ["ModuleLoader", "SUFFIXES"]

SUFFIXES = (".sq", ".squiggle")


class ModuleLoader:
    """Loads each imported file once per session and refuses cycles."""

    def __init__(self, registry, parse: Callable) -> None:
        self.registry = registry
        self.parse = parse  # the session's parse function (cached or not)
        self.cache: dict[str, Record] = {}
        self.loading: list[str] = []
        self.root = ""  # the importing model's folder, set by its first import
        self.max_bytes: Optional[int] = None  # largest file read (read_source's default)
        # every file imported so far (real path) -> the files it imports, for a watcher
        # and for telling when an import's files changed (``closure``)
        self.files: dict[str, list[str]] = {}

    def closure(self, full: str) -> list[str]:
        """``full`` and every file it imports, directly or not, as last loaded."""
        found, todo = [], [full]
        while todo:
            path = todo.pop()
            if path not in found:
                found.append(path)
                todo.extend(self.files.get(path, ()))
        return found

    def resolve_path(self, imp: A.Import, importer: Source) -> str:
        """The real path ``imp`` names, or an ImportError saying why it is not allowed."""
        # an imported module's Source is named from the model's folder (for messages);
        # its real path is the one being loaded
        importer_path = self.loading[-1] if self.loading else importer.name
        if not os.path.isfile(importer_path):
            raise ImportError_("imports are only possible from a model file (run it with "
                               "`sq run FILE` or dsl.run_file)")
        path = imp.path
        if any(c in path for c in "\0\n\r") or not path.isprintable():
            raise ImportError_(f"cannot import {path!r}: a file name cannot contain control "
                               "characters")
        if os.path.isabs(path) or path.startswith("~"):
            raise ImportError_(f"cannot import {path!r}: imports must be relative paths "
                               "inside the model's folder, like \"./lib.sq\"")
        parts = path.replace("\\", "/").split("/")
        if ".." in parts:
            raise ImportError_(f"cannot import {path!r}: '..' would leave the model's folder")
        if not path.endswith(SUFFIXES):
            raise ImportError_(f"cannot import {path!r}: only .sq files can be imported")
        folder = os.path.dirname(os.path.realpath(importer_path))
        full = os.path.realpath(os.path.join(folder, path))
        if os.path.commonpath([folder, full]) != folder:
            raise ImportError_(f"cannot import {path!r}: it leads outside the model's folder")
        if not os.path.isfile(full):
            raise ImportError_(f"cannot import {path!r}: no such file")
        return full

    def read(self, full: str, imp: A.Import, importer: Source) -> tuple[str, str]:
        """(name, text) of the file at ``full``: its name is its path from the model's
        folder (never the server's absolute path). A streamed run's chunk reads the
        texts shipped with its task instead (``dsl.engine.stream_imports``)."""
        if not self.loading:  # the model's own folder: what error messages name files by
            self.root = os.path.dirname(os.path.realpath(importer.name))
        name = os.path.relpath(full, self.root)
        try:
            return name, read_source(full, self.max_bytes, shown=repr(imp.path))
        except DslError as e:
            raise ImportError_(e.message).located(imp.span, importer) from None

    def load(self, imp: A.Import, importer: Source, evaluator: "Evaluator") -> Record:
        """The record of ``imp``'s exported bindings."""
        from .resolver import resolve
        try:
            full = self.resolve_path(imp, importer)
        except DslError as e:
            raise e.located(imp.span, importer)
        if self.loading and full not in self.files.setdefault(self.loading[-1], []):
            self.files[self.loading[-1]].append(full)
        if full in self.cache:
            return self.cache[full]
        if full in self.loading:
            raise ImportError_(f"import cycle: {imp.path!r} is already being imported"
                               ).located(imp.span, importer)
        name, text = self.read(full, imp, importer)
        self.files[full] = []  # filled again as it imports
        program = self.parse(text, name)
        source = Source(name, text)
        resolve(program, self.registry, (), source)
        self.loading.append(full)
        saved_source, saved_scope = evaluator.source, evaluator.stream_scope
        try:
            _, bindings, _ = evaluator.run_statements(program, Env(), source,
                                                      scope_prefix=f"{imp.path}:")
        finally:
            self.loading.pop()
            evaluator.source, evaluator.stream_scope = saved_source, saved_scope
        # as in Squiggle, what a module exports carries where it came from
        # (Tag.getExportData): the record {sourceId, path: []}, each value path [name]
        record = with_tags(Record({
            b.name: with_tags(b.value, b.value.tags.merge(
                exportData=ExportData(imp.path, (b.name,))))
            for b in bindings if b.exported}), NO_TAGS.merge(exportData=ExportData(imp.path, ())))
        self.cache[full] = record
        return record
