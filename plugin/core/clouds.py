"""Pixel tests of the Fmask family on TOA reflectance and brightness temperature (BT).

Equations and numbers follow Zhu & Woodcock 2012, RSE 118:83–94, doi:10.1016/j.rse.2011.10.028
(equation numbers below), with the cirrus band of Zhu, Wang & Woodcock 2015, RSE 159:269–277,
doi:10.1016/j.rse.2014.12.014, and the constants python-fmask uses by default (``fmask/config.py``).
Where a band is missing (a FarEarth VNIR group may carry only blue, green, red and NIR) the test
that needs it is skipped and ``tests_run`` says so; the substitutes are documented where they are used.

All functions take float32 arrays (NaN = no data) of one block and are pure, so passes can be
repeated block by block. BT is in kelvin here (the paper uses °C: thresholds are converted).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

C0 = 273.15

# --- Zhu & Woodcock 2012 constants (python-fmask defaults) -------------------------------------
BASIC_SWIR2_MIN = 0.03  # Eq. 1
BASIC_BT_MAX_K = 27.0 + C0  # Eq. 1, 27 °C
BASIC_NDSI_MAX = 0.8  # Eq. 1
BASIC_NDVI_MAX = 0.8  # Eq. 1
WHITENESS_MAX = 0.7  # Eq. 2
HOT_OFFSET = 0.08  # Eq. 3: blue - 0.5 red - 0.08 > 0
NIR_SWIR_MIN = 0.75  # Eq. 4
# Landsat-8 cirrus band (1.37 µm), Zhu, Wang & Woodcock 2015, doi:10.1016/j.rse.2014.12.014 (Fmask 3.3;
# python-fmask config.py cirrusBandTestThresh / cirrusProbRatio). These are the only cirrus rules: a
# pixel is cloud through the cirrus band only via the potential-cloud test and the probabilities of
# Eq. 18 (no separate "thin cirrus" test — an earlier relative rule of ours over-flagged real scenes).
# §2.2.1: cirrus TOA reflectance > 0.01 -> potential cloud pixel, OR-ed with Eq. 6 (the paper leaves
# AND/OR open; python-fmask chose OR, and so do we)
CIRRUS_PCP_MIN = 0.01  # Zhu et al. 2015, §2.2.1
CIRRUS_PROB_SCALE = 0.04  # Zhu et al. 2015, Eq. 1: cirrus cloud probability = cirrus / 0.04
CLEAR_WATER_SWIR2_MAX = 0.03  # Eq. 7
SNOW_NDSI_MIN = 0.15  # Eq. 20
SNOW_NIR_MIN = 0.11  # Eq. 20
SNOW_GREEN_MIN = 0.1  # Eq. 20
SNOW_BT_MAX_K = 3.8 + C0  # Eq. 20, 3.8 °C
SNOW_NIR_GREEN_MAX = 0.92  # our no-SWIR substitute for NDSI (see snow_test)
BRIGHTNESS_SWIR1_MAX = 0.11  # Eq. 10
WATER_TEMP_SCALE_K = 4.0  # Eq. 9
LAND_TEMP_MARGIN_K = 4.0  # Eq. 14
WATER_PROB_MIN = 0.5  # Eq. 18
LAND_PROB_SURE = 0.99  # Eq. 18
COLD_CLOUD_MARGIN_K = 35.0  # Eq. 18: BT < Tlow - 35 °C is cloud whatever the spectrum
SATURATED_BRIGHT_MIN = 0.45  # python-fmask: saturated visible and mean visible > 0.45 -> PCP
LOW_REFLECTANCE = 1e-5  # python-fmask: reflectances <= 0 are set to 1e-5

# --- thin versus thick cloud (our own rule, not in Fmask) ---------------------------------------
# A cloud pixel is called thick when it is optically opaque: its mean visible TOA reflectance exceeds
# THICK_VIS_MIN (an opaque water cloud reflects 0.4–0.8 in the visible; semi-transparent cloud and
# cirrus add a fraction of that to the surface's 0.03–0.15). Calibrated on the sample scenes
# (benchmarks/masks.py: thick recall and precision ≥ 0.99 against the truth, opacity ≥ 0.5).
THICK_VIS_MIN = 0.30

# --- night (thermal only; our own rule, in the spirit of algorithms.md §3.5) ---------------------
NIGHT_COLD_MARGIN_K = 6.0  # cloud when BT < Tlow(clear) - 6 K (cold outlier against clear-sky statistics)
# With the BT normalised to one elevation (core.terrain) relief no longer widens the clear-sky
# distribution, and the margin is Fmask's: its temperature probability reaches 1 at Tlow - 4 K (Zhu &
# Woodcock 2012, Eq. 14). Without it the extra 2 K absorb the clear slopes below Tlow.
NIGHT_COLD_MARGIN_NORMALISED_K = 4.0
NIGHT_ITERATIONS = 3
NIGHT_SNOW_BTD_MARGIN_K = 0.7  # snow/ice: BT11 − BT12 this far below the clear median (see night_clouds)
# Split-window test (Inoue 1985, JMSJ 63:88–99, doi:10.2151/jmsj1965.63.1_88; Saunders & Kriebel 1988,
# IJRS 9:123–150, doi:10.1080/01431168808954841): an opaque cloud top radiates from above most of the
# water vapour, so its BT11 − BT12 is near 0, and semi-transparent cloud raises BT11 − BT12 further
# (Planck non-linearity of a warm/cold mixture), whereas the clear surface seen through a moist
# atmosphere has the scene's clear-sky difference. Saunders & Kriebel make the threshold a function of
# BT from radiative transfer; we take the clear-sky difference from the scene itself (its clear
# median, globally and per neighbourhood) and call a pixel cloud when its difference is NIGHT_BTD_EXCESS_K
# above it (about 4 × the clear pixels' spread of ±0.15–0.3 K, dev seeds 11–14) and it is colder than
# the clear sky (cloud only cools the scene at night): by NIGHT_SW_COLD_K below the scene's Tlow, or by
# NIGHT_BTD_COLDER_K below the local clear median. In a dry atmosphere the clear-sky difference is
# itself near 0 and the test adds little.
NIGHT_BTD_EXCESS_K = 0.6
NIGHT_SW_COLD_K = 2.0
NIGHT_BTD_COLDER_K = 0.5
# Local cold test: BT more than NIGHT_LOCAL_COLD_K below the local clear-sky reference, the coldest
# 10th percentile of clear BT among the 3 × 3 NIGHT_BLOCK_PX cells around the pixel (the spatial-coherence
# idea of Coakley & Bretherton 1982, JGR 87:4917–4932, doi:10.1029/JC087iC07p04917, and the local
# uniformity tests of Saunders & Kriebel 1988: the clear surface varies slowly in space, a cloud is a
# local cold anomaly). The local reference removes the large-scale temperature pattern (relief, warm
# water bodies) that the scene-wide Tlow − 6 K has to absorb; taking the coldest neighbouring cell keeps
# cool land beside warm water and cool soil patches out (no commission on the dev seeds 11–14).
NIGHT_BLOCK_PX = 64  # about 2 km at 30 m: larger than soil/vegetation patches, smaller than relief
NIGHT_BLOCK_MIN_CLEAR = 0.25  # a cell with less clear share takes its nearest neighbour's value
NIGHT_LOCAL_PERCENTILE = 10.0
NIGHT_LOCAL_COLD_K = 2.0
# Clear-sky strata from a land-cover map: snow and ice is colder than the land around it at night by
# far more than NIGHT_COLD_MARGIN_K, and in a dry atmosphere its split-window difference is the land's,
# so against the land's statistics it is a "cold outlier". Fmask keeps separate clear-sky temperature
# statistics for land and water for the same reason (Zhu & Woodcock 2012, Eq. 13 and 15); with a map of
# permanent snow/ice the night test keeps a third population and tests each pixel against its own.
# Below NIGHT_STRATUM_MIN_PX pixels a stratum has no statistics of its own and stays with the land.
# A map class covers a small area, so a single cloud can cover a large part of it and its flat top
# then holds the 17.5th percentile; its statistics come from its warm side instead (Histogram.warm_side).
NIGHT_STRATUM_MIN_PX = 2000


@dataclass
class SpectralBlock:
    """Indices of one block. ``None`` fields: the band needed was not available."""

    ndvi: np.ndarray
    ndsi: np.ndarray | None
    whiteness: np.ndarray
    mean_vis: np.ndarray
    valid: np.ndarray  # every band used present and BT present
    tests_run: list[str] = field(default_factory=list)


def clean_reflectance(a: np.ndarray, in_place: bool = False) -> np.ndarray:
    """float32 with NaN kept and values <= 0 set to 1e-5 (python-fmask), so ratios stay finite;
    ``in_place``: in ``a`` itself (a float32 array)."""
    if in_place:
        np.copyto(a, np.float32(LOW_REFLECTANCE), where=a <= 0)
        return a
    a = np.asarray(a, dtype=np.float32)
    return np.where(a <= 0, np.float32(LOW_REFLECTANCE), a)


def _nd(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = a - b
        return np.divide(diff, a + b, out=diff)


def spectral(bands: dict[str, np.ndarray | None], bt: np.ndarray) -> SpectralBlock:
    """NDVI, NDSI, whiteness (Eq. 2) and mean visible reflectance of a block.

    The float32 operations of the formulas in their order, into arrays made once (``out=``, ``+=``): the
    same values as the expressions written out, without a new full-strip array per step (issue 15)."""
    blue, green, red, nir = bands["blue"], bands["green"], bands["red"], bands["nir08"]
    swir1 = bands.get("swir16")
    ndvi = _nd(nir, red)
    ndsi = _nd(green, swir1) if swir1 is not None else None
    mean_vis = blue + green
    mean_vis += red
    mean_vis /= np.float32(3.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        whiteness = np.subtract(blue, mean_vis)  # |b - m| + |g - m| + |r - m|, then / m
        np.abs(whiteness, out=whiteness)
        dev = np.empty_like(whiteness)
        for band in (green, red):
            np.subtract(band, mean_vis, out=dev)
            whiteness += np.abs(dev, out=dev)
        whiteness /= mean_vis
    valid = np.isfinite(ndvi) & np.isfinite(whiteness) & np.isfinite(bt)
    for name in ("swir16", "swir22"):
        if bands.get(name) is not None:
            valid &= np.isfinite(bands[name])
    return SpectralBlock(ndvi, ndsi, whiteness.astype(np.float32, copy=False), mean_vis, valid)


def potential_cloud(
    bands: dict[str, np.ndarray | None],
    bt: np.ndarray,
    s: SpectralBlock,
    saturated_vis: np.ndarray | None = None,
    tests: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Eq. 6: potential cloud pixels = basic ∧ whiteness ∧ HOT ∧ NIR/SWIR1 (∨ cirrus).

    Without SWIR2 the basic test drops its SWIR2 > 0.03 part and without SWIR1 the NDSI part and
    Eq. 4 are skipped (they only remove candidates, so the PCP set is a superset; the probability
    tests of pass 2 still decide). ``tests``: when given, filled with each test's own outcome
    (``basic``, ``whiteness``, ``hot`` and, with their bands, ``nir_swir`` and ``cirrus``; the names of
    ``quality.MASK_TESTS``), valid pixels only.
    """
    blue, red, nir = bands["blue"], bands["red"], bands["nir08"]
    swir1, swir2, cirrus = bands.get("swir16"), bands.get("swir22"), bands.get("cirrus")
    out = {} if tests is None else tests
    with np.errstate(invalid="ignore", divide="ignore"):
        basic = (bt < BASIC_BT_MAX_K) & (s.ndvi < BASIC_NDVI_MAX)
        if swir2 is not None:
            basic &= swir2 > BASIC_SWIR2_MIN
        if s.ndsi is not None:
            basic &= s.ndsi < BASIC_NDSI_MAX
        whiteness = s.whiteness
        if saturated_vis is not None and saturated_vis.any():
            whiteness = np.where(saturated_vis, 0.0, whiteness)
        out["basic"], out["whiteness"] = basic & s.valid, (whiteness < WHITENESS_MAX) & s.valid
        out["hot"] = ((blue - 0.5 * red - HOT_OFFSET) > 0) & s.valid
        pcp = out["basic"] & out["whiteness"] & out["hot"]
        if swir1 is not None:
            out["nir_swir"] = ((nir / swir1) > NIR_SWIR_MIN) & s.valid
            pcp &= out["nir_swir"]
        if cirrus is not None:
            out["cirrus"] = (cirrus > CIRRUS_PCP_MIN) & s.valid
            pcp |= out["cirrus"]
        if saturated_vis is not None and saturated_vis.any():
            pcp |= saturated_vis & (s.mean_vis > SATURATED_BRIGHT_MIN)
    return pcp & s.valid


