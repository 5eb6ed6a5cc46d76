"""fill_minima as one reconstruction gives exactly what the threshold decomposition gives."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from lst_studio.plugin.core import morphology

pytest.importorskip("skimage")


def _terrain(seed: int, shape=(120, 150)) -> np.ndarray:
    """Smooth random relief with pits, plateaus (repeated values) and a few sharp pixels."""
    rng = np.random.default_rng(seed)
    img = ndimage.gaussian_filter(rng.normal(size=shape), 4.0) * 0.2 + 0.3
    img = np.round(img, 3)  # plateaus: equal values test the strict "< t" of the levels
    img[rng.integers(0, shape[0], 30), rng.integers(0, shape[1], 30)] = 0.05
    return img.astype(np.float32)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize(("step", "levels"), [(0.005, None), (0.0013, None), (0.01, (0.0, 0.6))])
def test_reconstruction_equals_the_level_loop(seed, step, levels):
    img = _terrain(seed)
    fast = morphology.fill_minima(img, step=step, levels=levels)
    lo, hi = levels if levels else (float(np.percentile(img, 0.1)), float(np.percentile(img, 99.9)))
    slow = morphology._fill_by_levels(
        img, img.copy(), np.arange(lo + step, hi + step, step, dtype=np.float64)
    )
    assert fast.dtype == np.float32
    assert np.array_equal(fast, slow)
    assert (fast > img).any()  # the relief has enclosed pits: the comparison is not trivial


def test_exact_fill_is_the_lowest_rim():
    img = np.full((9, 9), 5, np.int32)
    img[2:7, 2:7] = 4
    img[3:6, 3:6] = 1
    img[4, 0:3] = 2  # a channel from the pit to the border through the 4 ring
    exact = morphology._reconstruct_fill(img)
    assert exact[4, 4] == 2  # spills to the border at 2
    assert exact[2, 2] == 4


def _public(seed: np.ndarray, mask: np.ndarray) -> np.ndarray:
    from skimage.morphology import reconstruction

    out = reconstruction(
        seed.astype(np.float64), mask.astype(np.float64), method="erosion", footprint=morphology.EIGHT
    )
    return out.astype(np.int32)


@pytest.mark.parametrize(("seed", "span"), [(0, 3), (1, 300), (2, 300), (3, 70_000)])
def test_integer_reconstruction_equals_scikit_images(seed, span):
    """The radix-sorted reconstruction gives scikit-image's result, plateaus (many equal values) and
    spans beyond 16 bits (the int64 sort) included."""
    rng = np.random.default_rng(seed)
    relief = ndimage.gaussian_filter(rng.random((90, 130)), 3.0)
    mask = np.round((relief - relief.min()) / np.ptp(relief) * span).astype(np.int32) - 1
    border = np.zeros(mask.shape, bool)
    border[0, :] = border[-1, :] = border[:, 0] = border[:, -1] = True
    seed_img = np.where(border, mask, mask.max()).astype(np.int32)
    fast = morphology._reconstruct_int(seed_img, mask)
    assert fast is not None
    assert fast.dtype == np.int32
    assert np.array_equal(fast, _public(seed_img, mask))
    assert (fast > mask).any()  # the relief has enclosed pits: the comparison is not trivial


@pytest.mark.parametrize("loop", [None, "rejects"])
def test_another_scikit_image_falls_back_to_the_public_function(monkeypatch, loop):
    """Without the private loop, or with one that no longer takes these arguments, the fill is the
    public reconstruction's."""
    img = _terrain(5)
    expected = morphology.fill_minima(img)

    def rejects(*_args):
        raise ValueError("Buffer dtype mismatch")

    monkeypatch.setattr(morphology, "reconstruction_loop", None if loop is None else rejects)
    level = np.searchsorted(np.arange(0.1, 0.6, 0.005), img).astype(np.int32)
    assert morphology._reconstruct_int(level, level) is None
    assert np.array_equal(morphology.fill_minima(img), expected)


def test_small_or_flat_images_are_returned_unchanged():
    flat = np.full((5, 5), 0.3, np.float32)
    assert np.array_equal(morphology.fill_minima(flat), flat)
    thin = np.array([[0.3, 0.1, 0.3]], np.float32)
    assert np.array_equal(morphology.fill_minima(thin, levels=(0.0, 0.5)), thin)
