"""The dock's area-of-interest tab: draw, pick, type or load the AOI, name it, keep it in the project.

A mixin of ``dock.LstStudioDock`` (the methods use the dock's widgets and state); its texts are translated in
the dock's context "LstStudioDock".
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    Qgis,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QFileDialog

from ..core.errors import LstError
from . import aoi as aoi_mod
from .core_text import translate_core
from .settings import load_settings


class AoiTab:
    # --- AOI ------------------------------------------------------------------------------------

    def _toggle_tool(self, kind: str, on: bool) -> None:
        other = self.ui.btnDrawPolygon if kind == "rectangle" else self.ui.btnDrawRectangle
        if not on:
            if self.map_tool is not None and getattr(self.map_tool, "kind", None) == kind:
                self._release_tool()
            return
        other.setChecked(False)
        self.btnInspect.setChecked(False)
        self._release_tool()
        tool = aoi_mod.RectangleTool(self.canvas) if kind == "rectangle" else aoi_mod.PolygonTool(self.canvas)
        tool.kind = kind
        tool.drawn.connect(self._aoi_drawn)
        self.previous_map_tool = self.canvas.mapTool()
        self.map_tool = tool
        self.canvas.setMapTool(tool)

    def _release_tool(self) -> None:
        tool, self.map_tool = self.map_tool, None
        if tool is None:
            return
        if self.canvas.mapTool() is tool:
            self.canvas.unsetMapTool(tool)
            if self.previous_map_tool is not None:
                self.canvas.setMapTool(self.previous_map_tool)
        aoi_mod.remove_rubber_band(tool)
        tool.deleteLater()

    def _aoi_drawn(self, geometry: QgsGeometry) -> None:
        crs = self.canvas.mapSettings().destinationCrs()
        self.set_aoi(aoi_mod.to_wgs84(geometry, crs))
        self.ui.btnDrawRectangle.setChecked(False)
        self.ui.btnDrawPolygon.setChecked(False)

    def aoi_from_active_layer(self) -> None:
        layer = self.iface.activeLayer()
        if not isinstance(layer, QgsVectorLayer) or layer.geometryType() != QgsWkbTypes.PolygonGeometry:
            self.message(
                QCoreApplication.translate(
                    "LstStudioDock", "Select a polygon layer in the Layers panel first."
                ),
                Qgis.Warning,
            )
            return
        try:
            self.set_aoi(aoi_mod.from_features(layer), default_name=layer.name())
        except LstError as exc:
            self.message(translate_core(str(exc)), Qgis.Critical)

    def _browse_aoi_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("LstStudioDock", "Area of interest"),
            self.last_input_dir,
            QCoreApplication.translate(
                "LstStudioDock", "Vector files (*.geojson *.json *.gpkg *.shp);;All files (*)"
            ),
        )
        if path:
            self.aoi_from_file(path)

    def aoi_from_file(self, path: str) -> None:
        try:
            self.set_aoi(aoi_mod.from_file(path), default_name=Path(path).stem)
        except LstError as exc:
            self.message(translate_core(str(exc)), Qgis.Critical)

    def aoi_from_bbox_fields(self) -> None:
        ui = self.ui
        try:
            geometry = aoi_mod.from_bbox(
                ui.spinXmin.value(), ui.spinYmin.value(), ui.spinXmax.value(), ui.spinYmax.value()
            )
        except LstError as exc:
            self.message(translate_core(str(exc)), Qgis.Warning)
            return
        self.set_aoi(geometry)

    def set_aoi(self, geometry: QgsGeometry, default_name: str = "") -> None:
        """Make ``geometry`` (WGS84 polygon) the AOI: canvas, project, bbox fields, status."""
        ui = self.ui
        if default_name and not ui.editAoiName.text().strip():
            ui.editAoiName.setText(default_name)
        self.aoi = aoi_mod.AreaOfInterest(
            geometry, ui.editAoiName.text().strip(), ui.editAoiId.text().strip()
        )
        aoi_mod.show_aoi(self.aoi)
        self._show_aoi_fields()

    def _show_aoi_fields(self) -> None:
        ui = self.ui
        box = self.aoi.geometry.boundingBox()
        for spin, value in (
            (ui.spinXmin, box.xMinimum()),
            (ui.spinYmin, box.yMinimum()),
            (ui.spinXmax, box.xMaximum()),
            (ui.spinYmax, box.yMaximum()),
        ):
            spin.setValue(value)
        ui.labelAoiStatus.setText(
            QCoreApplication.translate(
                "LstStudioDock", "AOI set: {:.4f}, {:.4f} – {:.4f}, {:.4f} (lon/lat)."
            ).format(box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
        )

    def _aoi_names_changed(self) -> None:
        if self.aoi is not None:
            self.aoi.name = self.ui.editAoiName.text().strip()
            self.aoi.id = self.ui.editAoiId.text().strip()
            aoi_mod.show_aoi(self.aoi)

    def clear_aoi(self) -> None:
        self.aoi = None
        self.ui.editAoiName.clear()  # a cleared AOI must not lend its id to the next package name
        self.ui.editAoiId.clear()
        layer = aoi_mod.aoi_layer()
        if layer is not None:
            QgsProject.instance().removeMapLayer(layer.id())
        for key in ("aoi/wkt", "aoi/name", "aoi/id"):
            QgsProject.instance().removeEntry(aoi_mod.PROJECT_SCOPE, key)
        self.ui.labelAoiStatus.setText(
            QCoreApplication.translate(
                "LstStudioDock", "No area of interest: the whole scene will be processed."
            )
        )

    def restore_project_aoi(self) -> None:
        """After a project is read: its dock settings and its AOI."""
        self._apply_settings(load_settings())
        stored = aoi_mod.project_aoi()
        if stored is None:
            return
        self.ui.editAoiName.setText(stored.name)
        self.ui.editAoiId.setText(stored.id)
        self.aoi = stored
        aoi_mod.show_aoi(stored)
        self._show_aoi_fields()

    def _project_cleared(self) -> None:
        self.aoi = None
        self.result_group = None
        self.result_files = None
        self.btnInspect.setChecked(False)
        self.btnInspect.setEnabled(False)
        self.tiepoint_layers = []
        self.ui.labelAoiStatus.setText(
            QCoreApplication.translate(
                "LstStudioDock", "No area of interest: the whole scene will be processed."
            )
        )
