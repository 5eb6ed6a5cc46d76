"""Test setup shared by every suite.

The plugin is imported under its plugin name ``lst_studio`` whatever this checkout's folder is called:
a symlink ``build/pkgroot/lst_studio`` -> repository root is put on sys.path. Nothing here imports QGIS.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PKGROOT = ROOT / "build" / "pkgroot"
PLUGIN_NAME = "lst_studio"


def _install_package_link() -> None:
    link = PKGROOT / PLUGIN_NAME
    PKGROOT.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        with contextlib.suppress(FileExistsError):
            link.symlink_to(ROOT, target_is_directory=True)
    if str(PKGROOT) not in sys.path:
        sys.path.insert(0, str(PKGROOT))


_install_package_link()


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
