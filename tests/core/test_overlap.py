"""Issue 15: the masks beside the CEOS-ARD layers (blocks.beside), the ARD no-data added after the masks
(ard_layers.mask_ard_layers), and GDAL's block cache sized from the source tiles (pipeline._gdal_cache_mb)."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import rasterio
from affine import Affine

from lst_studio.plugin.core import blocks, pipeline
from lst_studio.plugin.core.ard_layers import ArdLayers, add_ard_layers, mask_ard_layers
from lst_studio.plugin.core.errors import ProcessingCancelled
from lst_studio.plugin.core.options import LstOptions
from lst_studio.plugin.core.products import open_product
from lst_studio.plugin.core.products.raster_access import tile_row_bytes
from lst_studio.plugin.core.progress import Progress
from lst_studio.plugin.core.result import ProductResult


def _steps(bg_delay=0.0, fg_delay=0.0, bg_fail=None, fg_fail=None):
    log = {"bg": [], "fg": []}

    def background(p: Progress):
        for i in range(10):
            p.update(i / 10)
            if bg_fail is not None and i == 3:
                raise bg_fail
            log["bg"].append(threading.get_ident())
            time.sleep(bg_delay)
        p.update(1.0)
        return "masks"

    def foreground(p: Progress):
        for i in range(10):
            p.update(i / 10)
            if fg_fail is not None and i == 3:
                raise fg_fail
            log["fg"].append(threading.get_ident())
            time.sleep(fg_delay)

    return background, foreground, log


def test_beside_runs_both_and_reports_on_the_calling_thread_only():
    background, foreground, log = _steps(bg_delay=0.01)
    calls = []
    result = blocks.beside(
        background, foreground, Progress(lambda v: calls.append((v, threading.get_ident())))
    )
    me = threading.get_ident()
    assert result == "masks"
    assert len(log["bg"]) == len(log["fg"]) == 10
    assert set(log["fg"]) == {me} and me not in set(log["bg"])
    assert {t for _, t in calls} == {me}  # a Qt progress callback never runs on the worker
    assert calls[-1][0] == pytest.approx(100.0) and [v for v, _ in calls] == sorted(v for v, _ in calls)


def test_beside_cancel_stops_both():
    background, foreground, log = _steps(bg_delay=0.02, fg_delay=0.02)
    t0 = time.perf_counter()
    with pytest.raises(ProcessingCancelled):
        blocks.beside(background, foreground, Progress(None, lambda: time.perf_counter() - t0 > 0.05))
    assert len(log["bg"]) < 10 and len(log["fg"]) < 10


def test_beside_raises_the_real_error_and_stops_the_other_step():
    background, foreground, log = _steps(fg_delay=0.02, bg_fail=ValueError("masks failed"))
    with pytest.raises(ValueError, match="masks failed"):
        blocks.beside(background, foreground, None)
    assert len(log["fg"]) < 10  # the foreground stopped at its next progress check

    background, foreground, log = _steps(bg_delay=0.02, fg_fail=OSError("disk full"))
    with pytest.raises(OSError, match="disk full"):
        blocks.beside(background, foreground, None)
    assert len(log["bg"]) < 10  # the background was stopped, not waited for to the end


def test_mask_ard_layers_sets_nan_only_where_the_masks_add_no_data(tmp_path):
    h, w = 700, 40  # three strips of ard_layers.STRIP_ROWS rows
    profile = {"driver": "GTiff", "width": w, "height": h, "dtype": "float32", "nodata": float("nan")}
    profile.update(crs="EPSG:32635", transform=Affine(30, 0, 500000, 0, -30, 0))
    values = {1: np.arange(h * w, dtype=np.float32).reshape(h, w), 4: np.ones((4, h, w), np.float32)}
    paths = {}
    for count, data in values.items():
        paths[count] = tmp_path / f"L{count}.tif"
        with rasterio.open(paths[count], "w", count=count, **profile) as ds:
            ds.write(data.reshape(count, h, w))
    nodata = np.zeros((h, w), bool)
    nodata[5, 7] = nodata[600, 0] = nodata[699, 39] = True
    ard = ArdLayers({str(k): p for k, p in paths.items()}, None, True, True, "lwir11", True, None)
    mask_ard_layers(ard, nodata)
    for count, data in values.items():
        with rasterio.open(paths[count]) as ds:
            got = ds.read()
        assert np.isnan(got[:, nodata]).all()
        np.testing.assert_array_equal(got[:, ~nodata], data.reshape(count, h, w)[:, ~nodata])
    mask_ard_layers(ard, np.zeros((h, w), bool))  # nothing to add: files untouched


def test_tile_row_bytes_of_a_tiled_and_a_striped_file(tmp_path):
    base = {
        "driver": "GTiff",
        "width": 1000,
        "height": 600,
        "crs": "EPSG:32635",
        "transform": Affine(30, 0, 500000, 0, -30, 0),
    }
    tiled = tmp_path / "tiled.tif"
    with rasterio.open(
        tiled, "w", count=3, dtype="uint16", tiled=True, blockxsize=256, blockysize=256, **base
    ):
        pass
    striped = tmp_path / "striped.tif"
    with rasterio.open(striped, "w", count=1, dtype="float32", tiled=False, blockysize=8, **base):
        pass
    with rasterio.open(tiled) as a, rasterio.open(striped) as b:
        assert tile_row_bytes(a) == 256 * 1000 * 3 * 2
        assert tile_row_bytes(b) == 8 * 1000 * 4


def test_gdal_cache_holds_threads_plus_one_tile_rows_of_the_window_within_bounds():
    mib = 2**20

    def case(row_mib, scene_w, window_w, threads):
        scene = SimpleNamespace(tile_row_bytes=lambda: row_mib * mib, grid=SimpleNamespace(width=scene_w))
        aw = SimpleNamespace(grid=SimpleNamespace(width=window_w))
        return pipeline._gdal_cache_mb(scene, aw, threads)

    assert case(72, 7800, 7800, 2) == 216  # a full FarEarth scene on two cores
    assert case(72, 7800, 7800, 1) == 144
    assert case(72, 7800, 1000, 2) == pipeline.GDAL_CACHE_MB  # a small AOI: the base cache
    assert case(400, 7800, 7800, 8) == pipeline.GDAL_CACHE_MAX_MB
    no_tiles = SimpleNamespace(grid=SimpleNamespace(width=10))  # a scene without tile_row_bytes
    assert pipeline._gdal_cache_mb(no_tiles, no_tiles, 2) == pipeline.GDAL_CACHE_MB


def test_pipeline_ard_layers_equal_those_written_from_the_finished_result(sample_product, tmp_path):
    """The pipeline writes ANGLES/ACQUISITION_TIME beside the masks (no data: AOI and footprint) and adds
    the masks' no data afterwards: the same files as writing them from the QA layer of the result."""
    result = pipeline.produce(
        sample_product, None, LstOptions(geometric_verification=False, threads=2), tmp_path / "r"
    )
    again = ProductResult.load(Path(shutil.copytree(result.workdir, tmp_path / "again")))
    for key in ("ANGLES", "ACQUISITION_TIME"):
        (again.workdir / f"{key}.tif").unlink()
        del again.rasters[key]
    scene = open_product(sample_product)
    try:
        add_ard_layers(scene, again)
    finally:
        scene.close()
    for key in ("ANGLES", "ACQUISITION_TIME"):
        with rasterio.open(result.rasters[key]) as a, rasterio.open(again.rasters[key]) as b:
            ref = a.read()
            np.testing.assert_array_equal(b.read(), ref, err_msg=key)
        assert np.isfinite(ref).any() and np.isnan(ref).any()
    assert result.metadata["ard"] == again.metadata["ard"]


