"""Deterministic, physically consistent sample products: FarEarth L1C v1.3 (and Landsat C2 L1) with truth.

``write_sample(out_dir, seed=1, **options)`` writes into ``out_dir``:

- ``<ID>/`` — a FarEarth L1C v1.3 product of a Landsat-9 OLI/TIRS scene (spec-notes §1–2):
  ``<ID>.geojson``, ``<ID>_product.json`` (STAC item), ``<ID>_VNIR.tif`` (BLUE, GREEN, RED, NIR,
  SWIR1, SWIR2, CIRRUS = ids B2, B3, B4, B5, B6, B7, B9; TOA reflectance × 10 000), ``<ID>_TIR.tif``
  (TIR1, TIR2 = ids B10, B11; TOA brightness temperature × 10, K), ``<ID>_VNIR_QA.tif`` /
  ``<ID>_TIR_QA.tif`` (0 normal, 2 over-saturated, 6 over-saturated and filled), ``<ID>_ANGLES/``
  (``<ID>_SOLAR_ANGLE.tif`` band 1 zenith, band 2 azimuth; ``<ID>_<GROUP>_<BAND>_1_VIEW_ANGLE.tif``),
  ``<ID>_ANGLES.json`` (with ``angles_nan=True`` bare NaN outside the footprint, as FarEarth writes
  it; off by default because validate_farearth.py rejects non-strict JSON), ``<ID>_POINTING.json``,
  ``<ID>_GVER_ABS.json`` + ``GVER_ABS_<BAND>.png``, ``<ID>_GVER_REL.json`` +
  ``<ID>_GVER_REL/GVER_REL_<FROM>_<TO>.png``, ``<ID>_SPECTRAL_RESPONSE.csv``, ``<ID>_RGB.png``
  (``<ID>_TIR1.png`` at night). Images are Int16 COGs (LZW, 512 px blocks, nodata −9999), UTM
  zone 35 N (EPSG:32635) around 38.45 N 27.2 E, 30 m thermal grid; the imaged footprint is a
  rotated square, nodata outside. Night products (sun below the horizon) have only the TIR group.
- ``truth/`` — on the thermal grid, at the ground positions the thermal pixels observe:
  ``LST.tif`` (float32 K, NaN outside), ``EMISSIVITY.tif`` (float32, bands lwir11, lwir12),
  ``LANDCOVER.tif`` (uint8 TRUTH_* codes, 255 outside), ``CLOUDS.tif`` (uint8 0 clear, 1 thick,
  2 thin, 3 shadow, 255 outside; cloud only where detectable in principle, see model.VISIBLE_SNR),
  ``CLOUD_HEIGHT.tif`` (float32 m, thick-cloud tops, NaN elsewhere), ``CLOUD_OPACITY.tif`` (float32:
  cumulus opacity, cirrus opacity, and the clouds' largest TOA signal over the bands in noise σ),
  ``atmosphere.json``, ``tiepoints.json`` (the thermal-vs-optical shift pattern), ``sensor.json``
  (noise, saturation, quantisation), ``scene.json`` (grid, sun, class spectra and emissivities,
  cloud geometry). With a shift or an island, also ``LST_GROUND.tif``: the LST at the thermal grid's
  own pixel centres (what a perfectly co-registered product would show).
- ``ancillary/LANDCOVER_WORLDCOVER_CODES.tif`` (unless ``land_cover=False``) — a land-cover map as an
  analyst would download ESA WorldCover for the scene: uint8 WorldCover codes (10 tree cover,
  30 grassland, 50 built-up, 60 bare/sparse, 70 snow and ice, 80 water; 0 no data) in EPSG:4326 at
  1″ on a lon/lat grid covering the thermal grid plus a margin (``ancillary.py``). It is derived
  from the truth's land-cover classes at the map's own pixel centres (geography, no thermal shift),
  so it differs from ``truth/LANDCOVER.tif`` at class edges, like a real land-cover map.
- ``ancillary/DEM_ELEVATION_M.tif`` (unless ``dem=False``) — a digital elevation model as an analyst
  would download the Copernicus DEM GLO-30 or SRTM for the scene: float32 ground elevation in metres
  (nodata −9999, none written) on the land-cover map's grid (EPSG:4326, 1″), the truth's elevation
  evaluated exactly at the map's own pixel centres (geography, no thermal shift; ``ancillary.py``).
- ``LC09_L1TP_180033_<date>_<date+1>_02_T1/`` when ``landsat=True``: a USGS Collection 2 Level-1
  style product of the same truth (see ``landsat.py``).

Physics (see ``model.py`` and ``physics.py``): TOA radiance from the radiative transfer equation
L = τ·[ε·B(Ts) + (1 − ε)·Ld] + Lu with the stated atmosphere, thick clouds as black bodies at their
tops, cirrus partly opaque; BT by the inverse Planck function with the product's K1/K2, then sensor
noise (NEdT 0.07 K per TIR band, TIRS on orbit is ≈0.05 K at 300 K; reflectance noise σ = 0.0005),
then saturation, then ×10 and rounding to Int16. With ``error_sources=True`` (default off) the world
also carries the retrieval's real error sources: a scene calibration offset per TIR band, an atmosphere
off the JM2014 ψ(w) regression and within-class emissivity variability (``error_sources.py``; the draws
are in ``truth/atmosphere.json`` → ``error_sources``).

The thermal shift convention (``tir_shift_px`` = (dx, dy), columns and rows): a ground feature at
optical pixel (c, r) appears at thermal pixel (c + dx, r + dy); thermal pixel (c, r) observes the
ground at (c − dx, r − dy). The GVER_REL RED → TIR1 disparity is therefore (dx·30 m east, −dy·30 m
north). The distortion island adds (ISLAND_EXTRA_PX) × cos²(π/2 · ρ/R) inside radius R.

Everything is computed block by block (512 × 512 on the thermal grid), so a full 7800 × 7800 scene
runs in bounded memory; the same seed gives identical files.
"""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
import rasterio.shutil
from affine import Affine
from pyproj import Transformer
from rasterio.windows import Window

