"""Land-cover input: reading WorldCover codes onto an output grid, class emissivities, errors."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from affine import Affine

from lst_studio.plugin.core import landcover as lcm
from lst_studio.plugin.core.errors import ProductError
from lst_studio.plugin.core.products.scene import Grid

# a 30 m UTM 35N output grid of 40 x 40 pixels near 38.45 N 27.2 E
GRID = Grid("EPSG:32635", Affine(30.0, 0, 517000.0, 0, -30.0, 4256000.0), 40, 40)


def _write(path, data, crs="EPSG:32635", transform=None, nodata=0, dtype=None):
    data = np.asarray(data)
    transform = transform or Affine(10.0, 0, 517000.0, 0, -10.0, 4256000.0)  # 10 m, like WorldCover
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=data.shape[1],
        height=data.shape[0],
        count=1,
        dtype=dtype or data.dtype,
        crs=crs,
        transform=transform,
        nodata=nodata,
    ) as ds:
        ds.write(data, 1)
    return path


def test_mode_resampling_keeps_the_classes(tmp_path):
    # 10 m source, 3 x 3 source pixels per output pixel: west half built-up, east half tree cover, with
    # one odd source pixel in each 3 x 3 that the mode must outvote
    src = np.full((120, 120), 10, dtype=np.uint8)
    src[:, :60] = 50
    src[::3, ::3] = 80
    path = _write(tmp_path / "wc.tif", src)
    lc = lcm.read_land_cover(path, GRID)
    assert lc.codes.dtype == np.uint8 and lc.codes.shape == (40, 40)
    assert (lc.codes[:, :20] == 50).all() and (lc.codes[:, 20:] == 10).all()
    assert lc.coverage_percent == 100.0 and lc.warnings == []
    assert lc.counts() == {"built-up": 800, "tree cover": 800}


def test_lonlat_source_and_partial_cover(tmp_path):
    # a WorldCover-like tile in EPSG:4326 covering only the northern half of the grid
    from pyproj import Transformer

    to_ll = Transformer.from_crs("EPSG:32635", "EPSG:4326", always_xy=True)
    west, north = to_ll.transform(516000.0, 4257000.0)
    _, middle = to_ll.transform(517000.0, 4255400.0)
    step = 1 / 3600
    rows, cols = int((north - middle) / step), 150
    path = _write(
        tmp_path / "wc4326.tif",
        np.full((rows, cols), 30, dtype=np.uint8),
        crs="EPSG:4326",
        transform=Affine(step, 0, west, 0, -step, north),
    )
    lc = lcm.read_land_cover(path, GRID)
    covered = (lc.codes == 30).mean()
    assert 0.4 < covered < 0.6
    assert (lc.codes[:15] == 30).all() and (lc.codes[-15:] == 0).all()
    assert any("covers" in w for w in lc.warnings)


def test_foreign_codes_are_ignored_with_a_warning(tmp_path):
    src = np.full((120, 120), 40, dtype=np.uint8)
    src[:60] = 7  # not a WorldCover code
    lc = lcm.read_land_cover(_write(tmp_path / "x.tif", src), GRID)
    assert (lc.codes[:20] == 0).all() and (lc.codes[20:] == 40).all()
    assert any("outside the ESA WorldCover legend (7)" in w for w in lc.warnings)


@pytest.mark.parametrize(
    "kind, message",
    [
        ("float", "integer class codes"),
        ("nocrs", "coordinate reference system"),
        ("far", "no ESA WorldCover"),
    ],
)
def test_bad_land_cover_rasters(tmp_path, kind, message):
    src = np.full((120, 120), 50, dtype=np.uint8)
    if kind == "float":
        path = _write(tmp_path / "f.tif", src.astype(np.float32), nodata=None)
    elif kind == "nocrs":
        path = _write(tmp_path / "n.tif", src, crs=None)
    else:  # 100 km away from the grid
        path = _write(tmp_path / "far.tif", src, transform=Affine(10.0, 0, 617000.0, 0, -10.0, 4256000.0))
    with pytest.raises(ProductError, match=message):
        lcm.read_land_cover(path, GRID)
    with pytest.raises(ProductError, match="not found"):
        lcm.read_land_cover(tmp_path / "missing.tif", GRID)


def test_apply_by_day_touches_built_up_only():
    codes = np.array([[50, 10, 0, 80, 70]], dtype=np.uint8)
    eps = np.full(codes.shape, 0.986, dtype=np.float32)
    sigma = np.full(codes.shape, 0.01, dtype=np.float32)
    lcm.apply(eps, sigma, "lwir11", codes, "ndvi_threshold")
    np.testing.assert_allclose(eps, [[0.973, 0.986, 0.986, 0.986, 0.986]], atol=1e-6)  # Du et al. 2015
    np.testing.assert_allclose(sigma, [[0.015, 0.01, 0.01, 0.01, 0.01]], atol=1e-7)
    lcm.apply(eps, sigma, "lwir12", codes, "ndvi_threshold")
    assert eps[0, 0] == pytest.approx(0.981, abs=1e-6)


def test_apply_by_class_uses_every_class_and_the_mask_constants_for_water_and_snow():
    codes = np.array([[10, 50, 60, 80, 70, 0]], dtype=np.uint8)
    eps = np.full(codes.shape, 0.979, dtype=np.float32)
    sigma = np.full(codes.shape, 0.02, dtype=np.float32)
    lcm.apply(eps, sigma, "lwir11", codes, "classes")
    # forest 0.995, impervious 0.973, barren 0.969 (Du et al. 2015); water 0.991 (Masuda et al. 1988) and
    # snow 0.990 (Hori et al. 2006) as for the masks; unknown class keeps the land value
    np.testing.assert_allclose(eps, [[0.995, 0.973, 0.969, 0.991, 0.990, 0.979]], atol=1e-6)
    np.testing.assert_allclose(sigma, [[0.015, 0.015, 0.015, 0.005, 0.01, 0.02]], atol=1e-7)


def test_describe_use_names_values_and_citation():
    d = lcm.describe_use("ndvi_threshold", ["lwir11", "lwir12"])
    assert d["applied_to"] == ["built-up"]
    assert d["values"]["built-up"] == {"lwir11": 0.973, "lwir12": 0.981}
    assert "10.3390/rs70100647" in d["citation"]
    assert "snow and ice" not in lcm.describe_use("classes", ["lwir11"])["values"]
