"""Batch production on the real engine: `dask scheduler` + two `dask worker` processes, and a LocalCluster.

Small products (160 px) keep this under a minute or two. The scheduler and workers listen on 127.0.0.1
on free ports and are stopped in teardown, also when a test fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lst_studio.plugin.core import batch
from lst_studio.plugin.core.batch.cluster import alias_preload
from lst_studio.plugin.core.delivery.validate import validate_package
from lst_studio.plugin.core.options import DeliveryOptions, LstOptions
from lst_studio.plugin.core.progress import Progress

from .batch_helpers import AOI_BOX, snapshot, write_aoi, write_broken, write_products

pytestmark = pytest.mark.slow
GOOD = 5
SIZE = 160


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"dask scheduler exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"dask scheduler did not listen on {port}")


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=15)


@pytest.fixture(scope="module")
def products(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch-cluster")
    good = write_products(folder, GOOD, SIZE)
    broken = write_broken(good[0], folder)
    aoi = write_aoi(folder / "aoi.geojson", [("FIELD-1", "Test field", AOI_BOX)])
    return folder / "products", good, broken, aoi


@pytest.fixture()
def dask_processes(tmp_path):
    """`dask scheduler` and two single-thread `dask worker` processes (no nanny: killing one kills it)."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    procs: list[subprocess.Popen] = []
    with contextlib.ExitStack() as files:

        def start(cmd: list[str], log: str) -> subprocess.Popen:
            err = files.enter_context(open(logs / log, "w"))
            procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err))
            return procs[-1]

        try:
            cmd = [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port)]
            _wait_port(port, start([*cmd, "--no-dashboard"], "scheduler.log"))
            for i in range(2):
                worker = [sys.executable, "-m", "dask", "worker", address, "--nthreads", "1", "--no-nanny"]
                worker += [
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                    "--local-directory",
                    str(tmp_path / f"w{i}"),
                ]
                # the workers import the plugin from this checkout, whatever its folder is called
                worker += ["--preload", alias_preload()]
                start(worker, f"worker{i}.log")
            from distributed import Client

            with Client(address, timeout="30s") as client:
                client.wait_for_workers(
                    2, timeout=60
                )  # both busy from the start: the kill hits a working one
            yield address, procs[1:]
        finally:
            _stop(procs)


def _packages(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))


def _check_complete(out: Path, result, broken: Path, good: int) -> None:
    done = result.of(batch.DONE) + result.of(batch.SKIPPED)
    assert len(done) == good, [s for s in result.summaries if s["status"] != batch.DONE]
    (failed,) = result.of(batch.FAILED)
    assert failed["product"] == str(broken) and "_TIR.tif" in failed["error"]
    packages = _packages(out)
    assert [p.name for p in packages] == sorted(s["package"] for s in done)
    for p in packages:
        check = validate_package(p)
        assert check.ok, check.summary
    # the run removed its stages (killed workers' included) and the emptied work place .lststudio-work
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".lst-batch"]
    assert leftovers == []
    assert sorted(p.name for p in (out / ".lst-batch").iterdir()) == ["done"]
    doc = json.loads((out / "collection.json").read_text())
    assert len([lk for lk in doc["links"] if lk["rel"] == "item"]) == good
    assert doc["summaries"]["lst:area_of_interest_id"] == ["FIELD-1"]


def test_scheduler_and_two_workers_survive_a_killed_worker_and_rerun_does_nothing(
    dask_processes, products, tmp_path
):
    address, workers = dask_processes
    folder, _good, broken, aoi = products
    out = tmp_path / "out"
    killed = {}

    def kill_one(summary, status):
        if not killed and status.remaining > 1:
            workers[0].send_signal(signal.SIGKILL)  # mid-batch: both workers are busy with the next tasks
            killed["remaining"] = status.remaining

    options = LstOptions(geometric_verification=False)
    result = batch.produce_batch(
        folder, aoi, options, DeliveryOptions(), out, scheduler=address, on_task=kill_one
    )
    assert killed, "the batch finished before a worker could be killed"
    assert workers[0].wait(timeout=10) == -signal.SIGKILL
    _check_complete(out, result, broken, GOOD)
    assert {s["aoi_id"] for s in result.summaries} == {"FIELD-1"}

    before = snapshot(out)
    again = batch.produce_batch(folder, aoi, options, DeliveryOptions(), out, scheduler=address)
    assert [s["status"] for s in again.summaries].count(batch.SKIPPED) == GOOD
    assert len(again.of(batch.FAILED)) == 1
    assert snapshot(out) == before  # nothing written, not even the collection


