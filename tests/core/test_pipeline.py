"""pipeline.produce on an in-memory Scene whose radiances follow the RTE forward model exactly.

The fake scene's emissivity is built with our own NDVI-THM from its red/NIR, so RTE with the true
atmosphere must give back the true LST to float precision on clear land: that checks the wiring
(windows, AOI, bands, K1/K2, emissivity per band) rather than the physics, which test_lst covers.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from pyproj import Transformer

from lst_studio.plugin.core import aoi_masks, pipeline
from lst_studio.plugin.core import emissivity as em
from lst_studio.plugin.core.errors import AoiError, ProcessingCancelled
from lst_studio.plugin.core.options import Aoi, AtmosphereInput, EmissivityOptions, LstOptions
from lst_studio.plugin.core.products.scene import Band, Grid, QualityBlock
from lst_studio.plugin.core.progress import Progress
from lst_studio.plugin.core.quality import QA_BIT
from lst_studio.plugin.core.radiometry import brightness_temperature, ndvi, planck_radiance
from lst_studio.plugin.core.result import ProductResult

K = {"lwir11": (774.8853, 1321.0789), "lwir12": (480.8883, 1201.1442)}
ATM = {"lwir11": (0.85, 1.2, 2.0), "lwir12": (0.80, 1.5, 2.4)}  # tau, Lu, Ld
RES = 30.0


class FakeScene:
    """The Scene protocol over in-memory arrays on a 30 m UTM grid (day or night)."""

    def __init__(self, size=96, seed=0, night=False, fill_corner=True, cloud_disc=False):
        rng = np.random.default_rng(seed)
        self.path = Path("/nonexistent/fake_product")
        self.product_id = "FAKE_L1C_TEST"
        self.source_format = "fake"
        self.platform = "LANDSAT-8"
        self.instruments = ["OLI", "TIRS"]
        self.start_datetime = self.end_datetime = datetime(2023, 7, 1, 10, 30, tzinfo=UTC)
        self.sun_elevation = -20.0 if night else 55.0
        self.sun_azimuth = 140.0
        self.view_off_nadir = self.view_incidence = self.view_azimuth = 0.0
        self.earth_sun_distance = 1.0167
        self.cloud_cover = 0.0
        self.grid = Grid("EPSG:32633", Affine(RES, 0, 500000, 0, -RES, 5000000), size, size)
        to_ll = Transformer.from_crs("EPSG:32633", "EPSG:4326", always_xy=True)
        x0, y0, x1, y1 = self.grid.bounds
        self.footprint_lonlat = [
            to_ll.transform(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))
        ]
        self.tiepoints, self.pointing, self.spectral_response_csv, self.thumbnails = [], None, None, []
        self.warnings, self.extra = [], {}
        self.bands = {}
        for name in ("blue", "green", "red", "nir08", "swir16", "swir22", "cirrus"):
            self.bands[name] = Band(name, name, "VNIR", "reflective")
        for name in ("lwir11", "lwir12"):
            self.bands[name] = Band(name, name, "TIR", "thermal", k1=K[name][0], k2=K[name][1])
        shape = (size, size)
        yy, xx = np.mgrid[0:size, 0:size] / size
        self.truth_lst = (290.0 + 15.0 * xx + 5.0 * yy + rng.normal(0, 0.5, shape)).astype(np.float64)
        nd = np.clip(0.05 + 0.8 * yy + rng.normal(0, 0.03, shape), 0.01, 0.9)  # soil, mixed and vegetation
        red = np.clip(0.25 - 0.2 * yy, 0.03, 0.3)
        nir = red * (1 + nd) / (1 - nd)
        self.refl = {
            "blue": red * 0.6,
            "green": red * 0.8,
            "red": red,
            "nir08": nir,
            "swir16": red * 1.2,
            "swir22": red * 0.9,
            "cirrus": np.full(shape, 0.001),
        }
        if cloud_disc:
            d = (np.mgrid[0:size, 0:size][0] - size / 2) ** 2 + (np.mgrid[0:size, 0:size][1] - size / 2) ** 2
            c = d < (size / 6) ** 2
            for b in ("blue", "green", "red", "nir08", "swir16", "swir22"):
                self.refl[b] = np.where(c, 0.55, self.refl[b])
            self.truth_lst = np.where(c, 255.0, self.truth_lst)
        nd_used = ndvi(self.refl["red"], self.refl["nir08"])
        self.radiances = {}
        for b in ("lwir11", "lwir12"):
            eps, _ = em.ndvi_threshold(nd_used, self.refl["red"], b)
            if night:
                eps, _ = em.from_classes(shape, b)
            tau, lu, ld = ATM[b]
            L = tau * (eps * planck_radiance(self.truth_lst, *K[b]) + (1 - eps) * ld) + lu
            self.radiances[b] = L.astype(np.float32)
        self.fill = np.zeros(shape, bool)
        if fill_corner:
            self.fill[:10, :10] = True
        self.reads: list[tuple[str, tuple]] = []

    @property
    def acquisition_datetime(self):
        return self.start_datetime

    @property
    def is_day(self):
        return self.sun_elevation >= 0

    def _sl(self, window):
        if window is None:
            return slice(None), slice(None)
        return window.toslices()

    def read(self, name, window=None):
        self.reads.append((name, (window.height, window.width) if window else None))
        sl = self._sl(window)
        if name in self.radiances:
            a = brightness_temperature(self.radiances[name][sl], *K[name])
        else:
            a = self.refl[name][sl].astype(np.float32)
        return np.ma.MaskedArray(a.astype(np.float32), mask=self.fill[sl].copy())

    def read_values(self, name, window=None):
        return self.read(name, window).filled(np.nan)

    def radiance(self, name, window=None):
        sl = self._sl(window)
        return np.ma.MaskedArray(self.radiances[name][sl].copy(), mask=self.fill[sl].copy())

    def read_quality(self, window=None):
        sl = self._sl(window)
        z = np.zeros_like(self.fill[sl])
        return QualityBlock(self.fill[sl].copy(), z, {"lwir11": z, "lwir12": z}, {"lwir11": z, "lwir12": z})

    def read_sun_angles(self, window=None, grid=None):
        return None

    def close(self):
        pass


def rte_options(**kw) -> LstOptions:
    atm = AtmosphereInput(
        water_vapour_gcm2=1.5,
        transmittance={"lwir11": ATM["lwir11"][0]},
        upwelling={"lwir11": ATM["lwir11"][1]},
        downwelling={"lwir11": ATM["lwir11"][2]},
    )
    return LstOptions(atmosphere=atm, geometric_verification=False, **kw)


def read(path, band=1):
    with rasterio.open(path) as ds:
        return ds.read(band)


def test_rte_recovers_truth_and_writes_everything(tmp_path):
    scene = FakeScene()
    seen = []
    res = pipeline.produce(scene, None, rte_options(), tmp_path / "out", Progress(seen.append))
    assert res.metadata["algorithm"]["name"] == "RTE"
    assert res.metadata["atmosphere"]["source"] == "user profile"
    lst = read(res.rasters["LST"])
    sig = read(res.rasters["LST_UNCERTAINTY"])
    qa = read(res.rasters["QA"])
    cm = read(res.rasters["CLOUD_MASK"])
    water = (qa & (1 << QA_BIT["water"])) > 0
    good = ~scene.fill & (cm == 0) & ~water
    assert good.sum() > 0.5 * good.size
    np.testing.assert_allclose(lst[good], scene.truth_lst[good], atol=2e-3)
    assert np.isnan(lst[scene.fill]).all() and np.isnan(sig[scene.fill]).all()
    assert ((qa[scene.fill] & (1 << QA_BIT["lst_not_retrieved"])) > 0).all()
    assert ((qa[scene.fill] & (1 << QA_BIT["nodata"])) > 0).all()
    assert np.all((sig[good] > 0.2) & (sig[good] < 2.0))
    with rasterio.open(res.rasters["EMISSIVITY"]) as ds:
        assert ds.count == 1 and ds.dtypes[0] == "float32"
    with rasterio.open(res.rasters["VNIR"]) as ds:
        assert (
            list(ds.descriptions)
            == res.band_names["VNIR"]
            == ["blue", "green", "red", "nir08", "swir16", "swir22", "cirrus"]
        )
        np.testing.assert_allclose(ds.read(3)[~scene.fill], scene.refl["red"][~scene.fill], rtol=1e-6)
        assert np.isnan(ds.read(3)[scene.fill]).all()
    with rasterio.open(res.rasters["LST"]) as ds:
        assert ds.is_tiled is False or ds.block_shapes[0] == (256, 256) or ds.width < 256
        assert ds.crs.to_epsg() == 32633 and ds.transform == scene.grid.transform
    assert set(res.rasters) >= {
        "LST",
        "LST_UNCERTAINTY",
        "EMISSIVITY",
        "CLOUD_MASK",
        "SCL",
        "QA",
        "VNIR",
        "CLOUD_DISTANCE",
    }
    assert seen[-1] == pytest.approx(100.0) and all(b >= a - 1e-9 for a, b in pairwise(seen))
    for key in (
        "scene",
        "aoi",
        "algorithm",
        "atmosphere",
        "emissivity",
        "masks",
        "lst_stats",
        "warnings",
        "processing",
    ):
        assert key in res.metadata, key
    stats = res.metadata["lst_stats"]
    clear = ~scene.fill & (cm == 0) & np.isfinite(lst)
    assert stats["valid_pixels"] == int(clear.sum())
    assert stats["min"] == pytest.approx(float(lst[clear].min()), abs=1e-3)
    assert stats["median"] == pytest.approx(float(np.median(lst[clear])), abs=0.02)
    # result.json round trip
    doc = json.loads((tmp_path / "out" / "result.json").read_text())
    assert doc["rasters"]["LST"] == "LST.tif"
    loaded = ProductResult.load(tmp_path / "out")
    assert loaded.grid == res.grid and loaded.metadata["algorithm"]["name"] == "RTE"


def test_auto_without_atmosphere_is_split_window_with_climatology(tmp_path):
    scene = FakeScene(size=48)
    scene.platform = "LANDSAT-9"  # Landsat-8 runs B10 only (retrieval.CHOICE_NOTES: B11 stray light)
    res = pipeline.produce(scene, None, LstOptions(geometric_verification=False), tmp_path / "o")
    md = res.metadata
    assert md["algorithm"]["name"] == "SW" and md["algorithm"]["bands"] == ["lwir11", "lwir12"]
    assert md["atmosphere"]["source"].startswith("climatology (")
    assert any("climatolog" in w for w in md["warnings"])
    with rasterio.open(res.rasters["EMISSIVITY"]) as ds:
        assert ds.count == 2 and [ds.descriptions[0], ds.descriptions[1]] == ["lwir11", "lwir12"]


def test_single_channel_when_b11_unusable(tmp_path):
    scene = FakeScene(size=48)
    scene.bands["lwir12"].usable = False
    scene.bands["lwir12"].unusable_reason = "stray light"
    res = pipeline.produce(scene, None, LstOptions(geometric_verification=False), tmp_path / "o")
    assert res.metadata["algorithm"]["name"] == "SC"


def test_night_uses_classes_and_no_vnir(tmp_path):
    scene = FakeScene(size=48, night=True)
    res = pipeline.produce(scene, None, rte_options(), tmp_path / "o")
    assert res.metadata["emissivity"]["method"] == "classes"
    assert res.metadata["emissivity"]["night_mode"] is True
    assert "VNIR" not in res.rasters
    assert not {name for name, _ in scene.reads} & {"red", "nir08", "blue", "green"}
    lst = read(res.rasters["LST"])
    ok = ~scene.fill
    # the fake night scene uses the land-class emissivity: RTE recovers the truth where no water/snow is flagged
    qa = read(res.rasters["QA"])
    land = ok & ((qa & ((1 << QA_BIT["water"]) | (1 << QA_BIT["snow_ice"]))) == 0)
    np.testing.assert_allclose(lst[land], scene.truth_lst[land], atol=2e-3)
    # night: land-class emissivity (its 0.02 sigma enters LST_UNCERTAINTY, test_retrieval_block.py), and no
    # emissivity-uncertainty layer: nothing delivered or shown reads one (issue 15)
    np.testing.assert_allclose(read(res.rasters["EMISSIVITY"])[land], 0.979, atol=1e-7)
    assert (
        "EMISSIVITY_UNCERTAINTY" not in res.rasters
        and not (tmp_path / "o" / "EMISSIVITY_UNCERTAINTY.tif").exists()
    )


def test_constant_emissivity(tmp_path):
    opts = rte_options(emissivity=EmissivityOptions("constant", 0.95))
    res = pipeline.produce(FakeScene(size=40), None, opts, tmp_path / "o")
    e = read(res.rasters["EMISSIVITY"])
    assert np.nanmin(e) == pytest.approx(0.95) and np.nanmax(e) == pytest.approx(0.95)


def test_aoi_window_and_outside_error(tmp_path):
    scene = FakeScene(size=64)
    aoi = Aoi.from_bbox(500300.0, 4998800.0, 500900.0, 4999400.0, crs="EPSG:32633", name="box")
    res = pipeline.produce(scene, aoi, rte_options(), tmp_path / "o")
    assert (res.grid.width, res.grid.height) == (20, 20)
    assert res.grid.transform == Affine(RES, 0, 500300.0, 0, -RES, 4999400.0)
    lst = read(res.rasters["LST"])
    np.testing.assert_allclose(lst, scene.truth_lst[20:40, 10:30], atol=0.5)  # water pixels differ a little
    assert res.metadata["aoi"]["name"] == "box"
    far = Aoi.from_bbox(0.0, 0.0, 1.0, 1.0)
    with pytest.raises(AoiError):
        pipeline.produce(scene, far, rte_options(), tmp_path / "far")
    assert not (tmp_path / "far").exists()


def test_all_cloud_gives_empty_stats_and_warning(tmp_path, monkeypatch):
    real = aoi_masks.compute_masks

    def all_cloud(scene, window, valid, options, progress=None, **kw):
        m = real(scene, window, valid, options, progress, **kw)
        m.cloud_mask[valid] = 1
        m.percentages["cloud"] = 100.0
        return m

    monkeypatch.setattr(aoi_masks, "compute_masks", all_cloud)
    res = pipeline.produce(FakeScene(size=40), None, rte_options(), tmp_path / "o")
    assert res.metadata["lst_stats"]["valid_pixels"] == 0 and res.metadata["lst_stats"]["median"] is None
    assert any("No clear pixel" in w for w in res.metadata["warnings"])
    assert np.isfinite(read(res.rasters["LST"])).any()  # LST is kept under clouds, flagged by the mask


def test_cancel_leaves_no_files(tmp_path):
    calls = {"n": 0}

    def cancelled():
        calls["n"] += 1
        return calls["n"] > 6

    opts = rte_options(block_size=8)
    with pytest.raises(ProcessingCancelled):
        pipeline.produce(FakeScene(size=64), None, opts, tmp_path / "c", Progress(None, cancelled))
    assert not (tmp_path / "c").exists()
    existing = tmp_path / "keep"
    existing.mkdir()
    (existing / "mine.txt").write_text("x")
    calls["n"] = 0
    with pytest.raises(ProcessingCancelled):
        pipeline.produce(FakeScene(size=64), None, opts, existing, Progress(None, cancelled))
    assert [p.name for p in existing.iterdir()] == ["mine.txt"]


def test_saturated_thermal_pixels_are_not_retrieved(tmp_path, monkeypatch):
    real = aoi_masks.compute_masks

    def with_saturation(scene, window, valid, options, progress=None, **kw):
        m = real(scene, window, valid, options, progress, **kw)
        m.qa[30:32, 30:40] |= 1 << QA_BIT["saturated_lwir11"]
        m.qa[40:42, 30:40] |= 1 << QA_BIT["saturated_lwir12"]  # B11 is not used by RTE
        return m

    monkeypatch.setattr(aoi_masks, "compute_masks", with_saturation)
    res = pipeline.produce(FakeScene(size=64), None, rte_options(), tmp_path / "o")
    lst, sig, qa = (read(res.rasters[k]) for k in ("LST", "LST_UNCERTAINTY", "QA"))
    assert np.isnan(lst[30:32, 30:40]).all() and np.isnan(sig[30:32, 30:40]).all()
    assert ((qa[30:32, 30:40] & (1 << QA_BIT["lst_not_retrieved"])) > 0).all()
    assert np.isfinite(lst[40:42, 30:40]).all()


def test_sample_all_cloud_is_a_valid_empty_result(tmp_path):
    from lst_studio.plugin.core.sample.generate import write_sample

    sample = write_sample(tmp_path / "s", seed=2, all_cloud=True, size=96)
    res = pipeline.produce(sample.product_dir, None, LstOptions(geometric_verification=False), tmp_path / "o")
    md = res.metadata
    assert md["masks"]["percentages"]["cloud"] > 99.0
    assert md["lst_stats"]["valid_pixels"] == 0 and md["lst_stats"]["median"] is None
    assert any("No clear pixel" in w for w in md["warnings"])
    assert (tmp_path / "o" / "result.json").exists()


def test_sample_night_uses_classes(tmp_path):
    from lst_studio.plugin.core.sample.generate import write_sample

    sample = write_sample(tmp_path / "s", seed=3, night=True, size=96)
    res = pipeline.produce(sample.product_dir, None, LstOptions(geometric_verification=False), tmp_path / "o")
    md = res.metadata
    assert md["scene"]["is_day"] is False and md["emissivity"]["method"] == "classes"
    assert md["algorithm"]["name"] == "SW" and "VNIR" not in res.rasters
    truth = read(Path(sample.truth_dir) / "LST.tif")
    lst = read(res.rasters["LST"])
    clouds = read(Path(sample.truth_dir) / "CLOUDS.tif")
    ok = np.isfinite(lst) & np.isfinite(truth) & (clouds == 0)
    assert ok.sum() > 1000
    assert abs(float(np.median(lst[ok] - truth[ok]))) < 2.0  # class emissivity at night: K-level accuracy


def test_split_window_with_profile_but_no_water_vapour_warns(tmp_path):
    opts = rte_options(algorithm="SW")
    opts.atmosphere.water_vapour_gcm2 = None
    res = pipeline.produce(FakeScene(size=40), None, opts, tmp_path / "o")
    md = res.metadata
    assert md["algorithm"]["name"] == "SW" and md["atmosphere"]["water_vapour_gcm2"] == pytest.approx(2.92)
    assert any("climatological" in w for w in md["warnings"])


def test_unreadable_product_leaves_no_workdir(tmp_path):
    from lst_studio.plugin.core.errors import ProductError

    bad = tmp_path / "broken_product.geojson"
    bad.write_text("{ not json")
    with pytest.raises(ProductError):
        pipeline.produce(bad, None, LstOptions(), tmp_path / "w")
    assert not (tmp_path / "w").exists()


def test_masks_temporary_files_go_to_the_run_folder_and_are_removed(sample_product, tmp_path, monkeypatch):
    """The day masks' per-pixel files of pass 1 (masks._Spill) live in the run's own folder, not in the
    system's temporary folder, and are gone when produce returns."""
    from lst_studio.plugin.core import masks

    folders = []
    real = masks._Spill.__init__

    def init(self, parent=None):
        real(self, parent)
        folders.append(self.folder)

    monkeypatch.setattr(masks._Spill, "__init__", init)
    work = tmp_path / "run"
    pipeline.produce(sample_product, None, LstOptions(geometric_verification=False), work)
    assert len(folders) == 1 and folders[0].is_relative_to(work) and not folders[0].exists()
    assert folders[0].parent.name.startswith(f"masks-{os.getpid()}.")  # a work folder of this process
    assert not (work / ".lststudio-work").exists()


