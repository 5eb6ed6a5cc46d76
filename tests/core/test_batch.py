"""Batch production without a cluster: inputs, AOIs, sizing, one task, progress figures, the STAC Collection."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lst_studio.plugin.core import batch
from lst_studio.plugin.core.batch.runner import BatchStatus
from lst_studio.plugin.core.delivery.validate import validate_package
from lst_studio.plugin.core.errors import AoiError, LstError
from lst_studio.plugin.core.options import DeliveryOptions, LstOptions

from .batch_helpers import AOI_BOX, write_aoi, write_broken, write_products

GB = 1024**3


@pytest.fixture(scope="module")
def two_products(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch-products")
    good = write_products(folder, 2, 96)
    return folder, good, write_broken(good[0], folder)


# ------------------------------------------------------------------------------------------- inputs


def test_products_from_folder_glob_list_and_item_collection(two_products, tmp_path):
    folder, good, broken = two_products
    expected = sorted([*good, broken])
    assert batch.find_products(folder / "products") == expected
    assert batch.find_products(str(folder / "products" / "LANDSAT-9*")) == sorted(good)
    assert batch.find_products(good[0]) == [good[0]]  # a product folder is one product
    listing = tmp_path / "list.txt"
    listing.write_text(f"# two products\n{good[1]}\n\n{good[0]}  # first\n{good[1]}\n", encoding="utf-8")
    assert batch.find_products(listing) == [good[1], good[0]]  # list order, duplicates once
    items = [json.loads(next(p.glob("*_product.json")).read_text()) for p in good]
    items[0]["links"] = [{"rel": "self", "href": str(next(good[0].glob("*_product.json")))}]
    items[1]["links"] = []  # no self link: the .geojson asset, relative to the item's folder
    for a in items[1]["assets"].values():
        a["href"] = f"{good[1].name}/{a['href'][2:]}"
    ic = folder / "products" / "items.json"
    ic.write_text(json.dumps({"type": "FeatureCollection", "features": items}), encoding="utf-8")
    found = batch.find_products(ic)
    assert found[0] == next(good[0].glob("*_product.json"))
    assert found[1] == next(good[1].glob("*.geojson"))
    ic.unlink()


def test_products_nothing_found_and_remote_items(tmp_path):
    with pytest.raises(LstError, match="nothing found"):
        batch.find_products(str(tmp_path / "*.none"))
    ic = tmp_path / "remote.json"
    item = {"id": "x", "links": [], "assets": {"p": {"href": "https://example.org/x_product.json"}}}
    ic.write_text(json.dumps({"type": "FeatureCollection", "features": [item]}), encoding="utf-8")
    with pytest.raises(LstError, match="item 'x'.*downloaded first"):
        batch.find_products(ic)


def test_aoi_features_give_id_and_name(tmp_path):
    path = write_aoi(tmp_path / "a.geojson", [("F1", "Field one", AOI_BOX), ("F2", "", AOI_BOX)])
    aois = batch.read_aois(path)
    assert [(a.id, a.name, a.crs) for a in aois] == [
        ("F1", "Field one", "EPSG:4326"),
        ("F2", "F2", "EPSG:4326"),
    ]
    assert aois[0].geometry["type"] == "Polygon"
    assert batch.read_aois(None) == [None]


def test_aoi_errors_name_file_and_field(tmp_path):
    dup = write_aoi(tmp_path / "d.geojson", [("A", "a", AOI_BOX), ("A", "b", AOI_BOX)])
    with pytest.raises(AoiError, match=r"d\.geojson: field 'id': expected unique ids, repeated: A"):
        batch.read_aois(dup)
    doc = json.loads(dup.read_text())
    doc["features"][1]["properties"] = {"name": "no id"}
    dup.write_text(json.dumps(doc))
    with pytest.raises(AoiError, match=r"feature 1: field 'id'"):
        batch.read_aois(dup)
    with pytest.raises(AoiError, match="AOI file not found"):
        batch.read_aois(tmp_path / "missing.geojson")


def test_aoi_from_a_geopackage_is_transformed_to_wgs84(tmp_path):
    ogr = pytest.importorskip("osgeo.ogr")
    osr = pytest.importorskip("osgeo.osr")
    path = tmp_path / "aoi.gpkg"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32635)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("aoi", srs, ogr.wkbPolygon)
    for name in ("id", "name"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    feat = ogr.Feature(layer.GetLayerDefn())
    feat.SetField("id", "U1")
    feat.SetField("name", "UTM field")
    feat.SetGeometry(
        ogr.CreateGeometryFromWkt(
            "POLYGON((517000 4255000,519000 4255000,519000 4257000,517000 4257000,517000 4255000))"
        )
    )
    layer.CreateFeature(feat)
    ds = None
    (aoi,) = batch.read_aois(path)
    assert (aoi.id, aoi.name, aoi.crs) == ("U1", "UTM field", "EPSG:4326")
    lon, lat = aoi.geometry["coordinates"][0][0]
    # UTM 35N (central meridian 27 E): easting 517 km is 0.19° east of it at 38.4° N
    assert lon == pytest.approx(27.195, abs=0.01) and lat == pytest.approx(38.44, abs=0.01)


# ------------------------------------------------------------------------------------------- sizing


@pytest.mark.parametrize(
    ("cores", "memory_gb", "budget_mb", "workers", "threads"),
    [
        (2, 24, 1024, 2, 1),  # this machine: one single-thread scene per core
        (8, 8, 1024, 3, 2),  # memory-bound: 6.4 GB / 2 GB per scene -> 3 workers, 8 // 3 threads each
        (4, 1, 1024, 1, 4),  # too little memory for two scenes: one worker with every core
        (16, 64, 512, 16, 1),
    ],
)
def test_default_sizing_never_oversubscribes(cores, memory_gb, budget_mb, workers, threads):
    s = batch.default_sizing(budget_mb, cores=cores, memory=memory_gb * GB)
    assert (s.workers, s.scene_threads) == (workers, threads)
    assert s.workers * s.scene_threads <= cores
    assert s.memory_limit == int(0.8 * memory_gb * GB // workers)


def test_status_counts_and_eta():
    st = BatchStatus(10)
    st.started -= 60.0  # one minute in
    assert st.eta is None  # nothing measured yet
    st.counts[batch.SKIPPED] = 2  # skips are quick: they do not set the pace
    st.counts[batch.DONE] = 2
    st.counts[batch.FAILED] = 1
    assert st.remaining == 5
    assert st.eta == pytest.approx(60.0 / 3 * 5, rel=0.01)
    assert "5/10: 2 done, 2 skipped, 1 failed, 5 remaining" in st.line()
    assert "ETA 1 min 40 s" in st.line()


# ------------------------------------------------------------------------------------------- one task


def test_one_task_done_then_skipped_and_a_failure_is_a_summary(two_products, tmp_path):
    _, good, broken = two_products
    aoi = batch.read_aois(write_aoi(tmp_path / "a.geojson", [("F1", "Field one", AOI_BOX)]))
    out = tmp_path / "out"
    tasks = batch.make_tasks([good[0], broken], aoi, LstOptions(), DeliveryOptions(), out)
    first = batch.run_task(tasks[0])
    assert first["status"] == batch.DONE, first
    package = out / first["package"]
    assert validate_package(package).ok
    meta = json.loads((package / f"{package.name}_METADATA.json").read_text())
    assert meta["properties"]["lst:area_of_interest_id"] == "F1"
    assert meta["properties"]["lst:area_of_interest_name"] == "Field one"
    assert first["lst_min"] <= first["lst_median"] <= first["lst_max"]
    assert first["datetime"].startswith("2022-04-01T08:40")
    again = batch.run_task(tasks[0])
    assert again["status"] == batch.SKIPPED and again["package"] == first["package"]
    failed = batch.run_task(tasks[1])
    assert failed["status"] == batch.FAILED
    assert "BROKEN_PRODUCT" in failed["error"] and "_TIR.tif" in failed["error"]
    # stages (in the one work place, .lststudio-work) removed, and the emptied work place with them
    assert sorted(p.name for p in out.iterdir()) == [".lst-batch", first["package"]]
    assert sorted(p.name for p in (out / ".lst-batch").iterdir()) == ["done"]
    # a damaged package is not "complete and valid": the next run makes it again
    next(package.glob("*_LST.tif")).write_bytes(b"damaged")
    redo = batch.run_task(tasks[0])
    assert redo["status"] == batch.DONE and validate_package(out / redo["package"]).ok


def test_collection_over_packages_validates(two_products, tmp_path, shared_dir):
    _, good, _ = two_products
    out = tmp_path / "out"
    tasks = batch.make_tasks(good, [None], LstOptions(), DeliveryOptions(), out)
    names = [batch.run_task(t)["package"] for t in tasks]
    path = batch.write_collection(out, names)
    doc = json.loads(path.read_text())
    assert doc["type"] == "Collection" and doc["stac_version"] == "1.1.0"
    assert [lk["href"] for lk in doc["links"] if lk["rel"] == "item"] == [
        f"./{n}/{n}_METADATA.json" for n in sorted(names)
    ]
    s = doc["summaries"]
    assert s["datetime"] == {"minimum": "2022-04-01T08:40:00Z", "maximum": "2022-04-17T08:40:00Z"}
    assert doc["extent"]["temporal"]["interval"] == [["2022-04-01T08:40:00Z", "2022-04-17T08:40:00Z"]]
    items = [json.loads((out / n / f"{n}_METADATA.json").read_text())["properties"] for n in names]
    assert s["lst:median_lst"] == {
        "minimum": min(p["lst:median_lst"] for p in items),
        "maximum": max(p["lst:median_lst"] for p in items),
    }
    assert s["eo:cloud_cover"]["minimum"] <= s["eo:cloud_cover"]["maximum"]
    assert batch.collection_packages(path) == sorted((out / n).resolve() for n in names)
    check = subprocess.run(
        ["/usr/bin/python3", str(shared_dir / "validators" / "validate_stac.py"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_cli_help_is_import_light():
    """``python -m lst_studio batch --help`` answers without importing the core, Dask or numpy."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys, runpy\n"
        "sys.argv = ['lst_studio', 'batch', '--help']\n"
        "try:\n    runpy.run_module('lst_studio', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'distributed', 'lst_studio.plugin') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, str(root / "tools" / "plugin_alias.py"), "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "--scheduler" in out.stdout
    assert out.stdout.strip().endswith("[]")


