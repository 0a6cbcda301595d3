"""The layers of the package: which layer every module of ``dsl`` and ``stdlib`` is in.

Data flows one way (DESIGN.md section 5)::

    base -> syntax -> engine -> render -> front

- ``base``: what every layer shares and that knows nothing of the language: source
  positions, the error classes, limits and the run's clock, control characters, the
  ``Struct`` helper, JavaScript's number and date formats.
- ``syntax``: text -> syntax tree: grammar, parser and its tables, parse errors, the
  parse cache, the static unit check (it reads only the tree).
- ``engine``: syntax tree -> values: evaluator, values and distributions, their laws,
  the registry of builtins and the standard library (``stdlib``), the session, the
  one-line text of a value that errors and ``String(x)`` use.
- ``render``: values -> text, JSON and HTML/SVG (``dsl.render``, the run's report, the
  terminal histogram, the builtin documentation).
- ``front``: what a person drives: the CLI, the REPL, ``sq run --watch``, the notebook
  (``dsl.svg``), the playground (``dsl.front``) and the package's API (``dsl``).

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
(``dsl.values.from_python`` is handed ``Dist.from_samples`` by ``dsl.conversion``), or
a hook the higher layer installs (``dsl.html_hooks``: the API installs the notebook's
drawers, which the engine's values call for ``_repr_html_``; ``dsl.python_hooks``
likewise for Python's operators on values and ``Dist.plot``). The registry loads the
standard library's modules by the names ``stdlib`` hands it (its manifest), without
naming ``stdlib``.

``MODULES`` names each module's layer; an entry ending in ``.*`` covers a whole package
(every module under ``dsl.render`` is render). A new module must be added here (the test
names it). ``target`` says where each module moves when the layers become packages
(``dsl/base/``, ``dsl/syntax/``, ``dsl/engine/``, ``dsl/render/``, ``dsl/front/``):
the move is mechanical, this table drives it. ``stdlib`` stays a package of its own
(engine); ``dsl`` itself stays the API.
"""
from __future__ import annotations

from typing import Optional

__all__ = ["LAYERS", "MODULES", "MOVES", "layer_of", "target"]

# lowest first: a module may import from its own layer and those before it
LAYERS = ("base", "syntax", "engine", "render", "front")

MODULES: dict[str, str] = {
    # ---- base: shared by every layer, knows nothing of the language
    "dsl.controls": "base",
    "dsl.structs": "base",
    "dsl.source": "base",
    "dsl.errors": "base",
    "dsl.limits": "base",
    "dsl.limit_checks": "base",
    "dsl.meter": "base",
    "dsl.recursion": "base",
    "dsl.steps": "base",
    "dsl.version": "base",
    "dsl.binning": "base",
    "dsl.figures": "base",
    "dsl.html_hooks": "base",
    "dsl.python_hooks": "base",
    "dsl.number_format": "base",
    "dsl.js_date": "base",
    "dsl.js_date_parse": "base",
    "dsl.date_format": "base",
    # ---- syntax: text -> syntax tree
    "dsl.ast": "syntax",
    "dsl.parser": "syntax",
    "dsl.parser_tables": "syntax",
    "dsl.built_parser": "syntax",
    "dsl.parse_errors": "syntax",
    "dsl.parse_cache": "syntax",
    "dsl.units": "syntax",
    "dsl.write_parser_tables": "syntax",
    # ---- engine: syntax tree -> values
    "dsl.evaluator": "engine",
    "dsl.context": "engine",
    "dsl.env": "engine",
    "dsl.functions": "engine",
    "dsl.values": "engine",
    "dsl.conversion": "engine",
    "dsl.dist": "engine",
    "dsl.laws": "engine",
    "dsl.closed_forms": "engine",
    "dsl.symbolic_law": "engine",
    "dsl.pointset_law": "engine",
    "dsl.exact_note": "engine",
    "dsl.parallel": "engine",
    "dsl.tags": "engine",
    "dsl.time_values": "engine",
    "dsl.value_text": "engine",
    "dsl.display": "engine",
    "dsl.types": "engine",
    "dsl.registry": "engine",
    "dsl.lookup_errors": "engine",
    "dsl.squiggle_support": "engine",
    "dsl.squiggle_library": "engine",
    "dsl.resolver": "engine",
    "dsl.dependencies": "engine",
    "dsl.dataflow": "engine",
    "dsl.modules": "engine",
    "dsl.session": "engine",
    "dsl.pictures": "engine",
    "dsl.plot_values": "engine",
    "dsl.table_values": "engine",
    "dsl.calculator_run": "engine",
    "dsl.call_sites": "engine",
    "dsl.python_ops": "engine",
    "dsl.frames": "engine",
    "dsl.pick_freeze": "engine",
    "dsl.sensitivity_inputs": "engine",
    "stdlib": "engine",
    "stdlib.*": "engine",
    # ---- render: values -> text, JSON, HTML/SVG
    "dsl.render": "render",
    "dsl.render.*": "render",
    "dsl.report": "render",
    "dsl.histogram": "render",
    "dsl.tornado": "render",
    "dsl.doc_text": "render",
    "dsl.docs": "render",
    "dsl.samples_out": "render",
    # ---- front: what a person drives
    "dsl": "front",
    "dsl.__main__": "front",
    "dsl.layers": "front",
    "dsl.cli": "front",
    "dsl.progress": "front",
    "dsl.watch": "front",
    "dsl.svg": "front",
    "dsl.jupyter_magics": "front",
    "dsl.repl": "front",
    "dsl.repl.*": "front",
    "dsl.front": "front",
    "dsl.front.*": "front",
}

# where a module moves that does not simply keep its name inside its layer's package
MOVES: dict[str, str] = {
    "dsl": "dsl",
    "dsl.__main__": "dsl.__main__",
    "dsl.layers": "dsl.layers",
    "dsl.svg": "dsl.front.notebook",
    "dsl.report": "dsl.render.report",
    "dsl.histogram": "dsl.render.histogram",
    "dsl.tornado": "dsl.render.tornado",
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


def target(module: str) -> str:
    """The dotted name a module gets when each layer is a package of its own:
    ``dsl.errors`` -> ``dsl.base.errors``, ``dsl.repl.app`` -> ``dsl.front.repl.app``;
    ``stdlib`` and the modules already in their layer's package keep theirs."""
    if module in MOVES:
        return MOVES[module]
    layer = layer_of(module)
    if layer is None:
        raise KeyError(f"{module} has no layer in dsl/layers.py MODULES")
    if not module.startswith("dsl.") or module.startswith(f"dsl.{layer}"):
        return module
    return f"dsl.{layer}.{module[len('dsl.'):]}"
