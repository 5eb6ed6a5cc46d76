"""Processing algorithm "Cloud and quality masks" (``lststudio:masks``): thin layer over core.aoi_masks.

Opens a product and runs ``core.aoi_masks.masks_for_aoi`` (the masks exactly as the pipeline computes them:
on AOI ∩ thermal footprint, land cover and DEM read there) and writes CLOUD_MASK (uint8,
0 clear / 1 cloud or shadow / 255 no data), SCL (uint8 classes, 255 no data) and QA (uint16 bits)
GeoTIFFs on the thermal grid. The class and bit meanings are those of core.quality; the cover
percentages come back as numeric outputs (and in the log). The optional LAND_COVER raster (ESA
WorldCover codes, core.landcover) is read onto the output grid; at night its snow/ice pixels get their
own clear-sky statistics in the cold-cloud test. METADATA then holds its ``land_cover`` block.
The optional DEM (elevation in metres, core.terrain) is read only for a night scene: the cold-cloud
test then compares brightness temperatures normalised to one elevation (METADATA ``dem`` and
``elevation_normalisation``); by day the Fmask tests do not use it and it is not read.
"""

from __future__ import annotations

import json

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterRasterDestination,
)

from .base import LstAlgorithm, LstStudioProcessing
from .params import (
    add_aoi_parameters,
    add_buffer_parameters,
    add_dem_parameter,
    add_land_cover_parameter,
    product_parameter,
    production_inputs,
)

PERCENT_OUTPUTS = (
    (
        "CLOUD_PERCENT",
        "cloud",
        LstStudioProcessing.QT_TR_NOOP("Cloud or shadow, buffers included (% of pixels with data)"),
    ),
    ("THICK_CLOUD_PERCENT", "thick_cloud", LstStudioProcessing.QT_TR_NOOP("Thick cloud (%)")),
    ("THIN_CLOUD_PERCENT", "thin_cloud", LstStudioProcessing.QT_TR_NOOP("Thin cloud (%)")),
    ("SHADOW_PERCENT", "shadow", LstStudioProcessing.QT_TR_NOOP("Cloud shadow (%)")),
    ("SNOW_PERCENT", "snow", LstStudioProcessing.QT_TR_NOOP("Snow / ice (%)")),
    ("WATER_PERCENT", "water", LstStudioProcessing.QT_TR_NOOP("Water (%)")),
    ("SATURATED_PERCENT", "saturated", LstStudioProcessing.QT_TR_NOOP("Saturated thermal (%)")),
    ("CLEAR_PERCENT", "clear", LstStudioProcessing.QT_TR_NOOP("Clear (%)")),
    ("NODATA_PERCENT", "nodata", LstStudioProcessing.QT_TR_NOOP("No data (% of the AOI)")),
)
RASTERS = (  # output key, label; layout and encoding: core.aoi_masks.MASK_RASTERS
    ("CLOUD_MASK", LstStudioProcessing.QT_TR_NOOP("Cloud mask (0 clear, 1 cloud or shadow)")),
    ("SCL", LstStudioProcessing.QT_TR_NOOP("Scene classes")),
    ("QA", LstStudioProcessing.QT_TR_NOOP("Quality bits")),
)


class MasksAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "masks"

    def displayName(self) -> str:
        return LstStudioProcessing.tr("Cloud and quality masks")

    def shortHelpString(self) -> str:
        return (
            LstStudioProcessing.tr(
                "Cloud, cloud-shadow, snow/ice and water masks of a Level-1 product over an area of interest, "
                "with Fmask-style tests (Zhu & Woodcock 2012, doi:10.1016/j.rse.2011.10.028) by day and a "
                "thermal-only cold-cloud test by night (less reliable; flagged 'tests incomplete').\n"
                "Outputs on the thermal grid: CLOUD_MASK (0 clear, 1 cloud or cloud shadow including the "
                "buffers, 255 no data), SCL (scene classes, 255 no data) and QA (uint16 bits: no data, "
                "saturation per TIR band, under-saturation, filled, cloud, thin cloud, shadow, buffer, "
                "snow/ice, water, tests incomplete, saturated VNIR). Buffers are in pixels."
            )
            + "\n"
            + LstStudioProcessing.tr(
                "LAND_COVER (optional, ESA WorldCover class codes, any CRS): at night its snow and ice pixels "
                "are tested against their own clear-sky statistics in the cold-cloud test."
            )
            + "\n"
            + LstStudioProcessing.tr(
                "DEM (optional, elevation in metres, any CRS): at night the cold-cloud test compares "
                "brightness temperatures normalised to one elevation (MFmask, Qiu et al. 2017); not used by day."
            )
        )

    def initAlgorithm(self, config=None):
        self.addParameter(product_parameter())
        add_aoi_parameters(self)
        add_land_cover_parameter(self)
        add_dem_parameter(self)
        add_buffer_parameters(self)
        for key, label in RASTERS:
            self.addParameter(QgsProcessingParameterRasterDestination(key, LstStudioProcessing.tr(label)))
        for key, _name, label in PERCENT_OUTPUTS:
            self.addOutput(QgsProcessingOutputNumber(key, LstStudioProcessing.tr(label)))
        self.addOutput(QgsProcessingOutputString("METADATA", LstStudioProcessing.tr("Mask metadata (JSON)")))

    def prepare_inputs(self, parameters, context):
        return production_inputs(self, parameters, context)  # AOI layer, raster layers: main thread

    def process(self, parameters, context, feedback, progress) -> dict:
        from ..core.aoi_masks import masks_for_aoi, write_mask_rasters
        from ..core.products import open_product

        path, aoi, options = self.prepared_inputs(parameters, context)
        destinations = {key: self.parameterAsOutputLayer(parameters, key, context) for key, *_ in RASTERS}
        scene = open_product(path)
        try:
            found = masks_for_aoi(
                scene, aoi, options, progress.sub(0.0, 0.9)
            )  # as the pipeline computes them
        finally:
            scene.close()
        for warning in found.warnings:
            feedback.pushWarning(warning)
        progress.check()
        result = found.masks
        write_mask_rasters(found.aw.grid, result, destinations)
        pct = result.percentages
        feedback.pushInfo(", ".join(f"{k} {v:.2f} %" for k, v in pct.items()))
        if result.metadata.get("message"):
            feedback.pushInfo(result.metadata["message"])
        if result.metadata.get("night_mode"):
            feedback.pushInfo(result.metadata.get("reliability", ""))
        outputs = dict(destinations)
        outputs.update({key: float(pct.get(name, 0.0)) for key, name, _ in PERCENT_OUTPUTS})
        outputs["METADATA"] = json.dumps(result.metadata, default=str)
        return outputs
