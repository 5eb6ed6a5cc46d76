"""One batch task: one product × one AOI -> one delivery package, and a small summary of it.

The task calls what "Produce delivery package" calls (``pipeline.produce``, then the package writer
``delivery.package.write_package_folder`` that ``export_package`` uses, into the task's stage), then the
package self-check the dock runs (``delivery.validate.validate_package``). It never raises for a bad product: every outcome is a summary
(``status`` done, skipped, failed or cancelled, with the error text), so one broken product never stops the
others and the scheduler never retries a product that is simply bad. A worker that dies is another
matter: Dask reschedules its task on another worker.

Placement, the single run's machinery (``delivery.workspace``, ``delivery.package.move_into_place``): each
task produces and exports into its own stage, a work folder of the one work place
``{out}/.lststudio-work/batch_{run}-{pid}.{host tag}-{random}/``, and checks the package there. Only a package
that passes its self-check is placed: under the package-name claim taken AT THE DESTINATION
(``workspace.PackageClaim``, an O_EXCL lock file ``{out}/.lststudio-work/{stem}.lock``) it is renamed into
``{out}`` by ``move_into_place`` (an existing package moved aside first and put back if the rename
fails) and verified after the move (``workspace.verify_moved``).

Across hosts (Dask workers of several machines writing into one shared folder): the lock file is
created with O_EXCL, so exactly one process of any host holds a package name; a lock or stage of another
host is never taken for abandoned because its process id is free on this host (workspace.py: only age
breaks it). The runner removes its own run's stages when every task has returned (killed workers'
included, on any host); a crashed batch's stages go when the next run on their host sees their process
gone, or after two days.

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

from .. import run_summary
from ..delivery import layout, workspace
from ..delivery.package import move_into_place, write_package_folder, write_zip
from ..delivery.validate import validate_package
from ..errors import ExportError, LstError, ProcessingCancelled
from ..messages import msg
from ..options import Aoi, DeliveryOptions, LstOptions
from ..pipeline import produce
from ..progress import Progress

LEDGER = ".lst-batch"  # the done records; hidden: never taken for a package by the CSO step or a folder scan
STAGE_KIND = "batch"  # work-folder kind of a task's stage (workspace.work_folder), + "_{run id}"
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
    """The figures a batch summary keeps from a result's metadata: the run summary's (time, clouds, LST
    statistics, warnings; core.run_summary reads them) and the platform."""
    s = run_summary.from_metadata(metadata)
    return {
        "datetime": s.acquisition or None,
        "platform": (metadata.get("scene") or {}).get("platform"),
        "cloud_percent": s.cloud_percent,
        "lst_min": s.lst_min_k,
        "lst_median": s.lst_median_k,
        "lst_max": s.lst_max_k,
        "warnings": len(s.warnings),
    }


def _place(package: Path, task: BatchTask) -> tuple[Path, bool]:
    """Move the staged, checked package into the output folder under the destination's package-name
    claim (module docstring); (final path, True when a complete valid package was already there)."""
    out = Path(task.out_dir)
    final = out / package.name
    with workspace.PackageClaim(out, package.name):
        if final.exists() and not task.delivery.overwrite and _valid_package(final):
            return final, True
        # an existing package is replaced when asked, or when it is incomplete or damaged
        written = move_into_place(package, final)
        workspace.verify_moved(final, written)
        if task.delivery.make_zip:
            write_zip(final, out / layout.zip_name(final.name))
    return final, False


def _produce(task: BatchTask, stage: Path, progress: Progress) -> tuple[Path, bool, dict[str, Any]]:
    options = dataclasses.replace(task.options, threads=int(task.scene_threads))
    result = produce(task.product, task.aoi, options, workdir=stage / "work", progress=progress.sub(0, 0.8))
    package = write_package_folder(result, stage / "out", task.delivery, progress.sub(0.8, 0.97))
    check = validate_package(package)
    if not check.ok:
        raise ExportError(
            msg("{name}: the package fails its self-check:", name=package.name) + "\n" + check.summary
        )
    progress.check()
    final, existed = _place(package, task)
    return final, existed, _outcome(result.metadata)


def stage_kind(run_id: str = "") -> str:
    """The work-folder kind of one batch run's stages (``run_id`` keeps concurrent runs apart)."""
    return f"{STAGE_KIND}_{run_id}" if run_id else STAGE_KIND


def clean_stages(out_dir: str | Path, run_id: str) -> None:
    """Remove the stages of run ``run_id`` (call when none of its tasks runs any more, on any host), then
    the work place when it is empty."""
    root = Path(out_dir) / workspace.WORK_DIR
    if not run_id or not root.is_dir():
        return
    for stage in root.glob(f"{stage_kind(run_id)}-*"):
        shutil.rmtree(stage, ignore_errors=True)
    with contextlib.suppress(OSError):
        root.rmdir()  # only when empty: other runs may be working there


def run_task(task: BatchTask, cancel_event: str | None = None, run_id: str = "") -> dict[str, Any]:
    """Produce, export, check and place one package; always returns a summary (see module doc)."""
    t0 = time.perf_counter()
    summary = _base(task)
    try:
        progress = Progress(is_cancelled=cancel_checker(cancel_event))
        progress.check()  # a cancelled batch's queued tasks return at once
        record = _skip_record(task)
        if record is not None:
            return {**record, **summary, "status": SKIPPED, "seconds": round(time.perf_counter() - t0, 2)}
        # the stage; a crashed run's are removed where provably gone
        with workspace.private_work_folder(Path(task.out_dir), stage_kind(run_id)) as stage:
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
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    return summary
