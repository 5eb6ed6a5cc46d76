"""Land surface emissivity per TIR band, with a per-pixel 1-sigma error estimate.

NDVI threshold method (NDVI-THM): Sobrino, Jiménez-Muñoz & Paolini (2004) RSE 90:434-440,
doi:10.1016/j.rse.2004.02.003; Sobrino et al. (2008) IEEE TGRS 46(2):316-327, doi:10.1109/TGRS.2007.904834.
Vegetation proportion Pv = ((NDVI - NDVIs) / (NDVIv - NDVIs))^2 clipped to [0, 1], NDVIs = 0.2,
NDVIv = 0.5 (Carlson & Ripley 1997, RSE 62:241-252, doi:10.1016/S0034-4257(97)00104-1). Regimes:

- NDVI < 0: water (open water has NDVI < 0) -> the water constant.
- 0 <= NDVI < 0.2: bare soil, eps = a - b * rho_red.
- 0.2 <= NDVI <= 0.5: mixed, eps = eps_v Pv + eps_s (1 - Pv) + C, cavity C = (1 - eps_s) eps_v F' (1 - Pv), F' = 0.55.
- NDVI > 0.5: full vegetation, eps = eps_v (the cavity term above vanishes at Pv = 1, so the regimes join).

Landsat-8/9 TIRS constants: Skoković et al. (2014) "Calibration and validation of land surface temperature
for Landsat 8 TIRS sensor", ESA Land Product Validation and Evolution workshop (conference paper; the values
are those of the R package LST::E_Skokovic, see algorithms.md §2.5). The same set is used for Landsat 9
TIRS-2 (spectral responses close to TIRS; an assumption stated in the metadata).

Water and snow/ice (from the masks) get fixed values: water 0.991 (B10) / 0.986 (B11), nadir sea-water
emissivity of Masuda, Takashima & Takayama (1988) RSE 24:313-329, doi:10.1016/0034-4257(88)90032-6;
snow 0.990 / 0.980, fine-grained snow of Hori et al. (2006) RSE 100:486-502, doi:10.1016/j.rse.2005.11.001.
Neither was convolved with the TIRS response functions here; their sigma says so.

Error estimates per regime (stated in the metadata): 0.01 for bare soil from the red-band regression (the
accuracy Sobrino et al. 2008 give for the method); 0.005 for full vegetation (our assumption: half of it,
the vegetation value is the best known); mixed pixels blend the two by Pv, 0.01 (1 - Pv) + 0.005 Pv, so
sigma is continuous at both NDVI thresholds; 0.005 for water, 0.01 for snow, 0.02 for land classes without
NDVI (night) and for a user constant without its own error.

Known limitation, not covered by sigma: NDVI-THM assumes soil-vegetation mixtures. Built-up surfaces
(concrete, asphalt, roofs: broadband 10-12 um emissivity about 0.95-0.97, ASTER spectral library) fall in
the mixed regime (NDVI 0.2-0.35) and get about 0.985, so their LST is too low by about 1-1.5 K. A spectral
built-up test does not fix it reliably: with OLI bands, mixed urban pixels and sparse vegetation on soil
have the same NDVI and NDBI (Zha, Gao & Ni 2003, IJRS 24:583-594, doi:10.1080/01431160304987) within a
few hundredths. The fix is a land-cover map with a built-up class: ``core.landcover`` (optional input
``LstOptions.land_cover``) gives built-up pixels the class emissivity of Du et al. (2015).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

NDVI_SOIL = 0.2  # Carlson & Ripley 1997 / Sobrino et al. 2004
NDVI_VEG = 0.5
CAVITY_F = 0.55  # geometrical form factor F' (Sobrino et al. 2004)


@dataclass(frozen=True)
class BandConstants:
    soil_a: float  # eps_soil = a - b * rho_red
    soil_b: float
    eps_soil: float  # eps_s of mixed pixels
    eps_veg: float  # eps_v
    water: float
    snow: float
    land_class: float  # land without NDVI (night): midway between eps_s and eps_v


# Skoković et al. 2014 (TIRS B10/B11); water: Masuda et al. 1988; snow: Hori et al. 2006.
SKOKOVIC_2014: dict[str, BandConstants] = {
    "lwir11": BandConstants(0.979, 0.046, 0.971, 0.987, 0.991, 0.990, 0.979),
    "lwir12": BandConstants(0.982, 0.027, 0.977, 0.989, 0.986, 0.980, 0.983),
}
CITATION = (
    "NDVI threshold method: Sobrino et al. 2004 (RSE 90:434-440, doi:10.1016/j.rse.2004.02.003), "
    "Sobrino et al. 2008 (IEEE TGRS 46:316-327, doi:10.1109/TGRS.2007.904834); TIRS constants: "
    "Skoković et al. 2014 (ESA LPVE); water: Masuda et al. 1988 (doi:10.1016/0034-4257(88)90032-6); "
    "snow: Hori et al. 2006 (doi:10.1016/j.rse.2005.11.001)"
)

SIGMA_NDVI_MIXED = 0.01
SIGMA_VEG = 0.005
SIGMA_WATER = 0.005
SIGMA_SNOW = 0.01
SIGMA_CLASS_LAND = 0.02
SIGMA_CONSTANT = 0.02


def vegetation_proportion(ndvi: np.ndarray) -> np.ndarray:
    """Pv = ((NDVI - 0.2) / 0.3)^2 for NDVI >= 0.2, 0 below, clipped to [0, 1]."""
    x = (np.asarray(ndvi, dtype=np.float32) - NDVI_SOIL) / (NDVI_VEG - NDVI_SOIL)
    return np.where(x > 0, np.clip(x * x, 0.0, 1.0), np.float32(0.0)).astype(np.float32)


class NdviRegimes(NamedTuple):
    """What NDVI-THM derives from NDVI alone, the same for every TIR band: found once per block."""

    ndvi: np.ndarray  # float32
    pv: np.ndarray  # vegetation proportion
    water: np.ndarray  # NDVI < 0
    soil: np.ndarray  # 0 <= NDVI < NDVI_SOIL
    mixed: np.ndarray  # NDVI_SOIL <= NDVI <= NDVI_VEG
    vegetation: np.ndarray  # NDVI > NDVI_VEG
    mixed_sigma: np.ndarray  # SIGMA_NDVI_MIXED (1 - Pv) + SIGMA_VEG Pv
    unclassified: np.ndarray  # NaN NDVI: in none of the four regimes


def ndvi_regimes(ndvi: np.ndarray) -> NdviRegimes:
    """The NDVI regimes of the module docstring (disjoint; NaN NDVI is in none of them)."""
    ndvi = np.asarray(ndvi, dtype=np.float32)
    pv = vegetation_proportion(ndvi)
    # mixed pixels: the soil and vegetation errors blend with the cover (continuous at both thresholds)
    mixed_sigma = SIGMA_NDVI_MIXED * (1.0 - pv) + SIGMA_VEG * pv
    mixed = (ndvi >= NDVI_SOIL) & (ndvi <= NDVI_VEG)
    return NdviRegimes(
        ndvi,
        pv,
        ndvi < 0,
        (ndvi >= 0) & (ndvi < NDVI_SOIL),
        mixed,
        ndvi > NDVI_VEG,
        mixed_sigma,
        np.isnan(ndvi),
    )


def ndvi_threshold(
    ndvi: np.ndarray,
    red: np.ndarray,
    band: str,
    constants: dict[str, BandConstants] = SKOKOVIC_2014,
    regimes: NdviRegimes | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(emissivity, sigma) of one TIR band by NDVI-THM; NaN NDVI gives the land-class value.

    ``regimes`` (``ndvi_regimes(ndvi)``) lets the bands of one block share the NDVI-only work."""
    c = constants[band]
    r = regimes if regimes is not None else ndvi_regimes(ndvi)
    red = np.asarray(red, dtype=np.float32)
    pv = r.pv
    cavity = (1.0 - c.eps_soil) * c.eps_veg * CAVITY_F * (1.0 - pv)
    mixed = c.eps_veg * pv + c.eps_soil * (1.0 - pv) + cavity
    soil = c.soil_a - c.soil_b * red
    # the regimes are disjoint and, with the NaN NDVI (land class), cover every pixel: start from the
    # mixed-pixel arrays and overwrite the others (what np.select gave, without a full-size array per
    # constant: a third of the block loop's emissivity time, issue 15)
    f32 = np.float32
    eps = np.asarray(mixed, dtype=f32)
    sigma = r.mixed_sigma.astype(f32)  # a copy: the regimes are shared by the bands
    for where, e, sg in (
        (r.water, f32(c.water), f32(SIGMA_WATER)),
        (r.soil, soil, f32(SIGMA_NDVI_MIXED)),
        (r.vegetation, f32(c.eps_veg), f32(SIGMA_VEG)),
        (r.unclassified, f32(c.land_class), f32(SIGMA_CLASS_LAND)),
    ):
        np.copyto(eps, e, where=where)
        np.copyto(sigma, sg, where=where)
    # soil from a NaN red reflectance: fall back to the land class value
    bad = ~np.isfinite(eps)
    eps[bad] = c.land_class
    sigma[bad] = SIGMA_CLASS_LAND
    return eps, sigma  # float32 (np.select of float32 choices)


