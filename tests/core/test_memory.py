"""core.memory: glibc's mmap threshold is set for a run and put back afterwards (issue 14)."""

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


def test_set_for_the_block_and_restored_also_after_an_error(libc):
    with memory.bounded_heap():
        assert libc.calls == [(-3, 4 * 1024 * 1024)]
    assert libc.calls[-1] == (-3, 128 * 1024)  # glibc's documented initial threshold
    with pytest.raises(RuntimeError), memory.bounded_heap():
        raise RuntimeError("run failed")
    assert libc.calls[-1] == (-3, 128 * 1024) and len(libc.calls) == 4


def test_nested_runs_restore_once_when_the_last_ends(libc):
    with memory.bounded_heap():
        with memory.bounded_heap():
            pass
        assert libc.calls == [(-3, 4 * 1024 * 1024)]  # the outer run still needs it
    assert libc.calls == [(-3, 4 * 1024 * 1024), (-3, 128 * 1024)]


def test_produce_leaves_the_process_as_it_found_it(libc, sample_product, tmp_path):
    produce(sample_product, None, LstOptions(geometric_verification=False), tmp_path / "run")
    assert libc.calls == [(-3, 4 * 1024 * 1024), (-3, 128 * 1024)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_real_glibc_accepts_both_values():
    lib = memory.libc()
    assert lib is not None
    assert lib.mallopt(memory.M_MMAP_THRESHOLD, memory.RUN_MMAP_THRESHOLD) == 1
    assert lib.mallopt(memory.M_MMAP_THRESHOLD, memory.GLIBC_DEFAULT_MMAP_THRESHOLD) == 1
