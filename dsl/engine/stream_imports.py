"""A streamed run's imports travel with its chunk tasks as text.

Where the run starts (``dsl.run_file``, ``sq run``) every ``import`` of the model and of
the files it imports is resolved with the same checks as an in-memory run's
(``ModuleLoader.resolve_path``: relative, inside the model's folder, no ``..``, no
symlink leading out, .sq files, the size limit) and read once (``collect``). The task
carries the texts and, for each import statement, which text it names (plain data).
A chunk's evaluator loads imports through ``TextLoader``, which looks them up there
and never opens a file: a Dask worker needs no copy of the model's folder, and every
chunk sees the very files the run started with.
"""
from __future__ import annotations

from typing import Optional

from ..base.errors import DslError, ImportError_
from ..base.source import Source
from .modules import ModuleLoader

__all__ = ["collect", "TextLoader", "MODEL"]

MODEL = ""  # the importer key of the model itself (a module's key is its name)


def collect(program, source: Source, loader: ModuleLoader) -> Optional[tuple]:
    """The model's imports as plain data, ``(links, texts)``: links ``(importer key,
    import path, key)`` for every import statement reached, texts ``(key, text)``, a
    key being the file's path from the model's folder; None when it imports nothing.
    Errors are the in-memory run's (located at the import)."""
    if not program.imports:
        return None
    links: dict = {}
    texts: dict = {}
    _collect(program, source, MODEL, loader, links, texts)
    return (tuple((a, b, c) for (a, b), c in links.items()), tuple(texts.items()))


def _collect(program, source: Source, key: str, loader: ModuleLoader, links: dict,
             texts: dict) -> None:
    for imp in program.imports:
        try:
            full = loader.resolve_path(imp, source)
        except DslError as e:
            raise e.located(imp.span, source)
        name, text = loader.read(full, imp, source)
        links[(key, imp.path)] = name
        if name in texts:  # read already (imported twice, or a cycle: the chunk's
            continue       # loader refuses a cycle as the in-memory run does)
        texts[name] = text
        module = Source(name, text)
        tree = loader.parse(text, name)  # a syntax error here is the in-memory run's
        loader.loading.append(full)
        try:
            _collect(tree, module, name, loader, links, texts)
        finally:
            loader.loading.pop()


class TextLoader(ModuleLoader):
    """A chunk's module loader: imports resolved as the run's start resolved them, read
    from the texts the task carries (``collect``'s plain data), never from disk."""

    def __init__(self, registry, parse, shipped: Optional[tuple]) -> None:
        super().__init__(registry, parse)
        links, texts = shipped if shipped is not None else ((), ())
        self.links = {(a, b): c for a, b, c in links}
        self.texts = dict(texts)

    def resolve_path(self, imp, importer: Source) -> str:
        key = self.links.get((self.loading[-1] if self.loading else MODEL, imp.path))
        if key is None or key not in self.texts:
            raise ImportError_(f"cannot import {imp.path!r}: a streamed run's chunk reads "
                               "only the files resolved where the run started (run the "
                               "model with dsl.run_file or sq run FILE)")
        return key

    def read(self, full: str, imp, importer: Source) -> tuple[str, str]:
        return full, self.texts[full]
