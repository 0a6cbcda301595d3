"""How a value reached from Python computes and draws (``Dist`` operators, numpy ufuncs,
``Dist.plot``), installed from above.

Python's operators on a ``Dist`` (``d + 1``, ``np.log(d)``) must mean what the
language's operators mean, so they call the language's builtins through an evaluator;
``d.plot()`` draws with matplotlib on the render layer's axis rule. Both live above the
values (``dsl.engine.python_ops``, ``dsl.render.matplotlib_plot``), which import neither: the
package's API (``dsl/__init__.py``) installs them here, each imported on first use.
"""
from __future__ import annotations

from typing import Any, Callable

__all__ = ["install", "call"]

_HOOKS: dict[str, Callable[..., Any]] = {}


def install(**hooks: Callable[..., Any]) -> None:
    """Set hooks by name: ``operate(name, args, text)`` applies the language's builtin
    ``name`` to values; ``plot(dist, ax, kind)`` draws a distribution."""
    _HOOKS.update(hooks)


def call(name: str, *args: Any) -> Any:
    """Call the hook ``name``; a RuntimeError when none is installed (``import dsl``
    installs them all, and every value comes through that package)."""
    hook = _HOOKS.get(name)
    if hook is None:
        raise RuntimeError(f"dsl.base.python_hooks: no {name!r} hook installed (import dsl)")
    return hook(*args)
