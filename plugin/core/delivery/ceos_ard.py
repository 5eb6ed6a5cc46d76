"""CEOS-ARD Surface Temperature self-assessment (``{stem}_CEOS_ARD.json`` and ``.txt``).

``REQUIREMENTS`` is the table: every requirement of the CEOS-ARD Product Family Specification "Optical,
Surface Temperature" (../shared/seeds/004) in the order of the document, each with the specification
version its text follows (``version``), the threshold and goal texts, an expected change of the next
revision (``outlook``) and one small evaluator. An evaluator returns the threshold and goal status
(``met``, ``partially met``, ``not met``, ``not required``: the specification asks nothing at that level,
``not assessed``), the reason and the evidence: ``"FILE"`` or ``"FILE: field, field"`` where a field is
a dotted JSON path (``properties.start_datetime``; a field without a dot continues the previous one's
parent), an XPath in the ISO record, or ``band N`` of a GeoTIFF. ``resolve_evidence`` checks such a
reference against a package (evidence.py); delivery/validate.py uses it, so the self-check proves every
evidence reference the report makes.

To follow a new revision: change the texts (and evaluators) of the rows it changes and set their
``version``; add a row and an evaluator per new requirement (e.g. the announced terrain-occlusion flag).
validate.py takes ``REQUIREMENT_IDS`` and ``STATUSES`` from here, so the self-check insists on new rows by
itself. ``NEXT_REVISION`` lists what is announced; its lines go into every report.

The assessment is honest about what LST Studio does not do: there is no DOI landing page, no SI
traceability chain, and the LST accuracy is validated only against synthetic truth (no in-situ
comparison). It is a self-assessment, not a CEOS peer review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from . import layout
from .facts import Facts, PackageFile, iso_z

SPEC_TITLE = "CEOS-ARD Product Family Specification: Optical, Surface Temperature (ST)"
SPEC_VERSION = "5.0-draft"
SPEC = f"{SPEC_TITLE}, version {SPEC_VERSION}"
MET, PARTIAL, NOT_MET, NOT_REQUIRED, NOT_ASSESSED = (
    "met",
    "partially met",
    "not met",
    "not required",
    "not assessed",
)
STATUSES = (MET, PARTIAL, NOT_MET, NOT_REQUIRED, NOT_ASSESSED)
GCOR_THRESHOLD_PX = 0.5  # gcor.corrections-geometric: <= 0.5 pixel rRMSE
# Expected in the next revision of the ST specification (project issue 20); review when it is published.
NEXT_REVISION = (
    (
        "rac.measurements-uncertainty-st",
        "per-pixel uncertainty expected to become a threshold requirement (LST_UNCERTAINTY is delivered)",
    ),
    (
        "pxl.per-pixel-terrain-occlusion (new)",
        "a per-pixel terrain-occlusion flag is expected; LST Studio does not compute one yet",
    ),
)


@dataclass
class Verdict:
    threshold: str
    goal: str
    reason: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the evaluators read: the facts and the package's file names by TYPE."""

    facts: Facts
    names: dict[str, str]
    stem: str

    def file(self, type_: str) -> str:
        return self.names.get(type_, "")

    def has(self, type_: str) -> bool:
        return type_ in self.names

    def json(self, *fields: str) -> str:
        name = self.names.get("METADATA_JSON", layout.file_name(self.stem, "METADATA", "json"))
        return f"{name}: {', '.join(fields)}" if fields else name

    def xml(self, *paths: str) -> str:
        name = self.names.get("METADATA_XML", layout.file_name(self.stem, "METADATA", "xml"))
        return f"{name}: {', '.join(paths)}" if paths else name


@dataclass(frozen=True)
class Requirement:
    identifier: str
    section: str
    title: str
    threshold_requirement: str
    goal_requirement: str
    evaluate: Callable[[Context], Verdict]
    version: str = SPEC_VERSION
    outlook: str = ""


@dataclass
class Assessment:
    identifier: str
    section: str
    title: str
    specification_version: str
    threshold_requirement: str
    threshold: str
    goal_requirement: str
    goal: str
    reason: str
    evidence: list[str]
    outlook: str = ""


