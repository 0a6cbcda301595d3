"""A REPL engine printing into strings, small enough to be quick."""
import io

import pytest

from dsl.front.repl.engine import Engine


@pytest.fixture
def engine():
    return Engine(samples=2000, seed=1, out=io.StringIO(), err=io.StringIO(),
                  color=False, width=80)
