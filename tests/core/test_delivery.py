"""Delivery package: names, encoding, COGs, quicklooks, STAC, ISO, CEOS-ARD, atomic export.

Built on a synthetic ProductResult (small rasters written with rasterio, a realistic metadata dict),
so these tests do not depend on the pipeline. End-to-end tests with the pipeline are in
test_delivery_e2e.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine

from lst_studio.plugin.core.delivery import ceos_ard, cog, naming, quicklook
from lst_studio.plugin.core.delivery.package import export_package
from lst_studio.plugin.core.errors import ExportError, ProcessingCancelled
from lst_studio.plugin.core.options import DeliveryOptions
from lst_studio.plugin.core.products.scene import Grid
from lst_studio.plugin.core.progress import Progress
from lst_studio.plugin.core.quality import QA_BIT
from lst_studio.plugin.core.result import ProductResult

VNIR = ["coastal", "blue", "green", "red", "nir08", "swir16", "swir22", "cirrus"]


def _write(path: Path, data: np.ndarray, grid: Grid, nodata=None) -> Path:
    data = data if data.ndim == 3 else data[None]
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=grid.width,
        height=grid.height,
        count=data.shape[0],
        dtype=data.dtype,
        crs=grid.crs,
        transform=grid.transform,
        nodata=nodata,
        tiled=True,
        blockxsize=256,
        blockysize=256,
    ) as dst:
        dst.write(data)
    return path


def make_result(folder: Path, night: bool = False, width: int = 300, height: int = 260) -> ProductResult:
    """A small synthetic result: an elliptical footprint, a warm town, a cold lake, a cloud."""
    folder.mkdir(parents=True, exist_ok=True)
    grid = Grid("EPSG:32633", Affine(30.0, 0, 500000.0, 0, -30.0, 5300010.0), width, height)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    inside = ((xx - width / 2) / (0.47 * width)) ** 2 + ((yy - height / 2) / (0.47 * height)) ** 2 <= 1
    lake = ((xx - 0.3 * width) ** 2 + (yy - 0.4 * height) ** 2) < (0.1 * width) ** 2
    cloud = ((xx - 0.7 * width) ** 2 + (yy - 0.6 * height) ** 2) < (0.08 * width) ** 2
    base = 280.0 if night else 295.0
    lst = (base + 15.0 * xx / width + 5.0 * yy / height).astype(np.float32)
    lst[lake] = base - 5.0
    lst[~inside | cloud] = np.nan
    unc = np.where(np.isfinite(lst), 0.8 + 0.5 * yy / height, np.nan).astype(np.float32)
    emis = np.stack([np.where(inside, 0.97, np.nan), np.where(inside, 0.975, np.nan)]).astype(np.float32)
    emis[:, lake] = 0.99
    cm = np.where(inside, 0, 255).astype(np.uint8)
    cm[cloud & inside] = 1
    scl = np.where(inside, 1, 255).astype(np.uint8)
    scl[lake & inside] = 2
    scl[cloud & inside] = 4
    qa = np.zeros((height, width), dtype=np.uint16)
    qa[~inside] |= 1 << QA_BIT["nodata"]
    qa[cloud & inside] |= (1 << QA_BIT["cloud"]) | (1 << QA_BIT["lst_not_retrieved"])
    qa[lake & inside] |= 1 << QA_BIT["water"]
    rasters = {
        "LST": _write(folder / "LST.tif", lst, grid, np.nan),
        "LST_UNCERTAINTY": _write(folder / "LST_UNCERTAINTY.tif", unc, grid, np.nan),
        "EMISSIVITY": _write(folder / "EMISSIVITY.tif", emis, grid, np.nan),
        "CLOUD_MASK": _write(folder / "CLOUD_MASK.tif", cm, grid, 255),
        "SCL": _write(folder / "SCL.tif", scl, grid, 255),
        "QA": _write(folder / "QA.tif", qa, grid),
    }
    band_names = {"EMISSIVITY": ["lwir11", "lwir12"]}
    if not night:
        refl = np.empty((len(VNIR), height, width), dtype=np.float32)
        for i in range(len(VNIR)):
            refl[i] = 0.04 + 0.02 * i + 0.1 * xx / width
        refl[:, lake] = 0.02
        refl[:, cloud] = 0.6
        refl[:, ~inside] = np.nan
        rasters["VNIR"] = _write(folder / "VNIR.tif", refl, grid, np.nan)
        band_names["VNIR"] = VNIR
    tiepoints = folder / "tiepoints.json"
    tiepoints.write_text(
        json.dumps(
            {
                "pixelColorMappings": "",
                "measurements": [
                    {
                        "from": "lwir11",
                        "to": "red",
                        "coordsLonLat": [[15.0, 47.8]],
                        "disparitiesXYInMeters": [[3.0, -2.0]],
                    }
                ],
            }
        )
    )
    valid_lst = lst[np.isfinite(lst)]
    metadata = {
        "scene": {
            "product_id": "LC09_L1TP_190027_20240601_20240601_02_T1",
            "platform": "LANDSAT-9",
            "instruments": ["OLI", "TIRS"],
            "acquisition_datetime": "2024-06-01T21:02:13Z" if night else "2024-06-01T10:02:13.500000Z",
            "start_datetime": "2024-06-01T10:02:00Z",
            "end_datetime": "2024-06-01T10:02:27Z",
            "sun_elevation": -20.0 if night else 58.2,
            "sun_azimuth": 140.5,
            "view_off_nadir": 0.0,
            "view_incidence": 0.0,
            "view_azimuth": 98.0,
            "source_format": "Landsat Collection 2 Level-1",
            "path": "/data/LC09_L1TP_190027_20240601_20240601_02_T1",
            "is_day": not night,
        },
        "aoi": {"name": "Test AOI", "id": "aoi-1", "geometry_lonlat": None},
        "algorithm": {"name": "SW", "citation": "Jiménez-Muñoz et al. 2014, doi:10.1109/LGRS.2014.2312032"},
        "atmosphere": {"source": "default mid-latitude summer", "water_vapour_gcm2": 2.0},
        "emissivity": {
            "method": "ndvi_threshold",
            "citation": "Sobrino et al. 2004, doi:10.1016/j.rse.2004.02.003",
        },
        "masks": {
            "method": "Fmask-style tests",
            "night_mode": night,
            "percentages": {"cloud": 2.5, "nodata": 26.0},
        },
        "lst_stats": {
            "min": float(valid_lst.min()),
            "max": float(valid_lst.max()),
            "median": float(np.median(valid_lst)),
            "mean": float(valid_lst.mean()),
        },
        "geometric": {
            "method": "phase correlation",
            "assessed": True,
            "radial_rmse_px": 0.21,
            "ce90_m": 9.5,
            "gsd_m": 30.0,
            "pairs": [],
        },
        "warnings": [],
        "processing": {"software": "LST Studio", "version": "0.1.0", "started": "2024-06-02T08:00:00Z"},
    }
    return ProductResult(grid, folder, rasters, band_names, {"TIEPOINTS": tiepoints}, metadata)


@pytest.fixture
def result(tmp_path) -> ProductResult:
    return make_result(tmp_path / "result")


# --- names -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [(57.64911, 10.40744, "u4pruydq"), (42.6, -5.6, "ezs42e44"), (-25.382708, -49.265506, "6gkzwgjz")],
)
def test_geohash_known_values(lat, lon, expected):
    assert naming.geohash(lat, lon, 8) == expected


def test_package_stem_matches_the_naming_rule():
    from datetime import datetime

    stem = naming.package_stem(
        "lst", "LANDSAT-9", 57.64911, 10.40744, datetime(2024, 6, 1, 10, 2, 13, tzinfo=UTC)
    )
    assert stem == "LST_LANDSAT9_U4PRUYDQ_20240601T100213Z"
    assert naming.FILE_NAME_PATTERN.match(naming.file_name(stem, "LST_QUICKLOOK", "tif"))


# --- encoding --------------------------------------------------------------------------------
def test_encode_lst_round_trip_and_nodata():
    spec = cog.LAYERS["LST"]
    values = np.array([[273.15, 300.004, np.nan, 700.0, -1.0]], dtype=np.float32)
    dn, valid, clipped = cog.encode(values, spec)
    assert dn.dtype == np.uint16
    assert dn.tolist() == [[27315, 30000, 65535, 65534, 0]]
    assert clipped == 2
    back = cog.decode(dn, spec)
    assert abs(back[0, 0] - 273.15) < 0.005 and np.isnan(back[0, 2])


def test_encode_vnir_keeps_slightly_negative_reflectance():
    spec = cog.LAYERS["VNIR"]
    dn, _, clipped = cog.encode(np.array([-0.05, 0.0, 0.5], dtype=np.float32), spec)
    assert dn.tolist() == [500, 1000, 6000] and clipped == 0


def test_qa_nodata_pixels_become_65535_with_bit0_still_set():
    qa = np.array([0, 1, 1 << 5, (1 << 5) | 1], dtype=np.uint16)
    out, valid = cog.encode_integer(qa, cog.LAYERS["QA"], None)
    assert out.tolist() == [0, 65535, 32, 65535]
    assert all(v & 1 for v in out[~valid])


def test_creation_options_are_per_layer_and_keep_overviews_for_small_rasters():
    assert "RESAMPLING=AVERAGE" in cog.creation_options("LST")
    assert "RESAMPLING=MODE" in cog.creation_options("SCL")
    assert "RESAMPLING=NEAREST" in cog.creation_options("QA")
    assert "BLOCKSIZE=512" in cog.creation_options("LST", 7800, 7800)
    assert "BLOCKSIZE=256" in cog.creation_options("LST", 400, 380)


# --- quicklook -------------------------------------------------------------------------------
def test_lst_colour_scale_is_fixed_and_clips():
    table = quicklook.colour_table()
    lo, hi = quicklook.lst_range(True)
    rgba = quicklook.colourize_lst(
        np.array([[lo - 10, lo, hi, hi + 10, np.nan]], dtype=np.float32), lo, hi, table
    )
    assert rgba[:3, 0, 0].tolist() == rgba[:3, 0, 1].tolist() == table[0].tolist()
    assert rgba[:3, 0, 2].tolist() == rgba[:3, 0, 3].tolist() == table[-1].tolist()
    assert rgba[3].tolist() == [[255, 255, 255, 255, 0]]
    assert table[0].tolist() == [0, 0, 4] and table[-1].tolist() == [252, 255, 164]


# --- the whole package -----------------------------------------------------------------------
def _read_physical(path: Path, band: int = 1) -> np.ndarray:
    with rasterio.open(path) as src:
        dn = src.read(band)
        out = dn * src.scales[band - 1] + src.offsets[band - 1]
        return np.where(dn == src.nodata, np.nan, out)


def test_export_package_day(result, tmp_path):
    out = tmp_path / "out"
    pkg = export_package(result, out, DeliveryOptions(product_token="LST", organization_id="org-7"))
    stem = pkg.name
    assert naming.FILE_NAME_PATTERN.match(f"{stem}_LST.tif")
    names = sorted(p.name for p in pkg.iterdir())
    expected = {
        "LST.tif",
        "LST_UNCERTAINTY.tif",
        "EMISSIVITY.tif",
        "CLOUD_MASK.tif",
        "SCL.tif",
        "QA.tif",
        "VNIR.tif",
        "LST_QUICKLOOK.tif",
        "RGB_QUICKLOOK.tif",
        "LST_THUMBNAIL.jpg",
        "RGB_THUMBNAIL.jpg",
        "TIEPOINTS.json",
        "METADATA.json",
        "METADATA.xml",
        "CEOS_ARD.json",
        "CEOS_ARD.txt",
    }
    assert set(names) == {f"{stem}_{n}" for n in expected}
    assert [p.name for p in out.iterdir()] == [stem]  # no temporary folder left

    # LST read back equals the input within 0.01 K (0.005 rounding), nodata where NaN
    lst_in = _read_physical(result.rasters["LST"])
    lst_out = _read_physical(pkg / f"{stem}_LST.tif")
    assert np.array_equal(np.isnan(lst_in), np.isnan(lst_out))
    assert np.nanmax(np.abs(lst_in - lst_out)) <= 0.005 + 1e-4
    with rasterio.open(pkg / f"{stem}_LST.tif") as src:
        assert src.dtypes[0] == "uint16" and src.nodata == 65535 and src.units[0] == "K"
        assert src.overviews(1), "COG without overviews"
        assert src.profile["compress"].lower() == "deflate"
    with rasterio.open(pkg / f"{stem}_QA.tif") as src:
        qa = src.read(1)
        assert qa.max() == 65535 and (qa[qa != 65535] & 1).max() == 0

    item = json.loads((pkg / f"{stem}_METADATA.json").read_text())
    assert item["stac_version"] == "1.1.0" and item["id"] == stem
    assert item["properties"]["lst:organization_id"] == "org-7"
    assert item["properties"]["lst:median_lst"] == round(result.metadata["lst_stats"]["median"], 2)
    assert item["properties"]["proj:code"] == "EPSG:32633"
    assert item["properties"]["proj:shape"] == [260, 300]
    assert item["properties"]["view:sun_elevation"] == 58.2
    lst_band = item["assets"]["lst"]["bands"][0]
    assert lst_band["raster:scale"] == 0.01 and lst_band["nodata"] == 65535 and lst_band["unit"] == "K"
    assert abs(lst_band["statistics"]["minimum"] - result.metadata["lst_stats"]["min"]) < 1e-3
    assert item["assets"]["vnir"]["bands"][3]["eo:common_name"] == "red"
    assert {c["name"] for c in item["assets"]["scl"]["lst:classes"]} >= {"clear_land", "water", "thick_cloud"}
    # every asset exists with the declared size and checksum
    import hashlib

    for key, asset in item["assets"].items():
        path = pkg / asset["href"]
        assert path.stat().st_size == asset["file:size"], key
        assert asset["file:checksum"] == "1220" + hashlib.sha256(path.read_bytes()).hexdigest(), key
    # footprint: inside the grid bounds, in lon/lat
    lon0, lat0, lon1, lat1 = item["bbox"]
    assert 14.9 < lon0 < lon1 < 15.2 and 47.7 < lat0 < lat1 < 47.9

    # the thumbnail is ~512 px on the long side
    from osgeo import gdal

    ds = gdal.Open(str(pkg / f"{stem}_LST_THUMBNAIL.jpg"))
    assert max(ds.RasterXSize, ds.RasterYSize) == 512


def test_ceos_ard_report_is_honest(result, tmp_path):
    pkg = export_package(result, tmp_path / "out", DeliveryOptions())
    doc = json.loads(next(pkg.glob("*_CEOS_ARD.json")).read_text())
    rows = {r["identifier"]: r for r in doc["requirements"]}
    assert len(rows) == 29
    assert rows["meta.metadata-data-quality"]["goal"] == ceos_ard.NOT_MET
    assert "synthetic" in rows["meta.metadata-data-quality"]["reason"]
    assert rows["meta.metadata-data-access-st"]["threshold"] == ceos_ard.NOT_MET
    assert doc["summary"]["all_threshold_met"] is False
    assert rows["gcor.corrections-geometric"]["threshold"] == ceos_ard.PARTIAL  # 0.21 px, band-to-band only
    assert "0.210 px" in rows["gcor.corrections-geometric"]["reason"]
    txt = next(pkg.glob("*_CEOS_ARD.txt")).read_text()
    assert "pxl.per-pixel-cloud-shadow" in txt and "NOT MET" in txt


def test_geometry_not_assessed_is_said_so(result, tmp_path):
    result.metadata["geometric"] = {"method": "phase correlation", "assessed": False}
    pkg = export_package(result, tmp_path / "out", DeliveryOptions())
    doc = json.loads(next(pkg.glob("*_CEOS_ARD.json")).read_text())
    rows = {r["identifier"]: r for r in doc["requirements"]}
    assert rows["gcor.corrections-geometric"]["threshold"] == ceos_ard.NOT_ASSESSED
    assert "not assessed" in next(pkg.glob("*_METADATA.xml")).read_text()


def test_night_package_has_no_rgb_and_uses_the_night_scale(tmp_path):
    result = make_result(tmp_path / "night", night=True)
    pkg = export_package(result, tmp_path / "out", DeliveryOptions())
    assert not list(pkg.glob("*RGB*")) and not list(pkg.glob("*_VNIR.tif"))
    item = json.loads(next(pkg.glob("*_METADATA.json")).read_text())
    scale = item["properties"]["lst:quicklook"]
    assert (scale["min_k"], scale["max_k"]) == quicklook.LST_RANGE_NIGHT_K
    assert item["properties"]["lst:day_flag"] is False


def test_existing_package_is_kept_unless_overwrite(result, tmp_path):
    out = tmp_path / "out"
    pkg = export_package(result, out, DeliveryOptions())
    marker = pkg / "marker.txt"
    marker.write_text("old")
    with pytest.raises(ExportError, match="exists"):
        export_package(result, out, DeliveryOptions())
    assert marker.exists()
    pkg2 = export_package(result, out, DeliveryOptions(overwrite=True, make_zip=True))
    assert pkg2 == pkg and not marker.exists()
    import zipfile

    names = zipfile.ZipFile(out / f"{pkg.name}.zip").namelist()
    assert f"{pkg.name}/{pkg.name}_LST.tif" in names
    assert sorted(p.name for p in out.iterdir()) == [pkg.name, f"{pkg.name}.zip"]


def test_cancel_leaves_nothing(result, tmp_path):
    out = tmp_path / "out"
    calls = []

    def cancelled() -> bool:
        return len(calls) > 5

    with pytest.raises(ProcessingCancelled):
        export_package(result, out, DeliveryOptions(), Progress(calls.append, cancelled))
    assert not out.exists()  # the export created it: a refused or cancelled run leaves nothing behind


KILL_SCRIPT = """
import os, signal, sys, time
sys.path.insert(0, {tests!r})
from test_delivery import make_result
from lst_studio.plugin.core.delivery import cog
from lst_studio.plugin.core.delivery.package import export_package
from lst_studio.plugin.core.options import DeliveryOptions
result = make_result(__import__("pathlib").Path({src!r}))
original = cog.translate_to_cog
count = []
def slow(*args, **kw):
    count.append(1)
    if len(count) == 3:  # midway: some COGs written, others not
        print("MIDWAY", flush=True)
        time.sleep(60)
    return original(*args, **kw)
