"""The LST retrieval of one scene: which algorithm and bands, their constants, the atmosphere, the
emissivity method (``decide``), and the per-block computation of LST, its 1-sigma uncertainty and the
emissivities (``Retrieval.compute``). ``pipeline`` calls it block by block; nothing here reads files.

Per block (issue 15): what does not depend on the pixel is evaluated once. A scene-wide w and sigma_w are
scalars (``water_vapour``), so the atmospheric functions, the transmittance and the uncertainty's model
term are one number per block; the NDVI regimes of the emissivity are found once for both bands
(core.emissivity); the split-window's B10-only fallback (core.btd_guard) runs on the fallback pixels only.
The split-window and its uncertainty compute in float32 (their inputs are float32; see core.lst and
core.uncertainty for where float64 stays and why).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
from rasterio.windows import Window

from . import atmosphere as atm_mod
from . import emissivity as emis
from . import landcover
from . import lst as lst_mod
from . import reanalysis as rean
from . import uncertainty as unc
from . import water_vapour as wv
from .aoi import ring_centre
from .btd_guard import BTD_MAX_K, BTD_MIN_K, BTD_SOURCE, implausible_btd
from .errors import LstError, ProductError
from .messages import msg
from .options import EMISSIVITY_METHODS, LstOptions
from .products.scene import Scene
from .quality import QA_BIT
from .radiometry import brightness_temperature, ndvi, planck_radiance

QA_SW_FALLBACK = np.uint16(1 << QA_BIT["split_window_fallback"])
# No surface on Earth is colder: about -98 °C (175 K) in East Antarctic ice-sheet hollows, the lowest surface
# temperatures observed, from Landsat-8 TIRS and MODIS (Scambos et al. 2018, GRL 45:6124-6133,
# doi:10.1029/2018GL078133). Colder results come from the atmospheric correction of pixels it does not fit
# (cold cloud tops under a humid column: 62 K on the real South Carolina subset): not retrieved
# (QA lst_not_retrieved), never a temperature. No upper bound: fires and lava are legitimately hot.
LST_MIN_K = 175.0
LST_MIN_SOURCE = "Scambos et al. 2018, doi:10.1029/2018GL078133"
W_FIELD_STRIDE = 32  # output pixels between reanalysis samples (ERA5's 0.25° is ~25 km: smooth)
# Upper bound of the reanalysis w error away from sharp local variability: a bias within ±1 kg m-2 and a
# standard deviation of daily differences "generally below 2 kg m-2" (ERA-Interim vs GPS at 120 sites, Bock &
# Parracho 2019, ACP 19:9453-9468, doi:10.5194/acp-19-9453-2019), in quadrature: hypot(0.1, 0.2) g cm-2. It
# caps the relative default (0.1 g cm-2 + 10 % of w gives 0.5 g cm-2 at w = 4, 2.5x that figure); the larger
# errors they find come with variability between the four surrounding grid values, which the spread term adds.
REANALYSIS_SIGMA_W_CAP = float(np.hypot(0.1, 0.2))
# Algorithm choice (decide): RTE whenever the user gives tau/Lu/Ld (Barsi et al. 2003; the USGS Collection-2
# ST approach, Cook et al. 2014, doi:10.3390/rs61111244). Otherwise Landsat-8 runs B10 only (single-channel):
# USGS advised against B11 for split-window because of stray light (Montanaro et al. 2014,
# doi:10.3390/rs61111753); the 2017 correction (Gerace & Montanaro 2017, doi:10.1016/j.rse.2017.01.029)
# reduced but did not remove it, and USGS Collection-2 ST still uses B10 only. Landsat-9 TIRS-2 has a
# hardware stray-light baffle, so split-window (JM 2014), less sensitive to w than single-channel and better
# at high w (JM 2014), runs there, with the T10 - T11 guard (core.btd_guard) and a B10-only fallback.
CHOICE_NOTES = {
    "RTE": "RTE: transmittance and path radiances given (Barsi et al. 2003; USGS C2 ST, Cook et al. 2014)",
    "L8": "Landsat-8: B10 only (single-channel), B11 stray light (Montanaro et al. 2014, "
    "doi:10.3390/rs61111753; Gerace & Montanaro 2017, doi:10.1016/j.rse.2017.01.029)",
    "SW": "Split-window (JM 2014) with B11: TIRS-2 stray light mitigated in hardware; T10 - T11 guard "
    "with B10-only fallback",
    "SC": "Single-channel (JM 2014): B11 not usable",
}

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
    window: Window | None = None  # the block on the output grid (per-pixel water vapour)
    # split window: each band's brightness temperature (K) as the product reader gives it, instead of
    # ``radiance``: FarEarth stores BT, so BT -> radiance -> BT cost two float64 Planck inversions per
    # band and pixel, a quarter of the block loop's compute on a full scene (issue 15)
    bt: dict[str, np.ndarray] | None = None


@dataclass
class Retrieval:
    """Scene-wide settings of the retrieval (what the metadata reports)."""

    algorithm: str
    bands: list[str]
    k: dict[str, tuple[float, float]]  # K1, K2 per band
    atmosphere: atm_mod.Atmosphere
    emissivity_method: str  # ndvi_threshold | classes | constant
    emissivity_constant: float | None = None
    w_field: wv.GridField | None = None  # per-pixel w (reanalysis); None: atmosphere.water_vapour_gcm2
    w_sigma_field: wv.GridField | None = None
    needs_image_w: bool = False  # prepare() estimates w from the image (CVR) before the blocks
    choice: str = ""  # why this algorithm (CHOICE_NOTES)
    platform: str = ""
    k_extra: dict[str, tuple[float, float]] | None = None  # lwir12 K1/K2 for the CVR when not in bands

    def emissivity(self, b: BlockInputs) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        shape = b.valid.shape
        eps, sig = {}, {}
        regimes = None
        if self.emissivity_method == "ndvi_threshold":  # one NDVI, one set of regimes for every band
            regimes = emis.ndvi_regimes(ndvi(b.red, b.nir))
        for band in self.bands:
            if self.emissivity_method == "constant":
                e, s = emis.constant(shape, self.emissivity_constant)
            elif self.emissivity_method == "ndvi_threshold":
                e, s = emis.ndvi_threshold(regimes.ndvi, b.red, band, regimes=regimes)
            else:
                e, s = emis.from_classes(shape, band)
            if self.emissivity_method != "constant":
                if b.land_cover is not None:
                    landcover.apply(e, s, band, b.land_cover, self.emissivity_method)
                emis.apply_water_snow(e, s, band, b.water, b.snow)
            eps[band], sig[band] = e, s
        return eps, sig

    def _brightness_temperature(self, b: BlockInputs, band: str) -> np.ndarray:
        """The band's brightness temperature, float32 K, NaN where there is none: the block's ``bt``
        (0 K or less is none, as a radiance <= 0 is for ``brightness_temperature``), else from its radiance."""
        if b.bt is None:
            return brightness_temperature(b.radiance[band], *self.k[band])
        bt = b.bt[band]
        return np.where(bt > 0, bt, np.float32(np.nan)).astype(np.float32, copy=False)

    def water_vapour(self, b: BlockInputs) -> tuple[float | np.ndarray, float | np.ndarray]:
        """(w, sigma_w) of the block, g cm-2: float32 arrays for a per-pixel field (reanalysis), else two
        Python floats for the whole scene (every per-pixel formula broadcasts them)."""
        shape = b.valid.shape
        if self.w_field is not None and self.w_sigma_field is not None:
            w, sw = self.w_field.block(b.window, shape), self.w_sigma_field.block(b.window, shape)
            return w.astype(np.float32), sw.astype(np.float32)
        atm = self.atmosphere
        w = atm.water_vapour_gcm2 if atm.water_vapour_gcm2 is not None else np.nan
        return float(w), float(atm.water_vapour_sigma or 0.0)

    def _single_channel(self, b, eps, sig, w, sw, where=None, t10=None):
        """Single-channel LST and its total sigma, on the pixels ``where`` only when given; the B10
        radiance from ``t10`` (its brightness temperature) when the block has no radiance."""
        k1, k2 = self.k["lwir11"]
        pick = (lambda a: a) if where is None else (lambda a: a[where] if np.ndim(a) else a)
        if "lwir11" in b.radiance:
            L10 = pick(b.radiance["lwir11"])
        else:
            L10 = planck_radiance(pick(t10), k1, k2).astype(np.float32)
        e10, s10, w, sw = (pick(a) for a in (eps["lwir11"], sig["lwir11"], w, sw))
        ts = lst_mod.single_channel(L10, e10, w, k1, k2)
        return ts, unc.sc_components(L10, e10, s10, w, sw, k1, k2)

    def compute(self, b: BlockInputs) -> dict[str, np.ndarray]:
        """LST, its uncertainty, the emissivities, the water vapour and B10 transmittance used and the QA
        bits the retrieval sets ("QA", uint16) of one block (float32, NaN where not retrieved)."""
        eps, sig = self.emissivity(b)
        atm = self.atmosphere
        k1, k2 = self.k["lwir11"]
        L10 = b.radiance.get("lwir11")
        w, sw = self.water_vapour(b)
        qa = np.zeros(b.valid.shape, np.uint16)
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
            tau10 = float(tau)
        elif self.algorithm == "SC":
            ts, comps = self._single_channel(b, eps, sig, w, sw)
            tau10 = 1.0 / lst_mod.psi(w)[0]
        else:
            t10, t11 = (self._brightness_temperature(b, band) for band in ("lwir11", "lwir12"))
            ts = lst_mod.split_window(t10, t11, eps["lwir11"], eps["lwir12"], w)
            comps = unc.sw_components(
                t10, t11, eps["lwir11"], eps["lwir12"], sig["lwir11"], sig["lwir12"], w, sw
            )
            tau10 = 1.0 / lst_mod.psi(w)[0]
            bad = implausible_btd(t10, t11) & b.valid
            if bad.any():  # no split-window value there: B10 only (core.btd_guard), on those pixels
                ts_sc, comps_sc = self._single_channel(b, eps, sig, w, sw, where=bad, t10=t10)
                ts[bad] = ts_sc
                comps["total"][bad] = comps_sc["total"]
                qa[bad] = QA_SW_FALLBACK
        sigma = comps["total"]
        if b.cloud_distance_km is not None:
            sigma = np.hypot(sigma, unc.adjacency_sigma(b.cloud_distance_km))
        with np.errstate(invalid="ignore"):
            plausible = ts >= LST_MIN_K  # False where NaN as well
        ts = _where_valid(b.valid & plausible & np.isfinite(sigma), ts)
        sigma = _where_valid(np.isfinite(ts), sigma)
        out = {"LST": ts, "LST_UNCERTAINTY": sigma, "QA": qa}
        out["WATER_VAPOUR"] = _where_valid(b.valid, w)
        out["TRANSMITTANCE"] = _where_valid(b.valid, tau10)
        # one band per thermal band used; their sigmas enter LST_UNCERTAINTY and are not written (issue 15)
        out["EMISSIVITY"] = np.stack([_where_valid(b.valid, eps[band]) for band in self.bands])
        return out

    def prepare(
        self, read_radiance: Callable[[str, Window], np.ndarray], clear_land: np.ndarray, pixel_m: float
    ) -> list[str]:
        """Scene-wide steps before the blocks: the image-based water vapour when no other w is given.

        ``read_radiance(band, window)`` reads a band's radiance on the output grid; ``clear_land`` is the
        clear, snow- and water-free mask of the output grid. Returns warnings for the metadata.
        """
        if not self.needs_image_w:
            return []
        ks = {**(self.k_extra or {}), **self.k}

        def read_bt(band: str, win: Window) -> np.ndarray:
            return brightness_temperature(read_radiance(band, win), *ks[band])

        est = wv.image_water_vapour(read_bt, clear_land, pixel_m)
        self.needs_image_w = False
        atm = self.atmosphere
        if est.value is None:
            return [
                msg(
                    "Image-based water vapour not possible ({windows} usable clear-land windows, {needed} "
                    "needed): climatological {w:.2f} g/cm² ({source}); uncertainty is large",
                    windows=est.windows,
                    needed=wv.MIN_WINDOWS,
                    w=atm.water_vapour_gcm2,
                    source=atm.source,
                )
            ]
        atm.source = msg("image (split-window covariance-variance ratio, {citation})", citation=wv.REN2015)
        atm.water_vapour_gcm2, atm.water_vapour_sigma = est.value, est.sigma
        atm.water_vapour_sigma_source = (
            "hypot(Ren et al. 2015 model RMSE 0.5 g cm-2, window spread / sqrt(n))"
        )
        atm.description = "Column water vapour estimated from the image (B10/B11 covariance-variance ratio)"
        atm.extra["image_water_vapour"] = est.describe()
        tau, lu, ld = atm_mod.profile_from_water_vapour(est.value)
        atm.transmittance, atm.upwelling, atm.downwelling = {"lwir11": tau}, {"lwir11": lu}, {"lwir11": ld}
        notes = [
            msg(
                "Water vapour {w:.2f} ± {sigma:.2f} g/cm² estimated from the image (Ren et al. 2015)",
                w=est.value,
                sigma=est.sigma,
            )
        ]
        if self.platform.startswith("LANDSAT-8"):
            notes.append(
                msg(
                    "Landsat-8 image-based water vapour uses B11, which carries stray light (Montanaro et al. 2014, "
                    "doi:10.3390/rs61111753): the covariance-variance ratio removes its smooth part, not all of it"
                )
            )
        elif self.platform.startswith("LANDSAT-9"):
            notes.append(
                msg(
                    "Landsat-9: Landsat-8 covariance-variance-ratio coefficients used (Wang et al. 2023, "
                    "doi:10.1109/JSTARS.2022.3232621, validate the method for TIRS-2; their coefficients not "
                    "included)"
                )
            )
        return notes

    def inputs_metadata(self) -> dict[str, Any]:
        """The algorithm's inputs as the metadata reports them (``algorithm.inputs`` in result.json)."""
        atm = self.atmosphere
        algorithm_inputs: dict[str, Any] = {
            "water_vapour_gcm2": atm.water_vapour_gcm2,
            "water_vapour_source": atm.source,
            "water_vapour_per_pixel": self.w_field is not None,
            "algorithm_choice": self.choice,
            "lowest_plausible_lst_k": {
                "value": LST_MIN_K,
                "source": LST_MIN_SOURCE,
                "below": "not retrieved (QA bit lst_not_retrieved)",
            },
        }
        if self.algorithm == "SW":
            algorithm_inputs["split_window_guard"] = {
                "t10_minus_t11_bounds_k": [BTD_MIN_K, BTD_MAX_K],
                "source": BTD_SOURCE,
                "outside": "no split-window value; single-channel B10 (JM 2014) with the same w; "
                "QA bit split_window_fallback",
            }
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


