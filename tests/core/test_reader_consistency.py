"""The sample generator's FarEarth product and its Landsat-C2-style twin (same truth) read to the same
physical values through the two readers; also with the VNIR group on a 15 m grid."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from rasterio.windows import Window

from lst_studio.plugin.core.products import FarEarthScene, LandsatScene, open_product

SIZE = 128
OPTICAL = ("blue", "green", "red", "nir08", "swir16", "swir22", "cirrus")
WINDOWS = [None, Window(0, 0, 64, 64), Window(40, 70, 50, 33), Window(SIZE - 20, SIZE - 7, 20, 7)]


def _sample(tmp_path_factory, **options):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("sample"), seed=3, size=SIZE, landsat=True, **options)


@pytest.fixture(scope="module")
def sample30(tmp_path_factory):
    return _sample(tmp_path_factory)


@pytest.fixture(scope="module")
def sample15(tmp_path_factory):
    return _sample(tmp_path_factory, vnir_gsd=15)


def _compare(fe, ls, window, bt_tol=0.1, rho_tol=1e-3) -> int:
    """Assert equal values where both have data; return how many thermal pixels were compared."""
    compared = 0
    for name in ("lwir11", "lwir12"):
        a, b = fe.read(name, window), ls.read(name, window)
        both = ~a.mask & ~b.mask
        assert (a.mask == b.mask).all(), name  # the same footprint / fill
        if both.any():
            assert np.abs(a - b)[both].max() <= bt_tol, name  # FarEarth stores BT x10
        compared += int(both.sum())
    for name in OPTICAL if rho_tol is not None else ():
        a, b = fe.read(name, window), ls.read(name, window)
        both = ~a.mask & ~b.mask
        assert (a.mask == b.mask).all(), name
        if both.any():
            assert np.abs(a - b)[both].max() <= rho_tol, name
    return compared


def test_same_truth_same_values(sample30):
    fe = open_product(sample30.product_dir)
    ls = open_product(sample30.landsat_dir)
    try:
        assert isinstance(fe, FarEarthScene) and isinstance(ls, LandsatScene)
        assert fe.platform == ls.platform == "LANDSAT-9"
        assert fe.grid.crs == ls.grid.crs and fe.grid.transform == ls.grid.transform
        assert (fe.grid.width, fe.grid.height) == (ls.grid.width, ls.grid.height) == (SIZE, SIZE)
        assert fe.sun_elevation == pytest.approx(ls.sun_elevation, abs=0.01)
        assert fe.is_day and ls.is_day
        counts = [_compare(fe, ls, window) for window in WINDOWS]
        assert counts[0] > 0.5 * SIZE * SIZE * 2 and counts[2] > 0
        w = WINDOWS[2]
        for name in ("lwir11", "lwir12", "red", "nir08"):
            ra, rb = fe.radiance(name, w), ls.radiance(name, w)
            both = ~ra.mask & ~rb.mask
            assert both.any()
            # 0.05 K of BT quantisation is < 0.01 W m-2 sr-1 um-1; 1e-4 of reflectance < 0.1 at ESUN/pi
            assert np.abs(ra - rb)[both].max() <= (0.01 if name.startswith("lwir") else 0.1), name
        qa, qb = fe.read_quality(), ls.read_quality()
        for name in ("lwir11", "lwir12"):
            assert (qa.saturated[name] == qb.saturated[name]).mean() > 0.999
    finally:
        fe.close()
        ls.close()


def test_vnir_15m_resampled_onto_tir_grid(sample15):
    fe = open_product(sample15.product_dir)
    ls = open_product(sample15.landsat_dir)
    try:
        assert fe.grid.res == (30.0, 30.0) and fe.grid.width == SIZE
        assert "VNIR" in fe.extra.get("resampled_groups", {})
        # The Landsat twin keeps its optical bands at 30 m, sampled by the generator at the 30 m pixel
        # centres with their own noise, while the FarEarth VNIR is 15 m: the area average of four 15 m
        # samples matches that only statistically (noise, class edges). A one-pixel misregistration
        # would push the 95th percentile above 0.02, so these bounds test the alignment.
        counts = [_compare(fe, ls, window, rho_tol=None) for window in WINDOWS]
        assert counts[0] > 0.5 * SIZE * SIZE * 2 and counts[2] > 0
        for name in OPTICAL:
            a, b = fe.read(name), ls.read(name)
            assert (a.mask == b.mask).mean() > 0.98, name
            d = np.abs(a - b).compressed()
            assert np.median(d) <= 1e-3 and np.percentile(d, 95) <= 5e-3, name
        # The method is an area average: a 30 m pixel is the mean of the 2x2 valid 15 m pixels it covers.
        vnir = next(p for p in sample15.product_dir.glob("*_VNIR.tif"))
        with rasterio.open(vnir) as src:
            assert src.res == (15.0, 15.0)
            x, y = fe.grid.transform * (40, 40)  # top-left corner of TIR pixel (40, 40)
            row, col = src.index(x + 1.0, y - 1.0)
            raw = src.read(3, window=Window(col, row, 20, 20)).astype(float)  # band 3 = RED
            raw[raw == -9999] = np.nan
        expected = np.nanmean(raw.reshape(10, 2, 10, 2), axis=(1, 3)) / 10000.0
        got = fe.read("red", Window(40, 40, 10, 10))
        ok = np.isfinite(expected) & ~got.mask
        assert ok.sum() > 50
        assert np.abs(got - expected)[ok].max() < 1e-6
    finally:
        fe.close()
        ls.close()


def test_night_sample_both_readers(tmp_path_factory):
    sample = _sample(tmp_path_factory, night=True)
    fe = open_product(sample.product_dir)
    ls = open_product(sample.landsat_dir)
    try:
        assert not fe.is_day and not ls.is_day
        assert fe.sun_elevation < 0 and ls.sun_elevation == pytest.approx(fe.sun_elevation, abs=0.01)
        assert set(fe.bands) == {"lwir11", "lwir12"}
        assert {"lwir11", "lwir12"} <= set(ls.bands)
        assert not any(b.usable for n, b in ls.bands.items() if n not in ("lwir11", "lwir12"))
        counts = [_compare(fe, ls, window, rho_tol=None) for window in WINDOWS]
        assert counts[0] > 0.5 * SIZE * SIZE * 2
    finally:
        fe.close()
        ls.close()
