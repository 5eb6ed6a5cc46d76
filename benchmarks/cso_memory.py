"""Peak memory of the CSO statistics: 200 synthetic observations of a 2000×2000 AOI, all 12 statistics.

The worst case for memory is every observation in one bin (the dt buffer for the quantiles grows with the
observations per bin), so the default run puts 200 daily observations into one 12-month bin of 2020.
``--step 3 --years 2020 2024`` spreads them over 20 quarterly bins instead (more output bands).

Synthetic clear masks are written as small package-like folders (``*_CLOUD_MASK.tif``, DEFLATE, tiled;
cloud blobs of 40×40 px, ~40 % cloudy, a nodata margin) in a temporary folder; the CSO then runs in a child
process whose peak RSS (``ru_maxrss`` of the child) is printed. Target: under 2 GB with the default
1 GB budget of ``CsoOptions.memory_budget_mb``.

Usage: python benchmarks/cso_memory.py [--n 200] [--size 2000] [--step 12] [--years 2020 2020] [--format GTiff]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import rasterio
from affine import Affine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import plugin_alias  # noqa: E402  (imports this checkout as lst_studio, no symlink)

plugin_alias.install()


def write_inputs(folder: Path, n: int, size: int, first: datetime, every_days: float) -> None:
    rng = np.random.default_rng(42)
    transform = Affine(30, 0, 500000, 0, -30, 4000000)
    blob = 40
    for i in range(n):
        when = first + timedelta(days=every_days * i)
        stem = f"LST_LANDSAT9_U4PRUYDQ_{when:%Y%m%dT%H%M%SZ}"
        pkg = folder / stem
        pkg.mkdir()
        coarse = (rng.random((size // blob + 1, size // blob + 1)) < 0.4).astype(np.uint8)
        mask = np.kron(coarse, np.ones((blob, blob), np.uint8))[:size, :size]
        mask[:, : 10 + i % 20] = 255  # footprints that differ a little
        with rasterio.open(
            pkg / f"{stem}_CLOUD_MASK.tif",
            "w",
            driver="GTiff",
            width=size,
            height=size,
            count=1,
            dtype="uint8",
            crs="EPSG:32633",
            transform=transform,
            nodata=255,
            tiled=True,
            blockxsize=256,
            blockysize=256,
            compress="deflate",
        ) as ds:
            ds.write(mask, 1)
        (pkg / f"{stem}_METADATA.json").write_text(json.dumps({"properties": {"datetime": when.isoformat()}}))


def child(args) -> None:
    from lst_studio.plugin.core import cso, cso_io

    opts = cso.CsoOptions(args.years[0], args.years[1], args.step, "LNDLG", cso.STATISTICS, args.format)
    t0 = time.perf_counter()
    files = cso_io.run_cso([args.run], Path(args.run).parent / "out", opts)
    elapsed = time.perf_counter() - t0
    with rasterio.open(files[0]) as ds:
        num = ds.read(1)
    days = []
    bins = cso.make_bins(opts.start_year, opts.end_year, opts.month_step)
    for p in Path(args.run).iterdir():
        days.append(cso_io.package_observation(p).day)
    per_pixel = cso_io.bytes_per_pixel(days, bins, opts.statistics)
    rows = cso_io.block_rows(num.shape[1], num.shape[0], per_pixel, opts.memory_budget_mb)
    print(
        json.dumps(
            {
                "seconds": round(elapsed, 1),
                "files": len(files),
                "bins": len(bins),
                "bytes_per_pixel_model": per_pixel,
                "block_rows": rows,
                "num_band1_max": int(num.max()),
                "num_band1_mean": round(float(num[num > 0].mean()), 2),
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--step", type=int, default=12)
    ap.add_argument("--years", type=int, nargs=2, default=(2020, 2020))
    ap.add_argument("--format", default="GTiff", choices=("GTiff", "ENVI"))
    ap.add_argument("--run", help=argparse.SUPPRESS)  # child mode: the folder of packages
    args = ap.parse_args()
    if args.run:
        child(args)
        return
    span_days = (datetime(args.years[1] + 1, 1, 1) - datetime(args.years[0], 1, 1)).days
    every = 1.0 if args.step == 12 and args.years[0] == args.years[1] else span_days / args.n
    with tempfile.TemporaryDirectory(prefix="cso-memory-") as tmp:
        inputs = Path(tmp) / "packages"
        inputs.mkdir()
        t0 = time.perf_counter()
        write_inputs(inputs, args.n, args.size, datetime(args.years[0], 1, 1, 10, tzinfo=UTC), every)
        print(
            f"wrote {args.n} synthetic {args.size}×{args.size} CLOUD_MASK packages in {time.perf_counter() - t0:.1f} s"
        )
        cmd = [
            sys.executable,
            __file__,
            "--run",
            str(inputs),
            "--step",
            str(args.step),
            "--format",
            args.format,
        ]
        cmd += ["--years", str(args.years[0]), str(args.years[1])]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: kilobytes
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result.update(observations=args.n, size=args.size, month_step=args.step, peak_rss_mb=round(peak_mb))
        print(json.dumps(result, indent=1))
        print(
            f"CSO peak RSS: {peak_mb:.0f} MB for {args.n} observations of {args.size}×{args.size} (budget 2048 MB)"
        )


if __name__ == "__main__":
    main()
