"""CSO inputs and outputs: find the observations, align them to one grid, stream row blocks, write the files.

Inputs (``find_observations``):

- a delivery package folder ``{PRODUCT}_{PLATFORM}_{GEOHASH8}_{YYYYMMDDTHHMMSSZ}/`` (or a folder holding
  several): the clear-sky flag comes from ``{stem}_QA.tif`` when present (see ``CLEAR_SKY_SCREEN``), else
  from ``{stem}_CLOUD_MASK.tif`` (0 clear, 1 cloud/shadow, 255 nodata). The acquisition time is
  ``properties.datetime`` of ``{stem}_METADATA.json`` (STAC item), else the time in the folder name.
- a zipped package ``{stem}.zip`` (``{stem}/{stem}_{TYPE}`` inside, as delivery writes it), read through
  GDAL's ``/vsizip/``; a package given both as folder and as zip counts once.
- a batch's STAC Collection ``collection.json`` (``core.batch.collection``): the packages its items link.
- a Level-1C product (anything ``products.open_product`` opens): the masks are computed on the way
  (``masks.compute_masks`` over the whole scene grid) and the QA kept as a temporary GeoTIFF in ``workdir``.

Clear-sky flag from QA (algorithms.md §4.7, bits of ``core.quality``): a pixel is clear when none of the
``CLEAR_SKY_SCREEN`` bits is set — not no-data, not cloud, thin cloud, cloud shadow or their buffer
("adjacent"), not snow/ice, not saturated or under-saturated in a thermal band. A pixel with the ``nodata``
bit is not observed at all (it does not make the pixel "observed" for the nodata rule of ``core.cso``).

Alignment: every observation is read on the target grid (the first input's grid unless the caller gives
one): directly when the grids are identical, else warped with nearest neighbour (``rasterio.warp.reproject``)
window by window; target pixels outside an observation are no-data for it.

Streaming and memory: the target grid is processed in row blocks; in each block the observations are read
one at a time in time order and only one bin's running state lives at once (``core.cso.BinAccumulator``:
about 120 bytes per pixel, plus 5 bytes per pixel and distinct observation day of the bin for the dt buffer,
its "used" mask and its sorted copy), plus the block's encoded output (2 bytes per pixel, bin and statistic).
The block height (a multiple of the 256-row tile height when possible) keeps this model under
``CsoOptions.memory_budget_mb`` (1 GB by default). Worst case, 200 observations in one bin over 2000×2000
pixels: ≈ 1270 bytes per pixel, blocks of 256 rows; ``benchmarks/cso_memory.py`` measured a peak RSS of
739 MB for it (110 s on one core), within the 2 GB budget.

Outputs (``CsoWriter``): one file per statistic named by ``core.cso.file_name``; int16, one band per bin,
band description = bin start ``YYYYMMDD``, nodata 0, band sequential. GeoTIFF: tiled 256×256, ZSTD (DEFLATE
when GDAL lacks ZSTD), PREDICTOR 2, INTERLEAVE BAND, plus the seed's ENVI ``.hdr`` sidecar describing it
(``file type = TIFF``). ENVI: ``.dat`` + ``.hdr`` written by GDAL's ENVI driver (band names, map info,
coordinate system string, ``data type = 2``, ``interleave = bsq``, ``data ignore value = 0``). The scale of
SKW/KRT is stored as metadata (``CSO_SCALE`` and the band item ``Scale``), not as a GDAL scale, so QGIS shows
the stored values. Everything is written into a hidden temporary folder beside the outputs and moved into
place only when complete; a failure or cancel leaves nothing half-written.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
import rasterio.errors
from affine import Affine
from rasterio.crs import CRS
from rasterio.enums import Resampling
from rasterio.warp import reproject
from rasterio.windows import Window

from . import cso
from .batch.collection import collection_packages, is_collection
from .cso_dask import cso_tile
from .delivery import layout
from .delivery.facts import parse_time
from .errors import LstError, ProductError, field_message
from .messages import msg
from .products.scene import Grid
from .progress import Progress, ensure
from .quality import QA_BIT

log = logging.getLogger(__name__)

CLEAR_SKY_SCREEN = (
    "nodata",
    "cloud",
    "thin_cloud",
    "cloud_shadow",
    "adjacent",
    "snow_ice",
    "saturated_lwir11",
    "saturated_lwir12",
    "undersaturated",
)
SCREEN_MASK = sum(1 << QA_BIT[name] for name in CLEAR_SKY_SCREEN)
NODATA_BIT = 1 << QA_BIT["nodata"]

TILE = 256
SOFTWARE = "LST Studio CSO (FORCE CSO semantics, Frantz 2019, doi:10.3390/rs11091124)"


@dataclass
class Observation:
    """One acquisition, ready to be read on any grid."""

    source: Path  # what the user gave (package folder or L1C product)
    acquired: datetime  # UTC
    raster: Path | str  # the single-band file holding the flag (a /vsizip/ path inside a zipped package)
    layer: str  # "QA" (bits of core.quality) or "CLOUD_MASK" (0/1/255)
    grid: Grid

    @property
    def day(self):
        return self.acquired.astimezone(timezone.utc).date()


# ---------------------------------------------------------------------------------------------- inputs


def grid_of(path: Path | str) -> Grid:
    try:
        with rasterio.open(path) as ds:
            if ds.crs is None:
                raise ProductError(path, "crs", msg("expected a georeferenced raster"))
            return Grid(ds.crs.to_string(), ds.transform, ds.width, ds.height)
    except (rasterio.errors.RasterioError, rasterio.errors.RasterioIOError) as exc:
        raise ProductError(path, None, msg("not a readable GeoTIFF ({error})", error=exc)) from exc


def open_dated_package(folder: Path) -> layout.Package | None:
    """The package in ``folder`` (layout.open_package: its files and STAC item, read once) when its stem
    is a delivery stem (time-stamped) and it holds a QA or CLOUD_MASK; else None. A Level-1C folder's
    ``<ID>_TIR_QA.tif`` is not mistaken for a package QA."""
    if not folder.is_dir():
        return None
    package = layout.open_package(folder)
    if package is None or not package.dated:
        return None
    return package if package.path("QA") or package.path("CLOUD_MASK") else None


def package_time(source: Path, item: Any, metadata: Path | None, item_error: str | None = None) -> datetime:
    """Acquisition time: STAC ``properties.datetime`` (or ``start_datetime``) of the package's ``item``
    (parsed from ``metadata``; ``item_error`` says why it could not be), else the time in the name of the
    package folder or ``{stem}.zip`` ``source`` (layout.stem_time)."""
    if metadata is not None:
        try:
            if item_error:
                raise ValueError(item_error)
            props = item.get("properties", {})
            when = props.get("datetime") or props.get("start_datetime")
            if when:
                return parse_time(when)
        except (ValueError, AttributeError, TypeError) as exc:
            raise ProductError(
                metadata, "properties.datetime", msg("expected a STAC item with a time ({error})", error=exc)
            ) from exc
    when = layout.stem_time(source.stem if source.suffix.lower() == ".zip" else source.name)
    if when is None:
        raise ProductError(
            source,
            "properties.datetime",
            msg("no acquisition time: expected *_METADATA.json or a name ending _YYYYMMDDTHHMMSSZ"),
        )
    return when


def package_observation(folder: Path, package: layout.Package | None = None) -> Observation:
    """The observation of the package in ``folder`` (``package``: it, when already opened)."""
    package = package or open_dated_package(folder)
    if package is None:
        raise ProductError(
            folder, "CLOUD_MASK", msg("expected a delivery package with *_QA.tif or *_CLOUD_MASK.tif")
        )
    qa, mask = package.path("QA"), package.path("CLOUD_MASK")
    raster, layer = (qa, "QA") if qa is not None else (mask, "CLOUD_MASK")
    metadata = package.path("METADATA", "json")
    when = package_time(folder, package.item, metadata, package.item_error)
    return Observation(folder, when, raster, layer, grid_of(raster))


def zip_package_members(path: Path) -> tuple[str | None, str | None, str | None] | None:
    """(QA, CLOUD_MASK, METADATA) members of a zipped package ``{stem}.zip`` (``{stem}/{stem}_{TYPE}``), or None."""
    if path.suffix.lower() != ".zip" or layout.stem_time(path.stem) is None or not zipfile.is_zipfile(path):
        return None
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())

    def one(type_: str, ext: str) -> str | None:
        name = layout.file_name(path.stem, type_, ext)
        for inner in (f"{path.stem}/{name}", name):
            if inner in names:
                return inner
        return None

    qa, mask, metadata = one("QA", "tif"), one("CLOUD_MASK", "tif"), one("METADATA", "json")
    return (qa, mask, metadata) if qa or mask else None


def zip_package_observation(path: Path) -> Observation:
    members = zip_package_members(path)
    if members is None:
        raise ProductError(
            path, "CLOUD_MASK", msg("expected a zipped delivery package with *_QA.tif or *_CLOUD_MASK.tif")
        )
    qa, mask, metadata = members
    inner, layer = (qa, "QA") if qa else (mask, "CLOUD_MASK")
    raster = f"/vsizip/{path.resolve()}/{inner}"
    item, error = None, None
    if metadata:
        try:
            with zipfile.ZipFile(path) as zf:
                item = json.loads(zf.read(metadata).decode("utf-8"))
        except (OSError, ValueError, zipfile.BadZipFile) as exc:  # UnicodeDecodeError is a ValueError
            error = str(exc)
    when = package_time(path, item, Path(f"{path}!{metadata}") if metadata else None, error)
    return Observation(path, when, raster, layer, grid_of(raster))


def l1c_observation(path: Path, workdir: Path, progress: Progress | None = None) -> Observation:
    """Open a Level-1C product, compute its masks over the whole grid and keep the QA in ``workdir``."""
    from .masks import compute_masks
    from .options import MaskOptions
    from .products import open_product

    scene = open_product(path)
    try:
        grid = scene.grid
        window = Window(0, 0, grid.width, grid.height)
        result = compute_masks(scene, window, None, MaskOptions(), progress)
        acquired = scene.acquisition_datetime.astimezone(timezone.utc)
        out = workdir / f"{len(list(workdir.glob('*_QA.tif'))):04d}_{acquired:%Y%m%dT%H%M%SZ}_QA.tif"
        with rasterio.open(
            out,
            "w",
            driver="GTiff",
            width=grid.width,
            height=grid.height,
            count=1,
            dtype="uint16",
            crs=CRS.from_user_input(grid.crs),
            transform=grid.transform,
            tiled=True,
            blockxsize=TILE,
            blockysize=TILE,
            compress="deflate",
        ) as ds:
            ds.write(np.asarray(result.qa, dtype=np.uint16), 1)
    finally:
        scene.close()
    return Observation(Path(path), acquired, out, "QA", grid)


def _expand(path: Path) -> list[tuple[Path, str, layout.Package | None]]:
    """(path, kind, opened package) of one input: a package folder ("package"; each opened once, its
    STAC item read once), a zipped package ("zip"), anything else a Level-1C product ("l1c"); a folder
    of packages or a batch's STAC Collection gives its packages."""
    if not path.exists():
        raise ProductError(
            path, None, msg("input does not exist; expected a delivery package or Level-1C product")
        )
    if is_collection(path):  # a batch's STAC Collection (core.batch.collection): its packages
        return [(p, "package", None) for p in collection_packages(path)]
    if path.is_file() and path.name.startswith(path.parent.name):
        parent = open_dated_package(path.parent)
        if parent is not None:  # a file of a package (its QA, CLOUD_MASK, METADATA ...) means the package
            return [(path.parent, "package", parent)]
    package = open_dated_package(path)
    if package is not None:
        return [(path, "package", package)]
    if path.is_dir():
        subs = [(p, open_dated_package(p)) for p in sorted(path.iterdir()) if p.is_dir()]
        found = [(p, "package", pkg) for p, pkg in subs if pkg is not None]
        zips = sorted(p for p in path.iterdir() if p.is_file() and zip_package_members(p) is not None)
        found += [(p, "zip", None) for p in zips]
        if found:
            return found
    if path.is_file() and zip_package_members(path) is not None:
        return [(path, "zip", None)]
    return [(path, "l1c", None)]


