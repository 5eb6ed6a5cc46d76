"""The LST retrieval of one scene: which algorithm and bands, their constants, the atmosphere, the
emissivity method (``decide``), and the per-block computation of LST, its 1-sigma uncertainty and the
emissivities (``Retrieval.compute``). ``pipeline`` calls it block by block; nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import atmosphere as atm_mod
from . import emissivity as emis
from . import landcover
from . import lst as lst_mod
from . import uncertainty as unc
from .errors import LstError, ProductError
from .options import EMISSIVITY_METHODS, LstOptions
from .products.scene import Scene
from .radiometry import brightness_temperature, ndvi

ALGORITHM_CITATIONS = {
    "RTE": lst_mod.RTE_CITATION,
    "SC": "Generalized single-channel: Jiménez-Muñoz & Sobrino 2003, doi:10.1029/2003JD003480; "
    "B10 coefficients: " + lst_mod.JM2014,
    "SW": "Split-window: " + lst_mod.JM2014,
}


@dataclass
class BlockInputs:
    """Everything the retrieval needs for one block (arrays of the same shape, NaN = no data)."""

    radiance: dict[str, np.ndarray]  # per thermal band used
    red: np.ndarray | None
    nir: np.ndarray | None
    water: np.ndarray | None
    snow: np.ndarray | None
    cloud_distance_km: np.ndarray | None
    valid: np.ndarray
    land_cover: np.ndarray | None = None  # ESA WorldCover codes (core.landcover), 0 unknown


@dataclass
class Retrieval:
    """Scene-wide settings of the retrieval (what the metadata reports)."""

    algorithm: str
    bands: list[str]
    k: dict[str, tuple[float, float]]  # K1, K2 per band
    atmosphere: atm_mod.Atmosphere
    emissivity_method: str  # ndvi_threshold | classes | constant
    emissivity_constant: float | None = None

    def emissivity(self, b: BlockInputs) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        shape = b.valid.shape
        eps, sig = {}, {}
        nd = None
        if self.emissivity_method == "ndvi_threshold":
            nd = ndvi(b.red, b.nir)
        for band in self.bands:
            if self.emissivity_method == "constant":
                e, s = emis.constant(shape, self.emissivity_constant)
            elif self.emissivity_method == "ndvi_threshold":
                e, s = emis.ndvi_threshold(nd, b.red, band)
            else:
                e, s = emis.from_classes(shape, band)
            if self.emissivity_method != "constant":
                if b.land_cover is not None:
                    landcover.apply(e, s, band, b.land_cover, self.emissivity_method)
                emis.apply_water_snow(e, s, band, b.water, b.snow)
            eps[band], sig[band] = e, s
        return eps, sig

    def compute(self, b: BlockInputs) -> dict[str, np.ndarray]:
        """LST, its uncertainty and the emissivities of one block (float32, NaN where not retrieved)."""
        eps, sig = self.emissivity(b)
        atm = self.atmosphere
        k1, k2 = self.k["lwir11"]
        L10 = b.radiance["lwir11"]
        if self.algorithm == "RTE":
            tau, lu, ld = atm.transmittance["lwir11"], atm.upwelling["lwir11"], atm.downwelling["lwir11"]
            ts = lst_mod.rte(L10, eps["lwir11"], tau, lu, ld, k1, k2)
            comps = unc.rte_components(
                L10,
                eps["lwir11"],
                sig["lwir11"],
                tau,
                lu,
                ld,
                atm.profile_sigma("lwir11"),
                k1,
                k2,
                correlations=(atm_mod.RHO_TAU_LU, atm_mod.RHO_TAU_LD, atm_mod.RHO_LU_LD),
            )
        elif self.algorithm == "SC":
            w = atm.water_vapour_gcm2
            ts = lst_mod.single_channel(L10, eps["lwir11"], w, k1, k2)
            comps = unc.sc_components(L10, eps["lwir11"], sig["lwir11"], w, atm.water_vapour_sigma, k1, k2)
        else:
            w = atm.water_vapour_gcm2
            t10 = brightness_temperature(L10, k1, k2)
            t11 = brightness_temperature(b.radiance["lwir12"], *self.k["lwir12"])
            ts = lst_mod.split_window(t10, t11, eps["lwir11"], eps["lwir12"], w)
            comps = unc.sw_components(
                t10,
                t11,
                eps["lwir11"],
                eps["lwir12"],
                sig["lwir11"],
                sig["lwir12"],
                w,
                atm.water_vapour_sigma,
            )
        sigma = comps["total"]
        if b.cloud_distance_km is not None:
            sigma = np.hypot(sigma, unc.adjacency_sigma(b.cloud_distance_km))
        ts = np.where(b.valid & np.isfinite(ts) & np.isfinite(sigma), ts, np.nan).astype(np.float32)
        sigma = np.where(np.isfinite(ts), sigma, np.nan).astype(np.float32)
        out = {"LST": ts, "LST_UNCERTAINTY": sigma}
        for band in self.bands:
            out[f"EMISSIVITY:{band}"] = np.where(b.valid, eps[band], np.nan).astype(np.float32)
            out[f"EMISSIVITY_UNCERTAINTY:{band}"] = np.where(b.valid, sig[band], np.nan).astype(np.float32)
        return out

    def inputs_metadata(self) -> dict[str, Any]:
        """The algorithm's inputs as the metadata reports them (``algorithm.inputs`` in result.json)."""
        atm = self.atmosphere
        algorithm_inputs: dict[str, Any] = {"water_vapour_gcm2": atm.water_vapour_gcm2}
        if self.algorithm == "RTE":
            algorithm_inputs.update(
                transmittance=atm.transmittance["lwir11"],
                upwelling=atm.upwelling["lwir11"],
                downwelling=atm.downwelling["lwir11"],
                profile_source=atm.profile_source,
            )
        elif self.algorithm == "SC":
            algorithm_inputs.update(psi_coefficients=lst_mod.SC_PSI_B10, b_gamma=lst_mod.SC_B_GAMMA_B10)
        else:
            algorithm_inputs.update(
                coefficients=dict(zip(("c0", "c1", "c2", "c3", "c4", "c5", "c6"), lst_mod.SW_C))
            )
        algorithm_inputs["thermal_constants"] = {b: {"K1": k[0], "K2": k[1]} for b, k in self.k.items()}
        return algorithm_inputs


