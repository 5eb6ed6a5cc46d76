"""Evidence references of the CEOS-ARD report, checked against a package (ceos_ard.py writes them,
validate.py checks them).

A reference is ``"FILE"`` or ``"FILE: field, field"``: a field is a dotted JSON path (``properties.datetime``,
``assets.lst.bands[0].unit``; a field without a dot continues the previous one's parent), an XPath in the
ISO record (iso.NS prefixes, searched anywhere), or ``band N`` of a GeoTIFF.

A validation resolves many references into the same few files: it passes one ``parsed`` dict (path ->
JSON document, XML root or band count) to every ``resolve_evidence`` call, so each file is read once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

_INDEX = re.compile(r"^(?P<key>[^\[\]]+)(\[(?P<i>\d+)\])?$")


def parse_evidence(text: str) -> tuple[str, list[str]]:
    """``"FILE: a.b, c"`` -> ("FILE", ["a.b", "a.c"]): a field without a dot continues the previous parent."""
    name, _, rest = text.partition(": ")
    fields: list[str] = []
    parent = ""
    for raw in (p.strip() for p in rest.split(",")) if rest else ():
        if not raw:
            continue
        path = (
            raw
            if ("." in raw or "/" in raw or raw.startswith("band "))
            else (parent + raw if parent else raw)
        )
        parent = path.rsplit(".", 1)[0] + "." if "." in path else ""
        fields.append(path)
    return name.strip(), fields


def resolve_evidence(folder: Path, text: str, parsed: dict[Path, Any] | None = None) -> str | None:
    """None when the evidence reference holds in the package in ``folder``, else what is wrong.

    ``parsed``: the files already read in this validation (module docstring); filled as files are read."""
    parsed = {} if parsed is None else parsed
    name, fields = parse_evidence(text)
    path = folder / name
    if not path.is_file():
        return f"{name} is not in the package"
    suffix = path.suffix.lower()
    if suffix == ".json":
        doc = _once(parsed, path, lambda: json.loads(path.read_text(encoding="utf-8")))
        missing = [f for f in fields if not _json_has(doc, f)]
    elif suffix == ".xml":
        root = _once(parsed, path, lambda: xml_root(path))
        missing = [f for f in fields if not _xml_has(root, f)]
    elif suffix in (".tif", ".tiff"):
        missing = _bands_missing(path, fields, parsed)
    else:
        missing = []
    return f"{name} lacks {', '.join(missing)}" if missing else None


def _once(parsed: dict[Path, Any], path: Path, read: Callable[[], Any]) -> Any:
    if path not in parsed:
        parsed[path] = read()
    return parsed[path]


def _json_has(doc: Any, dotted: str) -> bool:
    node = doc
    for part in dotted.split("."):
        m = _INDEX.match(part)
        if m is None or not isinstance(node, dict) or m.group("key") not in node:
            return False
        node = node[m.group("key")]
        if m.group("i") is not None:
            i = int(m.group("i"))
            if not isinstance(node, list) or i >= len(node):
                return False
            node = node[i]
    return node is not None


def xml_root(path: Path):
    """The root element of an XML file, parsed without entities or network (lxml raises XMLSyntaxError)."""
    from lxml import etree

    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()


def _xml_has(root, field: str) -> bool:
    from .iso import NS

    return bool(root.xpath(f"//{field}", namespaces=NS))


def _band_count(path: Path) -> int | None:
    import rasterio

    try:
        with rasterio.open(path) as src:
            return src.count
    except (rasterio.errors.RasterioError, OSError):
        return None


def _bands_missing(path: Path, fields: list[str], parsed: dict[Path, Any]) -> list[str]:
    bands = [f for f in fields if f.startswith("band ")]
    if not bands:  # the file's existence is the evidence: its content is the raster checks' business
        return []
    count = _once(parsed, path, lambda: _band_count(path))
    if count is None:
        return [f"{f} (file unreadable)" for f in bands]
    return [f for f in bands if int(f.split()[1]) > count]
