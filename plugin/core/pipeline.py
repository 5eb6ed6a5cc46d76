"""One scene + AOI + options -> LST, uncertainty, emissivity, masks and QA rasters in a result folder.

Steps: open the product -> output window from the AOI (core.aoi) -> valid pixels (AOI and thermal
footprint) -> masks for the whole window (core.masks), on a second thread beside the CEOS-ARD angle and
time layers (core.ard_layers: they need neither masks nor LST) -> optional geometric verification -> block
loop (core.blocks): radiance/BT, NDVI, emissivity (water/snow from the masks), LST and its 1-sigma
uncertainty, QA bit ``lst_not_retrieved`` -> untiled float32 GeoTIFFs in ``workdir`` -> ``result.json``.
GDAL's block cache holds a few rows of the source tiles (``_gdal_cache_mb``), and the block loop's
threads read through one handle per file (``SceneBase.shared_reads``), so its windows, a few dozen rows each
and alternating between threads, decode every tile once (with a handle per thread each thread decoded
every tile row: 2x the decoding on two threads, issue 15).

Cloudy pixels: LST is computed wherever the thermal signal is valid, also under clouds (it is then the
cloud-top or a mixed temperature, meaningless as a surface temperature); the CLOUD_MASK, SCL and QA layers
say which pixels are contaminated, following the constellr deliverable convention, and ``lst_stats`` are
computed over clear pixels only (CLOUD_MASK == 0). Pixels outside the AOI or the footprint are NaN, and
so are pixels where a thermal band used is saturated (the radiance only bounds the temperature from
below); both get the QA bit ``lst_not_retrieved``.

On cancel or error every file this run wrote is removed (and ``workdir`` itself when this run created it).
"""

from __future__ import annotations

import contextlib
import logging
import math
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
from rasterio.windows import Window

from . import emissivity as emis
from . import landcover
from . import uncertainty as unc
from .aoi import AoiWindow, output_window, transform_geometry
from .aoi_masks import compute_aoi_masks, geoverify_exclusion, read_ancillary
from .aoi_masks import scene_window as _scene_window
from .aoi_masks import valid_mask as _valid_mask
from .aoi_masks import window_slices as _slices
from .ard_layers import ArdLayers, finish_ard_layers, mask_ard_layers, write_ard_layers
from .blocks import beside, outputs, plan_windows, run, thread_count
from .delivery.workspace import output_failure, private_work_folder
from .errors import LstError
from .geoverify import measure_alignment
from .memory import bounded_heap
from .memory import trim_heap as _trim_heap
from .messages import msg
from .options import Aoi, LstOptions
from .products.gver import write_gver
from .products.raster_access import filled_float32
from .products.scene import REFLECTIVE_BANDS, Scene
from .progress import Progress, ensure
from .quality import CLOUD_MASK_NODATA, MASK_TESTS_BANDS, MASK_TESTS_NODATA, QA_BIT, SCL_NODATA
from .result import ProductResult
from .retrieval import ALGORITHM_CITATIONS, BlockInputs, decide
from .version import plugin_version
from .vnir_layer import VnirLayer
from .vnir_layer import stack as stack_vnir

log = logging.getLogger(__name__)

# Working set of one block, bytes per output pixel, by algorithm (temporaries of the retrieval and the
# uncertainty: float32 for split-window, float64 for SC/RTE; the thermal bands, red/NIR, mask slices, the
# result arrays until written): about twice the peak tracemalloc traced per window on the full sample
# (SW 106, SC 142, RTE 226 B/px, issue 15). Taller windows keep both cores busier: one BYTES_PER_PIXEL of
# 480 for every algorithm gave SW windows of 17 rows and a block loop of 7.1-7.6 s, 240 one of 6.1 s, with
# the block loop's RSS +35 MB (benchmarks/produce_stages.py).
BYTES_PER_PIXEL = {"SW": 240, "SC": 320, "RTE": 480}
GDAL_CACHE_MB = 64  # GDAL's block cache at least (more for wide tiled sources: _gdal_cache_mb)
GDAL_CACHE_MAX_MB = 512
MIN_BLOCK_BUDGET_MB = 128  # when the whole-window arrays alone fill the budget, blocks still get this
HIST_MIN_K, HIST_MAX_K, HIST_STEP_K = 150.0, 400.0, 0.01  # lst_stats median from a 0.01 K histogram


