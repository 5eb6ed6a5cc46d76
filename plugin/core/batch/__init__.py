"""Batch production: many products × AOIs -> delivery packages on Dask distributed, and a STAC Collection.

``produce_batch`` is what the command line (``python -m lst_studio batch``) and the Processing algorithm
"Batch delivery packages" call: find the products (``inputs``), read the AOI features, open a client on a
scheduler address or on a LocalCluster sized to this machine (``cluster``), run one task per
product × AOI (``task``: the same pipeline and export as the dock) with progress and cancel (``runner``),
and write ``collection.json`` over the complete packages (``collection``). Dask is imported only when a
batch runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..delivery.workspace import check_output_folder
from ..options import Aoi, DeliveryOptions, LstOptions
from ..progress import Progress
from .cluster import Sizing, default_sizing, explicit_sizing, open_client, threads_per_scene
from .collection import COLLECTION_FILE, collection_packages, is_collection, write_collection
from .inputs import find_products, read_aois
from .runner import BatchResult, BatchStatus, run_batch
from .task import CANCELLED, DONE, FAILED, SKIPPED, BatchTask, run_task

__all__ = [
    "CANCELLED",
    "COLLECTION_FILE",
    "DONE",
    "FAILED",
    "SKIPPED",
    "BatchResult",
    "BatchStatus",
    "BatchTask",
    "Sizing",
    "collection_packages",
    "default_sizing",
    "explicit_sizing",
    "find_products",
    "is_collection",
    "make_tasks",
    "open_client",
    "produce_batch",
    "read_aois",
    "run_batch",
    "run_task",
    "threads_per_scene",
    "write_collection",
]


def make_tasks(
    products: Sequence[Path],
    aois: Sequence[Aoi | None],
    options: LstOptions,
    delivery: DeliveryOptions,
    out_dir: str | Path,
    scene_threads: int = 1,
) -> list[BatchTask]:
    """One task per product × AOI, products outermost (a product's AOIs run close in time)."""
    out = str(Path(out_dir).absolute())
    return [BatchTask(str(p), a, options, delivery, out, scene_threads) for p in products for a in aois]


def produce_batch(
    products: Sequence[str | Path] | str | Path,
    aoi_file: str | Path | None,
    options: LstOptions,
    delivery: DeliveryOptions,
    out_dir: str | Path,
    scheduler: str | None = None,
    sizing: Sizing | None = None,
    progress: Progress | None = None,
    on_start: Callable[[str, int], None] | None = None,
    on_task: Callable[[dict[str, Any], BatchStatus], None] | None = None,
    on_status: Callable[[BatchStatus], None] | None = None,
    cso_options=None,
    cso_dir: str | Path | None = None,
) -> BatchResult:
    """Run the whole batch and write the STAC Collection of its complete packages (module docstring).

    With ``cso_options`` (core.cso.CsoOptions) the clear-sky-observation statistics of that collection are
    then computed on the same cluster, row blocks as tasks, into ``cso_dir`` (default ``{out_dir}/cso``).
    """
    found = find_products(products)
    aois = read_aois(aoi_file)
    out_dir = Path(out_dir).absolute()
    check_output_folder(out_dir)  # once, before any scene is produced (each task's export checks its stage)
    out_dir.mkdir(parents=True, exist_ok=True)
    if scheduler is None and sizing is None:
        sizing = default_sizing(options.memory_budget_mb)
    with open_client(scheduler, sizing) as (client, threads, description):
        tasks = make_tasks(found, aois, options, delivery, out_dir, threads)
        if on_start is not None:
            on_start(description, len(tasks))
        result = run_batch(tasks, client, progress, on_task, on_status)
        packages = [s["package"] for s in result.summaries if s.get("status") in (DONE, SKIPPED)]
        if packages:
            result.collection = write_collection(out_dir, packages)
        if cso_options is not None and result.collection is not None and not result.cancelled:
            from ..cso_io import run_cso

            cso_out = Path(cso_dir) if cso_dir else out_dir / "cso"
            result.cso_files = run_cso([result.collection], cso_out, cso_options, client=client)
    return result
