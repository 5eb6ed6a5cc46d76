"""CSO semantics: FORCE's worked examples A, B, C (algorithms.md §4.6) and hand-checked edge cases.

The raw statistics and FORCE's encoding (SKW ×1000, nodata −32768) are checked against the FORCE tables;
the seed's encoding (SKW ×10000, nodata 0) is checked separately against values worked out by hand and
by an independent two-pass computation from the dts.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import numpy as np
import pytest

from lst_studio.plugin.core import cso
from lst_studio.plugin.core.errors import LstError

STATS = cso.STATISTICS  # NUM AVG STD MIN MAX RNG SKW KRT Q25 Q50 Q75 IQR


def series(dates, clear, y0, y1, step, scheme="force"):
    """One pixel: encoded values per bin as {bin name: {stat: int}}, plus the raw statistics."""
    days = [date.fromisoformat(d) for d in dates]
    bins = cso.make_bins(y0, y1, step)
    codes = [np.array([cso.CLEAR if c else cso.NOT_CLEAR], np.uint8) for c in clear]
    res = cso.compute_series(days, lambda i: codes[i], 1, bins, STATS, scheme, keep_raw=True)
    enc = {b.name: {s: int(res.encoded[s][j, 0]) for s in STATS} for j, b in enumerate(bins)}
    raw = {b.name: {s: float(np.asarray(v)[0]) for s, v in res.raw[j].items()} for j, b in enumerate(bins)}
    return enc, raw


def row(*values):
    return dict(
        zip(("NUM", "MIN", "MAX", "RNG", "AVG", "STD", "SKW", "KRT", "Q25", "Q50", "Q75", "IQR"), values)
    )


CSO_A_DATES = [
    "2018-01-10", "2018-01-26", "2018-02-11", "2018-03-15", "2018-05-05", "2018-07-11",
    "2018-10-01", "2018-10-17", "2018-11-02", "2018-11-18", "2018-12-04", "2018-12-20",
]  # fmt: skip
CSO_A_CLEAR = [d != "2018-05-05" for d in CSO_A_DATES]  # the 5 May acquisition is cloudy
CSO_A_FORCE = {  # algorithms.md §4.6, table CSO-A (FORCE output)
    "20180101": row(4, 9, 32, 23, 18, 9, 826, -798, 14, 16, 20, 6),
    "20180401": row(0, 91, 91, 0, 91, 0, 0, 0, 0, 0, 0, 0),
    "20180701": row(1, 10, 82, 72, 46, 0, 0, -2500, 10, 10, 10, 0),
    "20181001": row(6, 12, 16, 4, 15, 1, -1788, 1200, 16, 16, 16, 0),
}
CSO_B_DATES = ["2020-01-01", "2020-02-29", "2020-03-02", "2020-06-30"]
CSO_B_FORCE = {  # table CSO-B (leap year, MONTH_STEP 6)
    "20200101": row(4, 1, 120, 119, 45, 56, 517, -1342, 1, 30, 74, 73),
    "20200701": row(0, 184, 184, 0, 184, 0, 0, 0, 0, 0, 0, 0),
}


def test_day_arithmetic_has_no_leap_days():
    assert cso.ce(date(2020, 2, 29)) == cso.ce(date(2020, 3, 1))
    assert cso.ce(date(2021, 1, 1)) - cso.ce(date(2020, 1, 1)) == 365
    assert cso.ce(date(2020, 3, 2)) - cso.ce(date(2020, 2, 29)) == 1  # calendar: 2


def test_bins_cover_the_year_range():
    q = cso.make_bins(2018, 2018, 3)
    assert [b.name for b in q] == ["20180101", "20180401", "20180701", "20181001"]
    assert [b.length for b in q] == [90, 91, 92, 92]
    assert [b.length for b in cso.make_bins(2020, 2020, 6)] == [181, 184]
    # the seed's "as many bands as intervals within the year range": December kept (FORCE drops it)
    monthly = cso.make_bins(2018, 2018, 1)
    assert len(monthly) == 12 and monthly[-1].name == "20181201" and monthly[-1].end == date(2019, 1, 1)
    assert len(cso.make_bins(2015, 2016, 1)) == 24
    assert len(cso.make_bins(2000, 2010, 3)) == 44
    five = cso.make_bins(2018, 2018, 5)  # a step not dividing 12: the last bin runs past the range
    assert [b.name for b in five] == ["20180101", "20180601", "20181101"] and five[-1].end == date(2019, 4, 1)
    with pytest.raises(LstError, match="month_step"):
        cso.make_bins(2018, 2018, 13)
    with pytest.raises(LstError, match="end_year"):
        cso.make_bins(2019, 2018, 3)


def test_file_names_follow_the_seed():
    name = cso.file_name(2000, 2010, 3, "LNDLG", "NUM", "tif")
    assert name == "2000-2010_03M_CSO-STATS_LNDLG_NUM.tif"
    assert len(name) == 37  # the seed's "37-digit" convention
    assert cso.file_name(2018, 2018, 12, "R-G-B", "Q25", "dat") == "2018-2018_12M_CSO-STATS_R-G-B_Q25.dat"
    with pytest.raises(LstError, match="sensor"):
        cso.file_name(2018, 2018, 3, "LNDXX", "NUM", "tif")
    with pytest.raises(LstError, match="statistics"):
        cso.file_name(2018, 2018, 3, "LNDLG", "Q99", "tif")


def test_worked_example_a_force_exact():
    enc, raw = series(CSO_A_DATES, CSO_A_CLEAR, 2018, 2018, 3)
    for band, expected in CSO_A_FORCE.items():
        assert {s: enc[band][s] for s in expected} == expected, band
    q1 = raw["20180101"]
    assert q1["AVG"] == pytest.approx(18.0)
    assert q1["STD"] == pytest.approx(math.sqrt(286 / 3))  # NUM−1 = 3, not k−1 = 4
    assert (q1["Q25"], q1["Q50"], q1["Q75"]) == pytest.approx((14.25, 16.0, 20.0))  # of [9, 16, 16, 32]


def test_worked_example_b_leap_year_force_exact():
    enc, raw = series(CSO_B_DATES, [True] * 4, 2020, 2020, 6)
    for band, expected in CSO_B_FORCE.items():
        assert {s: enc[band][s] for s in expected} == expected, band
    r = raw["20200101"]  # the raw values the table gives
    assert r["AVG"] == pytest.approx(45.25)
    assert r["STD"] == pytest.approx(56.84, abs=0.005)
    assert 1000 * r["SKW"] == pytest.approx(517.64, abs=0.005)
    assert 1000 * r["KRT"] == pytest.approx(-1342.74, abs=0.005)


def test_worked_example_c_zero_variance():
    enc, raw = series(["2018-01-31", "2018-03-02"], [True, True], 2018, 2018, 3)
    assert {s: enc["20180101"][s] for s in STATS} == row(2, 30, 30, 0, 30, 0, 0, 0, 30, 30, 30, 0)
    assert math.isnan(raw["20180101"]["SKW"]) and math.isnan(raw["20180101"]["KRT"])  # M2 = 0 -> NaN -> 0


def two_pass(dts, n):
    """Independent oracle: FORCE's moment statistics from the dt list (two-pass sums)."""
    x = np.asarray(dts, float)
    d = x - x.mean()
    m2, m3, m4 = (d**2).sum(), (d**3).sum(), (d**4).sum()
    return m3 / (n * (m2 / n) ** 1.5), m4 / (n * (m2 / n) ** 2) - 3.0