# --- 1. General metadata ----------------------------------------------------------------------------
def _traceability(c: Context) -> Verdict:
    return Verdict(
        NOT_REQUIRED,
        NOT_MET,
        "A per-pixel uncertainty is delivered, but there is no documented SI traceability chain and no DOI.",
        [c.file("LST_UNCERTAINTY")],
    )


def _machine_readability(c: Context) -> Verdict:
    return Verdict(
        MET,
        MET,
        "STAC Item 1.1.0 written with pystac and ISO 19115-2 gmi:MI_Metadata written with lxml. The "
        "package self-check (delivery/validate.py) parses both, checks the STAC mandatory keys, every asset's "
        "size and sha2-256, and every INSPIRE TG 2.0 element by XPath; the export does not validate them "
        "against the STAC JSON Schemas or the ISO XSD (the offline validator kit does).",
        [c.json("stac_version", "stac_extensions"), c.xml("gmd:fileIdentifier")],
    )


def _time(c: Context) -> Verdict:
    f = c.facts
    model = f.ard.get("acquisition_time") or {}
    evidence = [
        c.json("properties.start_datetime", "end_datetime", "datetime"),
        c.xml("gmd:EX_TemporalExtent/gmd:extent/gml:TimePeriod"),
    ]
    head = f"Start {iso_z(f.start)} and end {iso_z(f.end)} are given"
    if not (c.has("ACQUISITION_TIME") and model):
        return Verdict(MET, NOT_MET, head + "; no per-pixel time is provided.", evidence)
    evidence += [
        f"{c.file('ACQUISITION_TIME')}: band 1",
        c.json(
            "assets.acquisition_time.lst:acquisition_time.reference_datetime",
            "accuracy_s",
            "model",
        ),
    ]
    return Verdict(
        MET,
        MET,
        head + f"; each pixel's time is ACQUISITION_TIME seconds (0.01 s steps) after "
        f"{model.get('reference_datetime')} UTC, from the along-track model {model.get('model')} "
        f"(basis: {model.get('basis')}), 1-sigma {model.get('accuracy_s')} s.",
        evidence,
    )


def _geo_area(c: Context) -> Verdict:
    return Verdict(
        MET,
        MET,
        "WGS84 bbox and the valid-data footprint polygon; per-pixel location from proj:code + proj:transform.",
        [c.json("bbox", "geometry", "properties.proj:transform"), c.xml("gmd:EX_GeographicBoundingBox")],
    )


def _crs(c: Context) -> Verdict:
    if c.facts.grid.epsg is None:
        reason = "CRS (WKT2, no EPSG code) in the STAC item and every GeoTIFF."
        return Verdict(MET, MET, reason, [c.json("properties.proj:wkt2")])
    return Verdict(
        MET,
        MET,
        f"CRS {c.facts.grid.crs} in the STAC item, the ISO record and every GeoTIFF.",
        [c.json("properties.proj:code"), c.xml("gmd:referenceSystemInfo")],
    )


def _map_projection(c: Context) -> Verdict:
    return Verdict(
        NOT_REQUIRED,
        MET,
        "The EPSG code defines the projection and its parameters; the GeoTIFFs carry the full definition.",
        [c.json("properties.proj:code", "proj:shape", "proj:transform", "proj:bbox")],
    )


def _geometric_methods(c: Context) -> Verdict:
    return Verdict(
        NOT_REQUIRED,
        NOT_MET,
        "Geometric correction is done by the Level-1 processor; its method is not referenced by a DOI.",
        [c.json("properties.processing:lineage")],
    )


def _geometric_accuracy(c: Context) -> Verdict:
    g = c.facts.geometric
    evidence = [
        c.json("properties.lst:geometric_accuracy"),
        c.xml("gmd:DQ_RelativeInternalPositionalAccuracy"),
    ]
    if not g.get("assessed"):
        reason = "Geometric accuracy not assessed (too few reliable tiepoints or verification off)."
        return Verdict(NOT_REQUIRED, NOT_ASSESSED, reason, evidence)
    rmse = g.get("radial_rmse_px")
    reason = (
        "Band-to-band (thermal vs optical) radial RMSE "
        + (f"{rmse:.3f} px" if rmse is not None else "(not stated)")
        + (f", CE90 {g['ce90_m']:.2f} m" if g.get("ce90_m") is not None else "")
        + " from tiepoints; no independent absolute verification and no DOI."
    )
    return Verdict(NOT_REQUIRED, PARTIAL, reason, evidence)


