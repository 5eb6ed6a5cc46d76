"""Windowed read benchmark: one 512x512 block vs the whole band of a full-size (7800x7800) scene.

    .venv/bin/python benchmarks/read_block.py [--product PATH] [--out DIR] [--size 7800]

Without --product it uses (or makes once) the full-size sample in DIR (default build/bench/full_scene,
the cache benchmarks/speed.py uses too): with the sample generator (``write_sample(size=...)``), or a synthetic
FarEarth L1C product (TIR + VNIR groups, 512-pixel tiles, LZW, -9999 nodata) written block by block.
It prints wall time and the bytes this process read (``rchar`` from /proc/self/io, which counts
every read() including page-cache hits, so it is the honest "bytes requested from files" figure).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import plugin_alias  # noqa: E402  (imports this checkout as lst_studio, no symlink)

plugin_alias.install()

from lst_studio.plugin.core.products import open_product  # noqa: E402


def rchar() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    return 0


def write_synthetic(out: Path, size: int) -> Path:
    """A FarEarth L1C folder of size x size TIR pixels, written 512 rows at a time."""
    import rasterio
    from affine import Affine

    pid = "LANDSAT-9_OLI-TIRS_20220804T083603_20220804T083634_L1C_R1C1"
    folder = out / pid
    if (folder / f"{pid}.geojson").is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    tf = Affine(30.0, 0, 500000.0, 0, -30.0, 7100000.0)
    profile = {
        "driver": "GTiff", "width": size, "height": size, "crs": "EPSG:32735", "transform": tf,
        "tiled": True, "blockxsize": 512, "blockysize": 512, "compress": "lzw",
    }  # fmt: skip
    groups = {
        "TIR": (["TIR1", "TIR2"], "int16", -9999),
        "VNIR": (["BLUE", "GREEN", "RED", "NIR"], "int16", -9999),
    }
    rng = np.random.default_rng(1)
    for group, (bands, dtype, nodata) in groups.items():
        for suffix, count, dt, nd in (("", len(bands), dtype, nodata), ("_QA", 1, "uint8", None)):
            p = dict(profile, count=count, dtype=dt)
            if nd is not None:
                p["nodata"] = nd
            with rasterio.open(folder / f"{pid}_{group}{suffix}.tif", "w", **p) as dst:
                for r0 in range(0, size, 512):
                    h = min(512, size - r0)
                    yy, xx = np.mgrid[r0 : r0 + h, 0:size]
                    win = rasterio.windows.Window(0, r0, size, h)
                    if suffix:
                        dst.write(np.zeros((1, h, size), np.uint8), window=win)
                        continue
                    base = np.sin(xx / 300.0) * np.cos(yy / 450.0) + rng.normal(0, 0.05, (h, size))
                    if group == "TIR":
                        data = np.stack([2900 + 150 * base, 2885 + 150 * base])
                    else:
                        data = np.stack([800 + 300 * base + 200 * i for i in range(len(bands))])
                    dst.write(data.astype(np.int16), window=win)

    def image(group, bands, units, extra):
        return {
            "group": group, "bands": bands, "image": f"{pid}_{group}.tif", "qaMask": f"{pid}_{group}_QA.tif",
            "angles": {"sunElevation": {"units": "DEGREES", "value": 41.87}, "sunAzimuth": {"units": "DEGREES", "value": 36.4}},
            "geometric": {"projection": "EPSG:32735", "imageDimensions": [size, size], "spatialResolution": [30.0, -30.0]},
            "radiometric": {"pixelUnits": units, "earthSunDistance": 1.0143, **extra},
        }  # fmt: skip

    tir = image(
        "TIR",
        ["TIR1", "TIR2"],
        "TOA Brightness Temperature x 10 (K)",
        {
            "emissiveConstants": [
                {"band": "TIR1", "constants": [799.0284, 1329.2405]},
                {"band": "TIR2", "constants": [475.6581, 1198.3494]},
            ]
        },
    )
    vnir = image("VNIR", ["BLUE", "GREEN", "RED", "NIR"], "TOA Reflectance x 10k", {})
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": None,
                "properties": {
                    "product": {
                        "descriptor": {
                            "productId": pid,
                            "spacecraft": "LANDSAT-9",
                            "temporalRange": {"from": "2022-08-04T08:36:03Z", "to": "2022-08-04T08:36:34Z"},
                        },
                        "sensors": [{"images": [vnir]}, {"images": [tir]}],
                    }
                },
            }
        ],
    }
    (folder / f"{pid}.geojson").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def make_product(out: Path, size: int, synthetic: bool = False) -> Path:
    """The full-size sample shared with benchmarks/speed.py (same cache folder and marker), made once."""
    write_sample = None
    if not synthetic:
        try:
            from lst_studio.plugin.core.sample.generate import write_sample
        except ImportError:
            write_sample = None
    if write_sample is None:
        return write_synthetic(out / "synthetic", size)
    cache = out / f"sample_{size}"
    marker = cache / "sample.json"
    if marker.is_file():
        return Path(json.loads(marker.read_text())["product_dir"])
    cache.mkdir(parents=True, exist_ok=True)
    sample = write_sample(cache, seed=1, size=size, atmosphere="mid")
    w = json.loads((Path(sample.truth_dir) / "atmosphere.json").read_text())["water_vapour_gcm2"]
    marker.write_text(json.dumps({"product_dir": str(sample.product_dir), "w": w}))
    return Path(sample.product_dir)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--product", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "full_scene")
    ap.add_argument("--size", type=int, default=7800)
    ap.add_argument("--synthetic", action="store_true", help="do not use the sample generator")
    args = ap.parse_args()
    if args.product is None:
        args.out.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        args.product = make_product(args.out, args.size, args.synthetic)
        print(f"product: {args.product} (ready in {time.perf_counter() - t:.1f} s)")
    from rasterio.windows import Window

    t0, b0 = time.perf_counter(), rchar()
    scene = open_product(args.product)
    t1, b1 = time.perf_counter(), rchar()
    print(
        f"open_product: {t1 - t0:.3f} s, {(b1 - b0) / 1e6:.2f} MB read; grid {scene.grid.width}x{scene.grid.height}"
    )
    files = {p for p in Path(scene.root).rglob("*.tif")}
    total = sum(p.stat().st_size for p in files)
    print(f"product GeoTIFFs on disk: {total / 1e6:.1f} MB")
    for name in ("lwir11", "red"):
        if name in scene.bands:
            src = scene._sources[name].path
            print(f"{name} lives in {src.name}: {src.stat().st_size / 1e6:.1f} MB")
    col = row = (min(scene.grid.width, scene.grid.height) // 2 // 512) * 512
    window = Window(col, row, 512, 512)
    for name in ("lwir11", "red"):
        if name not in scene.bands:
            continue
        t0, b0 = time.perf_counter(), rchar()
        block = scene.read(name, window)
        t1, b1 = time.perf_counter(), rchar()
        print(
            f"{name}: one 512x512 block at ({col},{row}): {t1 - t0:.3f} s, {(b1 - b0) / 1e6:.3f} MB read, "
            f"mean {float(block.mean()):.3f}"
        )
    t0, b0 = time.perf_counter(), rchar()
    whole = scene.read("lwir11")
    t1, b1 = time.perf_counter(), rchar()
    print(
        f"lwir11: whole band {whole.shape[1]}x{whole.shape[0]}: {t1 - t0:.3f} s, {(b1 - b0) / 1e6:.1f} MB read"
    )
    del whole
    scene.close()


if __name__ == "__main__":
    main()