def test_threads_per_scene_on_a_cluster_share_each_hosts_cores():
    workers = {
        "tcp://a:1": {"host": "a", "nthreads": 1},
        "tcp://a:2": {"host": "a", "nthreads": 1},
        "tcp://b:1": {"host": "b", "nthreads": 2},
    }
    # host a: 8 cores for 2 single-task workers -> 4; host b: 4 cores for 2 task slots -> 2; the least wins
    assert batch.threads_per_scene(workers, {"tcp://a:1": 8, "tcp://a:2": 8, "tcp://b:1": 4}) == 2
    # more task slots than cores never gives 0 threads
    assert batch.threads_per_scene({"w": {"host": "c", "nthreads": 4}}, {"w": 2}) == 1
    assert batch.threads_per_scene({}, {}) == 1


def test_unreachable_scheduler_is_an_error_naming_the_address(monkeypatch, tmp_path):
    import socket

    from lst_studio.plugin.core.batch import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 2)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once the socket is closed
    address = f"tcp://127.0.0.1:{port}"
    with pytest.raises(LstError, match=f"scheduler {address}: cannot connect"), batch.open_client(address):
        pass


def test_summary_figures_are_the_run_summarys():
    """A task's figures are core.run_summary's (the same start_datetime fallback and float cloud share)."""
    from lst_studio.plugin.core.batch.task import _outcome

    metadata = {
        "scene": {"start_datetime": "2022-04-01T08:40:00Z", "platform": "LANDSAT-9"},
        "masks": {"percentages": {"cloud": 12}},
        "lst_stats": {"min": 280.25, "median": 290.5, "max": 301.0},
        "warnings": ["a", "b"],
    }
    assert _outcome(metadata) == {
        "datetime": "2022-04-01T08:40:00Z",
        "platform": "LANDSAT-9",
        "cloud_percent": 12.0,
        "lst_min": 280.25,
        "lst_median": 290.5,
        "lst_max": 301.0,
        "warnings": 2,
    }
    nothing = _outcome({})  # a result without figures: nothing invented
    assert nothing["datetime"] is None and nothing["cloud_percent"] is None and nothing["warnings"] == 0


