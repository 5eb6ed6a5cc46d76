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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
from rasterio.windows import Window

from . import atmosphere as atm_mod
from . import emissivity as emis
from . import landcover, terrain
from . import lst as lst_mod
from . import uncertainty as unc
from .aoi import AoiWindow, output_window, transform_geometry
from .blocks import outputs, plan_windows, run
from .errors import LstError, ProductError
from .geoverify import measure_alignment
from .masks import compute_masks
from .options import EMISSIVITY_METHODS, Aoi, LstOptions
from .products.gver import write_gver
from .products.scene import REFLECTIVE_BANDS, Scene
from .progress import Progress, ensure
from .quality import CLOUD_MASK_NODATA, QA_BIT, SCL_NODATA
from .radiometry import brightness_temperature, ndvi
from .result import ProductResult
from .version import plugin_version

log = logging.getLogger(__name__)

# Working set of one block, bytes per output pixel (float64 temporaries of the retrieval and the
# uncertainty, two thermal bands, red/NIR, the VNIR bands written, mask slices); measured generously.
BYTES_PER_PIXEL = 480
GDAL_CACHE_MB = 64  # strips are read once, in order: a small block cache is enough
HIST_MIN_K, HIST_MAX_K, HIST_STEP_K = 150.0, 400.0, 0.01  # lst_stats median from a 0.01 K histogram

ALGORITHM_CITATIONS = {
    "RTE": lst_mod.RTE_CITATION,
    "SC": "Generalized single-channel: Jiménez-Muñoz & Sobrino 2003, doi:10.1029/2003JD003480; "
    "B10 coefficients: " + lst_mod.JM2014,
    "SW": "Split-window: " + lst_mod.JM2014,
}


@dataclass
class BlockInputs:
    """Everything the retrieval needs for one block (arrays of the same shape, NaN = no data)."""

    radiance: dict[str, np.ndarray]  # per thermal band used
    red: np.ndarray | None
    nir: np.ndarray | None
    water: np.ndarray | None
    snow: np.ndarray | None
    cloud_distance_km: np.ndarray | None
    valid: np.ndarray
    land_cover: np.ndarray | None = None  # ESA WorldCover codes (core.landcover), 0 unknown


