"""The sample's ancillary land-cover map (WorldCover codes, EPSG:4326, 1″) against the truth."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from pyproj import Transformer
from rasterio.enums import Resampling
from rasterio.warp import reproject
from rasterio.windows import Window

from lst_studio.plugin.core.sample import ancillary
from lst_studio.plugin.core.sample.generate import SampleOptions, scene_model, write_sample

SIZE = 300
# truth classes -> WorldCover codes, except vegetation (tree or grass by cover fraction)
TRUTH_TO_CODE = {2: 60, 3: 50, 4: 80, 5: 70}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("lc"), seed=2, size=SIZE)


def _back_on_thermal_grid(sample) -> tuple[np.ndarray, np.ndarray]:
    """(map reprojected to the thermal grid with mode resampling, truth LANDCOVER)."""
    with rasterio.open(sample.truth_dir / "LANDCOVER.tif") as t, rasterio.open(sample.land_cover) as m:
        truth = t.read(1)
        back = np.zeros(truth.shape, np.uint8)
        reproject(
            m.read(1),
            back,
            src_transform=m.transform,
            src_crs=m.crs,
            src_nodata=0,
            dst_transform=t.transform,
            dst_crs=t.crs,
            dst_nodata=0,
            resampling=Resampling.mode,
        )
    return back, truth


def test_file_is_a_worldcover_style_raster(sample):
    assert sample.land_cover == sample.product_dir.parent / "ancillary" / "LANDCOVER_WORLDCOVER_CODES.tif"
    assert sample.files["LAND_COVER"] == sample.land_cover
    with rasterio.open(sample.land_cover) as m, rasterio.open(sample.truth_dir / "LANDCOVER.tif") as t:
        assert m.crs.to_epsg() == 4326
        assert m.dtypes == ("uint8",) and m.count == 1 and m.nodata == 0
        assert m.descriptions == ("land_cover",)
        assert m.res == pytest.approx((1 / 3600, 1 / 3600), rel=1e-12)
        # pixel edges on whole arc-seconds, as a real lon/lat product
        assert m.transform.c * 3600 == pytest.approx(round(m.transform.c * 3600), abs=1e-6)
        assert m.transform.f * 3600 == pytest.approx(round(m.transform.f * 3600), abs=1e-6)
        codes = set(np.unique(m.read(1)).tolist())
        assert codes <= {10, 30, 50, 60, 70, 80}
        assert {50, 60, 80} <= codes
        # the thermal grid's corners lie inside the map, at least 5″ from its edges
        to_lonlat = Transformer.from_crs(t.crs, "EPSG:4326", always_xy=True)
        n = t.width
        xs, ys = zip(*(t.transform * (c, r) for c in (0, n) for r in (0, n)))
        lon, lat = to_lonlat.transform(xs, ys)
        b = m.bounds
        margin = 5 / 3600
        assert b.left + margin < min(lon) and max(lon) < b.right - margin
        assert b.bottom + margin < min(lat) and max(lat) < b.top - margin


def test_map_agrees_with_truth_on_the_thermal_grid(sample):
    back, truth = _back_on_thermal_grid(sample)
    inside = truth != 255
    expected = np.vectorize(lambda c: TRUTH_TO_CODE.get(int(c), 0), otypes=[np.uint8])(truth)
    veg = truth == 1
    agree = np.where(veg, np.isin(back, (10, 30)), back == expected)
    assert inside.sum() > 0.5 * truth.size
    assert (back[inside] != 0).all()
    # measured 99.0 % (seed 2, size 300; 99.1-99.2 % for seeds 1, 3, 7): the rest are class edges
    assert agree[inside].mean() >= 0.97
    built = inside & (back == 50)
    # measured 98.3 % (97.8-98.7 % for seeds 1, 3, 7)
    assert built.sum() > 1000
    assert (truth[built] == 3).mean() >= 0.95


def test_fast_path_matches_exact_evaluation(tmp_path):
    """The written codes vs the model evaluated at every map pixel's exact UTM position."""
    geo, model = scene_model(SampleOptions(size=SIZE), 2)
    transform, width, height = ancillary.land_cover_grid(geo)
    win = Window(0, 0, width, height)
    to_utm = Transformer.from_crs("EPSG:4326", geo.crs, always_xy=True)
    u, v = ancillary.thermal_positions(geo, transform, win, to_utm)
    lon, lat = np.meshgrid(
        transform.c + (np.arange(width) + 0.5) * transform.a,
        transform.f + (np.arange(height) + 0.5) * transform.e,
    )
    x, y = to_utm.transform(lon, lat)
    ue = (x - geo.transform.c) / geo.transform.a
    ve = (y - geo.transform.f) / geo.transform.e
    # lattice interpolation of the projection: far below a pixel (measured 8e-5 px: the parallels'
    # curvature in UTM over 16 map pixels)
    assert np.abs(u - ue).max() < 1e-3 and np.abs(v - ve).max() < 1e-3
    fast = ancillary.land_cover_block(model, u, v)
    exact = ancillary.worldcover_codes(model.ground(ue, ve))
    # sub-pixel patches between four equal samples are the only misses (measured: 0 here; 1 pixel
    # in 212 487 for seed 1, size 400)
    assert (fast != exact).sum() <= 5
    assert width <= ancillary.BLOCK and height <= ancillary.BLOCK  # one block: the file is `fast`
    with rasterio.open(ancillary.write_land_cover(tmp_path / "lc.tif", geo, model)) as m:
        assert np.array_equal(m.read(1), fast)


def test_worldcover_codes_of_each_class():
    ground = {
        "class": np.array([1, 1, 1, 2, 3, 4, 5], np.uint8),
        "fv": np.array([0.95, 0.9, 0.89, 0.2, 0.1, 0.0, 0.0]),
    }
    assert ancillary.worldcover_codes(ground).tolist() == [10, 10, 30, 60, 50, 80, 70]


def test_switched_off_and_replaced(tmp_path):
    out = tmp_path / "s"
    p1 = write_sample(out, seed=4, size=96)
    assert p1.land_cover.exists()
    first = p1.land_cover.read_bytes()
    # same seed: the same map (the file, too: no time stamps in it)
    p2 = write_sample(tmp_path / "t", seed=4, size=96)
    with rasterio.open(p1.land_cover) as a, rasterio.open(p2.land_cover) as b:
        assert np.array_equal(a.read(1), b.read(1))
    assert p2.land_cover.read_bytes() == first
    # another seed into the same folder replaces the map
    p3 = write_sample(out, seed=5, size=96)
    assert p3.land_cover == p1.land_cover and p3.land_cover.read_bytes() != first
    # switched off (the DEM and ERA5 file too, so the folder empties): no map, and a stale one is gone
    p4 = write_sample(out, seed=5, size=96, land_cover=False, dem=False, era5=False)
    assert p4.land_cover is None and "LAND_COVER" not in p4.files
    assert not (out / "ancillary").exists()
    p5 = write_sample(tmp_path / "u", seed=5, size=96, land_cover=False, dem=False, era5=False)
    assert not (tmp_path / "u" / "ancillary").exists() and p5.land_cover is None


def test_night_products_get_the_map_too(tmp_path):
    p = write_sample(tmp_path, seed=1, size=96, night=True)
    assert p.land_cover is not None and p.land_cover.exists()
    with rasterio.open(p.land_cover) as m:
        assert m.crs.to_epsg() == 4326 and (m.read(1) != 0).all()
