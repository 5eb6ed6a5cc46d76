"""Water vapour for the retrieval: the image-based split-window covariance–variance ratio (CVR) and a smooth
per-pixel field on the output grid (``GridField``) for reanalysis or constant w.

CVR (Ren et al. 2015, J. Geophys. Res. Atmos. 120:1723–1738, doi:10.1002/2014JD022270; the modified
split-window covariance–variance ratio of Sobrino et al. 1994 and Li et al. 2003 for Landsat-8 TIRS): over a
window of N clear-land pixels whose surface temperature varies while the atmosphere does not, the ratio of
the band transmittances is R = τ11/τ10 ≈ Σ(T10 − T̄10)(T11 − T̄11) / Σ(T10 − T̄10)², and
w = c0 + c1 R + c2 R² with c0 = 9.087, c1 = 0.653, c2 = −9.674 (g cm-2; 946 TIGR profiles with MODTRAN 5.2;
model RMSE ≈ 0.5 g cm-2 as Ren et al. report; the order of the coefficients as in Du et al. 2015, Remote
Sens. 7:647–665, doi:10.3390/rs70100647, which prints them with a typo corrected in GRASS i.landsat8.swlst).
Landsat-9 TIRS-2: Wang et al. (2023, IEEE JSTARS, doi:10.1109/JSTARS.2022.3232621) show the CVR works with
TIRS-2; their own coefficients are not in this version, so the Landsat-8 set is used and a warning says so.
Landsat-8 stray light (Montanaro et al. 2014, Remote Sens. 6:11753–11769, doi:10.3390/rs61111753) adds a
smooth offset, mostly to B11, that the deviations from window means remove; what remains is in the warning.

Rules (ours, stated): windows of WINDOW_M metres; a window counts when ≥ MIN_CLEAR_SHARE of it is clear land
and the standard deviation of T10 there is ≥ MIN_STD_K (the ratio needs surface contrast well above the
TIRS noise of ≈ 0.05 K, Montanaro et al. 2014), and R is within the regression's range R_RANGE. The scene
value is the median over windows; its 1-sigma is hypot(model RMSE 0.5, 1.4826 MAD / sqrt(n)). Fewer than
MIN_WINDOWS windows: no image value (the caller falls back to climatology and says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from rasterio.windows import Window
from scipy import ndimage

from .btd_guard import implausible_btd

REN2015 = "Ren et al. 2015, J. Geophys. Res. Atmos. 120:1723-1738, doi:10.1002/2014JD022270"
CVR_C = (9.087, 0.653, -9.674)  # c0, c1, c2
CVR_MODEL_RMSE = 0.5  # g cm-2 (Ren et al. 2015)
WINDOW_M = 900.0  # 9 x 9 TIRS pixels of 100 m
MIN_CLEAR_SHARE = 0.5
MIN_STD_K = 0.5
MIN_WINDOWS = 5
R_RANGE = (0.3, 1.05)
STRIP_ROWS = 512


@dataclass
class ImageWaterVapour:
    value: float | None  # g cm-2, None when too few windows
    sigma: float | None
    windows: int
    spread: float | None  # 1.4826 MAD of the window values

    def describe(self) -> dict:
        return {
            "method": "split-window covariance-variance ratio",
            "citation": REN2015,
            "coefficients": dict(zip(("c0", "c1", "c2"), CVR_C)),
            "window_m": WINDOW_M,
            "min_clear_share": MIN_CLEAR_SHARE,
            "min_std_t10_k": MIN_STD_K,
            "windows_used": self.windows,
            "window_spread_gcm2": self.spread,
            "model_rmse_gcm2": CVR_MODEL_RMSE,
        }


def cvr_ratio(t10: np.ndarray, t11: np.ndarray) -> float:
    """R = Σ(T10 − T̄10)(T11 − T̄11) / Σ(T10 − T̄10)² over finite pixel pairs."""
    d10 = t10 - t10.mean()
    return float(np.sum(d10 * (t11 - t11.mean())) / np.sum(d10 * d10))


def cvr_water_vapour(ratio) -> np.ndarray:
    r = np.asarray(ratio, dtype=np.float64)
    return CVR_C[0] + CVR_C[1] * r + CVR_C[2] * r * r


def window_values(t10: np.ndarray, t11: np.ndarray, clear: np.ndarray, n: int) -> list[float]:
    """w of every n × n window of a strip that satisfies the rules of the module docstring."""
    out = []
    h, w = t10.shape
    ok_all = clear & np.isfinite(t10) & np.isfinite(t11) & ~implausible_btd(t10, t11)
    for r0 in range(0, h - n + 1, n):
        for c0 in range(0, w - n + 1, n):
            ok = ok_all[r0 : r0 + n, c0 : c0 + n]
            if ok.mean() < MIN_CLEAR_SHARE:
                continue
            a, b = t10[r0 : r0 + n, c0 : c0 + n][ok], t11[r0 : r0 + n, c0 : c0 + n][ok]
            if a.std() < MIN_STD_K:
                continue
            ratio = cvr_ratio(a.astype(np.float64), b.astype(np.float64))
            if R_RANGE[0] <= ratio <= R_RANGE[1]:
                out.append(float(cvr_water_vapour(ratio)))
    return out


def image_water_vapour(
    read_bt: Callable[[str, Window], np.ndarray], clear_land: np.ndarray, pixel_m: float
) -> ImageWaterVapour:
    """Scene water vapour by CVR; ``read_bt(band, window)`` gives brightness temperatures on the output grid."""
    h, w = clear_land.shape
    n = max(5, int(round(WINDOW_M / max(pixel_m, 1e-6))))
    values: list[float] = []
    strip = max(n, (STRIP_ROWS // n) * n)
    for r0 in range(0, h, strip):
        rows = min(strip, h - r0)
        if rows < n or not clear_land[r0 : r0 + rows].any():
            continue
        win = Window(0, r0, w, rows)
        values += window_values(read_bt("lwir11", win), read_bt("lwir12", win), clear_land[r0 : r0 + rows], n)
    if len(values) < MIN_WINDOWS:
        return ImageWaterVapour(None, None, len(values), None)
    v = np.asarray(values)
    med = float(np.median(v))
    spread = float(1.4826 * np.median(np.abs(v - med)))
    value = float(np.clip(med, 0.0, 8.0))
    sigma = float(np.hypot(CVR_MODEL_RMSE, spread / np.sqrt(v.size)))
    return ImageWaterVapour(value, sigma, int(v.size), spread)


@dataclass
class GridField:
    """A smooth field on the output grid, kept at every ``stride``-th pixel centre, bilinear per block."""

    values: np.ndarray  # (ceil(h / stride) + 1, ceil(w / stride) + 1)
    stride: int

    def block(self, window: Window | None, shape: tuple[int, int]) -> np.ndarray:
        if window is None:
            return np.full(shape, float(self.values[0, 0]))
        rows = (window.row_off + np.arange(shape[0])) / self.stride
        cols = (window.col_off + np.arange(shape[1])) / self.stride
        rr, cc = np.meshgrid(rows, cols, indexing="ij")
        return ndimage.map_coordinates(self.values, [rr, cc], order=1, mode="nearest")


def grid_lonlat(grid, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """Longitude/latitude of every ``stride``-th pixel centre of ``grid`` (core.products.scene.Grid)."""
    from pyproj import Transformer

    rows = np.arange(0, grid.height + stride, stride, dtype=np.float64)
    cols = np.arange(0, grid.width + stride, stride, dtype=np.float64)
    cc, rr = np.meshgrid(cols + 0.5, rows + 0.5)
    x, y = grid.transform * (cc, rr)
    lon, lat = Transformer.from_crs(grid.crs, "EPSG:4326", always_xy=True).transform(x, y)
    return np.asarray(lon), np.asarray(lat)
