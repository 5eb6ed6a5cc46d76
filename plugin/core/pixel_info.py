"""One pixel of a result, decoded: what the pixel inspector of the dock shows.

``read_pixel`` samples every raster of a result folder or a delivery package at one map position
(in the rasters' CRS; all layers share the output grid), applies the band scale/offset and no-data
of each file, and returns plain values; ``describe_pixel`` turns them into labelled rows: LST in
°C and K, its 1-sigma uncertainty, emissivity per band, the SCL class, the cloud mask and every QA
bit by name (the tables of ``core.quality``). No QGIS here: the dock only converts the click into
the rasters' CRS and shows the rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LstError
from .messages import msg
from .quality import CLOUD_MASK_CLASSES, QA_BITS, SCL_CLASSES

KELVIN_0C = 273.15  # 0 °C in kelvin (ITS-90 / SI definition of the Celsius scale)


@dataclass
class PixelValues:
    row: int
    col: int
    values: dict[str, list[float | None]] = field(default_factory=dict)  # TYPE -> one value per band
    band_names: dict[str, list[str]] = field(default_factory=dict)


def read_pixel(
    rasters: dict[str, str | Path], x: float, y: float, band_names: dict[str, list[str]] | None = None
) -> PixelValues | None:
    """Values of each raster at (x, y) in physical units (None = no data); None when outside the grid."""
    import rasterio

    out: PixelValues | None = None
    for kind, path in rasters.items():
        try:
            with rasterio.open(path) as src:
                row, col = src.index(x, y)
                if not (0 <= row < src.height and 0 <= col < src.width):
                    return None
                window = rasterio.windows.Window(col, row, 1, 1)
                data = src.read(window=window)[:, 0, 0]
                scales, offsets, nodata = src.scales, src.offsets, src.nodata
                names = list(src.descriptions)
        except (rasterio.errors.RasterioError, OSError) as exc:
            raise LstError(
                msg(
                    "{path}: cannot be read for the pixel inspector ({kind}): {error}",
                    path=path,
                    kind=kind,
                    error=exc,
                )
            ) from exc
        if out is None:
            out = PixelValues(row, col)
        out.values[kind] = [_physical(v, nodata, s, o) for v, s, o in zip(data, scales, offsets)]
        given = (band_names or {}).get(kind)
        out.band_names[kind] = list(given) if given else [n or f"band {i + 1}" for i, n in enumerate(names)]
    return out


def _physical(raw, nodata, scale: float, offset: float) -> float | None:
    value = float(raw)
    if math.isnan(value) or (nodata is not None and not math.isnan(nodata) and value == nodata):
        return None
    return value * (scale or 1.0) + (offset or 0.0)


def qa_flags(value: int) -> list[str]:
    """Titles of the QA bits set in ``value`` (in bit order); unknown bits as ``bit N``."""
    known = {b.bit for b in QA_BITS}
    names = [b.title for b in QA_BITS if value >> b.bit & 1]
    names += [f"bit {i}" for i in range(16) if value >> i & 1 and i not in known]
    return names


def scl_title(value: int) -> str:
    return next((c.title for c in SCL_CLASSES if c.value == value), f"class {value}")


def cloud_mask_title(value: int) -> str:
    return next((title for v, _name, title in CLOUD_MASK_CLASSES if v == value), f"value {value}")


def describe_pixel(pixel: PixelValues) -> list[tuple[str, str]]:
    """Rows (label, text) in English; the GUI translates the labels and titles it knows."""
    rows: list[tuple[str, str]] = [("Pixel (row, column)", f"{pixel.row}, {pixel.col}")]
    v = pixel.values

    def first(kind: str) -> float | None:
        return (v.get(kind) or [None])[0]

    lst = first("LST")
    if "LST" in v:
        rows.append(("LST", "no data" if lst is None else f"{lst - KELVIN_0C:.2f} °C  ({lst:.2f} K)"))
    sigma = first("LST_UNCERTAINTY")
    if "LST_UNCERTAINTY" in v:
        rows.append(("LST uncertainty (1σ)", "no data" if sigma is None else f"{sigma:.2f} K"))
    for name, e in zip(pixel.band_names.get("EMISSIVITY", []), v.get("EMISSIVITY", [])):
        rows.append((f"Emissivity {name}", "no data" if e is None else f"{e:.4f}"))
    if "SCL" in v:
        scl = first("SCL")
        rows.append(("Scene class", "no data" if scl is None else f"{scl_title(int(scl))} ({int(scl)})"))
    if "CLOUD_MASK" in v:
        cm = first("CLOUD_MASK")
        rows.append(("Cloud mask", "no data" if cm is None else f"{cloud_mask_title(int(cm))} ({int(cm)})"))
    if "QA" in v:
        qa = first("QA")
        if qa is None:
            rows.append(("QA", "no data"))
        else:
            flags = qa_flags(int(qa))
            rows.append(("QA", f"{int(qa)} = 0b{int(qa):016b}"))
            rows += [("  QA bit", name) for name in flags] or [("  QA bit", "No flag (good quality)")]
    return rows
