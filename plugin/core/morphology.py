"""Binary and grey-level morphology for the masks, built on scipy.ndimage (scikit-image when present).

- ``disk``/``dilate``: circular buffers, as Fmask's cloud and shadow buffers (Zhu & Woodcock 2012,
  doi:10.1016/j.rse.2011.10.028).
- ``fill_minima``: grey-level hole filling (morphological reconstruction by erosion from the image
  border, Soille & Gratin 1994; what MATLAB ``imfill`` and python-fmask's ``fillminima`` do). Levels
  are quantised to ``step``: a pixel's filled value is the highest level ``t`` at which it lies in a
  connected component of ``{image < t}`` that does not reach the border, so the result is never above
  the exact fill and at most ``step`` below it. Computed as one reconstruction (scikit-image, Vincent
  1993's hybrid algorithm, doi:10.1109/83.217222) whose exact fill is then rounded down to the levels;
  without scikit-image, by threshold decomposition (one labelling per level), with the same result.
- ``majority_3x3``: Fmask's "3 × 3 rule" (a pixel becomes cloud when ≥ 5 of its 3 × 3 window are cloud).
- ``remove_small``: drop 8-connected objects smaller than a minimum size.
- ``block_reduce_*``/``expand``: move masks between the full grid and a coarser working grid.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from . import memory

try:  # imported here, on the thread that imports the plugin: a first import on a worker thread while
    # another thread imports scipy can fail half-way ("partially initialized module"; seen in a CLI batch)
    from skimage.morphology import reconstruction
except ImportError:  # scikit-image is optional in QGIS installs: fill_minima falls back to the level loop
    reconstruction = None
try:  # the extension that reconstruction imports on its first call; its loop serves _reconstruct_int
    from skimage.morphology._grayreconstruct import reconstruction_loop
except ImportError:
    reconstruction_loop = None

EIGHT = np.ones((3, 3), dtype=bool)


def disk(radius: int) -> np.ndarray:
    """Circular structuring element of ``radius`` pixels (radius 0 -> the single centre pixel)."""
    r = int(max(radius, 0))
    y, x = np.mgrid[-r : r + 1, -r : r + 1]
    return (x * x + y * y) <= r * r  # as skimage.morphology.disk


def dilate(mask: np.ndarray, radius: int, strip_rows: int = 512) -> np.ndarray:
    """Binary dilation of ``mask`` by a disk of ``radius`` pixels (a copy when radius <= 0); pixels
    beyond the array are False (``ndimage.binary_dilation(mask, disk(radius))``, same result).

    The disk is decomposed into its rows: row ``dy`` of the disk is a horizontal segment of half-width
    w(dy), so the dilation is the OR over dy of the mask dilated horizontally by w(dy) and shifted by
    dy rows, about 4·radius whole-array ORs in row strips (a ``radius`` halo), where scipy's dilation
    visits the whole disk at every pixel and holds the GIL: 3 s for the three 3-px buffers of a
    7,800² scene, now a fraction of it."""
    mask = np.asarray(mask, dtype=bool)
    if radius <= 0 or not mask.any():
        return mask.copy()
    r = int(radius)
    half = [math.isqrt(r * r - dy * dy) for dy in range(r + 1)]  # disk(): x² + y² <= r²
    h = mask.shape[0]
    out = memory.written_zeros(mask.shape, bool)  # updated in place below
    for r0 in range(0, h, strip_rows):
        r1 = min(h, r0 + strip_rows)
        a0, a1 = max(0, r0 - r), min(h, r1 + r)  # halo rows
        rows = _row_dilations(mask[a0:a1], set(half))
        o = out[r0:r1]
        for dy in range(-r, r + 1):
            s0, s1 = max(r0 + dy, 0), min(r1 + dy, h)  # source rows of out[i] |= rows[i + dy]
            if s1 > s0:
                o[s0 - dy - r0 : s1 - dy - r0] |= rows[half[abs(dy)]][s0 - a0 : s1 - a0]
    return out


def _row_dilations(a: np.ndarray, widths: set[int]) -> dict[int, np.ndarray]:
    """``a`` dilated along its rows by a segment of half-width w, for each w in ``widths``."""
    out: dict[int, np.ndarray] = {}
    cur = a.copy()
    for w in range(max(widths) + 1):
        if w > 0:
            cur[:, :-w] |= a[:, w:]
            cur[:, w:] |= a[:, :-w]
        if w in widths:
            out[w] = cur.copy() if w < max(widths) else cur
    return out


def fill_minima(
    image: np.ndarray, step: float = 0.005, levels: tuple[float, float] | None = None
) -> np.ndarray:
    """Grey-level fill of regional minima not connected to the image border (float32 result).

    ``image`` must be finite (set no-data to a background value first). ``levels`` = (lowest, highest)
    threshold tried; by default the 0.1st and 99.9th percentiles, so a few extreme pixels do not
    cost hundreds of labelling passes. Dark regions are 8-connected.
    """
    img = np.asarray(image, dtype=np.float32)
    filled = img.copy()
    if img.size == 0:
        return filled
    lo, hi = (
        levels if levels is not None else (float(np.percentile(img, 0.1)), float(np.percentile(img, 99.9)))
    )
    if not hi > lo:
        return filled
    # levels compared in float32, as the image (what NumPy 1.x's scalar casting always did)
    levels_t = np.arange(lo + step, hi + step, step, dtype=np.float64).astype(np.float32)
    if levels_t.size == 0:
        return filled
    # A pixel lies in a component of {img < t} that misses the border exactly when every path from it
    # to the border crosses a pixel >= t, i.e. when its exact fill (the lowest path maximum) is >= t.
    # So its quantised fill is the highest level t <= exact fill, where img < t (else img itself).
    # The level index is monotonic in the value, so the reconstruction of the level index image gives
    # the level index of the exact fill directly (and sorts small integers, faster than floats).
    level = np.searchsorted(levels_t, img, side="right").astype(np.int32) - 1  # -1: below all levels
    idx = _reconstruct_fill(level)
    if idx is None:
        return _fill_by_levels(img, filled, levels_t)
    idx = idx.astype(np.int32, copy=False)
    t = levels_t[np.maximum(idx, 0)]
    inside = (idx >= 0) & (img < t)
    np.maximum(filled, t, out=filled, where=inside)
    return filled


def _reconstruct_fill(level: np.ndarray) -> np.ndarray | None:
    """Exact grey-level fill of an integer image (None without scikit-image): reconstruction by erosion
    of a seed that is the image on the border and its maximum inside, 8-connected."""
    if reconstruction is None:
        return None
    if min(level.shape) < 3:
        return level.copy()  # every pixel is on the border
    seed = np.full(level.shape, level.max(), dtype=level.dtype)
    seed[0, :], seed[-1, :], seed[:, 0], seed[:, -1] = level[0, :], level[-1, :], level[:, 0], level[:, -1]
    out = _reconstruct_int(seed, level)
    if out is None:
        out = reconstruction(
            seed.astype(np.float64), level.astype(np.float64), method="erosion", footprint=EIGHT
        )
    return out


def _reconstruct_int(seed: np.ndarray, mask: np.ndarray) -> np.ndarray | None:
    """``skimage.morphology.reconstruction(seed, mask, "erosion", EIGHT)`` of integer images, int32.

    scikit-image's own steps (0.19: pad, link the pixels in value order, ``reconstruction_loop``) with
    the value order of small integers from a radix sort and a lookup instead of two float64 argsorts:
    the same result (a reconstruction does not depend on the order of equal values), about 6x faster
    on a full scene's working grid (issue 15). None when the loop is missing or no longer takes these
    arguments (another scikit-image): then the public function."""
    if reconstruction_loop is None:
        return None
    h, w = mask.shape
    images = np.full((2, h + 2, w + 2), seed.max(), dtype=np.int64)  # padding: no path through it
    images[0, 1:-1, 1:-1], images[1, 1:-1, 1:-1] = seed, mask
    flat = images.ravel()
    low = int(flat.min())
    span = int(flat.max()) - low + 1
    values = (flat - low).astype(np.uint16 if span <= 2**16 else np.int64)  # 16 bit: numpy's radix sort
    order = np.argsort(values, kind="stable").astype(np.int32)  # erosion: from the lowest value up
    prev, nxt = np.full(flat.size, -1, np.int32), np.full(flat.size, -1, np.int32)
    prev[order[1:]], nxt[order[:-1]] = order[:-1], order[1:]
    present = np.bincount(values, minlength=span) > 0
    rank_of = (np.cumsum(present[::-1]) - 1)[::-1].astype(np.uint32)  # rank 0: the highest value
    ranks = rank_of[values]
    by_rank = (np.flatnonzero(present) + low)[::-1]
    step = w + 2
    strides = np.array([-step - 1, -step, -step + 1, -1, 1, step - 1, step, step + 1], np.int32)
    try:
        reconstruction_loop(ranks, prev, nxt, strides, int(order[0]), int(images[0].size))
    except (TypeError, ValueError):  # another scikit-image's loop
        return None
    return by_rank[ranks[: images[0].size]].reshape(h + 2, w + 2)[1:-1, 1:-1].astype(np.int32)


def _fill_by_levels(img: np.ndarray, filled: np.ndarray, levels_t: np.ndarray) -> np.ndarray:
    """Threshold decomposition: one 8-connected labelling of {img < t} per (float32) level t."""
    border = np.zeros(img.shape, dtype=bool)
    border[0, :] = border[-1, :] = border[:, 0] = border[:, -1] = True
    for t in levels_t:
        dark = img < t
        labels, n = ndimage.label(dark, structure=EIGHT)
        if n == 0:
            continue
        hole = np.ones(n + 1, dtype=bool)
        hole[0] = False
        hole[np.unique(labels[border & dark])] = False
        inside = hole[labels]
        if not inside.any():
            # every dark component reaches the border at this level; higher levels only grow them,
            # but a component may still get enclosed later by a brighter ring, so keep going.
            continue
        np.maximum(filled, t, out=filled, where=inside)
    return filled


def majority_3x3(mask: np.ndarray, valid: np.ndarray | None = None, strip_rows: int = 512) -> np.ndarray:
    """True where at least 5 of the 9 pixels of the 3 × 3 window (itself included) are True.

    Fmask's final clean-up (python-fmask ``uniform_filter(2·mask, 3) >= 1``). With ``valid``, only
    valid pixels vote (at least 5/9 of them), so a footprint rim or corner is judged by its own data
    and not eroded by the no-data around it, and the result is limited to ``valid``; pixels beyond the
    array edge never vote. Done in row strips (with a one-row halo) to keep a full scene small.
    """
    mask = np.asarray(mask, dtype=bool)
    out = np.zeros(mask.shape, dtype=bool)
    h = mask.shape[0]
    for r0 in range(0, h, strip_rows):
        r1 = min(h, r0 + strip_rows)
        a0, a1 = max(0, r0 - 1), min(h, r1 + 1)  # halo rows
        counts = _box3(mask[a0:a1])[r0 - a0 : r1 - a0]
        if valid is None:
            out[r0:r1] = counts >= 5
            continue
        v = np.asarray(valid[a0:a1], dtype=bool)
        voters = _box3(v)[r0 - a0 : r1 - a0]
        counts *= 9  # ≤ 81 and 5·voters ≤ 45: uint8 arithmetic is exact
        voters *= 5
        out[r0:r1] = (counts >= voters) & (counts > 0) & v[r0 - a0 : r1 - a0]
    return out


def _box3(a: np.ndarray) -> np.ndarray:
    """uint8 count of True pixels in each 3 × 3 window, zeros beyond the edges (what
    ``ndimage.convolve(a, ones((3, 3)), mode="constant")`` gives) as two separable sums of shifted
    slices: exact integers, and several times faster than the 2-D convolution."""
    a = a.astype(np.uint8)
    rows = a.copy()
    rows[:, 1:] += a[:, :-1]
    rows[:, :-1] += a[:, 1:]
    out = rows.copy()
    out[1:] += rows[:-1]
    out[:-1] += rows[1:]
    return out


def remove_small(mask: np.ndarray, min_size: int) -> np.ndarray:
    """``mask`` without its 8-connected objects of fewer than ``min_size`` pixels."""
    mask = np.asarray(mask, dtype=bool)
    if min_size <= 1 or not mask.any():
        return mask.copy()
    labels, n = ndimage.label(mask, structure=EIGHT)
    # by row strips: bincount would otherwise copy the int32 labels of a full scene to int64
    step = 512
    sizes = np.zeros(n + 1, dtype=np.int64)
    for r0 in range(0, labels.shape[0], step):
        sizes += np.bincount(labels[r0 : r0 + step].ravel(), minlength=n + 1)
    keep = sizes >= min_size
    keep[0] = False
    out = np.empty(mask.shape, dtype=bool)
    for r0 in range(0, labels.shape[0], step):
        out[r0 : r0 + step] = keep[labels[r0 : r0 + step]]
    return out


def work_factor(shape: tuple[int, int], max_side: int = 2048) -> int:
    """Integer reduction factor so that the working grid has at most ``max_side`` pixels per side."""
    return max(1, int(np.ceil(max(shape) / max_side)))


def block_reduce_mean(image: np.ndarray, k: int, valid: np.ndarray | None = None) -> np.ndarray:
    """Mean over k × k blocks, ignoring NaN (all-NaN block -> NaN); edges use partial blocks. ``valid``:
    the pixels to count (the others as NaN), so a caller needs no masked copy of its image."""
    image = np.asarray(image, dtype=np.float32)
    h, w = image.shape
    H, W = -(-h // k), -(-w // k)
    pad = np.full((H * k, W * k), np.nan, dtype=np.float32)  # C order: ``blocks`` below is a view of it
    pad[:h, :w] = image
    if valid is not None:
        np.copyto(pad[:h, :w], np.float32(np.nan), where=~np.asarray(valid, dtype=bool))
    if k == 1:
        return pad
    blocks = pad.reshape(H, k, W, k)
    with np.errstate(invalid="ignore"):
        count = np.sum(np.isfinite(blocks), axis=(1, 3))
        # np.nansum's own steps (NaN summed as 0, then np.sum) in this function's copy instead of another
        np.copyto(pad, np.float32(0.0), where=np.isnan(pad))
        total = np.sum(blocks, axis=(1, 3))
        out = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return out.astype(np.float32)


def block_reduce_fraction(mask: np.ndarray, k: int, strip_blocks: int = 64) -> np.ndarray:
    """Share of True pixels in each k × k block (edge blocks counted over their real pixels).

    Row strips of ``strip_blocks`` blocks keep the temporary arrays small for a full scene.
    """
    mask = np.asarray(mask, dtype=bool)
    if k == 1:
        return mask.astype(np.float32)
    h, w = mask.shape
    H, W = -(-h // k), -(-w // k)
    count = np.uint8 if k * k <= 255 else np.uint32  # exact integer counts, then float32 as before
    num = np.empty((H, W), dtype=np.float32)
    for b0 in range(0, H, strip_blocks):
        b1 = min(H, b0 + strip_blocks)
        part = mask[b0 * k : b1 * k]
        rows = np.zeros((b1 - b0, W * k), dtype=count)
        for i in range(k):  # row i of every block row: k additions instead of a 4-D reduction
            row_i = part[i::k]
            rows[: row_i.shape[0], :w] += row_i
        num[b0:b1] = rows.reshape(b1 - b0, W, k).sum(axis=2, dtype=count)
    rows = np.minimum(k, h - np.arange(H) * k).astype(np.float32)  # real pixels per block row / column
    cols = np.minimum(k, w - np.arange(W) * k).astype(np.float32)
    return num / np.outer(rows, cols)


def expand(
    small: np.ndarray, k: int, shape: tuple[int, int], row0: int = 0, row1: int | None = None
) -> np.ndarray:
    """Rows ``row0:row1`` of ``small`` repeated k × k back onto the full grid of ``shape``."""
    h, w = shape
    row1 = h if row1 is None else row1
    if k == 1:
        return small[row0:row1, :w]
    r = np.arange(row0, row1) // k
    c = np.arange(w) // k
    return small[r[:, None], c[None, :]]
