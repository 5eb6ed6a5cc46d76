"""The LST Studio dock: AOI → input → settings → run → check on the canvas → export.

The dock only collects choices and shows results: production and export run as Processing
algorithms in the task manager (``tasks.AlgorithmRun``); layers are loaded in the finished handler on
the main thread; statistics come from the core. The form is ``ui/lst_studio_dock.ui``.
"""

from __future__ import annotations

import html
from datetime import timezone
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsFeature,
    QgsGeometry,
    QgsMapLayerProxyModel,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QFileDialog, QHeaderView, QTableWidgetItem, QWidget

from ..core.errors import LstError
from . import aoi as aoi_mod
from . import dock_extras
from .layers import find_result_files, load_result
from .log import log_details, short_message
from .settings import DockSettings, load_settings, save_settings
from .tasks import AlgorithmRun, ProductOpening, RunState
from .tiepoint_layer import pair_label, set_arrows, tiepoint_layer

UI_PATH = Path(__file__).resolve().parents[2] / "ui" / "lst_studio_dock.ui"
FORM_CLASS, _ = uic.loadUiType(str(UI_PATH))

PRODUCE_ALG = "lststudio:producelst"
EXPORT_ALG = "lststudio:exportpackage"
FOOTPRINT_LAYER_NAME = "LST Studio footprint"


