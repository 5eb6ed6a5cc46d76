"""The user's path through the water-vapour sources on a sample product: ERA5 file, image, climatology."""

from __future__ import annotations

import json

import pytest

from lst_studio.plugin.core.options import AtmosphereInput, LstOptions
from lst_studio.plugin.core.pipeline import produce
from lst_studio.plugin.core.sample.generate import write_sample

COMMON = {"geometric_verification": False, "write_vnir": False}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("atm") / "s", seed=7, size=200, land_cover=False, dem=False)


def test_reanalysis_file_gives_per_pixel_w_and_says_where_from(sample, tmp_path):
    atm = AtmosphereInput(reanalysis=str(sample.era5))
    res = produce(sample.product_dir, None, LstOptions(atmosphere=atm, **COMMON), tmp_path / "r")
    meta = res.metadata["atmosphere"]
    truth_w = json.loads((sample.truth_dir / "atmosphere.json").read_text())["water_vapour_gcm2"]
    assert meta["source"] == "reanalysis (ERA5 file ERA5_SINGLE_LEVELS.nc)"
    r = meta["reanalysis"]
    assert r["file"] == str(sample.era5) and r["layout"].startswith("CDS NetCDF")
    assert set(r["variables"]) >= {"tcwv", "t2m"} and len(r["times_used"]) == 2 and "bilinear" in r["method"]
    assert r["w_min_gcm2"] < r["w_max_gcm2"]  # a field, not one number
    assert abs(meta["water_vapour_gcm2"] - truth_w) < 3 * meta["water_vapour_sigma_gcm2"]
    assert res.metadata["algorithm"]["inputs"]["water_vapour_per_pixel"] is True
    assert not any("climatolog" in w for w in res.metadata["warnings"])


def test_no_input_uses_the_image_then_climatology_with_a_warning(sample, tmp_path):
    res = produce(sample.product_dir, None, LstOptions(**COMMON), tmp_path / "i")
    meta = res.metadata["atmosphere"]
    assert meta["source"].startswith("image (split-window covariance-variance ratio")
    assert meta["image_water_vapour"]["windows_used"] >= 5 and meta["water_vapour_sigma_gcm2"] >= 0.5
    assert any("estimated from the image" in w for w in res.metadata["warnings"])
    off = AtmosphereInput(image_water_vapour=False)
    clim = produce(sample.product_dir, None, LstOptions(atmosphere=off, **COMMON), tmp_path / "c")
    assert clim.metadata["atmosphere"]["source"].startswith("climatology (")
    assert any("climatolog" in w for w in clim.metadata["warnings"])


def test_reanalysis_sigma_w_is_capped_at_the_published_error_for_a_moist_column(tmp_path):
    # w = 4: the relative default (0.1 + 10 % of w) would say 0.5 g cm-2; Bock & Parracho 2019 bound it near 0.22
    moist = write_sample(tmp_path / "m", seed=7, size=96, water_vapour_gcm2=4.0, land_cover=False, dem=False)
    atm = AtmosphereInput(reanalysis=str(moist.era5))
    res = produce(moist.product_dir, None, LstOptions(atmosphere=atm, **COMMON), tmp_path / "r")
    meta = res.metadata["atmosphere"]
    assert meta["water_vapour_gcm2"] > 3.5
    assert (
        0.22 <= meta["water_vapour_sigma_gcm2"] < 0.3
    )  # cap plus the small spread of the smooth sample grid
    assert "at most 0.22" in meta["water_vapour_sigma_source"]