def test_local_cluster_batch_and_clean_cancel(products, tmp_path):
    folder, good, broken, aoi = products
    sizing = batch.explicit_sizing(2, 1)
    out = tmp_path / "out"
    result = batch.produce_batch(
        [*good[:3], broken],
        aoi,
        LstOptions(geometric_verification=False),
        DeliveryOptions(),
        out,
        sizing=sizing,
    )
    _check_complete(out, result, broken, 3)
    workers = {s["worker"] for s in result.summaries}
    assert len(workers) == 2 and os.getpid() not in {int(w.split(":")[1]) for w in workers}

    # cancel after the first task: the run returns once nothing is being written, only complete packages
    cancel_out = tmp_path / "cancelled"
    state = {"n": 0}

    def on_task(summary, status):
        state["n"] = status.finished

    result = batch.produce_batch(
        good,
        None,
        LstOptions(geometric_verification=False),
        DeliveryOptions(),
        cancel_out,
        sizing=sizing,
        progress=Progress(is_cancelled=lambda: state["n"] >= 1),
        on_task=on_task,
    )
    assert result.cancelled
    assert result.of(batch.CANCELLED), [s["status"] for s in result.summaries]
    names = [
        p.name for p in cancel_out.iterdir() if not p.name.startswith(".") and p.name != "collection.json"
    ]
    assert sorted(names) == sorted(s["package"] for s in result.of(batch.DONE))
    assert len(names) < GOOD
    for name in names:
        assert validate_package(cancel_out / name).ok
    assert [p.name for p in cancel_out.iterdir() if p.name.startswith(".")] == [".lst-batch"]


def test_cso_takes_the_collection_and_runs_its_tiles_as_dask_tasks(products, tmp_path):
    import numpy as np
    import rasterio
    from distributed import get_task_stream

    from lst_studio.plugin.core.cso import CsoOptions
    from lst_studio.plugin.core.cso_io import run_cso

    _, good, _, _ = products
    out = tmp_path / "out"
    tasks = batch.make_tasks(
        good[:3], [None], LstOptions(geometric_verification=False), DeliveryOptions(), out
    )
    names = [batch.run_task(t)["package"] for t in tasks]
    collection = batch.write_collection(out, names)
    options = CsoOptions(2022, 2022, 1, statistics=("NUM", "AVG", "MAX"))
    serial = run_cso([collection], tmp_path / "serial", options)
    with (
        batch.open_client(sizing=batch.explicit_sizing(2, 1)) as (client, _, _),
        get_task_stream(client) as ts,
    ):
        tiled = run_cso([collection], tmp_path / "dask", options, client=client)
    tiles = [t for t in ts.data if str(t["key"]).startswith("cso_tile")]
    assert len(tiles) == 4  # 160 rows over 2 workers: about two blocks each
    assert [p.name for p in tiled] == [p.name for p in serial]
    for a, b in zip(serial, tiled):
        with rasterio.open(a) as x, rasterio.open(b) as y:
            assert x.tags().get("CSO_OBSERVATIONS") == y.tags().get("CSO_OBSERVATIONS") == "3"
            np.testing.assert_array_equal(x.read(), y.read())
    with rasterio.open(next(p for p in serial if "_NUM" in p.name)) as src:
        num = src.read()
    assert num.shape[0] == 12 and num.max() >= 1  # monthly bins; April and May hold the observations


def test_command_line_batch_reports_progress_and_exits_1_on_a_failed_product(products, tmp_path):
    _, good, broken, aoi = products
    listing = tmp_path / "products.txt"
    listing.write_text(f"{good[0]}\n{broken}\n", encoding="utf-8")
    out = tmp_path / "out"
    root = Path(__file__).resolve().parents[2]
    cmd = [sys.executable, str(root / "tools" / "plugin_alias.py"), "-m", "lst_studio", "batch", str(listing)]
    cmd += ["--aoi", str(aoi), "--out", str(out), "--workers", "1", "--no-geometric-verification"]
    cmd += ["--json", str(tmp_path / "summary.json")]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "LocalCluster: 1 worker(s)" in run.stdout
    assert "2/2: 1 done, 0 skipped, 1 failed, 0 remaining" in run.stdout
    assert f"[failed] {broken} × FIELD-1:" in run.stdout
    assert "ERROR 1:" not in run.stderr  # GDAL's own lines: its message is in our one line above
    assert f"STAC Collection: {out / 'collection.json'}" in run.stdout
    summaries = json.loads((tmp_path / "summary.json").read_text())
    assert [s["status"] for s in summaries] == [batch.DONE, batch.FAILED]
    assert validate_package(out / summaries[0]["package"]).ok
