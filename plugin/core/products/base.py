"""What FarEarthScene and LandsatScene share: band sources, lazy windowed reads, closing.

A reader fills the Scene attributes and one ``BandSource`` per band, then implements
``_physical`` (stored values -> K or reflectance), ``radiance`` and ``read_quality``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from rasterio.errors import RasterioError
from rasterio.windows import Window

from ..errors import ProductError
from ..messages import msg
from .archive import TempFolder
from .plausibility import check_grid_size, check_thermal_values
from .raster_access import RasterCache, check_window, masked, read_block, tile_row_bytes
from .scene import THERMAL_BANDS, Band, Grid, Tiepoints

try:  # GDAL errors rasterio raises as such (e.g. CPLE_AppDefinedError "IReadBlock failed")
    from rasterio._err import CPLE_BaseError
except ImportError:  # pragma: no cover - older/newer rasterio layouts
    CPLE_BaseError = RasterioError
# What a damaged or truncated raster raises while its pixels are read.
READ_ERRORS = (RasterioError, CPLE_BaseError, OSError, MemoryError)
# Largest block of a whole band group read at once (float32): a 7800-px strip of 512 rows of seven VNIR
# bands is 112 MB; a whole band of a full scene is read alone.
GROUP_READ_MAX_BYTES = 192 * 1024 * 1024
CONTENT_STRIP_ROWS = 256  # rows per strip of the thermal content check (open time)


@dataclass
class BandSource:
    """Where a band's stored values live and how they are coded."""

    path: Path
    index: int  # 1-based band index in the file
    nodata: float | None
    invalid_values: tuple[float, ...] = ()  # further stored values meaning "no data" (Landsat DN 0)
    field: str | None = None  # metadata field naming the file, for error messages