def water_test(s: SpectralBlock, nir: np.ndarray) -> np.ndarray:
    """Eq. 5: (NDVI < 0.01 ∧ NIR < 0.11) ∨ (NDVI < 0.1 ∧ NIR < 0.05)."""
    with np.errstate(invalid="ignore"):
        return s.valid & (((s.ndvi < 0.01) & (nir < 0.11)) | ((s.ndvi < 0.1) & (nir < 0.05)))


def dark_water(s: SpectralBlock, nir: np.ndarray) -> np.ndarray:
    """Open water: Eq. 5's second clause, NDVI < 0.1 ∧ NIR < 0.05 (shadowed land stays above 0.05)."""
    with np.errstate(invalid="ignore"):
        return s.valid & (s.ndvi < 0.1) & (nir < 0.05)


def clear_water(water: np.ndarray, swir2: np.ndarray | None) -> np.ndarray:
    """Eq. 7: clear-sky water = water ∧ SWIR2 < 0.03 (all water when SWIR2 is missing)."""
    if swir2 is None:
        return water.copy()
    with np.errstate(invalid="ignore"):
        return water & (swir2 < CLEAR_WATER_SWIR2_MAX)


def snow_test(
    bands: dict[str, np.ndarray | None], bt: np.ndarray, s: SpectralBlock, pcp: np.ndarray
) -> np.ndarray:
    """Eq. 20: NDSI > 0.15 ∧ NIR > 0.11 ∧ green > 0.1 ∧ BT < 3.8 °C.

    Without SWIR1 (no NDSI) snow is told from cloud by its spectral slope: snow and ice reflect
    clearly less in the NIR than in the green (NIR/green < SNOW_NIR_GREEN_MAX; ice absorption
    beyond 0.8 µm, Warren 1982, Rev. Geophys. 20(1):67–89, doi:10.1029/RG020i001p00067) while
    cloud is spectrally flat, on top of the brightness and temperature parts of Eq. 20. This is a
    weaker substitute; ``tests_run`` lists "ndsi" only when the real test ran.
    """
    green, nir = bands["green"], bands["nir08"]
    with np.errstate(invalid="ignore", divide="ignore"):
        base = (nir > SNOW_NIR_MIN) & (green > SNOW_GREEN_MIN) & (bt < SNOW_BT_MAX_K) & s.valid
        if s.ndsi is not None:
            return base & (s.ndsi > SNOW_NDSI_MIN)
        return base & (nir / green < SNOW_NIR_GREEN_MAX) & (s.whiteness < WHITENESS_MAX)


