"""Issue 16 on real Landsat-8 data (benchmarks/real_lst_check.py): the South Carolina subset, where split-window
once gave clear pixels up to 372 K, has no clear pixel above 330 K by default, and forced split-window leaves no
value where T10 - T11 is outside the guard bounds (those pixels fall back to B10 with the QA bit)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENE = ROOT.parent / "shared" / "data" / "real-landsat" / "LC08_L1TP_016037_20170813_20170814_01_RT"

pytestmark = pytest.mark.skipif(not SCENE.is_dir(), reason="real Landsat subsets not beside the checkout")


@pytest.fixture(scope="module")
def rows(tmp_path_factory, benchmark_script):
    module = benchmark_script("real_lst_check")
    return {r["run"]: r for r in module.measure(SCENE, tmp_path_factory.mktemp("real"))}


def test_default_retrieval_has_no_clear_pixel_above_330_k(rows):
    auto = rows["auto"]
    assert auto["algorithm"] == "SC"  # Landsat-8: B10 only (B11 stray light)
    assert auto["clear"] > 1000 and auto["clear_above_limit"] == 0 and auto["max_clear_k"] < 330.0


def test_split_window_values_stay_inside_the_guard_bounds(rows):
    sw = rows["SW"]
    assert sw["algorithm"] == "SW" and sw["sw_values"] > 1000
    assert sw["fallback"] > 0  # this scene has pixels outside the bounds: the guard acts
    assert sw["sw_outside_bounds"] == 0 and sw["clear_above_limit"] == 0
