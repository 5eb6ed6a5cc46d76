"""Clear-sky observation (CSO) statistics: the FORCE semantics, computed one observation at a time.

For each pixel and temporal bin: NUM, the number of clear-sky observations, and statistics of the time gaps
("dt", days) between consecutive clear observations. The semantics are FORCE's
(``src/modules/higher-level/cso-hl.c``; Frantz 2019, Remote Sensing 11:1124, doi:10.3390/rs11091124; the CSO
idea: Ernst, Lymburner & Sixsmith 2018, Remote Sensing 10:1570, doi:10.3390/rs10101570), reproduced exactly
as documented in ``../shared/reference/algorithms.md`` §4:

- Day arithmetic is FORCE's "ce" count without leap days (``ce = 365·Y + DOY365``): 29 Feb and 1 Mar are
  the same day, every year has 365 days. An observation's day is its UTC acquisition date.
- Per bin ``[left, right)`` and pixel, in time order: a clear observation later than the last clear day adds
  ``dt = day − last`` (the first one measured from the bin start), a clear observation on the bin start or on
  an already-counted day adds no dt but still counts in NUM; the closing gap ``right − last`` is always added.
  A bin without any observation is the same as an all-cloudy bin: ``dts = [bin length]``, NUM 0.
- Moments with the one-pass recurrences of Pébay (2008, Sandia report SAND2008-6212, doi:10.2172/1028931),
  with FORCE's operation order (``kurt_recurrence``, ``skewness``, ``kurtosis`` of stats-cl.c), so that
  results that are exact integers in theory truncate the same way.
  FORCE's quirks are kept: STD = √(M2/(NUM−1)) and SKW/KRT normalised with NUM, not with the number of dts.
  Undefined results (NUM = 1 for STD, M2 = 0 for SKW/KRT) are written as 0, as FORCE does on x86-64.
- Quantiles: linear interpolation at p·(m−1) of the sorted first m dts in time order (GSL
  ``gsl_stats_quantile_from_sorted_data``), IQR = trunc(Q75) − trunc(Q25).

Decisions where FORCE is undefined or where the seed (``../shared/seeds/003_*.txt``) rules:

- **Same-day duplicates** (two packages of one day, or 29 Feb and 1 Mar): NUM counts every clear
  observation (FORCE), but the quantiles use m = number of *distinct* clear days, not NUM. FORCE uses m = NUM
  and then, with duplicates, takes in the closing gap or reads stale buffer values (NUM > number of dts);
  with distinct days the quantiles always cover the gaps *between* clear days (plus the closing gap only
  when the first clear day is the bin start, as FORCE), and m equals FORCE's m whenever there are no
  duplicates. Moments keep FORCE's NUM normalisation (defined, if odd).
- **Scales** (seed): SKW is stored as trunc(10000·skewness), KRT as trunc(1000·excess kurtosis), all others
  with scale 1. FORCE stores SKW ×1000; ``encode(..., scheme="force")`` gives FORCE's numbers for comparison.
  Scaled SKW/KRT are clipped to ±30000 like FORCE does (so the seed's SKW saturates at |skewness| = 3).
- **Nodata 0** (seed; FORCE uses −32768): pixels with no valid observation (inside the footprint, not fill)
  in any bin of the year range — outside the AOI or never observed — are 0 in every file and band. A valid
  pixel that is cloudy in every observation of a bin legitimately has NUM = 0, and that value *reads as
  nodata* in the NUM file; likewise STD, SKW, KRT, RNG, IQR and the quantiles can be legitimately 0. The gap
  statistics of such a bin are not 0 (MIN = MAX = AVG = bin length), so "observed but never clear" can be
  told from "never observed" there. This ambiguity is the seed's; we document it rather than change the
  format.
- **Bins** (seed: "as many bands as there are intervals within the year range"): bins start on 1 January of
  the first year and every ``month_step`` months while the start is before 1 January after the last year.
  FORCE also drops a bin starting in December of the last year (with MONTH_STEP = 1 it makes 11 bins a
  year); we do not. A last bin may run past the year range when ``month_step`` does not divide 12 (FORCE
  does the same).

This module has no I/O: ``cso_io`` discovers the inputs, aligns them to one grid and writes the files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from .errors import LstError, field_message
from .messages import msg
from .progress import Progress

STATISTICS = ("NUM", "AVG", "STD", "MIN", "MAX", "RNG", "SKW", "KRT", "Q25", "Q50", "Q75", "IQR")
STATISTIC_TITLES = {
    "NUM": "Number of clear-sky observations",
    "AVG": "Average of dt",
    "STD": "Standard deviation of dt",
    "MIN": "Minimum of dt",
    "MAX": "Maximum of dt",
    "RNG": "Range of dt",
    "SKW": "Skewness of dt",
    "KRT": "Kurtosis of dt",
    "Q25": "0.25 quantile of dt",
    "Q50": "0.50 quantile of dt",
    "Q75": "0.75 quantile of dt",
    "IQR": "Interquartile range of dt",
}
SENSORS = ("LNDLG", "SEN2L", "SEN2H", "R-G-B")
QUANTILES = {"Q25": 0.25, "Q50": 0.50, "Q75": 0.75}

# Encodings of the stored int16 values: the seed's (ours) and FORCE's (for comparison with FORCE output).
SCALES = {"seed": {"SKW": 10000, "KRT": 1000}, "force": {"SKW": 1000, "KRT": 1000}}
NODATA = {"seed": 0, "force": -32768}
MOMENT_CLIP = 30000  # FORCE clips scaled SKW and KRT to ±30000 (cso-hl.c)

# FORCE's fixed month offsets of a 365-day year (no leap days).
_MONTH_OFFSET = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def ce(day: date) -> int:
    """FORCE's day number: 365·year + day of a 365-day year (29 Feb and 1 Mar are the same day)."""
    return 365 * day.year + _MONTH_OFFSET[day.month - 1] + day.day