def variability_prob(
    s: SpectralBlock, saturated_green: np.ndarray | None = None, saturated_red: np.ndarray | None = None
) -> np.ndarray:
    """Eq. 15: 1 − max(|NDVI|, |NDSI|, whiteness).

    Saturation handling follows Zhu & Woodcock 2012 Eq. 15 (modified NDVI/NDSI set to 0 where the
    visible band *they use* is saturated: red for NDVI, green for NDSI) — not python-fmask's swapped
    version (algorithms.md §3.1).
    """
    if saturated_red is None:
        highest = np.abs(s.ndvi)
    else:
        highest = np.where(saturated_red, 0.0, s.ndvi)
        np.abs(highest, out=highest)
    # pairwise maxima (NaN propagates as in np.maximum.reduce) and 1 − max, in place: every value is
    # the same float operation as on fresh arrays, without a new full-strip array per step
    np.maximum(highest, s.whiteness, out=highest)
    if s.ndsi is not None:
        ndsi = s.ndsi if saturated_green is None else np.where(saturated_green, 0.0, s.ndsi)
        np.maximum(highest, np.abs(ndsi), out=highest)
    np.subtract(1.0, highest, out=highest)
    return highest if highest.dtype == np.float32 else highest.astype(np.float32)


def brightness_band(swir1: np.ndarray | None, nir: np.ndarray) -> np.ndarray:
    """The band of Eq. 10's brightness: SWIR1, or NIR where SWIR1 is missing (``water_cloud_prob``)."""
    return swir1 if swir1 is not None else nir


