"""Radiometry: DN -> radiance -> brightness temperature, the inverse Planck pair, TOA reflectance, NDVI.

Units: radiance L in W m-2 sr-1 um-1, temperatures in K, reflectance unitless.
Equations (USGS Landsat 8 Data Users Handbook, LSDS-1574; as in mapbox/rio-toa):
    L = ML * Q + AL                     (Q = L1 DN, DN 0 = fill)
    BT = K2 / ln(K1 / L + 1)            (inverse Planck with the band's own K1, K2)
    L(T) = K1 / (exp(K2 / T) - 1)       (forward Planck, band-effective)
    rho = (Mrho * Q + Arho) / sin(sun elevation)
K1/K2/ML/AL always come from the product's own metadata (they differ between L8 and L9).

Precision (issue 15): arrays in and out are float32; ``brightness_temperature`` and the DN conversions
compute in float64 and round once. float64 stays there because the masks' brightness-temperature
thresholds and the split-window's T10 - T11 guard read these values: a float32 logarithm would move some by
an ulp and could flip a mask or QA bit, for ~1 % of the block loop's time.
"""

from __future__ import annotations

import numpy as np

from .errors import ProductError
from .messages import msg


def radiance_from_dn(dn: np.ndarray, mult: float, add: float, nodata: int | None = 0) -> np.ndarray:
    """float32 radiance from DN; NaN where ``dn == nodata``. ``mult == 0`` means invalid calibration."""
    if mult == 0:
        # seen in rio-toa's LC80100202015018LGN00 MTL: every DN maps to L = AL (BT 147.5 K) -> unusable
        raise ProductError(None, "RADIANCE_MULT_BAND", msg("is 0: thermal calibration invalid, expected > 0"))
    dn = np.asarray(dn)
    out = (mult * dn.astype(np.float64) + add).astype(np.float32)
    if nodata is not None:
        out[dn == nodata] = np.nan
    return out


def brightness_temperature(radiance: np.ndarray, k1: float, k2: float) -> np.ndarray:
    """Inverse Planck: BT in K (float64 math, result float32 for arrays). NaN where L <= 0 or NaN."""
    L = np.asarray(radiance, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        bt = k2 / np.log(k1 / np.where(L > 0, L, np.nan) + 1.0)
    return bt if np.ndim(bt) == 0 else bt.astype(np.float32)


def planck_radiance(temperature: np.ndarray, k1: float, k2: float) -> np.ndarray:
    """Forward Planck: band radiance of a black body at ``temperature`` K."""
    T = np.asarray(temperature, dtype=np.float64)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return k1 / np.expm1(k2 / T)


def planck_derivative(temperature: np.ndarray, k1: float, k2: float) -> np.ndarray:
    """dL/dT of the band-effective Planck function, W m-2 sr-1 um-1 K-1."""
    T = np.asarray(temperature, dtype=np.float64)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        e = np.exp(k2 / T)
        return k1 * k2 * e / (T * T * (e - 1.0) ** 2)


def toa_reflectance(
    dn: np.ndarray, mult: float, add: float, sun_elevation_deg: float, nodata: int | None = 0
):
    """TOA reflectance corrected for the sun elevation. Night (elevation <= 0) has no reflectance."""
    if sun_elevation_deg <= 0:
        raise ProductError(
            None, "SUN_ELEVATION", msg("is {value} deg: no reflectance at night", value=sun_elevation_deg)
        )
    dn = np.asarray(dn)
    rho = ((mult * dn.astype(np.float64) + add) / np.sin(np.radians(sun_elevation_deg))).astype(np.float32)
    if nodata is not None:
        rho[dn == nodata] = np.nan
    return rho


def ndvi(red: np.ndarray, nir: np.ndarray) -> np.ndarray:
    """(NIR - red) / (NIR + red), float32; NaN where undefined (sum <= 0 or NaN input)."""
    red = np.asarray(red, dtype=np.float32)
    nir = np.asarray(nir, dtype=np.float32)
    s = nir + red
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(s > 0, (nir - red) / s, np.float32(np.nan)).astype(np.float32)
    return np.clip(out, -1.0, 1.0)


def kelvin_to(temperature: np.ndarray, unit: str) -> np.ndarray:
    """'K' as is, 'C' = T - 273.15, 'F' = T * 9/5 - 459.67 (rio-toa temp_rescale)."""
    if unit == "K":
        return temperature
    if unit == "C":
        return temperature - 273.15
    if unit == "F":
        return temperature * 9.0 / 5.0 - 459.67
    raise ValueError(f"unit: expected 'K', 'C' or 'F', got {unit!r}")
