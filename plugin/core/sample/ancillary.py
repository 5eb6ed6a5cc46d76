"""Ancillary data an analyst downloads for the scene: a land-cover map and a digital elevation model.

Both maps share one grid (``map_grid``): EPSG:4326, 1/3600° (1″, ≈ 24 m east × 31 m north at
38.45° N) pixels on whole arc-seconds, covering the lon/lat bounding box of the thermal grid plus
MARGIN_ARCSEC. They are geography, not what the sensor saw: every map pixel centre (lon, lat) goes to
UTM and to its position on the thermal grid with no thermal shift (``thermal_positions``), and takes
what the scene model has there (``SceneModel.ground``).

``write_land_cover`` writes the land cover with ESA WorldCover codes, as WorldCover is distributed
(Zanaga et al. 2022, ESA WorldCover 10 m 2021 v200, doi:10.5281/zenodo.7254221; real WorldCover
pixels are 1/12000° ≈ 10 m, we write 1″ to keep full scenes small): vegetation → 10 tree cover where
the vegetation cover fraction is ≥ TREE_COVER_FV, else 30 grassland; bare soil → 60; urban → 50;
water → 80; snow → 70. Because the map samples the ground at other points than the thermal pixel
centres, it differs from ``truth/LANDCOVER.tif`` at class edges, like a real map.

``write_dem`` writes the ground elevation (float32 metres, the model's ``elev``), as an analyst would
download the Copernicus DEM GLO-30 (ESA and Airbus 2022, doi:10.5270/ESA-c5d3d65; 1″ pixels like ours) or SRTM
for the scene. Its pixels are evaluated exactly at their own positions: bilinear interpolation from
the thermal-grid pixel centres (30 m) was measured 0.2–0.7 m off on the model's medium-scale relief
(80 m, wavelengths from 15 px) and 5–7 m at the 2 m sea-level floor (a kink), and exact evaluation
wherever the lattice's curvature flagged a larger error left 55–90 % of the pixels to evaluate exactly,
hardly faster than evaluating all of them (size 2000: 1.1 s vs 1.3 s). A full 7800 px scene's DEM
(9818 × 7648 px, 219 MB: float32 relief compresses little) takes about 21 s and 110 MB; the model
evaluates all its ground fields there, the elevation is 2 of its 9 Fourier sums.

Land-cover speed (a 7800 px scene gives a ≈ 9800 × 7650 px map): evaluating the model at general
positions costs about 0.25–1 µs per point. So, per 512 × 512 land-cover block, the model is first
evaluated on the (separable, fast) thermal-grid pixel centres around the block; a map pixel whose four
surrounding thermal-grid samples have one code takes that code, and only the others (at class edges,
about 5–10 % of a land scene) are evaluated exactly at their own position. A class patch narrower than
one thermal pixel that falls between four equal samples is missed (against exact evaluation at every
pixel: 1 pixel of 212 487 for seed 1, size 400; tests/core/test_sample_land_cover.py). UTM positions
come from pyproj on a lattice every LATTICE_STEP pixels, interpolated bilinearly in between (largest
error 8e-5 thermal pixels, 2.4 mm: the curvature of the parallels in UTM). A full 7800 px scene's map
(9818 × 7648 px, 1.8 MB) takes about 12 s and 190 MB.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import rasterio
from affine import Affine
from pyproj import Transformer
from rasterio.windows import Window

from .model import BARE_SOIL, SNOW, URBAN, VEGETATION, WATER, SceneModel

if TYPE_CHECKING:
    from .generate import SceneGeometry

LAND_COVER_FILE = "LANDCOVER_WORLDCOVER_CODES.tif"
DEM_FILE = "DEM_ELEVATION_M.tif"
PIXEL_DEG = 1.0 / 3600.0  # 1 arc-second (WorldCover itself: 1/12000°)
MARGIN_ARCSEC = 10  # map pixels beyond the thermal grid's bounding box on each side
BLOCK = 512
LATTICE_STEP = 16  # map pixels between exactly projected positions
NODATA = 0
# Rows of a DEM block evaluated at once: the model's temporaries for a whole 512² block (2 MB each)
# were served by fresh memory pages and ran 3× slower (measured 2.9 s vs 1.1 s for a size-2000 map).
CHUNK_ROWS = 64
DEM_NODATA = -9999.0  # declared as Copernicus DEM tiles declare it; every pixel has a value
TREE_COVER_FV = 0.9  # vegetation cover fraction from which vegetation counts as tree cover (our choice)

TREE_COVER, GRASSLAND, BUILT_UP, BARE_SPARSE, SNOW_ICE, PERMANENT_WATER = 10, 30, 50, 60, 70, 80
CLASS_CODES = {BARE_SOIL: BARE_SPARSE, URBAN: BUILT_UP, WATER: PERMANENT_WATER, SNOW: SNOW_ICE}


def worldcover_codes(ground: dict[str, np.ndarray]) -> np.ndarray:
    """WorldCover codes (uint8) of the model's ``ground`` dict (keys "class" and "fv")."""
    cls = ground["class"]
    out = np.where(ground["fv"] >= TREE_COVER_FV, TREE_COVER, GRASSLAND).astype(np.uint8)
    for c, code in CLASS_CODES.items():
        out[cls == c] = code
    out[(cls != VEGETATION) & ~np.isin(cls, list(CLASS_CODES))] = NODATA
    return out


