"""core.vnir_layer: the VNIR layer and the NDVI's red/NIR come from the optical bands the masks' pass 1 decoded
(issue 15: each image group read once), with the same values as when the block loop read them itself."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import rasterio
from affine import Affine
from rasterio.windows import Window

from lst_studio.plugin.core import masks, pipeline, vnir_layer
from lst_studio.plugin.core.aoi import AoiWindow
from lst_studio.plugin.core.options import Aoi, LstOptions
from lst_studio.plugin.core.products import open_product
from lst_studio.plugin.core.products.farearth import FarEarthScene
from lst_studio.plugin.core.products.scene import REFLECTIVE_BANDS, Grid


def _inner_aoi(product) -> Aoi:
    """A triangle inside the footprint: the masks read a margin around its window (the layer's rows are a
    part of each strip they hand over), and the polygon leaves no-data pixels inside the window."""
    scene = open_product(product)
    try:
        lons = [p[0] for p in scene.footprint_lonlat]
        lats = [p[1] for p in scene.footprint_lonlat]
    finally:
        scene.close()
    x0, x1 = np.percentile(lons, [25, 75])
    y0, y1 = np.percentile(lats, [25, 75])
    ring = [[x0, y0], [x1, y0], [(x0 + x1) / 2, y1], [x0, y0]]
    return Aoi({"type": "Polygon", "coordinates": [ring]}, name="triangle")


def _run(product, aoi, out, monkeypatch) -> tuple[dict, list[str]]:
    """The run's rasters (arrays) and the optical bands the block loop read from the product."""
    in_blocks, optical_reads = [False], []
    read, write_blocks = FarEarthScene.read_values, pipeline._write_blocks

    def spy_read(self, name, *args, **kwargs):
        if in_blocks[0] and name in REFLECTIVE_BANDS:
            optical_reads.append(name)
        return read(self, name, *args, **kwargs)

    def spy_blocks(*args, **kwargs):
        in_blocks[0] = True
        return write_blocks(*args, **kwargs)

    monkeypatch.setattr(FarEarthScene, "read_values", spy_read)
    monkeypatch.setattr(pipeline, "_write_blocks", spy_blocks)
    result = pipeline.produce(product, aoi, LstOptions(geometric_verification=False, threads=2), out)
    monkeypatch.undo()
    arrays = {}
    for key in ("VNIR", "EMISSIVITY", "LST", "LST_UNCERTAINTY"):
        with rasterio.open(result.rasters[key]) as ds:
            arrays[key] = ds.read()
    return arrays, optical_reads


def test_the_layer_from_the_masks_equals_the_one_the_block_loop_wrote(sample_product, tmp_path, monkeypatch):
    aoi = _inner_aoi(sample_product)
    once, reads_once = _run(sample_product, aoi, tmp_path / "once", monkeypatch)
    # the path taken when pass 1 did not cover the window (no day masks): the block loop reads and writes
    monkeypatch.setattr(vnir_layer.VnirLayer, "finish", lambda self: False)
    twice, reads_twice = _run(sample_product, aoi, tmp_path / "twice", monkeypatch)
    assert reads_once == [] and {"red", "nir08"} <= set(reads_twice)
    vnir = once["VNIR"]
    assert (
        vnir.shape[0] == len(set(reads_twice)) and np.isnan(vnir).any() and np.isfinite(vnir).any()
    )  # AOI: no data outside
    for key in once:
        np.testing.assert_array_equal(once[key], twice[key], err_msg=key)  # NaN where NaN, bit for bit
    assert sorted(p.name for p in (tmp_path / "twice").iterdir()) == sorted(
        p.name for p in (tmp_path / "once").iterdir()
    )


def test_a_failed_run_leaves_no_vnir_layer(sample_product, tmp_path, monkeypatch):
    def broken(self, win, arrays):
        raise OSError(28, "No space left on device", str(self.path))

    monkeypatch.setattr(vnir_layer.VnirLayer, "put", broken)
    work = tmp_path / "run"
    work.mkdir()
    with pytest.raises(Exception, match="No space left"):
        pipeline.produce(sample_product, None, LstOptions(geometric_verification=False), work)
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("width, rows", [(1000, 256), (7800, 128)])
def test_the_layer_blocks_are_as_high_as_pass_1_strips(tmp_path, width, rows):
    # blocks taller than the strips would make every put read back and rewrite half-filled blocks
    grid = Grid("EPSG:32633", Affine(30.0, 0.0, 500000.0, 0.0, -30.0, 5000000.0), width, 300)
    valid = np.ones((300, width), dtype=bool)
    aw = AoiWindow(Window(0, 0, width, 300), grid, valid, {}, {})
    layer = vnir_layer.VnirLayer(tmp_path / "VNIR.tif", aw, valid, ("red", "nir08"))
    with rasterio.open(layer.path) as ds:
        assert ds.block_shapes == [(rows, width)] * 2
    assert rows == masks.strip_height(width)


def test_reads_from_several_threads_share_a_few_open_handles_and_close_closes_them(tmp_path, monkeypatch):
    # opening the file for every window held the GIL (issue 15): each read now borrows an open handle
    grid = Grid("EPSG:32633", Affine(30.0, 0.0, 500000.0, 0.0, -30.0, 5000000.0), 64, 96)
    valid = np.ones((96, 64), dtype=bool)
    valid[:, :3] = False
    aw = AoiWindow(Window(0, 0, 64, 96), grid, valid, {}, {})
    layer = vnir_layer.VnirLayer(tmp_path / "VNIR.tif", aw, valid, ("red", "nir08"))
    red = np.arange(96 * 64, dtype=np.float32).reshape(96, 64)
    layer.put(Window(0, 0, 64, 96), {"red": red, "nir08": red + 0.5})
    opened = []
    real_open = vnir_layer.rasterio.open
    monkeypatch.setattr(vnir_layer.rasterio, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    windows = [Window(0, r, 64, 8) for r in range(0, 96, 8)] * 4
    with ThreadPoolExecutor(max_workers=3) as pool:
        blocks = list(pool.map(lambda w: layer.read(["nir08", "red"], w), windows))
    for w, block in zip(windows, blocks):
        rows = slice(w.row_off, w.row_off + 8)
        expected = np.where(valid[rows], red[rows], np.nan)
        np.testing.assert_array_equal(block["red"], expected)
        np.testing.assert_array_equal(block["nir08"], expected + 0.5)
    assert 1 <= len(opened) <= 3 < len(windows)
    handles = list(layer._readers)
    layer.close()
    assert handles and all(ds.closed for ds in handles) and not layer._readers
    np.testing.assert_array_equal(
        layer.read(["red"], windows[0])["red"], np.where(valid[:8], red[:8], np.nan)
    )
    layer.discard()
    assert not layer.path.exists()
