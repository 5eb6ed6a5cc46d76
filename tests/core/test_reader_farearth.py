"""FarEarth L1C reader: metadata, physical values, QA decoding, angles, tiepoints, entry points."""

from __future__ import annotations

import json
import math
import shutil
import zipfile
from datetime import UTC, datetime

import numpy as np
import pytest
from affine import Affine
from rasterio.windows import Window

from lst_studio.plugin.core.products import FarEarthScene, open_product, summarize
from lst_studio.plugin.core.products.scene import Grid

from .data.reader_fixtures import PID, edit_geojson, fe_group, make_truth, write_farearth


@pytest.fixture
def truth():
    return make_truth(24, 32, seed=3)


@pytest.fixture
def product(tmp_path, truth):
    return write_farearth(tmp_path, truth)


def test_metadata(product):
    with open_product(product) as scene:
        assert isinstance(scene, FarEarthScene)
        assert scene.product_id == PID
        assert scene.platform == "LANDSAT-9"
        assert scene.source_format == "FarEarth L1C v1.3"
        assert scene.start_datetime == datetime(2022, 8, 4, 8, 36, 3, tzinfo=UTC)
        assert scene.end_datetime == datetime(2022, 8, 4, 8, 36, 34, tzinfo=UTC)
        assert scene.acquisition_datetime == datetime(2022, 8, 4, 8, 36, 18, 500000, tzinfo=UTC)
        assert scene.sun_elevation == pytest.approx(41.87) and scene.sun_azimuth == pytest.approx(36.41)
        assert scene.view_incidence == pytest.approx(0.3) and scene.view_off_nadir == pytest.approx(0.2)
        assert scene.earth_sun_distance == pytest.approx(1.0143)
        assert scene.is_day
        assert scene.grid.crs == "EPSG:32735" and (scene.grid.width, scene.grid.height) == (32, 24)
        assert scene.grid.res == (30.0, 30.0)
        t11 = scene.bands["lwir11"]
        assert (t11.source_name, t11.group, t11.kind) == ("TIR1", "TIR", "thermal")
        assert (t11.k1, t11.k2) == (799.0284, 1329.2405)
        assert t11.center_wavelength_um == pytest.approx(10.895) and t11.fwhm_um == pytest.approx(0.59)
        assert scene.bands["nir08"].source_name == "NIR" and scene.bands["nir08"].esun == pytest.approx(951.8)
        assert scene.footprint_lonlat[0] == scene.footprint_lonlat[-1] == (28.0, -27.1)
        assert scene.warnings == []
        s = summarize(scene)
        assert s.bands == [
            "coastal",
            "blue",
            "green",
            "red",
            "nir08",
            "swir16",
            "swir22",
            "cirrus",
            "lwir11",
            "lwir12",
        ]
        assert s.is_day and s.crs == "EPSG:32735"


def test_physical_values_and_nodata(product, truth):
    with open_product(product) as scene:
        bt = scene.read("lwir12")
        assert bt.dtype == np.float32 and bt.shape == (24, 32)
        assert bt.mask[:2, :3].all() and not bt.mask[2:, 3:].any()
        assert (
            np.abs(bt.filled(np.nan) - truth.bt["lwir12"])[~bt.mask].max() <= 0.05 + 1e-4
        )  # ×10 quantisation
        red = scene.read("red", Window(4, 5, 10, 7))
        expected = truth.rho["red"][5:12, 4:14]
        assert red.shape == (7, 10)
        assert np.abs(red - expected).max() <= 0.5e-4 + 1e-6


def test_read_values_is_read_with_nan_in_a_new_array(product):
    win = Window(0, 0, 32, 24)
    with open_product(product) as scene:
        for name in ("lwir12", "red", "nir08"):
            values = scene.read_values(name, win)
            expected = scene.read(name, win)
            assert values.dtype == np.float32 and values.flags.writeable
            np.testing.assert_array_equal(values, expected.filled(np.nan))  # NaN where masked, else equal
            assert np.isnan(values[:2, :3]).all()  # the product's nodata corner
            values[:] = -1.0  # the caller's own array: the next read of the window is unchanged
            np.testing.assert_array_equal(scene.read_values(name, win), expected.filled(np.nan))


