"""Radiometry oracles of algorithms.md §1.3 (rio-toa MTL constants) to 0.01 K."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core import radiometry as r
from lst_studio.plugin.core.errors import ProductError

# (ML, AL, K1, K2) from the rio-toa test MTLs and the satpy L9 MTL (algorithms.md §1.2)
L8_C1_B10 = (3.3420e-4, 0.1, 774.8853, 1321.0789)
L8_C1_B11 = (3.3420e-4, 0.1, 480.8883, 1201.1442)
L8_PRE_B10 = (3.3420e-4, 0.1, 774.89, 1321.08)
L9_B10 = (3.8000e-4, 0.1, 799.0284, 1329.2405)
L9_B11 = (3.4900e-4, 0.1, 475.6581, 1198.3494)


def bt(dn, consts):
    ml, al, k1, k2 = consts
    return r.brightness_temperature(r.radiance_from_dn(np.array([dn]), ml, al), k1, k2)[0]


@pytest.mark.parametrize(
    ("case", "dn", "consts", "expected"),
    [
        ("BT-1", 20000, L8_C1_B11, 280.9644),
        ("BT-2", 23000, L8_C1_B11, 290.1810),
        ("BT-3 low", 1, L8_C1_B11, 141.7264),
        ("BT-3 high", 65535, L8_C1_B11, 383.8444),
        ("BT-4 25000", 25000, L8_C1_B10, 291.7056),
        ("BT-4 30000", 30000, L8_C1_B10, 303.6550),
        ("BT-5", 30000, L8_PRE_B10, 303.6548),
        ("BT-7 B10", 25000, L9_B10, 299.8122),
        ("BT-7 B11", 25000, L9_B11, 299.1764),
    ],
)
def test_bt_oracles(case, dn, consts, expected):
    assert bt(dn, consts) == pytest.approx(expected, abs=0.01), case


def test_bt1_radiance_and_fahrenheit():
    L = r.radiance_from_dn(np.array([20000]), *L8_C1_B11[:2])
    assert float(L[0]) == pytest.approx(6.784, abs=1e-4)
    t = bt(20000, L8_C1_B11)
    assert float(r.kelvin_to(t, "C")) == pytest.approx(7.8144, abs=0.01)
    assert float(r.kelvin_to(t, "F")) == pytest.approx(46.0658, abs=0.02)


def test_bt6_zero_gain_is_invalid():
    # LC80100202015018LGN00: RADIANCE_MULT_BAND_10 = 0 -> every DN gives BT 147.517 K; we refuse it
    with pytest.raises(ProductError, match="RADIANCE_MULT_BAND"):
        r.radiance_from_dn(np.array([25000]), 0.0, 0.1)
    assert r.brightness_temperature(0.1, 774.8853, 1321.0789) == pytest.approx(147.5171, abs=0.01)


def test_bt8_fill_is_nan():
    L = r.radiance_from_dn(np.array([0, 25000]), *L8_C1_B10[:2])
    t = r.brightness_temperature(L, *L8_C1_B10[2:])
    assert np.isnan(t[0]) and t[1] == pytest.approx(291.7056, abs=0.01)


def test_inverse_planck_round_trip():
    k1, k2 = L8_C1_B10[2:]
    assert r.planck_radiance(300.0, k1, k2) == pytest.approx(9.596778, abs=1e-5)
    temps = np.linspace(200.0, 350.0, 31)
    back = r.brightness_temperature(r.planck_radiance(temps, k1, k2), k1, k2)
    np.testing.assert_allclose(back, temps, atol=1e-3)


def test_planck_derivative_matches_finite_difference():
    k1, k2 = L8_C1_B10[2:]
    h = 1e-3
    fd = (r.planck_radiance(293.3 + h, k1, k2) - r.planck_radiance(293.3 - h, k1, k2)) / (2 * h)
    assert r.planck_derivative(293.3, k1, k2) == pytest.approx(fd, rel=1e-6)
    assert r.planck_derivative(293.3, k1, k2) == pytest.approx(0.1346, abs=1e-4)


def test_toa_reflectance_and_ndvi():
    rho = r.toa_reflectance(np.array([0, 10000]), 2.0e-5, -0.1, 30.0)
    assert np.isnan(rho[0]) and rho[1] == pytest.approx(0.2, abs=1e-6)  # (0.2 - 0.1) / sin 30°
    with pytest.raises(ProductError, match="SUN_ELEVATION"):
        r.toa_reflectance(np.array([1]), 2.0e-5, -0.1, -5.0)
    nd = r.ndvi(np.array([0.1, 0.2, 0.0, np.nan]), np.array([0.3, 0.1, 0.0, 0.2]))
    np.testing.assert_allclose(nd[:2], [0.5, -1 / 3], atol=1e-6)
    assert np.isnan(nd[2]) and np.isnan(nd[3])
