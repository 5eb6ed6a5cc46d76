"""Cloud, cloud-shadow, snow/ice and water masks, scene classes and QA bits for one output window.

``compute_masks(scene, window, valid, options)`` is what the LST pipeline calls. It reads the scene
once, block by block (row strips), in two passes — pass 1 reads it: potential cloud, water, snow and the
clear-sky histograms (Tlow, Thigh, Twater, NIR background), and the per-pixel inputs of the
probabilities that need no scene statistic (BT, Eq. 15's variability, the brightness band, cirrus),
which it writes to uncompressed temporary files (``_Spill``); pass 2 reads those back and applies the
statistics: cloud probabilities (Zhu & Woodcock 2012, doi:10.1016/j.rse.2011.10.028). In memory it
keeps only a few whole-window uint8/bool arrays plus a float16 probability. Shadows are matched object
by object on a working grid of at most 2048 pixels per side (``morphology.work_factor``), the cloud
distance is a Euclidean distance transform on that grid.
The strip loops run on ``threads`` worker threads (``_Run.each_strip``, one row of source tiles per
worker at a time); every strip writes only its own rows and the histograms are summed in strip order,
so the results are bit-identical for any number of threads. The tests that need no scene statistic
(thick cloud, BTD guard) are decided in pass 1.

Conventions of the outputs (meanings in ``quality.py``, which metadata and styling read):
- ``cloud_mask`` uint8: 0 clear, 1 cloud or cloud shadow *including the dilation buffers*, 255 no data.
- ``scl`` uint8: ``SCL_CLASSES`` without buffers; 255 no data.
- ``qa`` uint16: ``QA_BITS``; the pipeline adds ``lst_not_retrieved``. ``adjacent`` marks the buffers.
- ``tests`` uint16 (2, h, w): ``quality.MASK_TESTS`` bits, band 1 the tests that flagged the pixel, band 2
  the tests completed for it (before the 3 × 3 majority and the minimum size); MASK_TESTS_NODATA outside
  the data.
- ``cloud_distance_km`` float32: distance to the nearest detected cloud (unbuffered), capped at
  ``CLOUD_DISTANCE_MAX_KM`` (also when the window holds no cloud); NaN outside the data. On a
  reduced working grid (factor k) the distance is between k × k blocks: ± k pixels.
- ``percentages`` (of the delivered rasters): ``cloud`` = share of ``cloud_mask == 1`` (buffers
  included), ``clear`` = ``cloud_mask == 0``, the others = SCL classes (thick_cloud, thin_cloud, shadow,
  snow, water, saturated), all of the pixels with data; ``nodata`` = share of the AOI (``aoi_mask``
  when given, else ``valid``) without data.

By day the scene is read with a margin around the window (clouds outside the AOI cast shadows into it);
every output is cut back to the window. Shadows: Eq. 19's flood fill keeps cloud pixels at their own NIR
and SWIR1 (a shadow touching its cloud stays enclosed), its backgrounds come from the clear land that
passed every test, and every cloud object is matched, thin cumulus included (``_cloud_layers``). Buffers
enter only potential cloud or shadow by day (``BUFFER_RULE``). Snow (Eq. 20) is kept out of the cloud
probability tests unless the cirrus band flags it (``_snow_held_out``). By day, pixels whose T10 − T11 no clear
surface can have (``btd_guard``) are cloud when they lie within 100 m of a cloud (``_displaced_edges``); at
night the guard is only recorded (``_mark_night_tests``).

Night scenes (``scene.is_day`` False or no optical bands) use the thermal-only test of
``clouds.night_clouds``; the metadata marks it as less reliable and every data pixel gets
``tests_incomplete``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
from affine import Affine
from rasterio.windows import Window
from scipy import ndimage

from . import blocks, btd_guard, clouds, landcover, memory, morphology, shadows, terrain
from .errors import ProductError
from .messages import msg
from .options import MaskOptions
from .products.scene import Grid
from .progress import Progress, ensure
from .quality import CLOUD_MASK_NODATA, MASK_TEST, MASK_TESTS_NODATA, QA_BIT, SCL, SCL_NODATA

OPTICAL_REQUIRED = ("blue", "green", "red", "nir08")
OPTICAL_OPTIONAL = ("swir16", "swir22", "cirrus")
THERMAL = ("lwir11", "lwir12")
STRIP_ROWS = 256
# A strip's float32 arrays (a band, an index, a test's operands) stay under the run's mmap threshold
# (``memory.RUN_MMAP_THRESHOLD``): glibc then serves them from its heap, reused strip after strip, instead
# of a fresh mapping each whose pages fault in one by one. On the full scene (7,800 px), 256-row strips
# made 3.4 million page faults and 15 s of kernel time in pass 1, 128-row strips 0.9-1.0 million and 5-6 s
# (produce 45-47 s -> 41-42 s), every raster identical (benchmarks/produce_stages.py, issue 15).
# ``strip_height`` halves STRIP_ROWS down to MIN_STRIP_ROWS; halving keeps strips within the 512-row tiles.
MIN_STRIP_ROWS = 32
# rows of source tiles read by one worker (``_Run.each_strip``): FarEarth's COG tiles are 512 rows
READ_ROWS = 512
# Memory of one strip in flight (its reads, spectral indices and test arrays, and its row of GDAL's
# cache): about 100 bytes per pixel, measured on the full 7,800² sample (masks alone, peak RSS 1.63 /
# 1.76 / 2.16 GB with 1 / 2 / 4 strips in flight, issue 15). The strips in flight share STRIPS_BUDGET_MB
# (``_strip_threads``): two for a full scene, which keeps it under the 2 GB budget; more for narrower AOIs.
STRIP_BYTES_PER_PX = 100
STRIPS_BUDGET_MB = 400
GDAL_CACHE_MB = 64  # GDAL's block cache at least (more for wide tiled sources: _gdal_cache_bytes)
GDAL_CACHE_MAX_MB = 512
# By day the window is read with a margin: the shadow reach of clouds up to 8 km high (most cumulus and
# stratus tops; Eq. 21 searches up to 12 km), at most 512 px.
SHADOW_MARGIN_KM = 8.0
MAX_MARGIN_PX = 512
CLOUD_DISTANCE_MAX_KM = 100.0  # beyond the last bin centre (82.5 km) of the USGS ST "unknown" table
MIN_CLEAR_LAND_SHARE = 0.001  # Zhu & Woodcock 2012: under 0.1 % clear land, every PCP pixel is cloud
MIN_CLEAR_LAND_SHARE_THRESHOLD = 0.03  # algorithms.md §3.2: under 3 % clear land, Eq. 17 uses the constant
FMASK_DOI = "https://doi.org/10.1016/j.rse.2011.10.028"
# The thin rim of an opaque cloud that is matched with it as one shadow object: 150 m, the width
# python-fmask's default cloud buffer (5 px at 30 m) gives a cloud's unresolved edge (Zhu & Woodcock 2012
# use 3 px); see ``_cloud_layers``.
FRINGE_M = 150.0
# Buffers (Fmask's dilation of cloud and shadow by a few pixels, Zhu & Woodcock 2012) are there for the
# cloud's and shadow's unresolved edges, which fail the final decision but still look like cloud or
# shadow: by day a buffer pixel must be potential cloud (Eq. 6) or potential shadow (Eq. 19). A pixel
# that failed both is clear land seen clearly and stays clear, so the clear gaps between small clouds
# and between a cloud and its shadow are not swallowed (our rule; ``benchmarks/masks.py`` prints the
# accuracy with and without the buffers). At night there is no such evidence and buffers stay whole.
# Displaced cloud edges (``_displaced_edges``): within one native TIRS pixel, 100 m (Irons, Dwyer & Barsi
# 2012, RSE 122:11–21, doi:10.1016/j.rse.2011.08.026), of a detected cloud.
BTD_EDGE_M = 100.0
BUFFER_RULE = "by day, only into pixels that are potential cloud (Eq. 6) or potential shadow (Eq. 19)"

# bits of the internal per-pixel flags array (one uint8 for the whole window)
_PCP, _WATER, _CLEAR_WATER, _SNOW, _DATA, _INCOMPLETE, _THICK, _DARK_WATER = (1 << i for i in range(8))


@dataclass
class MaskResult:
    cloud_mask: np.ndarray  # uint8 0/1/255
    scl: np.ndarray  # uint8 SCL_CLASSES, 255 no data
    qa: np.ndarray  # uint16 QA_BITS
    cloud_distance_km: np.ndarray  # float32, NaN no data
    water: np.ndarray  # bool
    snow: np.ndarray  # bool
    percentages: dict[str, float] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    # uint16 (2, h, w): per-pixel tests flagged / completed (quality.MASK_TESTS), MASK_TESTS_NODATA outside
    tests: np.ndarray | None = None

    @property
    def clear(self) -> np.ndarray:
        """Pixels with data and neither cloud nor shadow (buffers included)."""
        return self.cloud_mask == 0


def _usable(scene, name: str) -> bool:
    band = scene.bands.get(name)
    return band is not None and bool(getattr(band, "usable", True))


def _pixel_size_m(grid) -> tuple[float, float]:
    rx, ry = grid.res
    if rx < 0.01:  # geographic degrees: about 111 km per degree (only for odd grids)
        return rx * 111_320.0, ry * 111_320.0
    return float(rx), float(ry)


def _bits(mask: np.ndarray, bit: int, dtype=np.uint8) -> np.ndarray:
    """``bit`` where ``mask``, else 0: the 0/1 of the mask times the bit (the same values as
    ``np.where(mask, bit, 0)``, which is an order of magnitude slower with scalar choices)."""
    out = np.asarray(mask, dtype=bool).astype(dtype)
    out *= dtype(bit)
    return out


def _qa_bit(mask: np.ndarray, name: str) -> np.ndarray:
    return _bits(mask, 1 << QA_BIT[name], np.uint16)


def _reduce(mask: np.ndarray, k: int) -> np.ndarray:
    """A bool mask on the working grid: the majority of each k × k block."""
    return morphology.block_reduce_fraction(mask, k) >= 0.5 if k > 1 else mask


def _reduce_rows(run: _Run, rows: Callable[[int, int], np.ndarray], progress=None) -> np.ndarray:
    """``_reduce`` of the full-grid mask whose rows r0:r1 ``rows(r0, r1)`` gives, strip by strip: no
    full-grid temporaries on the serial steps (fresh pages: issue 15). Strips are whole working rows,
    so the result is the whole mask's. ``progress``: checked for cancel between strips."""
    out = np.empty(run.bt_work.shape, dtype=bool)

    def _strip(r0: int, r1: int) -> None:
        out[run.work_rows(r0, r1)] = _reduce(rows(r0, r1), run.k)

    run.each_strip(_strip, progress)
    return out


