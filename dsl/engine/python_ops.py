"""Python's operators and numpy's ufuncs on distributions, with the language's meaning.

``d + 1``, ``d > 0`` and ``np.log(d)`` call the same builtins as the model text
``d + 1``, ``d > 0`` and ``log(d)``: the same per-sample arithmetic, a comparison is a
condition (``prob`` of it a probability), and input a builtin refuses is the same
DslError (``np.log`` of a distribution with a negative sample stops, as ``log`` does in
a model, rather than giving NaN). The error points into the text of the Python
expression (``<python>:1:1``). Installed as the ``operate`` hook of
``dsl.base.python_hooks`` by the package's API; the values below know nothing of it.

A ufunc the language has no builtin for (``np.arcsinh``, ``np.expm1`` ...) is applied
to the samples by numpy: a distribution of the same length comes back as a ``Dist``
(a boolean result as a condition), and a NaN it makes from samples that were not NaN
is a DomainError, as in the language. Reductions and other ufunc methods
(``np.add.reduce(d)``) and ``out=`` work on the plain samples, as numpy would.
"""
from __future__ import annotations

import threading
from typing import Any, Optional, Sequence

import numpy as np

from .dist import Dist
from ..base.errors import ArgumentError, DomainError
from .session import Session
from ..base.source import Source, Span
from .values import Number, Value

__all__ = ["operate", "ufunc", "UFUNC_BUILTINS", "OPERATOR_SYMBOLS"]

# numpy's ufunc -> the language's builtin of the same meaning
UFUNC_BUILTINS = {
    "add": "add", "subtract": "subtract", "multiply": "multiply", "divide": "divide",
    "true_divide": "divide", "power": "pow", "float_power": "pow", "negative": "unaryMinus",
    "less": "smaller", "less_equal": "smallerEq", "greater": "larger",
    "greater_equal": "largerEq", "equal": "equal", "not_equal": "unequal",
    "logical_and": "and", "logical_or": "or", "logical_not": "not",
    "log": "log", "log10": "Math.log10", "log2": "Math.log2", "exp": "Math.exp",
    "sqrt": "Math.sqrt", "absolute": "Number.abs", "fabs": "Number.abs",
    "floor": "Number.floor", "ceil": "Number.ceil", "sin": "Math.sin", "cos": "Math.cos",
    "tan": "Math.tan", "arcsin": "Math.asin", "arccos": "Math.acos", "arctan": "Math.atan",
    "minimum": "min", "maximum": "max", "remainder": "Number.mod", "mod": "Number.mod",
}

# builtin -> how the call reads in an error message (an operator, or a function)
OPERATOR_SYMBOLS = {"add": "+", "subtract": "-", "multiply": "*", "divide": "/",
                    "pow": "**", "smaller": "<", "smallerEq": "<=", "larger": ">",
                    "largerEq": ">=", "equal": "==", "unequal": "!=", "and": "&",
                    "or": "|", "Number.mod": "%"}

_local = threading.local()  # one session per thread and sample count (they are not shared)


def _session(samples: int):
    """A session for ``samples`` samples: its evaluator calls the builtins."""
    sessions = getattr(_local, "sessions", None)
    if sessions is None:
        sessions = _local.sessions = {}
    session = sessions.get(samples)
    if session is None:
        session = sessions[samples] = Session(samples=samples)
    return session


def _as_value(x: Any, samples: Optional[int]) -> Optional[Value]:
    """A Python operand as a model value: a Value as it is, a real number as a Number, a
    1-D array of real numbers as a distribution. None for anything else."""
    if isinstance(x, Value):
        return x
    if isinstance(x, (bool, np.bool_)):
        return Number(float(x))
    if isinstance(x, (int, float, np.integer, np.floating)):
        return Number(float(x))
    if isinstance(x, np.ndarray) and x.dtype.kind in "biuf":
        if x.ndim == 0:
            return Number(float(x))
        if x.ndim == 1 and (samples is None or x.shape[0] == samples):
            return Dist.from_samples(np.asarray(x, dtype=np.float64))
    return None


def _text(name: str, args: Sequence[Any]) -> str:
    """How the call reads, for the error's excerpt: ``x + y``, ``log(x)``."""
    names = [type(a).__name__ if not isinstance(a, Dist) else "dist" for a in args]
    symbol = OPERATOR_SYMBOLS.get(name)
    if symbol is not None and len(args) == 2:
        return f"{names[0]} {symbol} {names[1]}"
    if name == "unaryMinus":
        return f"-{names[0]}"
    return f"{name}({', '.join(names)})"


def operate(name: str, args: Sequence[Any]) -> Any:
    """The language's builtin ``name`` applied to ``args`` (distributions, numbers,
    arrays), or NotImplemented when an argument is nothing the language can hold."""
    samples = next((len(a) for a in args if isinstance(a, Dist)), None)
    lengths = {len(a) for a in args if isinstance(a, Dist)}
    if len(lengths) > 1:
        raise ArgumentError(f"{_text(name, args)}: the distributions have different "
                            f"sample counts ({', '.join(map(str, sorted(lengths)))}); "
                            "arithmetic pairs them sample by sample")
    values = [_as_value(a, samples) for a in args]
    if any(v is None for v in values):
        return NotImplemented
    session = _session(samples or 1)
    ev = session.evaluator
    entry = session.registry.get(name) or session.registry.lookup_global(name)
    text = _text(name, args)
    source = Source("<python>", text)
    span = Span(1, 1, 1, len(text) + 1, 0, len(text))
    with ev.meter:
        ev.start()
        ev.source = source
        return ev.call_builtin(entry, values, span)


def ufunc(uf: np.ufunc, method: str, inputs: tuple, kwargs: dict) -> Any:
    """``Dist.__array_ufunc__``: see the module's docstring."""
    builtin = UFUNC_BUILTINS.get(uf.__name__)
    if method == "__call__" and not kwargs and builtin is not None:
        return operate(builtin, inputs)
    if method == "__call__" and uf.__name__ == "positive" and not kwargs:
        return inputs[0]
    plain = tuple(np.asarray(x.samples) if isinstance(x, Dist) else x for x in inputs)
    if "out" in kwargs:
        kwargs = dict(kwargs, out=tuple(np.asarray(o.samples) if isinstance(o, Dist) else o
                                         for o in kwargs["out"]))
        if any(isinstance(o, Dist) for o in kwargs["out"]):
            raise ArgumentError("a distribution's samples are read-only: out= cannot be a Dist")
    with np.errstate(all="ignore"):
        result = getattr(uf, method)(*plain, **kwargs)
    if method != "__call__" or "out" in kwargs or not isinstance(result, np.ndarray):
        return result
    samples = next(len(x) for x in inputs if isinstance(x, Dist))
    if result.ndim != 1 or result.shape[0] != samples or result.dtype.kind not in "biuf":
        return result
    if result.dtype.kind == "b":
        return Dist.condition(result)
    made_nan = np.isnan(result) & ~np.any([np.isnan(np.asarray(x, dtype=float))
                                          for x in plain if np.ndim(x)], axis=0)
    if made_nan.any():
        where = int(np.argmax(made_nan))
        raise DomainError(f"np.{uf.__name__} is undefined (not a number) for some samples "
                          f"(sample {where}: {plain[0][where] if np.ndim(plain[0]) else plain[0]!r})")
    return Dist.from_samples(result)
