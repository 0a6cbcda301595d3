"""``python -m dsl`` behaves like the ``sq`` command."""
from .cli import console

console()
