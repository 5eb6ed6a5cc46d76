"""Issue 18: crashes and concurrent runs. kill -9 at 20 random moments of the producepackage chain, four
processes racing for one package name, stale work folders and locks, read-only and full output
filesystems (tmpfs, where this process may mount one)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lst_studio.plugin.core.delivery import workspace
from lst_studio.plugin.core.delivery.package import export_package
from lst_studio.plugin.core.delivery.validate import validate_package
from lst_studio.plugin.core.errors import ExportError, OutputError
from lst_studio.plugin.core.options import DeliveryOptions, LstOptions

from .data import bad_inputs as corpus

ROOT = Path(__file__).resolve().parents[2]
CHILD = [
    sys.executable,
    str(ROOT / "tools" / "plugin_alias.py"),
    str(Path(__file__).parent / "data" / "run_chain.py"),
]


@pytest.fixture(scope="module")
def product(tmp_path_factory) -> Path:
    from lst_studio.plugin.core.sample import generate

    root = tmp_path_factory.mktemp("conc")
    return generate.write_sample(root, seed=3, size=32, era5=False, dem=False, land_cover=False).product_dir


@pytest.fixture(scope="module")
def result(product, tmp_path_factory):
    from lst_studio.plugin.core.pipeline import produce

    return produce(product, None, LstOptions(), workdir=tmp_path_factory.mktemp("result"))


def _visible(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if not p.name.startswith(".")) if out.exists() else []


def _start(*args: str) -> subprocess.Popen:
    """A child that has imported everything and waits for GO (run_chain.py)."""
    proc = subprocess.Popen([*CHILD, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "READY"
    return proc


def _go(proc: subprocess.Popen) -> None:
    proc.stdin.write("GO\n")
    proc.stdin.flush()


def test_kill_9_at_20_random_moments(product, tmp_path):
    out = tmp_path / "out"
    timing = _start("produce", str(product), str(tmp_path / "timing"))
    t0 = time.perf_counter()
    _go(timing)
    assert json.loads(timing.stdout.readline())["outcome"] == "ok"
    duration = time.perf_counter() - t0
    timing.wait()
    rng = random.Random(18)
    moments = [rng.uniform(0.0, 1.1 * duration) for _ in range(20)]
    nxt = _start("produce", str(product), str(out))
    for i, delay in enumerate(moments):
        child = nxt
        _go(child)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if i + 1 < len(moments):
            nxt = _start("produce", str(product), str(out))
        # what remains: nothing visible but complete packages; the hidden work place at most
        for p in _visible(out):
            assert p.is_dir() and validate_package(p).ok, f"kill after {delay:.2f} s left {p.name}"
        if out.exists():
            assert {p.name for p in out.iterdir() if p.name.startswith(".")} <= {workspace.WORK_DIR}
    # the next run cleans every dead run's work folders and lock, and delivers
    package = corpus.produce_package(corpus.Run(product, out, overwrite=True))
    assert [p.name for p in out.iterdir()] == [package.name]


def _race(result, out: Path, overwrite: bool) -> list[dict]:
    children = [_start("export", str(result.workdir), str(out), "1" if overwrite else "0") for _ in range(4)]
    for c in children:  # all four have imported everything: GO at once
        _go(c)
    outcomes = [json.loads(c.stdout.readline()) for c in children]
    for c in children:
        c.wait(timeout=60)
    return outcomes


def _snap(outcome: dict) -> dict:
    return {k: tuple(v) for k, v in outcome["snapshot"].items()}


@pytest.mark.parametrize("round_", range(2))
def test_four_processes_racing_for_one_package_name(result, tmp_path, round_):
    out = tmp_path / "out"
    outcomes = _race(result, out, overwrite=False)
    kinds = sorted(o["outcome"] for o in outcomes)
    assert kinds == ["ok", "refused", "refused", "refused"], outcomes
    winner = next(o for o in outcomes if o["outcome"] == "ok")
    package = Path(winner["path"])
    assert workspace.snapshot(package) == _snap(winner)  # the package there is the one the winner wrote
    assert validate_package(package).ok
    refusals = [o["message"] for o in outcomes if o["outcome"] == "refused"]
    assert all("another run" in m or "exists" in m for m in refusals), refusals
    assert [p.name for p in out.iterdir()] == [package.name]  # no work folder, no lock left


def test_four_processes_racing_with_overwrite(result, tmp_path):
    out = tmp_path / "out"
    outcomes = _race(result, out, overwrite=True)
    assert all(o["outcome"] in ("ok", "refused") for o in outcomes), outcomes
    oks = [o for o in outcomes if o["outcome"] == "ok"]
    assert oks and all("another run" in o["message"] for o in outcomes if o["outcome"] == "refused")
    (package,) = _visible(out)
    assert workspace.snapshot(package) in [_snap(o) for o in oks]  # the last writer's package, complete
    assert validate_package(package).ok
    assert [p.name for p in out.iterdir()] == [package.name]


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_next_run_removes_dead_runs_work_folders_only(result, tmp_path):
    out = tmp_path / "out"
    root = out / workspace.WORK_DIR
    root.mkdir(parents=True)
    dead, alive = _dead_pid(), os.getppid()
    (root / f"result-{dead}-abc").mkdir()
    (root / f"result-{dead}-abc" / "LST.tif").write_bytes(b"x" * 1000)
    (root / f"package-{alive}-def").mkdir()  # a live process's folder: never touched
    legacy_old, legacy_new = out / ".lst-result-abc123", out / ".lst-result-def456"  # earlier versions
    legacy_old.mkdir()
    legacy_new.mkdir()
    os.utime(legacy_old, (time.time() - 3 * 86400,) * 2)
    package = export_package(result, out, DeliveryOptions())
    assert sorted(p.name for p in root.iterdir()) == [f"package-{alive}-def"]
    assert _visible(out) == [package]
    assert not legacy_old.exists() and legacy_new.exists()  # old enough to be an orphan / maybe running


def test_stale_lock_is_broken_and_live_lock_refuses(result, tmp_path):
    out = tmp_path / "out"
    first = export_package(result, out, DeliveryOptions())
    lock = out / workspace.WORK_DIR / f"{first.name}.lock"
    lock.parent.mkdir(exist_ok=True)
    lock.write_text(str(os.getppid()))  # a live owner
    with pytest.raises(OutputError, match="another run"):
        export_package(result, out, DeliveryOptions(overwrite=True))
    lock.write_text(str(_dead_pid()))  # its owner was killed
    again = export_package(result, out, DeliveryOptions(overwrite=True))
    assert again == first and not lock.exists()


def test_verification_after_the_move_detects_another_package(tmp_path):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "a.tif").write_bytes(b"1234")
    written = workspace.snapshot(folder)
    workspace.verify_moved(folder, written)  # the same files: fine
    (folder / "b.tmp").write_bytes(b"5678")
    os.replace(folder / "b.tmp", folder / "a.tif")  # same name and size, another file (another run's)
    with pytest.raises(ExportError, match="not the package this run wrote"):
        workspace.verify_moved(folder, written)


def _tmpfs(path: Path, options: str) -> None:
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root): " + done.stderr.decode()[:80])


def test_read_only_filesystem_refused_before_work(result, tmp_path):
    mnt = tmp_path / "ro"
    _tmpfs(mnt, "ro,size=8m")
    try:
        with pytest.raises(OutputError, match=str(mnt)):
            export_package(result, mnt / "out", DeliveryOptions())
    finally:
        subprocess.run(["umount", "-l", str(mnt)])


def test_filesystem_full_while_writing(result, tmp_path, monkeypatch):
    """The free-space pre-check passes (lowered for the test), then the disk fills: OutputError naming the
    folder, and nothing of the run stays on the disk."""
    mnt = tmp_path / "full"
    _tmpfs(mnt, "size=256k")
    monkeypatch.setattr(workspace, "MIN_FREE_BYTES", 0)
    try:
        with pytest.raises(OutputError, match="output folder") as info:
            export_package(result, mnt / "out", DeliveryOptions())
        assert str(mnt) in str(info.value)
        assert list(mnt.iterdir()) == []
    finally:
        subprocess.run(["umount", "-l", str(mnt)])


def test_output_path_that_is_a_file_refused_before_work(product, tmp_path):
    target = tmp_path / "out"
    target.write_text("x")
    t0 = time.perf_counter()
    with pytest.raises(OutputError, match="is a file"):
        corpus.produce_package(corpus.Run(product, target))
    assert time.perf_counter() - t0 < 1.0  # refused before any processing
    assert target.read_text() == "x"


def test_refused_run_leaves_no_output_folder(tmp_path):
    broken = tmp_path / "nothing.geojson"
    broken.write_text("{}")
    out = tmp_path / "new" / "out"
    with pytest.raises(Exception):  # noqa: B017 - which refusal does not matter here
        corpus.produce_package(corpus.Run(broken, out))
    assert not (tmp_path / "new").exists()
    shutil.rmtree(tmp_path / "nothing.geojson", ignore_errors=True)
