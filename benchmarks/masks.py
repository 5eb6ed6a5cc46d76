"""Accuracy, speed and memory of the cloud / shadow / snow / water masks against the sample truth.

Usage (from the repository root):
    .venv/bin/python benchmarks/masks.py --seeds 1 2 3 4 5   # day and night x dry/humid + all-cloud, 3000 px
    .venv/bin/python benchmarks/masks.py --seeds 1 2 3 --size 400   # quick look (edge effects dominate)
    .venv/bin/python benchmarks/masks.py --full          # one 7800 x 7800 scene: time and peak memory
    .venv/bin/python benchmarks/masks.py --full --night  # the same at night, with land cover and DEM
    .venv/bin/python benchmarks/masks.py --real          # real Landsat subsets: CFMask agreement, overlays
    .venv/bin/python benchmarks/masks.py --seeds 5 7 8 --size 1200 --aoi-margin   # shadow of clouds outside an AOI
    .venv/bin/python benchmarks/masks.py --seeds 1 2 --size 3000 --day-only --cloud-fraction 1.4  # > 95 % cloud

Truth: ``truth/CLOUDS.tif`` (0 clear, 1 thick, 2 thin, 3 shadow, 255 outside) and ``truth/LANDCOVER.tif``
(4 water, 5 snow/ice). "Contaminated" = truth in {1, 2, 3}; detected = CLOUD_MASK == 1.

Protocol decisions (why the figures are what they are):
- Truth cloud is cloud detectable in principle: the generator labels a pixel cloud where the cloud
  changes the TOA signal of at least one band by >= 1 noise sigma (sample ``model.VISIBLE_SNR``; NEdT
  0.07 K in the TIR, reflectance sigma 0.0005), as manual reference sets label visible cloud (Foga et
  al. 2017, RSE 194:379, doi:10.1016/j.rse.2017.03.026). Fainter cloud is truth-clear; its opacity
  and signal stay in ``truth/CLOUD_OPACITY.tif``. The table gives the share of such sub-visible pixels,
  how many the mask flags anyway, and their measured BT bias against the clear-sky RTE (it must stay
  well inside the noise for the LST truth of clear pixels to hold), and the cloud found per signal
  stratum (1-3, 3-10, 10-100, >= 100 sigma).
- Scene size 3000 px (90 km) by default, about half a Landsat scene: clouds 1.5-5 km high cast shadows
  2-6 km away, so on small scenes a large share of the truth shadow comes from clouds outside the
  image, which no cloud-matching method can see (at 1200 px, seeds 1-10, 75-96 % of all truth shadow is
  flagged but 91-99 % of the shadow cast by clouds inside the footprint: the rest is such "orphan"
  shadow; at 400 px it dominates). Edge effects scale
  with perimeter/area, so the figures approach those of a full 7800 px scene (``--full``).
- Shadow cast only by clouds outside the imaged footprint ("orphan", re-evaluated from the sample's
  scene model) is not in the data; ``ring_fp`` / ``shadow_fp`` leave it out, the plain figures keep it.
  Both are printed.
- Parallax check: the sample renders clouds as seen from nadir (sample/model.py); its scene is centred
  on the ground track, so its metadata says nadir at the centre (less than 0.5 deg off-nadir at 400 px).
  Each day case is also run with the masks told "nadir" (printed, not a criterion).
- No threshold was tuned for these figures. Seeds 11-14 served for developing the protocol and for the
  one algorithm change made with it (cirrus over snow is thin cloud, ``clouds.thick_cloud``: it joined
  clouds of different heights into one shadow object); seeds 1-5 are the reported ones. Exception,
  the night test with the land-cover map and the DEM: its two changes (Fmask's 4 K margin once the BT
  is elevation-normalised; snow/ice statistics from the warm side of the class) were found looking at
  the misses of seeds 1, 3 and 4 (dry, 1500 px); seeds 11-14 at 1500 px were then the held-out check.
  Two later changes were found looking at misses, and both take a published rule, no new threshold: the
  cirrus band overrides the snow hold-out (``masks._snow_held_out``; Fmask 4's order, Qiu et al. 2019),
  found on seed 5 at 1200 px (thin cirrus over water passes Eq. 20 and was never tested as cloud), and
  any visible shadow area scores a height (``shadows.MIN_COUNTED_PX``, python-fmask), found on the
  overcast seeds 1-2 (``--cloud-fraction 1.3``, 1200 px).
- ``cPAτ``: the cloud bit against truth cloud of optical depth >= 0.1 only, printed beside ``cPA``. The
  truth cloud that the day masks miss is almost all fainter: cirrus and cumulus fringes whose TIR signal
  passes 1 sigma but whose 1.38 µm reflectance stays below Fmask's 0.01 cirrus test and which fail the
  HOT test (seeds 4 and 6 at 1200 px: 99.9 % of the missed pixels truth "thin", opacity median < 0.01).
- ``--cloud-fraction`` > 1 (up to 1/0.7) makes an overcast sample with shadows in its gaps: 1.3 gives
  about 96-97 % cloud. ``--aoi-margin`` shows the shadow of clouds outside an AOI: the masks read the
  scene around the AOI (``masks.shadow_margin_px``), the pipeline's way; the truth of a whole sample
  keeps the orphan shadow above, which no data holds.
- The sample's cloud heights are above the ground beneath (model.cloud_top_temperature); an earlier
  sample referred them to the lowland, which put low tops over the mountains below the terrain and
  warmer than the ground, a cloud no thermal test can see.
Buffers (default 3 px cloud and shadow) inflate commission on purpose, so the accuracy is given three ways,
as in the Fmask assessments (Zhu & Woodcock 2012; Qiu et al. 2019 evaluate without buffers, or
dilate the reference):
- ``final``  : the delivered CLOUD_MASK (buffers included) against the truth, every pixel;
- ``nobuf``  : cloud or shadow before buffering (QA bits cloud | cloud_shadow) against the truth;
- ``ring``   : the delivered CLOUD_MASK, leaving out a ring of ``buffer`` pixels on both sides of the
  truth's contaminated boundary (the pixels a buffer is meant to absorb).
PA = producer's accuracy (detected share of the truth), UA = user's accuracy (true share of the
detections), OA = overall accuracy; ``cloud_only`` = the cloud bit alone against truth cloud (thick or thin);
night thin cloud = truth thin cloud of optical depth >= 0.1 (opacity α = 1 − e^−τ >= 0.095) flagged, with
the false alarms on cloud-free land (issue 17); shadow = truth shadow pixels flagged as contaminated;
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
sys.path.insert(0, str(ROOT / "tools"))
import plugin_alias  # noqa: E402  (imports this checkout as lst_studio, no symlink)

plugin_alias.install()

from rasterio.windows import Window  # noqa: E402

from lst_studio.plugin.core.masks import compute_masks  # noqa: E402
from lst_studio.plugin.core.options import MaskOptions  # noqa: E402
from lst_studio.plugin.core.quality import QA_BIT, SCL  # noqa: E402

TARGETS = {"PA": 95.0, "UA": 95.0, "OA": 97.0, "shadow": 85.0, "water_as_cloud": 2.0, "snow_as_cloud": 2.0}
# issue 17: thin cloud at night at optical depth >= 0.1, false alarms on cloud-free land; cloud PA/UA
TARGETS.update({"thin_tau": 70.0, "false_alarm": 2.0, "cloud_PA": 93.0, "cloud_UA": 93.0})


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


SNR_BINS = (1.0, 3.0, 10.0, 100.0)  # truth-cloud strata by the cloud's TOA signal in noise σ


def orphan_shadow(seed: int, size: int, **sample_kw) -> np.ndarray | None:
    """Pixels where no shade is cast by a cloud inside the imaged footprint: truth shadow there comes
    from clouds outside the image (not in the data, so no algorithm can place it). Re-evaluated from
    the sample's own scene model (deterministic by seed); None when that model is not available."""
    try:
        from lst_studio.plugin.core.sample.generate import SampleOptions, scene_model
        from lst_studio.plugin.core.sample.model import CLOUD_LEVELS_M

        opts = SampleOptions(size=size, **sample_kw)
        if opts.night or opts.all_cloud:
            return None
        geo, model = scene_model(opts, seed)
    except (ImportError, AttributeError, TypeError, ValueError) as exc:
        print(f"(no orphan-shadow analysis: the sample model changed: {exc})")
        return None
    u = np.arange(size) + 0.5
    seen = np.zeros((size, size))  # shade cast by clouds inside the footprint (as model.shade)
    for r0 in range(0, size, 512):  # strips: bounded memory at 1600 px
        v = u[r0 : r0 + 512]
        uu, vv = np.meshgrid(u, v)
        for h in CLOUD_LEVELS_M:
            du, dv = model.shadow_offset_px(h)
            alpha, height = model.cumulus(uu - du, vv - dv)
            inside = model.footprint(uu - du, vv - dv)
            np.maximum(
                seen[r0 : r0 + 512], np.where((height == h) & inside, alpha, 0.0), out=seen[r0 : r0 + 512]
            )
    return seen < 0.5


