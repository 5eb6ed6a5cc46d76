"""LST Studio: land surface temperature from Level-1C thermal products, as a QGIS plugin.

QGIS imports this folder as a package named after the folder and calls classFactory(iface).
Nothing here may import qgis at module level: the core is used headless and in tests without QGIS.
"""


def classFactory(iface):
    from .plugin.main import LstStudioPlugin

    return LstStudioPlugin(iface)
