"""core.aoi_masks: the masks and the geoverify exclusion of an AOI, one computation for the pipeline and
the Processing algorithms (issue 14: alg_masks and alg_geoverify used to compute them their own way)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import rasterio

from lst_studio.plugin.core import aoi_masks
from lst_studio.plugin.core.options import Aoi, LstOptions
from lst_studio.plugin.core.pipeline import produce
from lst_studio.plugin.core.products import open_product


def _triangle(scene) -> Aoi:
    """A triangle inside the footprint: the polygon, not its bounding box, decides what is inside."""
    lons = [p[0] for p in scene.footprint_lonlat]
    lats = [p[1] for p in scene.footprint_lonlat]
    x0, x1 = np.percentile(lons, [10, 90])
    y0, y1 = np.percentile(lats, [10, 90])
    ring = [[x0, y0], [x1, y0], [(x0 + x1) / 2, y1], [x0, y0]]
    return Aoi({"type": "Polygon", "coordinates": [ring]}, name="triangle")


def test_the_masks_algorithm_gets_the_pipelines_masks(sample_product, tmp_path):
    options = LstOptions(geometric_verification=False, write_vnir=False)
    scene = open_product(sample_product)
    try:
        aoi = _triangle(scene)
        found = aoi_masks.masks_for_aoi(scene, aoi, options)
    finally:
        scene.close()
    result = produce(sample_product, aoi, options, tmp_path / "run")
    for key, attr in (("CLOUD_MASK", "cloud_mask"), ("SCL", "scl")):
        with rasterio.open(result.rasters[key]) as src:
            np.testing.assert_array_equal(src.read(1), getattr(found.masks, attr), err_msg=key)
    assert not found.aw.inside.all() and found.aw.inside.any()  # the triangle cut the window
    assert (found.masks.cloud_mask[~found.valid] == 255).all()  # no data outside AOI ∩ footprint

    paths = {k: str(tmp_path / f"{k}.tif") for k in ("CLOUD_MASK", "QA")}
    aoi_masks.write_mask_rasters(found.aw.grid, found.masks, paths)
    with rasterio.open(paths["QA"]) as src:
        assert src.dtypes[0] == "uint16" and src.nodata is None
        np.testing.assert_array_equal(src.read(1), found.masks.qa)
    assert not (tmp_path / "SCL.tif").exists()  # only what was asked for


def test_geoverify_excludes_cloud_snow_and_no_data():
    masks = SimpleNamespace(
        cloud_mask=np.array([[0, 1, 255, 0]], np.uint8),
        snow=np.array([[False, False, False, True]]),
    )
    np.testing.assert_array_equal(aoi_masks.geoverify_exclusion(masks), [[0, 1, 1, 1]])


def test_a_night_run_without_elevation_model_and_land_cover_is_warned_about():
    """Without both, the night cloud test flags cold high ground and snow (benchmarks/masks.py: 10.3 % of
    the clear land on a dry sample night, 0.0 % with both): the run says so; by day nothing is said."""
    no_ancillary = LstOptions()
    warned, quiet = [], []
    assert aoi_masks.read_ancillary(no_ancillary, None, None, False, warned) == (None, None)
    assert aoi_masks.read_ancillary(no_ancillary, None, None, True, quiet) == (None, None)
    assert len(warned) == 1 and "cold high ground and snow" in warned[0] and quiet == []
