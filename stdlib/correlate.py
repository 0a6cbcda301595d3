"""``correlate``: make inputs move together without changing any of them.

Iman-Conover: build normal scores with exactly the wanted correlation, then reorder each
distribution's samples so their ranks follow those scores. Each result is a permutation
of its input's samples, so every marginal (and its exact law) is unchanged, while their
rank correlation matches the target. Normal scores with Pearson correlation r have
Spearman correlation (6/pi) asin(r/2), so the target is converted first.
"""
from __future__ import annotations

import numpy as np

from dsl.engine.dist import Dist
from dsl.base.errors import ArgumentError, DomainError
from dsl.base.meter import check_time
from dsl.engine.registry import Context, builtin
from dsl.base.steps import argsort_seconds, bounded, cubic_seconds, matmul_seconds, sort_seconds
from dsl.engine.types import DistT, ListOf, Real

from .ordering import inverse_permutation, stable_argsort

__all__ = ["iman_conover"]


def _check_matrix(c: np.ndarray, k: int, definite: bool = False) -> None:
    if c.shape != (k, k):
        raise ArgumentError(f"correlate: {k} distributions need a {k}x{k} matrix, "
                            f"got {c.shape[0]}x{c.shape[1] if c.ndim > 1 else 1}")
    if not np.all(np.isfinite(c)) or np.any(np.abs(c) > 1):
        raise DomainError("correlate: correlations must lie between -1 and 1")
    if not np.allclose(np.diag(c), 1):
        raise DomainError("correlate: the matrix's diagonal must be all 1s")
    check_time()
    if not np.allclose(c, c.T):
        raise DomainError("correlate: the matrix must be symmetric")
    check_time()
    if not definite and np.linalg.eigvalsh(c).min() < -1e-9:
        raise DomainError("correlate: the matrix is not positive semi-definite, so no set "
                          "of variables can have these correlations")


def _root(c: np.ndarray) -> np.ndarray:
    """A matrix P with P P^T = c (c positive semi-definite, possibly singular)."""
    values, vectors = np.linalg.eigh(c)
    return vectors * np.sqrt(np.clip(values, 0, None))


def _permuted(rng: np.random.Generator, scores: np.ndarray) -> np.ndarray:
    check_time()
    return rng.permutation(scores)


def iman_conover(columns: list[np.ndarray], target: np.ndarray,
                 rng: np.random.Generator) -> list[np.ndarray]:
    """Reorder each column so the columns' rank correlations match ``target``.

    Each step below takes up to seconds with many samples (an argsort of 1e7) or many
    inputs (a k x k factorisation past ~1,000): the clock is read between them."""
    from scipy.special import ndtri
    n, k = columns[0].shape[0], len(columns)
    pearson = 2 * np.sin(np.pi * target / 6)  # Spearman target -> normal-score Pearson
    check_time()
    if np.linalg.eigvalsh(pearson).min() < -1e-9:
        pearson = target
    scores = ndtri(np.arange(1, n + 1) / (n + 1))
    m = np.column_stack([_permuted(rng, scores) for _ in range(k)])
    # decorrelate the random scores exactly, then impose the target correlation
    check_time()
    current = np.corrcoef(m, rowvar=False)
    check_time()
    whiten = np.linalg.cholesky(current)
    check_time()
    whiten = np.linalg.inv(whiten).T
    check_time()
    t = m @ whiten
    check_time()
    t = t @ _root(pearson).T
    out = []
    for j, col in enumerate(columns):
        check_time()
        ranks = inverse_permutation(stable_argsort(t[:, j]))
        out.append(np.sort(col)[ranks])
    return out


def _seconds(n: int, k: int) -> float:
    """A lower bound on the time of ``_check_matrix`` and ``iman_conover``: five k x k
    factorisations, three products of n x k and k x k matrices, a sort and an argsort
    of each column."""
    return (5 * cubic_seconds(k) + 3 * matmul_seconds(n, k, k)
            + k * (sort_seconds(n) + argsort_seconds(n)))


def _correlated(ctx: Context, dists: list, target: np.ndarray,
                definite: bool = False) -> list:
    k = len(dists)
    if k < 2:
        raise ArgumentError("correlate: give at least two distributions")
    n = len(dists[0])
    if any(len(d) != n for d in dists):
        raise ArgumentError("correlate: the distributions have different sample counts")
    # the k reordered columns, and the scores, their whitened product and the target's
    # as n x k matrices while they are made (n * k alone let 200 inputs at 100k samples
    # peak at 571 MB under a 300 MB budget)
    ctx.check_size(4 * n * k, "correlate")
    samples, rng = [d.samples for d in dists], ctx.rng()

    def work() -> list[np.ndarray]:
        _check_matrix(target, k, definite)
        return iman_conover(samples, target, rng)
    try:
        # numpy's steps run whole: under the run's clock (2,000 inputs at 3,000 samples
        # ran 1.5 s past a 0.5 s limit, 18 s under load)
        columns = bounded(work, _seconds(n, k), "correlate")
    except np.linalg.LinAlgError:  # the scores' own correlation is singular: as many
        # inputs as samples (1,000 inputs at 1,000 samples was an InternalError)
        raise DomainError(f"correlate: {k} inputs cannot be correlated with {n} samples "
                          "each; use more samples than inputs") from None
    out = []
    for d, col in zip(dists, columns):
        made = Dist.from_samples(col, d.law)
        made.fresh = True  # a reordering: for sensitivity, an input of its own
        out.append(made)
    return out


@builtin("Dist.correlate", aliases=["correlate"], labels={"rho": "the correlation rho"},
         examples=[("pair = correlate([normal(0, 1), normal(0, 1)], 0.7)\n"
                    "mean(pair[0]) == mean(normal(0, 1))", "true")])
def correlate(ctx: Context, dists: ListOf(DistT),
              rho: Real.where(lambda r: -1 <= r <= 1, "between -1 and 1")) -> list:
    """The same distributions, reordered so every pair has rank correlation rho
    (Iman-Conover). Each marginal is unchanged. Use it as
    ``pair = correlate([a, b], 0.6); a2 = pair[0]; b2 = pair[1]``; with a correlation
    matrix, ``correlate([a, b, c], [[1, 0.5, 0], [0.5, 1, 0.2], [0, 0.2, 1]])``."""
    k = len(dists)
    target = np.full((k, k), rho)
    np.fill_diagonal(target, 1.0)
    # the eigenvalues of this matrix are 1 + (k - 1) rho and 1 - rho (no O(k^3) solve)
    if k > 2 and min(1 + (k - 1) * rho, 1 - rho) < -1e-9:
        raise DomainError(f"correlate: {k} variables cannot all have correlation {rho:g} "
                          f"with each other (the lowest possible is {-1 / (k - 1):.3g})")
    return _correlated(ctx, dists, target, definite=True)  # its eigenvalues checked


@builtin("Dist.correlate")
def _correlate_matrix(ctx: Context, dists: ListOf(DistT), matrix: ListOf(ListOf(Real))) -> list:
    rows = [len(r) for r in matrix]
    if len(set(rows)) > 1:
        raise ArgumentError("correlate: the matrix's rows have different lengths")
    return _correlated(ctx, dists, np.asarray(matrix, dtype=float))