@dataclass(frozen=True)
class Bin:
    start: date  # first day, inclusive
    end: date  # start of the next bin, exclusive

    @property
    def left(self) -> int:
        return ce(self.start)

    @property
    def right(self) -> int:
        return ce(self.end)

    @property
    def length(self) -> int:
        return self.right - self.left

    @property
    def name(self) -> str:
        """Band name: the compact start date, as FORCE names its bands."""
        return self.start.strftime("%Y%m%d")

    def contains(self, day: date) -> bool:
        return self.left <= ce(day) < self.right


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    m = month - 1 + months
    return year + m // 12, m % 12 + 1


def make_bins(start_year: int, end_year: int, month_step: int) -> list[Bin]:
    """Bins of ``month_step`` months from 1 Jan ``start_year`` while they start before 1 Jan ``end_year + 1``."""
    if not 1 <= month_step <= 12:
        raise LstError(
            field_message("CSO", "month_step", msg("expected 1 to 12 months, got {value}", value=month_step))
        )
    if end_year < start_year:
        raise LstError(
            field_message(
                "CSO",
                "end_year",
                msg("expected ≥ start year {start}, got {end}", start=start_year, end=end_year),
            )
        )
    bins: list[Bin] = []
    y, m = start_year, 1
    while y <= end_year:
        ny, nm = _add_months(y, m, month_step)
        bins.append(Bin(date(y, m, 1), date(ny, nm, 1)))
        y, m = ny, nm
    return bins


def file_name(start_year: int, end_year: int, month_step: int, sensor: str, statistic: str, ext: str) -> str:
    """The seed's 37-character name, e.g. ``2000-2010_03M_CSO-STATS_LNDLG_NUM.tif``."""
    if sensor not in SENSORS:
        raise LstError(
            field_message(
                "CSO",
                "sensor",
                msg("expected one of {choices}, got {value!r}", choices=", ".join(SENSORS), value=sensor),
            )
        )
    if statistic not in STATISTICS:
        raise LstError(
            field_message(
                "CSO",
                "statistics",
                msg(
                    "expected any of {choices}, got {value!r}", choices=", ".join(STATISTICS), value=statistic
                ),
            )
        )
    return f"{start_year:04d}-{end_year:04d}_{month_step:02d}M_CSO-STATS_{sensor}_{statistic}.{ext}"


