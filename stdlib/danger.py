"""``Danger.*``: Squiggle 0.10's grab-bag of functions it considers unpolished:
combinatorics, numerical integration, a greedy budget allocation, two discrete
distributions, the current date and a JSON view of values.

Results follow Squiggle 0.10 (packages/squiggle-lang/src/fr/danger.ts) to the last bit
where it computes numbers with a fixed formula (integration, allocation, factorial of a
whole number). Where Squiggle returns NaN or garbage for bad input (``factorial(-1)``,
``choose(1, 20)``, a negative ``k`` that overflows its stack, one integration point)
sqdsl stops with a DomainError; where Squiggle's formula overflows to NaN though the
answer is a finite number (``choose(200, 2)``) sqdsl gives the number.
"""
from __future__ import annotations

import itertools
import json as _json
import math
import re
import time

import numpy as np

from dsl.engine.dist import Dist, sample_quantiles
from dsl.base.errors import ArgumentError, DomainError, DslError, TypeError_
from dsl.base.number_format import js_string
from dsl.engine.pointset_law import PointSetLaw
from dsl.engine.registry import BuiltinFunction, Context, builtin
from dsl.engine.time_values import Date
from dsl.engine.types import AnyValue, DistT, Fn, ListOf, Num, Probability, Real, Str
from dsl.engine.values import Bool, Function, List, Number, Record, String, Value

from .dists import binomial as _binomial, poisson as _poisson
from .pointsets import make_point_set, to_point_set

__all__: list[str] = []

# ---- combinatorics ----

# past 170, n! is past the largest double: Squiggle's factorial is Infinity there and
# its choose Infinity / Infinity = NaN
_LARGEST_FACTORIAL = 170


def _factorial(n: float) -> float:
    """jstat's factorial, as Squiggle uses it: for a whole number the product 1 * 2 *
    ... * n in doubles, in that order (bit for bit Squiggle's); otherwise Gamma(n + 1)."""
    if n > _LARGEST_FACTORIAL + 1:  # jstat: Infinity past Gamma's overflow point
        return math.inf
    if n == math.floor(n):
        result = 1.0
        for k in range(2, int(n) + 1):  # at most 171 steps
            result *= k
        return result
    try:
        return math.gamma(n + 1)
    except OverflowError:
        return math.inf


def _check_non_negative(value: float, what: str, name: str) -> None:
    if value < 0:
        raise DomainError(f"{what}: {name} must be >= 0 (got {js_string(value)})")


@builtin("Danger.factorial", examples=[("Danger.factorial(20)", "2432902008176640000"),
                                       ("Danger.factorial(0.5)", "0.886226925452758",
                                        1e-12)])
def factorial(n: Real) -> Real:
    """n! = 1 * 2 * ... * n, and Gamma(n + 1) for an n that is not whole.

    Infinity past 170!, the largest double. A negative n is an error (Squiggle gives
    NaN). For an n that is not whole Squiggle's Gamma is an approximation good to about
    1e-9 relative; this one is exact to rounding."""
    _check_non_negative(n, "Danger.factorial", "n")
    return _factorial(n)


def _choose(n: float, k: float, what: str) -> float:
    if not (math.isfinite(n) and math.isfinite(k)):
        raise DomainError(f"{what}: n and k must be finite (got n = {js_string(n)}, "
                          f"k = {js_string(k)})")
    if not 0 <= k <= n:
        raise DomainError(f"{what}: k must be between 0 and n (got n = {js_string(n)}, "
                          f"k = {js_string(k)})")
    if n <= _LARGEST_FACTORIAL:  # Squiggle's own formula, for its exact doubles
        return _factorial(n) / (_factorial(n - k) * _factorial(k))
    # Squiggle's formula is Infinity / Infinity here; the logarithm is not
    if n >= 1e155 and 2 <= k <= n - 2:  # at least n (n - 1) / 2, past the largest double
        return math.inf
    return _exp(_log_choose(n, k))