def bt_contamination(product_dir: Path, truth_dir: Path, sub: np.ndarray, clear: np.ndarray) -> dict:
    """Product BT minus the clear-sky RTE BT of the truth (LST, emissivity, atmosphere), on the
    sub-visible-cloud pixels (truth clear, cloud opacity > 0) and on cloud-free clear pixels: the
    sub-visible cloud's bias on the LST inputs, measured (noise σ = NEdT plus quantisation)."""
    import rasterio

    from lst_studio.plugin.core.sample import physics

    tir = next(Path(product_dir).glob("*_TIR.tif"))
    with rasterio.open(tir) as ds:
        bts = ds.read().astype(np.float64) / 10.0
    with rasterio.open(truth_dir / "EMISSIVITY.tif") as ds:
        eps = ds.read().astype(np.float64)
    lst = _read(truth_dir / "LST.tif").astype(np.float64)
    atm = json.loads((truth_dir / "atmosphere.json").read_text())
    ok = np.isfinite(lst) & (lst < 330)  # not the saturated fire
    out = {}
    for k, band in enumerate(("lwir11", "lwir12")):
        a = atm[band]
        with np.errstate(invalid="ignore"):
            rad = a["transmittance"] * (eps[k] * physics.planck(band, lst) + (1 - eps[k]) * a["downwelling"])
            diff = bts[k] - physics.inverse_planck(band, rad + a["upwelling"])
        for name, m in (("subvisible", sub & ok), ("cloudfree", clear & ok)):
            d = diff[m]
            out[f"{band}_{name}_mean_K"] = float(d.mean()) if d.size else float("nan")
            out[f"{band}_{name}_std_K"] = float(d.std()) if d.size else float("nan")
    return out