cog.translate_to_cog = slow
export_package(result, {out!r}, DeliveryOptions())
"""


def test_kill_midway_leaves_no_package(tmp_path):
    import os
    import signal

    out = tmp_path / "out"
    root = Path(__file__).resolve().parents[2]
    script = KILL_SCRIPT.format(
        tests=str(Path(__file__).parent),
        src=str(tmp_path / "src"),
        out=str(out),
    )
    alias = str(root / "tools" / "plugin_alias.py")  # imports the checkout as lst_studio
    proc = subprocess.Popen([sys.executable, alias, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "MIDWAY"
        partial = [p for p in out.iterdir()]
        assert len(partial) == 1 and partial[0].name.startswith(".")  # work in progress is hidden
        # COGs already written lie in the one work place .lststudio-work (layers are written side by side)
        assert any(not p.name.startswith(".") for p in partial[0].glob("package-*/*.tif"))
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    visible = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert visible == []  # no package folder, nothing that looks like one
    # the next export removes the killed export's leftovers
    pkg = export_package(make_result(tmp_path / "src2"), out, DeliveryOptions())
    assert [p.name for p in out.iterdir()] == [pkg.name]


def test_cancel_inside_the_gdal_cog_step(result, tmp_path):
    """GDAL's progress callback carries the cancel: Translate stops and ProcessingCancelled is raised."""
    import rasterio as rio

    src = tmp_path / "encoded.tif"
    cog.encode_to_gtiff(result.rasters["LST"], "LST", src)
    seen = []
    with pytest.raises(ProcessingCancelled):
        cog.translate_to_cog(src, tmp_path / "cog.tif", "LST", Progress(seen.append, lambda: len(seen) >= 1))
    assert len(seen) >= 1
    with rio.open(src) as ds:  # the input is untouched
        assert ds.dtypes[0] == "uint16"


def test_broken_result_raster_raises_export_error_naming_the_file(result, tmp_path):
    Path(result.rasters["LST_UNCERTAINTY"]).write_bytes(b"II*\x00 this is not a GeoTIFF")
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="LST_UNCERTAINTY"):
        export_package(result, out, DeliveryOptions())
    assert not out.exists() or list(out.iterdir()) == []
