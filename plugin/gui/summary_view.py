"""The run summary in the dock: statistics text in the displayed unit and a small clear-sky histogram.

The figures come from ``core.run_summary``; this module only formats them (numbers in the user's
locale, so German shows a decimal comma) and paints the histogram with QPainter (no plotting
library). The bars take the LST ramp's colours at their temperature, so the histogram reads like
the map legend.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QPainter
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ..core.run_summary import RunSummary
from .core_text import translate_core
from .styles import CELSIUS, lst_colour_ramp, to_unit


def number(value: float, digits: int = 1) -> str:
    """``value`` with the decimal separator of the user's locale."""
    return QLocale().toString(float(value), "f", digits)


def summary_lines(s: RunSummary, unit: str = CELSIUS) -> list[str]:
    """Plain-text lines: clear-sky min/median/max, cloud %, algorithm, atmosphere, warnings."""
    lines = []
    stats = (s.lst_min_k, s.lst_median_k, s.lst_max_k)
    if all(isinstance(v, (int, float)) for v in stats):
        lo, med, hi = (number(to_unit(v, unit)) for v in stats)
        lines.append(
            QCoreApplication.translate(
                "summary", "Clear-sky LST: min {} {u}, median {} {u}, max {} {u}"
            ).format(lo, med, hi, u=unit)
        )
    else:
        lines.append(QCoreApplication.translate("summary", "Clear-sky LST: no clear pixel"))
    if s.cloud_percent is not None:
        lines.append(
            QCoreApplication.translate("summary", "Cloud cover: {} %").format(number(s.cloud_percent))
        )
    if s.algorithm:
        lines.append(QCoreApplication.translate("summary", "Algorithm: {}").format(s.algorithm))
    if s.atmosphere:
        lines.append(
            QCoreApplication.translate("summary", "Atmosphere: {}").format(translate_core(s.atmosphere))
        )
    for w in s.warnings:
        lines.append(QCoreApplication.translate("summary", "Warning: {}").format(translate_core(w)))
    return lines


def message_bar_text(s: RunSummary, unit: str = CELSIUS) -> str:
    """One line for the message bar: the statistics, the cloud share and the number of warnings."""
    parts = summary_lines(s, unit)[:2]
    if s.warnings:
        parts.append(
            QCoreApplication.translate("summary", "{} warning(s), see the Run tab").format(len(s.warnings))
        )
    return "; ".join(parts)


class HistogramWidget(QWidget):
    """Bars of ``counts`` between ``edges`` (kelvin), labelled at both ends in the displayed unit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edges: list[float] = []
        self.counts: list[int] = []
        self.unit = CELSIUS
        self._ramp = lst_colour_ramp()
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumHeight(90)
        self.setToolTip(
            QCoreApplication.translate("summary", "Clear-sky LST histogram (cloud pixels left out)")
        )

    def sizeHint(self) -> QSize:
        return QSize(240, 90)

    def set_data(self, edges_k: list[float], counts: list[int], unit: str = CELSIUS) -> None:
        self.edges, self.counts, self.unit = list(edges_k), list(counts), unit
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -18)  # room for the axis labels
        painter.fillRect(self.rect(), self.palette().base())
        if not self.counts or max(self.counts) == 0:
            painter.drawText(
                rect, Qt.AlignCenter, QCoreApplication.translate("summary", "No clear-sky pixels")
            )
            return
        top = max(self.counts)
        width = rect.width() / len(self.counts)
        for i, count in enumerate(self.counts):
            h = rect.height() * count / top
            colour = self._ramp.color((i + 0.5) / len(self.counts))
            painter.fillRect(QRectF(rect.left() + i * width, rect.bottom() - h, max(width - 1, 1), h), colour)
        painter.setPen(QColor(self.palette().text().color()))
        lo, hi = (number(to_unit(v, self.unit), 0) + " " + self.unit for v in (self.edges[0], self.edges[-1]))
        label_rect = QRectF(rect.left(), rect.bottom() + 2, rect.width(), 16)
        painter.drawText(label_rect, Qt.AlignLeft | Qt.AlignVCenter, lo)
        painter.drawText(label_rect, Qt.AlignRight | Qt.AlignVCenter, hi)
