"""Encode result layers and write them as Cloud-Optimized GeoTIFFs with GDAL's COG driver.

Encoding per layer (DESIGN.md "Delivery package"; physical value = DN * scale + offset):

| layer           | dtype  | scale  | offset | unit | nodata | overview resampling |
|-----------------|--------|--------|--------|------|--------|---------------------|
| LST             | uint16 | 0.01   | 0      | K    | 65535  | AVERAGE             |
| LST_UNCERTAINTY | uint16 | 0.01   | 0      | K    | 65535  | AVERAGE             |
| EMISSIVITY      | uint16 | 0.0001 | 0      | 1    | 65535  | AVERAGE             |
| VNIR            | uint16 | 0.0001 | -0.1   | 1    | 65535  | AVERAGE             |
| CLOUD_MASK      | uint8  | -      | -      | -    | 255    | MODE                |
| SCL             | uint8  | -      | -      | -    | 255    | MODE                |
| QA              | uint16 | -      | -      | -    | 65535  | NEAREST             |
| ANGLES          | uint16 | 0.01   | 0      | deg  | 65535  | NEAREST             |
| ACQUISITION_TIME| uint16 | 0.01   | 0      | s    | 65535  | AVERAGE             |
| CLOUD_DISTANCE  | uint16 | 0.01   | 0      | km   | 65535  | AVERAGE             |
| TRANSMITTANCE   | uint16 | 0.0001 | 0      | 1    | 65535  | AVERAGE             |
| WATER_VAPOUR    | uint16 | 0.001  | 0      | g/cm2| 65535  | AVERAGE             |
| MASK_TESTS      | uint16 | -      | -      | -    | 65535  | NEAREST             |

The VNIR convention (scale 0.0001, offset -0.1) is constellr's SR encoding (spec-notes §5.2); it keeps
slightly negative reflectances. Physical values outside the encodable range are clipped to
[0, 65534] DN (the clip count is reported). QA has no nodata in the pipeline's result (bit 0 marks
no-data pixels); the delivered QA writes every pixel with bit 0 set as 65535, which keeps bit 0 set for
bitwise readers and lets GDAL-aware readers mask them (65535 is otherwise impossible: bits 14 and 15
are unused in ``core.quality.QA_BITS``).

Each layer is encoded block by block (row strips of ``STRIP_ROWS``; memory stays bounded for a full
7800 x 7800 scene) into a temporary tiled GeoTIFF, then copied by ``gdal.Translate(format="COG")`` with
``creation_options(layer)``. GDAL's progress callback carries cancel into the COG step. The package
writes several layers at once (``CogJob.step`` + ``steps.run_steps``); a COG's bytes depend only on its
layer and options, not on the threads (the tiles are compressed independently and written in order).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import rasterio
from osgeo import gdal, gdal_array  # noqa: F401 (gdal_array: imported by ReadAsArray on first use)
from rasterio.windows import Window

from ..errors import ExportError, ProcessingCancelled
from ..messages import msg
from ..progress import Progress, ensure

STRIP_ROWS = 512
# GDAL's block cache while a package is written or checked (GDAL_CACHEMAX is process-wide; rasterio.Env
# restores it afterwards). With GDAL's default, 5 % of RAM, a full 7800² export reached 2.26 GB peak RSS
# and its validation 1.5 GB; with 64 MB, 580 MB and 314 MB in the same wall time (export 32.8 s against
# 33.4-34.7 s, validation 3.0 s against 3.3 s; fresh processes on this 2-core machine, issue 15): layers are
# read and written strip by strip, and GDAL's COG writer keeps what its overviews need itself.
GDAL_CACHE_MB = 64
BLOCKSIZE = 512


@dataclass(frozen=True)
class LayerSpec:
    key: str
    dtype: str  # numpy/rasterio dtype name of the delivered COG
    nodata: int
    resampling: str  # GDAL overview resampling of the COG driver
    scale: float | None = None  # None: integer layer copied as is (masks)
    offset: float = 0.0
    unit: str = ""
    title: str = ""

    @property
    def encoded(self) -> bool:
        return self.scale is not None

    @property
    def dn_max(self) -> int:
        return int(np.iinfo(self.dtype).max) - 1  # the top value is nodata


LAYERS: dict[str, LayerSpec] = {
    s.key: s
    for s in (
        LayerSpec("LST", "uint16", 65535, "AVERAGE", 0.01, 0.0, "K", "Land surface temperature"),
        LayerSpec("LST_UNCERTAINTY", "uint16", 65535, "AVERAGE", 0.01, 0.0, "K", "LST uncertainty (1 sigma)"),
        LayerSpec("EMISSIVITY", "uint16", 65535, "AVERAGE", 0.0001, 0.0, "1", "Surface emissivity"),
        LayerSpec("VNIR", "uint16", 65535, "AVERAGE", 0.0001, -0.1, "1", "TOA reflectance"),
        LayerSpec("CLOUD_MASK", "uint8", 255, "MODE", title="Cloud mask (0 clear, 1 cloud or shadow)"),
        LayerSpec("SCL", "uint8", 255, "MODE", title="Scene classification"),
        LayerSpec("QA", "uint16", 65535, "NEAREST", title="Per-pixel quality bits"),
        # CEOS-ARD companions (core/ard_layers.py, pipeline); angles NEAREST: azimuths must not average
        LayerSpec("ANGLES", "uint16", 65535, "NEAREST", 0.01, 0.0, "deg", "Solar and view angles"),
        LayerSpec("ACQUISITION_TIME", "uint16", 65535, "AVERAGE", 0.01, 0.0, "s", "Acquisition time"),
        LayerSpec("CLOUD_DISTANCE", "uint16", 65535, "AVERAGE", 0.01, 0.0, "km", "Distance to cloud"),
        LayerSpec("TRANSMITTANCE", "uint16", 65535, "AVERAGE", 0.0001, 0.0, "1", "Atmospheric transmittance"),
        LayerSpec("WATER_VAPOUR", "uint16", 65535, "AVERAGE", 0.001, 0.0, "g/cm2", "Column water vapour"),
        LayerSpec("MASK_TESTS", "uint16", 65535, "NEAREST", title="Mask tests run and completed"),
        # RGBA renderings (quicklook.py); alpha marks valid pixels, no nodata value
        LayerSpec("LST_QUICKLOOK", "uint8", 0, "AVERAGE", title="LST quicklook (RGBA)"),
        LayerSpec("RGB_QUICKLOOK", "uint8", 0, "AVERAGE", title="True-colour quicklook (RGBA)"),
    )
}


def block_size(width: int | None = None, height: int | None = None) -> int:
    """512, or a smaller power of two for small rasters so that at least one overview level exists."""
    if not width or not height:
        return BLOCKSIZE
    size = BLOCKSIZE
    while size > 16 and max(width, height) <= size:
        size //= 2
    return size


def creation_options(layer_key: str, width: int | None = None, height: int | None = None) -> list[str]:
    """GDAL COG driver creation options for a layer (also used by benchmarks/export_speed.py).

    Give the raster size to get a block size that still yields overviews for rasters <= 512 px.
    """
    spec = LAYERS[layer_key]
    return [
        "COMPRESS=DEFLATE",
        "PREDICTOR=YES",  # horizontal differencing (2) for integers
        # zlib level 1: on a 3000 x 3000 result 1.5-3.5x faster than level 6 for 0-12 % more bytes
        # (VNIR 63 MB both, LST 9.4 MB both, LST_UNCERTAINTY 5.0 vs 4.5 MB; benchmarks/speed.py, issue 15)
        "LEVEL=1",
        f"BLOCKSIZE={block_size(width, height)}",
        "OVERVIEWS=IGNORE_EXISTING",
        f"RESAMPLING={spec.resampling}",
        f"OVERVIEW_RESAMPLING={spec.resampling}",
        "BIGTIFF=IF_SAFER",
        # tiles compressed on every core; each tile is still one DEFLATE stream, written in order,
        # so the file's bytes do not depend on the thread count
        "NUM_THREADS=ALL_CPUS",
    ]


@dataclass
class BandStats:
    """Running statistics of one band's physical values (valid pixels only)."""

    count: int = 0
    total: int = 0
    minimum: float = math.inf
    maximum: float = -math.inf
    sum: float = 0.0
    sumsq: float = 0.0
    clipped: int = 0

    def add(self, values: np.ndarray, valid: np.ndarray, work: np.ndarray | None = None) -> None:
        """Add the ``valid`` pixels of ``values``; ``work``: a float64 array of values.shape to reuse."""
        self.total += valid.size
        n = int(np.count_nonzero(valid))
        if n == 0:
            return
        self.count += n
        # reductions with where= instead of gathering the valid pixels into new arrays: a fresh 30 MB
        # array per strip costs more in page faults than the arithmetic (full-scene profile, issue 15)
        top = np.inf if values.dtype.kind == "f" else np.iinfo(values.dtype).max
        bottom = -np.inf if values.dtype.kind == "f" else np.iinfo(values.dtype).min
        self.minimum = min(self.minimum, float(np.min(values, where=valid, initial=top)))
        self.maximum = max(self.maximum, float(np.max(values, where=valid, initial=bottom)))
        self.sum += float(np.add.reduce(values, axis=None, dtype=np.float64, where=valid))
        square = work if work is not None else np.empty(values.shape, dtype=np.float64)
        np.multiply(values, values, out=square, dtype=np.float64)
        self.sumsq += float(np.add.reduce(square, axis=None, where=valid))

    def as_stac(self) -> dict:
        """STAC 1.1 ``statistics`` object (empty when no valid pixel)."""
        if self.count == 0:
            return {"valid_percent": 0.0}
        mean = self.sum / self.count
        var = max(self.sumsq / self.count - mean * mean, 0.0)
        return {
            "minimum": round(self.minimum, 6),
            "maximum": round(self.maximum, 6),
            "mean": round(mean, 6),
            "stddev": round(math.sqrt(var), 6),
            "valid_percent": round(100.0 * self.count / max(self.total, 1), 4),
        }


