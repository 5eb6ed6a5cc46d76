"""The plugin runs on the oldest Python the declared QGIS ships: 3.9 (metadata.txt: qgisMinimumVersion 3.22;
QGIS 3.22 for Windows bundles Python 3.9, Ubuntu 22.04's QGIS runs on 3.10).

Three checks over plugin/ and the root modules (__init__.py, __main__.py: what QGIS and ``python -m`` import):
- vermin (Python-version feature detector) with target 3.9: library members and keyword arguments newer
  than 3.9 (``datetime.UTC``, ``itertools.pairwise``, ``zip(strict=)``, ``dataclass(slots=)``, ...);
- every module with annotations has ``from __future__ import annotations`` (PEP 563), so ``X | None`` and
  ``list[int]`` in annotations are never evaluated on 3.9;
- PEP 604 unions evaluated at run time (``isinstance(x, int | str)``, ``Alias = int | None``), which vermin
  does not see: a ``|`` outside annotations with None or a builtin type as an operand.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TARGET = "3.9-"
BUILTIN_TYPES = {"int", "str", "float", "bool", "bytes", "list", "dict", "tuple", "set", "frozenset", "type"}


def _plugin_files() -> list[Path]:
    files = [*sorted(ROOT.glob("*.py")), *sorted((ROOT / "plugin").rglob("*.py"))]  # __init__, __main__
    return [p for p in files if "__pycache__" not in p.parts]


def _vermin(paths: list[Path]) -> subprocess.CompletedProcess:
    code = "import sys; from vermin import main; sys.exit(main())"
    args = ["--target=" + TARGET, "--violations", "--no-tips", "--processes=1", *map(str, paths)]
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300, cwd=ROOT
    )


def _annotation_nodes(tree: ast.AST) -> set[int]:
    """ids of every node inside an annotation (those are strings under PEP 563, never evaluated)."""
    roots = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            roots += [a.annotation for a in every if a is not None and a.annotation is not None]
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(n) for r in roots if r is not None for n in ast.walk(r)}


def _is_type_operand(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and node.value is None:
        return True
    if isinstance(node, ast.Subscript):  # list[int] | None
        node = node.value
    return isinstance(node, ast.Name) and node.id in BUILTIN_TYPES


def runtime_unions(source: str) -> list[int]:
    """Line numbers of ``X | Y`` type unions evaluated at run time (Python 3.10+)."""
    tree = ast.parse(source)
    skip = _annotation_nodes(tree)
    return sorted(
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.BinOp)
        and isinstance(n.op, ast.BitOr)
        and id(n) not in skip
        and (_is_type_operand(n.left) or _is_type_operand(n.right))
    )


def lacks_future_annotations(source: str) -> bool:
    tree = ast.parse(source)
    has_annotations = bool(_annotation_nodes(tree))
    future = any(
        isinstance(n, ast.ImportFrom)
        and n.module == "__future__"
        and any(a.name == "annotations" for a in n.names)
        for n in tree.body
    )
    return has_annotations and not future


def test_vermin_finds_no_feature_newer_than_python_3_9():
    out = _vermin(_plugin_files())
    if "No module named" in out.stderr:
        pytest.fail("vermin is not installed: make setup (requirements-dev.txt)")
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def test_annotated_modules_postpone_their_annotations():
    offenders = [
        str(p.relative_to(ROOT))
        for p in _plugin_files()
        if lacks_future_annotations(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_union_type_is_evaluated_at_run_time():
    offenders = {}
    for path in _plugin_files():
        lines = runtime_unions(path.read_text(encoding="utf-8"))
        if lines:
            offenders[str(path.relative_to(ROOT))] = lines
    assert offenders == {}


def test_the_checks_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from datetime import UTC\n" "def f(a, b):\n" "    return list(zip(a, b, strict=True))\n",
        encoding="utf-8",
    )
    out = _vermin([probe])
    assert out.returncode != 0
    assert "datetime.UTC" in out.stdout and "zip(strict)" in out.stdout
    source = (
        "from __future__ import annotations\n"
        "def f(x: int | None, mask) -> list[int] | None:\n"
        "    y: str | None = None\n"
        "    keep = mask | mask\n"  # bitwise or of arrays: fine
        "    return isinstance(x, int | str)\n"
        "Alias = list[int] | None\n"
    )
    assert runtime_unions(source) == [5, 6]
    assert lacks_future_annotations("def f(x: int | None) -> None:\n    pass\n")
    assert not lacks_future_annotations("def f(x):\n    pass\n")
