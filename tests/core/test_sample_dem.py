"""The sample's ancillary digital elevation model (float32 m, EPSG:4326, 1″) against the truth."""

from __future__ import annotations

import json

import numpy as np
import pytest
import rasterio
from pyproj import Transformer
from rasterio.enums import Resampling
from rasterio.warp import reproject

from lst_studio.plugin.core.sample import ancillary
from lst_studio.plugin.core.sample.__main__ import main
from lst_studio.plugin.core.sample.generate import SampleOptions, scene_model, write_sample

SIZE = 300
SEED = 2


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("dem"), seed=SEED, size=SIZE)


def _truth_elevation(size: int, seed: int) -> np.ndarray:
    """The model's elevation at the thermal pixel centres (the truth rasters' positions without shift)."""
    _, model = scene_model(SampleOptions(size=size), seed)
    centres = np.arange(size) + 0.5
    return model.ground(centres, centres)["elev"]


def test_file_is_a_dem_on_the_land_cover_grid(sample):
    assert sample.dem == sample.product_dir.parent / "ancillary" / "DEM_ELEVATION_M.tif"
    assert sample.files["DEM"] == sample.dem
    with rasterio.open(sample.dem) as d, rasterio.open(sample.land_cover) as m:
        assert d.crs == m.crs and d.crs.to_epsg() == 4326
        assert d.transform == m.transform and (d.width, d.height) == (m.width, m.height)
        assert d.res == pytest.approx((1 / 3600, 1 / 3600), rel=1e-12)
        assert d.dtypes == ("float32",) and d.count == 1 and d.nodata == -9999
        assert d.descriptions == ("elevation_m",) and d.units == ("m",)
        assert d.compression.name == "lzw" and d.profile["tiled"]
        assert d.block_shapes == [(512, 512)]
        assert "synthetic" in d.tags()["SOURCE"]
        elev = d.read(1)
    # no nodata pixel: the map is geography, it has a value everywhere
    assert np.isfinite(elev).all() and (elev != -9999).all()
    # sea level floor of the model and its mountain (3000 m Gaussian) are both on the map
    assert elev.min() == pytest.approx(2.0)
    assert elev.max() > 2000.0


def test_dem_agrees_with_truth_on_the_thermal_grid(sample):
    """Reprojected (bilinear) onto the thermal grid as the plugin reads it: the truth elevation."""
    truth = _truth_elevation(SIZE, SEED)
    with rasterio.open(sample.truth_dir / "LST.tif") as t, rasterio.open(sample.dem) as d:
        back = np.full(truth.shape, np.nan, np.float32)
        reproject(
            d.read(1),
            back,
            src_transform=d.transform,
            src_crs=d.crs,
            src_nodata=d.nodata,
            dst_transform=t.transform,
            dst_crs=t.crs,
            dst_nodata=np.nan,
            resampling=Resampling.bilinear,
        )
    err = np.abs(back - truth)
    assert np.isfinite(back).all()
    assert truth.max() - truth.min() > 2000.0  # a test over relief, not a flat plain
    # bilinear resampling of ≈ 27 m pixels onto 30 m ones, on mountain flanks up to 50 m per pixel
    # steep at this size: measured (seed 2, size 300) max 4.50 m, 99.9 % within 3.69 m, mean 0.48 m
    # (max 4.6-5.6 m, mean 0.44-0.46 m for seeds 1, 3, 7)
    assert err.max() < 6.5
    assert np.quantile(err, 0.999) < 4.5
    assert err.mean() < 0.6


def test_pixels_are_the_model_elevation_at_their_own_centres(tmp_path):
    """Every written pixel vs the model at the pixel centre's exact UTM position (pyproj per pixel)."""
    geo, model = scene_model(SampleOptions(size=SIZE), SEED)
    transform, width, height = ancillary.map_grid(geo)
    to_utm = Transformer.from_crs("EPSG:4326", geo.crs, always_xy=True)
    lon, lat = np.meshgrid(
        transform.c + (np.arange(width) + 0.5) * transform.a,
        transform.f + (np.arange(height) + 0.5) * transform.e,
    )
    x, y = to_utm.transform(lon, lat)
    ue = (x - geo.transform.c) / geo.transform.a
    ve = (y - geo.transform.f) / geo.transform.e
    exact = model.ground(ue, ve)["elev"]
    with rasterio.open(ancillary.write_dem(tmp_path / "dem.tif", geo, model)) as d:
        err = np.abs(d.read(1).astype(np.float64) - exact)
    # measured 4.3e-3 m (seed 2, size 300): the lattice-interpolated UTM positions (8e-5 px) on
    # flanks of 50 m per pixel, and float32 rounding (2e-4 m at 3000 m)
    assert err.max() < 0.02


def test_same_seed_same_bytes_and_switches(tmp_path):
    out = tmp_path / "s"
    p1 = write_sample(out, seed=4, size=96)
    first = p1.dem.read_bytes()
    # same seed: the same file (no time stamps in it)
    p2 = write_sample(tmp_path / "t", seed=4, size=96)
    assert p2.dem.read_bytes() == first
    # geography: the thermal shift does not move the DEM
    p3 = write_sample(tmp_path / "shifted", seed=4, size=96, tir_shift_px=(2.5, -1.0))
    assert p3.dem.read_bytes() == first
    # another seed into the same folder replaces it
    p4 = write_sample(out, seed=5, size=96)
    assert p4.dem == p1.dem and p4.dem.read_bytes() != first
    # switched off: no DEM (a stale one of an older truth is gone), the land cover is still written
    p5 = write_sample(out, seed=5, size=96, dem=False)
    assert p5.dem is None and "DEM" not in p5.files
    assert not (out / "ancillary" / "DEM_ELEVATION_M.tif").exists()
    assert p5.land_cover.exists() and p5.files["LAND_COVER"] == p5.land_cover
    assert sorted(f.name for f in (out / "ancillary").iterdir()) == [
        "ERA5_SINGLE_LEVELS.nc",
        "LANDCOVER_WORLDCOVER_CODES.tif",
    ]
    # only the DEM: the land cover's stale file is gone, the folder stays for the DEM
    p6 = write_sample(out, seed=5, size=96, land_cover=False, era5=False)
    assert p6.land_cover is None and p6.dem.exists()
    assert sorted(f.name for f in (out / "ancillary").iterdir()) == ["DEM_ELEVATION_M.tif"]
    # neither: no ancillary folder
    p7 = write_sample(out, seed=5, size=96, land_cover=False, dem=False, era5=False)
    assert p7.dem is None and p7.land_cover is None and not (out / "ancillary").exists()


def test_night_products_get_the_dem_too(tmp_path):
    p = write_sample(tmp_path, seed=1, size=96, night=True)
    assert p.dem is not None and p.files["DEM"] == p.dem
    with rasterio.open(p.dem) as d:
        assert d.crs.to_epsg() == 4326 and d.descriptions == ("elevation_m",)
        assert (d.read(1) >= 2.0).all()


def test_command_line_no_dem(tmp_path, capsys):
    assert main(["--out", str(tmp_path), "--size", "64", "--no-dem"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["dem"] is None and printed["land_cover"] is not None
    assert not (tmp_path / "ancillary" / "DEM_ELEVATION_M.tif").exists()
    assert main(["--out", str(tmp_path), "--size", "64"]) == 0
    assert json.loads(capsys.readouterr().out)["dem"] == str(tmp_path / "ancillary" / "DEM_ELEVATION_M.tif")
