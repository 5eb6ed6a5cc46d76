"""The LST Studio dock: AOI → input → settings → run → check on the canvas → export.

The dock only collects choices and shows results: production and export run as Processing
algorithms in the task manager (``tasks.AlgorithmRun``); layers are loaded in the finished handler on
the main thread; statistics come from the core. The form is ``ui/lst_studio_dock.ui``.

This module holds the plumbing (form, signals, settings, unload); the tabs and the run handling are
mixins in modules of their own: ``dock_aoi`` (AOI tab), ``dock_product`` (the opened product),
``dock_run`` (producing LST), ``dock_results`` (results, pixel inspector, tiepoints), ``dock_export``
(export tab); ``dock_extras`` adds the display settings, run summary and inspector widgets.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    Qgis,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QHeaderView, QWidget

from . import aoi as aoi_mod
from . import dock_extras
from .dock_aoi import AoiTab
from .dock_export import ExportTab
from .dock_product import ProductState
from .dock_results import ResultsView
from .dock_run import RunHandling
from .settings import DockSettings, load_settings, save_settings
from .tasks import AlgorithmRun, ProductOpening

UI_PATH = Path(__file__).resolve().parents[2] / "ui" / "lst_studio_dock.ui"
FORM_CLASS, _ = uic.loadUiType(str(UI_PATH))


class LstStudioDock(AoiTab, ProductState, RunHandling, ResultsView, ExportTab, QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.setObjectName("LstStudioDock")
        self.setWindowTitle(self.tr("LST Studio"))
        self.contents = QWidget(self)
        self.ui = FORM_CLASS()
        self.ui.setupUi(self.contents)
        self.setWidget(self.contents)

        self.aoi: aoi_mod.AreaOfInterest | None = None
        self.summary = None  # SceneSummary of the opened product
        self.product_path: str = ""
        self.product_tiepoints: list = []
        self.run: AlgorithmRun | None = None
        self.export_run: AlgorithmRun | None = None
        self.result_folder: Path | None = None
        self.result_group = None
        self.package_folder: Path | None = None
        self.tiepoint_layers: list[QgsVectorLayer] = []
        self.tiepoint_stats: list = []
        self.map_tool = None
        self.previous_map_tool = None
        self.opening: ProductOpening | None = None
        self.result_files = None  # layers.ResultFiles of the result on the map (pixel inspector)
        self.run_summary = None  # core.run_summary.RunSummary of the last run

        self._fill_combos()
        dock_extras.add_display_settings(self)
        dock_extras.add_summary_and_inspector(self)
        self._setup_table()
        self._apply_settings(load_settings())
        self._connect()
        self._set_running(False)
        self._set_exporting(False)
        self._add_cso_tab()
        dock_extras.make_compact(self)
        self.restore_project_aoi()

    # --- plumbing -----------------------------------------------------------------------------

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("LstStudioDock", text)

    @staticmethod
    def default_area():
        return Qt.RightDockWidgetArea

    def _fill_combos(self) -> None:
        ui = self.ui
        ui.comboAlgorithm.addItems(
            [
                self.tr("Automatic (RTE if atmosphere given, else split-window, else single-channel)"),
                self.tr("Radiative transfer equation inversion (B10)"),
                self.tr("Split-window (B10/B11)"),
                self.tr("Single-channel (B10)"),
            ]
        )
        ui.comboEmissivity.addItems(
            [
                self.tr("NDVI threshold (day) / land-cover classes (night)"),
                self.tr("Land-cover classes only"),
                self.tr("Constant"),
            ]
        )
        # Layers belong to the project, so the choice is not kept in the settings; empty = not used.
        for combo in (ui.comboLandCover, ui.comboDem):
            combo.setFilters(QgsMapLayerProxyModel.RasterLayer)
            combo.setAllowEmptyLayer(True)
            combo.setLayer(None)

    def _setup_table(self) -> None:
        table = self.ui.tableTiepoints
        headers = [
            self.tr("Band / pair"),
            self.tr("Count"),
            self.tr("Mean dx (m)"),
            self.tr("Mean dy (m)"),
            self.tr("RMSE (m)"),
            self.tr("RMSE (px)"),
            self.tr("CE90 (m)"),
            self.tr("CE90 (px)"),
        ]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(table.NoEditTriggers)

    def _connect(self) -> None:
        ui = self.ui
        ui.btnDrawRectangle.toggled.connect(lambda on: self._toggle_tool("rectangle", on))
        ui.btnDrawPolygon.toggled.connect(lambda on: self._toggle_tool("polygon", on))
        ui.btnFromSelection.clicked.connect(self.aoi_from_active_layer)
        ui.btnLoadAoiFile.clicked.connect(self._browse_aoi_file)
        ui.btnApplyBbox.clicked.connect(self.aoi_from_bbox_fields)
        ui.btnClearAoi.clicked.connect(self.clear_aoi)
        ui.editAoiName.editingFinished.connect(self._aoi_names_changed)
        ui.editAoiId.editingFinished.connect(self._aoi_names_changed)
        ui.btnBrowseFolder.clicked.connect(self._browse_input_folder)
        ui.btnBrowseFile.clicked.connect(self._browse_input_file)
        ui.btnOpenInput.clicked.connect(lambda: self.open_input(ui.editInput.text()))
        ui.editInput.returnPressed.connect(lambda: self.open_input(ui.editInput.text()))
        ui.btnBrowseOutput.clicked.connect(self._browse_output)
        ui.btnBrowseLandCover.clicked.connect(self._browse_land_cover)
        ui.btnBrowseDem.clicked.connect(self._browse_dem)
        ui.btnBrowseReanalysis.clicked.connect(self._browse_reanalysis)
        ui.comboAlgorithm.currentIndexChanged.connect(self._update_enabled)
        ui.comboEmissivity.currentIndexChanged.connect(self._update_enabled)
        ui.btnRun.clicked.connect(self.start_run)
        ui.btnCancel.clicked.connect(self.cancel_run)
        ui.btnLoadResult.clicked.connect(self._browse_result)
        ui.btnLoadTiepoints.clicked.connect(self._browse_tiepoints)
        ui.checkArrows.toggled.connect(self._update_arrows)
        ui.spinArrowFactor.valueChanged.connect(self._update_arrows)
        ui.btnExport.clicked.connect(self.start_export)
        ui.btnCancelExport.clicked.connect(self.cancel_export)
        ui.btnOpenFolder.clicked.connect(self.open_package_folder)
        self.btnApplyDisplay.clicked.connect(self.apply_display)
        self.btnInspect.toggled.connect(self._toggle_inspector)
        QgsProject.instance().readProject.connect(self.restore_project_aoi)
        QgsProject.instance().cleared.connect(self._project_cleared)

    def _add_cso_tab(self) -> None:
        try:
            from .cso_tab import CsoTab
        except ImportError:
            return  # the CSO tab ships with the cso module; without it the dock works as before
        self.cso_tab = CsoTab(self.iface, self.ui.tabs)
        self.ui.tabs.addTab(self.cso_tab, self.tr("Clear-sky observations"))

    def message(self, text: str, level=Qgis.Info, title: str | None = None) -> None:
        # ``text`` is in the UI's language: core errors and warnings (English) are translated once by
        # the handler that shows them (gui/core_text.translate_core), for this bar and its labels alike.
        self.iface.messageBar().pushMessage(title or self.tr("LST Studio"), text, level, 8)

    # --- settings -----------------------------------------------------------------------------

    def _apply_settings(self, s: DockSettings) -> None:
        ui = self.ui
        ui.comboAlgorithm.setCurrentIndex(s.algorithm)
        ui.editWaterVapour.setText(s.water_vapour)
        ui.editTransmittance.setText(s.transmittance)
        ui.editUpwelling.setText(s.upwelling)
        ui.editDownwelling.setText(s.downwelling)
        ui.editReanalysis.setText(s.reanalysis)
        ui.comboEmissivity.setCurrentIndex(s.emissivity)
        ui.spinEmissivityConstant.setValue(s.emissivity_constant)
        ui.spinCloudBuffer.setValue(s.cloud_buffer)
        ui.spinShadowBuffer.setValue(s.shadow_buffer)
        ui.editOutputFolder.setText(s.output_folder)
        ui.editProductToken.setText(s.product_token)
        ui.editOrganizationId.setText(s.organization_id)
        ui.checkZip.setChecked(s.make_zip)
        ui.checkOverwrite.setChecked(s.overwrite)
        ui.spinArrowFactor.setValue(s.arrow_factor)
        dock_extras.set_display(self, s.display_unit, s.scale_min_k, s.scale_max_k)
        self.last_input_dir = s.last_input_dir
        self._update_enabled()

    def current_settings(self) -> DockSettings:
        ui = self.ui
        return DockSettings(
            algorithm=ui.comboAlgorithm.currentIndex(),
            water_vapour=ui.editWaterVapour.text().strip(),
            transmittance=ui.editTransmittance.text().strip(),
            upwelling=ui.editUpwelling.text().strip(),
            downwelling=ui.editDownwelling.text().strip(),
            reanalysis=ui.editReanalysis.text().strip(),
            emissivity=ui.comboEmissivity.currentIndex(),
            emissivity_constant=ui.spinEmissivityConstant.value(),
            cloud_buffer=ui.spinCloudBuffer.value(),
            shadow_buffer=ui.spinShadowBuffer.value(),
            output_folder=ui.editOutputFolder.text().strip(),
            product_token=ui.editProductToken.text().strip() or "LST",
            organization_id=ui.editOrganizationId.text().strip(),
            make_zip=ui.checkZip.isChecked(),
            overwrite=ui.checkOverwrite.isChecked(),
            last_input_dir=self.last_input_dir,
            arrow_factor=ui.spinArrowFactor.value(),
            display_unit=self.comboUnit.currentData(),
            scale_min_k=dock_extras.scale_k(self)[0],
            scale_max_k=dock_extras.scale_k(self)[1],
        )

    def _update_enabled(self) -> None:
        ui = self.ui
        rte = ui.comboAlgorithm.currentIndex() in (0, 1)  # auto uses RTE when the profile is given
        for w in (ui.editTransmittance, ui.editUpwelling, ui.editDownwelling):
            w.setEnabled(rte)
        ui.spinEmissivityConstant.setEnabled(ui.comboEmissivity.currentIndex() == 2)

    # --- unload ----------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Cancel running tasks, remove map tools and rubber bands, disconnect signals, keep settings."""
        for run in (self.run, self.export_run):
            if run is not None:
                run.detach()  # the widgets are about to go; the run lives on until its task reports
                run.cancel()
        if self.opening is not None:
            self.opening.done.disconnect()
            self.opening.cancel()
        self._release_tool()
        try:
            QgsProject.instance().readProject.disconnect(self.restore_project_aoi)
            QgsProject.instance().cleared.disconnect(self._project_cleared)
        except TypeError:
            pass
        save_settings(self.current_settings())
        cso = getattr(self, "cso_tab", None)
        if cso is not None and hasattr(cso, "shutdown"):
            cso.shutdown()
