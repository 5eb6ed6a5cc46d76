"""Styles for the result layers: QML files in ``resources/styles`` plus the load-time adjustments.

The classified styles (CLOUD_MASK, SCL, QA) are written by ``make_styles.py`` from the one table in
``core.quality``; the continuous ones (LST, LST_UNCERTAINTY) carry a default range that
``style_layer`` re-stretches to the layer at hand. Values are always in the layer's units as QGIS
sees them: QGIS applies the GeoTIFF band scale/offset when it reads a block, so a delivery LST
(uint16, scale 0.01 K) and a result-folder LST (float32 K) both arrive in kelvin. Class values are
therefore kelvin and only the labels say °C.
"""

from __future__ import annotations

import math
from pathlib import Path

from qgis.core import (
    QgsColorRampShader,
    QgsContrastEnhancement,
    QgsMultiBandColorRenderer,
    QgsPalettedRasterRenderer,
    QgsRasterLayer,
    QgsRectangle,
    QgsSingleBandPseudoColorRenderer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..core.quality import QA_BITS

STYLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "styles"
KELVIN_0C = 273.15
QUALITY_CONTEXT = "quality"  # translation context of the core.quality legend texts (see quality_strings.py)

STYLE_FILES = {
    "LST": "lst.qml",
    "LST_UNCERTAINTY": "lst_uncertainty.qml",
    "CLOUD_MASK": "cloud_mask.qml",
    "SCL": "scl.qml",
    "QA": "qa.qml",
    "LST_QUICKLOOK": None,  # rendered RGB(A): the file's own colours
    "RGB_QUICKLOOK": None,
}

# Diverging blue→red (ColorBrewer RdYlBu, 11 classes, reversed): cold blue, warm red, pale middle,
# readable for colour-blind users and familiar from thermal maps.
LST_COLOURS = (
    "#313695",
    "#4575b4",
    "#74add1",
    "#abd9e9",
    "#e0f3f8",
    "#ffffbf",
    "#fee090",
    "#fdae61",
    "#f46d43",
    "#d73027",
    "#a50026",
)
LST_DEFAULT_RANGE_K = (KELVIN_0C, KELVIN_0C + 50.0)
# Sequential yellow→red (ColorBrewer YlOrRd, 5 classes): darker = less certain.
UNCERTAINTY_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
UNCERTAINTY_DEFAULT_RANGE_K = (0.0, 3.0)
STRETCH_PERCENT = (0.02, 0.98)  # cumulative cut, as QGIS's own default stretch
TRUE_COLOUR_MAX = 0.3  # reflectance at full brightness in true colour (common 0–0.3 TOA display range)
SAMPLE_SIZE = 250_000  # pixels sampled for the stretch, as QGIS's own estimate (fast on full scenes)

CLOUD_MASK_COLOURS = {0: ("#000000", 0), 1: ("#e729d0", 210)}  # clear transparent, contaminated magenta

# QA colours, by bit name; a flag combination takes the colour of its first flag in this order
# (the most consequential for the analyst first). Bits missing here fall back to grey.
QA_COLOURS = {
    "nodata": "#000000",
    "lst_not_retrieved": "#7f0000",
    "saturated_lwir11": "#e41a1c",
    "saturated_lwir12": "#fb6a4a",
    "saturated_vnir": "#fcbba1",
    "undersaturated": "#984ea3",
    "cloud": "#f0f0f0",
    "thin_cloud": "#bdbdbd",
    "cloud_shadow": "#525252",
    "adjacent": "#ff7f00",
    "snow_ice": "#a6f0ff",
    "water": "#377eb8",
    "filled": "#f781bf",
    "tests_incomplete": "#ffff33",
}


def tr_quality(title: str) -> str:
    """A core.quality legend text in the user's language."""
    return QCoreApplication.translate(QUALITY_CONTEXT, title)


def kelvin_label(value_k: float) -> str:
    return f"{value_k - KELVIN_0C:.1f} °C"


def qa_label(value: int) -> str:
    """Readable name of one QA value: the titles of its set bits joined by ' + '."""
    if value == 0:
        return QCoreApplication.translate("styles", "No flag (good quality)")
    names = [tr_quality(b.title) for b in QA_BITS if value >> b.bit & 1]
    unknown = value & ~sum(1 << b.bit for b in QA_BITS)
    if unknown:
        names.append(f"bits 0x{unknown:x}")
    return " + ".join(names)


def qa_colour(value: int) -> QColor:
    if value == 0:
        return QColor(0, 0, 0, 0)
    set_bits = {b.name for b in QA_BITS if value >> b.bit & 1}
    for name, colour in QA_COLOURS.items():
        if name in set_bits:
            return QColor(colour)
    return QColor("#808080")


# --- renderers (used by make_styles.py to write the QML files, and at load time) ----------------


def ramp_shader(colours, lo: float, hi: float, label) -> QgsColorRampShader:
    shader = QgsColorRampShader(lo, hi)
    shader.setColorRampType(QgsColorRampShader.Interpolated)
    shader.setClassificationMode(QgsColorRampShader.EqualInterval)
    items = []
    for i, c in enumerate(colours):
        v = lo + (hi - lo) * i / (len(colours) - 1)
        items.append(QgsColorRampShader.ColorRampItem(v, QColor(c), label(v)))
    shader.setColorRampItemList(items)
    legend = shader.legendSettings()
    legend.setUseContinuousLegend(False)  # one entry per class, with our °C labels
    shader.setLegendSettings(legend)
    return shader


def pseudocolor_renderer(provider, kind: str, lo: float, hi: float) -> QgsSingleBandPseudoColorRenderer:
    from qgis.core import QgsRasterShader

    if kind == "LST":
        colours, label = LST_COLOURS, kelvin_label
    else:
        colours, label = UNCERTAINTY_COLOURS, lambda v: f"{v:.2f} K"
    raster_shader = QgsRasterShader(lo, hi)
    raster_shader.setRasterShaderFunction(ramp_shader(colours, lo, hi, label))
    renderer = QgsSingleBandPseudoColorRenderer(provider, 1, raster_shader)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)
    return renderer


