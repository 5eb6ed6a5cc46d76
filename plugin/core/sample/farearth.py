"""FarEarth L1C v1.3 metadata of the sample product: .geojson, _product.json, angles, GVER, pointing, SRF.

Structures follow spec-notes §1–2 and validate against the L1C v1.3 schemas
(``../shared/validators/validate_farearth.py``). GVER files are written with the project's one
writer, ``products.gver.write_gver``.
"""

from __future__ import annotations

import json
import math
from datetime import timedelta
from pathlib import Path

import numpy as np
import rasterio
from affine import Affine
from pyproj import Geod, Transformer

from ..products.gver import DISPARITY_CLASSES, disparity_class, write_gver
from ..products.scene import Tiepoints
from . import physics
from .png import write_png

SOFTWARE = {"name": "LST Studio sample generator", "version": "1.0"}
ORBIT_ALTITUDE_M = 705_000.0
TRACK_AZIMUTH_DEG = 192.0  # descending Landsat pass over mid-latitudes (heading south-south-west)
# Like a Landsat WRS-2 scene, the scene is centred on the ground track. The generator draws clouds and
# their shadows as seen from straight down (no parallax), so the view angles it writes must be those of
# a scene centre at nadir; an offset track would make the metadata promise a parallax the image lacks.
NADIR_OFFSET_M = 0.0
REFERENCE = ("SENTINEL-2A", "B04", 10.0)  # absolute GVER reference: spacecraft, band, GSD (m)


def _deg(value: float) -> dict:
    return {"units": "DEGREES", "value": round(float(value), 6)}


def _meters(value: float) -> dict:
    return {"units": "METERS", "value": round(float(value), 3)}


def write_metadata(pdir, product_id, seed, opts, geo, model, atm, stats, island) -> dict[str, Path]:
    from .generate import TIR_BANDS, VNIR_BANDS, preview_bt, preview_rgb

    day = not opts.night
    files: dict[str, Path] = {}
    to_ll = Transformer.from_crs(geo.crs, "EPSG:4326", always_xy=True)
    groups = [("TIR", TIR_BANDS)] + ([("VNIR", VNIR_BANDS)] if day else [])

    # --- angles ---------------------------------------------------------------------------------
    adir = pdir / f"{product_id}_ANGLES"
    adir.mkdir()
    view_zen_c, view_az_c = _view_angles(geo, np.array([geo.size / 2]), np.array([geo.size / 2]))
    files["SOLAR_ANGLE"] = _angle_raster(adir / f"{product_id}_SOLAR_ANGLE.tif", geo, to_ll, "sun")
    for gname, bands in groups:
        for _, bname, _, _, _ in bands:
            p = adir / f"{product_id}_{gname}_{bname}_1_VIEW_ANGLE.tif"
            files[f"VIEW_ANGLE_{bname}"] = _angle_raster(p, geo, to_ll, "view")
    files["ANGLES"] = _angles_json(
        pdir / f"{product_id}_ANGLES.json", geo, model, to_ll, groups, opts.angles_nan
    )

    # --- geometric verification --------------------------------------------------------------------
    abs_tp, rel_tp = _tiepoints(seed, opts, geo, model, to_ll, island, groups)
    rel_dir = pdir / f"{product_id}_GVER_REL"
    rel_dir.mkdir()
    background = preview_rgb(stats).mean(axis=-1).astype(np.uint8) if day else preview_bt(stats)
    for tp, (u, v) in abs_tp:
        write_png(pdir / tp.image_name, _overlay(background, stats.step, u, v, tp, REFERENCE[2]))
    for tp, (u, v) in rel_tp:
        write_png(rel_dir / tp.image_name, _overlay(background, stats.step, u, v, tp, tp.gsd_m))
    files["GVER_ABS"] = write_gver([t for t, _ in abs_tp], pdir / f"{product_id}_GVER_ABS.json", "ABS")
    files["GVER_REL"] = write_gver([t for t, _ in rel_tp], pdir / f"{product_id}_GVER_REL.json", "REL")

    # --- pointing, spectral response, thumbnail ----------------------------------------------------
    files["POINTING"] = _pointing(pdir / f"{product_id}_POINTING.json", geo, model, to_ll, day)
    files["SPECTRAL_RESPONSE"] = _spectral_csv(pdir / f"{product_id}_SPECTRAL_RESPONSE.csv", groups)
    if day:
        thumb_name, thumb = "RGB", preview_rgb(stats)
    else:
        thumb_name, thumb = "TIR1", preview_bt(stats)
    files["THUMBNAIL"] = write_png(pdir / f"{product_id}_{thumb_name}.png", thumb)

    # --- main metadata and STAC item --------------------------------------------------------------
    ring_uv = model.footprint_corners()
    ring_xy = [geo.xy(u, v) for u, v in ring_uv]
    ring_ll = [to_ll.transform(x, y) for x, y in ring_xy][::-1]  # counter-clockwise (RFC 7946)
    ring_ll = [[round(lon, 7), round(lat, 7)] for lon, lat in ring_ll]
    geometry_xy = [[[round(float(x), 3), round(float(y), 3)] for x, y in ring_xy]]
    product = _product(product_id, opts, geo, model, atm, stats, groups, geometry_xy, files, pdir)
    gj = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring_ll]},
                "properties": {"product": product},
            }
        ],
    }
    files["GEOJSON"] = pdir / f"{product_id}.geojson"
    files["GEOJSON"].write_text(json.dumps(gj, indent=1), encoding="utf-8")
    files["PRODUCT_JSON"] = _stac_item(pdir, product_id, opts, geo, stats, ring_ll, groups, files)
    return files