def thermal_constants(scene: Scene, band: str) -> tuple[float, float]:
    b = scene.bands.get(band)
    if b is None:
        raise ProductError(scene.path, band, "thermal band missing: expected it in the product")
    if not b.usable:
        raise ProductError(scene.path, band, f"thermal band unusable: {b.unusable_reason or 'see product'}")
    if not b.k1 or not b.k2:
        raise ProductError(scene.path, f"{band} K1/K2", "missing thermal constants: expected K1 > 0, K2 > 0")
    return float(b.k1), float(b.k2)


def band_usable(scene: Scene, band: str) -> bool:
    b = scene.bands.get(band)
    return bool(b is not None and b.usable and b.k1 and b.k2)


def scene_centre_lonlat(scene: Scene) -> tuple[float, float]:
    ring = scene.footprint_lonlat or []
    if ring:
        pts = ring[:-1] if len(ring) > 1 and tuple(ring[0]) == tuple(ring[-1]) else ring
        return float(np.mean([p[0] for p in pts])), float(np.mean([p[1] for p in pts]))
    x0, y0, x1, y1 = scene.grid.bounds
    from pyproj import Transformer

    lon, lat = Transformer.from_crs(scene.grid.crs, "EPSG:4326", always_xy=True).transform(
        (x0 + x1) / 2, (y0 + y1) / 2
    )
    return float(lon), float(lat)


def decide(scene: Scene, options: LstOptions, warnings: list[str]) -> Retrieval:
    if options.algorithm not in ("auto", "RTE", "SW", "SC"):
        raise LstError(f"options.algorithm: expected auto, RTE, SW or SC, got {options.algorithm!r}")
    lwir12 = band_usable(scene, "lwir12")
    algorithm = lst_mod.choose_algorithm(options.algorithm, options.atmosphere.has_profile, lwir12)
    bands = ["lwir11", "lwir12"] if algorithm == "SW" else ["lwir11"]
    if algorithm == "SW" and not lwir12:
        thermal_constants(scene, "lwir12")  # raises the precise ProductError
    k = {b: thermal_constants(scene, b) for b in bands}
    if options.algorithm == "auto" and algorithm == "SC" and "lwir12" in scene.bands:
        warnings.append("Band lwir12 unusable: single-channel algorithm used instead of split-window")
    lon, lat = scene_centre_lonlat(scene)
    try:
        atmosphere = atm_mod.resolve(options.atmosphere, lat, scene.acquisition_datetime.month)
    except ValueError as exc:
        raise LstError(str(exc)) from exc
    uses_w = algorithm in ("SC", "SW") or atmosphere.profile_source != "user profile"
    if uses_w and "climatology" in atmosphere.source + atmosphere.description:
        warnings.append(
            f"No water vapour given: climatological {atmosphere.water_vapour_gcm2:.2f} g/cm² "
            f"({atmosphere.source}; {atmosphere.description}); uncertainty is large"
        )
    if algorithm == "RTE" and atmosphere.profile_source != "user profile":
        warnings.append("RTE without a user profile: B10 τ/L↑/L↓ derived from water vapour (JM 2014 ψ)")
    if algorithm in ("SC", "SW") and (atmosphere.water_vapour_gcm2 or 0) > 3.0:
        warnings.append(
            f"Water vapour {atmosphere.water_vapour_gcm2:.2f} g/cm² > 3: {algorithm} errors grow quickly "
            "(JM 2014); prefer RTE with a profile"
        )
    if scene.platform.upper().replace("_", "-").startswith("LANDSAT-9") and algorithm in ("SC", "SW"):
        warnings.append("Landsat-9: JM 2014 coefficients are those of Landsat-8 TIRS (no published L9 set)")

    method = options.emissivity.method
    if method not in EMISSIVITY_METHODS:
        raise LstError(f"options.emissivity.method: expected one of {EMISSIVITY_METHODS}, got {method!r}")
    if method == "constant":
        if options.emissivity.constant is None or not 0.5 < options.emissivity.constant <= 1.0:
            raise LstError(
                f"options.emissivity.constant: expected a value in (0.5, 1], got {options.emissivity.constant}"
            )
    elif method == "ndvi_threshold":
        has_vnir = all(b in scene.bands and scene.bands[b].usable for b in ("red", "nir08"))
        if not scene.is_day or not has_vnir:
            why = "night scene" if not scene.is_day else "no usable red/NIR band"
            warnings.append(f"Emissivity from land-cover classes ({why}): NDVI threshold method needs VNIR")
            method = "classes"
    return Retrieval(algorithm, bands, k, atmosphere, method, options.emissivity.constant)
