"""Static unit checking: Squiggle 0.10's ``::`` annotations, checked before a run.

``x :: m = 100`` and ``f(t :: s) :: m/s = ...`` give units to bindings, parameters and
results. ``check_units(program)`` infers what it can and raises a ``UnitError``
("Conflicting unit types: ...") where two units meet that cannot be equal (``x + y`` with
``x :: m`` and ``y :: s``), at the place and with the message Squiggle 0.10 gives, so
that Squiggle models are accepted and refused alike. Values carry no units at run time.

The rules are Squiggle's (its analysis/unitTypeChecker), not a general unit algebra:
each binding, parameter and user-function call gets a variable; ``+ - to``, comparisons
and the two branches of a conditional require equal units, ``*`` and ``/`` combine
them, and anything else (numbers, strings, lists, records, field access, pipes, ``^``,
builtin calls) has no constraint and is not looked into. The constraints are then solved
one variable at a time; one with no unknown variable left and a unit left over is the
conflict. A unit annotation's exponent must be a whole number.
"""
from __future__ import annotations

from typing import Optional, Union

from . import ast as A
from ..base.errors import DslError
from ..base.source import Source, Span

__all__ = ["check_units", "UnitError"]

# ids of user functions sit above every variable id, as in Squiggle
_FUNCTION = 1 << 24


class UnitError(DslError):
    """Units that cannot agree (``Conflicting unit types``), or a bad annotation."""
    kind = "UnitError"


def check_units(program: A.Program, source: Optional[Source] = None) -> None:
    """Raise a located UnitError where ``program``'s unit annotations conflict."""
    checker = _Checker()
    checker.program(program)
    checker.solve(source)


class _Constraint:
    """A product of variables, function parameters and units raised to powers that
    must equal 1 (unitless); ``defined`` False means "unknown, no constraint"."""

    __slots__ = ("defined", "variables", "parameters", "units")

    def __init__(self, defined: bool = True, variables=None, parameters=None, units=None):
        self.defined = defined
        self.variables: dict[int, float] = variables or {}
        self.parameters: dict[int, float] = parameters or {}
        self.units: dict[str, float] = units or {}

    def copy(self) -> "_Constraint":
        return _Constraint(self.defined, dict(self.variables), dict(self.parameters),
                           dict(self.units))


def _unknown() -> _Constraint:
    return _Constraint(False)


def _merge(left: dict, right: dict) -> dict:
    out = dict(left)
    for k, v in right.items():
        out[k] = out[k] + v if k in out else v
    return {k: v for k, v in out.items() if v != 0}


def _times(left: _Constraint, right: _Constraint) -> _Constraint:
    if not (left.defined and right.defined):
        return _unknown()
    return _Constraint(True, _merge(left.variables, right.variables),
                       _merge(left.parameters, right.parameters),
                       _merge(left.units, right.units))


def _over(left: _Constraint, right: _Constraint) -> _Constraint:
    """left / right; also "left and right must be equal" (their ratio is unitless)."""
    inverse = _Constraint(right.defined, {k: -v for k, v in right.variables.items()},
                          {k: -v for k, v in right.parameters.items()},
                          {k: -v for k, v in right.units.items()})
    return _times(left, inverse)


class _Var:
    """What a variable id stands for, for messages: a binding or parameter (by name),
    or an argument expression of a user-function call (Squiggle's node kind)."""

    __slots__ = ("kind", "name", "span")

    def __init__(self, kind: str, name: Optional[str], span: Span) -> None:
        self.kind, self.name, self.span = kind, name, span


# Squiggle's node kinds for sqdsl's, as its message "Node must have type identifier,
# not Float" names them
_KINDS = {"Number": "Float", "Binary": "InfixCall", "Unary": "UnaryCall",
          "Conditional": "Ternary", "List": "Array", "Record": "Dict",
          "Index": "BracketLookup", "Field": "DotLookup", "Member": "Identifier",
          "Namespace": "Identifier"}

_Located = Union[A.Node, Span]


