"""LST in the displayed unit, and the one LST scale of a project.

QGIS applies a GeoTIFF band's scale and offset whenever it reads a block (rendering, Identify,
histogram, Classify). A small VRT over the LST file with ``Offset = file offset − 273.15`` therefore
makes every QGIS tool show °C without touching the delivered data (uint16 0.01 K, or float32 K in a
result folder); the band description carries the unit, so Identify reads "LST (°C)". Kelvin display
uses a VRT too, only for that description. VRTs of a result folder go into its ``display/`` folder;
those of a delivery package into the user's profile (a package holds only its documented files).

The LST scale (kelvin) is the user's range stored in the project when set, else the quicklook's
day/night range (core.delivery.quicklook), so every run of a project has the same colours and the
map agrees with the package quicklook.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from qgis.core import QgsApplication, QgsProject

from ..core.delivery.quicklook import lst_range
from .styles import CELSIUS, KELVIN, KELVIN_0C

SCOPE = "lst_studio"


def display_vrt(lst: Path, unit: str, result_folder: bool) -> Path:
    """A VRT over ``lst`` whose values are in ``unit`` (°C or K); written once, reused afterwards."""
    from osgeo import gdal

    lst = Path(lst).resolve()
    suffix = "degC" if unit == CELSIUS else "K"
    if result_folder:
        folder = lst.parent / "display"
    else:
        digest = hashlib.sha1(str(lst).encode("utf-8")).hexdigest()[:12]
        folder = Path(QgsApplication.qgisSettingsDirPath()) / "lst_studio" / "display" / digest
    target = folder / f"{lst.stem}_{suffix}.vrt"
    if target.is_file() and target.stat().st_mtime >= lst.stat().st_mtime:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    src = gdal.Open(str(lst))
    if src is None:
        raise OSError(f"{lst}: GDAL cannot open it")
    band = src.GetRasterBand(1)
    scale, offset = band.GetScale() or 1.0, band.GetOffset() or 0.0
    vrt = gdal.Translate(str(target), src, format="VRT")
    out = vrt.GetRasterBand(1)
    out.SetScale(scale)
    out.SetOffset(offset - KELVIN_0C if unit == CELSIUS else offset)
    out.SetDescription(f"LST ({unit})")
    out.SetUnitType(unit)
    vrt = None  # closes and writes the file
    src = None
    return target


def project_unit(project: QgsProject | None = None) -> str:
    project = project or QgsProject.instance()
    value, _ok = project.readEntry(SCOPE, "display_unit", CELSIUS)
    return KELVIN if value == KELVIN else CELSIUS


def user_scale_k(project: QgsProject | None = None) -> tuple[float, float] | None:
    """The user's LST scale stored in the project (kelvin), or None when the quicklook range applies."""
    project = project or QgsProject.instance()
    lo, ok_lo = project.readDoubleEntry(SCOPE, "scale_min_k", 0.0)
    hi, ok_hi = project.readDoubleEntry(SCOPE, "scale_max_k", 0.0)
    return (lo, hi) if ok_lo and ok_hi and hi > lo else None


def lst_scale(is_day: bool | None, project: QgsProject | None = None) -> tuple[float, float]:
    """The fixed LST scale (K) of the project: the user's range, else the quicklook's for day or night."""
    return user_scale_k(project) or lst_range(True if is_day is None else bool(is_day))