def _instrument(c: Context) -> Verdict:
    f = c.facts
    return Verdict(
        MET,
        NOT_MET,
        f"Platform {f.platform}, instruments {', '.join(f.instruments) or 'unknown'}; no DOI/MIM link.",
        [c.json("properties.platform", "instruments"), c.xml("gmi:acquisitionInformation")],
    )


def _spectral_bands(c: Context) -> Verdict:
    bands = "assets.emissivity.bands" + (", assets.vnir.bands" if c.has("VNIR") else "")
    evidence = [c.json(bands)]
    head = "eo:center_wavelength and eo:full_width_half_max (micrometres) per band"
    if c.has("SPECTRAL_RESPONSE"):
        evidence.append(f"{c.file('SPECTRAL_RESPONSE')}: bands")
        evidence.append(c.json("assets.spectral_response.href"))
        return Verdict(
            MET, MET, head + "; the product's relative spectral response of every band is included.", evidence
        )
    if c.has("CALIBRATION") and c.facts.platform.upper().startswith("LANDSAT"):
        evidence.append(f"{c.file('CALIBRATION')}: spectral_response_link")
        return Verdict(
            MET,
            PARTIAL,
            head + "; the product has no response table: the USGS spectral characteristics viewer is "
            "linked (a web page, not a machine-readable table).",
            evidence,
        )
    return Verdict(MET, PARTIAL, head + "; the spectral response functions are not included.", evidence)


def _sensor_calibration(c: Context) -> Verdict:
    if not c.has("CALIBRATION"):
        reason = "The Level-1 calibration constants are used but not copied into the package."
        return Verdict(NOT_REQUIRED, NOT_MET, reason, [])
    return Verdict(
        NOT_REQUIRED,
        MET,
        "The calibration constants used per band (radiance gain/offset, K1/K2, reflectance gain/offset) "
        "with their formulas, machine-readable JSON; no DOI landing page.",
        [f"{c.file('CALIBRATION')}: bands, formulas", c.json("assets.calibration.href")],
    )


def _radiometric_accuracy(c: Context) -> Verdict:
    return Verdict(NOT_REQUIRED, NOT_MET, "No radiometric accuracy assessment against a reference standard.")


def _algorithms(c: Context) -> Verdict:
    algo = c.facts.algorithm
    return Verdict(
        MET,
        PARTIAL,
        f"LST algorithm {algo.get('name', 'unknown')} ({algo.get('citation', 'citation missing')}); "
        "masks are an Fmask-style adaptation, not the published Fmask implementation.",
        [
            c.json("properties.processing:lineage", "processing:software", "lst:algorithm"),
            c.xml("gmd:LI_Lineage/gmd:processStep"),
        ],
    )


def _auxiliary(c: Context) -> Verdict:
    f = c.facts
    atm = f.atmosphere
    return Verdict(
        MET if atm.get("source") else PARTIAL,
        NOT_MET,
        f"Atmosphere: {atm.get('source', 'not stated')}; emissivity: {f.emissivity.get('method', 'not stated')}; "
        "no DOI.",
        [c.json("properties.lst:atm_source", "lst:emissivity"), c.xml("gmd:LI_Source")],
    )


def _provenance(c: Context) -> Verdict:
    return Verdict(
        NOT_REQUIRED,
        PARTIAL,
        f"Software LST Studio {c.facts.software_version} and the processing steps are listed; no DOI.",
        [c.json("properties.processing:software", "processing:lineage")],
    )


def _data_access(c: Context) -> Verdict:
    return Verdict(
        NOT_MET,
        NOT_MET,
        "A locally produced package has no DOI landing page; the ISO record links to the software page only.",
        [c.xml("gmd:distributionInfo")],
    )


def _data_quality(c: Context) -> Verdict:
    return Verdict(
        NOT_REQUIRED,
        NOT_MET,
        "The LST accuracy is validated only against synthetic truth (LST Studio test suite); "
        "no in-situ or reference-product validation.",
    )


# --- 2. Per-pixel metadata --------------------------------------------------------------------------
def _pixel_readability(c: Context) -> Verdict:
    return Verdict(
        MET,
        MET,
        "Cloud-optimized GeoTIFFs with nodata, scale/offset and unit; classes and bits described in the STAC item.",
        [c.json("assets.qa.lst:bitfields", "assets.scl.lst:classes")],
    )


