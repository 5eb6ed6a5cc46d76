"""Run a Processing algorithm in the QGIS task manager and hear back on the main thread.

QgsProcessingAlgRunnerTask does the threading (an entry in the task manager, cancel through its
feedback); this wrapper keeps context and feedback alive for the task's lifetime, collects the
algorithm's error messages, and emits one ``done(ok, results, message)`` on the main thread, where
the dock may then touch layers and widgets.
"""

from __future__ import annotations

import contextlib
import enum

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsTask,
)
from qgis.PyQt.QtCore import QCoreApplication, QObject, QTimer, pyqtSignal


class CollectingFeedback(QgsProcessingFeedback):
    """Feedback that keeps the error messages (reportError runs in the worker thread: data only)."""

    def __init__(self):
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, error, fatalError=False):
        self.errors.append(str(error))
        super().reportError(error, fatalError)


class RunState(enum.Enum):
    """How a background run ended (or that it has not yet)."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


# Runs whose task has not reported back yet. The task uses our context and feedback until its
# finished() (postProcess) on the main thread, so they must outlive the dock that started it.
_LIVE_RUNS: set[AlgorithmRun] = set()


class AlgorithmRun(QObject):
    """One background run of ``algorithm_id`` with ``parameters`` (kept alive until it reports back)."""

    progress = pyqtSignal(float)
    done = pyqtSignal(bool, dict, str)

    def __init__(self, algorithm_id: str, parameters: dict, description: str, parent=None):
        super().__init__(parent)
        self.algorithm_id = algorithm_id
        self.parameters = dict(parameters)
        self.description = description
        self.task: QgsProcessingAlgRunnerTask | None = None
        self.context: QgsProcessingContext | None = None
        self.feedback: CollectingFeedback | None = None
        self.finished = False
        self.state = RunState.PENDING

    @property
    def cancelled(self) -> bool:
        return self.state is RunState.CANCELLED

    def start(self) -> None:
        algorithm = QgsApplication.processingRegistry().algorithmById(self.algorithm_id)
        if algorithm is None:
            message = QCoreApplication.translate(
                "tasks", "The Processing algorithm {} is not available; is the LST Studio provider loaded?"
            ).format(self.algorithm_id)
            self.finished = True
            self.state = RunState.FAILED
            # Reported from the event loop like every other end, so a caller that keeps the run
            # (``self.run = launch(...)``) and shows it running has done so before it hears back.
            QTimer.singleShot(0, lambda: self.done.emit(False, {}, message))
            return
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = CollectingFeedback()
        self.feedback.progressChanged.connect(self.progress.emit)
        self.task = QgsProcessingAlgRunnerTask(algorithm, self.parameters, self.context, self.feedback)
        self.task.setDescription(self.description)
        self.task.executed.connect(self._executed)
        _LIVE_RUNS.add(self)
        QgsApplication.taskManager().addTask(self.task)

    def cancel(self) -> None:
        if self.task is not None and not self.finished:
            self.task.cancel()  # cancels the feedback; the algorithm stops at its next check

    def is_running(self) -> bool:
        return self.task is not None and not self.finished

    def _executed(self, ok: bool, results: dict) -> None:
        self.finished = True
        cancelled = self.feedback is not None and self.feedback.isCanceled()
        if cancelled:
            message = QCoreApplication.translate("tasks", "Cancelled: nothing was loaded.")
            ok = False
            self.state = RunState.CANCELLED
        elif ok:
            # Non-fatal reports of a successful run are warnings worth showing (e.g. a default used).
            message = "\n".join(self.feedback.errors) if self.feedback else ""
        else:
            errors = self.feedback.errors if self.feedback else []
            message = errors[-1] if errors else QCoreApplication.translate("tasks", "The algorithm failed.")
        if self.state is RunState.PENDING:
            self.state = RunState.SUCCEEDED if ok else RunState.FAILED
        self.task = None
        try:
            self.done.emit(bool(ok), dict(results or {}), message)
        finally:
            _LIVE_RUNS.discard(self)

    def detach(self) -> None:
        """Forget every listener (the dock is going away); the run still cancels and cleans up."""
        for signal in (self.progress, self.done):
            with contextlib.suppress(TypeError):  # nothing connected
                signal.disconnect()


def launch(
    algorithm_id: str, parameters: dict, description: str, progress_bar, done, parent=None
) -> AlgorithmRun:
    """Start one background run of a Processing algorithm: its progress shown in ``progress_bar`` (reset
    to 0), ``done(ok, results, message)`` called on the main thread when it ends; returns the run (keep
    it: cancel, state). The one start sequence of the dock's Run and Export tabs and the CSO tab."""
    run = AlgorithmRun(algorithm_id, parameters, description, parent)
    run.progress.connect(lambda p: progress_bar.setValue(int(p)))
    run.done.connect(done)
    progress_bar.setValue(0)
    run.start()
    return run


class ProductOpening(QObject):
    """Read a product's summary and tiepoints in a QgsTask; ``done(ok, message)`` on the main thread.

    Opening a Landsat ``.tar`` unpacks about 1 GB: that must never freeze the GUI. The worker only
    builds plain data (``summary``, ``tiepoints``); the dock shows it in the ``done`` handler.
    """

    done = pyqtSignal(bool, str)

    def __init__(self, path: str, description: str, parent=None):
        super().__init__(parent)
        self.path = path
        self.summary = None
        self.tiepoints: list = []
        self.state = RunState.PENDING
        self.task: QgsTask | None = None
        self._error = ""

    def start(self) -> None:
        self.task = QgsTask.fromFunction(self.path, self._work, on_finished=self._finished)
        _LIVE_OPENINGS.add(self)
        QgsApplication.taskManager().addTask(self.task)

    def _work(self, task: QgsTask):
        """Worker thread: core only, no widgets, no project."""
        from ..core.errors import LstError
        from ..core.products import open_product, summarize

        try:
            scene = open_product(self.path)
            try:
                return summarize(scene), list(getattr(scene, "tiepoints", []) or [])
            finally:
                scene.close()
        except LstError as exc:
            return exc

    def _finished(self, exception, value=None) -> None:
        try:
            if isinstance(value, Exception):
                self.state, message = RunState.FAILED, str(value)
            elif exception is not None or value is None:
                cancelled = self.task is not None and self.task.isCanceled()
                self.state = RunState.CANCELLED if cancelled else RunState.FAILED
                message = QCoreApplication.translate("tasks", "Opening the product failed: {}").format(
                    exception or QCoreApplication.translate("tasks", "cancelled")
                )
            else:
                self.state, message = RunState.SUCCEEDED, ""
                self.summary, self.tiepoints = value
            self.task = None
            self.done.emit(self.state is RunState.SUCCEEDED, message)
        finally:
            _LIVE_OPENINGS.discard(self)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def is_running(self) -> bool:
        return self.state is RunState.PENDING and self.task is not None


_LIVE_OPENINGS: set[ProductOpening] = set()
