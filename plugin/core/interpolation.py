"""Separable bilinear interpolation from a rectangular lattice to every pixel of a block.

Values known on a lattice (rows × columns, in pixel coordinates of the block) are interpolated first
along each lattice row at the pixel columns (``np.interp``, so constant beyond the outermost lattice
columns), then between lattice rows at each pixel row (constant beyond the outermost rows). One
implementation for the per-pixel geography of the CEOS-ARD layers (nodes every 16 pixels) and for
angle rasters on a coarser, axis-aligned grid of the same CRS (the product's 240 m or 300 m angles):
for the latter it is the bilinear kernel GDAL's warper applies, without its per-pixel coordinate
transformation (issue 15: ~3x faster on a full FarEarth scene's angle rasters, and within rounding of
``rasterio.warp.reproject``: at most 3.05e-5 degrees apart, 91 % of the values identical).
"""

from __future__ import annotations

import numpy as np
from affine import Affine


def bilinear(
    values: np.ndarray, rows: np.ndarray, cols: np.ndarray, prow, pcol, dtype=np.float64, out=None
) -> np.ndarray:
    """``values`` (lattice rows × lattice cols) at the pixel rows ``prow`` × pixel columns ``pcol``.

    ``rows`` and ``cols`` (increasing) are the lattice positions in the same coordinates as ``prow`` and
    ``pcol``; the result has ``dtype``, which is also the arithmetic's precision; it is written into
    ``out`` when given (shape prow × pcol, ``dtype``)."""
    rows, prow = np.asarray(rows, np.float64), np.asarray(prow, np.float64)
    across = np.stack([np.interp(pcol, cols, v) for v in values]).astype(dtype, copy=False)
    if rows.size == 1:
        if out is None:
            return np.repeat(across, prow.size, axis=0)
        out[...] = across
        return out
    i = np.clip(np.searchsorted(rows, prow, side="right") - 1, 0, rows.size - 2)
    t = np.clip((prow - rows[i]) / (rows[i + 1] - rows[i]), 0.0, 1.0).astype(dtype)[:, None]
    step = np.diff(across, axis=0)
    out = np.empty((prow.size, across.shape[1]), dtype) if out is None else out
    # each run of pixel rows between the same two lattice rows: t·step, then + the upper row, written
    # straight into ``out`` (two passes over it and no temporary; the same float operations as
    # across[i] + step[i]·t, so the same values)
    starts = np.flatnonzero(np.diff(i)) + 1
    for r0, r1 in zip([0, *starts], [*starts, prow.size]):
        np.multiply(t[r0:r1], step[i[r0]], out=out[r0:r1])
        out[r0:r1] += across[i[r0]]
    return out


def upsample(layers: np.ndarray, src_transform: Affine, dst_transform: Affine, shape) -> np.ndarray | None:
    """float32 (n, *shape) bilinear values of ``layers`` (n × source rows × source cols, on
    ``src_transform``) at the pixel centres of ``dst_transform``, or None when either transform is
    rotated or flipped against the other or the source is the finer grid (then only a general warp
    will do). Same CRS is the caller's condition."""
    s, d = src_transform, dst_transform
    if s.b or s.d or d.b or d.d or s.a * d.a <= 0 or s.e * d.e <= 0:
        return None
    if abs(s.a) < abs(d.a) or abs(s.e) < abs(d.e):  # GDAL widens its kernel to average a finer source
        return None
    h, w = shape
    # source pixel centres in destination pixel coordinates (centre of destination pixel j is j)
    cols = (s.c + (np.arange(layers.shape[2]) + 0.5) * s.a - d.c) / d.a - 0.5
    rows = (s.f + (np.arange(layers.shape[1]) + 0.5) * s.e - d.f) / d.e - 0.5
    prow, pcol = np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64)
    out = np.empty((layers.shape[0], h, w), np.float32)
    for layer, dst in zip(layers, out):
        bilinear(layer, rows, cols, prow, pcol, np.float32, out=dst)
    return out