def evaluate(
    result, truth_dir: Path, options: MaskOptions, orphan: np.ndarray | None = None, product_dir=None
) -> dict:
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
        # the cloud bit alone against truth cloud (thick or thin), no buffers, no shadow
        "cloud_only": _scores(cloud_bit, np.isin(clouds, (1, 2)), inside),
    }
    sh = inside & (clouds == 3)
    out["shadow"] = 100.0 * float(final[sh].mean()) if sh.any() else float("nan")
    out["shadow_nobuf"] = 100.0 * float(nobuf[sh].mean()) if sh.any() else float("nan")
    out["shadow_as_shadow"] = 100.0 * float(shadow_bit[sh].mean()) if sh.any() else float("nan")
    if orphan is not None:
        orph = orphan & (clouds == 3)  # truth shadow of clouds outside the footprint
        out["orphan_shadow_pct"] = 100.0 * float(orph[inside].mean()) if inside.any() else float("nan")
        out["ring_fp"] = _scores(final, truth_cont, inside & ~ring & ~orph)
        sv = sh & ~orph
        out["shadow_fp"] = 100.0 * float(final[sv].mean()) if sv.any() else float("nan")
    opacity_path = truth_dir / "CLOUD_OPACITY.tif"
    if opacity_path.exists():
        import rasterio

        with rasterio.open(opacity_path) as ds:
            alpha_c, alpha_i, snr = ds.read()
        cloud = inside & np.isin(clouds, (1, 2))
        bounds = (*SNR_BINS, np.inf)
        out["found_by_snr"] = {}
        for lo, hi in zip(bounds[:-1], bounds[1:]):  # itertools.pairwise is Python 3.10+
            m = cloud & (snr >= lo) & (snr < hi)
            out["found_by_snr"][f"{lo:g}-{hi:g}"] = (
                100.0 * float(final[m].mean()) if m.any() else float("nan"),
                100.0 * float(m.sum()) / max(int(inside.sum()), 1),
            )
        # thin (semi-transparent) cloud by optical depth: opacity α = 1 − exp(−τ) (absorption only), so
        # τ ≥ 0.1 ↔ α ≥ 0.095; false alarms = cloud bit on cloud-free land (no opacity at all)
        tau = -np.log1p(-np.clip(np.maximum(alpha_c, alpha_i), 0.0, 0.999))
        thin_tau = inside & (clouds == 2) & (tau >= 0.1)
        # the cloud bit against truth cloud of optical depth >= 0.1 only (printed beside cPA, not instead):
        # fainter cloud (cirrus fringes) is truth cloud by its >= 1 sigma TIR signal, but its 1.38 µm
        # reflectance stays below Fmask's 0.01 cirrus test (Zhu et al. 2015)
        out["cloud_only_tau01"] = _scores(cloud_bit, np.isin(clouds, (1, 2)) & (tau >= 0.1), inside)
        cloud_free = inside & (clouds == 0) & (alpha_c == 0) & (alpha_i == 0) & (cover != 4)
        out["thin_tau_ge_0.1_found"] = (
            100.0 * float(nobuf[thin_tau].mean()) if thin_tau.any() else float("nan")
        )
        out["false_alarm_clear_land"] = (
            100.0 * float(cloud_bit[cloud_free].mean()) if cloud_free.any() else float("nan")
        )
        sub = inside & (clouds == 0) & ((alpha_c > 0) | (alpha_i > 0))
        out["subvisible_pct"] = 100.0 * float(sub.sum()) / max(int(inside.sum()), 1)
        out["subvisible_flagged"] = 100.0 * float(final[sub].mean()) if sub.any() else float("nan")
        out["subvisible_snr_max"] = float(snr[sub].max()) if sub.any() else float("nan")
        if product_dir is not None:
            cloudfree = inside & (clouds == 0) & (alpha_c == 0) & (alpha_i == 0)
            out["bt_contamination"] = bt_contamination(Path(product_dir), truth_dir, sub, cloudfree)
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