@dataclass
class Retrieval:
    """Scene-wide settings of the retrieval (what the metadata reports)."""

    algorithm: str
    bands: list[str]
    k: dict[str, tuple[float, float]]  # K1, K2 per band
    atmosphere: atm_mod.Atmosphere
    emissivity_method: str  # ndvi_threshold | classes | constant
    emissivity_constant: float | None = None

    def emissivity(self, b: BlockInputs) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        shape = b.valid.shape
        eps, sig = {}, {}
        nd = None
        if self.emissivity_method == "ndvi_threshold":
            nd = ndvi(b.red, b.nir)
        for band in self.bands:
            if self.emissivity_method == "constant":
                e, s = emis.constant(shape, self.emissivity_constant)
            elif self.emissivity_method == "ndvi_threshold":
                e, s = emis.ndvi_threshold(nd, b.red, band)
            else:
                e, s = emis.from_classes(shape, band)
            if self.emissivity_method != "constant":
                if b.land_cover is not None:
                    landcover.apply(e, s, band, b.land_cover, self.emissivity_method)
                emis.apply_water_snow(e, s, band, b.water, b.snow)
            eps[band], sig[band] = e, s
        return eps, sig

    def compute(self, b: BlockInputs) -> dict[str, np.ndarray]:
        """LST, its uncertainty and the emissivities of one block (float32, NaN where not retrieved)."""
        eps, sig = self.emissivity(b)
        atm = self.atmosphere
        k1, k2 = self.k["lwir11"]
        L10 = b.radiance["lwir11"]
        if self.algorithm == "RTE":
            tau, lu, ld = atm.transmittance["lwir11"], atm.upwelling["lwir11"], atm.downwelling["lwir11"]
            ts = lst_mod.rte(L10, eps["lwir11"], tau, lu, ld, k1, k2)
            comps = unc.rte_components(
                L10,
                eps["lwir11"],
                sig["lwir11"],
                tau,
                lu,
                ld,
                atm.profile_sigma("lwir11"),
                k1,
                k2,
                correlations=(atm_mod.RHO_TAU_LU, atm_mod.RHO_TAU_LD, atm_mod.RHO_LU_LD),
            )
        elif self.algorithm == "SC":
            w = atm.water_vapour_gcm2
            ts = lst_mod.single_channel(L10, eps["lwir11"], w, k1, k2)
            comps = unc.sc_components(L10, eps["lwir11"], sig["lwir11"], w, atm.water_vapour_sigma, k1, k2)
        else:
            w = atm.water_vapour_gcm2
            t10 = brightness_temperature(L10, k1, k2)
            t11 = brightness_temperature(b.radiance["lwir12"], *self.k["lwir12"])
            ts = lst_mod.split_window(t10, t11, eps["lwir11"], eps["lwir12"], w)
            comps = unc.sw_components(
                t10,
                t11,
                eps["lwir11"],
                eps["lwir12"],
                sig["lwir11"],
                sig["lwir12"],
                w,
                atm.water_vapour_sigma,
            )
        sigma = comps["total"]
        if b.cloud_distance_km is not None:
            sigma = np.hypot(sigma, unc.adjacency_sigma(b.cloud_distance_km))
        ts = np.where(b.valid & np.isfinite(ts) & np.isfinite(sigma), ts, np.nan).astype(np.float32)
        sigma = np.where(np.isfinite(ts), sigma, np.nan).astype(np.float32)
        out = {"LST": ts, "LST_UNCERTAINTY": sigma}
        for band in self.bands:
            out[f"EMISSIVITY:{band}"] = np.where(b.valid, eps[band], np.nan).astype(np.float32)
            out[f"EMISSIVITY_UNCERTAINTY:{band}"] = np.where(b.valid, sig[band], np.nan).astype(np.float32)
        return out


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


def _thermal_constants(scene: Scene, band: str) -> tuple[float, float]:
    b = scene.bands.get(band)
    if b is None:
        raise ProductError(scene.path, band, "thermal band missing: expected it in the product")
    if not b.usable:
        raise ProductError(scene.path, band, f"thermal band unusable: {b.unusable_reason or 'see product'}")
    if not b.k1 or not b.k2:
        raise ProductError(scene.path, f"{band} K1/K2", "missing thermal constants: expected K1 > 0, K2 > 0")
    return float(b.k1), float(b.k2)


def _band_usable(scene: Scene, band: str) -> bool:
    b = scene.bands.get(band)
    return bool(b is not None and b.usable and b.k1 and b.k2)


def _scene_centre_lonlat(scene: Scene) -> tuple[float, float]:
    ring = scene.footprint_lonlat or []
    if ring:
        pts = ring[:-1] if len(ring) > 1 and tuple(ring[0]) == tuple(ring[-1]) else ring
        return float(np.mean([p[0] for p in pts])), float(np.mean([p[1] for p in pts]))
    x0, y0, x1, y1 = scene.grid.bounds
    from pyproj import Transformer

    lon, lat = Transformer.from_crs(scene.grid.crs, "EPSG:4326", always_xy=True).transform(
        (x0 + x1) / 2, (y0 + y1) / 2
    )
    return float(lon), float(lat)


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


