"""Landsat 8/9 Level-1 reader: MTL layouts, BT oracle cases (algorithms.md §1.3), QA, night, ML = 0."""

from __future__ import annotations

import math
import tarfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
import rasterio
from rasterio.windows import Window

from lst_studio.plugin.core.errors import ProductError
from lst_studio.plugin.core.products import LandsatScene, open_product, summarize
from lst_studio.plugin.core.products.landsat import parse_mtl

from .data.reader_fixtures import LandsatCal, _write_tif, make_truth, write_landsat

L8_PRE_ROUNDED = {10: (774.89, 1321.08), 11: (480.89, 1201.14)}  # LPGS 2.4 MTLs (rio-toa)
L8 = {10: (774.8853, 1321.0789), 11: (480.8883, 1201.1442)}  # LPGS >= 2.5, C1, C2
L9 = {10: (799.0284, 1329.2405), 11: (475.6581, 1198.3494)}


def _cal(k, ml10=3.342e-4, ml11=3.342e-4):
    return LandsatCal(ml={10: ml10, 11: ml11}, al={10: 0.1, 11: 0.1}, k=dict(k))


# (id, spacecraft, collection, fmt, calibration, band, DNs, expected BT [K]); algorithms.md §1.3.
ORACLES = [
    ("BT-1/2", "LANDSAT_8", None, "json", _cal(L8), 11, [20000, 23000], [280.9644, 290.1810]),
    ("BT-3", "LANDSAT_8", None, "json", _cal(L8), 11, [1, 65535], [141.7264, 383.8444]),
    ("BT-4", "LANDSAT_8", None, "txt", _cal(L8), 10, [25000, 30000], [291.7056, 303.6550]),
    ("BT-5", "LANDSAT_8", None, "json", _cal(L8_PRE_ROUNDED), 10, [30000], [303.6548]),
    ("BT-7", "LANDSAT_9", 2, "txt", _cal(L9, 3.8e-4, 3.49e-4), 10, [25000], [299.8122]),
    ("BT-7b", "LANDSAT_9", 2, "json", _cal(L9, 3.8e-4, 3.49e-4), 11, [25000], [299.1764]),
]


@pytest.mark.parametrize("case", ORACLES, ids=[c[0] for c in ORACLES])
def test_bt_oracles(tmp_path, case):
    _id, spacecraft, collection, fmt, cal, band, dns, expected = case
    row = np.array([[0, *dns]], np.uint16)  # DN 0 first: fill (BT-8)
    mtl = write_landsat(
        tmp_path,
        collection=collection,
        fmt=fmt,
        spacecraft=spacecraft,
        cal=cal,
        thermal_dn={10: row, 11: row},
    )
    with open_product(mtl) as scene:
        name = "lwir11" if band == 10 else "lwir12"
        bt = scene.read(name)
        assert bt.shape == (1, len(dns) + 1) and bt.dtype == np.float32
        assert bool(bt.mask[0, 0])  # BT-8: DN 0 is nodata
        assert bt[0, 1:].tolist() == pytest.approx(expected, abs=2e-3)  # float32 result
        L = scene.radiance(name)[0, 1:]
        assert L.tolist() == pytest.approx([cal.ml[band] * d + 0.1 for d in dns], rel=1e-6)


def test_ml_zero_thermal_band_unusable(tmp_path):
    # BT-6: LC80100202015018LGN00_MTL.txt has RADIANCE_MULT_BAND_10 = 0.0000E+00.
    cal = _cal(L8, ml10=0.0)
    row = np.array([[0, 20000, 30000]], np.uint16)
    mtl = write_landsat(
        tmp_path, collection=None, spacecraft="LANDSAT_8", cal=cal, thermal_dn={10: row, 11: row}
    )
    assert "RADIANCE_MULT_BAND_10 = 0.0000E+00" in mtl.read_text()
    with open_product(mtl) as scene:
        band = scene.bands["lwir11"]
        assert not band.usable
        assert "RADIANCE_MULT_BAND_10 = 0" in band.unusable_reason and "147.5 K" in band.unusable_reason
        assert any("lwir11" in w and "unusable" in w for w in scene.warnings)
        with pytest.raises(ProductError, match="RADIANCE_MULT_BAND_10"):
            scene.read("lwir11")
        assert scene.bands["lwir12"].usable
        assert scene.read("lwir12")[0, 1] == pytest.approx(280.9644, abs=2e-3)


