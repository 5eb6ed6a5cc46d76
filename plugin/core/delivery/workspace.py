"""Where a run works inside the user's output folder, and how it claims a package name.

- Every work folder of a run (the pipeline's result rasters, the package being written, a package
  moved aside for replacement, a batch task's stage) lives in ONE hidden place,
  ``<output folder>/.lststudio-work/``, named ``<kind>-<pid>.<host tag>-<random>`` (``<kind>-<pid>-<random>``
  before the host tag existed: read as this host's). Each run first removes the entries whose owner is
  provably gone (kill -9, power loss): a process of THIS host that no longer runs, or any entry older than
  two days (where process ids cannot be probed, Windows, only the age counts).
- A package name is claimed atomically with an exclusive lock file ``.lststudio-work/<stem>.lock``
  created with O_CREAT|O_EXCL (the operating system lets exactly one process create it; there is no
  check-then-act). The lock holds ``<pid> <host name>`` of its owner; a lock whose owner is provably gone
  (same rule as the work folders) is broken by renaming it to a unique name first (a rename succeeds for
  one process only) and the claim is retried.
- Several hosts writing into one shared folder (a batch on Dask workers of several machines, NFS/SMB):
  the claim needs no process id to be safe, since only one process can create the lock file (O_EXCL is
  atomic on local file systems, NFSv3+ and SMB) and only one can rename it away. A process id is
  only ever probed on its own host (the host name tells): a lock or work folder of another host is never
  taken for abandoned because its pid is free here; a crashed remote writer's lock is broken after two
  days, or by deleting the lock file the error message names. Hosts must have distinct host names
  (containers that share one must not share an output folder). Object stores mounted as folders
  (s3fs, gcsfuse) offer neither O_EXCL nor an atomic rename: write to a POSIX file system and copy.
- The output folder is checked before any work starts: a path that is a file, a folder that cannot
  be created or written, or too little free space is an OutputError naming the folder.
- ``output_place`` removes on failure what it created (the output folder and the work place, when
  empty), so a refused run leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import ExportError, LstError, OutputError
from ..messages import msg

WORK_DIR = ".lststudio-work"
STALE_AFTER_S = 2 * 86400  # where process ids cannot be probed (Windows), leftovers older than this go
MIN_FREE_BYTES = 64 * 1024 * 1024  # below this a package of even a small AOI cannot be written
HOST = socket.gethostname() or "localhost"
# The host in work-folder names: a short hash, since host names may hold "-" and be long.
HOST_TAG = hashlib.sha1(HOST.encode("utf-8")).hexdigest()[:8]
# Temporary folders and zips of versions that worked beside the package (".{stem}.partial-{pid}-…",
# ".{stem}.old-{pid}-…"): their pid names no host, so only their age tells they are abandoned.
LEGACY_PARTIAL = re.compile(r"^\.(?P<stem>.+)\.(partial|old)-(?P<pid>\d+)-")


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT on Windows: never probe there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_mtime > seconds
    except OSError:
        return False


def owner_token() -> str:
    """``<pid>.<host tag>``: who owns a work folder, in its name."""
    return f"{os.getpid()}.{HOST_TAG}"


def _owner(name: str) -> tuple[int, str] | None:
    """(pid, host tag) in ``<kind>-<pid>.<host tag>-<random>`` (work folders), or None. A name without the
    host tag (``<kind>-<pid>-<random>``, earlier versions) is this host's."""
    parts = name.split("-")
    if len(parts) < 3:
        return None
    pid, _, tag = parts[1].partition(".")
    return (int(pid), tag or HOST_TAG) if pid.isdigit() else None


def owner_gone(owner: tuple[int, str] | None, path: Path) -> bool:
    """The owner (pid, host name or tag) of ``path`` is provably gone: a process of this host that no
    longer runs, or ``path`` older than STALE_AFTER_S. Another host's process id is never probed here
    (module docstring)."""
    if owner is None:
        return False
    if older_than(path, STALE_AFTER_S):
        return True
    pid, host = owner
    return host in (HOST, HOST_TAG) and not pid_alive(pid)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def clean_work_folders(out_dir: Path) -> list[Path]:
    """Remove work folders and locks whose owner process is gone; returns what was removed."""
    root = Path(out_dir) / WORK_DIR
    removed = []
    # leftovers of versions before this work place beside the packages (".lst-result-<random>",
    # ".{stem}.partial-{pid}-…", ".{stem}.old-{pid}-…"; no host in the name): removed once they are
    # older than STALE_AFTER_S
    for path in Path(out_dir).glob(".*"):
        legacy = path.name.startswith(".lst-result-") or LEGACY_PARTIAL.match(path.name)
        if legacy and older_than(path, STALE_AFTER_S):
            _remove(path)
            removed.append(path)
    if not root.is_dir():
        return removed
    for path in root.iterdir():
        owner = _lock_owner(path) if path.name.endswith(".lock") else _owner(path.name)
        if path.name.startswith("stale-") or owner_gone(owner, path):
            _remove(path)
            removed.append(path)
    return removed


