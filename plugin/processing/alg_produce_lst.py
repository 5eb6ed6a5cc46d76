"""Processing algorithm "Produce LST" (``lststudio:producelst``): thin layer over core.pipeline.produce.

Writes a result folder (``result.json`` + float32 GeoTIFFs LST, LST_UNCERTAINTY, EMISSIVITY, CLOUD_MASK,
SCL, QA, CLOUD_DISTANCE, VNIR) that "Export delivery package" takes as input.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputFolder,
    QgsProcessingOutputRasterLayer,
    QgsProcessingOutputString,
    QgsProcessingParameterFolderDestination,
)

from .base import LstAlgorithm, LstStudioProcessing
from .params import DEM_HELP, LAND_COVER_HELP, add_production_parameters, production_inputs


class ProduceLstAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "producelst"

    def displayName(self) -> str:
        return LstStudioProcessing.tr("Produce LST")

    def shortHelpString(self) -> str:
        return (
            LstStudioProcessing.tr(
                "Land surface temperature (K) with a per-pixel 1-sigma uncertainty for an area of interest of a "
                "Level-1 product (FarEarth L1C or Landsat 8/9 Level-1).\n"
                "Algorithms: radiative transfer equation inversion of B10 with the given transmittance and "
                "up/down-welling radiance; generalized single-channel (B10) and split-window (B10/B11) of "
                "Jiménez-Muñoz et al. 2014 (doi:10.1109/LGRS.2014.2312032) with column water vapour. Automatic: "
                "RTE when τ, L↑ and L↓ are given, else split-window when B11 is usable, else single-channel. "
                "Without water vapour a climatological value by latitude and month is used and named in the "
                "metadata.\n"
                "Emissivity: NDVI threshold method (Sobrino et al. 2004/2008, Skoković et al. 2014 TIRS "
                "constants), water and snow from the masks; at night land-cover classes or a constant.\n"
                "The AOI's bounding box is snapped to the thermal pixel grid (no resampling); pixels outside the "
                "polygon are no data. LST is kept under clouds; CLOUD_MASK and QA flag them, and the statistics "
                "use clear pixels only.\n"
                "OUTPUT_FOLDER receives result.json and the rasters; use it as input of 'Export delivery "
                "package'."
            )
            + "\n"
            + LstStudioProcessing.tr(LAND_COVER_HELP)
            + "\n"
            + LstStudioProcessing.tr(DEM_HELP)
        )

    def initAlgorithm(self, config=None):
        add_production_parameters(self)
        self.addParameter(
            QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", LstStudioProcessing.tr("Result folder"))
        )
        self.addOutput(
            QgsProcessingOutputRasterLayer("LST", LstStudioProcessing.tr("Land surface temperature (K)"))
        )
        self.addOutput(
            QgsProcessingOutputRasterLayer(
                "UNCERTAINTY", LstStudioProcessing.tr("LST uncertainty, 1 sigma (K)")
            )
        )
        self.addOutput(QgsProcessingOutputRasterLayer("CLOUD_MASK", LstStudioProcessing.tr("Cloud mask")))
        self.addOutput(
            QgsProcessingOutputFolder("RESULT", LstStudioProcessing.tr("Result folder (result.json)"))
        )
        self.addOutput(QgsProcessingOutputString("ALGORITHM_USED", LstStudioProcessing.tr("Algorithm used")))

    def prepare_inputs(self, parameters, context):
        return production_inputs(self, parameters, context)  # AOI layer, raster layers: main thread

    def process(self, parameters, context, feedback, progress) -> dict:
        from pathlib import Path

        from ..core.delivery.workspace import check_output_folder
        from ..core.pipeline import produce

        path, aoi, options = self.prepared_inputs(parameters, context)
        folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        check_output_folder(Path(folder))  # a file, read-only or full: refused before any work
        result = produce(path, aoi, options, workdir=folder, progress=progress)
        md = result.metadata
        feedback.pushInfo(
            LstStudioProcessing.tr("Algorithm {} ({}); atmosphere: {}").format(
                md["algorithm"]["name"], md["algorithm"]["citation"], md["atmosphere"]["source"]
            )
        )
        stats = md["lst_stats"]
        if stats["valid_pixels"]:
            feedback.pushInfo(
                LstStudioProcessing.tr(
                    "Clear-sky LST: min {} K, median {} K, max {} K over {} pixels"
                ).format(stats["min"], stats["median"], stats["max"], stats["valid_pixels"])
            )
        for warning in md["warnings"]:
            feedback.pushWarning(warning)
        return {
            "LST": str(result.rasters["LST"]),
            "UNCERTAINTY": str(result.rasters["LST_UNCERTAINTY"]),
            "CLOUD_MASK": str(result.rasters["CLOUD_MASK"]),
            "RESULT": str(result.workdir),
            "OUTPUT_FOLDER": str(result.workdir),
            "ALGORITHM_USED": md["algorithm"]["name"],
        }