@pytest.mark.parametrize(
    ("collection", "fmt", "label"),
    [
        (2, "txt", "Collection 2"),
        (2, "json", "Collection 2"),
        (1, "txt", "Collection 1"),
        (None, "txt", "pre-collection"),
        (None, "json", "pre-collection"),
    ],
)
def test_layouts_read_truth(tmp_path, collection, fmt, label):
    truth = make_truth(12, 16, seed=2)
    mtl = write_landsat(tmp_path, truth, collection=collection, fmt=fmt)
    with open_product(mtl) as scene:
        assert isinstance(scene, LandsatScene)
        assert scene.source_format.startswith(f"Landsat {label} Level-1")
        assert scene.platform == "LANDSAT-9" and scene.instruments == ["OLI", "TIRS"]
        assert scene.acquisition_datetime == datetime(2022, 8, 4, 8, 36, 18, 531022, tzinfo=timezone.utc)
        assert scene.sun_elevation == pytest.approx(41.87) and scene.earth_sun_distance == pytest.approx(
            1.0143
        )
        assert scene.cloud_cover == pytest.approx(3.2)
        assert scene.grid.crs == "EPSG:32735" and (scene.grid.width, scene.grid.height) == (16, 12)
        assert scene.footprint_lonlat[0] == (28.0, -27.1) and len(scene.footprint_lonlat) == 5
        assert scene.bands["lwir11"].source_name == "B10" and scene.bands["cirrus"].source_name == "B9"
        assert scene.tiepoints == [] and scene.read_sun_angles() is None
        bt = scene.read("lwir12")
        assert np.abs(bt - truth.bt["lwir12"]).max() < 0.01
        assert bt.mask[:2, :3].all() and not bt.mask[2:, 3:].any()
        swir = scene.read("swir16", Window(2, 3, 5, 4))
        assert np.abs(swir - truth.rho["swir16"][3:7, 2:7]).max() < 1e-4
        q = scene.read_quality()
        assert q.nodata[:2, :3].all() and q.nodata.sum() == 6
        assert summarize(scene).product_id == scene.product_id


def test_reflectance_uses_sun_elevation(tmp_path):
    truth = make_truth(6, 6, seed=4)
    mtl = write_landsat(tmp_path, truth)
    with open_product(mtl) as scene:
        dn = float(np.round((truth.rho["red"][3, 3] * math.sin(math.radians(41.87)) + 0.1) / 2e-5))
        assert scene.read("red")[3, 3] == pytest.approx(
            (2e-5 * dn - 0.1) / math.sin(math.radians(41.87)), rel=1e-6
        )


def test_night_reflective_bands_unusable(tmp_path):
    truth = make_truth(6, 8, seed=4)
    mtl = write_landsat(tmp_path, truth, sun_elevation=-35.0)
    with open_product(mtl) as scene:
        assert not scene.is_day
        assert not scene.bands["red"].usable and "night" in scene.bands["red"].unusable_reason
        with pytest.raises(ProductError, match="night"):
            scene.read("red")
        assert np.abs(scene.read("lwir11") - truth.bt["lwir11"]).max() < 0.01


def test_qa_radsat_bits(tmp_path):
    truth = make_truth(6, 8, seed=4)
    radsat = np.zeros((6, 8), np.uint16)
    radsat[3, 3] = 1 << 9  # band 10
    radsat[4, 4] = (1 << 10) | (1 << 3)  # band 11 and band 4 (red)
    radsat[5, 5] = 1 << 8  # band 9 (cirrus)
    mtl = write_landsat(tmp_path, truth, radsat=radsat)
    with open_product(mtl) as scene:
        q = scene.read_quality()
        assert np.argwhere(q.saturated["lwir11"]).tolist() == [[3, 3]]
        assert np.argwhere(q.saturated["lwir12"]).tolist() == [[4, 4]]
        assert np.argwhere(q.saturated["red"]).tolist() == [[4, 4]]
        assert np.argwhere(q.saturated["cirrus"]).tolist() == [[5, 5]]
        assert not q.saturated["blue"].any() and not q.filled.any()