def water_cloud_prob(
    bt: np.ndarray, t_water: float, bright_band: np.ndarray, cirrus: np.ndarray | None
) -> np.ndarray:
    """Eq. 9–11: wTemp · brightness (+ cirrus/0.04); ``bright_band`` is ``brightness_band``'s (SWIR1,
    Eq. 10, or NIR when SWIR1 is missing: water is as dark in NIR as in SWIR1, cloud as bright)."""
    w_temp = (t_water - bt) / WATER_TEMP_SCALE_K
    brightness = np.minimum(bright_band, BRIGHTNESS_SWIR1_MAX) / BRIGHTNESS_SWIR1_MAX
    prob = w_temp * brightness
    if cirrus is not None:
        prob = prob + cirrus / CIRRUS_PROB_SCALE
    return prob.astype(np.float32)


def land_cloud_prob(
    bt: np.ndarray, t_low: float, t_high: float, var_prob: np.ndarray, cirrus: np.ndarray | None
) -> np.ndarray:
    """Eq. 14 and 16: lTemp · variability (+ cirrus/0.04)."""
    hi, lo = t_high + LAND_TEMP_MARGIN_K, t_low - LAND_TEMP_MARGIN_K
    l_temp = (hi - bt) / (hi - lo)
    prob = l_temp * var_prob
    if cirrus is not None:
        prob = prob + cirrus / CIRRUS_PROB_SCALE
    return prob.astype(np.float32)


