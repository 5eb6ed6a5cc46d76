"""A USGS Landsat Collection 2 Level-1 style product made from the same truth as the FarEarth sample.

Folder ``LC09_L1TP_180033_<acquired>_<processed>_02_T1/`` (``LT09_…`` at night) with ``<ID>_B1.TIF`` … ``_B7``, ``_B9``,
``_B10``, ``_B11`` (uint16 DN, 0 = fill, COG), ``<ID>_QA_PIXEL.TIF``, ``<ID>_QA_RADSAT.TIF`` and
``<ID>_MTL.txt`` / ``<ID>_MTL.json`` with the C2 key structure (``LANDSAT_METADATA_FILE`` →
``PRODUCT_CONTENTS``, ``IMAGE_ATTRIBUTES``, ``PROJECTION_ATTRIBUTES``, ``LEVEL1_MIN_MAX_*``,
``LEVEL1_RADIOMETRIC_RESCALING``, ``LEVEL1_THERMAL_CONSTANTS``, ``LEVEL1_PROJECTION_PARAMETERS``).
As in the USGS MTL.json, every value of the JSON is a string.

Encoding (USGS Landsat 8/9 Data Users Handbook; algorithms.md §1):
- thermal: L = RADIANCE_MULT·Q + RADIANCE_ADD with the L9 values (3.8e-4 / 3.49e-4, 0.1), then
  BT = K2 / ln(K1/L + 1); the DN encodes the same noisy BT as the FarEarth TIR group (before its
  0.1 K quantisation), so both agree within 0.05 K + 0.003 K;
- reflective: ρ = (REFLECTANCE_MULT·Q + REFLECTANCE_ADD) / sin(SUN_ELEVATION) with 2e-5 / −0.1 and
  the scene-centre SUN_ELEVATION written in the MTL; RADIANCE_MULT/ADD = reflectance rescaling ×
  ESUN / (π·d²), consistent with the FarEarth radianceConversion.
- Corner coordinates (``CORNER_*_PROJECTION_*_PRODUCT``) are pixel centres, as USGS writes them:
  the GeoTIFF origin is the UL corner minus half a pixel.
- QA_PIXEL bits from the truth (a perfect Fmask): 0 fill, 2 cirrus (thin cloud), 3 cloud (thick),
  4 shadow, 5 snow, 6 clear, 7 water, confidences 8–9 cloud, 10–11 shadow, 12–13 snow, 14–15 cirrus.
  QA_RADSAT bit b−1 = band b saturated.
At night only B10, B11 and the QA files are written, as a TIRS-only ``LT09_…`` product with
SENSOR_ID "TIRS" (the naming USGS uses for TIRS-only acquisitions).
"""

from __future__ import annotations

import json
import math
from datetime import timedelta
from pathlib import Path

import numpy as np
from pyproj import Transformer

from . import physics
from .model import OPTICAL_BANDS

WRS_PATH, WRS_ROW = 180, 33
REFLECTIVE = (  # (Landsat band number, STAC common name)
    (1, "coastal"),
    (2, "blue"),
    (3, "green"),
    (4, "red"),
    (5, "nir08"),
    (6, "swir16"),
    (7, "swir22"),
    (9, "cirrus"),
)
THERMAL = ((10, "lwir11"), (11, "lwir12"))


def product_name(geo, night: bool = False) -> str:
    """C2 product id; TIRS-only (night) products are LT09, combined OLI/TIRS ones LC09."""
    acq = geo.when
    proc = acq + timedelta(days=1)
    sensor = "LT09" if night else "LC09"
    return f"{sensor}_L1TP_{WRS_PATH:03d}{WRS_ROW:03d}_{acq:%Y%m%d}_{proc:%Y%m%d}_02_T1"


