"""Sensor files of the package: ``{stem}_SPECTRAL_RESPONSE.json`` and ``{stem}_CALIBRATION.json``.

CEOS-ARD ST ``meta.metadata-spectral-bands`` (goal: the spectral response included or directly accessible)
and ``meta.metadata-sensor-calibration-st`` (goal: calibration parameters identified or accessible,
ideally machine to machine). Both come from ``result.metadata["sensor"]`` (core/ard_layers.py):

- SPECTRAL_RESPONSE: the product's relative spectral response table (FarEarth ``SPECTRAL_RESPONSE.csv``)
  per band by STAC common name, trimmed to where the response is at least ``MIN_RESPONSE``. Products
  without one (Landsat MTL) get no file; ``LANDSAT_RSR_URL`` is linked instead (see stac.py).
- CALIBRATION: the constants the retrieval used per band (radiance gain/offset, K1/K2, reflectance
  gain/offset, ESUN) with the formulas that use them, and the file they were read from.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from . import layout
from .facts import Facts, PackageFile

MIN_RESPONSE = 1e-4
# USGS spectral characteristics viewer: the OLI/TIRS relative spectral responses (Barsi et al. 2014,
# doi:10.3390/rs61010232 for OLI); linked when the product carries no response table.
LANDSAT_RSR_URL = "https://landsat.usgs.gov/spectral-characteristics-viewer"
FORMULAS = {
    "radiance": "L = radiance_gain * DN + radiance_offset (MTL RADIANCE_MULT/ADD_BAND_n: ML, AL)",
    "brightness_temperature": "BT = k2 / ln(k1 / L + 1) (K, MTL K1/K2_CONSTANT_BAND_n)",
    "reflectance": "rho = (Mrho * DN + Arho) / sin(sun elevation) (MTL REFLECTANCE_MULT/ADD_BAND_n)",
}


def write_sensor_files(facts: Facts, folder: Path, stem: str) -> list[PackageFile]:
    sensor = facts.sensor
    if not sensor:
        return []
    files = []
    srf = facts.result.files.get("SPECTRAL_RESPONSE")
    if srf and Path(srf).is_file():
        files.append(layout.package_file(folder, stem, "SPECTRAL_RESPONSE", "json"))
        _write_json(files[-1].path, spectral_response(Path(srf), sensor))
    files.append(layout.package_file(folder, stem, "CALIBRATION", "json"))
    _write_json(files[-1].path, calibration(sensor, has_srf=len(files) > 1, platform=facts.platform))
    return files


def spectral_response(csv_path: Path, sensor: dict[str, Any]) -> dict[str, Any]:
    """The response table by common band name: {band: {source_name, wavelength_um: [], response: []}}."""
    by_source = {b.get("source_name"): name for name, b in (sensor.get("bands") or {}).items()}
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], [r for r in rows[1:] if r]
    wavelengths = [float(r[0]) for r in body]
    bands = {}
    for j, source in enumerate(header[1:], start=1):
        pairs = [(w, float(r[j])) for w, r in zip(wavelengths, body) if float(r[j]) >= MIN_RESPONSE]
        bands[by_source.get(source, source)] = {
            "source_name": source,
            "wavelength_um": [w for w, _ in pairs],
            "response": [v for _, v in pairs],
        }
    return {
        "description": "relative spectral response (peak 1), from the Level-1 product",
        "source_file": sensor.get("spectral_response_file") or csv_path.name,
        "wavelength_unit": "um",
        "min_response_kept": MIN_RESPONSE,
        "bands": bands,
    }


def calibration(sensor: dict[str, Any], has_srf: bool, platform: str = "") -> dict[str, Any]:
    doc = {
        "description": "calibration constants of the Level-1 product used by LST Studio, per band",
        "source": Path(str(sensor.get("source", ""))).name,
        "source_format": sensor.get("source_format"),
        "formulas": FORMULAS,
        "bands": sensor.get("bands") or {},
    }
    if not has_srf and platform.upper().startswith("LANDSAT"):
        doc["spectral_response_link"] = LANDSAT_RSR_URL
    return doc


def _write_json(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