def from_classes(
    shape: tuple[int, ...], band: str, constants: dict[str, BandConstants] = SKOKOVIC_2014
) -> tuple[np.ndarray, np.ndarray]:
    """Land-class emissivity everywhere (water and snow are applied by ``apply_water_snow``)."""
    c = constants[band]
    return (
        np.full(shape, c.land_class, dtype=np.float32),
        np.full(shape, SIGMA_CLASS_LAND, dtype=np.float32),
    )


def constant(shape: tuple[int, ...], value: float, sigma: float = SIGMA_CONSTANT):
    if not 0.5 < value <= 1.0:
        raise ValueError(f"emissivity constant: expected a value in (0.5, 1], got {value}")
    return np.full(shape, value, dtype=np.float32), np.full(shape, sigma, dtype=np.float32)


def apply_water_snow(
    eps: np.ndarray,
    sigma: np.ndarray,
    band: str,
    water: np.ndarray | None,
    snow: np.ndarray | None,
    constants: dict[str, BandConstants] = SKOKOVIC_2014,
) -> None:
    """Overwrite water and snow/ice pixels (from the masks) with their fixed values, in place."""
    c = constants[band]
    if water is not None:
        eps[water] = c.water
        sigma[water] = SIGMA_WATER
    if snow is not None:
        eps[snow] = c.snow
        sigma[snow] = SIGMA_SNOW


