"""Input product readers: one entry point, one Scene model.

``open_product(path)`` recognises
- FarEarth L1C (v1.3, v1.2 keys accepted): the product folder, its ``.zip``, its ``<ID>.geojson``
  or its ``<ID>_product.json``;
- USGS Landsat 8/9 Level-1 (pre-collection, Collection 1, Collection 2): the folder, the
  ``*_MTL.txt`` / ``*_MTL.json``, or the ``.tar`` (``.tar.gz``) as delivered by USGS.
Archives are unpacked into a temporary folder (members leaving it are refused) that
``Scene.close()`` removes; input files are only ever read.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ProductError
from ..messages import msg
from .archive import extract, is_archive
from .farearth import FarEarthScene, open_farearth
from .landsat import LandsatScene, open_landsat
from .scene import Scene, SceneSummary

__all__ = ["FarEarthScene", "LandsatScene", "detect_kind", "open_product", "summarize"]


def detect_kind(path: Path) -> str:
    """'farearth' or 'landsat' for an existing file or (unpacked) folder."""
    name = path.name.lower()
    if path.is_file():
        if name.endswith(".geojson") or name.endswith("_product.json"):
            return "farearth"
        if name.endswith(("_mtl.txt", "_mtl.json")):
            return "landsat"
        raise ProductError(
            path,
            None,
            msg(
                "unrecognised input; expected a FarEarth folder/.zip/.geojson/_product.json or a "
                "Landsat folder/.tar/_MTL.txt/_MTL.json"
            ),
        )
    folders = [path] + [p for p in path.iterdir() if p.is_dir()]
    for folder in folders:
        if any(folder.glob("*.geojson")):
            return "farearth"
        if any(folder.glob("*_MTL.txt")) or any(folder.glob("*_MTL.json")):
            return "landsat"
    raise ProductError(path, None, msg("no FarEarth .geojson and no Landsat _MTL.txt/_MTL.json found"))


def open_product(path: str | Path) -> Scene:
    """Open any supported product lazily; raises ProductError naming file, field and expectation."""
    path = Path(path)
    if not path.exists():
        raise ProductError(path, None, msg("file or folder not found"))
    temp = None
    target = path
    if path.is_file() and is_archive(path):
        temp = extract(path)
        target = temp.path
    try:
        kind = detect_kind(target)
    except BaseException:
        if temp is not None:
            temp.remove()
        raise
    opener = open_farearth if kind == "farearth" else open_landsat
    try:
        return opener(target, original=path, temp=temp)
    except ProductError as exc:
        if temp is None:
            raise
        raise _inside_archive(exc, temp.path, path) from exc


def _inside_archive(exc: ProductError, folder: Path, archive: Path) -> ProductError:
    """The same error with the temporary folder replaced by ``archive!/member`` (what the user has)."""

    def rename(text: str) -> str:
        return text.replace(f"{folder}/", f"{archive}!/").replace(str(folder), str(archive))

    err = ProductError(None, None, rename(str(exc)))
    err.path = rename(exc.path) if exc.path else str(archive)
    err.field = exc.field
    return err


def summarize(scene: Scene) -> SceneSummary:
    """Plain data the GUI shows about an opened product."""
    return SceneSummary(
        product_id=scene.product_id,
        source_format=scene.source_format,
        platform=scene.platform,
        instruments=list(scene.instruments),
        acquisition=scene.acquisition_datetime,
        is_day=scene.is_day,
        bands=list(scene.bands),
        cloud_cover=scene.cloud_cover,
        crs=scene.grid.crs,
        width=scene.grid.width,
        height=scene.grid.height,
        footprint_lonlat=list(scene.footprint_lonlat),
    )
