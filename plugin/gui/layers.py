"""Load a result folder or a delivery package into one styled layer group (main thread only).

Every raster is opened and checked before anything touches the project, so a broken file leaves
nothing half-loaded. Order in the group, top to bottom: CLOUD_MASK, LST, LST_UNCERTAINTY, QA, SCL,
VNIR; LST and CLOUD_MASK are visible, the others are switched off but one click away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import QgsLayerTreeGroup, QgsProject, QgsRasterLayer

from ..core.errors import LstError
from .styles import style_layer

# Drawing order (top first) and which layers start visible.
LAYER_ORDER = ("CLOUD_MASK", "LST", "LST_UNCERTAINTY", "QA", "SCL", "EMISSIVITY", "VNIR")
VISIBLE = {"LST", "CLOUD_MASK"}
# Package TYPEs of DESIGN.md "Delivery package" that are rasters worth showing.
PACKAGE_TYPES = ("LST_UNCERTAINTY", "LST", "EMISSIVITY", "CLOUD_MASK", "SCL", "QA", "VNIR")


@dataclass
class ResultFiles:
    name: str  # group name: the package stem or the result folder's name
    rasters: dict[str, Path]  # TYPE -> GeoTIFF
    band_names: dict[str, list[str]] = field(default_factory=dict)
    tiepoints: list[Path] = field(default_factory=list)  # GVER json files
    metadata: dict = field(default_factory=dict)


def find_result_files(folder: str | Path) -> ResultFiles:
    """The rasters of a result folder (``result.json``) or of a delivery package (``{stem}_{TYPE}.tif``)."""
    folder = Path(folder)
    if (folder / "result.json").is_file():
        from ..core.result import ProductResult

        result = ProductResult.load(folder)
        tiepoints = [p for k, p in result.files.items() if k.startswith("TIEPOINTS") and Path(p).is_file()]
        scene = result.metadata.get("scene", {}) if isinstance(result.metadata, dict) else {}
        name = scene.get("product_id") or folder.name
        return ResultFiles(name, dict(result.rasters), dict(result.band_names), tiepoints, result.metadata)
    rasters: dict[str, Path] = {}
    stem = None
    for tif in sorted(folder.glob("*.tif")):
        for kind in PACKAGE_TYPES:  # longest names first where one is a prefix of another
            if tif.stem.endswith("_" + kind):
                rasters.setdefault(kind, tif)
                stem = tif.stem[: -len(kind) - 1]
                break
    if not rasters:
        raise LstError(
            f"{folder}: no result.json and no package rasters ({{stem}}_LST.tif ...); expected a result folder or a delivery package"
        )
    band_names: dict[str, list[str]] = {}
    metadata: dict = {}
    stac = folder / f"{stem}_METADATA.json"
    if stac.is_file():
        try:
            metadata = json.loads(stac.read_text(encoding="utf-8"))
            for asset in metadata.get("assets", {}).values():
                href = str(asset.get("href", ""))
                bands = asset.get("eo:bands") or asset.get("bands") or []
                if href.endswith("_VNIR.tif") and bands:
                    band_names["VNIR"] = [b.get("common_name") or b.get("name", "") for b in bands]
        except (OSError, ValueError, AttributeError):
            metadata = {}
    tiepoints = sorted(folder.glob("*GVER_*.json")) + sorted(folder.glob("*_TIEPOINTS.json"))
    return ResultFiles(stem or folder.name, rasters, band_names, tiepoints, metadata)


def load_result(files: ResultFiles, project: QgsProject | None = None) -> QgsLayerTreeGroup:
    """Add one group named after the product with every raster styled. Raises LstError, adds nothing, when a file fails."""
    project = project or QgsProject.instance()
    layers: list[tuple[str, QgsRasterLayer]] = []
    keys = [k for k in LAYER_ORDER if k in files.rasters]
    for key in keys:
        layer = QgsRasterLayer(str(files.rasters[key]), key, "gdal")
        if not layer.isValid():
            raise LstError(f"{files.rasters[key]}: cannot be opened as a raster ({key})")
        style_layer(layer, key, files.band_names.get(key), files.rasters.get("CLOUD_MASK"))
        layer.setCustomProperty("lst_studio/type", key)
        layers.append((key, layer))
    root = project.layerTreeRoot()
    group = root.insertGroup(0, files.name)
    group.setCustomProperty("lst_studio/result", "1")
    for key, layer in layers:
        project.addMapLayer(layer, False)
        node = group.addLayer(layer)
        node.setItemVisibilityChecked(key in VISIBLE)
        if key not in VISIBLE:
            node.setExpanded(False)
    return group


def group_layers(group: QgsLayerTreeGroup) -> dict[str, QgsRasterLayer]:
    """The result rasters of a group by TYPE (tiepoint layers in its sub-group are left out)."""
    return {
        n.layer().customProperty("lst_studio/type") or n.name(): n.layer()
        for n in group.findLayers()
        if isinstance(n.layer(), QgsRasterLayer)
    }
