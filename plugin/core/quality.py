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
    QaBit(12, "lst_not_retrieved", "LST not retrieved", "No LST could be retrieved for this pixel"),
    QaBit(
        13, "saturated_vnir", "Saturated VNIR", "An optical band used for masks or emissivity is saturated"
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
