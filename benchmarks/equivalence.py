"""Same inputs, two implementations: the reference tree against the working tree, layer by layer.

A benchmark run at a known reference, not a permanent test: the reference is a tree extracted from a
commit (``git archive REV | tar -x -C /tmp/ref_impl``); the masks and atmosphere work will change
results on purpose later, so compare against the commit you mean.

Each tree runs ``pipeline.produce`` in its own child process, imported under the name ``lst_studio``
with tools/plugin_alias.py (``install(root=TREE)``: no symlink; nothing else of either tree is on
``sys.path``). Both children read the same sample product, written once by the reference tree's
generator. The parent prints, per case, max |ΔLST| over pixels valid in both, the number of pixels valid
in only one, whether CLOUD_MASK, SCL and QA are bit-identical, and the largest difference of the other
float layers. Layers are compared in physical units (scale/offset applied, nodata -> NaN), so an
implementation that stores LST as 0.01 K integers is compared fairly.

``--ref baseline`` compares the working tree with itself run the pre-issue-15 way (one band per read,
depression fill by one labelling per level, one thread), which isolates the speed work from the
science changes made since REV.

Usage:
  .venv/bin/python benchmarks/equivalence.py [--ref /tmp/ref_impl | --ref baseline] [--work .]
      [--size 1000] [--cases day,night,vnir15] [--threads N] [--cache /tmp/lst_equivalence]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MASK_LAYERS = ("CLOUD_MASK", "SCL", "QA")
LST_TOLERANCE_K = 0.01  # issue 15: LST identical to the previous implementation within 0.01 K

# sample options and production options of each case (only long-standing fields of both trees)
CASES = {
    "day": ({}, {}),
    "night": ({"night": True}, {"land_cover": True, "dem": True}),
    "vnir15": ({"vnir_gsd": 15.0}, {}),
}


def _import_tree(tree: Path) -> None:
    """Import ``tree`` as the package ``lst_studio`` (tools/plugin_alias.py of this checkout)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import plugin_alias

    plugin_alias.install(Path(tree))


# ---- children ----------------------------------------------------------------------------------


def child_sample(tree: str, out: str, size: int, case: str) -> dict:
    _import_tree(Path(tree))
    from lst_studio.plugin.core.sample.generate import write_sample

    sample = write_sample(Path(out), seed=3, size=size, **CASES[case][0])
    return {
        "product": str(sample.product_dir),
        "land_cover": str(sample.land_cover) if sample.land_cover else None,
        "dem": str(sample.dem) if sample.dem else None,
    }


def _use_baseline_paths() -> None:
    """The pre-issue-15 reading and fill in this tree: one band per read, fill by labelling per level."""
    from lst_studio.plugin.core import morphology
    from lst_studio.plugin.core.products import base
    from lst_studio.plugin.core.products.raster_access import check_window, read_block

    def stored(self, name, window):
        self._band(name)
        src = self._sources[name]
        window = check_window(self.grid, window)
        with self._reading(src.path, src.field):
            ds = self._cache.get(src.path, src.field)
            return read_block(ds, [src.index], self.grid, window, src.nodata, src.invalid_values)[0]

    base.SceneBase._stored = stored
    morphology._reconstruct_fill = lambda img: None


def child_produce(
    tree: str, product: str, workdir: str, case: str, sample_json: str, threads: str, baseline: str = "0"
) -> dict:
    _import_tree(Path(tree))
    import lst_studio
    from lst_studio.plugin.core.options import LstOptions
    from lst_studio.plugin.core.pipeline import produce

    if baseline == "1":
        _use_baseline_paths()

    sample = json.loads(sample_json)
    options = LstOptions(geometric_verification=False)
    for key in CASES[case][1]:
        setattr(options, key, sample[key])
    if int(threads) > 0 and hasattr(options, "threads"):
        options.threads = int(threads)
    t0 = time.perf_counter()
    res = produce(product, None, options, workdir)
    return {
        "tree": str(Path(lst_studio.__file__).resolve().parent),
        "seconds": time.perf_counter() - t0,
        "rasters": {k: str(v) for k, v in res.rasters.items()},
        "lst_stats": res.metadata.get("lst_stats"),
        "algorithm": res.metadata.get("algorithm", {}).get("name"),
    }


# ---- parent ------------------------------------------------------------------------------------


def _spawn(args: list[str]) -> dict:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),  # never the repository: '' on sys.path must not find a tree
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _physical(path: str):
    """All bands of a raster in physical units: float64, scale/offset applied, nodata -> NaN."""
    import numpy as np
    import rasterio

    with rasterio.open(path) as ds:
        raw = ds.read()
        scales, offsets, nodata = ds.scales, ds.offsets, ds.nodata
    out = raw.astype(np.float64)
    if nodata is not None and not np.isnan(nodata):
        out[raw == nodata] = np.nan
    for i, (s, o) in enumerate(zip(scales, offsets)):
        out[i] = out[i] * (s or 1.0) + (o or 0.0)
    return out


def _raw(path: str):
    import rasterio

    with rasterio.open(path) as ds:
        return ds.read()


