"""Accuracy, speed and memory of the cloud / shadow / snow / water masks against the sample truth.

Usage (from the repository root):
    .venv/bin/python benchmarks/masks.py                 # seeds 1-3 x dry/humid + all-cloud + night, 400 px
    .venv/bin/python benchmarks/masks.py --seeds 1 2 3 4 5 --size 600
    .venv/bin/python benchmarks/masks.py --full          # one 7800 x 7800 scene: time and peak memory

Truth: ``truth/CLOUDS.tif`` (0 clear, 1 thick, 2 thin, 3 shadow, 255 outside) and ``truth/LANDCOVER.tif``
(4 water, 5 snow/ice). "Contaminated" = truth in {1, 2, 3}; detected = CLOUD_MASK == 1.

Buffers (default 3 px cloud and shadow) inflate commission on purpose, so the accuracy is given three ways,
as in the Fmask assessments (Zhu & Woodcock 2012; Qiu et al. 2019 evaluate without buffers, or
dilate the reference):
- ``final``  : the delivered CLOUD_MASK (buffers included) against the truth, every pixel;
- ``nobuf``  : cloud or shadow before buffering (QA bits cloud | cloud_shadow) against the truth;
- ``ring``   : the delivered CLOUD_MASK, leaving out a ring of ``buffer`` pixels on both sides of the
  truth's contaminated boundary (the pixels a buffer is meant to absorb).
PA = producer's accuracy (detected share of the truth), UA = user's accuracy (true share of the
detections), OA = overall accuracy; shadow = truth shadow pixels flagged as contaminated;
water/snow→cloud = clear truth water or snow pixels with the cloud bit.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build" / "pkgroot"))
if not (ROOT / "build" / "pkgroot" / "lst_studio").exists():
    (ROOT / "build" / "pkgroot").mkdir(parents=True, exist_ok=True)
    (ROOT / "build" / "pkgroot" / "lst_studio").symlink_to(ROOT, target_is_directory=True)

from rasterio.windows import Window  # noqa: E402

from lst_studio.plugin.core.masks import compute_masks  # noqa: E402
from lst_studio.plugin.core.options import MaskOptions  # noqa: E402
from lst_studio.plugin.core.quality import QA_BIT, SCL  # noqa: E402

TARGETS = {"PA": 95.0, "UA": 95.0, "OA": 97.0, "shadow": 85.0, "water_as_cloud": 2.0, "snow_as_cloud": 2.0}


def _read(path: Path) -> np.ndarray:
    import rasterio

    with rasterio.open(path) as ds:
        return ds.read(1)


def _scores(detected: np.ndarray, truth_cont: np.ndarray, where: np.ndarray) -> dict[str, float]:
    d, t = detected[where], truth_cont[where]
    tp = int((d & t).sum())
    return {
        "PA": 100.0 * tp / max(int(t.sum()), 1),
        "UA": 100.0 * tp / max(int(d.sum()), 1),
        "OA": 100.0 * float((d == t).mean()) if d.size else float("nan"),
    }


SUBVISIBLE_ALPHA = 0.02  # cloud opacity below which a pixel carries < ~3 sigma of signal (see faint_truth)


def _undetectable_truth(seed: int, size: int, **sample_kw) -> dict[str, np.ndarray]:
    """Truth pixels no detector working on the product can find, re-evaluated from the sample's own
    scene model (deterministic by seed); None when that model is not available.

    ``faint``: truth-cloud pixels whose cloud opacity is below SUBVISIBLE_ALPHA (thin cirrus and cumulus fringes).

    The sample truth calls every pixel with any cloud contribution (opacity > 0) "thin cloud". At
    opacity 0.02 the cirrus band rises by 0.0016 (3 sigma of the 0.0005 reflectance noise) and BT falls by
    about 1 K, inside the natural land variability: no detector can see these pixels, an analyst
    drawing the reference (as in the Fmask assessments) would not draw them.
    ``orphan_shadow``: truth shadow cast only by clouds outside the imaged footprint (not in the data).
    """
    from lst_studio.plugin.core.sample.generate import SampleOptions, _geometry
    from lst_studio.plugin.core.sample.model import CLOUD_LEVELS_M, SceneModel

    opts = SampleOptions(size=size, **sample_kw)
    geo = _geometry(opts)
    model = SceneModel(
        opts.size,
        seed,
        night=opts.night,
        all_cloud=opts.all_cloud,
        cloud_fraction=opts.cloud_fraction,
        sun_zenith=geo.sun_zenith if not opts.night else 90.0,
        sun_azimuth=geo.sun_azimuth,
    )
    u = np.arange(size) + 0.5
    a_c, _ = model.cumulus(u, u)
    a_i = model.cirrus(u, u)
    faint = ((a_c > 0) | (a_i > 0)) & (a_c < SUBVISIBLE_ALPHA) & (a_i < SUBVISIBLE_ALPHA)
    seen = np.zeros((size, size))  # shade cast by clouds inside the footprint
    if not opts.night:
        uu, vv = np.meshgrid(u, u)
        for h in CLOUD_LEVELS_M:
            du, dv = model.shadow_offset_px(h)
            alpha, height = model.cumulus(uu - du, vv - dv)
            inside = model.footprint(uu - du, vv - dv)
            np.maximum(seen, np.where((height == h) & inside, alpha, 0.0), out=seen)
    return {"faint": faint, "orphan_shadow": seen < 0.5}


def undetectable_truth(seed: int, size: int, **sample_kw) -> dict[str, np.ndarray] | None:
    """``_undetectable_truth``, or None when the sample's scene model (private to the generator) changed."""
    try:
        return _undetectable_truth(seed, size, **sample_kw)
    except (ImportError, AttributeError, TypeError, ValueError) as exc:
        print(f"(no faint-truth analysis: the sample model changed: {exc})")
        return None