def find_observations(
    inputs: Sequence[str | Path], workdir: Path | None = None, progress: Progress | None = None
) -> list[Observation]:
    """Observations of every input, in the order given (a folder of packages expands to its packages).

    L1C products need ``workdir`` (their computed QA is kept there while the CSO runs).
    """
    progress = ensure(progress)
    expanded = [entry for item in inputs for entry in _expand(Path(item))]
    seen: set[Path | str] = set()
    out = []
    for i, (path, kind, package) in enumerate(expanded):
        # the same package given twice (or as folder and .zip) is one observation, not a same-day duplicate
        key = path.stem if kind in ("package", "zip") else path.resolve()
        if key in seen:
            continue
        seen.add(key)
        if kind == "package":
            out.append(package_observation(path, package))
        elif kind == "zip":
            out.append(zip_package_observation(path))
        else:
            if workdir is None:
                raise LstError(
                    msg("{path}: a Level-1C input needs a work folder for its computed masks", path=path)
                )
            out.append(
                l1c_observation(path, workdir, progress.sub(i / len(expanded), (i + 1) / len(expanded)))
            )
        progress.update((i + 1) / len(expanded))
    return out


# ------------------------------------------------------------------------------------------- alignment


def observations_used(path: Path | str) -> int:
    """How many observations a CSO output was computed from (its ``CSO_OBSERVATIONS`` tag, CsoWriter)."""
    with rasterio.open(path) as ds:
        return int(ds.tags().get("CSO_OBSERVATIONS", 0))


