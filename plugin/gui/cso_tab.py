"""The "Clear-sky observations" tab of the dock: inputs, parameters, a background run and styled results.

The tab only collects parameters and calls the Processing algorithm ``lststudio:cso`` through
``tasks.AlgorithmRun`` (a QgsProcessingAlgRunnerTask in the task manager, with progress and cancel); the
results are loaded on the main thread into one layer group: NUM with the count ramp of
``resources/styles/cso_num.qml`` (visible), the gap statistics with a sequential ramp (days) and SKW/KRT
with a diverging ramp around 0 (hidden, one click away). Every layer shows the same bin: the one
with the most clear observations (an empty first bin would leave the map blank), and its legend
spans that bin's values; the band names are the bins' start dates. The years default to those of
the inputs (their acquisition times, read by ``core.cso_io``).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    Qgis,
    QgsProject,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import cso

# The CSO ramps and layer styling live in processing/cso_style.py: the algorithm styles its outputs too.
from ..processing.cso_style import (  # noqa: F401  (re-exported for the tab's users)
    DAYS_COLOURS,
    NUM_COLOURS,
    SHAPE_COLOURS,
    busiest_band,
    num_renderer,
    ramp_renderer,
    style_cso_layer,
)
from .tasks import AlgorithmRun, RunState, launch

ALGORITHM_ID = "lststudio:cso"
STYLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "styles"
NUM_STYLE = STYLE_DIR / "cso_num.qml"
FORMATS = (("GTiff", "Compressed GeoTIFF (.tif + .hdr)"), ("ENVI", "ENVI (.dat + .hdr)"))
DEFAULT_STATISTICS = ("NUM", "AVG", "STD")


def tr(text: str) -> str:
    return QCoreApplication.translate("CsoTab", text)


# --- the tab --------------------------------------------------------------------------------------


class CsoTab(QWidget):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.run: AlgorithmRun | None = None
        self.layers: list[QgsRasterLayer] = []
        self.last_files: list[str] = []
        self._build()
        self._update_enabled()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("CsoTab", text)

    # --- widgets ---------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_inputs())
        layout.addWidget(self._build_parameters())
        self._build_run(layout)
        layout.addStretch(1)
        self._connect()

    def _build_inputs(self) -> QGroupBox:
        inputs = QGroupBox(self.tr("Time series"), self)
        box = QVBoxLayout(inputs)
        self.input_list = QListWidget(inputs)
        self.input_list.setSelectionMode(QListWidget.ExtendedSelection)
        self.input_list.setToolTip(
            self.tr("Delivery packages (folders), folders of packages, or Level-1C products; any order.")
        )
        box.addWidget(self.input_list)
        buttons = QGridLayout()  # one add button per row: the tab fits a narrow dock (German texts too)
        self.add_folder_button = QPushButton(self.tr("Add folder…"), inputs)
        self.add_folder_button.setToolTip(self.tr("A delivery package, or a folder holding packages"))
        self.add_files_button = QPushButton(self.tr("Add products…"), inputs)
        self.add_files_button.setToolTip(
            self.tr("Level-1C products (.zip, .tar, .geojson, MTL) or package files")
        )
        self.remove_button = QPushButton(self.tr("Remove"), inputs)
        self.clear_button = QPushButton(self.tr("Clear"), inputs)
        buttons.addWidget(self.add_folder_button, 0, 0, 1, 2)
        buttons.addWidget(self.add_files_button, 1, 0, 1, 2)
        buttons.addWidget(self.remove_button, 2, 0)
        buttons.addWidget(self.clear_button, 2, 1)
        box.addLayout(buttons)
        return inputs

    def _build_parameters(self) -> QGroupBox:
        params = QGroupBox(self.tr("Parameters"), self)
        form = QFormLayout(params)
        years = QHBoxLayout()
        self.start_year = QSpinBox(params)
        self.end_year = QSpinBox(params)
        for s in (self.start_year, self.end_year):
            s.setRange(1950, 2200)
            s.setValue(2018)
        years.addWidget(self.start_year)
        years.addWidget(QLabel("–", params))
        years.addWidget(self.end_year)
        form.addRow(self.tr("Years"), years)
        self.month_step = QSpinBox(params)
        self.month_step.setRange(1, 12)
        self.month_step.setValue(3)
        self.month_step.setSuffix(self.tr(" months"))
        form.addRow(self.tr("Bin length"), self.month_step)
        self.sensor = QComboBox(params)
        self.sensor.addItems(list(cso.SENSORS))
        self.sensor.setToolTip(self.tr("Band-set token used in the file names"))
        form.addRow(self.tr("Band set"), self.sensor)
        self.stat_boxes: dict[str, QListWidgetItem] = {}
        self.stat_list = QListWidget(params)
        self.stat_list.setFlow(QListWidget.LeftToRight)
        self.stat_list.setWrapping(True)
        self.stat_list.setMaximumHeight(70)
        for s in cso.STATISTICS:
            item = QListWidgetItem(s, self.stat_list)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if s in DEFAULT_STATISTICS else Qt.Unchecked)
            item.setToolTip(self.tr(cso.STATISTIC_TITLES[s]))
            self.stat_boxes[s] = item
        form.addRow(self.tr("Statistics"), self.stat_list)
        self.format = QComboBox(params)
        for key, label in FORMATS:
            self.format.addItem(self.tr(label), key)
        form.addRow(self.tr("Format"), self.format)
        out = QHBoxLayout()
        self.output_folder = QLineEdit(params)
        self.output_folder.setPlaceholderText(self.tr("Folder for the CSO files"))
        self.browse_output_button = QToolButton(params)
        self.browse_output_button.setText("…")
        out.addWidget(self.output_folder)
        out.addWidget(self.browse_output_button)
        form.addRow(self.tr("Output folder"), out)
        return params

    def _build_run(self, layout: QVBoxLayout) -> None:
        run = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        run.addWidget(self.run_button)
        run.addWidget(self.cancel_button)
        run.addWidget(self.progress)
        layout.addLayout(run)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.add_folder_button.clicked.connect(self._browse_folder)
        self.add_files_button.clicked.connect(self._browse_files)
        self.remove_button.clicked.connect(self._remove_selected)
        self.clear_button.clicked.connect(self.clear_inputs)
        self.browse_output_button.clicked.connect(self._browse_output)
        self.run_button.clicked.connect(self.start_run)
        self.cancel_button.clicked.connect(self.cancel_run)
        self.output_folder.textChanged.connect(self._update_enabled)
        self.input_list.model().rowsInserted.connect(self._update_enabled)
        self.input_list.model().rowsRemoved.connect(self._update_enabled)
        self.input_list.model().rowsInserted.connect(self._years_from_inputs)

    # --- inputs ----------------------------------------------------------------------------------

    def inputs(self) -> list[str]:
        return [self.input_list.item(i).text() for i in range(self.input_list.count())]

    def add_inputs(self, paths) -> None:
        have = set(self.inputs())
        for p in paths:
            p = str(p)
            if p and p not in have:
                self.input_list.addItem(p)
                have.add(p)

    def _years_from_inputs(self, *_args) -> None:
        """First and last year of the inputs' acquisitions (packages: their STAC time; Level-1C products
        are skipped here, their masks are computed only when the statistics run)."""
        from ..core.cso_io import find_observations
        from ..core.errors import LstError

        years = []
        for path in self.inputs():
            try:
                years += [obs.day.year for obs in find_observations([path])]
            except (LstError, OSError):
                continue
        if years:
            self.start_year.setValue(min(years))
            self.end_year.setValue(max(years))

    def clear_inputs(self) -> None:
        self.input_list.clear()

    def _remove_selected(self) -> None:
        for item in self.input_list.selectedItems():
            self.input_list.takeItem(self.input_list.row(item))

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Delivery package or folder of packages"))
        if folder:
            self.add_inputs([folder])

    def _browse_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Level-1C products or package files"),
            "",
            self.tr("Products (*.zip *.tar *.geojson *.json *.txt *.tif);;All files (*)"),
        )
        self.add_inputs(files)

    def _browse_output(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Output folder"), self.output_folder.text())
        if folder:
            self.output_folder.setText(folder)

    def set_output_folder(self, path) -> None:
        self.output_folder.setText(str(path))

    def set_statistics(self, statistics) -> None:
        for s, item in self.stat_boxes.items():
            item.setCheckState(Qt.Checked if s in statistics else Qt.Unchecked)

    def statistics(self) -> list[str]:
        return [s for s, item in self.stat_boxes.items() if item.checkState() == Qt.Checked]

    # --- run -------------------------------------------------------------------------------------

    def parameters(self) -> dict:
        return {
            "INPUTS": self.inputs(),
            "START_YEAR": self.start_year.value(),
            "END_YEAR": self.end_year.value(),
            "MONTH_STEP": self.month_step.value(),
            "SENSOR": self.sensor.currentIndex(),
            "STATISTICS": [cso.STATISTICS.index(s) for s in self.statistics()],
            "FORMAT": self.format.currentIndex(),
            "OVERWRITE": True,
            "OUTPUT_FOLDER": self.output_folder.text().strip(),
        }

    def _check(self) -> str | None:
        if not self.inputs():
            return self.tr("Add delivery packages or Level-1C products first.")
        if not self.statistics():
            return self.tr("Choose at least one statistic.")
        if self.end_year.value() < self.start_year.value():
            return self.tr("The last year is before the first year.")
        if not self.output_folder.text().strip():
            return self.tr("Choose an output folder.")
        return None

    def start_run(self) -> bool:
        problem = self._check()
        if problem:
            self.message(problem, Qgis.Warning)
            return False
        if self.run is not None and self.run.is_running():
            return False
        title = self.tr("Clear-sky observation statistics")  # in the task manager
        self.run = launch(ALGORITHM_ID, self.parameters(), title, self.progress, self._run_done, parent=self)
        self.status.setText(self.tr("Running…"))
        self._set_running(True)
        return True

    def cancel_run(self) -> None:
        if self.run is not None:
            self.run.cancel()

    def is_running(self) -> bool:
        return self.run is not None and self.run.is_running()

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _run_done(self, ok: bool, results: dict, message: str) -> None:
        self._set_running(False)
        self._update_enabled()
        if not ok:
            from .core_text import translate_core
            from .log import log_details, short_message

            log_details(message)
            cancelled = self.run is not None and self.run.state is RunState.CANCELLED
            line = short_message(translate_core(message)) or self.tr("The clear-sky statistics failed.")
            self.message(line, Qgis.Warning if cancelled else Qgis.Critical)
            return
        self.progress.setValue(100)
        self.last_files = [str(f) for f in results.get("OUTPUT_FILES", [])]
        self.load_outputs(self.last_files)
        text = self.tr("{} files written to {} from {} observations.").format(
            len(self.last_files), results.get("OUTPUT_FOLDER", ""), int(results.get("OBSERVATIONS", 0))
        )
        self.status.setText(text)
        self.message(text, Qgis.Success)

    def load_outputs(self, files) -> list[QgsRasterLayer]:
        """Add the CSO files as styled layers in one group (NUM visible); returns the layers."""
        files = [str(f) for f in files]
        opened = []
        for f in files:
            layer = QgsRasterLayer(f, cso.statistic_of(f))
            if not layer.isValid():
                self.message(self.tr("Could not open {}").format(f), Qgis.Warning)
                continue
            opened.append(layer)
        if not opened:
            return []
        num = next((lyr for lyr in opened if cso.statistic_of(lyr.source()) == "NUM"), None)
        band = busiest_band(num) if num is not None else 1
        layers = []
        for layer in opened:
            statistic = cso.statistic_of(layer.source())
            style_cso_layer(layer, statistic, min(band, layer.bandCount()))
            # the bin's start date (the band description), not "Band 5: 20190101"
            bin_name = layer.dataProvider().generateBandName(min(band, layer.bandCount())).split(": ", 1)[-1]
            layer.setName(f"{statistic} · {bin_name}")
            layers.append(layer)
        project = QgsProject.instance()
        name = Path(files[0]).stem.rsplit("_", 1)[0]  # e.g. 2018-2019_03M_CSO-STATS_LNDLG
        group = project.layerTreeRoot().insertGroup(0, name)
        for layer in layers:
            project.addMapLayer(layer, False)
            node = group.addLayer(layer)
            node.setItemVisibilityChecked(cso.statistic_of(layer.source()) == "NUM" or len(layers) == 1)
        self.layers = layers
        return layers

    # --- helpers ---------------------------------------------------------------------------------

    def message(self, text: str, level=Qgis.Info) -> None:
        if self.iface is not None and hasattr(self.iface, "messageBar"):
            self.iface.messageBar().pushMessage(self.tr("Clear-sky observations"), text, level, 8)
        self.status.setText(text)

    def _update_enabled(self, *_args) -> None:
        running = self.is_running()
        self.run_button.setEnabled(
            not running and bool(self.inputs()) and bool(self.output_folder.text().strip())
        )
        self.cancel_button.setEnabled(running)

    def shutdown(self) -> None:
        """Cancel a running task (the dock calls this on unload)."""
        self.cancel_run()
