"""The per-block retrieval (issue 15): float32 where it computes in float32, constants evaluated once, the
emissivity sigma inside LST_UNCERTAINTY, the split-window fallback on its pixels only."""

from __future__ import annotations

import numpy as np
import pytest
from rasterio.windows import Window

from lst_studio.plugin.core import emissivity as em
from lst_studio.plugin.core import lst
from lst_studio.plugin.core import uncertainty as unc
from lst_studio.plugin.core import water_vapour as wv
from lst_studio.plugin.core.atmosphere import Atmosphere
from lst_studio.plugin.core.radiometry import brightness_temperature, ndvi, planck_radiance
from lst_studio.plugin.core.retrieval import BlockInputs, Retrieval

K10, K11 = (799.0284, 1329.2405), (475.6581, 1198.3496)  # Landsat-9 TIRS-2 K1/K2 (MTL)


def _scene_block(n: int = 64, seed: int = 5):
    """Radiances of a varied land block: T10 270-330 K, T11 0-3 K colder, red/NIR spanning every regime."""
    rng = np.random.default_rng(seed)
    t10 = rng.uniform(270.0, 330.0, (n, n))
    t11 = t10 - rng.uniform(0.0, 3.0, (n, n))
    red = rng.uniform(0.02, 0.3, (n, n)).astype(np.float32)
    nir = rng.uniform(0.01, 0.6, (n, n)).astype(np.float32)
    radiance = {
        "lwir11": planck_radiance(t10, *K10).astype(np.float32),
        "lwir12": planck_radiance(t11, *K11).astype(np.float32),
    }
    valid = np.ones((n, n), bool)
    valid[0, :5] = False
    cloud_km = rng.uniform(0.0, 3.0, (n, n)).astype(np.float32)
    return BlockInputs(radiance, red, nir, None, None, cloud_km, valid, window=Window(0, 0, n, n))


def _retrieval(method="ndvi_threshold", w=2.1, sigma_w=0.6, **kw):
    return Retrieval("SW", ["lwir11", "lwir12"], {"lwir11": K10, "lwir12": K11}, Atmosphere("user", w, sigma_w),
                     method, 0.97 if method == "constant" else None, **kw)  # fmt: skip


def _float64_reference(b: BlockInputs, r: Retrieval) -> tuple[np.ndarray, np.ndarray]:
    """The same block the pre-issue-15 way: every formula in float64, w and sigma_w as full arrays."""
    eps, sig = r.emissivity(b)
    shape = b.valid.shape
    w = np.full(shape, r.atmosphere.water_vapour_gcm2)
    sw = np.full(shape, r.atmosphere.water_vapour_sigma)
    t10 = brightness_temperature(b.radiance["lwir11"], *K10).astype(np.float64)
    t11 = brightness_temperature(b.radiance["lwir12"], *K11).astype(np.float64)
    e10, e11, s10, s11 = (
        np.asarray(x, np.float64) for x in (eps["lwir11"], eps["lwir12"], sig["lwir11"], sig["lwir12"])
    )
    ts = lst.split_window(t10, t11, e10, e11, w)
    comps = unc.sw_components(t10, t11, e10, e11, s10, s11, w, sw)
    sigma = np.hypot(comps["total"], unc.adjacency_sigma(b.cloud_distance_km.astype(np.float64)))
    return ts, sigma


def test_sw_block_in_float32_matches_float64_within_a_thousandth_kelvin():
    b, r = _scene_block(), _retrieval()
    out = r.compute(b)
    ts64, sigma64 = _float64_reference(b, r)
    assert out["LST"].dtype == np.float32 and out["LST_UNCERTAINTY"].dtype == np.float32
    v = b.valid
    assert np.isnan(out["LST"][~v]).all() and np.isfinite(out["LST"][v]).all()
    # the delivered LST is 0.01 K DNs: float32 stays two orders below that
    assert np.max(np.abs(out["LST"][v] - ts64[v])) < 2e-4
    assert np.max(np.abs(out["LST_UNCERTAINTY"][v] - sigma64[v])) < 2e-5


def test_scene_wide_water_vapour_is_one_number_and_the_model_term_is_evaluated_once(monkeypatch):
    r = _retrieval(w=3.0, sigma_w=0.5)
    b = _scene_block(8)
    w, sw = r.water_vapour(b)
    assert (w, sw) == (3.0, 0.5) and isinstance(w, float)
    calls = []
    real = unc.sw_model_sigma
    monkeypatch.setattr(unc, "sw_model_sigma", lambda x: calls.append(np.shape(x)) or real(x))
    out = r.compute(b)
    assert calls == [(), (), ()]  # three Gauss-Hermite nodes, each a scalar
    # the water vapour layer holds the scene value where valid
    assert out["WATER_VAPOUR"].dtype == np.float32 and np.all(out["WATER_VAPOUR"][b.valid] == np.float32(3.0))
    assert np.isnan(out["WATER_VAPOUR"][~b.valid]).all()
    assert out["TRANSMITTANCE"][1, 1] == pytest.approx(1.0 / lst.psi(3.0)[0], abs=1e-6)


