"""What FarEarthScene and LandsatScene share: band sources, lazy windowed reads, closing.

A reader fills the Scene attributes and one ``BandSource`` per band, then implements
``_physical`` (stored values -> K or reflectance), ``radiance`` and ``read_quality``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from rasterio.windows import Window

from ..errors import ProductError
from .archive import TempFolder
from .raster_access import RasterCache, check_window, masked, read_block
from .scene import Band, Grid, Tiepoints


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
        stored = self._stored(name, window)
        return masked(self._physical(name, stored))

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
                self.path, name, f"no such band in this product; expected one of {sorted(self.bands)}"
            )
        if not band.usable:
            raise ProductError(self.path, name, f"band is unusable: {band.unusable_reason}")
        return band

    def _stored(self, name: str, window: Window | None) -> np.ndarray:
        """Stored values (float32, NaN = nodata) of a band on the scene grid."""
        self._band(name)
        src = self._sources[name]
        window = check_window(self.grid, window)
        ds = self._cache.get(src.path, src.field)
        return read_block(ds, [src.index], self.grid, window, src.nodata, src.invalid_values)[0]

    def _physical(self, name: str, stored: np.ndarray) -> np.ndarray:
        raise NotImplementedError


def open_scene(scene: SceneBase, path: Path, temp, find, parse) -> SceneBase:
    """Fill ``scene`` from the metadata file ``find(path)`` with ``parse``; on any failure close it
    (which also removes an archive's temporary folder ``temp``) before re-raising."""
    if not path.exists():
        raise ProductError(path, None, "file or folder not found")
    scene._temp = temp  # removed by close(), also when parsing fails below
    try:
        parse(scene, find(path))
    except BaseException:
        scene.close()
        raise
    return scene
