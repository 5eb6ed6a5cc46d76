"""Wall time of the delivery export (and of its self-check) beside ``gdal_translate -of COG`` writing the
same layers, with one core and with every core, and whether the COGs' bytes are the same both ways.

Both sides write the same raster layers of one result (LST, LST_UNCERTAINTY, EMISSIVITY, CLOUD_MASK,
SCL, QA, VNIR and the CEOS-ARD companions when present) with the same COG creation options
(``cog.creation_options(layer, w, h)``: DEFLATE + predictor, 512 px blocks, per-layer overview resampling).
``gdal_translate`` copies the result's rasters as they are (float32 for LST etc.); ``export_package`` also
encodes them block by block to uint16/uint8, renders quicklooks and thumbnails, checksums every file and
writes the STAC, ISO and CEOS-ARD metadata, and moves the package into place. Each export runs in a child
process (``--cores 1``: pinned to one core with sched_setaffinity, so the steps and GDAL's ALL_CPUS use one
thread); wall time, CPU time and peak RSS are the child's. One run each: the machine is shared.

Usage:
  python benchmarks/export_speed.py --result RESULT_FOLDER        # a folder written by "Produce LST"
  python benchmarks/export_speed.py --size 7800                   # sample -> pipeline -> result first
  python benchmarks/export_speed.py --result R --cores all        # skip the one-core export
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import plugin_alias  # noqa: E402  (imports this checkout as lst_studio, no symlink)

plugin_alias.install()

from lst_studio.plugin.core.delivery import cog  # noqa: E402
from lst_studio.plugin.core.delivery.package import RASTER_LAYERS, export_package  # noqa: E402
from lst_studio.plugin.core.options import DeliveryOptions, LstOptions  # noqa: E402
from lst_studio.plugin.core.result import ProductResult  # noqa: E402


def produce_sample(size: int, work: Path) -> ProductResult:
    from lst_studio.plugin.core.pipeline import produce
    from lst_studio.plugin.core.sample.generate import write_sample

    sample = write_sample(work / "sample", seed=1, size=size)
    t = time.perf_counter()
    result = produce(sample.product_dir, None, LstOptions(), workdir=work / "result")
    print(f"pipeline.produce on a {size} px sample: {time.perf_counter() - t:.1f} s")
    return result


def time_gdal_translate(result: ProductResult, out: Path) -> tuple[float, dict[str, float]]:
    import rasterio

    out.mkdir(parents=True, exist_ok=True)
    per_layer = {}
    for key, *_ in RASTER_LAYERS:
        if key not in result.rasters:
            continue
        with rasterio.open(result.rasters[key]) as src:
            w, h = src.width, src.height
        cmd = ["gdal_translate", "-q", "-of", "COG"]
        for opt in cog.creation_options(key, w, h):
            cmd += ["-co", opt]
        t = time.perf_counter()
        subprocess.run([*cmd, str(result.rasters[key]), str(out / f"{key}.tif")], check=True)
        per_layer[key] = time.perf_counter() - t
    return sum(per_layer.values()), per_layer


def child_export(result_dir: str, out: str, cores: int) -> dict:
    """export_package then validate_package in this process (pinned to ``cores`` cores when > 0)."""
    import hashlib
    import resource

    from lst_studio.plugin.core.delivery.validate import validate_package

    if cores and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:cores]))
    result = ProductResult.load(Path(result_dir))
    t0 = time.perf_counter()
    package = export_package(result, out, DeliveryOptions(overwrite=True))
    t1 = time.perf_counter()
    check = validate_package(package)
    t2 = time.perf_counter()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(package.glob("*.tif"))}
    return {
        "export_s": t1 - t0,
        "validate_s": t2 - t1,
        "cpu_s": ru.ru_utime + ru.ru_stime,
        "peak_rss_mb": ru.ru_maxrss / 1024.0,
        "check": check.summary.splitlines()[0],
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "digests": digests,
    }


def time_export(result_dir: Path, out: Path, cores: int) -> dict:
    """One child process: export + validate (see child_export)."""
    import json

    cmd = [sys.executable, __file__, "--child", str(result_dir), str(out), str(cores)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env={"GDAL_CACHEMAX": "256", **os.environ})
    if proc.returncode != 0:
        raise RuntimeError(f"export child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _print_run(label: str, r: dict) -> None:
    print(
        f"export_package, {label} ({r['cores']} cpu): {r['export_s']:7.2f} s wall; validate_package "
        f"{r['validate_s']:.2f} s; CPU {r['cpu_s']:.1f} s; peak RSS {r['peak_rss_mb']:.0f} MB; {r['check']}"
    )


def main(argv=None) -> int:
    import json

    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        print(json.dumps(child_export(argv[1], argv[2], int(argv[3]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--result", type=Path, help="result folder (result.json) written by Produce LST")
    ap.add_argument("--size", type=int, default=400, help="sample size (TIR px per side) when no --result")
    ap.add_argument(
        "--cores", choices=("both", "all"), default="both", help="'all': skip the one-core export"
    )
    ap.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="lst-export-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = ProductResult.load(args.result) if args.result else produce_sample(args.size, work)
        result_dir = args.result or result.save().parent
        g = result.grid
        print(
            f"result: {g.width} x {g.height} px, layers {sorted(k for k, *_ in RASTER_LAYERS if k in result.rasters)}"
        )
        runs = {"all cores": time_export(result_dir, work / "package_all", 0)}
        _print_run("all cores", runs["all cores"])
        if args.cores == "both":
            runs["1 core"] = time_export(result_dir, work / "package_one", 1)
            _print_run("1 core", runs["1 core"])
            one, every = runs["1 core"]["digests"], runs["all cores"]["digests"]
            same = [n for n in every if one.get(n) == every[n]]
            print(
                f"speed-up all cores / 1 core: {runs['1 core']['export_s'] / runs['all cores']['export_s']:.2f}; "
                f"COG bytes identical with 1 and all cores: {len(same)} of {len(every)} files"
                + ("" if len(same) == len(every) else f" (differ: {sorted(set(every) - set(same))})")
            )
        ref, per_layer = time_gdal_translate(result, work / "gdal_translate")
        for key, seconds in per_layer.items():
            print(
                f"  gdal_translate -of COG {key:<16} {seconds:7.2f} s  ({' '.join(cog.creation_options(key, g.width, g.height))})"
            )
        ours = runs["all cores"]["export_s"]
        print(f"gdal_translate -of COG, same layers  : {ref:7.2f} s wall")
        print(f"ratio export_package (all cores) / gdal_translate: {ours / ref:.2f} (target <= 1.2); one run")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