def _log_choose(n: float, k: float) -> float:
    """log C(n, k) = -log(n + 1) - log B(n - k + 1, k + 1), finite for any finite n."""
    from scipy.special import betaln  # here: importing scipy costs a start-up 0.3 s
    return -math.log1p(n) - float(betaln(n - k + 1, k + 1))


def _exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


@builtin("Danger.choose", examples=[("Danger.choose(5, 2)", "10"),
                                    ("Danger.choose(20, 1)", "20")])
def choose(n: Real, k: Real) -> Real:
    """The number of ways to choose k items of n, without repetition: n! / ((n - k)!
    k!), the binomial coefficient.

    k must be between 0 and n (Squiggle gives NaN otherwise); n past 170 is computed
    from logarithms (Squiggle gives NaN there)."""
    return _choose(n, k, "Danger.choose")


@builtin("Danger.binomial", examples=[("Danger.binomial(10, 3, 0.5)", "0.1171875"),
                                      ("Danger.binomial(1, 1, 0.3)", "0.3")])
def binomial_probability(n: Real, k: Real, p: Probability) -> Real:
    """The probability that an event of probability p happens exactly k times in n
    tries: choose(n, k) p^k (1 - p)^(n - k)."""
    what = "Danger.binomial"
    count = _choose(n, k, what)
    if n <= _LARGEST_FACTORIAL:
        return count * p ** k * (1 - p) ** (n - k)
    if n == math.floor(n) and k == math.floor(k):
        # scipy's binomial probability (Loader's saddle point) is exact to rounding for
        # any n, where p^k underflows long before choose overflows
        from scipy.stats import binom  # here: importing scipy costs a start-up 0.5 s
        return float(binom.pmf(k, n, p))
    from scipy.special import xlog1py, xlogy
    log = _log_choose(n, k) + float(xlogy(k, p)) + float(xlog1py(n - k, -p))
    if math.isnan(log):
        raise DomainError(f"{what}: n = {js_string(n)} is too large to compute with a k "
                          "that is not whole")
    return _exp(log)


def _check_combinations(items: list, k: float, what: str) -> int:
    if k != math.floor(k) or k < 0:
        raise DomainError(f"{what}: the length must be a whole number >= 0 (got "
                          f"{js_string(k)})")
    if k > len(items):
        raise ArgumentError(f"Combinations of length {js_string(k)} were requested, but "
                            f"full list is only {len(items)} long.")
    return int(k)


@builtin("Danger.combinations", examples=[
    ("Danger.combinations([1, 2, 3], 2)", "[[1, 2], [1, 3], [2, 3]]"),
    ("Danger.combinations([1, 2, 3], 0)", "[[]]")])
def combinations(ctx: Context, xs: ListOf(), k: Real) -> ListOf():
    """Every way to take k items of the list, keeping their order, in Squiggle's order
    (those with the first item first)."""
    k = _check_combinations(xs, k, "Danger.combinations")
    count = math.comb(len(xs), k)
    ctx.check_items(count, "Danger.combinations")
    ctx.check_size(count * k, "Danger.combinations")
    return [List(list(c)) for c in itertools.combinations(xs, k)]


@builtin("Danger.allCombinations", examples=[
    ("Danger.allCombinations([1, 2, 3])",
     "[[1], [2], [3], [1, 2], [1, 3], [2, 3], [1, 2, 3]]"),
    ("Danger.allCombinations([])", "[]")])
def all_combinations(ctx: Context, xs: ListOf()) -> ListOf():
    """Every combination of 1, 2, ... all of the items, shortest first."""
    n = len(xs)
    ctx.check_items(2 ** n - 1, "Danger.allCombinations")
    ctx.check_size(n * 2 ** max(n - 1, 0), "Danger.allCombinations")
    return [List(list(c)) for k in range(1, n + 1) for c in itertools.combinations(xs, k)]


# ---- small formulas ----

