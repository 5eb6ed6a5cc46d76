"""CSO over package folders: NUM per pixel, alignment, QA screening, GeoTIFF/ENVI files, streaming, errors.

``write_package`` builds delivery-package-like folders (``{stem}_CLOUD_MASK.tif`` and/or ``{stem}_QA.tif``,
``{stem}_METADATA.json``) with masks we choose, so the expected statistics are known per pixel.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine

from lst_studio.plugin.core import cso, cso_io
from lst_studio.plugin.core.errors import LstError, ProcessingCancelled, ProductError
from lst_studio.plugin.core.progress import Progress
from lst_studio.plugin.core.quality import QA_BIT

CRS = "EPSG:32633"
TRANSFORM = Affine(30, 0, 500000, 0, -30, 4000000)


def write_package(
    root: Path,
    when: datetime,
    cloud_mask: np.ndarray | None = None,
    qa: np.ndarray | None = None,
    transform: Affine = TRANSFORM,
    crs: str = CRS,
    metadata: bool = True,
    geohash: str = "U4PRUYDQ",
) -> Path:
    """A package-like folder ``LST_LANDSAT9_{geohash}_{time}/`` with the given layers."""
    stem = f"LST_LANDSAT9_{geohash}_{when:%Y%m%dT%H%M%SZ}"
    folder = root / stem
    folder.mkdir(parents=True)
    for name, data, dtype, nodata in (("CLOUD_MASK", cloud_mask, "uint8", 255), ("QA", qa, "uint16", None)):
        if data is None:
            continue
        with rasterio.open(
            folder / f"{stem}_{name}.tif",
            "w",
            driver="GTiff",
            width=data.shape[1],
            height=data.shape[0],
            count=1,
            dtype=dtype,
            crs=crs,
            transform=transform,
            nodata=nodata,
        ) as ds:
            ds.write(data.astype(dtype), 1)
    if metadata:
        item = {
            "type": "Feature",
            "stac_version": "1.1.0",
            "id": stem,
            "properties": {"datetime": when.isoformat()},
        }
        (folder / f"{stem}_METADATA.json").write_text(json.dumps(item), encoding="utf-8")
    return folder


def read_all(path: Path) -> np.ndarray:
    with rasterio.open(path) as ds:
        return ds.read()


def expected_num(days: list[date], masks: list[np.ndarray], bins: list[cso.Bin]) -> np.ndarray:
    """Per bin: count of clear (0) mask values; 0 where the pixel is never valid in any observation."""
    out = np.zeros((len(bins), *masks[0].shape), np.int16)
    for j, b in enumerate(bins):
        for d, m in zip(days, masks):
            if b.contains(d):
                out[j] += m == 0
    observed = np.zeros(masks[0].shape, bool)
    for d, m in zip(days, masks):
        if any(b.contains(d) for b in bins):
            observed |= m != 255
    out[:, ~observed] = 0
    return out


@pytest.fixture
def series(tmp_path):
    """Seven packages over 2018 (two on one day), random clouds, a stripe never observed."""
    rng = np.random.default_rng(3)
    times = [
        datetime(2018, 1, 10, 10, 0, tzinfo=UTC),
        datetime(2018, 2, 11, 10, 0, tzinfo=UTC),
        datetime(2018, 2, 11, 10, 5, tzinfo=UTC),  # a second sensor the same day
        datetime(2018, 5, 5, 10, 0, tzinfo=UTC),
        datetime(2018, 8, 20, 10, 0, tzinfo=UTC),
        datetime(2018, 11, 2, 10, 0, tzinfo=UTC),
        datetime(2019, 1, 5, 10, 0, tzinfo=UTC),  # outside the year range: ignored
    ]
    masks = []
    for i, t in enumerate(times):
        m = (rng.random((48, 64)) < 0.35).astype(np.uint8)
        m[:, :4] = 255  # never observed
        m[40:, 10 + i : 20] = 255  # partial footprints
        masks.append(m)
        write_package(tmp_path / "packages", t, cloud_mask=m)
    return tmp_path / "packages", [t.date() for t in times], masks


def test_num_per_pixel_and_other_statistics(series, tmp_path):
    folder, days, masks = series
    opts = cso.CsoOptions(2018, 2018, 3, "LNDLG", cso.STATISTICS, "GTiff")
    files = cso_io.run_cso([folder], tmp_path / "out", opts)
    assert [f.name for f in files] == [f"2018-2018_03M_CSO-STATS_LNDLG_{s}.tif" for s in cso.STATISTICS]
    bins = cso.make_bins(2018, 2018, 3)
    num = read_all(files[0])
    np.testing.assert_array_equal(num, expected_num(days, masks, bins))
    assert (num[:, :, :4] == 0).all()
    # one pixel by hand: the same statistics as the one-pixel engine on its clear flags
    y, x = 5, 30
    flags = [m[y, x] for m in masks]
    one = cso.compute_series(
        days, lambda i: np.array([flags[i] if flags[i] != 255 else 255], np.uint8), 1, bins, cso.STATISTICS
    )
    for s, f in zip(cso.STATISTICS, files):
        assert read_all(f)[:, y, x].tolist() == one.encoded[s][:, 0].tolist(), s
    # never-observed pixels are nodata 0 in every file; an observed all-cloudy bin has AVG = bin length
    avg = read_all(files[cso.STATISTICS.index("AVG")])
    assert (avg[:, :, :4] == 0).all()
    assert avg[:, 10, 10].min() > 0
    assert not list((tmp_path / "out").glob(".cso-*"))  # no temporary folder left


def test_geotiff_encoding_and_hdr_sidecar(series, tmp_path):
    from osgeo import gdal

    folder, _, _ = series
    opts = cso.CsoOptions(2018, 2018, 6, "SEN2H", ("NUM", "SKW"), "GTiff")
    num, skw = cso_io.run_cso([folder], tmp_path / "out", opts)
    with rasterio.open(num) as ds:
        assert ds.driver == "GTiff"
        assert ds.count == 2 and ds.dtypes == ("int16", "int16") and ds.nodata == 0
        assert ds.descriptions == ("20180101", "20180701")
        assert ds.profile["tiled"] and ds.profile["interleave"] == "band"
        assert ds.profile["compress"] in ("zstd", "deflate")
        assert ds.tags(2)["Date"] == "2018-07-01"
    with rasterio.open(skw) as ds:
        assert ds.tags()["CSO_SCALE"] == "10000" and ds.tags()["CSO_PRODUCT"] == "SKW"
    info = gdal.Info(str(num), format="json")
    assert info["metadata"]["IMAGE_STRUCTURE"]["PREDICTOR"] == "2"
    assert info["metadata"]["IMAGE_STRUCTURE"]["INTERLEAVE"] == "BAND"
    hdr = num.with_suffix(".hdr").read_text()
    assert num.with_suffix(".hdr").name == "2018-2018_06M_CSO-STATS_SEN2H_NUM.hdr"
    for expected in ("samples = 64", "lines   = 48", "bands   = 2", "data type = 2", "interleave = bsq"):
        assert expected in hdr
    assert "file type = TIFF" in hdr and "description = {2018-2018_06M_CSO-STATS_SEN2H_NUM.tif}" in hdr
    assert "map info = {UTM, 1, 1, 500000, 4000000, 30, 30, 33, North" in hdr
    assert "coordinate system string = {PROJCS[" in hdr
    assert re.search(r"band names = \{\s*20180101,\s*20180701\}", hdr)


def test_envi_output_opens_in_gdal_with_band_names(series, tmp_path):
    from osgeo import gdal

    folder, days, masks = series
    opts = cso.CsoOptions(2018, 2018, 3, "LNDLG", ("NUM", "AVG"), "ENVI")
    num, avg = cso_io.run_cso([folder], tmp_path / "out", opts)
    assert num.name == "2018-2018_03M_CSO-STATS_LNDLG_NUM.dat"
    hdr = num.with_suffix(".hdr").read_text()
    for expected in (
        "data type = 2",
        "interleave = bsq",
        "map info = {UTM",
        "coordinate system string = {PROJCS[",
        "data ignore value = 0",
        "description = {2018-2018_03M_CSO-STATS_LNDLG_NUM.dat}",
    ):
        assert expected in hdr
    assert re.search(r"band names = \{\s*20180101,\s*20180401,\s*20180701,\s*20181001\}", hdr)
    ds = gdal.Open(str(num))
    assert ds.GetDriver().ShortName == "ENVI"
    assert [ds.GetRasterBand(i).GetDescription() for i in range(1, 5)] == [
        "20180101",
        "20180401",
        "20180701",
        "20181001",
    ]
    assert ds.GetRasterBand(1).DataType == gdal.GDT_Int16
    assert ds.GetRasterBand(1).GetNoDataValue() == 0
    np.testing.assert_array_equal(ds.ReadAsArray(), expected_num(days, masks, cso.make_bins(2018, 2018, 3)))
    ds = None


def test_packages_on_other_grids_are_aligned(tmp_path):
    clear = np.zeros((20, 20), np.uint8)
    write_package(tmp_path / "p", datetime(2018, 1, 10, tzinfo=UTC), cloud_mask=clear)  # the target grid
    # shifted by 5 pixels east: covers target columns 5..19 (+ beyond)
    shifted = Affine(30, 0, 500000 + 150, 0, -30, 4000000)
    write_package(tmp_path / "p", datetime(2018, 2, 10, tzinfo=UTC), cloud_mask=clear, transform=shifted)
    # 60 m pixels, cloudy in its top-left 60 m pixel only -> target pixels (0..1, 0..1) not clear
    coarse = np.zeros((10, 10), np.uint8)
    coarse[0, 0] = 1
    write_package(
        tmp_path / "p",
        datetime(2018, 3, 10, tzinfo=UTC),
        cloud_mask=coarse,
        transform=Affine(60, 0, 500000, 0, -60, 4000000),
    )
    (num,) = cso_io.run_cso(
        [tmp_path / "p"], tmp_path / "out", cso.CsoOptions(2018, 2018, 3, statistics=("NUM",))
    )
    q1 = read_all(num)[0]
    expected = np.full((20, 20), 3, np.int16)
    expected[:, :5] -= 1  # the shifted package does not cover them
    expected[:2, :2] -= 1  # cloudy in the coarse package
    np.testing.assert_array_equal(q1, expected)


def test_a_user_chosen_target_grid(tmp_path):
    from lst_studio.plugin.core.products.scene import Grid

    write_package(tmp_path / "p", datetime(2018, 1, 10, tzinfo=UTC), cloud_mask=np.zeros((20, 20), np.uint8))
    grid = Grid(CRS, Affine(60, 0, 500000 - 120, 0, -60, 4000000), 12, 8)  # coarser, overhanging west
    (num,) = cso_io.run_cso(
        [tmp_path / "p"],
        tmp_path / "out",
        cso.CsoOptions(2018, 2018, 12, statistics=("NUM",)),
        target_grid=grid,
    )
    with rasterio.open(num) as ds:
        assert (ds.width, ds.height) == (12, 8) and ds.transform == grid.transform
        a = ds.read(1)
    assert (a[:, :2] == 0).all() and (a[:, 2:12] == 1).all()  # 10 coarse pixels cover the 20 fine ones


def test_clear_sky_flag_from_qa_bits(tmp_path):
    qa = np.zeros((1, 8), np.uint16)
    for col, name in enumerate(
        ("nodata", "cloud", "cloud_shadow", "adjacent", "snow_ice", "saturated_lwir11")
    ):
        qa[0, col + 1] = 1 << QA_BIT[name]
    qa[0, 7] = (1 << QA_BIT["water"]) | (1 << QA_BIT["tests_incomplete"])  # clear water at night
    cloud_mask = np.zeros_like(qa, np.uint8)  # ignored when QA is present
    write_package(tmp_path / "p", datetime(2018, 1, 10, tzinfo=UTC), cloud_mask=cloud_mask, qa=qa)
    (num,) = cso_io.run_cso(
        [tmp_path / "p"], tmp_path / "out", cso.CsoOptions(2018, 2018, 12, statistics=("NUM",))
    )
    assert read_all(num)[0, 0].tolist() == [1, 0, 0, 0, 0, 0, 0, 1]
    (avg,) = cso_io.run_cso(
        [tmp_path / "p"], tmp_path / "o2", cso.CsoOptions(2018, 2018, 12, statistics=("AVG",))
    )
    # nodata pixel: never observed -> 0; cloudy pixels: observed, one gap of 365 days
    assert read_all(avg)[0, 0].tolist() == [182, 0, 365, 365, 365, 365, 365, 182]  # (9 + 356) / 2


def test_acquisition_time_from_metadata_or_folder_name(tmp_path):
    when = datetime(2018, 3, 1, 23, 30, tzinfo=UTC)
    a = write_package(tmp_path, when, cloud_mask=np.zeros((2, 2), np.uint8), metadata=False)
    assert cso_io.package_observation(a).acquired == when
    # METADATA.json wins over the name (its time is the authoritative one)
    b = write_package(tmp_path, when, cloud_mask=np.zeros((2, 2), np.uint8), geohash="U4PRUYDR")
    item = json.loads(next(b.glob("*_METADATA.json")).read_text())
    item["properties"]["datetime"] = "2018-03-02T00:30:00Z"
    next(b.glob("*_METADATA.json")).write_text(json.dumps(item))
    assert cso_io.package_observation(b).day == date(2018, 3, 2)
    bad = tmp_path / "LST_LANDSAT9_U4PRUYDS_20180301T000000Z"
    bad.mkdir()
    (bad / f"{bad.name}_CLOUD_MASK.tif").write_bytes(b"II*\x00broken")
    with pytest.raises(ProductError, match="CLOUD_MASK.tif: not a readable GeoTIFF"):
        cso_io.find_observations([bad])
    # a Level-1C folder's <ID>_TIR_QA.tif is not a package QA
    l1c = tmp_path / "LC09_L1C_X"
    l1c.mkdir()
    (l1c / "LC09_L1C_X_TIR_QA.tif").write_bytes(b"")
    assert cso_io.open_dated_package(l1c) is None


def test_row_blocks_give_the_same_result_as_one_block(series, tmp_path):
    folder, _, _ = series
    whole = cso_io.run_cso([folder], tmp_path / "a", cso.CsoOptions(2018, 2018, 3))
    small = cso.CsoOptions(2018, 2018, 3, memory_budget_mb=0.2)
    assert (
        cso_io.block_rows(
            64,
            48,
            cso_io.bytes_per_pixel([date(2018, 1, 1)] * 6, cso.make_bins(2018, 2018, 3), cso.STATISTICS),
            0.2,
        )
        < 48
    )
    blocks = cso_io.run_cso([folder], tmp_path / "b", small)
    for a, b in zip(whole, blocks):
        np.testing.assert_array_equal(read_all(a), read_all(b))


def test_memory_model_keeps_200_observations_of_2000_pixels_in_budget():
    days = [date(2020, 1, 1) + (date(2020, 1, 2) - date(2020, 1, 1)) * i for i in range(200)]
    bins = cso.make_bins(2020, 2020, 12)  # the worst case: all 200 in one bin
    per_pixel = cso_io.bytes_per_pixel(days, bins, cso.STATISTICS)
    rows = cso_io.block_rows(2000, 2000, per_pixel, 1024)
    assert rows * 2000 * per_pixel <= 1024 * 1024 * 1024
    assert rows >= 256


def test_errors_leave_nothing_behind(series, tmp_path):
    folder, _, _ = series
    with pytest.raises(LstError, match="no observation in 2010-2011"):
        cso_io.run_cso([folder], tmp_path / "out", cso.CsoOptions(2010, 2011, 3))
    with pytest.raises(ProductError, match="does not exist"):
        cso_io.run_cso([tmp_path / "missing"], tmp_path / "out", cso.CsoOptions(2018, 2018, 3))
    with pytest.raises(LstError, match="statistics"):
        cso_io.run_cso([folder], tmp_path / "out", cso.CsoOptions(2018, 2018, 3, statistics=("Q99",)))
    calls = []
    cancel = Progress(calls.append, lambda: len(calls) > 3)
    with pytest.raises(ProcessingCancelled):
        cso_io.run_cso([folder], tmp_path / "out", cso.CsoOptions(2018, 2018, 3), progress=cancel)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_existing_files_are_kept_unless_overwriting(series, tmp_path):
    folder, _, _ = series
    (first,) = cso_io.run_cso([folder], tmp_path / "out", cso.CsoOptions(2018, 2018, 3, statistics=("NUM",)))
    before = first.stat().st_mtime_ns
    with pytest.raises(LstError, match="exists"):
        cso_io.run_cso(
            [folder], tmp_path / "out", cso.CsoOptions(2018, 2018, 3, statistics=("NUM",), overwrite=False)
        )
    assert first.stat().st_mtime_ns == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [first.name, first.with_suffix(".hdr").name]
    )


def test_zipped_packages_count_once(series, tmp_path):
    import shutil
    import zipfile

    folder, days, masks = series
    (plain,) = cso_io.run_cso(
        [folder], tmp_path / "a", cso.CsoOptions(2018, 2018, 3, statistics=("NUM", "AVG"))
    )[:1]
    # zip every package as delivery does ({stem}.zip with the folder inside); keep half of the folders too
    zipped = tmp_path / "zipped"
    shutil.copytree(folder, zipped)
    for i, pkg in enumerate(sorted(p for p in zipped.iterdir() if p.is_dir())):
        with zipfile.ZipFile(zipped / f"{pkg.name}.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            for f in pkg.iterdir():
                zf.write(f, f"{pkg.name}/{f.name}")
        if i % 2:
            shutil.rmtree(pkg)
    observations = cso_io.find_observations([zipped])
    assert len(observations) == len(days)
    assert sum(str(o.raster).startswith("/vsizip/") for o in observations) == len(days) // 2
    (num,) = cso_io.run_cso([zipped], tmp_path / "b", cso.CsoOptions(2018, 2018, 3, statistics=("NUM",)))
    np.testing.assert_array_equal(read_all(num), read_all(plain))
    one_zip = next(zipped.glob("*.zip"))
    assert cso_io.find_observations([one_zip])[0].acquired.date() in days


def test_each_package_metadata_is_read_once(tmp_path, monkeypatch):
    """A package's METADATA.json is parsed once per input, whether given directly, in a folder of packages
    or through one of its files (it was read up to four times); its time is the item's, not the name's."""
    when = datetime(2018, 3, 1, 10, 0, tzinfo=UTC)
    folder = tmp_path / "packages"
    a = write_package(folder, when, cloud_mask=np.zeros((2, 2), np.uint8))
    b = write_package(folder, when, cloud_mask=np.zeros((2, 2), np.uint8), geohash="U4PRUYDR")
    item = json.loads(next(b.glob("*_METADATA.json")).read_text())
    item["properties"]["datetime"] = "2018-03-02T00:30:00+01:00"  # 2018-03-01T23:30Z
    next(b.glob("*_METADATA.json")).write_text(json.dumps(item))
    reads: list[str] = []
    real = Path.read_text

    def read_text(self, *args, **kwargs):
        if self.name.endswith("_METADATA.json"):
            reads.append(self.parent.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    for given in ([a], [folder], [next(a.glob("*_CLOUD_MASK.tif"))]):
        reads.clear()
        observations = cso_io.find_observations(given)
        assert sorted(reads) == sorted(o.source.name for o in observations), given
    assert [o.acquired for o in cso_io.find_observations([folder])] == [
        when,
        datetime(2018, 3, 1, 23, 30, tzinfo=UTC),
    ]


def test_unreadable_package_metadata_names_file_and_field(tmp_path):
    a = write_package(tmp_path, datetime(2018, 3, 1, tzinfo=UTC), cloud_mask=np.zeros((2, 2), np.uint8))
    meta = next(a.glob("*_METADATA.json"))
    meta.write_text('{"properties": {"datetime": "yesterday"}}')
    with pytest.raises(ProductError, match=r"_METADATA\.json: field 'properties\.datetime': expected a STAC"):
        cso_io.find_observations([a])
    meta.write_text("{broken")
    with pytest.raises(ProductError, match=r"_METADATA\.json: field 'properties\.datetime'.*Expecting"):
        cso_io.find_observations([a])
    meta.unlink()  # no item: the time in the folder name
    assert cso_io.find_observations([a])[0].acquired == datetime(2018, 3, 1, tzinfo=UTC)
