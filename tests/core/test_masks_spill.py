"""Pass 2 of the day masks from pass 1's temporary files (issue 15): the scene's optical bands are read
once, the masks are bit-identical to pass 2 reading and recomputing everything from the scene (the
implementation before, kept here as the oracle), and the temporary files never outlive the call."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core import clouds, masks
from lst_studio.plugin.core.errors import ProcessingCancelled
from lst_studio.plugin.core.options import MaskOptions
from lst_studio.plugin.core.progress import Progress
from tests.core.test_masks import full_window, make_scene

RESULT_ARRAYS = ("cloud_mask", "scl", "qa", "tests", "water", "snow")


def _pass2_from_the_scene(run, r0, r1, st, cloud, lprob, part):
    """Pass 2 as it was before the spill (f80709d): reads BT, the optical bands and the quality bits
    again and recomputes the spectral indices."""
    win = run.window(r0, r1)
    fl = run.flags[r0:r1]
    data = (fl & masks._DATA) > 0
    bt = np.where(data, run.read(run.thermal, win), np.nan).astype(np.float32)
    bands, _ = run.read_optical(win)
    q = run.scene.read_quality(win)
    sp = clouds.spectral(bands, bt)
    var = clouds.variability_prob(sp, q.saturated.get("green"), q.saturated.get("red"))
    lp = clouds.land_cloud_prob(bt, st.t_low, st.t_high, var, bands["cirrus"])
    lprob[r0:r1] = np.nan_to_num(lp, nan=0.0)
    pcp, water = (fl & masks._PCP) > 0, (fl & masks._WATER) > 0
    snow = masks._snow_held_out(run, r0, r1)
    part.add(lp[data & sp.valid & ~pcp & ~water])
    if st.t_water is not None:
        bright = clouds.brightness_band(bands["swir16"], bands["nir08"])
        wp = clouds.water_cloud_prob(bt, st.t_water, bright, bands["cirrus"])
    else:
        wp = np.ones(bt.shape, np.float32)
    sure = clouds.cloud_decision(pcp & ~snow, water | snow, wp, lp, np.inf, bt, st.t_low)
    sure |= pcp & water & snow & (wp > clouds.WATER_PROB_MIN)
    if st.all_cloud:
        sure |= pcp
    masks._mark_day_tests(run, r0, r1, data & sp.valid, bt, wp, st.t_water, st.t_low)
    cloud[r0:r1] = sure & data
    return part


def _scene(bands: str):
    """The test_masks scene with saturated green and red pixels (Eq. 15's modified NDVI/NDSI) and NaN
    holes in one optical band (pixels with data whose tests are incomplete)."""
    scene, _ = make_scene(size=200, seed=4)
    rng = np.random.default_rng(4)
    sat = {b: rng.random((200, 200)) < 0.02 for b in ("green", "red")}
    scene.arrays["red"][rng.random((200, 200)) < 0.01] = np.nan
    if bands == "no_swir_no_cirrus":
        for b in ("swir16", "swir22", "cirrus"):
            del scene.bands[b]
    read_quality = scene.read_quality

    def with_saturation(window=None):
        q = read_quality(window)
        for b, m in sat.items():
            q.saturated[b] = m[window.toslices()]
        return q

    scene.read_quality = with_saturation
    return scene


@pytest.mark.parametrize("bands", ["all", "no_swir_no_cirrus"])
@pytest.mark.parametrize("threads", [1, 3])
def test_pass2_from_the_spill_is_bit_identical_and_reads_the_scene_once(bands, threads, monkeypatch):
    monkeypatch.setattr(masks, "STRIP_ROWS", 24)  # many strips (9) and chunks on a 200 px scene
    monkeypatch.setattr(masks, "READ_ROWS", 48)
    options = MaskOptions()
    scene = _scene(bands)
    new = masks.compute_masks(scene, full_window(scene), None, options, threads=threads)
    reads_new = list(scene.reads)
    with monkeypatch.context() as m:
        m.setattr(masks, "_pass2_strip", _pass2_from_the_scene)
        scene = _scene(bands)
        old = masks.compute_masks(scene, full_window(scene), None, options, threads=threads)
        reads_old = list(scene.reads)
    assert int((old.cloud_mask == 1).sum()) > 0 and int((old.qa & (1 << 11) > 0).sum()) > 0
    for name in RESULT_ARRAYS:
        a, b = getattr(new, name), getattr(old, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
    assert np.array_equal(new.cloud_distance_km, old.cloud_distance_km, equal_nan=True)
    assert new.metadata == old.metadata and new.percentages == old.percentages
    strips = len(list(range(0, 200, 24)))
    optical = ("blue", "green", "red", "nir08") + (("swir16", "swir22", "cirrus") if bands == "all" else ())
    for b in optical:  # once per strip (pass 1), where pass 2 used to read every band again
        assert reads_new.count(b) == strips and reads_old.count(b) == 2 * strips, b
    assert reads_new.count("lwir11") == strips  # BT too (pass 2 read it again)


def test_spill_round_trip_is_bit_exact_and_float32_only(tmp_path):
    spill = masks._Spill(tmp_path)
    assert spill.folder.parent == tmp_path
    a = np.array([[0.1, -0.0, np.nan], [np.inf, 1e-45, 3.0]], np.float32)
    b = (a * 2).astype(np.float32)
    spill.put(24, [a, b])
    back = spill.take(24, a.shape)
    assert back.dtype == np.float32 and back.shape == (2, 2, 3)
    assert np.array_equal(back.view(np.uint32), np.stack([a, b]).view(np.uint32))
    assert list(spill.folder.iterdir()) == []  # taken: the strip's file is gone
    with pytest.raises(TypeError, match="float32"):
        spill.put(0, [a.astype(np.float64)])
    spill.close()
    assert list(tmp_path.iterdir()) == []


def _watch(monkeypatch) -> list:
    """The files of every spill folder, seen at each ``put``."""
    seen: list = []
    put = masks._Spill.put

    def spy(self, r0, layers):
        put(self, r0, layers)
        seen.append(sorted(p.name for p in self.folder.iterdir()))

    monkeypatch.setattr(masks._Spill, "put", spy)
    return seen


def test_the_temporary_files_are_written_in_scratch_dir_and_removed(tmp_path, monkeypatch):
    scene, _ = make_scene(size=120)
    seen = _watch(monkeypatch)
    masks.compute_masks(scene, full_window(scene), None, MaskOptions(), scratch_dir=tmp_path)
    assert seen and len(seen[-1]) == len(seen)  # one file per strip, all in tmp_path while pass 1 ran
    assert list(tmp_path.iterdir()) == []
    n_day = len(seen)
    night, _ = make_scene(size=120, is_day=False)
    masks.compute_masks(night, full_window(night), None, MaskOptions(), scratch_dir=tmp_path)
    assert len(seen) == n_day and list(tmp_path.iterdir()) == []  # night: no pass 2, nothing spilled


@pytest.mark.parametrize("stop", ["cancel", "error"])
def test_the_temporary_files_are_removed_on_cancel_and_error(stop, tmp_path, monkeypatch):
    monkeypatch.setattr(masks, "STRIP_ROWS", 24)
    monkeypatch.setattr(masks, "READ_ROWS", 48)
    scene, _ = make_scene(size=200)
    taken = {"n": 0}
    take = masks._Spill.take

    def spy(self, r0, shape):
        taken["n"] += 1
        if stop == "error" and taken["n"] == 3:
            raise OSError("disk gone")
        return take(self, r0, shape)

    monkeypatch.setattr(masks._Spill, "take", spy)
    progress = Progress(None, lambda: taken["n"] >= 2)  # cancel in the middle of pass 2
    with pytest.raises(ProcessingCancelled if stop == "cancel" else OSError):
        masks.compute_masks(
            scene, full_window(scene), None, MaskOptions(), progress if stop == "cancel" else None,
            threads=2, scratch_dir=tmp_path,
        )  # fmt: skip
    assert 2 <= taken["n"] < 9  # stopped during pass 2, with files of pass 1 still waiting
    assert list(tmp_path.iterdir()) == []