def _decide(scene: Scene, options: LstOptions, warnings: list[str]) -> Retrieval:
    if options.algorithm not in ("auto", "RTE", "SW", "SC"):
        raise LstError(f"options.algorithm: expected auto, RTE, SW or SC, got {options.algorithm!r}")
    lwir12 = _band_usable(scene, "lwir12")
    algorithm = lst_mod.choose_algorithm(options.algorithm, options.atmosphere.has_profile, lwir12)
    bands = ["lwir11", "lwir12"] if algorithm == "SW" else ["lwir11"]
    if algorithm == "SW" and not lwir12:
        _thermal_constants(scene, "lwir12")  # raises the precise ProductError
    k = {b: _thermal_constants(scene, b) for b in bands}
    if options.algorithm == "auto" and algorithm == "SC" and "lwir12" in scene.bands:
        warnings.append("Band lwir12 unusable: single-channel algorithm used instead of split-window")
    lon, lat = _scene_centre_lonlat(scene)
    try:
        atmosphere = atm_mod.resolve(options.atmosphere, lat, scene.acquisition_datetime.month)
    except ValueError as exc:
        raise LstError(str(exc)) from exc
    uses_w = algorithm in ("SC", "SW") or atmosphere.profile_source != "user profile"
    if uses_w and "climatology" in atmosphere.source + atmosphere.description:
        warnings.append(
            f"No water vapour given: climatological {atmosphere.water_vapour_gcm2:.2f} g/cm² "
            f"({atmosphere.source}; {atmosphere.description}); uncertainty is large"
        )
    if algorithm == "RTE" and atmosphere.profile_source != "user profile":
        warnings.append("RTE without a user profile: B10 τ/L↑/L↓ derived from water vapour (JM 2014 ψ)")
    if algorithm in ("SC", "SW") and (atmosphere.water_vapour_gcm2 or 0) > 3.0:
        warnings.append(
            f"Water vapour {atmosphere.water_vapour_gcm2:.2f} g/cm² > 3: {algorithm} errors grow quickly "
            "(JM 2014); prefer RTE with a profile"
        )
    if scene.platform.upper().replace("_", "-").startswith("LANDSAT-9") and algorithm in ("SC", "SW"):
        warnings.append("Landsat-9: JM 2014 coefficients are those of Landsat-8 TIRS (no published L9 set)")

    method = options.emissivity.method
    if method not in EMISSIVITY_METHODS:
        raise LstError(f"options.emissivity.method: expected one of {EMISSIVITY_METHODS}, got {method!r}")
    if method == "constant":
        if options.emissivity.constant is None or not 0.5 < options.emissivity.constant <= 1.0:
            raise LstError(
                f"options.emissivity.constant: expected a value in (0.5, 1], got {options.emissivity.constant}"
            )
    elif method == "ndvi_threshold":
        has_vnir = all(b in scene.bands and scene.bands[b].usable for b in ("red", "nir08"))
        if not scene.is_day or not has_vnir:
            why = "night scene" if not scene.is_day else "no usable red/NIR band"
            warnings.append(f"Emissivity from land-cover classes ({why}): NDVI threshold method needs VNIR")
            method = "classes"
    return Retrieval(algorithm, bands, k, atmosphere, method, options.emissivity.constant)


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
    retrieval = _decide(scene, options, warnings)
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
    algorithm_inputs: dict[str, Any] = {"water_vapour_gcm2": atm.water_vapour_gcm2}
    if retrieval.algorithm == "RTE":
        algorithm_inputs.update(
            transmittance=atm.transmittance["lwir11"],
            upwelling=atm.upwelling["lwir11"],
            downwelling=atm.downwelling["lwir11"],
            profile_source=atm.profile_source,
        )
    elif retrieval.algorithm == "SC":
        algorithm_inputs.update(psi_coefficients=lst_mod.SC_PSI_B10, b_gamma=lst_mod.SC_B_GAMMA_B10)
    else:
        algorithm_inputs.update(
            coefficients=dict(zip(("c0", "c1", "c2", "c3", "c4", "c5", "c6"), lst_mod.SW_C))
        )
    algorithm_inputs["thermal_constants"] = {b: {"K1": k[0], "K2": k[1]} for b, k in retrieval.k.items()}
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
