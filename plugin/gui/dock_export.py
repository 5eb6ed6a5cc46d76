"""The dock's export tab: package parameters, the export run in the task manager, the validation report.

A mixin of ``dock.LstStudioDock`` (the methods use the dock's widgets and state); its texts are translated in
the dock's context "LstStudioDock".
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    Qgis,
)
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QDesktopServices

from ..core.errors import LstError
from .core_text import translate_core
from .settings import save_settings
from .tasks import RunState, launch

EXPORT_ALG = "lststudio:exportpackage"


class ExportTab:
    # --- export ----------------------------------------------------------------------------------

    def export_parameters(self) -> dict:
        s = self.current_settings()
        if self.result_folder is None:
            raise LstError(
                QCoreApplication.translate(
                    "LstStudioDock", "Produce LST (or load a result folder) before exporting."
                )
            )
        if not s.output_folder:
            raise LstError(
                QCoreApplication.translate("LstStudioDock", "Choose an output folder (Settings tab).")
            )
        return {
            "INPUT": str(self.result_folder),
            "OUTPUT_FOLDER": s.output_folder,
            "PRODUCT_TOKEN": s.product_token,
            "ORGANIZATION_ID": s.organization_id,
            "OVERWRITE": s.overwrite,
            "ZIP": s.make_zip,
        }

    def start_export(self) -> bool:
        if self.export_run is not None and self.export_run.is_running():
            return False
        try:
            params = self.export_parameters()
        except LstError as exc:
            self.message(translate_core(str(exc)), Qgis.Warning)
            return False
        save_settings(self.current_settings())
        title = QCoreApplication.translate("LstStudioDock", "LST Studio: export package")  # task manager
        self.export_run = launch(EXPORT_ALG, params, title, self.ui.progressExport, self._export_done)
        self.ui.labelExportStatus.setText(QCoreApplication.translate("LstStudioDock", "Exporting…"))
        self.ui.textValidation.clear()
        self._set_exporting(True)
        return True

    def cancel_export(self) -> None:
        if self.export_run is not None:
            self.export_run.cancel()

    def _set_exporting(self, running: bool) -> None:
        self.ui.btnExport.setEnabled(not running)
        self.ui.btnCancelExport.setEnabled(running)
        self.ui.btnOpenFolder.setEnabled(not running and self.package_folder is not None)

    def _export_done(self, ok: bool, results: dict, message: str) -> None:
        state = self.export_run.state if self.export_run is not None else RunState.FAILED
        if state is not RunState.SUCCEEDED:
            self.ui.progressExport.setValue(0)
            self._report_failure(self.ui.labelExportStatus, message, state)
            self._set_exporting(False)
            return
        self.ui.progressExport.setValue(100)
        self.package_folder = Path(results["PACKAGE"]) if results.get("PACKAGE") else None
        self.ui.labelExportStatus.setText(
            QCoreApplication.translate("LstStudioDock", "Package written: {}").format(self.package_folder)
        )
        valid = results.get("VALID")
        self.message(
            QCoreApplication.translate("LstStudioDock", "Package written: {}").format(self.package_folder),
            Qgis.Warning if valid is False else Qgis.Success,
            QCoreApplication.translate("LstStudioDock", "Export finished")
            if valid is not False
            else QCoreApplication.translate("LstStudioDock", "Export finished, validation FAILED"),
        )
        self.ui.textValidation.setPlainText(self._validation_text(results))
        self._set_exporting(False)

    def _validation_text(self, results: dict) -> str:
        """What the export algorithm says about the package: its validation (when it reports one) and summary."""
        lines = []
        valid = results.get("VALID")
        if valid is not None:
            lines.append(
                QCoreApplication.translate("LstStudioDock", "Validation passed.")
                if valid
                else QCoreApplication.translate("LstStudioDock", "Validation FAILED.")
            )
        if results.get("VALIDATION"):
            lines.append(str(results["VALIDATION"]))
        if valid is None and not results.get("VALIDATION"):
            lines.append(
                QCoreApplication.translate(
                    "LstStudioDock", "The export algorithm reported no validation result."
                )
            )
        stats = [results.get(k) for k in ("LST_MIN", "LST_MEDIAN", "LST_MAX")]
        if all(isinstance(v, (int, float)) for v in stats):
            from .styles import to_unit
            from .summary_view import number

            unit = self.comboUnit.currentData()
            lines.append(
                QCoreApplication.translate(
                    "LstStudioDock", "Clear-sky LST: min {} {u}, median {} {u}, max {} {u}"
                ).format(*(number(to_unit(v, unit)) for v in stats), u=unit)
            )
        if isinstance(results.get("CLOUD_PERCENT"), (int, float)):
            from .summary_view import number

            lines.append(
                QCoreApplication.translate("LstStudioDock", "Cloud cover over the AOI: {} %").format(
                    number(results["CLOUD_PERCENT"])
                )
            )
        if self.package_folder is not None and self.package_folder.is_dir():
            files = sorted(p.name for p in self.package_folder.iterdir())
            lines.append(QCoreApplication.translate("LstStudioDock", "{} files:").format(len(files)))
            lines.extend("  " + name for name in files)
        if results.get("ZIP_FILE"):
            lines.append(QCoreApplication.translate("LstStudioDock", "Zip: {}").format(results["ZIP_FILE"]))
        return "\n".join(lines)

    def open_package_folder(self) -> None:
        if self.package_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.package_folder)))