def encode(
    values: np.ndarray, spec: LayerSpec, work: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, int]:
    """Physical float values -> (DN array of spec.dtype, valid mask, number of clipped pixels).

    ``work``: a float64 array of values.shape to compute in (reused strip after strip: no fresh array)."""
    valid = np.isfinite(values)
    # whole-array arithmetic in place (no gather/scatter of the valid pixels); float64 so that the
    # rounding to DN is that of the exact quotient; NaN stays NaN and compares False below
    raw = work if work is not None else np.empty(values.shape, dtype=np.float64)
    if spec.offset:
        np.subtract(values, spec.offset, out=raw, dtype=np.float64)
        raw /= spec.scale
    else:
        np.divide(values, spec.scale, out=raw, dtype=np.float64)
    np.rint(raw, out=raw)
    clipped = int(np.count_nonzero(valid & ((raw < 0) | (raw > spec.dn_max))))
    np.clip(raw, 0, spec.dn_max, out=raw)
    with np.errstate(invalid="ignore"):
        dn = raw.astype(spec.dtype)
    dn[~valid] = spec.nodata
    return dn, valid, clipped


def encode_integer(
    values: np.ndarray, spec: LayerSpec, source_nodata: float | None
) -> tuple[np.ndarray, np.ndarray]:
    """Integer masks: copy, map the source nodata (and QA's bit 0) onto spec.nodata."""
    out = values.astype(spec.dtype, copy=True)
    invalid = np.zeros(values.shape, dtype=bool)
    if source_nodata is not None and not (isinstance(source_nodata, float) and math.isnan(source_nodata)):
        invalid |= values == source_nodata
    if spec.key == "QA":
        invalid |= (values & 1) != 0
    out[invalid] = spec.nodata
    return out, ~invalid