def cloud_decision(
    pcp: np.ndarray,
    water: np.ndarray,
    w_prob: np.ndarray,
    l_prob: np.ndarray,
    land_threshold: float,
    bt: np.ndarray,
    t_low: float,
) -> np.ndarray:
    """Eq. 18 (before the size and 3 × 3 clean-up)."""
    land = ~water
    with np.errstate(invalid="ignore"):
        return (
            (pcp & water & (w_prob > WATER_PROB_MIN))
            | (pcp & land & (l_prob > land_threshold))
            | (land & (l_prob > LAND_PROB_SURE))
            | (bt < t_low - COLD_CLOUD_MARGIN_K)
        )


def thick_cloud(mean_vis: np.ndarray, snow: np.ndarray | None = None) -> np.ndarray:
    """Our opacity rule (see THICK_VIS_MIN), for pixels already found to be cloud.

    ``snow``: pixels passing the snow test (Eq. 20). Where the snow's signature (high NDSI, cold) still
    shows, the cloud over it is not opaque: an opaque water cloud reflects about as much in SWIR1 as
    in the green (NDSI near 0, below Eq. 20's 0.15; Dozier 1989, RSE 28:9–22,
    doi:10.1016/0034-4257(89)90101-6), so bright-and-snowy cloud pixels are thin (cirrus over snow), and
    do not cast a detectable shadow.
    """
    with np.errstate(invalid="ignore"):
        thick = mean_vis > THICK_VIS_MIN
    return thick if snow is None else thick & ~snow


