"""Runs inside QGIS desktop (``qgis --code``) for tools/desktop_screenshot.sh.

Opens the LST Studio dock through the plugin, drives it like an analyst (open the sample product,
type an AOI, produce LST in the task manager, show tiepoints, export the package) and saves
``iface.mainWindow().grab()`` screenshots into $LSTSTUDIO_SCREENSHOT_DIR. With
$LSTSTUDIO_SCREENSHOT_MODE=de it only opens the dock (German locale) and grabs each tab.
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
status = {"mode": MODE, "active_plugins": list(active_plugins), "shots": [], "errors": []}


def grab(name):
    path = OUT / f"{name}.png"
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
    d.setMinimumWidth(470)
    status["provider"] = QgsApplication.processingRegistry().providerById("lststudio") is not None
    if MODE == "de":
        later(1500, german_tabs)
        return
    d.ui.editOutputFolder.setText(str(OUT / "output"))
    d.ui.editOrganizationId.setText("LST-STUDIO-DEMO")
    d.ui.tabs.setCurrentWidget(d.ui.tabInput)
    if not d.open_input(SAMPLE):
        status["errors"].append("open_input failed: " + d.ui.textSummary.toPlainText())
        later(1000, finish)
        return
    later(1500, input_shot)


def german_tabs():
    d = dock()
    for i in range(d.ui.tabs.count()):
        d.ui.tabs.setCurrentIndex(i)
        QgsApplication.processEvents()
        grab(f"de_{i}_{d.ui.tabs.widget(i).objectName() or 'tab'}")
    status["tab_titles"] = [d.ui.tabs.tabText(i) for i in range(d.ui.tabs.count())]
    status["run_button"] = d.ui.btnRun.text()
    later(500, finish)


def input_shot():
    grab("01_input_summary")
    d = dock()
    s = d.summary
    lons = [p[0] for p in s.footprint_lonlat]
    lats = [p[1] for p in s.footprint_lonlat]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    hw, hh = (max(lons) - min(lons)) * 0.35, (max(lats) - min(lats)) * 0.35
    d.ui.tabs.setCurrentWidget(d.ui.tabAoi)
    d.ui.editAoiName.setText("Sample centre")
    d.ui.editAoiId.setText("AOI-1")
    d.ui.spinXmin.setValue(cx - hw)
    d.ui.spinXmax.setValue(cx + hw)
    d.ui.spinYmin.setValue(cy - hh)
    d.ui.spinYmax.setValue(cy + hh)
    d.ui.btnApplyBbox.click()
    later(1500, aoi_shot)


def aoi_shot():
    grab("02_aoi")
    d = dock()
    d.ui.tabs.setCurrentWidget(d.ui.tabRun)
    if not d.start_run():
        status["errors"].append("start_run refused")
        later(500, finish)
        return
    status["run_started"] = True
    later(700, running_shot)


def running_shot():
    grab("03_running")
    wait_run(0)


def wait_run(waited):
    d = dock()
    if d.run is not None and d.run.finished:
        status["run_status"] = d.ui.labelRunStatus.text()
        later(4000, results_shot)  # let the canvas render the new layers
    elif waited > 240000:
        status["errors"].append("run did not finish in 240 s")
        finish()
    else:
        later(500, lambda: wait_run(waited + 500))


def results_shot():
    d = dock()
    if d.result_group is None:
        status["errors"].append("no result group: " + d.ui.labelRunStatus.text())
        finish()
        return
    status["result_layers"] = [n.name() for n in d.result_group.children()]
    for node in d.result_group.children():  # fold the tiepoint legend so the LST legend shows
        if node.customProperty("lst_studio/type") == "TIEPOINTS":
            node.setExpanded(False)
    iface.mapCanvas().saveAsImage(str(OUT / "canvas_lst.png"))
    grab("04_results_lst")
    # Tiepoints with exaggerated arrows on top of LST.
    d.ui.checkArrows.setChecked(True)
    d.ui.spinArrowFactor.setValue(200)
    status["tiepoint_rows"] = d.ui.tableTiepoints.rowCount()
    later(3000, tiepoint_shot)


def tiepoint_shot():
    grab("05_tiepoints")
    d = dock()
    root = QgsProject.instance().layerTreeRoot()
    for node in d.result_group.findLayers():
        key = node.layer().customProperty("lst_studio/type")
        node.setItemVisibilityChecked(key == "SCL")
    for layer in d.tiepoint_layers:
        root.findLayer(layer.id()).setItemVisibilityChecked(False)
    later(3000, scl_shot)


def scl_shot():
    grab("06_scl")
    d = dock()
    for node in d.result_group.findLayers():
        node.setItemVisibilityChecked(node.layer().customProperty("lst_studio/type") == "QA")
    later(3000, qa_shot)


def qa_shot():
    grab("07_qa")
    d = dock()
    for node in d.result_group.findLayers():
        node.setItemVisibilityChecked(node.layer().customProperty("lst_studio/type") == "VNIR")
    later(3000, vnir_shot)


def vnir_shot():
    grab("08_vnir")
    d = dock()
    for node in d.result_group.findLayers():
        key = node.layer().customProperty("lst_studio/type")
        node.setItemVisibilityChecked(key in ("LST", "CLOUD_MASK"))
    d.ui.tabs.setCurrentWidget(d.ui.tabExport)
    if not d.start_export():
        status["errors"].append("start_export refused: " + d.ui.labelExportStatus.text())
        later(500, finish)
        return
    wait_export(0)


def wait_export(waited):
    d = dock()
    if d.export_run is not None and d.export_run.finished:
        status["export_status"] = d.ui.labelExportStatus.text()
        status["validation"] = d.ui.textValidation.toPlainText()
        later(2000, export_shot)
    elif waited > 240000:
        status["errors"].append("export did not finish in 240 s")
        finish()
    else:
        later(500, lambda: wait_export(waited + 500))


def export_shot():
    grab("09_export")
    later(500, finish)


QTimer.singleShot(3000, start)
