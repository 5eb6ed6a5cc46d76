"""LST Studio: land surface temperature from Level-1C thermal products, as a QGIS plugin.

QGIS imports this folder as a package named after the folder and calls classFactory(iface).
Nothing here may import qgis at module level: the core is used headless and in tests without QGIS.
"""

import sys
from pathlib import Path

# The release zip vendors pure-Python dependencies QGIS does not ship (pystac) here. Appended, not
# prepended, so a pystac installed in the user's Python always wins.
_EXT_LIBS = Path(__file__).resolve().parent / "ext_libs"
if _EXT_LIBS.is_dir() and str(_EXT_LIBS) not in sys.path:
    sys.path.append(str(_EXT_LIBS))


def classFactory(iface):
    from .plugin.main import LstStudioPlugin

    return LstStudioPlugin(iface)
