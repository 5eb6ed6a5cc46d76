"""Safe unpacking of product archives (.zip for FarEarth, .tar/.tar.gz for Landsat).

An archive is unpacked only into a fresh temporary folder that the caller removes with
``TempFolder.remove()`` (the readers do it in ``Scene.close()``). Every member is checked *before*
anything is written: a member whose path is absolute, contains ``..`` or resolves outside the folder
("zip slip"), and in tar files any link, device or FIFO, makes the whole archive refused with a
ProductError. The archive itself is only read.

Limits (``ArchiveLimits``, configurable; checked on the member list before anything is written, and
again while writing, since a zip's declared sizes can lie): total uncompressed size, number of
members, and compression ratio of each member and of the whole archive. The defaults fit any real
product: a full Landsat 8/9 Collection 2 Level-1 tar is about 1 GB with about 20 members, FarEarth
L1C zips hold tens of files; deflate reaches about 10:1 on fill-rich rasters, while zip bombs reach
1000:1 and more (Fifield 2019, "A better zip bomb", USENIX WOOT). Every error names the archive.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ProductError
from ..messages import msg

ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2")


@dataclass(frozen=True)
class ArchiveLimits:
    max_total_bytes: int = 8 << 30  # 8 GiB unpacked
    max_members: int = 10_000
    max_ratio: float = 200.0  # uncompressed / compressed, per member (above 1 MiB) and overall


LIMITS = ArchiveLimits()
RATIO_MIN_BYTES = 1 << 20  # small members may compress extremely well (e.g. a page of zeros)


def _check_limits(archive: Path, sizes: list[tuple[str, int, int]], packed: int, limits: ArchiveLimits):
    """``sizes``: (member, uncompressed, compressed) of every member, from the archive's directory."""
    if len(sizes) > limits.max_members:
        raise ProductError(
            archive,
            "members",
            msg("{count} members; expected at most {limit}", count=len(sizes), limit=limits.max_members),
        )
    total = sum(u for _, u, _ in sizes)
    if total > limits.max_total_bytes:
        raise ProductError(
            archive,
            "members",
            msg(
                "unpacks to {total} bytes; expected at most {limit} bytes",
                total=total,
                limit=limits.max_total_bytes,
            ),
        )
    for name, u, c in sizes:
        if u > RATIO_MIN_BYTES and u > limits.max_ratio * max(c, 1):
            raise ProductError(
                archive,
                name,
                msg(
                    "compression ratio {ratio:.0f}:1; expected at most {limit:g}:1",
                    ratio=u / max(c, 1),
                    limit=limits.max_ratio,
                ),
            )
    if total > RATIO_MIN_BYTES and total > limits.max_ratio * max(packed, 1):
        raise ProductError(
            archive,
            "members",
            msg(
                "compression ratio {ratio:.0f}:1; expected at most {limit:g}:1",
                ratio=total / max(packed, 1),
                limit=limits.max_ratio,
            ),
        )


def _copy_limited(archive: Path, name: str, src, out, budget: list[int]) -> None:
    """Copy one member, refusing when the bytes written exceed what the directory declared."""
    while True:
        chunk = src.read(1 << 20)
        if not chunk:
            return
        budget[0] -= len(chunk)
        if budget[0] < 0:
            raise ProductError(archive, name, msg("unpacks to more bytes than the archive declares; refused"))
        out.write(chunk)


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ZIP_SUFFIXES + TAR_SUFFIXES)


class TempFolder:
    """A temporary folder holding an unpacked archive; ``remove()`` deletes it (idempotent)."""

    def __init__(self, path: Path):
        self.path = path

    def remove(self) -> None:
        if self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)


def _check_member_name(archive: Path, name: str, dest: Path) -> PurePosixPath:
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise ProductError(
            archive, name, msg("archive member has an absolute path; expected a relative path")
        )
    if ".." in posix.parts:
        raise ProductError(archive, name, msg("archive member path leaves the product folder ('..')"))
    target = (dest / Path(*posix.parts)).resolve() if posix.parts else dest
    if target != dest and dest not in target.parents:
        raise ProductError(archive, name, msg("archive member path leaves the extraction folder"))
    return posix


def extract(archive: str | Path, limits: ArchiveLimits | None = None) -> TempFolder:
    """Unpack ``archive`` into a new temporary folder after checking every member and the limits."""
    archive = Path(archive)
    limits = limits or LIMITS
    if not archive.is_file():
        raise ProductError(archive, None, msg("archive not found"))
    dest = Path(tempfile.mkdtemp(prefix="lststudio-product-")).resolve()
    folder = TempFolder(dest)
    try:
        if archive.name.lower().endswith(ZIP_SUFFIXES):
            _extract_zip(archive, dest, limits)
        else:
            _extract_tar(archive, dest, limits)
    except ProductError:
        folder.remove()
        raise
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, tarfile.TarError, EOFError, ValueError) as exc:
        folder.remove()
        raise ProductError(
            archive,
            "archive directory",
            msg("unreadable archive ({error}); expected a complete .zip or .tar", error=exc),
        ) from exc
    except BaseException:
        folder.remove()
        raise
    return folder


def _extract_zip(archive: Path, dest: Path, limits: ArchiveLimits) -> None:
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        sizes = [(i.filename, i.file_size, i.compress_size) for i in infos]
        _check_limits(archive, sizes, archive.stat().st_size, limits)
        budget = [sum(s for _, s, _ in sizes)]
        for info in infos:
            _check_member_name(archive, info.filename, dest)
            # Unix symlinks inside zips: mode S_IFLNK in the high external attributes.
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise ProductError(archive, info.filename, msg("archive member is a symbolic link; refused"))
        for info in infos:
            posix = PurePosixPath(info.filename.replace("\\", "/"))
            target = dest.joinpath(*posix.parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                _copy_limited(archive, info.filename, src, out, budget)


def _extract_tar(archive: Path, dest: Path, limits: ArchiveLimits) -> None:
    with tarfile.open(archive, "r:*") as tf:
        members = tf.getmembers()  # reads the whole (decompressed) stream's headers, writes nothing
        sizes = [(m.name, m.size, m.size) for m in members]  # a tar stores sizes; ratio is overall only
        _check_limits(archive, sizes, archive.stat().st_size, limits)
        budget = [sum(s for _, s, _ in sizes)]
        for m in members:
            _check_member_name(archive, m.name, dest)
            if not (m.isfile() or m.isdir()):
                raise ProductError(
                    archive, m.name, msg("archive member is a link or special file; expected regular files")
                )
        for m in members:
            posix = PurePosixPath(m.name.replace("\\", "/"))
            target = dest.joinpath(*posix.parts)
            if m.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            src = tf.extractfile(m)
            if src is None:
                raise ProductError(archive, m.name, msg("cannot read archive member"))
            with src, open(target, "wb") as out:
                _copy_limited(archive, m.name, src, out, budget)
