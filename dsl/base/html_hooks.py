"""How a notebook draws a value or a run (their ``_repr_html_``), installed from above.

The drawing lives in the render layer (``dsl.render.html``) and the notebook front end
(``dsl.front.notebook``); values and sessions are below both and import neither. The package's
API (``dsl/__init__.py``) installs the front end's drawers here, each importing
``dsl.front.notebook`` on first use, so that ``import dsl`` stays quick. Without a drawer a value
has no HTML (``None``: a notebook shows its text).
"""
from __future__ import annotations

from typing import Any, Callable, Optional

__all__ = ["install", "draw"]

_DRAWERS: dict[str, Callable[..., str]] = {}


def install(value: Callable[[Any], str], run: Callable[[Any, Callable], str]) -> None:
    """Set the drawers: ``value(v)`` for a value, ``run(result, clocked)`` for a run
    (``clocked`` wraps the drawing of each ``(name, value)`` in the run's meter)."""
    _DRAWERS.update(value=value, run=run)


def draw(kind: str, *args: Any) -> Optional[str]:
    """The HTML of a "value" or a "run", or None when no drawer is installed."""
    drawer = _DRAWERS.get(kind)
    return drawer(*args) if drawer is not None else None
