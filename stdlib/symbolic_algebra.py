"""Arithmetic on symbolic and point-set distributions, decided as Squiggle 0.10 decides
it (``algebraicCombination``), so that what Squiggle keeps exact stays exact here.

For ``a op b`` with a Sym.* distribution or a point set among the operands (a number,
and ``pointMass(x)``, symbolic in Squiggle, count as point masses):

1. both symbolic, with a closed form: the result is symbolic again. Normal +- normal,
   normal +- * a number, normal / a number, lognormal * / lognormal, lognormal * / a
   positive number, and point mass with point mass;
2. otherwise ``+``, ``-`` and ``*``, when Squiggle would convolve (the product of the
   operands' costs, 1 for a number or point mass and 1,000 for any other distribution,
   below the sample count): the operands' point sets combined as
   Squiggle combines them, a density shifted or scaled by each point mass of the other
   side, masses with masses (two densities are sampled instead);
3. otherwise Monte Carlo: each symbolic or point-set operand drawn afresh, element-wise.

Truncation follows Squiggle too: a symbolic uniform is truncated to a uniform, any other
symbolic distribution becomes its point set, and a point set is cut and renormalised.

Symbolic values are formulas in Squiggle, not samples: each use is independent, so
``x - x`` of ``x = Sym.normal(0, 1)`` is ``normal(0, sqrt 2)``, not 0. Results of 1 and 2
get fresh samples from their law; sample sets keep their own samples.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from dsl.engine.dist import Dist
from dsl.base.errors import DomainError
from dsl.base.meter import check_time
from dsl.engine.pointset_law import PointSetLaw, combine_linear
from dsl.engine.registry import Context, builtin
from dsl.engine.types import ParamType, Real
from dsl.engine.symbolic_law import symbolic_law
from dsl.engine.values import Number, Value

# imported first: their builtins must exist before ours are put in front of them
from . import arithmetic, truncation  # noqa: F401

__all__ = ["combine", "point_set_law", "SYMBOLIC_COST"]

SYMBOLIC_COST = 1000  # Squiggle's OpCost.symbolicCost and wildcardCost (a number: 1)

_APPLY = {"Add": arithmetic.add, "Subtract": arithmetic.subtract,
          "Multiply": arithmetic.multiply, "Divide": arithmetic.divide,
          "Power": arithmetic.pow_}


def point_set_law(value: Value) -> Optional[PointSetLaw]:
    """The PointSetLaw of a point-set distribution (PointSet.*), else None."""
    if isinstance(value, Dist) and isinstance(value.law, PointSetLaw) and not value.fresh:
        return value.law
    return None


class _Exact(ParamType):
    """A Sym.* or point-set distribution: one this module must combine."""

    name = "SymbolicDist|PointSetDist"

    def accepts(self, value):
        return symbolic_law(value) is not None or point_set_law(value) is not None


class _Operand(ParamType):
    """A number or any distribution, handed over as the Value itself."""

    name = "Number|Dist"

    def accepts(self, value):
        return isinstance(value, (Number, Dist))


Exact, Operand = _Exact(), _Operand()


# ---- 1. closed forms (SymbolicDist.tryAnalyticalSimplification) ----

def _constant(value: Value):
    """The value of a number, or of a distribution every sample of which is the same
    number with no other law (``pointMass(3)``, which is symbolic in Squiggle); else
    None."""
    if isinstance(value, Number):
        return value.value
    if isinstance(value, Dist) and value.law is None and len(value) and not value.fresh:
        first = value.samples[0]
        if np.all(value.samples == first):
            return float(first)
    return None


def _params(value: Value) -> tuple[str, dict]:
    constant = _constant(value)
    if constant is not None:
        return "pointMass", {"value": constant}
    law = symbolic_law(value)
    return (law.family, law.params) if law is not None else ("", {})


def analytic(op: str, a: Value, b: Value) -> Optional[tuple[str, tuple]]:
    """(family, parameters) of the symbolic result, or None when there is none."""
    fa, pa = _params(a)
    fb, pb = _params(b)
    if fa == fb == "pointMass":
        return "pointMass", (_point_op(op, pa["value"], pb["value"]),)
    if fa == fb == "normal":
        if op in ("Add", "Subtract"):
            sign = 1 if op == "Add" else -1
            return "normal", (pa["mean"] + sign * pb["mean"],
                              math.sqrt(pa["stdev"] ** 2 + pb["stdev"] ** 2))
        return None
    if fa == "pointMass" and fb == "normal":
        t, n = pa["value"], pb
        if op == "Add":
            return "normal", (t + n["mean"], n["stdev"])
        if op == "Subtract":
            return "normal", (t - n["mean"], n["stdev"])
        if op == "Multiply":
            return ("pointMass", (0.0,)) if t == 0 else \
                ("normal", (t * n["mean"], abs(t) * n["stdev"]))
        return None
    if fa == "normal" and fb == "pointMass":
        n, t = pa, pb["value"]
        if op == "Add":
            return "normal", (n["mean"] + t, n["stdev"])
        if op == "Subtract":
            return "normal", (n["mean"] - t, n["stdev"])
        if op == "Multiply":
            return ("pointMass", (0.0,)) if t == 0 else \
                ("normal", (n["mean"] * t, n["stdev"] * abs(t)))
        if op == "Divide":
            return "normal", (n["mean"] / t, n["stdev"] / abs(t))
        return None
    if fa == fb == "lognormal" and op in ("Multiply", "Divide"):
        sign = 1 if op == "Multiply" else -1
        return "lognormal", (pa["mu"] + sign * pb["mu"],
                             math.sqrt(pa["sigma"] ** 2 + pb["sigma"] ** 2))
    if fa == "pointMass" and fb == "lognormal" and op in ("Multiply", "Divide"):
        t = pa["value"]
        if t > 0:
            sign = 1 if op == "Multiply" else -1
            return "lognormal", (math.log(t) + sign * pb["mu"], pb["sigma"])
        return None
    if fa == "lognormal" and fb == "pointMass" and op in ("Multiply", "Divide"):
        t = pb["value"]
        if t > 0:
            sign = 1 if op == "Multiply" else -1
            return "lognormal", (pa["mu"] + sign * math.log(t), pa["sigma"])
    return None


def _point_op(op: str, a: float, b: float) -> float:
    """Squiggle's Operation.Algebraic on two numbers, with its errors."""
    if op == "Divide" and b == 0:
        raise DomainError("Operation error: Cannot divide by zero")
    with np.errstate(all="ignore"):
        out = float(_APPLY[op](a, b))
    return out


