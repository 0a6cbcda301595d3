"""Runs to a precision: ``sq run --precision REL`` and ``dsl.run(samples="auto")``.

The model is run, and run again with more samples, until every figure it shows is
known to REL: each mean, 5/25/50/75/95% quantile and probability of a shown top-level
binding (a distribution's summary, a condition's probability, and the numbers
``mean``, ``quantile``, ``median``, ``prob`` and ``cdf`` give from samples) has a
Monte Carlo standard error (``dsl.engine.mc_error``) below REL times

- its value, for a probability (one seen in no sample never qualifies: its bound is
  all that is known, so the run goes on to the limit);
- the larger of its value's size and the distribution's spread (its 90% interval's
  width over 3.29, a normal's standard deviation), for a mean or quantile: a figure
  near 0 is held to REL of the spread, not of itself. A mean whose se a heavy tail
  makes unreliable (``mc_error.tail_dominated``) never qualifies.

A stdev is not held (its error is that of the fourth moment, which a heavy tail leaves
unknowable), nor is a figure that is infinite or undefined, nor a figure the exact law
gives (its error is 0). Each new run has the last one's count times a power of 2: the
smallest that the standard errors, which shrink as 1/sqrt(n), say can suffice (a
doubling when they cannot say); at most the session limit ``Limits.max_samples``. The
random streams are chunked (``dsl.engine.parallel``): above ``CHUNK`` samples, chunk i of
a call comes from the i-th child seed whatever the total, so a run keeps every sample
of the run before it, when both are above ``CHUNK``, and adds new ones. The first run
has the count asked for (100,000 by default: at most ``CHUNK`` is one stream per call,
as a plain run, which the next run does not extend), so that a model that meets the
target at once prints what a plain run prints.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

from ..base.errors import ArgumentError, LimitError
from ..base.structs import Struct
from .dist import SUMMARY_QUANTILES, Dist
from .mc_error import Estimate, dist_errors, robust_spread
from .values import Value

__all__ = ["Figure", "PrecisionReport", "figures_of", "run_to_precision", "check_target",
           "shown_values", "DEFAULT_START", "DEFAULT_TARGET"]

_NO_EVENT = "was seen in no sample"
_HEAVY = "has no reliable error: 0.1% of the samples make most of the variance"
DEFAULT_START = 100_000  # the first run of samples="auto": a plain run's count
DEFAULT_TARGET = 0.01    # samples="auto" without a precision: 1%


class Figure(Struct, frozen=True):
    """One shown figure: the binding's ``name``, ``what`` it is ("mean", "5%",
    "probability", ...), its ``value``, ``se`` and the ``scale`` it is held to."""
    name: str
    what: str
    value: float
    se: float
    scale: float
    why: Optional[str] = None  # why it cannot qualify, when it cannot ("seen in no sample")

    def ratio(self, rel: float) -> float:
        """se / (rel * scale): at most 1 when the figure meets the target."""
        if self.se == 0:
            return 0.0
        if not self.scale > 0:
            return math.inf
        return self.se / (rel * self.scale)

    def relative(self) -> float:
        """se / scale: the figure's error relative to what it is held to."""
        return self.se / self.scale if self.scale > 0 else math.inf


class PrecisionReport(Struct):
    """How a run to a precision went: the ``target`` (REL), whether it was
    ``reached``, the sample count of each run (``runs``, the last one's is the result's),
    why it stopped short (``stopped``: "max_samples", or the message of the limit
    error that ended a bigger run; None when reached) and the ``worst`` figure of the
    last run (None when there is no figure to hold)."""
    target: float
    reached: bool
    runs: list
    stopped: Optional[str] = None
    worst: Optional[Figure] = None

    @property
    def samples(self) -> int:
        return self.runs[-1]

    def text(self, write: Callable[[float], str] = lambda x: f"{x:.3g}") -> str:
        """One sentence for the report."""
        target = _percent(self.target)
        counts = ", ".join(f"{n:,}" for n in self.runs)
        if self.reached:
            head = (f"precision {target} reached at {self.samples:,} samples: every "
                    f"figure's standard error is below {target} of its value")
        elif self.stopped == "max_samples":
            head = (f"precision {target} not reached: stopped at {self.samples:,} "
                    f"samples, the limit (Limits.max_samples)")
        else:
            head = (f"precision {target} not reached: stopped at {self.samples:,} "
                    f"samples ({self.stopped})")
        if not self.reached and self.worst is not None:
            w = self.worst
            if w.why:
                head += f"; the {w.what} of {w.name} {w.why}"
            else:
                head += (f"; the {w.what} of {w.name}, {write(w.value)}, has a standard "
                         f"error of {_percent(w.relative())}")
                if w.scale != abs(w.value):
                    head += " of the distribution's spread"
        return f"{head} (runs: {counts})"

    def to_json(self) -> dict:
        """The ``"precision"`` entry of ``sq run --json``."""
        worst = None
        if self.worst is not None:
            w = self.worst
            worst = {"binding": w.name, "figure": w.what, "value": _finite(w.value),
                     "se": _finite(w.se), "relative": _finite(w.relative())}
        return {"target": self.target, "reached": self.reached, "samples": self.samples,
                "runs": list(self.runs), "stopped": self.stopped, "worst": worst}


def _finite(x: float):
    return x if math.isfinite(x) else None


def _percent(x: float) -> str:
    if not math.isfinite(x):
        return "unbounded"
    return f"{x * 100:.3g}%"