def test_the_masks_files_of_a_killed_run_are_removed_by_the_next_run(sample_product, tmp_path):
    """A run killed during the masks leaves its ~1.3 GB of temporary files (full scene) in the output
    folder; the next run there removes them when their process is gone, and keeps a live run's."""
    import subprocess

    from lst_studio.plugin.core.delivery.workspace import HOST_TAG

    dead = subprocess.Popen(["true"])
    dead.wait()
    work = tmp_path / "run"
    place = work / ".lststudio-work"
    killed = place / f"masks-{dead.pid}.{HOST_TAG}-abc" / "lststudio_masks_x"
    live = place / f"masks-{os.getppid()}.{HOST_TAG}-def"
    for folder in (killed, live):
        folder.mkdir(parents=True)
    (killed / "rows_0000000.f32").write_bytes(b"\0" * 1024)
    pipeline.produce(sample_product, None, LstOptions(geometric_verification=False), work)
    assert sorted(p.name for p in place.iterdir()) == [live.name]


def test_a_full_disk_during_the_run_is_our_one_line_error_and_nothing_is_kept(
    sample_product, tmp_path, monkeypatch
):
    """The run's folder fills up while the masks write their temporary files: an OutputError naming the
    folder (not an OSError traceback), and the run leaves nothing behind."""
    import errno

    from lst_studio.plugin.core import masks
    from lst_studio.plugin.core.errors import OutputError

    def full(self, r0, layers):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / "rows.f32"))

    monkeypatch.setattr(masks._Spill, "put", full)
    work = tmp_path / "run"
    work.mkdir()
    with pytest.raises(OutputError, match="writing into the output folder failed .*No space left"):
        pipeline.produce(sample_product, None, LstOptions(geometric_verification=False), work)
    assert list(work.iterdir()) == []