_SAMPLES: dict[tuple, object] = {}


def _sample(out_dir: Path, seed: int, size: int, **sample_kw):
    """The sample product of a case, written once (night cases run with and without land cover)."""
    from lst_studio.plugin.core.sample.generate import write_sample

    key = (str(out_dir), seed, size, tuple(sorted(sample_kw.items())))
    if key not in _SAMPLES:
        _SAMPLES[key] = write_sample(
            out_dir / f"seed{seed}_{'_'.join(f'{k}-{v}' for k, v in sample_kw.items())}",
            seed=seed,
            size=size,
            **sample_kw,
        )
    return _SAMPLES[key]


def run_case(
    out_dir: Path, seed: int, size: int, options: MaskOptions, ancillary: bool = False, **sample_kw
) -> dict:
    """Masks of one sample case against its truth; ``ancillary``: give the masks the sample's ancillary
    land-cover map and elevation model (``ancillary/``: ESA WorldCover codes and metres at 1 arc-second
    in EPSG:4326, drawn from the scene's geography like downloaded maps; not the truth rasters)."""
    from lst_studio.plugin.core.landcover import read_land_cover
    from lst_studio.plugin.core.products import open_product
    from lst_studio.plugin.core.terrain import read_dem

    sample = _sample(out_dir, seed, size, **sample_kw)
    scene = open_product(sample.product_dir)
    try:
        t0 = time.perf_counter()
        window = Window(0, 0, scene.grid.width, scene.grid.height)
        codes = read_land_cover(sample.land_cover, scene.grid).codes if ancillary else None
        dem = read_dem(sample.dem, scene.grid).elevation if ancillary else None
        result = compute_masks(scene, window, None, options, land_cover=codes, dem=dem)
        seconds = time.perf_counter() - t0
        nadir = None
        if scene.is_day and (scene.view_incidence or scene.view_off_nadir):
            # the sample renders clouds as seen from nadir (sample/model.py: "view parallax is
            # neglected") while its metadata carries the real view angle, which the shadow step uses
            # for the cloud parallax (right for real products): the same masks told "nadir" show what
            # that inconsistency of the sample costs
            scene.view_incidence = scene.view_off_nadir = 0.0
            nadir = compute_masks(scene, window, None, options)
    finally:
        scene.close()
    orphan = orphan_shadow(seed, size, **sample_kw)
    scores = evaluate(result, Path(sample.truth_dir), options, orphan, sample.product_dir)
    if nadir is not None:
        sn = evaluate(nadir, Path(sample.truth_dir), options, orphan)
        scores["nadir"] = {k: sn[k] for k in ("ring", "ring_fp", "shadow", "shadow_fp") if k in sn}
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


def _fmt(x: float | None) -> str:
    return "   —  " if x is None or not np.isfinite(x) else f"{x:6.2f}"


