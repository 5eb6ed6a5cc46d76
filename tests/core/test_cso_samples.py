"""CSO over a time series of sample products with known cloud masks.

1. Packages whose CLOUD_MASK is the sample generator's truth CLOUDS: NUM per pixel and bin must equal the
   truth count of clear acquisitions exactly.
2. Real delivery packages (pipeline.produce + delivery.export_package) of the same products: NUM must equal
   the count of clear-sky QA values per pixel computed here straight from the bits of core.quality; the
   Level-1C products given directly (masks computed on the way) must give the same NUM as their packages.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
import rasterio

from lst_studio.plugin.core import cso, cso_io
from lst_studio.plugin.core.quality import QA_BIT
from tests.core.test_cso_io import write_package

generate = pytest.importorskip("lst_studio.plugin.core.sample.generate")

TIMES = [datetime(2022, m, 10, 8, 40, tzinfo=UTC) for m in (1, 2, 4, 7, 8)]
SIZE = 64


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    root = tmp_path_factory.mktemp("cso_samples")
    return [
        generate.write_sample(root / f"s{i}", seed=31 + i, size=SIZE, acquisition=t, cloud_fraction=0.3)
        for i, t in enumerate(TIMES)
    ]


def truth_clouds(sample) -> tuple[np.ndarray, rasterio.Affine, str]:
    with rasterio.open(sample.truth_dir / "CLOUDS.tif") as ds:
        return ds.read(1), ds.transform, ds.crs.to_string()


def test_truth_cloud_masks_give_the_truth_num(samples, tmp_path):
    counts = np.zeros((2, SIZE, SIZE), np.int16)  # 6-month bins of 2022
    inside = np.zeros((SIZE, SIZE), bool)
    for sample, when in zip(samples, TIMES):
        clouds, transform, crs = truth_clouds(sample)
        mask = np.where(clouds == 255, 255, (clouds != 0).astype(np.uint8)).astype(np.uint8)
        write_package(tmp_path / "p", when, cloud_mask=mask, transform=transform, crs=crs)
        counts[0 if when.month < 7 else 1] += clouds == 0
        inside |= clouds != 255
    assert 0 < (clouds != 0).mean() < 1  # there are clouds, and clear pixels
    (num,) = cso_io.run_cso(
        [tmp_path / "p"], tmp_path / "out", cso.CsoOptions(2022, 2022, 6, statistics=("NUM",))
    )
    with rasterio.open(num) as ds:
        got = ds.read()
    counts[:, ~inside] = 0  # outside every footprint: nodata 0
    np.testing.assert_array_equal(got, counts)
    assert got.max() == 3 and (got[0] == 3).any()  # some pixels clear in all three first-half acquisitions


@pytest.fixture(scope="module")
def packages(samples, tmp_path_factory):
    pipeline = pytest.importorskip("lst_studio.plugin.core.pipeline")
    package = pytest.importorskip("lst_studio.plugin.core.delivery.package")
    from lst_studio.plugin.core.options import DeliveryOptions, LstOptions

    out = tmp_path_factory.mktemp("cso_delivery")
    folders = []
    for sample in samples:
        result = pipeline.produce(sample.product_dir, None, LstOptions(geometric_verification=False))
        try:
            folders.append(package.export_package(result, out, DeliveryOptions()))
        finally:
            result.cleanup()
    return out, folders


def clear_from_qa(qa: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(clear, valid) straight from the QA bits: clear = none of cloud, thin cloud, shadow, buffer, snow,
    thermal saturation; valid = not the nodata bit (delivery's QA nodata 65535 has every bit set)."""
    flags = (
        "cloud",
        "thin_cloud",
        "cloud_shadow",
        "adjacent",
        "snow_ice",
        "saturated_lwir11",
        "saturated_lwir12",
    )
    flags += ("undersaturated",)
    bad = np.zeros(qa.shape, bool)
    for name in flags:
        bad |= (qa >> QA_BIT[name]) & 1 == 1
    valid = (qa >> QA_BIT["nodata"]) & 1 == 0
    return valid & ~bad, valid


def test_delivery_packages_give_the_num_of_their_qa(samples, packages, tmp_path):
    folder, pkgs = packages
    assert len(pkgs) == len(TIMES)
    expected = np.zeros((2, SIZE, SIZE), np.int16)
    observed = np.zeros((SIZE, SIZE), bool)
    truth = np.zeros((2, SIZE, SIZE), np.int16)
    for pkg, when, sample in zip(sorted(pkgs), TIMES, samples):
        assert when.strftime("%Y%m%dT%H%M%SZ") in pkg.name  # packages sort by time
        with rasterio.open(pkg / f"{pkg.name}_QA.tif") as ds:
            clear, valid = clear_from_qa(ds.read(1))
        expected[0 if when.month < 7 else 1] += clear
        observed |= valid
        clouds, _, _ = truth_clouds(sample)
        truth[0 if when.month < 7 else 1] += clouds == 0
    expected[:, ~observed] = 0
    (num,) = cso_io.run_cso([folder], tmp_path / "out", cso.CsoOptions(2022, 2022, 6, statistics=("NUM",)))
    with rasterio.open(num) as ds:
        got = ds.read()
    np.testing.assert_array_equal(got, expected)
    # gross sanity against the truth (mask errors and buffers make them differ pixel by pixel)
    agreement = (got == truth)[:, observed].mean()
    assert agreement > 0.4, agreement


def test_level1c_products_give_the_same_num_as_their_packages(samples, packages, tmp_path):
    folder, _ = packages
    opts = cso.CsoOptions(2022, 2022, 6, statistics=("NUM", "AVG"))
    from_packages = cso_io.run_cso([folder], tmp_path / "a", opts)
    from_l1c = cso_io.run_cso([s.product_dir for s in samples], tmp_path / "b", opts)
    for a, b in zip(from_packages, from_l1c):
        with rasterio.open(a) as da, rasterio.open(b) as db:
            assert da.transform == db.transform
            np.testing.assert_array_equal(da.read(), db.read())
