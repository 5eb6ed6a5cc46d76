"""What a batch runs on: the products (folder, glob, list file, STAC ItemCollection) and the AOI features.

Products (``find_products``), resolved to absolute paths, in a stable sorted order, duplicates once:

- a folder: the folder itself when it is one product (a FarEarth ``.geojson`` or a Landsat ``_MTL`` file
  directly inside), else every child that is one (product folders, and ``.zip``/``.tar``/``.tar.gz``
  archives, which are only opened by the task); hidden entries are skipped;
- a glob pattern (``*``, ``?``, ``[``; ``**`` recurses), each match taken as a product;
- a list file (``.txt``/``.lst``/``.list``): one path per line, relative to the list file, ``#`` comments;
- a STAC ItemCollection (``.json`` with ``"type": "FeatureCollection"``): per item, its ``self`` link or
  the first asset whose file name says it is a product entry point (``_product.json``, ``.geojson``,
  ``_MTL.txt``/``.json``, an archive), relative hrefs resolved against the collection file.

A product path that does not exist is not an error here: the batch reports it as a failed task, so one
wrong line never stops the others.

AOIs (``read_aois``): a vector file whose features each give an ``id`` and a ``name`` (property names
matched case-insensitively, also ``aoi_id``/``aoi_name``; the GeoJSON feature ``id`` member counts as the
id; a missing name takes the id). GeoJSON is read as text (RFC 7946: WGS 84 lon/lat; a legacy ``crs``
member is honoured); any other format goes through GDAL's OGR and is transformed to WGS 84. Ids must be
unique: they name the task and the package's ``lst:area_of_interest_id``.
"""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..errors import AoiError, LstError, ProductError, field_message
from ..jsonload import load_json
from ..messages import msg
from ..options import Aoi
from ..products.archive import TAR_SUFFIXES, ZIP_SUFFIXES, is_archive

ARCHIVE_SUFFIXES = ZIP_SUFFIXES + TAR_SUFFIXES
ENTRY_SUFFIXES = ("_product.json", ".geojson", "_mtl.txt", "_mtl.json", *ARCHIVE_SUFFIXES)
LIST_SUFFIXES = (".txt", ".lst", ".list")
ID_FIELDS = ("id", "aoi_id", "fid_name")
NAME_FIELDS = ("name", "aoi_name", "title")


def _is_product_folder(path: Path) -> bool:
    """A product folder holds its entry file directly (detect_kind also looks one level deeper)."""
    return any(path.glob("*.geojson")) or any(path.glob("*_MTL.txt")) or any(path.glob("*_MTL.json"))


def _is_archive(path: Path) -> bool:
    return path.is_file() and is_archive(path)


def _folder_products(folder: Path) -> list[Path]:
    if _is_product_folder(folder):
        return [folder]
    children = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    return [p for p in children if (p.is_dir() and _is_product_folder(p)) or _is_archive(p)]


def _list_file(path: Path) -> list[Path]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            p = Path(line).expanduser()
            out.append(p if p.is_absolute() else path.parent / p)
    return out


def _local_href(href: str, base: Path) -> Path | None:
    parsed = urlparse(href)
    if parsed.scheme in ("http", "https", "s3", "gs"):
        return None
    p = Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(href)
    return p if p.is_absolute() else base / p


def _dicts(value: Any) -> list[dict]:
    """The objects of a JSON list (anything else in it, or a list that is none, gives nothing)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _item_product(item: dict, base: Path, source: Path) -> Path:
    hrefs = [lk.get("href") for lk in _dicts(item.get("links")) if lk.get("rel") == "self"]
    assets = item.get("assets") if isinstance(item.get("assets"), dict) else {}
    hrefs += [
        a.get("href")
        for a in assets.values()
        if isinstance(a, dict) and str(a.get("href", "")).lower().endswith(ENTRY_SUFFIXES)
    ]
    for href in hrefs:
        path = _local_href(str(href), base) if href else None
        if path is not None:
            return path
    raise LstError(
        msg(
            "{source}: item '{item}': expected a local 'self' link or an asset that is a product entry ({suffixes}); remote items must be downloaded first",
            source=source,
            item=item.get("id", "?"),
            suffixes=", ".join(ENTRY_SUFFIXES),
        )
    )


def _item_collection(path: Path, doc: dict) -> list[Path]:
    features = doc.get("features")
    if not isinstance(features, list):
        raise LstError(
            field_message(path, "features", msg("expected the list of STAC items of an ItemCollection"))
        )
    for i, item in enumerate(features):
        if not isinstance(item, dict):
            raise ProductError(
                path, f"features[{i}]", msg("{kind}; expected a STAC item (object)", kind=type(item).__name__)
            )
    return [_item_product(item, path.parent, path) for item in features]


def _one_source(source: str | Path) -> list[Path]:
    text = str(source)
    if any(c in text for c in "*?["):
        return [Path(p) for p in sorted(glob.glob(text, recursive=True))]
    path = Path(text).expanduser()
    if path.is_dir():
        return _folder_products(path)
    if path.is_file() and path.suffix.lower() in LIST_SUFFIXES and not path.name.lower().endswith("_mtl.txt"):
        return _list_file(path)
    if path.is_file() and path.suffix.lower() == ".json" and not path.name.endswith("_product.json"):
        doc = load_json(path, "STAC ItemCollection")  # errors name the file and the line/field
        if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
            return _item_collection(path, doc)
    return [path]  # one product (missing ones fail as tasks, with their error)


def find_products(sources: list[str | Path] | str | Path) -> list[Path]:
    """Absolute product paths from folders, globs, list files and ItemCollections (see module doc)."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    seen: dict[Path, None] = {}
    for source in sources:
        for p in _one_source(source):
            seen.setdefault(Path(p).expanduser().absolute(), None)
    if not seen:
        raise LstError(
            msg(
                "products: nothing found in {sources}; expected product folders, archives, a glob, a list file or a STAC ItemCollection",
                sources=", ".join(map(str, sources)),
            )
        )
    return list(seen)


