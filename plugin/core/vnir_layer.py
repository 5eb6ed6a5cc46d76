"""The VNIR result layer (TOA reflectance of the optical bands, one band each), written from the bands the
masks' pass 1 has decoded (``masks.compute_masks``' ``optical_sink``).

FarEarth stores the optical bands pixel-interleaved, so every read of one band decodes all of them: the
block loop decoded them a second time for this layer and for the NDVI (issue 15: "each image group read
once"; on a full scene the block loop took 12.8 s, 7.3 s without). Pass 1 reads the optical bands of every
row of the output window anyway; its workers hand them here strip by strip and this class writes them, NaN
where ``valid`` is False (as the block loop did), into the run's uncompressed VNIR raster. The block loop
then takes the NDVI bands from that raster (``read``): the same float32 values on every valid pixel. When
pass 1 did not cover every row (no day masks: the optical bands unusable), ``finish`` says so and the block
loop writes the layer as before.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import rasterio
from rasterio.windows import Window

from .aoi import AoiWindow
from .blocks import temporary_profile
from .masks import strip_height


def stack(arrays: dict[str, np.ndarray], bands, outside: np.ndarray) -> np.ndarray:
    """The layer's block: one float32 band per name in ``bands``, NaN where ``outside``; the one way
    both writers (``VnirLayer.put`` and the block loop, ``pipeline._compute_block``) build it."""
    block = np.empty((len(bands), *outside.shape), np.float32)
    for i, band in enumerate(bands):
        np.copyto(block[i], arrays[band])
        np.copyto(block[i], np.float32(np.nan), where=outside)
    return block


class VnirLayer:
    """``bands`` of the output window ``aw`` into ``path``, strip by strip (``put``, thread-safe)."""

    def __init__(self, path: Path, aw: AoiWindow, valid: np.ndarray, bands: tuple[str, ...]):
        self.path, self.aw, self.valid, self.bands = Path(path), aw, valid, tuple(bands)
        profile = temporary_profile(aw.grid, len(self.bands), "float32", float("nan"))
        # SPARSE_OK: rows never written read as no data, and closing the empty file writes nothing.
        # Strips of pass 1's height: row strips of GDAL's default size (31 KB on a full scene) pass
        # through its block cache by the hundred thousand and leave the heap fragmented (+50-130 MB peak);
        # taller blocks than the strips make every put read back and rewrite half-filled blocks (256-row
        # blocks under 128-row strips: pass 1's page faults 0.9 -> 2.6 million on the full scene)
        profile["blockysize"] = strip_height(aw.grid.width)
        with rasterio.open(self.path, "w", sparse_ok=True, **profile) as ds:
            for i, band in enumerate(self.bands, start=1):
                ds.set_band_description(i, band)
        self._rows = 0
        self._lock = threading.Lock()
        self._readers: list = []  # open read handles not in use (``read``), closed by ``close``

    def put(self, win: Window, arrays: dict[str, np.ndarray]) -> None:
        """Rows of scene window ``win`` (which spans the output window's columns), one array per band; from
        any thread, in any order."""
        ow = self.aw.window
        row0, col0 = int(round(ow.row_off)), int(round(ow.col_off))
        win_row0, win_col0 = int(round(win.row_off)), int(round(win.col_off))
        top = max(win_row0, row0)
        bottom = min(int(round(win.row_off + win.height)), row0 + self.valid.shape[0])
        if bottom <= top:
            return
        rows = slice(top - win_row0, bottom - win_row0)
        cols = slice(col0 - win_col0, col0 - win_col0 + self.valid.shape[1])
        outside = ~self.valid[top - row0 : bottom - row0]
        block = stack({b: arrays[b][rows, cols] for b in self.bands}, self.bands, outside)
        # one handle at a time, opened for each strip: closing writes the rows out of GDAL's block cache,
        # which pass 1 shares with the decoded tiles of the scene (dirty rows left there would evict them)
        with self._lock, rasterio.open(self.path, "r+") as ds:
            ds.write(block, window=Window(0, top - row0, outside.shape[1], outside.shape[0]))
            self._rows += outside.shape[0]

    def finish(self) -> bool:
        """True when every row of the output window was written."""
        return self._rows == self.valid.shape[0]

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)

    def read(self, bands: list[str], window: Window) -> dict[str, np.ndarray]:
        """``bands`` of output-grid ``window`` from the written raster (float32, NaN where no data); from
        any thread, after the last ``put``.

        Each read takes an open handle from a pool (as many as threads read at once) and puts it back:
        rasterio opens and closes a file holding the GIL, which the block loop's other threads then wait
        for: on a full scene, opened for each of its 223 windows, 1.1 s of the GIL's time in the block loop
        (py-spy --gil, issue 15)."""
        # GTIFF_DIRECT_IO: straight from the uncompressed strips, not through GDAL's block cache, where
        # these rows would evict the decoded thermal tiles that the next windows need. One decoding
        # thread (NUM_THREADS, this handle): nothing to decode, and GDAL 3.6's multi-threaded reading of
        # this multi-band strip layout fails ("Bad value 6 for ExtraSamples") and corrupts the heap.
        with rasterio.Env(GTIFF_DIRECT_IO="YES"):
            with self._lock:
                ds = self._readers.pop() if self._readers else None
            if ds is None:
                ds = rasterio.open(self.path, NUM_THREADS="1")
            try:
                data = ds.read([self.bands.index(b) + 1 for b in bands], window=window)
            finally:
                with self._lock:
                    self._readers.append(ds)
        return dict(zip(bands, data))

    def close(self) -> None:
        """Close the read handles (``read`` opens new ones if called again)."""
        with self._lock:
            readers, self._readers = self._readers, []
        for ds in readers:
            ds.close()
