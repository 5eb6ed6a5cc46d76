"""The in-place Eq. 15 (issue 15: fewer full-strip arrays in pass 1) gives bit for bit the values of the
plain formula, NaN, saturation, negative indices and float64 inputs included."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core import clouds


def _plain(s, saturated_green=None, saturated_red=None):
    """Eq. 15 written out on fresh arrays (the implementation before, f80709d)."""
    ndvi = s.ndvi if saturated_red is None else np.where(saturated_red, 0.0, s.ndvi)
    terms = [np.abs(ndvi), s.whiteness]
    if s.ndsi is not None:
        ndsi = s.ndsi if saturated_green is None else np.where(saturated_green, 0.0, s.ndsi)
        terms.append(np.abs(ndsi))
    highest = terms[0]
    for t in terms[1:]:
        highest = np.maximum(highest, t)
    return (1.0 - highest).astype(np.float32)


def _block(rng, dtype, with_ndsi: bool) -> clouds.SpectralBlock:
    shape = (37, 53)
    bands = {b: (rng.random(shape) * 1.2 - 0.1).astype(dtype) for b in ("blue", "green", "red", "nir08")}
    if with_ndsi:
        bands["swir16"] = (rng.random(shape) * 0.6).astype(dtype)
    for a in bands.values():
        a[rng.random(shape) < 0.05] = np.nan
    bt = np.full(shape, 290.0, np.float32)
    return clouds.spectral({**dict.fromkeys(("swir16", "swir22", "cirrus")), **bands}, bt)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("with_ndsi", [True, False])
def test_variability_is_bit_identical_to_the_plain_formula(dtype, with_ndsi):
    rng = np.random.default_rng(15)
    s = _block(rng, dtype, with_ndsi)
    sat_g, sat_r = rng.random(s.ndvi.shape) < 0.1, rng.random(s.ndvi.shape) < 0.1
    ndvi_before = s.ndvi.copy()
    for g, r in ((None, None), (sat_g, None), (None, sat_r), (sat_g, sat_r)):
        got, want = clouds.variability_prob(s, g, r), _plain(s, g, r)
        assert got.dtype == np.float32 and got.shape == want.shape
        assert np.array_equal(got.view(np.uint32), want.view(np.uint32))
        assert np.isnan(got).any() and (got < 0.5).any() and (got > 0.5).any()  # all kinds of values
    np.testing.assert_array_equal(s.ndvi, ndvi_before)  # the block's indices are left as they were


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_histogram_bins_are_the_plain_formulas(dtype):
    rng = np.random.default_rng(16)
    values = (rng.normal(290.0, 40.0, 50_000)).astype(dtype)  # some below 150 and above 350
    values[::11] = np.nan
    values[::13] = np.inf
    values[:4] = (150.0, 349.95, 350.0, 149.99)  # the edges
    h = clouds.Histogram(150.0, 350.0, 0.1)
    h.add(values)
    v = values[np.isfinite(values)].astype(np.float64)
    idx = np.clip(((v - 150.0) / 0.1).astype(np.int64), 0, h.counts.size - 1)
    np.testing.assert_array_equal(h.counts, np.bincount(idx, minlength=h.counts.size))
    assert h.counts[0] > 0 and h.counts[-1] > 0 and h.n == v.size
    h.add(np.array([], dtype))  # nothing to add
    assert h.n == v.size
