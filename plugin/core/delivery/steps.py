"""Run the export's independent steps (one COG layer, one quicklook) on every core: ``run_steps``.

GDAL's COG driver compresses tiles on all threads but computes overviews on one, and our encoding pass is
numpy on one thread, so one layer at a time leaves a core idle for much of the export. Steps that share
no file run side by side instead, each on its own worker thread (numpy, hashlib and GDAL release the
GIL). Every file a step writes depends only on its own inputs, never on which steps run beside it or on
the number of workers (tests/core/test_delivery.py compares the bytes).

Progress and cancel (core/progress.py) keep their meaning: the caller's callback only ever runs on the
calling thread (the weighted share of the steps' own fractions, polled while waiting); cancel reaches a
step at its next progress check (every row strip of the encoding, every GDAL progress call) and every
running step stops; the first real error of a step stops the others and is raised once all have ended.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

from ..blocks import available_cores
from ..errors import ProcessingCancelled
from ..progress import Progress, ensure

T = TypeVar("T")
POLL_SECONDS = 0.2  # how often the calling thread reports progress while steps run


def run_steps(
    steps: Sequence[Callable[[Progress], T]],
    weights: Sequence[float],
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[T]:
    """Call each ``step(step_progress)`` on ``workers`` threads (default: every usable core) and return
    their results in the given order. ``weights`` estimate the steps' work: they are their shares of
    ``progress``, and the heaviest steps start first (the last to start is then a short one, so no core
    waits long at the end: longest-processing-time-first scheduling, Graham 1969,
    doi:10.1137/0117039)."""
    progress = ensure(progress)
    if not steps:
        return []
    workers = max(1, min(workers or available_cores(), len(steps)))
    stop = threading.Event()
    fractions = [0.0] * len(steps)
    total = float(sum(weights)) or 1.0

    def step_progress(i: int) -> Progress:
        return Progress(
            lambda f: fractions.__setitem__(i, f), lambda: stop.is_set() or progress.cancelled, 0.0, 1.0
        )

    def report() -> None:
        progress.update(sum(w * f for w, f in zip(weights, fractions)) / total)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lst-export") as pool:
        order = sorted(range(len(steps)), key=lambda i: -weights[i])  # stable: ties keep the given order
        started = {i: pool.submit(_checked, steps[i], step_progress(i)) for i in order}
        futures = [started[i] for i in range(len(steps))]
        index = {future: i for i, future in enumerate(futures)}
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    future.result()  # a step's error stops the others (below)
                    fractions[index[future]] = 1.0
                report()
        except BaseException as exc:
            stop.set()
            for future in futures:
                future.cancel()
            wait(futures)
            raise _first_real_error(futures, exc) from None
    return [f.result() for f in futures]


def _checked(step: Callable[[Progress], T], progress: Progress) -> T:
    """A step that does not start once the run is cancelled or has failed."""
    progress.check()
    return step(progress)


def _first_real_error(futures: list[Future], raised: BaseException) -> BaseException:
    """What to raise after a failed run: the error that stopped it, not the ProcessingCancelled that the
    stop caused in the other steps (a user's cancel stays a ProcessingCancelled)."""
    if not isinstance(raised, ProcessingCancelled):
        return raised
    for future in futures:
        if future.cancelled():
            continue
        other = future.exception()
        if other is not None and not isinstance(other, ProcessingCancelled):
            return other
    return raised
