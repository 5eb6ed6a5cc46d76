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


class LstStudioProcessing:
    """The one translation context of every Processing string (i18n/lst_studio_<lang>.ts).

    Write each translatable string as ``LstStudioProcessing.tr("literal")``, and a string kept in a
    constant as ``LstStudioProcessing.QT_TR_NOOP("literal")`` (translated where it is used, with
    ``LstStudioProcessing.tr(constant)``). pylupdate5 files a qualified ``X.tr("…")`` or
    ``X.QT_TR_NOOP("…")`` under the context X, and ``tr`` translates in that same context at run time.
    ``self.tr("…")`` would be filed under the class it is written in (the base class for inherited
    methods) and ``tr = self.tr; tr("…")`` under "@default": neither is the context used at run time.
    """

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("LstStudioProcessing", text)

    @staticmethod
    def QT_TR_NOOP(text: str) -> str:
        """Marks a constant for pylupdate5; returns it untranslated (translate it when it is used)."""
        return text


class LstAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses implement ``process(parameters, context, feedback, progress)``."""

    def tr(self, text: str) -> str:
        """Translation in the Processing context (for strings held in variables; see LstStudioProcessing)."""
        return LstStudioProcessing.tr(text)

    def group(self) -> str:
        return LstStudioProcessing.tr("LST Studio")

    def groupId(self) -> str:
        return "lststudio"

    def createInstance(self):
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):
        progress = progress_from_feedback(feedback)
        try:
            return self.process(parameters, context, feedback, progress)
        except ProcessingCancelled as exc:
            raise QgsProcessingException(LstStudioProcessing.tr("Cancelled: nothing was written.")) from exc
        except LstError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def process(self, parameters, context, feedback, progress: Progress) -> dict:
        """The algorithm's work. Named so that it does not shadow QgsProcessingAlgorithm.run, which
        processing.run() calls."""
        raise NotImplementedError
