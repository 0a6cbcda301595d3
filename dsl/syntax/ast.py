"""The syntax tree: immutable nodes, each carrying the span of source it came from.

The class names follow the grammar's rule names (``pipe`` -> ``Pipe`` -> ``eval_pipe``).
Operators are not separate classes: ``Binary``/``Unary`` hold the operator symbol, and
``dsl.engine.evaluator.OPERATORS`` says which builtin each symbol calls.

Nodes are ``dsl.base.structs.Struct`` classes (declared like dataclasses): frozen dataclasses
compile code for every class at import, which cost more start-up time than the whole
parse of a typical model.
"""
from __future__ import annotations

from typing import Iterable, Optional, Union

from ..base.source import Span
from ..base.structs import Struct

__all__ = [
    "Node", "Expr", "Number", "UnitValue", "String", "Boolean", "Identifier", "Member",
    "Namespace", "List", "Record", "Block", "Lambda", "Param", "Call", "Index", "Field",
    "Binary", "Unary", "Conditional", "Pipe", "UnitFactor", "Unit", "Decorator", "Let", "Import",
    "Program", "children", "POINTWISE",
]


class Node(Struct, frozen=True):
    """Base of every syntax node: fields given positionally or by name (``span``
    first), immutable, equal when their fields other than spans are equal."""

    _hidden = frozenset({"span", "name_span"})  # neither shown nor compared

    span: Span


# ---- expressions ----

class Number(Node):
    """A numeric literal, its scale suffix (n m k M B G T P %) already applied;
    ``format`` is the number format it carries (``5%``: ".2~p", as in Squiggle)."""
    value: float = 0.0
    format: Optional[str] = None

    def __repr__(self) -> str:  # `format` only when there is one
        shown = f", format={self.format!r}" if self.format is not None else ""
        return f"Number(value={self.value!r}{shown})"


class UnitValue(Node):
    """A number with a duration suffix, ``5minutes``: the global builtin
    ``fromUnit_<unit>`` applied to ``value``, as in Squiggle (which a binding of that
    name cannot shadow)."""
    value: float = 0.0
    unit: str = ""

    @property
    def function(self) -> str:
        return f"fromUnit_{self.unit}"


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


class Namespace(Node):
    """A namespace's name alone, ``Date(2030)``: Squiggle's global alias of
    ``Date.make``."""
    name: str = ""


class List(Node):
    """``[a, b, c]``."""
    items: tuple["Expr", ...] = ()


class Record(Node):
    """``{a: 1, "b c": 2, (k): 3}``; keys in source order, each a string or (computed
    keys) an expression whose value must be a string. A key given twice keeps its
    first place and its last value, as in Squiggle."""
    fields: tuple[tuple[Union[str, "Expr"], "Expr"], ...] = ()


class Block(Node):
    """``{ t = 2; t * 3 }``: bindings, then the expression whose value the block has."""
    statements: tuple["Let", ...] = ()
    result: "Expr" = None  # type: ignore[assignment]


class UnitFactor(Node):
    """One factor of a unit annotation: a unit name (``""`` for a numeric factor such
    as the 2 of ``2*m``, which is unitless) and its exponent, negative after ``/``;
    ``exponent_text`` is the exponent as written after ``^`` (None without one). The
    unit checker refuses exponents that are not whole numbers, as Squiggle does."""
    name: str = ""
    exponent: float = 1.0
    exponent_text: Optional[str] = None


class Unit(Node):
    """A unit annotation ``:: kg*m/s^2``: its factors in source order and its text as
    written (``kg*m/s^2``), which the output shows beside the binding's value."""
    factors: tuple[UnitFactor, ...] = ()
    text: str = ""


class Param(Node):
    """A lambda parameter, optionally with a domain such as ``x: [1, 10]`` and a unit
    (``x :: kg``)."""
    name: str = ""
    domain: Optional["Expr"] = None
    unit: Optional[Unit] = None


class Lambda(Node):
    """``{|x, y| body}``, or the function of ``f(x, y) = body`` (then ``name`` is set,
    which makes ``f`` visible inside its own body for recursion)."""
    params: tuple[Param, ...] = ()
    body: "Expr" = None  # type: ignore[assignment]
    name: Optional[str] = None
    unit: Optional[Unit] = None   # of its result: `{|x| ...} :: m`, `f(x) :: m = ...`


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


# Squiggle's pointwise operators and the builtins they call (its ast/operators.ts)
POINTWISE = {".+": "Dist.dotAdd", ".-": "Dist.dotSubtract", ".*": "Dist.dotMultiply",
             "./": "Dist.dotDivide", ".^": "Dist.dotPow"}


class Binary(Node):
    """``left op right`` for every infix operator, including ``to``, ``&&``, ``||`` and
    the pointwise ``.+ .- .* ./ .^`` (``POINTWISE``)."""
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


Expr = Union[Number, UnitValue, String, Boolean, Identifier, Member, Namespace, List,
             Record, Block, Lambda, Call, Index, Field, Binary, Unary, Conditional, Pipe]


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
    unit: Optional[Unit] = None   # `x :: m = ...`: the unit the output shows with x


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
        return [part for k, v in node.fields
                for part in ((k, v) if isinstance(k, Node) else (v,))]
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
