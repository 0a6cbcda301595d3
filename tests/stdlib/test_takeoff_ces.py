"""The CES software-only takeoff against scipy.integrate.quad, and its two methods (the
incomplete-Beta closed form and vectorised Gauss-Legendre quadrature) against each
other."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

import stdlib  # noqa: F401  (declares the builtins)
from dsl import Session
from stdlib.takeoff_ces import RHO_CLOSED, _by_quadrature, _closed_blowup, _closed_finite
from stdlib.takeoff_quadrature import integrate as gauss_legendre


def value(source: str):
    return Session(samples=100, seed=1).evaluate(source, "<test>").value


def by_scipy(log_k, g0, a, rho, lam, beta):
    """(1/g0) integral_0^ln K e^(beta y) (a e^(rho y) + 1-a)^(-lambda/rho) dy by adaptive
    quadrature (the Cobb-Douglas integrand at rho = 0)."""
    def log_f(y):
        if abs(rho * y) < 1e-8:  # second-order Taylor series in rho (subnormal rho too)
            return beta * y - lam * (a * y + rho * a * (1 - a) * y * y / 2)
        if abs(rho * y) < 1:  # ln(a e^(rho y) + 1-a) without losing digits as rho -> 0
            return beta * y - lam / rho * math.log1p(a * math.expm1(rho * y))
        return beta * y - lam / rho * np.logaddexp(math.log(a) + rho * y, math.log(1 - a))

    if max(log_f(y) for y in np.linspace(0, log_k, 2001)) > 600:
        return math.inf  # the integrand overflows: nothing finite to compare
    total, _ = integrate.quad(lambda y: math.exp(log_f(y)), 0, log_k, epsabs=0,
                              epsrel=1e-13, limit=2000)
    return total / g0


def _call(fn, *args):
    return value(f"{fn}({', '.join(repr(float(x)) for x in args)})")


RHOS = [-3, -1, -0.5, -0.1, -0.01, -1e-4, 0, 1e-4, 0.005, 0.01, 0.02, 0.1, 0.5, 0.9, 1]


@pytest.mark.parametrize("rho", RHOS)
@pytest.mark.parametrize("a,lam,beta", [(0.5, 1, 0.3), (0.3, 0.8, 0.5), (0.7, 0.6, 0.9),
                                        (0.5, 1, 0.5), (0.1, 2, 1.5)])
@pytest.mark.parametrize("K", [1.001, 10, 1e6, 1e15])
def test_time_to_multiple_matches_scipy_quad(rho, a, lam, beta, K):
    got = _call("cesTimeToMultiple", K, 1.7, a, rho, lam, beta)
    want = by_scipy(math.log(K), 1.7, a, rho, lam, beta)
    assert got == pytest.approx(want, rel=1e-10)


@settings(max_examples=80, deadline=None)
@given(a=st.floats(0.02, 0.98), rho=st.floats(-2, 1), lam=st.floats(0.05, 2.5),
       beta=st.floats(0.05, 2), log_k=st.floats(1e-3, 40), g0=st.floats(0.1, 5))
def test_time_to_multiple_matches_scipy_quad_anywhere(a, rho, lam, beta, log_k, g0):
    want = by_scipy(log_k, g0, a, rho, lam, beta)
    if math.isinf(want):
        return
    got = _call("cesTimeToMultiple", math.exp(log_k), g0, a, rho, lam, beta)
    assert got == pytest.approx(want, rel=1e-9)


@pytest.mark.parametrize("rho", [0.01, 0.03, 0.2, 0.5, 1.0])
@pytest.mark.parametrize("a,lam,beta", [(0.5, 1, 0.3), (0.3, 0.8, 0.5), (0.5, 1, 0.5),
                                        (0.2, 2, 1.2), (0.9, 1.1, 0.2)])
def test_blowup_matches_scipy_quad(rho, a, lam, beta):
    def f(y):
        log_e = np.logaddexp(math.log(a) + rho * y, math.log(1 - a)) / rho
        return math.exp(beta * y - lam * log_e)

    want, _ = integrate.quad(f, 0, math.inf, epsabs=0, epsrel=1e-12, limit=2000)
    assert _call("cesBlowupTime", 1, a, rho, lam, beta) == pytest.approx(want, rel=1e-9)


def test_closed_form_and_quadrature_agree_where_both_apply():
    rng = np.random.default_rng(7)
    n = 2000
    a = rng.uniform(0.02, 0.98, n)
    rho = rng.uniform(RHO_CLOSED, 1, n)
    beta = rng.uniform(0.05, 1.5, n)
    lam = beta + rng.uniform(0.01, 1.5, n)
    y = np.log(rng.choice([1.01, 2, 1e3, 1e9, 1e30], n))
    closed, good = _closed_finite(y, a, rho, lam, beta)
    quad = _by_quadrature(y, a, rho, lam, beta)
    assert good.mean() > 0.7  # the closed form is the usual path for rho > 0
    ok = good & np.isfinite(quad)
    np.testing.assert_allclose(closed[ok], quad[ok], rtol=1e-11)
    blow, blow_good = _closed_blowup(a, rho, lam, beta)
    both = good & blow_good  # reaching K comes before infinity
    assert np.all(blow[both] >= closed[both] * (1 - 1e-12))


def test_a_distribution_is_integrated_sample_by_sample():
    n = 4000
    rng = np.random.default_rng(3)
    rho = np.clip(rng.normal(0, 0.3, n), -2, 1)
    rho[::50] = 0.0
    lam = rng.uniform(0.5, 1.5, n)
    session = Session(samples=n, seed=1)
    result = session.run("rho = 0\nlam = 1\nt = cesTimeToMultiple(1e6, 1.3, 0.4, rho, lam, 0.5)",
                         "<test>", inputs={"rho": rho, "lam": lam})
    got = result.bindings["t"].samples
    for i in range(0, n, 97):
        assert got[i] == pytest.approx(by_scipy(math.log(1e6), 1.3, 0.4, rho[i], lam[i], 0.5),
                                       rel=1e-10)


def test_peak_growth_is_where_growth_peaks():
    a, rho, lam, beta = 0.4, -0.7, 1.2, 0.3
    peak = Session(samples=10, seed=1).evaluate(
        f"cesPeakGrowth({a}, {rho}, {lam}, {beta})", "<test>").fields
    level, multiple = peak["softwareLevel"].value, peak["growthMultiple"].value

    def growth(A):  # g(A)/g0 = A^-beta E(A)^lambda with L = A, C = 1
        return A ** -beta * (a * A ** rho + 1 - a) ** (lam / rho)

    assert multiple == pytest.approx(growth(level), rel=1e-12)
    assert growth(level * 1.001) < multiple and growth(level / 1.001) < multiple
    assert multiple > 1


@pytest.mark.parametrize("rate", [0.0, 0.5, 3, 40, 400])
@pytest.mark.parametrize("sign", [1, -1])
def test_gauss_legendre_integrates_exponentials(rate, sign):
    c = sign * rate
    upper = np.array([0.0, 0.3, 2.0, 10.0, 60.0])
    with np.errstate(over="ignore"):  # e^(400 * 60) is meant to overflow: skipped below
        got = gauss_legendre(lambda y, c: np.exp(c * y), upper, np.full(5, abs(c)),
                             (np.full(5, float(c)),))
        want = upper if c == 0 else np.expm1(c * upper) / c
    ok = np.isfinite(want)
    np.testing.assert_allclose(got[ok], want[ok], rtol=1e-13)
