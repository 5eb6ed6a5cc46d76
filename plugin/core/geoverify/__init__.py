"""Geometric verification: statistics of tiepoints and our own band-to-band alignment measurement.

- ``tiepoint_statistics(tiepoints)``: per band / band pair figures of given tiepoints (FarEarth
  GVER_ABS/GVER_REL via ``products.gver.read_gver``, or our own TIEPOINTS file) — see ``stats``.
- ``measure_alignment(scene, window, cloud_mask)``: tiepoints between the thermal band and optical bands
  (and between optical bands) by sub-pixel phase correlation of chips, with a score per tiepoint,
  written as GVER_REL JSON by ``Alignment.write_json`` — see ``measure``.

The summary (``Alignment.summary()``) feeds the STAC item, the ISO XML and the CEOS-ARD rows
gcor.corrections-geometric / meta.metadata-geometric-accuracy (``core.delivery``); "assessed" is False
when no optical->thermal pair has ``min_tiepoints`` reliable tiepoints.

Sign convention everywhere: (dx, dy) = displacement of the target relative to the source, metres east
and north.
"""

from .measure import Alignment, default_pairs, measure_alignment
from .phasecorr import Shift, phase_correlation
from .stats import TiepointStats, outlier_flags, statistics_of, tiepoint_statistics

__all__ = [
    "Alignment",
    "Shift",
    "TiepointStats",
    "default_pairs",
    "measure_alignment",
    "outlier_flags",
    "phase_correlation",
    "statistics_of",
    "tiepoint_statistics",
]
