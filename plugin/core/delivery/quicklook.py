"""Quicklooks (RGBA COGs) and JPG thumbnails, rendered with numpy and GDAL (no QGIS).

LST quicklook colour scale (fixed and documented, so quicklooks of different scenes compare):
- colours: matplotlib's "inferno" map, its exact published 256-entry table (Smith & van der Walt 2015,
  CC0; delivery/inferno.py), perceptually uniform and readable in grey scale; cold = black/purple,
  warm = orange/pale yellow;
- range: ``LST_RANGE_DAY_K`` = 270-330 K for day scenes, ``LST_RANGE_NIGHT_K`` = 250-300 K for night
  scenes (sun elevation < 0); values outside are clipped to the end colours.
  The range and the stops go into the STAC item (``lst:quicklook``) and the CEOS-ARD report.
- no-data pixels are transparent (alpha 0) in the quicklook and white in the thumbnail.

RGB quicklook: bands red, green, blue of the VNIR layer (TOA reflectance), each stretched linearly
between its own 2nd and 98th percentile of the valid, cloud-free pixels (a robust stretch: clouds and a
few bright or dark outliers do not flatten the land), then gamma 1/1.2 to lift dark vegetation.

Thumbnails: JPG, ``THUMBNAIL_SIZE`` px on the long side, averaged down from the quicklook.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import rasterio
from osgeo import gdal
from rasterio.enums import ColorInterp
from rasterio.windows import Window

from ..errors import ExportError
from ..messages import msg
from ..progress import Progress, ensure
from .cog import STRIP_ROWS, translate_to_cog
from .inferno import inferno_rgb8, inferno_stops

LST_RANGE_DAY_K = (270.0, 330.0)
LST_RANGE_NIGHT_K = (250.0, 300.0)
# nine evenly spaced entries of the table, for the metadata (the colours are the 256-entry table)
INFERNO_STOPS = tuple(colour for _pos, colour in inferno_stops(9))
RGB_PERCENTILES = (2.0, 98.0)
RGB_GAMMA = 1.2
THUMBNAIL_SIZE = 512


def colour_table() -> np.ndarray:
    """(256, 3) uint8: the inferno table (delivery/inferno.py), the one LST ramp of quicklooks and map styles."""
    return inferno_rgb8()


def lst_range(is_day: bool) -> tuple[float, float]:
    return LST_RANGE_DAY_K if is_day else LST_RANGE_NIGHT_K


def colourize_lst(lst: np.ndarray, lo: float, hi: float, table: np.ndarray) -> np.ndarray:
    """float K (NaN = nodata) -> (4, rows, cols) uint8 RGBA."""
    valid = np.isfinite(lst)
    # whole-array arithmetic (the same per-pixel operations as on the valid pixels alone) and one table
    # look-up per colour: 2.4x faster than gathering the valid pixels and indexing the (256, 3) table
    with np.errstate(invalid="ignore"):
        scaled = (lst - lo) / (hi - lo) * (len(table) - 1)
        np.rint(scaled, out=scaled)
        np.clip(scaled, 0, len(table) - 1, out=scaled)
        scaled[~valid] = 0
        idx = scaled.astype(np.uint8 if len(table) <= 256 else np.intp)
    rgba = np.empty((4, *lst.shape), dtype=np.uint8)
    for c in range(3):
        np.take(table[:, c], idx, out=rgba[c])
        rgba[c][~valid] = 255
    rgba[3] = np.where(valid, 255, 0)
    return rgba


def stretch(values: np.ndarray, lo: float, hi: float, gamma: float = RGB_GAMMA) -> np.ndarray:
    """Reflectance -> uint8 with a linear stretch lo..hi and a gamma; NaN -> 255 (white)."""
    valid = np.isfinite(values)
    out = np.full(values.shape, 255, dtype=np.uint8)
    f = np.clip((values[valid] - lo) / max(hi - lo, 1e-6), 0.0, 1.0) ** (1.0 / gamma)
    out[valid] = np.rint(f * 255).astype(np.uint8)
    return out


def _rgba_profile(src) -> dict:
    return {
        "driver": "GTiff",
        "width": src.width,
        "height": src.height,
        "count": 4,
        "dtype": "uint8",
        "crs": src.crs,
        "transform": src.transform,
        "tiled": True,
        "blockxsize": 512,
        "blockysize": 512,
        "photometric": "RGB",
        "alpha": "YES",
        "interleave": "pixel",
    }


def _finish(tmp: Path, dst: Path, layer: str, progress: Progress) -> None:
    try:
        translate_to_cog(tmp, dst, layer, progress)
    finally:
        tmp.unlink(missing_ok=True)


def render_lst_quicklook(
    lst_path: Path, dst: Path, tmp_dir: Path, is_day: bool, progress: Progress | None = None
) -> dict:
    """Write the LST quicklook COG and return its documented colour scale (for the metadata)."""
    progress = ensure(progress)
    lo, hi = lst_range(is_day)
    table = colour_table()
    tmp = Path(tmp_dir) / ".LST_QUICKLOOK.tmp.tif"
    with rasterio.open(lst_path) as src, rasterio.open(tmp, "w", **_rgba_profile(src)) as out:
        out.colorinterp = [ColorInterp.red, ColorInterp.green, ColorInterp.blue, ColorInterp.alpha]
        for row in range(0, src.height, STRIP_ROWS):
            window = Window(0, row, src.width, min(STRIP_ROWS, src.height - row))
            out.write(colourize_lst(src.read(1, window=window), lo, hi, table), window=window)
            progress.sub(0.0, 0.5).update((row + window.height) / src.height)
        out.update_tags(LST_MIN_K=str(lo), LST_MAX_K=str(hi), COLORMAP="inferno")
    _finish(tmp, dst, "LST_QUICKLOOK", progress.sub(0.5, 1.0))
    return {
        "colormap": "inferno",
        "colormap_reference": "Smith N. J., van der Walt S. (2015), matplotlib colormap 'inferno' (CC0), "
        "256-entry table",
        "stops": list(INFERNO_STOPS),
        "min_k": lo,
        "max_k": hi,
        "scene_type": "day" if is_day else "night",
        "out_of_range": "clipped to the end colours",
        "nodata": "transparent (alpha 0); white in the JPG thumbnail",
    }


def _percentiles(src, bands: list[int], cloud_mask: Path | None) -> list[tuple[float, float]]:
    """Robust stretch limits per band over clear pixels, from a decimated read (~1024 px long side)."""
    step = max(1, int(np.ceil(max(src.width, src.height) / 1024)))
    shape = (max(1, src.height // step), max(1, src.width // step))
    clear = np.ones(shape, dtype=bool)
    if cloud_mask is not None:
        with rasterio.open(cloud_mask) as cm:
            clear = cm.read(1, out_shape=shape) == 0
    limits = []
    for b in bands:
        sample = src.read(b, out_shape=shape)
        keep = np.isfinite(sample) & clear
        sample = sample[keep] if keep.any() else sample[np.isfinite(sample)]
        if sample.size == 0:
            limits.append((0.0, 0.3))
            continue
        lo, hi = np.percentile(sample, RGB_PERCENTILES)
        limits.append((float(lo), float(hi) if hi > lo else float(lo) + 1e-3))
    return limits


def render_rgb_quicklook(
    vnir_path: Path,
    band_names: list[str],
    dst: Path,
    tmp_dir: Path,
    progress: Progress | None = None,
    cloud_mask: Path | None = None,
) -> dict:
    """Write the true-colour quicklook COG from the VNIR layer; return the stretch used."""
    progress = ensure(progress)
    missing = [b for b in ("red", "green", "blue") if b not in band_names]
    if missing:
        raise ExportError(
            msg(
                "{path}: VNIR layer lacks band(s) {missing}; expected red, green and blue",
                path=vnir_path,
                missing=missing,
            )
        )
    bands = [band_names.index(b) + 1 for b in ("red", "green", "blue")]
    tmp = Path(tmp_dir) / ".RGB_QUICKLOOK.tmp.tif"
    with rasterio.open(vnir_path) as src:
        limits = _percentiles(src, bands, cloud_mask)
        with rasterio.open(tmp, "w", **_rgba_profile(src)) as out:
            out.colorinterp = [ColorInterp.red, ColorInterp.green, ColorInterp.blue, ColorInterp.alpha]
            for row in range(0, src.height, STRIP_ROWS):
                window = Window(0, row, src.width, min(STRIP_ROWS, src.height - row))
                rgba = np.empty((4, window.height, window.width), dtype=np.uint8)
                valid = np.ones((window.height, window.width), dtype=bool)
                for i, (b, (lo, hi)) in enumerate(zip(bands, limits)):
                    values = src.read(b, window=window)
                    valid &= np.isfinite(values)
                    rgba[i] = stretch(values, lo, hi)
                rgba[:3, ~valid] = 255
                rgba[3] = np.where(valid, 255, 0)
                out.write(rgba, window=window)
                progress.sub(0.0, 0.5).update((row + window.height) / src.height)
    _finish(tmp, dst, "RGB_QUICKLOOK", progress.sub(0.5, 1.0))
    return {
        "bands": ["red", "green", "blue"],
        "stretch": f"linear per band between the {RGB_PERCENTILES[0]:g}th and {RGB_PERCENTILES[1]:g}th percentiles of clear pixels",
        "limits_reflectance": [[round(lo, 5), round(hi, 5)] for lo, hi in limits],
        "gamma": RGB_GAMMA,
    }


def write_thumbnail(quicklook: Path, dst: Path, size: int = THUMBNAIL_SIZE) -> tuple[int, int]:
    """JPG of the RGBA quicklook, ``size`` px on the long side, no-data white. Returns (width, height)."""
    src = gdal.Open(str(quicklook))
    if src is None:
        raise ExportError(
            msg("{path}: cannot open the quicklook ({error})", path=quicklook, error=gdal.GetLastErrorMsg())
        )
    w, h = src.RasterXSize, src.RasterYSize
    scale = size / max(w, h)
    tw, th = max(1, round(w * scale)), max(1, round(h * scale))
    rgba = src.ReadAsArray(buf_xsize=tw, buf_ysize=th, resample_alg=gdal.GRIORA_Average).astype(np.float32)
    src = None
    # the COG's overviews hold RGB = 0 under alpha = 0 (GDAL's alpha-aware averaging): composite over white
    alpha = rgba[3] / 255.0
    rgb = np.rint(rgba[:3] * alpha + 255.0 * (1.0 - alpha)).astype(np.uint8)
    mem = gdal.GetDriverByName("MEM").Create("", tw, th, 3, gdal.GDT_Byte)
    for i in range(3):
        mem.GetRasterBand(i + 1).WriteArray(rgb[i])
    out = gdal.GetDriverByName("JPEG").CreateCopy(str(dst), mem, 0, ["QUALITY=90"])
    if out is None:
        raise ExportError(
            msg("{path}: GDAL JPEG driver failed ({error})", path=dst, error=gdal.GetLastErrorMsg())
        )
    out = None
    Path(str(dst) + ".aux.xml").unlink(missing_ok=True)
    return tw, th
