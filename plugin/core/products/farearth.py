"""FarEarth Level-1C reader (format book v1.3, v1.2 key names accepted; spec-notes §1-2, §6-7).

Decisions on what the format book leaves open (spec-notes §7):
- ``emissiveConstants[].constants`` is read as [K1, K2] after the checks of
  ``calibration.check_thermal_constants`` (two numbers, not (1, 1), K1 < K2, plausible; >1 % off the
  USGS values is a warning).
- TIR radiance comes from inverting the stored BT with [K1, K2]: L = K1 / (exp(K2/BT) - 1).
- Reflective radiance is L = rho * ESUN * cos(theta_s) / (pi * d^2) with the scene-mean sun zenith
  (the inverse of FarEarth's reflective path); ``radianceConversion`` (L = gain * stored + offset)
  is used only when ESUN is missing.
- ``imageDimensions`` is compared with the GeoTIFF size in either order; the GeoTIFF wins.
- The nodata value comes from the GeoTIFF, falling back to -9999.
- QA values: bit 0 under-saturated, bit 1 saturated, bit 2 filled (0/1/2/5/6).
- The scene grid is the TIR group's grid; other groups are resampled onto it (raster_access).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from pyproj import Transformer
from rasterio.windows import Window

from .. import jsonload
from ..errors import ProductError
from ..messages import msg
from ..radiometry import planck_radiance
from . import farearth_schema, gver
from .base import BandSource, SceneBase, open_scene
from .calibration import check_thermal_constants
from .plausibility import check_acquisition, check_grid_size, number
from .raster_access import (
    check_window,
    file_exists,
    grid_footprint,
    grid_of,
    masked,
    read_angles_block,
    read_flags_block,
    same_grid,
)
from .scene import REFLECTIVE_BANDS, THERMAL_BANDS, Band, Grid, QualityBlock

NODATA_DEFAULT = -9999.0
UNITS_REFLECTANCE = "TOA Reflectance x 10k"
UNITS_BT = "TOA Brightness Temperature x 10 (K)"
# Normalised pixelUnits (lower case, no spaces) -> (kind, scale); v1.2 had the "Refelectance" typo.
_UNITS = {
    "toareflectancex10k": ("reflective", 1e-4),
    "toarefelectancex10k": ("reflective", 1e-4),
    "toabrightnesstemperaturex10(k)": ("thermal", 0.1),
}
# FarEarth band names / ids -> STAC common names (Landsat OLI/TIRS numbering for B1..B11).
_NAME_MAP = {
    "COASTAL": "coastal", "COASTAL_AEROSOL": "coastal", "AEROSOL": "coastal", "CA": "coastal",
    "BLUE": "blue", "GREEN": "green", "RED": "red",
    "NIR": "nir08", "NIR08": "nir08", "SWIR1": "swir16", "SWIR16": "swir16",
    "SWIR2": "swir22", "SWIR22": "swir22", "CIRRUS": "cirrus",
    "TIR1": "lwir11", "TIR10": "lwir11", "LWIR1": "lwir11", "LWIR11": "lwir11", "TIRS1": "lwir11",
    "TIR2": "lwir12", "TIR11": "lwir12", "LWIR2": "lwir12", "LWIR12": "lwir12", "TIRS2": "lwir12",
    "B1": "coastal", "B2": "blue", "B3": "green", "B4": "red", "B5": "nir08", "B6": "swir16",
    "B7": "swir22", "B9": "cirrus", "B10": "lwir11", "B11": "lwir12",
}  # fmt: skip
# Centre-wavelength windows (nm) used when a band's name is unknown (USGS OLI/TIRS band passes).
_WAVELENGTH_MAP = (
    (430, 450, "coastal"), (450, 515, "blue"), (525, 600, "green"), (630, 680, "red"),
    (845, 885, "nir08"), (1360, 1390, "cirrus"), (1560, 1660, "swir16"), (2100, 2300, "swir22"),
    (10000, 11500, "lwir11"), (11500, 12900, "lwir12"),
)  # fmt: skip
THERMAL_PLATFORMS = ("LANDSAT-8", "LANDSAT-9")
# Every FarEarth JSON file is read through the one validated loader, jsonload.load_json: FarEarth's
# bare NaN (ANGLES.json) is accepted, anything malformed, too large, too deep or mistyped is not.


def _parse_time(path: Path, field: str, v) -> datetime:
    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and abs(v) < 1e14:
        seconds = v / 1000.0 if v > 1e11 else float(v)  # epoch ms or s (undocumented, spec-notes §1.3)
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    if isinstance(v, str):
        text = v.strip().replace("Z", "+00:00")
        try:
            t = datetime.fromisoformat(text)
        except ValueError:
            t = None
        if t is not None:
            return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t.astimezone(timezone.utc)
    shown = repr(v) if len(repr(v)) <= 60 else repr(v)[:57] + "..."
    raise ProductError(
        path, field, msg("{shown} is not a time; expected an ISO-8601 UTC string", shown=shown)
    )


def _common_name(band: str, band_id: str | None, centre_nm: float | None) -> str | None:
    for key in (band, band_id):
        if key:
            k = str(key).upper().replace("-", "_").replace(" ", "_")
            if k in _NAME_MAP:
                return _NAME_MAP[k]
            tail = k.rsplit("_", 1)[-1]  # ids such as "SCA1_RED"
            if tail in _NAME_MAP:
                return _NAME_MAP[tail]
    if centre_nm is not None:
        for lo, hi, name in _WAVELENGTH_MAP:
            if lo <= centre_nm < hi:
                return name
    return None


def find_geojson(path: Path) -> Path:
    """The main metadata file for a folder, a ``.geojson`` or a ``_product.json``."""
    if path.is_dir():
        candidates = sorted(path.glob("*.geojson"))
        if not candidates:
            subdirs = [p for p in path.iterdir() if p.is_dir() and any(p.glob("*.geojson"))]
            if len(subdirs) == 1:  # a zip holding the product folder
                return find_geojson(subdirs[0])
            raise ProductError(path, None, msg("no FarEarth <ID>.geojson metadata file in the folder"))
        if len(candidates) > 1:
            raise ProductError(
                path,
                "<ID>.geojson",
                msg(
                    "{count} .geojson files ({names}); expected one product per folder",
                    count=len(candidates),
                    names=", ".join(c.name for c in candidates[:3]),
                ),
            )
        return candidates[0]
    if path.name.lower().endswith(".geojson"):
        return path
    if path.name.lower().endswith("_product.json"):
        item = jsonload.load_json(path, "STAC product file")
        assets = item.get("assets", {}) if isinstance(item, dict) else {}
        for asset in assets.values() if isinstance(assets, dict) else []:
            href = str(asset.get("href", "")) if isinstance(asset, dict) else ""
            if href.lower().endswith(".geojson"):
                return (path.parent / href).resolve()
        stem = path.name[: -len("_product.json")]
        guess = path.parent / f"{stem}.geojson"
        return guess if guess.is_file() else find_geojson(path.parent)
    raise ProductError(
        path, None, msg("not a FarEarth product; expected a folder, .geojson or _product.json")
    )


class FarEarthScene(SceneBase):
    """A FarEarth L1C product opened lazily (metadata parsed, rasters opened on first read)."""

    def _physical(self, name: str, stored: np.ndarray) -> np.ndarray:
        return stored * np.float32(self.extra["scales"][name])

    def radiance(self, name: str, window: Window | None = None) -> np.ma.MaskedArray:
        band = self._band(name)
        values = self.read(name, window)
        if band.kind == "thermal":
            return masked(planck_radiance(values.filled(np.nan), band.k1, band.k2))  # BT -> radiance
        rho = values.filled(np.nan).astype(np.float64)
        if band.esun:
            d = self.earth_sun_distance or 1.0
            cos_sz = math.sin(math.radians(self.sun_elevation))
            return masked(rho * band.esun * cos_sz / (math.pi * d * d))
        if band.radiance_gain is not None:
            stored = rho / self.extra["scales"][name]
            return masked(band.radiance_gain * stored + (band.radiance_offset or 0.0))
        raise ProductError(
            self.path,
            f"{band.group}.radiometric.esun",
            msg("no ESUN or radianceConversion for band {name}", name=name),
        )

    def read_quality(self, window: Window | None = None) -> QualityBlock:
        window = check_window(self.grid, window)
        shape = (int(window.height), int(window.width))
        nodata = np.zeros(shape, bool)
        for name in THERMAL_BANDS:
            if name in self.bands and self.bands[name].usable:
                nodata |= np.isnan(self._stored(name, window))
        filled = np.zeros(shape, bool)
        saturated, under = {}, {}
        for group, qa in self.extra["qa_masks"].items():
            names = [n for n, b in self.bands.items() if b.group == group]
            if qa is None:
                for n in names:
                    saturated[n] = np.zeros(shape, bool)
                    under[n] = np.zeros(shape, bool)
                continue
            with self._reading(qa, f"{group}.qaMask"):
                ds = self._cache.get(Path(qa), f"{group}.qaMask")
                u, s, f = read_flags_block(ds, 1, (0, 1, 2), self.grid, window)
            filled |= f
            for n in names:
                saturated[n] = s
                under[n] = u
        return QualityBlock(nodata=nodata, filled=filled, saturated=saturated, undersaturated=under)

    def read_sun_angles(
        self, window: Window | None = None, grid: Grid | None = None
    ) -> tuple[np.ndarray, np.ndarray] | None:
        solar = self.extra.get("solar_angle_tif")
        if not solar:
            return None
        grid = self.grid if grid is None else grid
        window = check_window(grid, window)
        with self._reading(solar, "SOLAR_ANGLE.tif"):
            ds = self._cache.get(Path(solar), "SOLAR_ANGLE.tif")
            return read_angles_block(ds, grid, window)

    def read_view_angles(self, name: str, window: Window | None = None):
        """Per-pixel (view zenith, view azimuth) of a band from its VIEW_ANGLE.tif, or None."""
        path = self.extra.get("view_angle_tifs", {}).get(name)
        if not path:
            return None
        window = check_window(self.grid, window)
        with self._reading(path, "VIEW_ANGLE.tif"):
            return read_angles_block(self._cache.get(Path(path), "VIEW_ANGLE.tif"), self.grid, window)


def open_farearth(path: str | Path, original: Path | None = None, temp=None) -> FarEarthScene:
    """Open a FarEarth L1C product from its folder, ``.geojson`` or ``_product.json``."""
    path = Path(path)
    return open_scene(FarEarthScene(path=original or path), path, temp, find_geojson, _parse)


def _parse(scene: FarEarthScene, geojson: Path) -> None:
    """Parse the product metadata in named steps; every step raises ProductError naming the field."""
    scene.root = geojson.parent
    doc = jsonload.load_json(geojson, "FarEarth metadata", farearth_schema.GEOJSON)
    step = "features[0].properties.product"
    try:
        feature, product = _product(geojson, doc)
        step = "descriptor"
        _descriptor(scene, geojson, product)
        step = "sensors"
        groups = _groups(scene, geojson, product)
        acc = _Groups()
        for where, image in groups:
            step = where
            _read_group(scene, geojson, where, image, acc)
        step = "sensors[].images[].angles"
        _scene_grid(scene, geojson, acc)
        _angles(scene, geojson, product, acc)
        step = "features[0].geometry"
        _footprint(scene, feature, geojson)
        step = "ancillary files"
        _ancillary_files(scene, product, scene.root)
    except (AttributeError, TypeError, KeyError, IndexError) as exc:
        # Types are checked by the schema (jsonload); where python3-jsonschema is missing a mistyped
        # member surfaces here, still as our error naming the part of the metadata being read.
        raise ProductError(
            geojson,
            step,
            msg(
                "unexpected structure ({kind}: {error}); expected FarEarth L1C v1.3",
                kind=type(exc).__name__,
                error=exc,
            ),
        ) from exc


@dataclass
class _Groups:
    """What the band groups give the scene as a whole (filled by ``_read_group``)."""

    scales: dict[str, float] = field(default_factory=dict)
    band_ids: dict[str, str] = field(default_factory=dict)
    pixel_units: dict[str, str] = field(default_factory=dict)
    qa_masks: dict[str, str | None] = field(default_factory=dict)
    grids: dict[str, Any] = field(default_factory=dict)
    sun: dict | None = None
    sun_field: str = ""
    esd: float | None = None


def _product(geojson: Path, doc) -> tuple[dict, dict]:
    try:
        feature = doc["features"][0]
        product = feature["properties"]["product"]
        if not isinstance(product, dict) or not isinstance(feature, dict):
            raise TypeError
    except (KeyError, IndexError, TypeError) as exc:
        raise ProductError(
            geojson, "features[0].properties.product", msg("missing; expected a FarEarth FeatureCollection")
        ) from exc
    return feature, product


def _descriptor(scene: FarEarthScene, geojson: Path, product: dict) -> None:
    """Identity, platform, format version, acquisition time (between launch and tomorrow)."""
    desc = product.get("descriptor") or {}
    scene.product_id = str(desc.get("productId") or geojson.stem)
    scene.platform = str(desc.get("spacecraft") or "").upper().replace("_", "-").replace(" ", "-")
    scene.instruments = [str(s) for s in desc.get("sensors") or []]
    version = "v1.3" if "processedDate" in desc or "dayNight" in product else "v1.2"
    scene.source_format = f"FarEarth L1C {version}"
    scene.cloud_cover = number(geojson, "cloudCover", product.get("cloudCover"), 0.0, 100.0)
    tr = desc.get("temporalRange") or {}
    if "from" not in tr:
        raise ProductError(
            geojson, "descriptor.temporalRange.from", msg("missing; expected the acquisition start")
        )
    scene.start_datetime = _parse_time(geojson, "descriptor.temporalRange.from", tr["from"])
    scene.end_datetime = _parse_time(geojson, "descriptor.temporalRange.to", tr.get("to", tr["from"]))
    if scene.end_datetime < scene.start_datetime:
        raise ProductError(geojson, "descriptor.temporalRange", msg("'to' is before 'from'"))
    for key, when in (("from", scene.start_datetime), ("to", scene.end_datetime)):
        check_acquisition(geojson, f"descriptor.temporalRange.{key}", when, scene.platform)


def _groups(scene: FarEarthScene, geojson: Path, product: dict) -> list[tuple[str, dict]]:
    """(field, image) of every band group, after checking units and that one group is thermal."""
    groups = []
    for i, sensor in enumerate(product.get("sensors") or []):
        for j, image in enumerate((sensor or {}).get("images") or []):
            if not isinstance(image, dict):
                raise ProductError(geojson, f"sensors[{i}].images[{j}]", msg("expected an object"))
            groups.append((f"sensors[{i}].images[{j}]", image))
    if not groups:
        raise ProductError(geojson, "sensors[].images[]", msg("no band groups; expected VNIR and TIR images"))
    thermal = [f for f, image in groups if _units(geojson, f, image)[1] == "thermal"]
    if not thermal:
        if scene.platform and scene.platform not in THERMAL_PLATFORMS:
            raise ProductError(
                geojson,
                "descriptor.spacecraft",
                msg(
                    "{platform} has no thermal band group; expected a thermal sensor such as LANDSAT-8 or LANDSAT-9 TIRS",
                    platform=scene.platform,
                ),
            )
        raise ProductError(
            geojson,
            "sensors[].images[].group",
            msg("no thermal group; expected a group with pixelUnits '{units}' (e.g. TIR)", units=UNITS_BT),
        )
    if scene.platform and scene.platform not in THERMAL_PLATFORMS:
        raise ProductError(
            geojson,
            "descriptor.spacecraft",
            msg(
                "{platform} is not supported; expected one of {platforms}",
                platform=scene.platform,
                platforms=", ".join(THERMAL_PLATFORMS),
            ),
        )
    return groups


def _units(geojson: Path, field: str, image: dict) -> tuple[str, str, float]:
    """(declared units, kind, scale) of a band group from its pixelUnits."""
    rad = image.get("radiometric") or {}
    units = rad.get("pixelUnits", rad.get("units"))
    key = str(units).lower().replace(" ", "") if units is not None else None
    if key not in _UNITS:
        raise ProductError(
            geojson,
            f"{field}.radiometric.pixelUnits",
            msg(
                "unknown pixel units {units!r}; expected '{reflectance}' or '{bt}'",
                units=units,
                reflectance=UNITS_REFLECTANCE,
                bt=UNITS_BT,
            ),
        )
    return str(units), _UNITS[key][0], _UNITS[key][1]


def _read_group(scene: FarEarthScene, geojson: Path, field: str, image: dict, acc: _Groups) -> None:
    """One band group: its GeoTIFF (size, CRS, data type), its bands, QA mask, angles."""
    root = scene.root
    group = str(image.get("group") or field)
    rad = image.get("radiometric") or {}
    units, kind, scale = _units(geojson, field, image)
    acc.pixel_units[group] = units
    image_name = image.get("image")
    if not image_name:
        raise ProductError(geojson, f"{field}.image", msg("missing; expected the group's GeoTIFF file name"))
    tif = root / str(image_name)
    with scene._reading(tif, f"{field}.image"):
        ds = scene._cache.get(tif, f"{field}.image")
    check_grid_size(scene.shown_path(tif), f"{field}.image", ds.width, ds.height)
    _check_dtype(scene.shown_path(tif), f"{field}.image", ds.dtypes[0], kind, units)
    nodata = ds.nodata if ds.nodata is not None else NODATA_DEFAULT
    grid = grid_of(ds)
    _check_geometry(geojson, field, image, ds, grid)
    names = [str(b) for b in image.get("bands") or []]
    ids = [str(b) for b in image.get("ids") or []]
    if not names:
        raise ProductError(geojson, f"{field}.bands", msg("missing; expected the band names in file order"))
    if ds.count != len(names) or (ids and len(ids) != len(names)):
        raise ProductError(
            tif,
            f"{field}.bands",
            (
                msg(
                    "the GeoTIFF has {count} bands but the metadata lists {names} names and {ids} ids; expected equal counts",
                    count=ds.count,
                    names=len(names),
                    ids=len(ids),
                )
                if ids
                else msg(
                    "the GeoTIFF has {count} bands but the metadata lists {names} names; expected equal counts",
                    count=ds.count,
                    names=len(names),
                )
            ),
        )
    per_band = _per_band(rad)
    unknown = sorted(set(per_band) - set(names) - set(ids))
    if unknown:
        scene.warnings.append(
            msg(
                "{field}.radiometric names bands {unknown} that are not in bands/ids",
                field=field,
                unknown=unknown,
            )
        )
    for k, bname in enumerate(names):
        bid = ids[k] if ids else None
        info = {**per_band.get(bname, {}), **per_band.get(bid or "", {})}
        common = _add_band(scene, geojson, field, group, kind, units, bname, bid, info, grid)
        if common is None:
            continue
        scene._sources[common] = BandSource(tif, k + 1, nodata, (), f"{field}.image")
        acc.scales[common] = scale
        acc.band_ids[common] = bid or bname
    acc.qa_masks[group] = _qa_mask(scene, field, image, ds)
    acc.grids[group] = grid
    angles = image.get("angles") or {}
    elevation = number(geojson, f"{field}.angles.sunElevation", angles.get("sunElevation"), -90.0, 90.0)
    if (kind == "thermal" or acc.sun is None) and elevation is not None:
        acc.sun, acc.sun_field = angles, f"{field}.angles"
    esd = number(geojson, f"{field}.radiometric.earthSunDistance", rad.get("earthSunDistance"), 0.5, 1.5)
    if esd is not None and acc.esd is None:
        acc.esd = esd


def _check_dtype(tif, field: str, dtype: str, kind: str, units: str) -> None:
    """Scaled integer units ('x 10 (K)', 'x 10k') need integers of at least 16 bits (FarEarth stores
    int16): 8-bit integers cannot hold 150-400 K x 10, floats are not the declared scaled integers."""
    if np.dtype(dtype).kind not in "iu" or np.dtype(dtype).itemsize < 2:
        raise ProductError(
            tif,
            field,
            msg(
                "{kind} data stored as {dtype}; expected 16-bit integers for pixel units {units!r}",
                kind=kind,
                dtype=dtype,
                units=units,
            ),
        )


def _add_band(scene, geojson, field, group, kind, units, bname, bid, info, grid) -> str | None:
    """Register one band (common name, wavelengths, calibration); None when its name is unknown."""
    spectral = info.get("spectral") or {}
    centre = number(
        geojson,
        f"{field}.radiometric.spectral[{bname}].centerWavelength",
        spectral.get("centerWavelength"),
        0.0,
        1e6,
    )
    fwhm = number(
        geojson,
        f"{field}.radiometric.spectral[{bname}].fullWidthHalfMax",
        spectral.get("fullWidthHalfMax"),
        0.0,
        1e6,
    )
    common = _common_name(bname, bid, centre)
    if common is None:
        scene.warnings.append(
            msg("{field}: band {band} has no known common name; ignored", field=field, band=bname)
        )
        return None
    expected_kind = "thermal" if common in THERMAL_BANDS else "reflective"
    if expected_kind != kind:
        raise ProductError(
            geojson,
            f"{field}.radiometric.pixelUnits",
            msg(
                "band {band} ({common}) is {kind} but the group's units are {units!r}",
                band=bname,
                common=common,
                kind=expected_kind,
                units=units,
            ),
        )
    if common in scene.bands:
        raise ProductError(geojson, f"{field}.bands", msg("band {common} appears twice", common=common))
    band = Band(
        name=common,
        source_name=bname,
        group=group,
        kind=kind,
        center_wavelength_um=centre / 1000.0 if centre is not None else None,
        fwhm_um=fwhm / 1000.0 if fwhm is not None else None,
        gsd_m=grid.res[0],
    )
    if kind == "thermal":
        entry = info.get("emissive")
        band.k1, band.k2, warns = check_thermal_constants(
            geojson,
            f"{field}.radiometric.emissiveConstants[{bname}]",
            entry.get("constants") if entry else None,
            scene.platform,
            common,
        )
        scene.warnings.extend(warns)
    else:
        base = f"{field}.radiometric"
        if "esun" in info:
            band.esun = number(geojson, f"{base}.esun[{bname}]", info["esun"].get("value"), 0.0, 1e5)
        if "conversion" in info:
            conv = info["conversion"]
            band.radiance_gain = number(geojson, f"{base}.radianceConversion[{bname}].gain", conv.get("gain"))
            band.radiance_offset = number(
                geojson, f"{base}.radianceConversion[{bname}].offset", conv.get("offset")
            )
    scene.bands[common] = band
    return common


def _qa_mask(scene: FarEarthScene, field: str, image: dict, ds) -> str | None:
    qa_name = image.get("qaMask")
    if not qa_name:
        scene.warnings.append(
            msg(
                "{field}: no qaMask; saturation and fill flags are unknown for {group}",
                field=field,
                group=image.get("group") or field,
            )
        )
        return None
    qa_path = scene.root / str(qa_name)
    with scene._reading(qa_path, f"{field}.qaMask"):
        qa_ds = scene._cache.get(qa_path, f"{field}.qaMask")
    if (qa_ds.width, qa_ds.height) != (ds.width, ds.height):
        raise ProductError(
            scene.shown_path(qa_path),
            f"{field}.qaMask",
            msg(
                "size {width}x{height} differs from the image {image_width}x{image_height}",
                width=qa_ds.width,
                height=qa_ds.height,
                image_width=ds.width,
                image_height=ds.height,
            ),
        )
    return str(qa_path)


def _scene_grid(scene: FarEarthScene, geojson: Path, acc: _Groups) -> None:
    """The scene grid is the TIR group's grid; other groups are resampled onto it."""
    thermal_names = [n for n in THERMAL_BANDS if n in scene.bands]
    if not thermal_names:
        raise ProductError(
            geojson, "sensors[].images[].bands", msg("no TIR1/TIR2 (lwir11/lwir12) band found")
        )
    tir_group = scene.bands[thermal_names[0]].group
    scene.grid = acc.grids[tir_group]
    for group, grid in acc.grids.items():
        if not same_grid(grid, scene.grid):
            scene.extra.setdefault("resampled_groups", {})[group] = (
                "onto the TIR grid: average when finer, bilinear otherwise (raster_access)"
            )
    scene.extra["scales"] = acc.scales  # physical = stored * scale (after masking nodata)
    scene.extra["band_ids"] = acc.band_ids
    scene.extra["pixel_units"] = acc.pixel_units
    scene.extra["qa_masks"] = acc.qa_masks
    scene.extra["groups"] = {
        g: {"crs": gr.crs, "res": gr.res, "size": (gr.width, gr.height)} for g, gr in acc.grids.items()
    }
    scene.extra["reflective_bands"] = [n for n in REFLECTIVE_BANDS if n in scene.bands]