def same_grid(a: Grid, b: Grid) -> bool:
    if (a.width, a.height) != (b.width, b.height):
        return False
    if not a.transform.almost_equals(b.transform, precision=1e-9 * max(a.res)):
        return False
    return CRS.from_user_input(a.crs) == CRS.from_user_input(b.crs)


def to_codes(values: np.ndarray, layer: str) -> np.ndarray:
    """QA bits or CLOUD_MASK values -> uint8 codes CLEAR / NOT_CLEAR / NO_DATA of ``core.cso``."""
    if layer == "QA":
        v = values.astype(np.uint16, copy=False)
        codes = np.where((v & SCREEN_MASK) != 0, cso.NOT_CLEAR, cso.CLEAR).astype(np.uint8)
        codes[(v & NODATA_BIT) != 0] = cso.NO_DATA
        return codes
    codes = np.where(values == 0, cso.CLEAR, cso.NOT_CLEAR).astype(np.uint8)
    codes[values == 255] = cso.NO_DATA
    return codes


def read_codes(obs: Observation, target: Grid, window: Window) -> np.ndarray:
    """The observation's codes on ``window`` of the target grid (nearest neighbour when grids differ)."""
    h, w = int(window.height), int(window.width)
    fill = NODATA_BIT if obs.layer == "QA" else 255
    with rasterio.open(obs.raster) as ds:
        if same_grid(obs.grid, target):
            values = ds.read(1, window=window)
        else:
            values = np.full((h, w), fill, dtype=ds.dtypes[0])
            dst_transform = target.transform * Affine.translation(int(window.col_off), int(window.row_off))
            # No nodata on either side: target pixels the source does not cover keep the fill value.
            reproject(
                rasterio.band(ds, 1),
                values,
                src_nodata=None,
                dst_nodata=None,
                dst_transform=dst_transform,
                dst_crs=CRS.from_user_input(target.crs),
                resampling=Resampling.nearest,
                init_dest_nodata=False,
            )
    return to_codes(values, obs.layer)