class _Checker:
    def __init__(self) -> None:
        self.constraints: list[tuple[_Constraint, Span]] = []
        self.scopes: list[dict[str, int]] = [{}]
        self.variables: list[_Var] = []
        self.functions: list[tuple[str, tuple[list[_Constraint], _Constraint]]] = []

    # ---- collecting constraints ----

    def add(self, c: _Constraint, span: Span, at: Optional[int] = None) -> None:
        if c.defined and (c.variables or c.units):
            if at is None:
                self.constraints.append((c, span))
            else:
                self.constraints.insert(at, (c, span))

    def declare(self, name: str, var: _Var) -> _Constraint:
        uid = len(self.variables)
        self.variables.append(var)
        self.scopes[-1][name] = uid
        return _Constraint(True, {uid: 1})

    def reference(self, name: str) -> _Constraint:
        uid = self.scopes[-1].get(name)
        return _unknown() if uid is None else _Constraint(True, {uid: 1})

    def program(self, program: A.Program) -> None:
        self.scopes.append(dict(self.scopes[-1]))
        for let in program.statements:
            self.let(let)
        if program.result is not None:
            self.expr(program.result)
        self.scopes.pop()

    def let(self, let: A.Let) -> None:
        if isinstance(let.value, A.Lambda):  # a function: `f(x) = ...` or `f = {|x| ...}`
            # a definition's function is reported at the whole statement, a lambda's own
            # text otherwise (Squiggle's locations)
            span = let.span if let.value.name else let.value.span
            pair = self.function(let.value, span)
            self.functions.append((let.name, pair))
            self.scopes[-1][let.name] = _FUNCTION + len(self.functions) - 1
            return
        var = self.declare(let.name, _Var("Identifier", let.name, let.name_span or let.span))
        declared = _unit_constraint(let.unit)
        value = self.expr(let.value)
        self.add(_over(var, declared), let.span)
        self.add(_over(var, value), let.span)

    def function(self, fn: A.Lambda, span: Span) -> tuple[list[_Constraint], _Constraint]:
        """The constraints a user function puts on its arguments (parameters by
        position) and its result's constraint."""
        self.scopes.append(dict(self.scopes[-1]))
        for p in fn.params:
            self.declare(p.name, _Var("LambdaParameter", p.name, p.span))
        before = len(self.constraints)
        result = self.expr(fn.body)
        result_as_variable = result.copy()
        added = [c.copy() for c, _ in self.constraints[before:]]
        explicit = []
        ids = [self.scopes[-1][p.name] for p in fn.params]
        for i, (p, pid) in enumerate(zip(fn.params, ids)):
            if p.unit is not None:
                declared = _unit_constraint(p.unit)
                self.add(_over(_Constraint(True, {pid: 1}), declared), span, before)
                before += 1
                explicit.append(_over(_Constraint(True, parameters={i: 1}), declared))
            for c in added + [result]:  # the parameter's variable becomes parameter i
                if pid in c.variables:
                    c.parameters[i] = c.variables.pop(pid)
        constraints = added + explicit
        if fn.unit is not None:
            declared = _unit_constraint(fn.unit)
            returned = _over(result_as_variable, declared)
            self.add(returned, span, before)
            substituted = returned.copy()
            for i, pid in enumerate(ids):
                if pid in substituted.variables:
                    substituted.parameters[i] = substituted.variables.pop(pid)
            if substituted.defined:
                constraints.append(substituted)
            result = declared
        self.scopes.pop()
        return constraints, result

    def expr(self, node: A.Node) -> _Constraint:
        if isinstance(node, A.Identifier):
            return self.reference(node.name)
        if isinstance(node, A.Block):
            self.scopes.append(dict(self.scopes[-1]))
            for let in node.statements:
                self.let(let)
            last = self.expr(node.result)
            self.scopes.pop()
            return last
        if isinstance(node, A.Call):
            return self.call(node)
        if isinstance(node, A.Unary):
            return self.expr(node.operand) if node.op == "-" else _unknown()
        if isinstance(node, A.Conditional):
            self.expr(node.condition)
            then, otherwise = self.expr(node.then), self.expr(node.otherwise)
            self.add(_over(then, otherwise), node.span)
            return then
        if isinstance(node, A.Binary):
            return self.binary(node)
        return _unknown()  # literals, lists, records, lookups, pipes, lambdas: no units

    def binary(self, node: A.Binary) -> _Constraint:
        op = node.op
        if op in ("*", ".*"):
            return _times(self.expr(node.left), self.expr(node.right))
        if op in ("/", "./"):
            return _over(self.expr(node.left), self.expr(node.right))
        if op in ("+", "-", ".+", ".-", "to", "==", "!=", "<", "<=", ">", ">="):
            left, right = self.expr(node.left), self.expr(node.right)
            self.add(_over(left, right), node.span)
            if op not in ("+", "-", ".+", ".-", "to"):
                return _unknown()  # a comparison is unitless
            return right if not left.defined and right.defined else left
        return _unknown()  # ^ .^ && ||: not looked into, as in Squiggle

    def call(self, node: A.Call) -> _Constraint:
        callee = node.callee
        if not isinstance(callee, A.Identifier):
            return _unknown()
        uid = self.scopes[-1].get(callee.name)
        if uid is None or uid < _FUNCTION:
            return _unknown()
        constraints, result = self.functions[uid - _FUNCTION][1]
        constraints = [c.copy() for c in constraints]
        result = result.copy()
        for i, arg in enumerate(node.args):
            given = self.expr(arg)
            if not given.defined:  # a fresh variable stands for the argument
                uid = len(self.variables)
                kind = type(arg).__name__
                name = (arg.qualified if isinstance(arg, A.Member) else
                        getattr(arg, "name", None) if isinstance(arg, (A.Identifier,
                                                                       A.Namespace)) else None)
                self.variables.append(_Var(_KINDS.get(kind, kind), name, arg.span))
                given.variables[uid] = 1
            for c in constraints + [result]:
                if i in c.parameters:
                    power = c.parameters.pop(i)
                    for k, v in given.variables.items():
                        c.variables[k] = v * power
        for c in constraints:
            self.add(c, node.span)
        return result

    # ---- solving ----

    def solve(self, source: Optional[Source]) -> None:
        """Give variables units one constraint at a time (a constraint with one unknown
        variable left fixes it); raise at the first constraint left with units and no
        unknown."""
        units: dict[int, dict[str, float]] = {}
        conflict = None
        done = 0
        cs = self.constraints
        i = 0
        while i < len(cs):
            original, span = cs[i]
            c = original.copy()
            known = []
            for uid in sorted(c.variables):
                if uid in units:
                    known.append(uid)
                    power = c.variables.pop(uid)
                    for unit, p in units[uid].items():
                        total = c.units.get(unit, 0) + p * power
                        if total == 0:
                            c.units.pop(unit, None)
                        else:
                            c.units[unit] = total
                elif uid >= _FUNCTION:
                    del c.variables[uid]
            if len(c.variables) == 1:
                ((uid, power),) = c.variables.items()
                units[uid] = {u: -p / power for u, p in c.units.items() if p != 0}
                cs[i], cs[done] = cs[done], cs[i]
                done += 1
                i = done  # start again after the solved ones
                continue
            if not c.variables and c.units and conflict is None:
                conflict = (original, span, known)
            i += 1
        for uid in list(units):  # the unit of a call's argument is not kept
            if self.variables[uid].kind not in ("Identifier", "LambdaParameter"):
                del units[uid]
        if conflict is not None:
            original, span, known = conflict
            lines = [f"{self._name(uid)} :: {_units_text(units[uid])}" for uid in known]
            header = (f"{self._names(original.variables)} :: "
                      f"{_units_text({u: -p for u, p in original.units.items()})}")
            raise UnitError("Conflicting unit types:\n\t" + header + "\n\t"
                            + "\n\t".join(lines), span, source)

    def _name(self, uid: int) -> str:
        if uid >= _FUNCTION:
            return self.functions[uid - _FUNCTION][0]
        var = self.variables[uid]
        if var.kind not in ("Identifier", "LambdaParameter") or var.name is None:
            # Squiggle's own failure here, kept so the same programs fail alike
            raise UnitError(f"Node must have type identifier, not {var.kind}", var.span)
        return var.name

    def _names(self, variables: dict[int, float]) -> str:
        if not variables:
            return "<unitless>"
        named: dict[str, float] = {}
        for uid, power in variables.items():
            named[self._name(uid)] = power
        return _units_text(named)


