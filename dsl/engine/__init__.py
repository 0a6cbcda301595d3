"""The engine layer: syntax tree -> values.

The evaluator and its context, values and distributions with their exact laws, the
registry of builtins (the standard library in ``stdlib`` registers into it), the
session that keeps bindings between runs, and the text of a value that errors and
``String(x)`` use. It imports only the base and syntax layers (dsl/layers.py).
"""
