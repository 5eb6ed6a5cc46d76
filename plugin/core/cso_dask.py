"""CSO row blocks ("tiles") as Dask tasks: the same ``cso.compute_series`` per block, on a batch's cluster.

``cso_io.run_cso(..., client=client)`` hands its row blocks here instead of computing them in turn: each
block is one task (``cso_tile``: read the observations' codes on the target grid for the block, stream them
through ``compute_series``, return the encoded int16 arrays), and the client writes each result through
the same ``CsoWriter`` as it arrives (GeoTIFF windows can be written in any order). The results are
identical to the serial run: the blocks are independent and each runs the same code.

Blocks: the memory-budget height of ``run_cso`` (each task stays within ``CsoOptions.memory_budget_mb`` on
its worker), cut further, to multiples of the 256-row tile, so that every worker gets about two blocks.
At most two blocks per worker are in flight, so the client never holds more than that many results.
Workers must read the observations at the same paths: delivery packages on shared storage (a batch's
output folder); the temporary QA of Level-1C inputs lives on the client's machine only (a LocalCluster).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

import numpy as np
from rasterio.windows import Window

from . import cso
from .errors import ProcessingCancelled
from .progress import Progress

TILE = 256


def cso_tile(
    observations, days, grid, window: Window, bins, statistics, progress: Progress | None = None
) -> dict[str, np.ndarray]:
    """Encoded statistics (bins, rows, cols) of one row block: run_cso's serial loop and the Dask tasks."""
    from .cso_io import read_codes

    h, w = int(window.height), int(window.width)

    def read(i: int) -> np.ndarray:
        return read_codes(observations[i], grid, window).ravel()

    result = cso.compute_series(days, read, h * w, bins, statistics, "seed", progress)
    return {s: result.encoded[s].reshape(len(bins), h, w) for s in statistics}


def tile_rows(height: int, budget_rows: int, workers: int) -> int:
    """Rows per task: within the memory budget, and small enough for about two blocks per worker."""
    share = math.ceil(height / max(1, 2 * workers))
    share = max(TILE, math.ceil(share / TILE) * TILE) if share >= TILE else share
    return max(1, min(budget_rows, share, height))


def compute_tiles(
    client,
    observations: Sequence,
    days: Sequence,
    grid,
    bins: Sequence[cso.Bin],
    statistics: Sequence[str],
    budget_rows: int,
    writer,
    progress: Progress,
) -> None:
    """Run every row block of ``grid`` as a task on ``client`` and write the results with ``writer``."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    rows = tile_rows(grid.height, budget_rows, workers)
    windows = [Window(0, r, grid.width, min(rows, grid.height - r)) for r in range(0, grid.height, rows)]
    # scatter once: every task gets the same (small) observation list by reference
    obs = client.scatter(list(observations), broadcast=True)
    queue = list(windows)
    running: dict = {}
    done = 0
    try:
        while queue or running:
            while queue and len(running) < 2 * workers:
                win = queue.pop(0)
                fut = client.submit(
                    cso_tile, obs, list(days), grid, win, list(bins), list(statistics), pure=False
                )
                running[fut] = win
            finished = [f for f in running if f.done()]
            for fut in finished:
                win = running.pop(fut)
                encoded = fut.result()  # a task error is raised here, as in the serial loop
                for s in statistics:
                    writer.write(s, win, encoded[s])
                done += 1
                progress.update(done / len(windows))
            if not finished:
                progress.check()
                time.sleep(0.05)
    except (ProcessingCancelled, KeyboardInterrupt):
        client.cancel(list(running))
        raise
