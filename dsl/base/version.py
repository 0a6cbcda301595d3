"""The version of sqdsl (``dsl.__version__``, ``System.version``, the REPL's banner).

A module of its own at the bottom of the layers, so that the standard library and the
front ends can read it without importing the package's API (``dsl/__init__.py``).
Keep it equal to ``version`` in pyproject.toml (tests/test_layers.py checks).
"""
__version__ = "0.1.0"