def check_target(rel) -> float:
    """REL as a float in (0, 1), or an ArgumentError."""
    if isinstance(rel, bool) or not isinstance(rel, (int, float)) or \
            not (0 < float(rel) < 1):
        raise ArgumentError(f"the precision must be a number between 0 and 1 (0.01 for "
                            f"1%), got {rel!r}")
    return float(rel)


def figures_of(name: str, value: Value) -> list[Figure]:
    """The figures of one shown value that a precision holds (module docstring)."""
    if isinstance(value, Estimate):
        if not (math.isfinite(value.value) and math.isfinite(value.se)):
            return []
        why = None
        if value.kind == "probability":
            scale = value.value
            se = value.se
            if not value.events:  # no event: nothing but a bound is known
                se, why = math.inf, _NO_EVENT
        else:
            scale = max(abs(value.value), value.scale if math.isfinite(value.scale) else 0)
            se = value.se
            if value.unreliable:
                se, why = math.inf, _HEAVY
        return [Figure(name, value.kind, value.value, se, scale, why)]
    if not isinstance(value, Dist):
        return []
    errors = dist_errors(value, SUMMARY_QUANTILES)
    if value.is_indicator:
        if value.law is not None:
            return []
        p = float(value.mean())
        if not errors["events"]:
            return [Figure(name, "probability", p, math.inf, p, _NO_EVENT)]
        return [Figure(name, "probability", p, errors["mean"], p)]
    mean, _, qs = value.stats()
    spread = robust_spread(float(qs[0]), float(qs[-1]))
    spread = spread if math.isfinite(spread) else 0.0
    out = []
    shown = [("mean", mean, errors["mean"])] + [
        (f"{p * 100:g}% quantile", float(q), se)
        for p, q, se in zip(SUMMARY_QUANTILES, qs, errors["quantiles"])]
    for what, x, se in shown:
        if what == "mean" and "mean" in errors.get("unreliable", ()):
            out.append(Figure(name, what, float(x), math.inf, abs(float(x)), _HEAVY))
        elif math.isfinite(x) and math.isfinite(se):
            out.append(Figure(name, what, float(x), float(se), max(abs(float(x)), spread)))
    return out


def _worst(figures: list[Figure], rel: float) -> Optional[Figure]:
    return max(figures, key=lambda f: f.ratio(rel), default=None)


def _next_count(n: int, worst: Figure, rel: float, limit: int) -> int:
    """n times the smallest power of 2 the worst figure's se says can suffice (se
    falls as 1/sqrt(n)); at most ``limit``."""
    ratio = worst.ratio(rel)
    factor = 2 if not math.isfinite(ratio) else \
        2 ** max(1, math.ceil(math.log2(ratio * ratio) - 1e-9))
    return min(limit, n * factor)


def run_to_precision(run: Callable[[int], tuple], shown: Callable[[object], list],
                     rel: float, start: int, limit: int):
    """Run (``run(n)`` -> (session, result)) with ``start`` samples, then with more until
    every figure ``shown(result)`` ((name, value) pairs) meets ``rel`` or ``limit``
    samples are reached. Returns (session, result, PrecisionReport). A limit error in
    a bigger run ends the search with the run before it (the first run's error is
    raised)."""
    rel = check_target(rel)
    n = start
    session, result = run(n)
    runs = [n]
    while True:
        figures = [f for name, value in shown(result) for f in figures_of(name, value)]
        worst = _worst(figures, rel)
        if worst is None or worst.ratio(rel) <= 1:
            return session, result, PrecisionReport(rel, True, runs, None, worst)
        if n >= limit:
            return session, result, PrecisionReport(rel, False, runs, "max_samples", worst)
        bigger = _next_count(n, worst, rel, limit)
        try:
            session, result = run(bigger)
        except LimitError as e:  # memory or time: the last run that finished stands
            return session, result, PrecisionReport(
                rel, False, runs, f"a run of {bigger:,} samples failed: {e.message}", worst)
        n = bigger
        runs.append(n)


def shown_values(result, names: Optional[list] = None) -> list:
    """(name, value) of each visible top-level binding of a run (``names``: only
    those) and of its final expression."""
    out = [(name, b.value) for name, b in result.info.items()
           if not b.hidden and (names is None or name in names)]
    if result.result is not None and names is None:
        out.append(("the result", result.result))
    return out



def precise_run(source: str, *, samples=DEFAULT_START, seed: int = 0, inputs=None,
                filename: str = "<input>", limits=None, precision=None):
    """``dsl.run`` to a precision: ``samples`` the first run's count ("auto": 100,000),
    ``precision`` REL (None: 1%). The result's ``precision`` is the PrecisionReport,
    its ``samples`` the last run's count."""
    from ..base.limits import Limits
    from .session import Session
    start = DEFAULT_START if isinstance(samples, str) and samples == "auto" else samples
    if isinstance(samples, str) and samples != "auto":
        raise ArgumentError(f'samples must be a whole number or "auto", got {samples!r}')
    rel = check_target(DEFAULT_TARGET if precision is None else precision)
    for name, given in (inputs or {}).items():
        if not isinstance(given, (int, float, str)) or isinstance(given, bool):
            raise ArgumentError(f"inputs: {name!r} is not a number or source text; an "
                                "array of one value per sample fixes the sample count, "
                                "which a run to a precision changes")
    limit = (limits or Limits()).max_samples
    start = min(start, limit) if isinstance(start, int) and not isinstance(start, bool) \
        else start  # Session checks what is left

    def run(n: int):
        session = Session(samples=n, seed=seed, limits=limits)
        return session, session.run(source, filename, inputs)

    _, result, report = run_to_precision(run, shown_values, rel, start, limit)
    result.precision = report
    return result
