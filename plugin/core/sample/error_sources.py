"""Optional retrieval error sources of the sample world (``write_sample(..., error_sources=True)``).

The default sample world is ideal for a retrieval: a perfectly calibrated sensor, the B10 atmosphere
exactly on the Jiménez-Muñoz et al. (2014) ψ(w) regression, emissivities exactly those of the
NDVI-threshold method on pure pixels. Real scenes carry the errors the plugin's uncertainty model
accounts for; with ``error_sources=True`` the world carries them too, so the claimed 1σ can be tested.
All draws come from their own random stream (``STREAM``), so the rest of the scene (land cover,
clouds, noise) is the same as without them, and everything stays deterministic by seed.

1. Atmosphere off the ψ(w) regression. Atmospheres with the same water vapour differ mostly in
   temperature; the single-channel algorithm, which knows only w, cannot see it. We shift the
   effective emitting-layer temperatures of Lu and Ld (both bands) by one scene-constant ΔTa ~
   N(0, SIGMA_AIR_K), τ unchanged. SIGMA_AIR_K = 4.5 K is our assumption, chosen so that the SC
   error it causes at w = 2 g cm-2 is ≈ 1 K (dSC/dΔTa ≈ 0.22 at w = 2, own computation), the RMSE
   Jiménez-Muñoz et al. (2009, IEEE TGRS 47:339-349, doi:10.1109/TGRS.2008.2007125) report for the
   SC atmospheric functions at w < 2 g cm-2. The truth (atmosphere.json) holds the shifted τ, Lu, Ld:
   RTE with the true atmosphere stays exact.
2. Absolute calibration: a scene-constant brightness-temperature offset per band ~ N(0, σ), σ = 0.2 K
   (B10) and 0.4 K (B11): our reading of the residual error after the TIRS stray-light correction
   (Gerace & Montanaro 2017, RSE 191:246-257, doi:10.1016/j.rse.2017.01.029; B11 worse). Same
   reading as the plugin's uncertainty model (an assumption on both sides, not a fit).
3. Within-class emissivity variability: a textured field (wavelengths 2-12 px, unit σ, the same in
   both bands) times σ_ε of the class: 0.005 vegetation, 0.01 bare soil and urban (the accuracy
   Sobrino et al. 2008, IEEE TGRS 46:316-327, doi:10.1109/TGRS.2007.904834, give for the
   NDVI-threshold method, ≈0.01; full vegetation half of it, our assumption). Water and snow unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fields import Fourier

STREAM = 20261121  # the random stream of these draws (independent of the scene's)
SIGMA_AIR_K = 4.5
CALIBRATION_SIGMA_K = {"lwir11": 0.2, "lwir12": 0.4}
EMISSIVITY_SIGMA = {1: 0.005, 2: 0.01, 3: 0.01}  # by land-cover class (model.VEGETATION, BARE_SOIL, URBAN)


@dataclass(frozen=True)
class ErrorSources:
    air_temperature_offset_k: float
    calibration_offset_k: dict[str, float]
    emissivity_field: Fourier | None

    @classmethod
    def draw(cls, seed: int, enabled: bool) -> ErrorSources:
        if not enabled:
            return cls(0.0, {"lwir11": 0.0, "lwir12": 0.0}, None)
        rng = np.random.default_rng([seed, STREAM])
        dta = float(rng.normal(0.0, SIGMA_AIR_K))
        cal = {b: float(rng.normal(0.0, s)) for b, s in CALIBRATION_SIGMA_K.items()}
        return cls(dta, cal, Fourier(rng, 24, 2.0, 12.0))

    def emissivity_offset(self, cls_map: np.ndarray, u, v) -> np.ndarray:
        """δε at the positions (0 where the class has no variability or the option is off)."""
        if self.emissivity_field is None:
            return np.zeros(cls_map.shape)
        sigma = np.zeros(cls_map.shape)
        for c, s in EMISSIVITY_SIGMA.items():
            sigma[cls_map == c] = s
        return sigma * self.emissivity_field(u, v)

    def to_json(self) -> dict:
        return {
            "enabled": self.emissivity_field is not None,
            "air_temperature_offset_k": self.air_temperature_offset_k,
            "calibration_offset_k": self.calibration_offset_k,
            "sigma": {
                "air_temperature_k": SIGMA_AIR_K,
                "calibration_k": CALIBRATION_SIGMA_K,
                "emissivity_by_class": {str(k): v for k, v in EMISSIVITY_SIGMA.items()},
            },
            "model": "see plugin/core/sample/error_sources.py (docstring)",
        }