class Histogram:
    """Fixed-bin histogram accumulated block by block, for scene percentiles without keeping pixels."""

    def __init__(self, lo: float, hi: float, step: float):
        self.lo, self.step = lo, step
        self.counts = np.zeros(int(round((hi - lo) / step)) + 1, dtype=np.int64)

    def add(self, values: np.ndarray) -> None:
        v = np.asarray(values)
        v = v[np.isfinite(v)].astype(np.float64)  # the finite values only, in float64 as always
        if v.size:  # the bin index (v − lo) / step, truncated and clipped; in place (pass 1's hot loop)
            v -= self.lo
            v /= self.step
            idx = v.astype(np.int64)
            np.clip(idx, 0, self.counts.size - 1, out=idx)
            self.counts += np.bincount(idx, minlength=self.counts.size)

    def empty_like(self) -> Histogram:
        """A histogram with the same bins and no counts: one per block on a worker thread, merged in
        block order afterwards (``merge``; integer counts, so the sum does not depend on the order)."""
        other = Histogram.__new__(Histogram)
        other.lo, other.step = self.lo, self.step
        other.counts = np.zeros_like(self.counts)
        return other

    def merge(self, other: Histogram) -> None:
        """Add the counts of ``other`` (same bins, from ``empty_like``)."""
        if (other.lo, other.step, other.counts.size) != (self.lo, self.step, self.counts.size):
            raise ValueError("merge: the histograms have different bins")
        self.counts += other.counts

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    def warm_side(self, q: float) -> tuple[float, float] | None:
        """Percentiles ``q`` and 100 − ``q`` of the clear population, for a one-class population
        whose only contamination is colder (cloud at night: it only cools the scene).

        The clear population is taken to be symmetric about its mode, the highest peak (histogram
        smoothed over 2 K) above the median; it has twice the pixels warmer than the mode, so its upper
        percentile is read from the warm side and mirrored about the mode. Valid while cloud covers
        less than half of the population (the median is then clear). None when empty."""
        if self.n == 0:
            return None
        k = 2 * int(round(1.0 / self.step)) + 1  # 2 K, centred
        smooth = np.convolve(self.counts, np.ones(k), mode="same")
        start = int(round((self.percentile(50.0) - self.lo) / self.step - 0.5))
        i_mode = start + int(np.argmax(smooth[start:]))
        mode = self.lo + (i_mode + 0.5) * self.step
        n_above = int(self.counts[i_mode + 1 :].sum())
        tail = q / 100.0 * 2 * n_above  # pixels of the clear population above its upper percentile
        above = np.cumsum(self.counts[::-1])
        i_hi = self.counts.size - 1 - int(np.searchsorted(above, tail, side="left"))
        t_high = self.lo + (i_hi + 0.5) * self.step
        return 2.0 * mode - t_high, t_high

    def percentile(self, q: float) -> float | None:
        """Value at percentile ``q`` (0–100), bin centre; None when empty."""
        n = self.n
        if n == 0:
            return None
        cum = np.cumsum(self.counts)
        i = int(np.searchsorted(cum, q / 100.0 * n, side="left"))
        i = min(i, self.counts.size - 1)
        return self.lo + (i + 0.5) * self.step


def night_clouds(
    bt: np.ndarray,
    valid: np.ndarray,
    btd: np.ndarray | None = None,
    snow_ice: np.ndarray | None = None,
    cold_margin: float = NIGHT_COLD_MARGIN_K,
) -> tuple[np.ndarray, dict]:
    """Thermal-only cloud test (``night_clouds_stratum``), run separately on the land-cover map's
    ``snow_ice`` pixels (statistics from their warm side) and on the rest when the map has at least
    NIGHT_STRATUM_MIN_PX of them."""
    n_snow = int((valid & snow_ice).sum()) if snow_ice is not None else 0
    if n_snow < NIGHT_STRATUM_MIN_PX:
        cloud, stats = night_clouds_stratum(bt, valid, btd, cold_margin)
        if snow_ice is not None:
            stats["snow_ice_stratum"] = {"pixels": n_snow, "separate": False}
        return cloud, stats
    cloud, stats = night_clouds_stratum(bt, valid & ~snow_ice, btd, cold_margin)
    cloud_snow, stats_snow = night_clouds_stratum(bt, valid & snow_ice, btd, cold_margin, one_class=True)
    stats["snow_ice_stratum"] = {
        "pixels": n_snow,
        "separate": True,
        "Tlow_K": stats_snow["Tlow_K"],
        "Thigh_K": stats_snow["Thigh_K"],
        "btd_clear_K": stats_snow.get("btd_clear_K"),
    }
    return cloud | cloud_snow, stats


