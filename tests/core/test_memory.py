"""core.memory: glibc's mmap and trim thresholds are set for a run and put back afterwards (issues 14, 15)."""

from __future__ import annotations

import sys

import pytest

from lst_studio.plugin.core import memory
from lst_studio.plugin.core.options import LstOptions
from lst_studio.plugin.core.pipeline import produce


class FakeLibc:
    def __init__(self):
        self.calls: list[tuple[int, int]] = []

    def mallopt(self, param: int, value: int) -> int:
        self.calls.append((param, value))
        return 1

    def malloc_trim(self, pad: int) -> int:
        return 1


@pytest.fixture
def libc(monkeypatch):
    fake = FakeLibc()
    monkeypatch.setattr(memory, "libc", lambda: fake)
    return fake


RUN = [(-3, 4 * 1024 * 1024), (-1, 64 * 1024 * 1024)]
DEFAULT = [(-3, 128 * 1024), (-1, 128 * 1024)]  # glibc's documented initial thresholds


def test_set_for_the_block_and_restored_also_after_an_error(libc):
    with memory.bounded_heap():
        assert libc.calls == RUN
    assert libc.calls[-2:] == DEFAULT
    with pytest.raises(RuntimeError), memory.bounded_heap():
        raise RuntimeError("run failed")
    assert libc.calls == RUN + DEFAULT + RUN + DEFAULT


def test_nested_runs_restore_once_when_the_last_ends(libc):
    with memory.bounded_heap():
        with memory.bounded_heap():
            pass
        assert libc.calls == RUN  # the outer run still needs them
    assert libc.calls == RUN + DEFAULT


def test_produce_leaves_the_process_as_it_found_it(libc, sample_product, tmp_path, monkeypatch):
    monkeypatch.setattr(memory, "host_takes_free_memory", lambda: True)
    real, switched = memory.numpy_hugepages, []
    monkeypatch.setattr(memory, "numpy_hugepages", lambda on: switched.append(on) or real(on))
    before = real(True)  # numpy's value (read by setting it, then put back)
    real(before)
    produce(sample_product, None, LstOptions(geometric_verification=False), tmp_path / "run")
    assert libc.calls == RUN + DEFAULT
    assert switched == ([] if before is None else [False, before])
    assert real(before) == before


@pytest.mark.parametrize("before", [True, False])
def test_numpy_huge_pages_off_during_runs_then_as_before(before, monkeypatch):
    """Where the host takes free memory back (freed huge pages are then slow to take again, issue 15): off
    for the outermost run, then numpy's previous value, also after an error and after nested runs."""
    monkeypatch.setattr(memory, "host_takes_free_memory", lambda: True)
    if memory.numpy_hugepages(before) is None:
        pytest.skip("this numpy has no huge-page switch")
    try:
        with memory.bounded_heap():
            assert memory.numpy_hugepages(False) is False
            with memory.bounded_heap():
                pass
            assert memory.numpy_hugepages(False) is False  # the outer run still holds it
        assert memory.numpy_hugepages(before) is before
        with pytest.raises(RuntimeError), memory.bounded_heap():
            raise RuntimeError("run failed")
        assert memory.numpy_hugepages(before) is before
    finally:
        memory.numpy_hugepages(True)


def test_numpy_huge_pages_left_alone_where_the_host_keeps_free_memory(monkeypatch):
    monkeypatch.setattr(memory, "host_takes_free_memory", lambda: False)
    seen = []
    monkeypatch.setattr(memory, "numpy_hugepages", lambda on: seen.append(on))
    with memory.bounded_heap():
        pass
    assert seen == []


def _virtio(root, name: str, device: str, bits: str) -> None:
    (root / name).mkdir(parents=True)
    (root / name / "device").write_text(device + "\n")
    (root / name / "features").write_text(bits.ljust(64, "0") + "\n")


