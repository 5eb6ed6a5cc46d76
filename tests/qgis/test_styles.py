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


def test_lst_style_on_scaled_uint16_shows_celsius_legend(lst_u16):
    layer = QgsRasterLayer(lst_u16, "LST")
    assert layer.isValid()
    assert styles.style_layer(layer, "LST")
    renderer = layer.renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    # Class values are in the layer's units (kelvin after QGIS applied the scale), stretched 2–98 %.
    lo, hi = renderer.classificationMin(), renderer.classificationMax()
    assert 283.15 <= lo <= 284.15 + 0.01 and 312.15 - 0.01 <= hi <= 313.15 + 0.01
    assert (lo - 273.15) == pytest.approx(round(lo - 273.15), abs=1e-6)  # whole degrees Celsius
    legend = layer.renderer().legendSymbologyItems()
    labels = [label for label, _colour in legend]
    assert len(labels) == len(styles.LST_COLOURS)
    assert all(label.endswith("°C") for label in labels)
    first, last = float(labels[0].split()[0]), float(labels[-1].split()[0])
    assert first == pytest.approx(lo - 273.15, abs=0.05) and last == pytest.approx(hi - 273.15, abs=0.05)
    assert 10.0 <= first <= 11.0 and 39.0 <= last <= 40.0
    # The colour at 25 °C sits in the warm middle of the blue→red ramp, not at either end.
    shader = renderer.shader().rasterShaderFunction()
    ok, r, g, b, _a = shader.shade(298.15)
    assert ok and r > 200 and g > 150 and b < 220


def test_lst_stretch_leaves_the_clouds_out(tmp_path):
    """A third of the scene is cloud tops at 240 K: over every pixel the 2–98 % cut starts at the
    cloud tops; with the result's CLOUD_MASK it spans the clear land (10–40 °C) as without clouds."""
    kelvin = np.linspace(283.15, 313.15, 64 * 64).reshape(64, 64)
    kelvin[:, :22] = 240.0
    dn = np.round(kelvin / 0.01).astype(np.uint16)
    mask = np.zeros((64, 64), np.uint8)
    mask[:, :22] = 1
    mask[:4, :4] = 255
    dn[:4, :4] = 65535
    lst = write_tif(tmp_path / "C_LST.tif", dn, scale=0.01, nodata=65535)
    cm = write_tif(tmp_path / "C_CLOUD_MASK.tif", mask, nodata=255)
    plain = QgsRasterLayer(lst, "LST")
    styles.style_layer(plain, "LST")
    assert plain.renderer().classificationMin() < 241.0
    layer = QgsRasterLayer(lst, "LST")
    styles.style_layer(layer, "LST", cloud_mask=Path(cm))
    lo, hi = layer.renderer().classificationMin(), layer.renderer().classificationMax()
    assert 283.15 <= lo <= 285.15 and 311.15 <= hi <= 313.15 + 0.01
    # a mask on another grid is not used: the plain cut
    other = write_tif(tmp_path / "O_CLOUD_MASK.tif", np.zeros((8, 8), np.uint8))
    again = QgsRasterLayer(lst, "LST")
    styles.style_layer(again, "LST", cloud_mask=Path(other))
    assert again.renderer().classificationMin() < 241.0


def test_float_kelvin_result_layer_gets_same_units(tmp_path):
    kelvin = np.full((32, 32), 300.0, dtype=np.float32)
    kelvin[:16] = 290.0
    layer = QgsRasterLayer(write_tif(tmp_path / "LST.tif", kelvin, nodata=float("nan")), "LST")
    styles.style_layer(layer, "LST")
    labels = [label for label, _ in layer.renderer().legendSymbologyItems()]
    assert labels[0] == "16.0 °C" and labels[-1] == "27.0 °C"


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
