"""What the pipeline hands to delivery and to the GUI: result rasters on the output grid plus metadata.

The pipeline writes each layer block by block into ``workdir`` as an uncompressed GeoTIFF in physical units:

| key               | dtype   | content                                           | nodata |
|-------------------|---------|---------------------------------------------------|--------|
| LST               | float32 | land surface temperature, K                       | NaN    |
| LST_UNCERTAINTY   | float32 | 1-sigma uncertainty, K                            | NaN    |
| EMISSIVITY        | float32 | one band per TIR band used (lwir11[, lwir12])     | NaN    |
| CLOUD_MASK        | uint8   | 0 clear, 1 cloud or shadow                        | 255    |
| SCL               | uint8   | classes of core.quality.SCL_CLASSES               | 255    |
| QA                | uint16  | bits of core.quality.QA_BITS                      | none   |
| VNIR              | float32 | TOA reflectance, bands in REFLECTIVE_BANDS order  | NaN    |
| CLOUD_DISTANCE    | float32 | distance to the nearest cloud, km                 | NaN    |
| MASK_TESTS        | uint16  | mask tests flagged / completed (quality.MASK_TESTS) | 65535 |
| WATER_VAPOUR      | float32 | column water vapour used, g/cm2                   | NaN    |
| TRANSMITTANCE     | float32 | B10 (lwir11) atmospheric transmittance used       | NaN    |
| ANGLES            | float32 | sun/view zenith/azimuth, deg (core/ard_layers.py) | NaN    |
| ACQUISITION_TIME  | float32 | s since metadata.ard.acquisition_time.reference_datetime | NaN |

Delivery encodes them (scale/offset/nodata of DESIGN.md) into COGs; the GUI can load them as they are.
The emissivity's 1-sigma enters LST_UNCERTAINTY (core.uncertainty) and has no layer of its own: nothing
delivered or shown read one (issue 15 removed it; 487 MB of float32 on a full scene).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .messages import msg
from .products.scene import Grid


@dataclass
class ProductResult:
    grid: Grid  # output grid (AOI bbox snapped to the thermal pixel grid)
    workdir: Path  # temporary folder owned by this result
    rasters: dict[str, Path]  # layer key -> GeoTIFF path (see table above)
    band_names: dict[str, list[str]]  # layer key -> band names (e.g. EMISSIVITY: ["lwir11", "lwir12"])
    files: dict[str, Path] = field(default_factory=dict)  # non-raster outputs (TIEPOINTS: GVER_REL json)
    metadata: dict[str, Any] = field(default_factory=dict)
    # metadata keys filled by the pipeline (delivery relies on them):
    #   scene: dict (product_id, platform, instruments, start/end/acquisition datetime ISO, sun/view angles,
    #          earth_sun_distance, source_format, path, is_day, footprint_lonlat)
    #   aoi: dict (name, id, geometry_lonlat (GeoJSON dict), requested_geometry (GeoJSON dict), crs)
    #   algorithm: dict (name: "RTE"|"SW"|"SC", citation, inputs: {...}, bands: [...])
    #   atmosphere: dict (source: str, water_vapour_gcm2, per band tau/lu/ld, description)
    #   emissivity: dict (method, constants, citation)
    #   masks: dict (method, night_mode, buffers, percentages: {cloud, thick_cloud, thin_cloud, shadow, snow,
    #          water, nodata, saturated, clear}, thresholds)
    #   lst_stats: dict (min, max, median, mean, valid_pixels) in K over valid clear pixels
    #   geometric: dict (geoverify summary, see core.geoverify) when available
    #   warnings: list[str]
    #   processing: dict (software, version, started, finished)
    #   ard: dict (angles sources, acquisition_time model, transmittance) and sensor: dict (calibration
    #        per band, spectral_response_file), both from core/ard_layers.py

    def cleanup(self) -> None:
        import shutil

        shutil.rmtree(self.workdir, ignore_errors=True)

    # A result folder can be handed from one Processing algorithm to the next ("Produce LST" ->
    # "Export delivery package"): result.json beside the rasters describes it.
    def save(self) -> Path:
        """Write ``workdir/result.json`` (paths relative to workdir) and return its path."""
        import json

        doc = {
            "grid": {
                "crs": self.grid.crs,
                "transform": list(self.grid.transform)[:6],
                "width": self.grid.width,
                "height": self.grid.height,
            },
            "rasters": {k: _relative(p, self.workdir) for k, p in self.rasters.items()},
            "files": {k: _relative(p, self.workdir) for k, p in self.files.items()},
            "band_names": self.band_names,
            "metadata": self.metadata,
        }
        path = Path(self.workdir) / "result.json"
        path.write_text(json.dumps(doc, indent=1, default=str), encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: str | Path) -> ProductResult:
        """Read a result folder written by ``save``."""
        import json

        from affine import Affine

        from .errors import LstError

        folder = Path(folder)
        path = folder / "result.json" if folder.is_dir() else folder
        folder = path.parent
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            g = doc["grid"]
            grid = Grid(g["crs"], Affine(*g["transform"]), int(g["width"]), int(g["height"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LstError(
                msg("{path}: not an LST Studio result folder ({error})", path=path, error=exc)
            ) from exc
        return cls(
            grid=grid,
            workdir=folder,
            rasters={k: folder / v for k, v in doc.get("rasters", {}).items()},
            band_names=doc.get("band_names", {}),
            files={k: folder / v for k, v in doc.get("files", {}).items()},
            metadata=doc.get("metadata", {}),
        )


def _relative(path: Path, base: Path) -> str:
    path, base = Path(path), Path(base)
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)