@builtin("Danger.laplace", examples=[("Danger.laplace(1, 10)", "0.166666666666667", 1e-12)])
def laplace(successes: Real, trials: Real) -> Real:
    """Laplace's rule of succession: the probability of success next time after
    ``successes`` in ``trials``, (successes + 1) / (trials + 2)."""
    if trials + 2 == 0:
        raise DomainError("Danger.laplace: trials must not be -2 (the rule divides by "
                          "trials + 2)")
    result = (successes + 1) / (trials + 2)
    if math.isnan(result):
        raise DomainError(f"Danger.laplace: (successes + 1) / (trials + 2) is undefined for "
                          f"successes = {js_string(successes)} and trials = "
                          f"{js_string(trials)}")
    return result


# JavaScript's parseFloat: after leading white space, the longest prefix that reads as
# a decimal number or Infinity (no hex, no digit separators)
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_FLOAT_PREFIX = re.compile(rf"[{_JS_SPACE}]*([+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)"
                           r"(?:[eE][+-]?\d+)?))")


@builtin("Danger.parseFloat", examples=[("Danger.parseFloat('10.3')", "10.3"),
                                        ("Danger.parseFloat(' 1e3 km')", "1000"),
                                        ("Danger.parseFloat('ten')", '"Parse Failed"')])
def parse_float(text: Str) -> AnyValue:
    """The number at the start of the string (JavaScript's ``parseFloat``: leading white
    space skipped, reading stops at the first character that cannot continue the
    number), or the string "Parse Failed" when there is none."""
    found = _FLOAT_PREFIX.match(text)
    if found is None:
        return String("Parse Failed")
    number = found.group(1)
    return Number(float(number.replace("Infinity", "inf")))


@builtin("Danger.now", examples=[("Danger.now() > Date.make(2024)", "true")])
def now() -> AnyValue:
    """The current date and time (JavaScript's ``Date.now()``: whole milliseconds).

    Each call reads the clock, so a model that uses it gives another result each run."""
    return Date(math.floor(time.time() * 1000))


# ---- functions applied at many points ----

_NOT_A_NUMBER = ("Error 1 in {what}. It's possible that your function doesn't return a "
                 "number, try definining auxiliaryFunction(x) = mean(yourFunction(x)) and "
                 "integrate auxiliaryFunction instead")


def _number_at(ctx: Context, fn: Function, x: float, what: str) -> float:
    value = ctx.call(fn, [Number(x)])
    if not isinstance(value, Number):
        raise TypeError_(_NOT_A_NUMBER.format(what=what))
    return value.value


def _values_at(ctx: Context, fn: Function, xs: np.ndarray, what: str) -> np.ndarray:
    """fn at each point of xs. A function that works element-wise is called once, with
    the points as one distribution, and checked at the first and last point; any other
    (it fails on a distribution, returns one number for all, or disagrees with its
    single-point values) is called once per point, the only per-point loop."""
    n = xs.shape[0]
    if n >= 3 and n != ctx.samples:  # a sample-length array could be mistaken for samples
        try:
            value = ctx.call(fn, [Dist.from_samples(xs)])
        except DslError as e:
            if e.kind == "LimitError":
                raise
            value = None
        if isinstance(value, Dist) and len(value) == n:
            ys = np.array(value.samples, dtype=np.float64)
            ends = [_number_at(ctx, fn, float(xs[i]), what) for i in (0, n - 1)]
            if np.allclose(ys[[0, n - 1]], ends, rtol=1e-12, atol=0, equal_nan=True):
                return ys
    return np.array([_number_at(ctx, fn, float(x), what) for x in xs], dtype=np.float64)


