"""The plugin loads and unloads cleanly in QGIS, with and without an iface."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

import lst_studio


def _provider():
    return QgsApplication.processingRegistry().providerById("lststudio")


@pytest.fixture
def plugin(qgis_iface):
    plugin = lst_studio.classFactory(qgis_iface)
    yield plugin
    plugin.unload()  # idempotent: a second unload after the test's own is harmless


def test_plugin_loads_and_unloads_with_iface(plugin, qgis_iface):
    assert _provider() is None
    plugin.initProcessing()
    plugin.initGui()
    provider = _provider()
    assert provider is not None
    assert provider.name() == "LST Studio"
    ids = {alg.id() for alg in provider.algorithms()}
    assert "lststudio:producelst" in ids
    assert plugin.action is not None
    assert plugin.action.text() == "LST Studio"

    plugin.unload()
    assert _provider() is None
    assert plugin.action is None
    assert plugin.dock is None


def test_dock_opens_from_the_action_and_goes_on_unload(plugin, qgis_iface):
    plugin.initProcessing()
    plugin.initGui()
    plugin.action.trigger()
    assert plugin.dock is not None
    assert not plugin.dock.isHidden()
    assert plugin.action.isChecked()
    plugin.action.trigger()  # the same button hides it again
    assert plugin.dock.isHidden()
    plugin.unload()
    assert plugin.dock is None
    assert _provider() is None


def test_class_factory_without_iface_registers_only_the_provider():
    plugin = lst_studio.classFactory(None)
    plugin.initProcessing()
    plugin.initGui()  # what qgis_process does: no iface, no GUI, no error
    try:
        assert _provider() is not None
        assert plugin.action is None
    finally:
        plugin.unload()
    assert _provider() is None