def test_thermal_radiance_is_inverse_planck(product):
    with open_product(product) as scene:
        bt = scene.read("lwir11", Window(10, 10, 1, 1))[0, 0]
        L = scene.radiance("lwir11", Window(10, 10, 1, 1))[0, 0]
        k1, k2 = 799.0284, 1329.2405
        assert pytest.approx(k1 / math.expm1(k2 / bt), rel=1e-5) == L
        # and back: BT = K2 / ln(K1/L + 1)
        assert k2 / math.log(k1 / L + 1) == pytest.approx(bt, abs=1e-3)


def test_reflective_radiance_from_esun(product):
    with open_product(product) as scene:
        rho = float(scene.read("red", Window(10, 10, 1, 1))[0, 0])
        L = float(scene.radiance("red", Window(10, 10, 1, 1))[0, 0])
        expected = rho * 1549.4 * math.sin(math.radians(41.87)) / (math.pi * 1.0143**2)
        assert pytest.approx(expected, rel=1e-5) == L


def test_qa_values_decoded(tmp_path, truth):
    qa = np.zeros(truth.shape, np.uint8)
    qa[5, 5], qa[5, 6], qa[5, 7], qa[5, 8] = 1, 2, 5, 6
    vqa = np.zeros(truth.shape, np.uint8)
    vqa[7, 7] = 2
    folder = write_farearth(tmp_path, truth, tir_qa=qa, vnir_qa=vqa)
    with open_product(folder) as scene:
        q = scene.read_quality(Window(4, 4, 6, 4))
        row = 1  # image row 5
        assert q.undersaturated["lwir11"][row, 1:5].tolist() == [True, False, True, False]
        assert q.saturated["lwir12"][row, 1:5].tolist() == [False, True, False, True]
        assert q.filled[row, 1:5].tolist() == [False, False, True, True]
        assert q.saturated["red"][3, 3] and q.saturated["red"].sum() == 1
        assert not q.saturated["lwir11"][3, 3]
        full = scene.read_quality()
        assert full.nodata[:2, :3].all() and full.nodata.sum() == 6


def test_sun_angles_per_pixel_resampled(product):
    with open_product(product) as scene:
        zen, azi = scene.read_sun_angles()
        assert zen.shape == (24, 32) and zen.dtype == np.float32
        # SOLAR_ANGLE.tif: 300 m pixels starting 600 m west of the image, zenith + 0.1° per pixel.
        # TIR pixel centre x = 15 m -> source column (615/300 - 0.5) = 1.55 -> 48.13 + 0.155.
        assert zen[0, 0] == pytest.approx(90 - 41.87 + 0.155, abs=1e-3)
        assert zen[0, 31] - zen[0, 0] == pytest.approx(31 * 0.01, abs=1e-3)
        # Azimuth crosses north: interpolated through the unit vector, never near 180°.
        assert np.all((azi < 1.0 + 1e-3) | (azi > 359.0 - 1e-3))


def test_sun_angles_on_a_coarser_grid(product):
    """The masks' working grid (k × k pixels each): the angles at its pixel centres, which inside a cell of
    the bilinear interpolation are the means of the scene grid's pixels."""
    with open_product(product) as scene:
        zen, azi = scene.read_sun_angles()
        g = scene.grid
        coarse = Grid(g.crs, g.transform * Affine.scale(4), 8, 6)
        czen, cazi = scene.read_sun_angles(grid=coarse)
        assert czen.shape == (6, 8)
        means = zen.reshape(6, 4, 8, 4).mean(axis=(1, 3))
        np.testing.assert_allclose(czen, means, atol=1e-4)  # 0.01 degree per pixel: a pixel off fails
        assert np.all((cazi < 1.0 + 1e-3) | (cazi > 359.0 - 1e-3))
        part = scene.read_sun_angles(Window(2, 1, 3, 2), grid=coarse)[0]
        np.testing.assert_array_equal(part, czen[1:3, 2:5])