def _build(ctx: Context, family: str, args: tuple) -> Dist:
    from . import symbolic  # the constructors: loaded already wherever a Sym value exists
    if family == "pointMass":
        return symbolic.point_mass(ctx, *args)
    if family == "normal":
        return symbolic.normal(ctx, *args)
    return symbolic.lognormal(ctx, *args)


# ---- 2. convolution of point sets (Squiggle's, below its cost threshold) ----

def _cost(value: Value) -> float:
    """Squiggle's expectedConvolutionCost: 1 for a number or point mass, 1,000 for any
    other distribution (a point set too: Squiggle 0.10's PointSetDist keeps the base
    class's "wildcard" cost, not its point count)."""
    if _constant(value) is not None:
        return 1
    sym = symbolic_law(value)
    return 1 if sym is not None and sym.family == "pointMass" else SYMBOLIC_COST


def _as_point_set(value: Value) -> Optional[PointSetLaw]:
    constant = _constant(value)
    if constant is not None:
        return PointSetLaw(discrete=([constant], [1.0]), disc_sum=1.0, total=1.0)
    law = point_set_law(value)
    if law is not None:
        return law
    sym = symbolic_law(value)
    return sym.point_set() if sym is not None else None


_CONVOLVE = {"Add": lambda a, b: a + b, "Subtract": lambda a, b: a - b,
             "Multiply": lambda a, b: a * b}


def _continuous_with_points(op: str, cont: tuple, disc: tuple,
                            points_first: bool) -> Optional[tuple]:
    """Squiggle's ``combineShapesContinuousDiscrete``: the density shifted (``+``,
    ``-``) or scaled (``*``) by each discrete point and weighted by its mass, the pieces
    added (zero outside each). None where Squiggle would divide by a point at 0."""
    xs, ys = cont
    out = (np.empty(0), np.empty(0))
    for v, w in zip(disc[0].tolist(), disc[1].tolist()):  # a loop over point masses
        with np.errstate(all="ignore"):
            if op == "Multiply":
                if v == 0:
                    return None
                new_x, new_y = xs * v, ys * w / abs(v)
            elif op == "Subtract" and points_first:
                new_x, new_y = v - xs, ys * w
            else:
                new_x, new_y = _CONVOLVE[op](xs, v), ys * w
        if (op == "Subtract" and points_first) or (op == "Multiply" and not v > 0):
            new_x, new_y = new_x[::-1], new_y[::-1]
        out = combine_linear(out, (new_x, new_y), lambda a, b: a + b, zero_outside=True)
    return out


def _discrete_with_discrete(op: str, a: tuple, b: tuple) -> tuple:
    """Squiggle's ``Discrete.combineAlgebraically``: every pair of masses."""
    fn, masses = _CONVOLVE[op], {}
    for x1, y1 in zip(a[0].tolist(), a[1].tolist()):
        check_time()  # every pair: up to (samples / 1,000)^2 of them
        for x2, y2 in zip(b[0].tolist(), b[1].tolist()):
            x = fn(x1, x2)
            masses[x] = masses.get(x, 0.0) + y1 * y2
    xs = sorted(masses)
    return np.array(xs, dtype=float), np.array([masses[x] for x in xs], dtype=float)


