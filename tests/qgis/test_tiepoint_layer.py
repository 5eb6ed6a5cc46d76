"""Tiepoint overlay: a GVER file -> point layer (EPSG:4326) with metres, pixels and the 5 GVerify classes."""

from __future__ import annotations

import json
import math

import pytest
from qgis.core import QgsCategorizedSymbolRenderer, QgsGeometryGeneratorSymbolLayer

from lst_studio.plugin.core.products.gver import DISPARITY_CLASSES, read_gver
from lst_studio.plugin.gui.tiepoint_layer import ARROW_VARIABLE, set_arrows, tiepoint_layer

# Disparities chosen to hit each class at a 30 m GSD: 0.2, 0.7, 1.5, 3.0, 8.0 px (radial).
DISPARITIES_30M = [[6.0, 0.0], [0.0, -21.0], [27.0, 36.0], [-54.0, 72.0], [240.0, 0.0]]


@pytest.fixture()
def gver_rel(tmp_path):
    doc = {
        "pixelColorMappings": "<0.5 px: green; <1 px: teal; <2 px: blue; <5 px: yellow; >=5 px: red",
        "measurements": [
            {
                "from": "RED",
                "to": "TIR1",
                "gsd": 30.0,
                "imageName": "GVER_REL_RED_TIR1.png",
                "coordsLonLat": [[28.0 + 0.01 * i, -26.0 - 0.01 * i] for i in range(5)],
                "disparitiesXYInMeters": DISPARITIES_30M,
            }
        ],
    }
    path = tmp_path / "X_GVER_REL.json"
    path.write_text(json.dumps(doc))
    return path


@pytest.fixture()
def gver_abs_4(tmp_path):
    # Four-value coordinates [lon_ref, lat_ref, lon_img, lat_img]: the point goes on the image location.
    doc = {
        "pixelColorMappings": "",
        "measurements": [
            {
                "id": "NIR",
                "refBand": "B08",
                "refSpacecraft": "SENTINEL-2A",
                "refResolution": [10.0, 10.0],
                "coordsLonLat": [[27.9312, -26.1044, 27.9313, -26.1045]],
                "disparitiesXYInMeters": [[3.0, -4.0]],
            }
        ],
    }
    path = tmp_path / "X_GVER_ABS.json"
    path.write_text(json.dumps(doc))
    return path


def test_rel_tiepoints_attributes_and_classes(gver_rel):
    layer = tiepoint_layer(read_gver(gver_rel), "tp")
    assert layer.isValid() and layer.crs().authid() == "EPSG:4326"
    feats = sorted(layer.getFeatures(), key=lambda f: f["d_m"])
    assert [f["class"] for f in feats] == [0, 1, 2, 3, 4]
    expected_px = [0.2, 0.7, 1.5, 3.0, 8.0]
    for f, px, (dx, dy) in zip(feats, expected_px, DISPARITIES_30M):
        assert f["pair"] == "RED → TIR1" and f["kind"] == "REL"
        assert f["dx_m"] == dx and f["dy_m"] == dy
        assert f["d_m"] == pytest.approx(math.hypot(dx, dy))
        assert f["d_px"] == pytest.approx(px)
        assert f["gsd_m"] == 30.0
    p = feats[0].geometry().asPoint()
    assert (p.x(), p.y()) == pytest.approx((28.0, -26.0))


def test_renderer_is_categorised_with_the_five_gverify_colours(gver_rel):
    layer = tiepoint_layer(read_gver(gver_rel), "tp")
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "class"
    cats = renderer.categories()
    assert [c.value() for c in cats] == [0, 1, 2, 3, 4]
    assert [c.label() for c in cats] == [c[4] for c in DISPARITY_CLASSES]
    for cat, cls in zip(cats, DISPARITY_CLASSES):
        marker, arrow = None, None
        for sl in cat.symbol().symbolLayers():
            if isinstance(sl, QgsGeometryGeneratorSymbolLayer):
                arrow = sl.subSymbol().color()
            else:
                marker = sl.color()
        assert marker.name() == cls[3] and arrow.name() == cls[3]


def test_arrows_toggle_and_factor(gver_rel):
    layer = tiepoint_layer(read_gver(gver_rel), "tp", arrow_factor=50)
    assert (
        layer.customProperty("variableValues") == [50]
        or float(
            dict(zip(layer.customProperty("variableNames"), layer.customProperty("variableValues")))[
                ARROW_VARIABLE
            ]
        )
        == 50
    )

    def arrows_enabled():
        return [
            sl.enabled()
            for c in layer.renderer().categories()
            for sl in c.symbol().symbolLayers()
            if isinstance(sl, QgsGeometryGeneratorSymbolLayer)
        ]

    set_arrows(layer, False)
    assert arrows_enabled() == [False] * 5
    set_arrows(layer, True, 200)
    assert arrows_enabled() == [True] * 5
    values = dict(zip(layer.customProperty("variableNames"), layer.customProperty("variableValues")))
    assert float(values[ARROW_VARIABLE]) == 200


def test_abs_four_value_coordinates_use_image_point(gver_abs_4):
    layer = tiepoint_layer(read_gver(gver_abs_4), "abs")
    (f,) = list(layer.getFeatures())
    p = f.geometry().asPoint()
    assert (p.x(), p.y()) == pytest.approx((27.9313, -26.1045))
    assert f["pair"] == "NIR → B08" and f["d_m"] == pytest.approx(5.0) and f["d_px"] == pytest.approx(0.5)
    assert f["class"] == 1  # 0.5 px is the first value of the teal bin
