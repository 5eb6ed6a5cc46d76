"""The sample world's optional error sources (sample/error_sources.py): what is drawn, and that the truth holds it."""

from __future__ import annotations

import json

import numpy as np
import pytest
import rasterio

from lst_studio.plugin.core.sample import error_sources as es
from lst_studio.plugin.core.sample import generate, physics
from lst_studio.plugin.core.sample.generate import write_sample

SIZE = 96
SEED = 5


def _read(path):
    with rasterio.open(path) as ds:
        return ds.read().astype(np.float64)


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    ideal = write_sample(tmp_path_factory.mktemp("ideal"), seed=SEED, size=SIZE)
    errors = write_sample(tmp_path_factory.mktemp("errors"), seed=SEED, size=SIZE, error_sources=True)
    return ideal, errors


def test_draws_are_deterministic_and_off_by_default():
    off = es.ErrorSources.draw(SEED, False)
    assert off.air_temperature_offset_k == 0.0 and off.calibration_offset_k == {"lwir11": 0.0, "lwir12": 0.0}
    a, b = es.ErrorSources.draw(SEED, True), es.ErrorSources.draw(SEED, True)
    assert a.air_temperature_offset_k == b.air_temperature_offset_k != 0.0
    assert a.calibration_offset_k == b.calibration_offset_k
    assert es.ErrorSources.draw(SEED + 1, True).air_temperature_offset_k != a.air_temperature_offset_k
    # the draws have the stated spread (200 seeds: the sample std within 15 % of sigma)
    draws = [es.ErrorSources.draw(s, True) for s in range(200)]
    assert np.std([d.air_temperature_offset_k for d in draws]) == pytest.approx(es.SIGMA_AIR_K, rel=0.15)
    for band, sigma in es.CALIBRATION_SIGMA_K.items():
        assert np.std([d.calibration_offset_k[band] for d in draws]) == pytest.approx(sigma, rel=0.15)


def test_air_offset_leaves_the_psi_regression_but_keeps_tau():
    exact, shifted = physics.atmosphere_for(2.0), physics.atmosphere_for(2.0, 3.0)
    for band in ("lwir11", "lwir12"):
        e, s = exact.bands[band], shifted.bands[band]
        assert s.transmittance == e.transmittance
        # the layer temperature behind Lu is 3 K warmer: Lu / (1 - tau) = B(Tu + 3)
        tu = physics.inverse_planck(band, e.upwelling / (1 - e.transmittance))
        assert s.upwelling == pytest.approx((1 - e.transmittance) * physics.planck(band, tu + 3.0), rel=1e-9)
        assert s.upwelling > e.upwelling and s.downwelling > e.downwelling


def test_truth_holds_the_world_with_errors(worlds):
    ideal, errors = worlds
    atm = json.loads((errors.truth_dir / "atmosphere.json").read_text())
    drawn = es.ErrorSources.draw(SEED, True)
    assert atm["error_sources"]["enabled"] is True
    assert atm["error_sources"]["air_temperature_offset_k"] == pytest.approx(drawn.air_temperature_offset_k)
    want = physics.atmosphere_for(2.0, drawn.air_temperature_offset_k).bands["lwir11"]
    assert atm["lwir11"]["upwelling"] == pytest.approx(want.upwelling)
    assert json.loads((ideal.truth_dir / "atmosphere.json").read_text())["error_sources"]["enabled"] is False
    # the scene itself (land cover, clouds) is the same world: the draws use their own random stream
    for name in ("LANDCOVER.tif", "LST.tif"):
        np.testing.assert_array_equal(_read(ideal.truth_dir / name), _read(errors.truth_dir / name))
    # cloud truth depends on the clouds' contrast, which the atmosphere shifts a little: nearly the same
    same = _read(ideal.truth_dir / "CLOUDS.tif") == _read(errors.truth_dir / "CLOUDS.tif")
    assert same.mean() > 0.995