def _verdict(value: float, key: str, upper: bool = False) -> str:
    if not np.isfinite(value):
        return "n/a"
    ok = value <= TARGETS[key] if upper else value >= TARGETS[key]
    return f"{'PASS' if ok else 'FAIL'} ({'<=' if upper else '>='} {TARGETS[key]:g})"


def accuracy_table(
    seeds: list[int],
    size: int,
    options: MaskOptions,
    workdir: Path,
    day_only: bool = False,
    cloud_fraction: float | None = None,
) -> int:
    """The table of every case; ``day_only``: the day cases alone (no all-cloud, no night);
    ``cloud_fraction``: the sample's cloud cover (``SampleOptions.cloud_fraction``) of the day cases."""
    rows = []
    cover = {} if cloud_fraction is None else {"cloud_fraction": cloud_fraction}
    cases = [(s, {"atmosphere": a, **cover}) for s in seeds for a in ("dry", "humid")]
    if not day_only:
        cases += [(seeds[0], {"all_cloud": True})]
        cases += [(s, {"night": True, "atmosphere": a}) for s in seeds for a in ("dry", "humid")]
        cases += [
            (s, {"night": True, "atmosphere": a, "ancillary": True}) for s in seeds for a in ("dry", "humid")
        ]
    head = (
        f"{'case':<24} {'PA':>6} {'UA':>6} {'OA':>6} | {'PA0':>6} {'UA0':>6} {'OA0':>6} | {'PAr':>6} {'UAr':>6} {'OAr':>6} "
        f"| {'PArf':>6} {'shadow':>6} {'shd_fp':>6} {'wat→c':>6} {'snw→c':>6} | {'cPA':>6} {'cUA':>6} {'cPAτ':>6} "
        f"| {'cloud%':>6} {'truth%':>6} {'subv%':>6} {'s':>5}"
    )
    print(
        f"Masks accuracy, size {size} px, buffers cloud {options.cloud_buffer_px} / shadow {options.shadow_buffer_px} px"
    )
    print(
        "PA/UA/OA: final mask with buffers; PA0/UA0/OA0: before buffering; PAr/UAr/OAr: final, ring of buffer px "
        "excluded;\ncPA/cUA: cloud bit alone against truth cloud (cPAτ: truth cloud of optical depth >= 0.1); PArf: PAr without the shadow of clouds outside the footprint; shadow / shd_fp: truth shadow "
        "flagged, all / cast by clouds inside the footprint;\nsubv%: sub-visible cloud (truth clear, opacity > 0), "
        "% of the pixels"
    )
    print(head)
    print("-" * len(head))
    for seed, kw in cases:
        name = f"seed {seed} " + ",".join(f"{k}={v}" for k, v in kw.items())
        s = run_case(workdir, seed, size, options, **kw)
        rows.append((name, s))
        print(
            f"{name:<24} {_fmt(s['final']['PA'])} {_fmt(s['final']['UA'])} {_fmt(s['final']['OA'])} | "
            f"{_fmt(s['nobuf']['PA'])} {_fmt(s['nobuf']['UA'])} {_fmt(s['nobuf']['OA'])} | "
            f"{_fmt(s['ring']['PA'])} {_fmt(s['ring']['UA'])} {_fmt(s['ring']['OA'])} | "
            f"{_fmt(s.get('ring_fp', {}).get('PA'))} {_fmt(s['shadow'])} {_fmt(s.get('shadow_fp'))} "
            f"{_fmt(s['water_as_cloud'])} {_fmt(s['snow_as_cloud'])} | "
            f"{_fmt(s['cloud_only']['PA'])} {_fmt(s['cloud_only']['UA'])} "
            f"{_fmt(s.get('cloud_only_tau01', {}).get('PA'))} | "
            f"{_fmt(s['percentages']['cloud'])} {_fmt(s['truth_cont_pct'])} {_fmt(s.get('subvisible_pct'))} "
            f"{s['seconds']:5.1f}",
            flush=True,
        )
        if s["metadata"].get("message"):
            print(f"{'':<24} message: {s['metadata']['message']}")
    print("-" * len(head))
    day = [s for n, s in rows if "night" not in n and "all_cloud" not in n]
    nights = [s for n, s in rows if "night" in n and "ancillary" not in n]
    nights_lc = [s for n, s in rows if "night" in n and "ancillary" in n]

    def vals(group, key, sub=None):
        v = [(s[key][sub] if sub else s[key]) for s in group if key in s]
        return [x for x in v if x is not None and np.isfinite(x)]

    def mean(group, key, sub=None):
        v = vals(group, key, sub)
        return float(np.mean(v)) if v else float("nan")

    def worst(group, key, sub=None, fn=min):
        v = vals(group, key, sub)
        return float(fn(v)) if v else float("nan")

    def block(label, group, keys):
        print(f"{label} (mean / worst):")
        for name, key in keys:
            if not vals(group, key, "PA"):
                continue
            print(
                f"  {name:<30} "
                + "   ".join(
                    f"{m} {mean(group, key, m):6.2f} / {worst(group, key, m):6.2f}"
                    for m in ("PA", "UA", "OA")
                )
            )

    keys = [
        ("final (buffered)", "final"),
        ("before buffering", "nobuf"),
        ("ring excluded", "ring"),
        ("ring excl., in-footprint shadow", "ring_fp"),
    ]
    block("Day cases", day, keys)
    print(
        f"  shadow flagged: all {mean(day, 'shadow'):6.2f} / {worst(day, 'shadow'):6.2f}; cast by clouds inside the "
        f"footprint {mean(day, 'shadow_fp'):6.2f} / {worst(day, 'shadow_fp'):6.2f} (orphan shadow "
        f"{mean(day, 'orphan_shadow_pct'):.2f} % of the pixels); as shadow class {mean(day, 'shadow_as_shadow'):6.2f}"
    )
    print(
        f"  SCL thick cloud: recall {mean(day, 'thick_class_recall'):6.2f} / {worst(day, 'thick_class_recall'):6.2f}"
        f"   precision {mean(day, 'thick_class_precision'):6.2f} / {worst(day, 'thick_class_precision'):6.2f}"
    )
    print(
        f"  clear water→cloud {mean(day, 'water_as_cloud'):6.2f} / {worst(day, 'water_as_cloud', fn=max):6.2f} %"
    )
    print(
        f"  clear snow→cloud  {mean(day, 'snow_as_cloud'):6.2f} / {worst(day, 'snow_as_cloud', fn=max):6.2f} %"
    )
    for label, group in (("Day", day), ("Night", nights)):
        strata = [s["found_by_snr"] for s in group if "found_by_snr" in s]
        if strata:
            print(
                f"  {label}: truth cloud found (final mask) by signal stratum, % found (% of pixels): "
                + "; ".join(
                    f"{k} σ {np.nanmean([d[k][0] for d in strata]):6.2f} ({np.mean([d[k][1] for d in strata]):.2f})"
                    for k in strata[0]
                )
            )
    for label, group in (("Day", day), ("Night", nights)):
        if not vals(group, "subvisible_pct"):
            continue
        bt = [s["bt_contamination"] for s in group if "bt_contamination" in s]
        line = (
            f"  {label}: sub-visible cloud (truth clear) {mean(group, 'subvisible_pct'):.2f} % of the pixels, "
            f"signal < {max(vals(group, 'subvisible_snr_max')):.2f} σ in every band, flagged anyway "
            f"{mean(group, 'subvisible_flagged'):.1f} %"
        )
        if bt:
            line += "; BT − clear-sky RTE, mean (std) K: " + ", ".join(
                f"{b} sub-visible {np.nanmean([d[f'{b}_subvisible_mean_K'] for d in bt]):+.3f} "
                f"({np.nanmean([d[f'{b}_subvisible_std_K'] for d in bt]):.3f}) vs cloud-free "
                f"{np.nanmean([d[f'{b}_cloudfree_mean_K'] for d in bt]):+.3f} "
                f"({np.nanmean([d[f'{b}_cloudfree_std_K'] for d in bt]):.3f})"
                for b in ("lwir11", "lwir12")
            )
        print(line)
    allc = next((s for n, s in rows if "all_cloud" in n), None)
    if allc is not None:
        print(
            f"All-cloud: cloud {allc['percentages']['cloud']:.2f} %, clear {allc['percentages']['clear']:.2f} %, "
            f"message: {allc['metadata'].get('message')!r}"
        )
    for label, group in (
        ("Night cases (thermal only)", nights),
        ("Night cases (thermal only) with the land-cover map and the DEM", nights_lc),
    ):
        if not group:
            continue
        block(label, group, keys[:3])
        print(
            f"  clear snow→cloud  {mean(group, 'snow_as_cloud'):6.2f} / {worst(group, 'snow_as_cloud', fn=max):6.2f} %;"
            f" clear water→cloud {mean(group, 'water_as_cloud'):6.2f} / {worst(group, 'water_as_cloud', fn=max):6.2f} %"
        )
    for label, group in (
        ("without ancillary data", nights),
        ("with the land-cover map and the DEM", nights_lc),
    ):
        if not group:
            continue
        print(f"Criteria (night {label}, worst case over seeds and atmospheres; ring-excluded protocol):")
        for m in ("PA", "UA", "OA"):
            print(f"  {m}: all truth {worst(group, 'ring', m):6.2f} {_verdict(worst(group, 'ring', m), m)}")
        sn = max(worst(group, "snow_as_cloud", fn=max), 0.0)
        print(f"  clear snow→cloud {sn:.2f} {_verdict(sn, 'snow_as_cloud', upper=True)}")
        tf, fa = worst(group, "thin_tau_ge_0.1_found"), worst(group, "false_alarm_clear_land", fn=max)
        print(
            f"  thin cloud at optical depth >= 0.1 found {tf:6.2f} {_verdict(tf, 'thin_tau')}; "
            f"cloud-free land flagged {fa:.2f} {_verdict(fa, 'false_alarm', upper=True)}"
        )
    print("Criteria (day, cloud bit alone against truth cloud, no buffers; worst case):")
    for m in ("PA", "UA"):
        print(
            f"  cloud {m} {worst(day, 'cloud_only', m):6.2f} {_verdict(worst(day, 'cloud_only', m), 'cloud_' + m)}"
        )
    tau_pa = worst(day, "cloud_only_tau01", "PA")
    print(
        f"  cloud PA, truth cloud of optical depth >= 0.1 only: {tau_pa:6.2f} {_verdict(tau_pa, 'cloud_PA')}"
    )
    print("Criteria (day, worst case over seeds and atmospheres; ring-excluded protocol):")
    for m in ("PA", "UA", "OA"):
        print(
            f"  {m}: all truth {worst(day, 'ring', m):6.2f} {_verdict(worst(day, 'ring', m), m)}; without orphan "
            f"shadow {worst(day, 'ring_fp', m):6.2f} {_verdict(worst(day, 'ring_fp', m), m)}"
        )
    print(
        f"  shadow: all {worst(day, 'shadow'):6.2f} {_verdict(worst(day, 'shadow'), 'shadow')}; clouds in the "
        f"footprint {worst(day, 'shadow_fp'):6.2f} {_verdict(worst(day, 'shadow_fp'), 'shadow')}"
    )
    nad = [s["nadir"] for s in day if "nadir" in s]
    if nad:
        print(
            "  with the masks told the view is nadir, as the sample renders it (parallax consistency check): "
            + "; ".join(f"{m} {worst(nad, 'ring_fp', m):6.2f}" for m in ("PA", "UA", "OA"))
            + f" (ring excl., in-footprint shadow); shadow all {worst(nad, 'shadow'):6.2f}, "
            f"in-footprint {worst(nad, 'shadow_fp'):6.2f}"
        )
    w = max(worst(day, "water_as_cloud", fn=max), 0.0)
    sn = max(worst(day, "snow_as_cloud", fn=max), 0.0)
    print(
        f"  clear water→cloud {w:.2f} {_verdict(w, 'water_as_cloud', upper=True)}; clear snow→cloud {sn:.2f} "
        f"{_verdict(sn, 'snow_as_cloud', upper=True)} (day; night above)"
    )
    (workdir / "masks_benchmark.json").write_text(json.dumps(dict(rows), indent=1, default=str))
    print(f"(details: {workdir / 'masks_benchmark.json'})")
    return 0


