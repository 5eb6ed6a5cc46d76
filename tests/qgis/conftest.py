"""Fixtures shared by the QGIS tests."""

import pytest
from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject, QgsRectangle

from lst_studio.plugin.processing.provider import LstStudioProvider


@pytest.fixture(scope="module")
def provider(qgis_processing):
    """Our Processing provider, registered for one test module and removed afterwards."""
    p = LstStudioProvider()
    QgsApplication.processingRegistry().addProvider(p)
    yield p
    QgsApplication.processingRegistry().removeProvider(p)


@pytest.fixture()
def dock(qgis_iface, qgis_new_project, qgis_canvas):
    """The LST Studio dock on an empty project, canvas in EPSG:4326 over the sample's area."""
    from lst_studio.plugin.gui.dock import LstStudioDock

    QgsProject.instance().clear()  # the stub's newProject keeps project entries (our stored AOI)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    qgis_canvas.setExtent(QgsRectangle(27.0, -27.0, 29.0, -25.0))
    d = LstStudioDock(qgis_iface, qgis_iface.mainWindow())
    yield d
    d.shutdown()
    d.deleteLater()


@pytest.fixture()
def german(qgis_iface):
    """The plugin loaded with the QGIS locale set to German (installs i18n/lst_studio_de.qm)."""
    from qgis.PyQt.QtCore import QCoreApplication, QSettings

    from lst_studio.plugin.main import LstStudioPlugin

    settings = QSettings()
    old = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    plugin = LstStudioPlugin(qgis_iface)
    yield plugin
    if plugin.translator is not None:
        QCoreApplication.removeTranslator(plugin.translator)
    settings.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
    settings.setValue("locale/userLocale", old[1] or "")