def test_tiepoints_both_keys_pointing_srf_thumbnails(product):
    with open_product(product) as scene:
        abs_tp = [t for t in scene.tiepoints if t.kind == "ABS"]
        rel_tp = [t for t in scene.tiepoints if t.kind == "REL"]
        assert len(abs_tp) == 1 and abs_tp[0].lonlat.shape == (2, 2) and abs_tp[0].gsd_m == 10.0
        assert abs_tp[0].reference_spacecraft == "SENTINEL-2A"
        assert len(rel_tp) == 1 and rel_tp[0].lonlat.shape == (1, 4)  # older coordsLatLon key, 4 values
        assert (rel_tp[0].source, rel_tp[0].target, rel_tp[0].gsd_m) == ("RED", "TIR1", 30.0)
        assert scene.pointing["measurements"][0]["points"][0]["location"] == "CENTER"
        assert scene.spectral_response_csv.name.endswith("_SPECTRAL_RESPONSE.csv")
        assert [p.name for p in scene.thumbnails] == [f"{PID}_RGB.png"]


def test_optional_files_with_names_no_file_system_takes_are_missing(product):
    """A 5,000-character name (ENAMETOOLONG) for the angles JSON, the spectral responses or a thumbnail:
    treated as a missing optional file (the angles with their warning), not an OSError from the check."""
    long = "x" * 5000

    def edit(p):
        p.update(viewingAngles=f"{long}.json", spectralResponses=f"{long}.csv")
        p["thumbnails"] = [{"name": "RGB", "image": f"{long}.png"}]

    edit_geojson(product, edit)
    with open_product(product) as scene:
        assert scene.spectral_response_csv is None and scene.thumbnails == []
        assert any(
            w.startswith("viewingAngles file xxx") and w.endswith("is missing") for w in scene.warnings
        )


@pytest.mark.parametrize("entry", ["folder", "geojson", "product_json", "zip"])
def test_entry_points_read_the_same(tmp_path, truth, entry):
    folder = write_farearth(tmp_path / "p", truth)
    if entry == "folder":
        path = folder
    elif entry == "geojson":
        path = folder / f"{PID}.geojson"
    elif entry == "product_json":
        path = folder / f"{PID}_product.json"
    else:
        path = tmp_path / f"{PID}.zip"
        with zipfile.ZipFile(path, "w") as zf:
            for f in folder.rglob("*"):
                zf.write(f, f.relative_to(folder.parent))
    scene = open_product(path)
    try:
        assert scene.path == path
        bt = scene.read("lwir11", Window(8, 8, 4, 4))
        assert np.abs(bt - truth.bt["lwir11"][8:12, 8:12]).max() <= 0.0501
        root = scene.root
    finally:
        scene.close()
    if entry == "zip":
        assert not root.exists()  # the temporary folder went away with close()


def test_v12_key_names(tmp_path, truth):
    folder = write_farearth(tmp_path, truth)

    def to_v12(p):
        p["descriptor"]["generationDate"] = p["descriptor"].pop("processedDate")
        p.pop("dayNight")
        for g in ("VNIR", "TIR"):
            img = fe_group(p, g)
            rad, geo = img["radiometric"], img["geometric"]
            rad["units"] = rad.pop("pixelUnits").replace("Reflectance", "Refelectance")
            geo["dimensions"] = geo.pop("imageDimensions")
            geo["resolution"] = geo.pop("spatialResolution")
            img["angles"] = {k: v["value"] for k, v in img["angles"].items()}

    edit_geojson(folder, to_v12)
    with open_product(folder) as scene:
        assert scene.source_format == "FarEarth L1C v1.2"
        assert scene.sun_elevation == pytest.approx(41.87)
        assert np.abs(scene.read("blue") - truth.rho["blue"]).max() <= 0.5e-4 + 1e-6