def decode(dn: np.ndarray, spec: LayerSpec) -> np.ndarray:
    """DN -> float32 physical values with NaN for nodata (the inverse of ``encode``)."""
    out = dn.astype(np.float64) * spec.scale + spec.offset
    out[dn == spec.nodata] = np.nan
    return out.astype(np.float32)


def encode_to_gtiff(
    src_path: Path,
    layer_key: str,
    dst_path: Path,
    band_names: list[str] | None = None,
    descriptions: list[str] | None = None,
    progress: Progress | None = None,
) -> list[BandStats]:
    """Encode a result raster strip by strip into a tiled, uncompressed temporary GeoTIFF."""
    spec = LAYERS[layer_key]
    progress = ensure(progress)
    try:
        src = rasterio.open(src_path)
    except rasterio.errors.RasterioIOError as exc:
        raise ExportError(
            msg(
                "{path}: cannot read the {layer} result raster ({error})",
                path=src_path,
                layer=layer_key,
                error=exc,
            )
        ) from exc
    with src:
        profile = {
            "driver": "GTiff",
            "width": src.width,
            "height": src.height,
            "count": src.count,
            "dtype": spec.dtype,
            "crs": src.crs,
            "transform": src.transform,
            "nodata": spec.nodata,
            "tiled": True,
            "blockxsize": BLOCKSIZE,
            "blockysize": BLOCKSIZE,
            "interleave": "band",
            "BIGTIFF": "IF_SAFER",
        }
        stats = [BandStats() for _ in range(src.count)]
        strip_work = np.empty((min(STRIP_ROWS, src.height), src.width), dtype=np.float64)
        with rasterio.open(dst_path, "w", **profile) as dst:
            for row in range(0, src.height, STRIP_ROWS):
                window = Window(0, row, src.width, min(STRIP_ROWS, src.height - row))
                work = strip_work[: window.height]  # the first rows of a C-ordered array: contiguous
                for b in range(src.count):
                    values = src.read(b + 1, window=window)
                    if spec.encoded:
                        dn, valid, clipped = encode(values, spec, work)  # dn is a new array, work is free
                        stats[b].clipped += clipped
                    else:
                        dn, valid = encode_integer(values, spec, src.nodata)
                    stats[b].add(values, valid, work)
                    dst.write(dn, b + 1, window=window)
                progress.update((row + window.height) / src.height)
            if spec.encoded:
                dst.scales = [spec.scale] * src.count
                dst.offsets = [spec.offset] * src.count
                dst.units = [spec.unit] * src.count
            for b in range(src.count):
                name = band_names[b] if band_names and b < len(band_names) else None
                text = descriptions[b] if descriptions and b < len(descriptions) else None
                label = f"{spec.title} {name}" if name and name.upper() != layer_key else spec.title
                dst.set_band_description(b + 1, text or label)
            dst.update_tags(LAYER=layer_key)
    return stats


