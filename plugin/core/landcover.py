"""Optional land-cover input: ESA WorldCover class codes on the output grid, and their emissivities.

Why a land-cover map: the NDVI threshold method (``emissivity.py``) assumes soil-vegetation
mixtures. Built-up surfaces (concrete, asphalt, roofs) fall in its mixed regime (NDVI 0.2-0.35) and
get about 0.985, where their 10-12 um emissivity is nearer 0.96-0.97, so their LST is too low by
about 1 K; with OLI bands no spectral index separates them reliably from sparse vegetation on soil
(measured on the sample scenes, see ``emissivity.py``). A land-cover map names them. At night, when
there is no NDVI, it gives every pixel a class emissivity instead of one land value, and it tells the
thermal-only cloud test where permanent snow and ice lie (``clouds.night_clouds`` strata).

Legend: ESA WorldCover 10 m 2020/2021 (Zanaga et al. 2021/2022, doi:10.5281/zenodo.5571936 and
doi:10.5281/zenodo.7254221), the freely available global map analysts use: 10 tree cover,
20 shrubland, 30 grassland, 40 cropland, 50 built-up, 60 bare/sparse vegetation, 70 snow and ice,
80 permanent water bodies, 90 herbaceous wetland, 95 mangroves, 100 moss and lichen; 0 no data.
Other codes are ignored (with a warning).

Class emissivities for TIRS B10/B11: the land-cover type averages of Du et al. (2015), "A practical
split-window algorithm for estimating land surface temperature from Landsat 8 data", Remote Sensing
7(1):647-665, doi:10.3390/rs70100647 (FROM-GLC types, from emissivity spectra convolved with the TIRS
responses; the same table the GRASS GIS add-on i.landsat8.swlst uses). WorldCover classes map to the
FROM-GLC type of the same surface (mangroves -> wetlands, moss and lichen -> tundra).

How they are used (``apply``):
- NDVI threshold method (day): only built-up pixels take the class value; elsewhere the per-pixel
  NDVI method is better than a class mean. Water and snow still come from the observed masks.
- land-cover classes (night, or chosen): every pixel of a known class takes its class value, the rest
  the generic land value; snow/ice and water take the same constants as the observed masks
  (``emissivity.apply_water_snow``: Masuda et al. 1988, Hori et al. 2006), and the observed masks
  still win where there are any.
Sigma of a class value: SIGMA_CLASS = 0.015 (our assumption: between the 0.01 of NDVI-THM and the
0.02 of one value for all land; built-up materials span about 0.95-0.98 in the ASTER spectral library).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rasterio.enums import Resampling

from . import emissivity as emis
from .ancillary import resample_to_grid
from .errors import ProductError
from .messages import msg

WORLDCOVER = {
    10: "tree cover",
    20: "shrubland",
    30: "grassland",
    40: "cropland",
    50: "built-up",
    60: "bare / sparse vegetation",
    70: "snow and ice",
    80: "permanent water bodies",
    90: "herbaceous wetland",
    95: "mangroves",
    100: "moss and lichen",
}
BUILT_UP = 50
SNOW_ICE = 70
WATER = 80
NODATA = 0

# Du et al. 2015 (doi:10.3390/rs70100647), land-cover type averages (TIRS B10, B11) by FROM-GLC type
DU_2015 = {
    "forest": (0.995, 0.996),
    "shrublands": (0.969, 0.970),
    "grasslands": (0.970, 0.971),
    "cropland": (0.971, 0.968),
    "impervious": (0.973, 0.981),
    "barren land": (0.969, 0.978),
    "snow and ice": (0.992, 0.998),
    "water bodies": (0.992, 0.998),
    "wetlands": (0.992, 0.998),
    "tundra": (0.980, 0.984),
}
WORLDCOVER_TO_DU = {
    10: "forest",
    20: "shrublands",
    30: "grasslands",
    40: "cropland",
    50: "impervious",
    60: "barren land",
    70: "snow and ice",
    80: "water bodies",
    90: "wetlands",
    95: "wetlands",
    100: "tundra",
}
BAND_INDEX = {"lwir11": 0, "lwir12": 1}
SIGMA_CLASS = 0.015
CITATION = (
    "Land cover: ESA WorldCover legend (Zanaga et al. 2021, doi:10.5281/zenodo.5571936); class "
    "emissivities: Du et al. 2015, Remote Sensing 7:647-665, doi:10.3390/rs70100647"
)


@dataclass
class LandCover:
    """WorldCover codes on an output grid (uint8, 0 = unknown) and where they came from."""

    codes: np.ndarray
    path: str
    crs: str
    coverage_percent: float  # share of the grid with a known class
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        values, n = np.unique(self.codes, return_counts=True)
        return {WORLDCOVER[int(v)]: int(c) for v, c in zip(values, n) if int(v) in WORLDCOVER}

    def describe(self) -> dict:
        """The ``land_cover`` metadata block."""
        return {
            "path": self.path,
            "crs": self.crs,
            "legend": "ESA WorldCover",
            "resampling": "mode (categorical) onto the output grid",
            "coverage_percent": round(self.coverage_percent, 3),
            "pixels_by_class": self.counts(),
            "citation": CITATION,
        }


def read_land_cover(path: str | Path, grid, inside: np.ndarray | None = None) -> LandCover:
    """The land-cover raster at ``path`` (band 1, any CRS) resampled onto ``grid`` by the mode.

    Raises ProductError when the file cannot be read, is not an integer raster with a CRS, or has no
    known class over ``inside`` (bool on ``grid``: the pixels with data; default the whole grid). Codes
    outside the legend become 0 (unknown), with a warning.
    """
    path = Path(path)
    raw, crs = resample_to_grid(
        path, grid, "land-cover raster", "int32", Resampling.mode, NODATA, integer=True
    )
    inside = np.ones(raw.shape, dtype=bool) if inside is None else np.asarray(inside, dtype=bool)
    known = np.isin(raw, list(WORLDCOVER))
    warnings = []
    foreign = (raw != NODATA) & ~known & inside
    if foreign.any():
        bad = sorted(int(v) for v in np.unique(raw[foreign]))[:10]
        warnings.append(
            msg(
                "Land cover {name}: {share:.1f} % of the pixels have codes outside the ESA WorldCover legend ({codes}); they are ignored",
                name=path.name,
                share=100.0 * foreign.sum() / max(inside.sum(), 1),
                codes=", ".join(map(str, bad)),
            )
        )
    if not (known & inside).any():
        raise ProductError(
            path, None, msg("no ESA WorldCover class over the area (does the land cover cover the scene?)")
        )
    coverage = 100.0 * float((known & inside).sum() / inside.sum())
    if coverage < 99.0:
        warnings.append(
            msg(
                "Land cover {name} covers {coverage:.1f} % of the area; elsewhere emissivity and the night cloud test do without it",
                name=path.name,
                coverage=coverage,
            )
        )
    return LandCover(np.where(known, raw, NODATA).astype(np.uint8), str(path), crs, coverage, warnings)


def class_emissivity(codes: np.ndarray, band: str) -> np.ndarray:
    """Du et al. 2015 emissivity of each pixel's class in ``band`` (NaN where the class is unknown)."""
    out = np.full(codes.shape, np.nan, dtype=np.float32)
    i = BAND_INDEX[band]
    for code, du in WORLDCOVER_TO_DU.items():
        out[codes == code] = DU_2015[du][i]
    return out


