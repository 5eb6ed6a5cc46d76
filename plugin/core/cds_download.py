"""Optional download of the ERA5 single-level fields around a scene from the Copernicus Climate Data Store,
with the user's own credentials, through the official client (``cdsapi``; Debian python3-cdsapi).

Only when the user asks: nothing here runs at import and ``cdsapi`` is imported inside ``download_era5``.
Credentials are the client's own: ``url``/``key`` given here, else ``CDSAPI_URL``/``CDSAPI_KEY`` or
``~/.cdsapirc`` (https://cds.climate.copernicus.eu/how-to-api). The file goes into a cache folder under a name
made of the hours and the area, so a second run (or an offline one) reuses it without a request. Offline, or
with the server unreachable, it stops with one line saying so (``CdsUnavailable``).
Note: the 2024 CDS needs cdsapi >= 0.7; Debian 12 ships 0.5.1, which speaks the legacy API.
"""

from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlparse

from .errors import LstError
from .messages import msg

DATASET = "reanalysis-era5-single-levels"
VARIABLES = ["total_column_water_vapour", "2m_temperature", "surface_pressure"]
MARGIN_DEG = 0.5  # around the scene, so bilinear interpolation has grid points on every side
CONNECT_TIMEOUT_S = 5.0


class CdsUnavailable(LstError):
    """The CDS cannot be reached or refused the request (one line, for the message bar)."""


def cache_name(when: datetime, area: tuple[float, float, float, float]) -> str:
    """File name for the two hours around ``when`` and ``area`` (north, west, south, east in degrees)."""
    t = when.astimezone(timezone.utc)
    n, w, s, e = (round(v, 2) for v in area)
    return f"era5_{t:%Y%m%dT%H}_{n:+.2f}_{w:+.2f}_{s:+.2f}_{e:+.2f}.nc"


def request_for(when: datetime, lon: tuple[float, float], lat: tuple[float, float]) -> tuple[dict, tuple]:
    """The CDS request (both hours bracketing ``when``) and the area it covers (N, W, S, E)."""
    t = when.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)
    hours = [t, t + timedelta(hours=1)]
    area = (
        min(90.0, lat[1] + MARGIN_DEG),
        lon[0] - MARGIN_DEG,
        max(-90.0, lat[0] - MARGIN_DEG),
        lon[1] + MARGIN_DEG,
    )
    days = sorted({h.strftime("%Y-%m-%d") for h in hours})
    request = {
        "product_type": ["reanalysis"],
        "variable": VARIABLES,
        "year": sorted({d[:4] for d in days}),
        "month": sorted({d[5:7] for d in days}),
        "day": sorted({d[8:] for d in days}),
        "time": sorted({h.strftime("%H:00") for h in hours}),
        "area": [round(v, 2) for v in area],
        "data_format": "netcdf",  # CDS 2024
        "format": "netcdf",  # legacy CDS API
        "download_format": "unarchived",
    }
    return request, area


def download_era5(
    when: datetime,
    lon: tuple[float, float],
    lat: tuple[float, float],
    cache_dir: str | Path,
    url: str | None = None,
    key: str | None = None,
) -> Path:
    """The ERA5 file for the scene (lon/lat ranges in degrees) at ``when``: from the cache, else downloaded."""
    request, area = request_for(when, lon, lat)
    cache = Path(cache_dir)
    target = cache / cache_name(when, area)
    if target.is_file() and target.stat().st_size > 0:
        return target
    try:
        import cdsapi
    except ImportError as exc:
        raise CdsUnavailable(msg("CDS download needs the Python package cdsapi (python3-cdsapi)")) from exc
    try:
        client = cdsapi.Client(
            url=url, key=key, quiet=True, progress=False, retry_max=1, sleep_max=1, delete=False
        )
    except Exception as exc:  # the client's own message: missing ~/.cdsapirc or CDSAPI_URL/KEY
        raise CdsUnavailable(msg("CDS credentials missing: {error}", error=exc)) from exc
    _check_reachable(client.url)
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    try:
        client.retrieve(DATASET, request, str(partial))
    except Exception as exc:
        partial.unlink(missing_ok=True)
        raise CdsUnavailable(
            msg("CDS request failed ({url}): {error}", url=client.url, error=str(exc).splitlines()[0][:200])
        ) from exc
    partial.replace(target)
    return target


def _check_reachable(url: str) -> None:
    u = urlparse(url)
    port = u.port or (443 if u.scheme == "https" else 80)
    try:
        with socket.create_connection((u.hostname, port), timeout=CONNECT_TIMEOUT_S):
            pass
    except OSError as exc:
        raise CdsUnavailable(
            msg(
                "Offline: cannot reach the CDS at {host}:{port} ({error})",
                host=u.hostname,
                port=port,
                error=exc.strerror or exc,
            )
        ) from exc