def evaluate(result, truth_dir: Path, options: MaskOptions, hidden: dict | None = None) -> dict:
    from scipy import ndimage

    clouds = _read(truth_dir / "CLOUDS.tif")
    cover = _read(truth_dir / "LANDCOVER.tif")
    inside = (clouds != 255) & (result.cloud_mask != 255)
    truth_cont = np.isin(clouds, (1, 2, 3))
    final = result.cloud_mask == 1
    bit = lambda name: (result.qa & (1 << QA_BIT[name])) > 0  # noqa: E731
    cloud_bit, shadow_bit = bit("cloud"), bit("cloud_shadow")
    nobuf = cloud_bit | shadow_bit
    r = max(options.cloud_buffer_px, options.shadow_buffer_px, 1)
    ring = (ndimage.distance_transform_edt(~truth_cont) <= r) & (
        ndimage.distance_transform_edt(truth_cont) <= r
    )
    out = {
        "final": _scores(final, truth_cont, inside),
        "nobuf": _scores(nobuf, truth_cont, inside),
        "ring": _scores(final, truth_cont, inside & ~ring),
    }
    if hidden is not None:
        faint = (hidden["faint"] & (clouds == 2)) | (hidden["orphan_shadow"] & (clouds == 3))
        out["faint_pct"] = 100.0 * float(faint[inside].mean()) if inside.any() else float("nan")
        out["ring_visible"] = _scores(final, truth_cont, inside & ~ring & ~faint)
        out["nobuf_visible"] = _scores(nobuf, truth_cont, inside & ~faint)
        sv = inside & (clouds == 3) & ~faint
        out["shadow_visible"] = 100.0 * float(final[sv].mean()) if sv.any() else float("nan")
    sh = inside & (clouds == 3)
    out["shadow"] = 100.0 * float(final[sh].mean()) if sh.any() else float("nan")
    out["shadow_nobuf"] = 100.0 * float(nobuf[sh].mean()) if sh.any() else float("nan")
    out["shadow_as_shadow"] = 100.0 * float(shadow_bit[sh].mean()) if sh.any() else float("nan")
    thick, thin = inside & (clouds == 1), inside & (clouds == 2)
    scl_thick = inside & (result.scl == SCL["thick_cloud"])
    out["thick_class_recall"] = 100.0 * float(scl_thick[thick].mean()) if thick.any() else float("nan")
    out["thick_class_precision"] = 100.0 * float(thick[scl_thick].mean()) if scl_thick.any() else float("nan")
    out["thick_found"] = 100.0 * float(cloud_bit[thick].mean()) if thick.any() else float("nan")
    out["thin_found"] = 100.0 * float(nobuf[thin].mean()) if thin.any() else float("nan")
    for name, code in (("water", 4), ("snow", 5)):
        m = inside & (clouds == 0) & (cover == code)
        out[f"{name}_as_cloud"] = 100.0 * float(cloud_bit[m].mean()) if m.any() else float("nan")
        out[f"{name}_px"] = int(m.sum())
    out["truth_cont_pct"] = 100.0 * float(truth_cont[inside].mean()) if inside.any() else float("nan")
    return out


