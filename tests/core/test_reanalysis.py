"""ERA5 reader: the CDS layouts, time-linear and bilinear interpolation, and one error per bad file."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import netCDF4
import numpy as np
import pytest

from lst_studio.plugin.core import reanalysis as rean
from lst_studio.plugin.core.errors import LstError

T0 = datetime(2022, 4, 12, 8, 0, tzinfo=timezone.utc)
LATS = np.array([38.5, 38.25, 38.0, 37.75])  # ERA5 order: north to south
LONS = np.array([26.5, 26.75, 27.0, 27.25])


def plane(t_index: int, lat, lon):
    """A field linear in lat, lon and time (kg m-2): bilinear and time-linear interpolation are exact."""
    return 20.0 + 4.0 * (lat - 38.0) - 2.0 * (lon - 27.0) + 3.0 * t_index


def write_current(path, tcwv_units="kg m**-2", lats=LATS, lons=LONS, times=(T0, T0 + timedelta(hours=1))):
    with netCDF4.Dataset(path, "w") as ds:
        ds.createDimension("valid_time", len(times))
        ds.createDimension("latitude", lats.size)
        ds.createDimension("longitude", lons.size)
        t = ds.createVariable("valid_time", "i8", ("valid_time",))
        t.units, t.calendar = "seconds since 1970-01-01", "proleptic_gregorian"
        t[:] = [int(x.timestamp()) for x in times]
        ds.createVariable("latitude", "f8", ("latitude",))[:] = lats
        ds.createVariable("longitude", "f8", ("longitude",))[:] = lons
        yy, xx = np.meshgrid(lats, lons, indexing="ij")
        v = ds.createVariable("tcwv", "f4", ("valid_time", "latitude", "longitude"))
        v.units = tcwv_units
        if times:
            v[:] = np.stack([plane(i, yy, xx) for i in range(len(times))])
        t2 = ds.createVariable("t2m", "f4", ("valid_time", "latitude", "longitude"))
        t2.units = "K"
        if times:
            t2[:] = np.full((len(times), lats.size, lons.size), 290.0)
    return path


def write_legacy(path):
    """Legacy CDS layout: ``time`` in hours since 1900, int16 packed, an ``expver`` dimension (ERA5/ERA5T)."""
    with netCDF4.Dataset(path, "w", format="NETCDF3_64BIT_OFFSET") as ds:
        ds.createDimension("longitude", LONS.size)
        ds.createDimension("latitude", LATS.size)
        ds.createDimension("expver", 2)
        ds.createDimension("time", 2)
        ds.createVariable("longitude", "f4", ("longitude",))[:] = LONS
        ds.createVariable("latitude", "f4", ("latitude",))[:] = LATS
        t = ds.createVariable("time", "i4", ("time",))
        t.units, t.calendar = "hours since 1900-01-01 00:00:00.0", "gregorian"
        base = datetime(1900, 1, 1, tzinfo=timezone.utc)
        t[:] = [int((T0 - base).total_seconds() // 3600) + i for i in range(2)]
        v = ds.createVariable(
            "tcwv", "i2", ("time", "expver", "latitude", "longitude"), fill_value=np.int16(-32767)
        )
        v.scale_factor, v.add_offset, v.units = 0.001, 25.0, "kg m**-2"
        v.missing_value = np.int16(-32767)
        yy, xx = np.meshgrid(LATS, LONS, indexing="ij")
        data = np.ma.masked_all((2, 2, LATS.size, LONS.size))
        data[0, 0] = plane(0, yy, xx)  # ERA5 final in expver 1 for the first hour ...
        data[1, 1] = plane(1, yy, xx)  # ... ERA5T in expver 5 for the second
        v[:] = data
    return path


def test_current_layout_is_exact_for_a_plane_in_space_and_time(tmp_path):
    r = rean.read_era5(write_current(tmp_path / "era5.nc"))
    assert r.layout.startswith("CDS NetCDF") and list(r.lat) == sorted(LATS)
    when = T0 + timedelta(minutes=15)
    lon, lat = np.array([26.6, 27.1]), np.array([37.9, 38.3])
    w, spread = r.sample(when, lon, lat)
    expected = plane(0.25, lat, lon) / 10.0  # kg m-2 -> g cm-2
    np.testing.assert_allclose(w, expected, atol=1e-5)
    assert np.all(spread > 0)
    meta = r.describe(when)
    assert meta["file"].endswith("era5.nc") and meta["times_used"] == [
        T0.isoformat(),
        (T0 + timedelta(hours=1)).isoformat(),
    ]
    assert meta["time_weight_of_later_field"] == 0.25 and "bilinear" in meta["method"]
    assert meta["variables"]["tcwv"] == "kg m**-2"
    t2m, _ = r.sample(when, lon, lat, "t2m")
    np.testing.assert_allclose(t2m, 290.0)


def test_legacy_packed_layout_with_expver(tmp_path):
    r = rean.read_era5(write_legacy(tmp_path / "legacy.nc"))
    assert r.layout.startswith("legacy")
    w, _ = r.sample(T0 + timedelta(minutes=30), np.array([26.8]), np.array([38.1]))
    np.testing.assert_allclose(w, plane(0.5, 38.1, 26.8) / 10.0, atol=2e-4)  # int16 packing: 0.001 kg m-2


def test_grib_through_gdal(tmp_path):
    gdal = pytest.importorskip("osgeo.gdal")
    yy, xx = np.meshgrid(LATS, LONS, indexing="ij")
    src = gdal.GetDriverByName("MEM").Create("", LONS.size, LATS.size, 1, gdal.GDT_Float32)
    src.SetGeoTransform((LONS[0] - 0.125, 0.25, 0, LATS[0] + 0.125, 0, -0.25))
    src.SetProjection(
        'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]'
    )
    src.GetRasterBand(1).WriteArray(plane(0, yy, xx).astype(np.float32))
    path = str(tmp_path / "era5.grib2")
    # GRIB2 product template 4.0: category 1 (moisture), number 64 = total column integrated water vapour
    opts = [
        "DISCIPLINE=0",
        f"IDS_REF_TIME={T0:%Y-%m-%dT%H:%M:%SZ}",
        "PDS_PDTN=0",
        "PDS_TEMPLATE_ASSEMBLED_VALUES=1 64 2 0 96 0 0 1 0 1 0 0 255 0 0",
    ]
    gdal.GetDriverByName("GRIB").CreateCopy(path, src, options=opts)
    r = rean.read_era5(path)
    assert r.layout.startswith("GRIB") and r.times == [T0]
    w, _ = r.sample(T0 + timedelta(minutes=10), np.array([26.8]), np.array([38.1]))
    np.testing.assert_allclose(w, plane(0, 38.1, 26.8) / 10.0, atol=1e-3)


def test_sample_generator_writes_a_current_layout_file(tmp_path):
    from lst_studio.plugin.core.sample import era5
    from lst_studio.plugin.core.sample.generate import write_sample

    s = write_sample(tmp_path, seed=3, size=60, land_cover=False, dem=False, water_vapour_gcm2=2.0)
    r = rean.read_era5(s.era5)
    assert r.layout.startswith("CDS NetCDF") and len(r.times) == 2
    # at the scene centre at acquisition time the file holds truth + the drawn reanalysis error
    with netCDF4.Dataset(s.era5) as ds:
        assert "seed 3" in ds.history
    assert abs(era5.reanalysis_error_kg_m2(3, 2.0)) < 5 * (era5.SIGMA_ABS_KG_M2 + 0.1 * 10 * 2.0)


# --- one error per bad file, each naming the file -------------------------------------------------


def _raises(path, match, when=T0 + timedelta(minutes=20), lon=(26.8,), lat=(38.1,)):
    with pytest.raises(LstError, match=match) as exc:
        rean.read_era5(path).sample(when, np.array(lon), np.array(lat))
    assert str(path) in str(exc.value)


def test_corrupt_file(tmp_path):
    good = write_current(tmp_path / "good.nc").read_bytes()
    bad = tmp_path / "corrupt.nc"
    bad.write_bytes(good[: len(good) // 3])
    _raises(bad, "corrupt|unreadable")


def test_garbage_file(tmp_path):
    bad = tmp_path / "garbage.nc"
    bad.write_bytes(b"<html>not a netcdf</html>")
    _raises(bad, "not a NetCDF or GRIB")


def test_empty_file(tmp_path):
    bad = tmp_path / "empty.nc"
    bad.write_bytes(b"")
    _raises(bad, "empty")


def test_file_without_fields(tmp_path):
    _raises(write_current(tmp_path / "nofield.nc", times=()), "empty|no field")


def test_wrong_area(tmp_path):
    _raises(write_current(tmp_path / "elsewhere.nc"), "not inside the file's area", lon=(10.0,), lat=(50.0,))


def test_wrong_time(tmp_path):
    _raises(
        write_current(tmp_path / "lastyear.nc"), "not covered by its times", when=T0 - timedelta(days=365)
    )


def test_unknown_units(tmp_path):
    _raises(write_current(tmp_path / "units.nc", tcwv_units="furlongs"), "units 'furlongs' unknown")


def test_implausible_values_for_the_units(tmp_path):
    # g cm-2 claimed, but the numbers are kg m-2: 20 g cm-2 is no Earth atmosphere
    _raises(write_current(tmp_path / "mislabelled.nc", tcwv_units="g cm-2"), "expected 0–10")