def _integrate(ctx: Context, fn: Function, low: float, high: float, points: float) -> float:
    """Squiggle's rule: ``points`` (cut to a whole number) evenly spaced points from
    ``low`` to ``high``, the trapezoid rule over them, summed in Squiggle's order."""
    what = "Danger.integrate"
    if not (math.isfinite(low) and math.isfinite(high)):
        raise DomainError(f"{what}: min and max must be finite (got {js_string(low)} and "
                          f"{js_string(high)})")
    # JavaScript's `points | 0`, for any count that fits in 32 bits
    total_points = int(points) if math.isfinite(points) else 0
    if total_points < 2:
        raise DomainError(f"{what}: at least 2 integration points are needed (got "
                          f"{js_string(points)}); Squiggle gives NaN or a wrong sign")
    inner = total_points - 2
    ctx.check_size(total_points, what)
    step = (high - low) / (total_points - 1)
    xs = low + (np.arange(inner, dtype=np.float64) + 1) * step
    ys = _values_at(ctx, fn, np.concatenate([[low], xs, [high]]), what)
    inner_sum = float(np.cumsum(ys[1:-1])[-1]) if inner else 0.0  # left to right, as JS
    width = high - low
    result = (ys[0] + ys[-1]) * (width / (total_points - 1) / 2) \
        + inner_sum * (width / (total_points - 1))
    if math.isnan(result):
        raise DomainError(f"{what}: the integral is undefined (the function's values add "
                          "Infinity and -Infinity, or are NaN)")
    return result


@builtin("Danger.integrateFunctionBetweenWithNumIntegrationPoints",
         aliases=["integrateFunctionBetweenWithNumIntegrationPoints"],
         examples=[("Danger.integrateFunctionBetweenWithNumIntegrationPoints("
                    "{|x| x + 1}, 1, 10, 10)", "58.5"),
                   ("integrateFunctionBetweenWithNumIntegrationPoints({|x| x * x}, 0, 1, 101)",
                    "0.33335")])
def integrate_points(ctx: Context, f: Fn, min_: Real, max_: Real,
                     numIntegrationPoints: Real) -> Real:
    """The integral of f from min to max by the trapezoid rule over numIntegrationPoints
    evenly spaced points (ends included).

    f must take and return a number: for a function returning distributions, integrate
    ``{|x| mean(f(x))}``. An element-wise f is called once with all the points."""
    if numIntegrationPoints == 0:
        raise DomainError("Integration error 4 in Danger.integrate: Increment can't be 0.")
    return _integrate(ctx, f, min_, max_, numIntegrationPoints)


@builtin("Danger.integrateFunctionBetweenWithEpsilon",
         aliases=["integrateFunctionBetweenWithEpsilon"],
         examples=[("Danger.integrateFunctionBetweenWithEpsilon({|x| x + 1}, 1, 10, 0.1)",
                    "58.5")])
def integrate_epsilon(ctx: Context, f: Fn, min_: Real, max_: Real, epsilon: Real) -> Real:
    """The integral of f from min to max by the trapezoid rule over points about
    epsilon apart: (max - min) / epsilon points, cut to a whole number, as Squiggle
    counts them."""
    if epsilon == 0:
        raise DomainError("Integration error in Danger.integrate: Increment can't be 0.")
    return _integrate(ctx, f, min_, max_, (max_ - min_) / epsilon)


_ALLOCATION = "Danger.optimalAllocationGivenDiminishingMarginalReturnsForManyFunctions"


@builtin(_ALLOCATION,
         aliases=["optimalAllocationGivenDiminishingMarginalReturnsForManyFunctions"],
         examples=[(f"{_ALLOCATION}([{{|x| 100 / (x + 1)}}, {{|y| 50 / (y + 1)}}], 100, 1)",
                    "[67, 33]")])
def optimal_allocation(ctx: Context, fs: ListOf(Fn), funds: Real,
                       approximateIncrement: Real) -> ListOf(Real):
    """How to split ``funds`` between projects whose marginal returns fall as they get
    more: fs[i](x) is the return of the next dollar to project i when it has x. Each
    increment (funds / round(funds / approximateIncrement)) goes to the project whose
    next dollar returns most, greedily, as Squiggle does.

    The answer is right only when every f decreases. Each step calls one function at
    the allocation the step before made: the calls cannot be batched."""
    prefix = f"Error in {_ALLOCATION}, "
    if len(fs) <= 1:
        raise ArgumentError(prefix + "number of functions should be greater than 1.")
    if funds <= 0:
        raise DomainError(prefix + "funds should be greater than 0.")
    if approximateIncrement <= 0:
        raise DomainError(prefix + "approximateIncrement should be greater than 0.")
    if approximateIncrement >= funds:
        raise DomainError(prefix + "approximateIncrement should be smaller than funds "
                                   "amount.")
    steps = funds / approximateIncrement
    if not math.isfinite(steps):
        raise DomainError(prefix + f"funds / approximateIncrement is {js_string(steps)} "
                                   "steps: too many to take")
    steps = math.floor(steps + 0.5)  # Math.round: halves up
    increment = funds / steps
    allocation = [0.0] * len(fs)
    returns = [_number_at(ctx, f, 0.0, _ALLOCATION) for f in fs]
    for _ in range(steps):
        best = 0
        for i, r in enumerate(returns):  # the first of the largest; NaN never wins
            if r > returns[best]:
                best = i
        allocation[best] += increment
        returns[best] = _number_at(ctx, fs[best], allocation[best], _ALLOCATION)
    return allocation


