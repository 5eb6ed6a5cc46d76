"""One batch task: one product × one AOI -> one delivery package, and a small summary of it.

The task calls exactly what "Produce delivery package" calls (``pipeline.produce`` then
``delivery.package.export_package``), then the package self-check the dock runs
(``delivery.validate.validate_package``). It never raises for a bad product: every outcome is a summary
(``status`` done, skipped, failed or cancelled, with the error text), so one broken product never stops the
others and the scheduler never retries a product that is simply bad. A worker that dies is another
matter: Dask reschedules its task on another worker.

Atomic placement across workers: each task produces and exports into its own staging folder
``{out}/.lst-batch/stage/{run}/{key}-{host}-{pid}-{random}/`` and renames the finished, validated package into
``{out}`` (one rename on one file system). The export's own clean-up of stale partial folders (which
tells a dead writer by its process id, meaningless across hosts) therefore only ever looks inside the
task's private folder, never at a package another host is writing.

Re-runs: a done task writes its summary to ``{out}/.lst-batch/done/{key}.json``; the next run skips the
task when that record names a package that is still there and passes the self-check. Without a record
(deleted ledger), a package of the same name that passes the self-check is kept and the task reports it as
skipped; one that fails it (incomplete, damaged) is replaced. ``DeliveryOptions.overwrite`` redoes
everything and replaces the packages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..delivery import layout
from ..errors import ExportError, LstError, ProcessingCancelled
from ..options import Aoi, DeliveryOptions, LstOptions
from ..progress import Progress

LEDGER = ".lst-batch"  # hidden: never taken for a package by the CSO step or a folder scan
CANCEL_POLL_S = 0.5  # how often a running task asks the scheduler whether the batch was cancelled
DONE, SKIPPED, FAILED, CANCELLED = "done", "skipped", "failed", "cancelled"


@dataclass
class BatchTask:
    """Everything one task needs; small and picklable (paths as strings, plain dataclasses)."""

    product: str
    aoi: Aoi | None
    options: LstOptions
    delivery: DeliveryOptions
    out_dir: str
    scene_threads: int = 1  # threads inside one scene, when the pipeline offers them

    @property
    def aoi_id(self) -> str:
        return self.aoi.id if self.aoi is not None else ""

    @property
    def key(self) -> str:
        """Stable id of product × AOI × product token (the ledger's file name)."""
        aoi = json.dumps(self.aoi.geometry, sort_keys=True) if self.aoi is not None else "scene"
        text = "\n".join((self.product, self.aoi_id, aoi, self.delivery.product_token))
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    @property
    def label(self) -> str:
        return f"{Path(self.product).name} × {self.aoi_id or 'whole scene'}"


def ledger(out_dir: str | Path) -> Path:
    return Path(out_dir) / LEDGER


def _record_path(task: BatchTask) -> Path:
    return ledger(task.out_dir) / "done" / f"{task.key}.json"


def cancel_checker(event_name: str | None) -> Callable[[], bool] | None:
    """A cheap ``is_cancelled`` for Progress: polls the batch's distributed Event every CANCEL_POLL_S."""
    if not event_name:
        return None
    from distributed import Event

    event = Event(event_name)
    state = {"at": 0.0, "set": False}

    def cancelled() -> bool:
        now = time.monotonic()
        if not state["set"] and now - state["at"] >= CANCEL_POLL_S:
            state["at"] = now
            with contextlib.suppress(Exception):  # scheduler busy or gone: keep going, ask again later
                state["set"] = bool(event.is_set())
        return state["set"]

    return cancelled


def _base(task: BatchTask) -> dict[str, Any]:
    return {
        "key": task.key,
        "product": task.product,
        "aoi_id": task.aoi_id,
        "aoi_name": task.aoi.name if task.aoi is not None else "",
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }


def _valid_package(folder: Path) -> bool:
    from ..delivery.validate import validate_package

    return folder.is_dir() and validate_package(folder).ok


def _skip_record(task: BatchTask) -> dict[str, Any] | None:
    """The ledger's summary when its package is still complete and valid, else None."""
    path = _record_path(task)
    if task.delivery.overwrite or not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = record.get("package")
    if not name or not _valid_package(Path(task.out_dir) / name):
        return None
    return record


def _write_record(task: BatchTask, summary: dict[str, Any]) -> None:
    path = _record_path(task)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _outcome(metadata: dict[str, Any]) -> dict[str, Any]:
    """The figures a batch summary keeps from a result's metadata (time, clouds, LST statistics)."""
    scene = metadata.get("scene") or {}
    pct = (metadata.get("masks") or {}).get("percentages") or {}
    stats = metadata.get("lst_stats") or {}
    return {
        "datetime": scene.get("acquisition_datetime"),
        "platform": scene.get("platform"),
        "cloud_percent": pct.get("cloud"),
        "lst_min": stats.get("min"),
        "lst_median": stats.get("median"),
        "lst_max": stats.get("max"),
        "warnings": len(metadata.get("warnings") or []),
    }


def _place(package: Path, task: BatchTask) -> tuple[Path, bool]:
    """Rename the staged package into the output folder; (final path, True when it was already there)."""
    final = Path(task.out_dir) / package.name
    if final.exists() and not task.delivery.overwrite and _valid_package(final):
        return final, True
    old = None  # an existing package is replaced when asked, or when it is incomplete or damaged
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}-{os.urandom(3).hex()}")
        os.rename(final, old)
    os.rename(package, final)
    zipped = package.with_name(layout.zip_name(package.name))
    if zipped.is_file():
        os.replace(zipped, final.with_name(zipped.name))
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final, False


