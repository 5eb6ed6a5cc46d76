"""Load a result folder or a delivery package into one styled layer group (main thread only).

Every raster is opened and checked before anything touches the project, so a broken file leaves
nothing half-loaded. The group is named after the product, the acquisition date and the AOI id
(unique in the project); layers after what they show and their unit. Order in the group, top to bottom: CLOUD_MASK, LST, LST_UNCERTAINTY, QA, SCL,
VNIR; LST and CLOUD_MASK are visible, the others are switched off but one click away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import QgsLayerTreeGroup, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..core.delivery.layout import open_package
from ..core.errors import LstError
from .lst_display import display_vrt, lst_scale, project_unit
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
    package = open_package(folder)  # the package layout: names, files by TYPE, the STAC item
    rasters = {k: p for k, p in (package.rasters if package else {}).items() if k in PACKAGE_TYPES}
    if not rasters:
        raise LstError(
            f"{folder}: no result.json and no package rasters ({{stem}}_LST.tif ...); expected a result folder or a delivery package"
        )
    band_names = {k: names for k in rasters if (names := package.band_names(k))}
    tiepoints = sorted(folder.glob("*GVER_*.json"))
    if package.path("TIEPOINTS", "json"):
        tiepoints.append(package.path("TIEPOINTS", "json"))
    return ResultFiles(package.stem, rasters, band_names, tiepoints, package.item)


# Layer titles by TYPE; the unit of LST is the displayed one (see lst_display).
LAYER_TITLES = {
    "LST_UNCERTAINTY": QT_TRANSLATE_NOOP("layers", "LST uncertainty (K)"),
    "EMISSIVITY": QT_TRANSLATE_NOOP("layers", "Emissivity"),
    "CLOUD_MASK": QT_TRANSLATE_NOOP("layers", "Cloud mask"),
    "SCL": QT_TRANSLATE_NOOP("layers", "Scene classes"),
    "QA": QT_TRANSLATE_NOOP("layers", "Quality bits"),
    "VNIR": QT_TRANSLATE_NOOP("layers", "VNIR (TOA reflectance)"),
}


def result_facts(files: ResultFiles) -> tuple[str, str, bool | None]:
    """(acquisition 'YYYY-MM-DD HH:MM UTC', AOI id, is_day) of a result folder or a package's STAC item."""
    meta = files.metadata if isinstance(files.metadata, dict) else {}
    scene = meta.get("scene") or {}
    props = meta.get("properties") or {}
    when = str(
        scene.get("acquisition_datetime") or scene.get("start_datetime") or props.get("datetime") or ""
    )
    aoi_id = str((meta.get("aoi") or {}).get("id") or props.get("lst:area_of_interest_id") or "")
    is_day = scene.get("is_day", props.get("lst:day_flag"))
    date = f"{when[:10]} {when[11:16]} UTC" if len(when) >= 16 else when
    return date, aoi_id, is_day


def result_name(files: ResultFiles) -> str:
    """The group name: acquisition date, AOI id and product (a run of another AOI never looks the same)."""
    date, aoi_id, _ = result_facts(files)
    if aoi_id and not aoi_id.upper().startswith("AOI"):
        aoi_id = f"AOI {aoi_id}"
    # date and AOI first: the Layers panel cuts long names, and the product id is the longest part
    return " · ".join(p for p in (date, aoi_id, files.name) if p)


def _unique_group_name(root, name: str) -> str:
    taken = {g.name() for g in root.findGroups()}
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def _open_layer(files: ResultFiles, key: str, unit: str, scale_k) -> QgsRasterLayer:
    path = files.rasters[key]
    title = QCoreApplication.translate("layers", LAYER_TITLES.get(key, key))
    if key == "LST":
        try:
            is_result = (Path(path).parent / "result.json").is_file()
            source = display_vrt(path, unit, is_result, files.rasters.get("CLOUD_MASK"))
        except (OSError, RuntimeError) as exc:  # GDAL: unreadable or truncated file, read-only folder
            raise LstError(f"{path}: cannot be opened as a raster (LST): {exc}") from exc
        layer = QgsRasterLayer(
            str(source), QCoreApplication.translate("layers", "LST ({})").format(unit), "gdal"
        )
        layer.setCustomProperty("lst_studio/unit", unit)
        layer.setCustomProperty("lst_studio/file", str(path))
        day = result_facts(files)[2]
        layer.setCustomProperty("lst_studio/is_day", "" if day is None else str(bool(day)))
    else:
        layer = QgsRasterLayer(str(path), title, "gdal")
    if not layer.isValid():
        raise LstError(f"{path}: cannot be opened as a raster ({key})")
    style_layer(layer, key, files.band_names.get(key), files.rasters.get("CLOUD_MASK"), scale_k, unit)
    layer.setCustomProperty("lst_studio/type", key)  # after the style: a QML replaces custom properties
    return layer


def load_result(
    files: ResultFiles, project: QgsProject | None = None, unit: str | None = None, scale_k=None
) -> QgsLayerTreeGroup:
    """Add one group (product · date · AOI) with every raster styled. Raises LstError, adds nothing, when a
    file fails. LST is shown in ``unit`` (default: the project's) over ``scale_k`` (default: the project's)."""
    project = project or QgsProject.instance()
    unit = unit or project_unit(project)
    if scale_k is None:
        scale_k = lst_scale(result_facts(files)[2], project)
    layers = [(k, _open_layer(files, k, unit, scale_k)) for k in LAYER_ORDER if k in files.rasters]
    root = project.layerTreeRoot()
    group = root.insertGroup(0, _unique_group_name(root, result_name(files)))
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