def test_c1_saturation_from_dn(tmp_path):
    row = np.array([[0, 20000, 65535, 1]], np.uint16)
    mtl = write_landsat(
        tmp_path, collection=1, spacecraft="LANDSAT_8", cal=_cal(L8), thermal_dn={10: row, 11: row}
    )
    with open_product(mtl) as scene:
        q = scene.read_quality()
        assert q.saturated["lwir11"].tolist() == [[False, False, True, False]]
        assert q.undersaturated["lwir12"].tolist() == [[False, False, False, True]]
        assert q.nodata.tolist() == [[True, False, False, False]]


def test_quality_then_values_of_a_strip_decode_each_band_once(tmp_path, monkeypatch):
    """Pass 1 reads a strip's quality and then its values: each band's DNs are decoded once for both
    (Collection 1 has no saturation band, so the quality reads every band's DNs)."""
    from lst_studio.plugin.core.products import base, landsat

    decoded: list[str] = []

    def counting(real):
        def read_block(ds, *args, **kwargs):
            decoded.append(Path(ds.name).name)
            return real(ds, *args, **kwargs)

        return read_block

    mtl = write_landsat(tmp_path, make_truth(6, 8, seed=2), collection=1, spacecraft="LANDSAT_8")
    with open_product(mtl) as scene:
        window = Window(0, 0, scene.grid.width, scene.grid.height)
        quality = scene.read_quality(window)
        monkeypatch.setattr(base, "read_block", counting(base.read_block))
        monkeypatch.setattr(landsat, "read_block", counting(landsat.read_block))
        scene.read_quality(Window(0, 0, 4, 3))
        values = {b: scene.read_values(b, Window(0, 0, 4, 3)) for b in ("lwir11", "red")}
    assert len(decoded) == len(set(decoded)), decoded  # no band file decoded twice
    assert quality.saturated["lwir11"].shape == (6, 8) and values["red"].dtype == np.float32


def test_tar_entry_point(tmp_path):
    truth = make_truth(6, 8, seed=4)
    mtl = write_landsat(tmp_path / "src", truth)
    tar = tmp_path / f"{mtl.parent.name}.tar"
    with tarfile.open(tar, "w") as tf:
        for f in sorted(mtl.parent.iterdir()):
            tf.add(f, arcname=f.name)  # USGS tars are flat
    scene = open_product(tar)
    root = scene.root
    try:
        assert scene.path == tar and root.exists()
        assert np.abs(scene.read("lwir11") - truth.bt["lwir11"]).max() < 0.01
    finally:
        scene.close()
    assert not root.exists()


def test_mtl_parser_groups_and_types(tmp_path):
    mtl = write_landsat(tmp_path, make_truth(4, 4))
    doc = parse_mtl(mtl)
    group = doc["LANDSAT_METADATA_FILE"]["LEVEL1_THERMAL_CONSTANTS"]
    assert group["K1_CONSTANT_BAND_10"] == "799.0284"
    assert doc["LANDSAT_METADATA_FILE"]["IMAGE_ATTRIBUTES"]["SPACECRAFT_ID"] == "LANDSAT_9"


REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real-landsat"
FLATHEAD = REAL / "LC08_L1TP_041027_20150604_20170226_01_T1"


