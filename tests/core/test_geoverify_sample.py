"""Geometric verification on sample products with a known thermal shift and distortion island.

The generator (core.sample) moves the thermal group by ``tir_shift_px`` = (columns, rows; rows grow
southwards) against the optical group and adds a cos²-profile island of extra shift; the truth is in
``truth/tiepoints.json`` (``dx_m_east``, ``dy_m_north``, island centre/radius). Cloudy chips are left
out with the truth cloud mask grown by 3 px (Fmask's default buffer), so the test does not depend on
the cloud detector's quality.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import rasterio
from scipy import ndimage

from lst_studio.plugin.core.geoverify import measure_alignment, tiepoint_statistics
from lst_studio.plugin.core.products import open_product
from lst_studio.plugin.core.sample.generate import write_sample

SHIFT_PX = (0.3, -0.2)
GSD = 30.0


@pytest.fixture(scope="module")
def shifted(tmp_path_factory):
    sample = write_sample(
        tmp_path_factory.mktemp("gv"), seed=1, tir_shift_px=SHIFT_PX, distortion_island=True
    )
    truth = json.loads((sample.truth_dir / "tiepoints.json").read_text())
    with rasterio.open(sample.truth_dir / "CLOUDS.tif") as ds:
        clouds = ds.read(1)
    cloud_mask = ndimage.binary_dilation((clouds > 0) & (clouds != 255), iterations=3).astype(np.uint8)
    scene = open_product(sample.product_dir)
    yield scene, truth, cloud_mask
    scene.close()


def test_measured_shift_within_a_tenth_of_a_pixel(shifted):
    scene, truth, cloud_mask = shifted
    al = measure_alignment(scene, cloud_mask=cloud_mask)
    true_m = np.array([truth["dx_m_east"], truth["dy_m_north"]])
    assert true_m.tolist() == [9.0, 6.0]  # 0.3 px east, 0.2 px north on the 30 m grid
    measured = np.array(al.thermal_shift_m())
    assert np.hypot(*(measured - true_m)) / GSD <= 0.1, measured
    for st in al.thermal_stats():
        assert st.inliers >= 10
        err = np.array([st.mean_dx_m, st.mean_dy_m]) - true_m
        assert np.hypot(*err) / GSD <= 0.15, (st.source, err)
    summary = al.summary()
    assert summary["assessed"] is True
    # The worst pair's radial RMSE holds the 0.36 px shift itself plus the chips' scatter.
    assert math.hypot(*SHIFT_PX) <= summary["radial_rmse_px"] <= 0.8
    # Optical bands are co-registered in the sample: their pairs show no shift.
    for st in al.stats:
        if st.target != "lwir11":
            assert math.hypot(st.mean_dx_m, st.mean_dy_m) / GSD < 0.05, st.source


def test_distortion_island_is_found(shifted):
    scene, truth, cloud_mask = shifted
    island = truth["island"]
    al = measure_alignment(scene, cloud_mask=cloud_mask, step=16)
    islands = al.islands()
    centre = (island["centre_col"], island["centre_row"])
    near = [
        i for i in islands if math.hypot(i["col"] - centre[0], i["row"] - centre[1]) < island["radius_px"]
    ]
    assert near, islands
    found = near[0]
    # It moves the thermal band further east (the island adds 1.5 px east at its centre).
    assert found["mean_dx_m"] - truth["dx_m_east"] > 0.5 * GSD
    # Every chip centred in the island's core is an outlier in at least two of the three
    # optical->thermal pairs (the rule islands() applies), and its residual points east.
    votes: dict[tuple[float, float], int] = {}
    for tp, flags, px in zip(al.tiepoints, al.outliers, al.centres_px):
        if tp.target != "lwir11":
            continue
        core = np.hypot(px[:, 0] - centre[0], px[:, 1] - centre[1]) < island["radius_px"] / 3
        for i in np.flatnonzero(core):
            votes[(px[i, 0], px[i, 1])] = votes.get((px[i, 0], px[i, 1]), 0) + int(flags[i])
            assert tp.dxy_m[i, 0] - truth["dx_m_east"] > 0.5 * GSD, (tp.source, px[i])
    assert votes and all(v >= 2 for v in votes.values()), votes
    # The cluster's chips overlap the island (centre within radius + half a chip diagonal).
    for col, row in found["pixels"]:
        assert math.hypot(col - centre[0], row - centre[1]) < island["radius_px"] + 32 * math.sqrt(2)


def test_given_farearth_tiepoints_agree_with_the_measurement(shifted):
    """The sample's own GVER_REL RED->TIR1 (truth + 4 m noise) and our red->lwir11 agree."""
    scene, truth, cloud_mask = shifted
    given = {(s.kind, s.source, s.target): s for s in tiepoint_statistics(scene.tiepoints)}
    rel = given[("REL", "RED", "TIR1")]
    assert rel.gsd_m == GSD and rel.count > 10
    assert rel.mean_dx_m == pytest.approx(truth["dx_m_east"], abs=3.0)
    assert rel.mean_dy_m == pytest.approx(truth["dy_m_north"], abs=3.0)
    assert rel.outliers >= 1  # the island's tiepoints
    ours = measure_alignment(scene, cloud_mask=cloud_mask)
    red = next(s for s in ours.stats if (s.source, s.target) == ("red", "lwir11"))
    assert math.hypot(red.mean_dx_m - rel.mean_dx_m, red.mean_dy_m - rel.mean_dy_m) / GSD < 0.2
