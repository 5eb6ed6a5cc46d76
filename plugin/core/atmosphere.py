"""The atmosphere a retrieval uses, where it came from, and how uncertain it is. Nothing is assumed silently.

Sources, in order of preference (``resolve``):

1. "user profile": transmittance tau, upwelling Lu and downwelling Ld per TIR band, given by the user
   (e.g. from the NASA Atmospheric Correction Parameter Calculator, Barsi et al. 2005, Proc. SPIE 5882).
2. "user": total column water vapour w (g cm-2), e.g. from ERA5/MERRA-2 or MODIS MOD05.
3. "climatology (...)": w of the AFGL model atmospheres (Anderson et al. 1986, "AFGL atmospheric
   constituent profiles (0-120 km)", AFGL-TR-86-0110) chosen by latitude zone and month:

   | zone (abs. latitude)   | local summer (May-Sep N / Nov-Mar S) | local winter (Nov-Mar N / May-Sep S) |
   |------------------------|--------------------------------------|--------------------------------------|
   | < 23.5 deg (tropical)  | Tropical 4.12                        | Tropical 4.12                        |
   | 23.5-52.5 (mid-lat.)   | Mid-latitude summer 2.92             | Mid-latitude winter 0.85             |
   | >= 52.5 (sub-arctic)   | Sub-arctic summer 2.08               | Sub-arctic winter 0.42               |

   April and October (transition months) take the mean of the zone's summer and winter values.
   This is a crude default: its 1-sigma error is taken as 50 % of w (at least 0.5 g cm-2).

With only w, RTE can still run on B10: tau, Lu, Ld are then derived from the JM 2014 atmospheric functions
(psi1 = 1/tau, psi2 = -Ld - Lu/tau, psi3 = Ld; Jiménez-Muñoz et al. 2014, doi:10.1109/LGRS.2014.2312032).

Uncertainty of the inputs is an input too: a user who knows the error of what they give (a measured
radiosounding, an ensemble spread) states it in AtmosphereInput (``transmittance_sigma``, ``upwelling_sigma``,
``downwelling_sigma`` per band, ``water_vapour_sigma``); 0 is allowed (an atmosphere known exactly).
What the user does not state takes the documented default:
- a user profile: the USGS Collection-2 ST fits of MODTRAN/reanalysis profile errors (Laraby & Schott 2018,
  RSE 216:472-481, doi:10.1016/j.rse.2018.06.026; code st_generate_qa.py), with their correlations;
- a user water vapour: 10 % + 0.1 g cm-2 (our assumption for reanalysis w);
- the climatology w: 50 % of w, at least 0.5 g cm-2 (our assumption: the spread of the AFGL columns).
The metadata says which sigma came from where.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .lst import SC_PSI_B10, psi
from .options import AtmosphereInput

AFGL_W = {  # total column water vapour of the AFGL model atmospheres, g cm-2 (Anderson et al. 1986)
    "tropical": 4.12,
    "midlatitude_summer": 2.92,
    "midlatitude_winter": 0.85,
    "subarctic_summer": 2.08,
    "subarctic_winter": 0.42,
}
AFGL_CITATION = "Anderson et al. 1986, AFGL atmospheric constituent profiles, AFGL-TR-86-0110"

# USGS C2 ST profile error fits (Laraby & Schott 2018; st_generate_qa.py), quadratic then clamped.
SIGMA_TAU_FIT = (-0.050527295343549, 0.029930689405143, 0.019127148003052)
SIGMA_LU_FIT = (-0.007147307279714, 0.082335806862813, -0.006782188536986)
SIGMA_LD_FIT = (-0.005291631300309, 0.073763835328557, -0.007066004902229)
RHO_TAU_LU = -0.9899
RHO_TAU_LD = -0.9857
RHO_LU_LD = 0.9965


@dataclass
class Atmosphere:
    source: str  # "user profile" | "user" | "climatology (...)"
    water_vapour_gcm2: float | None
    water_vapour_sigma: float | None
    transmittance: dict[str, float] = field(default_factory=dict)
    upwelling: dict[str, float] = field(default_factory=dict)
    downwelling: dict[str, float] = field(default_factory=dict)
    profile_source: str | None = None  # "user profile" or "JM 2014 psi functions of w"
    description: str = ""
    # 1-sigma of tau, Lu, Ld per band as stated by the user (a band/term missing: the USGS fits)
    transmittance_sigma: dict[str, float] = field(default_factory=dict)
    upwelling_sigma: dict[str, float] = field(default_factory=dict)
    downwelling_sigma: dict[str, float] = field(default_factory=dict)
    water_vapour_sigma_source: str = ""
    extra: dict = field(default_factory=dict)  # per-source details for the metadata (file, times, method)

    @property
    def has_profile(self) -> bool:
        return "lwir11" in self.transmittance and "lwir11" in self.upwelling and "lwir11" in self.downwelling

    def profile_sigma(self, band: str = "lwir11") -> tuple[float, float, float]:
        """1-sigma of (tau, Lu, Ld) for ``band``."""
        tau, lu, ld = self.transmittance[band], self.upwelling[band], self.downwelling[band]
        if self.profile_source == "user profile":
            fit = profile_error_fits(tau, lu, ld)
            given = (self.transmittance_sigma, self.upwelling_sigma, self.downwelling_sigma)
            return tuple(float(g[band]) if band in g else f for g, f in zip(given, fit))
        # derived from w through psi: propagate sigma_w through d(tau, Lu, Ld)/dw numerically
        w, sw = self.water_vapour_gcm2 or 0.0, self.water_vapour_sigma or 0.0
        hi, lo = profile_from_water_vapour(w + 0.5 * sw), profile_from_water_vapour(max(w - 0.5 * sw, 0.0))
        fit = profile_error_fits(tau, lu, ld)
        return tuple(float(np.hypot(abs(h - lw), f)) for h, lw, f in zip(hi, lo, fit))

    def metadata(self) -> dict:
        d = {
            "source": self.source,
            "water_vapour_gcm2": self.water_vapour_gcm2,
            "water_vapour_sigma_gcm2": self.water_vapour_sigma,
            "water_vapour_sigma_source": self.water_vapour_sigma_source,
            "description": self.description,
            **self.extra,
        }
        for band in sorted(self.transmittance):
            if band not in self.upwelling or band not in self.downwelling:  # incomplete: values only
                d[band] = {"tau": self.transmittance[band], "profile_source": self.profile_source}
                continue
            s_tau, s_lu, s_ld = self.profile_sigma(band)
            given = [
                name
                for name, g in (
                    ("tau", self.transmittance_sigma),
                    ("lu", self.upwelling_sigma),
                    ("ld", self.downwelling_sigma),
                )
                if band in g
            ]
            d[band] = {
                "tau": self.transmittance[band],
                "lu": self.upwelling.get(band),
                "ld": self.downwelling.get(band),
                "profile_source": self.profile_source,
                "sigma": {"tau": s_tau, "lu": s_lu, "ld": s_ld},
                "sigma_source": self._sigma_source(given),
            }
        return d

    def _sigma_source(self, given: list[str]) -> str:
        if self.profile_source != "user profile":
            return "sigma_w propagated through the JM 2014 psi functions, with the Laraby & Schott 2018 fits"
        parts = [f"user ({', '.join(given)})"] if given else []
        if len(given) < 3:
            parts.append(
                "Laraby & Schott 2018 fits, doi:10.1016/j.rse.2018.06.026" + (" (rest)" if given else "")
            )
        return "; ".join(parts)


def profile_error_fits(tau: float, lu: float, ld: float) -> tuple[float, float, float]:
    """USGS C2 ST sigma of tau, Lu, Ld (Laraby & Schott 2018), with their clamps."""

    def q(c, x):
        return c[0] * x * x + c[1] * x + c[2]

    return (
        float(q(SIGMA_TAU_FIT, max(tau, 0.3005))),
        float(q(SIGMA_LU_FIT, min(lu, 5.6788))),
        float(q(SIGMA_LD_FIT, min(ld, 7.2307))),
    )


def profile_from_water_vapour(w: float) -> tuple[float, float, float]:
    """B10 (tau, Lu, Ld) implied by the JM 2014 psi functions: tau = 1/psi1, Ld = psi3, Lu = -tau (psi2 + psi3)."""
    p1, p2, p3 = (float(x) for x in psi(w, SC_PSI_B10))
    tau = 1.0 / p1
    return tau, -tau * (p2 + p3), p3


def climatology_water_vapour(lat: float, month: int) -> tuple[float, str]:
    """(w, model name) of the AFGL climatology table in the module docstring."""
    north = lat >= 0
    summer_months = (5, 6, 7, 8, 9) if north else (11, 12, 1, 2, 3)
    winter_months = (11, 12, 1, 2, 3) if north else (5, 6, 7, 8, 9)
    a = abs(lat)
    if a < 23.5:
        return AFGL_W["tropical"], "tropical"
    zone = "midlatitude" if a < 52.5 else "subarctic"
    if month in summer_months:
        return AFGL_W[f"{zone}_summer"], f"{zone} summer"
    if month in winter_months:
        return AFGL_W[f"{zone}_winter"], f"{zone} winter"
    return 0.5 * (AFGL_W[f"{zone}_summer"] + AFGL_W[f"{zone}_winter"]), f"{zone} transition"


def resolve(given: AtmosphereInput, lat: float, month: int) -> Atmosphere:
    """The atmosphere to use from what the user gave (see module docstring for the order)."""
    for name, d in (("transmittance", given.transmittance), ("upwelling", given.upwelling)):
        for band, v in d.items():
            if v is None or not np.isfinite(v) or v < 0 or (name == "transmittance" and not 0 < v <= 1):
                raise ValueError(
                    f"atmosphere {name}[{band}]: expected a finite value (tau in (0, 1]), got {v}"
                )
    if given.water_vapour_gcm2 is not None and not 0 <= given.water_vapour_gcm2 < 10:
        raise ValueError(f"atmosphere water_vapour_gcm2: expected 0-10 g/cm2, got {given.water_vapour_gcm2}")
    _check_sigmas(given)
    user_w = given.water_vapour_gcm2 is not None
    if user_w and given.water_vapour_sigma is not None:
        sw_user, sw_source = float(given.water_vapour_sigma), "user"
    elif user_w:
        sw_user = 0.1 * float(given.water_vapour_gcm2) + 0.1
        sw_source = "default for a user w: 10 % + 0.1 g cm-2 (assumption)"
    if given.has_profile:
        w, sw = given.water_vapour_gcm2, None
        description = "Transmittance and path radiances given by the user"
        if not user_w:  # SC/SW still need w: take the climatology and say so
            w, model = climatology_water_vapour(lat, month)
            sw, sw_source = max(0.5, 0.5 * w), "climatology spread: 50 % of w, >= 0.5 g cm-2 (assumption)"
            description += f"; water vapour from climatology ({AFGL_CITATION}; {model})"
        return Atmosphere(
            source="user profile",
            water_vapour_gcm2=w,
            water_vapour_sigma=sw if sw is not None else sw_user,
            transmittance=dict(given.transmittance),
            upwelling=dict(given.upwelling),
            downwelling=dict(given.downwelling),
            profile_source="user profile",
            description=description,
            transmittance_sigma=dict(given.transmittance_sigma),
            upwelling_sigma=dict(given.upwelling_sigma),
            downwelling_sigma=dict(given.downwelling_sigma),
            water_vapour_sigma_source=sw_source,
        )
    if user_w:
        w = float(given.water_vapour_gcm2)
        atm = Atmosphere("user", w, sw_user, description="Column water vapour given by the user")
        atm.water_vapour_sigma_source = sw_source
    else:
        w, model = climatology_water_vapour(lat, month)
        atm = Atmosphere(
            f"climatology ({AFGL_CITATION}; {model} model atmosphere, latitude {lat:.1f}, month {month})",
            w,
            max(0.5, 0.5 * w),
            description="No atmosphere given: climatological water vapour by latitude zone and month",
            water_vapour_sigma_source="climatology spread: 50 % of w, >= 0.5 g cm-2 (assumption)",
        )
    tau, lu, ld = profile_from_water_vapour(atm.water_vapour_gcm2)
    atm.transmittance, atm.upwelling, atm.downwelling = {"lwir11": tau}, {"lwir11": lu}, {"lwir11": ld}
    atm.profile_source = "JM 2014 psi functions of w"
    return atm


def _check_sigmas(given: AtmosphereInput) -> None:
    """Stated sigmas must be finite and >= 0 (0: known exactly)."""
    for name in ("transmittance_sigma", "upwelling_sigma", "downwelling_sigma"):
        for band, v in getattr(given, name).items():
            if v is None or not np.isfinite(v) or v < 0:
                raise ValueError(f"atmosphere {name}[{band}]: expected a finite value >= 0, got {v}")
    v = given.water_vapour_sigma
    if v is not None and (not np.isfinite(v) or v < 0):
        raise ValueError(f"atmosphere water_vapour_sigma: expected a finite value >= 0 g/cm2, got {v}")