def test_subset_grid_from_geotiffs_with_warning(tmp_path):
    # a clipped subset keeps the whole scene's LINES/SAMPLES and GRID_CELL_SIZE in its MTL
    truth = make_truth(6, 8, seed=4)
    mtl = write_landsat(tmp_path, truth)
    text = mtl.read_text().replace("THERMAL_LINES = 6", "THERMAL_LINES = 7781")
    mtl.write_text(text.replace("THERMAL_SAMPLES = 8", "THERMAL_SAMPLES = 7671"))
    with open_product(mtl) as scene:
        assert (scene.grid.height, scene.grid.width) == (6, 8)
        notes = [w for w in scene.warnings if "THERMAL_LINES/THERMAL_SAMPLES = 7781x7671" in w]
        assert len(notes) == 1 and "grid is taken from the GeoTIFFs" in notes[0] and "(6x8)" in notes[0]
        assert np.abs(scene.read("lwir11") - truth.bt["lwir11"]).max() < 0.01


def test_missing_quality_band_is_a_warning(tmp_path):
    row = np.array([[0, 20000, 30000]], np.uint16)
    mtl = write_landsat(
        tmp_path, collection=1, spacecraft="LANDSAT_8", cal=_cal(L8), thermal_dn={10: row, 11: row}
    )
    next(mtl.parent.glob("*_BQA.TIF")).unlink()
    with open_product(mtl) as scene:
        assert any("FILE_NAME_BAND_QUALITY" in w and "not in the product folder" in w for w in scene.warnings)
        assert scene.read_product_mask() is None
        assert scene.read_quality().nodata.tolist() == [[True, False, False]]  # DN 0 is still fill


def test_a_file_name_too_long_for_the_file_system_is_a_product_error_naming_its_key(tmp_path):
    """Found by the MTL property test: a QA file name of 5,000 characters raised OSError from the
    existence check (ENAMETOOLONG) instead of the one-line ProductError."""
    row = np.array([[0, 20000, 30000]], np.uint16)
    mtl = write_landsat(
        tmp_path, collection=1, spacecraft="LANDSAT_8", cal=_cal(L8), thermal_dn={10: row, 11: row}
    )
    lines = [
        f'    FILE_NAME_BAND_QUALITY = "{"9" * 5000}"' if "FILE_NAME_BAND_QUALITY" in ln else ln
        for ln in mtl.read_text().splitlines()
    ]
    mtl.write_text("\n".join(lines) + "\n")
    with pytest.raises(ProductError, match="FILE_NAME_BAND_QUALITY.*unusable file name"):
        open_product(mtl)


def _with_qa(tmp_path, collection, values):
    row = np.array([[20000] * len(values)], np.uint16)
    mtl = write_landsat(
        tmp_path, collection=collection, spacecraft="LANDSAT_8", cal=_cal(L8), thermal_dn={10: row, 11: row}
    )
    qa = next(f for f in mtl.parent.iterdir() if f.name.endswith(("_BQA.TIF", "_QA_PIXEL.TIF")))
    with rasterio.open(qa) as ds:
        transform = ds.transform
    qa.unlink()  # GDAL's Create() would delete the MTL as a "sidecar" of a Landsat-named TIFF
    _write_tif(qa, np.array([values]), transform, "uint16")
    return mtl


@pytest.mark.parametrize(
    "collection, values, expected",
    [
        # C2 QA_PIXEL: 0 fill, 2 cirrus, 3 cloud, 4 shadow, 5 snow
        (
            2,
            [1, 1 << 3, 1 << 4, 1 << 5, 1 << 2, 0],
            ["fill", "cloud", "cloud_shadow", "snow_ice", "cirrus", None],
        ),
        # C1 BQA: 4 cloud; shadow, snow, cirrus count at high confidence (both bits), medium is not
        (
            1,
            [1, 1 << 4, 3 << 7, 1 << 7, 3 << 9, 3 << 11],
            ["fill", "cloud", "cloud_shadow", None, "snow_ice", "cirrus"],
        ),
        # pre-collection BQA: cloud 14-15, cirrus 12-13, snow 10-11 (high confidence); no shadow
        (
            None,
            [3 << 14, 1 << 14, 3 << 10, 3 << 12, 0, 1],
            ["cloud", None, "snow_ice", "cirrus", None, "fill"],
        ),
    ],
    ids=["C2-QA_PIXEL", "C1-BQA", "pre-collection-BQA"],
)
def test_product_mask_layouts(tmp_path, collection, values, expected):
    with open_product(_with_qa(tmp_path, collection, values)) as scene:
        m = scene.read_product_mask()
        assert ("cloud_shadow" in m) == (collection is not None)
        for i, name in enumerate(expected):
            assert sorted(k for k, v in m.items() if v[0, i]) == ([name] if name else [])
        part = scene.read_product_mask(Window(1, 0, 2, 1))
        assert part["cloud"].shape == (1, 2)


