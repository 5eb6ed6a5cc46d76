"""ERA5 single-level reanalysis as the Copernicus Climate Data Store delivers it, interpolated onto a scene.

Variables (ERA5 short names; Hersbach et al. 2020, Q. J. R. Meteorol. Soc. 146:1999–2049,
doi:10.1002/qj.3803): ``tcwv`` total column water vapour (kg m-2; 1 kg m-2 = 0.1 g cm-2), ``t2m`` 2 m air
temperature (K), optionally ``sp`` surface pressure (Pa, read but unused).

Layouts read:
- NetCDF, current CDS layout (since 2024): dimensions ``valid_time`` (seconds since 1970), ``latitude``,
  ``longitude``, float variables;
- NetCDF, legacy CDS layout: dimension ``time`` (hours since 1900), int16 variables packed with
  ``scale_factor``/``add_offset`` (netCDF4 unpacks them), possibly an ``expver`` dimension (ERA5/ERA5T mix);
- GRIB (edition 1 or 2) through GDAL, with ``GRIB_NORMALIZE_UNITS=NO`` so temperatures stay in kelvin.

Interpolation (``ReanalysisField.sample``): linear in time between the two fields that bracket the
acquisition, bilinear in latitude/longitude (the ERA5 0.25° grid is smooth at Landsat scale; Hersbach et
al. 2020). A file that does not bracket the acquisition (except a single field within
``SINGLE_FIELD_TOLERANCE``) or does not surround the scene raises ``ReanalysisError`` naming the file.

Uncertainty of ERA5 tcwv against GNSS/radiosonde columns: about 1–2 kg m-2 (0.1–0.2 g cm-2) RMS, larger
for moist columns (e.g. Bock & Parracho 2019, Atmos. Chem. Phys. 19:9453–9468, doi:10.5194/acp-19-9453-2019,
report ERA-Interim/ERA5 differences to GNSS of ~1–2 kg m-2). We take sigma_w = 0.1 g cm-2 + 10 % of w
(``SIGMA_W_*``), the project's documented default for a reanalysis w, plus the spread of the four ERA5 grid
values around the pixel (sub-grid variability the bilinear interpolation cannot know).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .errors import LstError
from .messages import msg

KG_M2_PER_G_CM2 = 10.0
SIGMA_W_ABS = 0.1  # g cm-2
SIGMA_W_REL = 0.10
SINGLE_FIELD_TOLERANCE = timedelta(minutes=30)
ERA5_CITATION = "ERA5: Hersbach et al. 2020, Q. J. R. Meteorol. Soc. 146:1999-2049, doi:10.1002/qj.3803"
METHOD = "linear in time between the bracketing fields, bilinear in latitude/longitude"

_TCWV_UNITS = {
    "kg m**-2": 0.1,
    "kg m-2": 0.1,
    "kg/m2": 0.1,
    "kg m^-2": 0.1,
    "kg/(m^2)": 0.1,
    "kg/m^2": 0.1,
    "mm": 0.1,
}
_TCWV_UNITS.update({"g cm**-2": 1.0, "g cm-2": 1.0, "g/cm2": 1.0, "cm": 1.0})
_T_UNITS = {"k": 0.0, "kelvin": 0.0}
_NAMES = {"tcwv": ("tcwv", "TCWV", "tcw_v"), "t2m": ("t2m", "2t", "T2M"), "sp": ("sp", "SP")}
# GDAL element names: ECMWF GRIB1 table 128 (TCWV 137, 2T 167, SP 134) and WMO GRIB2 (TCIWV 0-1-64)
_GRIB_ELEMENTS = {"TCWV": "tcwv", "TCIWV": "tcwv", "VAR137": "tcwv", "2T": "t2m", "VAR167": "t2m", "SP": "sp"}


class ReanalysisError(LstError):
    """A reanalysis file is unreadable, empty, of another area or time, or in unknown units."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        super().__init__(f"{path}: {problem}")


