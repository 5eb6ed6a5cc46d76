"""The plugin's version, read once from metadata.txt (the single place it is written)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

METADATA_TXT = Path(__file__).resolve().parents[2] / "metadata.txt"


@cache
def plugin_version() -> str:
    try:
        for line in METADATA_TXT.read_text(encoding="utf-8").splitlines():
            if line.startswith("version="):
                return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "unknown"
