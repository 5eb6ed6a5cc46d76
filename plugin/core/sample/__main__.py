"""Command line: ``python -m lst_studio.plugin.core.sample --out DIR [--size N --seed S ...]``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone

from .generate import write_sample


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m lst_studio.plugin.core.sample",
        description="Write the deterministic sample FarEarth L1C product (and truth) into a folder.",
    )
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--size", type=int, default=400, help="thermal grid pixels per side (30 m)")
    p.add_argument("--atmosphere", choices=("dry", "mid", "humid"), default="mid")
    p.add_argument("--night", action="store_true")
    p.add_argument("--all-cloud", action="store_true")
    p.add_argument("--cloud-fraction", type=float, default=0.12)
    p.add_argument(
        "--tir-shift",
        type=float,
        nargs=2,
        metavar=("DX", "DY"),
        default=(0.0, 0.0),
        help="thermal-vs-optical shift in pixels (columns, rows)",
    )
    p.add_argument("--island", action="store_true", help="add a local distortion island to the thermal group")
    p.add_argument("--landsat", action="store_true", help="also write a Landsat C2 L1 (MTL) product")
    p.add_argument("--vnir-gsd", type=float, choices=(15.0, 30.0), default=30.0)
    p.add_argument("--acquisition", help="UTC time, e.g. 2022-04-12T08:40:00Z")
    p.add_argument("--angles-nan", action="store_true", help="bare NaN outside the footprint in _ANGLES.json")
    p.add_argument(
        "--no-land-cover",
        action="store_true",
        help="do not write ancillary/LANDCOVER_WORLDCOVER_CODES.tif (the WorldCover-coded land-cover map)",
    )
    p.add_argument(
        "--no-dem",
        action="store_true",
        help="do not write ancillary/DEM_ELEVATION_M.tif (the digital elevation model)",
    )
    a = p.parse_args(argv)
    acq = None
    if a.acquisition:
        acq = datetime.fromisoformat(a.acquisition.replace("Z", "+00:00")).astimezone(timezone.utc)
    t0 = time.perf_counter()
    result = write_sample(
        a.out,
        seed=a.seed,
        size=a.size,
        atmosphere=a.atmosphere,
        night=a.night,
        all_cloud=a.all_cloud,
        cloud_fraction=a.cloud_fraction,
        tir_shift_px=tuple(a.tir_shift),
        distortion_island=a.island,
        landsat=a.landsat,
        vnir_gsd=a.vnir_gsd,
        acquisition=acq,
        angles_nan=a.angles_nan,
        land_cover=not a.no_land_cover,
        dem=not a.no_dem,
    )
    print(
        json.dumps(
            {
                "product_dir": str(result.product_dir),
                "geojson": str(result.geojson),
                "truth_dir": str(result.truth_dir),
                "landsat_dir": str(result.landsat_dir) if result.landsat_dir else None,
                "land_cover": str(result.land_cover) if result.land_cover else None,
                "dem": str(result.dem) if result.dem else None,
                "seconds": round(time.perf_counter() - t0, 2),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
