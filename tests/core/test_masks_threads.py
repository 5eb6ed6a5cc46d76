"""The masks' strip passes on a thread pool (issue 15): identical results for any number of threads,
the strips really run on the pool, cancel still stops them; and the helpers that made it fast."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from scipy import ndimage

from lst_studio.plugin.core import clouds, masks, memory, morphology
from lst_studio.plugin.core.errors import ProcessingCancelled
from lst_studio.plugin.core.options import MaskOptions
from lst_studio.plugin.core.products import open_product
from lst_studio.plugin.core.products.raster_access import full_window
from lst_studio.plugin.core.progress import Progress


@pytest.fixture(scope="module", params=["day", "night"])
def scene(request, tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    night = request.param == "night"
    sample = write_sample(tmp_path_factory.mktemp(request.param), seed=7, size=240, night=night)
    with open_product(sample.product_dir) as s:
        yield s


def _masks(scene, threads: int, monkeypatch) -> masks.MaskResult:
    # small strips and chunks: many strips per chunk and many chunks in flight on a 240 px scene
    monkeypatch.setattr(masks, "STRIP_ROWS", 24)
    monkeypatch.setattr(masks, "READ_ROWS", 64)
    return masks.compute_masks(scene, full_window(scene.grid), None, MaskOptions(), threads=threads)


def test_the_masks_do_not_depend_on_the_number_of_threads(scene, monkeypatch):
    one, three = _masks(scene, 1, monkeypatch), _masks(scene, 3, monkeypatch)
    assert int((one.cloud_mask == 1).sum()) > 0  # the sample has cloud: the comparison means something
    for name in ("cloud_mask", "scl", "qa", "tests", "water", "snow"):
        a, b = getattr(one, name), getattr(three, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
    assert np.array_equal(one.cloud_distance_km, three.cloud_distance_km, equal_nan=True)
    assert one.percentages == three.percentages
    assert one.metadata == three.metadata
    # and the strip height does not matter either (the strips follow the working grid)
    monkeypatch.setattr(masks, "STRIP_ROWS", 256)
    plain = masks.compute_masks(scene, full_window(scene.grid), None, MaskOptions())
    assert np.array_equal(plain.qa, one.qa) and np.array_equal(plain.tests, one.tests)


def test_the_strips_run_on_the_pool_and_cancel_stops_them(scene, monkeypatch):
    names: set[str] = set()
    real = masks._pass1_strip

    def spy(run, r0, r1):
        names.add(threading.current_thread().name)
        return real(run, r0, r1)

    monkeypatch.setattr(masks, "_pass1_strip", spy)
    _masks(scene, 3, monkeypatch)
    assert any(n.startswith("lst-block") for n in names), names

    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    before = threading.active_count()
    with pytest.raises(ProcessingCancelled):
        masks.compute_masks(
            scene, full_window(scene.grid), None, MaskOptions(), Progress(None, cancelled), threads=3
        )
    assert threading.active_count() == before  # no worker outlives the call


@pytest.mark.parametrize("radius", [1, 2, 3, 4, 6])
def test_dilate_is_scipys_disk_dilation(radius):
    rng = np.random.default_rng(radius)
    for shape, p in (((1, 1), 1.0), ((3, 50), 0.05), ((131, 77), 0.01), ((300, 40), 0.3)):
        m = rng.random(shape) < p
        expected = ndimage.binary_dilation(m, structure=morphology.disk(radius))
        for strip_rows in (1, 5, 512):
            got = morphology.dilate(m, radius, strip_rows=strip_rows)
            assert got.dtype == bool and np.array_equal(got, expected), (shape, strip_rows)
    # one pixel: the disk itself, cut by the array edge
    m = np.zeros((9, 9), bool)
    m[0, 4] = True
    r = radius if radius <= 4 else 4
    assert np.array_equal(morphology.dilate(m, r), ndimage.binary_dilation(m, structure=morphology.disk(r)))


def test_histogram_parts_merge_to_the_whole():
    rng = np.random.default_rng(3)
    values = rng.normal(290.0, 15.0, 10_000).astype(np.float32)
    values[::97] = np.nan
    whole = clouds.Histogram(150.0, 350.0, 0.1)
    whole.add(values)
    merged = clouds.Histogram(150.0, 350.0, 0.1)
    for part_values in np.array_split(values, 7)[::-1]:  # any order
        part = merged.empty_like()
        part.add(part_values)
        merged.merge(part)
    assert np.array_equal(merged.counts, whole.counts) and merged.n == int(np.isfinite(values).sum())
    with pytest.raises(ValueError, match="different bins"):
        merged.merge(clouds.Histogram(150.0, 350.0, 0.01))


def test_gdal_cache_covers_a_tile_row_per_thread_within_bounds():
    class Scene:
        class grid:  # noqa: N801 - a stand-in for Grid
            width = 8000

        def tile_row_bytes(self):
            return 80 * 2**20  # a FarEarth VNIR + TIR + QA tile row, 7,800 px wide

    win = masks.Window(0, 0, 8000, 100)
    assert masks._gdal_cache_bytes(Scene(), win, 1) == 160 * 2**20
    assert masks._gdal_cache_bytes(Scene(), win, 2) == 240 * 2**20
    assert masks._gdal_cache_bytes(Scene(), win, 16) == masks.GDAL_CACHE_MAX_MB * 2**20
    assert masks._gdal_cache_bytes(Scene(), masks.Window(0, 0, 100, 100), 1) == masks.GDAL_CACHE_MB * 2**20


def test_box_sum_is_the_3x3_convolution():
    rng = np.random.default_rng(4)
    ones = np.ones((3, 3), np.uint8)
    for shape in ((1, 1), (1, 6), (6, 1), (2, 2), (41, 33)):
        for p in (0.1, 0.5, 1.0):
            m = rng.random(shape) < p
            expected = ndimage.convolve(m.astype(np.uint8), ones, mode="constant")
            got = morphology._box3(m)
            assert got.dtype == np.uint8 and np.array_equal(got, expected), (shape, p)


@pytest.mark.parametrize("k", [2, 3, 4, 17])
def test_block_fraction_counts_every_block_exactly(k):
    rng = np.random.default_rng(k)
    for shape in ((1, 1), (7, 5), (33, 70), (120, 121)):
        m = rng.random(shape) < 0.4
        got = morphology.block_reduce_fraction(m, k, strip_blocks=3)
        h, w = shape
        expected = np.array(
            [[m[r : r + k, c : c + k].mean() for c in range(0, w, k)] for r in range(0, h, k)], np.float32
        )
        assert got.dtype == np.float32 and np.allclose(got, expected, rtol=0, atol=1e-6), shape


def test_strips_in_flight_fit_the_strip_budget():
    assert masks._strip_threads(8, 7800) == 2  # a full scene: two strips, under the 2 GB budget (measured)
    assert masks._strip_threads(8, 1000) == 8  # a narrow AOI: every core
    assert masks._strip_threads(1, 7800) == 1
    assert masks._strip_threads(4, 10**6) == 1  # never fewer than one
    per_strip = masks.STRIP_BYTES_PER_PX * masks.STRIP_ROWS * 7800 / 2**20
    assert masks._strip_threads(8, 7800) * per_strip <= masks.STRIPS_BUDGET_MB


def test_a_strip_of_float32_stays_under_the_run_mmap_threshold(monkeypatch):
    assert masks.strip_height(1000) == masks.STRIP_ROWS == 256  # 1 MB a float32 strip: as before
    assert masks.strip_height(7800) == 128  # a full scene: 4.0 MB, under the 4 MiB threshold
    assert masks.strip_height(4096) == 256 and masks.strip_height(4097) == 128  # exactly at the threshold
    assert masks.strip_height(10**7) == masks.MIN_STRIP_ROWS  # never lower
    monkeypatch.setattr(memory, "RUN_MMAP_THRESHOLD", 2**20)
    assert masks.strip_height(7800) == 32  # read at each call


def test_every_strip_pass_gives_its_temporaries_back(scene, monkeypatch):
    started, trimmed = [], []
    each_strip = masks._Run.each_strip

    def spy(self, *args, **kwargs):
        started.append(len(started) + 1)
        return each_strip(self, *args, **kwargs)

    monkeypatch.setattr(masks._Run, "each_strip", spy)
    monkeypatch.setattr(masks.memory, "trim_heap", lambda: trimmed.append(len(started)))
    masks.compute_masks(scene, full_window(scene.grid), None, MaskOptions())
    assert len(started) >= 4 and set(started) <= set(trimmed)  # after each pass, before the next starts


def test_strips_done_when_pass_1_has_read_the_scene(scene, monkeypatch):
    """The pipeline starts the CEOS-ARD layers on the other core at ``strips_done``: as soon as pass 1
    ends (before the cloud tests), and nothing after it reads the scene."""
    done, late_reads, steps_before = [], [], []
    for name in ("read_values", "read_quality", "read_sun_angles"):
        real = getattr(scene, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            if done:
                late_reads.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(scene, name, spy)
    for step in ("_day_clouds", "_night_clouds"):
        real_step = getattr(masks, step)

        def spy_step(*args, _real=real_step, _step=step, **kwargs):
            steps_before.append((_step, bool(done)))
            return _real(*args, **kwargs)

        monkeypatch.setattr(masks, step, spy_step)
    masks.compute_masks(
        scene, full_window(scene.grid), None, MaskOptions(), strips_done=lambda: done.append(1)
    )
    assert done == [1] and late_reads == []
    assert len(steps_before) == 1 and steps_before[0][1], steps_before  # the cloud tests after it