def _angles(scene: FarEarthScene, geojson: Path, product: dict, acc: _Groups) -> None:
    """Sun and view angles (scene means) from the groups, falling back to ANGLES.json."""
    angles_json = _angles_json(scene, product, scene.root)
    if acc.sun is not None:
        f, sun = acc.sun_field, acc.sun
        scene.sun_elevation = number(geojson, f"{f}.sunElevation", sun.get("sunElevation"), -90.0, 90.0)
        scene.sun_azimuth = number(geojson, f"{f}.sunAzimuth", sun.get("sunAzimuth"), -360.0, 360.0)
        scene.view_azimuth = number(geojson, f"{f}.viewAzimuth", sun.get("viewAzimuth"), -360.0, 360.0)
        scene.view_incidence = number(geojson, f"{f}.viewIncidence", sun.get("viewIncidence"), -90.0, 90.0)
        scene.view_off_nadir = number(geojson, f"{f}.viewOffNadir", sun.get("viewOffNadir"), -90.0, 90.0)
    elif angles_json and "meanSunAngle" in angles_json:
        path = Path(scene.extra["angles_json"])
        m = angles_json["meanSunAngle"]
        if not isinstance(m, dict):
            raise ProductError(
                path, "meanSunAngle", msg("expected an object with zenithAngle and azimuthAngle")
            )
        for key in ("zenithAngle", "azimuthAngle"):
            if m.get(key) is None:
                raise ProductError(
                    path, f"meanSunAngle.{key}", msg("missing; expected the mean sun angle in degrees")
                )
        scene.sun_elevation = 90.0 - number(path, "meanSunAngle.zenithAngle", m["zenithAngle"], 0.0, 180.0)
        scene.sun_azimuth = number(path, "meanSunAngle.azimuthAngle", m["azimuthAngle"], -360.0, 360.0)
    else:
        raise ProductError(
            geojson,
            "sensors[].images[].angles.sunElevation",
            msg("missing; expected the scene sun elevation"),
        )
    if scene.sun_azimuth is None:
        scene.sun_azimuth = float("nan")
    day_night = product.get("dayNight")
    if day_night and day_night != ("DAY" if scene.is_day else "NIGHT"):
        scene.warnings.append(
            msg(
                "dayNight says {day_night} but the sun elevation is {elevation:.2f}°; using the elevation",
                day_night=day_night,
                elevation=scene.sun_elevation,
            )
        )
    esd = acc.esd
    scene.earth_sun_distance = esd
    if esd is None and scene.extra["reflective_bands"]:
        scene.warnings.append(msg("no earthSunDistance: reflective radiance assumes d = 1 AU"))
    if esd is not None and not 0.983 <= esd <= 1.017:
        scene.warnings.append(msg("earthSunDistance {esd} AU is outside [0.983, 1.017]", esd=esd))


