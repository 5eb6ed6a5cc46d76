"""Issue 19 (c): the GUI in small modules named after what they hold, functions that fit on a screen."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_function_length import MAX_LINES, long_functions

GUI = Path(__file__).resolve().parents[2] / "plugin" / "gui"


def test_no_gui_function_is_longer_than_a_screen():
    assert long_functions(GUI, MAX_LINES) == {}


def test_the_dock_is_split_by_what_it_holds():
    from lst_studio.plugin.gui.dock import LstStudioDock

    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in GUI.glob("dock*.py")}
    assert max(sizes.values()) <= 350, sizes
    names = ("set_aoi", "open_input", "start_run", "load_results", "start_export", "shutdown")
    owners = {name: getattr(LstStudioDock, name).__module__.rsplit(".", 1)[-1] for name in names}
    assert owners["set_aoi"] == "dock_aoi" and owners["open_input"] == "dock_product"
    assert owners["start_run"] == "dock_run" and owners["load_results"] == "dock_results"
    assert owners["start_export"] == "dock_export" and owners["shutdown"] == "dock"
