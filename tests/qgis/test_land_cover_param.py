"""The optional LAND_COVER input (ESA WorldCover class codes): Processing parameter, masks algorithm, dock."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import rasterio
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
    QgsRasterLayer,
)

from lst_studio.plugin.processing.params import production_inputs


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("night_lc"), seed=3, size=128, night=True)


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("day_lc"), seed=1, size=160)


@pytest.fixture(scope="module")
def night_land_cover(night) -> Path:
    return Path(night.land_cover)  # the generator's ancillary/LANDCOVER_WORLDCOVER_CODES.tif


# --- the parameter --------------------------------------------------------------------------------


@pytest.mark.parametrize("alg_id", ["lststudio:producelst", "lststudio:producepackage", "lststudio:masks"])
def test_land_cover_parameter_is_an_optional_raster_layer(provider, alg_id):
    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    param = alg.parameterDefinition("LAND_COVER")
    assert param is not None, f"{alg_id} has no LAND_COVER"
    assert param.type() == "raster"
    assert param.flags() & param.FlagOptional
    assert "WorldCover" in param.description()
    assert "LAND_COVER" in alg.shortHelpString()


@pytest.mark.parametrize("value", [None, ""])
def test_missing_or_empty_land_cover_gives_none(provider, value):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:producelst")
    params = {"INPUT": "/data/product.geojson"}
    if value is not None:
        params["LAND_COVER"] = value
    path, _aoi, options = production_inputs(alg, params, QgsProcessingContext())
    assert path == "/data/product.geojson"
    assert options.land_cover is None


def test_land_cover_path_and_layer_give_the_file(provider, night, night_land_cover):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:producelst")
    context = QgsProcessingContext()
    _, _, options = production_inputs(alg, {"INPUT": "x", "LAND_COVER": str(night_land_cover)}, context)
    assert Path(options.land_cover) == night_land_cover
    layer = QgsRasterLayer(str(night_land_cover), "worldcover")
    assert layer.isValid()
    _, _, options = production_inputs(alg, {"INPUT": "x", "LAND_COVER": layer}, context)
    assert Path(options.land_cover) == night_land_cover
    # the other choices are unaffected by the land cover
    assert options.algorithm == "auto"


def test_land_cover_that_is_no_raster_is_a_clear_error(provider, tmp_path):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:producelst")
    bad = tmp_path / "landcover.tif"
    bad.write_text("not a raster")
    with pytest.raises(QgsProcessingException, match="LAND_COVER"):
        production_inputs(alg, {"INPUT": "x", "LAND_COVER": str(bad)}, QgsProcessingContext())


# --- the masks algorithm ------------------------------------------------------------------------------


def _masks(product, out: Path, **extra):
    import processing

    out.mkdir(parents=True, exist_ok=True)
    params = {
        "INPUT": str(product),
        "CLOUD_BUFFER": 0,
        "SHADOW_BUFFER": 0,
        "CLOUD_MASK": str(out / "CLOUD_MASK.tif"),
        "SCL": str(out / "SCL.tif"),
        "QA": str(out / "QA.tif"),
    }
    params.update(extra)
    return processing.run("lststudio:masks", params)


def write_quadrants(scene_grid, path: Path) -> Path:
    """A WorldCover raster in EPSG:4326 over the scene (10 % margin): west half snow and ice (70), east
    half built-up (50) north and grassland (30) south, with a water (80) band across the east half."""
    from rasterio.transform import from_bounds
    from rasterio.warp import transform_bounds

    w, s, e, n = transform_bounds(scene_grid.crs, "EPSG:4326", *scene_grid.bounds)
    mx, my = 0.1 * (e - w), 0.1 * (n - s)
    size = 200
    codes = np.full((size, size), 30, dtype=np.uint8)
    codes[: size // 2, size // 2 :] = 50
    codes[size // 2 - 5 : size // 2 + 5, size // 2 :] = 80
    codes[:, : size // 2] = 70
    profile = dict(
        driver="GTiff",
        width=size,
        height=size,
        count=1,
        dtype="uint8",
        crs="EPSG:4326",
        nodata=0,
        transform=from_bounds(w - mx, s - my, e + mx, n + my, size, size),
    )
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(codes, 1)
    return path


def test_masks_at_night_with_land_cover(provider, night, tmp_path):
    from lst_studio.plugin.core.landcover import read_land_cover
    from lst_studio.plugin.core.products import open_product

    scene = open_product(night.product_dir)
    grid = scene.grid
    scene.close()
    lc_path = write_quadrants(grid, tmp_path / "quadrants.tif")
    plain = _masks(night.product_dir, tmp_path / "plain")
    with_lc = _masks(night.product_dir, tmp_path / "lc", LAND_COVER=str(lc_path))
    meta_plain = json.loads(plain["METADATA"])
    meta = json.loads(with_lc["METADATA"])
    assert meta["night_mode"] is True
    assert "land_cover" not in meta_plain and "snow_ice_stratum" not in meta_plain

    with rasterio.open(with_lc["CLOUD_MASK"]) as ds, rasterio.open(plain["CLOUD_MASK"]) as ref:
        cm, cm_ref = ds.read(1), ref.read(1)
    assert np.array_equal(cm == 255, cm_ref == 255)  # the footprint does not depend on the land cover
    codes = read_land_cover(lc_path, grid).codes  # whole scene: the window is the grid without an AOI
    assert codes.shape == cm.shape
    snow_in_footprint = int(((codes == 70) & (cm != 255)).sum())
    assert snow_in_footprint > 2000  # enough for a stratum of its own

    block = meta["land_cover"]
    assert Path(block["path"]) == lc_path and block["legend"] == "ESA WorldCover"
    assert block["pixels_by_class"]["snow and ice"] == int((codes == 70).sum())
    assert set(block["pixels_by_class"]) == {
        "snow and ice",
        "built-up",
        "grassland",
        "permanent water bodies",
    }
    stratum = meta["snow_ice_stratum"]
    assert stratum["separate"] is True
    assert stratum["pixels"] == pytest.approx(snow_in_footprint, rel=0.02)
    assert "night_land_cover_snow_ice_stratum" in meta["tests_run"]
    with rasterio.open(night.truth_dir / "CLOUDS.tif") as ds:
        thick = ds.read(1) == 1
    assert thick.sum() > 100 and (cm[thick] == 1).mean() > 0.8  # thick clouds are still found


def test_masks_with_a_broken_land_cover_file_fail_cleanly(provider, night, tmp_path):
    bad = tmp_path / "worldcover.tif"
    bad.write_bytes(b"II*\x00garbage")
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException, match="LAND_COVER"):
        _masks(night.product_dir, out, LAND_COVER=str(bad))
    assert not (out / "CLOUD_MASK.tif").exists()


def test_masks_with_a_land_cover_of_float_values_name_the_expectation(provider, night, tmp_path):
    floats = tmp_path / "ndvi.tif"
    profile = dict(driver="GTiff", width=8, height=8, count=1, dtype="float32", crs="EPSG:4326")
    from rasterio.transform import from_origin

    with rasterio.open(floats, "w", transform=from_origin(-180, 90, 45, 22.5), **profile) as dst:
        dst.write(np.full((1, 8, 8), 0.5, dtype=np.float32))
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException, match="ndvi.tif.*integer class codes"):
        _masks(night.product_dir, out, LAND_COVER=str(floats))
    assert not (out / "CLOUD_MASK.tif").exists()


# --- Produce LST ---------------------------------------------------------------------------------------


def test_produce_lst_uses_the_land_cover_for_built_up_emissivity(provider, day, tmp_path):
    import processing

    from lst_studio.plugin.core.landcover import DU_2015, read_land_cover
    from lst_studio.plugin.core.products import open_product

    scene = open_product(day.product_dir)
    grid = scene.grid
    scene.close()
    lc_path = write_quadrants(grid, tmp_path / "quadrants.tif")
    out = tmp_path / "result"
    res = processing.run(
        "lststudio:producelst",
        {
            "INPUT": str(day.geojson),
            "LAND_COVER": str(lc_path),
            "WATER_VAPOUR": 2.0,
            "OUTPUT_FOLDER": str(out),
        },
    )
    md = json.loads((out / "result.json").read_text())["metadata"]
    assert Path(md["land_cover"]["path"]) == lc_path
    assert md["emissivity"]["land_cover"]["applied_to"] == ["built-up"]  # NDVI threshold method by day
    codes = read_land_cover(lc_path, grid).codes
    with rasterio.open(out / "EMISSIVITY.tif") as ds:
        eps = ds.read()
        assert list(ds.descriptions[:2]) == ["lwir11", "lwir12"]
    with rasterio.open(res["CLOUD_MASK"]) as ds:
        clear = ds.read(1) == 0
    with rasterio.open(out / "SCL.tif") as ds:
        scl = ds.read(1)
    from lst_studio.plugin.core.quality import SCL

    built = (codes == 50) & clear & (scl == SCL["clear_land"])
    assert built.sum() > 1000
    assert np.allclose(eps[0][built], DU_2015["impervious"][0], atol=1e-6)
    assert np.allclose(eps[1][built], DU_2015["impervious"][1], atol=1e-6)
    grass = (codes == 30) & clear & (scl == SCL["clear_land"])
    assert not np.allclose(eps[0][grass], DU_2015["impervious"][0])  # elsewhere the NDVI method stays


# --- the dock ----------------------------------------------------------------------------------------


def test_dock_passes_the_chosen_land_cover(dock, night, night_land_cover, tmp_path):
    ui = dock.ui
    dock.product_path = str(night.geojson)
    ui.editOutputFolder.setText(str(tmp_path))
    assert ui.comboLandCover.currentLayer() is None  # no land cover unless chosen
    assert "LAND_COVER" not in dock.production_parameters()
    assert "WorldCover" in ui.comboLandCover.toolTip()

    layer = dock.add_land_cover(str(night_land_cover))
    assert layer is not None and QgsProject.instance().mapLayer(layer.id()) is layer
    assert ui.comboLandCover.currentLayer() is layer
    assert Path(dock.production_parameters()["LAND_COVER"]) == night_land_cover

    ui.comboLandCover.setLayer(None)
    assert "LAND_COVER" not in dock.production_parameters()


def test_dock_offers_only_raster_layers(dock, night_land_cover):
    from qgis.core import QgsVectorLayer

    vector = QgsVectorLayer("Polygon?crs=EPSG:4326", "polygons", "memory")
    raster = QgsRasterLayer(str(night_land_cover), "worldcover")
    QgsProject.instance().addMapLayers([vector, raster])
    combo = dock.ui.comboLandCover
    offered = [combo.layer(i) for i in range(combo.count())]
    assert raster in offered and vector not in offered
    assert None in offered  # the empty entry


def test_dock_refuses_a_file_that_is_no_raster(dock, qgis_iface, tmp_path):
    from qgis.core import Qgis

    bad = tmp_path / "landcover.tif"
    bad.write_text("not a raster")
    assert dock.add_land_cover(str(bad)) is None
    assert dock.ui.comboLandCover.currentLayer() is None
    critical = qgis_iface.messageBar().get_messages(Qgis.Critical)
    assert critical and "landcover.tif" in critical[-1]


def test_dock_refuses_a_raster_that_is_no_file(dock, tmp_path):
    from lst_studio.plugin.core.errors import LstError

    dock.product_path = "/data/product.geojson"
    dock.ui.editOutputFolder.setText(str(tmp_path))
    tiles = QgsRasterLayer(f"type=xyz&url=file://{tmp_path}/{{z}}/{{x}}/{{y}}.png", "remote", "wms")
    assert tiles.isValid() and tiles.providerType() == "wms"
    QgsProject.instance().addMapLayer(tiles)
    dock.ui.comboLandCover.setLayer(tiles)
    assert dock.ui.comboLandCover.currentLayer() is tiles
    with pytest.raises(LstError, match="remote"):
        dock.production_parameters()
