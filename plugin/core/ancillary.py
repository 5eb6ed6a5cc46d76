"""Ancillary rasters (land cover, elevation) read onto an output grid: one reader for both.

They come from elsewhere (ESA WorldCover tiles, Copernicus DEM, SRTM...), in their own CRS and
resolution, and are resampled onto the output grid by GDAL's warper, which reads only the source
windows it needs (a whole WorldCover tile is 36000 x 36000 pixels).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import rasterio
from rasterio.enums import Resampling
from rasterio.warp import reproject

from .errors import ProductError
from .messages import msg
from .products.base import READ_ERRORS


def resample_to_grid(
    path: str | Path,
    grid,
    what: str,
    dtype: str,
    resampling: Resampling,
    dst_nodata: float,
    integer: bool = False,
) -> tuple[np.ndarray, str]:
    """Band 1 of ``path`` on ``grid`` (``dst_nodata`` where the source has none) and the source CRS.

    ``what`` names the input in messages ("land-cover raster"). Raises ProductError when the file is
    missing or unreadable, has no CRS, or (``integer``) does not hold integer values.
    """
    path = Path(path)
    if not path.is_file():
        raise ProductError(path, what, msg("not found; expected a raster file"))
    try:
        ds = rasterio.open(path)
    except rasterio.errors.RasterioIOError as exc:
        raise ProductError(
            path, what, msg("cannot read it ({error}); expected a GeoTIFF or another GDAL raster", error=exc)
        ) from exc
    with ds:
        if integer and not np.issubdtype(np.dtype(ds.dtypes[0]), np.integer):
            raise ProductError(
                path, "band 1", msg("expected integer class codes, got {dtype}", dtype=ds.dtypes[0])
            )
        if ds.crs is None:
            raise ProductError(path, "crs", msg("the {what} has no coordinate reference system", what=what))
        out = np.full((grid.height, grid.width), dst_nodata, dtype=dtype)
        try:
            reproject(
                source=rasterio.band(ds, 1),
                destination=out,
                src_nodata=ds.nodata,
                dst_transform=grid.transform,
                dst_crs=grid.crs,
                dst_nodata=dst_nodata,
                resampling=resampling,
            )
        except READ_ERRORS as exc:  # truncated or damaged file: GDAL's "IReadBlock failed" and kin
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ProductError(
                path,
                "band 1",
                msg(
                    "cannot read the {what}'s pixels ({reason}); expected a complete GeoTIFF",
                    what=what,
                    reason=reason,
                ),
            ) from exc
        return out, ds.crs.to_string()