def _nodata(c: Context) -> Verdict:
    return Verdict(
        MET,
        MET,
        "Nodata value 65535 in LST/uncertainty/emissivity, 255 in masks; QA bit 0 (no data).",
        [c.file("LST"), c.file("QA"), c.json("assets.lst.bands[0].nodata")],
    )


def _incomplete_testing(c: Context) -> Verdict:
    evidence = [c.file("QA"), c.json("assets.qa.lst:bitfields")]
    if c.has("MASK_TESTS"):
        evidence += [f"{c.file('MASK_TESTS')}: band 2", c.json("assets.mask_tests.bands", "lst:bitfields")]
        return Verdict(
            MET,
            MET,
            "QA bit 11 (tests incomplete) and bit 12 (LST not retrieved); MASK_TESTS band 2 has one bit per "
            "mask test completed for the pixel (bits in core/quality.py).",
            evidence,
        )
    return Verdict(
        MET,
        PARTIAL,
        "QA bit 11 (tests incomplete) and bit 12 (LST not retrieved); the individual tests are not "
        "flagged one by one (no MASK_TESTS layer in this package).",
        evidence,
    )


def _saturation(c: Context) -> Verdict:
    return Verdict(
        MET,
        PARTIAL,
        "QA bits 1 and 2 flag each thermal band separately; optical saturation is one bit (13) for all "
        "optical bands.",
        [c.file("QA")],
    )


def _cloud(c: Context) -> Verdict:
    night = (
        "" if c.facts.is_day else "; at night clouds are detected from the thermal bands only (QA bit 11 set)"
    )
    return Verdict(
        MET,
        NOT_MET,
        "CLOUD_MASK, SCL classes 4/5 and QA bits 5/6; no DOI for the method" + night,
        [c.file("CLOUD_MASK"), c.file("SCL"), c.file("QA")],
    )


def _cloud_shadow(c: Context) -> Verdict:
    day = c.facts.is_day
    night = (
        ""
        if day
        else "; night scene: shadows cannot be projected without the sun, pixels are flagged as tests incomplete"
    )
    return Verdict(
        MET if day else PARTIAL,
        NOT_MET,
        "QA bit 7 and SCL class 6" + night + "; no DOI.",
        [c.file("QA"), c.file("SCL")],
    )


def _snow_ice(c: Context) -> Verdict:
    return Verdict(
        NOT_REQUIRED,
        PARTIAL,
        "QA bit 9 and SCL class 3 flag snow/ice; no DOI.",
        [c.file("QA"), c.file("SCL")],
    )


def _angles(c: Context) -> Verdict:
    f = c.facts
    view = f.angle("view_off_nadir") is not None or f.angle("view_azimuth") is not None
    sun = f.angle("sun_elevation") is not None and f.angle("sun_azimuth") is not None
    threshold = MET if (sun and view) else (PARTIAL if sun else NOT_MET)
    fields = ["properties.view:sun_elevation", "view:sun_azimuth"] + (
        ["view:off_nadir"] if f.angle("view_off_nadir") is not None else []
    )
    evidence = [c.json(*fields)]
    head = "Scene-average sun elevation/azimuth" + (
        " and view off-nadir/azimuth" if view else "; the product gives no average viewing angles"
    )
    a = f.ard.get("angles") or {}
    if not (c.has("ANGLES") and a):
        return Verdict(threshold, NOT_MET, head + " in the STAC item; no per-pixel angle layers.", evidence)
    evidence += [f"{c.file('ANGLES')}: band 4", c.json("assets.angles.bands", "lst:angles")]
    if threshold != MET:  # the per-pixel layer's STAC statistics give the averages
        threshold = MET
        head += "; scene means of the per-pixel angles in the STAC band statistics"
        evidence.append(c.json("assets.angles.bands[2].statistics.mean"))
    return Verdict(
        threshold,
        MET,
        head + f"; per pixel in ANGLES (sun zenith, sun azimuth, view zenith, view azimuth; 0.01 deg): "
        f"sun from the {a.get('sun_source')} ({a.get('sun')}), view from the {a.get('view_source')} "
        f"({a.get('view')}).",
        evidence,
    )