# --- angles -----------------------------------------------------------------------------------------


def _view_angles(geo, u, v) -> tuple[np.ndarray, np.ndarray]:
    """View zenith and azimuth (degrees) at thermal-grid positions, for a nadir-looking pushbroom."""
    x, y = geo.xy(u, v)
    cx, cy = geo.xy(geo.size / 2, geo.size / 2)
    psi = math.radians(TRACK_AZIMUTH_DEG)
    across = (math.cos(psi), -math.sin(psi))  # unit vector to the right of the track (east, north)
    d = (x - cx) * across[0] + (y - cy) * across[1] - NADIR_OFFSET_M
    zen = np.degrees(np.arctan(np.abs(d) / ORBIT_ALTITUDE_M))
    # the satellite is seen from the pixel towards the track
    ve = np.where(d > 0, -across[0], across[0])
    vn = np.where(d > 0, -across[1], across[1])
    az = np.degrees(np.arctan2(ve, vn)) % 360.0
    return zen, az


def _angle_raster(path: Path, geo, to_ll, kind: str) -> Path:
    """A coarse (8 thermal pixels) Float32 raster covering the image: band 1 zenith, band 2 azimuth."""
    f = 8
    m = math.ceil(geo.size / f)
    u = (np.arange(m) + 0.5) * f
    uu, vv = np.meshgrid(u, u)
    if kind == "sun":
        x, y = geo.xy(uu, vv)
        lon, lat = to_ll.transform(x, y)
        zen, az = physics.sun_position(geo.when, np.asarray(lon), np.asarray(lat))
    else:
        zen, az = _view_angles(geo, uu, vv)
    t = geo.transform * Affine.scale(f)
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=m,
        height=m,
        count=2,
        dtype="float32",
        crs=geo.crs,
        transform=t,
        compress="lzw",
        tiled=m > 256,
    ) as ds:
        ds.write(np.stack([zen, az]).astype(np.float32))
        ds.set_band_description(1, "zenith")
        ds.set_band_description(2, "azimuth")
    return path


