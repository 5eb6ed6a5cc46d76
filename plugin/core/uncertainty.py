"""Per-pixel 1-sigma LST uncertainty by first-order propagation through the algorithm used (algorithms.md §2.6).

sigma_Ts^2 = sum_i (dTs/dx_i sigma_i)^2 (+ covariance terms where inputs are correlated), with the inputs:

- instrument noise: NEdT of TIRS on orbit ~0.05 K at 300 K (Montanaro et al. 2014, Remote Sens. 6:11753-11769,
  doi:10.3390/rs61111753), independent per band and pixel;
- calibration: residual absolute calibration error after the stray-light correction, 0.2 K for B10 and
  0.4 K for B11 (our reading of Gerace & Montanaro 2017, RSE 191:246-257, doi:10.1016/j.rse.2017.01.029:
  a few tenths of a kelvin, B11 worse), independent between bands;
- emissivity: sigma_eps of core.emissivity per pixel; the errors of the two bands are strongly correlated
  (one NDVI drives both), correlation RHO_EPS = 0.9 (our assumption);
- atmosphere: RTE through tau, Lu, Ld (sigmas and correlations of core.atmosphere); SC and SW through w;
- algorithm (model) error of SC: the atmospheric functions psi(w) know only w; atmospheres of the same w
  differ (mostly in temperature), and the LST error this causes scales with the atmosphere's opacity
  (1 - tau) / tau = psi1(w) - 1. Jiménez-Muñoz et al. (2009, IEEE TGRS 47:339-349,
  doi:10.1109/TGRS.2008.2007125) report an RMSE below 1 K for w < 2 g cm-2 and unacceptable errors above
  3 g cm-2. We take sigma = hypot(0.2 K, 1.0 K * (psi1(w) - 1) / (psi1(2) - 1)): 1.0 K at w = 2, 0.34 K
  at w = 0.8, 2.0 K at w = 3, 2.6 K at w = 3.5 (the scaling is our model; 0.2 K covers the linearised
  gamma/delta, 0.1-0.35 K at 300-310 K in our tests);
- model error of SW: JM 2014 (doi:10.1109/LGRS.2014.2312032) report errors "typically below 1.5 K" on
  simulated data, the split-window degrading more slowly with w than the single-channel algorithm. We take
  0.8 K up to w = 2 g cm-2, growing linearly to 1.5 K at w = 4 (0.35 K per g cm-2 above 2): our reading of
  that statement, not their table and not a fit;
- cloud adjacency: undetected cloud edges and thin-cloud fringes just beyond the cloud mask and its buffer:
  1.5 K * exp(-d / 0.5 km), d = distance to the nearest cloud (our assumption: a few hundred metres,
  0.2 K at 1 km, negligible beyond 2 km). Deliberately NOT the USGS ST "unknown" table (Laraby & Schott
  2018, doi:10.1016/j.rse.2018.06.026): that is the total residual of their MERRA/MODTRAN chain against
  validation sites, binned by cloud distance, and would count the atmospheric error a second time.
- the water-vapour source's error sigma_w (reanalysis, image, climatology, user) enters twice: through the
  algorithm, dTs/dw sigma_w ("atmosphere"; SC is quadratic and SW linear in w, so the derivative at w is the
  exact secant over w +- sigma_w), and through the model term, which depends on the TRUE w, known only to
  +- sigma_w: the model term is its RMS over w ~ N(w, sigma_w^2) (``model_sigma_over_w``), by three-point
  Gauss-Hermite quadrature (nodes w and w +- sqrt(3) sigma_w, weights 2/3 and 1/6 each; exact for
  polynomials of degree <= 5). Evaluating it at the estimate alone would hide the systematic error of a w
  that is off: a climatological 1.89 +- 0.95 g cm-2 gives an SC model term of 0.93 K at w = 1.89 but 1.33 K
  as the RMS over the w it may be. The rule is the GUM's for inputs whose effect is non-linear (JCGM
  100:2008, §5.1.2 and its note: higher-order terms where non-linearity is significant) applied to the
  one input that is uncertain; with sigma_w = 0 the term is the model error at w as before.
Every function returns a dict of components in kelvin plus "total"; units: radiance W m-2 sr-1 um-1.

Precision and cost (issue 15): ``sw_components``, ``sw_model_sigma``, ``model_sigma_over_w`` and
``adjacency_sigma`` compute in the precision of their array inputs (``lst.work_dtype``): float32 in the
block loop (components of 0.05-3 K carry float32 rounding of ~1e-7 K; the emissivity term's cancellation
between correlated bands loses at most a factor of ten of that), float64 for scalars and float64 arrays
(the tests' numerical derivatives). ``rte_components`` and ``sc_components`` stay float64 (see core.lst).
A scene-wide w and sigma_w (user value, climatology, image estimate) arrive as scalars: the model term is
then one number per block, evaluated once (three Gauss-Hermite nodes), not three times per pixel.
"""

from __future__ import annotations

import numpy as np

from .lst import SC_PSI_B10, SW_C, psi, psi_derivative, scalar_or_array, single_channel, sw_inputs, work_dtype
from .radiometry import brightness_temperature, planck_derivative