@dataclass
class SceneBase:
    path: Path
    product_id: str = ""
    source_format: str = ""
    platform: str = ""
    instruments: list[str] = field(default_factory=list)
    start_datetime: datetime | None = None
    end_datetime: datetime | None = None
    sun_elevation: float = float("nan")
    sun_azimuth: float = float("nan")
    view_off_nadir: float | None = None
    view_incidence: float | None = None
    view_azimuth: float | None = None
    earth_sun_distance: float | None = None
    cloud_cover: float | None = None
    grid: Grid | None = None
    footprint_lonlat: list[tuple[float, float]] = field(default_factory=list)
    bands: dict[str, Band] = field(default_factory=dict)
    tiepoints: list[Tiepoints] = field(default_factory=list)
    pointing: dict[str, Any] | None = None
    spectral_response_csv: Path | None = None
    thumbnails: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    root: Path | None = None  # the folder holding the product files (a temporary one for archives)
    _sources: dict[str, BandSource] = field(default_factory=dict, repr=False)
    _cache: RasterCache = field(default_factory=RasterCache, repr=False)
    _temp: TempFolder | None = field(default=None, repr=False)

    # -- Scene protocol ------------------------------------------------------------------------
    @property
    def acquisition_datetime(self) -> datetime:
        """Mid-time of the acquisition (start and end are seconds apart for one scene)."""
        return self.start_datetime + (self.end_datetime - self.start_datetime) / 2

    @property
    def is_day(self) -> bool:
        return bool(self.sun_elevation >= 0.0)

    def read(self, name: str, window: Window | None = None) -> np.ma.MaskedArray:
        """float32 physical values (K or reflectance) of band ``name`` on ``grid``, nodata masked."""
        return masked(self.read_values(name, window))

    def read_values(self, name: str, window: Window | None = None) -> np.ndarray:
        """``read`` as a plain float32 array, NaN where masked: a new array the caller may change.

        The strip passes and the block loop want NaN, not a mask: a MaskedArray filled again cost a mask
        and a full-size copy per band and read (fresh pages, mostly kernel time; issue 15)."""
        stored = self._stored(name, window)
        values = np.asarray(self._physical(name, stored), dtype=np.float32)
        if np.may_share_memory(values, stored):  # the cached block is read-only and shared
            values = values.copy()
        np.copyto(values, np.float32(np.nan), where=~np.isfinite(values))
        return values

    def close(self) -> None:
        self._cache.close()
        if self._temp is not None:
            self._temp.remove()
            self._temp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- helpers for the readers ---------------------------------------------------------------
    def _band(self, name: str) -> Band:
        band = self.bands.get(name)
        if band is None:
            raise ProductError(
                self.path,
                name,
                msg("no such band in this product; expected one of {bands}", bands=sorted(self.bands)),
            )
        if not band.usable:
            raise ProductError(
                self.path, name, msg("band is unusable: {reason}", reason=band.unusable_reason)
            )
        return band

    def _stored(self, name: str, window: Window | None) -> np.ndarray:
        """Stored values (float32, NaN = nodata) of a band on the scene grid; read-only.

        Every band of the file that shares its nodata coding is read with it, once per window and
        thread (``RasterCache.block``): FarEarth's COGs are pixel-interleaved, so one band costs the
        decoding of all of them; the next band of the same window is then served from memory.
        """
        self._band(name)
        src = self._sources[name]
        window = check_window(self.grid, window)
        key = (src.path, repr(src.nodata), src.invalid_values)
        group = sorted(
            {s.index for s in self._sources.values() if (s.path, repr(s.nodata), s.invalid_values) == key}
        )
        if len(group) * int(window.width) * int(window.height) * 4 > GROUP_READ_MAX_BYTES:
            group = [src.index]  # a whole band of a full scene: never seven of them at once
            key = (*key, src.index)
        with self._reading(src.path, src.field):
            ds, serial = self._cache.band_handle(src.path, src.field)
            block = self._cache.block(
                key,
                window,
                lambda: read_block(ds, group, self.grid, window, src.nodata, src.invalid_values, serial),
            )
        return block[group.index(src.index)]

    def shared_reads(self):
        """Context: band reads of every thread through one handle per file (``RasterCache.shared``), for
        loops whose threads read neighbouring windows of the same tiles (the pipeline's block loop)."""
        return self._cache.shared()

    def forget_blocks(self) -> None:
        """Free the blocks this thread keeps for its next read of the same window (see ``_stored``)."""
        self._cache.forget_blocks()

    def tile_row_bytes(self) -> int:
        """Uncompressed bytes of one row of tiles (or strips) of every file holding a usable band: what
        GDAL's block cache must keep for a full-width read to decode each tile once (raster_access)."""
        usable = {n for n, b in self.bands.items() if b.usable}
        paths = {src.path: src.field for n, src in self._sources.items() if n in usable}
        return sum(tile_row_bytes(self._cache.get(path, fld)) for path, fld in paths.items())

    def shown_path(self, path) -> str:
        """``path`` as the user knows it: ``archive!/member`` for files of an unpacked archive."""
        if self._temp is not None:
            try:
                member = Path(path).relative_to(self._temp.path)
            except ValueError:
                return str(path)
            return f"{self.path}!/{member.as_posix()}" if member.parts else str(self.path)
        return str(path)

    @contextlib.contextmanager
    def _reading(self, path, field: str | None) -> Iterator[None]:
        """Turn what a damaged raster raises while it is opened or read into our ProductError."""
        try:
            yield
        except ProductError as exc:
            if exc.path and self._temp is not None and str(self._temp.path) in exc.path:
                raise ProductError(self.shown_path(exc.path), exc.field, exc.reason) from exc
            raise
        except READ_ERRORS as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ProductError(
                self.shown_path(path),
                field,
                msg(
                    "cannot read its pixels ({reason}); expected a complete, readable GeoTIFF", reason=reason
                ),
            ) from exc

    def check_content(self) -> None:
        """Open-time checks of the parsed scene: grid size against the memory plan, and a thermal
        band that holds data which is neither all fill nor all saturated, in a plausible range."""
        names = [n for n in THERMAL_BANDS if n in self.bands and self.bands[n].usable]
        if self.grid is None or not names:
            return
        src = self._sources[names[0]]
        shown = self.shown_path(src.path)
        check_grid_size(shown, src.field or "", self.grid.width, self.grid.height)
        any_data = False
        for window in _strips_from_middle(self.grid, CONTENT_STRIP_ROWS):
            stored = self._stored(names[0], window)
            data = np.isfinite(stored)
            if not data.any():
                continue
            any_data = True
            with self._reading(src.path, src.field):
                q = self.read_quality(window)
            saturated = q.saturated.get(names[0])
            under = q.undersaturated.get(names[0])
            usable = data & ~(q.filled | q.nodata)
            if saturated is not None:
                usable &= ~saturated
            if usable.any():  # the range check leaves out under-saturated (clipped cold) pixels too
                inside = usable & ~under if under is not None else usable
                values = self._physical(names[0], stored[inside])
                check_thermal_values(shown, f"{src.field} ({names[0]})", np.asarray(values, dtype=float))
                return
        if not any_data:
            raise ProductError(
                shown,
                src.field,
                msg("thermal band {band} holds only fill (no-data) values; expected data", band=names[0]),
            )
        raise ProductError(
            shown,
            src.field,
            msg(
                "every thermal pixel of {band} with data is saturated or filled according to the quality "
                "band; expected unsaturated thermal data",
                band=names[0],
            ),
        )

    def _physical(self, name: str, stored: np.ndarray) -> np.ndarray:
        raise NotImplementedError


def open_scene(scene: SceneBase, path: Path, temp, find, parse) -> SceneBase:
    """Fill ``scene`` from the metadata file ``find(path)`` with ``parse``; on any failure close it
    (which also removes an archive's temporary folder ``temp``) before re-raising."""
    if not path.exists():
        raise ProductError(path, None, msg("file or folder not found"))
    scene._temp = temp  # removed by close(), also when parsing fails below
    try:
        parse(scene, find(path))
        scene.check_content()
    except BaseException:
        scene.close()
        raise
    return scene


def _strips_from_middle(grid: Grid, rows: int) -> Iterator[Window]:
    """Full-width strips ordered from the middle row outward (the footprint's centre holds data
    first, so the content check of a normal scene reads one strip)."""
    starts = list(range(0, grid.height, rows))
    mid = grid.height // 2
    for r0 in sorted(starts, key=lambda r: abs(r + rows // 2 - mid)):
        yield Window(0, r0, grid.width, min(rows, grid.height - r0))
