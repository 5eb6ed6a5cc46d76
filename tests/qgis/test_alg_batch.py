"""Processing algorithm "Batch delivery packages" (lststudio:batchpackages) through processing.run."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsApplication, QgsProcessingFeedback

from lst_studio.plugin.core.delivery.validate import validate_package
from tests.core.batch_helpers import AOI_BOX, write_aoi, write_broken, write_products


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("alg-batch")
    good = write_products(folder, 2, 96)
    write_broken(good[0], folder)
    aoi = write_aoi(folder / "aoi.geojson", [("A1", "North field", AOI_BOX)])
    return folder / "products", aoi


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos, self.errors = [], []

    def pushInfo(self, info):
        self.infos.append(info)

    def reportError(self, error, fatalError=False):
        self.errors.append(error)


def test_batch_algorithm_is_registered_with_the_lst_options(provider):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:batchpackages")
    assert alg is not None and alg.displayName() == "Batch delivery packages"
    names = {p.name() for p in alg.parameterDefinitions()}
    assert {"PRODUCTS", "AOI_FILE", "ALGORITHM", "WATER_VAPOUR", "EMISSIVITY", "CLOUD_BUFFER"} <= names
    assert {"OUTPUT_FOLDER", "PRODUCT_TOKEN", "OVERWRITE", "SCHEDULER", "WORKERS"} <= names
    assert "INPUT" not in names and "AOI" not in names


def test_batch_algorithm_runs_reports_the_broken_product_and_skips_on_rerun(provider, inputs, tmp_path):
    import processing

    products, aoi = inputs
    out = tmp_path / "out"
    params = {"PRODUCTS": str(products), "AOI_FILE": str(aoi), "OUTPUT_FOLDER": str(out), "WORKERS": 1}
    feedback = Feedback()
    res = processing.run("lststudio:batchpackages", params, feedback=feedback)
    assert (res["DONE"], res["SKIPPED"], res["FAILED"]) == (2, 0, 1)
    assert any("BROKEN_PRODUCT" in e and "_TIR.tif" in e for e in feedback.errors), feedback.errors
    assert any("3/3:" in line and "0 remaining" in line for line in feedback.infos), feedback.infos
    doc = json.loads((out / "collection.json").read_text())
    assert res["COLLECTION"] == str(out / "collection.json")
    packages = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert len(packages) == 2 == len([lk for lk in doc["links"] if lk["rel"] == "item"])
    assert all(validate_package(p).ok for p in packages)
    again = processing.run("lststudio:batchpackages", params, feedback=Feedback())
    assert (again["DONE"], again["SKIPPED"], again["FAILED"]) == (0, 2, 1)