def _produce(task: BatchTask, stage: Path, progress: Progress) -> tuple[Path, bool, dict[str, Any]]:
    from ..delivery.package import export_package
    from ..delivery.validate import validate_package
    from ..pipeline import produce

    options = dataclasses.replace(task.options, threads=int(task.scene_threads))
    result = produce(task.product, task.aoi, options, workdir=stage / "work", progress=progress.sub(0, 0.8))
    package = export_package(result, stage / "out", task.delivery, progress.sub(0.8, 0.97))
    check = validate_package(package)
    if not check.ok:
        raise ExportError(f"{package.name}: the package fails its self-check:\n{check.summary}")
    progress.check()
    final, existed = _place(package, task)
    return final, existed, _outcome(result.metadata)


def stage_root(out_dir: str | Path, run_id: str = "") -> Path:
    """Where the tasks of one batch run stage their work (``run_id`` keeps concurrent runs apart)."""
    return ledger(out_dir) / "stage" / (run_id or "single")


def run_task(task: BatchTask, cancel_event: str | None = None, run_id: str = "") -> dict[str, Any]:
    """Produce, export, check and place one package; always returns a summary (see module doc)."""
    t0 = time.perf_counter()
    summary = _base(task)
    worker = summary["worker"].replace(":", "-")
    stage = stage_root(task.out_dir, run_id) / f"{task.key}-{worker}-{os.urandom(3).hex()}"
    try:
        progress = Progress(is_cancelled=cancel_checker(cancel_event))
        progress.check()  # a cancelled batch's queued tasks return at once
        record = _skip_record(task)
        if record is not None:
            return {**record, **summary, "status": SKIPPED, "seconds": round(time.perf_counter() - t0, 2)}
        stage.mkdir(parents=True, exist_ok=True)
        final, existed, outcome = _produce(task, stage, progress)
        summary.update(outcome, package=final.name, status=SKIPPED if existed else DONE)
        summary["seconds"] = round(time.perf_counter() - t0, 2)
        _write_record(task, summary)
        return summary
    except ProcessingCancelled:
        summary.update(status=CANCELLED, error="cancelled before the package was complete")
    except LstError as exc:
        summary.update(status=FAILED, error=str(exc))
    except Exception as exc:  # a bug or an unexpected library error must not stop the other products
        summary.update(status=FAILED, error=f"{type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    return summary