class _Stats:
    """min/max/mean/median of clear LST without keeping the pixels (median from a 0.01 K histogram)."""

    def __init__(self):
        self.n = 0
        self.total = 0.0
        self.lo = np.inf
        self.hi = -np.inf
        self.hist = np.zeros(int(round((HIST_MAX_K - HIST_MIN_K) / HIST_STEP_K)), dtype=np.int64)

    def add(self, values: np.ndarray) -> None:
        if values.size == 0:
            return
        self.n += values.size
        self.total += float(values.sum(dtype=np.float64))
        self.lo, self.hi = min(self.lo, float(values.min())), max(self.hi, float(values.max()))
        idx = np.clip(((values - HIST_MIN_K) / HIST_STEP_K).astype(np.int64), 0, self.hist.size - 1)
        self.hist += np.bincount(idx, minlength=self.hist.size)

    def result(self) -> dict[str, Any]:
        if self.n == 0:
            return {"min": None, "max": None, "median": None, "mean": None, "valid_pixels": 0}
        cum = np.cumsum(self.hist)
        i = int(np.searchsorted(cum, (self.n + 1) / 2.0))
        median = min(max(HIST_MIN_K + (i + 0.5) * HIST_STEP_K, self.lo), self.hi)
        return {
            "min": round(self.lo, 3),
            "max": round(self.hi, 3),
            "median": round(median, 2),
            "mean": round(self.total / self.n, 3),
            "valid_pixels": int(self.n),
        }


def _open(product) -> tuple[Scene, bool]:
    if isinstance(product, (str, Path)):
        from .products import open_product

        return open_product(product), True
    return product, False


def _iso(dt) -> str | None:
    return dt.isoformat().replace("+00:00", "Z") if dt is not None else None


def _scene_metadata(scene: Scene) -> dict[str, Any]:
    return {
        "product_id": scene.product_id,
        "platform": scene.platform,
        "instruments": list(scene.instruments),
        "source_format": scene.source_format,
        "path": str(scene.path),
        "start_datetime": _iso(scene.start_datetime),
        "end_datetime": _iso(scene.end_datetime),
        "acquisition_datetime": _iso(scene.acquisition_datetime),
        "sun_elevation": scene.sun_elevation,
        "sun_azimuth": scene.sun_azimuth,
        "view_off_nadir": scene.view_off_nadir,
        "view_incidence": scene.view_incidence,
        "view_azimuth": scene.view_azimuth,
        "earth_sun_distance": scene.earth_sun_distance,
        "cloud_cover": scene.cloud_cover,
        "is_day": scene.is_day,
        "footprint_lonlat": [list(p) for p in scene.footprint_lonlat],
        "crs": scene.grid.crs,
    }


def _aoi_metadata(aoi: Aoi | None, aw: AoiWindow) -> dict[str, Any]:
    x0, y0, x1, y1 = aw.grid.bounds
    covered = transform_geometry(
        {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]},
        aw.grid.crs,
        "EPSG:4326",
    )
    return {
        "name": aoi.name if aoi else "",
        "id": aoi.id if aoi else "",
        "whole_scene": aoi is None,
        "geometry_lonlat": covered,
        "requested_geometry": aoi.geometry if aoi else aw.geometry_lonlat,
        "crs": aoi.crs if aoi else "EPSG:4326",
        "window": [
            int(aw.window.col_off),
            int(aw.window.row_off),
            int(aw.window.width),
            int(aw.window.height),
        ],
        "outside_fraction": round(aw.outside_fraction, 4),
    }