from . import model as _model
from . import physics
from .error_sources import ErrorSources
from .model import OPTICAL_BANDS, SceneModel
from .png import stretch, write_png

TRUTH_VEGETATION = _model.VEGETATION
TRUTH_BARE_SOIL = _model.BARE_SOIL
TRUTH_URBAN = _model.URBAN
TRUTH_WATER = _model.WATER
TRUTH_SNOW = _model.SNOW
TRUTH_OUTSIDE = _model.OUTSIDE
TRUTH_CLEAR = _model.CLEAR
TRUTH_THICK_CLOUD = _model.THICK_CLOUD
TRUTH_THIN_CLOUD = _model.THIN_CLOUD
TRUTH_CLOUD_SHADOW = _model.CLOUD_SHADOW

NODATA = -9999
BLOCK = 512
EPSG = 32635
CENTRE_LONLAT = (27.20, 38.45)
TIR_GSD = 30.0
DEFAULT_DAY = datetime(2022, 4, 12, 8, 40, 0, tzinfo=timezone.utc)
DEFAULT_NIGHT = datetime(2022, 4, 12, 19, 55, 0, tzinfo=timezone.utc)
ISLAND_EXTRA_PX = (1.5, 0.0)
ISLAND_CENTRE = (0.60, 0.62)  # fractions of the scene size
ISLAND_RADIUS = 0.09

# FarEarth band groups: (STAC common name, FarEarth band name, band id, centre nm, FWHM nm)
VNIR_BANDS = (
    ("blue", "BLUE", "B2", 482.0, 60.1),
    ("green", "GREEN", "B3", 561.4, 57.4),
    ("red", "RED", "B4", 654.6, 37.5),
    ("nir08", "NIR", "B5", 864.7, 28.3),
    ("swir16", "SWIR1", "B6", 1608.9, 84.7),
    ("swir22", "SWIR2", "B7", 2200.7, 186.7),
    ("cirrus", "CIRRUS", "B9", 1373.4, 20.4),
)
TIR_BANDS = (
    ("lwir11", "TIR1", "B10", 10900.0, 590.0),
    ("lwir12", "TIR2", "B11", 12000.0, 1010.0),
)
# Mean exo-atmospheric solar irradiance per OLI band (W m-2 um-1), Thuillier (2003, Solar Physics
# 214:1–22) spectrum convolved with the OLI relative spectral responses, as tabulated in GRASS GIS
# i.landsat.toar; used only for the radiance gain of the reflective bands.
ESUN = {
    "coastal": 1895.33,
    "blue": 2004.57,
    "green": 1820.75,
    "red": 1549.49,
    "nir08": 951.76,
    "swir16": 247.55,
    "swir22": 85.46,
    "cirrus": 366.97,
}
# Sensor range shared by both products: the Landsat C2 L1 DN range (uint16 1..65535) with the L9
# rescaling constants (algorithms.md §1.2): thermal L = ML·Q + AL, reflective ρ·sin(SE) = Mρ·Q + Aρ.
K1K2 = {b: (physics.K1[b], physics.K2[b]) for b in ("lwir11", "lwir12")}
THERMAL_RESCALING = {"lwir11": (3.8000e-4, 0.1), "lwir12": (3.4900e-4, 0.1)}
REFLECTANCE_RESCALING = (2.0e-5, -0.1)
DN_MAX = 65535


@dataclass
class SampleOptions:
    """What to generate. ``size`` is the thermal grid in pixels per side (30 m)."""

    size: int = 400
    atmosphere: str = "mid"  # "dry" (0.8 g cm-2) | "mid" (2.0) | "humid" (3.5)
    night: bool = False
    all_cloud: bool = False
    cloud_fraction: float = 0.12
    tir_shift_px: tuple[float, float] = (0.0, 0.0)
    distortion_island: bool = False
    landsat: bool = False
    acquisition: datetime | None = None  # UTC; default 2022-04-12 08:40 (day) or 19:55 (night)
    vnir_gsd: float = 30.0  # 30, or 15 to put the VNIR group on another pixel grid
    nedt_k: float = 0.07  # TIR noise per band (K, 1 σ)
    reflectance_noise: float = 0.0005  # 1 σ
    water_vapour_gcm2: float | None = None  # overrides the preset
    angles_nan: bool = False  # bare NaN outside the footprint in _ANGLES.json, as FarEarth (not strict JSON)
    # the world carries calibration, atmosphere-off-regression and emissivity errors (error_sources.py)
    error_sources: bool = False
    land_cover: bool = True  # ancillary/LANDCOVER_WORLDCOVER_CODES.tif (ancillary.py)
    dem: bool = True  # ancillary/DEM_ELEVATION_M.tif (ancillary.py)
    era5: bool = True  # ancillary/ERA5_SINGLE_LEVELS.nc, reanalysis w with a realistic error (era5.py)

    def __post_init__(self) -> None:
        if self.atmosphere not in physics.WATER_VAPOUR_PRESETS:
            raise ValueError(f"atmosphere: expected one of dry, mid, humid, got {self.atmosphere!r}")
        if int(self.size) < 32:
            raise ValueError(f"size: expected at least 32 pixels, got {self.size}")
        self.size = int(self.size)
        if float(self.vnir_gsd) not in (15.0, 30.0):
            raise ValueError(f"vnir_gsd: expected 30 or 15 m, got {self.vnir_gsd}")
        self.vnir_gsd = float(self.vnir_gsd)
        self.tir_shift_px = (float(self.tir_shift_px[0]), float(self.tir_shift_px[1]))
        if self.acquisition is not None and self.acquisition.tzinfo is None:
            self.acquisition = self.acquisition.replace(tzinfo=timezone.utc)

    @property
    def water_vapour(self) -> float:
        if self.water_vapour_gcm2 is not None:
            return float(self.water_vapour_gcm2)
        return physics.WATER_VAPOUR_PRESETS[self.atmosphere]

    @property
    def when(self) -> datetime:
        if self.acquisition is not None:
            return self.acquisition.astimezone(timezone.utc)
        return DEFAULT_NIGHT if self.night else DEFAULT_DAY


