"""Uncertainty propagation: the worked example of algorithms.md §2.6 and derivative checks."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core import lst
from lst_studio.plugin.core import uncertainty as unc
from lst_studio.plugin.core.atmosphere import RHO_LU_LD, RHO_TAU_LD, RHO_TAU_LU, profile_error_fits

K1, K2 = 774.8853, 1321.0789
L = 8.455


def test_rte_worked_example_independent():
    # RTE-1 inputs; sigma: NEdT 0.05 K, eps 0.01, tau 0.02, Lu 0.1, Ld 0.15 -> 0.06/0.51/1.52/0.89/0.02, 1.84
    c = unc.rte_components(
        L, 0.98, 0.01, 0.85, 1.2, 2.0, (0.02, 0.1, 0.15), K1, K2, nedt=0.05, calibration=0.0
    )
    for key, expected in (("noise", 0.06), ("emissivity", 0.51), ("tau", 1.52), ("lu", 0.89), ("ld", 0.02)):
        assert float(c[key]) == pytest.approx(expected, abs=0.01), key
    assert float(c["total"]) == pytest.approx(1.84, abs=0.01)


def _numeric(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_rte_components_match_numerical_derivatives():
    eps, tau, lu, ld = 0.97, 0.8, 1.5, 2.5
    c = unc.rte_components(L, eps, 0.01, tau, lu, ld, (0.01, 0.1, 0.1), K1, K2, nedt=0.0, calibration=0.0)
    assert float(c["emissivity"]) == pytest.approx(
        abs(_numeric(lambda e: lst.rte(L, e, tau, lu, ld, K1, K2), eps, 1e-5)) * 0.01, rel=1e-3
    )
    assert float(c["tau"]) == pytest.approx(
        abs(_numeric(lambda t: lst.rte(L, eps, t, lu, ld, K1, K2), tau, 1e-5)) * 0.01, rel=1e-3
    )
    assert float(c["lu"]) == pytest.approx(
        abs(_numeric(lambda u: lst.rte(L, eps, tau, u, ld, K1, K2), lu, 1e-5)) * 0.1, rel=1e-3
    )


def test_rte_correlated_atmosphere_smaller_than_independent():
    sig = profile_error_fits(0.85, 1.2, 2.0)
    ind = unc.rte_components(L, 0.98, 0.01, 0.85, 1.2, 2.0, sig, K1, K2)
    cor = unc.rte_components(
        L, 0.98, 0.01, 0.85, 1.2, 2.0, sig, K1, K2, correlations=(RHO_TAU_LU, RHO_TAU_LD, RHO_LU_LD)
    )
    assert float(cor["atmosphere"]) < 0.5 * float(ind["atmosphere"])
    assert float(cor["total"]) == pytest.approx(
        np.sqrt(sum(float(cor[k]) ** 2 for k in ("noise", "calibration", "emissivity", "atmosphere"))),
        abs=1e-9,
    )


def test_sc_components_match_numerical_derivatives():
    c = unc.sc_components(L, 0.98, 0.01, 1.5, 0.3, K1, K2, nedt=0.05, calibration=0.0)
    d_eps = _numeric(lambda e: lst.single_channel(L, e, 1.5, K1, K2), 0.98, 1e-5)
    d_w = _numeric(lambda w: lst.single_channel(L, 0.98, w, K1, K2), 1.5, 1e-5)
    assert float(c["emissivity"]) == pytest.approx(abs(d_eps) * 0.01, rel=1e-3)
    assert float(c["atmosphere"]) == pytest.approx(abs(d_w) * 0.3, rel=1e-3)
    # psi1(1.5) - 1 = 0.1493975, psi1(2) - 1 = 0.23431 (JM 2014 B10 c11..c13): hypot(0.2, 0.637606) = 0.668238
    # at w = 1.5; the model term is its RMS over w +- 0.3 (Gauss-Hermite nodes 1.5, 1.5 +- 0.519615 with
    # weights 2/3, 1/6, 1/6): model(2.019615) = 1.035464, model(0.980385) = 0.404738 -> 0.709714
    assert float(unc.sc_model_sigma(1.5)) == pytest.approx(0.668238, abs=1e-6)
    assert float(c["model"]) == pytest.approx(0.709714, abs=1e-6)
    exact_w = unc.sc_components(L, 0.98, 0.01, 1.5, 0.0, K1, K2)
    assert float(exact_w["model"]) == pytest.approx(0.668238, abs=1e-6)


def test_model_sigma_over_w_is_the_rms_over_the_w_distribution():
    # for f(w) = a + b w, E[f(W)^2] with W ~ N(w, s^2) is (a + b w)^2 + b^2 s^2 exactly (the 3-point rule is
    # exact up to degree 5); w - sqrt(3) s must stay >= 0 here, or the clip at w = 0 would enter
    got = unc.model_sigma_over_w(
        lambda x: 0.5 + 0.4 * np.asarray(x), np.array([2.0, 3.0]), np.array([0.5, 1.0])
    )
    np.testing.assert_allclose(got, np.sqrt(np.square([1.3, 1.7]) + np.square([0.2, 0.4])), rtol=1e-12)
    # a climatological 1.89 +- 0.95 g/cm2 (issue 16): the SC model term is 0.93 K at the estimate, but the w may
    # be 3-4 g/cm2, where it is 2-3 K: the RMS over the w it may be is larger, not hidden
    at_w = float(unc.sc_model_sigma(1.89))
    over = float(unc.model_sigma_over_w(unc.sc_model_sigma, 1.89, 0.95))
    assert at_w == pytest.approx(0.9346, abs=1e-4) and over == pytest.approx(1.3293, abs=1e-4)
    # no w below 0: the lower node is clipped, NaN sigma_w (no estimate) counts as 0
    assert float(unc.model_sigma_over_w(unc.sc_model_sigma, 0.1, 0.5)) > float(unc.sc_model_sigma(0.1))
    assert float(unc.model_sigma_over_w(unc.sc_model_sigma, 2.0, np.nan)) == pytest.approx(1.019804, abs=1e-6)


@pytest.mark.parametrize(
    ("w", "expected"),
    [
        (0.0, 0.210297),  # psi1(0) - 1 = 0.01523 -> hypot(0.2, 0.065)
        (0.8, 0.339500),  # psi1(0.8) - 1 = 0.0642796
        (2.0, 1.019804),  # 1 K at w = 2 (JM 2009), with the 0.2 K floor
        (3.5, 2.609432),  # psi1(3.5) - 1 = 0.6096175 -> the error grows with the opacity
    ],
)
def test_sc_model_sigma_scales_with_opacity(w, expected):
    assert float(unc.sc_model_sigma(w)) == pytest.approx(expected, abs=1e-5)


def test_sw_components():
    c = unc.sw_components(
        300.0, 298.5, 0.97, 0.975, 0.01, 0.01, 1.5, 0.3, nedt=(0.05, 0.05), calibration=(0, 0), rho_eps=1.0
    )
    # NEdT amplification (algorithms.md §2.3): dTs/dT10 = 1 + c1 + 2 c2 dT, dTs/dT11 = -c1 - 2 c2 dT
    d10, d11 = 1 + 1.378 + 2 * 0.183 * 1.5, -1.378 - 2 * 0.183 * 1.5
    assert float(c["noise"]) == pytest.approx(0.05 * np.hypot(d10, d11), abs=1e-9)
    # fully correlated emissivity errors: only the mean emissivity moves -> |c3 + c4 w| sigma
    assert float(c["emissivity"]) == pytest.approx(abs(54.30 - 2.238 * 1.5) * 0.01, abs=1e-9)
    d_w = _numeric(lambda w: lst.split_window(300.0, 298.5, 0.97, 0.975, w), 1.5, 1e-5)
    assert float(c["atmosphere"]) == pytest.approx(abs(d_w) * 0.3, rel=1e-6)


def test_adjacency():
    # 1.5 K at the cloud edge, e-folding over 0.5 km: negligible (< 0.03 K) beyond 2 km
    a = unc.adjacency_sigma(np.array([0.0, 0.5, 2.0, 100.0, np.nan]))
    np.testing.assert_allclose(a, [1.5, 1.5 / np.e, 1.5 * np.exp(-4.0), 0.0, 0.0], atol=1e-9)
    assert a[2] < 0.03


def test_sw_model_term_grows_with_water_vapour():
    from lst_studio.plugin.core import uncertainty as u

    np.testing.assert_allclose(u.sw_model_sigma([0.8, 2.0, 3.0, 4.0]), [0.8, 0.8, 1.15, 1.5])
    t = np.array([300.0])
    dry = u.sw_components(t, t - 1.0, 0.97, 0.975, 0.01, 0.01, 1.0, 0.0)["model"]
    wet = u.sw_components(t, t - 1.0, 0.97, 0.975, 0.01, 0.01, np.array([4.0]), 0.0)["model"]
    assert float(dry[0]) == 0.8 and float(wet[0]) == 1.5