# --------------------------------------------------------------------------------------------- AOIs


def _pick(props: dict[str, Any], names: tuple[str, ...]) -> str | None:
    lower = {str(k).lower(): v for k, v in props.items()}
    for n in names:
        v = lower.get(n)
        if v not in (None, ""):
            return str(v)
    return None


def _aoi(path: Path, index: int, geometry: Any, props: dict, fid: Any, crs: str) -> Aoi:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise AoiError(
            field_message(f"{path}: feature {index}", "geometry", msg("expected a Polygon or MultiPolygon"))
        )
    aoi_id = _pick(props, ID_FIELDS) or (str(fid) if fid not in (None, "") else None)
    if aoi_id is None:
        raise AoiError(
            field_message(f"{path}: feature {index}", "id", msg("expected an id property (or feature id)"))
        )
    return Aoi(geometry, crs, _pick(props, NAME_FIELDS) or aoi_id, aoi_id)


def _geojson_crs(doc: dict) -> str:
    """RFC 7946 GeoJSON is WGS 84 lon/lat; the 2008 format's named ``crs`` member is still honoured."""
    crs = doc.get("crs")
    props = crs.get("properties") if isinstance(crs, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    if not name or "CRS84" in str(name):
        return "EPSG:4326"
    return str(name).replace("urn:ogc:def:crs:", "").replace("::", ":")


def _read_geojson(path: Path) -> list[Aoi]:
    try:
        doc = load_json(path, "AOI file")
    except ProductError as exc:  # names the file and where; an AOI problem for the caller
        raise AoiError(str(exc)) from exc
    if not isinstance(doc, dict):
        raise AoiError(field_message(path, "document root", msg("expected a GeoJSON object")))
    feats = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
    if not isinstance(feats, list):
        raise AoiError(field_message(path, "features", msg("expected a list of GeoJSON features")))
    crs = _geojson_crs(doc)
    out = []
    for i, f in enumerate(feats):
        if not isinstance(f, dict):
            raise AoiError(
                msg("{path}: feature {index}: expected a GeoJSON feature (object)", path=path, index=i)
            )
        props = f.get("properties") if isinstance(f.get("properties"), dict) else {}
        out.append(_aoi(path, i, f.get("geometry"), props, f.get("id"), crs))
    return out


def _read_ogr(path: Path) -> list[Aoi]:
    from osgeo import ogr, osr

    ds = ogr.Open(str(path))
    if ds is None or ds.GetLayerCount() == 0:
        raise AoiError(
            msg("{path}: not a readable vector file; expected GeoJSON, GeoPackage, Shapefile, …", path=path)
        )
    layer = ds.GetLayer(0)
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    src = layer.GetSpatialRef()
    if src is not None:
        src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs84 = osr.CoordinateTransformation(src, wgs84) if src is not None else None
    out = []
    for i, feat in enumerate(layer):
        geom = feat.GetGeometryRef()
        if geom is not None and to_wgs84 is not None:
            geom = geom.Clone()
            geom.Transform(to_wgs84)
        geometry = json.loads(geom.ExportToJson()) if geom is not None else None
        out.append(_aoi(path, i, geometry, feat.items(), feat.GetFID(), "EPSG:4326"))
    return out


def read_aois(path: str | Path | None) -> list[Aoi | None]:
    """The AOIs of ``path``, one per feature; ``[None]`` (the whole scene) when no file is given."""
    if path in (None, ""):
        return [None]
    path = Path(path)
    if not path.is_file():
        raise AoiError(
            msg("{path}: AOI file not found; expected a vector file of polygons with id and name", path=path)
        )
    is_json = path.suffix.lower() in (".geojson", ".json")
    aois = _read_geojson(path) if is_json else _read_ogr(path)
    if not aois:
        raise AoiError(msg("{path}: no features; expected at least one polygon with id and name", path=path))
    ids = [a.id for a in aois]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise AoiError(
            field_message(path, "id", msg("expected unique ids, repeated: {ids}", ids=", ".join(dup)))
        )
    return aois
