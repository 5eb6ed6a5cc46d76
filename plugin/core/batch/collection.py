"""A STAC Collection (pystac) over the delivery packages of a batch: ``write_collection``.

``{out}/collection.json`` (STAC 1.1.0, written atomically) links each package's STAC Item
``./{package}/{package}_METADATA.json`` (rel ``item``); the Items themselves are not rewritten (their
files are listed with checksums in nothing else, but a package stays exactly as the export wrote it).
Extent: the union of the Items' bboxes and the first to last acquisition time. Summaries (STAC
``summaries``, ranges as ``{minimum, maximum}``): ``datetime``, ``platform``, ``eo:cloud_cover`` and
``lst:cloud_ratio_aoi`` (percent of the AOI), ``lst:min_lst``, ``lst:median_lst``, ``lst:max_lst`` (K,
clear pixels), ``lst:area_of_interest_id``; plus ``lst:packages`` (how many). The CSO step accepts this
file as its input (``core.cso_io``: the linked packages are its observations).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..delivery import layout
from ..delivery.facts import parse_time
from ..errors import ExportError, ProductError, field_message
from ..jsonload import load_json
from ..messages import msg

COLLECTION_FILE = "collection.json"
RANGES = ("eo:cloud_cover", "lst:cloud_ratio_aoi", "lst:min_lst", "lst:median_lst", "lst:max_lst")
LISTS = ("platform", "lst:area_of_interest_id")


def _item_file(package: Path) -> Path:
    return package / layout.file_name(package.name, "METADATA", "json")


def _summaries(items: list[dict[str, Any]]) -> dict[str, Any]:
    props = [it.get("properties") or {} for it in items]
    out: dict[str, Any] = {}
    times = sorted(p["datetime"] for p in props if p.get("datetime"))
    if times:
        out["datetime"] = {"minimum": times[0], "maximum": times[-1]}
    for key in RANGES:
        values = [p[key] for p in props if isinstance(p.get(key), (int, float))]
        if values:
            out[key] = {"minimum": min(values), "maximum": max(values)}
    for key in LISTS:
        values = sorted({str(p[key]) for p in props if p.get(key) not in (None, "")})
        if values:
            out[key] = values
    out["lst:packages"] = [len(items)]
    return out


def write_collection(
    out_dir: str | Path, packages: Iterable[str | Path], collection_id: str | None = None
) -> Path:
    """Write ``{out_dir}/collection.json`` over ``packages`` (folders inside ``out_dir``)."""
    import pystac

    out_dir = Path(out_dir)
    folders = sorted({Path(out_dir, p).resolve() for p in packages}, key=lambda p: p.name)
    items = []
    for f in folders:
        try:
            items.append(json.loads(_item_file(f).read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise ExportError(
                msg("{path}: cannot read the package's STAC Item ({error})", path=_item_file(f), error=exc)
            ) from exc
    if not items:
        raise ExportError(
            msg("{path}: no package to describe; expected at least one delivery package", path=out_dir)
        )
    boxes = [it["bbox"] for it in items if it.get("bbox")]
    bbox = [
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    ]
    times = sorted(parse_time(it["properties"]["datetime"]) for it in items)
    collection = pystac.Collection(
        id=collection_id or f"lst-studio-batch-{out_dir.name}",
        title=f"LST Studio delivery packages in {out_dir.name}",
        description=(
            "Land surface temperature delivery packages (LST, uncertainty, emissivity, cloud mask, scene "
            "classes, quality bits) produced by one LST Studio batch; one STAC Item per product and AOI."
        ),
        extent=pystac.Extent(pystac.SpatialExtent([bbox]), pystac.TemporalExtent([[times[0], times[-1]]])),
        license="other",
        summaries=pystac.Summaries(_summaries(items)),
    )
    for f, it in zip(folders, items):
        href = "./" + os.path.relpath(_item_file(f), out_dir.resolve()).replace(os.sep, "/")
        collection.add_link(pystac.Link("item", href, pystac.MediaType.GEOJSON, it.get("id")))
    doc = collection.to_dict(include_self_link=False, transform_hrefs=False)
    target = out_dir / COLLECTION_FILE
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return target  # a re-run that changed nothing writes nothing
    tmp = out_dir / f".{COLLECTION_FILE}.{os.getpid()}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return target


def collection_packages(path: str | Path) -> list[Path]:
    """The package folders a batch collection links (its ``item`` links, relative to the file)."""
    path = Path(path)
    doc = load_json(path, "STAC Collection")  # a user's file: limits, errors naming file and line
    if not isinstance(doc, dict) or doc.get("type") != "Collection":
        raise ExportError(field_message(path, "type", msg("expected 'Collection'")))
    links = doc.get("links") if isinstance(doc.get("links"), list) else []
    hrefs = [lk.get("href") for lk in links if isinstance(lk, dict) and lk.get("rel") == "item"]
    for i, href in enumerate(hrefs):
        if not isinstance(href, str) or not href:
            raise ProductError(
                path, f"links (item {i}).href", msg("{href!r}; expected the path of a STAC Item", href=href)
            )
    return [(path.parent / href).resolve().parent for href in hrefs]


def is_collection(path: str | Path) -> bool:
    """A .json file that is a STAC Collection (cheap check of its ``type``)."""
    path = Path(path)
    if not (path.is_file() and path.suffix.lower() == ".json"):
        return False
    try:
        doc = load_json(path, "STAC Collection")
    except ProductError:
        return False
    return isinstance(doc, dict) and doc.get("type") == "Collection"
