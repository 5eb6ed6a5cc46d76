"""Separable bilinear interpolation: what GDAL's warper gives on an axis-aligned coarser grid."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine
from rasterio.crs import CRS
from rasterio.enums import Resampling
from rasterio.warp import reproject

from lst_studio.plugin.core import interpolation

UTM = CRS.from_epsg(32633)


def _gdal(src: np.ndarray, src_t: Affine, dst_t: Affine, shape) -> np.ndarray:
    out = np.full((src.shape[0], *shape), np.nan, np.float32)
    for i in range(src.shape[0]):
        reproject(
            src[i], out[i], src_transform=src_t, src_crs=UTM, dst_transform=dst_t, dst_crs=UTM,
            resampling=Resampling.bilinear,
        )  # fmt: skip
    return out


@pytest.mark.parametrize(
    ("ratio", "dx", "dy"),
    [(8, 0.0, 0.0), (8, 30.0, -90.0), (10, 0.0, 0.0), (3.5, 45.0, -15.0), (1, 0.0, 0.0)],
)
def test_upsample_is_gdals_bilinear_kernel(ratio, dx, dy):
    """Within rounding of rasterio's bilinear reproject, at integer and fractional size ratios
    and with the fine grid shifted against the coarse one (edges included: both clamp)."""
    rng = np.random.default_rng(int(ratio * 10))
    src = rng.uniform(-1.0, 60.0, (2, 24, 30)).astype(np.float32)
    src_t = Affine(30.0 * ratio, 0, 500_000.0, 0, -30.0 * ratio, 4_000_000.0)
    dst_t = Affine(30.0, 0, 500_000.0 + dx, 0, -30.0, 4_000_000.0 + dy)
    shape = (int(24 * ratio) - 8, int(30 * ratio) - 8)  # inside the coarse raster
    got = interpolation.upsample(src, src_t, dst_t, shape)
    expected = _gdal(src, src_t, dst_t, shape)
    assert got.dtype == np.float32 and got.shape == expected.shape
    # rounding only: a few float32 steps of the values' magnitude (near zero, cancellation in both)
    assert np.abs(got - expected).max() <= 8 * np.spacing(np.float32(60.0))
    assert (got == expected).mean() > 0.5


def test_upsample_declines_what_only_a_warp_does():
    src = np.zeros((1, 4, 4), np.float32)
    coarse = Affine(240.0, 0, 0.0, 0, -240.0, 0.0)
    fine = Affine(30.0, 0, 0.0, 0, -30.0, 0.0)
    assert interpolation.upsample(src, fine, coarse, (4, 4)) is None  # finer source: GDAL averages
    assert interpolation.upsample(src, Affine(240.0, 5.0, 0, 0, -240.0, 0), fine, (4, 4)) is None  # rotated
    assert interpolation.upsample(src, Affine(240.0, 0, 0, 0, 240.0, 0), fine, (4, 4)) is None  # flipped


def test_bilinear_is_exact_on_the_lattice_and_linear_between():
    rows, cols = np.array([0.0, 4.0, 8.0]), np.array([0.0, 10.0])
    values = np.array([[0.0, 10.0], [4.0, 14.0], [8.0, 18.0]])  # value = row + col
    prow, pcol = np.arange(9.0), np.arange(-2.0, 13.0)
    got = interpolation.bilinear(values, rows, cols, prow, pcol)
    expected = prow[:, None] + np.clip(pcol, 0.0, 10.0)[None, :]  # constant beyond the outer columns
    assert np.array_equal(got, expected)


def test_bilinear_in_any_row_order_and_into_a_given_array():
    """Pixel rows in any order (runs between the same lattice rows are computed together) and beyond the
    lattice; ``out`` receives the same values as a new array."""
    rows, cols = np.array([0.0, 3.0, 7.0, 12.0]), np.array([0.0, 5.0, 9.0])
    rng = np.random.default_rng(4)
    values = rng.random((4, 3))
    prow, pcol = rng.uniform(-2.0, 14.0, 40), rng.uniform(-1.0, 10.0, 30)
    got = interpolation.bilinear(values, rows, cols, prow, pcol)
    for r, pr in enumerate(prow):  # row by row: np.interp down each column of the row interpolation
        across = np.array([np.interp(pcol, cols, v) for v in values])
        np.testing.assert_allclose(got[r], [np.interp(pr, rows, a) for a in across.T], rtol=1e-12)
    out = np.full((40, 30), np.nan, np.float32)
    assert interpolation.bilinear(values, rows, cols, prow, pcol, np.float32, out=out) is out
    assert np.array_equal(out, interpolation.bilinear(values, rows, cols, prow, pcol, np.float32))
    one = np.empty((40, 30))
    interpolation.bilinear(values[:1], rows[:1], cols, prow, pcol, out=one)
    assert np.array_equal(one, np.repeat(np.interp(pcol, cols, values[0])[None], 40, axis=0))