# --------------------------------------------------------------------------------------------- outputs


class CsoWriter:
    """Writes one int16 file per statistic into a temporary folder; ``commit`` moves them into place."""

    def __init__(
        self, out_dir: Path, options: cso.CsoOptions, bins: Sequence[cso.Bin], grid: Grid, inputs: int
    ):
        self.out_dir = Path(out_dir)
        self.options = options
        self.bins = list(bins)
        self.grid = grid
        self.ext = "tif" if options.format == "GTiff" else "dat"
        names = [
            cso.file_name(
                options.start_year, options.end_year, options.month_step, options.sensor, s, self.ext
            )
            for s in options.statistics
        ]
        clash = [self.out_dir / n for n in names if (self.out_dir / n).exists()]
        if clash and not options.overwrite:
            raise LstError(
                msg("{path}: exists; choose another output folder or allow overwriting", path=clash[0])
            )
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=".cso-", dir=self.out_dir))
        self.paths = {s: self.tmp / n for s, n in zip(options.statistics, names)}
        self._datasets = {}
        try:
            for s, path in self.paths.items():
                self._datasets[s] = self._create(path, s, inputs)
        except Exception:
            self.abort()
            raise

    def _profile(self) -> dict:
        p = dict(
            width=self.grid.width,
            height=self.grid.height,
            count=len(self.bins),
            dtype="int16",
            nodata=cso.NODATA["seed"],
            crs=CRS.from_user_input(self.grid.crs),
            transform=self.grid.transform,
        )
        if self.options.format == "GTiff":
            p.update(
                driver="GTiff",
                tiled=True,
                blockxsize=TILE,
                blockysize=TILE,
                compress=gtiff_compression(),
                predictor=2,
                interleave="band",
                bigtiff="IF_SAFER",
            )
        else:
            p.update(driver="ENVI", interleave="bsq")
        return p

    def _create(self, path: Path, stat: str, inputs: int):
        o = self.options
        ds = rasterio.open(path, "w", **self._profile())
        scale = cso.SCALES["seed"].get(stat, 1)
        ds.update_tags(
            CSO_PRODUCT=stat,
            CSO_DESCRIPTION=cso.STATISTIC_TITLES[stat],
            CSO_UNIT="count" if stat == "NUM" else ("dimensionless" if stat in ("SKW", "KRT") else "days"),
            CSO_SCALE=str(scale),
            CSO_NODATA=str(cso.NODATA["seed"]),
            CSO_YEARS=f"{o.start_year:04d}-{o.end_year:04d}",
            CSO_MONTH_STEP=str(o.month_step),
            CSO_SENSOR=o.sensor,
            CSO_OBSERVATIONS=str(inputs),
            SOFTWARE=SOFTWARE,
        )
        for i, b in enumerate(self.bins, start=1):
            ds.set_band_description(i, b.name)
            ds.update_tags(
                i, Date=b.start.isoformat(), End=b.end.isoformat(), Domain=b.name, Scale=str(scale)
            )
        return ds

    def write(self, stat: str, window: Window, data: np.ndarray) -> None:
        """``data``: (bins, rows, cols) int16 for ``window``."""
        self._datasets[stat].write(data, window=window)

    def _close(self) -> None:
        for ds in self._datasets.values():
            ds.close()
        self._datasets = {}

    def abort(self) -> None:
        try:
            self._close()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def commit(self) -> list[Path]:
        """Close, add the .hdr sidecars of GeoTIFFs, move every file into ``out_dir``; returns the image paths."""
        try:
            self._close()
            if self.options.format == "GTiff":
                for path in self.paths.values():
                    write_tiff_header(path, self.bins)
            else:
                for path in self.paths.values():
                    _set_envi_description(path.with_suffix(".hdr"), path.name)
            existing = [self.out_dir / p.name for p in self.tmp.iterdir() if (self.out_dir / p.name).exists()]
            if existing and not self.options.overwrite:
                raise LstError(
                    msg("{path}: exists; choose another output folder or allow overwriting", path=existing[0])
                )
            for p in sorted(self.tmp.iterdir()):
                p.replace(self.out_dir / p.name)
        except Exception:
            self.abort()
            raise
        shutil.rmtree(self.tmp, ignore_errors=True)
        return [self.out_dir / p.name for p in self.paths.values()]


