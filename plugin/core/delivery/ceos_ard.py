"""CEOS-ARD Surface Temperature self-assessment (``{stem}_CEOS_ARD.json`` and ``.txt``).

Every requirement of the CEOS-ARD Product Family Specification "Optical, Surface Temperature" v5.0-draft
(../shared/seeds/004) by its textual identifier, with the threshold and the goal each assessed as
``met``, ``partially met``, ``not met``, ``not required`` (the specification requires nothing at that
level) or ``not assessed``, a reason, and where in the package the evidence is. The assessment is
honest about what LST Studio does not do: there is no DOI landing page, no SI traceability chain, no
per-pixel time or angles, and the LST accuracy is validated only against synthetic truth (no in-situ
comparison). It is a self-assessment, not a CEOS peer review.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .facts import Facts, PackageFile, iso_z

SPEC = "CEOS-ARD Product Family Specification: Optical, Surface Temperature (ST), version 5.0-draft"
MET, PARTIAL, NOT_MET, NOT_REQUIRED, NOT_ASSESSED = (
    "met",
    "partially met",
    "not met",
    "not required",
    "not assessed",
)
GCOR_THRESHOLD_PX = 0.5  # gcor.corrections-geometric: <= 0.5 pixel rRMSE


@dataclass
class Assessment:
    identifier: str
    section: str
    title: str
    threshold_requirement: str
    threshold: str
    goal_requirement: str
    goal: str
    reason: str
    evidence: list[str]


def _a(identifier, section, title, t_req, t, g_req, g, reason, evidence) -> Assessment:
    return Assessment(identifier, section, title, t_req, t, g_req, g, reason, list(evidence))


def assess(facts: Facts, files: list[PackageFile], stem: str) -> list[Assessment]:
    names = {f.type_: f.path.name for f in files}
    meta_json = names.get("METADATA_JSON", f"{stem}_METADATA.json")
    meta_xml = names.get("METADATA_XML", f"{stem}_METADATA.xml")
    has_vnir = "VNIR" in names
    g = facts.geometric
    assessed = bool(g.get("assessed"))
    rmse_px = g.get("radial_rmse_px") if assessed else None
    algo = facts.algorithm
    atm = facts.atmosphere
    day = facts.is_day
    view_angles = facts.angle("view_off_nadir") is not None or facts.angle("view_azimuth") is not None
    sun_angles = facts.angle("sun_elevation") is not None and facts.angle("sun_azimuth") is not None

    rows = [
        # 1. General metadata
        _a(
            "meta.metadata-traceability-st",
            "General Metadata",
            "Traceability",
            "Not required.",
            NOT_REQUIRED,
            "Data traceable to an SI reference standard, with a DOI landing page.",
            NOT_MET,
            "A per-pixel uncertainty is delivered, but there is no documented SI traceability chain and no DOI.",
            [f"{names.get('LST_UNCERTAINTY', '(no uncertainty layer)')}"],
        ),
        _a(
            "meta.metadata-machine-readability-st",
            "General Metadata",
            "Metadata Machine Readability",
            "Metadata in a structure an algorithm can parse consistently.",
            MET,
            "As threshold, in a community endorsed standard such as ISO 19115-2.",
            MET,
            "STAC Item 1.1.0 (JSON Schema validated) and ISO 19115-2 gmi:MI_Metadata (XSD validated).",
            [meta_json, meta_xml],
        ),
        _a(
            "meta.metadata-time-st",
            "General Metadata",
            "Data Collection Time",
            "Start and stop time of collection, to the second, UTC identified.",
            MET,
            "Acquisition time of each pixel identified.",
            NOT_MET,
            f"Start {iso_z(facts.start)} and end {iso_z(facts.end)} are given; no per-pixel time is provided.",
            [
                f"{meta_json}: properties.start_datetime, properties.end_datetime, properties.datetime",
                f"{meta_xml}: gmd:EX_TemporalExtent/gml:TimePeriod",
            ],
        ),
        _a(
            "meta.metadata-geo-area-st",
            "General Metadata",
            "Geographical Area",
            "Surface location identified, e.g. four corner points in WGS84.",
            MET,
            "Closely bounding polygon; location of each pixel determinable in projection coordinates.",
            MET,
            "WGS84 bbox and the valid-data footprint polygon; per-pixel location from proj:code + proj:transform.",
            [
                f"{meta_json}: bbox, geometry, properties.proj:transform",
                f"{meta_xml}: gmd:EX_GeographicBoundingBox",
            ],
        ),
        _a(
            "meta.metadata-crs-st",
            "General Metadata",
            "Coordinate Reference System",
            "The coordinate reference system is listed.",
            MET,
            "As threshold.",
            MET,
            f"CRS {facts.grid.crs} in the STAC item, the ISO record and every GeoTIFF.",
            [f"{meta_json}: properties.proj:code", f"{meta_xml}: gmd:referenceSystemInfo"],
        ),
        _a(
            "meta.metadata-map-projection",
            "General Metadata",
            "Map Projection",
            "Not required.",
            NOT_REQUIRED,
            "Map projection and its parameters listed.",
            MET,
            "The EPSG code defines the projection and its parameters; the GeoTIFFs carry the full definition.",
            [f"{meta_json}: properties.proj:code, proj:shape, proj:transform, proj:bbox"],
        ),
        _a(
            "meta.metadata-geometric-correction-methods",
            "General Metadata",
            "Geometric Correction Methods",
            "Not required.",
            NOT_REQUIRED,
            "Geometric correction methods on a DOI landing page.",
            NOT_MET,
            "Geometric correction is done by the Level-1 processor; its method is not referenced by a DOI.",
            [f"{meta_json}: properties.processing:lineage"],
        ),
        _geometric_accuracy_row(meta_json, meta_xml, g, assessed, rmse_px),
        _a(
            "meta.metadata-instrument-st",
            "General Metadata",
            "Instrument",
            "The instrument is identified.",
            MET,
            "As threshold, with a DOI landing page referencing the CEOS MIM database.",
            NOT_MET,
            f"Platform {facts.platform}, instruments {', '.join(facts.instruments) or 'unknown'}; no DOI/MIM link.",
            [
                f"{meta_json}: properties.platform, properties.instruments",
                f"{meta_xml}: gmi:acquisitionInformation",
            ],
        ),
        _a(
            "meta.metadata-spectral-bands",
            "General Metadata",
            "Spectral Bands",
            "Central wavelength of each band, in SI units.",
            MET,
            "As threshold, with the spectral response function; at least centre and FWHM.",
            PARTIAL,
            "eo:center_wavelength and eo:full_width_half_max (micrometres) per band; the full spectral "
            "response functions are not included.",
            [f"{meta_json}: assets.emissivity.bands" + (", assets.vnir.bands" if has_vnir else "")],
        ),
        _a(
            "meta.metadata-sensor-calibration-st",
            "General Metadata",
            "Sensor Calibration",
            "Not required.",
            NOT_REQUIRED,
            "Sensor calibration parameters identified or accessible.",
            NOT_MET,
            "The Level-1 calibration constants are used but not copied into the package metadata.",
            [],
        ),
        _a(
            "meta.metadata-radiometric-accuracy-st",
            "General Metadata",
            "Radiometric Accuracy",
            "Not required.",
            NOT_REQUIRED,
            "Assessed absolute radiometric accuracy on a DOI landing page.",
            NOT_MET,
            "No radiometric accuracy assessment against a reference standard.",
            [],
        ),
        _a(
            "meta.metadata-algorithms",
            "General Metadata",
            "Algorithms",
            "All algorithms, versions and their sequence identified.",
            MET,
            "As threshold, only peer-reviewed algorithms.",
            PARTIAL,
            f"LST algorithm {algo.get('name', 'unknown')} ({algo.get('citation', 'citation missing')}); "
            "masks are an Fmask-style adaptation, not the published Fmask implementation.",
            [
                f"{meta_json}: properties.processing:lineage, processing:software, lst:algorithm",
                f"{meta_xml}: gmd:LI_Lineage/gmd:processStep",
            ],
        ),
        _a(
            "meta.metadata-auxiliary-data-st",
            "General Metadata",
            "Auxiliary Data",
            "Sources of auxiliary data identified.",
            MET if atm.get("source") else PARTIAL,
            "As threshold, on a DOI landing page and freely downloadable.",
            NOT_MET,
            f"Atmosphere: {atm.get('source', 'not stated')}; emissivity: {facts.emissivity.get('method', 'not stated')}; "
            "no DOI.",
            [f"{meta_json}: properties.lst:atm_source, lst:emissivity", f"{meta_xml}: gmd:LI_Source"],
        ),
        _a(
            "meta.metadata-processing-chain-prov",
            "General Metadata",
            "Processing Chain Provenance",
            "Not required.",
            NOT_REQUIRED,
            "Processing chain and software versions on a DOI landing page.",
            PARTIAL,
            f"Software LST Studio {facts.software_version} and the processing steps are listed; no DOI.",
            [f"{meta_json}: properties.processing:software, processing:lineage"],
        ),
        _a(
            "meta.metadata-data-access-st",
            "General Metadata",
            "Data Access",
            "Data access information on a DOI landing page.",
            NOT_MET,
            "As threshold.",
            NOT_MET,
            "A locally produced package has no DOI landing page; the ISO record links to the software page only.",
            [f"{meta_xml}: gmd:distributionInfo"],
        ),
        _a(
            "meta.metadata-data-quality",
            "General Metadata",
            "Overall Data Quality",
            "Not required.",
            NOT_REQUIRED,
            "Quantitative quality assessment against high-quality reference data.",
            NOT_MET,
            "The LST accuracy is validated only against synthetic truth (LST Studio test suite); "
            "no in-situ or reference-product validation.",
            [],
        ),
        # 2. Per-pixel metadata
        _a(
            "pxl.metadata-machine-readability-st2",
            "Per-Pixel Metadata",
            "Metadata Machine Readability",
            "Per-pixel metadata in a machine-readable structure.",
            MET,
            "As threshold.",
            MET,
            "Cloud-optimized GeoTIFFs with nodata, scale/offset and unit; classes and bits described in the STAC item.",
            [f"{meta_json}: assets.qa.lst:bitfields, assets.scl.lst:classes"],
        ),
        _a(
            "pxl.per-pixel-nodata",
            "Per-Pixel Metadata",
            "No Data",
            "Empty pixels flagged.",
            MET,
            "As threshold.",
            MET,
            "Nodata value 65535 in LST/uncertainty/emissivity, 255 in masks; QA bit 0 (no data).",
            [names.get("LST", ""), names.get("QA", "")],
        ),
        _a(
            "pxl.per-pixel-incomplete-testing",
            "Per-Pixel Metadata",
            "Incomplete Testing",
            "Pixels whose per-pixel tests were not all completed are identified.",
            MET,
            "Which tests have and have not been completed, per pixel.",
            PARTIAL,
            "QA bit 11 (tests incomplete) and bit 12 (LST not retrieved); the individual tests are not "
            "flagged one by one.",
            [f"{names.get('QA', '')}", f"{meta_json}: assets.qa.lst:bitfields"],
        ),
        _a(
            "pxl.per-pixel-saturation",
            "Per-Pixel Metadata",
            "Saturation",
            "Pixels with a saturated input band are indicated.",
            MET,
            "Saturation per spectral band.",
            PARTIAL,
            "QA bits 1 and 2 flag each thermal band separately; optical saturation is one bit (13) for all "
            "optical bands.",
            [f"{names.get('QA', '')}"],
        ),
        _a(
            "pxl.per-pixel-cloud",
            "Per-Pixel Metadata",
            "Cloud",
            "Whether a pixel is cloud.",
            MET,
            "As threshold, with cloud detection on a DOI landing page.",
            NOT_MET,
            "CLOUD_MASK, SCL classes 4/5 and QA bits 5/6; no DOI for the method"
            + ("" if day else "; at night clouds are detected from the thermal bands only (QA bit 11 set)"),
            [names.get("CLOUD_MASK", ""), names.get("SCL", ""), names.get("QA", "")],
        ),
        _a(
            "pxl.per-pixel-cloud-shadow",
            "Per-Pixel Metadata",
            "Cloud Shadow",
            "Whether a pixel is cloud shadow.",
            MET if day else PARTIAL,
            "As threshold, with cloud shadow detection on a DOI landing page.",
            NOT_MET,
            "QA bit 7 and SCL class 6"
            + (
                ""
                if day
                else "; night scene: shadows cannot be projected without the sun, pixels are "
                "flagged as tests incomplete"
            )
            + "; no DOI.",
            [names.get("QA", ""), names.get("SCL", "")],
        ),
        _a(
            "pxl.per-pixel-snow-ice",
            "Per-Pixel Metadata",
            "Snow/Ice Mask",
            "Not required.",
            NOT_REQUIRED,
            "Whether a pixel is snow/ice, with a DOI landing page.",
            PARTIAL,
            "QA bit 9 and SCL class 3 flag snow/ice; no DOI.",
            [names.get("QA", ""), names.get("SCL", "")],
        ),
        _a(
            "pxl.per-pixel-solar-view-angles",
            "Per-Pixel Metadata",
            "Solar and Viewing Geometry",
            "Average solar and sensor viewing azimuth and zenith angles.",
            MET if (sun_angles and view_angles) else (PARTIAL if sun_angles else NOT_MET),
            "Per-pixel solar and viewing angles.",
            NOT_MET,
            "Scene-average sun elevation/azimuth"
            + (" and view off-nadir/azimuth" if view_angles else "; the product gives no viewing angles")
            + " in the STAC item; no per-pixel angle layers.",
            [f"{meta_json}: properties.view:sun_elevation, view:sun_azimuth, view:off_nadir, view:azimuth"],
        ),
        # 3. Radiometric and atmospheric corrections
        _a(
            "rac.measurements-measurement-st",
            "Radiometric and Atmospheric Corrections",
            "Measurement",
            "Pixel values are surface temperature in kelvin.",
            MET,
            "SI-traceable surface temperature.",
            NOT_MET,
            "LST in K (uint16, scale 0.01); no SI traceability chain.",
            [names.get("LST", ""), f"{meta_json}: assets.lst.bands[0].unit"],
        ),
        _a(
            "rac.corrections-atmosphere-emissivity",
            "Radiometric and Atmospheric Corrections",
            "Corrections for Atmosphere and Emissivity",
            "Retrieval method provided, citing a peer-reviewed algorithm.",
            MET,
            "As threshold.",
            MET,
            f"{algo.get('name', 'unknown')}: {algo.get('citation', 'citation missing')}; emissivity "
            f"{facts.emissivity.get('method', 'unknown')} ({facts.emissivity.get('citation', 'citation missing')}).",
            [f"{meta_json}: properties.lst:algorithm, lst:emissivity, processing:lineage"],
        ),
        _a(
            "rac.measurements-uncertainty-st",
            "Radiometric and Atmospheric Corrections",
            "Measurement Uncertainty",
            "Not required.",
            NOT_REQUIRED,
            "Per-pixel uncertainty in kelvin.",
            MET,
            "LST_UNCERTAINTY (1 sigma, K) for each pixel; distance to cloud is used in the quality bits "
            "(buffer) but not delivered as a layer.",
            [names.get("LST_UNCERTAINTY", "")],
        ),
        # 4. Geometric corrections
        _gcor_row(meta_json, g, assessed, rmse_px, names.get("TIEPOINTS", "")),
    ]
    for r in rows:
        r.evidence = [e for e in r.evidence if e]
    return rows


def _geometric_accuracy_row(meta_json, meta_xml, g, assessed, rmse_px) -> Assessment:
    if not assessed:
        goal, reason = (
            NOT_ASSESSED,
            "Geometric accuracy not assessed (too few reliable tiepoints or verification off).",
        )
    else:
        goal = PARTIAL
        reason = (
            f"Band-to-band (thermal vs optical) radial RMSE {rmse_px:.3f} px"
            + (f", CE90 {g['ce90_m']:.2f} m" if g.get("ce90_m") is not None else "")
            + " from tiepoints; no independent absolute verification and no DOI."
        )
    return _a(
        "meta.metadata-geometric-accuracy",
        "General Metadata",
        "Geometric Accuracy of the Data",
        "Not required.",
        NOT_REQUIRED,
        "Assessed geodetic accuracy (RMSE or CEP90) by independent verification.",
        goal,
        reason,
        [
            f"{meta_json}: properties.lst:geometric_accuracy",
            f"{meta_xml}: gmd:DQ_RelativeInternalPositionalAccuracy",
        ],
    )


def _gcor_row(meta_json, g, assessed, rmse_px, tiepoints) -> Assessment:
    if not assessed:
        t, reason = NOT_ASSESSED, "Relative geolocation not assessed (no reliable tiepoints)."
    elif rmse_px is not None and rmse_px <= GCOR_THRESHOLD_PX:
        t = PARTIAL
        reason = (
            f"Thermal-vs-optical radial RMSE {rmse_px:.3f} px <= {GCOR_THRESHOLD_PX} px within this scene; "
            "consistency through time relies on the Level-1 processor and is not verified here."
        )
    else:
        t = NOT_MET
        reason = f"Thermal-vs-optical radial RMSE {rmse_px} px exceeds {GCOR_THRESHOLD_PX} px."
    return _a(
        "gcor.corrections-geometric",
        "Geometric Corrections",
        "Geometric Correction",
        "Sub-pixel (<= 0.5 px rRMSE) relative geolocation against a defined reference image.",
        t,
        "Sub-pixel accuracy relative to an absolute independent terrestrial reference.",
        NOT_ASSESSED if not assessed else NOT_MET,
        reason + " No absolute independent reference is used.",
        [f"{meta_json}: properties.lst:geometric_accuracy", tiepoints],
    )


def report(facts: Facts, files: list[PackageFile], stem: str) -> dict[str, Any]:
    rows = assess(facts, files, stem)
    thresholds = [r.threshold for r in rows]
    return {
        "specification": SPEC,
        "product": stem,
        "assessment_type": "self-assessment by LST Studio (not a CEOS peer review)",
        "statuses": [MET, PARTIAL, NOT_MET, NOT_REQUIRED, NOT_ASSESSED],
        "summary": {
            "requirements": len(rows),
            "threshold_met": sum(t in (MET, NOT_REQUIRED) for t in thresholds),
            "threshold_not_fully_met": [r.identifier for r in rows if r.threshold not in (MET, NOT_REQUIRED)],
            "goal_met": sum(r.goal == MET for r in rows),
            "all_threshold_met": all(t in (MET, NOT_REQUIRED) for t in thresholds),
        },
        "requirements": [asdict(r) for r in rows],
    }


def to_text(doc: dict[str, Any]) -> str:
    lines = [
        doc["specification"],
        f"Product: {doc['product']}",
        f"Assessment: {doc['assessment_type']}",
        "",
        f"Threshold requirements met (or not required): {doc['summary']['threshold_met']} of "
        f"{doc['summary']['requirements']}",
        "Threshold requirements not fully met: "
        + (", ".join(doc["summary"]["threshold_not_fully_met"]) or "none"),
        f"Goal requirements met: {doc['summary']['goal_met']} of {doc['summary']['requirements']}",
        "",
    ]
    section = None
    for r in doc["requirements"]:
        if r["section"] != section:
            section = r["section"]
            lines += [section, "=" * len(section), ""]
        lines += [
            f"{r['title']}  [{r['identifier']}]",
            f"  Threshold: {r['threshold'].upper():<14} {r['threshold_requirement']}",
            f"  Goal:      {r['goal'].upper():<14} {r['goal_requirement']}",
            f"  Why:       {r['reason']}",
            "  Evidence:  " + ("; ".join(r["evidence"]) or "-"),
            "",
        ]
    return "\n".join(lines)
