"""The satellite ephemeris of a Landsat ``*_ANG.txt``: per-pixel view angles and imaging times.

USGS Landsat Level-1 products come with an angle coefficient file (``FILE_NAME_ANGLE_COEFFICIENT`` in
the MTL; Landsat 8 Angles Creation Algorithm Description Document, USGS LSDS-1928) whose ``EPHEMERIS``
group gives the spacecraft position in ECEF metres at 1 s steps (``EPHEMERIS_TIME`` seconds after
``EPHEMERIS_EPOCH_YEAR``/``_DAY``/``_SECONDS``). LST Studio uses that ephemeris, not the per-band RPC
angle polynomials: a pushbroom images a ground point when the line of sight is perpendicular to the
velocity, so the imaging time is the root of ``(S(t) - P) . V(t)`` (linear between ephemeris points) and
the view vector is ``S(t) - P``, expressed in the local east/north/up frame of the WGS84 ellipsoid.
Along-track focal-plane offsets of the bands (well below a degree) are neglected: the view zenith is
exact to about 0.05 deg and the time to the band's along-track offset, below 1 s (``ACCURACY_S``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from .errors import ProductError
from .messages import msg

ACCURACY_S = 1.0
WGS84_A, WGS84_E2 = 6378137.0, 6.69437999014e-3  # NIMA TR8350.2 (2000)
_KEYS = ("EPHEMERIS_TIME", "EPHEMERIS_ECEF_X", "EPHEMERIS_ECEF_Y", "EPHEMERIS_ECEF_Z")


@dataclass
class Ephemeris:
    path: Path
    epoch: datetime  # UTC
    seconds: np.ndarray  # (n,) after epoch
    xyz: np.ndarray  # (n, 3) ECEF metres


def find_ang(mtl_path: str | Path | None) -> Path | None:
    """The ``*_ANG.txt`` beside an MTL, or None."""
    if not mtl_path:
        return None
    hits = sorted(Path(mtl_path).parent.glob("*_ANG.txt"))
    return hits[0] if hits else None


def read_ang(path: Path) -> Ephemeris:
    text = path.read_text(encoding="utf-8", errors="replace")
    group = re.search(r"GROUP\s*=\s*EPHEMERIS\s*(.*?)END_GROUP\s*=\s*EPHEMERIS", text, flags=re.DOTALL)
    if group is None:
        raise ProductError(path, "GROUP = EPHEMERIS", msg("missing; expected the spacecraft ephemeris"))
    body = group.group(1)
    epoch = _epoch(path, body)
    arrays = {}
    for key in _KEYS:
        m = re.search(rf"\b{key}\s*=\s*\((.*?)\)", body, flags=re.DOTALL)
        try:
            arrays[key] = np.array([float(v) for v in m.group(1).replace("\n", " ").split(",")])
        except (AttributeError, ValueError) as exc:
            raise ProductError(path, key, msg("missing or not a list of numbers")) from exc
    n = arrays["EPHEMERIS_TIME"].size
    if n < 2 or any(a.size != n for a in arrays.values()):
        raise ProductError(
            path, "EPHEMERIS_ECEF_X/Y/Z", msg("expected {count} (>= 2) points per coordinate", count=n)
        )
    xyz = np.stack([arrays[k] for k in _KEYS[1:]], axis=-1)
    return Ephemeris(path, epoch, arrays["EPHEMERIS_TIME"], xyz)


def _epoch(path: Path, body: str) -> datetime:
    values = []
    for key in ("EPHEMERIS_EPOCH_YEAR", "EPHEMERIS_EPOCH_DAY", "EPHEMERIS_EPOCH_SECONDS"):
        m = re.search(rf"\b{key}\s*=\s*([-+0-9.eE]+)", body)
        if m is None:
            raise ProductError(path, key, msg("missing; expected the ephemeris epoch"))
        values.append(float(m.group(1)))
    year, day, seconds = values
    return datetime(int(year), 1, 1, tzinfo=timezone.utc) + timedelta(days=day - 1, seconds=seconds)


def ecef(lon, lat, height=0.0) -> np.ndarray:
    """(..., 3) ECEF metres of geodetic lon/lat (degrees) on WGS84."""
    lam, phi = np.radians(lon), np.radians(lat)
    n = WGS84_A / np.sqrt(1.0 - WGS84_E2 * np.sin(phi) ** 2)
    return np.stack(
        [
            (n + height) * np.cos(phi) * np.cos(lam),
            (n + height) * np.cos(phi) * np.sin(lam),
            (n * (1.0 - WGS84_E2) + height) * np.sin(phi),
        ],
        axis=-1,
    )


def look(eph: Ephemeris, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """(seconds after ``eph.epoch``, unit view vector (..., 3) east/north/up) of ground points lon/lat.

    NaN where the point is not imaged within the ephemeris span."""
    p = ecef(lon, lat)
    velocity = np.gradient(eph.xyz, eph.seconds, axis=0)
    f = np.einsum("...nk,nk->...n", eph.xyz - p[..., None, :], velocity)  # (..., n)
    crossing = (f[..., :-1] > 0) != (f[..., 1:] > 0)
    has = crossing.any(axis=-1)
    i = np.argmax(crossing, axis=-1)
    f0 = np.take_along_axis(f, i[..., None], -1)[..., 0]
    f1 = np.take_along_axis(f, (i + 1)[..., None], -1)[..., 0]
    frac = f0 / np.where(f0 != f1, f0 - f1, 1.0)
    t = eph.seconds[i] + frac * (eph.seconds[i + 1] - eph.seconds[i])
    sat = eph.xyz[i] + frac[..., None] * (eph.xyz[i + 1] - eph.xyz[i])
    los = sat - p
    lam, phi = np.radians(lon), np.radians(lat)
    east = np.stack([-np.sin(lam), np.cos(lam), np.zeros_like(lam)], axis=-1)
    north = np.stack([-np.sin(phi) * np.cos(lam), -np.sin(phi) * np.sin(lam), np.cos(phi)], axis=-1)
    up = np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)
    enu = np.stack([(los * e).sum(-1) for e in (east, north, up)], axis=-1)
    enu /= np.linalg.norm(enu, axis=-1, keepdims=True)
    t = np.where(has, t, np.nan)
    enu[~has] = np.nan
    return t, enu


def angles_from_enu(enu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """View zenith and azimuth (degrees) of unit east/north/up vectors (..., 3)."""
    zenith = np.degrees(np.arccos(np.clip(enu[..., 2], -1.0, 1.0)))
    azimuth = np.degrees(np.arctan2(enu[..., 0], enu[..., 1])) % 360.0
    return zenith, azimuth