def _angles_json(path: Path, geo, model, to_ll, groups, with_nan: bool) -> Path:
    """Gridded angles. With ``with_nan`` the nodes outside the footprint are bare NaN, as FarEarth writes
    them; that is not strict JSON, so validate_farearth.py rejects it, and it is off by default."""
    extent = geo.size * 30.0
    step = min(5000.0, round(extent / 8.0 / 30.0) * 30.0)
    k = math.floor(extent / step) + 1
    nodes = np.arange(k) * step / 30.0  # in thermal pixels from the upper-left corner
    uu, vv = np.meshgrid(nodes, nodes)
    inside = model.footprint(uu, vv) if with_nan else np.ones(uu.shape, bool)
    x, y = geo.xy(uu, vv)
    lon, lat = to_ll.transform(x, y)
    szen, saz = physics.sun_position(geo.when, np.asarray(lon), np.asarray(lat))
    vzen, vaz = _view_angles(geo, uu, vv)

    def grid(values):
        vals = np.where(inside, np.round(values, 6), np.nan)
        return {
            "columnStepSize": step,
            "columnStepUnit": "m",
            "rowStepSize": step,
            "rowStepUnit": "m",
            "values": vals.tolist(),
        }

    mvz, mva = _view_angles(geo, np.array(geo.size / 2), np.array(geo.size / 2))
    doc = {
        "meanSunAngle": {
            "azimuthAngle": geo.sun_azimuth,
            "azimuthAngleUnit": "deg",
            "zenithAngle": geo.sun_zenith,
            "zenithAngleUnit": "deg",
        },
        "meanViewingIncidenceAngles": [],
        "sunAngles": {"zenith": grid(szen), "azimuth": grid(saz)},
        "viewingIncidenceAngles": [],
    }
    for _, bands in groups:
        for _, bname, _, _, _ in bands:
            doc["meanViewingIncidenceAngles"].append(
                {
                    "bandId": bname,
                    "azimuthAngle": round(float(mva), 6),
                    "azimuthAngleUnit": "deg",
                    "zenithAngle": round(float(mvz), 6),
                    "zenithAngleUnit": "deg",
                }
            )
            doc["viewingIncidenceAngles"].append(
                {"bandId": bname, "detectorId": "SCA01", "zenith": grid(vzen), "azimuth": grid(vaz)}
            )
    path.write_text(json.dumps(doc, indent=1, allow_nan=True), encoding="utf-8")
    return path


# --- tiepoints ----------------------------------------------------------------------------------------


