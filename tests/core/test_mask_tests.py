"""Per-pixel mask tests (MASK_TESTS: flagged / completed), the split-window guard in the masks, and shadows of
thin cloud and of clouds whose shadow touches them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lst_studio.plugin.core import masks
from lst_studio.plugin.core.options import MaskOptions
from lst_studio.plugin.core.quality import MASK_TEST, MASK_TESTS, MASK_TESTS_NODATA, QA_BIT, SCL

from .test_masks import CLOUD, RES, SUN_ELEVATION, SURFACE_K, disc, full_window, make_scene

ROOT = Path(__file__).resolve().parents[2]
NOBUF = MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0)
DAY_TESTS = [t.name for t in MASK_TESTS if not t.name.startswith("night")]
NIGHT_TESTS = ["night_cold", "night_split_window", "btd_guard"]


def bit(a: np.ndarray, name: str) -> np.ndarray:
    return (a >> MASK_TEST[name]) & 1 > 0


def test_table_is_unique_and_leaves_the_nodata_bit_free():
    bits = [t.bit for t in MASK_TESTS]
    assert len(set(bits)) == len(bits) and max(bits) <= 14  # 65535 (all 16 bits) is no data
    assert len({t.name for t in MASK_TESTS}) == len(MASK_TESTS)
    assert all("doi:" in t.citation for t in MASK_TESTS)


def test_day_tests_say_why_each_pixel_was_flagged():
    scene, truth = make_scene()
    r = masks.compute_masks(scene, full_window(scene), None, NOBUF)
    flagged, completed = r.tests
    assert r.tests.shape == (2, 200, 200) and r.tests.dtype == np.uint16
    # every day test ran on every pixel (all bands present), no night test did
    for name in DAY_TESTS:
        assert bit(completed, name).all(), name
    for name in ("night_cold", "night_split_window"):
        assert not bit(completed, name).any()
    cloud = truth["cloud"]
    for name in ("basic", "whiteness", "hot", "nir_swir", "land_probability"):
        assert bit(flagged, name)[cloud].mean() > 0.97, name
    assert bit(flagged, "water")[truth["water"]].mean() > 0.97
    assert bit(flagged, "snow")[truth["snow"]].mean() > 0.97
    shadow = r.scl == SCL["cloud_shadow"]
    assert shadow.any() and bit(flagged, "shadow_match")[shadow].all()
    assert bit(flagged, "potential_shadow")[truth["shadow"]].mean() > 0.85
    # clear vegetation: no cloud test fired, no shadow was drawn
    veg = ~(cloud | truth["shadow"] | truth["water"] | truth["snow"])
    for name in ("hot", "land_probability", "cold_cloud", "btd_guard", "shadow_match"):
        assert bit(flagged, name)[veg].mean() < 0.01, name


def test_nodata_pixels_are_65535_in_both_bands():
    nodata = np.zeros((200, 200), bool)
    nodata[:, :20] = True
    scene, _ = make_scene(quality={"nodata": nodata})
    r = masks.compute_masks(scene, full_window(scene), None, NOBUF)
    assert (r.tests[:, nodata] == MASK_TESTS_NODATA).all()
    assert (r.tests[:, ~nodata] != MASK_TESTS_NODATA).all()


def test_night_completes_only_the_thermal_tests():
    scene, truth = make_scene(is_day=False, water=False, snow=False)
    r = masks.compute_masks(scene, full_window(scene), None, NOBUF)
    flagged, completed = r.tests
    for name in NIGHT_TESTS:
        assert bit(completed, name).all(), name
    for name in ("basic", "land_probability", "potential_shadow", "shadow_match"):
        assert not bit(completed, name).any(), name
    assert bit(flagged, "night_cold")[truth["cloud"]].mean() > 0.95


def _btd_scene(is_day: bool, btd_k: float, where: np.ndarray):
    """make_scene without water and snow (cloud disc of radius 16 at (130, 130)); T10 − T11 = ``btd_k``
    at ``where``."""
    scene, _ = make_scene(water=False, snow=False, is_day=is_day)
    t11 = np.where(where, scene.arrays["lwir11"] - btd_k, scene.arrays["lwir12"])
    scene.arrays["lwir12"] = t11.astype(np.float32)
    opts = MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0, min_cloud_size_px=0)
    r = masks.compute_masks(scene, full_window(scene), None, opts)
    return r, (r.qa >> QA_BIT["cloud"]) & 1 > 0


def test_implausible_split_window_difference_next_to_a_cloud_is_cloud_by_day():
    # a displaced cloud edge: T10 − T11 = 9 K where no clear surface has more than +6 K (core.btd_guard), in
    # a ring of 2 px around the cloud (within 100 m); the same far from any cloud is only recorded
    shape = (200, 200)
    edge = disc(shape, 130, 130, 18) & ~disc(shape, 130, 130, 16)
    far = disc(shape, 40, 40, 5)
    r, cloud = _btd_scene(True, 9.0, edge | far)
    assert cloud[edge].mean() > 0.9
    assert bit(r.tests[0], "btd_guard")[edge | far].all()
    assert not cloud[far].any()
    assert not bit(r.tests[0], "btd_guard")[~(edge | far)].any()  # the +6 K bound spares the +1 K land


def test_at_night_the_guard_is_recorded_but_makes_no_cloud():
    # a humid night over cold ground: T10 − T11 = −4 K on clear land (below the guard's −3 K)
    patch = disc((200, 200), 40, 40, 5)
    r, cloud = _btd_scene(False, -4.0, patch)
    assert bit(r.tests[0], "btd_guard")[patch].all() and bit(r.tests[1], "btd_guard").all()
    assert not cloud[patch].any()


def _cumulus_scene(height_km: float, rim_px: int, core: bool = True, size: int = 200):
    """Vegetation, one cumulus at ``height_km`` centred at (120, 120): an opaque core (radius 12) with a
    semi-transparent rim of ``rim_px`` (mean visible 0.2, below the thick threshold), and its shadow
    (cloud shape moved height·tan(θs) away from the sun, NIR/SWIR × 0.3). ``core`` False: rim only."""
    scene, _ = make_scene(size=size, water=False, snow=False, cloud=False)
    shape = (size, size)
    inner = disc(shape, 120, 120, 12) if core else np.zeros(shape, bool)
    whole = disc(shape, 120, 120, 12 + rim_px)
    rim = whole & ~inner
    d = height_km * 1000.0 * np.tan(np.radians(90.0 - SUN_ELEVATION)) / RES
    drow, dcol = (
        d * np.cos(np.radians(135.0)),
        -d * np.sin(np.radians(135.0)),
    )  # away from the sun (row 0 north)
    rr, cc = np.nonzero(whole)
    shadow = np.zeros(shape, bool)
    shadow[np.rint(rr + drow).astype(int), np.rint(cc + dcol).astype(int)] = True
    shadow &= ~whole
    for b, v in CLOUD.items():
        a = scene.arrays[b]
        a = np.where(shadow, a * 0.3, a)
        a = np.where(inner, v, a)
        a = np.where(rim, 0.5 * a + 0.5 * 0.35 if b != "cirrus" else a, a)  # half-transparent rim
        scene.arrays[b] = a.astype(np.float32)
    t_top = SURFACE_K - 6.5 * height_km
    for b in ("lwir11", "lwir12"):
        a = scene.arrays[b]
        a = np.where(shadow, a - 3.0, a)
        a = np.where(inner, t_top - (b == "lwir12"), a)
        a = np.where(rim, 0.5 * (a + t_top) - (b == "lwir12"), a)
        scene.arrays[b] = a.astype(np.float32)
    return scene, whole, shadow


def test_the_thin_rim_of_a_cumulus_casts_the_rim_of_its_shadow():
    scene, cloud, shadow = _cumulus_scene(1.5, rim_px=4)
    r = masks.compute_masks(scene, full_window(scene), None, NOBUF)
    found = r.scl == SCL["cloud_shadow"]
    thin = r.scl == SCL["thin_cloud"]
    assert thin.sum() > 200  # the rim is thin cloud ...
    assert found[shadow].mean() > 0.85  # ... and its shadow is found with the core's
    assert (found & ~shadow).sum() < 0.15 * shadow.sum()


def test_a_thin_cumulus_alone_casts_a_shadow():
    scene, cloud, shadow = _cumulus_scene(1.5, rim_px=14, core=False)
    r = masks.compute_masks(scene, full_window(scene), None, NOBUF)
    assert (r.scl[cloud] == SCL["thin_cloud"]).mean() > 0.9
    found = r.scl == SCL["cloud_shadow"]
    assert found[shadow].mean() > 0.85 and (found & ~shadow).sum() < 0.15 * shadow.sum()


def test_a_shadow_touching_its_cloud_is_found():
    # a low cloud: the shadow starts at the cloud's edge (12 + 6 px radius, 18.9 px away)
    scene, cloud, shadow = _cumulus_scene(0.4, rim_px=6)
    from scipy import ndimage

    assert (ndimage.binary_dilation(cloud) & shadow).any()  # they touch
    r = masks.compute_masks(scene, full_window(scene), None, NOBUF)
    found = r.scl == SCL["cloud_shadow"]
    assert found[shadow].mean() > 0.85 and (found & ~shadow).sum() < 0.15 * shadow.sum()


def test_day_buffers_keep_the_clear_gap_between_two_clouds_and_take_the_hazy_edge():
    # two cumulus 8 px apart (the gap is clear vegetation) and a faint haze rim west of the first one
    # (45 % cloud: potential cloud by the HOT test, under the probability threshold)
    scene, _ = make_scene(water=False, snow=False, cloud=False)
    shape = (200, 200)
    a, b = disc(shape, 100, 75, 10), disc(shape, 100, 104, 10)  # columns 65..85 and 94..114
    rim = disc(shape, 100, 75, 12) & ~a
    rim[:, 75:] = False  # haze on the west side only
    gap = np.zeros(shape, bool)
    gap[97:104, 87:93] = True  # 6 px wide: two whole 3 px disks would close it
    for band, v in CLOUD.items():
        arr = np.where(a | b, v, scene.arrays[band])
        scene.arrays[band] = np.where(rim, 0.55 * arr + 0.45 * v, arr).astype(np.float32)
    for band in ("lwir11", "lwir12"):
        arr = np.where(a | b, SURFACE_K - 10.0, scene.arrays[band])
        scene.arrays[band] = np.where(rim, 0.55 * arr + 0.45 * (SURFACE_K - 10.0), arr).astype(np.float32)
    r = masks.compute_masks(
        scene, full_window(scene), None, MaskOptions(cloud_buffer_px=3, shadow_buffer_px=0)
    )
    cloud = (r.qa >> QA_BIT["cloud"]) & 1 > 0
    adjacent = (r.qa >> QA_BIT["adjacent"]) & 1 > 0
    assert cloud[a | b].mean() > 0.97 and not cloud[gap].any()
    assert (r.cloud_mask[gap] == 0).all()  # the gap stays clear
    assert adjacent[rim & ~cloud].mean() > 0.9  # the hazy rim is buffered
    assert r.metadata["buffers"]["rule"].startswith("by day")


def test_cirrus_is_fmask_33s_band_test_and_probability_term():
    """Zhu, Wang & Woodcock 2015 (doi:10.1016/j.rse.2014.12.014): cirrus TOA > 0.01 is potential cloud and
    cirrus / 0.04 adds to the cloud probability; faint cirrus under 0.01 over clear land is not cloud by
    itself (0.007 is 0.006 above this scene's 0.001 background: a relative rule would flag it)."""
    scene, truth = make_scene(water=False, snow=False)
    faint, sheet = disc((200, 200), 40, 40, 12), disc((200, 200), 40, 150, 12)
    assert not (faint | sheet)[truth["cloud"] | truth["shadow"]].any()
    c = scene.arrays["cirrus"]
    scene.arrays["cirrus"] = np.where(faint, 0.007, np.where(sheet, 0.05, c)).astype(np.float32)
    r = masks.compute_masks(scene, full_window(scene), None, NOBUF)
    flagged, completed = r.tests
    assert bit(completed, "cirrus").all()
    assert not bit(flagged, "cirrus")[faint].any() and bit(flagged, "cirrus")[sheet].all()
    assert (r.cloud_mask[faint] == 1).mean() < 0.01
    assert (r.cloud_mask[sheet] == 1).mean() > 0.97  # PCP, and land probability + 1.25 (Eq. 16 + cirrus)
    assert (r.cloud_mask[truth["cloud"]] == 1).mean() > 0.97
    th = r.metadata["thresholds"]
    assert th["cirrus_potential_cloud_min"] == 0.01 and th["cirrus_probability_scale"] == 0.04
    assert "cirrus_background" not in r.metadata


FLATHEAD = ROOT.parent / "shared" / "data" / "real-landsat" / "LC08_L1TP_041027_20150604_20170226_01_T1"


@pytest.mark.skipif(not FLATHEAD.is_dir(), reason="real Landsat subsets not present")
def test_flathead_lake_agrees_with_cfmask_and_finds_the_cumulus_shadows():
    # issue 17: κ >= 0.75 against the product's CFMask cloud + shadow bits (Foga et al. 2017), shadows
    # found under the cumulus east of the lake (the eastern half of the subset)
    from rasterio.windows import Window

    from lst_studio.plugin.core.products import open_product

    with open_product(FLATHEAD) as scene:
        win = Window(0, 0, scene.grid.width, scene.grid.height)
        r = masks.compute_masks(scene, win, None, MaskOptions())
        ref = scene.read_product_mask(win)
    both = (r.cloud_mask != 255) & ~ref["fill"]
    ours = ((r.qa >> QA_BIT["cloud"]) & 1 > 0) | ((r.qa >> QA_BIT["cloud_shadow"]) & 1 > 0)
    theirs = ref["cloud"] | ref["cloud_shadow"]
    a, b = ours[both], theirs[both]
    po = (a == b).mean()
    pe = a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean())
    assert (po - pe) / (1 - pe) >= 0.75
    shadow = r.scl == SCL["cloud_shadow"]
    east = np.zeros(shadow.shape, bool)
    east[:, 300:] = True
    assert shadow[east & both].mean() > 0.05  # ours 0.14 (CFMask's dilated shadow 0.30)
    assert (shadow & ref["cloud_shadow"]).sum() / shadow.sum() > 0.8  # and they are CFMask's shadows
