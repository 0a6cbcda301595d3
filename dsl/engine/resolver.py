"""Static name resolution: every name used must be defined before it (or be a builtin),
checked before anything runs. This is ``sq check``, and it lets a long model fail on a
typo in its last line at once instead of after all the sampling."""
from __future__ import annotations

from typing import Iterable

from ..syntax import ast as A
from .lookup_errors import namespace_alone, undefined_name, unknown_member
from ..base.recursion import SOURCE_ROOM, recursion_room
from .registry import Registry
from ..base.source import Source
from ..syntax.units import check_units

__all__ = ["resolve"]


def resolve(program: A.Program, registry: Registry, known: Iterable[str],
            source: Source) -> None:
    """Raise a located NameError for the first undefined name in ``program``; ``known``
    are the names already bound (a session's earlier bindings). Unit annotations are
    checked first (``dsl.syntax.units``), as Squiggle does: a UnitError where they conflict."""
    with recursion_room(SOURCE_ROOM):  # `sq check` resolves outside any run
        check_units(program, source)
        _Resolver(registry, source).program(program, set(known))


class _Resolver:
    def __init__(self, registry: Registry, source: Source) -> None:
        self.registry = registry
        self.source = source
        self.builtins = set(registry.global_names())

    def program(self, program: A.Program, scope: set[str]) -> None:
        for imp in program.imports:
            scope.add(imp.alias)
        for let in program.statements:
            self.let(let, scope)
        if program.result is not None:
            self.expr(program.result, scope)

    def let(self, let: A.Let, scope: set[str]) -> None:
        for dec in let.decorators:
            for arg in dec.args:
                self.expr(arg, scope)
        self.expr(let.value, scope)
        scope.add(let.name)

    def expr(self, node: A.Node, scope: set[str]) -> None:
        if isinstance(node, A.Identifier):
            if node.name not in scope and node.name not in self.builtins:
                raise undefined_name(node.name, scope | self.builtins).located(
                    node.span, self.source)
        elif isinstance(node, A.Member):
            if self.registry.lookup_member(node.namespace, node.name) is None:
                raise unknown_member(self.registry, node.namespace, node.name).located(
                    node.span, self.source)
        elif isinstance(node, A.Namespace):  # `Date(2030)`: Date.make
            if self.registry.lookup_member(node.name, "make") is None:
                raise namespace_alone(self.registry, node.name).located(
                    node.span, self.source)
        elif isinstance(node, A.Binary) and node.op in A.POINTWISE:  # `.+`: Dist.dotAdd
            if self.registry.get(A.POINTWISE[node.op]) is None:
                namespace, name = A.POINTWISE[node.op].split(".")
                raise unknown_member(self.registry, namespace, name).located(
                    node.span, self.source)
            self.expr(node.left, scope)
            self.expr(node.right, scope)
        elif isinstance(node, A.UnitValue):  # `5minutes`: the builtin fromUnit_minutes
            if self.registry.lookup_global(node.function) is None:
                raise undefined_name(node.function, ()).located(node.span, self.source)
        elif isinstance(node, A.Block):
            local = set(scope)
            for let in node.statements:
                self.let(let, local)
            self.expr(node.result, local)
        elif isinstance(node, A.Lambda):
            inner = set(scope)
            for p in node.params:
                if p.domain is not None:
                    self.expr(p.domain, scope)
                inner.add(p.name)
            if node.name:
                inner.add(node.name)
            self.expr(node.body, inner)
        else:
            for child in A.children(node):
                self.expr(child, scope)