@dataclass
class ReanalysisField:
    """Fields on a regular latitude/longitude grid; water vapour in g cm-2, temperature in K."""

    path: str
    layout: str
    lat: np.ndarray  # ascending, degrees
    lon: np.ndarray  # ascending, degrees in [-180, 360)
    times: list[datetime]  # ascending, UTC
    tcwv: np.ndarray  # (time, lat, lon), g cm-2
    t2m: np.ndarray | None = None  # (time, lat, lon), K
    variables: dict[str, str] = field(default_factory=dict)  # name in file -> units

    def bracket(self, when: datetime) -> tuple[int, int, float]:
        """Indices i0, i1 of the fields around ``when`` and the weight of i1 (linear in time)."""
        when = _utc(when)
        t = self.times
        if len(t) == 1:
            if abs(t[0] - when) <= SINGLE_FIELD_TOLERANCE:
                return 0, 0, 0.0
            raise ReanalysisError(self.path, self._time_problem(when))
        if when < t[0] or when > t[-1]:
            raise ReanalysisError(self.path, self._time_problem(when))
        i1 = next(i for i, ti in enumerate(t) if ti >= when)
        if i1 == 0:
            return 0, 0, 0.0
        i0 = i1 - 1
        span = (t[i1] - t[i0]).total_seconds()
        return i0, i1, (when - t[i0]).total_seconds() / span

    def _time_problem(self, when: datetime) -> str:
        return msg(
            "acquisition {when:%Y-%m-%dT%H:%M:%SZ} is not covered by its times {first:%Y-%m-%dT%H:%MZ} … "
            "{last:%Y-%m-%dT%H:%MZ}: expected fields before and after the acquisition (ERA5 is hourly: request "
            "the hours around it)",
            when=when,
            first=self.times[0],
            last=self.times[-1],
        )

    def check_area(self, lon, lat) -> None:
        """Raise unless every (lon, lat) lies inside the grid (bilinear interpolation needs 2 × 2 points)."""
        lon = self._lon(np.asarray(lon, dtype=np.float64))
        lat = np.asarray(lat, dtype=np.float64)
        if self.lat.size < 2 or self.lon.size < 2:
            raise ReanalysisError(self.path, msg("expected at least 2 × 2 grid points around the scene"))
        tol = 1e-6
        if (
            np.nanmin(lat) < self.lat[0] - tol
            or np.nanmax(lat) > self.lat[-1] + tol
            or np.nanmin(lon) < self.lon[0] - tol
            or np.nanmax(lon) > self.lon[-1] + tol
        ):
            raise ReanalysisError(
                self.path,
                msg(
                    "the scene (lon {lon0:.3f}…{lon1:.3f}, lat {lat0:.3f}…{lat1:.3f}) is not inside the file's "
                    "area (lon {flon0:.3f}…{flon1:.3f}, lat {flat0:.3f}…{flat1:.3f}): expected an area around the "
                    "scene",
                    lon0=np.nanmin(lon),
                    lon1=np.nanmax(lon),
                    lat0=np.nanmin(lat),
                    lat1=np.nanmax(lat),
                    flon0=self.lon[0],
                    flon1=self.lon[-1],
                    flat0=self.lat[0],
                    flat1=self.lat[-1],
                ),
            )

    def _lon(self, lon: np.ndarray) -> np.ndarray:
        return np.where(lon < self.lon[0] - 1e-6, lon + 360.0, lon) if self.lon[-1] > 180.0 else lon

    def sample(self, when: datetime, lon, lat, variable: str = "tcwv") -> tuple[np.ndarray, np.ndarray]:
        """(value, sub-grid spread) at the points: linear in time, bilinear in space.

        The spread is the standard deviation of the four time-interpolated grid values around each point.
        """
        data = self.tcwv if variable == "tcwv" else self.t2m
        if data is None:
            raise ReanalysisError(
                self.path,
                msg(
                    "variable {variable} missing: expected {expected}",
                    variable=variable,
                    expected=_NAMES[variable][0],
                ),
            )
        self.check_area(lon, lat)
        i0, i1, a = self.bracket(when)
        grid = (1.0 - a) * data[i0] + a * data[i1]
        lon = self._lon(np.asarray(lon, dtype=np.float64))
        lat = np.asarray(lat, dtype=np.float64)
        fy, y0 = _frac_index(self.lat, lat)
        fx, x0 = _frac_index(self.lon, lon)
        c00, c01 = grid[y0, x0], grid[y0, x0 + 1]
        c10, c11 = grid[y0 + 1, x0], grid[y0 + 1, x0 + 1]
        value = (1 - fy) * ((1 - fx) * c00 + fx * c01) + fy * ((1 - fx) * c10 + fx * c11)
        spread = np.std(np.stack([c00, c01, c10, c11]), axis=0)
        if not np.all(np.isfinite(value)):
            raise ReanalysisError(
                self.path, msg("{variable} has missing values over the scene", variable=variable)
            )
        return value, spread

    def describe(self, when: datetime) -> dict[str, Any]:
        i0, i1, a = self.bracket(when)
        return {
            "file": self.path,
            "layout": self.layout,
            "variables": dict(self.variables),
            "times_used": sorted({self.times[i0].isoformat(), self.times[i1].isoformat()}),
            "time_weight_of_later_field": round(float(a), 4),
            "method": METHOD,
            "grid_spacing_deg": [float(np.median(np.diff(self.lat))), float(np.median(np.diff(self.lon)))],
            "citation": ERA5_CITATION,
        }