# ---- distributions ----

_TRIALS = Num.where(lambda x: (x >= 0) & (np.floor(x) == x) & (x <= 2.0 ** 62),
                    "a whole number >= 0 (the number of trials)")


@builtin("Danger.binomialDist", labels={"p": "the probability p"},
         examples=[("mean(Danger.binomialDist(8, 0.5))", "4")])
def binomial_dist(ctx: Context, numberOfTrials: _TRIALS, probabilityOfSuccess: Probability
                  ) -> DistT:
    """The number of successes in n trials each succeeding with probability p: the same
    distribution as ``binomial(n, p)``. Either may be a distribution."""
    return _binomial(ctx, numberOfTrials, probabilityOfSuccess)


@builtin("Danger.poissonDist", examples=[("mean(Danger.poissonDist(10))", "10")])
def poisson_dist(ctx: Context, rate: Num.where(lambda x: x > 0, "> 0")) -> DistT:
    """The number of events at ``rate`` per period: the same distribution as
    ``poisson(rate)``, whose rate must be positive here as in Squiggle."""
    return _poisson(ctx, rate)


# ---- JSON ----

def _simple(ctx: Context, value: Value) -> Value:
    """Squiggle's "simple value" of ``value``, as a value: a record becomes
    ``{vtype: "Dict", value: {...}}``, a distribution ``{vType: "SampleSetDist",
    samples: [...], summary: {mean, p5, p50, p95}}``; numbers, strings, booleans, dates
    and functions stay as they are."""
    if isinstance(value, (Number, String, Bool, Function, Date)):
        return value
    if isinstance(value, List):
        return List([_simple(ctx, v) for v in value.items])
    if isinstance(value, Record):
        inner = Record({k: _simple(ctx, v) for k, v in value.fields.items()})
        return Record({"vtype": String("Dict"), "value": inner})
    if isinstance(value, Dist):
        ctx.check_items(len(value), "Danger.json")
        samples = value.samples
        p5, p50, p95 = sample_quantiles(samples, [0.05, 0.5, 0.95])
        summary = Record({"mean": Number(float(np.mean(samples))), "p5": Number(float(p5)),
                          "p50": Number(float(p50)), "p95": Number(float(p95))})
        return Record({"vType": String("SampleSetDist"),
                       "samples": List([Number(x) for x in samples.tolist()]),
                       "summary": summary})
    raise TypeError_(f"Can't convert {value.type_name} to simple value")


@builtin("Danger.json", examples=[("Danger.json({a: 1, b: [2]})",
                                   '{vtype: "Dict", value: {a: 1, b: [2]}}'),
                                  ("Danger.json(normal(0, 1)).vType", '"SampleSetDist"')])
def json_value(ctx: Context, value: AnyValue) -> AnyValue:
    """The value in Squiggle's simpler, JSON-like form, for looking inside it: a record
    becomes ``{vtype: "Dict", value: record}``, a distribution ``{vType:
    "SampleSetDist", samples, summary: {mean, p5, p50, p95}}`` (its samples and their
    statistics); functions and dates are kept. A Duration cannot be converted."""
    return _simple(ctx, value)