# --- 3. Radiometric and atmospheric corrections -----------------------------------------------------
def _measurement(c: Context) -> Verdict:
    return Verdict(
        MET,
        NOT_MET,
        "LST in K (uint16, scale 0.01); no SI traceability chain.",
        [c.file("LST"), c.json("assets.lst.bands[0].unit")],
    )


def _uncertainty(c: Context) -> Verdict:
    if not c.has("LST_UNCERTAINTY"):
        return Verdict(NOT_REQUIRED, NOT_MET, "No per-pixel uncertainty layer in this package.")
    evidence = [c.file("LST_UNCERTAINTY"), c.json("assets.lst_uncertainty.bands[0].unit")]
    extra = []
    if c.has("CLOUD_DISTANCE"):
        extra.append("CLOUD_DISTANCE (km to the nearest cloud)")
        evidence.append(c.json("assets.cloud_distance.bands[0].unit"))
    if c.has("TRANSMITTANCE"):
        t = c.facts.ard.get("transmittance") or {}
        extra.append(
            "TRANSMITTANCE (B10, "
            + ("per pixel" if t.get("per_pixel") else "the scene-wide value used")
            + ")"
        )
        evidence.append(c.json("assets.transmittance.lst:transmittance.per_pixel"))
    if c.has("WATER_VAPOUR"):
        extra.append("WATER_VAPOUR (g/cm2 per pixel)")
        evidence.append(c.json("assets.water_vapour.bands[0].unit"))
    tail = (
        "; accompanied by " + " and ".join(extra)
        if extra
        else "; no distance-to-cloud or transmittance layer"
    )
    return Verdict(NOT_REQUIRED, MET, "LST_UNCERTAINTY (1 sigma, K) for each pixel" + tail + ".", evidence)


def _atmosphere_emissivity(c: Context) -> Verdict:
    f = c.facts
    algo = f.algorithm
    return Verdict(
        MET,
        MET,
        f"{algo.get('name', 'unknown')}: {algo.get('citation', 'citation missing')}; emissivity "
        f"{f.emissivity.get('method', 'unknown')} ({f.emissivity.get('citation', 'citation missing')}).",
        [c.json("properties.lst:algorithm", "lst:emissivity", "processing:lineage")],
    )


# --- 4. Geometric corrections -----------------------------------------------------------------------
def _geometric(c: Context) -> Verdict:
    g = c.facts.geometric
    rmse = g.get("radial_rmse_px") if g.get("assessed") else None
    if not g.get("assessed"):
        t, reason = NOT_ASSESSED, "Relative geolocation not assessed (no reliable tiepoints)."
    elif rmse is not None and rmse <= GCOR_THRESHOLD_PX:
        t = PARTIAL
        reason = (
            f"Thermal-vs-optical radial RMSE {rmse:.3f} px <= {GCOR_THRESHOLD_PX} px within this scene; "
            "consistency through time relies on the Level-1 processor and is not verified here."
        )
    else:
        t, reason = NOT_MET, f"Thermal-vs-optical radial RMSE {rmse} px exceeds {GCOR_THRESHOLD_PX} px."
    return Verdict(
        t,
        NOT_MET if g.get("assessed") else NOT_ASSESSED,
        reason + " No absolute independent reference is used.",
        [c.json("properties.lst:geometric_accuracy"), c.file("TIEPOINTS")],
    )


