"""The valid-data footprint of a result (STAC geometry/bbox, ISO bounding box, geohash centroid).

Valid = the pixel holds an observation (QA bit 0 clear, or LST not NaN when there is no QA). The mask
is read decimated (at most ``MAX_SIDE`` px on the long side: memory and vertex count stay small),
vectorised with rasterio.features.shapes, merged and simplified with OGR, and transformed to WGS84
lon/lat (RFC 7946 axis order).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import rasterio
from affine import Affine
from osgeo import ogr, osr
from rasterio import features

from ..products.scene import Grid

MAX_SIDE = 512


@dataclass
class Footprint:
    geometry: dict[str, Any]  # GeoJSON Polygon/MultiPolygon, WGS84 lon/lat
    bbox: list[float]  # [min lon, min lat, max lon, max lat]
    centroid: tuple[float, float]  # (lon, lat)
    valid_fraction: float  # of the output grid


def _valid_mask(rasters: dict, shape: tuple[int, int]) -> np.ndarray:
    if "QA" in rasters:
        with rasterio.open(rasters["QA"]) as src:
            qa = src.read(1, out_shape=shape, resampling=rasterio.enums.Resampling.nearest)
        return (qa & 1) == 0
    with rasterio.open(rasters["LST"]) as src:
        lst = src.read(1, out_shape=shape, resampling=rasterio.enums.Resampling.nearest)
    return np.isfinite(lst)


def _grid_polygon(grid: Grid) -> dict:
    x0, y0, x1, y1 = grid.bounds
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def valid_footprint(grid: Grid, rasters: dict) -> Footprint:
    step = max(1, int(np.ceil(max(grid.width, grid.height) / MAX_SIDE)))
    shape = (max(1, int(np.ceil(grid.height / step))), max(1, int(np.ceil(grid.width / step))))
    valid = _valid_mask(rasters, shape)
    sx = grid.width / shape[1]
    sy = grid.height / shape[0]
    transform = grid.transform * Affine.scale(sx, sy)
    fraction = float(valid.mean()) if valid.size else 0.0

    merged = ogr.Geometry(ogr.wkbMultiPolygon)
    for geom, value in features.shapes(valid.astype(np.uint8), mask=valid, transform=transform):
        if value == 1:
            merged.AddGeometry(ogr.CreateGeometryFromJson(json.dumps(geom)))
    if merged.GetGeometryCount() == 0:
        merged = ogr.CreateGeometryFromJson(json.dumps(_grid_polygon(grid)))
    else:
        merged = merged.UnionCascaded()
    pixel = max(abs(transform.a), abs(transform.e))
    merged = merged.SimplifyPreserveTopology(pixel)

    source = osr.SpatialReference()
    source.SetFromUserInput(grid.crs)
    target = osr.SpatialReference()
    target.ImportFromEPSG(4326)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    merged.Transform(osr.CoordinateTransformation(source, target))
    gj = json.loads(merged.ExportToJson(options=["COORDINATE_PRECISION=7"]))
    if gj["type"] == "MultiPolygon" and len(gj["coordinates"]) == 1:
        gj = {"type": "Polygon", "coordinates": gj["coordinates"][0]}
    minx, maxx, miny, maxy = merged.GetEnvelope()
    c = merged.Centroid()
    return Footprint(
        gj,
        [round(minx, 7), round(miny, 7), round(maxx, 7), round(maxy, 7)],
        (c.GetX(), c.GetY()),
        fraction,
    )
