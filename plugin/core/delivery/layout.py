"""The delivery package layout, known in one place: file TYPEs, ``{stem}_{TYPE}.{ext}`` names, STAC asset
keys, and the reader ``open_package(folder)``.

A package is a folder ``{stem}`` = ``{PRODUCT}_{PLATFORM}_{GEOHASH8}_{YYYYMMDDTHHMMSSZ}`` (naming.py builds
the stem) holding ``{stem}_{TYPE}.{ext}`` files; ``{stem}_METADATA.json`` is the STAC Item (1.1) whose
assets describe every other file. The writer (package.py, sensor.py, stac.py) and every reader
(delivery/validate.py, cso_io.py, gui/layers.py, processing/alg_export_package.py) name and find files
through this module; none parses names or the STAC item by hand.

Adding a file TYPE is one line in ``FILES`` (a data raster: one ``_cog(...)`` line in ``RASTERS``; its
encoding is one ``LayerSpec`` line in cog.LAYERS).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .facts import MEDIA_COG, MEDIA_JPEG, MEDIA_JSON, MEDIA_TEXT, MEDIA_XML, PackageFile

STEM_RE = r"[A-Z0-9]+_[A-Z0-9]+_[0-9B-HJKMNP-Z]{8}_\d{8}T\d{6}Z"  # geohash alphabet: no A, I, L, O
STEM_PATTERN = re.compile(rf"^{STEM_RE}$")
EXTENSIONS = ("tif", "tiff", "jpg", "json", "xml", "txt")
FILE_NAME_PATTERN = re.compile(
    rf"^(?P<stem>{STEM_RE})_(?P<type>[A-Z0-9_]+)\.(?P<ext>{'|'.join(EXTENSIONS)})$"
)
# Any stem that ends with the acquisition time (a reader also accepts stems it did not write itself).
_STEM_TIME = re.compile(r"_(?P<time>\d{8}T\d{6}Z)$")
_TIMED_NAME = re.compile(r"^(?P<stem>.+_\d{8}T\d{6}Z)_(?P<type>[A-Z0-9_]+)\.(?P<ext>[A-Za-z0-9]+)$")


@dataclass(frozen=True)
class FileType:
    """One kind of file in the package."""

    type_: str  # TYPE token of the file name
    ext: str
    asset_key: str  # STAC asset key ("" for the STAC item itself, which is no asset)
    media_type: str
    roles: tuple[str, ...]
    title: str


def _cog(type_: str, key: str, roles: Iterable[str], title: str) -> FileType:
    return FileType(type_, "tif", key, MEDIA_COG, tuple(roles), title)


# Data rasters (COGs written by cog.write_cog), in writing order.
RASTERS: tuple[FileType, ...] = (
    _cog("LST", "lst", ["data"], "Land surface temperature (K)"),
    _cog("LST_UNCERTAINTY", "lst_uncertainty", ["data", "quality"], "LST 1-sigma uncertainty (K)"),
    _cog("EMISSIVITY", "emissivity", ["data"], "Surface emissivity per thermal band"),
    _cog(
        "CLOUD_MASK",
        "cloud_mask",
        ["cloud", "cloud-shadow", "data-mask"],
        "Cloud mask: 0 clear, 1 cloud or shadow",
    ),
    _cog(
        "SCL", "scl", ["data-mask", "cloud", "cloud-shadow", "snow-ice", "water-mask"], "Scene classification"
    ),
    _cog(
        "QA",
        "qa",
        ["data-mask", "saturation", "cloud", "cloud-shadow", "snow-ice", "water-mask"],
        "Quality bits",
    ),
    _cog("VNIR", "vnir", ["data", "reflectance"], "Optical bands, TOA reflectance"),
    # CEOS-ARD companions (core/ard_layers.py): per-pixel geometry, time, and what the uncertainty depends on
    _cog("ANGLES", "angles", ["metadata"], "Per-pixel solar and view zenith/azimuth (deg)"),
    _cog(
        "ACQUISITION_TIME", "acquisition_time", ["metadata"], "Per-pixel acquisition time (s since reference)"
    ),
    _cog("CLOUD_DISTANCE", "cloud_distance", ["quality"], "Distance to the nearest cloud (km)"),
    _cog("TRANSMITTANCE", "transmittance", ["quality"], "Atmospheric transmittance of B10 used"),
    _cog("WATER_VAPOUR", "water_vapour", ["quality"], "Column water vapour used (g/cm2)"),
    _cog("MASK_TESTS", "mask_tests", ["quality"], "Mask tests run and completed per pixel"),
)

FILES: tuple[FileType, ...] = (
    *RASTERS,
    FileType("LST_QUICKLOOK", "tif", "lst_quicklook", MEDIA_COG, ("overview", "visual"), "LST quicklook"),
    FileType("LST_THUMBNAIL", "jpg", "lst_thumbnail", MEDIA_JPEG, ("thumbnail",), "LST thumbnail"),
    FileType(
        "RGB_QUICKLOOK", "tif", "rgb_quicklook", MEDIA_COG, ("overview", "visual"), "True-colour quicklook"
    ),
    FileType("RGB_THUMBNAIL", "jpg", "rgb_thumbnail", MEDIA_JPEG, ("thumbnail",), "True-colour thumbnail"),
    FileType(
        "TIEPOINTS",
        "json",
        "tiepoints",
        MEDIA_JSON,
        ("metadata",),
        "Band-to-band geometric verification tiepoints (FarEarth GVER_REL structure)",
    ),
    FileType(
        "SPECTRAL_RESPONSE",
        "json",
        "spectral_response",
        MEDIA_JSON,
        ("metadata",),
        "Relative spectral response per band",
    ),
    FileType(
        "CALIBRATION", "json", "calibration", MEDIA_JSON, ("metadata",), "Sensor calibration constants used"
    ),
    FileType(
        "CEOS_ARD",
        "json",
        "ceos_ard",
        MEDIA_JSON,
        ("metadata",),
        "CEOS-ARD Surface Temperature self-assessment",
    ),
    FileType(
        "CEOS_ARD",
        "txt",
        "ceos_ard_text",
        MEDIA_TEXT,
        ("metadata",),
        "CEOS-ARD Surface Temperature self-assessment (readable text)",
    ),
    FileType(
        "METADATA",
        "xml",
        "metadata_iso",
        MEDIA_XML,
        ("metadata", "iso-19115"),
        "ISO 19115-2 / INSPIRE metadata",
    ),
    FileType("METADATA", "json", "", MEDIA_JSON, ("metadata",), "STAC Item"),  # the item itself: no asset
)
_BY_NAME = {(f.type_, f.ext): f for f in FILES}
# longest first, so LST_UNCERTAINTY is never read as LST
TYPES: tuple[str, ...] = tuple(sorted({f.type_ for f in FILES}, key=lambda t: (-len(t), t)))


def file_type(type_: str, ext: str) -> FileType:
    try:
        return _BY_NAME[(type_, ext)]
    except KeyError:
        raise KeyError(f"package layout: no file type {type_}.{ext}; register it in layout.FILES") from None


def file_name(stem: str, type_: str, ext: str) -> str:
    return f"{stem}_{type_}.{ext}"


def zip_name(stem: str) -> str:
    """The optional zip beside the package folder (the folder inside it)."""
    return f"{stem}.zip"


def package_file(folder: Path, stem: str, type_: str, ext: str, **fields: Any) -> PackageFile:
    """The writer's description of ``{folder}/{stem}_{TYPE}.{ext}`` with key, media type, roles and title
    from the table (``title=`` or any other PackageFile field can be given to override or add)."""
    t = file_type(type_, ext)
    base = {"key": t.asset_key, "media_type": t.media_type, "roles": list(t.roles), "title": t.title}
    return PackageFile(type_=type_, path=Path(folder) / file_name(stem, type_, ext), **{**base, **fields})


def split_name(name: str) -> tuple[str, str, str] | None:
    """``(stem, TYPE, ext)`` of a package file name, or None when it is none.

    Delivery stems end with the acquisition time, so TYPE is whatever follows it (also a TYPE this version
    does not know). A stem without the time (a renamed package) is split at the longest known TYPE.
    """
    m = _TIMED_NAME.match(name)
    if m:
        return m.group("stem"), m.group("type"), m.group("ext").lower()
    base, dot, ext = name.rpartition(".")
    if not dot:
        return None
    for type_ in TYPES:
        if base.endswith("_" + type_) and len(base) > len(type_) + 1:
            return base[: -len(type_) - 1], type_, ext.lower()
    return None


def stem_time(stem: str) -> datetime | None:
    """The acquisition time (UTC) a stem ends with (``_YYYYMMDDTHHMMSSZ``), or None."""
    m = _STEM_TIME.search(stem)
    return datetime.strptime(m.group("time"), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc) if m else None


def band_names(asset: dict[str, Any]) -> list[str]:
    """Band names of a STAC 1.1 asset: ``bands[].eo:common_name``, else ``bands[].name`` (STAC 1.1 moved
    eo:bands into the common ``bands`` array, with extension fields prefixed: eo v2.0.0)."""
    bands = asset.get("bands") or []
    return [str(b.get("eo:common_name") or b.get("name") or "") for b in bands if isinstance(b, dict)]


@dataclass
class Package:
    """What a reader needs of a package folder: its stem, files by (TYPE, ext), the STAC item."""

    folder: Path
    stem: str
    files: dict[tuple[str, str], Path]
    item: dict[str, Any] = field(default_factory=dict)  # the STAC Item as JSON ({} when absent/unreadable)
    item_error: str | None = None  # why the item could not be read

    @property
    def dated(self) -> bool:
        """The stem ends with the acquisition time, as every delivery stem does (a Level-1C folder's
        ``<ID>_TIR_QA.tif`` is not a package QA)."""
        return bool(_STEM_TIME.search(self.stem))

    def path(self, type_: str, ext: str = "tif") -> Path | None:
        return self.files.get((type_, ext))

    @property
    def rasters(self) -> dict[str, Path]:
        """Data rasters by TYPE, in ``RASTERS`` order."""
        return {t.type_: self.files[(t.type_, "tif")] for t in RASTERS if (t.type_, "tif") in self.files}

    def asset_for(self, type_: str, ext: str = "tif") -> dict[str, Any]:
        """The STAC asset describing ``{stem}_{TYPE}.{ext}`` ({} when there is none)."""
        name = file_name(self.stem, type_, ext)
        for asset in (self.item.get("assets") or {}).values():
            if isinstance(asset, dict) and str(asset.get("href", "")).removeprefix("./") == name:
                return asset
        return {}

    def band_names(self, type_: str) -> list[str]:
        return band_names(self.asset_for(type_))


def index_names(names: Iterable[str]) -> tuple[str | None, dict[tuple[str, str], str]]:
    """(stem, {(TYPE, ext): name}) of package file names; the stem is the one most files share."""
    parts = [(n, split_name(n)) for n in names]
    stems = [p[0] for _, p in parts if p]
    if not stems:
        return None, {}
    stem = max(sorted(set(stems)), key=stems.count)
    return stem, {(p[1], p[2]): n for n, p in parts if p and p[0] == stem}


def open_package(folder: str | Path, read_item: bool = True) -> Package | None:
    """The package in ``folder`` (None when no file there is named ``{stem}_{TYPE}.{ext}``); its STAC
    item is read unless ``read_item`` is False (a caller that reads it its own way)."""
    folder = Path(folder)
    names = [p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]
    exact = [n for n in names if n.startswith(folder.name + "_")]  # the folder is the stem: prefer it
    stem, files = index_names(exact or names)
    if stem is None:
        return None
    pkg = Package(folder, stem, {k: folder / n for k, n in files.items()})
    meta = pkg.path("METADATA", "json")
    if meta is not None and read_item:
        try:
            doc = json.loads(meta.read_text(encoding="utf-8"))
            pkg.item = doc if isinstance(doc, dict) else {}
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            pkg.item_error = f"{meta.name}: {exc}"
    return pkg
