"""``python -m dsl`` behaves like the ``sq`` command."""
import sys

from .cli import main

sys.exit(main())
