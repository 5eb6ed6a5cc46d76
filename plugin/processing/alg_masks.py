"""Processing algorithm "Cloud and quality masks" (``lststudio:masks``): thin layer over core.masks.

Opens a product, cuts the AOI window (core.aoi), runs ``compute_masks`` and writes CLOUD_MASK (uint8,
0 clear / 1 cloud or shadow / 255 no data), SCL (uint8 classes, 255 no data) and QA (uint16 bits)
GeoTIFFs on the thermal grid. The class and bit meanings are those of core.quality; the cover
percentages come back as numeric outputs (and in the log).
"""

from __future__ import annotations

import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from .base import LstAlgorithm
from .params import production_inputs

PERCENT_OUTPUTS = (
    ("CLOUD_PERCENT", "cloud", "Cloud or shadow, buffers included (% of pixels with data)"),
    ("THICK_CLOUD_PERCENT", "thick_cloud", "Thick cloud (%)"),
    ("THIN_CLOUD_PERCENT", "thin_cloud", "Thin cloud (%)"),
    ("SHADOW_PERCENT", "shadow", "Cloud shadow (%)"),
    ("SNOW_PERCENT", "snow", "Snow / ice (%)"),
    ("WATER_PERCENT", "water", "Water (%)"),
    ("SATURATED_PERCENT", "saturated", "Saturated thermal (%)"),
    ("CLEAR_PERCENT", "clear", "Clear (%)"),
    ("NODATA_PERCENT", "nodata", "No data (% of the AOI)"),
)
RASTERS = (
    ("CLOUD_MASK", "cloud_mask", "uint8", 255, "Cloud mask (0 clear, 1 cloud or shadow)"),
    ("SCL", "scl", "uint8", 255, "Scene classes"),
    ("QA", "qa", "uint16", None, "Quality bits"),
)


class MasksAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "masks"

    def displayName(self) -> str:
        return self.tr("Cloud and quality masks")

    def shortHelpString(self) -> str:
        return self.tr(
            "Cloud, cloud-shadow, snow/ice and water masks of a Level-1 product over an area of interest, "
            "with Fmask-style tests (Zhu & Woodcock 2012, doi:10.1016/j.rse.2011.10.028) by day and a "
            "thermal-only cold-cloud test by night (less reliable; flagged 'tests incomplete').\n"
            "Outputs on the thermal grid: CLOUD_MASK (0 clear, 1 cloud or cloud shadow including the "
            "buffers, 255 no data), SCL (scene classes, 255 no data) and QA (uint16 bits: no data, "
            "saturation per TIR band, under-saturation, filled, cloud, thin cloud, shadow, buffer, "
            "snow/ice, water, tests incomplete, saturated VNIR). Buffers are in pixels."
        )

    def initAlgorithm(self, config=None):
        tr = self.tr
        self.addParameter(
            QgsProcessingParameterFile(
                "INPUT",
                tr("Level-1 product (FarEarth folder, .zip, .geojson or Landsat MTL, folder, .tar)"),
                behavior=QgsProcessingParameterFile.File,
                fileFilter="All files (*)",  # the default "*.*" refuses product folders (no extension)
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                "AOI", tr("Area of interest (polygons)"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterExtent("EXTENT", tr("Area of interest extent"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString("AOI_NAME", tr("AOI name"), defaultValue="", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString("AOI_ID", tr("AOI id"), defaultValue="", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "CLOUD_BUFFER", tr("Cloud buffer (pixels)"), defaultValue=3, minValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "SHADOW_BUFFER", tr("Shadow buffer (pixels)"), defaultValue=3, minValue=0
            )
        )
        for key, _attr, _dtype, _nodata, label in RASTERS:
            self.addParameter(QgsProcessingParameterRasterDestination(key, tr(label)))
        for key, _name, label in PERCENT_OUTPUTS:
            self.addOutput(QgsProcessingOutputNumber(key, tr(label)))
        self.addOutput(QgsProcessingOutputString("METADATA", tr("Mask metadata (JSON)")))

    def run(self, parameters, context, feedback, progress) -> dict:
        from ..core.aoi import output_window
        from ..core.masks import compute_masks
        from ..core.products import open_product

        path, aoi, options = production_inputs(self, parameters, context)
        destinations = {key: self.parameterAsOutputLayer(parameters, key, context) for key, *_ in RASTERS}
        scene = open_product(path)
        try:
            aw = output_window(scene.grid, aoi)
            for warning in aw.warnings:
                feedback.pushInfo(warning)
            result = compute_masks(
                scene, aw.window, aw.inside, options.masks, progress.sub(0.0, 0.9), aoi_mask=aw.inside
            )
        finally:
            scene.close()
        progress.check()
        _write(aw.grid, result, destinations)
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


def _write(grid, result, destinations: dict[str, str]) -> None:
    """Write the three rasters; a failed write leaves no partial file behind."""
    import os

    import rasterio

    from ..core.blocks import gtiff_profile

    written = []
    try:
        for key, attr, dtype, nodata, _label in RASTERS:
            path = destinations[key]
            profile = gtiff_profile(grid, 1, dtype, nodata)
            with rasterio.open(path, "w", **profile) as dst:
                dst.write(getattr(result, attr).astype(dtype), 1)
            written.append(path)
    except BaseException:
        for path in written:
            if os.path.exists(path):
                os.remove(path)
        raise