class LandsatWriter:
    def __init__(self, staging: Path, geo, opts):
        from .generate import _Raster

        self.geo = geo
        self.opts = opts
        self.day = not opts.night
        self.name = product_name(geo, opts.night)
        self.dir = staging / self.name
        self.dir.mkdir()
        self.sun_elevation = round(90.0 - geo.sun_zenith, 8)
        self.sin_se = math.sin(math.radians(self.sun_elevation))
        n = geo.size
        self.bands = (REFLECTIVE if self.day else ()) + THERMAL
        self.rasters = {}
        for num, _ in self.bands:
            self.rasters[num] = _Raster(
                self.dir / f"{self.name}_B{num}.TIF",
                count=1,
                dtype="uint16",
                transform=geo.transform,
                width=n,
                height=n,
                nodata=0,
            )
        for q in ("QA_PIXEL", "QA_RADSAT"):
            self.rasters[q] = _Raster(
                self.dir / f"{self.name}_{q}.TIF",
                count=1,
                dtype="uint16",
                transform=geo.transform,
                width=n,
                height=n,
                nodata=1 if q == "QA_PIXEL" else None,
            )
        self.saturated_bands: set[int] = set()
        self.cloud_count = 0
        self.land_cloud = 0
        self.land = 0

    def write_block(self, win, inside, bts, bt_sat, rho, rho_sat, clouds, landcover) -> None:
        from .generate import DN_MAX, REFLECTANCE_RESCALING, THERMAL_RESCALING

        radsat = np.zeros(inside.shape, np.uint16)
        if self.day:
            m, a = REFLECTANCE_RESCALING
            idx = {b: i for i, b in enumerate(OPTICAL_BANDS)}
            for num, name in REFLECTIVE:
                q = np.round((rho[idx[name]] * self.sin_se - a) / m)
                sat = q >= DN_MAX
                q = np.clip(q, 1, DN_MAX)
                self._put(num, q, inside, sat, radsat, win)
        for (num, name), bt in zip(THERMAL, bts):
            ml, al = THERMAL_RESCALING[name]
            q = np.round((physics.planck(name, bt) - al) / ml)
            sat = bt >= bt_sat[name]
            q = np.where(sat, DN_MAX, np.clip(q, 1, DN_MAX))
            self._put(num, q, inside, sat, radsat, win)
        self.rasters["QA_RADSAT"].write(np.where(inside, radsat, 0).astype(np.uint16), win)
        self.rasters["QA_PIXEL"].write(_qa_pixel(inside, clouds, landcover), win)

    def _put(self, num, q, inside, sat, radsat, win) -> None:
        sat = sat & inside
        if sat.any():
            self.saturated_bands.add(num)
            radsat |= (sat.astype(np.uint16) << np.uint16(num - 1)).astype(np.uint16)
        self.rasters[num].write(np.where(inside, q, 0).astype(np.uint16), win)

    def close(self) -> None:
        for r in self.rasters.values():
            r.close()

    # --- MTL ------------------------------------------------------------------------------------

    def write_metadata(self, stats) -> dict[str, Path]:
        from .generate import DN_MAX, ESUN, REFLECTANCE_RESCALING, THERMAL_RESCALING

        geo, n = self.geo, self.geo.size
        to_ll = Transformer.from_crs(geo.crs, "EPSG:4326", always_xy=True)
        t = geo.transform
        corners = {
            "UL": (t.c + 15.0, t.f - 15.0),
            "UR": (t.c + (n - 0.5) * 30.0, t.f - 15.0),
            "LL": (t.c + 15.0, t.f - (n - 0.5) * 30.0),
            "LR": (t.c + (n - 0.5) * 30.0, t.f - (n - 0.5) * 30.0),
        }
        contents = {
            "ORIGIN": "Image courtesy of the U.S. Geological Survey (synthetic sample, LST Studio)",
            "DIGITAL_OBJECT_IDENTIFIER": "https://doi.org/10.5066/P975CC9B",
            "LANDSAT_PRODUCT_ID": self.name,
            "PROCESSING_LEVEL": "L1TP",
            "COLLECTION_NUMBER": _Bare("02"),
            "COLLECTION_CATEGORY": "T1",
            "OUTPUT_FORMAT": "GEOTIFF",
        }
        for num, _ in self.bands:
            contents[f"FILE_NAME_BAND_{num}"] = f"{self.name}_B{num}.TIF"
        contents["FILE_NAME_QUALITY_L1_PIXEL"] = f"{self.name}_QA_PIXEL.TIF"
        contents["FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION"] = f"{self.name}_QA_RADSAT.TIF"
        contents["FILE_NAME_METADATA_ODL"] = f"{self.name}_MTL.txt"
        contents["FILE_NAME_METADATA_JSON"] = f"{self.name}_MTL.json"
        for num, _ in self.bands:
            contents[f"DATA_TYPE_BAND_{num}"] = "UINT16"
        when = geo.when
        image = {
            "SPACECRAFT_ID": "LANDSAT_9",
            "SENSOR_ID": "OLI_TIRS" if self.day else "TIRS",
            "WRS_TYPE": 2,
            "WRS_PATH": WRS_PATH,
            "WRS_ROW": WRS_ROW,
            "NADIR_OFFNADIR": "NADIR",
            "TARGET_WRS_PATH": WRS_PATH,
            "TARGET_WRS_ROW": WRS_ROW,
            "DATE_ACQUIRED": _Bare(f"{when:%Y-%m-%d}"),
            "SCENE_CENTER_TIME": f"{when:%H:%M:%S}.{when.microsecond:06d}0Z",
            "STATION_ID": "LGN",
            "CLOUD_COVER": round(stats.cloud_cover, 2),
            "CLOUD_COVER_LAND": round(stats.cloud_cover, 2),
            "IMAGE_QUALITY_OLI": 9,
            "IMAGE_QUALITY_TIRS": 9,
        }
        for num, _ in self.bands:
            image[f"SATURATION_BAND_{num}"] = "Y" if num in self.saturated_bands else "N"
        image.update(
            {
                "ROLL_ANGLE": -0.001,
                "SUN_AZIMUTH": _Num(geo.sun_azimuth, 8),
                "SUN_ELEVATION": _Num(self.sun_elevation, 8),
                "EARTH_SUN_DISTANCE": _Num(geo.earth_sun_distance, 7),
                "TRUNCATION_OLI": "UPPER",
            }
        )
        proj = {
            "MAP_PROJECTION": "UTM",
            "DATUM": "WGS84",
            "ELLIPSOID": "WGS84",
            "UTM_ZONE": int(geo.crs.split(":")[1]) - 32600,
            "GRID_CELL_SIZE_PANCHROMATIC": _Num(15.0, 2),
            "GRID_CELL_SIZE_REFLECTIVE": _Num(30.0, 2),
            "GRID_CELL_SIZE_THERMAL": _Num(30.0, 2),
            "PANCHROMATIC_LINES": 2 * n - 1,
            "PANCHROMATIC_SAMPLES": 2 * n - 1,
            "REFLECTIVE_LINES": n,
            "REFLECTIVE_SAMPLES": n,
            "THERMAL_LINES": n,
            "THERMAL_SAMPLES": n,
            "ORIENTATION": "NORTH_UP",
        }
        for k, (x, y) in corners.items():
            lon, lat = to_ll.transform(x, y)
            proj[f"CORNER_{k}_LAT_PRODUCT"] = _Num(lat, 5)
            proj[f"CORNER_{k}_LON_PRODUCT"] = _Num(lon, 5)
        for k, (x, y) in corners.items():
            proj[f"CORNER_{k}_PROJECTION_X_PRODUCT"] = _Num(x, 3)
            proj[f"CORNER_{k}_PROJECTION_Y_PRODUCT"] = _Num(y, 3)
        d2 = geo.earth_sun_distance**2
        m, a = REFLECTANCE_RESCALING
        minmax_rad, minmax_ref, minmax_pix, rescale, thermal = {}, {}, {}, {}, {}
        gains: dict[int, tuple[float, float]] = {}
        for num, name in self.bands:
            if num >= 10:
                gains[num] = THERMAL_RESCALING[name]
            else:
                f = ESUN[name] / (math.pi * d2)
                gains[num] = (m * f, a * f)
        for num, _ in self.bands:
            ml, al = gains[num]
            minmax_rad[f"RADIANCE_MAXIMUM_BAND_{num}"] = _Num(ml * DN_MAX + al, 5)
            minmax_rad[f"RADIANCE_MINIMUM_BAND_{num}"] = _Num(ml * 1 + al, 5)
        if self.day:
            for num, _ in REFLECTIVE:
                minmax_ref[f"REFLECTANCE_MAXIMUM_BAND_{num}"] = _Num(m * DN_MAX + a, 6)
                minmax_ref[f"REFLECTANCE_MINIMUM_BAND_{num}"] = _Num(m * 1 + a, 6)
        for num, _ in self.bands:
            minmax_pix[f"QUANTIZE_CAL_MAX_BAND_{num}"] = DN_MAX
            minmax_pix[f"QUANTIZE_CAL_MIN_BAND_{num}"] = 1
        for num, _ in self.bands:
            rescale[f"RADIANCE_MULT_BAND_{num}"] = _Sci(gains[num][0])
        for num, _ in self.bands:
            rescale[f"RADIANCE_ADD_BAND_{num}"] = _Num(gains[num][1], 5)
        if self.day:
            for num, _ in REFLECTIVE:
                rescale[f"REFLECTANCE_MULT_BAND_{num}"] = _Sci(m)
            for num, _ in REFLECTIVE:
                rescale[f"REFLECTANCE_ADD_BAND_{num}"] = _Num(a, 6)
        for num, name in THERMAL:
            thermal[f"K1_CONSTANT_BAND_{num}"] = _Num(physics.K1[name], 4)
            thermal[f"K2_CONSTANT_BAND_{num}"] = _Num(physics.K2[name], 4)
        record = {
            "ORIGIN": contents["ORIGIN"],
            "DIGITAL_OBJECT_IDENTIFIER": contents["DIGITAL_OBJECT_IDENTIFIER"],
            "REQUEST_ID": "SAMPLE",
            "LANDSAT_SCENE_ID": f"LC9{WRS_PATH:03d}{WRS_ROW:03d}{when:%Y%j}LGN00",
            "LANDSAT_PRODUCT_ID": self.name,
            "PROCESSING_LEVEL": "L1TP",
            "COLLECTION_CATEGORY": "T1",
            "OUTPUT_FORMAT": "GEOTIFF",
            "DATE_PRODUCT_GENERATED": f"{when + timedelta(days=1):%Y-%m-%dT%H:%M:%SZ}",
            "PROCESSING_SOFTWARE_VERSION": "LST Studio sample 1.0",
        }
        params = {
            "MAP_PROJECTION": "UTM",
            "DATUM": "WGS84",
            "ELLIPSOID": "WGS84",
            "UTM_ZONE": proj["UTM_ZONE"],
            "GRID_CELL_SIZE_PANCHROMATIC": _Num(15.0, 2),
            "GRID_CELL_SIZE_REFLECTIVE": _Num(30.0, 2),
            "GRID_CELL_SIZE_THERMAL": _Num(30.0, 2),
            "ORIENTATION": "NORTH_UP",
            "RESAMPLING_OPTION": "CUBIC_CONVOLUTION",
        }
        doc = {
            "LANDSAT_METADATA_FILE": {
                "PRODUCT_CONTENTS": contents,
                "IMAGE_ATTRIBUTES": image,
                "PROJECTION_ATTRIBUTES": proj,
                "LEVEL1_PROCESSING_RECORD": record,
                "LEVEL1_MIN_MAX_RADIANCE": minmax_rad,
                **({"LEVEL1_MIN_MAX_REFLECTANCE": minmax_ref} if self.day else {}),
                "LEVEL1_MIN_MAX_PIXEL_VALUE": minmax_pix,
                "LEVEL1_RADIOMETRIC_RESCALING": rescale,
                "LEVEL1_THERMAL_CONSTANTS": thermal,
                "LEVEL1_PROJECTION_PARAMETERS": params,
            }
        }
        txt = self.dir / f"{self.name}_MTL.txt"
        txt.write_text(_odl(doc), encoding="utf-8")
        js = self.dir / f"{self.name}_MTL.json"
        js.write_text(json.dumps(_strings(doc), indent=2), encoding="utf-8")
        return {"MTL_TXT": txt, "MTL_JSON": js}


