"""Issue 19, the analyst's map: the dock's state, messages, layer names, scale, inspector, summary, size,
CRS and settings; plus the plugin's logging handler. Known inputs, known answers."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from affine import Affine
from qgis.core import Qgis, QgsApplication, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QLocale

from lst_studio.plugin.core.products.scene import Grid
from lst_studio.plugin.core.quality import QA_BIT
from lst_studio.plugin.core.result import ProductResult
from lst_studio.plugin.gui import log as plugin_log
from lst_studio.plugin.gui.layers import find_result_files, group_layers, load_result
from lst_studio.plugin.gui.tasks import RunState
from tests.core.data.reader_fixtures import _write_tif as write_tif
from tests.qgis.waiting import wait_for

TRANSFORM = Affine(30.0, 0.0, 500000.0, 0.0, -30.0, 7100000.0)
TRACEBACK = (
    "Traceback (most recent call last):\n"
    + "".join(f'  File "x{i}.py", line {i}, in f\n    g()\n' for i in range(20))
    + "ValueError: band 10 is truncated at row 77"
)


def _write(path, data, dtype, nodata=None):
    return write_tif(path, data, TRANSFORM, dtype, nodata, crs="EPSG:32735")


def make_result(folder: Path, aoi_id: str = "AOI-7", day: bool = True) -> Path:
    """A result folder as the pipeline writes it: 20 x 20 px, clear land at 300 K, a cloud stripe at 250 K."""
    folder.mkdir(parents=True)
    lst = np.full((20, 20), 300.0, np.float32)
    lst[:, :5] = 250.0
    cloud = np.zeros((20, 20), np.uint8)
    cloud[:, :5] = 1
    qa = np.zeros((20, 20), np.uint16)
    qa[:, :5] = 1 << QA_BIT["cloud"]
    qa[:, 5] = (1 << QA_BIT["adjacent"]) | (1 << QA_BIT["water"])
    rasters = {
        "LST": _write(folder / "LST.tif", lst, "float32", float("nan")),
        "LST_UNCERTAINTY": _write(
            folder / "LST_UNCERTAINTY.tif", np.full((20, 20), 1.1), "float32", float("nan")
        ),
        "EMISSIVITY": _write(folder / "EMISSIVITY.tif", np.full((2, 20, 20), 0.97), "float32", float("nan")),
        "CLOUD_MASK": _write(folder / "CLOUD_MASK.tif", cloud, "uint8", 255),
        "SCL": _write(folder / "SCL.tif", np.where(cloud == 1, 4, 1), "uint8", 255),
        "QA": _write(folder / "QA.tif", qa, "uint16"),
    }
    metadata = {
        "scene": {"product_id": "LC08_TEST", "acquisition_datetime": "2021-06-01T08:15:00Z", "is_day": day},
        "aoi": {"id": aoi_id, "name": "Test"},
        "lst_stats": {"min": 299.0, "median": 300.0, "max": 301.5},
        "masks": {"percentages": {"cloud": 25.0}},
        "algorithm": {"name": "SW"},
        "atmosphere": {"source": "climatology"},
        "warnings": ["water vapour: documented default used"],
    }
    grid = Grid("EPSG:32735", TRANSFORM, 20, 20)
    ProductResult(grid, folder, rasters, {"EMISSIVITY": ["lwir11", "lwir12"]}, {}, metadata).save()
    return folder


@pytest.fixture(autouse=True)
def _user_defaults_restored():
    """Tests here change the unit and scale, which the dock also keeps as the user's defaults."""
    from qgis.core import QgsSettings

    yield
    for key in ("display_unit", "scale_min_k", "scale_max_k", "output_folder"):
        QgsSettings().remove("lst_studio/" + key)


@pytest.fixture()
def result_folder(tmp_path):
    return make_result(tmp_path / "run1")


# --- points 1, 2: a failed open forgets the previous product; one line instead of a traceback ---------


