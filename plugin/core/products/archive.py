"""Safe unpacking of product archives (.zip for FarEarth, .tar/.tar.gz for Landsat).

An archive is unpacked only into a fresh temporary folder that the caller removes with
``TempFolder.remove()`` (the readers do it in ``Scene.close()``). Every member is checked *before*
anything is written: a member whose path is absolute, contains ``..`` or resolves outside the folder
("zip slip"), and in tar files any link, device or FIFO, makes the whole archive refused with a
ProductError. The archive itself is only read.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import ProductError

ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2")


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
        raise ProductError(archive, name, "archive member has an absolute path; expected a relative path")
    if ".." in posix.parts:
        raise ProductError(archive, name, "archive member path leaves the product folder ('..')")
    target = (dest / Path(*posix.parts)).resolve() if posix.parts else dest
    if target != dest and dest not in target.parents:
        raise ProductError(archive, name, "archive member path leaves the extraction folder")
    return posix


def extract(archive: str | Path) -> TempFolder:
    """Unpack ``archive`` into a new temporary folder after checking every member."""
    archive = Path(archive)
    if not archive.is_file():
        raise ProductError(archive, None, "archive not found")
    dest = Path(tempfile.mkdtemp(prefix="lststudio-product-")).resolve()
    folder = TempFolder(dest)
    try:
        if archive.name.lower().endswith(ZIP_SUFFIXES):
            _extract_zip(archive, dest)
        else:
            _extract_tar(archive, dest)
    except ProductError:
        folder.remove()
        raise
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as exc:
        folder.remove()
        raise ProductError(archive, None, f"unreadable archive ({exc})") from exc
    return folder


def _extract_zip(archive: Path, dest: Path) -> None:
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        for info in infos:
            _check_member_name(archive, info.filename, dest)
            # Unix symlinks inside zips: mode S_IFLNK in the high external attributes.
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise ProductError(archive, info.filename, "archive member is a symbolic link; refused")
        for info in infos:
            posix = PurePosixPath(info.filename.replace("\\", "/"))
            target = dest.joinpath(*posix.parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)


def _extract_tar(archive: Path, dest: Path) -> None:
    with tarfile.open(archive, "r:*") as tf:
        members = tf.getmembers()
        for m in members:
            _check_member_name(archive, m.name, dest)
            if not (m.isfile() or m.isdir()):
                raise ProductError(
                    archive, m.name, "archive member is a link or special file; expected regular files"
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
                raise ProductError(archive, m.name, "cannot read archive member")
            with src, open(target, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