def _where_valid(valid: np.ndarray, values) -> np.ndarray:
    """float32 ``values`` (array or scalar) where ``valid``, NaN elsewhere, in one pass."""
    return np.where(valid, np.asarray(values, dtype=np.float32), np.float32(np.nan))


def thermal_constants(scene: Scene, band: str) -> tuple[float, float]:
    b = scene.bands.get(band)
    if b is None:
        raise ProductError(scene.path, band, msg("thermal band missing: expected it in the product"))
    if not b.usable:
        raise ProductError(
            scene.path,
            band,
            msg("thermal band unusable: {reason}", reason=b.unusable_reason or "see product"),
        )
    if not b.k1 or not b.k2:
        raise ProductError(
            scene.path, f"{band} K1/K2", msg("missing thermal constants: expected K1 > 0, K2 > 0")
        )
    return float(b.k1), float(b.k2)


def band_usable(scene: Scene, band: str) -> bool:
    b = scene.bands.get(band)
    return bool(b is not None and b.usable and b.k1 and b.k2)


def scene_centre_lonlat(scene: Scene) -> tuple[float, float]:
    ring = scene.footprint_lonlat or []
    if ring:
        return ring_centre(ring)
    x0, y0, x1, y1 = scene.grid.bounds
    from pyproj import Transformer

    lon, lat = Transformer.from_crs(scene.grid.crs, "EPSG:4326", always_xy=True).transform(
        (x0 + x1) / 2, (y0 + y1) / 2
    )
    return float(lon), float(lat)