def check_output_folder(out_dir: Path) -> None:
    """Refuse, before any work, an output path that is a file, unwritable, or on a full disk."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(msg("{path}: the output path is a file; expected a folder", path=out_dir))
    existing = out_dir
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise OutputError(
            msg(
                "{path}: is a file; expected a folder on the way to the output folder {out_dir}",
                path=existing,
                out_dir=out_dir,
            )
        )
    if existing.exists() and not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            msg("{path}: the output folder is not writable; expected write permission", path=existing)
        )
    with contextlib.suppress(OSError):
        free = shutil.disk_usage(existing).free
        if free < MIN_FREE_BYTES:
            raise OutputError(
                msg(
                    "{path}: only {free} MB free; expected at least {needed} MB for a package",
                    path=existing,
                    free=free // (1024 * 1024),
                    needed=MIN_FREE_BYTES // (1024 * 1024),
                )
            )


@contextlib.contextmanager
def output_place(out_dir: Path) -> Iterator[Path]:
    """Check and create the output folder and its work place; yield the work place. On error remove
    the work place and the output folder again when this call created them and they are empty."""
    out_dir = Path(out_dir)
    check_output_folder(out_dir)
    created = []
    missing = out_dir
    while not missing.exists() and missing.parent != missing:
        created.append(missing)
        missing = missing.parent
    root = out_dir / WORK_DIR
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if not root.exists():
            created.insert(0, root)
        root.mkdir(exist_ok=True)
        _probe(root)  # a read-only mount passes os.access for root; writing tells the truth
    except OSError as exc:
        _remove_empty(created)
        raise OutputError(
            msg(
                "{path}: cannot create or write the output folder ({error})",
                path=out_dir,
                error=exc.strerror or exc,
            )
        ) from exc
    clean_work_folders(out_dir)
    try:
        yield root
    except BaseException as exc:
        converted = output_failure(out_dir, exc)  # before the folder it looks at may be removed
        _remove_empty(created)
        if converted is not None:
            raise converted from exc
        raise
    with contextlib.suppress(OSError):
        root.rmdir()  # only when empty: other runs may be working there


_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, getattr(errno, "EDQUOT", -1)}
_GDAL_WRITE_TEXTS = ("io error writing", "write error", "no space left")
_OUTPUT_TEXTS = (
    "no space left",
    "read-only file system",
    "permission denied",
    "disk quota",
    "free disk space",
)


def output_failure(out_dir: Path, exc: BaseException) -> OutputError | None:
    """An OutputError for a write that failed because of the output folder (disk full, read-only,
    permissions) during the run, whether Python or GDAL reported it; None for anything else."""
    if isinstance(exc, OutputError) or not isinstance(exc, Exception):
        return None
    text = str(exc).lower()
    if isinstance(exc, LstError):
        # our ExportError around a GDAL write that failed ("IO error writing", "Write error"), or any
        # export failure on a disk that is now (nearly) full
        if not (
            isinstance(exc, ExportError)
            and (any(t in text for t in _GDAL_WRITE_TEXTS) or _nearly_full(out_dir))
        ):
            return None
    elif not (
        (isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRNOS) or any(t in text for t in _OUTPUT_TEXTS)
    ):
        return None
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return OutputError(
        msg(
            "{path}: writing into the output folder failed ({reason}); expected a writable folder with free space. Nothing of this run was kept.",
            path=out_dir,
            reason=reason,
        )
    )


def _nearly_full(out_dir: Path) -> bool:
    try:
        return shutil.disk_usage(out_dir).free < 1024 * 1024
    except OSError:
        return False


def _probe(root: Path) -> None:
    fd, name = tempfile.mkstemp(prefix=f"probe-{os.getpid()}-", dir=root)
    try:
        os.write(fd, b"\0" * 4096)
        os.fsync(fd)
    finally:
        os.close(fd)
        os.unlink(name)


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:  # innermost first
        with contextlib.suppress(OSError):
            folder.rmdir()


def work_folder(out_dir: Path, kind: str) -> Path:
    """A new private work folder ``.lststudio-work/<kind>-<pid>.<host tag>-<random>`` in ``out_dir``
    (``kind`` without "-")."""
    if "-" in kind:
        raise ValueError(f"work folder kind {kind!r}: expected no '-' (it separates the owner)")
    root = Path(out_dir) / WORK_DIR
    for _attempt in range(3):
        root.mkdir(parents=True, exist_ok=True)
        try:
            return Path(tempfile.mkdtemp(prefix=f"{kind}-{owner_token()}-", dir=root))
        except FileNotFoundError:  # another run removed the empty work place just now
            continue
    raise OutputError(
        msg("{path}: the work place keeps disappearing; expected a folder this run can use", path=root)
    )


@contextlib.contextmanager
def private_work_folder(out_dir: Path, kind: str) -> Iterator[Path]:
    """A new ``work_folder`` for the ``with`` block, made after removing those whose process is gone
    (``clean_work_folders``); removed when the block ends, and the work place with it when it is empty
    (other runs may be working there)."""
    clean_work_folders(out_dir)
    folder = work_folder(out_dir, kind)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            folder.parent.rmdir()


# a lock file that names no owner this long after it was made is one its owner never finished writing
OWNERLESS_LOCK_S = 5.0


def _lock_owner(path: Path) -> tuple[int, str] | None:
    """(pid, host name) a lock file holds (``<pid> <host>``; a bare pid, earlier versions: this host)."""
    try:
        pid, _, host = path.read_text(encoding="utf-8").strip().partition(" ")
    except (OSError, UnicodeDecodeError):
        return None
    return (int(pid), host or HOST) if pid.isdigit() else None


class PackageClaim:
    """An exclusive claim of a package name in an output folder (see the module docstring)."""

    def __init__(self, out_dir: Path, stem: str):
        self.path = Path(out_dir) / WORK_DIR / f"{stem}.lock"
        self.final = Path(out_dir) / stem
        self.held = False

    def acquire(self) -> PackageClaim:
        for _attempt in range(3):
            self.path.parent.mkdir(parents=True, exist_ok=True)  # again: another run may remove it empty
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileNotFoundError:
                continue
            except FileExistsError:
                owner = _lock_owner(self.path)
                if owner is None and not older_than(self.path, OWNERLESS_LOCK_S):
                    self._wait_for_owner()  # not a try: its owner writes it now, or died before it could
                    continue
                if owner is not None and not owner_gone(owner, self.path):
                    raise OutputError(
                        msg(
                            "{path}: another run (process {pid} on host {host}) is writing this package; expected the package name to be free (if no run is writing it, delete {lock})",
                            path=self.final,
                            pid=owner[0],
                            host=owner[1],
                            lock=self.path,
                        )
                    ) from None
                self._break_stale()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(f"{os.getpid()} {HOST}")
            self.held = True
            return self
        raise OutputError(
            msg(
                "{path}: cannot claim the package name (lock {lock} is contended)",
                path=self.final,
                lock=self.path,
            )
        )

    def _wait_for_owner(self) -> None:
        """Until the lock names its owner, is gone, or is OWNERLESS_LOCK_S old. An owner writes its pid
        at once after creating the file; one killed in between leaves it empty, and the next run (a
        retry seconds after the kill) must wait that out, not fail as "contended" after three tries."""
        while (
            self.path.exists()
            and _lock_owner(self.path) is None
            and not older_than(self.path, OWNERLESS_LOCK_S)
        ):
            time.sleep(0.05)

    def _break_stale(self) -> None:
        stale = self.path.parent / f"stale-{os.getpid()}-{os.urandom(4).hex()}.lock"
        with contextlib.suppress(OSError):
            os.rename(self.path, stale)  # exactly one breaker succeeds
            stale.unlink()

    def release(self) -> None:
        if self.held and _lock_owner(self.path) == (os.getpid(), HOST):
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False

    def __enter__(self) -> PackageClaim:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, size, mtime ns) of every file in ``folder``: what a run wrote, to recognise it after the
    move (a rename keeps all three; another run's file differs in at least one)."""
    out = {}
    for p in sorted(Path(folder).iterdir()):
        st = p.stat()
        out[p.name] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


def verify_moved(final: Path, written: dict[str, tuple[int, int, int]]) -> None:
    """The package at ``final`` is the one this run wrote (same files, inodes and sizes)."""
    try:
        now = snapshot(final)
    except OSError as exc:
        raise ExportError(
            msg("{path}: the package cannot be read after the move ({error})", path=final, error=exc)
        ) from exc
    if now != written:
        missing = sorted(set(written) - set(now))
        other = sorted(k for k in set(now) & set(written) if now[k] != written[k])
        extra = sorted(set(now) - set(written))
        raise ExportError(
            msg(
                "{path}: after the move the folder is not the package this run wrote (missing {missing}, changed {changed}, unexpected {extra})",
                path=final,
                missing=missing[:3],
                changed=other[:3],
                extra=extra[:3],
            )
        )
