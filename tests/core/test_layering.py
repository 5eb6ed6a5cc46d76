"""The import contract (issue 14, ARCHITECTURE.md "Layers"):

- plugin/core imports no qgis or Qt, and nothing of plugin/gui, plugin/processing or plugin/main: the core is
  used headless and in tests without QGIS;
- plugin/processing imports nothing of plugin/gui (qgis_process has no GUI);
- Processing and the GUI only translate parameters and show results: they import no array or image
  computation library (numpy, scipy, scikit-image, dask, rasterio, GDAL), except the few display helpers
  listed in DISPLAY_ONLY with their reason. Every computation lives once, in core.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "plugin" / "core"
FORBIDDEN = ("qgis", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip")
COMPUTE = ("numpy", "scipy", "skimage", "dask", "rasterio", "osgeo")
# (module, library): why a GUI module may use it
DISPLAY_ONLY = {
    ("plugin/gui/styles.py", "numpy"): "percentile colour stretch of a decimated read for the map display",
    ("plugin/gui/styles.py", "osgeo"): "reads the decimated display sample and writes QML test rasters",
    ("plugin/gui/lst_display.py", "osgeo"): "builds the VRT that shows LST in the project's unit",
    ("plugin/gui/make_styles.py", "osgeo"): "developer tool: tiny rasters to render the QML styles from",
    ("plugin/gui/dock_extras.py", "rasterio"): "reads the LST histogram sample shown in the dock",
}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_sources_import_no_qgis_or_qt():
    offenders = {}
    files = sorted(CORE.rglob("*.py"))
    assert files, "plugin/core has no Python files"
    for path in files:
        bad = _imported_roots(path) & set(FORBIDDEN)
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_core_imports_in_a_fresh_interpreter_without_loading_qgis():
    """Import every core module in a clean process and check that no qgis/Qt module got loaded."""
    modules = []
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append("lst_studio." + ".".join(parts))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        f"bad = sorted(k for k in sys.modules if k.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    alias = str(ROOT / "tools" / "plugin_alias.py")
    out = subprocess.run([sys.executable, alias, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_layering_check_catches_a_qgis_import(tmp_path):
    """The static check itself must be able to fail."""
    probe = tmp_path / "probe.py"
    probe.write_text("from qgis.core import QgsProject\nimport numpy\n", encoding="utf-8")
    assert _imported_roots(probe) & set(FORBIDDEN) == {"qgis"}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module ``path`` imports, relative imports resolved against the checkout ("plugin.gui.x")."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # "from . import gui"
    return found


def _violations(folder: str, prefixes: tuple[str, ...], root: Path = ROOT) -> dict[str, list[str]]:
    out = {}
    for path in sorted((root / folder).rglob("*.py")):
        bad = sorted(
            m for m in imported_modules(path, root) if any(m == p or m.startswith(p + ".") for p in prefixes)
        )
        if bad:
            out[str(path.relative_to(root))] = bad
    return out


def test_core_imports_no_gui_processing_or_plugin_entry():
    assert _violations("plugin/core", ("plugin.gui", "plugin.processing", "plugin.main")) == {}


def test_processing_imports_nothing_of_the_gui():
    assert _violations("plugin/processing", ("plugin.gui",)) == {}


def test_processing_and_gui_do_not_compute():
    offenders = {}
    for folder in ("plugin/processing", "plugin/gui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = str(path.relative_to(ROOT))
            libs = _imported_roots(path) & set(COMPUTE)
            bad = sorted(lib for lib in libs if (rel, lib) not in DISPLAY_ONLY)
            if bad:
                offenders[rel] = bad
    assert offenders == {}
    stale = [
        k for k in DISPLAY_ONLY if not (ROOT / k[0]).is_file() or k[1] not in _imported_roots(ROOT / k[0])
    ]
    assert stale == []  # an exception nobody needs any more goes


def test_the_contract_checks_can_fail(tmp_path):
    probe = ROOT / "plugin" / "processing" / "alg_masks.py"  # resolution: a real module's relative imports
    assert "plugin.processing.base" in imported_modules(probe)
    fake = tmp_path / "plugin" / "processing" / "x.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from ..gui.cso_tab import style_cso_layer\nfrom .. import gui\n", encoding="utf-8")
    assert _violations("plugin/processing", ("plugin.gui",), tmp_path) == {
        "plugin/processing/x.py": ["plugin.gui", "plugin.gui.cso_tab", "plugin.gui.cso_tab.style_cso_layer"]
    }
