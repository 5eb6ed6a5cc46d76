"""One scene + AOI + options -> LST, uncertainty, emissivity, masks and QA rasters in a result folder.

Steps: open the product -> output window from the AOI (core.aoi) -> valid pixels (AOI and thermal
footprint) -> masks for the whole window (core.masks) -> optional geometric verification -> block loop
(core.blocks): radiance/BT, NDVI, emissivity (water/snow from the masks), LST and its 1-sigma uncertainty,
QA bit ``lst_not_retrieved`` -> tiled float32 GeoTIFFs in ``workdir`` -> ``result.json``.

Cloudy pixels: LST is computed wherever the thermal signal is valid, also under clouds (it is then the
cloud-top or a mixed temperature, meaningless as a surface temperature); the CLOUD_MASK, SCL and QA layers
say which pixels are contaminated, following the constellr deliverable convention, and ``lst_stats`` are
computed over clear pixels only (CLOUD_MASK == 0). Pixels outside the AOI or the footprint are NaN, and
so are pixels where a thermal band used is saturated (the radiance only bounds the temperature from
below); both get the QA bit ``lst_not_retrieved``.

On cancel or error every file this run wrote is removed (and ``workdir`` itself when this run created it).
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
from rasterio.windows import Window

from . import emissivity as emis
from . import landcover, terrain
from . import uncertainty as unc
from .aoi import AoiWindow, output_window, transform_geometry
from .blocks import outputs, plan_windows, run
from .errors import LstError
from .geoverify import measure_alignment
from .masks import compute_masks
from .options import Aoi, LstOptions
from .products.gver import write_gver
from .products.scene import REFLECTIVE_BANDS, Scene
from .progress import Progress, ensure
from .quality import CLOUD_MASK_NODATA, QA_BIT, SCL_NODATA
from .result import ProductResult
from .retrieval import ALGORITHM_CITATIONS, BlockInputs, decide
from .version import plugin_version

log = logging.getLogger(__name__)

# Working set of one block, bytes per output pixel (float64 temporaries of the retrieval and the
# uncertainty, two thermal bands, red/NIR, the VNIR bands written, mask slices); measured generously.
BYTES_PER_PIXEL = 480
GDAL_CACHE_MB = 64  # strips are read once, in order: a small block cache is enough
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
    if isinstance(product, str | Path):
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


def _valid_mask(scene: Scene, aw: AoiWindow, bands: list[str], progress: Progress) -> np.ndarray:
    """AOI and thermal footprint (every band used has data), read strip by strip."""
    valid = aw.inside.copy()
    wins = plan_windows(aw.grid.width, aw.grid.height, 64, 128, max_rows=256)

    def one(w: Window) -> None:
        sw = _scene_window(aw, w)
        sl = _slices(w)
        for band in bands:
            valid[sl] &= ~np.ma.getmaskarray(scene.read(band, sw))

    run(wins, one, progress)
    return valid


def _scene_window(aw: AoiWindow, w: Window) -> Window:
    return Window(aw.window.col_off + w.col_off, aw.window.row_off + w.row_off, w.width, w.height)


def _slices(w: Window) -> tuple[slice, slice]:
    r, c = int(w.row_off), int(w.col_off)
    return slice(r, r + int(w.height)), slice(c, c + int(w.width))


def _masks(scene, aw, valid, options, progress, warnings, land_cover, dem):
    codes = land_cover.codes if land_cover is not None else None
    elevation = dem.elevation if dem is not None else None
    return compute_masks(
        scene,
        aw.window,
        valid,
        options.masks,
        progress,
        aoi_mask=aw.inside,
        land_cover=codes,
        dem=elevation,
    )


def _geometric(scene, aw, masks, options, progress, warnings, workdir) -> tuple[dict | None, Path | None]:
    if not options.geometric_verification:
        return None, None
    # Snow edges move with melt and illumination, not with the sensor: like clouds they make false
    # "displacements", so chips on snow are left out too.
    excluded = np.where(masks.snow, np.uint8(1), masks.cloud_mask)
    try:
        al = measure_alignment(scene, window=aw.window, cloud_mask=excluded, progress=progress)
        path = write_gver(al.tiepoints, Path(workdir) / "GVER_REL.json", "REL") if al.tiepoints else None
        return al.summary(), path
    except LstError as exc:
        warnings.append(f"Geometric verification failed: {exc}")
        return None, None


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
    started = datetime.now(UTC)
    created = workdir is None or not Path(workdir).exists()
    workdir = Path(tempfile.mkdtemp(prefix="lststudio_")) if workdir is None else Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    before = set(workdir.iterdir())
    _bound_heap()
    scene, own = None, False
    try:
        scene, own = _open(product)
        # GDAL's block cache defaults to 5 % of RAM: bound it, it counts against the memory budget
        with rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB * 1024 * 1024):
            result = _produce(scene, aoi, options, workdir, progress, started)
    except BaseException:
        if created:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            for p in set(workdir.iterdir()) - before:
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        raise
    finally:
        if own and scene is not None:
            scene.close()
    return result


def _produce(scene, aoi, options, workdir: Path, progress: Progress, started) -> ProductResult:
    warnings: list[str] = list(getattr(scene, "warnings", []) or [])
    aw = output_window(scene.grid, aoi)
    warnings += aw.warnings
    retrieval = decide(scene, options, warnings)
    progress.update(0.01)

    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    valid = _valid_mask(scene, aw, retrieval.bands, progress.sub(0.01, 0.08))
    seconds["footprint"] = time.perf_counter() - t0
    if not valid.any():
        raise LstError(
            f"{scene.path}: no thermal data inside the AOI (all pixels are fill or outside the footprint)"
        )
    land_cover = dem = None
    if options.land_cover:
        land_cover = landcover.read_land_cover(options.land_cover, aw.grid, inside=valid)
        warnings += land_cover.warnings
    if options.dem and scene.is_day:
        warnings.append("Elevation model not read: only the night cloud test uses it")
    elif options.dem:
        dem = terrain.read_dem(options.dem, aw.grid, inside=valid)
        warnings += dem.warnings
    t0 = time.perf_counter()
    masks = _masks(scene, aw, valid, options, progress.sub(0.08, 0.35), warnings, land_cover, dem)
    dem_meta = dem.describe() if dem is not None else None
    dem = None  # the masks were its only user: free it before the LST blocks
    seconds["masks"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    _trim_heap()
    geometric, tiepoints_path = _geometric(
        scene, aw, masks, options, progress.sub(0.35, 0.45), warnings, workdir
    )

    vnir = [b for b in REFLECTIVE_BANDS if b in scene.bands] if options.write_vnir and scene.is_day else []
    grid = aw.grid
    stats = _Stats()
    # one retrieval per pixel and the bits it sets: QA is updated in place then written per block
    qa_nr = np.uint16(1 << QA_BIT["lst_not_retrieved"])
    qa_nd = np.uint16(1 << QA_BIT["nodata"])
    sat_bits = np.uint16(sum(1 << QA_BIT[f"saturated_{b}"] for b in retrieval.bands))
    with outputs(grid) as out:
        out.add("LST", workdir / "LST.tif", 1, "float32", float("nan"), ["LST"])
        out.add("LST_UNCERTAINTY", workdir / "LST_UNCERTAINTY.tif", 1, "float32", float("nan"), ["sigma"])
        out.add(
            "EMISSIVITY",
            workdir / "EMISSIVITY.tif",
            len(retrieval.bands),
            "float32",
            float("nan"),
            retrieval.bands,
        )
        out.add(
            "EMISSIVITY_UNCERTAINTY",
            workdir / "EMISSIVITY_UNCERTAINTY.tif",
            len(retrieval.bands),
            "float32",
            float("nan"),
            retrieval.bands,
        )
        out.add("CLOUD_MASK", workdir / "CLOUD_MASK.tif", 1, "uint8", CLOUD_MASK_NODATA, ["cloud_mask"])
        out.add("SCL", workdir / "SCL.tif", 1, "uint8", SCL_NODATA, ["scl"])
        out.add("QA", workdir / "QA.tif", 1, "uint16", None, ["qa"])
        out.add(
            "CLOUD_DISTANCE",
            workdir / "CLOUD_DISTANCE.tif",
            1,
            "float32",
            float("nan"),
            ["cloud_distance_km"],
        )
        if vnir:
            out.add("VNIR", workdir / "VNIR.tif", len(vnir), "float32", float("nan"), vnir)

        def block(w: Window) -> None:
            sw, sl = _scene_window(aw, w), _slices(w)
            v = valid[sl]
            ndvi_bands = ["red", "nir08"] if retrieval.emissivity_method == "ndvi_threshold" else []
            refl = {b: _filled(scene.read(b, sw)) for b in dict.fromkeys(ndvi_bands + vnir)}
            inputs = BlockInputs(
                radiance={b: _filled(scene.radiance(b, sw)) for b in retrieval.bands},
                red=refl.get("red") if ndvi_bands else None,
                nir=refl.get("nir08") if ndvi_bands else None,
                water=np.asarray(masks.water[sl], dtype=bool),
                snow=np.asarray(masks.snow[sl], dtype=bool),
                cloud_distance_km=np.asarray(masks.cloud_distance_km[sl], dtype=np.float32),
                valid=v,
                land_cover=land_cover.codes[sl] if land_cover is not None else None,
            )
            res = retrieval.compute(inputs)
            lst = res["LST"]
            qa = masks.qa[sl] | np.where(v, 0, qa_nd).astype(np.uint16)
            # a saturated thermal band only bounds the temperature from below: no LST there
            saturated = (qa & sat_bits) > 0
            lst[saturated] = np.nan
            res["LST_UNCERTAINTY"][saturated] = np.nan
            qa |= np.where(np.isnan(lst), qa_nr, 0).astype(np.uint16)
            cm = masks.cloud_mask[sl]
            clear = np.isfinite(lst) & (cm == 0)
            stats.add(lst[clear])
            out.write("LST", lst, w)
            out.write("LST_UNCERTAINTY", res["LST_UNCERTAINTY"], w)
            for key in ("EMISSIVITY", "EMISSIVITY_UNCERTAINTY"):
                out.write(key, np.stack([res[f"{key}:{b}"] for b in retrieval.bands]), w)
            out.write("CLOUD_MASK", np.where(v, cm, CLOUD_MASK_NODATA), w)
            out.write("SCL", np.where(v, masks.scl[sl], SCL_NODATA), w)
            out.write("QA", qa, w)
            out.write("CLOUD_DISTANCE", np.where(v, masks.cloud_distance_km[sl], np.nan), w)
            if vnir:
                out.write("VNIR", np.stack([np.where(v, refl[b], np.nan) for b in vnir]), w)

        windows = plan_windows(
            grid.width, grid.height, BYTES_PER_PIXEL, options.memory_budget_mb, options.block_size
        )
        seconds["geometric"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        run(windows, block, progress.sub(0.45, 0.99))
        seconds["lst_blocks"] = time.perf_counter() - t0
        paths = dict(out.paths)

    lst_stats = stats.result()
    percentages = dict(getattr(masks, "percentages", {}) or {})
    if lst_stats["valid_pixels"] == 0:
        warnings.append(
            f"No clear pixel in the AOI (cloud {percentages.get('cloud', float('nan')):.1f} %): "
            "LST statistics are empty; LST values under clouds are not surface temperatures"
        )
    mask_meta = dict(getattr(masks, "metadata", {}) or {})
    mask_meta["percentages"] = percentages
    mask_meta.setdefault("night_mode", not scene.is_day)
    mask_meta.setdefault(
        "buffers",
        {
            "cloud_px": options.masks.cloud_buffer_px,
            "shadow_px": options.masks.shadow_buffer_px,
            "snow_px": options.masks.snow_buffer_px,
        },
    )
    atm = retrieval.atmosphere
    algorithm_inputs = retrieval.inputs_metadata()
    metadata = {
        "scene": _scene_metadata(scene),
        "aoi": _aoi_metadata(aoi, aw),
        "algorithm": {
            "name": retrieval.algorithm,
            "requested": options.algorithm,
            "citation": ALGORITHM_CITATIONS[retrieval.algorithm],
            "inputs": algorithm_inputs,
            "bands": retrieval.bands,
            "cloudy_pixels": "LST kept under clouds; see CLOUD_MASK/QA; statistics over clear pixels only",
            "uncertainty": {
                "method": "first-order propagation (noise, calibration, emissivity, atmosphere, model, "
                "cloud adjacency)",
                "nedt_k": unc.NEDT_K,
                "calibration_k": unc.CALIBRATION_K,
                "emissivity_band_correlation": unc.RHO_EPS,
                "sc_model_k": unc.SC_MODEL_DESCRIPTION,
                "sw_model_k": unc.SW_MODEL_SIGMA,
                "adjacency": f"{unc.ADJACENCY_K} K exp(-d / {unc.ADJACENCY_KM} km)",
            },
        },
        "atmosphere": atm.metadata(),
        "emissivity": emis.describe(
            retrieval.emissivity_method, not scene.is_day, retrieval.emissivity_constant, retrieval.bands
        ),
        "masks": mask_meta,
        "lst_stats": lst_stats,
        "warnings": warnings,
        "processing": {
            "software": "LST Studio",
            "version": plugin_version(),
            "started": _iso(started),
            "finished": _iso(datetime.now(UTC)),
            "blocks": len(windows),
            "memory_budget_mb": options.memory_budget_mb,
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
    band_names = {
        "LST": ["LST"],
        "LST_UNCERTAINTY": ["LST_UNCERTAINTY"],
        "EMISSIVITY": list(retrieval.bands),
        "EMISSIVITY_UNCERTAINTY": list(retrieval.bands),
        "CLOUD_MASK": ["CLOUD_MASK"],
        "SCL": ["SCL"],
        "QA": ["QA"],
        "CLOUD_DISTANCE": ["CLOUD_DISTANCE"],
    }
    if vnir:
        band_names["VNIR"] = vnir
    files = {"TIEPOINTS": tiepoints_path} if tiepoints_path else {}
    result = ProductResult(grid, workdir, paths, band_names, files, metadata)
    result.save()
    progress.update(1.0)
    return result


def _libc():
    import ctypes
    import ctypes.util

    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def _bound_heap() -> None:
    """Fix glibc's mmap threshold at 4 MB (M_MMAP_THRESHOLD = -3).

    glibc raises the threshold dynamically each time a large block is freed, after which block-sized
    numpy arrays come from the heap and their memory is not returned to the system: RSS then grows far
    beyond what is in use. A fixed threshold keeps large arrays in mmap, released when freed.
    """
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(-3, 4 * 1024 * 1024)


def _trim_heap() -> None:
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def _filled(a) -> np.ndarray:
    return np.ma.filled(np.ma.asarray(a).astype(np.float32), np.nan)