def test_emissivity_varies_within_classes_by_the_stated_sigma(worlds):
    ideal, errors = worlds
    lc = _read(ideal.truth_dir / "LANDCOVER.tif")[0]
    d = _read(errors.truth_dir / "EMISSIVITY.tif") - _read(ideal.truth_dir / "EMISSIVITY.tif")
    np.testing.assert_allclose(d[0], d[1], atol=1e-6)  # the same offset in both bands
    assert np.all(d[0][np.isin(lc, (4, 5))] == 0)  # water and snow unchanged
    for cls, sigma in es.EMISSIVITY_SIGMA.items():
        sel = lc == cls
        assert sel.sum() > 50, cls
        assert np.std(d[0][sel]) == pytest.approx(sigma, rel=0.35), cls
        assert np.abs(d[0][sel]).max() < 5 * sigma


def test_brightness_temperatures_carry_the_calibration_offset(worlds):
    _, errors = worlds
    t = errors.truth_dir
    lst = _read(t / "LST.tif")[0]
    eps = _read(t / "EMISSIVITY.tif")
    clouds = _read(t / "CLOUDS.tif")[0]
    atm = json.loads((t / "atmosphere.json").read_text())
    with rasterio.open(errors.product_dir / f"{errors.product_id}_TIR.tif") as ds:
        dn = ds.read().astype(np.float64)
    bt = np.where(dn == generate.NODATA, np.nan, dn / 10.0)
    clear = (clouds == 0) & np.isfinite(lst) & (lst < 330)
    for k, band in enumerate(("lwir11", "lwir12")):
        a = atm[band]
        rad = a["transmittance"] * (eps[k] * physics.planck(band, lst) + (1 - eps[k]) * a["downwelling"])
        expected = physics.inverse_planck(band, rad + a["upwelling"])
        diff = (bt[k] - expected)[clear]
        # mean = the scene's calibration offset (noise 0.07 K and quantisation average out)
        assert diff.mean() == pytest.approx(atm["error_sources"]["calibration_offset_k"][band], abs=0.01)


def test_near_surface_air_temperature_follows_the_layers_qin_2001():
    # T0 = (Tu - 16.0110) / 0.92621 (Qin et al. 2001, mid-latitude summer), Tu the B10 upwelling-path temperature
    for w, t0 in ((0.8, 281.55), (2.0, 292.99), (4.0, 298.28)):
        atm = physics.atmosphere_for(w)
        b = atm.bands["lwir11"]
        tu = float(physics.inverse_planck("lwir11", b.upwelling / (1 - b.transmittance)))
        assert atm.near_surface_air_k == pytest.approx((tu - 16.0110) / 0.92621, abs=1e-9)
        assert atm.near_surface_air_k == pytest.approx(t0, abs=0.01)
    # 3 K warmer layers at the same w: 3 / 0.92621 = 3.239 K warmer surface air
    warm = (
        physics.atmosphere_for(2.0, 3.0).near_surface_air_k - physics.atmosphere_for(2.0).near_surface_air_k
    )
    assert warm == pytest.approx(3.0 / 0.92621, abs=1e-6)


def test_era5_t2m_is_the_worlds_air_temperature_plus_a_reanalysis_error(worlds):
    import netCDF4

    from lst_studio.plugin.core.sample import era5

    t2m = {}
    for name, world in zip(("ideal", "errors"), worlds):
        with netCDF4.Dataset(str(world.era5)) as ds:
            t2m[name] = np.asarray(ds.variables["t2m"][:], dtype=np.float64)
        truth = json.loads((world.truth_dir / "atmosphere.json").read_text())
        t0 = truth["near_surface_air_temperature_k"]
        np.testing.assert_allclose(t2m[name], t0 + era5.t2m_error_k(SEED), atol=1e-3)  # float32 in the file
    drawn = es.ErrorSources.draw(SEED, True).air_temperature_offset_k
    # the air offset of the error world reaches t2m (a t2m-aware retrieval could see it), the error is the same
    assert float(np.mean(t2m["errors"] - t2m["ideal"])) == pytest.approx(drawn / 0.92621, abs=2e-3)
    errs = [era5.t2m_error_k(s) for s in range(300)]
    assert np.std(errs) == pytest.approx(era5.SIGMA_T2M_K, rel=0.15) and abs(np.mean(errs)) < 0.3
