"""Process-wide memory settings for the duration of a run, restored afterwards: ``bounded_heap()``.

Inside QGIS the plugin shares its process with everything else, so a setting made for one run must not
outlive it (issue 14).

glibc's malloc serves a request of at least M_MMAP_THRESHOLD bytes with its own mmap, returned to the system
when freed. By default the threshold is dynamic: it starts at 128 KiB and rises to the size of every larger
mmapped block that is freed (up to 32 MiB on 64-bit systems), after which block-sized numpy arrays come from
the heap and their memory is not returned: RSS then grows far beyond what is in use. During a run we fix the
threshold at 4 MiB, which keeps large arrays in mmap (mallopt(3), M_MMAP_THRESHOLD = -3).

Below it, the strip passes' temporaries come from the heap, strip after strip. glibc gives the free memory at
the top of a heap back to the system as soon as it exceeds M_TRIM_THRESHOLD (128 KiB), so every strip
faulted its pages in again, one by one. During a run the trim threshold is 64 MiB: that memory stays for the
next strip, and the pipeline gives it back after every strip pass (``trim_heap``). Full scene
(benchmarks/produce_stages.py, six runs alternated): page faults 1.8-2.2 -> 1.1-1.3 million, kernel time
15 -> 11-15 s, produce 32.0 -> 30.2 s on average, peak RSS +15-30 MB (issue 15).

Restoring: mallopt cannot read a value back, and once any of M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_TOP_PAD or
M_MMAP_MAX has been set glibc never re-enables the dynamic adjustment (mallopt(3), "Dynamic adjustment of the
mmap threshold is disabled if any of ... is set"). The closest we can come is glibc's documented initial
values, 128 KiB for both (DEFAULT_MMAP_THRESHOLD_MIN and DEFAULT_TRIM_THRESHOLD, malloc/malloc.c): after the
run the thresholds stay fixed there instead of rising, so large blocks keep going back to the system at the
price of a few more mmap calls.
Nested or concurrent runs (two tasks in QGIS) share one setting: the last one to finish restores it.
Elsewhere than glibc (Windows, macOS, musl) nothing is changed.

numpy asks the kernel for transparent huge pages (2 MiB, madvise(MADV_HUGEPAGE)) for every array of 4 MiB or
more, on Linux, by default. A freed huge page is a free 2 MiB block, which a virtual machine whose memory
balloon reports free pages (virtio-balloon, ``host_takes_free_memory``) hands back to its host about two
seconds later (mm/page_reporting.c); the host must then fault it in again before the guest can clear it, and
the strip passes free and take such blocks all the time. Memory freed in 4 KiB pages is mostly reused from the
kernel's per-CPU lists before it merges into a block large enough to report (2 MiB). So on such a machine,
during a run, numpy's arrays stay off huge pages (``_set_madvise_hugepage``, the switch behind numpy's
documented NUMPY_MADVISE_HUGEPAGE=0, which is read only at import; put back afterwards). Full scene, produce,
on this 2-core VM, alternated (benchmarks/produce_stages.py --numpy-hugepages on|off --freed-gb 4 --wait S):
with huge pages 28.1 / 27.8 / 29.5 / 28.7 s when the host had 15 s to take the freed memory back (kernel time
14.1-15.6 s), 27.4 / 26.0 s when the run began as it was freed; without, 24.3 / 24.0 / 26.3 / 25.5 s (kernel
8.0-10.6 s) and 24.7 / 24.1 s; page faults 0.7 -> 2.4 million, peak RSS the same (1.60-1.67 GB). Only in one
ad-hoc pairing, runs started right after 4 GB of page cache was dropped, were huge pages faster (23.0 / 21.8 s
against 23.7 / 23.2 s): the case of a machine without such a balloon, which therefore keeps numpy's setting
(issue 15).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import sys
import threading
from pathlib import Path

import numpy as np

M_MMAP_THRESHOLD = -3  # glibc malloc.h
M_TRIM_THRESHOLD = -1
RUN_MMAP_THRESHOLD = 4 * 1024 * 1024
RUN_TRIM_THRESHOLD = 64 * 1024 * 1024
GLIBC_DEFAULT_MMAP_THRESHOLD = 128 * 1024  # DEFAULT_MMAP_THRESHOLD_MIN, glibc malloc/malloc.c
GLIBC_DEFAULT_TRIM_THRESHOLD = 128 * 1024  # DEFAULT_TRIM_THRESHOLD, glibc malloc/malloc.c

_lock = threading.Lock()
_active = 0
_numpy_hugepages_before: bool | None = None


@functools.lru_cache(maxsize=1)
def libc():
    """glibc through ctypes, or None where there is none (Windows, macOS, musl without mallopt). Looked up
    once: ``find_library`` runs ``ldconfig -p`` in a subprocess, and ``trim_heap`` follows every strip pass."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return lib if hasattr(lib, "mallopt") else None


