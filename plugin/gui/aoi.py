"""The area of interest: map tools to draw it, readers for layers and files, and its keeping.

The AOI is held in WGS84 (what core.options.Aoi expects), shown on the canvas as a small memory
layer "LST Studio AOI", and written into the project (WKT, name, id) so it survives save/reopen.
Processing gets it as a GeoJSON file, which is safe to read from the worker thread.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapToolEmitPoint, QgsRubberBand
from qgis.PyQt.QtCore import Qt, QVariant, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..core.errors import AoiError

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
PROJECT_SCOPE = "lst_studio"
AOI_LAYER_NAME = "LST Studio AOI"
AOI_COLOUR = QColor(255, 0, 170)


@dataclass
class AreaOfInterest:
    geometry: QgsGeometry  # polygon or multipolygon in WGS84
    name: str = ""
    id: str = ""

    def to_geojson(self) -> dict:
        return json.loads(self.geometry.asJson(8))

    def write_geojson(self, folder: str | Path | None = None) -> Path:
        """A one-feature GeoJSON FeatureCollection for the Processing AOI parameter."""
        folder = Path(folder or tempfile.mkdtemp(prefix="lststudio-aoi-"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "aoi.geojson"
        doc = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": self.name, "id": self.id},
                    "geometry": self.to_geojson(),
                }
            ],
        }
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path


def to_wgs84(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> QgsGeometry:
    geometry = QgsGeometry(geometry)
    if crs.isValid() and crs != WGS84:
        geometry.transform(QgsCoordinateTransform(crs, WGS84, QgsProject.instance()))
    return geometry


def _polygonal(geometry: QgsGeometry, what: str) -> QgsGeometry:
    if geometry is None or geometry.isEmpty():
        raise AoiError(f"{what}: no geometry")
    if geometry.type() != QgsWkbTypes.PolygonGeometry:
        raise AoiError(f"{what}: expected polygons, got {QgsWkbTypes.geometryDisplayString(geometry.type())}")
    if not geometry.isGeosValid():
        geometry = geometry.makeValid()
    if geometry.area() <= 0:
        raise AoiError(f"{what}: the polygon has no area")
    return geometry


def from_bbox(xmin: float, ymin: float, xmax: float, ymax: float, crs=WGS84) -> QgsGeometry:
    if not (xmax > xmin and ymax > ymin):
        raise AoiError(f"bbox {xmin}, {ymin}, {xmax}, {ymax}: expected xmin < xmax and ymin < ymax")
    return to_wgs84(QgsGeometry.fromRect(QgsRectangle(xmin, ymin, xmax, ymax)), crs)


def from_features(layer: QgsVectorLayer, selected_only: bool = True) -> QgsGeometry:
    """Union of the selected features (or of all when none is selected), in WGS84."""
    features = list(layer.selectedFeatures()) if selected_only else []
    if not features:
        features = list(layer.getFeatures())
    if not features:
        raise AoiError(f"{layer.name()}: the layer has no features")
    geometry = QgsGeometry.unaryUnion([f.geometry() for f in features if f.hasGeometry()])
    return _polygonal(to_wgs84(geometry, layer.crs()), layer.name())


def from_file(path: str | Path) -> QgsGeometry:
    """Union of all polygons in a GeoJSON, GeoPackage or shapefile (the first layer)."""
    layer = QgsVectorLayer(str(path), Path(path).stem, "ogr")
    if not layer.isValid():
        raise AoiError(f"{path}: cannot be read as a vector file (GeoJSON, GeoPackage, shapefile)")
    return from_features(layer, selected_only=False)


# --- keeping it: canvas layer and project entries ------------------------------------------------


def aoi_layer(project: QgsProject | None = None) -> QgsVectorLayer | None:
    project = project or QgsProject.instance()
    for layer in project.mapLayersByName(AOI_LAYER_NAME):
        if layer.customProperty("lst_studio/role") == "aoi":
            return layer
    return None


def show_aoi(aoi: AreaOfInterest, project: QgsProject | None = None) -> QgsVectorLayer:
    """Put the AOI on the canvas (one memory layer, replaced on each change) and into the project."""
    project = project or QgsProject.instance()
    layer = aoi_layer(project)
    if layer is None:
        layer = QgsVectorLayer("Polygon?crs=EPSG:4326", AOI_LAYER_NAME, "memory")
        layer.dataProvider().addAttributes(
            [QgsField("name", QVariant.String), QgsField("id", QVariant.String)]
        )
        layer.updateFields()
        layer.setCustomProperty("lst_studio/role", "aoi")
        symbol = QgsFillSymbol.createSimple(
            {
                "color": "0,0,0,0",
                "outline_color": AOI_COLOUR.name(),
                "outline_width": "0.8",
                "outline_style": "dash",
            }
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        project.addMapLayer(layer)
    provider = layer.dataProvider()
    provider.truncate()
    feature = QgsFeature(layer.fields())
    feature.setGeometry(aoi.geometry)
    feature.setAttributes([aoi.name, aoi.id])
    provider.addFeatures([feature])
    layer.updateExtents()
    layer.triggerRepaint()
    project.writeEntry(PROJECT_SCOPE, "aoi/wkt", aoi.geometry.asWkt(8))
    project.writeEntry(PROJECT_SCOPE, "aoi/name", aoi.name)
    project.writeEntry(PROJECT_SCOPE, "aoi/id", aoi.id)
    return layer


def project_aoi(project: QgsProject | None = None) -> AreaOfInterest | None:
    """The AOI stored in the project, or None."""
    project = project or QgsProject.instance()
    wkt, ok = project.readEntry(PROJECT_SCOPE, "aoi/wkt", "")
    if not ok or not wkt:
        return None
    geometry = QgsGeometry.fromWkt(wkt)
    if geometry.isEmpty():
        return None
    name, _ = project.readEntry(PROJECT_SCOPE, "aoi/name", "")
    aoi_id, _ = project.readEntry(PROJECT_SCOPE, "aoi/id", "")
    return AreaOfInterest(geometry, name, aoi_id)


# --- map tools --------------------------------------------------------------------------------------


def _rubber_band(canvas, geometry_type) -> QgsRubberBand:
    band = QgsRubberBand(canvas, geometry_type)
    band.setColor(AOI_COLOUR)
    band.setFillColor(QColor(255, 0, 170, 40))
    band.setWidth(2)
    return band


class RectangleTool(QgsMapToolEmitPoint):
    """Press, drag, release: emits the rectangle as a geometry in the canvas CRS."""

    drawn = pyqtSignal(QgsGeometry)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.rubber_band = _rubber_band(canvas, QgsWkbTypes.PolygonGeometry)
        self.start: QgsPointXY | None = None

    def canvasPressEvent(self, event):
        self.start = self.toMapCoordinates(event.pos())
        self.rubber_band.reset(QgsWkbTypes.PolygonGeometry)

    def canvasMoveEvent(self, event):
        if self.start is None:
            return
        rect = QgsRectangle(self.start, self.toMapCoordinates(event.pos()))
        self.rubber_band.setToGeometry(QgsGeometry.fromRect(rect), None)

    def canvasReleaseEvent(self, event):
        if self.start is None:
            return
        rect = QgsRectangle(self.start, self.toMapCoordinates(event.pos()))
        self.start = None
        self.rubber_band.reset(QgsWkbTypes.PolygonGeometry)
        if rect.width() > 0 and rect.height() > 0:
            self.drawn.emit(QgsGeometry.fromRect(rect))

    def deactivate(self):
        self.rubber_band.reset(QgsWkbTypes.PolygonGeometry)
        super().deactivate()


class PolygonTool(QgsMapToolEmitPoint):
    """Left click adds a vertex, right click (or double click) closes the polygon."""

    drawn = pyqtSignal(QgsGeometry)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.rubber_band = _rubber_band(canvas, QgsWkbTypes.PolygonGeometry)
        self.points: list[QgsPointXY] = []

    def canvasPressEvent(self, event):
        if event.button() == Qt.RightButton:
            self.finish()
            return
        self.points.append(self.toMapCoordinates(event.pos()))
        self.rubber_band.addPoint(self.points[-1], True)

    def canvasDoubleClickEvent(self, event):
        self.finish()

    def canvasMoveEvent(self, event):
        if self.points:
            self.rubber_band.movePoint(self.toMapCoordinates(event.pos()))

    def finish(self):
        points, self.points = self.points, []
        self.rubber_band.reset(QgsWkbTypes.PolygonGeometry)
        if len(points) >= 3:
            self.drawn.emit(QgsGeometry.fromPolygonXY([[*points, points[0]]]))

    def deactivate(self):
        self.points = []
        self.rubber_band.reset(QgsWkbTypes.PolygonGeometry)
        super().deactivate()


def remove_rubber_band(tool) -> None:
    band = getattr(tool, "rubber_band", None)
    if band is not None:
        band.reset()
        canvas = tool.canvas()
        if canvas is not None and canvas.scene() is not None:
            canvas.scene().removeItem(band)
        tool.rubber_band = None
