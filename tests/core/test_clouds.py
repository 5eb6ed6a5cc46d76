"""Fmask pixel tests (Zhu & Woodcock 2012) on hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core import clouds

C0 = 273.15


def bands_of(**values):
    names = ("blue", "green", "red", "nir08", "swir16", "swir22", "cirrus")
    return {n: (np.array([values[n]], np.float32) if n in values else None) for n in names}


CLOUD = {
    "blue": 0.47,
    "green": 0.46,
    "red": 0.45,
    "nir08": 0.46,
    "swir16": 0.35,
    "swir22": 0.22,
    "cirrus": 0.02,
}
VEG = {
    "blue": 0.10,
    "green": 0.09,
    "red": 0.055,
    "nir08": 0.36,
    "swir16": 0.19,
    "swir22": 0.09,
    "cirrus": 0.002,
}
WATER = {
    "blue": 0.11,
    "green": 0.09,
    "red": 0.07,
    "nir08": 0.02,
    "swir16": 0.01,
    "swir22": 0.005,
    "cirrus": 0.001,
}
SNOW = {
    "blue": 0.76,
    "green": 0.75,
    "red": 0.72,
    "nir08": 0.62,
    "swir16": 0.08,
    "swir22": 0.05,
    "cirrus": 0.003,
}


def test_indices_match_hand_computation():
    b = bands_of(**VEG)
    s = clouds.spectral(b, np.array([300.0], np.float32))
    assert s.ndvi[0] == pytest.approx((0.36 - 0.055) / (0.36 + 0.055), rel=1e-5)
    assert s.ndsi[0] == pytest.approx((0.09 - 0.19) / (0.09 + 0.19), rel=1e-5)
    mean = (0.10 + 0.09 + 0.055) / 3
    white = (abs(0.10 - mean) + abs(0.09 - mean) + abs(0.055 - mean)) / mean  # Eq. 2
    assert s.whiteness[0] == pytest.approx(white, rel=1e-5)
    assert s.mean_vis[0] == pytest.approx(mean, rel=1e-6)


@pytest.mark.parametrize(
    ("spectrum", "bt", "pcp", "water", "snow"),
    [
        (CLOUD, 280.0, True, False, False),
        (VEG, 300.0, False, False, False),  # NDVI 0.73: HOT fails (0.1 - 0.0275 - 0.08 < 0)
        (WATER, 291.0, False, True, False),
        (SNOW, 268.0, False, False, True),  # NDSI 0.81 > 0.8 fails the basic test, passes Eq. 20
        (SNOW, 280.0, False, False, False),  # too warm for snow (BT < 3.8 °C)
        (dict(CLOUD, cirrus=0.005), 27.5 + C0, False, False, False),  # basic test: BT < 27 °C
    ],
)
def test_pass_one_tests(spectrum, bt, pcp, water, snow):
    b = bands_of(**spectrum)
    t = np.array([bt], np.float32)
    s = clouds.spectral(b, t)
    p = clouds.potential_cloud(b, t, s)
    assert bool(p[0]) is pcp
    assert bool(clouds.water_test(s, b["nir08"])[0]) is water
    assert bool(clouds.snow_test(b, t, s, p)[0]) is snow


def test_cirrus_band_makes_potential_cloud():
    thin = dict(VEG, cirrus=0.015)
    b = bands_of(**thin)
    t = np.array([300.0], np.float32)
    assert clouds.potential_cloud(b, t, clouds.spectral(b, t))[0]
    b["cirrus"] = None  # without the band the same pixel is clear
    assert not clouds.potential_cloud(b, t, clouds.spectral(b, t))[0]


def test_cirrus_over_snow_is_thin_opaque_cloud_over_snow_is_thick():
    """Snow seen through cirrus still passes Eq. 20 (the NDSI shows through): not opaque. An opaque cloud
    hides the snow (NDSI about 0.13 < 0.15) and stays thick. Both are brighter than THICK_VIS_MIN."""
    a = 0.45  # cirrus opacity, mixed as in the sample generator: (1 − 0.3 a)·surface + a·thin-cloud spectrum
    thin_spectrum = {"blue": 0.35, "green": 0.35, "red": 0.35, "nir08": 0.35, "swir16": 0.25, "swir22": 0.15}
    cirrus_snow = {k: (1 - 0.3 * a) * SNOW[k] + a * thin_spectrum[k] for k in thin_spectrum} | {
        "cirrus": 0.04
    }
    t = np.array([268.0], np.float32)
    for spectrum, thick in ((cirrus_snow, False), (CLOUD, True)):
        b = bands_of(**spectrum)
        s = clouds.spectral(b, t)
        assert s.mean_vis[0] > clouds.THICK_VIS_MIN
        snow = clouds.snow_test(b, t, s, clouds.potential_cloud(b, t, s))
        assert bool(clouds.thick_cloud(s.mean_vis, snow)[0]) is thick
        assert bool(clouds.thick_cloud(s.mean_vis)[0])  # brightness alone calls both thick


def test_probabilities_follow_equations():
    bt = np.array([290.0], np.float32)
    # Eq. 14: (Thigh + 4 - BT) / ((Thigh + 4) - (Tlow - 4)) with Tlow 295, Thigh 305
    var = np.array([0.8], np.float32)
    lp = clouds.land_cloud_prob(bt, 295.0, 305.0, var, None)
    assert lp[0] == pytest.approx((309 - 290) / (309 - 291) * 0.8, rel=1e-5)
    lp_c = clouds.land_cloud_prob(bt, 295.0, 305.0, var, np.array([0.02], np.float32))
    assert lp_c[0] == pytest.approx(lp[0] + 0.5, rel=1e-5)  # + cirrus / 0.04
    # Eq. 9-11: (Twater - BT)/4 * min(SWIR1, 0.11)/0.11
    swir1, nir = np.array([0.055], np.float32), np.array([0.3], np.float32)
    wp = clouds.water_cloud_prob(bt, 294.0, clouds.brightness_band(swir1, nir), None)
    assert wp[0] == pytest.approx(1.0 * 0.5, rel=1e-5)
    # without SWIR1, NIR stands in for the brightness
    wp2 = clouds.water_cloud_prob(bt, 294.0, clouds.brightness_band(None, nir), None)
    assert wp2[0] == pytest.approx(1.0, rel=1e-5)


def test_variability_uses_the_largest_index_and_saturation():
    b = bands_of(**SNOW)
    s = clouds.spectral(b, np.array([268.0], np.float32))
    assert clouds.variability_prob(s)[0] == pytest.approx(1 - s.ndsi[0], rel=1e-5)
    # saturated green: NDSI treated as 0 (Eq. 15), the largest remaining term is |NDVI| or whiteness
    v = clouds.variability_prob(s, saturated_green=np.array([True]))
    assert v[0] == pytest.approx(1 - max(abs(s.ndvi[0]), s.whiteness[0]), rel=1e-5)


def test_cloud_decision_eq18():
    pcp = np.array([True, True, False, False, True])
    water = np.array([False, True, False, False, False])
    wp = np.array([0.0, 0.6, 0.0, 0.0, 0.0], np.float32)
    lp = np.array([0.5, 0.0, 1.0, 0.1, 0.2], np.float32)
    bt = np.array([290, 290, 290, 250, 290], np.float32)
    out = clouds.cloud_decision(pcp, water, wp, lp, 0.4, bt, t_low=290.0)
    # land PCP above threshold; water PCP with wprob > 0.5; sure land prob > 0.99; BT < Tlow - 35 K
    assert out.tolist() == [True, True, True, True, False]


def test_histogram_percentile():
    h = clouds.Histogram(0.0, 100.0, 0.1)
    values = np.arange(1000, dtype=np.float64) / 10.0  # 0.0 .. 99.9
    h.add(values[:500])
    h.add(values[500:])
    assert h.n == 1000
    assert h.percentile(17.5) == pytest.approx(np.percentile(values, 17.5), abs=0.15)
    assert h.percentile(82.5) == pytest.approx(np.percentile(values, 82.5), abs=0.15)
    assert clouds.Histogram(0, 1, 0.1).percentile(50) is None


def test_histogram_warm_side_mirrors_the_clear_population():
    """66 % clear N(277, 2) K under a flat cloud top at 256.7 K (34 %): the plain 17.5th percentile
    is the cloud top; the warm side gives the clear population's percentiles (277 ∓ 0.935 σ)."""
    rng = np.random.default_rng(7)
    clear = rng.normal(277.0, 2.0, 66_000)
    cloud = rng.normal(256.7, 0.3, 34_000)
    h = clouds.Histogram(150.0, 350.0, 0.1)
    h.add(np.concatenate([clear, cloud]))
    assert h.percentile(17.5) == pytest.approx(256.7, abs=0.5)
    t_low, t_high = h.warm_side(17.5)
    assert t_low == pytest.approx(277.0 - 0.935 * 2.0, abs=0.4)  # mode of a sampled histogram: ±0.3 K
    assert t_high == pytest.approx(277.0 + 0.935 * 2.0, abs=0.2)
    plain = clouds.Histogram(150.0, 350.0, 0.1)
    plain.add(clear)  # no cloud: the same as the percentiles
    assert plain.warm_side(17.5)[0] == pytest.approx(plain.percentile(17.5), abs=0.4)
    assert clouds.Histogram(0, 1, 0.1).warm_side(17.5) is None