def map_grid(geo: SceneGeometry) -> tuple[Affine, int, int]:
    """(transform, width, height) of the ancillary maps: 1″ pixels on whole arc-seconds, covering the
    thermal grid's lon/lat bounding box plus MARGIN_ARCSEC."""
    to_lonlat = Transformer.from_crs(geo.crs, "EPSG:4326", always_xy=True)
    n = geo.size
    t = np.linspace(0.0, n, 65)  # the grid's outline, densified (its edges are curves in lon/lat)
    u = np.concatenate([t, np.full_like(t, n), t[::-1], np.zeros_like(t)])
    v = np.concatenate([np.zeros_like(t), t, np.full_like(t, n), t[::-1]])
    lon, lat = to_lonlat.transform(*geo.xy(u, v))
    west = math.floor(np.min(lon) * 3600.0) - MARGIN_ARCSEC
    east = math.ceil(np.max(lon) * 3600.0) + MARGIN_ARCSEC
    south = math.floor(np.min(lat) * 3600.0) - MARGIN_ARCSEC
    north = math.ceil(np.max(lat) * 3600.0) + MARGIN_ARCSEC
    transform = Affine(PIXEL_DEG, 0.0, west / 3600.0, 0.0, -PIXEL_DEG, north / 3600.0)
    return transform, east - west, north - south


land_cover_grid = map_grid  # the name the land-cover map's tests know


def thermal_positions(
    geo: SceneGeometry, transform: Affine, window: Window, to_utm: Transformer
) -> tuple[np.ndarray, np.ndarray]:
    """Thermal-grid positions (u, v) of the map pixel centres in ``window``, 2-D arrays."""
    r0, c0, h, w = int(window.row_off), int(window.col_off), int(window.height), int(window.width)
    rows = np.unique(np.append(np.arange(0, h, LATTICE_STEP), h - 1))
    cols = np.unique(np.append(np.arange(0, w, LATTICE_STEP), w - 1))
    lon = transform.c + (c0 + cols + 0.5) * transform.a
    lat = transform.f + (r0 + rows + 0.5) * transform.e
    x, y = to_utm.transform(*np.meshgrid(lon, lat))
    tr = geo.transform
    u_nodes = (np.asarray(x) - tr.c) / tr.a
    v_nodes = (np.asarray(y) - tr.f) / tr.e
    return _bilinear(u_nodes, rows, cols, h, w), _bilinear(v_nodes, rows, cols, h, w)