def _flagged_work(run: _Run, bits: int, progress=None) -> np.ndarray:
    """The pixels with any of pass 1's flag ``bits``, on the working grid (``_reduce_rows``)."""
    return _reduce_rows(run, lambda r0, r1: (run.flags[r0:r1] & bits) > 0, progress)


class _Spill:
    """Pass 1's per-pixel inputs of pass 2, one uncompressed float32 file per strip in a folder of its
    own (issue 15: "intermediates go to fast uncompressed temporary files"). Pass 2 needs them at full
    resolution over the whole window: 12–16 bytes a pixel, about 1.25 GB for a full scene with its
    margin, more than the memory budget holds, whereas decoding the pixel-interleaved optical bands
    again cost more than half of pass 2. Every strip has its own file (the worker threads share no file
    offsets; portable, no ``pwrite``), written with plain writes rather than a memory map whose pages
    would count as resident memory; pass 2 deletes a strip's file once read, ``close`` the folder."""

    def __init__(self, parent: str | Path | None = None):
        self.folder = Path(tempfile.mkdtemp(prefix="lststudio_masks_", dir=parent))

    def _path(self, r0: int) -> Path:
        return self.folder / f"rows_{r0:07d}.f32"

    def put(self, r0: int, layers: list[np.ndarray]) -> None:
        """Rows from ``r0``: float32 layers of one strip, all of the same shape."""
        with open(self._path(r0), "wb") as f:
            for a in layers:
                if a.dtype != np.float32 or a.shape != layers[0].shape:
                    raise TypeError(f"spill: {a.dtype} {a.shape}, expected float32 {layers[0].shape}")
                np.ascontiguousarray(a).tofile(f)

    def take(self, r0: int, shape: tuple[int, int]) -> np.ndarray:
        """The layers ``put`` at ``r0`` (n, *shape), bit for bit; the file is deleted."""
        path = self._path(r0)
        a = np.fromfile(path, dtype=np.float32)
        path.unlink()
        return a.reshape(-1, *shape)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class _Run:
    """The state of one ``compute_masks`` call: window geometry, the reader and the whole-window arrays."""

    scene: Any
    col0: int
    row0: int
    h: int
    w: int
    valid: np.ndarray
    day: bool
    thermal: str
    optional: list[str]
    k: int  # working-grid reduction factor
    res: tuple[float, float]  # pixel size, m
    flags: np.ndarray  # uint8, the _PCP... bits
    tests: np.ndarray  # uint16 (2, h, w): quality.MASK_TESTS bits flagged / completed
    qa: np.ndarray  # uint16
    sat_tir: np.ndarray  # bool: a TIR band over- or under-saturated
    bt_work: np.ndarray  # float32 BT on the working grid
    nir_work: np.ndarray | None = None
    swir1_work: np.ndarray | None = None
    green_work: np.ndarray | None = None
    sun: tuple[np.ndarray, np.ndarray] | None = None  # per-pixel sun zenith/azimuth on the working grid
    bt_full: np.ndarray | None = None  # night only: float32 BT of the whole window
    btd_full: np.ndarray | None = None  # night only: float16 BT(lwir11) − BT(lwir12)
    hist: dict[str, clouds.Histogram] = field(default_factory=dict)
    threads: int = 1  # strips computed at once (``each_strip``)
    strips_done: Callable[[], None] = lambda: None  # compute_masks' ``strips_done``
    spill: _Spill | None = None  # by day: pass 1's per-pixel inputs of pass 2
    optical_sink: Any = None  # by day: takes the optical bands pass 1 decoded (``compute_masks``)
    data_all: np.ndarray | None = None  # ``data()`` once computed (read-only)

    @classmethod
    def start(cls, scene, window: Window, valid: np.ndarray | None, threads: int = 1) -> _Run:
        col0, row0 = int(round(window.col_off)), int(round(window.row_off))
        h, w = int(round(window.height)), int(round(window.width))
        valid = np.ones((h, w), dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
        if valid.shape != (h, w):
            raise ValueError(f"valid has shape {valid.shape}, the window is {(h, w)}")
        if not (_usable(scene, "lwir11") or _usable(scene, "lwir12")):
            raise ProductError(
                getattr(scene, "path", None),
                "bands",
                msg("no usable thermal band (lwir11 or lwir12): the masks need BT"),
            )
        thermal = "lwir11" if _usable(scene, "lwir11") else "lwir12"
        day = bool(scene.is_day) and all(_usable(scene, b) for b in OPTICAL_REQUIRED)
        k = morphology.work_factor((h, w))
        hw, ww = -(-h // k), -(-w // k)
        run = cls(
            scene=scene,
            col0=col0,
            row0=row0,
            h=h,
            w=w,
            valid=valid,
            day=day,
            thermal=thermal,
            optional=[b for b in OPTICAL_OPTIONAL if day and _usable(scene, b)],
            k=k,
            res=_pixel_size_m(scene.grid),
            # these four: zeroed strip by strip at the start of pass 1 (``_clear_rows``)
            flags=np.empty((h, w), np.uint8),
            tests=np.empty((2, h, w), np.uint16),
            qa=np.empty((h, w), np.uint16),
            sat_tir=np.empty((h, w), bool),
            bt_work=np.full((hw, ww), np.nan, dtype=np.float32),
            threads=max(1, int(threads)),
        )
        if day:
            run.nir_work = np.full((hw, ww), np.nan, dtype=np.float32)
            run.green_work = np.full((hw, ww), np.nan, dtype=np.float32)
            if "swir16" in run.optional:
                run.swir1_work = np.full((hw, ww), np.nan, dtype=np.float32)
        else:
            run.bt_full = np.full((h, w), np.nan, dtype=np.float32)
            if thermal == "lwir11" and _usable(scene, "lwir12"):
                run.btd_full = np.full((h, w), np.nan, dtype=np.float16)  # ± 0.01 K is plenty
        for name, (lo, hi, step) in {
            "land": (150.0, 350.0, 0.1),  # BT of clear land
            "water": (150.0, 350.0, 0.1),  # BT of clear water
            "all": (150.0, 350.0, 0.1),  # BT of every pixel with data
            "nir": (0.0, 1.5, 0.001),  # NIR of clear land
            "swir1": (0.0, 1.5, 0.001),  # SWIR1 of clear land
            "green_water": (0.0, 1.5, 0.001),  # green of clear water
        }.items():
            run.hist[name] = clouds.Histogram(lo, hi, step)
        return run

    @property
    def strip_rows(self) -> int:
        return self.k * int(np.ceil(strip_height(self.w) / self.k))  # whole working-grid rows per strip

    def strips(self):
        for r0 in range(0, self.h, self.strip_rows):
            yield r0, min(self.h, r0 + self.strip_rows)

    def window(self, r0: int, r1: int) -> Window:
        return Window(self.col0, self.row0 + r0, self.w, r1 - r0)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """GDAL's block cache while a strip pass reads the scene (``_gdal_cache_bytes``). Outside the
        passes ``compute_masks`` keeps it at GDAL_CACHE_MB and the freed tiles (512 KB each, from the
        heap, below the run's mmap threshold: ``memory``) go back to the system, so they do not stay
        resident through the whole-window steps, where the masks' peak is."""
        try:
            with rasterio.Env(
                GDAL_CACHEMAX=_gdal_cache_bytes(self.scene, self.window(0, self.h), self.threads)
            ):
                yield
        finally:
            memory.trim_heap()

    def each_strip(self, fn, progress, consume=None) -> None:
        """``fn(r0, r1)`` for every strip, then ``consume(r0, r1, result)`` on this thread in strip
        order. ``fn`` reads its rows of the scene and writes only rows r0:r1 of the run's arrays;
        whatever adds up over strips (histograms) or depends on their order happens in ``consume``, so
        the masks do not depend on the number of threads.

        The strips go to ``self.threads`` workers (``blocks.run``) in chunks, one per row of source
        tiles (READ_ROWS), each chunk's strips one after the other on one thread: GDAL's block cache
        belongs to a dataset handle and every thread has its own (``RasterCache``), so two strips of one
        tile row on two threads would each decode the whole tile row. GDAL settings of the workers:
        GDAL_CACHEMAX is process-wide; the other options of an Env are global when it is entered on the
        main thread, else that thread's own (rasterio), so a worker decodes with the main thread's
        GDAL_NUM_THREADS or with GDAL's default (one decoding thread per read)."""
        chunks: dict[int, list[tuple[int, int]]] = {}
        for r0, r1 in self.strips():
            chunks.setdefault((self.row0 + r0) // READ_ROWS, []).append((r0, r1))
        strips = {c[0][0]: c for c in chunks.values()}

        def one(win: Window) -> list:
            try:
                return [fn(r0, r1) for r0, r1 in strips[int(win.row_off)]]
            finally:  # this thread's decoded blocks of the chunk: not needed by the next one
                getattr(self.scene, "forget_blocks", lambda: None)()

        def take(win: Window, results: list) -> None:
            for (r0, r1), result in zip(strips[int(win.row_off)], results):
                consume(r0, r1, result)

        windows = [Window(0, c[0][0], self.w, c[-1][1] - c[0][0]) for c in chunks.values()]
        try:
            blocks.run(
                windows, one, progress, threads=self.threads, consume=None if consume is None else take
            )
        finally:  # the strips' temporaries come from the heap (``strip_height``): back to the system
            memory.trim_heap()  # before the whole-window steps, where the masks' peak is

    def read(self, name: str, win: Window) -> np.ndarray:
        return self.scene.read_values(name, win)

    def read_optical(self, win: Window) -> tuple[dict[str, np.ndarray | None], dict[str, np.ndarray]]:
        """(the bands of the tests, cleaned; the ``optical_sink``'s bands as read)."""
        kept = getattr(self.optical_sink, "bands", ())
        bands: dict[str, np.ndarray | None] = {}
        raw: dict[str, np.ndarray] = {}
        for b in (*OPTICAL_REQUIRED, *OPTICAL_OPTIONAL):
            usable = b in OPTICAL_REQUIRED or b in self.optional
            if usable:
                raw[b] = self.read(b, win)
            # a band the sink does not take is cleaned in place (same values, no copy)
            bands[b] = clouds.clean_reflectance(raw[b], in_place=b not in kept) if usable else None
        return bands, {b: raw[b] if b in raw else self.read(b, win) for b in kept}

    def work_rows(self, r0: int, r1: int) -> slice:
        return slice(r0 // self.k, -(-r1 // self.k))

    def data(self) -> np.ndarray:
        """The pixels with data, read-only. Only pass 1 sets their bit, so after pass 1 (the only time it is
        asked for) it is computed once, strip by strip: 0.3 s per full-scene call on the serial steps
        (issue 15)."""
        if self.data_all is None:
            data = np.empty((self.h, self.w), dtype=bool)
            self.each_strip(lambda r0, r1: np.greater(self.flags[r0:r1] & _DATA, 0, out=data[r0:r1]), None)
            data.flags.writeable = False
            self.data_all = data
        return self.data_all

    def mark(self, r0: int, r1: int, name: str, flagged: np.ndarray, completed: np.ndarray) -> None:
        """Record test ``name`` (quality.MASK_TESTS) for rows r0:r1: completed where ``completed``,
        flagged where it is also ``flagged``."""
        bit = 1 << MASK_TEST[name]
        self.tests[0, r0:r1] |= _bits(flagged & completed, bit, np.uint16)
        self.tests[1, r0:r1] |= _bits(completed, bit, np.uint16)


def compute_masks(
    scene,
    window: Window,
    valid: np.ndarray | None,
    options: MaskOptions,
    progress=None,
    aoi_mask=None,
    land_cover: np.ndarray | None = None,
    dem: np.ndarray | None = None,
    threads: int = 1,
    strips_done: Callable[[], None] | None = None,
    scratch_dir: str | Path | None = None,
    optical_sink=None,
) -> MaskResult:
    """Masks, classes, QA bits and cloud distance for ``window`` of ``scene.grid`` (see module doc).

    ``aoi_mask`` (bool, window shape): the AOI polygon, for the ``nodata`` percentage (default ``valid``).
    ``land_cover`` (uint8 ESA WorldCover codes, window shape; ``core.landcover``): at night its snow and
    ice pixels get clear-sky statistics of their own (``clouds.night_clouds``); by day it is not used.
    ``dem`` (float32 elevation in m, NaN unknown, window shape; ``core.terrain``): at night the BT is
    normalised to one elevation before the cloud tests; by day it is not used.
    By day the scene is read with a margin around ``window`` (``shadow_margin_px``) so that clouds just
    outside the window still cast their shadows into it; the results are cut back to ``window``.
    ``threads``: row strips computed at once (``_Run.each_strip``), at most as many as STRIPS_BUDGET_MB
    holds (``_strip_threads``); the results do not depend on it. ``strips_done()`` is called once pass 1
    has read the scene: what follows reads only the run's arrays and pass 1's temporary files, much of it
    on one core, so a caller can start other work (on the full scene, the CEOS-ARD layers starting here
    instead of after the cloud tests: produce 41-42 -> 37-38 s, benchmarks/produce_stages.py).
    ``scratch_dir``: where the day's pass 1 writes its temporary files (``_Spill``; the system's
    temporary folder by default); they are removed when the call ends, also on error and cancel.
    ``optical_sink``: by day, pass 1 hands it the optical bands it decoded, ``optical_sink.put(scene window,
    {band: float32 array as the scene reader gave it, NaN where masked})`` for each strip of the extended
    window, from the worker threads in any order (the sink is thread-safe), one band for each name in
    ``optical_sink.bands`` (the pipeline writes the VNIR layer from them: the pixel-interleaved optical
    bands are decoded once per run, issue 15).
    """
    h, w = int(round(window.height)), int(round(window.width))
    valid = np.ones((h, w), dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
    if valid.shape != (h, w):
        raise ValueError(f"valid has shape {valid.shape}, the window is {(h, w)}")
    aoi = valid if aoi_mask is None else np.asarray(aoi_mask, dtype=bool)
    for name, a in (("land_cover", land_cover), ("dem", dem)):
        if a is not None and a.shape != (h, w):
            raise ValueError(f"{name} has shape {a.shape}, the window is {(h, w)}")
    ext, inner = _extended_window(scene, window, shadow_margin_px(scene))
    if ext is not window:
        shape = (int(ext.height), int(ext.width))
        valid = _pad(valid, shape, inner, True)  # the margin: footprint only
        land_cover = _pad(land_cover, shape, inner, 0)  # class unknown
        dem = _pad(dem, shape, inner, np.nan)  # elevation unknown
    # GDAL's block cache (process-wide, 5 % of RAM by default) counts against the memory budget: small
    # while the whole-window steps run, larger only for the strip passes (``_compute``)
    with rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB * 2**20):
        threads = _strip_threads(threads, int(ext.width))
        run = _Run.start(scene, ext, valid, threads)
        run.strips_done = strips_done or (lambda: None)
        run.spill = _Spill(scratch_dir) if run.day else None
        run.optical_sink = optical_sink if run.day else None
        try:
            return _compute(run, options, ensure(progress), inner, aoi, land_cover, dem)
        finally:
            if run.spill is not None:
                run.spill.close()


def strip_height(width: int) -> int:
    """Rows of a strip ``width`` pixels wide: STRIP_ROWS, halved while a float32 strip would exceed the
    run's mmap threshold (see MIN_STRIP_ROWS)."""
    rows = STRIP_ROWS
    while rows > MIN_STRIP_ROWS and rows * max(width, 1) * 4 > memory.RUN_MMAP_THRESHOLD:
        rows //= 2
    return rows


def _strip_threads(threads: int, width: int) -> int:
    """Strips in flight: ``threads``, or fewer when their memory would exceed STRIPS_BUDGET_MB. Counted at
    STRIP_ROWS whatever ``strip_height`` gives: each worker holds a row of decoded source tiles in GDAL's
    cache (``_gdal_cache_bytes``), which a lower strip does not shrink."""
    per_strip_mb = STRIP_BYTES_PER_PX * STRIP_ROWS * max(width, 1) / 2**20
    return max(1, min(int(threads), int(STRIPS_BUDGET_MB // per_strip_mb)))


def _gdal_cache_bytes(scene, window: Window, threads: int) -> int:
    """GDAL's block cache for the strip passes (process-wide; it counts against the memory budget, and
    defaults to 5 % of RAM): ``threads`` + 1 rows of the source tiles across the window, as the pipeline
    sizes it (``pipeline._gdal_cache_mb``). A strip (STRIP_ROWS) is shorter than a FarEarth tile row (512
    rows of seven pixel-interleaved bands, 56 MB decoded at 7,800 px): with less, the next strip finds the
    tile row it shares evicted and every tile is decoded twice per pass."""
    row = getattr(scene, "tile_row_bytes", lambda: 0)()
    share = min(1.0, float(window.width) / max(scene.grid.width, 1))
    need = int(np.ceil((threads + 1) * row * share / 2**20))
    return int(min(max(GDAL_CACHE_MB, need), GDAL_CACHE_MAX_MB)) * 2**20


def _pad(a: np.ndarray | None, shape: tuple[int, int], inner, fill) -> np.ndarray | None:
    """``a`` placed at ``inner`` of a ``shape`` array filled with ``fill`` (None stays None)."""
    if a is None:
        return None
    out = np.full(shape, fill, dtype=a.dtype)
    out[inner] = a
    return out


def shadow_margin_px(scene) -> int:
    """Pixels to read around the window by day: the shadow reach of a SHADOW_MARGIN_KM high cloud."""
    if not scene.is_day:
        return 0
    zenith = min(max(90.0 - float(scene.sun_elevation), 0.0), 85.0)
    res = min(_pixel_size_m(scene.grid))
    reach = SHADOW_MARGIN_KM * 1000.0 * np.tan(np.radians(zenith)) / res
    return int(min(MAX_MARGIN_PX, np.ceil(reach)))


def _extended_window(scene, window: Window, margin: int) -> tuple[Window, tuple[slice, slice]]:
    """``window`` grown by ``margin`` pixels (clipped to the grid) and where ``window`` sits inside it."""
    col0, row0 = int(round(window.col_off)), int(round(window.row_off))
    h, w = int(round(window.height)), int(round(window.width))
    c0, r0 = max(0, col0 - margin), max(0, row0 - margin)
    c1, r1 = min(scene.grid.width, col0 + w + margin), min(scene.grid.height, row0 + h + margin)
    inner = (slice(row0 - r0, row0 - r0 + h), slice(col0 - c0, col0 - c0 + w))
    if (c0, r0, c1, r1) == (col0, row0, col0 + w, row0 + h) or c1 <= c0 or r1 <= r0:
        return window, (slice(0, h), slice(0, w))
    return Window(c0, r0, c1 - c0, r1 - r0), inner


def _compute(run: _Run, options: MaskOptions, prog, inner, aoi, land_cover, dem) -> MaskResult:
    _pass1(run, prog.sub(0.0, 0.4))
    run.strips_done()  # nothing after pass 1 reads the scene
    data_all = run.data()
    n_data = int(data_all.sum())
    metadata = _metadata(run, options)
    if n_data == 0:
        cloud = np.zeros((run.h, run.w), dtype=bool)
        metadata["reliability"] = "No pixel with data in the window: nothing was tested."
    elif run.day:
        cloud = _day_clouds(run, options, metadata, prog.sub(0.4, 0.7))
    else:
        cloud = _night_clouds(run, metadata, land_cover, dem)
    run.bt_full = run.btd_full = None
    # Fmask's clean-up: 3 × 3 majority (only pixels with data vote), then the minimum cloud size
    cloud = morphology.majority_3x3(cloud, data_all)
    cloud = morphology.remove_small(cloud, options.min_cloud_size_px)
    prog.update(0.72)

    shadow = np.zeros((run.h, run.w), dtype=bool)
    if run.day and cloud.any() and metadata.get("Tlow_K") is not None:
        _day_shadows(run, cloud, shadow, metadata, prog.sub(0.72, 0.9))
    prog.update(0.9)

    cloud_mask, scl, water, snow = _assemble(run, cloud, shadow, options)
    qa, tests = run.qa, run.tests
    run.each_strip(lambda r0, r1, d=data_all: _tests_nodata(tests, d, r0, r1), None)
    run.flags = run.sat_tir = run.qa = run.tests = None  # no longer needed: keep the full-scene peak down
    del shadow
    prog.update(0.95)
    distance = _cloud_distance(run, cloud, data_all)
    del cloud, data_all
    run.data_all = None
    if (inner[0].stop - inner[0].start, inner[1].stop - inner[1].start) != (run.h, run.w):
        cloud_mask, scl, qa, distance, water, snow = (
            a[inner].copy() for a in (cloud_mask, scl, qa, distance, water, snow)
        )
        tests = tests[(slice(None), *inner)].copy()
    pct = _percentages(cloud_mask, scl, aoi)
    metadata["percentages"] = pct
    if (cloud_mask != CLOUD_MASK_NODATA).any() and pct["clear"] == 0.0:
        metadata["message"] = (
            "No clear pixel in the area of interest: it is 100 % cloud or cloud shadow, so the LST layer is empty."
        )
        metadata["warnings"].append(metadata["message"])
    elif not (cloud_mask != CLOUD_MASK_NODATA).any():
        metadata["message"] = "No pixel with data in the area of interest."
        metadata["warnings"].append(metadata["message"])
    prog.update(1.0)
    return MaskResult(cloud_mask, scl, qa, distance, water, snow, pct, metadata, tests)


def _tests_nodata(tests: np.ndarray, data: np.ndarray, r0: int, r1: int) -> None:
    tests[:, r0:r1][:, ~data[r0:r1]] = MASK_TESTS_NODATA


def _metadata(run: _Run, options: MaskOptions) -> dict[str, Any]:
    """The metadata every run starts with (the passes add their statistics and tests)."""
    return {
        "method": "Fmask-style tests (Zhu & Woodcock 2012; Zhu et al. 2015)"
        if run.day
        else "thermal-only cold-outlier test (night)",
        "doi": FMASK_DOI,
        "night_mode": not run.day,
        "thermal_band": run.thermal,
        "buffers": {
            "cloud_px": options.cloud_buffer_px,
            "shadow_px": options.shadow_buffer_px,
            "snow_px": options.snow_buffer_px,
            "rule": BUFFER_RULE,
        },
        "min_cloud_size_px": options.min_cloud_size_px,
        "working_grid_factor": run.k,
        "read_window": [run.col0, run.row0, run.w, run.h],
        "warnings": [],
    }


def _percentages(cloud_mask: np.ndarray, scl: np.ndarray, aoi: np.ndarray) -> dict[str, float]:
    """Shares (%) of the delivered rasters: of the pixels with data, and ``nodata`` of the AOI."""
    counts = dict.fromkeys(
        ("cloud", "thick_cloud", "thin_cloud", "shadow", "snow", "water", "saturated", "clear"), 0
    )
    n_data = n_aoi_data = 0
    classes = {
        "thick_cloud": SCL["thick_cloud"],
        "thin_cloud": SCL["thin_cloud"],
        "shadow": SCL["cloud_shadow"],
        "snow": SCL["snow_ice"],
        "water": SCL["water"],
        "saturated": SCL["saturated"],
    }
    for r0 in range(0, cloud_mask.shape[0], STRIP_ROWS):
        cm, sc = cloud_mask[r0 : r0 + STRIP_ROWS], scl[r0 : r0 + STRIP_ROWS]
        data = cm != CLOUD_MASK_NODATA
        n_data += int(data.sum())
        n_aoi_data += int((data & aoi[r0 : r0 + STRIP_ROWS]).sum())
        counts["cloud"] += int((cm == 1).sum())
        counts["clear"] += int((cm == 0).sum())
        for key, value in classes.items():
            counts[key] += int((sc == value).sum())
    pct = {key: (100.0 * v / n_data if n_data else 0.0) for key, v in counts.items()}
    n_aoi = int(aoi.sum())
    pct["nodata"] = 100.0 * (n_aoi - n_aoi_data) / n_aoi if n_aoi else 100.0
    return pct


def _pass1(run: _Run, progress) -> None:
    """Strip by strip (``threads`` at a time): no-data and saturation bits; by day potential cloud, water,
    snow, the tests that need no scene statistic (thick cloud, BTD guard) and the histograms; then the sun
    angles on the working grid."""

    def consume(r0: int, r1: int, parts) -> None:  # in strip order: the histograms
        for name, part in parts.items():
            run.hist[name].merge(part)

    with run.reading():
        run.each_strip(lambda r0, r1: _pass1_strip(run, r0, r1), progress, consume)
        if run.day:
            run.sun = _sun_work(run)


def _sun_work(run: _Run) -> tuple[np.ndarray, np.ndarray] | None:
    """Sun zenith and azimuth on the working grid (the shadow projection's), or None without angle rasters.

    Read at the centre of each whole k × k block straight from the product's angles instead of at every
    pixel and then averaged (2.3 s of pass 1's 20.6 s thread time on a full scene, issue 15): inside a
    cell of the angle raster's bilinear interpolation the block mean is the centre value. A partial block
    at the right or bottom edge takes its inner neighbour's value, fewer than k pixels away."""
    read = getattr(run.scene, "read_sun_angles", None)
    if read is None:
        return None
    k = run.k
    whole = run.scene.grid.window_grid(run.window(0, run.h))
    grid = Grid(whole.crs, whole.transform * Affine.scale(k), max(1, run.w // k), max(1, run.h // k))
    angles = read(None, grid=grid)
    if angles is None:
        return None
    pad = ((0, -(-run.h // k) - grid.height), (0, -(-run.w // k) - grid.width))
    return tuple(np.pad(np.asarray(a, np.float32), pad, mode="edge") for a in angles)


def _pass1_strip(run: _Run, r0: int, r1: int):
    """Pass 1 of rows r0:r1 (a worker thread): writes only these rows of the run's arrays; returns this
    strip's histograms."""
    k, win = run.k, run.window(r0, r1)
    _clear_rows(run, r0, r1)
    parts = {name: h.empty_like() for name, h in run.hist.items()}
    bt = run.read(run.thermal, win)
    q = run.scene.read_quality(win)
    data = run.valid[r0:r1] & np.isfinite(bt) & ~np.asarray(q.nodata, dtype=bool)
    qs, fl = run.qa[r0:r1], run.flags[r0:r1]
    qs |= _qa_bit(~data, "nodata")
    for band in THERMAL:
        if q.saturated.get(band) is not None:
            qs |= _qa_bit(q.saturated[band] & data, f"saturated_{band}")
            run.sat_tir[r0:r1] |= q.saturated[band] & data
        if q.undersaturated.get(band) is not None:
            qs |= _qa_bit(q.undersaturated[band] & data, "undersaturated")
            run.sat_tir[r0:r1] |= q.undersaturated[band] & data
    qs |= _qa_bit(np.asarray(q.filled, bool) & data, "filled")
    np.copyto(bt, np.float32(np.nan), where=~data)
    run.bt_work[run.work_rows(r0, r1)] = morphology.block_reduce_mean(bt, k)
    fl |= _bits(data, _DATA)
    parts["all"].add(bt[data])
    if not run.day:
        run.bt_full[r0:r1] = bt
        if run.btd_full is not None:
            run.btd_full[r0:r1] = bt - run.read("lwir12", win)
        # night: opacity cannot be judged, a cold outlier is reported as (thick) cloud
        fl |= _bits(data, _INCOMPLETE | _THICK)
        return parts
    _pass1_optical(run, r0, r1, win, bt, q, data, parts)
    _btd_guard(run, r0, r1, win, bt, data)
    return parts


def _clear_rows(run: _Run, r0: int, r1: int) -> None:
    """Zero rows r0:r1 of the arrays pass 1 then updates in place (``|=``). Allocated uninitialised, they
    are first touched here, by a write, on the strip's worker: why a first write, ``memory.written_zeros``;
    why here and not all at once before pass 1, up to 2.9 s on one core (issue 15)."""
    run.flags[r0:r1] = 0
    run.tests[:, r0:r1] = 0
    run.qa[r0:r1] = 0
    run.sat_tir[r0:r1] = False


def _pass1_optical(run: _Run, r0: int, r1: int, win: Window, bt: np.ndarray, q, data, parts) -> None:
    bands, optical = run.read_optical(win)
    if optical:  # handed on at once (this worker thread): not held until the strips are consumed in order
        run.optical_sink.put(win, optical)
        del optical
    sat_vis = np.zeros(bt.shape, dtype=bool)
    for b in ("blue", "green", "red"):
        if q.saturated.get(b) is not None:
            sat_vis |= q.saturated[b]
    sat_opt = sat_vis.copy()
    for b in ("nir08", *run.optional):
        if q.saturated.get(b) is not None:
            sat_opt |= q.saturated[b]
    run.qa[r0:r1] |= _qa_bit(sat_opt & data, "saturated_vnir")
    sp = clouds.spectral(bands, bt)
    _spill_pass2_inputs(run, r0, bands, bt, sp, q)
    pcp_tests: dict[str, np.ndarray] = {}
    pcp = clouds.potential_cloud(bands, bt, sp, sat_vis, pcp_tests)
    water = clouds.water_test(sp, bands["nir08"])
    snow = clouds.snow_test(bands, bt, sp, pcp)
    for name, flagged in (*pcp_tests.items(), ("water", water), ("snow", snow)):
        run.mark(r0, r1, name, flagged, sp.valid & data)
    clear_water = clouds.clear_water(water, bands["swir22"]) & ~pcp & data
    fl = run.flags[r0:r1]
    # the opacity of a pixel (our THICK_VIS_MIN rule) needs no scene statistic: decided here, used
    # only for the pixels pass 2 finds to be cloud
    for bit, m in (
        (_PCP, pcp),
        (_WATER, water),
        (_CLEAR_WATER, clear_water),
        (_SNOW, snow),
        (_INCOMPLETE, ~sp.valid),
        (_DARK_WATER, clouds.dark_water(sp, bands["nir08"])),
        (_THICK, clouds.thick_cloud(sp.mean_vis, snow)),
    ):
        fl |= _bits(m & data, bit)
    land_clear = data & sp.valid & ~pcp & ~water
    parts["land"].add(bt[land_clear])
    parts["water"].add(bt[clear_water])
    parts["nir"].add(bands["nir08"][land_clear])
    if bands["swir16"] is not None:
        parts["swir1"].add(bands["swir16"][land_clear])
    parts["green_water"].add(bands["green"][clear_water])
    rows = run.work_rows(r0, r1)
    run.nir_work[rows] = morphology.block_reduce_mean(bands["nir08"], run.k, valid=data)
    run.green_work[rows] = morphology.block_reduce_mean(bands["green"], run.k, valid=data)
    if run.swir1_work is not None:
        run.swir1_work[rows] = morphology.block_reduce_mean(bands["swir16"], run.k, valid=data)


def _spill_pass2_inputs(run: _Run, r0: int, bands, bt: np.ndarray, sp: clouds.SpectralBlock, q) -> None:
    """What pass 2 needs of each pixel and no scene statistic changes, computed here as pass 2 used to
    compute it (same arrays, same float32 operations, so its decisions are bit-identical): BT, Eq. 15's
    variability, the brightness band of Eq. 10 and the cirrus reflectance (``_pass2_strip``)."""
    layers = [
        bt,
        clouds.variability_prob(sp, q.saturated.get("green"), q.saturated.get("red")),
        clouds.brightness_band(bands["swir16"], bands["nir08"]),
    ]
    if bands["cirrus"] is not None:
        layers.append(bands["cirrus"])
    run.spill.put(r0, layers)


def _night_clouds(
    run: _Run, metadata: dict, land_cover: np.ndarray | None, dem: np.ndarray | None
) -> np.ndarray:
    btd_used = run.btd_full is not None
    snow_ice = land_cover == landcover.SNOW_ICE if land_cover is not None else None
    normalised = None
    if dem is not None:
        # the slope of the land: snow/ice of the land-cover map is colder than the lapse rate says and
        # water at night warmer (its low bins would flatten the slope)
        fit = run.data()
        if land_cover is not None:
            fit = fit & ~np.isin(land_cover, (landcover.SNOW_ICE, landcover.WATER))
        slope, h_ref, bins = terrain.clear_sky_slope(run.bt_full, dem, fit)
        del fit
        terrain.normalise(run.bt_full, dem, slope, h_ref)  # bt_full is not used after the cloud test
        normalised = {
            "clear_sky_slope_K_per_km": round(1000.0 * slope, 3),
            "reference_elevation_m": round(h_ref, 1),
            "elevation_bins": bins,
            "method": "BT - slope (h - h_ref), slope fitted to the scene (core.terrain; MFmask, Qiu et al. 2017)",
        }
    margin = clouds.NIGHT_COLD_MARGIN_NORMALISED_K if normalised else clouds.NIGHT_COLD_MARGIN_K
    cloud, stats = clouds.night_clouds(run.bt_full, run.data(), run.btd_full, snow_ice, margin)
    _mark_night_tests(run, cloud, stats.get("btd_clear_K"))
    strata = stats.get("snow_ice_stratum", {}).get("separate", False)
    split_window = ["night_split_window_snow", "night_split_window_cloud"] if btd_used else []
    snow_note = (
        "snow and ice of the land-cover map are tested against their own clear-sky statistics, snow "
        "outside it can be taken for cloud when the atmosphere is dry"
        if strata
        else "snow can be taken for cloud when the atmosphere is dry (a land-cover map with snow and ice "
        "avoids it)"
    )
    metadata.update(
        {
            "reliability": (
                "Night: clouds from the thermal bands alone (cold outliers against the scene's and the "
                "neighbourhood's clear-sky BT, split-window difference for semi-transparent and low "
                "opaque cloud and to keep snow/ice out); thin and low warm clouds are missed when the "
                f"atmosphere is dry; {snow_note}; no cloud shadow, snow or water "
                "test. Less reliable than the daytime masks; every pixel is flagged 'tests incomplete'."
            ),
            "tests_run": [
                "night_cold_outlier",
                *split_window,
                *(["night_local_cold"] if "local_cold_K" in stats else []),
                *(["night_local_split_window"] if btd_used and "local_cold_K" in stats else []),
                *(["night_land_cover_snow_ice_stratum"] if strata else []),
                *(["night_dem_normalised_bt"] if normalised else []),
            ],
            "Tlow_K": stats["Tlow_K"],
            "Thigh_K": stats["Thigh_K"],
            **({"snow_ice_stratum": stats["snow_ice_stratum"]} if "snow_ice_stratum" in stats else {}),
            **({"elevation_normalisation": normalised} if normalised else {}),
            "thresholds": {
                "night_cold_margin_K": stats["cold_margin_K"],
                "night_snow_btd_margin_K": stats.get("snow_btd_margin_K"),
                "btd_clear_K": stats.get("btd_clear_K"),
                "night_btd_excess_K": stats.get("btd_excess_K"),
                "night_split_window_cold_K": stats.get("split_window_cold_K"),
                "night_local_block_px": stats.get("local_block_px"),
                "night_local_cold_K": stats.get("local_cold_K"),
            },
        }
    )
    return cloud


def _day_clouds(run: _Run, options: MaskOptions, metadata: dict, progress) -> np.ndarray:
    """Scene statistics, then pass 2 (probabilities, Eq. 9–18) strip by strip; returns the cloud mask."""
    hist, n_data = run.hist, int(run.data().sum())
    n_land = hist["land"].n
    all_cloud_mode = n_land < max(MIN_CLEAR_LAND_SHARE * n_data, 1)
    stats_src = hist["all"] if all_cloud_mode else hist["land"]
    t_low, t_high = stats_src.percentile(17.5), stats_src.percentile(82.5)
    t_water = hist["water"].percentile(82.5) if hist["water"].n else None
    tests = ["basic", "whiteness", "hot", "water", "snow", "clear_sky_statistics", "probability"]
    tests += ["nir_swir1", "ndsi"] if "swir16" in run.optional else []
    tests += ["swir2"] if "swir22" in run.optional else []
    tests += ["cirrus"] if "cirrus" in run.optional else []
    metadata.update(
        {
            "Tlow_K": t_low,
            "Thigh_K": t_high,
            "Twater_K": t_water,
            "Tmedian_K": None if all_cloud_mode else hist["land"].percentile(50.0),
            "nir_background": hist["nir"].percentile(shadows.NIR_BACKGROUND_PERCENTILE)
            if hist["nir"].n
            else None,
            "swir1_background": hist["swir1"].percentile(shadows.NIR_BACKGROUND_PERCENTILE)
            if hist["swir1"].n
            else None,
            "green_water_background": hist["green_water"].percentile(shadows.WATER_BACKGROUND_PERCENTILE)
            if hist["green_water"].n
            else None,
            "clear_land_pixels": n_land,
            "all_cloud_mode": bool(all_cloud_mode),
            "tests_run": tests,
            "bands_used": [*OPTICAL_REQUIRED, *run.optional, run.thermal],
            "reliability": "Daytime Fmask-style masks from TOA reflectance and brightness temperature.",
        }
    )
    missing = [b for b in ("swir16", "swir22") if b not in run.optional]
    if missing:
        metadata["reliability"] += (
            f" Bands {', '.join(missing)} are not available: the SWIR tests (NDSI, NIR/SWIR ratio, "
            "SWIR2 haze) were skipped and snow is told from cloud without NDSI (less reliable)."
        )
    cloud = np.zeros((run.h, run.w), dtype=bool)
    lprob = np.zeros((run.h, run.w), dtype=np.float16)  # Eq. 16, kept until Eq. 17's threshold is known
    hist_lprob = clouds.Histogram(-2.0, 4.0, 0.001)
    stats = _SceneStats(t_low, t_high, t_water, bool(all_cloud_mode))
    run.each_strip(  # reads pass 1's temporary files, not the scene
        lambda r0, r1: _pass2_strip(run, r0, r1, stats, cloud, lprob, hist_lprob.empty_like()),
        progress,
        lambda _r0, _r1, part: hist_lprob.merge(part),
    )
    delta = float(options.cloud_probability_threshold)
    if n_land < MIN_CLEAR_LAND_SHARE_THRESHOLD * n_data or hist_lprob.n == 0:
        land_threshold = delta
    else:
        land_threshold = hist_lprob.percentile(82.5) + delta
    metadata["thresholds"] = {
        "land_cloud_probability": land_threshold,
        "land_probability_offset": delta,
        "water_cloud_probability": clouds.WATER_PROB_MIN,
        "cold_cloud_margin_K": clouds.COLD_CLOUD_MARGIN_K,
        "thick_cloud_mean_visible": clouds.THICK_VIS_MIN,
        "cirrus_potential_cloud_min": clouds.CIRRUS_PCP_MIN if "cirrus" in run.optional else None,
        "cirrus_probability_scale": clouds.CIRRUS_PROB_SCALE if "cirrus" in run.optional else None,
        "shadow_nir_darkness": shadows.SHADOW_DARKNESS,
        "shadow_water_ratio": shadows.WATER_SHADOW_RATIO,
        "shadow_min_similarity": shadows.MIN_SIMILARITY,
    }

    def _strip(r0: int, r1: int) -> None:  # Eq. 18, land part, now that the threshold is known
        fl = run.flags[r0:r1]
        land_pcp = (
            ((fl & _PCP) > 0) & ((fl & _WATER) == 0) & ~_snow_held_out(run, r0, r1) & ((fl & _DATA) > 0)
        )
        above = lprob[r0:r1] > land_threshold
        cloud[r0:r1] |= land_pcp & above
        run.mark(r0, r1, "land_probability", above, ((fl & _DATA) > 0) & ((fl & _INCOMPLETE) == 0))

    run.each_strip(_strip, None)
    _displaced_edges(run, cloud)
    return cloud


@dataclass(frozen=True)
class _SceneStats:
    """The clear-sky statistics of pass 1 that pass 2's probabilities need (Eq. 8, 13)."""

    t_low: float
    t_high: float
    t_water: float | None
    all_cloud: bool  # under MIN_CLEAR_LAND_SHARE clear land: every PCP pixel is cloud


def _pass2_strip(run: _Run, r0: int, r1: int, st: _SceneStats, cloud, lprob, part) -> clouds.Histogram:
    """Pass 2 of rows r0:r1 (a worker thread): the cloud probabilities (Eq. 9–16) and Eq. 18 without its
    land threshold; writes rows r0:r1 of ``cloud`` and ``lprob``, returns ``part`` (the strip's
    histogram of the clear-land probability, for Eq. 17) filled. Its per-pixel inputs are pass 1's
    (``_spill_pass2_inputs``)."""
    fl = run.flags[r0:r1]
    data = (fl & _DATA) > 0
    tested = data & ((fl & _INCOMPLETE) == 0)  # data & pass 1's sp.valid (_INCOMPLETE: data & ~sp.valid)
    layers = run.spill.take(r0, fl.shape)
    bt, var, bright = layers[0], layers[1], layers[2]
    cirrus = layers[3] if len(layers) > 3 else None
    lp = clouds.land_cloud_prob(bt, st.t_low, st.t_high, var, cirrus)
    lprob[r0:r1] = np.nan_to_num(lp, nan=0.0)
    pcp, water, snow = (fl & _PCP) > 0, (fl & _WATER) > 0, _snow_held_out(run, r0, r1)
    part.add(lp[tested & ~pcp & ~water])
    if st.t_water is not None:
        wp = clouds.water_cloud_prob(bt, st.t_water, bright, cirrus)
    else:
        wp = np.ones(bt.shape, np.float32)  # no clear water to compare with: PCP over water is cloud
    # snow (Eq. 20) is left out of the land probability tests: bright and cold, it would pass
    # them (Fmask's known snow commission); very cold pixels still become cloud (Eq. 18, last term).
    # Not where the cirrus band flags it (``_snow_held_out``)
    sure = clouds.cloud_decision(pcp & ~snow, water | snow, wp, lp, np.inf, bt, st.t_low)
    sure |= pcp & water & snow & (wp > clouds.WATER_PROB_MIN)
    if st.all_cloud:
        sure |= pcp
    _mark_day_tests(run, r0, r1, tested, bt, wp, st.t_water, st.t_low)
    cloud[r0:r1] = sure & data
    return part


def _snow_held_out(run: _Run, r0: int, r1: int) -> np.ndarray:
    """Snow (Eq. 20) kept out of the cloud probability tests: the snow pixels that the cirrus band does
    not flag. At 1.38 µm the water vapour absorbs the light reflected by the surface, snow included, so
    cirrus reflectance > 0.01 is high cloud whatever lies beneath (Gao, Goetz & Wiscombe 1993,
    doi:10.1029/93GL00106); Fmask 4 adds the cirrus pixels to the potential cloud *after* taking snow out
    of it (Qiu et al. 2019, doi:10.1016/j.rse.2019.05.024; GERSL/Fmask
    ``compute_cloud_probability_layers``). Thin cirrus over water or snow is cold and has an NDSI above
    0.15, so it passes Eq. 20 and, held out as snow, was never tested as cloud."""
    snow = (run.flags[r0:r1] & _SNOW) > 0
    cirrus = (run.tests[0, r0:r1] >> MASK_TEST["cirrus"]) & 1 > 0
    return snow & ~cirrus


def _displaced_edges(run: _Run, cloud: np.ndarray) -> None:
    """Adds to ``cloud`` the pixels within BTD_EDGE_M of it whose T10 − T11 no clear surface can have
    (the ``btd_guard`` test): cloud edges that B10 and B11 see at different places. Farther from any
    cloud the guard only records its finding: a humid or quartz-rich clear scene can leave its bounds."""
    near = morphology.dilate(cloud, max(1, int(round(BTD_EDGE_M / min(run.res)))))
    bit = MASK_TEST["btd_guard"]

    def _strip(r0: int, r1: int) -> None:
        cloud[r0:r1] |= near[r0:r1] & (((run.tests[0, r0:r1] >> bit) & 1) > 0)

    run.each_strip(_strip, None)


def _mark_night_tests(run: _Run, cloud: np.ndarray, btd_clear: float | None) -> None:
    """Night: the thermal cloud decision, the split-window excess and the BTD guard, row strip by row
    strip. At night the guard is recorded but does not make cloud: under a humid night atmosphere warmer
    than the ground the clear T10 − T11 goes below the guard's −3 K (sample night scenes, 3.5 g/cm²:
    median −2.5 K, 1st percentile −6.5 K), and the scene-relative split-window tests of
    ``clouds.night_clouds`` already judge the difference against the scene's own clear sky."""

    def _strip(r0: int, r1: int) -> None:
        data = (run.flags[r0:r1] & _DATA) > 0
        run.mark(r0, r1, "night_cold", cloud[r0:r1], data)
        if run.btd_full is None:
            return
        d = run.btd_full[r0:r1].astype(np.float32)
        done = data & np.isfinite(d)
        if btd_clear is not None and np.isfinite(btd_clear):
            with np.errstate(invalid="ignore"):
                run.mark(r0, r1, "night_split_window", d > btd_clear + clouds.NIGHT_BTD_EXCESS_K, done)
        bad = btd_guard.implausible_btd(d, np.float32(0.0)) & done  # d is already T10 − T11
        run.mark(r0, r1, "btd_guard", bad, done)

    run.each_strip(_strip, None)


def _btd_guard(run: _Run, r0: int, r1: int, win: Window, bt: np.ndarray, data: np.ndarray) -> None:
    """Pixels whose T10 − T11 no clear surface can have (``btd_guard``): cloud edges seen at different
    places by B10 and B11, semi-transparent cloud (Inoue 1985). Marked as the ``btd_guard`` test (used
    by ``_displaced_edges``); not run without both thermal bands."""
    if run.thermal != "lwir11" or not _usable(run.scene, "lwir12"):
        return
    t11 = run.read("lwir12", win)
    bad = btd_guard.implausible_btd(bt, t11) & data
    run.mark(r0, r1, "btd_guard", bad, data & np.isfinite(bt) & np.isfinite(t11))


def _mark_day_tests(run: _Run, r0, r1, done, bt, wp, t_water, t_low) -> None:
    """The per-pixel record of the pass-2 tests (Eq. 9–11 and 18's cold term); the cirrus bit is the
    potential-cloud test of pass 1 (Zhu et al. 2015, doi:10.1016/j.rse.2014.12.014)."""
    with np.errstate(invalid="ignore"):
        if t_water is not None:
            run.mark(r0, r1, "water_probability", wp > clouds.WATER_PROB_MIN, done)
        run.mark(r0, r1, "cold_cloud", bt < t_low - clouds.COLD_CLOUD_MARGIN_K, done)


def _day_shadows(run: _Run, cloud: np.ndarray, shadow: np.ndarray, metadata: dict, progress) -> None:
    """Match the cloud objects with potential shadow on the working grid; fills ``shadow`` (full grid).

    One serial step of several seconds on a full scene: cancel is checked between its parts (``checks``:
    without moving the progress bar, which ``match_shadows`` drives)."""
    k, scene = run.k, run.scene
    checks = Progress(None, lambda: progress.cancelled)
    cloud_work, data_work = _reduce(cloud, k), _reduce(run.data(), k)
    pshadow = _potential_shadow(run, cloud_work, data_work, metadata, checks)
    checks.check()
    # every cloud object is projected, thin cumulus included: whether it casts a detectable shadow is
    # what the similarity test decides (Zhu & Woodcock 2012 project every cloud object)
    view_zen = (
        scene.view_incidence if getattr(scene, "view_incidence", None) is not None else scene.view_off_nadir
    )
    angles = shadows.SunView(
        run.sun[0] if run.sun is not None else 90.0 - float(scene.sun_elevation),
        run.sun[1] if run.sun is not None else float(scene.sun_azimuth),
        float(view_zen or 0.0),
        float(scene.view_azimuth or 0.0),
    )
    t_ref = metadata.get("Tmedian_K")
    if t_ref is not None:  # the clear land around each object (shadows.LOCAL_REF_BLOCK_PX)
        water_snow = _flagged_work(run, _WATER | _SNOW, checks)
        land_work = data_work & ~cloud_work & ~water_snow
        local = clouds.block_background(run.bt_work, land_work, shadows.LOCAL_REF_BLOCK_PX)
        t_ref = local if np.isfinite(local).all() else t_ref
    shadow_work = np.zeros(cloud_work.shape, dtype=bool)
    stats: dict[str, Any] = {"objects": 0, "matched": 0, "heights_km": []}
    for layer in _cloud_layers(run, cloud_work, cloud):
        layer_shadow, layer_stats = shadows.match_shadows(
            layer,
            run.bt_work,
            pshadow,
            data_work,
            (run.res[0] * k, run.res[1] * k),
            angles,
            metadata["Tlow_K"],
            metadata["Thigh_K"],
            progress=progress,
            blocked=cloud_work,
            t_ref=t_ref,
        )
        shadow_work |= layer_shadow
        for key in stats:
            stats[key] += layer_stats[key]
    metadata["shadow_objects"] = stats["objects"]
    metadata["shadow_matched"] = stats["matched"]
    if stats["heights_km"]:
        hk = np.asarray(stats["heights_km"])
        metadata["shadow_heights_km"] = {
            "min": float(hk.min()),
            "median": float(np.median(hk)),
            "max": float(hk.max()),
        }
    metadata["tests_run"].append("shadow_projection")
    run.each_strip(lambda r0, r1: _shadow_rows(run, r0, r1, cloud, shadow, shadow_work, pshadow), checks)


def _potential_shadow(run: _Run, cloud_work, data_work, metadata: dict, checks: Progress) -> np.ndarray:
    """The potential shadow on the working grid (cloud pixels excluded), cancel checked between fills."""
    # open water for the shadow step: Eq. 5's second clause only (NIR < 0.05); its first clause
    # (NIR < 0.11) also takes in shadowed bare soil, whose shadow must stay visible to the NIR fill
    water_work = _flagged_work(run, _DARK_WATER)
    _shadow_backgrounds(run, cloud_work, data_work, metadata)
    checks.check()
    # Eq. 19 over land (NIR); cloud pixels keep their own (bright) NIR and SWIR1, as in Fmask (only
    # no-data takes the background), so a shadow that touches its cloud is enclosed by it and does not
    # drain through it (Zhu & Woodcock 2012; Qiu et al. 2019). Over water the NIR is as dark as a
    # shadow, so the same flood fill is run on the green band, where a shadow darkens the
    # water-leaving signal (our addition)
    pshadow = shadows.potential_shadow(
        run.nir_work,
        data_work & ~water_work,
        metadata["nir_background"] or 0.1,
        swir1=run.swir1_work,
        swir1_background=metadata.get("swir1_background"),
        progress=checks,
    )
    pshadow &= ~cloud_work
    if metadata.get("green_water_background") is not None and water_work.any():
        checks.check()
        pshadow |= shadows.potential_water_shadow(
            run.green_work, data_work & ~cloud_work & water_work, metadata["green_water_background"]
        )
    return pshadow


def _shadow_rows(run: _Run, r0: int, r1: int, cloud, shadow, shadow_work, pshadow) -> None:
    """Rows r0:r1 of the full-grid shadow from the working grid, and their shadow test bits."""
    data = (run.flags[r0:r1] & _DATA) > 0
    shadow[r0:r1] = morphology.expand(shadow_work, run.k, (run.h, run.w), r0, r1)
    shadow[r0:r1] &= data & ~cloud[r0:r1]
    run.mark(r0, r1, "potential_shadow", morphology.expand(pshadow, run.k, (run.h, run.w), r0, r1), data)
    run.mark(r0, r1, "shadow_match", shadow[r0:r1], data)


def _cloud_layers(run: _Run, cloud_work: np.ndarray, cloud: np.ndarray) -> list[np.ndarray]:
    """The cloud objects to match, in two layers matched separately: (1) the opaque ("thick") cloud with
    its own thin fringe, the thin cloud within FRINGE_M of it, which is the same cloud's edge and casts
    the edge of the same shadow (a cumulus seen at 30 m is opaque in its core and semi-transparent at
    its rim); (2) the rest of the thin cloud (thin cumulus standing alone, cirrus sheets), each object
    at its own height. Thin cloud farther from an opaque core is not merged into its object: a cirrus
    sheet spanning several cumulus would join them into one object with one base height, and
    every shadow of it would be misplaced."""
    thick = _reduce_rows(run, lambda r0, r1: cloud[r0:r1] & ((run.flags[r0:r1] & _THICK) > 0))
    r = max(1, int(round(FRINGE_M / (min(run.res) * run.k))))
    core = thick | (cloud_work & morphology.dilate(thick, r))
    return [core, cloud_work & ~core]


def _shadow_backgrounds(run: _Run, cloud_work: np.ndarray, data_work: np.ndarray, metadata: dict) -> None:
    """NIR and SWIR1 backgrounds of Eq. 19 (their 17.5th percentiles) from the clear land that passed
    every test: not potential cloud, water or snow (pass 1) and not cloud in the final decision. Pass 1's
    clear land still holds the thin-cloud edges that failed PCP; the percentile of the rest is Fmask's."""
    failed = _flagged_work(run, _PCP | _WATER | _SNOW)
    clear = data_work & ~cloud_work & ~failed
    for key, band in (("nir_background", run.nir_work), ("swir1_background", run.swir1_work)):
        if band is None:
            continue
        v = band[clear & np.isfinite(band)]
        if v.size >= 100:
            metadata[key] = float(np.percentile(v, shadows.NIR_BACKGROUND_PERCENTILE))


def _assemble(run: _Run, cloud: np.ndarray, shadow: np.ndarray, options: MaskOptions):
    """CLOUD_MASK, SCL, water, snow and the remaining QA bits, strip by strip."""
    h, w, flags = run.h, run.w, run.flags
    cloud_buf = morphology.dilate(cloud, options.cloud_buffer_px)
    shadow_buf = morphology.dilate(shadow, options.shadow_buffer_px)
    snow_buf = (
        morphology.dilate((flags & _SNOW) > 0, options.snow_buffer_px) if options.snow_buffer_px > 0 else None
    )
    cloud_mask = np.full((h, w), CLOUD_MASK_NODATA, dtype=np.uint8)
    scl = np.full((h, w), SCL_NODATA, dtype=np.uint8)
    water_out = np.zeros((h, w), dtype=bool)
    snow_out = np.zeros((h, w), dtype=bool)

    def _strip(r0: int, r1: int) -> None:
        fl = flags[r0:r1]
        data = (fl & _DATA) > 0
        cl, sh = cloud[r0:r1], shadow[r0:r1]
        buf = (cloud_buf[r0:r1] | shadow_buf[r0:r1]) & data
        if run.day:  # see BUFFER_RULE
            pit = (run.tests[0, r0:r1] >> MASK_TEST["potential_shadow"]) & 1 > 0
            buf &= ((fl & _PCP) > 0) | pit
        thick = cl & ((fl & _THICK) > 0)
        thin = cl & ~thick
        snow = (snow_buf[r0:r1] if snow_buf is not None else (fl & _SNOW) > 0) & data & ~cl & ~sh
        water = ((fl & _WATER) > 0) & data & ~cl & ~sh & ~snow
        water_out[r0:r1], snow_out[r0:r1] = water, snow
        cm = cloud_mask[r0:r1]
        cm[data] = 0
        cm[buf | cl | sh] = 1
        cm[~data] = CLOUD_MASK_NODATA
        sat = run.sat_tir[r0:r1]
        sc = scl[r0:r1]
        sc[data] = SCL["clear_land"]
        for name, m in (
            ("water", water),
            ("snow_ice", snow),
            ("cloud_shadow", sh),
            ("thin_cloud", thin),
            ("thick_cloud", thick),
            ("saturated", sat),
        ):  # later classes win
            sc[m] = SCL[name]
        qs = run.qa[r0:r1]
        for name, m in (
            ("cloud", cl),
            ("thin_cloud", thin),
            ("cloud_shadow", sh),
            ("adjacent", buf & ~(cl | sh)),
            ("snow_ice", snow),
            ("water", water),
            ("tests_incomplete", (fl & _INCOMPLETE) > 0),
        ):
            qs |= _qa_bit(m & data, name)

    run.each_strip(_strip, None)
    return cloud_mask, scl, water_out, snow_out


def _cloud_distance(run: _Run, cloud: np.ndarray, data_all: np.ndarray) -> np.ndarray:
    """Distance (km) to the nearest cloud pixel: a Euclidean distance transform on the working grid."""
    k = run.k
    distance = np.full((run.h, run.w), np.nan, dtype=np.float32)
    any_cloud = morphology.block_reduce_fraction(cloud, k) > 0 if k > 1 else cloud
    if any_cloud.any():
        d_work = ndimage.distance_transform_edt(
            ~any_cloud, sampling=(run.res[1] * k / 1000.0, run.res[0] * k / 1000.0)
        )
        d_work = np.minimum(d_work, CLOUD_DISTANCE_MAX_KM).astype(np.float32)
    else:
        d_work = np.full(any_cloud.shape, CLOUD_DISTANCE_MAX_KM, dtype=np.float32)

    def _strip(r0: int, r1: int) -> None:
        dist = morphology.expand(d_work, k, (run.h, run.w), r0, r1)
        distance[r0:r1] = np.where(data_all[r0:r1], dist, np.nan)

    run.each_strip(_strip, None)
    return distance