def aoi_margin_table(seeds: list[int], size: int, workdir: Path) -> int:
    """Shadow of clouds outside the AOI: the central AOI (half the scene per side) of each day sample,
    masked as the pipeline does (the scene read with ``masks.shadow_margin_px`` around the AOI) and
    with the AOI alone; truth shadow inside the AOI flagged (final mask)."""
    from lst_studio.plugin.core import masks
    from lst_studio.plugin.core.products import open_product

    print(f"Truth shadow inside a central AOI flagged, % (size {size} px, AOI = the central half per side)")
    print(f"{'case':<24} {'margin px':>9} {'with margin':>12} {'AOI only':>9}")
    margin_of = masks.shadow_margin_px
    for seed in seeds:
        for atm in ("dry", "humid"):
            sample = _sample(workdir, seed, size, atmosphere=atm)
            truth = _read(Path(sample.truth_dir) / "CLOUDS.tif")
            scene = open_product(sample.product_dir)
            n, m = scene.grid.width, scene.grid.width // 4
            window = Window(m, m, n - 2 * m, scene.grid.height - 2 * m)
            sh = truth[m : scene.grid.height - m, m : n - m] == 3
            got = []
            try:
                for margin in (margin_of, lambda _scene: 0):
                    masks.shadow_margin_px = margin
                    r = masks.compute_masks(scene, window, None, MaskOptions())
                    got.append(100.0 * float((r.cloud_mask == 1)[sh & (r.cloud_mask != 255)].mean()))
            finally:
                masks.shadow_margin_px = margin_of
                scene.close()
            print(
                f"{f'seed {seed} {atm}':<24} {margin_of(scene):9d} {got[0]:12.2f} {got[1]:9.2f}", flush=True
            )
    return 0


