"""The pixel inspector's decoding and the run summary's histogram: known rasters, known answers."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from lst_studio.plugin.core import pixel_info, run_summary
from lst_studio.plugin.core.errors import LstError
from lst_studio.plugin.core.quality import QA_BIT

TRANSFORM = from_origin(500000, 7100000, 30, 30)


def _tif(path, data, dtype, nodata=None, scale=1.0, offset=0.0, descriptions=None):
    data = np.asarray(data, dtype=dtype)
    if data.ndim == 2:
        data = data[None]
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=data.shape[2],
        height=data.shape[1],
        count=data.shape[0],
        dtype=dtype,
        crs="EPSG:32735",
        transform=TRANSFORM,
        nodata=nodata,
    ) as dst:
        dst.write(data)
        dst.scales = [scale] * data.shape[0]
        dst.offsets = [offset] * data.shape[0]
        if descriptions:
            dst.descriptions = descriptions
    return path


@pytest.fixture()
def result(tmp_path):
    lst = np.full((4, 4), 30000, np.uint16)  # 300.00 K in the package encoding
    lst[0, 0] = 65535
    qa = np.zeros((4, 4), np.uint16)
    qa[1, 2] = (1 << QA_BIT["cloud"]) | (1 << QA_BIT["adjacent"]) | (1 << QA_BIT["water"])
    return {
        "LST": _tif(tmp_path / "LST.tif", lst, "uint16", 65535, 0.01),
        "LST_UNCERTAINTY": _tif(tmp_path / "U.tif", np.full((4, 4), 123, np.uint16), "uint16", 65535, 0.01),
        "EMISSIVITY": _tif(
            tmp_path / "E.tif",
            np.stack([np.full((4, 4), 9712), np.full((4, 4), 9801)]),
            "uint16",
            65535,
            0.0001,
        ),
        "SCL": _tif(tmp_path / "SCL.tif", np.full((4, 4), 2), "uint8", 255),
        "CLOUD_MASK": _tif(tmp_path / "CM.tif", np.eye(4), "uint8", 255),
        "QA": _tif(tmp_path / "QA.tif", qa, "uint16"),
    }


def test_pixel_is_decoded_with_units_and_every_qa_bit(result):
    # centre of row 1, column 2
    pixel = pixel_info.read_pixel(
        result, 500000 + 2.5 * 30, 7100000 - 1.5 * 30, {"EMISSIVITY": ["lwir11", "lwir12"]}
    )
    assert (pixel.row, pixel.col) == (1, 2)
    rows = dict(pixel_info.describe_pixel(pixel))
    assert rows["LST"] == "26.85 °C  (300.00 K)"
    assert rows["LST uncertainty (1σ)"] == "1.23 K"
    assert rows["Emissivity lwir11"] == "0.9712" and rows["Emissivity lwir12"] == "0.9801"
    assert rows["Scene class"] == "Water (2)"
    assert rows["Cloud mask"] == "Clear (0)"
    bits = [text for label, text in pixel_info.describe_pixel(pixel) if label == "  QA bit"]
    assert bits == ["Cloud", "Cloud/shadow buffer", "Water"]
    assert rows["QA"].startswith(str((1 << 5) | (1 << 8) | (1 << 10)))


def test_nodata_and_outside(result):
    pixel = pixel_info.read_pixel(result, 500000 + 15, 7100000 - 15)
    assert dict(pixel_info.describe_pixel(pixel))["LST"] == "no data"
    assert pixel_info.read_pixel(result, 400000, 7100000 - 15) is None
    assert pixel_info.qa_flags(1 << 15) == ["bit 15"]


def test_unreadable_raster_raises_our_error(tmp_path):
    bad = tmp_path / "bad.tif"
    bad.write_bytes(b"II*\x00 truncated")
    with pytest.raises(LstError, match="bad.tif"):
        pixel_info.read_pixel({"LST": bad}, 0, 0)


def test_histogram_leaves_cloud_pixels_out(tmp_path):
    lst = np.full((10, 10), 300.0, np.float32)
    lst[:, :3] = 400.0  # a hot tail under the cloud mask must not appear
    mask = np.zeros((10, 10), np.uint8)
    mask[:, :3] = 1
    lst_path = _tif(tmp_path / "LST.tif", lst, "float32", float("nan"))
    mask_path = _tif(tmp_path / "CM.tif", mask, "uint8", 255)
    edges, counts = run_summary.clear_sky_histogram(lst_path, mask_path, 270.0, 330.0, bins=6)
    assert edges == [270.0, 280.0, 290.0, 300.0, 310.0, 320.0, 330.0]
    assert counts == [0, 0, 0, 70, 0, 0]
    _, with_clouds = run_summary.clear_sky_histogram(lst_path, None, 270.0, 330.0, bins=6)
    assert with_clouds[-1] == 30  # without the mask the tail lands in the last bin


def test_summary_from_metadata():
    meta = {
        "scene": {"product_id": "P", "acquisition_datetime": "2021-06-01T10:00:00Z", "is_day": True},
        "aoi": {"id": "A7"},
        "lst_stats": {"min": 280.0, "median": 300.0, "max": 320.0},
        "masks": {"percentages": {"cloud": 12.5}},
        "algorithm": {"name": "SW"},
        "atmosphere": {"source": "climatology"},
        "warnings": ["w1"],
    }
    s = run_summary.from_metadata(meta)
    assert (s.product_id, s.aoi_id, s.is_day, s.cloud_percent, s.algorithm, s.atmosphere) == (
        "P",
        "A7",
        True,
        12.5,
        "SW",
        "climatology",
    )
    assert (s.lst_min_k, s.lst_median_k, s.lst_max_k) == (280.0, 300.0, 320.0) and s.warnings == ["w1"]