def test_seed_encoding_of_the_worked_examples():
    enc, _ = series(CSO_A_DATES, CSO_A_CLEAR, 2018, 2018, 3, scheme="seed")
    skw, krt = two_pass([9, 16, 16, 32, 17], 4)
    assert enc["20180101"]["SKW"] == math.trunc(10000 * skw) == 8261  # FORCE: 826
    assert enc["20180101"]["KRT"] == math.trunc(1000 * krt) == -798  # same scale as FORCE
    skw, _ = two_pass([16] * 5 + [12], 6)
    assert enc["20181001"]["SKW"] == math.trunc(10000 * skw) == -17888  # FORCE: −1788
    # everything but SKW is encoded as FORCE does (the pixel is observed, so no nodata)
    for band, expected in CSO_A_FORCE.items():
        assert {s: enc[band][s] for s in expected if s != "SKW"} == {
            s: v for s, v in expected.items() if s != "SKW"
        }
    enc, _ = series(CSO_B_DATES, [True] * 4, 2020, 2020, 6, scheme="seed")
    assert enc["20200101"]["SKW"] == 5176  # raw 0.51764 × 10000
    assert enc["20200101"]["KRT"] == -1342


def test_leap_day_and_first_of_march_are_one_day():
    # 29 Feb and 1 Mar share ce 60: both count in NUM, only one dt; quantiles over the distinct days.
    enc, raw = series(["2020-02-29", "2020-03-01"], [True, True], 2020, 2020, 6, scheme="seed")
    b = enc["20200101"]
    # dts: 59 (1 Jan -> 29 Feb), closing 181 − 59 = 122; mean 90.5; M2 = 2·31.5² -> STD √1984.5 = 44.5
    assert b == row(2, 59, 122, 63, 90, 44, 0, -2000, 59, 59, 59, 0)
    assert raw["20200101"]["KRT"] == pytest.approx(-2.0)


