"""Processing algorithm "Clear-sky observation statistics" (``lststudio:cso``): thin layer over core.cso_io.

Inputs are delivery packages (a package folder, any file inside one, or a folder of packages) and/or
Level-1C products (masks computed on the way). Writes one int16 file per statistic into OUTPUT_FOLDER,
named by the seed (e.g. ``2018-2019_03M_CSO-STATS_LNDLG_NUM.tif``); returns the file paths.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsRasterLayer,
)

from ..core import cso
from .base import LstAlgorithm, LstStudioProcessing

FORMATS = ("GTiff", "ENVI")
FORMAT_LABELS = (
    LstStudioProcessing.QT_TR_NOOP("Compressed GeoTIFF (.tif + .hdr)"),
    LstStudioProcessing.QT_TR_NOOP("ENVI (.dat + .hdr)"),
)
DEFAULT_STATISTICS = ("NUM", "AVG", "STD")  # FORCE's default CSO parameter


class CsoAlgorithm(LstAlgorithm):
    def name(self) -> str:
        return "cso"

    def displayName(self) -> str:
        return LstStudioProcessing.tr("Clear-sky observation statistics")

    def shortHelpString(self) -> str:
        return LstStudioProcessing.tr(
            "For each pixel and temporal bin: the number of clear-sky observations (NUM) and statistics of "
            "the gaps in days between consecutive clear observations (AVG, STD, MIN, MAX, RNG, SKW, KRT, "
            "Q25, Q50, Q75, IQR), with the semantics of FORCE's CSO module (Frantz 2019, "
            "doi:10.3390/rs11091124): bins of MONTH_STEP months from 1 January of the start year, 365-day "
            "years (29 February counts as 1 March), the first gap from the bin start and a closing gap to "
            "the bin end. Inputs: delivery packages (their QA, else CLOUD_MASK, and acquisition time) or "
            "Level-1C products (masks computed on the way); all are aligned to the grid of the first input "
            "or of the reference raster (nearest neighbour). Outputs: one signed 16-bit file per statistic, "
            "one band per bin named by its start date, nodata 0; SKW is scaled by 10000, KRT by 1000. "
            "NUM = 0 (never clear in a bin) is also the nodata value: such pixels show as empty."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                "INPUTS",
                LstStudioProcessing.tr(
                    "Delivery packages or Level-1C products (files; a file inside a package means the package)"
                ),
                QgsProcessing.TypeFile,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "INPUT_FOLDER",
                LstStudioProcessing.tr("Folder of delivery packages (or one package folder)"),
                behavior=QgsProcessingParameterFile.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "START_YEAR",
                LstStudioProcessing.tr("First year"),
                defaultValue=2018,
                minValue=1950,
                maxValue=2200,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "END_YEAR",
                LstStudioProcessing.tr("Last year"),
                defaultValue=2018,
                minValue=1950,
                maxValue=2200,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MONTH_STEP",
                LstStudioProcessing.tr("Bin length (months)"),
                defaultValue=3,
                minValue=1,
                maxValue=12,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "SENSOR",
                LstStudioProcessing.tr("Band-set token in the file names"),
                options=list(cso.SENSORS),
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "STATISTICS",
                LstStudioProcessing.tr("Statistics"),
                options=[f"{s} — {LstStudioProcessing.tr(cso.STATISTIC_TITLES[s])}" for s in cso.STATISTICS],
                allowMultiple=True,
                defaultValue=[cso.STATISTICS.index(s) for s in DEFAULT_STATISTICS],
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "FORMAT",
                LstStudioProcessing.tr("Output format"),
                options=[LstStudioProcessing.tr(x) for x in FORMAT_LABELS],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "REFERENCE",
                LstStudioProcessing.tr("Target grid from this raster (default: the first input's grid)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "OVERWRITE", LstStudioProcessing.tr("Replace existing files"), defaultValue=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", LstStudioProcessing.tr("Output folder"))
        )
        self.addOutput(QgsProcessingOutputMultipleLayers("OUTPUT_FILES", LstStudioProcessing.tr("CSO files")))
        self.addOutput(QgsProcessingOutputNumber("OBSERVATIONS", LstStudioProcessing.tr("Observations used")))

    def prepare_inputs(self, parameters, context):
        """The REFERENCE layer's file (a project layer: read on the main thread), or None."""
        reference = self.parameterAsRasterLayer(parameters, "REFERENCE", context)
        return reference.source() if reference is not None else None

    def process(self, parameters, context, feedback, progress) -> dict:
        from ..core.cso_io import grid_of, observations_used, run_cso

        inputs = [str(p) for p in (self.parameterAsFileList(parameters, "INPUTS", context) or []) if p]
        folder = self.parameterAsFile(parameters, "INPUT_FOLDER", context)
        if folder:
            inputs.append(folder)
        if not inputs:
            raise QgsProcessingException(
                LstStudioProcessing.tr(
                    "Give delivery packages or Level-1C products (INPUTS or INPUT_FOLDER)."
                )
            )
        stats = [cso.STATISTICS[i] for i in self.parameterAsEnums(parameters, "STATISTICS", context)]
        options = cso.CsoOptions(
            start_year=self.parameterAsInt(parameters, "START_YEAR", context),
            end_year=self.parameterAsInt(parameters, "END_YEAR", context),
            month_step=self.parameterAsInt(parameters, "MONTH_STEP", context),
            sensor=cso.SENSORS[self.parameterAsEnum(parameters, "SENSOR", context)],
            statistics=tuple(stats),
            format=FORMATS[self.parameterAsEnum(parameters, "FORMAT", context)],
            overwrite=self.parameterAsBool(parameters, "OVERWRITE", context),
        )
        grid = None
        reference = self.prepared_inputs(parameters, context)
        if reference is not None:
            grid = grid_of(Path(reference))
        out_dir = Path(self.parameterAsString(parameters, "OUTPUT_FOLDER", context))
        feedback.pushInfo(
            LstStudioProcessing.tr("{} input(s), years {}-{}, {}-month bins, statistics {}").format(
                len(inputs), options.start_year, options.end_year, options.month_step, " ".join(stats)
            )
        )
        files = run_cso(inputs, out_dir, options, target_grid=grid, progress=progress)
        for f in files:
            feedback.pushInfo(str(f))
            if context.project() is not None:  # the toolbox loads them when done, styled by StyleCsoLayer
                stat = cso.statistic_of(f)
                details = QgsProcessingContext.LayerDetails(stat, context.project(), stat)
                details.setPostProcessor(StyleCsoLayer.create(stat))
                context.addLayerToLoadOnCompletion(str(f), details)
        return {
            "OUTPUT_FOLDER": str(out_dir),
            "OUTPUT_FILES": [str(f) for f in files],
            "OBSERVATIONS": observations_used(files[0]),
        }


class StyleCsoLayer(QgsProcessingLayerPostProcessorInterface):
    """Styles a CSO output when QGIS loads it after the algorithm (main thread)."""

    _alive: list[StyleCsoLayer] = []  # QGIS does not own post-processors: keep them until used

    def __init__(self, statistic: str):
        super().__init__()
        self.statistic = statistic

    @classmethod
    def create(cls, statistic: str) -> StyleCsoLayer:
        processor = cls(statistic)
        cls._alive.append(processor)
        return processor

    def postProcessLayer(self, layer, context, feedback) -> None:
        from .cso_style import style_cso_layer

        if isinstance(layer, QgsRasterLayer):
            style_cso_layer(layer, self.statistic)