def statistic_of(path) -> str:
    """The statistic of a CSO file name: ``..._CSO-STATS_LNDLG_NUM.tif`` -> ``NUM``."""
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0].rsplit("_", 1)[-1].upper()


@dataclass
class CsoOptions:
    start_year: int
    end_year: int
    month_step: int = 3
    sensor: str = "LNDLG"
    statistics: tuple[str, ...] = STATISTICS
    format: str = "GTiff"  # "GTiff" (compressed GeoTIFF + ENVI .hdr sidecar) or "ENVI" (.dat + .hdr)
    memory_budget_mb: float = 1024  # per-pixel state, dt buffers and the block's encoded output
    overwrite: bool = True

    def validate(self) -> None:
        make_bins(self.start_year, self.end_year, self.month_step)
        bad = [s for s in self.statistics if s not in STATISTICS]
        if bad or not self.statistics:
            raise LstError(
                field_message(
                    "CSO",
                    "statistics",
                    msg(
                        "expected one or more of {choices}, got {value}",
                        choices=", ".join(STATISTICS),
                        value=bad or "none",
                    ),
                )
            )
        if self.sensor not in SENSORS:
            raise LstError(
                field_message(
                    "CSO",
                    "sensor",
                    msg(
                        "expected one of {choices}, got {value!r}",
                        choices=", ".join(SENSORS),
                        value=self.sensor,
                    ),
                )
            )
        if self.format not in ("GTiff", "ENVI"):
            raise LstError(
                field_message(
                    "CSO", "format", msg("expected GTiff or ENVI, got {value!r}", value=self.format)
                )
            )


def needs_quantiles(statistics: Iterable[str]) -> bool:
    return any(s in QUANTILES or s == "IQR" for s in statistics)


# Codes of one observation on the target grid (what the I/O layer hands to the accumulator).
CLEAR, NOT_CLEAR, NO_DATA = 0, 1, 255


class BinAccumulator:
    """Running state of one bin for a flat block of pixels; feed observations in time order, then close."""

    def __init__(self, bin_: Bin, size: int, max_dts: int, quantiles: bool):
        self.bin = bin_
        self.size = size
        self.left = np.full(size, bin_.left, np.int32)  # last clear day (bin start until the first one)
        self.n = np.zeros(size, np.int32)  # clear observations (NUM), same-day duplicates included
        self.distinct = np.zeros(size, np.int32)  # distinct clear days
        self.k = np.zeros(size, np.int32)  # dts so far
        self.mean = np.zeros(size, np.float64)
        self.m2 = np.zeros(size, np.float64)
        self.m3 = np.zeros(size, np.float64)
        self.m4 = np.zeros(size, np.float64)
        self.min = np.full(size, np.iinfo(np.int32).max, np.int32)
        self.max = np.zeros(size, np.int32)
        # dts in time order for the quantiles; a bin's dts fit int16 (≤ 366 days) and there are at most
        # (distinct observation days in the bin + 1) of them per pixel.
        self.dts = np.zeros((size, max_dts), np.int16) if quantiles else None
        self._last_day: int | None = None

    @staticmethod
    def bytes_per_pixel(max_dts: int, quantiles: bool) -> int:
        state = 4 * 6 + 8 * 4  # int32 ×6, float64 ×4
        dts = (2 + 1 + 2) * max_dts if quantiles else 0  # buffer, the "used" mask and the sorted copy
        return state + dts + 8 * 8  # + temporaries while closing

    def add(self, day: date, clear: np.ndarray) -> None:
        """One observation: ``clear`` is a flat bool array (True = clear-sky, valid)."""
        d = ce(day)
        if not self.bin.left <= d < self.bin.right:
            raise ValueError(f"{day} is outside bin {self.bin.name}")
        if self._last_day is not None and d < self._last_day:
            raise ValueError("observations must be added in time order")
        self._last_day = d
        idx = np.flatnonzero(clear)
        if idx.size == 0:
            return
        left = self.left[idx]
        new_day = (self.n[idx] == 0) | (d > left)
        self.distinct[idx[new_day]] += 1
        later = d > left
        with_dt = idx[later]
        if with_dt.size:
            self._push(with_dt, (d - left[later]).astype(np.float64))
            self.left[with_dt] = d
        self.n[idx] += 1

    def _push(self, idx: np.ndarray, x: np.ndarray) -> None:
        """Add one dt per pixel in ``idx``: min/max, Pébay (2008) moment updates, dt buffer."""
        self.min[idx] = np.minimum(self.min[idx], x.astype(np.int32))
        self.max[idx] = np.maximum(self.max[idx], x.astype(np.int32))
        k0 = self.k[idx].astype(np.float64)
        k1 = k0 + 1.0
        mean, m2, m3 = self.mean[idx], self.m2[idx], self.m3[idx]
        delta = x - mean
        dn = delta / k1
        dn2 = dn * dn
        term1 = delta * dn * k0
        # same operations in the same order as FORCE's kurt_recurrence (stats-cl.c), so that truncation
        # at exact integers (e.g. STD = 13.0) rounds the same way
        self.mean[idx] = mean + dn
        self.m4[idx] = (
            self.m4[idx] + term1 * dn2 * (k1 * k1 - 3.0 * k1 + 3.0) + 6.0 * dn2 * m2 - 4.0 * dn * m3
        )
        self.m3[idx] = m3 + term1 * dn * (k1 - 2.0) - 3.0 * dn * m2
        self.m2[idx] = m2 + term1
        if self.dts is not None:
            self.dts[idx, self.k[idx]] = x.astype(np.int16)
        self.k[idx] += 1

    def close(self, statistics: Sequence[str]) -> dict[str, np.ndarray]:
        """Add the closing gap and return the raw (unscaled, untruncated) statistics, float64 or int32."""
        gap = self.bin.right - self.left
        idx = np.flatnonzero(gap > 0)  # always every pixel: left < right
        self._push(idx, gap[idx].astype(np.float64))
        return raw_statistics(self, statistics)


