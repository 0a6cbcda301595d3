"""The layers of the package: each is a package of ``dsl``, and data flows one way.

    base -> syntax -> engine -> render -> front

(DESIGN.md section 5):

- ``dsl.base``: what every layer shares and that knows nothing of the language: source
  positions, the error classes, limits and the run's clock, control characters, the
  ``Struct`` helper, JavaScript's number and date formats.
- ``dsl.syntax``: text -> syntax tree: grammar, parser and its tables, parse errors, the
  parse cache, the static unit check (it reads only the tree).
- ``dsl.engine``: syntax tree -> values: evaluator, values and distributions, their
  laws, the registry of builtins and the standard library (the package ``stdlib``, in
  this layer too), the session, the one-line text of a value that errors and
  ``String(x)`` use.
- ``dsl.render``: values -> text, JSON and HTML/SVG, the run's report, the terminal
  histogram and tornado, the builtin documentation.
- ``dsl.front``: what a person drives: the CLI, the REPL, ``sq run --watch``, the
  notebook, the playground; and the package's API (``dsl`` itself, ``dsl.__main__``,
  this module).

The rule, checked by tests/test_layers.py over every import (at module level and
inside functions alike; ``if TYPE_CHECKING:`` imports too, since an annotation naming a
higher layer's type is still a dependency on it):

- a module imports only from its own layer or a layer below it;
- there are no import circles (a function-level import that dodges one at run time is
  still one; an import under ``if TYPE_CHECKING:`` never runs, so it makes none);
- nothing in ``dsl`` imports ``dsl/__init__.py`` (the public API, at the top): import
  the module that defines the name;
- a package's ``__init__`` runs before any module inside it, so at module level it
  imports only what all of them may import (``dsl/__init__.py``: base modules only).

A lower layer that must reach a higher one is given what it needs: an argument
(``dsl.engine.values.from_python`` is handed ``Dist.from_samples`` by
``dsl.engine.conversion``), or a hook the higher layer installs (``dsl.base.html_hooks``:
the API installs the notebook's drawers, which the engine's values call for
``_repr_html_``; ``dsl.base.python_hooks`` likewise for Python's operators on values and
``Dist.plot``). The registry loads the standard library's modules by the names
``stdlib`` hands it (its manifest), without naming ``stdlib``.

``MODULES`` names each package's layer (an entry ending in ``.*`` covers every module
under it); a module outside them has no layer, and the test names it.
"""
from __future__ import annotations

from typing import Optional

__all__ = ["LAYERS", "MODULES", "layer_of"]

# lowest first: a module may import from its own layer and those before it
LAYERS = ("base", "syntax", "engine", "render", "front")

MODULES: dict[str, str] = {
    "dsl.base": "base",
    "dsl.base.*": "base",
    "dsl.syntax": "syntax",
    "dsl.syntax.*": "syntax",
    "dsl.engine": "engine",
    "dsl.engine.*": "engine",
    "stdlib": "engine",
    "stdlib.*": "engine",
    "dsl.render": "render",
    "dsl.render.*": "render",
    "dsl.front": "front",
    "dsl.front.*": "front",
    # the API over every layer, ``python -m dsl``, and this table
    "dsl": "front",
    "dsl.__main__": "front",
    "dsl.layers": "front",
}


def layer_of(module: str) -> Optional[str]:
    """The layer of a dotted module name, or None when the table has no entry for it
    (nor for a package above it ending in ``.*``)."""
    if module in MODULES:
        return MODULES[module]
    parts = module.split(".")
    for n in range(len(parts) - 1, 0, -1):
        layer = MODULES.get(".".join(parts[:n]) + ".*")
        if layer is not None:
            return layer
    return None
