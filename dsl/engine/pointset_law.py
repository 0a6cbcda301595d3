"""The law of a point-set distribution, computed as Squiggle 0.10 computes it.

A point set (Squiggle's ``PointSetDist`` over a ``MixedShape``) has a continuous part, a
density given at points ``xs`` and linear between them, and a discrete part, masses at
points. Neither part need integrate to 1 (``PointSet.makeContinuous`` keeps the ``y``s it
is given; ``Dist.normalize`` rescales). Every statistic follows Squiggle's own formulas,
so a program gets Squiggle's numbers to rounding:

- the integral (the cdf) is the continuous part's trapezoid sums plus the discrete part's
  running sums (each mass a step made linear over ``EPSILON``), merged as Squiggle's
  ``PointwiseCombination.combine`` merges them; between its points it is linear, so
  ``cdf`` and ``quantile`` (its inverse) interpolate linearly; neither is normalised;
- ``mean`` is (sum x p + integral of x f) weighted by the parts' integral sums and
  divided by the total, ``var`` the mean of squares minus the squared mean;
- ``pdf`` is the normalised density, linear between points and flat beyond the ends,
  plus the normalised mass at exactly x;
- samples are ``quantile(u)`` of uniform draws, one vectorised call.

Integral sums Squiggle caches and does not recompute (a symbolic distribution's point
set says 1 though its trapezoids give 0.9998) are kept the same way: ``cont_sum``,
``disc_sum``, ``total`` and ``integral`` given to the constructor win over computing.
Other modules (``stdlib/pointsets.py``, the ``Dist`` operations) build on this one.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

import numpy as np

from ..base.errors import DomainError
from .laws import Law
from ..base.meter import CHUNK, check_time

__all__ = ["PointSetLaw", "EPSILON", "XY", "integral_of_continuous", "integral_of_discrete",
           "combine_linear", "interp_x_to_y", "interp_y_to_x", "from_quantiles"]

EPSILON = 2.22044604925031308e-16  # Squiggle's epsilon_float: an absolute offset
XY = tuple  # (xs, ys): two equal-length float arrays


def _arr(values) -> np.ndarray:
    return np.asarray(values, dtype=float).reshape(-1)


def integral_of_continuous(xs: np.ndarray, ys: np.ndarray) -> XY:
    """Running trapezoid sums at each x (Squiggle's ``integrateWithTriangles``); an
    empty part integrates to the single point (-inf, 0)."""
    if xs.size == 0:
        return np.array([-math.inf]), np.array([0.0])
    steps = np.diff(xs) * ((ys[:-1] + ys[1:]) / 2)
    return xs, np.concatenate(([0.0], np.cumsum(steps)))


def integral_of_discrete(xs: np.ndarray, ys: np.ndarray) -> XY:
    """The discrete part's running sums as a linear shape: a zero just before the first
    mass, then each step made a ramp over EPSILON (``stepwiseToLinear``)."""
    if xs.size == 0:
        step_xs, step_ys = np.array([-math.inf]), np.array([0.0])
    else:
        step_xs = np.concatenate(([xs[0] - EPSILON], xs))
        step_ys = np.cumsum(np.concatenate(([0.0], ys)))
    n = step_xs.size
    out_x, out_y = np.empty(2 * n), np.empty(2 * n)
    out_x[0::2] = step_xs - EPSILON
    out_x[1::2] = step_xs
    out_y[0] = 0.0
    out_y[2::2] = step_ys[:-1]
    out_y[1::2] = step_ys
    return out_x, out_y


def _outermost(xs, ys, left: int, x: float) -> float:
    """Squiggle's linear interpolator with "UseOutermostPoints" extrapolation."""
    if left < 0:
        return ys[0]
    if left >= len(xs) - 1:
        return ys[-1]
    x1, x2, y1, y2 = xs[left], xs[left + 1], ys[left], ys[left + 1]
    fraction = (x - x1) / (x2 - x1)
    return y1 * (1 - fraction) + y2 * fraction


def _zero_outside(xs, ys, left: int, x: float) -> float:
    """Squiggle's linear interpolator with "UseZero" extrapolation."""
    if left < 0 or left >= len(xs) - 1:
        return 0.0
    return _outermost(xs, ys, left, x)



def combine_linear(a: XY, b: XY, fn: Callable[[float, float], float],
                   zero_outside: bool = False) -> XY:
    """Squiggle's ``PointwiseCombination.combine`` with linear interpolation: the union
    of both shapes' xs, each shape read at every x (beyond its ends: its end values, or
    0 with ``zero_outside``), combined by ``fn``. Ported step for step (its odd edge
    steps included, so that the integrals agree with Squiggle's); a loop over the
    points of two shapes (a few thousand), not over samples."""
    read = _zero_outside if zero_outside else _outermost
    (x1, y1), (x2, y2) = (a[0].tolist(), a[1].tolist()), (b[0].tolist(), b[1].tolist())
    n1, n2 = len(x1), len(x2)
    out_x, out_y = [], []
    i1 = i2 = 0
    steps = 0
    while i1 < n1 or i2 < n2:
        steps += 1
        if steps % CHUNK == 0:  # long shapes: the run's clock between chunks
            check_time()
        if i1 > 0 and i1 == n1 and i2 == 0:
            x = x1[i1 - 1] + EPSILON * x1[i1 - 1]
            v1, v2 = read(x1, y1, n1, x), read(x2, y2, -1, x)
            i1 += 1
        elif i1 == n1 + 1 and i2 == 0:
            x = x2[0] - EPSILON * x2[0]
            v1, v2 = read(x1, y1, n1, x), read(x2, y2, -1, x)
            i1 += 1
        elif i2 > 0 and i2 == n2 and i1 == 0:
            x = x2[i2 - 1] + EPSILON * x2[i2 - 1]
            v1, v2 = read(x1, y1, -1, x), read(x2, y2, n2, x)
            i2 += 1
        elif i2 == n2 + 1 and i1 == 0:
            x = x1[0] - EPSILON * x1[0]
            v1, v2 = read(x1, y1, -1, x), read(x2, y2, n2, x)
            i2 += 1
        elif i2 >= n2 or (i1 < n1 and x1[i1] < x2[i2]):
            x = x1[i1]
            v1, v2 = y1[i1], read(x2, y2, i2 - 1, x)
            i1 += 1
        elif i1 >= n1 or (i2 < n2 and x1[i1] > x2[i2]):
            x = x2[i2]
            v1, v2 = read(x1, y1, i1 - 1, x), y2[i2]
            i2 += 1
        else:  # the same x in both
            x, v1, v2 = x1[i1], y1[i1], y2[i2]
            i1 += 1
            i2 += 1
        out_x.append(x)
        with np.errstate(all="ignore"):
            out_y.append(fn(v1, v2))
    return np.array(out_x, dtype=float), np.array(out_y, dtype=float)


def _interpolate(lo_x, hi_x, lo_y, hi_y, x):
    """Squiggle's ``interpolate``: weights by distance; equal ends give that end."""
    with np.errstate(all="ignore"):
        out = lo_y * ((hi_x - x) / (hi_x - lo_x)) + hi_y * ((x - lo_x) / (hi_x - lo_x))
    return np.where(lo_y == hi_y, lo_y, out)


def _lookup(keys: np.ndarray, values: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Squiggle's ``XtoY.linear`` (and, with the roles swapped, ``YtoX.linear``),
    vectorised: below the first key the first value, past the last the last, at a key
    its value, else linear between the neighbours."""
    upper = np.searchsorted(keys, q, side="right")  # Squiggle's firstGreaterIndex
    n = keys.size
    inner = np.clip(upper, 1, n - 1)
    lo = inner - 1
    exact = keys[lo] == q
    between = _interpolate(keys[lo], keys[inner], values[lo], values[inner], q)
    out = np.where(exact, values[lo], between)
    out = np.where(upper == 0, values[0], out)
    return np.where(upper >= n, values[-1], out)


def interp_x_to_y(shape: XY, x):
    """The shape's y at x (Squiggle's ``XtoY.linear``)."""
    xs, ys = shape
    return _scalar_or(_lookup(xs, ys, np.asarray(x, dtype=float).reshape(-1)), x)


def interp_y_to_x(shape: XY, y):
    """The x at which the (increasing) shape reaches y (Squiggle's ``YtoX.linear``)."""
    xs, ys = shape
    return _scalar_or(_lookup(ys, xs, np.asarray(y, dtype=float).reshape(-1)), y)


def _scalar_or(out: np.ndarray, like):
    return float(out[0]) if np.ndim(like) == 0 else out.reshape(np.shape(like))


class PointSetLaw(Law):
    """A point-set distribution: ``continuous`` (xs, ys) density points and ``discrete``
    (xs, ys) masses, each with xs strictly increasing (``stdlib.pointsets`` checks what
    a model gives). ``cont_sum``/``disc_sum``/``total``/``integral`` are Squiggle's
    caches when it holds them (see the module docstring); None means computed."""

    name = "point set"

    def __init__(self, continuous: XY = ((), ()), discrete: XY = ((), ()), *,
                 cont_sum: Optional[float] = None, disc_sum: Optional[float] = None,
                 total: Optional[float] = None, integral: Optional[XY] = None) -> None:
        self.cxs, self.cys = _arr(continuous[0]), _arr(continuous[1])
        self.dxs, self.dys = _arr(discrete[0]), _arr(discrete[1])
        self._cont_integral = integral_of_continuous(self.cxs, self.cys)
        self._disc_integral = integral_of_discrete(self.dxs, self.dys)
        self.cont_sum = float(self._cont_integral[1][-1]) if cont_sum is None else cont_sum
        self.disc_sum = (float(self.dys.sum()) if self.dxs.size else 0.0) \
            if disc_sum is None else disc_sum
        self._integral = integral
        self._total = total
        self.discrete = self.cxs.size == 0 and self.dxs.size > 0

    # ---- the integral (cdf) ----

    @property
    def integral(self) -> XY:
        """The running integral over both parts (not normalised)."""
        if self._integral is None:
            self._integral = combine_linear(self._cont_integral,
                                            self._disc_integral, lambda a, b: a + b)
        return self._integral

    def integral_sum(self) -> float:
        """The total mass (1 for a normalised point set)."""
        if self._total is None:
            self._total = float(self.integral[1][-1])
        return self._total

    @property
    def known_total(self) -> Optional[float]:
        """The total mass if given or already computed, else None."""
        return self._total

    def is_empty(self) -> bool:
        return self.cxs.size == 0 and self.dxs.size == 0

    # ---- Law protocol ----

    cheap = True  # quantiles need no scipy: summaries use them

    def _continuous_moment(self, power: int) -> float:
        """The integral of x^power f(x) over the linear pieces, as Squiggle sums it."""
        xs, ys = self.cxs, self.cys
        if xs.size < 2:
            return 0.0
        x1, x2, h1, h2 = xs[:-1], xs[1:], ys[:-1], ys[1:]
        keep = x1 != x2
        x1, x2, h1, h2 = x1[keep], x2[keep], h1[keep], h2[keep]
        with np.errstate(all="ignore"):
            b = (h1 - h2) / (x1 - x2)
            a = h1 - b * x1
            def primitive(p):  # of (a + b p) p^power
                return a * p ** (power + 1) / (power + 1) + b * p ** (power + 2) / (power + 2)
            pieces = primitive(x2) - primitive(x1)
        # added in order, as Squiggle adds them (numpy's cumsum is sequential)
        return float(np.cumsum(pieces)[-1]) if pieces.size else 0.0

    def _discrete_moment(self, power: int) -> float:
        if self.dxs.size == 0:
            return 0.0
        with np.errstate(all="ignore"):
            return float(np.cumsum(self.dxs ** power * self.dys)[-1])

    def mean(self) -> float:
        c, d = self._continuous_moment(1), self._discrete_moment(1)
        with np.errstate(all="ignore"):
            return float((np.float64(d) * self.disc_sum + np.float64(c) * self.cont_sum)
                         / self.integral_sum())

    def var(self) -> float:
        """Squiggle's mean of squares minus squared mean; NaN where that is below 0 (an
        unnormalised point set), as Squiggle's stdev is then NaN."""
        out = self._var()
        return math.nan if out < 0 else out

    def _var(self) -> float:
        dsum, csum = self.disc_sum, self.cont_sum
        with np.errstate(all="ignore"):
            share = np.float64(dsum) / np.float64(dsum + csum)
            if share == 1:
                return self._discrete_moment(2) - self._discrete_moment(1) ** 2
            if share == 0:
                return self._continuous_moment(2) - self._continuous_moment(1) ** 2
            squares = (self._discrete_moment(2) * dsum + self._continuous_moment(2) * csum) \
                / (dsum + csum)
            return float(squares - self.mean() ** 2)

    def ppf(self, p):
        return interp_y_to_x(self.integral, p)

    def cdf(self, x):
        return interp_x_to_y(self.integral, x)

    def pdf(self, x):
        """The normalised density at x plus the normalised mass at exactly x. Without a
        continuous part there is no density: an error, as in Squiggle."""
        if self.cxs.size == 0:
            raise DomainError("pdf of a point set with no continuous part: it has no "
                              "density (Squiggle: operation on an empty XYShape)")
        q = np.asarray(x, dtype=float).reshape(-1)
        cscale, dscale = self._normalising_scales()
        out = np.zeros(q.shape)
        if self.cxs.size:
            out += _lookup(self.cxs, self.cys, q) * cscale
        if self.dxs.size:
            at = np.searchsorted(self.dxs, q)
            at_c = np.minimum(at, self.dxs.size - 1)
            hit = (at < self.dxs.size) & (self.dxs[at_c] == q)
            out += np.where(hit, self.dys[at_c] * dscale, 0.0)
        return _scalar_or(out, x)

    def _normalising_scales(self) -> tuple[float, float]:
        """Factors that make the parts sum to 1 (Squiggle's ``MixedShape.normalize``)."""
        if self.is_empty():
            return 1.0, 1.0
        one = np.float64(1.0)  # a mass of 0 gives inf, as in JavaScript, not an exception
        with np.errstate(all="ignore"):
            if self.cxs.size == 0:
                return 1.0, float(one / self.disc_sum)
            if self.dxs.size == 0:
                return float(one / self.cont_sum), 1.0
            total = self.cont_sum + self.disc_sum
            return float(one / total), float(one / total)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """n draws by the inverse cdf of uniform numbers, as Squiggle samples a point set."""
        return np.asarray(self.ppf(rng.random(n)), dtype=float).reshape(-1)

    def min(self) -> float:
        return float(min(self.cxs[0] if self.cxs.size else math.inf,
                         self.dxs[0] if self.dxs.size else math.inf))

    def max(self) -> float:
        return float(max(self.cxs[-1] if self.cxs.size else -math.inf,
                         self.dxs[-1] if self.dxs.size else -math.inf))

    # ---- transformations, as Squiggle's MixedShape does them ----

    def map_y(self, fn: Callable[[np.ndarray], np.ndarray]) -> "PointSetLaw":
        """Each y (density and mass) through ``fn``; Squiggle drops its caches."""
        return PointSetLaw((self.cxs, fn(self.cys)), (self.dxs, fn(self.dys)))

    def normalize(self) -> "PointSetLaw":
        """Scaled to total mass 1 (``MixedShape.normalize``)."""
        if self.is_empty():
            return self
        cscale, dscale = self._normalising_scales()
        if self.dxs.size == 0:
            return PointSetLaw((self.cxs, self.cys * cscale), cont_sum=1.0, total=1.0)
        if self.cxs.size == 0:
            return PointSetLaw(discrete=(self.dxs, self.dys * dscale), disc_sum=1.0,
                               total=1.0)
        total = self.cont_sum + self.disc_sum
        return PointSetLaw((self.cxs, self.cys * cscale), (self.dxs, self.dys * dscale),
                           cont_sum=self.cont_sum / total, disc_sum=self.disc_sum / total,
                           total=1.0)

    def truncate(self, left: Optional[float], right: Optional[float],
                 normalise: bool = True) -> "PointSetLaw":
        """Conditioned on [left, right] (None: no bound), as Squiggle truncates a point set:
        the points inside kept, a zero density added just outside each given bound
        (EPSILON away), then normalised (unless ``normalise`` is False)."""
        lo = -math.inf if left is None else left
        hi = math.inf if right is None else right
        inside = (self.cxs >= lo) & (self.cxs <= hi)
        cxs, cys = self.cxs[inside], self.cys[inside]
        if left is not None:
            cxs, cys = np.concatenate(([lo - EPSILON], cxs)), np.concatenate(([0.0], cys))
        if right is not None:
            cxs, cys = np.concatenate((cxs, [hi + EPSILON])), np.concatenate((cys, [0.0]))
        kept = (self.dxs >= lo) & (self.dxs <= hi)
        cut = PointSetLaw((cxs, cys), (self.dxs[kept], self.dys[kept]))
        return cut.normalize() if normalise else cut

    def downsample(self, count: float) -> "PointSetLaw":
        """About ``count`` points: the discrete part keeps its heaviest masses, the
        continuous part is re-read at xs equally spaced in its mass; Squiggle keeps the
        old integral, so cdf and quantile do not change."""
        total = self.disc_sum + self.cont_sum
        with np.errstate(all="ignore"):
            n_disc = math.floor(count * self.disc_sum / total) if total else 0
            n_cont = math.floor(count * self.cont_sum / total) if total else 0
        dxs, dys = self.dxs, self.dys
        if 1 <= n_disc < dxs.size and dxs.size > 1:
            heaviest = np.argsort(dys, kind="stable")[::-1][:n_disc]
            keep = np.sort(heaviest)
            dxs, dys = dxs[keep], dys[keep]
        cxs, cys = self.cxs, self.cys
        if cxs.size:
            targets = _even_range(0.0, 1.0, n_cont)
            cxs = interp_y_to_x(self._cont_integral, targets) if targets.size else targets
            cys = interp_x_to_y((self.cxs, self.cys), cxs) if cxs.size else cxs
        return PointSetLaw((cxs, cys), (dxs, dys), cont_sum=self.cont_sum,
                           disc_sum=self.disc_sum, total=self._total, integral=self._integral)

    def support(self) -> tuple[list[float], list[tuple[float, float]]]:
        """(points, segments): the discrete xs, and the intervals where the density is
        above 0 (Squiggle's ``MixedShape.support``)."""
        return self.dxs.tolist(), positive_segments(self.cxs, self.cys)

    def squiggle_text(self) -> str:
        """How Squiggle writes a point set (``String(x)``)."""
        return "Point Set Distribution"

    def __repr__(self) -> str:
        return (f"PointSetLaw(continuous={self.cxs.size} points, "
                f"discrete={self.dxs.size} points)")


def _even_range(low: float, high: float, n: int) -> np.ndarray:
    """Squiggle's ``E_A_Floats.range``: n evenly spaced values from low to high."""
    if n <= 0:
        return np.empty(0)
    if n == 1:
        return np.array([low])
    if n == 2:
        return np.array([low, high])
    return low + np.arange(n) * ((high - low) / (n - 1))


def positive_segments(xs: np.ndarray, ys: np.ndarray) -> list[tuple[float, float]]:
    """The [start, end] intervals where a linear density is above 0, each cut where a
    piece crosses 0 (Squiggle's ``extractSubsetThatSatisfiesThreshold(.., "greaterThan",
    0)``, then first and last x of each segment of more than one distinct point)."""
    segments: list[list[tuple[float, float]]] = []
    current: Optional[list[tuple[float, float]]] = None
    pts = list(zip(xs.tolist(), ys.tolist()))
    for i, (x1, y1) in enumerate(pts):
        if i % CHUNK == CHUNK - 1:
            check_time()
        if i == len(pts) - 1:
            if current:
                segments.append(current)
            break
        x2, y2 = pts[i + 1]
        at_zero = lambda: x1 + ((0 - y1) * (x2 - x1)) / (y2 - y1)  # noqa: E731
        if y1 > 0 and y2 > 0:
            current = current or [(x1, y1)]
            current.append((x2, y2))
        elif y1 <= 0 < y2:
            current = current or [(at_zero(), 0.0)]
            current.append((x2, y2))
        elif y1 > 0 >= y2:
            if current:
                current.append((at_zero(), 0.0))
                segments.append(current)
                current = None
        elif current:
            segments.append(current)
            current = None
    out = []
    for seg in segments:
        distinct = [p for j, p in enumerate(seg) if j == 0 or p != seg[j - 1]]
        if len(distinct) > 1:
            out.append((distinct[0][0], distinct[-1][0]))
    return sorted(out, key=lambda s: s[0])


def from_quantiles(ppf: Callable, pdf: Callable, points: int = 1000) -> PointSetLaw:
    """The point set Squiggle makes from a symbolic distribution: ``points`` xs at the
    quantiles 0.0001 ... 0.9999 ("ByWeight"), each with its density; the integral sum is
    taken to be 1, as Squiggle caches it."""
    xs = np.asarray(ppf(_even_range(0.0001, 0.9999, points)), dtype=float)
    return PointSetLaw((xs, np.asarray(pdf(xs), dtype=float)), cont_sum=1.0, total=1.0)
