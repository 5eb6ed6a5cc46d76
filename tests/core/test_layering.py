"""The core must stay usable without QGIS: no module under plugin/core imports qgis or Qt."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "plugin" / "core"
FORBIDDEN = ("qgis", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip")


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
        f"sys.path.insert(0, {str(ROOT / 'build' / 'pkgroot')!r})\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        f"bad = sorted(k for k in sys.modules if k.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_layering_check_catches_a_qgis_import(tmp_path):
    """The static check itself must be able to fail."""
    probe = tmp_path / "probe.py"
    probe.write_text("from qgis.core import QgsProject\nimport numpy\n", encoding="utf-8")
    assert _imported_roots(probe) & set(FORBIDDEN) == {"qgis"}
