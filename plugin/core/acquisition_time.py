"""Acquisition time of each pixel of a pushbroom scene: an along-track time model.

A pushbroom sensor images one line across the track at a time, so the acquisition time of a ground point
is fixed by its distance along the ground track: ``t = t_centre + along_km / v_ground`` where
``t_centre`` is the time at which the scene centre was imaged and ``v_ground`` the ground speed of the
sub-satellite point (core.angles.ground_velocity: circular sun-synchronous orbit, Earth rotation removed).

- Products with a temporal range (FarEarth: ``start``/``end``): the centre of the footprint is taken as
  imaged at the middle of the range. Every pixel time is checked to lie within the range (a model that
  leaves it is reported in ``warnings``).
- Products with one time (Landsat MTL ``SCENE_CENTER_TIME``): that time belongs to the scene centre,
  found where the product's sun angles hold at that time (USGS states SUN_ELEVATION/SUN_AZIMUTH for the
  scene centre), else taken as the centre of the product corners.

The layer stores seconds since ``reference`` (the earliest time the model gives to the scene footprint),
so all values are positive.

Accuracy (1 sigma, stated in the metadata): the time of a line is exact to the model's ground speed
(orbit period and inclination within 0.1 %: below 0.02 s at 100 km); what dominates is where the centre
time belongs: a 2 km error in the centre position is 0.3 s, and a 1 degree heading error moves the
isochrone by 1.6 km at the 92 km swath edge, 0.25 s. ``ACCURACY_S`` adds them in quadrature: a centre
located by the sun angles is good to 1.1 km (0.01 deg of solar position), a Landsat product frame's
centre to about 5 km (0.75 s; Collection 1 frames are within 2 km, the pre-collection one 19.5 km off).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from pyproj import Geod
from scipy.optimize import least_squares  # at import, not on a worker thread (core.morphology)

from .angles import LANDSAT_ORBIT, Orbit, TrackFrame, ground_velocity, julian_day, solar_position
from .aoi import ring_centre
from .messages import msg

# 1-sigma accuracy of the per-pixel time (see the module docstring), seconds
ACCURACY_S = {
    "temporal_range": round(math.hypot(0.3, 0.25), 2),
    "scene_centre_time": round(math.hypot(0.75, 0.25), 2),
    # centre from the sun angles: 0.01 deg of solar position is 1.1 km on the ground, 0.16 s
    "scene_centre_time_and_sun": round(math.hypot(0.16, 0.25), 2),
}
MAX_CENTRE_SHIFT_M = 50_000.0  # a sun-located centre farther from the frame's centre is not believed
_GEOD = Geod(ellps="WGS84")


@dataclass
class AlongTrackTime:
    frame: TrackFrame
    centre_time: datetime
    speed_kms: float
    reference: datetime  # time of value 0 in the layer
    basis: str  # "temporal_range" | "scene_centre_time"
    orbit: Orbit
    warnings: list[str] = field(default_factory=list)

    def seconds_from_along(self, along_km) -> np.ndarray:
        """Seconds since ``reference`` at ``along_km`` from the scene centre along the track."""
        return along_km / self.speed_kms + (self.centre_time - self.reference).total_seconds()

    def describe(self) -> dict[str, Any]:
        f = self.frame
        return {
            "model": "t = t_centre + along_km / v_ground",
            "basis": self.basis,
            "reference_datetime": _iso(self.reference),
            "centre_datetime": _iso(self.centre_time),
            "centre_lonlat": [round(f.lon0, 6), round(f.lat0, 6)],
            "heading_deg": round(f.heading_deg, 4),
            "ground_speed_km_s": round(self.speed_kms, 5),
            "along_km": "geodesic distance from the centre (WGS84) projected on the heading",
            "orbit": {
                "name": self.orbit.name,
                "inclination_deg": self.orbit.inclination_deg,
                "altitude_km": self.orbit.altitude_km,
                "period_s": self.orbit.period_s,
            },
            "accuracy_s": ACCURACY_S[self.basis],
            "layer": "seconds since reference_datetime (UTC)",
        }


def _iso(dt: datetime) -> str:
    return dt.isoformat().replace("+00:00", "Z")


def sun_centre(when: datetime, sun_elevation: float, sun_azimuth: float, guess: tuple[float, float]):
    """The lon/lat where the sun stands at ``sun_elevation``/``sun_azimuth`` at ``when`` (Michalsky 1988),
    searched from ``guess``: the scene centre of a product whose sun angles are those of its centre."""
    jd = julian_day(when)
    cos_el = math.cos(math.radians(sun_elevation))

    def residual(p):
        zen, az = solar_position(jd, p[0], p[1])
        d_az = (float(az) - sun_azimuth + 180.0) % 360.0 - 180.0
        return [90.0 - float(zen) - sun_elevation, d_az * cos_el]

    fit = least_squares(residual, list(guess), x_scale=0.1)
    return float(fit.x[0]), float(fit.x[1]), float(np.max(np.abs(fit.fun)))


def time_model(
    start: datetime,
    end: datetime,
    footprint_lonlat: list[tuple[float, float]],
    is_day: bool,
    orbit: Orbit = LANDSAT_ORBIT,
    sun: tuple[float, float] | None = None,
) -> AlongTrackTime:
    """The model of a scene from its temporal range (or single time) and footprint ring (lon/lat).

    With one time (Landsat SCENE_CENTER_TIME) and ``sun`` = (elevation, azimuth) stated for the scene
    centre at that time (MTL SUN_ELEVATION/SUN_AZIMUTH, LSDS-1574), the centre is where the sun stands so
    (``sun_centre``): the product frame's centre is within 2 km of it for Collection 1 scenes, but 19.5 km
    off for the pre-collection scene of ../shared/data/real-landsat."""
    lon0, lat0 = ring_centre(footprint_lonlat)
    basis = "temporal_range" if end > start else "scene_centre_time"
    notes = []
    if basis == "scene_centre_time" and sun is not None and None not in sun:
        lon1, lat1, misfit = sun_centre(start, sun[0], sun[1], (lon0, lat0))
        _, _, moved = _GEOD.inv(lon0, lat0, lon1, lat1)
        if misfit < 0.01 and moved < MAX_CENTRE_SHIFT_M:
            lon0, lat0, basis = lon1, lat1, "scene_centre_time_and_sun"
        else:
            notes.append(
                f"scene centre from the product corners: the stated sun angles point {moved / 1000:.1f} km "
                f"away (misfit {misfit:.3f} deg)"
            )
    heading, speed = ground_velocity(lat0, orbit, descending=is_day)
    frame = TrackFrame(lon0, lat0, heading)
    centre_time = start + (end - start) / 2
    along, _ = frame.local([p[0] for p in footprint_lonlat], [p[1] for p in footprint_lonlat])
    first = centre_time + timedelta(seconds=float(np.min(along)) / speed)
    last = centre_time + timedelta(seconds=float(np.max(along)) / speed)
    model = AlongTrackTime(frame, centre_time, speed, first, basis, orbit, notes)
    if basis == "temporal_range":
        model.reference = start
        slack = timedelta(seconds=ACCURACY_S[basis])
        if first < start - slack or last > end + slack:
            model.warnings.append(
                msg(
                    "along-track time model spans {first} to {last}, beyond the product's temporal range {start} to {end}",
                    first=_iso(first),
                    last=_iso(last),
                    start=_iso(start),
                    end=_iso(end),
                )
            )
            model.reference = min(start, first)
    return model