_GM, _PP, _RA, _GC = (
    "General Metadata",
    "Per-Pixel Metadata",
    "Radiometric and Atmospheric Corrections",
    "Geometric Corrections",
)
_NR = "Not required."
# fmt: off
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("meta.metadata-traceability-st", _GM, "Traceability", _NR,
                "Data traceable to an SI reference standard, with a DOI landing page.", _traceability),
    Requirement("meta.metadata-machine-readability-st", _GM, "Metadata Machine Readability",
                "Metadata in a structure an algorithm can parse consistently.",
                "As threshold, in a community endorsed standard such as ISO 19115-2.", _machine_readability),
    Requirement("meta.metadata-time-st", _GM, "Data Collection Time",
                "Start and stop time of collection, to the second, UTC identified.",
                "Acquisition time of each pixel identified (or reliably determinable), UTC, to the second.",
                _time),
    Requirement("meta.metadata-geo-area-st", _GM, "Geographical Area",
                "Surface location identified, e.g. four corner points in WGS84.",
                "Closely bounding polygon; location of each pixel determinable in projection coordinates.",
                _geo_area),
    Requirement("meta.metadata-crs-st", _GM, "Coordinate Reference System",
                "The coordinate reference system is listed.", "As threshold.", _crs),
    Requirement("meta.metadata-map-projection", _GM, "Map Projection", _NR,
                "Map projection and its parameters listed.", _map_projection),
    Requirement("meta.metadata-geometric-correction-methods", _GM, "Geometric Correction Methods", _NR,
                "Geometric correction methods on a DOI landing page.", _geometric_methods),
    Requirement("meta.metadata-geometric-accuracy", _GM, "Geometric Accuracy of the Data", _NR,
                "Assessed geodetic accuracy (RMSE or CEP90) by independent verification.", _geometric_accuracy),
    Requirement("meta.metadata-instrument-st", _GM, "Instrument", "The instrument is identified.",
                "As threshold, with a DOI landing page referencing the CEOS MIM database.", _instrument),
    Requirement("meta.metadata-spectral-bands", _GM, "Spectral Bands",
                "Central wavelength of each band, in SI units.",
                "As threshold, with the spectral response function included or directly accessible; at least "
                "centre and FWHM.", _spectral_bands),
    Requirement("meta.metadata-sensor-calibration-st", _GM, "Sensor Calibration", _NR,
                "Sensor calibration parameters identified or accessible, ideally machine to machine.",
                _sensor_calibration),
    Requirement("meta.metadata-radiometric-accuracy-st", _GM, "Radiometric Accuracy", _NR,
                "Assessed absolute radiometric accuracy on a DOI landing page.", _radiometric_accuracy),
    Requirement("meta.metadata-algorithms", _GM, "Algorithms",
                "All algorithms, versions and their sequence identified.",
                "As threshold, only peer-reviewed algorithms.", _algorithms),
    Requirement("meta.metadata-auxiliary-data-st", _GM, "Auxiliary Data", "Sources of auxiliary data identified.",
                "As threshold, on a DOI landing page and freely downloadable.", _auxiliary),
    Requirement("meta.metadata-processing-chain-prov", _GM, "Processing Chain Provenance", _NR,
                "Processing chain and software versions on a DOI landing page.", _provenance),
    Requirement("meta.metadata-data-access-st", _GM, "Data Access",
                "Data access information on a DOI landing page.", "As threshold.", _data_access),
    Requirement("meta.metadata-data-quality", _GM, "Overall Data Quality", _NR,
                "Quantitative quality assessment against high-quality reference data.", _data_quality),
    Requirement("pxl.metadata-machine-readability-st2", _PP, "Metadata Machine Readability",
                "Per-pixel metadata in a machine-readable structure.", "As threshold.", _pixel_readability),
    Requirement("pxl.per-pixel-nodata", _PP, "No Data", "Empty pixels flagged.", "As threshold.", _nodata),
    Requirement("pxl.per-pixel-incomplete-testing", _PP, "Incomplete Testing",
                "Pixels whose per-pixel tests were not all completed are identified.",
                "Which tests have and have not been completed, per pixel.", _incomplete_testing),
    Requirement("pxl.per-pixel-saturation", _PP, "Saturation",
                "Pixels with a saturated input band are indicated.", "Saturation per spectral band.", _saturation),
    Requirement("pxl.per-pixel-cloud", _PP, "Cloud", "Whether a pixel is cloud.",
                "As threshold, with cloud detection on a DOI landing page.", _cloud),
    Requirement("pxl.per-pixel-cloud-shadow", _PP, "Cloud Shadow", "Whether a pixel is cloud shadow.",
                "As threshold, with cloud shadow detection on a DOI landing page.", _cloud_shadow),
    Requirement("pxl.per-pixel-snow-ice", _PP, "Snow/Ice Mask", _NR,
                "Whether a pixel is snow/ice, with a DOI landing page.", _snow_ice),
    Requirement("pxl.per-pixel-solar-view-angles", _PP, "Solar and Viewing Geometry",
                "Average solar and sensor viewing azimuth and zenith angles.",
                "Per-pixel solar and viewing angles.", _angles),
    Requirement("rac.measurements-measurement-st", _RA, "Measurement",
                "Pixel values are surface temperature in kelvin.", "SI-traceable surface temperature.",
                _measurement),
    Requirement("rac.corrections-atmosphere-emissivity", _RA, "Corrections for Atmosphere and Emissivity",
                "Retrieval method provided, citing a peer-reviewed algorithm.", "As threshold.",
                _atmosphere_emissivity),
    Requirement("rac.measurements-uncertainty-st", _RA, "Measurement Uncertainty", _NR,
                "Per-pixel uncertainty in kelvin (note: with distance from cloud and atmospheric transmission).",
                _uncertainty, outlook=dict(NEXT_REVISION)["rac.measurements-uncertainty-st"]),
    Requirement("gcor.corrections-geometric", _GC, "Geometric Correction",
                "Sub-pixel (<= 0.5 px rRMSE) relative geolocation against a defined reference image.",
                "Sub-pixel accuracy relative to an absolute independent terrestrial reference.", _geometric),
)
# fmt: on
REQUIREMENT_IDS: tuple[str, ...] = tuple(r.identifier for r in REQUIREMENTS)


