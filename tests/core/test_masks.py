"""compute_masks on a small synthetic scene with known cloud, shadow, water and snow."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine
from rasterio.windows import Window

from lst_studio.plugin.core import masks
from lst_studio.plugin.core.options import MaskOptions
from lst_studio.plugin.core.products.scene import Band, Grid, QualityBlock
from lst_studio.plugin.core.quality import QA_BIT, SCL

RES = 30.0
SUN_ELEVATION, SUN_AZIMUTH = 45.0, 135.0  # sun in the south-east: shadows fall to the north-west
CLOUD_HEIGHT_KM = 2.0
SURFACE_K = 300.0

VEG = {
    "blue": 0.04,
    "green": 0.07,
    "red": 0.05,
    "nir08": 0.30,
    "swir16": 0.20,
    "swir22": 0.10,
    "cirrus": 0.001,
}
WATER = {
    "blue": 0.06,
    "green": 0.05,
    "red": 0.03,
    "nir08": 0.02,
    "swir16": 0.01,
    "swir22": 0.005,
    "cirrus": 0.001,
}
SNOW = {
    "blue": 0.80,
    "green": 0.80,
    "red": 0.78,
    "nir08": 0.70,
    "swir16": 0.06,
    "swir22": 0.04,
    "cirrus": 0.001,
}
CLOUD = {
    "blue": 0.50,
    "green": 0.50,
    "red": 0.50,
    "nir08": 0.50,
    "swir16": 0.40,
    "swir22": 0.30,
    "cirrus": 0.002,
}


def disc(shape, row, col, radius):
    y, x = np.mgrid[: shape[0], : shape[1]]
    return (y - row) ** 2 + (x - col) ** 2 <= radius**2


def shadow_offset_px(height_km=CLOUD_HEIGHT_KM):
    d = height_km * 1000.0 * np.tan(np.radians(90.0 - SUN_ELEVATION))
    a = np.radians(SUN_AZIMUTH)
    return -(-d * np.cos(a)) / RES, (-d * np.sin(a)) / RES  # (drow, dcol)


class FakeScene:
    """The Scene protocol over in-memory arrays on a 30 m grid (only what the masks use)."""

    def __init__(self, arrays, quality=None, is_day=True, names=None):
        self.arrays = arrays
        shape = next(iter(arrays.values())).shape
        self.grid = Grid("EPSG:32633", Affine(RES, 0, 500000, 0, -RES, 5000000), shape[1], shape[0])
        names = names or list(arrays)
        self.bands = {n: Band(n, n, "X", "thermal" if n.startswith("lwir") else "reflective") for n in names}
        self.quality = quality or {}
        self.is_day = is_day
        self.sun_elevation = SUN_ELEVATION if is_day else -20.0
        self.sun_azimuth = SUN_AZIMUTH
        self.view_incidence = 0.0
        self.view_off_nadir = 0.0
        self.view_azimuth = 0.0
        self.reads = []

    def read(self, name, window=None):
        self.reads.append(name)
        sl = window.toslices()
        a = self.arrays[name][sl]
        return np.ma.masked_invalid(a.astype(np.float32))

    def read_values(self, name, window=None):
        return self.read(name, window).filled(np.nan)

    def read_quality(self, window=None):
        sl = window.toslices()
        shape = (int(window.height), int(window.width))

        def get(key):
            a = self.quality.get(key)
            return a[sl] if a is not None else np.zeros(shape, bool)

        return QualityBlock(
            nodata=get("nodata"),
            filled=get("filled"),
            saturated={b: get(f"sat_{b}") for b in ("lwir11", "lwir12")},
            undersaturated={b: get(f"under_{b}") for b in ("lwir11", "lwir12")},
        )

    def read_sun_angles(self, window=None, grid=None):
        return None


def make_scene(
    size=200, seed=0, water=True, snow=True, cloud=True, all_cloud=False, is_day=True, quality=None
):
    """Vegetated land, a water disc, a snow disc, a cloud disc at 2 km and its geometric shadow."""
    rng = np.random.default_rng(seed)
    shape = (size, size)
    cls = np.zeros(shape, np.uint8)  # 0 veg, 1 water, 2 snow, 3 cloud, 4 shadow
    if water:
        cls[disc(shape, 40, 150, 18)] = 1
    if snow:
        cls[disc(shape, 160, 40, 15)] = 2
    cloud_m = disc(shape, 130, 130, 16) if cloud else np.zeros(shape, bool)
    if all_cloud:
        cloud_m = np.ones(shape, bool)
    drow, dcol = shadow_offset_px()
    shadow_m = np.zeros(shape, bool)
    rr, cc = np.nonzero(cloud_m)
    rs, cs = np.rint(rr + drow).astype(int), np.rint(cc + dcol).astype(int)
    ok = (rs >= 0) & (rs < size) & (cs >= 0) & (cs < size)
    shadow_m[rs[ok], cs[ok]] = True
    shadow_m &= ~cloud_m
    arrays = {}
    for b in VEG:
        base = np.choose(np.minimum(cls, 2), [VEG[b], WATER[b], SNOW[b]]).astype(np.float32)
        base = base * (1 + 0.03 * rng.standard_normal(shape)).astype(np.float32)
        base = np.where(shadow_m, base * 0.3, base)
        base = np.where(cloud_m, CLOUD[b], base)
        arrays[b] = base.astype(np.float32)
    bt = np.choose(np.minimum(cls, 2), [SURFACE_K, 293.0, 268.0]).astype(np.float32)
    bt = bt + rng.normal(0, 1.0, shape).astype(np.float32)
    bt = np.where(shadow_m, bt - 3.0, bt)
    bt = np.where(cloud_m, SURFACE_K - 6.5 * CLOUD_HEIGHT_KM, bt).astype(np.float32)
    arrays["lwir11"] = bt
    arrays["lwir12"] = bt - 1.0
    if not is_day:
        arrays = {"lwir11": arrays["lwir11"], "lwir12": arrays["lwir12"]}
    truth = {"cloud": cloud_m, "shadow": shadow_m, "water": cls == 1, "snow": cls == 2}
    return FakeScene(arrays, quality=quality, is_day=is_day), truth


def full_window(scene):
    return Window(0, 0, scene.grid.width, scene.grid.height)


def test_cloud_shadow_water_snow_are_found():
    scene, truth = make_scene()
    opts = MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0)
    r = masks.compute_masks(scene, full_window(scene), None, opts)
    cloud = r.qa & (1 << QA_BIT["cloud"]) > 0
    shadow = r.scl == SCL["cloud_shadow"]
    assert (cloud & truth["cloud"]).sum() / truth["cloud"].sum() > 0.97
    assert (cloud & ~truth["cloud"]).sum() < 0.03 * truth["cloud"].sum()
    assert (shadow & truth["shadow"]).sum() / truth["shadow"].sum() > 0.85
    assert (shadow & ~truth["shadow"]).sum() < 0.15 * truth["shadow"].sum()
    # water and snow are neither cloud nor shadow, and are labelled as such
    assert not (r.cloud_mask[truth["water"]] == 1).any()
    assert not (r.cloud_mask[truth["snow"]] == 1).any()
    assert (r.scl[truth["water"]] == SCL["water"]).mean() > 0.97
    assert (r.scl[truth["snow"]] == SCL["snow_ice"]).mean() > 0.97
    assert r.water[truth["water"]].mean() > 0.97 and r.snow[truth["snow"]].mean() > 0.97
    # the matched base height is the one the shadow was drawn with (one working pixel ≈ 30 m / tan 45°)
    assert r.metadata["shadow_matched"] == 1
    assert r.metadata["night_mode"] is False
    assert r.cloud_mask.dtype == np.uint8 and r.scl.dtype == np.uint8 and r.qa.dtype == np.uint16


def test_buffers_dilate_the_cloud_mask_and_set_the_adjacent_bit():
    # at night nothing tells a clear edge from an undetected one: the buffers are whole disks (by day
    # see test_mask_tests.py: they only enter potential cloud or potential shadow)
    scene, truth = make_scene(water=False, snow=False, is_day=False)
    r0 = masks.compute_masks(
        scene, full_window(scene), None, MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0)
    )
    r3 = masks.compute_masks(
        scene, full_window(scene), None, MaskOptions(cloud_buffer_px=3, shadow_buffer_px=3)
    )
    n0, n3 = (r0.cloud_mask == 1).sum(), (r3.cloud_mask == 1).sum()
    assert n3 > n0
    adjacent = (r3.qa & (1 << QA_BIT["adjacent"])) > 0
    assert adjacent.sum() == n3 - n0
    # SCL keeps the unbuffered classes
    assert np.array_equal(r0.scl, r3.scl)
    # every buffer pixel is within 3 px of the unbuffered contamination
    from scipy import ndimage

    d = ndimage.distance_transform_edt(r0.cloud_mask != 1)
    assert d[adjacent].max() <= 3.0


def test_cloud_distance_of_a_known_geometry():
    scene, truth = make_scene(water=False, snow=False)
    r = masks.compute_masks(
        scene, full_window(scene), None, MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0)
    )
    assert r.cloud_distance_km.dtype == np.float32
    assert np.all(r.cloud_distance_km[truth["cloud"] & (r.scl == SCL["thick_cloud"])] == 0)
    # pixel (130, 10): the disc of radius 16 around (130, 130) is 120 - 16 = 104 px away -> 3.12 km
    # (the detected disc may differ by a pixel at its rim)
    assert r.cloud_distance_km[130, 10] == pytest.approx(104 * 0.03, abs=0.035)
    # corner (0, 199): distance to the disc centre minus its radius
    expected = (np.hypot(130, 69) - 16) * 0.03
    assert r.cloud_distance_km[0, 199] == pytest.approx(expected, abs=0.05)


def test_no_cloud_gives_capped_distance_and_zero_percent():
    scene, _ = make_scene(cloud=False)
    r = masks.compute_masks(scene, full_window(scene), None, MaskOptions())
    assert r.percentages["cloud"] == 0.0 and r.percentages["shadow"] == 0.0
    assert np.all(r.cloud_distance_km == masks.CLOUD_DISTANCE_MAX_KM)
    assert "message" not in r.metadata


def test_all_cloud_scene_is_100_percent_with_a_message():
    scene, _ = make_scene(all_cloud=True)
    r = masks.compute_masks(scene, full_window(scene), None, MaskOptions())
    assert r.percentages["cloud"] == 100.0
    assert r.percentages["clear"] == 0.0
    assert np.all(r.cloud_mask == 1)
    assert "100 %" in r.metadata["message"]
    assert r.metadata["all_cloud_mode"] is True


def test_quality_bits_from_the_quality_block_and_nodata():
    size = 120
    nodata = np.zeros((size, size), bool)
    nodata[:, :10] = True
    sat11 = np.zeros((size, size), bool)
    sat11[50:52, 50:60] = True
    filled = np.zeros((size, size), bool)
    filled[100, :] = True
    under12 = np.zeros((size, size), bool)
    under12[5:7, 20:25] = True
    q = {"nodata": nodata, "sat_lwir11": sat11, "filled": filled, "under_lwir12": under12}
    scene, _ = make_scene(size=size, cloud=False, water=False, snow=False, quality=q)
    valid = np.ones((size, size), bool)
    valid[-5:, :] = False  # outside the AOI
    r = masks.compute_masks(scene, full_window(scene), valid, MaskOptions())
    bit = lambda name: (r.qa & (1 << QA_BIT[name])) > 0  # noqa: E731
    expected_nodata = nodata | ~valid
    assert np.array_equal(bit("nodata"), expected_nodata)
    assert np.all(r.cloud_mask[expected_nodata] == 255) and np.all(r.scl[expected_nodata] == 255)
    assert np.isnan(r.cloud_distance_km[expected_nodata]).all()
    assert np.array_equal(bit("saturated_lwir11"), sat11)
    assert not bit("saturated_lwir12").any()
    assert np.array_equal(bit("undersaturated"), under12)
    assert np.array_equal(bit("filled"), filled & ~expected_nodata)
    assert np.all(r.scl[sat11] == SCL["saturated"])
    n_data = (~expected_nodata).sum()
    assert r.percentages["saturated"] == pytest.approx(100.0 * (sat11.sum() + under12.sum()) / n_data)
    # nodata share of the AOI: AOI = valid; inside it the first 10 columns have no data
    assert r.percentages["nodata"] == pytest.approx(100.0 * (nodata & valid).sum() / valid.sum())
    assert r.percentages["clear"] == pytest.approx(100.0)


def test_percentages_of_a_known_mask():
    scene, truth = make_scene()
    r = masks.compute_masks(
        scene, full_window(scene), None, MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0)
    )
    n = r.scl.size
    for key, cls in (("shadow", "cloud_shadow"), ("water", "water"), ("snow", "snow_ice")):
        assert r.percentages[key] == pytest.approx(100.0 * (r.scl == SCL[cls]).sum() / n)
    thick_thin = (r.scl == SCL["thick_cloud"]).sum() + (r.scl == SCL["thin_cloud"]).sum()
    assert r.percentages["thick_cloud"] + r.percentages["thin_cloud"] == pytest.approx(100.0 * thick_thin / n)
    assert r.percentages["cloud"] + r.percentages["clear"] == pytest.approx(100.0)
    assert r.percentages["cloud"] == pytest.approx(
        100.0 * (truth["cloud"] | truth["shadow"]).sum() / n, abs=0.3
    )


def test_window_offset_reads_the_right_pixels():
    scene, truth = make_scene()
    win = Window(100, 90, 80, 100)
    r = masks.compute_masks(scene, win, None, MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0))
    sub = truth["cloud"][90:190, 100:180]
    cloud = (r.qa & (1 << QA_BIT["cloud"])) > 0
    assert cloud.shape == (100, 80)
    assert (cloud == sub).mean() > 0.99


def test_night_mode_flags_cold_clouds_and_tests_incomplete():
    scene, truth = make_scene(is_day=False, water=False, snow=False)
    r = masks.compute_masks(
        scene, full_window(scene), None, MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0)
    )
    cloud = (r.qa & (1 << QA_BIT["cloud"])) > 0
    assert (cloud & truth["cloud"]).sum() / truth["cloud"].sum() > 0.95
    assert (cloud & ~truth["cloud"]).sum() < 0.05 * truth["cloud"].sum()
    assert r.metadata["night_mode"] is True
    assert "less reliable" in r.metadata["reliability"].lower()
    assert np.all((r.qa & (1 << QA_BIT["tests_incomplete"])) > 0)
    assert not r.water.any() and not r.snow.any()
    assert set(scene.reads) <= {"lwir11", "lwir12"}


def test_missing_swir_still_separates_cloud_snow_and_water():
    scene, truth = make_scene()
    for b in ("swir16", "swir22", "cirrus"):
        del scene.bands[b]
    r = masks.compute_masks(
        scene, full_window(scene), None, MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0)
    )
    cloud = (r.qa & (1 << QA_BIT["cloud"])) > 0
    assert (cloud & truth["cloud"]).sum() / truth["cloud"].sum() > 0.97
    assert (cloud & (truth["water"] | truth["snow"])).sum() == 0
    assert "ndsi" not in r.metadata["tests_run"]
    assert "swir16" in r.metadata["reliability"]


def test_no_thermal_band_is_a_product_error():
    from lst_studio.plugin.core.errors import ProductError

    scene, _ = make_scene(size=64)
    scene.path = "/data/product.geojson"
    for b in ("lwir11", "lwir12"):
        scene.bands[b].usable = False
    with pytest.raises(ProductError, match="lwir11 or lwir12"):
        masks.compute_masks(scene, full_window(scene), None, MaskOptions())


def test_only_lwir12_usable_is_used_for_the_tests():
    scene, truth = make_scene()
    scene.bands["lwir11"].usable = False
    r = masks.compute_masks(
        scene, full_window(scene), None, MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0)
    )
    assert r.metadata["thermal_band"] == "lwir12"
    cloud = (r.qa & (1 << QA_BIT["cloud"])) > 0
    assert (cloud & truth["cloud"]).sum() / truth["cloud"].sum() > 0.97


def test_cloud_outside_the_window_still_casts_its_shadow_into_it():
    scene, truth = make_scene(water=False, snow=False)
    win = Window(55, 55, 60, 60)  # rows/cols 55..114: the shadow (around 83, 83), not the cloud (130, 130)
    sub = (slice(55, 115), slice(55, 115))
    assert truth["shadow"][sub].sum() > 300 and not truth["cloud"][sub].any()
    assert masks.shadow_margin_px(scene) == int(np.ceil(8000 * np.tan(np.radians(45.0)) / RES))
    r = masks.compute_masks(scene, win, None, MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0))
    assert r.cloud_mask.shape == (60, 60) and r.qa.shape == (60, 60) and r.cloud_distance_km.shape == (60, 60)
    shadow = r.scl == SCL["cloud_shadow"]
    assert (shadow & truth["shadow"][sub]).sum() / truth["shadow"][sub].sum() > 0.9
    assert r.percentages["shadow"] == pytest.approx(100.0 * shadow.sum() / shadow.size)
    assert r.metadata["read_window"] == [0, 0, 200, 200]
    # the distance is measured to the cloud outside the window: (114, 114) is 16·√2 - 16 px from the disc
    assert r.cloud_distance_km[-1, -1] == pytest.approx((16 * np.sqrt(2) - 16) * 0.03, abs=0.04)


def test_cancel_stops_the_masks_with_processing_cancelled():
    from lst_studio.plugin.core.errors import ProcessingCancelled
    from lst_studio.plugin.core.progress import Progress

    scene, _ = make_scene(size=64)
    seen = []
    progress = Progress(seen.append, is_cancelled=lambda: len(seen) >= 1)
    with pytest.raises(ProcessingCancelled):
        masks.compute_masks(scene, full_window(scene), None, MaskOptions(), progress=progress)
    assert len(seen) == 1  # stopped at the first report, nothing else computed


def test_cancel_during_the_shadow_step_stops_it_between_its_parts(monkeypatch):
    """The shadow step is serial and takes seconds on a full scene: a cancel during its first depression
    fill stops it before the second fill and before any matching (issue 15: 4.2 s to stop, now < 2 s)."""
    from lst_studio.plugin.core import shadows
    from lst_studio.plugin.core.errors import ProcessingCancelled
    from lst_studio.plugin.core.progress import Progress

    scene, _ = make_scene()
    cancelled, fills, matched = [False], [], []
    fill = shadows.fill_minima

    def fill_then_cancel(*args, **kwargs):
        fills.append(1)
        cancelled[0] = True  # the user presses Cancel while the NIR fill runs
        return fill(*args, **kwargs)

    monkeypatch.setattr(shadows, "fill_minima", fill_then_cancel)
    monkeypatch.setattr(shadows, "match_shadows", lambda *a, **k: matched.append(1))
    with pytest.raises(ProcessingCancelled):
        masks.compute_masks(
            scene, full_window(scene), None, MaskOptions(), Progress(None, lambda: cancelled[0])
        )
    assert fills == [1] and matched == []


def test_night_metadata_lists_the_split_window_and_local_tests():
    scene, _ = make_scene(is_day=False, water=False, snow=False)
    r = masks.compute_masks(scene, full_window(scene), None, MaskOptions())
    tests = r.metadata["tests_run"]
    assert tests[0] == "night_cold_outlier"
    assert "night_local_cold" in tests
    th = r.metadata["thresholds"]
    assert th["night_local_block_px"] == 64 and th["night_local_cold_K"] == 2.0
    assert {"night_split_window_cloud", "night_local_split_window"} <= set(tests)  # lwir12 present
    assert th["night_btd_excess_K"] == 0.6


def test_night_dry_masks_with_the_land_cover_map_and_the_dem(tmp_path):
    """Dry night (clear-sky BT11 - BT12 ~ 0.1 K): without ancillary data the snow cap and the cold
    mountain slopes are taken for cloud; with the sample's land-cover map (snow/ice stratum) and DEM
    (elevation-normalised BT) they are not, and the clouds are still found."""
    import rasterio

    from lst_studio.plugin.core.landcover import read_land_cover
    from lst_studio.plugin.core.products import open_product
    from lst_studio.plugin.core.sample.generate import write_sample
    from lst_studio.plugin.core.terrain import read_dem

    sample = write_sample(tmp_path / "s", seed=2, size=600, night=True, atmosphere="dry")
    with rasterio.open(sample.truth_dir / "CLOUDS.tif") as ds:
        truth = ds.read(1)
    with rasterio.open(sample.truth_dir / "LANDCOVER.tif") as ds:
        cover = ds.read(1)
    scene = open_product(sample.product_dir)
    try:
        window = Window(0, 0, scene.grid.width, scene.grid.height)
        plain = masks.compute_masks(scene, window, None, MaskOptions())
        lc = read_land_cover(sample.land_cover, scene.grid).codes
        dem = read_dem(sample.dem, scene.grid).elevation
        helped = masks.compute_masks(scene, window, None, MaskOptions(), land_cover=lc, dem=dem)
    finally:
        scene.close()
    inside = truth != 255
    cont = np.isin(truth, (1, 2, 3))
    clear_snow = inside & (truth == 0) & (cover == 5)
    assert clear_snow.sum() > 1000

    def ua(r):
        det = (r.cloud_mask == 1) & inside
        return cont[det].mean()

    assert (plain.cloud_mask[clear_snow] == 1).mean() > 0.9  # the documented failure without them
    assert (helped.cloud_mask[clear_snow] == 1).mean() < 0.02
    assert ua(helped) > ua(plain) + 0.1
    assert (helped.cloud_mask[inside & np.isin(truth, (1,))] == 1).mean() > 0.95
    meta = helped.metadata
    assert "night_dem_normalised_bt" in meta["tests_run"]
    # relief no longer widens the clear-sky distribution: Fmask's 4 K instead of 6 K below Tlow
    assert meta["thresholds"]["night_cold_margin_K"] == 4.0
    assert plain.metadata["thresholds"]["night_cold_margin_K"] == 6.0
    assert "night_land_cover_snow_ice_stratum" in meta["tests_run"]
    assert -9.8 <= meta["elevation_normalisation"]["clear_sky_slope_K_per_km"] < -4.0


def test_cirrus_over_snow_is_cloud_and_clear_snow_stays_snow():
    """Thin cirrus over snow keeps the snow's NDSI and cold BT (Eq. 20 holds), but the 1.38 µm band,
    blind to the surface, sees it (cirrus > 0.01): it is tested as cloud (Fmask 4 order, Qiu et al. 2019)
    while the clear half of the snow field stays snow."""
    scene, truth = make_scene(water=False, cloud=False)
    snow = truth["snow"]
    y, x = np.mgrid[:200, :200]
    veil = snow & (x >= 40)  # the eastern half of the snow disc
    for b, thin in (("blue", 0.35), ("green", 0.35), ("red", 0.35), ("nir08", 0.35), ("swir16", 0.25)):
        scene.arrays[b] = np.where(veil, 0.7 * scene.arrays[b] + 0.3 * thin, scene.arrays[b]).astype(
            np.float32
        )
    scene.arrays["swir22"] = np.where(veil, 0.7 * scene.arrays["swir22"] + 0.3 * 0.15, scene.arrays["swir22"])
    scene.arrays["cirrus"] = np.where(veil, 0.03, scene.arrays["cirrus"]).astype(np.float32)
    opts = MaskOptions(cloud_buffer_px=0, shadow_buffer_px=0, snow_buffer_px=0)
    r = masks.compute_masks(scene, full_window(scene), None, opts)
    cloud = r.qa & (1 << QA_BIT["cloud"]) > 0
    inner = veil & ~masks.morphology.dilate(~veil, 2)  # away from the 3 × 3 majority at the edge
    assert cloud[inner].mean() > 0.97
    clear_snow = snow & (x < 38)
    assert not cloud[clear_snow].any()
    assert (r.scl[clear_snow] == SCL["snow_ice"]).mean() > 0.97


def test_data_pixels_are_computed_once_and_read_only():
    """The serial steps after pass 1 ask for the pixels with data several times: one array, which no caller
    may change."""
    flags = np.array([[masks._DATA, masks._PCP], [masks._DATA | masks._SNOW, 0]], np.uint8)
    run = masks._Run(
        scene=None, col0=0, row0=0, h=2, w=2, valid=np.ones((2, 2), bool), day=True, thermal="lwir11",
        optional=[], k=1, res=(30.0, 30.0), flags=flags, tests=None, qa=None, sat_tir=None, bt_work=None,
    )  # fmt: skip
    data = run.data()
    assert data.tolist() == [[True, False], [True, False]]
    assert run.data() is data
    with pytest.raises(ValueError):
        data[0, 1] = True


def test_sun_angles_on_the_working_grid_are_the_block_means(tmp_path):
    """The shadow projection's sun angles, read at the working grid's pixel centres (issue 15), are the
    k × k means of the per-pixel angles, and a partial block at the edge takes its inner neighbour's."""
    from lst_studio.plugin.core.products import open_product

    from .data.reader_fixtures import make_truth, write_farearth

    with open_product(write_farearth(tmp_path, make_truth(24, 32, seed=3))) as scene:
        window = Window(1, 2, 30, 22)  # 7 whole blocks and 2 columns, 5 whole blocks and 2 rows
        run = masks._Run.start(scene, window, None)
        run.k = 4
        zen, azi = masks._sun_work(run)
        full_zen = scene.read_sun_angles(window)[0]
        thin = masks._Run.start(scene, Window(1, 2, 30, 2), None)  # fewer rows than k: one working row
        thin.k = 4
        thin_zen = masks._sun_work(thin)[0]
    assert thin_zen.shape == (1, 8) and np.isfinite(thin_zen).all()
    assert zen.shape == azi.shape == (6, 8)
    means = full_zen[:20, :28].reshape(5, 4, 7, 4).mean(axis=(1, 3))
    np.testing.assert_allclose(zen[:5, :7], means, atol=1e-4)  # 0.01 degree per pixel: a pixel off fails
    np.testing.assert_array_equal(zen[5], zen[4])
    np.testing.assert_array_equal(zen[:, 7], zen[:, 6])