def test_failed_open_forgets_the_previous_product(dock, qgis_iface, tmp_path):
    dock.product_path = "/somewhere/previous_product"
    dock.summary = object()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "X.geojson").write_text("{ not json")
    assert not dock.open_input(str(broken), wait=True)
    assert dock.product_path == "" and dock.summary is None
    assert not QgsProject.instance().mapLayersByName("LST Studio footprint")
    dock.ui.editOutputFolder.setText(str(tmp_path))
    assert not dock.start_run()  # nothing silently processed
    assert "Open a Level-1 product" in qgis_iface.messageBar().get_messages(Qgis.Warning)[-1]


def test_the_product_opens_in_a_task_not_on_the_gui_thread(dock, tmp_path):
    broken = tmp_path / "b"
    broken.mkdir()
    assert dock.open_input(str(broken))  # returns at once: a task was started
    assert dock.opening is not None and dock.opening.state is RunState.PENDING
    assert not dock.ui.btnOpenInput.isEnabled()
    assert wait_for(lambda: dock.opening is None, 30)
    assert dock.ui.btnOpenInput.isEnabled()


def test_a_traceback_becomes_one_line_and_the_dock_stays_narrow(dock, qgis_iface):
    width_before = dock.sizeHint().width()
    logged = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, _level: logged.append((tag, text)))
    handler = plugin_log.install()  # as the plugin does when it loads
    try:
        dock._report_failure(dock.ui.labelRunStatus, TRACEBACK, RunState.FAILED)
    finally:
        plugin_log.remove(handler)
    assert dock.ui.labelRunStatus.text() == "ValueError: band 10 is truncated at row 77"
    assert qgis_iface.messageBar().get_messages(Qgis.Critical)[-1].endswith("truncated at row 77")
    assert dock.sizeHint().width() <= max(width_before, 480)
    assert wait_for(lambda: any("x19.py" in text for _tag, text in logged), 5)  # the whole text in the log


def test_short_message():
    assert plugin_log.short_message(TRACEBACK) == "ValueError: band 10 is truncated at row 77"
    assert plugin_log.short_message("first\nsecond") == "first"
    assert len(plugin_log.short_message("x" * 1000)) == 300


# --- point 3, 6: LST in °C in QGIS, groups named by date and AOI, one fixed scale --------------------


def test_each_run_gets_its_own_named_group_and_the_same_scale(tmp_path, qgis_new_project):
    QgsProject.instance().clear()
    first = load_result(find_result_files(make_result(tmp_path / "a")))
    second = load_result(find_result_files(make_result(tmp_path / "b")))
    assert first.name() != second.name()
    for group in (first, second):
        assert "2021-06-01 08:15 UTC" in group.name() and "AOI-7" in group.name()
    lst1, lst2 = group_layers(first)["LST"], group_layers(second)["LST"]
    assert lst1.name() == lst2.name() == "LST (°C)"
    r1, r2 = lst1.renderer(), lst2.renderer()
    assert (r1.classificationMin(), r1.classificationMax()) == (
        r2.classificationMin(),
        r2.classificationMax(),
    )
    assert (r1.classificationMin(), r1.classificationMax()) == pytest.approx((270 - 273.15, 330 - 273.15))
    assert group_layers(first)["LST_UNCERTAINTY"].name() == "LST uncertainty (K)"
    # the display VRT is in the result folder, the data are untouched
    assert Path(lst1.source()).parent == tmp_path / "a" / "display"
    QgsProject.instance().clear()