def _geometric(scene, aw, masks, options, progress, warnings, workdir) -> tuple[dict | None, Path | None]:
    if not options.geometric_verification:
        return None, None
    excluded = geoverify_exclusion(masks)  # cloud, snow/ice, no data: as the geoverify algorithm
    try:
        al = measure_alignment(scene, window=aw.window, cloud_mask=excluded, progress=progress)
        path = write_gver(al.tiepoints, Path(workdir) / "GVER_REL.json", "REL") if al.tiepoints else None
        return al.summary(), path
    except LstError as exc:
        warnings.append(msg("Geometric verification failed: {error}", error=exc))
        return None, None


@dataclass(frozen=True)
class _Layer:
    """One result raster: the block loop writes ``arrays[key]`` of every block into ``{key}.tif``."""

    key: str
    dtype: str
    nodata: float | int | None
    band_names: tuple[str, ...]  # ProductResult.band_names (and the band count)
    descriptions: tuple[str, ...]  # GeoTIFF band descriptions
    compressed: bool = False  # written ZSTD-compressed (blocks.temporary_profile's ``strip_rows``)


def _layers(tir: list[str], vnir: list[str]) -> list[_Layer]:
    """The result rasters, in writing order. A new layer is one entry here plus its array in
    ``_compute_block`` (retrieval outputs such as ``WATER_VAPOUR`` are already there)."""
    nan, tir, vnir = float("nan"), tuple(tir), tuple(vnir)
    layers = [
        _Layer("LST", "float32", nan, ("LST",), ("LST",)),
        _Layer("LST_UNCERTAINTY", "float32", nan, ("LST_UNCERTAINTY",), ("sigma",)),
        # emissivity sigmas enter LST_UNCERTAINTY; no layer of their own (nothing delivered or shown used one)
        _Layer("EMISSIVITY", "float32", nan, tir, tir),
        # classes, bit fields and (for a scene-wide water vapour) constants: compressed (temporary_profile)
        _Layer("CLOUD_MASK", "uint8", CLOUD_MASK_NODATA, ("CLOUD_MASK",), ("cloud_mask",), True),
        _Layer("SCL", "uint8", SCL_NODATA, ("SCL",), ("scl",), True),
        _Layer("QA", "uint16", None, ("QA",), ("qa",), True),
        _Layer("CLOUD_DISTANCE", "float32", nan, ("CLOUD_DISTANCE",), ("cloud_distance_km",)),
        # per-pixel mask tests flagged / completed (quality.MASK_TESTS)
        _Layer("MASK_TESTS", "uint16", MASK_TESTS_NODATA, MASK_TESTS_BANDS, MASK_TESTS_BANDS, True),
        # per pixel from the retrieval: what the uncertainty depends on (CEOS-ARD rac.measurements-uncertainty-st)
        _Layer("WATER_VAPOUR", "float32", nan, ("WATER_VAPOUR",), ("water_vapour_gcm2",), True),
        _Layer("TRANSMITTANCE", "float32", nan, ("lwir11",), ("transmittance_lwir11",), True),
    ]
    if vnir:
        layers.append(_Layer("VNIR", "float32", nan, vnir, vnir))
    return layers


@dataclass
class _BlockContext:
    """What every block reads: the scene, the output window, whole-window masks, the retrieval."""

    scene: Scene
    aw: AoiWindow
    valid: np.ndarray
    masks: Any
    retrieval: Any
    land_cover: Any
    vnir: list[str]  # the VNIR bands this loop writes (none when the masks wrote the layer)
    vnir_layer: VnirLayer | None = None  # the VNIR layer the masks' pass 1 wrote: the NDVI bands from it


