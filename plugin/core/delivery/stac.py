"""``{stem}_METADATA.json``: a STAC Item 1.1.0 built with pystac.

Extensions declared (only versions the offline validator kit resolves, see
../shared/validators/schemas/stac/schema_map.json): projection v2.0.0, view v1.0.0, file v2.1.0 (set
through pystac's extension classes), eo v2.0.0 and raster v2.0.0 (STAC 1.1 ``bands`` on each asset:
``eo:common_name``, ``eo:center_wavelength``, ``eo:full_width_half_max``, ``raster:scale``,
``raster:offset``, ``raster:spatial_resolution``, with the common ``data_type``, ``nodata``, ``unit``
and ``statistics``) and processing v1.2.0.

The classification extension is NOT declared: the validator kit has no schema for it and an
undeclarable extension fails validation. Classes and bit fields are still described, with the same
structure the classification extension uses (``value``/``name``/``description``/``color_hint`` and
``offset``/``length``/``classes``), under our own prefix as ``lst:classes`` and ``lst:bitfields``.

Custom fields use the prefix ``lst:`` (``CUSTOM_PREFIX``). They carry the legacy Landsat-based
constellr metadata of spec-notes §5.5.5: ``lst:area_of_interest_id``, ``lst:area_of_interest_name``,
``lst:organization_id``, ``lst:l1_item_href``, ``lst:scene_datetime``, ``lst:processing_datetime``,
``lst:cloud_ratio_aoi`` and ``lst:na_ratio_aoi`` (percent of the AOI), ``lst:min_lst``,
``lst:max_lst``, ``lst:median_lst`` (K, clear valid pixels), ``lst:sun_elevation`` (deg),
``lst:sat_source``, ``lst:atm_source``, ``lst:requested_area_of_interest`` (GeoJSON); plus
``lst:product_type``, ``lst:day_flag``, ``lst:algorithm``, ``lst:emissivity``, ``lst:quicklook``
(colour scale of the LST quicklook), ``lst:geometric_accuracy`` and ``lst:warnings``.
"""

from __future__ import annotations

from typing import Any

import pystac
from pystac.extensions.file import FileExtension
from pystac.extensions.projection import ProjectionExtension
from pystac.extensions.view import ViewExtension

from ..products.scene import REFLECTIVE_BANDS, THERMAL_BANDS
from ..quality import CLOUD_MASK_CLASSES, MASK_TESTS, QA_BITS, SCL_CLASSES
from .cog import LAYERS
from .facts import Facts, PackageFile, iso_z, multihash_sha256
from .sensor import LANDSAT_RSR_URL

CUSTOM_PREFIX = "lst:"
EO_SCHEMA = "https://stac-extensions.github.io/eo/v2.0.0/schema.json"
RASTER_SCHEMA = "https://stac-extensions.github.io/raster/v2.0.0/schema.json"
PROCESSING_SCHEMA = "https://stac-extensions.github.io/processing/v1.2.0/schema.json"
CEOS_ARD_ST_URL = (
    "https://ceos.org/ard/files/PFS/ST/v5.0/CARD4L_Product_Family_Specification_Surface_Temperature-v5.0.pdf"
)

BAND_DESCRIPTIONS = {
    "LST": "Land surface temperature",
    "LST_UNCERTAINTY": "1-sigma uncertainty of the land surface temperature",
    "EMISSIVITY": "Surface emissivity used for the retrieval",
    "VNIR": "Top-of-atmosphere reflectance",
    "CLOUD_MASK": "0 clear, 1 cloud or cloud shadow",
    "SCL": "Scene classification",
    "QA": "Per-pixel quality bits",
    "ANGLES": "Per-pixel angle, degrees",
    "ACQUISITION_TIME": "Acquisition time, seconds since lst:acquisition_time.reference_datetime (UTC)",
    "CLOUD_DISTANCE": "Distance to the nearest detected cloud",
    "TRANSMITTANCE": "Atmospheric transmittance used for the retrieval",
    "WATER_VAPOUR": "Column water vapour used for the retrieval",
    "MASK_TESTS": "Mask tests per pixel",
}
MULTI_BAND = ("EMISSIVITY", "VNIR", "ANGLES", "MASK_TESTS")  # band descriptions name the band