def paletted_renderer(provider, classes) -> QgsPalettedRasterRenderer:
    """``classes``: iterable of (value, QColor, label)."""
    entries = [QgsPalettedRasterRenderer.Class(int(v), QColor(c), label) for v, c, label in classes]
    return QgsPalettedRasterRenderer(provider, 1, entries)


def scl_classes():
    from ..core.quality import SCL_CLASSES

    return [(c.value, QColor(c.color), c.title) for c in SCL_CLASSES]


def cloud_mask_classes():
    from ..core.quality import CLOUD_MASK_CLASSES

    out = []
    for value, _name, title in CLOUD_MASK_CLASSES:
        colour, alpha = CLOUD_MASK_COLOURS[value]
        c = QColor(colour)
        c.setAlpha(alpha)
        out.append((value, c, title))
    return out


def qa_single_bit_classes():
    values = [0] + [1 << b.bit for b in QA_BITS]
    return [(v, qa_colour(v), qa_label(v)) for v in values]


# --- load time ---------------------------------------------------------------------------------


def style_layer(
    layer: QgsRasterLayer, key: str, band_names: list[str] | None = None, cloud_mask: Path | None = None
) -> bool:
    """Style a result layer by its TYPE key (LST, LST_UNCERTAINTY, CLOUD_MASK, SCL, QA, VNIR, ...).

    ``cloud_mask``: the result's CLOUD_MASK raster on the same grid; LST and its uncertainty are then
    stretched over the clear pixels only. Returns True when a style was applied. Must run on the main
    thread.
    """
    key = key.upper()
    qml = STYLE_FILES.get(key)
    if key == "VNIR":
        return _style_true_colour(layer, band_names or [])
    if not qml:
        return False
    _msg, ok = layer.loadNamedStyle(str(STYLE_DIR / qml))
    if not ok:
        return False
    if key in ("LST", "LST_UNCERTAINTY"):
        _restretch(layer, key, cloud_mask)
    elif key == "QA":
        _qa_combinations(layer)
    else:
        _translate_classes(layer)
    layer.triggerRepaint()
    return True


def stretch_range(
    layer: QgsRasterLayer, key: str, cloud_mask: Path | None = None
) -> tuple[float, float] | None:
    """A sensible display range in layer units: 2–98 % cumulative cut (over the clear pixels when the
    ``cloud_mask`` can be read), widened to whole degrees/tenths."""
    cut = clear_sky_cut(layer, cloud_mask) if cloud_mask else None
    lo, hi = cut or layer.dataProvider().cumulativeCut(1, *STRETCH_PERCENT, QgsRectangle(), SAMPLE_SIZE)
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi < lo:
        return None
    if key == "LST":
        lo = math.floor(lo - KELVIN_0C) + KELVIN_0C
        hi = math.ceil(hi - KELVIN_0C) + KELVIN_0C
        if hi - lo < 1.0:
            hi = lo + 1.0
        return lo, hi
    hi = max(math.ceil(hi * 10) / 10, 0.1)
    return 0.0, hi