def _compute_block(ctx: _BlockContext, w: Window) -> dict[str, np.ndarray]:
    """Every result array of window ``w`` (runs on a worker thread: reads and computes, never writes).

    ``CLEAR_LST`` holds the LST of the clear pixels, for the statistics."""
    sw, sl = _scene_window(ctx.aw, w), _slices(w)
    scene, masks, retrieval, v = ctx.scene, ctx.masks, ctx.retrieval, ctx.valid[sl]
    ndvi_bands = ["red", "nir08"] if retrieval.emissivity_method == "ndvi_threshold" else []
    if ctx.vnir_layer is not None and ndvi_bands:  # decoded once, by the masks (core.vnir_layer)
        refl = ctx.vnir_layer.read(ndvi_bands, w)
    else:
        refl = {b: scene.read_values(b, sw) for b in dict.fromkeys(ndvi_bands + ctx.vnir)}
    split_window = retrieval.algorithm == "SW"  # from brightness temperatures (BlockInputs.bt)
    inputs = BlockInputs(
        radiance={} if split_window else {b: filled_float32(scene.radiance(b, sw)) for b in retrieval.bands},
        bt={b: scene.read_values(b, sw) for b in retrieval.bands} if split_window else None,
        red=refl.get("red") if ndvi_bands else None,
        nir=refl.get("nir08") if ndvi_bands else None,
        water=np.asarray(masks.water[sl], dtype=bool),
        snow=np.asarray(masks.snow[sl], dtype=bool),
        cloud_distance_km=np.asarray(masks.cloud_distance_km[sl], dtype=np.float32),
        valid=v,
        land_cover=ctx.land_cover.codes[sl] if ctx.land_cover is not None else None,
        window=w,
    )
    res = retrieval.compute(inputs)
    lst = res["LST"]
    # one retrieval per pixel and the bits it sets: QA is updated in place then written per block
    qa_nd = np.uint16(1 << QA_BIT["nodata"])
    qa = masks.qa[sl] | np.where(v, 0, qa_nd).astype(np.uint16) | res["QA"]
    # a saturated thermal band only bounds the temperature from below: no LST there
    sat_bits = np.uint16(sum(1 << QA_BIT[f"saturated_{b}"] for b in retrieval.bands))
    saturated = (qa & sat_bits) > 0
    lst[saturated] = np.nan
    res["LST_UNCERTAINTY"][saturated] = np.nan
    qa |= np.where(np.isnan(lst), np.uint16(1 << QA_BIT["lst_not_retrieved"]), 0).astype(np.uint16)
    cm = masks.cloud_mask[sl]
    out = dict(res)
    out["QA"] = qa
    out["CLEAR_LST"] = lst[np.isfinite(lst) & (cm == 0)]
    out["CLOUD_MASK"] = np.where(v, cm, CLOUD_MASK_NODATA)
    out["SCL"] = np.where(v, masks.scl[sl], SCL_NODATA)
    out["CLOUD_DISTANCE"] = np.where(v, masks.cloud_distance_km[sl], np.nan)
    out["MASK_TESTS"] = np.where(v, masks.tests[(slice(None), *sl)], np.uint16(MASK_TESTS_NODATA))
    if ctx.vnir:  # straight into the stacked layer: no per-band temporaries
        out["VNIR"] = stack_vnir(refl, ctx.vnir, ~v)
    return out


def _gdal_cache_mb(scene, aw: AoiWindow, threads: int) -> int:
    """GDAL's block cache for a run, MB: ``threads`` + 1 rows of the source tiles across the output
    window's width, so that the windows in flight (full-width strips, often a few dozen rows, consumed in
    order) find the tiles they share decoded. Too small a cache decodes every tile row once per window:
    on a full FarEarth scene (512-row LZW tiles, seven pixel-interleaved VNIR bands) 21-row windows
    with 64 MB took 13 s per 1,024 rows to read, 0.6 s with 256 MB (benchmarks, issue 15)."""
    row = getattr(scene, "tile_row_bytes", lambda: 0)()
    share = min(1.0, aw.grid.width / max(scene.grid.width, 1))
    need = math.ceil((threads + 1) * row * share / 2**20)
    return int(min(max(GDAL_CACHE_MB, need), GDAL_CACHE_MAX_MB))


