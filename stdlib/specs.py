"""``Spec.make``: Squiggle 0.10's specifications (fr/specification.ts): a name,
documentation and a function that validates a value; ``Tag.spec`` (``@spec``) puts
one on a value.
"""
from __future__ import annotations

from dsl.engine.pictures import Specification
from dsl.engine.registry import builtin
from dsl.engine.types import Fn, Str

from .picture_args import Options, SpecT, bare

__all__: list[str] = []


@builtin("Spec.make", examples=[
    ('String(Spec.make({name: "Positive", documentation: "Over 0", validate: {|x| x > 0}}))',
     '"{\\"name\\":\\"Positive\\",\\"documentation\\":\\"Over 0\\",\\"validate\\":'
     '\\"(x) => internal code\\"}"'),
    ('typeOf(Spec.make({name: "a", documentation: "b", validate: {|x| ""}}))',
     '"Specification"')])
def make(spec: Options({"name": Str, "documentation": Str, "validate": Fn})) -> SpecT:
    """A specification: ``name``, ``documentation`` and a ``validate`` function of
    a value (Squiggle's convention: it returns "" when the value is fine, else what is
    wrong). ``Spec(...)`` is ``Spec.make``.

    A specification equals only itself. ``@spec(s)`` on a binding gives the value
    the specification's name and documentation."""
    return Specification(spec["name"], spec["documentation"], bare(spec["validate"]))
