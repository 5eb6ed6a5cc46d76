"""Tiny FarEarth L1C and Landsat Level-1 products written from one known truth, for reader tests.

The truth is physical (BT in K, TOA reflectance); the FarEarth writer stores it as Int16 ×10 / ×10⁴
with −9999 nodata, the Landsat writer inverts the USGS calibration (DN = (L − AL)/ML with
L = K1/(exp(K2/BT) − 1); DN = (ρ·sin e − Aρ)/Mρ) and stores uint16 DN with 0 = fill. MTL key
layouts follow real pre-collection, Collection 1 and Collection 2 files (algorithms.md §1.2, §5).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import rasterio
from affine import Affine

CRS = "EPSG:32735"  # UTM 35S; the Landsat writer states UTM_ZONE = 35 (USGS style)
X0, Y0 = 600000.0, 7000020.0
PID = "LANDSAT-9_OLI-TIRS_20220804T083603_20220804T083634_L1C_R1C1"
SUN_ELEVATION = 41.87
SUN_AZIMUTH = 36.41
ESD = 1.0143
REFLECTIVE = ("coastal", "blue", "green", "red", "nir08", "swir16", "swir22", "cirrus")
FE_NAMES = {
    "coastal": "COASTAL", "blue": "BLUE", "green": "GREEN", "red": "RED", "nir08": "NIR",
    "swir16": "SWIR1", "swir22": "SWIR2", "cirrus": "CIRRUS", "lwir11": "TIR1", "lwir12": "TIR2",
}  # fmt: skip
OLI_NUMBER = {
    "coastal": 1, "blue": 2, "green": 3, "red": 4, "nir08": 5, "swir16": 6, "swir22": 7, "cirrus": 9,
    "lwir11": 10, "lwir12": 11,
}  # fmt: skip
CENTRE_NM = {
    "coastal": 443, "blue": 482, "green": 561, "red": 655, "nir08": 865, "swir16": 1609, "swir22": 2201,
    "cirrus": 1373, "lwir11": 10895, "lwir12": 12005,
}  # fmt: skip
ESUN = {
    "coastal": 1895.0, "blue": 2004.6, "green": 1820.7, "red": 1549.4, "nir08": 951.8, "swir16": 247.6,
    "swir22": 85.5, "cirrus": 366.97,
}  # fmt: skip
L9_K = {"lwir11": (799.0284, 1329.2405), "lwir12": (475.6581, 1198.3494)}
L9_ML = {"lwir11": 3.8e-4, "lwir12": 3.49e-4}


@dataclass
class Truth:
    """Physical values on the TIR grid (BT) and on the VNIR grid (reflectance); NaN = nodata."""

    bt: dict[str, np.ndarray]
    rho: dict[str, np.ndarray]
    vnir_factor: int = 1  # VNIR pixels per TIR pixel along each axis (2 for 15 m on 30 m)
    tir_gsd: float = 30.0
    extra: dict = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int]:
        return next(iter(self.bt.values())).shape

    def rho_on_tir(self, name: str) -> np.ndarray:
        """The reflectance averaged onto the TIR grid (mean of the valid VNIR pixels covered)."""
        f = self.vnir_factor
        r = self.rho[name]
        if f == 1:
            return r
        h, w = self.shape
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN blocks stay NaN
            return np.nanmean(r.reshape(h, f, w, f), axis=(1, 3))


def make_truth(h: int = 24, w: int = 32, seed: int = 1, vnir_factor: int = 1) -> Truth:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    bt11 = 285.0 + 20.0 * np.sin(xx / 5.0) * np.cos(yy / 7.0) + rng.normal(0, 1.0, (h, w))
    bt12 = bt11 - 1.5 + rng.normal(0, 0.3, (h, w))
    bt = {"lwir11": bt11, "lwir12": bt12}
    for a in bt.values():
        a[:2, :3] = np.nan  # a nodata corner
    hv, wv = h * vnir_factor, w * vnir_factor
    yv, xv = np.mgrid[0:hv, 0:wv] / vnir_factor
    rho = {}
    for i, name in enumerate(REFLECTIVE):
        r = 0.05 + 0.04 * i + 0.1 * (0.5 + 0.5 * np.sin(xv / 4.0 + i) * np.cos(yv / 6.0))
        r = r + rng.normal(0, 0.005, (hv, wv))
        r[: 2 * vnir_factor, : 3 * vnir_factor] = np.nan
        rho[name] = r
    return Truth(bt=bt, rho=rho, vnir_factor=vnir_factor)


def _write_tif(path: Path, data: np.ndarray, transform, dtype, nodata=None, crs=CRS) -> Path:
    data = np.asarray(data)
    if data.ndim == 2:
        data = data[None]
    profile = {
        "driver": "GTiff",
        "width": data.shape[2],
        "height": data.shape[1],
        "count": data.shape[0],
        "dtype": dtype,
        "crs": crs,
        "transform": transform,
    }
    if nodata is not None:
        profile["nodata"] = nodata
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(data.astype(dtype))
    return path


def _tiny_png() -> bytes:
    """A valid 1x1 grey PNG (thumbnail placeholder)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def _int16(values: np.ndarray, scale: float) -> np.ndarray:
    out = np.round(np.nan_to_num(values, nan=0.0) * scale)
    out[np.isnan(values)] = -9999
    return out.astype(np.int16)


