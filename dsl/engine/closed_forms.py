"""Closed forms for the common families, so that exact answers do not need scipy.

Importing ``scipy.stats`` takes most of a second, longer than a whole model at a
million samples. Normal, lognormal, uniform, exponential, triangular, logistic, Cauchy,
log-uniform and Bernoulli laws have elementary quantile, cdf and density functions
(the normal quantile is Wichura's AS241 through ``statistics.NormalDist``, accurate to
double precision), and every family used here has elementary moments. ``ScipyLaw``
uses these first and builds the scipy distribution only for what is left (quantiles of
beta, gamma, Student's t, ...).
"""
from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

__all__ = ["Elementary", "normal", "lognormal", "uniform", "exponential", "triangular",
           "logistic", "cauchy", "loguniform", "bernoulli"]

_STANDARD = NormalDist()
_inv_cdf = np.vectorize(lambda p: _STANDARD.inv_cdf(p) if 0 < p < 1 else
                        (-math.inf if p == 0 else math.inf if p == 1 else math.nan),
                        otypes=[float])
_erfc = np.vectorize(math.erfc, otypes=[float])


def _out(x):
    """A float for a scalar result, the array otherwise."""
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=float)


def _phi(z):
    """The standard normal cdf, accurate in both tails."""
    return 0.5 * _erfc(-np.asarray(z, dtype=float) / math.sqrt(2))


class Elementary:
    """Quantile, cdf and density of one law, from numpy and the math module."""

    def __init__(self, ppf, cdf, pdf) -> None:
        self.ppf = lambda p: _out(ppf(np.asarray(p, dtype=float)))
        self.cdf = lambda x: _out(cdf(np.asarray(x, dtype=float)))
        self.pdf = lambda x: _out(pdf(np.asarray(x, dtype=float)))


def normal(mu: float, sigma: float) -> Elementary:
    return Elementary(lambda p: mu + sigma * _inv_cdf(p),
                      lambda x: _phi((x - mu) / sigma),
                      lambda x: np.exp(-0.5 * ((x - mu) / sigma) ** 2)
                      / (sigma * math.sqrt(2 * math.pi)))


def lognormal(mu: float, sigma: float) -> Elementary:
    def cdf(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(x > 0, _phi((np.log(np.maximum(x, 1e-300)) - mu) / sigma), 0.0)

    def pdf(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            safe = np.maximum(x, 1e-300)
            dens = np.exp(-0.5 * ((np.log(safe) - mu) / sigma) ** 2) / (
                safe * sigma * math.sqrt(2 * math.pi))
        return np.where(x > 0, dens, 0.0)
    return Elementary(lambda p: np.exp(mu + sigma * _inv_cdf(p)), cdf, pdf)


def uniform(low: float, high: float) -> Elementary:
    width = high - low
    if not math.isfinite(width):
        # ends whose distance exceeds the largest float (-1e308 to 1e308): the same
        # formulas on halved values, which never overflow
        half = uniform(low / 2, high / 2)
        return Elementary(lambda p: 2 * half.ppf(p), lambda x: half.cdf(np.multiply(x, 0.5)),
                          lambda x: half.pdf(np.multiply(x, 0.5)) / 2)
    return Elementary(lambda p: low + p * width,
                      lambda x: np.clip((x - low) / width, 0.0, 1.0),
                      lambda x: np.where((x >= low) & (x <= high), 1 / width, 0.0))


def exponential(rate: float) -> Elementary:
    return Elementary(lambda p: -np.log1p(-p) / rate,
                      lambda x: np.where(x > 0, -np.expm1(-rate * np.maximum(x, 0)), 0.0),
                      lambda x: np.where(x >= 0, rate * np.exp(-rate * np.maximum(x, 0)), 0.0))


def triangular(low: float, mode: float, high: float) -> Elementary:
    width, split = high - low, (mode - low) / (high - low)

    def root(a, b, c):
        """sqrt(a b c), also where the product overflows (ends near 1e200 and beyond)."""
        product = a * b * c
        return np.where(np.isfinite(product), np.sqrt(product),
                        np.sqrt(a) * np.sqrt(b) * np.sqrt(c))

    def ppf(p):
        with np.errstate(invalid="ignore", over="ignore"):
            left = low + root(p, width, mode - low)
            right = high - root(1 - p, width, high - mode)
        return np.where(p < split, left, right)

    def cdf(x):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            left = (x - low) ** 2 / (width * (mode - low))
            right = 1 - (high - x) ** 2 / (width * (high - mode))
            # the same as ratios, where the squares overflow
            left = np.where(np.isfinite(left), left,
                            ((x - low) / width) * ((x - low) / (mode - low)))
            right = np.where(np.isfinite(right), right,
                             1 - ((high - x) / width) * ((high - x) / (high - mode)))
        return np.where(x <= low, 0.0, np.where(x >= high, 1.0,
                                                np.where(x <= mode, left, right)))

    def pdf(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            left = 2 * (x - low) / (width * (mode - low))
            right = 2 * (high - x) / (width * (high - mode))
        inside = (x >= low) & (x <= high)
        return np.where(inside, np.where(x < mode, left, np.where(x > mode, right,
                                                                  2 / width)), 0.0)
    return Elementary(ppf, cdf, pdf)


def logistic(loc: float, scale: float) -> Elementary:
    def pdf(x):
        z = np.exp(-np.abs(x - loc) / scale)
        return z / (scale * (1 + z) ** 2)
    def ppf(p):
        with np.errstate(divide="ignore"):
            return loc + scale * (np.log(p) - np.log1p(-p))

    def cdf(x):
        with np.errstate(over="ignore"):
            return 1 / (1 + np.exp(-(x - loc) / scale))
    return Elementary(ppf, cdf, pdf)


def cauchy(loc: float, scale: float) -> Elementary:
    return Elementary(lambda p: loc + scale * np.tan(np.pi * (p - 0.5)),
                      lambda x: 0.5 + np.arctan((x - loc) / scale) / np.pi,
                      lambda x: 1 / (np.pi * scale * (1 + ((x - loc) / scale) ** 2)))


def loguniform(low: float, high: float) -> Elementary:
    span = math.log(high) - math.log(low)

    def cdf(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.clip((np.log(np.maximum(x, 1e-300)) - math.log(low)) / span, 0.0, 1.0)

    def pdf(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where((x >= low) & (x <= high), 1 / (np.maximum(x, 1e-300) * span), 0.0)
    return Elementary(lambda p: low * np.exp(p * span), cdf, pdf)


def bernoulli(p: float) -> Elementary:
    return Elementary(lambda q: np.where(q <= 1 - p, 0.0, 1.0),
                      lambda x: np.where(x < 0, 0.0, np.where(x < 1, 1 - p, 1.0)),
                      lambda x: np.where(x == 1, p, np.where(x == 0, 1 - p, 0.0)))
