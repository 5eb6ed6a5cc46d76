"""Write one full-size sample scene (default 7800 × 7800 thermal pixels) and print time and peak RSS.

Usage: ``.venv/bin/python benchmarks/make_full_scene.py OUT_DIR [--size 7800] [--seed 1] [--landsat]``
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--size", type=int, default=7800)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--landsat", action="store_true")
    a = p.parse_args()
    sys.path.insert(0, str(ROOT / "tools"))
    import plugin_alias  # imports this checkout as lst_studio (no symlink)

    plugin_alias.install()
    from lst_studio.plugin.core.sample.generate import write_sample

    t0 = time.perf_counter()
    result = write_sample(a.out, seed=a.seed, size=a.size, landsat=a.landsat)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(f.stat().st_size for f in result.product_dir.rglob("*") if f.is_file())
    print(f"product: {result.product_dir}")
    print(f"size: {a.size} x {a.size} thermal pixels (30 m), landsat={a.landsat}")
    print(f"time: {seconds:.1f} s")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print(f"product size on disk: {total / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
