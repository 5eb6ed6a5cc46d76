"""Land surface temperature algorithms (kelvin in, kelvin out), array in / array out, no I/O.

- RTE: inversion of the radiative transfer equation for one band (Barsi, Barker & Schott 2003, IGARSS,
  doi:10.1109/IGARSS.2003.1294665):  L = tau [eps B(Ts) + (1 - eps) Ld] + Lu.
- SC: generalized single-channel algorithm, Jiménez-Muñoz & Sobrino (2003) JGR 108(D22):4688,
  doi:10.1029/2003JD003480, with the Landsat-8 TIRS B10 coefficients of Jiménez-Muñoz, Sobrino, Skoković,
  Mattar & Cristóbal (2014) IEEE GRSL 11(10):1840-1843, doi:10.1109/LGRS.2014.2312032 ("JM 2014").
- SW: split-window of JM 2014 for B10/B11 (c1 = 1.378; pylandtemp's 1.387 is a transposition).

Not here: the B10 single-channel variant whose atmospheric functions use near-surface air temperature as
well as w (Cristóbal et al. 2018, Remote Sens. 10(3):431, doi:10.3390/rs10030431). Its coefficient table
was not available to us and is not invented. Searched twice (2026-12-04): web-page, documentation, code and
issue corpora ("Cristobal 2018 single channel Landsat 8 air temperature water vapour coefficients", "psi
functions Ta w", the MDPI address, Galve et al. 2022's intercomparison); exact strings "rs10030431",
"Cristobal et al. 2018", "Cristóbal et al., 2018", "Improved Single-Channel Method", "Cristobal2018" in public
code: only the abstract and the first page of a copy of the paper, no implementation (the Earth Engine and
Python/R LST toolboxes found — Ermida et al. 2020 SMW, Nill 2019, pylandtemp, R LST — use w-only functions). ``core.retrieval``
records ERA5 t2m in the metadata, and the sample's ERA5 t2m is physical (sample/era5.py), so it can be added
and benchmarked once the table is at hand.

Precision (issue 15): ``split_window`` computes in the precision of its array inputs (``work_dtype``):
float32 in the block loop, whose brightness temperatures and emissivities are float32 (an LST of 300 K
carries float32 rounding of ~3e-5 K per operation, far below the 0.01 K of the delivered LST), and float64
for scalars and float64 arrays, so that the numerical derivatives of the uncertainty tests (steps of 1e-5)
are not swamped by rounding. ``rte`` and ``single_channel`` stay float64: RTE divides by tau eps and
subtracts path radiances of similar size, and the single-channel uncertainty differentiates the algorithm
numerically (``uncertainty.sc_components``, a 1e-3 radiance step), both sensitive to float32 rounding.
"""

from __future__ import annotations

import numpy as np

from .radiometry import brightness_temperature

JM2014 = "Jiménez-Muñoz et al. 2014, IEEE GRSL 11(10):1840-1843, doi:10.1109/LGRS.2014.2312032"
RTE_CITATION = "Barsi, Barker & Schott 2003, IGARSS, doi:10.1109/IGARSS.2003.1294665 (RTE inversion)"

# JM 2014 Table: atmospheric functions psi_k = ck1 w^2 + ck2 w + ck3 for TIRS B10 (w in g cm-2).
SC_PSI_B10 = (
    (0.04019, 0.02916, 1.01523),
    (-0.38333, -1.50294, 0.20324),
    (0.00918, 1.36072, -0.27514),
)
# JM 2014 approximation gamma ~ T^2 / (b_gamma L), delta ~ T - T^2 / b_gamma with b_gamma = 1324 K for B10.
SC_B_GAMMA_B10 = 1324.0
# Exact gamma/delta (JM 2009, IEEE TGRS 47:339-349): Planck constants and B10 effective wavelength.
PLANCK_C1 = 1.19104e8  # W um4 m-2 sr-1
PLANCK_C2 = 14387.7  # um K
B10_WAVELENGTH_UM = 10.904

# JM 2014 split-window coefficients c0..c6.
SW_C = (-0.268, 1.378, 0.183, 54.30, -2.238, -129.20, 16.40)


def work_dtype(*values) -> type:
    """float32 when every array among ``values`` is float32 (the block loop's inputs), float64 otherwise
    (scalars, float64 or integer arrays): the precision a per-pixel formula computes in."""
    arrays = [np.asarray(v) for v in values if np.ndim(v) > 0]
    return np.float32 if arrays and all(a.dtype == np.float32 for a in arrays) else np.float64