def raw_statistics(acc: BinAccumulator, statistics: Sequence[str]) -> dict[str, np.ndarray]:
    """FORCE's statistics before truncation and scaling (NaN where FORCE's result is undefined)."""
    n = acc.n.astype(np.float64)
    out: dict[str, np.ndarray] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        var_n = acc.m2 / n  # population variance normalised with NUM: FORCE's variance(var, n + 1)
        for s in statistics:
            if s == "NUM":
                out[s] = acc.n.copy()
            elif s == "MIN":
                out[s] = acc.min.copy()
            elif s == "MAX":
                out[s] = acc.max.copy()
            elif s == "RNG":
                out[s] = acc.max - acc.min
            elif s == "AVG":
                out[s] = acc.mean.copy()
            elif s == "STD":
                # n = 0: √(0/−1) = 0 in FORCE; n = 1: division by zero, undefined -> NaN
                out[s] = np.where(acc.n == 0, 0.0, np.where(acc.n == 1, np.nan, np.sqrt(acc.m2 / (n - 1.0))))
            elif s == "SKW":  # FORCE skewness(): skew / (n · standdev(var, n + 1)³)
                out[s] = np.where(acc.n == 0, 0.0, acc.m3 / (n * np.power(np.sqrt(var_n), 3)))
            elif s == "KRT":  # FORCE kurtosis(): kurt / (n · variance · variance) − 3
                out[s] = np.where(acc.n == 0, 0.0, acc.m4 / (n * var_n * var_n) - 3.0)
    if needs_quantiles(statistics):
        q = quantiles(acc)
        for s in statistics:
            if s in QUANTILES:
                out[s] = q[s]
            elif s == "IQR":
                out[s] = q["Q75"] - q["Q25"]
        out["_Q25"], out["_Q75"] = q["Q25"], q["Q75"]  # IQR is encoded from the truncated quartiles
    return out


