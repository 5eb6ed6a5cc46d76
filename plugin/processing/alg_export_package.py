"""Processing algorithm "Export delivery package" (``lststudio:exportpackage``): result folder -> package.

Thin layer over core.delivery.package.export_package; the result folder comes from "Produce LST".
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingOutputBoolean,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingOutputRasterLayer,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core.errors import ProcessingCancelled
from ..core.options import DeliveryOptions
from ..core.progress import Progress
from .base import LstAlgorithm, LstStudioProcessing

PACKAGE_HELP = LstStudioProcessing.QT_TR_NOOP(
    "Package layout: folder {PRODUCT}_{PLATFORM}_{GEOHASH8}_{YYYYMMDDTHHMMSSZ} with Cloud-Optimized "
    "GeoTIFFs LST and LST_UNCERTAINTY (uint16, 0.01 K, nodata 65535), EMISSIVITY (uint16, 0.0001), "
    "CLOUD_MASK (0 clear, 1 cloud or shadow, nodata 255), SCL (scene classes, nodata 255), QA (quality "
    "bits; no-data pixels 65535), VNIR (TOA reflectance, uint16, 0.0001, offset -0.1) on day scenes; "
    "LST and true-colour quicklooks (RGBA COG; LST colour scale inferno, fixed 270-330 K by day and "
    "250-300 K at night) and JPG thumbnails; METADATA.json (STAC Item 1.1.0, custom fields prefixed "
    "'lst:'), METADATA.xml (ISO 19115-2 / INSPIRE TG 2.0), CEOS_ARD.json/.txt (CEOS-ARD Surface "
    "Temperature self-assessment) and TIEPOINTS.json. The package is written into a hidden temporary "
    "folder and moved into place when complete: cancelling leaves nothing behind. An existing package "
    "is replaced only with 'Overwrite'."
)


def add_delivery_parameters(alg) -> None:
    alg.addParameter(
        QgsProcessingParameterFolderDestination(
            "OUTPUT_FOLDER", LstStudioProcessing.tr("Output folder (the package is created inside)")
        )
    )
    alg.addParameter(
        QgsProcessingParameterString(
            "PRODUCT_TOKEN", LstStudioProcessing.tr("Product token of the file names"), defaultValue="LST"
        )
    )
    alg.addParameter(
        QgsProcessingParameterString(
            "ORGANIZATION_ID",
            LstStudioProcessing.tr("Organization id (metadata)"),
            defaultValue="",
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterBoolean(
            "OVERWRITE", LstStudioProcessing.tr("Overwrite an existing package"), defaultValue=False
        )
    )
    alg.addParameter(
        QgsProcessingParameterBoolean(
            "ZIP", LstStudioProcessing.tr("Also write a .zip of the package"), defaultValue=False
        )
    )


def delivery_options(alg, parameters, context) -> tuple[Path, DeliveryOptions]:
    folder = Path(alg.parameterAsString(parameters, "OUTPUT_FOLDER", context))
    return folder, DeliveryOptions(
        product_token=alg.parameterAsString(parameters, "PRODUCT_TOKEN", context) or "LST",
        organization_id=alg.parameterAsString(parameters, "ORGANIZATION_ID", context) or "",
        overwrite=alg.parameterAsBool(parameters, "OVERWRITE", context),
        make_zip=alg.parameterAsBool(parameters, "ZIP", context),
    )


def add_package_outputs(alg) -> None:
    alg.addOutput(QgsProcessingOutputFolder("PACKAGE", LstStudioProcessing.tr("Delivery package folder")))
    alg.addOutput(QgsProcessingOutputFile("ZIP_FILE", LstStudioProcessing.tr("Delivery package zip")))
    for key, label in (
        ("LST", LstStudioProcessing.tr("Land surface temperature (COG)")),
        ("LST_UNCERTAINTY", LstStudioProcessing.tr("LST uncertainty (COG)")),
        ("CLOUD_MASK", LstStudioProcessing.tr("Cloud mask (COG)")),
        ("SCL", LstStudioProcessing.tr("Scene classification (COG)")),
        ("QA", LstStudioProcessing.tr("Quality bits (COG)")),
    ):
        alg.addOutput(QgsProcessingOutputRasterLayer(key, label))
    alg.addOutput(QgsProcessingOutputFile("METADATA", LstStudioProcessing.tr("STAC item (METADATA.json)")))
    alg.addOutput(QgsProcessingOutputFile("TIEPOINTS", LstStudioProcessing.tr("Tiepoints (TIEPOINTS.json)")))
    for key, label in (
        ("LST_MIN", LstStudioProcessing.tr("LST minimum (K, clear pixels)")),
        ("LST_MEDIAN", LstStudioProcessing.tr("LST median (K, clear pixels)")),
        ("LST_MAX", LstStudioProcessing.tr("LST maximum (K, clear pixels)")),
        ("CLOUD_PERCENT", LstStudioProcessing.tr("Cloud cover over the AOI (%)")),
    ):
        alg.addOutput(QgsProcessingOutputNumber(key, label))
    alg.addOutput(
        QgsProcessingOutputBoolean("VALID", LstStudioProcessing.tr("Package passed its self-check"))
    )
    alg.addOutput(QgsProcessingOutputString("VALIDATION", LstStudioProcessing.tr("Self-check summary")))


def package_outputs(package: Path, feedback, progress: Progress | None = None) -> dict:
    """Output values from a written package (paths of its files, the summary numbers, its self-check)."""
    from ..core.delivery import layout
    from ..core.delivery.layout import open_package
    from ..core.delivery.validate import validate_package

    found = open_package(package)  # the package layout: files by TYPE and the STAC item
    stem = found.stem
    props = found.item.get("properties") or {}
    out = {"PACKAGE": str(package), "OUTPUT_FOLDER": str(package.parent)}
    zip_path = package.parent / layout.zip_name(stem)
    out["ZIP_FILE"] = str(zip_path) if zip_path.exists() else None
    for key, type_, ext in (
        *((k, k, "tif") for k in ("LST", "LST_UNCERTAINTY", "CLOUD_MASK", "SCL", "QA")),
        ("METADATA", "METADATA", "json"),
        ("TIEPOINTS", "TIEPOINTS", "json"),
    ):
        path = found.path(type_, ext)
        out[key] = str(path) if path else None
    out["LST_MIN"] = props.get("lst:min_lst")
    out["LST_MEDIAN"] = props.get("lst:median_lst")
    out["LST_MAX"] = props.get("lst:max_lst")
    out["CLOUD_PERCENT"] = props.get("eo:cloud_cover")
    feedback.pushInfo(
        f"Package {stem}: LST min {out['LST_MIN']} K, median {out['LST_MEDIAN']} K, max {out['LST_MAX']} K; "
        f"cloud {out['CLOUD_PERCENT']} %"
    )
    try:
        check = validate_package(package, progress)
    except ProcessingCancelled:  # the package is complete: a cancelled self-check must not say otherwise
        out["VALID"] = None
        out["VALIDATION"] = LstStudioProcessing.tr(
            "Self-check cancelled: the package is written but was not checked."
        )
        feedback.reportError(out["VALIDATION"], fatalError=False)
        return out
    out["VALID"] = check.ok
    out["VALIDATION"] = check.summary
    if check.ok:
        feedback.pushInfo(check.summary)
    else:  # the package stays for inspection, but the run fails: a failed self-check is not success
        from qgis.core import QgsProcessingException

        feedback.reportError(check.summary, fatalError=False)
        raise QgsProcessingException(
            LstStudioProcessing.tr("The package {} failed its self-check: {}").format(
                package, check.summary.splitlines()[0] if check.summary else ""
            )
        )
    return out


class ExportPackageAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "exportpackage"

    def displayName(self) -> str:
        return LstStudioProcessing.tr("Export delivery package")

    def shortHelpString(self) -> str:
        return LstStudioProcessing.tr(
            "Writes the delivery package of a result folder made by 'Produce LST'.\n"
        ) + LstStudioProcessing.tr(PACKAGE_HELP)

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                "INPUT",
                LstStudioProcessing.tr("Result folder (from 'Produce LST')"),
                behavior=QgsProcessingParameterFile.Folder,
            )
        )
        add_delivery_parameters(self)
        add_package_outputs(self)

    def process(self, parameters, context, feedback, progress) -> dict:
        from ..core.delivery.package import export_package
        from ..core.result import ProductResult

        result = ProductResult.load(self.parameterAsFile(parameters, "INPUT", context))
        folder, options = delivery_options(self, parameters, context)
        package = export_package(result, folder, options, progress.sub(0.0, 0.95))
        return package_outputs(package, feedback, progress.sub(0.95, 1.0))