def _per_band(rad: dict) -> dict[str, dict]:
    """Radiometric per-band arrays keyed by the band name/id they give."""
    out: dict[str, dict] = {}
    for key, slot in (
        ("emissiveConstants", "emissive"),
        ("esun", "esun"),
        ("radianceConversion", "conversion"),
        ("spectral", "spectral"),
    ):
        for entry in rad.get(key) or []:
            if isinstance(entry, dict) and "band" in entry:
                out.setdefault(str(entry["band"]), {})[slot] = entry
    return out


def _check_geometry(geojson: Path, field: str, image: dict, ds, grid) -> None:
    geo = image.get("geometric") or {}
    proj = geo.get("projection")
    if proj:
        epsg = ds.crs.to_epsg() if ds.crs else None
        text = str(proj).strip().upper()
        if not text.startswith("EPSG:") or not text[5:].isdigit():
            raise ProductError(
                geojson, f"{field}.geometric.projection", msg("{proj!r}; expected 'EPSG:<code>'", proj=proj)
            )
        if epsg != int(text[5:]):
            raise ProductError(
                geojson,
                f"{field}.geometric.projection",
                msg(
                    "{proj} differs from the GeoTIFF CRS (EPSG:{epsg}) of {image}",
                    proj=proj,
                    epsg=epsg,
                    image=image.get("image"),
                ),
            )
    dims = geo.get("imageDimensions", geo.get("dimensions"))
    if dims is not None:
        key = f"{field}.geometric.imageDimensions"
        if not isinstance(dims, list) or len(dims) != 2:
            raise ProductError(geojson, key, msg("{dims!r}; expected [width, height] in pixels", dims=dims))
        dims = [number(geojson, key, d, 1.0, 1e9) for d in dims]
        if any(d is None or d != int(d) for d in dims):
            raise ProductError(geojson, key, msg("{dims!r}; expected whole numbers of pixels", dims=dims))
    # The order is ambiguous in the format book (spec-notes §7.5): compare in either order.
    if dims is not None and sorted(int(d) for d in dims) != sorted((ds.width, ds.height)):
        raise ProductError(
            geojson,
            f"{field}.geometric.imageDimensions",
            msg(
                "{dims} differs from the GeoTIFF size {width}x{height} of {image}",
                dims=dims,
                width=ds.width,
                height=ds.height,
                image=image.get("image"),
            ),
        )
    res = geo.get("spatialResolution", geo.get("resolution"))
    if isinstance(res, list) and len(res) == 2:
        key = f"{field}.geometric.spatialResolution"
        rx, ry = (abs(number(geojson, key, r, -1e6, 1e6) or 0.0) for r in res)
        gx, gy = grid.res
        if abs(rx - gx) > 1e-3 * gx or abs(ry - gy) > 1e-3 * gy:
            raise ProductError(
                geojson,
                f"{field}.geometric.spatialResolution",
                msg(
                    "{res} differs from the GeoTIFF pixel size ({gx}, {gy}) of {image}",
                    res=res,
                    gx=gx,
                    gy=gy,
                    image=image.get("image"),
                ),
            )


