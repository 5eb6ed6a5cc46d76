"""Block engine: windows within the budget, progress to 100 %, cancel between blocks, blocks == whole array."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio

from lst_studio.plugin.core import blocks, pipeline
from lst_studio.plugin.core.errors import ProcessingCancelled
from lst_studio.plugin.core.progress import Progress

from .test_pipeline import FakeScene, rte_options


def test_plan_windows_cover_once_within_budget():
    wins = blocks.plan_windows(7800, 7800, 480, 1024)
    assert all(w.width == 7800 for w in wins)
    assert sum(w.height for w in wins) == 7800
    assert all(w.height * 7800 * 480 <= 1024 * 1024 * 1024 for w in wins)
    assert wins[0].height % 256 == 0
    rows = np.concatenate([np.arange(w.row_off, w.row_off + w.height) for w in wins])
    np.testing.assert_array_equal(rows, np.arange(7800))
    assert [w.height for w in blocks.plan_windows(10, 50, 4, 1, max_rows=16)] == [16, 16, 16, 2]


def test_run_progress_and_cancel_between_blocks():
    wins = blocks.plan_windows(10, 50, 4, 1, max_rows=10)
    seen, done = [], []
    blocks.run(wins, lambda w: done.append(w.row_off), Progress(seen.append))
    assert done == [0, 10, 20, 30, 40] and seen[0] == 0.0 and seen[-1] == pytest.approx(100.0)
    done.clear()
    with pytest.raises(ProcessingCancelled):
        blocks.run(wins, lambda w: done.append(w.row_off), Progress(None, lambda: len(done) >= 2))
    assert done == [0, 10]  # the third block never started


@pytest.mark.parametrize("options", ["RTE", "SW", "SC"])
def test_blocks_equal_whole_array(tmp_path, options):
    opts_small = rte_options(block_size=7)
    opts_whole = rte_options(block_size=100000)
    for o in (opts_small, opts_whole):
        o.algorithm = options
    small = pipeline.produce(FakeScene(size=70, seed=3), None, opts_small, tmp_path / "small")
    whole = pipeline.produce(FakeScene(size=70, seed=3), None, opts_whole, tmp_path / "whole")
    assert small.metadata["processing"]["blocks"] == 10 and whole.metadata["processing"]["blocks"] == 1
    for key in (
        "LST",
        "LST_UNCERTAINTY",
        "EMISSIVITY",
        "WATER_VAPOUR",
        "TRANSMITTANCE",
        "QA",
        "CLOUD_MASK",
        "VNIR",
    ):
        with rasterio.open(small.rasters[key]) as a, rasterio.open(whole.rasters[key]) as b:
            np.testing.assert_array_equal(a.read(), b.read(), err_msg=key)
    assert small.metadata["lst_stats"] == whole.metadata["lst_stats"]


def test_classes_bit_fields_and_constants_are_written_compressed_one_strip_per_window(tmp_path):
    # 1 of the block loop's 2.2 GB on a full scene: compressed, they stay out of the disk's queue (issue 15)
    result = pipeline.produce(FakeScene(size=70, seed=3), None, rte_options(block_size=7), tmp_path / "r")
    for key in ("CLOUD_MASK", "SCL", "QA", "MASK_TESTS", "WATER_VAPOUR", "TRANSMITTANCE", "LST"):
        with rasterio.open(result.rasters[key]) as ds:
            if key == "LST":  # measurements stay uncompressed: no codec in the writing thread
                assert ds.compression is None, key
            else:
                assert ds.compression == rasterio.enums.Compression.zstd, key
                assert ds.block_shapes[0] == (7, 70), key


def test_compressed_outputs_take_windows_of_the_strip_height_and_a_shorter_last_one(tmp_path):
    grid = FakeScene(size=70).grid
    values = np.arange(70 * 70, dtype=np.float32).reshape(70, 70) % 13
    with blocks.outputs(grid) as out:
        out.add("X", tmp_path / "x.tif", 1, "float32", float("nan"), ["x"], strip_rows=32)
        for w in blocks.plan_windows(70, 70, 4, 1e9, max_rows=32, align=32):
            out.write("X", values[w.row_off : w.row_off + w.height], w)
    with rasterio.open(tmp_path / "x.tif") as ds:
        assert ds.block_shapes == [(32, 70)] and ds.compression == rasterio.enums.Compression.zstd
        np.testing.assert_array_equal(ds.read(1), values)
