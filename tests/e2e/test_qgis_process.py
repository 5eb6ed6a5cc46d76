"""The whole chain from the command line: qgis_process.bin runs our algorithms on the sample product.

The checkout's runtime files are copied into a temporary QGIS profile as plugin ``lst_studio``
(tools/build_package.py --install-into: the files the release zip holds, no symlink) and enabled there; the
venv's site-packages (pystac) are passed on PYTHONPATH, as a user's QGIS would have them installed.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import rasterio

ROOT = Path(__file__).resolve().parents[2]
QGIS_PROCESS = Path("/usr/bin/qgis_process.bin")

pytestmark = pytest.mark.skipif(not QGIS_PROCESS.exists(), reason="qgis_process.bin not installed")


@pytest.fixture(scope="module")
def qgis_env(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("qgisprofile")
    plugins = base / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    install = [sys.executable, str(ROOT / "tools" / "build_package.py"), "--install-into", str(plugins)]
    subprocess.run(install, check=True, capture_output=True, timeout=300)
    runtime = base / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ)
    env.update(
        QGIS_CUSTOM_CONFIG_PATH=str(base),
        QT_QPA_PLATFORM="offscreen",
        XDG_RUNTIME_DIR=str(runtime),
        HOME=str(base),
        PYTHONPATH=os.pathsep.join(site.getsitepackages()),
    )
    run = subprocess.run(
        [str(QGIS_PROCESS), "plugins", "enable", "lst_studio"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return env


def _run(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(QGIS_PROCESS), *args], env=env, capture_output=True, text=True, timeout=900)


def test_help_lists_the_production_parameters(qgis_env):
    out = _run(qgis_env, "help", "lststudio:producelst")
    assert out.returncode == 0, out.stderr
    for name in ("INPUT", "AOI", "EXTENT", "ALGORITHM", "WATER_VAPOUR", "EMISSIVITY", "CLOUD_BUFFER"):
        assert name in out.stdout


def test_produce_package_from_the_command_line(qgis_env, sample_product, tmp_path):
    geojson = next(sample_product.glob("*.geojson"))
    out = _run(
        qgis_env,
        "--json",
        "run",
        "lststudio:producepackage",
        "--",
        f"INPUT={geojson}",
        "ALGORITHM=2",
        "WATER_VAPOUR=2.0",
        f"OUTPUT_FOLDER={tmp_path}",
        "PRODUCT_TOKEN=LSTCLI",
        "AOI_NAME=cli",
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    doc = json.loads(out.stdout[out.stdout.index("{") :])
    results = doc["results"]
    package = Path(results["PACKAGE"])
    assert package.is_dir() and package.name.startswith("LSTCLI_")
    lst_path = Path(results["LST"])
    with rasterio.open(lst_path) as src:
        lst = src.read(1, masked=True).astype(float) * src.scales[0] + src.offsets[0]
    assert 250 < float(np.ma.median(lst)) < 330
    assert results["LST_MIN"] <= results["LST_MEDIAN"] <= results["LST_MAX"]
