"""Geometric-verification overlay: GVER tiepoints as a categorised point layer in EPSG:4326.

Recipe of spec-notes §2.3–2.4: one point per tiepoint (the image point when the file gives reference
and image locations), attributes band/pair, dx, dy, |d| in metres and in pixels of the GSD, and the
GVerify disparity class; colours and bins come from ``core.products.gver.DISPARITY_CLASSES``.
Optional arrows from each point along (dx, dy), exaggerated by the layer variable
``lst_arrow_factor``, are drawn by a geometry-generator symbol layer (display only, no new data).
"""

from __future__ import annotations

import math

from qgis.core import (
    Qgis,
    QgsArrowSymbolLayer,
    QgsCategorizedSymbolRenderer,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsGeometryGeneratorSymbolLayer,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtGui import QColor

from ..core.products.gver import DISPARITY_CLASSES, disparity_class
from ..core.products.scene import Tiepoints

ARROW_VARIABLE = "lst_arrow_factor"
# Metres → degrees near the point: 1° latitude ≈ 110 540 m, 1° longitude ≈ 111 320 m · cos(lat)
# (WGS84 mean values; plenty for an exaggerated display arrow).
ARROW_EXPRESSION = (
    "make_line($geometry, translate($geometry, "
    f'"dx_m" * @{ARROW_VARIABLE} / (111320 * cos(radians($y))), "dy_m" * @{ARROW_VARIABLE} / 110540))'
)


def pair_label(tp: Tiepoints) -> str:
    return f"{tp.source} → {tp.target}" if tp.target else tp.source


def tiepoint_layer(tiepoints: list[Tiepoints], name: str, arrow_factor: float = 100.0) -> QgsVectorLayer:
    """A memory point layer (EPSG:4326) with one feature per tiepoint, styled by disparity class."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes(
        [
            QgsField("kind", QVariant.String),
            QgsField("source", QVariant.String),
            QgsField("target", QVariant.String),
            QgsField("pair", QVariant.String),
            # Identify and the attribute table show the field precision: centimetres and 1/1000 px,
            # what a tiepoint measurement resolves (not eight decimals).
            QgsField("dx_m", QVariant.Double, "double", 12, 2),
            QgsField("dy_m", QVariant.Double, "double", 12, 2),
            QgsField("d_m", QVariant.Double, "double", 12, 2),
            QgsField("gsd_m", QVariant.Double, "double", 12, 1),
            QgsField("d_px", QVariant.Double, "double", 12, 3),
            QgsField("class", QVariant.Int),
        ]
    )
    layer.updateFields()
    features = []
    for tp in tiepoints:
        label = pair_label(tp)
        for lonlat, (dx, dy) in zip(tp.lonlat, tp.dxy_m):
            # With [lon_ref, lat_ref, lon_img, lat_img] the point sits on the image location.
            lon, lat = (lonlat[2], lonlat[3]) if len(lonlat) == 4 else (lonlat[0], lonlat[1])
            d = math.hypot(dx, dy)
            d_px = d / tp.gsd_m if tp.gsd_m else None
            f = QgsFeature(layer.fields())
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(lon), float(lat))))
            f.setAttributes(
                [
                    tp.kind,
                    tp.source,
                    tp.target,
                    label,
                    round(float(dx), 2),
                    round(float(dy), 2),
                    round(d, 2),
                    round(float(tp.gsd_m), 1) if tp.gsd_m else None,
                    round(d_px, 3) if d_px is not None else None,
                    int(disparity_class(d_px)) if d_px is not None else None,  # from the unrounded value
                ]
            )
            features.append(f)
    provider.addFeatures(features)
    layer.updateExtents()
    QgsExpressionContextUtils.setLayerVariable(layer, ARROW_VARIABLE, arrow_factor)
    layer.setRenderer(disparity_renderer())
    return layer


def disparity_renderer(arrows: bool = True) -> QgsCategorizedSymbolRenderer:
    categories = []
    for index, (_lo, _hi, _name, colour, label) in enumerate(DISPARITY_CLASSES):
        categories.append(QgsRendererCategory(index, _symbol(QColor(colour), arrows), label))
    renderer = QgsCategorizedSymbolRenderer("class", categories)
    return renderer


def _symbol(colour: QColor, arrows: bool) -> QgsMarkerSymbol:
    symbol = QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": colour.name(),
            "size": "2.4",
            "outline_color": "#202020",
            "outline_width": "0.2",
        }
    )
    # create() (unlike the bare constructor) gives the arrow its fill sub-symbol.
    arrow = QgsArrowSymbolLayer.create(
        {
            "arrow_width": "0.4",
            "arrow_start_width": "0.4",
            "head_length": "1.6",
            "head_thickness": "1.2",
            "head_type": "0",
            "is_curved": "0",
            "color": colour.name(),
        }
    )
    arrow.setColor(colour)
    arrow.subSymbol().symbolLayer(0).setStrokeStyle(Qt.NoPen)  # a clean filled arrow, no dark rim
    # QgsLineSymbol([layer]) does not take ownership in the 3.22 bindings (crash on clone).
    arrow_symbol = QgsLineSymbol()
    arrow_symbol.changeSymbolLayer(0, arrow)
    generator = QgsGeometryGeneratorSymbolLayer.create({"geometryModifier": ARROW_EXPRESSION})
    generator.setSymbolType(Qgis.SymbolType.Line)
    generator.setSubSymbol(arrow_symbol)
    generator.setEnabled(arrows)
    symbol.insertSymbolLayer(0, generator)  # arrows under the point markers
    symbol.setColor(colour)
    return symbol


def set_arrows(layer: QgsVectorLayer, visible: bool, factor: float | None = None) -> None:
    """Show or hide the displacement arrows and set their exaggeration factor."""
    if factor is not None:
        QgsExpressionContextUtils.setLayerVariable(layer, ARROW_VARIABLE, factor)
    renderer = layer.renderer()
    for index, category in enumerate(renderer.categories()):
        symbol = category.symbol().clone()
        for symbol_layer in symbol.symbolLayers():
            if isinstance(symbol_layer, QgsGeometryGeneratorSymbolLayer):
                symbol_layer.setEnabled(visible)
        renderer.updateCategorySymbol(index, symbol)
    layer.triggerRepaint()
