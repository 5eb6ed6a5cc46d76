"""NDVI threshold emissivity: the four NDVI regimes against hand-computed values, Pv clipping, classes."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core import emissivity as em


def test_vegetation_proportion_is_clipped():
    pv = em.vegetation_proportion(np.array([-0.5, 0.1, 0.2, 0.35, 0.5, 0.9]))
    np.testing.assert_allclose(pv, [0, 0, 0, 0.25, 1, 1], atol=1e-6)


def test_four_regimes_b10():
    nd = np.array([-0.2, 0.1, 0.35, 0.7])
    red = np.array([0.05, 0.2, 0.1, 0.05])
    eps, sigma = em.ndvi_threshold(nd, red, "lwir11")
    water = 0.991
    soil = 0.979 - 0.046 * 0.2  # Skoković 2014 B10
    pv = 0.25
    mixed = 0.987 * pv + 0.971 * (1 - pv) + (1 - 0.971) * 0.987 * 0.55 * (1 - pv)  # = 0.986807
    veg = 0.987
    np.testing.assert_allclose(eps, [water, soil, mixed, veg], atol=1e-6)
    assert mixed == pytest.approx(0.986807, abs=1e-6)
    # mixed sigma blends soil 0.01 and vegetation 0.005 by Pv = 0.25: 0.01 * 0.75 + 0.005 * 0.25 = 0.00875
    np.testing.assert_allclose(sigma, [0.005, 0.01, 0.00875, 0.005], atol=1e-7)


def test_mixed_sigma_is_continuous_at_the_thresholds():
    _, sigma = em.ndvi_threshold(np.array([0.1999, 0.2, 0.5, 0.5001]), np.full(4, 0.1), "lwir11")
    np.testing.assert_allclose(sigma, [0.01, 0.01, 0.005, 0.005], atol=1e-5)


def test_four_regimes_b11():
    eps, _ = em.ndvi_threshold(np.array([-0.2, 0.1, 0.35, 0.7]), np.array([0.05, 0.2, 0.1, 0.05]), "lwir12")
    mixed = 0.989 * 0.25 + 0.977 * 0.75 + (1 - 0.977) * 0.989 * 0.55 * 0.75
    np.testing.assert_allclose(eps, [0.986, 0.982 - 0.027 * 0.2, mixed, 0.989], atol=1e-6)


def test_high_ndvi_never_exceeds_vegetation_value():
    # pylandtemp's unclipped Pv gives 0.906 at NDVI 0.9 (algorithms.md §2.5); clipped Pv keeps eps_v
    eps, _ = em.ndvi_threshold(np.array([0.5, 0.9, 1.0]), np.zeros(3), "lwir11")
    np.testing.assert_allclose(eps, 0.987, atol=1e-6)


def test_nan_ndvi_falls_back_to_land_class():
    eps, sigma = em.ndvi_threshold(np.array([np.nan, 0.1]), np.array([0.1, np.nan]), "lwir11")
    np.testing.assert_allclose(eps, [0.979, 0.979], atol=1e-6)
    np.testing.assert_allclose(sigma, [0.02, 0.02], atol=1e-7)


def test_water_snow_override_and_classes():
    eps, sigma = em.from_classes((3,), "lwir12")
    em.apply_water_snow(eps, sigma, "lwir12", np.array([True, False, False]), np.array([False, True, False]))
    np.testing.assert_allclose(eps, [0.986, 0.980, 0.983], atol=1e-6)
    np.testing.assert_allclose(sigma, [0.005, 0.01, 0.02], atol=1e-7)


def test_constant():
    eps, sigma = em.constant((2, 2), 0.97)
    assert eps.dtype == np.float32 and np.all(eps == np.float32(0.97)) and np.all(sigma == np.float32(0.02))
    with pytest.raises(ValueError, match="emissivity constant"):
        em.constant((1,), 1.2)


def test_every_ndvi_value_falls_in_one_regime_even_infinite_and_on_the_thresholds():
    # ndvi_threshold starts from the mixed-pixel value and overwrites the other regimes: none may be left out
    nd = np.array([-np.inf, -0.0, 0.0, 0.2, 0.5, np.inf, np.nan])
    eps, sigma = em.ndvi_threshold(nd, np.full(7, 0.1), "lwir11")
    soil = 0.979 - 0.046 * 0.1
    mixed_at_0_2 = 0.971 + (1 - 0.971) * 0.987 * 0.55  # Pv = 0: soil plus the cavity term
    np.testing.assert_allclose(eps, [0.991, soil, soil, mixed_at_0_2, 0.987, 0.987, 0.979], atol=1e-6)
    np.testing.assert_allclose(sigma, [0.005, 0.01, 0.01, 0.01, 0.005, 0.005, 0.02], atol=1e-7)