def gdal_cache() -> rasterio.Env:
    """The GDAL settings of an export or a validation (GDAL_CACHE_MB), for a ``with`` block."""
    return rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB * 2**20)


def gdal_progress(progress: Progress) -> Callable:
    """A GDAL progress callback that reports into ``progress`` and returns 0 (stop) on cancel."""

    def callback(complete, _message, _data):
        try:
            progress.update(complete)
        except ProcessingCancelled:
            return 0
        return 1

    return callback


def translate_to_cog(
    src_path: Path, dst_path: Path, layer_key: str, progress: Progress | None = None
) -> None:
    """Copy a (temporary) GeoTIFF into a COG with the layer's creation options."""
    progress = ensure(progress)
    gdal.ErrorReset()
    src = gdal.Open(str(src_path))
    if src is None:
        raise ExportError(
            msg(
                "{path}: GDAL cannot open the temporary raster ({error})",
                path=src_path,
                error=gdal.GetLastErrorMsg(),
            )
        )
    ds = gdal.Translate(
        str(dst_path),
        src,
        format="COG",
        creationOptions=creation_options(layer_key, src.RasterXSize, src.RasterYSize),
        callback=gdal_progress(progress),
    )
    if ds is None:
        progress.check()  # a cancel shows up as ProcessingCancelled, not as a GDAL error
        raise ExportError(
            msg(
                "{path}: GDAL COG driver failed ({error})",
                path=dst_path,
                error=gdal.GetLastErrorMsg() or "unknown error",
            )
        )
    ds = None
    src = None


def write_cog(
    src_path: Path,
    layer_key: str,
    dst_path: Path,
    tmp_dir: Path,
    band_names: list[str] | None = None,
    descriptions: list[str] | None = None,
    progress: Progress | None = None,
) -> list[BandStats]:
    """Encode ``src_path`` (a result raster in physical units) into the COG ``dst_path``."""
    progress = ensure(progress)
    tmp = Path(tmp_dir) / f".{layer_key}.encoded.tif"
    try:
        stats = encode_to_gtiff(src_path, layer_key, tmp, band_names, descriptions, progress.sub(0.0, 0.5))
        translate_to_cog(tmp, dst_path, layer_key, progress.sub(0.5, 1.0))
    finally:
        tmp.unlink(missing_ok=True)
    return stats


@dataclass(frozen=True)
class CogJob:
    """One result raster to deliver as a COG (the arguments of ``write_cog``)."""

    src_path: Path
    layer_key: str
    dst_path: Path
    band_names: list[str] | None = None
    # work estimate: the job's share of the progress range, and steps.run_steps starts the heaviest first
    weight: float = 1.0

    def step(self, tmp_dir: Path) -> Callable[[Progress], list[BandStats]]:
        """``write_cog`` of this job as a step of ``steps.run_steps`` (which runs several at once)."""
        return lambda progress: write_cog(
            self.src_path, self.layer_key, self.dst_path, tmp_dir, self.band_names, progress=progress
        )
