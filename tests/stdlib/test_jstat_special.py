"""stdlib.jstat_special gives jStat 1.9's numbers (what Squiggle 0.10's Sym.beta and
Sym.gamma answer), recorded with node, and stays near the exact values (scipy)."""
import numpy as np
import pytest
import scipy.stats as st

from stdlib import jstat_special as J

# (function, first parameter, second parameter, point, jStat's value)
RECORDED = [
    (J.beta_cdf, 0.3, 4, 0.3, 0.9454995662900072),
    (J.beta_inv, 600, 700, 0.05, 0.4388371957354448),
    (J.beta_pdf, 600, 700, 0.5, 0.6102731188175696),
    (J.gamma_pdf, 0.5, 2, 1.570796335019703e-08, 3183.0988285042977),
    (J.gamma_pdf, 0.5, 2, 0.003932140000019863, 6.349532148656242),
    (J.gamma_cdf, 50, 0.1, 5.924900190527087, 0.8999999999999988),
    (J.gamma_cdf, 50, 0.1, 8.065932847938269, 0.9999),
    (J.gamma_inv, 0.1, 3, 0.9, 0.7984636612170106),
]


@pytest.mark.parametrize("fn,a,b,x,want", RECORDED)
def test_jstats_numbers(fn, a, b, x, want):
    assert fn(x, a, b) == pytest.approx(want, rel=1e-14)


@pytest.mark.parametrize("a,b", [(2, 3), (0.5, 0.5), (20, 25), (0.3, 4)])
def test_beta_near_exact(a, b):
    for p in (0.01, 0.3, 0.5, 0.9):
        x = J.beta_inv(p, a, b)
        assert x == pytest.approx(st.beta(a, b).ppf(p), rel=1e-6)
        assert J.beta_cdf(x, a, b) == pytest.approx(p, rel=1e-6)
        assert J.beta_pdf(x, a, b) == pytest.approx(st.beta(a, b).pdf(x), rel=1e-6)


@pytest.mark.parametrize("shape,scale", [(3, 2), (0.5, 2), (50, 0.1)])
def test_gamma_near_exact(shape, scale):
    twin = st.gamma(shape, scale=scale)
    for p in (0.01, 0.3, 0.5, 0.9):
        x = J.gamma_inv(p, shape, scale)
        assert x == pytest.approx(twin.ppf(p), rel=1e-6)
        assert J.gamma_cdf(x, shape, scale) == pytest.approx(p, rel=1e-6)
        assert J.gamma_pdf(x, shape, scale) == pytest.approx(twin.pdf(x), rel=1e-6)


def test_arrays_and_edges():
    assert J.beta_inv([0.0, 1.0], 2, 3).tolist() == [0.0, 1.0]
    assert J.beta_cdf([-1.0, 2.0], 2, 3).tolist() == [0.0, 1.0]
    assert J.gamma_cdf(-1.0, 2, 1) == 0.0 and J.gamma_pdf(-1.0, 2, 1) == 0.0


def test_extreme_shapes_do_not_raise():
    # jStat's arithmetic goes on with inf and NaN where Python's math would raise
    assert np.isnan(J.beta_inv(0.5, 40, 6e100)) or 0 <= J.beta_inv(0.5, 40, 6e100) <= 1
    assert J.gamma_cdf(1.0, 1e300, 1) == pytest.approx(0, abs=1e-12) or np.isnan(
        J.gamma_cdf(1.0, 1e300, 1))
