"""AOI -> output window: snapping, polygon mask, partly outside, outside, AOI in EPSG:4326 vs UTM."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine
from pyproj import Transformer

from lst_studio.plugin.core.aoi import output_window
from lst_studio.plugin.core.errors import AoiError
from lst_studio.plugin.core.options import Aoi
from lst_studio.plugin.core.products.scene import Grid

# 100 x 80 pixels of 30 m, UTM 33N, origin (500000, 5000000)
GRID = Grid("EPSG:32633", Affine(30.0, 0.0, 500000.0, 0.0, -30.0, 5000000.0), 100, 80)


def test_whole_scene_without_aoi():
    aw = output_window(GRID, None)
    assert (aw.window.col_off, aw.window.row_off, aw.window.width, aw.window.height) == (0, 0, 100, 80)
    assert aw.inside.all() and aw.grid == GRID and not aw.warnings


def test_bbox_snaps_outward_to_pixel_grid():
    # x 500310..500905 -> cols 10..31 (500310 = col 10.33 -> 10; 500905 = col 30.17 -> 31)
    aoi = Aoi.from_bbox(500310.0, 4998500.0, 500905.0, 4999400.0, crs="EPSG:32633")
    aw = output_window(GRID, aoi)
    w = aw.window
    assert (w.col_off, w.row_off, w.width, w.height) == (10, 20, 21, 30)
    assert aw.grid.transform == Affine(30.0, 0.0, 500300.0, 0.0, -30.0, 4999400.0)
    assert aw.inside.all()  # a bbox touches every pixel of its snapped bbox
    assert not aw.warnings


def test_bbox_on_pixel_edges_is_exact():
    aoi = Aoi.from_bbox(500300.0, 4998800.0, 500600.0, 4999100.0, crs="EPSG:32633")
    w = output_window(GRID, aoi).window
    assert (w.col_off, w.row_off, w.width, w.height) == (10, 30, 10, 10)


def test_polygon_mask():
    # a triangle: the lower-left half of a 20 x 20 pixel square at cols 10..30, rows 20..40
    x0, y0 = 500300.0, 4998800.0
    tri = {"type": "Polygon", "coordinates": [[[x0, y0], [x0 + 600, y0], [x0, y0 + 600], [x0, y0]]]}
    aw = output_window(GRID, Aoi(tri, "EPSG:32633"))
    assert (aw.window.width, aw.window.height) == (20, 20)
    # pixel (row, col) is touched when its lower-left corner is inside: col + (19 - row) <= 19 (+ the diagonal)
    rows, cols = np.mgrid[0:20, 0:20]
    expected_core = cols + (19 - rows) < 19
    assert aw.inside[expected_core].all()
    assert not aw.inside[cols + (19 - rows) > 20].any()
    assert aw.inside[19, 0] and not aw.inside[0, 19]


def test_partly_outside_warns_and_keeps_overlap():
    aoi = Aoi.from_bbox(499700.0, 4998800.0, 500300.0, 4999100.0, crs="EPSG:32633", name="edge")
    aw = output_window(GRID, aoi)
    assert (aw.window.col_off, aw.window.width) == (0, 10)
    assert aw.outside_fraction == pytest.approx(0.5)
    assert len(aw.warnings) == 1 and "partly outside" in aw.warnings[0] and "edge" in aw.warnings[0]


def test_entirely_outside_raises():
    aoi = Aoi.from_bbox(400000.0, 4900000.0, 401000.0, 4901000.0, crs="EPSG:32633", name="far")
    with pytest.raises(AoiError, match="entirely outside"):
        output_window(GRID, aoi)


def test_aoi_in_wgs84_matches_utm():
    to_ll = Transformer.from_crs("EPSG:32633", "EPSG:4326", always_xy=True)
    # a lon/lat box whose corners are pixel centres well inside the grid
    lon0, lat0 = to_ll.transform(500315.0, 4998815.0)
    lon1, lat1 = to_ll.transform(500885.0, 4999385.0)
    aw = output_window(GRID, Aoi.from_bbox(lon0, lat0, lon1, lat1))
    w = aw.window
    # the lon/lat box is slightly rotated in UTM: its bbox spans the same pixels +- 1
    assert abs(w.col_off - 10) <= 1 and abs(w.row_off - 20) <= 1
    assert abs(w.width - 20) <= 2 and abs(w.height - 20) <= 2
    assert aw.inside.mean() > 0.9
    assert aw.geometry_lonlat["coordinates"][0][0][0] == pytest.approx([lon0, lat0])
