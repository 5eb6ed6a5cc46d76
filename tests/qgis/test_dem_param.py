"""The optional DEM input (elevation in metres, any CRS): Processing parameter, masks algorithm, dock.

At night the thermal-only cloud test normalises the brightness temperature to one elevation with the
scene's fitted clear-sky BT-elevation slope (core.terrain); by day the DEM is not read.
"""

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
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
)

from lst_studio.plugin.processing.params import production_inputs

# seed 2: a night scene whose plain cold-cloud test takes ~1900 clear mountain pixels for cloud
SEED_NIGHT, SEED_DAY = 2, 1


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(
        tmp_path_factory.mktemp("night_dem"), seed=SEED_NIGHT, size=200, night=True, atmosphere="dry"
    )


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("day_dem"), seed=SEED_DAY, size=128)


@pytest.fixture(scope="module")
def night_dem(night) -> Path:
    return Path(night.dem)  # the generator's ancillary/DEM_ELEVATION_M.tif


@pytest.fixture(scope="module")
def day_dem(day) -> Path:
    return Path(day.dem)


# --- the parameter --------------------------------------------------------------------------------


@pytest.mark.parametrize("alg_id", ["lststudio:producelst", "lststudio:producepackage", "lststudio:masks"])
def test_dem_parameter_is_an_optional_raster_layer(provider, alg_id):
    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    param = alg.parameterDefinition("DEM")
    assert param is not None, f"{alg_id} has no DEM"
    assert param.type() == "raster"
    assert param.flags() & param.FlagOptional
    assert param.description() == "Elevation model (m), optional"
    assert "DEM (optional" in alg.shortHelpString()


@pytest.mark.parametrize("value", [None, ""])
def test_missing_or_empty_dem_gives_none(provider, value):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:producelst")
    params = {"INPUT": "/data/product.geojson"}
    if value is not None:
        params["DEM"] = value
    path, _aoi, options = production_inputs(alg, params, QgsProcessingContext())
    assert path == "/data/product.geojson"
    assert options.dem is None


def test_dem_path_and_layer_give_the_file(provider, night_dem):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:masks")
    context = QgsProcessingContext()
    _, _, options = production_inputs(alg, {"INPUT": "x", "DEM": str(night_dem)}, context)
    assert Path(options.dem) == night_dem
    assert options.land_cover is None  # the two optional rasters do not mix
    layer = QgsRasterLayer(str(night_dem), "dem")
    assert layer.isValid()
    _, _, options = production_inputs(alg, {"INPUT": "x", "DEM": layer}, context)
    assert Path(options.dem) == night_dem


def test_dem_that_is_no_raster_is_a_clear_error(provider, tmp_path):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:producelst")
    bad = tmp_path / "dem.tif"
    bad.write_text("not a raster")
    with pytest.raises(QgsProcessingException, match="DEM: .*dem.tif is not a readable raster"):
        production_inputs(alg, {"INPUT": "x", "DEM": str(bad)}, QgsProcessingContext())


def test_dem_layer_that_is_no_file_is_refused(provider, tmp_path):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:producelst")
    tiles = QgsRasterLayer(f"type=xyz&url=file://{tmp_path}/{{z}}/{{x}}/{{y}}.png", "remote", "wms")
    assert tiles.isValid()
    with pytest.raises(QgsProcessingException, match="DEM: remote must be a raster file"):
        production_inputs(alg, {"INPUT": "x", "DEM": tiles}, QgsProcessingContext())


# --- the masks algorithm ------------------------------------------------------------------------------


class _Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info):
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # the masks algorithm reports core.aoi_masks' warnings as warnings
        self.lines.append(warning)
        super().pushWarning(warning)


def _masks(product, out: Path, feedback=None, **extra):
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
    return processing.run("lststudio:masks", params, feedback=feedback)


