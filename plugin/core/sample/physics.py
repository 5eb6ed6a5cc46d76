"""Physics of the sample generator: Planck band functions, the stated atmosphere, the Sun's position.

Units: radiance W m-2 sr-1 um-1, temperatures K, angles degrees, water vapour g cm-2.

Atmosphere (one scene-constant atmosphere; the truth writes the numbers):

- TIRS B10 (``lwir11``): transmittance τ, upwelling Lu and downwelling Ld are the *exact* inverse of
  the Jiménez-Muñoz et al. (2014) atmospheric functions ψk(w) = ck1·w² + ck2·w + ck3 with
  ψ1 = 1/τ, ψ2 = −Ld − Lu/τ, ψ3 = Ld (Jiménez-Muñoz, Sobrino, Skoković, Mattar, Cristóbal 2014,
  IEEE GRSL 11(10):1840–1843, doi:10.1109/LGRS.2014.2312032). So the single-channel algorithm with
  the true w uses exactly the atmosphere the radiances were made with.
- TIRS B11 (``lwir12``): water vapour absorbs more strongly at 12 µm. We take the B11 absorptance
  1 − τ11 = (1 + k)·(1 − τ10) with k = 0.6, and the same effective emitting-layer temperatures as
  B10 (Tu = B10⁻¹(Lu10 / (1 − τ10)), Td = B10⁻¹(Ld10 / (1 − τ10))), so Lu11 = (1 − τ11)·B11(Tu),
  Ld11 = (1 − τ11)·B11(Td). k is our own choice, fitted so that the JM2014 split-window
  (c1 = 1.378) with the true w and emissivities reproduces the true LST of the sample's clear land
  (≈295–315 K) with an RMSE of about 0.5 K for w = 0.8, 2.0 and 3.5 g cm-2 (bias −0.5 to +0.1 K).
- Off the regression (``air_offset_k``, only with ``error_sources=True``, see error_sources.py): the
  effective emitting-layer temperatures Tu and Td of both bands are shifted by ΔTa, τ unchanged, so
  the atmosphere leaves the ψ(w) regression the way real atmospheres of the same w do.
- Near-surface air temperature T0 (``Atmosphere.near_surface_air_k``): from the B10 effective upwelling
  temperature Tu (ΔTa included) through Qin et al. (2001)'s Ta = a + b·T0 (``QIN2001_MLS``), so a warmer
  atmosphere at the same w has warmer surface air, as in real atmospheres; the ERA5 ``t2m`` is derived from it.
- Water-vapour presets: dry 0.8, mid 2.0, humid 3.5 g cm-2 (mid-latitude winter / spring / humid
  summer columns; JM2014 single-channel is valid up to ≈3 g cm-2, so "humid" is meant to stress it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

# USGS Landsat-9 TIRS-2 thermal constants (Collection 2 MTL, LEVEL1_THERMAL_CONSTANTS; spec-notes §1.5).
K1 = {"lwir11": 799.0284, "lwir12": 475.6581}  # W m-2 sr-1 um-1
K2 = {"lwir11": 1329.2405, "lwir12": 1198.3494}  # K

# JM2014 B10 ψ coefficients (Jiménez-Muñoz et al. 2014, doi:10.1109/LGRS.2014.2312032), rows ψ1..ψ3, (c·w², c·w, c).
JM2014_PSI_B10 = (
    (0.04019, 0.02916, 1.01523),
    (-0.38333, -1.50294, 0.20324),
    (0.00918, 1.36072, -0.27514),
)
# Our B11 absorptance factor (see the module docstring): 1 − τ11 = (1 + B11_EXTRA_ABSORPTION)·(1 − τ10).
B11_EXTRA_ABSORPTION = 0.6

WATER_VAPOUR_PRESETS = {"dry": 0.8, "mid": 2.0, "humid": 3.5}  # g cm-2

# Effective mean atmospheric temperature Ta against near-surface (2 m) air temperature T0, Ta = a + b·T0, for
# the mid-latitude summer model atmosphere (Qin, Karnieli & Berliner 2001, Int. J. Remote Sens.
# 22(18):3719-3746, doi:10.1080/01431160010006971, the mono-window algorithm's Table; tropical and
# mid-latitude winter differ by < 1.5 K in T0 over 270-300 K). Here Ta is the effective upwelling temperature
# Tu of B10, which gives T0 = 281.6 / 293.0 / 298.3 K at w = 0.8 / 2 / 4 g cm-2 (plausible for those columns).
QIN2001_MLS = (16.0110, 0.92621)


def planck(band: str, t: np.ndarray | float) -> np.ndarray:
    """Band radiance of a black body at temperature t (K): L = K1 / (exp(K2/T) − 1)."""
    return K1[band] / np.expm1(K2[band] / np.asarray(t, dtype=np.float64))


def inverse_planck(band: str, radiance: np.ndarray | float) -> np.ndarray:
    """Brightness temperature (K) of a band radiance: T = K2 / ln(K1/L + 1)."""
    return K2[band] / np.log(K1[band] / np.asarray(radiance, dtype=np.float64) + 1.0)


@dataclass(frozen=True)
class BandAtmosphere:
    transmittance: float
    upwelling: float  # W m-2 sr-1 um-1
    downwelling: float  # W m-2 sr-1 um-1


@dataclass(frozen=True)
class Atmosphere:
    water_vapour_gcm2: float
    bands: dict[str, BandAtmosphere]
    near_surface_air_k: float | None = None  # T0 of the layers the radiances were made with (QIN2001_MLS)

    def to_json(self) -> dict:
        return {
            "water_vapour_gcm2": self.water_vapour_gcm2,
            "near_surface_air_temperature_k": self.near_surface_air_k,
            **{
                name: {
                    "transmittance": b.transmittance,
                    "upwelling": b.upwelling,
                    "downwelling": b.downwelling,
                    "units": "radiance W m-2 sr-1 um-1",
                }
                for name, b in self.bands.items()
            },
        }


def jm2014_psi(w: float) -> tuple[float, float, float]:
    """The three JM2014 B10 atmospheric functions at water vapour w (g cm-2)."""
    return tuple(a * w * w + b * w + c for a, b, c in JM2014_PSI_B10)  # type: ignore[return-value]


def atmosphere_for(water_vapour_gcm2: float, air_offset_k: float = 0.0) -> Atmosphere:
    """τ, Lu, Ld for both TIRS bands at water vapour w, layer temperatures shifted by ``air_offset_k``."""
    w = float(water_vapour_gcm2)
    psi1, psi2, psi3 = jm2014_psi(w)
    tau10 = 1.0 / psi1
    ld10 = psi3
    lu10 = -tau10 * (psi2 + ld10)
    t_up = float(inverse_planck("lwir11", lu10 / (1.0 - tau10)))
    t_down = float(inverse_planck("lwir11", ld10 / (1.0 - tau10)))
    if air_offset_k:
        t_up += air_offset_k
        t_down += air_offset_k
        lu10 = (1.0 - tau10) * float(planck("lwir11", t_up))
        ld10 = (1.0 - tau10) * float(planck("lwir11", t_down))
    tau11 = 1.0 - (1.0 + B11_EXTRA_ABSORPTION) * (1.0 - tau10)
    lu11 = (1.0 - tau11) * float(planck("lwir12", t_up))
    ld11 = (1.0 - tau11) * float(planck("lwir12", t_down))
    return Atmosphere(
        w,
        {
            "lwir11": BandAtmosphere(tau10, lu10, ld10),
            "lwir12": BandAtmosphere(tau11, lu11, ld11),
        },
        near_surface_air_temperature(t_up),
    )


def near_surface_air_temperature(t_up_k: float) -> float:
    """Near-surface air temperature T0 (K) of an atmosphere whose effective upwelling-path temperature is
    ``t_up_k``: the inverse of Ta = a + b·T0 (QIN2001_MLS), so T0 moves with the layers (and ΔTa) the
    radiances are made with; this is what the sample's ERA5 ``t2m`` is derived from (era5.py)."""
    a, b = QIN2001_MLS
    return (float(t_up_k) - a) / b


