"""The law of a Sym.* distribution: Squiggle's symbolic distributions.

``SymbolicLaw`` is the exact law of the plain constructor (a ``ScipyLaw``) plus what
Squiggle's algebra of symbolic distributions needs: the family, its parameters, how to
draw from it, its point set and its text. It lives apart from the constructors
(``stdlib.symbolic``) so that the operators can recognise a symbolic value without
importing them: a Sym value exists only once they are loaded.
"""
from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from .dist import Dist
from .laws import ScipyLaw
from .pointset_law import PointSetLaw, from_quantiles

__all__ = ["SymbolicLaw", "symbolic_law"]


class SymbolicLaw(ScipyLaw):
    """The exact law of a Sym.* distribution: a ``ScipyLaw`` (so truncation and the
    queries treat it as any constructor's) that also knows its ``family`` ("normal",
    "lognormal", "pointMass", ...), its ``params`` and how to draw from it."""

    def __init__(self, base: ScipyLaw, family: str, params: dict,
                 sampler: Callable[[np.random.Generator, int], np.ndarray],
                 formulas=None) -> None:
        self.__dict__.update(base.__dict__)
        self.family = family
        self.params = params
        self.sampler = sampler
        # Squiggle's own quantile, cdf and density where they are not the exact ones
        # (an object with ppf, cdf and pdf: jStat's approximations for beta and gamma)
        self.formulas = formulas

    def _squiggles(self, which: str, x):
        """Squiggle's value where its formula gives a number, the exact one where the
        approximation breaks down (NaN for extreme shapes such as gamma(1e300, 1))."""
        exact = getattr(super(), which)
        if self.formulas is None:
            return exact(x)
        out = getattr(self.formulas, which)(x)
        if np.all(np.isfinite(out)):
            return out
        fixed = np.where(np.isfinite(out), out, exact(x))
        return float(fixed) if np.ndim(fixed) == 0 else fixed

    def ppf(self, p):
        return self._squiggles("ppf", p)

    def cdf(self, x):
        return self._squiggles("cdf", x)

    def pdf(self, x):
        return self._squiggles("pdf", x)

    @property
    def cheap(self) -> bool:
        # a summary shows the exact quantiles, as Squiggle's does, even where that
        # means importing scipy (beta, gamma)
        return True

    def squiggle_text(self) -> str:
        """How Squiggle writes the distribution (``String(x)``): ``Normal(5,1)``."""
        from .display import js_number
        args = [js_number(v) for v in self.params.values()]
        return _TEXT[self.family](*args)

    def point_set(self) -> PointSetLaw:
        """The point set Squiggle converts this distribution to (``toPointSetDist``):
        masses for a point mass and a Bernoulli, six points for a uniform, else 1,000
        points at evenly spaced quantiles from 0.0001 to 0.9999."""
        p = self.params
        if self.family == "pointMass":
            return PointSetLaw(discrete=([p["value"]], [1.0]), disc_sum=1.0, total=1.0)
        if self.family == "bernoulli":
            return PointSetLaw(discrete=([0.0, 1.0], [1 - p["p"], p["p"]]), disc_sum=1.0,
                               total=1.0)
        if self.family == "uniform":
            low, high = p["low"], p["high"]
            dx = 1e-10 * (high - low)
            xs = np.array([low - dx, low, low + dx, high - dx, high, high + dx])
            return PointSetLaw((xs, self.pdf(xs)), cont_sum=1.0, total=1.0)
        return from_quantiles(self.ppf, self.pdf)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v:g}" for k, v in self.params.items())
        return f"SymbolicLaw({self.family}({args}))"


# Squiggle's toString of each family (its spacing varies; a gamma has no name)
_TEXT = {
    "normal": lambda m, s: f"Normal({m},{s})", "lognormal": lambda m, s: f"Lognormal({m},{s})",
    "uniform": lambda a, b: f"Uniform({a},{b})", "beta": lambda a, b: f"Beta({a},{b})",
    "cauchy": lambda a, b: f"Cauchy({a}, {b})", "gamma": lambda a, b: f"({a}, {b})",
    "logistic": lambda a, b: f"Logistic({a},{b})", "exponential": lambda r: f"Exponential({r})",
    "bernoulli": lambda p: f"Bernoulli({p})", "pointMass": lambda t: f"PointMass({t})",
    "triangular": lambda a, m, b: f"Triangular({a}, {m}, {b})",
}


def symbolic_law(value) -> Optional[SymbolicLaw]:
    """The SymbolicLaw of a Sym.* distribution used as Squiggle would use it, else None.
    Outputs of ``correlate`` keep their law but are tied to other samples: not symbolic."""
    if isinstance(value, Dist) and isinstance(value.law, SymbolicLaw) and not value.fresh:
        return value.law
    return None
