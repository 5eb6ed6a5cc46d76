"""Import this checkout as the package ``lst_studio`` (its QGIS plugin name) without a symlink or a copy.

QGIS imports a plugin as a package named after its folder; a checkout may be called anything. Instead of
linking the checkout under that name, ``install()`` registers the root ``__init__.py`` as the module
``lst_studio`` with the root as its only submodule search location, so ``import lst_studio.plugin.core``
finds this checkout's files, and only these (a second checkout never shadows the first). Nothing is
written to disk.

In a script (tests' conftest, benchmarks, tools)::

    sys.path.insert(0, str(ROOT / "tools"))
    import plugin_alias

    plugin_alias.install()

For a child process, run the child through this file, which mirrors Python's own command line::

    python tools/plugin_alias.py -m lst_studio.plugin.core.sample --out /tmp/x
    python tools/plugin_alias.py -c "import lst_studio; ..."
    python tools/plugin_alias.py some_script.py ARGS
"""

from __future__ import annotations

import importlib.util
import os
import runpy
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_NAME = "lst_studio"
USAGE = "usage: plugin_alias.py (-m MODULE | -c CODE | SCRIPT) [ARGS...]"


def install(root: Path = ROOT, name: str = PLUGIN_NAME) -> ModuleType:
    """Register ``root`` as the package ``name`` (idempotent) and return the package module.

    Raises ImportError when ``name`` is already imported from another folder: tests would otherwise
    silently run against that other copy.
    """
    root = Path(root).resolve()
    existing = sys.modules.get(name)
    if existing is not None:
        where = [Path(p).resolve() for p in getattr(existing, "__path__", [])]
        if where != [root]:
            raise ImportError(f"{name} is already imported from {where or existing!r}, not from {root}")
        return existing
    spec = importlib.util.spec_from_file_location(
        name, root / "__init__.py", submodule_search_locations=[str(root)]
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"{root / '__init__.py'} cannot be loaded as package {name}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def symlinks_in_tree(root: Path = ROOT) -> list[str]:
    """Relative paths of the symbolic links under ``root``, not following any; ``.git`` and virtual
    environments (folders with a ``pyvenv.cfg``, which are made of links) are not part of the tree."""
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if d != ".git" and not (here / d / "pyvenv.cfg").is_file()]
        found += [str((here / n).relative_to(root)) for n in dirs + files if (here / n).is_symlink()]
    return sorted(found)


def _run(argv: list[str]) -> None:
    """Run ``-m MODULE``, ``-c CODE`` or ``SCRIPT`` with the alias installed, as ``python`` would."""
    if not argv or (argv[0] in ("-m", "-c") and len(argv) < 2):
        raise SystemExit(USAGE)
    install()
    if argv[0] == "-m":
        sys.argv = [argv[1], *argv[2:]]  # runpy puts the module's file in argv[0]
        sys.path[0] = os.getcwd()  # python -m puts the working folder first
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    elif argv[0] == "-c":
        sys.argv = ["-c", *argv[2:]]
        sys.path[0] = ""  # python -c puts the working folder ("") first
        main = ModuleType("__main__")
        sys.modules["__main__"] = main
        exec(compile(argv[1], "<string>", "exec"), main.__dict__)
    else:
        sys.argv = list(argv)
        sys.path[0] = str(Path(argv[0]).resolve().parent)
        runpy.run_path(argv[0], run_name="__main__")


if __name__ == "__main__":
    _run(sys.argv[1:])