@dataclass
class SampleProduct:
    product_dir: Path
    geojson: Path
    truth_dir: Path
    landsat_dir: Path | None
    options: SampleOptions
    product_id: str = ""
    files: dict[str, Path] = field(default_factory=dict)
    land_cover: Path | None = None  # ancillary/LANDCOVER_WORLDCOVER_CODES.tif
    dem: Path | None = None  # ancillary/DEM_ELEVATION_M.tif
    era5: Path | None = None  # ancillary/ERA5_SINGLE_LEVELS.nc (current CDS NetCDF layout)


# --- geometry -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SceneGeometry:
    size: int
    transform: Affine  # thermal grid
    crs: str
    sun_zenith: float  # scene centre
    sun_azimuth: float
    earth_sun_distance: float
    when: datetime

    @property
    def sun_elevation(self) -> float:
        return 90.0 - self.sun_zenith

    def xy(self, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map coordinates of thermal-grid positions."""
        return (
            self.transform.c + np.asarray(u) * self.transform.a,
            self.transform.f + np.asarray(v) * self.transform.e,
        )


def scene_model(opts: SampleOptions, seed: int) -> tuple[SceneGeometry, SceneModel]:
    """The scene geometry and the (deterministic) land-cover/cloud model ``write_sample`` renders;
    benchmarks use it to analyse the truth (e.g. which shadow comes from clouds outside the image)."""
    geo = _geometry(opts)
    model = SceneModel(
        opts.size,
        seed,
        night=opts.night,
        all_cloud=opts.all_cloud,
        cloud_fraction=opts.cloud_fraction,
        sun_zenith=geo.sun_zenith if not opts.night else 90.0,
        sun_azimuth=geo.sun_azimuth,
    )
    return geo, model


def _geometry(opts: SampleOptions) -> SceneGeometry:
    to_utm = Transformer.from_crs("EPSG:4326", f"EPSG:{EPSG}", always_xy=True)
    cx, cy = to_utm.transform(*CENTRE_LONLAT)
    half = opts.size * TIR_GSD / 2
    x0 = round((cx - half) / TIR_GSD) * TIR_GSD
    y0 = round((cy + half) / TIR_GSD) * TIR_GSD
    transform = Affine(TIR_GSD, 0.0, x0, 0.0, -TIR_GSD, y0)
    zen, az = physics.sun_position(opts.when, np.array(CENTRE_LONLAT[0]), np.array(CENTRE_LONLAT[1]))
    zen, az = round(float(zen), 6), round(float(az), 6)
    if opts.night and zen < 90:
        raise ValueError(
            f"night=True needs an acquisition with the Sun below the horizon (zenith {zen:.1f}°)"
        )
    if not opts.night and zen >= 90:
        raise ValueError(f"the Sun is below the horizon at {opts.when.isoformat()}; use night=True")
    return SceneGeometry(
        opts.size,
        transform,
        f"EPSG:{EPSG}",
        zen,
        az,
        round(physics.earth_sun_distance(opts.when), 7),
        opts.when,
    )


def _island(opts: SampleOptions) -> dict | None:
    if not opts.distortion_island:
        return None
    n = opts.size
    return {
        "centre_col": ISLAND_CENTRE[0] * n,
        "centre_row": ISLAND_CENTRE[1] * n,
        "radius_px": max(12.0, ISLAND_RADIUS * n),
        "extra_dx_px": ISLAND_EXTRA_PX[0],
        "extra_dy_px": ISLAND_EXTRA_PX[1],
        "profile": "cos2: extra × cos²(π/2·ρ/R) for ρ < R, 0 outside",
    }


def displacement_px(
    u: np.ndarray, v: np.ndarray, shift: tuple[float, float], island: dict | None
) -> tuple[np.ndarray, np.ndarray]:
    """Thermal-vs-optical displacement (dx, dy) in pixels at thermal-grid positions (2-D arrays)."""
    uu, vv = np.broadcast_arrays(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))
    dx = np.full(uu.shape, shift[0])
    dy = np.full(uu.shape, shift[1])
    if island:
        rho = np.hypot(uu - island["centre_col"], vv - island["centre_row"]) / island["radius_px"]
        w = np.where(rho < 1, np.cos(np.pi / 2 * np.minimum(rho, 1)) ** 2, 0.0)
        dx = dx + w * island["extra_dx_px"]
        dy = dy + w * island["extra_dy_px"]
    return dx, dy


# --- raster writing -------------------------------------------------------------------------------


class _Raster:
    """A tiled GeoTIFF written block by block, optionally converted to a COG at the end."""

    def __init__(
        self, path: Path, *, count, dtype, transform, width, height, nodata, cog=True, descriptions=()
    ):
        self.path = path
        self.cog = cog
        self.tmp = path.with_name(path.name + ".tmp.tif") if cog else path
        profile = {
            "driver": "GTiff",
            "count": count,
            "dtype": dtype,
            "width": width,
            "height": height,
            "crs": f"EPSG:{EPSG}",
            "transform": transform,
            "tiled": True,
            "blockxsize": BLOCK,
            "blockysize": BLOCK,
            "interleave": "band",
        }
        if nodata is not None:
            profile["nodata"] = nodata
        if not cog:
            profile["compress"] = "lzw"
        self.ds = rasterio.open(self.tmp, "w", **profile)
        for i, d in enumerate(descriptions, start=1):
            self.ds.set_band_description(i, d)

    def write(self, data: np.ndarray, window: Window) -> None:
        if data.ndim == 2:
            data = data[None]
        self.ds.write(data.astype(self.ds.dtypes[0], copy=False), window=window)

    def close(self) -> None:
        self.ds.close()
        if self.cog:
            rasterio.shutil.copy(
                self.tmp,
                self.path,
                driver="COG",
                COMPRESS="LZW",
                BLOCKSIZE=BLOCK,
                OVERVIEW_RESAMPLING="NEAREST",
                NUM_THREADS="1",
            )
            self.tmp.unlink()


def _windows(width: int, height: int, block: int = BLOCK):
    for r in range(0, height, block):
        for c in range(0, width, block):
            yield Window(c, r, min(block, width - c), min(block, height - r))


def _noise(seed: int, stream: int, window: Window, shape: tuple[int, ...]) -> np.ndarray:
    rng = np.random.default_rng([seed, stream, int(window.row_off), int(window.col_off)])
    return rng.standard_normal(shape, dtype=np.float32)


def saturation_bt(band: str) -> float:
    """BT (K) at which the thermal band saturates (Landsat DN 65535 with the L9 rescaling)."""
    ml, al = THERMAL_RESCALING[band]
    return float(physics.inverse_planck(band, ml * DN_MAX + al))


def saturation_reflectance(sun_elevation: float) -> float:
    """TOA reflectance at which a reflective band saturates (Landsat DN 65535)."""
    m, a = REFLECTANCE_RESCALING
    return (m * DN_MAX + a) / math.sin(math.radians(sun_elevation))


# --- the main entry -------------------------------------------------------------------------------


def write_sample(out_dir: str | Path, seed: int = 1, **options: Any) -> SampleProduct:
    """Write the sample product(s) and the truth into ``out_dir`` (see the module docstring)."""
    known = {f.name for f in fields(SampleOptions)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(
            f"write_sample: unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    opts = SampleOptions(**options)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    geo, model = scene_model(opts, seed)
    product_id = _product_id(geo, opts)
    staging = out_dir / f".partial-{product_id}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        result = _write_all(staging, out_dir, product_id, seed, opts, geo, model)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def _product_id(geo: SceneGeometry, opts: SampleOptions) -> str:
    start = geo.when - timedelta(seconds=12)
    end = geo.when + timedelta(seconds=12)
    sensor = "TIRS" if opts.night else "OLI-TIRS"
    return f"LANDSAT-9_{sensor}_{start:%Y%m%dT%H%M%S}_{end:%Y%m%dT%H%M%S}_L1C_R1C1"


@dataclass
class _SampleRun:
    """What every block of the sample needs: options, scene model, atmosphere, error draws and outputs."""

    seed: int
    opts: SampleOptions
    model: SceneModel
    atm: Any
    errs: ErrorSources
    island: dict | None
    shifted: bool
    vnir30: bool
    ls: Any  # landsat.LandsatWriter or None
    rasters: dict
    stats: _Stats
    bt_sat: dict
    rho_sat: float | None
    band_index: dict
    vnir_idx: list


def _write_all(staging, out_dir, product_id, seed, opts, geo, model) -> SampleProduct:
    """Write the sample in named steps: open the rasters, every block, finer VNIR, metadata, maps, move."""
    from . import farearth, landsat  # the metadata writers

    n = opts.size
    day = not opts.night
    pdir = staging / product_id
    tdir = staging / "truth"
    pdir.mkdir()
    tdir.mkdir()
    errs = ErrorSources.draw(seed, opts.error_sources)
    atm = physics.atmosphere_for(opts.water_vapour, errs.air_temperature_offset_k)
    island = _island(opts)
    shifted = opts.tir_shift_px != (0.0, 0.0) or island is not None
    vnir30 = day and opts.vnir_gsd == 30.0
    ls = landsat.LandsatWriter(staging, geo, opts) if opts.landsat else None
    rasters, nv = _open_rasters(pdir, tdir, product_id, opts, geo.transform, shifted)
    band_index = {name: i for i, name in enumerate(OPTICAL_BANDS)}
    run = _SampleRun(
        seed,
        opts,
        model,
        atm,
        errs,
        island,
        shifted,
        vnir30,
        ls,
        rasters,
        stats=_Stats(n, nv),
        bt_sat={b: saturation_bt(b) for b in ("lwir11", "lwir12")},
        rho_sat=saturation_reflectance(geo.sun_elevation) if day else None,
        band_index=band_index,
        vnir_idx=[band_index[b[0]] for b in VNIR_BANDS],
    )
    with rasterio.Env(GDAL_CACHEMAX=256, GDAL_NUM_THREADS=1):
        for win in _windows(n, n):
            _write_block(run, win)
        if day and not vnir30:
            _write_fine_vnir(run, nv)
        for r in rasters.values():
            r.close()
        if ls is not None:
            ls.close()

    run.stats.finish()
    files = farearth.write_metadata(pdir, product_id, seed, opts, geo, model, atm, run.stats, island)
    truth = _write_truth_json(tdir, seed, opts, geo, model, atm, island, run.stats)
    landsat_meta = ls.write_metadata(run.stats) if ls is not None else None
    maps = _write_ancillary(staging, opts, geo, model, atm, seed)
    return _move_into_place(staging, out_dir, product_id, ls, maps, files, truth, landsat_meta, opts)


def _open_rasters(pdir: Path, tdir: Path, product_id: str, opts, tr, shifted: bool) -> tuple[dict, int]:
    """The product's and the truth's rasters, open for writing block by block; and the VNIR size (px)."""
    n, day = opts.size, not opts.night
    rasters: dict[str, _Raster] = {}

    def open_raster(key, path, **kw):
        rasters[key] = _Raster(path, transform=kw.pop("transform", tr), **kw)

    open_raster(
        "TIR",
        pdir / f"{product_id}_TIR.tif",
        count=2,
        dtype="int16",
        width=n,
        height=n,
        nodata=NODATA,
        descriptions=("TIR1", "TIR2"),
    )
    open_raster(
        "TIR_QA", pdir / f"{product_id}_TIR_QA.tif", count=1, dtype="uint8", width=n, height=n, nodata=None
    )
    nv = n * int(round(TIR_GSD / opts.vnir_gsd))
    vtr = Affine(opts.vnir_gsd, 0, tr.c, 0, -opts.vnir_gsd, tr.f)
    if day:
        open_raster(
            "VNIR",
            pdir / f"{product_id}_VNIR.tif",
            count=7,
            dtype="int16",
            width=nv,
            height=nv,
            nodata=NODATA,
            transform=vtr,
            descriptions=tuple(b[1] for b in VNIR_BANDS),
        )
        open_raster(
            "VNIR_QA",
            pdir / f"{product_id}_VNIR_QA.tif",
            count=1,
            dtype="uint8",
            width=nv,
            height=nv,
            nodata=None,
            transform=vtr,
        )
    tkw = {"width": n, "height": n, "cog": False}
    open_raster(
        "LST", tdir / "LST.tif", count=1, dtype="float32", nodata=float("nan"), descriptions=("LST",), **tkw
    )
    open_raster(
        "EMIS",
        tdir / "EMISSIVITY.tif",
        count=2,
        dtype="float32",
        nodata=float("nan"),
        descriptions=("lwir11", "lwir12"),
        **tkw,
    )
    open_raster("LC", tdir / "LANDCOVER.tif", count=1, dtype="uint8", nodata=TRUTH_OUTSIDE, **tkw)
    open_raster("CL", tdir / "CLOUDS.tif", count=1, dtype="uint8", nodata=TRUTH_OUTSIDE, **tkw)
    open_raster("CH", tdir / "CLOUD_HEIGHT.tif", count=1, dtype="float32", nodata=float("nan"), **tkw)
    open_raster(
        "CO",
        tdir / "CLOUD_OPACITY.tif",
        count=3,
        dtype="float32",
        nodata=float("nan"),
        descriptions=("cumulus_opacity", "cirrus_opacity", "cloud_signal_to_noise"),
        **tkw,
    )
    if shifted:
        open_raster("LSTG", tdir / "LST_GROUND.tif", count=1, dtype="float32", nodata=float("nan"), **tkw)

    return rasters, nv


def _write_block(run: _SampleRun, win: Window) -> None:
    """One window of the thermal grid: truth, thermal DNs and QA, and the optical bands on the 30 m grid."""
    seed, opts, model, atm, errs, island, ls = (
        run.seed,
        run.opts,
        run.model,
        run.atm,
        run.errs,
        run.island,
        run.ls,
    )
    rasters, stats, bt_sat, rho_sat = run.rasters, run.stats, run.bt_sat, run.rho_sat
    band_index, vnir_idx, shifted, vnir30 = run.band_index, run.vnir_idx, run.shifted, run.vnir30
    day = not opts.night
    r0, c0, h, w = int(win.row_off), int(win.col_off), int(win.height), int(win.width)
    ug = np.arange(c0, c0 + w) + 0.5
    vg = np.arange(r0, r0 + h) + 0.5
    inside = model.footprint(ug, vg)
    if shifted:
        dx, dy = displacement_px(ug[None, :], vg[:, None], opts.tir_shift_px, island)
        if island is None:
            ut, vt = ug - opts.tir_shift_px[0], vg - opts.tir_shift_px[1]
        else:
            ut, vt = ug[None, :] - dx, vg[:, None] - dy
    else:
        ut, vt = ug, vg
    gt = model.block(ut, vt)
    # --- thermal
    lst = model.lst(gt)
    e10, e11 = model.emissivity(gt)
    if opts.error_sources:
        de = errs.emissivity_offset(gt["class"], gt["u"], gt["v"])
        e10, e11 = e10 + de, e11 + de
    noise = _noise(seed, 1, win, (2, h, w))
    # the clouds' signal in noise σ, per pixel: truth cloud only where some band sees it
    cloud_snr = model.optical_cloud_snr(gt, opts.reflectance_noise) if day else np.zeros((h, w))
    bts, sat_any = [], np.zeros((h, w), bool)
    for k, (band, eps) in enumerate((("lwir11", e10), ("lwir12", e11))):
        clear = physics.at_sensor_radiance(band, lst, eps, atm.bands[band])
        rad = model.at_sensor_cloud_radiance(band, clear, gt)
        bt = physics.inverse_planck(band, rad)
        dbt = np.abs(bt - physics.inverse_planck(band, clear))
        np.maximum(cloud_snr, dbt / opts.nedt_k, out=cloud_snr)
        bt = bt + opts.nedt_k * noise[k] + errs.calibration_offset_k[band]
        sat = bt >= bt_sat[band]
        bt = np.where(sat, bt_sat[band], bt)
        sat_any |= sat
        bts.append(bt)
    cls_cloud, cloud_h = model.cloud_classes(gt, cloud_snr)
    tir_qa = np.where(sat_any, 2, 0).astype(np.uint8)
    # the hottest pixel of a saturated cluster is flagged "filled" too (a detector spike repaired)
    tir_qa[sat_any & (lst >= np.max(np.where(sat_any, lst, -np.inf)) - 1e-6)] = 6
    tir_qa[~inside] = 0
    dn = np.stack([np.round(b * 10.0) for b in bts])
    dn[:, ~inside] = NODATA
    rasters["TIR"].write(dn.astype(np.int16), win)
    rasters["TIR_QA"].write(tir_qa, win)
    rasters["LST"].write(np.where(inside, lst, np.nan).astype(np.float32), win)
    rasters["EMIS"].write(np.stack([np.where(inside, e, np.nan) for e in (e10, e11)]).astype(np.float32), win)
    rasters["LC"].write(np.where(inside, gt["class"], TRUTH_OUTSIDE).astype(np.uint8), win)
    rasters["CL"].write(np.where(inside, cls_cloud, TRUTH_OUTSIDE).astype(np.uint8), win)
    rasters["CH"].write(np.where(inside, cloud_h, np.nan).astype(np.float32), win)
    opac = np.stack([gt["alpha_c"], gt["alpha_i"], cloud_snr])
    rasters["CO"].write(np.where(inside, opac, np.nan).astype(np.float32), win)
    stats.add_thermal(win, inside, gt, cls_cloud, bts[0])
    # --- optical on the 30 m grid (FarEarth VNIR at 30 m and/or Landsat OLI)
    go = model.block(ug, vg) if shifted else gt
    if shifted:
        rasters["LSTG"].write(np.where(inside, model.lst(go), np.nan).astype(np.float32), win)
    rho = None
    if day and (vnir30 or ls is not None):
        rho = model.reflectance(go) + opts.reflectance_noise * _noise(seed, 2, win, (8, h, w))
        rho_sat_mask = rho >= rho_sat
        rho = np.where(rho_sat_mask, rho_sat, rho)
        if vnir30:
            _write_vnir(rasters, win, rho[vnir_idx], rho_sat_mask[vnir_idx], inside)
            stats.add_optical(win, inside, rho, band_index)
    if ls is not None:
        ls.write_block(win, inside, bts, bt_sat, rho, rho_sat, cls_cloud, gt["class"])


def _write_fine_vnir(run: _SampleRun, nv: int) -> None:
    """VNIR finer than 30 m (e.g. 15 m): its own loop over the finer grid."""
    seed, opts, model, rasters, stats = run.seed, run.opts, run.model, run.rasters, run.stats
    rho_sat, vnir_idx, band_index = run.rho_sat, run.vnir_idx, run.band_index
    f = int(round(TIR_GSD / opts.vnir_gsd))
    for win in _windows(nv, nv):
        r0, c0, h, w = int(win.row_off), int(win.col_off), int(win.height), int(win.width)
        uv = (np.arange(c0, c0 + w) + 0.5) / f
        vv = (np.arange(r0, r0 + h) + 0.5) / f
        inside = model.footprint(uv, vv)
        g = model.block(uv, vv)
        rho = model.reflectance(g) + opts.reflectance_noise * _noise(seed, 3, win, (8, h, w))
        sat = rho >= rho_sat
        rho = np.where(sat, rho_sat, rho)
        _write_vnir(rasters, win, rho[vnir_idx], sat[vnir_idx], inside)
        stats.add_optical(win, inside, rho, band_index, factor=f)


def _write_ancillary(staging: Path, opts, geo, model, atm, seed: int) -> dict:
    """The ancillary maps asked for (land cover, DEM, ERA5) into ``staging/ancillary``; returns the table
    ``files[] key: (wanted, file name, writer)``."""
    from . import ancillary, era5

    adir = staging / "ancillary"
    maps = {  # files[] key: (wanted, file name, writer)
        "LAND_COVER": (opts.land_cover, ancillary.LAND_COVER_FILE, ancillary.write_land_cover),
        "DEM": (opts.dem, ancillary.DEM_FILE, ancillary.write_dem),
        "ERA5": (
            opts.era5,
            era5.ERA5_FILE,
            lambda path, g, _m: era5.write_era5(path, g, atm.water_vapour_gcm2, seed, atm.near_surface_air_k),
        ),
    }
    for wanted, name, write_map in maps.values():
        if wanted:
            adir.mkdir(exist_ok=True)
            write_map(adir / name, geo, model)

    return maps


def _move_into_place(
    staging, out_dir, product_id, ls, maps, files, truth, landsat_meta, opts
) -> SampleProduct:
    """Move the staged product, truth, Landsat product and maps into ``out_dir`` (replacing an older
    sample of the same name) and describe where everything is."""
    pdir, tdir, adir = staging / product_id, staging / "truth", staging / "ancillary"
    final_product = out_dir / product_id
    final_truth = out_dir / "truth"
    for src, dst in ((pdir, final_product), (tdir, final_truth)):
        if dst.exists():
            shutil.rmtree(dst)
        src.rename(dst)
    landsat_dir = None
    if ls is not None:
        landsat_dir = out_dir / ls.name
        if landsat_dir.exists():
            shutil.rmtree(landsat_dir)
        (staging / ls.name).rename(landsat_dir)
    final_ancillary = out_dir / "ancillary"
    ancillary_files: dict[str, Path] = {}
    for key, (wanted, name, _) in maps.items():
        dst = final_ancillary / name
        if dst.exists():  # an older map belongs to an older truth
            dst.unlink()
        if wanted:
            final_ancillary.mkdir(exist_ok=True)
            (adir / name).rename(dst)
            ancillary_files[key] = dst
    if final_ancillary.is_dir() and not any(final_ancillary.iterdir()):
        final_ancillary.rmdir()
    shutil.rmtree(staging, ignore_errors=True)
    files = {k: final_product / Path(v).relative_to(pdir) for k, v in files.items()}
    files.update({k: final_truth / Path(v).name for k, v in truth.items()})
    if landsat_meta:
        files.update({k: landsat_dir / Path(v).name for k, v in landsat_meta.items()})
    files.update(ancillary_files)
    return SampleProduct(
        product_dir=final_product,
        geojson=final_product / f"{product_id}.geojson",
        truth_dir=final_truth,
        landsat_dir=landsat_dir,
        options=opts,
        product_id=product_id,
        files=files,
        land_cover=ancillary_files.get("LAND_COVER"),
        dem=ancillary_files.get("DEM"),
        era5=ancillary_files.get("ERA5"),
    )


def _write_vnir(rasters, win, rho, sat, inside) -> None:
    dn = np.round(np.clip(rho, -3.2, 3.2) * 10000.0)
    dn[:, ~inside] = NODATA
    qa = np.where(sat.any(axis=0) & inside, 2, 0).astype(np.uint8)
    rasters["VNIR"].write(dn.astype(np.int16), win)
    rasters["VNIR_QA"].write(qa, win)


class _Stats:
    """Scene statistics and decimated previews gathered while the blocks are written."""

    def __init__(self, n: int, nv: int):
        self.n = n
        self.step = max(1, math.ceil(n / 512))
        m = math.ceil(n / self.step)
        self.bt_preview = np.full((m, m), np.nan, np.float32)
        self.rgb_preview = np.full((3, m, m), np.nan, np.float32)
        self.class_preview = np.full((m, m), TRUTH_OUTSIDE, np.uint8)
        self.cloud_preview = np.full((m, m), TRUTH_OUTSIDE, np.uint8)
        self.count_inside = 0
        self.count_cloud = {TRUTH_THICK_CLOUD: 0, TRUTH_THIN_CLOUD: 0, TRUTH_CLOUD_SHADOW: 0}
        self.sum_elev = 0.0
        self.count_land = 0
        self.cloud_cover = 0.0
        self.mean_elevation = 0.0

    def _sub(self, win, factor=1):
        """Row/col indices (in the window) and preview indices of the decimated samples."""
        step = self.step * factor
        r0, c0 = int(win.row_off), int(win.col_off)
        rows = np.arange((-r0) % step, int(win.height), step)
        cols = np.arange((-c0) % step, int(win.width), step)
        return rows, cols, (r0 + rows) // step, (c0 + cols) // step

    def add_thermal(self, win, inside, g, clouds, bt10) -> None:
        self.count_inside += int(inside.sum())
        for k in self.count_cloud:
            self.count_cloud[k] += int(((clouds == k) & inside).sum())
        self.sum_elev += float(g["elev"][inside].sum())
        self.count_land += int(((g["class"] != TRUTH_WATER) & inside).sum())
        rows, cols, pr, pc = self._sub(win)
        sel = np.ix_(rows, cols)
        self.bt_preview[np.ix_(pr, pc)] = np.where(inside[sel], bt10[sel], np.nan)
        self.class_preview[np.ix_(pr, pc)] = np.where(inside[sel], g["class"][sel], TRUTH_OUTSIDE)
        self.cloud_preview[np.ix_(pr, pc)] = np.where(inside[sel], clouds[sel], TRUTH_OUTSIDE)

    def add_optical(self, win, inside, rho, band_index, factor=1) -> None:
        rows, cols, pr, pc = self._sub(win, factor)
        sel = np.ix_(rows, cols)
        for i, b in enumerate(("red", "green", "blue")):
            self.rgb_preview[i][np.ix_(pr, pc)] = np.where(inside[sel], rho[band_index[b]][sel], np.nan)

    def finish(self) -> None:
        inside = max(self.count_inside, 1)
        self.cloud_cover = (
            100.0 * (self.count_cloud[TRUTH_THICK_CLOUD] + self.count_cloud[TRUTH_THIN_CLOUD]) / inside
        )
        self.mean_elevation = self.sum_elev / inside


def _write_truth_json(tdir, seed, opts, geo, model, atm, island, stats) -> dict[str, Path]:
    out = {}
    doc = atm.to_json()
    doc["preset"] = opts.atmosphere if opts.water_vapour_gcm2 is None else "custom"
    doc["model"] = (
        "lwir11: exact inverse of the Jiménez-Muñoz et al. 2014 ψ functions (ψ1 = 1/τ, ψ2 = −Ld − Lu/τ, "
        f"ψ3 = Ld); lwir12: 1 − τ11 = {1 + physics.B11_EXTRA_ABSORPTION:g}·(1 − τ10), same effective layer "
        "temperatures as lwir11"
        + (
            "; layer temperatures of both bands shifted by error_sources.air_temperature_offset_k"
            if opts.error_sources
            else ""
        )
    )
    doc["error_sources"] = ErrorSources.draw(seed, opts.error_sources).to_json()
    out["atmosphere"] = _dump(tdir / "atmosphere.json", doc)
    dx, dy = opts.tir_shift_px
    tie = {
        "convention": (
            "a ground feature at optical pixel (c, r) appears at thermal pixel (c + dx, r + dy); "
            "thermal pixel (c, r) observes the ground at (c - dx, r - dy); rows grow southwards"
        ),
        "gsd_m": TIR_GSD,
        "dx_px": dx,
        "dy_px": dy,
        "dx_m_east": dx * TIR_GSD,
        "dy_m_north": -dy * TIR_GSD + 0.0,
        "island": None,
    }
    if island:
        x, y = geo.xy(island["centre_col"], island["centre_row"])
        lon, lat = Transformer.from_crs(geo.crs, "EPSG:4326", always_xy=True).transform(x, y)
        tie["island"] = {
            **island,
            "centre_x": float(x),
            "centre_y": float(y),
            "centre_lonlat": [round(lon, 7), round(lat, 7)],
        }
    out["tiepoints"] = _dump(tdir / "tiepoints.json", tie)
    sensor = {
        "nedt_k": {"lwir11": opts.nedt_k, "lwir12": opts.nedt_k},
        "noise": "Gaussian, added to the brightness temperature before quantisation, independent per pixel and band",
        "reflectance_noise_sigma": opts.reflectance_noise,
        "saturation_bt_k": {b: saturation_bt(b) for b in ("lwir11", "lwir12")},
        "saturation_reflectance": saturation_reflectance(geo.sun_elevation) if not opts.night else None,
        "quantisation": {"farearth_bt": 0.1, "farearth_reflectance": 1e-4},
        "thermal_rescaling_landsat": THERMAL_RESCALING,
        "reflectance_rescaling_landsat": REFLECTANCE_RESCALING,
    }
    out["sensor"] = _dump(tdir / "sensor.json", sensor)
    dsh = (
        {f"{h:.0f}": list(model.shadow_offset_px(h)) for h in _model.CLOUD_LEVELS_M} if not opts.night else {}
    )
    scene = {
        "seed": seed,
        "options": _options_json(opts),
        "crs": geo.crs,
        "transform": list(geo.transform)[:6],
        "size": opts.size,
        "acquisition": geo.when.isoformat().replace("+00:00", "Z"),
        "sun_zenith_deg": geo.sun_zenith,
        "sun_azimuth_deg": geo.sun_azimuth,
        "earth_sun_distance_au": geo.earth_sun_distance,
        "cloud_fraction_truth": {
            "thick": stats.count_cloud[TRUTH_THICK_CLOUD] / max(stats.count_inside, 1),
            "thin": stats.count_cloud[TRUTH_THIN_CLOUD] / max(stats.count_inside, 1),
            "shadow": stats.count_cloud[TRUTH_CLOUD_SHADOW] / max(stats.count_inside, 1),
        },
        "classes": {
            "1": "vegetation",
            "2": "bare soil",
            "3": "urban",
            "4": "water",
            "5": "snow/ice",
            "255": "outside",
        },
        "cloud_classes": {
            "0": "clear",
            "1": "thick cloud",
            "2": "thin cloud",
            "3": "cloud shadow",
            "255": "outside",
        },
        "cloud_truth_rule": (
            f"cloud where it changes the TOA signal of some band by >= {_model.VISIBLE_SNR} noise sigma "
            "(NEdT in the TIR, reflectance noise in the optical bands); fainter cloud is clear"
        ),
        "reflectance_bands": list(OPTICAL_BANDS),
        "reflectance_spectra": {str(k): list(v) for k, v in _model.SPECTRA.items()},
        "emissivity": {str(k): list(v) for k, v in _model.EMISSIVITY.items()},
        "soil_emissivity": "a - b*rho_red, (a, b) = (0.979, 0.046) lwir11, (0.982, 0.027) lwir12",
        "cloud_levels_m": list(_model.CLOUD_LEVELS_M),
        "cloud_lapse_rate_k_per_km": _model.LAPSE_RATE_K_PER_M * 1000,
        "air_temperature_k": model.air_temperature(),
        "cloud_top_temperature": "air_temperature_k - lapse_rate * (elevation - 180 m + height above ground)",
        "shadow_offset_px_by_height": dsh,
        "shadow_geometry": "shadow = cloud + height*tan(sun zenith)/30 m along sun azimuth + 180 deg",
        "hot_spot_px": list(model.hot_spot),
        "glint_px": list(model.glint),
        "vnir_gsd_m": opts.vnir_gsd,
        "truth_positions": "all truth rasters are sampled where the thermal pixels look (shifted positions)",
    }
    out["scene"] = _dump(tdir / "scene.json", scene)
    return out


def _options_json(opts: SampleOptions) -> dict:
    d = asdict(opts)
    d["acquisition"] = opts.when.isoformat().replace("+00:00", "Z")
    d["tir_shift_px"] = list(opts.tir_shift_px)
    return d


def _dump(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, indent=1, allow_nan=True), encoding="utf-8")
    return path


def preview_rgb(stats: _Stats) -> np.ndarray:
    """uint8 RGB preview (rows, cols, 3) of the TOA reflectance, black outside."""
    rgb = np.stack([stretch(stats.rgb_preview[i], 0.0, 0.35) for i in range(3)], axis=-1)
    return rgb


def preview_bt(stats: _Stats) -> np.ndarray:
    finite = stats.bt_preview[np.isfinite(stats.bt_preview)]
    lo, hi = np.percentile(finite, [1, 99]) if finite.size else (250.0, 320.0)
    return stretch(stats.bt_preview, float(lo), float(hi))


__all__ = [
    "TRUTH_BARE_SOIL",
    "TRUTH_CLEAR",
    "TRUTH_CLOUD_SHADOW",
    "TRUTH_OUTSIDE",
    "TRUTH_SNOW",
    "TRUTH_THICK_CLOUD",
    "TRUTH_THIN_CLOUD",
    "TRUTH_URBAN",
    "TRUTH_VEGETATION",
    "TRUTH_WATER",
    "SampleOptions",
    "SampleProduct",
    "write_png",
    "write_sample",
]