def scalar_or_array(value, dtype):
    """A 0-d input as a Python float (it keeps the arrays' precision under NumPy 1 and 2 casting rules),
    an array as ``dtype``."""
    return float(value) if np.ndim(value) == 0 else np.asarray(value, dtype=dtype)


def rte(radiance, eps, tau, lu, ld, k1: float, k2: float) -> np.ndarray:
    """Ts from at-sensor radiance by inverting L = tau [eps B(Ts) + (1 - eps) Ld] + Lu."""
    L = np.asarray(radiance, dtype=np.float64)
    eps = np.asarray(eps, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        b = (L - lu - tau * (1.0 - eps) * ld) / (tau * eps)
    return brightness_temperature(b, k1, k2)


def psi(w, coefficients=SC_PSI_B10) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(psi1, psi2, psi3) of JM 2014 for water vapour ``w`` g cm-2."""
    w = np.asarray(w, dtype=np.float64)
    return tuple(c[0] * w * w + c[1] * w + c[2] for c in coefficients)


def psi_derivative(w, coefficients=SC_PSI_B10) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    w = np.asarray(w, dtype=np.float64)
    return tuple(2.0 * c[0] * w + c[1] for c in coefficients)


def sc_gamma_delta(radiance, bt, exact: bool = False, wavelength_um: float = B10_WAVELENGTH_UM):
    """(gamma, delta) of the single-channel algorithm; approximate JM 2014 form unless ``exact``."""
    L = np.asarray(radiance, dtype=np.float64)
    T = np.asarray(bt, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        if exact:
            lam = wavelength_um
            gamma = 1.0 / ((PLANCK_C2 * L / (T * T)) * (lam**4 * L / PLANCK_C1 + 1.0 / lam))
        else:
            gamma = T * T / (SC_B_GAMMA_B10 * L)
        delta = T - gamma * L
    return gamma, delta


def single_channel(radiance, eps, w, k1: float, k2: float, exact: bool = False) -> np.ndarray:
    """Ts = gamma [(psi1 L + psi2) / eps + psi3] + delta (JM 2014, B10)."""
    L = np.asarray(radiance, dtype=np.float64)
    bt = brightness_temperature(L, k1, k2)
    gamma, delta = sc_gamma_delta(L, np.asarray(bt, dtype=np.float64), exact)
    p1, p2, p3 = psi(w)
    with np.errstate(divide="ignore", invalid="ignore"):
        return gamma * ((p1 * L + p2) / np.asarray(eps, dtype=np.float64) + p3) + delta


def sw_inputs(t10, t11, eps10, eps11, f) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(T10, T10 - T11, eps10, eps11) as arrays of dtype ``f``: the split-window's inputs, shared with its
    uncertainty (uncertainty.sw_components)."""
    t10 = np.asarray(t10, dtype=f)
    return t10, t10 - np.asarray(t11, dtype=f), np.asarray(eps10, dtype=f), np.asarray(eps11, dtype=f)


def split_window(t10, t11, eps10, eps11, w, c=SW_C) -> np.ndarray:
    """JM 2014 split-window: brightness temperatures of B10/B11 (K), their emissivities, w (g cm-2).

    Computed in the precision of the array inputs (``work_dtype``, see the module docstring): float32 in
    the block loop, float64 for scalars, which the uncertainty tests differentiate numerically."""
    f = work_dtype(t10, t11, eps10, eps11)
    t10, dt, e10, e11 = sw_inputs(t10, t11, eps10, eps11, f)
    w = scalar_or_array(w, f)
    mean_eps = 0.5 * (e10 + e11)
    d_eps = e10 - e11
    return (
        t10
        + c[1] * dt
        + c[2] * dt * dt
        + c[0]
        + (c[3] + c[4] * w) * (1.0 - mean_eps)
        + (c[5] + c[6] * w) * d_eps
    )


def choose_algorithm(requested: str, has_profile: bool, lwir12_usable: bool) -> str:
    """The algorithm to run: the requested one, or for 'auto' RTE > SW > SC (see options.ALGORITHMS)."""
    if requested != "auto":
        return requested
    if has_profile:
        return "RTE"
    return "SW" if lwir12_usable else "SC"