def _bilinear(nodes: np.ndarray, rows: np.ndarray, cols: np.ndarray, h: int, w: int) -> np.ndarray:
    """Values at every pixel of an h × w block from values at the lattice (rows × cols)."""

    def weights(at: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        i = np.arange(n)
        k = np.clip(np.searchsorted(at, i, side="right") - 1, 0, max(len(at) - 2, 0))
        k1 = np.minimum(k + 1, len(at) - 1)
        span = np.where(at[k1] > at[k], at[k1] - at[k], 1)
        return k, k1, (i - at[k]) / span

    ck, ck1, cw = weights(cols, w)
    rk, rk1, rw = weights(rows, h)
    along = nodes[:, ck] * (1 - cw) + nodes[:, ck1] * cw  # (lattice rows, w)
    return along[rk] * (1 - rw)[:, None] + along[rk1] * rw[:, None]


def land_cover_block(model: SceneModel, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """WorldCover codes at the thermal-grid positions (u, v) (2-D arrays of one shape)."""
    i0 = int(math.floor(float(u.min()) - 0.5))
    j0 = int(math.floor(float(v.min()) - 0.5))
    i1 = int(math.floor(float(u.max()) - 0.5)) + 1
    j1 = int(math.floor(float(v.max()) - 0.5)) + 1
    # the model on the thermal-grid pixel centres around the block (separable positions: fast)
    ground = model.ground(np.arange(i0, i1 + 1) + 0.5, np.arange(j0, j1 + 1) + 0.5)
    samples = worldcover_codes(ground)
    i = np.floor(u - 0.5).astype(np.int64) - i0
    j = np.floor(v - 0.5).astype(np.int64) - j0
    c00, c01 = samples[j, i], samples[j, i + 1]
    c10, c11 = samples[j + 1, i], samples[j + 1, i + 1]
    out = c00.copy()
    edge = (c00 != c01) | (c00 != c10) | (c00 != c11)
    if edge.any():
        out[edge] = worldcover_codes(model.ground(u[edge][None, :], v[edge][None, :]))[0]
    return out


def elevation_block(model: SceneModel, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Ground elevation (float32 m) at the thermal-grid positions (u, v) (2-D arrays of one shape),
    evaluated exactly, CHUNK_ROWS rows at a time."""
    out = np.empty(u.shape, np.float32)
    for r in range(0, u.shape[0], CHUNK_ROWS):
        out[r : r + CHUNK_ROWS] = model.ground(u[r : r + CHUNK_ROWS], v[r : r + CHUNK_ROWS])["elev"]
    return out


def write_land_cover(path: str | Path, geo: SceneGeometry, model: SceneModel) -> Path:
    """Write the WorldCover-coded land-cover map of the scene (see the module docstring) to ``path``."""
    return _write_map(
        path,
        geo,
        lambda u, v: land_cover_block(model, u, v),
        dtype="uint8",
        nodata=NODATA,
        description="land_cover",
        band_tags={
            "LEGEND": "ESA WorldCover: 10 tree cover, 30 grassland, 50 built-up, 60 bare / sparse "
            "vegetation, 70 snow and ice, 80 permanent water bodies; 0 no data"
        },
        tags={
            "SOURCE": "synthetic: the sample scene model's ground classes at the pixel centres "
            "(LST Studio sample generator), not ESA WorldCover data",
            "PIXEL_SIZE": "1 arc-second (ESA WorldCover: 1/12000 degree)",
        },
    )


def write_dem(path: str | Path, geo: SceneGeometry, model: SceneModel) -> Path:
    """Write the scene's digital elevation model (float32 m, see the module docstring) to ``path``."""
    return _write_map(
        path,
        geo,
        lambda u, v: elevation_block(model, u, v),
        dtype="float32",
        nodata=DEM_NODATA,
        description="elevation_m",
        unit="m",
        band_tags={"QUANTITY": "ground elevation above sea level, metres"},
        tags={
            "SOURCE": "synthetic: the sample scene model's ground elevation at the pixel centres "
            "(LST Studio sample generator), not Copernicus DEM or SRTM data",
            "PIXEL_SIZE": "1 arc-second (Copernicus DEM GLO-30: 1 arc-second)",
            "VERTICAL_REFERENCE": "the scene model's sea level (lowest ground 2 m); "
            "Copernicus DEM: EGM2008 heights",
        },
        creation={"predictor": 3},  # floating-point predictor: LZW compresses smooth float32 well
    )


def _write_map(
    path: str | Path,
    geo: SceneGeometry,
    values: Callable[[np.ndarray, np.ndarray], np.ndarray],
    *,
    dtype: str,
    nodata: float,
    description: str,
    band_tags: dict[str, str],
    tags: dict[str, str],
    unit: str | None = None,
    creation: dict[str, Any] | None = None,
) -> Path:
    """Write a one-band map on ``map_grid(geo)``, block by block: ``values(u, v)`` gives a block's
    pixels from their thermal-grid positions (2-D arrays)."""
    path = Path(path)
    transform, width, height = map_grid(geo)
    to_utm = Transformer.from_crs("EPSG:4326", geo.crs, always_xy=True)
    profile = {
        "driver": "GTiff",
        "count": 1,
        "dtype": dtype,
        "width": width,
        "height": height,
        "crs": "EPSG:4326",
        "transform": transform,
        "nodata": nodata,
        "tiled": True,
        "blockxsize": BLOCK,
        "blockysize": BLOCK,
        "compress": "lzw",
        **(creation or {}),
    }
    with rasterio.Env(GDAL_CACHEMAX=256, GDAL_NUM_THREADS=1), rasterio.open(path, "w", **profile) as ds:
        ds.set_band_description(1, description)
        if unit:
            ds.set_band_unit(1, unit)
        ds.update_tags(1, **band_tags)
        ds.update_tags(**tags)
        for r in range(0, height, BLOCK):
            for c in range(0, width, BLOCK):
                win = Window(c, r, min(BLOCK, width - c), min(BLOCK, height - r))
                u, v = thermal_positions(geo, transform, win, to_utm)
                ds.write(values(u, v)[None], window=win)
    return path


__all__ = [
    "DEM_FILE",
    "LAND_COVER_FILE",
    "elevation_block",
    "land_cover_grid",
    "map_grid",
    "worldcover_codes",
    "write_dem",
    "write_land_cover",
]
