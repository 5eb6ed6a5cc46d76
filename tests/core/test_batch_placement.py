"""A batch task places its package with the single run's machinery: the name claim at the destination,
``move_into_place`` with its rollback, stages in the one work place; and the claim's rules across hosts."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from lst_studio.plugin.core import batch
from lst_studio.plugin.core.batch.task import clean_stages, stage_kind
from lst_studio.plugin.core.delivery import workspace
from lst_studio.plugin.core.delivery.validate import validate_package
from lst_studio.plugin.core.errors import OutputError
from lst_studio.plugin.core.options import DeliveryOptions, LstOptions

from .batch_helpers import write_products

OLD = 3 * 86400  # seconds: older than workspace.STALE_AFTER_S


@pytest.fixture(scope="module")
def product(tmp_path_factory) -> Path:
    (good,) = write_products(tmp_path_factory.mktemp("place"), 1, 64)
    return good


def _task(product: Path, out: Path) -> batch.BatchTask:
    options = LstOptions(geometric_verification=False)
    return batch.make_tasks([product], [None], options, DeliveryOptions(), out)[0]


def _done_and_damaged(product: Path, out: Path) -> tuple[batch.BatchTask, Path, Path]:
    """A task whose package is there but damaged: its next run must make and place it again."""
    task = _task(product, out)
    first = batch.run_task(task)
    assert first["status"] == batch.DONE, first
    final = out / first["package"]
    lst = next(final.glob("*_LST.tif"))
    lst.write_bytes(b"damaged")
    return task, final, lst


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _age(path: Path, seconds: float) -> None:
    os.utime(path, (time.time() - seconds,) * 2)


def test_a_failed_move_puts_the_replaced_package_back(product, tmp_path, monkeypatch):
    out = tmp_path / "out"
    task, final, lst = _done_and_damaged(product, out)
    real_rename = os.rename

    def rename(src, dst, *args, **kwargs):  # the staged package cannot be renamed into place
        if Path(dst) == final and Path(src).parent.name == "out":  # from the stage, not the put-back
            raise OSError(28, "No space left on device")
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename)
    again = batch.run_task(task)
    assert again["status"] == batch.FAILED
    assert "cannot move the package into place" in again["error"]
    assert lst.read_bytes() == b"damaged"  # the package that was there is back in place, as it was
    assert sorted(p.name for p in out.iterdir()) == [".lst-batch", final.name]  # no stage, no lock left


def test_the_name_is_claimed_at_the_destination(product, tmp_path):
    out = tmp_path / "out"
    task, final, lst = _done_and_damaged(product, out)
    lock = out / workspace.WORK_DIR / f"{final.name}.lock"
    lock.parent.mkdir()
    lock.write_text(f"{os.getppid()} {workspace.HOST}")  # a live process of this host holds the name
    held = batch.run_task(task)
    assert held["status"] == batch.FAILED
    assert f"{final}: another run (process {os.getppid()} on host {workspace.HOST})" in held["error"]
    assert lst.read_bytes() == b"damaged" and lock.is_file()  # nothing placed, the claim untouched
    assert [p.name for p in lock.parent.iterdir()] == [lock.name]  # the task's stage is gone
    lock.unlink()
    crashed = lock.parent / f"{stage_kind('c0ffee')}-{_dead_pid()}.{workspace.HOST_TAG}-x"
    crashed.mkdir()  # the stage of a batch whose worker was killed: the next task removes it
    redo = batch.run_task(task)
    assert redo["status"] == batch.DONE and validate_package(final).ok
    assert sorted(p.name for p in out.iterdir()) == [".lst-batch", final.name]


def test_stages_live_in_the_one_work_place_and_a_run_removes_only_its_own(tmp_path):
    out = tmp_path / "out"
    mine = workspace.work_folder(out, stage_kind("abc123"))
    other = workspace.work_folder(out, stage_kind("def456"))
    assert mine.parent == out / workspace.WORK_DIR
    assert re.fullmatch(rf"batch_abc123-{os.getpid()}\.{workspace.HOST_TAG}-\w+", mine.name)
    (mine / "work").mkdir()
    clean_stages(out, "abc123")
    assert not mine.exists() and other.is_dir()
    other.rmdir()
    clean_stages(out, "def456")
    assert list(out.iterdir()) == []  # the emptied work place goes too
    with pytest.raises(ValueError, match="expected no '-'"):
        workspace.work_folder(out, "a-b")


def test_a_lock_of_another_host_is_not_broken_because_its_pid_is_free_here(tmp_path):
    dead = _dead_pid()
    lock = tmp_path / workspace.WORK_DIR / "STEM.lock"
    lock.parent.mkdir()
    lock.write_text(f"{dead} other-host.example")
    _age(lock, 60)  # not being written any more: a complete lock of a running remote writer
    with pytest.raises(OutputError, match=f"process {dead} on host other-host.example.*delete"):
        workspace.PackageClaim(tmp_path, "STEM").acquire()
    assert lock.read_text() == f"{dead} other-host.example"
    _age(lock, OLD)  # a remote writer's lock is broken by age only
    with workspace.PackageClaim(tmp_path, "STEM"):
        assert lock.read_text() == f"{os.getpid()} {workspace.HOST}"
    assert not lock.exists()


def test_a_lock_of_this_host_with_a_dead_owner_is_broken(tmp_path):
    lock = tmp_path / workspace.WORK_DIR / "STEM.lock"
    lock.parent.mkdir()
    for text in (f"{_dead_pid()} {workspace.HOST}", str(_dead_pid())):  # bare pid: earlier versions
        lock.write_text(text)
        with workspace.PackageClaim(tmp_path, "STEM") as claim:
            assert claim.held
        assert not lock.exists()


def test_an_empty_lock_left_by_a_run_killed_while_claiming_is_waited_out_then_broken(tmp_path):
    """A run killed between creating its lock and writing its pid leaves an empty lock; a retry seconds
    later waits until the lock is OWNERLESS_LOCK_S old, then breaks it (it failed as "contended" after
    three 50 ms tries; seen in test_kill_9_at_20_random_moments)."""
    lock = tmp_path / workspace.WORK_DIR / "STEM.lock"
    lock.parent.mkdir()
    lock.write_text("")
    _age(lock, workspace.OWNERLESS_LOCK_S - 0.4)
    t0 = time.perf_counter()
    with workspace.PackageClaim(tmp_path, "STEM") as claim:
        assert claim.held and lock.read_text() == f"{os.getpid()} {workspace.HOST}"
    assert 0.3 < time.perf_counter() - t0 < 2.0 and not lock.exists()


def test_work_folders_and_leftovers_are_removed_only_when_their_owner_is_provably_gone(tmp_path):
    out = tmp_path
    root = out / workspace.WORK_DIR
    root.mkdir()
    dead, alive, here, there = _dead_pid(), os.getppid(), workspace.HOST_TAG, "0badc0de"
    names = {
        f"package-{dead}.{here}-a": False,  # this host, process gone
        f"result-{dead}-b": False,  # earlier versions' name: this host
        f"package-{alive}.{here}-c": True,  # this host, running
        f"package-{dead}.{there}-d": True,  # another host: its pid says nothing here
        f"package-{dead}.{there}-e": False,  # ... unless it is older than two days
    }
    for name in names:
        (root / name).mkdir()
    _age(root / f"package-{dead}.{there}-e", OLD)
    # earlier versions wrote beside the package, with a pid but no host: only age tells
    young, old = out / f".STEM_20220401T084000Z.partial-{dead}-zip", out / f".STEM.old-{dead}-x"
    young.write_bytes(b"zip")
    old.mkdir()
    _age(old, OLD)
    workspace.clean_work_folders(out)
    assert sorted(p.name for p in root.iterdir()) == sorted(n for n, kept in names.items() if kept)
    assert young.exists() and not old.exists()


def test_a_zipped_batch_package_is_placed_once_beside_its_folder(product, tmp_path):
    import zipfile

    out = tmp_path / "out"
    options = LstOptions(geometric_verification=False)
    task = batch.make_tasks([product], [None], options, DeliveryOptions(make_zip=True), out)[0]
    done = batch.run_task(task)
    assert done["status"] == batch.DONE, done
    final = out / done["package"]
    assert sorted(p.name for p in out.iterdir()) == [".lst-batch", final.name, f"{final.name}.zip"]
    with zipfile.ZipFile(out / f"{final.name}.zip") as zf:
        names = zf.namelist()
    assert sorted(names) == sorted(f"{final.name}/{p.name}" for p in final.iterdir())
