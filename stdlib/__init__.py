"""The standard library: importing this package declares every builtin in the default
registry (``dsl.registry.DEFAULT``). One module per namespace or theme."""
from . import arithmetic, common, dists, math, mixtures, queries, samplesets, truncation  # noqa: F401
from . import (booleans, dicts, list_functions, lists, number_operators,  # noqa: F401
               numbers, strings, system)
