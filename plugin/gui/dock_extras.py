"""Parts of the dock built in code: map display settings, run summary, pixel inspector, compact sizing.

Kept out of ``dock.py`` (which wires the Designer form) so each part stays short. Each ``add_*``
takes the dock, adds its widgets to a tab of the form and stores them as dock attributes.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.delivery.quicklook import LST_RANGE_DAY_K, LST_RANGE_NIGHT_K
from .styles import CELSIUS, KELVIN, to_unit
from .summary_view import HistogramWidget

DOCK_MIN_WIDTH = 300  # px: the dock fits beside the canvas on a 1000-px-wide screen
DOCK_MAX_MIN_WIDTH = 420  # px: the most the dock insists on (issue 19: it used to need 536 px)
COMBO_CHARS = 12  # combo boxes show this many characters and elide the rest (full text in the tooltip)


def add_display_settings(dock) -> None:
    """Settings tab: the LST unit and the project's fixed LST scale (default: the quicklook's range)."""
    box = QGroupBox(QCoreApplication.translate("LstStudioDock", "Map display"), dock.ui.tabSettings)
    form = QFormLayout(box)
    dock.comboUnit = QComboBox(box)
    dock.comboUnit.addItem(QCoreApplication.translate("LstStudioDock", "degrees Celsius (°C)"), CELSIUS)
    dock.comboUnit.addItem(QCoreApplication.translate("LstStudioDock", "kelvin (K)"), KELVIN)
    form.addRow(QCoreApplication.translate("LstStudioDock", "LST unit"), dock.comboUnit)
    dock.checkQuicklookScale = QCheckBox(QCoreApplication.translate("LstStudioDock", "Quicklook range"), box)
    dock.checkQuicklookScale.setToolTip(
        QCoreApplication.translate(
            "LstStudioDock",
            "The same colours as the package quicklook; untick to set one range for every run of the project.",
        )
    )
    form.addRow(dock.checkQuicklookScale)
    ranges = QLabel(
        QCoreApplication.translate("LstStudioDock", "Quicklook: day {}–{} K, night {}–{} K").format(
            *(int(v) for v in LST_RANGE_DAY_K + LST_RANGE_NIGHT_K)
        ),
        box,
    )
    ranges.setWordWrap(True)
    form.addRow(ranges)
    dock.spinScaleMin, dock.spinScaleMax = QDoubleSpinBox(box), QDoubleSpinBox(box)
    for spin in (dock.spinScaleMin, dock.spinScaleMax):
        spin.setRange(-273.0, 400.0)
        spin.setDecimals(1)
    form.addRow(QCoreApplication.translate("LstStudioDock", "LST scale from"), dock.spinScaleMin)
    form.addRow(QCoreApplication.translate("LstStudioDock", "LST scale to"), dock.spinScaleMax)
    dock.btnApplyDisplay = QPushButton(QCoreApplication.translate("LstStudioDock", "Apply to the map"), box)
    form.addRow(dock.btnApplyDisplay)
    layout = dock.ui.layoutSettings
    layout.insertWidget(layout.count() - 1, box)  # above the closing spacer
    dock.checkQuicklookScale.toggled.connect(lambda on: _scale_enabled(dock, on))
    dock.comboUnit.currentIndexChanged.connect(lambda _i: _unit_changed(dock))
    dock._shown_unit = CELSIUS


def _scale_enabled(dock, quicklook: bool) -> None:
    dock.spinScaleMin.setEnabled(not quicklook)
    dock.spinScaleMax.setEnabled(not quicklook)


def _unit_changed(dock) -> None:
    """Keep the scale's kelvin values when the unit of the spin boxes changes."""
    lo_k, hi_k = scale_k(dock, dock._shown_unit)
    dock._shown_unit = dock.comboUnit.currentData()
    set_scale(dock, lo_k, hi_k)


def set_display(dock, unit: str, lo_k: float, hi_k: float) -> None:
    dock.comboUnit.blockSignals(True)
    dock.comboUnit.setCurrentIndex(max(dock.comboUnit.findData(unit), 0))
    dock.comboUnit.blockSignals(False)
    dock._shown_unit = dock.comboUnit.currentData()
    quicklook = not hi_k > lo_k
    dock.checkQuicklookScale.setChecked(quicklook)
    _scale_enabled(dock, quicklook)
    set_scale(dock, *((lo_k, hi_k) if not quicklook else LST_RANGE_DAY_K))


