"""The one Scene model every reader returns and the rest of the plugin uses.

Conventions (shared by readers, pipeline, masks, delivery and GUI):

- Bands are keyed by their STAC ``eo:common_name``: ``coastal``, ``blue``, ``green``, ``red``,
  ``nir08``, ``swir16``, ``swir22``, ``cirrus`` (reflective, TOA reflectance, unitless) and
  ``lwir11``, ``lwir12`` (thermal, TOA brightness temperature in kelvin). ``THERMAL_BANDS`` and
  ``REFLECTIVE_BANDS`` list them in that order.
- ``Scene.grid`` is the thermal (LST) grid. ``Scene.read(name, window)`` returns a block of any band
  on that grid as a float32 ``numpy.ma.MaskedArray`` in physical units with nodata masked. When a
  group lives on another grid, the reader resamples it onto the thermal grid (documented per reader).
- Windows are ``rasterio.windows.Window`` in pixel coordinates of ``Scene.grid``.
- Times are timezone-aware UTC ``datetime`` objects. Angles are degrees; azimuths clockwise from north.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from affine import Affine
from rasterio.windows import Window

THERMAL_BANDS = ("lwir11", "lwir12")
REFLECTIVE_BANDS = ("coastal", "blue", "green", "red", "nir08", "swir16", "swir22", "cirrus")


@dataclass(frozen=True)
class Grid:
    """A north-up pixel grid: CRS (as ``EPSG:nnnn`` or WKT), affine transform, size."""

    crs: str
    transform: Affine
    width: int
    height: int

    @property
    def res(self) -> tuple[float, float]:
        """Pixel size (x, y) in CRS units, both positive."""
        return abs(self.transform.a), abs(self.transform.e)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(minx, miny, maxx, maxy) in CRS units."""
        x0, y0 = self.transform * (0, 0)
        x1, y1 = self.transform * (self.width, self.height)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    @property
    def epsg(self) -> int | None:
        if self.crs.upper().startswith("EPSG:"):
            return int(self.crs.split(":")[1])
        from pyproj import CRS

        return CRS.from_user_input(self.crs).to_epsg()

    def window_grid(self, window: Window) -> Grid:
        """The sub-grid covered by ``window`` (integer offsets, no resampling)."""
        col, row = int(window.col_off), int(window.row_off)
        return Grid(
            self.crs, self.transform * Affine.translation(col, row), int(window.width), int(window.height)
        )


@dataclass
class Band:
    """One spectral band of a scene, with the calibration needed to go back to radiance."""

    name: str  # STAC common name, the key in Scene.bands (e.g. "lwir11")
    source_name: str  # the band's own name in the product (e.g. "TIR1", "B10")
    group: str  # band group / file ("VNIR", "TIR" for FarEarth; "OLI", "TIRS" for Landsat)
    kind: str  # "reflective" or "thermal"
    center_wavelength_um: float | None = None
    fwhm_um: float | None = None
    gsd_m: float | None = None
    k1: float | None = None  # thermal: W m-2 sr-1 um-1, L = K1 / (exp(K2/BT) - 1)
    k2: float | None = None  # thermal: K
    esun: float | None = None  # reflective: W m-2 um-1
    radiance_gain: float | None = None  # L = gain * stored + offset, when the product gives it
    radiance_offset: float | None = None
    usable: bool = True
    unusable_reason: str | None = None


@dataclass
class Tiepoints:
    """One GVER measurement (absolute: band vs reference; relative: band ``source`` vs ``target``).

    ``lonlat`` is (n, 2) for a single location or (n, 4) for [lon_ref, lat_ref, lon_img, lat_img];
    ``dxy_m`` is (n, 2) disparities in metres (easting, northing); ``score`` (n,) or None.
    """

    kind: str  # "ABS" or "REL"
    source: str  # ABS: measured band id; REL: "from" band
    target: str  # ABS: reference band id; REL: "to" band
    lonlat: np.ndarray
    dxy_m: np.ndarray
    gsd_m: float | None = None
    image_name: str | None = None
    reference_spacecraft: str | None = None
    score: np.ndarray | None = None


@dataclass
class QualityBlock:
    """Decoded per-pixel quality of a block on the scene grid (all arrays bool, same shape)."""

    nodata: np.ndarray
    filled: np.ndarray
    saturated: dict[str, np.ndarray]  # per band common name: over-saturated
    undersaturated: dict[str, np.ndarray]  # per band common name


class Scene(Protocol):
    """What every reader returns (FarEarthScene, LandsatScene). Attributes are read-only."""

    path: Path  # what the user opened
    product_id: str
    source_format: str  # e.g. "FarEarth L1C v1.3", "Landsat Collection 2 Level-1"
    platform: str  # e.g. "LANDSAT-9"
    instruments: list[str]  # e.g. ["OLI", "TIRS"]
    start_datetime: datetime
    end_datetime: datetime
    sun_elevation: float  # scene mean, degrees
    sun_azimuth: float
    view_off_nadir: float | None
    view_incidence: float | None
    view_azimuth: float | None
    earth_sun_distance: float | None  # AU
    cloud_cover: float | None  # percent, as stated by the product
    grid: Grid  # thermal grid
    footprint_lonlat: list[tuple[float, float]]  # closed ring, WGS84 lon/lat
    bands: dict[str, Band]
    tiepoints: list[Tiepoints]  # GVER_ABS and GVER_REL content; empty for Landsat
    pointing: dict[str, Any] | None
    spectral_response_csv: Path | None
    thumbnails: list[Path]
    warnings: list[str]
    extra: dict[str, Any]  # anything reader-specific worth putting into lineage metadata

    @property
    def acquisition_datetime(self) -> datetime: ...

    @property
    def is_day(self) -> bool:  # sun_elevation >= 0
        ...

    def read(self, name: str, window: Window | None = None) -> np.ma.MaskedArray:
        """float32 physical values (K or reflectance) of band ``name`` on ``grid``, nodata masked."""
        ...

    def read_values(self, name: str, window: Window | None = None) -> np.ndarray:
        """``read`` as a new float32 array with NaN where masked."""
        ...

    def read_quality(self, window: Window | None = None) -> QualityBlock: ...

    def read_sun_angles(
        self, window: Window | None = None, grid: Grid | None = None
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Per-pixel (sun zenith, sun azimuth) float32 degrees on ``window`` of ``grid`` (the scene's grid
        by default; another grid of its CRS, e.g. the masks' coarser working grid), or None when absent."""
        ...

    def radiance(self, name: str, window: Window | None = None) -> np.ma.MaskedArray:
        """TOA spectral radiance (W m-2 sr-1 um-1) of a band, float32."""
        ...

    def close(self) -> None: ...


@dataclass
class SceneSummary:
    """What the GUI shows about an opened product (plain data, no open files)."""

    product_id: str
    source_format: str
    platform: str
    instruments: list[str]
    acquisition: datetime
    is_day: bool
    bands: list[str]
    cloud_cover: float | None
    crs: str
    width: int
    height: int
    footprint_lonlat: list[tuple[float, float]] = field(default_factory=list)
