"""Windows on a thread pool: same results for any number of threads and any block size; order,
progress, cancel and errors of the block loop; one dataset handle per thread and one read per group."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import rasterio

from lst_studio.plugin.core import blocks, pipeline
from lst_studio.plugin.core.errors import ProcessingCancelled
from lst_studio.plugin.core.options import LstOptions
from lst_studio.plugin.core.products import base, open_product
from lst_studio.plugin.core.progress import Progress


@pytest.fixture(scope="module")
def product_15m(tmp_path_factory):
    """A day product whose VNIR group lies on a 15 m grid (resampled per window) with land cover."""
    from lst_studio.plugin.core.sample.generate import write_sample

    sample = write_sample(tmp_path_factory.mktemp("threads"), seed=5, size=300, vnir_gsd=15.0)
    return sample.product_dir, sample.land_cover


def _produce(product, land_cover, folder, threads: int, block_size: int):
    options = LstOptions(geometric_verification=False, block_size=block_size, threads=threads)
    options.land_cover = str(land_cover)
    return pipeline.produce(product, None, options, folder)


def test_threads_and_block_sizes_give_identical_results(product_15m, tmp_path):
    product, land_cover = product_15m
    one = _produce(product, land_cover, tmp_path / "one", threads=1, block_size=512)
    four = _produce(product, land_cover, tmp_path / "four", threads=4, block_size=512)
    small = _produce(product, land_cover, tmp_path / "small", threads=4, block_size=23)
    assert small.metadata["processing"]["blocks"] == 14 > four.metadata["processing"]["blocks"]
    assert set(one.rasters) == set(four.rasters) == set(small.rasters) >= {"LST", "QA", "VNIR", "SCL"}
    for key, path in one.rasters.items():
        with rasterio.open(path) as a:
            ref = a.read()
        for other in (four, small):
            with rasterio.open(other.rasters[key]) as b:
                np.testing.assert_array_equal(b.read(), ref, err_msg=key)
    assert np.isfinite(ref).any()
    assert one.metadata["lst_stats"] == four.metadata["lst_stats"] == small.metadata["lst_stats"]


def _windows(n: int):
    return blocks.plan_windows(10, n * 10, 4, 1, max_rows=10)


def test_run_on_threads_consumes_in_order_with_progress():
    wins = _windows(9)
    delays = [0.03, 0.0, 0.02, 0.0, 0.01, 0.03, 0.0, 0.01, 0.0]  # later windows finish first
    workers, consumed, seen = set(), [], []

    def fn(w):
        workers.add(threading.get_ident())
        time.sleep(delays[int(w.row_off) // 10])
        return int(w.row_off)

    blocks.run(
        wins, fn, Progress(seen.append), threads=3, consume=lambda w, r: consumed.append((w.row_off, r))
    )
    assert consumed == [(r, r) for r in range(0, 90, 10)]
    assert len(workers) > 1 and threading.get_ident() not in workers
    assert seen[0] == 0.0 and seen[-1] == pytest.approx(100.0) and seen == sorted(seen)


def test_run_on_threads_stops_at_cancel_and_raises_errors():
    wins = _windows(20)
    started, consumed = [], []
    progress = Progress(None, lambda: len(consumed) >= 2)
    with pytest.raises(ProcessingCancelled):
        blocks.run(wins, started.append, progress, threads=2, consume=lambda w, r: consumed.append(w))
    assert len(consumed) == 2 and len(started) <= 4  # no window starts after the cancel

    def fail(w):
        if w.row_off == 50:
            raise ValueError("block 5 failed")
        return w

    with pytest.raises(ValueError, match="block 5 failed"):
        blocks.run(wins, fail, None, threads=2)


def test_thread_count():
    assert blocks.thread_count(3) == 3
    assert blocks.thread_count(None) >= 1 and blocks.thread_count(0) == blocks.thread_count(None)


def test_each_thread_opens_its_own_dataset_and_reads_a_group_once(sample_product, monkeypatch):
    scene = open_product(sample_product)
    try:
        win = rasterio.windows.Window(0, 0, 64, 32)
        handles = {}

        def grab():
            path = scene._sources["red"].path
            handles[threading.get_ident()] = scene._cache.get(path)

        t = threading.Thread(target=grab)
        t.start()
        t.join()
        grab()
        assert len(handles) == 2 and len({id(h) for h in handles.values()}) == 2

        reads = []
        original = rasterio.io.DatasetReader.read

        def counting(self, *args, **kwargs):
            reads.append(self.name)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(rasterio.io.DatasetReader, "read", counting)
        red, nir = scene.read("red", win), scene.read("nir08", win)
        assert len(reads) == 1  # both VNIR bands from one read of the pixel-interleaved group
        assert red.shape == nir.shape == (32, 64) and not np.array_equal(red, nir)
        stored = scene._stored("red", win)
        assert not stored.flags.writeable  # shared by every caller of the window
        scene.read("red", rasterio.windows.Window(0, 32, 64, 32))
        assert len(reads) == 2
        # a window too large for the whole group at once is read band by band
        monkeypatch.setattr(base, "GROUP_READ_MAX_BYTES", 64 * 32 * 4 * 2)
        big = rasterio.windows.Window(0, 64, 64, 32)
        np.testing.assert_array_equal(scene.read("red", big), red_big := scene.read("red", big))
        assert len(reads) == 3  # the second read of the band is served from memory
        scene.read("nir08", big)
        assert len(reads) == 4 and red_big.shape == (32, 64)
    finally:
        scene.close()


@pytest.mark.parametrize("algorithm", ["SW", "SC", "RTE"])
def test_a_block_allocates_well_under_its_bytes_per_pixel(sample_product, tmp_path, monkeypatch, algorithm):
    """The block loop sizes its windows with BYTES_PER_PIXEL[algorithm], about twice what a window
    allocates: the peak traced (numpy and rasterio arrays) stays under 1/1.8 of it (sample: SW 111, SC 151,
    RTE 235 B/px). A retrieval that allocates more must raise its estimate, or the budget is not kept."""
    import tracemalloc

    from lst_studio.plugin.core.options import AtmosphereInput

    per_pixel: list[float] = []
    compute = pipeline._compute_block

    def traced(ctx, w):
        tracemalloc.start()
        try:
            return compute(ctx, w)
        finally:
            per_pixel.append(tracemalloc.get_traced_memory()[1] / (w.width * w.height))
            tracemalloc.stop()

    monkeypatch.setattr(pipeline, "_compute_block", traced)
    rte = {"transmittance": {"lwir11": 0.85}, "upwelling": {"lwir11": 1.2}, "downwelling": {"lwir11": 2.0}}
    atmosphere = AtmosphereInput(**rte) if algorithm == "RTE" else AtmosphereInput(water_vapour_gcm2=2.0)
    options = LstOptions(algorithm=algorithm, atmosphere=atmosphere, geometric_verification=False, threads=1)
    options.block_size = 64  # many windows of full width
    pipeline.produce(sample_product, None, options, tmp_path)
    assert per_pixel and max(per_pixel) <= pipeline.BYTES_PER_PIXEL[algorithm] / 1.8, max(per_pixel)
