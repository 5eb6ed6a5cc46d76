"""Block engine: process an output grid window by window within a memory budget.

Windows are full-width strips whose height follows from the budget (``bytes_per_pixel`` is the caller's
estimate of what one pixel costs while a block is processed), a multiple of ``TILE`` rows when possible
(the masks' working grid and the readers' tiles divide it). ``run`` reports progress 0-100 % of its Progress range and
checks for cancel between blocks; it can compute several windows at once on a thread pool. Results are
identical to a whole-array run, and for any number of threads, because every per-pixel computation is
local (no neighbourhood operations happen inside the block loop) and results are consumed in order.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import numpy as np
import rasterio
from rasterio.windows import Window

from .errors import ProcessingCancelled
from .products.scene import Grid
from .progress import Progress, ensure

TILE = 256
T = TypeVar("T")


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


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS tells, else every core)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def thread_count(requested: int | None = None) -> int:
    """Worker threads for the block loop: ``requested`` when given (>= 1), else every usable core."""
    if requested:
        return max(1, int(requested))
    return available_cores()


def run(
    windows: list[Window],
    fn: Callable[[Window], T],
    progress: Progress | None = None,
    threads: int = 1,
    consume: Callable[[Window, T], None] | None = None,
) -> None:
    """Call ``fn(window)`` for each window, then ``consume(window, result)`` when given.

    With ``threads`` > 1, ``fn`` runs on a thread pool (numpy, scipy.ndimage and GDAL release the GIL),
    at most ``threads`` windows at a time, so the memory of ``threads`` blocks is in use at once: plan
    the windows with the budget divided by ``threads``. ``consume`` (writing, statistics) always runs in
    the calling thread, in window order, so its results do not depend on the number of threads.
    Progress is reported after each consumed window and cancel is checked before each window starts;
    on cancel or error, windows already started are finished and dropped, then the exception is raised.
    """
    progress = ensure(progress)
    n = len(windows)
    progress.update(0.0)
    if threads <= 1 or n <= 1:
        for i, w in enumerate(windows):
            progress.check()
            result = fn(w)
            if consume is not None:
                consume(w, result)
            progress.update((i + 1) / n)
        return
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="lst-block") as pool:
        pending: deque = deque()
        done = 0
        try:
            for w in windows:
                progress.check()
                pending.append((w, pool.submit(fn, w)))
                while len(pending) >= threads or (w is windows[-1] and pending):
                    _consume_oldest(pending, consume)
                    done += 1
                    progress.update(done / n)
        except BaseException:
            for _, f in pending:
                f.cancel()
            wait([f for _, f in pending])
            raise


def beside(
    background: Callable[[Progress], T],
    foreground: Callable[[Progress], None],
    progress: Progress | None = None,
) -> T:
    """Run ``background(p)`` on a worker thread while ``foreground(p)`` runs on this one; return the
    background's result once both are done (two independent steps: the pipeline's masks, whose long
    serial passes leave a core idle, and the CEOS-ARD layers, which need neither masks nor LST).

    ``progress`` follows the background (the longer step). Its callback only ever runs on this thread:
    whenever the foreground reports, then while waiting for the background. Cancel stops both (the
    background through its own progress checks); when one fails the other is stopped, and the first
    real error (not the ProcessingCancelled that stopped the other) is raised once both have ended.
    Results are those of the two steps run one after the other: they share no data.
    """
    progress = ensure(progress)
    stop = threading.Event()
    latest = [0.0]
    bg = Progress(lambda f: latest.__setitem__(0, f), lambda: stop.is_set() or progress.cancelled, 0.0, 1.0)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lst-beside") as pool:
        future = pool.submit(background, bg)

        def failed() -> bool:
            return future.done() and future.exception() is not None

        fg = Progress(lambda _f: progress.update(latest[0]), lambda: progress.cancelled or failed(), 0.0, 1.0)
        try:
            foreground(fg)
            while not future.done():
                progress.update(latest[0])
                wait([future], timeout=0.25)
            result = future.result()
        except BaseException as exc:
            stop.set()
            wait([future])
            other = future.exception()
            stopped_by_other = isinstance(exc, ProcessingCancelled) and isinstance(other, Exception)
            if stopped_by_other and not isinstance(other, ProcessingCancelled):
                raise other from None  # the background's error stopped the foreground
            raise
    progress.update(latest[0])
    return result


def _consume_oldest(pending: deque, consume) -> None:
    w, future = pending.popleft()
    result = future.result()
    if consume is not None:
        consume(w, result)


def gtiff_profile(grid: Grid, count: int, dtype: str, nodata) -> dict:
    """Tiled GeoTIFF in physical units, ZSTD level 1 (fast, and a full scene stays small): for files
    a user keeps (e.g. the mask rasters of the Processing algorithms)."""
    profile = _base_profile(grid, count, dtype, nodata)
    profile.update(compress="zstd", zstd_level=1, predictor=3 if dtype.startswith("float") else 2)
    if grid.width >= TILE or grid.height >= TILE:
        profile.update(tiled=True, blockxsize=TILE, blockysize=TILE)
    else:
        profile.update(tiled=False)
    return profile


def temporary_profile(grid: Grid, count: int, dtype: str, nodata, strip_rows: int | None = None) -> dict:
    """Uncompressed, striped GeoTIFF in physical units: the result rasters between the block loop and
    the export (which compresses once, into the COG), so the writing thread never waits for a codec,
    and full-width windows of any height (1/threads of the budget each) are written straight to their
    rows: no tile is ever half-written, flushed and read back.

    With ``strip_rows`` (the height of every full-width window written, the last one excepted): ZSTD
    level 1 in strips of that height, each written whole, for layers that compress many times over at
    little cost (constants, classes, bit fields). A full scene writes about 6 GB of temporaries, which a
    disk of 150-200 MB/s (this VM's) cannot keep up with: once the kernel's dirty-page limit is reached
    every write waits for the disk (block loop 4.5 s -> 9.6-14.7 s). The six such layers of the block
    loop are 1 GB of its 2.2 GB (issue 15)."""
    profile = _base_profile(grid, count, dtype, nodata)
    profile.update(tiled=False)
    if strip_rows:
        predictor = 3 if dtype.startswith("float") else 2
        profile.update(compress="zstd", zstd_level=1, predictor=predictor, blockysize=int(strip_rows))
    return profile


def _base_profile(grid: Grid, count: int, dtype: str, nodata) -> dict:
    return {
        "driver": "GTiff",
        "width": grid.width,
        "height": grid.height,
        "count": count,
        "dtype": dtype,
        "crs": grid.crs,
        "transform": grid.transform,
        "nodata": nodata,
        "interleave": "band",
        "bigtiff": "if_safer",
    }


class Outputs:
    """The open output GeoTIFFs of one run, keyed by layer."""

    def __init__(self, grid: Grid):
        self.grid = grid
        self.paths: dict[str, Path] = {}
        self._ds: dict[str, rasterio.io.DatasetWriter] = {}

    def add(
        self, key: str, path: Path, count: int, dtype: str, nodata, descriptions=None, strip_rows=None
    ) -> None:
        """A new output raster (``temporary_profile``: compressed in strips of ``strip_rows`` when given)."""
        ds = rasterio.open(path, "w", **temporary_profile(self.grid, count, dtype, nodata, strip_rows))
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
