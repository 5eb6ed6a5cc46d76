"""What the analyst sees right after a run: clear-sky statistics, cloud share, method, warnings, histogram.

The statistics come from the result's metadata (the pipeline computes min/median/max over every
clear pixel, see ``pipeline._Stats``); the histogram is read here from the LST and CLOUD_MASK rasters,
decimated to about ``SAMPLE_PIXELS`` (the COG overviews when present), over clear pixels only, so
clouds do not draw a tail of cloud-top temperatures. Values stay in kelvin; the GUI converts for display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import LstError
from .messages import msg

SAMPLE_PIXELS = 1_000_000
HISTOGRAM_BINS = 40


@dataclass
class RunSummary:
    product_id: str = ""
    acquisition: str = ""  # ISO 8601 UTC
    aoi_id: str = ""
    is_day: bool | None = None
    lst_min_k: float | None = None
    lst_median_k: float | None = None
    lst_max_k: float | None = None
    cloud_percent: float | None = None
    algorithm: str = ""
    atmosphere: str = ""
    warnings: list[str] = field(default_factory=list)
    hist_edges_k: list[float] = field(default_factory=list)  # len(counts) + 1
    hist_counts: list[int] = field(default_factory=list)


def from_metadata(metadata: dict) -> RunSummary:
    """The summary fields a result.json (``ProductResult.metadata``) holds."""
    scene = metadata.get("scene") or {}
    stats = metadata.get("lst_stats") or {}
    masks = metadata.get("masks") or {}
    percentages = masks.get("percentages") or {}
    # the same figure as the package's lst:cloud_ratio_aoi (delivery.package reads percentages["cloud"])
    cloud = percentages.get("cloud")
    return RunSummary(
        product_id=str(scene.get("product_id") or ""),
        acquisition=str(scene.get("acquisition_datetime") or scene.get("start_datetime") or ""),
        aoi_id=str((metadata.get("aoi") or {}).get("id") or ""),
        is_day=scene.get("is_day"),
        lst_min_k=stats.get("min"),
        lst_median_k=stats.get("median"),
        lst_max_k=stats.get("max"),
        cloud_percent=None if cloud is None else float(cloud),
        algorithm=str((metadata.get("algorithm") or {}).get("name") or ""),
        atmosphere=str((metadata.get("atmosphere") or {}).get("source") or ""),
        warnings=[str(w) for w in metadata.get("warnings") or []],
    )


def clear_sky_histogram(
    lst: str | Path, cloud_mask: str | Path | None, lo_k: float, hi_k: float, bins: int = HISTOGRAM_BINS
) -> tuple[list[float], list[int]]:
    """Histogram of clear-sky LST (K) between ``lo_k`` and ``hi_k`` (values outside go to the end bins)."""
    import rasterio

    try:
        with rasterio.open(lst) as src:
            step = max(1, math.ceil(math.sqrt(src.width * src.height / SAMPLE_PIXELS)))
            shape = (-(-src.height // step), -(-src.width // step))
            values = src.read(1, out_shape=shape, masked=True).astype(np.float64)
            values = values * (src.scales[0] or 1.0) + (src.offsets[0] or 0.0)
            valid = ~np.ma.getmaskarray(values) & np.isfinite(values.filled(np.nan))
        if cloud_mask is not None and Path(cloud_mask).is_file():
            with rasterio.open(cloud_mask) as msk:
                valid &= msk.read(1, out_shape=shape) == 0
    except (rasterio.errors.RasterioError, OSError) as exc:
        raise LstError(
            msg("{path}: cannot be read for the run summary histogram: {error}", path=lst, error=exc)
        ) from exc
    clear = np.clip(values.data[valid], lo_k, hi_k)
    counts, edges = np.histogram(clear, bins=bins, range=(lo_k, hi_k))
    return [float(e) for e in edges], [int(c) for c in counts]


def summarize(
    metadata: dict, lst: str | Path | None, cloud_mask: str | Path | None, lo_k: float, hi_k: float
) -> RunSummary:
    summary = from_metadata(metadata)
    if lst is not None:
        summary.hist_edges_k, summary.hist_counts = clear_sky_histogram(lst, cloud_mask, lo_k, hi_k)
    return summary