@pytest.mark.parametrize("delivered", [False, True], ids=["result-float32", "package-uint16"])
def test_qgis_statistics_and_histogram_of_lst_leave_clouds_out(tmp_path, qgis_new_project, delivered):
    """Point 3: QGIS's own statistics/histogram (Layer Properties, Classify) see clear sky only; Identify
    gives the value on clear sky and no data under the cloud; the LST file itself keeps every value."""
    import rasterio
    from qgis.core import QgsPointXY, QgsRaster

    QgsProject.instance().clear()
    folder = make_result(tmp_path / "r")
    if delivered:  # the package encoding: uint16, 0.01 K, nodata 65535 (one pixel outside the footprint)
        k = np.full((20, 20), 30000, np.uint16)
        k[:, :5] = 25000
        k[19, 19] = 65535
        _write(folder / "LST.tif", k, "uint16", 65535)
        with rasterio.open(folder / "LST.tif", "r+") as dst:
            dst.scales = (0.01,)
    lst = group_layers(load_result(find_result_files(folder)))["LST"]
    provider = lst.dataProvider()
    stats = provider.bandStatistics(1)
    assert (stats.minimumValue, stats.maximumValue) == pytest.approx((300 - 273.15, 300 - 273.15), abs=1e-3)
    assert stats.elementCount == 15 * 20 - (1 if delivered else 0)
    histogram = provider.histogram(1, 10, -30.0, 40.0)
    assert sum(histogram.histogramVector) == stats.elementCount and histogram.histogramVector[0] == 0
    clear = QgsPointXY(500000 + 10.5 * 30, 7100000 - 3.5 * 30)
    cloud = QgsPointXY(500000 + 2.5 * 30, 7100000 - 3.5 * 30)
    assert provider.identify(clear, QgsRaster.IdentifyFormatValue).results()[1] == pytest.approx(26.85)
    assert provider.identify(cloud, QgsRaster.IdentifyFormatValue).results()[1] is None
    with rasterio.open(folder / "LST.tif") as src:  # the delivered file is untouched
        assert src.read(1)[3, 2] * (src.scales[0] if delivered else 1) == pytest.approx(250.0)
    QgsProject.instance().clear()


def test_night_run_takes_the_night_quicklook_range(tmp_path, qgis_new_project):
    QgsProject.instance().clear()
    group = load_result(find_result_files(make_result(tmp_path / "n", day=False)))
    r = group_layers(group)["LST"].renderer()
    assert (r.classificationMin(), r.classificationMax()) == pytest.approx((250 - 273.15, 300 - 273.15))
    QgsProject.instance().clear()


def test_user_scale_and_kelvin_apply_to_every_run(dock, result_folder):
    dock.comboUnit.setCurrentIndex(dock.comboUnit.findData("K"))
    dock.checkQuicklookScale.setChecked(False)
    dock.spinScaleMin.setValue(280.0)
    dock.spinScaleMax.setValue(310.0)
    dock.apply_display()
    assert dock.load_results(str(result_folder))
    lst = group_layers(dock.result_group)["LST"]
    assert lst.name() == "LST (K)"
    assert (lst.renderer().classificationMin(), lst.renderer().classificationMax()) == (280.0, 310.0)
    # switching the unit keeps the scale in kelvin
    dock.comboUnit.setCurrentIndex(dock.comboUnit.findData("°C"))
    assert dock.spinScaleMin.value() == pytest.approx(280.0 - 273.15, abs=0.05)


# --- pixel inspector, run summary ---------------------------------------------------------------------


def test_pixel_inspector_decodes_every_layer(dock, result_folder, qgis_canvas):
    assert not dock.btnInspect.isEnabled()
    assert dock.load_results(str(result_folder))
    dock.btnInspect.setChecked(True)
    assert qgis_canvas.mapTool() is dock.map_tool and dock.map_tool.kind == "inspector"
    rows = dock.inspect_pixel(500000 + 5.5 * 30, 7100000 - 2.5 * 30)  # column 5: buffer + water
    table = {
        dock.tableInspector.item(r, 0).text(): dock.tableInspector.item(r, 1).text() for r in range(len(rows))
    }
    assert table["LST"] == "26.85 °C  (300.00 K)"
    assert table["LST uncertainty (1σ)"] == "1.10 K"
    assert table["Emissivity lwir11"] == "0.9700"
    assert table["Scene class"] == "Clear land (1)"
    qa_bits = [
        dock.tableInspector.item(r, 1).text()
        for r in range(len(rows))
        if "QA bit" in dock.tableInspector.item(r, 0).text()
    ]
    assert qa_bits == ["Cloud/shadow buffer", "Water"]
    # the click goes through the map tool in the canvas CRS (here EPSG:4326) to the raster CRS
    x, y = dock.map_tool.to_raster_crs(dock.map_tool.toMapCoordinates(qgis_canvas.rect().center()))
    assert 1e5 < x < 1e6 and 1e6 < y < 1e7
    # a click marks the pixel on the map and fills the table
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY

    to_canvas = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32735"),
        qgis_canvas.mapSettings().destinationCrs(),
        QgsProject.instance(),
    )
    dock.tableInspector.setRowCount(0)
    dock.map_tool._clicked(to_canvas.transform(QgsPointXY(500000 + 5.5 * 30, 7100000 - 2.5 * 30)))
    assert dock.map_tool.marker is not None and dock.tableInspector.rowCount() == len(rows)
    dock.btnInspect.setChecked(False)
    assert dock.map_tool is None


