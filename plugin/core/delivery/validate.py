"""Self-check of a written delivery package: ``validate_package(folder) -> PackageCheck``.

The offline validator kit (../shared/validators) is a development tool, not part of the plugin; this
module checks, with what QGIS ships (GDAL, rasterio, lxml, pystac), what a user needs to trust a
package they just exported or received:

- the STAC item ``{stem}_METADATA.json`` parses with pystac and has the mandatory STAC 1.1 keys;
- every STAC asset href exists inside the folder with its ``file:size`` and ``file:checksum``
  (multihash sha2-256, the same ``facts.multihash_sha256`` the writer uses); files no asset lists;
- every ``.tif`` passes GDAL's own COG validator (``osgeo_utils.samples.validate_cloud_optimized_geotiff``,
  shipped by Debian's python3-gdal; SKIP where it is missing), decodes completely, and has the
  nodata, scale, offset, data type and band count its STAC ``bands`` state; every ``.jpg`` decodes;
- the ISO XML is well-formed and holds every INSPIRE TG 2.0 element iso.py writes (``ISO_ELEMENTS``,
  XPath presence with non-empty content);
- the CEOS-ARD JSON assesses every requirement of the Surface Temperature PFS
  (``CEOS_ARD_ST_REQUIREMENTS``, the table of ceos_ard.py) with valid statuses, and every evidence
  reference it cites holds (the file exists; the JSON field, ISO XPath or GeoTIFF band is there); the
  files the checks parse (STAC item, ISO record, CEOS-ARD report) are parsed once per validation and
  shared with the evidence checks (``parsed``: path -> document);
- every file name matches layout.FILE_NAME_PATTERN and starts with the folder name (layout.py knows the
  package's names and finds its files).

The checksums, and then the raster checks, run file by file on every core (steps.run_steps), the checks
listed in the same order as one after the other.

Statuses: PASS, WARN (usable, but worth a look), FAIL (the package is broken), SKIP (not checkable here).
``PackageCheck.ok`` is True when nothing FAILs.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from osgeo import gdal

from ..errors import ProcessingCancelled
from ..progress import Progress, ensure
from . import ceos_ard, cog, evidence, iso
from .facts import multihash_sha256
from .layout import FILE_NAME_PATTERN, STEM_PATTERN, file_name, open_package
from .steps import run_steps

PASS, WARN, FAIL, SKIP = "PASS", "WARN", "FAIL", "SKIP"

# Every requirement of the CEOS-ARD Product Family Specification "Optical, Surface Temperature" and the
# statuses, from the one table in ceos_ard.py (../shared/seeds/004, in the order of the document).
CEOS_ARD_ST_REQUIREMENTS: tuple[str, ...] = ceos_ard.REQUIREMENT_IDS
CEOS_ARD_STATUSES = ceos_ard.STATUSES

# The INSPIRE TG 2.0 metadata elements for data sets (Technical Guidance for the implementation of
# INSPIRE dataset and service metadata based on ISO/TS 19139:2007, v2.0, 2017) plus the further
# elements iso.py writes, as XPaths relative to the gmi:MI_Metadata root (namespaces: iso.NS).
# (name, XPath, required): a missing required element FAILs, a missing optional one WARNs.
_ID = "gmd:identificationInfo/gmd:MD_DataIdentification"
_TXT = "*[self::gco:CharacterString or self::gmx:Anchor]"
ISO_ELEMENTS: tuple[tuple[str, str, bool], ...] = (
    ("Resource title", f"{_ID}/gmd:citation/gmd:CI_Citation/gmd:title/{_TXT}", True),
    ("Resource abstract", f"{_ID}/gmd:abstract/{_TXT}", True),
    ("Resource type", "gmd:hierarchyLevel/gmd:MD_ScopeCode/@codeListValue", True),
    (
        "Resource locator",
        "gmd:distributionInfo/gmd:MD_Distribution/gmd:transferOptions/gmd:MD_DigitalTransferOptions/"
        "gmd:onLine/gmd:CI_OnlineResource/gmd:linkage/gmd:URL",
        True,
    ),
    (
        "Unique resource identifier",
        f"{_ID}/gmd:citation/gmd:CI_Citation/gmd:identifier/gmd:RS_Identifier/gmd:code/{_TXT}",
        True,
    ),
    ("Resource language", f"{_ID}/gmd:language/gmd:LanguageCode/@codeListValue", True),
    ("Topic category", f"{_ID}/gmd:topicCategory/gmd:MD_TopicCategoryCode", True),
    (
        "Keyword (INSPIRE spatial data theme)",
        f"{_ID}/gmd:descriptiveKeywords/gmd:MD_Keywords[gmd:thesaurusName/gmd:CI_Citation/gmd:title/"
        f"{_TXT}[normalize-space()='GEMET - INSPIRE themes, version 1.0']]/gmd:keyword/{_TXT}",
        True,
    ),
    (
        "Geographic bounding box",
        f"{_ID}/gmd:extent/gmd:EX_Extent/gmd:geographicElement/gmd:EX_GeographicBoundingBox["
        "gmd:westBoundLongitude/gco:Decimal and gmd:eastBoundLongitude/gco:Decimal and "
        "gmd:southBoundLatitude/gco:Decimal and gmd:northBoundLatitude/gco:Decimal]",
        True,
    ),
    (
        "Temporal reference",
        f"{_ID}/gmd:extent/gmd:EX_Extent/gmd:temporalElement/gmd:EX_TemporalExtent/gmd:extent/"
        "gml:TimePeriod/gml:beginPosition",
        True,
    ),
    (
        "Lineage",
        f"gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:lineage/gmd:LI_Lineage/gmd:statement/{_TXT}",
        True,
    ),
    (
        "Spatial resolution",
        f"{_ID}/gmd:spatialResolution/gmd:MD_Resolution/gmd:distance/gco:Distance[@uom]",
        True,
    ),
    (
        "Conformity",
        "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:report/*/gmd:result/gmd:DQ_ConformanceResult["
        "gmd:specification/gmd:CI_Citation/gmd:title and gmd:pass]",
        True,
    ),
    (
        "Conditions for access and use",
        f"{_ID}/gmd:resourceConstraints/gmd:MD_LegalConstraints[gmd:useConstraints]/gmd:otherConstraints/{_TXT}",
        True,
    ),
    (
        "Limitations on public access",
        f"{_ID}/gmd:resourceConstraints/gmd:MD_LegalConstraints[gmd:accessConstraints]/"
        f"gmd:otherConstraints/{_TXT}",
        True,
    ),
    (
        "Responsible organisation",
        f"{_ID}/gmd:pointOfContact/gmd:CI_ResponsibleParty[gmd:contactInfo//gmd:electronicMailAddress/"
        f"{_TXT} and gmd:role/gmd:CI_RoleCode/@codeListValue]/gmd:organisationName/{_TXT}",
        True,
    ),
    (
        "Metadata point of contact",
        "gmd:contact/gmd:CI_ResponsibleParty[gmd:role/gmd:CI_RoleCode/@codeListValue='pointOfContact' and "
        f"gmd:contactInfo//gmd:electronicMailAddress/{_TXT}]/gmd:organisationName/{_TXT}",
        True,
    ),
    ("Metadata date", "gmd:dateStamp/*[self::gco:Date or self::gco:DateTime]", True),
    ("Metadata language", "gmd:language/gmd:LanguageCode/@codeListValue", True),
    # beyond the mandatory set: what iso.py writes as well
    ("File identifier", "gmd:fileIdentifier/gco:CharacterString", True),
    ("Metadata character set", "gmd:characterSet/gmd:MD_CharacterSetCode/@codeListValue", True),
    (
        "Encoding (distribution format)",
        "gmd:distributionInfo/gmd:MD_Distribution/gmd:distributionFormat/gmd:MD_Format/gmd:name/gco:CharacterString",
        True,
    ),
    (
        "Spatial representation type",
        f"{_ID}/gmd:spatialRepresentationType/gmd:MD_SpatialRepresentationTypeCode/@codeListValue",
        True,
    ),
    (
        "Lineage process steps",
        "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:lineage/gmd:LI_Lineage/gmd:processStep/gmd:LI_ProcessStep/"
        "gmd:description/gco:CharacterString",
        True,
    ),
    (
        "Geometric accuracy (or 'not assessed')",
        "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:report/gmd:DQ_RelativeInternalPositionalAccuracy/"
        "gmd:measureDescription/gco:CharacterString",
        True,
    ),
    (
        "Acquisition platform",
        "gmi:acquisitionInformation/gmi:MI_AcquisitionInformation/gmi:platform/gmi:MI_Platform/gmi:identifier/"
        "gmd:MD_Identifier/gmd:code/gco:CharacterString",
        True,
    ),
    # written only when the grid has an EPSG code
    (
        "Coordinate reference system",
        "gmd:referenceSystemInfo/gmd:MD_ReferenceSystem/gmd:referenceSystemIdentifier/gmd:RS_Identifier/"
        f"gmd:code/{_TXT}",
        False,
    ),
)
STAC_ITEM_KEYS = ("type", "stac_version", "id", "geometry", "bbox", "properties", "links", "assets")


class Check(NamedTuple):
    name: str
    status: str  # PASS | WARN | FAIL | SKIP
    message: str


@dataclass
class PackageCheck:
    """The self-check of one package: ``ok`` unless a check FAILs; ``summary`` is for people."""

    folder: Path
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.status != FAIL for c in self.checks)

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.checks)

    @property
    def summary(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s}" for s in (PASS, WARN, FAIL, SKIP))
        head = (
            f"Package self-check {'passed' if self.ok else 'FAILED'}: {len(self.checks)} checks ({counts})."
        )
        lines = [head] + [
            f"{c.status} {c.name}: {c.message}" for c in self.checks if c.status in (FAIL, WARN)
        ]
        skipped = [c for c in self.checks if c.status == SKIP]
        if skipped:
            lines.append(
                f"SKIP {skipped[0].name}: {skipped[0].message}"
                + (f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else "")
            )
        return "\n".join(lines)


def validate_package(folder: str | Path, progress: Progress | None = None) -> PackageCheck:
    """Check the delivery package in ``folder`` (see the module docstring); never raises for a bad package."""
    with cog.gdal_cache():
        return _validate(Path(folder), ensure(progress))


def _validate(folder: Path, progress: Progress) -> PackageCheck:
    out = PackageCheck(folder)
    if not folder.is_dir():
        out.checks.append(Check("package folder", FAIL, f"{folder} is not a folder"))
        return out
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    out.checks.append(_check_names(folder, files))
    hidden = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    if hidden:
        out.checks.append(Check("hidden files", WARN, "left-overs in the package: " + ", ".join(hidden)))

    package = open_package(folder, read_item=False)  # the STAC check below reads the item
    stem = package.stem if package is not None else folder.name
    item_path = folder / file_name(stem, "METADATA", "json")
    parsed: dict[Path, Any] = {}  # what this validation parsed (module docstring)
    item, check = _check_stac(item_path, parsed)
    out.checks.append(check)
    assets = (item or {}).get("assets") or {}
    if not isinstance(assets, dict):
        assets = {}
    by_file: dict[Path, dict] = {}
    # the checksums (every byte of the package read once) on every core, in the order of the item
    asset_steps = [lambda _p, k=key, a=asset: _check_asset(folder, k, a) for key, asset in assets.items()]
    sizes = [_size(folder, asset) for asset in assets.values()]
    for (check, path), asset in zip(run_steps(asset_steps, sizes, progress.sub(0.0, 0.3)), assets.values()):
        out.checks.append(check)
        if path is not None and isinstance(asset, dict):
            by_file[path] = asset
    listed = {p.resolve() for p in by_file}
    unlisted = [p.name for p in files if p.resolve() not in listed and p != item_path]
    if item is not None:
        out.checks.append(
            Check(
                "files listed in the STAC item", WARN, "not referenced by any asset: " + ", ".join(unlisted)
            )
            if unlisted
            else Check("files listed in the STAC item", PASS, f"all {len(files) - 1} files are STAC assets")
        )
    progress.update(0.3)
    progress.check()

    rasters = [p for p in files if p.suffix.lower() in (".tif", ".tiff")]
    raster_steps = [lambda p, path=path: _check_raster(path, by_file.get(path), p) for path in rasters]
    for checks in run_steps(raster_steps, [p.stat().st_size for p in rasters], progress.sub(0.3, 0.9)):
        out.checks.extend(checks)
    for path in files:
        if path.suffix.lower() in (".jpg", ".jpeg"):
            out.checks.append(_guarded(f"image {path.name}", _check_image, path))

    xml = folder / file_name(stem, "METADATA", "xml")
    iso_checks = _guarded("ISO 19115-2 XML", _check_iso, xml, parsed)
    out.checks.extend(iso_checks if isinstance(iso_checks, list) else [iso_checks])
    ceos = folder / file_name(stem, "CEOS_ARD", "json")
    out.checks.append(_guarded("CEOS-ARD self-assessment", _check_ceos_ard, ceos, parsed))
    progress.update(1.0)
    return out


def _guarded(name: str, check, *args):
    """Run one check; a malformed file that breaks it in an unforeseen way FAILs that check only."""
    try:
        return check(*args)
    except ProcessingCancelled:
        raise
    except Exception as exc:  # any parser can fail its own way on a broken file; report, do not crash
        return Check(name, FAIL, f"could not be checked ({type(exc).__name__}: {exc})")


# --- names -----------------------------------------------------------------------------------------
def _check_names(folder: Path, files: list[Path]) -> Check:
    problems = []
    if not STEM_PATTERN.match(folder.name):
        problems.append(
            f"folder {folder.name} is not {{PRODUCT}}_{{PLATFORM}}_{{GEOHASH8}}_{{YYYYMMDDTHHMMSSZ}}"
        )
    for p in files:
        if not FILE_NAME_PATTERN.match(p.name) or not p.name.startswith(folder.name + "_"):
            problems.append(p.name)
    if problems:
        return Check("file names", FAIL, "not {folder}_{TYPE}.{ext}: " + ", ".join(problems))
    return Check("file names", PASS, f"{len(files)} files named {folder.name}_{{TYPE}}.{{ext}}")


# --- STAC ------------------------------------------------------------------------------------------
def _check_stac(path: Path, parsed: dict[Path, Any]) -> tuple[dict | None, Check]:
    name = "STAC item"
    if not path.is_file():
        return None, Check(name, FAIL, f"{path.name} is missing")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, Check(name, FAIL, f"{path.name} is not valid JSON ({exc})")
    parsed[path] = doc
    if not isinstance(doc, dict):
        return None, Check(name, FAIL, f"{path.name} is not a JSON object")
    missing = [k for k in STAC_ITEM_KEYS if k not in doc]
    props = doc.get("properties") if isinstance(doc.get("properties"), dict) else {}
    if props.get("datetime") is None and not (props.get("start_datetime") and props.get("end_datetime")):
        missing.append("properties.datetime (or start_datetime and end_datetime)")
    if missing:
        return doc, Check(name, FAIL, f"{path.name} lacks mandatory key(s): {', '.join(missing)}")
    if doc["type"] != "Feature":
        return doc, Check(
            name, FAIL, f"{path.name}: type is {doc['type']!r}; expected 'Feature' (a STAC Item)"
        )
    try:
        import pystac

        item = pystac.Item.from_dict(doc, migrate=False)
    except Exception as exc:  # pystac raises several types for malformed items
        return doc, Check(
            name, FAIL, f"{path.name} does not parse as a STAC Item ({type(exc).__name__}: {exc})"
        )
    if item.id != path.parent.name:
        return doc, Check(name, WARN, f"item id {item.id} differs from the folder name {path.parent.name}")
    return doc, Check(name, PASS, f"STAC {doc['stac_version']} item {item.id} with {len(item.assets)} assets")


def _check_asset(folder: Path, key: str, asset: Any) -> tuple[Check, Path | None]:
    name = f"asset {key}"
    if not isinstance(asset, dict) or not isinstance(asset.get("href"), str):
        return Check(name, FAIL, "has no href"), None
    href = asset["href"]
    if "://" in href or href.startswith("/"):
        return Check(name, FAIL, f"href {href} is not relative to the package folder"), None
    path = folder / href
    if folder.resolve() not in path.resolve().parents:
        return Check(name, FAIL, f"href {href} points outside the package folder"), None
    if not path.is_file():
        return Check(name, FAIL, f"{href} does not exist"), None
    size = path.stat().st_size
    if asset.get("file:size") is None or asset.get("file:checksum") is None:
        return Check(name, WARN, f"{href}: no file:size/file:checksum to compare"), path
    if asset["file:size"] != size:
        return Check(name, FAIL, f"{href}: {size} bytes; file:size says {asset['file:size']}"), path
    checksum = str(asset["file:checksum"]).lower()
    if not checksum.startswith("1220"):
        return Check(name, WARN, f"{href}: file:checksum is not a sha2-256 multihash; not compared"), path
    actual = multihash_sha256(path)
    if actual != checksum:
        return Check(
            name, FAIL, f"{href}: sha2-256 {actual[4:16]}… differs from file:checksum {checksum[4:16]}…"
        ), path
    return Check(name, PASS, f"{href}: {size} bytes, sha2-256 matches"), path


# --- rasters ---------------------------------------------------------------------------------------
def _load_cog_validator():
    """GDAL's own COG validator module, or None where this GDAL build does not ship osgeo_utils."""
    try:
        return importlib.import_module("osgeo_utils.samples.validate_cloud_optimized_geotiff")
    except ImportError:
        return None