def _classes_cloud_mask() -> list[dict]:
    return [{"value": v, "name": n, "description": t} for v, n, t in CLOUD_MASK_CLASSES]


def _classes_scl() -> list[dict]:
    return [
        {"value": c.value, "name": c.name, "description": c.title, "color_hint": c.color.lstrip("#").upper()}
        for c in SCL_CLASSES
    ]


def _one_bit_fields(rows) -> list[dict]:
    """Classification-extension bit fields of one bit each: (offset, name, description) rows."""
    return [
        {
            "offset": bit,
            "length": 1,
            "name": name,
            "description": description,
            "classes": [{"value": 0, "name": "no"}, {"value": 1, "name": "yes"}],
        }
        for bit, name, description in rows
    ]


def _bitfields_qa() -> list[dict]:
    return _one_bit_fields((b.bit, b.name, f"{b.title}: {b.description}") for b in QA_BITS)


def _bitfields_mask_tests() -> list[dict]:
    """Both MASK_TESTS bands share one bit table: band 1 flagged, band 2 completed (quality.MASK_TESTS)."""
    return _one_bit_fields((t.bit, t.name, f"{t.title} ({t.citation})") for t in MASK_TESTS)


def _band_objects(facts: Facts, f: PackageFile) -> list[dict]:
    spec = LAYERS[f.layer]
    names = f.band_names or [f.layer.lower()]
    bands = []
    for i, name in enumerate(names):
        band: dict[str, Any] = {
            "name": name,
            "description": BAND_DESCRIPTIONS.get(f.layer, spec.title)
            + (f" ({name})" if f.layer in MULTI_BAND else ""),
            "data_type": spec.dtype,
            "nodata": spec.nodata,
            "raster:spatial_resolution": facts.gsd,
        }
        if spec.encoded:
            band["raster:scale"] = spec.scale
            band["raster:offset"] = spec.offset
            band["unit"] = spec.unit
        if f.layer in ("EMISSIVITY", "VNIR"):
            centre, fwhm = facts.wavelength(name)
            if name in REFLECTIVE_BANDS + THERMAL_BANDS:
                band["eo:common_name"] = name
            if centre:
                band["eo:center_wavelength"] = round(centre, 4)
            if fwhm:
                band["eo:full_width_half_max"] = round(fwhm, 4)
        if i < len(f.stats):
            stats = f.stats[i].as_stac()
            # min/max/mean of class codes and bit fields mean nothing: only the valid share for those
            band["statistics"] = stats if spec.encoded else {"valid_percent": stats["valid_percent"]}
        bands.append(band)
    return bands


def _ard_extra(facts: Facts, layer: str | None) -> dict[str, Any]:
    """The models behind the CEOS-ARD companion layers, on their assets (core/ard_layers.py)."""
    ard = facts.ard
    if layer == "ANGLES" and ard.get("angles"):
        return {"angles": ard["angles"]}
    if layer == "ACQUISITION_TIME" and ard.get("acquisition_time"):
        return {"acquisition_time": ard["acquisition_time"]}
    if layer == "TRANSMITTANCE" and ard.get("transmittance"):
        return {"transmittance": ard["transmittance"]}
    return {}


def _geometric_accuracy(facts: Facts) -> dict[str, Any]:
    g = facts.geometric
    if not g or not g.get("assessed"):
        return {"assessed": False, "statement": "not assessed", "method": g.get("method") if g else None}
    keep = ("method", "assessed", "gsd_m", "radial_rmse_px", "ce90_m", "pairs")
    return {k: g[k] for k in keep if k in g}