def _footprint(scene: FarEarthScene, feature: dict, geojson: Path) -> None:
    ring = None
    geom = feature.get("geometry") or {}
    geom = geom if isinstance(geom, dict) else {}
    coords = geom.get("coordinates")
    try:
        if geom.get("type") == "Polygon":
            ring = coords[0]
        elif geom.get("type") == "MultiPolygon":
            ring = max((p[0] for p in coords), key=len)
    except (TypeError, IndexError, KeyError, ValueError) as exc:
        raise ProductError(
            geojson,
            "features[0].geometry.coordinates",
            msg("expected the rings of a {geometry}", geometry=geom.get("type")),
        ) from exc
    crs = scene.grid.crs
    if ring:
        try:
            pts = [(float(p[0]), float(p[1])) for p in ring]
        except (TypeError, ValueError, IndexError, KeyError, OverflowError) as exc:
            raise ProductError(
                geojson, "features[0].geometry.coordinates", msg("expected [lon, lat] pairs")
            ) from exc
        if not all(math.isfinite(x) and math.isfinite(y) for x, y in pts):
            raise ProductError(
                geojson, "features[0].geometry.coordinates", msg("expected finite coordinates")
            )
        if any(abs(x) > 180 or abs(y) > 90 for x, y in pts):  # projected despite RFC 7946
            tr = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
            pts = [tr.transform(x, y) for x, y in pts]
    else:
        pts = grid_footprint(scene.grid)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    scene.footprint_lonlat = [(float(x), float(y)) for x, y in pts]