def test_same_day_duplicates_are_deduplicated_for_quantiles():
    # two packages of 10 Jan (two sensors) and one of 11 Feb in the 90-day bin Jan–Mar 2018
    enc, raw = series(["2018-01-10", "2018-01-10", "2018-02-11"], [True] * 3, 2018, 2018, 3, scheme="seed")
    b = enc["20180101"]
    # dts 9, 32, 49; NUM 3 (both duplicates count); quantiles over the 2 distinct days' dts [9, 32]
    assert b["NUM"] == 3
    assert (b["MIN"], b["MAX"], b["RNG"], b["AVG"]) == (9, 49, 40, 30)
    assert b["STD"] == math.trunc(math.sqrt(806 / 2)) == 20  # M2 = 21² + 2² + 19², NUM − 1 = 2
    assert (raw["20180101"]["Q25"], raw["20180101"]["Q50"], raw["20180101"]["Q75"]) == (14.75, 20.5, 26.25)
    assert (b["Q25"], b["Q50"], b["Q75"], b["IQR"]) == (14, 20, 26, 12)
    skw, krt = two_pass([9, 32, 49], 3)
    assert b["SKW"] == math.trunc(10000 * skw) == -1812
    assert krt == pytest.approx(-1.5)  # M4·n / M2² = 974454 / 649636 = 1.5 exactly
    assert b["KRT"] == -1500
    # a cloudy duplicate changes nothing
    enc2, _ = series(["2018-01-10", "2018-01-10", "2018-02-11"], [True, False, True], 2018, 2018, 3, "seed")
    assert enc2["20180101"]["NUM"] == 2 and enc2["20180101"]["Q50"] == 20


def test_always_cloudy_and_never_observed_pixels():
    days = [date(2018, 1, 10), date(2018, 2, 11), date(2018, 5, 5)]
    # pixel 0: observed, always cloudy; pixel 1: never observed (outside every footprint); pixel 2: clear
    codes = np.array([[1, 255, 0], [1, 255, 0], [1, 255, 1]], np.uint8)
    bins = cso.make_bins(2018, 2018, 6)  # 181 + 184 days
    res = cso.compute_series(days, lambda i: codes[i], 3, bins, STATS, "seed")
    cloudy = {s: res.encoded[s][:, 0].tolist() for s in STATS}
    assert cloudy["NUM"] == [0, 0]  # legitimately 0 — and reads as nodata in the NUM file (seed nodata 0)
    assert cloudy["MIN"] == cloudy["MAX"] == cloudy["AVG"] == [181, 184]
    for s in ("STD", "SKW", "KRT", "RNG", "Q25", "Q50", "Q75", "IQR"):
        assert cloudy[s] == [0, 0], s
    assert all(res.encoded[s][:, 1].tolist() == [0, 0] for s in STATS)  # never observed: nodata 0
    assert res.encoded["NUM"][:, 2].tolist() == [2, 0]
    assert res.observed.tolist() == [True, False, True]
    force = cso.compute_series(days, lambda i: codes[i], 3, bins, STATS, "force")
    assert all(force.encoded[s][:, 1].tolist() == [-32768, -32768] for s in STATS)
    assert force.encoded["NUM"][:, 0].tolist() == [0, 0]