def run_case(out_dir: Path, seed: int, size: int, options: MaskOptions, **sample_kw) -> dict:
    from lst_studio.plugin.core.products import open_product
    from lst_studio.plugin.core.sample.generate import write_sample

    sample = write_sample(
        out_dir / f"seed{seed}_{'_'.join(f'{k}-{v}' for k, v in sample_kw.items())}",
        seed=seed,
        size=size,
        **sample_kw,
    )
    scene = open_product(sample.product_dir)
    try:
        t0 = time.perf_counter()
        window = Window(0, 0, scene.grid.width, scene.grid.height)
        result = compute_masks(scene, window, None, options)
        seconds = time.perf_counter() - t0
    finally:
        scene.close()
    hidden = undetectable_truth(seed, size, **sample_kw) if not sample_kw.get("all_cloud") else None
    scores = evaluate(result, Path(sample.truth_dir), options, hidden)
    scores["seconds"] = seconds
    scores["percentages"] = result.percentages
    scores["metadata"] = {
        k: result.metadata.get(k)
        for k in (
            "night_mode",
            "message",
            "Tlow_K",
            "Thigh_K",
            "Twater_K",
            "shadow_objects",
            "shadow_matched",
            "all_cloud_mode",
        )
    }
    scores["thresholds"] = result.metadata.get("thresholds")
    return scores


def _fmt(x: float) -> str:
    return "   —  " if x is None or not np.isfinite(x) else f"{x:6.2f}"


