"""CEOS-ARD per-pixel companions of a result: angles, acquisition time, atmospheric transmittance, sensor.

``add_ard_layers(scene, result)`` runs on a written result (it needs the scene for the angle rasters and
calibration, and the QA layer for the no-data pixels); the pipeline instead writes the layers beside the
masks (``write_ard_layers`` with the AOI/footprint no-data, ``mask_ard_layers`` with what the masks add,
``finish_ard_layers``). Either way it adds, on the result grid:

| key              | dtype   | bands                                                      | nodata |
|------------------|---------|------------------------------------------------------------|--------|
| ANGLES           | float32 | sun_zenith, sun_azimuth, view_zenith, view_azimuth (deg)   | NaN    |
| ACQUISITION_TIME | float32 | seconds since ``metadata.ard.acquisition_time.reference_datetime`` | NaN |
| TRANSMITTANCE    | float32 | B10 (lwir11) atmospheric transmittance used                | NaN    |

Sources, best first: sun angles from the product's per-pixel rasters (FarEarth SOLAR_ANGLE.tif, Landsat
Collection 2 SZA/SAA bands), else Michalsky 1988 at each pixel's along-track time (core.angles); view
angles from the thermal band's VIEW_ANGLE.tif (FarEarth), else from the spacecraft ephemeris of the
Landsat ``*_ANG.txt`` beside the MTL (core/ephemeris.py; it also gives the imaging time of each pixel),
else the nadir-centred pushbroom model of core.angles. TRANSMITTANCE is the
per-pixel layer of the retrieval when it writes one, else the scene-wide value of the atmosphere used
(``metadata.ard.transmittance.per_pixel`` says which). The metadata also gets ``sensor``: calibration
constants per band and, when the product has one, the relative spectral response file (copied into the
result folder, ``files["SPECTRAL_RESPONSE"]``).

Per-pixel geography is computed exactly (pyproj) on nodes every ``NODE_STEP`` pixels and interpolated
bilinearly in between: over 16 pixels of 30 m the along/cross-track coordinates are linear to < 1 m.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import rasterio
from pyproj import Transformer
from rasterio.windows import Window

from . import interpolation
from .acquisition_time import AlongTrackTime, time_model
from .angles import julian_day, solar_position, view_angles
from .blocks import outputs, plan_windows, run
from .ephemeris import ACCURACY_S as EPHEMERIS_ACCURACY_S
from .ephemeris import Ephemeris, angles_from_enu, find_ang, look, read_ang
from .errors import ProductError
from .messages import msg
from .progress import Progress, ensure
from .quality import QA_BIT
from .result import ProductResult

NODE_STEP = 16
STRIP_ROWS = 256
ANGLE_BANDS = ["sun_zenith", "sun_azimuth", "view_zenith", "view_azimuth"]


@dataclass
class ArdLayers:
    """The CEOS-ARD rasters written for one output window (``write_ard_layers``) and what their metadata
    needs (``finish_ard_layers``)."""

    paths: dict[str, Path]
    model: AlongTrackTime
    has_sun: bool
    has_view: bool
    thermal: str
    tau_pixel: bool
    offset: Window
    eph: Ephemeris | None = None
    warnings: list[str] = field(default_factory=list)


def add_ard_layers(scene, result: ProductResult, progress: Progress | None = None) -> None:
    """Write ANGLES, ACQUISITION_TIME and (if absent) TRANSMITTANCE into ``result`` and describe them
    (no data where the QA layer has its ``nodata`` bit)."""
    col, row, width, height = (int(v) for v in result.metadata["aoi"]["window"])
    bit = 1 << QA_BIT["nodata"]
    with rasterio.open(result.rasters["QA"]) as qa_ds:
        ard = write_ard_layers(
            scene,
            result.grid,
            Window(col, row, width, height),
            result.workdir,
            lambda w: (qa_ds.read(1, window=w) & bit) > 0,
            tau_pixel="TRANSMITTANCE" in result.rasters,
            tau=_tau(result),
            progress=progress,
        )
    finish_ard_layers(scene, result, ard)


def _tau(result: ProductResult) -> float | None:
    return (result.metadata.get("atmosphere") or {}).get("lwir11", {}).get("tau")


def write_ard_layers(
    scene,
    grid,
    offset: Window,
    workdir: Path,
    nodata: Callable[[Window], np.ndarray],
    tau_pixel: bool,
    tau: float | None = None,
    progress: Progress | None = None,
) -> ArdLayers:
    """ANGLES, ACQUISITION_TIME and (unless ``tau_pixel``: the retrieval writes its own) TRANSMITTANCE of
    window ``offset`` of the scene on ``grid`` into ``workdir``; ``nodata(w)`` is True where window ``w``
    of ``grid`` has no data. Needs neither the masks nor the LST: the pipeline runs it beside the masks."""
    progress = ensure(progress)
    col, row, width, height = (int(v) for v in (offset.col_off, offset.row_off, offset.width, offset.height))
    sun = (scene.sun_elevation, scene.sun_azimuth)
    model = time_model(
        scene.start_datetime, scene.end_datetime, scene.footprint_lonlat, scene.is_day, sun=sun
    )
    thermal = "lwir11" if "lwir11" in scene.bands else "lwir12"
    has_sun = scene.read_sun_angles(Window(col, row, 1, 1)) is not None
    view_reader = getattr(scene, "read_view_angles", None)
    has_view = view_reader is not None and view_reader(thermal, Window(col, row, 1, 1)) is not None
    to_ll = Transformer.from_crs(grid.crs, "EPSG:4326", always_xy=True)
    ard = ArdLayers({}, model, has_sun, has_view, thermal, tau_pixel, Window(col, row, width, height))
    ard.eph = None if has_view else _ephemeris(scene, ard.warnings)
    eph = ard.eph
    with outputs(grid) as out:
        out.add("ANGLES", workdir / "ANGLES.tif", 4, "float32", float("nan"), ANGLE_BANDS)
        out.add("ACQUISITION_TIME", workdir / "ACQUISITION_TIME.tif", 1, "float32", float("nan"), ["seconds"])
        if not tau_pixel:
            out.add("TRANSMITTANCE", workdir / "TRANSMITTANCE.tif", 1, "float32", float("nan"), ["lwir11"])

        # one ANGLES strip for the run: a fresh 32 MB array per strip cost page faults and, with the masks
        # running on the other core, a TLB flush there each time it was unmapped (issue 15)
        angles = np.empty((4, min(STRIP_ROWS, height), width), np.float32)

        def strip(w: Window) -> None:
            nd = nodata(w)
            sw = Window(col + w.col_off, row + w.row_off, w.width, w.height)
            g = _geography(grid, w, to_ll, model, eph, sun=not has_sun, view=not has_view)
            seconds = g["seconds"]
            if has_sun:
                sz, sa = scene.read_sun_angles(sw)
            else:
                sz, sa = g["sun_zenith"], np.degrees(np.arctan2(g["sun_sin"], g["sun_cos"])) % 360.0
            if has_view:
                vz, va = view_reader(thermal, sw)
            else:
                vz, va = view_angles(g["cross"], model.frame.heading_deg, model.orbit.altitude_km)
                if eph is not None:  # the ephemeris where it images the pixel, else the model
                    ez, ea = angles_from_enu(np.stack([g["east"], g["north"], g["up"]], axis=-1))
                    vz, va = np.where(np.isfinite(ez), ez, vz), np.where(np.isfinite(ea), ea, va)
            layers = np.stack([sz, sa, vz, va], out=angles[:, : int(w.height), : int(w.width)])
            layers[:, nd] = np.nan
            out.write("ANGLES", layers, w)
            seconds = seconds.astype(np.float32)
            seconds[nd] = np.nan
            out.write("ACQUISITION_TIME", seconds, w)
            if not tau_pixel:
                value = np.float32(tau) if tau is not None else np.float32(np.nan)
                out.write("TRANSMITTANCE", np.where(nd, np.float32(np.nan), value), w)

        run(plan_windows(width, height, 1, 1e9, max_rows=STRIP_ROWS), strip, progress)
        ard.paths.update(out.paths)
    return ard


def mask_ard_layers(ard: ArdLayers, nodata: np.ndarray) -> None:
    """Set NaN where ``nodata`` (bool, the whole output grid) in every layer of ``ard``: the no data that
    only the masks find (the pipeline writes the layers before the masks are done). Only the row strips
    holding such pixels are read back and rewritten."""
    rows = np.flatnonzero(nodata.any(axis=1))
    if rows.size == 0:
        return
    starts = sorted({int(r) // STRIP_ROWS * STRIP_ROWS for r in rows})
    # GDAL 3.6's multi-threaded decoding of these band-interleaved (PLANARCONFIG=SEPARATE) temporaries in
    # update mode copies ExtraSamples into a one-sample scratch TIFF and logs "Bad value 3 for
    # ExtraSamples" per strip (data unaffected): decode on this thread.
    for path in ard.paths.values():
        with rasterio.Env(GDAL_NUM_THREADS=1), rasterio.open(path, "r+") as ds:
            for r0 in starts:
                r1 = min(r0 + STRIP_ROWS, ds.height)
                w = Window(0, r0, ds.width, r1 - r0)
                data = ds.read(window=w)
                data[:, nodata[r0:r1]] = np.nan
                ds.write(data, window=w)


def finish_ard_layers(scene, result: ProductResult, ard: ArdLayers) -> None:
    """Add the layers of ``ard`` to ``result`` and describe them in its metadata; saves ``result``."""
    result.rasters.update(ard.paths)
    result.band_names.update(
        {"ANGLES": list(ANGLE_BANDS), "ACQUISITION_TIME": ["ACQUISITION_TIME"], "TRANSMITTANCE": ["lwir11"]}
    )
    result.metadata["ard"] = _describe(
        scene, ard.model, ard.has_sun, ard.has_view, ard.thermal, ard.tau_pixel, _tau(result), ard.offset
    )
    if ard.eph is not None:
        _describe_ephemeris(result.metadata["ard"], ard.eph)
    result.metadata.setdefault("warnings", []).extend(ard.warnings + list(ard.model.warnings))
    result.metadata["sensor"] = _sensor(scene, result)
    result.save()


def _geography(
    grid, w: Window, to_ll, model: AlongTrackTime, eph: Ephemeris | None, sun: bool, view: bool
) -> dict[str, np.ndarray]:
    """At every pixel centre of strip ``w`` (exact on nodes, bilinear between): seconds since
    ``model.reference``, with ``view`` (no view-angle raster) the cross-track km, with an ephemeris the
    view vector (east, north, up) and with ``sun`` the solar zenith and the sine/cosine of the solar
    azimuth (Michalsky 1988 at each node's time). Over 16 pixels these fields are linear to far below
    their 0.01 encoding step, and 16 x fewer solar positions keep a full scene in seconds."""
    rows = _nodes(int(w.row_off), int(w.height))
    cols = _nodes(int(w.col_off), int(w.width))
    rr, cc = np.meshgrid(rows + 0.5, cols + 0.5, indexing="ij")
    x, y = grid.transform * (cc, rr)
    lon, lat = (np.asarray(v, dtype=np.float64) for v in to_ll.transform(x, y))
    lon0 = model.frame.lon0
    lon = lon0 + (lon - lon0 + 180.0) % 360.0 - 180.0  # no jump at the antimeridian
    along, cross = model.frame.local(lon, lat)
    nodes = {"seconds": model.seconds_from_along(along)}
    if view:
        nodes["cross"] = cross
    if eph is not None:
        t, enu = look(eph, lon, lat)
        t = t + (eph.epoch - model.reference).total_seconds()
        nodes["seconds"] = np.where(np.isfinite(t), t, nodes["seconds"])
        nodes.update(east=enu[..., 0], north=enu[..., 1], up=enu[..., 2])
    if sun:
        zen, az = solar_position(julian_day(model.reference) + nodes["seconds"] / 86400.0, lon, lat)
        nodes.update(sun_zenith=zen, sun_sin=np.sin(np.radians(az)), sun_cos=np.cos(np.radians(az)))
    prow = np.arange(int(w.row_off), int(w.row_off + w.height), dtype=np.float64)
    pcol = np.arange(int(w.col_off), int(w.col_off + w.width), dtype=np.float64)
    return {k: interpolation.bilinear(v, rows, cols, prow, pcol) for k, v in nodes.items()}


def _ephemeris(scene, warnings: list[str]) -> Ephemeris | None:
    """The ANG.txt ephemeris beside a Landsat MTL, or None (a broken one is a warning, not a failure)."""
    path = find_ang((getattr(scene, "extra", {}) or {}).get("mtl"))
    if path is None:
        return None
    try:
        return read_ang(path)
    except ProductError as exc:
        warnings.append(msg("ANG.txt ephemeris not used: {error}", error=exc))
        return None


def _describe_ephemeris(ard: dict[str, Any], eph: Ephemeris) -> None:
    ard["angles"]["view_source"] = "ANG.txt ephemeris"
    ard["angles"]["view"] = (
        f"line of sight from each pixel to the spacecraft position of {eph.path.name} (EPHEMERIS group) "
        "at the time it images the pixel (line of sight perpendicular to the velocity)"
    )
    t = ard["acquisition_time"]
    t["basis"] = "ephemeris"
    t["model"] = f"t = time at which the line of sight to the {eph.path.name} ephemeris is across-track"
    t["accuracy_s"] = EPHEMERIS_ACCURACY_S


def _nodes(start: int, size: int) -> np.ndarray:
    nodes = np.arange(start, start + size, NODE_STEP, dtype=np.float64)
    last = float(start + size - 1)
    if nodes[-1] != last:
        nodes = np.append(nodes, last)
    if nodes.size == 1:  # one row or column: a degenerate second node keeps the interpolator 2-D
        nodes = np.array([last, last + 1.0])
    return nodes


def _describe(scene, model, has_sun, has_view, thermal, tau_pixel, tau, offset) -> dict[str, Any]:
    fmt = scene.source_format
    sun = (
        f"per-pixel solar angle raster of the product ({fmt}), resampled to the output grid"
        if has_sun
        else "Michalsky 1988 solar position (doi:10.1016/0038-092X(88)90045-X) at each pixel's "
        "along-track acquisition time"
    )
    view = (
        f"per-pixel view angle raster of band {thermal} ({fmt}), resampled to the output grid"
        if has_view
        else "nadir-centred pushbroom on a spherical Earth, track heading from the sun-synchronous orbit "
        f"({model.orbit.name}, i = {model.orbit.inclination_deg} deg, h = {model.orbit.altitude_km} km); "
        "no ANG.txt ephemeris beside the MTL"
    )
    return {
        "angles": {
            "bands": list(ANGLE_BANDS),
            "sun_source": "product" if has_sun else "model",
            "sun": sun,
            "view_source": "product" if has_view else "model",
            "view": view,
            "convention": "degrees; azimuth clockwise from north; view azimuth from the pixel to the sensor",
        },
        "acquisition_time": model.describe(),
        "transmittance": {
            "band": "lwir11",
            "per_pixel": bool(tau_pixel),
            "value": None if tau_pixel or tau is None else round(float(tau), 5),
            "statement": "per-pixel transmittance of the retrieval"
            if tau_pixel
            else "scene-wide transmittance of the atmosphere used, the same for every valid pixel",
        },
        "window": [int(offset.col_off), int(offset.row_off), int(offset.width), int(offset.height)],
    }


def _sensor(scene, result: ProductResult) -> dict[str, Any]:
    """Calibration constants per band and the spectral response file (copied into the result)."""
    extra_cal = (getattr(scene, "extra", {}) or {}).get("calibration") or {}
    bands = {}
    for name, b in scene.bands.items():
        entry = {
            "source_name": b.source_name,
            "center_wavelength_um": b.center_wavelength_um,
            "fwhm_um": b.fwhm_um,
            "radiance_gain": b.radiance_gain,
            "radiance_offset": b.radiance_offset,
            "k1": b.k1,
            "k2": b.k2,
            "esun": b.esun,
        }
        entry.update({k: v for k, v in (extra_cal.get(name) or {}).items() if isinstance(v, (int, float))})
        bands[name] = {k: v for k, v in entry.items() if v is not None}
    srf = getattr(scene, "spectral_response_csv", None)
    doc: dict[str, Any] = {
        "source": str(getattr(scene, "extra", {}).get("mtl") or scene.path),
        "source_format": scene.source_format,
        "bands": bands,
    }
    if srf is not None:
        target = result.workdir / "SPECTRAL_RESPONSE.csv"
        shutil.copyfile(srf, target)
        result.files["SPECTRAL_RESPONSE"] = target
        doc["spectral_response_file"] = srf.name
    return doc