def _frac_index(axis: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    i = np.clip(np.searchsorted(axis, x, side="right") - 1, 0, axis.size - 2)
    f = (x - axis[i]) / (axis[i + 1] - axis[i])
    return np.clip(f, 0.0, 1.0), i


def _utc(t: datetime) -> datetime:
    return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t.astimezone(timezone.utc)


def read_era5(path: str | Path) -> ReanalysisField:
    """Read an ERA5 single-level file (NetCDF current/legacy layout, or GRIB); see the module docstring."""
    p = Path(path)
    if not p.is_file():
        raise ReanalysisError(p, msg("file not found: expected an ERA5 NetCDF or GRIB file"))
    if p.stat().st_size == 0:
        raise ReanalysisError(p, msg("file is empty: expected an ERA5 NetCDF or GRIB file"))
    head = p.read_bytes()[:8]
    if head.startswith(b"GRIB"):
        return _read_grib(p)
    if head[:3] == b"CDF" or head.startswith(b"\x89HDF"):
        return _read_netcdf(p)
    raise ReanalysisError(p, msg("not a NetCDF or GRIB file (unknown signature): corrupt or wrong file"))


def _read_netcdf(p: Path) -> ReanalysisField:
    try:
        import netCDF4
    except ImportError as exc:  # QGIS builds without netCDF4: GDAL's netCDF driver would be the way
        raise ReanalysisError(
            p, msg("reading NetCDF needs the Python package netCDF4 (python3-netcdf4)")
        ) from exc
    try:
        ds = netCDF4.Dataset(str(p))
    except OSError as exc:
        raise ReanalysisError(
            p, msg("cannot open as NetCDF ({error}): corrupt or truncated file", error=exc)
        ) from exc
    try:
        return _netcdf_fields(p, ds, netCDF4)
    except (KeyError, IndexError, ValueError, OSError, RuntimeError) as exc:
        if isinstance(exc, ReanalysisError):
            raise
        raise ReanalysisError(
            p, msg("unreadable ERA5 NetCDF ({kind}: {error})", kind=type(exc).__name__, error=exc)
        ) from exc
    finally:
        ds.close()


def _netcdf_fields(p: Path, ds, netCDF4) -> ReanalysisField:
    tname = "valid_time" if "valid_time" in ds.variables else "time" if "time" in ds.variables else None
    if tname is None:
        raise ReanalysisError(p, msg("no time variable: expected valid_time (current CDS) or time (legacy)"))
    layout = "CDS NetCDF (valid_time)" if tname == "valid_time" else "legacy CDS NetCDF (time)"
    tvar = ds.variables[tname]
    if tvar.size == 0:
        raise ReanalysisError(p, msg("{name} is empty: the file holds no field", name=tname))
    units = getattr(tvar, "units", "")
    try:
        dates = netCDF4.num2date(
            np.atleast_1d(tvar[:]),
            units,
            getattr(tvar, "calendar", "standard"),
            only_use_cftime_datetimes=False,
        )
    except (ValueError, TypeError) as exc:
        raise ReanalysisError(
            p,
            msg(
                "{name} units {units!r} not understood: expected '<unit> since <date>'",
                name=tname,
                units=units,
            ),
        ) from exc
    times = [_utc(datetime(d.year, d.month, d.day, d.hour, d.minute, d.second)) for d in dates]
    lat = np.asarray(ds.variables[_first(ds.variables, ("latitude", "lat"), p)][:], dtype=np.float64)
    lon = np.asarray(ds.variables[_first(ds.variables, ("longitude", "lon"), p)][:], dtype=np.float64)
    found: dict[str, np.ndarray] = {}
    variables: dict[str, str] = {}
    for key, names in _NAMES.items():
        name = next((n for n in names if n in ds.variables), None)
        if name is None:
            continue
        var = ds.variables[name]
        var.set_auto_maskandscale(True)
        data = np.ma.filled(np.ma.asarray(var[:], dtype=np.float64), np.nan)
        dims = list(var.dimensions)
        data = _to_time_lat_lon(p, name, data, dims, tname)
        found[key], variables[name] = data, getattr(var, "units", "")
    if "tcwv" not in found:
        raise ReanalysisError(
            p, msg("variable tcwv (total column water vapour) missing: request it from the CDS")
        )
    return _finish(p, layout, lat, lon, times, found, variables)


def _first(variables, names, p: Path) -> str:
    for n in names:
        if n in variables:
            return n
    raise ReanalysisError(
        p, msg("no {name} coordinate: expected one of {names}", name=names[0], names=", ".join(names))
    )


def _to_time_lat_lon(p: Path, name: str, data: np.ndarray, dims: list[str], tname: str) -> np.ndarray:
    """Reduce to (time, lat, lon): ERA5/ERA5T ``expver`` merged, size-1 extra dimensions dropped."""
    while data.ndim > 3:
        extra = next(i for i, d in enumerate(dims) if d not in (tname, "latitude", "longitude", "lat", "lon"))
        if dims[extra] == "expver":  # one of the experiments holds each time step, the other is missing
            data = np.nanmax(np.where(np.isfinite(data), data, -np.inf), axis=extra)
            data[~np.isfinite(data)] = np.nan
        elif data.shape[extra] == 1:
            data = data.take(0, axis=extra)
        else:
            raise ReanalysisError(
                p,
                msg(
                    "{name} has an extra dimension {dimension}: expected single levels",
                    name=name,
                    dimension=dims[extra],
                ),
            )
        dims.pop(extra)
    if data.ndim == 2:
        data = data[None]
    if data.ndim != 3 or data.size == 0:
        raise ReanalysisError(
            p,
            msg(
                "{name} has shape {shape}: expected (time, latitude, longitude)", name=name, shape=data.shape
            ),
        )
    return data


def _finish(p, layout, lat, lon, times, found, variables) -> ReanalysisField:
    tcwv_units = next(u for n, u in variables.items() if n in _NAMES["tcwv"])
    factor = _TCWV_UNITS.get(tcwv_units.strip().strip("[]").lower())
    if factor is None:
        raise ReanalysisError(
            p, msg("tcwv units {units!r} unknown: expected kg m**-2 (or g cm-2)", units=tcwv_units)
        )
    found["tcwv"] = found["tcwv"] * factor
    if "t2m" in found:
        t_units = next(u for n, u in variables.items() if n in _NAMES["t2m"])
        if t_units.strip().strip("[]").lower() not in _T_UNITS:
            raise ReanalysisError(p, msg("t2m units {units!r} unknown: expected K", units=t_units))
    if not np.isfinite(found["tcwv"]).any():
        raise ReanalysisError(p, msg("tcwv holds no valid value (all missing)"))
    ok = found["tcwv"][np.isfinite(found["tcwv"])]
    if ok.min() < 0 or ok.max() > 10:
        raise ReanalysisError(
            p,
            msg(
                "tcwv {lo:.2f}…{hi:.2f} g cm-2 after unit conversion: expected 0–10 (wrong units?)",
                lo=ok.min(),
                hi=ok.max(),
            ),
        )
    order_t = np.argsort(np.array([t.timestamp() for t in times]))
    order_y, order_x = np.argsort(lat), np.argsort(lon)
    if lon.max() > 180.0 and lon.min() >= 0.0 and lon.max() - lon.min() < 180.0:
        lon = np.where(lon > 180.0, lon - 360.0, lon)  # a regional 0–360 grid: back to -180…180
        order_x = np.argsort(lon)
    arrays = {k: v[order_t][:, order_y][:, :, order_x] for k, v in found.items()}
    return ReanalysisField(
        str(p),
        layout,
        lat[order_y],
        lon[order_x],
        [times[i] for i in order_t],
        arrays["tcwv"],
        arrays.get("t2m"),
        variables,
    )


def _read_grib(p: Path) -> ReanalysisField:
    import rasterio

    try:
        with rasterio.Env(GRIB_NORMALIZE_UNITS="NO"), rasterio.open(p) as ds:
            tr, w, h = ds.transform, ds.width, ds.height
            per: dict[str, dict[datetime, np.ndarray]] = {}
            variables: dict[str, str] = {}
            for b in range(1, ds.count + 1):
                tags = ds.tags(b)
                key = _GRIB_ELEMENTS.get(tags.get("GRIB_ELEMENT", "").upper())
                if key is None:
                    continue
                when = _grib_time(p, tags)
                data = ds.read(b, masked=True).astype(np.float64).filled(np.nan)
                per.setdefault(key, {})[when] = data
                variables[key] = tags.get("GRIB_UNIT", "").strip("[] ")  # ERA5 short name -> unit
    except rasterio.errors.RasterioIOError as exc:
        raise ReanalysisError(
            p, msg("cannot open as GRIB ({error}): corrupt or truncated file", error=exc)
        ) from exc
    if "tcwv" not in per:
        raise ReanalysisError(p, msg("no total column water vapour message (TCWV) in the GRIB file"))
    times = sorted(per["tcwv"])
    lon = tr.c + (np.arange(w) + 0.5) * tr.a
    lat = tr.f + (np.arange(h) + 0.5) * tr.e
    # GDAL's geotransform puts each GRIB grid point at a pixel centre
    found = {k: np.stack([v.get(t, np.full((h, w), np.nan)) for t in times]) for k, v in per.items()}
    return _finish(p, "GRIB (GDAL)", lat, lon, times, found, variables)


def _grib_time(p: Path, tags: dict[str, str]) -> datetime:
    raw = tags.get("GRIB_VALID_TIME", "")
    m = re.search(r"-?\d+", raw)
    if not m:
        raise ReanalysisError(p, msg("GRIB message without a valid time (GRIB_VALID_TIME {raw!r})", raw=raw))
    return datetime.fromtimestamp(int(m.group()), tz=timezone.utc)