def _angles_json(scene: FarEarthScene, product: dict, root: Path) -> dict | None:
    name = product.get("viewingAngles")
    path = root / name if name else next(iter(sorted(root.glob("*_ANGLES.json"))), None)
    if path is None or not file_exists(path):
        if name:
            scene.warnings.append(msg("viewingAngles file {name} is missing", name=name))
        return None
    doc = jsonload.load_json(Path(path), "angles file", farearth_schema.ANGLES)
    if not isinstance(doc, dict):
        raise ProductError(path, None, msg("expected a JSON object with meanSunAngle/sunAngles"))
    scene.extra["angles_json"] = str(path)
    return doc


def _ancillary_files(scene: FarEarthScene, product: dict, root: Path) -> None:
    pid = scene.product_id
    angles_dir = root / f"{pid}_ANGLES"
    if not angles_dir.is_dir():
        angles_dir = next((p for p in root.glob("*_ANGLES") if p.is_dir()), None)
    if angles_dir is not None:
        solar = sorted(angles_dir.glob("*SOLAR_ANGLE.tif"))
        if solar:
            scene.extra["solar_angle_tif"] = str(solar[0])
        views = {}
        for name, band in scene.bands.items():
            hits = sorted(angles_dir.glob(f"*_{band.group}_{band.source_name}_*VIEW_ANGLE.tif"))
            if hits:
                views[name] = str(hits[0])
        scene.extra["view_angle_tifs"] = views
    # Geometric verification tiepoints, through the one GVER parser.
    gsd = scene.grid.res[0]
    for kind in ("ABS", "REL"):
        for f in sorted(root.glob(f"*_GVER_{kind}.json")):
            scene.tiepoints.extend(gver.read_gver(f, kind, default_gsd_m=gsd))
    pointing = sorted(root.glob("*_POINTING.json"))
    if pointing:
        doc = jsonload.load_json(pointing[0], "pointing file", farearth_schema.POINTING)
        if not isinstance(doc, dict) or not isinstance(doc.get("measurements", []), list):
            raise ProductError(pointing[0], "measurements", msg("expected a list of pointing measurements"))
        scene.pointing = doc
    srf = product.get("spectralResponses")
    srf_path = root / srf if srf else next(iter(sorted(root.glob("*_SPECTRAL_RESPONSE.csv"))), None)
    scene.spectral_response_csv = srf_path if srf_path is not None and file_exists(srf_path) else None
    for thumb in product.get("thumbnails") or []:
        p = root / str(thumb.get("image", "")) if isinstance(thumb, dict) else None
        if p is not None and file_exists(p):
            scene.thumbnails.append(p)
