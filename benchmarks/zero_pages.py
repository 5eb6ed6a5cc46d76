"""Page faults of arrays updated in place strip by strip: ``np.zeros`` against ``memory.written_zeros``.

    .venv/bin/python benchmarks/zero_pages.py [--size 7800] [--threads 2]

The masks' pass 1 allocates its flag, test and QA arrays for the whole window and then sets bits in them
strip by strip (``|=``) on every core. This replays that pattern (the same arrays, 128-row strips, eight
test bits) with each allocation and prints wall, user and kernel time and minor page faults of each.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import plugin_alias  # noqa: E402  (imports this checkout as lst_studio, no symlink)

plugin_alias.install()

from lst_studio.plugin.core import memory  # noqa: E402

STRIP = 128


def replay(make, size: int, threads: int) -> dict[str, float]:
    """Pass 1's bit setting on arrays from ``make(shape, dtype)``; the process's costs meanwhile."""
    start, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    with memory.bounded_heap():
        flags, qa = make((size, size), np.uint8), make((size, size), np.uint16)
        tests = make((2, size, size), np.uint16)
        flagged = np.ones((STRIP, size), bool)

        def strip(r0: int) -> None:
            r1 = min(size, r0 + STRIP)
            f = flagged[: r1 - r0]
            flags[r0:r1] |= f.astype(np.uint8)
            qa[r0:r1] |= f.astype(np.uint16)
            for bit in range(8):
                tests[:, r0:r1] |= np.uint16(1 << bit) * f

        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(strip, range(0, size, STRIP)))
    end = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "wall": time.perf_counter() - t0,
        "user": end.ru_utime - start.ru_utime,
        "sys": end.ru_stime - start.ru_stime,
        "faults": end.ru_minflt - start.ru_minflt,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=7800)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    makers = {"np.zeros": lambda shape, dtype: np.zeros(shape, dtype), "written_zeros": memory.written_zeros}
    for _round in range(2):  # alternated: the machine's noise
        for name, make in makers.items():
            r = replay(make, args.size, args.threads)
            print(
                f"{name:14s} wall {r['wall']:5.2f} s  user {r['user']:5.2f} s  kernel {r['sys']:5.2f} s  "
                f"page faults {r['faults'] / 1e3:6.0f}k"
            )


if __name__ == "__main__":
    main()