def _block_budget_mb(ctx: _BlockContext, budget_mb: float, cache_mb: float = GDAL_CACHE_MB) -> float:
    """What the blocks may use of the budget: the whole-window arrays they read from (masks, valid
    pixels, land cover: ~11 bytes per pixel, 0.7 GB for a full scene) count against it too, and so does
    GDAL's block cache beyond its base size (``_gdal_cache_mb``)."""
    arrays = [ctx.valid, getattr(ctx.land_cover, "codes", None)]
    arrays += list(getattr(ctx.masks, "__dict__", {}).values())
    resident = sum(a.nbytes for a in arrays if isinstance(a, np.ndarray)) / 2**20
    return max(budget_mb - resident - max(cache_mb - GDAL_CACHE_MB, 0), MIN_BLOCK_BUDGET_MB)


def _write_blocks(
    ctx: _BlockContext, layers: list[_Layer], workdir: Path, options, threads: int, progress, cache_mb: int
):
    """The block loop: windows computed on ``threads`` threads, written in order by this thread.

    Returns (layer paths, clear-LST statistics, windows). The memory budget is shared by the blocks
    in flight, so each gets 1/threads of it; results do not depend on the number of threads. A VNIR
    layer the masks wrote (``ctx.vnir_layer``) is not written again."""
    grid = ctx.aw.grid
    stats = _Stats()
    done = {"VNIR": ctx.vnir_layer.path} if ctx.vnir_layer is not None else {}
    layers = [layer for layer in layers if layer.key not in done]
    budget = _block_budget_mb(ctx, options.memory_budget_mb, cache_mb) / threads
    bpp = BYTES_PER_PIXEL[ctx.retrieval.algorithm]
    windows = plan_windows(grid.width, grid.height, bpp, budget, options.block_size)
    with outputs(grid) as out:
        for layer in layers:
            path = workdir / f"{layer.key}.tif"
            rows = int(windows[0].height) if layer.compressed else None
            count, descriptions = len(layer.band_names), list(layer.descriptions)
            out.add(layer.key, path, count, layer.dtype, layer.nodata, descriptions, strip_rows=rows)

        def write(w: Window, arrays: dict[str, np.ndarray]) -> None:
            stats.add(arrays["CLEAR_LST"])
            for layer in layers:
                out.write(layer.key, arrays[layer.key], w)

        def compute(w: Window) -> dict[str, np.ndarray]:
            with _gdal_env(None):  # this worker's reads decode their tiles on every core
                return _compute_block(ctx, w)

        # neighbouring windows (on different threads) share source tiles: decode each tile once, through
        # one handle per file (products.raster_access.RasterCache.shared)
        shared = getattr(ctx.scene, "shared_reads", None)
        try:
            with shared() if shared is not None and threads > 1 else contextlib.nullcontext():
                run(windows, compute, progress, threads=threads, consume=write)
        finally:
            if ctx.vnir_layer is not None:
                ctx.vnir_layer.close()  # its read handles (VnirLayer.read)
        return {**out.paths, **done}, stats, windows


def produce(
    product,
    aoi: Aoi | None,
    options: LstOptions | None = None,
    workdir: str | Path | None = None,
    progress: Progress | None = None,
) -> ProductResult:
    """Produce LST and its companions for ``aoi`` of ``product`` (path or Scene) into ``workdir``."""
    options = options or LstOptions()
    progress = ensure(progress)
    started = datetime.now(timezone.utc)
    created = workdir is None or not Path(workdir).exists()
    workdir = Path(tempfile.mkdtemp(prefix="lststudio_")) if workdir is None else Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    before = set(workdir.iterdir())
    with bounded_heap():  # glibc's mmap threshold for this run only, restored after (core.memory)
        scene, own = None, False
        try:
            scene, own = _open(product)
            with _gdal_env():
                result = _produce(scene, aoi, options, workdir, progress, started)
        except BaseException as exc:
            full = output_failure(workdir, exc)  # disk full, read-only: our one-line error, judged first
            if created:
                shutil.rmtree(workdir, ignore_errors=True)
            else:
                for p in set(workdir.iterdir()) - before:
                    shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
            if full is not None:
                raise full from exc
            raise
        finally:
            if own and scene is not None:
                scene.close()
    return result


