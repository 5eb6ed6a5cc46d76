"""Processing algorithms "Export delivery package" and "Produce delivery package" through processing.run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import rasterio
from qgis.core import QgsApplication, QgsProcessingException

from lst_studio.plugin.core.delivery.validate import validate_package
from tests.core.test_delivery import make_result


def test_both_algorithms_are_registered(provider):
    reg = QgsApplication.processingRegistry()
    export = reg.algorithmById("lststudio:exportpackage")
    produce = reg.algorithmById("lststudio:producepackage")
    assert export.displayName() == "Export delivery package"
    assert produce.displayName() == "Produce delivery package"
    delivery = {"OUTPUT_FOLDER", "PRODUCT_TOKEN", "ORGANIZATION_ID", "OVERWRITE", "ZIP"}
    assert {"INPUT"} | delivery <= {p.name() for p in export.parameterDefinitions()}
    assert {"INPUT", "AOI", "ALGORITHM", "WATER_VAPOUR"} | delivery <= {
        p.name() for p in produce.parameterDefinitions()
    }
    outputs = {
        "PACKAGE",
        "LST",
        "CLOUD_MASK",
        "QA",
        "SCL",
        "LST_UNCERTAINTY",
        "TIEPOINTS",
        "LST_MIN",
        "LST_MEDIAN",
        "LST_MAX",
        "CLOUD_PERCENT",
        "VALID",
        "VALIDATION",
    }
    assert outputs <= {o.name() for o in produce.outputDefinitions()}
    assert outputs <= {o.name() for o in export.outputDefinitions()}


def test_export_a_result_folder(provider, tmp_path):
    import processing

    result = make_result(tmp_path / "result")
    result.save()
    out = tmp_path / "out"
    params = {
        "INPUT": str(result.workdir),
        "OUTPUT_FOLDER": str(out),
        "PRODUCT_TOKEN": "lstx",
        "ORGANIZATION_ID": "org-1",
        "ZIP": True,
    }
    res = processing.run("lststudio:exportpackage", params)
    package = Path(res["PACKAGE"])
    assert package.name.startswith("LSTX_LANDSAT9_") and package.parent == out
    assert Path(res["ZIP_FILE"]).is_file()
    assert res["LST_MEDIAN"] == pytest.approx(result.metadata["lst_stats"]["median"], abs=0.01)
    assert res["CLOUD_PERCENT"] == pytest.approx(2.5)
    with rasterio.open(res["LST"]) as src:
        assert src.dtypes[0] == "uint16" and src.scales[0] == 0.01
    item = json.loads(Path(res["METADATA"]).read_text())
    assert item["properties"]["lst:organization_id"] == "org-1"
    # the package's self-check: every file, asset, COG, XML element and CEOS-ARD requirement
    assert res["VALID"] is True
    assert res["VALIDATION"].startswith("Package self-check passed: ")
    assert len(res["VALIDATION"].splitlines()) == 1  # passing checks are counted, not listed
    assert res["VALIDATION"] == validate_package(package).summary
    # a second run without OVERWRITE refuses, with the package untouched
    with pytest.raises(QgsProcessingException, match="exists"):
        processing.run("lststudio:exportpackage", params)
    assert package.is_dir()


def test_produce_package_on_the_sample(provider, sample_product, tmp_path, shared_dir):
    import processing

    out = tmp_path / "out"
    res = processing.run(
        "lststudio:producepackage",
        {
            "INPUT": str(next(sample_product.glob("*.geojson"))),  # a File parameter: not the folder
            "WATER_VAPOUR": 2.0,
            "OUTPUT_FOLDER": str(out),
            "ORGANIZATION_ID": "demo",
        },
    )
    package = Path(res["PACKAGE"])
    for key in ("LST", "CLOUD_MASK", "QA", "SCL", "LST_UNCERTAINTY"):
        assert Path(res[key]).parent == package
    assert res["LST_MIN"] <= res["LST_MEDIAN"] <= res["LST_MAX"]
    assert 270 < res["LST_MEDIAN"] < 320  # the sample's clear land; its hot spot reaches ~400 K
    with rasterio.open(res["LST"]) as src:
        dn = src.read(1)
        lst = dn[dn != src.nodata] * src.scales[0]
    assert lst.min() - 0.01 <= res["LST_MIN"] and res["LST_MAX"] <= lst.max() + 0.01
    assert 0 <= res["CLOUD_PERCENT"] <= 100
    assert [p.name for p in out.iterdir()] == [package.name]  # the temporary result is gone
    check = subprocess.run(
        [
            "/usr/bin/python3",
            str(shared_dir / "validators" / "check_package.py"),
            "--strict-cog",
            "-q",
            str(package),
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout[-3000:]
    # both the kit and the built-in self-check pass the same package
    assert res["VALID"] is True, res["VALIDATION"]
    assert res["VALIDATION"].startswith("Package self-check passed: ") and "0 FAIL" in res["VALIDATION"]


def test_a_broken_package_is_reported_not_valid(provider, tmp_path, monkeypatch):
    """An export whose COG ends up truncated (a real broken file): the run fails (issue 18: a failed
    self-check is no success), its message and the log's summary name the package and the file."""
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    from lst_studio.plugin.core.delivery import package as package_module

    real_export = package_module.export_package

    def export_then_truncate(*args, **kwargs):
        folder = real_export(*args, **kwargs)
        lst = next(folder.glob("*_LST.tif"))
        data = lst.read_bytes()
        lst.write_bytes(data[: len(data) // 2])
        return folder

    monkeypatch.setattr(package_module, "export_package", export_then_truncate)
    result = make_result(tmp_path / "result")
    result.save()
    errors = []

    class Feedback(QgsProcessingFeedback):
        def reportError(self, error, fatalError=False):
            errors.append(error)

    with pytest.raises(QgsProcessingException, match="failed its self-check") as info:
        processing.run(
            "lststudio:exportpackage",
            {"INPUT": str(result.workdir), "OUTPUT_FOLDER": str(tmp_path / "out")},
            feedback=Feedback(),
        )
    (package,) = (tmp_path / "out").iterdir()  # kept for inspection
    assert str(package) in str(info.value)
    summary = next(e for e in errors if e.startswith("Package self-check FAILED"))
    lst_name = next(package.glob("*_LST.tif")).name
    assert f"FAIL asset lst: ./{lst_name}" in summary
    assert f"FAIL raster {lst_name}: cannot be read completely" in summary


def test_cancel_during_the_self_check_keeps_the_package_and_says_so(provider, tmp_path, monkeypatch):
    """Cancel arriving after the package is in place: no "nothing was written" error, VALID unknown."""
    import processing
    from qgis.core import QgsProcessingFeedback

    from lst_studio.plugin.core.delivery import package as package_module

    feedback = QgsProcessingFeedback()
    real_export = package_module.export_package

    def export_then_cancel(*args, **kwargs):
        folder = real_export(*args, **kwargs)
        feedback.cancel()
        return folder

    monkeypatch.setattr(package_module, "export_package", export_then_cancel)
    result = make_result(tmp_path / "result")
    result.save()
    res = processing.run(
        "lststudio:exportpackage",
        {"INPUT": str(result.workdir), "OUTPUT_FOLDER": str(tmp_path / "out")},
        feedback=feedback,
    )
    assert Path(res["PACKAGE"]).is_dir() and res["VALID"] is None
    assert res["VALIDATION"] == "Self-check cancelled: the package is written but was not checked."
