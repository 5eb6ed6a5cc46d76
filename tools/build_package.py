"""Build the zip users install with QGIS's "Install from ZIP": runtime files only.

The zip holds one folder ``lst_studio/`` (the plugin's name) with metadata.txt, the code, .ui forms,
resources and compiled translations. pystac is not shipped by QGIS, so its pure-Python package is
vendored under ``lst_studio/ext_libs/`` (Apache-2.0, licence included); the plugin appends that folder
to sys.path only as a fallback, so an installed pystac wins.

``--install-into PLUGINS_DIR`` copies the same files into ``PLUGINS_DIR/lst_studio`` instead: how tests and
tools give qgis_process or a QGIS profile the plugin without linking the checkout.
"""

from __future__ import annotations

import argparse
import configparser
import importlib.util
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = "lst_studio"
TOP_FILES = ("metadata.txt", "__init__.py", "__main__.py", "LICENSE", "README.md")  # __main__: batch CLI
TREES = {"plugin": (".py",), "ui": (".ui", ".py"), "resources": (".svg", ".qml", ".png", ".json", ".txt")}
VENDORED = ("pystac",)
SKIP_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache"}


def runtime_files() -> list[tuple[Path, str]]:
    """(source path, archive name) for everything the plugin needs at run time."""
    files = [(ROOT / name, f"{PLUGIN}/{name}") for name in TOP_FILES]
    for tree, suffixes in TREES.items():
        for path in sorted((ROOT / tree).rglob("*")):
            if path.is_file() and path.suffix in suffixes and not SKIP_PARTS & set(path.parts):
                files.append((path, f"{PLUGIN}/{path.relative_to(ROOT)}"))
    for qm in sorted((ROOT / "i18n").glob("*.qm")):
        files.append((qm, f"{PLUGIN}/i18n/{qm.name}"))
    for module in VENDORED:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"cannot vendor {module}: not importable (run make setup)")
        pkg = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(pkg.rglob("*")):
            if path.is_file() and not SKIP_PARTS & set(path.parts):
                files.append((path, f"{PLUGIN}/ext_libs/{module}/{path.relative_to(pkg)}"))
        for lic in sorted(pkg.parent.glob(f"{module}-*.dist-info/**/LICENSE*")):
            files.append((lic, f"{PLUGIN}/ext_libs/{module}-LICENSE.txt"))
    return files


def build(out_dir: Path) -> Path:
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(ROOT / "metadata.txt", encoding="utf-8")
    version = cfg["general"]["version"]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN}-{version}.zip"
    tmp = target.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for src, name in runtime_files():
            zf.write(src, name)
    tmp.replace(target)
    return target


def install_into(plugins_dir: Path) -> Path:
    """Copy the runtime files to ``plugins_dir/lst_studio`` (replacing an older copy) and return that folder."""
    target = plugins_dir / PLUGIN
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    for src, name in runtime_files():
        dest = plugins_dir / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--install-into", type=Path, metavar="PLUGINS_DIR", help="copy, do not zip")
    args = parser.parse_args()
    if args.install_into:
        print(install_into(args.install_into))
        return
    path = build(args.out)
    with zipfile.ZipFile(path) as zf:
        count = len(zf.namelist())
    print(f"{path} ({count} files, {path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
