"""Styling of the clear-sky observation (CSO) rasters: one place for the dock's CSO tab and the
``lststudio:cso`` algorithm's layer post-processor (Processing never imports the GUI).

NUM gets the count ramp of ``resources/styles/cso_num.qml``; the gap statistics a sequential ramp (days),
SKW/KRT a diverging ramp around 0. Main thread only (QGIS renderers).
"""

from __future__ import annotations

from qgis.core import (
    QgsColorRampShader,
    QgsRasterBandStats,
    QgsRasterLayer,
    QgsRasterShader,
    QgsSingleBandPseudoColorRenderer,
)
from qgis.PyQt.QtGui import QColor

from ..core import cso
from .base import LstStudioProcessing  # the one runtime context of Processing strings (test_i18n)

# Sequential for gap lengths in days (ColorBrewer YlOrRd, 7 classes: long gaps dark red), diverging for
# the shape statistics (ColorBrewer RdBu, 7 classes, reversed: 0 pale, negative blue, positive red).
DAYS_COLOURS = ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026")
SHAPE_COLOURS = ("#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b")
# The NUM ramp (ColorBrewer YlGnBu, 7 classes: few clear observations yellow, many dark blue) is in the QML.
NUM_COLOURS = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")


def _band_range(layer: QgsRasterLayer, band: int = 1) -> tuple[float, float] | None:
    # All: with Min | Max only, QGIS 3.22 leaves elementCount at 0 even when the band has values
    stats = layer.dataProvider().bandStatistics(band, QgsRasterBandStats.All)
    if stats.elementCount == 0:
        return None
    return float(stats.minimumValue), float(stats.maximumValue)


def busiest_band(layer: QgsRasterLayer) -> int:
    """The band (bin) with the most clear observations of a NUM layer: the largest sum of counts."""
    provider = layer.dataProvider()
    sums = []
    for band in range(1, layer.bandCount() + 1):
        stats = provider.bandStatistics(band, QgsRasterBandStats.All)
        sums.append((stats.sum if stats.elementCount else 0.0, -band))
    return -max(sums)[1] if sums else 1


def ramp_renderer(
    layer: QgsRasterLayer, colours, lo: float, hi: float, fmt, band: int = 1
) -> QgsSingleBandPseudoColorRenderer:
    shader = QgsColorRampShader(lo, hi)
    shader.setColorRampType(QgsColorRampShader.Interpolated)
    items = []
    for i, c in enumerate(colours):
        v = lo + (hi - lo) * i / (len(colours) - 1)
        items.append(QgsColorRampShader.ColorRampItem(v, QColor(c), fmt(v)))
    shader.setColorRampItemList(items)
    raster_shader = QgsRasterShader(lo, hi)
    raster_shader.setRasterShaderFunction(shader)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), band, raster_shader)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)
    return renderer


def num_renderer(layer: QgsRasterLayer, hi: float = 10.0, band: int = 1) -> QgsSingleBandPseudoColorRenderer:
    """The count ramp of NUM (what ``cso_num.qml`` holds, with hi = 10): colour stops on whole counts."""
    hi = max(int(round(hi)), 2)
    stops: dict[int, str] = {}
    for i, c in enumerate(NUM_COLOURS):
        stops.setdefault(int(round(1 + (hi - 1) * i / (len(NUM_COLOURS) - 1))), c)
    shader = QgsColorRampShader(1.0, float(hi))
    shader.setColorRampType(QgsColorRampShader.Interpolated)
    shader.setColorRampItemList(
        [QgsColorRampShader.ColorRampItem(float(v), QColor(c), str(v)) for v, c in sorted(stops.items())]
    )
    raster_shader = QgsRasterShader(1.0, float(hi))
    raster_shader.setRasterShaderFunction(shader)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), band, raster_shader)
    renderer.setClassificationMin(1.0)
    renderer.setClassificationMax(float(hi))
    return renderer


def style_cso_layer(layer: QgsRasterLayer, statistic: str, band: int | None = None) -> bool:
    """NUM: the count ramp up to the largest count; others: a ramp over the shown bin's range.

    ``band``: the bin to show (default: the layer's busiest bin for NUM, else band 1)."""
    statistic = statistic.upper()
    if band is None:
        band = busiest_band(layer) if statistic == "NUM" else 1
    rng = _band_range(layer, band)
    if statistic == "NUM":
        hi = rng[1] if rng is not None else 10.0
        layer.setRenderer(num_renderer(layer, max(hi, 2.0), band))
    else:
        lo, hi = rng if rng is not None else (0.0, 1.0)
        if statistic in ("SKW", "KRT"):
            m = max(abs(lo), abs(hi), 1.0)
            scale = cso.SCALES["seed"][statistic]
            renderer = ramp_renderer(layer, SHAPE_COLOURS, -m, m, lambda v, s=scale: f"{v / s:.2f}", band)
        else:
            if hi <= lo:
                hi = lo + 1.0
            renderer = ramp_renderer(
                layer,
                DAYS_COLOURS,
                lo,
                hi,
                lambda v: LstStudioProcessing.tr("{} days").format(round(v)),
                band,
            )
        layer.setRenderer(renderer)
    layer.triggerRepaint()
    return True