def test_night_snow_ice_stratum_under_a_large_cloud():
    """A flat cloud top 8 K colder than the snow covers 40 % of the snow/ice stratum: against the
    stratum's plain 17.5th percentile (the cloud top itself) it is missed, its warm side finds it."""
    rng = np.random.default_rng(9)
    n = 240
    bt = (283.0 + rng.normal(0, 0.3, (n, n))).astype(np.float32)
    snow = np.zeros((n, n), dtype=bool)
    snow[:, 200:] = True
    bt[snow] = 272.0 + rng.normal(0, 1.0, snow.sum())
    cloud = np.zeros((n, n), dtype=bool)
    cloud[:96, 200:] = True
    bt[cloud] = 264.0 + rng.normal(0, 0.1, cloud.sum())
    valid = np.ones((n, n), dtype=bool)
    plain, _ = clouds.night_clouds_stratum(bt, valid & snow, None, clouds.NIGHT_COLD_MARGIN_NORMALISED_K)
    assert plain[cloud].mean() < 0.5
    found, stats = clouds.night_clouds(bt, valid, None, snow, clouds.NIGHT_COLD_MARGIN_NORMALISED_K)
    assert found[cloud].mean() > 0.99
    assert found[snow & ~cloud].mean() < 0.01 and found[~snow].mean() < 0.01
    assert stats["snow_ice_stratum"]["Tlow_K"] == pytest.approx(272.0 - 0.935, abs=0.3)


