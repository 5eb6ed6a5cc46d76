"""Runs inside QGIS desktop (``qgis --code``) for tools/desktop_screenshot.sh.

Opens the LST Studio dock through the plugin, drives it like an analyst (open the sample product,
type an AOI, produce LST in the task manager, inspect a pixel, show QA, export the package, run the
clear-sky statistics over $LSTSTUDIO_CSO_INPUT) and saves ``iface.mainWindow().grab()`` screenshots
``{mode}_NN_name.png`` into $LSTSTUDIO_SCREENSHOT_DIR; the same in English and (mode "de") German.
Ends by clearing the project and triggering actionExit (the exit pattern that returns 0).
"""

import json
import os
import traceback
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import active_plugins, iface, plugins

OUT = Path(os.environ["LSTSTUDIO_SCREENSHOT_DIR"])
MODE = os.environ.get("LSTSTUDIO_SCREENSHOT_MODE", "en")
SAMPLE = os.environ.get("LSTSTUDIO_SAMPLE", "")
CSO_INPUT = os.environ.get("LSTSTUDIO_CSO_INPUT", "")
status = {"mode": MODE, "active_plugins": list(active_plugins), "shots": [], "errors": []}


def grab(name):
    path = OUT / f"{MODE}_{name}.png"
    iface.mainWindow().grab().save(str(path))
    status["shots"].append(path.name)


def save_status():
    (OUT / f"status_{MODE}.json").write_text(json.dumps(status, indent=1, default=str))


def finish():
    save_status()
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()


def guarded(fn):
    def wrapper():
        try:
            fn()
        except Exception:
            status["errors"].append(traceback.format_exc())
            finish()

    return wrapper


def later(ms, fn):
    QTimer.singleShot(ms, guarded(fn))


def dock():
    return plugins["lst_studio"].dock


@guarded
def start():
    iface.mainWindow().resize(1600, 1000)
    plugin = plugins["lst_studio"]
    plugin.toggle_dock(True)
    d = plugin.dock
    status["provider"] = QgsApplication.processingRegistry().providerById("lststudio") is not None
    status["tab_titles"] = [d.ui.tabs.tabText(i) for i in range(d.ui.tabs.count())]
    status["dock_min_size"] = [d.minimumSizeHint().width(), d.minimumSizeHint().height()]
    d.ui.editOutputFolder.setText(str(OUT / f"output_{MODE}"))
    d.ui.editOrganizationId.setText("LST-STUDIO-DEMO")
    d.ui.tabs.setCurrentWidget(d.ui.tabInput)
    if not d.open_input(SAMPLE, wait=True):
        status["errors"].append("open_input failed: " + d.ui.textSummary.toPlainText())
        later(1000, finish)
        return
    status["project_crs"] = QgsProject.instance().crs().authid()
    later(2500, first_look)


def first_look():
    grab("01_first_look")
    d = dock()
    s = d.summary
    lons = [p[0] for p in s.footprint_lonlat]
    lats = [p[1] for p in s.footprint_lonlat]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    hw, hh = (max(lons) - min(lons)) * 0.35, (max(lats) - min(lats)) * 0.35
    d.ui.editAoiName.setText("Sample centre")
    d.ui.editAoiId.setText("AOI-1")
    d.ui.spinXmin.setValue(cx - hw)
    d.ui.spinXmax.setValue(cx + hw)
    d.ui.spinYmin.setValue(cy - hh)
    d.ui.spinYmax.setValue(cy + hh)
    d.ui.btnApplyBbox.click()
    d.ui.tabs.setCurrentWidget(d.ui.tabRun)
    if not d.start_run():
        status["errors"].append("start_run refused")
        later(500, finish)
        return
    wait_for(lambda: d.run is not None and d.run.finished, results_shot, "run")


def wait_for(predicate, then, what, waited=0):
    if predicate():
        later(4000, then)  # let the canvas render the new layers
    elif waited > 240000:
        status["errors"].append(f"{what} did not finish in 240 s")
        finish()
    else:
        later(500, lambda: wait_for(predicate, then, what, waited + 500))


def _scroll_to(widget):
    scroll = dock().widget()
    if hasattr(scroll, "ensureWidgetVisible"):
        scroll.ensureWidgetVisible(widget, 0, 0)
        scroll.horizontalScrollBar().setValue(0)


def results_shot():
    d = dock()
    if d.result_group is None:
        status["errors"].append("no result group: " + d.ui.labelRunStatus.text())
        finish()
        return
    status["run_status"] = d.ui.labelRunStatus.text()
    status["result_group"] = d.result_group.name()
    status["result_layers"] = [n.name() for n in d.result_group.children()]
    status["summary"] = d.labelSummary.text()
    status["messages"] = (
        [w.text() for w in iface.messageBar().items()] if hasattr(iface.messageBar(), "items") else []
    )
    for node in d.result_group.children():  # fold everything but LST so its legend shows
        node.setExpanded(node.name().startswith("LST ("))
    _scroll_to(d.labelSummary)
    grab("02_result_legend_summary")
    # Pixel inspector at the centre of the result.
    lst = next(
        n.layer() for n in d.result_group.findLayers() if n.layer().customProperty("lst_studio/type") == "LST"
    )
    d.btnInspect.setChecked(True)
    from qgis.core import QgsCoordinateTransform

    to_canvas = QgsCoordinateTransform(
        lst.crs(), iface.mapCanvas().mapSettings().destinationCrs(), QgsProject.instance()
    )
    d.map_tool._clicked(to_canvas.transform(lst.extent().center()))  # as a click on the canvas
    status["inspector"] = [
        [d.tableInspector.item(r, c).text() for c in (0, 1)] for r in range(d.tableInspector.rowCount())
    ]
    _scroll_to(d.tableInspector)
    later(1500, inspector_shot)