def night_clouds_stratum(
    bt: np.ndarray,
    valid: np.ndarray,
    btd: np.ndarray | None = None,
    cold_margin: float = NIGHT_COLD_MARGIN_K,
    one_class: bool = False,
) -> tuple[np.ndarray, dict]:
    """Thermal-only cloud test: cold outliers against the clear-sky BT statistics (iterated), the
    split-window test and the local tests (``night_local_tests``).

    Start from all valid pixels, take Tlow = 17.5th percentile of the not-yet-cloud BT (Eq. 13's
    statistic), flag BT < Tlow − ``cold_margin`` as cloud, repeat NIGHT_ITERATIONS times so the
    clouds stop dragging Tlow down. ``one_class``: the pixels are one land-cover class, Tlow and
    Thigh come from its warm side (``Histogram.warm_side``). Thin or low (warm) cloud over a dry
    atmosphere is missed: the metadata says so.

    With the split-window difference ``btd`` = BT(lwir11) − BT(lwir12), cold pixels whose BTD is
    more than NIGHT_SNOW_BTD_MARGIN_K below the clear pixels' median are not cloud but snow/ice:
    its 12 µm emissivity is lower than its 11 µm one (Hori et al. 2006, RSE 100:486–502,
    doi:10.1016/j.rse.2005.11.001), whereas opaque cloud tops have a BTD near 0 and semi-transparent
    cloud a larger one (Inoue 1985, JMSJ 63:88–99, doi:10.2151/jmsj1965.63.1_88). So a pixel more
    than NIGHT_SW_COLD_K below Tlow whose BTD is NIGHT_BTD_EXCESS_K above the clear median is cloud
    too: that finds low, warm cloud tops that the 6 K margin misses when the atmosphere is moist.
    """
    clear = valid & np.isfinite(bt)
    cloud = np.zeros(bt.shape, dtype=bool)
    snow_like = None
    t_low = t_high = btd_clear = float("nan")
    for _ in range(NIGHT_ITERATIONS):
        hist = Histogram(150.0, 350.0, 0.1)
        hist_btd = Histogram(-20.0, 20.0, 0.01)
        for r in range(0, bt.shape[0], 512):  # by row strips: no whole-window float64 copy
            keep = clear[r : r + 512] & ~cloud[r : r + 512]
            hist.add(bt[r : r + 512][keep])
            if btd is not None:
                hist_btd.add(btd[r : r + 512][keep])
        if hist.n == 0:
            break
        t_low, t_high = hist.warm_side(17.5) if one_class else (hist.percentile(17.5), hist.percentile(82.5))
        split_window = btd is not None and hist_btd.n > 0
        if split_window:
            btd_clear = hist_btd.percentile(50.0)
            if snow_like is None:
                snow_like = np.zeros(bt.shape, dtype=bool)
        for r in range(0, bt.shape[0], 512):  # in place by row strips: no whole-window temporaries
            s = slice(r, r + 512)
            with np.errstate(invalid="ignore"):
                c = clear[s] & (bt[s] < t_low - cold_margin)
                if split_window:
                    snow_like[s] = btd[s] < btd_clear - NIGHT_SNOW_BTD_MARGIN_K
                    c &= ~snow_like[s]
                    c |= (
                        clear[s]
                        & (bt[s] < t_low - NIGHT_SW_COLD_K)
                        & (btd[s] > btd_clear + NIGHT_BTD_EXCESS_K)
                    )
            cloud[s] = c
    stats = {"Tlow_K": t_low, "Thigh_K": t_high, "cold_margin_K": cold_margin}
    if btd is not None:
        stats.update(
            {
                "btd_clear_K": btd_clear,
                "snow_btd_margin_K": NIGHT_SNOW_BTD_MARGIN_K,
                "btd_excess_K": NIGHT_BTD_EXCESS_K,
                "split_window_cold_K": NIGHT_SW_COLD_K,
            }
        )
    if np.isfinite(t_low):
        cloud = night_local_tests(bt, clear, cloud, btd, snow_like)
        stats.update({"local_block_px": NIGHT_BLOCK_PX, "local_cold_K": NIGHT_LOCAL_COLD_K})
    return cloud, stats


