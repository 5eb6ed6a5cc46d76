"""Processing algorithm "Geometric verification" (``lststudio:geoverify``): thin layer over core.geoverify.

Measures the band-to-band alignment of a product (thermal vs optical, optical vs optical) and writes the
tiepoints as GVER_REL JSON; optionally a point layer (EPSG:4326) with one feature per tiepoint. For
FarEarth products it also logs the statistics of the product's own GVER_ABS/GVER_REL tiepoints.
"""

from __future__ import annotations

import json

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.geoverify import measure_alignment, tiepoint_statistics
from .base import LstAlgorithm, LstStudioProcessing
from .params import add_aoi_parameters, aoi_input, product_parameter

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
STAT_COLUMNS = ("count", "outliers", "mean_dx_m", "mean_dy_m", "radial_rmse_m", "radial_rmse_px", "ce90_m")


def point_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (
        ("source", QVariant.String),
        ("target", QVariant.String),
        ("dx_m", QVariant.Double),
        ("dy_m", QVariant.Double),
        ("d_m", QVariant.Double),
        ("d_px", QVariant.Double),
        ("score", QVariant.Double),
        ("class", QVariant.Int),
        ("outlier", QVariant.Bool),
    ):
        fields.append(QgsField(name, kind))
    return fields


def _table(stats) -> str:
    head = f"{'source':>8} {'target':>8} " + " ".join(f"{c:>14}" for c in STAT_COLUMNS)
    lines = [head]
    for s in stats:
        d = s.as_dict()
        cells = " ".join(f"{'—' if d[c] is None else d[c]:>14}" for c in STAT_COLUMNS)
        lines.append(f"{s.source:>8} {s.target:>8} {cells}")
    return "\n".join(lines)


class GeoverifyAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "geoverify"

    def displayName(self) -> str:
        return LstStudioProcessing.tr("Geometric verification")

    def shortHelpString(self) -> str:
        return LstStudioProcessing.tr(
            "Measures how well the thermal band lines up with the optical bands (and optical bands with "
            "each other): tiepoints on a grid of 64 px chips by sub-pixel phase correlation of gradient "
            "orientation, with a correlation score each. Cloudy, featureless and poorly correlated chips "
            "are rejected; robust (median/MAD) outliers are kept but excluded from RMSE and CE90. "
            "dx/dy are the displacement of the target band relative to the source band in metres east/"
            "north. Writes the tiepoints as GVER_REL JSON (FarEarth structure plus scores) and, "
            "optionally, a point layer. For FarEarth products the statistics of the product's own "
            "GVER tiepoints are logged too. CEOS-ARD gcor.corrections-geometric asks for a radial RMSE ≤ 0.5 px."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(product_parameter())
        add_aoi_parameters(self)
        self.addParameter(
            QgsProcessingParameterNumber(
                "CHIP", LstStudioProcessing.tr("Chip size (pixels)"), defaultValue=64, minValue=16
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "STEP",
                LstStudioProcessing.tr("Chip spacing (pixels, empty = automatic)"),
                optional=True,
                minValue=4,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_SCORE",
                LstStudioProcessing.tr("Minimum correlation score"),
                type=QgsProcessingParameterNumber.Double,
                defaultValue=0.3,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "CLOUD_MASK",
                LstStudioProcessing.tr("Skip chips with cloud, cloud shadow or snow (runs the masks)"),
                True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT", LstStudioProcessing.tr("Tiepoints (GVER_REL JSON)"), "JSON (*.json)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "POINTS",
                LstStudioProcessing.tr("Tiepoints layer"),
                QgsProcessing.TypeVectorPoint,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputString("SUMMARY", LstStudioProcessing.tr("Summary (JSON)")))
        self.addOutput(
            QgsProcessingOutputBoolean("ASSESSED", LstStudioProcessing.tr("Enough reliable tiepoints"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                "RADIAL_RMSE_PX", LstStudioProcessing.tr("Radial RMSE, thermal vs optical (px)")
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber("CE90_M", LstStudioProcessing.tr("CE90, thermal vs optical (m)"))
        )
        self.addOutput(
            QgsProcessingOutputNumber("SHIFT_DX_M", LstStudioProcessing.tr("Thermal shift east (m, median)"))
        )
        self.addOutput(
            QgsProcessingOutputNumber("SHIFT_DY_M", LstStudioProcessing.tr("Thermal shift north (m, median)"))
        )
        self.addOutput(
            QgsProcessingOutputString(
                "GIVEN_STATISTICS", LstStudioProcessing.tr("Statistics of the product's tiepoints (JSON)")
            )
        )

    def prepare_inputs(self, parameters, context):
        return aoi_input(self, parameters, context)  # the AOI layer's features: main thread

    def process(self, parameters, context, feedback, progress) -> dict:
        from ..core.aoi_masks import geoverify_exclusion_for_aoi
        from ..core.delivery.ceos_ard import GCOR_THRESHOLD_PX
        from ..core.products import open_product

        path = self.parameterAsFile(parameters, "INPUT", context)
        if not path:
            raise QgsProcessingException(LstStudioProcessing.tr("No input product given."))
        out_path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        step = (
            self.parameterAsInt(parameters, "STEP", context)
            if parameters.get("STEP") not in (None, "")
            else None
        )
        scene = open_product(path)
        try:
            # chips only on clear land inside the AOI, exactly as the pipeline places them (core.aoi_masks)
            aoi_window, excluded, warnings = geoverify_exclusion_for_aoi(
                scene,
                self.prepared_inputs(parameters, context),
                self.parameterAsBoolean(parameters, "CLOUD_MASK", context),
                progress.sub(0, 0.3),
            )
            for warning in warnings:
                feedback.pushWarning(warning)
            alignment = measure_alignment(
                scene,
                aoi_window.window,
                cloud_mask=excluded,
                progress=progress.sub(0.3, 0.95),
                chip=self.parameterAsInt(parameters, "CHIP", context),
                step=step,
                min_score=self.parameterAsDouble(parameters, "MIN_SCORE", context),
            )
            given = tiepoint_statistics(scene.tiepoints, default_gsd_m=scene.grid.res[0])
        finally:
            scene.close()

        alignment.write_json(out_path)
        summary = alignment.summary()
        feedback.pushInfo(
            LstStudioProcessing.tr("Measured band-to-band alignment ({}):").format(summary["method"])
        )
        feedback.pushInfo(_table(alignment.stats))
        if summary["assessed"]:
            feedback.pushInfo(
                LstStudioProcessing.tr(
                    "Worst optical->thermal radial RMSE {:.3f} px, CE90 {:.1f} m (CEOS-ARD gcor threshold: ≤ {} px)"
                ).format(summary["radial_rmse_px"], summary["ce90_m"], GCOR_THRESHOLD_PX)
            )
        else:
            feedback.pushWarning(
                LstStudioProcessing.tr(
                    "Geometric accuracy not assessed: too few reliable thermal-vs-optical tiepoints."
                )
            )
        shift = alignment.thermal_shift_m()
        if shift is not None:
            gsd = alignment.gsd_m
            feedback.pushInfo(
                LstStudioProcessing.tr(
                    "Thermal vs optical shift (median of all inliers): {:+.2f} m east, {:+.2f} m north ({:+.3f}, {:+.3f} px)"
                ).format(shift[0], shift[1], shift[0] / gsd, shift[1] / gsd)
            )
        for island in alignment.islands():
            feedback.pushInfo(
                LstStudioProcessing.tr(
                    "Local distortion: {} chip locations around lon {:.5f}, lat {:.5f} (radius {:.0f} px), mean shift {:+.1f} m east, {:+.1f} m north"
                ).format(
                    island["locations"],
                    island["lon"],
                    island["lat"],
                    island["radius_px"],
                    island["mean_dx_m"],
                    island["mean_dy_m"],
                )
            )
        outliers = alignment.outlier_points(thermal_only=True)
        if outliers:
            feedback.pushInfo(
                LstStudioProcessing.tr("Thermal-vs-optical outliers (pair, lon, lat, |d| px, score):")
            )
            for p in outliers:
                feedback.pushInfo(
                    f"  {p['source']}->{p['target']} {p['lon']:.5f} {p['lat']:.5f} {p['d_px']:.2f} {p['score']:.2f}"
                )
        if given:
            feedback.pushInfo(LstStudioProcessing.tr("The product's own GVER tiepoints:"))
            feedback.pushInfo(_table(given))

        results = {
            "OUTPUT": out_path,
            "SUMMARY": json.dumps(summary),
            "ASSESSED": summary["assessed"],
            "RADIAL_RMSE_PX": summary["radial_rmse_px"],
            "CE90_M": summary["ce90_m"],
            "SHIFT_DX_M": shift[0] if shift else None,
            "SHIFT_DY_M": shift[1] if shift else None,
            "GIVEN_STATISTICS": json.dumps([s.as_dict() for s in given]),
        }
        sink, dest_id = self.parameterAsSink(
            parameters, "POINTS", context, point_fields(), QgsWkbTypes.Point, WGS84
        )
        if sink is not None:
            for rec in alignment.records():
                f = QgsFeature(point_fields())
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(rec["lon"], rec["lat"])))
                f.setAttributes(
                    [
                        rec[k]
                        for k in (
                            "source",
                            "target",
                            "dx_m",
                            "dy_m",
                            "d_m",
                            "d_px",
                            "score",
                            "class",
                            "outlier",
                        )
                    ]
                )
                sink.addFeature(f, QgsFeatureSink.FastInsert)
            results["POINTS"] = dest_id
        progress.update(1.0)
        return results