def inspector_shot():
    grab("03_pixel_inspector")
    d = dock()
    d.btnInspect.setChecked(False)
    for node in d.result_group.findLayers():
        node.setItemVisibilityChecked(node.layer().customProperty("lst_studio/type") == "QA")
        node.setExpanded(node.layer().customProperty("lst_studio/type") == "QA")
    later(3000, qa_shot)


def qa_shot():
    grab("04_qa_legend")
    d = dock()
    for node in d.result_group.findLayers():
        key = node.layer().customProperty("lst_studio/type")
        node.setItemVisibilityChecked(key in ("LST", "CLOUD_MASK"))
        node.setExpanded(key == "LST")
    d.ui.tabs.setCurrentWidget(d.ui.tabExport)
    if not d.start_export():
        status["errors"].append("start_export refused: " + d.ui.labelExportStatus.text())
        later(500, finish)
        return
    wait_for(lambda: d.export_run is not None and d.export_run.finished, export_shot, "export")


def export_shot():
    d = dock()
    status["export_status"] = d.ui.labelExportStatus.text()
    status["validation"] = d.ui.textValidation.toPlainText()
    grab("05_export")
    if not CSO_INPUT:
        later(500, finish)
        return
    tab = d.cso_tab
    d.ui.tabs.setCurrentWidget(tab)
    tab.add_inputs([CSO_INPUT])
    tab.set_output_folder(OUT / f"output_{MODE}" / "cso")
    root = QgsProject.instance().layerTreeRoot()
    for group in root.findGroups():
        group.setItemVisibilityChecked(False)
        group.setExpanded(False)
    if not tab.start_run():
        status["errors"].append("CSO run refused: " + tab.status.text())
        later(500, finish)
        return
    wait_for(lambda: tab.run is not None and tab.run.finished, cso_shot, "CSO")


def cso_shot():
    tab = dock().cso_tab
    status["cso_status"] = tab.status.text()
    status["cso_layers"] = [layer.name() for layer in tab.layers]
    if tab.layers:
        num = tab.layers[0]
        canvas = iface.mapCanvas()
        from qgis.core import QgsCoordinateTransform

        extent = QgsCoordinateTransform(
            num.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        box = extent.transformBoundingBox(num.extent())
        box.scale(1.1)
        canvas.setExtent(box)
        canvas.refresh()
    later(3000, lambda: (grab("06_cso"), later(500, histogram_shot)))


def _lst_layer():
    group = dock().result_group
    return next(n.layer() for n in group.findLayers() if n.layer().customProperty("lst_studio/type") == "LST")


def histogram_shot():
    """QGIS's own Layer Properties > Histogram of LST: clear sky only, no cloud tail (issue 19, point 3)."""
    lst = _lst_layer()
    stats = lst.dataProvider().bandStatistics(1)
    status["lst_layer_statistics"] = {
        "min": stats.minimumValue,
        "max": stats.maximumValue,
        "n": stats.elementCount,
    }
    later(2000, _compute_histogram)  # fires inside the dialog's event loop if the dialog is modal
    iface.showLayerProperties(lst, "mOptsPage_Histogram")


def _compute_histogram():
    from qgis.PyQt.QtWidgets import QApplication, QPushButton

    dialog = QApplication.activeModalWidget()
    if dialog is None:
        status["errors"].append("no Layer Properties dialog")
        later(500, core_error_shot)
        return
    button = dialog.findChild(QPushButton, "btnHistoCompute")
    if button is not None and button.isVisible():
        button.click()
    later(3000, lambda: _histogram_grab(dialog))


def _histogram_grab(dialog):
    path = OUT / f"{MODE}_07_lst_layer_histogram.png"
    dialog.grab().save(str(path))
    status["shots"].append(path.name)
    dialog.reject()
    later(500, core_error_shot)


def core_error_shot():
    """A product whose thermal file was cut short: the reader's error in the UI's language."""
    import shutil
    import tempfile

    broken = Path(tempfile.mkdtemp()) / Path(SAMPLE).name
    shutil.copytree(SAMPLE, broken)
    tir = next(broken.glob("*_TIR.tif"))
    tir.write_bytes(tir.read_bytes()[: tir.stat().st_size // 4])
    d = dock()
    d.ui.tabs.setCurrentWidget(d.ui.tabInput)
    d.open_input(str(broken), wait=True)
    status["core_error"] = d.ui.textSummary.toPlainText()
    later(1500, lambda: (grab("08_core_error"), shutil.rmtree(broken.parent, True), later(500, finish)))


QTimer.singleShot(3000, start)
