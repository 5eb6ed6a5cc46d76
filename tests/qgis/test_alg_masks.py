"""Processing algorithm "Cloud and quality masks" (lststudio:masks) on sample products."""

from __future__ import annotations

import json

import numpy as np
import pytest
import rasterio
from qgis.core import QgsApplication, QgsProcessingException

from lst_studio.plugin.core.quality import QA_BIT, SCL


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("masks"), seed=2, size=200)


@pytest.fixture(scope="module")
def cloudy(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("allcloud"), seed=1, size=96, all_cloud=True)


def _run(product, tmp_path, **extra):
    import processing

    params = {
        "INPUT": str(product),
        "CLOUD_BUFFER": 0,
        "SHADOW_BUFFER": 0,
        "CLOUD_MASK": str(tmp_path / "CLOUD_MASK.tif"),
        "SCL": str(tmp_path / "SCL.tif"),
        "QA": str(tmp_path / "QA.tif"),
    }
    params.update(extra)
    return processing.run("lststudio:masks", params)


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:masks")
    assert alg is not None and alg.displayName() == "Cloud and quality masks"
    names = {p.name() for p in alg.parameterDefinitions()}
    assert {"INPUT", "AOI", "EXTENT", "CLOUD_BUFFER", "SHADOW_BUFFER", "CLOUD_MASK", "SCL", "QA"} <= names
    outputs = {o.name() for o in alg.outputDefinitions()}
    assert {
        "CLOUD_MASK",
        "SCL",
        "QA",
        "CLOUD_PERCENT",
        "SHADOW_PERCENT",
        "NODATA_PERCENT",
        "METADATA",
    } <= outputs


def test_run_writes_rasters_consistent_with_the_truth(provider, sample, tmp_path):
    res = _run(sample.product_dir, tmp_path)
    with rasterio.open(res["CLOUD_MASK"]) as ds:
        cm = ds.read(1)
        assert ds.dtypes[0] == "uint8" and ds.nodata == 255
        assert ds.crs.to_epsg() is not None
    with rasterio.open(res["SCL"]) as ds:
        scl = ds.read(1)
    with rasterio.open(res["QA"]) as ds:
        qa = ds.read(1)
        assert ds.dtypes[0] == "uint16"
    with rasterio.open(sample.truth_dir / "CLOUDS.tif") as ds:
        truth = ds.read(1)
    assert cm.shape == truth.shape == scl.shape == qa.shape
    inside = truth != 255
    # nodata agrees with the footprint (up to the rim pixels), and the QA nodata bit with CLOUD_MASK 255
    assert ((cm == 255) == ~inside).mean() > 0.99
    assert np.array_equal((qa & (1 << QA_BIT["nodata"])) > 0, cm == 255)
    thick = inside & (truth == 1)
    assert (cm[thick] == 1).mean() > 0.95
    assert (scl[thick] == SCL["thick_cloud"]).mean() > 0.9
    clear = inside & (truth == 0)
    assert (cm[clear] == 0).mean() > 0.95
    # percentages are the shares of the written rasters
    n = int((cm != 255).sum())
    assert res["CLOUD_PERCENT"] == pytest.approx(100.0 * (cm == 1).sum() / n, abs=1e-6)
    assert res["SHADOW_PERCENT"] == pytest.approx(100.0 * (scl == SCL["cloud_shadow"]).sum() / n, abs=1e-6)
    meta = json.loads(res["METADATA"])
    assert meta["night_mode"] is False and "Tlow_K" in meta


def test_extent_aoi_cuts_the_window(provider, sample, tmp_path):
    from lst_studio.plugin.core.products import open_product

    scene = open_product(sample.product_dir)
    try:
        g = scene.grid
        x0, y0, x1, y1 = g.bounds
        crs = g.crs
    finally:
        scene.close()
    # the south-west quarter of the scene, given in the scene CRS
    extent = f"{x0},{(x0 + x1) / 2},{y0},{(y0 + y1) / 2} [{crs}]"
    res = _run(sample.product_dir, tmp_path, EXTENT=extent)
    with rasterio.open(res["CLOUD_MASK"]) as ds:
        assert abs(ds.width - g.width / 2) <= 2 and abs(ds.height - g.height / 2) <= 2
        assert ds.bounds.left == pytest.approx(x0, abs=31) and ds.bounds.bottom == pytest.approx(y0, abs=31)


def test_all_cloud_product_gives_100_percent_and_a_message(provider, cloudy, tmp_path):
    res = _run(cloudy.product_dir, tmp_path)
    assert res["CLOUD_PERCENT"] == pytest.approx(100.0)
    assert res["CLEAR_PERCENT"] == pytest.approx(0.0)
    meta = json.loads(res["METADATA"])
    assert "100 %" in meta["message"]


def test_missing_product_is_a_clear_error(provider, tmp_path):
    with pytest.raises(QgsProcessingException, match="not found"):
        _run(tmp_path / "no_such_product", tmp_path)
