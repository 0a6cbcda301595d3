"""The files a server may read and write: the model files it was started with and new
``.sq`` files inside the folder it was started in, never anything outside that folder.

Paths are resolved (symlinks followed) before they are compared, so a link inside the
folder pointing out of it, ``..`` and absolute paths elsewhere are all refused; the
server never writes through a name it has not checked here."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Optional, Sequence

from ...base.source import read_source

__all__ = ["Workspace", "Model", "SaveRefused", "stamp"]


class SaveRefused(Exception):
    """A save to a path the server may not write."""


def stamp(path: Optional[Path]) -> Optional[tuple[int, int]]:
    """The file's (modification time in ns, size), None when it cannot be read (an
    editor saving by renaming a new file into place, for a moment) or there is none."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class Model:
    """One page's file: its path (None while untitled) and the title the page shows."""

    def __init__(self, index: int, path: Optional[Path], title: str) -> None:
        self.index, self.path, self.title = index, path, title

    def json(self) -> dict:
        return {"id": self.index, "path": self.title if self.path else None,
                "title": self.title}


class Workspace:
    """The start folder ``root`` and the models: one per file given, or one untitled
    model when none is."""

    def __init__(self, root: str | os.PathLike, files: Sequence[str] = (),
                 max_bytes: Optional[int] = None) -> None:
        self.root = Path(root).resolve()
        self.max_bytes = max_bytes
        self.models: list[Model] = []
        self._allowed: set[Path] = set()  # files given at start, and files saved since
        for name in files:
            path = Path(name)
            path = (path if path.is_absolute() else self.root / path).resolve()
            self._allowed.add(path)
            self.models.append(Model(len(self.models), path, self._title(path)))
        if not self.models:
            self.models.append(Model(0, None, "untitled.sq"))

    def _title(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:  # a file given at start from elsewhere: its full path
            return str(path)

    def model(self, index: int) -> Optional[Model]:
        return self.models[index] if 0 <= index < len(self.models) else None

    def read(self, model: Model) -> str:
        """The model's text ('' for an untitled one, or a file not made yet); a
        DslError when it cannot be read."""
        if model.path is None or not model.path.exists():
            return ""
        return read_source(str(model.path), self.max_bytes, shown=model.title)

    def target(self, name: Optional[str], model: Model) -> Path:
        """The resolved file a save of ``model`` as ``name`` (None: its own file) would
        write, or SaveRefused saying why not."""
        if name is None:
            if model.path is None:
                raise SaveRefused("this model has no file yet: give a path to save it as")
            return model.path
        if not name or "\0" in name:
            raise SaveRefused("the path is empty or holds a NUL character")
        given = Path(name)
        if ".." in given.parts:
            raise SaveRefused(f"refused to save to {name}: '..' is not allowed")
        path = (given if given.is_absolute() else self.root / given).resolve()
        if path in self._allowed:
            return path
        if not path.is_relative_to(self.root):
            raise SaveRefused(f"refused to save to {name}: it is outside the folder the "
                              f"server was started in ({self.root})")
        if path.suffix != ".sq":
            raise SaveRefused(f"refused to save to {name}: a new model file must end in .sq")
        if path.exists():
            raise SaveRefused(f"refused to save to {name}: it exists and was not given "
                              "to sq serve (start it with that file to edit it)")
        if not path.parent.is_dir():
            raise SaveRefused(f"refused to save to {name}: no folder {path.parent.name}")
        return path

    def save(self, model: Model, text: str, name: Optional[str] = None) -> Model:
        """Write ``text`` to the model's file or to ``name``, atomically (a temporary
        file beside it renamed into place); the model now names that file. A save the
        workspace does not allow is a SaveRefused, an OS failure a SaveRefused too."""
        path = self.target(name, model)
        try:
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".sq-save-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
                if path.exists():
                    os.chmod(temp, os.stat(path).st_mode & 0o7777)
                os.replace(temp, path)
            except BaseException:
                if os.path.exists(temp):
                    os.unlink(temp)
                raise
        except OSError as e:
            raise SaveRefused(f"cannot save {self._title(path)}: {e.strerror or e}") from None
        self._allowed.add(path)
        model.path, model.title = path, self._title(path)
        return model
