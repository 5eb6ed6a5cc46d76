"""User choices for one production run, as plain dataclasses shared by Processing, GUI and core."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALGORITHMS = ("auto", "RTE", "SW", "SC")  # auto: RTE if atmosphere given, else SW if both TIR usable, else SC
EMISSIVITY_METHODS = ("ndvi_threshold", "classes", "constant")


@dataclass
class AtmosphereInput:
    """What the user says about the atmosphere. Empty means: use the documented default and say so."""

    water_vapour_gcm2: float | None = None
    transmittance: dict[str, float] = field(
        default_factory=dict
    )  # per band common name, e.g. {"lwir11": 0.85}
    upwelling: dict[str, float] = field(default_factory=dict)  # W m-2 sr-1 um-1
    downwelling: dict[str, float] = field(default_factory=dict)
    # 1-sigma errors of the values above, when the user knows them (e.g. 0 for a measured profile, or the
    # spread of an ensemble). None / a missing band = the documented default of core.atmosphere: the USGS
    # C2 ST fits for a profile, 10 % + 0.1 g cm-2 for a user w, 50 % (>= 0.5) for the climatology w.
    water_vapour_sigma: float | None = None
    # ERA5 single-level file (NetCDF as the CDS delivers it, or GRIB): per-pixel w (and t2m) interpolated
    # in time and space (core.reanalysis). Used when no w is typed; a typed w wins.
    reanalysis: str | None = None
    # no file given: fetch ERA5 from the Copernicus CDS with the user's cdsapi credentials (only when asked;
    # core.cds_download), into era5_cache_dir (default ~/.cache/lst_studio/era5)
    download_era5: bool = False
    era5_cache_dir: str | None = None
    # without w and reanalysis: estimate w from the image (split-window covariance-variance ratio,
    # core.water_vapour) before falling back to climatology
    image_water_vapour: bool = True
    transmittance_sigma: dict[str, float] = field(default_factory=dict)
    upwelling_sigma: dict[str, float] = field(default_factory=dict)
    downwelling_sigma: dict[str, float] = field(default_factory=dict)

    @property
    def has_profile(self) -> bool:
        return bool(self.transmittance and self.upwelling and self.downwelling)


@dataclass
class EmissivityOptions:
    method: str = "ndvi_threshold"  # see EMISSIVITY_METHODS; night forces "classes" unless "constant"
    constant: float | None = None  # used by method "constant"


@dataclass
class MaskOptions:
    cloud_buffer_px: int = 3  # Fmask 4.7 default (Qiu et al. 2019); python-fmask uses 5
    shadow_buffer_px: int = 3
    snow_buffer_px: int = 0
    min_cloud_size_px: int = 9
    cloud_probability_threshold: float = 0.175  # Fmask 4.7 default for Landsat 8 (17.5 %)


@dataclass
class Aoi:
    """Area of interest: a GeoJSON geometry (Polygon/MultiPolygon) in ``crs``, with a name and id."""

    geometry: dict[str, Any]
    crs: str = "EPSG:4326"
    name: str = ""
    id: str = ""

    @classmethod
    def from_bbox(
        cls, minx: float, miny: float, maxx: float, maxy: float, crs: str = "EPSG:4326", **kw
    ) -> Aoi:
        ring = [[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]
        return cls({"type": "Polygon", "coordinates": [ring]}, crs, **kw)


@dataclass
class LstOptions:
    algorithm: str = "auto"
    atmosphere: AtmosphereInput = field(default_factory=AtmosphereInput)
    emissivity: EmissivityOptions = field(default_factory=EmissivityOptions)
    masks: MaskOptions = field(default_factory=MaskOptions)
    memory_budget_mb: int = 1024  # for the block engine; the whole LST step must stay below 2 GB RSS
    block_size: int = 512
    threads: int | None = None  # block-loop worker threads; None = every core (core.blocks.thread_count)
    write_vnir: bool = True
    geometric_verification: bool = True
    # Optional land-cover raster with ESA WorldCover class codes (any CRS; core.landcover): built-up
    # emissivity by day, class emissivities and snow/ice clear-sky strata at night.
    land_cover: str | None = None
    # Optional digital elevation model (metres, any CRS; core.terrain): the night cloud test compares
    # brightness temperatures normalised to one elevation (clear-sky BT falls with height).
    dem: str | None = None


@dataclass
class DeliveryOptions:
    product_token: str = "LST"
    organization_id: str = ""
    overwrite: bool = False
    make_zip: bool = False
