"""What the metadata writers (STAC, ISO, CEOS-ARD) need, read once from a ProductResult.

The pipeline fills ``ProductResult.metadata`` (keys listed in core/result.py). Readers of other
vintages may lack some keys; every accessor here has a documented fallback so the writers never
guess on their own, and ``missing`` lists what fell back (it goes into the package's warnings).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..messages import msg
from ..products.scene import Grid
from ..result import ProductResult
from ..version import plugin_version

SOFTWARE = "LST Studio"

# Band centre wavelength and FWHM (um) by STAC common name, used when the scene metadata gives none:
# Landsat 8 OLI/TIRS relative spectral responses (Barsi et al. 2014, doi:10.3390/rs61010232).
DEFAULT_WAVELENGTHS_UM: dict[str, tuple[float, float]] = {
    "coastal": (0.443, 0.016),
    "blue": (0.482, 0.060),
    "green": (0.561, 0.057),
    "red": (0.655, 0.037),
    "nir08": (0.865, 0.028),
    "swir16": (1.609, 0.085),
    "swir22": (2.201, 0.187),
    "cirrus": (1.373, 0.020),
    "lwir11": (10.895, 0.590),
    "lwir12": (12.005, 1.010),
}


def parse_time(value: Any) -> datetime:
    """A datetime or a STAC/ISO 8601 time (``...Z`` too, which Python 3.9's fromisoformat refuses) as an
    aware UTC datetime; a time without zone is UTC. ValueError when it is none. The one time parser of
    the package writer and readers (layout, cso_io, batch.collection)."""
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def _metadata_time(value: Any, what: str) -> datetime:
    """``parse_time`` of a result-metadata field; a bad value stops the export naming the field."""
    try:
        return parse_time(value)
    except ValueError as exc:
        raise ExportError(
            msg(
                "result metadata: field '{field}' = {value!r} is not an ISO 8601 time",
                field=what,
                value=value,
            )
        ) from exc


def iso_z(dt: datetime) -> str:
    """RFC 3339 UTC with 'Z' and whole seconds (microseconds kept when non-zero)."""
    dt = dt.astimezone(timezone.utc)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if dt.microsecond:
        text += f".{dt.microsecond:06d}"
    return text + "Z"


def multihash_sha256(path: Path) -> str:
    """file:checksum value: multihash sha2-256 (code 0x12, length 0x20) in hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return "1220" + h.hexdigest()


@dataclass
class Facts:
    result: ProductResult
    missing: list[str] = field(default_factory=list)

    def section(self, name: str) -> dict[str, Any]:
        value = self.result.metadata.get(name)
        if not isinstance(value, dict):
            self.missing.append(name)
            return {}
        return value

    @property
    def grid(self) -> Grid:
        return self.result.grid

    @property
    def scene(self) -> dict[str, Any]:
        return self.result.metadata.get("scene") or {}

    @property
    def aoi(self) -> dict[str, Any]:
        return self.result.metadata.get("aoi") or {}

    def get(self, section: str, key: str, default: Any = None) -> Any:
        value = (self.result.metadata.get(section) or {}).get(key)
        if value is None:
            self.missing.append(f"{section}.{key}")
            return default
        return value

    # --- time -------------------------------------------------------------------------------
    @property
    def acquisition(self) -> datetime:
        s = self.scene
        value = s.get("acquisition_datetime") or s.get("datetime") or s.get("start_datetime")
        if value is None:
            raise ExportError(
                msg("result metadata: field 'scene.acquisition_datetime' missing; expected ISO 8601 UTC")
            )
        return _metadata_time(value, "scene.acquisition_datetime")

    @property
    def start(self) -> datetime:
        value = self.scene.get("start_datetime")
        return _metadata_time(value, "scene.start_datetime") if value else self.acquisition

    @property
    def end(self) -> datetime:
        value = self.scene.get("end_datetime")
        return _metadata_time(value, "scene.end_datetime") if value else self.acquisition

    @property
    def processing_started(self) -> datetime:
        p = self.result.metadata.get("processing") or {}
        value = p.get("started") or p.get("datetime")
        return _metadata_time(value, "processing.started") if value else datetime.now(timezone.utc)

    # --- platform ---------------------------------------------------------------------------
    @property
    def platform(self) -> str:
        return str(self.get("scene", "platform", "unknown"))

    @property
    def instruments(self) -> list[str]:
        value = self.get("scene", "instruments", [])
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]

    @property
    def is_day(self) -> bool:
        s = self.scene
        if "is_day" in s:
            return bool(s["is_day"])
        elev = s.get("sun_elevation")
        return elev is None or float(elev) >= 0.0

    def angle(self, key: str) -> float | None:
        value = self.scene.get(key)
        return None if value is None else float(value)

    @property
    def software_version(self) -> str:
        p = self.result.metadata.get("processing") or {}
        if p.get("version"):
            return str(p["version"])
        return plugin_version()

    @property
    def gsd(self) -> float:
        return float(max(self.grid.res))

    @property
    def geometric(self) -> dict[str, Any]:
        return self.result.metadata.get("geometric") or {}

    @property
    def geometric_assessed(self) -> bool:
        return bool(self.geometric.get("assessed"))

    def wavelength(self, band: str) -> tuple[float | None, float | None]:
        bands = self.scene.get("bands")
        if isinstance(bands, dict) and isinstance(bands.get(band), dict):
            b = bands[band]
            c = b.get("center_wavelength_um") or b.get("center_wavelength")
            w = b.get("fwhm_um") or b.get("full_width_half_max")
            if c:
                return float(c), (float(w) if w else None)
        return DEFAULT_WAVELENGTHS_UM.get(band, (None, None))

    @property
    def algorithm(self) -> dict[str, Any]:
        return self.result.metadata.get("algorithm") or {}

    @property
    def atmosphere(self) -> dict[str, Any]:
        return self.result.metadata.get("atmosphere") or {}

    @property
    def emissivity(self) -> dict[str, Any]:
        return self.result.metadata.get("emissivity") or {}

    @property
    def masks(self) -> dict[str, Any]:
        return self.result.metadata.get("masks") or {}

    @property
    def percentages(self) -> dict[str, Any]:
        return self.masks.get("percentages") or {}

    @property
    def ard(self) -> dict[str, Any]:
        """Per-pixel CEOS-ARD companions (core/ard_layers.py): angles, acquisition time, transmittance."""
        return self.result.metadata.get("ard") or {}

    @property
    def sensor(self) -> dict[str, Any]:
        """Calibration constants per band and the spectral response file name (core/ard_layers.py)."""
        return self.result.metadata.get("sensor") or {}

    @property
    def warnings(self) -> list[str]:
        value = self.result.metadata.get("warnings") or []
        return [str(v) for v in value]


MEDIA_COG = "image/tiff; application=geotiff; profile=cloud-optimized"
MEDIA_JPEG = "image/jpeg"
MEDIA_JSON = "application/json"
MEDIA_XML = "application/xml"
MEDIA_TEXT = "text/plain"


@dataclass
class PackageFile:
    """One file of the package, as the metadata writers describe it."""

    key: str  # STAC asset key, e.g. "lst"
    type_: str  # TYPE token of the file name, e.g. "LST"
    path: Path
    media_type: str
    roles: list[str]
    title: str
    layer: str | None = None  # cog.LAYERS key for rasters
    band_names: list[str] = field(default_factory=list)
    stats: list[Any] = field(default_factory=list)  # cog.BandStats per band
    extra: dict[str, Any] = field(default_factory=dict)
