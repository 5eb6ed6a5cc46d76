"""An ERA5-like single-level NetCDF beside the sample product, as the Copernicus Climate Data Store delivers
it today (dimensions ``valid_time``, ``latitude``, ``longitude``; ``tcwv`` kg m-2, ``t2m`` K, ``sp`` Pa), so
tests, the demo and the benchmarks take the path a user takes (``core.reanalysis``).

The grid is ERA5's 0.25°, covering the scene plus ``MARGIN_DEG``, two hourly fields around the acquisition.
Its water vapour is the truth w with a realistic reanalysis error, drawn per seed from its own random
stream: a scene offset ~ N(0, 0.5 kg m-2 + 5 % of w) — the order of the ERA5-minus-GNSS standard deviations
of 1–2 kg m-2 that Bock & Parracho (2019, Atmos. Chem. Phys. 19:9453–9468, doi:10.5194/acp-19-9453-2019)
report — plus a gentle linear gradient across the grid and a trend between the two hours (both zero at the
scene centre at acquisition time, so they test the interpolation, not add error). The error drawn is in the
file's ``history`` attribute and ``truth/atmosphere.json`` never changes.
``t2m`` is the sample atmosphere's own near-surface air temperature T0 (physics.near_surface_air_temperature:
from the effective upwelling temperature its radiances are made with, air offset included) plus a
scene-constant reanalysis error ~ N(0, SIGMA_T2M_K) from its own stream. SIGMA_T2M_K = 1.5 K: ERA5 and
ERA5-Land 2 m temperature against 94 stations in Portugal have a local RMSE of 1.5-2.0 °C at 52 % of the
stations, below 1.5 °C at 28 % and 2-3 °C at 16 % (Almeida & Coelho 2023, Int. J. Climatol., "A first
assessment of ERA5 and ERA5-Land reanalysis air temperature in Portugal"; its DOI was not at hand here). We
take the lower edge of the common class: hourly values at one grid cell err more, not less, than daily means.
"""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path

import numpy as np
from pyproj import Transformer

ERA5_FILE = "ERA5_SINGLE_LEVELS.nc"
STREAM = 20261204  # the random stream of the reanalysis error (independent of the scene's)
MARGIN_DEG = 0.5
STEP_DEG = 0.25
SIGMA_ABS_KG_M2 = 0.5
SIGMA_REL = 0.05
GRADIENT_KG_M2_PER_DEG = 0.8
TREND_KG_M2_PER_H = 0.3
SIGMA_T2M_K = 1.5  # ERA5 2 m temperature error (module docstring)


def reanalysis_error_kg_m2(seed: int, w_gcm2: float) -> float:
    """The scene offset of the sample's ERA5 water vapour against the truth, kg m-2."""
    rng = np.random.default_rng([seed, STREAM])
    return float(rng.normal(0.0, SIGMA_ABS_KG_M2 + SIGMA_REL * 10.0 * w_gcm2))


def t2m_error_k(seed: int) -> float:
    """The scene offset of the sample's ERA5 t2m against the atmosphere's near-surface air temperature, K."""
    rng = np.random.default_rng([seed, STREAM, 2])
    return float(rng.normal(0.0, SIGMA_T2M_K))


def write_era5(path: str | Path, geo, w_gcm2: float, seed: int, air_temperature_k: float) -> Path:
    """Write the ERA5-like NetCDF for the scene of ``geo`` (generate.SceneGeometry) to ``path``;
    ``air_temperature_k`` is the atmosphere's near-surface air temperature (physics.Atmosphere)."""
    import netCDF4

    t2m_offset = t2m_error_k(seed)

    to_ll = Transformer.from_crs(geo.crs, "EPSG:4326", always_xy=True)
    n = geo.size
    u = np.array([0, n, 0, n, n / 2])
    v = np.array([0, 0, n, n, n / 2])
    lon, lat = to_ll.transform(*geo.xy(u, v))
    lon_c, lat_c = float(lon[-1]), float(lat[-1])
    lons = _axis(lon.min() - MARGIN_DEG, lon.max() + MARGIN_DEG)
    lats = _axis(lat.min() - MARGIN_DEG, lat.max() + MARGIN_DEG)[::-1]  # ERA5: north to south
    when = geo.when.astimezone(timezone.utc)
    h0 = when.replace(minute=0, second=0, microsecond=0)
    hours = [h0, h0 + timedelta(hours=1)]
    offset = reanalysis_error_kg_m2(seed, w_gcm2)
    base = 10.0 * w_gcm2 + offset
    yy, xx = np.meshgrid(lats - lat_c, lons - lon_c, indexing="ij")
    fields = []
    for h in hours:
        dt_h = (h - when).total_seconds() / 3600.0
        fields.append(base + GRADIENT_KG_M2_PER_DEG * (0.6 * yy - 0.8 * xx) + TREND_KG_M2_PER_H * dt_h)
    tcwv = np.clip(np.stack(fields), 0.1, None).astype(np.float32)
    path = Path(path)
    with netCDF4.Dataset(str(path), "w", format="NETCDF4") as ds:
        ds.createDimension("valid_time", len(hours))
        ds.createDimension("latitude", lats.size)
        ds.createDimension("longitude", lons.size)
        t = ds.createVariable("valid_time", "i8", ("valid_time",))
        t.units, t.calendar, t.standard_name = "seconds since 1970-01-01", "proleptic_gregorian", "time"
        t[:] = [int(h.timestamp()) for h in hours]
        la = ds.createVariable("latitude", "f8", ("latitude",))
        la.units, la.standard_name = "degrees_north", "latitude"
        la[:] = lats
        lo = ds.createVariable("longitude", "f8", ("longitude",))
        lo.units, lo.standard_name = "degrees_east", "longitude"
        lo[:] = lons
        dims = ("valid_time", "latitude", "longitude")
        for name, units, long_name, data in (
            ("tcwv", "kg m**-2", "Total column vapour", tcwv),
            ("t2m", "K", "2 metre temperature", np.full_like(tcwv, air_temperature_k + t2m_offset)),
            ("sp", "Pa", "Surface pressure", np.full_like(tcwv, 98000.0)),
        ):
            var = ds.createVariable(name, "f4", dims, fill_value=np.float32(np.nan))
            var.units, var.long_name = units, long_name
            var[:] = data
        ds.Conventions = "CF-1.7"
        ds.institution = "European Centre for Medium-Range Weather Forecasts (sample imitation)"
        ds.history = (
            f"LST Studio sample generator, seed {seed}: tcwv = truth {10 * w_gcm2:.3f} kg m-2 "
            f"{offset:+.3f} kg m-2 at the scene centre at {when:%Y-%m-%dT%H:%M:%SZ}; t2m = near-surface air "
            f"{air_temperature_k:.3f} K {t2m_offset:+.3f} K"
        )
    return path


def _axis(lo: float, hi: float) -> np.ndarray:
    a = np.floor(lo / STEP_DEG) * STEP_DEG
    b = np.ceil(hi / STEP_DEG) * STEP_DEG
    return np.round(np.arange(a, b + STEP_DEG / 2, STEP_DEG), 4)
