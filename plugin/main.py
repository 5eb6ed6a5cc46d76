"""The QGIS plugin class: Processing provider, toolbar button, Raster-menu entry and the dock.

Works with ``iface=None`` (qgis_process, headless Python): then only the Processing provider is set up.
"""

from __future__ import annotations

import logging
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .gui import log as plugin_log
from .processing.provider import LstStudioProvider

PLUGIN_DIR = Path(__file__).resolve().parents[1]
ICON = PLUGIN_DIR / "resources" / "icons" / "lst_studio.svg"
MENU = "&LST Studio"

log = logging.getLogger(__name__)


def user_locale() -> str:
    """Two-letter language of the QGIS user interface ("en" when QGIS says nothing)."""
    override = QSettings().value("locale/overrideFlag", False, type=bool)
    name = QSettings().value("locale/userLocale", "", type=str) if override else QLocale().name()
    return (name or "en")[:2]


class LstStudioPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider: LstStudioProvider | None = None
        self.action: QAction | None = None
        self.dock = None
        self.translator: QTranslator | None = None
        self._install_translator()
        # stdlib logging of every plugin module -> QGIS message log; removed again in unload()
        self.log_handler: plugin_log.MessageLogHandler | None = plugin_log.install()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("LstStudioPlugin", text)

    def _install_translator(self) -> None:
        qm = PLUGIN_DIR / "i18n" / f"lst_studio_{user_locale()}.qm"
        if qm.is_file():
            translator = QTranslator()
            if translator.load(str(qm)):
                QCoreApplication.installTranslator(translator)
                self.translator = translator

    def initProcessing(self) -> None:
        if self.provider is None:
            self.provider = LstStudioProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.initProcessing()
        if self.iface is None:
            return
        self.action = QAction(QIcon(str(ICON)), self.tr("LST Studio"), self.iface.mainWindow())
        self.action.setObjectName("lstStudioAction")
        self.action.setToolTip(self.tr("Open the LST Studio panel"))
        self.action.setCheckable(True)
        self.action.triggered.connect(self.toggle_dock)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToRasterMenu(MENU, self.action)

    def toggle_dock(self, checked: bool = True) -> None:
        if self.dock is None:
            from .gui.dock import LstStudioDock

            self.dock = LstStudioDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(self.dock.default_area(), self.dock)
            self.dock.visibilityChanged.connect(self._sync_action)
        self.dock.setVisible(bool(checked))

    def _sync_action(self, visible: bool) -> None:
        if self.action is not None:
            self.action.setChecked(visible)

    def unload(self) -> None:
        if self.dock is not None:
            self.dock.shutdown()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.action is not None:
            self.iface.removePluginRasterMenu(MENU, self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.deleteLater()
            self.action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        plugin_log.remove(self.log_handler)
        self.log_handler = None
