"""Flood fill, morphology helpers and shadow matching on known geometry."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core import morphology, shadows


def test_fill_minima_fills_an_enclosed_pit_only():
    img = np.full((40, 40), 0.30, np.float32)
    img[10:20, 10:20] = 0.10  # enclosed pit: filled up to the rim (0.30)
    img[25:35, 0:10] = 0.10  # pit open to the border: not filled
    filled = morphology.fill_minima(img, step=0.005)
    assert filled[15, 15] == pytest.approx(0.30, abs=0.005)
    assert filled[15, 15] <= np.float32(0.30)
    assert filled[30, 5] == pytest.approx(0.10)
    assert np.all(filled >= img)


def test_fill_minima_uses_the_lowest_rim():
    img = np.full((30, 30), 0.5, np.float32)
    img[5:25, 5:25] = 0.4  # a ring at 0.4 inside the 0.5 frame
    img[10:20, 10:20] = 0.1  # pit inside the ring
    img[14, 5:10] = 0.2  # a notch from the pit through the ring
    filled = morphology.fill_minima(img, step=0.01, levels=(0.0, 0.6))
    assert filled[15, 15] == pytest.approx(0.5, abs=0.011)  # all inside the 0.5 frame fills to its rim
    assert filled[7, 7] == pytest.approx(0.5, abs=0.011)
    img[14, 0:5] = 0.2  # open the frame: the pit now spills to the border at 0.2
    filled = morphology.fill_minima(img, step=0.01, levels=(0.0, 0.6))
    assert filled[15, 15] == pytest.approx(0.2, abs=0.011)


def test_disk_and_dilate():
    assert morphology.disk(0).sum() == 1
    assert morphology.disk(1).sum() == 5
    assert morphology.disk(3).sum() == 29  # as skimage.morphology.disk(3)
    m = np.zeros((21, 21), bool)
    m[10, 10] = True
    d = morphology.dilate(m, 3)
    assert d.sum() == 29 and d[10, 13] and not d[12, 13]


def test_majority_and_remove_small():
    m = np.zeros((20, 20), bool)
    m[2, 2] = True  # isolated pixel -> removed by the 3x3 rule
    m[10:13, 10:13] = True
    m[11, 11] = False  # hole -> filled
    out = morphology.majority_3x3(m)
    assert not out[2, 2] and out[11, 11]
    small = np.zeros((20, 20), bool)
    small[0:2, 0:2] = True  # 4 px
    small[10:14, 10:14] = True  # 16 px
    kept = morphology.remove_small(small, 9)
    assert kept.sum() == 16


def test_block_reduce_and_expand_round_trip():
    a = np.arange(35, dtype=np.float32).reshape(5, 7)
    r = morphology.block_reduce_mean(a, 2)
    assert r.shape == (3, 4)
    assert r[0, 0] == pytest.approx(np.mean([0, 1, 7, 8]))
    assert r[2, 3] == pytest.approx(34.0)  # partial corner block
    f = morphology.block_reduce_fraction(a > 20, 2)
    assert f[2, 0] == pytest.approx(1.0)
    assert f[1, 3] == pytest.approx(0.5) and f[0, 3] == pytest.approx(0.0)  # partial edge blocks: 1 of 2
    assert np.array_equal(morphology.block_reduce_fraction(a > 20, 2, strip_blocks=1), f)
    e = morphology.expand(r, 2, (5, 7))
    assert e.shape == (5, 7) and e[4, 6] == r[2, 3]
    assert morphology.work_factor((7800, 7800)) == 4


def test_block_reduce_mean_counts_only_valid_pixels_and_leaves_the_image_alone():
    a = np.arange(35, dtype=np.float32).reshape(5, 7)
    a[0, 1] = np.nan
    valid = np.ones(a.shape, bool)
    valid[0, 0] = valid[4, 6] = False
    before = a.copy()
    r = morphology.block_reduce_mean(a, 2, valid=valid)
    assert r[0, 0] == pytest.approx(np.mean([7, 8]))  # 0 invalid, 1 NaN
    assert np.isnan(r[2, 3])  # the partial corner block's one pixel is invalid
    assert r[1, 1] == pytest.approx(np.mean([16, 17, 23, 24]))
    np.testing.assert_array_equal(a, before)  # NaN where NaN
    np.testing.assert_array_equal(morphology.block_reduce_mean(a, 1, valid=valid)[0, :2], [np.nan, np.nan])
    np.testing.assert_array_equal(
        morphology.block_reduce_mean(a, 2, valid=valid),
        morphology.block_reduce_mean(np.where(valid, a, np.nan), 2),
    )


def test_eq22_base_temperature_and_eq21_range():
    bt = np.linspace(250, 270, 100)
    assert shadows.base_temperature(bt, 100) == pytest.approx(250.0)  # R = 4 < 8 -> min
    n = 2000  # R = 17.8 -> percentile 100 (R-8)^2/R^2 = 30.3
    r = np.sqrt(n / (2 * np.pi))
    assert shadows.base_temperature(bt, n) == pytest.approx(np.percentile(bt, 100 * (r - 8) ** 2 / r**2))
    lo, hi, narrowed = shadows.height_range_km(280.0, t_low=300.0, t_high=305.0)
    assert lo == pytest.approx((296 - 280) / 9.8)
    assert hi == pytest.approx(12.0)  # (309 - 280)/1 = 29 km -> capped
    assert not narrowed
    # thermal height (302.5 - 280)/6.5 = 3.46 km, kept within ± 1.5 km (and Eq. 21's lower bound)
    lo, hi, narrowed = shadows.height_range_km(280.0, t_low=300.0, t_high=305.0, t_ref=302.5)
    assert narrowed and lo == pytest.approx(22.5 / 6.5 - 1.5) and hi == pytest.approx(22.5 / 6.5 + 1.5)


def test_shadow_matching_recovers_height_and_shape():
    h, w = 160, 160
    yy, xx = np.mgrid[:h, :w]
    cloud = (yy - 110) ** 2 + (xx - 110) ** 2 <= 12**2
    sun_zen, sun_az, height_km = 40.0, 135.0, 1.5
    d_px = height_km * 1000 * np.tan(np.radians(sun_zen)) / 30.0
    drow, dcol = d_px * np.cos(np.radians(sun_az)), -d_px * np.sin(np.radians(sun_az))
    truth = np.zeros((h, w), bool)
    rr, cc = np.nonzero(cloud)
    truth[np.rint(rr + drow).astype(int), np.rint(cc + dcol).astype(int)] = True
    truth &= ~cloud
    nir = np.full((h, w), 0.3, np.float32)
    nir[truth] = 0.1
    nir[cloud] = 0.45
    data = np.ones((h, w), bool)
    ps = shadows.potential_shadow(nir, data & ~cloud, background=0.3)
    assert ps[truth].mean() > 0.95 and not ps[~truth & ~cloud].any()
    bt = np.where(cloud, 300.0 - 6.5 * height_km, 300.0).astype(np.float32)
    out, stats = shadows.match_shadows(
        cloud, bt, ps, data, (30.0, 30.0), shadows.SunView(sun_zen, sun_az), t_low=299.0, t_high=301.0
    )
    assert stats["matched"] == 1
    assert stats["heights_km"][0] == pytest.approx(height_km, abs=0.05)
    assert (out & truth).sum() / truth.sum() > 0.95
    assert (out & ~truth).sum() / truth.sum() < 0.05
    # sun from the opposite side: the projection lands on bright ground, nothing is accepted
    out2, stats2 = shadows.match_shadows(
        cloud, bt, ps, data, (30.0, 30.0), shadows.SunView(sun_zen, sun_az + 180), t_low=299.0, t_high=301.0
    )
    assert stats2["matched"] == 0 and not out2.any()


def test_thermal_height_is_above_the_ground_around_the_cloud():
    """A cloud 1.5 km above a mountain whose clear land is 15 K colder than the lowland (the scene's
    median): against the scene median it looks 3.8 km high and the ± 1.5 km window picks a dark patch
    at that offset; against the clear land around it (block_background grid) it takes its own shadow."""
    from lst_studio.plugin.core import clouds

    h = w = 256
    yy, xx = np.mgrid[:h, :w]
    cloud = (yy - 128) ** 2 + (xx - 128) ** 2 <= 12**2
    sun_zen, sun_az = 40.0, 135.0

    def projected(height_km):
        d_px = height_km * 1000 * np.tan(np.radians(sun_zen)) / 30.0
        rr, cc = np.nonzero(cloud)
        out = np.zeros((h, w), bool)
        out[
            np.rint(rr + d_px * np.cos(np.radians(sun_az))).astype(int),
            np.rint(cc - d_px * np.sin(np.radians(sun_az))).astype(int),
        ] = True
        return out & ~cloud

    own, decoy = projected(1.5), projected(3.8)
    ps = own | decoy
    bt = np.full((h, w), 300.0, np.float32)
    bt[40:216, 40:216] = 285.0  # the mountain
    bt[cloud] = 285.0 - 6.5 * 1.5
    data = np.ones((h, w), bool)
    sv = shadows.SunView(sun_zen, sun_az)
    kw = {"t_low": 284.0, "t_high": 301.0}
    _, scene_ref = shadows.match_shadows(cloud, bt, ps, data, (30.0, 30.0), sv, t_ref=297.0, **kw)
    assert scene_ref["heights_km"][0] == pytest.approx(3.8, abs=0.1)
    local = clouds.block_background(bt, data & ~cloud, shadows.LOCAL_REF_BLOCK_PX)
    out, stats = shadows.match_shadows(cloud, bt, ps, data, (30.0, 30.0), sv, t_ref=local, **kw)
    assert stats["heights_km"][0] == pytest.approx(1.5, abs=0.05)
    assert stats["details"][0]["t_ref"] == pytest.approx(285.0, abs=0.5)
    assert (out & own).sum() / own.sum() > 0.95 and not (out & decoy).any()


def test_view_parallax_shifts_the_shadow_towards_the_sensor():
    h, w = 120, 120
    cloud = np.zeros((h, w), bool)
    cloud[60:70, 60:70] = True
    data = np.ones((h, w), bool)
    bt = np.where(cloud, 290.0, 300.0).astype(np.float32)
    # shadow drawn straight north of the apparent cloud by 20 px: sun due south, sensor due north
    tz = 20 * 30.0 / 2000.0  # tan(sun zenith) for a 2 km cloud and no parallax ... 0.3
    ps = np.zeros((h, w), bool)
    ps[40:50, 60:70] = True
    sv = shadows.SunView(np.degrees(np.arctan(tz + 0.1)), 180.0, np.degrees(np.arctan(0.1)), 0.0)
    out, stats = shadows.match_shadows(cloud, bt, ps, data, (30.0, 30.0), sv, t_low=295.0, t_high=305.0)
    assert stats["matched"] == 1
    assert out[40:50, 60:70].mean() > 0.9


def test_overcast_object_casts_its_shadow_into_a_small_gap():
    """One cloud object over nearly the whole image, a 40 × 20 px clear gap 42 rows south of cloud:
    only 2 % of the projected object lands where a shadow can be seen. The gap, dark, is matched as its
    shadow (python-fmask scores any visible shadow area); bright, it is not."""
    h = w = 200
    cloud = np.ones((h, w), bool)
    cloud[100:140, 90:110] = False
    gap = ~cloud
    data = np.ones((h, w), bool)
    bt = np.where(cloud, 300.0 - 6.5 * 1.5, 300.0).astype(np.float32)
    sv = shadows.SunView(40.0, 0.0)  # sun in the north: shadows fall south
    # every height whose shadow reaches the gap darkens it: the thermal height (1.5 km) settles the tie
    kw = {"t_low": 299.0, "t_high": 301.0, "t_ref": 300.0}
    out, stats = shadows.match_shadows(cloud, bt, gap, data, (30.0, 30.0), sv, **kw)
    assert stats["objects"] == 1 and stats["matched"] == 1
    assert stats["heights_km"][0] == pytest.approx(1.5, abs=0.05)
    assert out[gap].mean() > 0.95 and not out[cloud].any()
    out2, stats2 = shadows.match_shadows(cloud, bt, np.zeros((h, w), bool), data, (30.0, 30.0), sv, **kw)
    assert stats2["matched"] == 0 and not out2.any()


def test_majority_with_valid_keeps_footprint_corners():
    valid = np.zeros((10, 10), bool)
    valid[3:, 3:] = True
    cloud = valid.copy()  # the whole footprint is cloud
    plain = morphology.majority_3x3(cloud)
    assert not plain[3, 3]  # the corner has 4 cloud pixels in its 3x3: lost without ``valid``
    voted = morphology.majority_3x3(cloud, valid)
    assert np.array_equal(voted, cloud)
    lone = np.zeros((10, 10), bool)
    lone[6, 6] = True  # an isolated pixel inside the data is still removed
    assert not morphology.majority_3x3(lone, valid).any()


def test_majority_by_strips_equals_the_whole_array():
    rng = np.random.default_rng(5)
    mask = rng.random((53, 41)) < 0.5
    valid = rng.random((53, 41)) < 0.9
    whole = morphology.majority_3x3(mask, valid, strip_rows=1000)
    assert np.array_equal(morphology.majority_3x3(mask, valid, strip_rows=7), whole)
    assert np.array_equal(morphology.majority_3x3(mask, None, strip_rows=5), morphology.majority_3x3(mask))


@pytest.mark.parametrize("t_ref", [None, 301.0])
def test_heights_scored_a_chunk_at_a_time_give_what_one_at_a_time_gave(monkeypatch, t_ref):
    # HEIGHT_CHUNK = 1 is the one-height-at-a-time search; the chunked one must pick the same height for
    # every object, also when the stop rule (or the thermal preference) decides inside a chunk
    rng = np.random.default_rng(7)
    h = w = 240
    cloud = np.zeros((h, w), bool)
    for r, c, rad in rng.integers([20, 20, 2], [220, 220, 14], size=(25, 3)):
        yy, xx = np.ogrid[:h, :w]
        cloud |= (yy - r) ** 2 + (xx - c) ** 2 <= rad**2
    bt = 295.0 - 6.5 * rng.uniform(0.5, 4.0, (h, w)) * cloud - rng.uniform(0, 3, (h, w)) * cloud
    pshadow = (rng.random((h, w)) < 0.35) & ~cloud
    data = np.ones((h, w), bool)
    data[:, :8] = False
    args = (cloud, bt.astype(np.float32), pshadow, data, (30.0, 30.0), shadows.SunView(35.0, 150.0))
    kw = {"t_low": 290.0, "t_high": 300.0, "t_ref": t_ref}
    out, stats = shadows.match_shadows(*args, **kw)
    monkeypatch.setattr(shadows, "HEIGHT_CHUNK", 1)
    out1, stats1 = shadows.match_shadows(*args, **kw)
    assert stats["matched"] > 5 and stats["objects"] > 15
    np.testing.assert_array_equal(out, out1)
    assert stats == stats1