def test_user_json_is_read_by_the_one_loader(tmp_path):
    """AOI files and ItemCollections go through core.jsonload: errors name the file and where."""
    from lst_studio.plugin.core.errors import ProductError

    aoi = tmp_path / "a.geojson"
    for text, expected in (
        (
            '{"type": "FeatureCollection", "features": [1e400]}',
            r"a\.geojson: field 'line 1 column \d+'.*finite",
        ),
        ("[" * 100_000 + "]" * 100_000, r"a\.geojson: field 'line 1 column \d+': nested too deeply"),
        ('{"type": "FeatureCollection", "features": [1, 2]}', r"a\.geojson: feature 0: expected a GeoJSON"),
        ('{"type": "FeatureCollection", "features": {}}', r"a\.geojson: field 'features': expected a list"),
        ("[1]", r"a\.geojson: field 'document root': expected a GeoJSON object"),
    ):
        aoi.write_text(text, encoding="utf-8")
        with pytest.raises(AoiError, match=expected):
            batch.read_aois(aoi)
    ic = tmp_path / "items.json"
    ic.write_text('{"type": "FeatureCollection", "features": [' + "7" * 5000 + "]}", encoding="utf-8")
    with pytest.raises(
        ProductError, match=r"items\.json: field 'line 1 column \d+': an integer of 5000 digits"
    ):
        batch.find_products(ic)
    ic.write_text('{"type": "FeatureCollection", "features": ["x"]}', encoding="utf-8")
    with pytest.raises(ProductError, match=r"items\.json: field 'features\[0\]': str; expected a STAC item"):
        batch.find_products(ic)