def _old_angles(ds, grid, window):
    """read_angles_block as it was before issue 15: one warp per layer, NaN no-data on both sides."""
    from rasterio.enums import Resampling
    from rasterio.warp import reproject

    from lst_studio.plugin.core.products.raster_access import _read_source_block, _to_float

    dst_grid = grid.window_grid(window)
    data, src_transform = _read_source_block(ds, [1, 2], grid, window)
    src = _to_float(data, ds.nodata, ())
    az = np.deg2rad(src[1])
    out = []
    for layer in (src[0], np.sin(az).astype(np.float32), np.cos(az).astype(np.float32)):
        dst = np.full((dst_grid.height, dst_grid.width), np.nan, np.float32)
        reproject(
            layer,
            dst,
            src_transform=src_transform,
            src_crs=ds.crs,
            src_nodata=np.nan,
            dst_transform=dst_grid.transform,
            dst_crs=dst_grid.crs,
            dst_nodata=np.nan,
            resampling=Resampling.bilinear,
        )
        out.append(dst)
    return out[0], np.mod(np.rad2deg(np.arctan2(out[1], out[2])), 360.0).astype(np.float32)


@pytest.mark.parametrize("case", ["inside", "beyond_the_raster", "nodata_in_source"])
def test_angles_warp_matches_the_per_layer_warp_with_nodata(tmp_path, case, monkeypatch):
    """Where the fast path may run (inside the raster, no no-data) the separable kernel gives GDAL's
    per-layer warp within rounding; elsewhere GDAL warps, bit-identical to the per-layer warp."""
    from lst_studio.plugin.core.products import raster_access
    from lst_studio.plugin.core.products.raster_access import read_angles_block
    from lst_studio.plugin.core.products.scene import Grid

    yy, xx = np.mgrid[0:20, 0:20].astype(np.float32)
    zenith = 30.0 + 0.37 * xx + 0.11 * yy
    azimuth = np.mod(350.0 + 1.3 * xx - 0.4 * yy, 360.0)  # crosses north: 359 and 1 must average to 0
    if case == "nodata_in_source":
        zenith[7, 9] = azimuth[7, 9] = -999.0
    path = tmp_path / "ANGLE.tif"
    origin = (500000.0, 4000000.0)
    profile = {"driver": "GTiff", "width": 20, "height": 20, "count": 2, "dtype": "float32", "nodata": -999.0}
    profile.update(crs="EPSG:32635", transform=Affine(240, 0, origin[0], 0, -240, origin[1]))
    with rasterio.open(path, "w", **profile) as ds:
        ds.write(np.stack([zenith, azimuth]))
    size = 172 if case == "beyond_the_raster" else 160  # 12 px of 30 m past the right and lower edges
    grid = Grid("EPSG:32635", Affine(30, 0, origin[0], 0, -30, origin[1]), size, size)
    plain = []
    original = raster_access._plain_bilinear
    monkeypatch.setattr(raster_access, "_plain_bilinear", lambda *a: plain.append(original(*a)) or plain[-1])
    with rasterio.open(path) as ds:
        for window in (
            rasterio.windows.Window(0, 0, size, 64),
            rasterio.windows.Window(0, 64, size, size - 64),
        ):
            new, old = read_angles_block(ds, grid, window), _old_angles(ds, grid, window)
            for a, b in zip(new, old):
                if case == "inside":  # rounding: a few float32 steps at 360 degrees
                    assert np.abs(a - b).max() <= 8 * np.spacing(np.float32(360.0))
                else:
                    np.testing.assert_array_equal(a, b)
            assert np.isfinite(new[0]).sum() > 0.8 * new[0].size
    assert plain == ([True, True] if case == "inside" else [False, False])  # the fast path where it may run
    if case == "beyond_the_raster":
        assert np.isnan(new[0][:, -5:]).all()  # no source there: NaN, not 0


