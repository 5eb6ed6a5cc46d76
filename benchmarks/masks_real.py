"""The masks on the real Landsat-8 subsets of ``../shared/data/real-landsat``: agreement with the product's
own CFMask bits, class percentages and PNG overlays for a person to look at.

Run through ``benchmarks/masks.py --real [--out DIR]`` (default ``build/masks_real``; not committed).

Reference: CFMask (Foga et al. 2017, RSE 194:379–390, doi:10.1016/j.rse.2017.03.026), as decoded by the
reader (``LandsatScene.read_product_mask``: cloud bit, high-confidence shadow, snow and cirrus). CFMask
is itself a classifier with known errors (Foga et al. 2017 report ~0.89 overall cloud accuracy, shadow
far lower), so the figures are agreement, not accuracy. Compared are the pixels with data in both:
- ``cloud+shadow``: our cloud or shadow before the buffers (QA bits ``cloud | cloud_shadow``) against CFMask
  cloud | shadow, the quantity the issue's κ ≥ 0.75 target is about; also with our buffers (``final``);
- ``cloud`` and ``shadow`` alone, producer's (PA: share of CFMask's class we flag) and user's accuracy
  (UA: share of our class that CFMask has).
κ = Cohen's kappa, (p_o − p_e) / (1 − p_e) (Cohen 1960, doi:10.1177/001316446002000104).

Overlays (``<scene>_overlay.png``): three panels on the same true colour (B4/B3/B2, 2–98 % stretch):
plain, ours, CFMask; cloud is tinted red, shadow blue, snow/ice cyan, our buffers (QA bit ``adjacent``) yellow.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from rasterio.windows import Window

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real-landsat"
TINTS = {
    "cloud": (255, 40, 40),
    "cloud_shadow": (40, 90, 255),
    "snow_ice": (0, 230, 230),
    "adjacent": (255, 220, 0),
}


def kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two bool arrays (same pixels)."""
    n = a.size
    if n == 0:
        return float("nan")
    po = float((a == b).mean())
    pa, pb = float(a.mean()), float(b.mean())
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def agreement(ours: np.ndarray, ref: np.ndarray) -> dict[str, float]:
    """κ, PA and UA (%) of ``ours`` against ``ref`` (bool arrays of the compared pixels)."""
    tp = int((ours & ref).sum())
    return {
        "kappa": round(kappa(ours, ref), 3),
        "PA": round(100.0 * tp / max(int(ref.sum()), 1), 1),
        "UA": round(100.0 * tp / max(int(ours.sum()), 1), 1),
    }


def true_colour(scene) -> np.ndarray:
    """uint8 RGB of B4/B3/B2 TOA reflectance, one common 2–98 % stretch (NaN black)."""
    rgb = np.dstack(
        [np.ma.filled(scene.read(b).astype(np.float32), np.nan) for b in ("red", "green", "blue")]
    )
    lo, hi = np.nanpercentile(rgb, 2), np.nanpercentile(rgb, 98)
    out = np.clip((rgb - lo) / max(hi - lo, 1e-6), 0, 1) ** (1 / 1.6)  # gamma: shadows stay readable
    return np.nan_to_num(out * 255).astype(np.uint8)


def tint(rgb: np.ndarray, classes: dict[str, np.ndarray]) -> np.ndarray:
    out = rgb.astype(np.float32)
    for name, colour in TINTS.items():
        m = classes.get(name)
        if m is not None and m.any():
            out[m] = 0.45 * out[m] + 0.55 * np.asarray(colour, np.float32)
    return out.astype(np.uint8)


