"""Process-wide memory settings for the duration of a run, restored afterwards: ``bounded_heap()``.

Inside QGIS the plugin shares its process with everything else, so a setting made for one run must not
outlive it (issue 14).

glibc's malloc serves a request of at least M_MMAP_THRESHOLD bytes with its own mmap, returned to the system
when freed. By default the threshold is dynamic: it starts at 128 KiB and rises to the size of every larger
mmapped block that is freed (up to 32 MiB on 64-bit systems), after which block-sized numpy arrays come from
the heap and their memory is not returned: RSS then grows far beyond what is in use. During a run we fix the
threshold at 4 MiB, which keeps large arrays in mmap (mallopt(3), M_MMAP_THRESHOLD = -3).

Restoring: mallopt cannot read a value back, and once any of M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_TOP_PAD or
M_MMAP_MAX has been set glibc never re-enables the dynamic adjustment (mallopt(3), "Dynamic adjustment of the
mmap threshold is disabled if any of ... is set"). The closest we can come is glibc's documented initial
value, 128 KiB (DEFAULT_MMAP_THRESHOLD_MIN, malloc/malloc.c): after the run the threshold stays fixed there
instead of rising, so large blocks keep going back to the system at the price of a few more mmap calls.
Nested or concurrent runs (two tasks in QGIS) share one setting: the last one to finish restores it.
Elsewhere than glibc (Windows, macOS, musl) nothing is changed.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import sys
import threading

M_MMAP_THRESHOLD = -3  # glibc malloc.h
RUN_MMAP_THRESHOLD = 4 * 1024 * 1024
GLIBC_DEFAULT_MMAP_THRESHOLD = 128 * 1024  # DEFAULT_MMAP_THRESHOLD_MIN, glibc malloc/malloc.c

_lock = threading.Lock()
_active = 0


def libc():
    """glibc through ctypes, or None where there is none (Windows, macOS, musl without mallopt)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return lib if hasattr(lib, "mallopt") else None


def _mallopt(value: int) -> bool:
    lib = libc()
    return lib is not None and lib.mallopt(M_MMAP_THRESHOLD, value) == 1  # mallopt returns 1 on success


@contextlib.contextmanager
def bounded_heap(threshold: int | None = None):
    """Fix glibc's mmap threshold at ``threshold`` bytes (RUN_MMAP_THRESHOLD, read when the block is
    entered) for the ``with`` block; then back to the default."""
    global _active
    with _lock:
        if _active == 0:
            _mallopt(RUN_MMAP_THRESHOLD if threshold is None else threshold)
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                _mallopt(GLIBC_DEFAULT_MMAP_THRESHOLD)


def trim_heap() -> None:
    """Give free heap memory back to the system (malloc_trim(0)); nothing where glibc is not there."""
    lib = libc()
    if lib is not None and hasattr(lib, "malloc_trim"):
        lib.malloc_trim(0)
