"""Processing algorithms read the project (AOI layer, raster layers) on the main thread.

QgsProcessingAlgRunnerTask prepares an algorithm on the main thread and runs it on a worker thread. Reading
the AOI layer's features on the worker thread while the GUI changed the project crashed QGIS (segfault in
``params.aoi_input`` in 2 of 9 runs of the QGIS tests): ``LstAlgorithm.prepareAlgorithm`` reads them first.
"""

from __future__ import annotations

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QThread

from lst_studio.plugin.gui.tasks import AlgorithmRun, RunState
from lst_studio.plugin.processing import alg_produce_lst

from .waiting import wait_for


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("threads"), seed=3, size=96)


def _start(parameters: dict) -> tuple[AlgorithmRun, list]:
    run = AlgorithmRun("lststudio:producelst", parameters, "test")
    seen: list = []
    run.done.connect(lambda ok, _results, message: seen.append((ok, message)))
    run.start()
    assert wait_for(lambda: run.finished, 120)
    return run, seen


def test_the_aoi_layer_is_read_on_the_main_thread(provider, sample, tmp_path, monkeypatch):
    on_main = []
    real = alg_produce_lst.production_inputs

    def spy(*args):
        on_main.append(QThread.currentThread() == QCoreApplication.instance().thread())
        return real(*args)

    monkeypatch.setattr(alg_produce_lst, "production_inputs", spy)
    aoi = QgsVectorLayer("Polygon?crs=EPSG:4326", "AOI", "memory")
    QgsProject.instance().addMapLayer(aoi)
    try:
        run, seen = _start(
            {"INPUT": str(sample.product_dir), "AOI": aoi.id(), "OUTPUT_FOLDER": str(tmp_path)}
        )
    finally:
        QgsProject.instance().removeMapLayer(aoi.id())
    assert on_main == [True]
    # the error found on the main thread is the run's error, not a cancel
    assert run.state is RunState.FAILED and seen[0][0] is False
    assert "has no features" in seen[0][1], seen


def test_an_algorithm_run_directly_still_reads_its_inputs(provider, sample, tmp_path):
    """Without prepareAlgorithm (a direct processAlgorithm call) the inputs are read where it runs."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    alg = alg_produce_lst.ProduceLstAlgorithm()
    alg.initAlgorithm()
    context = QgsProcessingContext()
    out = alg.processAlgorithm(
        {"INPUT": str(sample.product_dir), "OUTPUT_FOLDER": str(tmp_path / "out")},
        context,
        QgsProcessingFeedback(),
    )
    assert out["ALGORITHM_USED"] in ("SW", "SC", "RTE")


def test_the_core_modules_are_imported_on_the_main_thread(provider, sample, tmp_path, monkeypatch):
    """``base.load_core`` imports the core (scipy, scikit-image, GDAL's bindings) before the worker starts:
    a first import on the worker while another thread imports from the same packages can fail half-way
    (tests/core/test_thread_imports.py)."""
    import importlib

    from lst_studio.plugin.processing import base

    imported = []
    real = importlib.import_module

    def spy(name, package=None):
        imported.append((name, QThread.currentThread() == QCoreApplication.instance().thread()))
        return real(name, package)

    monkeypatch.setattr(base.importlib, "import_module", spy)
    run, seen = _start({"INPUT": str(sample.product_dir), "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert run.state is RunState.SUCCEEDED, seen
    assert [name for name, _ in imported] == [f"..core.{m}" for m in base.CORE_MODULES]
    assert all(on_main for _, on_main in imported)