def test_run_summary_with_clear_sky_histogram(dock, result_folder):
    assert dock.load_results(str(result_folder))
    text = dock.labelSummary.text()
    assert "min 25.9 °C, median 26.9 °C, max 28.4 °C" in text
    assert "Cloud cover: 25.0 %" in text and "SW" in text and "climatology" in text
    assert "water vapour" in text
    counts = dock.histogram.counts
    assert sum(counts) == 15 * 20  # clear pixels only: the 250 K cloud stripe is left out
    assert dock.histogram.grab().width() > 0  # paints


def test_german_numbers_use_a_decimal_comma():
    from lst_studio.plugin.gui.summary_view import number

    QLocale.setDefault(QLocale(QLocale.German, QLocale.Germany))
    try:
        assert number(26.85, 1) == "26,9"
        from lst_studio.plugin.gui.inspector import _local_decimals

        assert _local_decimals("26.85 °C  (300.00 K)") == "26,85 °C  (300,00 K)"
    finally:
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))


# --- points 8, 9, 10 ------------------------------------------------------------------------------------


def test_dock_fits_a_small_screen_and_no_tab_is_elided(dock):
    from qgis.PyQt.QtCore import Qt

    hint = dock.minimumSizeHint()
    # was 536 x 715: now at most 420 px wide (the height scrolls), yet no page is cut sideways
    assert hint.width() <= 420 and hint.height() <= 500
    assert dock.minimumWidth() >= dock.contents.minimumSizeHint().width()
    tabs = dock.ui.tabs
    assert tabs.usesScrollButtons() and tabs.elideMode() == Qt.ElideNone
    assert tabs.count() == 6  # AOI, input, settings, run, export, clear-sky observations
    assert dock.ui.comboAlgorithm.minimumSizeHint().width() < 300


def test_footprint_and_project_take_the_scene_crs(dock):
    from types import SimpleNamespace

    QgsProject.instance().clear()
    summary = SimpleNamespace(
        crs="EPSG:32735",
        footprint_lonlat=[(27.0, -26.0), (28.0, -26.0), (28.0, -27.0), (27.0, -27.0), (27.0, -26.0)],
    )
    dock._show_footprint(summary)
    (layer,) = QgsProject.instance().mapLayersByName("LST Studio footprint")
    assert layer.crs().authid() == "EPSG:32735"
    assert QgsProject.instance().crs().authid() == "EPSG:32735"
    assert 300000 < layer.extent().xMinimum() < 700000


def test_clearing_the_aoi_clears_its_id(dock):
    dock.ui.editAoiId.setText("AOI-9")
    dock.ui.editAoiName.setText("Nine")
    dock.clear_aoi()
    assert dock.ui.editAoiId.text() == "" and dock.ui.editAoiName.text() == ""
    dock.product_path = "/data/LC08_X"
    assert "AOI-9" not in dock.new_result_folder("/tmp/out").name


def test_export_tab_follows_the_loaded_result(dock, result_folder, tmp_path):
    dock.result_folder = Path("/previous/run")
    assert dock.load_results(str(result_folder))
    assert str(result_folder) in dock.ui.labelExportStatus.text() and dock.result_folder == result_folder


def test_result_tiepoints_start_hidden(dock, result_folder):
    from lst_studio.plugin.core.products.scene import Tiepoints

    assert dock.load_results(str(result_folder))
    tp = Tiepoints(
        kind="REL",
        source="lwir11",
        target="red",
        lonlat=np.array([(27.5, -26.5)]),
        dxy_m=np.array([(1.23456789, -2.0)]),
        gsd_m=30.0,
    )
    (layer,) = dock.show_tiepoints([tp], "Tiepoints", dock.result_group)
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
    assert not node.isVisible()
    feature = next(layer.getFeatures())
    assert feature["dx_m"] == 1.23 and layer.fields().field("dx_m").precision() == 2


