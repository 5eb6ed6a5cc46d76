"""The product the dock works on: open it in a task, show its summary and footprint, forget it when
opening fails (so Run never processes the product opened before).

A mixin of ``dock.LstStudioDock`` (the methods use the dock's widgets and state); its texts are translated in
the dock's context "LstStudioDock".
"""

from __future__ import annotations

import html
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QFileDialog

from .core_text import translate_core
from .log import log_details, short_message
from .tasks import ProductOpening, RunState

FOOTPRINT_LAYER_NAME = "LST Studio footprint"


class ProductState:
    # --- input ----------------------------------------------------------------------------------

    def _browse_input_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("LstStudioDock", "Level-1 product folder"), self.last_input_dir
        )
        if path:
            self.open_input(path)

    def _browse_input_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("LstStudioDock", "Level-1 product file"),
            self.last_input_dir,
            QCoreApplication.translate(
                "LstStudioDock", "Level-1 products (*.zip *.tar *.geojson *.json *MTL.txt);;All files (*)"
            ),
        )
        if path:
            self.open_input(path)

    def open_input(self, path: str, wait: bool = False) -> bool:
        """Read the product's metadata in a background task; the summary and footprint follow on the main
        thread. The previous product is forgotten at once, so a failed open never leaves it to "Produce
        LST". ``wait`` (tests, scripts) keeps the event loop running until the task reports; returns
        whether the product opened (without ``wait``: whether the task started)."""
        path = path.strip()
        self.ui.editInput.setText(path)
        self._forget_product()
        if not path:
            return False
        if self.opening is not None:
            self.opening.done.disconnect()
            self.opening.cancel()
        self.opening = ProductOpening(
            path, QCoreApplication.translate("LstStudioDock", "LST Studio: open {}").format(Path(path).name)
        )
        self.opening.done.connect(self._product_opened)
        self.ui.textSummary.setPlainText(
            QCoreApplication.translate("LstStudioDock", "Reading {}…").format(path)
        )
        self.ui.btnOpenInput.setEnabled(False)
        self.opening.start()
        if not wait:
            return True
        from qgis.PyQt.QtCore import QEventLoop

        opening = self.opening
        loop = QEventLoop()
        opening.done.connect(loop.quit)
        if opening.state is RunState.PENDING:
            loop.exec_()
        return opening.state is RunState.SUCCEEDED

    def _forget_product(self) -> None:
        self.summary = None
        self.product_path = ""
        self.product_tiepoints = []
        project = QgsProject.instance()
        for layer in project.mapLayersByName(FOOTPRINT_LAYER_NAME):
            project.removeMapLayer(layer.id())

    def _product_opened(self, ok: bool, message: str) -> None:
        opening, self.opening = self.sender(), None
        self.ui.btnOpenInput.setEnabled(True)
        if not ok:
            log_details(message)
            shown = translate_core(message)  # once, for the summary box and the bar
            self.ui.textSummary.setPlainText(shown)
            self.message(
                short_message(shown),
                Qgis.Critical,
                QCoreApplication.translate("LstStudioDock", "Cannot read the product"),
            )
            return
        self.summary = opening.summary
        self.product_path = opening.path
        self.product_tiepoints = opening.tiepoints
        self.last_input_dir = str(Path(opening.path).parent)
        self.ui.textSummary.setHtml(self._summary_html(opening.summary))
        self._show_footprint(opening.summary)

    def _summary_html(self, s) -> str:
        from .summary_view import number

        rows = [
            (QCoreApplication.translate("LstStudioDock", "Product"), s.product_id),
            (QCoreApplication.translate("LstStudioDock", "Format"), s.source_format),
            (QCoreApplication.translate("LstStudioDock", "Platform"), s.platform),
            (QCoreApplication.translate("LstStudioDock", "Sensor"), ", ".join(s.instruments)),
            (
                QCoreApplication.translate("LstStudioDock", "Acquired (UTC)"),
                s.acquisition.strftime("%Y-%m-%d %H:%M:%S"),
            ),
            (
                QCoreApplication.translate("LstStudioDock", "Day / night"),
                QCoreApplication.translate("LstStudioDock", "day")
                if s.is_day
                else QCoreApplication.translate("LstStudioDock", "night"),
            ),
            (QCoreApplication.translate("LstStudioDock", "Bands"), ", ".join(s.bands)),
            (
                QCoreApplication.translate("LstStudioDock", "Cloud cover"),
                QCoreApplication.translate("LstStudioDock", "not stated")
                if s.cloud_cover is None
                else f"{number(s.cloud_cover)} %",
            ),
            (QCoreApplication.translate("LstStudioDock", "CRS"), s.crs),
            (QCoreApplication.translate("LstStudioDock", "Size"), f"{s.width} × {s.height} px"),
        ]
        body = "".join(
            f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(str(v))}</td></tr>" for k, v in rows
        )
        return f"<table cellspacing='2'>{body}</table>"

    def _show_footprint(self, summary) -> None:
        project = QgsProject.instance()
        for layer in project.mapLayersByName(FOOTPRINT_LAYER_NAME):
            project.removeMapLayer(layer.id())
        if not summary.footprint_lonlat:
            return
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

        # In the scene's CRS: the first layer of an empty project sets the project CRS, and the UTM
        # rasters that follow must not be drawn reprojected (nearest-neighbour artefacts).
        crs = QgsCoordinateReferenceSystem(summary.crs)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem("EPSG:4326")
        geometry = QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in summary.footprint_lonlat]])
        geometry.transform(
            QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs, QgsProject.instance())
        )
        layer = QgsVectorLayer("Polygon", FOOTPRINT_LAYER_NAME, "memory")
        layer.setCrs(crs)
        self._adopt_crs(crs)
        feature = QgsFeature()
        feature.setGeometry(geometry)
        layer.dataProvider().addFeatures([feature])
        layer.updateExtents()
        from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

        symbol = QgsFillSymbol.createSimple(
            {"color": "255,170,0,30", "outline_color": "#ff8c00", "outline_width": "0.6"}
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        project.addMapLayer(layer)
        self._zoom_to(layer)

    def _adopt_crs(self, crs) -> None:
        """Draw in the scene's CRS while the project holds no raster of its own (only our AOI/footprint)."""
        project = QgsProject.instance()
        if crs.isValid() and not any(isinstance(lyr, QgsRasterLayer) for lyr in project.mapLayers().values()):
            project.setCrs(crs)
            self.canvas.setDestinationCrs(crs)

    def _zoom_to(self, layer) -> None:
        from qgis.core import QgsCoordinateTransform

        extent = layer.extent()
        dest = self.canvas.mapSettings().destinationCrs()
        if dest.isValid() and dest != layer.crs():
            extent = QgsCoordinateTransform(layer.crs(), dest, QgsProject.instance()).transformBoundingBox(
                extent
            )
        extent.scale(1.1)
        self.canvas.setExtent(extent)
        self.canvas.refresh()
