"""Styles for the result layers: QML files in ``resources/styles`` plus the load-time renderers.

The classified styles (CLOUD_MASK, SCL, QA) are written by ``make_styles.py`` from the one table in
``core.quality``. LST is drawn with the quicklook's colour ramp (inferno, ``core.delivery.quicklook``)
over one fixed scale shared by every run of a project (``lst_scale``: the user's range from the
project, else the quicklook's day/night range), so map and quicklook agree and the same ground has
the same colour in every run. The LST layer's values are in the displayed unit (°C through a VRT
with the band offset, see ``lst_display``; kelvin as a setting): Identify, histogram, Classify and
the legend all speak that unit, and the legend's suffix and number format live in the renderer's
own legend settings, so they survive Classify and restyling in Layer Properties.
"""

from __future__ import annotations

import math
from pathlib import Path

from qgis.core import (
    QgsBasicNumericFormat,
    QgsColorRampShader,
    QgsContrastEnhancement,
    QgsGradientColorRamp,
    QgsGradientStop,
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

LST_RAMP_STOPS = 52  # samples of the 256-entry inferno table: linear between them within 1/255 of it
LST_DEFAULT_RANGE_K = (270.0, 330.0)  # the quicklook's day range (core.delivery.quicklook.lst_range)
CELSIUS, KELVIN = "°C", "K"
# Emissivity of natural surfaces at 8–14 µm lies between about 0.90 (bare soils, sands) and 0.995
# (water, dense vegetation) (Sobrino et al. 2008, doi:10.1109/TGRS.2007.904834): one fixed scale.
EMISSIVITY_RANGE = (0.90, 1.00)
EMISSIVITY_COLOURS = ("#f7fcf5", "#c7e9c0", "#74c476", "#238b45", "#00441b")  # ColorBrewer Greens
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
    "split_window_fallback": "#66c2a5",
    "tests_incomplete": "#ffff33",
}


def tr_quality(title: str) -> str:
    """A core.quality legend text in the user's language."""
    return QCoreApplication.translate(QUALITY_CONTEXT, title)


def kelvin_label(value_k: float) -> str:
    return f"{value_k - KELVIN_0C:.1f} °C"


def _number(value: float, digits: int) -> str:
    """``value`` with the user's decimal separator (German: comma)."""
    from qgis.PyQt.QtCore import QLocale

    return QLocale().toString(float(value), "f", digits)


def to_unit(value_k: float, unit: str) -> float:
    """A temperature in kelvin in the displayed unit."""
    return value_k - KELVIN_0C if unit == CELSIUS else value_k


def qa_label(value: int) -> str:
    """Readable name of one QA value: the titles of its set bits joined by ' + '."""
    if value == 0:
        return QCoreApplication.translate("styles", "No flag (good quality)")
    names = [tr_quality(b.title) for b in QA_BITS if value >> b.bit & 1]
    unknown = value & ~sum(1 << b.bit for b in QA_BITS)
    if unknown:
        names.append(f"bits 0x{unknown:x}")
    return " + ".join(names)


def _flag_colours(value: int) -> list[QColor]:
    set_bits = {b.name for b in QA_BITS if value >> b.bit & 1}
    return [QColor(c) for name, c in QA_COLOURS.items() if name in set_bits]


def qa_colour(value: int) -> QColor:
    """The colour of the first flag (most consequential first), mixed 35 % toward the second flag's,
    so "buffer + snow/ice" and "buffer + water" read as related yet differ."""
    if value == 0:
        return QColor(0, 0, 0, 0)
    colours = _flag_colours(value)
    if not colours:
        return QColor("#808080")
    first = colours[0]
    if len(colours) == 1:
        return first
    second, w = colours[1], 0.35
    return QColor(
        round(first.red() * (1 - w) + second.red() * w),
        round(first.green() * (1 - w) + second.green() * w),
        round(first.blue() * (1 - w) + second.blue() * w),
    )


def qa_colours(values) -> dict[int, QColor]:
    """One colour per QA value, all different: a value whose mixed colour is taken shifts its lightness."""
    used: set[str] = set()
    out: dict[int, QColor] = {}
    for value in sorted(values):
        colour = qa_colour(value)
        h, sat, light, alpha = colour.getHsl()
        k = 0
        while value and colour.name() in used:
            k += 1
            colour = QColor.fromHsl(max(h, 0), sat, (light + 41 * k) % 256, alpha)
        used.add(colour.name())
        out[value] = colour
    return out


# --- renderers (used by make_styles.py to write the QML files, and at load time) ----------------


def lst_colour_ramp() -> QgsGradientColorRamp:
    """The quicklook's LST colours (the exact inferno table, core.delivery.inferno) as a QGIS gradient:
    one ramp for map and quicklook."""
    from ..core.delivery.inferno import inferno_stops

    stops = [(position, QColor(colour)) for position, colour in inferno_stops(LST_RAMP_STOPS)]
    inner = [QgsGradientStop(position, colour) for position, colour in stops[1:-1]]
    return QgsGradientColorRamp(stops[0][1], stops[-1][1], False, inner)