def platform_name(scene: Scene) -> str:
    return (scene.platform or "").upper().replace("_", "-")


def choose(scene: Scene, options: LstOptions) -> tuple[str, str]:
    """(algorithm, why) per sensor and input (see CHOICE_NOTES)."""
    lwir12 = band_usable(scene, "lwir12")
    algorithm = lst_mod.choose_algorithm(options.algorithm, options.atmosphere.has_profile, lwir12)
    if options.algorithm != "auto":
        return algorithm, f"requested by the user ({algorithm})"
    if algorithm != "RTE" and platform_name(scene).startswith("LANDSAT-8"):
        return "SC", CHOICE_NOTES["L8"]
    return algorithm, CHOICE_NOTES[algorithm]


def thermal_bands_for(algorithm: str) -> list[str]:
    """The thermal bands an algorithm reads (its footprint is where all of them have data)."""
    return ["lwir11", "lwir12"] if algorithm == "SW" else ["lwir11"]


def decide(scene: Scene, options: LstOptions, warnings: list[str], grid=None) -> Retrieval:
    """The scene's retrieval; ``grid`` is the output grid (per-pixel reanalysis w), the scene's by default."""
    if options.algorithm not in ("auto", "RTE", "SW", "SC"):
        raise LstError(
            msg("options.algorithm: expected auto, RTE, SW or SC, got {value!r}", value=options.algorithm)
        )
    lwir12 = band_usable(scene, "lwir12")
    algorithm, choice = choose(scene, options)
    bands = thermal_bands_for(algorithm)
    if algorithm == "SW" and not lwir12:
        thermal_constants(scene, "lwir12")  # raises the precise ProductError
    k = {b: thermal_constants(scene, b) for b in bands}
    if options.algorithm == "auto" and algorithm == "SC" and "lwir12" in scene.bands and not lwir12:
        warnings.append(msg("Band lwir12 unusable: single-channel algorithm used instead of split-window"))
    _, lat = scene_centre_lonlat(scene)
    try:
        atmosphere = atm_mod.resolve(options.atmosphere, lat, scene.acquisition_datetime.month)
    except ValueError as exc:
        raise LstError(str(exc)) from exc
    given = options.atmosphere
    w_field = w_sigma = None
    needs_image = False
    if not given.has_profile and given.water_vapour_gcm2 is None:
        path = given.reanalysis or (
            _download(scene, grid or scene.grid, given) if given.download_era5 else None
        )
        if path:
            w_field, w_sigma = _reanalysis_field(path, scene, grid or scene.grid, atmosphere)
        elif given.image_water_vapour and lwir12:
            needs_image = True
    uses_w = algorithm in ("SC", "SW") or atmosphere.profile_source != "user profile"
    if uses_w and not needs_image and "climatology" in atmosphere.source + atmosphere.description:
        warnings.append(
            msg(
                "No water vapour given: climatological {w:.2f} g/cm² ({source}; {description}); uncertainty is large",
                w=atmosphere.water_vapour_gcm2,
                source=atmosphere.source,
                description=atmosphere.description,
            )
        )
    if algorithm == "RTE" and atmosphere.profile_source != "user profile":
        warnings.append(msg("RTE without a user profile: B10 τ/L↑/L↓ derived from water vapour (JM 2014 ψ)"))
    if algorithm in ("SC", "SW") and not needs_image and (atmosphere.water_vapour_gcm2 or 0) > 3.0:
        warnings.append(
            msg(
                "Water vapour {w:.2f} g/cm² > 3: {algorithm} errors grow quickly (JM 2014); prefer RTE with a profile",
                w=atmosphere.water_vapour_gcm2,
                algorithm=algorithm,
            )
        )
    if platform_name(scene).startswith("LANDSAT-9") and algorithm in ("SC", "SW"):
        warnings.append(
            msg("Landsat-9: JM 2014 coefficients are those of Landsat-8 TIRS (no published L9 set)")
        )
    k_extra = {"lwir12": thermal_constants(scene, "lwir12")} if needs_image and "lwir12" not in k else None
    method = _emissivity_method(scene, options, warnings)
    return Retrieval(
        algorithm,
        bands,
        k,
        atmosphere,
        method,
        options.emissivity.constant,
        w_field=w_field,
        w_sigma_field=w_sigma,
        needs_image_w=needs_image,
        choice=choice,
        platform=platform_name(scene),
        k_extra=k_extra,
    )