NEDT_K = {"lwir11": 0.05, "lwir12": 0.05}
CALIBRATION_K = {"lwir11": 0.2, "lwir12": 0.4}
RHO_EPS = 0.9
ADJACENCY_K = 1.5
ADJACENCY_KM = 0.5
SC_MODEL_K_AT_W2 = 1.0  # JM 2009: RMSE below 1 K for w < 2 g cm-2
SC_LINEARISATION_K = 0.2
SC_MODEL_DESCRIPTION = "hypot(0.2 K, 1.0 K (psi1(w) - 1) / (psi1(2) - 1)), RMS over w +- sigma_w"


def sc_model_sigma(w) -> np.ndarray:
    """SC model error at water vapour w (see the module docstring)."""
    opacity = psi(w, SC_PSI_B10)[0] - 1.0
    at_w2 = psi(2.0, SC_PSI_B10)[0] - 1.0
    return np.hypot(SC_LINEARISATION_K, SC_MODEL_K_AT_W2 * opacity / at_w2)


SW_MODEL_SIGMA = 0.8  # K at w <= SW_MODEL_W0
SW_MODEL_W0 = 2.0
SW_MODEL_SLOPE = 0.35  # K per g cm-2 above SW_MODEL_W0
SW_MODEL_DESCRIPTION = "0.8 K + 0.35 K per g/cm2 of w above 2 g/cm2, RMS over w +- sigma_w"


def sw_model_sigma(w) -> np.ndarray:
    """SW model error at water vapour w (see the module docstring); float32 w stays float32."""
    w = np.asarray(w, dtype=work_dtype(w))
    return SW_MODEL_SIGMA + SW_MODEL_SLOPE * np.maximum(w - SW_MODEL_W0, 0.0)


# Three-point Gauss-Hermite rule for a normal variable: (offset in sigmas, weight); see the module docstring.
GAUSS_HERMITE_3 = ((0.0, 2.0 / 3.0), (float(np.sqrt(3.0)), 1.0 / 6.0), (-float(np.sqrt(3.0)), 1.0 / 6.0))


def model_sigma_over_w(model_sigma, w, sigma_w) -> np.ndarray:
    """RMS of ``model_sigma(w')`` over w' ~ N(w, sigma_w^2), w' >= 0 (see the module docstring).

    Scalars give a 0-d result (one evaluation per block); float32 arrays stay float32."""
    f = work_dtype(w, sigma_w)
    w = np.asarray(w, dtype=f)
    s = np.nan_to_num(np.asarray(sigma_w, dtype=f))
    var = sum(wt * np.square(model_sigma(np.maximum(w + k * s, 0.0))) for k, wt in GAUSS_HERMITE_3)
    return np.sqrt(var)


def adjacency_sigma(cloud_distance_km) -> np.ndarray:
    """Extra error near clouds; 0 where the distance is unknown (NaN: no cloud in the scene)."""
    d = np.asarray(cloud_distance_km, dtype=work_dtype(cloud_distance_km))
    out = ADJACENCY_K * np.exp(-d / ADJACENCY_KM)
    return np.where(np.isfinite(out), out, 0.0)


def _radiance_sigma(bt, k1, k2, sigma_k):
    """Radiance error equivalent to ``sigma_k`` kelvin at brightness temperature ``bt``."""
    return planck_derivative(bt, k1, k2) * sigma_k


def total(components: dict[str, np.ndarray], exclude: tuple[str, ...] = ()) -> np.ndarray:
    return np.sqrt(sum(np.square(v) for k, v in components.items() if k not in exclude))