# loaded with this module, not first on a worker thread of the checks: two threads importing the osgeo
# packages at once can fail half-way ("partially initialized module"; core.morphology)
_COG_VALIDATOR = _load_cog_validator()


def _check_cog_structure(path: Path) -> Check:
    name = f"COG {path.name}"
    validator = _COG_VALIDATOR
    if validator is None:
        return Check(name, SKIP, "GDAL's COG validator (osgeo_utils.samples) is not installed")

    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        warnings, errors, _details = validator.validate(str(path), check_tiled=True, full_check=True)
    except validator.ValidateCloudOptimizedGeoTIFFException as exc:
        return Check(name, FAIL, f"not a cloud-optimized GeoTIFF: {exc}")
    except Exception as exc:  # a truncated file breaks the validator's reads (struct.error, RuntimeError)
        return Check(name, FAIL, f"the COG validator cannot read the file (truncated or corrupt?): {exc}")
    finally:
        gdal.PopErrorHandler()
    if errors:
        return Check(name, FAIL, "; ".join(errors))
    if warnings:
        return Check(name, WARN, "; ".join(warnings))
    return Check(name, PASS, "valid cloud-optimized GeoTIFF (GDAL validator)")


def _check_raster(path: Path, asset: dict | None, progress: Progress) -> list[Check]:
    """The COG structure and the content of one raster (a step of ``run_steps``)."""
    structure = _check_cog_structure(path)
    return [structure, _guarded(f"raster {path.name}", _check_raster_content, path, asset, progress)]


