"""Block engine: process an output grid window by window within a memory budget.

Windows are full-width strips whose height follows from the budget (``bytes_per_pixel`` is the caller's
estimate of what one pixel costs while a block is processed) and is a multiple of the GeoTIFF tile size
when possible, so every tile is written once. ``run`` reports progress 0-100 % of its Progress range and
checks for cancel between blocks. Results are identical to a whole-array run because every per-pixel
computation is local (no neighbourhood operations happen inside the block loop).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import rasterio
from rasterio.windows import Window

from .products.scene import Grid
from .progress import Progress, ensure

TILE = 256


def plan_windows(
    width: int,
    height: int,
    bytes_per_pixel: int,
    budget_mb: float,
    max_rows: int | None = None,
    align: int = TILE,
) -> list[Window]:
    """Full-width strips covering (width, height) whose working set stays within ``budget_mb``."""
    rows = int(budget_mb * 1024 * 1024 // max(bytes_per_pixel * width, 1))
    if max_rows:
        rows = min(rows, max_rows)
    if rows >= align:
        rows -= rows % align
    rows = max(1, min(rows, height))
    return [Window(0, r, width, min(rows, height - r)) for r in range(0, height, rows)]


def run(windows: list[Window], fn: Callable[[Window], None], progress: Progress | None = None) -> None:
    """Call ``fn(window)`` for each window; progress after each, cancel checked before each."""
    progress = ensure(progress)
    n = len(windows)
    progress.update(0.0)
    for i, w in enumerate(windows):
        progress.check()
        fn(w)
        progress.update((i + 1) / n)


def gtiff_profile(grid: Grid, count: int, dtype: str, nodata) -> dict:
    """Tiled GeoTIFF in physical units (ZSTD level 1: fast, and a full scene stays small)."""
    profile = {
        "driver": "GTiff",
        "width": grid.width,
        "height": grid.height,
        "count": count,
        "dtype": dtype,
        "crs": grid.crs,
        "transform": grid.transform,
        "nodata": nodata,
        "compress": "zstd",
        "zstd_level": 1,
        "predictor": 3 if dtype.startswith("float") else 2,
        "interleave": "band",
        "bigtiff": "if_safer",
    }
    if grid.width >= TILE or grid.height >= TILE:
        profile.update(tiled=True, blockxsize=TILE, blockysize=TILE)
    else:
        profile.update(tiled=False)
    return profile


class Outputs:
    """The open output GeoTIFFs of one run, keyed by layer."""

    def __init__(self, grid: Grid):
        self.grid = grid
        self.paths: dict[str, Path] = {}
        self._ds: dict[str, rasterio.io.DatasetWriter] = {}

    def add(self, key: str, path: Path, count: int, dtype: str, nodata, descriptions=None) -> None:
        ds = rasterio.open(path, "w", **gtiff_profile(self.grid, count, dtype, nodata))
        if descriptions:
            for i, d in enumerate(descriptions, start=1):
                ds.set_band_description(i, d)
        self._ds[key] = ds
        self.paths[key] = Path(path)

    def __contains__(self, key: str) -> bool:
        return key in self._ds

    def write(self, key: str, data: np.ndarray, window: Window) -> None:
        ds = self._ds[key]
        if data.ndim == 2:
            data = data[np.newaxis]
        ds.write(data.astype(ds.dtypes[0], copy=False), window=window)

    def close(self) -> None:
        for ds in self._ds.values():
            ds.close()
        self._ds.clear()


@contextmanager
def outputs(grid: Grid) -> Iterator[Outputs]:
    out = Outputs(grid)
    try:
        yield out
    finally:
        out.close()