def test_sizing_uses_the_one_memory_probe_which_needs_no_psutil(monkeypatch):
    """cluster and plausibility share physical_memory_bytes: without psutil it falls back to sysconf."""
    import os

    monkeypatch.setitem(sys.modules, "psutil", None)  # "import psutil" raises ImportError
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    s = batch.default_sizing(1024, cores=2)
    assert s.memory_limit == int(0.8 * memory // s.workers)
    assert batch.explicit_sizing(2, 1).memory_limit == int(0.8 * memory // 2)


def test_a_users_collection_file_errors_name_file_and_field(tmp_path):
    from lst_studio.plugin.core.errors import ProductError

    c = tmp_path / "collection.json"
    c.write_text('{"type": "Collection", "links": ["x", {"rel": "item", "href": "./a/a_METADATA.json"}]}')
    assert batch.is_collection(c)
    assert batch.collection_packages(c) == [(tmp_path / "a").resolve()]  # what is no link is no item
    c.write_text('{"type": "Collection", "links": [{"rel": "item", "href": 5}]}')
    with pytest.raises(ProductError, match=r"collection\.json: field 'links \(item 0\)\.href': 5; expected"):
        batch.collection_packages(c)
    c.write_text('{"type": "Collection", "links": [' + "1" * 5000 + "]}")
    with pytest.raises(ProductError, match=r"collection\.json: field 'line 1 column \d+': an integer"):
        batch.collection_packages(c)
    assert not batch.is_collection(c)
