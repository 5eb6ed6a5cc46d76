"""Geometric verification: phase correlation, our tiepoint measurement, statistics of given tiepoints.

Synthetic scenes are analytic Fourier fields, so the thermal band can be sampled exactly at shifted
positions (no interpolation error in the truth). Bands share one land-cover-like field under different
radiometric mappings (linear, inverted, gamma, exponential), as thermal and optical bands share edges
but not radiometry.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from affine import Affine
from rasterio.windows import Window

from lst_studio.plugin.core.geoverify import (
    Alignment,
    default_pairs,
    measure_alignment,
    outlier_flags,
    phase_correlation,
    tiepoint_statistics,
)
from lst_studio.plugin.core.geoverify.measure import PAIR_KEYS, match_chip, orientation_field
from lst_studio.plugin.core.products.gver import read_gver
from lst_studio.plugin.core.products.scene import Band, Grid

RES = 30.0


def fourier_field(seed: int, n_waves: int = 60, wl_min: float = 6.0, wl_max: float = 60.0):
    """f(u, v) = Σ a sin(2π(fx u + fy v) + φ), unit variance; evaluable at any (u, v) in pixels."""
    rng = np.random.default_rng(seed)
    wl = np.exp(rng.uniform(math.log(wl_min), math.log(wl_max), n_waves))
    theta = rng.uniform(0, np.pi, n_waves)
    fx, fy = np.cos(theta) / wl, np.sin(theta) / wl
    phase = rng.uniform(0, 2 * np.pi, n_waves)
    amp = wl / np.sqrt(np.sum(wl**2) / 2)

    def f(u: np.ndarray, v: np.ndarray) -> np.ndarray:
        out = np.zeros(np.broadcast(u, v).shape)
        for a, x, y, p in zip(amp, fx, fy, phase):
            out += a * np.sin(2 * np.pi * (x * u + y * v) + p)
        return out

    return f


class SyntheticScene:
    """Scene protocol subset (grid, bands, read, tiepoints) on a UTM 33N grid of RES metres.

    The thermal band sees the ground displaced by ``shift_px`` = (columns, rows) pixels (rows down),
    plus ``island`` = (col, row, radius, (dcol, drow)) extra displacement inside a disc.
    """

    def __init__(self, n=256, seed=3, shift_px=(0.0, 0.0), island=None, flat_thermal=False, nodata_rows=0):
        self.grid = Grid("EPSG:32633", Affine(RES, 0, 500000.0, 0, -RES, 4100000.0), n, n)
        f = fourier_field(seed)
        v, u = np.mgrid[0:n, 0:n].astype(float) + 0.5
        du = np.full((n, n), float(shift_px[0]))
        dv = np.full((n, n), float(shift_px[1]))
        if island is not None:
            ic, ir, radius, (idc, idr) = island
            inside = np.hypot(u - ic, v - ir) < radius
            du[inside] += idc
            dv[inside] += idr
        ground = f(u, v)
        # A feature at (u, v) on the ground appears at (u + du, v + dv) in the thermal band.
        thermal_ground = f(u - du, v - dv)
        rng = np.random.default_rng(seed + 100)
        self.data = {
            "red": 0.10 + 0.03 * ground,
            "nir08": 0.30 - 0.05 * ground,  # inverted contrast
            "swir16": 0.05 + 0.02 * (ground + 6.0) ** 2.2,  # gamma
            "lwir11": 300.0 + 2.0 * np.exp(-0.8 * thermal_ground),  # inverted and exponential
        }
        if flat_thermal:
            self.data["lwir11"] = np.full((n, n), 300.0)
        for name, a in self.data.items():
            noisy = a + 0.01 * float(np.std(a) or 1.0) * rng.standard_normal(a.shape)
            if nodata_rows:
                noisy[:nodata_rows] = np.nan
            self.data[name] = noisy.astype(np.float32)
        self.bands = {
            k: Band(
                k,
                k,
                "TIR" if k.startswith("lwir") else "VNIR",
                "thermal" if k.startswith("lwir") else "reflective",
            )
            for k in self.data
        }
        self.tiepoints = []

    def read(self, name: str, window: Window | None = None) -> np.ma.MaskedArray:
        a = self.data[name]
        if window is not None:
            r0, c0 = int(window.row_off), int(window.col_off)
            a = a[r0 : r0 + int(window.height), c0 : c0 + int(window.width)]
        return np.ma.masked_invalid(a.copy())

    def close(self) -> None:
        pass


# --- phase correlation -------------------------------------------------------------------------------


def test_phase_correlation_integer_shift_sign():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((64, 64))
    b = np.roll(a, (3, -5), axis=(0, 1))  # feature at (r, c) in a is at (r + 3, c - 5) in b
    s = phase_correlation(a, b, lowpass=0, window=False)  # a circular shift: exact
    assert (s.drow, s.dcol) == pytest.approx((3.0, -5.0), abs=1e-9)
    assert s.peak == pytest.approx(1.0, abs=1e-3)  # less the removed mean (DC)


@pytest.mark.parametrize(
    ("mapping", "shift"),
    [
        ("inverted", (0.3, -0.2)),
        ("gamma", (0.3, -0.2)),
        ("gamma", (-1.45, 2.7)),
        ("exponential", (0.0, 0.45)),
    ],
)
def test_chip_shift_subpixel_across_radiometry(mapping, shift):
    """A textured field and a shifted copy under another radiometric mapping: within 0.05 px."""
    f = fourier_field(7)
    v, u = np.mgrid[0:128, 0:128].astype(float)
    dcol, drow = shift
    source = f(u, v)
    moved = f(u - dcol, v - drow)
    target = {"inverted": -moved, "gamma": (moved + 6.0) ** 2.2, "exponential": np.exp(-moved)}[mapping]
    m = match_chip(orientation_field(source, 1.0), orientation_field(target, 1.0), 32, 32, 64, 8.0)
    assert m.converged
    assert m.dcol == pytest.approx(dcol, abs=0.05)
    assert m.drow == pytest.approx(drow, abs=0.05)
    assert m.score > 0.6


# --- measurement on scenes ---------------------------------------------------------------------------


def _median_px(alignment: Alignment, source: str, target: str) -> np.ndarray:
    for tp, flags in zip(alignment.tiepoints, alignment.outliers):
        if (tp.source, tp.target) == (source, target):
            return np.median(tp.dxy_m[~flags], axis=0) / RES
    raise AssertionError(f"no pair {source}->{target}")


def test_measured_shift_and_sign_convention():
    """Thermal moved 0.3 px east and 0.2 px north (rows up): every optical->lwir11 pair gives
    dx ≈ +9 m, dy ≈ +6 m; optical->optical pairs give zero."""
    scene = SyntheticScene(shift_px=(0.3, -0.2))
    al = measure_alignment(scene)
    for source in ("red", "nir08", "swir16"):
        med = _median_px(al, source, "lwir11")
        assert med == pytest.approx([0.3, 0.2], abs=0.05), source
    assert _median_px(al, "red", "nir08") == pytest.approx([0.0, 0.0], abs=0.02)
    assert _median_px(al, "swir16", "red") == pytest.approx([0.0, 0.0], abs=0.02)
    summary = al.summary()
    assert summary["assessed"] is True
    assert summary["gsd_m"] == RES
    # The worst thermal pair's radial RMSE includes the 0.36 px bias itself.
    assert summary["radial_rmse_px"] == pytest.approx(math.hypot(0.3, 0.2), abs=0.08)
    # lonlat are the chip centres in WGS84: back in UTM they are the chip centres on the grid.
    col, row = _pixels(scene, al.tiepoints[0].lonlat)
    assert np.column_stack([col, row]) == pytest.approx(al.centres_px[0], abs=1e-3)
    assert col.min() > 32 and col.max() < 224 and row.min() > 32 and row.max() < 224


def _pixels(scene, lonlat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from pyproj import Transformer

    x, y = Transformer.from_crs("EPSG:4326", scene.grid.crs, always_xy=True).transform(
        lonlat[:, 0], lonlat[:, 1]
    )
    return ~scene.grid.transform * (np.asarray(x), np.asarray(y))


@pytest.mark.parametrize("chip", [32, 64])
def test_island_is_found_as_outliers(chip):
    centre, radius = (180.0, 80.0), 30.0
    scene = SyntheticScene(shift_px=(0.3, -0.2), island=(*centre, radius, (1.5, 1.0)))
    al = measure_alignment(scene, chip=chip, step=16)
    assert _median_px(al, "red", "lwir11") == pytest.approx([0.3, 0.2], abs=0.05)
    islands = al.islands()
    assert len(islands) == 1
    (island,) = islands
    assert math.hypot(island["col"] - centre[0], island["row"] - centre[1]) < radius / 2
    # A chip is affected when it overlaps the island: centre within radius + half a chip diagonal.
    for col, row in island["pixels"]:
        assert math.hypot(col - centre[0], row - centre[1]) < radius + chip / 2 * math.sqrt(2)
    # Its displacement: the island's extra (1.5, 1.0) px on top of the uniform (0.3, 0.2) px, diluted
    # by the chips that only partly overlap it; at least half of it, in the right direction.
    assert island["mean_dx_m"] / RES > 0.3 + 0.75 and island["mean_dy_m"] / RES < -(0.5 - 0.2)
    # Nearly all outliers are in the island; optical pairs see none.
    points = al.outlier_points(thermal_only=True)
    assert len(points) >= 3 * len(island["pixels"]) * 0.8
    assert not any(p["target"] != "lwir11" for p in al.outlier_points())


def test_cloudy_chips_rejected():
    scene = SyntheticScene(shift_px=(0.3, -0.2))
    clouds = np.zeros((256, 256), np.uint8)
    clouds[:128] = 1
    al = measure_alignment(scene, cloud_mask=clouds)
    assert all(r["cloud"] > 0 for r in al.rejected.values())
    for tp in al.tiepoints:
        col, row = _pixels(scene, tp.lonlat)
        assert len(row) > 0 and row.min() > 128  # only chips in the clear southern half


def test_nodata_chips_rejected():
    scene = SyntheticScene(nodata_rows=100)
    al = measure_alignment(scene, window=Window(0, 0, 256, 256))
    assert al.rejected["red>lwir11"]["nodata"] > 0
    col, row = _pixels(scene, al.tiepoints[0].lonlat)
    assert len(row) > 0 and row.min() - 32 >= 100  # chips start below the nodata rows


def test_flat_thermal_is_not_assessed():
    scene = SyntheticScene(flat_thermal=True)
    al = measure_alignment(scene)
    summary = al.summary()
    assert summary["assessed"] is False
    assert summary["radial_rmse_px"] is None and summary["ce90_m"] is None
    thermal = [p for p in summary["pairs"] if p["target"] == "lwir11"]
    assert all(p["count"] - p["outliers"] < 10 for p in thermal)


def test_summary_keys_and_json_roundtrip(tmp_path):
    scene = SyntheticScene(shift_px=(-0.4, 0.25))
    al = measure_alignment(scene)
    summary = al.summary()
    assert set(summary) == {"method", "assessed", "gsd_m", "pairs", "radial_rmse_px", "ce90_m"}
    assert all(tuple(p) == PAIR_KEYS for p in summary["pairs"])
    json.dumps(summary)  # plain JSON types only
    path = al.write_json(tmp_path / "X_TIEPOINTS.json")
    back = read_gver(path, kind="REL")
    assert [(t.source, t.target) for t in back] == [(t.source, t.target) for t in al.tiepoints]
    assert back[0].score is not None and len(back[0].score) == len(al.tiepoints[0].score)
    # The statistics of the file equal the measurement's (same outliers, same figures to rounding).
    for got, want in zip(tiepoint_statistics(back), al.stats):
        assert got.count == want.count and got.outliers == want.outliers
        assert got.radial_rmse_m == pytest.approx(want.radial_rmse_m, abs=1e-3)
        assert got.class_counts == want.class_counts
    # (-0.4, 0.25) px: the worst pair's radial RMSE is about the 0.47 px shift itself.
    assert summary["radial_rmse_px"] == pytest.approx(math.hypot(0.4, 0.25), abs=0.08)


def test_large_shift_is_measured():
    """0.9 px east (beyond CEOS-ARD's 0.5 px): dx = +27 m, dy = 0 for every optical->thermal pair."""
    scene = SyntheticScene(shift_px=(0.9, 0.0))
    al = measure_alignment(scene)
    assert al.summary()["radial_rmse_px"] == pytest.approx(0.9, abs=0.1)
    assert np.array(al.thermal_shift_m()) == pytest.approx([27.0, 0.0], abs=0.05 * RES)


# --- statistics of given tiepoints -------------------------------------------------------------------


def test_given_tiepoint_statistics_match_hand_computation(tmp_path):
    rel = {
        "pixelColorMappings": "<0.5 px: green; <1 px: teal; <2 px: blue; <5 px: yellow; >=5 px: red",
        "measurements": [
            {
                "from": "RED",
                "to": "TIR1",
                "coordsLatLon": [[28.0, -26.0], [28.1, -26.0], [28.2, -26.0], [28.3, -26.0], [28.4, -26.0]],
                "disparitiesXYInMeters": [[3, -4], [6, 8], [0, 0], [-3, 4], [60, 0]],
            }
        ],
    }
    abs_ = {
        "pixelColorMappings": "",
        "measurements": [
            {
                "id": "RED",
                "refBand": "B04",
                "refSpacecraft": "SENTINEL-2A",
                "refResolution": [10.0, 10.0],
                "coordsLonLat": [[27.9312, -26.1044], [28.4120, -26.8811]],
                "disparitiesXYInMeters": [[3.2, -5.1], [-7.8, 1.4]],
            }
        ],
    }
    (tmp_path / "P_GVER_REL.json").write_text(json.dumps(rel))
    (tmp_path / "P_GVER_ABS.json").write_text(json.dumps(abs_))
    tps = read_gver(tmp_path / "P_GVER_REL.json") + read_gver(tmp_path / "P_GVER_ABS.json")
    rel_s, abs_s = tiepoint_statistics(tps, default_gsd_m=30.0)

    # REL by hand: median (3, 0); MAD x = 3 -> sigma 4.448, 3 sigma = 13.3 m: (60, 0) is the one outlier.
    # Inliers (3,-4) (6,8) (0,0) (-3,4): |d| = 5, 10, 0, 5.
    assert (rel_s.source, rel_s.target, rel_s.kind) == ("RED", "TIR1", "REL")
    assert (rel_s.count, rel_s.outliers) == (5, 1)
    assert rel_s.mean_dx_m == pytest.approx(1.5)
    assert rel_s.mean_dy_m == pytest.approx(2.0)
    assert rel_s.rmse_x_m == pytest.approx(math.sqrt(54 / 4), abs=1e-4)  # 3.6742
    assert rel_s.rmse_y_m == pytest.approx(math.sqrt(96 / 4), abs=1e-4)  # 4.8990
    assert rel_s.radial_rmse_m == pytest.approx(math.sqrt(150 / 4), abs=1e-4)  # 6.1237
    assert rel_s.radial_rmse_px == pytest.approx(6.1237 / 30, abs=1e-4)
    assert rel_s.ce90_m == pytest.approx(8.5)  # 90th percentile of 0, 5, 5, 10: 5 + 0.7 * 5
    assert rel_s.ce90_px == pytest.approx(8.5 / 30, abs=1e-4)
    assert rel_s.gsd_m == 30.0
    # Classes of all five by |d| / 30 m: 0.17, 0.33, 0, 0.17 -> green; 2.0 -> "2 - 5 px".
    assert rel_s.class_counts == [4, 0, 0, 1, 0]

    # ABS by hand (two tiepoints: too few for outliers), GSD from refResolution = 10 m.
    assert (abs_s.source, abs_s.target, abs_s.kind, abs_s.gsd_m) == ("RED", "B04", "ABS", 10.0)
    assert (abs_s.count, abs_s.outliers) == (2, 0)
    assert abs_s.mean_dx_m == pytest.approx(-2.3)
    assert abs_s.mean_dy_m == pytest.approx(-1.85)
    assert abs_s.rmse_x_m == pytest.approx(5.9615, abs=1e-4)  # sqrt((10.24 + 60.84) / 2)
    assert abs_s.rmse_y_m == pytest.approx(3.7397, abs=1e-4)  # sqrt((26.01 + 1.96) / 2)
    assert abs_s.radial_rmse_m == pytest.approx(7.0374, abs=1e-4)  # sqrt((36.25 + 62.8) / 2)
    assert abs_s.radial_rmse_px == pytest.approx(0.70374, abs=1e-4)
    assert abs_s.ce90_m == pytest.approx(7.7343, abs=1e-4)  # 6.0208 + 0.9 * (7.9246 - 6.0208)
    assert abs_s.class_counts == [0, 2, 0, 0, 0]  # 0.60 and 0.79 px
    d = abs_s.as_dict()
    assert d["ce90_px"] == pytest.approx(0.77343, abs=1e-4) and d["kind"] == "ABS"


def test_statistics_without_gsd_give_no_pixels():
    from lst_studio.plugin.core.products.scene import Tiepoints

    tp = Tiepoints("REL", "a", "b", np.zeros((3, 2)), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    (s,) = tiepoint_statistics([tp])
    assert s.radial_rmse_px is None and s.ce90_px is None and s.class_counts is None
    assert s.radial_rmse_m == pytest.approx(math.sqrt(4 / 3), abs=1e-4)


def test_outlier_floor_keeps_near_identical_shifts():
    dxy = np.array([[9.0, 6.0]] * 10 + [[9.3, 6.0], [30.0, 6.0]])
    flags = outlier_flags(dxy, gsd_m=30.0)  # MAD 0 -> sigma floored at 0.1 px = 3 m
    assert flags.tolist() == [False] * 11 + [True]


# --- window, progress, errors -------------------------------------------------------------------------


def test_window_limits_chips_and_keeps_accuracy():
    scene = SyntheticScene(shift_px=(0.3, -0.2))
    window = Window(100, 20, 140, 120)  # col_off, row_off, width, height
    al = measure_alignment(scene, window=window, step=16)
    for px in al.centres_px:
        assert len(px) > 0
        assert np.all((px[:, 0] - 32 >= 100) & (px[:, 0] + 32 <= 240))
        assert np.all((px[:, 1] - 32 >= 20) & (px[:, 1] + 32 <= 140))
    assert np.array(al.thermal_shift_m()) / RES == pytest.approx([0.3, 0.2], abs=0.05)


def test_progress_reaches_one_and_cancel_stops():
    from lst_studio.plugin.core.errors import ProcessingCancelled
    from lst_studio.plugin.core.progress import Progress

    scene = SyntheticScene()
    seen: list[float] = []
    measure_alignment(scene, progress=Progress(seen.append))
    assert seen[-1] == pytest.approx(100.0) and seen == sorted(seen)
    with pytest.raises(ProcessingCancelled):
        measure_alignment(scene, progress=Progress(seen.append, is_cancelled=lambda: len(seen) > 3))


def test_cloud_mask_of_wrong_shape_is_refused():
    from lst_studio.plugin.core.errors import LstError

    with pytest.raises(LstError, match="cloud mask shape"):
        measure_alignment(SyntheticScene(), cloud_mask=np.zeros((10, 10), np.uint8))


def test_night_scene_pairs_the_thermal_bands_but_is_not_assessed():
    """Only lwir11/lwir12 (night): their pair is measured and written, but nothing is "assessed"."""
    scene = SyntheticScene(shift_px=(0.25, 0.0))
    scene.data = {"lwir11": scene.data["lwir11"], "lwir12": scene.data["lwir11"] - 1.5}
    scene.bands = {k: Band(k, k, "TIR", "thermal") for k in scene.data}
    assert default_pairs(scene) == [("lwir11", "lwir12")]
    al = measure_alignment(scene)
    (pair,) = al.summary()["pairs"]
    assert (pair["source"], pair["target"]) == ("lwir11", "lwir12") and pair["count"] > 10
    assert math.hypot(pair["mean_dx_m"], pair["mean_dy_m"]) < 0.02 * RES
    assert al.summary()["assessed"] is False and al.thermal_shift_m() is None


def test_unknown_band_in_pairs_is_refused():
    from lst_studio.plugin.core.errors import LstError

    with pytest.raises(LstError, match="'blue'"):
        measure_alignment(SyntheticScene(), pairs=[("blue", "lwir11")])