def night_local_tests(
    bt: np.ndarray,
    valid: np.ndarray,
    cloud: np.ndarray,
    btd: np.ndarray | None = None,
    snow_like: np.ndarray | None = None,
) -> np.ndarray:
    """``cloud`` plus the pixels that are cloud against their neighbourhood's clear sky.

    The clear sky of each NIGHT_BLOCK_PX cell comes from its pixels that are ``valid`` and not yet
    ``cloud`` (``block_background``, bilinear between cell centres). Cloud: BT more than
    NIGHT_LOCAL_COLD_K (or 3 σ of the cell's clear BT, if larger) below the NIGHT_LOCAL_PERCENTILE of
    clear BT, taking the coldest of the 3 × 3 cells around it; or (with ``btd``) BTD more than
    NIGHT_BTD_EXCESS_K above the cell's clear median while BT is NIGHT_BTD_COLDER_K below its clear
    median (semi-transparent cloud, Inoue 1985). ``snow_like`` pixels are never added.
    Works by row strips: no whole-window float array beyond the coarse grids.
    """
    block = NIGHT_BLOCK_PX
    clear = np.empty(cloud.shape, dtype=bool)
    for r in range(0, cloud.shape[0], 512):
        clear[r : r + 512] = valid[r : r + 512] & ~cloud[r : r + 512]
    bg_bt = block_background(bt, clear, block)
    if not np.isfinite(bg_bt).any():
        return cloud
    p_lo = block_background(bt, clear, block, NIGHT_LOCAL_PERCENTILE)
    # margin: NIGHT_LOCAL_COLD_K, or 3 σ of the cell's clear BT where its texture is rougher (σ from the
    # 50th − 10th percentile distance, 1.2816 σ for a normal distribution)
    margin = np.maximum(NIGHT_LOCAL_COLD_K, 3.0 * (bg_bt - p_lo) / 1.2816)
    # the coldest cell of each 3 × 3 neighbourhood: cool land next to warm water keeps its own reference
    cold_limit = ndimage.minimum_filter(p_lo - margin, size=3)
    bg_btd = block_background(btd, clear, block) if btd is not None else None
    out = cloud.copy()
    h, w = bt.shape
    for r0 in range(0, h, 512):
        r1 = min(h, r0 + 512)
        with np.errstate(invalid="ignore"):
            new = bt[r0:r1] < background_rows(cold_limit, block, r0, r1, w)
            if bg_btd is not None:
                d_t = bt[r0:r1] - background_rows(bg_bt, block, r0, r1, w)
                d_d = btd[r0:r1].astype(np.float32) - background_rows(bg_btd, block, r0, r1, w)
                new |= (d_d > NIGHT_BTD_EXCESS_K) & (d_t < -NIGHT_BTD_COLDER_K)
        keep = valid[r0:r1] if snow_like is None else valid[r0:r1] & ~snow_like[r0:r1]
        out[r0:r1] |= new & keep
    return out


def block_background(
    values: np.ndarray, clear: np.ndarray, block: int = NIGHT_BLOCK_PX, q: float = 50.0
) -> np.ndarray:
    """Percentile ``q`` of the clear pixels in each ``block`` × ``block`` cell (float32 coarse grid).

    Cells with fewer than NIGHT_BLOCK_MIN_CLEAR clear pixels take the value of the nearest cell that
    has enough; all NaN when no cell has. Row strips of one block keep the temporaries small.
    """
    h, w = values.shape
    H, W = -(-h // block), -(-w // block)
    out = np.full((H, W), np.nan, dtype=np.float32)
    for i in range(H):
        v = np.full((block, W * block), np.nan, dtype=np.float32)
        part = values[i * block : (i + 1) * block]
        keep = clear[i * block : (i + 1) * block] & np.isfinite(part)
        v[: part.shape[0], :w] = np.where(keep, part, np.nan)
        cells = v.reshape(block, W, block).transpose(1, 0, 2).reshape(W, -1)
        n = np.isfinite(cells).sum(axis=1)
        ok = n >= NIGHT_BLOCK_MIN_CLEAR * block * block
        if ok.any():
            out[i, ok] = np.nanpercentile(cells[ok], q, axis=1)
    missing = ~np.isfinite(out)
    if missing.any() and not missing.all():
        idx = ndimage.distance_transform_edt(missing, return_distances=False, return_indices=True)
        out = out[idx[0], idx[1]]
    return out


def background_rows(coarse: np.ndarray, block: int, r0: int, r1: int, w: int) -> np.ndarray:
    """Rows ``r0:r1`` (``w`` columns) of the coarse background, bilinear between cell centres."""
    rr = (np.arange(r0, r1, dtype=np.float32) + 0.5) / block - 0.5
    cc = (np.arange(w, dtype=np.float32) + 0.5) / block - 0.5
    coords = np.stack(np.broadcast_arrays(rr[:, None], cc[None, :]))
    return ndimage.map_coordinates(coarse, coords, order=1, mode="nearest").astype(np.float32)