def _tiepoints(seed, opts, geo, model, to_ll, island, groups):
    """ABS (band vs a Sentinel-2 reference) and REL (RED vs every band) tiepoints with the true pattern."""
    from .generate import TRUTH_CLEAR, TRUTH_WATER, displacement_px

    rng = np.random.default_rng([seed, 77])
    n = geo.size
    k = 14
    cand = (np.arange(k) + 0.5) * n / k
    uu, vv = np.meshgrid(cand, cand)
    uu = uu + rng.uniform(-0.25, 0.25, uu.shape) * n / k
    vv = vv + rng.uniform(-0.25, 0.25, vv.shape) * n / k
    inside = model.footprint(uu, vv)
    g = model.block(uu, vv)
    clouds, _ = model.cloud_classes(g)
    ok = inside & (g["class"] != TRUTH_WATER) & (clouds == TRUTH_CLEAR)
    if island:  # make sure the island is sampled densely enough to be seen
        a = np.linspace(0, 2 * np.pi, 8, endpoint=False)
        iu = np.concatenate(
            [[island["centre_col"]], island["centre_col"] + 0.5 * island["radius_px"] * np.cos(a)]
        )
        iv = np.concatenate(
            [[island["centre_row"]], island["centre_row"] + 0.5 * island["radius_px"] * np.sin(a)]
        )
        uu = np.concatenate([uu[ok], iu])
        vv = np.concatenate([vv[ok], iv])
    else:
        uu, vv = uu[ok], vv[ok]
    x, y = geo.xy(uu, vv)
    lon, lat = to_ll.transform(x, y)
    lonlat = np.column_stack([lon, lat])
    dx, dy = displacement_px(uu, vv, opts.tir_shift_px, island)
    tir_east, tir_north = dx * 30.0, -dy * 30.0
    npts = len(uu)

    def noisy(east, north, sigma):
        return np.column_stack([east + rng.normal(0, sigma, npts), north + rng.normal(0, sigma, npts)])

    def scores(lo):
        return rng.uniform(lo, 0.97, npts)

    abs_tp, rel_tp = [], []
    zero = np.zeros(npts)
    for gname, bands in groups:
        for _, bname, _, _, _ in bands:
            if bname == "CIRRUS":  # no ground features in the cirrus band
                continue
            thermal = gname == "TIR"
            d = noisy(tir_east, tir_north, 6.0) if thermal else noisy(zero, zero, 3.0)
            tp = Tiepoints(
                "ABS",
                bname,
                REFERENCE[1],
                lonlat,
                d,
                gsd_m=REFERENCE[2],
                image_name=f"GVER_ABS_{bname}.png",
                reference_spacecraft=REFERENCE[0],
                score=scores(0.6 if thermal else 0.75),
            )
            abs_tp.append((tp, (uu, vv)))
    if not opts.night:
        for gname, bands in groups:
            for _, bname, _, _, _ in bands:
                if bname in ("RED", "CIRRUS"):
                    continue
                thermal = gname == "TIR"
                d = noisy(tir_east, tir_north, 4.0) if thermal else noisy(zero, zero, 2.0)
                tp = Tiepoints(
                    "REL",
                    "RED",
                    bname,
                    lonlat,
                    d,
                    gsd_m=30.0,
                    image_name=f"GVER_REL_RED_{bname}.png",
                    score=scores(0.55 if thermal else 0.8),
                )
                rel_tp.append((tp, (uu, vv)))
    else:
        tp = Tiepoints(
            "REL",
            "TIR1",
            "TIR2",
            lonlat,
            noisy(zero, zero, 2.0),
            gsd_m=30.0,
            image_name="GVER_REL_TIR1_TIR2.png",
            score=scores(0.8),
        )
        rel_tp.append((tp, (uu, vv)))
    return abs_tp, rel_tp


_CLASS_RGB = {
    name: tuple(int(hexcol[i : i + 2], 16) for i in (1, 3, 5)) for _, _, name, hexcol, _ in DISPARITY_CLASSES
}


def _overlay(background: np.ndarray, step: int, u, v, tp: Tiepoints, gsd: float) -> np.ndarray:
    """The preview in grey with each tiepoint drawn as a 5 × 5 square coloured by its disparity class."""
    rgb = np.repeat(background[..., None], 3, axis=-1).copy()
    mag = np.hypot(tp.dxy_m[:, 0], tp.dxy_m[:, 1]) / gsd
    cls = disparity_class(mag)
    rows, cols = rgb.shape[:2]
    for ui, vi, ci in zip(u, v, cls):
        c, r = int(ui / step), int(vi / step)
        colour = _CLASS_RGB[DISPARITY_CLASSES[int(ci)][2]]
        rgb[max(r - 2, 0) : min(r + 3, rows), max(c - 2, 0) : min(c + 3, cols)] = colour
    return rgb


# --- pointing ----------------------------------------------------------------------------------------


