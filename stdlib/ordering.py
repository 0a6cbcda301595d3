"""Sorting helpers shared by sensitivity analysis and ``correlate``: the stable argsort
and its inverse at the speed of numpy's SIMD sorts."""
from __future__ import annotations

import numpy as np

__all__ = ["stable_argsort", "inverse_permutation"]


def stable_argsort(x: np.ndarray) -> np.ndarray:
    """``np.argsort(x, kind="stable")`` (equal values keep their sample order), by numpy's
    SIMD sorts: a stable argsort takes 103 ms at 1M samples, this 30-40 ms. Without ties
    the default argsort is already stable; with ties each sample's key becomes (its
    value's rank among the distinct values, its index), one integer, and a sort of those
    keys puts equal values in index order."""
    order = np.argsort(x)
    ordered = x[order]
    new_value = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    if new_value.all():
        return order
    n = x.shape[0]
    codes = np.empty(n, dtype=np.int64)
    codes[order] = np.cumsum(new_value) - 1
    keys = np.sort(codes * n + np.arange(n))
    return keys % n


def inverse_permutation(order: np.ndarray) -> np.ndarray:
    """The positions ``p`` with ``p[order] = 0..n-1`` (what a second argsort of ``order``
    gives, in one scatter instead of a sort)."""
    inverse = np.empty_like(order)
    inverse[order] = np.arange(order.shape[0], dtype=order.dtype)
    return inverse