def _qa_pixel(inside, clouds, landcover) -> np.ndarray:
    """Collection 2 QA_PIXEL bits from the truth classes."""
    from .model import CLOUD_SHADOW, SNOW, THICK_CLOUD, THIN_CLOUD, WATER

    thick = clouds == THICK_CLOUD
    thin = clouds == THIN_CLOUD
    shadow = clouds == CLOUD_SHADOW
    snow = (landcover == SNOW) & ~thick
    water = (landcover == WATER) & ~thick & ~thin & ~shadow
    qa = np.zeros(inside.shape, np.uint32)
    qa |= thin.astype(np.uint32) << 2
    qa |= thick.astype(np.uint32) << 3
    qa |= shadow.astype(np.uint32) << 4
    qa |= snow.astype(np.uint32) << 5
    qa |= (~thick).astype(np.uint32) << 6
    qa |= water.astype(np.uint32) << 7
    qa |= np.where(thick, 3, 1).astype(np.uint32) << 8
    qa |= np.where(shadow, 3, 1).astype(np.uint32) << 10
    qa |= np.where(snow, 3, 1).astype(np.uint32) << 12
    qa |= np.where(thin, 3, 1).astype(np.uint32) << 14
    qa = np.where(inside, qa, 1)
    return qa.astype(np.uint16)


