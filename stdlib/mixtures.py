"""Mixtures: ``mx(a, b)``, ``mx(a, b, [0.7, 0.3])``, ``mixture([a, b], [w1, w2])``.

Sample i of a mixture is sample i of component k, with k drawn by the weights: one
vectorised pass (a loop over the few components, never over samples). Numbers are
point masses; weights are normalised.

A mixture whose components are all numbers, Sym.* distributions or point sets is what
Squiggle 0.10 makes of it, a point set (``dsl.engine.pointset_law.PointSetLaw``), with
Squiggle's mean, cdf and quantiles. A mixture of numbers and untouched constructors
(sample sets in Squiggle) has an exact law (``dsl.engine.laws.MixtureLaw``) beside its samples. ``mx(x)`` of one
component is that component, a number becoming a point mass.
"""
from __future__ import annotations

import sys

import numpy as np

from dsl.engine import parallel
from dsl.engine.dist import Dist
from dsl.base.errors import ArgumentError, DomainError
from dsl.engine.laws import Law, MixtureLaw, ScipyLaw, TruncatedLaw
from dsl.engine.pointset_law import PointSetLaw
from dsl.engine.registry import Context, builtin
from dsl.engine.types import AnyValue, ListOf, Num, ParamType, Real
from dsl.engine.values import List, Number


class _Component(ParamType):
    """A number or a distribution, handed over as the Value itself (its law kept)."""

    name = "Number|Dist"

    def accepts(self, value):
        return Num.accepts(value)


Component = _Component()


__all__ = ["mix"]


def mix(ctx: Context, components: list, weights=None):
    """The mixture of ``components`` (Numbers and Dists) with ``weights``."""
    k = len(components)
    if k == 0:
        raise ArgumentError("mx: needs at least one component")
    if weights is None:
        weights = [1.0] * k
    if len(weights) != k:
        raise ArgumentError(f"mx: {k} components but {len(weights)} weights")
    w = np.asarray(weights, dtype=float)
    if np.any(w < 0) or not np.all(np.isfinite(w)):
        raise DomainError(f"mx: weights must be finite and >= 0 (got {list(weights)})")
    if w.sum() <= 0:
        raise DomainError("mx: at least one weight must be positive")
    w = w / w.sum()
    if all(_point_set_kind(c) for c in components) and \
            not all(isinstance(c, Number) for c in components):
        return _point_set_mixture(ctx, components, w)
    law = _exact_law(components, w)
    if k == 1:
        if isinstance(components[0], Dist):
            return components[0]
        ctx.check_size(ctx.samples, "a mixture")
        return Dist.from_samples(np.full(ctx.samples, components[0].value), law)
    n = ctx.samples
    ctx.check_size(n, "a mixture")
    # the component of each sample: the first whose cumulative weight exceeds a uniform
    # draw (several times faster than Generator.choice with p=); chosen chunk by chunk,
    # in parallel for large runs, without a full-size array of draws
    cumulative = np.cumsum(w)
    cumulative[-1] = 1.0
    arrays = [Num.convert(c) for c in components]
    samples = ctx.fill_range(lambda rng, start, stop: _choose(
        rng.random(stop - start), cumulative, parallel.slices(arrays, start, stop)), n)
    return Dist.from_samples(samples, law)


def _point_set_kind(value) -> bool:
    """Whether Squiggle 0.10 mixes this as a point set rather than by samples: a number,
    a point set or a Sym.* distribution (its other distributions are sample sets)."""
    if isinstance(value, Number) or isinstance(value.law, PointSetLaw):
        return True
    # a Sym.* value exists only once stdlib.symbolic is loaded: no import for plain mx
    symbolic = sys.modules.get("stdlib.symbolic")
    return symbolic is not None and symbolic.symbolic_law(value) is not None


def _point_set_mixture(ctx: Context, components: list, weights: np.ndarray) -> Dist:
    """Squiggle's mixture of point sets: each component's point set scaled by its weight,
    then added density to density and mass to mass (``distOperations.mixture``), so its
    statistics are Squiggle's to rounding, quirks included: a density mixed with masses
    counts the masses' weight twice in the mean (mx(Sym.normal(0, 1), 3) has mean 0.75)."""
    from .dist_pointwise import point_set_of, pointwise  # loaded only when needed
    from .pointsets import make_point_set
    total = None
    for component, w in zip(components, weights):
        law = point_set_of(component)
        scaled = PointSetLaw((law.cxs, law.cys * w), (law.dxs, law.dys * w),
                             cont_sum=law.cont_sum * w, disc_sum=law.disc_sum * w,
                             total=law.integral_sum() * w)
        total = scaled if total is None else pointwise(total, scaled, "Add", "mx")
    return make_point_set(ctx, total)


