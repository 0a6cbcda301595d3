"""The standard library: importing this package declares every builtin in the default
registry (``dsl.registry.DEFAULT``). One module per namespace or theme."""
from . import arithmetic, common, dists, math, mixtures, queries, samplesets, truncation  # noqa: F401