def assess(facts: Facts, files: list[PackageFile], stem: str) -> list[Assessment]:
    context = Context(facts, {f.type_: f.path.name for f in files}, stem)
    rows = []
    for req in REQUIREMENTS:
        v = req.evaluate(context)
        rows.append(
            Assessment(
                req.identifier,
                req.section,
                req.title,
                req.version,
                req.threshold_requirement,
                v.threshold,
                req.goal_requirement,
                v.goal,
                v.reason,
                [e for e in v.evidence if e],
                req.outlook,
            )
        )
    return rows


def report(facts: Facts, files: list[PackageFile], stem: str) -> dict[str, Any]:
    rows = assess(facts, files, stem)
    thresholds = [r.threshold for r in rows]
    versions = sorted({r.specification_version for r in rows})
    return {
        "specification": SPEC,
        "specification_versions": versions,
        "product": stem,
        "assessment_type": "self-assessment by LST Studio (not a CEOS peer review)",
        "statuses": list(STATUSES),
        "summary": {
            "requirements": len(rows),
            "threshold_met": sum(t in (MET, NOT_REQUIRED) for t in thresholds),
            "threshold_not_fully_met": [r.identifier for r in rows if r.threshold not in (MET, NOT_REQUIRED)],
            "goal_met": sum(r.goal == MET for r in rows),
            "all_threshold_met": all(t in (MET, NOT_REQUIRED) for t in thresholds),
        },
        "next_revision": [{"requirement": i, "expected": t} for i, t in NEXT_REVISION],
        "requirements": [asdict(r) for r in rows],
    }


def to_text(doc: dict[str, Any]) -> str:
    s = doc["summary"]
    lines = [
        doc["specification"],
        f"Product: {doc['product']}",
        f"Assessment: {doc['assessment_type']}",
        "",
        f"Threshold requirements met (or not required): {s['threshold_met']} of {s['requirements']}",
        "Threshold requirements not fully met: " + (", ".join(s["threshold_not_fully_met"]) or "none"),
        f"Goal requirements met: {s['goal_met']} of {s['requirements']}",
        "",
    ]
    section = None
    for r in doc["requirements"]:
        if r["section"] != section:
            section = r["section"]
            lines += [section, "=" * len(section), ""]
        lines += [
            f"{r['title']}  [{r['identifier']}, ST {r.get('specification_version', SPEC_VERSION)}]",
            f"  Threshold: {r['threshold'].upper():<14} {r['threshold_requirement']}",
            f"  Goal:      {r['goal'].upper():<14} {r['goal_requirement']}",
            f"  Why:       {r['reason']}",
            "  Evidence:  " + ("; ".join(r["evidence"]) or "-"),
        ]
        if r.get("outlook"):
            lines.append(f"  Next revision: {r['outlook']}")
        lines.append("")
    if doc.get("next_revision"):
        lines += ["Announced for the next revision", "=" * 31, ""]
        lines += [f"- {n['requirement']}: {n['expected']}" for n in doc["next_revision"]]
        lines.append("")
    return "\n".join(lines)