def describe(method: str, night: bool, constant_value: float | None, bands: list[str]) -> dict:
    """The ``emissivity`` metadata block."""
    consts = {
        b: {
            "soil_a": SKOKOVIC_2014[b].soil_a,
            "soil_b": SKOKOVIC_2014[b].soil_b,
            "eps_soil": SKOKOVIC_2014[b].eps_soil,
            "eps_veg": SKOKOVIC_2014[b].eps_veg,
            "water": SKOKOVIC_2014[b].water,
            "snow": SKOKOVIC_2014[b].snow,
            "land_without_ndvi": SKOKOVIC_2014[b].land_class,
        }
        for b in bands
    }
    d = {
        "method": method,
        "night_mode": night,
        "bands": bands,
        "constants": consts,
        "ndvi_soil": NDVI_SOIL,
        "ndvi_vegetation": NDVI_VEG,
        "cavity_form_factor": CAVITY_F,
        "vegetation_fraction_clipped": [0.0, 1.0],
        "sigma": {
            "ndvi_soil": SIGMA_NDVI_MIXED,
            "ndvi_mixed": f"{SIGMA_NDVI_MIXED} (1 - Pv) + {SIGMA_VEG} Pv",
            "full_vegetation": SIGMA_VEG,
            "water": SIGMA_WATER,
            "snow": SIGMA_SNOW,
            "land_class": SIGMA_CLASS_LAND,
            "constant": SIGMA_CONSTANT,
        },
        "citation": CITATION,
    }
    if constant_value is not None:
        d["constant"] = constant_value
    return d