def convolve(op: str, a: PointSetLaw, b: PointSetLaw,
             total: Optional[float]) -> Optional[PointSetLaw]:
    """Squiggle's ``Mixed.combineAlgebraically`` for ``+``, ``-``, ``*``, where at most
    one side has a continuous part (two densities are not convolved here: None, and
    the caller samples, as Squiggle does past its cost threshold)."""
    if a.cxs.size and b.cxs.size:
        return None
    cont = (np.empty(0), np.empty(0))
    if b.cxs.size and a.dxs.size:
        cont = _continuous_with_points(op, (b.cxs, b.cys), (a.dxs, a.dys), True)
    elif a.cxs.size and b.dxs.size:
        cont = _continuous_with_points(op, (a.cxs, a.cys), (b.dxs, b.dys), False)
    if cont is None:
        return None
    disc = _discrete_with_discrete(op, (a.dxs, a.dys), (b.dxs, b.dys))
    if cont[0].size == 1 or (cont[0].size == 0 and disc[0].size == 0):
        return None  # not a distribution Squiggle could build either
    return PointSetLaw(cont, disc, total=total)


def _convolution(ctx: Context, op: str, a: Value, b: Value) -> Optional[Dist]:
    if op not in _CONVOLVE or not _cost(a) * _cost(b) < ctx.samples:
        return None
    la, lb = _as_point_set(a), _as_point_set(b)
    if la is None or lb is None:
        return None
    total = la.integral_sum() * lb.integral_sum() if _cached(la) and _cached(lb) else None
    law = convolve(op, la, lb, total)
    if law is None:
        return None
    return Dist.from_samples(ctx.fill(law.sample), law)


def _cached(law: PointSetLaw) -> bool:
    """Whether the total mass is known without recomputing it (Squiggle multiplies two
    known totals, else it integrates the result anew)."""
    return law.known_total is not None


# ---- 3. Monte Carlo, each exact operand drawn afresh ----

def _fresh(ctx: Context, value: Value):
    if isinstance(value, Number):
        return value.value
    sym = symbolic_law(value)
    if sym is not None:
        return ctx.fill(sym.sampler)
    law = point_set_law(value)
    if law is not None:
        return ctx.fill(law.sample)
    return value.samples


def combine(ctx: Context, op: str, a: Value, b: Value) -> Value:
    """``a op b`` as Squiggle combines it (see the module docstring)."""
    found = analytic(op, a, b)
    if found is not None:
        return _build(ctx, *found)
    made = _convolution(ctx, op, a, b)
    if made is not None:
        return made
    return Dist.from_samples(np.asarray(_APPLY[op](_fresh(ctx, a), _fresh(ctx, b)),
                                        dtype=float))


# ---- the operators: tried before the element-wise ones (registry ``first``) ----

def _declare(name: str, op: str) -> None:
    def exact_first(ctx: Context, a: Exact, b: Operand) -> Dist:
        return combine(ctx, op, a, b)

    def exact_second(ctx: Context, a: Operand, b: Exact) -> Dist:
        return combine(ctx, op, a, b)

    for fn in (exact_second, exact_first):  # each goes first: exact_first ends up first
        fn.__doc__ = None
        fn.__module__ = __name__
        builtin(name, first=True)(fn)


for _name, _op in (("add", "Add"), ("subtract", "Subtract"), ("multiply", "Multiply"),
                   ("divide", "Divide"), ("pow", "Power")):
    _declare(_name, _op)


@builtin("unaryMinus", first=True)
def _negate(ctx: Context, x: Exact) -> Dist:
    # Squiggle: -x is x * pointMass(-1)
    return combine(ctx, "Multiply", x, Number(-1.0))


# ---- truncation: Squiggle truncates a uniform symbolically, others as point sets ----

def truncated(ctx: Context, d: Dist, left: Optional[float], right: Optional[float]) -> Dist:
    """``d`` (symbolic or a point set) truncated as Squiggle truncates it."""
    if left is not None and right is not None and not left <= right:
        raise DomainError(f"truncate: the lower bound ({left:g}) must not exceed the upper "
                          f"bound ({right:g})")
    sym = symbolic_law(d)
    if sym is not None and sym.family == "uniform":
        low = max(-math.inf if left is None else left, sym.params["low"])
        high = min(math.inf if right is None else right, sym.params["high"])
        if not low < high:
            raise DomainError(f"truncate: the distribution has no probability between "
                              f"{low:g} and {high:g}")
        from . import symbolic  # loaded already: d is a Sym value
        return symbolic.uniform_law_dist(ctx, low, high)
    cut = (sym.point_set() if sym is not None else point_set_law(d)).truncate(
        left, right, normalise=False)
    if not (cut.integral_sum() > 0 and np.isfinite(cut.integral_sum())):
        raise DomainError("truncate: the distribution has no probability in the interval")
    law = cut.normalize()
    return Dist.from_samples(ctx.fill(law.sample), law)


@builtin("Dist.truncate", first=True)
def _truncate(ctx: Context, d: Exact, left: Real, right: Real) -> Dist:
    return truncated(ctx, d, left, right)


@builtin("Dist.truncateLeft", first=True)
def _truncate_left(ctx: Context, d: Exact, left: Real) -> Dist:
    return truncated(ctx, d, left, None)


@builtin("Dist.truncateRight", first=True)
def _truncate_right(ctx: Context, d: Exact, right: Real) -> Dist:
    return truncated(ctx, d, None, right)
