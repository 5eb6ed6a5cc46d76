"""The dock end to end on the sample product: AOI, load, run in the task manager, styled layers,
tiepoints, export; and a run cancelled midway that leaves nothing loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsMultiBandColorRenderer,
    QgsPalettedRasterRenderer,
    QgsProject,
    QgsRectangle,
    QgsSingleBandPseudoColorRenderer,
)

from lst_studio.plugin.core.quality import SCL_CLASSES
from lst_studio.plugin.gui.dock import LstStudioDock
from lst_studio.plugin.gui.layers import group_layers
from lst_studio.plugin.gui.tasks import RunState
from tests.qgis.waiting import wait_for


def _algorithms() -> set[str]:
    try:
        from lst_studio.plugin.processing.provider import algorithm_classes

        return {cls().name() for cls in algorithm_classes()}
    except ImportError:
        return set()


pytestmark = pytest.mark.skipif(
    "producelst" not in _algorithms(), reason="lststudio:producelst not registered yet"
)


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from lst_studio.plugin.processing.provider import LstStudioProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("lststudio") is not None:  # registered by another test's plugin
        yield registry.providerById("lststudio")
        return
    prov = LstStudioProvider()
    registry.addProvider(prov)
    yield prov
    registry.removeProvider(prov)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("sample"), seed=1, size=160)


@pytest.fixture()
def dock(qgis_iface, qgis_new_project, qgis_canvas, provider, tmp_path):
    QgsProject.instance().clear()
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    d = LstStudioDock(qgis_iface, qgis_iface.mainWindow())
    d.ui.editOutputFolder.setText(str(tmp_path / "out"))
    d.ui.editProductToken.setText("LST")
    d.ui.editOrganizationId.setText("TEST-ORG")
    yield d
    d.shutdown()
    QgsProject.instance().clear()
    d.deleteLater()


def _set_aoi_inside_footprint(dock):
    """An AOI covering the central half of the product footprint, typed as a bbox."""
    ring = dock.summary.footprint_lonlat
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    hw, hh = (max(lons) - min(lons)) / 4, (max(lats) - min(lats)) / 4
    ui = dock.ui
    ui.editAoiName.setText("Sample centre")
    ui.editAoiId.setText("AOI-1")
    ui.spinXmin.setValue(cx - hw)
    ui.spinXmax.setValue(cx + hw)
    ui.spinYmin.setValue(cy - hh)
    ui.spinYmax.setValue(cy + hh)
    ui.btnApplyBbox.click()
    assert dock.aoi is not None
    return QgsRectangle(cx - hw, cy - hh, cx + hw, cy + hh)


def test_dock_end_to_end(dock, sample, qgis_iface):
    ui = dock.ui
    criticals_before = len(qgis_iface.messageBar().get_messages(Qgis.Critical))  # the bar is session-wide
    # Load the product: summary and footprint.
    assert dock.open_input(str(sample.product_dir), wait=True)
    assert dock.summary.platform and dock.summary.is_day
    summary_text = ui.textSummary.toPlainText()
    assert dock.summary.product_id in summary_text and "lwir11" in summary_text
    assert QgsProject.instance().mapLayersByName("LST Studio footprint")
    aoi_box = _set_aoi_inside_footprint(dock)

    # Run in the task manager; the UI stays live (progress arrives through the event loop).
    seen = []
    assert dock.start_run()
    dock.run.progress.connect(seen.append)
    assert not ui.btnRun.isEnabled() and ui.btnCancel.isEnabled()
    assert QgsApplication.taskManager().countActiveTasks() >= 1
    assert wait_for(lambda: dock.run.finished, 300), "the production task did not finish"
    assert wait_for(lambda: ui.btnRun.isEnabled())
    assert dock.result_group is not None, ui.labelRunStatus.text()
    assert ui.progressRun.value() == 100 and seen and max(seen) >= 99

    layers = group_layers(dock.result_group)
    assert {"LST", "LST_UNCERTAINTY", "CLOUD_MASK", "SCL", "QA"} <= set(layers)
    assert dock.result_group.name()
    lst = layers["LST"]
    assert isinstance(lst.renderer(), QgsSingleBandPseudoColorRenderer)
    labels = [label for label, _ in lst.renderer().legendSymbologyItems()]
    assert all(label.endswith("°C") for label in labels)
    # Values are °C in QGIS itself (Identify, statistics), over the quicklook's fixed day scale.
    stats = lst.dataProvider().bandStatistics(1)
    assert lst.name() == "LST (°C)"
    assert (lst.renderer().classificationMin(), lst.renderer().classificationMax()) == pytest.approx(
        (270.0 - 273.15, 330.0 - 273.15)
    )
    # LST is computed under clouds too (cloud tops), but QGIS's statistics of the shown layer are clear sky:
    # the same pixels and extremes as the delivered LST where CLOUD_MASK = 0 (issue 19, point 3)
    import numpy as np
    import rasterio

    folder = Path(lst.customProperty("lst_studio/file")).parent
    with rasterio.open(folder / "LST.tif") as src, rasterio.open(folder / "CLOUD_MASK.tif") as msk:
        kelvin, cloud = src.read(1, masked=True).filled(np.nan), msk.read(1)
    clear = kelvin[np.isfinite(kelvin) & (cloud == 0)]
    assert np.isfinite(kelvin[cloud == 1]).any()  # there are cloud tops to leave out
    assert stats.elementCount == clear.size
    assert (stats.minimumValue, stats.maximumValue) == pytest.approx(
        (clear.min() - 273.15, clear.max() - 273.15), abs=1e-3
    )
    # The run summary and the pixel inspector follow at once.
    assert (
        dock.run_summary is not None
        and dock.run_summary.hist_counts
        and sum(dock.run_summary.hist_counts) > 0
    )
    assert "°C" in dock.labelSummary.text() and dock.btnInspect.isEnabled()
    successes = qgis_iface.messageBar().get_messages(Qgis.Success)
    assert successes and "°C" in successes[-1]
    # The result covers the AOI (snapped to the thermal grid), not the whole scene.
    from qgis.core import QgsCoordinateTransform

    extent = QgsCoordinateTransform(
        lst.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    ).transformBoundingBox(lst.extent())
    assert extent.intersects(aoi_box) and extent.width() < 1.5 * aoi_box.width()

    cloud = layers["CLOUD_MASK"].renderer()
    assert isinstance(cloud, QgsPalettedRasterRenderer)
    alpha = {c.value: c.color.alpha() for c in cloud.classes()}
    assert alpha[0] == 0 and alpha[1] > 0
    scl = layers["SCL"].renderer()
    assert {c.label for c in scl.classes()} == {c.title for c in SCL_CLASSES}
    qa_labels = [c.label for c in layers["QA"].renderer().classes()]
    assert qa_labels and all(label for label in qa_labels)
    if "VNIR" in layers:
        assert isinstance(layers["VNIR"].renderer(), QgsMultiBandColorRenderer)
    visible = {
        k
        for k, lyr in layers.items()
        if QgsProject.instance().layerTreeRoot().findLayer(lyr.id()).isVisible()
    }
    assert visible == {"LST", "CLOUD_MASK"}

    # Tiepoints: the result's own (pipeline GVER_REL) come with the group, one layer per pair, and
    # the table agrees with the layers.
    result_tp = list(dock.tiepoint_layers)
    for tp in result_tp:
        assert tp.crs().authid() == "EPSG:4326"
        assert isinstance(tp.renderer(), QgsCategorizedSymbolRenderer)
    counts = [int(ui.tableTiepoints.item(r, 1).text()) for r in range(ui.tableTiepoints.rowCount())]
    assert counts == [tp.featureCount() for tp in result_tp]
    # The product's GVER_ABS file loads as well (the user's "Load tiepoints…").
    (gver_abs,) = sample.product_dir.glob("*_GVER_ABS.json")
    abs_layers = dock.load_tiepoint_file(str(gver_abs))
    counts = [int(ui.tableTiepoints.item(r, 1).text()) for r in range(ui.tableTiepoints.rowCount())]
    assert counts == [tp.featureCount() for tp in abs_layers] and sum(counts) > 0
    assert {f["class"] for tp in abs_layers for f in tp.getFeatures()} <= {0, 1, 2, 3, 4}

    # Export the delivery package from the dock.
    if "exportpackage" not in _algorithms():
        pytest.skip("lststudio:exportpackage not registered yet (production part passed)")
    assert dock.start_export()
    assert wait_for(lambda: dock.export_run.finished, 300), "the export task did not finish"
    assert wait_for(lambda: ui.btnExport.isEnabled())
    assert dock.package_folder is not None and dock.package_folder.is_dir(), ui.labelExportStatus.text()
    assert ui.progressExport.value() == 100
    assert ui.btnOpenFolder.isEnabled()
    # the export algorithm's self-check (VALID / VALIDATION outputs) is what the dock shows first
    validation = ui.textValidation.toPlainText().splitlines()
    assert validation[0] == "Validation passed.", validation[:10]
    assert validation[1].startswith("Package self-check passed: ") and "0 FAIL" in validation[1]
    package_lst = list(dock.package_folder.glob("*_LST.tif"))
    assert package_lst

    # The package loads too: uint16 scale 0.01 K, still °C labels with kelvin class values.
    assert dock.load_results(str(dock.package_folder))
    pkg_layers = group_layers(dock.result_group)
    pkg_lst = pkg_layers["LST"]
    assert pkg_lst.dataProvider().bandScale(1) == pytest.approx(0.01)
    assert pkg_lst.dataProvider().bandOffset(1) == pytest.approx(-273.15)  # °C on the map
    assert pkg_lst.renderer().classificationMin() == pytest.approx(270.0 - 273.15)
    # a package is shown, not re-exported: the Export tab says so instead of naming the previous run
    assert dock.result_folder is None and "package" in ui.labelExportStatus.text()
    assert all(label.endswith("°C") for label, _ in pkg_lst.renderer().legendSymbologyItems())
    assert len(qgis_iface.messageBar().get_messages(Qgis.Critical)) == criticals_before


def test_cancel_midway_leaves_nothing_loaded(dock, sample, qgis_iface):
    assert dock.open_input(str(sample.product_dir), wait=True)
    groups_before = len(QgsProject.instance().layerTreeRoot().children())
    assert dock.start_run()
    run = dock.run
    at_cancel = []

    def cancel_on_progress(p):
        if not at_cancel and 0 < p < 100:
            at_cancel.append(p)
            dock.ui.btnCancel.click()

    run.progress.connect(cancel_on_progress)
    assert wait_for(lambda: run.finished, 300)
    assert wait_for(lambda: dock.ui.btnRun.isEnabled())
    assert at_cancel and at_cancel[0] < 100, "the run finished before it could be cancelled"
    assert dock.result_group is None
    assert len(QgsProject.instance().layerTreeRoot().children()) == groups_before
    assert run.state is RunState.CANCELLED  # a structured state, whatever the language of the message
    assert dock.ui.labelRunStatus.text()
    assert dock.ui.progressRun.value() == 0


def test_failed_run_reports_the_error_and_loads_nothing(dock, sample, qgis_iface):
    assert dock.open_input(str(sample.product_dir), wait=True)
    # An AOI far away from the scene: the production fails with our AOI error.
    dock.ui.spinXmin.setValue(-70.0)
    dock.ui.spinXmax.setValue(-69.0)
    dock.ui.spinYmin.setValue(10.0)
    dock.ui.spinYmax.setValue(11.0)
    dock.ui.btnApplyBbox.click()
    criticals = len(qgis_iface.messageBar().get_messages(Qgis.Critical))
    groups_before = len(QgsProject.instance().layerTreeRoot().children())
    assert dock.start_run()
    assert wait_for(lambda: dock.run.finished, 120)
    assert wait_for(lambda: dock.ui.btnRun.isEnabled())
    messages = qgis_iface.messageBar().get_messages(Qgis.Critical)[criticals:]
    assert len(messages) == 1 and "aoi" in messages[0].lower(), messages
    assert dock.result_group is None
    assert len(QgsProject.instance().layerTreeRoot().children()) == groups_before
    assert dock.ui.labelRunStatus.text() and dock.ui.progressRun.value() == 0