def test_bin_with_one_observation():
    # on the bin start: no dt for it, dts = [91], all of them in the quantiles (m = k = 1)
    enc, raw = series(["2018-04-01"], [True], 2018, 2018, 3, scheme="seed")
    assert enc["20180401"] == row(1, 91, 91, 0, 91, 0, 0, 0, 91, 91, 91, 0)
    assert math.isnan(raw["20180401"]["STD"])  # √(M2 / 0): undefined, written 0 as FORCE does
    # inside the bin (CSO-A's third quarter): dts 10, 82; quantiles of [10]; KRT = 2·36⁴/36⁴·... − 3 = −2.5
    enc, _ = series(["2018-07-11"], [True], 2018, 2018, 3, scheme="seed")
    assert enc["20180701"] == row(1, 10, 82, 72, 46, 0, 0, -2500, 10, 10, 10, 0)
    # the other bins have no observation at all: same as all cloudy
    assert enc["20180101"] == row(0, 90, 90, 0, 90, 0, 0, 0, 0, 0, 0, 0)


def test_moments_are_clipped_like_force():
    raw = {"SKW": np.array([3.2, -5.0, np.inf, np.nan]), "KRT": np.array([40.0, -2.0, 0.5, np.nan])}
    assert cso.encode("SKW", raw, "seed").tolist() == [30000, -30000, 30000, 0]
    assert cso.encode("SKW", raw, "force").tolist() == [3200, -5000, 30000, 0]
    assert cso.encode("KRT", raw, "seed").tolist() == [30000, -2000, 500, 0]


def reference_pixel(days, clear, b: cso.Bin):
    """Scalar transcription of algorithms.md §4.4 (with distinct days for the quantiles)."""
    left, dts, n, distinct = b.left, [], 0, 0
    for d, c in sorted(zip(days, clear), key=lambda t: cso.ce(t[0])):
        if not c or not b.contains(d):
            continue
        x = cso.ce(d)
        if n == 0 or x > left:
            distinct += 1
        if x > left:
            dts.append(x - left)
            left = x
        n += 1
    dts.append(b.right - left)
    mean = m2 = m3 = m4 = 0.0
    for k, x in enumerate(dts, start=1):  # FORCE's kurt_recurrence (Pébay 2008), scalar
        delta = x - mean
        dn = delta / k
        dn2 = dn * dn
        tmp = delta * dn * (k - 1)
        mean = mean + dn
        m4 = m4 + tmp * dn2 * (k * k - 3 * k + 3) + 6 * dn2 * m2 - 4 * dn * m3
        m3 = m3 + tmp * dn * (k - 2) - 3 * dn * m2
        m2 = m2 + tmp
    out = {"NUM": n, "MIN": min(dts), "MAX": max(dts), "RNG": max(dts) - min(dts), "AVG": math.trunc(mean)}
    out["STD"] = 0 if n <= 1 else math.trunc(math.sqrt(m2 / (n - 1)))
    if n == 0 or m2 == 0:
        out["SKW"] = out["KRT"] = 0
    else:
        var = m2 / n
        out["SKW"] = math.trunc(max(-30000, min(30000, m3 / (n * math.sqrt(var) ** 3) * 1000)))
        out["KRT"] = math.trunc(max(-30000, min(30000, (m4 / (n * var * var) - 3) * 1000)))
    first = sorted(dts[:distinct])

    def q(p):
        if not first:
            return 0.0
        pos = p * (len(first) - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, len(first) - 1)
        return first[lo] + (pos - lo) * (first[hi] - first[lo])

    out["Q25"], out["Q50"], out["Q75"] = (math.trunc(q(p)) for p in (0.25, 0.5, 0.75))
    out["IQR"] = out["Q75"] - out["Q25"]
    return out


def test_vectorised_streaming_matches_the_scalar_definition():
    rng = random.Random(7)
    start = date(2019, 1, 1)
    days = sorted(start + timedelta(days=rng.randrange(0, 730)) for _ in range(40))
    days += days[:5]  # same-day duplicates from a second sensor
    pixels = 300
    clear = np.array([[rng.random() < 0.4 for _ in range(pixels)] for _ in days])
    codes = np.where(clear, cso.CLEAR, cso.NOT_CLEAR).astype(np.uint8)
    bins = cso.make_bins(2019, 2020, 4)
    stats = STATS
    res = cso.compute_series(days, lambda i: codes[i], pixels, bins, stats, "force")
    for j, b in enumerate(bins):
        for p in range(pixels):
            expected = reference_pixel(days, clear[:, p], b)
            got = {s: int(res.encoded[s][j, p]) for s in stats}
            assert got == expected, (b.name, p)