def test_night_clouds_are_cold_outliers():
    rng = np.random.default_rng(3)
    bt = rng.normal(285.0, 1.0, (100, 100)).astype(np.float32)
    bt[20:40, 20:40] = 270.0  # cold cloud
    bt[60:70, 60:70] = 282.0  # 3 sigma cooler, but not a cloud
    cloud, stats = clouds.night_clouds(bt, np.ones(bt.shape, bool))
    assert cloud[20:40, 20:40].all()
    assert cloud.sum() == 400
    assert stats["Tlow_K"] == pytest.approx(284.1, abs=0.3)


def test_night_split_window_keeps_snow_out_of_the_clouds():
    rng = np.random.default_rng(4)
    bt = rng.normal(283.0, 1.0, (100, 100)).astype(np.float32)
    btd = np.full(bt.shape, -1.0, np.float32)  # clear land: BT11 - BT12 = -1 K
    bt[10:30, 10:30], btd[10:30, 10:30] = 258.0, 0.0  # opaque cloud: BTD near 0 (Inoue 1985)
    bt[60:80, 60:80], btd[60:80, 60:80] = 268.0, -2.4  # snow: 12 µm emissivity lower (Hori et al. 2006)
    valid = np.ones(bt.shape, bool)
    cloud_bt_only, _ = clouds.night_clouds(bt, valid)
    assert cloud_bt_only[60:80, 60:80].all()  # without the split window, cold snow looks like cloud
    cloud, stats = clouds.night_clouds(bt, valid, btd)
    assert cloud[10:30, 10:30].all() and not cloud[60:80, 60:80].any()
    assert cloud.sum() == 400
    assert stats["btd_clear_K"] == pytest.approx(-1.0, abs=0.01)


def test_block_background_is_the_percentile_of_clear_pixels_per_cell():
    values = np.zeros((8, 8), np.float32)
    values[:4, :4] = np.arange(16, dtype=np.float32).reshape(4, 4)  # cell (0, 0): 0..15
    values[:4, 4:] = 100.0
    values[4:, :4] = 200.0
    clear = np.ones((8, 8), bool)
    clear[4:, 4:] = False  # cell (1, 1) has no clear pixel: it takes its nearest cell's value
    bg = clouds.block_background(values, clear, block=4, q=50.0)
    assert bg.dtype == np.float32
    assert bg[0, 0] == pytest.approx(7.5)
    assert bg[0, 1] == 100.0 and bg[1, 0] == 200.0
    assert bg[1, 1] in (100.0, 200.0)
    assert clouds.block_background(values, clear, block=4, q=10.0)[0, 0] == pytest.approx(1.5)
    assert np.isnan(clouds.block_background(values, np.zeros((8, 8), bool), block=4)).all()


def test_background_rows_are_bilinear_between_cell_centres():
    coarse = np.array([[280.0, 290.0]], np.float32)
    rows = clouds.background_rows(coarse, 4, 0, 2, 8)
    assert rows.shape == (2, 8)
    # pixel centres 0.5 … 7.5; cell centres at 2.0 and 6.0: linear in between, held outside
    assert rows[0].tolist() == pytest.approx([280.0, 280.0, 281.25, 283.75, 286.25, 288.75, 290.0, 290.0])
    assert rows[1].tolist() == rows[0].tolist()