def test_per_pixel_water_vapour_field_gives_the_same_as_the_constant():
    # a field that is 2.1 +- 0.6 everywhere must give what the scalar gives (float32 field vs scalar)
    field = wv.GridField(np.full((3, 3), 2.1), 32)
    field_sigma = wv.GridField(np.full((3, 3), 0.6), 32)
    b = _scene_block()
    a = _retrieval().compute(b)
    f = _retrieval(w_field=field, w_sigma_field=field_sigma).compute(b)
    v = b.valid
    assert np.max(np.abs(a["LST"][v] - f["LST"][v])) < 2e-4
    assert np.max(np.abs(a["LST_UNCERTAINTY"][v] - f["LST_UNCERTAINTY"][v])) < 2e-5


def test_emissivity_sigma_enters_the_lst_uncertainty():
    # constant emissivity 0.97 with its default sigma 0.02 (core.emissivity): LST_UNCERTAINTY is the sum in
    # quadrature of every component, the emissivity one included; with sigma 0 it is smaller
    b = _scene_block(16)
    b.cloud_distance_km = None
    r = _retrieval("constant")
    out = r.compute(b)
    t10 = brightness_temperature(b.radiance["lwir11"], *K10).astype(np.float64)
    t11 = brightness_temperature(b.radiance["lwir12"], *K11).astype(np.float64)
    full = unc.sw_components(t10, t11, 0.97, 0.97, 0.02, 0.02, 2.1, 0.6)
    none = unc.sw_components(t10, t11, 0.97, 0.97, 0.0, 0.0, 2.1, 0.6)
    v = b.valid
    np.testing.assert_allclose(out["LST_UNCERTAINTY"][v], full["total"][v], atol=2e-5)
    assert np.all(full["total"][v] - none["total"][v] > 0.05)
    assert "EMISSIVITY_UNCERTAINTY:lwir11" not in out and out["EMISSIVITY"].shape == (2, 16, 16)


def test_split_window_fallback_only_on_its_pixels_equals_single_channel_on_the_block():
    b = _scene_block(16)
    t10 = brightness_temperature(b.radiance["lwir11"], *K10).astype(np.float64)
    t11 = t10 - 12.0  # implausible T10 - T11 (core.btd_guard) on one row
    t11[5] = t10[5] - 1.0
    b.radiance["lwir12"] = planck_radiance(t11, *K11).astype(np.float32)
    out = _retrieval().compute(b)
    sc = Retrieval("SC", ["lwir11"], {"lwir11": K10}, Atmosphere("user", 2.1, 0.6), "ndvi_threshold").compute(
        b
    )
    bad = np.ones(b.valid.shape, bool)
    bad[5] = False
    bad &= b.valid
    np.testing.assert_allclose(out["LST"][bad], sc["LST"][bad], atol=1e-4)
    np.testing.assert_allclose(out["LST_UNCERTAINTY"][bad], sc["LST_UNCERTAINTY"][bad], atol=1e-4)
    assert np.all(out["QA"][bad] == 1 << 14) and np.all(out["QA"][5] == 0)


def test_a_result_colder_than_any_surface_on_earth_is_not_retrieved():
    """Cold cloud tops (BT 200-240 K) under a humid column: the single-channel correction gives 27-181 K at
    w = 4 g/cm2; below 175 K (Scambos et al. 2018) the pixel is not retrieved, the others are unchanged."""
    b = _scene_block(16)
    t10 = brightness_temperature(b.radiance["lwir11"], *K10).astype(np.float64)
    t10[:4] = np.linspace(200.0, 240.0, 64).reshape(4, 16)
    b.radiance["lwir11"] = planck_radiance(t10, *K10).astype(np.float32)
    r = Retrieval("SC", ["lwir11"], {"lwir11": K10}, Atmosphere("user", 4.0, 0.5), "ndvi_threshold")
    out = r.compute(b)
    eps, _ = r.emissivity(b)
    formula = lst.single_channel(b.radiance["lwir11"], eps["lwir11"], 4.0, *K10).astype(np.float32)
    cold = formula < 175.0
    assert 10 < cold.sum() < 64  # the cold rows straddle the bound
    assert np.isnan(out["LST"][cold]).all() and np.isnan(out["LST_UNCERTAINTY"][cold]).all()
    kept = ~cold & b.valid
    np.testing.assert_allclose(out["LST"][kept], formula[kept], atol=1e-3)
    assert np.isfinite(out["LST_UNCERTAINTY"][kept]).all()
    assert r.inputs_metadata()["lowest_plausible_lst_k"]["value"] == 175.0