def _classes(method: str) -> list[int]:
    """Codes that take a Du et al. class value under ``method`` (water and snow: see ``apply``)."""
    if method == "ndvi_threshold":
        return [BUILT_UP]
    return [c for c in sorted(WORLDCOVER) if c not in (WATER, SNOW_ICE)]


def apply(eps: np.ndarray, sigma: np.ndarray, band: str, codes: np.ndarray, method: str) -> None:
    """Overwrite ``eps``/``sigma`` in place with class values: built-up only for the NDVI threshold
    method, every known class for the class method (see the module doc)."""
    value = class_emissivity(codes, band)
    where = np.isin(codes, _classes(method))
    eps[where] = value[where]
    sigma[where] = SIGMA_CLASS
    if method != "ndvi_threshold":
        emis.apply_water_snow(eps, sigma, band, codes == WATER, codes == SNOW_ICE)


def describe_use(method: str, bands: list[str]) -> dict:
    """What the emissivity step takes from the land cover (for the ``emissivity`` metadata)."""
    classes = _classes(method)
    d = {
        "applied_to": [WORLDCOVER[c] for c in classes],
        "values": {
            WORLDCOVER[c]: {b: DU_2015[WORLDCOVER_TO_DU[c]][BAND_INDEX[b]] for b in bands} for c in classes
        },
        "sigma": SIGMA_CLASS,
        "citation": CITATION,
    }
    if method != "ndvi_threshold":
        d["water_and_snow"] = "the constants of the water and snow/ice masks (see constants above)"
    return d