@pytest.mark.parametrize(
    ("devices", "expected"),
    [
        ([("virtio0", "0x0005", "011001")], True),  # this VM's balloon: stats, deflate on OOM, reporting
        ([("virtio0", "0x0005", "0001")], False),  # free page hinting only (migration)
        ([("virtio0", "0x0005", "011")], False),  # a balloon that keeps free memory in the guest
        ([("virtio0", "0x0001", "111111"), ("virtio1", "0x0002", "000001")], False),  # no balloon
        ([], False),
    ],
)
def test_host_takes_free_memory_reads_the_balloon_features(tmp_path, devices, expected):
    for name, device, bits in devices:
        _virtio(tmp_path, name, device, bits)
    assert memory.host_takes_free_memory(tmp_path) is expected
    assert memory.host_takes_free_memory(tmp_path / "missing") is False  # not Linux, no virtio


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_real_glibc_accepts_both_values():
    lib = memory.libc()
    assert lib is not None
    assert lib.mallopt(memory.M_MMAP_THRESHOLD, memory.RUN_MMAP_THRESHOLD) == 1
    assert lib.mallopt(memory.M_TRIM_THRESHOLD, memory.RUN_TRIM_THRESHOLD) == 1
    assert lib.mallopt(memory.M_MMAP_THRESHOLD, memory.GLIBC_DEFAULT_MMAP_THRESHOLD) == 1
    assert lib.mallopt(memory.M_TRIM_THRESHOLD, memory.GLIBC_DEFAULT_TRIM_THRESHOLD) == 1


def test_export_and_validation_bound_the_heap_and_gdal_cache_and_restore_both(
    libc, sample_product, tmp_path, monkeypatch
):
    """After a produce glibc's threshold stays at its 128 KiB minimum, so every export buffer was a fresh
    mmap (full scene: 42.5 s instead of 34.1 s, issue 15): the export sets the run's threshold again. The
    export and the validation bound GDAL's block cache (cog.GDAL_CACHE_MB), restored afterwards."""
    from osgeo import gdal

    from lst_studio.plugin.core.delivery import cog
    from lst_studio.plugin.core.delivery import validate as val
    from lst_studio.plugin.core.delivery.package import export_package
    from lst_studio.plugin.core.options import DeliveryOptions

    result = produce(sample_product, None, LstOptions(geometric_verification=False), tmp_path / "run")
    before, seen = gdal.GetCacheMax(), []

    def spy(module, name):
        real = getattr(module, name)
        monkeypatch.setattr(
            module,
            name,
            lambda *a, **k: seen.append((name, gdal.GetCacheMax(), libc.calls[-2:])) or real(*a, **k),
        )

    spy(cog, "translate_to_cog")
    spy(val, "_check_asset")
    package = export_package(result, tmp_path / "out", DeliveryOptions())
    assert libc.calls[-2:] == DEFAULT and gdal.GetCacheMax() == before
    assert val.validate_package(package).ok and gdal.GetCacheMax() == before
    assert {n for n, _, _ in seen} == {"translate_to_cog", "_check_asset"}
    assert all(cache == cog.GDAL_CACHE_MB * 2**20 for _, cache, _ in seen)
    assert all(heap == RUN for n, _, heap in seen if n == "translate_to_cog")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_glibc_is_looked_up_once(monkeypatch):
    """find_library runs ``ldconfig -p`` in a subprocess: once per process, not after every strip pass."""
    import ctypes.util

    calls = []
    real = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: calls.append(name) or real(name))
    memory.libc.cache_clear()
    try:
        for _ in range(3):
            memory.trim_heap()
        assert calls == ["c"]
        assert memory.libc() is memory.libc()
    finally:
        memory.libc.cache_clear()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="resident pages read from /proc")
def test_written_zeros_are_zeros_whose_pages_are_already_resident():
    """``np.zeros`` leaves its pages untouched (updating them later faults twice per 4 KiB page);
    ``written_zeros`` writes them at once."""
    import numpy as np

    def resident_mb() -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096 / 2**20

    before = resident_mb()
    lazy = np.zeros((64, 2**20), np.uint8)
    after_lazy = resident_mb()
    written = memory.written_zeros((64, 2**20), np.uint8)
    after_written = resident_mb()
    assert written.dtype == np.uint8 and written.shape == (64, 2**20) and not written.any()
    assert after_lazy - before < 8 and after_written - after_lazy > 56
    del lazy
