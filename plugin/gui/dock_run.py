"""Producing LST from the dock: output folder and ancillary rasters, the Processing parameters, the run in
the task manager and what the dock shows when it ends.

A mixin of ``dock.LstStudioDock`` (the methods use the dock's widgets and state); its texts are translated in
the dock's context "LstStudioDock".
"""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsProject,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QFileDialog

from ..core.errors import LstError
from . import dock_extras
from .core_text import translate_core
from .log import log_details, short_message
from .settings import save_settings
from .tasks import RunState, launch

PRODUCE_ALG = "lststudio:producelst"


class RunHandling:
    # --- run --------------------------------------------------------------------------------------

    def _browse_output(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self,
            QCoreApplication.translate("LstStudioDock", "Output folder"),
            self.ui.editOutputFolder.text(),
        )
        if path:
            self.ui.editOutputFolder.setText(path)

    def _browse_land_cover(self) -> None:
        self._browse_raster(
            QCoreApplication.translate("LstStudioDock", "Land cover (ESA WorldCover class codes)"),
            self.ui.comboLandCover,
        )

    def _browse_dem(self) -> None:
        self._browse_raster(
            QCoreApplication.translate("LstStudioDock", "Elevation model (m)"), self.ui.comboDem
        )

    def _browse_reanalysis(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("LstStudioDock", "ERA5 reanalysis file"),
            self.last_input_dir,
            QCoreApplication.translate(
                "LstStudioDock", "ERA5 files (*.nc *.grib *.grib2 *.grb);;All files (*)"
            ),
        )
        if path:
            self.ui.editReanalysis.setText(path)

    def _browse_raster(self, title: str, combo) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            title,
            self.last_input_dir,
            QCoreApplication.translate("LstStudioDock", "Rasters (*.tif *.tiff *.vrt);;All files (*)"),
        )
        if path:
            self._add_raster(path, combo)

    def add_land_cover(self, path: str) -> QgsRasterLayer | None:
        """Add the raster file ``path`` to the project and choose it as the land cover."""
        return self._add_raster(path, self.ui.comboLandCover)

    def add_dem(self, path: str) -> QgsRasterLayer | None:
        """Add the raster file ``path`` to the project and choose it as the elevation model."""
        return self._add_raster(path, self.ui.comboDem)

    def _add_raster(self, path: str, combo) -> QgsRasterLayer | None:
        layer = QgsRasterLayer(path, Path(path).stem)
        if not layer.isValid():
            self.message(
                QCoreApplication.translate("LstStudioDock", "{} is not a readable raster.").format(path),
                Qgis.Critical,
            )
            return None
        QgsProject.instance().addMapLayer(layer)
        combo.setLayer(layer)
        return layer

    def production_parameters(self) -> dict:
        """The ``lststudio:producelst`` parameters for the dock's current choices (raises LstError)."""
        s = self.current_settings()
        if not self.product_path:
            raise LstError(
                QCoreApplication.translate("LstStudioDock", "Open a Level-1 product first (Input tab).")
            )
        if not s.output_folder:
            raise LstError(
                QCoreApplication.translate("LstStudioDock", "Choose an output folder (Settings tab).")
            )
        params: dict = {
            "INPUT": self.product_path,
            "ALGORITHM": s.algorithm,
            "EMISSIVITY": s.emissivity,
            "CLOUD_BUFFER": s.cloud_buffer,
            "SHADOW_BUFFER": s.shadow_buffer,
            "OUTPUT_FOLDER": str(self.new_result_folder(s.output_folder)),
            "AOI_NAME": self.ui.editAoiName.text().strip(),
            "AOI_ID": self.ui.editAoiId.text().strip(),
        }
        if s.emissivity == 2:
            params["EMISSIVITY_CONSTANT"] = s.emissivity_constant
        for key, combo, not_a_file in (
            (
                "LAND_COVER",
                self.ui.comboLandCover,
                QCoreApplication.translate(
                    "LstStudioDock", "Land cover: {} is not a raster file (GeoTIFF or another GDAL format)."
                ),
            ),
            (
                "DEM",
                self.ui.comboDem,
                QCoreApplication.translate(
                    "LstStudioDock",
                    "Elevation model: {} is not a raster file (GeoTIFF or another GDAL format).",
                ),
            ),
        ):
            layer = combo.currentLayer()
            if layer is None:
                continue
            if layer.providerType() != "gdal":
                raise LstError(not_a_file.format(layer.name()))
            # the file, not the layer: the algorithm runs in a task with its own context
            params[key] = layer.source()
        for key, text in (
            ("WATER_VAPOUR", s.water_vapour),
            ("TRANSMITTANCE", s.transmittance),
            ("UPWELLING", s.upwelling),
            ("DOWNWELLING", s.downwelling),
        ):
            if text:
                try:
                    params[key] = float(text.replace(",", "."))
                except ValueError as exc:
                    raise LstError(
                        QCoreApplication.translate("LstStudioDock", "{}: '{}' is not a number.").format(
                            key, text
                        )
                    ) from exc
        if s.reanalysis:
            params["REANALYSIS"] = s.reanalysis
        if self.aoi is not None:
            params["AOI"] = str(self.aoi.write_geojson(Path(s.output_folder) / ".lst_studio_aoi"))
        return params

    def new_result_folder(self, output_folder: str) -> Path:
        """A fresh result folder per run: ``{output}/{product}_{aoi id}_{UTC time}``."""
        from datetime import datetime

        stem = Path(self.product_path.rstrip("/")).name.split(".")[0] or "product"
        parts = [stem, self.ui.editAoiId.text().strip(), datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")]
        name = "_".join(p for p in parts if p).replace(" ", "_").replace("/", "_")
        return Path(output_folder) / "results" / name

    def start_run(self) -> bool:
        if self.run is not None and self.run.is_running():
            return False
        try:
            params = self.production_parameters()
        except LstError as exc:
            self.message(translate_core(str(exc)), Qgis.Warning)
            return False
        save_settings(self.current_settings())
        title = QCoreApplication.translate("LstStudioDock", "LST Studio: produce LST")  # in the task manager
        self.run = launch(PRODUCE_ALG, params, title, self.ui.progressRun, self._run_done)
        self.ui.labelRunStatus.setText(QCoreApplication.translate("LstStudioDock", "Running…"))
        self._set_running(True)
        return True

    def cancel_run(self) -> None:
        if self.run is not None:
            self.ui.labelRunStatus.setText(QCoreApplication.translate("LstStudioDock", "Cancelling…"))
            self.run.cancel()

    def _set_running(self, running: bool) -> None:
        self.ui.btnRun.setEnabled(not running)
        self.ui.btnCancel.setEnabled(running)

    def _run_done(self, ok: bool, results: dict, message: str) -> None:
        self._set_running(False)
        state = self.run.state if self.run is not None else (RunState.SUCCEEDED if ok else RunState.FAILED)
        if state is not RunState.SUCCEEDED:
            self.ui.progressRun.setValue(0)
            self._report_failure(self.ui.labelRunStatus, message, state)
            return
        self.ui.progressRun.setValue(100)
        folder = results.get("RESULT") or results.get("OUTPUT_FOLDER")
        if self.load_results(folder):
            self.ui.labelRunStatus.setText(
                QCoreApplication.translate("LstStudioDock", "Done: {}").format(Path(folder).name)
            )
            self.ui.labelRunStatus.setToolTip(str(folder))
            self.message(
                dock_extras.summary_message(self),
                Qgis.Success,
                QCoreApplication.translate("LstStudioDock", "LST produced"),
            )
            if message:  # warnings the algorithm reported (e.g. defaults used)
                log_details(message)
                self.message(short_message(translate_core(message)), Qgis.Warning)

    def _report_failure(self, label, message: str, state: RunState) -> None:
        """One line in ``label`` and the message bar (cancel is a warning, a failure critical); the
        whole text, a traceback included, in the message log."""
        log_details(message)
        line = short_message(translate_core(message)) or QCoreApplication.translate(
            "LstStudioDock", "The algorithm failed."
        )
        label.setText(line)
        label.setToolTip(line)
        self.message(line, Qgis.Warning if state is RunState.CANCELLED else Qgis.Critical)
