"""The export's steps side by side (delivery/steps.py): order, progress, cancel and errors, and COG bytes
that do not depend on the number of threads; the band statistics the encoding pass gathers."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine

from lst_studio.plugin.core.delivery import cog
from lst_studio.plugin.core.delivery.steps import run_steps
from lst_studio.plugin.core.errors import ExportError, ProcessingCancelled
from lst_studio.plugin.core.progress import Progress


def _waiting_step(name: str, log: list, seconds: float = 5.0):
    """A step that reports progress until ``seconds`` have passed (or a check raises)."""

    def step(progress: Progress) -> str:
        log.append(("start", name))
        t0 = time.monotonic()
        while time.monotonic() - t0 < seconds:
            progress.update((time.monotonic() - t0) / seconds)
            time.sleep(0.01)
        log.append(("end", name))
        return name

    return step


def test_results_in_given_order_heaviest_started_first():
    log: list = []
    steps = [_waiting_step(n, log, 0.02) for n in ("light", "heavy", "middle")]
    assert run_steps(steps, [1.0, 5.0, 2.0], workers=1) == ["light", "heavy", "middle"]
    assert [n for what, n in log if what == "start"] == ["heavy", "middle", "light"]


def test_progress_is_reported_on_the_calling_thread_and_rises_to_the_end():
    seen: list[tuple[float, str]] = []
    progress = Progress(lambda v: seen.append((v, threading.current_thread().name)))
    run_steps([_waiting_step(str(i), [], 0.3) for i in range(3)], [1.0, 1.0, 2.0], progress, workers=2)
    values = [v for v, _ in seen]
    assert values == sorted(values) and values[-1] == pytest.approx(100.0)
    assert {name for _, name in seen} == {threading.current_thread().name}


def test_cancel_stops_every_running_step_at_once():
    log: list = []
    t0 = time.monotonic()
    cancel_at = t0 + 0.3
    progress = Progress(None, lambda: time.monotonic() > cancel_at)
    with pytest.raises(ProcessingCancelled):
        run_steps([_waiting_step(str(i), log, 10.0) for i in range(4)], [1.0] * 4, progress, workers=2)
    assert time.monotonic() - t0 < 2.0  # not the 10 s the steps would take
    assert [n for what, n in log if what == "start"] == ["0", "1"]  # the queued steps never started
    assert not [n for what, n in log if what == "end"]


def test_an_error_stops_the_others_and_is_raised_itself():
    log: list = []

    def broken(progress: Progress) -> None:
        time.sleep(0.1)
        raise ExportError("/x/VNIR.tif: GDAL COG driver failed (disk full)")

    t0 = time.monotonic()
    with pytest.raises(ExportError, match="disk full"):
        run_steps([_waiting_step("long", log, 10.0), broken], [1.0, 1.0], workers=2)
    assert time.monotonic() - t0 < 2.0 and ("end", "long") not in log


def _lst_like(path: Path, width: int = 1500, height: int = 1300) -> Path:
    """Float LST with structure, noise and NaN holes: tiles compress to different sizes."""
    rng = np.random.default_rng(7)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    lst = 290 + 10 * np.sin(xx / 97) * np.cos(yy / 61) + rng.normal(0, 0.7, (height, width))
    lst[(xx - 400) ** 2 + (yy - 500) ** 2 < 150**2] = np.nan
    profile = {
        "driver": "GTiff", "width": width, "height": height, "count": 1, "dtype": "float32",
        "crs": "EPSG:32633", "transform": Affine(30, 0, 500000, 0, -30, 5300000), "nodata": np.nan,
        "tiled": True, "blockxsize": 256, "blockysize": 256,
    }  # fmt: skip
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(lst.astype(np.float32), 1)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cog_bytes_do_not_depend_on_threads_or_on_what_runs_beside(tmp_path, monkeypatch):
    src = _lst_like(tmp_path / "LST.tif")
    digests = []
    for workers, gdal_threads in ((1, "1"), (4, "ALL_CPUS"), (2, "4")):
        out = tmp_path / f"w{workers}"
        out.mkdir()
        original = cog.creation_options

        def options(*args, threads=gdal_threads, original=original):
            return [
                o if not o.startswith("NUM_THREADS=") else f"NUM_THREADS={threads}" for o in original(*args)
            ]

        monkeypatch.setattr(cog, "creation_options", options)
        jobs = [
            cog.CogJob(src, key, out / f"{key}.tif") for key in ("LST", "LST_UNCERTAINTY", "ACQUISITION_TIME")
        ]
        stats = run_steps([j.step(out) for j in jobs], [j.weight for j in jobs], workers=workers)
        monkeypatch.setattr(cog, "creation_options", original)
        digests.append([_digest(j.dst_path) for j in jobs])
        assert stats[0][0].count == stats[1][0].count > 0
        assert sorted(p.name for p in out.iterdir()) == sorted(
            f"{j.layer_key}.tif" for j in jobs
        )  # no temp left
    assert digests[0] == digests[1] == digests[2]


def test_band_stats_known_values():
    values = np.array([[1.5, np.nan, -2.0], [4.0, 0.25, np.inf]], dtype=np.float32)
    valid = np.isfinite(values)
    stats = cog.BandStats()
    stats.add(values[:1], valid[:1])
    stats.add(values[1:], valid[1:], np.empty((1, 3)))
    ref = np.array([1.5, -2.0, 4.0, 0.25])
    s = stats.as_stac()
    assert (stats.count, stats.total) == (4, 6)
    assert (s["minimum"], s["maximum"]) == (-2.0, 4.0)
    assert s["mean"] == pytest.approx(ref.mean()) and s["stddev"] == pytest.approx(ref.std())
    assert s["valid_percent"] == pytest.approx(100 * 4 / 6, abs=1e-4)
    masks = cog.BandStats()
    masks.add(np.array([0, 1, 255, 1], dtype=np.uint8), np.array([True, True, False, True]))
    assert (masks.minimum, masks.maximum, masks.sum, masks.count) == (0, 1, 2.0, 3)
    empty = cog.BandStats()
    empty.add(values, np.zeros(values.shape, dtype=bool))
    assert empty.as_stac() == {"valid_percent": 0.0}


def test_cancel_while_layers_are_written_leaves_nothing(tmp_path):
    """Cancel as soon as the first COG has landed in the work folder, other layers in flight."""
    from lst_studio.plugin.core.delivery.package import export_package
    from lst_studio.plugin.core.options import DeliveryOptions

    from .test_delivery import make_result

    out = tmp_path / "out"
    result = make_result(tmp_path / "result", width=900, height=800)

    seen = []

    def landed() -> bool:  # sticky, as a user's cancel is (GDAL removes the COG it was writing)
        if not seen and any(not p.name.startswith(".") for p in out.glob(".lststudio-work/package-*/*.tif")):
            seen.append(True)
        return bool(seen)

    with pytest.raises(ProcessingCancelled):
        export_package(result, out, DeliveryOptions(), Progress(None, landed))
    assert not out.exists() or list(out.iterdir()) == []
