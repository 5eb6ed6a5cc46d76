"""``{stem}_METADATA.xml``: ISO 19115-2 ``gmi:MI_Metadata`` (ISO/TS 19139 encoding) built with lxml.

Carries every INSPIRE metadata element of the Technical Guidelines 2.0 for data sets: title, abstract,
resource type, resource locator, unique resource identifier, resource language, topic categories,
keywords (INSPIRE spatial data themes from GEMET, plus free keywords), geographic bounding box,
temporal extent, lineage (statement, process steps, sources), spatial resolution, conformity
(Regulation (EU) 1089/2010: not conformant, stated as such; CEOS-ARD ST self-assessment), conditions
for access and use, limitations on public access, responsible party, metadata point of contact,
metadata date and language; plus the CRS, the distribution format, browse graphics (thumbnails),
geometric accuracy (or "not assessed") and ISO 19115-2 acquisition information (platform, instruments).

Resource locator: a delivery package is a local folder, so the locator is the information page of the
software (function "information"), which TG 2.0 allows when no direct download link exists.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lxml import etree

from .facts import Facts, PackageFile, iso_z

NS = {
    "gmi": "http://www.isotc211.org/2005/gmi",
    "gmd": "http://www.isotc211.org/2005/gmd",
    "gco": "http://www.isotc211.org/2005/gco",
    "gmx": "http://www.isotc211.org/2005/gmx",
    "gml": "http://www.opengis.net/gml/3.2",
    "xlink": "http://www.w3.org/1999/xlink",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
CODELISTS = "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml"
INSPIRE_THEMES = (
    ("Meteorological geographical features", "http://inspire.ec.europa.eu/theme/mf"),
    ("Land cover", "http://inspire.ec.europa.eu/theme/lc"),
)
HOMEPAGE = "https://github.com/lst-studio/lst-studio"
CONTACT_EMAIL = "lst-studio@example.org"


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def el(tag: str, *children: Any, text: str | None = None, **attrs: str) -> etree._Element:
    e = etree.Element(_q(tag), nsmap=None)
    for k, v in attrs.items():
        e.set(_q(k.replace("__", ":")) if "__" in k else k, v)
    if text is not None:
        e.text = text
    for c in children:
        if c is not None:
            e.append(c)
    return e


def cs(tag: str, text: str) -> etree._Element:
    return el(tag, el("gco:CharacterString", text=str(text)))


def anchor(tag: str, text: str, href: str) -> etree._Element:
    return el(tag, el("gmx:Anchor", text=text, xlink__href=href))


def code(tag: str, codelist: str, value: str) -> etree._Element:
    return el(tag, text=value, codeList=f"{CODELISTS}#{codelist}", codeListValue=value)


def date_el(value: str, date_type: str) -> etree._Element:
    return el(
        "gmd:date",
        el(
            "gmd:CI_Date",
            el("gmd:date", el("gco:Date", text=value)),
            el("gmd:dateType", code("gmd:CI_DateTypeCode", "CI_DateTypeCode", date_type)),
        ),
    )


def language() -> etree._Element:
    return el(
        "gmd:language",
        el(
            "gmd:LanguageCode",
            text="English",
            codeList="http://www.loc.gov/standards/iso639-2/",
            codeListValue="eng",
        ),
    )


def party(tag: str, organisation: str, email: str, role: str) -> etree._Element:
    return el(
        tag,
        el(
            "gmd:CI_ResponsibleParty",
            cs("gmd:organisationName", organisation),
            el(
                "gmd:contactInfo",
                el(
                    "gmd:CI_Contact",
                    el("gmd:address", el("gmd:CI_Address", cs("gmd:electronicMailAddress", email))),
                    el(
                        "gmd:onlineResource",
                        el("gmd:CI_OnlineResource", el("gmd:linkage", el("gmd:URL", text=HOMEPAGE))),
                    ),
                ),
            ),
            el("gmd:role", code("gmd:CI_RoleCode", "CI_RoleCode", role)),
        ),
    )


def decimal(tag: str, value: float) -> etree._Element:
    return el(tag, el("gco:Decimal", text=f"{value:.6f}"))


def conformance(
    title: str, href: str | None, date: str, explanation: str, passed: bool | None
) -> etree._Element:
    title_el = anchor("gmd:title", title, href) if href else cs("gmd:title", title)
    date_element = date_el(date, "publication")
    pass_el = (
        el("gmd:pass", gco__nilReason="unknown")
        if passed is None
        else el("gmd:pass", el("gco:Boolean", text="true" if passed else "false"))
    )
    return el(
        "gmd:report",
        el(
            "gmd:DQ_DomainConsistency",
            el(
                "gmd:result",
                el(
                    "gmd:DQ_ConformanceResult",
                    el("gmd:specification", el("gmd:CI_Citation", title_el, date_element)),
                    cs("gmd:explanation", explanation),
                    pass_el,
                ),
            ),
        ),
    )


def ceos_ard_report(summary: dict, file_name: str) -> etree._Element:
    """The CEOS-ARD self-assessment as a quantitative domain-consistency report.

    Not a DQ_ConformanceResult: that needs the specification's publication date, and the v5.0-draft
    has none ("Document History: Not available yet"); we do not invent one.
    """
    met, total = summary["threshold_met"], summary["requirements"]
    missing = ", ".join(summary["threshold_not_fully_met"]) or "none"
    return el(
        "gmd:report",
        el(
            "gmd:DQ_DomainConsistency",
            cs("gmd:nameOfMeasure", "CEOS-ARD Surface Temperature (v5.0-draft) threshold requirements met"),
            cs(
                "gmd:measureDescription",
                f"Number of the {total} requirements whose threshold is met or not required, by self-assessment "
                f"(not a CEOS peer review). Not fully met: {missing}. Details, goals and evidence: {file_name}.",
            ),
            cs(
                "gmd:evaluationMethodDescription",
                "Self-assessment by LST Studio, requirement by requirement.",
            ),
            el(
                "gmd:result",
                el(
                    "gmd:DQ_QuantitativeResult",
                    el("gmd:valueUnit", xlink__href="http://www.opengis.net/def/uom/OGC/1.0/unity"),
                    el("gmd:value", el("gco:Record", text=str(met))),
                ),
            ),
        ),
    )


def positional_accuracy(facts: Facts) -> etree._Element:
    g = facts.geometric
    if not g or not g.get("assessed"):
        method = g.get("method") if g else None
        return el(
            "gmd:report",
            el(
                "gmd:DQ_RelativeInternalPositionalAccuracy",
                cs("gmd:nameOfMeasure", "radial RMSE of thermal vs optical band-to-band tiepoints"),
                cs(
                    "gmd:measureDescription",
                    "not assessed" + (f" (method: {method}; too few reliable tiepoints)" if method else ""),
                ),
                el("gmd:result", gco__nilReason="unknown"),
            ),
        )
    value = g.get("radial_rmse_px")
    ce90 = g.get("ce90_m")
    desc = (
        f"Band-to-band geometric verification ({g.get('method', 'tiepoints')}): radial RMSE "
        f"{value:.3f} px of the thermal band against the optical reference"
        + (f", CE90 {ce90:.2f} m" if ce90 is not None else "")
        + ". Relative (internal) accuracy only; no independent absolute reference."
    )
    return el(
        "gmd:report",
        el(
            "gmd:DQ_RelativeInternalPositionalAccuracy",
            cs("gmd:nameOfMeasure", "radial RMSE (pixels)"),
            cs("gmd:measureDescription", desc),
            el(
                "gmd:result",
                el(
                    "gmd:DQ_QuantitativeResult",
                    el("gmd:valueUnit", xlink__href="http://www.opengis.net/def/uom/OGC/1.0/GridSpacing"),
                    el("gmd:value", el("gco:Record", text=f"{value:.4f}")),
                ),
            ),
        ),
    )


def build_iso(
    facts: Facts,
    stem: str,
    files: list[PackageFile],
    footprint,
    organisation: str,
    processing_datetime: datetime,
    lineage_steps: list[str],
    abstract: str,
    ceos_summary: dict,
    ceos_file: str,
) -> etree._ElementTree:
    """The ISO 19115-2 record, built section by section in schema order (one builder per section)."""
    root = etree.Element(
        _q("gmi:MI_Metadata"), nsmap={k: v for k, v in NS.items() if k != "xsi"} | {"xsi": NS["xsi"]}
    )
    root.set(
        _q("xsi:schemaLocation"),
        "http://www.isotc211.org/2005/gmi https://www.ngdc.noaa.gov/metadata/published/xsd/schema.xsd",
    )
    root.extend(_metadata_header(stem, organisation))
    reference = _reference_system(facts.grid.epsg)
    if reference is not None:
        root.append(reference)
    ident = _identification(facts, stem, files, footprint, organisation, processing_datetime, abstract)
    root.append(el("gmd:identificationInfo", ident))
    root.append(_distribution())
    dq = _data_quality(facts, processing_datetime, lineage_steps, ceos_summary, ceos_file)
    root.append(el("gmd:dataQualityInfo", dq))
    root.append(_acquisition(facts))
    return etree.ElementTree(root)


def _metadata_header(stem: str, organisation: str) -> list[etree._Element]:
    """fileIdentifier ... metadataStandardVersion: what the record is and who holds it."""
    now = datetime.now(timezone.utc)
    return [
        cs("gmd:fileIdentifier", str(uuid.uuid5(uuid.NAMESPACE_URL, f"lststudio:{stem}"))),
        language(),
        el("gmd:characterSet", code("gmd:MD_CharacterSetCode", "MD_CharacterSetCode", "utf8")),
        el("gmd:hierarchyLevel", code("gmd:MD_ScopeCode", "MD_ScopeCode", "dataset")),
        party("gmd:contact", organisation, CONTACT_EMAIL, "pointOfContact"),
        el("gmd:dateStamp", el("gco:DateTime", text=iso_z(now.replace(microsecond=0)))),
        cs(
            "gmd:metadataStandardName",
            "ISO 19115-2:2009 Geographic information - Metadata - Part 2: Extensions for imagery and gridded data",
        ),
        cs("gmd:metadataStandardVersion", "ISO 19115-2:2009(E)"),
    ]


def _reference_system(epsg: int | None) -> etree._Element | None:
    if not epsg:
        return None
    return el(
        "gmd:referenceSystemInfo",
        el(
            "gmd:MD_ReferenceSystem",
            el(
                "gmd:referenceSystemIdentifier",
                el(
                    "gmd:RS_Identifier",
                    anchor("gmd:code", f"EPSG:{epsg}", f"http://www.opengis.net/def/crs/EPSG/0/{epsg}"),
                ),
            ),
        ),
    )


def _identification(
    facts, stem, files, footprint, organisation, processing_datetime, abstract
) -> etree._Element:
    """MD_DataIdentification: citation, abstract, overviews, keywords, constraints, resolution, extent."""
    ident = el(
        "gmd:MD_DataIdentification",
        _citation(facts, stem, organisation, processing_datetime),
        cs("gmd:abstract", abstract),
        party("gmd:pointOfContact", organisation, CONTACT_EMAIL, "processor"),
        *_overviews(files),
        *_keywords(facts),
        *_constraints(),
        el(
            "gmd:spatialRepresentationType",
            code("gmd:MD_SpatialRepresentationTypeCode", "MD_SpatialRepresentationTypeCode", "grid"),
        ),
        el(
            "gmd:spatialResolution",
            el("gmd:MD_Resolution", el("gmd:distance", el("gco:Distance", text=f"{facts.gsd:g}", uom="m"))),
        ),
        language(),
        el("gmd:topicCategory", el("gmd:MD_TopicCategoryCode", text="climatologyMeteorologyAtmosphere")),
        el("gmd:topicCategory", el("gmd:MD_TopicCategoryCode", text="imageryBaseMapsEarthCover")),
        _extent(facts, footprint),
    )
    return ident


def _citation(facts, stem: str, organisation: str, processing_datetime: datetime) -> etree._Element:
    acq = facts.acquisition
    citation = el(
        "gmd:citation",
        el(
            "gmd:CI_Citation",
            cs("gmd:title", f"Land surface temperature, {facts.platform}, {iso_z(acq)} ({stem})"),
            date_el(processing_datetime.date().isoformat(), "creation"),
            el(
                "gmd:identifier",
                el(
                    "gmd:RS_Identifier",
                    cs("gmd:code", stem),
                    cs("gmd:codeSpace", organisation.replace(" ", "_") or "lststudio"),
                ),
            ),
        ),
    )
    return citation


def _overviews(files: list[PackageFile]) -> list[etree._Element]:
    """A browse graphic per JPG thumbnail of the package."""
    overviews = [
        el(
            "gmd:graphicOverview",
            el(
                "gmd:MD_BrowseGraphic",
                cs("gmd:fileName", f.path.name),
                cs("gmd:fileDescription", f.title),
                cs("gmd:fileType", "JPEG"),
            ),
        )
        for f in files
        if f.media_type == "image/jpeg"
    ]
    return overviews


def _keywords(facts) -> list[etree._Element]:
    """INSPIRE themes (GEMET thesaurus) and free keywords."""
    themes = el(
        "gmd:descriptiveKeywords",
        el(
            "gmd:MD_Keywords",
            *[anchor("gmd:keyword", label, href) for label, href in INSPIRE_THEMES],
            el("gmd:type", code("gmd:MD_KeywordTypeCode", "MD_KeywordTypeCode", "theme")),
            el(
                "gmd:thesaurusName",
                el(
                    "gmd:CI_Citation",
                    anchor(
                        "gmd:title",
                        "GEMET - INSPIRE themes, version 1.0",
                        "http://www.eionet.europa.eu/gemet/inspire_themes",
                    ),
                    date_el("2008-06-01", "publication"),
                ),
            ),
        ),
    )
    free = el(
        "gmd:descriptiveKeywords",
        el(
            "gmd:MD_Keywords",
            *[
                cs("gmd:keyword", k)
                for k in (
                    "land surface temperature",
                    "thermal infrared",
                    "emissivity",
                    "cloud mask",
                    "analysis ready data",
                    facts.platform,
                )
            ],
            el("gmd:type", code("gmd:MD_KeywordTypeCode", "MD_KeywordTypeCode", "theme")),
        ),
    )
    return [themes, free]


def _constraints() -> list[etree._Element]:
    """Access (INSPIRE: no limitations) and use constraints."""
    access = el(
        "gmd:resourceConstraints",
        el(
            "gmd:MD_LegalConstraints",
            el(
                "gmd:accessConstraints",
                code("gmd:MD_RestrictionCode", "MD_RestrictionCode", "otherRestrictions"),
            ),
            anchor(
                "gmd:otherConstraints",
                "No limitations to public access",
                "http://inspire.ec.europa.eu/metadata-codelist/LimitationsOnPublicAccess/noLimitations",
            ),
        ),
    )
    use = el(
        "gmd:resourceConstraints",
        el(
            "gmd:MD_LegalConstraints",
            el(
                "gmd:useConstraints",
                code("gmd:MD_RestrictionCode", "MD_RestrictionCode", "otherRestrictions"),
            ),
            cs(
                "gmd:otherConstraints",
                "Conditions of use of the source Level-1 data apply (e.g. USGS Landsat: public domain). "
                "The LST accuracy is validated only against synthetic truth; see the CEOS-ARD self-assessment.",
            ),
        ),
    )
    return [access, use]


def _extent(facts, footprint) -> etree._Element:
    """Bounding box of the valid-data footprint and the acquisition period."""
    minlon, minlat, maxlon, maxlat = footprint.bbox
    extent = el(
        "gmd:extent",
        el(
            "gmd:EX_Extent",
            el(
                "gmd:geographicElement",
                el(
                    "gmd:EX_GeographicBoundingBox",
                    decimal("gmd:westBoundLongitude", minlon),
                    decimal("gmd:eastBoundLongitude", maxlon),
                    decimal("gmd:southBoundLatitude", minlat),
                    decimal("gmd:northBoundLatitude", maxlat),
                ),
            ),
            el(
                "gmd:temporalElement",
                el(
                    "gmd:EX_TemporalExtent",
                    el(
                        "gmd:extent",
                        el(
                            "gml:TimePeriod",
                            el("gml:beginPosition", text=iso_z(facts.start)),
                            el("gml:endPosition", text=iso_z(facts.end)),
                            gml__id="acquisition",
                        ),
                    ),
                ),
            ),
        ),
    )
    return extent


def _distribution() -> etree._Element:
    """Formats (COG, STAC) and where the software and its documentation are."""
    return el(
        "gmd:distributionInfo",
        el(
            "gmd:MD_Distribution",
            el(
                "gmd:distributionFormat",
                el("gmd:MD_Format", cs("gmd:name", "GeoTIFF (Cloud Optimized)"), cs("gmd:version", "1.1")),
            ),
            el(
                "gmd:distributionFormat",
                el("gmd:MD_Format", cs("gmd:name", "STAC Item JSON"), cs("gmd:version", "1.1.0")),
            ),
            el(
                "gmd:transferOptions",
                el(
                    "gmd:MD_DigitalTransferOptions",
                    el(
                        "gmd:onLine",
                        el(
                            "gmd:CI_OnlineResource",
                            el("gmd:linkage", el("gmd:URL", text=HOMEPAGE)),
                            cs("gmd:name", "LST Studio (software and product documentation)"),
                            el(
                                "gmd:function",
                                code("gmd:CI_OnLineFunctionCode", "CI_OnLineFunctionCode", "information"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


def _data_quality(facts, processing_datetime, lineage_steps, ceos_summary, ceos_file) -> etree._Element:
    """DQ_DataQuality: INSPIRE conformance, the CEOS-ARD report, positional accuracy and the lineage."""
    dq = el(
        "gmd:DQ_DataQuality",
        el(
            "gmd:scope",
            el("gmd:DQ_Scope", el("gmd:level", code("gmd:MD_ScopeCode", "MD_ScopeCode", "dataset"))),
        ),
        conformance(
            "Commission Regulation (EU) No 1089/2010 of 23 November 2010 implementing Directive 2007/2/EC "
            "of the European Parliament and of the Council as regards interoperability of spatial data sets "
            "and services",
            "http://data.europa.eu/eli/reg/2010/1089",
            "2010-12-08",
            "Not evaluated against the INSPIRE data specifications; the data set is not declared conformant.",
            False,
        ),
        ceos_ard_report(ceos_summary, ceos_file),
        positional_accuracy(facts),
        el(
            "gmd:lineage",
            el(
                "gmd:LI_Lineage",
                cs("gmd:statement", " ".join(lineage_steps)),
                *_process_steps(lineage_steps, processing_datetime),
                *_sources(facts),
            ),
        ),
    )
    return dq


def _sources(facts) -> list[etree._Element]:
    """LI_Source: the Level-1 product, the atmosphere and the ancillary rasters used."""
    scene = facts.scene
    sources = [
        el(
            "gmd:source",
            el(
                "gmd:LI_Source",
                cs(
                    "gmd:description",
                    f"Level-1 product {scene.get('product_id', 'unknown')} "
                    f"({scene.get('source_format', 'unknown format')}), platform {facts.platform}",
                ),
                el(
                    "gmd:sourceCitation",
                    el(
                        "gmd:CI_Citation",
                        cs("gmd:title", str(scene.get("product_id", "unknown"))),
                        date_el(facts.acquisition.date().isoformat(), "creation"),
                    ),
                ),
            ),
        )
    ]
    descriptions = []
    atm = facts.atmosphere
    if atm:
        descriptions.append(
            f"Atmosphere: {atm.get('source', 'unknown')}"
            + (f" - {atm['description']}" if atm.get("description") else "")
        )
    for key, label in (("land_cover", "Land cover (ESA WorldCover codes)"), ("dem", "Elevation model")):
        anc = facts.result.metadata.get(key)
        if anc:
            descriptions.append(f"{label}: {Path(anc['path']).name} ({anc.get('crs', 'unknown CRS')})")
    sources += [el("gmd:source", el("gmd:LI_Source", cs("gmd:description", text))) for text in descriptions]
    return sources


def _process_steps(lineage_steps: list[str], processing_datetime: datetime) -> list[etree._Element]:
    steps = [
        el(
            "gmd:processStep",
            el(
                "gmd:LI_ProcessStep",
                cs("gmd:description", text),
                el(
                    "gmd:dateTime", el("gco:DateTime", text=iso_z(processing_datetime.replace(microsecond=0)))
                ),
            ),
        )
        for text in lineage_steps
    ]
    return steps


def _acquisition(facts) -> etree._Element:
    """ISO 19115-2 MI_AcquisitionInformation: platform and instruments."""
    instruments = [
        el(
            "gmi:instrument",
            el(
                "gmi:MI_Instrument",
                el("gmi:identifier", el("gmd:MD_Identifier", cs("gmd:code", name))),
                cs(
                    "gmi:type",
                    "imaging radiometer (thermal infrared)"
                    if "TIR" in name.upper()
                    else "imaging radiometer",
                ),
            ),
        )
        for name in (facts.instruments or ["unknown"])
    ]
    return el(
        "gmi:acquisitionInformation",
        el(
            "gmi:MI_AcquisitionInformation",
            el(
                "gmi:platform",
                el(
                    "gmi:MI_Platform",
                    el("gmi:identifier", el("gmd:MD_Identifier", cs("gmd:code", facts.platform))),
                    cs(
                        "gmi:description",
                        f"{facts.platform}; sun elevation {facts.angle('sun_elevation')} deg, "
                        f"sun azimuth {facts.angle('sun_azimuth')} deg, off-nadir {facts.angle('view_off_nadir')} deg",
                    ),
                    *instruments,
                ),
            ),
        ),
    )


def write_iso(tree: etree._ElementTree, path: Path) -> None:
    tree.write(str(path), xml_declaration=True, encoding="UTF-8", pretty_print=True)