def build_item(
    facts: Facts,
    stem: str,
    files: list[PackageFile],
    footprint,
    custom: dict[str, Any],
) -> pystac.Item:
    grid = facts.grid
    acquisition = facts.acquisition
    props: dict[str, Any] = {
        "start_datetime": iso_z(facts.start),
        "end_datetime": iso_z(facts.end),
        "platform": facts.platform.lower(),
        "instruments": [i.lower() for i in facts.instruments],
        "gsd": facts.gsd,
        "title": f"Land surface temperature {facts.platform} {iso_z(acquisition)}",
        "description": (
            "Land surface temperature (K) with 1-sigma uncertainty, emissivity, cloud mask, scene "
            "classification and per-pixel quality bits, produced by LST Studio from a Level-1 product."
        ),
        "providers": [
            {"name": custom.get("organization") or "LST Studio user", "roles": ["processor", "host"]},
        ],
        "created": iso_z(custom["processing_datetime"]),
    }
    item = pystac.Item(
        id=stem,
        geometry=footprint.geometry,
        bbox=footprint.bbox,
        datetime=acquisition,
        properties=props,
    )

    proj = ProjectionExtension.ext(item, add_if_missing=True)
    epsg = grid.epsg
    proj.code = f"EPSG:{epsg}" if epsg else None
    if not epsg:
        proj.wkt2 = grid.crs
    proj.shape = [grid.height, grid.width]
    proj.transform = [float(v) for v in list(grid.transform)[:6]]
    proj.bbox = [float(v) for v in grid.bounds]

    view = ViewExtension.ext(item, add_if_missing=True)
    view.sun_elevation = facts.angle("sun_elevation")
    view.sun_azimuth = facts.angle("sun_azimuth")
    view.off_nadir = facts.angle("view_off_nadir")
    view.incidence_angle = facts.angle("view_incidence")
    view.azimuth = facts.angle("view_azimuth")

    item.stac_extensions += [EO_SCHEMA, RASTER_SCHEMA, PROCESSING_SCHEMA]
    item.properties["eo:cloud_cover"] = round(float(custom["cloud_ratio_aoi"]), 3)
    item.properties.update(
        {
            "processing:level": "L2",
            "processing:datetime": iso_z(custom["processing_datetime"]),
            "processing:facility": custom.get("organization") or "LST Studio (local)",
            "processing:version": facts.software_version,
            "processing:software": {"LST Studio": facts.software_version, **custom.get("software", {})},
            "processing:lineage": custom["lineage"],
        }
    )
    for key, value in custom["fields"].items():
        item.properties[CUSTOM_PREFIX + key] = value
    item.properties[CUSTOM_PREFIX + "geometric_accuracy"] = _geometric_accuracy(facts)

    for f in files:
        asset = pystac.Asset(href=f"./{f.path.name}", media_type=f.media_type, roles=f.roles, title=f.title)
        item.add_asset(f.key, asset)
        if f.layer in BAND_DESCRIPTIONS:
            asset.extra_fields["bands"] = _band_objects(facts, f)
        if f.layer == "CLOUD_MASK":
            asset.extra_fields[CUSTOM_PREFIX + "classes"] = _classes_cloud_mask()
        elif f.layer == "SCL":
            asset.extra_fields[CUSTOM_PREFIX + "classes"] = _classes_scl()
        elif f.layer == "QA":
            asset.extra_fields[CUSTOM_PREFIX + "bitfields"] = _bitfields_qa()
        elif f.layer == "MASK_TESTS":
            asset.extra_fields[CUSTOM_PREFIX + "bitfields"] = _bitfields_mask_tests()
        for k, v in {**_ard_extra(facts, f.layer), **f.extra}.items():
            asset.extra_fields[CUSTOM_PREFIX + k] = v
        fx = FileExtension.ext(asset, add_if_missing=True)
        fx.size = f.path.stat().st_size
        fx.checksum = multihash_sha256(f.path)

    item.add_link(
        pystac.Link(
            rel="describedby",
            target=CEOS_ARD_ST_URL,
            media_type="application/pdf",
            title="CEOS-ARD Product Family Specification: Surface Temperature",
        )
    )
    _link_spectral_response(item, facts)
    return item


def _link_spectral_response(item: pystac.Item, facts: Facts) -> None:
    """Landsat MTL products carry no response table: link the USGS one (CEOS-ARD spectral bands goal)."""
    if (
        facts.sensor
        and "spectral_response_file" not in facts.sensor
        and facts.platform.upper().startswith("LANDSAT")
    ):
        item.add_link(
            pystac.Link(
                rel="about",
                target=LANDSAT_RSR_URL,
                media_type="text/html",
                title="Landsat OLI/TIRS relative spectral responses (USGS)",
            )
        )


def item_dict(item: pystac.Item) -> dict:
    doc = item.to_dict(include_self_link=False, transform_hrefs=False)
    # pystac writes properties.datetime with microseconds when present; keep it RFC 3339 'Z'
    return doc
