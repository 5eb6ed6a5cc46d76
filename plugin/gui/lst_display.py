"""LST in the displayed unit, and the one LST scale of a project.

QGIS applies a GeoTIFF band's scale and offset whenever it reads a block (rendering, Identify,
histogram, Classify). A small VRT over the LST file with ``Offset = file offset − 273.15`` therefore
makes every QGIS tool show °C without touching the delivered data (uint16 0.01 K, or float32 K in a
result folder); the band description carries the unit, so Identify reads "LST (°C)". Kelvin display
uses a VRT too, only for that description. VRTs of a result folder go into its ``display/`` folder;
those of a delivery package into the user's profile (a package holds only its documented files).

Cloud pixels are no data in the displayed LST (issue 19, point 3): under clouds the retrieval gives a
cloud-top temperature, which would fill QGIS's histogram, layer statistics and Classify with a tail
that is no surface temperature. With the result's CLOUD_MASK the VRT band is a derived band, GDAL's
built-in ``mul`` pixel function of the LST and of the mask turned into a clear-sky factor by a LUT
(0 clear -> 1, 1 cloud and 255 outside -> 0); raw 0 is the band's no-data value (0 K is never an LST).
QGIS then leaves cloud pixels out of rendering, statistics and histograms and Identify reports no
data there; the pixel inspector still reads the delivered file and says "cloud". The LST file of the
package is not touched.

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


def display_vrt(lst: Path, unit: str, result_folder: bool, cloud_mask: Path | None = None) -> Path:
    """A VRT over ``lst`` whose values are in ``unit`` (°C or K), cloud pixels no data when ``cloud_mask``
    (the result's CLOUD_MASK on the same grid) is given; written once, reused afterwards."""
    from osgeo import gdal

    lst = Path(lst).resolve()
    suffix = ("degC" if unit == CELSIUS else "K") + ("_clear" if cloud_mask else "")
    if result_folder:
        folder = lst.parent / "display"
    else:
        digest = hashlib.sha1(str(lst).encode("utf-8")).hexdigest()[:12]
        folder = Path(QgsApplication.qgisSettingsDirPath()) / "lst_studio" / "display" / digest
    target = folder / f"{lst.stem}_{suffix}.vrt"
    sources = [lst] + ([Path(cloud_mask).resolve()] if cloud_mask else [])
    if target.is_file() and all(target.stat().st_mtime >= s.stat().st_mtime for s in sources):
        return target
    folder.mkdir(parents=True, exist_ok=True)
    src = gdal.Open(str(lst))
    if src is None:
        raise OSError(f"{lst}: GDAL cannot open it")
    band = src.GetRasterBand(1)
    scale, offset = band.GetScale() or 1.0, band.GetOffset() or 0.0
    if cloud_mask:
        mask = gdal.Open(str(sources[1]))
        if mask is None or (mask.RasterXSize, mask.RasterYSize) != (src.RasterXSize, src.RasterYSize):
            raise OSError(f"{cloud_mask}: GDAL cannot open it on the grid of {lst.name}")
        offset_shown = offset - KELVIN_0C if unit == CELSIUS else offset
        target.write_text(_clear_sky_vrt(src, sources[1], scale, offset_shown, unit), encoding="utf-8")
        return target
    vrt = gdal.Translate(str(target), src, format="VRT")
    out = vrt.GetRasterBand(1)
    out.SetScale(scale)
    out.SetOffset(offset - KELVIN_0C if unit == CELSIUS else offset)
    out.SetDescription(f"LST ({unit})")
    out.SetUnitType(unit)
    vrt = None  # closes and writes the file
    src = None
    return target


def _clear_sky_vrt(src, cloud_mask: Path, scale: float, offset: float, unit: str) -> str:
    """VRT XML: the LST band times a clear-sky factor from ``cloud_mask`` (GDAL's ``mul`` pixel function)."""
    from xml.sax.saxutils import escape

    band = src.GetRasterBand(1)
    dtype = "UInt16" if band.DataType == 2 else "Float32"  # 2 = GDT_UInt16, the delivery encoding
    nodata = band.GetNoDataValue()
    lst_nodata = "" if nodata is None else f"<NODATA>{nodata!r}</NODATA>"
    geo = ",".join(repr(v) for v in src.GetGeoTransform())
    return f"""<VRTDataset rasterXSize="{src.RasterXSize}" rasterYSize="{src.RasterYSize}">
  <SRS>{escape(src.GetProjection())}</SRS>
  <GeoTransform>{geo}</GeoTransform>
  <VRTRasterBand dataType="{dtype}" band="1" subClass="VRTDerivedRasterBand">
    <Description>{escape(f"LST ({unit})")}</Description>
    <UnitType>{escape(unit)}</UnitType>
    <NoDataValue>0</NoDataValue>
    <Offset>{offset!r}</Offset>
    <Scale>{scale!r}</Scale>
    <PixelFunctionType>mul</PixelFunctionType>
    <SourceTransferType>Float64</SourceTransferType>
    <ComplexSource>
      <SourceFilename relativeToVRT="0">{escape(src.GetDescription())}</SourceFilename>
      <SourceBand>1</SourceBand>{lst_nodata}
    </ComplexSource>
    <ComplexSource>
      <SourceFilename relativeToVRT="0">{escape(str(cloud_mask))}</SourceFilename>
      <SourceBand>1</SourceBand>
      <LUT>0:1,1:0,255:0</LUT>
    </ComplexSource>
  </VRTRasterBand>
</VRTDataset>
"""


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