def _array_index(key: str) -> bool:
    """Does JavaScript treat ``key`` as an array index (listing it first, in numeric
    order, among an object's keys)?"""
    return key.isdigit() and key.isascii() and (key == "0" or key[0] != "0") \
        and int(key) < 2 ** 32 - 1


def _json_text(value: Value, out: list[str]) -> None:
    """JSON.stringify of a simple value: numbers as JavaScript writes them (Infinity
    and NaN as null), a function as Squiggle's summary of it."""
    if isinstance(value, Number):
        x = value.value
        out.append(js_string(x) if math.isfinite(x) else "null")
    elif isinstance(value, Bool):
        out.append("true" if value.value else "false")
    elif isinstance(value, String):
        out.append(_json.dumps(value.value, ensure_ascii=False))
    elif isinstance(value, Date):
        out.append(_json.dumps(value.summary()["value"]))
    elif isinstance(value, Function):
        if isinstance(value, BuiltinFunction):  # Squiggle: "(Number, Number) => Number"
            text = value.name
            params = " | ".join(
                "(" + ", ".join(p.type.name for p in sig.params)
                + (f", ...{sig.variadic.type.name}" if sig.variadic else "")
                + f") => {sig.returns}" for sig in value.builtin.signatures)
        else:
            params = ",".join(value.param_names())
            text = f"({params}) => internal code"
        _json_text(Record({"vType": String("Lambda"), "toString": String(text),
                           "paramenterString": String(params)}), out)
    elif isinstance(value, List):
        out.append("[")
        for i, item in enumerate(value.items):
            if i:
                out.append(",")
            _json_text(item, out)
        out.append("]")
    else:  # a record
        keys = list(value.fields)
        indexes = sorted((k for k in keys if _array_index(k)), key=int)
        ordered = indexes + [k for k in keys if not _array_index(k)]
        out.append("{")
        for i, key in enumerate(ordered):
            if i:
                out.append(",")
            out.append(_json.dumps(key, ensure_ascii=False) + ":")
            _json_text(value.fields[key], out)
        out.append("}")


@builtin("Danger.jsonString", examples=[("Danger.jsonString({a: 1, b: 2})",
                                         '"{\\"vtype\\":\\"Dict\\",\\"value\\":'
                                         '{\\"a\\":1,\\"b\\":2}}"'),
                                        ("Danger.jsonString([1/0, 0.1, 1e21])",
                                         '"[null,0.1,1e+21]"')])
def json_string(ctx: Context, value: AnyValue) -> Str:
    """``Danger.json(value)`` as JSON text, as JavaScript's JSON.stringify writes it
    (Infinity and NaN become null; keys that are whole numbers come first). A function
    becomes ``{vType: "Lambda", toString, paramenterString}`` (Squiggle's spelling)."""
    out: list[str] = []
    _json_text(_simple(ctx, value), out)
    return "".join(out)


# ---- the distribution of density values ----

_EPSILON = 2.22044604925031308e-16  # Squiggle's epsilon_float, an absolute offset


class _SteppedLaw(PointSetLaw):
    """A point set whose density has steps 2.2e-16 wide: its moments are summed piece
    by piece as dx (y1 (2 x1 + x2) + y2 (x1 + 2 x2)) / 6 (and the like for x^2), which
    stay exact on such a piece, where Squiggle's a p^2 / 2 + b p^3 / 3 with slope
    b = dy / dx cancels to garbage (its yTransform of a normal has a negative mean and
    a NaN stdev)."""

    def _continuous_moment(self, power: int) -> float:
        xs, ys = self.cxs, self.cys
        if xs.size < 2:
            return 0.0
        x1, x2, y1, y2 = xs[:-1], xs[1:], ys[:-1], ys[1:]
        dx = x2 - x1
        if power == 1:
            pieces = dx * (y1 * (2 * x1 + x2) + y2 * (x1 + 2 * x2)) / 6
        elif power == 2:
            pieces = dx * (y1 * (3 * x1 * x1 + 2 * x1 * x2 + x2 * x2)
                           + y2 * (x1 * x1 + 2 * x1 * x2 + 3 * x2 * x2)) / 12
        else:
            return super()._continuous_moment(power)
        return float(np.sum(pieces))

