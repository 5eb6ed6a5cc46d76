"""Waiting for background work (QgsTask, Processing tasks) while keeping the Qt event loop running."""

import time

from qgis.PyQt.QtCore import QCoreApplication


def wait_for(predicate, timeout: float = 120.0) -> bool:
    """Process events until ``predicate()`` is true; False when ``timeout`` seconds pass first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False