def set_scale(dock, lo_k: float, hi_k: float) -> None:
    unit = dock.comboUnit.currentData()
    dock.spinScaleMin.setValue(to_unit(lo_k, unit))
    dock.spinScaleMax.setValue(to_unit(hi_k, unit))
    for spin in (dock.spinScaleMin, dock.spinScaleMax):
        spin.setSuffix(" " + unit)


def scale_k(dock, unit: str | None = None) -> tuple[float, float]:
    """The scale in the spin boxes in kelvin; (0, 0) when the quicklook range is chosen."""
    if dock.checkQuicklookScale.isChecked():
        return 0.0, 0.0
    unit = unit or dock.comboUnit.currentData()
    offset = 273.15 if unit == CELSIUS else 0.0
    return dock.spinScaleMin.value() + offset, dock.spinScaleMax.value() + offset


def add_summary_and_inspector(dock) -> None:
    """Run tab: the run summary (text and histogram) and the pixel inspector, below the run status."""
    layout = dock.ui.layoutRun
    at = layout.indexOf(dock.ui.labelRunStatus) + 1
    summary = QGroupBox(QCoreApplication.translate("LstStudioDock", "Run summary"), dock.ui.tabRun)
    box = QVBoxLayout(summary)
    dock.labelSummary = QLabel(
        QCoreApplication.translate("LstStudioDock", "Run LST or load a result to see its summary."), summary
    )
    dock.labelSummary.setWordWrap(True)
    dock.labelSummary.setTextInteractionFlags(Qt.TextSelectableByMouse)
    dock.histogram = HistogramWidget(summary)
    box.addWidget(dock.labelSummary)
    box.addWidget(dock.histogram)
    layout.insertWidget(at, summary)
    inspector = QGroupBox(QCoreApplication.translate("LstStudioDock", "Pixel inspector"), dock.ui.tabRun)
    box = QVBoxLayout(inspector)
    dock.btnInspect = QPushButton(
        QCoreApplication.translate("LstStudioDock", "Inspect pixels on the map"), inspector
    )
    dock.btnInspect.setCheckable(True)
    dock.btnInspect.setEnabled(False)
    dock.btnInspect.setToolTip(
        QCoreApplication.translate(
            "LstStudioDock", "Click a pixel of the current result: every layer's value, decoded."
        )
    )
    dock.tableInspector = QTableWidget(0, 2, inspector)
    dock.tableInspector.setEditTriggers(QTableWidget.NoEditTriggers)
    dock.tableInspector.setMinimumHeight(220)
    from .inspector import fill_table

    fill_table(dock.tableInspector, [])  # the column titles before the first click
    box.addWidget(dock.btnInspect)
    box.addWidget(dock.tableInspector)
    layout.insertWidget(at + 1, inspector)


