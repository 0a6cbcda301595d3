"""The syntax layer: text -> syntax tree.

The grammar (``grammar.lark``) and its parser with tables built ahead of time, the tree's
node classes (``ast``), parse errors with their hints, the on-disk cache of parsed
trees, and the static check of unit annotations (it reads only the tree). It imports
only the base layer (dsl/layers.py).
"""
