"""How long a full-scene ``pipeline.produce`` takes to stop after the user cancels, and what it leaves.

For each time given (seconds after the start), one produce of the full-size sample on all cores is
cancelled then (its Progress reports cancelled from that moment on, as the dock's Cancel button does).
Printed per run: the seconds from the cancel to ProcessingCancelled, the files left in the run folder
(should be none) and the longest gap between two progress reports.

Usage (heavy: under flock /tmp/lst-heavy.lock):
  python benchmarks/cancel_latency.py [--size 7800] [--cache DIR] SECONDS [SECONDS ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # the full-size sample product and the package path


def cancel_after(product: Path, w: float, at: float, work: Path) -> str:
    from lst_studio.plugin.core import pipeline
    from lst_studio.plugin.core.errors import ProcessingCancelled
    from lst_studio.plugin.core.options import AtmosphereInput, LstOptions
    from lst_studio.plugin.core.progress import Progress

    options = LstOptions(
        algorithm="SW", atmosphere=AtmosphereInput(water_vapour_gcm2=w), geometric_verification=False
    )
    flag, reports = threading.Event(), [time.perf_counter()]
    timer = threading.Timer(at, flag.set)
    start = time.perf_counter()
    timer.start()
    try:
        pipeline.produce(
            product, None, options, work, Progress(lambda f: reports.append(time.perf_counter()), flag.is_set)
        )
    except ProcessingCancelled:
        stopped = time.perf_counter() - start - at
    else:
        return f"cancel at {at:5.1f} s: the run ended first ({time.perf_counter() - start:.1f} s)"
    finally:
        timer.cancel()
    left = sorted(p.name for p in os.scandir(work))
    gap = max(b - a for a, b in zip(reports, reports[1:])) if len(reports) > 1 else float("nan")
    return f"cancel at {at:5.1f} s: stopped after {stopped:4.2f} s; left in the run folder: {left}; longest gap between reports {gap:.2f} s"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("seconds", type=float, nargs="+")
    p.add_argument("--size", type=int, default=7800)
    p.add_argument("--cache", type=Path, default=speed.ROOT / "build" / "bench" / "full_scene")
    a = p.parse_args()
    product, w = speed._make_product(a.size, a.cache / f"sample_{a.size}")
    for at in a.seconds:
        work = Path(tempfile.mkdtemp(prefix="lst_cancel_", dir=a.cache))  # exists, as a chosen folder does
        try:
            print(cancel_after(product, w, at, work), flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