def make_compact(dock) -> None:
    """Fit a narrow dock: tabs scroll instead of eliding, long combos elide, the form scrolls."""
    tabs = dock.ui.tabs
    tabs.setUsesScrollButtons(True)
    tabs.setElideMode(Qt.ElideNone)
    tabs.tabBar().setExpanding(False)
    for combo in dock.contents.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARS)
        for i in range(combo.count()):
            combo.setItemData(i, combo.itemText(i), Qt.ToolTipRole)
    for label in dock.contents.findChildren(QLabel):
        if label.wordWrap() or label.objectName() in (
            "labelRunStatus",
            "labelExportStatus",
            "labelAoiStatus",
        ):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
    for area in dock.contents.findChildren(QAbstractScrollArea):
        area.setMinimumWidth(0)
    for form in dock.contents.findChildren(QFormLayout):
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)  # label above its field when the dock is narrow
    for spin in dock.contents.findChildren(QDoubleSpinBox):
        spin.setMinimumWidth(60)
        spin.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
    for i in range(tabs.count()):
        page = tabs.widget(i)
        page.setMinimumWidth(0)
    draw = dock.ui.gridDraw  # the four AOI buttons one below the other
    buttons = [draw.itemAt(i).widget() for i in range(draw.count()) if draw.itemAt(i).widget() is not None]
    for row, button in enumerate(buttons):
        draw.removeWidget(button)
        draw.addWidget(button, row, 0)
    grid = dock.ui.gridBbox  # "Apply" across the four columns, not widening the first one
    grid.removeWidget(dock.ui.btnApplyBbox)
    grid.addWidget(dock.ui.btnApplyBbox, grid.rowCount(), 0, 1, 4)
    for widget in dock.contents.findChildren(QWidget):
        widget.updateGeometry()  # the layouts cached sizes from before the changes above
    for layout in dock.contents.findChildren(QLayout):
        layout.invalidate()
    scroll = QScrollArea(dock)
    scroll.setFrameShape(QFrame.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
    scroll.setWidget(dock.contents)
    dock.setWidget(scroll)
    # Wide enough that no page is cut sideways (German labels are longer), never wider than DOCK_MAX_MIN_WIDTH;
    # the height scrolls.
    needed = dock.contents.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4
    dock.setMinimumWidth(max(DOCK_MIN_WIDTH, min(needed, DOCK_MAX_MIN_WIDTH)))


def result_crs(files) -> str:
    """The CRS (WKT) of a result's rasters, for the pixel inspector."""
    import rasterio

    path = files.rasters.get("LST") or next(iter(files.rasters.values()))
    with rasterio.open(path) as src:
        return src.crs.to_wkt() if src.crs else ""


def show_run_summary(dock, files) -> None:
    """Fill the Run tab's summary from the result's metadata and a clear-sky histogram (core.run_summary)."""
    from ..core import run_summary
    from ..core.errors import LstError
    from .layers import result_facts
    from .lst_display import lst_scale
    from .summary_view import summary_lines

    meta = files.metadata if isinstance(files.metadata, dict) else {}
    if "scene" not in meta:  # a package: the STAC item's properties hold the same facts
        meta = _metadata_from_stac(meta)
    unit = dock.comboUnit.currentData()
    lo_k, hi_k = lst_scale(result_facts(files)[2])
    try:
        summary = run_summary.summarize(
            meta, files.rasters.get("LST"), files.rasters.get("CLOUD_MASK"), lo_k, hi_k
        )
    except LstError as exc:
        summary = run_summary.from_metadata(meta)
        summary.warnings.append(str(exc))
    dock.run_summary = summary
    dock.labelSummary.setText("\n".join(summary_lines(summary, unit)))
    dock.histogram.set_data(summary.hist_edges_k, summary.hist_counts, unit)


def _metadata_from_stac(item: dict) -> dict:
    """The run-summary fields of a package's STAC item in the shape of result.json's metadata."""
    p = item.get("properties") or {}
    return {
        "scene": {
            "product_id": item.get("id", ""),
            "acquisition_datetime": p.get("datetime"),
            "is_day": p.get("lst:day_flag"),
        },
        "aoi": {"id": p.get("lst:area_of_interest_id", "")},
        "lst_stats": {
            "min": p.get("lst:min_lst"),
            "median": p.get("lst:median_lst"),
            "max": p.get("lst:max_lst"),
        },
        "masks": {"percentages": {"cloud": p.get("lst:cloud_ratio_aoi")}},
        "algorithm": p.get("lst:algorithm") if isinstance(p.get("lst:algorithm"), dict) else {},
        "atmosphere": {"source": p.get("lst:atm_source", "")},
        "warnings": p.get("lst:warnings") or [],
    }


def summary_message(dock) -> str:
    from .summary_view import message_bar_text

    if dock.run_summary is None:
        return ""
    return message_bar_text(dock.run_summary, dock.comboUnit.currentData())


def restyle_lst_layers(dock) -> int:
    """Re-apply the project's LST scale to every LST layer of the project (each in its own unit)."""
    from qgis.core import QgsProject

    from .lst_display import lst_scale
    from .styles import style_layer

    count = 0
    for layer in QgsProject.instance().mapLayers().values():
        if layer.customProperty("lst_studio/type") != "LST":
            continue
        is_day = layer.customProperty("lst_studio/is_day")
        day = None if is_day in (None, "") else str(is_day).lower() in ("1", "true")
        style_layer(layer, "LST", scale_k=lst_scale(day))
        count += 1
    return count
