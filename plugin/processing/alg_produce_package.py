"""Processing algorithm "Produce delivery package" (``lststudio:producepackage``): product -> package.

LST + masks (core.pipeline.produce into a temporary result folder) then export_package, in one step;
the temporary result is removed afterwards. Used by the demo.
"""

from __future__ import annotations

import shutil

from .alg_export_package import (
    PACKAGE_HELP,
    add_delivery_parameters,
    add_package_outputs,
    delivery_options,
    package_outputs,
)
from .base import LstAlgorithm, LstStudioProcessing
from .params import DEM_HELP, LAND_COVER_HELP, add_production_parameters, production_inputs


class ProducePackageAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "producepackage"

    def displayName(self) -> str:
        return LstStudioProcessing.tr("Produce delivery package")

    def shortHelpString(self) -> str:
        return (
            LstStudioProcessing.tr(
                "Produces LST, uncertainty, cloud mask, scene classes and quality bits for an area of interest "
                "(as 'Produce LST') and writes the delivery package in one step.\n"
            )
            + LstStudioProcessing.tr(LAND_COVER_HELP)
            + "\n"
            + LstStudioProcessing.tr(DEM_HELP)
            + "\n"
            + LstStudioProcessing.tr(PACKAGE_HELP)
        )

    def initAlgorithm(self, config=None):
        add_production_parameters(self)
        add_delivery_parameters(self)
        add_package_outputs(self)

    def prepare_inputs(self, parameters, context):
        return production_inputs(self, parameters, context)  # AOI layer, raster layers: main thread

    def process(self, parameters, context, feedback, progress) -> dict:
        from ..core.delivery.package import export_package
        from ..core.delivery.workspace import output_place, work_folder
        from ..core.pipeline import produce

        path, aoi, options = self.prepared_inputs(parameters, context)
        folder, delivery = delivery_options(self, parameters, context)
        # The output folder is checked (file? read-only? full?) before any work; the result rasters live
        # in the one work place (.lststudio-work) that the next run cleans after a kill -9.
        with output_place(folder):
            workdir = work_folder(folder, "result")
            try:
                result = produce(path, aoi, options, workdir=workdir, progress=progress.sub(0.0, 0.7))
                for warning in result.metadata.get("warnings", []):
                    feedback.pushWarning(warning)
                package = export_package(result, folder, delivery, progress.sub(0.7, 0.98))
            finally:
                shutil.rmtree(workdir, ignore_errors=True)
        return package_outputs(package, feedback, progress.sub(0.98, 1.0))
