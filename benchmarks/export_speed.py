"""Wall time of the delivery export beside ``gdal_translate -of COG`` writing the same layers.

Both sides write the same raster layers of one result (LST, LST_UNCERTAINTY, EMISSIVITY, CLOUD_MASK,
SCL, QA, VNIR when present) with the same COG creation options (``cog.creation_options(layer, w, h)``:
DEFLATE + predictor, 512 px blocks, per-layer overview resampling). ``gdal_translate`` copies the
result's rasters as they are (float32 for LST etc.); ``export_package`` also encodes them block by
block to uint16/uint8, renders quicklooks and thumbnails, checksums every file and writes the STAC,
ISO and CEOS-ARD metadata, and moves the package into place. One run each (no repetition): the
numbers are indicative, the machine is shared.

Usage:
  python benchmarks/export_speed.py --result RESULT_FOLDER        # a folder written by "Produce LST"
  python benchmarks/export_speed.py --size 7800                   # sample -> pipeline -> result first
"""

from __future__ import annotations

import argparse
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


def time_export(result: ProductResult, out: Path) -> tuple[float, float]:
    """(total wall time, time inside cog.write_cog) of one export_package run."""
    spent = [0.0]
    original = cog.write_cog

    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t

    cog.write_cog = timed
    try:
        t = time.perf_counter()
        export_package(result, out, DeliveryOptions(overwrite=True))
        return time.perf_counter() - t, spent[0]
    finally:
        cog.write_cog = original


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--result", type=Path, help="result folder (result.json) written by Produce LST")
    ap.add_argument("--size", type=int, default=400, help="sample size (TIR px per side) when no --result")
    ap.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="lst-export-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = ProductResult.load(args.result) if args.result else produce_sample(args.size, work)
        g = result.grid
        print(
            f"result: {g.width} x {g.height} px, layers {sorted(k for k, *_ in RASTER_LAYERS if k in result.rasters)}"
        )
        ours, in_cogs = time_export(result, work / "package")
        ref, per_layer = time_gdal_translate(result, work / "gdal_translate")
        for key, seconds in per_layer.items():
            print(
                f"  gdal_translate -of COG {key:<16} {seconds:7.2f} s  ({' '.join(cog.creation_options(key, g.width, g.height))})"
            )
        print(f"export_package (whole package)      : {ours:7.2f} s wall")
        print(f"  of which encode + COG of the layers: {in_cogs:7.2f} s")
        print(f"gdal_translate -of COG, same layers  : {ref:7.2f} s wall")
        print(
            f"ratio export_package / gdal_translate: {ours / ref:.2f} (layers only: {in_cogs / ref:.2f}); one run"
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
