"""The plugin loads and unloads cleanly in QGIS, with and without an iface."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

import lst_studio


def _provider():
    return QgsApplication.processingRegistry().providerById("lststudio")


class MenuRecorder:
    """pytest-qgis's stub iface lacks the Raster-menu and dock-removal calls: record them instead."""

    def __init__(self):
        self.raster_menu: list[tuple[str, object]] = []
        self.removed_docks: list[object] = []

    def addPluginToRasterMenu(self, name, action):
        self.raster_menu.append((name, action))

    def removePluginRasterMenu(self, name, action):
        self.raster_menu.remove((name, action))

    def removeDockWidget(self, dock):
        self.removed_docks.append(dock)


@pytest.fixture
def menus(qgis_iface, monkeypatch):
    recorder = MenuRecorder()
    for name in ("addPluginToRasterMenu", "removePluginRasterMenu", "removeDockWidget"):
        monkeypatch.setattr(qgis_iface, name, getattr(recorder, name), raising=False)
    return recorder


@pytest.fixture
def plugin(qgis_iface, menus):
    plugin = lst_studio.classFactory(qgis_iface)
    yield plugin
    plugin.unload()  # idempotent: a second unload after the test's own is harmless


def test_plugin_loads_and_unloads_with_iface(plugin, qgis_iface, menus):
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
    assert [name for name, _ in menus.raster_menu] == ["&LST Studio"]

    plugin.unload()
    assert menus.raster_menu == []
    assert _provider() is None
    assert plugin.action is None
    assert plugin.dock is None


def test_dock_opens_from_the_action_and_goes_on_unload(plugin, qgis_iface, menus):
    plugin.initProcessing()
    plugin.initGui()
    plugin.action.trigger()
    assert plugin.dock is not None
    assert not plugin.dock.isHidden()
    assert plugin.action.isChecked()
    plugin.action.trigger()  # the same button hides it again
    assert plugin.dock.isHidden()
    dock = plugin.dock
    plugin.unload()
    assert menus.removed_docks == [dock]
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
