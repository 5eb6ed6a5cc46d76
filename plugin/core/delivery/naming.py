"""Delivery file names: ``{PRODUCT}_{PLATFORM}_{GEOHASH8}_{YYYYMMDDTHHMMSSZ}_{TYPE}.{ext}``.

Follows constellr's current API naming (spec-notes §5.3): upper-case tokens, the 8-character
upper-case geohash of the footprint centroid, acquisition time in UTC to the second. Every name
matches ``layout.FILE_NAME_PATTERN`` (spec-notes §6, geohash-alphabet aware: no A, I, L, O); file
names and TYPEs live in layout.py.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from ..errors import ExportError
from ..messages import msg
from .layout import FILE_NAME_PATTERN, file_name  # noqa: F401  (the layout module owns file names)

# Niemeyer's geohash base-32 alphabet (geohash.org, 2008): digits and letters without a, i, l, o.
_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"


def geohash(lat: float, lon: float, precision: int = 8) -> str:
    """Geohash (lower case) of a WGS84 point: interleaved lon/lat bisection bits, 5 bits per character."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"geohash: ({lat}, {lon}) is not a WGS84 latitude/longitude")
    lat_lo, lat_hi = -90.0, 90.0
    lon_lo, lon_hi = -180.0, 180.0
    chars = []
    bits = 0
    nbits = 0
    even = True  # the first bit bisects longitude
    while len(chars) < precision:
        if even:
            mid = (lon_lo + lon_hi) / 2
            if lon >= mid:
                bits = bits * 2 + 1
                lon_lo = mid
            else:
                bits *= 2
                lon_hi = mid
        else:
            mid = (lat_lo + lat_hi) / 2
            if lat >= mid:
                bits = bits * 2 + 1
                lat_lo = mid
            else:
                bits *= 2
                lat_hi = mid
        even = not even
        nbits += 1
        if nbits == 5:
            chars.append(_BASE32[bits])
            bits = 0
            nbits = 0
    return "".join(chars)


def _token(text: str, what: str) -> str:
    token = re.sub(r"[^A-Z0-9]", "", str(text).upper())
    if not token:
        raise ExportError(
            msg(
                "delivery name: {what} {text!r} has no letters or digits; expected e.g. 'LST'",
                what=what,
                text=text,
            )
        )
    return token


def package_stem(product: str, platform: str, lat: float, lon: float, when: datetime) -> str:
    """``LST_LANDSAT9_U4PRUYDQ_20240601T100200Z`` for a product token, platform, centroid and time."""
    if when.tzinfo is None:
        raise ExportError(msg("delivery name: acquisition time has no time zone; expected UTC"))
    utc = when.astimezone(timezone.utc)
    return "_".join(
        (
            _token(product, "product token"),
            _token(platform, "platform"),
            geohash(lat, lon, 8).upper(),
            utc.strftime("%Y%m%dT%H%M%SZ"),
        )
    )
