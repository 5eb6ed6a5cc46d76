"""plugin/core/delivery/facts.py: the one time parser of the package writer and readers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from affine import Affine

from lst_studio.plugin.core.delivery.facts import Facts, parse_time
from lst_studio.plugin.core.errors import ExportError
from lst_studio.plugin.core.products.scene import Grid
from lst_studio.plugin.core.result import ProductResult

UTC_10_02 = datetime(2024, 6, 1, 10, 2, tzinfo=timezone.utc)


def test_parse_time_reads_stac_times_as_aware_utc():
    assert parse_time("2024-06-01T10:02:00Z") == UTC_10_02  # 'Z', which 3.9's fromisoformat refuses
    assert parse_time("2024-06-01T12:02:00+02:00") == UTC_10_02
    assert parse_time("2024-06-01T10:02:00").tzinfo == timezone.utc  # no zone: UTC
    local = datetime(2024, 6, 1, 5, 2, tzinfo=timezone(timedelta(hours=-5)))
    assert parse_time(local) == UTC_10_02 and parse_time(local).utcoffset() == timedelta(0)
    with pytest.raises(ValueError):
        parse_time("yesterday")


def test_a_bad_metadata_time_stops_the_export_naming_the_field(tmp_path):
    grid = Grid(crs="EPSG:32633", transform=Affine(30.0, 0.0, 0.0, 0.0, -30.0, 0.0), width=1, height=1)
    result = ProductResult(grid=grid, workdir=tmp_path, rasters={}, band_names={})
    result.metadata = {"scene": {"acquisition_datetime": "2024-06-01T10:02:00Z", "end_datetime": "noon"}}
    facts = Facts(result)
    assert facts.acquisition == UTC_10_02 and facts.start == UTC_10_02
    with pytest.raises(ExportError, match=r"scene\.end_datetime.*'noon'.*ISO 8601"):
        _ = facts.end