@pytest.mark.skipif(not REAL.is_dir(), reason="real Landsat subsets not present")
@pytest.mark.parametrize(
    "folder, shape, collection",
    [
        ("LC08_L1TP_041027_20150604_20170226_01_T1", (624, 623), "Collection 1"),
        ("LC80400282014193LGN00", (727, 727), "pre-collection"),
        ("LC08_L1TP_016037_20170813_20170814_01_RT", (259, 255), "Collection 1"),
    ],
)
def test_real_subsets_open_unchanged(folder, shape, collection):
    with open_product(REAL / folder) as scene:
        assert (scene.grid.height, scene.grid.width) == shape
        assert scene.extra["collection"] == collection
        assert any("grid is taken from the GeoTIFFs" in w for w in scene.warnings)
        bt = scene.read("lwir11", Window(shape[1] // 2 - 8, shape[0] // 2 - 8, 16, 16))
        assert 250.0 < float(np.ma.median(bt)) < 320.0  # a summer day


@pytest.mark.skipif(not FLATHEAD.is_dir(), reason="real Landsat subsets not present")
def test_flathead_read_values_has_nan_in_the_fill_wedge():
    with open_product(FLATHEAD) as scene:
        for name in ("lwir11", "swir16"):
            values = scene.read_values(name)
            masked = scene.read(name)
            np.testing.assert_array_equal(values, masked.filled(np.nan))
            assert np.isnan(values).mean() == pytest.approx(0.136, abs=0.002)  # the wedge (SOURCE.md)
            values[:] = 0.0
            assert np.isfinite(scene.read_values(name)).mean() == pytest.approx(0.864, abs=0.002)


@pytest.mark.skipif(not FLATHEAD.is_dir(), reason="real Landsat subsets not present")
def test_flathead_fill_wedge_and_cfmask_bits():
    # SOURCE.md of the subset: a zero-filled wedge of ~13.6 % without nodata tag or BQA fill bit; BQA
    # cloud 14.0 % and high-confidence cloud shadow 13.6 % (of all pixels)
    with open_product(FLATHEAD) as scene:
        nodata = scene.read_quality().nodata
        assert nodata.mean() == pytest.approx(0.136, abs=0.002)
        assert scene.read("lwir11").mask.mean() == pytest.approx(nodata.mean(), abs=1e-9)
        m = scene.read_product_mask()
        assert not m["fill"].any()
        assert m["cloud"].mean() == pytest.approx(0.140, abs=0.001)
        assert m["cloud_shadow"].mean() == pytest.approx(0.136, abs=0.001)


@pytest.mark.skipif(not FLATHEAD.is_dir(), reason="real Landsat subsets not present")
def test_a_damaged_optical_band_is_named_by_the_quality_read(tmp_path):
    """Collection 1 has no saturation band, so the quality block (read at open already) reads every
    band's DNs: a truncated B4 is named with its own file and MTL field there (it was named as the
    QA / B10 before)."""
    import shutil

    folder = Path(shutil.copytree(FLATHEAD, tmp_path / FLATHEAD.name))
    b4 = next(folder.glob("*_B4.TIF"))
    b4.write_bytes(b4.read_bytes()[: b4.stat().st_size // 3])
    with pytest.raises(ProductError) as info, open_product(folder) as scene:  # the open already reads it
        scene.read_quality(Window(0, 0, scene.grid.width, scene.grid.height))
    assert info.value.path.endswith("_B4.TIF") and info.value.field == "FILE_NAME_BAND_4", str(info.value)