def quantiles(acc: BinAccumulator) -> dict[str, np.ndarray]:
    """Q25/Q50/Q75 of the first m dts in time order, m = distinct clear days (0 when m = 0)."""
    assert acc.dts is not None
    m = acc.distinct
    cols = np.arange(acc.dts.shape[1])[None, :]
    data = np.where(cols < m[:, None], acc.dts, np.int16(np.iinfo(np.int16).max))  # unused slots sort last
    data.sort(axis=1)
    out = {}
    rows = np.arange(acc.size)
    for name, p in QUANTILES.items():
        pos = p * np.maximum(m - 1, 0)
        lo = np.floor(pos).astype(np.int64)
        hi = np.minimum(lo + 1, np.maximum(m - 1, 0))
        frac = pos - lo
        a = data[rows, lo].astype(np.float64)
        b = data[rows, hi].astype(np.float64)
        out[name] = np.where(m > 0, a + frac * (b - a), 0.0)
    return out


def encode(statistic: str, raw: dict[str, np.ndarray], scheme: str = "seed") -> np.ndarray:
    """int16 values as stored: truncation toward zero, scales and clipping of ``scheme`` ("seed"|"force")."""
    if statistic == "IQR":
        return (np.trunc(raw["_Q75"]) - np.trunc(raw["_Q25"])).astype(np.int16)
    x = np.asarray(raw[statistic], dtype=np.float64)
    scale = SCALES[scheme].get(statistic, 1)
    if statistic in ("SKW", "KRT"):
        x = np.clip(x * scale, -MOMENT_CLIP, MOMENT_CLIP)  # ±inf saturate, NaN stays NaN
    x = np.where(np.isfinite(x), np.trunc(x), 0.0)  # undefined (NaN, n = 1 STD) -> 0 as FORCE on x86-64
    return np.clip(x, -32767, 32767).astype(np.int16)


@dataclass
class SeriesResult:
    """Statistics of a whole series for one block of pixels."""

    bins: list[Bin]
    encoded: dict[str, np.ndarray]  # statistic -> (bins, pixels) int16, nodata where never observed
    observed: np.ndarray  # bool: not no-data in at least one observation within the bins
    raw: list[dict[str, np.ndarray]] | None = None  # per bin, when asked for (tests, comparisons)


def max_dts_per_bin(days: Sequence[date], bins: Sequence[Bin]) -> list[int]:
    """Upper bound of dts per pixel in each bin: distinct observation days in the bin + the closing gap."""
    return [len({ce(d) for d in days if b.contains(d)}) + 1 for b in bins]


def compute_series(
    days: Sequence[date],
    read_codes: Callable[[int], np.ndarray],
    size: int,
    bins: Sequence[Bin],
    statistics: Sequence[str],
    scheme: str = "seed",
    progress: Progress | None = None,
    keep_raw: bool = False,
) -> SeriesResult:
    """Stream the observations bin by bin, in time order, for a block of ``size`` pixels.

    ``read_codes(i)`` returns observation ``i``'s flat uint8 codes (CLEAR, NOT_CLEAR, NO_DATA) for the block;
    observations outside every bin are never read. Only one bin's state lives at a time; each bin is
    encoded (``scheme``) as soon as it closes.
    """
    order = sorted(range(len(days)), key=lambda i: ce(days[i]))
    quant = needs_quantiles(statistics)
    observed = np.zeros(size, bool)
    encoded = {s: np.zeros((len(bins), size), np.int16) for s in statistics}
    raws = [] if keep_raw else None
    total = max(sum(1 for d in days if any(b.contains(d) for b in bins)), 1)
    done = 0
    for j, (b, max_dts) in enumerate(zip(bins, max_dts_per_bin(days, bins))):
        acc = BinAccumulator(b, size, max_dts, quant)
        for i in order:
            if not b.contains(days[i]):
                continue
            codes = read_codes(i)
            observed |= codes != NO_DATA
            acc.add(days[i], codes == CLEAR)
            done += 1
            if progress is not None:
                progress.update(done / total)
        raw = acc.close(statistics)
        del acc
        for s in statistics:
            encoded[s][j] = encode(s, raw, scheme)
        if raws is not None:
            raws.append(raw)
        del raw
    for s in statistics:
        encoded[s][:, ~observed] = NODATA[scheme]
    return SeriesResult(list(bins), encoded, observed, raws)
