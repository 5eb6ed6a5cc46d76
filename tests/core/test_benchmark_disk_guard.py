"""The full-scene benchmarks refuse a nearly full disk (it slowed every stage: issue 15's figures)."""

from __future__ import annotations

import shutil
from collections import namedtuple

import pytest

Usage = namedtuple("Usage", "total used free")


@pytest.fixture(scope="module")
def speed(benchmark_script):
    return benchmark_script("speed")


@pytest.mark.parametrize(("free_gb", "stops"), [(5.0, True), (9.9, True), (10.0, False), (60.0, False)])
def test_speed_benchmarks_need_ten_gigabytes_free(speed, monkeypatch, tmp_path, free_gb, stops):
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: Usage(250e9, 250e9 - free_gb * 1e9, free_gb * 1e9))
    if stops:
        with pytest.raises(
            SystemExit, match=f"only {free_gb:.1f} GB free; a full-scene benchmark needs at least 10"
        ):
            speed.require_free_space(tmp_path)
    else:
        speed.require_free_space(tmp_path)
