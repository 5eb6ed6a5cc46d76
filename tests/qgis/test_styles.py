"""Result-layer styles: QML files agree with core.quality, LST legends in °C on scaled uint16 rasters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import QgsPalettedRasterRenderer, QgsRasterLayer, QgsSingleBandPseudoColorRenderer

from lst_studio.plugin.core.quality import CLOUD_MASK_CLASSES, QA_BITS, SCL_CLASSES
from lst_studio.plugin.gui import styles


def write_tif(path, array, scale=None, nodata=None, gdal_type=None):
    array = np.asarray(array)
    if array.ndim == 2:
        array = array[None]
    if gdal_type is None:
        gdal_type = {np.dtype("uint8"): gdal.GDT_Byte, np.dtype("uint16"): gdal.GDT_UInt16}.get(
            array.dtype, gdal.GDT_Float32
        )
    ds = gdal.GetDriverByName("GTiff").Create(
        str(path), array.shape[2], array.shape[1], array.shape[0], gdal_type
    )
    ds.SetGeoTransform((500000, 30, 0, 7100000, 0, -30))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32735)
    ds.SetProjection(srs.ExportToWkt())
    for i, band_data in enumerate(array):
        band = ds.GetRasterBand(i + 1)
        band.WriteArray(band_data)
        if scale is not None:
            band.SetScale(scale)
            band.SetOffset(0.0)
        if nodata is not None:
            band.SetNoDataValue(nodata)
    ds = None
    return str(path)


@pytest.fixture()
def lst_u16(tmp_path):
    # LST in the delivery encoding: uint16, scale 0.01 K, nodata 65535; 10 °C .. 40 °C ramp.
    kelvin = np.linspace(283.15, 313.15, 64 * 64).reshape(64, 64)
    dn = np.round(kelvin / 0.01).astype(np.uint16)
    dn[:4, :4] = 65535
    return write_tif(tmp_path / "X_LST.tif", dn, scale=0.01, nodata=65535)


def _celsius_layer(path, unit=styles.CELSIUS):
    from lst_studio.plugin.gui.lst_display import display_vrt

    layer = QgsRasterLayer(str(display_vrt(Path(path), unit, result_folder=True)), "LST", "gdal")
    assert layer.isValid()
    layer.setCustomProperty("lst_studio/unit", unit)
    return layer


def _hex(colour):
    return colour.name()


def test_lst_values_are_celsius_in_qgis_itself(lst_u16):
    """Identify, statistics and the renderer all see °C: the VRT offset, not hand-written labels."""
    from qgis.core import QgsPointXY, QgsRaster

    layer = _celsius_layer(lst_u16)
    provider = layer.dataProvider()
    assert provider.bandOffset(1) == pytest.approx(-273.15) and provider.bandScale(1) == pytest.approx(0.01)
    assert "°C" in provider.generateBandName(1)
    # pixel (row 10, col 10): 283.15 + 30 * (10 * 64 + 10) / 4095 K
    x, y = 500000 + 10.5 * 30, 7100000 - 10.5 * 30
    value = provider.identify(QgsPointXY(x, y), QgsRaster.IdentifyFormatValue).results()[1]
    assert value == pytest.approx(10.0 + 30.0 * 650 / 4095, abs=0.01)
    stats = provider.bandStatistics(1)
    assert stats.minimumValue == pytest.approx(10.0, abs=0.05) and stats.maximumValue == pytest.approx(
        40.0, abs=0.02
    )


def test_lst_style_is_the_quicklook_ramp_on_a_fixed_scale(lst_u16):
    from lst_studio.plugin.core.delivery.quicklook import colour_table

    layer = _celsius_layer(lst_u16)
    assert styles.style_layer(layer, "LST", scale_k=(270.0, 330.0))
    renderer = layer.renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    assert (renderer.classificationMin(), renderer.classificationMax()) == pytest.approx((-3.15, 56.85))
    table = colour_table()
    shader = renderer.shader().rasterShaderFunction()
    for fraction in (0.0, 0.25, 0.5, 0.8, 1.0):
        ok, r, g, b, _a = shader.shade(-3.15 + 60.0 * fraction)
        expected = table[round(fraction * 255)]
        assert (
            ok and max(abs(r - int(expected[0])), abs(g - int(expected[1])), abs(b - int(expected[2]))) <= 3
        )
    legend = shader.legendSettings()
    assert legend.useContinuousLegend() and legend.suffix() == " °C"
    assert all(label.endswith("°C") for label, _ in renderer.legendSymbologyItems())


def test_lst_style_survives_classify(lst_u16):
    """Pressing Classify in Layer Properties re-creates the classes from the shader's own ramp and keeps
    the legend's unit (the renderer's legend settings), so the colours and °C stay."""
    layer = _celsius_layer(lst_u16)
    styles.style_layer(layer, "LST", scale_k=(270.0, 330.0))
    shader = layer.renderer().shader().rasterShaderFunction()
    shader.setClassificationMode(shader.EqualInterval)
    shader.classifyColorRamp(5, 1, layer.extent(), layer.dataProvider())
    items = shader.colorRampItemList()
    assert len(items) == 5
    assert _hex(items[0].color) == "#000004" and _hex(items[-1].color) == "#fcffa4"  # inferno's ends
    assert shader.legendSettings().suffix() == " °C"


def test_lst_in_kelvin_as_a_setting(lst_u16):
    layer = _celsius_layer(lst_u16, styles.KELVIN)
    styles.style_layer(layer, "LST", scale_k=(250.0, 300.0))
    renderer = layer.renderer()
    assert (renderer.classificationMin(), renderer.classificationMax()) == pytest.approx((250.0, 300.0))
    assert renderer.shader().rasterShaderFunction().legendSettings().suffix() == " K"
    assert "(K)" in layer.dataProvider().generateBandName(1)


def test_lst_legend_drops_into_a_print_layout(lst_u16):
    from qgis.core import (
        QgsColorRampLegendNode,
        QgsLayerTreeLayer,
        QgsLayoutItemLegend,
        QgsPrintLayout,
        QgsProject,
    )

    layer = _celsius_layer(lst_u16)
    styles.style_layer(layer, "LST", scale_k=(270.0, 330.0))
    QgsProject.instance().addMapLayer(layer)
    try:
        nodes = layer.legend().createLayerTreeModelLegendNodes(QgsLayerTreeLayer(layer))
        ramps = [n for n in nodes if isinstance(n, QgsColorRampLegendNode)]
        assert len(ramps) == 1 and ramps[0].settings().suffix() == " °C"
        layout = QgsPrintLayout(QgsProject.instance())
        layout.initializeDefaults()
        legend = QgsLayoutItemLegend(layout)
        legend.setAutoUpdateModel(True)
        layout.addLayoutItem(legend)
        tree_layer = legend.model().rootGroup().findLayer(layer)
        assert tree_layer is not None
        in_layout = legend.model().layerLegendNodes(tree_layer)
        assert any(isinstance(n, QgsColorRampLegendNode) for n in in_layout)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_project_scale_is_shared_and_defaults_to_the_quicklook(qgis_new_project):
    from qgis.core import QgsProject

    from lst_studio.plugin.gui.lst_display import lst_scale

    project = QgsProject.instance()
    project.removeEntry("lst_studio", "scale_min_k")
    project.removeEntry("lst_studio", "scale_max_k")
    assert lst_scale(True) == (270.0, 330.0) and lst_scale(False) == (250.0, 300.0)
    project.writeEntry("lst_studio", "scale_min_k", "280.0")
    project.writeEntry("lst_studio", "scale_max_k", "310.0")
    assert lst_scale(True) == lst_scale(False) == (280.0, 310.0)
    project.removeEntry("lst_studio", "scale_min_k")
    project.removeEntry("lst_studio", "scale_max_k")


def test_emissivity_is_one_band_on_a_fixed_scale(tmp_path):
    data = np.stack([np.full((8, 8), 0.97, np.float32), np.full((8, 8), 0.98, np.float32)])
    layer = QgsRasterLayer(write_tif(tmp_path / "E.tif", data), "E")
    assert styles.style_layer(layer, "EMISSIVITY")
    renderer = layer.renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer) and renderer.band() == 1
    assert (renderer.classificationMin(), renderer.classificationMax()) == styles.EMISSIVITY_RANGE


def test_uncertainty_style_in_kelvin(tmp_path):
    sigma = np.linspace(0.3, 2.4, 32 * 32).reshape(32, 32).astype(np.float32)
    layer = QgsRasterLayer(write_tif(tmp_path / "U.tif", sigma), "U")
    styles.style_layer(layer, "LST_UNCERTAINTY")
    labels = [label for label, _ in layer.renderer().legendSymbologyItems()]
    assert labels[0] == "0.00 K" and labels[-1].endswith(" K")
    assert 2.3 <= float(labels[-1].split()[0]) <= 2.5


def _palette(qml_key):
    layer = QgsRasterLayer(
        write_tif("/vsimem/p.tif", np.zeros((2, 2), np.uint16), gdal_type=gdal.GDT_UInt16), "p"
    )
    _msg, ok = layer.loadNamedStyle(str(styles.STYLE_DIR / styles.STYLE_FILES[qml_key]))
    assert ok
    renderer = layer.renderer()
    assert isinstance(renderer, QgsPalettedRasterRenderer)
    return {c.value: (c.label, c.color) for c in renderer.classes()}


def test_scl_qml_matches_quality_table():
    palette = _palette("SCL")
    assert set(palette) == {c.value for c in SCL_CLASSES}
    for c in SCL_CLASSES:
        label, colour = palette[c.value]
        assert label == c.title and colour.name() == c.color.lower()


def test_cloud_mask_qml_clear_transparent_contaminated_visible():
    palette = _palette("CLOUD_MASK")
    assert set(palette) == {v for v, _n, _t in CLOUD_MASK_CLASSES}
    assert palette[0][1].alpha() == 0
    assert palette[1][1].alpha() >= 200
    assert palette[1][0] == dict((v, t) for v, _n, t in CLOUD_MASK_CLASSES)[1]


def test_qa_qml_has_every_bit_of_the_table():
    palette = _palette("QA")
    for bit in QA_BITS:
        assert palette[1 << bit.bit][0] == bit.title
    assert set(styles.QA_COLOURS) == {b.name for b in QA_BITS}


def test_qa_layer_gets_one_class_per_flag_combination(tmp_path):
    cloud, buffer, water = (1 << b.bit for b in QA_BITS if b.name in ("cloud", "adjacent", "water"))
    qa = np.zeros((16, 16), np.uint16)
    qa[:4] = cloud
    qa[4:8] = cloud | buffer
    qa[8:10] = water
    layer = QgsRasterLayer(write_tif(tmp_path / "QA.tif", qa), "QA")
    styles.style_layer(layer, "QA")
    classes = {c.value: c.label for c in layer.renderer().classes()}
    assert classes == {
        0: "No flag (good quality)",
        cloud: "Cloud",
        cloud | buffer: "Cloud + Cloud/shadow buffer",
        water: "Water",
    }
    assert layer.renderer().classes()[0].color.alpha() == 0  # good pixels let LST show through


def test_qa_legend_colours_are_all_different(tmp_path):
    bit = {b.name: 1 << b.bit for b in QA_BITS}
    values = [
        bit["adjacent"],
        bit["adjacent"] | bit["snow_ice"],
        bit["adjacent"] | bit["water"],
        bit["saturated_lwir11"],
        bit["saturated_lwir11"] | bit["cloud"],
        bit["saturated_lwir11"] | bit["cloud"] | bit["adjacent"],
        bit["cloud"],
        bit["cloud"] | bit["thin_cloud"],
    ]
    qa = np.zeros((len(values) + 1, 4), np.uint16)
    for i, v in enumerate(values):
        qa[i + 1] = v
    layer = QgsRasterLayer(write_tif(tmp_path / "QA.tif", qa), "QA")
    styles.style_layer(layer, "QA")
    colours = [c.color.name() for c in layer.renderer().classes() if c.value]
    assert len(colours) == len(values) and len(set(colours)) == len(colours)


def test_vnir_true_colour_uses_red_green_blue_bands(tmp_path):
    names = ["coastal", "blue", "green", "red", "nir08"]
    rng = np.random.default_rng(1)
    data = np.stack([0.02 * (i + 1) + rng.random((32, 32)).astype(np.float32) * 0.1 for i in range(5)])
    data[:, :4] = 0.9  # a bright cloud must not set the top of the stretch
    layer = QgsRasterLayer(write_tif(tmp_path / "VNIR.tif", data), "VNIR")
    assert styles.style_layer(layer, "VNIR", names)
    r = layer.renderer()
    assert (r.redBand(), r.greenBand(), r.blueBand()) == (4, 3, 2)
    ranges = {
        (ce.minimumValue(), ce.maximumValue())
        for ce in (r.redContrastEnhancement(), r.greenContrastEnhancement(), r.blueContrastEnhancement())
    }
    assert len(ranges) == 1  # one shared range keeps the hues
    ((lo, hi),) = ranges
    assert 0.0 <= lo < 0.05 and hi == pytest.approx(styles.TRUE_COLOUR_MAX)


def test_quality_strings_for_translation_match_the_quality_table():
    from lst_studio.plugin.gui.make_styles import quality_titles
    from lst_studio.plugin.gui.quality_strings import QUALITY_TITLES

    assert list(QUALITY_TITLES) == quality_titles()
    assert {c.title for c in SCL_CLASSES} <= set(QUALITY_TITLES)
