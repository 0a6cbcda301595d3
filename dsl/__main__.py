"""``python -m dsl`` behaves like the ``sq`` command."""
from .front.cli import console

console()
