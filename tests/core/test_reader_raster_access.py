"""Windowed access and resampling onto the thermal grid (raster_access): known fields in, known values out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from pyproj import Transformer
from rasterio.windows import Window

from lst_studio.plugin.core.products.raster_access import check_window, read_block, read_flags_block
from lst_studio.plugin.core.products.scene import Grid

TARGET = Grid("EPSG:32735", Affine(30.0, 0, 600000.0, 0, -30.0, 7000020.0), 40, 30)


def _field(x, y):
    """A plane in target-CRS metres: exactly reproduced by bilinear interpolation."""
    return 100.0 + 0.01 * (x - 600000.0) - 0.02 * (y - 7000020.0)


def _write(path, data, transform, crs, nodata=None, dtype="float32"):
    profile = {"driver": "GTiff", "width": data.shape[-1], "height": data.shape[-2], "count": 1,
               "dtype": dtype, "crs": crs, "transform": transform}  # fmt: skip
    if nodata is not None:
        profile["nodata"] = nodata
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(data.astype(dtype), 1)
    return rasterio.open(path)


def _centres(grid: Grid, window: Window):
    rows, cols = np.mgrid[0 : int(window.height), 0 : int(window.width)]
    t = grid.transform
    x = t.c + (cols + window.col_off + 0.5) * t.a
    y = t.f + (rows + window.row_off + 0.5) * t.e
    return x, y


def test_same_grid_is_a_plain_windowed_read(tmp_path):
    data = np.arange(30 * 40, dtype=np.int16).reshape(30, 40)
    data[0, 0] = -9999
    ds = _write(tmp_path / "a.tif", data, TARGET.transform, TARGET.crs, -9999, "int16")
    out = read_block(ds, [1], TARGET, Window(0, 0, 5, 4), -9999)[0]
    assert np.isnan(out[0, 0]) and out[3, 4] == data[3, 4]
    out = read_block(ds, [1], TARGET, Window(10, 20, 3, 2), -9999)[0]
    assert out.tolist() == data[20:22, 10:13].astype(np.float32).tolist()


def test_finer_grid_is_area_averaged_with_nodata_excluded(tmp_path):
    fine = Affine(15.0, 0, 600000.0, 0, -15.0, 7000020.0)
    data = np.random.default_rng(1).uniform(0, 1000, (60, 80)).round()
    data[10, 10] = -9999  # inside TIR pixel (5, 5): the other three 15 m pixels are averaged
    ds = _write(tmp_path / "f.tif", data, fine, TARGET.crs, -9999, "int16")
    out = read_block(ds, [1], TARGET, Window(4, 3, 10, 8), -9999)[0]
    d = data.copy()
    d[d == -9999] = np.nan
    expected = np.nanmean(d.reshape(30, 2, 40, 2), axis=(1, 3))[3:11, 4:14]
    assert np.abs(out - expected).max() < 1e-3


def test_subpixel_shifted_grid_is_bilinear(tmp_path):
    shifted = Affine(30.0, 0, 600000.0 - 12.0, 0, -30.0, 7000020.0 + 9.0)
    rows, cols = np.mgrid[0:32, 0:42]
    x, y = shifted.c + (cols + 0.5) * 30.0, shifted.f - (rows + 0.5) * 30.0
    ds = _write(tmp_path / "s.tif", _field(x, y), shifted, TARGET.crs)
    window = Window(3, 4, 20, 15)
    out = read_block(ds, [1], TARGET, window, None)[0]
    ex, ey = _centres(TARGET, window)
    assert np.abs(out - _field(ex, ey)).max() < 1e-3


def test_other_crs_is_reprojected(tmp_path):
    # Source in the neighbouring UTM zone (36 S): its pixel centres carry the plane's value at their
    # position in zone 35 S, so the reprojected block must give the plane at the target centres.
    to35 = Transformer.from_crs("EPSG:32736", "EPSG:32735", always_xy=True)
    from35 = Transformer.from_crs("EPSG:32735", "EPSG:32736", always_xy=True)
    x0, y0 = from35.transform(600000.0 - 300.0, 7000020.0 + 300.0)
    src_tf = Affine(20.0, 0, x0 - 200, 0, -20.0, y0 + 200)
    rows, cols = np.mgrid[0:120, 0:120]
    sx, sy = src_tf.c + (cols + 0.5) * 20.0, src_tf.f - (rows + 0.5) * 20.0
    tx, ty = to35.transform(sx, sy)
    ds = _write(tmp_path / "o.tif", _field(np.asarray(tx), np.asarray(ty)), src_tf, "EPSG:32736")
    window = Window(0, 0, 40, 30)
    out = read_block(ds, [1], TARGET, window, None)[0]
    ex, ey = _centres(TARGET, window)
    expected = _field(ex, ey)
    ok = np.isfinite(out)
    assert ok.mean() > 0.95
    # 20 m source pixels averaged into 30 m pixels of a plane: exact up to the average's footprint
    assert np.abs(out - expected)[ok].max() < 0.05


def test_flags_resampled_with_max(tmp_path):
    fine = Affine(15.0, 0, 600000.0, 0, -15.0, 7000020.0)
    qa = np.zeros((60, 80), np.uint8)
    qa[11, 21] = 6  # saturated + filled inside TIR pixel (row 5, col 10)
    qa[40, 40] = 1
    ds = _write(tmp_path / "q.tif", qa, fine, TARGET.crs, dtype="uint8")
    under, sat, filled = read_flags_block(ds, 1, (0, 1, 2), TARGET, Window(0, 0, 40, 30))
    assert np.argwhere(sat).tolist() == [[5, 10]] and np.argwhere(filled).tolist() == [[5, 10]]
    assert np.argwhere(under).tolist() == [[20, 20]]


def test_window_outside_grid_refused():
    with pytest.raises(ValueError, match="not inside"):
        check_window(TARGET, Window(35, 0, 10, 10))


def _rchar() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    pytest.skip("no /proc/self/io")


def test_one_block_reads_a_fraction_of_the_file(tmp_path):
    from lst_studio.plugin.core.products.raster_access import grid_of

    size = 2048
    path = tmp_path / "big.tif"
    profile = {"driver": "GTiff", "width": size, "height": size, "count": 2, "dtype": "int16", "crs": TARGET.crs,
               "transform": TARGET.transform, "tiled": True, "blockxsize": 512, "blockysize": 512,
               "compress": "lzw", "nodata": -9999}  # fmt: skip
    rng = np.random.default_rng(0)
    with rasterio.open(path, "w", **profile) as dst:
        for r0 in range(0, size, 512):
            block = rng.integers(2500, 3200, (2, 512, size)).astype(np.int16)  # noise: ~incompressible
            dst.write(block, window=Window(0, r0, size, 512))
    file_size = path.stat().st_size
    with rasterio.open(path) as ds:
        grid = grid_of(ds)
        before = _rchar()
        block = read_block(ds, [1], grid, Window(1024, 1024, 512, 512), -9999)
        used = _rchar() - before
    assert block.shape == (1, 512, 512) and np.isfinite(block).all()
    assert used < file_size / 8  # one tile of 16, plus headers


def test_nodata_and_invalid_codes_become_nan(tmp_path):
    data = np.array([[0, 1, 2, 3], [65535, 5, 0, 7]], dtype=np.uint16)
    grid = Grid("EPSG:32735", Affine(30.0, 0, 600000.0, 0, -30.0, 7000020.0), 4, 2)
    ds = _write(tmp_path / "dn.tif", data, grid.transform, grid.crs, nodata=0, dtype="uint16")
    out = read_block(ds, [1], grid, Window(0, 0, 4, 2), 0, invalid_values=(65535,))[0]
    assert out.dtype == np.float32
    np.testing.assert_array_equal(np.isnan(out), (data == 0) | (data == 65535))
    np.testing.assert_array_equal(out[~np.isnan(out)], [1, 2, 3, 5, 7])


def test_shared_reads_use_one_handle_per_file_and_give_the_same_values(tmp_path):
    import contextlib
    from concurrent.futures import ThreadPoolExecutor

    from lst_studio.plugin.core.products.raster_access import RasterCache

    rng = np.random.default_rng(1)
    data = rng.uniform(0, 100, (64, 40)).astype(np.float32)
    grid = Grid("EPSG:32735", Affine(30.0, 0, 600000.0, 0, -30.0, 7000020.0), 40, 64)
    _write(tmp_path / "b.tif", data, grid.transform, grid.crs).close()
    cache = RasterCache()
    windows = [Window(0, r, 40, 8) for r in range(0, 64, 8)]

    def read(w):
        ds, serial = cache.band_handle(tmp_path / "b.tif")
        return id(ds), read_block(ds, [1], grid, w, None, serial=serial)[0]

    with ThreadPoolExecutor(2) as pool:
        own = list(pool.map(read, windows))  # outside shared(): each thread its own handle, no lock
        with cache.shared():
            shared = list(pool.map(read, windows))
    for (_, a), (_, b), w in zip(own, shared, windows):
        np.testing.assert_array_equal(a, data[int(w.row_off) : int(w.row_off) + 8])
        np.testing.assert_array_equal(b, a)
    assert len({h for h, _ in shared}) == 1  # one handle for both threads inside shared()
    ds, serial = cache.band_handle(tmp_path / "b.tif")  # after shared(): this thread's own handle again
    assert id(ds) != shared[0][0] and isinstance(serial, contextlib.nullcontext)
    cache.close()


def test_quality_bits_are_those_of_the_integer_widened_to_int64():
    from lst_studio.plugin.core.products.raster_access import _bit

    rng = np.random.default_rng(1)
    for dtype in (np.uint8, np.uint16, np.int16, np.int32):
        info = np.iinfo(dtype)
        raw = rng.integers(info.min, info.max, (20, 30), dtype=dtype, endpoint=True)
        for b in range(40):
            expected = ((raw.astype(np.int64) >> b) & 1).astype(bool)
            np.testing.assert_array_equal(_bit(raw, b), expected, err_msg=f"{dtype.__name__} bit {b}")
    assert (
        _bit(np.array([[0x8000]], np.uint16), 15)[0, 0]
        and not _bit(np.array([[0x7FFF]], np.uint16), 15)[0, 0]
    )
