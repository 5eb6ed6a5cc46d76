"""The Dask cluster a batch runs on: a scheduler address, or a LocalCluster sized to this machine.

Sizing (``default_sizing``): every task is one scene, which needs about twice its block memory budget
(``LstOptions.memory_budget_mb``: the pipeline keeps a scene's LST step under 2 GB RSS with the 1 GB
default). Workers = min(cores, 80 % of RAM / that), each running ONE task at a time (one Dask thread), and
the cores left over go to the threads inside each scene (``scene_threads``), so that
workers × scene threads ≤ cores: never more busy threads than cores. Each worker's memory limit is its
share of the 80 %; Dask pauses a worker at 80 % of its limit and restarts it at 95 %.

On an existing cluster the per-scene threads are computed per host the same way: the cores of the
host divided by the task slots (Dask threads) of the workers on it, the smallest over the hosts.

Workers must import this plugin under the same package name as the client (Dask sends tasks as
references to ``<package>.plugin.core.batch.task.run_task``). A LocalCluster's worker processes are told
where the plugin is by a preload that registers the package from its folder when the name alone cannot
be imported (a checkout called anything, as tools/plugin_alias.py does); remote workers get the plugin
folder on their PYTHONPATH (README, "Batch").
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..blocks import available_cores
from ..errors import LstError
from ..messages import msg
from ..products.plausibility import physical_memory_bytes

MB = 1024 * 1024
MEMORY_SHARE = 0.8  # of the machine's RAM for the batch; the rest for the OS, the client and QGIS
CONNECT_TIMEOUT_S = 30  # to reach a scheduler
WORKERS_TIMEOUT_S = 60  # for the first worker to be there
SCENE_MEMORY_FACTOR = 2  # a scene's RSS over its block budget (LstOptions: 1 GB budget, < 2 GB RSS)
PACKAGE = __name__.split(".")[0]  # "lst_studio" when installed; the alias name in a checkout
PLUGIN_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Sizing:
    workers: int
    scene_threads: int  # threads inside one scene (pipeline), per task
    memory_limit: int  # bytes per worker (0: no limit)

    def describe(self) -> str:
        mem = f", {self.memory_limit / 2**30:.1f} GB each" if self.memory_limit else ""
        return f"{self.workers} worker(s) × 1 task, {self.scene_threads} thread(s) per scene{mem}"


def default_sizing(
    memory_budget_mb: int = 1024, cores: int | None = None, memory: int | None = None
) -> Sizing:
    """Workers and memory for this machine (see the module docstring)."""
    cores = cores or available_cores()
    usable = MEMORY_SHARE * (memory or physical_memory_bytes())
    per_scene = SCENE_MEMORY_FACTOR * memory_budget_mb * MB
    workers = max(1, min(cores, int(usable // per_scene)))
    return Sizing(workers, max(1, cores // workers), int(usable // workers))


def explicit_sizing(workers: int, scene_threads: int | None = None, memory: int | None = None) -> Sizing:
    cores = available_cores()
    threads = scene_threads or max(1, cores // max(1, workers))
    return Sizing(
        int(workers), int(threads), int(MEMORY_SHARE * (memory or physical_memory_bytes()) // workers)
    )


def _importable_by_path() -> bool:
    """True when a fresh interpreter with our sys.path finds the package by its name."""
    return PLUGIN_ROOT.name == PACKAGE and any(
        Path(p or ".").resolve() == PLUGIN_ROOT.parent for p in sys.path if isinstance(p, str)
    )


def alias_preload() -> str:
    """Preload code (Dask runs it in each worker) that registers the package from PLUGIN_ROOT."""
    return (
        "import importlib.util, sys\n"
        f"if {PACKAGE!r} not in sys.modules:\n"
        f"    spec = importlib.util.spec_from_file_location({PACKAGE!r}, {str(PLUGIN_ROOT / '__init__.py')!r},"
        f" submodule_search_locations=[{str(PLUGIN_ROOT)!r}])\n"
        "    module = importlib.util.module_from_spec(spec)\n"
        f"    sys.modules[{PACKAGE!r}] = module\n"
        "    spec.loader.exec_module(module)\n"
    )


def require_distributed():
    """The ``distributed`` module, or an LstError saying how to get it (QGIS does not ship Dask)."""
    try:
        import distributed
    except ImportError as exc:
        raise LstError(
            msg(
                "batch: Dask distributed is not importable in this Python; expected the packages python3-dask and python3-distributed (Debian/Ubuntu), or dask and distributed in QGIS's Python"
            )
        ) from exc
    return distributed


def _python_executable() -> bool:
    """Worker processes are started with sys.executable: inside QGIS that is QGIS itself, not Python."""
    return Path(sys.executable).name.lower().startswith("python")


@contextlib.contextmanager
def _quiet_worker_processes() -> Iterator[None]:
    """Worker processes log at INFO (every preload, every start) unless told otherwise through the
    environment they are spawned with; warnings and errors still show."""
    key = "DASK_LOGGING__DISTRIBUTED"
    before = os.environ.get(key)
    os.environ[key] = before or "warning"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(key, None)


@contextlib.contextmanager
def local_cluster(sizing: Sizing, processes: bool | None = None) -> Iterator[object]:
    """A LocalCluster of ``sizing`` (processes unless this is not a Python interpreter, e.g. QGIS)."""
    from distributed import LocalCluster

    processes = _python_executable() if processes is None else processes
    kwargs = {}
    if processes and not _importable_by_path():
        kwargs["preload"] = [alias_preload()]
    with _quiet_worker_processes():
        cluster = LocalCluster(
            n_workers=sizing.workers,
            threads_per_worker=1,
            processes=processes,
            memory_limit=sizing.memory_limit if processes else 0,
            dashboard_address=None,
            host="127.0.0.1",
            **kwargs,
        )
    try:
        yield cluster
    finally:
        cluster.close()


def _host_cores() -> int:
    return available_cores()


def threads_per_scene(workers: dict[str, dict], cores: dict[str, int]) -> int:
    """Per-scene threads on a cluster: min over hosts of the host's cores // its task slots.

    ``workers``: the scheduler's worker info (``host``, ``nthreads``); ``cores``: cores seen by each worker.
    """
    slots: dict[str, int] = {}
    host_cores: dict[str, int] = {}
    for addr, w in workers.items():
        host = w.get("host", addr)
        slots[host] = slots.get(host, 0) + int(w.get("nthreads", 1))
        host_cores[host] = int(cores.get(addr, 1))
    if not slots:
        return 1
    return max(1, min(host_cores[h] // max(1, slots[h]) for h in slots))


def scene_threads_on(client) -> int:
    """``threads_per_scene`` of the cluster behind ``client`` (asks every worker for its cores)."""
    info = client.scheduler_info().get("workers", {})
    return threads_per_scene(info, client.run(_host_cores)) if info else 1


def _connect(Client, scheduler: str):
    """A client on ``scheduler`` with at least one worker, or an LstError naming the address."""
    try:
        client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT_S}s")
    except (OSError, ValueError) as exc:  # refused, timed out, malformed address
        raise LstError(
            msg(
                "scheduler {scheduler}: cannot connect ({error}); expected the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786",
                scheduler=scheduler,
                error=exc,
            )
        ) from exc
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
    except Exception as exc:  # distributed raises TimeoutError (asyncio's on Python 3.9)
        client.close()
        raise LstError(
            msg(
                "scheduler {scheduler}: no worker joined within {timeout} s; expected at least one `dask worker` connected to it",
                scheduler=scheduler,
                timeout=WORKERS_TIMEOUT_S,
            )
        ) from exc
    return client


@contextlib.contextmanager
def open_client(
    scheduler: str | None = None, sizing: Sizing | None = None, processes: bool | None = None
) -> Iterator[tuple[object, int, str]]:
    """(client, per-scene threads, description) on ``scheduler`` or on a LocalCluster of ``sizing``."""
    Client = require_distributed().Client

    if scheduler:
        client = _connect(Client, scheduler)
        try:
            threads = sizing.scene_threads if sizing else scene_threads_on(client)
            n = len(client.scheduler_info().get("workers", {}))
            yield client, threads, f"scheduler {scheduler}: {n} worker(s), {threads} thread(s) per scene"
        finally:
            client.close()
        return
    sizing = sizing or default_sizing()
    with local_cluster(sizing, processes) as cluster, Client(cluster) as client:
        yield client, sizing.scene_threads, f"LocalCluster: {sizing.describe()}"
