"""Shared plumbing of our Processing algorithms: feedback -> core Progress, LstError -> QgsProcessingException."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import QCoreApplication

from ..core.errors import LstError, ProcessingCancelled
from ..core.progress import Progress


def progress_from_feedback(feedback: QgsProcessingFeedback | None) -> Progress:
    if feedback is None:
        return Progress()
    return Progress(feedback.setProgress, feedback.isCanceled)


class LstAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses implement ``run(parameters, context, feedback, progress)``."""

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def group(self) -> str:
        return self.tr("LST Studio")

    def groupId(self) -> str:
        return "lststudio"

    def createInstance(self):
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):
        progress = progress_from_feedback(feedback)
        try:
            return self.run(parameters, context, feedback, progress)
        except ProcessingCancelled as exc:
            raise QgsProcessingException(self.tr("Cancelled: nothing was written.")) from exc
        except LstError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def run(self, parameters, context, feedback, progress: Progress) -> dict:
        raise NotImplementedError