class _Num(float):
    """A number written with a fixed count of decimals."""

    def __new__(cls, value: float, decimals: int):
        obj = super().__new__(cls, value)
        obj.decimals = decimals
        return obj

    def __str__(self) -> str:
        return f"{float(self):.{self.decimals}f}"


class _Sci(float):
    """A number written like USGS rescaling gains (e.g. 3.8000E-04)."""

    def __str__(self) -> str:
        return f"{float(self):.4E}" if abs(float(self)) < 1e-2 else f"{float(self):.5E}"


class _Bare(str):
    """A string written without quotes in the ODL text (dates)."""


def _odl_value(v) -> str:
    if isinstance(v, _Bare):
        return str(v)
    if isinstance(v, str):
        return f'"{v}"'
    return str(v)


def _odl(doc: dict, indent: int = 0) -> str:
    lines = []

    def walk(d: dict, level: int) -> None:
        pad = "  " * level
        for k, v in d.items():
            if isinstance(v, dict):
                lines.append(f"{pad}GROUP = {k}")
                walk(v, level + 1)
                lines.append(f"{pad}END_GROUP = {k}")
            else:
                lines.append(f"{pad}{k} = {_odl_value(v)}")

    walk(doc, indent)
    lines.append("END")
    return "\n".join(lines) + "\n"


def _strings(doc):
    if isinstance(doc, dict):
        return {k: _strings(v) for k, v in doc.items()}
    return str(doc)


__all__ = ["LandsatWriter", "product_name"]