def test_dock_settings_live_in_the_project(dock, tmp_path):
    dock.ui.editOutputFolder.setText(str(tmp_path / "project_out"))
    dock.comboUnit.setCurrentIndex(dock.comboUnit.findData("K"))
    dock.apply_display()
    path = tmp_path / "p.qgz"
    assert QgsProject.instance().write(str(path))
    from lst_studio.plugin.gui.settings import SCOPE

    QgsProject.instance().clear()
    assert QgsProject.instance().readEntry(SCOPE, "output_folder", "")[0] == ""
    assert QgsProject.instance().read(str(path))
    assert QgsProject.instance().readEntry(SCOPE, "output_folder", "")[0] == str(tmp_path / "project_out")
    assert dock.ui.editOutputFolder.text() == str(tmp_path / "project_out")
    assert dock.comboUnit.currentData() == "K"


# --- Processing: toolbox, help, product parameter -----------------------------------------------------


def test_toolbox_has_no_nested_group_and_every_help_url_is_set(provider):
    from qgis.core import QgsProcessingParameterFile

    algs = provider.algorithms()
    assert algs
    for alg in algs:
        assert alg.group() == "" and alg.groupId() == ""
        assert alg.helpUrl().startswith("file://") and alg.helpUrl().split("#")[0].endswith("README.md")
    produce = QgsApplication.processingRegistry().algorithmById("lststudio:producelst")
    param = produce.parameterDefinition("INPUT")
    assert param.behavior() == QgsProcessingParameterFile.Folder
    assert param.checkValueIsAcceptable("/data/LC08_X.tar") and param.checkValueIsAcceptable("/data/product")


# --- logging --------------------------------------------------------------------------------------------


def test_plugin_logging_goes_to_the_message_log_until_unload(qgis_iface):
    from lst_studio.plugin.main import LstStudioPlugin

    received = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda text, tag, level: received.append((tag, text, level))
    )
    plugin = LstStudioPlugin(None)
    logging.getLogger("lst_studio.plugin.core.pipeline").warning("clouds everywhere")
    assert wait_for(
        lambda: ("LST Studio", "lst_studio.plugin.core.pipeline: clouds everywhere", Qgis.Warning)
        in received,
        5,
    )
    handler = plugin.log_handler
    assert handler in logging.getLogger("lst_studio").handlers
    plugin.unload()
    assert plugin.log_handler is None and handler not in logging.getLogger("lst_studio").handlers


def test_cancelled_state_does_not_depend_on_the_message_language():
    from lst_studio.plugin.gui.tasks import AlgorithmRun

    run = AlgorithmRun("lststudio:nothing", {}, "x")

    class Feedback:
        errors: list = []

        @staticmethod
        def isCanceled():
            return True

    run.feedback = Feedback()
    seen = []
    run.done.connect(lambda ok, _r, message: seen.append((ok, message)))
    run._executed(True, {})
    assert run.state is RunState.CANCELLED and run.cancelled and seen[0][0] is False


def test_launch_resets_the_bar_and_reports_an_unavailable_algorithm_after_the_caller_kept_the_run():
    from qgis.PyQt.QtWidgets import QProgressBar

    from lst_studio.plugin.gui.tasks import launch

    bar = QProgressBar()
    bar.setValue(40)  # the previous run's
    seen = []
    run = launch("lststudio:nothing", {}, "x", bar, lambda ok, _r, message: seen.append((ok, message)))
    assert bar.value() == 0 and seen == []  # not yet: the caller stores the run and shows it running first
    assert run.state is RunState.FAILED and not run.is_running()
    assert wait_for(lambda: seen, 5)
    assert seen == [(False, seen[0][1])] and "lststudio:nothing" in seen[0][1]
    run.progress.emit(57.6)  # the run's progress lands in the bar it was given
    assert bar.value() == 57


def test_result_raster_layers_are_valid(result_folder):
    for path in find_result_files(result_folder).rasters.values():
        assert QgsRasterLayer(str(path), "x").isValid()