def accuracy_table(seeds: list[int], size: int, options: MaskOptions, workdir: Path) -> int:
    rows = []
    cases = [(s, {"atmosphere": a}) for s in seeds for a in ("dry", "humid")]
    cases += [(seeds[0], {"all_cloud": True})] + [(s, {"night": True}) for s in seeds]
    head = (
        f"{'case':<22} {'PA':>6} {'UA':>6} {'OA':>6} | {'PA0':>6} {'UA0':>6} {'OA0':>6} | {'PAr':>6} {'UAr':>6} {'OAr':>6} "
        f"| {'shadow':>6} {'thick':>6} {'thin':>6} {'wat→c':>6} {'snw→c':>6} | {'cloud%':>6} {'truth%':>6} {'s':>5}"
    )
    print(
        f"Masks accuracy, size {size} px, buffers cloud {options.cloud_buffer_px} / shadow {options.shadow_buffer_px} px"
    )
    print(
        "PA/UA/OA: final mask with buffers; PA0/UA0/OA0: before buffering; PAr/UAr/OAr: final, ring of buffer px excluded"
    )
    print(head)
    print("-" * len(head))
    for seed, kw in cases:
        name = f"seed {seed} " + ",".join(f"{k}={v}" for k, v in kw.items())
        s = run_case(workdir, seed, size, options, **kw)
        rows.append((name, s))
        print(
            f"{name:<22} {_fmt(s['final']['PA'])} {_fmt(s['final']['UA'])} {_fmt(s['final']['OA'])} | "
            f"{_fmt(s['nobuf']['PA'])} {_fmt(s['nobuf']['UA'])} {_fmt(s['nobuf']['OA'])} | "
            f"{_fmt(s['ring']['PA'])} {_fmt(s['ring']['UA'])} {_fmt(s['ring']['OA'])} | "
            f"{_fmt(s['shadow'])} {_fmt(s['thick_found'])} {_fmt(s['thin_found'])} {_fmt(s['water_as_cloud'])} {_fmt(s['snow_as_cloud'])} | "
            f"{_fmt(s['percentages']['cloud'])} {_fmt(s['truth_cont_pct'])} {s['seconds']:5.1f}",
            flush=True,
        )
        if s["metadata"].get("message"):
            print(f"{'':<22} message: {s['metadata']['message']}")
    day = [s for n, s in rows if "night" not in n and "all_cloud" not in n]

    def mean(key, sub=None):
        vals = [(s[key][sub] if sub else s[key]) for s in day]
        vals = [v for v in vals if np.isfinite(v)]
        return float(np.mean(vals)) if vals else float("nan")

    def worst(key, sub=None, fn=min):
        vals = [(s[key][sub] if sub else s[key]) for s in day]
        vals = [v for v in vals if np.isfinite(v)]
        return float(fn(vals)) if vals else float("nan")

    print("-" * len(head))
    print("Day cases (mean / worst):")
    keys = [("final (buffered)", "final"), ("before buffering", "nobuf"), ("ring excluded", "ring")]
    if all("ring_visible" in s for s in day):
        keys += [("nobuf, no faint", "nobuf_visible"), ("ring, no faint", "ring_visible")]
    for label, key in keys:
        print(
            f"  {label:<18} PA {mean(key, 'PA'):6.2f} / {worst(key, 'PA'):6.2f}   UA {mean(key, 'UA'):6.2f} / {worst(key, 'UA'):6.2f}"
            f"   OA {mean(key, 'OA'):6.2f} / {worst(key, 'OA'):6.2f}"
        )
    if all("faint_pct" in s for s in day):
        print(
            f"  (no faint: without the truth 'thin' of cloud opacity < {SUBVISIBLE_ALPHA} and the shadows of clouds outside"
            f" the footprint: {mean('faint_pct'):.2f} % of the pixels on average)"
        )
        print(
            f"  shadow flagged, clouds inside the footprint: {mean('shadow_visible'):6.2f} / {worst('shadow_visible'):6.2f}"
        )
    print(
        f"  shadow flagged      {mean('shadow'):6.2f} / {worst('shadow'):6.2f}  (as shadow class: {mean('shadow_as_shadow'):6.2f})"
    )
    print(
        f"  SCL thick cloud     recall {mean('thick_class_recall'):6.2f} / {worst('thick_class_recall'):6.2f}"
        f"   precision {mean('thick_class_precision'):6.2f} / {worst('thick_class_precision'):6.2f}"
    )
    print(f"  clear water→cloud   {mean('water_as_cloud'):6.2f} / {worst('water_as_cloud', fn=max):6.2f} %")
    print(f"  clear snow→cloud    {mean('snow_as_cloud'):6.2f} / {worst('snow_as_cloud', fn=max):6.2f} %")
    allc = next(s for n, s in rows if "all_cloud" in n)
    print(
        f"All-cloud: cloud {allc['percentages']['cloud']:.2f} %, clear {allc['percentages']['clear']:.2f} %, message: {allc['metadata'].get('message')!r}"
    )
    nights = [s for n, s in rows if "night" in n]
    print("Night cases (thermal only, less reliable), mean / worst:")
    for label, key in (
        ("final (buffered)", "final"),
        ("before buffering", "nobuf"),
        ("ring excluded", "ring"),
    ):
        vals = {m: [s[key][m] for s in nights] for m in ("PA", "UA", "OA")}
        print(
            f"  {label:<18} "
            + "   ".join(f"{m} {np.mean(v):6.2f} / {np.min(v):6.2f}" for m, v in vals.items())
        )
    print(
        f"  clear snow→cloud    {np.nanmean([s['snow_as_cloud'] for s in nights]):6.2f} / {np.nanmax([s['snow_as_cloud'] for s in nights]):6.2f} %"
    )
    (workdir / "masks_benchmark.json").write_text(json.dumps(dict(rows), indent=1, default=str))
    print(f"(details: {workdir / 'masks_benchmark.json'})")
    return 0


