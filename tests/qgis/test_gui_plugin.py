"""Plugin lifecycle with the dock: open it from the plugin, unload while a map tool and a run are active."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.gui import QgsRubberBand

from lst_studio.plugin.gui import tasks
from tests.qgis.waiting import wait_for


def _rubber_bands(canvas):
    return [item for item in canvas.scene().items() if isinstance(item, QgsRubberBand)]


@pytest.fixture()
def plugin(qgis_iface, qgis_new_project, qgis_processing, monkeypatch):
    from lst_studio.plugin.main import LstStudioPlugin

    # The pytest-qgis iface stub lacks these QgisInterface methods (the desktop smoke run has them).
    for name in ("addPluginToRasterMenu", "removePluginRasterMenu", "removeDockWidget"):
        monkeypatch.setattr(qgis_iface, name, lambda *args: None, raising=False)
    QgsProject.instance().clear()
    p = LstStudioPlugin(qgis_iface)
    try:
        p.initGui()
        yield p
    finally:
        if p.provider is not None:
            p.unload()


def test_unload_releases_tool_rubber_bands_and_cancels_the_run(plugin, qgis_iface, qgis_canvas, tmp_path):
    from lst_studio.plugin.core.sample.generate import write_sample

    bands_before = len(_rubber_bands(qgis_canvas))
    plugin.toggle_dock(True)
    dock = plugin.dock
    assert dock is not None
    dock.ui.btnDrawPolygon.setChecked(True)
    assert qgis_canvas.mapTool() is dock.map_tool
    assert len(_rubber_bands(qgis_canvas)) == bands_before + 1

    sample = write_sample(tmp_path / "sample", seed=1, size=160)
    assert dock.open_input(str(sample.product_dir), wait=True)
    dock.ui.editOutputFolder.setText(str(tmp_path / "out"))
    assert dock.start_run()
    run = dock.run
    assert run in tasks._LIVE_RUNS and QgsApplication.taskManager().countActiveTasks() >= 1

    plugin.unload()  # cancels the run, releases the map tool, removes the rubber band
    assert plugin.dock is None and plugin.provider is None
    assert qgis_canvas.mapTool() is None or not hasattr(qgis_canvas.mapTool(), "drawn")
    assert len(_rubber_bands(qgis_canvas)) == bands_before
    assert wait_for(lambda: run.finished, 120), "the cancelled task never reported back"
    assert run not in tasks._LIVE_RUNS
    assert run.feedback.isCanceled()
    # Nothing was loaded into the project by the cancelled run.
    assert not [
        n for n in QgsProject.instance().layerTreeRoot().children() if n.customProperty("lst_studio/result")
    ]
