"""The standard library: one module per namespace or theme (listed in
``stdlib.catalogue.MODULES``), each declaring its builtins in the default registry
(``dsl.engine.registry.DEFAULT``) when imported.

Importing this package imports none of them: it hands the registry the manifest of
their names, and the registry imports a module the first time one of its names is
looked up (start-up stays fast; see stdlib/catalogue.py).
"""
from dsl.engine.registry import DEFAULT

from .manifest import MANIFEST

DEFAULT.defer(MANIFEST)
DEFAULT.describe("stdlib.namespaces")  # descriptions of the namespaces, for the docs


def load_all() -> None:
    """Import every module now (for documentation and tests that list all builtins)."""
    DEFAULT.load_all()