def _mallopt(mmap_threshold: int, trim_threshold: int) -> bool:
    lib = libc()
    if lib is None:
        return False
    # mallopt returns 1 on success
    return (
        lib.mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1
        and lib.mallopt(M_TRIM_THRESHOLD, trim_threshold) == 1
    )


def numpy_hugepages(enabled: bool) -> bool | None:
    """Switch numpy's madvise(MADV_HUGEPAGE) of large arrays; the previous value, or None where this numpy
    has no such switch (then nothing is changed)."""
    try:
        from numpy._core import multiarray  # numpy 2
    except ImportError:
        from numpy.core import multiarray  # numpy 1.16-1.26
    switch = getattr(multiarray, "_set_madvise_hugepage", None)
    return None if switch is None else bool(switch(enabled))


# OASIS Virtual I/O Device (VIRTIO) Version 1.2 (2022): the traditional memory balloon's device ID (§5) and
# its feature VIRTIO_BALLOON_F_PAGE_REPORTING (§5.5.3; Linux: VIRTIO_BALLOON_F_REPORTING), with which the
# guest reports free pages for the host to take back at any time (free page hinting, bit 3, serves only
# migration); sysfs lists the negotiated feature bits as '0'/'1', bit 0 first
VIRTIO_BALLOON = "0x0005"
PAGE_REPORTING_BIT = 5


@functools.lru_cache(maxsize=1)
def host_takes_free_memory(devices: Path = Path("/sys/bus/virtio/devices")) -> bool:
    """Whether this Linux guest's memory balloon gives the memory it frees back to the host."""
    try:
        found = list(devices.iterdir())
    except OSError:
        return False
    for device in found:
        try:
            if (device / "device").read_text().strip() != VIRTIO_BALLOON:
                continue
            bits = (device / "features").read_text().strip()
        except OSError:
            continue
        if len(bits) > PAGE_REPORTING_BIT and bits[PAGE_REPORTING_BIT] == "1":
            return True
    return False


@contextlib.contextmanager
def bounded_heap(threshold: int | None = None):
    """Fix glibc's mmap threshold at ``threshold`` bytes (RUN_MMAP_THRESHOLD) and its trim threshold at
    RUN_TRIM_THRESHOLD (both read when the block is entered) and, where the host takes free memory back,
    keep numpy's arrays off huge pages, for the ``with`` block; then back to the defaults and to numpy's
    previous setting."""
    global _active, _numpy_hugepages_before
    with _lock:
        if _active == 0:
            _mallopt(RUN_MMAP_THRESHOLD if threshold is None else threshold, RUN_TRIM_THRESHOLD)
            _numpy_hugepages_before = numpy_hugepages(False) if host_takes_free_memory() else None
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                _mallopt(GLIBC_DEFAULT_MMAP_THRESHOLD, GLIBC_DEFAULT_TRIM_THRESHOLD)
                if _numpy_hugepages_before is not None:
                    numpy_hugepages(_numpy_hugepages_before)


def trim_heap() -> None:
    """Give free heap memory back to the system (malloc_trim(0)); nothing where glibc is not there."""
    lib = libc()
    if lib is not None and hasattr(lib, "malloc_trim"):
        lib.malloc_trim(0)


def written_zeros(shape, dtype) -> np.ndarray:
    """Zeros for an array that is then updated in place (``|=``) strip by strip: its pages written now.

    ``np.zeros`` takes untouched pages (calloc). Updating one reads each page before writing it: the read
    maps the kernel's shared zero page, and the write faults again to replace it, 4 KiB at a time, each
    time flushing the other cores' TLBs (an inter-processor interrupt, costly in a virtual machine). A
    first write instead takes each page in one fault: 4 KiB, or 2 MiB where numpy asks for huge pages
    (``bounded_heap``). The masks' pass 1 pattern (its flag, test and QA arrays of a full scene set strip by
    strip on two threads, benchmarks/zero_pages.py): 208-210 thousand page faults and 1.2-1.7 s -> 2
    thousand and 0.2 s with huge pages, 104-105 thousand and 0.27-0.28 s without (issue 15). Pass 1 itself
    zeroes its arrays strip by strip on its workers (``masks._clear_rows``)."""
    a = np.empty(shape, dtype)
    a.fill(0)
    return a
