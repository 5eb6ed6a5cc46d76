"""Fixtures shared by the QGIS tests."""

import pytest
from qgis.core import QgsApplication

from lst_studio.plugin.processing.provider import LstStudioProvider


@pytest.fixture(scope="module")
def provider(qgis_processing):
    """Our Processing provider, registered for one test module and removed afterwards."""
    p = LstStudioProvider()
    QgsApplication.processingRegistry().addProvider(p)
    yield p
    QgsApplication.processingRegistry().removeProvider(p)
