"""Shared by the batch tests: small sample products with distinct acquisition times, a broken one, an AOI."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

FIRST = datetime(2022, 4, 1, 8, 40, tzinfo=timezone.utc)
# inside the footprint of every sample scene (centred near 38.45 N 27.2 E, 30 m pixels)
AOI_BOX = (27.185, 38.440, 27.215, 38.460)


def write_products(folder: Path, n: int, size: int) -> list[Path]:
    """``n`` sample products 16 days apart (so their packages have distinct names) in ``folder``."""
    from lst_studio.plugin.core.sample.generate import write_sample

    products = []
    for i in range(n):
        when = FIRST + timedelta(days=16 * i)
        s = write_sample(
            folder / f"src{i}", seed=20 + i, size=size, acquisition=when, land_cover=False, dem=False
        )
        target = folder / "products" / s.product_dir.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(s.product_dir), target)
        products.append(target)
    return products


def write_broken(good: Path, folder: Path) -> Path:
    """A copy of ``good`` whose thermal image is truncated: it opens, its pixels cannot be read."""
    broken = folder / "products" / "BROKEN_PRODUCT"
    shutil.copytree(good, broken)
    tir = next(broken.glob("*_TIR.tif"))
    with open(tir, "r+b") as fh:
        fh.truncate(2000)
    return broken


def write_aoi(path: Path, features: list[tuple[str, str, tuple[float, float, float, float]]]) -> Path:
    feats = []
    for aoi_id, name, (x0, y0, x1, y1) in features:
        ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        feats.append(
            {
                "type": "Feature",
                "properties": {"id": aoi_id, "name": name},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, float]:
    """Every file under ``folder`` (hidden ledger included) with its modification time."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