class LstStudioDock(QgsDockWidget):
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

    # --- AOI ------------------------------------------------------------------------------------

    def _toggle_tool(self, kind: str, on: bool) -> None:
        other = self.ui.btnDrawPolygon if kind == "rectangle" else self.ui.btnDrawRectangle
        if not on:
            if self.map_tool is not None and getattr(self.map_tool, "kind", None) == kind:
                self._release_tool()
            return
        other.setChecked(False)
        self.btnInspect.setChecked(False)
        self._release_tool()
        tool = aoi_mod.RectangleTool(self.canvas) if kind == "rectangle" else aoi_mod.PolygonTool(self.canvas)
        tool.kind = kind
        tool.drawn.connect(self._aoi_drawn)
        self.previous_map_tool = self.canvas.mapTool()
        self.map_tool = tool
        self.canvas.setMapTool(tool)

    def _release_tool(self) -> None:
        tool, self.map_tool = self.map_tool, None
        if tool is None:
            return
        if self.canvas.mapTool() is tool:
            self.canvas.unsetMapTool(tool)
            if self.previous_map_tool is not None:
                self.canvas.setMapTool(self.previous_map_tool)
        aoi_mod.remove_rubber_band(tool)
        tool.deleteLater()

    def _aoi_drawn(self, geometry: QgsGeometry) -> None:
        crs = self.canvas.mapSettings().destinationCrs()
        self.set_aoi(aoi_mod.to_wgs84(geometry, crs))
        self.ui.btnDrawRectangle.setChecked(False)
        self.ui.btnDrawPolygon.setChecked(False)

    def aoi_from_active_layer(self) -> None:
        layer = self.iface.activeLayer()
        if not isinstance(layer, QgsVectorLayer) or layer.geometryType() != QgsWkbTypes.PolygonGeometry:
            self.message(self.tr("Select a polygon layer in the Layers panel first."), Qgis.Warning)
            return
        try:
            self.set_aoi(aoi_mod.from_features(layer), default_name=layer.name())
        except LstError as exc:
            self.message(str(exc), Qgis.Critical)

    def _browse_aoi_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Area of interest"),
            self.last_input_dir,
            self.tr("Vector files (*.geojson *.json *.gpkg *.shp);;All files (*)"),
        )
        if path:
            self.aoi_from_file(path)

    def aoi_from_file(self, path: str) -> None:
        try:
            self.set_aoi(aoi_mod.from_file(path), default_name=Path(path).stem)
        except LstError as exc:
            self.message(str(exc), Qgis.Critical)

    def aoi_from_bbox_fields(self) -> None:
        ui = self.ui
        try:
            geometry = aoi_mod.from_bbox(
                ui.spinXmin.value(), ui.spinYmin.value(), ui.spinXmax.value(), ui.spinYmax.value()
            )
        except LstError as exc:
            self.message(str(exc), Qgis.Warning)
            return
        self.set_aoi(geometry)

    def set_aoi(self, geometry: QgsGeometry, default_name: str = "") -> None:
        """Make ``geometry`` (WGS84 polygon) the AOI: canvas, project, bbox fields, status."""
        ui = self.ui
        if default_name and not ui.editAoiName.text().strip():
            ui.editAoiName.setText(default_name)
        self.aoi = aoi_mod.AreaOfInterest(
            geometry, ui.editAoiName.text().strip(), ui.editAoiId.text().strip()
        )
        aoi_mod.show_aoi(self.aoi)
        self._show_aoi_fields()

    def _show_aoi_fields(self) -> None:
        ui = self.ui
        box = self.aoi.geometry.boundingBox()
        for spin, value in (
            (ui.spinXmin, box.xMinimum()),
            (ui.spinYmin, box.yMinimum()),
            (ui.spinXmax, box.xMaximum()),
            (ui.spinYmax, box.yMaximum()),
        ):
            spin.setValue(value)
        ui.labelAoiStatus.setText(
            self.tr("AOI set: {:.4f}, {:.4f} – {:.4f}, {:.4f} (lon/lat).").format(
                box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()
            )
        )

    def _aoi_names_changed(self) -> None:
        if self.aoi is not None:
            self.aoi.name = self.ui.editAoiName.text().strip()
            self.aoi.id = self.ui.editAoiId.text().strip()
            aoi_mod.show_aoi(self.aoi)

    def clear_aoi(self) -> None:
        self.aoi = None
        self.ui.editAoiName.clear()  # a cleared AOI must not lend its id to the next package name
        self.ui.editAoiId.clear()
        layer = aoi_mod.aoi_layer()
        if layer is not None:
            QgsProject.instance().removeMapLayer(layer.id())
        for key in ("aoi/wkt", "aoi/name", "aoi/id"):
            QgsProject.instance().removeEntry(aoi_mod.PROJECT_SCOPE, key)
        self.ui.labelAoiStatus.setText(self.tr("No area of interest: the whole scene will be processed."))

    def restore_project_aoi(self) -> None:
        """After a project is read: its dock settings and its AOI."""
        self._apply_settings(load_settings())
        stored = aoi_mod.project_aoi()
        if stored is None:
            return
        self.ui.editAoiName.setText(stored.name)
        self.ui.editAoiId.setText(stored.id)
        self.aoi = stored
        aoi_mod.show_aoi(stored)
        self._show_aoi_fields()

    def _project_cleared(self) -> None:
        self.aoi = None
        self.result_group = None
        self.result_files = None
        self.btnInspect.setChecked(False)
        self.btnInspect.setEnabled(False)
        self.tiepoint_layers = []
        self.ui.labelAoiStatus.setText(self.tr("No area of interest: the whole scene will be processed."))

    # --- input ----------------------------------------------------------------------------------

    def _browse_input_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Level-1 product folder"), self.last_input_dir)
        if path:
            self.open_input(path)

    def _browse_input_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Level-1 product file"),
            self.last_input_dir,
            self.tr("Level-1 products (*.zip *.tar *.geojson *.json *MTL.txt);;All files (*)"),
        )
        if path:
            self.open_input(path)

    def open_input(self, path: str, wait: bool = False) -> bool:
        """Read the product's metadata in a background task; the summary and footprint follow on the main
        thread. The previous product is forgotten at once, so a failed open never leaves it to "Produce
        LST". ``wait`` (tests, scripts) keeps the event loop running until the task reports; returns
        whether the product opened (without ``wait``: whether the task started)."""
        path = path.strip()
        self.ui.editInput.setText(path)
        self._forget_product()
        if not path:
            return False
        if self.opening is not None:
            self.opening.done.disconnect()
            self.opening.cancel()
        self.opening = ProductOpening(path, self.tr("LST Studio: open {}").format(Path(path).name))
        self.opening.done.connect(self._product_opened)
        self.ui.textSummary.setPlainText(self.tr("Reading {}…").format(path))
        self.ui.btnOpenInput.setEnabled(False)
        self.opening.start()
        if not wait:
            return True
        from qgis.PyQt.QtCore import QEventLoop

        opening = self.opening
        loop = QEventLoop()
        opening.done.connect(loop.quit)
        if opening.state is RunState.PENDING:
            loop.exec_()
        return opening.state is RunState.SUCCEEDED

    def _forget_product(self) -> None:
        self.summary = None
        self.product_path = ""
        self.product_tiepoints = []
        project = QgsProject.instance()
        for layer in project.mapLayersByName(FOOTPRINT_LAYER_NAME):
            project.removeMapLayer(layer.id())

    def _product_opened(self, ok: bool, message: str) -> None:
        opening, self.opening = self.sender(), None
        self.ui.btnOpenInput.setEnabled(True)
        if not ok:
            log_details(message)
            self.ui.textSummary.setPlainText(message)
            self.message(short_message(message), Qgis.Critical, self.tr("Cannot read the product"))
            return
        self.summary = opening.summary
        self.product_path = opening.path
        self.product_tiepoints = opening.tiepoints
        self.last_input_dir = str(Path(opening.path).parent)
        self.ui.textSummary.setHtml(self._summary_html(opening.summary))
        self._show_footprint(opening.summary)

    def _summary_html(self, s) -> str:
        from .summary_view import number

        rows = [
            (self.tr("Product"), s.product_id),
            (self.tr("Format"), s.source_format),
            (self.tr("Platform"), s.platform),
            (self.tr("Sensor"), ", ".join(s.instruments)),
            (self.tr("Acquired (UTC)"), s.acquisition.strftime("%Y-%m-%d %H:%M:%S")),
            (self.tr("Day / night"), self.tr("day") if s.is_day else self.tr("night")),
            (self.tr("Bands"), ", ".join(s.bands)),
            (
                self.tr("Cloud cover"),
                self.tr("not stated") if s.cloud_cover is None else f"{number(s.cloud_cover)} %",
            ),
            (self.tr("CRS"), s.crs),
            (self.tr("Size"), f"{s.width} × {s.height} px"),
        ]
        body = "".join(
            f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(str(v))}</td></tr>" for k, v in rows
        )
        return f"<table cellspacing='2'>{body}</table>"

    def _show_footprint(self, summary) -> None:
        project = QgsProject.instance()
        for layer in project.mapLayersByName(FOOTPRINT_LAYER_NAME):
            project.removeMapLayer(layer.id())
        if not summary.footprint_lonlat:
            return
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

        # In the scene's CRS: the first layer of an empty project sets the project CRS, and the UTM
        # rasters that follow must not be drawn reprojected (nearest-neighbour artefacts).
        crs = QgsCoordinateReferenceSystem(summary.crs)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem("EPSG:4326")
        geometry = QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in summary.footprint_lonlat]])
        geometry.transform(
            QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs, QgsProject.instance())
        )
        layer = QgsVectorLayer("Polygon", FOOTPRINT_LAYER_NAME, "memory")
        layer.setCrs(crs)
        self._adopt_crs(crs)
        feature = QgsFeature()
        feature.setGeometry(geometry)
        layer.dataProvider().addFeatures([feature])
        layer.updateExtents()
        from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

        symbol = QgsFillSymbol.createSimple(
            {"color": "255,170,0,30", "outline_color": "#ff8c00", "outline_width": "0.6"}
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        project.addMapLayer(layer)
        self._zoom_to(layer)

    def _adopt_crs(self, crs) -> None:
        """Draw in the scene's CRS while the project holds no raster of its own (only our AOI/footprint)."""
        project = QgsProject.instance()
        if crs.isValid() and not any(isinstance(lyr, QgsRasterLayer) for lyr in project.mapLayers().values()):
            project.setCrs(crs)
            self.canvas.setDestinationCrs(crs)

    def _zoom_to(self, layer) -> None:
        from qgis.core import QgsCoordinateTransform

        extent = layer.extent()
        dest = self.canvas.mapSettings().destinationCrs()
        if dest.isValid() and dest != layer.crs():
            extent = QgsCoordinateTransform(layer.crs(), dest, QgsProject.instance()).transformBoundingBox(
                extent
            )
        extent.scale(1.1)
        self.canvas.setExtent(extent)
        self.canvas.refresh()

    # --- run --------------------------------------------------------------------------------------

    def _browse_output(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Output folder"), self.ui.editOutputFolder.text()
        )
        if path:
            self.ui.editOutputFolder.setText(path)

    def _browse_land_cover(self) -> None:
        self._browse_raster(self.tr("Land cover (ESA WorldCover class codes)"), self.ui.comboLandCover)

    def _browse_dem(self) -> None:
        self._browse_raster(self.tr("Elevation model (m)"), self.ui.comboDem)

    def _browse_reanalysis(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("ERA5 reanalysis file"),
            self.last_input_dir,
            self.tr("ERA5 files (*.nc *.grib *.grib2 *.grb);;All files (*)"),
        )
        if path:
            self.ui.editReanalysis.setText(path)

    def _browse_raster(self, title: str, combo) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, title, self.last_input_dir, self.tr("Rasters (*.tif *.tiff *.vrt);;All files (*)")
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
            self.message(self.tr("{} is not a readable raster.").format(path), Qgis.Critical)
            return None
        QgsProject.instance().addMapLayer(layer)
        combo.setLayer(layer)
        return layer

    def production_parameters(self) -> dict:
        """The ``lststudio:producelst`` parameters for the dock's current choices (raises LstError)."""
        s = self.current_settings()
        if not self.product_path:
            raise LstError(self.tr("Open a Level-1 product first (Input tab)."))
        if not s.output_folder:
            raise LstError(self.tr("Choose an output folder (Settings tab)."))
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
                self.tr("Land cover: {} is not a raster file (GeoTIFF or another GDAL format)."),
            ),
            (
                "DEM",
                self.ui.comboDem,
                self.tr("Elevation model: {} is not a raster file (GeoTIFF or another GDAL format)."),
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
                    raise LstError(self.tr("{}: '{}' is not a number.").format(key, text)) from exc
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
            self.message(str(exc), Qgis.Warning)
            return False
        save_settings(self.current_settings())
        self.run = AlgorithmRun(PRODUCE_ALG, params, self.tr("LST Studio: produce LST"))
        self.run.progress.connect(lambda p: self.ui.progressRun.setValue(int(p)))
        self.run.done.connect(self._run_done)
        self.ui.progressRun.setValue(0)
        self.ui.labelRunStatus.setText(self.tr("Running…"))
        self._set_running(True)
        self.run.start()
        return True

    def cancel_run(self) -> None:
        if self.run is not None:
            self.ui.labelRunStatus.setText(self.tr("Cancelling…"))
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
            self.ui.labelRunStatus.setText(self.tr("Done: {}").format(Path(folder).name))
            self.ui.labelRunStatus.setToolTip(str(folder))
            self.message(dock_extras.summary_message(self), Qgis.Success, self.tr("LST produced"))
            if message:  # warnings the algorithm reported (e.g. defaults used)
                log_details(message)
                self.message(short_message(message), Qgis.Warning)

    def _report_failure(self, label, message: str, state: RunState) -> None:
        """One line in ``label`` and the message bar (cancel is a warning, a failure critical); the
        whole text, a traceback included, in the message log."""
        log_details(message)
        line = short_message(message) or self.tr("The algorithm failed.")
        label.setText(line)
        label.setToolTip(line)
        self.message(line, Qgis.Warning if state is RunState.CANCELLED else Qgis.Critical)

    # --- results ------------------------------------------------------------------------------------

    def _browse_result(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Result or package folder"), self.ui.editOutputFolder.text()
        )
        if path:
            self.load_results(path)

    def load_results(self, folder) -> bool:
        """Load a result folder or a delivery package into a styled group (main thread)."""
        try:
            files = find_result_files(folder)
            group = load_result(files)
        except LstError as exc:
            self._report_failure(self.ui.labelRunStatus, str(exc), RunState.FAILED)
            return False
        self.result_group = group
        self.result_files = files
        # Export works on a result folder; a loaded package is shown, not re-exported.
        self.result_folder = Path(folder) if (Path(folder) / "result.json").is_file() else None
        if files.tiepoints:
            self._load_result_tiepoints(files.tiepoints, group)
        rasters = {n.layer().customProperty("lst_studio/type"): n.layer() for n in group.findLayers()}
        target = rasters.get("LST") or next(iter(rasters.values()), None)
        if target is not None:
            self._zoom_to(target)
        self.ui.labelExportStatus.setText(
            self.tr("Ready to export {}.").format(self.result_folder)
            if self.result_folder
            else self.tr("{} is a delivery package: produce LST or load a result folder to export.").format(
                folder
            )
        )
        dock_extras.show_run_summary(self, files)
        self.btnInspect.setEnabled(True)
        return True

    def _load_result_tiepoints(self, paths, group) -> None:
        from ..core.products.gver import read_gver

        tiepoints = []
        for path in paths:
            try:
                tiepoints += read_gver(path)
            except LstError as exc:
                self.message(short_message(str(exc)), Qgis.Warning)
        if tiepoints:
            self.show_tiepoints(tiepoints, self.tr("Tiepoints"), group)

    def apply_display(self) -> None:
        """Store the unit and scale in the project and restyle the LST layers of every loaded run."""
        save_settings(self.current_settings())
        dock_extras.restyle_lst_layers(self)

    def _toggle_inspector(self, on: bool) -> None:
        if not on:
            if self.map_tool is not None and getattr(self.map_tool, "kind", None) == "inspector":
                self._release_tool()
            return
        if self.result_files is None:
            self.btnInspect.setChecked(False)
            return
        from .inspector import PixelInspectorTool

        self.ui.btnDrawRectangle.setChecked(False)
        self.ui.btnDrawPolygon.setChecked(False)
        self._release_tool()
        tool = PixelInspectorTool(self.canvas, dock_extras.result_crs(self.result_files))
        tool.picked.connect(self.inspect_pixel)
        self.previous_map_tool = self.canvas.mapTool()
        self.map_tool = tool
        self.canvas.setMapTool(tool)

    def inspect_pixel(self, x: float, y: float) -> list:
        """Show the decoded pixel at (x, y) (rasters' CRS) of the current result; returns the rows."""
        from .inspector import fill_table, inspect

        if self.result_files is None:
            return []
        try:
            rows = inspect(self.result_files.rasters, self.result_files.band_names, x, y)
        except LstError as exc:
            self.message(short_message(str(exc)), Qgis.Warning)
            return []
        if not rows:
            rows = [(self.tr("Pixel"), self.tr("outside the result"))]
        fill_table(self.tableInspector, rows)
        return rows

    # --- tiepoints ---------------------------------------------------------------------------------

    def _browse_tiepoints(self) -> None:
        start = str(Path(self.product_path).parent if self.product_path else self.last_input_dir)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Tiepoint file"), start, self.tr("GVER files (*GVER*.json *.json)")
        )
        if path:
            self.load_tiepoint_file(path)

    def load_tiepoint_file(self, path: str):
        from ..core.products.gver import read_gver

        try:
            tiepoints = read_gver(path)
        except LstError as exc:
            self.message(str(exc), Qgis.Critical)
            return None
        return self.show_tiepoints(tiepoints, Path(path).stem)

    def show_tiepoints(self, tiepoints: list, name: str, group=None) -> list[QgsVectorLayer]:
        """One point layer per band / band pair in a sub-group ``name``; the table for all of them.

        Pairs drawn over each other are unreadable, so only the first thermal pair (else the first
        pair) starts visible; the others are one click away in the Layers panel.
        """
        project = QgsProject.instance()
        parent = group if group is not None else project.layerTreeRoot()
        node = parent.insertGroup(0, name)
        node.setCustomProperty("lst_studio/type", "TIEPOINTS")
        # A result's own tiepoints start hidden (they would cover the LST); a file the analyst loads shows.
        node.setItemVisibilityChecked(group is None)
        shown = next((i for i, tp in enumerate(tiepoints) if _is_thermal_pair(tp)), 0)
        layers = []
        for index, tp in enumerate(tiepoints):
            layer = tiepoint_layer([tp], pair_label(tp), self.ui.spinArrowFactor.value())
            layer.setCustomProperty("lst_studio/type", "TIEPOINTS")
            set_arrows(layer, self.ui.checkArrows.isChecked())
            project.addMapLayer(layer, False)
            tree_layer = node.addLayer(layer)
            tree_layer.setItemVisibilityChecked(index == shown)
            tree_layer.setExpanded(index == shown)  # keep the Layers panel short
            layer.willBeDeleted.connect(lambda lyr=layer: self._forget_tiepoint_layer(lyr))
            layers.append(layer)
        self.tiepoint_layers.extend(layers)
        self._fill_tiepoint_table(tiepoints)
        return layers

    def _forget_tiepoint_layer(self, layer) -> None:
        if layer in self.tiepoint_layers:
            self.tiepoint_layers.remove(layer)

    def _fill_tiepoint_table(self, tiepoints: list) -> None:
        from ..core.geoverify import tiepoint_statistics

        self.tiepoint_stats = tiepoint_statistics(tiepoints)
        table = self.ui.tableTiepoints
        table.setRowCount(len(self.tiepoint_stats))

        def fmt(value, digits=2):
            return "–" if value is None else f"{value:.{digits}f}"

        for row, st in enumerate(self.tiepoint_stats):
            pair = f"{st.source} → {st.target}" if st.target else st.source
            rmse_m = st.radial_rmse_m
            cells = [
                pair,
                str(st.count),
                fmt(st.mean_dx_m),
                fmt(st.mean_dy_m),
                fmt(rmse_m),
                fmt(st.radial_rmse_px, 3),
                fmt(st.ce90_m),
                fmt(st.ce90_px, 3),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(int(Qt.AlignRight | Qt.AlignVCenter))
                table.setItem(row, col, item)

    def _update_arrows(self, *_args) -> None:
        for layer in self.tiepoint_layers:
            set_arrows(layer, self.ui.checkArrows.isChecked(), self.ui.spinArrowFactor.value())

    # --- export ----------------------------------------------------------------------------------

    def export_parameters(self) -> dict:
        s = self.current_settings()
        if self.result_folder is None:
            raise LstError(self.tr("Produce LST (or load a result folder) before exporting."))
        if not s.output_folder:
            raise LstError(self.tr("Choose an output folder (Settings tab)."))
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
            self.message(str(exc), Qgis.Warning)
            return False
        save_settings(self.current_settings())
        self.export_run = AlgorithmRun(EXPORT_ALG, params, self.tr("LST Studio: export package"))
        self.export_run.progress.connect(lambda p: self.ui.progressExport.setValue(int(p)))
        self.export_run.done.connect(self._export_done)
        self.ui.progressExport.setValue(0)
        self.ui.labelExportStatus.setText(self.tr("Exporting…"))
        self.ui.textValidation.clear()
        self._set_exporting(True)
        self.export_run.start()
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
        self.ui.labelExportStatus.setText(self.tr("Package written: {}").format(self.package_folder))
        valid = results.get("VALID")
        self.message(
            self.tr("Package written: {}").format(self.package_folder),
            Qgis.Warning if valid is False else Qgis.Success,
            self.tr("Export finished")
            if valid is not False
            else self.tr("Export finished, validation FAILED"),
        )
        self.ui.textValidation.setPlainText(self._validation_text(results))
        self._set_exporting(False)

    def _validation_text(self, results: dict) -> str:
        """What the export algorithm says about the package: its validation (when it reports one) and summary."""
        lines = []
        valid = results.get("VALID")
        if valid is not None:
            lines.append(self.tr("Validation passed.") if valid else self.tr("Validation FAILED."))
        if results.get("VALIDATION"):
            lines.append(str(results["VALIDATION"]))
        if valid is None and not results.get("VALIDATION"):
            lines.append(self.tr("The export algorithm reported no validation result."))
        stats = [results.get(k) for k in ("LST_MIN", "LST_MEDIAN", "LST_MAX")]
        if all(isinstance(v, (int, float)) for v in stats):
            from .styles import to_unit
            from .summary_view import number

            unit = self.comboUnit.currentData()
            lines.append(
                self.tr("Clear-sky LST: min {} {u}, median {} {u}, max {} {u}").format(
                    *(number(to_unit(v, unit)) for v in stats), u=unit
                )
            )
        if isinstance(results.get("CLOUD_PERCENT"), (int, float)):
            from .summary_view import number

            lines.append(self.tr("Cloud cover over the AOI: {} %").format(number(results["CLOUD_PERCENT"])))
        if self.package_folder is not None and self.package_folder.is_dir():
            files = sorted(p.name for p in self.package_folder.iterdir())
            lines.append(self.tr("{} files:").format(len(files)))
            lines.extend("  " + name for name in files)
        if results.get("ZIP_FILE"):
            lines.append(self.tr("Zip: {}").format(results["ZIP_FILE"]))
        return "\n".join(lines)

    def open_package_folder(self) -> None:
        if self.package_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.package_folder)))

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


def _is_thermal_pair(tp) -> bool:
    names = (tp.source or "", tp.target or "")
    return any(n.lower().startswith(("lwir", "tir")) or n.upper() in ("B10", "B11") for n in names)
