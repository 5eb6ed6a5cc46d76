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

    def __init_subclass__(cls, **kwargs):
        # A subclass's ``run(parameters, context, feedback, progress)`` shadows QgsProcessingAlgorithm.run
        # (parameters, context, feedback, configuration={}, catch_exceptions=True), which processing.run()
        # calls from Python. Keep the subclass's hook as ``run_core`` and let ``run`` serve both callers.
        super().__init_subclass__(**kwargs)
        hook = cls.__dict__.get("run")
        if hook is not None and hook is not _dispatch_run:
            cls.run_core = hook
            cls.run = _dispatch_run

    def processAlgorithm(self, parameters, context, feedback):
        progress = progress_from_feedback(feedback)
        try:
            return self.run_core(parameters, context, feedback, progress)
        except ProcessingCancelled as exc:
            raise QgsProcessingException(self.tr("Cancelled: nothing was written.")) from exc
        except LstError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def run_core(self, parameters, context, feedback, progress: Progress) -> dict:
        raise NotImplementedError


def _dispatch_run(self, *args, **kwargs):
    """``run(parameters, context, feedback, progress)``: the subclass's work; any other call: QGIS's run."""
    if len(args) == 4 and not kwargs and isinstance(args[3], Progress):
        return self.run_core(*args)
    return QgsProcessingAlgorithm.run(self, *args, **kwargs)
