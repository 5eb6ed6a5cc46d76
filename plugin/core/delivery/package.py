"""Write a delivery package atomically: ``export_package(result, out_dir, options, progress) -> Path``.

Layout (DESIGN.md "Delivery package"): folder ``{PRODUCT}_{PLATFORM}_{GEOHASH8}_{YYYYMMDDTHHMMSSZ}``
holding ``{stem}_{TYPE}.{ext}`` files: LST, LST_UNCERTAINTY, EMISSIVITY, CLOUD_MASK, SCL, QA, VNIR
(COGs, see cog.py), LST_QUICKLOOK, RGB_QUICKLOOK (RGBA COGs), LST_THUMBNAIL, RGB_THUMBNAIL (JPG),
TIEPOINTS (.json, GVER_REL structure), METADATA (.json STAC Item, .xml ISO 19115-2), CEOS_ARD
(.json + .txt); the CEOS-ARD companions ANGLES, ACQUISITION_TIME, CLOUD_DISTANCE, TRANSMITTANCE,
WATER_VAPOUR, MASK_TESTS (COGs, when the result has them) and SPECTRAL_RESPONSE, CALIBRATION (.json,
sensor.py). Night results (no VNIR) have no RGB quicklook/thumbnail.

Atomicity: the package name is claimed (``workspace.PackageClaim``), everything is written into a work
folder of the one hidden work place ``.lststudio-work/`` and renamed into place only when complete
(``move_into_place``; the batch writes with ``write_package_folder`` into its stage and places
through ``move_into_place`` and ``write_zip`` itself). On cancel or error the work folder is removed; after
a hard kill it is left hidden and the next export into the same folder removes it (workspace.py says
when an owner counts as gone, also across hosts). An existing package is replaced only with
``options.overwrite``; the old one is moved aside first and deleted after the new one is in place.
``options.make_zip`` also writes ``{stem}.zip`` (folder inside), itself through the work place.

Custom STAC fields use the prefix ``lst:`` (see stac.py for the list).
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
from osgeo import gdal

from ..errors import ExportError, OutputError
from ..memory import bounded_heap
from ..messages import msg
from ..options import DeliveryOptions
from ..progress import Progress, ensure
from ..result import ProductResult
from . import (
    ceos_ard,
    cog,
    iso,
    layout,
    quicklook,
    sensor,
    stac,
    workspace,  # the work place and the package-name claim
)
from .facts import (
    MEDIA_COG,
    Facts,
    PackageFile,
    iso_z,
)
from .footprint import valid_footprint
from .layout import RASTERS
from .naming import package_stem
from .steps import run_steps

# layer key, STAC asset key, roles, title: the data rasters of the package layout (layout.RASTERS)
RASTER_LAYERS: tuple[tuple[str, str, list[str], str], ...] = tuple(
    (t.type_, t.asset_key, list(t.roles), t.title) for t in RASTERS
)


def export_package(
    result: ProductResult, out_dir: str | Path, options: DeliveryOptions, progress: Progress | None = None
) -> Path:
    """Write the delivery package of ``result`` into ``out_dir``; return the package folder."""
    progress = ensure(progress)
    band_counts = _check_result(result)
    out_dir = Path(out_dir)
    with workspace.output_place(out_dir):  # checked before work; a refused run leaves nothing behind
        return _export(result, out_dir, options, progress, band_counts)


def write_package_folder(
    result: ProductResult, parent: Path, options: DeliveryOptions, progress: Progress | None = None
) -> Path:
    """Write the complete package of ``result`` as ``parent/{stem}`` and return it: no name claim, no
    placement, for a caller that owns ``parent`` and places the package itself (a batch task's stage,
    batch/task.py, which checks it before it claims the name at the destination)."""
    progress = ensure(progress)
    band_counts = _check_result(result)
    facts, footprint, stem = _naming(result, options)
    folder = Path(parent) / stem
    folder.mkdir(parents=True)
    _write_package(result, facts, footprint, stem, folder, options, band_counts, progress)
    return folder


def _check_result(result: ProductResult) -> dict[str, int]:
    if "LST" not in result.rasters:
        raise ExportError(
            msg("{path}: the result has no LST raster; expected rasters['LST']", path=result.workdir)
        )
    return _check_rasters(result)


def _naming(result: ProductResult, options: DeliveryOptions) -> tuple[Facts, Any, str]:
    """The facts, the valid-data footprint and the package stem of ``result``."""
    facts = Facts(result)
    footprint = valid_footprint(result.grid, result.rasters)
    stem = package_stem(
        options.product_token, facts.platform, footprint.centroid[1], footprint.centroid[0], facts.acquisition
    )
    return facts, footprint, stem


def _export(result, out_dir: Path, options: DeliveryOptions, progress: Progress, band_counts) -> Path:
    """Claim the package name, write into a work folder, move into place, verify what landed."""
    facts, footprint, stem = _naming(result, options)
    final = out_dir / stem
    with workspace.PackageClaim(out_dir, stem):  # atomic: one run at a time per package name
        if final.exists() and not options.overwrite:
            raise OutputError(
                msg("{path}: a package with this name exists; choose overwrite to replace it", path=final)
            )
        return _write_claimed(result, facts, footprint, stem, final, options, band_counts, progress)


def _write_claimed(result, facts, footprint, stem, final, options, band_counts, progress) -> Path:
    out_dir = final.parent
    tmp = workspace.work_folder(out_dir, "package")
    # mkdtemp makes the folder private (0700); the delivered package gets the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)
    try:
        _write_package(result, facts, footprint, stem, tmp, options, band_counts, progress.sub(0.0, 0.97))
        progress.check()
        written = move_into_place(tmp, final)
        workspace.verify_moved(final, written)  # success only for the package this run wrote
        if options.make_zip:
            write_zip(final, out_dir / layout.zip_name(stem))
        progress.update(1.0)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


# --- the files ------------------------------------------------------------------------------
def _write_package(
    result: ProductResult,
    facts: Facts,
    footprint,
    stem: str,
    folder: Path,
    options: DeliveryOptions,
    band_counts: dict[str, int],
    progress: Progress,
) -> list[PackageFile]:
    """Every file of the package into ``folder``, in named steps: rasters, previews, tiepoints, sensor
    files, CEOS-ARD report, ISO record, STAC item (the last two describe all the others)."""
    processing_datetime = datetime.now(timezone.utc).replace(microsecond=0)
    # a run's memory settings (core.memory): after a produce, glibc's mmap threshold stays fixed at its
    # 128 KiB minimum, and every buffer of the export was then a fresh mmap: 42.5 s instead of 34.1 s
    # for the full scene's layers in the process that produced them (issue 15)
    with bounded_heap(), cog.gdal_cache():
        files = _write_layers(result, facts, stem, folder, band_counts, progress.sub(0.0, 0.93))
    lst_file = files[0]
    scale = next(f.extra["quicklook"] for f in files if f.type_ == "LST_QUICKLOOK")
    _copy_tiepoints(result, stem, folder, files)
    files += sensor.write_sensor_files(facts, folder, stem)  # spectral response, calibration (CEOS-ARD)
    custom = _custom_fields(result, facts, options, processing_datetime, lst_file, files, scale)
    steps = _lineage_steps(facts)
    custom["lineage"] = " ".join(steps)
    report, ceos_json = _write_ceos_ard(facts, stem, folder, files)
    progress.check()
    _write_iso(
        facts, stem, folder, files, footprint, options, processing_datetime, steps, custom, report, ceos_json
    )
    _write_stac(facts, stem, folder, files, footprint, custom)
    progress.update(1.0)
    return files


def _write_layers(
    result, facts: Facts, stem: str, folder: Path, band_counts, progress: Progress
) -> list[PackageFile]:
    """The COG layers (RASTER_LAYERS present in the result), the quicklooks and their thumbnails, side by
    side on every core (steps.run_steps: each step writes its own files, so their bytes do not depend on
    the order). Returns the files: rasters in layout order, then the previews."""
    layers = [row for row in RASTER_LAYERS if row[0] in result.rasters]
    jobs = [
        cog.CogJob(
            result.rasters[key],
            key,
            folder / layout.file_name(stem, key, "tif"),
            list(result.band_names.get(key) or []),
            # work estimate: float layers cost an encoding pass, integer masks are copied (half as much)
            band_counts[key] * (1.0 if cog.LAYERS[key].encoded else 0.5),
        )
        for key, *_ in layers
    ]
    previews = _preview_steps(result, facts, stem, folder)
    done = run_steps(
        [job.step(folder) for job in jobs] + [step for step, _ in previews],
        [job.weight for job in jobs] + [weight for _, weight in previews],
        progress,
    )
    files = [
        PackageFile(asset_key, key, job.dst_path, MEDIA_COG, roles, title, key, job.band_names, stats)
        for (key, asset_key, roles, title), job, stats in zip(layers, jobs, done)
    ]
    for written in done[len(jobs) :]:
        files += written
    return files


def _preview_steps(result, facts: Facts, stem: str, folder: Path) -> list[tuple[Callable, float]]:
    """(step, work estimate) of the LST and true-colour quicklooks, each with its thumbnail; a step
    returns its [quicklook, thumbnail] files. Night results (no red/green/blue) have no RGB preview."""
    is_day = facts.is_day  # read here: Facts notes missing fields, and steps run on worker threads

    def lst_step(progress: Progress) -> list[PackageFile]:
        ql = layout.package_file(folder, stem, "LST_QUICKLOOK", "tif")
        scale = quicklook.render_lst_quicklook(result.rasters["LST"], ql.path, folder, is_day, progress)
        ql.title = f"LST quicklook ({scale['min_k']:g}-{scale['max_k']:g} K, inferno)"
        ql.extra = {"quicklook": scale}
        thumb = layout.package_file(folder, stem, "LST_THUMBNAIL", "jpg")
        quicklook.write_thumbnail(ql.path, thumb.path)
        return [ql, thumb]

    steps: list[tuple[Callable, float]] = [(lst_step, 1.0)]  # about one encoded band's work each
    vnir_names = list(result.band_names.get("VNIR") or [])
    if "VNIR" in result.rasters and {"red", "green", "blue"} <= set(vnir_names):

        def rgb_step(progress: Progress) -> list[PackageFile]:
            rql = layout.package_file(folder, stem, "RGB_QUICKLOOK", "tif")
            rql.extra = {
                "stretch": quicklook.render_rgb_quicklook(
                    result.rasters["VNIR"],
                    vnir_names,
                    rql.path,
                    folder,
                    progress,
                    result.rasters.get("CLOUD_MASK"),
                )
            }
            rthumb = layout.package_file(folder, stem, "RGB_THUMBNAIL", "jpg")
            quicklook.write_thumbnail(rql.path, rthumb.path)
            return [rql, rthumb]

        steps.append((rgb_step, 1.0))
    return steps


def _copy_tiepoints(result, stem: str, folder: Path, files: list) -> None:
    tiepoints = result.files.get("TIEPOINTS")
    if tiepoints and Path(tiepoints).is_file():
        tp = layout.package_file(folder, stem, "TIEPOINTS", "json")
        shutil.copyfile(tiepoints, tp.path)
        files.append(tp)


def _write_ceos_ard(facts: Facts, stem: str, folder: Path, files: list) -> tuple[dict, Path]:
    """The CEOS-ARD self-assessment (.json and .txt), written before the metadata that cites it."""
    meta_json = folder / layout.file_name(stem, "METADATA", "json")
    meta_xml = folder / layout.file_name(stem, "METADATA", "xml")
    # CEOS-ARD first (the ISO record states whether every threshold is met); names for evidence
    named = [
        *files,
        PackageFile("", "METADATA_JSON", meta_json, "", [], ""),
        PackageFile("", "METADATA_XML", meta_xml, "", [], ""),
    ]
    report = ceos_ard.report(facts, named, stem)
    ceos_json = layout.package_file(folder, stem, "CEOS_ARD", "json")
    ceos_txt = layout.package_file(folder, stem, "CEOS_ARD", "txt")
    ceos_json.path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    ceos_txt.path.write_text(ceos_ard.to_text(report), encoding="utf-8")
    files += [ceos_json, ceos_txt]
    return report, ceos_json.path


def _write_iso(
    facts, stem, folder, files, footprint, options, processing_datetime, steps, custom, report, ceos_json
):
    """ISO 19115-2 / INSPIRE record (appended to ``files``)."""
    meta_xml = layout.package_file(folder, stem, "METADATA", "xml")
    organisation = options.organization_id or "LST Studio user"
    tree = iso.build_iso(
        facts,
        stem,
        files,
        footprint,
        organisation,
        processing_datetime,
        steps,
        _abstract(facts, custom),
        report["summary"],
        ceos_json.name,
    )
    iso.write_iso(tree, meta_xml.path)
    files.append(meta_xml)


def _write_stac(facts: Facts, stem: str, folder: Path, files: list, footprint, custom: dict) -> None:
    """The STAC item, last: it lists every other file."""
    meta_json = folder / layout.file_name(stem, "METADATA", "json")
    custom["fields"]["warnings"] = facts.warnings + [
        f"metadata field missing, default used: {m}" for m in sorted(set(facts.missing))
    ]
    item = stac.build_item(facts, stem, files, footprint, custom)
    meta_json.write_text(
        json.dumps(stac.item_dict(item), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _check_rasters(result: ProductResult) -> dict[str, int]:
    """Every result raster opens and lies on the result grid; returns the band count per layer."""
    counts = {}
    g = result.grid
    for key, path in result.rasters.items():
        try:
            with rasterio.open(path) as src:
                counts[key] = src.count
                size = (src.width, src.height)
        except (rasterio.errors.RasterioIOError, OSError) as exc:
            raise ExportError(
                msg(
                    "{path}: result raster {key} cannot be read ({error}); expected a GeoTIFF",
                    path=path,
                    key=key,
                    error=exc,
                )
            ) from exc
        if size != (g.width, g.height):
            raise ExportError(
                msg(
                    "{path}: result raster {key} is {width} x {height} px; expected the result grid {grid_width} x {grid_height}",
                    path=path,
                    key=key,
                    width=size[0],
                    height=size[1],
                    grid_width=g.width,
                    grid_height=g.height,
                )
            )
    return counts


def _lst_summary(result: ProductResult, lst_file: PackageFile) -> dict[str, float | None]:
    """min/max/median LST (K) over clear pixels from the pipeline; None when there is no clear pixel."""
    s = result.metadata.get("lst_stats")
    if isinstance(s, dict):
        return {
            k: (round(float(s[k]), 2) if s.get(k) is not None else None) for k in ("min", "max", "median")
        }
    # results without lst_stats: over every valid LST pixel, the median from a decimated read
    st = lst_file.stats[0]
    if st.count == 0:
        return {"min": None, "max": None, "median": None}
    with rasterio.open(result.rasters["LST"]) as src:
        step = max(1, int(np.ceil(max(src.width, src.height) / 2048)))
        sample = src.read(1, out_shape=(max(1, src.height // step), max(1, src.width // step)))
    sample = sample[np.isfinite(sample)]
    return {
        "min": round(st.minimum, 2),
        "max": round(st.maximum, 2),
        "median": round(float(np.median(sample)), 2) if sample.size else None,
    }


def _custom_fields(
    result, facts: Facts, options, processing_datetime, lst_file, files, scale
) -> dict[str, Any]:
    pct = facts.percentages
    by_type = {f.type_: f for f in files}
    cloud = pct.get("cloud")
    if cloud is None and "CLOUD_MASK" in by_type and by_type["CLOUD_MASK"].stats[0].count:
        st = by_type["CLOUD_MASK"].stats[0]
        cloud = 100.0 * st.sum / st.count
    nodata = pct.get("nodata")
    if nodata is None:
        nodata = 100.0 - lst_file.stats[0].as_stac()["valid_percent"]
    lst = _lst_summary(result, lst_file)
    aoi = facts.aoi
    scene = facts.scene
    algo = facts.algorithm
    fields = {
        "product_type": "L2",
        "day_flag": facts.is_day,
        "area_of_interest_id": str(aoi.get("id") or ""),
        "area_of_interest_name": str(aoi.get("name") or ""),
        "organization_id": options.organization_id,
        "l1_item_href": str(scene.get("path") or scene.get("product_id") or ""),
        "scene_datetime": iso_z(facts.acquisition),
        "processing_datetime": iso_z(facts.processing_started),
        "cloud_ratio_aoi": round(float(cloud or 0.0), 3),
        "na_ratio_aoi": round(float(nodata), 3),
        "min_lst": lst["min"],
        "max_lst": lst["max"],
        "median_lst": lst["median"],
        "sun_elevation": facts.angle("sun_elevation"),
        "sat_source": f"{facts.platform} ({scene.get('source_format', 'unknown format')}, {scene.get('product_id', '')})",
        "atm_source": str(facts.atmosphere.get("source") or "not stated"),
        "requested_area_of_interest": aoi.get("requested_geometry") or aoi.get("geometry_lonlat"),
        "algorithm": {k: algo[k] for k in ("name", "citation", "bands") if k in algo},
        "emissivity": {k: facts.emissivity[k] for k in ("method", "citation") if k in facts.emissivity},
        "quicklook": scale,
        "mask_percentages": {k: round(float(v), 3) for k, v in pct.items() if isinstance(v, (int, float))},
    }
    return {
        "fields": fields,
        "cloud_ratio_aoi": fields["cloud_ratio_aoi"],
        "processing_datetime": processing_datetime,
        "organization": options.organization_id,
        "software": _software_versions(),
    }


def _software_versions() -> dict[str, str]:
    return {"GDAL": gdal.__version__, "rasterio": rasterio.__version__, "numpy": np.__version__}


def _lineage_steps(facts: Facts) -> list[str]:
    scene, algo, atm, masks, em = (
        facts.scene,
        facts.algorithm,
        facts.atmosphere,
        facts.masks,
        facts.emissivity,
    )
    steps = [
        f"Read Level-1 product {scene.get('product_id', 'unknown')} ({scene.get('source_format', 'unknown format')}).",
        "Converted thermal bands to top-of-atmosphere brightness temperature and radiance, optical bands to "
        "top-of-atmosphere reflectance, with the product's calibration.",
        f"Masked clouds, cloud shadow, snow/ice and water ({masks.get('method', 'method not stated')}"
        + ("; night mode: thermal tests only" if masks.get("night_mode") else "")
        + ").",
        f"Emissivity: {em.get('method', 'not stated')}"
        + (f" ({em['citation']})" if em.get("citation") else "")
        + ".",
        f"Atmosphere: {atm.get('source', 'not stated')}"
        + (
            f", water vapour {atm['water_vapour_gcm2']} g/cm2"
            if atm.get("water_vapour_gcm2") is not None
            else ""
        )
        + ".",
        f"Land surface temperature: {algo.get('name', 'not stated')}"
        + (f" ({algo['citation']})" if algo.get("citation") else "")
        + "; 1-sigma uncertainty propagated per pixel.",
    ]
    g = facts.geometric
    if g:
        steps.append(
            f"Geometric verification ({g.get('method', 'tiepoints')}): "
            + (
                f"thermal-vs-optical radial RMSE {g['radial_rmse_px']:.3f} px."
                if g.get("assessed") and g.get("radial_rmse_px") is not None
                else "not assessed."
            )
        )
    steps.append(
        f"Encoded into Cloud-Optimized GeoTIFFs and described in STAC 1.1.0 and ISO 19115-2 by LST Studio "
        f"{facts.software_version}."
    )
    return steps


def _abstract(facts: Facts, custom: dict[str, Any]) -> str:
    f = custom["fields"]
    return (
        f"Land surface temperature (LST, kelvin) over the area of interest "
        f"{f.get('area_of_interest_name') or f.get('area_of_interest_id') or '(whole scene)'}, retrieved from "
        f"{facts.platform} thermal infrared observations of {iso_z(facts.acquisition)} "
        f"({'day' if facts.is_day else 'night'}), with its 1-sigma uncertainty, surface emissivity, a binary "
        "cloud/shadow mask, scene classes and per-pixel quality bits, delivered as Cloud-Optimized GeoTIFFs "
        f"with quicklooks. Cloud cover over the AOI {f['cloud_ratio_aoi']:.1f} %, LST median "
        f"{f.get('median_lst')} K."
    )


# --- atomic placement -------------------------------------------------------------------------
def move_into_place(tmp: Path, final: Path) -> dict[str, tuple[int, int, int]]:
    """Rename the finished package into place (the old one, when replaced, via the work place);
    returns what was moved (workspace.snapshot) for the verification after the move."""
    leftovers = [p.name for p in tmp.iterdir() if p.name.startswith(".")]
    for name in leftovers:  # temporary intermediates never belong to the package
        target = tmp / name
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    written = workspace.snapshot(tmp)
    old = None
    if final.exists():
        old = workspace.work_folder(final.parent, "old") / final.name
        os.rename(final, old)
    try:
        os.rename(tmp, final)
    except OSError as exc:
        if old is not None:
            os.rename(old, final)
            old.parent.rmdir()  # its emptied work folder
        raise ExportError(
            msg("{path}: cannot move the package into place ({error})", path=final, error=exc)
        ) from exc
    if old is not None:
        shutil.rmtree(old.parent, ignore_errors=True)
    return written


def write_zip(folder: Path, zip_path: Path) -> None:
    """``zip_path`` holding the package ``folder`` (the folder inside), written in the work place."""
    work = workspace.work_folder(zip_path.parent, "zip")  # the one work place, cleaned after a kill
    tmp = work / zip_path.name
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.iterdir()):
                zf.write(path, f"{folder.name}/{path.name}")
        os.replace(tmp, zip_path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