def _size(folder: Path, asset: Any) -> float:
    """Bytes of an asset's file (its share of the checksum work), 1 when it cannot be told."""
    href = asset.get("href") if isinstance(asset, dict) else None
    path = folder / href if isinstance(href, str) and "://" not in href else None
    try:
        return float(path.stat().st_size) if path is not None and path.is_file() else 1.0
    except OSError:
        return 1.0


def _check_raster_content(path: Path, asset: dict | None, progress: Progress | None = None) -> Check:
    """Every block decodes; nodata/scale/offset/data type/band count agree with the STAC bands."""
    import numpy as np
    import rasterio
    from rasterio.windows import Window

    progress = ensure(progress)
    name = f"raster {path.name}"
    problems = []
    try:
        # one row of blocks per read (the files are checked side by side, see validate_package). Not
        # GDAL's multi-threaded decoding (NUM_THREADS): GDAL 3.6 then logs a truncated block's read
        # error on its worker thread but returns success, and the broken file would pass.
        with rasterio.open(path) as src:
            rows = src.block_shapes[0][0]
            strip = None  # one array for every full strip: a fresh one per read costs page faults
            for row in range(0, src.height, rows):
                height = min(rows, src.height - row)
                if strip is None or strip.shape[1] != height:
                    strip = np.empty((src.count, height, src.width), dtype=src.dtypes[0])
                src.read(window=Window(0, row, src.width, height), out=strip)
                progress.update((row + height) / src.height)
            bands = (asset or {}).get("bands")
            if isinstance(bands, list) and bands:
                if len(bands) != src.count:
                    problems.append(f"{src.count} bands; STAC lists {len(bands)}")
                for i, band in enumerate(bands[: src.count]):
                    b = i + 1
                    if "nodata" in band and not _same(src.nodatavals[i], band["nodata"]):
                        problems.append(f"band {b} nodata {src.nodatavals[i]}; STAC says {band['nodata']}")
                    if "data_type" in band and band["data_type"] != src.dtypes[i]:
                        problems.append(f"band {b} data type {src.dtypes[i]}; STAC says {band['data_type']}")
                    scale, offset = band.get("raster:scale", 1.0), band.get("raster:offset", 0.0)
                    if not np.isclose(src.scales[i], scale, rtol=1e-9, atol=0):
                        problems.append(f"band {b} scale {src.scales[i]}; STAC says {scale}")
                    if not np.isclose(src.offsets[i], offset, rtol=0, atol=1e-12):
                        problems.append(f"band {b} offset {src.offsets[i]}; STAC says {offset}")
                what = f"{src.count} band(s) decode; nodata/scale/offset as in STAC"
            else:
                what = f"{src.count} band(s) decode (no STAC bands to compare)"
    except (rasterio.errors.RasterioError, OSError) as exc:
        return Check(name, FAIL, f"cannot be read completely ({exc})")
    if problems:
        return Check(name, FAIL, "; ".join(problems))
    return Check(name, PASS, what)