@pytest.mark.parametrize("stop", ["cancel", "masks_error"])
def test_produce_stops_both_steps_and_leaves_no_files(sample_product, tmp_path, monkeypatch, stop):
    """Cancel (or a failing mask step) while the masks run beside the ARD layers: nothing stays written,
    and no worker thread outlives the call."""
    from lst_studio.plugin.core import aoi_masks

    real = aoi_masks.compute_masks
    calls = {"masks": 0}

    def masks(*args, **kwargs):
        calls["masks"] += 1
        if stop == "masks_error":
            time.sleep(0.05)  # the ARD layers are being written meanwhile
            raise ValueError("mask step failed")
        return real(*args, **kwargs)

    monkeypatch.setattr(aoi_masks, "compute_masks", masks)
    n = {"checks": 0}

    def cancelled():
        n["checks"] += 1
        return stop == "cancel" and n["checks"] > 12

    before = threading.active_count()
    expected = ProcessingCancelled if stop == "cancel" else ValueError
    with pytest.raises(expected):
        pipeline.produce(
            sample_product, None, LstOptions(geometric_verification=False, threads=2), tmp_path / "c",
            Progress(None, cancelled),
        )  # fmt: skip
    assert calls["masks"] == 1 and not (tmp_path / "c").exists()
    assert threading.active_count() == before