def lst_legend_settings(shader: QgsColorRampShader, unit: str) -> None:
    """Continuous legend (one colour bar, drops into a print layout) labelled in ``unit`` by QGIS itself."""
    legend = shader.legendSettings()
    legend.setUseContinuousLegend(True)
    legend.setSuffix(" " + unit)
    number = QgsBasicNumericFormat()
    number.setNumberDecimalPlaces(1 if unit == CELSIUS else 0)
    number.setShowTrailingZeros(False)
    legend.setNumericFormat(number)
    shader.setLegendSettings(legend)


def lst_renderer(provider, lo_k: float, hi_k: float, unit: str = CELSIUS) -> QgsSingleBandPseudoColorRenderer:
    """Inferno over [lo_k, hi_k] (kelvin) on a band whose values are in ``unit``.

    The shader keeps the ramp as its source ramp, so Classify in Layer Properties re-creates the same
    colours; the legend's unit is the renderer's own suffix, so it survives Classify too.
    """
    from qgis.core import QgsRasterShader

    lo, hi = to_unit(lo_k, unit), to_unit(hi_k, unit)
    shader = QgsColorRampShader(lo, hi, lst_colour_ramp(), QgsColorRampShader.Interpolated)
    shader.setClassificationMode(QgsColorRampShader.Continuous)
    shader.classifyColorRamp(LST_RAMP_STOPS, -1)  # one item per ramp stop, between lo and hi
    digits = 1 if unit == CELSIUS else 0
    shader.setColorRampItemList(
        [
            QgsColorRampShader.ColorRampItem(item.value, item.color, f"{_number(item.value, digits)} {unit}")
            for item in shader.colorRampItemList()
        ]
    )
    lst_legend_settings(shader, unit)
    raster_shader = QgsRasterShader(lo, hi)
    raster_shader.setRasterShaderFunction(shader)
    renderer = QgsSingleBandPseudoColorRenderer(provider, 1, raster_shader)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)
    return renderer


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
    legend.setUseContinuousLegend(False)  # one entry per class, with our labels
    shader.setLegendSettings(legend)
    return shader


def pseudocolor_renderer(provider, kind: str, lo: float, hi: float) -> QgsSingleBandPseudoColorRenderer:
    """LST (kelvin values, as lst.qml holds it), LST_UNCERTAINTY (K) or EMISSIVITY over [lo, hi]."""
    from qgis.core import QgsRasterShader

    if kind == "LST":
        return lst_renderer(provider, lo, hi, KELVIN)
    if kind == "EMISSIVITY":
        colours, label = EMISSIVITY_COLOURS, lambda v: f"{v:.3f}"
    else:
        colours, label = UNCERTAINTY_COLOURS, lambda v: f"{_number(v, 2)} K"
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
    layer: QgsRasterLayer,
    key: str,
    band_names: list[str] | None = None,
    cloud_mask: Path | None = None,
    scale_k: tuple[float, float] | None = None,
    unit: str | None = None,
) -> bool:
    """Style a result layer by its TYPE key (LST, LST_UNCERTAINTY, EMISSIVITY, CLOUD_MASK, SCL, QA, VNIR).

    LST: inferno over ``scale_k`` (kelvin; default the quicklook's day range) on values in ``unit``
    (default: the layer's ``lst_studio/unit`` property, else kelvin as the files hold it).
    ``cloud_mask``: the result's CLOUD_MASK raster on the same grid; the uncertainty is stretched over
    the clear pixels only. Returns True when a style was applied. Must run on the main thread.
    """
    key = key.upper()
    if key == "VNIR":
        return _style_true_colour(layer, band_names or [])
    if key == "LST":
        unit = unit or layer.customProperty("lst_studio/unit") or KELVIN
        layer.setRenderer(lst_renderer(layer.dataProvider(), *(scale_k or LST_DEFAULT_RANGE_K), unit))
        layer.triggerRepaint()
        return True
    if key == "EMISSIVITY":  # one band at a time (band 1 = lwir11); never QGIS's multiband colour noise
        layer.setRenderer(pseudocolor_renderer(layer.dataProvider(), key, *EMISSIVITY_RANGE))
        layer.triggerRepaint()
        return True
    qml = STYLE_FILES.get(key)
    if not qml:
        return False
    _msg, ok = layer.loadNamedStyle(str(STYLE_DIR / qml))
    if not ok:
        return False
    if key == "LST_UNCERTAINTY":
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
    colours = qa_colours(values)
    layer.setRenderer(paletted_renderer(layer.dataProvider(), [(v, colours[v], qa_label(v)) for v in values]))


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
