"""The standard library: importing this package declares every builtin in the default
registry (``dsl.registry.DEFAULT``). One module per namespace or theme."""
from . import (arithmetic, common, correlate, dists, math, mixtures,  # noqa: F401
               queries, samplesets, sensitivity, truncation)
from . import (booleans, dicts, list_functions, lists, number_operators,  # noqa: F401
               numbers, strings, system)
from . import takeoff  # noqa: F401