def rte_components(
    radiance,
    eps,
    sigma_eps,
    tau: float,
    lu: float,
    ld: float,
    sigma_atm: tuple[float, float, float],
    k1: float,
    k2: float,
    nedt: float = NEDT_K["lwir11"],
    calibration: float = CALIBRATION_K["lwir11"],
    correlations: tuple[float, float, float] | None = None,
) -> dict[str, np.ndarray]:
    """Components of sigma_Ts for RTE: noise, calibration, emissivity, tau, lu, ld, atmosphere.

    ``atmosphere`` combines tau/Lu/Ld with ``correlations`` (rho_tau_lu, rho_tau_ld, rho_lu_ld), or
    independently when None; only ``atmosphere`` (not its parts) enters the total.
    """
    L = np.asarray(radiance, dtype=np.float64)
    eps = np.asarray(eps, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        b = (L - lu - tau * (1.0 - eps) * ld) / (tau * eps)
        ts = brightness_temperature(b, k1, k2).astype(np.float64)
        dbdt = planck_derivative(ts, k1, k2)
        bt = brightness_temperature(L, k1, k2).astype(np.float64)
        d_l = 1.0 / (tau * eps)
        d_eps = -(L - lu - tau * ld) / (tau * eps * eps)
        d_tau = -(L - lu) / (tau * tau * eps)
        d_lu = -1.0 / (tau * eps)
        d_ld = -(1.0 - eps) / eps
        s_tau, s_lu, s_ld = sigma_atm
        a, u, d = d_tau * s_tau, d_lu * s_lu, d_ld * s_ld
        if correlations is None:
            var_atm = a * a + u * u + d * d
        else:
            r_tu, r_td, r_ud = correlations
            var_atm = a * a + u * u + d * d + 2 * (r_tu * a * u + r_td * a * d + r_ud * u * d)
        comps = {
            "noise": np.abs(d_l * _radiance_sigma(bt, k1, k2, nedt)) / dbdt,
            "calibration": np.abs(d_l * _radiance_sigma(bt, k1, k2, calibration)) / dbdt,
            "emissivity": np.abs(d_eps * sigma_eps) / dbdt,
            "tau": np.abs(a) / dbdt,
            "lu": np.abs(u) / dbdt,
            "ld": np.abs(d) / dbdt,
            "atmosphere": np.sqrt(np.maximum(var_atm, 0.0)) / dbdt,
        }
    comps["total"] = total(comps, exclude=("tau", "lu", "ld"))
    return comps


def sc_components(
    radiance,
    eps,
    sigma_eps,
    w: float,
    sigma_w: float,
    k1: float,
    k2: float,
    nedt: float = NEDT_K["lwir11"],
    calibration: float = CALIBRATION_K["lwir11"],
) -> dict[str, np.ndarray]:
    """Components of sigma_Ts for the JM 2014 single-channel algorithm."""
    L = np.asarray(radiance, dtype=np.float64)
    eps = np.asarray(eps, dtype=np.float64)
    bt = brightness_temperature(L, k1, k2).astype(np.float64)
    # dTs/dL by a central difference of the algorithm itself (gamma and delta depend on L too)
    h = 1e-3
    d_l = (single_channel(L + h, eps, w, k1, k2) - single_channel(L - h, eps, w, k1, k2)) / (2 * h)
    gamma = bt * bt / (1324.0 * L)
    p1, p2, _ = psi(w, SC_PSI_B10)
    q1, q2, q3 = psi_derivative(w, SC_PSI_B10)
    with np.errstate(divide="ignore", invalid="ignore"):
        d_eps = -gamma * (p1 * L + p2) / (eps * eps)
        d_w = gamma * ((q1 * L + q2) / eps + q3)
    shape = np.broadcast(L, eps).shape
    comps = {
        "noise": np.abs(d_l * _radiance_sigma(bt, k1, k2, nedt)),
        "calibration": np.abs(d_l * _radiance_sigma(bt, k1, k2, calibration)),
        "emissivity": np.abs(d_eps * sigma_eps),
        "atmosphere": np.abs(d_w * sigma_w),
        "model": np.broadcast_to(model_sigma_over_w(sc_model_sigma, w, sigma_w), shape),
    }
    comps["total"] = total(comps)
    return comps


def sw_components(
    t10,
    t11,
    eps10,
    eps11,
    sigma_eps10,
    sigma_eps11,
    w: float,
    sigma_w: float,
    nedt: tuple[float, float] = (NEDT_K["lwir11"], NEDT_K["lwir12"]),
    calibration: tuple[float, float] = (CALIBRATION_K["lwir11"], CALIBRATION_K["lwir12"]),
    rho_eps: float = RHO_EPS,
    c=SW_C,
) -> dict[str, np.ndarray]:
    """Components of sigma_Ts for the JM 2014 split-window (brightness temperatures in K), in the
    precision of the array inputs; scalar w and sigma_w give a model term evaluated once."""
    f = work_dtype(t10, t11, eps10, eps11, sigma_eps10, sigma_eps11)
    t10, dt, e10, e11 = sw_inputs(t10, t11, eps10, eps11, f)
    sigma_eps10, sigma_eps11 = scalar_or_array(sigma_eps10, f), scalar_or_array(sigma_eps11, f)
    w, sigma_w = scalar_or_array(w, f), scalar_or_array(sigma_w, f)
    d10 = 1.0 + c[1] + 2.0 * c[2] * dt
    d11 = -c[1] - 2.0 * c[2] * dt
    a = c[3] + c[4] * w
    b = c[5] + c[6] * w
    de10 = -a / 2.0 + b
    de11 = -a / 2.0 - b
    u10, u11 = de10 * sigma_eps10, de11 * sigma_eps11
    var_eps = u10 * u10 + u11 * u11 + 2.0 * rho_eps * u10 * u11
    d_w = c[4] * (1.0 - 0.5 * (e10 + e11)) + c[6] * (e10 - e11)
    comps = {
        "noise": np.hypot(d10 * nedt[0], d11 * nedt[1]),
        "calibration": np.hypot(d10 * calibration[0], d11 * calibration[1]),
        "emissivity": np.sqrt(np.maximum(var_eps, 0.0)),
        "atmosphere": np.abs(d_w * sigma_w),
        "model": np.broadcast_to(
            np.asarray(model_sigma_over_w(sw_model_sigma, w, sigma_w), dtype=f),
            np.broadcast(t10, e10, w, sigma_w).shape,
        ),
    }
    comps["total"] = total(comps)
    return comps
