"""Split-window guard, image-based water vapour (CVR), per-pixel w and the algorithm choice per sensor."""

from __future__ import annotations

import numpy as np
import pytest
from rasterio.windows import Window

from lst_studio.plugin.core import btd_guard, lst, quality
from lst_studio.plugin.core import water_vapour as wv
from lst_studio.plugin.core.atmosphere import Atmosphere
from lst_studio.plugin.core.radiometry import brightness_temperature
from lst_studio.plugin.core.retrieval import BlockInputs, Retrieval

K10 = (774.8853, 1321.0789)  # Landsat-8 B10 K1, K2
K11 = (480.8883, 1201.1442)


def test_btd_bounds_and_nan():
    t10 = np.array([300.0, 300.0, 300.0, 300.0, np.nan])
    t11 = np.array([297.0, 291.5, 303.5, 302.5, 300.0])  # ΔT 3, 8.5, -3.5, -2.5, NaN
    np.testing.assert_array_equal(btd_guard.implausible_btd(t10, t11), [False, True, True, False, False])
    assert btd_guard.BTD_MIN_K < 0 < btd_guard.BTD_MAX_K


def test_btd_upper_bound_is_beyond_the_wettest_clear_atmosphere_of_jm2014():
    # JM 2014 single-channel functions at w = 6 g/cm2 (their wettest): the atmospheric correction
    # Ts - T10 of a 330 K surface (eps 0.97); the split-window needs ΔT below the bound to reproduce it.
    from lst_studio.plugin.core.radiometry import planck_radiance

    w, eps = 6.0, 0.97
    p1, p2, p3 = lst.psi(w)
    tau, ld = 1 / p1, p3
    lu = -tau * (p2 + ld)
    L = tau * (eps * planck_radiance(330.0, *K10) + (1 - eps) * ld) + lu
    correction = 330.0 - float(brightness_temperature(L, *K10))
    c = lst.SW_C
    rhs = correction - c[0] - (c[3] + c[4] * w) * (1 - eps)
    dt = (-c[1] + np.sqrt(c[1] ** 2 + 4 * c[2] * rhs)) / (2 * c[2])
    assert 7.0 < dt < btd_guard.BTD_MAX_K
    # a displaced cloud edge on a real Landsat-8 scene (issue 16: ΔT ≈ 11 K) stays outside
    assert btd_guard.implausible_btd(300.0, 289.0)


def test_qa_bit_14_is_the_split_window_fallback():
    assert quality.QA_BIT["split_window_fallback"] == 14
    assert 15 not in {b.bit for b in quality.QA_BITS}


def test_cvr_ratio_recovers_a_known_transmittance_ratio():
    rng = np.random.default_rng(0)
    t10 = 300 + 3 * rng.standard_normal(400)
    t11 = 5.0 + 0.87 * t10  # T11 deviations = 0.87 × T10 deviations
    assert wv.cvr_ratio(t10, t11) == pytest.approx(0.87, abs=1e-9)
    # Ren et al. 2015: w = 9.087 + 0.653 R - 9.674 R²
    assert float(wv.cvr_water_vapour(0.87)) == pytest.approx(9.087 + 0.653 * 0.87 - 9.674 * 0.87**2)


def test_image_water_vapour_on_a_synthetic_scene_and_too_few_windows():
    rng = np.random.default_rng(1)
    n = 300
    t10 = 300 + 2.0 * rng.standard_normal((n, n))
    t11 = 28.0 + 0.9 * t10 + 0.02 * rng.standard_normal((n, n))  # T10 - T11 ≈ 2 K
    read = {"lwir11": t10, "lwir12": t11}

    def read_bt(band, win: Window):
        return read[band][win.row_off : win.row_off + win.height, win.col_off : win.col_off + win.width]

    est = wv.image_water_vapour(read_bt, np.ones((n, n), bool), 30.0)
    assert est.value == pytest.approx(float(wv.cvr_water_vapour(0.9)), abs=0.05)
    assert est.sigma >= wv.CVR_MODEL_RMSE and est.windows == (n // 30) ** 2
    none = wv.image_water_vapour(read_bt, np.zeros((n, n), bool), 30.0)
    assert none.value is None and none.windows == 0


def test_grid_field_is_bilinear_between_samples():
    f = wv.GridField(np.array([[1.0, 2.0], [3.0, 4.0]]), 10)
    block = f.block(Window(0, 0, 11, 11), (11, 11))
    assert block[0, 0] == 1.0 and block[10, 10] == 4.0 and block[5, 5] == pytest.approx(2.5)


def _retrieval(algorithm="SW"):
    atm = Atmosphere("user", 2.0, 0.3)
    bands = ["lwir11", "lwir12"] if algorithm == "SW" else ["lwir11"]
    k = {"lwir11": K10, "lwir12": K11}
    return Retrieval(algorithm, bands, {b: k[b] for b in bands}, atm, "constant", 0.98)


def test_split_window_guard_falls_back_to_b10_and_sets_bit_14():
    from lst_studio.plugin.core.radiometry import planck_radiance

    t10 = np.array([[300.0, 300.0]])
    t11 = np.array([[298.5, 289.0]])  # ΔT 1.5 (clear) and 11 K (displaced cloud edge)
    b = BlockInputs(
        radiance={"lwir11": planck_radiance(t10, *K10), "lwir12": planck_radiance(t11, *K11)},
        red=None,
        nir=None,
        water=None,
        snow=None,
        cloud_distance_km=None,
        valid=np.ones((1, 2), bool),
    )
    out = _retrieval("SW").compute(b)
    sc = _retrieval("SC").compute(b)
    sw = lst.split_window(t10, t11, 0.98, 0.98, 2.0)
    assert out["LST"][0, 0] == pytest.approx(sw[0, 0], abs=0.01)
    assert out["LST"][0, 1] == pytest.approx(sc["LST"][0, 1], abs=1e-4)  # B10 only, not SW's ~316 K
    assert sw[0, 1] - out["LST"][0, 1] > 10
    assert list(out["QA"][0]) == [0, 1 << 14]
    assert out["LST_UNCERTAINTY"][0, 1] == pytest.approx(sc["LST_UNCERTAINTY"][0, 1], abs=1e-4)
    assert out["WATER_VAPOUR"].dtype == np.float32 and np.all(out["WATER_VAPOUR"] == 2.0)
    assert out["TRANSMITTANCE"][0, 0] == pytest.approx(1 / lst.psi(2.0)[0], abs=1e-6)


def test_landsat8_auto_is_b10_only_landsat9_split_window():
    from lst_studio.plugin.core.options import LstOptions
    from lst_studio.plugin.core.retrieval import choose

    class S:
        def __init__(self, platform):
            self.platform = platform
            band = type("B", (), {"usable": True, "k1": 1.0, "k2": 1.0})()
            self.bands = {"lwir11": band, "lwir12": band}

    assert choose(S("LANDSAT-8"), LstOptions())[0] == "SC"
    assert "Montanaro" in choose(S("LANDSAT-8"), LstOptions())[1]
    assert choose(S("LANDSAT-9"), LstOptions())[0] == "SW"
    assert choose(S("LANDSAT-8"), LstOptions(algorithm="SW"))[0] == "SW"  # the user's choice stands
