"""Parameter domains, option records and array helpers shared by the takeoff modules.

Every takeoff builtin takes numbers or distributions (``Num``: a float or a sample
array) and works element-wise. The domains below say what each kind of parameter may
be (a multiplier > 0, a share in (0, 1], ...); the registry checks them on every
sample and names the parameter in the error. Option records such as ``{k: 0.5}`` are
read by ``read_options``, which rejects unknown keys.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import numpy as np

from dsl.base.errors import ArgumentError, DomainError, TypeError_
from dsl.engine.types import Num, ParamType, describe_value
from dsl.engine.values import Value

from .elementwise import no_new_nan

__all__ = [
    "Positive", "NonNegative", "Share", "OpenShare", "UnitInterval", "AboveOne", "AtLeastOne",
    "RealNum", "Option", "read_options", "floats", "checked", "require", "expit",
    "rel_log1p", "rel_expm1",
]

Positive = Num.where(lambda x: x > 0, "> 0")
NonNegative = Num.where(lambda x: x >= 0, ">= 0")
Share = Num.where(lambda x: (x > 0) & (x <= 1), "in (0, 1]")
OpenShare = Num.where(lambda x: (x > 0) & (x < 1), "in (0, 1)")
UnitInterval = Num.where(lambda x: (x >= 0) & (x <= 1), "in [0, 1]")
AboveOne = Num.where(lambda x: x > 1, "> 1")
AtLeastOne = Num.where(lambda x: x >= 1, ">= 1")
# any real number, but not NaN (NaN fails every comparison)
RealNum = Num.where(lambda x: x == x, "a number (not NaN)")


@dataclass(frozen=True)
class Option:
    """One key of an options record: its type (with domain), default and, for keys that
    have another spelling, the spelling the user may also write."""
    type: ParamType
    default: Any = None
    required: bool = False
    alias: Optional[str] = None


def read_options(fname: str, given: Optional[dict[str, Value]],
                 spec: dict[str, Option]) -> dict[str, Any]:
    """The options record ``given`` (a dict of Values, or None) read against ``spec``:
    converted values, defaults filled in. Unknown keys, wrong types, values outside
    their domain and missing required keys are DslErrors naming the key."""
    given = dict(given or {})
    spellings = {name: name for name in spec}
    spellings.update({opt.alias: name for name, opt in spec.items() if opt.alias})
    out: dict[str, Any] = {}
    for key, value in given.items():
        name = spellings.get(key)
        if name is None:
            known = ", ".join(f"{n} (or {o.alias})" if o.alias else n for n, o in spec.items())
            raise ArgumentError(f"{fname}: unknown option '{key}' (known options: {known})")
        if name in out:
            raise ArgumentError(f"{fname}: option '{name}' is given twice")
        opt = spec[name]
        if not opt.type.accepts(value):
            raise TypeError_(f"{fname}: option '{name}' must be a {opt.type.name}, "
                             f"got {describe_value(value)}")
        converted = opt.type.convert(value)
        problem = opt.type.check(converted)
        if problem:
            raise DomainError(f"{fname}: option '{name}' {problem} "
                              f"(got {_show(converted, opt.type)})")
        out[name] = converted
    for name, opt in spec.items():
        if name not in out:
            if opt.required:
                raise ArgumentError(f"{fname}: the options record needs '{name}'")
            out[name] = opt.default
    return out


def _show(value, ptype: ParamType) -> str:
    from dsl.engine.display import format_number
    if isinstance(value, np.ndarray):
        ok = np.asarray(ptype.condition(value), dtype=bool)
        bad = value[~ok]
        return ("a distribution with samples such as "
                f"{format_number(float(bad[0] if bad.size else value[0]))}")
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def floats(*xs):
    """Each argument as a float64 numpy array (0-d for a number), so that arithmetic
    divides by zero to Infinity instead of raising, and masks work on both."""
    return tuple(np.asarray(x, dtype=np.float64) for x in xs)


def checked(result, fname: str, *inputs):
    """``result``, unless it has a NaN no input had: then a DomainError ("fname of these
    arguments is undefined"). The takeoff formulas are written to give +-Infinity, never
    NaN, inside their domains; what is left is limits such as Infinity^0 * 0^1."""
    return no_new_nan(result, f"{fname} of these arguments", *inputs)


def require(ok, fname: str, message: str) -> None:
    """Raise a DomainError ``fname: message`` unless ``ok`` holds for every element."""
    if not bool(np.all(ok)):
        raise DomainError(f"{fname}: {message}")


def expit(z):
    """The logistic function ``1/(1 + e^-z)`` element-wise, with full relative precision
    at both ends (``0.5 (1 + tanh(z/2))`` loses it where the result is tiny)."""
    (z,) = floats(z)
    ez = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + ez), ez / (1 + ez))


# Below this |z| the quotients below use their Taylor series: the next term is ~z^3, far
# under rounding, while log1p(z)/z itself would be quantised for subnormal z.
_SERIES = 1e-8


def rel_log1p(z):
    """``log1p(z)/z`` element-wise (1 at z = 0), accurate for tiny and subnormal z."""
    (z,) = floats(z)
    quotient = np.log1p(z) / np.where(z == 0, 1.0, z)
    return np.where(np.abs(z) < _SERIES, 1 - z / 2 + z * z / 3, quotient)


def rel_expm1(w):
    """``expm1(w)/w`` element-wise (1 at w = 0, +Infinity at w = +Infinity, 0 at
    -Infinity), accurate for tiny and subnormal w."""
    (w,) = floats(w)
    quotient = np.where(np.isposinf(w), np.inf, np.expm1(w) / np.where(w == 0, 1.0, w))
    return np.where(np.abs(w) < _SERIES, 1 + w / 2 + w * w / 6, quotient)