def measure(product_dir: str) -> None:
    """Child process: open the product, run compute_masks on the whole scene, print time and peak RSS."""
    from lst_studio.plugin.core.products import open_product

    scene = open_product(product_dir)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    t0 = time.perf_counter()
    r = compute_masks(scene, Window(0, 0, scene.grid.width, scene.grid.height), None, MaskOptions())
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    result_mb = (
        sum(a.nbytes for a in (r.cloud_mask, r.scl, r.qa, r.cloud_distance_km, r.water, r.snow)) / 2**20
    )
    doc = {
        "size": [scene.grid.height, scene.grid.width],
        "seconds": round(dt, 1),
        "peak_rss_mb": round(peak, 1),
        "rss_before_mb": round(base, 1),
        "result_arrays_mb": round(result_mb, 1),
        "percentages": r.percentages,
        "working_grid_factor": r.metadata.get("working_grid_factor"),
    }
    truth = Path(product_dir).parent / "truth"
    if (truth / "CLOUDS.tif").exists():  # after the peak was taken: the truth costs memory too
        scores = evaluate(r, truth, MaskOptions())
        doc["accuracy"] = {k: scores[k] for k in ("final", "nobuf", "ring", "shadow")}
    print(json.dumps(doc))


def full_scene(workdir: Path, size: int) -> int:
    from lst_studio.plugin.core.sample.generate import write_sample

    product = next(workdir.glob("full/LANDSAT-9_*"), None) if (workdir / "full").exists() else None
    if product is None:
        t0 = time.perf_counter()
        product = write_sample(workdir / "full", seed=1, size=size).product_dir
        print(f"sample {size} px written in {time.perf_counter() - t0:.0f} s")
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(product)], capture_output=True, text=True
    )
    if out.returncode != 0:
        print(out.stderr)
        return out.returncode
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"Full scene {doc['size'][0]}x{doc['size'][1]}: masks in {doc['seconds']} s, peak RSS {doc['peak_rss_mb']} MB "
        f"(process after opening the product: {doc['rss_before_mb']} MB; budget of the LST step 2048 MB)"
    )
    print(
        f"  result arrays handed to the pipeline: {doc['result_arrays_mb']} MB; working grid factor {doc['working_grid_factor']}"
    )
    print("  percentages:", {k: round(v, 2) for k, v in doc["percentages"].items()})
    if "accuracy" in doc:
        acc = doc["accuracy"]
        print(
            "  accuracy vs truth: "
            + "; ".join(
                f"{k} PA {acc[k]['PA']:.2f} UA {acc[k]['UA']:.2f} OA {acc[k]['OA']:.2f}"
                for k in ("final", "nobuf", "ring")
            )
            + f"; shadow flagged {acc['shadow']:.2f}"
        )
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--size", type=int, default=400)
    ap.add_argument("--cloud-buffer", type=int, default=MaskOptions().cloud_buffer_px)
    ap.add_argument("--shadow-buffer", type=int, default=MaskOptions().shadow_buffer_px)
    ap.add_argument("--full", action="store_true", help="one full-size (7800 px) scene: time and peak memory")
    ap.add_argument("--full-size", type=int, default=7800)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        measure(args.measure)
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lst_masks_bench_"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.full:
        return full_scene(workdir, args.full_size)
    opts = MaskOptions(cloud_buffer_px=args.cloud_buffer, shadow_buffer_px=args.shadow_buffer)
    return accuracy_table(args.seeds, args.size, opts, workdir)


if __name__ == "__main__":
    sys.exit(main())
