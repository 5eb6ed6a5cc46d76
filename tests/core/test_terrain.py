"""Elevation input: reading a DEM onto a grid, the fitted clear-sky BT-elevation slope, normalisation."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from affine import Affine

from lst_studio.plugin.core import terrain
from lst_studio.plugin.core.errors import ProductError
from lst_studio.plugin.core.products.scene import Grid

GRID = Grid("EPSG:32635", Affine(30.0, 0, 517000.0, 0, -30.0, 4256000.0), 40, 40)


def _scene(lapse_k_per_m: float, cloud_share: float = 0.2, seed: int = 3):
    """BT of a night scene on relief: 283 K at 200 m falling by ``lapse`` with height, noise 0.3 K,
    and cold cloud (250-270 K) on ``cloud_share`` of the pixels."""
    rng = np.random.default_rng(seed)
    n = 300
    yy, xx = np.mgrid[0:n, 0:n]
    h = (200.0 + 2500.0 * np.exp(-((xx - 220) ** 2 + (yy - 80) ** 2) / (2 * 60.0**2))).astype(np.float32)
    bt = (283.0 + lapse_k_per_m * (h - 200.0) + rng.normal(0, 0.3, h.shape)).astype(np.float32)
    cloud = rng.random(h.shape) < cloud_share
    bt[cloud] = rng.uniform(250.0, 270.0, cloud.sum())
    return bt, h, cloud


def test_slope_is_the_clear_sky_lapse_rate_despite_clouds():
    bt, h, _ = _scene(-0.0065)
    slope, h_ref, bins = terrain.clear_sky_slope(bt, h, np.ones(bt.shape, dtype=bool))
    assert slope * 1000.0 == pytest.approx(-6.5, abs=0.3)
    assert bins >= terrain.MIN_BINS
    assert h_ref == pytest.approx(np.median(h), abs=terrain.ELEVATION_BIN_M)


def test_normalised_clear_sky_is_flat():
    bt, h, cloud = _scene(-0.0065)
    slope, h_ref, _ = terrain.clear_sky_slope(bt, h, np.ones(bt.shape, dtype=bool))
    before = bt[~cloud].std()
    terrain.normalise(bt, h, slope, h_ref)
    assert before > 2.0
    assert bt[~cloud].std() < 0.5  # only the noise and the slope's fit error are left


def test_inversion_is_not_amplified_and_flat_scenes_are_left_alone():
    bt, h, _ = _scene(+0.003)  # warmer with height: a night inversion
    slope, _, _ = terrain.clear_sky_slope(bt, h, np.ones(bt.shape, dtype=bool))
    assert slope == 0.0
    flat = np.full((50, 50), 100.0, dtype=np.float32)
    slope, _, bins = terrain.clear_sky_slope(
        np.full((50, 50), 280.0, np.float32), flat, np.ones((50, 50), bool)
    )
    assert (slope, bins) == (0.0, 1)


def test_slope_is_bounded_by_the_dry_adiabatic_rate():
    bt, h, _ = _scene(-0.015, cloud_share=0.0)
    slope, _, _ = terrain.clear_sky_slope(bt, h, np.ones(bt.shape, dtype=bool))
    assert slope == pytest.approx(-terrain.DRY_ADIABATIC_K_PER_M)


def test_unknown_elevation_leaves_bt_unchanged():
    bt = np.full((2, 2), 280.0, dtype=np.float32)
    h = np.array([[1200.0, np.nan], [200.0, 700.0]], dtype=np.float32)
    terrain.normalise(bt, h, -0.0065, 700.0)
    np.testing.assert_allclose(bt, [[283.25, 280.0], [276.75, 280.0]], atol=1e-4)


def test_read_dem_bilinear_nodata_and_errors(tmp_path):
    # 10 m DEM, a plane rising 10 m per 10 m column eastward: h = 100 + 10 col
    cols = np.arange(120, dtype=np.float32)
    src = np.tile(100.0 + 10.0 * cols, (120, 1)).astype(np.float32)
    src[:30] = -32768.0  # no data along the north edge
    path = tmp_path / "dem.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=120,
        height=120,
        count=1,
        dtype="float32",
        crs="EPSG:32635",
        transform=Affine(10.0, 0, 517000.0, 0, -10.0, 4256000.0),
        nodata=-32768.0,
    ) as ds:
        ds.write(src, 1)
    dem = terrain.read_dem(path, GRID)
    # output pixel j is centred at 15 + 30 j m, i.e. source column 1 + 3 j: h = 110 + 30 j
    np.testing.assert_allclose(dem.elevation[20, 1:-1], 110.0 + 30.0 * np.arange(1, 39), atol=0.01)
    assert np.isnan(dem.elevation[:9]).all()
    assert 70.0 < dem.coverage_percent < 80.0 and dem.warnings
    assert dem.describe()["elevation_range_m"][0] == pytest.approx(110.0, abs=5.0)  # column 0, edge kernel
    with pytest.raises(ProductError, match="not found"):
        terrain.read_dem(tmp_path / "none.tif", GRID)
    far = Grid("EPSG:32635", Affine(30.0, 0, 617000.0, 0, -30.0, 4256000.0), 40, 40)
    with pytest.raises(ProductError, match="no elevation"):
        terrain.read_dem(path, far)
