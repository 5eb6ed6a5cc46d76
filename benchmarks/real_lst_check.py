"""Issue 16 on the real Landsat-8 subsets of ``../shared/data/real-landsat``: no clear pixel above 330 K, and no
split-window value where T10 - T11 is outside the guard bounds (core.btd_guard).

For every subset two runs over the whole subset, with no atmosphere given (image water vapour, then climatology):
- ``auto``: what a user gets (Landsat-8 -> B10-only single-channel, core.retrieval.CHOICE_NOTES);
- ``SW``: split-window forced, so that the guard is exercised on real B10/B11 (the Landsat-8 stray light case).
"clear" = what the mask calls clear: CLOUD_MASK == 0 and SCL clear land (core.quality.SCL).
Guard check: T10, T11 are the scene's brightness temperatures on the output grid; a split-window value is a
finite LST without QA bit ``split_window_fallback``; none may have T10 - T11 outside [BTD_MIN_K, BTD_MAX_K].
Hot-spot check, for any clear pixel above 330 K: a real hot spot (fire, furnace, lava) shows in the SWIR; the
Landsat-8 active-fire test of Schroeder et al. (2016, RSE 185:210-220, doi:10.1016/j.rse.2015.08.032) calls a
daytime pixel an unambiguous fire when rho7/rho5 > 2.5, rho7 - rho5 > 0.3 and rho7 > 0.5 (TOA reflectance of
B7 swir22 and B5 nir08). The script counts those pixels in the scene and among clear pixels above 330 K.

Usage: .venv/bin/python benchmarks/real_lst_check.py [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import rasterio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import plugin_alias  # noqa: E402

plugin_alias.install()

from lst_studio.plugin.core.btd_guard import BTD_MAX_K, BTD_MIN_K, btd  # noqa: E402
from lst_studio.plugin.core.options import LstOptions  # noqa: E402
from lst_studio.plugin.core.pipeline import produce  # noqa: E402
from lst_studio.plugin.core.products import open_product  # noqa: E402
from lst_studio.plugin.core.quality import QA_BIT, SCL  # noqa: E402
from lst_studio.plugin.core.radiometry import brightness_temperature  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "real-landsat"
LIMIT_K = 330.0
COMMON = {"geometric_verification": False, "write_vnir": False}


def _read(path: Path) -> np.ndarray:
    with rasterio.open(path) as ds:
        return ds.read(1)


def _fire(scene) -> np.ndarray:
    """Schroeder et al. 2016 unambiguous daytime fire pixels (module docstring)."""
    r7 = np.ma.filled(scene.read("swir22").astype(np.float64), np.nan)
    r5 = np.ma.filled(scene.read("nir08").astype(np.float64), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (r7 / r5 > 2.5) & (r7 - r5 > 0.3) & (r7 > 0.5)


def _btd(scene) -> np.ndarray:
    out = []
    for band in ("lwir11", "lwir12"):
        b = scene.bands[band]
        rad = np.ma.filled(scene.radiance(band).astype(np.float64), np.nan)
        out.append(brightness_temperature(rad, float(b.k1), float(b.k2)))
    return btd(*out)


def measure(folder: Path, out: Path, runs: tuple[str, ...] = ("auto", "SW")) -> list[dict]:
    """The figures of the module docstring for each run of one subset."""
    rows = []
    scene = open_product(folder)
    try:
        d, fire = _btd(scene), _fire(scene)
        for name in runs:
            opts = LstOptions(**COMMON) if name == "auto" else LstOptions(algorithm=name, **COMMON)
            res = produce(scene, None, opts, out / f"{folder.name}_{name}")
            try:
                rows.append(_figures(folder.name, name, res, d, fire))
            finally:
                res.cleanup()
    finally:
        scene.close()
    return rows


def _figures(scene_name: str, run: str, res, d: np.ndarray, fire: np.ndarray) -> dict:
    lst = _read(res.rasters["LST"]).astype(np.float64)
    qa = _read(res.rasters["QA"]).astype(np.uint32)
    clear = (_read(res.rasters["CLOUD_MASK"]) == 0) & (_read(res.rasters["SCL"]) == SCL["clear_land"])
    if lst.shape != d.shape:
        raise ValueError(f"{scene_name}: output grid {lst.shape} is not the scene grid {d.shape}")
    ok = clear & np.isfinite(lst)
    hot = ok & (lst > LIMIT_K)
    fallback = ((qa >> QA_BIT["split_window_fallback"]) & 1 == 1) & np.isfinite(lst)
    sw = res.metadata["algorithm"]["name"] == "SW"
    sw_value = np.isfinite(lst) & ~fallback if sw else np.zeros_like(ok)
    with np.errstate(invalid="ignore"):
        outside = sw_value & ((d < BTD_MIN_K) | (d > BTD_MAX_K))
    return {
        "scene": scene_name,
        "run": run,
        "algorithm": res.metadata["algorithm"]["name"],
        "w": res.metadata["atmosphere"]["water_vapour_gcm2"],
        "clear": int(ok.sum()),
        "max_clear_k": float(np.nanmax(np.where(ok, lst, np.nan))),
        "clear_above_limit": int(hot.sum()),
        "sw_values": int(sw_value.sum()),
        "fallback": int(fallback.sum()),
        "sw_outside_bounds": int(outside.sum()),
        "fire_pixels": int(fire.sum()),
        "hot_and_fire": int((hot & fire).sum()),
    }


def _line(r: dict) -> str:
    return (
        f"{r['scene'][:40]:<40} {r['run']:<4} alg {r['algorithm']:<3} w {r['w']:.2f} clear {r['clear']:>7d} "
        f"max clear {r['max_clear_k']:7.2f} K  > {LIMIT_K:.0f} K: {r['clear_above_limit']:>4d}  "
        f"SW values {r['sw_values']:>7d}  fallback {r['fallback']:>5d}  "
        f"SW outside [{BTD_MIN_K:+.0f}, {BTD_MAX_K:+.0f}] K: {r['sw_outside_bounds']}  "
        f"fire px {r['fire_pixels']} (hot & fire {r['hot_and_fire']})"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lst_real_") as tmp:
        out = a.out or Path(tmp)
        for folder in sorted(p for p in DATA.iterdir() if p.is_dir()):
            for row in measure(folder, out):
                print(_line(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