def write_overlay(path: Path, rgb: np.ndarray, ours: dict, ref: dict | None) -> None:
    from PIL import Image

    gap = np.full((rgb.shape[0], 6, 3), 255, np.uint8)
    panels = [rgb, gap, tint(rgb, ours)]
    if ref is not None:
        panels += [gap, tint(rgb, ref)]
    img = Image.fromarray(np.hstack(panels))
    scale = max(1, 700 // rgb.shape[0])
    if scale > 1:
        img = img.resize((img.width * scale, img.height * scale), Image.NEAREST)
    img.save(path)


def run_scene(folder: Path, out_dir: Path) -> dict:
    from lst_studio.plugin.core.masks import compute_masks
    from lst_studio.plugin.core.options import MaskOptions
    from lst_studio.plugin.core.products import open_product
    from lst_studio.plugin.core.quality import QA_BIT

    scene = open_product(folder)
    win = Window(0, 0, scene.grid.width, scene.grid.height)
    r = compute_masks(scene, win, None, MaskOptions())
    data = r.cloud_mask != 255
    qa = r.qa.astype(np.int64)
    ours = {
        name: ((qa >> QA_BIT[name]) & 1).astype(bool) & data
        for name in ("cloud", "cloud_shadow", "snow_ice", "adjacent")
    }
    pct = {k: round(v, 2) for k, v in r.percentages.items()}
    doc: dict = {"scene": folder.name, "size": [scene.grid.height, scene.grid.width], "percentages": pct}
    doc["shadow_objects"] = [r.metadata.get("shadow_objects"), r.metadata.get("shadow_matched")]
    ref = scene.read_product_mask(win) if hasattr(scene, "read_product_mask") else None
    if ref is not None:
        both = data & ~ref["fill"]
        cs_ours = (ours["cloud"] | ours["cloud_shadow"])[both]
        cs_ref = ref.get("cloud_shadow", np.zeros_like(ref["cloud"])) | ref["cloud"]
        doc["cfmask_percentages"] = {
            k: round(100.0 * float(v[both].mean()), 2) for k, v in ref.items() if k != "fill"
        }
        doc["cloud+shadow"] = agreement(cs_ours, cs_ref[both])
        doc["final"] = agreement((r.cloud_mask == 1)[both], cs_ref[both])
        doc["cloud"] = agreement(ours["cloud"][both], ref["cloud"][both])
        if "cloud_shadow" in ref:
            doc["shadow"] = agreement(ours["cloud_shadow"][both], ref["cloud_shadow"][both])
        ref = {k: v & both for k, v in ref.items()}
    write_overlay(out_dir / f"{folder.name}_overlay.png", true_colour(scene), ours, ref)
    scene.close()
    return doc


def main(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    folders = sorted(p for p in DATA.iterdir() if p.is_dir()) if DATA.is_dir() else []
    if not folders:
        print(f"no real subsets under {DATA}")
        return 1
    docs = []
    for folder in folders:
        doc = run_scene(folder, out_dir)
        docs.append(doc)
        print(f"{doc['scene']} ({doc['size'][0]}x{doc['size'][1]})")
        p = doc["percentages"]
        print(
            f"  ours: cloud+buffers {p['cloud']:.1f} %, thick {p['thick_cloud']:.1f} %, thin {p['thin_cloud']:.1f} %, "
            f"shadow {p['shadow']:.1f} %, snow {p['snow']:.1f} %, water {p['water']:.1f} %, clear {p['clear']:.1f} %; "
            f"shadow objects matched {doc['shadow_objects'][1]}/{doc['shadow_objects'][0]}"
        )
        if "cloud+shadow" in doc:
            print(f"  CFMask: {doc['cfmask_percentages']}")
            for key in ("cloud+shadow", "final", "cloud", "shadow"):
                if key in doc:
                    a = doc[key]
                    print(f"  {key:13s} kappa {a['kappa']:.3f}  PA {a['PA']:5.1f} %  UA {a['UA']:5.1f} %")
        else:
            print("  (no quality band: no CFMask reference)")
        print(f"  overlay: {out_dir / (doc['scene'] + '_overlay.png')}")
    (out_dir / "masks_real.json").write_text(json.dumps(docs, indent=1))
    return 0
