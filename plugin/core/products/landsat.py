"""USGS Landsat 8/9 OLI/TIRS Level-1 reader: pre-collection, Collection 1 and Collection 2 MTL
(``_MTL.txt`` ODL or ``_MTL.json``), one GeoTIFF per band.

Radiometry (USGS 2019, Landsat 8 Data Users Handbook LSDS-1574 v5, §5; algorithms.md §1.1):
- radiance L = ML * Q + AL (``RADIANCE_MULT/ADD_BAND_n``), Q the L1 DN; DN 0 is fill;
- brightness temperature BT = K2 / ln(K1 / L + 1) (``K1/K2_CONSTANT_BAND_n``);
- TOA reflectance rho = (Mrho * Q + Arho) / sin(SUN_ELEVATION) with the scene-centre elevation;
  at night (elevation < 0) the reflective bands are reported unusable.
- A thermal band with ``RADIANCE_MULT_BAND_n = 0`` (seen in real LPGS 2.x files, e.g.
  LC80100202015018LGN00) maps every DN to one radiance (147.5 K); it is reported unusable.

MTL layouts: pre-collection and C1 use root ``L1_METADATA_FILE`` (C1 adds ``COLLECTION_NUMBER = 01``),
C2 ``LANDSAT_METADATA_FILE`` with ``LEVEL1_*`` groups. Key names are unique across groups, so the
reader looks them up in one flattened table whatever group holds them.

Quality: C2 ``QA_PIXEL`` bit 0 = fill; C2 ``QA_RADSAT`` bit n-1 = band n saturated for bands 1-7,
bit 8 = band 9, bit 9 = band 10, bit 10 = band 11 (USGS 2022, Landsat 8-9 C2 Level-1 DFCB
LSDS-1822). C1 and pre-collection ``BQA`` bit 0 = designated fill; their saturation bits only count
saturated bands, so per-band saturation comes from Q = QUANTIZE_CAL_MAX (and under-saturation from
Q = QUANTIZE_CAL_MIN) instead.

The product's own cloud mask (CFMask, Foga et al. 2017, doi:10.1016/j.rse.2017.03.026) is decoded by
``read_product_mask`` from whichever quality band the product has (``QA_LAYOUTS``): C2 QA_PIXEL (LSDS-1822
table 6-1), C1 BQA (USGS 2017, Landsat Collection 1 Level-1 Quality Assessment Band, LSDS-1873: bit 4
cloud, 5-6 cloud, 7-8 shadow, 9-10 snow/ice, 11-12 cirrus confidence) and the pre-collection BQA (LSDS-1574
v4: 10-11 snow/ice, 12-13 cirrus, 14-15 cloud confidence; no shadow). A two-bit confidence counts when
it is "high" (both bits set), as CFMask's own cloud-shadow and snow classes are.

Subsets: the MTL's REFLECTIVE/THERMAL LINES/SAMPLES and GRID_CELL_SIZE describe the whole scene as
delivered; a clipped or reduced copy of it is normal, so the grid comes from the GeoTIFFs and a difference
is a warning, not an error. Files without a nodata tag still have DN 0 as fill (LSDS-1574 §5).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from rasterio.windows import Window

from .. import jsonload
from ..errors import ProductError
from ..messages import msg
from .base import BandSource, SceneBase, open_scene
from .calibration import bt_from_radiance, check_thermal_constants
from .plausibility import check_acquisition
from .raster_access import (
    check_window,
    geotiff_exists,
    grid_footprint,
    grid_of,
    masked,
    read_block,
    read_flags_block,
)
from .scene import THERMAL_BANDS, Band, Grid, QualityBlock

# OLI/TIRS band number -> (common name, centre um, FWHM um); USGS LSDS-1574 table 1-1 / 1-2.
LANDSAT_BANDS: dict[int, tuple[str, float, float]] = {
    1: ("coastal", 0.443, 0.016),
    2: ("blue", 0.482, 0.060),
    3: ("green", 0.561, 0.057),
    4: ("red", 0.655, 0.037),
    5: ("nir08", 0.865, 0.028),
    6: ("swir16", 1.609, 0.085),
    7: ("swir22", 2.201, 0.187),
    9: ("cirrus", 1.373, 0.020),
    10: ("lwir11", 10.895, 0.590),
    11: ("lwir12", 12.005, 1.010),
}
RADSAT_BIT = {1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 9: 8, 10: 9, 11: 10}
# The product's CFMask classes in each quality-band layout: class -> bits that must all be set (a
# one-bit flag, or both bits of a two-bit confidence = "high"). Sources in the module docstring.
QA_LAYOUTS: dict[str, dict[str, tuple[int, ...]]] = {
    "Collection 2": {"fill": (0,), "cloud": (3,), "cloud_shadow": (4,), "snow_ice": (5,), "cirrus": (2,)},
    "Collection 1": {
        "fill": (0,),
        "cloud": (4,),
        "cloud_shadow": (7, 8),
        "snow_ice": (9, 10),
        "cirrus": (11, 12),
    },
    "pre-collection": {"fill": (0,), "cloud": (14, 15), "snow_ice": (10, 11), "cirrus": (12, 13)},
}
PLATFORMS = {"LANDSAT_8": "LANDSAT-8", "LANDSAT_9": "LANDSAT-9"}


def parse_mtl(path: Path) -> dict[str, Any]:
    """Parse an MTL (.txt ODL or .json) into its nested group dictionary."""
    text = jsonload.read_text(path, "MTL file")  # size-limited, UTF-8 (core/jsonload.py)
    if path.suffix.lower() == ".json":
        doc = jsonload.loads(path, text)  # depth and number limits (core/jsonload.py)
        if not isinstance(doc, dict):
            raise ProductError(path, None, msg("expected a JSON object with the MTL groups"))
        return doc
    return _parse_odl(path, text)


def _parse_odl(path: Path, text: str) -> dict[str, Any]:
    root: dict[str, Any] = {}
    stack: list[tuple[str, dict]] = [("", root)]
    ended = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line == "END":
            ended = True
            break
        if "=" not in line:
            raise ProductError(
                path, f"line {n}", msg("{line!r}; expected 'KEY = VALUE', GROUP or END", line=line)
            )
        key, value = (s.strip() for s in line.split("=", 1))
        if key == "GROUP":
            group: dict[str, Any] = {}
            stack[-1][1][value] = group
            stack.append((value, group))
        elif key == "END_GROUP":
            if len(stack) == 1 or stack[-1][0] != value:
                raise ProductError(
                    path, f"line {n}", msg("END_GROUP = {value} does not close the open group", value=value)
                )
            stack.pop()
        else:
            stack[-1][1][key] = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value
    if len(stack) != 1 or not ended:
        raise ProductError(path, None, msg("truncated MTL: groups not closed or END missing"))
    return root


def _flatten(doc: dict[str, Any], out: dict[str, Any] | None = None) -> dict[str, Any]:
    out = {} if out is None else out
    for k, v in doc.items():
        if isinstance(v, dict):
            _flatten(v, out)
        else:
            out.setdefault(k, v)
    return out


class _Mtl:
    """Typed look-ups in the flattened MTL, with errors naming the key."""

    def __init__(self, path: Path, doc: dict[str, Any]):
        self.path = path
        self.values = _flatten(doc)

    def has(self, key: str) -> bool:
        return key in self.values and str(self.values[key]).strip() != ""

    def text(self, key: str, default: str | None = None) -> str:
        if not self.has(key):
            if default is not None:
                return default
            raise ProductError(self.path, key, msg("missing from the MTL"))
        return str(self.values[key]).strip().strip('"')

    def number(self, key: str, default: float | None = None) -> float:
        if not self.has(key):
            if default is not None:
                return default
            raise ProductError(self.path, key, msg("missing from the MTL; expected a number"))
        try:
            value = float(self.values[key])
        except (TypeError, ValueError, OverflowError) as exc:
            shown = repr(self.values[key])
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise ProductError(
                self.path, key, msg("{shown} is not a number; expected a number", shown=shown)
            ) from exc
        if not np.isfinite(value):  # "1e400", "nan", "inf" parse but are no usable values
            raise ProductError(
                self.path,
                key,
                msg("{value!r} is not finite; expected a finite number", value=self.values[key]),
            )
        return value


def find_mtl(path: Path) -> Path:
    """The MTL file of a Landsat folder (txt preferred over json) or the MTL itself."""
    if path.is_file():
        return path
    for pattern in ("*_MTL.txt", "*_MTL.TXT", "*_MTL.json", "*_MTL.JSON"):
        hits = sorted(path.glob(pattern))
        if hits:
            return hits[0]
    subdirs = [
        p for p in path.iterdir() if p.is_dir() and (any(p.glob("*_MTL.*")) or any(p.glob("*/*_MTL.*")))
    ]
    if len(subdirs) == 1:  # a tar holding the product folder
        return find_mtl(subdirs[0])
    raise ProductError(path, None, msg("no Landsat *_MTL.txt or *_MTL.json in the folder"))


def _scene_time(mtl: _Mtl) -> datetime:
    date = mtl.text("DATE_ACQUIRED")
    clock = mtl.text("SCENE_CENTER_TIME", "12:00:00Z").rstrip("Z")
    m = re.fullmatch(r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?", clock)
    try:
        day = datetime.strptime(date, "%Y-%m-%d")
    except ValueError as exc:
        raise ProductError(
            mtl.path, "DATE_ACQUIRED", msg("{date!r}; expected YYYY-MM-DD", date=date)
        ) from exc
    if m is None:
        raise ProductError(
            mtl.path, "SCENE_CENTER_TIME", msg("{clock!r}; expected HH:MM:SS.fffffffZ", clock=clock)
        )
    micro = int((m.group(4) or "0")[:6].ljust(6, "0"))
    return day.replace(
        hour=int(m.group(1)),
        minute=int(m.group(2)),
        second=int(m.group(3)),
        microsecond=micro,
        tzinfo=timezone.utc,
    )


class LandsatScene(SceneBase):
    """A Landsat 8/9 Level-1 product opened lazily (MTL parsed, rasters opened on first read)."""

    def _physical(self, name: str, stored: np.ndarray) -> np.ndarray:
        band = self.bands[name]
        cal = self.extra["calibration"][name]
        if band.kind == "thermal":
            L = cal["ML"] * stored.astype(np.float64) + cal["AL"]
            return bt_from_radiance(L, band.k1, band.k2).astype(np.float32)
        rho = cal["Mrho"] * stored.astype(np.float64) + cal["Arho"]
        return (rho / np.sin(np.radians(self.sun_elevation))).astype(np.float32)

    def radiance(self, name: str, window: Window | None = None) -> np.ma.MaskedArray:
        self._band(name)
        cal = self.extra["calibration"][name]
        stored = self._stored(name, window).astype(np.float64)
        return masked(cal["ML"] * stored + cal["AL"])

    def read_quality(self, window: Window | None = None) -> QualityBlock:
        """Quality of a block; a damaged QA or band file is a ProductError naming that file and its MTL
        field (base._reading around each read)."""
        window = check_window(self.grid, window)
        shape = (int(window.height), int(window.width))
        qa = self.extra["qa_files"]
        nodata = np.zeros(shape, bool)
        if qa.get("pixel"):
            with self._reading(qa["pixel"], qa["pixel_key"]):
                ds = self._cache.get(Path(qa["pixel"]), qa["pixel_key"])
                nodata |= read_flags_block(ds, 1, (0,), self.grid, window)[0]
        for name in THERMAL_BANDS:
            if name in self._sources:  # DN 0 is fill even when the band is unusable
                nodata |= np.isnan(self._dn(name, window))
        saturated, under = {}, {}
        radsat = None
        if qa.get("radsat"):
            with self._reading(qa["radsat"], "FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION"):
                ds = self._cache.get(Path(qa["radsat"]), "FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION")
                numbers = [n for n in LANDSAT_BANDS if LANDSAT_BANDS[n][0] in self._sources]
                flags = read_flags_block(ds, 1, tuple(RADSAT_BIT[n] for n in numbers), self.grid, window)
            radsat = {LANDSAT_BANDS[n][0]: f for n, f in zip(numbers, flags)}
        for name in self._sources:
            if radsat is not None and name not in THERMAL_BANDS:
                # C2 flags saturation per band; OLI under-saturation (Q = 1) is not used downstream,
                # so the reflective DNs are not read again just for it.
                saturated[name] = radsat[name]
                under[name] = np.zeros(shape, bool)
                continue
            cal = self.extra["calibration"][name]
            dn = self._dn(name, window)
            under[name] = dn <= cal["qmin"]
            saturated[name] = radsat[name] if radsat is not None else dn >= cal["qmax"]
        return QualityBlock(
            nodata=nodata, filled=np.zeros(shape, bool), saturated=saturated, undersaturated=under
        )

    def _dn(self, name: str, window: Window) -> np.ndarray:
        """Stored DNs of band ``name`` (NaN where fill, read-only), a damaged file named with its MTL field.

        A usable band comes through this thread's block cache (``_stored``): pass 1 reads the quality and
        then the values of the same strip, and each band is decoded once for both (it was twice)."""
        if self.bands[name].usable:
            return self._stored(name, window)
        src = self._sources[name]
        with self._reading(src.path, src.field):
            ds = self._cache.get(src.path, src.field)
            return read_block(ds, [1], self.grid, window, src.nodata, src.invalid_values)[0]

    def read_product_mask(self, window: Window | None = None) -> dict[str, np.ndarray] | None:
        """The product's own (CFMask) classes on ``window`` as bool arrays: ``fill``, ``cloud``,
        ``cirrus``, ``snow_ice`` and, where the layout has it, ``cloud_shadow`` (``QA_LAYOUTS``).
        None when the product has no quality band."""
        qa = self.extra["qa_files"]
        if not qa.get("pixel"):
            return None
        window = check_window(self.grid, window)
        layout = QA_LAYOUTS.get(self.extra.get("collection", ""), QA_LAYOUTS["Collection 1"])
        ds = self._cache.get(Path(qa["pixel"]), qa["pixel_key"])
        bits = sorted({b for need in layout.values() for b in need})
        flags = dict(zip(bits, read_flags_block(ds, 1, tuple(bits), self.grid, window)))
        return {name: np.logical_and.reduce([flags[b] for b in need]) for name, need in layout.items()}

    def read_sun_angles(
        self, window: Window | None = None, grid: Grid | None = None
    ) -> tuple[np.ndarray, np.ndarray] | None:
        files = self.extra.get("solar_angle_files")
        if not files:
            return None
        grid = self.grid if grid is None else grid
        window = check_window(grid, window)
        out = []
        for key in ("zenith", "azimuth"):
            ds = self._cache.get(Path(files[key]), files[key + "_key"])
            # C2 angle bands: int16, 0.01 degree (USGS LSDS-1822).
            out.append(read_block(ds, [1], grid, window, ds.nodata)[0] * np.float32(0.01))
        return out[0], out[1]


def open_landsat(path: str | Path, original: Path | None = None, temp=None) -> LandsatScene:
    """Open a Landsat 8/9 Level-1 product from its folder or its MTL (.txt/.json)."""
    path = Path(path)
    return open_scene(LandsatScene(path=original or path), path, temp, find_mtl, _parse)


def _parse(scene: LandsatScene, mtl_path: Path) -> None:
    doc = parse_mtl(mtl_path)
    if "LANDSAT_METADATA_FILE" in doc:
        collection = "Collection 2"
    elif "L1_METADATA_FILE" in doc:
        collection = None
    else:
        raise ProductError(
            mtl_path,
            "LANDSAT_METADATA_FILE",
            msg("missing; expected an MTL with LANDSAT_METADATA_FILE or L1_METADATA_FILE"),
        )
    mtl = _Mtl(mtl_path, doc)
    if collection is None:
        number = mtl.text("COLLECTION_NUMBER", "")
        collection = f"Collection {int(float(number))}" if number else "pre-collection"
    level = mtl.text("PROCESSING_LEVEL", mtl.text("DATA_TYPE", "L1"))
    if not level.upper().startswith("L1"):
        raise ProductError(
            mtl_path,
            "PROCESSING_LEVEL",
            msg("{level}; expected a Level-1 product (L1TP/L1GT/L1GS)", level=level),
        )
    spacecraft = mtl.text("SPACECRAFT_ID").upper()
    if spacecraft not in PLATFORMS:
        raise ProductError(
            mtl_path,
            "SPACECRAFT_ID",
            msg(
                "{spacecraft} is not supported; expected LANDSAT_8 or LANDSAT_9 (OLI/TIRS thermal constants)",
                spacecraft=spacecraft,
            ),
        )
    if not (mtl.has("K1_CONSTANT_BAND_10") or mtl.has("FILE_NAME_BAND_10")):
        raise ProductError(mtl_path, "K1_CONSTANT_BAND_10", msg("missing; expected TIRS thermal constants"))
    root = mtl_path.parent
    scene.root = root
    scene.platform = PLATFORMS[spacecraft]
    sensor = mtl.text("SENSOR_ID", "OLI_TIRS")
    scene.instruments = sensor.split("_")
    scene.product_id = mtl.text("LANDSAT_PRODUCT_ID", mtl.text("LANDSAT_SCENE_ID", mtl_path.stem[:-4]))
    scene.source_format = f"Landsat {collection} Level-1 ({mtl_path.suffix.lower().lstrip('.')} MTL)"
    t = _scene_time(mtl)
    check_acquisition(mtl_path, "DATE_ACQUIRED", t, scene.platform)  # between launch and tomorrow
    scene.start_datetime = scene.end_datetime = t
    scene.sun_elevation = mtl.number("SUN_ELEVATION")
    scene.sun_azimuth = mtl.number("SUN_AZIMUTH")
    if not -90.0 <= scene.sun_elevation <= 90.0:
        raise ProductError(
            mtl_path, "SUN_ELEVATION", msg("{value} outside [-90, 90] degrees", value=scene.sun_elevation)
        )
    scene.earth_sun_distance = mtl.number("EARTH_SUN_DISTANCE") if mtl.has("EARTH_SUN_DISTANCE") else None
    cc = mtl.number("CLOUD_COVER", -1.0)
    scene.cloud_cover = cc if cc >= 0 else None
    scene.view_off_nadir = abs(mtl.number("ROLL_ANGLE")) if mtl.has("ROLL_ANGLE") else None
    scene.extra.update({"collection": collection, "processing_level": level, "mtl": str(mtl_path)})

    calibration: dict[str, dict[str, float]] = {}
    grid_notes: dict[str, str] = {}
    for number, (common, centre, fwhm) in LANDSAT_BANDS.items():
        key = f"FILE_NAME_BAND_{number}"
        if not mtl.has(key):
            continue
        tif = root / mtl.text(key)
        ds = scene._cache.get(tif, key)
        if ds.count != 1:
            raise ProductError(
                tif, key, msg("{count} bands in the GeoTIFF; expected 1 band per file", count=ds.count)
            )
        thermal = common in THERMAL_BANDS
        for note in _check_grid(mtl, tif, ds, thermal):
            grid_notes.setdefault(note.split(" in ", 1)[0], note)  # one note per MTL field
        band = Band(
            name=common,
            source_name=f"B{number}",
            group="TIRS" if thermal else "OLI",
            kind="thermal" if thermal else "reflective",
            center_wavelength_um=centre,
            fwhm_um=fwhm,
            gsd_m=abs(ds.transform.a),
        )
        cal = {
            "qmin": mtl.number(f"QUANTIZE_CAL_MIN_BAND_{number}", 1.0),
            "qmax": mtl.number(f"QUANTIZE_CAL_MAX_BAND_{number}", 65535.0),
        }
        ml_key = f"RADIANCE_MULT_BAND_{number}"
        cal["ML"] = mtl.number(ml_key)
        cal["AL"] = mtl.number(f"RADIANCE_ADD_BAND_{number}")
        band.radiance_gain, band.radiance_offset = cal["ML"], cal["AL"]
        if thermal:
            pair = None
            if mtl.has(f"K1_CONSTANT_BAND_{number}") or mtl.has(f"K2_CONSTANT_BAND_{number}"):
                pair = [mtl.number(f"K1_CONSTANT_BAND_{number}"), mtl.number(f"K2_CONSTANT_BAND_{number}")]
            band.k1, band.k2, warns = check_thermal_constants(
                mtl_path, f"K1_CONSTANT_BAND_{number}/K2_CONSTANT_BAND_{number}", pair, scene.platform, common
            )
            scene.warnings.extend(warns)
            if cal["ML"] == 0.0:
                band.usable = False
                band.unusable_reason = (
                    f"{ml_key} = 0 in {mtl_path.name}: every DN maps to radiance {cal['AL']} "
                    f"({float(bt_from_radiance(cal['AL'], band.k1, band.k2)):.1f} K); thermal band invalid"
                )
                scene.warnings.append(
                    msg(
                        "band {band} (B{number}) unusable: {reason}",
                        band=common,
                        number=number,
                        reason=band.unusable_reason,
                    )
                )
        else:
            cal["Mrho"] = mtl.number(f"REFLECTANCE_MULT_BAND_{number}")
            cal["Arho"] = mtl.number(f"REFLECTANCE_ADD_BAND_{number}")
            if scene.sun_elevation <= 0.0:
                band.usable = False
                band.unusable_reason = (
                    f"night scene (SUN_ELEVATION = {scene.sun_elevation}°): TOA reflectance is undefined"
                )
        calibration[common] = cal
        scene.bands[common] = band
        scene._sources[common] = BandSource(tif, 1, ds.nodata if ds.nodata is not None else 0, (0,), key)
    if "lwir11" not in scene.bands and "lwir12" not in scene.bands:
        raise ProductError(mtl_path, "FILE_NAME_BAND_10", msg("missing; expected the TIRS band 10/11 files"))
    if not any(b.usable for n, b in scene.bands.items() if n in THERMAL_BANDS):
        scene.warnings.append(msg("no usable thermal band: LST cannot be retrieved from this product"))
    scene.extra["calibration"] = calibration
    if grid_notes:
        scene.warnings.append(
            msg(
                "the MTL describes another raster size than the band files (a subset or reduced copy of the "
                "scene): the grid is taken from the GeoTIFFs; {notes}",
                notes="; ".join(grid_notes.values()),
            )
        )
    thermal_name = "lwir11" if "lwir11" in scene.bands else "lwir12"
    scene.grid = grid_of(scene._cache.get(scene._sources[thermal_name].path))

    qa: dict[str, str] = {}
    for key, slot in (
        ("FILE_NAME_QUALITY_L1_PIXEL", "pixel"),
        ("FILE_NAME_BAND_QUALITY", "pixel"),
        ("FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION", "radsat"),
    ):
        if mtl.has(key) and slot not in qa:
            qa_path = root / mtl.text(key)
            if not geotiff_exists(qa_path, key):  # a subset shipped without it: fill still comes from DN 0
                scene.warnings.append(
                    msg(
                        "{key} names {file}, which is not in the product folder: no quality band "
                        "(fill from DN 0, saturation from QUANTIZE_CAL_MAX, no product cloud mask)",
                        key=key,
                        file=qa_path.name,
                    )
                )
                continue
            scene._cache.get(qa_path, key)  # fails now, naming the key, when unreadable
            qa[slot] = str(qa_path)
            if slot == "pixel":
                qa["pixel_key"] = key
    scene.extra["qa_files"] = qa
    if collection == "Collection 2" and "radsat" not in qa:
        scene.warnings.append(msg("no QA_RADSAT file: saturation taken from DN = QUANTIZE_CAL_MAX"))
    sza, saa = "FILE_NAME_ANGLE_SOLAR_ZENITH_BAND_4", "FILE_NAME_ANGLE_SOLAR_AZIMUTH_BAND_4"
    if (
        mtl.has(sza)
        and mtl.has(saa)
        and geotiff_exists(root / mtl.text(sza), sza)
        and geotiff_exists(root / mtl.text(saa), saa)
    ):
        scene.extra["solar_angle_files"] = {
            "zenith": str(root / mtl.text(sza)),
            "zenith_key": sza,
            "azimuth": str(root / mtl.text(saa)),
            "azimuth_key": saa,
        }
    scene.footprint_lonlat = _corners(mtl) or grid_footprint(scene.grid)


def _check_grid(mtl: _Mtl, tif: Path, ds, thermal: bool) -> list[str]:
    """Raise when the CRS contradicts the MTL's UTM zone; return notes where the GeoTIFF's size or pixel
    size differs from the MTL's (a subset or a reduced copy of the scene: the GeoTIFF's grid is used)."""
    projection = mtl.text("MAP_PROJECTION", "UTM").upper()
    if projection == "UTM" and mtl.has("UTM_ZONE"):
        zone = int(mtl.number("UTM_ZONE"))
        epsg = ds.crs.to_epsg() if ds.crs else None
        if epsg not in (32600 + zone, 32700 + zone):
            raise ProductError(
                mtl.path,
                "UTM_ZONE",
                msg(
                    "UTM zone {zone} (EPSG:{expected}) differs from the CRS EPSG:{epsg} of {name}",
                    zone=zone,
                    expected=32600 + zone,
                    epsg=epsg,
                    name=tif.name,
                ),
            )
    prefix = "THERMAL" if thermal else "REFLECTIVE"
    notes = []
    if mtl.has(f"{prefix}_LINES") and mtl.has(f"{prefix}_SAMPLES"):
        lines, samples = int(mtl.number(f"{prefix}_LINES")), int(mtl.number(f"{prefix}_SAMPLES"))
        if (ds.height, ds.width) != (lines, samples):
            notes.append(
                f"{prefix}_LINES/{prefix}_SAMPLES = {lines}x{samples} (lines x samples) in {mtl.path.name} "
                f"differs from {tif.name} ({ds.height}x{ds.width})"
            )
    cell_key = f"GRID_CELL_SIZE_{prefix}"
    if mtl.has(cell_key) and abs(mtl.number(cell_key) - abs(ds.transform.a)) > 1e-3:
        notes.append(
            f"{cell_key} = {mtl.number(cell_key)} m in {mtl.path.name} differs from the pixel size "
            f"{abs(ds.transform.a)} m of {tif.name}"
        )
    return notes


def _corners(mtl: _Mtl) -> list[tuple[float, float]]:
    ring = []
    for corner in ("UL", "UR", "LR", "LL"):
        lat, lon = f"CORNER_{corner}_LAT_PRODUCT", f"CORNER_{corner}_LON_PRODUCT"
        if not (mtl.has(lat) and mtl.has(lon)):
            return []
        ring.append((mtl.number(lon), mtl.number(lat)))
    ring.append(ring[0])
    return ring
