"""The pixel inspector: a map tool that shows one pixel of the current result, decoded.

A click is converted into the result rasters' CRS; ``core.pixel_info`` reads every layer at that
position and decodes it (LST in °C and K, 1-sigma, emissivity per band, scene class, cloud mask,
each QA bit by name). This module only converts the click, translates the row labels and fills a
table.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject
from qgis.gui import QgsMapToolEmitPoint, QgsVertexMarker
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from ..core.pixel_info import describe_pixel, read_pixel
from .styles import tr_quality

# Row labels and fixed texts of core.pixel_info.describe_pixel, for the translation tools.
INSPECTOR_TEXTS = (
    QT_TRANSLATE_NOOP("inspector", "Pixel (row, column)"),
    QT_TRANSLATE_NOOP("inspector", "LST"),
    QT_TRANSLATE_NOOP("inspector", "LST uncertainty (1σ)"),
    QT_TRANSLATE_NOOP("inspector", "Scene class"),
    QT_TRANSLATE_NOOP("inspector", "Cloud mask"),
    QT_TRANSLATE_NOOP("inspector", "QA"),
    QT_TRANSLATE_NOOP("inspector", "  QA bit"),
    QT_TRANSLATE_NOOP("inspector", "no data"),
    QT_TRANSLATE_NOOP("inspector", "No flag (good quality)"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("inspector", text)


class PixelInspectorTool(QgsMapToolEmitPoint):
    """Emits ``picked(x, y)`` in the rasters' CRS for each click on the canvas."""

    picked = pyqtSignal(float, float)

    def __init__(self, canvas, raster_crs: str):
        super().__init__(canvas)
        self.kind = "inspector"
        self.raster_crs = QgsCoordinateReferenceSystem(raster_crs)
        self.marker: QgsVertexMarker | None = None
        self.canvasClicked.connect(self._clicked)

    def _clicked(self, point: QgsPointXY, _button=None) -> None:
        """``point`` in the canvas CRS: mark it on the map and report it in the rasters' CRS."""
        if self.marker is None:
            self.marker = QgsVertexMarker(self.canvas())
            self.marker.setIconType(QgsVertexMarker.ICON_CROSS)
            self.marker.setIconSize(14)
            self.marker.setPenWidth(2)
            self.marker.setColor(QColor("#00e5ff"))  # cyan: visible on every inferno colour
        self.marker.setCenter(point)
        self.picked.emit(*self.to_raster_crs(point))

    def deactivate(self) -> None:
        if self.marker is not None:
            self.canvas().scene().removeItem(self.marker)
            self.marker = None
        super().deactivate()

    def to_raster_crs(self, point: QgsPointXY) -> tuple[float, float]:
        source = self.canvas().mapSettings().destinationCrs()
        if source.isValid() and self.raster_crs.isValid() and source != self.raster_crs:
            point = QgsCoordinateTransform(source, self.raster_crs, QgsProject.instance()).transform(point)
        return point.x(), point.y()


def _local_decimals(text: str) -> str:
    """Numbers of the core's text with the user's decimal separator (German: 26,85 °C)."""
    import re

    point = QLocale().decimalPoint()
    return text if point == "." else re.sub(r"(\d)\.(\d)", rf"\1{point}\2", text)


def _translate_value(label: str, text: str) -> str:
    if label.strip() in ("QA bit", "Scene class", "Cloud mask"):
        # "Cloud shadow (6)" -> translate the title, keep the number
        title, sep, rest = text.partition(" (")
        return tr_quality(title) + sep + rest if text != "no data" else tr(text)
    return tr(text) if text in ("no data", "No flag (good quality)") else text


def inspect(rasters: dict[str, Path], band_names: dict, x: float, y: float) -> list[tuple[str, str]]:
    """Translated rows for the pixel at (x, y) in the rasters' CRS; empty when outside the grid."""
    pixel = read_pixel(rasters, x, y, band_names)
    if pixel is None:
        return []
    rows = []
    for label, text in describe_pixel(pixel):
        if label.startswith("Emissivity "):
            shown = QCoreApplication.translate("inspector", "Emissivity {}").format(
                label[len("Emissivity ") :]
            )
        else:
            shown = tr(label)
        rows.append((shown, _local_decimals(_translate_value(label, text))))
    return rows


def fill_table(table: QTableWidget, rows: list[tuple[str, str]]) -> None:
    table.setColumnCount(2)
    table.setHorizontalHeaderLabels(
        [QCoreApplication.translate("inspector", "Layer"), QCoreApplication.translate("inspector", "Value")]
    )
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)  # long values wrap in a narrow dock instead of being elided
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.setRowCount(len(rows))
    for r, (label, text) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(label))
        table.setItem(r, 1, QTableWidgetItem(text))