def _same(actual: float | None, stated: Any) -> bool:
    if actual is None or stated is None:
        return actual is None and stated is None
    if isinstance(stated, str):  # STAC writes "nan", "inf", "-inf" as strings
        stated = float(stated)
    return actual == stated or (actual != actual and stated != stated)


def _check_image(path: Path) -> Check:
    import warnings

    import rasterio

    name = f"image {path.name}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
            with rasterio.open(path) as src:
                src.read()
                size = f"{src.width} x {src.height}"
    except (rasterio.errors.RasterioError, OSError) as exc:
        return Check(name, FAIL, f"cannot be decoded ({exc})")
    return Check(name, PASS, f"{size} px, decodes")


# --- ISO XML ---------------------------------------------------------------------------------------
def _check_iso(path: Path, parsed: dict[Path, Any]) -> list[Check]:
    from lxml import etree

    name = "ISO 19115-2 XML"
    if not path.is_file():
        return [Check(name, FAIL, f"{path.name} is missing")]
    try:
        root = parsed[path] = evidence.xml_root(path)
    except etree.XMLSyntaxError as exc:
        return [Check(name, FAIL, f"{path.name} is not well-formed XML ({exc})")]
    if root.tag != f"{{{iso.NS['gmi']}}}MI_Metadata":
        return [Check(name, FAIL, f"{path.name}: root element is {root.tag}; expected gmi:MI_Metadata")]
    checks = [Check(name, PASS, f"{path.name} is well-formed gmi:MI_Metadata")]
    missing = [n for n, xpath, required in ISO_ELEMENTS if required and not _present(root, xpath)]
    optional = [n for n, xpath, required in ISO_ELEMENTS if not required and not _present(root, xpath)]
    if missing:
        checks.append(Check("INSPIRE elements", FAIL, "missing or empty: " + ", ".join(missing)))
    elif optional:
        checks.append(Check("INSPIRE elements", WARN, "missing (optional): " + ", ".join(optional)))
    else:
        checks.append(Check("INSPIRE elements", PASS, f"all {len(ISO_ELEMENTS)} elements present"))
    return checks


