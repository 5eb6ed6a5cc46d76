"""End to end: sample product -> pipeline.produce -> export_package -> ../shared validators.

Day FarEarth sample, night sample and the Landsat-MTL rendering of the same truth. Every package must
pass ``check_package.py --strict-cog``; every STAC asset must exist with its size and checksum; the
LST COG read back must equal the pipeline's LST within 0.01 K.
"""

from __future__ import annotations

import hashlib
import json
import subprocess

import numpy as np
import pytest
import rasterio

from lst_studio.plugin.core.delivery.package import export_package
from lst_studio.plugin.core.options import DeliveryOptions, LstOptions


def _package(tmp_path_factory, **sample_options):
    from lst_studio.plugin.core.pipeline import produce
    from lst_studio.plugin.core.sample.generate import write_sample

    base = tmp_path_factory.mktemp("e2e")
    sample = write_sample(base / "sample", seed=1, **sample_options)
    # the Landsat rendering of the same truth is opened from its MTL.txt file
    source = (
        next(sample.landsat_dir.glob("*_MTL.txt")) if sample_options.get("landsat") else sample.product_dir
    )
    result = produce(source, None, LstOptions(), workdir=base / "result")
    package = export_package(result, base / "out", DeliveryOptions(organization_id="test"))
    return result, package


@pytest.fixture(scope="module", params=["day", "night", "landsat"])
def produced(request, tmp_path_factory):
    options = {"day": {}, "night": {"night": True}, "landsat": {"landsat": True}}[request.param]
    return (request.param, *_package(tmp_path_factory, **options))


def test_package_passes_the_validators(produced, shared_dir):
    """check_package.py --strict-cog (plus --strict-consistency: STAC vs GeoTIFF mismatches fail)."""
    name, _, package = produced
    out = subprocess.run(
        [
            "/usr/bin/python3",
            str(shared_dir / "validators" / "check_package.py"),
            "--strict-cog",
            "--strict-consistency",
            "-q",
            str(package),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, f"{name}:\n{out.stdout[-4000:]}"
    assert "OVERALL: PASS" in out.stdout


def test_assets_exist_with_size_and_checksum(produced):
    _, _, package = produced
    item = json.loads(next(package.glob("*_METADATA.json")).read_text())
    listed = {(package / a["href"]).resolve() for a in item["assets"].values()}
    on_disk = {p.resolve() for p in package.iterdir() if not p.name.endswith("_METADATA.json")}
    assert listed == on_disk
    for key, asset in item["assets"].items():
        path = package / asset["href"]
        assert path.stat().st_size == asset["file:size"], key
        assert asset["file:checksum"] == "1220" + hashlib.sha256(path.read_bytes()).hexdigest(), key


def test_lst_cog_equals_the_pipeline_lst(produced):
    name, result, package = produced
    with rasterio.open(result.rasters["LST"]) as src:
        expected = src.read(1)
    with rasterio.open(next(package.glob("*_LST.tif"))) as cog:
        dn = cog.read(1)
        got = np.where(dn == cog.nodata, np.nan, dn * cog.scales[0] + cog.offsets[0])
        assert (cog.height, cog.width) == expected.shape
        assert cog.transform.almost_equals(result.grid.transform)
    assert np.array_equal(np.isnan(expected), np.isnan(got)), name
    assert np.nanmax(np.abs(expected - got)) <= 0.01, name


def test_metadata_follows_the_scene(produced):
    name, result, package = produced
    item = json.loads(next(package.glob("*_METADATA.json")).read_text())
    props = item["properties"]
    assert props["lst:day_flag"] is (name != "night")
    assert props["lst:median_lst"] == pytest.approx(result.metadata["lst_stats"]["median"], abs=0.01) or (
        result.metadata["lst_stats"]["median"] is None
    )
    assert ("rgb_quicklook" in item["assets"]) is (name != "night")
    geometric = result.metadata.get("geometric") or {}
    ceos = json.loads(next(package.glob("*_CEOS_ARD.json")).read_text())
    gcor = next(r for r in ceos["requirements"] if r["identifier"] == "gcor.corrections-geometric")
    if not geometric.get("assessed"):
        assert gcor["threshold"] == "not assessed"
    else:
        assert f"{geometric['radial_rmse_px']:.3f} px" in gcor["reason"]
