"""Helpers for builtins that work element-wise on numbers and sample arrays alike."""
from __future__ import annotations

import numpy as np

from dsl.base.errors import DomainError

__all__ = ["no_new_nan", "indicator", "truthy"]


def no_new_nan(result, what: str, *inputs):
    """``result``, unless it is NaN where no input was: then a DomainError saying
    ``what`` is undefined. A model never gets a silent NaN from arithmetic."""
    if isinstance(result, float):
        if result != result and not any(_has_nan(x) for x in inputs):
            raise DomainError(f"{what} is undefined (not a number)")
        return result
    with np.errstate(all="ignore"):
        total = np.add.reduce(result, axis=None)
    if total == total:  # the sum is NaN only if a sample is (or +Infinity meets -Infinity):
        return result   # one pass and no temporary array, where isnan makes 1M booleans
    nan = np.isnan(result)
    if nan.any():
        before = np.zeros_like(nan)
        for x in inputs:
            if isinstance(x, np.ndarray):
                before |= np.isnan(x)
            elif x != x:
                return result
        if (nan & ~before).any():
            raise DomainError(f"{what} is undefined (not a number) for some samples")
    return result


def _has_nan(x) -> bool:
    return bool(np.any(np.isnan(x)))


def indicator(mask) -> object:
    """A comparison's result: a bool for numbers, a condition (a 0/1 distribution) for
    samples."""
    if isinstance(mask, np.ndarray):
        from dsl.engine.dist import Dist
        return Dist.condition(mask)
    return bool(mask)


def truthy(x):
    """A Boolean or a 0/1 distribution as a bool or boolean array."""
    if isinstance(x, np.ndarray):
        return x != 0
    return bool(x)