def _gdal_env(cache_mb: int | None = GDAL_CACHE_MB) -> rasterio.Env:
    """GDAL settings of a run, entered on every thread that reads (rasterio keeps them per thread).

    GDAL's block cache defaults to 5 % of RAM: bound it, it counts against the memory budget.
    GDAL_NUM_THREADS: a read touching many tiles decodes them on every core (GDAL >= 3.6; the serial mask
    passes read a full-width strip of seven LZW bands 1.5x faster); the block loop's workers enter it too:
    their reads of a shared handle take turns (``SceneBase.shared_reads``), so each decodes on every core."""
    if cache_mb is None:  # GDAL_CACHEMAX is process-wide (GDALSetCacheMax): only the main thread sets it
        return rasterio.Env(GDAL_NUM_THREADS="ALL_CPUS")
    return rasterio.Env(GDAL_CACHEMAX=cache_mb * 2**20, GDAL_NUM_THREADS="ALL_CPUS")


def _masks_and_ard(
    scene,
    aw,
    valid,
    options,
    progress: Progress,
    land_cover,
    dem,
    workdir: Path,
    threads: int,
    vnir_layer=None,
):
    """(masks, CEOS-ARD layers): two independent steps, side by side on two threads when ``threads`` > 1;
    the masks' pass 1 writes ``vnir_layer`` (core.vnir_layer).

    The masks' strip passes use every core; their long serial steps (labelling, shadow matching,
    distance) use one. The ARD layers (angle resampling, acquisition time) need neither masks nor LST:
    they start when the masks' pass 1 has read the scene (``strips_done``) and fill the other core. They
    are written with the AOI/footprint no-data; the no-data only the masks find is added afterwards."""
    strips_done = threading.Event()

    def masks_step(p: Progress):
        with _gdal_env(None):  # this thread's GDAL settings
            try:
                # the strip passes on every core (masks.compute_masks: same result for any count)
                return compute_aoi_masks(
                    scene, aw, valid, options.masks, p, land_cover, dem, threads, strips_done.set,
                    scratch_dir=scratch, optical_sink=vnir_layer,
                )  # fmt: skip
            finally:
                strips_done.set()  # also when the masks fail: the ARD step stops at its next check
                getattr(scene, "forget_blocks", lambda: None)()  # the masks' last strip (this thread's)

    ard: list[ArdLayers] = []

    def ard_step(p: Progress) -> None:
        while not strips_done.wait(0.25):
            p.update(0.0)  # lets ``beside`` report the masks' progress; raises on cancel or failure
            p.check()
        nodata = lambda w: ~valid[_slices(w)]  # noqa: E731
        ard.append(write_ard_layers(scene, aw.grid, aw.window, workdir, nodata, tau_pixel=True, progress=p))

    # the masks' temporary files (masks._Spill, ~1.3 GB for a full scene) in a work folder of this process
    # beside the run's own files: one a killed run left is removed by the next run in the folder
    with private_work_folder(workdir, "masks") as scratch:
        if threads > 1:
            masks = beside(masks_step, ard_step, progress)
        else:
            masks = masks_step(progress)
            ard_step(Progress(None, lambda: progress.cancelled))
    masks_nodata = (np.asarray(masks.qa) & np.uint16(1 << QA_BIT["nodata"])) > 0
    mask_ard_layers(ard[0], masks_nodata & valid)  # QA's nodata bit: the masks' and ~valid (_compute_block)
    return masks, ard[0]


