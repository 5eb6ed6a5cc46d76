"""plugin/core/delivery/layout.py: the one module that knows the package's names, TYPEs and STAC assets."""

from __future__ import annotations

import json

import pytest

from lst_studio.plugin.core.delivery import cog, layout, stac
from lst_studio.plugin.core.delivery.package import RASTER_LAYERS

STEM = "LST_LANDSAT9_U4PRUYDQ_20240601T100200Z"


def test_split_name_reads_the_type_after_the_time():
    assert layout.split_name(f"{STEM}_LST.tif") == (STEM, "LST", "tif")
    assert layout.split_name(f"{STEM}_LST_UNCERTAINTY.tif") == (STEM, "LST_UNCERTAINTY", "tif")
    assert layout.split_name(f"{STEM}_METADATA.json") == (STEM, "METADATA", "json")
    # a TYPE this version does not know is still a TYPE (a newer package read by an older plugin)
    assert layout.split_name(f"{STEM}_SOMETHING_NEW.tif") == (STEM, "SOMETHING_NEW", "tif")
    # a renamed package (no time in the stem): the longest known TYPE at the end
    assert layout.split_name("my_scene_LST_UNCERTAINTY.tif") == ("my_scene", "LST_UNCERTAINTY", "tif")
    assert layout.split_name("my_scene_RGB_QUICKLOOK.tif") == ("my_scene", "RGB_QUICKLOOK", "tif")
    assert layout.split_name("notes.txt") is None
    assert layout.split_name("_LST.tif") is None  # no stem
    assert layout.FILE_NAME_PATTERN.match(layout.file_name(STEM, "WATER_VAPOUR", "tif"))
    assert not layout.FILE_NAME_PATTERN.match(f"{STEM}_lst.tif")  # TYPEs are upper case


def test_the_table_describes_every_file_the_writer_makes():
    assert [row[0] for row in RASTER_LAYERS] == [t.type_ for t in layout.RASTERS]
    # every COG encoding (cog.LAYERS) and every STAC band description names a registered tif TYPE
    registered = {t.type_ for t in layout.FILES if t.ext == "tif"}
    assert set(cog.LAYERS) <= registered
    assert set(stac.BAND_DESCRIPTIONS) <= {t.type_ for t in layout.RASTERS}
    keys = [t.asset_key for t in layout.FILES if t.asset_key]
    assert len(keys) == len(set(keys))  # one STAC asset key per file
    f = layout.package_file("/x", STEM, "LST_THUMBNAIL", "jpg")
    assert (f.key, f.type_, f.path.name, f.media_type) == (
        "lst_thumbnail",
        "LST_THUMBNAIL",
        f"{STEM}_LST_THUMBNAIL.jpg",
        "image/jpeg",
    )
    assert layout.package_file("/x", STEM, "LST", "tif", title="other").title == "other"
    with pytest.raises(KeyError, match="register it in layout.FILES"):
        layout.file_type("NOPE", "tif")


def _package(folder, item) -> None:
    folder.mkdir()
    for type_, ext in (("LST", "tif"), ("VNIR", "tif"), ("QA", "tif"), ("TIEPOINTS", "json")):
        (folder / layout.file_name(folder.name, type_, ext)).write_bytes(b"")
    (folder / f".{folder.name}.partial-1-x").mkdir()  # hidden leftovers are no files of the package
    (folder / layout.file_name(folder.name, "METADATA", "json")).write_text(item, encoding="utf-8")


def test_open_package_files_by_type_and_band_names_the_stac_1_1_way(tmp_path):
    item = {
        "type": "Feature",
        "assets": {
            "vnir": {
                "href": f"./{STEM}_VNIR.tif",
                # STAC 1.1: bands[] with eo:common_name; a band without one is known by its name
                "bands": [
                    {"name": "B2", "eo:common_name": "blue"},
                    {"name": "B5", "eo:common_name": "nir08"},
                    {"name": "x"},
                ],
            },
            "lst": {"href": f"./{STEM}_LST.tif", "bands": [{"name": "lst"}]},
        },
        "properties": {"datetime": "2024-06-01T10:02:00Z"},
    }
    folder = tmp_path / STEM
    _package(folder, json.dumps(item))
    pkg = layout.open_package(folder)
    assert pkg.stem == STEM and pkg.dated and pkg.item_error is None
    assert list(pkg.rasters) == ["LST", "QA", "VNIR"]  # RASTERS order
    assert pkg.path("TIEPOINTS", "json") == folder / f"{STEM}_TIEPOINTS.json"
    assert pkg.path("SCL") is None
    assert pkg.band_names("VNIR") == ["blue", "nir08", "x"]
    assert pkg.band_names("QA") == []  # no asset describes it
    assert pkg.item["properties"]["datetime"] == "2024-06-01T10:02:00Z"


def test_open_package_reports_a_broken_item_and_ignores_other_folders(tmp_path):
    folder = tmp_path / STEM
    _package(folder, "{ not json")
    pkg = layout.open_package(folder)
    assert pkg.item == {} and "METADATA.json" in pkg.item_error
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.txt").write_text("x", encoding="utf-8")
    assert layout.open_package(empty) is None
    l1c = tmp_path / "LC09_L1TP_195028_20240601_20240601_02_T1"  # a Level-1C folder with a *_QA.tif
    l1c.mkdir()
    (l1c / f"{l1c.name}_TIR_QA.tif").write_bytes(b"")
    assert not layout.open_package(l1c).dated


def test_every_file_the_writer_makes_is_in_the_table(tmp_path):
    """The writer and the layout agree: each file of a real package is a registered (TYPE, ext), its STAC
    asset has the table's key, and open_package finds every raster and the item."""
    from lst_studio.plugin.core.delivery.package import export_package
    from lst_studio.plugin.core.options import DeliveryOptions

    from .test_delivery import make_result

    folder = export_package(make_result(tmp_path / "src"), tmp_path / "out", DeliveryOptions())
    pkg = layout.open_package(folder)
    assert pkg.stem == folder.name and pkg.dated and pkg.item_error is None
    assets = {a["href"].removeprefix("./"): key for key, a in pkg.item["assets"].items()}
    for path in sorted(folder.iterdir()):
        stem, type_, ext = layout.split_name(path.name)
        spec = layout.file_type(type_, ext)  # KeyError: the writer made a file the layout does not know
        assert stem == folder.name
        assert assets.get(path.name, "") == spec.asset_key, path.name
    assert set(pkg.rasters) == {
        t.type_ for t in layout.RASTERS if (folder / f"{folder.name}_{t.type_}.tif").exists()
    }
    result = make_result(tmp_path / "src2")  # the same result: its band names come back from the STAC item
    assert pkg.band_names("VNIR") == result.band_names["VNIR"]
    assert pkg.band_names("EMISSIVITY") == ["lwir11", "lwir12"]