def test_night_split_window_finds_low_opaque_cloud_in_a_moist_atmosphere():
    rng = np.random.default_rng(5)
    bt = rng.normal(283.0, 0.3, (192, 192)).astype(np.float32)
    btd = np.full(bt.shape, -1.5, np.float16)  # clear surface through a moist atmosphere
    bt[20:60, 20:60], btd[20:60, 20:60] = 280.0, 0.0  # low opaque cloud top: BTD 0 (Inoue 1985)
    bt[120:160, 120:160] = 280.0  # a cool clear field: same BT, clear-sky BTD
    valid = np.ones(bt.shape, bool)
    cloud, stats = clouds.night_clouds(bt, valid, btd)
    assert stats["Tlow_K"] - clouds.NIGHT_COLD_MARGIN_K < 280.0  # the cold-outlier test alone misses it
    assert cloud[20:60, 20:60].all()
    assert cloud.sum() == 1600  # the cool clear field stays clear
    bt_only, _ = clouds.night_clouds(bt, valid)
    assert not bt_only.any()


def test_night_local_split_window_finds_semi_transparent_cloud():
    rng = np.random.default_rng(6)
    bt = rng.normal(283.0, 0.1, (192, 192)).astype(np.float32)
    btd = np.full(bt.shape, -1.0, np.float16)
    bt[80:90, 80:90], btd[80:90, 80:90] = 282.0, 0.0  # thin cirrus: 1 K cooler, BTD raised by 1 K
    bt[20:30, 20:30] = 282.0  # 1 K cooler without the split-window signature: clear
    btd[150:160, 150:160] = 0.0  # raised BTD but not cooler (e.g. another surface): clear
    cloud, _ = clouds.night_clouds(bt, np.ones(bt.shape, bool), btd)
    assert cloud[80:90, 80:90].all()
    assert cloud.sum() == 100


def test_night_local_cold_test_uses_the_neighbourhood_not_the_scene():
    rng = np.random.default_rng(7)
    bt = rng.normal(281.0, 0.3, (256, 384)).astype(np.float32)
    bt[:, 192:] += 9.0  # a warm lake (290 K) beside cool land: the scene's Tlow is the land's
    bt[100:120, 280:300] = 286.0  # cloud over the lake: 4 K colder than the lake, 5 K warmer than land
    cloud, stats = clouds.night_clouds(bt, np.ones(bt.shape, bool))
    assert stats["Tlow_K"] - clouds.NIGHT_COLD_MARGIN_K + 5.0 < 286.0  # far from a scene-wide outlier
    assert cloud[100:120, 280:300].all()
    assert cloud.sum() == 400  # the cool land at the shore is not taken for cloud


def test_night_snow_ice_stratum_keeps_snow_out_and_finds_clouds_over_it():
    """Dry night: land 283 K, a snow field at 264 K (colder than land - 6 K, split window the land's),
    cloud tops at 262 K over land and 250 K over the snow. Without strata the snow is a cold outlier;
    with the land-cover map's snow/ice stratum it is tested against its own statistics."""
    rng = np.random.default_rng(5)
    n = 240
    bt = (283.0 + rng.normal(0, 0.3, (n, n))).astype(np.float32)
    snow = np.zeros((n, n), dtype=bool)
    snow[:, 210:] = True  # 7200 px, 12.5 % of the scene
    bt[snow] = 264.0 + rng.normal(0, 0.3, snow.sum())
    cloud_land = np.zeros((n, n), dtype=bool)
    cloud_land[40:80, 40:80] = True
    cloud_snow = np.zeros((n, n), dtype=bool)
    cloud_snow[150:190, 215:235] = True
    bt[cloud_land] = 262.0
    bt[cloud_snow] = 250.0
    btd = np.full((n, n), 0.1, dtype=np.float16)
    valid = np.ones((n, n), dtype=bool)
    clear_snow = snow & ~cloud_snow

    without, _ = clouds.night_clouds(bt, valid, btd)
    assert without[clear_snow].mean() > 0.99  # the documented failure

    cloud, stats = clouds.night_clouds(bt, valid, btd, snow_ice=snow)
    assert cloud[clear_snow].mean() < 0.01
    assert cloud[cloud_land].mean() > 0.99 and cloud[cloud_snow].mean() > 0.99
    assert cloud[~snow & ~cloud_land].mean() < 0.01
    s = stats["snow_ice_stratum"]
    assert s["separate"] and s["pixels"] == snow.sum()
    assert s["Tlow_K"] == pytest.approx(264.0, abs=0.5)

    tiny = np.zeros((n, n), dtype=bool)
    tiny[:10, :10] = True  # below NIGHT_STRATUM_MIN_PX: no statistics of its own
    _, stats = clouds.night_clouds(bt, valid, btd, snow_ice=tiny)
    assert stats["snow_ice_stratum"] == {"pixels": 100, "separate": False}
