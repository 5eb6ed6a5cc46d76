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
    img = np.full((9, 9), 0.5, np.float32)
    img[2:7, 2:7] = 0.4
    img[3:6, 3:6] = 0.1
    img[4, 0:3] = 0.2  # a channel from the pit to the border through the 0.4 ring
    exact = morphology._reconstruct_fill(img)
    assert exact[4, 4] == pytest.approx(0.2)  # spills to the border at 0.2
    assert exact[2, 2] == pytest.approx(0.4)


def test_small_or_flat_images_are_returned_unchanged():
    flat = np.full((5, 5), 0.3, np.float32)
    assert np.array_equal(morphology.fill_minima(flat), flat)
    thin = np.array([[0.3, 0.1, 0.3]], np.float32)
    assert np.array_equal(morphology.fill_minima(thin, levels=(0.0, 0.5)), thin)
