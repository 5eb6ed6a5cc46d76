"""Masks of a product over an AOI, computed one way for the pipeline and the Processing algorithms.

- ``valid``: the AOI polygon ∩ the thermal footprint (every thermal band the retrieval uses has data),
  read strip by strip;
- land cover and elevation model read onto the output grid with ``inside=valid`` (only where there is
  data); the elevation model only at night, the one test that uses it (``clouds.night_clouds``);
- ``masks.compute_masks`` on ``valid``, with the AOI polygon as ``aoi_mask`` (the nodata percentage);
- the exclusion mask of geometric verification: cloud (with shadow and buffers) and snow/ice. Snow edges
  move with melt and illumination, not with the sensor: like clouds they make false "displacements"
  (on the sample products snow-line chips showed coherent false shifts of about a pixel).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import rasterio
from rasterio.windows import Window

from . import landcover, terrain
from .aoi import AoiWindow, output_window
from .blocks import gtiff_profile, plan_windows, run
from .masks import MaskResult, compute_masks
from .messages import msg
from .options import Aoi, LstOptions, MaskOptions
from .progress import Progress, ensure
from .quality import CLOUD_MASK_NODATA, SCL_NODATA
from .retrieval import choose, thermal_bands_for

# The mask rasters of the masks algorithm: key, MaskResult attribute, data type, nodata (core.quality).
MASK_RASTERS = (
    ("CLOUD_MASK", "cloud_mask", "uint8", CLOUD_MASK_NODATA),
    ("SCL", "scl", "uint8", SCL_NODATA),
    ("QA", "qa", "uint16", None),
)


def scene_window(aw: AoiWindow, w: Window) -> Window:
    """``w`` (on the output grid) as a window of the scene grid."""
    return Window(aw.window.col_off + w.col_off, aw.window.row_off + w.row_off, w.width, w.height)


def window_slices(w: Window) -> tuple[slice, slice]:
    r, c = int(w.row_off), int(w.col_off)
    return slice(r, r + int(w.height)), slice(c, c + int(w.width))


def thermal_bands(scene, options: LstOptions) -> list[str]:
    """The thermal bands the retrieval uses (retrieval.choose): both for split-window, else lwir11."""
    algorithm, _why = choose(scene, options)
    return thermal_bands_for(algorithm)


def valid_mask(scene, aw: AoiWindow, bands: list[str], progress: Progress | None = None) -> np.ndarray:
    """AOI and thermal footprint (every band in ``bands`` has data), read strip by strip."""
    valid = aw.inside.copy()
    wins = plan_windows(aw.grid.width, aw.grid.height, 64, 128, max_rows=256)

    def one(w: Window) -> None:
        sw, sl = scene_window(aw, w), window_slices(w)
        for band in bands:
            valid[sl] &= ~np.ma.getmaskarray(scene.read(band, sw))

    run(wins, one, ensure(progress))
    return valid


def read_ancillary(options: LstOptions, aw: AoiWindow, valid: np.ndarray, is_day: bool, warnings: list[str]):
    """(land cover, elevation model) on the output grid, each None when not given (or, the DEM, by day)."""
    land_cover = dem = None
    if options.land_cover:
        land_cover = landcover.read_land_cover(options.land_cover, aw.grid, inside=valid)
        warnings += land_cover.warnings
    if options.dem and is_day:
        warnings.append(msg("Elevation model not read: only the night cloud test uses it"))
    elif options.dem:
        dem = terrain.read_dem(options.dem, aw.grid, inside=valid)
        warnings += dem.warnings
    if not is_day and not (options.dem and options.land_cover):
        # night masks without them: 10.3 % of the clear land flagged on a dry sample night, 0.0 % with both
        # (benchmarks/masks.py, seed 1, 1200 px); the thermal test cannot tell cold ground from cloud
        warnings.append(
            msg(
                "Night scene: without both an elevation model and a land-cover map, cold high ground and snow "
                "can be flagged as cloud (give both for the night cloud test)"
            )
        )
    return land_cover, dem


def compute_aoi_masks(
    scene,
    aw: AoiWindow,
    valid: np.ndarray,
    options: MaskOptions,
    progress,
    land_cover=None,
    dem=None,
    threads: int = 1,
    strips_done=None,
    scratch_dir=None,
    optical_sink=None,
) -> MaskResult:
    """``masks.compute_masks`` of the AOI window; ``threads`` row strips at a time (same result);
    ``strips_done()`` once the strip passes are over; temporary files in ``scratch_dir``; the optical
    bands pass 1 decoded to ``optical_sink``."""
    return compute_masks(
        scene,
        aw.window,
        valid,
        options,
        progress,
        aoi_mask=aw.inside,
        land_cover=land_cover.codes if land_cover is not None else None,
        dem=dem.elevation if dem is not None else None,
        threads=threads,
        strips_done=strips_done,
        scratch_dir=scratch_dir,
        optical_sink=optical_sink,
    )


def geoverify_exclusion(masks: MaskResult) -> np.ndarray:
    """uint8, 1 where geometric verification must not place chips: cloud/shadow (buffered), snow/ice, and
    no data (CLOUD_MASK nodata: outside the AOI polygon or the footprint)."""
    return (np.asarray(masks.snow, bool) | (np.asarray(masks.cloud_mask) != 0)).astype(np.uint8)


@dataclass
class AoiMasks:
    aw: AoiWindow
    valid: np.ndarray
    masks: MaskResult
    warnings: list[str] = field(default_factory=list)


def masks_for_aoi(scene, aoi: Aoi | None, options: LstOptions, progress: Progress | None = None) -> AoiMasks:
    """Every step above for one product and AOI: what the masks algorithm delivers, as the pipeline does."""
    progress = ensure(progress)
    aw = output_window(scene.grid, aoi)
    warnings = list(aw.warnings)
    valid = valid_mask(scene, aw, thermal_bands(scene, options), progress.sub(0.0, 0.1))
    land_cover, dem = read_ancillary(options, aw, valid, scene.is_day, warnings)
    masks = compute_aoi_masks(scene, aw, valid, options.masks, progress.sub(0.1, 1.0), land_cover, dem)
    if land_cover is not None:
        masks.metadata["land_cover"] = land_cover.describe()  # the same block as in result.json
    if dem is not None:
        masks.metadata["dem"] = dem.describe()
    return AoiMasks(aw, valid, masks, warnings)


def geoverify_exclusion_for_aoi(
    scene, aoi: Aoi | None, use_masks: bool = True, progress: Progress | None = None
) -> tuple[AoiWindow, np.ndarray, list[str]]:
    """(AOI window, exclusion mask, warnings) for the geometric verification algorithm, as the pipeline
    builds it (default mask options)."""
    if use_masks:
        found = masks_for_aoi(scene, aoi, LstOptions(), progress)
        return found.aw, geoverify_exclusion(found.masks), found.warnings
    aw = output_window(scene.grid, aoi)  # masking switched off: only pixels outside the AOI are left out
    return aw, (~aw.inside).astype(np.uint8), list(aw.warnings)


def write_mask_rasters(grid, masks: MaskResult, paths: dict[str, str]) -> None:
    """Write the MASK_RASTERS named in ``paths`` (key -> GeoTIFF path); a failed write leaves no partial
    file behind."""
    written = []
    try:
        for key, attr, dtype, nodata in MASK_RASTERS:
            if key not in paths:
                continue
            with rasterio.open(paths[key], "w", **gtiff_profile(grid, 1, dtype, nodata)) as dst:
                dst.write(np.asarray(getattr(masks, attr)).astype(dtype), 1)
            written.append(paths[key])
    except BaseException:
        for path in written:
            if os.path.exists(path):
                os.remove(path)
        raise
