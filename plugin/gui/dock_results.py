"""Results on the map: load a result folder or package as a styled group, the pixel inspector, and the
geometric-verification tiepoints (layers, arrows, statistics table).

A mixin of ``dock.LstStudioDock`` (the methods use the dock's widgets and state); its texts are translated in
the dock's context "LstStudioDock".
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    Qgis,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QFileDialog, QTableWidgetItem

from ..core.errors import LstError
from . import dock_extras
from .core_text import translate_core
from .layers import find_result_files, load_result
from .log import short_message
from .settings import save_settings
from .tasks import RunState
from .tiepoint_layer import pair_label, set_arrows, tiepoint_layer


class ResultsView:
    # --- results ------------------------------------------------------------------------------------

    def _browse_result(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self,
            QCoreApplication.translate("LstStudioDock", "Result or package folder"),
            self.ui.editOutputFolder.text(),
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
            QCoreApplication.translate("LstStudioDock", "Ready to export {}.").format(self.result_folder)
            if self.result_folder
            else QCoreApplication.translate(
                "LstStudioDock", "{} is a delivery package: produce LST or load a result folder to export."
            ).format(folder)
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
                self.message(short_message(translate_core(str(exc))), Qgis.Warning)
        if tiepoints:
            self.show_tiepoints(tiepoints, QCoreApplication.translate("LstStudioDock", "Tiepoints"), group)

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
            self.message(short_message(translate_core(str(exc))), Qgis.Warning)
            return []
        if not rows:
            rows = [
                (
                    QCoreApplication.translate("LstStudioDock", "Pixel"),
                    QCoreApplication.translate("LstStudioDock", "outside the result"),
                )
            ]
        fill_table(self.tableInspector, rows)
        return rows

    # --- tiepoints ---------------------------------------------------------------------------------

    def _browse_tiepoints(self) -> None:
        start = str(Path(self.product_path).parent if self.product_path else self.last_input_dir)
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("LstStudioDock", "Tiepoint file"),
            start,
            QCoreApplication.translate("LstStudioDock", "GVER files (*GVER*.json *.json)"),
        )
        if path:
            self.load_tiepoint_file(path)

    def load_tiepoint_file(self, path: str):
        from ..core.products.gver import read_gver

        try:
            tiepoints = read_gver(path)
        except LstError as exc:
            self.message(translate_core(str(exc)), Qgis.Critical)
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


def _is_thermal_pair(tp) -> bool:
    names = (tp.source or "", tp.target or "")
    return any(n.lower().startswith(("lwir", "tir")) or n.upper() in ("B10", "B11") for n in names)
