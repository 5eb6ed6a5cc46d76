"""Test setup shared by every suite.

The plugin is imported under its plugin name ``lst_studio`` whatever this checkout's folder is called:
tools/plugin_alias.py registers the checkout under that name (no symlink, no copy). Child processes that
import the plugin run through ``python tools/plugin_alias.py -m|-c|SCRIPT`` (see PLUGIN_ALIAS).
Nothing here imports QGIS.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PLUGIN_ALIAS = ROOT / "tools" / "plugin_alias.py"  # `python PLUGIN_ALIAS -m MODULE` in child processes


def _load_plugin_alias():
    spec = importlib.util.spec_from_file_location("plugin_alias", PLUGIN_ALIAS)
    alias = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(alias)
    alias.install()
    return alias


_ALIAS = _load_plugin_alias()


def pytest_sessionfinish(session, exitstatus):
    """No test or tool may leave a symlink in the tree (issue 14): it fails the run that made it."""
    links = _ALIAS.symlinks_in_tree(ROOT)
    if links:
        print(f"\nFAILED: symbolic links left in the tree: {links}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def benchmark_script():
    """``load(name)``: the module of ``benchmarks/<name>.py``, loaded by path (the folder is no package)."""
    loaded: dict = {}

    def load(name: str):
        if name not in loaded:
            spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            loaded[name] = module
        return loaded[name]

    return load


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it are skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def test_output_dir() -> Path:
    """A persistent folder for artefacts worth looking at (screenshots, packages)."""
    out = Path(os.environ.get("LSTSTUDIO_TEST_OUTPUT", ROOT / "test-output"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="session")
def sample_product(tmp_path_factory) -> Path:
    """The default (small, day, mid-latitude) sample FarEarth L1C product with its truth beside it.

    Returns the product folder; the truth lives in ``<folder>/../truth``.
    """
    from lst_studio.plugin.core.sample import generate

    out = tmp_path_factory.mktemp("sample")
    return generate.write_sample(out, seed=1).product_dir