def _density_rectangles(xs: np.ndarray, ys: np.ndarray):
    """Each linear piece of a density as mass spread evenly over the density values it
    passes (a rectangle on [low y, high y]), and each flat piece as a mass at its one
    density value (Squiggle's convertToRectangles)."""
    x1, x2, y1, y2 = xs[:-1], xs[1:], ys[:-1], ys[1:]
    width = np.abs(x2 - x1)
    rise = np.abs(y2 - y1)
    mass = width * np.minimum(y1, y2) + 0.5 * width * rise
    sloped = y1 != y2
    with np.errstate(all="ignore"):
        height = mass[sloped] / rise[sloped]
    rectangles = (np.minimum(y1, y2)[sloped], np.maximum(y1, y2)[sloped], height)
    flat = (y1[~sloped], (x2 - x1)[~sloped])
    return rectangles, flat


def _stack_rectangles(low: np.ndarray, high: np.ndarray, height: np.ndarray):
    """The sum of the rectangles as a density: at each edge the height steps, drawn as
    a point before and one just after the edge (Squiggle's
    mergeRectanglesWithoutOverlap; "just after" is x + 2.2e-16, or the next double
    when that rounds back to x)."""
    edges, steps = {}, {}
    for a, b, h in zip(low.tolist(), high.tolist(), height.tolist()):  # pieces, not samples
        steps[a] = steps.get(a, 0.0) + h
        steps[b] = steps.get(b, 0.0) - h
        edges[a] = edges[b] = True
    xs, ys, level = [], [], 0.0
    for x in sorted(edges):
        xs.append(x)
        ys.append(level)
        level += steps[x]
        after = x + _EPSILON
        xs.append(after if after != x else math.nextafter(x, math.inf))
        ys.append(level)
    if ys:
        ys[-1] = 0.0
    return np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64)


def _masses_by_value(values: np.ndarray, masses: np.ndarray):
    """Masses at equal values added together, sorted by value, zeros left out."""
    keep = (values != 0) & (masses != 0)
    out: dict[float, float] = {}
    for v, m in zip(values[keep].tolist(), masses[keep].tolist()):
        out[v] = out.get(v, 0.0) + m
    keys = sorted(out)
    return np.array(keys, dtype=np.float64), np.array([out[k] for k in keys], dtype=np.float64)


@builtin("Danger.yTransform", examples=[
    ("integralSum(Danger.yTransform(PointSet.makeContinuous([{x: 0, y: 0}, {x: 1, y: 1}, "
     "{x: 2, y: 1}, {x: 3, y: 0}])))", "2"),
    ("mean(Danger.yTransform(PointSet.makeDiscrete([{x: 0, y: 0.2}, {x: 1, y: 0.3}, "
     "{x: 2, y: 0.2}, {x: 5, y: 0.3}])))", "0.26")])
def y_transform(ctx: Context, dist: DistT) -> DistT:
    """The distribution of the density's value: of f(X) for X drawn from the point set
    with density f (and of the mass p(x) at a point mass). Each piece of the density
    puts its probability on the density values it passes; a flat piece, and a point
    mass, on its one value. Not normalised: the total is the point set's.

    Squiggle 0.10's mean and stdev of the result cancel to garbage over the steps of
    its density, 2.2e-16 wide (a normal's mean comes out negative, its stdev NaN);
    sqdsl sums those moments piece by piece in a form that stays exact."""
    law = to_point_set(dist)
    (low, high, height), (flat_values, flat_widths) = _density_rectangles(law.cxs, law.cys)
    continuous = _stack_rectangles(low, high, height)
    # the flat pieces' masses (width x value) and the point masses (p at value p)
    values = np.concatenate([flat_values, law.dys])
    masses = np.concatenate([flat_widths * flat_values, law.dys])
    discrete = _masses_by_value(values, masses)
    return make_point_set(ctx, _SteppedLaw(continuous, discrete))