def at_sensor_radiance(band: str, lst: np.ndarray, emissivity: np.ndarray, atm: BandAtmosphere) -> np.ndarray:
    """Clear-sky radiative transfer equation: L = τ·[ε·B(Ts) + (1 − ε)·Ld] + Lu."""
    return (
        atm.transmittance * (emissivity * planck(band, lst) + (1.0 - emissivity) * atm.downwelling)
        + atm.upwelling
    )


# --- the Sun ---------------------------------------------------------------------------------------


def sun_position(when: datetime, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solar zenith and azimuth (degrees, azimuth clockwise from north) for a UTC time.

    NOAA general solar position (fractional-year series for the equation of time and declination,
    Spencer 1971 "Fourier series representation of the position of the sun", Search 2(5):172),
    accurate to about 0.1°, which is ample for a synthetic scene.
    """
    when = when.astimezone(timezone.utc)
    doy = when.timetuple().tm_yday
    hour = when.hour + when.minute / 60 + when.second / 3600
    g = 2 * math.pi / 365 * (doy - 1 + (hour - 12) / 24)
    eqtime = 229.18 * (
        0.000075
        + 0.001868 * math.cos(g)
        - 0.032077 * math.sin(g)
        - 0.014615 * math.cos(2 * g)
        - 0.040849 * math.sin(2 * g)
    )
    decl = (
        0.006918
        - 0.399912 * math.cos(g)
        + 0.070257 * math.sin(g)
        - 0.006758 * math.cos(2 * g)
        + 0.000907 * math.sin(2 * g)
        - 0.002697 * math.cos(3 * g)
        + 0.00148 * math.sin(3 * g)
    )
    lon = np.asarray(lon, dtype=np.float64)
    lat_r = np.radians(np.asarray(lat, dtype=np.float64))
    true_solar_minutes = hour * 60 + eqtime + 4 * lon
    hour_angle = np.radians(true_solar_minutes / 4 - 180)
    cos_zen = np.sin(lat_r) * math.sin(decl) + np.cos(lat_r) * math.cos(decl) * np.cos(hour_angle)
    zen = np.arccos(np.clip(cos_zen, -1, 1))
    # azimuth clockwise from north
    az = np.degrees(
        np.arctan2(
            np.sin(hour_angle),
            np.cos(hour_angle) * np.sin(lat_r) - math.tan(decl) * np.cos(lat_r),
        )
    )
    az = (az + 180.0) % 360.0
    return np.degrees(zen), az


def earth_sun_distance(when: datetime) -> float:
    """Earth–Sun distance in AU (first harmonic of the orbit, eccentricity 0.01672, perihelion ≈ Jan 4)."""
    doy = when.timetuple().tm_yday
    return 1.0 - 0.01672 * math.cos(math.radians(0.9856 * (doy - 4)))
