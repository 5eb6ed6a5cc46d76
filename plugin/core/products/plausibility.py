"""Plausibility checks every reader applies after parsing: guarded numbers, dates, grid size against
the memory plan, and the thermal band's content (not entirely fill, not entirely saturated, a
brightness-temperature range that fits the pixel units).

Each check raises ProductError naming the file, the field and what was expected.
"""

from __future__ import annotations

import math
import os
from datetime import datetime, timedelta, timezone

import numpy as np

from ..errors import ProductError
from ..messages import msg

# Launch dates (UTC) bound the acquisition time from below: Landsat 8 on 2013-02-11 and Landsat 9 on
# 2021-09-27 (USGS, Landsat 8 Data Users Handbook LSDS-1574, 2019; Landsat 9 DUH LSDS-2082, 2022).
LAUNCH = {
    "LANDSAT-8": datetime(2013, 2, 11, tzinfo=timezone.utc),
    "LANDSAT-9": datetime(2021, 9, 27, tzinfo=timezone.utc),
}
EARLIEST = min(LAUNCH.values())  # for products whose platform is not stated

# Whole-grid arrays the pipeline keeps for an output window (AOI mask, valid mask, the mask layers,
# cloud distance): about 24 bytes per pixel. A grid whose whole-window arrays would exceed half of the
# machine's physical memory is refused before anything is allocated (a full Landsat scene, about
# 7800 x 7800 px, needs about 1.4 GB; a header claiming 100000 x 100000 px would need 224 GB).
WHOLE_GRID_BYTES_PER_PIXEL = 24
MEMORY_SHARE = 0.5

# Brightness temperatures of Earth scenes seen by TIRS lie within about 150-400 K: the instrument's
# design range is 240-360 K (Irons et al. 2012, doi:10.1016/j.rse.2011.08.026) and the coldest cloud
# tops are about 180 K. A median BT of the valid pixels outside this envelope means the stored values
# are not in the declared pixel units (e.g. float kelvin in a "x 10 (K)" band).
BT_RANGE_K = (150.0, 400.0)


def number(path, field: str, value, lo: float | None = None, hi: float | None = None) -> float | None:
    """``value`` as a finite float within [lo, hi]; None for null; ProductError for anything else.

    Accepts the v1.3 ``{units, value}`` object and v1.2 bare numbers (FarEarth), and numeric strings
    (Landsat MTL)."""
    if isinstance(value, dict):
        value = value.get("value")
    if value is None:
        return None
    if isinstance(value, bool):
        raise ProductError(path, field, msg("{value!r} is a boolean; expected a number", value=value))
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        raise ProductError(
            path, field, msg("{value} is not a number; expected a number", value=shown)
        ) from None
    if not math.isfinite(x):
        raise ProductError(path, field, msg("{value!r} is not finite; expected a finite number", value=value))
    if (lo is not None and x < lo) or (hi is not None and x > hi):
        raise ProductError(path, field, msg("{value:g} is outside [{lo}, {hi}]", value=x, lo=lo, hi=hi))
    return x


def check_acquisition(path, field: str, when: datetime, platform: str, now: datetime | None = None) -> None:
    """The acquisition lies between the platform's launch and tomorrow (clock skew, time zones)."""
    launch = LAUNCH.get(platform, EARLIEST)
    latest = (now or datetime.now(timezone.utc)) + timedelta(days=1)
    if when < launch or when > latest:
        raise ProductError(
            path,
            field,
            msg(
                "acquisition time {when} is not between the launch of {platform} ({launch}) and tomorrow ({latest})",
                when=when.isoformat(),
                platform=platform or "Landsat 8",
                launch=launch.date(),
                latest=latest.date(),
            ),
        )


def physical_memory_bytes() -> int:
    """Physical memory of this machine (psutil where present, else sysconf, else 8 GiB)."""
    try:
        import psutil

        return int(psutil.virtual_memory().total)
    except Exception:  # psutil is optional; any failure falls back
        pass
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return 8 << 30


def check_grid_size(path, field: str, width, height) -> None:
    """Refuse a raster size that is not positive or whose whole-grid arrays exceed the memory plan."""
    if not (isinstance(width, (int, np.integer)) and isinstance(height, (int, np.integer))):
        raise ProductError(
            path,
            field,
            msg("size {width!r} x {height!r}; expected whole numbers of pixels", width=width, height=height),
        )
    if width <= 0 or height <= 0:
        raise ProductError(
            path,
            field,
            msg("size {width} x {height} px; expected a positive size", width=width, height=height),
        )
    need = int(width) * int(height) * WHOLE_GRID_BYTES_PER_PIXEL
    limit = int(physical_memory_bytes() * MEMORY_SHARE)
    if need > limit:
        raise ProductError(
            path,
            field,
            msg(
                "size {width} x {height} px needs about {need:.1f} GiB of whole-grid arrays; expected at "
                "most {limit:.1f} GiB (half of this machine's memory)",
                width=width,
                height=height,
                need=need / 2**30,
                limit=limit / 2**30,
            ),
        )


def check_thermal_values(path, field: str, valid_bt: np.ndarray) -> None:
    """The median brightness temperature (K) of valid pixels lies in ``BT_RANGE_K``."""
    if valid_bt.size == 0:
        return
    median = float(np.median(valid_bt))
    if not BT_RANGE_K[0] <= median <= BT_RANGE_K[1]:
        raise ProductError(
            path,
            field,
            msg(
                "thermal values have a median of {median:.2f} K after scaling; expected brightness temperatures "
                "within {range} K (are the stored values in the declared pixel units?)",
                median=median,
                range=BT_RANGE_K,
            ),
        )
