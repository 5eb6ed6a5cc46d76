"""The one table of QA bits and scene classes.

The masks code sets these bits, the metadata writer (STAC classification extension, ISO XML,
CEOS-ARD report) documents them from here, and the QGIS styling builds its legend from here.
Change a meaning here and everything that describes it follows.
"""

from __future__ import annotations

from dataclasses import dataclass

QA_NODATA_VALUE = None  # the QA layer has no nodata value: bit 0 marks no-data pixels
SCL_NODATA = 255
CLOUD_MASK_NODATA = 255


@dataclass(frozen=True)
class QaBit:
    bit: int
    name: str  # machine name, used in STAC classification:bitfields and QML
    title: str  # human-readable, shown in legends
    description: str


QA_BITS: tuple[QaBit, ...] = (
    QaBit(0, "nodata", "No data", "Pixel outside the scene footprint or the AOI, or fill in the input"),
    QaBit(1, "saturated_lwir11", "Saturated TIR band 10", "Thermal band lwir11 (B10) over-saturated"),
    QaBit(2, "saturated_lwir12", "Saturated TIR band 11", "Thermal band lwir12 (B11) over-saturated"),
    QaBit(3, "undersaturated", "Under-saturated", "A thermal band used is below the sensor minimum"),
    QaBit(4, "filled", "Filled", "Input pixel was filled (interpolated) by the L1 processor"),
    QaBit(5, "cloud", "Cloud", "Cloud (thick or thin)"),
    QaBit(6, "thin_cloud", "Thin cloud", "Thin (semi-transparent) cloud or cirrus"),
    QaBit(7, "cloud_shadow", "Cloud shadow", "Shadow cast by a detected cloud"),
    QaBit(8, "adjacent", "Cloud/shadow buffer", "Within the dilation buffer around cloud or shadow"),
    QaBit(9, "snow_ice", "Snow / ice", "Snow or ice"),
    QaBit(10, "water", "Water", "Water"),
    QaBit(
        11, "tests_incomplete", "Tests incomplete", "Some mask tests could not run (e.g. night: thermal-only)"
    ),
    QaBit(
        12,
        "lst_not_retrieved",
        "LST not retrieved",
        "No LST could be retrieved for this pixel, or the retrieval gave less than 175 K, colder than any "
        "surface observed on Earth (Scambos et al. 2018)",
    ),
    QaBit(
        13, "saturated_vnir", "Saturated VNIR", "An optical band used for masks or emissivity is saturated"
    ),
    QaBit(
        14,
        "split_window_fallback",
        "Split-window not plausible",
        "T10 − T11 outside the clear-surface bounds of core.btd_guard: no split-window value, "
        "LST from band 10 only",
    ),
)

QA_BIT = {b.name: b.bit for b in QA_BITS}


@dataclass(frozen=True)
class SceneClass:
    value: int
    name: str
    title: str
    color: str  # hex RGB, used by quicklooks and QGIS styles


SCL_CLASSES: tuple[SceneClass, ...] = (
    SceneClass(0, "unclassified", "Unclassified", "#808080"),
    SceneClass(1, "clear_land", "Clear land", "#4daf4a"),
    SceneClass(2, "water", "Water", "#377eb8"),
    SceneClass(3, "snow_ice", "Snow / ice", "#a6f0ff"),
    SceneClass(4, "thick_cloud", "Thick cloud", "#ffffff"),
    SceneClass(5, "thin_cloud", "Thin cloud", "#d9d9d9"),
    SceneClass(6, "cloud_shadow", "Cloud shadow", "#3f3f3f"),
    SceneClass(7, "saturated", "Saturated or defective", "#e41a1c"),
)

SCL = {c.name: c.value for c in SCL_CLASSES}

CLOUD_MASK_CLASSES = ((0, "clear", "Clear"), (1, "contaminated", "Cloud or cloud shadow"))


@dataclass(frozen=True)
class MaskTest:
    bit: int
    name: str  # machine name, used in the STAC bitfields of the MASK_TESTS asset
    title: str
    citation: str  # where the test comes from (author year, DOI)


_FMASK = "Zhu & Woodcock 2012, doi:10.1016/j.rse.2011.10.028"
# The MASK_TESTS layer (uint16, 2 bands; 65535 = no data, so bit 15 is never used): band 1 ("flagged") has
# the bit of every test that flagged the pixel (cloud-like, water, snow, potential or matched shadow),
# band 2 ("completed") the bit of every test that could be evaluated for it (its bands were there and
# valid; night scenes complete only the thermal tests). Names and meanings are stable: the CEOS-ARD report
# cites band 2 as per-pixel evidence of incomplete testing.
MASK_TESTS: tuple[MaskTest, ...] = (
    MaskTest(0, "basic", "Basic cloud test (Eq. 1: SWIR2, BT, NDSI, NDVI)", _FMASK),
    MaskTest(1, "whiteness", "Whiteness (Eq. 2)", _FMASK),
    MaskTest(2, "hot", "Haze-optimised transformation (Eq. 3)", _FMASK),
    MaskTest(3, "nir_swir", "NIR/SWIR1 ratio (Eq. 4)", _FMASK),
    MaskTest(
        4,
        "cirrus",
        "Cirrus band: TOA > 0.01 (potential cloud; its /0.04 also adds to the cloud probability)",
        "Zhu, Wang & Woodcock 2015, doi:10.1016/j.rse.2014.12.014",
    ),
    MaskTest(5, "water", "Water (Eq. 5)", _FMASK),
    MaskTest(6, "snow", "Snow/ice (Eq. 20)", _FMASK),
    MaskTest(7, "land_probability", "Land cloud probability above the scene threshold (Eq. 14-18)", _FMASK),
    MaskTest(8, "water_probability", "Water cloud probability above 0.5 (Eq. 9-11, 18)", _FMASK),
    MaskTest(9, "cold_cloud", "Colder than Tlow - 35 K (Eq. 18)", _FMASK),
    MaskTest(
        10,
        "btd_guard",
        "T10 - T11 outside the clear-surface range (core.btd_guard)",
        "Inoue 1985, doi:10.2151/jmsj1965.63.1_88; Jiménez-Muñoz et al. 2014, doi:10.1109/LGRS.2014.2312032",
    ),
    MaskTest(
        11,
        "potential_shadow",
        "Potential shadow: NIR and SWIR1 flood-fill pit (Eq. 19)",
        "Qiu, Zhu & He 2019, doi:10.1016/j.rse.2019.05.024",
    ),
    MaskTest(12, "shadow_match", "Shadow of a matched cloud object (Eq. 21-24)", _FMASK),
    MaskTest(
        13,
        "night_cold",
        "Night: cold outlier against the scene's or the neighbourhood's clear-sky BT",
        "Saunders & Kriebel 1988, doi:10.1080/01431168808954841",
    ),
    MaskTest(
        14,
        "night_split_window",
        "Night: split-window difference above the clear-sky relation",
        "Inoue 1985, doi:10.2151/jmsj1965.63.1_88",
    ),
)

MASK_TEST = {t.name: t.bit for t in MASK_TESTS}
MASK_TESTS_NODATA = 65535
MASK_TESTS_BANDS = ("flagged", "completed")
