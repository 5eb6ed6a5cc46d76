"""The dock without the production algorithms: AOI tools, project keeping, settings, input, tiepoint table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import (
    Qgis,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from lst_studio.plugin.gui import aoi as aoi_mod
from lst_studio.plugin.gui.dock import LstStudioDock
from lst_studio.plugin.gui.settings import load_settings


def _messages(iface, level):
    return iface.messageBar().get_messages(level)


def test_bbox_aoi_is_drawn_and_kept_in_the_project(dock):
    ui = dock.ui
    ui.editAoiName.setText("Johannesburg")
    ui.editAoiId.setText("ZA-001")
    ui.spinXmin.setValue(27.8)
    ui.spinYmin.setValue(-26.3)
    ui.spinXmax.setValue(28.2)
    ui.spinYmax.setValue(-26.0)
    ui.btnApplyBbox.click()
    layer = aoi_mod.aoi_layer()
    assert layer is not None and layer.crs().authid() == "EPSG:4326"
    (feature,) = list(layer.getFeatures())
    assert feature["name"] == "Johannesburg" and feature["id"] == "ZA-001"
    box = feature.geometry().boundingBox()
    assert (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()) == pytest.approx(
        (27.8, -26.3, 28.2, -26.0)
    )
    stored = aoi_mod.project_aoi()
    assert stored.name == "Johannesburg" and stored.id == "ZA-001"
    assert stored.geometry.area() == pytest.approx(0.4 * 0.3)
    # A second AOI replaces the first instead of piling up layers.
    ui.spinXmax.setValue(28.0)
    ui.btnApplyBbox.click()
    assert len(QgsProject.instance().mapLayersByName(aoi_mod.AOI_LAYER_NAME)) == 1
    assert aoi_mod.project_aoi().geometry.area() == pytest.approx(0.2 * 0.3)


def test_inverted_bbox_is_refused_with_a_message(dock, qgis_iface):
    dock.ui.spinXmin.setValue(28.0)
    dock.ui.spinXmax.setValue(27.0)
    dock.ui.spinYmin.setValue(-26.0)
    dock.ui.spinYmax.setValue(-25.0)
    dock.ui.btnApplyBbox.click()
    assert dock.aoi is None
    assert any("xmin < xmax" in m for m in _messages(qgis_iface, Qgis.Warning))


def test_rectangle_tool_draws_the_aoi(dock, qgis_canvas):
    dock.ui.btnDrawRectangle.setChecked(True)
    tool = qgis_canvas.mapTool()
    assert tool is dock.map_tool
    to_pixel = qgis_canvas.getCoordinateTransform()
    p0 = to_pixel.transform(27.5, -25.5)
    p1 = to_pixel.transform(28.5, -26.5)
    a, b = QPoint(int(p0.x()), int(p0.y())), QPoint(int(p1.x()), int(p1.y()))
    tool.canvasPressEvent(QgsMapMouseEvent(qgis_canvas, QEvent.MouseButtonPress, a, Qt.LeftButton))
    tool.canvasMoveEvent(QgsMapMouseEvent(qgis_canvas, QEvent.MouseMove, b, Qt.NoButton))
    assert tool.rubber_band.numberOfVertices() >= 4  # the rubber band follows the mouse
    tool.canvasReleaseEvent(QgsMapMouseEvent(qgis_canvas, QEvent.MouseButtonRelease, b, Qt.LeftButton))
    box = dock.aoi.geometry.boundingBox()
    assert box.xMinimum() == pytest.approx(27.5, abs=0.01) and box.yMaximum() == pytest.approx(
        -25.5, abs=0.01
    )
    assert box.xMaximum() == pytest.approx(28.5, abs=0.01) and box.yMinimum() == pytest.approx(
        -26.5, abs=0.01
    )
    assert not dock.ui.btnDrawRectangle.isChecked()
    assert dock.map_tool is None  # tool released after drawing


def test_polygon_tool_closes_on_right_click(dock, qgis_canvas):
    dock.ui.btnDrawPolygon.setChecked(True)
    tool = dock.map_tool
    to_pixel = qgis_canvas.getCoordinateTransform()
    for lon, lat in ((27.5, -25.5), (28.5, -25.5), (28.0, -26.5)):
        p = to_pixel.transform(lon, lat)
        tool.canvasPressEvent(
            QgsMapMouseEvent(
                qgis_canvas, QEvent.MouseButtonPress, QPoint(int(p.x()), int(p.y())), Qt.LeftButton
            )
        )
    tool.canvasPressEvent(
        QgsMapMouseEvent(qgis_canvas, QEvent.MouseButtonPress, QPoint(1, 1), Qt.RightButton)
    )
    assert dock.aoi is not None
    assert dock.aoi.geometry.area() == pytest.approx(0.5 * 1.0 * 1.0, rel=0.02)


def test_aoi_from_file_and_from_selected_features(dock, qgis_iface, tmp_path):
    path = tmp_path / "aoi.geojson"
    ring = [[28.0, -26.0], [28.1, -26.0], [28.1, -26.1], [28.0, -26.1], [28.0, -26.0]]
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    }
                ],
            }
        )
    )
    dock.aoi_from_file(str(path))
    assert dock.aoi.geometry.area() == pytest.approx(0.01)
    assert dock.ui.editAoiName.text() == "aoi"

    # Selected features of a projected layer: union, reprojected to WGS84.
    layer = QgsVectorLayer("Polygon?crs=EPSG:32735", "fields", "memory")
    feats = []
    for x0 in (600000, 601000, 650000):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, 7100000, x0 + 1000, 7101000)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    QgsProject.instance().addMapLayer(layer)
    layer.selectByIds([f.id() for f in layer.getFeatures()][:2])
    qgis_iface.setActiveLayer(layer)
    dock.ui.btnFromSelection.click()
    box = dock.aoi.geometry.boundingBox()
    assert 27.9 < box.xMinimum() < box.xMaximum() < 28.2  # only the two adjacent selected squares
    assert box.width() == pytest.approx(2000 / 100000, rel=0.15)


def test_polygon_only_for_selection(dock, qgis_iface):
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "pts", "memory")
    QgsProject.instance().addMapLayer(layer)
    qgis_iface.setActiveLayer(layer)
    dock.ui.btnFromSelection.click()
    assert dock.aoi is None
    assert _messages(qgis_iface, Qgis.Warning)


def test_aoi_survives_project_save_and_reopen(dock, tmp_path):
    dock.set_aoi(aoi_mod.from_bbox(10, 50, 11, 51))
    project_file = tmp_path / "p.qgz"
    assert QgsProject.instance().write(str(project_file))
    QgsProject.instance().clear()
    assert dock.aoi is None
    assert QgsProject.instance().read(str(project_file))
    assert dock.aoi is not None and dock.aoi.geometry.boundingBox().xMinimum() == pytest.approx(10)


def test_settings_are_remembered(qgis_iface, qgis_new_project, tmp_path):
    first = LstStudioDock(qgis_iface, qgis_iface.mainWindow())
    first.ui.comboAlgorithm.setCurrentIndex(2)
    first.ui.spinCloudBuffer.setValue(7)
    first.ui.editOutputFolder.setText(str(tmp_path))
    first.ui.editOrganizationId.setText("ORG-42")
    first.shutdown()
    assert load_settings().cloud_buffer == 7
    second = LstStudioDock(qgis_iface, qgis_iface.mainWindow())
    assert second.ui.comboAlgorithm.currentIndex() == 2
    assert second.ui.spinCloudBuffer.value() == 7
    assert second.ui.editOutputFolder.text() == str(tmp_path)
    assert second.ui.editOrganizationId.text() == "ORG-42"
    second.shutdown()


def test_broken_product_reports_the_reader_message(dock, qgis_iface, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "X.geojson").write_text("{ this is not json")
    assert not dock.open_input(str(broken), wait=True)
    critical = _messages(qgis_iface, Qgis.Critical)
    assert critical and "X.geojson" in critical[-1]
    assert dock.summary is None


def test_production_parameters_follow_the_form(dock, tmp_path):
    dock.product_path = "/data/product"
    dock.ui.editOutputFolder.setText(str(tmp_path))
    dock.ui.comboAlgorithm.setCurrentIndex(1)
    dock.ui.editTransmittance.setText("0,85")
    dock.ui.editUpwelling.setText("1.2")
    dock.ui.editDownwelling.setText("2.1")
    dock.ui.comboEmissivity.setCurrentIndex(2)
    dock.ui.spinEmissivityConstant.setValue(0.975)
    dock.set_aoi(aoi_mod.from_bbox(10, 50, 11, 51))
    params = dock.production_parameters()
    assert params["ALGORITHM"] == 1 and params["TRANSMITTANCE"] == 0.85
    assert params["EMISSIVITY"] == 2 and params["EMISSIVITY_CONSTANT"] == pytest.approx(0.975)
    assert "WATER_VAPOUR" not in params
    aoi_doc = json.loads(Path(params["AOI"]).read_text())
    assert aoi_doc["features"][0]["geometry"]["type"] == "Polygon"


def test_tiepoint_table_shows_core_statistics(dock, tmp_path):
    from lst_studio.plugin.core.geoverify import tiepoint_statistics
    from lst_studio.plugin.core.products.gver import read_gver

    doc = {
        "pixelColorMappings": "",
        "measurements": [
            {
                "from": "RED",
                "to": "TIR1",
                "gsd": 30.0,
                "coordsLonLat": [[28 + i * 0.01, -26.0] for i in range(4)],
                "disparitiesXYInMeters": [[3.0, 4.0]] * 4,
            },
            {
                "from": "NIR",
                "to": "RED",
                "gsd": 10.0,
                "coordsLonLat": [[28.0, -26.0], [28.1, -26.1]],
                "disparitiesXYInMeters": [[6.0, 8.0], [0.0, 0.0]],
            },
        ],
    }
    path = tmp_path / "X_GVER_REL.json"
    path.write_text(json.dumps(doc))
    layers = dock.load_tiepoint_file(str(path))
    assert [lyr.name() for lyr in layers] == ["RED → TIR1", "NIR → RED"]
    assert [lyr.featureCount() for lyr in layers] == [4, 2]
    root = QgsProject.instance().layerTreeRoot()
    assert [root.findLayer(lyr.id()).isVisible() for lyr in layers] == [True, False]  # the thermal pair
    table = dock.ui.tableTiepoints
    assert table.rowCount() == 2
    expected = tiepoint_statistics(read_gver(path))
    assert table.item(0, 0).text() == "RED → TIR1" and table.item(0, 1).text() == "4"
    assert table.item(0, 4).text() == f"{expected[0].radial_rmse_m:.2f}" == "5.00"
    assert table.item(0, 6).text() == f"{expected[0].ce90_m:.2f}"
    dock.ui.checkArrows.setChecked(True)
    from qgis.core import QgsGeometryGeneratorSymbolLayer

    enabled = {
        sl.enabled()
        for layer in layers
        for c in layer.renderer().categories()
        for sl in c.symbol().symbolLayers()
        if isinstance(sl, QgsGeometryGeneratorSymbolLayer)
    }
    assert enabled == {True}
