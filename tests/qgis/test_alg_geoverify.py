"""Processing algorithm "Geometric verification" (lststudio:geoverify) on a shifted sample product."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer

from lst_studio.plugin.core.products.gver import read_gver

SHIFT_PX = (0.3, -0.2)  # sample convention: columns, rows (rows grow southwards)


@pytest.fixture(scope="module")
def shifted_sample(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    out = tmp_path_factory.mktemp("shifted")
    return write_sample(out, seed=1, tir_shift_px=SHIFT_PX, distortion_island=True)


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:geoverify")
    assert alg is not None and alg.displayName() == "Geometric verification"
    names = {p.name() for p in alg.parameterDefinitions()}
    assert {"INPUT", "AOI", "EXTENT", "OUTPUT", "POINTS"} <= names
    outputs = {o.name() for o in alg.outputDefinitions()}
    assert {
        "OUTPUT",
        "POINTS",
        "SUMMARY",
        "ASSESSED",
        "RADIAL_RMSE_PX",
        "CE90_M",
        "GIVEN_STATISTICS",
    } <= outputs


def test_run_writes_tiepoints_and_points_layer(provider, shifted_sample, tmp_path):
    import processing

    out_json = tmp_path / "TIEPOINTS.json"
    out_gpkg = tmp_path / "tiepoints.gpkg"
    res = processing.run(
        "lststudio:geoverify",
        {
            "INPUT": str(shifted_sample.geojson),
            "OUTPUT": str(out_json),
            "POINTS": str(out_gpkg),
        },
    )
    summary = json.loads(res["SUMMARY"])
    assert res["ASSESSED"] is True and summary["assessed"] is True
    truth = json.loads((shifted_sample.truth_dir / "tiepoints.json").read_text())
    sets = read_gver(out_json, kind="REL")
    red_tir = next(t for t in sets if (t.source, t.target) == ("red", "lwir11"))
    stats = next(p for p in summary["pairs"] if (p["source"], p["target"]) == ("red", "lwir11"))
    assert stats["mean_dx_m"] == pytest.approx(truth["dx_m_east"], abs=0.15 * 30)
    assert stats["mean_dy_m"] == pytest.approx(truth["dy_m_north"], abs=0.15 * 30)
    assert red_tir.score is not None and len(red_tir.score) == stats["count"]

    layer = QgsVectorLayer(str(out_gpkg), "tiepoints", "ogr")
    assert layer.isValid()
    assert layer.crs().authid() == "EPSG:4326"
    names = [f.name() for f in layer.fields()]
    for expected in ("source", "target", "dx_m", "dy_m", "d_m", "d_px", "score", "class", "outlier"):
        assert expected in names
    assert layer.featureCount() == sum(len(t.dxy_m) for t in sets)
    feats = [f for f in layer.getFeatures() if f["source"] == "red" and f["target"] == "lwir11"]
    assert all(0 <= f["class"] <= 4 for f in feats)
    assert any(bool(f["outlier"]) for f in feats)  # the distortion island


def test_extent_limits_the_tiepoints(provider, shifted_sample, tmp_path):
    import processing

    full = read_gver(
        processing.run(
            "lststudio:geoverify",
            {
                "INPUT": str(shifted_sample.geojson),
                "CLOUD_MASK": False,
                "OUTPUT": str(tmp_path / "a.json"),
            },
        )["OUTPUT"],
        kind="REL",
    )
    lon = full[0].lonlat[:, 0]
    lat = full[0].lonlat[:, 1]
    west = (
        f"{lon.min() - 0.01},{(lon.min() + lon.max()) / 2},{lat.min() - 0.01},{lat.max() + 0.01} [EPSG:4326]"
    )
    half = read_gver(
        processing.run(
            "lststudio:geoverify",
            {
                "INPUT": str(shifted_sample.geojson),
                "EXTENT": west,
                "CLOUD_MASK": False,
                "OUTPUT": str(tmp_path / "b.json"),
            },
        )["OUTPUT"],
        kind="REL",
    )
    assert 0 < len(half[0].dxy_m) < len(full[0].dxy_m)
    assert half[0].lonlat[:, 0].max() <= (lon.min() + lon.max()) / 2 + 0.01


def test_bad_input_raises(provider, tmp_path):
    import processing

    bad = tmp_path / "nothing.geojson"
    bad.write_text("{not json")
    with pytest.raises(QgsProcessingException):
        processing.run("lststudio:geoverify", {"INPUT": str(bad), "OUTPUT": str(tmp_path / "x.json")})
    assert not (tmp_path / "x.json").exists()