def test_masks_at_night_normalise_bt_with_the_dem(provider, night, night_dem, tmp_path):
    plain = _masks(night.product_dir, tmp_path / "plain")
    with_dem = _masks(night.product_dir, tmp_path / "dem", DEM=str(night_dem))
    meta_plain = json.loads(plain["METADATA"])
    meta = json.loads(with_dem["METADATA"])
    assert meta["night_mode"] is True
    assert "dem" not in meta_plain and "elevation_normalisation" not in meta_plain
    assert "night_dem_normalised_bt" not in meta_plain["tests_run"]

    block = meta["dem"]
    assert Path(block["path"]) == night_dem
    assert block["coverage_percent"] == pytest.approx(100.0)
    with rasterio.open(night_dem) as ds:
        elev = ds.read(1, masked=True)
    lo, hi = block["elevation_range_m"]
    assert float(elev.min()) - 1.0 <= lo < 500.0 and 1500.0 < hi <= float(elev.max()) + 1.0  # the mountain

    norm = meta["elevation_normalisation"]
    # the sample's surface cools by 6.5 K/km (model.LAPSE_RATE_K_PER_M); a dry night atmosphere passes it on
    assert -9.8 <= norm["clear_sky_slope_K_per_km"] <= -3.0
    assert norm["elevation_bins"] >= 3
    assert lo <= norm["reference_elevation_m"] <= hi
    assert "night_dem_normalised_bt" in meta["tests_run"]

    with rasterio.open(with_dem["CLOUD_MASK"]) as ds, rasterio.open(plain["CLOUD_MASK"]) as ref:
        cm, cm_plain = ds.read(1), ref.read(1)
    assert np.array_equal(cm == 255, cm_plain == 255)  # the footprint does not depend on the DEM
    with rasterio.open(night.truth_dir / "CLOUDS.tif") as ds:
        truth = ds.read(1)
    thick, clear = truth == 1, (truth == 0) & (cm != 255)
    assert thick.sum() > 100 and (cm[thick] == 1).mean() > 0.8  # thick clouds are still found
    # the clear mountain slopes are cold outliers without the DEM; normalised, most of them are clear
    false_dem, false_plain = int((cm[clear] == 1).sum()), int((cm_plain[clear] == 1).sum())
    assert false_plain > 500 and false_dem < false_plain / 2, (false_dem, false_plain)
    from lst_studio.plugin.core.products import open_product
    from lst_studio.plugin.core.terrain import read_dem

    scene = open_product(night.product_dir)
    elevation = read_dem(night_dem, scene.grid).elevation  # whole scene: the window is the grid
    scene.close()
    high = elevation > norm["reference_elevation_m"] + 500.0
    assert (cm_plain[clear] == 1)[high[clear]].sum() > 0.8 * false_plain  # they were on the mountain


def test_masks_by_day_do_not_read_the_dem(provider, day, day_dem, tmp_path):
    log = _Log()
    res = _masks(day.product_dir, tmp_path / "day", feedback=log, DEM=str(day_dem))
    meta = json.loads(res["METADATA"])
    assert meta.get("night_mode") is not True
    assert "elevation_normalisation" not in meta and "dem" not in meta
    assert "night_dem_normalised_bt" not in meta.get("tests_run", [])
    assert any("Elevation model not read" in line for line in log.lines), log.lines


def test_masks_with_a_broken_dem_file_fail_cleanly(provider, night, tmp_path):
    bad = tmp_path / "dem.tif"
    bad.write_bytes(b"II*\x00garbage")
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException, match="DEM"):
        _masks(night.product_dir, out, DEM=str(bad))
    assert not (out / "CLOUD_MASK.tif").exists()


# --- the dock ----------------------------------------------------------------------------------------


def test_dock_passes_the_chosen_dem(dock, night, night_dem, tmp_path):
    ui = dock.ui
    dock.product_path = str(night.geojson)
    ui.editOutputFolder.setText(str(tmp_path))
    assert ui.comboDem.currentLayer() is None  # no elevation model unless chosen
    assert "DEM" not in dock.production_parameters()
    assert "brightness temperature for elevation" in ui.comboDem.toolTip()

    layer = dock.add_dem(str(night_dem))
    assert layer is not None and QgsProject.instance().mapLayer(layer.id()) is layer
    assert ui.comboDem.currentLayer() is layer
    assert ui.comboLandCover.currentLayer() is None  # chosen for the DEM row only
    params = dock.production_parameters()
    assert Path(params["DEM"]) == night_dem and "LAND_COVER" not in params

    ui.comboDem.setLayer(None)
    assert "DEM" not in dock.production_parameters()


def test_dock_dem_row_offers_only_raster_layers(dock, night_dem):
    from qgis.core import QgsVectorLayer

    vector = QgsVectorLayer("Polygon?crs=EPSG:4326", "polygons", "memory")
    raster = QgsRasterLayer(str(night_dem), "dem")
    QgsProject.instance().addMapLayers([vector, raster])
    combo = dock.ui.comboDem
    offered = [combo.layer(i) for i in range(combo.count())]
    assert raster in offered and vector not in offered
    assert None in offered  # the empty entry


def test_dock_refuses_a_dem_that_is_no_file(dock, tmp_path):
    from lst_studio.plugin.core.errors import LstError

    dock.product_path = "/data/product.geojson"
    dock.ui.editOutputFolder.setText(str(tmp_path))
    tiles = QgsRasterLayer(f"type=xyz&url=file://{tmp_path}/{{z}}/{{x}}/{{y}}.png", "remote", "wms")
    QgsProject.instance().addMapLayer(tiles)
    dock.ui.comboDem.setLayer(tiles)
    with pytest.raises(LstError, match="Elevation model: remote"):
        dock.production_parameters()
