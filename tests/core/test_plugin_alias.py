"""tools/plugin_alias.py: the checkout is importable as ``lst_studio`` without any link in the tree.

tests/conftest.py also checks at the end of every pytest session that no symlink appeared in the tree
(``plugin_alias.symlinks_in_tree``), so a test or tool that links the checkout again fails the run.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALIAS = ROOT / "tools" / "plugin_alias.py"


def _alias_module():
    spec = importlib.util.spec_from_file_location("plugin_alias_under_test", ALIAS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_package_is_this_checkout_and_install_is_idempotent():
    import lst_studio
    from lst_studio.plugin.core import options

    alias = _alias_module()
    assert alias.install() is lst_studio  # a second install changes nothing
    assert [Path(p) for p in lst_studio.__path__] == [ROOT]
    assert Path(options.__file__) == ROOT / "plugin" / "core" / "options.py"


def test_another_folder_under_the_same_name_is_refused(tmp_path):
    """A second checkout must not silently stand in for the one already imported."""
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    with pytest.raises(ImportError, match="already imported"):
        _alias_module().install(root=tmp_path)


def test_a_copied_checkout_imports_its_own_files(tmp_path):
    """The issue with the symlink: a copied checkout silently tested the original. Here the alias of a
    copy (a fresh interpreter) must resolve to the copy."""
    copy = tmp_path / "elsewhere"
    (copy / "plugin").mkdir(parents=True)
    (copy / "__init__.py").write_text("", encoding="utf-8")
    (copy / "plugin" / "__init__.py").write_text("WHERE = 'copy'\n", encoding="utf-8")
    code = (
        f"import sys; sys.path.insert(0, {str(ALIAS.parent)!r}); import plugin_alias\n"
        f"plugin_alias.install(root={str(copy)!r}); import lst_studio.plugin as p; print(p.WHERE, p.__file__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["copy", str(copy / "plugin" / "__init__.py")]


def test_child_process_runs_a_module_with_arguments(tmp_path):
    code = "import sys, lst_studio.plugin.core.options as o; print(o.__file__, sys.argv[1:])"
    out = subprocess.run(
        [sys.executable, str(ALIAS), "-c", code, "x", "y"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"{ROOT / 'plugin' / 'core' / 'options.py'} ['x', 'y']"
    bad = subprocess.run([sys.executable, str(ALIAS), "-m"], capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "usage" in bad.stderr


def test_no_symlink_in_the_tree():
    assert _alias_module().symlinks_in_tree(ROOT) == []


def test_the_symlink_check_can_fail(tmp_path):
    symlinks_in_tree = _alias_module().symlinks_in_tree
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "link").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / ".venv").mkdir()  # virtual environments are made of links and are not the tree
    (tmp_path / ".venv" / "pyvenv.cfg").write_text("", encoding="utf-8")
    (tmp_path / ".venv" / "python").symlink_to("/usr/bin/python3")
    assert symlinks_in_tree(tmp_path) == ["pkg/link"]
