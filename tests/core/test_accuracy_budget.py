"""benchmarks/accuracy.py --budget: the ablation switches exactly one error source on, and restores the generator."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lst_studio.plugin.core.sample import error_sources as es
from lst_studio.plugin.core.sample import generate
from lst_studio.plugin.core.sample.generate import write_sample

SEED = 3  # draws: air offset +0.79 K, calibration -0.244 K (B10) / -0.664 K (B11)


@pytest.fixture(scope="module")
def accuracy(benchmark_script):
    return benchmark_script("accuracy")


def _drawn(sample) -> dict:
    return json.loads((Path(sample.truth_dir) / "atmosphere.json").read_text())["error_sources"]


def test_only_calibration_keeps_the_calibration_draw(accuracy, tmp_path):
    full = es.ErrorSources.draw(SEED, True)
    with accuracy._only_error_sources(("calibration",)):
        sample = write_sample(tmp_path / "s", seed=SEED, size=64, water_vapour_gcm2=2.0, error_sources=True)
    drawn = _drawn(sample)
    assert drawn["air_temperature_offset_k"] == 0.0
    assert drawn["calibration_offset_k"] == pytest.approx(full.calibration_offset_k)
    assert abs(full.air_temperature_offset_k) > 0.5  # the switch removed something real
    assert generate.ErrorSources is es.ErrorSources  # restored


def test_only_air_offset_drops_calibration_and_emissivity(accuracy):
    with accuracy._only_error_sources(("air",)):
        e = generate.ErrorSources.draw(SEED, True)
    assert e.air_temperature_offset_k == pytest.approx(
        es.ErrorSources.draw(SEED, True).air_temperature_offset_k
    )
    assert e.calibration_offset_k == {"lwir11": 0.0, "lwir12": 0.0}
    assert not np.any(e.emissivity_offset(np.array([1, 2, 3]), np.zeros(3), np.zeros(3)))
    assert generate.ErrorSources is es.ErrorSources


def test_budget_row_splits_scene_and_pixel_errors(accuracy):
    d = {
        "err": [np.array([1.0, 3.0]), np.array([-1.0, -1.0])],
        "sigma": [np.ones(2), np.ones(2)],
        "w_used": [2.1, 1.9],
        "drawn": [{}, {}],
    }
    row = accuracy._budget_row(2.0, "ideal", "SC", "ERA5 w", d)
    assert row["scene_rms"] == pytest.approx(np.sqrt((2.0**2 + 1.0**2) / 2))
    assert row["pixel_rms"] == pytest.approx(np.sqrt(2 / 4))
    assert row["rmse"] ** 2 == pytest.approx(row["scene_rms"] ** 2 + row["pixel_rms"] ** 2)
    assert row["w_error_rms"] == pytest.approx(0.1)
    assert row["within_1sigma"] == pytest.approx(0.75)
    assert np.isnan(row["nominal_scene"])  # two scenes cannot fit intercept + w slope


def test_nominal_scene_sigma_scales_the_fitted_slope_to_the_nominal_draw(accuracy):
    # scene bias = 0.1 K + 0.5 K per K of air offset, exactly: nominal = hypot(0.1, 0.5 * 4.5 K)
    air = np.array([-3.0, -1.0, 0.5, 2.0, 4.0])
    d = {"drawn": [{"air_temperature_offset_k": float(a)} for a in air], "w_used": [2.0] * 5}
    got = accuracy._nominal_scene_sigma(2.0, "air offset", "true w", 0.1 + 0.5 * air, d)
    assert got == pytest.approx(np.hypot(0.1, 0.5 * es.SIGMA_AIR_K))