def gtiff_compression() -> str:
    from osgeo import gdal

    options = gdal.GetDriverByName("GTiff").GetMetadataItem("DMD_CREATIONOPTIONLIST") or ""
    return "zstd" if "ZSTD" in options else "deflate"


def _set_envi_description(hdr: Path, name: str) -> None:
    """GDAL puts the creation path into ``description``; the files are created in a temporary folder."""
    text = hdr.read_text(encoding="utf-8")
    hdr.write_text(
        re.sub(r"(?ms)^description\s*=\s*\{.*?\}", f"description = {{{name}}}", text), encoding="utf-8"
    )


def write_tiff_header(tif: Path, bins: Sequence[cso.Bin]) -> Path:
    """The seed's ENVI-format ``.hdr`` beside a GeoTIFF, made by GDAL's ENVI driver (map info, CRS WKT, band names).

    GDAL writes the header of a 1×1 ENVI twin with the same georeferencing and bands; we then set the
    real size and say that the data are a TIFF. GDAL and QGIS open the ``.tif`` with the GTiff driver
    regardless of the sidecar.
    """
    with rasterio.open(tif) as src:
        profile = dict(
            driver="ENVI",
            width=1,
            height=1,
            count=src.count,
            dtype=src.dtypes[0],
            crs=src.crs,
            transform=src.transform,
            nodata=src.nodata,
            interleave="bsq",
        )
        width, height = src.width, src.height
    with tempfile.TemporaryDirectory() as tmp:
        twin = Path(tmp) / (tif.stem + ".dat")
        with rasterio.open(twin, "w", **profile) as dst:
            for i, b in enumerate(bins, start=1):
                dst.set_band_description(i, b.name)
        text = twin.with_suffix(".hdr").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^samples\s*=.*$", f"samples = {width}", text)
    text = re.sub(r"(?m)^lines\s*=.*$", f"lines   = {height}", text)
    text = re.sub(r"(?m)^file type\s*=.*$", "file type = TIFF", text)
    out = tif.with_suffix(".hdr")
    out.write_text(text, encoding="utf-8")
    _set_envi_description(out, tif.name)
    return out