def compare(ref: dict, work: dict) -> dict:
    """Per layer: max |Δ| and pixels valid in one only (float layers), bit-identity (mask layers)."""
    import numpy as np

    report: dict = {}
    for key in sorted(set(ref["rasters"]) | set(work["rasters"])):
        if key not in ref["rasters"] or key not in work["rasters"]:
            report[key] = {"missing_in": "reference" if key not in ref["rasters"] else "working tree"}
            continue
        if key in MASK_LAYERS:
            a, b = _raw(ref["rasters"][key]), _raw(work["rasters"][key])
            same = a.shape == b.shape and bool(np.array_equal(a, b))
            report[key] = {
                "bit_identical": same,
                "differing_pixels": int((a != b).sum()) if not same and a.shape == b.shape else None,
            }
            continue
        a, b = _physical(ref["rasters"][key]), _physical(work["rasters"][key])
        if a.shape != b.shape:
            report[key] = {"shape": [list(a.shape), list(b.shape)]}
            continue
        both = np.isfinite(a) & np.isfinite(b)
        diff = np.abs(a[both] - b[both])
        report[key] = {
            "max_abs_diff": float(diff.max()) if diff.size else 0.0,
            "valid_in_one_only": int((np.isfinite(a) != np.isfinite(b)).sum()),
        }
    return report


def _verdict(report: dict) -> tuple[bool, bool]:
    lst = report.get("LST", {})
    lst_ok = lst.get("max_abs_diff", float("inf")) <= LST_TOLERANCE_K and lst.get("valid_in_one_only", 1) == 0
    masks_ok = all(report.get(k, {}).get("bit_identical", False) for k in MASK_LAYERS)
    return lst_ok, masks_ok


def run_case(case: str, a) -> bool:
    sample_dir = a.cache / f"sample_{case}_{a.size}"
    marker = sample_dir / "sample.json"
    if not marker.exists():
        shutil.rmtree(sample_dir, ignore_errors=True)
        generator = a.work if str(a.ref) == "baseline" else a.ref
        info = _spawn(["sample", str(generator), str(sample_dir), str(a.size), case])
        marker.write_text(json.dumps(info))
    sample = json.loads(marker.read_text())
    work = Path(tempfile.mkdtemp(prefix=f"equiv_{case}_", dir=a.cache))
    try:
        results = {}
        baseline = str(a.ref) == "baseline"  # the working tree with its pre-issue-15 paths, 1 thread
        ref_tree, ref_threads = (a.work, 1) if baseline else (a.ref, 0)
        for name, tree, threads, flag in (
            ("reference", ref_tree, ref_threads, "1" if baseline else "0"),
            ("working", a.work, a.threads, "0"),
        ):
            args = ["produce", str(tree), sample["product"], str(work / name), case, json.dumps(sample)]
            results[name] = _spawn([*args, str(threads), flag])
        report = compare(results["reference"], results["working"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ref, wk = results["reference"], results["working"]
    print(
        f"[{case}] {a.size} px, algorithm {wk['algorithm']}: reference {ref['seconds']:.1f} s "
        f"({ref['tree']}), working {wk['seconds']:.1f} s ({wk['tree']}, threads {a.threads or 'default'})"
    )
    for key, r in report.items():
        print(f"  {key:<24} {json.dumps(r)}")
    print(f"  lst_stats reference {json.dumps(ref['lst_stats'])}")
    print(f"  lst_stats working   {json.dumps(wk['lst_stats'])}")
    lst_ok, masks_ok = _verdict(report)
    lst = report.get("LST", {})
    print(
        f"  => max |dLST| {lst.get('max_abs_diff', float('nan')):.4f} K (tolerance {LST_TOLERANCE_K} K): "
        f"{'ok' if lst_ok else 'DIFFERENT'}; CLOUD_MASK/SCL/QA bit-identical: {'yes' if masks_ok else 'NO'}"
    )
    return lst_ok and masks_ok


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        kind, *rest = argv[1:]
        if kind == "sample":
            out = child_sample(rest[0], rest[1], int(rest[2]), rest[3])
        else:
            out = child_produce(*rest)
        print(json.dumps(out, default=str))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ref", type=Path, default=Path("/tmp/ref_impl"))
    p.add_argument("--work", type=Path, default=ROOT)
    p.add_argument("--size", type=int, default=1000)
    p.add_argument("--cases", default="day,night,vnir15")
    p.add_argument("--threads", type=int, default=0, help="threads of the working tree (0: its default)")
    p.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "lst_equivalence")
    a = p.parse_args(argv)
    if str(a.ref) == "baseline":  # its own samples: the working tree's generator may differ from REV's
        a.cache = a.cache / "baseline"
    if str(a.ref) != "baseline" and not (a.ref / "plugin" / "core" / "pipeline.py").is_file():
        p.error(f"--ref {a.ref}: not a plugin tree (extract one: git archive HEAD | tar -x -C {a.ref})")
    a.cache.mkdir(parents=True, exist_ok=True)
    ok = [run_case(c.strip(), a) for c in a.cases.split(",") if c.strip()]
    print(f"all cases equivalent: {'yes' if all(ok) else 'NO'}")
    return 0 if all(ok) else 1


if __name__ == "__main__":
    os.environ.setdefault("GDAL_CACHEMAX", "128")
    sys.exit(main())
