"""Every validation error of the readers, each with a real broken file: one ProductError whose message
names the file, the field and what was expected."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile

import numpy as np
import pytest
from affine import Affine

from lst_studio.plugin.core.errors import ProductError
from lst_studio.plugin.core.products import open_product
from lst_studio.plugin.core.products.archive import extract

from .data.reader_fixtures import (
    PID,
    _write_tif,
    edit_geojson,
    fe_group,
    make_truth,
    write_farearth,
    write_landsat,
)


@pytest.fixture
def fe(tmp_path):
    return write_farearth(tmp_path, make_truth(8, 10, seed=1))


@pytest.fixture
def mtl(tmp_path):
    return write_landsat(tmp_path, make_truth(8, 10, seed=1))


def _fails(path, *fragments) -> ProductError:
    with pytest.raises(ProductError) as info:
        open_product(path)
    msg = str(info.value)
    for fragment in fragments:
        assert fragment in msg, f"{fragment!r} not in {msg!r}"
    return info.value


# -- missing or unreadable files ------------------------------------------------------------------


def test_missing_product(tmp_path):
    err = _fails(tmp_path / "nope.geojson", "nope.geojson", "not found")
    assert err.path.endswith("nope.geojson")


def test_missing_band_file(fe):
    (fe / f"{PID}_TIR.tif").unlink()
    err = _fails(fe, f"{PID}_TIR.tif", "field 'sensors[1].images[0].image'", "file not found")
    assert err.field == "sensors[1].images[0].image"


def test_missing_qa_file(fe):
    (fe / f"{PID}_VNIR_QA.tif").unlink()
    _fails(fe, f"{PID}_VNIR_QA.tif", "sensors[0].images[0].qaMask", "not found")


def test_unreadable_tif(fe):
    (fe / f"{PID}_TIR.tif").write_bytes(b"II*\x00 this is not a GeoTIFF" * 10)
    _fails(fe, f"{PID}_TIR.tif", "sensors[1].images[0].image", "unreadable raster; expected a GeoTIFF")


def test_landsat_missing_band_file(mtl):
    next(mtl.parent.glob("*_B11.TIF")).unlink()
    _fails(mtl, "_B11.TIF", "FILE_NAME_BAND_11", "file not found")


# -- FarEarth content -----------------------------------------------------------------------------


def test_no_thermal_group(fe):
    edit_geojson(fe, lambda p: p["sensors"].pop(1))
    _fails(
        fe, f"{PID}.geojson", "sensors[].images[].group", "no thermal group; expected a group with pixelUnits"
    )


@pytest.mark.parametrize("units", ["DN", "Radiance", "TOA Brightness Temperature x 100 (K)"])
def test_unknown_pixel_units(fe, units):
    edit_geojson(fe, lambda p: fe_group(p, "TIR")["radiometric"].update(pixelUnits=units))
    _fails(fe, f"{PID}.geojson", "sensors[1].images[0].radiometric.pixelUnits", repr(units), "expected")


@pytest.mark.parametrize(
    ("constants", "expect"),
    [
        ([1329.2405, 799.0284], "K1 >= K2"),
        ([1.0, 1.0], "unity constants (1, 1)"),
        ([799.0284, 1329.2405, 0.5], "expected exactly 2"),
        ([0.5, 1.5], "not a plausible [K1, K2]"),
    ],
)
def test_implausible_thermal_constants(fe, constants, expect):
    edit_geojson(
        fe, lambda p: fe_group(p, "TIR")["radiometric"]["emissiveConstants"][0].update(constants=constants)
    )
    _fails(fe, f"{PID}.geojson", "emissiveConstants[TIR1]", expect)


def test_missing_thermal_constants(fe):
    edit_geojson(fe, lambda p: fe_group(p, "TIR")["radiometric"]["emissiveConstants"].pop(1))
    _fails(fe, "emissiveConstants[TIR2]", "missing; expected [K1, K2]")


def test_crs_mismatch(fe):
    edit_geojson(fe, lambda p: fe_group(p, "TIR")["geometric"].update(projection="EPSG:32635"))
    _fails(
        fe,
        "sensors[1].images[0].geometric.projection",
        "EPSG:32635 differs from the GeoTIFF CRS (EPSG:32735)",
    )


def test_size_mismatch(fe):
    edit_geojson(fe, lambda p: fe_group(p, "VNIR")["geometric"].update(imageDimensions=[11, 8]))
    _fails(fe, "sensors[0].images[0].geometric.imageDimensions", "differs from the GeoTIFF size 10x8")


def test_size_in_either_order_is_accepted(fe):
    edit_geojson(fe, lambda p: fe_group(p, "TIR")["geometric"].update(imageDimensions=[8, 10]))
    with open_product(fe) as scene:
        assert (scene.grid.width, scene.grid.height) == (10, 8)


def test_resolution_mismatch(fe):
    edit_geojson(fe, lambda p: fe_group(p, "TIR")["geometric"].update(spatialResolution=[100.0, -100.0]))
    _fails(fe, "geometric.spatialResolution", "differs from the GeoTIFF pixel size")


def test_band_count_mismatch(fe):
    def three(p):
        tir = fe_group(p, "TIR")
        tir["bands"].append("TIR3")
        tir["ids"].append("B12")

    edit_geojson(fe, three)
    _fails(fe, f"{PID}_TIR.tif", "sensors[1].images[0].bands", "2 bands but the metadata lists 3 names")


def test_malformed_geojson(fe):
    path = fe / f"{PID}.geojson"
    path.write_text(path.read_text()[:-40], encoding="utf-8")
    _fails(fe, f"{PID}.geojson", "field 'line ", "malformed JSON")


def test_malformed_angles_json(fe):
    (fe / f"{PID}_ANGLES.json").write_text('{"meanSunAngle": {"zenithAngle": NaN,,}}', encoding="utf-8")
    _fails(fe, f"{PID}_ANGLES.json", "malformed JSON")


def test_malformed_gver_json(fe):
    (fe / f"{PID}_GVER_REL.json").write_text('{"measurements": [', encoding="utf-8")
    _fails(fe, f"{PID}_GVER_REL.json", "malformed JSON")


def test_angles_json_nan_is_accepted(fe):
    text = (fe / f"{PID}_ANGLES.json").read_text()
    assert "NaN" in text
    with open_product(fe) as scene:
        assert scene.extra["angles_json"].endswith(f"{PID}_ANGLES.json")


def test_not_a_farearth_geojson(tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    _fails(path, "x.geojson", "features[0].properties.product", "expected a FarEarth FeatureCollection")


def test_other_sensor_farearth(fe):
    def sentinel(p):
        p["descriptor"]["spacecraft"] = "SENTINEL-2A"
        p["sensors"].pop(1)

    edit_geojson(fe, sentinel)
    _fails(fe, "field 'descriptor.spacecraft'", "SENTINEL-2A has no thermal band group")


# -- Landsat content ------------------------------------------------------------------------------


def test_other_sensor_landsat7(mtl):
    mtl.write_text(mtl.read_text().replace('"LANDSAT_9"', '"LANDSAT_7"'))
    _fails(
        mtl, mtl.name, "field 'SPACECRAFT_ID'", "LANDSAT_7 is not supported; expected LANDSAT_8 or LANDSAT_9"
    )


def test_landsat_level2_refused(mtl):
    mtl.write_text(mtl.read_text().replace('PROCESSING_LEVEL = "L1TP"', 'PROCESSING_LEVEL = "L2SP"'))
    _fails(mtl, "PROCESSING_LEVEL", "expected a Level-1 product")


def test_landsat_swapped_constants(mtl):
    text = mtl.read_text().replace("K1_CONSTANT_BAND_10 = 799.0284", "K1_CONSTANT_BAND_10 = 1329.2405")
    mtl.write_text(text.replace("K2_CONSTANT_BAND_10 = 1329.2405", "K2_CONSTANT_BAND_10 = 799.0284"))
    _fails(mtl, "K1_CONSTANT_BAND_10/K2_CONSTANT_BAND_10", "K1 >= K2")


def test_landsat_crs_mismatch(mtl):
    mtl.write_text(mtl.read_text().replace("UTM_ZONE = 35", "UTM_ZONE = 36"))
    _fails(mtl, "field 'UTM_ZONE'", "UTM zone 36", "differs from the CRS EPSG:32735")


def test_landsat_size_mismatch(mtl):
    # A subset's GeoTIFF is smaller than the MTL's whole-scene LINES/SAMPLES: the grid comes from the
    # GeoTIFF and the difference is a warning naming the field (landsat.py, real-landsat subsets).
    mtl.write_text(mtl.read_text().replace("THERMAL_LINES = 8", "THERMAL_LINES = 9"))
    with open_product(mtl) as scene:
        assert any("THERMAL_LINES/THERMAL_SAMPLES = 9x10" in w for w in scene.warnings)


def test_landsat_band_count_mismatch(mtl):
    b10 = next(mtl.parent.glob("*_B10.TIF"))
    # Remove first: GDAL's GTiff Create() deletes an existing file *and its sidecars*, and for
    # Landsat-named TIFFs the _MTL.txt counts as a sidecar.
    b10.unlink()
    _write_tif(b10, np.ones((2, 8, 10)), Affine(30, 0, 600000, 0, -30, 7000020), "uint16")
    _fails(mtl, b10.name, "FILE_NAME_BAND_10", "2 bands in the GeoTIFF; expected 1 band per file")


def test_landsat_malformed_mtl_txt(mtl):
    lines = mtl.read_text().splitlines()
    lines.insert(5, "THIS LINE IS BROKEN")
    mtl.write_text("\n".join(lines))
    _fails(mtl, mtl.name, "field 'line 6'", "expected 'KEY = VALUE'")


def test_landsat_truncated_mtl_txt(mtl):
    mtl.write_text(mtl.read_text()[:2000].rsplit("\n", 1)[0] + "\n")  # cut at a line end
    _fails(mtl, mtl.name, "truncated MTL")


def test_landsat_malformed_mtl_json(tmp_path):
    mtl = write_landsat(tmp_path, make_truth(4, 4), fmt="json")
    mtl.write_text(mtl.read_text().replace('"LANDSAT_9"', "LANDSAT_9"))
    _fails(mtl, mtl.name, "field 'line ", "malformed JSON")


def test_landsat_missing_multiplier(mtl):
    lines = [ln for ln in mtl.read_text().splitlines() if "RADIANCE_MULT_BAND_11" not in ln]
    mtl.write_text("\n".join(lines) + "\n")
    _fails(mtl, "field 'RADIANCE_MULT_BAND_11'", "missing from the MTL; expected a number")


# -- archives -------------------------------------------------------------------------------------


def test_zip_slip_refused(tmp_path):
    bad = tmp_path / "evil.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr(f"{PID}/{PID}.geojson", "{}")
        zf.writestr("../../escaped.txt", "owned")
    before = set(tmp_path.parent.rglob("escaped.txt"))
    _fails(bad, "evil.zip", "../../escaped.txt", "leaves the product folder")
    assert set(tmp_path.parent.rglob("escaped.txt")) == before


def test_zip_absolute_member_refused(tmp_path):
    bad = tmp_path / "abs.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        info = zipfile.ZipInfo("x")
        info.filename = "/tmp/lststudio-absolute.txt"
        zf.writestr(info, "owned")
    _fails(bad, "abs.zip", "absolute path")


def test_tar_slip_refused(tmp_path):
    bad = tmp_path / "evil.tar"
    with tarfile.open(bad, "w") as tf:
        data = b"owned"
        info = tarfile.TarInfo("../escaped-tar.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    _fails(bad, "evil.tar", "../escaped-tar.txt", "leaves the product folder")
    assert not (tmp_path.parent / "escaped-tar.txt").exists()


def test_tar_symlink_refused(tmp_path):
    bad = tmp_path / "link.tar"
    with tarfile.open(bad, "w") as tf:
        info = tarfile.TarInfo("LC09_MTL.txt")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        tf.addfile(info)
    _fails(bad, "link.tar", "link or special file")


def test_refused_archive_leaves_no_temp_folder(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "t"))
    (tmp_path / "t").mkdir()
    bad = tmp_path / "evil.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("ok.txt", "fine")
        zf.writestr("../bad.txt", "owned")
    with pytest.raises(ProductError):
        extract(bad)
    assert list((tmp_path / "t").iterdir()) == []


def test_corrupt_zip(tmp_path):
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    _fails(bad, "broken.zip", "unreadable archive")


def test_unrecognised_input(tmp_path):
    f = tmp_path / "scene.xml"
    f.write_text("<MTD/>")
    _fails(f, "scene.xml", "unrecognised input; expected a FarEarth")


def test_broken_product_in_zip_leaves_no_temp_folder(tmp_path, monkeypatch):
    import tempfile

    temp = tmp_path / "t"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "no product here")
    _fails(empty, "no FarEarth .geojson and no Landsat _MTL")
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr(f"{PID}/{PID}.geojson", "{not json")
    _fails(broken, "broken.zip", "malformed JSON")
    assert list(temp.iterdir()) == []