def clear_sky_cut(layer: QgsRasterLayer, cloud_mask: Path) -> tuple[float, float] | None:
    """The STRETCH_PERCENT cut of the layer's values where CLOUD_MASK == 0, in layer units; None when
    the mask cannot be read, is on another grid or leaves fewer than 100 clear pixels.

    Under clouds LST is a cloud-top temperature, tens of kelvin below the land: a cut over every
    pixel would spend most of the colour ramp on clouds the mask layer already hides. Both rasters are
    read decimated to about SAMPLE_SIZE pixels (GDAL takes the overviews of the COGs)."""
    import numpy as np
    from osgeo import gdal

    src, msk = gdal.Open(layer.source()), gdal.Open(str(cloud_mask))
    if src is None or msk is None or (src.RasterXSize, src.RasterYSize) != (msk.RasterXSize, msk.RasterYSize):
        return None
    step = max(1, math.ceil(math.sqrt(src.RasterXSize * src.RasterYSize / SAMPLE_SIZE)))
    size = {"buf_xsize": -(-src.RasterXSize // step), "buf_ysize": -(-src.RasterYSize // step)}
    band = src.GetRasterBand(1)
    values = band.ReadAsArray(**size).astype(np.float64)
    clear = msk.GetRasterBand(1).ReadAsArray(**size) == 0
    if band.GetNoDataValue() is not None:
        clear &= values != band.GetNoDataValue()
    clear &= np.isfinite(values)
    if clear.sum() < 100:
        return None
    values = values[clear] * (band.GetScale() or 1.0) + (band.GetOffset() or 0.0)
    lo, hi = np.percentile(values, [100.0 * p for p in STRETCH_PERCENT])
    return float(lo), float(hi)


def _restretch(layer: QgsRasterLayer, key: str, cloud_mask: Path | None = None) -> None:
    rng = stretch_range(layer, key, cloud_mask)
    if rng is None:
        return
    layer.setRenderer(pseudocolor_renderer(layer.dataProvider(), key, *rng))


def _translate_classes(layer: QgsRasterLayer) -> None:
    """The QML files hold the English titles of core.quality; show them in the user's language."""
    renderer = layer.renderer()
    if isinstance(renderer, QgsPalettedRasterRenderer):
        for c in renderer.classes():
            renderer.setLabel(c.value, tr_quality(c.label))


def _qa_combinations(layer: QgsRasterLayer) -> None:
    """One legend class per QA value present (a flag combination), labelled from core.quality."""
    present = QgsPalettedRasterRenderer.classDataFromRaster(layer.dataProvider(), 1)
    values = sorted({int(c.value) for c in present})
    if not values:
        return
    layer.setRenderer(
        paletted_renderer(layer.dataProvider(), [(v, qa_colour(v), qa_label(v)) for v in values])
    )


def _style_true_colour(layer: QgsRasterLayer, band_names: list[str]) -> bool:
    """VNIR (TOA reflectance) in true colour: red, green, blue with one shared stretch.

    One range for the three bands keeps the hues; its top is capped at 0.3 reflectance, the usual
    true-colour range, so bright cloud and snow do not darken the land (their 2–98 % cut would).
    """
    try:
        red, green, blue = (band_names.index(n) + 1 for n in ("red", "green", "blue"))
    except ValueError:
        if layer.bandCount() < 3:
            return False
        red, green, blue = 1, 2, 3
    provider = layer.dataProvider()
    cuts = [
        provider.cumulativeCut(b, *STRETCH_PERCENT, QgsRectangle(), SAMPLE_SIZE) for b in (red, green, blue)
    ]
    lo = max(0.0, min(c[0] for c in cuts))
    hi = min(TRUE_COLOUR_MAX, max(c[1] for c in cuts))
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return False
    renderer = QgsMultiBandColorRenderer(provider, red, green, blue)
    for band, setter in (
        (red, renderer.setRedContrastEnhancement),
        (green, renderer.setGreenContrastEnhancement),
        (blue, renderer.setBlueContrastEnhancement),
    ):
        ce = QgsContrastEnhancement(provider.dataType(band))
        ce.setContrastEnhancementAlgorithm(QgsContrastEnhancement.StretchToMinimumMaximum)
        ce.setMinimumValue(lo)
        ce.setMaximumValue(hi)
        setter(ce)
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return True
