"""Per-pixel solar and view geometry, and the along-track frame of a pushbroom scene.

Conventions (as core.products.scene): degrees, azimuth clockwise from north; the view azimuth is the
direction from the pixel towards the satellite, the view zenith the angle between the local vertical and
that direction.

- Solar position: Michalsky 1988, "The Astronomical Almanac's algorithm for approximate solar position
  (1950-2050)", Solar Energy 40(3):227-235, doi:10.1016/0038-092X(88)90045-X; about 0.01 degree,
  geometric (no refraction: below 0.02 degree above 45 degrees of elevation).
- Orbit and track: a circular sun-synchronous orbit. The ground-track heading at latitude phi follows
  from the inclination i (inertial track: cos i = cos phi * sin a) with the Earth's rotation removed from
  the eastward velocity (e.g. Capderou 2014, "Handbook of Satellite Orbits", ch. 8,
  doi:10.1007/978-3-319-03416-4). Landsat 8/9: i = 98.2 deg, 705 km, period 98.9 min (USGS Landsat 8
  Data Users Handbook, LSDS-1574 v5, section 2). Day scenes are descending passes, night scenes
  ascending (a sun-synchronous morning orbit).
- View geometry of a nadir-centred pushbroom on a spherical Earth: a ground point at cross-track arc
  distance d from the nadir track subtends the Earth-centre angle g = d / R; the sensor's off-nadir angle
  is atan(R sin g / (R + h - R cos g)) and the view zenith at the ground that angle plus g.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
from pyproj import Geod

R_EARTH_KM = 6371.0088  # IUGG mean Earth radius (Moritz 2000, Bulletin Geodesique 74:128)
OMEGA_EARTH = 7.2921150e-5  # rad/s, Earth's rotation rate (IERS Conventions 2010, TN 36)
J2000 = 2451545.0  # Julian day of 2000-01-01 12:00 TT (UT here: 69 s make 0.0003 degree)
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Orbit:
    name: str
    inclination_deg: float
    altitude_km: float
    period_s: float


# USGS Landsat 8 Data Users Handbook (LSDS-1574 v5), section 2: WRS-2, 705 km, 98.2 deg, 98.9 min.
LANDSAT_ORBIT = Orbit("Landsat 8/9 (WRS-2)", 98.2, 705.0, 98.9 * 60.0)


def julian_day(when: datetime) -> float:
    """Julian day (UT) of a timezone-aware datetime."""
    when = when.astimezone(timezone.utc)
    epoch = datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
    return J2000 + (when - epoch).total_seconds() / 86400.0


def solar_position(jd, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Solar zenith and azimuth (degrees) at Julian day(s) ``jd`` (UT) and lon/lat (degrees), Michalsky 1988."""
    n = np.asarray(jd, dtype=np.float64) - J2000
    mean_lon = np.mod(280.460 + 0.9856474 * n, 360.0)
    anomaly = np.radians(np.mod(357.528 + 0.9856003 * n, 360.0))
    ecl = np.radians(mean_lon + 1.915 * np.sin(anomaly) + 0.020 * np.sin(2 * anomaly))
    obliquity = np.radians(23.439 - 0.0000004 * n)
    ra = np.arctan2(np.cos(obliquity) * np.sin(ecl), np.cos(ecl))
    dec = np.arcsin(np.sin(obliquity) * np.sin(ecl))
    # Greenwich mean sidereal time, hours (USNO: 18.697374558 + 24.06570982441908 D)
    gmst = np.mod(18.697374558 + 24.06570982441908 * n, 24.0)
    hour_angle = np.radians(gmst * 15.0 + np.asarray(lon, dtype=np.float64)) - ra
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    cos_zen = np.sin(dec) * np.sin(phi) + np.cos(dec) * np.cos(phi) * np.cos(hour_angle)
    zenith = np.degrees(np.arccos(np.clip(cos_zen, -1.0, 1.0)))
    azimuth = np.degrees(
        np.arctan2(
            -np.cos(dec) * np.sin(hour_angle),
            np.sin(dec) * np.cos(phi) - np.cos(dec) * np.cos(hour_angle) * np.sin(phi),
        )
    )
    return zenith, np.mod(azimuth, 360.0)


def ground_velocity(lat_deg: float, orbit: Orbit, descending: bool) -> tuple[float, float]:
    """(heading in degrees clockwise from north, speed in km/s) of the sub-satellite point over the ground."""
    phi = math.radians(lat_deg)
    ratio = math.cos(math.radians(orbit.inclination_deg)) / max(math.cos(phi), 1e-6)
    alpha = math.asin(max(-1.0, min(1.0, ratio)))  # inertial heading from north (ascending branch)
    v_inertial = 2.0 * math.pi * R_EARTH_KM / orbit.period_s  # sub-satellite speed, non-rotating Earth
    north = v_inertial * math.cos(alpha) * (-1.0 if descending else 1.0)
    east = v_inertial * math.sin(alpha) - OMEGA_EARTH * R_EARTH_KM * math.cos(phi)
    return math.degrees(math.atan2(east, north)) % 360.0, math.hypot(east, north)


@dataclass(frozen=True)
class TrackFrame:
    """Along-/cross-track coordinates (km) about a point on the nadir track, heading ``heading_deg``."""

    lon0: float
    lat0: float
    heading_deg: float

    def local(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        """(along, cross) km of lon/lat from the centre: along positive in flight direction, cross to the right."""
        lon = np.asarray(lon, dtype=np.float64)
        lat = np.asarray(lat, dtype=np.float64)
        az, _, dist = _GEOD.inv(np.full(lon.shape, self.lon0), np.full(lat.shape, self.lat0), lon, lat)
        rel = np.radians(np.asarray(az) - self.heading_deg)
        d = np.asarray(dist) / 1000.0
        return d * np.cos(rel), d * np.sin(rel)


def view_angles(cross_km, heading_deg: float, altitude_km: float) -> tuple[np.ndarray, np.ndarray]:
    """View zenith and azimuth (degrees) of ground points ``cross_km`` to the right of the nadir track."""
    cross = np.asarray(cross_km, dtype=np.float64)
    g = np.abs(cross) / R_EARTH_KM
    off_nadir = np.arctan2(R_EARTH_KM * np.sin(g), R_EARTH_KM + altitude_km - R_EARTH_KM * np.cos(g))
    zenith = np.degrees(off_nadir + g)
    # right of track the satellite is seen towards the left (heading - 90), and vice versa
    azimuth = np.where(cross > 0, heading_deg - 90.0, heading_deg + 90.0) % 360.0
    return zenith, azimuth