# --------------------------------------------------------------------------------------------
# FarEarth
# --------------------------------------------------------------------------------------------


def write_farearth(
    out: Path,
    truth: Truth | None = None,
    tir_qa: np.ndarray | None = None,
    vnir_qa: np.ndarray | None = None,
    sun_elevation: float = SUN_ELEVATION,
    with_angles: bool = True,
) -> Path:
    """Write a FarEarth L1C v1.3 product folder ``out/<PID>`` and return the folder."""
    truth = truth or make_truth()
    folder = Path(out) / PID
    folder.mkdir(parents=True, exist_ok=True)
    h, w = truth.shape
    f = truth.vnir_factor
    g = truth.tir_gsd
    tir_tf = Affine(g, 0, X0, 0, -g, Y0)
    vnir_tf = Affine(g / f, 0, X0, 0, -g / f, Y0)
    tir_names = ["lwir11", "lwir12"]
    vnir_names = list(REFLECTIVE)
    _write_tif(
        folder / f"{PID}_TIR.tif",
        np.stack([_int16(truth.bt[n], 10) for n in tir_names]),
        tir_tf,
        "int16",
        -9999,
    )
    _write_tif(
        folder / f"{PID}_VNIR.tif",
        np.stack([_int16(truth.rho[n], 10000) for n in vnir_names]),
        vnir_tf,
        "int16",
        -9999,
    )
    _write_tif(
        folder / f"{PID}_TIR_QA.tif", tir_qa if tir_qa is not None else np.zeros((h, w)), tir_tf, "uint8"
    )
    _write_tif(
        folder / f"{PID}_VNIR_QA.tif",
        vnir_qa if vnir_qa is not None else np.zeros((h * f, w * f)),
        vnir_tf,
        "uint8",
    )

    def angles():
        return {
            "sunAzimuth": {"units": "DEGREES", "value": SUN_AZIMUTH},
            "sunElevation": {"units": "DEGREES", "value": sun_elevation},
            "viewAzimuth": {"units": "DEGREES", "value": 100.2},
            "viewIncidence": {"units": "DEGREES", "value": 0.3},
            "viewOffNadir": {"units": "DEGREES", "value": 0.2},
        }

    def geometric(gsd, hh, ww):
        x1, y1 = X0 + ww * gsd, Y0 - hh * gsd
        return {
            "projection": CRS,
            "imageDimensions": [ww, hh],
            "spatialResolution": [gsd, -gsd],
            "geometry": [[[X0, Y0], [x1, Y0], [x1, y1], [X0, y1], [X0, Y0]]],
        }

    vnir = {
        "group": "VNIR",
        "ids": [f"B{OLI_NUMBER[n]}" for n in vnir_names],
        "bands": [FE_NAMES[n] for n in vnir_names],
        "image": f"{PID}_VNIR.tif",
        "qaMask": f"{PID}_VNIR_QA.tif",
        "angles": angles(),
        "geometric": geometric(g / f, h * f, w * f),
        "radiometric": {
            "pixelUnits": "TOA Reflectance x 10k",
            "earthSunDistance": ESD,
            "esun": [{"band": FE_NAMES[n], "units": "W / (m^2 * um)", "value": ESUN[n]} for n in vnir_names],
            "emissiveConstants": [{"band": FE_NAMES[n], "constants": [1.0, 1.0]} for n in vnir_names],
            "spectral": [
                {"band": FE_NAMES[n], "centerWavelength": float(CENTRE_NM[n]), "fullWidthHalfMax": 30.0}
                for n in vnir_names
            ],
        },
    }
    tir = {
        "group": "TIR",
        "ids": ["B10", "B11"],
        "bands": ["TIR1", "TIR2"],
        "image": f"{PID}_TIR.tif",
        "qaMask": f"{PID}_TIR_QA.tif",
        "angles": angles(),
        "geometric": geometric(g, h, w),
        "radiometric": {
            "pixelUnits": "TOA Brightness Temperature x 10 (K)",
            "earthSunDistance": ESD,
            "emissiveConstants": [
                {"band": "TIR1", "constants": list(L9_K["lwir11"])},
                {"band": "TIR2", "constants": list(L9_K["lwir12"])},
            ],
            "spectral": [
                {"band": "TIR1", "centerWavelength": 10895.0, "fullWidthHalfMax": 590.0},
                {"band": "TIR2", "centerWavelength": 12005.0, "fullWidthHalfMax": 1010.0},
            ],
        },
    }
    lon0, lat0 = 28.0, -27.1
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [lon0, lat0],
                            [lon0 + 0.01, lat0],
                            [lon0 + 0.01, lat0 - 0.007],
                            [lon0, lat0 - 0.007],
                            [lon0, lat0],
                        ]
                    ],
                },
                "properties": {
                    "product": {
                        "descriptor": {
                            "productId": PID,
                            "productType": "L1C",
                            "processedDate": "2024-01-15T10:22:31Z",
                            "spacecraft": "LANDSAT-9",
                            "sensors": ["OLI", "TIRS"],
                            "sceneRow": 1,
                            "sceneCol": 1,
                            "temporalRange": {"from": "2022-08-04T08:36:03Z", "to": "2022-08-04T08:36:34Z"},
                        },
                        "dayNight": "DAY" if sun_elevation >= 0 else "NIGHT",
                        "cloudCover": 3.2,
                        "viewingAngles": f"{PID}_ANGLES.json",
                        "spectralResponses": f"{PID}_SPECTRAL_RESPONSE.csv",
                        "thumbnailImageType": "PNG",
                        "thumbnails": [{"name": "RGB", "image": f"{PID}_RGB.png"}],
                        "sensors": [
                            {"descriptor": {"name": "OLI", "ids": ["OLI"]}, "images": [vnir]},
                            {"descriptor": {"name": "TIRS", "ids": ["TIRS"]}, "images": [tir]},
                        ],
                    }
                },
            }
        ],
    }
    (folder / f"{PID}.geojson").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    if with_angles:
        angles_dir = folder / f"{PID}_ANGLES"
        angles_dir.mkdir(exist_ok=True)
        # A coarse solar angle grid (larger than the image, as FarEarth writes it): zenith rises
        # eastwards by 0.1° per 300 m, azimuth crosses north (359° -> 1°) in the middle.
        cols = w // 10 + 4
        rows = h // 10 + 4
        zen = 90.0 - sun_elevation + 0.1 * np.arange(cols)[None, :] * np.ones((rows, 1))
        azi = np.where(np.arange(cols)[None, :] < cols // 2, 359.0, 1.0) * np.ones((rows, 1))
        _write_tif(
            angles_dir / f"{PID}_SOLAR_ANGLE.tif",
            np.stack([zen, azi]).astype(np.float32),
            Affine(300.0, 0, X0 - 600.0, 0, -300.0, Y0 + 600.0),
            "float32",
        )
    (folder / f"{PID}_ANGLES.json").write_text(
        '{"meanSunAngle": {"azimuthAngle": 36.41, "azimuthAngleUnit": "deg", "zenithAngle": '
        f'{90 - sun_elevation}, "zenithAngleUnit": "deg"}},\n'
        ' "sunAngles": {"zenith": {"columnStepSize": 5000, "columnStepUnit": "m", "rowStepSize": 5000,'
        ' "rowStepUnit": "m", "values": [[48.10, 48.12], [48.15, NaN]]},\n'
        '   "azimuth": {"columnStepSize": 5000, "columnStepUnit": "m", "rowStepSize": 5000,'
        ' "rowStepUnit": "m", "values": [[36.40, 36.42], [36.44, NaN]]}}}\n',
        encoding="utf-8",
    )
    (folder / f"{PID}_GVER_ABS.json").write_text(
        json.dumps(
            {
                "pixelColorMappings": "<0.5 px: green",
                "measurements": [
                    {
                        "id": "RED",
                        "refBand": "B04",
                        "refSpacecraft": "SENTINEL-2A",
                        "refResolution": [10.0, 10.0],
                        "imageName": "GVER_ABS_RED.png",
                        "coordsLonLat": [[28.001, -27.101], [28.004, -27.103]],
                        "disparitiesXYInMeters": [[3.2, -5.1], [-7.8, 1.4]],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (folder / f"{PID}_GVER_REL.json").write_text(
        json.dumps(
            {
                "pixelColorMappings": "",
                "measurements": [
                    {
                        "from": "RED",
                        "to": "TIR1",
                        "coordsLatLon": [[28.001, -27.101, 28.00101, -27.10101]],
                        "disparitiesXYInMeters": [[-4.4, 2.0]],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (folder / f"{PID}_POINTING.json").write_text(
        json.dumps(
            {
                "measurements": [
                    {
                        "sensorId": "TIRS",
                        "sensorName": "TIRS",
                        "orthorectification": "precision",
                        "points": [
                            {
                                "location": "CENTER",
                                "rawLocation": [28.0712, -26.6601],
                                "systematicLocation": [28.0701, -26.6609],
                                "precisionLocation": [28.0703, -26.6607],
                                "rawToSystematicDisparityMeter": 141.2,
                                "rawToPrecisionDisparityMeter": 118.9,
                                "systematicToPrecisionDisparityMeter": 28.4,
                            }
                        ],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    (folder / f"{PID}_SPECTRAL_RESPONSE.csv").write_text(
        "wavelength,TIR1,TIR2\n10.5,0.5,0.0\n10.9,1.0,-0.001\n12.0,0.0,1.0\n", encoding="utf-8"
    )
    (folder / f"{PID}_RGB.png").write_bytes(_tiny_png())
    (folder / f"{PID}_product.json").write_text(
        json.dumps(
            {
                "type": "Feature",
                "stac_version": "1.0.0",
                "id": PID,
                "assets": {
                    "metadata": {"href": f"{PID}.geojson", "roles": ["metadata"]},
                    "tir": {"href": f"{PID}_TIR.tif", "roles": ["data"]},
                },
            }
        ),
        encoding="utf-8",
    )
    return folder


def edit_geojson(folder: Path, edit) -> Path:
    """Apply ``edit(product_dict)`` to the folder's .geojson in place (for broken-file tests)."""
    path = folder / f"{PID}.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc["features"][0]["properties"]["product"])
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def fe_group(product: dict, group: str) -> dict:
    for sensor in product["sensors"]:
        for image in sensor["images"]:
            if image["group"] == group:
                return image
    raise KeyError(group)


# --------------------------------------------------------------------------------------------
# Landsat
# --------------------------------------------------------------------------------------------

LANDSAT_ID = "LC09_L1TP_170078_20220804_20230404_02_T1"


@dataclass
class LandsatCal:
    """MTL calibration values per OLI/TIRS band number."""

    ml: dict[int, float] = field(default_factory=dict)
    al: dict[int, float] = field(default_factory=dict)
    k: dict[int, tuple[float, float]] = field(default_factory=dict)
    mrho: float = 2.0e-5
    arho: float = -0.1


def default_cal(spacecraft: str = "LANDSAT_9") -> LandsatCal:
    cal = LandsatCal()
    # Radiance rescaling consistent with the FarEarth fixture's ESUN and Earth-Sun distance:
    # L = rho' * ESUN / (pi d^2) with rho' = Mrho Q + Arho, so ML = Mrho ESUN / (pi d^2), AL likewise.
    for name in REFLECTIVE:
        n = OLI_NUMBER[name]
        cal.ml[n] = cal.mrho * ESUN[name] / (math.pi * ESD**2)
        cal.al[n] = cal.arho * ESUN[name] / (math.pi * ESD**2)
    if spacecraft == "LANDSAT_9":
        cal.ml[10], cal.ml[11] = L9_ML["lwir11"], L9_ML["lwir12"]
        cal.k[10], cal.k[11] = L9_K["lwir11"], L9_K["lwir12"]
    else:
        cal.ml[10] = cal.ml[11] = 3.342e-4
        cal.k[10], cal.k[11] = (774.8853, 1321.0789), (480.8883, 1201.1442)
    cal.al[10] = cal.al[11] = 0.1
    return cal


def bt_to_dn(bt: np.ndarray, ml: float, al: float, k1: float, k2: float) -> np.ndarray:
    L = k1 / np.expm1(k2 / bt)
    dn = np.round((L - al) / ml)
    return np.where(np.isnan(bt), 0, np.clip(dn, 1, 65535)).astype(np.uint16)


def rho_to_dn(rho: np.ndarray, sun_elevation: float, cal: LandsatCal) -> np.ndarray:
    dn = np.round((rho * math.sin(math.radians(sun_elevation)) - cal.arho) / cal.mrho)
    return np.where(np.isnan(rho), 0, np.clip(dn, 1, 65535)).astype(np.uint16)


def _fmt(v) -> str:
    if isinstance(v, str):
        return v if v.startswith("RAW:") else f'"{v}"'
    if isinstance(v, float):
        return f"{v:.4E}" if abs(v) < 1e-2 else repr(v)  # USGS writes multipliers as 3.3420E-04
    return str(v)


def to_odl(groups: dict, indent: int = 0) -> str:
    lines = []
    pad = "  " * indent
    for key, value in groups.items():
        if isinstance(value, dict):
            lines.append(f"{pad}GROUP = {key}")
            lines.append(to_odl(value, indent + 1))
            lines.append(f"{pad}END_GROUP = {key}")
        else:
            text = _fmt(value)
            lines.append(f"{pad}{key} = {text[4:] if text.startswith('RAW:') else text}")
    out = "\n".join(lines)
    return out + "\nEND\n" if indent == 0 else out


def _json_strings(groups: dict) -> dict:
    """C2 MTL.json writes every value as a string."""
    return {
        k: _json_strings(v) if isinstance(v, dict) else str(v).removeprefix("RAW:") for k, v in groups.items()
    }


def _json_native(groups: dict) -> dict:
    return {
        k: _json_native(v) if isinstance(v, dict) else (v.removeprefix("RAW:") if isinstance(v, str) else v)
        for k, v in groups.items()
    }


def write_landsat(
    out: Path,
    truth: Truth | None = None,
    collection: int | None = 2,
    fmt: str = "txt",
    spacecraft: str = "LANDSAT_9",
    cal: LandsatCal | None = None,
    sun_elevation: float = SUN_ELEVATION,
    thermal_dn: dict[int, np.ndarray] | None = None,
    reflective: bool = True,
    radsat: np.ndarray | None = None,
) -> Path:
    """Write a Landsat 8/9 Level-1 product folder and return the MTL path.

    ``collection`` 2 (LANDSAT_METADATA_FILE), 1 or None (pre-collection, L1_METADATA_FILE).
    ``thermal_dn`` overrides the DN of bands 10/11 (any 2-D shape) for radiometry oracle tests.
    """
    truth = truth or make_truth()
    cal = cal or default_cal(spacecraft)
    pid = (
        LANDSAT_ID
        if collection == 2
        else ("LC08_L1TP_046028_20160625_20170323_01_T1" if collection == 1 else "LC80460282016177LGN00")
    )
    folder = Path(out) / pid
    folder.mkdir(parents=True, exist_ok=True)
    g = truth.tir_gsd
    f = truth.vnir_factor
    files = {}
    if thermal_dn is not None:
        tir_shape = next(iter(thermal_dn.values())).shape
    else:
        tir_shape = truth.shape
    tir_tf = Affine(g, 0, X0, 0, -g, Y0)
    for n, name in ((10, "lwir11"), (11, "lwir12")):
        if thermal_dn is not None:
            if n not in thermal_dn:
                continue
            dn = thermal_dn[n]
        else:
            dn = bt_to_dn(truth.bt[name], cal.ml[n], cal.al[n], *cal.k[n])
        files[n] = _write_tif(folder / f"{pid}_B{n}.TIF", dn, tir_tf, "uint16")
    vnir_tf = Affine(g / f, 0, X0, 0, -g / f, Y0)
    if reflective and thermal_dn is None:
        for name in REFLECTIVE:
            n = OLI_NUMBER[name]
            dn = rho_to_dn(truth.rho[name], max(sun_elevation, 1.0), cal)
            files[n] = _write_tif(folder / f"{pid}_B{n}.TIF", dn, vnir_tf, "uint16")
    h, w = tir_shape
    fill = np.zeros((h, w), np.uint16)
    if thermal_dn is None:
        fill[np.isnan(truth.bt["lwir11"])] = 1
    else:
        fill[next(iter(thermal_dn.values())) == 0] = 1
    qa_name = f"{pid}_QA_PIXEL.TIF" if collection == 2 else f"{pid}_BQA.TIF"
    _write_tif(folder / qa_name, fill, tir_tf, "uint16")
    if collection == 2:
        _write_tif(
            folder / f"{pid}_QA_RADSAT.TIF",
            radsat if radsat is not None else np.zeros((h, w)),
            tir_tf,
            "uint16",
        )
    when = {"DATE_ACQUIRED": "RAW:2022-08-04", "SCENE_CENTER_TIME": "08:36:18.5310220Z"}
    sun = {"SUN_AZIMUTH": SUN_AZIMUTH, "SUN_ELEVATION": sun_elevation, "EARTH_SUN_DISTANCE": ESD}
    corners = {}
    for c, (lon, lat) in {
        "UL": (28.0, -27.1),
        "UR": (28.01, -27.1),
        "LL": (28.0, -27.107),
        "LR": (28.01, -27.107),
    }.items():
        corners[f"CORNER_{c}_LAT_PRODUCT"] = lat
        corners[f"CORNER_{c}_LON_PRODUCT"] = lon
    file_names = {f"FILE_NAME_BAND_{n}": p.name for n, p in sorted(files.items())}
    rescale = {}
    for n in sorted(files):
        rescale[f"RADIANCE_MULT_BAND_{n}"] = cal.ml[n]
    for n in sorted(files):
        rescale[f"RADIANCE_ADD_BAND_{n}"] = cal.al[n]
    for n in sorted(files):
        if n < 10:
            rescale[f"REFLECTANCE_MULT_BAND_{n}"] = cal.mrho
    for n in sorted(files):
        if n < 10:
            rescale[f"REFLECTANCE_ADD_BAND_{n}"] = cal.arho
    thermal = {}
    for n in (10, 11):
        if n in files:
            thermal[f"K1_CONSTANT_BAND_{n}"] = cal.k[n][0]
            thermal[f"K2_CONSTANT_BAND_{n}"] = cal.k[n][1]
    minmax = {}
    for n in sorted(files):
        minmax[f"QUANTIZE_CAL_MAX_BAND_{n}"] = 65535
        minmax[f"QUANTIZE_CAL_MIN_BAND_{n}"] = 1
    proj = {
        "MAP_PROJECTION": "UTM",
        "DATUM": "WGS84",
        "ELLIPSOID": "WGS84",
        "UTM_ZONE": 35,
        "GRID_CELL_SIZE_THERMAL": g,
        "GRID_CELL_SIZE_REFLECTIVE": g / f,
        "ORIENTATION": "NORTH_UP",
        "RESAMPLING_OPTION": "CUBIC_CONVOLUTION",
    }
    dims = {"THERMAL_LINES": h, "THERMAL_SAMPLES": w}
    if reflective and thermal_dn is None:
        dims |= {"REFLECTIVE_LINES": h * f, "REFLECTIVE_SAMPLES": w * f}
    if collection == 2:
        contents = {"ORIGIN": "Image courtesy of the U.S. Geological Survey", "LANDSAT_PRODUCT_ID": pid,
                    "PROCESSING_LEVEL": "L1TP", "COLLECTION_NUMBER": "RAW:02", "COLLECTION_CATEGORY": "T1"}  # fmt: skip
        contents |= file_names | {
            "FILE_NAME_QUALITY_L1_PIXEL": f"{pid}_QA_PIXEL.TIF",
            "FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION": f"{pid}_QA_RADSAT.TIF",
            "FILE_NAME_METADATA_ODL": f"{pid}_MTL.txt",
        }
        groups = {
            "LANDSAT_METADATA_FILE": {
                "PRODUCT_CONTENTS": contents,
                "IMAGE_ATTRIBUTES": {
                    "SPACECRAFT_ID": spacecraft,
                    "SENSOR_ID": "OLI_TIRS",
                    "WRS_PATH": 170,
                    "WRS_ROW": 78,
                }
                | when
                | {"CLOUD_COVER": 3.2}
                | sun,  # fmt: skip
                "PROJECTION_ATTRIBUTES": proj | dims | corners,
                "LEVEL1_MIN_MAX_PIXEL_VALUE": minmax,
                "LEVEL1_RADIOMETRIC_RESCALING": rescale,
                "LEVEL1_THERMAL_CONSTANTS": thermal,
            }
        }
    else:
        info = {"ORIGIN": "Image courtesy of the U.S. Geological Survey", "REQUEST_ID": "0501606251234_00001",
                "LANDSAT_SCENE_ID": "LC80460282016177LGN00", "FILE_DATE": "RAW:2016-06-25T22:19:24Z",
                "PROCESSING_SOFTWARE_VERSION": "LPGS_2.6.2"}  # fmt: skip
        if collection == 1:
            info |= {"LANDSAT_PRODUCT_ID": pid, "COLLECTION_NUMBER": "RAW:01"}
        product = {"DATA_TYPE": "L1TP" if collection == 1 else "L1T", "SPACECRAFT_ID": spacecraft,
                   "SENSOR_ID": "OLI_TIRS"} | when | corners | dims | file_names  # fmt: skip
        product["FILE_NAME_BAND_QUALITY"] = f"{pid}_BQA.TIF"
        groups = {
            "L1_METADATA_FILE": {
                "METADATA_FILE_INFO": info,
                "PRODUCT_METADATA": product,
                "IMAGE_ATTRIBUTES": {"CLOUD_COVER": 3.2} | sun,
                "MIN_MAX_PIXEL_VALUE": minmax,
                "RADIOMETRIC_RESCALING": rescale,
                "TIRS_THERMAL_CONSTANTS": thermal,
                "PROJECTION_PARAMETERS": proj,
            }
        }
    if fmt == "json":
        mtl = folder / f"{pid}_MTL.json"
        # C2 JSON holds strings; the older rio-toa style JSON holds numbers.
        payload = _json_strings(groups) if collection == 2 else _json_native(groups)
        mtl.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    else:
        mtl = folder / f"{pid}_MTL.txt"
        mtl.write_text(to_odl(groups), encoding="utf-8")
    return mtl