# laws a mixture keeps exact: continuous ones (a discrete scipy law mixed with others
# would need a step-wise inverse the bisection does not give; an empirical law's
# interpolated quantiles are not the inverse of its step cdf)
_CONTINUOUS = (ScipyLaw, TruncatedLaw)


def _exact_law(components: list, weights: np.ndarray):
    """The mixture's exact law when every component is a number, a point mass, a
    distribution with a continuous exact law (an untouched constructor) or an exact
    mixture itself (flattened); else None."""
    parts, flat = [], []
    for c, w in zip(components, weights):
        if isinstance(c, Number):
            parts.append(c.value)
            flat.append(w)
        elif isinstance(c.law, MixtureLaw):
            parts.extend(c.law.parts)
            flat.extend(w * c.law.weights)
        elif isinstance(c.law, PointSetLaw) and c.law.cxs.size == 0:  # masses only
            parts.extend(c.law.dxs.tolist())
            flat.extend(w * c.law.dys / c.law.integral_sum())
        elif isinstance(c.law, _CONTINUOUS) and not c.law.discrete:
            parts.append(c.law)
            flat.append(w)
        elif c.law is None and len(c) and np.all(c.samples == c.samples[0]):
            parts.append(float(c.samples[0]))  # pointMass(x): every sample is x
            flat.append(w)
        else:
            return None
    if all(not isinstance(part, Law) for part in parts):
        # numbers only: Squiggle's point set of masses, with its cdf and quantiles
        values, where = np.unique(np.asarray(parts, dtype=float), return_inverse=True)
        masses = np.bincount(where, weights=np.asarray(flat, dtype=float))
        return PointSetLaw(discrete=(values, masses))
    return MixtureLaw(flat, parts)


def _choose(u: np.ndarray, cumulative: np.ndarray, components: list) -> np.ndarray:
    """Sample i of component j, for the first j with u[i] < cumulative[j]."""
    k = len(components)
    if k <= 32:
        # from the last component back, each takes the samples below its cumulative
        # weight: k cheap passes, where searchsorted + np.choose cost ~60 ms at 1M
        out = np.where(u < cumulative[-2], components[-2], components[-1])
        for index in range(k - 3, -1, -1):
            np.copyto(out, components[index], where=u < cumulative[index])
        return out
    choice = np.searchsorted(cumulative, u, side="right")
    out = np.empty(u.shape[0])
    for index, component in enumerate(components):
        mask = choice == index
        out[mask] = component[mask] if isinstance(component, np.ndarray) else component
    return out


@builtin("Dist.mixture", aliases=["mixture", "mx", "Dist.mx"],
         examples=[("mean(mx(pointMass(0), pointMass(10)))", "5"),
                   ("quantile(mx(1, 2, 3, [0.2, 0.3, 0.5]), 0.4)", "2"),
                   ("mean(mx(0, 10, [0.9, 0.1]))", "1", 0.05),
                   ("mean(mixture([normal(10, 1), 20], [0.5, 0.5]))", "15", 0.01)])
def mixture(ctx: Context, *components: Component):
    """A mixture of distributions (and numbers, as point masses), equally weighted; give
    weights as a final list: ``mx(a, b, [0.7, 0.3])``, or both as lists:
    ``mixture([a, b], [0.7, 0.3])``. Weights are normalised.

    Sample i is sample i of a component drawn by the weights. A mixture of untouched
    constructors and numbers knows its exact law (mean, stdev, quantiles, cdf); one of
    numbers, Sym.* distributions and point sets only is Squiggle's point set, with
    Squiggle's statistics. ``mx(x)`` of one number is a distribution."""
    return mix(ctx, list(components))


@builtin("Dist.mixture")
def _mixture_lists(ctx: Context, components: ListOf(Component),
                   weights: ListOf(Real) = None):
    return mix(ctx, components, weights)


@builtin("Dist.mixture")
def _mixture_trailing_weights(ctx: Context, *components_then_weights: AnyValue):
    *items, weights = components_then_weights
    if not isinstance(weights, List) or not all(isinstance(w, Number) for w in weights):
        raise ArgumentError("mx: components must be numbers or distributions, optionally "
                            "followed by a list of weights")
    return mix(ctx, [_component(v) for v in items], [w.value for w in weights.items])


def _component(value):
    if not Num.accepts(value):
        raise ArgumentError(f"mx: a component must be a number or a distribution, "
                            f"got {value.type_name}")
    return value
