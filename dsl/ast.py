"""The syntax tree: immutable nodes, each carrying the span of source it came from.

The class names follow the grammar's rule names (``pipe`` -> ``Pipe`` -> ``eval_pipe``).
Operators are not separate classes: ``Binary``/``Unary`` hold the operator symbol, and
``dsl.evaluator.OPERATORS`` says which builtin each symbol calls.

Nodes are ``dsl.structs.Struct`` classes (declared like dataclasses): frozen dataclasses
compile code for every class at import, which cost more start-up time than the whole
parse of a typical model.
"""
from __future__ import annotations

from typing import Iterable, Optional, Union

from .source import Span
from .structs import Struct

__all__ = [
    "Node", "Expr", "Number", "String", "Boolean", "Identifier", "Member", "List", "Record",
    "Block", "Lambda", "Param", "Call", "Index", "Field", "Binary", "Unary", "Conditional",
    "Pipe", "Decorator", "Let", "Import", "Program", "children",
]


class Node(Struct, frozen=True):
    """Base of every syntax node: fields given positionally or by name (``span``
    first), immutable, equal when their fields other than spans are equal."""

    _hidden = frozenset({"span", "name_span"})  # neither shown nor compared

    span: Span


# ---- expressions ----

class Number(Node):
    """A numeric literal, its suffix (k M B T %) already applied."""
    value: float = 0.0


class String(Node):
    """A string literal, escapes already decoded."""
    value: str = ""


class Boolean(Node):
    """``true`` or ``false``."""
    value: bool = False


class Identifier(Node):
    """A lower-case name: a binding, parameter or global builtin."""
    name: str = ""


class Member(Node):
    """A namespaced builtin such as ``Dist.mean`` or the constant ``Math.pi``."""
    namespace: str = ""
    name: str = ""

    @property
    def qualified(self) -> str:
        return f"{self.namespace}.{self.name}"


class List(Node):
    """``[a, b, c]``."""
    items: tuple["Expr", ...] = ()


class Record(Node):
    """``{a: 1, "b c": 2}``; keys in source order."""
    fields: tuple[tuple[str, "Expr"], ...] = ()


class Block(Node):
    """``{ t = 2; t * 3 }``: bindings, then the expression whose value the block has."""
    statements: tuple["Let", ...] = ()
    result: "Expr" = None  # type: ignore[assignment]


class Param(Node):
    """A lambda parameter, optionally with a domain such as ``x: [1, 10]``."""
    name: str = ""
    domain: Optional["Expr"] = None


class Lambda(Node):
    """``{|x, y| body}``, or the function of ``f(x, y) = body`` (then ``name`` is set,
    which makes ``f`` visible inside its own body for recursion)."""
    params: tuple[Param, ...] = ()
    body: "Expr" = None  # type: ignore[assignment]
    name: Optional[str] = None


class Call(Node):
    """``f(a, b)``."""
    callee: "Expr" = None  # type: ignore[assignment]
    args: tuple["Expr", ...] = ()


class Index(Node):
    """``xs[i]`` or ``record["key"]``."""
    target: "Expr" = None  # type: ignore[assignment]
    index: "Expr" = None  # type: ignore[assignment]


class Field(Node):
    """``record.name``."""
    target: "Expr" = None  # type: ignore[assignment]
    name: str = ""


class Binary(Node):
    """``left op right`` for every infix operator, including ``to``, ``&&`` and ``||``."""
    op: str = ""
    left: "Expr" = None  # type: ignore[assignment]
    right: "Expr" = None  # type: ignore[assignment]


class Unary(Node):
    """``-x`` or ``!x``."""
    op: str = ""
    operand: "Expr" = None  # type: ignore[assignment]


class Conditional(Node):
    """``if c then a else b`` and ``c ? a : b`` (the same thing)."""
    condition: "Expr" = None  # type: ignore[assignment]
    then: "Expr" = None  # type: ignore[assignment]
    otherwise: "Expr" = None  # type: ignore[assignment]


class Pipe(Node):
    """``value -> f`` or ``value -> f(a)``: calls f with value as its first argument."""
    value: "Expr" = None  # type: ignore[assignment]
    function: "Expr" = None  # type: ignore[assignment]


Expr = Union[Number, String, Boolean, Identifier, Member, List, Record, Block, Lambda,
             Call, Index, Field, Binary, Unary, Conditional, Pipe]


# ---- statements ----

class Decorator(Node):
    """``@name("Label")``, ``@doc("...")``, ``@hide``."""
    name: str = ""
    args: tuple["Expr", ...] = ()


class Let(Node):
    """``name = value`` (``f(x) = body`` arrives here with a named Lambda as value)."""
    name: str = ""
    value: "Expr" = None  # type: ignore[assignment]
    decorators: tuple[Decorator, ...] = ()
    exported: bool = False
    name_span: Optional[Span] = None


class Import(Node):
    """``import "./lib.sq" as lib``."""
    path: str = ""
    alias: str = ""


class Program(Node):
    """A whole file or REPL entry: imports, bindings and an optional final expression."""
    imports: tuple[Import, ...] = ()
    statements: tuple[Let, ...] = ()
    result: Optional["Expr"] = None


def children(node: Node) -> Iterable[Node]:
    """The sub-expressions of a node that binds no names (blocks and lambdas, which
    do, are walked by each pass itself)."""
    if isinstance(node, List):
        return node.items
    if isinstance(node, Record):
        return [v for _, v in node.fields]
    if isinstance(node, Call):
        return (node.callee, *node.args)
    if isinstance(node, Index):
        return (node.target, node.index)
    if isinstance(node, Field):
        return (node.target,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Conditional):
        return (node.condition, node.then, node.otherwise)
    if isinstance(node, Pipe):
        return (node.value, node.function)
    return ()