def _ndvi_threshold_before(nd, red, band):
    """NDVI-THM as written before issue 15 (one np.where per regime, in order): the bit-exact reference."""
    c = em.SKOKOVIC_2014[band]
    pv = em.vegetation_proportion(nd)
    mixed = (
        c.eps_veg * pv + c.eps_soil * (1.0 - pv) + (1.0 - c.eps_soil) * c.eps_veg * em.CAVITY_F * (1.0 - pv)
    )
    eps = np.full(nd.shape, c.land_class, dtype=np.float32)
    sigma = np.full(nd.shape, em.SIGMA_CLASS_LAND, dtype=np.float32)
    mixed_regime = (nd >= em.NDVI_SOIL) & (nd <= em.NDVI_VEG)
    for where, value, s in (
        (nd < 0, c.water, em.SIGMA_WATER),
        ((nd >= 0) & (nd < em.NDVI_SOIL), c.soil_a - c.soil_b * red, em.SIGMA_NDVI_MIXED),
        (mixed_regime, mixed, em.SIGMA_NDVI_MIXED),
        (nd > em.NDVI_VEG, c.eps_veg, em.SIGMA_VEG),
    ):
        eps, sigma = np.where(where, value, eps), np.where(where, s, sigma)
    sigma = np.where(mixed_regime, em.SIGMA_NDVI_MIXED * (1.0 - pv) + em.SIGMA_VEG * pv, sigma)
    bad = ~np.isfinite(eps)
    eps[bad], sigma[bad] = c.land_class, em.SIGMA_CLASS_LAND
    return eps.astype(np.float32), sigma.astype(np.float32)


def test_ndvi_regimes_shared_by_the_bands_give_the_same_emissivities():
    rng = np.random.default_rng(2)
    red = rng.uniform(0.0, 0.3, 4000).astype(np.float32)
    nir = rng.uniform(0.0, 0.6, 4000).astype(np.float32)
    red[:10] = np.nan
    nd = ndvi(red, nir)
    regimes = em.ndvi_regimes(nd)
    for band in ("lwir11", "lwir12"):
        e1, s1 = em.ndvi_threshold(nd, red, band)
        e2, s2 = em.ndvi_threshold(nd, red, band, regimes=regimes)
        e0, s0 = _ndvi_threshold_before(nd, red, band)
        assert e1.dtype == np.float32 and s1.dtype == np.float32
        for got in (e1, e2):
            np.testing.assert_array_equal(got, e0)
        for got in (s1, s2):
            np.testing.assert_array_equal(got, s0)
    # every regime occurs, and NaN NDVI is the land class
    assert regimes.water.any() and regimes.soil.any() and regimes.mixed.any() and regimes.vegetation.any()
    e, s = em.ndvi_threshold(nd, red, "lwir11")
    assert np.all(e[:10] == np.float32(em.SKOKOVIC_2014["lwir11"].land_class)) and np.all(
        s[:10] == np.float32(0.02)
    )


def test_split_window_from_brightness_temperatures_equals_the_one_from_radiances():
    # the block loop hands the split window the product's BT (BlockInputs.bt, issue 15); the radiance
    # route converts to the same BT, so only the fallback pixels (B10 radiance from BT) may differ
    b = _scene_block(16)
    t10 = brightness_temperature(b.radiance["lwir11"], *K10).astype(np.float64)
    b.radiance["lwir12"] = planck_radiance(t10 - 12.0, *K11).astype(np.float32)  # implausible T10 - T11 ...
    b.radiance["lwir12"][5:] = planck_radiance(t10[5:] - 1.0, *K11).astype(np.float32)  # ... on rows 0-4
    bt = {
        band: brightness_temperature(b.radiance[band], *k) for band, k in (("lwir11", K10), ("lwir12", K11))
    }
    bt["lwir11"][9, 9] = 0.0  # no temperature: not retrieved, as a radiance <= 0
    b.radiance["lwir11"][9, 9] = 0.0
    from_bt = BlockInputs({}, b.red, b.nir, None, None, b.cloud_distance_km, b.valid, window=b.window, bt=bt)
    r = _retrieval()
    out, ref = r.compute(from_bt), r.compute(b)
    np.testing.assert_array_equal(out["QA"], ref["QA"])
    assert np.all(out["QA"][1:5][b.valid[1:5]] == 1 << 14) and np.isnan(out["LST"][9, 9])
    for key in ("LST", "LST_UNCERTAINTY"):
        np.testing.assert_array_equal(np.isnan(out[key]), np.isnan(ref[key]))
        np.testing.assert_array_equal(out[key][5:], ref[key][5:])
        np.testing.assert_allclose(out[key][:5], ref[key][:5], atol=1e-4)