def _download(scene: Scene, grid, given) -> str:
    """ERA5 for the output grid from the CDS (or its cache); the user asked for it (core.cds_download)."""
    from . import cds_download

    lon, lat = wv.grid_lonlat(grid, max(grid.width, grid.height))
    cache = given.era5_cache_dir or str(Path.home() / ".cache" / "lst_studio" / "era5")
    lon_r, lat_r = (float(lon.min()), float(lon.max())), (float(lat.min()), float(lat.max()))
    return str(cds_download.download_era5(scene.acquisition_datetime, lon_r, lat_r, cache))


def _reanalysis_field(path: str, scene: Scene, grid, atmosphere: atm_mod.Atmosphere):
    """Per-pixel w and sigma_w fields from an ERA5 file; updates ``atmosphere`` to say so."""
    field = rean.read_era5(path)
    when = scene.acquisition_datetime
    lon, lat = wv.grid_lonlat(grid, W_FIELD_STRIDE)
    w, spread = field.sample(when, lon, lat)
    sigma = np.hypot(np.minimum(rean.SIGMA_W_ABS + rean.SIGMA_W_REL * w, REANALYSIS_SIGMA_W_CAP), spread)
    atmosphere.source = f"reanalysis (ERA5 file {Path(path).name})"
    atmosphere.water_vapour_gcm2 = float(np.mean(w))
    atmosphere.water_vapour_sigma = float(np.mean(sigma))
    atmosphere.water_vapour_sigma_source = (
        "0.1 g cm-2 + 10 % of w, at most 0.22 g cm-2 (bias 1 and SD 2 kg m-2 in quadrature, reanalysis vs "
        "GNSS, Bock & Parracho 2019, doi:10.5194/acp-19-9453-2019), with the spread of the surrounding grid values"
    )
    atmosphere.description = "Column water vapour per pixel from ERA5, " + rean.METHOD
    meta = field.describe(when)
    meta.update(w_min_gcm2=float(w.min()), w_max_gcm2=float(w.max()))
    if field.t2m is not None:
        t2m, _ = field.sample(when, lon, lat, "t2m")
        meta["t2m_mean_k"] = float(np.mean(t2m))
    atmosphere.extra["reanalysis"] = meta
    tau, lu, ld = atm_mod.profile_from_water_vapour(atmosphere.water_vapour_gcm2)
    atmosphere.transmittance, atmosphere.upwelling, atmosphere.downwelling = (
        {"lwir11": tau},
        {"lwir11": lu},
        {"lwir11": ld},
    )
    atmosphere.profile_source = "JM 2014 psi functions of w"
    return wv.GridField(w, W_FIELD_STRIDE), wv.GridField(sigma, W_FIELD_STRIDE)


def _emissivity_method(scene: Scene, options: LstOptions, warnings: list[str]) -> str:
    method = options.emissivity.method
    if method not in EMISSIVITY_METHODS:
        raise LstError(
            msg(
                "options.emissivity.method: expected one of {methods}, got {value!r}",
                methods=EMISSIVITY_METHODS,
                value=method,
            )
        )
    if method == "constant":
        if options.emissivity.constant is None or not 0.5 < options.emissivity.constant <= 1.0:
            raise LstError(
                msg(
                    "options.emissivity.constant: expected a value in (0.5, 1], got {value}",
                    value=options.emissivity.constant,
                )
            )
    elif method == "ndvi_threshold":
        has_vnir = all(b in scene.bands and scene.bands[b].usable for b in ("red", "nir08"))
        if not scene.is_day or not has_vnir:
            why = "night scene" if not scene.is_day else "no usable red/NIR band"
            warnings.append(
                msg("Emissivity from land-cover classes ({why}): NDVI threshold method needs VNIR", why=why)
            )
            method = "classes"
    return method
