"""Area of interest -> output window on the scene's thermal grid (no resampling).

The AOI polygon (any CRS) is reprojected to the scene CRS with pyproj, its edges densified first so that
straight lon/lat edges stay faithful in UTM. The output grid is the AOI's bounding box snapped outward to
whole scene pixels and clipped to the scene; pixels the polygon does not touch are nodata
(``rasterio.features.rasterize`` with ``all_touched=True``, consistent with the outward snapping).
An AOI partly outside the scene gives a warning and the overlap; one entirely outside raises AoiError.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from pyproj import CRS, Transformer
from rasterio.features import rasterize
from rasterio.windows import Window

from .errors import AoiError
from .messages import msg
from .options import Aoi
from .products.scene import Grid

DENSIFY_POINTS = 32  # points inserted per polygon edge before reprojection


@dataclass
class AoiWindow:
    window: Window  # on the scene grid
    grid: Grid  # output grid
    inside: np.ndarray  # bool (height, width): pixel touched by the AOI polygon
    geometry_scene: dict  # GeoJSON geometry in the scene CRS
    geometry_lonlat: dict  # GeoJSON geometry in WGS84 (requested AOI)
    warnings: list[str] = field(default_factory=list)
    outside_fraction: float = 0.0  # share of the AOI bbox area outside the scene


def _polygons(geometry: dict) -> list[list[list[tuple[float, float]]]]:
    t = geometry.get("type")
    if t == "Polygon":
        return [geometry["coordinates"]]
    if t == "MultiPolygon":
        return list(geometry["coordinates"])
    if t == "GeometryCollection":
        out = []
        for g in geometry.get("geometries", []):
            out += _polygons(g)
        return out
    raise AoiError(msg("AOI geometry: expected Polygon or MultiPolygon, got {kind!r}", kind=t))


def _densify(ring, n: int = DENSIFY_POINTS) -> list[tuple[float, float]]:
    out = []
    for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:]):  # itertools.pairwise needs Python 3.10
        for k in range(n):
            f = k / n
            out.append((x0 + f * (x1 - x0), y0 + f * (y1 - y0)))
    out.append(tuple(ring[-1][:2]))
    return out


def transform_geometry(geometry: dict, src_crs: str, dst_crs: str, densify: bool = True) -> dict:
    """Polygon/MultiPolygon GeoJSON from ``src_crs`` to ``dst_crs`` (x/y = lon/lat order)."""
    polys = _polygons(geometry)
    if CRS.from_user_input(src_crs) == CRS.from_user_input(dst_crs):
        return {
            "type": "MultiPolygon",
            "coordinates": [[[list(p[:2]) for p in r] for r in poly] for poly in polys],
        }
    tr = Transformer.from_crs(src_crs, dst_crs, always_xy=True)
    out = []
    for poly in polys:
        rings = []
        for ring in poly:
            pts = _densify(ring) if densify else [tuple(p[:2]) for p in ring]
            xs, ys = tr.transform([p[0] for p in pts], [p[1] for p in pts])
            if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
                raise AoiError(
                    msg(
                        "AOI: cannot transform the polygon from {src_crs} to {dst_crs}",
                        src_crs=src_crs,
                        dst_crs=dst_crs,
                    )
                )
            rings.append([[float(x), float(y)] for x, y in zip(xs, ys)])
        out.append(rings)
    return {"type": "MultiPolygon", "coordinates": out}


def _bounds(geometry: dict) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for poly in _polygons(geometry):
        for ring in poly:
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
    if not xs:
        raise AoiError(msg("AOI geometry: no coordinates"))
    return min(xs), min(ys), max(xs), max(ys)


def _ring_area(ring) -> float:
    """Shoelace area of a ring (absolute, in squared CRS units)."""
    pts = [(float(p[0]), float(p[1])) for p in ring]
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]))) / 2.0


def _check_area(aoi: Aoi, geometry: dict) -> None:
    """Refuse an AOI with no area (a point, a line, a polygon with repeated vertices): rasterizing it
    with all_touched would still mark the pixels its outline crosses and process them silently."""
    label = f"AOI {aoi.name or aoi.id or ''}".strip()
    try:
        area = sum(
            _ring_area(poly[0]) - sum(_ring_area(hole) for hole in poly[1:])
            for poly in geometry["coordinates"]
            if poly
        )
    except (TypeError, ValueError, IndexError) as exc:
        raise AoiError(
            msg(
                "{label}: geometry.coordinates: expected polygon rings of [x, y] ({error})",
                label=label,
                error=exc,
            )
        ) from exc
    minx, miny, maxx, maxy = _bounds(geometry)
    # relative to the extent: collinear vertices leave float noise of ~1e-16 of it, never a real area
    if not (math.isfinite(area) and area > 1e-9 * (maxx - minx + maxy - miny) ** 2):
        raise AoiError(
            msg(
                "{label}: geometry: the polygon has zero area; expected a polygon enclosing an area",
                label=label,
            )
        )


def output_window(grid: Grid, aoi: Aoi | None) -> AoiWindow:
    """The output window for ``aoi`` on ``grid`` (whole scene when ``aoi`` is None)."""
    if aoi is None:
        win = Window(0, 0, grid.width, grid.height)
        x0, y0, x1, y1 = grid.bounds
        ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        geom = {"type": "Polygon", "coordinates": [ring]}
        return AoiWindow(
            win,
            grid,
            np.ones((grid.height, grid.width), dtype=bool),
            geom,
            transform_geometry(geom, grid.crs, "EPSG:4326"),
        )
    _check_area(aoi, transform_geometry(aoi.geometry, aoi.crs, aoi.crs))  # in the AOI's own CRS
    geom_scene = transform_geometry(aoi.geometry, aoi.crs, grid.crs)
    minx, miny, maxx, maxy = _bounds(geom_scene)
    t = grid.transform
    if t.b != 0 or t.d != 0 or t.a <= 0 or t.e >= 0:
        raise AoiError(
            msg("scene grid: expected a north-up transform, got {transform}", transform=tuple(t)[:6])
        )
    # pixel coordinates of the bbox, snapped outward (tolerance absorbs float noise on pixel edges)
    eps = 1e-6
    c0 = math.floor((minx - t.c) / t.a + eps)
    c1 = math.ceil((maxx - t.c) / t.a - eps)
    r0 = math.floor((maxy - t.f) / t.e + eps)
    r1 = math.ceil((miny - t.f) / t.e - eps)
    c1, r1 = max(c1, c0 + 1), max(r1, r0 + 1)
    cc0, cc1 = max(c0, 0), min(c1, grid.width)
    rr0, rr1 = max(r0, 0), min(r1, grid.height)
    label = f"AOI {aoi.name or aoi.id or ''}".strip()
    if cc0 >= cc1 or rr0 >= rr1:
        raise AoiError(
            msg(
                "{label}: geometry: entirely outside the scene (AOI bbox {minx:.1f}, {miny:.1f}, {maxx:.1f}, "
                "{maxy:.1f} vs scene bounds {bounds} in {crs})",
                label=label,
                minx=minx,
                miny=miny,
                maxx=maxx,
                maxy=maxy,
                bounds=tuple(round(v, 1) for v in grid.bounds),
                crs=grid.crs,
            )
        )
    win = Window(cc0, rr0, cc1 - cc0, rr1 - rr0)
    out_grid = grid.window_grid(win)
    inside = rasterize(
        [(geom_scene, 1)],
        out_shape=(out_grid.height, out_grid.width),
        transform=out_grid.transform,
        fill=0,
        all_touched=True,
        dtype="uint8",
    ).astype(bool)
    if not inside.any():
        raise AoiError(msg("{label}: geometry: the polygon covers no scene pixel", label=label))
    warnings = []
    full = (c1 - c0) * (r1 - r0)
    outside = 1.0 - (win.width * win.height) / full
    if outside > 0:
        warnings.append(
            msg(
                "{label} is partly outside the scene ({share:.1f} % of its bounding box); only the overlap is "
                "processed",
                label=label,
                share=100 * outside,
            )
        )
    return AoiWindow(
        win,
        out_grid,
        inside,
        geom_scene,
        transform_geometry(aoi.geometry, aoi.crs, "EPSG:4326", densify=False),
        warnings,
        outside,
    )


def ring_centre(ring) -> tuple[float, float]:
    """Mean lon/lat of a footprint ring's vertices (the closing vertex counted once)."""
    pts = ring[:-1] if len(ring) > 1 and tuple(ring[0]) == tuple(ring[-1]) else ring
    return float(np.mean([p[0] for p in pts])), float(np.mean([p[1] for p in pts]))