# ------------------------------------------------------------------------------------------ the run


def block_rows(width: int, height: int, per_pixel: int, budget_mb: int) -> int:
    """Rows per block so that ``per_pixel`` bytes × block pixels fit the budget (multiples of the tile height)."""
    rows = max(1, int(budget_mb * 1024 * 1024 // max(per_pixel * width, 1)))
    if rows >= TILE:
        rows = rows // TILE * TILE
    return int(min(rows, height))


def bytes_per_pixel(days: Sequence, bins: Sequence[cso.Bin], statistics: Sequence[str]) -> int:
    quant = cso.needs_quantiles(statistics)
    state = max(cso.BinAccumulator.bytes_per_pixel(m, quant) for m in cso.max_dts_per_bin(days, bins))
    encoded = 2 * len(bins) * len(statistics)
    raw = 8 * (len(statistics) + 2)  # one bin's raw statistics before encoding
    reading = 1 + 2 + 8  # codes, source values, observed mask and comparisons
    return state + encoded + raw + reading


def run_cso(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: cso.CsoOptions,
    target_grid: Grid | None = None,
    progress: Progress | None = None,
    client=None,
) -> list[Path]:
    """Compute and write the CSO statistics of ``inputs``; returns the image paths (.tif or .dat).

    With a Dask ``client`` (e.g. the batch's), the row blocks run as tasks on its cluster (core.cso_dask).
    """
    options.validate()
    progress = ensure(progress)
    bins = cso.make_bins(options.start_year, options.end_year, options.month_step)
    with tempfile.TemporaryDirectory(prefix="lststudio-cso-") as work:
        observations = find_observations(inputs, Path(work), progress.sub(0.0, 0.3))
        if not observations:
            raise LstError(
                field_message(
                    "CSO", "inputs", msg("expected at least one delivery package or Level-1C product")
                )
            )
        grid = target_grid or observations[0].grid
        in_range = [o for o in observations if any(b.contains(o.day) for b in bins)]
        if not in_range:
            first, last = min(o.day for o in observations), max(o.day for o in observations)
            raise LstError(
                field_message(
                    "CSO",
                    "years",
                    msg(
                        "no observation in {start}-{end} (inputs span {first} to {last})",
                        start=options.start_year,
                        end=options.end_year,
                        first=first,
                        last=last,
                    ),
                )
            )
        in_range.sort(key=lambda o: (cso.ce(o.day), o.acquired, str(o.source)))
        days = [o.day for o in in_range]
        per_pixel = bytes_per_pixel(days, bins, options.statistics)
        rows = block_rows(grid.width, grid.height, per_pixel, options.memory_budget_mb)
        log.info(
            "CSO: %d observations, %d bins, %d×%d pixels, blocks of %d rows (%d bytes per pixel)",
            len(in_range),
            len(bins),
            grid.width,
            grid.height,
            rows,
            per_pixel,
        )
        writer = CsoWriter(Path(out_dir), options, bins, grid, len(in_range))
        try:
            main = progress.sub(0.3, 1.0)
            if client is not None:
                from .cso_dask import compute_tiles

                compute_tiles(client, in_range, days, grid, bins, options.statistics, rows, writer, main)
                return writer.commit()
            for row0 in range(0, grid.height, rows):
                h = min(rows, grid.height - row0)
                window = Window(0, row0, grid.width, h)
                part = main.sub(row0 / grid.height, (row0 + h) / grid.height)
                encoded = cso_tile(in_range, days, grid, window, bins, options.statistics, part)
                for s in options.statistics:
                    writer.write(s, window, encoded[s])
                del encoded
            return writer.commit()
        except BaseException:
            writer.abort()
            raise
