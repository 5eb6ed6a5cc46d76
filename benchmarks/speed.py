"""Wall time and peak memory (RSS) of the LST step on a full-size scene, beside pylandtemp.

Contenders, each in its own child process (peak RSS = the child's own ru_maxrss, wall time measured by
the parent around the child):

1. LST Studio: ``pipeline.produce`` on the full-size sample product, whole scene, split-window with the
   true water vapour (masks, emissivity, LST, uncertainty, QA, VNIR and all result rasters written;
   geometric verification off: it is a separate step with its own benchmark, benchmarks/geoverify.py).
2. pylandtemp 0.0.1a1 (PyPI; only in .venv-bench): ``split_window(b10, b11, b4, b5,
   lst_method='jiminez-munoz', emissivity_method='xiaolei')`` on the same scene. Its API takes whole
   Landsat-8 DN arrays (it applies its own hard-coded L8 ML/AL/K1/K2), so the same at-sensor radiances
   and reflectances are converted once (not timed) to L8 DN GeoTIFFs (B4, B5, B10, B11 uint16); the
   timed child reads them, runs split_window and writes the LST GeoTIFF, the minimum a user does.
3. Export (delivery): ``export_package`` of LST Studio's result vs ``gdal_translate -of COG`` writing the
   same layers with the same creation options (``export_speed.time_gdal_translate``).

Usage: python benchmarks/speed.py [--size 7800] [--product DIR] [--keep DIR]
Run it with .venv-bench/bin/python (make bench-setup) so pylandtemp is importable; it is heavy: one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKGROOT = ROOT / "build" / "pkgroot"


def _package_path() -> None:
    if not (PKGROOT / "lst_studio").exists():
        PKGROOT.mkdir(parents=True, exist_ok=True)
        (PKGROOT / "lst_studio").symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(PKGROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: kB


# ---- children --------------------------------------------------------------------------------------


def child_ours(product: str, workdir: str, w: float) -> dict:
    _package_path()
    from lst_studio.plugin.core.options import AtmosphereInput, LstOptions
    from lst_studio.plugin.core.pipeline import produce

    # geometric verification is a separate step (benchmarks/geoverify.py); VNIR is written as in production
    options = LstOptions(
        algorithm="SW", atmosphere=AtmosphereInput(water_vapour_gcm2=w), geometric_verification=False
    )
    t0 = time.perf_counter()
    res = produce(product, None, options, workdir)
    return {
        "seconds_inside": time.perf_counter() - t0,
        "peak_rss_mb": _peak_mb(),
        "pixels": res.grid.width * res.grid.height,
        "blocks": res.metadata["processing"]["blocks"],
        "median_lst": res.metadata["lst_stats"]["median"],
        "stages": res.metadata["processing"]["seconds"],
    }


def child_pylandtemp(dn_dir: str, out: str) -> dict:
    import numpy as np
    import pylandtemp
    import rasterio

    t0 = time.perf_counter()
    bands = {}
    for b in ("B4", "B5", "B10", "B11"):
        with rasterio.open(Path(dn_dir) / f"{b}.tif") as ds:
            bands[b] = ds.read(1)
            profile = ds.profile
    lst = pylandtemp.split_window(
        bands["B10"],
        bands["B11"],
        bands["B4"],
        bands["B5"],
        lst_method="jiminez-munoz",
        emissivity_method="xiaolei",
        unit="kelvin",
    )
    profile.update(
        dtype="float32", nodata=float("nan"), compress="zstd", zstd_level=1, predictor=3, tiled=True
    )
    with rasterio.open(out, "w", **profile) as ds:
        ds.write(np.asarray(lst, dtype=np.float32), 1)
    return {
        "seconds_inside": time.perf_counter() - t0,
        "peak_rss_mb": _peak_mb(),
        "median_lst": float(np.nanmedian(lst)),
        "version": getattr(pylandtemp, "__version__", "0.0.1a1"),
    }


def child_export(result_dir: str, out_dir: str) -> dict:
    _package_path()
    from lst_studio.plugin.core.delivery.package import export_package
    from lst_studio.plugin.core.options import DeliveryOptions
    from lst_studio.plugin.core.result import ProductResult

    t0 = time.perf_counter()
    export_package(ProductResult.load(result_dir), out_dir, DeliveryOptions(overwrite=True))
    return {"seconds_inside": time.perf_counter() - t0, "peak_rss_mb": _peak_mb()}


# ---- parent ----------------------------------------------------------------------------------------


def _spawn(python: str, args: list[str]) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run([python, __file__, "--child", *args], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed:\n{proc.stderr[-3000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall_seconds"] = wall
    return out


def _make_product(size: int, out: Path) -> tuple[Path, float]:
    _package_path()
    from lst_studio.plugin.core.sample.generate import write_sample

    marker = out / "sample.json"
    if marker.exists():
        d = json.loads(marker.read_text())
        return Path(d["product_dir"]), d["w"]
    sample = write_sample(out, seed=1, size=size, atmosphere="mid")
    w = json.loads((Path(sample.truth_dir) / "atmosphere.json").read_text())["water_vapour_gcm2"]
    marker.write_text(json.dumps({"product_dir": str(sample.product_dir), "w": w}))
    return Path(sample.product_dir), w


def _make_dn(product: Path, out: Path) -> None:
    """L8 DN GeoTIFFs of the same scene for pylandtemp (its hard-coded ML 3.342e-4, AL 0.1; OLI 2e-5/-0.1)."""
    _package_path()
    import numpy as np
    import rasterio

    from lst_studio.plugin.core.blocks import plan_windows
    from lst_studio.plugin.core.products import open_product

    if (out / "B11.tif").exists():
        return
    out.mkdir(parents=True, exist_ok=True)
    scene = open_product(product)
    g = scene.grid
    prof = {
        "driver": "GTiff", "width": g.width, "height": g.height, "count": 1, "dtype": "uint16",
        "crs": g.crs, "transform": g.transform, "nodata": 0, "tiled": True, "compress": "zstd",
    }  # fmt: skip
    specs = {
        "B10": ("lwir11", lambda L: (L - 0.1) / 3.342e-4, True),
        "B11": ("lwir12", lambda L: (L - 0.1) / 3.342e-4, True),
        "B4": ("red", lambda r: (r + 0.1) / 2.0e-5, False),
        "B5": ("nir08", lambda r: (r + 0.1) / 2.0e-5, False),
    }
    try:
        for name, (band, to_dn, thermal) in specs.items():
            with rasterio.open(out / f"{name}.tif", "w", **prof) as ds:
                for w in plan_windows(g.width, g.height, 16, 256):
                    a = scene.radiance(band, w) if thermal else scene.read(band, w)
                    dn = np.clip(np.rint(to_dn(np.ma.filled(a.astype(np.float64), np.nan))), 1, 65535)
                    ds.write(
                        np.where(np.ma.getmaskarray(a), 0, np.nan_to_num(dn)).astype(np.uint16), 1, window=w
                    )
    finally:
        scene.close()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        kind, *rest = argv[1:]
        fn = {"ours": child_ours, "pylandtemp": child_pylandtemp, "export": child_export}[kind]
        if kind == "ours":
            rest[2] = float(rest[2])
        print(json.dumps(fn(*rest)))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=7800)
    p.add_argument("--cache", type=Path, default=ROOT / "build" / "bench" / "full_scene")
    p.add_argument("--keep", action="store_true", help="keep the result folders")
    a = p.parse_args(argv)
    a.cache.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    product, w = _make_product(a.size, a.cache / f"sample_{a.size}")
    print(f"sample product {product} (size {a.size}, w {w} g/cm2) ready in {time.perf_counter() - t0:.0f} s")
    work = Path(tempfile.mkdtemp(prefix="lst_speed_", dir=a.cache))
    python = sys.executable
    try:
        ours = _spawn(python, ["ours", str(product), str(work / "ours"), str(w)])
        print(
            f"LST Studio produce (SW, whole scene, {ours['pixels']} px, {ours['blocks']} blocks): "
            f"wall {ours['wall_seconds']:.1f} s (inside {ours['seconds_inside']:.1f} s), "
            f"peak RSS {ours['peak_rss_mb']:.0f} MB, median clear LST {ours['median_lst']} K"
        )
        print("  stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in ours["stages"].items()))
        try:
            import importlib.util

            has_peer = importlib.util.find_spec("pylandtemp") is not None
        except ImportError:
            has_peer = False
        if has_peer:
            t1 = time.perf_counter()
            _make_dn(product, a.cache / f"dn_{a.size}")
            print(
                f"pylandtemp inputs (L8 DN GeoTIFFs B4/B5/B10/B11) prepared in {time.perf_counter() - t1:.0f} s"
            )
            peer = _spawn(
                python, ["pylandtemp", str(a.cache / f"dn_{a.size}"), str(work / "pylandtemp_lst.tif")]
            )
            print(
                f"pylandtemp {peer['version']} split_window (jiminez-munoz, xiaolei): wall "
                f"{peer['wall_seconds']:.1f} s (inside {peer['seconds_inside']:.1f} s), peak RSS "
                f"{peer['peak_rss_mb']:.0f} MB, median LST (all pixels) {peer['median_lst']:.2f} K"
            )
            print(
                f"ratios LST Studio / pylandtemp: wall time {ours['wall_seconds'] / peer['wall_seconds']:.2f}, "
                f"peak RSS {ours['peak_rss_mb'] / peer['peak_rss_mb']:.2f}"
            )
        else:
            print("pylandtemp not importable: run with .venv-bench/bin/python (make bench-setup)")
        print(f"peak RSS target (<= 2048 MB): {'ok' if ours['peak_rss_mb'] <= 2048 else 'MISSED'}")

        # ---- Export (delivery): export_package vs gdal_translate -of COG on the same layers ---------
        _package_path()
        from export_speed import time_gdal_translate

        from lst_studio.plugin.core.result import ProductResult

        exp = _spawn(python, ["export", str(work / "ours"), str(work / "package")])
        ref, _per_layer = time_gdal_translate(ProductResult.load(work / "ours"), work / "gdal_translate")
        print(
            f"export_package (whole package): wall {exp['wall_seconds']:.1f} s, peak RSS {exp['peak_rss_mb']:.0f} MB; "
            f"gdal_translate -of COG of the same {len(_per_layer)} layers with the same creation options: "
            f"{ref:.1f} s; ratio {exp['wall_seconds'] / ref:.2f} (one run)"
        )
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("GDAL_CACHEMAX", "256")
    sys.exit(main())