def measure(product_dir: str) -> None:
    """Child process: open the product, run compute_masks on the whole scene, print time and peak RSS.
    A night product is run with the sample's land-cover map and DEM (read inside the timed part)."""
    from lst_studio.plugin.core.landcover import read_land_cover
    from lst_studio.plugin.core.products import open_product
    from lst_studio.plugin.core.terrain import read_dem

    scene = open_product(product_dir)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    t0 = time.perf_counter()
    anc = Path(product_dir).parent / "ancillary"
    lc = dem = None
    if not scene.is_day and anc.is_dir():
        lc = read_land_cover(next(anc.glob("LANDCOVER*.tif")), scene.grid).codes
        dem = read_dem(next(anc.glob("DEM*.tif")), scene.grid).elevation
    r = compute_masks(
        scene, Window(0, 0, scene.grid.width, scene.grid.height), None, MaskOptions(), land_cover=lc, dem=dem
    )
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


def full_scene(workdir: Path, size: int, night: bool = False) -> int:
    from lst_studio.plugin.core.sample.generate import write_sample

    folder = workdir / ("full_night" if night else "full")
    product = next(folder.glob("LANDSAT-9_*"), None) if folder.exists() else None
    if product is None:
        t0 = time.perf_counter()
        product = write_sample(folder, seed=1, size=size, night=night).product_dir
        print(f"sample {size} px written in {time.perf_counter() - t0:.0f} s")
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(product)], capture_output=True, text=True
    )
    if out.returncode != 0:
        print(out.stderr)
        return out.returncode
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"Full {'night ' if night else ''}scene {doc['size'][0]}x{doc['size'][1]}"
        f"{' with land cover and DEM' if night else ''}: masks in {doc['seconds']} s, peak RSS {doc['peak_rss_mb']} MB "
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
    ap.add_argument("--size", type=int, default=3000)
    ap.add_argument("--cloud-buffer", type=int, default=MaskOptions().cloud_buffer_px)
    ap.add_argument("--shadow-buffer", type=int, default=MaskOptions().shadow_buffer_px)
    ap.add_argument("--full", action="store_true", help="one full-size (7800 px) scene: time and peak memory")
    ap.add_argument("--full-size", type=int, default=7800)
    ap.add_argument("--night", action="store_true", help="with --full: a night scene, land cover and DEM")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument(
        "--aoi-margin", action="store_true", help="shadow in a central AOI, with and without the read margin"
    )
    ap.add_argument("--day-only", action="store_true", help="only the day cases (no all-cloud, no night)")
    ap.add_argument("--cloud-fraction", type=float, default=None, help="the day cases' sample cloud cover")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument(
        "--real", action="store_true", help="the real Landsat subsets: CFMask agreement, overlays"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "masks_real", help="with --real: PNG folder")
    args = ap.parse_args(argv)
    if args.measure:
        measure(args.measure)
        return 0
    if args.real:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import masks_real

        return masks_real.main(args.out)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lst_masks_bench_"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.full:
        return full_scene(workdir, args.full_size, args.night)
    if args.aoi_margin:
        return aoi_margin_table(args.seeds, args.size, workdir)
    opts = MaskOptions(cloud_buffer_px=args.cloud_buffer, shadow_buffer_px=args.shadow_buffer)
    return accuracy_table(args.seeds, args.size, opts, workdir, args.day_only, args.cloud_fraction)


if __name__ == "__main__":
    sys.exit(main())
