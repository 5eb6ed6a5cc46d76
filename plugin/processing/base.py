"""Shared plumbing of our Processing algorithms: feedback -> core Progress, LstError -> QgsProcessingException."""

from __future__ import annotations

import importlib

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import QCoreApplication

from ..core.errors import LstError, ProcessingCancelled, one_line
from ..core.progress import Progress

# The core modules the algorithms import in processAlgorithm, with numpy/scipy/scikit-image/GDAL's bindings
# behind them. Imported by ``prepareAlgorithm`` on the main thread, so that the first run's worker thread
# does not import them while another thread imports from the same packages: such an import can fail
# half-way ("partially initialized module"; a CLI batch did once). Not at plugin load: QGIS starts faster.
CORE_MODULES = (
    "pipeline",
    "aoi_masks",
    "cso_io",
    "geoverify",
    "batch",
    "delivery.package",
    "delivery.validate",
)


def load_core() -> None:
    for name in CORE_MODULES:
        importlib.import_module(f"..core.{name}", __package__)


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
        return ""  # no group: the algorithms sit directly under the provider (not "LST Studio › LST Studio")

    def groupId(self) -> str:
        return ""

    def helpUrl(self) -> str:
        from .provider import help_url

        return help_url(self.name())

    def createInstance(self):
        return type(self)()

    def prepareAlgorithm(self, parameters, context, feedback):
        """Main thread (QgsProcessingAlgRunnerTask prepares before it starts its worker thread): what the
        parameters name in the project (the AOI layer and its features, raster layers) is read here. Read
        from the worker thread while the GUI changed the project, it crashed QGIS (segfault in
        ``params.aoi_input`` in 3 of 10 runs of the QGIS tests). The core modules are imported here too
        (``load_core``). A failure is kept and raised by ``processAlgorithm``, so that it is reported as the
        run's error, not as a cancel."""
        try:
            load_core()
            self._prepared = (True, self.prepare_inputs(parameters, context))
        except Exception as exc:  # re-raised on the worker thread, through the one error path
            self._prepared = (False, exc)
        return True

    def prepare_inputs(self, parameters, context):
        """The inputs read from the project, on the main thread (see ``prepareAlgorithm``); None if none."""
        return None

    def prepared_inputs(self, parameters, context):
        """``prepare_inputs``' result, prepared on the main thread, or read now when the algorithm was
        not prepared (a direct ``processAlgorithm`` call)."""
        ok, value = self.__dict__.pop("_prepared", None) or (True, self.prepare_inputs(parameters, context))
        if not ok:
            raise value
        return value

    def processAlgorithm(self, parameters, context, feedback):
        progress = progress_from_feedback(feedback)
        try:
            return self.process(parameters, context, feedback, progress)
        except ProcessingCancelled as exc:
            raise QgsProcessingException(LstStudioProcessing.tr("Cancelled: nothing was written.")) from exc
        except LstError as exc:
            _log_traceback(self.name())
            raise QgsProcessingException(one_line(exc)) from exc
        except QgsProcessingException:
            raise
        except Exception as exc:  # a bug of ours: one line for the user, the traceback to the log
            _log_traceback(self.name())
            raise QgsProcessingException(
                LstStudioProcessing.tr("Internal error ({}): {} (details in the LST Studio log)").format(
                    type(exc).__name__, one_line(exc)
                )
            ) from exc

    def process(self, parameters, context, feedback, progress: Progress) -> dict:
        """The algorithm's work. Named so that it does not shadow QgsProcessingAlgorithm.run, which
        processing.run() calls."""
        raise NotImplementedError


def _log_traceback(algorithm: str) -> None:
    """The current exception's traceback in the QGIS message log (tab "LST Studio") and Python logging."""
    import logging
    import traceback

    text = traceback.format_exc()
    logging.getLogger("lst_studio").debug("%s failed:\n%s", algorithm, text)
    try:
        from qgis.core import Qgis, QgsMessageLog

        QgsMessageLog.logMessage(f"{algorithm} failed:\n{text}", "LST Studio", Qgis.Info)
    except Exception:
        pass
