"""Where a full-scene ``pipeline.produce`` spends its time: per stage, wall interval, the process's user and
kernel CPU, minor page faults and the largest RSS seen, plus the totals. One run, all cores.

Kernel time is much of what a strip pass costs beyond its arithmetic: every numpy temporary at least as
large as glibc's mmap threshold (core.memory fixes it at 4 MiB for a run) is a fresh mmap whose pages fault
in one by one, and free heap beyond the trim threshold (64 MiB during a run) goes back to the system. The
two options run the same produce with other values, to weigh speed against peak RSS (issue 15):

  --mmap-threshold BYTES   instead of core.memory's RUN_MMAP_THRESHOLD
  --trim-threshold BYTES   instead of core.memory's RUN_TRIM_THRESHOLD
  --numpy-hugepages on|off numpy's huge pages during the run kept or not, instead of core.memory's choice
                           (off where the host takes free memory back: ``memory.host_takes_free_memory``)

On a virtual machine whose balloon reports free pages, what a run costs depends on whether the host has
taken back the memory it is given: ``--freed-gb G --wait S`` first writes G GB to a file and deletes it
(memory taken and freed, as a previous run's results), then waits S seconds before the produce (the guest
reports free memory after about 2 s: 0 = still there, 15 = taken back).

Stages overlap (the CEOS-ARD layers run beside the masks' serial steps), and CPU and page faults are the
process's during each stage, so overlapping stages share them. Usage (heavy: under flock
/tmp/lst-heavy.lock): python benchmarks/produce_stages.py [--size 7800] [--cache DIR] [options above]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # the full-size sample product and the package path

# (module, function) of the stages, in the order they start
STAGES = [
    ("pipeline", "_valid_mask"),
    ("masks", "_pass1"),
    ("masks", "_day_clouds"),
    ("pipeline", "write_ard_layers"),
    ("masks", "_day_shadows"),
    ("masks", "_assemble"),
    ("masks", "_cloud_distance"),
    ("pipeline", "_write_blocks"),
]


def _rss_sampler(t0: float, samples: list) -> None:
    while True:
        with open("/proc/self/status") as f:
            rss = next((int(line.split()[1]) // 1024 for line in f if line.startswith("VmRSS")), 0)
        samples.append((time.perf_counter() - t0, rss))
        time.sleep(0.05)


def _timed(fn, name: str, t0: float, marks: list):
    def wrapper(*args, **kwargs):
        start, r0 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF)
        try:
            return fn(*args, **kwargs)
        finally:
            r1 = resource.getrusage(resource.RUSAGE_SELF)
            marks.append(
                (name, start, time.perf_counter() - t0, r1.ru_utime - r0.ru_utime, r1.ru_stime - r0.ru_stime,
                 r1.ru_minflt - r0.ru_minflt)
            )  # fmt: skip

    return wrapper


def _free_memory(gb: float, wait: float, folder: Path) -> None:
    """``gb`` GB written to a file in ``folder`` and deleted (page cache: taken and freed without touching
    this process's RSS), then ``wait`` seconds."""
    if gb > 0:
        chunk = bytes(8 << 20)
        with tempfile.NamedTemporaryFile(dir=folder) as f:
            for _ in range(int(gb * 1024 / 8)):
                f.write(chunk)
    time.sleep(wait)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=7800)
    p.add_argument("--cache", type=Path, default=speed.ROOT / "build" / "bench" / "full_scene")
    p.add_argument("--mmap-threshold", type=int, default=None)
    p.add_argument("--trim-threshold", type=int, default=None)
    p.add_argument("--numpy-hugepages", choices=("on", "off"), default=None)
    p.add_argument("--freed-gb", type=float, default=0.0)
    p.add_argument("--wait", type=float, default=0.0)
    a = p.parse_args()
    a.cache.mkdir(parents=True, exist_ok=True)
    speed.require_free_space(a.cache)
    product, w = speed._make_product(a.size, a.cache / f"sample_{a.size}")
    from lst_studio.plugin.core import masks, memory, pipeline
    from lst_studio.plugin.core.options import AtmosphereInput, LstOptions

    if a.mmap_threshold is not None:
        memory.RUN_MMAP_THRESHOLD = a.mmap_threshold  # what produce's bounded_heap() sets
    if a.trim_threshold is not None:
        memory.RUN_TRIM_THRESHOLD = a.trim_threshold
    if a.numpy_hugepages is not None:  # bounded_heap() turns them off where the host takes free memory
        memory.host_takes_free_memory = lambda: a.numpy_hugepages == "off"
    mmap, trim = memory.RUN_MMAP_THRESHOLD, memory.RUN_TRIM_THRESHOLD
    hugepages = "off" if memory.host_takes_free_memory() else "numpy's default"
    marks: list = []
    samples: list = []
    _free_memory(a.freed_gb, a.wait, a.cache)
    t0 = time.perf_counter()
    modules = {"pipeline": pipeline, "masks": masks}
    for mod, name in STAGES:
        setattr(modules[mod], name, _timed(getattr(modules[mod], name), name, t0, marks))
    threading.Thread(target=_rss_sampler, args=(t0, samples), daemon=True).start()
    work = Path(tempfile.mkdtemp(prefix="lst_stages_", dir=a.cache))
    options = LstOptions(
        algorithm="SW", atmosphere=AtmosphereInput(water_vapour_gcm2=w), geometric_verification=False
    )
    r0, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    try:
        pipeline.produce(product, None, options, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    wall, r1 = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"allocator during the run: mmap threshold {mmap} B, trim threshold {trim} B, numpy huge pages {hugepages}"
        f"; before it {a.freed_gb:g} GB freed, then {a.wait:g} s waited"
    )
    print(f"{'stage':18s} {'wall (s)':>13s} {'user s':>7s} {'sys s':>6s} {'kfaults':>8s} {'max RSS MB':>10s}")
    for name, s, e, user, sys_, faults in sorted(marks, key=lambda m: m[1]):
        rss = max((r for t, r in samples if s <= t <= e), default=0)
        print(f"{name:18s} {s:5.1f} - {e:5.1f} {user:7.1f} {sys_:6.1f} {faults // 1000:8d} {rss:10d}")
    print(
        f"produce: wall {wall:.1f} s, user {r1.ru_utime - r0.ru_utime:.1f} s, sys {r1.ru_stime - r0.ru_stime:.1f} s,"
        f" minor faults {(r1.ru_minflt - r0.ru_minflt) // 1000}k, peak RSS {r1.ru_maxrss // 1024} MB"
    )


if __name__ == "__main__":
    main()
