"""Optional elevation input (a DEM) and the elevation normalisation of brightness temperature.

Why: at night the clear-sky surface temperature falls with elevation (about 6.5 K/km in the sample and
in a standard atmosphere), so in a dry atmosphere, where the TOA brightness temperature follows the
surface, mountain slopes are "cold outliers" against the scene's clear-sky statistics, and low clouds
over the lowlands are no colder than the clear slopes. Mountainous Fmask (MFmask; Qiu, He, Zhu, Liao &
Quan 2017, RSE 199:107-119, doi:10.1016/j.rse.2017.07.002) normalises BT with a DEM before the
temperature tests for this reason. We do the same for the night (thermal-only) test:

    BT_n = BT - g (h - h_ref)

with h_ref the median elevation of the pixels with data and g the scene's clear-sky BT-elevation slope.
g is fitted, not assumed: elevation is binned (ELEVATION_BIN_M), each bin with at least
MIN_BIN_PIXELS pixels gives the BIN_PERCENTILE of its BT (an upper percentile, so the cold cloud
pixels in a bin hardly move it), and g is the pixel-count-weighted least-squares slope through them.
It is bounded to [-DRY_ADIABATIC_K_PER_M, 0]: a clear surface does not cool faster with height than
dry-adiabatic air (g/cp = 9.8 K/km), and a positive slope (night inversion, cold-air pools) is left
uncorrected rather than amplified. Fewer than MIN_BINS usable bins (flat scene): no normalisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rasterio.enums import Resampling

from .ancillary import resample_to_grid
from .errors import ProductError
from .messages import msg

DRY_ADIABATIC_K_PER_M = 0.0098  # g / cp
ELEVATION_BIN_M = 50.0
MIN_BIN_PIXELS = 200
MIN_BINS = 3
BIN_PERCENTILE = 75.0
NODATA = -32768.0


@dataclass
class Dem:
    """Elevation (m, float32, NaN unknown) on an output grid and where it came from."""

    elevation: np.ndarray
    path: str
    crs: str
    coverage_percent: float
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> dict:
        finite = self.elevation[np.isfinite(self.elevation)]
        return {
            "path": self.path,
            "crs": self.crs,
            "resampling": "bilinear onto the output grid",
            "coverage_percent": round(self.coverage_percent, 3),
            "elevation_range_m": [float(finite.min()), float(finite.max())] if finite.size else None,
        }


def read_dem(path: str | Path, grid, inside: np.ndarray | None = None) -> Dem:
    """The DEM at ``path`` (band 1, metres, any CRS) resampled bilinearly onto ``grid``.

    Raises ProductError when the file cannot be read or has no elevation over ``inside`` (bool on
    ``grid``, the pixels with data; default the whole grid).
    """
    path = Path(path)
    elev, crs = resample_to_grid(path, grid, "elevation model", "float32", Resampling.bilinear, NODATA)
    elev[elev == NODATA] = np.nan
    inside = np.ones(elev.shape, dtype=bool) if inside is None else np.asarray(inside, dtype=bool)
    known = np.isfinite(elev) & inside
    if not known.any():
        raise ProductError(path, None, msg("no elevation over the area (does the DEM cover the scene?)"))
    coverage = 100.0 * float(known.sum() / inside.sum())
    warnings = []
    if coverage < 99.0:
        warnings.append(
            msg(
                "Elevation model {name} covers {coverage:.1f} % of the area; elsewhere the night cloud test uses the brightness temperature as it is",
                name=path.name,
                coverage=coverage,
            )
        )
    return Dem(elev, str(path), crs, coverage, warnings)


def clear_sky_slope(bt: np.ndarray, elevation: np.ndarray, valid: np.ndarray) -> tuple[float, float, int]:
    """(slope K/m bounded as in the module doc, reference elevation m, bins used); slope 0 when the
    scene has fewer than MIN_BINS usable elevation bins. Row strips into a 2-D (elevation bin, 0.1 K)
    histogram: no whole-scene float64 copy."""
    lo, hi = np.inf, -np.inf
    for r in range(0, bt.shape[0], 512):
        h = elevation[r : r + 512][valid[r : r + 512] & np.isfinite(elevation[r : r + 512])]
        if h.size:
            lo, hi = min(lo, float(h.min())), max(hi, float(h.max()))
    if not np.isfinite(lo):
        return 0.0, 0.0, 0
    n_h = int((hi - lo) // ELEVATION_BIN_M) + 1
    t_lo, t_step, n_t = 150.0, 0.1, 2000
    counts = np.zeros((n_h, n_t), dtype=np.int64)
    for r in range(0, bt.shape[0], 512):
        h, t = elevation[r : r + 512], bt[r : r + 512]
        ok = valid[r : r + 512] & np.isfinite(h) & np.isfinite(t)
        ih = ((h[ok] - lo) // ELEVATION_BIN_M).astype(np.int64)
        it = np.clip(((t[ok] - t_lo) / t_step).astype(np.int64), 0, n_t - 1)
        counts += np.bincount(ih * n_t + it, minlength=n_h * n_t).reshape(n_h, n_t)
    per_bin = counts.sum(axis=1)
    cum_h = np.cumsum(per_bin)
    h_ref = lo + (int(np.searchsorted(cum_h, cum_h[-1] / 2.0)) + 0.5) * ELEVATION_BIN_M
    use = np.flatnonzero(per_bin >= MIN_BIN_PIXELS)
    if use.size < MIN_BINS:
        return 0.0, float(h_ref), int(use.size)
    cum = np.cumsum(counts[use], axis=1)
    k = np.array([np.searchsorted(c, BIN_PERCENTILE / 100.0 * c[-1]) for c in cum])
    values = t_lo + (k + 0.5) * t_step
    centres = lo + (use + 0.5) * ELEVATION_BIN_M
    slope = float(np.polyfit(centres, values, 1, w=np.sqrt(per_bin[use]))[0])
    return float(np.clip(slope, -DRY_ADIABATIC_K_PER_M, 0.0)), float(h_ref), int(use.size)


def normalise(bt: np.ndarray, elevation: np.ndarray, slope: float, h_ref: float) -> None:
    """BT - slope (h - h_ref), in place, row strip by row strip; unknown elevation: BT unchanged."""
    for r in range(0, bt.shape[0], 512):
        dh = elevation[r : r + 512] - np.float32(h_ref)
        bt[r : r + 512] -= np.where(np.isfinite(dh), np.float32(slope) * dh, np.float32(0.0))
