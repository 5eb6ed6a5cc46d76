"""FarEarth geometric-verification tiepoint files (``_GVER_ABS.json``, ``_GVER_REL.json``): read and write.

Structure (spec-notes §2.1–2.3): ``{"pixelColorMappings": str, "measurements": [...]}``; each
measurement is structure-of-arrays: ``coordsLonLat[i]`` (2 values, or 4 = [lon_ref, lat_ref, lon_img,
lat_img]) and ``disparitiesXYInMeters[i]`` = [dx, dy]. ABS entries carry ``id``/``refBand``/
``refSpacecraft``/``refResolution``; REL entries ``from``/``to``. Files before FarEarth 3.19.9 name the
REL coordinate key ``coordsLatLon`` although it holds lon/lat. Our own measurements add an optional
per-tiepoint ``scores`` array (correlation quality, 0..1) and ``gsd`` (metres); readers that do not
know these keys ignore them.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import ProductError
from ..jsonload import load_json
from ..messages import msg
from .farearth_schema import GVER
from .scene import Tiepoints

# GVerify's bins of |disparity| in pixels of the reference GSD (spec-notes §2.4).
DISPARITY_CLASSES = (
    (0.0, 0.5, "green", "#1a9641", "< 0.5 px"),
    (0.5, 1.0, "teal", "#1f9e9e", "0.5 – 1 px"),
    (1.0, 2.0, "blue", "#2b5cd6", "1 – 2 px"),
    (2.0, 5.0, "yellow", "#f4d03f", "2 – 5 px"),
    (5.0, float("inf"), "red", "#d7191c", "≥ 5 px"),
)
PIXEL_COLOR_MAPPINGS = "<0.5 px: green; <1 px: teal; <2 px: blue; <5 px: yellow; >=5 px: red"


def disparity_class(magnitude_px: np.ndarray | float) -> np.ndarray:
    """Index 0..4 into DISPARITY_CLASSES for |d| in pixels."""
    edges = np.array([c[1] for c in DISPARITY_CLASSES[:-1]])
    return np.searchsorted(edges, np.asarray(magnitude_px), side="right")


def read_gver(
    path: str | Path, kind: str | None = None, default_gsd_m: float | None = None
) -> list[Tiepoints]:
    """Parse a GVER_ABS or GVER_REL file. ``kind`` ("ABS"/"REL") defaults to what the file name says."""
    path = Path(path)
    doc = load_json(path, "tiepoint file", GVER)
    if kind is None:
        kind = "REL" if "GVER_REL" in path.name.upper() else "ABS"
    measurements = doc.get("measurements") if isinstance(doc, dict) else None
    if not isinstance(measurements, list):
        raise ProductError(path, "measurements", msg("expected a list of tiepoint measurements"))
    result = []
    for i, m in enumerate(measurements):
        field = f"measurements[{i}]"
        if not isinstance(m, dict):
            raise ProductError(
                path, field, msg("{kind}; expected a measurement object", kind=type(m).__name__)
            )
        coords = m.get("coordsLonLat", m.get("coordsLatLon"))
        disp = m.get("disparitiesXYInMeters")
        if coords is None or disp is None:
            raise ProductError(
                path, field, msg("expected coordsLonLat (or coordsLatLon) and disparitiesXYInMeters")
            )
        if len(coords) != len(disp):
            raise ProductError(
                path,
                field,
                msg(
                    "{coords} coordinates but {disparities} disparities; expected equal counts",
                    coords=len(coords),
                    disparities=len(disp),
                ),
            )
        widths = {len(c) for c in coords}
        if widths and not (widths <= {2} or widths <= {4}):
            raise ProductError(path, f"{field}.coordsLonLat", msg("expected 2 or 4 values per tiepoint"))
        if any(len(d) != 2 for d in disp):
            raise ProductError(path, f"{field}.disparitiesXYInMeters", msg("expected [dx, dy] per tiepoint"))
        try:
            lonlat = np.asarray(coords, dtype=float).reshape(len(coords), max(widths) if widths else 2)
            dxy = np.asarray(disp, dtype=float).reshape(len(disp), 2)
        except (TypeError, ValueError) as exc:
            raise ProductError(
                path, field, msg("non-numeric tiepoint values ({error}); expected numbers", error=exc)
            ) from exc
        if kind == "ABS":
            source, target = str(m.get("id", "")), str(m.get("refBand", ""))
            ref_res = m.get("refResolution") or []
            gsd = float(abs(ref_res[0])) if ref_res else default_gsd_m
        else:
            source, target = str(m.get("from", "")), str(m.get("to", ""))
            gsd = float(m["gsd"]) if "gsd" in m else default_gsd_m
        scores = np.asarray(m["scores"], dtype=float) if "scores" in m else None
        result.append(
            Tiepoints(
                kind=kind,
                source=source,
                target=target,
                lonlat=lonlat,
                dxy_m=dxy,
                gsd_m=gsd,
                image_name=m.get("imageName"),
                reference_spacecraft=m.get("refSpacecraft"),
                score=scores,
            )
        )
    return result


def write_gver(tiepoints: list[Tiepoints], path: str | Path, kind: str) -> Path:
    """Write ABS or REL tiepoints in the FarEarth v1.3 structure (plus ``scores``/``gsd`` when known)."""
    measurements = []
    for tp in tiepoints:
        m: dict = {}
        if kind == "ABS":
            m["id"] = tp.source
            m["refBand"] = tp.target
            if tp.reference_spacecraft:
                m["refSpacecraft"] = tp.reference_spacecraft
            if tp.gsd_m:
                m["refResolution"] = [tp.gsd_m, tp.gsd_m]
        else:
            m["from"] = tp.source
            m["to"] = tp.target
        if tp.image_name:
            m["imageName"] = tp.image_name
        m["coordsLonLat"] = np.round(np.asarray(tp.lonlat, dtype=float), 7).tolist()
        m["disparitiesXYInMeters"] = np.round(np.asarray(tp.dxy_m, dtype=float), 4).tolist()
        if kind == "REL" and tp.gsd_m:
            m["gsd"] = tp.gsd_m
        if tp.score is not None:
            m["scores"] = np.round(np.asarray(tp.score, dtype=float), 4).tolist()
        measurements.append(m)
    path = Path(path)
    path.write_text(
        json.dumps({"pixelColorMappings": PIXEL_COLOR_MAPPINGS, "measurements": measurements}, indent=1),
        encoding="utf-8",
    )
    return path
