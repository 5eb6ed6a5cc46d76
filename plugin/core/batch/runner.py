"""Run a batch: one Dask task per product × AOI, progress and ETA, cancel, clean-up, STAC Collection.

``run_batch(tasks, client, ...)`` submits every task (``task.run_task``), then follows them: each finished
task's summary goes to ``on_task`` and the counts (done, skipped, failed, remaining, ETA) to ``on_status``
and ``progress``. A task that Dask could not run (its workers kept dying: ``KilledWorker``) is reported
as failed like a bad product. Cancel (``progress`` reports it): a distributed Event tells running tasks to
stop at their next block (their stage is removed), queued tasks return at once, and the run
waits for all of them, so that when it returns nothing is being written and the output folder holds only
complete packages. The ETA is the remaining tasks times the wall time per produced (not skipped) task so
far, which already includes the parallelism.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ProcessingCancelled
from ..progress import Progress, ensure
from .task import CANCELLED, DONE, FAILED, SKIPPED, BatchTask, clean_stages, run_task

POLL_S = 0.2


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    s = int(round(seconds))
    return f"{s // 3600} h {s // 60 % 60:02d} min" if s >= 3600 else f"{s // 60} min {s % 60:02d} s"


@dataclass
class BatchStatus:
    total: int
    started: float = field(default_factory=time.monotonic)
    counts: dict[str, int] = field(default_factory=lambda: {DONE: 0, SKIPPED: 0, FAILED: 0, CANCELLED: 0})

    @property
    def finished(self) -> int:
        return sum(self.counts.values())

    @property
    def remaining(self) -> int:
        return self.total - self.finished

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def eta(self) -> float | None:
        worked = self.counts[DONE] + self.counts[FAILED]
        if self.remaining == 0:
            return 0.0
        return self.elapsed / worked * self.remaining if worked else None

    def line(self) -> str:
        c = self.counts
        text = (
            f"{self.finished}/{self.total}: {c[DONE]} done, {c[SKIPPED]} skipped, {c[FAILED]} failed, "
            f"{self.remaining} remaining, elapsed {_duration(self.elapsed)}, ETA {_duration(self.eta)}"
        )
        return text + (f", {c[CANCELLED]} cancelled" if c[CANCELLED] else "")


@dataclass
class BatchResult:
    summaries: list[dict[str, Any]]
    status: BatchStatus
    cancelled: bool = False
    collection: Path | None = None
    cso_files: list[Path] = field(default_factory=list)  # when the batch also ran the CSO step

    def of(self, status: str) -> list[dict[str, Any]]:
        return [s for s in self.summaries if s.get("status") == status]


def _failed(task: BatchTask, exc: BaseException) -> dict[str, Any]:
    return {
        "key": task.key,
        "product": task.product,
        "aoi_id": task.aoi_id,
        "status": FAILED,
        "error": f"{type(exc).__name__}: {exc}",
    }


def _summary(future, task: BatchTask) -> dict[str, Any]:
    try:
        return future.result()
    except Exception as exc:  # KilledWorker, CancelledError, a task that could not be unpickled …
        return _failed(task, exc)


def _cancelled(progress: Progress, status: BatchStatus) -> bool:
    try:
        progress.update(status.finished / max(status.total, 1))
    except ProcessingCancelled:
        return True
    return False


def run_batch(
    tasks: Sequence[BatchTask],
    client,
    progress: Progress | None = None,
    on_task: Callable[[dict[str, Any], BatchStatus], None] | None = None,
    on_status: Callable[[BatchStatus], None] | None = None,
) -> BatchResult:
    """Run ``tasks`` on ``client`` (see the module docstring); returns every task's summary, in order."""
    from distributed import Event

    progress = ensure(progress)
    status = BatchStatus(len(tasks))
    run_id = uuid.uuid4().hex[:12]
    event_name = f"lst-batch-cancel-{run_id}"
    event = Event(event_name, client=client)
    futures = [
        client.submit(run_task, t, event_name, run_id, key=f"lst-batch-{t.key}-{run_id}", pure=False)
        for t in tasks
    ]
    summaries: list[dict[str, Any] | None] = [None] * len(tasks)
    pending = set(range(len(tasks)))
    cancelled = False
    last_line = 0.0
    try:
        while pending:
            ready = [i for i in pending if futures[i].done()]
            for i in ready:
                pending.discard(i)
                summaries[i] = s = _summary(futures[i], tasks[i])
                status.counts[s["status"]] += 1
                if on_task is not None:
                    on_task(s, status)
            if not cancelled and _cancelled(progress, status):
                cancelled = True
                event.set()  # running tasks stop at their next block; queued ones return at once
            if on_status is not None and (ready or time.monotonic() - last_line > 10):
                on_status(status)
                last_line = time.monotonic()
            if pending and not ready:
                time.sleep(POLL_S)
    finally:
        if pending:  # interrupted (KeyboardInterrupt): stop everything before returning
            event.set()
            client.cancel([futures[i] for i in pending])
        for out in {t.out_dir for t in tasks}:  # nothing of this run runs any more: its stages can go
            clean_stages(out, run_id)
        client.cancel(futures)
        event.clear()
    return BatchResult([s for s in summaries if s is not None], status, cancelled)
