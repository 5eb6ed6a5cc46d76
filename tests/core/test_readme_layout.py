"""The README's "Layout" section matches the tree (issue 14): every core module and package is named there,
and every folder it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _layout_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Layout") :]
    return section[section.index("```") + 3 : section.index("```", section.index("```") + 3)]


def test_every_core_module_and_package_is_in_the_layout():
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", _layout_block()))
    core = ROOT / "plugin" / "core"
    names = {p.stem for p in core.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in core.iterdir() if (p / "__init__.py").is_file()}
    assert sorted(names - words) == []


def test_every_folder_the_layout_names_exists():
    folders = re.findall(r"^([A-Za-z_][\w/]*)/ ", _layout_block(), flags=re.M)
    folders += re.findall(r"^\s+([a-z_]+)/ ", _layout_block(), flags=re.M)  # core sub-packages
    assert folders, "no folder found in the layout block"
    missing = [f for f in folders if not (ROOT / f).is_dir() and not (ROOT / "plugin" / "core" / f).is_dir()]
    assert missing == []