def _pointing(path: Path, geo, model, to_ll, day: bool) -> Path:
    geod = Geod(ellps="WGS84")
    corners = model.footprint_corners()[:4]
    # footprint corners clockwise from the top: name them by their position
    named = {}
    for name, pick in (
        ("UL", lambda c: -c[0] - c[1]),
        ("UR", lambda c: c[0] - c[1]),
        ("LR", lambda c: c[0] + c[1]),
        ("LL", lambda c: -c[0] + c[1]),
    ):
        named[name] = max(corners, key=pick)
    named["CENTER"] = (geo.size / 2, geo.size / 2)
    sensors = [("TIRS", (110.0, 64.0), (22.0, -14.0))]
    if day:
        sensors.insert(0, ("OLI", (96.0, 71.0), (18.0, -11.0)))
    measurements = []
    for sid, raw_off, sys_off in sensors:
        points = []
        for loc, (u, v) in named.items():
            x, y = geo.xy(u, v)
            prec = to_ll.transform(x, y)
            syst = to_ll.transform(x + sys_off[0], y + sys_off[1])
            raw = to_ll.transform(x + raw_off[0], y + raw_off[1])

            def dist(a, b):
                return round(abs(geod.inv(a[0], a[1], b[0], b[1])[2]), 3)

            points.append(
                {
                    "location": loc,
                    "rawLocation": [round(raw[0], 7), round(raw[1], 7)],
                    "systematicLocation": [round(syst[0], 7), round(syst[1], 7)],
                    "precisionLocation": [round(prec[0], 7), round(prec[1], 7)],
                    "rawToSystematicDisparityMeter": dist(raw, syst),
                    "rawToPrecisionDisparityMeter": dist(raw, prec),
                    "systematicToPrecisionDisparityMeter": dist(syst, prec),
                }
            )
        measurements.append(
            {"sensorId": sid, "sensorName": sid, "orthorectification": "precision", "points": points}
        )
    path.write_text(json.dumps({"measurements": measurements}, indent=1), encoding="utf-8")
    return path


# --- spectral responses ---------------------------------------------------------------------------------


def _spectral_csv(path: Path, groups) -> Path:
    """Relative spectral responses: super-Gaussian (order 4) bands at the stated centre and FWHM."""
    bands = [b for _, bs in reversed(groups) for b in bs]
    wl = np.round(np.arange(0.40, 13.0 + 1e-9, 0.005), 3)
    lines = ["wavelength_um," + ",".join(b[1] for b in bands)]
    cols = []
    for _, _, _, centre_nm, fwhm_nm in bands:
        c, half = centre_nm / 1000.0, fwhm_nm / 2000.0
        cols.append(np.exp(-np.log(2) * ((wl - c) / half) ** 4))
    for i, w in enumerate(wl):
        lines.append(f"{w:.3f}," + ",".join(f"{col[i]:.5f}" for col in cols))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- main metadata ---------------------------------------------------------------------------------------