def _footprint_and_masks(
    scene,
    aw,
    retrieval,
    options,
    progress: Progress,
    warnings: list,
    seconds: dict,
    workdir: Path,
    threads: int,
    vnir: list[str],
):
    """Valid pixels, ancillary maps, masks and CEOS-ARD layers (and the image-based water vapour, which
    needs the masks).

    Returns (valid, land_cover, dem metadata, masks, ard, the VNIR layer of ``vnir`` the masks wrote or
    None); progress 0.01-0.35 of ``progress``."""
    t0 = time.perf_counter()
    valid = _valid_mask(scene, aw, retrieval.bands, progress.sub(0.01, 0.08))
    seconds["footprint"] = time.perf_counter() - t0
    if not valid.any():
        raise LstError(
            msg(
                "{path}: no thermal data inside the AOI (all pixels are fill or outside the footprint)",
                path=scene.path,
            )
        )
    land_cover, dem = read_ancillary(options, aw, valid, scene.is_day, warnings)
    t0 = time.perf_counter()
    # on failure ``produce`` removes it with the run's other new files
    layer = VnirLayer(workdir / "VNIR.tif", aw, valid, tuple(vnir)) if vnir else None
    masks, ard = _masks_and_ard(
        scene, aw, valid, options, progress.sub(0.08, 0.35), land_cover, dem, workdir, threads, layer
    )
    if layer is not None and not layer.finish():  # no day masks: the block loop writes the layer
        layer.discard()
        layer = None
    dem_meta = dem.describe() if dem is not None else None
    dem = None  # the masks were its only user: free it before the LST blocks
    if retrieval.needs_image_w:  # image-based water vapour over clear land (core.water_vapour)
        clear_land = (
            valid & (masks.cloud_mask == 0) & ~np.asarray(masks.water, bool) & ~np.asarray(masks.snow, bool)
        )
        warnings += retrieval.prepare(
            lambda b, win: filled_float32(scene.radiance(b, _scene_window(aw, win))),
            clear_land,
            aw.grid.res[0],
        )
    seconds["masks_and_ard_layers"] = time.perf_counter() - t0
    return valid, land_cover, dem_meta, masks, ard, layer


