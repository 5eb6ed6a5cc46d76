"""Command line of LST Studio: ``python -m lst_studio batch …`` (see README, "Batch").

Kept import-light: only argparse here; the core (and Dask) is imported when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys


def _batch_parser(sub) -> None:
    p = sub.add_parser(
        "batch",
        help="produce delivery packages for many products × AOIs on Dask",
        description="One delivery package per product × AOI feature, on a Dask scheduler or a LocalCluster "
        "sized to this machine; writes OUT/collection.json (STAC) over the complete packages. Re-runs skip "
        "packages that are complete and valid. Ctrl-C stops cleanly (a second Ctrl-C aborts).",
    )
    p.add_argument(
        "products",
        nargs="+",
        help="product folders/archives, a folder of products, a glob, "
        "a list file (.txt, one path per line) or a STAC ItemCollection (.json)",
    )
    p.add_argument(
        "--aoi",
        help="vector file (GeoJSON, GeoPackage, …) whose features give id and name; "
        "default: the whole scene",
    )
    p.add_argument("--out", required=True, help="output folder (packages and collection.json)")
    p.add_argument(
        "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786; default: a LocalCluster"
    )
    p.add_argument("--workers", type=int, help="LocalCluster workers (default: sized to cores and memory)")
    p.add_argument("--scene-threads", type=int, help="threads inside one scene (default: cores / workers)")
    p.add_argument("--algorithm", default="auto", choices=("auto", "RTE", "SW", "SC"))
    p.add_argument("--water-vapour", type=float, help="column water vapour, g/cm²")
    p.add_argument("--reanalysis", help="ERA5 single-level file (NetCDF/GRIB) covering the products")
    p.add_argument(
        "--emissivity", default="ndvi_threshold", choices=("ndvi_threshold", "classes", "constant")
    )
    p.add_argument("--emissivity-constant", type=float)
    p.add_argument("--land-cover", help="ESA WorldCover class-code raster (any CRS)")
    p.add_argument("--dem", help="elevation model in metres (any CRS; night cloud test)")
    p.add_argument("--cloud-buffer", type=int, default=3, help="pixels")
    p.add_argument("--shadow-buffer", type=int, default=3, help="pixels")
    p.add_argument("--memory-budget-mb", type=int, default=1024, help="block memory budget per scene")
    p.add_argument("--no-geometric-verification", action="store_true")
    p.add_argument("--no-vnir", action="store_true", help="do not write the VNIR layer")
    p.add_argument("--product-token", default="LST")
    p.add_argument("--organization-id", default="")
    p.add_argument("--overwrite", action="store_true", help="redo every package and replace existing ones")
    p.add_argument("--zip", action="store_true", help="also write a .zip of each package")
    p.add_argument("--json", help="write every task's summary to this JSON file")
    p.add_argument(
        "--cso-years",
        type=int,
        nargs=2,
        metavar=("FIRST", "LAST"),
        help="then compute clear-sky-observation statistics of the batch's collection on the same "
        "cluster, for these years",
    )
    p.add_argument("--cso-step", type=int, default=3, help="CSO bin length in months")
    p.add_argument("--cso-statistics", nargs="+", default=["NUM", "AVG", "STD"], help="CSO statistics")
    p.add_argument("--cso-out", help="CSO output folder (default OUT/cso)")


def _options(args):
    from .plugin.core.options import AtmosphereInput, DeliveryOptions, EmissivityOptions, LstOptions

    options = LstOptions(
        algorithm=args.algorithm,
        atmosphere=AtmosphereInput(water_vapour_gcm2=args.water_vapour, reanalysis=args.reanalysis),
        emissivity=EmissivityOptions(args.emissivity, args.emissivity_constant),
        memory_budget_mb=args.memory_budget_mb,
        write_vnir=not args.no_vnir,
        geometric_verification=not args.no_geometric_verification,
        land_cover=args.land_cover,
        dem=args.dem,
    )
    options.masks.cloud_buffer_px = args.cloud_buffer
    options.masks.shadow_buffer_px = args.shadow_buffer
    delivery = DeliveryOptions(args.product_token, args.organization_id, args.overwrite, args.zip)
    return options, delivery


def _cancel_on_sigint():
    """First Ctrl-C: cancel cleanly (running scenes stop at their next block); second: abort."""
    import signal

    state = {"cancel": False}

    def handler(signum, frame):
        if state["cancel"]:
            raise KeyboardInterrupt
        state["cancel"] = True
        print("\nCancelling: running scenes stop at their next block (Ctrl-C again to abort) …", flush=True)

    signal.signal(signal.SIGINT, handler)
    return lambda: state["cancel"]


def _batch(args) -> int:
    import json

    from .plugin.core import batch
    from .plugin.core.errors import LstError
    from .plugin.core.progress import Progress

    options, delivery = _options(args)
    cso_options = None
    if args.cso_years:
        from .plugin.core.cso import CsoOptions

        cso_options = CsoOptions(
            args.cso_years[0], args.cso_years[1], args.cso_step, statistics=tuple(args.cso_statistics)
        )
    sizing = None
    if args.workers:
        sizing = batch.explicit_sizing(args.workers, args.scene_threads)
    elif args.scene_threads and not args.scheduler:
        base = batch.default_sizing(args.memory_budget_mb)
        sizing = batch.Sizing(base.workers, args.scene_threads, base.memory_limit)

    def on_task(s, status):
        what = f"{s.get('product')} × {s.get('aoi_id') or 'whole scene'}"
        if s["status"] in (batch.DONE, batch.SKIPPED):
            print(f"[{s['status']}] {what} -> {s.get('package')} ({s.get('seconds', 0):.1f} s)", flush=True)
        else:
            print(f"[{s['status']}] {what}: {s.get('error')}", flush=True)

    try:
        result = batch.produce_batch(
            args.products,
            args.aoi,
            options,
            delivery,
            args.out,
            scheduler=args.scheduler,
            sizing=sizing,
            progress=Progress(is_cancelled=_cancel_on_sigint()),
            on_start=lambda desc, n: print(f"{desc}; {n} task(s)", flush=True),
            on_task=on_task,
            on_status=lambda status: print(status.line(), flush=True),
            cso_options=cso_options,
            cso_dir=args.cso_out,
        )
    except LstError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result.summaries, fh, indent=1)
    if result.collection is not None:
        print(f"STAC Collection: {result.collection}")
    for path in result.cso_files:
        print(f"CSO: {path}")
    if result.cancelled:
        return 130
    return 1 if result.of(batch.FAILED) else 0


def _gdal_lines_to_log() -> None:
    """GDAL prints its own ``ERROR 1: …`` lines on stderr from threads without a Python error handler (the
    block and strip workers); every such failure already reaches the user once, as our one-line error
    quoting GDAL's message. GDAL writes them to the file CPL_LOG names instead: nowhere, unless the user
    set CPL_LOG (inherited by the LocalCluster's worker processes)."""
    os.environ.setdefault("CPL_LOG", os.devnull)


def main(argv: list[str] | None = None) -> int:
    _gdal_lines_to_log()
    parser = argparse.ArgumentParser(prog="python -m lst_studio", description="LST Studio command line")
    sub = parser.add_subparsers(dest="command", required=True)
    _batch_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "batch":
        return _batch(args)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