def _unit_constraint(unit: Optional[A.Unit]) -> _Constraint:
    """The constraint "this has unit ``unit``" (unknown without an annotation)."""
    if unit is None:
        return _unknown()
    total = _Constraint(True)
    for factor in unit.factors:
        text = factor.exponent_text
        if text is not None and not text.isdigit():
            raise UnitError(f"Exponents in unit types must be integers, not {text}",
                            factor.span)
        if factor.name:  # a number (`2*m`) is unitless
            total = _times(total, _Constraint(True, units={factor.name: factor.exponent}))
    return total


def _number(x: float) -> str:
    """A number as JavaScript prints it (2, not 2.0)."""
    return str(int(x)) if x == int(x) else repr(x)


def _sort_key(name: str):
    # JavaScript's localeCompare: letters before case, lower before upper on ties
    return (name.casefold(), name.swapcase())


def _units_text(units: dict[str, float]) -> str:
    """``kg * m / s^2``, or ``<unitless>`` (Squiggle's form)."""
    if not units:
        return "<unitless>"
    entries = sorted(units.items(), key=lambda kv: _sort_key(kv[0]))
    up = [n if p <= 1 else f"{n}^{_number(p)}" for n, p in entries if p > 0]
    down = [n if p >= -1 else f"{n}^{_number(-p)}" for n, p in entries if p < 0]
    return (("" if up else "1") + " * ".join(up)
            + (" / " if down else "") + " / ".join(down))