def _produce(scene, aoi, options, workdir: Path, progress: Progress, started) -> ProductResult:
    warnings: list[str] = list(getattr(scene, "warnings", []) or [])
    aw = output_window(scene.grid, aoi)
    warnings += aw.warnings
    retrieval = decide(scene, options, warnings, aw.grid)
    progress.update(0.01)

    seconds: dict[str, float] = {}
    threads = thread_count(getattr(options, "threads", None))
    cache_mb = _gdal_cache_mb(scene, aw, threads)
    with rasterio.Env(GDAL_CACHEMAX=cache_mb * 2**20):  # global in GDAL: every thread's reads share it
        vnir = _vnir_bands(scene, options)
        valid, land_cover, dem_meta, masks, ard, vnir_layer = _footprint_and_masks(
            scene, aw, retrieval, options, progress, warnings, seconds, workdir, threads, vnir
        )
        t0 = time.perf_counter()
        _trim_heap()
        geometric, tiepoints_path = _geometric(
            scene, aw, masks, options, progress.sub(0.35, 0.45), warnings, workdir
        )

        grid = aw.grid
        layers = _layers(retrieval.bands, vnir)
        ctx = _BlockContext(
            scene, aw, valid, masks, retrieval, land_cover, [] if vnir_layer else vnir, vnir_layer
        )
        seconds["geometric"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        paths, stats, windows = _write_blocks(
            ctx, layers, workdir, options, threads, progress.sub(0.45, 0.99), cache_mb
        )
        seconds["lst_blocks"] = time.perf_counter() - t0

    lst_stats = stats.result()
    percentages = dict(getattr(masks, "percentages", {}) or {})
    warnings += _no_clear_pixel(lst_stats, percentages)
    metadata = {
        "scene": _scene_metadata(scene),
        "aoi": _aoi_metadata(aoi, aw),
        "algorithm": _algorithm_metadata(retrieval, options),
        "atmosphere": retrieval.atmosphere.metadata(),
        "emissivity": emis.describe(
            retrieval.emissivity_method, not scene.is_day, retrieval.emissivity_constant, retrieval.bands
        ),
        "masks": _mask_metadata(masks, percentages, options, scene.is_day),
        "lst_stats": lst_stats,
        "warnings": warnings,
        "processing": {
            "software": "LST Studio",
            "version": plugin_version(),
            "started": _iso(started),
            "finished": _iso(datetime.now(timezone.utc)),
            "blocks": len(windows),
            "threads": threads,
            "memory_budget_mb": options.memory_budget_mb,
            "gdal_cache_mb": cache_mb,
            "seconds": {k: round(v, 2) for k, v in seconds.items()},
        },
    }
    if geometric is not None:
        metadata["geometric"] = geometric
    if dem_meta is not None:
        metadata["dem"] = dem_meta
    if land_cover is not None:
        metadata["land_cover"] = land_cover.describe()
        if retrieval.emissivity_method != "constant":
            metadata["emissivity"]["land_cover"] = landcover.describe_use(
                retrieval.emissivity_method, retrieval.bands
            )
    band_names = {layer.key: list(layer.band_names) for layer in layers}
    files = {"TIEPOINTS": tiepoints_path} if tiepoints_path else {}
    result = ProductResult(grid, workdir, paths, band_names, files, metadata)
    finish_ard_layers(scene, result, ard)  # CEOS-ARD companions: angles, time, sensor; saves the result
    progress.update(1.0)
    return result


def _no_clear_pixel(lst_stats: dict, percentages: dict) -> list[str]:
    """The warning of a run without a clear pixel (none when there is one)."""
    if lst_stats["valid_pixels"]:
        return []
    return [
        msg(
            "No clear pixel in the AOI (cloud {cloud:.1f} %): "
            "LST statistics are empty; LST values under clouds are not surface temperatures",
            cloud=percentages.get("cloud", float("nan")),
        )
    ]


def _vnir_bands(scene, options) -> list[str]:
    """The optical bands written as the VNIR layer (by day, when asked for)."""
    return [b for b in REFLECTIVE_BANDS if b in scene.bands] if options.write_vnir and scene.is_day else []


def _mask_metadata(masks, percentages: dict, options, is_day: bool) -> dict[str, Any]:
    meta = dict(getattr(masks, "metadata", {}) or {})
    meta["percentages"] = percentages
    meta.setdefault("night_mode", not is_day)
    meta.setdefault(
        "buffers",
        {
            "cloud_px": options.masks.cloud_buffer_px,
            "shadow_px": options.masks.shadow_buffer_px,
            "snow_px": options.masks.snow_buffer_px,
        },
    )
    return meta


def _algorithm_metadata(retrieval, options) -> dict[str, Any]:
    return {
        "name": retrieval.algorithm,
        "requested": options.algorithm,
        "citation": ALGORITHM_CITATIONS[retrieval.algorithm],
        "inputs": retrieval.inputs_metadata(),
        "bands": retrieval.bands,
        "cloudy_pixels": "LST kept under clouds; see CLOUD_MASK/QA; statistics over clear pixels only",
        "uncertainty": {
            "method": "first-order propagation (noise, calibration, emissivity, atmosphere, model, "
            "cloud adjacency)",
            "nedt_k": unc.NEDT_K,
            "calibration_k": unc.CALIBRATION_K,
            "emissivity_band_correlation": unc.RHO_EPS,
            "sc_model_k": unc.SC_MODEL_DESCRIPTION,
            "sw_model_k": unc.SW_MODEL_DESCRIPTION,
            "adjacency": f"{unc.ADJACENCY_K} K exp(-d / {unc.ADJACENCY_KM} km)",
        },
    }