def test_night_from_sun_elevation(tmp_path, truth):
    folder = write_farearth(tmp_path, truth, sun_elevation=-20.0)
    with open_product(folder) as scene:
        assert not scene.is_day and not summarize(scene).is_day


def test_day_night_field_disagreeing_is_a_warning(tmp_path, truth):
    folder = write_farearth(tmp_path, truth)
    edit_geojson(folder, lambda p: p.update(dayNight="NIGHT"))
    with open_product(folder) as scene:
        assert scene.is_day
        assert any("dayNight" in w for w in scene.warnings)


def test_constants_far_from_usgs_give_a_warning(tmp_path, truth):
    folder = write_farearth(tmp_path, truth)

    def shift(p):
        fe_group(p, "TIR")["radiometric"]["emissiveConstants"][0]["constants"] = [774.8853, 1321.0789]

    edit_geojson(folder, shift)  # L8 constants on a LANDSAT-9 product: 3 % off
    with open_product(folder) as scene:
        assert any("deviates" in w and "lwir11" in w for w in scene.warnings)


def test_vnir_15m_resampled_onto_tir_grid_by_area_average(tmp_path):
    truth = make_truth(16, 20, seed=5, vnir_factor=2)
    folder = write_farearth(tmp_path, truth)
    with open_product(folder) as scene:
        assert scene.grid.res == (30.0, 30.0) and (scene.grid.width, scene.grid.height) == (20, 16)
        assert "VNIR" in scene.extra["resampled_groups"]
        nir = scene.read("nir08", Window(3, 2, 12, 9))
        expected = truth.rho_on_tir("nir08")[2:11, 3:15]
        assert np.abs(nir - expected).max() <= 0.5e-4 + 1e-6
        whole = scene.read("nir08")
        assert whole.mask[0, 0] and whole.mask[:2, :3].all() and not whole.mask[2:, 3:].any()


def test_input_files_never_modified(tmp_path, truth):
    import hashlib

    folder = write_farearth(tmp_path / "p", truth)
    zpath = tmp_path / "p.zip"
    shutil.make_archive(str(zpath.with_suffix("")), "zip", folder.parent)

    def state():
        files = sorted([*folder.rglob("*"), zpath])
        return {
            str(f): (f.stat().st_mtime_ns, hashlib.sha256(f.read_bytes()).hexdigest())
            for f in files
            if f.is_file()
        }

    before = state()
    for path in (folder, zpath):
        with open_product(path) as scene:
            scene.read("lwir11")
            scene.read("red")
            scene.read_quality()
            scene.read_sun_angles()
            scene.radiance("lwir12")
    assert state() == before


def test_angles_json_with_bare_nan_loads(product):
    text = (product / f"{PID}_ANGLES.json").read_text()

    def strict(constant):
        raise ValueError(f"non-standard JSON constant {constant}")

    with pytest.raises(ValueError, match="NaN"):  # a strict parser rejects the file ...
        json.loads(text, parse_constant=strict)
    with open_product(product) as scene:  # ... the reader accepts it
        assert scene.extra["angles_json"].endswith("_ANGLES.json")


def test_radiometric_entry_for_unknown_band_is_a_warning(tmp_path, truth):
    folder = write_farearth(tmp_path, truth)

    def extra_entry(p):
        fe_group(p, "TIR")["radiometric"]["spectral"].append(
            {"band": "TIR9", "centerWavelength": 9000.0, "fullWidthHalfMax": 100.0}
        )

    edit_geojson(folder, extra_entry)
    with open_product(folder) as scene:
        assert any("['TIR9']" in w for w in scene.warnings)
