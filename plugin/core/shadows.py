"""Cloud shadows: potential-shadow flood fill and object-by-object projection along the sun direction.

Zhu & Woodcock 2012, RSE 118:83–94, doi:10.1016/j.rse.2011.10.028, Eq. 19 and 21–24, with the
python-fmask choices of algorithms.md §3.3:

1. Potential shadow (Eq. 19): the NIR band, no-data set to the 17.5th percentile of clear-land NIR (cloud
   pixels keep their own value, as in Fmask: the caller passes them as data), is
   flood-filled (``morphology.fill_minima``); pixels at least 0.02 darker than their fill are
   potential shadow — in the SWIR1 band too when it is there (Fmask 4). Over water we use the green
   band instead (``potential_water_shadow``).
2. Each 8-connected cloud object gets a base temperature (Eq. 22), relative top heights from its BT
   with a 6.5 K/km moist lapse rate (Eq. 23–24) and a base-height search range from the clear-land
   temperatures with 9.8 K/km (lower bound) and 1 K/km (upper bound) lapse rates (Eq. 21). Our
   addition: the range is narrowed to ± 1.5 km around the thermal cloud height (median clear-land
   BT around the object − base temperature) / 6.5 K/km, which keeps small clouds from matching
   unrelated dark patches.
3. For every candidate base height (one step ≈ one pixel of shadow displacement) the object's pixels
   are moved to where their shadow falls: distance ``z·tan(θsun)`` away from the sun azimuth, plus
   the parallax ``z·tan(θview)`` towards the view azimuth (the cloud is seen displaced away from the
   sensor). The similarity is the share of moved pixels, inside the data and not on any cloud, that
   land on potential shadow (scored once MIN_COUNTED_PX such pixels exist, as python-fmask does, so an
   overcast sky's large objects are matched through the gaps). Inside the narrowed range the best similarity is kept, less 0.1 per
   1.5 km away from the thermal height (so near-ties go to the thermal height); over the full
   Eq. 21 range (no clear land statistics), as in Zhu & Woodcock 2012, the search goes upwards and stops at the
   first peak: once a similarity above 0.3 has been seen and the similarity falls below 95 % of
   it (python-fmask instead scans the whole range and keeps the maximum, which lets a high cloud
   "find" an unrelated dark patch or another cloud's shadow far away).
4. The shadow of an accepted object is its whole projected shape, closed by one pixel to fill the
   gaps left by rounding, minus cloud.

Everything runs on the (possibly reduced) working grid the caller provides; azimuths are degrees
clockwise from north, zeniths degrees from vertical, row 0 is north.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from .morphology import EIGHT, fill_minima

SHADOW_DARKNESS = 0.02  # Eq. 19: NIR_filled − NIR > 0.02
# Over water (our addition): the green band, relative test — a shadow removes the direct-beam part of
# the already small water signal, so the pixel keeps less than this share of its flood-filled value.
WATER_SHADOW_RATIO = 0.75
# The water background is the median green of clear water: shadowed water passes the pass-1 water
# tests too, so a low percentile would be a shadow value.
WATER_BACKGROUND_PERCENTILE = 50.0
NIR_BACKGROUND_PERCENTILE = 17.5  # Eq. 19 boundary value
MOIST_LAPSE_K_PER_KM = 6.5  # Eq. 24
DRY_LAPSE_K_PER_KM = 9.8  # Eq. 21 lower bound
REDUCED_LAPSE_K_PER_KM = 1.0  # Eq. 21 upper bound
MIN_BASE_HEIGHT_KM = 0.2  # Eq. 21
MAX_BASE_HEIGHT_KM = 12.0  # Eq. 21
TEMP_MARGIN_K = 4.0  # Eq. 21 (Tlow − 4, Thigh + 4)
MIN_SIMILARITY = 0.3  # Zhu & Woodcock 2012 §3.3 / python-fmask
PEAK_DROP = 0.95  # stop the height search once the similarity falls below 95 % of an accepted peak
# Thermal cloud-top height (the lapse-rate method, e.g. Baum et al. 2012, JAMC 51:1145–1163,
# doi:10.1175/JAMC-D-11-0203.1): h ≈ (T_ref − T_base) / 6.5 K/km with T_ref the median clear-land BT.
# The surface is not the air (by day land is warmer), so the search keeps ± 1.5 km around it.
THERMAL_HEIGHT_TOLERANCE_KM = 1.5
# T_ref is the clear land around the object, not the scene's (our choice): the shadow falls
# height-above-the-ground × tan(θ) away, and over mountains the ground is colder than the lowland by
# the lapse rate, so a scene-wide T_ref puts clouds over high ground too high by their ground's
# elevation (2-3 km on a mountain range: outside the ± 1.5 km window). Clear-land median per cell of
# LOCAL_REF_BLOCK_PX working pixels (``clouds.block_background``), median over the object's cells.
LOCAL_REF_BLOCK_PX = 64
THERMAL_PRIOR_WEIGHT = 0.1  # similarity points given up at the edge of the ± 1.5 km window
BASE_RADIUS_PX = 8.0  # Eq. 22: R = sqrt(N / 2π) ≥ 8 -> percentile base temperature
# A height is scored when at least this many moved pixels land where a shadow can be seen (data, not
# cloud), whatever share of the object that is: python-fmask scores any position with a visible shadow
# area (``matchOneShadow``: shadowArea > 0); our floor of 3 pixels only keeps single stray pixels out. Requiring a share of the object (our earlier 10 %) left the
# large objects of an overcast sky, whose shadows fall into the few gaps, without any scored height.
MIN_COUNTED_PX = 3
MAX_MATCH_PIXELS = 20000  # matching on a regular subsample of bigger objects (speed; output uses all)
MAX_HEIGHT_STEPS = 600


@dataclass
class _Moved:
    """One object's (subsampled) pixels, moved to a trial cloud height: what the similarity counts."""

    rows: np.ndarray
    cols: np.ndarray
    rel_km: np.ndarray  # height above the object's base
    drow_km: float  # displacement per km of height, rows and columns
    dcol_km: float
    countable: np.ndarray  # where a moved pixel counts (data, not cloud)
    pshadow: np.ndarray

    def counts(self, bases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(countable pixels landed on, of them potential shadow) at each base height of ``bases``: the
        heights of a chunk at once, the same arithmetic per pixel as one height at a time."""
        h, w = self.countable.shape
        # in rel_km's precision, as a scalar base height added to it one at a time was (NumPy 1.x casting)
        z = bases.astype(self.rel_km.dtype)[:, None] + self.rel_km[None, :]
        rr = np.rint(self.rows + z * self.drow_km).astype(np.int64)
        cc = np.rint(self.cols + z * self.dcol_km).astype(np.int64)
        inside = (rr >= 0) & (rr < h) & (cc >= 0) & (cc < w)
        rr, cc = np.where(inside, rr, 0), np.where(inside, cc, 0)
        counted = self.countable[rr, cc] & inside
        return counted.sum(axis=1), (self.pshadow[rr, cc] & counted).sum(axis=1)


# trial heights scored at once: one numpy pass per chunk instead of per height (the per-object search was
# the masks' longest single-core step on a full scene, issue 15); a chunk past the stop rule is wasted work
HEIGHT_CHUNK = 32


def _best_height(moved: _Moved, heights: np.ndarray, narrowed: bool, h_th) -> tuple[float, float | None]:
    """(similarity, base height km) of the best trial height, or (-1, None) when none could be scored.

    Heights are tried from the lowest: Zhu & Woodcock 2012 stop past the first clear peak; with the
    thermal window (``narrowed``) a mild preference for the thermal height ``h_th`` settles near-ties
    (two shadows in reach)."""
    best, best_h, best_score = -1.0, None, -np.inf
    for start in range(0, heights.size, HEIGHT_CHUNK):
        bases = heights[start : start + HEIGHT_CHUNK]
        totals, hits = moved.counts(bases)
        for base, total, hit in zip(bases, totals.tolist(), hits.tolist()):
            if total < MIN_COUNTED_PX:
                continue
            sim = float(hit) / total
            if narrowed:
                score = sim - THERMAL_PRIOR_WEIGHT * abs(base - h_th) / THERMAL_HEIGHT_TOLERANCE_KM
                if score > best_score + 1e-9:
                    best, best_h, best_score = sim, base, score
            elif sim > best + 1e-9:
                best, best_h = sim, base
            elif best > MIN_SIMILARITY and sim < PEAK_DROP * best:
                return best, best_h  # past the first clear peak (Zhu & Woodcock 2012 stop rule)
    return best, best_h


@dataclass
class SunView:
    """Angles in degrees (scalars or arrays on the working grid)."""

    sun_zenith: float | np.ndarray
    sun_azimuth: float | np.ndarray
    view_zenith: float = 0.0
    view_azimuth: float = 0.0


def potential_shadow(
    nir: np.ndarray,
    data: np.ndarray,
    background: float,
    step: float = 0.005,
    swir1: np.ndarray | None = None,
    swir1_background: float | None = None,
    progress=None,
) -> np.ndarray:
    """Eq. 19 on a NIR array (NaN = no data): True where the flood fill raises NIR by > 0.02.

    Pixels outside ``data`` take the ``background`` value (Fmask: the 17.5th percentile of clear-land
    NIR). With ``swir1`` the pixel must also be a pit of the SWIR1 band (Fmask 4: the minimum of the
    NIR and SWIR1 flood-fill differences, Qiu, Zhu & He 2019, doi:10.1016/j.rse.2019.05.024): bare
    soil between vegetation is a NIR pit but bright in SWIR1, vegetation between soil the reverse; a
    shadow is dark in both. ``progress``: checked for cancel between the two fills (about a second each
    on a full scene).
    """

    def pit(band, bg):
        img = np.where(data & np.isfinite(band), band, np.float32(bg)).astype(np.float32)
        return (fill_minima(img, step=step) - img) > SHADOW_DARKNESS

    out = data & pit(nir, background)
    if swir1 is not None and swir1_background is not None:
        if progress is not None:
            progress.check()
        out &= pit(swir1, swir1_background)
    return out


def potential_water_shadow(green: np.ndarray, water: np.ndarray, background: float) -> np.ndarray:
    """Shadow on water: green below WATER_SHADOW_RATIO of its flood fill (non-water = ``background``)."""
    img = np.where(water & np.isfinite(green), green, np.float32(background)).astype(np.float32)
    filled = fill_minima(img, step=max(background / 50.0, 0.0005))
    return water & (img < WATER_SHADOW_RATIO * filled)


def base_temperature(bt_object: np.ndarray, n_pixels_full: float) -> float:
    """Eq. 22: min BT for small objects, else the 100·(R − 8)²/R² percentile (R = √(N/2π))."""
    bt = bt_object[np.isfinite(bt_object)]
    if bt.size == 0:
        return float("nan")
    r = np.sqrt(n_pixels_full / (2.0 * np.pi))
    if r >= BASE_RADIUS_PX:
        return float(np.percentile(bt, 100.0 * (r - BASE_RADIUS_PX) ** 2 / r**2))
    return float(bt.min())


def height_range_km(
    t_base: float, t_low: float, t_high: float, t_ref: float | None = None
) -> tuple[float, float, bool]:
    """Cloud base height search range in km: Eq. 21, narrowed around the thermal height when ``t_ref``
    (the median clear-land BT) is known. Returns (h_min, h_max, narrowed)."""
    h_min = max(MIN_BASE_HEIGHT_KM, (t_low - TEMP_MARGIN_K - t_base) / DRY_LAPSE_K_PER_KM)
    h_max = min(MAX_BASE_HEIGHT_KM, (t_high + TEMP_MARGIN_K - t_base) / REDUCED_LAPSE_K_PER_KM)
    if t_ref is not None and np.isfinite(t_ref):
        h_th = (t_ref - t_base) / MOIST_LAPSE_K_PER_KM
        lo, hi = (
            max(h_min, h_th - THERMAL_HEIGHT_TOLERANCE_KM),
            min(h_max, h_th + THERMAL_HEIGHT_TOLERANCE_KM),
        )
        if lo <= hi:
            return lo, hi, True
    return h_min, h_max, False


def _angle(value, sl, obj) -> float:
    if np.ndim(value) == 0:
        return float(value)
    v = np.asarray(value)[sl][obj]
    v = v[np.isfinite(v)]
    return float(v.mean()) if v.size else float("nan")


def match_shadows(
    cloud: np.ndarray,
    bt: np.ndarray,
    pshadow: np.ndarray,
    data: np.ndarray,
    pixel_size_m: tuple[float, float],
    angles: SunView,
    t_low: float,
    t_high: float,
    progress=None,
    blocked: np.ndarray | None = None,
    t_ref: float | np.ndarray | None = None,
) -> tuple[np.ndarray, dict]:
    """Shadow mask (bool, working grid) and matching statistics for the cloud objects of ``cloud``.

    ``blocked``: all cloud (thin included) — a moved pixel landing there is not counted and no shadow
    is drawn there (default ``cloud``). ``t_ref``: median clear-land BT (K) for the thermal height
    window (``height_range_km``), one value or the clear land's ``clouds.block_background`` grid of LOCAL_REF_BLOCK_PX cells;
    without it the whole Eq. 21 range is searched.
    """
    blocked = cloud if blocked is None else blocked
    h, w = cloud.shape
    labels, n = ndimage.label(cloud, structure=EIGHT)
    shadow = np.zeros((h, w), dtype=bool)
    stats = {"objects": int(n), "matched": 0, "heights_km": [], "details": []}
    if n == 0:
        return shadow, stats
    slices = ndimage.find_objects(labels)
    resx, resy = pixel_size_m
    # what a moved pixel may land on and be counted: data, not cloud
    countable = data & ~cloud & ~blocked
    vz, va = np.radians(angles.view_zenith or 0.0), np.radians(angles.view_azimuth or 0.0)
    for i, sl in enumerate(slices, start=1):
        if progress is not None and i % 50 == 0:
            progress.update(i / n)
        obj = labels[sl] == i
        rows, cols = np.nonzero(obj)
        rows = rows + sl[0].start
        cols = cols + sl[1].start
        bt_obj = bt[rows, cols]
        t_base = base_temperature(bt_obj, rows.size)
        sz, sa = _angle(angles.sun_zenith, sl, obj), _angle(angles.sun_azimuth, sl, obj)
        if not (np.isfinite(t_base) and np.isfinite(sz) and np.isfinite(sa)) or sz >= 89.0:
            continue
        t_ref_obj = t_ref
        if isinstance(t_ref, np.ndarray):
            t_ref_obj = float(np.median(t_ref[rows // LOCAL_REF_BLOCK_PX, cols // LOCAL_REF_BLOCK_PX]))
        h_min, h_max, narrowed = height_range_km(t_base, t_low, t_high, t_ref_obj)
        if not (np.isfinite(h_min) and np.isfinite(h_max)) or h_max < h_min:
            continue
        rel_km = np.maximum(t_base - np.nan_to_num(bt_obj, nan=t_base), 0.0) / MOIST_LAPSE_K_PER_KM
        # ground displacement (m) per km of cloud height, in columns (east) and rows (south)
        tz, tv = np.tan(np.radians(sz)), np.tan(vz)
        sa_r = np.radians(sa)
        east = 1000.0 * (-tz * np.sin(sa_r) + tv * np.sin(va))
        north = 1000.0 * (-tz * np.cos(sa_r) + tv * np.cos(va))
        dcol_km, drow_km = east / resx, -north / resy
        px_per_km = max(np.hypot(dcol_km, drow_km), 1e-6)
        n_steps = int(min(MAX_HEIGHT_STEPS, max(1, np.ceil((h_max - h_min) * px_per_km)))) + 1
        heights = np.linspace(h_min, h_max, n_steps)
        stride = max(1, rows.size // MAX_MATCH_PIXELS)
        r_s, c_s, z_s = rows[::stride], cols[::stride], rel_km[::stride]
        h_th = (t_ref_obj - t_base) / MOIST_LAPSE_K_PER_KM if narrowed else None
        moved = _Moved(r_s, c_s, z_s, drow_km, dcol_km, countable, pshadow)
        best, best_h = _best_height(moved, heights, narrowed, h_th)
        stats["details"].append(
            {
                "object": i,
                "pixels": int(rows.size),
                "t_base": round(t_base, 2),
                "range_km": (round(h_min, 2), round(h_max, 2)),
                "t_ref": None if t_ref_obj is None else round(float(t_ref_obj), 2),
                "similarity": round(best, 3),
                "height_km": None if best_h is None else round(float(best_h), 3),
            }
        )
        if best_h is None or best <= MIN_SIMILARITY:
            continue
        z = best_h + rel_km
        rr = np.rint(rows + z * drow_km).astype(np.int64)
        cc = np.rint(cols + z * dcol_km).astype(np.int64)
        inside = (rr >= 0) & (rr < h) & (cc >= 0) & (cc < w)
        shadow[rr[inside], cc[inside]] = True
        stats["matched"] += 1
        stats["heights_km"].append(round(float(best_h), 3))
    shadow = ndimage.binary_closing(shadow, structure=EIGHT, border_value=0) | shadow
    return shadow & data & ~cloud & ~blocked, stats