def _present(root, xpath: str) -> bool:
    for hit in root.xpath(xpath, namespaces=iso.NS):
        if isinstance(hit, str):
            if hit.strip():
                return True
        elif (hit.text or "").strip() or len(hit):
            return True
    return False


# --- CEOS-ARD --------------------------------------------------------------------------------------
def _check_ceos_ard(path: Path, parsed: dict[Path, Any]) -> Check:
    name = "CEOS-ARD self-assessment"
    if not path.is_file():
        return Check(name, FAIL, f"{path.name} is missing")
    try:
        doc = parsed[path] = json.loads(path.read_text(encoding="utf-8"))
        rows = doc["requirements"]
        ids = [r["identifier"] for r in rows]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        return Check(name, FAIL, f"{path.name} is not a CEOS-ARD report ({type(exc).__name__}: {exc})")
    missing = [i for i in CEOS_ARD_ST_REQUIREMENTS if i not in ids]
    bad = [
        r.get("identifier")
        for r in rows
        if r.get("threshold") not in CEOS_ARD_STATUSES or r.get("goal") not in CEOS_ARD_STATUSES
    ]
    if missing:
        return Check(name, FAIL, "requirement(s) not assessed: " + ", ".join(missing))
    if bad:
        return Check(
            name, FAIL, "requirement(s) without a valid threshold/goal status: " + ", ".join(map(str, bad))
        )
    if len(set(ids)) != len(ids):
        return Check(name, WARN, "a requirement is listed twice")
    unresolved = _unresolved_evidence(path.parent, rows, parsed)
    if unresolved:
        return Check(name, FAIL, "evidence not found in the package: " + "; ".join(unresolved))
    cited = sum(len(r.get("evidence") or []) for r in rows)
    return Check(
        name,
        PASS,
        f"all {len(CEOS_ARD_ST_REQUIREMENTS)} requirements assessed, {cited} evidence references hold",
    )


def _unresolved_evidence(folder: Path, rows: list, parsed: dict[Path, Any]) -> list[str]:
    """Each evidence reference (file, JSON field, ISO XPath, GeoTIFF band) the report cites, checked
    against the files as this validation parsed them (each file once)."""
    problems = []
    for r in rows:
        for text in r.get("evidence") or []:
            problem = evidence.resolve_evidence(folder, str(text), parsed)
            if problem:
                problems.append(f"{r.get('identifier')}: {problem}")
    return problems
