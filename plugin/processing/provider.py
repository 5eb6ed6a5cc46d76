"""The LST Studio Processing provider (id ``lststudio``). Algorithms are thin: parameters -> core."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "lst_studio.svg"
README = Path(__file__).resolve().parents[2] / "README.md"
# The README section that documents each algorithm (GitHub-style heading anchors).
HELP_ANCHORS = {
    "producelst": "atmosphere-and-algorithm-choice",
    "masks": "optional-ancillary-inputs",
    "geoverify": "what-a-delivery-package-holds",
    "cso": "lst-studio",
    "exportpackage": "what-a-delivery-package-holds",
    "producepackage": "what-a-delivery-package-holds",
}


def help_url(algorithm_name: str) -> str:
    """The installed README (works offline, matches the installed version) at the algorithm's section."""
    from qgis.PyQt.QtCore import QUrl

    url = QUrl.fromLocalFile(str(README))
    url.setFragment(HELP_ANCHORS.get(algorithm_name, "lst-studio"))
    return url.toString()


def algorithm_classes() -> list[type]:
    """Every algorithm the provider offers, in toolbox order. One import per algorithm module."""
    from .alg_batch import BatchPackagesAlgorithm
    from .alg_cso import CsoAlgorithm
    from .alg_export_package import ExportPackageAlgorithm
    from .alg_geoverify import GeoverifyAlgorithm
    from .alg_masks import MasksAlgorithm
    from .alg_produce_lst import ProduceLstAlgorithm
    from .alg_produce_package import ProducePackageAlgorithm

    return [
        ProduceLstAlgorithm,
        MasksAlgorithm,
        GeoverifyAlgorithm,
        CsoAlgorithm,
        ExportPackageAlgorithm,
        ProducePackageAlgorithm,
        BatchPackagesAlgorithm,
    ]


class LstStudioProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "lststudio"

    def name(self) -> str:
        return "LST Studio"

    def longName(self) -> str:
        return "LST Studio: land surface temperature"

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def loadAlgorithms(self) -> None:
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