def _product(product_id, opts, geo, model, atm, stats, groups, geometry_xy, files, pdir) -> dict:
    from .generate import ESUN, K1K2

    start = geo.when - timedelta(seconds=12)
    end = geo.when + timedelta(seconds=12)
    vz, va = _view_angles(geo, np.array(geo.size / 2), np.array(geo.size / 2))
    angles = {
        "sunAzimuth": _deg(geo.sun_azimuth),
        "sunElevation": _deg(90.0 - geo.sun_zenith),
        "viewAzimuth": _deg(float(va)),
        "viewIncidence": _deg(float(vz)),
        "viewOffNadir": _deg(float(vz)),
    }
    sensors = []
    cos_sz = math.cos(math.radians(geo.sun_zenith))
    d2 = geo.earth_sun_distance**2
    for gname, bands in reversed(groups):  # VNIR (OLI) first
        names = [b[1] for b in bands]
        ids = [b[2] for b in bands]
        thermal = gname == "TIR"
        gsd = 30.0 if thermal else opts.vnir_gsd
        dims = geo.size * int(round(30.0 / gsd))
        radiometric: dict = {
            "pixelUnits": "TOA Brightness Temperature x 10 (K)" if thermal else "TOA Reflectance x 10k",
            "earthSunDistance": geo.earth_sun_distance,
        }
        if thermal:
            radiometric["emissiveConstants"] = [{"band": b[1], "constants": list(K1K2[b[0]])} for b in bands]
        else:
            radiometric["emissiveConstants"] = [{"band": b[1], "constants": [1.0, 1.0]} for b in bands]
            radiometric["esun"] = [
                {"band": b[1], "units": "W / (m^2 * um)", "value": ESUN[b[0]]} for b in bands
            ]
            # L = gain·v + offset for the stored value v = ρ × 10 000 (ρ = π·L·d² / (ESUN·cos θs))
            radiometric["radianceConversion"] = [
                {"band": b[1], "gain": round(1e-4 * ESUN[b[0]] * cos_sz / (math.pi * d2), 10), "offset": 0.0}
                for b in bands
            ]
        radiometric["spectral"] = [
            {"band": b[1], "centerWavelength": b[3], "fullWidthHalfMax": b[4]} for b in bands
        ]
        image = {
            "group": gname,
            "ids": ids,
            "bands": names,
            "image": f"{product_id}_{gname}.tif",
            "qaMask": f"{product_id}_{gname}_QA.tif",
            "angles": angles,
            "geometric": {
                "projection": geo.crs,
                "imageDimensions": [dims, dims],
                "spatialResolution": [gsd, -gsd],
                "geometry": geometry_xy,
                "quality": {"bandAlignment": {"precisionBands": names, "systematicBands": []}},
            },
            "radiometric": radiometric,
        }
        sensor_name = "TIRS" if thermal else "OLI"
        sensors.append(
            {
                "descriptor": {
                    "name": sensor_name,
                    "ids": [sensor_name],
                    "ancillaries": {
                        "cpf": "L9CPF20220401_20220630.02",
                        "rpf": f"{sensor_name}_RPF_V01.json",
                    },
                },
                "quality": {"geometric": {"orthorectification": "precision"}},
                "images": [image],
            }
        )
    thumb = files["THUMBNAIL"].name
    return {
        "descriptor": {
            "productId": product_id,
            "productType": "L1C",
            "processedDate": (geo.when + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "spacecraft": "LANDSAT-9",
            "sensors": ["TIRS"] if opts.night else ["OLI", "TIRS"],
            "sceneRow": 1,
            "sceneCol": 1,
            "temporalRange": {
                "from": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "to": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
        },
        "dayNight": "NIGHT" if opts.night else "DAY",
        "cloudCover": round(stats.cloud_cover, 3),
        "elevation": {
            "averageHae": _meters(stats.mean_elevation + 36.0),  # EGM96 undulation ≈ 36 m here
            "averageMsl": _meters(stats.mean_elevation),
        },
        "pixelCount": int(stats.count_inside),
        "processingParameters": {"resampler": "CUBIC"},
        "bandMapping": {b[1]: i for _, bands in reversed(groups) for i, b in enumerate(bands)},
        "viewingAngles": files["ANGLES"].name,
        "spectralResponses": files["SPECTRAL_RESPONSE"].name,
        "thumbnailImageType": "PNG",
        "thumbnails": [{"name": thumb.rsplit("_", 1)[1][:-4], "image": thumb}],
        "ancestry": [
            {
                "productId": product_id,
                "productType": "L1C",
                "references": [],
                "software": {**SOFTWARE, "revision": "sample", "buildDate": "2026-11-21T00:00:00Z"},
            }
        ],
        "software": SOFTWARE,
        "sensors": sensors,
    }


def _stac_item(pdir, product_id, opts, geo, stats, ring_ll, groups, files) -> Path:
    lons = [p[0] for p in ring_ll]
    lats = [p[1] for p in ring_ll]
    start = geo.when - timedelta(seconds=12)
    end = geo.when + timedelta(seconds=12)
    iso = "%Y-%m-%dT%H:%M:%SZ"

    def asset(name: str, mtype: str, roles: list[str], title: str, **extra) -> tuple[str, dict]:
        return name, {"href": f"./{name}", "type": mtype, "roles": roles, "title": title, **extra}

    tif = "image/tiff; application=geotiff; profile=cloud-optimized"
    assets = dict(
        [
            asset(files["GEOJSON"].name, "application/geo+json", ["metadata"], "FarEarth L1C metadata"),
            asset(files["ANGLES"].name, "application/json", ["angles"], "Gridded sun and view angles"),
            asset(files["POINTING"].name, "application/json", ["quality"], "Pointing metrics"),
            asset(files["GVER_ABS"].name, "application/json", ["gverify"], "Absolute geometric verification"),
            asset(files["GVER_REL"].name, "application/json", ["gverify"], "Relative geometric verification"),
            asset(files["SPECTRAL_RESPONSE"].name, "text/csv", ["aux"], "Relative spectral responses"),
            asset(files["THUMBNAIL"].name, "image/png", ["thumbnail"], "Thumbnail"),
            asset(
                files["SOLAR_ANGLE"].relative_to(pdir).as_posix(),
                "image/tiff; application=geotiff",
                ["angles"],
                "Solar zenith and azimuth",
            ),
        ]
    )
    for k, p in files.items():
        if k.startswith("VIEW_ANGLE_"):
            name, a = asset(
                p.relative_to(pdir).as_posix(),
                "image/tiff; application=geotiff",
                ["angles"],
                f"View zenith and azimuth {k[11:]}",
            )
            assets[name] = a
    for png in sorted(pdir.glob("GVER_ABS_*.png")) + sorted((pdir / f"{product_id}_GVER_REL").glob("*.png")):
        name, a = asset(png.relative_to(pdir).as_posix(), "image/png", ["gverify"], png.stem)
        assets[name] = a
    for gname, bands in reversed(groups):
        thermal = gname == "TIR"
        eo = [
            {
                "name": b[1],
                "common_name": b[0],
                "center_wavelength": b[3] / 1000.0,
                "full_width_half_max": b[4] / 1000.0,
            }
            for b in bands
        ]
        gsd = 30.0 if thermal else opts.vnir_gsd
        name, a = asset(
            f"{product_id}_{gname}.tif", tif, ["data"], f"{gname} group", **{"eo:bands": eo, "gsd": gsd}
        )
        assets[name] = a
        name, a = asset(f"{product_id}_{gname}_QA.tif", tif, ["quality"], f"{gname} QA mask")
        assets[name] = a
    item = {
        "type": "Feature",
        "stac_version": "1.0.0",
        "stac_extensions": [
            "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
            "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
            "https://stac-extensions.github.io/view/v1.0.0/schema.json",
        ],
        "id": product_id,
        "geometry": {"type": "Polygon", "coordinates": [ring_ll]},
        "bbox": [min(lons), min(lats), max(lons), max(lats)],
        "properties": {
            "datetime": geo.when.strftime(iso),
            "start_datetime": start.strftime(iso),
            "end_datetime": end.strftime(iso),
            "platform": "landsat-9",
            "constellation": "landsat",
            "instruments": ["tirs"] if opts.night else ["oli", "tirs"],
            "eo:cloud_cover": round(stats.cloud_cover, 3),
            "view:sun_azimuth": geo.sun_azimuth,
            "view:sun_elevation": round(90.0 - geo.sun_zenith, 6),
            "proj:epsg": int(geo.crs.split(":")[1]),
            "sceneRow": 1,
            "sceneCol": 1,
            "processingBaseline": "1.3",
            "orthomodel": "precision",
            "bandAlignmentModel": "tiepoints",
            "fe:qaGeo:gsdX": 30.0 if opts.night else opts.vnir_gsd,
            "fe:qaGeo:gsdY": 30.0 if opts.night else opts.vnir_gsd,
        },
        "links": [],
        "assets": assets,
    }
    path = pdir / f"{product_id}_product.json"
    path.write_text(json.dumps(item, indent=1), encoding="utf-8")
    return path


__all__ = ["write_metadata"]
