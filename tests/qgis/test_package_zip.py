"""`make package` builds a zip that installs into a fresh QGIS profile and loads from there.

The zip is unpacked into a temporary profile's plugin folder and QGIS's own headless runner
(qgis_process.bin) is asked to enable the plugin and list its algorithms: the same loading path as a
user's "Install from ZIP", without our checkout on sys.path.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QGIS_PROCESS = Path("/usr/bin/qgis_process.bin")


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_package.py"), "--out", str(out)], check=True)
    (zip_path,) = out.glob("lst_studio-*.zip")
    return zip_path


def test_zip_holds_runtime_files_only(plugin_zip):
    names = zipfile.ZipFile(plugin_zip).namelist()
    assert all(n.startswith("lst_studio/") for n in names)
    assert "lst_studio/metadata.txt" in names
    assert "lst_studio/__init__.py" in names
    assert "lst_studio/plugin/main.py" in names
    assert "lst_studio/ext_libs/pystac/__init__.py" in names
    for forbidden in (
        "/tests/",
        "/benchmarks/",
        "__pycache__",
        ".pytest_cache",
        "/.venv",
        "/build/",
        "/tools/",
    ):
        assert not [n for n in names if forbidden in n], forbidden


@pytest.mark.skipif(not QGIS_PROCESS.exists(), reason="qgis_process.bin not installed")
def test_zip_installs_into_a_fresh_profile_and_loads(plugin_zip, tmp_path):
    profile = tmp_path / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True)
    zipfile.ZipFile(plugin_zip).extractall(plugins)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ)
    # A clean interpreter environment: nothing from our venv or checkout may help the plugin load.
    for key in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"):
        env.pop(key, None)
    env.update(
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path),
        QT_QPA_PLATFORM="offscreen",
        XDG_RUNTIME_DIR=str(runtime),
        HOME=str(tmp_path),
        PATH="/usr/bin:/bin",
    )
    enable = subprocess.run(
        [str(QGIS_PROCESS), "plugins", "enable", "lst_studio"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert enable.returncode == 0, enable.stdout + enable.stderr
    listing = subprocess.run(
        [str(QGIS_PROCESS), "list"], env=env, capture_output=True, text=True, timeout=300
    )
    assert listing.returncode == 0, listing.stderr
    assert "lststudio:producelst" in listing.stdout, listing.stdout[-2000:] + listing.stderr[-2000:]
