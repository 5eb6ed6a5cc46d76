"""Processing algorithm "Batch delivery packages" (``lststudio:batchpackages``): many products × AOIs on Dask.

Thin layer over core.batch.produce_batch (the same function as ``python -m lst_studio batch``): the
products (a folder, a glob, a list file or a STAC ItemCollection; several separated by ';'), an AOI vector
file whose features give id and name, the LST options of "Produce delivery package", the output folder and
a Dask scheduler address (empty: a LocalCluster sized to this machine; inside QGIS its workers are threads
of the QGIS process, as worker processes would be started as QGIS itself). Progress (done, skipped,
failed, remaining, ETA) goes to the log and the progress bar; cancel stops the running scenes at their
next block and keeps only complete packages.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from .alg_export_package import add_delivery_parameters, delivery_options
from .base import LstAlgorithm, LstStudioProcessing
from .params import add_lst_option_parameters, lst_options_input


class BatchPackagesAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "batchpackages"

    def displayName(self) -> str:
        return LstStudioProcessing.tr("Batch delivery packages")

    def shortHelpString(self) -> str:
        return LstStudioProcessing.tr(
            "One delivery package per product and AOI feature, as 'Produce delivery package' makes it, run as "
            "Dask tasks: on a Dask scheduler (SCHEDULER, e.g. tcp://10.0.0.5:8786, whose workers see the same "
            "paths) or, when empty, on a local cluster sized to this machine. PRODUCTS: a folder of products, "
            "a glob pattern, a list file (one path per line) or a STAC ItemCollection; several separated by "
            "';'. AOI_FILE: a vector file whose features each give an id and a name (one package per feature); "
            "empty: the whole scene. A failed product is reported and never stops the others; a re-run skips "
            "packages that are complete and valid. Writes collection.json (STAC Collection) over the packages; "
            "the CSO algorithm accepts it as input."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterString(
                "PRODUCTS",
                LstStudioProcessing.tr("Products (folder, glob, list file or STAC ItemCollection)"),
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "AOI_FILE",
                LstStudioProcessing.tr("AOI features with id and name (vector file)"),
                fileFilter="Vector files (*.geojson *.json *.gpkg *.shp);;All files (*)",
                optional=True,
            )
        )
        add_lst_option_parameters(self)
        add_delivery_parameters(self)
        self.addParameter(
            QgsProcessingParameterString(
                "SCHEDULER",
                LstStudioProcessing.tr("Dask scheduler address (empty: local cluster)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "WORKERS",
                LstStudioProcessing.tr("Local workers (0: sized to this machine)"),
                defaultValue=0,
                minValue=0,
            )
        )
        self.addOutput(QgsProcessingOutputFolder("OUTPUT_FOLDER", LstStudioProcessing.tr("Output folder")))
        self.addOutput(QgsProcessingOutputFile("COLLECTION", LstStudioProcessing.tr("STAC Collection")))
        self.addOutput(QgsProcessingOutputNumber("DONE", LstStudioProcessing.tr("Packages made")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", LstStudioProcessing.tr("Packages skipped")))
        self.addOutput(QgsProcessingOutputNumber("FAILED", LstStudioProcessing.tr("Failed tasks")))

    def prepare_inputs(self, parameters, context):
        return lst_options_input(self, parameters, context)  # land-cover and DEM layers: main thread

    def process(self, parameters, context, feedback, progress) -> dict:
        from ..core import batch

        sources = [s.strip() for s in self.parameterAsString(parameters, "PRODUCTS", context).split(";")]
        if not any(sources):
            raise QgsProcessingException(LstStudioProcessing.tr("No products given."))
        options = self.prepared_inputs(parameters, context)
        folder, delivery = delivery_options(self, parameters, context)
        scheduler = (self.parameterAsString(parameters, "SCHEDULER", context) or "").strip() or None
        workers = self.parameterAsInt(parameters, "WORKERS", context)
        sizing = batch.explicit_sizing(workers) if workers and not scheduler else None

        def on_task(s, status) -> None:
            what = f"{s.get('product')} × {s.get('aoi_id') or 'whole scene'}"
            if s["status"] in (batch.DONE, batch.SKIPPED):
                feedback.pushInfo(f"[{s['status']}] {what} -> {s.get('package')}")
            else:
                feedback.reportError(f"[{s['status']}] {what}: {s.get('error')}", fatalError=False)

        result = batch.produce_batch(
            [s for s in sources if s],
            self.parameterAsFile(parameters, "AOI_FILE", context) or None,
            options,
            delivery,
            folder,
            scheduler=scheduler,
            sizing=sizing,
            progress=progress,
            on_start=lambda desc, n: feedback.pushInfo(f"{desc}; {n} task(s)"),
            on_task=on_task,
            on_status=lambda status: feedback.pushInfo(status.line()),
        )
        if result.cancelled:
            feedback.pushWarning(LstStudioProcessing.tr("Cancelled: only complete packages were kept."))
        return {
            "OUTPUT_FOLDER": str(folder),
            "COLLECTION": str(result.collection or ""),
            "DONE": len(result.of(batch.DONE)),
            "SKIPPED": len(result.of(batch.SKIPPED)),
            "FAILED": len(result.of(batch.FAILED)),
        }
