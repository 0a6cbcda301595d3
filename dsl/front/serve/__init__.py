"""``sq serve``: the playground, a local web server with a live editor and a card per
binding (PROTOCOL.md beside this file).

Its web stack (Starlette, uvicorn, websockets) is the optional extra ``sqdsl[serve]``;
only the modules of this package import it, and ``require_extra`` says plainly what to
install when it is missing. This module itself imports nothing of it.
"""
from __future__ import annotations

import importlib

__all__ = ["ExtraMissing", "require_extra", "INSTALL_HINT"]

INSTALL_HINT = 'pip install "sqdsl[serve]"'
_NEEDED = ("starlette", "uvicorn", "websockets")


class ExtraMissing(RuntimeError):
    """The ``serve`` extra is not installed."""


def require_extra() -> None:
    """Raise ExtraMissing, naming the install command, unless every module the server
    needs can be imported."""
    missing = []
    for name in _NEEDED:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise ExtraMissing(f"sq serve needs {', '.join(missing)}, which are not installed; "
                           f"install the playground's extra: {INSTALL_HINT}")
