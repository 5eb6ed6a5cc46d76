"""Processing algorithm "Produce LST" (lststudio:producelst) on the sample product, through processing.run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import rasterio
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer


def _geojson(product: Path) -> str:
    # a FarEarth product is given by its .geojson (a File parameter does not accept a folder)
    (path,) = product.glob("*.geojson")
    return str(path)


def _truth(product: Path, name: str) -> np.ndarray:
    with rasterio.open(product.parent / "truth" / name) as ds:
        return ds.read(1)


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:producelst")
    assert alg is not None and alg.displayName() == "Produce LST"
    names = {p.name() for p in alg.parameterDefinitions()}
    assert {"INPUT", "AOI", "EXTENT", "ALGORITHM", "WATER_VAPOUR", "OUTPUT_FOLDER"} <= names
    assert {o.name() for o in alg.outputDefinitions()} >= {"LST", "UNCERTAINTY", "CLOUD_MASK", "RESULT"}


def test_run_split_window_with_aoi_layer(provider, sample_product, tmp_path):
    import processing

    with rasterio.open(sample_product.parent / "truth" / "LST.tif") as ds:
        crs, b = ds.crs.to_string(), ds.bounds
    # an AOI polygon layer in the scene CRS covering the central quarter of the scene
    x0, x1 = b.left + (b.right - b.left) / 4, b.right - (b.right - b.left) / 4
    y0, y1 = b.bottom + (b.top - b.bottom) / 4, b.top - (b.top - b.bottom) / 4
    layer = QgsVectorLayer(f"Polygon?crs={crs}", "centre", "memory")
    from qgis.core import QgsFeature, QgsGeometry

    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"))
    layer.dataProvider().addFeatures([f])
    out = tmp_path / "result"
    res = processing.run(
        "lststudio:producelst",
        {
            "INPUT": _geojson(sample_product),
            "AOI": layer,
            "ALGORITHM": 2,
            "WATER_VAPOUR": 2.0,
            "OUTPUT_FOLDER": str(out),
        },
    )
    assert Path(res["RESULT"]) == out and Path(res["LST"]).exists()
    doc = json.loads((out / "result.json").read_text())
    md = doc["metadata"]
    assert md["algorithm"]["name"] == "SW" and md["atmosphere"]["source"] == "user"
    assert md["aoi"]["name"] == "centre"
    with rasterio.open(res["LST"]) as ds:
        lst = ds.read(1)
        assert abs(ds.width - (x1 - x0) / ds.res[0]) <= 2
    assert np.isfinite(lst).mean() > 0.9
    assert 250 < np.nanmedian(lst) < 330
    with rasterio.open(res["UNCERTAINTY"]) as ds:
        assert 0.3 < np.nanmedian(ds.read(1)) < 5.0


def test_whole_scene_auto_and_bad_input(provider, sample_product, tmp_path):
    import processing

    res = processing.run(
        "lststudio:producelst", {"INPUT": _geojson(sample_product), "OUTPUT_FOLDER": str(tmp_path / "a")}
    )
    md = json.loads((tmp_path / "a" / "result.json").read_text())["metadata"]
    # nothing typed: water vapour from the image (split-window covariance-variance ratio), not climatology
    assert md["algorithm"]["name"] == "SW" and md["atmosphere"]["source"].startswith("image (")
    with rasterio.open(res["LST"]) as ds:
        assert ds.shape == _truth(sample_product, "LST.tif").shape
    with pytest.raises(QgsProcessingException):
        processing.run(
            "lststudio:producelst",
            {"INPUT": str(tmp_path / "missing.geojson"), "OUTPUT_FOLDER": str(tmp_path / "b")},
        )
    assert not (tmp_path / "b").exists()
