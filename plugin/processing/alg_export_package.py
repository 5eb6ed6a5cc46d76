"""Processing algorithm "Export delivery package" (``lststudio:exportpackage``): result folder -> package.

Thin layer over core.delivery.package.export_package; the result folder comes from "Produce LST".
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingOutputRasterLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core.options import DeliveryOptions
from .base import LstAlgorithm

PACKAGE_HELP = (
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
    tr = alg.tr
    alg.addParameter(
        QgsProcessingParameterFolderDestination(
            "OUTPUT_FOLDER", tr("Output folder (the package is created inside)")
        )
    )
    alg.addParameter(
        QgsProcessingParameterString(
            "PRODUCT_TOKEN", tr("Product token of the file names"), defaultValue="LST"
        )
    )
    alg.addParameter(
        QgsProcessingParameterString(
            "ORGANIZATION_ID", tr("Organization id (metadata)"), defaultValue="", optional=True
        )
    )
    alg.addParameter(
        QgsProcessingParameterBoolean("OVERWRITE", tr("Overwrite an existing package"), defaultValue=False)
    )
    alg.addParameter(
        QgsProcessingParameterBoolean("ZIP", tr("Also write a .zip of the package"), defaultValue=False)
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
    tr = alg.tr
    alg.addOutput(QgsProcessingOutputFolder("PACKAGE", tr("Delivery package folder")))
    alg.addOutput(QgsProcessingOutputFile("ZIP_FILE", tr("Delivery package zip")))
    for key, label in (
        ("LST", tr("Land surface temperature (COG)")),
        ("LST_UNCERTAINTY", tr("LST uncertainty (COG)")),
        ("CLOUD_MASK", tr("Cloud mask (COG)")),
        ("SCL", tr("Scene classification (COG)")),
        ("QA", tr("Quality bits (COG)")),
    ):
        alg.addOutput(QgsProcessingOutputRasterLayer(key, label))
    alg.addOutput(QgsProcessingOutputFile("METADATA", tr("STAC item (METADATA.json)")))
    alg.addOutput(QgsProcessingOutputFile("TIEPOINTS", tr("Tiepoints (TIEPOINTS.json)")))
    for key, label in (
        ("LST_MIN", tr("LST minimum (K, clear pixels)")),
        ("LST_MEDIAN", tr("LST median (K, clear pixels)")),
        ("LST_MAX", tr("LST maximum (K, clear pixels)")),
        ("CLOUD_PERCENT", tr("Cloud cover over the AOI (%)")),
    ):
        alg.addOutput(QgsProcessingOutputNumber(key, label))


def package_outputs(package: Path, feedback) -> dict:
    """Output values from a written package (paths of its files and the summary numbers)."""
    import json

    stem = package.name
    item = json.loads((package / f"{stem}_METADATA.json").read_text(encoding="utf-8"))
    props = item["properties"]
    out = {"PACKAGE": str(package), "OUTPUT_FOLDER": str(package.parent)}
    zip_path = package.parent / f"{stem}.zip"
    out["ZIP_FILE"] = str(zip_path) if zip_path.exists() else None
    for key in ("LST", "LST_UNCERTAINTY", "CLOUD_MASK", "SCL", "QA"):
        path = package / f"{stem}_{key}.tif"
        out[key] = str(path) if path.exists() else None
    out["METADATA"] = str(package / f"{stem}_METADATA.json")
    tiepoints = package / f"{stem}_TIEPOINTS.json"
    out["TIEPOINTS"] = str(tiepoints) if tiepoints.exists() else None
    out["LST_MIN"] = props.get("lst:min_lst")
    out["LST_MEDIAN"] = props.get("lst:median_lst")
    out["LST_MAX"] = props.get("lst:max_lst")
    out["CLOUD_PERCENT"] = props.get("eo:cloud_cover")
    feedback.pushInfo(
        f"Package {stem}: LST min {out['LST_MIN']} K, median {out['LST_MEDIAN']} K, max {out['LST_MAX']} K; "
        f"cloud {out['CLOUD_PERCENT']} %"
    )
    return out


class ExportPackageAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "exportpackage"

    def displayName(self) -> str:
        return self.tr("Export delivery package")

    def shortHelpString(self) -> str:
        return self.tr("Writes the delivery package of a result folder made by 'Produce LST'.\n") + self.tr(
            PACKAGE_HELP
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                "INPUT",
                self.tr("Result folder (from 'Produce LST')"),
                behavior=QgsProcessingParameterFile.Folder,
            )
        )
        add_delivery_parameters(self)
        add_package_outputs(self)

    def run(self, parameters, context, feedback, progress) -> dict:
        from ..core.delivery.package import export_package
        from ..core.result import ProductResult

        result = ProductResult.load(self.parameterAsFile(parameters, "INPUT", context))
        folder, options = delivery_options(self, parameters, context)
        package = export_package(result, folder, options, progress)
        return package_outputs(package, feedback)
